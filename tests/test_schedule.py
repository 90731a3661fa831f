"""Planned dates, pace and what comes next, computed from explicit dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tracker.curriculum.catalog import load_slug
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import schedule, upcoming
from roadmap_tracker.progress.ledger import Replan

MONDAY = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    return load_slug("advanced-ai")


def plan_for(
    curriculum: Curriculum,
    start: dt.date = MONDAY,
    hours: float | None = 10,
    include: list[str] | None = None,
) -> schedule.Plan:
    return schedule.make_plan(curriculum, start, hours, include or [])


def test_issue_example_dates(curriculum: Curriculum) -> None:
    plan = plan_for(curriculum)
    m1 = plan.module_window("m1")
    m7 = plan.module_window("m7")
    assert m1 is not None and (m1.start, m1.end) == (MONDAY, dt.date(2026, 3, 1))
    assert m7 is not None and m7.end == dt.date(2027, 2, 14)
    assert plan.end == dt.date(2027, 2, 14)
    assert schedule.weeks_total(plan) == 58


def test_phases_end_with_their_last_module(curriculum: Curriculum) -> None:
    plan = plan_for(curriculum)
    assert [(p.id, p.end) for p in plan.phases] == [
        ("p1", dt.date(2026, 4, 26)),
        ("p2", dt.date(2026, 8, 16)),
        ("p3", dt.date(2026, 10, 11)),
        ("p4", dt.date(2027, 2, 14)),
    ]


def test_optional_module_is_planned_only_when_included(curriculum: Curriculum) -> None:
    assert "m8" not in plan_for(curriculum).module_ids
    plan = plan_for(curriculum, include=["m8"])
    assert plan.module_ids[-1] == "m8"
    assert plan.end == dt.date(2027, 4, 11)
    assert schedule.weeks_total(plan) == 66
    assert plan.phases[-1].id == "optional"


def test_fewer_hours_stretch_the_plan(curriculum: Curriculum) -> None:
    half = plan_for(curriculum, hours=5)
    m1 = half.module_window("m1")
    assert half.scale == 2.0
    assert m1 is not None and m1.end == MONDAY + dt.timedelta(days=16 * 7 - 1)
    assert schedule.weeks_total(half) == 116
    # 12 h is the high end of the stated 10-12: the stated 58 weeks; 15 h is above it, so
    # every duration is 12/15 of its stated length and the plan ends earlier.
    assert plan_for(curriculum, hours=12).end == plan_for(curriculum).end
    assert plan_for(curriculum, hours=15).end < plan_for(curriculum).end  # type: ignore[operator]


@settings(max_examples=50, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)),
    hours=st.floats(min_value=1, max_value=60),
)
def test_modules_follow_each_other_without_gap_or_overlap(start: dt.date, hours: float) -> None:
    plan = plan_for(load_slug("advanced-ai"), start=start, hours=hours)
    assert plan.modules[0].start == start
    for before, after in zip(plan.modules, plan.modules[1:], strict=False):
        assert before.end is not None and after.start == before.end + dt.timedelta(days=1)
    assert plan.end == plan.modules[-1].end


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (dt.date(2026, 1, 4), 0),
        (MONDAY, 1),
        (dt.date(2026, 1, 11), 1),
        (dt.date(2026, 1, 12), 2),
        (dt.date(2027, 2, 14), 58),
    ],
)
def test_week_numbers(curriculum: Curriculum, day: dt.date, week: int) -> None:
    assert schedule.week_number(plan_for(curriculum), day) == week


def test_pace_in_days(curriculum: Curriculum) -> None:
    plan = plan_for(curriculum)
    m1_items = {item.id for item in curriculum.items_of("m1")}
    # Nothing done on the first day: on pace.
    assert schedule.days_ahead(curriculum, plan, set(), MONDAY) == 0
    # All of module 1 (56 planned days) done after 10 days: 46 days ahead.
    assert schedule.days_ahead(curriculum, plan, m1_items, MONDAY + dt.timedelta(10)) == 46
    # Nothing done after 14 days: 14 days behind.
    assert schedule.days_ahead(curriculum, plan, set(), MONDAY + dt.timedelta(14)) == -14
    # One item of ten in module 1 stands for 5.6 days.
    one = {"m1/attention-from-scratch"}
    assert schedule.days_ahead(curriculum, plan, one, dt.date(2026, 1, 7)) == 4


def test_work_before_the_start_counts_as_ahead(curriculum: Curriculum) -> None:
    plan = plan_for(curriculum)
    one = {"m1/attention-from-scratch"}
    assert schedule.days_ahead(curriculum, plan, one, MONDAY - dt.timedelta(30)) == 6


def test_next_respects_prerequisites(curriculum: Curriculum) -> None:
    plan = plan_for(curriculum)
    items, blocked = upcoming.next_items(curriculum, plan, set(), 20)
    assert [item.module_id for item in items] == ["m1"] * 10
    assert list(blocked) == ["m2", "m3", "m4", "m5", "m6", "m7"]
    assert blocked["m4"] == ["m1", "m2", "m3"]
    m1_done = {item.id for item in curriculum.items_of("m1")}
    items, blocked = upcoming.next_items(curriculum, plan, m1_done, 3)
    assert [item.id for item in items] == [
        "m2/ddpm-from-scratch",
        "m2/conditional-diffusion",
        "m2/sampling-experiments",
    ]
    assert blocked == {
        "m3": ["m2"],
        "m4": ["m2", "m3"],
        "m5": ["m2", "m3", "m4"],
        "m6": ["m2", "m3", "m4", "m5"],
        "m7": ["m2", "m3", "m4", "m5", "m6"],
    }


def test_milestones_ahead_of_a_day(curriculum: Curriculum) -> None:
    plan = plan_for(curriculum)
    milestones = upcoming.upcoming_milestones(curriculum, plan, dt.date(2026, 1, 7))
    assert [(m.kind, m.ref, m.date) for m in milestones] == [
        ("module-end", "m1", dt.date(2026, 3, 1)),
        ("module-start", "m2", dt.date(2026, 3, 2)),
        ("phase-end", "p1", dt.date(2026, 4, 26)),
        ("plan-end", "advanced-ai", dt.date(2027, 2, 14)),
    ]
    before = upcoming.upcoming_milestones(curriculum, plan, dt.date(2025, 12, 1))
    assert before[0].kind == "module-start" and before[0].date == MONDAY


def test_planned_fraction_counts_items_by_the_share_of_their_window_elapsed(
    curriculum: Curriculum,
) -> None:
    plan = plan_for(curriculum)
    assert schedule.planned_fraction(curriculum, plan, MONDAY) == 0
    assert schedule.planned_fraction(curriculum, plan, dt.date(2030, 1, 1)) == 1
    # m1-m3 (8 weeks each) are over after 168 days: 30 of the 70 items.
    assert schedule.planned_fraction(curriculum, plan, MONDAY + dt.timedelta(168)) == 30 / 70
    # Half of m4's 56 days later: 5 more items.
    assert schedule.planned_fraction(curriculum, plan, MONDAY + dt.timedelta(196)) == 35 / 70


def test_replan_moves_milestones_from_where_the_learner_resumes() -> None:
    curriculum = load_slug("complete-ai-engineer")
    start, resumed = dt.date(2026, 1, 31), dt.date(2026, 4, 1)
    done = {item.id: dt.date(2026, 3, 1) for item in curriculum.items_of("p0-python")}
    before = schedule.make_plan(curriculum, start, 15, [])
    after = schedule.make_plan(
        curriculum, start, 15, [], replans=[Replan(resumed, None)], done=done
    )
    # Python Mastery was done by the replan: it keeps its window; the rest starts on 04-01,
    # 32 days after Linear Algebra was to start (2026-02-28).
    assert after.module_window("p0-python") == before.module_window("p0-python")
    linear = after.module_window("p0-linear-algebra")
    assert linear is not None and linear.start == resumed
    dates = {m.id: m.date for m in after.milestones}
    assert dates["start/week-1"] == dt.date(2026, 2, 7)  # before the resume point: stays
    assert dates["start/first-month"] == dt.date(2026, 4, 1)  # 2026-02-28 + 32 days
    assert dates["metrics/6-months"] == dt.date(2026, 9, 1)  # 2026-07-31 + 32 days
    # At 50 h, twice the high end of the stated 15-25, the scale goes from 1.0 to 25/50 = 0.5
    # and the distance from the resume point halves: 153 days become 76 (76.5 rounded to
    # even). 30 h would scale by 25/30 only: 15 to 25 h all keep the stated durations.
    faster = schedule.make_plan(curriculum, start, 15, [], replans=[Replan(resumed, 50)], done=done)
    assert {m.id: m.date for m in faster.milestones}["metrics/6-months"] == dt.date(2026, 6, 16)


def test_a_phase_end_is_not_overdue_twice_when_its_module_already_is() -> None:
    curriculum = load_slug("professional-ai-engineer")
    plan = schedule.make_plan(curriculum, MONDAY, None, [])
    late = schedule.overdue(curriculum, plan, set(), dt.date(2026, 2, 1))
    # Phase 1 holds only module m1 and nothing of its own: one entry, for the module.
    assert [(entry.kind, entry.ref) for entry in late] == [("module-end", "m1")]
    assert late[0].date == dt.date(2026, 1, 25)
