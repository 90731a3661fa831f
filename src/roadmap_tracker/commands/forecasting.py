"""``roadmap forecast``, and the forecast line of ``roadmap status``: finish dates at 50%, 80%
and 95% from the learner's own weeks (:mod:`roadmap_tracker.plan.forecast`, decision 42).
"""

from __future__ import annotations

import datetime as dt

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands.tracking import check_weekly_hours
from roadmap_tracker.plan import forecast as forecasting
from roadmap_tracker.plan import schedule
from roadmap_tracker.session import ActiveContext, Session

FORECAST = "forecast"
"""The name the last forecast is kept under, beside its curriculum's entry in the cache."""


def forecast_of(
    context: ActiveContext,
    day: dt.date,
    hours: float | None = None,
    by: dt.date | None = None,
    session: Session | None = None,
) -> forecasting.Forecast:
    """The forecast of the enrollment in ``context`` at the end of ``day``: its counted items
    (planned, not skipped), their days done, the weekly hours in force; ``hours`` and ``by``
    as :func:`roadmap_tracker.plan.forecast.forecast` takes them.

    With the ``session`` of a progress file, the last forecast is kept in the cache beside
    the curriculum, with the bytes of the record it was made from: a ``status`` after an
    unchanged record and curriculum on the same day does not simulate again.
    """
    from roadmap_tracker.base import cache

    keys = _kept_keys(context, day, hours, by, session)
    if keys is not None:
        kept = cache.load_entry(keys[0], tuple, FORECAST)
        if kept is not None and len(kept) == 2 and kept[0] == keys[1]:
            found = kept[1]
            if isinstance(found, forecasting.Forecast):
                return found
    found = _forecast(context, day, hours, by)
    if keys is not None:
        cache.store_entry(keys[0], (keys[1], found), FORECAST)
    return found


def _kept_keys(
    context: ActiveContext,
    day: dt.date,
    hours: float | None,
    by: dt.date | None,
    session: Session | None,
) -> tuple[str, tuple[object, ...]] | None:
    """(the curriculum's cache key, what the forecast is made from: the record's bytes as the
    kept state knows them, the enrollment and the question) for a session of a progress file
    whose curriculum file the cache knows; else None. No digest is computed: the state holds
    the digest of its bytes and the bytes appended since.
    """
    if session is None or session.curricula:
        return None
    state = session.state
    if state.stamp is None:  # a record in memory, or one cut as of an earlier day
        return None
    from roadmap_tracker.base import cache
    from roadmap_tracker.session import source_of

    curriculum_key = cache.known_key(*source_of(context.enrollment))
    if curriculum_key is None:
        return None
    enrollment = context.enrollment
    question = (
        state.digest,
        state.valid_bytes,
        state.appended,
        enrollment.curriculum,
        enrollment.seq,
        day,
        hours,
        by,
    )
    return curriculum_key, question


def _forecast(
    context: ActiveContext, day: dt.date, hours: float | None, by: dt.date | None
) -> forecasting.Forecast:
    """The forecast itself (see :func:`forecast_of`)."""
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
        logged={
            dt.date.fromordinal(ordinal): spent
            for ordinal, spent in context.ledger.hours_by_day.items()
        },
    )


def forecast_view(
    session: Session, hours: float | None = None, by: dt.date | None = None
) -> forecasting.Forecast:
    """``roadmap forecast [--hours H] [--by DATE]`` as of the session's day. Raises
    RoadmapError for weekly hours out of range, a ``by`` day not after the session's day, or
    as :meth:`Session.context` does.
    """
    if hours is not None:
        check_weekly_hours(hours, "roadmap forecast --hours 8")
    day = session.as_of
    if by is not None and by <= day:
        raise RoadmapError(
            f"--by {by.isoformat()} is not after {day.isoformat()}, the day forecast from.",
            "Give a later day, like --by " + (day + dt.timedelta(days=180)).isoformat() + ".",
        )
    return forecast_of(session.context(), day, hours, by, session)
