"""When a plan's recurring activities are due, and how many of their occurrences were done.

A recurring activity (:class:`~roadmap_tracker.curriculum.model.RecurringActivity`) runs
through its phase's or module's window, or the whole plan (:func:`activity_span`), and occurs
by its cadence from the first day of that span, as an RFC 5545 rule (dateutil.rrule;
:func:`occurrences`). Its done/expected counts over the period of a day
(:func:`activity_period`, :func:`activity_count`).

The progress journal has one rule for when its next entry is due (:func:`journal_due`): one
cadence after the last entry on or before the day asked, or after the start. ``next``'s
reminder, the count and due day of the recurring activity the journal names
(:func:`journal_count`) and the calendar export all use it. Pure functions, no I/O and no
clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from roadmap_tracker.base import clock
from roadmap_tracker.base.records import Record
from roadmap_tracker.curriculum.model import JournalPlan, RecurringActivity
from roadmap_tracker.plan.schedule import Plan
from roadmap_tracker.progress.ledger import Ledger

if TYPE_CHECKING:
    from dateutil.rrule import rrule, rruleset


def activity_span(activity: RecurringActivity, plan: Plan) -> tuple[dt.date | None, dt.date | None]:
    """The days a recurring activity runs: its phase's or module's window (to the latest
    acceptable end), or the whole plan from its start when it names none. (None, None) when
    its phase or module is outside the plan or undated; the end is None when open.
    """
    if activity.during is None:
        return plan.start, None
    window = next((w for w in [*plan.modules, *plan.phases] if w.id == activity.during), None)
    if window is None or window.start is None:
        return None, None
    return window.start, window.latest_end


def occurrences(
    activity: RecurringActivity, plan: Plan, first: dt.date, last: dt.date
) -> list[dt.date]:
    """The days from ``first`` to ``last`` (inclusive) on which the activity is due: its
    RRULE (:attr:`RecurringActivity.rrule`) from the first day of its span.
    """
    start, end = activity_span(activity, plan)
    if start is None:
        return []
    upper = last if end is None else min(last, end)
    if upper < first:
        return []
    period = activity.period_days
    if period is not None:  # every `period` days from the start, as the rule gives them
        day = start + dt.timedelta(days=max(0, -((start - first).days // period)) * period)
        step = dt.timedelta(days=period)
        days = []
        while day <= upper:
            days.append(day)
            day += step
        return days
    rule = _rule(activity, start)
    low = dt.datetime.combine(first, dt.time())
    high = dt.datetime.combine(upper, dt.time())
    return [moment.date() for moment in rule.between(low, high, inc=True)]


def _rule(activity: RecurringActivity, start: dt.date) -> rrule | rruleset:
    """The activity's RRULE (a dateutil ``rrule``) from ``start``.

    Only the cadences counted in calendar months come here: the rules of whole-day cadences
    (``FREQ=DAILY`` or ``WEEKLY`` with an ``INTERVAL``, :attr:`RecurringActivity.period_days`)
    fall every so many days from their start, which :func:`occurrences` and
    :func:`activity_period` count without dateutil (about 2 ms to import).
    """
    from dateutil.rrule import rrulestr

    return rrulestr(activity.rrule, dtstart=dt.datetime.combine(start, dt.time()))


WEEK_CADENCES = ("daily", "weekly")


def activity_period(
    activity: RecurringActivity, plan: Plan, day: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The period of ``day`` an activity's done/expected counts over, inclusive.

    Daily and weekly activities count over the ISO week (Monday to Sunday) of ``day``, except
    a daily routine measured in hours (:attr:`RecurringActivity.in_hours`, "2 hours/day"),
    which counts over ``day`` itself; longer cadences over the span from their last
    occurrence on or before ``day`` to the day before the next one. None when the activity
    is not running then.
    """
    start, end = activity_span(activity, plan)
    if start is None or day < start or (end is not None and day > end):
        return None
    if activity.in_hours and activity.cadence == "daily":
        return day, day
    if activity.cadence in WEEK_CADENCES:
        monday = clock.week_start(day)
        return monday, monday + dt.timedelta(days=6)
    period = activity.period_days
    if period is not None:  # every `period` days from the start
        last_day = start + dt.timedelta(days=(day - start).days // period * period)
        return last_day, last_day + dt.timedelta(days=period - 1)
    rule = _rule(activity, start)
    moment = dt.datetime.combine(day, dt.time())
    last = rule.before(moment, inc=True)
    following = rule.after(moment)
    if last is None or following is None:
        return None
    return last.date(), following.date() - dt.timedelta(days=1)


class ActivityCount(Record, kw_only=False):
    """A recurring activity's count for one period: ``done`` of ``expected`` (the low end of
    its times per occurrence, times its occurrences in the period). For a routine measured
    in hours both are decimal hours (rounded to 0.01); otherwise occurrences.
    """

    activity: RecurringActivity
    period_start: dt.date
    period_end: dt.date
    done: float
    expected: float


def activity_count(
    activity: RecurringActivity,
    plan: Plan,
    day: dt.date,
    recorded: Mapping[dt.date, float],
) -> ActivityCount | None:
    """Done/expected of an activity in the period of ``day`` (:func:`activity_period`);
    ``recorded`` maps days to what was done on them: occurrences recorded, or for a routine
    measured in hours (:attr:`RecurringActivity.in_hours`) the decimal hours logged
    (``roadmap log``, with or without ``--task``). None when it is not running on ``day``.
    """
    period = activity_period(activity, plan, day)
    if period is None:
        return None
    first, last = period
    found = len(occurrences(activity, plan, first, last))
    done = sum(count for when, count in recorded.items() if first <= when <= last)
    if activity.in_hours:
        hours = activity.times.low if activity.times else 1.0
        return ActivityCount(activity, first, last, round(done, 2), round(found * hours, 2))
    times = int(activity.times.low) if activity.times else 1
    return ActivityCount(activity, first, last, int(done), found * max(times, 1))


# --- The journal's due day -----------------------------------------------------------------

CADENCE_STEPS: dict[str, tuple[int, int]] = {
    "daily": (1, 0),
    "weekly": (7, 0),
    "bi-weekly": (14, 0),
    "monthly": (0, 1),
    "quarterly": (0, 3),
    "annually": (0, 12),
}
"""One step of each cadence: (days, calendar months)."""


def cadence_after(day: dt.date, cadence: str, steps: int = 1) -> dt.date:
    """``day`` plus ``steps`` steps of ``cadence`` (daily, weekly, bi-weekly: 1, 7, 14 days;
    monthly, quarterly, annually: 1, 3, 12 calendar months, a day past the end of the month
    falling back to its last day, as dateutil's relativedelta does).
    """
    days, months = CADENCE_STEPS[cadence]
    if not months:
        return day + dt.timedelta(days=days * steps)
    return clock.add_months(day, months * steps)


def journal_entry_days(ledger: Ledger, journal: JournalPlan) -> list[dt.date]:
    """The days with a progress journal entry, sorted: the ``journal`` events, and the
    occurrences of the recurring activity the journal names (``journal.activity``, when
    ``ledger`` counts it), so that ``check routine/progress-journal`` for a journal kept
    elsewhere counts as an entry too.
    """
    days = {dt.date.fromordinal(day) for day, _, _ in ledger.journal}
    if journal.activity is not None and journal.activity in ledger.occurrence_ids:
        days.update(ledger.occurrence_counts(journal.activity))
    return sorted(days)


def journal_due(
    start: dt.date, cadence: str, entry_days: Iterable[dt.date], day: dt.date
) -> dt.date:
    """The day the next journal entry is due as seen at the end of ``day``: one step of
    ``cadence`` (:func:`cadence_after`) after the last of ``entry_days`` on or before
    ``day``, or after ``start`` when there is none. Entries dated after ``day`` do not count,
    so the answer for a past day stays what it was. May be before ``day`` (overdue).
    """
    last = max((entry for entry in entry_days if entry <= day), default=start)
    return cadence_after(last, cadence)


def journal_count(
    activity: RecurringActivity,
    start: dt.date,
    journal: JournalPlan,
    ledger: Ledger,
    day: dt.date,
) -> tuple[ActivityCount, dt.date]:
    """The count of the recurring activity the journal names, as of the end of ``day``, and
    the day its next entry is due (:func:`journal_due`).

    Its period runs from the last entry on or before ``day`` (or the start) to the day
    before the next is due: that entry makes it 1 of 1. Once the due day has come, the period
    runs from the due day to ``day``: 0 of 1 until an entry is written.
    """
    days = [entry for entry in journal_entry_days(ledger, journal) if entry <= day]
    due = journal_due(start, journal.cadence, days, day)
    if day < due:
        first, last = (days[-1] if days else start), due - dt.timedelta(days=1)
    else:
        first, last = due, day
    done = sum(1 for entry in days if first <= entry)
    return ActivityCount(activity, first, last, done, 1), due
