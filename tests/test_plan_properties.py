"""Property tests of the planning rules: pure functions over every bundled curriculum.

No files and no clock: curricula come from the catalog, every date from a strategy.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tracker.curriculum.catalog import load_slug
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import schedule
from roadmap_tracker.progress import events as progress
from roadmap_tracker.progress import ledger

SLUGS = (
    "advanced-ai",
    "complete-ai-engineer",
    "ai-study-plan",
    "advanced-roadmap",
    "professional-ai-engineer",
)
FIRST_START = dt.date(2000, 1, 1)
LAST_START = dt.date(2040, 12, 31)
AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
# Far enough past the start to pass the end of the longest plan (scale 30, 2+ years).
MAX_OFFSET_DAYS = 25_000
# Events and replans fall within the first few years of the plan, where the modules are.
EVENT_DAYS = (-30, 1_500)


@functools.cache
def curriculum_of(slug: str) -> Curriculum:
    return load_slug(slug)


def states_hours(slug: str) -> bool:
    return curriculum_of(slug).weekly_hours is not None


def slugs(stated_hours: bool | None = None) -> st.SearchStrategy[str]:
    """Bundled slugs, or those that do (or do not) state weekly hours. Filtered while drawing,
    never at import, so curricula only load under the isolated ROADMAP_HOME of a test.
    """
    if stated_hours is None:
        return st.sampled_from(SLUGS)
    return st.sampled_from(SLUGS).filter(lambda slug: states_hours(slug) == stated_hours)


@dataclass(frozen=True)
class PlanInput:
    slug: str
    start: dt.date
    hours: float | None
    include: list[str]
    choices: dict[str, list[str]]

    @property
    def curriculum(self) -> Curriculum:
        return curriculum_of(self.slug)

    def plan(self) -> schedule.Plan:
        return self.plan_at(self.hours)

    def plan_at(self, hours: float | None) -> schedule.Plan:
        return schedule.make_plan(self.curriculum, self.start, hours, self.include, self.choices)


any_slug = slugs()
starts = st.dates(min_value=FIRST_START, max_value=LAST_START)
# Round commitments too: at a curriculum's own hours (or half, or twice them) the scale is
# exactly 1 (or 2, or 0.5), where whole months are counted as calendar months.
some_hours = st.sampled_from(
    [0.5, 2.0, 4.0, 5.0, 7.5, 8.0, 10.0, 15.0, 20.0, 30.0, 60.0]
) | st.floats(min_value=0.5, max_value=60)
hours_or_none = st.none() | some_hours


@st.composite
def plan_inputs(
    draw: st.DrawFn,
    slug_strategy: st.SearchStrategy[str] = any_slug,
    hours: st.SearchStrategy[float | None] = hours_or_none,
) -> PlanInput:
    slug = draw(slug_strategy)
    curriculum = curriculum_of(slug)
    optional = [m.id for m in curriculum.modules if m.optional]
    include = draw(st.lists(st.sampled_from(optional), unique=True)) if optional else []
    choices = {
        group.id: draw(
            st.lists(
                st.sampled_from(group.options),
                min_size=1,
                max_size=1 if group.pick == "one" else None,
                unique=True,
            )
        )
        for group in curriculum.choices
    }
    return PlanInput(slug, draw(starts), draw(hours), include, choices)


def describe(plan: schedule.Plan) -> str:
    modules = ", ".join(f"{w.id} {w.start}..{w.end} (latest {w.latest_end})" for w in plan.modules)
    return f"plan from {plan.start} at scale {plan.scale}: {modules}"


def assert_ends_follow_starts(plan: schedule.Plan, context: str) -> None:
    for window in [*plan.modules, *plan.phases]:
        where = f"{context}: window {window.id} {window.start}..{window.end}"
        assert window.end is None or window.start is not None, f"{where} has an end but no start"
        if window.start is not None and window.end is not None:
            assert window.end >= window.start, f"{where} ends before it starts"
            assert window.latest_end is not None and window.latest_end >= window.end, (
                f"{where} has latest end {window.latest_end} before its end"
            )
    if plan.end is not None:
        for window in plan.modules:
            assert window.start is None or window.start <= plan.end, (
                f"{context}: module {window.id} starts {window.start} after the plan's end "
                f"{plan.end}"
            )
    for milestone in plan.milestones:
        assert milestone.date >= plan.start, (
            f"{context}: milestone {milestone.id} ({milestone.offset}) on {milestone.date} "
            f"before the start {plan.start}"
        )


@settings(max_examples=500, deadline=None)
@given(inputs=plan_inputs())
def test_plan_windows_never_end_before_they_start(inputs: PlanInput) -> None:
    plan = inputs.plan()
    assert_ends_follow_starts(plan, f"{inputs}\n{describe(plan)}")


@settings(max_examples=300, deadline=None)
@given(
    inputs=plan_inputs(),
    done_after=st.integers(min_value=0, max_value=MAX_OFFSET_DAYS),
    checked_after=st.integers(min_value=0, max_value=MAX_OFFSET_DAYS),
)
def test_finishing_every_item_gives_full_progress_and_nothing_overdue(
    inputs: PlanInput, done_after: int, checked_after: int
) -> None:
    curriculum = inputs.curriculum
    plan = inputs.plan()
    day = inputs.start + dt.timedelta(days=done_after)
    later = day + dt.timedelta(days=checked_after)
    done = dict.fromkeys(schedule.planned_item_ids(curriculum, plan), day)
    assert done, f"{inputs}: the plan counts no items"
    context = f"{inputs}, everything done on {day}, checked on {later}"

    pace = schedule.pace(curriculum, plan, done, later)

    assert pace.done_fraction == 1.0, f"{context}: done fraction {pace.done_fraction}"
    assert pace.overdue == [], f"{context}: overdue {pace.overdue}"
    assert pace.days_ahead is None or pace.days_ahead >= 0, (
        f"{context}: {pace.days_ahead} days ahead\n{describe(plan)}"
    )
    assert schedule.overdue(curriculum, plan, done, later) == [], f"{context}: overdue"


@settings(max_examples=400, deadline=None)
@given(inputs=plan_inputs(slugs(stated_hours=True), hours=some_hours))
def test_doubling_weekly_hours_never_lengthens_the_plan(inputs: PlanInput) -> None:
    assert inputs.hours is not None
    slow = inputs.plan()
    fast = inputs.plan_at(2 * inputs.hours)
    context = f"{inputs}\nat h: {describe(slow)}\nat 2h: {describe(fast)}"

    assert slow.module_ids == fast.module_ids, f"{context}: different modules"
    for before, after in zip(slow.modules, fast.modules, strict=True):
        assert (before.end is None) == (after.end is None), (
            f"{context}: module {before.id} is dated at one pace only"
        )
        if before.end is not None and after.end is not None:
            assert after.end <= before.end, (
                f"{context}: module {before.id} ends {after.end} at 2h, after {before.end} at h"
            )
    for name in ("end", "dated_end"):
        at_h, at_2h = getattr(slow, name), getattr(fast, name)
        assert (at_h is None) == (at_2h is None), f"{context}: plan.{name} {at_h} vs {at_2h}"
        if at_h is not None and at_2h is not None:
            assert at_2h <= at_h, f"{context}: plan.{name} {at_2h} at 2h, after {at_h} at h"
    slow_dates = {m.id: m.date for m in slow.milestones}
    fast_dates = {m.id: m.date for m in fast.milestones}
    assert slow_dates.keys() == fast_dates.keys(), f"{context}: different milestones"
    for milestone_id, date in fast_dates.items():
        assert date <= slow_dates[milestone_id], (
            f"{context}: milestone {milestone_id} on {date} at 2h, after "
            f"{slow_dates[milestone_id]} at h"
        )


@settings(max_examples=200, deadline=None)
@given(
    inputs=plan_inputs(slugs(stated_hours=False)),
    other_hours=hours_or_none,
)
def test_hours_do_not_change_a_plan_without_stated_weekly_hours(
    inputs: PlanInput, other_hours: float | None
) -> None:
    assert inputs.curriculum.weekly_hours is None
    plan = inputs.plan()
    assert plan.scale == 1.0, f"{inputs}: scale {plan.scale}"
    assert inputs.plan_at(other_hours) == plan, (
        f"{inputs}: the plan at {other_hours} hours differs from the plan at {inputs.hours}"
    )


@dataclass(frozen=True)
class History:
    inputs: PlanInput
    events: list[progress.Event]
    replan: progress.Event


@st.composite
def histories(draw: st.DrawFn) -> History:
    inputs = draw(plan_inputs())
    curriculum = inputs.curriculum
    slug = inputs.slug

    def on(offset: int) -> dt.date:
        return inputs.start + dt.timedelta(days=offset)

    event_days = st.integers(*EVENT_DAYS).map(on)
    replan_days = st.integers(0, EVENT_DAYS[1]).map(on)
    item_ids = st.sampled_from([item.id for item in curriculum.items])

    def event(action: progress.EventAction, day: dt.date, **fields: Any) -> progress.Event:
        return progress.Event(seq=1, at=AT, on=day, curriculum=slug, action=action, **fields)

    # Whole modules checked off, so that some are complete by the replan date...
    events: list[progress.Event] = []
    modules = draw(st.lists(st.sampled_from([m.id for m in curriculum.modules]), unique=True))
    finishes: list[dt.date] = []
    for module_id in modules:
        first = draw(st.integers(*EVENT_DAYS))
        days = [on(first + draw(st.integers(0, 30))) for _ in curriculum.items_of(module_id)]
        events += [
            event("check", day, items=(item.id,))
            for day, item in zip(days, curriculum.items_of(module_id), strict=True)
        ]
        finishes += [max(days)] if days and max(days) >= inputs.start else []
    # ...and any other checks, unchecks, logged hours and replans among them.
    checks = st.builds(
        lambda action, day, item: event(action, day, items=(item,)),
        st.sampled_from(["check", "uncheck"]),
        event_days,
        item_ids,
    )
    logs = st.builds(
        lambda day, hours, item: event("log", day, hours=hours, items=(item,) if item else ()),
        event_days,
        st.floats(min_value=0.25, max_value=12),
        st.none() | item_ids,
    )
    replans = st.builds(
        lambda day, hours: event("replan", day, hours=hours), replan_days, hours_or_none
    )
    events += draw(st.lists(checks | logs | replans, max_size=25))
    events = draw(st.permutations(events))
    # The last replan, at times on the very day a module was finished.
    if finishes:
        replan_days = replan_days | st.sampled_from(finishes)
    replan = event("replan", draw(replan_days), hours=draw(hours_or_none))
    return History(inputs, events, replan)


@settings(max_examples=300, deadline=None)
@given(history=histories())
def test_replan_keeps_done_items_and_the_windows_of_finished_modules(history: History) -> None:
    inputs, events, replan = history.inputs, history.events, history.replan
    curriculum = inputs.curriculum
    enrollment = progress.Enrollment(
        curriculum=inputs.slug,
        path=None,
        started=inputs.start,
        hours_per_week=inputs.hours,
        enrolled_at=AT,
        digest=None,
        seq=1,
    )

    def setting(action: progress.EventAction, items: list[str], **fields: Any) -> progress.Event:
        return progress.Event(
            seq=1,
            at=AT,
            on=inputs.start,
            curriculum=inputs.slug,
            action=action,
            items=items,
            **fields,
        )

    settings_events = [setting("include", list(inputs.include))] if inputs.include else []
    settings_events += [
        setting("choose", [group], options=options) for group, options in inputs.choices.items()
    ]
    events = [*settings_events, *events]
    replanned_events = [*events, replan]

    done = ledger.done_items(events)
    assert ledger.done_items(replanned_events) == done, f"{inputs}: replan changed done items"

    def plan_of(recorded: list[progress.Event]) -> schedule.Plan:
        plan_settings = ledger.plan_settings(enrollment, recorded)
        return schedule.make_plan(
            curriculum,
            inputs.start,
            plan_settings.first_hours_per_week,
            plan_settings.include,
            plan_settings.choices,
            replans=plan_settings.replans,
            done=ledger.done_items(recorded),
        )

    before, after = plan_of(events), plan_of(replanned_events)
    context = (
        f"{inputs}, replan on {replan.on} at {replan.hours}\n"
        f"before: {describe(before)}\nafter: {describe(after)}"
    )
    assert after.module_ids == before.module_ids, f"{context}: the replan changed the modules"
    finished = {
        window.id
        for window in before.modules
        if all(
            item.id in done and done[item.id] <= replan.on
            for item in curriculum.items_of(window.id)
        )
    }
    for window in after.modules:
        if window.id in finished:
            assert window == before.module_window(window.id), (
                f"{context}: finished module {window.id} moved"
            )
        elif window.start is not None:
            assert window.start >= replan.on, (
                f"{context}: open module {window.id} starts {window.start}, before the replan"
            )
    assert_ends_follow_starts(after, context)
