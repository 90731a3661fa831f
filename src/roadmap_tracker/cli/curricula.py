"""The commands that show curricula: ``list`` (the curricula you can enroll in) and
``show`` (a curriculum as a tree, or one item of yours).

Here are their declarations (the arguments, options and help Typer reads from each
``*_command`` function, which :data:`.app.COMMANDS` names) and the drawing of their views
(``render_*``), laid out by :mod:`.layout`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from roadmap_tracker.cli import layout, picker, render, terminal
from roadmap_tracker.cli.options import (
    AllOption,
    JsonOption,
    ModuleOption,
    NoPagerOption,
    PhaseOption,
    PlanOption,
    complete_item,
    complete_slug,
    make_session,
)
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.curricula import ListView
    from roadmap_tracker.commands.evidence import ItemDetail, PartDetail
    from roadmap_tracker.curriculum.model import Curriculum


def list_command(json_output: JsonOption = False) -> None:
    """List the curricula you can enroll in, with their length and number of items.

    Example: roadmap list
    """
    from roadmap_tracker.commands import curricula

    view = curricula.list_view(make_session())
    render.print_json(view) if json_output else render_list(view)


def complete_show(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Tab completion for 'roadmap show': slugs, then the items of your curriculum."""
    slugs = [(slug, "curriculum") for slug in complete_slug(incomplete)]
    return slugs + complete_item(ctx, incomplete)


def show_command(
    slug: Annotated[
        str | None,
        typer.Argument(
            help="Curriculum slug or path (default: yours), or an item of yours (id, end of "
            "an id or title words), or a module or phase id.",
            metavar="[SLUG|ITEM]",
            autocompletion=complete_show,
        ),
    ] = None,
    phase: PhaseOption = None,
    module: ModuleOption = None,
    every_candidate: AllOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show a curriculum as a tree (phases, modules, every item with its id), or one item
    with its state, dates, notes, evidence and resources, or a module or phase of your plan
    with its window, progress and items (also --module M, --phase P).

    Example: roadmap show advanced-ai (or an item: roadmap show attention-from-scratch; a
    module: roadmap show m1)
    """
    from roadmap_tracker.commands import evidence

    if phase is not None or module is not None:
        from roadmap_tracker.base.errors import RoadmapError

        if slug is not None or (phase is not None and module is not None):
            raise RoadmapError(
                "--phase and --module name the one part of your plan to show; give one, "
                "without another reference.",
                "Show a module: roadmap show --module m1 (or roadmap show m1).",
            )
        kind, reference = ("phase", phase) if phase is not None else ("module", module)
        assert reference is not None
        part = evidence.show_part(make_session(plan), kind, reference)
        if json_output:
            render.print_json(part)
        else:
            with terminal.paged(not no_pager):
                render_part(part)
        return

    def run(rewrite: Any) -> Any:
        named = None if slug is None else rewrite(slug)
        return evidence.show_target(make_session(plan), named, whole=json_output)

    shown = picker.with_picker(run, "show", plan, None, json_output, every_candidate)
    if isinstance(shown, evidence.ItemDetail | evidence.PartDetail):
        if json_output:
            render.print_json(shown)
            return
        with terminal.paged(not no_pager):
            if isinstance(shown, evidence.PartDetail):
                render_part(shown)
            else:
                render_item(shown)
        return
    curriculum, done, marks = shown
    if json_output:
        from roadmap_tracker.commands import curricula

        render.print_json(curricula.show_json(curriculum, done, marks))
    else:
        with terminal.paged(not no_pager):
            render_show(curriculum, done, marks)


LIST_TITLE_WIDTH = 20
"""The room the titles of ``roadmap list`` need (``Advanced AI Engineer``): when the other
columns at their natural widths leave less, the lengths wrap to :data:`LIST_LENGTH_WIDTH`
cells first (rich's Table would narrow titles and lengths alike: a word a line)."""

LIST_LENGTH_WIDTH = len("24 weeks, then")
"""How wide the Length column of ``roadmap list`` is drawn when the titles lack room."""


def _plain_lines(markup: str) -> list[str]:
    """The lines of a cell of ``roadmap list`` without its ``[dim]`` markup."""
    return markup.replace("[dim]", "").replace("[/]", "").split("\n")


def render_list(view: ListView) -> None:
    """Draw ``roadmap list``: one row per curriculum. A slug is never broken; its marks
    (``(yours, enrolled)``) follow it, unless that leaves the titles less than
    :data:`LIST_TITLE_WIDTH` cells: then they go below a slug longer than the others.
    Titles still short of room, the lengths wrap first.
    """
    width = terminal.console().width
    marked = {
        row.slug: ["yours"] * (row.origin == "user") + ["enrolled"] * row.enrolled
        for row in view.curricula
    }
    shown = {slug: f" ({', '.join(marks)})" if marks else "" for slug, marks in marked.items()}
    others = 3 * 3  # the columns but Title at their natural widths, 3 cells between
    others += max((len(row.duration) for row in view.curricula), default=0)
    others += max((len(str(row.tasks)) for row in view.curricula), default=0)
    inline = max((len(slug) + len(shown[slug]) for slug in shown), default=0)
    below = width - others - inline < LIST_TITLE_WIDTH
    longest = max((len(slug) for slug in shown), default=0)
    rows = []
    for row in view.curricula:
        said = shown[row.slug]
        under = below and len(row.slug) + len(said) > longest
        slug = row.slug + ("\n" if under else " ") + f"[dim]{said[1:]}[/]" if said else row.slug
        rows.append((slug, row.title, row.duration, str(row.tasks)))
    slug_width = max((len(line) for row in rows for line in _plain_lines(row[0])), default=0)
    narrow = width - others - slug_width < LIST_TITLE_WIDTH
    columns = (
        layout.Column("Slug", no_wrap=True),
        layout.Column("Title"),
        layout.Column("Length", max_width=LIST_LENGTH_WIDTH if narrow else None),
        layout.Column("Items", justify="right"),
    )
    terminal.print_lines(*layout.table(columns, rows), exact=True)
    terminal.console().print("Enroll with: [bold]roadmap start SLUG[/]")


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
    styled = terminal.colour(terminal.console())
    marks = marks or {}

    def facts(parts: list[str]) -> list[tuple[str, str]]:
        return [(" ", ""), (f"· {' · '.join(parts)}", "dim")] if parts else []

    def add_entry(branch: list[layout.TreeNode], entry_id: str, title: str, detail: str) -> None:
        """A choice group or a recurring activity: its id, title and details (dim)."""
        layout.tree_node(
            branch, *layout.label(styled, (entry_id, "cyan"), (f"  {title} ", ""), (detail, "dim"))
        )

    table = curriculum.item_table

    def add_items(branch: list[layout.TreeNode], span: tuple[int, int] | None) -> None:
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
                target = layout.tree_node(branch, *layout.label(styled, (item_section, "italic")))
            elif not item_section:
                target = branch
            section = item_section
            checked = item_id in done
            mark = "✓" if checked else _TREE_MARKS.get(marks.get(item_id, ""), "☐")
            shown_kind = "" if kind == "task" else f" ({kind})"
            rest = f" {item_id}  {title}{shown_kind}"
            styles: layout.Styles = ()
            if styled:
                found = [(0, 1, "green")] if checked else []
                found.append((2, 2 + len(item_id), "cyan"))
                if shown_kind:
                    found.append((len(rest) + 2 - len(shown_kind), len(rest) + 1, "dim"))
                styles = tuple(found)
            cells = 1 + (len(rest) if rest.isascii() else terminal.cell_len(rest))
            target.append(layout.TreeNode(mark + rest, cells, styles, ()))

    tree: list[layout.TreeNode] = []
    title = layout.label(styled, (curriculum.title, "bold"), (f" ({curriculum.slug})", ""))
    top = layout.tree_node(tree, *title)
    for phase in curriculum.phases:
        parts = [f"weeks {phase.weeks.text}"] if phase.weeks else []
        parts += [f"after {phase.after}"] if phase.after else []
        parts += [phase.duration.text] if phase.duration and not phase.weeks else []
        parts += ["optional"] if phase.optional else []
        label = layout.label(styled, (phase.id, "bold"), (f" {phase.title}", ""), *facts(parts))
        branch = layout.tree_node(top, *label)
        for module in phase.modules:
            parts = [module.duration.text] if module.duration else []
            parts += [module.level] if module.level else []
            parts += ["optional"] if module.optional else []
            group = curriculum.choice_of.get(module.id)
            if group is not None:
                parts.append(f"option of {group.id} (pick {group.pick})")
            if module.prerequisites:
                parts.append("after " + ", ".join(module.prerequisites))
            label = layout.label(
                styled, (module.id, "bold"), (f" {module.title}", ""), *facts(parts)
            )
            add_items(layout.tree_node(branch, *label), table.module_spans.get(module.id))
        add_items(branch, table.phase_spans.get(phase.id))
    if curriculum.choices:
        choices = layout.tree_node(top, *layout.label(styled, ("Choices", "bold")))
        for group in curriculum.choices:
            options = ", ".join(group.options)
            add_entry(choices, group.id, group.title, f"· pick {group.pick} of: {options}")
    if curriculum.milestones:
        milestones = layout.tree_node(top, *layout.label(styled, ("Milestones", "bold")))
        for milestone in curriculum.milestones:
            label = layout.label(
                styled,
                (milestone.id, "bold"),
                (f" {milestone.title}", ""),
                *facts([f"{milestone.offset.text} after the start"]),
            )
            add_items(layout.tree_node(milestones, *label), table.milestone_spans.get(milestone.id))
    if curriculum.recurring:
        routines = layout.tree_node(top, *layout.label(styled, ("Recurring", "bold")))
        for activity in curriculum.recurring:
            times = f" {activity.times.text} {activity.unit or 'times'}" if activity.times else ""
            add_entry(routines, activity.id, activity.title, f"·{times} {activity.cadence}")
    terminal.print_lines(*layout.draw_tree(tree[0]))


_STATE_TEXT = {"done": "done", "doing": "in progress since", "skipped": "skipped", "open": "open"}


def render_item(view: ItemDetail) -> None:
    """Draw ``roadmap show ITEM``: the item, its state and dates, notes, evidence, resources."""
    out = terminal.console()
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
        rows.append(
            ("Planned", f"{render.date(view.planned_start)} to {render.date(view.planned_end)}")
        )
    if view.hours:
        rows.append(("Logged", f"{view.hours:g} h"))
    out.print(layout.grid(rows))
    if view.notes:
        out.print("[bold]Notes and evidence[/]")
        note_rows: list[tuple[str, ...]] = []
        for note in view.notes:
            lines = [escape(note.text)] if note.text else []
            lines += [f"[cyan]{escape(link)}[/]" for link in note.links]
            source = "" if note.source == "note" else f" [dim]({note.source})[/]"
            note_rows.append((f"{note.on}", "\n".join(lines) + source))
        out.print(layout.grid(note_rows, indent=2))
    else:
        out.print(f'[dim]No notes yet: roadmap note {view.id} "TEXT" --link URL[/]')
    if view.resources:
        out.print("[bold]Resources[/]")
        res_rows = [
            ("·", escape(r.title) + (f"\n[cyan]{escape(r.url)}[/]" if r.url else ""))
            for r in view.resources
        ]
        out.print(layout.grid(res_rows, indent=2))


_PART_MARKS = {"done": "✓", "doing": "▶", "skipped": "⤼", "open": "☐"}
"""An item's mark in ``roadmap show MODULE`` and ``show PHASE``, as in the tree."""


def render_part(view: PartDetail) -> None:
    """Draw ``roadmap show MODULE`` or ``show PHASE``: its title and place, planned window,
    progress, a phase's modules (window and done/total) and the items with their states.
    """
    out = terminal.console()
    out.print(f"[bold]{escape(view.title)}[/]")
    place = f" of {view.phase}" if view.phase else ""
    out.print(f"[cyan]{view.id}[/] · {view.kind}{place}")
    if not view.planned:
        planned = "not in your plan"
    elif view.start is None:
        planned = "no dates (no duration)"
    else:
        planned = f"{render.date(view.start)} to {render.date(view.end)}"
        if view.latest_end and view.latest_end != view.end:
            planned += f" (latest {render.date(view.latest_end)})"
    rows = [("Planned", planned), ("Done", f"{view.done} of {view.total} items")]
    out.print(layout.grid(rows))
    if view.modules:
        out.print("[bold]Modules[/]")
        module_rows = []
        for m in view.modules:
            if not m.planned:
                window = "not in your plan"
            elif m.start is None:
                window = "no dates"
            else:
                window = f"{render.date(m.start)} to {render.date(m.end)}"
            module_rows.append(
                (f"{m.done}/{m.total}", f"{escape(m.title)}\n[cyan]{m.id}[/] · {window}")
            )
        out.print(layout.grid(module_rows, indent=2))
    if view.items:
        out.print("[bold]Items[/]" if view.kind == "module" else "[bold]Its own items[/]")
        item_rows = []
        for item in view.items:
            kind = "" if item.kind == "task" else f" [dim]({item.kind})[/]"
            state = _STATE_TEXT[item.state]
            when = f" · {state} {item.state_on}" if item.state_on else ""
            item_rows.append(
                (_PART_MARKS[item.state], f"{escape(item.title)}{kind}\n[cyan]{item.id}[/]{when}")
            )
        out.print(layout.grid(item_rows, indent=2))
