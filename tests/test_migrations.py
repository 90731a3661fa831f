"""Older progress files: read as they are, migrated on the next change with a backup, and a
learner's hand edits (comments, key order, other YAML styles) kept.

One fixture per old schema version, written by the roadmap that used it (then hand-edited
the way a learner would: a comment, reordered keys).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from roadmap_tracker.progress import reading
from roadmap_tracker.progress.ledger import done_items, plan_settings

from .conftest import Run

FIXTURES = Path(__file__).parent / "fixtures"
V1 = FIXTURES / "progress-v1.yaml"
LEARNER_COMMENTS = [
    "# My own note: I keep this file in git (learner's comment).",
    "# January: the ViT module",
    "# February: switched to the complete roadmap",
    "# keys reordered by hand",
    "# the first one",
]


@pytest.fixture
def v1_file(progress_file: Path) -> Path:
    progress_file.parent.mkdir(parents=True)
    shutil.copyfile(V1, progress_file)
    return progress_file


def status(run: Run, *args: str) -> dict[str, object]:
    result = run("status", *args, "--json")
    return json.loads(result.stdout)  # type: ignore[attr-defined,no-any-return]


def test_a_version_1_file_reads_without_being_written(run: Run, v1_file: Path) -> None:
    before = v1_file.read_bytes()
    view = status(run, "--week", "2026-02-09")
    assert view["curriculum"] == "complete-ai-engineer"  # the active enrollment stays active
    assert view["done"] == 1
    run("plan")
    run("history")
    assert v1_file.read_bytes() == before
    assert not (v1_file.parent / "backups").exists()


def test_the_next_change_migrates_with_a_backup_of_the_original(
    run: Run, v1_file: Path, roadmap_home: Path
) -> None:
    original = v1_file.read_bytes()
    before = reading.read_progress()
    run("check", "p0-python/control-flow-if-else-loops", "--on", "2026-02-04")
    (backup,) = (roadmap_home / "backups").iterdir()
    assert backup.name.endswith("-schema-1.yaml")
    assert backup.read_bytes() == original
    after = reading.load()
    assert after.version == 3
    assert after.progress.events[:-1] == before.events  # nothing lost or changed
    assert after.progress.events[-1].items == ("p0-python/control-flow-if-else-loops",)
    assert status(run, "--week", "2026-02-09")["done"] == 2


def test_migration_keeps_the_state_of_every_enrollment(run: Run, v1_file: Path) -> None:
    before_ai = reading.read_progress().events_of("advanced-ai")
    run("check", "p0-python/control-flow-if-else-loops", "--on", "2026-02-04")
    progress = reading.read_progress()
    assert progress.active == "complete-ai-engineer"
    enrollment = progress.enrollment("advanced-ai")
    assert enrollment is not None
    assert (enrollment.started.isoformat(), enrollment.hours_per_week) == ("2026-01-05", 8.0)
    assert progress.events_of("advanced-ai") == before_ai
    # m1/vit-vs-cnn was unchecked; the other two checks and the 10-hour replan stay.
    assert done_items(before_ai) == {
        "m1/minimal-vit": dt.date(2026, 1, 8),
        "m1/attention-from-scratch": dt.date(2026, 1, 10),
    }
    assert plan_settings(enrollment, before_ai).hours_per_week == 10.0


def test_migration_keeps_the_learners_comments_and_key_order(run: Run, v1_file: Path) -> None:
    run("check", "p0-python/control-flow-if-else-loops", "--on", "2026-02-04")
    text = v1_file.read_text(encoding="utf-8")
    for comment in LEARNER_COMMENTS:
        assert comment in text, comment
    (reordered,) = [line for line in text.splitlines() if "keys reordered by hand" in line]
    assert reordered.index('"on"') < reordered.index('"at"')
    assert text.index("# January") < text.index("m1/minimal-vit")
    assert text.index("# February") < text.index('"choose"')


def test_migrated_lines_are_json_records_that_later_changes_append_to(
    run: Run, v1_file: Path
) -> None:
    run("check", "p0-python/control-flow-if-else-loops", "--on", "2026-02-04")
    migrated = v1_file.read_bytes()
    run("check", "p0-python/functions-and-modules", "--on", "2026-02-05")
    assert v1_file.read_bytes().startswith(migrated)
    lines = v1_file.read_text(encoding="utf-8").splitlines()
    records = [line for line in lines[lines.index("schema_version: 3") :] if line.startswith("-")]
    assert len(records) == 12
    for line in records:
        json.loads(line[2 : line.rindex("}") + 1])


def test_hand_edits_in_another_yaml_style_are_read_and_kept(run: Run, progress_file: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    with progress_file.open("a", encoding="utf-8") as handle:
        handle.write(
            "# added by hand, block style\n"
            "- id: 01Q3DCBD000000000000000C1S\n"
            "  at: 2026-01-06T20:00:00+01:00\n"
            "  on: 2026-01-06\n"
            "  curriculum: advanced-ai   # the usual one\n"
            "  action: check\n"
            "  items: [m1/minimal-vit]\n"
        )
    edited = progress_file.read_bytes()
    assert status(run, "--week", "2026-01-12")["done"] == 1
    run("check", "m1/vit-vs-cnn", "--on", "2026-01-07")
    assert progress_file.read_bytes().startswith(edited)
    assert status(run, "--week", "2026-01-12")["done"] == 2
    assert "# the usual one" in progress_file.read_text(encoding="utf-8")


def test_a_mistake_in_a_hand_edit_names_its_line(run: Run, progress_file: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("check", "m1/minimal-vit", "--on", "2026-01-06")
    lines = progress_file.read_text(encoding="utf-8").splitlines(keepends=True)
    number = len(lines)
    lines[-1] = lines[-1].replace('"on": "2026-01-06"', '"on": "2026-02-30"')
    progress_file.write_text("".join(lines), encoding="utf-8")
    damaged = progress_file.read_bytes()
    result = run("check", "m1/vit-vs-cnn", code=1)
    assert f"progress.yaml:{number} is damaged" in result.stderr  # type: ignore[attr-defined]
    assert "on:" in result.stderr  # type: ignore[attr-defined]
    assert progress_file.read_bytes() == damaged
