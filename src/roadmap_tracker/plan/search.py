"""Finding things by what a learner remembers of them: ``roadmap find WORDS``.

Where :mod:`.refs` names exactly one thing (and refuses to guess), a search ranks every
entry that matches. An entry is a phase, a module, a checkable item or a recurring activity,
with the texts it can be found by (:class:`Entry`): its title, description, topics, section
and the learner's notes. A query is split at white space into terms; an entry matches when
every term matches it, in one of two ways:

- any part of its id: ``dp-sgd`` and ``m7/dp-sgd`` find ``m7/dp-sgd-tradeoff``;
- by word prefix: every word of the term starts a word of one text (``transformer`` finds
  "Transformers", ``self att`` finds "Self-attention"), case and accents as
  :func:`.refs.words` folds them.

Entries are ranked by score (:data:`FIELD_WEIGHTS`: a term in the id or the title counts
more than one in a note), then in curriculum order. Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from roadmap_tracker.base.records import Record
from roadmap_tracker.plan.refs import words

FIELD_WEIGHTS: dict[str, int] = {
    "title": 30,
    "topic": 15,
    "section": 12,
    "description": 10,
    "note": 10,
}
"""The score of a term found by word prefix in each kind of text; a whole word scores a
third more. A term in the id scores :data:`ID_EXACT`, :data:`ID_END` or :data:`ID_PART`."""

ID_EXACT = 100
"""The score of a term that is the whole id."""
ID_END = 60
"""The score of a term that is the end of the id at a ``/`` (``dp-sgd-tradeoff``) or starts
its last part (``dp-sgd`` of ``m7/dp-sgd-tradeoff``)."""
ID_PART = 40
"""The score of a term found anywhere else in the id."""

EXCERPT_WIDTH = 72
"""At most this many characters of a matched text are kept as a hit's excerpt."""


class Entry(Record, kw_only=False):
    """One thing a search can find: its ``id``, ``kind`` (``phase``, ``module``, an item's
    kind, or ``recurring``), ``title`` and the other ``texts`` it is found by, as (field,
    text) pairs whose field is a key of :data:`FIELD_WEIGHTS` other than ``title``.
    """

    id: str
    kind: str
    title: str
    texts: tuple[tuple[str, str], ...] = ()


class Match(Record, kw_only=False):
    """An entry a query matched: its ``position`` among the entries searched, its ``score``,
    the fields it matched in (``id``, ``title``, ``topic``...; each once, best first) and an
    ``excerpt``: the text of the first term whose best match is outside the id and title
    (None when there is none), at most :data:`EXCERPT_WIDTH` characters around the term.
    """

    position: int
    score: int
    fields: tuple[str, ...]
    excerpt: str | None


def terms(query: str) -> list[str]:
    """The terms of ``query``: its casefolded, white-space-separated parts that hold at
    least one word character (``-`` alone is no term).
    """
    return [term for term in query.casefold().split() if words(term)]


def search(entries: Sequence[Entry], query: str) -> list[Match]:
    """Every entry of ``entries`` that each term of ``query`` matches (this module's
    docstring), best first: highest score, then the order of ``entries``. An empty query
    (no :func:`terms`) matches nothing.
    """
    wanted = terms(query)
    if not wanted:
        return []
    found: list[Match] = []
    for position, entry in enumerate(entries):
        match = _match(entry, wanted, position)
        if match is not None:
            found.append(match)
    found.sort(key=lambda match: (-match.score, match.position))
    return found


def _match(entry: Entry, wanted: list[str], position: int) -> Match | None:
    """The match of ``entry`` when every term matches it, else None."""
    texts = (("title", entry.title), *entry.texts)
    folded_id = entry.id.casefold()
    leaf = folded_id.rsplit("/", 1)[-1]
    score = 0
    fields: dict[str, int] = {}
    excerpt: str | None = None
    for term in wanted:
        best, best_field = 0, ""
        if term in folded_id:
            if term == folded_id:
                best = ID_EXACT
            elif folded_id.endswith("/" + term) or leaf.startswith(term.rsplit("/", 1)[-1]):
                best = ID_END
            else:
                best = ID_PART
            best_field = "id"
        term_words = words(term)
        best_text = ""
        for field, text in texts:
            gained = _prefix_score(term_words, text, FIELD_WEIGHTS[field])
            if gained > best:
                best, best_field, best_text = gained, field, text
        if not best:
            return None
        if excerpt is None and best_field not in ("id", "title"):
            excerpt = _excerpt(best_text, term_words)
        score += best
        fields[best_field] = max(fields.get(best_field, 0), best)
    ordered = tuple(sorted(fields, key=lambda field: -fields[field]))
    return Match(position, score, ordered, excerpt)


def _prefix_score(term_words: list[str], text: str, weight: int) -> int:
    """``weight`` when every word of the term starts a word of ``text`` (a third more when
    each is a whole word), else 0.
    """
    if not term_words:
        return 0
    found = words(text)
    whole = True
    for word in term_words:
        if word in found:
            continue
        if not any(candidate.startswith(word) for candidate in found):
            return 0
        whole = False
    return weight + weight // 3 if whole else weight


def _excerpt(text: str, term_words: Iterable[str]) -> str:
    """At most :data:`EXCERPT_WIDTH` characters of ``text`` on one line, around the first
    place a word of the term occurs, with ``…`` where it was cut.
    """
    line = " ".join(text.split())
    if len(line) <= EXCERPT_WIDTH:
        return line
    folded = line.casefold()
    at = min((folded.find(word) for word in term_words if word in folded), default=0)
    start = max(0, min(at - EXCERPT_WIDTH // 3, len(line) - EXCERPT_WIDTH + 1))
    stop = start + EXCERPT_WIDTH - 1 - (1 if start else 0)
    return ("…" if start else "") + line[start:stop] + ("…" if stop < len(line) else "")
