"""Every command through Typer's CliRunner, with ROADMAP_HOME in a temporary directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker import __version__
from roadmap_tracker.cli.app import COMMANDS

from .conftest import Run

TITLE = "Implement attention mechanism from scratch"


def as_json(result: Any) -> Any:
    return json.loads(result.stdout)


def test_version_and_short_help(run: Run) -> None:
    assert run("--version").stdout.strip() == f"roadmap {__version__}"
    out = run("-h").stdout
    for command in ("list", "show", "start", "check", "status", "next", "plan", "log", "replan"):
        assert command in out
    assert run("status", "-h").stdout == run("status", "--help").stdout


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_has_help_with_an_example(run: Run, command: str) -> None:
    assert "Example: roadmap " + command in run(command, "--help").stdout


def test_list_shows_bundled_curricula(run: Run) -> None:
    rows = as_json(run("list", "--json"))
    (row,) = [r for r in rows if r["slug"] == "advanced-ai"]
    assert row["title"] == "Advanced AI Engineering Program"
    assert row["tasks"] == 80
    assert row["weeks"] == 58
    assert row["optional_weeks"] == 8
    assert row["enrolled"] is False
    human = run("list").stdout
    assert "advanced-ai" in human and "58 weeks + 8 optional" in human


def test_show_prints_the_tree_with_ids(run: Run) -> None:
    out = run("show", "advanced-ai").stdout
    assert "m1/attention-from-scratch" in out
    assert "m8 3D Vision & Neural Rendering" in out
    assert "routine/papers" in out
    model = as_json(run("show", "advanced-ai", "--json"))
    assert model["slug"] == "advanced-ai"
    assert model["phases"][0]["modules"][0]["duration"]["text"] == "8 weeks"


def test_start_prints_the_end_of_each_phase(run: Run) -> None:
    out = run("start", "advanced-ai", "--on", "2026-01-05").stdout
    assert "Enrolled in Advanced AI Engineering Program" in out
    for end in ("2026-04-26", "2026-08-16", "2026-10-11", "2027-02-14"):
        assert end in out


def test_start_defaults_to_today_and_curriculum_hours(run: Run) -> None:
    result = as_json(run("start", "advanced-ai", "--json"))
    assert result["start"] == "2026-11-21"  # the frozen clock's date
    assert result["hours_per_week"] == 10


def test_start_with_fewer_hours_stretches_the_plan(run: Run) -> None:
    result = as_json(
        run("start", "advanced-ai", "--on", "2026-01-05", "--hours-per-week", "5", "--json")
    )
    assert result["weeks_total"] == 116
    assert result["modules"][0]["end"] == "2026-04-26"


def test_enrolling_twice_says_how_to_restart(enrolled: Run, progress_file: Path) -> None:
    before = progress_file.read_bytes()
    result = enrolled("start", "advanced-ai", code=1)
    assert "already enrolled in advanced-ai since 2026-01-05" in result.stderr
    assert "--restart" in result.stderr
    assert "Traceback" not in result.output
    assert progress_file.read_bytes() == before


def test_restart_starts_over_and_undo_brings_the_earlier_run_back(enrolled: Run) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")
    out = enrolled("start", "advanced-ai", "--on", "2026-02-02", "--restart").stdout
    assert "Restarted" in out
    assert "'roadmap undo' brings it back" in out
    status = as_json(enrolled("status", "--week", "2026-02-02", "--json"))
    assert status["done"] == 0
    assert status["modules"][0]["start"] == "2026-02-02"
    enrolled("undo")
    status = as_json(enrolled("status", "--week", "2026-02-02", "--json"))
    assert status["done"] == 1
    assert status["modules"][0]["start"] == "2026-01-05"


def test_done_when_check_then_status_then_next(enrolled: Run) -> None:
    enrolled("check", TITLE, "--on", "2026-01-07")
    status = as_json(enrolled("status", "--week", "2026-01-07", "--json"))
    assert status["done"] == 1
    assert status["curriculum"] == "advanced-ai"
    assert status["as_of"] == "2026-01-07"
    assert (status["week"], status["weeks_total"]) == (1, 58)
    assert status["total"] == 70
    assert status["percent"] == 1.4
    assert status["days_ahead"] == 4
    assert status["completed_this_week"] == ["m1/attention-from-scratch"]
    m1 = status["modules"][0]
    assert {k: m1[k] for k in ("id", "done", "total", "start", "end")} == {
        "id": "m1",
        "done": 1,
        "total": 10,
        "start": "2026-01-05",
        "end": "2026-03-01",
    }
    assert m1["title"] == "Vision Transformers & Modern Architectures"

    upcoming = as_json(enrolled("next", "--from", "2026-01-07", "--json"))
    ids = [task["id"] for task in upcoming["tasks"]]
    assert ids == [
        "m1/minimal-vit",
        "m1/fine-tune-vit",
        "m1/vit-vs-cnn",
        "m1/portfolio",
        "m1/criteria/explain-concepts",
    ]
    assert all(task["module"] == "m1" and task["title"] for task in upcoming["tasks"])
    assert upcoming["milestones"][0] == {
        "title": "End of Module 1: Vision Transformers & Modern Architectures",
        "date": "2026-03-01",
        "kind": "module-end",
        "ref": "m1",
        "days_away": 53,
    }


def test_status_human_output(enrolled: Run) -> None:
    enrolled("check", TITLE, "--on", "2026-01-07")
    out = enrolled("status", "--week", "2026-01-08").stdout
    assert "week 1 of 58" in out
    assert "Module: m1 Vision Transformers & Modern Architectures" in out
    assert "1 of 70 items" in out
    assert "ahead of the plan" in out
    assert "✓ Wed Implement attention mechanism from scratch\n" in out
    assert "\n        m1/attention-from-scratch" in out
    assert "\x1b[" not in out


def test_status_shows_each_phase_and_the_modules_of_the_current_one(enrolled: Run) -> None:
    enrolled("check", TITLE, "--on", "2026-01-07")
    out = enrolled("status", "--week", "2026-01-08").stdout
    table = out[out.index("Phase and module") : out.index("Every module's progress")]
    rows = [line.split()[0] for line in table.splitlines()[2:] if line.split()[0][0] != "≤"]
    assert rows[:3] == ["p1", "m1", "m2"]  # the current phase, then its modules
    assert "m3" not in rows and "p2" in rows  # later phases without their modules
    p1 = next(line for line in table.splitlines() if line.startswith("p1 "))
    assert "1/" in p1
    status = json.loads(enrolled("status", "--week", "2026-01-08", "--json").stdout)
    assert sum(phase["total"] for phase in status["phases"]) == status["total"]
    assert sum(phase["done"] for phase in status["phases"]) == status["done"] == 1
    assert {module["phase"] for module in status["modules"]} <= {p["id"] for p in status["phases"]}


def test_status_lists_the_latest_ten_checked_items_and_counts_the_rest(enrolled: Run) -> None:
    plan = as_json(enrolled("show", "--json"))
    modules = [module for phase in plan["phases"] for module in phase["modules"]]
    ids = [task["id"] for module in modules for task in module["tasks"]][:12]
    assert len(ids) == 12
    enrolled("check", *ids[:2], "--on", "2026-01-06")
    enrolled("check", *ids[2:], "--on", "2026-01-07")
    status = as_json(enrolled("status", "--week", "2026-01-08", "--json"))
    week = status["completed_this_week"]
    assert sorted(week) == sorted(ids) and set(week[:2]) == set(ids[:2])
    out = enrolled("status", "--week", "2026-01-08").stdout
    lines = [line.strip() for line in out.splitlines()]
    assert [line for line in lines if line in ids] == week[2:]  # the latest ten, oldest first
    assert "2 earlier this week (--json lists them)" in lines


@pytest.mark.parametrize("width", [40, 22])
def test_next_wraps_long_titles_inside_their_column(
    enrolled: Run, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    from roadmap_tracker.cli import terminal

    monkeypatch.setenv("COLUMNS", str(width))
    terminal.console.cache_clear()
    lines = enrolled("next", "--from", "2026-03-01", "-n", "3").stdout.splitlines()
    assert all(len(line) <= width for line in lines), lines
    first = next(n for n, line in enumerate(lines) if line.startswith(" 1. "))
    below = lines[first + 1 : next(n for n, line in enumerate(lines) if line.startswith(" 2. "))]
    # The title wraps under itself, four cells in, and the id follows on lines of its own
    # (folded where it is too long for the column).
    assert all(line.startswith("    ") and line[4] != " " for line in below), lines
    assert below[-1].endswith("scratch") and "m1/" in below[-2] + below[-1]
    text = "".join([lines[first][4:], *(line[4:] for line in below)])
    assert (
        text.replace(" ", "") == "Implementattentionmechanismfromscratchm1/attention-from-scratch"
    )
    papers = next(n for n, line in enumerate(lines) if "Paper reading" in line)
    if width == 40:  # the day and the activity share a line
        assert lines[papers].startswith("  Sun 03-01 Paper reading routine")
    else:  # too narrow: the activity goes below its day, indented
        assert lines[papers - 1] == "  Sun 03-01" and lines[papers].startswith("    Paper")


def test_status_counts_only_up_to_the_day_asked(enrolled: Run) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")
    enrolled("check", "vit-vs-cnn", "--on", "2026-01-14")
    early = as_json(enrolled("status", "--week", "2026-01-08", "--json"))
    late = as_json(enrolled("status", "--week", "2026-01-14", "--json"))
    assert (early["done"], early["completed_this_week"]) == (1, ["m1/minimal-vit"])
    assert (late["done"], late["completed_this_week"]) == (2, ["m1/vit-vs-cnn"])
    assert late["week"] == 2


def test_behind_plan_is_negative(enrolled: Run) -> None:
    status = as_json(enrolled("status", "--week", "2026-02-02", "--json"))
    assert status["days_ahead"] == -28
    assert "28 days behind" in enrolled("status", "--week", "2026-02-02").stdout


def test_check_several_and_undo(enrolled: Run) -> None:
    out = enrolled("check", "minimal-vit", "m1/vit-vs-cnn", "--on", "2026-01-08").stdout
    assert "2 of 70 items done" in out
    again = enrolled("check", "minimal-vit", "--on", "2026-01-09").stdout
    assert "already done on 2026-01-08" in again
    undone = as_json(enrolled("check", "minimal-vit", "--undo", "--on", "2026-01-09", "--json"))
    assert [item["id"] for item in undone["changed"]] == ["m1/minimal-vit"]
    assert undone["done"] == 1
    assert as_json(enrolled("status", "--week", "2026-01-09", "--json"))["done"] == 1


def test_check_counts_what_the_plan_counts(enrolled: Run) -> None:
    # m8 is optional and only in the plan once included; then its 10 items count too.
    enrolled("include", "m8", "--on", "2026-01-07")
    checked = as_json(
        enrolled("check", "m8/minimal-nerf", "minimal-vit", "--on", "2026-01-08", "--json")
    )
    status = as_json(enrolled("status", "--week", "2026-01-08", "--json"))
    assert (checked["done"], checked["total"]) == (status["done"], status["total"]) == (2, 80)
    # Taken out again, its checked item stays in the record but leaves the count.
    enrolled("exclude", "m8", "--on", "2026-01-09")
    status = as_json(enrolled("status", "--week", "2026-01-09", "--json"))
    assert (status["done"], status["total"]) == (1, 70)
    # Taking back is allowed outside the plan: the undo reaches the excluded module's item.
    undone = as_json(
        enrolled(
            "check", "m8/minimal-nerf", "minimal-vit", "--undo", "--on", "2026-01-09", "--json"
        )
    )
    assert (undone["done"], len(undone["changed"])) == (0, 2)


def test_typo_in_task_name_changes_nothing(enrolled: Run, progress_file: Path) -> None:
    before = progress_file.read_bytes()
    result = enrolled("check", "Implement atention mechansim", code=1)
    assert result.stderr.startswith("Error: No item of advanced-ai matches")
    assert "m1/attention-from-scratch" in result.stderr
    assert "Traceback" not in result.output
    assert progress_file.read_bytes() == before


def test_one_bad_reference_among_good_ones_writes_nothing(
    enrolled: Run, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    enrolled("check", "minimal-vit", "no such task at all", code=1)
    assert progress_file.read_bytes() == before


@pytest.mark.parametrize("date", ["2026-02-30", "07/01/2026", "2026-1-7x", "soon"])
def test_malformed_date_changes_nothing(enrolled: Run, progress_file: Path, date: str) -> None:
    before = progress_file.read_bytes()
    result = enrolled("check", TITLE, "--on", date, code=1)
    assert f"'{date}' given to --on is not a valid date" in result.stderr
    assert progress_file.read_bytes() == before
    assert "not a valid date" in enrolled("status", "--week", date, code=1).stderr
    assert "not a valid date" in enrolled("next", "--from", date, code=1).stderr


def test_future_check_is_refused(enrolled: Run, progress_file: Path) -> None:
    before = progress_file.read_bytes()
    result = enrolled("check", TITLE, "--on", "2026-12-01", code=1)
    assert "in the future" in result.stderr
    assert progress_file.read_bytes() == before


def test_broken_curriculum_file_changes_nothing(
    run: Run, progress_file: Path, roadmap_home: Path, advanced_ai_text: str
) -> None:
    # The learner's own copy of advanced-ai, enrolled, then broken by an edit.
    user_dir = roadmap_home / "curricula"
    user_dir.mkdir(parents=True)
    broken = user_dir / "my-ai.yaml"
    broken.write_text(advanced_ai_text.replace("slug: advanced-ai", "slug: my-ai"))
    run("start", "my-ai", "--on", "2026-01-05")
    broken.write_text(broken.read_text().replace("duration: 10 weeks", "duration: 10 wekes"))
    before = progress_file.read_bytes()
    for args in (["check", TITLE], ["status"], ["next"], ["show"], ["list"]):
        result = run(*args, code=1)
        assert result.stderr.startswith(f"Error: {broken}:"), args
        assert "phases[3].modules[0].duration" in result.stderr
        assert "Traceback" not in result.output
    assert progress_file.read_bytes() == before


def test_start_from_a_broken_file_writes_nothing(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("slug: mine\ntitle: Mine\nphases:\n  - id: p1\n    title: [oops\n")
    result = run("start", str(path), code=1)
    assert f"Error: {path}:" in result.stderr and "YAML syntax" in result.stderr
    assert not (Path(str(path)).parent / "roadmap-home" / "progress.yaml").exists()


def test_damaged_progress_file_is_reported_and_kept(enrolled: Run, progress_file: Path) -> None:
    damaged = progress_file.read_text() + "- {broken\n"
    progress_file.write_text(damaged)
    for args in (["status"], ["check", TITLE], ["start", "advanced-ai", "--restart"]):
        result = enrolled(*args, code=1)
        assert "is damaged" in result.stderr, args
        assert progress_file.read_text() == damaged


def test_commands_before_enrolling_say_how_to_start(run: Run) -> None:
    for args in (["status"], ["next"], ["check", TITLE], ["show"]):
        result = run(*args, code=1)
        assert "not enrolled in any curriculum" in result.stderr
        assert "roadmap start" in result.stderr


def test_unknown_curriculum(run: Run) -> None:
    result = run("start", "advanced-ia", code=1)
    assert "There is no curriculum called 'advanced-ia'. Did you mean 'advanced-ai'" in (
        result.stderr
    )


def test_usage_errors_exit_2(run: Run) -> None:
    run("status", "--bogus", code=2)
    run("next", "-n", code=2)  # no value at all: the shape of the line (a bad value: 1)
    run("check", code=2)


def test_show_of_own_curriculum_marks_done_items(enrolled: Run) -> None:
    enrolled("check", TITLE, "--on", "2026-01-07")
    out = enrolled("show").stdout
    assert "✓ m1/attention-from-scratch" in out
    assert "☐ m1/minimal-vit" in out


def test_internal_error_exits_3_with_a_log(
    enrolled: Run, roadmap_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    import sys

    from roadmap_tracker.cli import app as cli
    from roadmap_tracker.commands import overview

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(overview, "status_view", broken)
    monkeypatch.setattr(sys, "argv", ["roadmap", "status"])
    with pytest.raises(SystemExit) as caught:
        cli.main()
    assert caught.value.code == 3
    (log,) = (roadmap_home / "logs").iterdir()
    assert "RuntimeError: boom" in log.read_text()
    assert f"Details are in {log}" in capsys.readouterr().err


def test_undo_dated_before_the_check_still_takes_it_back(enrolled: Run) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-10")
    undone = as_json(enrolled("check", "minimal-vit", "--undo", "--on", "2026-01-06", "--json"))
    assert undone["done"] == 0
    # An uncheck takes the check back whatever its day: not done in any week.
    for week in ("2026-01-05", "2026-01-12"):
        assert as_json(enrolled("status", "--week", week, "--json"))["done"] == 0


def test_the_command_list_flows_each_summary_as_one_paragraph(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a real process: click's test runner draws help at 80 columns whatever COLUMNS says
    env = {**os.environ, "COLUMNS": "200"}
    out = subprocess.run(
        [sys.executable, "-m", "roadmap_tracker", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    # the docstring breaks after "or one item"; the list must not
    assert "its id), or one item with its state, dates, notes" in out
