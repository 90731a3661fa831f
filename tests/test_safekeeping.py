"""Looking after the progress file from the command line: history, undo, restore, doctor."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from .conftest import FROZEN_NOW, Run

FIXTURES = Path(__file__).parent / "fixtures"
V1_FIXTURE = FIXTURES / "progress-v1.yaml"
# An item of complete-ai-engineer, the active curriculum of the schema-1 fixture.
CAE_ITEM = "p0-python/control-flow-if-else-loops"
TORN = b'- {"id": "00000000000000000000000009", "at": "2026'


def as_json(result: Any) -> Any:
    return json.loads(result.stdout)


def flat(text: str) -> str:
    """Text with every run of whitespace made one space (the console wraps at 80 columns)."""
    return " ".join(text.split())


def assert_one_sentence_error(result: Any) -> str:
    """The error's first line: 'Error: ' and one sentence, no traceback. Returns that line."""
    first = result.stderr.splitlines()[0]
    assert first.startswith("Error: "), result.stderr
    assert first.endswith("."), first
    assert ". " not in first, first
    assert "Traceback" not in result.output
    return first


def done(run: Run, week: str) -> int:
    return as_json(run("status", "--week", week, "--json"))["done"]


def history_rows(out: str) -> dict[int, str]:
    """The rows of ``roadmap history``'s table by change number, in order, top to bottom."""
    rows = [line for line in out.splitlines() if re.match(r"\d+ +\d{4}-\d\d-\d\d ", line)]
    return {int(line.split()[0]): line for line in rows}


def history_numbers(out: str) -> list[int]:
    return list(history_rows(out))


def backups(roadmap_home: Path) -> set[str]:
    directory = roadmap_home / "backups"
    return {p.name for p in directory.iterdir()} if directory.is_dir() else set()


def replace_line(path: Path, containing: str, new: str) -> int:
    """Replace the one line of ``path`` that contains ``containing``; return its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    (index,) = [i for i, line in enumerate(lines) if containing in line]
    lines[index] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


@pytest.fixture
def migrated(run: Run, progress_file: Path, roadmap_home: Path) -> str:
    """A schema-1 progress file brought to schema 2 by a check; returns the backup's name."""
    progress_file.parent.mkdir(parents=True)
    shutil.copyfile(V1_FIXTURE, progress_file)
    run("check", CAE_ITEM, "--on", "2026-02-04")
    (name,) = backups(roadmap_home)
    assert name.endswith("-schema-1.yaml")
    assert (roadmap_home / "backups" / name).read_bytes() == V1_FIXTURE.read_bytes()
    return name


def damage_a_middle_line(progress_file: Path) -> int:
    """Put garbage into the value of a record in the middle of the file; return its line."""
    lines = progress_file.read_text(encoding="utf-8").split("\n")
    records = [i for i, line in enumerate(lines) if line.startswith("- {")]
    index = records[len(records) // 2]
    assert index != records[-1]
    lines[index] = lines[index].replace('"at": "', '"at": "garbage ', 1)
    progress_file.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


# --- history -------------------------------------------------------------------------------


def test_history_lists_changes_newest_first_with_numbers_and_dates(enrolled: Run) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")
    enrolled("check", "vit-vs-cnn", "--on", "2026-01-07")
    out = enrolled("history").stdout
    row = history_rows(out)
    assert list(row) == [3, 2, 1]
    recorded = FROZEN_NOW.astimezone().strftime("%Y-%m-%d %H:%M")
    assert all(recorded in line for line in row.values())
    assert "m1/vit-vs-cnn on 2026-01-07" in row[3]
    assert "m1/minimal-vit on 2026-01-06" in row[2]
    assert "started advanced-ai from 2026-01-05" in row[1]


def test_history_n_limits_and_json_has_every_field(enrolled: Run) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")
    enrolled("check", "vit-vs-cnn", "--on", "2026-01-07")
    assert history_numbers(enrolled("history", "-n", "2").stdout) == [3, 2]
    assert "2 changes shown of 3" in enrolled("history", "-n", "2").stdout
    view = as_json(enrolled("history", "-n", "2", "--json"))
    assert view["total"] == 3
    newest, older = view["changes"]
    assert newest["seq"] == 3
    assert dt.datetime.fromisoformat(newest["at"]) == FROZEN_NOW
    assert newest["on"] == "2026-01-07"
    assert "m1/vit-vs-cnn" in newest["summary"]
    assert newest["undone_by"] is None
    assert (older["seq"], older["on"]) == (2, "2026-01-06")
    assert "m1/minimal-vit" in older["summary"]


def test_history_marks_an_undone_change_with_the_undo_number(enrolled: Run) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")
    undo = as_json(enrolled("undo", "--json"))
    changes = {c["seq"]: c for c in as_json(enrolled("history", "--json"))["changes"]}
    assert changes[2]["undone_by"] == undo["undo_seq"]
    assert changes[1]["undone_by"] is None
    row = history_rows(enrolled("history").stdout)[2]
    assert f"(undone by {undo['undo_seq']})" in row


def test_history_n_0_is_an_error(enrolled: Run) -> None:
    result = enrolled("history", "-n", "0", code=1)
    assert "-n" in assert_one_sentence_error(result)


# --- undo ----------------------------------------------------------------------------------


def test_undo_takes_back_a_check_and_says_what_it_reverted(
    enrolled: Run, progress_file: Path
) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")
    assert done(enrolled, "2026-01-07") == 1
    before = progress_file.read_bytes()
    out = flat(enrolled("undo").stdout)
    assert "Undid change 2" in out
    assert "m1/minimal-vit" in out
    assert done(enrolled, "2026-01-07") == 0
    # The check stays in the file; the undo is one more line.
    after = progress_file.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].count(b"\n") == 1


def test_undo_twice_takes_back_the_two_most_recent(enrolled: Run) -> None:
    enrolled("check", "attention-from-scratch", "--on", "2026-01-06")
    enrolled("check", "minimal-vit", "--on", "2026-01-07")
    enrolled("check", "vit-vs-cnn", "--on", "2026-01-08")
    first = as_json(enrolled("undo", "--json"))
    second = as_json(enrolled("undo", "--json"))
    assert (first["undone"]["seq"], second["undone"]["seq"]) == (4, 3)
    assert first["undone"]["items"] == ["m1/vit-vs-cnn"]
    assert second["undone"]["items"] == ["m1/minimal-vit"]
    status = as_json(enrolled("status", "--week", "2026-01-08", "--json"))
    assert status["done"] == 1
    assert status["completed_this_week"] == ["m1/attention-from-scratch"]


def test_undo_a_given_change_among_the_last_ten(enrolled: Run) -> None:
    enrolled("check", "attention-from-scratch", "--on", "2026-01-06")
    enrolled("check", "minimal-vit", "--on", "2026-01-07")
    enrolled("check", "vit-vs-cnn", "--on", "2026-01-08")
    out = flat(enrolled("undo", "3").stdout)
    assert "Undid change 3" in out and "m1/minimal-vit" in out
    status = as_json(enrolled("status", "--week", "2026-01-08", "--json"))
    assert sorted(status["completed_this_week"]) == [
        "m1/attention-from-scratch",
        "m1/vit-vs-cnn",
    ]
    # The same change cannot be taken back twice.
    enrolled("undo", "3", code=1)


def test_undo_of_a_change_older_than_the_last_ten_is_refused(
    enrolled: Run, progress_file: Path
) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")  # change 2
    for day in range(7, 17):  # changes 3 to 12
        enrolled("log", "1", "--on", f"2026-01-{day:02d}")
    before = progress_file.read_bytes()
    result = enrolled("undo", "2", code=1)
    assert "Change 2" in assert_one_sentence_error(result)
    assert progress_file.read_bytes() == before
    assert done(enrolled, "2026-01-16") == 1
    # Change 3 is the oldest of the last ten: that one can be taken back.
    assert as_json(enrolled("undo", "3", "--json"))["undone"]["seq"] == 3


def test_undo_with_nothing_to_undo(run: Run, progress_file: Path) -> None:
    result = run("undo", code=1)
    assert "nothing to undo" in assert_one_sentence_error(result)
    assert not progress_file.exists()


def test_undo_when_every_recent_change_is_undone_writes_nothing(
    enrolled: Run, progress_file: Path
) -> None:
    enrolled("undo")  # takes back the enrollment itself
    before = progress_file.read_bytes()
    assert "nothing to undo" in assert_one_sentence_error(enrolled("undo", code=1))
    assert progress_file.read_bytes() == before


def test_undo_of_a_restart_brings_the_earlier_run_back(enrolled: Run) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")
    enrolled("start", "advanced-ai", "--on", "2026-03-02", "--restart")
    restarted = as_json(enrolled("status", "--week", "2026-03-02", "--json"))
    assert (restarted["start"], restarted["done"]) == ("2026-03-02", 0)
    undone = as_json(enrolled("undo", "--json"))
    assert undone["undone"]["action"] == "start"
    status = as_json(enrolled("status", "--week", "2026-03-02", "--json"))
    assert (status["start"], status["done"]) == ("2026-01-05", 1)


# --- restore -------------------------------------------------------------------------------


def test_damage_names_the_line_and_the_restore_command_which_works(
    run: Run, migrated: str, progress_file: Path, roadmap_home: Path
) -> None:
    line = damage_a_middle_line(progress_file)
    damaged = progress_file.read_bytes()
    result = run("status", code=1)
    assert result.stderr.startswith(f"Error: The progress file {progress_file}:{line} ")
    command = re.search(r"'(roadmap restore [^']+)'", result.stderr)
    assert command is not None, result.stderr
    assert command.group(1) == f"roadmap restore {migrated}"
    assert progress_file.read_bytes() == damaged

    existing = backups(roadmap_home)
    out = flat(run(*command.group(1).split()[1:]).stdout)
    assert progress_file.read_bytes() == V1_FIXTURE.read_bytes()
    (kept,) = backups(roadmap_home) - existing
    assert (roadmap_home / "backups" / kept).read_bytes() == damaged
    assert kept in out
    status = as_json(run("status", "--week", "2026-02-04", "--json"))
    assert status["curriculum"] == "complete-ai-engineer"


@pytest.mark.parametrize(
    "garbage", ["garbage", '- {"id": "00000000000000000000000005", "at": "2026', "- {broken"]
)
def test_a_garbage_line_is_reported_at_its_own_line(
    enrolled: Run, progress_file: Path, garbage: str
) -> None:
    for day in ("06", "07", "08"):
        enrolled("log", "1", "--on", f"2026-01-{day}")
    line = replace_line(progress_file, progress_file.read_text().splitlines()[-2], garbage)
    result = enrolled("status", code=1)
    assert result.stderr.startswith(f"Error: The progress file {progress_file}:{line} ")


def test_restore_of_an_unknown_backup_changes_nothing(
    run: Run, migrated: str, progress_file: Path, roadmap_home: Path
) -> None:
    before, kept = progress_file.read_bytes(), backups(roadmap_home)
    result = run("restore", "progress-20260101T000000-01-nothing", code=1)
    assert "progress-20260101T000000-01-nothing" in assert_one_sentence_error(result)
    assert migrated in result.stderr  # the hint names the backups there are
    assert progress_file.read_bytes() == before
    assert backups(roadmap_home) == kept


def test_a_backup_that_does_not_load_is_refused(
    run: Run, migrated: str, progress_file: Path, roadmap_home: Path
) -> None:
    broken = roadmap_home / "backups" / "progress-20261121T000000-01-broken.yaml"
    broken.write_text("schema_version: 3\nevents: [\n", encoding="utf-8")
    before, kept = progress_file.read_bytes(), backups(roadmap_home)
    result = run("restore", broken.name, code=1)
    assert result.stderr.startswith(f"Error: The backup {broken}:")
    assert "is damaged" in result.stderr.splitlines()[0]
    assert "Traceback" not in result.output
    assert progress_file.read_bytes() == before
    assert backups(roadmap_home) == kept


# --- doctor --------------------------------------------------------------------------------


def test_doctor_on_a_fresh_enrollment_is_all_well(enrolled: Run) -> None:
    assert "All is well." in enrolled("doctor").stdout
    view = as_json(enrolled("doctor", "--json"))
    assert view["healthy"] is True
    assert {f["check"]: f["level"] for f in view["findings"] if f["level"] != "ok"} == {}
    assert view["removed"] == []


def finding(run: Run, check: str, code: int = 0) -> dict[str, str]:
    view = as_json(run("doctor", "--json", code=code))
    (found,) = [f for f in view["findings"] if f["check"] == check]
    return found


def test_doctor_warns_of_a_torn_last_line_until_the_next_change(
    enrolled: Run, progress_file: Path
) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")
    progress_file.write_bytes(progress_file.read_bytes() + TORN)
    torn = finding(enrolled, "progress file")
    assert torn["level"] == "warning"
    assert "next change removes it" in torn["message"]
    assert "next change removes it" in flat(enrolled("doctor").stdout)
    enrolled("check", "vit-vs-cnn", "--on", "2026-01-07")
    assert finding(enrolled, "progress file")["level"] == "ok"
    assert not progress_file.read_bytes().endswith(TORN)
    assert done(enrolled, "2026-01-07") == 2


def test_doctor_fails_on_a_damaged_file(enrolled: Run, progress_file: Path) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")
    enrolled("check", "vit-vs-cnn", "--on", "2026-01-07")
    line = damage_a_middle_line(progress_file)
    damaged = progress_file.read_bytes()
    result = enrolled("doctor", code=1)
    assert "All is well." not in result.stdout
    problem = finding(enrolled, "progress file", code=1)
    assert problem["level"] == "problem"
    assert f"{progress_file}:{line}" in problem["message"]
    assert progress_file.read_bytes() == damaged


def test_doctor_warns_when_others_can_read_the_file(enrolled: Run, progress_file: Path) -> None:
    assert finding(enrolled, "permissions")["level"] == "ok"
    progress_file.chmod(0o644)
    permissions = finding(enrolled, "permissions")
    assert permissions["level"] == "warning"
    assert f"chmod 600 {progress_file}" in permissions["message"]


def test_doctor_before_any_enrollment_creates_nothing(run: Run, roadmap_home: Path) -> None:
    out = run("doctor").stdout  # type: ignore[attr-defined]
    assert "does not exist yet" in out
    assert not roadmap_home.exists()


def test_restore_counts_one_change_in_the_singular(enrolled: Run, progress_file: Path) -> None:
    from roadmap_tracker.progress import store

    backup = store.backup_progress(progress_file, reason="test")  # the start alone
    assert backup is not None
    enrolled("check", "m1/minimal-vit", "--on", "2026-01-07")
    result = enrolled("restore", backup.name)
    assert ": 1 change, enrolled in advanced-ai." in " ".join(result.stdout.split())
