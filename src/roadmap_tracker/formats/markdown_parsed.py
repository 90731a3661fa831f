"""What the import of a Markdown roadmap (``roadmap import``) reads: :class:`ParsedRoadmap` >
:class:`ParsedPhase` > :class:`ParsedModule` > :class:`ParsedTask`, and the content sorted
out of one section's lists (:class:`SectionContent`).

Made by :mod:`roadmap_tracker.formats.markdown_import` (with
:mod:`roadmap_tracker.formats.markdown_lists`), written as a curriculum by
:mod:`roadmap_tracker.formats.curriculum_yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from roadmap_tracker.curriculum.durations import Duration


@dataclass
class LeftOut:
    """A part of the file the import did not make into anything (``roadmap import`` reports
    them by ``kind``, and ``--explain`` lists them): its first ``line`` (1-based), its
    ``kind`` (a short plural noun phrase, such as ``prose paragraphs``, ``table of contents
    lines``, ``badges``, ``code blocks``, ``licence sections``), the start of its ``text`` and
    ``lines``, how many lines (list items) of the file it stands for when that says more than
    one record does (a table of contents).
    """

    line: int
    kind: str
    text: str
    lines: int = 1


@dataclass
class ParsedTask:
    """A checkable item read from Markdown: ``box`` is ``x`` (done: ``[x]``/``[X]``), `` ``
    (open), ``/`` (in progress, Obsidian Tasks' ``[/]``), ``-`` (skipped, ``[-]``) or None (a
    list item without a checkbox); ``skipped`` for a struck-through ``(skipped)`` one, as
    ``roadmap export`` writes it; ``notes`` and ``evidence`` the texts of its ``- Note:``
    lines and the links of its ``- Evidence:`` lines (as ``roadmap export`` writes a
    learner's notes and evidence under an item); ``kind`` a deliverable's kind; ``section``
    the headings (and the item a nested checkbox stands under) below its module, joined with
    `` / ``; ``old_ids`` the ids it had before (a diagram's node that roadmap.sh gave a new
    id).
    """

    title: str
    line: int
    box: str | None = None
    skipped: bool = False
    kind: str | None = None
    marker_id: str | None = None
    section: str | None = None
    description: str | None = None
    id: str = ""
    old_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


@dataclass
class SectionContent:
    """What :class:`~roadmap_tracker.formats.markdown_lists.ListReader` sorted out of the
    blocks of one section: its tasks, resources, objectives and topics, and the duration a
    ``Duration:`` line states.
    """

    tasks: list[ParsedTask] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    topics: list[tuple[str, list[str]]] = field(default_factory=list)
    duration: Duration | None = None
    optional: bool = False
    left_out: list[LeftOut] = field(default_factory=list)


@dataclass
class ParsedModule:
    """A module read from Markdown; ``own`` when it holds a phase heading's own items."""

    title: str
    line: int
    marker_id: str | None = None
    own: bool = False
    duration: Duration | None = None
    optional: bool = False
    tasks: list[ParsedTask] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    topics: list[tuple[str, list[str]]] = field(default_factory=list)
    id: str = ""


@dataclass
class ParsedPhase:
    """A phase read from Markdown, with its modules in file order."""

    title: str
    line: int
    marker_id: str | None = None
    group: str | None = None
    duration: Duration | None = None
    modules: list[ParsedModule] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    id: str = ""


@dataclass
class ParsedChoice:
    """A choice group (pick one) read from a roadmap.sh diagram
    (:mod:`roadmap_tracker.formats.roadmapsh_diagram`): its ``options`` are modules of the
    roadmap, ``recommended`` one of them or None; ``id`` is set by the reader.
    """

    title: str
    options: list[ParsedModule]
    recommended: ParsedModule | None = None
    id: str = ""


@dataclass
class ParsedRoadmap:
    """What :func:`~roadmap_tracker.formats.markdown_import.parse_roadmap` read: the title,
    the phases and the curriculum-wide resources and objectives (of sections that hold no
    items), ``list_items`` the number of list items and study-table rows in the file (0: not
    a roadmap),
    ``checklist`` whether it has checkboxes (then only those are items), ``left_out`` what of
    the file became nothing, in file order; ``table_items`` how many items are rows of
    study tables, and ``rows_only`` whether they are the only items of a file without
    checkboxes (its lists then read as in a checklist file); ``choices`` its choice groups
    and ``id_origin`` what its ids were made from, for the curriculum file's comment (a
    roadmap.sh diagram sets both; a Markdown roadmap has neither).
    """

    title: str | None
    phases: list[ParsedPhase]
    resources: list[dict[str, Any]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    list_items: int = 0
    checklist: bool = False
    left_out: list[LeftOut] = field(default_factory=list)
    table_items: int = 0
    rows_only: bool = False
    choices: list[ParsedChoice] = field(default_factory=list)
    id_origin: str | None = None

    @property
    def tasks(self) -> list[ParsedTask]:
        """Every item, in file order of phases and modules."""
        return [t for p in self.phases for m in p.modules for t in m.tasks]
