"""Plans, pace, replanning and study time for a learner of advanced-ai (issue 4's examples).

The rules are checked on a record in memory (:class:`tests.learner.Learner`); what the
command line prints, refuses and writes to the file is checked through the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from roadmap_tracker.cli import terminal

from .conftest import Run
from .learner import Learner

M1 = [
    "m1/attention-from-scratch",
    "m1/minimal-vit",
    "m1/fine-tune-vit",
    "m1/vit-vs-cnn",
    "m1/portfolio",
]


def as_json(result: Any) -> Any:
    return json.loads(result.stdout)


def windows(view: Any) -> dict[str, Any]:
    return {m["id"]: m for m in view["modules"]}


def m1_items(run: Run) -> list[str]:
    shown = as_json(run("status", "--json"))
    assert windows(shown)["m1"]["total"] == 10
    upcoming = as_json(run("next", "--from", "2026-01-05", "-n", "10", "--json"))
    return [task["id"] for task in upcoming["tasks"]]


@pytest.fixture
def learner() -> Learner:
    """A learner of advanced-ai from Monday 2026-01-05, at its 10 hours a week, in memory."""
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    return learner


def test_issue_dates_at_ten_and_five_hours() -> None:
    learner = Learner()
    started = learner.start("advanced-ai", "2026-01-05", hours=10)
    assert windows(started)["m1"]["end"] == "2026-03-01"
    assert windows(started)["m7"]["end"] == "2027-02-14"
    again = learner.start("advanced-ai", "2026-01-05", hours=5, restart=True)
    assert windows(again)["m1"]["end"] == "2026-04-26"


def test_behind_on_march_16_with_module_1_overdue(run: Run) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05", "--hours-per-week", "10")
    status = as_json(run("status", "--week", "2026-03-16", "--json"))
    assert status["days_ahead"] < -60
    (late,) = status["overdue"]
    assert (late["kind"], late["ref"], late["date"]) == ("module-end", "m1", "2026-03-01")
    assert late["days_late"] == 15 and len(late["open_items"]) == 10
    # next puts module 1's open items first, under the overdue milestone.
    upcoming = as_json(run("next", "--from", "2026-03-16", "-n", "3", "--json"))
    assert [o["ref"] for o in upcoming["overdue"]] == ["m1"]
    assert [i["id"] for i in upcoming["overdue_items"]] == M1[:3]
    assert upcoming["tasks"] == []
    text = run("status", "--week", "2026-03-16").stdout
    assert "70 days behind" in text and "Overdue" in text
    # The last day of module 1 is not yet late.
    assert as_json(run("status", "--week", "2026-03-01", "--json"))["overdue"] == []


def test_pace_counts_done_work_and_projects_a_finish(learner: Learner) -> None:
    learner.check(*M1[:2], on="2026-01-06")
    learner.check(*M1[2:4], on="2026-01-13")
    status = learner.status("2026-01-18")
    # 4 items in the two weeks since the start: 2 a week; 66 left take 33 weeks.
    assert status["items_per_week"] == 2
    assert status["projected_finish"] == "2026-09-06"  # 2026-01-18 + 231 days
    # Each m1 item stands for 5.6 planned days: 22.4 credited, 13 days of the plan elapsed.
    assert status["days_ahead"] == 9
    assert status["planned_percent"] == round(100 * (13 / 56) * 10 / 70, 1)
    quiet = learner.status("2026-04-30")
    assert quiet["items_per_week"] == 0 and quiet["projected_finish"] is None


def test_replan_with_fewer_hours_from_the_start_equals_starting_with_them(
    learner: Learner,
) -> None:
    changed = learner.replan("2026-01-05", hours=5)
    assert windows(changed)["m1"]["end"] == "2026-04-26"
    assert changed["hours_per_week"] == 5
    status = learner.status("2026-01-05")
    assert status["hours_per_week"] == 5 and status["end"] == "2028-03-26"


def test_replan_keeps_finished_modules_and_every_event(enrolled: Run, progress_file: Path) -> None:
    items = m1_items(enrolled)
    enrolled("check", *items, "--on", "2026-03-10")  # m1 done, 9 days late
    enrolled("log", "2", "--on", "2026-03-10")
    before = progress_file.read_text(encoding="utf-8").splitlines()
    changed = as_json(enrolled("replan", "--from", "2026-03-16", "--json"))
    after = progress_file.read_text(encoding="utf-8").splitlines()
    # Nothing was rewritten: the old lines are all there, one replan event is added.
    assert after[: len(before)] == before and len(after) == len(before) + 1
    assert '"action": "replan"' in after[-1] and '"on": "2026-03-16"' in after[-1]
    plan = windows(changed)
    assert (plan["m1"]["start"], plan["m1"]["end"]) == ("2026-01-05", "2026-03-01")
    assert (plan["m2"]["start"], plan["m2"]["end"]) == ("2026-03-16", "2026-05-10")
    assert changed["end_before"] == "2027-02-14" and changed["end"] == "2027-02-28"
    status = as_json(enrolled("status", "--week", "2026-03-16", "--json"))
    assert status["done"] == 10 and status["days_ahead"] == 0 and status["overdue"] == []
    # The original plan is in the history: the timeline lists the re-baseline.
    plan_view = as_json(enrolled("plan", "--on", "2026-03-16", "--json"))
    assert plan_view["replans"] == [["2026-03-16", 10.0]]


def test_replan_refuses_a_date_before_the_start(enrolled: Run, progress_file: Path) -> None:
    before = progress_file.read_bytes()
    result = enrolled("replan", "--from", "2025-12-31", code=1)
    assert "before your enrollment in advanced-ai starts, on 2026-01-05" in result.stderr
    assert "'roadmap start advanced-ai --on 2025-12-31'" in result.stderr
    result = enrolled("replan", "--hours-per-week", "0", code=1)
    assert "Traceback" not in result.stderr
    assert progress_file.read_bytes() == before


def test_include_and_exclude_the_optional_module(enrolled: Run, progress_file: Path) -> None:
    added = as_json(enrolled("include", "m8", "--json"))
    assert (added["total_before"], added["total"]) == (70, 80)
    assert added["end"] == "2027-04-11"
    again = enrolled("include", "m8")
    assert "already in your plan" in again.stdout
    removed = as_json(enrolled("exclude", "m8", "--json"))
    assert removed["total"] == 70 and removed["end"] == "2027-02-14"
    before = progress_file.read_bytes()
    refused = enrolled("include", "m3", code=1)
    assert "'m3' is not an optional module of advanced-ai." in refused.stderr
    assert "m8  " in refused.stderr
    assert progress_file.read_bytes() == before


def test_log_compares_the_week_with_the_commitment(enrolled: Run) -> None:
    logged = as_json(
        enrolled(
            "log", "1.5", "--on", "2026-01-06", "--task", "attention", "--note", "heads", "--json"
        )
    )
    assert logged["task"] == "m1/attention-from-scratch" and logged["note"] == "heads"
    enrolled("log", "2", "--on", "2026-01-08")
    enrolled("log", "4", "--on", "2026-01-12")  # the next week
    assert (
        "3.5 h logged this week of 10 h planned"
        in enrolled("status", "--week", "2026-01-11").stdout
    )


def test_logged_time_counts_for_its_week_and_puts_its_task_in_progress(
    learner: Learner,
) -> None:
    learner.log(1.5, "2026-01-06", task="attention")
    learner.log(2, "2026-01-08")
    learner.log(4, "2026-01-12")  # the next week
    status = learner.status("2026-01-11")
    assert status["hours_this_week"] == 3.5 and status["hours_per_week"] == 10
    # Time logged on an open task puts it first in next, as in progress.
    upcoming = learner.next("2026-01-12", 2)
    assert [i["id"] for i in upcoming["in_progress"]] == ["m1/attention-from-scratch"]
    assert upcoming["in_progress"][0]["hours"] == 1.5
    assert [i["id"] for i in upcoming["tasks"]] == ["m1/minimal-vit"]


def test_bad_log_input_changes_nothing(enrolled: Run, progress_file: Path) -> None:
    before = progress_file.read_bytes()
    for args, message in [
        (("0",), "0 is not a possible number of hours for one day."),
        (("25",), "25 is not a possible number of hours for one day."),
        (("-1",), None),
        (("2", "--on", "2026-11-22"), "is in the future"),
        (("2", "--on", "2026-02-30"), "is not a valid date"),
        (("2", "--task", "atention from scrach"), "No item of advanced-ai matches"),
        (("many",), "'many' is not a length of time roadmap reads."),
    ]:
        result = enrolled("log", *args, code=2 if message is None else 1)
        assert "Traceback" not in result.stderr
        if message:
            assert message in result.stderr
    assert progress_file.read_bytes() == before


def test_plan_timeline_reads_at_60_columns(enrolled: Run, monkeypatch: Any) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    terminal.console.cache_clear()
    enrolled("check", *M1, "--on", "2026-01-20")
    text = enrolled("plan", "--on", "2026-03-16").stdout
    lines = text.splitlines()
    assert all(len(line) <= 60 for line in lines), text
    m1 = next(line for line in lines if line.lstrip().startswith("m1 "))
    assert "█" in m1 and "2026-03-01" in m1 and "5/10" in m1
    assert all("│" in line for line in lines if line.lstrip().startswith(("m2", "m3", "p2")))
    assert "today 2026-03-16" in " ".join(text.split())  # (the legend may wrap before the day)
    view = as_json(enrolled("plan", "--on", "2026-03-16", "--json"))
    assert [r["id"] for r in view["rows"]][:3] == ["p1", "m1", "m2"]
    assert view["rows"][0]["done"] == 5 and view["rows"][0]["total"] == 20


def test_choice_is_due_when_its_phase_comes(run: Run) -> None:
    run("start", "complete-ai-engineer", "--on", "2026-01-31")
    plan = as_json(run("plan", "--json"))
    (p2,) = [row for row in plan["rows"] if row["id"] == "p2"]
    opens = dt.date.fromisoformat(p2["start"])
    early = as_json(run("next", "--from", (opens - dt.timedelta(8)).isoformat(), "--json"))
    assert early["choices"] == []
    due = as_json(run("next", "--from", (opens - dt.timedelta(7)).isoformat(), "--json"))
    (choice,) = due["choices"]
    assert choice["id"] == "p2-framework" and choice["recommended"] == "p2-pytorch"
    assert [o["id"] for o in choice["options"]] == ["p2-pytorch", "p2-tensorflow"]
    text = run("next", "--from", opens.isoformat()).stdout
    assert "roadmap choose p2-framework OPTION" in " ".join(text.split())
    run("choose", "p2-framework", "p2-pytorch", "--on", opens.isoformat())
    assert as_json(run("next", "--from", opens.isoformat(), "--json"))["choices"] == []


def test_a_check_just_after_midnight_in_summer_time_counts_for_the_local_day(
    enrolled: Run, progress_file: Path
) -> None:
    import time_machine

    # 00:30 on Monday 2026-03-30 in Berlin, the night after it moved to summer time; in
    # UTC it is still Sunday (22:30).
    berlin = ZoneInfo("Europe/Berlin")
    with time_machine.travel(dt.datetime(2026, 3, 30, 0, 30, tzinfo=berlin), tick=False):
        checked = as_json(enrolled("check", M1[0], "--json"))
        assert checked["on"] == "2026-03-30"
        monday = as_json(enrolled("status", "--week", "2026-03-30", "--json"))
        assert monday["completed_this_week"] == [M1[0]]
        sunday = as_json(enrolled("status", "--week", "2026-03-29", "--json"))
        assert sunday["completed_this_week"] == []
    assert '"at": "2026-03-30T00:30:00+02:00"' in progress_file.read_text(encoding="utf-8")
    # The week after the change still has seven days: m2's window is 8 weeks exactly.
    m2 = windows(sunday)["m2"]
    span = dt.date.fromisoformat(m2["end"]) - dt.date.fromisoformat(m2["start"])
    assert span.days == 55


def test_bad_choices_change_nothing(run: Run, progress_file: Path) -> None:
    run("start", "complete-ai-engineer", "--on", "2026-01-31")
    before = progress_file.read_bytes()
    unknown_group = run("choose", "framwork", "pytorch", code=1)
    assert "No choice group of complete-ai-engineer matches 'framwork'." in unknown_group.stderr
    assert "p2-framework  PyTorch or TensorFlow" in unknown_group.stderr
    unknown_option = run("choose", "p2-framework", "jax", code=1)
    assert "'jax' is not an option of p2-framework." in unknown_option.stderr
    assert "p2-tensorflow  " in unknown_option.stderr
    none_optional = run("include", "p0-python", code=1)
    assert "has no optional modules" in none_optional.stderr
    for result in (unknown_group, unknown_option, none_optional):
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) >= 2
    assert progress_file.read_bytes() == before
    # Choosing what is already chosen writes nothing either.
    run("choose", "p2-framework", "pytorch")
    chosen = progress_file.read_bytes()
    assert "already your choice" in run("choose", "p2-framework", "p2-pytorch").stdout
    assert progress_file.read_bytes() == chosen
