"""The one place that says what time it is (tests move it with time-machine)."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """Return the current local time, timezone-aware (with the local UTC offset)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def today() -> dt.date:
    """Return today's local calendar date."""
    return now().date()
