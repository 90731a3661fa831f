"""The events of a progress file, each one change the learner made (:class:`Event`), and the
limits of their values.

A learner's progress file is a list of events, each one command the learner ran: ``start``
(enrollment), ``check``, ``uncheck``, ``doing``, ``skip``, ``reset``, ``note``, ``log``,
``journal``, ``review``, ``choose``, ``include``, ``exclude``, ``replan``, ``switch``,
``stop``, ``move`` (of a start), ``pause``, ``resume``, or ``undo`` of an earlier change.
Each event says what was done, to what, on which day (``on``, the local calendar date it
counts for) and when it was recorded (``at``, an ISO 8601 timestamp with the local UTC
offset), and carries ``id``, a ULID unique across machines
(:mod:`roadmap_tracker.progress.ids`); ``seq``, its number, is its position in the record's
order (by id), derived, not stored. A record read from the file is
validated field by field (:meth:`Event.model_validate`), within the limits of days and hours
stated here. A ``start`` event makes an :class:`Enrollment` (:func:`enrollment_of`), and a
``move`` changes its start (:func:`moved`).

Nothing derived is stored in the file. The events as a whole (which of them count after the
undo events, and the enrollments they leave) are :mod:`roadmap_tracker.progress.event_log`;
what one enrollment's events add up to (done items, hours, notes, the plan's settings) is
:mod:`roadmap_tracker.progress.ledger`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal, get_args

from roadmap_tracker.base.clock import EARLIEST_DATE, LATEST_DATE, date_outside
from roadmap_tracker.base.records import Record

SCHEMA_VERSION: Literal[3] = 3


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
    "move",
    "pause",
    "resume",
    "undo",
]


_ACTIONS = frozenset(get_args(EventAction))


ITEM_STATE_ACTIONS = ("check", "uncheck", "doing", "skip", "reset")
"""The actions that set the state of items (done, open, in progress, skipped)."""


AMENDABLE_ACTIONS = ("log", "note", "journal", "review")
"""The actions whose events ``roadmap edit`` amends (an event with ``amends``)."""


_NEEDS_ITEMS = {*ITEM_STATE_ACTIONS, "note", "choose", "include", "exclude"}


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
"""The fewest weekly hours a ``start`` or ``replan`` can commit. Below the curriculum's stated
range durations scale by its low end over the commitment, so a commitment near 0 stretches
the plan past any calendar (``replan --hours-per-week 5e-324``). At 0.5 the longest bundled
curriculum (complete-ai-engineer: 15 hours a week, its last milestone at two years) lasts 60
years, and one that asks the most, 168 hours a week, is stretched 336 times."""


MAX_SEQ = 2**31 - 1
"""The highest number an event can have (``seq``, ``undoes``): the largest SEQUENCE an
iCalendar export can carry (RFC 5545), far above the 1.4 million events of the largest
progress file roadmap reads."""


FILE_MIN_HOURS_PER_WEEK = 0.01
"""The fewest weekly hours a ``start`` or ``replan`` line in the file may carry. Lower than
what a command takes (:data:`MIN_HOURS_PER_WEEK`), so that a file an older roadmap wrote
(which took any weekly hours above 0) still loads; at 0.01 a plan still fits the calendar
(the longest bundled curriculum, started on :data:`~roadmap_tracker.base.clock.LATEST_DATE`,
ends before year 5200)."""


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
    - ``move``: the current enrollment in ``curriculum`` now starts on ``on`` (week 1 is the
      week holding that day); its events stay, and so do its weekly hours and which
      enrollment is active (``roadmap start SLUG --on DAY`` when enrolled in SLUG).
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
    - ``pause``: the learner studies none of the days ``on`` to ``period_end`` (inclusive,
      local calendar dates); the plan moves later by those days, and pace, streaks and
      forecasts leave them out.
    - ``resume``: the learner studies again from ``on``: a pause holding ``on`` ends the day
      before (resuming on a pause's first day takes the whole pause back).
    - ``undo``: the event whose id is ``undoes`` no longer counts. An undo of an undo (``roadmap
      redo``) makes the change that undo took back count again, and an undo of an amendment
      makes the version before it count again.

    A ``log``, ``note``, ``journal`` or ``review`` event with ``amends`` is an amendment
    (``roadmap edit``): a new version of the event of the same action whose id ``amends``
    holds (the first version, never a later amendment), with every field as it is now; the
    latest amendment that counts stands for that event, and the earlier versions no longer
    count (:attr:`~roadmap_tracker.progress.event_log.Progress.undone`).

    ``part_of`` is set on every event of a change one command recorded as several events
    that ``undo`` takes back together (``roadmap import --update``: a check, a skip, notes),
    or that ``redo`` brings back together (the undo events of one ``roadmap undo``): the id of
    the first of them.

    ``id`` is the event's ULID (empty on an event made in memory and not recorded yet: the
    transaction, or :class:`~roadmap_tracker.progress.event_log.Progress`, gives it one);
    ``seq`` its position (1-based) in the record's order by id, which ``roadmap history``
    shows and ``roadmap undo N`` takes: derived when the record is read, never written.

    Events that roadmap makes are built directly; a record read from the file goes through
    :meth:`model_validate`, which checks every field by hand (no pydantic: reading the file
    is on every command's path), and the limits of days and hours (:meth:`check_limits`), so
    that a line edited by hand can make the file damaged but never a view fail.
    """

    id: str = ""
    seq: int = 0
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
    undoes: str | None = None
    amends: str | None = None
    part_of: str | None = None

    @classmethod
    def model_validate(cls, data: object, seq: int = 0) -> Event:
        """Validate one record as read from the file (a mapping of JSON or YAML values).

        ``seq`` is its position in the record (the file does not hold it). ``at`` may be ISO
        8601 text or a datetime, ``on`` ISO 8601 text or a date. Raises
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
            id=_event_id(data, "id"),
            seq=seq,
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
            undoes=_event_id(data, "undoes") if get("undoes") is not None else None,
            amends=_event_id(data, "amends") if get("amends") is not None else None,
            part_of=_event_id(data, "part_of") if get("part_of") is not None else None,
        )
        event.check()
        return event

    def check(self) -> None:
        """Raise ValueError when the fields do not fit the action or their limits."""
        if self.action in _NEEDS_ITEMS and not self.items:
            raise ValueError(f"items: a {self.action} event needs items")
        if self.part_of is not None and self.id and self.part_of > self.id:
            raise ValueError("part_of: the first event of the change, not a later one")
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
        if (self.action == "review") != (self.period_start is not None):
            raise ValueError("period_start: a review event, and only one, has its period")
        if (self.action in ("review", "pause")) != (self.period_end is not None):
            raise ValueError("period_end: a review or pause event, and only one, has its last day")
        if self.action == "pause" and self.period_end is not None and self.period_end < self.on:
            raise ValueError(
                f"period_end: {self.period_end.isoformat()} is before the pause's first day "
                f"{self.on.isoformat()}"
            )
        if (self.action == "undo") != (self.undoes is not None):
            raise ValueError(
                "undoes: an undo event, and only an undo event, names the event it undoes"
            )
        if self.amends is not None and self.action not in AMENDABLE_ACTIONS:
            raise ValueError(
                f"amends: a {self.action} event cannot be an amendment, only a "
                + ", ".join(AMENDABLE_ACTIONS)
                + " event"
            )
        if self.amends is not None and self.id and self.amends >= self.id:
            raise ValueError("amends: an amendment names an earlier event")
        self.check_limits()

    def check_limits(self) -> None:
        """Raise ValueError when a day is outside the days roadmap keeps
        (:func:`~roadmap_tracker.base.clock.date_outside`), the hours outside their range
        (:func:`hours_outside`), or a review's period ends before it starts: values no view
        could lay out.
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
            if name == "seq":
                continue  # derived from the order of the ids
            value = getattr(self, name)
            if name in _REQUIRED or value != default:
                written[name] = _json_value(value)
        return written


_FIELD_NAMES = frozenset(Event.record_fields()) - {"seq"}


_REQUIRED = ("id", "at", "on", "curriculum", "action")


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


_ID_DIGITS = frozenset("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
"""The digits of an event id (Crockford base32; :mod:`roadmap_tracker.progress.ids`, which
a read does not import)."""


def _event_id(data: Mapping[str, Any], name: str) -> str:
    value = data[name]
    if not (
        isinstance(value, str)
        and len(value) == 26
        and value[0] <= "7"
        and _ID_DIGITS.issuperset(value)
    ):
        shown = repr(value) if len(repr(value)) <= 32 else repr(value)[:28] + "..."
        raise ValueError(f"{name}: {shown} is not an event id (26 letters and digits, a ULID)")
    return str(value)


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
    """One learner's run through one curriculum, from its latest ``start`` event (and the
    ``move`` events after it, which change ``started``).

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


def moved(enrollment: Enrollment, move: Event) -> Enrollment:
    """The enrollment after a ``move`` event: the same run, starting on the move's ``on``."""
    return Enrollment(
        curriculum=enrollment.curriculum,
        path=enrollment.path,
        started=move.on,
        hours_per_week=enrollment.hours_per_week,
        enrolled_at=enrollment.enrolled_at,
        digest=enrollment.digest,
        seq=enrollment.seq,
    )


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
