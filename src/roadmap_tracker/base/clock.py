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


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (negative: back), the day of the month kept or,
    past the end of the target month, its last day: 2026-01-31 + 1 month is 2026-02-28, as
    ``dateutil.relativedelta(months=...)`` gives (without importing it: every plan of a
    curriculum with durations in months makes these dates). Raises ValueError past year 9999
    or before year 1.
    """
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    if day.day <= 28:
        return dt.date(year, month + 1, day.day)
    following = dt.date(year + 1, 1, 1) if month == 11 else dt.date(year, month + 2, 1)
    return dt.date(year, month + 1, min(day.day, (following - dt.timedelta(days=1)).day))


def now() -> dt.datetime:
    """Return the current local time, timezone-aware (with the local UTC offset)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def today() -> dt.date:
    """Return today's local calendar date."""
    return now().date()


def parse_date(text: str, option: str = "date") -> dt.date:
    """The local calendar date ``text`` names, given to ``option`` (named in errors). One
    parser for every date option (decision 56), written for exactly these forms, in any case,
    with spaces anywhere between words:

    - ISO 8601: ``2026-01-07``;
    - ``today``, ``yesterday``, ``tomorrow``;
    - a weekday, full or by three letters (``monday``, ``mon``): the latest such day not
      after today, so today itself on a Monday;
    - ``last friday``: the latest Friday before today (a week ago on a Friday);
      ``next friday``: the first Friday after today (in a week on a Friday);
    - a count of days or weeks back: ``3 days ago``, ``1 week ago``, ``3d``, ``2w``
      (``3d ago`` too), or ahead: ``in 3 days``, ``in 2w``.

    Every relative word counts from :func:`today`, never from another option's day. Raises
    RoadmapError naming the option when the text is none of these or not a real date (one
    sentence listing the forms), or names a day outside the days roadmap keeps
    (:data:`EARLIEST_DATE` to :data:`LATEST_DATE`, 1970-01-01 to 2199-12-31).
    """
    from roadmap_tracker.base.errors import RoadmapError

    word = " ".join(text.split()).lower()
    keeps = f"the days roadmap keeps, {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"
    check = "Check the year: dates are written YYYY-MM-DD, like 2026-01-07."
    try:
        day = _relative_day(word)
    except OverflowError:  # a count of days past either end of Python's calendar
        raise RoadmapError(f"'{text}' given to {option} is outside {keeps}.", check) from None
    if day is not None:
        if date_outside(day):
            raise RoadmapError(
                f"'{text}' ({day.isoformat()}) given to {option} is outside {keeps}.", check
            )
        return day
    try:
        day = dt.date.fromisoformat(word)
    except ValueError:
        if word[:4].isdigit() and "-" in word:  # a day the calendar does not have
            raise RoadmapError(
                f"'{text}' given to {option} is not a valid date: no such day.",
                "Write dates as YYYY-MM-DD, like 2026-01-07.",
            ) from None
        raise RoadmapError(
            f"'{text}' given to {option} is not a valid date: write {DATE_FORMS}.",
            "Days ahead are written tomorrow, next monday or in 3 days.",
        ) from None
    if date_outside(day):
        raise RoadmapError(f"{day.isoformat()} given to {option} is outside {keeps}.", check)
    return day


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Weekday names as ``date.weekday()`` numbers them; each is also typed by its first three
letters (``mon``)."""

_UNITS = {"d": 1, "day": 1, "days": 1, "w": 7, "week": 7, "weeks": 7}
"""Days in each unit a count can be written in: ``3d``, ``3 days``, ``2w``, ``1 week``."""

DATE_FORMS = "YYYY-MM-DD, today, yesterday, a weekday (monday), last friday, 3 days ago or 3d"
"""The forms of a date every date option takes, as the error for another text lists them."""


def _weekday(word: str) -> int | None:
    """The weekday number (Monday 0) ``word`` names, in full or by three letters, else None."""
    for number, name in enumerate(_WEEKDAYS):
        if word in (name, name[:3]):
            return number
    return None


def _days(words: list[str]) -> int | None:
    """The days a count written as ``words`` spans: ``["3d"]``, ``["2w"]``, ``["3", "days"]``,
    ``["1", "week"]`` (ASCII digits, at most 6 of them); None for anything else."""
    if len(words) == 1:
        count, unit = words[0][:-1], words[0][-1:]
    elif len(words) == 2:
        count, unit = words
    else:
        return None
    if unit not in _UNITS or not (count.isascii() and count.isdigit() and len(count) <= 6):
        return None
    return int(count) * _UNITS[unit]


def _relative_day(word: str) -> dt.date | None:
    """The day a relative word names, counted from :func:`today` (the forms of
    :func:`parse_date`), or None when ``word`` (lower case, words one space apart) is none of
    them. Raises OverflowError for a count past the ends of Python's calendar.
    """
    words = word.split(" ")
    if word in ("today", "yesterday", "tomorrow"):
        return today() + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[word])
    weekday = _weekday(words[-1])
    if weekday is not None and len(words) <= 2:
        day = today()
        if len(words) == 1:
            return day - dt.timedelta(days=(day.weekday() - weekday) % 7)
        if words[0] == "last":
            return day - dt.timedelta(days=(day.weekday() - weekday - 1) % 7 + 1)
        if words[0] == "next":
            return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)
        return None
    if words[0] == "in":
        ahead = _days(words[1:])
        return None if ahead is None else today() + dt.timedelta(days=ahead)
    ago = words[-1] == "ago"
    if not ago and len(words) > 1:  # "3 days" alone says no direction
        return None
    back = _days(words[:-1] if ago else words)
    return None if back is None else today() - dt.timedelta(days=back)
