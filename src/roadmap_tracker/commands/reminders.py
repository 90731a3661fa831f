"""When a progress journal entry or a periodic review is due, and the reminders ``roadmap
next`` shows for them. The rules are in :mod:`roadmap_tracker.commands.journal`'s
docstring; the cadence arithmetic here is pure (dates in, dates out, no clock).
"""

from __future__ import annotations

import datetime as dt

from roadmap_tracker.base.records import View
from roadmap_tracker.plan.recurring import (
    CADENCE_STEPS,
    cadence_after,
    journal_due,
    journal_entry_days,
)
from roadmap_tracker.session import ActiveContext


class ReminderView(View):
    """A reminder ``roadmap next`` shows: a progress journal entry or a periodic review due.

    ``kind`` is ``journal`` or ``review``; ``due`` the day it is due; ``days_away`` the days
    from the day asked about to ``due`` (negative when overdue); ``period_start`` and
    ``period_end`` the period a review is due for (None for the journal); ``text`` one
    sentence for people. See :func:`reminders`.
    """

    kind: str
    due: dt.date
    days_away: int
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    text: str


REMIND_DAYS = 7
"""How many days before a journal entry or a review is due ``next`` starts reminding."""


def period_bounds(start: dt.date, cadence: str, index: int) -> tuple[dt.date, dt.date]:
    """The first and last day (inclusive) of period ``index`` (from 0) of ``cadence`` counted
    from ``start``: each period starts ``index`` steps after ``start`` and ends the day before
    the next one starts.
    """
    first = cadence_after(start, cadence, index)
    return first, cadence_after(start, cadence, index + 1) - dt.timedelta(days=1)


def period_index(start: dt.date, cadence: str, day: dt.date) -> int:
    """The number (from 0) of the period of ``cadence`` from ``start`` that holds ``day``;
    -1 for a day before ``start``.
    """
    if day < start:
        return -1
    days, months = CADENCE_STEPS[cadence]
    if not months:
        return (day - start).days // days
    index = ((day.year - start.year) * 12 + day.month - start.month) // months
    index = max(index, 0)
    while index > 0 and cadence_after(start, cadence, index) > day:
        index -= 1
    while cadence_after(start, cadence, index + 1) <= day:
        index += 1
    return index


def reviewed_period(start: dt.date, cadence: str, day: dt.date) -> tuple[dt.date, dt.date, bool]:
    """The period a review on ``day`` covers, as (first day, last day, whole): the latest
    period that has ended by ``day`` + 7 days; when none has (``day`` is in the first period,
    more than a week before its end), the first period so far, from ``start`` to ``day``, and
    ``whole`` is False. ``day`` must not be before ``start``.
    """
    ended = period_index(start, cadence, day + dt.timedelta(days=REMIND_DAYS + 1)) - 1
    if ended < 0:
        return start, day, False
    first, last = period_bounds(start, cadence, ended)
    return first, last, True


# --- Reminders ---------------------------------------------------------------------------


def reminders(context: ActiveContext, day: dt.date) -> list[ReminderView]:
    """The journal entry and the review due around ``day`` for the enrollment of
    ``context`` (see the module's docstring for when each shows). Only entries and reviews
    recorded for ``day`` or earlier count. Empty for a day before the start and for a
    curriculum that declares neither ``journal:`` nor ``review:``.
    """
    curriculum, start = context.curriculum, context.enrollment.started
    found: list[ReminderView] = []
    if day < start:
        return found
    journal_plan = curriculum.journal
    if journal_plan is not None:
        days = [entry for entry in journal_entry_days(context.ledger, journal_plan) if entry <= day]
        last = days[-1] if days else None
        due = journal_due(start, journal_plan.cadence, days, day)
        away = (due - day).days
        if away <= REMIND_DAYS:
            since = f"your last entry was on {last.isoformat()}" if last else "you have none yet"
            found.append(
                ReminderView(
                    kind="journal",
                    due=due,
                    days_away=away,
                    text=f"A progress journal entry {_when(due, away)} "
                    f"({journal_plan.cadence}; {since}): run 'roadmap journal'.",
                )
            )
    review_plan = curriculum.review
    if review_plan is not None:
        first, last_day, whole = reviewed_period(start, review_plan.cadence, day)
        covered = any(
            period_first == first.toordinal() and period_last == last_day.toordinal()
            for on, _, period_first, period_last in context.ledger.reviews
            if on <= day.toordinal()
        )
        if whole and not covered:
            away = (last_day - day).days
            found.append(
                ReminderView(
                    kind="review",
                    due=last_day,
                    days_away=away,
                    period_start=first,
                    period_end=last_day,
                    text=f"Your {review_plan.cadence} review of {first.isoformat()} to "
                    f"{last_day.isoformat()} {_when(last_day, away)}: run "
                    "'roadmap review'.",
                )
            )
    return found


def _when(due: dt.date, away: int) -> str:
    """``is due today (2026-01-19)``, ``is due on 2026-01-19 (in 3 days)`` or ``was due on
    2026-01-19 (2 days ago)``.
    """
    if away == 0:
        return f"is due today ({due.isoformat()})"
    count = f"{abs(away)} day" + ("" if abs(away) == 1 else "s")
    if away > 0:
        return f"is due on {due.isoformat()} (in {count})"
    return f"was due on {due.isoformat()} ({count} ago)"
