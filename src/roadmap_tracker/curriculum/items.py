"""A curriculum's checkable items, one by one (:class:`Item`) and as columns
(:class:`ItemTable`).

:attr:`~roadmap_tracker.curriculum.model.Curriculum.items` lists every checkable item in
curriculum order with its place (module, phase, milestone), from the columns of
:attr:`~roadmap_tracker.curriculum.model.Curriculum.item_table`, which a cached curriculum
keeps.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

ItemKind = Literal["task", "deliverable", "checkpoint", "milestone", "recurring"]


class Item(NamedTuple):
    """A checkable item with its place in the curriculum, as
    :attr:`~roadmap_tracker.curriculum.model.Curriculum.items` lists it.

    ``module_id`` is None for items that belong to a phase itself (its checklist,
    deliverables or checkpoint) and for milestone items; ``phase_id`` is None for milestone
    items, whose ``milestone_id`` is set. Kind ``recurring`` is never in
    :attr:`~roadmap_tracker.curriculum.model.Curriculum.items`: it stands for a recurring
    activity when a learner names one (:func:`roadmap_tracker.plan.refs.recurring_items`).
    """

    id: str
    title: str
    kind: ItemKind
    module_id: str | None
    phase_id: str | None
    old_ids: tuple[str, ...]
    section: str | None = None
    milestone_id: str | None = None


class ItemTable(NamedTuple):
    """A curriculum's checkable items as columns, in the order of
    :attr:`~roadmap_tracker.curriculum.model.Curriculum.items`.

    Position ``i`` of each column describes the same item. A module's items, a phase's own
    items and a milestone's items each stand together; ``module_spans``, ``phase_spans`` and
    ``milestone_spans`` give their ``(start, stop)`` positions by module, phase or milestone
    id. ``old_ids`` holds the old ids of the items that have some, by position.

    Columns rather than one object per item: a cached curriculum of 10,000 items loads in a
    tenth of the time (docs/performance.md), and counting done items of a module is a set
    operation on a slice of ``ids``.
    """

    ids: list[str]
    titles: list[str]
    kinds: list[ItemKind]
    sections: list[str | None]
    module_ids: list[str | None]
    phase_ids: list[str | None]
    milestone_ids: list[str | None]
    old_ids: dict[int, tuple[str, ...]]
    module_spans: dict[str, tuple[int, int]]
    phase_spans: dict[str, tuple[int, int]]
    milestone_spans: dict[str, tuple[int, int]]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle ids and titles each as one string joined with :data:`_PACKED_SEPARATOR`
        (ten thousand short strings take about twice as long to unpickle as one long string
        takes to split), and each section text once.
        """
        shared: dict[str, str] = {}
        sections = [None if s is None else shared.setdefault(s, s) for s in self.sections]
        packed = (_packed(self.ids), _packed(self.titles), self.kinds, sections)
        return _unpacked_table, (*packed, *self[4:])

    def row(self, position: int) -> Item:
        """The item at ``position``."""
        return Item(
            self.ids[position],
            self.titles[position],
            self.kinds[position],
            self.module_ids[position],
            self.phase_ids[position],
            self.old_ids.get(position, ()),
            self.sections[position],
            self.milestone_ids[position],
        )


_PACKED_SEPARATOR = "\x1f"
"""Joins the strings of a packed column (ASCII unit separator)."""


def _packed(column: list[str]) -> str | list[str]:
    """A column of strings as one joined string; the list itself when it is empty or one of
    its strings holds the separator.
    """
    if not column or any(_PACKED_SEPARATOR in text for text in column):
        return column
    return _PACKED_SEPARATOR.join(column)


def _unpacked_table(ids: str | list[str], titles: str | list[str], *rest: Any) -> ItemTable:
    """The :class:`ItemTable` of the values :meth:`ItemTable.__reduce__` gives."""
    if isinstance(ids, str):
        ids = ids.split(_PACKED_SEPARATOR)
    if isinstance(titles, str):
        titles = titles.split(_PACKED_SEPARATOR)
    return ItemTable(ids, titles, *rest)
