"""``roadmap report``: the data of the one-file HTML report (:class:`ReportView`), drawn by
:mod:`roadmap_tracker.formats.html_report`.

The view gathers the existing views as of the session's day (``status``, ``plan``,
``stats`` over a year, ``portfolio``, the forecast of ``status``) and adds what only the
report shows: each phase's and module's first and last day of recorded activity (from the
ledger), the burn-up of items done and planned week by week, and the open choice groups.
Everything is linear in the items: the charts are drawn per phase, module, week and day,
never per item. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path

from roadmap_tracker.base.records import View
from roadmap_tracker.commands.evidence import PortfolioView, portfolio_view
from roadmap_tracker.commands.overview import PlanView, StatusView, plan_view, status_view
from roadmap_tracker.commands.stats import MAX_WEEKS, StatsView, stats_view
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import schedule
from roadmap_tracker.plan.forecast import Forecast
from roadmap_tracker.session import ActiveContext, Session

ONE_WEEK = dt.timedelta(weeks=1)


class GanttRow(View):
    """One bar of the report's Gantt: a phase (``kind`` ``"phase"``) or a module (``phase``:
    its phase's id) of the plan, with its planned window (``start``/``end`` inclusive local
    dates, ``latest_end`` at the high end of a range; None when undated or ongoing), its items
    done by the report's day out of those counted (skipped ones left out), and its actual
    activity: ``first_activity`` and ``last_activity``, the first and last days up to the
    report's day on which one of its items had hours logged, a note, or the change of state
    that stands (done, in progress, skipped); None when nothing was recorded.
    """

    kind: str
    id: str
    title: str
    phase: str | None
    start: dt.date | None
    end: dt.date | None
    latest_end: dt.date | None
    done: int
    total: int
    first_activity: dt.date | None
    last_activity: dt.date | None


class BurnWeek(View):
    """One point of the burn-up: the end of an ISO week (its Sunday; the report's day for the
    week holding it), the counted items ``done`` by then (None after the report's day), and
    the items the plan expected done by then (``planned``, decimal items as ``status``'s
    planned percent counts them; None when nothing of the plan is dated).
    """

    end: dt.date
    done: int | None
    planned: float | None


class OpenChoice(View):
    """A choice group not yet chosen: its options (module ids and titles), the options the
    plan takes until the learner chooses (``planned``), the recommended one, and ``due``, the
    first day ``next`` asks for the choice (None: always, its phase has no date).
    """

    id: str
    title: str
    pick: str
    options: list[tuple[str, str]]
    planned: list[str]
    recommended: str | None
    due: dt.date | None


class ReportView(View):
    """``roadmap report``: everything the HTML report draws, as of the end of ``as_of``.

    ``status``, ``plan``, ``stats`` (the last :data:`~roadmap_tracker.commands.stats.MAX_WEEKS`
    ISO weeks) and ``portfolio`` are those commands' views; ``forecast`` is ``status``'s
    (50/80/95% finish dates). ``gantt`` holds the plan's phases, each followed by its
    modules; ``burnup`` one point per ISO week from the week of the start to the later of
    the report's day and the plan's end; ``choices`` the choice groups still open.
    ``hours_logged`` is every decimal hour logged up to ``as_of``.
    """

    curriculum: str
    title: str
    as_of: dt.date
    status: StatusView
    plan: PlanView
    forecast: Forecast
    gantt: list[GanttRow]
    burnup: list[BurnWeek]
    stats: StatsView
    portfolio: PortfolioView
    choices: list[OpenChoice]
    hours_logged: float


def report_view(session: Session) -> ReportView:
    """The report of the enrollment the session works on (the active one, or ``--plan``'s)
    as recorded by the end of the session's day. Raises RoadmapError when the learner is not
    enrolled (or not in ``--plan``'s curriculum) or the curriculum cannot be loaded.
    """
    as_of = session.as_of
    status = status_view(session)
    plan = plan_view(session)
    context = session.context()
    activity = _module_activity(context, as_of)
    gantt = []
    for row in plan.rows:
        first, last = activity.get(row.id, (None, None))
        gantt.append(
            GanttRow(
                kind=row.kind,
                id=row.id,
                title=row.title,
                phase=row.phase,
                start=row.start,
                end=row.end,
                latest_end=row.latest_end,
                done=row.done,
                total=row.total,
                first_activity=first,
                last_activity=last,
            )
        )
    last_ordinal = as_of.toordinal()
    hours = sum(
        (spent for day, spent in context.ledger.hours_by_day.items() if day <= last_ordinal), 0.0
    )
    return ReportView(
        curriculum=status.curriculum,
        title=status.title,
        as_of=as_of,
        status=status,
        plan=plan,
        forecast=status.forecast,
        gantt=gantt,
        burnup=_burnup(context, as_of),
        stats=stats_view(session, MAX_WEEKS),
        portfolio=portfolio_view(session),
        choices=_open_choices(context),
        hours_logged=round(hours, 2),
    )


def _module_activity(context: ActiveContext, as_of: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    """The first and last day of recorded activity up to ``as_of`` of each module and phase
    that has some (see :class:`GanttRow`): one pass over the ledger's touches, hours and
    notes, each mapped to its item's module and phase by position.
    """
    curriculum, ledger = context.curriculum, context.ledger
    table = curriculum.item_table
    current = curriculum.current_ids
    position = {item_id: n for n, item_id in enumerate(table.ids)}
    limit = as_of.toordinal()
    spans: dict[int, tuple[int, int]] = {}

    def touch(recorded: str, day: int) -> None:
        if day > limit:
            return
        at = position.get(current.get(recorded, recorded))
        if at is None:
            return
        low, high = spans.get(at, (day, day))
        spans[at] = (min(low, day), max(high, day))

    for recorded, packed in ledger.last_touch.items():
        if packed & 3:  # an item reset to open has nothing standing
            touch(recorded, packed >> 2)
    for day, logged in ledger.hours_by_day_item.items():
        for recorded, spent in logged.items():
            if recorded and spent > 0:
                touch(recorded, day)
    for recorded, notes in ledger.notes.items():
        for day, *_ in notes:
            touch(recorded, day)
    found: dict[str, tuple[int, int]] = {}
    for at, (low, high) in spans.items():
        for part in (table.module_ids[at], table.phase_ids[at]):
            if part is None:
                continue
            first, last = found.get(part, (low, high))
            found[part] = (min(first, low), max(last, high))
    return {
        part: (dt.date.fromordinal(low), dt.date.fromordinal(high))
        for part, (low, high) in found.items()
    }


def _burnup(context: ActiveContext, as_of: dt.date) -> list[BurnWeek]:
    """Items done and planned at the end of each ISO week (see :class:`BurnWeek`). The
    planned count of a day is :func:`roadmap_tracker.plan.schedule.planned_fraction` of the
    plan in force on it (true in time: before a replan, the plan as it stood), with each
    part's counted items worked out once per plan rather than once a week.
    """
    curriculum, plan, settings = context.curriculum, context.plan, context.settings
    counted = context.counted_ids
    done_days = sorted(
        day.toordinal() for item, day in context.done_by(as_of).items() if item in counted
    )
    dated = bool(counted) and (plan.dated or bool(plan.milestones))
    # The plans in force: one from the start, then one from each replan's day.
    plans = [plan]
    if plan.replans:
        settled = {**context.skipped, **context.done_by()}
        plans = [
            schedule.make_plan(
                curriculum,
                context.enrollment.started,
                settings.first_hours_per_week,
                settings.include,
                settings.choices,
                plan.replans[:count],
                settled if count else None,
                context.pauses,
            )
            for count in range(len(plan.replans))
        ] + [plan]
    since = [plan.start] + [replan.on for replan in plan.replans]
    counters = [_planned_counter(curriculum, laid, counted) for laid in plans]
    last = max(as_of, plan.end or plan.dated_end or as_of)
    points = []
    end = plan.start + dt.timedelta(days=6 - plan.start.weekday())
    while True:
        shown = as_of if end >= as_of > end - ONE_WEEK else end
        planned = None
        if dated:
            in_force = max(0, bisect_right(since, shown) - 1)
            planned = counters[in_force](shown + dt.timedelta(days=1))
        points.append(
            BurnWeek(
                end=shown,
                done=bisect_right(done_days, shown.toordinal()) if shown <= as_of else None,
                planned=None if planned is None else round(planned, 2),
            )
        )
        if end >= last:
            return points
        end += ONE_WEEK


def _planned_counter(
    curriculum: Curriculum, plan: schedule.Plan, counted: frozenset[str]
) -> Callable[[dt.date], float]:
    """The items of ``counted`` that ``plan`` expects done by the start of a day, as
    :func:`roadmap_tracker.plan.schedule.planned_fraction` times their number counts them.
    """
    settled = plan.settled if plan.replans else frozenset()
    fixed = float(len(counted.intersection(settled)))
    windows = []
    for window in plan.modules:
        if window.length:  # the items its window stands for: all, or those open at a replan
            ids = plan.remaining.get(window.id, ()) if plan.replans else None
            paced = curriculum.item_ids_of(window.id) if ids is None else ids
            windows.append((window, window.length, len(counted.intersection(paced))))
    steps = [
        (window.end, len(counted.intersection(curriculum.phase_item_ids(window.id)) - settled))
        for window in plan.phases
        if window.end is not None
    ]
    steps += [
        (m.date, len(counted.intersection(curriculum.milestone_item_ids(m.id)) - settled))
        for m in plan.milestones
    ]

    def planned(day: dt.date) -> float:
        expected = fixed + sum(count for when, count in steps if when < day)
        for window, length, count in windows:
            expected += window.days_elapsed(day) / length * count
        return expected

    return planned


def _open_choices(context: ActiveContext) -> list[OpenChoice]:
    """The curriculum's choice groups the learner has not chosen in, in curriculum order."""
    from roadmap_tracker.plan.upcoming import choice_due_on

    curriculum, plan = context.curriculum, context.plan
    made = context.settings.choices
    planned = schedule.chosen_options(curriculum, made)
    found = []
    for group in curriculum.choices:
        if made.get(group.id):
            continue
        found.append(
            OpenChoice(
                id=group.id,
                title=group.title,
                pick=group.pick,
                options=[
                    (option, curriculum.module_index[option].title)
                    for option in group.options
                    if option in curriculum.module_index
                ],
                planned=planned.get(group.id, []),
                recommended=group.recommended,
                due=choice_due_on(curriculum, plan, group),
            )
        )
    return found


def report_html(session: Session) -> tuple[str, str]:
    """The report of the session's enrollment as one HTML document
    (:func:`roadmap_tracker.formats.html_report.html_report` of :func:`report_view`), with no
    control characters but newlines and tabs, and the curriculum's slug (which names the
    default file). Raises RoadmapError as :func:`report_view` does.
    """
    from roadmap_tracker.base.printable import printable
    from roadmap_tracker.formats.html_report import html_report

    view = report_view(session)
    data = view.to_json()
    assert isinstance(data, dict)
    return printable(html_report(data)), view.curriculum


def write_report(text: str, path: Path) -> None:
    """Write the report to ``path`` as ``export -o`` writes
    (:func:`roadmap_tracker.commands.output_files.write_file`: atomically, refusing the
    record, the bundled curricula, directories and devices). Raises RoadmapError, with
    nothing written, when it cannot.
    """
    from roadmap_tracker.commands.output_files import write_file

    write_file(text, path)
