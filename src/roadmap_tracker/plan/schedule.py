"""Planned dates and pace: pure functions, no I/O and no clock.

Every function takes the date it reasons about as an argument. Dates are local calendar dates
and every window is inclusive: a module of 8 weeks that starts on Monday 2026-01-05 covers
2026-01-05 to 2026-03-01 (56 days).

Planning rule: included modules run one after another from the enrollment's start date, each
for its duration (the low end of a range is the target, the high end the latest acceptable
end). A module without a duration gets an equal share of its phase's duration; an ongoing
one starts but never ends, and the next module starts beside it. A phase with ``after``
counts its ``weeks`` from the day after the named phase ends (weeks 9-16 start 8 weeks after
that day). A learner who commits fewer weekly hours than the
curriculum's stated range gets proportionally longer durations (low / hours), more hours than
the range shorter ones (high / hours), and hours inside the range the stated durations
(:func:`duration_scale`).
Optional modules are left out unless the enrollment includes them; of a choice group only
the chosen options are planned (before a choice: the group's default, its recommended option
else its first, as ``roadmap list`` measures the curriculum; :func:`unplanned_modules` names
the modules left out and why). A milestone
at an offset falls on the start date plus the offset in calendar months or weeks
(as dateutil's relativedelta counts them: 2026-01-31 + 1 month is 2026-02-28;
base.clock.add_months), scaled like durations.

A replan (re-baseline) from a day D keeps the windows of the modules complete by then and lays
the remaining modules out again from D, at the new weekly hours, each for the share of its
duration that its items still open on D stand for (a module half done gets half its time);
milestones after the point where the learner resumes move with them. On D the learner is on
the plan: pace counts from D, over the items still open then (decision 36).

Pauses (``roadmap pause``) move the plan: it is laid out as above in study time, the calendar
without the paused days, and put back on the calendar (:mod:`roadmap_tracker.plan.pauses`):
every planned day on or after a pause's first day moves later by the pause's length, pause
after pause in order of day. A window that holds a pause ends later by its days, a window
after it starts later, a window before it stays. A replan from D is laid out from D in study
time, so the pauses after D move it again. A window's :attr:`Window.length` and
:meth:`Window.days_elapsed` count its study days only, so paused days are never planned
work: pace does not move across a pause without work.

Pace compares done work with planned work on the dated part of the plan: each item of a
module with a fixed window stands for an equal share of the window's days
(:func:`days_ahead`); done work counts the items the plan counts (:func:`planned_item_ids`).
Done and planned fractions share one denominator: the items the plan counts, less those
skipped.

What comes next (the next items, the dated points ahead, the choices due) is
:mod:`roadmap_tracker.plan.upcoming`; when recurring activities are due,
:mod:`roadmap_tracker.plan.recurring`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence

from roadmap_tracker.base import clock
from roadmap_tracker.base.records import Record, field
from roadmap_tracker.curriculum.durations import Duration
from roadmap_tracker.curriculum.model import Curriculum, Module, Phase
from roadmap_tracker.plan import pauses as paused
from roadmap_tracker.plan.pauses import Pause
from roadmap_tracker.progress.ledger import Replan

DAYS_PER_MONTH = 365.25 / 12


class Window(Record, kw_only=False):
    """The planned dates of a module or phase; ``end`` and ``latest_end`` are inclusive.

    ``end`` is None for an ongoing module, ``start`` and ``end`` both None for one without a
    duration. ``latest_end`` is the end at the high end of a duration range. ``pauses`` are
    the paused days (inclusive first and last dates) from ``start`` to ``end``: days of the
    window that are not study days.
    """

    id: str
    title: str
    start: dt.date | None
    end: dt.date | None
    latest_end: dt.date | None
    pauses: tuple[Pause, ...] = ()

    @property
    def length(self) -> int | None:
        """Study days in the window: its days, inclusive, less the paused ones; None unless
        both start and end are fixed.
        """
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1 - paused.paused_days(self.pauses, None, None)

    def days_elapsed(self, day: dt.date) -> int:
        """Study days of the window before ``day`` (0 to :attr:`length`; 0 without a fixed
        end): paused days are not counted.
        """
        if self.start is None or self.end is None:
            return 0
        elapsed = min(max((day - self.start).days, 0), (self.end - self.start).days + 1)
        before = day - dt.timedelta(days=1)
        return elapsed - paused.paused_days(self.pauses, None, before)

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls inside the window (an open end runs forever)."""
        if self.start is None or day < self.start:
            return False
        return self.end is None or day <= self.end


class DatedMilestone(Record, kw_only=False):
    """A curriculum milestone (source: the curriculum's ``milestones``) with its planned date.

    ``date`` is the enrollment's start plus ``offset`` (scaled by the weekly hours, moved by
    replans); never None, since every enrollment has a start date.
    """

    id: str
    title: str
    offset: str
    date: dt.date


class Plan(Record, kw_only=False):
    """Planned windows of an enrollment's included modules and phases, in curriculum order.

    ``scale`` multiplies every duration of the remaining plan (:func:`duration_scale` of the
    hours in force: 1.0 inside the curriculum's stated weekly range); ``end`` is the end of
    the last module, None when some module has no fixed end; ``milestones`` are the
    curriculum's milestones with dates; ``replans`` the re-baselines applied, oldest first.
    After a replan, ``remaining`` maps each module the last replan laid out again to the ids
    of its items still open on that replan's day (the items its new window stands for);
    modules absent from it were complete then. ``settled`` holds the ids of every item done
    or skipped by the last replan's day: planned from then on. ``pauses`` are the paused
    days the plan moved around (inclusive first and last dates, in order).
    """

    start: dt.date
    scale: float
    modules: list[Window]
    phases: list[Window]
    end: dt.date | None
    milestones: list[DatedMilestone] = field(default_factory=list)
    replans: tuple[Replan, ...] = ()
    remaining: dict[str, frozenset[str]] = field(default_factory=dict)
    settled: frozenset[str] = frozenset()
    pauses: tuple[Pause, ...] = ()

    @property
    def dated(self) -> bool:
        """True when some module has a planned start (a curriculum with durations)."""
        return any(window.start is not None for window in self.modules)

    @property
    def dated_end(self) -> dt.date | None:
        """The last fixed end of any module: the end of the dated part of the plan."""
        ends = [window.end for window in self.modules if window.end is not None]
        return max(ends) if ends else None

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


def duration_scale(curriculum: Curriculum, hours_per_week: float | None) -> float:
    """Return the factor durations are multiplied by for a learner's weekly hours (decimal
    hours per week).

    Hours inside the curriculum's stated weekly range [low, high] keep the stated durations
    (1.0); fewer hours than the low end stretch them by low / hours, more than the high end
    shorten them by high / hours. With 10-12 hours stated: 5 hours give 2.0, 10, 11 or 12
    give 1.0, 15 give 0.8. A single stated number (low == high) is a range of one point.
    Curricula that state no hours, and no (or no positive) commitment, give 1.0. A phase's
    own ``weekly_hours`` does not count: one commitment, one range (decision 37).
    """
    stated = curriculum.weekly_hours
    if stated is None or not hours_per_week or hours_per_week <= 0:
        return 1.0
    if hours_per_week < stated.low:
        return float(stated.low) / hours_per_week
    if hours_per_week > stated.high:
        return float(stated.high) / hours_per_week
    return 1.0


def chosen_options(
    curriculum: Curriculum, choices: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """The option modules planned for each choice group (group id: module ids): the
    learner's choice (``choices``, group id: chosen module ids), else (before a choice, or
    when no chosen id is an option any more) the group's default: its recommended option,
    else its first (:attr:`~roadmap_tracker.curriculum.model.ChoiceGroup.default`).
    """
    choices = choices or {}
    return {
        group.id: [o for o in choices.get(group.id, []) if o in group.options] or group.default
        for group in curriculum.choices
    }


class Unplanned(Record, kw_only=False):
    """A module the plan leaves out, and why: ``reason`` is ``option`` (an option of the
    choice group ``group`` that is not chosen, or before a choice not the group's default) or
    ``optional`` (an optional module not included; ``group`` None).
    """

    id: str
    reason: str
    group: str | None


def unplanned_modules(curriculum: Curriculum, plan: Plan) -> list[Unplanned]:
    """The modules of ``curriculum`` that ``plan`` leaves out, in curriculum order, with the
    reason (see :class:`Unplanned`); an option that is also optional counts as an option.
    """
    planned = set(plan.module_ids)
    return [
        Unplanned(
            module.id,
            "option" if module.id in curriculum.choice_of else "optional",
            group.id if (group := curriculum.choice_of.get(module.id)) is not None else None,
        )
        for module in curriculum.modules
        if module.id not in planned
    ]


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
    include: Sequence[str],
    choices: dict[str, list[str]] | None = None,
    replans: Sequence[Replan] = (),
    done: Mapping[str, dt.date] | None = None,
    pauses: Sequence[Pause] = (),
) -> Plan:
    """Return the planned windows of an enrollment that starts on ``start``.

    ``hours_per_week`` is the original commitment; each of ``replans`` (oldest first)
    re-baselines the modules not complete by its date (``done``: item id to the day it was
    done) to start on that date at its hours. ``pauses`` (inclusive first and last dates,
    sorted, apart) move every planned day on or after their first day later by their length
    (see the module's docstring).
    """
    scale = duration_scale(curriculum, hours_per_week)
    included = {m.id for m in included_modules(curriculum, list(include), choices)}
    origin = paused.to_study_time(start, pauses)
    modules, phases = _layout(curriculum, included, origin, scale, {})
    milestones = [
        DatedMilestone(m.id, m.title, m.offset.text, _offset_date(origin, m.offset, scale))
        for m in curriculum.milestones
    ]
    plan = Plan(origin, scale, modules, phases, _plan_end(modules), milestones)
    for replan in replans:
        laid_from = paused.to_study_time(replan.on, pauses)
        plan = _rebaseline(curriculum, plan, included, replan, done or {}, laid_from)
    if not pauses:
        return plan
    return _on_the_calendar(plan, start, tuple(pauses))


def _on_the_calendar(plan: Plan, start: dt.date, pauses: tuple[Pause, ...]) -> Plan:
    """``plan``, laid out in study time, with every date put on the calendar around
    ``pauses`` (:func:`~roadmap_tracker.plan.pauses.to_calendar`) and each window holding the
    pauses that fall in it.
    """

    def day(value: dt.date | None) -> dt.date | None:
        return None if value is None else paused.to_calendar(value, pauses)

    def window(w: Window) -> Window:
        first, last = day(w.start), day(w.end)
        inside: tuple[Pause, ...] = ()
        if first is not None and last is not None:
            inside = tuple(
                (max(a, first), min(b, last)) for a, b in pauses if a <= last and b >= first
            )
        return Window(w.id, w.title, first, last, day(w.latest_end), inside)

    milestones = [
        DatedMilestone(m.id, m.title, m.offset, paused.to_calendar(m.date, pauses))
        for m in plan.milestones
    ]
    modules = [window(w) for w in plan.modules]
    return Plan(
        start,
        plan.scale,
        modules,
        [window(w) for w in plan.phases],
        _plan_end(modules),
        milestones,
        plan.replans,
        plan.remaining,
        plan.settled,
        pauses,
    )


def _layout(
    curriculum: Curriculum,
    included: set[str],
    start: dt.date,
    scale: float,
    keep: dict[str, Window],
    shares: Mapping[str, float] | None = None,
) -> tuple[list[Window], list[Window]]:
    """Lay the included modules out one after another from ``start``; modules in ``keep``
    keep their window and take no time; a module in ``shares`` takes that fraction (0 to 1)
    of its duration. Returns (module windows, phase windows).

    Two cursors run side by side: the target one (every duration at its low end) gives
    ``start`` and ``end``, the latest one (every duration at its high end) ``latest_end``.
    """
    cursor: dt.date | None = start
    latest: dt.date | None = start
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
                cursor = _after(earlier.end, offset, start)
                latest = _after(earlier.latest_end, offset, start)
        share = _shared_duration(phase, modules)
        phase_windows = []
        for module in modules:
            if module.id in keep:
                phase_windows.append(keep[module.id])
                continue
            part = scale * (shares or {}).get(module.id, 1.0)
            window = _module_window(module, module.duration or share, cursor, latest, part)
            phase_windows.append(window)
            if window.end is not None:
                cursor = window.end + dt.timedelta(days=1)
            if window.latest_end is not None:
                latest = window.latest_end + dt.timedelta(days=1)
        windows.extend(phase_windows)
        phases.append(_phase_window(phase, phase_windows))
    return windows, phases


def _after(end: dt.date | None, offset: int, start: dt.date) -> dt.date | None:
    """The day ``offset`` days after the day after ``end``, not before ``start``."""
    return None if end is None else max(end + dt.timedelta(days=1 + offset), start)


def _plan_end(windows: list[Window]) -> dt.date | None:
    ends = [window.end for window in windows]
    return None if not ends or any(e is None for e in ends) else max(e for e in ends if e)


def _rebaseline(
    curriculum: Curriculum,
    plan: Plan,
    included: set[str],
    replan: Replan,
    done: Mapping[str, dt.date],
    laid_from: dt.date,
) -> Plan:
    """Apply one replan: modules complete by ``replan.on`` keep their windows, the others are
    laid out again from ``laid_from`` (``replan.on`` in study time), each for the share of
    its duration its items open then stand for; milestones from the resume point on move
    with them. ``done`` maps the items done or skipped to their day.
    """
    scale = plan.scale
    if replan.hours_per_week is not None:
        scale = duration_scale(curriculum, replan.hours_per_week)
    remaining: dict[str, frozenset[str]] = {}
    shares: dict[str, float] = {}
    finished: set[str] = set()
    for window in plan.modules:
        ids = curriculum.item_ids_of(window.id)
        still_open = frozenset(i for i in ids if i not in done or done[i] > replan.on)
        if not still_open:
            finished.add(window.id)
        else:
            remaining[window.id] = still_open
            shares[window.id] = len(still_open) / len(ids)
    keep = {window.id: window for window in plan.modules if window.id in finished}
    settled = frozenset(i for i, on in done.items() if on <= replan.on)
    modules, phases = _layout(curriculum, included, laid_from, scale, keep, shares)
    resume = min(
        (w.start for w in plan.modules if w.id not in finished and w.start is not None),
        default=None,
    )
    milestones = plan.milestones
    if resume is not None:
        ratio = scale / plan.scale
        milestones = [
            m
            if m.date < resume
            else DatedMilestone(
                m.id,
                m.title,
                m.offset,
                laid_from + dt.timedelta(days=round((m.date - resume).days * ratio)),
            )
            for m in plan.milestones
        ]
    return Plan(
        plan.start,
        scale,
        modules,
        phases,
        _plan_end(modules),
        milestones,
        (*plan.replans, replan),
        remaining,
        settled,
    )


def _offset_date(start: dt.date, offset: Duration, scale: float) -> dt.date:
    """``start`` plus a milestone offset: calendar months or weeks, scaled by ``scale``."""
    amount = offset.low or 0
    if scale == 1 and float(amount).is_integer():
        if offset.unit == "months":
            return clock.add_months(start, int(amount))
        return start + dt.timedelta(weeks=int(amount))
    per_unit = DAYS_PER_MONTH if offset.unit == "months" else 7
    return start + dt.timedelta(days=round(amount * per_unit * scale))


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
    return Duration(
        kind="span", low=duration.low / count, high=duration.high / count, unit=duration.unit
    )


def _module_window(
    module: Module,
    duration: Duration | None,
    cursor: dt.date | None,
    latest: dt.date | None,
    scale: float,
) -> Window:
    """A module's window from ``cursor`` at the low end of ``duration``; its latest end from
    ``latest`` (where it starts if everything before took the high end) at the high end.
    """
    if duration is None or cursor is None or duration.kind == "every":
        return Window(module.id, module.title, None, None, None)
    if duration.kind == "ongoing":
        return Window(module.id, module.title, cursor, None, None)
    return Window(
        module.id,
        module.title,
        cursor,
        _end_after(cursor, duration, duration.low, scale),
        _end_after(latest or cursor, duration, duration.high, scale),
    )


def _end_after(
    start: dt.date, duration: Duration, amount: float | int | None, scale: float
) -> dt.date:
    """The inclusive end of ``amount`` units of ``duration`` from ``start``, scaled."""
    amount = amount or 0
    if duration.unit == "months" and scale == 1 and float(amount).is_integer():
        return clock.add_months(start, int(amount)) - dt.timedelta(days=1)
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


def plan_weeks(
    curriculum: Curriculum, include: list[str], hours_per_week: float | None = None
) -> tuple[int | None, bool]:
    """The length of a curriculum's plan in whole weeks (rounded up) and whether it goes on.

    Returns (weeks from the start to the last planned end, or None when nothing is dated;
    True when some module is ongoing). Uses each choice group's default (recommended or first)
    option, as an enrollment's plan does before a choice, at ``hours_per_week`` (decimal
    hours; None: the stated durations, which is also the length at any hours inside the
    curriculum's stated weekly range).
    """
    plan = make_plan(curriculum, PLAN_LENGTH_START, hours_per_week, include)
    ends = [w.end for w in plan.modules if w.end is not None]
    ongoing = any(w.start is not None and w.end is None for w in plan.modules)
    if not ends:
        return None, ongoing
    return math.ceil(((max(ends) - PLAN_LENGTH_START).days + 1) / 7), ongoing


def week_number(plan: Plan, day: dt.date) -> int:
    """The plan week ``day`` falls in, 0 before the start. Plan weeks are ISO 8601 weeks
    (Monday to Sunday, :func:`~roadmap_tracker.base.clock.week_start`): week 1 is the one
    holding the start, even when the start is not a Monday, so a plan started on Sunday
    2026-01-04 is in week 2 on Monday 2026-01-05, the week ``status`` and ``stats`` count.
    """
    if day < plan.start:
        return 0
    return (clock.week_start(day) - clock.week_start(plan.start)).days // 7 + 1


def weeks_total(plan: Plan) -> int | None:
    """How many plan weeks (ISO weeks, as :func:`week_number` counts them) the plan spans
    from the week of its start to the week of its end, partial weeks included; None without
    an end. A 58-week plan from a Monday spans 58; from a Sunday, 59.
    """
    return None if plan.end is None else week_number(plan, plan.end)


def current_window(windows: list[Window], day: dt.date) -> Window | None:
    """The window that contains ``day``, or None before the start and after the end. A
    window with a fixed end comes before an ongoing one that also contains the day: an
    ongoing module (career development, from week 37 on) runs beside the dated modules
    after it, which are what the learner is on.
    """
    containing = [window for window in windows if window.contains(day)]
    fixed = next((window for window in containing if window.end is not None), None)
    return fixed or next(iter(containing), None)


def _paced_items(curriculum: Curriculum, plan: Plan, module_id: str) -> Sequence[str]:
    """The items a module's window stands for: all of its items, or after a replan those
    still open on its day (none for a module complete then, whose window is history).
    """
    if plan.replans:
        return sorted(plan.remaining.get(module_id, ()))
    return curriculum.item_ids_of(module_id)


def planned_work_days(curriculum: Curriculum, plan: Plan, day: dt.date) -> float:
    """Days of module work the plan expects done by the start of ``day``, over the modules
    with a fixed window and items it stands for (each contributes the part of its window
    elapsed; after a replan only the windows laid out again count, from the replan's day);
    a module without items could never be credited, so it is left out.
    """
    total = 0
    for window in plan.modules:
        if window.length is None or not _paced_items(curriculum, plan, window.id):
            continue
        total += window.days_elapsed(day)
    return float(total)


def planned_fraction(
    curriculum: Curriculum, plan: Plan, day: dt.date, counted: frozenset[str] | None = None
) -> float | None:
    """The fraction (0 to 1) of the counted items (``counted``: :func:`planned_id_set` less
    the skipped items; every planned item when None) planned done by the start of ``day``:
    the denominator of the done fraction too.

    After a replan every item done or skipped by its day counts as planned (so on that day
    the planned fraction is the done one), and a module's other items count for the part of
    their new window elapsed. Otherwise an item of a module with a fixed window counts for
    the part of the window elapsed; an item of a phase itself once the phase's end has
    passed; a milestone item once the milestone's date has passed. Items of ongoing or
    undated parts are never due. None when nothing of the plan is dated or nothing is
    counted.
    """
    counted = planned_id_set(curriculum, plan) if counted is None else counted
    if not counted or (not plan.dated and not plan.milestones):
        return None
    settled = plan.settled if plan.replans else frozenset()
    expected = float(len(counted.intersection(settled)))
    every = counted is curriculum.item_ids  # every item counted: no set to intersect
    for window in plan.modules:
        if window.length is not None:
            paced = _paced_items(curriculum, plan, window.id)
            count = len(paced) if every else len(counted.intersection(paced))
            expected += window.days_elapsed(day) / window.length * count
    for window in plan.phases:
        if window.end is not None and window.end < day:
            ids = counted.intersection(curriculum.phase_item_ids(window.id))
            expected += len(ids.difference(settled))
    for milestone in plan.milestones:
        if milestone.date < day:
            ids = counted.intersection(curriculum.milestone_item_ids(milestone.id))
            expected += len(ids.difference(settled))
    return expected / len(counted)


def days_ahead(
    curriculum: Curriculum,
    plan: Plan,
    done: Iterable[str],
    day: dt.date,
    done_by_module: Mapping[str, int] | None = None,
) -> int | None:
    """How many days ahead of the plan the learner is at the start of ``day``.

    Each done item of a module with a fixed window is credited with an equal share of the
    window's days; the total is compared with the days of work planned by then
    (:func:`planned_work_days`). After a replan only the items open on its day count, each
    for an equal share of its module's new window, so the learner is on the plan (0) on the
    replan's day. Negative when behind; None when no module has a fixed window (no
    durations, or only ongoing parts). ``done_by_module``, when the caller has it, is
    :func:`done_per_module` of ``done``: each module's count is then not made again.
    """
    if not any(w.start is not None and w.end is not None for w in plan.modules):
        return None
    counts = None if plan.replans else done_by_module  # after a replan: the open items only
    finished = done if isinstance(done, set | frozenset) else set(done)
    credited = 0.0
    for window in plan.modules:
        ids = _paced_items(curriculum, plan, window.id)
        if window.length is not None and ids:
            count = counts[window.id] if counts else len(finished.intersection(ids))
            credited += window.length * count / len(ids)
    return math.floor(credited - planned_work_days(curriculum, plan, day) + 0.5)


class Overdue(Record, kw_only=False):
    """A dated point now passed with items still open: ``kind`` as in
    :class:`~roadmap_tracker.plan.upcoming.DatedPoint`.

    ``date`` is the latest acceptable date (the high end of a range); ``items`` the open
    item ids, in curriculum order.
    """

    title: str
    date: dt.date
    kind: str
    ref: str
    items: list[str]


def overdue(
    curriculum: Curriculum,
    plan: Plan,
    done: Iterable[str],
    day: dt.date,
    done_by_module: Mapping[str, int] | None = None,
) -> list[Overdue]:
    """Module ends, phase ends and milestones whose latest acceptable date is before ``day``
    while some of their items are open, oldest first. A phase end whose open items are all
    in overdue modules already is left out. ``done_by_module``, when the caller has it, is
    :func:`done_per_module` of ``done``: a module it counts complete is not looked at item by
    item.
    """
    finished = done if isinstance(done, set | frozenset) else set(done)
    counts = done_by_module or {}
    found: list[Overdue] = []
    for window in plan.modules:
        if window.latest_end is not None and window.latest_end < day:
            items = curriculum.item_ids_of(window.id)
            if counts.get(window.id) == len(items):
                continue  # every item done
            open_items = [i for i in items if i not in finished]
            if open_items:
                title = f"End of {module_label(curriculum, window.id)}"
                found.append(Overdue(title, window.latest_end, "module-end", window.id, open_items))
    listed = {item_id for entry in found for item_id in entry.items}
    planned = set(plan.module_ids)
    for window in plan.phases:
        if window.latest_end is not None and window.latest_end < day:
            ids = phase_planned_ids(curriculum, plan, window.id, planned)
            open_items = [i for i in ids if i not in finished]
            if open_items and not set(open_items) <= listed:
                title = f"End of phase: {window.title}"
                found.append(Overdue(title, window.latest_end, "phase-end", window.id, open_items))
    for milestone in plan.milestones:
        if milestone.date < day:
            ids = curriculum.milestone_item_ids(milestone.id)
            open_items = [i for i in ids if i not in finished]
            if open_items:
                found.append(
                    Overdue(milestone.title, milestone.date, "milestone", milestone.id, open_items)
                )
    return sorted(found, key=lambda entry: entry.date)


RECENT_DAYS = 28

PROJECTION_DAYS = 14
"""The days of record (from the enrollment's start to the end of the day asked) a projected
finish needs: two weeks. Before that a pace measured on a few days says little (one item on
day two would "finish" a 70-item plan in 20 weeks)."""

TOO_EARLY = "too early to project"
"""Why there is no projected finish before :data:`PROJECTION_DAYS` days of record."""

NO_RECENT_PACE = "no items done in the last four weeks"
"""Why there is no projected finish at a recent pace of zero."""

NOTHING_TO_COUNT = "no items to count"
"""Why there is no projected finish for a plan that counts no item."""


class Pace(Record):
    """Where the learner stands against the plan at the end of a day.

    ``planned_fraction`` and ``done_fraction`` are 0 to 1 of the plan's items (None: nothing
    dated); ``days_ahead`` as :func:`days_ahead`; ``items_per_week`` the recent pace (items
    done over the last four weeks, or since the start if shorter, per seven days of them not
    paused); ``projected_finish`` the
    day every item would be done at that pace, or the day the last was done when all are;
    None with ``projected_finish_reason`` saying why (:data:`TOO_EARLY` before
    :data:`PROJECTION_DAYS` days of record, :data:`NO_RECENT_PACE`, :data:`NOTHING_TO_COUNT`);
    ``overdue`` as :func:`overdue`; ``settled_by_module`` each planned module's items done
    or skipped by ``day`` (:func:`done_per_module`), by module id.
    """

    planned_fraction: float | None
    done_fraction: float
    days_ahead: int | None
    items_per_week: float
    projected_finish: dt.date | None
    overdue: list[Overdue]
    projected_finish_reason: str | None = None
    settled_by_module: dict[str, int] | None = None


def too_early_to_project(plan: Plan, day: dt.date) -> bool:
    """True when the record from the plan's start to the end of ``day`` is shorter than
    :data:`PROJECTION_DAYS` days (two weeks): from a Monday start, until the second Sunday.
    """
    return (day - plan.start).days + 1 < PROJECTION_DAYS


def pace(
    curriculum: Curriculum,
    plan: Plan,
    done: Mapping[str, dt.date],
    day: dt.date,
    counted: frozenset[str] | None = None,
    skipped: frozenset[str] = frozenset(),
) -> Pace:
    """The pace on ``day``; ``done`` maps item ids to the day each was done (items done after
    ``day`` are ignored). Planned work counts to the start of ``day`` (the day itself is
    still to be used), done work to its end. No finish is projected from less than
    :data:`PROJECTION_DAYS` days of record (:func:`too_early_to_project`). ``counted`` is
    :func:`planned_id_set` of the plan (less the ``skipped`` items), when the caller has it.
    ``skipped`` items count for neither done nor total, but a module whose other items are
    done is complete: they are credited to days ahead and are never overdue. Paused days
    (``plan.pauses``) are neither planned work nor weeks of the recent pace.
    """
    counted = planned_id_set(curriculum, plan) if counted is None else counted
    done_on = done_by(done, day)
    finished = counted_done(counted, done_on)
    since = max(plan.start, day - dt.timedelta(days=RECENT_DAYS - 1))
    if len(finished) == len(done_on):  # every item done is counted: read the days alone
        recent = sum(1 for on in done_on.values() if since <= on)
    else:
        recent = sum(1 for i in finished if since <= done_on[i])
    weeks = ((day - since).days + 1 - paused.paused_days(plan.pauses, since, day)) / 7
    rate = recent / weeks if weeks > 0 else 0.0
    remaining = len(counted) - len(finished)
    finish: dt.date | None = None
    reason: str | None = None
    if remaining == 0 and finished:
        finish = max(done_on[i] for i in finished)
    elif not counted:
        reason = NOTHING_TO_COUNT
    elif too_early_to_project(plan, day):
        reason = TOO_EARLY
    elif rate > 0:
        finish = day + dt.timedelta(days=math.ceil(remaining / rate * 7))
    else:
        reason = NO_RECENT_PACE
    settled = finished | skipped if skipped else finished
    per_module = done_per_module(curriculum, plan, settled)
    return Pace(
        planned_fraction=planned_fraction(curriculum, plan, day, counted),
        done_fraction=len(finished) / len(counted) if counted else 0.0,
        days_ahead=days_ahead(curriculum, plan, settled, day, per_module),
        items_per_week=round(rate, 2),
        projected_finish=finish,
        overdue=overdue(curriculum, plan, settled, day, per_module),
        projected_finish_reason=reason,
        settled_by_module=per_module,
    )


def done_per_module(
    curriculum: Curriculum, plan: Plan, done: set[str] | frozenset[str]
) -> dict[str, int]:
    """How many items of each module of the plan are in ``done`` (a set of item ids), by
    module id in the plan's order: one pass over the plan's module items, which
    :func:`days_ahead`, :func:`overdue` and ``roadmap status``'s rows share.
    """
    return {w.id: len(done.intersection(curriculum.item_ids_of(w.id))) for w in plan.modules}


def done_by(done: Mapping[str, dt.date], day: dt.date | None) -> dict[str, dt.date]:
    """The entries of ``done`` (item id: day done) done by the end of ``day`` (all of them
    when None). Returns ``done`` itself when it is a dict and nothing in it is later, so the
    result is to be read, not changed.
    """
    if isinstance(done, dict) and (day is None or not done or max(done.values()) <= day):
        return done
    return {item: on for item, on in done.items() if day is None or on <= day}


def planned_id_set(curriculum: Curriculum, plan: Plan) -> frozenset[str]:
    """The ids of :func:`planned_item_ids` as a set."""
    planned = planned_item_ids(curriculum, plan)
    if len(planned) == len(curriculum.item_ids):  # every item: the set is built already
        return curriculum.item_ids
    return frozenset(planned)


def counted_done(counted: frozenset[str], done: Iterable[str]) -> set[str]:
    """The ids in ``done`` that are in ``counted`` (a new set)."""
    if counted.issuperset(done):
        return set(done)
    return set(counted.intersection(done))


def planned_item_ids(curriculum: Curriculum, plan: Plan) -> list[str]:
    """The ids of the checkable items the plan counts, in curriculum order: those of its
    modules, those of its phases themselves, and every milestone item.
    """
    table = curriculum.item_table
    ids = table.ids
    counted: list[str] = []
    for start, stop in _merged(planned_spans(curriculum, plan)):
        counted += ids[start:stop]
    return counted


def phase_planned_ids(
    curriculum: Curriculum, plan: Plan, phase_id: str, planned: set[str] | None = None
) -> list[str]:
    """The ids of a phase's items that the plan counts, in curriculum order: those of its
    planned modules (``planned``, the plan's module ids, when the caller has them as a set),
    then the phase's own.
    """
    planned = set(plan.module_ids) if planned is None else planned
    modules = curriculum.phase_index[phase_id].modules
    ids = [i for m in modules if m.id in planned for i in curriculum.item_ids_of(m.id)]
    return ids + curriculum.phase_item_ids(phase_id)


def planned_spans(curriculum: Curriculum, plan: Plan) -> list[tuple[int, int]]:
    """The ``(start, stop)`` positions in the item table of each module, phase and milestone
    whose items the plan counts, in curriculum order.
    """
    table = curriculum.item_table
    spans = [table.module_spans[m] for m in plan.module_ids if m in table.module_spans]
    spans += [table.phase_spans[w.id] for w in plan.phases if w.id in table.phase_spans]
    spans += table.milestone_spans.values()
    return sorted(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the adjacent ones joined."""
    merged: list[tuple[int, int]] = []
    for start, stop in spans:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    return merged


def module_label(curriculum: Curriculum, module_id: str) -> str:
    """A module's name for people: ``Module 1: Vision Transformers ...`` or its title."""
    module = curriculum.module_index[module_id]
    return f"Module {module.number}: {module.title}" if module.number else module.title
