"""The events of a progress file as a whole: the rules they follow together, which of them
count, and the enrollments they leave.

:class:`Progress` holds every event in the record's order, by id (:func:`canonical`:
the same events in any file order, a line a merge duplicated counted once), checked one at a
time by :class:`SequenceCheck` (ids increase; an undo takes back an earlier change). An
undone event stays in the file and is skipped: :attr:`Progress.changes` are
the events that count. The enrollments come from the ``start``, ``switch``, ``move`` and
``stop`` events (:func:`fold_enrollments`). :class:`CountedEvents` does the same on a file read line
by line, handing each enrollment's counted events to a sink of its own (a
:class:`~roadmap_tracker.progress.ledger.Ledger`, which the cache keeps with
:class:`~roadmap_tracker.progress.progress_state.ProgressState`) without keeping them.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Container, Iterable, Sequence
from functools import cached_property
from itertools import pairwise
from typing import Generic, Literal, Protocol, TypeVar

from roadmap_tracker.progress.events import (
    SCHEMA_VERSION,
    UNDO_DEPTH,
    Enrollment,
    Event,
    enrollment_of,
    moved,
)

_ANNOUNCED = frozenset({"start", "move", "pause", "resume"})


def day_in_force(event: Event) -> dt.date:
    """The local calendar day from which ``event`` is part of the record's views (decision 36):
    its ``on`` day, except for a ``start``, a ``move`` of the start, a ``pause`` or a
    ``resume``, which are in force from the earlier of the day they take effect (``on``) and
    the day they were recorded (``at``): an enrollment recorded today for next Monday shows
    its plan today, and one back-dated to January counts from January; a pause announced
    today for a holiday next month moves today's plan. Undo events are corrections of the
    record, in force on every day.
    """
    if event.action in _ANNOUNCED:
        return min(event.on, event.at.date())
    return event.on


class ProgressError(ValueError):
    """The events of a progress file do not fit together; ``position`` is the 0-based index
    of the event at fault.
    """

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


class SequenceCheck:
    """The rules that the events of a record follow together, checked one event at a time
    in the record's order (by id, :func:`canonical`): ids increase; an undo takes back an
    earlier event (a change, an amendment, or another undo: a redo); an amendment
    (``amends``) names an earlier event that is neither an undo nor an amendment. A second
    undo of an event already undone (two machines undid it before their records met)
    changes nothing more.

    It keeps what the rules need, not the events: the ids of the last :data:`WINDOW` events
    (or ``every_id``, all the record's ids, when the caller has them), and the undo and
    amendment events' targets (they are few). :attr:`undone` says which events no longer
    count. ``count`` is the number of events added, ``last_id`` the id of the last one
    (empty for none). An undo or amendment of an event further back than the window, when
    the ids are not all known, is taken on trust and sets ``unsure``: the caller reads the
    record whole.
    """

    WINDOW = 4096

    def __init__(self, every_id: Container[str] | None = None) -> None:
        self.count = 0
        self.last_id = ""
        self.unsure = False
        self._every = every_id
        self._undoes: dict[str, str] = {}  # each undo event's id: the id it undoes
        self._versions: dict[str, list[str]] = {}  # each amended event's id: its amendments
        self._amended: dict[str, str] = {}  # each amendment's id: the event it amends
        self._undone: dict[str, str] | None = {}
        self._recent: deque[str] = deque()
        self._recent_set: set[str] = set()

    @property
    def last(self) -> int:
        """The number of the last event (0 for none)."""
        return self.count

    @property
    def undone(self) -> dict[str, str]:
        """The events that no longer count, each id mapped to the id of the event that took
        it back: the undo (the earliest one that counts, when several undid it), or for an
        earlier version of an amended event the amendment after it. An undo that a later
        undo took back (a redo) does not count, so neither does its own undoing; an
        amendment that an undo took back does not count, so the version before it does; and
        an undone event's amendments do not count either.
        """
        if self._undone is None:
            self._undone = not_counted(self._undoes, self._versions)
        return self._undone

    def add(self, event: Event) -> None:
        """Take in the next event. Raises ProgressError (``position``: the 0-based index of
        ``event`` among the events added) when it breaks a rule; it is then not taken in.
        """
        position = self.count
        if event.id <= self.last_id:
            raise ProgressError(
                f"event {event.id or position + 1} does not come after {self.last_id}", position
            )
        target = event.undoes
        amends = event.amends
        if target is not None:
            self._check_target(event, target, position, "undoes")
            self._undoes[event.id] = target
            self._undone = None
        elif amends is not None:
            if amends in self._undoes or amends in self._amended:
                raise ProgressError(
                    f"event {position + 1} amends {amends}, which is an undo or an amendment, "
                    "not the event first recorded",
                    position,
                )
            self._check_target(event, amends, position, "amends")
            self._versions.setdefault(amends, []).append(event.id)
            self._amended[event.id] = amends
            self._undone = None
        if self._every is None:
            self._recent.append(event.id)
            self._recent_set.add(event.id)
            if len(self._recent) > self.WINDOW:
                self._recent_set.discard(self._recent.popleft())
        self.last_id = event.id
        self.count += 1

    def _check_target(self, event: Event, target: str, position: int, verb: str) -> None:
        known = self._every if self._every is not None else self._recent_set
        if target >= event.id:
            raise ProgressError(
                f"event {position + 1} {verb} {target}, which is not an earlier event", position
            )
        if target not in known:
            if self._every is not None or len(self._recent) < self.WINDOW:
                raise ProgressError(
                    f"event {position + 1} {verb} {target}, which is not an earlier event",
                    position,
                )
            self.unsure = True


def not_counted(undoes: dict[str, str], versions: dict[str, list[str]]) -> dict[str, str]:
    """:attr:`SequenceCheck.undone` from each undo's target (``undoes``, undo id to target
    id) and each amended event's amendments in order (``versions``): the ids of the events
    that no longer count, each mapped to the id of the event that took it back. Targets
    that are not in the record are mapped all the same."""
    undone: dict[str, str] = {}
    for undo in sorted(undoes, reverse=True):  # a later undo decides whether an earlier counts
        if undo in undone:
            continue
        target = undoes[undo]
        if target not in undone or undo < undone[target]:
            undone[target] = undo
    for first, amendments in versions.items():
        standing = [amendment for amendment in amendments if amendment not in undone]
        if first in undone:
            for amendment in standing:
                undone[amendment] = undone[first]
        elif standing:
            chain = [first, *standing]
            for earlier, later in pairwise(chain):
                undone[earlier] = later
    return undone


def with_seq(event: Event, seq: int) -> Event:
    """``event`` at position ``seq`` of the record."""
    return event if event.seq == seq else Event(**{**event.__dict__, "seq": seq})


def content_of(event: Event) -> bytes:
    """The bytes an event's record stands for (its fields but its id and number), to tell
    a line a merge duplicated (the same) from two events with one id (damage)."""
    import json

    record = event.record()
    record.pop("id", None)
    return json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")


def canonical(events: Sequence[Event]) -> tuple[Event, ...]:
    """The events in the record's order (decision 49): by id, an event recorded twice with
    the same content (a line a merge duplicated) once, each numbered by its position (``seq``,
    1-based). The same set of events in any order gives the same record. Raises
    ProgressError (``position``: the index in ``events`` of the later copy) for two events
    with one id and different content.
    """
    ordered = all(events[i].id < events[i + 1].id for i in range(len(events) - 1))
    order = (
        range(len(events)) if ordered else sorted(range(len(events)), key=lambda i: events[i].id)
    )
    result: list[Event] = []
    for index in order:
        event = events[index]
        if result and event.id == result[-1].id:
            if content_of(event) != content_of(result[-1]):
                raise ProgressError(
                    f"event id {event.id} is recorded twice with different content", index
                )
            continue
        result.append(with_seq(event, len(result) + 1))
    return tuple(result)


def _with_ids(events: tuple[Event, ...], after: str = "") -> tuple[Event, ...]:
    """``events`` (in order) with an id given to each that has none, derived from its
    content and time (:func:`~roadmap_tracker.progress.ids.derived_id`) after the id before
    it: events made in memory and never recorded (tests, tools)."""
    if all(event.id for event in events):
        return events
    from roadmap_tracker.progress.ids import derived_id

    given: list[Event] = []
    last = after
    for event in events:
        if not event.id:
            made = derived_id(event.at, content_of(event), last or None)
            event = Event(**{**event.__dict__, "id": made})
        given.append(event)
        last = event.id
    return tuple(given)


def _standing(event: Event) -> Event:
    """``event`` as it stands among the events that count: an amendment stands for the event
    it amends, which is not among them (so it names it no more)."""
    return event if event.amends is None else Event(**{**event.__dict__, "amends": None})


class Progress:
    """The whole record: its events in the record's order (by id, :func:`canonical`), each
    numbered by its position.

    The derived state (which events count, the enrollments, the active one) is computed on
    first use. Events without an id (made in memory) get one derived from their content,
    in the order given. Raises ProgressError for ids that do not increase, or an undo of an
    event that is not an earlier change.
    """

    schema_version: Literal[3] = SCHEMA_VERSION

    def __init__(self, events: tuple[Event, ...] = ()) -> None:
        events = _with_ids(tuple(events))
        if any(e.seq <= 0 for e in events) or any(
            events[i].seq >= events[i + 1].seq for i in range(len(events) - 1)
        ):  # numbered by position unless numbered already (a part of a record: as_of)
            events = tuple(with_seq(e, position) for position, e in enumerate(events, start=1))
        self.events = events
        check = SequenceCheck({event.id for event in events})
        for event in events:
            check.add(event)
        self._check = check

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Progress) and self.events == other.events

    def __hash__(self) -> int:
        return hash(self.events)

    def __repr__(self) -> str:
        return f"Progress({len(self.events)} events)"

    @property
    def next_seq(self) -> int:
        """The number the next event gets."""
        return self.events[-1].seq + 1 if self.events else 1

    @property
    def last_id(self) -> str:
        """The id of the last event (empty for none)."""
        return self.events[-1].id if self.events else ""

    def with_event(self, event: Event) -> Progress:
        """Return this progress with ``event`` appended (validated; given an id after the
        last one when it has none)."""
        (event,) = _with_ids((event,), self.last_id)
        return Progress(events=(*self.events, with_seq(event, self.next_seq)))

    @cached_property
    def last_day(self) -> dt.date | None:
        """The latest :func:`day_in_force` of an event other than an undo, or None for none."""
        days = [day_in_force(e) for e in self.events if e.action != "undo"]
        return max(days) if days else None

    def as_of(self, day: dt.date) -> Progress:
        """The record as it stood at the end of ``day``: the events that count (undone ones
        left out, whatever the undo's day) whose :func:`day_in_force` is on or before ``day``,
        in the record's order. Every view of ``day`` is a fold of these (decision 36), so nothing
        recorded for a later day changes what ``day`` shows. Returns ``self`` when no event is
        later than ``day``.
        """
        last = self.last_day
        if last is None or last <= day:
            return self
        kept: set[int] = set()
        starts: dict[str, int] = {}  # each curriculum's last start so far
        for event in self.changes:
            if event.action == "start":
                starts[event.curriculum] = event.seq
            if day_in_force(event) <= day:
                kept.add(event.seq)
                if event.action == "move" and event.curriculum in starts:
                    kept.add(starts[event.curriculum])  # a run moved earlier: in force too
        return Progress(tuple(_standing(e) for e in self.changes if e.seq in kept))

    @cached_property
    def undone(self) -> dict[str, Event]:
        """The ids of the events that no longer count (undone, or an earlier version of an
        amended event), each with the event that took it back: the undo, or the amendment
        after it (:attr:`SequenceCheck.undone`)."""
        by_id = self._check.undone
        if not by_id:
            return {}
        wanted = set(by_id.values())
        found = {e.id: e for e in self.events if e.id in wanted}
        return {target: found[taker] for target, taker in by_id.items()}

    @cached_property
    def changes(self) -> tuple[Event, ...]:
        """The events that count: every event but undo events, the events they undid and the
        earlier versions of amended events."""
        undone = self.undone
        return tuple(e for e in self.events if e.action != "undo" and e.id not in undone)

    @property
    def _enrollments(self) -> dict[str, tuple[Enrollment, int]]:
        return self._folded[0]

    @cached_property
    def _folded(
        self,
    ) -> tuple[dict[str, tuple[Enrollment, int]], list[tuple[Enrollment, Event]]]:
        """(current enrollments by slug with their start's position among the changes, in
        order of recency; stopped enrollments with their stop events)."""
        found: dict[str, tuple[Enrollment, int]] = {}
        stopped: list[tuple[Enrollment, Event]] = []
        for position, event in enumerate(self.changes):
            action = event.action
            if action == "start":
                found.pop(event.curriculum, None)
                found[event.curriculum] = (enrollment_of(event), position)
            elif action == "switch" and event.curriculum in found:
                found[event.curriculum] = found.pop(event.curriculum)
            elif action == "move" and event.curriculum in found:
                enrollment, start_position = found[event.curriculum]
                found[event.curriculum] = (moved(enrollment, event), start_position)
            elif action == "stop" and event.curriculum in found:
                stopped.append((found.pop(event.curriculum)[0], event))
        return found, stopped

    @property
    def enrollments(self) -> list[Enrollment]:
        """Every curriculum's current enrollment, the most recently started or switched to
        last (stopped enrollments are left out: see :attr:`stopped`).
        """
        return [enrollment for enrollment, _ in self._enrollments.values()]

    @property
    def stopped(self) -> list[tuple[Enrollment, Event]]:
        """The enrollments ended by ``roadmap stop``, each with its ``stop`` event, in the
        order stopped. Their events stay in the file.
        """
        return self._folded[1]

    @property
    def active(self) -> str | None:
        """The slug of the curriculum started or switched to most recently (and not stopped
        since), or None when there is none.
        """
        return next(reversed(self._enrollments), None)

    def enrollment(self, slug: str) -> Enrollment | None:
        """Return the current enrollment in the curriculum ``slug``, or None."""
        found = self._enrollments.get(slug)
        return found[0] if found else None

    def events_of(self, slug: str) -> list[Event]:
        """The events that count for the current enrollment in ``slug``, in the record's order
        (those after its ``start``; an earlier run's events stay in the file but not here).
        """
        found = self._enrollments.get(slug)
        if found is None:
            return []
        return [e for e in self.changes[found[1] + 1 :] if e.curriculum == slug]


def fold_enrollments(
    changes: Iterable[Event],
) -> tuple[dict[str, Enrollment], list[tuple[Enrollment, Event]]]:
    """The enrollments that ``changes`` (events that count, in the record's order; only their
    ``start``, ``switch``, ``move`` and ``stop`` events matter) leave: the current ones by slug, the
    most recently started or switched to last, and the stopped ones with their ``stop``
    events, in the order stopped. As :attr:`Progress.enrollments` and
    :attr:`Progress.stopped`.
    """
    found: dict[str, Enrollment] = {}
    stopped: list[tuple[Enrollment, Event]] = []
    for event in changes:
        action, slug = event.action, event.curriculum
        if action == "start":
            found.pop(slug, None)
            found[slug] = enrollment_of(event)
        elif action == "switch" and slug in found:
            found[slug] = found.pop(slug)
        elif action == "move" and slug in found:
            found[slug] = moved(found[slug], event)
        elif action == "stop" and slug in found:
            stopped.append((found.pop(slug), event))
    return found, stopped


class EventSink(Protocol):
    """Anything that folds events one at a time, as
    :class:`~roadmap_tracker.progress.ledger.Ledger` does."""

    def add(self, event: Event) -> None:
        """Fold one more event in."""


SinkT = TypeVar("SinkT", bound=EventSink)


class CountedEvents(Generic[SinkT]):
    """Hands each enrollment's counted events (what :meth:`Progress.events_of` gives for it)
    to a sink of its own, from all the events of a file fed in the record's order (:meth:`add`),
    without keeping them: the fold of a file read line by line.

    ``make`` makes the sink of an enrollment from its ``start`` event; with ``slugs`` only
    the enrollments in those curricula get one. Whether an event counts depends on the undo
    and amendment events after it. With ``undone`` (the ids of the events that no longer
    count, :attr:`SequenceCheck.undone`, from a first read) each event is folded at once.
    Without it each waits until it is more than UNDO_DEPTH changes old, which is as far back
    as most undos reach; an undo or amendment that reaches further (``roadmap undo N`` of an
    older change, ``roadmap edit``), a redo, or an undo of an amendment leaves the fold
    ``spoiled``, and the caller must fold the file again with ``undone``.
    """

    def __init__(
        self,
        make: Callable[[Event], SinkT],
        undone: Iterable[str] | None = None,
        slugs: Iterable[str] | None = None,
    ) -> None:
        self.make = make
        self.undone = frozenset(undone) if undone is not None else None
        self.slugs = frozenset(slugs) if slugs is not None else None
        self.spoiled = False
        self.sinks: dict[str, tuple[int, SinkT]] = {}
        self._waiting: deque[Event] = deque()

    def add(self, event: Event) -> None:
        """Take in the next event of the file (validated, in the record's order)."""
        undone = self.undone
        if undone is not None:
            if event.action != "undo" and event.id not in undone:
                self._fold(event)
            return
        waiting = self._waiting
        if event.action == "undo":
            for position, waiter in enumerate(waiting):
                if waiter.id == event.undoes and waiter.amends is None:
                    del waiting[position]
                    return
            self.spoiled = True  # further back, an undo's (a redo) or an amendment's
            return
        if event.amends is not None:
            first = event.amends
            for position in range(len(waiting) - 1, -1, -1):
                waiter = waiting[position]
                if waiter.id == first or waiter.amends == first:
                    del waiting[position]
                    break
            else:
                self.spoiled = True
                return
        waiting.append(event)
        if len(waiting) > UNDO_DEPTH:
            self._fold(waiting.popleft())

    def finish(self) -> dict[str, tuple[int, SinkT]]:
        """Fold the events still waiting; return each current enrollment's sink by slug,
        with the number of its ``start`` event. Meaningless when :attr:`spoiled`.
        """
        while self._waiting:
            self._fold(self._waiting.popleft())
        return self.sinks

    def _fold(self, event: Event) -> None:
        action, slug = event.action, event.curriculum
        if action == "start":
            self.sinks.pop(slug, None)
            if self.slugs is None or slug in self.slugs:
                self.sinks[slug] = (event.seq, self.make(event))
        elif action == "stop":
            self.sinks.pop(slug, None)
        else:
            found = self.sinks.get(slug)
            if found is not None:
                found[1].add(event)
