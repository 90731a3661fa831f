"""The burn-up chart of ``roadmap forecast --chart`` and ``roadmap status --chart``, drawn in
terminal cells with no charting library (decision 59).

:func:`burnup_chart` lays the chart out as plain text and style spans; :func:`print_burnup`
prints it through :func:`.terminal.print_lines`, so a pipe, a file or ``NO_COLOR`` get the
same characters without an ANSI code. Imported by the ``--chart`` path alone
(tests/test_charts.py checks that ``status`` and ``forecast`` without it do not load it).

The chart, left to right from the plan's start (or the day, when earlier) to the latest of
the plan's dated end, the 95% date and the day; bottom to top from 0 to the items counted:

- ``█`` the items done by the end of each week (and of the day), as columns;
- ``·`` the plan: the items it expects done by each day;
- ``░`` the forecast's band, between straight lines from the items done on the day to all
  of them at the 50% date and at the 95% date; ``▓`` the line to the 80% date (the plan is
  drawn over the band and the line, what was done over everything);
- ``┊`` the day, where nothing else is drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from roadmap_tracker.commands.forecasting import Burnup

    _Column = Callable[[dt.date], int]

HEIGHT = 12
"""Rows of the plot itself; with the axis, the dates and the legend the chart takes 15."""

DONE, PLAN, BAND, LIKELY, TODAY = "█", "·", "░", "▓", "┊"
STYLES = {DONE: "green", PLAN: "cyan", BAND: "yellow", LIKELY: "bold yellow", TODAY: "dim"}

Row = tuple[str, list[tuple[int, int, str]]]
"""A line of the chart: its text and style spans (start, end, style)."""


def burnup_chart(view: Burnup, width: int) -> list[Row]:
    """The lines of the burn-up of ``view`` for a terminal ``width`` cells wide (at least 30
    used): a title, :data:`HEIGHT` rows of plot with the y axis labelled 0, half and the
    total (items), the x axis with the first day, the day and the last day (local dates), and
    the legend. Empty when no item is counted.
    """
    total = view.total
    if total <= 0:
        return []
    forecast = view.forecast
    first = view.start
    ends = [view.as_of, *(day for day, _ in view.planned[-1:])]
    ends += [day for day in (forecast.p50, forecast.p80, forecast.p95) if day is not None]
    last = max(ends)
    label = len(str(total))
    columns = max(30, width) - label - 2
    span = max((last - first).days, 1)

    def column(day: dt.date) -> int:
        return min(columns - 1, max(0, round((day - first).days * (columns - 1) / span)))

    def row(value: float) -> int:
        """The row (0 at the bottom) a number of items falls in."""
        return min(HEIGHT - 1, max(0, round(value * (HEIGHT - 1) / total)))

    grid = [[" "] * columns for _ in range(HEIGHT)]

    def put(col: int, at: int, mark: str) -> None:
        grid[HEIGHT - 1 - at][col] = mark

    today = column(view.as_of)
    # the band, the 80% line, the plan over them, and what was done over everything
    done_now = view.done[-1][1] if view.done else 0
    if forecast.p50 is not None and forecast.p95 is not None:
        for col in range(today, column(forecast.p95) + 1):
            high = _line_at(col, today, column(forecast.p50), done_now, total)
            low = _line_at(col, today, column(forecast.p95), done_now, total)
            for at in range(row(low), row(high) + 1):
                put(col, at, BAND)
    if forecast.p80 is not None:
        for col in range(today, column(forecast.p80) + 1):
            put(col, row(_line_at(col, today, column(forecast.p80), done_now, total)), LIKELY)
    for col, value in _trace(view.planned, column):
        put(col, row(value), PLAN)
    for col, value in _steps(view.done, column):
        if value > 0:
            for at in range(row(value) + 1):
                put(col, at, DONE)
    for at in range(HEIGHT):
        if grid[at][today] == " ":
            grid[at][today] = TODAY

    lines: list[Row] = [(f"Burn-up of {total} items by week, against the plan", [])]
    labels = {HEIGHT - 1: str(total), row(total / 2): str(round(total / 2)), 0: "0"}
    for index, cells in enumerate(grid):
        at = HEIGHT - 1 - index
        tick = "┤" if at in labels else "│"
        text = f"{labels.get(at, ''):>{label}} {tick}"
        spans = [(0, len(text), "dim")]
        offset = len(text)
        body = "".join(cells).rstrip()
        spans += _styled(body, offset)
        lines.append((text + body, spans))
    axis = ["─"] * columns
    axis[today] = "┴"
    lines.append((" " * label + " └" + "".join(axis), [(0, label + 2 + columns, "dim")]))
    lines.append((" " * (label + 2) + _dates(first, view.as_of, last, today, columns), []))
    legend = f"{DONE} done  {PLAN} plan  {BAND} 50% to 95%  {LIKELY} 80%  {TODAY} today"
    lines.append((" " * (label + 2) + legend, _styled(legend, label + 2)))
    return lines


def _line_at(col: int, begin: int, end: int, start: float, total: float) -> float:
    """The value at column ``col`` of a straight line from ``start`` at ``begin`` to
    ``total`` at ``end`` (``total`` from ``end`` on)."""
    if col >= end or end <= begin:
        return total
    return start + (total - start) * (col - begin) / (end - begin)


def _trace(points: Sequence[tuple[dt.date, float]], column: _Column) -> list[tuple[int, float]]:
    """Every column from the first point to the last with the value of the straight lines
    between the points."""
    traced: list[tuple[int, float]] = []
    for (day, value), (next_day, next_value) in pairwise(points):
        begin, end = column(day), column(next_day)
        for col in range(begin, end + 1):
            share = (col - begin) / (end - begin) if end > begin else 1.0
            traced.append((col, value + (next_value - value) * share))
    if len(points) == 1:
        traced.append((column(points[0][0]), points[0][1]))
    return traced


def _steps(points: Sequence[tuple[dt.date, float]], column: _Column) -> list[tuple[int, float]]:
    """Every column from the first point to the last with the value of the point at or
    before it: done items change when they are counted, at the end of each week."""
    stepped: list[tuple[int, float]] = []
    for (day, value), (next_day, _) in pairwise(points):
        stepped += [(col, value) for col in range(column(day), column(next_day))]
    if points:
        stepped.append((column(points[-1][0]), points[-1][1]))
    return stepped


def _dates(first: dt.date, day: dt.date, last: dt.date, at: int, columns: int) -> str:
    """The x axis's labels: the first day at the left, the last at the right, the day under
    its column where it leaves room for both."""
    cells = [" "] * columns
    left, right = first.isoformat(), last.isoformat()
    cells[: len(left)] = left
    cells[columns - len(right) :] = right
    middle = day.isoformat()
    begin = min(max(at - len(middle) // 2, 0), columns - len(middle))
    room = begin > len(left) and begin + len(middle) < columns - len(right)
    if room and day not in (first, last):
        cells[begin : begin + len(middle)] = middle
    return "".join(cells).rstrip()


def _styled(text: str, offset: int) -> list[tuple[int, int, str]]:
    """Style spans for the chart's marks in ``text`` that starts at ``offset``."""
    spans: list[tuple[int, int, str]] = []
    for position, mark in enumerate(text):
        style = STYLES.get(mark)
        if style is None:
            continue
        if spans and spans[-1][2] == style and spans[-1][1] == offset + position:
            spans[-1] = (spans[-1][0], offset + position + 1, style)
        else:
            spans.append((offset + position, offset + position + 1, style))
    return spans


def print_burnup(view: Burnup) -> None:
    """Print the burn-up of ``view`` at the console's width (see :func:`burnup_chart`), or
    one line saying why there is none."""
    from roadmap_tracker.cli import terminal

    out = terminal.console()
    lines = burnup_chart(view, out.width)
    if not lines:
        out.print("No chart: the plan counts no items.")
        return
    text = "\n".join(line for line, _ in lines)
    spans: list[terminal.Span] = []
    offset = 0
    for line, styles in lines:
        spans += [terminal.span(offset + a, offset + b, style) for a, b, style in styles]
        offset += len(line) + 1
    terminal.print_lines(text, spans, exact=True)
