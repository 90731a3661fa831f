"""The progress state kept in the cache: read commands use it only while the progress file is
unchanged, and it gives what reading the whole file gives (store.read_state, cache.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker import store

from .conftest import Run

WEEK = "2026-01-14"


def an_hour_old(path: Path) -> None:
    """Date the file's last change an hour back: a state kept now is then trusted."""
    then = path.stat().st_mtime - 3600
    os.utime(path, (then, then))


@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Count the whole reads of the progress file (one entry per read)."""
    reads: list[Path] = []
    real = store.read_progress

    def counting(path: Path | None = None) -> Any:
        reads.append(path or Path())
        return real(path)

    monkeypatch.setattr(store, "read_progress", counting)
    return reads


@pytest.fixture
def studied(run: Run, progress_file: Path) -> Run:
    """complete-ai-engineer with checks, an uncheck, hours and a routine's occurrences."""
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    run("check", "p0-python/decorators", "p0-python/functions-and-modules", "--on", "2026-01-07")
    run("check", "p0-python/functions-and-modules", "--undo", "--on", "2026-01-08")
    run("check", "routine/study", "--on", "2026-01-12")
    run("check", "routine/study", "--on", "2026-01-13")
    run("log", "2.5", "--on", "2026-01-13", "--task", "p0-python/file-i-o-operations")
    an_hour_old(progress_file)
    return run


def views(run: Run) -> list[Any]:
    return [
        json.loads(run(*args, "--json").stdout)  # type: ignore[attr-defined]
        for args in (("status", "--week", WEEK), ("next", "--from", WEEK), ("list",))
    ]


def test_a_kept_state_gives_what_reading_the_whole_file_gives(
    studied: Run, roadmap_home: Path, full_reads: list[Path]
) -> None:
    first = views(studied)  # reads the file whole, keeps the state
    assert (roadmap_home / "cache" / "progress-state.pickle").exists()
    reads = len(full_reads)
    assert reads >= 1
    again = views(studied)
    assert len(full_reads) == reads, "the unchanged file was read whole again"
    assert again == first
    status = first[0]
    assert (status["hours_this_week"], status["completed_this_week"]) == (2.5, [])
    assert any(a["id"] == "routine/study" and a["done"] == 2 for a in status["recurring"])


def test_a_change_after_the_state_was_kept_is_seen(
    studied: Run, progress_file: Path, full_reads: list[Path]
) -> None:
    before = views(studied)[0]["done"]
    studied("check", "p0-python/file-i-o-operations", "--on", "2026-01-14")
    an_hour_old(progress_file)  # the size changed: the state kept before is not used
    assert views(studied)[0]["done"] == before + 1


def test_a_damaged_kept_state_is_ignored(studied: Run, roadmap_home: Path) -> None:
    expected = views(studied)
    kept = roadmap_home / "cache" / "progress-state.pickle"
    kept.write_bytes(kept.read_bytes()[:50])
    assert views(studied) == expected
    kept.write_bytes(b"not a pickle")
    assert views(studied) == expected


def test_a_state_kept_right_after_a_change_is_not_trusted(
    run: Run, progress_file: Path, full_reads: list[Path]
) -> None:
    # Within RACY_SECONDS of a change the file could change again without its size, time
    # or inode changing, so every read reads it whole until the change is older.
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    run("status", "--week", WEEK)
    run("status", "--week", WEEK)
    assert len(full_reads) == 2
    an_hour_old(progress_file)
    run("status", "--week", WEEK)  # keeps a trusted state
    run("status", "--week", WEEK)
    assert len(full_reads) == 3


def test_no_progress_file_reads_as_not_enrolled(run: Run) -> None:
    state = store.read_state()
    assert (state.enrollments, state.active) == ([], None)
    assert "not enrolled" in run("status", code=1).stderr  # type: ignore[attr-defined]
