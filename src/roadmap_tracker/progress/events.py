"""The progress model: a record of events, and the state derived from it.

A learner's progress file is a list of events, each one change the learner made (one command):
enroll (``start``), check, uncheck, log, choose, include, exclude, replan, or ``undo`` of an
earlier change. Each event says what was done, to what, on which day (``on``, the local calendar
date it counts for) and when it was recorded (``at``, an ISO 8601 timestamp with the local UTC
offset), and carries ``seq``, its number in the file. Nothing derived is stored in the file:
enrollments come from the ``start`` events (:meth:`Progress.enrollment`); what is done, the
hours logged and the plan's settings from an enrollment's other events, folded by a
:class:`Ledger` (which the cache may keep between commands, see
:class:`roadmap_tracker.progress.store.ProgressState`). An undone event stays in the file and is
skipped.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import Any, Generic, Literal, Protocol, TypeVar, get_args

from roadmap_tracker.base.clock import EARLIEST_DATE, LATEST_DATE, date_outside
from roadmap_tracker.base.records import Record

SCHEMA_VERSION: Literal[2] = 2
UNDO_DEPTH = 10
"""How many of the most recent changes ``roadmap undo`` can take back."""

EventAction = Literal[
    "start",
    "check",
    "uncheck",
    "doing",
    "skip",
    "reset",
    "note",
    "log",
    "choose",
    "include",
    "exclude",
    "replan",
    "journal",
    "review",
    "switch",
    "stop",
    "undo",
]
_ACTIONS = frozenset(get_args(EventAction))
ITEM_STATE_ACTIONS = ("check", "uncheck", "doing", "skip", "reset")
"""The actions that set the state of items (done, open, in progress, skipped)."""
_NEEDS_ITEMS = {*ITEM_STATE_ACTIONS, "note", "choose", "include", "exclude"}
ItemState = Literal["open", "done", "doing", "skipped"]
_STATE_CODES: dict[str, int] = {"uncheck": 0, "reset": 0, "check": 1, "doing": 2, "skip": 3}
_STATES: tuple[ItemState, ...] = ("open", "done", "doing", "skipped")
MAX_HOURS = 168
"""The most hours one event can carry (a week's): a ``log``, or the weekly hours of a
``start`` or ``replan``."""
MIN_HOURS = 1 / 60
"""The fewest hours one ``log`` event can carry: a minute. Less is a slip of the keyboard
(``log 0.001``), not study time."""
MAX_LOG_HOURS = 24
"""The most hours ``roadmap log`` records at once (a day's). A line edited by hand may hold
up to :data:`MAX_HOURS`."""
MIN_HOURS_PER_WEEK = 0.5
"""The fewest weekly hours a ``start`` or ``replan`` can commit. Durations scale with the
curriculum's weekly hours over the commitment, so a commitment near 0 stretches the plan past
any calendar (``replan --hours-per-week 5e-324``). At 0.5 the longest bundled curriculum
(complete-ai-engineer: 15 hours a week, its last milestone at two years) lasts 60 years, and
one that asks the most, 168 hours a week, is stretched 336 times."""
MAX_SEQ = 2**31 - 1
"""The highest number an event can have (``seq``, ``undoes``): the largest SEQUENCE an
iCalendar export can carry (RFC 5545), far above the 1.4 million events of the largest
progress file roadmap reads."""
FILE_MIN_HOURS_PER_WEEK = 0.01
"""The fewest weekly hours a ``start`` or ``replan`` line in the file may carry. Lower than
what a command takes (:data:`MIN_HOURS_PER_WEEK`), so that a file an older roadmap wrote
(which took any weekly hours above 0) still loads; at 0.01 a plan still fits the calendar
(the longest bundled curriculum, started on :data:`LATEST_DATE`, ends before year 5200)."""


def hours_outside(hours: float, action: str) -> tuple[float, float] | None:
    """The range (least, most; decimal hours) a line of the file may carry for an
    ``action`` event's hours when ``hours`` is outside it, else None: weekly hours of a
    ``start`` or ``replan`` from :data:`FILE_MIN_HOURS_PER_WEEK` to :data:`MAX_HOURS`, and
    hours of study of any other event above 0 (least 0, exclusive) up to :data:`MAX_HOURS`.
    These are what a line must hold so that every view can lay it out, and what earlier
    versions wrote; the commands take narrower ranges (:data:`MIN_HOURS_PER_WEEK`,
    :data:`MIN_HOURS`, :data:`MAX_LOG_HOURS`).
    """
    if action in _WEEKLY_HOURS:
        inside = FILE_MIN_HOURS_PER_WEEK <= hours <= MAX_HOURS
        return None if inside else (FILE_MIN_HOURS_PER_WEEK, MAX_HOURS)
    return None if 0 < hours <= MAX_HOURS else (0.0, MAX_HOURS)


_WEEKLY_HOURS = frozenset({"start", "replan"})


class Event(Record):
    """One change the learner made, as one line of the progress file.

    By ``action``:

    - ``start``: enrollment in ``curriculum`` with week 1 beginning on ``on``; ``hours`` is the
      weekly commitment (decimal hours, None when the curriculum states none), ``path`` the
      curriculum file when it is not in the catalog, ``digest`` the SHA-256 of the curriculum
      file then. A later ``start`` of the same curriculum starts it over.
    - ``check`` / ``uncheck``: ``items`` are checkable item ids or recurring activity ids (one
      occurrence each, done on ``on`` or taken back). A check may carry a ``note`` and
      ``links`` (evidence: URLs or paths) for its items.
    - ``doing`` / ``skip`` / ``reset``: ``items`` are now in progress, skipped (``note`` the
      reason) or open again.
    - ``note``: ``note`` and/or ``links`` attached to the one item in ``items``.
    - ``journal``: a progress journal entry, its text in ``note``; ``items`` may name the
      recurring activity the entry counts one occurrence of (the curriculum's
      ``journal.activity``).
    - ``review``: a periodic review of the days ``period_start`` to ``period_end``;
      ``answers`` holds (question id, answer) pairs; ``items`` may name the recurring
      activity it counts one occurrence of (``review.activity``).
    - ``switch``: ``curriculum`` becomes the active enrollment.
    - ``stop``: the enrollment in ``curriculum`` ends (archived: its events stay).
    - ``log``: ``hours`` of study (decimal hours) on ``on``; ``items`` the task it went to and
      ``note`` a remark, both optional.
    - ``choose``: ``items`` holds the choice group's id and ``options`` the option modules.
    - ``include`` / ``exclude``: ``items`` are optional modules' ids.
    - ``replan``: the remaining plan starts again on ``on`` at ``hours`` per week (None keeps
      the hours); earlier events stay, so the original plan can always be recomputed.
    - ``undo``: the event numbered ``undoes`` no longer counts.

    Events that roadmap makes are built directly; a record read from the file goes through
    :meth:`model_validate`, which checks every field by hand (no pydantic: reading the file
    is on every command's path), and the limits of days and hours (:meth:`check_limits`), so
    that a line edited by hand can make the file damaged but never a view fail.
    """

    seq: int
    at: dt.datetime
    on: dt.date
    curriculum: str
    action: EventAction
    items: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    hours: float | None = None
    note: str | None = None
    links: tuple[str, ...] = ()
    answers: tuple[tuple[str, str], ...] = ()
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    path: str | None = None
    digest: str | None = None
    undoes: int | None = None

    @classmethod
    def model_validate(cls, data: object) -> Event:
        """Validate one record as read from the file (a mapping of JSON or YAML values).

        ``at`` may be ISO 8601 text or a datetime, ``on`` ISO 8601 text or a date. Raises
        ValueError whose text starts with the field at fault (``hours: ...``).
        """
        if not isinstance(data, dict):
            raise ValueError("an event is a mapping of fields")
        if not _FIELD_NAMES.issuperset(data):
            unknown = sorted(str(key) for key in data if key not in _FIELD_NAMES)
            raise ValueError(f"{unknown[0]}: unknown field")
        if not _REQUIRED_SET.issubset(data):
            missing = [name for name in _REQUIRED if name not in data]
            raise ValueError(f"{missing[0]}: this field is required")
        get = data.get
        event = cls(
            seq=_whole(data, "seq", 1),
            at=_timestamp(data["at"]),
            on=_day(data["on"]),
            curriculum=_text(data, "curriculum", required=True) or "",
            action=_action(data["action"]),
            items=_texts(data, "items") if "items" in data else (),
            options=_texts(data, "options") if "options" in data else (),
            hours=_hours(get("hours")),
            note=_text(data, "note") if "note" in data else None,
            links=_texts(data, "links") if "links" in data else (),
            answers=_answers(data) if "answers" in data else (),
            period_start=_day(data["period_start"], "period_start")
            if get("period_start") is not None
            else None,
            period_end=_day(data["period_end"], "period_end")
            if get("period_end") is not None
            else None,
            path=_text(data, "path") if "path" in data else None,
            digest=_text(data, "digest") if "digest" in data else None,
            undoes=_whole(data, "undoes", 1) if get("undoes") is not None else None,
        )
        event.check()
        return event

    def check(self) -> None:
        """Raise ValueError when the fields do not fit the action or their limits."""
        if self.action in _NEEDS_ITEMS and not self.items:
            raise ValueError(f"items: a {self.action} event needs items")
        if self.action == "choose" and (len(self.items) != 1 or not self.options):
            raise ValueError("items: a choose event needs one choice group in items, and options")
        if self.action == "log" and (self.hours is None or len(self.items) > 1):
            raise ValueError("hours: a log event needs hours and at most one item")
        if self.action == "note" and (len(self.items) != 1 or not (self.note or self.links)):
            raise ValueError("note: a note event names one item and has a note or links")
        if self.action == "journal" and not self.note:
            raise ValueError("note: a journal event needs its text")
        if self.action in ("journal", "review") and len(self.items) > 1:
            raise ValueError(
                f"items: a {self.action} event names at most one item, the recurring "
                "activity it counts for"
            )
        if (self.action == "review") != (
            self.period_start is not None and self.period_end is not None
        ):
            raise ValueError("period_start: a review event, and only one, has its period")
        if (self.action == "undo") != (self.undoes is not None):
            raise ValueError(
                "undoes: an undo event, and only an undo event, names the event it undoes"
            )
        self.check_limits()

    def check_limits(self) -> None:
        """Raise ValueError when a day is outside :data:`EARLIEST_DATE` to
        :data:`LATEST_DATE`, the hours outside their range (:func:`hours_outside`), or a
        review's period ends before it starts: values no view could lay out.
        """
        for name, day in (
            ("on", self.on),
            ("period_start", self.period_start),
            ("period_end", self.period_end),
        ):
            if day is not None and date_outside(day):
                raise ValueError(
                    f"{name}: {day.isoformat()} is outside the days roadmap keeps, "
                    f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"
                )
        if self.hours is not None:
            limits = hours_outside(self.hours, self.action)
            if limits is not None:
                what = "weekly hours" if self.action in _WEEKLY_HOURS else "hours"
                raise ValueError(
                    f"hours: {self.hours!r} is outside the {what} a {self.action} event can "
                    f"carry, {hours_limit_text(limits[0])} to {limits[1]:g}"
                )
        if (
            self.period_start is not None
            and self.period_end is not None
            and self.period_end < self.period_start
        ):
            raise ValueError(
                f"period_end: {self.period_end.isoformat()} is before period_start "
                f"{self.period_start.isoformat()}"
            )

    def record(self) -> dict[str, object]:
        """The event as it is written: JSON types, fields at their defaults left out, the
        timestamp in UTC written with ``Z``.
        """
        written: dict[str, object] = {}
        for name, default in self.record_fields().items():
            value = getattr(self, name)
            if name in _REQUIRED or value != default:
                written[name] = _json_value(value)
        return written


_FIELD_NAMES = frozenset(Event.record_fields())
_REQUIRED = ("seq", "at", "on", "curriculum", "action")
_REQUIRED_SET = frozenset(_REQUIRED)


def _json_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json_value(part) for part in value]
    return value


def _whole(data: Mapping[str, Any], name: str, minimum: int) -> int:
    value = data[name]
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= MAX_SEQ:
        shown = repr(value) if len(repr(value)) <= 24 else repr(value)[:20] + "..."
        raise ValueError(f"{name}: {shown} is not a whole number from {minimum} to {MAX_SEQ}")
    return value


def _timestamp(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"at: {value!r} is not an ISO 8601 timestamp")


def _day(value: object, name: str = "on") -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{name}: {value!r} is not a date written YYYY-MM-DD")


def _answers(data: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    value = data.get("answers")
    if isinstance(value, list | tuple) and all(
        isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(v, str) for v in pair)
        for pair in value
    ):
        return tuple((str(pair[0]), str(pair[1])) for pair in value)
    raise ValueError(f"answers: {value!r} is not a list of [question, answer] pairs")


def _text(data: Mapping[str, Any], name: str, required: bool = False) -> str | None:
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        raise ValueError(f"{name}: {value!r} is not text")
    return value


def _texts(data: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = data.get(name, ())
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name}: {value!r} is not a list of ids")
    return tuple(value)


def _action(value: object) -> EventAction:
    if not isinstance(value, str) or value not in _ACTIONS:
        raise ValueError(f"action: {value!r} is not one of {', '.join(sorted(_ACTIONS))}")
    return value  # type: ignore[return-value]


def _hours(value: object) -> float | None:
    """The hours as a float (their range is :meth:`Event.check_limits`'s)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"hours: {value!r} is not a number of hours")
    try:
        return float(value)
    except OverflowError:  # an integer of hundreds of digits
        raise ValueError("hours: the number is too large to be hours") from None


def hours_limit_text(hours: float) -> str:
    """A limit of hours (decimal hours) as messages write it: :data:`MIN_HOURS` is
    ``1 minute (0.0167)``, 0 (an exclusive limit) ``more than 0``, any other a number
    (``0.5``, ``168``).
    """
    if hours == 0:
        return "more than 0"
    return "1 minute (0.0167)" if hours == MIN_HOURS else f"{hours:g}"


class Enrollment(Record, kw_only=False):
    """One learner's run through one curriculum, from its latest ``start`` event.

    ``curriculum`` is the slug; ``path`` is set when the curriculum was enrolled from a file
    outside the catalog. ``started`` is the local date week 1 begins; ``hours_per_week`` the
    weekly commitment in decimal hours; ``enrolled_at`` when it was recorded; ``digest`` the
    SHA-256 of the curriculum file at enrollment (None in files from before schema 2);
    ``seq`` the number of the ``start`` event.
    """

    curriculum: str
    path: str | None
    started: dt.date
    hours_per_week: float | None
    enrolled_at: dt.datetime
    digest: str | None
    seq: int


class ProgressError(ValueError):
    """The events of a progress file do not fit together; ``position`` is the 0-based index
    of the event at fault.
    """

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


class SequenceCheck:
    """The rules that the events of a progress file follow together, checked one event at a
    time in recorded order (:meth:`add`): numbers increase, and an undo takes back an earlier
    change (not an undo) that is not undone yet.

    It keeps what the rules need, not the events: the runs of consecutive numbers seen (one
    pair for a file numbered 1, 2, 3, ...), the numbers of the undo events, and ``undone``,
    the number of each undone event mapped to the number of the undo that took it back.
    ``count`` is the number of events added, ``last`` the number of the last one (0 for
    none).
    """

    def __init__(self) -> None:
        self.count = 0
        self.last = 0
        self.undone: dict[int, int] = {}
        self._undos: set[int] = set()
        self._run_firsts: list[int] = []
        self._run_lasts: list[int] = []

    def add(self, event: Event) -> None:
        """Take in the next event. Raises ProgressError (``position``: the 0-based index of
        ``event`` among the events added) when it breaks a rule; it is then not taken in.
        """
        position = self.count
        seq = event.seq
        if seq <= self.last:
            raise ProgressError(f"event number {seq} does not follow {self.last}", position)
        target = event.undoes
        if target is not None:
            if not self._seen(target) or target in self._undos:
                raise ProgressError(
                    f"event {seq} undoes {target}, which is not an earlier change", position
                )
            if target in self.undone:
                raise ProgressError(f"event {target} is undone twice", position)
            self.undone[target] = seq
            self._undos.add(seq)
        if self._run_lasts and self._run_lasts[-1] == seq - 1:
            self._run_lasts[-1] = seq
        else:
            self._run_firsts.append(seq)
            self._run_lasts.append(seq)
        self.last = seq
        self.count += 1

    def _seen(self, seq: int) -> bool:
        run = bisect_right(self._run_firsts, seq) - 1
        return run >= 0 and seq <= self._run_lasts[run]


class Progress:
    """The whole progress file: its schema version and its events in the order recorded.

    The derived state (which events count, the enrollments, the active one) is computed on
    first use. Raises ProgressError for numbers that do not increase, or an undo of an event
    that is not an earlier change.
    """

    schema_version: Literal[2] = SCHEMA_VERSION

    def __init__(self, events: tuple[Event, ...] = ()) -> None:
        self.events = events
        check = SequenceCheck()
        for event in events:
            check.add(event)

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

    def with_event(self, event: Event) -> Progress:
        """Return this progress with ``event`` appended (validated)."""
        return Progress(events=(*self.events, event))

    @cached_property
    def undone(self) -> dict[int, Event]:
        """The undone events' numbers, each with the undo event that took it back."""
        return {e.undoes: e for e in self.events if e.undoes is not None}

    @cached_property
    def changes(self) -> tuple[Event, ...]:
        """The events that count: every event but undo events and the events they undid."""
        undone = self.undone
        return tuple(e for e in self.events if e.action != "undo" and e.seq not in undone)

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
        """The events that count for the current enrollment in ``slug``, in recorded order
        (those after its ``start``; an earlier run's events stay in the file but not here).
        """
        found = self._enrollments.get(slug)
        if found is None:
            return []
        return [e for e in self.changes[found[1] + 1 :] if e.curriculum == slug]


class Ledger:
    """What one enrollment's counted events add up to, folded event by event (:meth:`add`).

    It keeps, per item id as recorded, the last check or uncheck that named it (its ``on``
    day and whether it was a check, packed in one int by :func:`_touch`), in the order they
    were recorded; decimal hours logged per day and per item;
    occurrences recorded per day of each id in ``occurrence_ids`` (recurring activities: by
    check and uncheck, and by the journal entries and reviews that name them); and
    the events that make the plan's settings (choose, include, exclude, replan). Every query
    about an enrollment's events goes through it, and it can be kept in the cache between
    commands (docs/performance.md) so that a command need not read every event again.

    Feed it the events of :meth:`Progress.events_of`, in order: undo events and undone events
    are already left out there.
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
        self.settings_events: list[Event] = []
        # Per item id as recorded: (day, text, links, action) of each note, link or reason.
        self.notes: dict[str, list[tuple[int, str | None, tuple[str, ...], str]]] = {}
        # Journal entries (day, seq, text) and reviews (day, seq, period start, period end).
        self.journal: list[tuple[int, int, str]] = []
        self.reviews: list[tuple[int, int, int, int]] = []

    @classmethod
    def of(cls, events: list[Event], occurrence_ids: frozenset[str] = frozenset()) -> Ledger:
        """The ledger of ``events`` (in recorded order)."""
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
        ledger.settings_events = list(self.settings_events)
        ledger.notes = {item: list(entries) for item, entries in self.notes.items()}
        ledger.journal = list(self.journal)
        ledger.reviews = list(self.reviews)
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
        elif action in ("choose", "include", "exclude", "replan"):
            self.settings_events.append(event)

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


def _touch(day: int, code: int) -> int:
    """One change of an item's state as one small int: the ordinal of its day shifted two
    bits up, plus the state's code (0 open, 1 done, 2 doing, 3 skipped). Touches of later
    days compare greater.
    """
    return day << 2 | code


def enrollment_of(start: Event) -> Enrollment:
    """The enrollment a ``start`` event makes."""
    return Enrollment(
        curriculum=start.curriculum,
        path=start.path,
        started=start.on,
        hours_per_week=start.hours,
        enrolled_at=start.at,
        digest=start.digest,
        seq=start.seq,
    )


def fold_enrollments(
    changes: Iterable[Event],
) -> tuple[dict[str, Enrollment], list[tuple[Enrollment, Event]]]:
    """The enrollments that ``changes`` (events that count, in recorded order; only their
    ``start``, ``switch`` and ``stop`` events matter) leave: the current ones by slug, the
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
        elif action == "stop" and slug in found:
            stopped.append((found.pop(slug), event))
    return found, stopped


class EventSink(Protocol):
    """Anything that folds events one at a time, as :class:`Ledger` does."""

    def add(self, event: Event) -> None:
        """Fold one more event in."""


SinkT = TypeVar("SinkT", bound=EventSink)


class CountedEvents(Generic[SinkT]):
    """Hands each enrollment's counted events (what :meth:`Progress.events_of` gives for it)
    to a sink of its own, from all the events of a file fed in recorded order (:meth:`add`),
    without keeping them: the fold of a file read line by line.

    ``make`` makes the sink of an enrollment from its ``start`` event; with ``slugs`` only
    the enrollments in those curricula get one. Whether an event counts depends on the undo
    events after it. With ``undone`` (the numbers of the undone events, from a first read)
    each event is folded at once. Without it each waits until it is more than UNDO_DEPTH
    changes old, which is as far back as ``roadmap undo`` reaches; an undo that reaches
    further (an edit by hand) leaves the fold ``spoiled``, and the caller must fold the
    file again with ``undone``.
    """

    def __init__(
        self,
        make: Callable[[Event], SinkT],
        undone: Iterable[int] | None = None,
        slugs: Iterable[str] | None = None,
    ) -> None:
        self.make = make
        self.undone = frozenset(undone) if undone is not None else None
        self.slugs = frozenset(slugs) if slugs is not None else None
        self.spoiled = False
        self.sinks: dict[str, tuple[int, SinkT]] = {}
        self._waiting: deque[Event] = deque()

    def add(self, event: Event) -> None:
        """Take in the next event of the file (validated, in recorded order)."""
        undone = self.undone
        if undone is not None:
            if event.action != "undo" and event.seq not in undone:
                self._fold(event)
            return
        waiting = self._waiting
        if event.action == "undo":
            for position, waiter in enumerate(waiting):
                if waiter.seq == event.undoes:
                    del waiting[position]
                    return
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
