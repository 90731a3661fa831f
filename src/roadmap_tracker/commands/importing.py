"""The ``roadmap import`` command: a Markdown roadmap made into a curriculum file.

:func:`import_markdown` reads the file (UTF-8, :data:`MAX_MARKDOWN_BYTES` at most), parses it
(:func:`roadmap_tracker.formats.markdown_import.parse_roadmap`), chooses the slug and the file
the curriculum goes to, writes its YAML
(:func:`roadmap_tracker.formats.curriculum_yaml.curriculum_yaml`, through
:func:`roadmap_tracker.commands.output_files.write_file`) and, with ``--progress``, enrolls and
records the file's ticks in one change (:func:`roadmap_tracker.commands.tracking.start`).
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

if TYPE_CHECKING:
    from roadmap_tracker.session import Session

MAX_MARKDOWN_BYTES = 10 * 2**20
"""A Markdown file larger than this (10 MiB) is refused unread."""


class ImportResult(View):
    """What ``roadmap import`` did: the curriculum written (``path``; None when written to
    stdout) and its counts; ``done``/``skipped`` the ``- [x]`` and struck-through items in the
    file; ``enrolled`` whether ``--progress`` enrolled (from ``start``) and recorded them
    (``recorded_done``, ``recorded_skipped``); ``replaced`` whether a file was overwritten;
    ``in_catalog`` whether it went to the user's curricula (``roadmap start SLUG`` finds it);
    ``checklist`` whether the file has checkboxes (then only those lines are items) and
    ``other_lines`` how many list lines did not become items (folded into descriptions, kept
    as topics or resources, or left out as tables of contents); ``doing`` the ``- [/]`` items
    (in progress, as Obsidian Tasks marks them) and ``recorded_doing`` those ``--progress``
    recorded as in progress (``skipped`` counts ``- [-]`` items too).
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
    doing: int = 0
    recorded_doing: int = 0


def import_markdown(
    session: Session,
    source: Path,
    output: Path | None,
    *,
    slug: str | None,
    progress: bool,
    force: bool,
) -> tuple[ImportResult, str | None]:
    """Turn the Markdown roadmap ``source`` into a curriculum file that ``roadmap validate``
    accepts (see :mod:`roadmap_tracker.formats.markdown_import` for how headings and lists are
    read). Returns what was done, and the curriculum's YAML when it is for stdout (``output``
    is ``-``: the command prints it), else None.

    ``output`` is the file to write (``-``: none, the YAML is returned); by default
    ``$ROADMAP_HOME/curricula/<slug>.yaml``, so that ``roadmap start SLUG`` works at once.
    ``slug`` defaults to the slugified title. With ``progress`` the learner is also enrolled
    from the session's day (``on``) and the ``- [x]`` items are recorded as done, ``- [/]``
    ones as in progress (as ``roadmap doing`` records them) and ``- [-]`` and struck-through
    ``(skipped)`` ones as skipped, on that day or today, whichever is earlier.

    Raises RoadmapError, with nothing written, when the file cannot be read, is not UTF-8,
    nests deeper than MAX_MARKDOWN_NESTING, would make a curriculum over
    MAX_CURRICULUM_BYTES, has no list items, the slug is invalid or taken by a bundled
    curriculum, the output exists and ``force`` is False, or ``progress`` is asked with stdout
    or for a slug already enrolled in.
    """
    from roadmap_tracker.base import clock, paths
    from roadmap_tracker.curriculum import catalog

    text = _read_markdown(source)
    roadmap = parse_roadmap(text, str(source))
    if not roadmap.list_items or not roadmap.tasks:
        what = "no list items" if not roadmap.list_items else "no list items that could be tasks"
        raise RoadmapError(
            f"{source} has {what}: it does not look like a Markdown roadmap.",
            "A roadmap has headings and '- [ ]' checklists or numbered lists under them.",
        )
    assign_ids(roadmap)
    title = roadmap.title or _title_from_name(source)
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
    yaml_text = curriculum_yaml(roadmap, slug, title, source.name, clock.today())
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
    curriculum, problems = catalog.check_text(check_path, yaml_text, slug if in_catalog else None)
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
    done = [t.id for t in roadmap.tasks if t.box == "x" and not t.skipped]
    doing = [t.id for t in roadmap.tasks if t.box == "/" and not t.skipped]
    skipped = [t.id for t in roadmap.tasks if t.skipped or t.box == "-"]
    result = ImportResult(
        source=str(source),
        slug=slug,
        title=title,
        path=str(destination) if destination else None,
        phases=len(roadmap.phases),
        modules=sum(len(p.modules) for p in roadmap.phases),
        items=len(roadmap.tasks),
        done=len(done),
        skipped=len(skipped),
        replaced=replaced,
        enrolled=False,
        start=None,
        recorded_done=0,
        recorded_skipped=0,
        in_catalog=in_catalog,
        checklist=roadmap.checklist,
        other_lines=roadmap.list_items - len(roadmap.tasks),
        doing=len(doing),
    )
    if destination is None:
        return result, yaml_text
    write_file(yaml_text, destination)
    if not progress:
        return result, None
    reference = slug if in_catalog else str(destination.resolve())
    _enroll(session, reference, (done, doing, skipped), destination, replaced)
    enrolled = ImportResult(
        **{
            **result.model_dump(),
            "enrolled": True,
            "start": session.as_of,
            "recorded_done": len(done),
            "recorded_skipped": len(skipped),
            "recorded_doing": len(doing),
        }
    )
    return enrolled, None


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
        if not SLUG_PATTERN.match(given):
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
    marks: tuple[list[str], list[str], list[str]],
    destination: Path,
    replaced: bool,
) -> None:
    """Enroll in the curriculum just written and record its done, in progress and skipped
    items (``marks``, ids in that order), all as
    one change (:func:`roadmap_tracker.commands.tracking.start` with ``then``: one write, so a crash
    leaves the enrollment with all its ticks or no enrollment); when enrolling fails, the
    curriculum file is taken back (a replaced one stays replaced).
    """
    from roadmap_tracker.base import clock
    from roadmap_tracker.commands import tracking
    from roadmap_tracker.progress.events import Event, EventAction

    day = min(session.as_of, clock.today())
    done, doing, skipped = marks
    marked: tuple[tuple[EventAction, list[str]], ...] = (
        ("check", done),
        ("doing", doing),
        ("skip", skipped),
    )

    def ticks(start: Event) -> list[Event]:
        events: list[Event] = []
        for action, ids in marked:
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
        return events

    try:
        tracking.start(session, reference, then=ticks)
    except RoadmapError:
        if not replaced:
            destination.unlink(missing_ok=True)
        raise
