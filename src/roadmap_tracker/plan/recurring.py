"""When a plan's recurring activities are due, and how many of their occurrences were done.

A recurring activity (:class:`~roadmap_tracker.curriculum.model.RecurringActivity`) runs
through its phase's or module's window, or the whole plan (:func:`activity_span`), and occurs
by its cadence from the first day of that span, as an RFC 5545 rule (dateutil.rrule;
:func:`occurrences`). Its done/expected counts over the period of a day
(:func:`activity_period`, :func:`activity_count`). Pure functions, no I/O and no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from roadmap_tracker.base import clock
from roadmap_tracker.base.records import Record
from roadmap_tracker.curriculum.model import RecurringActivity
from roadmap_tracker.plan.schedule import Plan

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

    Daily and weekly activities count over the ISO week (Monday to Sunday) of ``day``;
    longer cadences over the span from their last occurrence on or before ``day`` to the day
    before the next one. None when the activity is not running then.
    """
    start, end = activity_span(activity, plan)
    if start is None or day < start or (end is not None and day > end):
        return None
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
    its times per occurrence, times its occurrences in the period).
    """

    activity: RecurringActivity
    period_start: dt.date
    period_end: dt.date
    done: int
    expected: int


def activity_count(
    activity: RecurringActivity, plan: Plan, day: dt.date, recorded: Mapping[dt.date, int]
) -> ActivityCount | None:
    """Done/expected of an activity in the period of ``day`` (:func:`activity_period`);
    ``recorded`` maps days to occurrences done. None when it is not running on ``day``.
    """
    period = activity_period(activity, plan, day)
    if period is None:
        return None
    first, last = period
    times = int(activity.times.low) if activity.times else 1
    expected = len(occurrences(activity, plan, first, last)) * max(times, 1)
    done = sum(count for when, count in recorded.items() if first <= when <= last)
    return ActivityCount(activity, first, last, done, expected)
