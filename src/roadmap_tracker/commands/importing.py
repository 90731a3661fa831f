"""The ``roadmap import`` command: a Markdown roadmap made into a curriculum file.

:func:`import_markdown` reads the file (UTF-8, :data:`MAX_MARKDOWN_BYTES` at most), parses it
(:func:`roadmap_tracker.formats.markdown_import.parse_roadmap`), chooses the slug and the file
the curriculum goes to, writes its YAML
(:func:`roadmap_tracker.formats.curriculum_yaml.curriculum_yaml`, through
:func:`roadmap_tracker.commands.output_files.write_file`) and, with ``--progress``, enrolls and
records the file's marks, notes and evidence in one change
(:func:`roadmap_tracker.commands.tracking.start`). Every result lists what of the file was
left out (:class:`LeftOutPart`); ``--explain`` only reads the file.

A file ``roadmap export`` wrote and the learner ticked elsewhere (``--update``, or found from
the ids it carries: :func:`_enrollment_for`) writes no curriculum: :func:`update_enrollment`
records the marks and notes that differ from the enrollment's record as events of one change
(:class:`UpdateSummary`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_tracker.base.errors import RoadmapError, error_reason
from roadmap_tracker.base.records import View
from roadmap_tracker.commands.output_files import check_output_target, write_file
from roadmap_tracker.curriculum.model import SLUG_PATTERN
from roadmap_tracker.formats.curriculum_yaml import curriculum_yaml
from roadmap_tracker.formats.markdown_headings import slugify
from roadmap_tracker.formats.markdown_import import assign_ids, parse_roadmap
from roadmap_tracker.formats.markdown_parsed import ParsedRoadmap, ParsedTask

if TYPE_CHECKING:
    from roadmap_tracker.commands.tracking import StartResult
    from roadmap_tracker.progress.events import Event
    from roadmap_tracker.progress.transaction import Transaction
    from roadmap_tracker.session import ActiveContext, Session

MAX_MARKDOWN_BYTES = 10 * 2**20
"""A Markdown file larger than this (10 MiB) is refused unread."""


class LeftOutPart(View):
    """A part of the file the import made nothing of: its first ``line`` (1-based), its
    ``kind`` (a plural noun phrase: ``prose paragraphs``, ``tables of contents``, ``code
    blocks``, ``HTML blocks``, ``sections without items``...), the start of its ``text`` (200
    characters at most) and ``lines``, how many list lines it stands for (a table of contents;
    1 otherwise).
    """

    line: int
    kind: str
    text: str
    lines: int


class UpdateSummary(View):
    """What ``roadmap import FILE --update`` recorded in the enrollment in ``curriculum``
    on the day ``on``: the ids of the items the file marks, and the record as of that day did
    not, as ``done``, ``doing`` (in progress), ``skipped`` and ``reopened`` (open again);
    ``unchanged`` how many of the file's items already stood so; ``not_planned`` the ids of
    items outside the plan whose marks were not recorded (an option not chosen, an optional
    module not included); ``not_in_curriculum`` how many items of the file are not items of
    the curriculum (new ones, or lines without an id comment); ``detected`` True when the
    file's ids chose the enrollment without ``--update``; ``notes`` how many notes and evidence
    links under the file's items (``- Note:``, ``- Evidence:``) were recorded, those the record
    did not hold that day (one ``note`` event each); ``changes`` how many events were recorded
    (one for each kind of mark, one for each note), which ``roadmap undo`` takes back
    together (their ``part_of`` is the first one's number).
    """

    curriculum: str
    on: dt.date
    done: list[str]
    doing: list[str]
    skipped: list[str]
    reopened: list[str]
    unchanged: int
    not_planned: list[str]
    not_in_curriculum: int
    detected: bool
    notes: int
    changes: int


class ImportResult(View):
    """What ``roadmap import`` did: the curriculum written (``path``; None when written to
    stdout) and its counts; ``done``/``skipped`` the ``- [x]`` and struck-through items in the
    file; ``enrolled`` whether ``--progress`` enrolled (from ``start``) and recorded them
    (``recorded_done``, ``recorded_skipped``); ``replaced`` whether a file was overwritten;
    ``in_catalog`` whether it went to the user's curricula (``roadmap start SLUG`` finds it);
    ``checklist`` whether the file has checkboxes (then only those lines are items) and
    ``other_lines`` how many list lines did not become items (folded into descriptions, kept
    as topics or resources, or left out as tables of contents); ``doing`` the ``- [/]`` items
    (``recorded_doing`` those recorded as in progress); ``left_out`` what of the file became
    nothing, in file order; ``explain`` whether it was ``--explain`` (the file was read, and
    nothing written); ``updated`` what ``--update`` recorded (then no curriculum was written:
    ``path`` is None), else None. ``copied_to`` is the copy of ``path`` in the learner's
    curricula that ``--progress`` enrolled in, when ``path`` is elsewhere (``-o FILE``).
    """

    source: str
    slug: str
    title: str
    path: str | None
    phases: int
    modules: int
    items: int
    done: int
    skipped: int
    replaced: bool
    enrolled: bool
    start: dt.date | None
    recorded_done: int
    recorded_skipped: int
    in_catalog: bool
    checklist: bool
    other_lines: int
    doing: int
    recorded_doing: int
    left_out: list[LeftOutPart]
    explain: bool
    updated: UpdateSummary | None
    copied_to: str | None = None


def import_markdown(
    session: Session,
    source: Path,
    output: Path | None,
    *,
    slug: str | None,
    progress: bool,
    force: bool,
    explain: bool = False,
    update: bool = False,
) -> tuple[ImportResult, str | None]:
    """Turn the Markdown roadmap ``source`` into a curriculum file that ``roadmap validate``
    accepts (see :mod:`roadmap_tracker.formats.markdown_import` for how headings and lists are
    read; a ``.json`` file, or one that opens as a JSON object, is read as a roadmap.sh
    diagram by :mod:`roadmap_tracker.formats.roadmapsh_diagram`). Returns what was done,
    and the curriculum's YAML when it is for stdout (``output`` is ``-``: the command prints
    it), else None.

    ``output`` is the file to write (``-``: none, the YAML is returned); by default
    ``$ROADMAP_HOME/curricula/<slug>.yaml``, so that ``roadmap start SLUG`` works at once.
    ``slug`` defaults to the slugified title. With ``progress`` the learner is also enrolled
    from the session's day (``on``) and the ``- [x]`` items are recorded as done
    (struck-through ``(skipped)`` and ``- [-]`` ones as skipped, ``- [/]`` ones as in
    progress) on that day or today, whichever is earlier.

    With ``explain`` the file is only read: nothing is written, and the result lists what of
    it became nothing (``left_out``, which every result carries). With ``update``, or when
    neither ``output``, ``slug``, ``progress`` nor ``force`` is given, the file is Markdown
    (not a diagram) and most of its items carry
    the ids of the curriculum of an enrollment (a file ``roadmap export`` wrote), no
    curriculum is written: the file's marks are recorded in that enrollment
    (:func:`update_enrollment`, ``updated`` in the result).

    Raises RoadmapError, with nothing written, when the file cannot be read, is not UTF-8,
    nests deeper than MAX_MARKDOWN_NESTING, would make a curriculum over
    MAX_CURRICULUM_BYTES, has no list items, the slug is invalid or taken by a bundled
    curriculum, the output exists and ``force`` is False, ``progress`` is asked with stdout
    or for a slug already enrolled in, or ``update`` is asked with ``output``, ``slug`` or
    ``progress``, or for a file no enrollment's curriculum has the ids of.
    """
    from roadmap_tracker.base import clock, paths
    from roadmap_tracker.curriculum import catalog

    if update and (output is not None or slug is not None or progress):
        raise RoadmapError(
            "--update records the file's marks in your enrollment and writes no curriculum, "
            "so it does not go with -o, --slug or --progress.",
            "Leave those out to update, or leave out --update to import a new curriculum.",
        )
    text = _read_markdown(source)
    is_diagram = _diagram(source, text)
    if is_diagram:  # a roadmap.sh diagram (JSON): its own reader
        from roadmap_tracker.formats import roadmapsh_diagram as diagram

        roadmap = diagram.parse_diagram(text, str(source), diagram.content_dir_beside(source))
    else:
        roadmap = parse_roadmap(text, str(source))
    if not roadmap.list_items or not roadmap.tasks:
        what = "no list items" if not roadmap.list_items else "no list items that could be tasks"
        raise RoadmapError(
            f"{source} has {what}: it does not look like a Markdown roadmap.",
            "A roadmap has headings and '- [ ]' checklists or numbered lists under them.",
        )
    assign_ids(roadmap)
    title = roadmap.title or _title_from_name(source)
    left_out = [
        LeftOutPart(line=part.line, kind=part.kind, text=part.text, lines=part.lines)
        for part in roadmap.left_out
    ]
    states = {task.id: file_state(task) for task in roadmap.tasks}
    marked = {state: [i for i, s in states.items() if s == state] for state in _MARKS}
    result = ImportResult(
        source=str(source),
        slug=slug or slugify(title, 48) or slugify(source.stem, 48) or "imported-roadmap",
        title=title,
        path=None,
        phases=len(roadmap.phases),
        modules=sum(len(p.modules) for p in roadmap.phases),
        items=len(roadmap.tasks),
        done=len(marked["done"]),
        skipped=len(marked["skipped"]),
        replaced=False,
        enrolled=False,
        start=None,
        recorded_done=0,
        recorded_skipped=0,
        in_catalog=False,
        checklist=roadmap.checklist,
        other_lines=roadmap.list_items - len(roadmap.tasks),
        doing=len(marked["doing"]),
        recorded_doing=0,
        left_out=left_out,
        explain=explain,
        updated=None,
    )
    if explain:
        return result, None
    # An edited export is found from its ids; a diagram carries no marks, and --force
    # (replace the curriculum file) or -o, --slug, --progress ask for a curriculum.
    if update or not (is_diagram or force or output or slug or progress):
        target = _enrollment_for(session, roadmap, source, required=update)
        if target is not None:
            summary = update_enrollment(session, roadmap, target, detected=not update)
            return _but(result, slug=target, updated=summary), None
    slug = _slug(slug, title, source)
    to_stdout = output is not None and str(output) == "-"
    if progress and to_stdout:
        raise RoadmapError(
            "--progress enrolls you in the curriculum file, but -o - writes it to stdout.",
            "Leave out -o to keep it in your curricula, or give -o FILE.",
        )
    destination = None if to_stdout else _destination(output, slug)
    in_catalog = destination is not None and (
        destination.parent.resolve() == paths.user_curricula_dir().resolve()
    )
    data, yaml_text = curriculum_yaml(roadmap, slug, title, source.name, clock.today())
    # The same curriculum written by an import --progress that stopped before it enrolled
    # (a kill, a full disk) is not in the way: running it again finishes it.
    replaced = destination is not None and destination.exists()
    if replaced and progress and destination is not None and _same_text(destination, yaml_text):
        replaced = False
    if replaced and not force:
        raise RoadmapError(
            f"{destination} exists already; nothing was written.",
            "Pass --force to replace it, or choose another file with -o FILE"
            + ("" if output is not None else ", or another name with --slug")
            + ".",
        )
    check_path = destination or Path(f"{slug}.yaml")
    expected = slug if in_catalog else None
    curriculum, problems = catalog.check_data(check_path, data, yaml_text, expected)
    if curriculum is None:  # pragma: no cover - a bug in the import, never the learner's file
        raise RoadmapError(
            f"The curriculum made from {source} does not validate.",
            "Please report this with the Markdown file.",
            [str(problem) for problem in problems],
        )
    if progress:
        existing = session.state.enrollment(slug)
        if existing is not None:
            raise RoadmapError(
                f"You are already enrolled in {slug} since {existing.started}; nothing was "
                "written.",
                f"Import it under another name with --slug, or stop that run first with "
                f"'roadmap stop {slug}'.",
            )
    result = _but(
        result,
        slug=slug,
        path=str(destination) if destination else None,
        replaced=replaced,
        in_catalog=in_catalog,
    )
    if destination is None:
        return result, yaml_text
    write_file(yaml_text, destination)
    if not progress:
        return result, None
    reference = slug if in_catalog else str(destination.resolve())
    started = _enroll(
        session, reference, marked, _annotations(roadmap.tasks), destination, replaced, force
    )
    enrolled = _but(
        result,
        enrolled=True,
        copied_to=started.copied_to,
        start=session.as_of,
        recorded_done=len(marked["done"]),
        recorded_skipped=len(marked["skipped"]),
        recorded_doing=len(marked["doing"]),
    )
    return enrolled, None


_MARKS = ("done", "doing", "skipped", "open")


def _but(result: ImportResult, **changes: object) -> ImportResult:
    """``result`` with the fields ``changes`` names set to other values."""
    return ImportResult(**{**result.model_dump(), **changes})


def file_state(task: ParsedTask) -> str:
    """The mark of an item in the file: ``done`` (``- [x]``), ``doing`` (``- [/]``),
    ``skipped`` (``- [-]``, or struck through and ending ``(skipped)``) or ``open``.
    """
    if task.skipped or task.box == "-":
        return "skipped"
    if task.box == "x":
        return "done"
    return "doing" if task.box == "/" else "open"


def _diagram(source: Path, text: str) -> bool:
    """Whether ``source`` is read as a roadmap.sh diagram: a ``.json`` file, or text that
    opens as a JSON object.
    """
    return source.suffix.lower() == ".json" or re.match(r'\s*\{\s*"', text) is not None


def _same_text(path: Path, text: str) -> bool:
    """Whether the file at ``path`` holds exactly ``text`` (False when it cannot be read)."""
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _read_markdown(source: Path) -> str:
    """The text of a Markdown file; RoadmapError when it cannot be read, is too large or is
    not UTF-8.
    """
    try:
        with source.open("rb") as handle:
            raw = handle.read(MAX_MARKDOWN_BYTES + 1)
    except OSError as error:
        raise RoadmapError(
            f"Cannot read {source}: {error_reason(error)}; nothing was written.",
            "Check the path to the Markdown file.",
        ) from None
    if len(raw) > MAX_MARKDOWN_BYTES:
        raise RoadmapError(
            f"{source} is over {MAX_MARKDOWN_BYTES // 2**20} MiB, too large to be a roadmap; "
            "nothing was written.",
            "Check that you named the right file.",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RoadmapError(
            f"{source} is not UTF-8 text; nothing was written.",
            "Save the roadmap as UTF-8 Markdown and import it again.",
        ) from None


def _title_from_name(source: Path) -> str:
    words = re.sub(r"[-_]+", " ", source.stem).strip()
    return words or "Imported roadmap"


def _slug(given: str | None, title: str, source: Path) -> str:
    """The curriculum's slug: ``given`` (checked), else the title's, else the file name's.
    Raises RoadmapError for an invalid one or one a bundled curriculum has.
    """
    from roadmap_tracker.curriculum import catalog

    if given is not None:
        if not re.match(SLUG_PATTERN, given):
            raise RoadmapError(
                f"'{given}' is not a valid slug; nothing was written.",
                "Use lowercase words joined by '-', like --slug my-roadmap.",
            )
        slug = given
    else:
        slug = slugify(title, 48) or slugify(source.stem, 48) or "imported-roadmap"
    bundled = catalog.bundled_dir()
    if any((bundled / f"{slug}{suffix}").is_file() for suffix in catalog.CURRICULUM_SUFFIXES):
        raise RoadmapError(
            f"The slug '{slug}' is taken by a bundled curriculum; nothing was written.",
            f"Pass another with --slug, for example --slug my-{slug}.",
        )
    return slug


def _destination(output: Path | None, slug: str) -> Path:
    """Where the curriculum goes: ``output``, else ``<slug>.yaml`` in the user's curricula.
    Raises RoadmapError for a directory, a file roadmap must not write (the progress file, a
    link, a pipe...: :func:`~roadmap_tracker.commands.output_files.check_output_target`,
    checked before anything suggests --force), or a file in the user's curricula whose name is
    not the slug (the catalog could not find it).
    """
    from roadmap_tracker.base import paths

    directory = paths.user_curricula_dir()
    if output is None:
        other = directory / f"{slug}.yml"  # the catalog names a curriculum by either
        default = other if other.is_file() else directory / f"{slug}.yaml"
        check_output_target(default)
        return default
    target = output.expanduser()
    if target.is_dir():
        raise RoadmapError(
            f"{target} is a directory; nothing was written.",
            f"Name a file, like -o {target / (slug + '.yaml')}.",
        )
    check_output_target(target)
    if target.parent.resolve() == directory.resolve() and target.stem != slug:
        raise RoadmapError(
            f"A curriculum in {directory} must be named after its slug, '{slug}'; nothing "
            "was written.",
            f"Leave out -o, or pass --slug {slugify(target.stem, 48) or 'SLUG'}.",
        )
    return target


def _enroll(
    session: Session,
    reference: str,
    marked: dict[str, list[str]],
    annotations: list[Annotation],
    destination: Path,
    replaced: bool,
    force: bool,
) -> StartResult:
    """Enroll in the curriculum just written and record its done, in-progress and skipped
    items (``marked`` by mark, :func:`file_state`) and the notes and evidence under them
    (``annotations``, as ``note`` events), all as one change
    (:func:`roadmap_tracker.commands.tracking.start` with ``then``: one write, so a crash
    leaves the enrollment with all its ticks or no enrollment); when enrolling fails, the
    curriculum file is taken back (a replaced one stays replaced). A ``destination`` outside
    the learner's curricula is copied into them and enrolled in by slug (``force`` replaces
    a different curriculum of that slug there), so that it travels with the record
    (decision 48). Returns what ``start`` did.
    """
    from roadmap_tracker.base import clock
    from roadmap_tracker.commands import tracking
    from roadmap_tracker.progress.events import Event, EventAction

    day = min(session.as_of, clock.today())
    actions: tuple[tuple[EventAction, list[str]], ...] = (
        ("check", marked["done"]),
        ("doing", marked["doing"]),
        ("skip", marked["skipped"]),
    )

    def ticks(start: Event) -> list[Event]:
        events: list[Event] = []
        for action, ids in actions:
            if ids:
                events.append(
                    Event(
                        seq=start.seq + 1 + len(events),
                        at=start.at,
                        on=day,
                        curriculum=start.curriculum,
                        action=action,
                        items=tuple(ids),
                        note="imported from Markdown" if action == "skip" else None,
                    )
                )
        for item, note, links in annotations:
            events.append(_note_event(start.seq + 1 + len(events), start, day, item, note, links))
        return events

    try:
        return tracking.start(session, reference, then=ticks, force=force)
    except RoadmapError:
        if not replaced:
            destination.unlink(missing_ok=True)
        raise


Annotation = tuple[str, str | None, tuple[str, ...]]
"""A note or evidence to record: (item id, the note's text or None, its links)."""


def _annotations(tasks: list[ParsedTask], ids: dict[str, str] | None = None) -> list[Annotation]:
    """The notes and evidence links under the items of ``tasks`` as annotations (one per
    note; an item's evidence links together), by item id: the task's own, or with ``ids``
    the one it maps the task's id comment to (tasks it does not map are left out).
    """
    found: list[Annotation] = []
    for task in tasks:
        item = task.id if ids is None else ids.get(task.marker_id or "")
        if item is None:
            continue
        found += [(item, note, ()) for note in task.notes]
        if task.evidence:
            found.append((item, None, tuple(task.evidence)))
    return found


def _note_event(
    seq: int, like: Event, day: dt.date, item: str, note: str | None, links: tuple[str, ...]
) -> Event:
    """A ``note`` event numbered ``seq`` of the curriculum and time of ``like``, on ``day``."""
    from roadmap_tracker.progress.events import Event

    return Event(
        seq=seq,
        at=like.at,
        on=day,
        curriculum=like.curriculum,
        action="note",
        items=(item,),
        note=note,
        links=links,
    )


def _enrollment_for(
    session: Session, roadmap: ParsedRoadmap, source: Path, *, required: bool
) -> str | None:
    """The slug of the enrollment whose curriculum has the most of the ids the file's items
    carry (id comments, as ``roadmap export`` writes them): with ``required`` (``--update``)
    any that has one of them, else (found from the ids) one that has most of the file's
    items; None when there is none. Raises RoadmapError when ``required`` and no enrollment
    fits, naming why.
    """
    marked = [task.marker_id for task in roadmap.tasks if task.marker_id]
    if not marked:
        if not required:
            return None
        raise RoadmapError(
            f"{source} carries no item ids, so it cannot update an enrollment; nothing was "
            "written.",
            "Update from a file 'roadmap export' wrote (its lines end in <!-- id: ... -->), "
            "or leave out --update to import it as a curriculum.",
        )
    best: tuple[int, str] | None = None
    for enrollment in session.state.enrollments:
        try:
            curriculum = session.curriculum_of(enrollment)
        except RoadmapError:
            continue  # a curriculum that no longer loads is no match
        known = sum(1 for item in marked if curriculum.current_id(item) is not None)
        if known and (best is None or known > best[0]):
            best = (known, enrollment.curriculum)
    if best is not None and (required or 2 * best[0] > len(roadmap.tasks)):
        return best[1]
    if required:
        raise RoadmapError(
            f"None of your enrollments follows the curriculum {source} has the ids of; "
            "nothing was written.",
            "Run 'roadmap enrollments' to see them, or leave out --update to import it as a "
            "curriculum.",
        )
    return None


def _recorded_notes(context: ActiveContext) -> dict[str, tuple[set[str], set[str]]]:
    """The texts and links of the notes recorded on each item by the context's day (its
    record is cut there), by current item id.
    """
    found: dict[str, tuple[set[str], set[str]]] = {}
    for recorded, entries in context.ledger.notes.items():
        item = context.curriculum.current_id(recorded)
        if item is None:
            continue
        texts, links = found.setdefault(item, (set(), set()))
        for _day, text, more, _source in entries:
            if text:
                texts.add(text)
            links.update(more)
    return found


def update_enrollment(
    session: Session, roadmap: ParsedRoadmap, slug: str, *, detected: bool
) -> UpdateSummary:
    """Record in the enrollment in ``slug`` the marks of the file's items
    (:func:`file_state`) that differ from the record as it stood at the end of the
    session's day, as events on that day, all in one write: ``check`` for done, ``doing``,
    ``skip`` and, for an item open in the file, ``uncheck`` (it was done) or ``reset`` (in
    progress or skipped). Items the curriculum does not have are counted, not added; marks
    of items outside the plan are not recorded (decision 38), except reopening. Nothing is
    written when nothing changed. Raises RoadmapError for a day after today or before the
    enrollment's start, or when the curriculum no longer loads.
    """
    from roadmap_tracker.base import clock
    from roadmap_tracker.commands import tracking
    from roadmap_tracker.progress.events import Event, EventAction
    from roadmap_tracker.progress.transaction import given_ids

    day = session.as_of
    tracking.not_in_future(day)
    actions: dict[str, EventAction] = {"done": "check", "doing": "doing", "skipped": "skip"}

    def record(fresh: Session, transaction: Transaction) -> UpdateSummary:
        as_of = fresh.on(day)
        enrollment = as_of.state.enrollment(slug)
        if enrollment is None:  # started later than the day: the whole record has it
            enrollment = fresh.state.enrollment(slug)
            assert enrollment is not None, "the enrollment was found before the lock"
        tracking.not_before_start(enrollment, day)
        curriculum = as_of.curriculum_of(enrollment)
        context = as_of.context_of(enrollment, curriculum)
        done, doing, skipped = context.done_by(day), context.doing, context.skipped
        changes: dict[EventAction, list[str]] = {}
        ids: dict[str, str] = {}  # id comment: current item id, for the notes
        seen: set[str] = set()
        unchanged = outside = 0
        not_planned: list[str] = []
        for task in roadmap.tasks:
            item = curriculum.current_id(task.marker_id) if task.marker_id else None
            if item is None:
                outside += 1
                continue
            if item in seen:
                continue
            seen.add(item)
            if item in context.planned_ids and task.marker_id:
                ids[task.marker_id] = item
            wanted = file_state(task)
            now = (
                "done"
                if item in done
                else "skipped"
                if item in skipped
                else "doing"
                if item in doing
                else "open"
            )
            if wanted == now:
                unchanged += 1
                continue
            if wanted == "open":
                action: EventAction = "uncheck" if now == "done" else "reset"
            elif item not in context.planned_ids:
                not_planned.append(item)
                continue
            else:
                action = actions[wanted]
            changes.setdefault(action, []).append(item)
        at = clock.now()
        events: list[Event] = []
        first = transaction.next_seq
        for action in ("uncheck", "reset", "check", "doing", "skip"):
            items = changes.get(action)
            if items:
                events.append(
                    Event(
                        seq=first + len(events),
                        at=at,
                        on=day,
                        curriculum=curriculum.slug,
                        action=action,
                        items=tuple(items),
                    )
                )
        known = _recorded_notes(context)
        notes = 0
        like = Event(seq=first, at=at, on=day, curriculum=curriculum.slug, action="note")
        for item, note, links in _annotations(roadmap.tasks, ids):
            texts, kept = known.setdefault(item, (set(), set()))
            new_links = tuple(link for link in links if link not in kept)
            if (note is None or note in texts) and not new_links:
                continue
            events.append(_note_event(first + len(events), like, day, item, note, new_links))
            texts.add(note or "")
            kept.update(new_links)
            notes += 1
        if len(events) > 1:  # one change: undo takes every event of it back together
            events = given_ids(events, transaction.last_id())
            events = [Event(**{**event.model_dump(), "part_of": events[0].id}) for event in events]
        transaction.add(*events)
        recorded = len(events)
        return UpdateSummary(
            curriculum=curriculum.slug,
            on=day,
            done=changes.get("check", []),
            doing=changes.get("doing", []),
            skipped=changes.get("skip", []),
            reopened=[*changes.get("uncheck", []), *changes.get("reset", [])],
            unchanged=unchanged,
            not_planned=not_planned,
            not_in_curriculum=outside,
            detected=detected,
            notes=notes,
            changes=recorded,
        )

    return session.transaction(record)
