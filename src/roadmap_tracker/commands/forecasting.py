"""``roadmap forecast``, and the forecast line of ``roadmap status``: finish dates at 50%, 80%
and 95% from the learner's own weeks (:mod:`roadmap_tracker.plan.forecast`, decision 42).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import View
from roadmap_tracker.plan import forecast as forecasting
from roadmap_tracker.plan import schedule
from roadmap_tracker.session import ActiveContext, Session


def forecast_of(
    context: ActiveContext,
    day: dt.date,
    hours: float | None = None,
    by: dt.date | None = None,
) -> forecasting.Forecast:
    """The forecast of the enrollment in ``context`` at the end of ``day``: its counted items
    (planned, not skipped), their days done, the weekly hours in force; ``hours`` and ``by``
    as :func:`roadmap_tracker.plan.forecast.forecast` takes them. Made anew each time (about
    4 ms for 10,000 items; decision 42).
    """
    settings = context.settings
    plan = context.plan
    base = plan  # the stated durations already: unscaled, never replanned, never paused
    if plan.scale != 1 or plan.replans or context.pauses:
        base = schedule.make_plan(
            context.curriculum,
            context.enrollment.started,
            None,
            settings.include,
            settings.choices,
        )
    return forecasting.forecast(
        context.curriculum,
        base,
        context.counted_ids,
        context.done_by(day),
        context.enrollment.started,
        day,
        settings.hours_per_week,
        hours=hours,
        by=by,
        pauses=context.pauses,
        logged=context.ledger.hours_by_day,
    )


def forecast_view(
    session: Session, hours: float | None = None, by: dt.date | None = None
) -> forecasting.Forecast:
    """``roadmap forecast [--hours H] [--by DATE]`` as of the session's day. Raises
    RoadmapError for weekly hours out of range, a ``by`` day not after the session's day, or
    as :meth:`Session.context` does.
    """
    if hours is not None:
        from roadmap_tracker.commands.tracking import check_weekly_hours  # only for --hours

        check_weekly_hours(hours, "roadmap forecast --hours 8")
    day = session.as_of
    if by is not None and by <= day:
        raise RoadmapError(
            f"--by {by.isoformat()} is not after {day.isoformat()}, the day forecast from.",
            "Give a later day, like --by " + (day + dt.timedelta(days=180)).isoformat() + ".",
        )
    return forecast_of(session.context(), day, hours, by)


class Burnup(View):
    """What ``forecast --chart`` and ``status --chart`` draw: the burn-up of an enrollment's
    counted items (planned, not skipped) as seen at the end of ``as_of``.

    ``done`` is the items done by the end of each day listed (local dates): the plan's start,
    each Sunday after it before ``as_of``, and ``as_of``; ``planned`` the items the plan
    expects done by the end of each day listed (the start, each Sunday, the end of the dated
    plan; decimal items, :func:`roadmap_tracker.plan.schedule.planned_fraction`), empty when
    nothing is dated; ``total`` the items counted; ``forecast`` the finish dates, from which
    the chart draws the band: straight lines from the items done on ``as_of`` to ``total``
    at the 50%, 80% and 95% dates.
    """

    as_of: dt.date
    start: dt.date
    total: int
    done: list[tuple[dt.date, int]]
    planned: list[tuple[dt.date, float]]
    forecast: forecasting.Forecast


def burnup_view(
    session: Session, hours: float | None = None, forecast: forecasting.Forecast | None = None
) -> Burnup:
    """The burn-up of the session's enrollment at the end of its day (see :class:`Burnup`),
    with ``forecast`` when the caller made it already, else :func:`forecast_view` of
    ``hours``. Raises RoadmapError as :func:`forecast_view` and :meth:`Session.context` do.
    """
    day = session.as_of
    if forecast is None:
        forecast = forecast_view(session, hours)
    context = session.context()
    plan = context.plan
    counted = context.counted_ids
    start = min(plan.start, day)
    sundays = [
        start + dt.timedelta(days=n)
        for n in range((day - start).days)
        if (start + dt.timedelta(days=n)).weekday() == 6
    ]
    on_days = sorted(done_day for item, done_day in context.done_by(day).items() if item in counted)
    done: list[tuple[dt.date, int]] = []
    for when in [start, *(s for s in sundays if s > start), day]:
        if done and done[-1][0] == when:
            continue
        done.append((when, bisect_right(on_days, when)))
    planned: list[tuple[dt.date, float]] = []
    end = plan.dated_end
    if end is not None:
        days = [plan.start]
        sunday = plan.start + dt.timedelta(days=(6 - plan.start.weekday()) or 7)
        while sunday < end:
            days.append(sunday)
            sunday += dt.timedelta(days=7)
        days.append(end)
        for when in days:
            # planned by the start of the next day: by the end of ``when``
            share = schedule.planned_fraction(
                context.curriculum, plan, when + dt.timedelta(days=1), counted
            )
            if share is None:
                planned = []
                break
            planned.append((when, round(share * len(counted), 2)))
    return Burnup(
        as_of=day,
        start=start,
        total=len(counted),
        done=done,
        planned=planned,
        forecast=forecast,
    )
