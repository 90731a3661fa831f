"""Where the import of a Markdown roadmap (``roadmap import``) finds the roadmap's title
besides its Markdown headings: YAML front matter (:func:`front_matter`), the HTML that many
READMEs open with (:func:`html_titles`: ``<h1>``, a ``<h3>`` in a centred ``<div>`` header,
a banner image's alt text), and which headings name a part of a document rather than the
document (:func:`is_section_name`: Contents, Note, Summary...). Each reads in time linear in
the length of its text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_FRONT_MATTER_TITLE = re.compile(r"^title[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", re.MULTILINE)
MAX_FRONT_MATTER = 64 * 1024
"""Front matter is looked for only this far into the file (characters)."""
HTML_READ = 64 * 1024
"""How much of the HTML blocks, together and in file order, is searched for titles
(characters): titles stand near the top. The patterns read at most a few hundred characters
from each ``<h`` or ``<img``, so the search is linear in this."""


def front_matter(text: str) -> tuple[str | None, str]:
    """The ``title:`` of the YAML front matter that opens ``text`` (``---`` lines around
    ``key: value`` lines), with quotes taken off, or None; and ``text`` with the front matter
    made blank lines (so that the lines after it keep their numbers and it is read as no
    heading or rule). ``text`` without front matter comes back as it is.
    """
    if not text.startswith("---"):
        return None, text
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].strip() != "---":
        return None, text
    end = _FRONT_MATTER_END.search(text, first_end + 1, MAX_FRONT_MATTER)
    if end is None:
        return None, text
    block = text[first_end + 1 : end.start()]
    if not re.search(r"^[A-Za-z_][\w-]*[ \t]*:", block, re.MULTILINE):
        return None, text  # a rule and a setext heading, not front matter
    found = _FRONT_MATTER_TITLE.search(block)
    title = found["value"] if found else None
    if title and len(title) >= 2 and title[0] == title[-1] and title[0] in "\"'":
        title = title[1:-1]
    blank = "\n" * text.count("\n", 0, end.end())
    return (" ".join(title.split()) or None) if title else None, blank + text[end.end() :]


@dataclass
class HtmlTitle:
    """A title read from HTML: its ``line`` (1-based), ``level`` (1 to 6 for ``<h1>`` to
    ``<h6>``, 7 for an image's alt text) and ``text``; ``header`` when it stands before the
    first Markdown heading.
    """

    line: int
    level: int
    text: str
    header: bool


_HEADING_TAG = re.compile(r"<h([1-6])\b[^>]{0,300}>(.{0,300}?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_IMAGE_ALT = re.compile(
    r"<img\b[^>]{0,300}?\balt\s*=\s*(?:\"([^\"]{0,300})\"|'([^']{0,300})')", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")
_NOT_A_TITLE_IMAGE = re.compile(
    r"\b(logo|badge|banner|icon|image|screenshot|cover|shield|build|license|licence|colab)\b",
    re.IGNORECASE,
)


def html_titles(tree: SyntaxTreeNode) -> list[HtmlTitle]:
    """The headings of the HTML blocks of ``tree`` at its top level (``<h1>`` anywhere, other
    levels and an image's alt text only before the first Markdown heading), in file order.
    An alt text that names a logo, badge, banner or cover is no title.
    """
    found: list[HtmlTitle] = []
    header = True
    budget = HTML_READ
    for node in tree.children:
        if node.type == "heading":
            header = False
        if node.type != "html_block" or budget <= 0:
            continue
        line = (node.map[0] + 1) if node.map else 0
        content = node.content[:budget]
        budget -= len(content)
        for match in _HEADING_TAG.finditer(content):
            level = int(match[1])
            text = _plain(match[2])
            if text and (header or level == 1):
                inner_line = line + content.count("\n", 0, match.start())
                found.append(HtmlTitle(inner_line, level, text, header))
        if header:
            for match in _IMAGE_ALT.finditer(content):
                text = _plain(match[1] if match[1] is not None else match[2])
                if len(text) >= 3 and not _NOT_A_TITLE_IMAGE.search(text):
                    inner_line = line + content.count("\n", 0, match.start())
                    found.append(HtmlTitle(inner_line, 7, text, header))
    return found


def _plain(fragment: str) -> str:
    """The text of an HTML fragment: tags taken out, entities read, spaces made single."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


_SECTION_NAMES = frozenset(
    {
        "about",
        "abstract",
        "acknowledgements",
        "acknowledgments",
        "changelog",
        "content",
        "contents",
        "contributing",
        "foreword",
        "getting started",
        "index",
        "intro",
        "introduction",
        "license",
        "licence",
        "note",
        "notebooks",
        "notes",
        "overview",
        "preface",
        "prerequisites",
        "readme",
        "references",
        "resources",
        "summary",
        "table of contents",
        "toc",
    }
)


def is_section_name(title: str) -> bool:
    """Whether a heading names a part of a document (``Contents``, ``📝 Notes``, ``Table of
    Contents``, ``Introduction``), which is never the document's title.
    """
    words = re.sub(r"[\W_]+", " ", title.casefold()).strip()
    return words in _SECTION_NAMES


def chosen_title(
    front: str | None, markdown: tuple[int, int, str] | None, html_found: Sequence[HtmlTitle]
) -> str | None:
    """The roadmap's title: the ``front`` matter's; else the first H1 in file order, of the
    Markdown title heading (``markdown``: its line, level and text) and the HTML ``<h1>``s;
    else the Markdown title heading at another level; else the highest HTML heading of the
    header, then a banner's alt text; else None. HTML section names
    (:func:`is_section_name`) are skipped, and so is a Markdown heading named like one when
    the HTML header gives a title (the caller already skips one that has siblings at its
    level, so a roadmap titled "Resources" alone keeps its title).
    """
    if front:
        return front
    kept = [t for t in html_found if not is_section_name(t.text)]
    if markdown is not None and is_section_name(markdown[2]) and any(t.header for t in kept):
        markdown = None  # a lone "Contents" under an HTML header that names the roadmap
    firsts = [(t.line, t.text) for t in kept if t.level == 1]
    if markdown is not None and markdown[1] == 1:
        firsts.append((markdown[0], markdown[2]))
    if firsts:
        return min(firsts)[1]
    if markdown is not None:
        return markdown[2]
    header = [t for t in kept if t.header]
    if header:
        return min(header, key=lambda t: (t.level, t.line)).text
    return None
