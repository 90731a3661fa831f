"""Hours as a learner types them: ``roadmap log 1:30``, ``90m``, ``1h30``, ``1h 30m``
(base/hours.py, decision 55)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.hours import parse_hours
from tests.conftest import Run


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("1.5", 1.5),
        (".5", 0.5),
        ("2", 2.0),
        ("1:30", 1.5),
        ("0:45", 0.75),
        ("90m", 1.5),
        ("45min", 0.75),
        ("90 minutes", 1.5),
        ("2h", 2.0),
        ("1.5h", 1.5),
        ("1h30", 1.5),
        ("1h30m", 1.5),
        ("1h 30m", 1.5),
        (" 1H 30M ", 1.5),
        ("2 hours", 2.0),
        ("1h07", 1.1167),
    ],
)
def test_every_form_reads_as_decimal_hours(text: str, hours: float) -> None:
    assert parse_hours(text) == hours


@pytest.mark.parametrize("text", ["", "abc", "1:75", "1:5", "1h75", "h", "m", "1 30", "1,5"])
def test_other_text_is_refused_naming_the_forms(text: str) -> None:
    with pytest.raises(RoadmapError) as raised:
        parse_hours(text)
    assert "is not a length of time roadmap reads" in raised.value.message
    assert "1:30" in raised.value.hint and "90m" in raised.value.hint
    assert "1h 30m" in raised.value.hint


@pytest.mark.parametrize(
    ("typed", "hours"),
    [("1:30", 1.5), ("90m", 1.5), ("1h30", 1.5), ("1h 30m", 1.5), ("45min", 0.75)],
)
def test_log_records_the_hours_each_form_says(enrolled: Run, typed: str, hours: float) -> None:
    result = enrolled("log", typed, "--on", "2026-01-09", "--json")
    assert json.loads(result.stdout)["hours"] == hours
    status = json.loads(enrolled("status", "--week", "2026-01-09", "--json").stdout)
    assert status["hours_this_week"] == hours


def test_log_refuses_text_that_is_no_length_of_time_and_writes_nothing(
    enrolled: Run, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    result = enrolled("log", "1:75", code=1)
    stderr = result.stderr
    assert "'1:75' is not a length of time roadmap reads." in stderr
    assert "Traceback" not in stderr
    assert progress_file.read_bytes() == before


def test_log_keeps_its_limits_for_every_form(enrolled: Run) -> None:
    assert "is not a possible number of hours" in enrolled("log", "25h", code=1).stderr
    assert "is not a possible number of hours" in enrolled("log", "0m", code=1).stderr
    enrolled("log", "1m", "--on", "2026-01-09")  # a minute is the least
