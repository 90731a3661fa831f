"""The progress model: enrollments and the record of events the state is derived from.

A learner's progress file holds their enrollments (start date, weekly hours, curriculum) and
a list of events, each saying what they did (check, uncheck, log, choose, include, exclude,
replan), to what, on which day (``on``, the local calendar date it counts for) and when it was
recorded (``at``, an ISO 8601 timestamp with the local UTC offset). Nothing derived is stored:
what is done is computed from the events by :func:`done_items`, and the plan's settings (hours,
choices, optional modules, re-baselines) by :func:`plan_settings`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Literal[1] = 1

EventAction = Literal["check", "uncheck", "log", "choose", "include", "exclude", "replan"]
_NEEDS_ITEM = {"check", "uncheck", "choose", "include", "exclude"}


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Enrollment(_Record):
    """One learner's run through one curriculum.

    ``curriculum`` is the slug; ``path`` is set when the curriculum was enrolled from a file
    outside the catalog. ``started`` is the local date week 1 begins; ``hours_per_week`` the
    learner's weekly commitment in decimal hours; ``include`` lists optional modules taken;
    ``choices`` maps a choice group's id to the option module ids chosen.
    """

    curriculum: str
    path: str | None = None
    started: dt.date
    hours_per_week: float | None = Field(default=None, gt=0, le=168)
    include: list[str] = []
    choices: dict[str, list[str]] = {}
    enrolled_at: dt.datetime


class Event(_Record):
    """One thing the learner did, as one line of the progress file.

    By ``action``:

    - ``check`` / ``uncheck``: ``item`` is a checkable item id, or a recurring activity's id
      (one occurrence done on ``on``, or taken back).
    - ``log``: ``hours`` of study (decimal hours) on ``on``; ``item`` the task it went to and
      ``note`` a remark, both optional.
    - ``choose``: ``item`` is a choice group's id and ``options`` the option modules chosen.
    - ``include`` / ``exclude``: ``item`` is an optional module's id.
    - ``replan``: the remaining plan starts again on ``on`` at ``hours`` per week (None keeps
      the hours); earlier events stay, so the original plan can always be recomputed.
    """

    at: dt.datetime
    on: dt.date
    curriculum: str
    action: EventAction
    item: str | None = None
    options: list[str] | None = None
    hours: float | None = Field(default=None, gt=0, le=168)
    note: str | None = None

    @model_validator(mode="after")
    def _check_fields(self) -> Event:
        if self.action in _NEEDS_ITEM and not self.item:
            raise ValueError(f"a {self.action} event needs an item")
        if self.action == "choose" and not self.options:
            raise ValueError("a choose event needs options")
        if self.action == "log" and self.hours is None:
            raise ValueError("a log event needs hours")
        return self


class Progress(_Record):
    """The whole progress file: schema version, the active enrollment, enrollments, events."""

    schema_version: Literal[1] = SCHEMA_VERSION
    active: str | None = None
    enrollments: list[Enrollment] = []
    events: list[Event] = []

    def enrollment(self, slug: str) -> Enrollment | None:
        """Return the enrollment in the curriculum ``slug``, or None."""
        return next((e for e in self.enrollments if e.curriculum == slug), None)

    def events_of(self, slug: str) -> list[Event]:
        """Return the events of one enrollment in the order they were recorded."""
        return [event for event in self.events if event.curriculum == slug]


def done_items(events: list[Event], as_of: dt.date | None = None) -> dict[str, dt.date]:
    """Return the items done by the end of ``as_of`` (all, if None), each with the date done.

    Events count in the order of their day, and within a day in the order recorded; the last
    check or uncheck of an item decides. Ids are as recorded; map old ids with the curriculum.
    """
    ordered = sorted(enumerate(events), key=lambda pair: (pair[1].on, pair[0]))
    done: dict[str, dt.date] = {}
    for _, event in ordered:
        if as_of is not None and event.on > as_of:
            break
        if event.item is None:
            continue
        if event.action == "check":
            done[event.item] = event.on
        elif event.action == "uncheck":
            done.pop(event.item, None)
    return done


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
    include = list(enrollment.include)
    choices = {group: list(options) for group, options in enrollment.choices.items()}
    hours = enrollment.hours_per_week
    replans: list[Replan] = []
    for event in events:
        if event.action == "choose" and event.item and event.options:
            choices[event.item] = list(event.options)
        elif event.action == "include" and event.item and event.item not in include:
            include.append(event.item)
        elif event.action == "exclude" and event.item in include:
            include.remove(event.item)
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
        if event.item != activity_id or event.action not in ("check", "uncheck"):
            continue
        change = 1 if event.action == "check" else -1
        counts[event.on] = max(0, counts.get(event.on, 0) + change)
    return {day: count for day, count in counts.items() if count}


def logged_hours(events: list[Event], first: dt.date, last: dt.date) -> float:
    """Decimal hours logged on the days ``first`` to ``last``, inclusive."""
    return sum(e.hours or 0.0 for e in events if e.action == "log" and first <= e.on <= last)


def hours_by_item(events: list[Event]) -> dict[str, float]:
    """Decimal hours logged against each item id (``log --task``), in order of first log."""
    hours: dict[str, float] = {}
    for event in events:
        if event.action == "log" and event.item:
            hours[event.item] = hours.get(event.item, 0.0) + (event.hours or 0.0)
    return hours
