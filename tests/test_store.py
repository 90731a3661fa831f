"""The progress file: appends, torn records, atomic replacement, locking, backups, damage."""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest
from filelock import FileLock

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.progress import file_format, lock, reading, store, transaction
from roadmap_tracker.progress.backups import list_backups
from roadmap_tracker.progress.event_log import Progress
from roadmap_tracker.progress.events import Event
from roadmap_tracker.progress.ledger import done_items

from .event_ids import tid

AT = dt.datetime(2026, 1, 7, 20, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def event(seq: int, item: str | list[str], on: str, action: str = "check") -> Event:
    return Event.model_validate(
        {
            "id": tid(seq),
            "at": AT,
            "on": on,
            "curriculum": "advanced-ai",
            "action": action,
            "items": item if isinstance(item, list) else [item],
        }
    )


def start_event() -> Event:
    return Event(
        id=tid(1),
        seq=1,
        at=AT,
        on=dt.date(2026, 1, 5),
        curriculum="advanced-ai",
        action="start",
        hours=10,
    )


def sample() -> Progress:
    return Progress(
        events=(
            start_event(),
            event(2, "m1/minimal-vit", "2026-01-06"),
            event(3, "m1/vit-vs-cnn", "2026-01-07"),
        )
    )


def write(path: Path, progress: Progress) -> None:
    store.write_atomic(path, file_format.render_progress(progress))


def check(item: str, on: str = "2026-01-08") -> Progress:
    """Append one check through the store, as every command does."""
    return transaction.record(lambda p: event(p.next_seq, item, on))


def test_missing_file_is_empty_progress(progress_file: Path) -> None:
    assert reading.read_progress(progress_file) == Progress()
    assert not progress_file.exists()


def test_round_trip_keeps_everything(progress_file: Path) -> None:
    write(progress_file, sample())
    assert reading.read_progress(progress_file) == sample()
    enrollment = sample().enrollment("advanced-ai")
    assert enrollment is not None
    assert enrollment.started == dt.date(2026, 1, 5)


def test_one_event_per_line_in_json(progress_file: Path) -> None:
    write(progress_file, sample())
    lines = progress_file.read_text(encoding="utf-8").splitlines()
    records = lines[lines.index("events:") + 1 :]
    assert len(records) == 3
    assert all(line.startswith('- {"id": ') for line in records)
    assert '"items": ["m1/vit-vs-cnn"]' in records[-1]
    assert "+01:00" in records[-1]


def test_a_change_appends_one_line_and_rewrites_nothing(progress_file: Path) -> None:
    write(progress_file, sample())
    before = progress_file.read_bytes()
    inode = progress_file.stat().st_ino
    progress = check("m1/attention-from-scratch")
    after = progress_file.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].count(b"\n") == 1
    assert progress_file.stat().st_ino == inode
    assert progress.events[-1].seq == 4
    assert reading.read_progress(progress_file) == progress


def test_first_change_creates_the_file(progress_file: Path) -> None:
    progress = transaction.record(lambda p: start_event())
    assert reading.read_progress(progress_file) == progress
    assert sorted(p.name for p in progress_file.parent.iterdir()) == [
        "progress.yaml",
        "progress.yaml.lock",
    ]


@pytest.mark.parametrize(
    "tail",
    [
        b'- {"id": "00000000000000000000000004", "at": "2026-01-08T10:00:00+01:00", "on": "2026-01',
        b"- ",
        b"-",
        b"\0\0\0\0\0\0",
        '- {"id": "00000000000000000000000004", "note": "caf\u00e9'.encode()[
            :-1
        ],  # cut inside a UTF-8 character
    ],
)
def test_a_torn_last_record_is_ignored_then_repaired(progress_file: Path, tail: bytes) -> None:
    write(progress_file, sample())
    good = progress_file.read_bytes()
    progress_file.write_bytes(good + tail)
    snapshot = reading.load(progress_file)
    assert snapshot.progress == sample()
    assert snapshot.torn_bytes == len(tail)
    assert progress_file.read_bytes() == good + tail  # reading repairs nothing
    progress = check("m1/attention-from-scratch")
    assert progress_file.read_bytes() == good + file_format.event_line(progress.events[-1]).encode()
    assert reading.load(progress_file).torn_bytes == 0
    assert reading.read_progress(progress_file) == progress


def test_a_complete_last_record_without_newline_is_kept(progress_file: Path) -> None:
    write(progress_file, sample())
    progress_file.write_bytes(progress_file.read_bytes().rstrip(b"\n"))
    assert reading.read_progress(progress_file) == sample()
    progress = check("m1/attention-from-scratch")
    assert reading.read_progress(progress_file) == progress
    assert len(progress.events) == 4


def test_failed_append_leaves_the_file_as_it_was(
    progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(progress_file, sample())
    before = progress_file.read_bytes()
    real_write = os.write

    def disk_full_midway(descriptor: int, data: bytes) -> int:
        real_write(descriptor, data[: len(data) // 2])  # half a record reaches the disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", disk_full_midway)
    with pytest.raises(RoadmapError, match="no space left on device"):
        check("m1/attention-from-scratch")
    assert progress_file.read_bytes() == before


def test_failed_rewrite_keeps_the_old_file(
    progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(progress_file, sample())
    before = progress_file.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write(progress_file, Progress())
    assert progress_file.read_bytes() == before
    assert sorted(p.name for p in progress_file.parent.iterdir()) == ["progress.yaml"]


def test_read_only_file_system_is_reported(
    progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores permission bits, so the read-only disk is simulated where writes start.
    transaction.record(lambda p: start_event())
    before = progress_file.read_bytes()
    real_open = os.open

    def read_only(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(RoadmapError, match="read-only file system"):
        check("m1/attention-from-scratch")
    assert progress_file.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ("schema_version: 3\nevents: [\n", ":3", "node content"),
        (
            'schema_version: 3\nevents:\n- {"id": "00000000000000000000000001", "at": "bad"}\n',
            ":3",
            "event 1",
        ),
        (
            'schema_version: 3\nevents:\n- {"id": "00000000000000000000000001", "at": "2026-01-05T09:00:00+01:00", '  # noqa: E501
            '"on": "2026-01-05", "curriculum": "x", "action": "jump"}\n',
            ":3",
            "action",
        ),
        ("schema_version: 0\n", "", "schema_version"),
        ("[1, 2]\n", ":1", "mapping"),
        ("schema_version: 3\nevents: []\nnotes: mine\n", ":3", "unknown key 'notes'"),
        (b"schema_version: 3\nevents: []\n# caf\xe9\n".decode("latin-1"), ":3", "UTF-8"),
    ],
)
def test_damaged_file_is_reported_and_kept(
    progress_file: Path, text: str, where: str, problem: str
) -> None:
    progress_file.parent.mkdir(parents=True)
    raw = text.encode("latin-1") if "UTF-8" in problem else text.encode()
    progress_file.write_bytes(raw)
    with pytest.raises(RoadmapError) as caught:
        check("m1/attention-from-scratch")
    assert caught.value.message.startswith(f"The progress file {progress_file}{where} is damaged")
    assert problem in caught.value.message
    assert "no backup" in caught.value.hint
    assert progress_file.read_bytes() == raw


def test_damage_names_the_newest_good_backup_and_how_to_restore_it(
    progress_file: Path, roadmap_home: Path
) -> None:
    write(progress_file, sample())
    good = store.backup_progress(progress_file, reason="test")
    progress_file.write_text("schema_version: 3\nevents: [\n", encoding="utf-8")
    store.backup_progress(progress_file, reason="broken")  # newer, but does not load
    with pytest.raises(RoadmapError) as caught:
        reading.read_progress()
    assert good is not None
    assert f"roadmap restore {good.name}" in caught.value.hint


def test_a_newer_schema_is_refused_with_a_message_to_upgrade(progress_file: Path) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text("schema_version: 99\nevents: []\n", encoding="utf-8")
    with pytest.raises(RoadmapError) as caught:
        check("m1/attention-from-scratch")
    assert "newer roadmap (schema version 99" in caught.value.message
    assert "Upgrade roadmap" in caught.value.hint
    assert progress_file.read_text(encoding="utf-8") == "schema_version: 99\nevents: []\n"


def test_a_file_over_the_size_limit_is_refused_unread(
    progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_PROGRESS_BYTES", 1000)
    write(progress_file, sample())
    progress_file.write_bytes(progress_file.read_bytes() + b"# padding\n" * 100)
    with pytest.raises(RoadmapError, match="too large to be a progress file"):
        reading.read_progress()


def test_change_waits_for_the_lock_then_gives_up(
    progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock, "LOCK_TIMEOUT_SECONDS", 0.2)
    write(progress_file, sample())
    with FileLock(str(progress_file) + ".lock"), pytest.raises(RoadmapError, match="Another"):
        check("m1/attention-from-scratch")
    assert reading.read_progress(progress_file) == sample()


def test_backups_keep_the_newest_ten(progress_file: Path, roadmap_home: Path) -> None:
    write(progress_file, sample())
    made = [store.backup_progress(progress_file, reason="test") for _ in range(12)]
    backups = sorted((roadmap_home / "backups").iterdir())
    assert len(backups) == 10
    assert made[0] not in backups and made[-1] in backups
    assert all(b.read_bytes() == progress_file.read_bytes() for b in backups)


def test_an_uncheck_takes_back_the_check_before_it_whatever_its_day() -> None:
    events = [
        event(1, "m1/a", "2026-01-06"),
        event(2, "m1/b", "2026-01-08"),
        event(3, "m1/a", "2026-01-05", "uncheck"),
        event(4, "m1/c", "2026-01-07"),
    ]
    assert done_items(events, dt.date(2026, 1, 7)) == {"m1/c": dt.date(2026, 1, 7)}
    assert done_items(events) == {"m1/b": dt.date(2026, 1, 8), "m1/c": dt.date(2026, 1, 7)}


@pytest.mark.parametrize("renamed", [{}, {"m1/old-b": "m1/b"}])
def test_done_items_come_in_the_order_of_their_deciding_check(renamed: dict[str, str]) -> None:
    b = "m1/old-b" if renamed else "m1/b"
    events = [
        event(1, "m1/a", "2026-01-06"),
        event(2, b, "2026-01-06"),
        event(3, "m1/a", "2026-01-06", "uncheck"),
        event(4, "m1/c", "2026-01-06"),
        event(5, "m1/a", "2026-01-06"),
        event(6, ["m1/e", "m1/d"], "2026-01-06"),
    ]
    # status lists a day's items in this order: a re-check moves an item after the others,
    # and the items of one check come in id order
    assert list(done_items(events, current_ids=renamed)) == [
        "m1/b",
        "m1/c",
        "m1/a",
        "m1/d",
        "m1/e",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "schema_version: 3\nevents: []\n",
        "schema_version: 3\nevents: []  # none yet\n",
        "schema_version: 1\nactive: null\nenrollments: []\nevents: []\n",
    ],
)
def test_a_file_without_events_takes_its_first_change(progress_file: Path, text: str) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text(text, encoding="utf-8")
    progress = transaction.record(lambda p: start_event())
    assert reading.read_progress(progress_file) == progress
    progress = check("m1/minimal-vit")
    assert reading.read_progress(progress_file) == progress
    assert len(progress.events) == 2
    (kept,) = list_backups()
    assert kept.read_text(encoding="utf-8") == text


def test_backups_past_ninety_nine_in_one_second_keep_their_order(progress_file: Path) -> None:
    write(progress_file, sample())
    made = [store.backup_progress(progress_file, reason="test") for _ in range(101)]
    assert made[-1] is not None and made[-1].exists()
    assert list_backups()[0] == made[-1]
    assert len(list_backups()) == 10


def test_a_change_removes_temporary_files_a_killed_rewrite_left(
    progress_file: Path, roadmap_home: Path
) -> None:
    write(progress_file, sample())
    (roadmap_home / "backups").mkdir()
    stale = [
        roadmap_home / ".progress.yaml.k2j4x.tmp",
        roadmap_home / "backups" / ".progress-20261121T093000-01-x.yaml.abc.tmp",
    ]
    for path in stale:
        path.write_text("half a file", encoding="utf-8")
    check("m1/attention-from-scratch")
    assert not any(path.exists() for path in stale)


GOOD_RECORD = (
    '"id": "00000000000000000000000001", "at": "2026-01-05T09:00:00+01:00", "on": "2026-01-05", '
    '"curriculum": "advanced-ai", "action": "log", "hours": 1.5'
)


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (GOOD_RECORD.replace('"00000000000000000000000001"', '"not-an-id"'), "id"),
        (GOOD_RECORD.replace('"id": "00000000000000000000000001"', '"seq": "1"'), "seq"),
        (GOOD_RECORD.replace("2026-01-05T09:00:00+01:00", "yesterday"), "at"),
        (GOOD_RECORD.replace('"on": "2026-01-05"', '"on": "2026-02-30"'), "on"),
        (GOOD_RECORD.replace('"on": "2026-01-05", ', ""), "on"),
        (GOOD_RECORD.replace('"advanced-ai"', '""'), "curriculum"),
        (GOOD_RECORD.replace('"log"', '"jump"'), "action"),
        (GOOD_RECORD + ', "items": "m1/minimal-vit"', "items"),
        (GOOD_RECORD.replace("1.5", "0"), "hours"),
        (GOOD_RECORD.replace("1.5", "200"), "hours"),
        (GOOD_RECORD.replace("1.5", '"1.5"'), "hours"),
        (GOOD_RECORD.replace("1.5", "true"), "hours"),
        (GOOD_RECORD.replace(', "hours": 1.5', ""), "hours"),
        (GOOD_RECORD + ', "note": 5', "note"),
        (GOOD_RECORD + ', "undoes": "00000000000000000000000001"', "undoes"),
        (GOOD_RECORD + ', "colour": "red"', "colour"),
        (GOOD_RECORD.replace('"log", "hours": 1.5', '"choose", "items": ["g"]'), "items"),
    ],
)
def test_every_field_of_a_record_is_checked(progress_file: Path, record: str, field: str) -> None:
    progress_file.parent.mkdir(parents=True)
    raw = ("schema_version: 3\nevents:\n- {" + record + "}\n").encode()
    progress_file.write_bytes(raw)
    with pytest.raises(RoadmapError) as caught:
        reading.read_progress()
    assert caught.value.message.startswith(f"The progress file {progress_file}:3 is damaged")
    assert f"event 1: {field}:" in caught.value.message
    assert progress_file.read_bytes() == raw


def test_a_good_record_in_block_style_reads_like_its_json_line(progress_file: Path) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text("schema_version: 3\nevents:\n- {" + GOOD_RECORD + "}\n")
    line = reading.read_progress()
    progress_file.write_text(
        'schema_version: 3\nevents:\n- id: "00000000000000000000000001"\n  at: 2026-01-05T09:00:00+01:00\n'  # noqa: E501
        "  on: 2026-01-05\n  curriculum: advanced-ai\n  action: log\n  hours: 1.5\n"
    )
    assert reading.read_progress() == line
    assert line.events[0].hours == 1.5
