"""Dates and weeks (issue 23): nothing is recorded before an enrollment's start, ``start --on``
moves the start of an enrollment, every week is an ISO week (Monday to Sunday) whatever day
the learner started on, and no finish is projected from less than two weeks of record.

The rules run on a record in memory (:class:`tests.learner.Learner`); the command line's
refusals and exit codes are in tests/test_bad_input.py, the README's tour in
tests/test_transcripts.py. The tests' clock says 2026-11-21 (a Saturday).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import RoadmapError

from .learner import Learner


def enrolled(on: str = "2026-01-05", slug: str = "advanced-ai") -> Learner:
    learner = Learner()
    learner.start(slug, on)
    return learner


# Weeks ---------------------------------------------------------------------------------------


def test_a_sunday_start_counts_the_same_iso_weeks_in_status_log_stats_and_start() -> None:
    learner = Learner()
    started = learner.start("advanced-ai", "2026-01-04")  # a Sunday
    learner.log(1.5, "2026-01-04")
    logged = learner.log(2, "2026-01-07")
    learner.check("m1/minimal-vit", on="2026-01-07")
    sunday = learner.status("2026-01-04")
    friday = learner.status("2026-01-09")
    stats = learner.stats("2026-01-09")

    # Week 1 is the ISO week holding the start, Monday 2025-12-29 to Sunday 2026-01-04, even
    # though only its Sunday is planned; Monday 2026-01-05 begins week 2.
    assert (sunday["week"], sunday["week_start"], sunday["week_end"]) == (
        1,
        "2025-12-29",
        "2026-01-04",
    )
    assert (friday["week"], friday["week_start"], friday["week_end"]) == (
        2,
        "2026-01-05",
        "2026-01-11",
    )
    assert logged["week_start"] == friday["week_start"]
    # stats counts the same two weeks, none before the start's.
    assert [(w["week"], w["start"], w["end"]) for w in stats["weeks_shown"]] == [
        ("2026-W01", "2025-12-29", "2026-01-04"),
        ("2026-W02", "2026-01-05", "2026-01-11"),
    ]
    assert [w["hours"] for w in stats["weeks_shown"]] == [1.5, 2.0]
    assert sunday["hours_this_week"] == stats["weeks_shown"][0]["hours"]
    assert friday["hours_this_week"] == stats["weeks_shown"][1]["hours"]
    assert friday["completed_this_week"] == ["m1/minimal-vit"]
    assert stats["weeks_shown"][1]["items"] == 1

    # 58 weeks of modules from Sunday 2026-01-04 end Saturday 2027-02-13 (406 days). The ISO
    # weeks from the one of 2025-12-29 to the one of 2027-02-08 are (364 + 42) / 7 + 1 = 59.
    assert started["end"] == "2027-02-13"
    assert started["weeks_total"] == friday["weeks_total"] == 59
    assert learner.status("2027-02-13")["week"] == 59  # "week N of M" ends at M
    assert learner.plan("2026-01-09")["start"] == "2026-01-04"


def test_a_monday_start_keeps_its_weeks() -> None:
    learner = Learner()
    started = learner.start("advanced-ai", "2026-01-05")
    # 58 weeks from Monday 2026-01-05: 406 days to Sunday 2027-02-14, 58 ISO weeks.
    assert (started["end"], started["weeks_total"]) == ("2027-02-14", 58)
    assert learner.status("2026-01-11")["week"] == 1
    assert learner.status("2026-01-12")["week"] == 2
    assert learner.status("2027-02-14")["week"] == 58
    # The day before the start: not enrolled yet then, and the error says when it starts.
    with pytest.raises(
        RoadmapError, match="not enrolled in advanced-ai yet: it starts on 2026-01-05"
    ):
        learner.status("2026-01-04")


# Projections ---------------------------------------------------------------------------------


def test_no_finish_is_projected_from_less_than_two_weeks_of_record() -> None:
    learner = enrolled("2026-01-05")
    learner.check("m1/attention-from-scratch", "m1/minimal-vit", on="2026-01-06")
    early = learner.status("2026-01-17")  # 13 days of record, 2026-01-05 to 2026-01-17
    assert early["projected_finish"] is None
    assert early["projected_finish_reason"] == "too early to project"
    assert early["items_per_week"] == 1.08  # 2 items in 13 days: 2 / (13 / 7), rounded
    two_weeks = learner.status("2026-01-18")  # 14 days of record
    # 2 items in the 14 days since the start: 1 a week; 68 of 70 left: 68 weeks = 476 days
    # after 2026-01-18 (347 days to 2026-12-31, then 129 more: 2027-05-09).
    assert two_weeks["items_per_week"] == 1.0
    assert two_weeks["projected_finish"] == "2027-05-09"
    assert two_weeks["projected_finish_reason"] is None


def test_a_pace_of_zero_says_why_there_is_no_projection() -> None:
    learner = enrolled("2026-01-05")
    quiet = learner.status("2026-01-19")
    assert quiet["projected_finish"] is None
    assert quiet["projected_finish_reason"] == "no items done in the last four weeks"


# Nothing before the start --------------------------------------------------------------------

BEFORE_START: list[tuple[str, Callable[[Learner], Any]]] = [
    ("check", lambda learner: learner.check("m1/minimal-vit", on="2026-01-04")),
    ("uncheck", lambda learner: learner.mark("uncheck", "m1/minimal-vit", on="2026-01-04")),
    ("doing", lambda learner: learner.mark("doing", "m1/minimal-vit", on="2026-01-04")),
    ("skip", lambda learner: learner.mark("skip", "m1/minimal-vit", on="2026-01-04")),
    ("reset", lambda learner: learner.mark("reset", "m1/minimal-vit", on="2026-01-04")),
    ("a module", lambda learner: learner.check("m1", on="2026-01-04")),
    ("log", lambda learner: learner.log(1, "2026-01-04")),
    ("journal", lambda learner: learner.journal("Early.", "2026-01-04")),
    ("include", lambda learner: learner.include("m8", "2026-01-04")),
    ("exclude", lambda learner: learner.include("m8", "2026-01-04", exclude=True)),
    ("replan", lambda learner: learner.replan("2026-01-04", 8)),
]


@pytest.mark.parametrize("change", [c for _, c in BEFORE_START], ids=[n for n, _ in BEFORE_START])
def test_a_change_dated_before_the_start_is_refused_naming_the_start(
    change: Callable[[Learner], Any],
) -> None:
    learner = enrolled("2026-01-05")
    before = learner.events
    with pytest.raises(RoadmapError) as refused:
        change(learner)
    error = refused.value
    assert error.message == (
        "2026-01-04 is before your enrollment in advanced-ai starts, on 2026-01-05; "
        "nothing was written."
    )
    assert "'roadmap start advanced-ai --on 2026-01-04'" in (error.hint or "")
    assert learner.events == before


def test_the_start_day_itself_takes_changes() -> None:
    learner = enrolled("2026-01-05")
    learner.check("m1/minimal-vit", on="2026-01-05")
    learner.log(1, "2026-01-05")
    assert learner.status("2026-01-05")["done"] == 1


# Moving the start ----------------------------------------------------------------------------


def test_start_on_a_day_moves_the_start_of_an_enrollment_made_today() -> None:
    learner = enrolled("2026-11-21")  # the README's install command: enrolled today
    with pytest.raises(RoadmapError):
        learner.check("m1/attention-from-scratch", on="2026-01-07")
    moved = learner.start("advanced-ai", "2026-01-05", move=True)
    assert (moved["moved_from"], moved["start"], moved["changed"]) == (
        "2026-11-21",
        "2026-01-05",
        True,
    )
    assert (moved["end"], moved["weeks_total"]) == ("2027-02-14", 58)  # as enrolled then
    assert [e.action for e in learner.events] == ["start", "move"]
    learner.check("m1/attention-from-scratch", on="2026-01-07")
    status = learner.status("2026-01-09")
    assert (status["start"], status["week"], status["done"]) == ("2026-01-05", 1, 1)


def test_a_start_moves_forward_only_up_to_the_first_change() -> None:
    learner = enrolled("2026-01-05")
    learner.log(2, "2026-01-07")
    learner.check("m1/minimal-vit", on="2026-01-08")
    before = learner.events
    with pytest.raises(RoadmapError) as refused:
        learner.start("advanced-ai", "2026-01-10", move=True)
    assert "has changes dated from 2026-01-07" in refused.value.message
    assert "--restart" in (refused.value.hint or "")
    assert learner.events == before
    moved = learner.start("advanced-ai", "2026-01-07", move=True)  # the first change's day
    assert (moved["moved_from"], moved["start"]) == ("2026-01-05", "2026-01-07")
    # Everything recorded is kept: the check and the 2 hours of Wednesday's week.
    status = learner.status("2026-01-09")
    assert (status["done"], status["hours_this_week"]) == (1, 2.0)


def test_moving_to_the_day_it_starts_records_nothing() -> None:
    learner = enrolled("2026-01-05")
    same = learner.start("advanced-ai", "2026-01-05", move=True)
    assert (same["moved_from"], same["changed"]) == ("2026-01-05", False)
    assert len(learner.events) == 1


def test_start_without_a_day_still_refuses_an_enrollment_made_already() -> None:
    learner = enrolled("2026-01-05")
    with pytest.raises(RoadmapError) as refused:
        learner.start("advanced-ai", "2026-11-21")
    assert "--on YYYY-MM-DD" in (refused.value.hint or "")
    with pytest.raises(RoadmapError) as hours:
        learner.start("advanced-ai", "2026-01-01", hours=6, move=True)
    assert "roadmap replan --hours-per-week 6" in (hours.value.hint or "")
    assert len(learner.events) == 1


def test_a_move_keeps_the_hours_the_replans_and_the_active_enrollment() -> None:
    learner = enrolled("2026-01-05")
    learner.start("ai-study-plan", "2026-01-05", hours=6)  # now the active one
    learner.start("advanced-ai", "2025-12-29", move=True)
    progress = learner.record.progress
    assert progress.active == "ai-study-plan"
    enrollment = progress.enrollment("advanced-ai")
    assert enrollment is not None
    assert (enrollment.started.isoformat(), enrollment.hours_per_week) == ("2025-12-29", 10.0)


@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2400, 12, 31)),
    months=st.integers(min_value=-600, max_value=600),
)
def test_months_are_added_as_calendar_months(day: dt.date, months: int) -> None:
    """Plans in months end where dateutil's relativedelta puts them (2026-01-31 + 1 month is
    2026-02-28), without importing it on every start (clock.add_months, decision 70)."""
    from dateutil.relativedelta import relativedelta

    assert clock.add_months(day, months) == day + relativedelta(months=months)


def test_adding_months_past_the_calendar_raises_value_error() -> None:
    with pytest.raises(ValueError):
        clock.add_months(dt.date(9999, 12, 31), 1)
