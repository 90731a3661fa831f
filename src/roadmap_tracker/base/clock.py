"""The one place that says what time it is (tests move it with time-machine)."""

from __future__ import annotations

import datetime as dt


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
    outside the days roadmap keeps (``progress.EARLIEST_DATE`` to ``progress.LATEST_DATE``,
    1970-01-01 to 2199-12-31).
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
    from roadmap_tracker.progress.events import EARLIEST_DATE, LATEST_DATE, date_outside

    if date_outside(day):
        raise RoadmapError(
            f"{day.isoformat()} given to {option} is outside the days roadmap keeps, "
            f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}.",
            "Check the year: dates are written YYYY-MM-DD, like 2026-01-07.",
        )
    return day
