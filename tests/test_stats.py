"""``roadmap stats``: the activity heatmap, streaks and weekly numbers (issue 7, item 6)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from roadmap_tracker.commands import stats
from tests.conftest import Run
from tests.learner import Learner

D = dt.date.fromisoformat


def days(first: str, last: str) -> list[dt.date]:
    """Every day from ``first`` to ``last``, inclusive."""
    start, end = D(first), D(last)
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


# Pure helpers -----------------------------------------------------------------------------


def test_a_streak_runs_across_a_month_end() -> None:
    found = stats.streaks(days("2027-01-30", "2027-02-02"), D("2027-02-02"))
    assert (found.current, found.current_start, found.current_end) == (
        4,
        D("2027-01-30"),
        D("2027-02-02"),
    )
    assert not found.pending
    assert found.longest == 4


def test_a_streak_runs_across_a_year_end_and_through_february_29() -> None:
    found = stats.streaks(days("2026-12-30", "2027-01-02"), D("2027-01-02"))
    assert found.current == 4
    leap = stats.streaks(days("2028-02-27", "2028-03-01"), D("2028-03-01"))
    assert leap.current == 4  # 27, 28, 29 February and 1 March
    no_leap = stats.streaks([D("2027-02-28"), D("2027-03-01")], D("2027-03-01"))
    assert no_leap.current == 2


def test_a_day_without_study_breaks_the_streak() -> None:
    study = [*days("2026-10-01", "2026-10-03"), *days("2026-10-05", "2026-10-06")]
    found = stats.streaks(study, D("2026-10-06"))
    assert (found.current, found.current_start) == (2, D("2026-10-05"))
    assert (found.longest, found.longest_start, found.longest_end) == (
        3,
        D("2026-10-01"),
        D("2026-10-03"),
    )


def test_the_current_streak_waits_for_today_but_not_longer() -> None:
    study = days("2026-11-18", "2026-11-20")
    waiting = stats.streaks(study, D("2026-11-21"))
    assert (waiting.current, waiting.pending, waiting.current_end) == (3, True, D("2026-11-20"))
    lapsed = stats.streaks(study, D("2026-11-22"))
    assert (lapsed.current, lapsed.pending, lapsed.current_start) == (0, False, None)
    assert lapsed.longest == 3  # the run is still the longest


def test_days_after_the_day_asked_about_do_not_count() -> None:
    found = stats.streaks(days("2026-11-01", "2026-11-10"), D("2026-11-05"))
    assert (found.current, found.longest, found.longest_end) == (5, 5, D("2026-11-05"))
    assert stats.streaks([], D("2026-11-05")) == stats.Streaks(
        current=0,
        current_start=None,
        current_end=None,
        pending=False,
        longest=0,
        longest_start=None,
        longest_end=None,
    )


def test_of_two_runs_as_long_the_latest_is_the_longest() -> None:
    study = [*days("2026-03-01", "2026-03-02"), *days("2026-03-10", "2026-03-11")]
    found = stats.streaks(study, D("2026-03-20"))
    assert (found.longest, found.longest_start) == (2, D("2026-03-10"))


def test_week_totals_follow_iso_weeks_across_the_year_end() -> None:
    # 2026-12-31 is a Thursday: 28 December 2026 to 3 January 2027 is ISO week 2026-W53.
    values = {
        D("2026-12-27"): 1.0,
        D("2026-12-28"): 2.0,
        D("2027-01-03"): 3.0,
        D("2027-01-04"): 4.0,
    }
    totals = stats.week_totals(values, D("2026-12-21"), D("2027-01-04"))
    assert totals == {D("2026-12-21"): 1.0, D("2026-12-28"): 5.0, D("2027-01-04"): 4.0}
    assert [stats.iso_week(day) for day in totals] == ["2026-W52", "2026-W53", "2027-W01"]
    assert stats.iso_week(D("2027-01-01")) == "2026-W53"
    # Days outside the span do not count, even in a week that is shown.
    assert stats.week_totals(values, D("2026-12-28"), D("2027-01-02")) == {D("2026-12-28"): 2.0}


def test_levels_are_quarters_of_the_busiest_day() -> None:
    scores = {D("2026-01-0" + str(n)): score for n, score in enumerate([0, 1, 2, 2.5, 3, 4, 8], 1)}
    assert list(stats.levels(scores).values()) == [0, 1, 1, 2, 2, 2, 4]
    assert stats.levels({D("2026-01-01"): 0.0}) == {D("2026-01-01"): 0}


def test_the_commitment_of_a_day_is_the_last_replan_from_on_or_before_it() -> None:
    replans = [(D("2026-03-02"), 6.0), (D("2026-05-04"), 12.0)]
    assert stats.commitment_on(D("2026-03-01"), 10.0, replans) == 10.0
    assert stats.commitment_on(D("2026-03-02"), 10.0, replans) == 6.0
    assert stats.commitment_on(D("2026-06-01"), 10.0, replans) == 12.0
    assert stats.commitment_on(D("2026-06-01"), None, []) is None


# The rules, on a record in memory -------------------------------------------------------


@pytest.fixture
def learner() -> Learner:
    """A learner of advanced-ai from Monday 2026-01-05, in memory."""
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    return learner


def stats_json(run: Run, *args: str) -> dict[str, Any]:
    result: Any = run("stats", *args, "--json")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def day_of(data: dict[str, Any], day: str) -> dict[str, Any]:
    (found,) = [entry for entry in data["days"] if entry["date"] == day]
    return found


def week_of(data: dict[str, Any], week: str) -> dict[str, Any]:
    (found,) = [entry for entry in data["weeks_shown"] if entry["week"] == week]
    return found


def test_a_day_counts_its_checked_items_occurrences_and_hours(learner: Learner) -> None:
    learner.check("m1/attention-from-scratch", "m1/minimal-vit", on="2026-11-02")
    learner.check("routine/papers", on="2026-11-02")  # an occurrence
    learner.log(1.5, "2026-11-02")
    learner.log(2, "2026-11-02")
    learner.log(2, "2026-11-04")
    data = learner.stats("2026-11-08", 2)
    assert (data["first"], data["last"]) == ("2026-10-26", "2026-11-08")
    assert [d["date"] for d in data["days"]] == [
        d.isoformat() for d in days("2026-10-26", "2026-11-08")
    ]
    monday = day_of(data, "2026-11-02")
    assert (monday["items"], monday["occurrences"], monday["hours"]) == (3, 1, 3.5)
    assert monday["level"] == 4  # the busiest day: 3 items + 3.5 h
    assert data["busiest"]["date"] == "2026-11-02"
    # 2 of 6.5 is more than a quarter, less than a half.
    assert day_of(data, "2026-11-04")["level"] == 2
    assert day_of(data, "2026-11-03") == {
        "date": "2026-11-03",
        "items": 0,
        "occurrences": 0,
        "hours": 0.0,
        "level": 0,
        "paused": False,
    }
    assert (data["items"], data["hours"], data["study_days"]) == (3, 5.5, 2)
    assert week_of(data, "2026-W45")["items"] == 3
    assert week_of(data, "2026-W44")["items"] == 0


def test_a_skipped_or_unchecked_item_no_longer_counts_on_its_day(learner: Learner) -> None:
    learner.check("m1/attention-from-scratch", "m1/minimal-vit", on="2026-11-02")
    learner.check("m1/fine-tune-vit", on="2026-11-03")
    learner.mark("uncheck", "m1/minimal-vit", on="2026-11-05")
    learner.mark("reset", "m1/fine-tune-vit", on="2026-11-06")  # skip leaves done items
    learner.mark("skip", "m1/fine-tune-vit", on="2026-11-06")
    data = learner.stats("2026-11-08", 1)
    assert day_of(data, "2026-11-02")["items"] == 1
    assert day_of(data, "2026-11-03")["items"] == 0
    assert day_of(data, "2026-11-03")["level"] == 0
    assert data["items"] == 1
    # The skip and the uncheck are not study: only 2 November is a study day.
    assert data["study_days"] == 1
    assert data["streaks"]["longest"] == 1


def test_streaks_across_a_month_end_as_stats_counts_them(learner: Learner) -> None:
    learner.log(1, "2026-09-20")  # an earlier run of three days
    learner.check("m1/attention-from-scratch", on="2026-09-21")
    learner.check("routine/papers", on="2026-09-22")
    for day in ("2026-10-30", "2026-10-31", "2026-11-01"):
        learner.log(0.5, day)
    learner.check("m1/minimal-vit", on="2026-11-02")
    data = learner.stats("2026-11-03")
    assert data["streaks"] == {
        "current": 4,
        "current_start": "2026-10-30",
        "current_end": "2026-11-02",
        "pending": True,
        "longest": 4,
        "longest_start": "2026-10-30",
        "longest_end": "2026-11-02",
    }
    # Seen from before the second run, the first one is current and longest.
    earlier = learner.stats("2026-09-22")["streaks"]
    assert (earlier["current"], earlier["pending"], earlier["longest"]) == (3, False, 3)
    # A day without study after the run: the streak is over.
    assert learner.stats("2026-11-04")["streaks"]["current"] == 0


def test_the_streak_counts_days_before_the_span_shown(learner: Learner) -> None:
    for day in days("2026-10-20", "2026-11-20"):
        learner.log(0.25, day.isoformat())
    data = learner.stats("2026-11-20", 1)
    assert data["study_days"] == 5  # Monday 16 to Friday 20 November
    assert data["streaks"]["current"] == 32
    assert data["streaks"]["current_start"] == "2026-10-20"


def test_hours_per_week_against_the_commitment(learner: Learner) -> None:
    learner.log(4, "2026-11-02")
    learner.log(6, "2026-11-08")  # Sunday: same ISO week, 10 h in all
    learner.log(6.5, "2026-11-09")
    data = learner.stats("2026-11-15", 2)
    assert data["hours_per_week"] == 10.0  # advanced-ai's default commitment
    met = week_of(data, "2026-W45")
    assert (met["hours"], met["commitment"], met["met"]) == (10.0, 10.0, True)
    short = week_of(data, "2026-W46")
    assert (short["hours"], short["met"]) == (6.5, False)


def test_a_replan_changes_the_commitment_from_its_week_on(learner: Learner) -> None:
    learner.replan("2026-11-09", hours=6)
    learner.log(6.5, "2026-11-09")
    learner.log(6.5, "2026-11-02")
    data = learner.stats("2026-11-15", 2)
    assert [(w["week"], w["commitment"], w["met"]) for w in data["weeks_shown"]] == [
        ("2026-W45", 10.0, False),
        ("2026-W46", 6.0, True),
    ]
    assert data["hours_per_week"] == 6.0


def test_days_before_the_start_are_not_in_the_span() -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-11-11")
    data = learner.stats("2026-11-21")
    # 12 weeks asked, but none before the week of the start (Wednesday 11 November, W46):
    # the span is W46 and W47, from Monday 9 November.
    assert data["weeks"] == 2
    assert data["first"] == "2026-11-09"
    assert data["days"][0]["date"] == "2026-11-11"
    assert [w["week"] for w in data["weeks_shown"]] == ["2026-W46", "2026-W47"]


# Through the CLI: parsing, drawing, exit codes ----------------------------------------------


def test_the_heatmap_shades_the_cells_of_the_days(enrolled: Run) -> None:
    enrolled("log", "4", "--on", "2026-11-04")  # Wednesday: the busiest day
    enrolled("log", "1", "--on", "2026-11-13")  # Friday: a quarter of it
    enrolled("check", "m1/minimal-vit", "--on", "2026-11-16")  # Monday: a quarter
    enrolled("log", "1", "--on", "2026-11-16")  # ... and a quarter more: half
    enrolled("log", "9", "--on", "2026-11-20")  # after --on: neither shown nor counted
    out = enrolled("stats", "--on", "2026-11-19", "--weeks", "3").stdout
    lines = out.splitlines()
    (wednesday,) = [line for line in lines if line.startswith("Wed ")]
    (friday,) = [line for line in lines if line.startswith("Fri ")]
    (monday,) = [line for line in lines if line.startswith("Mon ")]
    sunday = lines[lines.index(monday) + 6]
    # Columns: the weeks of 2 November (W45), 9 November and 16 November, a space apart.
    assert wednesday == "Wed █ · ·"
    assert friday == "Fri · ░"  # 20 November is after --on: blank
    assert monday == "Mon · · ▒"
    assert sunday == "    · ·"
    assert "Current streak: 0 days" in out
    assert "Totals: 1 item, 6 h, 3 study days" in out


@pytest.mark.parametrize("weeks", ["12", "53"])
def test_the_human_output_fits_60_columns(
    enrolled: Run, monkeypatch: pytest.MonkeyPatch, weeks: str
) -> None:
    from roadmap_tracker.cli import terminal

    monkeypatch.setenv("COLUMNS", "60")
    terminal.console.cache_clear()
    for number, day in enumerate(days("2026-10-01", "2026-11-20")):
        if number % 3:
            enrolled("log", str(1 + number % 5), "--on", day.isoformat())
    enrolled("check", "m1/attention-from-scratch", "m1/minimal-vit", "--on", "2026-11-05")
    out = enrolled("stats", "--weeks", weeks).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 60
    (monday,) = [line for line in lines if line.startswith("Mon ")]
    # 12 weeks: a day and a space each. 53 asked: none before the start's week (2026-W02),
    # so W02 to W47, 46 weeks, a day per cell.
    assert len(monday) - 4 == (int(weeks) * 2 - 1 if weeks == "12" else 46)
    # 19 and 20 November (days 49 and 50 from 1 October) have hours; the clock says the 21st.
    assert "Current streak: 2 days (today not yet)" in out
    # One line a week, from the week of the start (2026-W02) at most.
    bars = [line for line in lines if line.startswith("2026-W")]
    assert len(bars) == (12 if weeks == "12" else 46)
    assert bars[-1].startswith("2026-W47")
    assert "--json has them" not in out


def test_a_terminal_too_narrow_drops_the_oldest_weeks(
    enrolled: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_tracker.cli import terminal

    monkeypatch.setenv("COLUMNS", "40")
    terminal.console.cache_clear()
    enrolled("log", "2", "--on", "2026-11-20")
    out = enrolled("stats", "--weeks", "53").stdout
    (friday,) = [line for line in out.splitlines() if line.startswith("Fri ")]
    assert len(friday) == 40 and friday.endswith("█")  # 36 newest weeks, a day per cell
    # 53 weeks asked; shown from the week of the start, 2026-W02, to W47: 46 weeks, of which
    # the oldest 46 - 36 = 10 do not fit.
    assert "The oldest 10 weeks do not fit here (--json has them)." in " ".join(out.split())


def test_a_past_day_with_nothing_yet_is_named(enrolled: Run) -> None:
    enrolled("log", "1", "--on", "2026-11-19")
    out = enrolled("stats", "--on", "2026-11-20").stdout
    assert "Current streak: 1 day (nothing on Fri 11-20 yet)" in out
    assert "Longest streak: 1 day, on 2026-11-19" in out


def test_plan_selects_another_enrollment(enrolled: Run) -> None:
    enrolled("log", "3", "--on", "2026-11-20")
    enrolled("start", "ai-study-plan", "--on", "2026-11-16")  # now the active one
    assert stats_json(enrolled, "--on", "2026-11-20")["hours"] == 0.0
    selected = stats_json(enrolled, "--on", "2026-11-20", "--plan", "advanced-ai")
    assert (selected["curriculum"], selected["hours"]) == ("advanced-ai", 3.0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--weeks", "0"), "--weeks must be a whole number from 1 to 53, not 0."),
        (("--weeks", "54"), "--weeks must be a whole number from 1 to 53, not 54."),
        (("--on", "2026-02-30"), "'2026-02-30' given to --on is not a valid date: no such day."),
    ],
)
def test_bad_input_is_one_sentence_and_exit_1(
    enrolled: Run, args: tuple[str, ...], message: str
) -> None:
    result: Any = enrolled("stats", *args, code=1)
    assert result.stderr.splitlines()[0] == f"Error: {message}"
    assert result.stdout == ""


def test_a_weeks_value_that_is_no_number_is_bad_input(enrolled: Run) -> None:
    result: Any = enrolled("stats", "--weeks", "many", code=1)  # as --weeks 0 (decision 60)
    assert result.stderr.startswith("Error: Invalid value for '--weeks': 'many' is not")


def test_stats_needs_an_enrollment(run: Run) -> None:
    result: Any = run("stats", code=1)
    assert "not enrolled in any curriculum" in result.stderr
