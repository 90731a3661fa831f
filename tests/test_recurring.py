"""Recurring activities: occurrences by cadence (RRULE), done/expected per period, due in next."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from roadmap_tracker.curriculum.catalog import load_slug
from roadmap_tracker.plan import recurring, schedule

from .conftest import Run

START = dt.date(2026, 1, 5)  # a Monday


def as_json(result: Any) -> Any:
    return json.loads(result.stdout)


def due(run: Run, day: dt.date) -> dict[str, str]:
    upcoming = as_json(run("next", "--from", day.isoformat(), "--json"))
    return {activity["id"]: activity["due"] for activity in upcoming["recurring"]}


@pytest.fixture
def study_plan(run: Run) -> Run:
    run("start", "ai-study-plan", "--on", START.isoformat())
    return run


def test_weekly_paper_review_is_due_every_week_of_section_one(study_plan: Run) -> None:
    plan = as_json(study_plan("plan", "--on", START.isoformat(), "--json"))
    (p1,) = [row for row in plan["rows"] if row["id"] == "p1"]
    last = dt.date.fromisoformat(p1["latest_end"])  # 10-12 weeks: runs to the 12th
    assert last == START + dt.timedelta(weeks=12, days=-1)
    week = START
    while week <= last:
        assert due(study_plan, week).get("routine/paper-reviews") == week.isoformat(), week
        week += dt.timedelta(weeks=1)
    assert "routine/paper-reviews" not in due(study_plan, last + dt.timedelta(days=1))


def test_quarterly_review_is_due_on_its_dates(study_plan: Run) -> None:
    for quarter in ("2026-04-05", "2026-07-05", "2026-10-05", "2027-01-05"):
        day = dt.date.fromisoformat(quarter)
        for before in (0, 3, 6):
            found = due(study_plan, day - dt.timedelta(days=before))
            assert found.get("routine/quarterly-review") == quarter
        assert "routine/quarterly-review" not in due(study_plan, day - dt.timedelta(days=7))
        assert "routine/quarterly-review" not in due(study_plan, day + dt.timedelta(days=1))
    text = study_plan("next", "--from", "2026-04-01").stdout
    assert "Peer review session and introspective reflection" in text and "Sun 04-05" in text


def test_checking_an_activity_records_one_occurrence(study_plan: Run) -> None:
    study_plan("check", "routine/paper-reviews", "--on", "2026-01-13")
    checked = as_json(study_plan("check", "routine/paper-reviews", "--on", "2026-01-15", "--json"))
    assert checked["changed"][0]["note"] == "occurrence recorded"
    status = as_json(study_plan("status", "--week", "2026-01-16", "--json"))
    (papers,) = [a for a in status["recurring"] if a["id"] == "routine/paper-reviews"]
    assert (papers["done"], papers["expected"], papers["unit"]) == (2, 2, "papers")
    assert (papers["period_start"], papers["period_end"]) == ("2026-01-12", "2026-01-18")
    # A new week starts from zero; the quarterly review counts over its quarter.
    after = as_json(study_plan("status", "--week", "2026-01-19", "--json"))
    (papers,) = [a for a in after["recurring"] if a["id"] == "routine/paper-reviews"]
    assert papers["done"] == 0
    (review,) = [a for a in after["recurring"] if a["id"] == "routine/quarterly-review"]
    assert (review["period_start"], review["period_end"]) == ("2026-01-05", "2026-04-04")
    # The activity's own item is not ticked by recording occurrences.
    assert after["done"] == 0
    # An undo takes one occurrence back; with none on that day it says so.
    study_plan("check", "routine/paper-reviews", "--on", "2026-01-15", "--undo")
    status = as_json(study_plan("status", "--week", "2026-01-16", "--json"))
    (papers,) = [a for a in status["recurring"] if a["id"] == "routine/paper-reviews"]
    assert papers["done"] == 1
    again = as_json(
        study_plan("check", "routine/paper-reviews", "--on", "2026-01-15", "--undo", "--json")
    )
    assert again["unchanged"][0]["note"] == "no occurrence recorded on 2026-01-15"
    text = study_plan("status", "--week", "2026-01-14").stdout
    assert "Review/summarize seminal and trending papers · weekly 1 of 2 papers" in text


def test_occurrences_follow_calendar_months() -> None:
    curriculum = load_slug("complete-ai-engineer")
    plan = schedule.make_plan(curriculum, dt.date(2026, 1, 31), None, [])
    (monthly,) = [a for a in curriculum.recurring if a.id == "routine/blog-post"]
    start, _ = recurring.activity_span(monthly, plan)
    assert start is not None
    days = recurring.occurrences(monthly, plan, start, start + dt.timedelta(days=370))
    # RFC 5545 skips months without the day: a rule from the 31st never falls in June.
    assert all(day.day == start.day for day in days)
    assert len(days) == len({(d.year, d.month) for d in days})
    (study,) = [a for a in curriculum.recurring if a.id == "routine/study"]
    # The same routine counted in occurrences (twice a day) rather than hours.
    daily = study.__class__(**{**study.model_dump(), "unit": "sessions"})
    count = recurring.activity_count(daily, plan, dt.date(2026, 2, 4), {})
    # The week of Wednesday 2026-02-04 from the start on Saturday 2026-01-31: all 7 days,
    # two each.
    assert count is not None and count.expected == 14
    first_week = recurring.activity_count(daily, plan, dt.date(2026, 1, 31), {})
    assert first_week is not None and first_week.expected == 2 * 2  # Saturday and Sunday
    # In hours ("2 hours/day") it counts over the day itself: 2 h expected.
    hours = recurring.activity_count(study, plan, dt.date(2026, 2, 4), {})
    assert hours is not None and hours.expected == 2
    assert (hours.period_start, hours.period_end) == (dt.date(2026, 2, 4), dt.date(2026, 2, 4))


@pytest.mark.parametrize("cadence", ["daily", "weekly", "bi-weekly", "monthly", "quarterly"])
def test_occurrences_late_in_a_long_plan_are_those_of_the_rule_from_its_start(
    cadence: str,
) -> None:
    # Occurrences far from the start are found without stepping from the start (and those of
    # whole-day cadences without dateutil); they must be exactly the rule's own.
    from dateutil.rrule import rrulestr

    curriculum = load_slug("complete-ai-engineer")
    plan = schedule.make_plan(curriculum, dt.date(2025, 3, 13), None, [])
    (daily,) = [a for a in curriculum.recurring if a.id == "routine/study"]
    activity = daily.__class__(**{**daily.model_dump(), "cadence": cadence})
    start, _ = recurring.activity_span(activity, plan)
    assert start is not None
    rule = rrulestr(activity.rrule, dtstart=dt.datetime.combine(start, dt.time()))
    for offset in (0, 1, 6, 13, 29, 200, 401):
        first = start + dt.timedelta(days=offset)
        last = first + dt.timedelta(days=40)
        expected = [
            moment.date()
            for moment in rule.between(
                dt.datetime.combine(first, dt.time()), dt.datetime.combine(last, dt.time()), True
            )
        ]
        assert recurring.occurrences(activity, plan, first, last) == expected, (cadence, offset)
        period = recurring.activity_period(activity, plan, first)
        if period is not None and cadence not in recurring.WEEK_CADENCES:
            before = rule.before(dt.datetime.combine(first, dt.time()), inc=True)
            assert before is not None and period[0] == before.date(), (cadence, offset)
            after = rule.after(dt.datetime.combine(first, dt.time()))
            assert after is not None, (cadence, offset)
            assert period[1] == after.date() - dt.timedelta(days=1), (cadence, offset)
