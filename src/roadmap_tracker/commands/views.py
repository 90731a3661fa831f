"""Plain data for each screen. ``--json`` prints exactly these; the renderers draw them.

Each ``*_view`` function reads what it needs (curricula, the progress file) and returns a
dataclass (:class:`View`); none of them writes. Dates are local calendar dates,
serialised as ISO 8601.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import View
from roadmap_tracker.commands.reminders import ReminderView, reminders
from roadmap_tracker.curriculum import catalog
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import recurring, schedule
from roadmap_tracker.plan.upcoming import choices_due, next_items, upcoming_milestones
from roadmap_tracker.progress import progress_state
from roadmap_tracker.session import ActiveContext, Session, recurring_ids, source_of


class CurriculumSummary(View):
    """One row of ``roadmap list``.

    ``weeks`` is the planned length of the dated part at the curriculum's own weekly hours
    (whole weeks, rounded up; None without durations); ``ongoing`` is True when some part
    never ends.
    """

    slug: str
    title: str
    tasks: int
    modules: int
    weeks: int | None
    optional_weeks: int | None
    ongoing: bool
    duration: str
    origin: str
    enrolled: bool


class ListView(View):
    """``roadmap list``: the curricula a learner can enroll in."""

    curricula: list[CurriculumSummary]

    def to_json(self) -> object:
        """A list of curriculum objects with ``slug``, ``title`` and ``tasks``."""
        return [entry.model_dump(mode="json") for entry in self.curricula]


class WindowView(View):
    """A module or phase with its planned dates."""

    id: str
    title: str
    start: dt.date | None
    end: dt.date | None
    latest_end: dt.date | None = None


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


class ItemView(View):
    """A checkable item as the views show it.

    ``module`` is None for an item of a phase itself or of a milestone; ``part_title`` names
    where the item stands: its module, else its phase, else its milestone.
    """

    id: str
    title: str
    kind: str
    module: str | None
    module_title: str | None
    phase: str | None
    milestone: str | None
    section: str | None
    part_title: str


class DoneItem(ItemView):
    """An item with the day it was done."""

    on: dt.date


class OverdueView(View):
    """A module end, phase end or milestone now passed with items open.

    ``date`` is the latest acceptable date; ``days_late`` counts from it; ``open_items`` the
    ids still open.
    """

    title: str
    date: dt.date
    kind: str
    ref: str
    days_late: int
    open_items: list[str]


class ActivityView(View):
    """A recurring activity's done/expected in its current period (``papers read 1 of 2``).

    ``period_start``/``period_end`` bound the period (the ISO week for daily and weekly
    cadences); ``due`` is its next occurrence on or after the day asked about, if any.
    """

    id: str
    title: str
    cadence: str
    rrule: str
    unit: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    done: int
    expected: int | None
    due: dt.date | None = None


class SkippedItem(ItemView):
    """An item the learner skipped: the day of the skip and the reason given, if any."""

    on: dt.date
    reason: str | None


class StatusView(View):
    """``roadmap status``: where the learner stands on ``as_of`` and in its week.

    ``total`` and the per-phase and per-module totals leave out the ``skipped`` items.
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
    overdue: list[OverdueView]
    dated: bool
    hours_this_week: float
    phases: list[PhaseStatus]
    modules: list[ModuleStatus]
    recurring: list[ActivityView]
    completed_this_week: list[str]
    completed_this_week_items: list[DoneItem]
    skipped: list[SkippedItem]


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
    ``journal`` and ``review``), shown after the items in progress.
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


def item_completions(incomplete: str, plan: str | None = None) -> list[tuple[str, str]]:
    """What Tab completes a task reference to: the ids of the active curriculum's items (or
    those of the enrollment ``plan`` names) not done yet that start with ``incomplete``, each
    with its title, in curriculum order.

    Empty when the learner is not enrolled or the files cannot be read: completion never
    prints an error. Reads the ids and titles kept beside the cached curriculum
    (:func:`roadmap_tracker.curriculum.catalog.derived`), not the curriculum.
    """
    try:
        state = progress_state.read_state()
        slug = plan or state.active
        enrollment = state.enrollment(slug) if slug else None
        if enrollment is None:
            return []
        path, slug = source_of(enrollment)
        ids, titles, current, recurring = catalog.derived(
            path, slug, "completion", _completion_facts
        )
        done = state.ledger(enrollment, recurring).done(None, current)
    except RoadmapError:
        return []
    return [
        (item_id, title)
        for item_id, title in zip(ids, titles, strict=True)
        if item_id.startswith(incomplete) and item_id not in done
    ]


def slug_completions(incomplete: str) -> list[str]:
    """What Tab completes a curriculum slug to: the slugs of the bundled and user curricula
    that start with ``incomplete``, sorted. Reads file names only, never a curriculum.
    """
    try:
        return sorted(slug for slug in catalog.slugs() if slug.startswith(incomplete))
    except OSError:
        return []


def enrollment_completions(incomplete: str) -> list[tuple[str, str]]:
    """What Tab completes the slug of an enrollment to (``switch``, ``stop``, ``--plan``):
    the curricula the learner follows that start with ``incomplete``, the active one marked.
    Empty when the progress file cannot be read.
    """
    try:
        state = progress_state.read_state()
    except RoadmapError:
        return []
    return [
        (e.curriculum, "active" if e.curriculum == state.active else f"since {e.started}")
        for e in state.enrollments
        if e.curriculum.startswith(incomplete)
    ]


def _completion_facts(
    curriculum: Curriculum,
) -> tuple[list[str], list[str], dict[str, str], frozenset[str]]:
    """What completion needs of a curriculum: item ids and titles in order, the current id
    of each old one, and the recurring activities' ids (kept in the cache beside it).
    """
    table = curriculum.item_table
    current = curriculum.current_ids
    return list(table.ids), list(table.titles), current, recurring_ids(curriculum)


def show_data(
    session: Session, reference: str | None, whole: bool = False
) -> tuple[Curriculum, dict[str, dt.date], dict[str, str]]:
    """The curriculum ``roadmap show`` draws (default: the active one), its done items, and
    the items in progress or skipped (item id: ``doing`` or ``skipped``).

    They come from the learner's enrollment in that curriculum, if any. The active one is
    the outline the cache keeps (enough for the tree) unless ``whole`` asks for every task
    detail, as ``--json`` prints them.
    """
    if reference is None:
        context = session.context()
        curriculum = context.curriculum
        if whole:
            curriculum = session.curriculum_of(context.enrollment, whole=True)
        return curriculum, context.done_by(), _marks(context)
    curriculum = catalog.load_slug(reference)
    enrollment = session.state.enrollment(curriculum.slug)
    if enrollment is None:
        return curriculum, {}, {}
    context = session.context_of(enrollment, curriculum)
    return curriculum, context.done_by(), _marks(context)


def show_json(
    curriculum: Curriculum, done: dict[str, dt.date], marks: dict[str, str]
) -> dict[str, Any]:
    """What ``roadmap show [SLUG] --json`` prints: the curriculum as validated (its fields in
    JSON types, :meth:`Curriculum.model_dump`), then ``progress``, the learner's ticks and
    marks that the tree shows: ``done`` (item id: ISO 8601 day it was done), ``doing`` and
    ``skipped`` (item ids), in the order recorded; all empty when not enrolled.
    (:func:`show_data` gives ``done`` and ``marks``.)
    """
    data = curriculum.model_dump(mode="json")
    data["progress"] = {
        "done": {item_id: day.isoformat() for item_id, day in done.items()},
        "doing": [item_id for item_id, mark in marks.items() if mark == "doing"],
        "skipped": [item_id for item_id, mark in marks.items() if mark == "skipped"],
    }
    return data


def _marks(context: ActiveContext) -> dict[str, str]:
    marks = dict.fromkeys(context.doing, "doing")
    marks.update(dict.fromkeys(context.skipped, "skipped"))
    return marks


def item_view(curriculum: Curriculum, item_id: str) -> ItemView:
    """The view of one checkable item."""
    item = curriculum.item(item_id)
    module = curriculum.module_index[item.module_id] if item.module_id else None
    if module is not None:
        part_title = module.title
    elif item.phase_id is not None:
        part_title = curriculum.phase_index[item.phase_id].title
    else:
        part_title = next(m.title for m in curriculum.milestones if m.id == item.milestone_id)
    return ItemView(
        id=item.id,
        title=item.title,
        kind=item.kind,
        module=item.module_id,
        module_title=module.title if module else None,
        phase=item.phase_id,
        milestone=item.milestone_id,
        section=item.section,
        part_title=part_title,
    )


def list_view(session: Session) -> ListView:
    """Every curriculum in the catalog, with its duration and number of checkable items."""
    state = session.state
    rows = []
    for slug, entry in catalog.catalog().items():
        expected = None if entry.origin == "path" else entry.slug
        facts = catalog.derived(entry.path, expected, "list", _list_facts)
        rows.append(
            CurriculumSummary(
                **facts,
                slug=slug,
                origin=entry.origin,
                enrolled=state.enrollment(slug) is not None,
            )
        )
    return ListView(curricula=rows)


def _list_facts(curriculum: Curriculum) -> dict[str, Any]:
    """What ``roadmap list`` shows of a curriculum (kept in the cache beside it)."""
    core, ongoing = schedule.plan_weeks(curriculum, [])
    optional_ids = [m.id for m in curriculum.modules if m.optional]
    everything, _ = schedule.plan_weeks(curriculum, optional_ids)
    optional = None if core is None or everything is None else everything - core
    return {
        "title": curriculum.title,
        "tasks": len(curriculum.item_table.ids),
        "modules": len(curriculum.modules),
        "weeks": core,
        "optional_weeks": optional or None,
        "ongoing": ongoing,
        "duration": _duration_text(core, optional, ongoing),
    }


def _duration_text(core: int | None, optional: int | None, ongoing: bool) -> str:
    if core is None:
        return "ongoing" if ongoing else "no durations"
    text = f"{core:g} weeks"
    text += f" + {optional:g} optional" if optional else ""
    return text + ", then ongoing" if ongoing else text


def status_view(session: Session) -> StatusView:
    """Where the session's enrollment stands at the end of its day (``as_of``), and what its
    week held.

    The week is the ISO week (Monday to Sunday) containing ``as_of``; nothing recorded for a
    later day counts. Pace as :func:`roadmap_tracker.plan.schedule.pace`; recurring activities
    running on ``as_of`` with their done/expected; hours logged Monday to ``as_of``.
    """
    as_of = session.as_of
    context = session.context()
    curriculum, plan = context.curriculum, context.plan
    done = context.done_by(as_of)
    done_count, total = context.counts(as_of)
    week_start = as_of - dt.timedelta(days=as_of.weekday())
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
    modules = []
    for window in plan.modules:
        items = curriculum.item_ids_of(window.id)
        modules.append(
            ModuleStatus(
                **_window_fields(window),
                done=len(done_ids.intersection(items)),
                total=len(items) - (len(skipped.keys() & set(items)) if skipped else 0),
                phase=phase_of[window.id],
            )
        )
    by_phase: dict[str, list[ModuleStatus]] = {}
    for module_status in modules:
        by_phase.setdefault(module_status.phase, []).append(module_status)
    phase = schedule.current_window(plan.phases, as_of)
    module = schedule.current_window(plan.modules, as_of)
    return StatusView(
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
        phase=window_view(phase) if phase else None,
        module=window_view(module) if module else None,
        done=done_count,
        total=total,
        percent=percent(done_count, total),
        planned_percent=percent_of(pace.planned_fraction),
        days_ahead=pace.days_ahead,
        items_per_week=pace.items_per_week,
        projected_finish=pace.projected_finish,
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
    )


def _skip_reason(context: ActiveContext, item_id: str) -> str | None:
    """The reason given with an item's last skip, if any."""
    for recorded, entries in context.ledger.notes.items():
        if context.curriculum.current_id(recorded) == item_id:
            reasons = [text for _, text, _, source in entries if source == "skip" and text]
            if reasons:
                return reasons[-1]
    return None


def percent(count: int, total: int) -> float:
    """``count`` of ``total`` in percent, to one decimal (0.0 of nothing)."""
    return round(100 * count / total, 1) if total else 0.0


def percent_of(fraction: float | None) -> float | None:
    """A fraction (0 to 1) in percent, to one decimal; None stays None."""
    return None if fraction is None else round(100 * fraction, 1)


def overdue_view(entry: schedule.Overdue, day: dt.date) -> OverdueView:
    """The view of an overdue point of the plan, as seen on ``day``."""
    return OverdueView(
        title=entry.title,
        date=entry.date,
        kind=entry.kind,
        ref=entry.ref,
        days_late=(day - entry.date).days,
        open_items=entry.items,
    )


def activity_view(
    context: ActiveContext, activity_id: str, day: dt.date, as_of: dt.date
) -> ActivityView | None:
    """A recurring activity's count in the period of ``day`` (occurrences recorded by the end
    of ``as_of``) and when it is due: ``day`` itself for a daily or weekly activity whose
    week is not complete, else its next occurrence in the 7 days from ``day``. None when it
    is not running then and has no occurrence in those 7 days.
    """
    activity = next(a for a in context.curriculum.recurring if a.id == activity_id)
    period = recurring.activity_period(activity, context.plan, day)
    recorded = {}
    if period is not None:
        recorded = context.ledger.occurrence_counts(activity.id, period[0], min(period[1], as_of))
    count = recurring.activity_count(activity, context.plan, day, recorded)
    upcoming = recurring.occurrences(activity, context.plan, day, day + dt.timedelta(days=6))
    if count is None and not upcoming:
        return None
    behind = count is not None and count.done < count.expected
    if behind and activity.cadence in recurring.WEEK_CADENCES:
        upcoming.insert(0, day)  # this week's share is still open
    return ActivityView(
        id=activity.id,
        title=activity.title,
        cadence=activity.cadence,
        rrule=activity.rrule,
        unit=activity.unit,
        period_start=count.period_start if count else None,
        period_end=count.period_end if count else None,
        done=count.done if count else 0,
        expected=count.expected if count else None,
        due=upcoming[0] if upcoming else None,
    )


def next_view(session: Session, limit: int) -> NextView:
    """What to do next from the session's day (``from_date``), ranked (see
    :class:`NextView`); counts everything recorded so far. ``limit`` bounds the overdue, in-progress
    and next items together.
    """
    from_date = session.as_of
    context = session.context()
    curriculum, plan = context.curriculum, context.plan
    done = context.settled()
    hours: dict[str, float] = {}
    for logged, spent in context.ledger.hours_by_item.items():
        item_id = curriculum.current_id(logged)
        if item_id is not None and item_id not in done:
            hours[item_id] = hours.get(item_id, 0.0) + spent
    doing = context.doing
    # In progress first: the items marked doing, then those with study time logged.
    started = [*doing, *(i for i in hours if i not in doing)][:limit]
    late = schedule.overdue(curriculum, plan, done, from_date)
    started_set = set(started)
    taken = list(dict.fromkeys(i for entry in late for i in entry.items))  # first mention
    overdue_ids = [i for i in taken if i not in started_set][: max(0, limit - len(started))]
    overdue_set = set(taken)
    room = max(0, limit - len(overdue_ids) - len(started))
    items, blocked = next_items(curriculum, plan, done | overdue_set | started_set, room)
    remaining = len(context.counted_ids) - len(context.counted_ids.intersection(done))
    due = choices_due(curriculum, plan, context.settings.choices, from_date)
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
            if (view := activity_view(context, activity.id, from_date, from_date)) is not None
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
            for milestone in upcoming_milestones(curriculum, plan, from_date)
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
    )


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


def plan_view(session: Session) -> PlanView:
    """The session's enrollment's timeline, with progress recorded by the end of its day."""
    as_of = session.as_of
    context = session.context()
    curriculum, plan = context.curriculum, context.plan
    done = set(context.done_by(as_of))
    skipped = context.skipped
    rows: list[PlanRow] = []
    for phase in plan.phases:
        module_ids = [m.id for m in curriculum.phase_index[phase.id].modules]
        items = [
            i for i in schedule.phase_planned_ids(curriculum, plan, phase.id) if i not in skipped
        ]
        rows.append(
            PlanRow(
                **window_view(phase).model_dump(),
                kind="phase",
                phase=None,
                done=len(done.intersection(items)),
                total=len(items),
            )
        )
        for window in plan.modules:
            if window.id in module_ids:
                own = [i for i in curriculum.item_ids_of(window.id) if i not in skipped]
                rows.append(
                    PlanRow(
                        **window_view(window).model_dump(),
                        kind="module",
                        phase=phase.id,
                        done=len(done.intersection(own)),
                        total=len(own),
                    )
                )
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
    )


class ProblemView(View):
    """One problem of a curriculum file; ``line`` and ``column`` are 1-based."""

    line: int
    column: int
    field: str
    message: str
    text: str


class FileCheck(View):
    """The result of validating one curriculum file."""

    path: str
    slug: str | None
    items: int | None
    problems: list[ProblemView]


class ValidateView(View):
    """``roadmap validate``: every problem of every file; ``valid`` when there are none."""

    valid: bool
    files: list[FileCheck]


def validate_view(references: list[str]) -> ValidateView:
    """Validate curriculum files (paths, or slugs of the catalog) and collect every problem.

    A file inside a catalog directory must also carry the slug of its file name. A file that
    cannot be read is reported as a problem of that file, and the others are still checked.
    """
    checks = []
    for reference in references:
        path = Path(reference).expanduser()
        expected: str | None = None
        if not path.is_file() and path.suffix not in catalog.CURRICULUM_SUFFIXES:
            entry = catalog.find_curriculum(reference)
            path, expected = entry.path, entry.slug
        elif path.resolve().parent in catalog.catalog_dirs():
            expected = path.stem
        try:
            curriculum, problems = catalog.check_curriculum(path, expected)
        except RoadmapError as error:
            curriculum = None
            problems = [catalog.Problem(path, 1, 1, "file", error.message)]
        checks.append(
            FileCheck(
                path=str(path),
                slug=curriculum.slug if curriculum else None,
                items=len(curriculum.items) if curriculum else None,
                problems=[
                    ProblemView(
                        line=p.line,
                        column=p.column,
                        field=p.field,
                        message=p.message,
                        text=str(p),
                    )
                    for p in problems
                ],
            )
        )
    return ValidateView(valid=not any(c.problems for c in checks), files=checks)


def window_view(window: schedule.Window) -> WindowView:
    """The view of a planned module or phase window."""
    return WindowView(**_window_fields(window))


def _window_fields(window: schedule.Window) -> dict[str, Any]:
    """The fields of a :class:`WindowView` (and of the views built on it) for ``window``."""
    return {
        "id": window.id,
        "title": window.title,
        "start": window.start,
        "end": window.end,
        "latest_end": window.latest_end,
    }
