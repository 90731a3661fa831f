"""Drawing views for people with rich. The only module besides ``cli`` that touches rich.

Rich is imported inside the functions that draw, so commands that print JSON never load it.
Output has no colour or ANSI codes when stdout is not a terminal or ``NO_COLOR`` is set
(rich's own rules), and tables fold to stay readable at 60 columns.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.table import Table
    from rich.text import Span, Text

    from roadmap_tracker.base.records import View
    from roadmap_tracker.commands.actions import CheckResult, LogResult, PlanChange, StartResult
    from roadmap_tracker.commands.activity import StatsView
    from roadmap_tracker.commands.enrollments import (
        EnrollmentRow,
        EnrollmentsView,
        StopPreview,
        StopResult,
        SwitchResult,
    )
    from roadmap_tracker.commands.evidence import ItemDetail, NoteResult, PortfolioView
    from roadmap_tracker.commands.importing import ImportResult
    from roadmap_tracker.commands.reflection import (
        JournalList,
        JournalResult,
        ReviewList,
        ReviewView,
    )
    from roadmap_tracker.commands.safekeeping import (
        DoctorView,
        HistoryView,
        RestoreResult,
        UndoResult,
    )
    from roadmap_tracker.commands.views import (
        ActivityView,
        ItemView,
        ListView,
        NextView,
        OverdueView,
        PlanView,
        StatusView,
        ValidateView,
        WindowView,
    )
    from roadmap_tracker.curriculum.model import Curriculum

BAR_WIDTH = 10


@cache
def console() -> Console:
    """The console all human output goes through (stdout).

    Emoji codes are off: a title such as ``Week 1: :smile: basics`` prints as written, and
    rich does not load its table of 4,000 emoji names (about 2 ms) on every command.
    ``NO_COLOR`` (set and not empty, https://no-color.org) turns every style off, bold and
    dim too, not only colours: no ANSI code at all, as on a pipe.
    """
    import os

    plain = bool(os.environ.get("NO_COLOR"))
    return printable_console()(
        highlight=False, soft_wrap=False, emoji=False, color_system=None if plain else "auto"
    )


@cache
def printable_console() -> type[Console]:
    """The class of roadmap's consoles: a rich Console that prints the text of curricula and
    of the record without its control characters (:func:`roadmap_tracker.base.printable.printable`):
    an escape sequence in a title or a journal entry is printed as the text around it, and
    cannot clear the screen or set the terminal's title. The codes rich writes for styles are
    added after this, and stay.
    """
    from rich.console import Console
    from rich.segment import Segment

    from roadmap_tracker.base.printable import printable

    class PrintableConsole(Console):
        def render(
            self, renderable: RenderableType, options: ConsoleOptions | None = None
        ) -> Iterable[Segment]:
            # Every renderable comes down to segments here (rich renders nested ones through
            # this method too); control segments are rich's own cursor moves.
            for segment in super().render(renderable, options):
                text = segment.text
                if segment.control is None and text != "\n" and not text.isprintable():
                    segment = Segment(printable(text), segment.style)
                yield segment

    return PrintableConsole


class _TerminalBuffer(io.StringIO):
    """Output held back for the pager: text, from a console that still draws for a terminal."""

    def isatty(self) -> bool:
        return True


@contextmanager
def paged() -> Iterator[None]:
    """Page what the block prints when stdout is a terminal and it is taller than the screen.

    The pager is ``$PAGER`` (else ``less``, else ``more``: Python's :func:`pydoc.pager`),
    with ``LESS=FRX`` unless ``LESS`` is set, as git does: colours pass, and the text stays on
    the screen after quitting. Output to a pipe or a file is never paged; ``PAGER=cat``
    turns paging off.
    """
    out = console()
    if not out.is_terminal:
        yield
        return
    screen, held = out.file, _TerminalBuffer()
    out.file = held
    try:
        yield
    finally:
        out.file = screen
    text = held.getvalue()
    if text.count("\n") < out.size.height:
        screen.write(text)
        screen.flush()
        return
    import os
    import pydoc

    os.environ.setdefault("LESS", "FRX")
    pydoc.pager(text)


def print_json(view: View | object) -> None:
    """Print a view (or plain data) as indented JSON on stdout."""
    import json

    from roadmap_tracker.base.printable import json_printable
    from roadmap_tracker.base.records import View

    data = view.to_json() if isinstance(view, View) else view
    sys.stdout.write(json_printable(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """A text progress bar such as ``███░░░░░░░`` (full blocks for the done share)."""
    filled = 0 if total == 0 else round(width * done / total)
    return "█" * filled + "░" * (width - filled)


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else "-"


def _ends(window: WindowView) -> str:
    """A window's end, and below it the latest acceptable end (``≤2026-03-19``) when the
    duration is a range.
    """
    if window.end is None:
        return "ongoing" if window.start is not None else "-"
    if window.latest_end is not None and window.latest_end != window.end:
        return f"{window.end.isoformat()}\n[dim]≤{window.latest_end.isoformat()}[/]"
    return window.end.isoformat()


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _activity(activity: ActivityView) -> str:
    from rich.markup import escape

    unit = f" {activity.unit}" if activity.unit else ""
    counted = f"{activity.done} of {activity.expected}{unit}" if activity.expected else ""
    return f"{escape(activity.title)} [dim]· {activity.cadence}[/] {counted}".rstrip()


OVERDUE_SHOWN = 4
COMPLETED_SHOWN = 10
"""How many of the week's checked items ``status`` lists (the latest); --json has them all."""


def _overdue_rows(entries: Sequence[OverdueView]) -> list[tuple[str, ...]]:
    """The most recent overdue points (the oldest are summed up in one line)."""
    from rich.markup import escape

    rows: list[tuple[str, ...]] = [
        (
            entry.date.isoformat(),
            f"[red]{escape(entry.title)}[/] [dim]({_days(entry.days_late)} late, "
            f"{len(entry.open_items)} open)[/]",
        )
        for entry in entries[-OVERDUE_SHOWN:]
    ]
    if len(entries) > OVERDUE_SHOWN:
        older = len(entries) - OVERDUE_SHOWN
        rows.insert(0, ("", f"[dim]{older} older overdue points (--json lists them)[/]"))
    return rows


def _pace(days_ahead: int | None) -> str:
    if days_ahead is None:
        return "no dated plan to compare with"
    if days_ahead == 0:
        return "on pace with the plan"
    unit = "day" if abs(days_ahead) == 1 else "days"
    if days_ahead > 0:
        return f"[green]{days_ahead} {unit} ahead[/] of the plan"
    return f"[red]{-days_ahead} {unit} behind[/] the plan"


def _table(*columns: str) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    for name in columns:
        table.add_column(name)
    return table


GRID_MIN_WRAP = 16
"""The narrowest last column :func:`_grid` wraps beside the other columns; when the terminal
leaves less, each row's last cell goes below its other cells, indented two cells."""


def _grid(rows: Sequence[tuple[str, ...]], indent: int = 0) -> Text:
    """Rows of markup cells in columns as wide as their widest line, one space apart and
    ``indent`` cells in; the last column takes what is left of the line and wraps there by
    words (a word too long for it folds), keeping its newlines. The other columns never wrap.

    Drawn as one Text, like :func:`_fixed_table`: rich's ``Table.grid`` measured every cell
    by wrapping it, several milliseconds for the eleven rows ``status`` lists.
    """
    from rich.text import Text

    out = console()
    cells = [
        [Text.from_markup(cell, emoji=False) if "[" in cell else Text(cell) for cell in row]
        for row in rows
    ]
    count = max(len(row) for row in cells)
    widths = [0] * count
    for row in cells:
        for column, text in enumerate(row):
            widths[column] = max([widths[column], *(line.cell_len for line in text.split())])
    room = out.width - indent - sum(widths[:-1]) - (count - 1)
    stacked = count > 1 and room < min(widths[-1], GRID_MIN_WRAP)
    widths[-1] = max(1, out.width - indent - 2) if stacked else min(widths[-1], room)
    margin = " " * indent
    lines: list[Text] = []
    for row in cells:
        row = row + [Text()] * (count - len(row))
        first = [text.split(allow_blank=True) for text in row[:-1]]
        last = list(row[-1].wrap(out, widths[-1], justify="left", overflow="fold"))
        height = max((len(parts) for parts in first), default=0)
        if stacked:
            last = [Text()] * height + [Text("  ") + line for line in last]
        for number in range(max(height, len(last))):
            line = Text(margin)
            for column, parts in enumerate(first if number < height or not stacked else ()):
                cell = parts[number] if number < len(parts) else Text()
                line.append_text(cell)
                line.append(" " * (widths[column] - cell.cell_len + 1))
            if number < len(last):
                line.append_text(last[number])
            line.rstrip()
            lines.append(line)
    return Text("\n", no_wrap=True, overflow="ignore").join(lines)


def _fixed_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[int],
    right: Sequence[int] = (),
    bold: Sequence[bool] = (),
) -> Text:
    """A table of markup cells in columns of fixed ``widths`` (terminal cells), drawn
    like :func:`_table` draws it: a bold header, a rule, three spaces between columns. A cell
    with newlines takes several lines; a first-column cell too wide for it ends in an
    ellipsis. Rows flagged in ``bold`` are bold.

    Drawn as one Text, which rich prints without measuring every cell: a table of 40 rows
    costs a tenth of what :class:`rich.table.Table` takes to lay it out.
    """
    from rich.cells import cell_len, set_cell_size
    from rich.text import Text

    table = Text()

    def add_cell(cell: str, width: int, style: str, column: int) -> None:
        if "[" in cell:  # markup: let rich parse it, then pad and cut as below
            text = Text.from_markup(cell, style=style, emoji=False)
            if column in right:
                text.pad_left(width - text.cell_len)
            text.truncate(width, overflow="ellipsis", pad=True)
            table.append_text(text)
            return
        size = cell_len(cell)
        if size > width:
            cell = set_cell_size(cell, width - 1) + "…"
        elif column in right:
            cell = " " * (width - size) + cell
        else:
            cell += " " * (width - size)
        table.append(cell, style or None)

    def add_line(cells: Sequence[str], style: str, styled: int) -> None:
        for column, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if column:
                table.append("   ")
            add_cell(cell, width, style if column < styled else "", column)
        table.append("\n")

    add_line(header, "bold", len(header))
    table.append("─" * (sum(widths) + 3 * (len(widths) - 1)) + "\n")
    for index, row in enumerate(rows):
        style = "bold" if index < len(bold) and bold[index] else ""
        split = [cell.split("\n") for cell in row]
        for number in range(max(len(parts) for parts in split)):
            add_line([p[number] if number < len(p) else "" for p in split], style, 1)
    table.right_crop(1)  # the last newline
    return table


def render_list(view: ListView) -> None:
    """Draw ``roadmap list``: one row per curriculum."""
    table = _table("Slug", "Title", "Length", "Items")
    table.columns[0].no_wrap = True
    table.columns[3].justify = "right"
    for row in view.curricula:
        marks = (["yours"] if row.origin == "user" else []) + (["enrolled"] if row.enrolled else [])
        slug = row.slug + (f" [dim]({', '.join(marks)})[/]" if marks else "")
        table.add_row(slug, row.title, row.duration, str(row.tasks))
    console().print(table)
    console().print("Enroll with: [bold]roadmap start SLUG[/]")


Styles = tuple[tuple[int, int, str], ...]
"""Style spans of a label: ``(start, end, style)`` by position in its text."""


class _TreeNode(NamedTuple):
    """A node of a tree to draw: its label's text, the cells that text takes, its styles
    (empty when the tree is drawn without colour) and its children."""

    text: str
    cells: int
    styles: Styles
    children: Sequence[_TreeNode]


def _tree_node(
    tree: list[_TreeNode], text: str, styles: Styles = (), cells: int | None = None
) -> list[_TreeNode]:
    """Add a node labelled ``text`` under ``tree`` (a list of nodes); return the list of its
    children. ``cells`` is the width of ``text`` when the caller knows it.
    """
    from rich.cells import cell_len

    if cells is None:
        cells = len(text) if text.isascii() else cell_len(text)
    children: list[_TreeNode] = []
    tree.append(_TreeNode(text, cells, styles, children))
    return children


def _label(styled: bool, *parts: tuple[str, str]) -> tuple[str, Styles]:
    """A label's text from ``(text, style)`` parts, with their spans when ``styled``."""
    text = "".join(part for part, _ in parts)
    if not styled:
        return text, ()
    spans = []
    position = 0
    for part, style in parts:
        if style and part:
            spans.append((position, position + len(part), style))
        position += len(part)
    return text, tuple(spans)


def _draw_tree(root: _TreeNode) -> tuple[str, list[Span]]:
    """A tree drawn as :class:`rich.tree.Tree` draws it (the same guides, labels wrapped to
    the width left beside them), as one Text of lines.

    Returns the lines joined, and the nodes' style spans in them when the console prints
    colour. Lines are joined from plain strings: the tree of a curriculum of 10,000 items has
    that many lines, which rich's Tree lays out at about 100 µs each.
    """
    from rich.text import Span, Text

    out = console()
    width = out.width
    styled = _colour(out)
    ascii_only = out.options.ascii_only
    space, down, fork, end = (
        ("    ", "|   ", "+-- ", "`-- ") if ascii_only else ("    ", "│   ", "├── ", "└── ")
    )
    lines: list[str] = []
    spans: list[Span] = []
    offset = 0

    def add_label(prefix: str, follow: str, node: _TreeNode) -> None:
        nonlocal offset
        room = max(1, width - len(prefix))  # deep guides on a tiny terminal: a cell a line
        if node.cells <= room and not styled:  # most lines: no spans to place
            lines.append(prefix + node.text)
            return
        if node.cells <= room:
            wrapped = [(node.text, node.styles)]
        else:  # wrapped as rich wraps a label: by words, folding a word too long
            label = Text(node.text, spans=[Span(*style) for style in node.styles])
            pieces = label.wrap(out, room, justify="default", overflow="fold")
            wrapped = [
                (line.plain, tuple((a, b, str(c)) for a, b, c in line.spans)) for line in pieces
            ]
        for number, (text, styles) in enumerate(wrapped):
            lead = prefix if number == 0 else follow
            start = offset + len(lead)
            spans.extend(Span(start + a, start + b, style) for a, b, style in styles)
            lines.append(lead + text)
            offset += len(lead) + len(text) + 1

    def walk(nodes: Sequence[_TreeNode], guides: str) -> None:
        final = len(nodes) - 1
        below, beside = guides + fork, guides + down
        for number, node in enumerate(nodes):
            if number == final:
                below, beside = guides + end, guides + space
            add_label(below, beside, node)
            if node.children:
                walk(node.children, beside)

    add_label("", "", root)
    walk(root.children, "")
    return "\n".join(lines), spans


def _print_lines(text: str, spans: list[Span]) -> None:
    """Print lines that fit the console already, with style ``spans``. Without colour (output
    to a pipe or a file, or ``NO_COLOR``) the text is written as the console would print it
    (without control characters), but without rich splitting it into segments line by line.
    """
    from rich.text import Text

    out = console()
    if _colour(out):
        out.print(Text(text, spans=spans, no_wrap=True, overflow="ignore"), crop=False)
        return
    from roadmap_tracker.base.printable import printable

    out.file.write(printable(text) + "\n")
    out.file.flush()


def _colour(out: Console) -> bool:
    """Whether the console prints styles (else it prints plain text)."""
    return out.color_system is not None or out.record


_TREE_MARKS = {"doing": "▶", "skipped": "⤼"}
"""The mark of an item in progress or skipped in ``roadmap show`` (done: ✓, open: ☐)."""


def render_show(
    curriculum: Curriculum, done: dict[str, dt.date], marks: dict[str, str] | None = None
) -> None:
    """Draw ``roadmap show``: the curriculum as a tree with the id of every item.

    Phases carry their weeks or duration, modules their duration, level, prerequisites and
    choice group; items show a tick when done, and ``marks`` (item id: ``doing`` or
    ``skipped``) marks the others. Milestones and recurring activities follow.
    """
    from rich.cells import cell_len

    styled = _colour(console())
    marks = marks or {}

    def facts(parts: list[str]) -> list[tuple[str, str]]:
        return [(" ", ""), (f"· {' · '.join(parts)}", "dim")] if parts else []

    def add_entry(branch: list[_TreeNode], entry_id: str, title: str, detail: str) -> None:
        """A choice group or a recurring activity: its id, title and details (dim)."""
        _tree_node(
            branch, *_label(styled, (entry_id, "cyan"), (f"  {title} ", ""), (detail, "dim"))
        )

    table = curriculum.item_table

    def add_items(branch: list[_TreeNode], span: tuple[int, int] | None) -> None:
        # One line per item, the bulk of the tree: read from the item columns, its text and
        # spans made directly.
        start, stop = span or (0, 0)
        section: str | None = None
        target = branch
        for item_id, title, kind, item_section in zip(
            table.ids[start:stop],
            table.titles[start:stop],
            table.kinds[start:stop],
            table.sections[start:stop],
            strict=True,
        ):
            if item_section and item_section != section:
                target = _tree_node(branch, *_label(styled, (item_section, "italic")))
            elif not item_section:
                target = branch
            section = item_section
            checked = item_id in done
            mark = "✓" if checked else _TREE_MARKS.get(marks.get(item_id, ""), "☐")
            shown_kind = "" if kind == "task" else f" ({kind})"
            rest = f" {item_id}  {title}{shown_kind}"
            styles: Styles = ()
            if styled:
                found = [(0, 1, "green")] if checked else []
                found.append((2, 2 + len(item_id), "cyan"))
                if shown_kind:
                    found.append((len(rest) + 2 - len(shown_kind), len(rest) + 1, "dim"))
                styles = tuple(found)
            cells = 1 + (len(rest) if rest.isascii() else cell_len(rest))
            target.append(_TreeNode(mark + rest, cells, styles, ()))

    tree: list[_TreeNode] = []
    title = _label(styled, (curriculum.title, "bold"), (f" ({curriculum.slug})", ""))
    top = _tree_node(tree, *title)
    for phase in curriculum.phases:
        parts = [f"weeks {phase.weeks.text}"] if phase.weeks else []
        parts += [f"after {phase.after}"] if phase.after else []
        parts += [phase.duration.text] if phase.duration and not phase.weeks else []
        parts += ["optional"] if phase.optional else []
        label = _label(styled, (phase.id, "bold"), (f" {phase.title}", ""), *facts(parts))
        branch = _tree_node(top, *label)
        for module in phase.modules:
            parts = [module.duration.text] if module.duration else []
            parts += [module.level] if module.level else []
            parts += ["optional"] if module.optional else []
            group = curriculum.choice_of.get(module.id)
            if group is not None:
                parts.append(f"option of {group.id} (pick {group.pick})")
            if module.prerequisites:
                parts.append("after " + ", ".join(module.prerequisites))
            label = _label(styled, (module.id, "bold"), (f" {module.title}", ""), *facts(parts))
            add_items(_tree_node(branch, *label), table.module_spans.get(module.id))
        add_items(branch, table.phase_spans.get(phase.id))
    if curriculum.choices:
        choices = _tree_node(top, *_label(styled, ("Choices", "bold")))
        for group in curriculum.choices:
            options = ", ".join(group.options)
            add_entry(choices, group.id, group.title, f"· pick {group.pick} of: {options}")
    if curriculum.milestones:
        milestones = _tree_node(top, *_label(styled, ("Milestones", "bold")))
        for milestone in curriculum.milestones:
            label = _label(
                styled,
                (milestone.id, "bold"),
                (f" {milestone.title}", ""),
                *facts([f"{milestone.offset.text} after the start"]),
            )
            add_items(_tree_node(milestones, *label), table.milestone_spans.get(milestone.id))
    if curriculum.recurring:
        routines = _tree_node(top, *_label(styled, ("Recurring", "bold")))
        for activity in curriculum.recurring:
            times = f" {activity.times.text} {activity.unit or 'times'}" if activity.times else ""
            add_entry(routines, activity.id, activity.title, f"·{times} {activity.cadence}")
    _print_lines(*_draw_tree(tree[0]))


def render_start(result: StartResult) -> None:
    """Draw ``roadmap start``: the enrollment and the end date of each phase."""
    verb = "Restarted" if result.restarted else "Enrolled in"
    out = console()
    out.print(f"{verb} [bold]{result.title}[/] ({result.curriculum}).")
    hours = f"{result.hours_per_week:g} hours a week" if result.hours_per_week else "your pace"
    length = f"{result.weeks_total} weeks, " if result.weeks_total else ""
    dated = any(phase.start for phase in result.phases)
    if not dated:
        out.print(
            f"Starts {result.start.isoformat()} at {hours}. This curriculum states no "
            "durations, so your plan has no dates; 'roadmap next' shows what comes next."
        )
    else:
        ends = f"ends {_date(result.end)}" if result.end else "then goes on"
        out.print(f"Starts {result.start.isoformat()} at {hours}: {length}{ends}.")
    if result.restarted:
        out.print("Your earlier run stays in the history; 'roadmap undo' brings it back.")
    if dated:
        table = _table("Phase", "Starts", "Ends")
        for phase in result.phases:
            table.add_row(f"{phase.id} {phase.title}", _date(phase.start), _ends(phase))
        out.print(table)
    out.print('Next: [bold]roadmap next[/] · tick off work: [bold]roadmap check "TASK"[/]')


_CHANGE_MARKS = {
    "check": ("[green]✓[/]", "done"),
    "uncheck": ("[yellow]↺[/]", "unchecked"),
    "doing": ("[blue]▶[/]", "in progress from"),
    "skip": ("[magenta]⤼[/]", "skipped"),
    "reset": ("[yellow]↺[/]", "open again"),
}


def render_check(result: CheckResult) -> None:
    """Draw ``roadmap check``, ``doing``, ``skip`` or ``reset``: what was recorded, the
    note and evidence attached, and the new total.
    """
    from rich.markup import escape

    out = console()
    mark, verb = _CHANGE_MARKS.get(result.action, _CHANGE_MARKS["check"])
    rows = [
        (
            mark,
            f"{escape(item.title)}\n[cyan]{item.id}[/] [dim]· "
            f"{escape(item.note) if item.note else verb} {item.on}[/]",
        )
        for item in result.changed
    ] + [
        ("·", f"{escape(item.title)}\n[cyan]{item.id}[/] [dim]· {escape(item.note or '')}[/]")
        for item in result.unchanged
    ]
    if rows:
        out.print(_grid(rows))
    if result.note:
        label = "Reason" if result.action == "skip" else "Note"
        out.print(f"{label}: {escape(result.note)}")
    for link in result.links:
        out.print(f"Evidence: {escape(link)}")
    if result.evidence_wanted:
        first = result.evidence_wanted[0]
        out.print(
            f"[dim]Add evidence with: roadmap note {first} --link URL-or-PATH "
            "('roadmap portfolio' lists it).[/]"
        )
    skipped = f" ({result.skipped} skipped)" if result.skipped else ""
    out.print(f"{result.done} of {result.total} items done in {result.curriculum}{skipped}.")


def render_note(result: NoteResult) -> None:
    """Draw ``roadmap note``: what was attached to which item."""
    from rich.markup import escape

    out = console()
    out.print(f"Noted on {escape(result.title)} [cyan]{result.id}[/] for {result.on}:")
    if result.text:
        out.print(f"  {escape(result.text)}")
    for link in result.links:
        out.print(f"  Evidence: {escape(link)}")
    count = "1 note" if result.notes == 1 else f"{result.notes} notes"
    out.print(f"[dim]{count} on this item; 'roadmap show {result.id}' lists them.[/]")


_STATE_TEXT = {"done": "done", "doing": "in progress since", "skipped": "skipped", "open": "open"}


def render_item(view: ItemDetail) -> None:
    """Draw ``roadmap show ITEM``: the item, its state and dates, notes, evidence, resources."""
    from rich.markup import escape

    out = console()
    out.print(f"[bold]{escape(view.title)}[/]")
    kind = view.deliverable_kind or view.kind
    out.print(f"[cyan]{view.id}[/] · {kind} · {escape(view.part_title)}")
    if view.section:
        out.print(f"[dim]{escape(view.section)}[/]")
    if view.description:
        out.print(escape(view.description))
    state = _STATE_TEXT[view.state]
    when = f" {view.state_on}" if view.state_on else ""
    rows = [("State", f"{state}{when}")]
    if view.planned_start or view.planned_end:
        rows.append(("Planned", f"{_date(view.planned_start)} to {_date(view.planned_end)}"))
    if view.hours:
        rows.append(("Logged", f"{view.hours:g} h"))
    out.print(_grid(rows))
    if view.notes:
        out.print("[bold]Notes and evidence[/]")
        note_rows: list[tuple[str, ...]] = []
        for note in view.notes:
            lines = [escape(note.text)] if note.text else []
            lines += [f"[cyan]{escape(link)}[/]" for link in note.links]
            source = "" if note.source == "note" else f" [dim]({note.source})[/]"
            note_rows.append((f"{note.on}", "\n".join(lines) + source))
        out.print(_grid(note_rows, indent=2))
    else:
        out.print(f'[dim]No notes yet: roadmap note {view.id} "TEXT" --link URL[/]')
    if view.resources:
        out.print("[bold]Resources[/]")
        res_rows = [
            ("·", escape(r.title) + (f"\n[cyan]{escape(r.url)}[/]" if r.url else ""))
            for r in view.resources
        ]
        out.print(_grid(res_rows, indent=2))


def render_portfolio(view: PortfolioView) -> None:
    """Draw ``roadmap portfolio`` as Markdown: a heading, then one list entry per
    deliverable with its evidence, to paste into a CV or README."""
    lines = [f"# Portfolio: {view.title}", ""]
    lines.append(f"{view.done} of {view.total} deliverables done.")
    lines.append("")
    for entry in view.deliverables:
        box_mark = "x" if entry.state == "done" else " "
        when = f", done {entry.done_on}" if entry.done_on else ""
        state = "" if entry.state in ("done", "open") else f", {entry.state}"
        lines.append(f"- [{box_mark}] **{entry.title}** ({entry.kind}{when}{state})")
        lines += [f"  - {link}" for link in entry.links]
        lines += [f"  - {text}" for text in entry.notes]
    if not view.deliverables:
        lines.append("No deliverables done yet." if view.total else "This curriculum has none.")
    _print_lines("\n".join(lines), [])


def render_status(view: StatusView) -> None:
    """Draw ``roadmap status``: week, phase, module, totals, pace, overdue points, modules,
    recurring activities, study time and this week's work.
    """
    from rich.cells import cell_len
    from rich.markup import escape

    out = console()
    weeks = f" of {view.weeks_total}" if view.weeks_total else ""
    when = f"week {view.week}{weeks}" if view.week else f"starts {view.start.isoformat()}"
    out.print(f"[bold]{escape(view.title)}[/] · {when}")
    if view.dated:
        end = _date(view.end) if view.end else "none (it goes on)"
        out.print(f"As of {view.as_of:%a %Y-%m-%d} · planned end {end}")
    else:
        out.print(f"As of {view.as_of:%a %Y-%m-%d} · no dates: the curriculum states no durations")
    if view.phase:
        out.print(f"Phase:  {view.phase.id} {escape(view.phase.title)}")
    if view.module:
        out.print(f"Module: {view.module.id} {escape(view.module.title)}")
    planned = f" (plan: {view.planned_percent:g}%)" if view.planned_percent is not None else ""
    skipped = f", {len(view.skipped)} skipped" if view.skipped else ""
    out.print(f"Done:   {view.done} of {view.total} items, {view.percent:g}%{planned}{skipped}")
    out.print(f"Pace:   {_pace(view.days_ahead)}")
    if view.items_per_week or view.projected_finish:
        finish = (
            f", finishing about {view.projected_finish.isoformat()}"
            if view.projected_finish
            else ""
        )
        out.print(f"        {view.items_per_week:g} items a week lately{finish}")
    hours = f"{view.hours_this_week:g} h logged this week"
    if view.hours_per_week:
        hours += f" of {view.hours_per_week:g} h planned"
    out.print(f"Time:   {hours}")
    if view.overdue:
        out.print("[bold red]Overdue[/]")
        out.print(_grid(_overdue_rows(view.overdue), indent=2))

    # One row per phase; the modules of the phase in focus (the current one, else the first
    # with open items) beneath it. `roadmap plan` and --json have every module.
    focus = view.phase.id if view.phase else None
    if focus is None:
        focus = next((p.id for p in view.phases if p.done < p.total), None)
    parts: list[tuple[str, WindowView, int, int]] = []
    for phase in view.phases:
        parts.append((f"{phase.id} {phase.title}", phase, phase.done, phase.total))
        if phase.id == focus:
            parts += [
                (f"  {m.id} {m.title}", m, m.done, m.total)
                for m in view.modules
                if m.phase == phase.id
            ]
    name_width = max((cell_len(name) for name, *_ in parts), default=6)
    count_width = max([4] + [len(f"{done}/{total}") for _, _, done, total in parts])
    # Long names end in an ellipsis; the name leaves room for bar, count and date (and the
    # gaps between columns).
    name_width = min(max(name_width, 6), max(12, out.width - (BAR_WIDTH + count_width + 11 + 9)))
    current = {view.module.id if view.module else None, focus}
    table = _fixed_table(
        ("Phase and module", "Progress", "Done", "Ends"),
        [
            (
                escape(name),
                bar(done, total),
                f"{done}/{total}",
                _ends(part) if part.start else "-",
            )
            for name, part, done, total in parts
        ],
        widths=(name_width, BAR_WIDTH, count_width, 11),
        right=(2,),
        bold=[part.id in current for _, part, _, _ in parts],
    )
    out.print(table, no_wrap=True, overflow="ignore")
    if len(parts) - len(view.phases) < len(view.modules):
        out.print("[dim]Every module's progress: roadmap plan[/]")
    span = f"{view.week_start:%a %Y-%m-%d} to {view.week_end:%a %Y-%m-%d}"
    if view.recurring:
        out.print(f"Recurring, {view.week_start:%a %m-%d} to {view.week_end:%a %m-%d}:")
        marks = [
            ("[green]✓[/]" if a.expected and a.done >= a.expected else "·", _activity(a))
            for a in view.recurring
        ]
        out.print(_grid(marks, indent=2))
    if view.skipped:
        out.print("Skipped (not counted):")
        shown = view.skipped[-COMPLETED_SHOWN:]
        skip_rows = [
            (
                "⤼",
                f"{escape(item.title)}\n[cyan]{item.id}[/] [dim]· {item.on}"
                + (f" · {escape(item.reason)}" if item.reason else "")
                + "[/]",
            )
            for item in shown
        ]
        if len(view.skipped) > len(shown):
            skip_rows.insert(0, ("", f"[dim]{len(view.skipped) - len(shown)} more (--json)[/]"))
        out.print(_grid(skip_rows, indent=2))
    if not view.completed_this_week_items:
        out.print(f"Nothing checked off in the week {span} yet.")
        return
    out.print(f"Completed in the week {span}:")
    done = view.completed_this_week_items
    rows = [
        ("[green]✓[/]", f"{item.on:%a}", f"{escape(item.title)}\n[cyan]{item.id}[/]")
        for item in done[-COMPLETED_SHOWN:]
    ]
    if len(done) > COMPLETED_SHOWN:
        earlier = len(done) - COMPLETED_SHOWN
        rows.insert(0, ("", "", f"[dim]{earlier} earlier this week (--json lists them)[/]"))
    out.print(_grid(rows, indent=2))


def render_next(view: NextView) -> None:
    """Draw ``roadmap next``: items in progress, overdue points and their items, the next
    items, choices to make, recurring activities due this week and upcoming milestones.
    """
    from rich.markup import escape

    out = console()
    number = 0

    def item_rows(items: Sequence[ItemView], extra: Sequence[str] = ()) -> list[tuple[str, ...]]:
        nonlocal number
        rows: list[tuple[str, ...]] = []
        for position, item in enumerate(items):
            number += 1
            kind = "" if item.kind == "task" else f" · {item.kind}"
            more = extra[position] if position < len(extra) else ""
            rows.append(
                (
                    f"{number:>2}.",
                    f"{escape(item.title)}\n[cyan]{item.id}[/][dim]{kind}{more}[/]",
                )
            )
        return rows

    if view.in_progress:
        out.print("[bold]In progress[/]")
        notes = [
            (f" · since {item.since:%a %Y-%m-%d}" if item.since else "")
            + (f" · {item.hours:g} h logged" if item.hours else "")
            for item in view.in_progress
        ]
        out.print(_grid(item_rows(view.in_progress, notes)))
    if view.reminders:
        out.print("[bold]Reminders[/]")
        rows = [(f"{r.due:%a %m-%d}", escape(r.text)) for r in view.reminders]
        out.print(_grid(rows, indent=2))
    if view.overdue:
        out.print("[bold red]Overdue[/]")
        out.print(_grid(_overdue_rows(view.overdue), indent=2))
        if view.overdue_items:
            out.print(_grid(item_rows(view.overdue_items)))
    if view.tasks:
        out.print(f"[bold]Next in {escape(view.title)}[/]")
        out.print(_grid(item_rows(view.tasks)))
    if not (view.tasks or view.in_progress or view.overdue_items):
        if view.remaining:
            out.print(f"{view.remaining} items are open; -n shows more of them.")
        else:
            out.print(f"Nothing left to do in {escape(view.title)}. Well done!")
    for choice in view.choices:
        options = ", ".join(option.id for option in choice.options)
        advice = f"; {choice.recommended} is recommended" if choice.recommended else ""
        out.print(
            f"[bold yellow]Choice due:[/] {escape(choice.title)} (pick {choice.pick}: "
            f"{escape(options)}{advice}). Run 'roadmap choose {choice.id} OPTION'; until then "
            f"the plan counts {', '.join(choice.planned)}."
        )
    if view.blocked:
        first = view.blocked[0]
        waiting = ", ".join(first.waiting_for)
        more = len(view.blocked) - 1
        later = f"; {more} more modules wait for their prerequisites" if more else ""
        out.print(f"[dim]{first.id} {escape(first.title)} opens when {waiting} is done{later}.[/]")
    if view.recurring:
        out.print("[bold]Recurring, due in the next 7 days[/]")
        rows = [
            (f"{a.due:%a %m-%d}" if a.due else "", f"{_activity(a)}\n[cyan]{a.id}[/]")
            for a in view.recurring
        ]
        out.print(_grid(rows, indent=2))
    if view.milestones:
        out.print("[bold]Milestones[/]")
        rows = []
        for milestone in view.milestones:
            days = milestone.days_away
            away = (
                "today" if days == 0 else f"in {_days(days)}" if days > 0 else f"{_days(-days)} ago"
            )
            rows.append((milestone.date.isoformat(), f"{escape(milestone.title)} [dim]({away})[/]"))
        out.print(_grid(rows, indent=2))
    elif not view.dated:
        out.print("[dim]No dates: this curriculum states no durations.[/]")


def render_log(result: LogResult) -> None:
    """Draw ``roadmap log``: what was logged and the week's hours against the commitment."""
    from rich.markup import escape

    out = console()
    task = f" on {escape(result.task_title)} ({result.task})" if result.task_title else ""
    out.print(f"Logged {result.hours:g} h{task} for {result.on.isoformat()}.")
    planned = f" of {result.hours_per_week:g} h planned" if result.hours_per_week else ""
    out.print(f"The week from {result.week_start:%a %Y-%m-%d}: {result.week_hours:g} h{planned}.")


def render_plan_change(result: PlanChange) -> None:
    """Draw what ``choose``, ``include``, ``exclude`` or ``replan`` changed."""
    from rich.markup import escape

    out = console()
    out.print(escape(result.summary))
    if result.changed:
        if result.total != result.total_before:
            out.print(f"Items in your plan: {result.total_before} -> {result.total}.")
        if result.end != result.end_before:
            out.print(f"Planned end: {_date(result.end_before)} -> {_date(result.end)}.")
    out.print(f"{result.done} of {result.total} items done. See the timeline: roadmap plan")


PLAN_NAME_WIDTH = 22


def render_plan(view: PlanView) -> None:
    """Draw ``roadmap plan``: a bar per phase and module across the plan's span.

    In a bar, ``█`` is the done share of the window, ``░`` the rest of the planned window,
    ``▶`` an ongoing part that does not end, and ``│`` today. Undated parts have no bar.
    """
    from rich.markup import escape

    out = console()
    out.print(f"[bold]{escape(view.title)}[/] · plan from {view.start.isoformat()}")
    if not view.dated:
        out.print("This curriculum states no durations, so the plan has no dates.")
    first = view.start
    last = max(
        [d for d in (view.dated_end, view.today) if d is not None]
        + [r.start for r in view.rows if r.start is not None]
    )
    span = max((last - first).days + 1, 1)
    done_width = max([len("Done")] + [len(f"{r.done}/{r.total}") for r in view.rows])
    # columns: name, timeline, ends (≤YYYY-MM-DD: 11), done; three gaps of 3 cells between
    width = max(10, min(40, out.width - PLAN_NAME_WIDTH - 11 - done_width - 9))

    def column(day: dt.date) -> int:
        return min(width - 1, max(0, (day - first).days * width // span))

    def timeline(row: WindowView, done: int, total: int) -> str:
        if row.start is None:
            return "[dim]no dates[/]"
        cells = [" "] * width
        begin = column(row.start)
        end = column(row.end) if row.end is not None else width - 1
        filled = round((end - begin + 1) * done / total) if total else 0
        for position in range(begin, end + 1):
            cells[position] = "█" if position - begin < filled else "░"
        if row.end is None:
            cells[width - 1] = "▶"
        if first <= view.today <= last:
            cells[column(view.today)] = "[bold yellow]│[/]"
        return "".join(cells)

    table = _table("Part", "Timeline", "Ends", "Done")
    table.columns[0].overflow = "ellipsis"
    table.columns[0].no_wrap = True
    table.columns[0].max_width = PLAN_NAME_WIDTH
    table.columns[1].no_wrap = True
    table.columns[1].min_width = width
    table.columns[2].min_width = 11
    table.columns[3].justify = "right"
    for row in view.rows:
        name = f"{row.id} {escape(row.title)}"
        table.add_row(
            f"[bold]{name}[/]" if row.kind == "phase" else f"  {name}",
            timeline(row, row.done, row.total),
            _ends(row) if row.start else "-",
            f"{row.done}/{row.total}",
        )
    out.print(table)
    if view.dated:
        out.print(
            f"[dim]{first.isoformat()} to {last.isoformat()} · █ done ░ planned ▶ goes on "
            f"· [bold yellow]│[/] today {view.today.isoformat()} · ≤ latest acceptable end[/]"
        )
    if view.milestones:
        out.print("[bold]Milestones[/]")
        rows = [(m.date.isoformat(), escape(m.title)) for m in view.milestones]
        out.print(_grid(rows, indent=2))
    for on, hours in view.replans:
        at = f" at {hours:g} h a week" if hours else ""
        out.print(f"[dim]Replanned from {on.isoformat()}{at}.[/]")


def render_validate(view: ValidateView) -> None:
    """Draw ``roadmap validate``: each problem as FILE:LINE:COLUMN: field: message."""
    out = console()
    for check in view.files:
        if check.problems:
            for problem in check.problems:
                out.print(problem.text, markup=False, highlight=False, soft_wrap=True)
        else:
            out.print(
                f"{check.path}: ok ({check.slug}, {check.items} items)",
                highlight=False,
                soft_wrap=True,
            )
    bad = [check for check in view.files if check.problems]
    if bad:
        count = sum(len(check.problems) for check in bad)
        files = "file" if len(bad) == 1 else "files"
        out.print(f"{count} problem{'s' if count != 1 else ''} in {len(bad)} {files}.")


def render_history(view: HistoryView) -> None:
    """Draw ``roadmap history``: the newest changes first, undone ones struck through."""
    from rich.markup import escape

    out = console()
    if not view.changes:
        out.print("No changes yet. Enroll with: [bold]roadmap start SLUG[/]")
        return
    table = _table("#", "Recorded", "Change")
    table.columns[0].justify = "right"
    table.columns[1].no_wrap = True
    for change in view.changes:
        summary = escape(change.summary)
        if change.undone_by is not None:
            summary = f"[strike]{summary}[/] [dim](undone by {change.undone_by})[/]"
        table.add_row(str(change.seq), f"{change.at:%Y-%m-%d %H:%M}", summary)
    out.print(table)
    shown = len(view.changes)
    more = f" of {view.total} (-n for more)" if view.total > shown else ""
    noun = "change" if shown == 1 else "changes"
    out.print(f"{shown} {noun} shown{more}.", end=" ")
    if view.undoable:
        out.print(f"'roadmap undo' takes back change {view.undoable[0]}.")
    else:
        out.print("Nothing left to undo.")


def render_undo(result: UndoResult) -> None:
    """Draw what ``roadmap undo`` took back."""
    from rich.markup import escape

    change = result.undone
    console().print(
        f"Undid change {change.seq} (recorded {change.at:%Y-%m-%d %H:%M}): "
        f"{escape(change.summary)}."
    )


def render_restore(result: RestoreResult) -> None:
    """Draw what ``roadmap restore`` did."""
    out = console()
    enrolled = ", ".join(result.enrollments) or "no curriculum"
    changes = _plural(result.changes, "change")
    out.print(f"Restored {result.backup}: {changes}, enrolled in {enrolled}.")
    if result.kept:
        out.print(f"The file it replaced is kept in {result.kept}.")


_LEVEL_STYLE = {"ok": "green", "note": "cyan", "warning": "yellow", "problem": "red"}


def render_doctor(view: DoctorView) -> None:
    """Draw ``roadmap doctor``: one line per check, then the ids curricula no longer have."""
    from rich.markup import escape

    out = console()
    out.print(f"Progress file: {escape(view.progress_file)}")
    rows = [
        (
            f"[{_LEVEL_STYLE[f.level]}]{f.level}[/]",
            f"[bold]{escape(f.check)}[/]",
            escape(f.message),
        )
        for f in view.findings
    ]
    out.print(_grid(rows))
    if view.removed:
        out.print("No longer in their curriculum (kept in your record):")
        out.print(
            _grid(
                [(r.id, f"{r.action} {r.on.isoformat()} ({r.curriculum})") for r in view.removed],
                indent=2,
            )
        )
    if not view.healthy:
        out.print("[red]Some checks found a problem.[/]")
    elif any(f.level == "warning" for f in view.findings):
        out.print("No problems, but see the warnings above.")
    else:
        out.print("All is well.")


_HEAT_CELLS = ("·", "░", "▒", "▓", "█")
"""A heatmap day by level: none, then quarters of the busiest day (ASCII: ``.``, ``-+*#``)."""
_HEAT_ASCII = (".", "-", "+", "*", "#")
_HEAT_STYLES = ("dim", "green", "green", "bold green", "bold green")
_WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")
_EIGHTHS = " ▏▎▍▌▋▊▉"
STATS_LABEL_WIDTH = 4
"""Cells left of the heatmap's first column: a weekday label and a space."""


def _heat_layout(weeks: int, width: int) -> tuple[int, int]:
    """(cells per heatmap column, columns shown) for ``weeks`` weeks on ``width`` cells: a
    day and a space while they fit, else a day per cell, else the newest weeks that fit.
    """
    room = width - STATS_LABEL_WIDTH
    if 2 * weeks - 1 <= room:
        return 2, weeks
    return 1, max(1, min(weeks, room))


def _month_labels(mondays: Sequence[dt.date], step: int) -> str:
    """The line above the heatmap: a month's short name over the column of the week holding
    its first day (and over the first column), from the right, leaving out a name that would
    touch the next one.
    """
    candidates = [
        (column, (monday + dt.timedelta(days=6)).strftime("%b"))
        for column, monday in enumerate(mondays)
        if column == 0
        or (monday + dt.timedelta(days=6)).month != (monday - dt.timedelta(days=1)).month
    ]
    line = [" "] * (STATS_LABEL_WIDTH + step * len(mondays) + 3)
    next_start = len(line) + 1
    for column, name in reversed(candidates):
        start = STATS_LABEL_WIDTH + step * column
        if start + len(name) < next_start:
            line[start : start + len(name)] = list(name)
            next_start = start
    return "".join(line).rstrip()


def _eighths_bar(value: float, top: float, width: int) -> str:
    """A horizontal bar of ``value`` out of ``top`` on ``width`` cells, in eighths of a cell."""
    if top <= 0 or value <= 0:
        return ""
    eighths = max(1, round(8 * width * value / top))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def render_stats(view: StatsView) -> None:
    """Draw ``roadmap stats``: the heatmap (ISO weeks as columns, Monday to Sunday as rows,
    each day shaded by quarters of the busiest day's items + hours; blank before the start
    and after ``--on``), streaks, totals, then items and hours per week against the
    commitment. A terminal too narrow for a day and a space per week gets a day per cell;
    narrower still, the oldest weeks are left out (and said so).
    """
    from rich.markup import escape
    from rich.text import Text

    from roadmap_tracker.base import clock

    out = console()
    cells = _HEAT_ASCII if out.options.ascii_only else _HEAT_CELLS
    out.print(f"[bold]{escape(view.title)}[/] · activity")
    span_start = max(view.first, view.start)
    if view.on < view.start:
        out.print(f"Your plan starts on {view.start:%a %Y-%m-%d}: no activity to show yet.")
        return
    since = " (your start)" if span_start == view.start else ""
    out.print(f"{view.weeks} weeks: {span_start:%a %Y-%m-%d}{since} to {view.on:%a %Y-%m-%d}")

    step, shown = _heat_layout(view.weeks, out.width)
    first = view.first + dt.timedelta(weeks=view.weeks - shown)
    mondays = [first + dt.timedelta(weeks=column) for column in range(shown)]
    level = {day.date: day.level for day in view.days}
    out.print(_month_labels(mondays, step), style="dim")
    for weekday, label in enumerate(_WEEKDAY_LABELS):
        line = Text(label.ljust(STATS_LABEL_WIDTH), style="dim")
        for column, monday in enumerate(mondays):
            day = monday + dt.timedelta(days=weekday)
            if column and step == 2:
                line.append(" ")
            shade = level.get(day)
            if shade is None:
                line.append(" ")
            else:
                line.append(cells[shade], style=_HEAT_STYLES[shade])
        line.rstrip()
        out.print(line, no_wrap=True, overflow="ignore", crop=False)
    legend = Text(" " * STATS_LABEL_WIDTH + "Less ")
    for shade, cell in enumerate(cells):
        legend.append(cell, style=_HEAT_STYLES[shade])
        legend.append(" ")
    legend.append("More")
    out.print(legend)
    if view.busiest is not None:
        busiest = view.busiest
        parts = [_plural(busiest.items, "item")] if busiest.items else []
        what = ", ".join(parts + ([f"{busiest.hours:g} h"] if busiest.hours else []))
        margin = " " * STATS_LABEL_WIDTH
        out.print(f"[dim]{margin}{cells[4]} busiest: {what} on {busiest.date:%a %m-%d}[/]")
    if shown < view.weeks:
        older = view.weeks - shown
        out.print(f"[dim]The oldest {_plural(older, 'week')} do not fit here (--json has them).[/]")

    streak = view.streaks
    current = f"Current streak: {_days(streak.current)}"
    if streak.pending and streak.current:
        current += (
            " (today not yet)"
            if view.on == clock.today()
            else f" (nothing on {view.on:%a %m-%d} yet)"
        )
    out.print(current)
    if streak.longest_start is not None and streak.longest_end is not None:
        out.print(
            f"Longest streak: {_days(streak.longest)}, {streak.longest_start.isoformat()} to "
            f"{streak.longest_end.isoformat()}"
        )
    out.print(
        f"Totals: {_plural(view.items, 'item')}, {view.hours:g} h, "
        f"{_plural(view.study_days, 'study day')}"
    )
    if not view.weeks_shown:
        return

    commitment = f" of {view.hours_per_week:g} h a week; ✓ met" if view.hours_per_week else ""
    out.print(f"[bold]Per week[/] [dim](items, hours{commitment})[/]")
    hours_texts = [
        f"{week.hours:g} of {week.commitment:g} h" if week.commitment else f"{week.hours:g} h"
        for week in view.weeks_shown
    ]
    count_width = max(len(str(week.items)) for week in view.weeks_shown)
    hours_width = max(len(text) for text in hours_texts)
    bar_width = max(4, min(20, out.width - 9 - 1 - count_width - 2 - hours_width - 2))
    top = max(week.items for week in view.weeks_shown)
    for week, hours in zip(view.weeks_shown, hours_texts, strict=True):
        line = Text(f"{week.week} ")
        line.append(_eighths_bar(week.items, top, bar_width).ljust(bar_width), style="cyan")
        line.append(f" {week.items:>{count_width}}  {hours.rjust(hours_width)}")
        if week.met:
            line.append(" ✓", style="green")
        out.print(line, no_wrap=True, overflow="ignore", crop=False)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _short_pace(days_ahead: int | None, planned_percent: float | None) -> str:
    """Pace in a few words, with the share the plan expected (``plan 40% · 3 days behind``)."""
    if days_ahead is None:
        return "no dates to pace"
    if days_ahead == 0:
        pace = "on pace"
    elif days_ahead > 0:
        pace = f"[green]{_days(days_ahead)} ahead[/]"
    else:
        pace = f"[red]{_days(-days_ahead)} behind[/]"
    planned = f"plan {planned_percent:g}% · " if planned_percent is not None else ""
    return planned + pace


def _enrollment_rows(rows: Sequence[EnrollmentRow]) -> list[tuple[str, ...]]:
    """A row per enrollment: mark, slug, done/total, percent and pace; below the pace its
    title, then its start and weekly hours (or the day it was stopped); or its problem.
    """
    from rich.markup import escape

    lines: list[tuple[str, ...]] = []
    for row in rows:
        mark = "[bold]▶[/]" if row.active else " "
        slug = f"[bold]{escape(row.curriculum)}[/]" if row.active else escape(row.curriculum)
        hours = f" · {row.hours_per_week:g} h a week" if row.hours_per_week else ""
        about = f"from {row.started.isoformat()}{hours}"
        if row.stopped is not None:
            about = f"from {row.started.isoformat()}, stopped {row.stopped.isoformat()}"
        if row.problem is not None or row.done is None or row.total is None:
            first = f"[red]{escape(row.problem or 'curriculum does not load')}[/]"
            lines.append((mark, slug, "-", "-", f"{first}\n[dim]{about}[/]"))
            continue
        title = f"{escape(row.title)}\n" if row.title else ""
        pace = _short_pace(row.days_ahead, row.planned_percent)
        lines.append(
            (
                mark,
                slug,
                f"{row.done}/{row.total}",
                f"{row.percent:g}%",
                f"{pace}\n[dim]{title}{about}[/]",
            )
        )
    return lines


def render_enrollments(view: EnrollmentsView) -> None:
    """Draw ``roadmap enrollments``: each enrollment's progress and pace, the active one
    marked ``▶``; with ``--all`` the stopped ones below.
    """
    out = console()
    if not view.enrollments:
        out.print(
            "You are not enrolled in any curriculum. Enroll with: [bold]roadmap start SLUG[/]"
        )
    else:
        out.print(f"Your enrollments as of {view.as_of:%a %Y-%m-%d} (▶ active):")
        out.print(_grid(_enrollment_rows(view.enrollments), indent=1))
    if view.stopped:
        out.print("Stopped (their progress on the day they stopped):")
        out.print(_grid(_enrollment_rows(view.stopped), indent=1))
    elif view.include_stopped:
        out.print("No stopped enrollments.")
    if any(row.problem for row in [*view.enrollments, *view.stopped]):
        out.print("[dim]'roadmap doctor' checks your curricula.[/]")
    if len(view.enrollments) > 1:
        out.print("[dim]Switch with: roadmap switch SLUG, or add --plan SLUG[/]")


def render_switch(result: SwitchResult) -> None:
    """Draw what ``roadmap switch`` did."""
    from rich.markup import escape

    slug = escape(result.curriculum)
    if not result.changed:
        console().print(f"{slug} is already your active enrollment; nothing was changed.")
        return
    was = f" (was {escape(result.previous)})" if result.previous else ""
    console().print(f"Switched to {slug}{was}.\nCommands now work on it; see: roadmap status")


def stop_question(preview: StopPreview) -> str:
    """The question ``roadmap stop`` asks before it archives an enrollment (plain text)."""
    title = f" ({preview.title})" if preview.title else ""
    done = (
        f", {preview.done} of {preview.total} items done"
        if preview.done is not None and preview.total is not None
        else ""
    )
    then = ""
    if preview.active:
        then = (
            f" {preview.next_active} becomes the active one."
            if preview.next_active
            else " No enrollment will be left."
        )
    from roadmap_tracker.base.printable import printable

    return printable(
        f"Stop {preview.curriculum}{title}, followed since {preview.started.isoformat()}"
        f"{done}?{then} Its record is kept"
    )


def render_stop(result: StopResult) -> None:
    """Draw what ``roadmap stop`` did: the backup, what is active now, how to go back."""
    from rich.markup import escape

    out = console()
    slug = escape(result.curriculum)
    out.print(f"Stopped {slug} (followed from {result.started.isoformat()}).")
    if result.backup:
        out.print("A copy of your progress file is kept in")
        out.print(f"  {escape(result.backup)}", soft_wrap=True)  # whole, to copy
    if result.was_active:
        if result.active:
            out.print(f"Active now: {escape(result.active)}.")
        else:
            out.print("You follow no other curriculum now.")
    out.print(f"'roadmap undo' brings {slug} back;")
    out.print(f"'roadmap start {slug}' begins it afresh.")


def render_journal(result: JournalResult) -> None:
    """Draw what ``roadmap journal TEXT`` recorded, and when the next entry is due."""
    out = console()
    entry = result.entry
    out.print(f"Journal entry for {entry.on:%a %Y-%m-%d} recorded (change {entry.seq}).")
    if result.activity:
        out.print(f"Counted as one occurrence of {result.activity}.")
    if result.next_due:
        out.print(f"The next entry is due on {result.next_due:%a %Y-%m-%d}.")


def render_journal_list(view: JournalList) -> None:
    """Draw ``roadmap journal --list``: each entry's day and its text, wrapped, newest last."""
    from rich.markup import escape

    out = console()
    since = f" since {view.since.isoformat()}" if view.since else ""
    if not view.entries:
        out.print(f"No journal entries{since} in {escape(view.title)}. Add one: roadmap journal")
        return
    count = len(view.entries)
    noun = "entry" if count == 1 else "entries"
    out.print(f"[bold]Progress journal[/] · {count} {noun}{since}")
    rows = [(f"{entry.on:%a %Y-%m-%d}", escape(entry.text)) for entry in view.entries]
    out.print(_grid(rows, indent=2))


def _review_period(view: ReviewView) -> str:
    """``2026-01-05 to 2026-04-04`` or, for the first period so far, what it is."""
    span = f"{view.period_start.isoformat()} to {view.period_end.isoformat()}"
    return span if view.whole else f"{span} (the first {view.cadence} period so far)"


def render_review_numbers(view: ReviewView) -> None:
    """Draw the period a review covers and its numbers, before the questions are asked."""
    from rich.markup import escape

    out = console()
    numbers = view.numbers
    out.print(f"[bold]{view.cadence.capitalize()} review[/] · {escape(view.title)}")
    out.print(f"Period:       {_review_period(view)}")
    deliverables = numbers.deliverables_done
    among = (
        f" ({deliverables} deliverable{'' if deliverables == 1 else 's'})" if deliverables else ""
    )
    out.print(f"Items done:   {numbers.items_done}{among}")
    out.print(f"Hours logged: {numbers.hours:g} h")
    planned = (
        f" (plan: {numbers.planned_percent:g}%)" if numbers.planned_percent is not None else ""
    )
    out.print(
        f"Progress:     {numbers.done} of {numbers.total} items, {numbers.percent:g}%{planned} "
        f"on {numbers.as_of.isoformat()}"
    )
    out.print(f"Pace:         {_pace(numbers.days_ahead)}")
    if not all(answer.answer for answer in view.answers):
        out.print("[dim]Answer each question; press Enter to leave one empty.[/]")


def render_review(view: ReviewView) -> None:
    """Draw what ``roadmap review`` stored."""
    out = console()
    answered = sum(1 for answer in view.answers if answer.answer)
    out.print(f"Review of {_review_period(view)} recorded (change {view.seq}).")
    out.print(f"{answered} of {len(view.answers)} questions answered.")
    if view.activity:
        out.print(f"Counted as one occurrence of {view.activity}.")


def render_review_list(view: ReviewList) -> None:
    """Draw ``roadmap review --list``: each review's day and period, then its answers."""
    from rich.markup import escape

    out = console()
    if not view.reviews:
        out.print(f"No reviews yet in {escape(view.title)}. Run one: roadmap review")
        return
    for position, review in enumerate(view.reviews):
        if position:
            out.print()
        out.print(
            f"[bold]Review of {review.on:%a %Y-%m-%d}[/] · {review.period_start.isoformat()} "
            f"to {review.period_end.isoformat()} [dim](change {review.seq})[/]"
        )
        rows = [
            (f"{escape(answer.question)}\n  {escape(answer.answer) or '[dim]-[/]'}",)
            for answer in review.answers
        ]
        out.print(_grid(rows, indent=2))


def render_import(result: ImportResult) -> None:
    """Draw what ``roadmap import`` wrote and what to do next; on stderr when the curriculum
    itself went to stdout (``-o -``).
    """
    from rich.markup import escape

    out = (
        console() if result.path else printable_console()(stderr=True, highlight=False, emoji=False)
    )
    counts = (
        f"{_plural(result.phases, 'phase')}, {_plural(result.modules, 'module')}, "
        f"{_plural(result.items, 'item')}"
    )
    out.print(f"Imported {escape(result.source)} as [bold]{escape(result.slug)}[/]: {counts}.")
    marked = [f"{result.done} done"] if result.done else []
    marked += [f"{result.skipped} skipped"] if result.skipped else []
    if marked:
        out.print(f"The file marks {' and '.join(marked)}.")
    if result.checklist and result.other_lines:
        out.print(
            f"Only its '- [ ]' lines are items: {_plural(result.other_lines, 'other list line')} "
            "became topics, resources or descriptions, or were left out."
        )
    if result.path:
        verb = "Replaced" if result.replaced else "Written to"
        out.print(f"{verb} {escape(result.path)}", soft_wrap=True)  # whole, to copy
    if result.enrolled and result.start:
        recorded = f"{_plural(result.recorded_done, 'item')} recorded as done"
        if result.recorded_skipped:
            recorded += f", {result.recorded_skipped} as skipped"
        out.print(f"Enrolled from {result.start.isoformat()}; {recorded}.")
        out.print("Next: [bold]roadmap status[/] · [bold]roadmap next[/]")
    elif result.path:
        reference = result.slug if result.in_catalog else result.path
        out.print(f"Next: [bold]roadmap start {escape(reference)}[/]", soft_wrap=True)
        if result.done or result.skipped:
            out.print("(or import again with --progress --force to enroll with those marks)")
    else:
        out.print("Save it as a file, then check it: [bold]roadmap validate FILE[/]")
