"""The screens that answer where am I and what is next: ``roadmap status``, ``roadmap next`` and
``roadmap plan`` (their views, which ``--json`` prints, and the functions that build them from a
session)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from roadmap_tracker.base import clock
from roadmap_tracker.base.records import View
from roadmap_tracker.commands.forecasting import forecast_of
from roadmap_tracker.commands.reminders import ReminderView, reminders
from roadmap_tracker.commands.views import (
    ActivityView,
    ItemView,
    NotPlannedView,
    OverdueView,
    PauseView,
    WindowView,
    activity_view,
    item_view,
    not_planned,
    overdue_view,
    pause_views,
    percent,
    percent_of,
    window_fields,
    window_view,
)
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import schedule
from roadmap_tracker.plan.forecast import Forecast
from roadmap_tracker.plan.upcoming import (
    DatedPoint,
    choices_due,
    next_items,
    upcoming_milestones,
)
from roadmap_tracker.session import ActiveContext, Session


class ModuleStatus(WindowView):
    """A module's progress in ``roadmap status``: its items done of its items, and its phase."""

    done: int
    total: int
    phase: str


class PhaseStatus(WindowView):
    """A phase's progress in ``roadmap status``: the items of its planned modules and its own
    items (checklist, deliverables, checkpoint), done of all.
    """

    done: int
    total: int


class DoneItem(ItemView):
    """An item with the day it was done."""

    on: dt.date


class SkippedItem(ItemView):
    """An item the learner skipped: the day of the skip and the reason given, if any."""

    on: dt.date
    reason: str | None


class PartScope(View):
    """The part a view is narrowed to (``--phase`` or ``--module``): its ``kind``
    (``phase`` or ``module``), ``id`` and ``title``, and a module's ``phase``.
    """

    kind: str
    id: str
    title: str
    phase: str | None


class StatusView(View):
    """``roadmap status``: where the learner stands on ``as_of`` and in its week.

    ``total`` and the per-phase and per-module totals leave out the ``skipped`` items;
    they count the planned modules only. ``not_planned`` lists the modules outside the plan
    (unchosen options, optional modules not included) with the command that plans each.
    ``week`` and ``weeks_total`` count ISO weeks
    (:func:`~roadmap_tracker.plan.schedule.week_number`);
    ``projected_finish`` is None with ``projected_finish_reason`` saying why (too early to
    project before two weeks of record; see :class:`~roadmap_tracker.plan.schedule.Pace`):
    the recent pace's single date, kept for scripts. ``forecast`` is the finish at 50%, 80%
    and 95% (:class:`~roadmap_tracker.plan.forecast.Forecast`), which the human view shows.
    ``pauses`` are the paused days in force by ``as_of`` (past, current and announced ones),
    in order of day.

    ``part`` is the phase or module ``--phase`` or ``--module`` narrowed the view to (None:
    the whole plan). Narrowed, ``done``, ``total`` and ``percent`` count the part's items;
    ``phases`` holds the part's phase only for ``--phase``, ``modules`` its modules; the
    week's checked and skipped items, the overdue points and the recurring activities are
    those of the part (a routine of the whole plan runs in every part). Pace, forecast,
    hours and the week number stay the whole plan's.
    """

    curriculum: str
    title: str
    as_of: dt.date
    week_start: dt.date
    week_end: dt.date
    start: dt.date
    end: dt.date | None
    week: int
    weeks_total: int | None
    hours_per_week: float | None
    phase: WindowView | None
    module: WindowView | None
    done: int
    total: int
    percent: float
    planned_percent: float | None
    days_ahead: int | None
    items_per_week: float
    projected_finish: dt.date | None
    projected_finish_reason: str | None
    forecast: Forecast
    overdue: list[OverdueView]
    dated: bool
    hours_this_week: float
    phases: list[PhaseStatus]
    modules: list[ModuleStatus]
    recurring: list[ActivityView]
    completed_this_week: list[str]
    completed_this_week_items: list[DoneItem]
    skipped: list[SkippedItem]
    not_planned: list[NotPlannedView]
    pauses: list[PauseView]
    part: PartScope | None = None


class MilestoneView(View):
    """A dated point of the plan."""

    title: str
    date: dt.date
    kind: str
    ref: str
    days_away: int


class BlockedModule(View):
    """A module whose prerequisites are not complete yet."""

    id: str
    title: str
    waiting_for: list[str]


class ChoiceView(View):
    """A choice group the learner has yet to decide, with its options (module id, title)."""

    id: str
    title: str
    pick: str
    options: list[WindowView]
    planned: list[str]
    recommended: str | None


class InProgressItem(ItemView):
    """An open item in progress: marked with ``roadmap doing`` (``since`` that day) or with
    study time logged on it (``hours``, decimal hours).
    """

    hours: float
    since: dt.date | None = None


class NextView(View):
    """``roadmap next``, in order of priority: items in progress (marked doing first),
    overdue milestones with their open items, the next open items whose prerequisites are
    met (``tasks``), recurring activities due in the next 7 days, upcoming milestones. ``-n``
    bounds the items of the first three together. ``dated`` is False for a curriculum
    without durations. ``reminders``: a journal entry or a review due (the curriculum's
    ``journal`` and ``review``), shown after the items in progress. ``part``: the phase or
    module ``--phase`` or ``--module`` narrowed the lists to (None: the whole plan).
    """

    curriculum: str
    title: str
    from_date: dt.date
    dated: bool
    overdue: list[OverdueView]
    overdue_items: list[ItemView]
    in_progress: list[InProgressItem]
    tasks: list[ItemView]
    recurring: list[ActivityView]
    milestones: list[MilestoneView]
    choices: list[ChoiceView]
    blocked: list[BlockedModule]
    remaining: int
    reminders: list[ReminderView]
    part: PartScope | None = None


class _Scope(NamedTuple):
    """A part and what lies in it: ``parts``, its id and, for a phase, its modules' ids;
    ``items``, the ids of the checkable items in them (a phase's own items included)."""

    view: PartScope
    parts: frozenset[str]
    items: frozenset[str]

    def holds_activity(self, during: str | None) -> bool:
        """Whether a recurring activity running ``during`` a part (the whole plan when None)
        runs in this part: during the whole plan, the part itself, one of its modules, or
        the phase a module stands in.
        """
        return during is None or during in self.parts or during == self.view.phase


def part_scope(
    context: ActiveContext, phase: str | None = None, module: str | None = None
) -> _Scope | None:
    """The part ``--phase`` or ``--module`` names in the enrollment ``context`` (its id, end
    of its id or words of its title, as :func:`roadmap_tracker.plan.refs.resolve_named`
    reads them), or None when neither is given. Raises RoadmapError when both are given,
    when the words name no part or several, and when the part is not in the plan (an
    option not chosen, an optional module not included).
    """
    if phase is None and module is None:
        return None
    from roadmap_tracker.base.errors import RoadmapError
    from roadmap_tracker.plan.refs import resolve_named

    if phase is not None and module is not None:
        raise RoadmapError(
            "--phase and --module narrow the view to one part; give one of them.",
            "A module's items: --module M; a phase's modules and items: --phase P.",
        )
    curriculum = context.curriculum
    slug = curriculum.slug
    if module is not None:
        found = resolve_named(
            curriculum.modules, module, f"'{module}' names no one module of {slug}.", "modules"
        )
        if context.plan.module_window(found.id) is None:
            raise RoadmapError(
                f"{found.id} is not in your plan, so no view of the plan holds it.",
                f"'roadmap show {found.id}' shows its items; 'roadmap plan' how to plan it.",
            )
        phase_id = next(p.id for p in curriculum.phases if found in p.modules)
        items = frozenset(curriculum.item_ids_of(found.id))
        view = PartScope(kind="module", id=found.id, title=found.title, phase=phase_id)
        return _Scope(view, frozenset({found.id}), items)
    assert phase is not None
    part = resolve_named(
        curriculum.phases, phase, f"'{phase}' names no one phase of {slug}.", "phases"
    )
    if all(window.id != part.id for window in context.plan.phases):
        raise RoadmapError(
            f"{part.id} is not in your plan, so no view of the plan holds it.",
            f"'roadmap show {part.id}' shows its items; 'roadmap plan' how to plan them.",
        )
    modules = [m.id for m in part.modules]
    phase_items = {*curriculum.phase_item_ids(part.id)}
    for module_id in modules:
        phase_items.update(curriculum.item_ids_of(module_id))
    view = PartScope(kind="phase", id=part.id, title=part.title, phase=None)
    return _Scope(view, frozenset({part.id, *modules}), frozenset(phase_items))


def status_view(
    session: Session, phase: str | None = None, module: str | None = None
) -> StatusView:
    """Where the session's enrollment stands at the end of its day (``as_of``), and what its
    week held; narrowed to the part ``phase`` or ``module`` names (:func:`part_scope`, which
    says what it raises), when one does.

    The week is the ISO week (Monday to Sunday) containing ``as_of``; nothing recorded for a
    later day counts. Pace as :func:`roadmap_tracker.plan.schedule.pace`; recurring activities
    running on ``as_of`` with their done/expected; hours logged Monday to ``as_of``.
    """
    as_of = session.as_of
    context = session.context()
    scope = part_scope(context, phase, module)
    curriculum, plan = context.curriculum, context.plan
    done = context.done_by(as_of)
    done_count, total = context.counts(as_of)
    week_start = clock.week_start(as_of)
    this_week = sorted(
        (day, position, item_id)
        for position, (item_id, day) in enumerate(done.items())
        if week_start <= day <= as_of
    )
    pace = schedule.pace(
        curriculum, plan, done, as_of, context.counted_ids, frozenset(context.skipped)
    )
    phase_of = {module.id: phase.id for phase in curriculum.phases for module in phase.modules}
    done_ids = set(done)
    skipped = context.skipped
    # Pace counted each module's items done or skipped (skipped items are never done).
    settled = pace.settled_by_module or {}
    modules = []
    for window in plan.modules:
        items = curriculum.item_ids_of(window.id)
        skipped_here = len(skipped.keys() & set(items)) if skipped else 0
        found = settled.get(window.id)
        modules.append(
            ModuleStatus(
                **window_fields(window),
                done=len(done_ids.intersection(items)) if found is None else found - skipped_here,
                total=len(items) - skipped_here,
                phase=phase_of[window.id],
            )
        )
    by_phase: dict[str, list[ModuleStatus]] = {}
    for module_status in modules:
        by_phase.setdefault(module_status.phase, []).append(module_status)
    current_phase = schedule.current_window(plan.phases, as_of)
    current_module = schedule.current_window(plan.modules, as_of)
    view = StatusView(
        curriculum=curriculum.slug,
        title=curriculum.title,
        as_of=as_of,
        week_start=week_start,
        week_end=week_start + dt.timedelta(days=6),
        start=plan.start,
        end=plan.end,
        week=schedule.week_number(plan, as_of),
        weeks_total=schedule.weeks_total(plan),
        hours_per_week=context.settings.hours_per_week,
        phase=window_view(current_phase) if current_phase else None,
        module=window_view(current_module) if current_module else None,
        done=done_count,
        total=total,
        percent=percent(done_count, total),
        planned_percent=percent_of(pace.planned_fraction),
        days_ahead=pace.days_ahead,
        items_per_week=pace.items_per_week,
        projected_finish=pace.projected_finish,
        projected_finish_reason=pace.projected_finish_reason,
        forecast=forecast_of(context, as_of),
        overdue=[overdue_view(entry, as_of) for entry in pace.overdue],
        dated=plan.dated,
        hours_this_week=round(context.ledger.logged_hours(week_start, as_of), 2),
        phases=[
            PhaseStatus(
                **window_view(window).model_dump(),
                done=sum(m.done for m in by_phase.get(window.id, []))
                + len(done_ids.intersection(curriculum.phase_item_ids(window.id))),
                total=sum(m.total for m in by_phase.get(window.id, []))
                + len(set(curriculum.phase_item_ids(window.id)).difference(skipped)),
            )
            for window in plan.phases
        ],
        modules=modules,
        recurring=[
            view
            for activity in curriculum.recurring
            if (view := activity_view(context, activity.id, as_of, as_of)) is not None
            and view.expected is not None
        ],
        completed_this_week=[item_id for _, _, item_id in this_week],
        completed_this_week_items=[
            DoneItem(**item_view(curriculum, item_id).model_dump(), on=day)
            for day, _, item_id in this_week
        ],
        skipped=[
            SkippedItem(
                **item_view(curriculum, item_id).model_dump(),
                on=day,
                reason=_skip_reason(context, item_id),
            )
            for item_id, day in skipped.items()
        ],
        not_planned=not_planned(context, as_of),
        pauses=pause_views(context.pauses),
    )
    return view if scope is None else _narrowed_status(view, scope, curriculum)


def _narrowed_status(view: StatusView, scope: _Scope, curriculum: Curriculum) -> StatusView:
    """``view`` narrowed to the part ``scope`` (see :class:`StatusView`)."""
    modules = [m for m in view.modules if m.id in scope.parts]
    phases = [p for p in view.phases if p.id in scope.parts]
    counted: PhaseStatus | ModuleStatus = (phases or modules)[0]
    during = {activity.id: activity.during for activity in curriculum.recurring}
    items = scope.items
    fields = view.model_dump()
    fields.update(
        part=scope.view,
        done=counted.done,
        total=counted.total,
        percent=percent(counted.done, counted.total),
        phases=phases,
        modules=modules,
        overdue=[entry for entry in view.overdue if entry.ref in scope.parts],
        recurring=[a for a in view.recurring if scope.holds_activity(during.get(a.id))],
        completed_this_week=[i for i in view.completed_this_week if i in items],
        completed_this_week_items=[i for i in view.completed_this_week_items if i.id in items],
        skipped=[item for item in view.skipped if item.id in items],
        not_planned=[],
    )
    return StatusView(**fields)


def _skip_reason(context: ActiveContext, item_id: str) -> str | None:
    """The reason given with an item's last skip, if any."""
    for recorded, entries in context.ledger.notes.items():
        if context.curriculum.current_id(recorded) == item_id:
            reasons = [text for _, text, _, source in entries if source == "skip" and text]
            if reasons:
                return reasons[-1]
    return None


def next_view(
    session: Session, limit: int, phase: str | None = None, module: str | None = None
) -> NextView:
    """What to do next from the session's day (``from_date``), ranked (see
    :class:`NextView`), from what is recorded up to that day (decision 36). Only items of
    the plan are offered: one in progress in an option not chosen (or a module excluded)
    since is left out. ``limit`` bounds the overdue, in-progress and next items together.

    Narrowed to the part ``phase`` or ``module`` names (:func:`part_scope`, which says what
    it raises), every list holds that part's only: its items, its overdue points, its
    choices and held-back modules, the routines that run in it and, as milestones, the
    starts and ends of the part and its modules from that day on; ``remaining`` counts its
    open items.
    """
    from_date = session.as_of
    context = session.context()
    scope = part_scope(context, phase, module)
    curriculum, plan = context.curriculum, context.plan
    inside = (lambda _: True) if scope is None else scope.items.__contains__
    in_part = (lambda _: True) if scope is None else scope.parts.__contains__
    done = context.settled()
    hours: dict[str, float] = {}
    for logged, spent in context.ledger.hours_by_item.items():
        item_id = curriculum.current_id(logged)
        if item_id is not None and item_id not in done:
            hours[item_id] = hours.get(item_id, 0.0) + spent
    doing = context.doing
    planned = context.planned_ids
    # In progress first: the items marked doing, then those with study time logged.
    started = [
        i for i in [*doing, *(i for i in hours if i not in doing)] if i in planned and inside(i)
    ]
    started = started[:limit]
    late = [e for e in schedule.overdue(curriculum, plan, done, from_date) if in_part(e.ref)]
    started_set = set(started)
    taken = list(dict.fromkeys(i for entry in late for i in entry.items))  # first mention
    overdue_ids = [i for i in taken if i not in started_set][: max(0, limit - len(started))]
    overdue_set = set(taken)
    room = max(0, limit - len(overdue_ids) - len(started))
    excluded = done | overdue_set | started_set
    if scope is None:
        items, blocked = next_items(curriculum, plan, excluded, room)
    else:
        items, blocked = next_items(curriculum, plan, excluded, len(curriculum.item_table.ids))
        items = [item for item in items if item.id in scope.items][:room]
        blocked = {m: unmet for m, unmet in blocked.items() if m in scope.parts}
    counted = context.counted_ids if scope is None else context.counted_ids & scope.items
    remaining = len(counted) - len(counted.intersection(done))
    due = choices_due(curriculum, plan, context.settings.choices, from_date)
    if scope is not None:
        due = [g for g in due if any(o in scope.parts for o in _options(curriculum, g))]
    during = {activity.id: activity.during for activity in curriculum.recurring}
    runs = (lambda _: True) if scope is None else scope.holds_activity
    groups = {group.id: group for group in curriculum.choices}
    return NextView(
        curriculum=curriculum.slug,
        title=curriculum.title,
        from_date=from_date,
        dated=plan.dated,
        overdue=[overdue_view(entry, from_date) for entry in late],
        overdue_items=[item_view(curriculum, i) for i in overdue_ids],
        in_progress=[
            InProgressItem(
                **item_view(curriculum, i).model_dump(),
                hours=round(hours.get(i, 0.0), 2),
                since=doing.get(i),
            )
            for i in started
        ],
        tasks=[item_view(curriculum, item.id) for item in items],
        recurring=[
            view
            for activity in curriculum.recurring
            if runs(during[activity.id])
            and (view := activity_view(context, activity.id, from_date, from_date)) is not None
            and view.due is not None
        ],
        milestones=[
            MilestoneView(
                title=milestone.title,
                date=milestone.date,
                kind=milestone.kind,
                ref=milestone.ref,
                days_away=(milestone.date - from_date).days,
            )
            for milestone in (
                upcoming_milestones(curriculum, plan, from_date)
                if scope is None
                else _part_points(context, scope, from_date)
            )
        ],
        choices=[
            ChoiceView(
                id=group_id,
                title=groups[group_id].title,
                pick=groups[group_id].pick,
                options=[
                    _module_window_view(context, option) for option in groups[group_id].options
                ],
                planned=schedule.chosen_options(curriculum, context.settings.choices)[group_id],
                recommended=groups[group_id].recommended,
            )
            for group_id in due
        ],
        blocked=[
            BlockedModule(
                id=module_id,
                title=curriculum.module_index[module_id].title,
                waiting_for=unmet,
            )
            for module_id, unmet in blocked.items()
        ],
        remaining=remaining,
        reminders=reminders(context, from_date),
        part=None if scope is None else scope.view,
    )


class NextAllView(View):
    """``roadmap next --all``: :class:`NextView` of every current enrollment from
    ``from_date``, the active one first, then the others from the latest started.
    """

    from_date: dt.date
    active: str | None
    plans: list[NextView]


def next_all_view(session: Session, limit: int) -> NextAllView:
    """What to do next in each of the learner's current enrollments from the session's day
    (each as :func:`next_view` with ``limit``). Raises RoadmapError when the learner is not
    enrolled anywhere on that day, or when a curriculum does not load.
    """
    state = session.state
    if not state.enrollments:
        session.enrollment()  # raises the one sentence for no enrollment
    ordered = sorted(
        reversed(state.enrollments), key=lambda enrollment: enrollment.curriculum != state.active
    )
    plans = [
        next_view(Session(session.as_of, e.curriculum, session.record, session.curricula), limit)
        for e in ordered
    ]
    return NextAllView(from_date=session.as_of, active=state.active, plans=plans)


def _part_points(context: ActiveContext, scope: _Scope, day: dt.date) -> list[DatedPoint]:
    """The planned starts and ends of the part ``scope`` and of its modules on or after
    ``day``, by date (on the same day, the phase's first).
    """
    found: list[DatedPoint] = []
    windows = [*context.plan.phases, *context.plan.modules]
    for window in windows:
        if window.id not in scope.parts:
            continue
        kind = "phase" if window.id in context.curriculum.phase_index else "module"
        label = f"{kind} {window.id}: {window.title}"
        if window.start is not None and window.start >= day:
            found.append(DatedPoint(f"Start of {label}", window.start, f"{kind}-start", window.id))
        if window.end is not None and window.end >= day:
            found.append(DatedPoint(f"End of {label}", window.end, f"{kind}-end", window.id))
    return sorted(found, key=lambda point: point.date)


def _options(curriculum: Curriculum, group_id: str) -> tuple[str, ...]:
    """The module ids a choice group offers."""
    return next(g.options for g in curriculum.choices if g.id == group_id)


def _module_window_view(context: ActiveContext, module_id: str) -> WindowView:
    """A module's planned window, or its title alone when it is not in the plan."""
    window = context.plan.module_window(module_id)
    if window is not None:
        return window_view(window)
    module = context.curriculum.module_index[module_id]
    return WindowView(id=module.id, title=module.title, start=None, end=None)


class PlanRow(WindowView):
    """One bar of ``roadmap plan``: a phase or module with its window and progress."""

    kind: str
    phase: str | None
    done: int
    total: int


class PlanView(View):
    """``roadmap plan``: the timeline of the enrollment on ``today``.

    ``rows`` are the phases, each followed by its modules; ``milestones`` the curriculum's
    milestones with dates; ``replans`` the re-baselines (date, hours per week), oldest first.
    ``dated`` is False when the curriculum has no durations (no bars, no invented dates).
    ``not_planned`` are the modules outside the plan (options not chosen, optional modules
    not included), each with the command that plans it and its items done by ``today``.
    ``pauses`` are the paused days in force by ``today``, which the windows moved around.
    """

    curriculum: str
    title: str
    today: dt.date
    start: dt.date
    end: dt.date | None
    dated_end: dt.date | None
    hours_per_week: float | None
    scale: float
    dated: bool
    rows: list[PlanRow]
    milestones: list[MilestoneView]
    replans: list[tuple[dt.date, float | None]]
    not_planned: list[NotPlannedView]
    pauses: list[PauseView]


def plan_view(session: Session) -> PlanView:
    """The session's enrollment's timeline, with progress recorded by the end of its day."""
    as_of = session.as_of
    context = session.context()
    curriculum, plan = context.curriculum, context.plan
    done = context.done_by(as_of).keys()
    skipped = context.skipped

    def counts(ids: list[str]) -> tuple[int, int]:
        """Done and total of ``ids``, skipped ones left out."""
        if skipped:
            ids = [i for i in ids if i not in skipped]
        return len(done & ids), len(ids)

    windows: dict[
        str, list[schedule.Window]
    ] = {}  # each phase's planned modules, in the plan's order
    for window in plan.modules:
        windows.setdefault(curriculum.phase_of[window.id].id, []).append(window)
    rows: list[PlanRow] = []
    for phase in plan.phases:
        # a phase counts the items of its planned modules, then its own
        modules = [
            (window, *counts(curriculum.item_ids_of(window.id)))
            for window in windows.get(phase.id, ())
        ]
        own_done, own_total = counts(curriculum.phase_item_ids(phase.id))
        rows.append(
            PlanRow(
                **window_view(phase).model_dump(),
                kind="phase",
                phase=None,
                done=own_done + sum(module_done for _, module_done, _ in modules),
                total=own_total + sum(total for _, _, total in modules),
            )
        )
        rows += [
            PlanRow(
                **window_view(window).model_dump(),
                kind="module",
                phase=phase.id,
                done=module_done,
                total=total,
            )
            for window, module_done, total in modules
        ]
    return PlanView(
        curriculum=curriculum.slug,
        title=curriculum.title,
        today=as_of,
        start=plan.start,
        end=plan.end,
        dated_end=plan.dated_end,
        hours_per_week=context.settings.hours_per_week,
        scale=round(plan.scale, 4),
        dated=plan.dated,
        rows=rows,
        milestones=[
            MilestoneView(
                title=m.title,
                date=m.date,
                kind="milestone",
                ref=m.id,
                days_away=(m.date - as_of).days,
            )
            for m in plan.milestones
        ],
        replans=[(r.on, r.hours_per_week) for r in plan.replans],
        not_planned=not_planned(context, as_of),
        pauses=pause_views(context.pauses),
    )
