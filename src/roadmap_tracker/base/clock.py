"""The one place that says what time it is (tests move it with time-machine), how dates are
typed, and which days roadmap keeps (:data:`EARLIEST_DATE` to :data:`LATEST_DATE`)."""

from __future__ import annotations

import datetime as dt

EARLIEST_DATE = dt.date(1970, 1, 1)
"""The earliest day an event can be for (``on``, a review's period): a year like 0026 is a
typing slip, and the views count back from a day (stats: up to 53 weeks)."""

LATEST_DATE = dt.date(2199, 12, 31)
"""The latest day an event can be for, and the latest day a command takes (``--on``,
``--week``, ``--from``). A plan is laid out forward from its start or replan day: from
2199-12-31 to the end of Python's calendar (9999-12-31) are about 2.8 million days, room for
a curriculum stretched :data:`~roadmap_tracker.progress.events.MAX_HOURS` /
:data:`~roadmap_tracker.progress.events.MIN_HOURS_PER_WEEK` = 336 times that states
up to 23 years at its own hours, and for milestones, reminders and projected finishes after
it. Further days would leave a plan no room: ``start --on 9999-12-31`` cannot be laid out."""


def date_outside(day: dt.date) -> bool:
    """True when ``day`` is outside :data:`EARLIEST_DATE` to :data:`LATEST_DATE`."""
    return not EARLIEST_DATE <= day <= LATEST_DATE


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO 8601 week (Monday to Sunday) holding ``day``: the one rule of
    weeks in roadmap. Plan weeks (week 1 is the ISO week holding the enrollment's start, even
    when that week is partial), the week ``status`` reports, the hours ``log`` adds up and
    the weeks ``stats`` counts all begin on this day.
    """
    return day - dt.timedelta(days=day.weekday())


def now() -> dt.datetime:
    """Return the current local time, timezone-aware (with the local UTC offset)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def today() -> dt.date:
    """Return today's local calendar date."""
    return now().date()


def parse_date(text: str, option: str = "date") -> dt.date:
    """Parse a local calendar date written as ISO 8601 (``2026-01-07``), ``today`` or
    ``yesterday``.

    Raises RoadmapError naming the option when the text is not a real date, or is a date
    outside the days roadmap keeps (:data:`EARLIEST_DATE` to :data:`LATEST_DATE`, 1970-01-01
    to 2199-12-31).
    """
    from roadmap_tracker.base.errors import RoadmapError

    word = text.strip().lower()
    if word == "today":
        return today()
    if word == "yesterday":
        return today() - dt.timedelta(days=1)
    try:
        day = dt.date.fromisoformat(word)
    except ValueError:
        raise RoadmapError(
            f"'{text}' given to {option} is not a valid date.",
            "Write dates as YYYY-MM-DD, like 2026-01-07 (or 'today', 'yesterday').",
        ) from None
    if date_outside(day):
        raise RoadmapError(
            f"{day.isoformat()} given to {option} is outside the days roadmap keeps, "
            f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}.",
            "Check the year: dates are written YYYY-MM-DD, like 2026-01-07.",
        )
    return day
