"""``roadmap find WORDS``: the items of your curriculum whose id, title, description, topics
or notes hold the words, best first (decision 53).

Words match by prefix (``transformer`` finds "Transformers"), case and accents aside; a
text with a ``/`` or ``-`` also matches any part of an id (``m7/dp-sgd`` finds
``m7/dp-sgd-tradeoff``). Imported by ``find`` alone.
"""

from __future__ import annotations

import re
import unicodedata

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import View
from roadmap_tracker.commands.evidence import source_records
from roadmap_tracker.commands.picking import ItemState, item_states
from roadmap_tracker.session import Session, whole_curriculum_of

_WORD = re.compile(r"[\w+#]+")

RANKS = {"id": 5, "id part": 4, "title": 3, "description": 2, "topics": 1, "notes": 0}
"""Where a match was found, best first: the whole id, part of an id, the title's words, the
description, the module's topics, the learner's notes."""


def fold(text: str) -> str:
    """``text`` casefolded with its accents taken off (``Réseaux`` to ``reseaux``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


class FoundItem(View):
    """One item ``find`` found: its ``id``, ``title``, ``state`` (open, doing, done,
    skipped, or recurring for a recurring activity), the ``module`` it belongs to (None
    outside a module) and ``matched``, where the words were found (a key of :data:`RANKS`),
    with ``excerpt``, the matching text of a description, topic or note (None for an id or
    title).
    """

    id: str
    title: str
    state: ItemState
    module: str | None
    matched: str
    excerpt: str | None


class FindView(View):
    """``roadmap find WORDS``: the ``query`` as typed, the enrollment's ``curriculum`` and the
    ``items`` found, best first (see :data:`RANKS`; then in curriculum order)."""

    query: str
    curriculum: str
    items: list[FoundItem]


def _holds(wanted: list[str], text: str) -> bool:
    """True when every word of ``wanted`` begins a word of ``text``."""
    have = _words(text)
    return all(any(word.startswith(w) for word in have) for w in wanted)


def find_view(session: Session, query: str) -> FindView:
    """The items of the session's enrollment that ``query`` matches, best first, each with
    where it matched (:class:`FoundItem`). Notes are those recorded up to the session's day.
    Raises RoadmapError when ``query`` has no word, or when there is no enrollment.
    """
    wanted = _words(query)
    text = fold(query.strip())
    if not wanted:
        raise RoadmapError(
            f"'{query}' has no word to look for.",
            "Give a word of a title or a part of an id: roadmap find transformer",
        )
    context = session.context()
    curriculum = whole_curriculum_of(context.enrollment)
    sources = source_records(curriculum)
    states = item_states(session)
    topics: dict[str, list[str]] = {}
    for module in curriculum.modules:
        topics[module.id] = [
            line for topic in module.topics for line in (topic.title, *topic.items)
        ]
    notes: dict[str, list[str]] = {}
    for recorded, entries in context.ledger.notes.items():
        item_id = context.curriculum.current_id(recorded) or recorded
        notes.setdefault(item_id, []).extend(note for _, note, _, _ in entries if note)
    candidates = [(item.id, item.title, item.module_id) for item in context.curriculum.items]
    candidates += [(activity.id, activity.title, None) for activity in curriculum.recurring]
    recurring = {activity.id for activity in curriculum.recurring}
    found: list[tuple[int, int, FoundItem]] = []
    for position, (item_id, title, module_id) in enumerate(candidates):
        source = sources.get(item_id)
        fields: list[tuple[str, list[str]]] = [
            ("description", [source.description] if source and source.description else []),
            ("topics", topics.get(module_id, []) if module_id else []),
            ("notes", notes.get(item_id, [])),
        ]
        matched, excerpt = None, None
        if fold(item_id) == text:
            matched = "id"
        elif len(text) > 1 and text in fold(item_id):
            matched = "id part"
        elif _holds(wanted, title):
            matched = "title"
        else:
            for name, texts in fields:
                hit = next((t for t in texts if _holds(wanted, t)), None)
                if hit is not None:
                    matched, excerpt = name, " ".join(hit.split())
                    break
        if matched is None:
            continue
        state: ItemState = "recurring" if item_id in recurring else states.get(item_id, "open")
        found.append(
            (
                -RANKS[matched],
                position,
                FoundItem(
                    id=item_id,
                    title=title,
                    state=state,
                    module=module_id,
                    matched=matched,
                    excerpt=excerpt,
                ),
            )
        )
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return FindView(query=query, curriculum=curriculum.slug, items=[item for _, _, item in found])
