"""Paused days: how a plan moves around them, and how many fall in a span. Pure functions.

A pause is an inclusive range of local calendar dates (first, last) on which the learner does
not study (``roadmap pause``). The plan is laid out in *study time*, the calendar with every
paused day taken out, and then put back on the calendar (:func:`to_calendar`): every planned
day on or after a pause's first day moves later by the pause's length, pause after pause in
order of day. A module whose window holds a pause ends that many days later; one after it
starts that many days later; a window before it does not move. A replan from a day D is laid
out from D in study time (:func:`to_study_time`), so the pauses after D move its windows
again and those before D do not.

Pauses given to these functions are sorted, apart and not adjacent, as
:attr:`~roadmap_tracker.progress.ledger.Ledger.pauses` folds them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

Pause = tuple[dt.date, dt.date]
"""Paused days: the first and the last, inclusive local calendar dates."""


def length(pause: Pause) -> int:
    """The days of ``pause``, inclusive: 2026-03-02 to 2026-03-15 is 14."""
    return (pause[1] - pause[0]).days + 1


def to_calendar(day: dt.date, pauses: Sequence[Pause]) -> dt.date:
    """The calendar day of a day of study time: ``day`` moved later by the length of every
    pause whose first day it reaches, in order of day. A day inside a pause's span comes out
    after it.
    """
    for first, last in pauses:
        if day >= first:
            day += dt.timedelta(days=(last - first).days + 1)
    return day


def to_study_time(day: dt.date, pauses: Sequence[Pause]) -> dt.date:
    """The day of study time a calendar ``day`` stands for: ``day`` less the paused days
    before it. :func:`to_calendar` gives back ``day`` when it is not paused, and the day
    after the pause when it is.
    """
    return day - dt.timedelta(days=paused_days(pauses, None, day - dt.timedelta(days=1)))


def paused_days(pauses: Sequence[Pause], first: dt.date | None, last: dt.date | None) -> int:
    """How many paused days fall on the days ``first`` to ``last``, inclusive (each open when
    None); 0 when ``last`` is before ``first``.
    """
    total = 0
    for low, high in pauses:
        low = low if first is None else max(low, first)
        high = high if last is None else min(high, last)
        if low <= high:
            total += (high - low).days + 1
    return total


def from_day(pauses: Sequence[Pause], day: dt.date) -> list[Pause]:
    """The parts of ``pauses`` on or after ``day``: a pause that holds ``day`` starts on it."""
    return [(max(first, day), last) for first, last in pauses if last >= day]


def is_paused(pauses: Sequence[Pause], day: dt.date) -> bool:
    """True when ``day`` falls in one of ``pauses``."""
    return any(first <= day <= last for first, last in pauses)


def holding(pauses: Sequence[Pause], day: dt.date) -> Pause | None:
    """The pause that holds ``day``, or None."""
    return next(((first, last) for first, last in pauses if first <= day <= last), None)
