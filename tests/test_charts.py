"""``forecast --chart`` and ``status --chart`` (issue 28): the burn-up with the forecast's
band, its axes and labels, plain text on a pipe and under NO_COLOR, refused with --json, and
loaded by the --chart path alone.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from roadmap_tracker.cli import charts
from roadmap_tracker.commands import forecasting
from tests.learner import Learner

from .conftest import Run
from .test_performance_guards import banned, imported_by, offending
from .test_terminal import ESCAPE, PTY, enrolled_home, home, in_terminal, piped

__all__ = ["enrolled_home", "home"]  # the fixtures of test_terminal, used here

CHECKED = ["2026-01-06", "2026-01-08", "2026-01-13", "2026-01-20", "2026-01-27", "2026-02-03"]


def learner_with_six_weeks() -> Learner:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    items = learner.session("2026-01-05").context().curriculum.item_ids_of("m1")
    for item, on in zip(items, CHECKED, strict=False):
        learner.check(item, on=on)
    return learner


def test_the_burnup_counts_done_items_by_week_and_the_plan_up_to_its_end() -> None:
    view = forecasting.burnup_view(learner_with_six_weeks().session("2026-02-16"))
    assert view.total == 70
    # the start, each Sunday before the day, the day
    assert view.done[0] == (dt.date(2026, 1, 5), 0)
    assert view.done[1:4] == [
        (dt.date(2026, 1, 11), 2),
        (dt.date(2026, 1, 18), 3),
        (dt.date(2026, 1, 25), 4),
    ]
    assert view.done[-1] == (dt.date(2026, 2, 16), 6)
    assert view.planned[0][0] == dt.date(2026, 1, 5)
    assert view.planned[-1][1] == pytest.approx(70)  # all of it by the plan's end
    values = [value for _, value in view.planned]
    assert values == sorted(values)


def chart_of(learner: Learner, on: str, width: int = 80) -> list[str]:
    view = forecasting.burnup_view(learner.session(on))
    return [text for text, _ in charts.burnup_chart(view, width)]


def test_the_chart_has_its_axes_labels_and_band() -> None:
    learner = learner_with_six_weeks()
    view = forecasting.burnup_view(learner.session("2026-02-16"))
    lines = chart_of(learner, "2026-02-16")
    assert lines[0] == "Burn-up of 70 items by week, against the plan"
    plot = lines[1 : 1 + charts.HEIGHT]
    assert plot[0].startswith("70 ┤") and plot[-1].startswith(" 0 ┤")
    assert sum("┤" in line[:4] for line in plot) == 3  # 0, half and the total
    assert lines[1 + charts.HEIGHT].startswith("   └")
    dates = lines[2 + charts.HEIGHT]
    assert dates.split() == ["2026-01-05", view.forecast.p95.isoformat()]  # type: ignore[union-attr]
    assert lines[-1].strip().startswith("█ done  · plan")
    assert all(len(line) <= 80 for line in lines)
    body = "\n".join(plot)
    for mark in (charts.DONE, charts.PLAN, charts.BAND, charts.LIKELY, charts.TODAY):
        assert mark in body, mark
    # done reaches row 1 of 12 (6 of 70 items), in the columns before the day's
    assert "█" in plot[-2] and "█" not in plot[-3]
    today = plot[0].index("┊")
    assert all("░" not in line[:today] for line in plot)  # the band starts at the day


def test_a_narrow_terminal_gives_a_narrow_chart_and_the_day_is_labelled_in_room() -> None:
    learner = learner_with_six_weeks()
    narrow = chart_of(learner, "2026-06-15", width=50)
    assert all(len(line) <= 50 for line in narrow)
    assert len(narrow[1]) == 50 or len(narrow[1 + charts.HEIGHT]) == 50  # the axis fills it
    first, day, last = dt.date(2026, 1, 5), dt.date(2026, 6, 15), dt.date(2027, 1, 4)
    assert charts._dates(first, day, last, 20, 46).split() == [
        "2026-01-05",
        "2026-06-15",
        "2027-01-04",
    ]
    assert charts._dates(first, day, last, 12, 46).split() == ["2026-01-05", "2027-01-04"]


def test_with_nothing_done_the_band_rests_on_the_plan() -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    lines = chart_of(learner, "2026-01-05")
    assert "█" not in "\n".join(lines[1:-1]) and "░" in "\n".join(lines)


def test_forecast_chart_on_a_pipe_is_plain_text(enrolled: Run) -> None:
    result = enrolled("forecast", "--chart", "--on", "2026-02-16")
    out = result.stdout  # type: ignore[attr-defined]
    assert ESCAPE not in out and "\x1b" not in out
    assert "Forecast as of Mon 2026-02-16" in out
    assert "Burn-up of 70 items" in out
    assert "█ done  · plan  ░ 50% to 95%  ▓ 80%  ┊ today" in out
    status = enrolled("status", "--week", "2026-02-16", "--chart").stdout  # type: ignore[attr-defined]
    assert "Burn-up of 70 items" in status and "\x1b" not in status


@pytest.mark.parametrize("command", ["forecast", "status"])
def test_chart_with_json_is_refused(enrolled: Run, command: str) -> None:
    result = enrolled(command, "--chart", "--json", code=1)
    assert "--chart draws for the terminal and --json prints data" in result.stderr  # type: ignore[attr-defined]


@PTY
def test_the_chart_has_colours_on_a_terminal_and_none_with_no_color_or_a_pipe(home: Path) -> None:
    args = ("forecast", "--chart", "--on", "2026-01-20")
    shown = in_terminal(home, *args)
    assert "Burn-up" in shown and ESCAPE in shown  # so the checks below can fail
    assert ESCAPE not in in_terminal(home, *args, NO_COLOR="1")
    assert ESCAPE not in piped(home, "roadmap forecast --chart --on 2026-01-20 | cat")
    assert ESCAPE not in piped(home, "roadmap status --week 2026-01-20 --chart | cat")


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (("status",), False),
        (("forecast",), False),
        (("forecast", "--json"), False),
        (("forecast", "--chart"), True),  # so the guard can fail
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else str(value),
)
def test_only_the_chart_option_loads_the_chart(
    enrolled: Run, args: tuple[str, ...], loaded: bool
) -> None:
    bans = banned(("roadmap_tracker.cli.charts",))
    modules = imported_by(Path(os.environ["ROADMAP_HOME"]), *args)
    assert "roadmap_tracker.cli.app" in modules
    assert bool(offending(modules, bans)) is loaded
