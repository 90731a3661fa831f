"""Pauses (issue 24, decision 41): paused days move the plan, are left out of pace and
streaks, and show in status, plan, stats and the calendar.

A learner of advanced-ai from Monday 2026-01-05 at its 10 hours a week: m1 runs 8 weeks,
2026-01-05 to 2026-03-01 (56 days), m2 the next 8, 2026-03-02 to 2026-04-26, and the plan
ends on 2027-02-14. The rules run in memory (:class:`tests.learner.Learner`); the refusal,
undo and the calendar through the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.base.errors import RoadmapError

from .conftest import Run
from .learner import Learner


def windows(view: Any) -> dict[str, Any]:
    return {m["id"]: m for m in view["modules"]}


def module_windows(view: Any) -> dict[str, Any]:
    """The module rows of ``plan --json`` by id."""
    return {row["id"]: row for row in view["rows"] if row["kind"] == "module"}


@pytest.fixture
def learner() -> Learner:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    return learner


def test_a_pause_moves_the_plan_after_it_by_its_days(learner: Learner) -> None:
    paused = learner.pause("2026-03-02", "2026-03-15")  # 14 days, between m1 and m2
    assert paused["summary"] == "Paused 2026-03-02 to 2026-03-15 (14 days)."
    assert (paused["end_before"], paused["end"]) == ("2027-02-14", "2027-02-28")  # + 14 days
    plan = module_windows(learner.plan("2026-03-20"))
    assert (plan["m1"]["start"], plan["m1"]["end"]) == ("2026-01-05", "2026-03-01")  # before it
    # m2 starts the day after the pause and keeps its 56 days: 2026-04-26 + 14 = 2026-05-10.
    assert (plan["m2"]["start"], plan["m2"]["end"]) == ("2026-03-16", "2026-05-10")
    assert learner.plan("2026-03-20")["pauses"] == [
        {"first": "2026-03-02", "last": "2026-03-15", "days": 14}
    ]


def test_a_pause_inside_a_module_lengthens_its_window(learner: Learner) -> None:
    learner.pause("2026-02-02", "2026-02-08")  # 7 days of m1
    plan = module_windows(learner.plan("2026-02-10"))
    # m1 keeps its start and ends 7 days later: 2026-03-01 + 7; m2 follows it.
    assert (plan["m1"]["start"], plan["m1"]["end"]) == ("2026-01-05", "2026-03-08")
    assert plan["m2"]["start"] == "2026-03-09"


def test_pace_does_not_move_across_a_pause_without_work(learner: Learner) -> None:
    before = learner.status("2026-03-02")
    learner.pause("2026-03-02", "2026-03-15")
    after = learner.status("2026-03-16")
    # Nothing done: 56 days of m1 planned by the start of 2026-03-02, and the same 56 by the
    # start of 2026-03-16, since the 14 days between are paused.
    assert before["days_ahead"] == after["days_ahead"] == -56
    assert before["planned_percent"] == after["planned_percent"]
    assert after["pauses"] == [{"first": "2026-03-02", "last": "2026-03-15", "days": 14}]
    # Without the pause the learner would be 70 days behind (56 + 14).
    other = Learner()
    other.start("advanced-ai", "2026-01-05")
    assert other.status("2026-03-16")["days_ahead"] == -70


def test_resuming_early_shortens_the_pause_and_the_shift(learner: Learner) -> None:
    learner.pause("2026-03-02", "2026-03-15")
    resumed = learner.resume("2026-03-09")
    assert resumed["summary"] == (
        "Resumed on 2026-03-09: the pause of 2026-03-02 to 2026-03-15 now ends on "
        "2026-03-08 (7 days)."
    )
    assert (resumed["end_before"], resumed["end"]) == ("2027-02-28", "2027-02-21")  # 14 -> 7
    plan = learner.plan("2026-03-20")
    assert plan["pauses"] == [{"first": "2026-03-02", "last": "2026-03-08", "days": 7}]
    assert module_windows(plan)["m2"]["start"] == "2026-03-09"
    # A resume on a pause's first day takes the whole pause back.
    learner.pause("2026-06-01", "2026-06-07")
    learner.resume("2026-06-01")
    assert [p["first"] for p in learner.plan("2026-06-10")["pauses"]] == ["2026-03-02"]


def test_two_pauses_add_up_and_a_pause_the_day_after_another_joins_it(learner: Learner) -> None:
    learner.pause("2026-03-02", "2026-03-15")  # 14 days
    learner.pause("2026-06-01", "2026-06-07")  # 7 days
    assert learner.status("2026-06-10")["end"] == "2027-03-07"  # 2027-02-14 + 21 days
    learner.pause("2026-06-08", "2026-06-14")  # extends the second: 14 days in all
    assert learner.plan("2026-06-20")["pauses"] == [
        {"first": "2026-03-02", "last": "2026-03-15", "days": 14},
        {"first": "2026-06-01", "last": "2026-06-14", "days": 14},
    ]
    assert learner.status("2026-06-20")["end"] == "2027-03-14"  # 2027-02-14 + 28 days


def test_overlapping_pauses_and_a_resume_outside_a_pause_are_refused(learner: Learner) -> None:
    learner.pause("2026-03-02", "2026-03-15")
    recorded = len(learner.events)
    with pytest.raises(RoadmapError, match="already paused from 2026-03-02 to 2026-03-15"):
        learner.pause("2026-03-10", "2026-03-20")
    with pytest.raises(RoadmapError, match="not paused on 2026-03-16"):
        learner.resume("2026-03-16")
    with pytest.raises(RoadmapError, match="before its first day"):
        learner.pause("2026-05-10", "2026-05-01")
    assert len(learner.events) == recorded


def test_a_pause_after_the_fact_counts_from_its_days(learner: Learner) -> None:
    # Recorded on the frozen clock's 2026-11-21 for March: in force from 2026-03-02.
    learner.pause("2026-03-02", "2026-03-15")
    assert learner.events[-1].at.date().isoformat() == "2026-11-21"
    assert learner.status("2026-03-10")["pauses"][0]["first"] == "2026-03-02"


def test_a_pause_before_the_start_is_refused(learner: Learner) -> None:
    with pytest.raises(RoadmapError, match="before your enrollment in advanced-ai starts"):
        learner.pause("2025-12-20", "2026-01-10")
    with pytest.raises(RoadmapError, match="before your enrollment in advanced-ai starts"):
        learner.resume("2026-01-04")
    assert [e.action for e in learner.events] == ["start"]


def test_a_pause_dated_later_leaves_an_earlier_day_as_it_was(learner: Learner) -> None:
    learner.check("m1/attention-from-scratch", on="2026-01-07")
    before = (learner.status("2026-02-20"), learner.plan("2026-02-20"), learner.stats("2026-02-20"))
    learner.pause("2026-03-02", "2026-03-15")
    learner.resume("2026-03-09")
    after = (learner.status("2026-02-20"), learner.plan("2026-02-20"), learner.stats("2026-02-20"))
    assert after == before
    assert learner.plan("2026-03-05")["pauses"][0]["last"] == "2026-03-15"  # before the resume
    assert learner.plan("2026-03-09")["pauses"][0]["last"] == "2026-03-08"


def test_paused_days_neither_break_nor_extend_a_streak(learner: Learner) -> None:
    for on in ("2026-02-27", "2026-02-28", "2026-03-01", "2026-03-16", "2026-03-17"):
        learner.log(1, on=on)
    assert learner.stats("2026-03-17")["streaks"]["current"] == 2  # broken by 14 idle days
    learner.pause("2026-03-02", "2026-03-15")
    learner.log(1, on="2026-03-05")  # studied on a paused day: it does not count either
    stats = learner.stats("2026-03-17")
    # 3 days before the pause and 2 after: one run of 5 study days across it.
    assert stats["streaks"]["current"] == 5
    assert (stats["streaks"]["current_start"], stats["streaks"]["current_end"]) == (
        "2026-02-27",
        "2026-03-17",
    )
    assert stats["paused_days"] == 14
    assert next(d["date"] for d in stats["days"] if d["paused"]) == "2026-03-02"
    # During the pause a streak that ended the day before it is still current, not broken.
    during = learner.stats("2026-03-10")["streaks"]
    assert (during["current"], during["pending"]) == (3, True)


def test_pause_before_the_start_is_refused_on_the_command_line(
    enrolled: Run, progress_file: Path
) -> None:
    written = progress_file.read_bytes()
    result: Any = enrolled("pause", "--on", "2025-12-29", "--until", "2026-01-11", code=1)
    assert "2025-12-29 is before your enrollment in advanced-ai starts" in result.stderr
    assert "Traceback" not in result.stderr
    assert progress_file.read_bytes() == written


def test_undo_takes_a_pause_back_and_the_calendar_holds_one_event_per_pause(
    enrolled: Run,
) -> None:
    enrolled("pause", "--on", "2026-03-02", "--until", "2026-03-15")
    calendar: Any = enrolled("export", "--format", "ics", "--on", "2026-03-20", "-o", "-")
    text = calendar.stdout.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20260302" in text
    assert "DTEND;VALUE=DATE:20260316" in text  # exclusive: the day after 2026-03-15
    uid = next(line for line in text.splitlines() if line.startswith("UID:pause-"))
    enrolled("resume", "--on", "2026-03-09")
    again: Any = enrolled("export", "--format", "ics", "--on", "2026-03-20", "-o", "-")
    shortened = again.stdout.replace("\r\n ", "")
    assert uid in shortened  # the same event, moved: its UID is keyed by its first day
    assert "DTEND;VALUE=DATE:20260309" in shortened
    enrolled("undo")  # the resume
    enrolled("undo")  # the pause
    status: Any = enrolled("status", "--week", "2026-03-20", "--json")
    assert json.loads(status.stdout)["pauses"] == []
    assert json.loads(status.stdout)["end"] == "2027-02-14"
