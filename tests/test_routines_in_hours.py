"""Routines measured in hours (issue 23, item 7): complete-ai-engineer's "Learning routine
(2 hours/day)" (``routine/study``: daily, times 2, unit hours) counts the hours ``roadmap
log`` records on the day, with or without ``--task``; checking it is refused. Rules in
memory (tests/learner.py); the drawing through the CLI.
"""

from __future__ import annotations

from typing import Any

import pytest

from roadmap_tracker.base.errors import RoadmapError
from tests.conftest import Run
from tests.learner import Learner

ROUTINE = "routine/study"


def routine(view: dict[str, Any]) -> dict[str, Any]:
    (found,) = [a for a in view["recurring"] if a["id"] == ROUTINE]
    return found


@pytest.fixture
def learner() -> Learner:
    learner = Learner()
    learner.start("complete-ai-engineer", on="2026-01-05")
    return learner


def test_the_hours_logged_on_the_day_are_the_routines_progress(learner: Learner) -> None:
    learner.log(1.0, on="2026-01-07", task="p0-python/decorators")
    learner.log(0.5, on="2026-01-07")
    learner.log(3.0, on="2026-01-06")  # another day: not this day's
    today = routine(learner.status("2026-01-07"))
    # 1 h on a task + 0.5 h without one, of 2 h (times 2, once a day).
    assert (today["done"], today["expected"], today["measured"]) == (1.5, 2, "hours")
    assert (today["period_start"], today["period_end"]) == ("2026-01-07", "2026-01-07")
    yesterday = routine(learner.status("2026-01-06"))
    assert yesterday["done"] == 3.0  # more than asked: done
    assert routine(learner.status("2026-01-08"))["done"] == 0
    # 'next' shows it due today while the day's hours are short.
    assert routine(learner.next("2026-01-07"))["due"] == "2026-01-07"


def test_a_log_after_the_day_asked_does_not_count(learner: Learner) -> None:
    learner.log(1.0, on="2026-01-07")
    before = routine(learner.status("2026-01-07"))
    learner.log(2.0, on="2026-01-08")
    assert routine(learner.status("2026-01-07")) == before


def test_checking_a_routine_measured_in_hours_is_refused(learner: Learner) -> None:
    with pytest.raises(RoadmapError) as refused:
        learner.check(ROUTINE, on="2026-01-07")
    assert "measured in hours" in refused.value.message
    assert "roadmap log HOURS" in refused.value.message
    assert not [e for e in learner.events if e.action == "check"]  # nothing recorded


def test_status_draws_the_hours_of_the_day(run: Run) -> None:
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    run("log", "1.5", "--on", "2026-01-07")
    shown = run("status", "--week", "2026-01-07").stdout  # type: ignore[attr-defined]
    assert "Learning routine (2 hours/day) · daily 1.5 of 2 h today" in shown
    refused = run("check", ROUTINE, "--on", "2026-01-07", code=1)
    assert refused.stderr.startswith(  # type: ignore[attr-defined]
        f"Error: {ROUTINE} is measured in hours"
    )
