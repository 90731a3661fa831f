"""Planned dates, pace and what comes next: pure functions, no I/O and no clock.

Every function takes the date it reasons about as an argument. Dates are local calendar dates
and every window is inclusive: a module of 8 weeks that starts on Monday 2026-01-05 covers
2026-01-05 to 2026-03-01 (56 days).

Planning rule: included modules run one after another from the enrollment's start date, each
for its duration (the low end of a range is the target, the high end the latest acceptable
end). A module without a duration gets an equal share of its phase's duration; an ongoing
one starts but never ends, and the next module starts beside it. A phase with ``after``
counts its ``weeks`` from the day after the named phase ends (weeks 9-16 start 8 weeks after
that day). A learner who commits fewer weekly hours than the
curriculum's low end gets proportionally longer durations, and more hours shorter ones.
Optional modules are left out unless the enrollment includes them; of a choice group only
the chosen options (before a choice: the recommended or first one) are planned.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from roadmap_tracker.durations import Duration
from roadmap_tracker.model import Curriculum, Item, Module, Phase

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Window:
    """The planned dates of a module or phase; ``end`` and ``latest_end`` are inclusive.

    ``end`` is None for an ongoing module, ``start`` and ``end`` both None for one without a
    duration. ``latest_end`` is the end at the high end of a duration range.
    """

    id: str
    title: str
    start: dt.date | None
    end: dt.date | None
    latest_end: dt.date | None

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls inside the window (an open end runs forever)."""
        if self.start is None or day < self.start:
            return False
        return self.end is None or day <= self.end


@dataclass(frozen=True)
class Plan:
    """Planned windows of an enrollment's included modules and phases, in curriculum order.

    ``scale`` multiplies every duration (curriculum low weekly hours / committed hours);
    ``end`` is the end of the last module, None when some module has no fixed end.
    """

    start: dt.date
    scale: float
    modules: list[Window]
    phases: list[Window]
    end: dt.date | None

    @property
    def module_ids(self) -> list[str]:
        """Ids of the included modules, in order."""
        return [window.id for window in self.modules]

    def module_window(self, module_id: str) -> Window | None:
        """The window of one included module, or None."""
        return next((w for w in self.modules if w.id == module_id), None)

    @property
    def total_days(self) -> int | None:
        """Days from the start to the planned end, inclusive; None without an end."""
        return None if self.end is None else (self.end - self.start).days + 1


@dataclass(frozen=True)
class Milestone:
    """A dated point of the plan: the start or end of a module or phase."""

    title: str
    date: dt.date
    kind: str
    ref: str


def duration_scale(curriculum: Curriculum, hours_per_week: float | None) -> float:
    """Return the factor durations are multiplied by for a learner's weekly hours.

    The curriculum's low end of weekly hours over the learner's commitment: 10-12 hours
    stated and 5 committed gives 2.0. Curricula that state no hours give 1.0.
    """
    if curriculum.weekly_hours is None or not hours_per_week or hours_per_week <= 0:
        return 1.0
    return float(curriculum.weekly_hours.low) / hours_per_week


def chosen_options(
    curriculum: Curriculum, choices: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """The option modules planned for each choice group: the learner's, else the default."""
    choices = choices or {}
    return {
        group.id: [o for o in choices.get(group.id, []) if o in group.options] or group.default
        for group in curriculum.choices
    }


def included_modules(
    curriculum: Curriculum, include: list[str], choices: dict[str, list[str]] | None = None
) -> list[Module]:
    """Modules in the plan, in order: every non-optional one and the optional ones included;
    of a choice group's options only the chosen ones (see :func:`chosen_options`).
    """
    chosen = {
        option for options in chosen_options(curriculum, choices).values() for option in options
    }
    return [
        m
        for m in curriculum.modules
        if (not m.optional or m.id in include)
        and (m.id not in curriculum.choice_of or m.id in chosen)
    ]


def make_plan(
    curriculum: Curriculum,
    start: dt.date,
    hours_per_week: float | None,
    include: list[str],
    choices: dict[str, list[str]] | None = None,
) -> Plan:
    """Return the planned windows of an enrollment that starts on ``start``."""
    scale = duration_scale(curriculum, hours_per_week)
    included = {m.id for m in included_modules(curriculum, include, choices)}
    cursor: dt.date | None = start
    windows: list[Window] = []
    phases: list[Window] = []
    for phase in curriculum.phases:
        modules = [m for m in phase.modules if m.id in included]
        if not modules:
            continue
        if phase.after is not None:
            earlier = next((w for w in phases if w.id == phase.after), None)
            if earlier is not None:
                offset = round(7 * (phase.weeks.first - 1) * scale) if phase.weeks else 0
                cursor = None if earlier.end is None else earlier.end + dt.timedelta(1 + offset)
        share = _shared_duration(phase, modules)
        phase_windows = []
        for module in modules:
            window = _module_window(module, module.duration or share, cursor, scale)
            phase_windows.append(window)
            if window.end is not None:
                cursor = window.end + dt.timedelta(days=1)
        windows.extend(phase_windows)
        phases.append(_phase_window(phase, phase_windows))
    ends = [window.end for window in windows]
    end = None if not ends or any(e is None for e in ends) else max(e for e in ends if e)
    return Plan(start=start, scale=scale, modules=windows, phases=phases, end=end)


def _shared_duration(phase: Phase, modules: list[Module]) -> Duration | None:
    """Each undated module's share of the phase's stated duration, or None."""
    undated = [m for m in modules if m.duration is None]
    duration = phase.duration
    if not undated or duration is None or duration.kind == "every":
        return None
    if duration.kind == "ongoing":
        return duration
    if duration.low is None or duration.high is None or duration.unit is None:
        return None
    count = len(undated)
    return Duration.model_validate(
        {
            "kind": "span",
            "low": duration.low / count,
            "high": duration.high / count,
            "unit": duration.unit,
        }
    )


def _module_window(
    module: Module, duration: Duration | None, cursor: dt.date | None, scale: float
) -> Window:
    if duration is None or cursor is None or duration.kind == "every":
        return Window(module.id, module.title, None, None, None)
    if duration.kind == "ongoing":
        return Window(module.id, module.title, cursor, None, None)
    return Window(
        module.id,
        module.title,
        cursor,
        _end_after(cursor, duration, duration.low, scale),
        _end_after(cursor, duration, duration.high, scale),
    )


def _end_after(
    start: dt.date, duration: Duration, amount: float | int | None, scale: float
) -> dt.date:
    """The inclusive end of ``amount`` units of ``duration`` from ``start``, scaled."""
    amount = amount or 0
    if duration.unit == "months" and scale == 1 and float(amount).is_integer():
        from dateutil.relativedelta import relativedelta

        return start + relativedelta(months=int(amount)) - dt.timedelta(days=1)
    per_unit = DAYS_PER_MONTH if duration.unit == "months" else 7
    days = max(1, round(amount * per_unit * scale))
    return start + dt.timedelta(days=days - 1)


def _phase_window(phase: Phase, windows: list[Window]) -> Window:
    starts = [w.start for w in windows if w.start is not None]
    ends = [w.end for w in windows]
    latest = [w.latest_end for w in windows]
    return Window(
        phase.id,
        phase.title,
        min(starts) if starts else None,
        None if any(e is None for e in ends) else max(e for e in ends if e),
        None if any(e is None for e in latest) else max(e for e in latest if e),
    )


PLAN_LENGTH_START = dt.date(2001, 1, 1)  # any Monday: lengths do not depend on it


def plan_weeks(curriculum: Curriculum, include: list[str]) -> tuple[int | None, bool]:
    """The length of a curriculum's plan in whole weeks (rounded up) and whether it goes on.

    Returns (weeks from the start to the last planned end, or None when nothing is dated;
    True when some module is ongoing). Uses the default choices and no hours scaling.
    """
    plan = make_plan(curriculum, PLAN_LENGTH_START, None, include)
    ends = [w.end for w in plan.modules if w.end is not None]
    ongoing = any(w.start is not None and w.end is None for w in plan.modules)
    if not ends:
        return None, ongoing
    return math.ceil(((max(ends) - PLAN_LENGTH_START).days + 1) / 7), ongoing


def week_number(plan: Plan, day: dt.date) -> int:
    """The plan week ``day`` falls in: 1 for the first seven days, 0 before the start."""
    if day < plan.start:
        return 0
    return (day - plan.start).days // 7 + 1


def weeks_total(plan: Plan) -> int | None:
    """How many plan weeks the included modules span (a partial week counts), or None."""
    total = plan.total_days
    return None if total is None else math.ceil(total / 7)


def current_window(windows: list[Window], day: dt.date) -> Window | None:
    """The window that contains ``day``, or None before the start and after the end."""
    return next((window for window in windows if window.contains(day)), None)


def module_complete(curriculum: Curriculum, module_id: str, done: set[str]) -> bool:
    """True when every checkable item of the module is done."""
    return all(item.id in done for item in curriculum.items_of(module_id))


def item_weights(curriculum: Curriculum, plan: Plan) -> dict[str, float]:
    """Planned days of work each item stands for: its module's days shared equally.

    Items of modules without a fixed window carry no weight.
    """
    weights: dict[str, float] = {}
    for window in plan.modules:
        if window.start is None or window.end is None:
            continue
        items = curriculum.items_of(window.id)
        if items:
            share = ((window.end - window.start).days + 1) / len(items)
            weights.update({item.id: share for item in items})
    return weights


def planned_fraction(plan: Plan, day: dt.date) -> float | None:
    """The fraction of the plan's days elapsed by the start of ``day`` (0 to 1), or None."""
    total = plan.total_days
    if total is None:
        return None
    elapsed = min(max((day - plan.start).days, 0), total)
    return elapsed / total


def days_ahead(curriculum: Curriculum, plan: Plan, done: set[str], day: dt.date) -> int | None:
    """How many days ahead of the plan the learner is at the start of ``day``.

    Each done item is credited with its planned days (:func:`item_weights`); the total is
    compared with the days elapsed since the start (none before it, all after the end).
    Negative when behind; None when the plan has no end.
    """
    total = plan.total_days
    if total is None:
        return None
    weights = item_weights(curriculum, plan)
    credited = sum(weights.get(item_id, 0.0) for item_id in done)
    elapsed = min(max((day - plan.start).days, 0), total)
    return math.floor(credited - elapsed + 0.5)


def planned_items(curriculum: Curriculum, plan: Plan) -> list[Item]:
    """The checkable items the plan counts, in curriculum order: those of its modules, those
    of its phases themselves, and every milestone item.
    """
    modules = set(plan.module_ids)
    phases = {window.id for window in plan.phases}
    return [
        item
        for item in curriculum.items
        if (item.module_id in modules)
        or (item.module_id is None and item.phase_id in phases)
        or item.milestone_id is not None
    ]


def next_items(
    curriculum: Curriculum, plan: Plan, done: set[str], limit: int
) -> tuple[list[Item], dict[str, list[str]]]:
    """The next open items in curriculum order whose module's prerequisites are met.

    Returns (up to ``limit`` items, {id of a module with open items held back: the ids of
    its prerequisites not yet complete}), both in curriculum order.
    Prerequisites on modules outside the plan (optional, not included) count as met; items of
    a phase itself and milestone items have none.
    """
    included = set(plan.module_ids)
    chosen: list[Item] = []
    blocked: dict[str, list[str]] = {}
    for item in planned_items(curriculum, plan):
        if item.id in done:
            continue
        if item.module_id is not None:
            module = curriculum.module_index[item.module_id]
            unmet = [
                required
                for required in module.prerequisites
                if required in included and not module_complete(curriculum, required, done)
            ]
            if unmet:
                blocked.setdefault(module.id, unmet)
                continue
        if len(chosen) < limit:
            chosen.append(item)
    return chosen, blocked


def upcoming_milestones(curriculum: Curriculum, plan: Plan, day: dt.date) -> list[Milestone]:
    """Milestones on or after ``day``: the end of the current module, the next module's start,
    and the end of the current phase (before the start: the first module's start instead).
    """
    found: list[Milestone] = []
    dated = [w for w in plan.modules if w.start is not None]
    current = current_window(plan.modules, day)
    if current is not None and current.end is not None:
        found.append(
            Milestone(
                f"End of {module_label(curriculum, current.id)}",
                current.end,
                "module-end",
                current.id,
            )
        )
    upcoming = next((w for w in dated if w.start is not None and w.start > day), None)
    if upcoming is not None and upcoming.start is not None:
        found.append(
            Milestone(
                f"Start of {module_label(curriculum, upcoming.id)}",
                upcoming.start,
                "module-start",
                upcoming.id,
            )
        )
    phase = current_window(plan.phases, day)
    if phase is not None and phase.end is not None:
        found.append(Milestone(f"End of phase: {phase.title}", phase.end, "phase-end", phase.id))
    if plan.end is not None and plan.end >= day and not any(m.date == plan.end for m in found):
        found.append(Milestone(f"End of {curriculum.title}", plan.end, "plan-end", curriculum.slug))
    return sorted(found, key=lambda milestone: milestone.date)


def module_label(curriculum: Curriculum, module_id: str) -> str:
    """A module's name for people: ``Module 1: Vision Transformers ...`` or its title."""
    module = curriculum.module_index[module_id]
    return f"Module {module.number}: {module.title}" if module.number else module.title
