"""``roadmap stats``: the learner's activity day by day, as GitHub's contribution graph.

A day's activity is its *items* (checkable items whose deciding check fell on that day, plus
occurrences of recurring activities recorded that day) and its *hours* (decimal hours logged
that day). A *study day* has at least one item or some hours. A *paused* day (``roadmap
pause``) is left out of the streaks: it neither breaks nor extends one. The helpers at the top take
plain data (dates, mappings) so they can be tested without a progress file; :func:`stats_view`
gathers the data of the enrollment the command works on. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import Record, View
from roadmap_tracker.plan import pauses as paused
from roadmap_tracker.plan.pauses import Pause
from roadmap_tracker.session import Session

MAX_WEEKS = 53
"""The most weeks ``roadmap stats --weeks`` shows: a year of ISO weeks."""

LEVELS = 4
"""Shades of an active day in the heatmap (level 0 is a day without activity)."""

ONE_DAY = dt.timedelta(days=1)


class Streaks(Record):
    """Runs of consecutive study days up to a day ``on``.

    ``current`` counts the study days ending on ``on``, or ending the day before when ``on``
    itself has no activity yet (``pending`` is then True, as GitHub and Duolingo count it);
    0 when neither day is a study day. ``longest`` is the longest run ending on or before
    ``on`` (ties: the latest). Each run has its first and last day (None for no run).
    Paused days are skipped: a run goes across a pause, and its length counts the days
    outside pauses only.
    """

    current: int
    current_start: dt.date | None
    current_end: dt.date | None
    pending: bool
    longest: int
    longest_start: dt.date | None
    longest_end: dt.date | None


def runs(days: Iterable[dt.date], pauses: Sequence[Pause] = ()) -> list[tuple[dt.date, dt.date]]:
    """The runs of consecutive calendar days in ``days`` (any order, repeats allowed), as
    (first day, last day) pairs, oldest first. Consecutive means one calendar day apart, so
    runs go across month and year ends (2026-12-31 then 2027-01-01), and across the paused
    days of ``pauses`` (inclusive first and last dates, sorted): those are skipped, in
    ``days`` too.
    """
    found: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if paused.is_paused(pauses, day):
            continue
        if found and _study_day(day, pauses) - _study_day(found[-1][1], pauses) == 1:
            found[-1] = (found[-1][0], day)
        else:
            found.append((day, day))
    return found


def streaks(days: Iterable[dt.date], on: dt.date, pauses: Sequence[Pause] = ()) -> Streaks:
    """The current and longest streaks of the study days ``days`` as seen at the end of
    ``on`` (days after ``on`` do not count), the days of ``pauses`` (inclusive first and
    last dates, sorted) skipped; see :class:`Streaks`.
    """
    counted = runs((day for day in days if day <= on), pauses)
    current: tuple[dt.date, dt.date] | None = None
    pending = False
    # A day in a pause counts as the first study day after it: a streak that ended the day
    # before the pause is still current, today not yet.
    today = _study_day(on, pauses)
    if counted and _study_day(counted[-1][1], pauses) >= today - 1:
        current = counted[-1]
        pending = _study_day(current[1], pauses) < today
    longest: tuple[dt.date, dt.date] | None = None
    for run in counted:
        if longest is None or _length(run, pauses) >= _length(longest, pauses):
            longest = run
    return Streaks(
        current=_length(current, pauses),
        current_start=current[0] if current else None,
        current_end=current[1] if current else None,
        pending=pending,
        longest=_length(longest, pauses),
        longest_start=longest[0] if longest else None,
        longest_end=longest[1] if longest else None,
    )


def _study_day(day: dt.date, pauses: Sequence[Pause]) -> int:
    """The number of ``day`` among the days outside ``pauses`` (a paused day: the first
    day after its pause).
    """
    return paused.to_study_time(day, pauses).toordinal()


def _length(run: tuple[dt.date, dt.date] | None, pauses: Sequence[Pause] = ()) -> int:
    """The days of ``run`` outside ``pauses``."""
    if run is None:
        return 0
    return (run[1] - run[0]).days + 1 - paused.paused_days(pauses, run[0], run[1])


def monday(day: dt.date) -> dt.date:
    """The Monday of the ISO week holding ``day``
    (:func:`~roadmap_tracker.base.clock.week_start`)."""
    return clock.week_start(day)


def iso_week(day: dt.date) -> str:
    """The ISO 8601 week holding ``day``, as ``2026-W45`` (its year is the ISO week-year:
    2027-01-01 is in ``2026-W53``).
    """
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_totals(
    values: Mapping[dt.date, float], first: dt.date, last: dt.date
) -> dict[dt.date, float]:
    """The sum of ``values`` (by day) over each ISO week from the week of ``first`` to the
    week of ``last``, keyed by the week's Monday, oldest first; only days from ``first`` to
    ``last`` inclusive count. Weeks without values are 0.
    """
    totals = {}
    week = monday(first)
    while week <= last:
        totals[week] = 0.0
        week += dt.timedelta(weeks=1)
    for day, value in values.items():
        if first <= day <= last:
            totals[monday(day)] += value
    return totals


def levels(scores: Mapping[dt.date, float]) -> dict[dt.date, int]:
    """The heatmap shade of each day: 0 for a score of 0, else 1 to :data:`LEVELS` by
    quarters of the highest score (a day with more than three quarters of it is level 4).
    """
    top = max(scores.values(), default=0.0)
    return {
        day: 0 if score <= 0 else max(1, min(LEVELS, math.ceil(LEVELS * score / top - 1e-9)))
        for day, score in scores.items()
    }


def commitment_on(
    day: dt.date, first_hours: float | None, replans: Iterable[tuple[dt.date, float | None]]
) -> float | None:
    """The weekly hours the learner committed to on ``day``: those of the last re-baseline
    (``replans``: (from date, hours a week), in the order recorded) from on or before
    ``day``, else ``first_hours`` (the enrollment's).
    """
    hours = first_hours
    for since, replanned in replans:
        if since <= day:
            hours = replanned
    return hours


class DayActivity(View):
    """One day of the heatmap: ``items`` done that day (checkable items plus ``occurrences``
    of recurring activities, which it includes), decimal ``hours`` logged, and the shade
    ``level`` (0 none, 1 to 4 by quarters of the busiest day's items + hours). ``paused``
    is True on a day of a pause (``roadmap pause``).
    """

    date: dt.date
    items: int
    occurrences: int
    hours: float
    level: int
    paused: bool = False


class WeekActivity(View):
    """One ISO week of the span: items done (occurrences included) and hours logged, from
    Monday to Sunday (to ``on`` for the last week), against ``commitment``, the hours a week
    committed to on its last day (None when the plan has none). ``met`` is True when the
    hours reached the commitment.
    """

    week: str
    start: dt.date
    end: dt.date
    items: int
    hours: float
    commitment: float | None
    met: bool


class StatsView(View):
    """``roadmap stats``: activity in the ``weeks`` ISO weeks ending with the week of ``on``
    (as many as asked, fewer when the enrollment started later: the first week shown is
    never before the week of the start).

    ``first``/``last`` are the Monday of the first week and the Sunday of the last one (the
    heatmap's corners); ``start`` is the enrollment's start. ``days`` lists each day from
    the later of ``first`` and ``start`` to ``on`` (the heatmap's other days are blank);
    ``weeks_shown`` the weeks that hold any of those days, oldest first. Totals cover the
    same days. Streaks count every study day of the enrollment up to ``on``, before the
    span too. ``busiest`` is the first day of the span with the most items + hours, the
    day level 4 is measured against (None when the span has no activity). Items count the
    planned ones only; ``not_planned`` is how many items outside the plan (options not
    chosen, optional modules not included) were done in the span and left out.
    ``paused_days`` counts the days of ``days`` in a pause; streaks skip them.
    """

    curriculum: str
    title: str
    on: dt.date
    weeks: int
    first: dt.date
    last: dt.date
    start: dt.date
    hours_per_week: float | None
    days: list[DayActivity]
    weeks_shown: list[WeekActivity]
    streaks: Streaks
    items: int
    hours: float
    study_days: int
    busiest: DayActivity | None
    not_planned: int
    paused_days: int


def stats_view(session: Session, weeks: int) -> StatsView:
    """The activity of the enrollment the command works on, in the ``weeks`` ISO weeks (1 to
    :data:`MAX_WEEKS`) ending with the week of the session's day (``on``), as recorded by the
    end of that day; the weeks before the week of the enrollment's start are left out.

    Raises RoadmapError for ``weeks`` out of range, or when the learner is not enrolled.
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise RoadmapError(
            f"--weeks must be a whole number from 1 to {MAX_WEEKS}, not {weeks}.",
            "Try 'roadmap stats --weeks 12'.",
        )
    on = session.as_of
    context = session.context()
    curriculum, ledger = context.curriculum, context.ledger
    pauses = context.pauses
    start = context.enrollment.started
    if start <= on:  # no empty weeks before the start: its week is the first shown
        weeks = min(weeks, (monday(on) - monday(start)).days // 7 + 1)
    first = monday(on) - dt.timedelta(weeks=weeks - 1)
    last = monday(on) + dt.timedelta(days=6)

    # Everything up to `on`, from the start: the streaks look back before the span. Items
    # outside the plan (an option not chosen, an optional module not included) are not counted,
    # but the days they were done on stay study days.
    items: dict[dt.date, int] = {}
    planned = context.planned_ids
    outside: list[dt.date] = []
    for item_id, day in context.done_by(on).items():
        if item_id not in planned:
            outside.append(day)
            continue
        items[day] = items.get(day, 0) + 1
    occurrences: dict[dt.date, int] = {}
    for activity_id in ledger.occurrence_ids - curriculum.item_ids:
        for day, count in ledger.occurrence_counts(activity_id, None, on).items():
            occurrences[day] = occurrences.get(day, 0) + count
    for day, count in occurrences.items():
        items[day] = items.get(day, 0) + count
    hours = {
        day: spent
        for ordinal, spent in ledger.hours_by_day.items()
        if spent > 0 and (day := dt.date.fromordinal(ordinal)) <= on
    }
    study = {day for day in (*items, *hours, *outside) if start <= day <= on}

    shown_from = max(first, start)
    span = [shown_from + dt.timedelta(days=n) for n in range((on - shown_from).days + 1)]
    shades = levels({day: items.get(day, 0) + hours.get(day, 0.0) for day in span})
    days = [
        DayActivity(
            date=day,
            items=items.get(day, 0),
            occurrences=occurrences.get(day, 0),
            hours=round(hours.get(day, 0.0), 2),
            level=shades[day],
            paused=paused.is_paused(pauses, day),
        )
        for day in span
    ]
    week_items = week_totals({d.date: d.items for d in days}, shown_from, on)
    week_hours = week_totals({d.date: d.hours for d in days}, shown_from, on)
    replans = [(replan.on, replan.hours_per_week) for replan in context.settings.replans]
    weeks_shown = []
    for week_start, week_count in week_items.items():
        week_end = min(week_start + dt.timedelta(days=6), on)
        commitment = commitment_on(week_end, context.settings.first_hours_per_week, replans)
        spent = round(week_hours[week_start], 2)
        weeks_shown.append(
            WeekActivity(
                week=iso_week(week_start),
                start=week_start,
                end=week_start + dt.timedelta(days=6),
                items=int(week_count),
                hours=spent,
                commitment=commitment,
                met=bool(commitment) and spent >= (commitment or 0.0),
            )
        )
    return StatsView(
        curriculum=curriculum.slug,
        title=curriculum.title,
        on=on,
        weeks=weeks,
        first=first,
        last=last,
        start=start,
        hours_per_week=commitment_on(on, context.settings.first_hours_per_week, replans),
        days=days,
        weeks_shown=weeks_shown,
        streaks=streaks(study, on, pauses),
        items=sum(d.items for d in days),
        hours=round(sum(d.hours for d in days), 2),
        study_days=sum(1 for d in days if d.items or d.hours),
        busiest=max((d for d in days if d.level), key=lambda d: d.items + d.hours, default=None),
        not_planned=sum(1 for day in outside if shown_from <= day <= on),
        paused_days=sum(1 for d in days if d.paused),
    )
