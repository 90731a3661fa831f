"""Several enrollments through the CLI: enrollments, switch, stop, start again, --plan."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.base import paths
from roadmap_tracker.cli import app as cli
from roadmap_tracker.cli import options
from roadmap_tracker.progress import progress_state, reading

from .conftest import Run
from .test_validate import GOOD

TODAY = "2026-11-21"  # the frozen clock's day (conftest.FROZEN_NOW)


def as_json(result: object) -> Any:
    return json.loads(result.stdout)  # type: ignore[attr-defined]


def add_user_curriculum(home: Path, slug: str) -> Path:
    """Put the three-item curriculum of test_validate, as ``slug``, in the user directory."""
    directory = home / "curricula"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{slug}.yaml"
    path.write_text(GOOD.replace("slug: tiny", f"slug: {slug}"), encoding="utf-8")
    return path


@pytest.fixture
def two(run: Run, roadmap_home: Path) -> Run:
    """advanced-ai from 2026-01-05 with one item done on 2026-01-07, then tiny (three
    items: m1 two weeks, m2 one week) from 2026-01-05, which is active.
    """
    add_user_curriculum(roadmap_home, "tiny")
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("check", "m1/attention-from-scratch", "--on", "2026-01-07")
    run("start", "tiny", "--on", "2026-01-05")
    return run


def rows_of(view: Any) -> dict[str, Any]:
    return {row["curriculum"]: row for row in view["enrollments"]}


def test_enrollments_lists_each_with_the_numbers_status_gives(two: Run) -> None:
    view = as_json(two("enrollments", "--on", "2026-01-12", "--json"))
    assert view["active"] == "tiny"
    # The active one first, then the others from the most recently active.
    assert [row["curriculum"] for row in view["enrollments"]] == ["tiny", "advanced-ai"]
    assert [row["active"] for row in view["enrollments"]] == [True, False]
    for slug, row in rows_of(view).items():
        status = as_json(two("status", "--plan", slug, "--week", "2026-01-12", "--json"))
        for field in ("done", "total", "percent", "planned_percent", "hours_per_week"):
            assert row[field] == status[field], (slug, field)
        assert row["days_ahead"] == status["days_ahead"]
        assert row["title"] == status["title"]
        assert row["started"] == "2026-01-05"
    tiny = rows_of(view)["tiny"]
    # On 2026-01-12 a week of m1's two has passed: its two items are half planned, m2's
    # not at all, so 1 of 3 items is planned, and nothing is done.
    assert (tiny["done"], tiny["total"], tiny["planned_percent"]) == (0, 3, 33.3)
    assert tiny["days_ahead"] < 0
    assert rows_of(view)["advanced-ai"]["done"] == 1
    assert view["stopped"] == []  # only with --all

    out = two("enrollments", "--on", "2026-01-12").stdout
    assert "▶ tiny" in out
    assert "advanced-ai" in out and "▶ advanced-ai" not in out
    assert "Tiny Plan" in out and "Advanced AI Engineering Program" in out
    assert "from 2026-01-05" in out
    assert "0/3" in out and "plan 33.3%" in out and "behind" in out
    assert "10 h a week" in out  # advanced-ai's commitment


def test_enrollments_counts_only_the_work_done_by_the_day_asked(two: Run) -> None:
    before = rows_of(as_json(two("enrollments", "--on", "2026-01-06", "--json")))
    after = rows_of(as_json(two("enrollments", "--on", "2026-01-07", "--json")))
    assert before["advanced-ai"]["done"] == 0
    assert after["advanced-ai"]["done"] == 1
    assert after["advanced-ai"]["percent"] == round(100 / after["advanced-ai"]["total"], 1)


def test_enrollments_stays_readable_at_60_columns(
    two: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_tracker.cli import terminal

    monkeypatch.setenv("COLUMNS", "60")
    terminal.console.cache_clear()
    out = two("enrollments", "--on", "2026-01-12").stdout
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "Advanced AI Engineering Program" in out  # the title is not cut


def test_not_enrolled_anywhere(run: Run) -> None:
    out = run("enrollments").stdout
    assert "not enrolled in any curriculum" in out
    assert as_json(run("enrollments", "--json"))["enrollments"] == []


def test_switch_makes_another_enrollment_active_and_writes_one_event(
    two: Run, progress_file: Path
) -> None:
    out = two("switch", "advanced-ai").stdout
    assert "Switched to advanced-ai (was tiny)" in out
    assert as_json(two("status", "--json"))["curriculum"] == "advanced-ai"
    assert as_json(two("enrollments", "--json"))["active"] == "advanced-ai"
    history = as_json(two("history", "-n", "1", "--json"))["changes"][0]
    assert (history["action"], history["curriculum"]) == ("switch", "advanced-ai")

    before = progress_file.read_bytes()
    out = two("switch", "advanced-ai").stdout
    assert "already your active enrollment" in out
    assert progress_file.read_bytes() == before


@pytest.mark.parametrize("slug", ["no-such-plan", "ai-study-plan"])
def test_switch_to_what_you_do_not_follow_names_your_enrollments(
    two: Run, progress_file: Path, slug: str
) -> None:
    before = progress_file.read_bytes()
    result = two("switch", slug, code=1)
    first = result.stderr.splitlines()[0]
    assert first == (
        f"Error: You are not enrolled in {slug}; your enrollments are: tiny, advanced-ai."
    )
    assert "Traceback" not in result.stderr
    assert progress_file.read_bytes() == before


def test_stop_keeps_a_backup_then_archives_and_the_last_active_other_takes_over(
    two: Run, roadmap_home: Path, progress_file: Path
) -> None:
    add_user_curriculum(roadmap_home, "small")
    two("start", "small", "--on", "2026-02-02")
    two("switch", "tiny")  # most recent first: tiny, small, advanced-ai
    before = progress_file.read_bytes()
    out = two("stop", "tiny", "--yes").stdout
    (backup,) = (roadmap_home / "backups").glob("*-stop-tiny.yaml")
    assert backup.read_bytes() == before  # the file as it was before the stop
    assert f"  {backup}" in out.splitlines()  # whole on its line, to copy
    assert "'roadmap undo' brings tiny back" in out
    assert "'roadmap start tiny' begins it afresh" in out
    assert "Active now: small." in out
    assert as_json(two("status", "--json"))["curriculum"] == "small"
    view = as_json(two("enrollments", "--json"))
    assert [row["curriculum"] for row in view["enrollments"]] == ["small", "advanced-ai"]
    result = two("check", "m1/read", "--plan", "tiny", code=1)
    assert "not enrolled in tiny" in result.stderr

    # Stopping one that is not active leaves the active one as it is.
    out = two("stop", "advanced-ai", "--yes").stdout
    assert "Active now" not in out
    assert as_json(two("enrollments", "--json"))["active"] == "small"


def test_stop_of_the_last_enrollment_leaves_none_active(two: Run) -> None:
    two("stop", "tiny", "--yes")
    out = two("stop", "advanced-ai", "--yes").stdout
    assert "You follow no other curriculum now." in out
    assert as_json(two("enrollments", "--json"))["active"] is None
    assert "not enrolled" in two("status", code=1).stderr


def test_stop_without_a_terminal_needs_yes_and_writes_nothing(
    two: Run, roadmap_home: Path, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    result = two("stop", "tiny", code=1)
    assert "add --yes" in result.stderr.splitlines()[0]
    assert progress_file.read_bytes() == before
    assert not list((roadmap_home / "backups").glob("*stop*"))
    # A slug you do not follow says so first.
    result = two("stop", "nope", code=1)
    assert "your enrollments are: tiny, advanced-ai" in result.stderr


def test_stop_in_a_terminal_asks_first(
    two: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(options, "interactive", lambda: True)
    before = progress_file.read_bytes()
    declined = two.runner.invoke(cli.app, ["stop", "advanced-ai"], input="n\n")
    assert declined.exit_code == 1
    # the question is on stderr (roadmap stop > file still shows it), not in the output
    assert "Stop advanced-ai (Advanced AI Engineering Program)" in declined.stderr
    assert "Stop advanced-ai" not in declined.stdout
    total = as_json(two("status", "--plan", "advanced-ai", "--json"))["total"]
    assert f"1 of {total} items done" in declined.stderr
    assert "advanced-ai was not stopped; nothing was changed." in declined.stderr
    assert progress_file.read_bytes() == before

    accepted = two.runner.invoke(cli.app, ["stop", "tiny"], input="y\n")
    assert accepted.exit_code == 0, accepted.stderr
    assert "advanced-ai becomes the active one" in accepted.stderr  # asked before stopping
    assert "Stopped tiny" in accepted.stdout
    assert as_json(two("enrollments", "--json"))["active"] == "advanced-ai"


def test_undo_of_a_stop_brings_the_enrollment_back_with_its_progress(two: Run) -> None:
    two("check", "m1/read", "--on", "2026-01-06")  # into tiny, the active one
    before = as_json(two("enrollments", "--on", "2026-01-12", "--json"))
    two("stop", "tiny", "--yes")
    assert as_json(two("enrollments", "--json"))["active"] == "advanced-ai"
    assert "stopped tiny" in two("undo").stdout
    assert as_json(two("enrollments", "--on", "2026-01-12", "--json")) == before
    assert as_json(two("status", "--json"))["curriculum"] == "tiny"


def test_all_lists_stopped_enrollments_with_their_progress_on_the_day_stopped(
    two: Run,
) -> None:
    two("check", "m1/read", "--on", "2026-01-06")
    two("stop", "tiny", "--yes")
    view = as_json(two("enrollments", "--all", "--on", TODAY, "--json"))
    assert [row["curriculum"] for row in view["enrollments"]] == ["advanced-ai"]
    (stopped,) = view["stopped"]
    assert (stopped["curriculum"], stopped["stopped"], stopped["as_of"]) == ("tiny", TODAY, TODAY)
    assert (stopped["done"], stopped["total"], stopped["active"]) == (1, 3, False)
    # By the day it stopped the whole plan (to 2026-01-25) had passed.
    assert stopped["planned_percent"] == 100.0
    out = two("enrollments", "--all").stdout
    assert "Stopped" in out and f"stopped {TODAY}" in out and "1/3" in out


def test_starting_a_stopped_curriculum_again_begins_afresh(two: Run) -> None:
    two("check", "m1/read", "--on", "2026-01-06")
    two("stop", "tiny", "--yes")
    out = two("start", "tiny", "--on", "2026-02-02").stdout
    assert "Enrolled in" in out and "already enrolled" not in out
    status = as_json(two("status", "--week", "2026-02-03", "--json"))
    assert (status["curriculum"], status["done"], status["start"]) == ("tiny", 0, "2026-02-02")
    view = as_json(two("enrollments", "--all", "--json"))
    assert view["active"] == "tiny"
    (old,) = view["stopped"]
    assert (old["curriculum"], old["started"], old["done"]) == ("tiny", "2026-01-05", 1)
    # --restart of a stopped curriculum also just starts it.
    two("stop", "tiny", "--yes")
    out = two("start", "tiny", "--on", "2026-03-02", "--restart").stdout
    assert "Enrolled in" in out
    assert len(as_json(two("enrollments", "--all", "--json"))["stopped"]) == 2


def test_plan_records_into_another_enrollment_and_leaves_the_active_one(
    two: Run, progress_file: Path
) -> None:
    # Without --plan a command works on tiny, the active one, which has no such item.
    assert "m1/minimal-vit" in two("check", "m1/minimal-vit", code=1).stderr
    out = two("check", "m1/minimal-vit", "--plan", "advanced-ai", "--on", "2026-01-09").stdout
    assert "in advanced-ai" in out
    two("check", "m1/read", "--on", "2026-01-08")  # tiny's
    assert as_json(two("enrollments", "--json"))["active"] == "tiny"
    assert as_json(two("status", "--json"))["curriculum"] == "tiny"
    other = as_json(two("status", "--plan", "advanced-ai", "--week", "2026-01-09", "--json"))
    assert other["curriculum"] == "advanced-ai"
    assert other["done"] == 2  # the check of 2026-01-07 and this one
    assert other["completed_this_week"] == ["m1/attention-from-scratch", "m1/minimal-vit"]
    assert "Advanced AI Engineering Program" in two("status", "--plan", "advanced-ai").stdout
    assert as_json(two("status", "--json"))["done"] == 1  # tiny's own check only
    last = as_json(two("history", "-n", "2", "--json"))["changes"]
    assert [(c["action"], c["curriculum"]) for c in last] == [
        ("check", "tiny"),
        ("check", "advanced-ai"),
    ]


def test_plan_of_a_curriculum_you_do_not_follow_is_one_clear_error(
    two: Run, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    for args in (
        ("check", "m1/read", "--plan", "ai-study-plan"),
        ("status", "--plan", "ai-study-plan"),
        ("log", "1", "--plan", "ai-study-plan"),
    ):
        result = two(*args, code=1)
        assert result.stderr.splitlines()[0] == "Error: You are not enrolled in ai-study-plan."
    assert progress_file.read_bytes() == before


def test_history_plan_lists_only_that_curriculum(two: Run) -> None:
    history = as_json(two("history", "--plan", "advanced-ai", "--json"))
    assert [c["action"] for c in history["changes"]] == ["check", "start"]
    assert {c["curriculum"] for c in history["changes"]} == {"advanced-ai"}
    assert history["total"] == 2
    two("stop", "tiny", "--yes")
    stopped = as_json(two("history", "--plan", "tiny", "--json"))  # a stopped one too
    assert [c["action"] for c in stopped["changes"]] == ["stop", "start"]
    result = two("history", "--plan", "nope", code=1)
    assert "no changes of nope" in result.stderr


@pytest.mark.parametrize(
    ("damage", "phrase"),
    [
        ("delete", "curriculum no longer found"),
        ("break", "curriculum file has errors"),
    ],
)
def test_a_curriculum_that_does_not_load_shows_its_row_with_the_problem(
    two: Run, roadmap_home: Path, damage: str, phrase: str
) -> None:
    path = roadmap_home / "curricula" / "tiny.yaml"
    if damage == "delete":
        path.unlink()
    else:
        path.write_text("format: 1\nslug: tiny\nphases: [\n", encoding="utf-8")
    view = as_json(two("enrollments", "--json"))
    rows = rows_of(view)
    assert rows["tiny"]["problem"] == phrase
    assert rows["tiny"]["done"] is None and rows["tiny"]["active"] is True
    assert rows["advanced-ai"]["problem"] is None and rows["advanced-ai"]["done"] == 1
    out = two("enrollments").stdout
    assert phrase in out and "advanced-ai" in out


def test_a_curriculum_file_enrolled_by_path_and_then_removed(
    run: Run, tmp_path: Path, roadmap_home: Path, progress_file: Path
) -> None:
    """An enrollment an older version recorded with the path of its file (decision 48: now
    the file is copied and enrolled by slug), whose file is gone and was never copied.
    """
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD.replace("slug: tiny", "slug: mine"), encoding="utf-8")
    run("start", str(path), "--on", "2026-01-05")
    (roadmap_home / "curricula" / "mine.yaml").unlink()
    text = progress_file.read_text(encoding="utf-8")
    progress_file.write_text(
        text.replace('"action": "start",', f'"action": "start", "path": {json.dumps(str(path))},'),
        encoding="utf-8",
    )
    run("start", "advanced-ai", "--on", "2026-01-05")
    path.unlink()
    view = as_json(run("enrollments", "--all", "--json"))
    assert rows_of(view)["mine"]["problem"] == "curriculum file missing"
    assert rows_of(view)["mine"]["path"] == str(path)
    # It can still be stopped, with its backup.
    assert "Stopped mine" in run("stop", "mine", "--yes").stdout
    (stopped,) = as_json(run("enrollments", "--all", "--json"))["stopped"]
    assert stopped["problem"] == "curriculum file missing"


def test_commands_in_a_row_agree_with_reading_the_whole_file(
    two: Run, roadmap_home: Path, full_reads: list[Path]
) -> None:
    """switch and stop append to the kept state (ProgressState.extend); undo and start make
    the next command fold or read the file again. After each step, what the kept state says
    must be what reading the whole file says.
    """
    add_user_curriculum(roadmap_home, "small")

    def enrollments() -> Any:  # as of the day of the switches and stops
        return as_json(two("enrollments", "--on", TODAY, "--json"))

    def agree() -> Any:
        kept = progress_state.read_state()
        whole = reading.read_progress()
        assert [e.curriculum for e in kept.enrollments] == [e.curriculum for e in whole.enrollments]
        assert kept.active == whole.active
        view = enrollments()
        assert view["active"] == whole.active
        return view

    enrollments()  # keeps both ledgers in the state
    steps: list[tuple[str, ...]] = [
        ("switch", "advanced-ai"),
        ("check", "m1/read", "--plan", "tiny", "--on", "2026-01-06"),
        ("start", "small", "--on", "2026-01-05"),
        ("switch", "tiny"),
        ("stop", "tiny", "--yes"),
        ("switch", "advanced-ai"),
        ("stop", "advanced-ai", "--yes"),
        ("undo",),
        ("stop", "small", "--yes"),
    ]
    views = []
    for step in steps:
        two(*step)
        views.append(agree())
    actives = [view["active"] for view in views]
    assert actives == [
        "advanced-ai",
        "advanced-ai",
        "small",
        "tiny",
        "small",  # tiny stopped: small was active before it
        "advanced-ai",
        "small",
        "advanced-ai",  # the undo brings advanced-ai back, the latest switched to
        "advanced-ai",
    ]
    # A view after a switch comes from the kept state: no whole read of the file.
    two("start", "small", "--on", "2026-01-05")
    enrollments()  # keeps the new enrollment's ledger
    reads = len(full_reads)
    two("switch", "advanced-ai")
    assert enrollments()["active"] == "advanced-ai"
    assert len(full_reads) == reads
    kept = enrollments()
    shutil.rmtree(paths.cache_dir())
    assert enrollments() == kept
    assert len(full_reads) > reads
