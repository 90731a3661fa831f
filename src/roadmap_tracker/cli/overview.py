"""The commands that show where you are: ``status`` (the week, progress and pace), ``next``
(what to do next) and ``plan`` (the timeline).

Here are their declarations (the arguments, options and help Typer reads from each
``*_command`` function, which :data:`.app.COMMANDS` names) and the drawing of their views
(``render_*``), laid out by :mod:`.layout`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.cli import layout, render, terminal
from roadmap_tracker.cli.options import (
    JsonOption,
    ModuleOption,
    NoPagerOption,
    PhaseOption,
    PlanOption,
    make_session,
    one_or_more,
)
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.overview import NextAllView, NextView, PlanView, StatusView
    from roadmap_tracker.commands.views import ActivityView, ItemView, OverdueView, WindowView
    from roadmap_tracker.plan.forecast import Forecast
    from roadmap_tracker.session import Session


ChartOption = Annotated[
    bool,
    typer.Option(
        "--chart",
        help="Draw the burn-up: items done by week against the plan, with the forecast's band.",
    ),
]


def status_command(
    week: Annotated[
        str | None,
        typer.Option("--week", help="A day of the week to show (default: today)."),
    ] = None,
    phase: PhaseOption = None,
    module: ModuleOption = None,
    chart: ChartOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show where you are: week of the plan, progress per phase and module, pace, the week;
    with --phase or --module, that part's progress and items only; with --chart, the
    burn-up of the whole plan below it.

    Example: roadmap status --week 2026-01-07 (one module: roadmap status --module m3)
    """
    from roadmap_tracker.commands import overview

    _refuse_chart_with_json(chart, json_output, "status")
    session = make_session(plan, week, "--week")
    view = overview.status_view(session, phase, module)
    if json_output:
        render.print_json(view)
        return
    render_status(view)
    if chart:
        _print_chart(session, view.forecast)


def _refuse_chart_with_json(chart: bool, json_output: bool, command: str) -> None:
    """Refuse --chart with --json: a chart is drawn for people, JSON is for scripts."""
    if chart and json_output:
        from roadmap_tracker.base.errors import RoadmapError

        raise RoadmapError(
            "--chart draws for the terminal and --json prints data; use one at a time.",
            f"roadmap {command} --json has the numbers the chart draws (the forecast's dates).",
        )


def _print_chart(session: Session, forecast: Forecast) -> None:
    """Print the burn-up of the session's enrollment below a view (the chart module and its
    data are loaded here alone)."""
    from roadmap_tracker.cli import charts
    from roadmap_tracker.commands import forecasting

    terminal.console().print()
    charts.print_burnup(forecasting.burnup_view(session, forecast=forecast))


def forecast_command(
    on: Annotated[
        str | None,
        typer.Option("--on", help="Day to forecast from (default: today)."),
    ] = None,
    hours: Annotated[
        float | None,
        typer.Option("--hours", help="What if you study this many hours a week from now?"),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="The weekly hours to finish by this day."),
    ] = None,
    chart: ChartOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Forecast your finish: the dates you finish by with 50%, 80% and 95% confidence, drawn
    from your own weeks of record; with --chart, the burn-up with those dates as a band.

    Example: roadmap forecast --hours 12 --by 2027-06-30 (a chart: roadmap forecast --chart)
    """
    from roadmap_tracker.cli.options import parse_day
    from roadmap_tracker.commands import forecasting

    _refuse_chart_with_json(chart, json_output, "forecast")
    target = parse_day(by, "--by") if by is not None else None
    session = make_session(plan, on)
    view = forecasting.forecast_view(session, hours, target)
    if json_output:
        render.print_json(view)
        return
    render_forecast(view)
    if chart:
        _print_chart(session, view)


def forecast_line(forecast: Forecast) -> str:
    """The one line of a forecast: "80% by DAY (50% by DAY)", or why there is none; empty
    when nothing in the plan is dated.
    """
    from roadmap_tracker.plan import forecast as forecasting

    if forecast.reason == forecasting.NOTHING_DATED:
        return ""
    if forecast.p80 is None or forecast.p50 is None:
        return forecast.reason or ""
    return f"80% by {forecast.p80.isoformat()} (50% by {forecast.p50.isoformat()})"


def _resting_on(forecast: Forecast) -> str:
    """What a forecast rests on: its weeks of record and the plan's share."""
    weeks = forecast.weeks_of_record
    record = f"{render.plural(weeks, 'week')} of record"
    if forecast.prior_weight >= 1:
        return f"from the plan alone ({record})"
    if forecast.prior_weight > 0:
        return f"from {record} and the plan"
    return f"from {record}"


def render_forecast(view: Forecast) -> None:
    """Draw ``roadmap forecast``: the three bands, what they rest on, the what-ifs."""
    out = terminal.console()
    out.print(f"[bold]Forecast[/] as of {view.as_of:%a %Y-%m-%d}")
    if view.p50 is None or view.p80 is None or view.p95 is None:
        out.print(view.reason or "No forecast.")
    else:
        rows = [
            ("50%", view.p50.isoformat(), "as likely as not"),
            ("80%", view.p80.isoformat(), "a safe date to promise"),
            ("95%", view.p95.isoformat(), "nearly certain"),
        ]
        out.print(layout.grid(rows, indent=2))
        out.print(
            f"At {view.hours_per_week:g} h a week, {view.remaining_hours:g} planned hours to go; "
            f"{_resting_on(view)}."
        )
        if view.by is None and view.hours_per_week:
            out.print("What if you studied more? roadmap forecast --hours H [--by DAY]")
    if view.left_out:
        out.print(f"Left out (ongoing or undated): {', '.join(view.left_out)}")
    if view.by is not None:
        if view.hours_needed is None:
            out.print(f"Not by {view.by.isoformat()} even at 168 h a week.")
        else:
            out.print(f"To finish by {view.by.isoformat()} (80%): {view.hours_needed:g} h a week.")


def next_command(
    from_date: Annotated[
        str | None,
        typer.Option("--from", help="Day to look ahead from (default: today)."),
    ] = None,
    count: Annotated[int, typer.Option("-n", "--count", help="How many items to list.")] = 5,
    phase: PhaseOption = None,
    module: ModuleOption = None,
    every: Annotated[
        bool, typer.Option("--all", help="What is next in each of your enrollments.")
    ] = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show what to do next and the upcoming milestones with their dates; with --phase or
    --module in that part only; with --all in every enrollment.

    Example: roadmap next --from 2026-01-07 -n 10 (one phase: roadmap next --phase p2)
    """
    from roadmap_tracker.commands import overview

    one_or_more(count, "roadmap next -n 10")
    session = make_session(plan, from_date, "--from")
    if every:
        if plan is not None or phase is not None or module is not None:
            from roadmap_tracker.base.errors import RoadmapError

            raise RoadmapError(
                "--all shows every enrollment; it takes no --plan, --phase or --module.",
                "Drop --all to narrow to one enrollment or part: roadmap next --plan SLUG.",
            )
        every_view = overview.next_all_view(session, count)
        render.print_json(every_view) if json_output else render_next_all(every_view)
        return
    view = overview.next_view(session, count, phase, module)
    render.print_json(view) if json_output else render_next(view)


def plan_command(
    on: Annotated[
        str | None,
        typer.Option("--on", help="Day to mark as today (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show the timeline: a bar per phase and module with its planned window and progress.

    Example: roadmap plan --on 2026-03-16
    """
    from roadmap_tracker.commands import overview

    view = overview.plan_view(make_session(plan, on))
    if json_output:
        render.print_json(view)
    else:
        with terminal.paged(not no_pager):
            render_plan(view)


def _activity(activity: ActivityView) -> str:
    """An activity's title, cadence and count: ``2 of 3 papers``; a routine measured in
    hours ``1.5 of 2 h today`` (its period a day) or ``3 of 10 h``.
    """
    unit = f" {activity.unit}" if activity.unit else ""
    counted = f"{activity.done:g} of {activity.expected:g}{unit}" if activity.expected else ""
    if activity.measured == "hours" and activity.expected:
        today = " today" if activity.period_start == activity.period_end else ""
        counted = f"{activity.done:g} of {activity.expected:g} h{today}"
    return f"{escape(activity.title)} [dim]· {activity.cadence}[/] {counted}".rstrip()


OVERDUE_SHOWN = 4
COMPLETED_SHOWN = 10
"""How many of the week's checked items ``status`` lists (the latest); --json has them all."""


def _overdue_rows(entries: Sequence[OverdueView]) -> list[tuple[str, ...]]:
    """The most recent overdue points (the oldest are summed up in one line)."""
    rows: list[tuple[str, ...]] = [
        (
            entry.date.isoformat(),
            f"[red]{escape(entry.title)}[/] [dim]({render.days(entry.days_late)} late, "
            f"{len(entry.open_items)} open)[/]",
        )
        for entry in entries[-OVERDUE_SHOWN:]
    ]
    if len(entries) > OVERDUE_SHOWN:
        older = len(entries) - OVERDUE_SHOWN
        older_points = render.plural(older, "older overdue point")
        rows.insert(0, ("", f"[dim]{older_points} (--json lists them)[/]"))
    return rows


def _pause_line(view: StatusView) -> str | None:
    """``status``'s line on pauses: the one holding its day, else the next one announced,
    else the last one; None without a pause.
    """
    current = next((p for p in view.pauses if p.first <= view.as_of <= p.last), None)
    ahead = next((p for p in view.pauses if p.first > view.as_of), None)
    shown = current or ahead or (view.pauses[-1] if view.pauses else None)
    if shown is None:
        return None
    span = f"{shown.first.isoformat()} to {shown.last.isoformat()} ({render.days(shown.days)})"
    if shown is current:
        return f"Paused: {span}"
    if shown is ahead:
        return f"Pause:  {span} ahead"
    return f"Paused: {span}, over"


def render_status(view: StatusView) -> None:
    """Draw ``roadmap status``: week, phase, module, totals, pace, overdue points, modules,
    recurring activities, study time and this week's work.
    """

    out = terminal.console()
    weeks = f" of {view.weeks_total}" if view.weeks_total else ""
    when = f"week {view.week}{weeks}" if view.week else f"starts {view.start.isoformat()}"
    out.print(f"[bold]{escape(view.title)}[/] · {when}")
    if view.dated:
        end = render.date(view.end) if view.end else "none (it goes on)"
        out.print(f"As of {view.as_of:%a %Y-%m-%d} · planned end {end}")
    else:
        out.print(f"As of {view.as_of:%a %Y-%m-%d} · no dates: the curriculum states no durations")
    if view.phase:
        out.print(f"Phase:  {view.phase.id} {escape(view.phase.title)}")
    if view.module:
        out.print(f"Module: {view.module.id} {escape(view.module.title)}")
    part = view.part
    if part is not None:
        out.print(f"Shown:  {part.kind} {part.id} {escape(part.title)} only")
    planned = f" (plan: {view.planned_percent:g}%)" if view.planned_percent is not None else ""
    planned = "" if part is not None else planned
    skipped = f", {len(view.skipped)} skipped" if view.skipped else ""
    of = "" if part is None else f" of {part.id}"
    out.print(f"Done:   {view.done} of {view.total} items{of}, {view.percent:g}%{planned}{skipped}")
    out.print(f"Pace:   {render.pace(view.days_ahead)}")
    finish = forecast_line(view.forecast)
    if finish:
        out.print(f"Finish: {finish}")
        if view.forecast.p80 is not None:
            out.print(f"        {_resting_on(view.forecast)}")
    hours = f"{view.hours_this_week:g} h logged this week"
    if view.hours_per_week:
        hours += f" of {view.hours_per_week:g} h planned"
    out.print(f"Time:   {hours}")
    pause_line = _pause_line(view)
    if pause_line:
        out.print(pause_line)
    if view.overdue:
        out.print("[bold red]Overdue[/]")
        out.print(layout.grid(_overdue_rows(view.overdue), indent=2))

    # One row per phase; the modules of the phase in focus (the current one, else the first
    # with open items) beneath it. `roadmap plan` and --json have every module.
    focus = view.phase.id if view.phase else None
    if focus is None or part is not None:
        focus = next((p.id for p in view.phases if p.done < p.total), None)
    if view.phases and part is not None:
        focus = view.phases[0].id
    parts: list[tuple[str, WindowView, int, int]] = []
    for phase in view.phases:
        parts.append((f"{phase.id} {phase.title}", phase, phase.done, phase.total))
        if phase.id == focus:
            parts += [
                (f"  {m.id} {m.title}", m, m.done, m.total)
                for m in view.modules
                if m.phase == phase.id
            ]
    if not view.phases:  # a module alone (--module)
        parts += [(f"{m.id} {m.title}", m, m.done, m.total) for m in view.modules]
    name_width = max((terminal.cell_len(name) for name, *_ in parts), default=6)
    count_width = max([4] + [len(f"{done}/{total}") for _, _, done, total in parts])
    # Long names end in an ellipsis; the name leaves room for bar, count and date (and the
    # gaps between columns).
    name_width = min(
        max(name_width, 6), max(12, out.width - (render.BAR_WIDTH + count_width + 11 + 9))
    )
    current = {view.module.id if view.module else None, focus}
    table = layout.fixed_table(
        ("Phase and module", "Progress", "Done", "Ends"),
        [
            (
                escape(name),
                render.bar(done, total),
                f"{done}/{total}",
                render.ends(part) if part.start else "-",
            )
            for name, part, done, total in parts
        ],
        widths=(name_width, render.BAR_WIDTH, count_width, 11),
        right=(2,),
        bold=[part.id in current for _, part, _, _ in parts],
    )
    out.print(table, no_wrap=True, overflow="ignore")
    if len(parts) - len(view.phases) < len(view.modules):
        out.print("[dim]Every module's progress: roadmap plan[/]")
    if view.not_planned:
        them = "it" if len(view.not_planned) == 1 else "them"
        names = ", ".join(entry.id for entry in view.not_planned)
        out.print(f"[dim]Not planned: {escape(names)} ('roadmap plan' shows how to add {them})[/]")
    span = f"{view.week_start:%a %Y-%m-%d} to {view.week_end:%a %Y-%m-%d}"
    if view.recurring:
        out.print(f"Recurring, {view.week_start:%a %m-%d} to {view.week_end:%a %m-%d}:")
        marks = [
            ("[green]✓[/]" if a.expected and a.done >= a.expected else "·", _activity(a))
            for a in view.recurring
        ]
        out.print(layout.grid(marks, indent=2))
    if view.skipped:
        out.print("Skipped (not counted):")
        shown = view.skipped[-COMPLETED_SHOWN:]
        skip_rows = [
            (
                "⤼",
                f"{escape(item.title)}\n[cyan]{item.id}[/] [dim]· {item.on}"
                + (f" · {escape(item.reason)}" if item.reason else "")
                + "[/]",
            )
            for item in shown
        ]
        if len(view.skipped) > len(shown):
            skip_rows.insert(0, ("", f"[dim]{len(view.skipped) - len(shown)} more (--json)[/]"))
        out.print(layout.grid(skip_rows, indent=2))
    if not view.completed_this_week_items:
        out.print(f"Nothing checked off in the week {span} yet.")
        return
    out.print(f"Completed in the week {span}:")
    done = view.completed_this_week_items
    rows = [
        ("[green]✓[/]", f"{item.on:%a}", f"{escape(item.title)}\n[cyan]{item.id}[/]")
        for item in done[-COMPLETED_SHOWN:]
    ]
    if len(done) > COMPLETED_SHOWN:
        earlier = len(done) - COMPLETED_SHOWN
        rows.insert(0, ("", "", f"[dim]{earlier} earlier this week (--json lists them)[/]"))
    out.print(layout.grid(rows, indent=2))


def render_next(view: NextView) -> None:
    """Draw ``roadmap next``: items in progress, overdue points and their items, the next
    items, choices to make, recurring activities due this week and upcoming milestones.
    """
    out = terminal.console()
    number = 0

    def item_rows(items: Sequence[ItemView], extra: Sequence[str] = ()) -> list[tuple[str, ...]]:
        nonlocal number
        rows: list[tuple[str, ...]] = []
        for position, item in enumerate(items):
            number += 1
            kind = "" if item.kind == "task" else f" · {item.kind}"
            more = extra[position] if position < len(extra) else ""
            rows.append(
                (
                    f"{number:>2}.",
                    f"{escape(item.title)}\n[cyan]{item.id}[/][dim]{kind}{more}[/]",
                )
            )
        return rows

    if view.in_progress:
        out.print("[bold]In progress[/]")
        notes = [
            (f" · since {item.since:%a %Y-%m-%d}" if item.since else "")
            + (f" · {item.hours:g} h logged" if item.hours else "")
            for item in view.in_progress
        ]
        out.print(layout.grid(item_rows(view.in_progress, notes)))
    if view.reminders:
        out.print("[bold]Reminders[/]")
        rows = [(f"{r.due:%a %m-%d}", escape(r.text)) for r in view.reminders]
        out.print(layout.grid(rows, indent=2))
    if view.overdue:
        out.print("[bold red]Overdue[/]")
        out.print(layout.grid(_overdue_rows(view.overdue), indent=2))
        if view.overdue_items:
            out.print(layout.grid(item_rows(view.overdue_items)))
    where = escape(view.title if view.part is None else f"{view.part.id} {view.part.title}")
    if view.tasks:
        out.print(f"[bold]Next in {where}[/]")
        out.print(layout.grid(item_rows(view.tasks)))
    if not (view.tasks or view.in_progress or view.overdue_items):
        if view.remaining:
            out.print(f"{view.remaining} items are open; -n shows more of them.")
        else:
            out.print(f"Nothing left to do in {where}. Well done!")
    for choice in view.choices:
        options = ", ".join(option.id for option in choice.options)
        advice = f"; {choice.recommended} is recommended" if choice.recommended else ""
        out.print(
            f"[bold yellow]Choice due:[/] {escape(choice.title)} (pick {choice.pick}: "
            f"{escape(options)}{advice}). Run 'roadmap choose {choice.id} OPTION'; until then "
            f"the plan counts {', '.join(choice.planned)}."
        )
    if view.blocked:
        first = view.blocked[0]
        waiting = ", ".join(first.waiting_for)
        more = len(view.blocked) - 1
        later = f"; {more} more modules wait for their prerequisites" if more else ""
        out.print(f"[dim]{first.id} {escape(first.title)} opens when {waiting} is done{later}.[/]")
    if view.recurring:
        out.print("[bold]Recurring, due in the next 7 days[/]")
        rows = [
            (f"{a.due:%a %m-%d}" if a.due else "", f"{_activity(a)}\n[cyan]{a.id}[/]")
            for a in view.recurring
        ]
        out.print(layout.grid(rows, indent=2))
    if view.milestones:
        out.print("[bold]Milestones[/]")
        rows = []
        for milestone in view.milestones:
            days = milestone.days_away
            away = (
                "today"
                if days == 0
                else f"in {render.days(days)}"
                if days > 0
                else f"{render.days(-days)} ago"
            )
            rows.append((milestone.date.isoformat(), f"{escape(milestone.title)} [dim]({away})[/]"))
        out.print(layout.grid(rows, indent=2))
    elif not view.dated:
        out.print("[dim]No dates: this curriculum states no durations.[/]")


def render_next_all(view: NextAllView) -> None:
    """Draw ``roadmap next --all``: each enrollment's ``next`` under a heading naming it,
    the active one first.
    """
    out = terminal.console()
    for position, plan in enumerate(view.plans):
        if position:
            out.print()
        active = " [dim](active)[/]" if plan.curriculum == view.active else ""
        out.print(f"[bold reverse] {escape(plan.curriculum)} [/] {escape(plan.title)}{active}")
        render_next(plan)


PLAN_NAME_WIDTH = 22
"""The Part column of ``roadmap plan`` is at least this wide (cells; a longer name is cut
with an ellipsis), and grows to the longest name once the timeline has
:data:`PLAN_TIMELINE_WIDTH` cells."""

PLAN_TIMELINE_WIDTH = 40
"""The widest the timeline of ``roadmap plan`` is drawn (cells)."""


_PLAN_MARKS = (("█", "done"), ("░", "planned"), ("▶", "goes on"))
"""The marks of ``roadmap plan``'s bars, as its legend names them."""


def _markup(text: str, styles: layout.Styles) -> str:
    """A cell's text as console markup, its style spans (in order, not overlapping) as tags."""
    parts = []
    at = 0
    for start, end, style in styles:
        parts += [escape(text[at:start]), f"[{style}]", escape(text[start:end]), "[/]"]
        at = end
    parts.append(escape(text[at:]))
    return "".join(parts)


def render_plan(view: PlanView) -> None:
    """Draw ``roadmap plan``: a bar per phase and module across the plan's span.

    In a bar, ``█`` is the done share of the window, ``░`` the rest of the planned window,
    ``▶`` an ongoing part that does not end, and ``│`` today. Undated parts have no bar. The
    legend below names only the marks drawn. The part names take what the terminal leaves
    beside a timeline of :data:`PLAN_TIMELINE_WIDTH` cells, at least :data:`PLAN_NAME_WIDTH`.
    """
    out = terminal.console()
    out.print(f"[bold]{escape(view.title)}[/] · plan from {view.start.isoformat()}")
    if not view.dated:
        out.print("This curriculum states no durations, so the plan has no dates.")
    first = view.start
    last = max(
        [d for d in (view.dated_end, view.today) if d is not None]
        + [r.start for r in view.rows if r.start is not None]
    )
    span = max((last - first).days + 1, 1)
    done_width = max([len("Done")] + [len(f"{r.done}/{r.total}") for r in view.rows])
    # columns: name, timeline, ends (≤YYYY-MM-DD: 11), done; three gaps of 3 cells between
    names = [("" if row.kind == "phase" else "  ") + f"{row.id} {row.title}" for row in view.rows]
    longest = max((terminal.cell_len(name) for name in names), default=0)
    fixed = 11 + done_width + 9
    name_width = min(longest, max(PLAN_NAME_WIDTH, out.width - fixed - PLAN_TIMELINE_WIDTH))
    name_width = max(name_width, min(longest, PLAN_NAME_WIDTH))
    width = max(10, min(PLAN_TIMELINE_WIDTH, out.width - name_width - fixed))
    drawn: set[str] = set()  # the marks the timelines use, for the legend

    def column(day: dt.date) -> int:
        return min(width - 1, max(0, (day - first).days * width // span))

    def timeline(row: WindowView, done: int, total: int) -> layout.Cell:
        if row.start is None:
            return "no dates", ((0, 8, "dim"),)
        cells = [" "] * width
        begin = column(row.start)
        end = column(row.end) if row.end is not None else width - 1
        filled = round((end - begin + 1) * done / total) if total else 0
        for position in range(begin, end + 1):
            cells[position] = "█" if position - begin < filled else "░"
        if row.end is None:
            cells[width - 1] = "▶"
        if row.latest_end is not None and row.latest_end != row.end:
            drawn.add("≤")
        today = column(view.today) if first <= view.today <= last else None
        if today is not None:
            cells[today] = "│"
        drawn.update(cells)
        marks = ((today, today + 1, "bold yellow"),) if today is not None else ()
        return "".join(cells), marks

    rows: list[tuple[layout.Cell, ...]] = []
    for name, row in zip(names, view.rows, strict=True):
        ends = render.ends_lines(row) if row.start else ("-",)
        row_end = "\n".join(ends)
        rows.append(
            (
                (name, ((0, len(name), "bold"),) if row.kind == "phase" else ()),
                timeline(row, row.done, row.total),
                (row_end, ((len(ends[0]) + 1, len(row_end), "dim"),) if len(ends) > 1 else ()),
                (f"{row.done}/{row.total}", ()),
            )
        )
    # The columns as layout.table measures them: at least as wide as their headings, the part
    # names cut at name_width, the ends at least 11 cells.
    part_width = min(max(len("Part"), longest), name_width)
    ends_width = max(
        [11] + [terminal.cell_len(line) for _, _, (e, _), _ in rows for line in e.split("\n")]
    )
    widths = (part_width, width, ends_width, done_width)
    fits = sum(widths) + 9 <= out.width and part_width >= len("Part")
    if fits and all(name.isprintable() for name in names):
        header = ("Part", "Timeline", "Ends", "Done")
        terminal.print_lines(
            *layout.fixed_lines(header, rows, widths=widths, right=(3,)), exact=True
        )
    else:  # too narrow (table gives way as rich's Table does), or a tab or control in a title
        columns = (
            layout.Column("Part", no_wrap=True, overflow="ellipsis", max_width=name_width),
            layout.Column("Timeline", no_wrap=True, min_width=width),
            layout.Column("Ends", min_width=11),
            layout.Column("Done", justify="right"),
        )
        markup = [[_markup(*cell) for cell in row] for row in rows]
        terminal.print_lines(*layout.table(columns, markup), exact=True)
    if view.dated:
        legend = [f"{first.isoformat()} to {last.isoformat()}"]
        legend += [" ".join(f"{mark} {said}" for mark, said in _PLAN_MARKS if mark in drawn)]
        if "│" in drawn:
            legend.append(f"[bold yellow]│[/] today {view.today.isoformat()}")
        if "≤" in drawn:
            legend.append("≤ latest acceptable end")
        out.print(f"[dim]{' · '.join(part for part in legend if part)}[/]")
    if view.not_planned:
        out.print("[bold]Not planned[/] (not counted)")
        unplanned = [
            (
                f"{entry.id} {escape(entry.title)}"
                + (f" · {entry.done}/{entry.total} done" if entry.done else "")
                + (" · optional" if entry.group is None else f" · option of {entry.group}")
                + f"\n[dim]plan it: {escape(entry.command)}[/]",
            )
            for entry in view.not_planned
        ]
        out.print(layout.grid(unplanned, indent=2))
    if view.milestones:
        out.print("[bold]Milestones[/]")
        dates = [(m.date.isoformat(), escape(m.title)) for m in view.milestones]
        out.print(layout.grid(dates, indent=2))
    if view.pauses:
        out.print("[bold]Paused[/] (the plan moved later by these days)")
        spans = [
            (f"{p.first.isoformat()} to {p.last.isoformat()}", render.days(p.days))
            for p in view.pauses
        ]
        out.print(layout.grid(spans, indent=2))
    for on, hours in view.replans:
        at = f" at {hours:g} h a week" if hours else ""
        out.print(f"[dim]Replanned from {on.isoformat()}{at}.[/]")
