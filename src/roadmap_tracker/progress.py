"""The progress model: enrollments and the record of events the state is derived from.

A learner's progress file holds their enrollments (start date, weekly hours, curriculum) and
a list of events, each saying what they did (check, uncheck), to which item, on which day
(``on``, the local calendar date it counts for) and when it was recorded (``at``, an ISO 8601
timestamp with the local UTC offset). Nothing derived is stored: what is done is computed from
the events by :func:`done_items`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal[1] = 1

EventAction = Literal["check", "uncheck"]


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
    """One thing the learner did, as one line of the progress file."""

    at: dt.datetime
    on: dt.date
    curriculum: str
    action: EventAction
    item: str


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
        if event.action == "check":
            done[event.item] = event.on
        else:
            done.pop(event.item, None)
    return done
