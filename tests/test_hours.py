"""``roadmap hours``: where the time went, by task, module, phase or week (decision 55).
The rules run on an in-memory record; the command line is checked for its table and its
one-sentence refusals."""

from __future__ import annotations

import json
from typing import Any

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands import hours
from tests.conftest import Run
from tests.learner import Learner, day


def report(learner: Learner, on: str, by: str = "module", since: str | None = None) -> Any:
    session = learner.session(on)
    return hours.hours_view(session, by, None if since is None else day(since)).to_json()  # type: ignore[arg-type]


@pytest.fixture
def learner() -> Learner:
    """Enrolled in advanced-ai from Monday 2026-01-05, with time on two m1 tasks, one m2
    task and once without a task, over three weeks."""
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    learner.log(2, "2026-01-06", "m1/minimal-vit")
    learner.log(1, "2026-01-07", "m1/attention-from-scratch")
    learner.log(0.5, "2026-01-08")
    learner.log(1.5, "2026-01-13", "m1/minimal-vit")
    learner.log(3, "2026-01-20", "m2/ddpm-from-scratch")
    return learner


def rows(view: Any) -> list[tuple[Any, float]]:
    return [(row["id"], row["hours"]) for row in view["rows"]]


def test_by_module_most_first_with_shares_and_a_total(learner: Learner) -> None:
    view = report(learner, "2026-01-25")
    assert rows(view) == [("m1", 4.5), ("m2", 3.0), (None, 0.5)]
    assert [row["share"] for row in view["rows"]] == [56.2, 37.5, 6.2]
    assert view["rows"][2]["title"] == "(no task)"
    assert view["total"] == 8.0
    assert view["days"] == 5
    assert view["since"] == "2026-01-05"


def test_by_task_counts_each_task_and_its_days(learner: Learner) -> None:
    view = report(learner, "2026-01-25", by="task")
    assert rows(view) == [
        ("m1/minimal-vit", 3.5),
        ("m2/ddpm-from-scratch", 3.0),
        ("m1/attention-from-scratch", 1.0),
        (None, 0.5),
    ]
    assert view["rows"][0]["days"] == 2


def test_by_phase(learner: Learner) -> None:
    view = report(learner, "2026-01-25", by="phase")
    assert rows(view) == [("p1", 7.5), (None, 0.5)]


def test_by_week_is_chronological(learner: Learner) -> None:
    view = report(learner, "2026-01-25", by="week")
    assert rows(view) == [("2026-01-05", 3.5), ("2026-01-12", 1.5), ("2026-01-19", 3.0)]
    assert [row["title"] for row in view["rows"]] == ["2026-W02", "2026-W03", "2026-W04"]


def test_since_and_the_day_bound_the_days_counted(learner: Learner) -> None:
    view = report(learner, "2026-01-13", since="2026-01-07")
    assert rows(view) == [("m1", 2.5), (None, 0.5)]
    assert view["total"] == 3.0


def test_an_undone_log_is_not_counted(learner: Learner) -> None:
    from roadmap_tracker.commands import safekeeping

    safekeeping.undo(learner.session("2026-01-25", change=True))
    assert rows(report(learner, "2026-01-25")) == [("m1", 4.5), (None, 0.5)]


def test_no_time_logged_gives_no_rows() -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    view = report(learner, "2026-01-25")
    assert view["rows"] == [] and view["total"] == 0.0


def test_since_after_the_last_day_is_refused(learner: Learner) -> None:
    with pytest.raises(RoadmapError, match="is after the last day shown"):
        report(learner, "2026-01-10", since="2026-01-20")


def test_the_command_draws_the_table_and_the_total(enrolled: Run) -> None:
    enrolled("log", "1h30", "--on", "2026-01-06", "--task", "minimal-vit")
    enrolled("log", "30m", "--on", "2026-01-07")
    text = enrolled("hours", "--until", "2026-01-11").stdout
    assert "By module, Mon 2026-01-05 to Sun 2026-01-11" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Vision Transformers & Modern Architectures (m1) 1.5 75% 1" in lines
    assert "(no task) 0.5 25% 1" in lines
    assert "Total 2 100% 2" in lines
    view = json.loads(enrolled("hours", "--by", "task", "--json", "--until", "2026-01-11").stdout)
    assert view["rows"][0]["id"] == "m1/minimal-vit"


def test_the_command_refuses_a_grouping_it_does_not_know(enrolled: Run) -> None:
    result = enrolled("hours", "--by", "month", code=1)
    assert "'month' is not a way roadmap hours groups time." in result.stderr
    assert "Traceback" not in result.stderr
