"""Turning what a learner types into what it names: one rule for every command.

:func:`resolve` is the one resolver; ``check``, ``uncheck``, ``doing``, ``skip``, ``reset``,
``note``, ``show`` and ``log --task`` all go through it (:func:`resolve_for`), so the same
words name the same thing everywhere. A reference is, in this order of preference:

1. the full id of a checkable item (or an old id of a renamed item);
2. the full id of a module or phase (which some commands take for its items);
3. the full id of a recurring activity;
4. a unique id suffix at a ``/`` boundary (``attention-from-scratch`` for
   ``m1/attention-from-scratch``), a title typed in full, or words that all occur in exactly
   one title, among the items and recurring activities (modules and phases are named by
   their ids only).

Anything else is an error that lists the closest candidates. A command that does not take
what a reference names (a note on a module, a skip of a recurring activity) says so in one
sentence rather than looking for something else the words might name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, Protocol, TypeVar

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import Record
from roadmap_tracker.curriculum.items import Item
from roadmap_tracker.curriculum.model import Curriculum

MAX_CANDIDATES = 5
_WORD = re.compile(r"[\w+#]+")

TargetKind = Literal["item", "recurring", "module", "phase"]
"""What a reference can name: a checkable item, a recurring activity, a module, a phase."""

KIND_WORDS: dict[str, str] = {
    "item": "an item",
    "recurring": "a recurring activity",
    "module": "a module",
    "phase": "a phase",
}


class UnresolvedReference(RoadmapError):
    """A reference that names several items (``ambiguous``) or none: ``reference`` as typed,
    and ``matches``, every item it could mean as (id, title) pairs, best first (for a
    reference that names nothing, the closest items). ``details`` lists the first
    :data:`MAX_CANDIDATES` of them; :meth:`every_candidate` all of them, for ``--all`` or a
    picker.
    """

    def __init__(
        self,
        message: str,
        hint: str,
        reference: str,
        matches: list[tuple[str, str]],
        ambiguous: bool,
    ) -> None:
        super().__init__(message, hint, _candidate_lines(matches))
        self.reference = reference
        self.matches = matches
        self.ambiguous = ambiguous

    def every_candidate(self) -> None:
        """List every candidate in ``details``, not only the first five."""
        self.details = _candidate_lines(self.matches, limit=None)


class Target(Record, kw_only=False):
    """What a reference names (:func:`resolve`): its ``kind``, ``id`` and ``title``, and for
    an item or a recurring activity the ``item`` (a recurring activity as an item of kind
    ``recurring``, :func:`recurring_items`).
    """

    kind: TargetKind
    id: str
    title: str
    item: Item | None = None


def words(text: str) -> list[str]:
    """The casefolded words of ``text`` (letters, digits, ``+`` and ``#``)."""
    return _WORD.findall(text.casefold())


def resolve(curriculum: Curriculum, reference: str, suggest: bool = True) -> Target:
    """Return what ``reference`` names in ``curriculum`` by the one rule of this module's
    docstring. Raises RoadmapError when it names nothing or several things, listing up to
    five candidates as ``id  title`` lines in ``details``; with ``suggest`` False, a
    reference that names nothing lists none (the closest items are not looked for: a caller
    that only asks whether it names something).
    """
    text = reference.strip()
    if curriculum.current_id(text) is not None:
        item = curriculum.item(text)
        return Target("item", item.id, item.title, item)
    module = curriculum.module_index.get(text)
    if module is not None:
        return Target("module", module.id, module.title)
    phase = curriculum.phase_index.get(text)
    if phase is not None:
        return Target("phase", phase.id, phase.title)
    activities = recurring_items(curriculum)
    candidates = curriculum.items + activities
    exact = [item for item in activities if item.id == text]
    if exact:
        return _target(exact[0])

    by_suffix = [item for item in candidates if item.id.endswith("/" + text)]
    if len(by_suffix) == 1:
        return _target(by_suffix[0])

    wanted = words(text)
    # a title can hold the words only if it holds them as text: the words of that few alone
    holding = [(item, item.title.casefold()) for item in candidates]
    for word in wanted:
        holding = [(item, title) for item, title in holding if word in title]
    by_title = [item for item, _ in holding if words(item.title) == wanted]
    if len(by_title) == 1:
        return _target(by_title[0])

    by_words = []
    if wanted:
        by_words = [item for item, _ in holding if set(wanted) <= set(words(item.title))]
    if len(by_words) == 1:
        return _target(by_words[0])

    ambiguous = by_suffix or by_title or by_words
    if ambiguous:
        raise UnresolvedReference(
            f"'{reference}' matches {len(ambiguous)} items in {curriculum.slug}; "
            "name one of them by its id.",
            "Use one of the ids below.",
            reference,
            [(item.id, item.title) for item in ambiguous],
            ambiguous=True,
        )
    close = closest_items(curriculum, text, limit=None) if suggest else []
    raise UnresolvedReference(
        f"No item of {curriculum.slug} matches '{reference}'.",
        "Did you mean one of these?"
        if close
        else "Check the spelling, or run 'roadmap find WORDS' or 'roadmap show' to see ids.",
        reference,
        [(item.id, item.title) for item in close],
        ambiguous=False,
    )


def _target(item: Item) -> Target:
    """The target of an item, or of a recurring activity as an item."""
    kind: TargetKind = "recurring" if item.kind == "recurring" else "item"
    return Target(kind, item.id, item.title, item)


def resolve_for(
    curriculum: Curriculum, reference: str, command: str, accepts: Sequence[TargetKind]
) -> Target:
    """:func:`resolve` for ``command`` (``roadmap note``, ``roadmap log --task``...), which
    takes the kinds ``accepts``. Raises RoadmapError as :func:`resolve` does, and in one
    sentence when the reference names a kind the command does not take (with a hint at what
    does).
    """
    target = resolve(curriculum, reference)
    if target.kind in accepts:
        return target
    taken = " or ".join(KIND_WORDS[kind] for kind in accepts)
    if target.kind == "recurring":
        hint = (
            f"A recurring activity has occurrences, not a state: 'roadmap check {target.id}' "
            "records one and 'roadmap check --undo' takes one back; 'roadmap status' shows "
            "its count."
        )
    else:
        hint = f"Name one of its items: 'roadmap show {target.id}' lists them."
    raise RoadmapError(
        f"{target.id} is {KIND_WORDS[target.kind]}; '{command}' takes {taken}.", hint
    )


def resolve_item(curriculum: Curriculum, reference: str, recurring: bool = False) -> Item:
    """Return the one checkable item ``reference`` names in ``curriculum`` (:func:`resolve`,
    the same rule and candidates as every command).

    With ``recurring``, a recurring activity is taken too, as an item of kind ``recurring``
    (:func:`recurring_items`: in no module, phase or milestone). Raises RoadmapError when it
    names nothing or several things, listing up to five candidates as ``id  title`` lines in
    ``details``, and when it names a module, a phase, or (without ``recurring``) a recurring
    activity.
    """
    accepts: tuple[TargetKind, ...] = ("item", "recurring") if recurring else ("item",)
    target = resolve_for(curriculum, reference, "this command", accepts)
    assert target.item is not None
    return target.item


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


def closest_items(
    curriculum: Curriculum, text: str, limit: int | None = MAX_CANDIDATES
) -> list[Item]:
    """Return up to ``limit`` items (all with None) whose id, last part of the id or
    casefolded title is close to ``text`` (casefolded), best first, items equally close in
    curriculum order.

    Close is a similarity of :data:`_CUTOFF` or more by rapidfuzz's ``fuzz.ratio`` / 100
    (twice the longest common subsequence over the two lengths), computed in C: the 30,000
    strings of a 10,000-item curriculum in milliseconds. difflib's ``ratio``, which the order
    of the first items follows, is never above it, so the items are first ranked by it and
    then, from the best, ranked again by difflib's ratio until the first
    :data:`MAX_CANDIDATES` cannot change (the next item's rapidfuzz similarity is below the
    fifth difflib one), or :data:`_RESCORED` items were (those difflib finds below the cutoff
    are left out): the first lines a learner reads are difflib's, at a bounded cost.
    rapidfuzz is imported here alone: only a reference that names nothing needs it.
    """
    import difflib

    from rapidfuzz import fuzz, process

    folded = text.casefold()
    table = curriculum.item_table
    strings: list[str] = []
    for item_id, title in zip(table.ids, table.titles, strict=True):
        strings += (item_id, item_id.rsplit("/", 1)[-1], title.casefold())
    close: dict[int, float] = {}
    for _, score, index in process.extract(
        folded, strings, scorer=fuzz.ratio, score_cutoff=_CUTOFF * 100 - 1, limit=None
    ):
        position = index // 3
        close[position] = max(score / 100, close.get(position, 0.0))
    # (the cutoff above is a point lower: rapidfuzz rounds it to an edit distance, and 0.45
    # can be 0.44999999999999996 in floating point)
    ranked = sorted(
        (position for position, score in close.items() if score >= _CUTOFF - 1e-9),
        key=lambda position: (-close[position], position),
    )
    rescored: dict[int, float] = {}
    for position in ranked:
        settled = sorted(rescored.values(), reverse=True)[MAX_CANDIDATES - 1 : MAX_CANDIDATES]
        if len(rescored) >= _RESCORED or (settled and settled[0] > close[position]):
            break
        rescored[position] = max(
            difflib.SequenceMatcher(None, folded, string).ratio()
            for string in strings[position * 3 : position * 3 + 3]
        )
    first = sorted(
        (position for position, score in rescored.items() if score >= _CUTOFF),
        key=lambda position: (-rescored[position], position),
    )
    order = first + [position for position in ranked if position not in rescored]
    items = curriculum.items
    return [items[position] for position in order[:limit]]


_CUTOFF = 0.45
"""The least similarity of a close item (its rapidfuzz one; difflib's for those ranked again,
so that an item difflib finds too far is left out, as before rapidfuzz)."""
_RESCORED = 60
"""At most this many of the closest items are ranked again by difflib's ratio."""


def _candidate_lines(
    matches: list[tuple[str, str]], limit: int | None = MAX_CANDIDATES
) -> list[str]:
    """``id  title`` lines for the first ``limit`` matches (all with None), then how many
    more there are and how to see them."""
    lines = [f"{item_id}  {title}" for item_id, title in matches[:limit]]
    if limit is not None and len(matches) > limit:
        lines.append(f"... and {len(matches) - limit} more (--all lists them)")
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
