"""What the import of a Markdown roadmap (``roadmap import``) reads from the text of a heading
or an item: the duration it states (:func:`duration_of`), the title without it
(:func:`split_heading`), a kind in parentheses at its end (:func:`kind_at_end`), and the
slug of a title (:func:`slugify`: the parts of generated ids, and the default slug of the
curriculum). Each reads in time linear in the length of the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from roadmap_tracker.curriculum.durations import Duration

ID_PART_LENGTH = 32
"""The longest part of a generated id (the slug of one title), in characters."""

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
DURATION_LABEL = re.compile(r"\bduration\s*:\s*(?P<rest>.+)$", re.IGNORECASE)


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


def kind_at_end(text: str, kinds: Sequence[str]) -> tuple[str, str] | None:
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
    when nothing is left. Accents are dropped (``Café`` -> ``cafe``); letters and digits of
    other scripts are transliterated (:func:`_transliterated`: ``第一阶段: JavaSE`` ->
    ``di-yi-jie-duan-javase``, ``Основы`` -> ``osnovy``); symbols and emoji are dropped.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    if len(ascii_text) != len(decomposed):
        ascii_text = _transliterated(decomposed)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit]
        words = (cut.rsplit("-", 1)[0] if "-" in cut and slug[limit] != "-" else cut).split("-")
        while len(words) > 1 and words[-1] in _TRAILING_WORDS:
            words.pop()  # "build-a-neural-network-from" reads better without "from"
        slug = "-".join(words)
    return slug.strip("-")


def _transliterated(decomposed: str) -> str:
    """``decomposed`` (NFKD) in ASCII: accents (the combining diacritical marks) and symbols
    (emoji, arrows) dropped; letters, digits and the vowel signs of other scripts as anyascii
    spells them (``हिन्दी`` -> ``hindi``), each ideograph a word of its own (``学习`` ->
    ``xue xi``, where the run would give ``XueXi``). anyascii is imported here, the first
    time a title needs it.
    """
    from anyascii import anyascii

    parts: list[str] = []
    for char in decomposed:
        if char.isascii():
            parts.append(char)
        elif unicodedata.category(char)[0] in "LNM" and not "\u0300" <= char <= "\u036f":
            spelled = anyascii(char)
            ideograph = unicodedata.name(char, "").startswith("CJK")
            parts.append(f" {spelled} " if ideograph else spelled)
    return "".join(parts)


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
