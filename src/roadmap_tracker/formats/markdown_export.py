"""The Markdown checklist export of an enrollment: ``roadmap export --format markdown`` (read
from the session by :func:`roadmap_tracker.commands.exporting.export_markdown`).

:func:`export_markdown` gathers what the checklist shows of an enrollment
(:class:`ChecklistState`) and :func:`checklist_markdown` draws the curriculum as a
GitHub-flavoured checklist. ``#`` the curriculum's title, a progress line, a Mermaid gantt
chart of the plan (:mod:`roadmap_tracker.formats.markdown_gantt`; the import leaves it out
without a word), ``##`` per phase and
``###`` per module (stated duration and planned dates in parentheses), ``- [x]``/``- [ ]`` per
item, ``- [/]`` for one in progress (as Obsidian writes it), skipped items struck through
(``- [ ] ~~title~~ (skipped)``), a deliverable's kind in italics after its title, its
description as an indented paragraph below it, the learner's notes (``- Note: ...``) and the
evidence links of done items (``- Evidence: ...``) nested below it, and the resources of each
module and phase as Markdown links under a ``Resources:`` lead-in (a phase's right under its
heading, so that they stay the phase's). The import reads all of it back but the notes and
evidence: descriptions, resources and marks (``roadmap import --update`` records the marks).
Every phase, module and item carries its id in an HTML comment at the end of its line
(``<!-- id: m1/minimal-vit -->``), which GitHub does not show and which
the import (:mod:`roadmap_tracker.formats.markdown_import`) reads back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from roadmap_tracker.curriculum.model import Curriculum, Module, Phase, Resource
    from roadmap_tracker.plan.schedule import Plan, Window
    from roadmap_tracker.session import ActiveContext


@dataclass
class ChecklistState:
    """What the Markdown checklist shows of an enrollment besides the curriculum.

    ``done``, ``skipped`` and ``doing`` (in progress) are item ids; ``evidence`` the links
    attached to items (shown for done ones); ``notes`` the texts of the learner's notes on
    items (``roadmap note``, a check's ``--note``), by item id; ``windows`` the planned
    window of each planned module and phase by id; ``milestone_dates`` the planned day of
    each curriculum milestone; ``counts`` the (done, counted) numbers of the progress line;
    ``started`` the enrollment's first day.
    """

    as_of: dt.date
    done: frozenset[str] = frozenset()
    skipped: frozenset[str] = frozenset()
    evidence: Mapping[str, Sequence[str]] = field(default_factory=dict)
    doing: frozenset[str] = frozenset()
    notes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    windows: Mapping[str, Window] = field(default_factory=dict)
    milestone_dates: Mapping[str, dt.date] = field(default_factory=dict)
    counts: tuple[int, int] = (0, 0)
    started: dt.date | None = None


def export_markdown(
    context: ActiveContext, as_of: dt.date, pieces: ChecklistPieces | None = None
) -> str:
    """The enrollment ``context`` as of ``as_of`` as a Markdown checklist ready to paste
    into a GitHub README (see :func:`checklist_markdown`). ``pieces`` are the curriculum's
    :func:`checklist_pieces` (kept beside it in the cache): given, the context's curriculum may be
    an outline; not given, it must be the whole curriculum.

    Done means done by the end of ``as_of``; skipped items are those skipped now.
    """
    curriculum = context.curriculum
    done = context.done_by(as_of)
    evidence: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    last_day = as_of.toordinal()
    for recorded, entries in context.ledger.notes.items():
        current = curriculum.current_id(recorded)
        if current is None:
            continue
        for day, text, links, source in entries:
            if day <= last_day:
                kept = evidence.setdefault(current, [])
                kept.extend(link for link in links if link not in kept)
                # notes and check remarks; a skip's reason is the strike's, not a note
                if text and source in ("note", "check") and text not in notes.get(current, ()):
                    notes.setdefault(current, []).append(text)
    plan = context.plan
    state = ChecklistState(
        as_of=as_of,
        done=frozenset(done),
        skipped=frozenset(context.skipped),
        evidence=evidence,
        doing=frozenset(item for item in context.doing if item not in done),
        notes=notes,
        windows=_windows(plan),
        milestone_dates={m.id: m.date for m in plan.milestones},
        counts=context.counts(as_of),
        started=context.enrollment.started,
    )
    return checklist_markdown(curriculum, state, pieces)


class ChecklistPieces(NamedTuple):
    """What the checklist writes of a curriculum whatever the enrollment's state (see
    :func:`checklist_pieces`).

    ``items``: by item id, its lead-in (the section, or the checkpoint's title; None for
    none), its escaped title, its kind in italics (``" _(kind)_"``, or ``""``), its id
    comment, and its description's lines as one text (None for none). ``blocks``: by the
    first item id of each module, phase (its own items) and milestone, the number of its
    items and the text of its items when none is marked (no note, evidence or skip) and all
    are open, or all done.
    """

    items: dict[str, tuple[str | None, str, str, str, str | None]]
    blocks: dict[str, tuple[int, str, str]]


def checklist_pieces(curriculum: Curriculum, blocks: bool = True) -> ChecklistPieces:
    """:class:`ChecklistPieces` of the whole ``curriculum`` (not an outline; the blocks left
    out unless ``blocks``). They depend on the curriculum alone, so ``export`` keeps them
    beside it in the cache (:func:`roadmap_tracker.curriculum.catalog.derived`) and writes
    the checklist from its outline. Raises RuntimeError for an outline.
    """
    parts: list[Module | Phase] = [*curriculum.modules, *curriculum.phases]
    kinds = {d.id: d.kind for part in parts for d in part.deliverables}
    descriptions = {
        task.id: task.description
        for part in parts
        for task in (*part.tasks, *part.deliverables)
        if task.description
    }
    criteria = _checkpoint_titles(curriculum)
    table = curriculum.item_table
    items: dict[str, tuple[str | None, str, str, str, str | None]] = {}
    for position, item_id in enumerate(table.ids):
        kind = kinds.get(item_id)
        described = descriptions.get(item_id)
        items[item_id] = (
            table.sections[position] or criteria.get(item_id),
            _escape(table.titles[position]),
            f" _({kind})_" if kind else "",
            _id_comment(item_id),
            None if described is None else "\n".join(_description_lines(described)),
        )
    kept: dict[str, tuple[int, str, str]] = {}
    if blocks:
        spans = [*table.module_spans.values(), *table.phase_spans.values()]
        spans += table.milestone_spans.values()
        opened = ChecklistState(as_of=dt.date.min)
        finished = ChecklistState(as_of=dt.date.min, done=frozenset(table.ids))
        for start, stop in spans:
            ids = table.ids[start:stop]
            if ids:
                kept[ids[0]] = (
                    len(ids),
                    "\n".join(_items_block(ids, items, opened, frozenset())),
                    "\n".join(_items_block(ids, items, finished, frozenset())),
                )
    return ChecklistPieces(items, kept)


def _items_block(
    ids: Sequence[str],
    items: Mapping[str, tuple[str | None, str, str, str, str | None]],
    state: ChecklistState,
    marked: AbstractSet[str],
) -> list[str]:
    """The lines of the items ``ids`` (those of a module, phase or milestone) with the
    marks of ``state``; ``marked`` the items with notes, evidence shown or a skip."""
    done, doing = state.done, state.doing
    block: list[str] = []
    section: str | None = None
    for item_id in ids:
        lead, text, marker, id_comment, described = items[item_id]
        if lead != section:
            # a bold lead-in names the section; an empty comment ends the list before
            block += ["", f"**{_escape(lead)}**" if lead else "<!-- -->", ""]
            section = lead
        if item_id in marked:
            block += _item_lines(item_id, text, marker, id_comment, state)
        else:
            box = "- [x] " if item_id in done else "- [/] " if item_id in doing else "- [ ] "
            block.append(box + text + marker + id_comment)
        if described is not None:
            block.append(described)
    return block


def _windows(plan: Plan) -> dict[str, Window]:
    return {window.id: window for window in (*plan.phases, *plan.modules)}


def checklist_markdown(
    curriculum: Curriculum, state: ChecklistState, pieces: ChecklistPieces | None = None
) -> str:
    """``curriculum`` as a GitHub-flavoured Markdown checklist with the marks of ``state``.

    Every item of the curriculum is listed (those of modules outside the plan too, so that
    an import gives every id back, under headings marked ``not planned``: options not chosen,
    optional modules not included), in curriculum order: a phase's own items under a
    heading of their own after its modules, milestone items under ``## Milestones``. The
    progress line counts the planned items only (``state.counts``).

    ``pieces`` are ``curriculum``'s :func:`checklist_pieces`, computed from it when not given
    (it must then be the whole curriculum, not an outline); given, an outline will do.
    """
    lines = [f"# {_escape(curriculum.title)}", ""]
    if curriculum.subtitle:
        lines += [f"*{_escape(curriculum.subtitle)}*", ""]
    lines += [_progress_line(state), ""]
    if state.windows:
        from roadmap_tracker.formats.markdown_gantt import gantt_lines

        chart = gantt_lines(
            curriculum,
            state.as_of,
            state.windows,
            state.milestone_dates,
            done=state.done,
            skipped=state.skipped,
            doing=state.doing,
        )
        lines += [*chart, ""] if chart else []
    if pieces is None:
        pieces = checklist_pieces(curriculum, blocks=False)
    skipped, done, doing = state.skipped, state.done, state.doing
    marked = {*state.notes, *(item for item in state.evidence if item in done), *skipped}
    kept_items, blocks = pieces

    def items(ids: Sequence[str]) -> list[str]:
        kept = blocks.get(ids[0]) if ids else None
        if kept is not None and kept[0] == len(ids) and marked.isdisjoint(ids):
            if done.issuperset(ids):
                return [kept[2]]
            if done.isdisjoint(ids) and doing.isdisjoint(ids):
                return [kept[1]]
        return _items_block(ids, kept_items, state, marked)

    for phase in curriculum.phases:
        window = state.windows.get(phase.id)
        planned = window is not None or not state.windows
        meta = _meta(_phase_duration(phase), window, optional=phase.optional, planned=planned)
        lines += [f"## {_escape(phase.title)}{meta}{_id_comment(phase.id)}", ""]
        lines += _resource_lines(phase.resources)
        for module in phase.modules:
            window = state.windows.get(module.id)
            planned = window is not None or not state.windows
            duration = _singular(module.duration.text) if module.duration else None
            meta = _meta(duration, window, optional=module.optional, planned=planned)
            lines += [f"### {_escape(module.title)}{meta}{_id_comment(module.id)}", ""]
            lines += items(curriculum.item_ids_of(module.id))
            lines += ["", *_resource_lines(module.resources)]
        own = curriculum.phase_item_ids(phase.id)
        if own:
            lines += [f"### {_escape(phase.title)}: end of phase", ""]
            lines += [*items(own), ""]
    if curriculum.milestones:
        lines += ["## Milestones", ""]
        for milestone in curriculum.milestones:
            day = state.milestone_dates.get(milestone.id)
            when = f"at {_singular(milestone.offset.text)}"
            when += f", {day.isoformat()}" if day else ""
            lines += [f"### {_escape(milestone.title)} ({when}){_id_comment(milestone.id)}", ""]
            lines += [*items(curriculum.milestone_item_ids(milestone.id)), ""]
    if curriculum.resources:
        lines += ["## Resources", "", *_resource_lines(curriculum.resources, lead=False)]
    text = "\n".join(lines)
    # blank lines run together at most two deep (as re.sub(r"\n{3,}", "\n\n", text), which
    # took 8 ms on the 10,000 items' checklist: it stops at every newline; a run of 3 or
    # more shortens by a third a pass)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"


def _progress_line(state: ChecklistState) -> str:
    done, total = state.counts
    share = f"{100 * done / total:.0f}%" if total else "0%"
    parts = [f"**Progress:** {done}/{total} items done ({share}) as of {state.as_of.isoformat()}"]
    if state.skipped:
        parts.append(f"{len(state.skipped)} skipped")
    if state.started:
        parts.append(f"started {state.started.isoformat()}")
    return " · ".join(parts) + "."


def _checkpoint_titles(curriculum: Curriculum) -> dict[str, str]:
    """The title of the checkpoint each checkpoint item belongs to, by item id (the lead-in
    of checkpoint items, which have no section of their own).
    """
    titles: dict[str, str] = {}
    parts: list[Module | Phase] = [*curriculum.modules, *curriculum.phases]
    for part in parts:
        if part.checkpoint is not None:
            titles.update((c.id, part.checkpoint.title) for c in part.checkpoint.items)
    shared = curriculum.module_checkpoint
    if shared is not None:
        for module in curriculum.modules:
            prefix = f"{module.id}/{shared.id}/"
            titles.update((prefix + c.id, shared.title) for c in shared.items)
    return titles


def _singular(text: str) -> str:
    """``1 weeks`` as ``1 week`` (the model writes every unit in the plural)."""
    return re.sub(r"^1 (week|month)s$", r"1 \1", text)


def _phase_duration(phase: Phase) -> str | None:
    if phase.duration is not None:
        return _singular(phase.duration.text)
    if phase.weeks is not None:
        return f"weeks {phase.weeks.text}"
    return None


def _meta(
    duration: str | None, window: Window | None, *, optional: bool = False, planned: bool = True
) -> str:
    """The parenthesis after a phase's or module's title: what the import reads back as
    its duration and whether it is optional, with the planned dates (which it ignores).
    """
    parts = ["optional"] if optional else []
    if duration:
        parts.append(duration)
    if window is not None and window.start is not None:
        if window.end is not None:
            parts.append(f"{window.start.isoformat()} to {window.end.isoformat()}")
        else:
            parts.append(f"from {window.start.isoformat()}")
    elif not planned:
        parts.append("not planned")
    return f" ({', '.join(parts)})" if parts else ""


def _item_lines(
    item_id: str, text: str, marker: str, id_comment: str, state: ChecklistState
) -> list[str]:
    """An item's line (``text`` its escaped title) with its notes and, done, its evidence."""
    if item_id in state.skipped:
        line = f"- [ ] ~~{text}~~{marker} (skipped)"
    else:
        box = "x" if item_id in state.done else "/" if item_id in state.doing else " "
        line = f"- [{box}] {text}{marker}"
    lines = [line + id_comment]
    lines += [f"  - Note: {_escape(note)}" for note in state.notes.get(item_id, ())]
    if item_id in state.done:
        lines += [f"  - Evidence: {_link(link, link)}" for link in state.evidence.get(item_id, ())]
    return lines


def _description_lines(description: str | None) -> list[str]:
    """An item's description as paragraphs indented under its line (inside its list item,
    where the import folds them back into the description); its line breaks within a
    paragraph become spaces.
    """
    if not description:
        return []
    paragraphs = [p for p in re.split(r"\n\s*\n", description.strip()) if p.strip()]
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += ["", "  " + _escape(paragraph)]
    return [*lines, ""]


def _resource_lines(resources: Sequence[Resource], lead: bool = True) -> list[str]:
    if not resources:
        return []
    lines = ["Resources:", ""] if lead else []
    for resource in resources:
        title = _link(resource.title, resource.url) if resource.url else _escape(resource.title)
        lines.append(f"- {title} _({resource.kind})_")
    return [*lines, ""]


def _link(text: str, url: str) -> str:
    target = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):  # a path, not a URL
        target = "<" + target.replace("<", "%3C").replace(">", "%3E") + ">"
    return f"[{_escape(text)}]({target})"


def _id_comment(identifier: str) -> str:
    return f" <!-- id: {identifier} -->"


_ESCAPED = re.compile(r"([\\`*_\[\]<#~]|!(?=\[)|&(?=#?\w+;))")


def _escape(text: str) -> str:
    """``text`` as Markdown inline text that renders as written (one line)."""
    text = " ".join(text.split())
    if _ESCAPED.search(text) is None:  # most titles: nothing to escape
        return text
    return _ESCAPED.sub(r"\\\1", text)
