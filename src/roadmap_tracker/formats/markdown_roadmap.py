"""Markdown roadmaps: the checklist export of an enrollment, and the import of a Markdown
roadmap into a curriculum.

**Export** (:func:`export_markdown`, drawn by :func:`checklist_markdown`; for ``roadmap export``:
:func:`roadmap_tracker.commands.exporting.export_markdown`): the curriculum as a
GitHub-flavoured checklist. ``#`` the curriculum's title, a progress line, ``##`` per phase and
``###`` per module (stated duration and planned dates in parentheses), ``- [x]``/``- [ ]`` per
item, skipped items struck through (``- [ ] ~~title~~ (skipped)``), a deliverable's kind in
italics after its title, evidence links of done items below them, and the resources of each
module and phase as Markdown links. Every phase, module and item carries its id in an HTML
comment at the end of its line (``<!-- id: m1/minimal-vit -->``), which GitHub does not show
and which the import reads back.

**Import** (:func:`parse_roadmap`, for ``roadmap import``:
:func:`roadmap_tracker.commands.importing.import_markdown`): the token stream of
markdown-it-py (CommonMark with tables and strikethrough) becomes phases, modules and tasks.
A file nested deeper than :data:`MAX_MARKDOWN_NESTING` (lists, block quotes, emphasis) is
refused whole, and so is one whose curriculum would be over ``catalog.MAX_CURRICULUM_BYTES``;
the text of headings and items is read in time linear in its length.

- The first heading is the title when it stands at the shallowest level and holds no items
  itself (or is the only heading of its level).
- Phases are the headings of one level, the first of these that exists: the shallowest
  level with headings that hold items and carry id comments (a file ``roadmap export``
  wrote); the shallowest level where at least two headings that hold items are named like
  ``Phase 1``/``Step 2``/``Part 3`` (also Stage, Level, Week, Month, Quarter, Year, Sprint),
  or one is and no shallower heading holds items; the shallowest level where at least two
  headings hold items; the shallowest that holds any.
  Headings above that level group the phases (``Phase.group``); items directly under them
  form a phase of their own. The headings directly inside a phase are its modules; items
  directly under a phase heading go into a module of its own (id ``<phase>/tasks``); deeper
  headings and short bold or colon-ended lead-in paragraphs become the items' ``section``.
- Items: when the file has any ``- [ ]``/``- [x]`` line, exactly those lines are the items
  (nested checkboxes are items of their own; other nested lines fold into the description)
  and the other lists become resources (under a "Resources" heading or lead-in, or when they
  hold links), objectives (under "Objectives"/"Outcomes") or topics. A file without
  checkboxes is a plain list roadmap: each top-level bulleted or numbered item is a task,
  its nested items fold into its description. Lists of in-page links (tables of contents)
  are left out either way, and so are items that are one link (resources).
- Durations in headings (``(2-3 months)``, ``(Weeks 1-4)``, ``- 10-12 weeks``, ``(Ongoing)``)
  or in a ``Duration:`` line under them become the phase's or module's duration; a module
  without one takes the sum of its sub-headings' durations. A phase's duration is kept only
  when none of its modules states one (the plan shares it among them). ``(Optional)`` makes
  a module optional.
- Ids: ``<!-- id: ... -->`` comments win; other ids are the slugified titles under their
  parent's id (``phase-1-foundations/linear-algebra/vectors-and-matrices``), each part at
  most 32 characters, made unique with ``-2``, ``-3`` in file order. The same file gives
  the same ids.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, get_args

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.curriculum.catalog import MAX_CURRICULUM_BYTES
from roadmap_tracker.curriculum.durations import Duration
from roadmap_tracker.curriculum.model import ID_PATTERN, DeliverableKind, ResourceKind

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from roadmap_tracker.curriculum.model import Curriculum, Module, Phase, Resource
    from roadmap_tracker.plan.schedule import Plan, Window
    from roadmap_tracker.session import ActiveContext

ID_PART_LENGTH = 32
"""The longest part of a generated id (the slug of one title), in characters."""
DELIVERABLE_KINDS: tuple[str, ...] = get_args(DeliverableKind)
"""The kinds of deliverable the curriculum format knows (``model.DeliverableKind``)."""
RESOURCE_KINDS: tuple[str, ...] = get_args(ResourceKind)
"""The kinds of resource the curriculum format knows (``model.ResourceKind``)."""
MAX_MARKDOWN_NESTING = 64
"""How deep the import follows Markdown: each list, list item, block quote, paragraph and
emphasis counts a level (a list nested in a list item is two levels deeper). The example
roadmaps reach 11; a file that goes deeper is refused, rather than read in part.
"""

# --------------------------------------------------------------------------------------------
# Export


@dataclass
class ChecklistState:
    """What the Markdown checklist shows of an enrollment besides the curriculum.

    ``done`` and ``skipped`` are item ids; ``evidence`` the links attached to items (shown
    for done ones); ``windows`` the planned window of each planned module and phase by id;
    ``milestone_dates`` the planned day of each curriculum milestone; ``counts`` the
    (done, counted) numbers of the progress line; ``started`` the enrollment's first day.
    """

    as_of: dt.date
    done: frozenset[str] = frozenset()
    skipped: frozenset[str] = frozenset()
    evidence: Mapping[str, Sequence[str]] = field(default_factory=dict)
    windows: Mapping[str, Window] = field(default_factory=dict)
    milestone_dates: Mapping[str, dt.date] = field(default_factory=dict)
    counts: tuple[int, int] = (0, 0)
    started: dt.date | None = None


def export_markdown(context: ActiveContext, as_of: dt.date) -> str:
    """The enrollment ``context`` (its whole curriculum) as of ``as_of`` as a Markdown
    checklist ready to paste into a GitHub README (see :func:`checklist_markdown`).

    Done means done by the end of ``as_of``; skipped items are those skipped now.
    """
    curriculum = context.curriculum
    done = context.done_by(as_of)
    evidence: dict[str, list[str]] = {}
    last_day = as_of.toordinal()
    for recorded, entries in context.ledger.notes.items():
        current = curriculum.current_id(recorded)
        if current is None:
            continue
        for day, _text, links, _source in entries:
            if day <= last_day:
                kept = evidence.setdefault(current, [])
                kept.extend(link for link in links if link not in kept)
    plan = context.plan
    state = ChecklistState(
        as_of=as_of,
        done=frozenset(done),
        skipped=frozenset(context.skipped),
        evidence=evidence,
        windows=_windows(plan),
        milestone_dates={m.id: m.date for m in plan.milestones},
        counts=context.counts(as_of),
        started=context.enrollment.started,
    )
    return checklist_markdown(curriculum, state)


def _windows(plan: Plan) -> dict[str, Window]:
    return {window.id: window for window in (*plan.phases, *plan.modules)}


def checklist_markdown(curriculum: Curriculum, state: ChecklistState) -> str:
    """``curriculum`` as a GitHub-flavoured Markdown checklist with the marks of ``state``.

    Every item of the curriculum is listed (those of modules outside the plan too, so that
    an import gives every id back), in curriculum order: a phase's own items under a
    heading of their own after its modules, milestone items under ``## Milestones``.
    """
    lines = [f"# {_escape(curriculum.title)}", ""]
    if curriculum.subtitle:
        lines += [f"*{_escape(curriculum.subtitle)}*", ""]
    lines += [_progress_line(state), ""]
    parts: list[Module | Phase] = [*curriculum.modules, *curriculum.phases]
    kinds = {d.id: d.kind for part in parts for d in part.deliverables}
    criteria = _checkpoint_titles(curriculum)

    def items(ids: Iterable[str]) -> list[str]:
        block: list[str] = []
        section: str | None = None
        for item_id in ids:
            item = curriculum.item(item_id)
            lead = item.section or criteria.get(item.id)
            if lead != section:
                # a bold lead-in names the section; an empty comment ends the list before
                block += ["", f"**{_escape(lead)}**" if lead else "<!-- -->", ""]
            section = lead
            block += _item_lines(item.id, item.title, kinds.get(item.id), state)
        return block

    for phase in curriculum.phases:
        meta = _meta(_phase_duration(phase), state.windows.get(phase.id), optional=phase.optional)
        lines += [f"## {_escape(phase.title)}{meta}{_id_comment(phase.id)}", ""]
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
        lines += _resource_lines(phase.resources)
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
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n"


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
    elif not planned and not optional:
        parts.append("not planned")
    return f" ({', '.join(parts)})" if parts else ""


def _item_lines(item_id: str, title: str, kind: str | None, state: ChecklistState) -> list[str]:
    text = _escape(title)
    marker = f" _({kind})_" if kind else ""
    if item_id in state.skipped:
        line = f"- [ ] ~~{text}~~{marker} (skipped)"
    else:
        box = "x" if item_id in state.done else " "
        line = f"- [{box}] {text}{marker}"
    lines = [line + _id_comment(item_id)]
    if item_id in state.done:
        lines += [f"  - Evidence: {_link(link, link)}" for link in state.evidence.get(item_id, ())]
    return lines


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
    return _ESCAPED.sub(r"\\\1", " ".join(text.split()))


# --------------------------------------------------------------------------------------------
# Reading Markdown


@dataclass
class _Inline:
    """The visible text of an inline run, with what the import reads from its markup."""

    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    marker_id: str | None = None
    struck: bool = False
    emphasized: list[str] = field(default_factory=list)
    plain_outside_emphasis: bool = False


@dataclass
class _Entry:
    """One list item: its first paragraph, checkbox, nested items and further text."""

    text: str
    raw: str
    line: int
    box: str | None = None
    inline: _Inline = field(default_factory=_Inline)
    children: list[_Entry] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


@dataclass
class _Block:
    """A block directly under a heading: a paragraph (``inline``), a list (``entries``) or
    something else (a table, code, a rule), which ends a lead-in.
    """

    kind: str
    inline: _Inline | None = None
    entries: list[_Entry] = field(default_factory=list)


@dataclass
class _Section:
    """A heading and what stands under it up to the next heading, with its sub-headings."""

    level: int
    title: str
    line: int
    marker_id: str | None = None
    blocks: list[_Block] = field(default_factory=list)
    children: list[_Section] = field(default_factory=list)
    parent: _Section | None = None
    content: _Content | None = None

    def walk(self) -> Iterator[_Section]:
        """This section and every section below it, in file order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ParsedTask:
    """A checkable item read from Markdown: ``box`` is ``x`` (done), `` `` (open) or None
    (a list item without a checkbox); ``skipped`` for a struck-through ``(skipped)`` one;
    ``kind`` a deliverable's kind.
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


@dataclass
class _Content:
    tasks: list[ParsedTask] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    topics: list[tuple[str, list[str]]] = field(default_factory=list)
    duration: Duration | None = None
    optional: bool = False


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
class ParsedRoadmap:
    """What :func:`parse_roadmap` read: the title, the phases and the curriculum-wide
    resources and objectives (of sections that hold no items), ``list_items`` the number of
    list items in the file (0: not a roadmap), ``checklist`` whether it has checkboxes (then
    only those are items).
    """

    title: str | None
    phases: list[ParsedPhase]
    resources: list[dict[str, Any]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    list_items: int = 0
    checklist: bool = False

    @property
    def tasks(self) -> list[ParsedTask]:
        """Every item, in file order of phases and modules."""
        return [t for p in self.phases for m in p.modules for t in m.tasks]


def _markdown() -> Any:
    from markdown_it import MarkdownIt

    # markdown-it stops reading blocks nested maxNesting deep (20 in its CommonMark preset)
    # and drops the rest without a word; a little above our own limit, it never does
    options = {"maxNesting": MAX_MARKDOWN_NESTING + 2}
    return MarkdownIt("commonmark", options).enable(["table", "strikethrough"])


def _tree(text: str, source: str) -> SyntaxTreeNode:
    """The syntax tree of ``text``; a file that is one fenced ``markdown`` block (as chat
    answers are pasted) is read from inside the fence. Raises RoadmapError, naming
    ``source``, when the text nests deeper than MAX_MARKDOWN_NESTING.
    """
    from markdown_it.tree import SyntaxTreeNode

    parser = _markdown()
    tree = SyntaxTreeNode(_shallow_tokens(parser.parse(text), source, 0))
    if not any(node.type in ("bullet_list", "ordered_list") for node in tree.walk()):
        fences = [
            node
            for node in tree.children
            if node.type == "fence" and node.info.strip().lower() in ("markdown", "md")
        ]
        if fences:
            inner = "\n\n".join(fence.content for fence in fences)
            # a line of the fenced text stands one line below its fence's opening line
            first = fences[0].map[0] + 1 if fences[0].map else 0
            tree = SyntaxTreeNode(_shallow_tokens(parser.parse(inner), source, first))
    return tree


def _shallow_tokens(tokens: list[Any], source: str, offset: int) -> list[Any]:
    """``tokens``, when neither they nor the inline tokens inside them nest deeper than
    MAX_MARKDOWN_NESTING (a syntax tree of them is built by recursion); else RoadmapError
    naming ``source`` and the line (``offset`` lines into the file).
    """
    pending: list[tuple[list[Any], int, int]] = [(tokens, 0, 1)]
    while pending:
        level_tokens, base, line = pending.pop()
        for token in level_tokens:
            if token.map:
                line = token.map[0] + 1 + offset
            if base + token.level > MAX_MARKDOWN_NESTING:
                raise RoadmapError(
                    f"{source} nests lists, block quotes or emphasis more than "
                    f"{MAX_MARKDOWN_NESTING} deep at line {line}; nothing was written.",
                    "A roadmap needs a few levels; check that you named the right file.",
                )
            if token.children:
                pending.append((token.children, base + token.level + 1, line))
    return tokens


_ID_COMMENT = re.compile(r"^<!--\s*id:\s*(\S+?)\s*-->$")


def _inline(node: SyntaxTreeNode | None) -> _Inline:
    """The visible text of an ``inline`` node (links as their text, images as their alt
    text, line breaks as spaces) with its links, id comment and strikethrough.
    """
    found = _Inline()
    if node is None:
        return found
    parts: list[str] = []
    outside: list[str] = []

    def visit(current: SyntaxTreeNode, emphasis: bool) -> str:
        kind = current.type
        if kind in ("text", "code_inline"):
            text = current.content
        elif kind in ("softbreak", "hardbreak"):
            text = " "
        elif kind == "html_inline":
            match = _ID_COMMENT.match(current.content.strip())
            if match and found.marker_id is None:
                found.marker_id = match[1]
            return ""
        else:
            inner = kind in ("strong", "em")
            text = "".join(visit(child, emphasis or inner) for child in current.children)
            if kind == "link":
                found.links.append((" ".join(text.split()), str(current.attrs.get("href", ""))))
            elif kind == "s":
                found.struck = True
            elif kind == "em":
                found.emphasized.append(" ".join(text.split()))
            return text
        if not emphasis:
            outside.append(text)
        return text

    for child in node.children:
        parts.append(visit(child, False))
    found.text = " ".join("".join(parts).split())
    found.plain_outside_emphasis = bool("".join(outside).strip())
    return found


def _first_inline(node: SyntaxTreeNode) -> SyntaxTreeNode | None:
    for child in node.children:
        if child.type == "inline":
            return child
    return None


_BOX = re.compile(r"^\[([ xX])\](?:\s+|$)")


def _entries(list_node: SyntaxTreeNode) -> list[_Entry]:
    """The items of a bulleted or numbered list, with their nested lists."""
    entries: list[_Entry] = []
    for item in list_node.children:
        entry = _Entry(text="", raw="", line=(item.map[0] + 1) if item.map else 0)
        first = True
        for block in item.children:
            if block.type == "paragraph":
                inline_node = _first_inline(block)
                inline = _inline(inline_node)
                if first:
                    entry.inline, entry.text = inline, inline.text
                    entry.raw = inline_node.content if inline_node is not None else ""
                elif inline.text:
                    entry.extra.append(inline.text)
            elif block.type in ("bullet_list", "ordered_list"):
                entry.children += _entries(block)
            first = False
        box = _BOX.match(entry.raw)
        if box:
            entry.box = "x" if box[1] in "xX" else " "
            entry.text = re.sub(r"^\[[ xX]\]\s*", "", entry.text)
        entries.append(entry)
    return entries


def _sections(tree: SyntaxTreeNode) -> _Section:
    """The headings of the document as a tree under a root (level 0) that holds what comes
    before the first heading.
    """
    root = _Section(level=0, title="", line=1)
    stack = [root]

    def add(node: SyntaxTreeNode) -> None:
        current = stack[-1]
        if node.type == "heading":
            level = int(node.tag[1:])
            inline = _inline(_first_inline(node))
            line = (node.map[0] + 1) if node.map else 0
            while stack[-1].level >= level:
                stack.pop()
            section = _Section(
                level, inline.text, line, marker_id=inline.marker_id, parent=stack[-1]
            )
            stack[-1].children.append(section)
            stack.append(section)
        elif node.type == "paragraph":
            current.blocks.append(_Block("paragraph", inline=_inline(_first_inline(node))))
        elif node.type in ("bullet_list", "ordered_list"):
            current.blocks.append(_Block("list", entries=_entries(node)))
        elif node.type == "blockquote":
            for child in node.children:
                add(child)
        else:
            current.blocks.append(_Block("other"))

    for node in tree.children:
        add(node)
    return root


# --------------------------------------------------------------------------------------------
# Durations and titles

_DASH = r"(?:-|\u2013|\u2014|to)"
_NUM = r"\d+(?:\.\d+)?"
_DURATION_TEXT = (
    r"~?\s*(?:(?P<ongoing>ongoing)"
    r"|(?P<every>every\s+(?:\d+\s+)?(?:weeks?|months?))"
    rf"|weeks?\s+(?P<first>\d+)\s*{_DASH}\s*(?P<last>\d+)"
    rf"|(?P<span>{_NUM}(?:\s*{_DASH}\s*{_NUM})?\s*(?:weeks?|months?)))"
)
_DURATION = re.compile(_DURATION_TEXT, re.IGNORECASE)
# Read by split_heading only from a text whose spaces are single and whose end is not one,
# and matched only once or twice per heading: linear in the heading's length.
_TRAILING_DURATION = re.compile(
    rf"^(?P<title>.*?\S)(?:\s+[-\u2013\u2014|]\s+|\s*[:,]\s*)(?P<inner>{_DURATION_TEXT})\s*$",
    re.IGNORECASE,
)
_DATE = r"\d{4}-\d{2}-\d{2}"
_IGNORED_PART = re.compile(
    rf"^(?:{_DATE}\s*(?:to|-|\u2013)\s*{_DATE}|(?:from|until|by)\s+{_DATE}|{_DATE}"
    rf"|not planned|at\s+{_NUM}\s*(?:weeks?|months?))$",
    re.IGNORECASE,
)
_DURATION_LABEL = re.compile(r"\bduration\s*:\s*(?P<rest>.+)$", re.IGNORECASE)


def duration_of(text: str, anywhere: bool = False) -> Duration | None:
    """The duration ``text`` states: ``2-3 months``, ``~10-12 weeks``, ``Weeks 1-4`` (four
    weeks), ``Ongoing``, ``every 3 months``; None when it states none. With ``anywhere``
    the duration may be followed by other words (``Weeks 1-8 (Post-Roadmap)``).
    """
    # single spaces: no run of them for the pattern's \s* to try at every length
    match = (_DURATION.match if anywhere else _DURATION.fullmatch)(" ".join(text.split()))
    if not match:
        return None
    if match["ongoing"]:
        return Duration.parse("ongoing")
    if match["every"]:
        return Duration.parse(match["every"])
    if match["first"]:
        first, last = int(match["first"]), int(match["last"])
        if last < first or first < 1:
            return None
        return Duration.parse(f"{last - first + 1} weeks")
    span = re.sub(r"\s*(?:\u2013|\u2014|to)\s*", "-", match["span"])
    try:
        return Duration.parse(span)
    except ValueError:
        return None


def split_heading(text: str) -> tuple[str, Duration | None, bool]:
    """A heading's title without the duration, planned dates and ``(optional)`` written after
    it, with the duration and whether it said optional: ``Phase 1: Basics (2-3 months)`` ->
    ``("Phase 1: Basics", 2-3 months, False)``. Parentheses that say anything else stay.
    Runs of spaces in the title become one. Time linear in the length of ``text``, however
    many parentheses it ends with.
    """
    title = " ".join(text.split())
    end = len(title)  # the title is title[:end]; what stood after it has been read
    duration: Duration | None = None
    optional = False
    while True:
        paren = _last_parenthesis(title, end)
        if paren is not None and paren[0] > 0:
            before, inner = paren
            parts = [part.strip() for part in re.split(r"[,;]", inner) if part.strip()]
            found: list[Duration] = []
            recognised = bool(parts)
            for part in parts:
                stated = duration_of(part)
                if stated is not None:
                    found.append(stated)
                elif part.lower() == "optional":
                    optional = True
                elif not _IGNORED_PART.match(part):
                    recognised = False
            if recognised:
                duration = duration or (found[0] if found else None)
                end = before
                continue
        if duration is None:  # a duration after a dash or colon, read at most once
            trailing = _TRAILING_DURATION.match(title, 0, end)
            if trailing:
                stated = duration_of(trailing["inner"])
                if stated is not None:
                    duration, end = stated, trailing.end("title")
                    continue
        return title[:end], duration, optional


def _last_parenthesis(text: str, end: int) -> tuple[int, str] | None:
    """When ``text[:end]`` ends in ``(inner)`` with no parenthesis inside: where the text
    before it ends (spaces before the ``(`` left out) and ``inner``; else None. Reads from
    the end, only as far back as the ``(``: no regular expression, whose match would have
    to start at the beginning of the text.
    """
    if end < 2 or text[end - 1] != ")":
        return None
    opening = text.rfind("(", 0, end - 1)
    if opening < 0 or text.find(")", opening + 1, end - 1) >= 0:
        return None
    before = opening
    while before > 0 and text[before - 1].isspace():
        before -= 1
    return before, text[opening + 1 : end - 1]


def _kind_at_end(text: str, kinds: Sequence[str]) -> tuple[str, str] | None:
    """``text`` ending in ``(kind)`` with one of ``kinds`` in any case (``Build a
    portfolio (Report)``): the title before it and the kind as written; else None.
    """
    paren = _last_parenthesis(text, len(text))
    if paren is None or paren[1].casefold() not in kinds:
        return None
    return text[: paren[0]], paren[1]


def slugify(text: str, limit: int = ID_PART_LENGTH) -> str:
    """``text`` as lowercase ASCII words joined by ``-``, at most ``limit`` characters (cut
    at a word boundary when there is one, without a dangling "of", "the", "from"...); empty
    when nothing is left.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit]
        words = (cut.rsplit("-", 1)[0] if "-" in cut and slug[limit] != "-" else cut).split("-")
        while len(words) > 1 and words[-1] in _TRAILING_WORDS:
            words.pop()  # "build-a-neural-network-from" reads better without "from"
        slug = "-".join(words)
    return slug.strip("-")


_TRAILING_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the"}
    | {"to", "with", "without"}
)
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
    }
)
"""Letters that NFKD does not take apart into ASCII."""


# --------------------------------------------------------------------------------------------
# Classifying list items

_RESOURCE_WORDS = re.compile(
    r"\b(resources?|references|reading list|further reading|bibliography)\b", re.IGNORECASE
)
_OBJECTIVE_WORDS = re.compile(r"\b(objectives?|outcomes?)\b", re.IGNORECASE)
_PHASE_WORDS = re.compile(
    r"^\W*(phase|stage|step|part|level|week|month|quarter|year|sprint)s?\s*"
    r"(\d+|[ivxlc]+\b)",
    re.IGNORECASE,
)


def _is_external(url: str) -> bool:
    return bool(re.match(r"^(https?|ftp)://", url, re.IGNORECASE))


def _is_navigation(entry: _Entry) -> bool:
    """An item that is only a link inside the page (a table of contents line); never a
    checkbox line, which is always an item.
    """
    if entry.box is not None:
        return False
    links = entry.inline.links
    own = len(links) == 1 and links[0][1].startswith("#") and entry.text == links[0][0]
    return (own or not entry.text) and all(_is_navigation(c) for c in entry.children)


def _label(entry: _Entry) -> bool:
    """An item that only introduces its nested items (``Papers:``)."""
    return entry.text.endswith(":") and bool(entry.children)


def _lead_in(inline: _Inline) -> str | None:
    """The text of a paragraph that introduces what follows (``**Resources:**``, ``Additional
    topics:``), or None for an ordinary paragraph.
    """
    text = inline.text
    if not text or len(text) > 120:
        return None
    if not inline.plain_outside_emphasis or text.endswith(":"):
        return text.rstrip(":").strip() or None
    return None


def _described(entries: Sequence[_Entry], depth: int = 0) -> list[str]:
    """Nested items as indented ``- text`` lines (a folded description)."""
    lines: list[str] = []
    for entry in entries:
        box = f"[{entry.box}] " if entry.box else ""
        lines.append("  " * depth + "- " + box + entry.text)
        lines += ["  " * (depth + 1) + more for more in entry.extra]
        lines += _described(entry.children, depth + 1)
    return lines


def _resource(
    text: str, links: Sequence[tuple[str, str]], kind: str | None = None
) -> dict[str, Any]:
    external = [(title, url) for title, url in links if _is_external(url)]
    title = text
    end = _kind_at_end(title, RESOURCE_KINDS)
    if end and kind is None:
        title, kind = end[0], end[1].lower()
    url = None
    if external:
        link_title, url = external[0]
        if title.startswith(link_title) or not title:
            title = link_title if len(title) - len(link_title) < 3 else title
    resource: dict[str, Any] = {"title": title.rstrip(":").strip() or url or "Resource"}
    resource["kind"] = kind or _resource_kind(resource["title"], url)
    if url:
        resource["url"] = url
    return resource


def _resource_kind(title: str, url: str | None) -> str:
    target = (url or "").lower()
    words = title.lower()
    if "youtube.com" in target or "youtu.be" in target or "youtube" in words:
        return "video"
    if "arxiv.org" in target or "doi.org" in target or "paper" in words:
        return "paper"
    if any(site in target for site in ("coursera", "udemy", "edx.org", "course")) or (
        "course" in words
    ):
        return "course"
    if "book" in words:
        return "book"
    return "site" if url else "other"


class _Reader:
    """Sorts a section's lists into tasks, resources, objectives and topics."""

    def __init__(self, checklist: bool) -> None:
        self.checklist = checklist

    def content(self, section: _Section, resource_context: bool) -> _Content:
        content = _Content()
        lead: str | None = None
        for block in section.blocks:
            if block.kind == "paragraph" and block.inline is not None:
                lead = _lead_in(block.inline)
                match = _DURATION_LABEL.search(block.inline.text)
                if match and content.duration is None:
                    content.duration = duration_of(match["rest"], anywhere=True)
            elif block.kind == "list":
                if all(_is_navigation(entry) for entry in block.entries):
                    continue
                resources = resource_context or bool(lead and _RESOURCE_WORDS.search(lead))
                objectives = bool(lead and _OBJECTIVE_WORDS.search(lead))
                self._entries(content, block.entries, lead, resources, objectives)
            else:
                lead = None
        return content

    def _entries(
        self,
        content: _Content,
        entries: Sequence[_Entry],
        lead: str | None,
        resources: bool,
        objectives: bool,
    ) -> None:
        topic: list[str] = []
        for entry in entries:
            if _is_navigation(entry):
                continue
            label = _DURATION_LABEL.match(entry.text)
            if entry.box is None and label:
                content.duration = content.duration or duration_of(label["rest"], anywhere=True)
                continue
            if entry.box is not None:
                self._task(content, entry, lead)
            elif self.checklist or resources or objectives or self._link_only(entry):
                self._not_task(content, entry, lead, resources, objectives, topic)
            else:
                self._task(content, entry, lead)
        if topic:
            content.topics.append((lead or "Topics", topic))

    def _link_only(self, entry: _Entry) -> bool:
        """A plain item that is one link to another page: a resource, not a task."""
        links = [link for link in entry.inline.links if _is_external(link[1])]
        return len(links) == 1 and entry.text.startswith(links[0][0]) and not entry.children

    def _task(self, content: _Content, entry: _Entry, section: str | None) -> None:
        inline = entry.inline
        title = entry.text
        kind: str | None = None
        skipped = False
        if entry.box is not None and inline.struck and title.endswith("(skipped)"):
            skipped = True
            title = title[: -len("(skipped)")].rstrip()
        end = _kind_at_end(title, DELIVERABLE_KINDS)
        if end and f"({end[1]})" in inline.emphasized:
            title, kind = end[0], end[1].lower()
        if entry.children:  # a label such as "Hands-On with Architectures:"
            title = title.rstrip(":")
        title = title.strip()
        folded = [child for child in entry.children if child.box is None or not self.checklist]
        description = [*entry.extra, *_described(folded)]
        for link_text, url in inline.links:
            if _is_external(url):
                content.resources.append(_resource(link_text, [(link_text, url)]))
        if title:
            content.tasks.append(
                ParsedTask(
                    title=title,
                    line=entry.line,
                    box=entry.box,
                    skipped=skipped,
                    kind=kind,
                    marker_id=inline.marker_id,
                    section=section,
                    description="\n".join(description) or None,
                )
            )
        if self.checklist:
            for child in entry.children:
                if child.box is not None:
                    self._task(content, child, section)
                else:
                    self._boxes_in(content, child.children, section)

    def _boxes_in(self, content: _Content, entries: Sequence[_Entry], section: str | None) -> None:
        """The checkbox items nested in folded items (each checklist line is an item)."""
        for entry in entries:
            if entry.box is not None:
                self._task(content, entry, section)
            else:
                self._boxes_in(content, entry.children, section)

    def _not_task(
        self,
        content: _Content,
        entry: _Entry,
        lead: str | None,
        resources: bool,
        objectives: bool,
        topic: list[str],
    ) -> None:
        external = any(_is_external(url) for _, url in entry.inline.links)
        if resources or (external and not objectives):
            if not _label(entry):
                kind = None
                end = _kind_at_end(entry.text, RESOURCE_KINDS)
                if end and f"({end[1]})" in entry.inline.emphasized:
                    kind = end[1].lower()
                content.resources.append(_resource(entry.text, entry.inline.links, kind))
            inner_lead = entry.text.rstrip(":") if _label(entry) else lead
            self._entries(content, entry.children, inner_lead, True, False)
            return
        if objectives:
            content.objectives.append(entry.text)
        elif entry.text:
            topic.append(entry.text)
        nested_lead = entry.text.rstrip(":").strip() or lead
        self._boxes_in(content, entry.children, nested_lead)
        if not self.checklist:
            return
        for child in entry.children:
            if child.box is None and not any(_is_external(u) for _, u in child.inline.links):
                topic.append(child.text)


# --------------------------------------------------------------------------------------------
# From sections to phases and modules


def parse_roadmap(text: str, source: str = "The Markdown") -> ParsedRoadmap:
    """Read a Markdown roadmap into phases, modules and items (see the module's docstring for
    the rules). Ids are not assigned here (:func:`assign_ids`). Raises RoadmapError, naming
    ``source``, when the text nests lists, block quotes or emphasis more than
    MAX_MARKDOWN_NESTING deep, or when its curriculum would be over MAX_CURRICULUM_BYTES
    (headings repeated in the sections of many items).
    """
    tree = _tree(text, source)
    list_items = sum(1 for node in tree.walk() if node.type == "list_item")
    root = _sections(tree)
    checklist = any(
        entry.box is not None
        for section in root.walk()
        for block in section.blocks
        for entry in _all_entries(block.entries)
    )
    reader = _Reader(checklist)
    title_section = _title_section(root, reader)
    resource_sections = _resource_sections(root, title_section)
    for section in root.walk():
        section.content = reader.content(section, id(section) in resource_sections)
    bearing = {id(s) for s in root.walk() if _holds_tasks(s)}
    phase_level = _phase_level(root, title_section, bearing)
    roadmap = ParsedRoadmap(
        title=split_heading(title_section.title)[0] if title_section else None,
        phases=[],
        list_items=list_items,
        checklist=checklist,
    )
    _Builder(roadmap, bearing, phase_level, title_section, source).above(root, None)
    if _written_size(roadmap) > MAX_CURRICULUM_BYTES:
        raise _too_large(source)
    return roadmap


def _all_entries(entries: Sequence[_Entry]) -> Iterator[_Entry]:
    for entry in entries:
        yield entry
        yield from _all_entries(entry.children)


def _holds_tasks(section: _Section) -> bool:
    return any(s.content is not None and s.content.tasks for s in section.walk())


def _direct_tasks(section: _Section, reader: _Reader) -> bool:
    return bool(reader.content(section, False).tasks)


def _title_section(root: _Section, reader: _Reader) -> _Section | None:
    """The heading that titles the document: the first one, when it stands at the
    shallowest level and holds no items itself or is the only heading of that level.
    """
    headings = list(root.walk())[1:]
    if not headings:
        return None
    first = headings[0]
    top = min(section.level for section in headings)
    if first.level != top:
        return None
    alone = sum(1 for section in headings if section.level == top) == 1
    return first if alone or not _direct_tasks(first, reader) else None


def _resource_sections(root: _Section, title_section: _Section | None) -> set[int]:
    """The ids of the sections about resources: those whose heading, or a heading above
    them (the title aside), names resources. Each heading is read once.
    """
    found: set[int] = set()
    for section in root.walk():  # a section comes after the one above it
        if section.level == 0 or section is title_section:
            continue
        parent = section.parent
        if (parent is not None and id(parent) in found) or _RESOURCE_WORDS.search(section.title):
            found.add(id(section))
    return found


def _phase_level(root: _Section, title_section: _Section | None, bearing: set[int]) -> int:
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
        if len(named) >= 2 or (named and level == levels[0]):
            return level
    for level in levels:
        if sum(1 for s in candidates if s.level == level) >= 2:
            return level
    return levels[0]


class _Builder:
    """Walks the sections and makes phases and modules of them."""

    def __init__(
        self,
        roadmap: ParsedRoadmap,
        bearing: set[int],
        phase_level: int,
        title_section: _Section | None,
        source: str,
    ) -> None:
        self.roadmap = roadmap
        self.bearing = bearing
        self.phase_level = phase_level
        self.title_section = title_section
        self.source = source
        self.sections_size = 0  # characters of the items' sections, each item counted

    def _is_title(self, section: _Section) -> bool:
        return section.level == 0 or section is self.title_section

    def above(self, section: _Section, group: str | None) -> None:
        """A section above the phase level (or the root, or the title)."""
        content = section.content or _Content()
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
                    kept = below.content or _Content()
                    self.roadmap.resources += kept.resources
                    self.roadmap.objectives += kept.objectives
            elif child.level >= self.phase_level and not self._is_title(child):
                self.phase(child, inner_group)
            else:
                self.above(child, inner_group)

    def _phase(self, section: _Section, title: str, group: str | None) -> ParsedPhase:
        clean, duration, _optional = split_heading(title)
        content = section.content or _Content()
        phase = ParsedPhase(
            title=clean or title,
            line=section.line,
            marker_id=section.marker_id,
            group=group,
            duration=duration or content.duration,
        )
        self.roadmap.phases.append(phase)
        return phase

    def _own_module(self, phase: ParsedPhase, content: _Content) -> ParsedModule:
        return ParsedModule(
            title=phase.title,
            line=phase.line,
            own=True,
            tasks=list(content.tasks),
            topics=list(content.topics),
        )

    def phase(self, section: _Section, group: str | None) -> None:
        """A section at (or below) the phase level: a phase; its sub-headings its modules."""
        phase = self._phase(section, section.title, group)
        content = section.content or _Content()
        if content.tasks:
            phase.modules.append(self._own_module(phase, content))
        phase.resources += content.resources
        phase.objectives += content.objectives
        for child in section.children:
            if id(child) in self.bearing:
                phase.modules.append(self.module(child))
            else:
                for below in child.walk():
                    kept = below.content or _Content()
                    phase.resources += kept.resources
                    phase.objectives += kept.objectives
        if any(module.duration is not None for module in phase.modules):
            phase.duration = None  # the plan would share it among the undated modules

    def _count(self, size: int) -> None:
        """Count ``size`` characters more of the items' sections (every item repeats the
        headings above it); RoadmapError when they pass MAX_CURRICULUM_BYTES, before they
        are built.
        """
        self.sections_size += size
        if self.sections_size > MAX_CURRICULUM_BYTES:
            raise _too_large(self.source)

    def _section_path(self, section: _Section, module: _Section, titles: dict[int, str]) -> str:
        """The titles of the headings from below ``module`` down to ``section`` (``titles``
        keeps each one read), counted by :meth:`_count`.
        """
        path: list[str] = []
        current: _Section | None = section
        while current is not None and current is not module:
            if id(current) not in titles:
                titles[id(current)] = split_heading(current.title)[0]
            path.append(titles[id(current)])
            current = current.parent
        self._count(sum(len(title) + 3 for title in path))
        return " / ".join(reversed(path))

    def module(self, section: _Section) -> ParsedModule:
        """A module: the section and everything below it, deeper headings as sections."""
        title, duration, optional = split_heading(section.title)
        content = section.content or _Content()
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
            kept = below.content or _Content()
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


# --------------------------------------------------------------------------------------------
# Ids


class _Ids:
    """Hands out ids: an id comment's own id when it is valid and not yet taken, else the
    slug under its parent, made unique with ``-2``, ``-3``.
    """

    def __init__(self, explicit: Iterable[str | None]) -> None:
        self.reserved = {i for i in explicit if i and ID_PATTERN.match(i)}
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


# --------------------------------------------------------------------------------------------
# Writing the curriculum


def curriculum_yaml(
    roadmap: ParsedRoadmap, slug: str, title: str, source_name: str, today: dt.date
) -> str:
    """The curriculum file of ``roadmap`` (ids assigned) as commented YAML text."""
    from io import StringIO

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    def mapping(values: Iterable[tuple[str, Any]]) -> CommentedMap:
        kept = CommentedMap()
        for key, value in values:
            if value is None or value == [] or value is False:
                continue
            if isinstance(value, str) and "\n" in value:
                value = LiteralScalarString(value)
            kept[key] = value
        return kept

    def resources(found: list[dict[str, Any]]) -> list[CommentedMap]:
        unique: dict[tuple[str, str | None], dict[str, Any]] = {}
        for resource in found:
            unique.setdefault((resource["title"], resource.get("url")), resource)
        return [mapping(resource.items()) for resource in unique.values()]

    def task(found: ParsedTask) -> CommentedMap:
        values: list[tuple[str, Any]] = [
            ("id", found.id),
            ("title", found.title),
            ("kind", found.kind),
            ("section", found.section),
            ("description", found.description),
        ]
        return mapping(values)

    phases = CommentedSeq()
    for index, phase in enumerate(roadmap.phases):
        modules = []
        for module in phase.modules:
            modules.append(
                mapping(
                    [
                        ("id", module.id),
                        ("title", module.title),
                        ("duration", module.duration.text if module.duration else None),
                        ("optional", module.optional),
                        ("objectives", _unique(module.objectives)),
                        (
                            "topics",
                            [
                                mapping([("title", t), ("items", _unique(items))])
                                for t, items in module.topics
                            ],
                        ),
                        ("tasks", [task(t) for t in module.tasks if t.kind is None]),
                        ("deliverables", [task(t) for t in module.tasks if t.kind is not None]),
                        ("resources", resources(module.resources)),
                    ]
                )
            )
        phases.append(
            mapping(
                [
                    ("id", phase.id),
                    ("title", phase.title),
                    ("group", phase.group),
                    ("duration", phase.duration.text if phase.duration else None),
                    ("objectives", _unique(phase.objectives)),
                    ("modules", modules),
                    ("resources", resources(phase.resources)),
                ]
            )
        )
        phases.yaml_set_comment_before_after_key(
            index, before=f"line {phase.line} of {source_name}", indent=2
        )
    data = mapping(
        [
            ("format", 1),
            ("slug", slug),
            ("title", title),
            ("source", source_name),
            ("objectives", _unique(roadmap.objectives)),
            ("phases", phases),
            ("resources", resources(roadmap.resources)),
        ]
    )
    data.yaml_set_start_comment(
        f"Imported from {source_name} by 'roadmap import' on {today.isoformat()}.\n"
        "Ids were made from the titles. Progress refers to them, so keep them when you edit:\n"
        "rename an item by changing its title, or list its old id under old_ids."
    )
    yaml = YAML()
    yaml.width = 4096  # ids and titles on one line each
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(text for text in texts if text))
