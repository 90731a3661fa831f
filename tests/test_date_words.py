"""Dates as a learner types them (decision 56): ISO 8601, today, yesterday, tomorrow, a
weekday (the latest not after today), last and next weekdays, counts of days or weeks back
(3 days ago, 3d, 2w) or ahead (in 3 days), through the one parser every date option uses.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine
import typer

from roadmap_tracker.base.clock import parse_date
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli.app import DATE_HELP, app
from tests.conftest import Run

WEDNESDAY = dt.datetime(2026, 11, 18, 12, 0, tzinfo=dt.UTC)
FRIDAY = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


def on(moment: dt.datetime, text: str) -> str:
    """The day ``text`` names when it is ``moment``, as ISO 8601."""
    with time_machine.travel(moment, tick=False):
        return parse_date(text, "--on").isoformat()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-07", "2026-01-07"),
        ("today", "2026-11-18"),
        ("yesterday", "2026-11-17"),
        ("tomorrow", "2026-11-19"),
        # A weekday: the latest such day not after today (today itself on that day).
        ("wednesday", "2026-11-18"),
        ("monday", "2026-11-16"),
        ("mon", "2026-11-16"),
        ("thursday", "2026-11-12"),
        ("sun", "2026-11-15"),
        # last: strictly before today; next: strictly after.
        ("last wednesday", "2026-11-11"),
        ("last monday", "2026-11-16"),
        ("last fri", "2026-11-13"),
        ("next wednesday", "2026-11-25"),
        ("next friday", "2026-11-20"),
        # Counts back and ahead.
        ("3 days ago", "2026-11-15"),
        ("1 day ago", "2026-11-17"),
        ("0 days ago", "2026-11-18"),
        ("3d", "2026-11-15"),
        ("3d ago", "2026-11-15"),
        ("2w", "2026-11-04"),
        ("1 week ago", "2026-11-11"),
        ("in 3 days", "2026-11-21"),
        ("in 1 week", "2026-11-25"),
        ("in 2d", "2026-11-20"),
        # Any case, spaces anywhere between words.
        ("  Last   FRIDAY ", "2026-11-13"),
        ("Today", "2026-11-18"),
        ("3 Days  Ago", "2026-11-15"),
    ],
)
def test_each_form_names_the_day_counted_from_today(text: str, expected: str) -> None:
    assert on(WEDNESDAY, text) == expected


def test_a_weekday_on_that_day_is_today_and_last_one_is_a_week_before() -> None:
    assert on(FRIDAY, "friday") == "2026-11-20"
    assert on(FRIDAY, "last friday") == "2026-11-13"
    assert on(FRIDAY, "next friday") == "2026-11-27"
    # The day before, plain and last name the same Friday.
    assert on(FRIDAY - dt.timedelta(days=1), "thursday") == "2026-11-19"
    assert on(FRIDAY + dt.timedelta(days=1), "friday") == "2026-11-20"
    assert on(FRIDAY + dt.timedelta(days=1), "last friday") == "2026-11-20"


def error(text: str, option: str = "--on") -> RoadmapError:
    """The error ``parse_date`` raises for ``text`` on a Wednesday."""
    with time_machine.travel(WEDNESDAY, tick=False), pytest.raises(RoadmapError) as raised:
        parse_date(text, option)
    return raised.value


@pytest.mark.parametrize(
    "text",
    [
        "fridy",
        "3 days",
        "-3d",
        "3x",
        "in",
        "ago",
        "next",
        "last 3d",
        "in friday",
        "monday 3d",
        "\uff13d",  # a full-width digit
        "1e3d",
        "",
        "next month",
    ],
)
def test_other_words_are_refused_with_the_forms_listed(text: str) -> None:
    refused = error(text, "--week")
    assert refused.message == (
        f"'{text}' given to --week is not a valid date: write YYYY-MM-DD, today, yesterday, "
        "a weekday (monday), last friday, 3 days ago or 3d."
    )
    assert refused.hint == "Days ahead are written tomorrow, next monday or in 3 days."


def test_days_the_calendar_lacks_and_days_outside_the_kept_ones_are_refused() -> None:
    no_such_day = error("2026-02-30").message
    assert no_such_day == "'2026-02-30' given to --on is not a valid date: no such day."
    assert error("1969-12-31").message.startswith("1969-12-31 given to --on is outside")
    far = error("100000d").message
    assert far == (
        "'100000d' (1753-02-02) given to --on is outside the days roadmap keeps, "
        "1970-01-01 to 2199-12-31."
    )
    # Counts past the ends of Python's calendar are refused the same way, not a traceback.
    assert "is outside the days roadmap keeps" in error("999999w").message
    assert "is outside the days roadmap keeps" in error("in 999999 weeks").message
    assert "is not a valid date" in error("1234567d").message  # at most 6 digits


# --- Every date option of every command goes through the parser -----------------------------

ARGUMENTS = {
    "start": ["advanced-ai"],
    "check": ["m1/minimal-vit"],
    "doing": ["m1/minimal-vit"],
    "skip": ["m1/minimal-vit"],
    "reset": ["m1/minimal-vit"],
    "note": ["m1/minimal-vit", "A note."],
    "log": ["1"],
    "choose": ["specialization", "s5-cv"],
    "include": ["m8"],
    "exclude": ["m8"],
    "import": [str(Path(__file__).parent.parent / "docs" / "examples" / "my-ml-roadmap.md")],
    "group": ["status"],
    "find": ["vit"],
    "report": ["-o", "-"],  # not a file in the current directory
    "edit": ["1"],
}
"""The arguments each command with a date option needs besides it (none when not listed)."""

OTHER_OPTIONS = {("pause", "--on"): ["--until", "in 3 days"], ("journal", "--on"): ["An entry."]}
"""Options or arguments a date option needs beside it on one command."""


def date_options() -> list[tuple[str, str]]:
    """Every (command, option) whose value is a DATE, as the help names them."""
    root = typer.main.get_command(app)
    context = root.context_class(root, info_name="roadmap")
    found = []
    for name in root.list_commands(context):
        command = root.get_command(context, name)
        for param in command.params:
            if param.param_type_name == "option" and param.metavar == "DATE":
                found.append((name, param.opts[0]))
                assert param.help.endswith(DATE_HELP), f"{name} {param.opts[0]}'s help"
    return found


def test_every_date_option_says_and_takes_every_form(enrolled: Run) -> None:
    options = date_options()
    assert ("check", "--on") in options and ("journal", "--until") in options
    assert ("pause", "--until") in options and ("forecast", "--by") in options
    for command, option in options:
        line = [command, *ARGUMENTS.get(command, []), *OTHER_OPTIONS.get((command, option), [])]
        refused = enrolled(*line, option, "fridy", code=1).stderr
        assert f"'fridy' given to {option} is not a valid date: write YYYY-MM-DD" in refused, (
            f"roadmap {command} {option} does not parse its date with clock.parse_date"
        )
        for word in ("monday", "3d"):
            result = enrolled.runner.invoke(app, [*line, option, word])
            assert result.exit_code in (0, 1), (command, option, word, result.output)
            assert "not a valid date" not in result.stderr, (command, option, word)


def test_a_change_is_recorded_for_the_day_a_word_names(enrolled: Run) -> None:
    # The tests' clock says Saturday 2026-11-21.
    logged = json.loads(enrolled("log", "1.5", "--on", "last friday", "--json").stdout)
    assert logged["on"] == "2026-11-20"
    checked = json.loads(enrolled("check", "m1/minimal-vit", "--on", "3d", "--json").stdout)
    assert checked["on"] == "2026-11-18"
    entries = json.loads(enrolled("journal", "--since", "mon", "--json").stdout)["entries"]
    assert entries == []
    enrolled("journal", "Read two papers.", "--on", "2 days ago")
    listed = json.loads(enrolled("journal", "--since", "mon", "--json").stdout)["entries"]
    assert [entry["on"] for entry in listed] == ["2026-11-19"]


def test_a_future_word_is_refused_where_the_day_must_not_be_ahead(enrolled: Run) -> None:
    refused = enrolled("log", "1", "--on", "tomorrow", code=1).stderr
    assert "in the future" in refused
    paused = json.loads(
        enrolled("pause", "--on", "next monday", "--until", "in 2w", "--json").stdout
    )
    assert paused["summary"] == "Paused 2026-11-23 to 2026-12-05 (13 days)."
