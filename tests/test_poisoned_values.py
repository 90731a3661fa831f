"""Values that poison the record (issue 21, item 4): days and hours outside the limits.

A day far in the future (``start --on 9999-12-31``) or a commitment near zero
(``replan --hours-per-week 5e-324``) used to be recorded, and then every command that lays
out the plan failed with an internal error (exit 3) while ``doctor`` said all was well. Now
what a learner types is refused with one sentence (exit 1, nothing written), and a value
edited into the file by hand makes it damaged at that line: every command says so, and so
does ``doctor``. The limits are in ``progress.py`` (``EARLIEST_DATE``, ``LATEST_DATE``,
``MIN_HOURS``, ``MIN_HOURS_PER_WEEK``, ``MAX_HOURS``, ``MAX_LOG_HOURS``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from roadmap_tracker.cli.app import app
from roadmap_tracker.progress.events import Event

from .conftest import Run

# Every option that takes a day, with what else its command needs.
DATE_OPTIONS: list[tuple[str, ...]] = [
    ("start", "ai-study-plan", "--on"),
    ("check", "m1/minimal-vit", "--on"),
    ("doing", "m1/minimal-vit", "--on"),
    ("skip", "m1/minimal-vit", "--on"),
    ("reset", "m1/minimal-vit", "--on"),
    ("note", "m1/minimal-vit", "a note", "--on"),
    ("log", "1", "--on"),
    ("choose", "framework", "m2a", "--on"),
    ("include", "m8", "--on"),
    ("exclude", "m8", "--on"),
    ("replan", "--from"),
    ("status", "--week"),
    ("next", "--from"),
    ("plan", "--on"),
    ("stats", "--on"),
    ("journal", "an entry", "--on"),
    ("journal", "--list", "--since"),
    ("review", "--answer", "worked=x", "--on"),
    ("enrollments", "--on"),
    ("export", "--format", "json", "--on"),
    ("export", "--format", "ics", "--on"),
]

# The commands that read the plan, as the issue lists them and a few more.
VIEWS: list[tuple[str, ...]] = [
    ("status",),
    ("next",),
    ("plan",),
    ("log", "1"),
    ("stats",),
    ("export", "--format", "json"),
    ("export", "--format", "markdown"),
    ("export", "--format", "ics"),
    ("review", "--answer", "worked=x"),
    ("review", "--list"),
    ("journal", "--list"),
    ("enrollments",),
    ("portfolio",),
    ("show", "minimal-vit"),
    ("check", "m1/minimal-vit"),
]


def invoke(run: Run, *args: str) -> Any:
    """Run ``roadmap ARGS`` in-process; an internal error raises (catch_exceptions=False)."""
    return run.runner.invoke(app, list(args), catch_exceptions=False, input="\n" * 10)


def event_lines(progress_file: Path) -> list[tuple[int, dict[str, Any]]]:
    """The events of the progress file, each with its line number (from 1)."""
    lines = progress_file.read_text(encoding="utf-8").splitlines()
    return [(n, json.loads(line[2:])) for n, line in enumerate(lines, 1) if line.startswith("- {")]


def edit(progress_file: Path, action: str, field: str, value: object) -> int:
    """Set ``field`` of the first ``action`` event to ``value`` as a hand edit would, and
    return its line number.
    """
    lines = progress_file.read_text(encoding="utf-8").splitlines()
    for number, record in event_lines(progress_file):
        if record["action"] == action:
            record[field] = value
            lines[number - 1] = "- " + json.dumps(record)
            fresh = progress_file.with_suffix(".edit")
            fresh.write_text("\n".join(lines) + "\n", encoding="utf-8")
            fresh.replace(progress_file)  # a new inode: no kept state can stand for it
            return number
    raise AssertionError(f"no {action} event")


@pytest.fixture
def recorded(enrolled: Run) -> Run:
    """advanced-ai from 2026-01-05 with a check, a log, a review and a replan recorded."""
    enrolled("check", "minimal-vit", "--on", "2026-01-06")
    enrolled("log", "2", "--on", "2026-01-07")
    enrolled("review", "--on", "2026-02-01", "--answer", "worked=x")
    enrolled("replan", "--from", "2026-03-02", "--hours-per-week", "8")
    return enrolled


# --- What a learner types -------------------------------------------------------------------


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_start_refuses_a_day_outside_the_limits_and_records_nothing(
    run: Run, progress_file: Path, day: str
) -> None:
    result = run("start", "advanced-ai", "--on", day, code=1)
    assert result.stderr.startswith(  # type: ignore[attr-defined]
        f"Error: {day} given to --on is outside the days roadmap keeps, 1970-01-01 to 2199-12-31."
    )
    assert not progress_file.exists()
    run("status", code=1)  # not enrolled: a sentence, not an internal error


@pytest.mark.parametrize("day", ["2200-01-01", "1969-12-31"])
@pytest.mark.parametrize("command", DATE_OPTIONS, ids=" ".join)
def test_every_date_option_refuses_a_day_outside_the_limits(
    enrolled: Run, progress_file: Path, command: tuple[str, ...], day: str
) -> None:
    before = progress_file.read_bytes()
    result = enrolled(*command, day, code=1)
    first = result.stderr.splitlines()[0]  # type: ignore[attr-defined]
    option = command[-1]
    assert first == (
        f"Error: {day} given to {option} is outside the days roadmap keeps, "
        "1970-01-01 to 2199-12-31."
    )
    assert progress_file.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            ("start", "ai-study-plan", "--hours-per-week", "0.4"),
            "0.4 is not a possible number of hours per week.",
        ),
        (
            ("replan", "--hours-per-week", "5e-324"),
            "4.94066e-324 is not a possible number of hours per week.",
        ),
        (("replan", "--hours-per-week", "0.001"), "0.001 is not a possible number"),
        (("log", "1e-300"), "1e-300 is not a possible number of hours for one day."),
        (("log", "0.0166"), "0.0166 is not a possible number of hours for one day."),
    ],
    ids=[
        "start 0.4 a week",
        "replan 5e-324 a week",
        "replan 0.001 a week",
        "log 1e-300",
        "log 0.0166",
    ],
)
def test_hours_outside_the_limits_are_refused(
    enrolled: Run, progress_file: Path, command: tuple[str, ...], message: str
) -> None:
    before = progress_file.read_bytes()
    result = enrolled(*command, code=1)
    assert message in result.stderr  # type: ignore[attr-defined]
    assert "Give a number from" in result.stderr  # type: ignore[attr-defined]
    assert progress_file.read_bytes() == before
    for view in VIEWS[:3]:
        enrolled(*view)


def test_the_limits_themselves_are_taken_and_every_view_lays_them_out(
    run: Run, progress_file: Path
) -> None:
    # The slowest commitment of the longest bundled curriculum, on the last day kept: its
    # plan runs 60 years past LATEST_DATE, and every view still lays it out.
    run("start", "complete-ai-engineer", "--on", "2199-12-31", "--hours-per-week", "0.5")
    run("status", "--week", "2199-12-31")
    run("next", "--from", "2199-12-31")
    run("plan", "--on", "2199-12-31")
    run("stats", "--on", "2199-12-31", "--weeks", "53")
    run("export", "--format", "ics", "--on", "2199-12-31")
    run("replan", "--from", "2199-12-31", "--hours-per-week", "168")
    # The first day kept, and the shortest log.
    run("start", "advanced-ai", "--on", "1970-01-01", "--hours-per-week", "168")
    run("log", "0.0167", "--on", "1970-01-01")
    run("stats", "--on", "1970-01-01", "--weeks", "53")
    run("status", "--week", "1970-01-01")
    # ...and the day after the last one is not.
    run("start", "ai-study-plan", "--on", "2200-01-01", code=1)
    assert '"ai-study-plan"' not in progress_file.read_text(encoding="utf-8")


# --- What a hand edit puts in the file ------------------------------------------------------

HAND_EDITS: list[tuple[str, str, object, str]] = [
    ("start", "on", "9999-12-31", "on: 9999-12-31 is outside the days roadmap keeps"),
    ("start", "on", "0001-01-01", "on: 0001-01-01 is outside the days roadmap keeps"),
    ("start", "hours", 5e-324, "hours: 5e-324 is outside the weekly hours a start event"),
    ("start", "hours", 0.009, "hours: 0.009 is outside the weekly hours a start event"),
    ("replan", "hours", 5e-324, "hours: 5e-324 is outside the weekly hours a replan event"),
    ("replan", "on", "9999-12-31", "on: 9999-12-31 is outside the days roadmap keeps"),
    ("log", "hours", 0, "hours: 0.0 is outside the hours a log event can carry"),
    ("log", "hours", 168.5, "hours: 168.5 is outside the hours a log event can carry"),
    ("check", "on", "1900-01-01", "on: 1900-01-01 is outside the days roadmap keeps"),
    ("review", "period_end", "2025-12-01", "period_end: 2025-12-01 is before period_start"),
    ("review", "period_start", "9999-12-31", "period_start: 9999-12-31 is outside the days"),
    ("replan", "id", "01KXQ", "id: '01KXQ' is not an event id"),
]


@pytest.mark.parametrize(
    ("action", "field", "value", "message"),
    HAND_EDITS,
    ids=[f"{action}.{field}={value}" for action, field, value, _ in HAND_EDITS],
)
def test_a_hand_edited_value_damages_the_file_at_that_line_and_doctor_says_so(
    recorded: Run, progress_file: Path, action: str, field: str, value: object, message: str
) -> None:
    line = edit(progress_file, action, field, value)
    for view in VIEWS:
        result = invoke(recorded, *view)
        assert result.exit_code == 1, (view, result.output)
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"Error: The progress file {progress_file}:{line} is damaged"), (
            view,
            first,
        )
        assert message in first
    doctor = invoke(recorded, "doctor", "--json")
    assert doctor.exit_code == 1
    findings = {f["check"]: f for f in json.loads(doctor.stdout)["findings"]}
    assert findings["progress file"]["level"] == "problem"
    assert f"{progress_file}:{line} is damaged" in findings["progress file"]["message"]
    assert message in findings["progress file"]["message"]


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("start", "hours", 0.3), ("replan", "hours", 0.01), ("log", "hours", 0.001)],
)
def test_values_earlier_versions_took_still_load(
    recorded: Run, progress_file: Path, action: str, field: str, value: object
) -> None:
    # Older versions took any hours above 0 from the command line: an upgrade must not turn
    # such a file into a damaged one.
    edit(progress_file, action, field, value)
    for view in VIEWS:
        result = invoke(recorded, *view)
        assert result.exit_code in (0, 1), (view, result.output)
        assert "damaged" not in result.output, (view, result.output)
    assert invoke(recorded, "doctor").exit_code == 0


# Values a hand edit may leave in a field: far and near days, hours of every size, the wrong
# types. JSON allows NaN and Infinity as Python writes them.
any_day = st.dates().map(lambda day: day.isoformat())
any_number = (
    st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.sampled_from([5e-324, 1e-300, 1 / 60, 0.0166, 0.4, 0.5, 24, 167.99999, 168, 168.1])
)
hostile = st.one_of(
    any_day,
    any_number,
    st.none(),
    st.booleans(),
    st.text(max_size=12),
    st.lists(st.text(max_size=5), max_size=2),
    st.sampled_from(["2026-01-05T09:00:00", "0001-01-01T00:00:00+14:00", "99999-01-01"]),
)
FIELDS = sorted(Event.record_fields())
ACTIONS = ["start", "check", "log", "review", "replan"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    action=st.sampled_from(ACTIONS),
    field=st.sampled_from(FIELDS),
    value=hostile,
    view=st.sampled_from(VIEWS),
)
@example(action="start", field="on", value="9999-12-31", view=("status",))
@example(action="replan", field="hours", value=5e-324, view=("next",))
@example(action="log", field="hours", value=10**400, view=("stats",))
def test_no_hand_edit_makes_a_command_fail(
    recorded: Run,
    progress_file: Path,
    action: str,
    field: str,
    value: object,
    view: tuple[str, ...],
) -> None:
    original = progress_file.read_bytes()
    try:
        edit(progress_file, action, field, value)
        result = invoke(recorded, *view)
        assert result.exit_code in (0, 1), result.output
        if "is damaged" in result.stderr:
            assert invoke(recorded, "doctor").exit_code == 1
    finally:
        progress_file.write_bytes(original)
