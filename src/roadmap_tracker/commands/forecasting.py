"""``roadmap forecast``, and the forecast line of ``roadmap status``: finish dates at 50%, 80%
and 95% from the learner's own weeks (:mod:`roadmap_tracker.plan.forecast`, decision 42).
"""

from __future__ import annotations

import datetime as dt

from roadmap_tracker.base.errors import RoadmapError
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
