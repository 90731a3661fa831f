"""What one enrollment's counted events add up to (:class:`Ledger`), and the settings its
plan is made from (:func:`plan_settings`).

A ledger folds the events one at a time: the state of each item (done, in progress, skipped
or open) and the day it changed, the hours logged, the occurrences of recurring activities,
the notes, the journal entries and reviews, the events that set the plan (choose, include,
exclude, replan) and the pauses (pause, resume). Every query about an enrollment's events
goes through one; the cache keeps them between commands (docs/performance.md), so that a
command need not read every event again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

from roadmap_tracker.base.records import Record
from roadmap_tracker.progress.events import Enrollment, Event

ItemState = Literal["open", "done", "doing", "skipped"]


_STATE_CODES: dict[str, int] = {"uncheck": 0, "reset": 0, "check": 1, "doing": 2, "skip": 3}


_STATES: tuple[ItemState, ...] = ("open", "done", "doing", "skipped")


class Ledger:
    """What one enrollment's counted events add up to, folded event by event (:meth:`add`).

    It keeps, per item id as recorded, the last change of its state that named it (a check,
    uncheck, doing, skip or reset: its ``on`` day and the state it set, packed in one int by
    :func:`_touch`), in the order they were recorded; decimal hours logged per day, per
    item, and per day and item together (``hours_by_day_item``: the day's ordinal, then the
    item id as recorded, "" for a log without a task; nested rather than keyed by pairs, so
    that the kept state loads faster); occurrences recorded per day
    of each id in ``occurrence_ids``, or of every id for a ledger made by
    :meth:`of_every_id` (recurring activities: by check and uncheck, and by the journal
    entries and reviews that name them); the notes, links and reasons recorded
    per item; the journal entries and the reviews; and the events that make the plan's
    settings (choose, include, exclude, replan); and the paused days (:attr:`pauses`, from
    the pause and resume events). Every query about an enrollment's events
    goes through it, and it can be kept in the cache between commands (docs/performance.md)
    so that a command need not read every event again.

    Feed it the events of :meth:`~roadmap_tracker.progress.event_log.Progress.events_of`, in
    order: undo events and undone events are already left out there.
    """

    def __init__(
        self, occurrence_ids: frozenset[str] = frozenset(), *, every_id: bool = False
    ) -> None:
        self.occurrence_ids = occurrence_ids
        self.every_id = every_id
        # Days as ordinals and touches as ints: a ledger of 10,000 items loads from the cache
        # in half the time without date and tuple objects (docs/performance.md).
        self.last_touch: dict[str, int] = {}
        self.occurrences: dict[str, dict[int, int]] = {}
        self.hours_by_day: dict[int, float] = {}
        self.hours_by_item: dict[str, float] = {}
        # Per (day, item id as recorded; "" for a log without a task): ``roadmap hours``.
        self.hours_by_day_item: dict[int, dict[str, float]] = {}
        self.settings_events: list[Event] = []
        # Per item id as recorded: (day, text, links, action) of each note, link or reason.
        self.notes: dict[str, list[tuple[int, str | None, tuple[str, ...], str]]] = {}
        # Journal entries (day, seq, text) and reviews (day, seq, period start, period end).
        self.journal: list[tuple[int, int, str]] = []
        self.reviews: list[tuple[int, int, int, int]] = []
        # Paused days as inclusive (first, last) ordinals, sorted, apart and not adjacent.
        self.pause_spans: list[tuple[int, int]] = []

    @classmethod
    def of(cls, events: list[Event], occurrence_ids: frozenset[str] = frozenset()) -> Ledger:
        """The ledger of ``events`` (in the record's order)."""
        ledger = cls(occurrence_ids)
        for event in events:
            ledger.add(event)
        return ledger

    @classmethod
    def of_every_id(cls) -> Ledger:
        """An empty ledger that counts the occurrences of every id its events name, from
        which :meth:`for_ids` makes the ledger of any set of occurrence ids: for a fold made
        before the curriculum, and so its recurring activities, is known.
        """
        return cls(every_id=True)

    def for_ids(self, occurrence_ids: frozenset[str]) -> Ledger:
        """A ledger of the same events counting the occurrences of ``occurrence_ids`` only:
        what :meth:`of` would give with them. ``self`` must count every id
        (:meth:`of_every_id`); the two share no mutable part.
        """
        if not self.every_id:
            raise ValueError("only a ledger of every id can be narrowed")
        ledger = Ledger(occurrence_ids)
        ledger.last_touch = dict(self.last_touch)
        ledger.occurrences = {
            item: dict(days) for item, days in self.occurrences.items() if item in occurrence_ids
        }
        ledger.hours_by_day = dict(self.hours_by_day)
        ledger.hours_by_item = dict(self.hours_by_item)
        ledger.hours_by_day_item = {day: dict(it) for day, it in self.hours_by_day_item.items()}
        ledger.settings_events = list(self.settings_events)
        ledger.notes = {item: list(entries) for item, entries in self.notes.items()}
        ledger.journal = list(self.journal)
        ledger.reviews = list(self.reviews)
        ledger.pause_spans = list(self.pause_spans)
        return ledger

    def add(self, event: Event) -> None:
        """Fold one more counted event in."""
        action = event.action
        if action in _STATE_CODES:
            checked = action == "check"
            code = _STATE_CODES[action]
            day = event.on.toordinal()
            # Re-inserting keeps last_touch in the order of the touches that decide (and an
            # event's items in id order): the order done() returns, without sorting.
            for item in sorted(event.items):
                self.last_touch.pop(item, None)
                self.last_touch[item] = _touch(day, code)
                if (self.every_id or item in self.occurrence_ids) and action in (
                    "check",
                    "uncheck",
                ):
                    days = self.occurrences.setdefault(item, {})
                    days[day] = max(0, days.get(day, 0) + (1 if checked else -1))
            if event.note or event.links:
                for item in event.items:
                    entry = (day, event.note, event.links, action)
                    self.notes.setdefault(item, []).append(entry)
        elif action == "note":
            entry = (event.on.toordinal(), event.note, event.links, action)
            self.notes.setdefault(event.items[0], []).append(entry)
        elif action == "journal" or action == "review":
            day = event.on.toordinal()
            if action == "journal":
                self.journal.append((day, event.seq, event.note or ""))
            else:
                assert event.period_start is not None and event.period_end is not None
                self.reviews.append(
                    (day, event.seq, event.period_start.toordinal(), event.period_end.toordinal())
                )
            # An entry or a review counts as one occurrence of the recurring activity it
            # names (the curriculum's journal.activity or review.activity).
            for item in event.items:
                if self.every_id or item in self.occurrence_ids:
                    days = self.occurrences.setdefault(item, {})
                    days[day] = days.get(day, 0) + 1
        elif action == "log":
            hours = event.hours or 0.0
            day = event.on.toordinal()
            self.hours_by_day[day] = self.hours_by_day.get(day, 0.0) + hours
            if event.items:
                item = event.items[0]
                self.hours_by_item[item] = self.hours_by_item.get(item, 0.0) + hours
            logged = self.hours_by_day_item.setdefault(day, {})
            task = event.items[0] if event.items else ""
            logged[task] = logged.get(task, 0.0) + hours
        elif action in ("choose", "include", "exclude", "replan"):
            self.settings_events.append(event)
        elif action == "pause":
            assert event.period_end is not None
            self.pause_spans = _with_pause(
                self.pause_spans, event.on.toordinal(), event.period_end.toordinal()
            )
        elif action == "resume":
            self.pause_spans = _resumed(self.pause_spans, event.on.toordinal())

    @property
    def pauses(self) -> list[tuple[dt.date, dt.date]]:
        """The paused days as inclusive (first, last) local calendar dates, in order of day:
        every pause folded in the order recorded, overlapping or adjacent pauses joined, and
        each resume cutting the pause that holds its day to the day before (a resume on a
        pause's first day takes it away).
        """
        return [(dt.date.fromordinal(a), dt.date.fromordinal(b)) for a, b in self.pause_spans]

    def done(
        self, as_of: dt.date | None = None, current_ids: Mapping[str, str] | None = None
    ) -> dict[str, dt.date]:
        """The items done by the end of ``as_of`` (all, if None), each with the day done, in
        the order their deciding check was recorded.

        Checks and unchecks count in the order recorded: a check marks an item done on its
        ``on`` day, and a later uncheck takes that check back whatever its day.
        ``current_ids`` maps ids as recorded (old ids of renamed or moved items) to the
        current ones, so that a check and an uncheck recorded under different ids of one item
        meet; ids it does not hold stay as recorded.
        """
        return self.in_state("done", as_of, current_ids)

    def in_state(
        self,
        state: ItemState,
        as_of: dt.date | None = None,
        current_ids: Mapping[str, str] | None = None,
    ) -> dict[str, dt.date]:
        """The items whose last state change by the end of ``as_of`` (all, if None) made
        them ``state`` (``done``, ``doing``, ``skipped`` or ``open``), each with that change's
        day, in the order those changes were recorded; ``current_ids`` as in :meth:`done`.

        Only the last change of an item counts, whatever its day: an item checked on one day
        and skipped on a later one is skipped, and not done on any day.
        """
        rename = current_ids or {}
        touches = self.last_touch
        if any(recorded in touches for recorded in rename):
            touches = {}
            for recorded, touch in self.last_touch.items():  # in the order recorded
                item = rename.get(recorded, recorded)
                touches.pop(item, None)
                touches[item] = touch
        code = _STATES.index(state)
        until = _touch((as_of or dt.date.max).toordinal(), 3)
        dates = {
            touch: dt.date.fromordinal(touch >> 2)
            for touch in set(touches.values())
            if touch & 3 == code and touch <= until
        }
        if not dates:  # no item in that state (often: skipped, in progress)
            return {}
        return {item: dates[touch] for item, touch in touches.items() if touch in dates}

    def occurrence_counts(
        self, activity_id: str, first: dt.date | None = None, last: dt.date | None = None
    ) -> dict[dt.date, int]:
        """How many occurrences of a recurring activity were recorded on each day (checks
        less unchecks, never below zero), on the days ``first`` to ``last`` inclusive (each
        open when None). ``activity_id`` must be one of ``occurrence_ids``.
        """
        if activity_id not in self.occurrence_ids:
            raise ValueError(f"{activity_id} is not counted by this ledger")
        low = first.toordinal() if first is not None else 0
        high = (last or dt.date.max).toordinal()
        days = self.occurrences.get(activity_id, {})
        return {dt.date.fromordinal(day): n for day, n in days.items() if n and low <= day <= high}

    def logged_hours(self, first: dt.date, last: dt.date) -> float:
        """Decimal hours logged on the days ``first`` to ``last``, inclusive."""
        low, high = first.toordinal(), last.toordinal()
        return sum((hours for day, hours in self.hours_by_day.items() if low <= day <= high), 0.0)


def _with_pause(spans: list[tuple[int, int]], first: int, last: int) -> list[tuple[int, int]]:
    """``spans`` (sorted inclusive day ordinals) with the days ``first`` to ``last`` added,
    the spans it overlaps or touches joined with it.
    """
    kept: list[tuple[int, int]] = []
    for low, high in spans:
        if high < first - 1 or low > last + 1:
            kept.append((low, high))
        else:
            first, last = min(first, low), max(last, high)
    return sorted([*kept, (first, last)])


def _resumed(spans: list[tuple[int, int]], day: int) -> list[tuple[int, int]]:
    """``spans`` with the one holding ``day`` (an ordinal) cut to the day before it."""
    cut: list[tuple[int, int]] = []
    for low, high in spans:
        if low <= day <= high:
            if low < day:
                cut.append((low, day - 1))
        else:
            cut.append((low, high))
    return cut


def _touch(day: int, code: int) -> int:
    """One change of an item's state as one small int: the ordinal of its day shifted two
    bits up, plus the state's code (0 open, 1 done, 2 doing, 3 skipped). Touches of later
    days compare greater.
    """
    return day << 2 | code


def done_items(
    events: list[Event],
    as_of: dt.date | None = None,
    current_ids: Mapping[str, str] | None = None,
) -> dict[str, dt.date]:
    """Return the items done by the end of ``as_of`` (all, if None), each with the date done;
    see :meth:`Ledger.done`.
    """
    return Ledger.of(events).done(as_of, current_ids)


class Replan(Record, kw_only=False):
    """A re-baseline: from ``on`` the remaining plan runs at ``hours_per_week`` (decimal hours)."""

    on: dt.date
    hours_per_week: float | None


class PlanSettings(Record, kw_only=False):
    """What an enrollment's plan is made from, after every choose/include/exclude/replan event.

    ``hours_per_week`` is the commitment now (the last replan's, else the enrollment's);
    ``include`` the optional modules taken; ``choices`` each choice group's chosen options;
    ``replans`` the re-baselines in the order recorded; ``first_hours_per_week`` the hours of
    the original plan.
    """

    started: dt.date
    hours_per_week: float | None
    include: tuple[str, ...]
    choices: dict[str, list[str]]
    replans: tuple[Replan, ...]
    first_hours_per_week: float | None


def plan_settings(enrollment: Enrollment, events: list[Event]) -> PlanSettings:
    """Fold an enrollment's choose, include, exclude and replan events (in the order recorded)
    into the settings its plan is made from.
    """
    include: list[str] = []
    choices: dict[str, list[str]] = {}
    hours = enrollment.hours_per_week
    replans: list[Replan] = []
    for event in events:
        if event.action == "choose":
            choices[event.items[0]] = list(event.options)
        elif event.action == "include":
            include += [item for item in event.items if item not in include]
        elif event.action == "exclude":
            include = [item for item in include if item not in event.items]
        elif event.action == "replan":
            hours = event.hours if event.hours is not None else hours
            replans.append(Replan(event.on, hours))
    return PlanSettings(
        started=enrollment.started,
        hours_per_week=hours,
        include=tuple(include),
        choices=choices,
        replans=tuple(replans),
        first_hours_per_week=enrollment.hours_per_week,
    )


def occurrence_counts(events: list[Event], activity_id: str) -> dict[dt.date, int]:
    """How many occurrences of a recurring activity were recorded on each day (checks less
    unchecks, never below zero); see :meth:`Ledger.occurrence_counts`.
    """
    return Ledger.of(events, frozenset({activity_id})).occurrence_counts(activity_id)


def logged_hours(events: list[Event], first: dt.date, last: dt.date) -> float:
    """Decimal hours logged on the days ``first`` to ``last``, inclusive."""
    return Ledger.of(events).logged_hours(first, last)


def hours_by_item(events: list[Event]) -> dict[str, float]:
    """Decimal hours logged against each item id (``log --task``), in order of first log."""
    return Ledger.of(events).hours_by_item
