"""Turning what a learner types into checkable item ids.

A reference is, in this order of preference: a full id (or an old id of a renamed item), a
unique id suffix at a ``/`` boundary (``attention-from-scratch`` for
``m1/attention-from-scratch``), a title typed in full, or words that all occur in exactly one
title. Anything else is an error that lists the closest candidates.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.curriculum.items import Item
from roadmap_tracker.curriculum.model import Curriculum

MAX_CANDIDATES = 5
_WORD = re.compile(r"[\w+#]+")


def words(text: str) -> list[str]:
    """The casefolded words of ``text`` (letters, digits, ``+`` and ``#``)."""
    return _WORD.findall(text.casefold())


def resolve_item(curriculum: Curriculum, reference: str, recurring: bool = False) -> Item:
    """Return the one checkable item ``reference`` names in ``curriculum``.

    With ``recurring``, the curriculum's recurring activities are candidates too, as items
    of kind ``recurring`` (:func:`recurring_items`: in no module, phase or milestone). Raises
    RoadmapError when it names none or several, listing up to five candidates as
    ``id  title`` lines in ``details``.
    """
    text = reference.strip()
    if curriculum.current_id(text) is not None:
        return curriculum.item(text)
    candidates = curriculum.items + (recurring_items(curriculum) if recurring else [])
    exact = [item for item in candidates if item.id == text]
    if exact:
        return exact[0]

    by_suffix = [item for item in candidates if item.id.endswith("/" + text)]
    if len(by_suffix) == 1:
        return by_suffix[0]

    wanted = words(text)
    by_title = [item for item in candidates if words(item.title) == wanted]
    if len(by_title) == 1:
        return by_title[0]

    by_words = []
    if wanted:
        by_words = [item for item in candidates if set(wanted) <= set(words(item.title))]
    if len(by_words) == 1:
        return by_words[0]

    ambiguous = by_suffix or by_title or by_words
    if ambiguous:
        raise RoadmapError(
            f"'{reference}' matches {len(ambiguous)} items in {curriculum.slug}; "
            "name one of them by its id.",
            "Use one of the ids below.",
            _candidate_lines(ambiguous),
        )
    raise RoadmapError(
        f"No item of {curriculum.slug} matches '{reference}'.",
        "Check the spelling, or run 'roadmap show' to see every id."
        if not (close := closest_items(curriculum, text))
        else "Did you mean one of these?",
        _candidate_lines(close),
    )


def resolve_items(
    curriculum: Curriculum, references: list[str], recurring: bool = False
) -> list[Item]:
    """Resolve every reference (see :func:`resolve_item`), or raise the first RoadmapError;
    duplicates collapse.
    """
    resolved: dict[str, Item] = {}
    for reference in references:
        item = resolve_item(curriculum, reference, recurring)
        resolved.setdefault(item.id, item)
    return list(resolved.values())


def recurring_items(curriculum: Curriculum) -> list[Item]:
    """The curriculum's recurring activities as items of kind ``recurring``, so that a
    learner can name them like any item.
    """
    return [
        Item(
            id=activity.id,
            title=activity.title,
            kind="recurring",
            module_id=None,
            phase_id=None,
            old_ids=(),
        )
        for activity in curriculum.recurring
    ]


def closest_items(curriculum: Curriculum, text: str) -> list[Item]:
    """Return up to five items whose id or title is closest to ``text``, best first."""
    folded = text.casefold()
    scored: list[tuple[float, int, Item]] = []
    for position, item in enumerate(curriculum.items):
        leaf = item.id.rsplit("/", 1)[-1]
        score = max(
            difflib.SequenceMatcher(None, folded, item.id).ratio(),
            difflib.SequenceMatcher(None, folded, leaf).ratio(),
            difflib.SequenceMatcher(None, folded, item.title.casefold()).ratio(),
        )
        if score >= 0.45:
            scored.append((-score, position, item))
    scored.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in scored[:MAX_CANDIDATES]]


def _candidate_lines(items: list[Item]) -> list[str]:
    lines = [f"{item.id}  {item.title}" for item in items[:MAX_CANDIDATES]]
    if len(items) > MAX_CANDIDATES:
        lines.append(f"... and {len(items) - MAX_CANDIDATES} more")
    return lines


class Named(Protocol):
    """Anything with an ``id`` and a ``title``: a module, a choice group."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...


NamedT = TypeVar("NamedT", bound=Named)


def resolve_named(candidates: Sequence[NamedT], reference: str, message: str, what: str) -> NamedT:
    """Return the one candidate ``reference`` names: by id, by an id ending in ``/reference``
    or ``-reference`` (``framework`` for ``p2-framework``), or by a title holding all its
    words. Raises RoadmapError with ``message`` and every candidate as ``id  title`` lines
    (``what`` names them: "optional modules").
    """
    text = reference.strip()
    wanted = set(words(text))
    for test in (
        lambda c: c.id == text,
        lambda c: c.id.endswith(("/" + text, "-" + text)),
        lambda c: bool(wanted) and wanted <= set(words(c.title)),
    ):
        found = [c for c in candidates if test(c)]
        if len(found) == 1:
            return found[0]
    raise RoadmapError(message, f"The {what} are:", [f"{c.id}  {c.title}" for c in candidates])
