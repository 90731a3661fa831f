"""The progress state kept in the cache: read commands use it only while the progress file is
unchanged, and it gives what reading the whole file gives (progress_state.read_state, cache.py).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.base import cache, paths
from roadmap_tracker.progress import progress_state, reading

from .conftest import Run

WEEK = "2026-01-14"


def an_hour_old(path: Path) -> None:
    """Date the file's last change an hour back: a state kept now is then trusted."""
    then = path.stat().st_mtime - 3600
    os.utime(path, (then, then))


@pytest.fixture
def studied(run: Run, progress_file: Path) -> Run:
    """complete-ai-engineer with checks, an uncheck, and hours (its routine "2 hours/day" is
    measured by them).
    """
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    run("check", "p0-python/decorators", "p0-python/functions-and-modules", "--on", "2026-01-07")
    run("check", "p0-python/functions-and-modules", "--undo", "--on", "2026-01-08")
    run("log", "2.5", "--on", "2026-01-13", "--task", "p0-python/file-i-o-operations")
    run("log", "1.75", "--on", WEEK)
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
    reads = len(full_reads)
    kept = views(studied)  # from the state the writes kept
    assert len(full_reads) == reads, "the views read the whole file"
    assert views(studied) == kept
    shutil.rmtree(paths.cache_dir())
    assert views(studied) == kept  # now from the whole file
    assert len(full_reads) == reads + 1
    status = kept[0]
    # 2.5 h on 01-13 and 1.75 h on 01-14 in the week of 01-12; the routine counts WEEK's.
    assert (status["hours_this_week"], status["completed_this_week"]) == (4.25, [])
    assert any(a["id"] == "routine/study" and a["done"] == 1.75 for a in status["recurring"])


def test_a_hand_edit_after_the_state_was_kept_is_seen(
    studied: Run, progress_file: Path, full_reads: list[Path]
) -> None:
    before = views(studied)
    reads = len(full_reads)
    text = progress_file.read_text(encoding="utf-8")
    assert text.count('"hours": 1.75') == 1
    progress_file.write_text(text.replace('"hours": 1.75', '"hours": 0.5'), encoding="utf-8")
    an_hour_old(progress_file)
    status = views(studied)[0]
    assert len(full_reads) == reads + 1  # the bytes the state covers changed: read whole
    assert status != before[0]
    assert any(a["id"] == "routine/study" and a["done"] == 0.5 for a in status["recurring"])


def test_a_damaged_kept_state_is_ignored(studied: Run, roadmap_home: Path) -> None:
    expected = views(studied)
    kept = cache._progress_state_path()
    kept.write_bytes(kept.read_bytes()[:50])
    assert views(studied) == expected
    kept.write_bytes(b"not a pickle")
    assert views(studied) == expected


def test_an_edit_whose_modification_time_is_put_back_is_seen(
    run: Run, progress_file: Path, full_reads: list[Path]
) -> None:
    # Same size, same inode, modification time put back: the status change time, which
    # cannot be put back, still tells the state is not the file's.
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    run("check", "p0-python/error-handling", "--on", "2026-01-13")
    run("status", "--week", WEEK)  # keeps the state
    reads = len(full_reads)
    before = progress_file.stat()
    text = progress_file.read_text(encoding="utf-8")
    progress_file.write_text(
        text.replace("p0-python/error-handling", "p0-python/file-organizer"), encoding="utf-8"
    )
    os.utime(progress_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert progress_file.stat().st_size == before.st_size
    done = views(run)[0]["completed_this_week"]
    assert done == ["p0-python/file-organizer"]
    assert len(full_reads) == reads + 1


def _kept_at(monkeypatch: pytest.MonkeyPatch, moment: Callable[[list[int]], int]) -> None:
    """Make the kept state read as kept at ``moment(stamp)`` (ns) and the progress file
    keep the stamp the state was kept with, whatever is done to it: the stamp of a change
    made in the same tick of the file system's clock as the one before.
    """
    from roadmap_tracker.base import cache

    real = cache.load_kept_state

    def kept(kind: Any) -> Any:
        found = real(kind)
        return None if found is None else (found[0], moment(found[0].stamp))

    monkeypatch.setattr(cache, "load_kept_state", kept)
    original = progress_state.read_state(keep=False).stamp
    monkeypatch.setattr(cache, "file_stamp", lambda path: list(original))


def test_a_state_kept_in_the_same_tick_as_the_last_change_is_checked_against_the_bytes(
    run: Run, progress_file: Path, full_reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    run("check", "p0-python/error-handling", "--on", "2026-01-13")
    run("status", "--week", WEEK)  # keeps the state
    _kept_at(monkeypatch, lambda stamp: stamp[3])  # kept at the file's status change time
    text = progress_file.read_text(encoding="utf-8")
    progress_file.write_text(
        text.replace("p0-python/error-handling", "p0-python/file-organizer"), encoding="utf-8"
    )
    reads = len(full_reads)
    assert views(run)[0]["completed_this_week"] == ["p0-python/file-organizer"]
    assert len(full_reads) == reads + 1  # the bytes differ from the kept state's


def test_a_state_kept_in_a_later_tick_is_used_without_reading_the_file(
    run: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    run("check", "p0-python/error-handling", "--on", "2026-01-13")
    expected = views(run)
    _kept_at(monkeypatch, lambda stamp: stamp[3] + 1)  # one nanosecond later
    checked: list[Path] = []
    monkeypatch.setattr(
        progress_state, "_extend_from_file", lambda state, path: checked.append(path)
    )
    assert views(run) == expected
    assert checked == []


@pytest.mark.parametrize(
    ("changed", "written", "trusted"),
    [
        (1_700_000_000_123_456_789, 1_700_000_000_123_456_789, False),  # the same tick
        (1_700_000_000_123_456_789, 1_700_000_000_123_456_790, True),  # a later one
        (1_700_000_000_000_000_000, 1_700_000_001_999_999_999, False),  # whole seconds: 2 s
        (1_700_000_000_000_000_000, 1_700_000_002_000_000_000, True),
        (1_700_000_000_010_000_000, 1_700_000_000_020_000_000, False),  # exFAT's 10 ms
    ],
)
def test_when_a_kept_state_is_trusted(changed: int, written: int, trusted: bool) -> None:
    from roadmap_tracker.base import cache

    stamp = [100, changed, 7, changed]
    assert cache.settled(stamp, written) is trusted


def test_an_unchanged_file_is_not_read_once_its_state_is_kept(
    studied: Run, progress_file: Path, full_reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    views(studied)
    opened: list[str] = []
    real = Path.open

    def spying(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == progress_file:
            opened.append(str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spying)
    views(studied)
    assert opened == []


def test_check_and_log_append_without_reading_the_whole_file(
    studied: Run, progress_file: Path, full_reads: list[Path]
) -> None:
    before = views(studied)[0]
    reads = len(full_reads)
    studied("check", "p0-python/file-i-o-operations", "--on", "2026-01-14")
    studied("log", "1", "--on", "2026-01-14")
    after = views(studied)[0]
    assert len(full_reads) == reads  # neither the writes nor the views read it whole
    assert after["done"] == before["done"] + 1
    assert after["hours_this_week"] == before["hours_this_week"] + 1
    assert after["completed_this_week"] == ["p0-python/file-i-o-operations"]


def test_a_change_uses_the_state_read_before_the_lock_while_the_file_is_unchanged(
    studied: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    views(studied)  # keeps the state
    loads: list[int] = []
    real = cache.load_kept_state

    def counting(kind: Any) -> Any:
        loads.append(1)
        return real(kind)

    with monkeypatch.context() as patch:
        patch.setattr(cache, "load_kept_state", counting)
        studied("check", "p0-python/file-i-o-operations", "--on", "2026-01-14")
    assert len(loads) == 1  # read once, before the lock; not again under it
    assert views(studied)[0]["completed_this_week"] == ["p0-python/file-i-o-operations"]


def test_a_change_made_between_the_read_and_the_lock_is_seen(
    studied: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_tracker.progress import lock

    studied("check", "p0-python/error-handling", "--on", "2026-01-13")
    views(studied)  # keeps the state
    real = lock.locked

    def edited_first(path: Path | None = None) -> Any:
        # an edit of the same size after this command read the record, before it locks
        text = progress_file.read_text(encoding="utf-8")
        edited = text.replace("p0-python/error-handling", "p0-python/file-organizer")
        progress_file.write_text(edited, encoding="utf-8")
        return real(path)

    with monkeypatch.context() as patch:
        patch.setattr(lock, "locked", edited_first)
        studied("check", "p0-python/file-i-o-operations", "--on", "2026-01-14")
    done = views(studied)[0]["completed_this_week"]
    assert done == ["p0-python/file-organizer", "p0-python/file-i-o-operations"]


@pytest.mark.parametrize(
    "kept", [progress_state.APPENDED_KEPT, 0], ids=["appended kept", "rehashed"]
)
def test_an_edit_of_lines_check_appended_is_seen(
    studied: Run,
    progress_file: Path,
    full_reads: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    kept: int,
) -> None:
    # check keeps the bytes it appends beside the digest of those before (or, past
    # APPENDED_KEPT, hashes the file again): either way an edit of them is found.
    monkeypatch.setattr(progress_state, "APPENDED_KEPT", kept)
    views(studied)
    studied("check", "p0-python/file-organizer", "--on", "2026-01-14")
    reads = len(full_reads)
    studied("replan", "--hours-per-week", "20", "--from", "2026-01-14")  # reads it whole
    assert views(studied)[0]["hours_per_week"] == 20
    assert len(full_reads) == reads + 1, "the state check kept did not cover its bytes"
    studied("check", "p0-python/file-i-o-operations", "--on", "2026-01-14")
    before, last = progress_file.read_text(encoding="utf-8").rsplit("- ", 1)
    assert "p0-python/file-i-o-operations" in last and '"on": "2026-01-14"' in last
    # The same size: only the bytes tell (the day moves to the week before the one the views
    # ask about, so no event is later than their day and they read no more than the state).
    progress_file.write_text(before + "- " + last.replace("01-14", "01-11"), encoding="utf-8")
    reads = len(full_reads)
    assert views(studied)[0]["completed_this_week"] == ["p0-python/file-organizer"]
    assert len(full_reads) == reads + 1


def test_no_progress_file_reads_as_not_enrolled(run: Run) -> None:
    state = progress_state.read_state()
    assert (state.enrollments, state.active) == ([], None)
    assert "not enrolled" in run("status", code=1).stderr  # type: ignore[attr-defined]


def test_changes_written_by_other_commands_are_folded_in_or_read_whole(
    studied: Run, full_reads: list[Path]
) -> None:
    views(studied)
    reads = len(full_reads)
    studied("replan", "--hours-per-week", "20", "--from", "2026-01-14")
    assert len(full_reads) == reads + 1  # replan reads the whole file to write
    assert views(studied)[0]["hours_per_week"] == 20  # its line is folded into the state
    assert len(full_reads) == reads + 1
    studied("undo")  # takes the replan back: the state cannot fold an undo in
    reads = len(full_reads)
    status = views(studied)[0]
    assert status["hours_per_week"] == 15
    assert len(full_reads) == reads + 1


def test_a_moved_start_is_folded_into_the_kept_state(studied: Run, full_reads: list[Path]) -> None:
    views(studied)
    studied("start", "complete-ai-engineer", "--on", "2026-01-01")  # moved back 4 days
    reads = len(full_reads)
    kept = views(studied)
    assert len(full_reads) == reads, "the move was not folded into the kept state"
    # Thursday 2026-01-01 is in ISO week 2026-W01; 14 January is in W03: plan week 3.
    assert (kept[0]["start"], kept[0]["week"]) == ("2026-01-01", 3)
    assert kept[0]["hours_this_week"] == 2.5 + 1.75  # the run's logs of that week are kept
    shutil.rmtree(paths.cache_dir())
    assert views(studied) == kept  # as the whole file reads


def test_a_state_kept_by_another_version_of_roadmap_is_a_miss(
    studied: Run, roadmap_home: Path, full_reads: list[Path]
) -> None:
    expected = views(studied)
    kept_file = cache._progress_state_path()
    with kept_file.open("rb") as handle:
        kept: Any = cache._load(handle)
    kept.stamp[4] += 1  # the build of roadmap that kept it
    del kept.__dict__["version"]  # and a field this version does not have
    with kept_file.open("wb") as handle:
        cache._dump(kept, handle)  # signed: only the stamp makes it a miss
    reads = len(full_reads)
    assert views(studied) == expected
    assert len(full_reads) == reads + 1


def test_check_after_a_torn_last_record_cuts_it_off_and_appends(
    studied: Run, progress_file: Path
) -> None:
    views(studied)  # the state is kept
    good = progress_file.read_bytes()
    progress_file.write_bytes(
        good + b'- {"id": "00000000000000000000000033", "at": "2026-01'
    )  # a crash mid-write
    studied("check", "p0-python/file-i-o-operations", "--on", "2026-01-14")
    text = progress_file.read_text(encoding="utf-8")
    assert text.startswith(good.decode("utf-8"))
    (added,) = text[len(good) :].splitlines()
    assert json.loads(added[2:])["items"] == ["p0-python/file-i-o-operations"]
    whole = reading.read_progress(progress_file)  # the file itself reads, not only the state
    assert whole.events[-1].items == ("p0-python/file-i-o-operations",)
    assert views(studied)[0]["completed_this_week"] == ["p0-python/file-i-o-operations"]
