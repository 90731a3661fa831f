"""The progress file: round trips, atomic replacement, locking, backups and damage."""

from __future__ import annotations

import datetime as dt
import errno
import os
import tempfile
from pathlib import Path

import pytest
from filelock import FileLock

from roadmap_tracker import store
from roadmap_tracker.errors import RoadmapError
from roadmap_tracker.progress import Enrollment, Event, Progress, done_items

AT = dt.datetime(2026, 1, 7, 20, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def event(item: str, on: str, action: str = "check") -> Event:
    return Event.model_validate(
        {"at": AT, "on": on, "curriculum": "advanced-ai", "action": action, "item": item}
    )


def sample() -> Progress:
    return Progress(
        active="advanced-ai",
        enrollments=[
            Enrollment(
                curriculum="advanced-ai",
                started=dt.date(2026, 1, 5),
                hours_per_week=10,
                enrolled_at=AT,
            )
        ],
        events=[event("m1/minimal-vit", "2026-01-06"), event("m1/vit-vs-cnn", "2026-01-07")],
    )


def test_missing_file_is_empty_progress(progress_file: Path) -> None:
    assert store.read_progress(progress_file) == Progress()
    assert not progress_file.exists()


def test_round_trip_keeps_everything(progress_file: Path) -> None:
    store.write_progress(sample(), progress_file)
    assert store.read_progress(progress_file) == sample()


def test_one_event_per_line(progress_file: Path) -> None:
    store.write_progress(sample(), progress_file)
    lines = progress_file.read_text(encoding="utf-8").splitlines()
    start = lines.index("events:")
    assert len(lines[start + 1 :]) == 2
    assert all(line.startswith('- {"at": ') for line in lines[start + 1 :])
    assert "+01:00" in lines[-1]


def test_write_leaves_no_temporary_files(progress_file: Path) -> None:
    store.write_progress(sample(), progress_file)
    store.write_progress(Progress(), progress_file)
    assert sorted(p.name for p in progress_file.parent.iterdir()) == ["progress.yaml"]


def test_failed_write_keeps_the_old_file(
    progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write_progress(sample(), progress_file)
    before = progress_file.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(RoadmapError, match="no space left on device"):
        store.write_progress(Progress(), progress_file)
    assert progress_file.read_bytes() == before
    assert sorted(p.name for p in progress_file.parent.iterdir()) == ["progress.yaml"]


def test_read_only_file_system_is_reported(
    progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores permission bits, so the read-only disk is simulated where the write starts.
    store.write_progress(sample(), progress_file)

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(RoadmapError, match="read-only file system"):
        store.write_progress(Progress(), progress_file)
    assert store.read_progress(progress_file) == sample()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("schema_version: 1\nevents: [\n", ""),
        ('schema_version: 1\nactive: x\nevents:\n- {"at": "bad"}\n', ":4"),
        ("schema_version: 99\n", ""),
        ("[1, 2]\n", ":1"),
    ],
)
def test_damaged_file_is_reported_and_kept(progress_file: Path, text: str, where: str) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text(text, encoding="utf-8")
    with pytest.raises(RoadmapError) as caught:
        store.update_progress(lambda progress: progress)
    assert caught.value.message.startswith(f"The progress file {progress_file}{where}")
    assert "damaged" in caught.value.message
    assert progress_file.read_text(encoding="utf-8") == text


def test_update_waits_for_the_lock_then_gives_up(
    progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "LOCK_TIMEOUT_SECONDS", 0.2)
    store.write_progress(sample(), progress_file)
    with FileLock(str(progress_file) + ".lock"), pytest.raises(RoadmapError, match="Another"):
        store.update_progress(lambda progress: Progress())
    assert store.read_progress(progress_file) == sample()


def test_backups_keep_the_newest_ten(progress_file: Path, roadmap_home: Path) -> None:
    store.write_progress(sample(), progress_file)
    for _ in range(12):
        assert store.backup_progress(progress_file, reason="test") is not None
    backups = sorted((roadmap_home / "backups").iterdir())
    assert len(backups) == 10
    assert all(b.read_bytes() == progress_file.read_bytes() for b in backups)


def test_done_items_follow_the_days_of_events() -> None:
    events = [
        event("m1/a", "2026-01-06"),
        event("m1/b", "2026-01-08"),
        event("m1/a", "2026-01-09", "uncheck"),
        event("m1/c", "2026-01-07"),
    ]
    assert done_items(events, dt.date(2026, 1, 7)) == {
        "m1/a": dt.date(2026, 1, 6),
        "m1/c": dt.date(2026, 1, 7),
    }
    assert done_items(events) == {"m1/b": dt.date(2026, 1, 8), "m1/c": dt.date(2026, 1, 7)}
