"""A big progress file is read line by line: memory follows what a command shows, not the
file (issue 21, item 12; docs/reliability.md).

The memory of a whole ``roadmap`` process is measured in a real child, cold (no kept state),
on a record of BIG_EVENTS changes; no test here times anything. The other tests check that
the line-by-line reads (``reading.scan_progress``, ``ProgressState.scanned``, the history, the
doctor, undo) give what the whole read gives.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands import safekeeping
from roadmap_tracker.progress import file_format, progress_state, reading, store
from roadmap_tracker.progress.event_log import Progress
from roadmap_tracker.progress.events import Event
from roadmap_tracker.progress.ledger import Ledger
from roadmap_tracker.session import Session

from .big_record import write_big_record
from .event_ids import tid

BIG_EVENTS = 100_000
"""About 15 MB; the whole read took about 230 MiB for it, the line-by-line read about 40."""
PEAK_LIMIT_MIB = 100
"""The most a cold status, history, doctor or undo of the big record may hold at its peak."""

_PEAK_OF_CHILD = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stderr.buffer.write(done.stderr)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


@pytest.fixture(scope="module")
def big_record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid progress file of BIG_EVENTS changes in advanced-ai (tests/big_record.py)."""
    root = tmp_path_factory.mktemp("big")
    path = root / "progress.yaml"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROADMAP_HOME", str(root / "home"))
        patch.setenv("ROADMAP_CACHE_DIR", str(root / "cache"))  # where the curriculum is cached
        write_big_record(path, BIG_EVENTS)
    return path


def peak_of(home: Path, *args: str) -> tuple[int, int, str]:
    """Run ``roadmap ARGS`` in a child of a small process with ROADMAP_HOME=home and an
    empty cache directory; return its exit code, its peak RSS in KiB, and its stderr.

    The child runs under a fresh interpreter, not straight from pytest: Linux counts the
    peak of the process that forks into that of the child.
    """
    env = {
        **os.environ,
        "ROADMAP_HOME": str(home),
        "ROADMAP_CACHE_DIR": str(home.parent / "cache"),
        "NO_COLOR": "1",
    }
    command = [sys.executable, "-m", "roadmap_tracker", *args]
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_OF_CHILD, *command],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    code, peak = done.stdout.split()
    return int(code), int(peak), done.stderr


@pytest.mark.parametrize("command", ["status", "history", "doctor", "undo"])
def test_a_big_record_is_read_in_bounded_memory(
    big_record: Path, tmp_path: Path, command: str
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copyfile(big_record, home / "progress.yaml")
    code, peak, stderr = peak_of(home, command)
    assert code == 0, stderr
    assert big_record.stat().st_size > 14_000_000
    assert peak < PEAK_LIMIT_MIB * 1024, (
        f"roadmap {command} peaked at {peak // 1024} MiB on a record of {BIG_EVENTS} changes"
    )
    if command == "undo":
        lines = (home / "progress.yaml").read_text(encoding="utf-8").splitlines()
        record, before = json.loads(lines[-1][2:]), json.loads(lines[-2][2:])
        assert (record["action"], record["undoes"]) == ("undo", before["id"])


AT = dt.datetime(2026, 1, 7, 20, 15, tzinfo=dt.UTC)


def mixed_progress(far_undo: bool) -> Progress:
    """Two curricula, a restart, a switch, a stop and a start again, checks, unchecks,
    logs, notes, journal entries, recent undos (one of a restart), and with ``far_undo``
    the undo of a change far older than ``roadmap undo`` reaches (a hand edit).
    """
    events: list[Event] = []

    def add(curriculum: str, action: str, **fields: Any) -> Event:
        day = dt.date(2026, 1, 5) + dt.timedelta(days=len(events) // 7)
        event = Event(
            id=tid(len(events) + 1),
            seq=len(events) + 1,
            at=AT,
            on=day,
            curriculum=curriculum,
            action=action,
            **fields,
        )
        events.append(event)
        return event

    ai, eng = "advanced-ai", "complete-ai-engineer"
    add(ai, "start", hours=10.0)
    for round_ in range(60):
        add(ai, "check", items=(f"m{round_ % 9}/task-{round_ % 13}", "routine/study"))
        add(ai, "log", hours=1.5, items=(f"m{round_ % 9}/task-{round_ % 13}",))
        if round_ % 4 == 0:
            add(ai, "uncheck", items=("routine/study",))
        if round_ % 7 == 0:
            add(ai, "note", items=(f"m{round_ % 9}/task-1",), note=f"note {round_}")
        if round_ % 11 == 0:
            add(ai, "journal", note=f"entry {round_}", items=("routine/journal",))
        if round_ % 9 == 0:
            target = add(ai, "check", items=("m0/to-undo",))
            add(ai, "undo", undoes=target.id)
        if round_ == 20:
            add(eng, "start", hours=5.0)
            add(eng, "check", items=("p0-python/decorators",))
            add(ai, "switch")
        if round_ == 30:
            restart = add(ai, "start", hours=12.0)
            add(ai, "check", items=("m1/after-restart",))
            add(ai, "undo", undoes=restart.id)  # the earlier run comes back
        if round_ == 40:
            add(eng, "stop")
        if round_ == 45:
            add(eng, "start", hours=6.0)
            add(eng, "check", items=("p0-python/error-handling", "routine/study"))
            add(ai, "switch")
    if far_undo:
        add(ai, "undo", undoes=tid(3))
    return Progress(tuple(events))


def ledger_fields(ledger: Ledger) -> dict[str, Any]:
    return {k: v for k, v in vars(ledger).items() if k not in ("occurrence_ids", "every_id")}


@pytest.mark.parametrize("far_undo", [False, True], ids=["recent undos", "an undo by hand"])
def test_a_state_read_line_by_line_is_the_state_of_the_whole_read(
    progress_file: Path, far_undo: bool
) -> None:
    progress = mixed_progress(far_undo)
    store.write_atomic(progress_file, file_format.render_progress(progress))
    state = progress_state.ProgressState.scanned(progress_file, None)
    whole = progress_state.ProgressState(reading.load(progress_file), None)
    assert state.enrollments == whole.enrollments == progress.enrollments
    assert (state.active, state.next_seq) == (progress.active, progress.next_seq)
    assert state.undone == whole.undone == frozenset(progress.undone)
    assert (state.digest, state.valid_bytes) == (whole.digest, whole.valid_bytes)
    assert bool(state._every_id) is not far_undo  # a far undo needs a second read
    ids = frozenset({"routine/study", "routine/journal"})
    for enrollment in progress.enrollments:
        expected = Ledger.of(progress.events_of(enrollment.curriculum), ids)
        assert ledger_fields(state.ledger(enrollment, ids)) == ledger_fields(expected)
        assert ledger_fields(state.ledger(enrollment, frozenset())) == ledger_fields(
            Ledger.of(progress.events_of(enrollment.curriculum))
        )


def test_a_ledger_missing_from_a_kept_state_is_folded_from_the_file(
    progress_file: Path, full_reads: list[Path]
) -> None:
    progress = mixed_progress(far_undo=False)
    store.write_atomic(progress_file, file_format.render_progress(progress))
    state = progress_state.ProgressState.scanned(progress_file, None)
    state._every_id = {}  # as a state kept in the cache comes back
    reads = len(full_reads)
    enrollment = progress.enrollments[-1]
    ledger = state.ledger(enrollment, frozenset({"routine/study"}))
    assert len(full_reads) == reads + 1
    expected = Ledger.of(progress.events_of(enrollment.curriculum), frozenset({"routine/study"}))
    assert ledger_fields(ledger) == ledger_fields(expected)
    # The bytes it covers changed since: the ledger is given but not kept.
    text = progress_file.read_text(encoding="utf-8")
    progress_file.write_text(text.replace("routine/study", "routine/other"), encoding="utf-8")
    other = state.ledger(enrollment, frozenset({"routine/other"}))
    assert (enrollment.curriculum, enrollment.seq, frozenset({"routine/other"})) not in (
        state.ledgers
    )
    assert other.occurrences


def test_a_cold_status_reads_the_file_once(
    run: Any, progress_file: Path, roadmap_home: Path, full_reads: list[Path]
) -> None:
    progress = mixed_progress(far_undo=False)
    store.write_atomic(progress_file, file_format.render_progress(progress))
    assert progress.last_day is not None
    run("status", "--week", progress.last_day.isoformat())
    assert full_reads == [progress_file]


def test_a_cold_status_of_an_earlier_day_reads_the_file_twice_at_most(
    run: Any, progress_file: Path, roadmap_home: Path, full_reads: list[Path]
) -> None:
    # A day before the last event's: the line-by-line read says so, and one whole read gives
    # the events up to that day (decision 36).
    store.write_atomic(progress_file, file_format.render_progress(mixed_progress(far_undo=False)))
    run("status", "--week", "2026-01-14")
    assert len(full_reads) == 2


@pytest.mark.parametrize("far_undo", [False, True], ids=["recent undos", "an undo by hand"])
@pytest.mark.parametrize(("count", "curriculum"), [(5, None), (200, None), (3, "advanced-ai")])
def test_history_read_line_by_line_shows_what_the_whole_read_shows(
    progress_file: Path, far_undo: bool, count: int, curriculum: str | None
) -> None:
    progress = mixed_progress(far_undo)
    store.write_atomic(progress_file, file_format.render_progress(progress))
    events = [e for e in progress.events if curriculum in (None, e.curriculum)]
    view = safekeeping.history_view(count, curriculum)
    assert view.total == len(events)
    assert view.changes == [
        safekeeping.change_view(progress, event) for event in reversed(events[-count:])
    ]
    assert view.undoable == [e.seq for e in safekeeping.undoable(progress)]
    with pytest.raises(RoadmapError, match="no changes of nothing-here"):
        safekeeping.history_view(count, "nothing-here")


def test_undo_reads_the_tail_and_appends_one_line(progress_file: Path) -> None:
    progress = mixed_progress(far_undo=False)
    store.write_atomic(progress_file, file_format.render_progress(progress))
    before = progress_file.read_bytes()
    result = safekeeping.undo(Session())
    expected_target = safekeeping.undoable(progress)[0]
    assert (result.undone.seq, result.undo_seq) == (expected_target.seq, progress.next_seq)
    after = progress_file.read_bytes()
    assert after.startswith(before)
    assert reading.read_progress(progress_file).undone[expected_target.id].seq == result.undo_seq
    with pytest.raises(RoadmapError, match="older than your last 10 changes"):
        safekeeping.undo(Session(), 2)  # far older than the last UNDO_DEPTH: not confirmed
    with pytest.raises(RoadmapError, match="was not undone; nothing was changed"):
        safekeeping.undo(Session(), 2, confirm=lambda view: False)
    assert progress_file.read_bytes() == after
    asked: list[int] = []
    older = safekeeping.undo(Session(), 2, confirm=lambda view: asked.append(view.seq) or True)
    assert asked == [2] and older.undone.seq == 2
    assert progress.events[1].id in reading.read_progress(progress_file).undone


def test_undo_after_a_torn_record_cuts_it_off(progress_file: Path) -> None:
    progress = mixed_progress(far_undo=False)
    store.write_atomic(progress_file, file_format.render_progress(progress))
    good = progress_file.read_bytes()
    progress_file.write_bytes(good + b'- {"id": "000000000000000000000000Z7", "at": "2026-01')
    result = safekeeping.undo(Session())
    text = progress_file.read_bytes()
    assert text.startswith(good)
    (added,) = text[len(good) :].decode().splitlines()
    assert json.loads(added[2:])["undoes"] == progress.events[result.undone.seq - 1].id


@pytest.mark.parametrize(
    "tail",
    [
        b'- {"id": "000000000000000000000000CG", "at": "2026-01-08T10:00:00+01:00", "on": "2026-01',
        b"-",
        b"\0\0\0\0",
        '- {"id": "000000000000000000000000CG", "note": "caf\u00e9'.encode()[:-1],
        b'- {"id": "000000000000000000000000CG", "at": "2026-01-08T10:00:00Z", "on": "2026-01-08", '
        b'"curriculum": "advanced-ai", "action": "log", "hours": 1.0}',  # complete: kept
    ],
)
def test_a_scan_sees_a_torn_record_as_the_whole_read_does(progress_file: Path, tail: bytes) -> None:
    store.write_atomic(progress_file, file_format.render_progress(mixed_progress(far_undo=False)))
    progress_file.write_bytes(progress_file.read_bytes() + tail)
    whole = reading.load(progress_file)
    scan = reading.scan_progress(progress_file, digest=True)
    assert scan.snapshot is None  # read line by line
    assert (scan.valid_bytes, scan.torn_bytes) == (whole.valid_bytes, whole.torn_bytes)
    assert scan.events == len(whole.progress.events)
    assert scan.ends_with_newline == whole.text.endswith("\n")
    assert scan.digest == reading.digest_of(whole.text.encode())


GOOD = '- {"id": "00000000000000000000000001", "at": "2026-01-05T09:00:00Z", "on": "2026-01-05", "curriculum": "x", '  # noqa: E501
GOOD += '"action": "start"}\n'
HEAD = "# mine\nschema_version: 3\nevents:\n" + GOOD


@pytest.mark.parametrize(
    "text",
    [
        HEAD + '- {"id": "00000000000000000000000002", "at": "bad"}\n',
        HEAD + GOOD,  # a number that does not follow
        HEAD
        + GOOD.replace(
            '"id": "00000000000000000000000001"', '"id": "00000000000000000000000002"'
        ).replace('"start"}', '"jump"}'),
        HEAD
        + '- {"id": "00000000000000000000000002", "at": "bad"}\n'
        + GOOD,  # the bad record wins over the order
        HEAD
        + GOOD.replace(
            '"id": "00000000000000000000000001"', '"id": "00000000000000000000000003"'
        ).replace('"start"', '"undo", "undoes": "00000000000000000000000002"'),
        HEAD + "- {broken\n" + GOOD,
        HEAD
        + '- {"id": "00000000000000000000000002", "at": "bad"}\n'
        + "not: a record\n",  # the YAML parser decides
        HEAD
        + "  # indented comment\n"
        + "- id: 00000000000000000000000002\n  at: 2026-01-05\n",  # block style
        "schema_version: 1\nevents: []\n",
        "schema_version: 4\nevents:\n",
        "events:\nschema_version: 3\n",
        HEAD + "# caf\u00e9\n",
        "",
    ],
)
def test_a_scan_reports_what_the_whole_read_reports(progress_file: Path, text: str) -> None:
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    raw = text.encode("latin-1" if "caf" in text else "utf-8")
    progress_file.write_bytes(raw)
    try:
        expected: Any = reading.load(progress_file)
    except RoadmapError as error:
        expected = error.message
    try:
        scan = reading.scan_progress(progress_file)
    except RoadmapError as error:
        assert error.message == expected
    else:
        assert isinstance(expected, reading.Snapshot), expected
        assert scan.events == len(expected.progress.events)
        assert scan.version == expected.version


def test_a_scan_refuses_a_file_over_the_size_limit(
    progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write_atomic(progress_file, file_format.render_progress(mixed_progress(far_undo=False)))
    monkeypatch.setattr(reading, "MAX_PROGRESS_BYTES", 1000)
    with pytest.raises(RoadmapError, match="too large"):
        reading.scan_progress(progress_file)
    with pytest.raises(RoadmapError, match="too large"):
        progress_state.read_state(progress_file)


def test_a_cold_check_reads_the_file_once(
    run: Any, progress_file: Path, roadmap_home: Path, full_reads: list[Path]
) -> None:
    progress = mixed_progress(far_undo=False)
    store.write_atomic(progress_file, file_format.render_progress(progress))
    assert progress.last_day is not None
    run("check", "m1/fine-tune-vit", "--on", progress.last_day.isoformat())
    assert full_reads == [progress_file]
