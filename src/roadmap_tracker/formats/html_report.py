"""``roadmap report``'s one HTML file, drawn from the report's plain data (the JSON form of
:class:`roadmap_tracker.commands.reporting.ReportView`: dates as ISO 8601 text).

The page stands alone: inline CSS, SVG charts drawn here as text, no script, nothing loaded
from the network (the only links are the learner's evidence, and only ``http``/``https``
ones become links). Light and dark schemes follow ``prefers-color-scheme``; print styles
drop the backgrounds. Each chart is an ``<svg role="img">`` named by its ``<title>`` and
``<desc>``, followed by its data as a ``<table>`` in a ``<details>``, for screen readers and
for anyone who wants the numbers. Every text from a curriculum or a note goes through
:func:`html.escape`. The drawing is linear in phases, modules, weeks and days: never one
mark per item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

WIDTH = 1120
"""The width of every chart's drawing, in SVG units (CSS pixels at full size)."""

LABEL_WIDTH = 300
ROW = 22
TOP = 30
LONGEST_AXIS_DAYS = 365 * 5
"""The burn-up's time axis runs at most this many days past the report's day; forecast
dates beyond are drawn at its edge and given in its table."""

CSS = """
:root{--bg:#fff;--fg:#1b1f24;--muted:#5a6470;--line:#d0d7de;--card:#f6f8fa;
--planned:#9ec5fe;--latest:#cfe2ff;--actual:#1f6f43;--done:#1f6f43;--plan:#6f42c1;
--band:#fd7e1433;--band-edge:#d9480f;--today:#d63384;--pause:#adb5bd55;--replan:#6f42c1;
--h0:#ebedf0;--h1:#9be9a8;--h2:#40c463;--h3:#30a14e;--h4:#216e39;--link:#0b5cad}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9aa5b1;
--line:#30363d;--card:#161b22;--planned:#1f4e8c;--latest:#17335a;--actual:#3fb950;
--done:#3fb950;--plan:#b392f0;--band:#f0883e44;--band-edge:#f0883e;--today:#ff7eb6;
--pause:#6e768166;--replan:#b392f0;--h0:#161b22;--h1:#0e4429;--h2:#006d32;--h3:#26a641;
--h4:#39d353;--link:#58a6ff}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1180px;padding:24px 30px;background:var(--bg);color:var(--fg);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--link)}
h1{font-size:28px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;
border-bottom:1px solid var(--line);padding-bottom:4px}
.sub{color:var(--muted);margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;
margin:0;padding:0}
.cards div{background:var(--card);border:1px solid var(--line);border-radius:8px;
padding:10px 12px}
.cards dt{color:var(--muted);font-size:13px}.cards dd{margin:2px 0 0;font-size:20px;
font-weight:600}
.cards dd small{font-size:13px;font-weight:400;color:var(--muted)}
figure{margin:0 0 8px}svg{display:block;width:100%;height:auto}
svg text{fill:var(--fg);font:12px system-ui,sans-serif}
svg .muted{fill:var(--muted)}svg .phase{font-weight:700}
.grid{stroke:var(--line);stroke-width:1}
.planned{fill:var(--planned)}.latest{fill:var(--latest)}.actual{fill:var(--actual)}
.today{stroke:var(--today);stroke-width:2}.pause{fill:var(--pause)}
.replan{stroke:var(--replan);stroke-width:1.5;stroke-dasharray:4 3}
.doneline{fill:none;stroke:var(--done);stroke-width:2.5}
.planline{fill:none;stroke:var(--plan);stroke-width:2;stroke-dasharray:6 4}
.band{fill:var(--band);stroke:none}.bandline{stroke:var(--band-edge);stroke-width:1.5}
.h0{fill:var(--h0)}.h1{fill:var(--h1)}.h2{fill:var(--h2)}.h3{fill:var(--h3)}
.h4{fill:var(--h4)}.hp{fill:var(--pause)}
details{margin:4px 0 12px}summary{cursor:pointer;color:var(--muted)}
table{border-collapse:collapse;margin:6px 0;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:3px 10px 3px 0;text-align:left;
vertical-align:top}
td.n,th.n{text-align:right}
.bar{display:inline-block;width:120px;height:8px;background:var(--h0);border-radius:4px;
vertical-align:middle}.bar i{display:block;height:8px;background:var(--done);
border-radius:4px}
.legend{color:var(--muted);font-size:13px}
.key{display:inline-block;width:12px;height:12px;vertical-align:-1px;margin:0 4px 0 12px}
ul.plain{padding-left:18px}
footer{margin-top:32px;color:var(--muted);font-size:13px}
@media print{:root{--bg:#fff;--fg:#000;--card:#fff}body{max-width:none;padding:0;
font-size:11pt}section,figure,tr{break-inside:avoid}h2{break-after:avoid}
summary{display:none}details>table{display:table}a{color:#000}
a[href^="http"]::after{content:" (" attr(href) ")";font-size:9pt}}
"""


def html_report(report: dict[str, Any]) -> str:
    """The whole HTML document of ``report`` (the JSON form of a ``ReportView``), as text
    ending in a newline. Texts from the curriculum and the record are escaped; a link is
    made only of an ``http://`` or ``https://`` address.
    """
    title = report["title"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{_e(title)}: study report, {_e(report['as_of'])}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _header(report),
        "<main>",
        _gantt_section(report),
        _burnup_section(report),
        _activity_section(report),
        _progress_section(report),
        _portfolio_section(report),
        _choices_section(report),
        "</main>",
        f"<footer>Made by roadmap from {_e(report['curriculum'])} and your record, as of "
        f"{_e(report['as_of'])}. Dates are local calendar dates (ISO 8601); hours are "
        "decimal hours.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _e(value: object) -> str:
    """``value`` as text, escaped for HTML text and attributes."""
    return escape(str(value), quote=True)


def _num(value: float) -> str:
    """A decimal number without trailing zeros (``1.5``, ``12``)."""
    return f"{round(value, 2):g}"


def _date(text: str | None, missing: str = "none") -> str:
    return missing if text is None else text


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ------------------------------------------------------------------------------------------
# Header


def _header(report: dict[str, Any]) -> str:
    status, forecast, streaks = report["status"], report["forecast"], report["stats"]["streaks"]
    end = status["end"]
    sub = f"{report['curriculum']} · as of {report['as_of']} · started {status['start']}"
    if end:
        sub += f" · plan ends {end}"
    if status["hours_per_week"]:
        sub += f" · {_num(status['hours_per_week'])} h a week"
    ahead = status["days_ahead"]
    pace = "no dated plan"
    if ahead is not None:
        pace = (
            "on plan"
            if ahead == 0
            else f"{abs(ahead)} day{'s' if abs(ahead) != 1 else ''} "
            + ("ahead" if ahead > 0 else "behind")
        )
    planned = status["planned_percent"]
    if forecast["p50"]:
        finish = f"{forecast['p50']}<small> 80%: {_e(_date(forecast['p80']))}</small>"
    else:
        finish = f"<small>{_e(forecast['reason'] or 'no date')}</small>"
    cards = [
        (
            "Done",
            f"{status['done']} of {status['total']}<small> {_num(status['percent'])}%</small>",
        ),
        ("Planned by now", "none" if planned is None else f"{_num(planned)}%"),
        ("Pace", _e(pace)),
        ("Finish (50%)", finish),
        ("Hours logged", _num(report["hours_logged"])),
        (
            "Streak",
            f"{streaks['current']} days<small> longest {streaks['longest']}</small>",
        ),
    ]
    body = "".join(f"<div><dt>{name}</dt><dd>{value}</dd></div>" for name, value in cards)
    return (
        f'<header><h1>{_e(report["title"])}</h1><p class="sub">{_e(sub)}</p>'
        f'<dl class="cards">{body}</dl></header>'
    )


# ------------------------------------------------------------------------------------------
# Charts: shared parts


def _figure(key: str, title: str, desc: str, height: int, body: str, table: str) -> str:
    """One chart: its SVG named by ``title`` and ``desc``, and its data table in a
    ``<details>`` a screen reader can reach."""
    return (
        f'<figure><svg id="{key}" role="img" aria-labelledby="{key}-title {key}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{key}-title">{_e(title)}</title><desc id="{key}-desc">{_e(desc)}</desc>'
        f"{body}</svg>"
        f"<details><summary>{_e(title)}: the data</summary>{table}</details></figure>"
    )


def _table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table of escaped cells; headers ending in ``#`` are numbers (right-aligned)."""
    head = "".join(
        f'<th scope="col" class="n">{_e(h[:-1])}</th>'
        if h.endswith("#")
        else f'<th scope="col">{_e(h)}</th>'
        for h in headers
    )
    numeric = [h.endswith("#") for h in headers]
    lines = []
    for row in rows:
        cells = "".join(
            f'<td class="n">{_e(cell)}</td>' if numeric[n] else f"<td>{_e(cell)}</td>"
            for n, cell in enumerate(row)
        )
        lines.append(f"<tr>{cells}</tr>")
    return (
        f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(lines)}</tbody></table>"
    )


class _Axis:
    """Days from ``first`` to ``last`` onto x from ``left`` to ``right``."""

    def __init__(self, first: dt.date, last: dt.date, left: float, right: float) -> None:
        self.first, self.last = first, max(last, first + dt.timedelta(days=1))
        self.left, self.right = left, right
        self.scale = (right - left) / ((self.last - self.first).days + 1)

    def x(self, day: dt.date) -> float:
        """The left edge of ``day``, clamped to the axis."""
        day = min(max(day, self.first), self.last + dt.timedelta(days=1))
        return round(self.left + (day - self.first).days * self.scale, 1)

    def ticks(self, top: float, bottom: float) -> str:
        """Grid lines at the first of every month, or of every 2, 3, 6 or 12 months when
        months are narrow; labelled with the month, and the year in January."""
        month_width = self.scale * 30.44
        step = next((s for s in (1, 2, 3, 6) if month_width * s >= 52), 12)
        month = dt.date(self.first.year, self.first.month, 1)
        marks = []
        while month <= self.last:
            if month >= self.first and (month.month - 1) % step == 0:
                x = self.x(month)
                label = str(month.year) if step == 12 else month.strftime("%b")
                if month.month == 1 and step < 12:
                    label += f" {month.year}"
                marks.append(
                    f'<line class="grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/>'
                    f'<text class="muted" x="{x + 3}" y="{top - 6}">{label}</text>'
                )
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return "".join(marks)


def _marks(report: dict[str, Any], axis: _Axis, top: float, bottom: float) -> str:
    """The pauses (shaded), the replans (dashed) and today's line over ``top``..``bottom``."""
    plan = report["plan"]
    found = []
    for pause in plan["pauses"]:
        x1, x2 = axis.x(_day(pause["first"])), axis.x(_day(pause["last"]) + dt.timedelta(days=1))
        found.append(
            f'<rect class="pause" x="{x1}" y="{top}" width="{max(x2 - x1, 1)}" '
            f'height="{bottom - top}"><title>Paused {_e(pause["first"])} to '
            f"{_e(pause['last'])}</title></rect>"
        )
    for when, hours in plan["replans"]:
        x = axis.x(_day(when))
        what = f"Replanned on {when}" + (f" at {_num(hours)} h a week" if hours else "")
        found.append(
            f'<line class="replan" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}">'
            f"<title>{_e(what)}</title></line>"
        )
    today = _day(report["as_of"])
    if axis.first <= today <= axis.last:
        x = axis.x(today)
        anchor = "end" if x > axis.right - 60 else "start"
        found.append(
            f'<line class="today" x1="{x}" y1="{top - 2}" x2="{x}" y2="{bottom}"/>'
            f'<text x="{x + 3 if anchor == "start" else x - 3}" y="{bottom + 14}" '
            f'text-anchor="{anchor}">today</text>'
        )
    return "".join(found)


def _legend(entries: Sequence[tuple[str, str]]) -> str:
    keys = "".join(
        f'<span class="key" style="background:var(--{var})"></span>{_e(text)}'
        for var, text in entries
    )
    return f'<p class="legend" aria-hidden="true">{keys}</p>'


# ------------------------------------------------------------------------------------------
# The plan against what happened


def _gantt_section(report: dict[str, Any]) -> str:
    rows = report["gantt"]
    as_of = _day(report["as_of"])
    days = [_day(report["plan"]["start"]), as_of]
    for row in rows:
        for key in ("start", "end", "latest_end", "first_activity", "last_activity"):
            if row[key]:
                days.append(_day(row[key]))
    first, last = min(days), max(max(days), min(days) + dt.timedelta(days=28))
    axis = _Axis(first, last, LABEL_WIDTH + 10, WIDTH - 10)
    bottom = TOP + ROW * len(rows)
    body = [axis.ticks(TOP, bottom), _marks(report, axis, TOP, bottom)]
    for n, row in enumerate(rows):
        y = TOP + n * ROW
        phase = row["kind"] == "phase"
        label = row["title"] if len(row["title"]) <= 42 else row["title"][:41] + "…"
        indent = 4 if phase else 16
        kind = ' class="phase"' if phase else ""
        body.append(
            f'<text x="{indent}" y="{y + 15}"{kind}>'
            f"{_e(label)}<title>{_e(row['id'])}: {_e(row['title'])}</title></text>"
        )
        if row["start"]:
            start = _day(row["start"])
            ongoing = row["end"] is None  # runs on: drawn to the edge
            end = axis.last if ongoing else _day(row["end"])
            x1, x2 = axis.x(start), axis.x(end + dt.timedelta(days=1))
            if row["latest_end"] and row["end"] and row["latest_end"] > row["end"]:
                x3 = axis.x(_day(row["latest_end"]) + dt.timedelta(days=1))
                body.append(
                    f'<rect class="latest" x="{x2}" y="{y + 3}" width="{x3 - x2}" '
                    f'height="{ROW - 6}"/>'
                )
            body.append(
                f'<rect class="planned" x="{x1}" y="{y + 3}" width="{max(x2 - x1, 1)}" '
                f'height="{ROW - 6}" rx="{4 if phase else 2}"/>'
            )
        else:
            body.append(
                f'<text class="muted" x="{LABEL_WIDTH + 14}" y="{y + 15}">no planned dates</text>'
            )
        if row["first_activity"]:
            a1 = axis.x(_day(row["first_activity"]))
            a2 = axis.x(_day(row["last_activity"]) + dt.timedelta(days=1))
            body.append(
                f'<rect class="actual" x="{a1}" y="{y + 8}" width="{max(a2 - a1, 2)}" '
                f'height="{ROW - 16}"/>'
            )
    height = bottom + 24
    modules = sum(1 for row in rows if row["kind"] == "module")
    desc = (
        f"Planned windows of {len(rows) - modules} phases and {modules} modules from "
        f"{axis.first.isoformat()} to {axis.last.isoformat()} as wide bars, and the first to "
        f"last day of recorded activity on each as a narrow bar inside; today "
        f"({report['as_of']}) is the vertical line"
        + (
            f"; {len(report['plan']['pauses'])} pauses are shaded"
            if report["plan"]["pauses"]
            else ""
        )
        + (
            f"; {len(report['plan']['replans'])} replans are dashed lines"
            if report["plan"]["replans"]
            else ""
        )
        + "."
    )
    table = _table(
        "Plan against activity, by phase and module",
        [
            "Kind",
            "Id",
            "Title",
            "Planned start",
            "Planned end",
            "Latest end",
            "First activity",
            "Last activity",
            "Done#",
            "Items#",
        ],
        (
            [
                r["kind"],
                r["id"],
                r["title"],
                _date(r["start"]),
                _date(r["end"], "ongoing" if r["start"] else "none"),
                _date(r["latest_end"]),
                _date(r["first_activity"]),
                _date(r["last_activity"]),
                str(r["done"]),
                str(r["total"]),
            ]
            for r in rows
        ),
    )
    extra = []
    plan = report["plan"]
    if plan["pauses"] or plan["replans"]:
        items = [
            f"<li>Paused {_e(p['first'])} to {_e(p['last'])} ({p['days']} days)</li>"
            for p in plan["pauses"]
        ]
        items += [
            f"<li>Replanned on {_e(when)}"
            + (f" at {_num(hours)} h a week" if hours else "")
            + "</li>"
            for when, hours in plan["replans"]
        ]
        extra.append(f'<ul class="plain">{"".join(items)}</ul>')
    legend = _legend(
        [
            ("planned", "planned window"),
            ("latest", "up to the latest end"),
            ("actual", "activity"),
            ("pause", "paused"),
            ("today", "today"),
        ]
    )
    return (
        '<section id="plan"><h2>The plan and what happened</h2>'
        + legend
        + _figure("gantt", "Plan against activity", desc, height, "".join(body), table)
        + "".join(extra)
        + "</section>"
    )


# ------------------------------------------------------------------------------------------
# Burn-up with the forecast


def _burnup_section(report: dict[str, Any]) -> str:
    weeks = report["burnup"]
    forecast = report["forecast"]
    status = report["status"]
    total = float(max(status["total"], 1))
    as_of = _day(report["as_of"])
    first = _day(report["plan"]["start"])
    last = _day(weeks[-1]["end"]) if weeks else as_of
    bands = [(name, forecast[name]) for name in ("p50", "p80", "p95")]
    limit = as_of + dt.timedelta(days=LONGEST_AXIS_DAYS)
    for _, when in bands:
        if when:
            last = max(last, min(_day(when), limit))
    left, top, bottom = 60, 44, 320
    axis = _Axis(first, last, left, WIDTH - 20)

    def y(count: float) -> float:
        return round(bottom - (bottom - top) * count / float(total), 1)

    body = [axis.ticks(top + 12, bottom)]
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        count = total * fraction
        body.append(
            f'<line class="grid" x1="{left}" y1="{y(count)}" x2="{WIDTH - 20}" y2="{y(count)}"/>'
            f'<text class="muted" x="{left - 6}" y="{y(count) + 4}" text-anchor="end">'
            f"{round(count)}</text>"
        )
    body.append(_marks(report, axis, top + 12, bottom))
    done_now = status["done"]
    if forecast["p50"] and first <= as_of:
        x0, y0 = axis.x(as_of + dt.timedelta(days=1)), y(done_now)
        ends = {
            name: axis.x(min(_day(when), limit) + dt.timedelta(days=1))
            for name, when in bands
            if when
        }
        if "p95" in ends:
            body.append(
                f'<polygon class="band" points="{x0},{y0} {ends["p50"]},{y(total)} '
                f'{ends["p95"]},{y(total)}"/>'
            )
        for name, x in ends.items():
            body.append(
                f'<line class="bandline" x1="{x0}" y1="{y0}" x2="{x}" y2="{y(total)}"/>'
                f'<text x="{x - 3}" y="{y(total) - 4 - 12 * list(ends).index(name)}" '
                f'text-anchor="end">{name[1:]}%</text>'
            )
    planned = [(w["end"], w["planned"]) for w in weeks if w["planned"] is not None]
    if planned:
        points = " ".join(f"{axis.x(_day(e) + dt.timedelta(days=1))},{y(p)}" for e, p in planned)
        body.append(f'<polyline class="planline" points="{axis.x(first)},{y(0)} {points}"/>')
    done = [(w["end"], w["done"]) for w in weeks if w["done"] is not None]
    if done:
        points = " ".join(f"{axis.x(_day(e) + dt.timedelta(days=1))},{y(d)}" for e, d in done)
        body.append(f'<polyline class="doneline" points="{axis.x(first)},{y(0)} {points}"/>')
    height = bottom + 24
    if forecast["p50"]:
        said = (
            f"The forecast finishes at 50% by {forecast['p50']}, 80% by {_date(forecast['p80'])} "
            f"and 95% by {_date(forecast['p95'])} (the shaded fan)."
        )
    else:
        said = f"No forecast date: {forecast['reason'] or 'none'}."
    desc = (
        f"Items done week by week (solid line, {done_now} of {status['total']} by "
        f"{report['as_of']}) against the items the plan expected done (dashed line). {said}"
    )
    table = _table(
        "Items done and planned at the end of each week",
        ["Week ending", "Done#", "Planned#"],
        (
            [
                w["end"],
                "" if w["done"] is None else str(w["done"]),
                "" if w["planned"] is None else _num(w["planned"]),
            ]
            for w in weeks
        ),
    )
    band_table = _table(
        "Forecast finish dates",
        ["Chance", "Finish by"],
        [[name[1:] + "%", _date(when, forecast["reason"] or "no date")] for name, when in bands],
    )
    note = (
        f"<p>The forecast rests on {forecast['weeks_of_record']} whole weeks of record at "
        f"{_num(forecast['hours_per_week'])} h a week, with "
        f"{_num(forecast['remaining_hours'])} planned hours left.</p>"
    )
    legend = _legend([("done", "done"), ("plan", "planned"), ("band-edge", "forecast 50/80/95%")])
    return (
        '<section id="burnup"><h2>Done against the plan, and when you will finish</h2>'
        + legend
        + _figure(
            "burnup-chart", "Burn-up of items", desc, height, "".join(body), table + band_table
        )
        + note
        + "</section>"
    )


# ------------------------------------------------------------------------------------------
# The study heatmap and streaks


def _activity_section(report: dict[str, Any]) -> str:
    stats = report["stats"]
    first = _day(stats["first"])
    cell, gap, left, top = 15, 3, 40, 24
    body = []
    for n, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        if name:
            body.append(
                f'<text class="muted" x="0" y="{top + n * (cell + gap) + 12}">{name}</text>'
            )
    seen_months: set[tuple[int, int]] = set()
    active = []
    for day in stats["days"]:
        when = _day(day["date"])
        week = (when - first).days // 7
        x, y = left + week * (cell + gap), top + when.weekday() * (cell + gap)
        if (when.year, when.month) not in seen_months and when.day <= 7:
            seen_months.add((when.year, when.month))
            body.append(f'<text class="muted" x="{x}" y="{top - 8}">{when.strftime("%b")}</text>')
        shade = "hp" if day["paused"] and not day["level"] else f"h{day['level']}"
        tip = f"{day['date']}: {day['items']} items, {_num(day['hours'])} h" + (
            " (paused)" if day["paused"] else ""
        )
        body.append(
            f'<rect class="{shade}" x="{x}" y="{y}" width="{cell}" height="{cell}" rx="2">'
            f"<title>{tip}</title></rect>"
        )
        if day["items"] or day["hours"] or day["paused"]:
            active.append(day)
    height = top + 7 * (cell + gap) + 8
    streaks = stats["streaks"]
    desc = (
        f"One square per day from {stats['first']} to {report['as_of']}, darker for more items "
        f"and hours: {stats['study_days']} study days, {stats['items']} items and "
        f"{_num(stats['hours'])} hours. Current streak {streaks['current']} days, longest "
        f"{streaks['longest']}."
    )
    table = _table(
        "Days with activity or paused",
        ["Date", "Items#", "Hours#", "Paused"],
        (
            [d["date"], str(d["items"]), _num(d["hours"]), "yes" if d["paused"] else ""]
            for d in active
        ),
    )
    if streaks["current"]:
        current = (
            f"{streaks['current']} days ({streaks['current_start']} to {streaks['current_end']})"
        )
        if streaks["pending"]:
            current += ", today not yet"
    else:
        current = "none"
    longest = f"{streaks['longest']} days" + (
        f" ({streaks['longest_start']} to {streaks['longest_end']})" if streaks["longest"] else ""
    )
    weekly = [
        [
            w["week"],
            str(w["items"]),
            _num(w["hours"]),
            "" if w["commitment"] is None else _num(w["commitment"]),
        ]
        for w in stats["weeks_shown"]
    ]
    return (
        '<section id="activity"><h2>Study days</h2>'
        + _legend([("h0", "none"), ("h1", "some"), ("h4", "the most"), ("pause", "paused")])
        + _figure("heatmap", "Study heatmap", desc, height, "".join(body), table)
        + f"<p>Current streak: {_e(current)}. Longest streak: {_e(longest)}.</p>"
        + "<details><summary>Week by week</summary>"
        + _table(
            "Items and hours each ISO week",
            ["Week", "Items#", "Hours#", "Committed hours#"],
            weekly,
        )
        + "</details></section>"
    )


# ------------------------------------------------------------------------------------------
# Progress, portfolio, choices


def _bar(done: int, total: int) -> str:
    percent = 0 if not total else round(100 * done / total)
    return f'<span class="bar" aria-hidden="true"><i style="width:{percent}%"></i></span>'


def _progress_section(report: dict[str, Any]) -> str:
    lines = []
    for row in report["gantt"]:
        percent = 0 if not row["total"] else round(100 * row["done"] / row["total"])
        title = (
            f"<strong>{_e(row['title'])}</strong>"
            if row["kind"] == "phase"
            else "&#160;&#160;" + _e(row["title"])
        )
        lines.append(
            f'<tr><td>{title}</td><td class="n">{row["done"]} of {row["total"]}</td>'
            f'<td class="n">{percent}%</td><td>{_bar(row["done"], row["total"])}</td></tr>'
        )
    not_planned = report["plan"]["not_planned"]
    extra = ""
    if not_planned:
        extra = (
            "<p>Not in your plan: "
            + ", ".join(f"{_e(entry['title'])} ({_e(entry['reason'])})" for entry in not_planned)
            + ".</p>"
        )
    return (
        '<section id="progress"><h2>Progress by phase and module</h2>'
        "<table><caption>Items done of the items counted</caption><thead><tr>"
        '<th scope="col">Phase or module</th><th scope="col" class="n">Done</th>'
        '<th scope="col" class="n">Percent</th><th scope="col">Bar</th></tr></thead><tbody>'
        + "".join(lines)
        + "</tbody></table>"
        + extra
        + "</section>"
    )


def _link(address: str) -> str:
    """An evidence link: a link for an ``http(s)`` address, else the text as it is."""
    if address.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(address)}" rel="noopener noreferrer">{_e(address)}</a>'
    return f"<code>{_e(address)}</code>"


def _portfolio_section(report: dict[str, Any]) -> str:
    portfolio = report["portfolio"]
    entries = portfolio["deliverables"]
    if not entries:
        return (
            '<section id="portfolio"><h2>Portfolio</h2>'
            "<p>Your plan has no deliverables.</p></section>"
        )
    lines = []
    for entry in entries:
        evidence = "<br>".join(_link(link) for link in entry["links"])
        notes = "<br>".join(_e(note) for note in entry["notes"])
        lines.append(
            f"<tr><td>{_e(entry['title'])}<br><small>{_e(entry['part_title'])}</small></td>"
            f"<td>{_e(entry['state'])}</td><td>{_e(entry['done_on'] or '')}</td>"
            f"<td>{evidence}</td><td>{notes}</td></tr>"
        )
    return (
        f'<section id="portfolio"><h2>Portfolio</h2><p>{portfolio["done"]} of '
        f"{portfolio['total']} deliverables done.</p><table><caption>Deliverables and their "
        'evidence</caption><thead><tr><th scope="col">Deliverable</th><th scope="col">State</th>'
        '<th scope="col">Done on</th><th scope="col">Evidence</th><th scope="col">Notes</th>'
        "</tr></thead><tbody>" + "".join(lines) + "</tbody></table></section>"
    )


def _choices_section(report: dict[str, Any]) -> str:
    choices = report["choices"]
    if not choices:
        return '<section id="choices"><h2>Open choices</h2><p>No choice is open.</p></section>'
    lines = []
    for group in choices:
        titles = dict(group["options"])
        options = ", ".join(_e(title) for _, title in group["options"])
        planned = ", ".join(_e(titles.get(option, option)) for option in group["planned"])
        due = f"due from {group['due']}" if group["due"] else "due now"
        pick = "pick one" if group["pick"] == "one" else "pick any"
        lines.append(
            f"<li><strong>{_e(group['title'])}</strong> ({pick}, {_e(due)}): {options}. "
            f"Planned until you choose: {planned or 'none'}. "
            f"<code>roadmap choose {_e(group['id'])} OPTION</code></li>"
        )
    items = "".join(lines)
    return f'<section id="choices"><h2>Open choices</h2><ul class="plain">{items}</ul></section>'
