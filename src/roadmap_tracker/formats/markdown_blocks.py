"""Markdown text as the import reads it (``roadmap import``): the syntax tree of markdown-it-py
(CommonMark with tables and strikethrough) made into a tree of :class:`Section` (one per
heading) holding :class:`Block` (paragraphs and lists of :class:`Entry`, with the visible
text of their inline runs, :class:`Inline`).

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
class Block:
    """A block directly under a heading: a paragraph (``inline``), a list (``entries``) or
    something else (a table, code, a rule), which ends a lead-in.
    """

    kind: str
    inline: Inline | None = None
    entries: list[Entry] = field(default_factory=list)


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
            current.blocks.append(Block("paragraph", inline=_inline(_first_inline(node))))
        elif node.type in ("bullet_list", "ordered_list"):
            current.blocks.append(Block("list", entries=_entries(node)))
        elif node.type == "blockquote":
            for child in node.children:
                add(child)
        else:
            current.blocks.append(Block("other"))

    for node in tree.children:
        add(node)
    return root
