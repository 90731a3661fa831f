"""The lists of a Markdown roadmap's sections sorted into tasks, resources, objectives and
topics (``roadmap import``): :class:`ListReader` reads the blocks of one
:class:`~roadmap_tracker.formats.markdown_blocks.Section` into a
:class:`~roadmap_tracker.formats.markdown_parsed.SectionContent` (see
:mod:`roadmap_tracker.formats.markdown_import` for the rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, get_args

from roadmap_tracker.curriculum.model import DeliverableKind, ResourceKind
from roadmap_tracker.formats.markdown_headings import DURATION_LABEL, duration_of, kind_at_end
from roadmap_tracker.formats.markdown_parsed import LeftOut, ParsedTask, SectionContent

if TYPE_CHECKING:
    from roadmap_tracker.formats.markdown_blocks import Block, Entry, Inline, Section


DELIVERABLE_KINDS: tuple[str, ...] = get_args(DeliverableKind)
"""The kinds of deliverable the curriculum format knows (``model.DeliverableKind``)."""
RESOURCE_KINDS: tuple[str, ...] = get_args(ResourceKind)
"""The kinds of resource the curriculum format knows (``model.ResourceKind``)."""

RESOURCE_WORDS = re.compile(
    r"\b(resources?|references|reading list|further reading|bibliography)\b", re.IGNORECASE
)
_OBJECTIVE_WORDS = re.compile(r"\b(objectives?|outcomes?)\b", re.IGNORECASE)


LEAD_PROSE_WORDS = 6
"""A bold lead (``**Lead**: prose``, ``**[Lead](url)** prose``) is split off when at least this
many words follow it; ``**Project 1**: Dashboard`` stays one title."""
PLAIN_LEAD_WORDS = 6
PLAIN_PROSE_WORDS = 8
"""A plain lead (``Lead - prose``, ``Lead — prose``) of at most PLAIN_LEAD_WORDS words is split
off when at least PLAIN_PROSE_WORDS words follow it."""
PROSE_BULLET_WORDS = 10
"""In a file without checkboxes, a bullet of at least this many words that ends a sentence
(``.``, ``!``, ``?``) and has no lead is prose, not a study item."""

LONG_TITLE = 100
"""An item whose text is longer than this, over several lines, is titled by its first line."""
_BOX_MARK = re.compile(r"^\[[ xX/-]\]\s*")
_LEAD_SEPARATORS = (" - ", " \u2013 ", " \u2014 ")


def is_external(url: str) -> bool:
    """Whether ``url`` leads to another site (``http``, ``https`` or ``ftp``), not into the
    page or to a file beside the roadmap."""
    return bool(re.match(r"^(https?|ftp)://", url, re.IGNORECASE))


def split_lead(entry: Entry) -> tuple[str, str | None]:
    """The title of an item and the prose its lead introduces (None when it has no lead):
    ``**Linear Algebra**: vectors, matrices and ...`` is ``("Linear Algebra", "vectors, ...")``
    (a bold lead, followed by ``:``, ``-`` or nothing, with LEAD_PROSE_WORDS words after it);
    ``Big-O - how the cost of ...`` is ``("Big-O", "how the cost of ...")`` (a plain lead of
    at most PLAIN_LEAD_WORDS words before a spaced dash, outside a link's text, and
    PLAIN_PROSE_WORDS words after it). Without a lead, a long item over several lines is titled
    by its first line (:func:`_first_line`). An item with an id comment (``roadmap export``
    wrote it) keeps its title whole.
    """
    text = entry.text
    lead = entry.inline.lead
    if entry.inline.marker_id:  # written by 'roadmap export': the title as it was
        return text, None
    if lead and text.startswith(lead):
        rest = text[len(lead) :].lstrip(" :-\u2013\u2014").strip()
        if _words(rest) >= LEAD_PROSE_WORDS:
            return lead.rstrip(" :"), rest
        return _first_line(entry)
    if not any(separator in text[:120] for separator in _LEAD_SEPARATORS):
        return _first_line(entry)
    head = text[:120]
    spans = [(head.find(link), head.find(link) + len(link)) for link, _ in entry.inline.links]
    cuts = [head.find(separator) for separator in _LEAD_SEPARATORS]
    found = [c for c in cuts if c > 0 and not any(a <= c < b for a, b in spans if a >= 0)]
    if not found:
        return _first_line(entry)
    cut = min(found)
    lead_text, rest = text[:cut].strip(), text[cut + 2 :].lstrip(" -\u2013\u2014").strip()
    if (
        _words(lead_text) <= PLAIN_LEAD_WORDS
        and _words(rest) >= PLAIN_PROSE_WORDS
        and lead_text.count("(") == lead_text.count(")")
    ):
        return lead_text, rest
    return _first_line(entry)


def _first_line(entry: Entry) -> tuple[str, str | None]:
    """An item over LONG_TITLE characters whose text runs over several lines: its first line
    is the title, the other lines its description's start. Any other item: its whole text.
    """
    text, first = entry.text, entry.inline.first_line
    if len(text) <= LONG_TITLE or not first:
        return text, None
    first = _BOX_MARK.sub("", first).strip()
    if not first or not text.startswith(first) or len(first) >= len(text):
        return text, None
    return first.rstrip(":").strip() or text, text[len(first) :].strip() or None


def _words(text: str) -> int:
    """How many words of ``text`` hold a letter or digit (a mark such as ✅ is no word)."""
    return sum(1 for word in text.split() if any(c.isalnum() for c in word))


def _is_prose(text: str) -> bool:
    """A sentence of prose rather than the name of something to study."""
    return _words(text) >= PROSE_BULLET_WORDS and text.rstrip().endswith((".", "!", "?"))


def _links_only(entry: Entry) -> bool:
    """A plain item that is nothing but links to other pages or files (and perhaps a kind in
    parentheses, ``(video)``): material, not a study item. One that goes on in words after
    its link (``[Big-O](url) - what the cost of an algorithm means``) is a study item.
    """
    if entry.children or entry.box is not None or not _outward(entry.inline.links):
        return False
    return _marks_only(entry.inline.unlinked)


def _marks_only(text: str) -> bool:
    """Whether ``text`` is nothing but marks and punctuation, and perhaps a kind of one or two
    words in parentheses (``(video)``), read in one pass.
    """
    kept = "".join(c for c in text if c.isalnum() or c in "()_ ").strip()
    if not any(c.isalnum() for c in kept):
        return True
    inner = kept[1:-1]
    return (
        kept.startswith("(")
        and kept.endswith(")")
        and "(" not in inner
        and ")" not in inner
        and 1 <= len(inner.split()) <= 2
    )


def _outward(links: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """``links`` without those inside the page."""
    return [link for link in links if not link[1].startswith("#")]


def _nested_links(entries: Sequence[Entry]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The lines nested in an item that link to other pages (their text and those links), in
    file order, not looking inside checkbox lines (items of their own).
    """
    for entry in entries:
        if entry.box is not None:
            continue
        external = [link for link in entry.inline.links if is_external(link[1])]
        if external:
            yield entry.text, external
        yield from _nested_links(entry.children)


def _joined(section: str | None, label: str) -> str | None:
    label = label.rstrip(":").strip()
    if not label:
        return section
    return f"{section} / {label}" if section else label


def _is_navigation(entry: Entry) -> bool:
    """An item that is only a link inside the page (a table of contents line); never a
    checkbox line, which is always an item.
    """
    if entry.box is not None:
        return False
    links = entry.inline.links
    own = len(links) == 1 and links[0][1].startswith("#") and entry.text == links[0][0]
    return (own or not entry.text) and all(_is_navigation(c) for c in entry.children)


def _label(entry: Entry) -> bool:
    """An item that only introduces its nested items (``Papers:``)."""
    return entry.text.endswith(":") and bool(entry.children)


def _lead_in(inline: Inline) -> str | None:
    """The text of a paragraph that introduces what follows (``**Resources:**``, ``Additional
    topics:``), or None for an ordinary paragraph.
    """
    text = inline.text
    if not text or len(text) > 120:
        return None
    if not inline.plain_outside_emphasis or text.endswith(":"):
        return text.rstrip(":").strip() or None
    return None


def _described(entries: Sequence[Entry], depth: int = 0) -> list[str]:
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
    # a link to another page, else one to a file beside the roadmap (kept as written)
    external = [(title, url) for title, url in links if is_external(url)] or _outward(links)
    title = text
    end = kind_at_end(title, RESOURCE_KINDS)
    if end and kind in (None, end[1].lower()):  # "Deep Learning (book)": the kind, not title
        title, kind = end[0], end[1].lower()
    url = None
    if external:
        link_title, url = external[0]
        if title.startswith(link_title) or not title:
            title = link_title if len(title) - len(link_title) < 3 else title
    resource: dict[str, Any] = {"title": title.rstrip(":").strip() or url or "Resource"}
    resource["kind"] = kind or resource_kind(resource["title"], url)
    if url:
        resource["url"] = url
    return resource


def resource_kind(title: str, url: str | None) -> str:
    """The curriculum's resource kind of a link titled ``title`` to ``url``, from its site
    and its words: video, paper, course, book, else site (other without a link to a site).
    """
    target = (url or "").lower()
    words = title.lower()
    if (
        "youtube.com" in target
        or "youtu.be" in target
        or re.search(r"\b(youtube|videos?)\b", words)
    ):
        return "video"
    if "arxiv.org" in target or "doi.org" in target or "paper" in words:
        return "paper"
    if any(site in target for site in ("coursera", "udemy", "edx.org", "course")) or (
        "course" in words
    ):
        return "course"
    if re.search(r"\bbooks?\b", words):  # not a notebook
        return "book"
    return "site" if url and is_external(url) else "other"


_TEXT = 200
"""How much of a left-out part's text is kept (``--explain`` shows its start)."""
_OTHER_KINDS = {"fence": "code blocks", "code_block": "code blocks", "html_block": "HTML blocks"}
_COMMENT = re.compile(r"^\s*(<!--.*?-->\s*)*$", re.DOTALL)
# the progress line of a file roadmap export wrote: the states it counts are read back
_EXPORT_PROGRESS = re.compile(r"^Progress: \d+/\d+ items done")


# the learner's notes and evidence roadmap export writes under an item: not its description
_RECORD_LINE = re.compile(r"^(Note|Evidence): ")


def _recorded(entry: Entry, label: str) -> list[str]:
    """The texts of the ``- Note: ...`` lines nested under ``entry`` (``label`` ``Note``), or
    the links of its ``- Evidence: ...`` lines (``Evidence``: each link's text, which the
    export writes as the link itself).
    """
    found: list[str] = []
    for child in entry.children:
        if child.box is None and child.text.startswith(f"{label}: "):
            if label == "Evidence":
                found += [text for text, _url in child.inline.links] or [child.text[10:]]
            else:
                found.append(child.text[len(label) + 2 :])
    return found


# the Mermaid gantt chart a file roadmap export wrote opens with this (markdown_gantt.MARK)
_EXPORT_CHART = re.compile(r"^gantt %% roadmap export: the plan\b")


def _own(block: Block) -> bool:
    """Whether a block is the export's own Mermaid chart of the plan: not worth a word."""
    return block.node == "fence" and bool(_EXPORT_CHART.match(block.text))


def _worth_reporting(text: str) -> bool:
    """Whether a paragraph that made nothing is worth a word: not empty, not the progress
    line of an exported checklist.
    """
    return bool(text.strip()) and not _EXPORT_PROGRESS.match(text)


def _table_of_contents(line: int, entries: Sequence[Entry]) -> LeftOut:
    """A list of in-page links as one left-out part, ``lines`` its items (nested ones too)."""
    count = 0
    pending = list(entries)
    while pending:
        entry = pending.pop()
        count += 1
        pending += entry.children
    first = entries[0].text if entries else ""
    return LeftOut(line, "tables of contents", first[:_TEXT], lines=count)


class ListReader:
    """Sorts a section's lists into tasks, resources, objectives and topics; ``checklist``
    when the file has checkboxes (then only those lines are items), ``keep_prose`` to make
    items of prose bullets too (when nothing else in the file is one).
    """

    def __init__(self, checklist: bool, keep_prose: bool = False) -> None:
        self.checklist = checklist
        self.keep_prose = keep_prose

    def content(
        self, section: Section, resource_context: bool, left_out: str | None = None
    ) -> SectionContent:
        """What the blocks of ``section`` hold (its sub-sections aside), with what of them
        became nothing in ``left_out``: prose paragraphs that are neither lead-ins nor
        ``Duration:`` lines, lists of in-page links (tables of contents), code blocks and
        HTML blocks (not comments); rules, blank HTML comments and the export's own Mermaid
        chart of the plan are not worth a word, and
        tables are left to the table reading. With ``left_out`` (a licence or contribution
        section) nothing: one LeftOut of that kind for the heading.
        """
        content = SectionContent()
        if left_out is not None:
            content.left_out.append(LeftOut(section.line, left_out, section.title))
            return content
        lead: str | None = None
        for block in section.blocks:
            if block.kind == "paragraph" and block.inline is not None:
                lead = _lead_in(block.inline)
                match = DURATION_LABEL.search(block.inline.text)
                if match and content.duration is None:
                    content.duration = duration_of(match["rest"], anywhere=True)
                elif lead is None and _worth_reporting(block.inline.text):
                    content.left_out.append(
                        LeftOut(block.line, "prose paragraphs", block.inline.text[:_TEXT])
                    )
            elif block.kind == "list":
                if all(_is_navigation(entry) for entry in block.entries):
                    content.left_out.append(_table_of_contents(block.line, block.entries))
                    continue
                resources = resource_context or bool(lead and RESOURCE_WORDS.search(lead))
                objectives = bool(lead and _OBJECTIVE_WORDS.search(lead))
                self._entries(content, block.entries, lead, resources, objectives)
            else:
                lead = None
                kind = _OTHER_KINDS.get(block.node)  # tables: reported where tables are read
                if kind is not None and not _COMMENT.match(block.text) and not _own(block):
                    content.left_out.append(LeftOut(block.line, kind, block.text[:_TEXT]))
        return content

    def _navigation(self, content: SectionContent, entries: Sequence[Entry]) -> None:
        for entry in entries:
            if entry.text:
                content.left_out.append(LeftOut(entry.line, "table of contents lines", entry.text))
            self._navigation(content, entry.children)

    def _entries(
        self,
        content: SectionContent,
        entries: Sequence[Entry],
        lead: str | None,
        resources: bool,
        objectives: bool,
    ) -> None:
        topic: list[str] = []
        for entry in entries:
            if _is_navigation(entry):
                self._navigation(content, [entry])
                continue
            if entry.heading:  # - ### Arrays: a heading, its nested lines under it
                label = _joined(lead, entry.text)
                inner_resources = resources or bool(RESOURCE_WORDS.search(entry.text))
                self._entries(content, entry.children, label, inner_resources, objectives)
                continue
            stated = DURATION_LABEL.match(entry.text)
            if entry.box is None and stated:
                content.duration = content.duration or duration_of(stated["rest"], anywhere=True)
                continue
            if entry.box is None and entry.inline.images_only:
                content.left_out.append(LeftOut(entry.line, "badges", entry.text))
                continue
            if entry.box is not None:
                self._task(content, entry, lead)
            elif self.checklist or resources or objectives:
                self._not_task(content, entry, lead, resources, objectives, topic)
            elif _links_only(entry):
                content.resources.append(_resource(entry.text, _outward(entry.inline.links)))
            elif not self.keep_prose and split_lead(entry)[1] is None and _is_prose(entry.text):
                content.left_out.append(LeftOut(entry.line, "prose bullets", entry.text))
            else:
                self._task(content, entry, lead)
        if topic:
            content.topics.append((lead or "Topics", topic))

    def _task(self, content: SectionContent, entry: Entry, section: str | None) -> None:
        inline = entry.inline
        title, prose = split_lead(entry)
        kind: str | None = None
        skipped = False
        if entry.box is not None and inline.struck and title.endswith("(skipped)"):
            skipped = True
            title = title[: -len("(skipped)")].rstrip()
        end = kind_at_end(title, DELIVERABLE_KINDS)
        if end and f"({end[1]})" in inline.emphasized:
            title, kind = end[0], end[1].lower()
        if entry.children:  # a label such as "Hands-On with Architectures:"
            title = title.rstrip(":")
        title = title.strip()
        folded = [
            child
            for child in entry.children
            if (child.box is None or not self.checklist) and not _RECORD_LINE.match(child.text)
        ]
        description = [*([prose] if prose else []), *entry.extra, *_described(folded)]
        for link_text, url in inline.links:
            if is_external(url):
                content.resources.append(_resource(link_text, [(link_text, url)]))
        self._material(content, folded, title)
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
                    notes=_recorded(entry, "Note"),
                    evidence=_recorded(entry, "Evidence"),
                )
            )
        if self.checklist:  # nested checkboxes: items of their own, under this one
            below = _joined(section, title)
            for child in entry.children:
                if child.box is not None:
                    self._task(content, child, below)
                else:
                    self._boxes_in(content, child.children, below)

    def _material(self, content: SectionContent, entries: Sequence[Entry], name: str) -> None:
        """The links on the lines nested in an item (or a topic line) as resources, their
        ``topic`` the item's title: the item's own material.
        """
        topic = name.rstrip(":").strip()
        for text, links in _nested_links(entries):
            found = [(text, links)] if len(links) == 1 else [(t, [(t, u)]) for t, u in links]
            for resource_text, resource_links in found:
                resource = _resource(resource_text, resource_links)
                if topic:
                    resource["topic"] = topic
                content.resources.append(resource)

    def _boxes_in(
        self, content: SectionContent, entries: Sequence[Entry], section: str | None
    ) -> None:
        """The checkbox items nested in folded items (each checklist line is an item)."""
        for entry in entries:
            if entry.box is not None:
                self._task(content, entry, section)
            else:
                self._boxes_in(content, entry.children, section)

    def _not_task(
        self,
        content: SectionContent,
        entry: Entry,
        lead: str | None,
        resources: bool,
        objectives: bool,
        topic: list[str],
    ) -> None:
        external = any(is_external(url) for _, url in entry.inline.links)
        if resources or (external and not objectives):
            if not _label(entry):
                kind = None
                end = kind_at_end(entry.text, RESOURCE_KINDS)
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
        self._material(content, entry.children, entry.text)
        nested_lead = entry.text.rstrip(":").strip() or lead
        self._boxes_in(content, entry.children, nested_lead)
        if not self.checklist:
            return
        for child in entry.children:
            if child.box is None and not any(is_external(u) for _, u in child.inline.links):
                topic.append(child.text)
