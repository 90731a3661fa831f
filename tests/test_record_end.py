"""``roadmap history`` and ``roadmap undo`` read the progress file from its end (issue 30,
decision 67): they show and decide what a whole read shows and decides, with the numbers a
whole read gives, and read only the end of a big record once the count of its events is
kept. Blocks are made small here so that small records are read in many pieces.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_tracker.base import cache
from roadmap_tracker.commands import safekeeping
from roadmap_tracker.progress import file_format, reading, record_end, store
from roadmap_tracker.progress.event_log import Progress
from roadmap_tracker.progress.events import Event
from roadmap_tracker.session import Session

from .big_record import write_big_record
from .event_ids import tid

AT = dt.datetime(2026, 1, 7, 20, 15, tzinfo=dt.UTC)
SLUG = "advanced-ai"


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read from the end 200 bytes at a time (at most 800), and reach a kept count at most
    1,000 bytes back: a record of a few dozen events is read in many pieces."""
    monkeypatch.setattr(record_end, "BLOCK", 200)
    monkeypatch.setattr(record_end, "MAX_BLOCK", 800)
    monkeypatch.setattr(record_end, "COUNT_BACK", 1000)


# An operation of a random record: ("check", n), ("log", n), ("undo", k): undo the k-th
# event back, ("amend", k): amend the k-th log back (when there is one).
operations = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["check", "log"]), st.integers(0, 50)),
        st.tuples(st.sampled_from(["undo", "amend"]), st.integers(1, 40)),
    ),
    min_size=1,
    max_size=70,
)


def record_of(ops: list[tuple[str, int]]) -> Progress:
    """A record of a start and ``ops``: checks, logs, undos (of changes, amendments and
    undos: redos) and amendments of logs, each undo or amendment naming an earlier event."""
    events: list[Event] = []

    def add(action: str, **fields: Any) -> Event:
        event = Event(
            id=tid(len(events) + 1),
            seq=len(events) + 1,
            at=AT,
            on=dt.date(2026, 1, 5) + dt.timedelta(days=len(events) // 5),
            curriculum=SLUG,
            action=action,
            **fields,
        )
        events.append(event)
        return event

    add("start", hours=10.0)
    for kind, number in ops:
        if kind == "check":
            add("check", items=(f"m1/task-{number}",))
        elif kind == "log":
            add("log", hours=0.5 + number % 4, note=f"worked {number}")
        elif kind == "undo" and len(events) > 1:
            add("undo", undoes=events[-min(number, len(events) - 1)].id)
        elif kind == "amend":
            logs = [e for e in events if e.action == "log" and e.amends is None]
            if logs:
                first = logs[-min(number, len(logs))]
                add("log", hours=float(number % 5 + 1), amends=first.id)
    return Progress(tuple(events))


def expected_history(progress: Progress, count: int) -> safekeeping.HistoryView:
    """``roadmap history -n count`` as the whole read gives it."""
    return safekeeping.HistoryView(
        changes=[safekeeping.change_view(progress, e) for e in reversed(progress.events[-count:])],
        total=len(progress.events),
        undoable=[e.seq for e in safekeeping.undoable(progress)],
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=operations, count=st.integers(1, 25), more=operations)
def test_history_from_the_end_is_the_history_of_the_whole_read(
    progress_file: Path,
    small_blocks: None,
    full_reads: list[Path],
    ops: list[tuple[str, int]],
    count: int,
    more: list[tuple[str, int]],
) -> None:
    ops = [("check", n) for n in range(100)] + ops  # an older part the end read seldom reaches
    progress = record_of(ops)
    store.write_atomic(progress_file, file_format.render_progress(progress))
    cache_mark = cache._progress_state_path("mark")
    cache_mark.unlink(missing_ok=True)
    full_reads.clear()
    assert safekeeping.history_view(count) == expected_history(progress, count)  # counted
    assert safekeeping.history_view(count) == expected_history(progress, count)  # the mark
    # Lines another process appended after the mark: counted from the mark on.
    longer = record_of(ops + more)
    appended = "".join(file_format.event_line(e) for e in longer.events[len(progress.events) :])
    with progress_file.open("a", encoding="utf-8") as handle:
        handle.write(appended)
    assert safekeeping.history_view(count) == expected_history(longer, count)
    assert full_reads == []


def test_a_mark_is_not_trusted_for_a_file_replaced_or_rewritten_in_place(
    progress_file: Path, small_blocks: None
) -> None:
    ops = [("check", n) for n in range(30)] + [("log", n) for n in range(30)]
    progress = record_of(ops)
    store.write_atomic(progress_file, file_format.render_progress(progress))
    assert safekeeping.history_view(3).total == len(progress.events)
    mark = cache.load_progress_mark()
    assert mark is not None and mark[3] == len(progress.events)
    # Replaced (restore, sync): another inode, and fewer events.
    shorter = record_of(ops[5:])
    store.write_atomic(progress_file, file_format.render_progress(shorter))
    assert safekeeping.history_view(3) == expected_history(shorter, 3)
    # Rewritten in place, the same inode and size, the line at the mark's offset another.
    safekeeping.history_view(3)
    mark = cache.load_progress_mark()
    assert mark is not None
    text = progress_file.read_bytes()
    assert text.count(b'"check"') > 2
    swapped = record_of([("log", n) for n in range(5)] + ops[5:])  # 5 events fewer
    with progress_file.open("r+b") as handle:
        handle.write(file_format.render_progress(swapped).encode())
        handle.truncate()
    assert progress_file.stat().st_ino == mark[1]
    assert safekeeping.history_view(3) == expected_history(swapped, 3)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A valid record of 20,000 changes (about 3 MB; tests/big_record.py)."""
    root = tmp_path_factory.mktemp("big-end")
    path = root / "progress.yaml"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROADMAP_HOME", str(root / "home"))
        patch.setenv("ROADMAP_CACHE_DIR", str(root / "cache"))
        write_big_record(path, 20_000)
    yield path


@pytest.fixture
def bytes_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the reads made by offset (``os.pread``: the reads from the end)."""
    sizes: list[int] = []
    real = os.pread

    def pread(handle: int, size: int, offset: int) -> bytes:
        piece = real(handle, size, offset)
        sizes.append(len(piece))
        return piece

    monkeypatch.setattr(os, "pread", pread)
    return sizes


def test_history_and_undo_of_a_big_record_read_its_end(
    progress_file: Path, big_file: Path, bytes_read: list[int], full_reads: list[Path]
) -> None:
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    progress_file.write_bytes(big_file.read_bytes())
    size = progress_file.stat().st_size
    first = safekeeping.history_view(20)  # no count kept: line starts counted
    assert first.total == 20_000 and first.changes[0].seq == 20_000
    assert sum(bytes_read) < size + 100_000  # the whole file once, for the count
    bytes_read.clear()
    assert safekeeping.history_view(20) == first  # the count kept: the end alone
    assert sum(bytes_read) < 200_000
    bytes_read.clear()
    result = safekeeping.undo(Session())
    assert result.undo_seq == 20_001
    assert sum(bytes_read) < 200_000
    bytes_read.clear()
    after = safekeeping.history_view(20)
    assert after.total == 20_001 and after.changes[1].undone_by == 20_001
    assert sum(bytes_read) < 200_000
    assert full_reads == []
    whole = reading.read_progress(progress_file)
    assert after == expected_history(whole, 20)


def test_undo_of_an_old_change_reads_back_to_it(
    progress_file: Path, big_file: Path, full_reads: list[Path]
) -> None:
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    progress_file.write_bytes(big_file.read_bytes())
    whole = reading.read_progress(progress_file)
    target = next(e for e in whole.events[100:] if e.action == "log" and e.id not in whole.undone)
    full_reads.clear()
    result = safekeeping.undo(Session(), target.seq, confirm=lambda view: True)
    assert result.undone.seq == target.seq
    assert result.undone.summary == safekeeping.change_view(whole, target).summary
    assert full_reads == []
    after = reading.read_progress(progress_file)
    assert after.undone[target.id].seq == 20_001
    with pytest.raises(Exception, match=f"Change {target.seq} is undone already"):
        safekeeping.undo(Session(), target.seq, confirm=lambda view: True)
    view = safekeeping.history_view(3)
    assert view == expected_history(after, 3)
    assert view.changes[0].summary == f"undid change {target.seq}"
    redone = safekeeping.redo(Session(), target.seq)
    assert redone.redone.seq == target.seq
    assert target.id not in reading.read_progress(progress_file).undone


def test_a_torn_last_record_is_left_out_and_cut_by_undo(
    progress_file: Path, big_file: Path, full_reads: list[Path]
) -> None:
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    good = big_file.read_bytes()
    progress_file.write_bytes(good + b'- {"id": "01ZZZZZZZZZZZZZZZZZZZZZZZZ", "at": "2026-01')
    whole = reading.read_progress(progress_file)
    full_reads.clear()
    view = safekeeping.history_view(5)
    assert view == expected_history(whole, 5)
    safekeeping.undo(Session())
    text = progress_file.read_bytes()
    assert text.startswith(good) and text[len(good) :].count(b"\n") == 1
    assert b"01ZZZZ" not in text
    assert full_reads == []


def test_a_merged_end_is_read_from_the_start(
    progress_file: Path, small_blocks: None, full_reads: list[Path]
) -> None:
    progress = record_of([("check", n) for n in range(20)])
    text = file_format.render_progress(progress)
    lines = text.splitlines(keepends=True)
    lines[-3], lines[-2] = lines[-2], lines[-3]  # as a union merge leaves two machines' lines
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    progress_file.write_text("".join(lines), encoding="utf-8")
    assert safekeeping.history_view(5) == expected_history(progress, 5)
    assert full_reads  # read from the start, and sorted
