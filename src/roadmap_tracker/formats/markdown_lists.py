"""The lists of a Markdown roadmap's sections sorted into tasks, resources, objectives and
topics (``roadmap import``): :class:`ListReader` reads the blocks of one
:class:`~roadmap_tracker.formats.markdown_blocks.Section` into a
:class:`~roadmap_tracker.formats.markdown_parsed.SectionContent` (see
:mod:`roadmap_tracker.formats.markdown_import` for the rules).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, get_args

from roadmap_tracker.curriculum.model import DeliverableKind, ResourceKind
from roadmap_tracker.formats.markdown_headings import DURATION_LABEL, duration_of, kind_at_end
from roadmap_tracker.formats.markdown_parsed import LeftOut, ParsedTask, SectionContent

if TYPE_CHECKING:
    from roadmap_tracker.formats.markdown_blocks import Entry, Inline, Section


DELIVERABLE_KINDS: tuple[str, ...] = get_args(DeliverableKind)
"""The kinds of deliverable the curriculum format knows (``model.DeliverableKind``)."""
RESOURCE_KINDS: tuple[str, ...] = get_args(ResourceKind)
"""The kinds of resource the curriculum format knows (``model.ResourceKind``)."""

RESOURCE_WORDS = re.compile(
    r"\b(resources?|references|reading list|further reading|bibliography)\b", re.IGNORECASE
)
_OBJECTIVE_WORDS = re.compile(r"\b(objectives?|outcomes?)\b", re.IGNORECASE)


def _is_external(url: str) -> bool:
    return bool(re.match(r"^(https?|ftp)://", url, re.IGNORECASE))


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
    external = [(title, url) for title, url in links if _is_external(url)]
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
    """Sorts a section's lists into tasks, resources, objectives and topics."""

    def __init__(self, checklist: bool) -> None:
        self.checklist = checklist

    def content(self, section: Section, resource_context: bool) -> SectionContent:
        """What the blocks of ``section`` hold (its sub-sections aside), with what of them
        became nothing in ``left_out``: prose paragraphs that are neither lead-ins nor
        ``Duration:`` lines, lists of in-page links (tables of contents), code blocks and
        HTML blocks (not comments); rules and blank HTML comments are not worth a word, and
        tables are left to the table reading.
        """
        content = SectionContent()
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
                if kind is not None and not _COMMENT.match(block.text):
                    content.left_out.append(LeftOut(block.line, kind, block.text[:_TEXT]))
        return content

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
                continue
            label = DURATION_LABEL.match(entry.text)
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

    def _link_only(self, entry: Entry) -> bool:
        """A plain item that is one link to another page: a resource, not a task."""
        links = [link for link in entry.inline.links if _is_external(link[1])]
        return len(links) == 1 and entry.text.startswith(links[0][0]) and not entry.children

    def _task(self, content: SectionContent, entry: Entry, section: str | None) -> None:
        inline = entry.inline
        title = entry.text
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
                    notes=_recorded(entry, "Note"),
                    evidence=_recorded(entry, "Evidence"),
                )
            )
        if self.checklist:
            for child in entry.children:
                if child.box is not None:
                    self._task(content, child, section)
                else:
                    self._boxes_in(content, child.children, section)

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
        external = any(_is_external(url) for _, url in entry.inline.links)
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
        nested_lead = entry.text.rstrip(":").strip() or lead
        self._boxes_in(content, entry.children, nested_lead)
        if not self.checklist:
            return
        for child in entry.children:
            if child.box is None and not any(_is_external(u) for _, u in child.inline.links):
                topic.append(child.text)
