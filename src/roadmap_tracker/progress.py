"""The progress model: a record of events, and the state derived from it.

A learner's progress file is a list of events, each one change the learner made (one command):
enroll (``start``), check, uncheck, log, choose, include, exclude, replan, or ``undo`` of an
earlier change. Each event says what was done, to what, on which day (``on``, the local calendar
date it counts for) and when it was recorded (``at``, an ISO 8601 timestamp with the local UTC
offset), and carries ``seq``, its number in the file. Nothing derived is stored: enrollments
come from the ``start`` events (:meth:`Progress.enrollment`), what is done from the check
events (:func:`done_items`), and the plan's settings from the rest (:func:`plan_settings`).
An undone event stays in the file and is skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Literal[2] = 2
UNDO_DEPTH = 10
"""How many of the most recent changes ``roadmap undo`` can take back."""

EventAction = Literal[
    "start", "check", "uncheck", "log", "choose", "include", "exclude", "replan", "undo"
]
_NEEDS_ITEMS = {"check", "uncheck", "choose", "include", "exclude"}


class Event(BaseModel):
    """One change the learner made, as one line of the progress file.

    By ``action``:

    - ``start``: enrollment in ``curriculum`` with week 1 beginning on ``on``; ``hours`` is the
      weekly commitment (decimal hours, None when the curriculum states none), ``path`` the
      curriculum file when it is not in the catalog, ``digest`` the SHA-256 of the curriculum
      file then. A later ``start`` of the same curriculum starts it over.
    - ``check`` / ``uncheck``: ``items`` are checkable item ids or recurring activity ids (one
      occurrence each, done on ``on`` or taken back).
    - ``log``: ``hours`` of study (decimal hours) on ``on``; ``items`` the task it went to and
      ``note`` a remark, both optional.
    - ``choose``: ``items`` holds the choice group's id and ``options`` the option modules.
    - ``include`` / ``exclude``: ``items`` are optional modules' ids.
    - ``replan``: the remaining plan starts again on ``on`` at ``hours`` per week (None keeps
      the hours); earlier events stay, so the original plan can always be recomputed.
    - ``undo``: the event numbered ``undoes`` no longer counts.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    seq: int = Field(ge=1)
    at: dt.datetime
    on: dt.date
    curriculum: str = Field(min_length=1)
    action: EventAction
    items: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    hours: float | None = Field(default=None, gt=0, le=168)
    note: str | None = None
    path: str | None = None
    digest: str | None = None
    undoes: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _check_fields(self) -> Event:
        if self.action in _NEEDS_ITEMS and not self.items:
            raise ValueError(f"a {self.action} event needs items")
        if self.action == "choose" and (len(self.items) != 1 or not self.options):
            raise ValueError("a choose event needs one choice group in items, and options")
        if self.action == "log" and (self.hours is None or len(self.items) > 1):
            raise ValueError("a log event needs hours and at most one item")
        if (self.action == "undo") != (self.undoes is not None):
            raise ValueError("an undo event, and only an undo event, names the event it undoes")
        return self

    def record(self) -> dict[str, object]:
        """The event as it is written: JSON types, fields at their defaults left out."""
        return self.model_dump(mode="json", exclude_defaults=True)


@dataclass(frozen=True)
class Enrollment:
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


class Progress(BaseModel):
    """The whole progress file: its schema version and its events in the order recorded.

    The derived state (which events count, the enrollments, the active one) is computed on
    first use. Raises pydantic's ValidationError for numbers that do not increase, or an undo
    of an event that is not an earlier change.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: Literal[2] = SCHEMA_VERSION
    events: tuple[Event, ...] = ()

    @model_validator(mode="after")
    def _check_sequence(self) -> Progress:
        seen: dict[int, Event] = {}
        undone: set[int] = set()
        last = 0
        for event in self.events:
            if event.seq <= last:
                raise ValueError(f"event number {event.seq} does not follow {last}")
            last = event.seq
            if event.undoes is not None:
                target = seen.get(event.undoes)
                if target is None or target.action == "undo":
                    raise ValueError(
                        f"event {event.seq} undoes {event.undoes}, which is not an earlier change"
                    )
                if event.undoes in undone:
                    raise ValueError(f"event {event.undoes} is undone twice")
                undone.add(event.undoes)
            seen[event.seq] = event
        return self

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

    @cached_property
    def _enrollments(self) -> dict[str, tuple[Enrollment, int]]:
        found: dict[str, tuple[Enrollment, int]] = {}
        for position, event in enumerate(self.changes):
            if event.action == "start":
                enrollment = Enrollment(
                    curriculum=event.curriculum,
                    path=event.path,
                    started=event.on,
                    hours_per_week=event.hours,
                    enrolled_at=event.at,
                    digest=event.digest,
                    seq=event.seq,
                )
                found.pop(event.curriculum, None)
                found[event.curriculum] = (enrollment, position)
        return found

    @property
    def enrollments(self) -> list[Enrollment]:
        """Every curriculum's current enrollment, the most recently started last."""
        return [enrollment for enrollment, _ in self._enrollments.values()]

    @property
    def active(self) -> str | None:
        """The slug of the curriculum started most recently, or None before any."""
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


def done_items(
    events: list[Event],
    as_of: dt.date | None = None,
    current_ids: Mapping[str, str] | None = None,
) -> dict[str, dt.date]:
    """Return the items done by the end of ``as_of`` (all, if None), each with the date done.

    Checks and unchecks count in the order recorded: a check marks an item done on its
    ``on`` day, and a later uncheck takes that check back whatever its day.
    ``current_ids`` maps ids as recorded (old ids of renamed or moved items) to the
    current ones, so that a check and an uncheck recorded under different ids of one item
    meet; ids it does not hold stay as recorded.
    """
    done: dict[str, dt.date] = {}
    rename = current_ids or {}
    for event in events:
        for recorded in event.items:
            item = rename.get(recorded, recorded)
            if event.action == "check":
                done[item] = event.on
            elif event.action == "uncheck":
                done.pop(item, None)
    if as_of is None:
        return done
    return {item: day for item, day in done.items() if day <= as_of}


@dataclass(frozen=True)
class Replan:
    """A re-baseline: from ``on`` the remaining plan runs at ``hours_per_week`` (decimal hours)."""

    on: dt.date
    hours_per_week: float | None


@dataclass(frozen=True)
class PlanSettings:
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
    unchecks, never below zero).
    """
    counts: dict[dt.date, int] = {}
    for event in events:
        if event.action not in ("check", "uncheck"):
            continue
        change = event.items.count(activity_id) * (1 if event.action == "check" else -1)
        if change:
            counts[event.on] = max(0, counts.get(event.on, 0) + change)
    return {day: count for day, count in counts.items() if count}


def logged_hours(events: list[Event], first: dt.date, last: dt.date) -> float:
    """Decimal hours logged on the days ``first`` to ``last``, inclusive."""
    return sum(e.hours or 0.0 for e in events if e.action == "log" and first <= e.on <= last)


def hours_by_item(events: list[Event]) -> dict[str, float]:
    """Decimal hours logged against each item id (``log --task``), in order of first log."""
    hours: dict[str, float] = {}
    for event in events:
        if event.action == "log" and event.items:
            item = event.items[0]
            hours[item] = hours.get(item, 0.0) + (event.hours or 0.0)
    return hours
