"""The tables of a Markdown roadmap read as study items (``roadmap import``): a course or lesson
table gives an item per row (:class:`TableReader`), with the row's duration, effort and other
columns in the item's description, its links as resources, and the sum of the rows'
durations as the section's duration; other tables are left out and reported
(:class:`~roadmap_tracker.formats.markdown_parsed.LeftOut`). See
:mod:`roadmap_tracker.formats.markdown_import` for how these items join the others.

Which table holds study items: one with a column named for a unit of study (Course, Lesson,
Lecture, Topic, Module, Unit, Chapter, Subject, Title, Name, Book, Paper, Tutorial, Project,
Task, Step...), or else whose first column is links to other pages in two rows of three, and
at least one row; not one whose study cells are all links inside the page (a table of
contents), nor one under a heading about the people or the licence of a project
(Contributors, Team, Acknowledgements, License...). A table under a heading about resources
gives resources, not items. Ragged rows are read as markdown-it reads them: missing cells are
empty, cells past the header's are dropped; a row whose study cell is empty is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from roadmap_tracker.curriculum.durations import Duration
from roadmap_tracker.formats.markdown_headings import duration_of
from roadmap_tracker.formats.markdown_lists import is_external, resource_kind
from roadmap_tracker.formats.markdown_parsed import LeftOut, ParsedTask, SectionContent

if TYPE_CHECKING:
    from roadmap_tracker.formats.markdown_blocks import Inline, Section, Table

_STUDY = re.compile(
    r"^(courses?|lessons?|lectures?|classes|topics?|modules?|units?|chapters?|subjects?"
    r"|titles?|names?|books?|papers?|tutorials?|projects?|tasks?|items?|steps?|exercises?"
    r"|assignments?|labs?|readings?|curriculum|syllabus|what)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"^(duration|length|time|timeline|time ?frame|weeks?|months?|when|schedule)\b",
    re.IGNORECASE,
)
_WEEK_NUMBERS = re.compile(r"^weeks?\b", re.IGNORECASE)
_EFFORT = re.compile(r"\b(effort|hours?|workload|commitment|study time|pace)\b", re.IGNORECASE)
_STATUS = re.compile(r"^(status|done|completed?|progress|finished|state)\b", re.IGNORECASE)
_LINKS = re.compile(
    r"\b(links?|urls?|resources?|materials?|sources?|articles?|videos?|notebooks?|slides|"
    r"references|where)\b",
    re.IGNORECASE,
)
_DONE = re.compile(
    r"^(?:\[[xX]\]|[\u2705\u2714\u2611\u2713]|(?:done|yes|y|completed?|finished|x)\b)",
    re.IGNORECASE,
)
_NOT_STUDY_SECTION = re.compile(
    r"\b(contributors?|team|authors?|maintainers?|acknowledge?ments?|sponsors?|backers|"
    r"credits|licen[cs]e|changelog|translations?|star history)\b",
    re.IGNORECASE,
)
_EMPTY_CELL = frozenset({"", "-", "\u2013", "\u2014", "n/a", "na", "tbd", "?"})
_GENERIC_LINK = re.compile(
    r"^(link|here|chat|article|notebook|video|slides|pdf|website|site|page|course|"
    r"alternative|alternate|mirror|colab|open|docs?|repo|code|source|part)(\s*\d+)?$",
    re.IGNORECASE,
)
_LINK_GLUE = re.compile(r"[\s()\[\],;/|*\u00b7\u2013\u2014-]+|\bor\b", re.IGNORECASE)
_BARE_WEEKS = re.compile(r"^(\d+)(?:\s*[-\u2013\u2014]\s*(\d+))?$")
_NUMBER_COLUMN = re.compile(r"^(?:|no|nr|n|num|number|id)\.?$", re.IGNORECASE)
_UNIT_IN_HEADER = re.compile(r"\b(weeks?|months?)\b", re.IGNORECASE)


MAX_CELL_LINKS = 8
"""The links of one cell that are read for its title and description (a cell of many links
would otherwise be read again for each)."""


def _words(inline: Inline) -> str:
    """A header cell's text without emoji and marks at its start (``📚 Course`` -> ``Course``)."""
    return re.sub(r"^[\W_]+", "", inline.text).strip()


def _is_page_link(url: str) -> bool:
    """A link to another page (not an anchor in this one)."""
    return bool(url) and not url.startswith("#")


@dataclass
class _Columns:
    """What each column of a study table is: the study column and the others by role."""

    study: int
    durations: list[int] = field(default_factory=list)
    efforts: list[int] = field(default_factory=list)
    status: int | None = None
    links: list[int] = field(default_factory=list)
    others: list[int] = field(default_factory=list)


def study_columns(table: Table) -> _Columns | None:
    """The roles of ``table``'s columns when it holds study items (see the module's
    docstring), else None.
    """
    names = [_words(cell) for cell in table.header]
    study = next((i for i, name in enumerate(names) if _STUDY.match(name)), None)
    rows = [row for row in table.rows if any(cell.text for cell in row.cells)]
    if study is None and names and len(rows) >= 2:
        linked = sum(
            1
            for row in rows
            if row.cells[0].links
            and all(_is_page_link(url) for _, url in row.cells[0].links)
            and row.cells[0].text.startswith(row.cells[0].links[0][0])
        )
        study = 0 if linked * 3 >= len(rows) * 2 else None
    if study is None or not rows:
        return None
    cells = [row.cells[study] for row in rows if row.cells[study].text]
    if not cells or all(
        cell.links and all(url.startswith("#") for _, url in cell.links) for cell in cells
    ):
        return None  # no titles, or a table of contents
    columns = _Columns(study)
    for index, name in enumerate(names):
        if index == study or _NUMBER_COLUMN.match(name):
            continue
        if _STATUS.match(name) or name in ("\u2705", "\u2713", "\u2714"):
            columns.status = index if columns.status is None else columns.status
            if columns.status != index:
                columns.others.append(index)
        elif _EFFORT.search(name):  # before durations: "Time commitment", "Hours"
            columns.efforts.append(index)
        elif _DURATION.match(name):
            columns.durations.append(index)
        elif _LINKS.search(name):
            columns.links.append(index)
        else:
            columns.others.append(index)
    return columns


def _cell_duration(text: str, header: str) -> Duration | None:
    """The duration a cell of a duration column states: ``13 weeks``, ``2-3 months``; under a
    header naming weeks (``Week``, ``Weeks``) a week number or span (``3``, ``3-4``) is that
    many weeks; under one naming a unit (``Duration (weeks)``) a bare number is that many.
    """
    stated = duration_of(text, anywhere=True)
    if stated is not None:
        return stated
    bare = _BARE_WEEKS.match(text.strip())
    if bare is None:
        return None
    first, last = int(bare[1]), int(bare[2] or bare[1])
    if _WEEK_NUMBERS.match(header):
        return duration_of(f"weeks {first}-{last}")
    unit = _UNIT_IN_HEADER.search(header)
    if unit is not None:
        span = f"{first}-{last}" if last != first else f"{first}"
        return duration_of(f"{span} {unit[1].lower()}")
    return None


def total(parts: Sequence[Duration]) -> Duration | None:
    """The total of spans of one unit (``2 weeks`` + ``1-2 weeks`` = ``3-4 weeks``); None
    when a part is not a span or the units differ.
    """
    units = {part.unit for part in parts}
    if not parts or any(part.kind != "span" for part in parts) or len(units) != 1:
        return None
    low = sum(part.low or 0 for part in parts)
    high = sum(part.high or 0 for part in parts)
    unit = units.pop()
    return Duration.parse(f"{low:g}-{high:g} {unit}" if high != low else f"{low:g} {unit}")


def _title(cell: Inline) -> str:
    """A study cell's text; when it starts with a link and the rest is only other links
    (``[Calculus](...) ([alternative](...))``, ``[A](...) [mirror 1](...) [mirror 2](...)``),
    the first link's text: the others become resources.
    """
    title = cell.text.strip()
    if len(cell.links) < 2 or len(cell.links) > MAX_CELL_LINKS:
        return title
    first = cell.links[0][0].strip()
    if not first or not title.startswith(first):
        return title
    rest = title[len(first) :]
    for text, _ in cell.links[1:]:
        rest = rest.replace(text, " ", 1)
    return first if not _LINK_GLUE.sub("", rest) else title


def _cell_text(inline: Inline) -> str:
    """A cell's text for a description: its text, with the address of each link to another
    site after it (``chat (https://...)``).
    """
    text = inline.text
    for link_text, url in inline.links[:MAX_CELL_LINKS]:
        if is_external(url) and url not in text:
            text = text.replace(link_text, f"{link_text} ({url})", 1) if link_text else text
    return text


def _lead_in(inline: Inline) -> str | None:
    """A short paragraph that introduces the table (``Choose **one** of the following:``)."""
    text = inline.text
    if text and len(text) <= 120 and text.endswith(":"):
        return text.rstrip(":").strip() or None
    return None


class TableReader:
    """Reads the tables of sections into items, resources and what was left out."""

    def study_rows(self, section: Section) -> int:
        """How many items the study tables directly under ``section`` give."""
        count = 0
        for block in section.blocks:
            if block.table is not None and not _NOT_STUDY_SECTION.search(section.title):
                columns = study_columns(block.table)
                if columns is not None:
                    count += sum(1 for row in block.table.rows if row.cells[columns.study].text)
        return count

    def read(self, section: Section, content: SectionContent, resources: bool) -> int:
        """Add what the tables directly under ``section`` hold to its ``content``: items (or
        resources, when ``resources``: the section is about resources), resources from their
        links, the sum of the rows' durations as the section's duration (unless a
        ``Duration:`` line stated one) and a LeftOut for each table that holds no study
        items and each row without a title. Returns how many items were added.
        """
        added: list[ParsedTask] = []
        parts: list[Duration] = []
        dated = True
        lead: str | None = None
        for block in section.blocks:
            if block.kind == "paragraph" and block.inline is not None:
                lead = _lead_in(block.inline) or lead
                continue
            table = block.table
            if table is None:
                lead = None
                continue
            columns = None if _NOT_STUDY_SECTION.search(section.title) else study_columns(table)
            if columns is None:
                header = " | ".join(cell.text for cell in table.header)
                content.left_out.append(LeftOut(table.line, "tables", header))
                continue
            header_names = [_words(cell) for cell in table.header]
            for row in table.rows:
                title = _title(row.cells[columns.study])
                if not title:
                    if any(cell.text for cell in row.cells):
                        text = " | ".join(cell.text for cell in row.cells)
                        content.left_out.append(
                            LeftOut(row.line, "table rows without a title", text)
                        )
                    continue
                if resources:
                    content.resources.append(_resource(title, row.cells[columns.study].links))
                    continue
                task, duration = self._task(row.cells, row.line, title, columns, header_names)
                task.section = lead
                added.append(task)
                self._resources(content, row.cells, title, columns)
                if duration is None:
                    dated = False
                else:
                    parts.append(duration)
            lead = None
        if added:
            had_tasks = bool(content.tasks)
            content.tasks += added
            if had_tasks:
                content.tasks.sort(key=lambda task: task.line)  # file order, lists and tables
            if content.duration is None and dated:
                content.duration = total(parts)
        return len(added)

    def _task(
        self,
        cells: Sequence[Inline],
        line: int,
        title: str,
        columns: _Columns,
        names: Sequence[str],
    ) -> tuple[ParsedTask, Duration | None]:
        """The item of one row, and the duration its duration column states."""
        duration: Duration | None = None
        description: list[str] = []
        for index in columns.durations:
            text = cells[index].text.strip()
            if text.casefold() in _EMPTY_CELL:
                continue
            duration = duration or _cell_duration(text, names[index])
            description.append(f"{names[index]}: {text}")
        for index in [*columns.efforts, *columns.others]:
            text = _cell_text(cells[index]).strip()
            if text.casefold() not in _EMPTY_CELL:
                description.append(f"{names[index]}: {text}")
        box = None
        if columns.status is not None:
            box = "x" if _DONE.match(cells[columns.status].text.strip()) else " "
        task = ParsedTask(
            title=title,
            line=line,
            box=box,
            marker_id=cells[columns.study].marker_id,
            description="\n".join(description) or None,
        )
        return task, duration

    def _resources(
        self, content: SectionContent, cells: Sequence[Inline], title: str, columns: _Columns
    ) -> None:
        """The links of a row's study cell and link columns as resources of its section; a
        link whose text says nothing by itself (``chat``, ``Article``) is named after the item.
        """
        for index in [columns.study, *columns.links]:
            for link_text, url in cells[index].links:
                if not is_external(url):
                    continue
                named = link_text.strip()
                if not named or named == title:
                    named = title
                elif index != columns.study or _GENERIC_LINK.match(named):
                    named = f"{title}: {named}"
                content.resources.append(_resource(named, [(named, url)]))


def _resource(title: str, links: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A resource of ``title`` with the first link to another site."""
    url = next((url for _, url in links if is_external(url)), None)
    resource: dict[str, Any] = {"title": title, "kind": resource_kind(title, url)}
    if url:
        resource["url"] = url
    return resource
