"""The import of a Markdown roadmap into phases, modules and tasks with ids
(:func:`parse_roadmap`, :func:`assign_ids`), for ``roadmap import``
(:func:`roadmap_tracker.commands.importing.import_markdown`).

The token stream of markdown-it-py (CommonMark with tables and strikethrough) becomes
sections (:mod:`~roadmap_tracker.formats.markdown_blocks`), whose lists are sorted into tasks,
resources, objectives and topics (:mod:`~roadmap_tracker.formats.markdown_lists`) and whose
tables give items (:mod:`~roadmap_tracker.formats.markdown_tables`); this
module makes phases and modules of the sections and gives them ids. A file nested deeper than
:data:`~roadmap_tracker.formats.markdown_blocks.MAX_MARKDOWN_NESTING` (lists, block quotes,
emphasis) is refused whole, and so is one whose curriculum would be over
``catalog.MAX_CURRICULUM_BYTES``; the text of headings and items is read in time linear in
its length (:mod:`~roadmap_tracker.formats.markdown_headings`).

- The title: YAML front matter's ``title:``; else the first H1 in file order, in Markdown or
  in HTML (``<h1>``, also inside a centred ``<p>`` or ``<div>``); else the first heading
  when it is the only one of the shallowest level; else the highest heading of the HTML
  header above the first Markdown heading (``<h3>`` in a ``<div>``), then its banner image's
  alt text; else none (the command takes the file name). A heading that names a part of a
  document (Contents, Table of contents, Note, Notebooks, Summary...) is never the title,
  and a Markdown H1 that holds items itself is a phase when other H1s follow
  (:mod:`~roadmap_tracker.formats.markdown_titles`).
- Phases are the headings of one level, the first of these that exists: the shallowest
  level with headings that hold items and carry id comments (a file ``roadmap export``
  wrote); the shallowest level where at least two headings that hold items are named like
  ``Phase 1``/``Step 2``/``Part 3`` (also Stage, Level, Week, Month, Quarter, Year, Sprint),
  or one is and no shallower heading holds items, unless their numbers start over (a
  ``Step 1``, ``Step 2`` under each of several headings are steps of those, not phases); the
  shallowest level where at least two headings hold items; the shallowest that holds any.
  Headings above that level group the phases (``Phase.group``); items directly under them
  form a phase of their own. The headings directly inside a phase are its modules; items
  directly under a phase heading go into a module of its own (id ``<phase>/tasks``); deeper
  headings and short bold or colon-ended lead-in paragraphs become the items' ``section``.
- Items: when the file has any checkbox line (``- [ ]`` open, ``- [x]``/``- [X]`` done, and
  the Obsidian Tasks marks ``- [/]`` in progress and ``- [-]`` skipped), exactly those lines
  are the items (a nested checkbox is an item of its own, its section the item it stands
  under; other nested lines fold into the description) and the other lists become resources
  (under a "Resources" heading or lead-in, or when they hold links), objectives (under
  "Objectives"/"Outcomes") or topics. A file without checkboxes is a plain list roadmap:
  each top-level bulleted or numbered item is a study item, its nested items fold into its
  description, except an item that is nothing but links (with perhaps a kind, ``(video)``:
  a resource, whether the link leads to a page or to a file beside the roadmap; an item
  that goes on in words after its link is a study item) and a prose bullet (at least
  ``PROSE_BULLET_WORDS`` words ending a sentence, with no lead: left out, unless nothing else
  in the file is an item). Two or more sibling headings without sub-headings whose lists
  are nothing but material (``### Lecture 3`` over its slides and notebooks), not named for
  a kind of material (``### Videos``), are lessons: each is an item of the heading above,
  its material that heading's resources named for it. A link to a file beside the roadmap
  (``lecture3/``) is kept as the resource's url, as written. Lists of in-page links (tables
  of contents) and rows of badge images are left out either way.
- An item's title: a bold lead with prose after it (``**Linear Algebra**: vectors, ...``,
  ``**[DPO](url)** optimizes ...``) or a short plain lead before a spaced dash
  (``Big-O - how the cost grows ...``) is the title, the prose starts its description
  (:func:`~roadmap_tracker.formats.markdown_lists.split_lead`); without a lead, an item of
  over 100 characters that runs over several lines is titled by its first line. Items with
  an id comment keep their titles whole.
- A heading inside a list item (``- ### Arrays``) is a heading for the lines nested under
  it: their items take it as their ``section``. Links on lines nested in an item (or in a
  topic line) become resources of its module, their ``topic`` the item's title (the
  curriculum's items hold no resources of their own).
- Sections about the project rather than the study (headed Licence, Contributing,
  Contributors, Acknowledgements, Credits, Thanks, Team, Sponsors, Community, Code of
  conduct, Support, Star history...: the whole heading, so "Contributing to open source"
  is kept) are left out whole, with what is below them, unless they hold checkbox lines.
- Tables of courses or lessons (:mod:`~roadmap_tracker.formats.markdown_tables`: a column
  named Course, Lesson, Topic, Module, Title...) give an item per row, in the section they
  stand in like lists: the row's Duration/Week, Effort and other cells as description lines,
  its links as resources of the module, the sum of the rows' durations as the section's
  duration. In a file without checkboxes whose study-table rows are at least as many as the
  items its plain lists would give, the rows are the items and the lists are read as in a
  checklist file (so a README's prose bullets are not items); otherwise rows and list items
  (or checkbox lines) are items together. Other tables are left out (``LeftOut``).
- Durations in headings (``(2-3 months)``, ``(Weeks 1-4)``, ``- 10-12 weeks``, ``(Ongoing)``)
  or in a ``Duration:`` line under them become the phase's or module's duration; a module
  without one takes the sum of its sub-headings' durations. A phase's duration is kept when
  its modules do not fill it: when none states one (the plan shares it among them), or when
  the ones that do leave some of it, which the others then share (their durations set to
  that share). It is dropped when every module states its own (the plan follows them) or
  the dated ones fill it. ``(Optional)`` makes a module optional.
- In a checklist file, a heading that states a duration and has no checkbox lines keeps its
  numbered lists as its items (with its module and duration) instead of topics.
- What of the file became nothing is listed in ``ParsedRoadmap.left_out``, in file order
  (prose paragraphs, tables of contents, code and HTML blocks, sections that kept nothing,
  and what the readers of lists and tables drop), for ``roadmap import``'s summary and
  ``--explain``.
- Ids: ``<!-- id: ... -->`` comments win; other ids are the slugified titles under their
  parent's id (``phase-1-foundations/linear-algebra/vectors-and-matrices``), titles in other
  scripts transliterated (``第一阶段: JavaSE`` -> ``di-yi-jie-duan-javase``), each part at
  most 32 characters, made unique with ``-2``, ``-3`` in file order. The same file gives
  the same ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.curriculum.catalog import MAX_CURRICULUM_BYTES
from roadmap_tracker.curriculum.durations import Duration
from roadmap_tracker.curriculum.model import ID_PATTERN
from roadmap_tracker.formats.markdown_blocks import list_nodes, section_tree, syntax_tree
from roadmap_tracker.formats.markdown_headings import slugify, split_heading
from roadmap_tracker.formats.markdown_lists import RESOURCE_WORDS, ListReader
from roadmap_tracker.formats.markdown_parsed import (
    LeftOut,
    ParsedModule,
    ParsedPhase,
    ParsedRoadmap,
    ParsedTask,
    SectionContent,
)
from roadmap_tracker.formats.markdown_tables import TableReader
from roadmap_tracker.formats.markdown_titles import (
    chosen_title,
    front_matter,
    html_titles,
    is_section_name,
)

if TYPE_CHECKING:
    from roadmap_tracker.formats.markdown_blocks import Entry, Section


_LICENCE_HEADING = re.compile(
    r"^\W*(licen[cs]es?|licen[cs]ing|copyright|(licen[cs]e|copyright) (and|&) \w+)\W*$",
    re.IGNORECASE,
)
_CONTRIBUTION_HEADING = re.compile(
    r"^\W*((how to |ways to |want to )?contribut\w*( guidelines?| guide)?|contributors?|"
    r"acknowledge?ments?|credits?|(special )?thanks|sponsors?( and backers)?|backers|"
    r"code of conduct|community|support( the| this)?( project)?|donat\w+|star history|"
    r"team|maintainers?|authors?|about the authors?)\W*$",
    re.IGNORECASE,
)

_MATERIAL_HEADING = re.compile(
    r"\b(tools?|videos?|links?|books?|courses?|blogs?|podcasts?|articles?|papers?|websites?|"
    r"sites?|channels?|newsletters?|cheat ?sheets?|docs|documentation|tutorials?|"
    r"playlists?|slides|notebooks?|repos|repositories|libraries|frameworks|readings?|"
    r"materials?|see also|extras?)\b",
    re.IGNORECASE,
)

_PHASE_WORDS = re.compile(
    r"^\W*(phase|stage|step|part|level|week|month|quarter|year|sprint)s?\s*"
    r"(\d+|[ivxlc]+\b)",
    re.IGNORECASE,
)


def parse_roadmap(text: str, source: str = "The Markdown") -> ParsedRoadmap:
    """Read a Markdown roadmap into phases, modules and items (see the module's docstring for
    the rules). Ids are not assigned here (:func:`assign_ids`). Raises RoadmapError, naming
    ``source``, when the text nests lists, block quotes or emphasis more than
    MAX_MARKDOWN_NESTING deep, or when its curriculum would be over MAX_CURRICULUM_BYTES
    (headings repeated in the sections of many items).
    """
    front_title, text = front_matter(text)
    tree = syntax_tree(text, source)
    list_items = sum(1 for node in list_nodes(tree) if node.type == "list_item")
    root = section_tree(tree)
    checklist = any(
        entry.box is not None
        for section in root.walk()
        for block in section.blocks
        for entry in _all_entries(block.entries)
    )
    tables = TableReader()
    rows = sum(tables.study_rows(section) for section in root.walk())
    # in a file without checkboxes the rows of study tables are the only items when its
    # plain lists would give fewer (so a README's prose bullets are not items)
    only_rows = bool(rows) and not checklist and rows >= _plain_items(root)
    reader = ListReader(checklist or only_rows)
    title_section = _title_section(root, reader)
    resource_sections = _resource_sections(root, title_section)
    back_matter = _back_matter(root, title_section)
    table_items = 0
    for section in root.walk():
        kind = back_matter.get(id(section))
        resources = id(section) in resource_sections
        if kind == "":  # below a licence or contribution heading
            section.content = SectionContent()
            continue
        section.content = reader.content(section, resources, kind)
        if kind is not None:
            continue
        if reader.checklist and not section.content.tasks:
            section.content = _numbered_items(section, section.content, resources)
        table_items += tables.read(section, section.content, resources)
    if not (checklist or only_rows) and not any(s.content and s.content.tasks for s in root.walk()):
        reader = ListReader(checklist, keep_prose=True)  # all prose: the prose is the plan
        for section in root.walk():
            if id(section) not in back_matter:
                section.content = reader.content(section, id(section) in resource_sections)
    if not (checklist or only_rows):
        _lessons(root, title_section, resource_sections | set(back_matter))
    bearing = {id(s) for s in root.walk() if _holds_tasks(s)}
    phase_level = _phase_level(root, title_section, bearing)
    heading = (
        (title_section.line, title_section.level, split_heading(title_section.title)[0])
        if title_section
        else None
    )
    roadmap = ParsedRoadmap(
        title=chosen_title(front_title, heading, html_titles(tree)),
        phases=[],
        list_items=list_items + table_items,
        checklist=checklist,
        table_items=table_items,
        rows_only=only_rows,
    )
    _Builder(roadmap, bearing, phase_level, title_section, source).above(root, None)
    roadmap.left_out = _left_out(root, bearing, title_section, back_matter)
    if _written_size(roadmap) > MAX_CURRICULUM_BYTES:
        raise _too_large(source)
    return roadmap


def _left_out(
    root: Section, bearing: set[int], title_section: Section | None, back_matter: dict[int, str]
) -> list[LeftOut]:
    """What of the file became nothing, in file order: what each section's content left out,
    except that a licence or contribution section (``back_matter``) is the one part its
    heading's content holds, and that another section holding no items (nor any below it)
    whose own content kept nothing (no resources, objectives, topics or duration) but prose
    is one part, of kind ``sections without items``, standing for its heading and its prose
    (a section that left out more, such as a table of contents, says what).
    """
    found: list[LeftOut] = []
    for section in root.walk():
        content = section.content or SectionContent()
        if id(section) in back_matter:
            found += content.left_out  # the heading's part; nothing for those below it
            continue
        empty = not (
            content.tasks
            or content.resources
            or content.objectives
            or content.topics
            or content.duration
        )
        heading = section.level > 0 and section is not title_section
        prose_only = all(part.kind == "prose paragraphs" for part in content.left_out)
        if heading and empty and prose_only and id(section) not in bearing:
            found.append(LeftOut(section.line, "sections without items", section.title))
            continue
        found += content.left_out
    return sorted(found, key=lambda part: part.line)


def _numbered_items(section: Section, content: SectionContent, resources: bool) -> SectionContent:
    """The content of a section of a checklist file that has no checkbox lines: when its
    heading or a ``Duration:`` line states a duration, its numbered lists are its items (the
    rest read as in a checklist, ``content``); else ``content`` as it is.
    """
    if not any(block.kind == "list" and block.ordered for block in section.blocks):
        return content
    if split_heading(section.title)[1] is None and content.duration is None:
        return content
    rest = replace(section, blocks=[b for b in section.blocks if b.kind != "list" or b.ordered])
    numbered = ListReader(False).content(rest, resources)
    others = replace(section, blocks=[b for b in section.blocks if not b.ordered])
    kept = ListReader(True).content(others, resources)
    kept.tasks = numbered.tasks
    kept.resources = numbered.resources + kept.resources
    kept.topics += numbered.topics
    kept.objectives += numbered.objectives
    kept.duration = kept.duration or numbered.duration
    return kept


def _kept_duration(stated: Duration, modules: Sequence[ParsedModule]) -> Duration | None:
    """A phase's stated duration (a span), kept when its modules do not fill it: the modules
    without a duration share what the dated ones leave of it (their durations are set here,
    in the phase's unit or, when the units differ, in weeks: the plan would otherwise give
    each undated module a share of the whole phase, on top of the dated ones). None (the
    duration dropped, as the plan would share it) when every module states its own, when
    the dated ones fill it, or when it or one of theirs is not a span (``ongoing``).
    """
    dated = [module.duration for module in modules if module.duration is not None]
    undated = [module for module in modules if module.duration is None]
    if not dated:
        return stated
    if not undated or stated.kind != "span" or any(part.kind != "span" for part in dated):
        return None
    units = {stated.unit, *(part.unit for part in dated)}
    unit = stated.unit if len(units) == 1 else "weeks"
    scale = 1.0 if len(units) == 1 else _weeks_in(stated)
    low = sum((part.low or 0) * (1.0 if len(units) == 1 else _weeks_in(part)) for part in dated)
    high = sum((part.high or 0) * (1.0 if len(units) == 1 else _weeks_in(part)) for part in dated)
    share_low = round(((stated.low or 0) * scale - low) / len(undated), 1)
    share_high = round(((stated.high or 0) * scale - high) / len(undated), 1)
    if share_low <= 0:
        return None
    share_high = max(share_high, share_low)
    span = f"{share_low:g}-{share_high:g}" if share_high != share_low else f"{share_low:g}"
    for module in undated:
        module.duration = Duration.parse(f"{span} {unit}")
    return stated


WEEKS_PER_MONTH = 52 / 12
"""Weeks in a month, to compare a phase stated in months with modules stated in weeks."""


def _weeks_in(duration: Duration) -> float:
    """How many weeks one unit of ``duration`` is."""
    return 1.0 if duration.unit == "weeks" else WEEKS_PER_MONTH


def _plain_items(root: Section) -> int:
    """How many items the lists of a file without checkboxes give."""
    reader = ListReader(False)
    return sum(len(reader.content(section, False).tasks) for section in root.walk())


def _all_entries(entries: Sequence[Entry]) -> Iterator[Entry]:
    for entry in entries:
        yield entry
        yield from _all_entries(entry.children)


def _holds_tasks(section: Section) -> bool:
    return any(s.content is not None and s.content.tasks for s in section.walk())


def _direct_tasks(section: Section, reader: ListReader) -> bool:
    return bool(reader.content(section, False).tasks)


def _title_section(root: Section, reader: ListReader) -> Section | None:
    """The heading that titles the document: the first one, when it stands at the
    shallowest level, does not name a part of a document (Contents, Note...), and is the only
    heading of that level or an H1 that holds no items itself (a first H2 among others, such
    as "Notebooks", is a section).
    """
    headings = list(root.walk())[1:]
    if not headings:
        return None
    first = headings[0]
    top = min(section.level for section in headings)
    if first.level != top:
        return None
    alone = sum(1 for section in headings if section.level == top) == 1
    if not alone and is_section_name(split_heading(first.title)[0]):
        return None  # "Contents" among other headings of its level is a section
    return first if alone or (top == 1 and not _direct_tasks(first, reader)) else None


def _resource_sections(root: Section, title_section: Section | None) -> set[int]:
    """The ids of the sections about resources: those whose heading, or a heading above
    them (the title aside), names resources. Each heading is read once.
    """
    found: set[int] = set()
    for section in root.walk():  # a section comes after the one above it
        if section.level == 0 or section is title_section:
            continue
        parent = section.parent
        if (parent is not None and id(parent) in found) or RESOURCE_WORDS.search(section.title):
            found.add(id(section))
    return found


def _lessons(root: Section, title_section: Section | None, excluded: set[int]) -> None:
    """In a file without checkboxes, make items of headings that stand for a lesson: two or
    more sibling headings without sub-headings whose lists are nothing but material (links:
    ``### Lecture 3`` over ``- [Slides](...)``, ``- [Jupyter notebook files](lecture3/)``),
    not named for a kind of material (``### Videos``) and not among ``excluded`` (resource
    and back-matter sections). Each becomes an item of the section above it, its material
    resources of that section named for it (``topic``).
    """
    lessons: dict[int, list[Section]] = {}
    for section in root.walk():
        content = section.content
        if (
            section.parent is None
            or section is title_section
            or section.children
            or id(section) in excluded
            or content is None
            or content.tasks
            or content.topics
            or content.objectives
            or not content.resources
            or _MATERIAL_HEADING.search(section.title)
        ):
            continue
        lessons.setdefault(id(section.parent), []).append(section)
    for found in lessons.values():
        if len(found) < 2:
            continue
        for section in found:
            parent, content = section.parent, section.content
            if parent is None or parent.content is None or content is None:
                continue
            title = split_heading(section.title)[0] or section.title
            parent.content.tasks.append(
                ParsedTask(title=title, line=section.line, marker_id=section.marker_id)
            )
            parent.content.resources += [{**r, "topic": title} for r in content.resources]
            content.resources = []


def _back_matter(root: Section, title_section: Section | None) -> dict[int, str]:
    """The sections about the project rather than the study (licence, contributing,
    acknowledgements, team, community...), by id: the kind of LeftOut for the heading that
    names one (``licence sections``, ``contribution notes``), ``""`` for the sections below it.
    """
    found: dict[int, str] = {}
    for section in root.walk():  # a section comes after the one above it
        if section.level == 0 or section is title_section:
            continue
        if section.parent is not None and id(section.parent) in found:
            found[id(section)] = ""
        elif _LICENCE_HEADING.match(section.title) and not _boxes_below(section):
            found[id(section)] = "licence sections"
        elif _CONTRIBUTION_HEADING.match(section.title) and not _boxes_below(section):
            found[id(section)] = "contribution notes"
    return found


def _boxes_below(section: Section) -> bool:
    """Whether a checkbox line stands in ``section`` or below it (a checkbox is an item)."""
    return any(
        entry.box is not None
        for below in section.walk()
        for block in below.blocks
        for entry in _all_entries(block.entries)
    )


def _phase_level(root: Section, title_section: Section | None, bearing: set[int]) -> int:
    """The heading level of the phases (see the module's docstring); 0 when no heading holds
    items.
    """
    candidates = [
        s for s in root.walk() if s.level > 0 and s is not title_section and id(s) in bearing
    ]
    if not candidates:
        return 0
    levels = sorted({s.level for s in candidates})
    marked = [s.level for s in candidates if s.marker_id]
    if marked:  # a file 'roadmap export' wrote: its phases carry their ids
        return min(marked)
    for level in levels:
        named = [s for s in candidates if s.level == level and _PHASE_WORDS.match(s.title)]
        if _numbers_repeat(named):  # "Step 1", "Step 2" in each of several sections
            continue
        if len(named) >= 2 or (named and level == levels[0]):
            return level
    for level in levels:
        if sum(1 for s in candidates if s.level == level) >= 2:
            return level
    return levels[0]


def _numbers_repeat(named: Sequence[Section]) -> bool:
    """Whether headings named like ``Step 1`` number again from where they started (each
    section above them has its own steps: they are not the file's phases).
    """
    seen: set[tuple[str, str]] = set()
    for section in named:
        match = _PHASE_WORDS.match(section.title)
        if match is None:
            continue
        key = (match[1].lower(), match[2].lower())
        if key in seen:
            return True
        seen.add(key)
    return False


class _Builder:
    """Walks the sections and makes phases and modules of them."""

    def __init__(
        self,
        roadmap: ParsedRoadmap,
        bearing: set[int],
        phase_level: int,
        title_section: Section | None,
        source: str,
    ) -> None:
        self.roadmap = roadmap
        self.bearing = bearing
        self.phase_level = phase_level
        self.title_section = title_section
        self.source = source
        self.sections_size = 0  # characters of the items' sections, each item counted

    def _is_title(self, section: Section) -> bool:
        return section.level == 0 or section is self.title_section

    def above(self, section: Section, group: str | None) -> None:
        """A section above the phase level (or the root, or the title)."""
        content = section.content or SectionContent()
        if content.tasks:
            title = section.title or self.roadmap.title or "Tasks"
            phase = self._phase(section, title, group)
            phase.modules.append(self._own_module(phase, content))
            phase.resources += content.resources
            phase.objectives += content.objectives
        else:
            self.roadmap.resources += content.resources
            self.roadmap.objectives += content.objectives
        inner_group = group if self._is_title(section) else split_heading(section.title)[0]
        for child in section.children:
            if id(child) not in self.bearing:
                for below in child.walk():
                    kept = below.content or SectionContent()
                    self.roadmap.resources += kept.resources
                    self.roadmap.objectives += kept.objectives
            elif child.level >= self.phase_level and not self._is_title(child):
                self.phase(child, inner_group)
            else:
                self.above(child, inner_group)

    def _phase(self, section: Section, title: str, group: str | None) -> ParsedPhase:
        clean, duration, _optional = split_heading(title)
        content = section.content or SectionContent()
        phase = ParsedPhase(
            title=clean or title,
            line=section.line,
            marker_id=section.marker_id,
            group=group,
            duration=duration or content.duration,
        )
        self.roadmap.phases.append(phase)
        return phase

    def _own_module(self, phase: ParsedPhase, content: SectionContent) -> ParsedModule:
        return ParsedModule(
            title=phase.title,
            line=phase.line,
            own=True,
            tasks=list(content.tasks),
            topics=list(content.topics),
        )

    def phase(self, section: Section, group: str | None) -> None:
        """A section at (or below) the phase level: a phase; its sub-headings its modules."""
        phase = self._phase(section, section.title, group)
        content = section.content or SectionContent()
        if content.tasks:
            phase.modules.append(self._own_module(phase, content))
        phase.resources += content.resources
        phase.objectives += content.objectives
        for child in section.children:
            if id(child) in self.bearing:
                phase.modules.append(self.module(child))
            else:
                for below in child.walk():
                    kept = below.content or SectionContent()
                    phase.resources += kept.resources
                    phase.objectives += kept.objectives
        if phase.duration is not None:
            phase.duration = _kept_duration(phase.duration, phase.modules)

    def _count(self, size: int) -> None:
        """Count ``size`` characters more of the items' sections (every item repeats the
        headings above it); RoadmapError when they pass MAX_CURRICULUM_BYTES, before they
        are built.
        """
        self.sections_size += size
        if self.sections_size > MAX_CURRICULUM_BYTES:
            raise _too_large(self.source)

    def _section_path(self, section: Section, module: Section, titles: dict[int, str]) -> str:
        """The titles of the headings from below ``module`` down to ``section`` (``titles``
        keeps each one read), counted by :meth:`_count`.
        """
        path: list[str] = []
        current: Section | None = section
        while current is not None and current is not module:
            if id(current) not in titles:
                titles[id(current)] = split_heading(current.title)[0]
            path.append(titles[id(current)])
            current = current.parent
        self._count(sum(len(title) + 3 for title in path))
        return " / ".join(reversed(path))

    def module(self, section: Section) -> ParsedModule:
        """A module: the section and everything below it, deeper headings as sections."""
        title, duration, optional = split_heading(section.title)
        content = section.content or SectionContent()
        module = ParsedModule(
            title=title or section.title,
            line=section.line,
            marker_id=section.marker_id,
            duration=duration or content.duration,
            optional=optional,
        )
        parts: list[Duration] = []
        titles: dict[int, str] = {}  # each heading's title, read once however many below it
        for below in section.walk():
            kept = below.content or SectionContent()
            path = self._section_path(below, section, titles) if kept.tasks else None
            for task in kept.tasks:
                if path and task.section:
                    self._count(len(path) + len(task.section) + 3)
                    task.section = f"{path} / {task.section}"
                elif path:
                    task.section = path
                module.tasks.append(task)
            module.resources += kept.resources
            module.objectives += kept.objectives
            module.topics += kept.topics
            if below.parent is section:
                stated = split_heading(below.title)[1] or kept.duration
                if stated is not None:
                    parts.append(stated)
        if module.duration is None and parts:
            module.duration = _sum(parts)
        return module


def _written_size(roadmap: ParsedRoadmap) -> int:
    """About how many characters the curriculum of ``roadmap`` takes as YAML (at least as
    many as its text values), counted without writing it.
    """

    def texts(values: Iterable[str | None]) -> int:
        return sum(len(value) + 8 for value in values if value)

    def resources(found: Iterable[dict[str, Any]]) -> int:
        return sum(texts(str(value) for value in resource.values()) for resource in found)

    size = texts(roadmap.objectives) + resources(roadmap.resources)
    for phase in roadmap.phases:
        size += texts([phase.title, phase.group, *phase.objectives])
        size += resources(phase.resources)
        for module in phase.modules:
            size += texts([module.title, *module.objectives]) + resources(module.resources)
            size += sum(texts([title, *items]) for title, items in module.topics)
            for task in module.tasks:
                size += texts([task.title, task.section, task.description, task.kind])
    return size


def _too_large(source: str) -> RoadmapError:
    return RoadmapError(
        f"The curriculum made from {source} would be over {MAX_CURRICULUM_BYTES // 2**20} MiB, "
        "too large to be a curriculum; nothing was written.",
        "Every item repeats the headings above it; check that you named the right file.",
    )


def _sum(parts: Sequence[Duration]) -> Duration | None:
    """The total of spans of one unit (``2 weeks`` + ``1-2 weeks`` = ``3-4 weeks``)."""
    units = {part.unit for part in parts}
    if any(part.kind != "span" for part in parts) or len(units) != 1:
        return None
    low = sum(part.low or 0 for part in parts)
    high = sum(part.high or 0 for part in parts)
    unit = units.pop()
    return Duration.parse(f"{low:g}-{high:g} {unit}" if high != low else f"{low:g} {unit}")


class _Ids:
    """Hands out ids: an id comment's own id when it is valid and not yet taken, else the
    slug under its parent, made unique with ``-2``, ``-3``.
    """

    def __init__(self, explicit: Iterable[str | None]) -> None:
        self.reserved = {i for i in explicit if i and re.match(ID_PATTERN, i)}
        self.taken: set[str] = set()
        # the last number tried for each base: the numbers below it are all taken (the
        # taken ids only grow), so n items of one title cost n tries, not n * n / 2
        self.numbers: dict[str, int] = {}

    def claim(self, marker: str | None, parent: str | None, title: str, fallback: str) -> str:
        if marker and marker in self.reserved and marker not in self.taken:
            self.taken.add(marker)
            return marker
        part = slugify(title) or fallback
        base = f"{parent}/{part}" if parent else part
        number = self.numbers.get(base, 1)
        candidate = base if number == 1 else f"{base}-{number}"
        while candidate in self.taken or candidate in self.reserved:
            number += 1
            candidate = f"{base}-{number}"
        self.numbers[base] = number
        self.taken.add(candidate)
        return candidate


def assign_ids(roadmap: ParsedRoadmap) -> None:
    """Give every phase, module and item of ``roadmap`` its id (see :class:`_Ids`)."""
    markers: list[str | None] = []
    for phase in roadmap.phases:
        markers.append(phase.marker_id)
        for module in phase.modules:
            markers.append(module.marker_id)
            markers += [task.marker_id for task in module.tasks]
    ids = _Ids(markers)
    for phase in roadmap.phases:
        phase.id = ids.claim(phase.marker_id, None, phase.title, "phase")
        for module in phase.modules:
            if module.own:
                module.id = ids.claim(None, phase.id, "tasks", "tasks")
                parent = phase.id
            else:
                module.id = ids.claim(module.marker_id, phase.id, module.title, "module")
                parent = module.id
            for task in module.tasks:
                task.id = ids.claim(task.marker_id, parent, task.title, "item")
