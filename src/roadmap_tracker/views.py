"""Plain data for each screen. ``--json`` prints exactly these; the renderers draw them.

Each ``*_view`` function reads what it needs (curricula, the progress file) and returns a
pydantic model; none of them writes. Dates are local calendar dates, serialised as ISO 8601.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel

from roadmap_tracker import catalog, schedule, store
from roadmap_tracker.errors import RoadmapError
from roadmap_tracker.model import Curriculum, Item
from roadmap_tracker.progress import Enrollment, Progress, done_items


class View(BaseModel):
    """Base of every view: ``to_json`` gives what ``--json`` prints."""

    def to_json(self) -> object:
        """Return the view as JSON-ready data (dates as ISO 8601 strings)."""
        return self.model_dump(mode="json")


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
    weeks: float | None
    optional_weeks: float | None
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
    """A module's progress in ``roadmap status``."""

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


class StatusView(View):
    """``roadmap status``: where the learner stands on ``as_of`` and in its week."""

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
    modules: list[ModuleStatus]
    completed_this_week: list[str]
    completed_this_week_items: list[DoneItem]


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


class NextView(View):
    """``roadmap next``: the next items to work on and the upcoming milestones."""

    curriculum: str
    title: str
    from_date: dt.date
    tasks: list[ItemView]
    milestones: list[MilestoneView]
    blocked: list[BlockedModule]
    remaining: int


class ActiveContext:
    """The active enrollment with its curriculum, plan and done items (all items, no date)."""

    def __init__(self, progress: Progress, enrollment: Enrollment, curriculum: Curriculum):
        self.progress = progress
        self.enrollment = enrollment
        self.curriculum = curriculum
        self.plan = schedule.make_plan(
            curriculum,
            enrollment.started,
            enrollment.hours_per_week,
            enrollment.include,
            enrollment.choices,
        )

    @property
    def counted_items(self) -> list[Item]:
        """The checkable items of the plan: what done/total and pace count."""
        return schedule.planned_items(self.curriculum, self.plan)

    def done_by(self, as_of: dt.date | None = None) -> dict[str, dt.date]:
        """Current item ids done by the end of ``as_of`` (old ids mapped to current ones)."""
        index = self.curriculum.item_index
        recorded = done_items(self.progress.events_of(self.curriculum.slug), as_of)
        return {index[i].id: day for i, day in recorded.items() if i in index}


def curriculum_of(enrollment: Enrollment) -> Curriculum:
    """Load the curriculum an enrollment follows (its file path, or its slug in the catalog)."""
    if enrollment.path:
        return catalog.load_curriculum(Path(enrollment.path))
    return catalog.load_slug(enrollment.curriculum)


def active_context(progress: Progress | None = None) -> ActiveContext:
    """Return the active enrollment with its curriculum.

    Raises RoadmapError when the learner is not enrolled anywhere.
    """
    progress = progress if progress is not None else store.read_progress()
    enrollment = progress.enrollment(progress.active) if progress.active else None
    if enrollment is None:
        raise RoadmapError(
            "You are not enrolled in any curriculum yet.",
            "Run 'roadmap list' to see the curricula, then 'roadmap start SLUG' to enroll.",
        )
    return ActiveContext(progress, enrollment, curriculum_of(enrollment))


def show_data(reference: str | None) -> tuple[Curriculum, dict[str, dt.date]]:
    """The curriculum ``roadmap show`` draws (default: the active one) and its done items.

    Done items come from the learner's enrollment in that curriculum, if any.
    """
    if reference is None:
        context = active_context()
        return context.curriculum, context.done_by()
    curriculum = catalog.load_slug(reference)
    progress = store.read_progress()
    enrollment = progress.enrollment(curriculum.slug)
    if enrollment is None:
        return curriculum, {}
    return curriculum, ActiveContext(progress, enrollment, curriculum).done_by()


def item_view(curriculum: Curriculum, item_id: str) -> ItemView:
    """The view of one checkable item."""
    item = curriculum.item_index[item_id]
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


def list_view() -> ListView:
    """Every curriculum in the catalog, with its duration and number of checkable items."""
    progress = store.read_progress()
    rows = []
    for slug, entry in catalog.catalog().items():
        curriculum = catalog.load_entry(entry)
        core, ongoing = schedule.plan_weeks(curriculum, [])
        optional_ids = [m.id for m in curriculum.modules if m.optional]
        everything, _ = schedule.plan_weeks(curriculum, optional_ids)
        optional = None if core is None or everything is None else everything - core
        rows.append(
            CurriculumSummary(
                slug=slug,
                title=curriculum.title,
                tasks=len(curriculum.items),
                modules=len(curriculum.modules),
                weeks=core,
                optional_weeks=optional or None,
                ongoing=ongoing,
                duration=_duration_text(core, optional, ongoing),
                origin=entry.origin,
                enrolled=progress.enrollment(slug) is not None,
            )
        )
    return ListView(curricula=rows)


def _duration_text(core: float | None, optional: float | None, ongoing: bool) -> str:
    if core is None:
        return "ongoing" if ongoing else "no durations"
    text = f"{core:g} weeks"
    text += f" + {optional:g} optional" if optional else ""
    return text + ", then ongoing" if ongoing else text


def status_view(as_of: dt.date) -> StatusView:
    """Where the active enrollment stands at the end of ``as_of``, and what its week held.

    The week is the ISO week (Monday to Sunday) containing ``as_of``; nothing recorded for a
    later day counts. Pace compares planned days of done items with days elapsed.
    """
    context = active_context()
    curriculum, plan = context.curriculum, context.plan
    done = context.done_by(as_of)
    counted = context.counted_items
    done_count = sum(1 for item in counted if item.id in done)
    week_start = as_of - dt.timedelta(days=as_of.weekday())
    this_week = sorted(
        (day, position, item_id)
        for position, (item_id, day) in enumerate(done.items())
        if week_start <= day <= as_of
    )
    planned = schedule.planned_fraction(plan, as_of)
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
        hours_per_week=context.enrollment.hours_per_week,
        phase=window_view(phase) if phase else None,
        module=window_view(module) if module else None,
        done=done_count,
        total=len(counted),
        percent=round(100 * done_count / len(counted), 1) if counted else 0.0,
        planned_percent=None if planned is None else round(100 * planned, 1),
        days_ahead=schedule.days_ahead(curriculum, plan, set(done), as_of),
        modules=[
            ModuleStatus(
                **window_view(window).model_dump(),
                done=sum(1 for i in curriculum.items_of(window.id) if i.id in done),
                total=len(curriculum.items_of(window.id)),
            )
            for window in plan.modules
        ],
        completed_this_week=[item_id for _, _, item_id in this_week],
        completed_this_week_items=[
            DoneItem(**item_view(curriculum, item_id).model_dump(), on=day)
            for day, _, item_id in this_week
        ],
    )


def next_view(from_date: dt.date, limit: int) -> NextView:
    """The next ``limit`` open items whose module's prerequisites are met, and the milestones
    coming on or after ``from_date``. Counts everything recorded so far.
    """
    context = active_context()
    curriculum, plan = context.curriculum, context.plan
    done = set(context.done_by())
    items, blocked = schedule.next_items(curriculum, plan, done, limit)
    remaining = sum(1 for item in context.counted_items if item.id not in done)
    return NextView(
        curriculum=curriculum.slug,
        title=curriculum.title,
        from_date=from_date,
        tasks=[item_view(curriculum, item.id) for item in items],
        milestones=[
            MilestoneView(
                title=milestone.title,
                date=milestone.date,
                kind=milestone.kind,
                ref=milestone.ref,
                days_away=(milestone.date - from_date).days,
            )
            for milestone in schedule.upcoming_milestones(curriculum, plan, from_date)
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
    return WindowView(
        id=window.id,
        title=window.title,
        start=window.start,
        end=window.end,
        latest_end=window.latest_end,
    )
