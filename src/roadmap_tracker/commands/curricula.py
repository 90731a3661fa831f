"""The screens about curricula themselves: ``roadmap list``, ``roadmap show [SLUG]`` (the curriculum
tree with your progress) and ``roadmap validate``, and what Tab completes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from roadmap_tracker.base import words
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import View
from roadmap_tracker.curriculum import catalog
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import schedule
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
    text = words.plural(core, "week")
    text += f" + {optional:g} optional" if optional else ""
    return text + ", then ongoing" if ongoing else text


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
