"""Markdown text as the import reads it (``roadmap import``): the syntax tree of markdown-it-py
(CommonMark with tables and strikethrough) made into a tree of :class:`Section` (one per
heading) holding :class:`Block` (paragraphs, lists of :class:`Entry` and tables of
:class:`TableRow`, with the visible text of their inline runs, :class:`Inline`). A table
whose delimiter row is narrower or wider than its header, which markdown-it reads as a
paragraph, is read as the table it was meant to be.

A file nested deeper than :data:`MAX_MARKDOWN_NESTING` (lists, block quotes, emphasis) is
refused whole (:func:`syntax_tree`). roadmap imports markdown-it only here, when a file is
read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from roadmap_tracker.base.errors import RoadmapError

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from roadmap_tracker.formats.markdown_parsed import SectionContent


MAX_MARKDOWN_NESTING = 64
"""How deep the import follows Markdown: each list, list item, block quote, paragraph and
emphasis counts a level (a list nested in a list item is two levels deeper). The example
roadmaps reach 11; a file that goes deeper is refused, rather than read in part.
"""


@dataclass
class Inline:
    """The visible text of an inline run, with what the import reads from its markup:
    ``lead`` the text of a bold run it opens with (``**Lead**: prose``), ``first_line`` the
    text of its first line when it runs over several (None when it does not), ``unlinked`` its
    text outside links, ``images_only`` when its visible text is all images' alt text (a row
    of badges).
    """

    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    marker_id: str | None = None
    struck: bool = False
    emphasized: list[str] = field(default_factory=list)
    plain_outside_emphasis: bool = False
    lead: str | None = None
    first_line: str | None = None
    unlinked: str = ""
    images_only: bool = False


@dataclass
class Entry:
    """One list item: its first paragraph (or ``heading``: the level of a heading that opens
    it, ``- ### Arrays``; 0 for none), checkbox (``box``: `` `` open, ``x`` done, ``/`` in
    progress, ``-`` skipped, as Obsidian Tasks marks them; None without one), nested items
    and further text.
    """

    text: str
    raw: str
    line: int
    box: str | None = None
    inline: Inline = field(default_factory=Inline)
    children: list[Entry] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    heading: int = 0


@dataclass
class TableRow:
    """A row of a table: its ``line`` (1-based) and the text of its cells, as many as the
    table has columns (markdown-it fills a short row with empty cells and drops the cells
    past the header's).
    """

    line: int
    cells: list[Inline]


@dataclass
class Table:
    """A table: its first ``line`` (1-based), its ``header`` cells and its body ``rows``."""

    line: int
    header: list[Inline]
    rows: list[TableRow]


@dataclass
class Block:
    """A block directly under a heading: a paragraph (``inline``), a list (``entries``;
    ``ordered`` for a numbered one), a table (``table``) or something else (code, a rule);
    any but a paragraph ends a lead-in. ``line`` is its first line (1-based); ``node`` the
    markdown-it node type (``fence``, ``html_block``, ``hr``...) and ``text`` the start of the
    text of an ``other`` block, for what the import left out.
    """

    kind: str
    inline: Inline | None = None
    entries: list[Entry] = field(default_factory=list)
    line: int = 0
    node: str = ""
    text: str = ""
    table: Table | None = None
    ordered: bool = False


@dataclass
class Section:
    """A heading and what stands under it up to the next heading, with its sub-headings."""

    level: int
    title: str
    line: int
    marker_id: str | None = None
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    content: SectionContent | None = None

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in file order."""
        yield self
        for child in self.children:
            yield from child.walk()


def _markdown() -> Any:
    from markdown_it import MarkdownIt

    # markdown-it stops reading blocks nested maxNesting deep (20 in its CommonMark preset)
    # and drops the rest without a word; a little above our own limit, it never does
    options = {"maxNesting": MAX_MARKDOWN_NESTING + 2}
    return MarkdownIt("commonmark", options).enable(["table", "strikethrough"])


def syntax_tree(text: str, source: str) -> SyntaxTreeNode:
    """The syntax tree of ``text``; a file that is one fenced ``markdown`` block (as chat
    answers are pasted) is read from inside the fence. Raises RoadmapError, naming
    ``source``, when the text nests deeper than MAX_MARKDOWN_NESTING.
    """
    from markdown_it.tree import SyntaxTreeNode

    parser = _markdown()
    tree = SyntaxTreeNode(_shallow_tokens(parser.parse(text), source, 0))
    if not any(node.type in ("bullet_list", "ordered_list") for node in list_nodes(tree)):
        fences = [
            node
            for node in tree.children
            if node.type == "fence" and node.info.strip().lower() in ("markdown", "md")
        ]
        if fences:
            inner = "\n\n".join(fence.content for fence in fences)
            # a line of the fenced text stands one line below its fence's opening line
            first = fences[0].map[0] + 1 if fences[0].map else 0
            tokens = parser.parse(inner)
            for token in tokens:  # lines of the file, for items and what was left out
                if token.map:
                    token.map = [token.map[0] + first, token.map[1] + first]
            tree = SyntaxTreeNode(_shallow_tokens(tokens, source, 0))
    return tree


_HOLDS_LISTS = frozenset({"root", "bullet_list", "ordered_list", "list_item", "blockquote"})


def list_nodes(tree: SyntaxTreeNode) -> Iterator[SyntaxTreeNode]:
    """The nodes of ``tree`` that are or may hold lists (lists, their items, block quotes),
    in file order: a walk that does not go into paragraphs, headings and tables, whose
    inline runs and cells hold no lists (a table of many rows is many nodes).
    """
    pending = [iter(tree.children)]
    while pending:
        node = next(pending[-1], None)
        if node is None:
            pending.pop()
        elif node.type in _HOLDS_LISTS:
            yield node
            pending.append(iter(node.children))


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


def _inline(node: SyntaxTreeNode | None) -> Inline:
    """The visible text of an ``inline`` node (links as their text, images as their alt
    text, line breaks as spaces) with its links, id comment, strikethrough, emphasis, bold
    lead and the text outside its links and images, read in one pass.
    """
    found = Inline()
    if node is None:
        return found
    parts: list[str] = []
    outside: list[str] = []
    unlinked: list[str] = []
    unpictured: list[str] = []
    pictures = False

    def visit(current: SyntaxTreeNode, emphasis: bool, link: bool, image: bool) -> str:
        nonlocal pictures
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
            in_link, in_image = link or kind == "link", image or kind == "image"
            text = "".join(
                visit(child, emphasis or inner, in_link, in_image) for child in current.children
            )
            pictures = pictures or kind == "image"
            if kind == "link":
                found.links.append((" ".join(text.split()), str(current.attrs.get("href", ""))))
            elif kind == "s":
                found.struck = True
            elif kind == "em":
                found.emphasized.append(" ".join(text.split()))
            return text
        if not emphasis:
            outside.append(text)
        if not link:
            unlinked.append(text)
        if not image:
            unpictured.append(text)
        return text

    opening: str | None = ""  # before the first bold run, while it is blank or a checkbox
    for child in node.children:
        if child.type == "softbreak" and found.first_line is None:
            found.first_line = " ".join("".join(parts).split())
        text = visit(child, False, False, False)
        parts.append(text)
        if opening is None:
            continue
        if child.type == "strong":
            found.lead = " ".join(text.split()) or None
            opening = None
        else:
            opening += text
            if _BOX.sub("", opening.strip()):
                opening = None
    found.text = " ".join("".join(parts).split())
    found.unlinked = " ".join("".join(unlinked).split())
    found.images_only = pictures and not "".join(unpictured).strip(" |·•-")
    found.plain_outside_emphasis = bool("".join(outside).strip())
    return found


def _first_inline(node: SyntaxTreeNode) -> SyntaxTreeNode | None:
    for child in node.children:
        if child.type == "inline":
            return child
    return None


# ``[/]`` in progress and ``[-]`` skipped, as Obsidian's task states and roadmap export write
_BOX = re.compile(r"^\[([ xX/-])\](?:\s+|$)")


def _entries(list_node: SyntaxTreeNode) -> list[Entry]:
    """The items of a bulleted or numbered list, with their nested lists."""
    entries: list[Entry] = []
    for item in list_node.children:
        entry = Entry(text="", raw="", line=(item.map[0] + 1) if item.map else 0)
        first = True
        for block in item.children:
            if block.type == "heading" and first:  # - ### Arrays
                inline = _inline(_first_inline(block))
                entry.inline, entry.text, entry.heading = inline, inline.text, int(block.tag[1:])
            elif block.type == "paragraph":
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
            entry.box = "x" if box[1] in "xX" else box[1]
            entry.text = re.sub(r"^\[[ xX/-]\]\s*", "", entry.text)
        entries.append(entry)
    return entries


def _line(node: SyntaxTreeNode) -> int:
    """The first line of a block node, 1-based (0 when markdown-it gives none)."""
    return (node.map[0] + 1) if node.map else 0


def _cell(node: SyntaxTreeNode) -> Inline:
    """The text of a table cell (:func:`_inline`; a cell of plain text read at once)."""
    inline = _first_inline(node)
    if inline is not None and len(inline.children) == 1 and inline.children[0].type == "text":
        text = " ".join(inline.children[0].content.split())
        return Inline(text=text, plain_outside_emphasis=bool(text))
    return _inline(inline)


def _table(node: SyntaxTreeNode) -> Table:
    """The header and body rows of a ``table`` node, each cell's inline text read."""
    header: list[Inline] = []
    rows: list[TableRow] = []
    for part in node.children:  # thead, tbody
        for row in part.children:
            cells = [_cell(cell) for cell in row.children]
            if part.type == "thead":
                header = cells
            else:
                rows.append(TableRow((row.map[0] + 1) if row.map else 0, cells))
    return Table((node.map[0] + 1) if node.map else 0, header, rows)


_DELIMITER_ROW = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _misaligned_table(node: SyntaxTreeNode) -> Table | None:
    """A paragraph that is a table whose delimiter row (``|---|---|``) has another number of
    cells than its header, which markdown-it reads as text: the table meant, read with a
    delimiter row as wide as the header (a learner's table is read, not refused); else None.
    """
    inline = _first_inline(node)
    if inline is None or "|" not in inline.content:
        return None
    lines = inline.content.split("\n", 2)
    if len(lines) < 2 or "|" not in lines[0] or not _DELIMITER_ROW.match(lines[1]):
        return None
    header = lines[0].strip().strip("|")
    columns = len(re.split(r"(?<!\\)\|", header))
    fixed = "\n".join([lines[0], "|" + " --- |" * columns, *lines[2:]])
    from markdown_it.tree import SyntaxTreeNode

    parsed = SyntaxTreeNode(_markdown().parse(fixed))
    if not parsed.children or parsed.children[0].type != "table":
        return None
    table = _table(parsed.children[0])
    offset = node.map[0] if node.map else 0
    table.line += offset
    for row in table.rows:
        row.line += offset
    return table


def section_tree(tree: SyntaxTreeNode) -> Section:
    """The headings of the document as a tree under a root (level 0) that holds what comes
    before the first heading.
    """
    root = Section(level=0, title="", line=1)
    stack = [root]

    def add(node: SyntaxTreeNode) -> None:
        current = stack[-1]
        if node.type == "heading":
            level = int(node.tag[1:])
            inline = _inline(_first_inline(node))
            line = (node.map[0] + 1) if node.map else 0
            while stack[-1].level >= level:
                stack.pop()
            section = Section(
                level, inline.text, line, marker_id=inline.marker_id, parent=stack[-1]
            )
            stack[-1].children.append(section)
            stack.append(section)
        elif node.type == "paragraph":
            table = _misaligned_table(node)
            if table is not None:
                current.blocks.append(Block("table", table=table, line=_line(node)))
            else:
                inline = _inline(_first_inline(node))
                current.blocks.append(Block("paragraph", inline=inline, line=_line(node)))
        elif node.type in ("bullet_list", "ordered_list"):
            ordered = node.type == "ordered_list"
            entries = _entries(node)
            current.blocks.append(Block("list", entries=entries, ordered=ordered, line=_line(node)))
        elif node.type == "table":
            current.blocks.append(Block("table", table=_table(node), line=_line(node)))
        elif node.type == "blockquote":
            for child in node.children:
                add(child)
        else:
            text = " ".join(node.content.split()[:40]) if node.content else ""
            current.blocks.append(Block("other", line=_line(node), node=node.type, text=text))

    for node in tree.children:
        add(node)
    return root
