"""Every answer true in time (issue 23, decision 36): a view of day D is a fold of the events
dated up to D, with the plan in force on D; a replan puts the learner on the plan on its day.

Rules run in memory (tests/learner.py); the property runs over every bundled curriculum.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands import enrollments, exporting, journal
from roadmap_tracker.curriculum.catalog import find_curriculum, load_curriculum
from roadmap_tracker.curriculum.model import Curriculum
from tests.learner import Learner

SLUGS = [
    "advanced-ai",
    "advanced-roadmap",
    "ai-study-plan",
    "complete-ai-engineer",
    "professional-ai-engineer",
]
START = dt.date(2026, 1, 5)  # a Monday
LAST = dt.date(2026, 11, 21)  # the tests' frozen clock (conftest.FROZEN_NOW): no later work


def curriculum(slug: str) -> Curriculum:
    return load_curriculum(find_curriculum(slug).path, slug)


def iso(day: dt.date) -> str:
    return day.isoformat()


# --- Replan: on the plan on its day, a partly done module keeps its credit ------------------


def m1_items() -> list[str]:
    return list(curriculum("advanced-ai").item_ids_of("m1"))


def behind_then_replanned() -> tuple[Learner, dict[str, Any]]:
    """advanced-ai from Monday 2026-01-05 at 10 h (its stated range, scale 1): Module 1 is 8
    weeks (2026-01-05 to 2026-03-01, 56 days) of 10 items, Module 2 the next 8 weeks. Half
    of Module 1 done by 2026-01-20, nothing after; the plan before the replan as of
    2026-02-15.
    """
    learner = Learner()
    learner.start("advanced-ai", on=iso(START), hours=10)
    assert len(m1_items()) == 10
    learner.check(*m1_items()[:5], on="2026-01-20")
    return learner, learner.plan("2026-02-15")


def test_behind_before_the_replan_on_the_plan_on_its_day() -> None:
    learner, _ = behind_then_replanned()
    before = learner.status("2026-03-02")
    # Credited 56 days x 5/10 = 28; planned by the start of 03-02: all 56 days of Module 1
    # and none of Module 2 (it starts that day): 28 - 56 = -28.
    assert before["days_ahead"] == -28
    learner.replan("2026-03-02")
    after = learner.status("2026-03-02")
    assert after["days_ahead"] == 0
    # One denominator: 5 of 70 done, and 5 of 70 planned (done by the replan's day).
    assert after["percent"] == after["planned_percent"] == 7.1


def test_a_half_done_module_gets_half_its_time_after_a_replan() -> None:
    learner, _ = behind_then_replanned()
    learner.replan("2026-03-02")
    rows = {row["id"]: row for row in learner.plan("2026-03-02")["rows"]}
    # Module 1's 5 open items of 10 get 56 x 5/10 = 28 days from 2026-03-02: to 03-29;
    # Module 2 follows for its whole 56 days: 2026-03-30 to 2026-05-24.
    assert (rows["m1"]["start"], rows["m1"]["end"]) == ("2026-03-02", "2026-03-29")
    assert (rows["m2"]["start"], rows["m2"]["end"]) == ("2026-03-30", "2026-05-24")


def test_a_phase_item_done_before_a_replan_is_planned_from_it() -> None:
    # ai-study-plan: p1's own deliverable done before p1 ends counts as planned once a replan
    # puts the learner on the plan: 2 of 85 done and 2 of 85 planned on the replan's day.
    learner = Learner()
    learner.start("ai-study-plan", on="2025-11-17")
    learner.check("p1/paper-reviews", "p1a/review-key-papers", on="2025-11-20")
    learner.replan("2025-12-01")
    status = learner.status("2025-12-01")
    assert status["percent"] == status["planned_percent"] == 2.4  # 2 / 85
    assert status["days_ahead"] == 0


def test_pace_after_a_replan_counts_from_its_day() -> None:
    learner, _ = behind_then_replanned()
    learner.replan("2026-03-02")
    # A week on with nothing done: 7 days of the new window elapsed, none credited.
    assert learner.status("2026-03-09")["days_ahead"] == -7
    learner.check(m1_items()[5], on="2026-03-09")
    # One of the 5 open items of a 28-day window: 28 / 5 = 5.6 days; 5.6 - 7 = -1.4 -> -1.
    assert learner.status("2026-03-09")["days_ahead"] == -1


def test_the_plan_before_a_replan_stays_what_it_was() -> None:
    learner, before = behind_then_replanned()
    learner.replan("2026-03-02", hours=6)
    assert learner.plan("2026-02-15") == before
    assert learner.status("2026-02-15")["days_ahead"] == learner.status("2026-02-15")["days_ahead"]
    assert learner.plan("2026-03-02")["hours_per_week"] == 6


def test_a_skip_counts_from_its_day_only() -> None:
    learner = Learner()
    learner.start("advanced-ai", on=iso(START), hours=10)
    january = learner.status("2026-01-09")
    learner.mark("skip", m1_items()[0], on="2026-06-01")
    assert learner.status("2026-01-09") == january
    # From its day the skipped item leaves both fractions' denominator: 69 items.
    june = learner.status("2026-06-01")
    assert (june["total"], june["skipped"][0]["id"]) == (69, m1_items()[0])


def test_next_from_a_day_shows_what_was_open_that_day() -> None:
    learner = Learner()
    learner.start("advanced-ai", on=iso(START), hours=10)
    first = m1_items()[0]
    assert learner.next("2026-01-06")["tasks"][0]["id"] == first
    learner.check(first, on="2026-01-10")
    assert learner.next("2026-01-06")["tasks"][0]["id"] == first  # not done yet on 01-06
    assert learner.next("2026-01-10")["tasks"][0]["id"] != first


def test_the_current_module_is_the_dated_one_beside_an_ongoing_one() -> None:
    # professional-ai-engineer: m8 (career) is ongoing from 2026-09-28 (start 2026-01-05);
    # m9 runs beside it with dates. On 2026-10-20 the learner is on m9, not on m8 forever.
    learner = Learner()
    learner.start("professional-ai-engineer", on="2026-01-05")
    status = learner.status("2026-10-20")
    rows = {row["id"]: row for row in status["modules"]}
    assert rows["m8"]["end"] is None and rows["m8"]["start"] <= "2026-10-20"
    assert status["module"]["id"] == "m9"
    assert rows["m9"]["start"] <= "2026-10-20" <= rows["m9"]["end"]


def test_a_review_counts_its_period_as_it_stood_at_its_end() -> None:
    # ai-study-plan's quarterly review: the first period runs 2025-11-17 to 2026-02-16. An
    # item done in it and unchecked on 02-18 (after the period, before the review on 02-20)
    # still counts as done in the period: 1 item, and 1 of 85 done as of 02-16.
    learner = Learner()
    learner.start("ai-study-plan", on="2025-11-17")
    learner.check("p1a/review-key-papers", on="2025-12-01")
    learner.mark("uncheck", "p1a/review-key-papers", on="2026-02-18")
    shown = learner.review_numbers("2026-02-20")["numbers"]
    recorded = learner.review("2026-02-20")["numbers"]
    assert shown == recorded  # what the review shows is what it records
    assert (recorded["period_end"], recorded["items_done"]) == ("2026-02-16", 1)
    assert (recorded["done"], recorded["total"]) == (1, 85)


# --- The property: events dated after D leave every view of D as it was ---------------------


def views_of(learner: Learner, slug: str, day: dt.date) -> dict[str, Any]:
    """Every view of ``day`` of the enrollment in ``slug``, as JSON text (errors as their
    message, so a view that refuses must refuse the same way).
    """
    on = iso(day)
    session = learner.session(on, plan=slug)
    makers = {
        "status": lambda: learner.status(on, plan=slug),
        "next": lambda: _next_of(learner, slug, on),
        "plan": lambda: _plan_of(learner, slug, on),
        "stats": lambda: _stats_of(learner, slug, on),
        "enrollments": lambda: enrollments.enrollments_view(
            learner.session(on, plan=slug)
        ).to_json(),
        "export": lambda: json.loads(exporting.export(session, "json")),
        "review": lambda: journal.review_prompt(learner.session(on, plan=slug), []).to_json(),
    }
    found: dict[str, Any] = {}
    for name, make in makers.items():
        try:
            found[name] = json.dumps(make(), sort_keys=True, default=str)
        except RoadmapError as error:
            found[name] = f"error: {error}"
    return found


def _next_of(learner: Learner, slug: str, on: str) -> Any:
    from roadmap_tracker.commands import overview

    return overview.next_view(learner.session(on, plan=slug), 5).to_json()


def _plan_of(learner: Learner, slug: str, on: str) -> Any:
    from roadmap_tracker.commands import overview

    return overview.plan_view(learner.session(on, plan=slug)).to_json()


def _stats_of(learner: Learner, slug: str, on: str) -> Any:
    from roadmap_tracker.commands import stats

    return stats.stats_view(learner.session(on, plan=slug), 12).to_json()


ACTIONS = ["check", "uncheck", "doing", "skip", "reset", "log", "journal", "choose"]
ACTIONS += ["include", "exclude", "replan", "start-other", "pause", "resume"]


@st.composite
def changes(draw: st.DrawFn, first: dt.date, last: dt.date) -> list[tuple[str, dt.date, int]]:
    """A list of (action, day, a number that picks what the action names) dated from
    ``first`` to ``last``.
    """
    span = (last - first).days
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(ACTIONS),
                st.integers(0, span).map(lambda n: first + dt.timedelta(days=n)),
                st.integers(0, 10_000),
            ),
            max_size=12,
        )
    )


def apply(learner: Learner, slug: str, whole: Curriculum, change: tuple[str, dt.date, int]) -> None:
    """Run one change as its command would (refusals change nothing and are ignored)."""
    action, day, pick = change
    on = iso(day)
    items = sorted(whole.item_ids)
    optional = [m.id for m in whole.modules if m.optional]
    try:
        if action in ("check", "uncheck", "doing", "skip", "reset"):
            item = items[pick % len(items)]
            if action == "check":
                learner.check(item, on=on, plan=slug)
            else:
                learner.mark(action, item, on=on)  # type: ignore[arg-type]
        elif action == "log":
            learner.log(0.5 + pick % 4, on=on)
        elif action == "journal":
            learner.journal(f"entry {pick}", on=on)
        elif action == "choose" and whole.choices:
            group = whole.choices[pick % len(whole.choices)]
            from roadmap_tracker.commands import planning

            option = group.options[pick % len(group.options)]
            planning.choose(learner.session(on, plan=slug, change=True), group.id, [option])
        elif action in ("include", "exclude") and optional:
            learner.include(optional[pick % len(optional)], on=on, exclude=action == "exclude")
        elif action == "replan":
            learner.replan(on, hours=[4, 8, 10, 15, 20][pick % 5])
        elif action == "pause":
            learner.pause(on=on, until=iso(day + dt.timedelta(days=pick % 21)))
        elif action == "resume":
            learner.resume(on=on)
        elif action == "start-other":
            other = SLUGS[pick % len(SLUGS)]
            if other != slug:
                learner.start(other, on=on)
    except RoadmapError:
        pass


@pytest.mark.parametrize("slug", SLUGS)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_events_dated_after_a_day_leave_every_view_of_it_as_it_was(
    slug: str, data: st.DataObject
) -> None:
    whole = curriculum(slug)
    day = START + dt.timedelta(days=data.draw(st.integers(0, 200), label="day"))
    learner = Learner()
    learner.start(slug, on=iso(START))
    for change in data.draw(changes(START, day), label="up to the day"):
        apply(learner, slug, whole, change)
    before = views_of(learner, slug, day)
    later = data.draw(changes(day + dt.timedelta(days=1), LAST), label="after the day")
    for change in later:
        apply(learner, slug, whole, change)
    after = views_of(learner, slug, day)
    assert after == before
