"""Crash safety of the progress file: writers killed with SIGKILL at random moments.

Each run starts a child process that writes the progress file of its own ROADMAP_HOME through
the store, in a loop, and kills it with SIGKILL at a random moment: during start-up, between two
writes, or just as it writes (notes of up to ~300 KB make a write long enough for the kill to
land inside it now and then). A run is one of three kinds:

- ``append``: a new file, a ``start`` event then ``log`` events, each by ``transaction.record``;
- ``migrate``: a copy of the schema-1 fixture, which the first change rewrites whole (keeping a
  backup), then appends;
- ``replace``: whole-file rewrites by ``replace_progress``, cycling through prepared contents
  (one may be the schema-1 fixture), over no file, a current file or the schema-1 fixture.

After every kill the file must be absent only if nothing was written yet, never be empty, load,
and hold exactly a state the writer meant to leave. For appends: the events seq 1..k, each the
one written (a prefix of what the writer meant: never a partial or mixed record), k the last
write the child reported done or the one after, and any torn tail the start of the next line.
For rewrites: byte for byte the file before or after one rewrite, and so is every backup. Then
one more change must succeed, cut off any torn tail, and append exactly one line.

The runs go several at a time. Every failure names its run and seed; ``ROADMAP_CRASH_SEED``
replays the same runs (the kill moments still vary with the machine's timing).
"""

from __future__ import annotations

import functools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.progress import file_format, reading, store, transaction
from roadmap_tracker.progress.event_log import Progress
from roadmap_tracker.progress.events import Event
from roadmap_tracker.progress.ids import encode

pytestmark = [
    pytest.mark.skipif(
        os.name != "posix", reason="kills writers with SIGKILL, which only POSIX systems have"
    ),
    # 8 writers at a time, killed at moments measured in milliseconds: not beside the other
    # crowds of processes (pytest-xdist runs this group on one worker, one test at a time)
    pytest.mark.xdist_group("processes"),
]

RUNS = 200
WORKERS = 8
FIXTURE_V1 = Path(__file__).parent / "fixtures" / "progress-v1.yaml"
NOTE_UNIT = "xé€"  # 6 bytes of UTF-8 (1 + 2 + 3), so a cut can fall inside a character
MAX_NOTE_UNITS = 50_000  # notes up to 300 KB
START = {
    "at": "2026-01-05T09:00:00+01:00",
    "on": "2026-01-05",
    "curriculum": "advanced-ai",
    "action": "start",
    "hours": 10.0,
}
LOG = {
    "at": "2026-01-07T20:15:00+01:00",
    "on": "2026-01-07",
    "curriculum": "advanced-ai",
    "action": "log",
    "hours": 1.0,
}
STARTUP_KILL_SECONDS = 0.6  # from spawning: start-up, imports, the first writes
BETWEEN_KILL_SECONDS = 0.03  # after a reported write: the next load, change and write
AIMED_KILL_SECONDS = {"append": 0.003, "migrate": 0.025, "replace": 0.02}  # after "begin"

# The writer: prints "ready" once imported, then for each write "begin N" just before it
# (for appends from inside the change, under the lock) and "done N" once it returned. N is
# the event's seq for appends and the rewrite's number from 0 for replacements. The note of
# the event numbered seq is f"{seq}:" + unit * sizes[(seq - 1) % len(sizes)], as in
# intended_event below.
WRITER_SOURCE = """
import json
import sys
from pathlib import Path

from roadmap_tracker.progress import store, transaction
from roadmap_tracker.progress.events import Event
from roadmap_tracker.progress.ids import encode

spec = json.loads(sys.argv[1])


def say(line):
    print(line, flush=True)


def change(progress):
    seq = progress.next_seq
    record = dict(spec["start"] if seq == 1 else spec["log"], id=encode(1 << 127 | seq))
    record["note"] = f"{seq}:" + spec["unit"] * spec["sizes"][(seq - 1) % len(spec["sizes"])]
    event = Event.model_validate(record, seq)
    say(f"begin {seq}")
    return event


say("ready")
if spec["mode"] == "replace":
    contents = [Path(name).read_bytes() for name in spec["contents"]]
    number = 0
    while True:
        say(f"begin {number}")
        store.replace_progress(contents[number % len(contents)], reason="crash-test")
        say(f"done {number}")
        number += 1
while True:
    say(f"done {transaction.record(change).events[-1].seq}")
"""


@dataclass
class Plan:
    """One run: what the writer does, and when it is killed."""

    index: int
    seed: int
    session_seed: int
    mode: str  # append, migrate or replace
    phase: str  # startup, between or aimed
    target: int  # between: writes reported done first; aimed: the write begun first (1-based)
    delay: float  # seconds from spawning (startup) or from the target line
    sizes: list[int]
    initial: bytes | None  # the file before the writer starts
    contents: list[bytes] = field(default_factory=list)  # replace: the rewrites, in turn

    @property
    def label(self) -> str:
        return (
            f"run {self.index} (seed {self.seed}, ROADMAP_CRASH_SEED={self.session_seed}; "
            f"{self.mode}, killed {self.phase} {self.target} + {self.delay * 1000:.1f} ms)"
        )


@dataclass
class Outcome:
    """What one run left behind, for the change after it and the tallies."""

    plan: Plan
    home: Path
    wrote: bool  # the child reported at least one write done before the kill
    torn: bool  # the file had a torn last record
    mid_rewrite: bool  # a temp file of the progress file was left: killed inside a rewrite
    in_rewrite_call: bool  # killed after "begin" of a rewrite and before its "done"
    unreported: bool  # the file holds one write more than the child reported


@functools.cache
def v1_progress() -> Progress:
    """The schema-1 fixture as it loads (migrated in memory)."""
    return reading.parse_progress(FIXTURE_V1.read_text(encoding="utf-8"), FIXTURE_V1)[0]


def note_units(rng: random.Random) -> int:
    """How many NOTE_UNITs a note gets: mostly large (long writes), now and then small."""
    if rng.random() < 0.25:
        return rng.randrange(200)
    return rng.randint(MAX_NOTE_UNITS // 2, MAX_NOTE_UNITS)


def note_of(sizes: list[int], seq: int) -> str:
    return f"{seq}:" + NOTE_UNIT * sizes[(seq - 1) % len(sizes)]


def intended_event(plan: Plan, seq: int) -> Event:
    """The event numbered ``seq`` that the writer of ``plan`` makes (and the change after it)."""
    record = dict(
        START if seq == 1 else LOG, id=encode(1 << 127 | seq), note=note_of(plan.sizes, seq)
    )
    return Event.model_validate(record, seq)


def rewrite_content(tag: str, rng: random.Random) -> bytes:
    """A valid progress file of 1 to 4 events with large notes, told apart by ``tag``."""
    events = [
        Event.model_validate(
            dict(
                START if seq == 1 else LOG,
                id=encode(1 << 127 | seq),
                note=f"{tag}/{seq}:" + NOTE_UNIT * note_units(rng),
            ),
            seq,
        )
        for seq in range(1, rng.randint(1, 4) + 1)
    ]
    return file_format.render_progress(Progress(events=tuple(events))).encode()


def make_plan(index: int, seed: int, session_seed: int) -> Plan:
    rng = random.Random(seed)
    mode = rng.choices(["append", "migrate", "replace"], weights=[5, 2, 3])[0]
    phase = rng.choices(["startup", "between", "aimed"], weights=[2, 3, 5])[0]
    sizes = [note_units(rng) for _ in range(64)]
    initial: bytes | None = None
    contents: list[bytes] = []
    if mode == "migrate":
        initial = FIXTURE_V1.read_bytes()
    elif mode == "replace":
        initial = rng.choice([None, rewrite_content("before", rng), FIXTURE_V1.read_bytes()])
        contents = [rewrite_content(f"r{number}", rng) for number in range(4)]
        if rng.random() < 0.5:
            contents[2] = FIXTURE_V1.read_bytes()
    if phase == "startup":
        target, delay = 0, rng.uniform(0, STARTUP_KILL_SECONDS)
    elif phase == "between":
        target, delay = rng.randint(0, 4), rng.uniform(0, BETWEEN_KILL_SECONDS)
    else:  # a migration rewrites the file in its first write only: aim there more often
        first = mode == "migrate" and rng.random() < 0.6
        target = 1 if first else rng.randint(1, 5)
        delay = rng.uniform(0, AIMED_KILL_SECONDS[mode])
    return Plan(index, seed, session_seed, mode, phase, target, delay, sizes, initial, contents)


def kill_and_check(plan: Plan, root: Path) -> Outcome:
    """Start the writer of ``plan``, kill it, and check what it left."""
    run_dir = root / f"run-{plan.index:03d}"
    home = run_dir / "home"
    home.mkdir(parents=True)
    path = home / "progress.yaml"
    if plan.initial is not None:
        path.write_bytes(plan.initial)
    names = []
    for number, content in enumerate(plan.contents):
        name = run_dir / f"content-{number}.yaml"
        name.write_bytes(content)
        names.append(str(name))
    spec: dict[str, Any] = {
        "mode": plan.mode,
        "sizes": plan.sizes,
        "unit": NOTE_UNIT,
        "start": START,
        "log": LOG,
        "contents": names,
    }
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER_SOURCE, json.dumps(spec)],
        env={**os.environ, "ROADMAP_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    lines: list[str] = []
    try:
        if plan.phase == "startup":
            time.sleep(plan.delay)
        else:
            if plan.phase == "between" and plan.target == 0:
                wanted, count = "ready", 1
            else:
                wanted, count = ("done " if plan.phase == "between" else "begin "), plan.target
            while sum(line.startswith(wanted) for line in lines) < count:
                line = child.stdout.readline()
                if not line:  # the writer died by itself: the return code check below says why
                    break
                lines.append(line.strip())
                if path.exists():
                    empty = path.stat().st_size == 0
                    assert not empty, f"{plan.label}: the file is empty while being written"
            time.sleep(plan.delay)
    finally:  # the kill, also when a check above failed: no writer outlives its run
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    lines += child.stdout.read().splitlines()  # whole lines: each is one write to the pipe
    errors = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL, f"{plan.label}: the writer failed:\n{errors}"
    return check_after_kill(plan, home, lines)


def check_after_kill(plan: Plan, home: Path, lines: list[str]) -> Outcome:
    path = home / "progress.yaml"
    begun = [int(line.split()[1]) for line in lines if line.startswith("begin ")]
    done = [int(line.split()[1]) for line in lines if line.startswith("done ")]
    snapshot = None
    raw = b""
    if path.exists():
        raw = path.read_bytes()
        assert raw, f"{plan.label}: the progress file is empty after the kill"
        try:
            snapshot = reading.load(path)
        except RoadmapError as error:
            pytest.fail(f"{plan.label}: the file does not load after the kill: {error.message}")
    else:
        assert plan.initial is None, f"{plan.label}: the progress file is gone"
        assert not done, f"{plan.label}: writes {done} were reported, but there is no file"
    backups = sorted((home / "backups").glob("progress-*.yaml"))
    temp_files = list(home.glob(".progress.yaml.*.tmp"))
    unreported = False
    if plan.mode == "replace":
        finished = len(done)
        cycle = len(plan.contents)
        after_last = plan.contents[(finished - 1) % cycle] if finished else plan.initial
        allowed = [after_last, plan.contents[finished % cycle]]
        if snapshot is not None:
            same = raw in allowed
            assert same, (
                f"{plan.label}: after {finished} rewrites the file is neither the one before "
                f"the next rewrite nor the one after it ({len(raw)} bytes: {raw[:120]!r}...)"
            )
            assert snapshot.torn_bytes == 0, f"{plan.label}: a rewritten file has a torn tail"
            unreported = raw != after_last
        states = [plan.initial, *plan.contents]
        for backup in backups:
            kept = backup.read_bytes() in states
            assert kept, f"{plan.label}: backup {backup.name} is not a state the file had"
        in_rewrite_call = bool(begun) and (not done or done[-1] != begun[-1])
    else:
        base = 0 if plan.mode == "append" else len(v1_progress().events)
        last_done = done[-1] if done else base
        events = snapshot.progress.events if snapshot is not None else ()
        assert snapshot is None or snapshot.version in (1, store.SCHEMA_VERSION)
        if snapshot is not None and snapshot.version == 1:
            assert raw == plan.initial, f"{plan.label}: the schema-1 file changed but not whole"
        if plan.mode == "migrate":
            same = events[:base] == v1_progress().events
            assert same, f"{plan.label}: the migrated file lost or changed the old events"
            if snapshot is not None and snapshot.version == store.SCHEMA_VERSION:
                kept = any(backup.read_bytes() == plan.initial for backup in backups)
                assert kept, f"{plan.label}: the file was migrated without a backup"
        mine = events[base:]
        if snapshot is not None and snapshot.version == store.SCHEMA_VERSION:
            assert mine, f"{plan.label}: the file was (re)written without the writer's event"
        seqs = [event.seq for event in mine]
        assert seqs == list(range(base + 1, base + 1 + len(mine))), (
            f"{plan.label}: the file holds events {seqs}, not {base + 1} to {base + len(mine)}"
        )
        for event in mine:
            same = event == intended_event(plan, event.seq)
            assert same, f"{plan.label}: event {event.seq} is not the one written"
        last = events[-1].seq if events else 0
        assert last_done <= last <= last_done + 1, (
            f"{plan.label}: the writer reported event {last_done} done, the file ends at {last}"
        )
        unreported = last == last_done + 1
        if snapshot is not None and snapshot.torn_bytes:
            tail = raw[snapshot.valid_bytes :]
            line = file_format.event_line(intended_event(plan, last + 1)).encode()
            starts = line.startswith(tail) and len(tail) < len(line)
            assert starts, f"{plan.label}: the torn tail is not the start of event {last + 1}"
        for backup in backups:
            kept = backup.read_bytes() == plan.initial
            assert kept, f"{plan.label}: backup {backup.name} is not the schema-1 file"
        in_rewrite_call = (
            plan.mode == "migrate"
            and snapshot is not None
            and snapshot.version == 1
            and bool(begun)
        )
    return Outcome(
        plan=plan,
        home=home,
        wrote=bool(done),
        torn=snapshot is not None and snapshot.torn_bytes > 0,
        mid_rewrite=bool(temp_files),
        in_rewrite_call=in_rewrite_call,
        unreported=unreported,
    )


def change_after_kill(outcome: Outcome) -> None:
    """One more change in this process (ROADMAP_HOME already points at the run's home)."""
    plan = outcome.plan
    path = outcome.home / "progress.yaml"
    before = reading.load(path)
    raw = path.read_bytes() if before.exists else b""
    event = intended_event(plan, before.progress.next_seq)
    try:
        progress = transaction.record(lambda progress: event)
    except RoadmapError as error:
        pytest.fail(f"{plan.label}: the change after the kill failed: {error.message}")
    after = reading.load(path)
    assert after.torn_bytes == 0, f"{plan.label}: the change after the kill left a torn tail"
    same = after.progress == progress and progress.events == (*before.progress.events, event)
    assert same, f"{plan.label}: the change after the kill did not add exactly its event"
    if before.version == store.SCHEMA_VERSION:
        kept = raw[: before.valid_bytes]
        line = file_format.event_line(event).encode()
        expected = kept + (line if kept.endswith(b"\n") else b"\n" + line)
        appended = path.read_bytes() == expected
        assert appended, (
            f"{plan.label}: the change after the kill did not cut the torn tail "
            f"({before.torn_bytes} bytes) and append one line"
        )


def test_writers_killed_at_random_moments_leave_the_old_or_the_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_seed = int(
        os.environ.get("ROADMAP_CRASH_SEED") or random.SystemRandom().randrange(2**32)
    )
    master = random.Random(session_seed)
    plans = [make_plan(index, master.randrange(2**32), session_seed) for index in range(RUNS)]
    with ThreadPoolExecutor(WORKERS) as pool:
        outcomes = list(pool.map(lambda plan: kill_and_check(plan, tmp_path), plans))
    for outcome in outcomes:
        monkeypatch.setenv("ROADMAP_HOME", str(outcome.home))
        change_after_kill(outcome)
        shutil.rmtree(outcome.home.parent)  # the run passed; its files can go
    modes = {mode: sum(o.plan.mode == mode for o in outcomes) for mode in AIMED_KILL_SECONDS}
    summary = (
        f"ROADMAP_CRASH_SEED={session_seed}: {RUNS} runs {modes}; "
        f"{sum(o.wrote for o in outcomes)} killed after a reported write, "
        f"{sum(o.torn for o in outcomes)} left a torn tail, "
        f"{sum(o.mid_rewrite for o in outcomes)} killed mid-rewrite (temp file left), "
        f"{sum(o.in_rewrite_call for o in outcomes)} killed inside a rewrite call, "
        f"{sum(o.unreported for o in outcomes)} with a write done but not yet reported"
    )
    print(summary)
    assert sum(o.wrote for o in outcomes) >= RUNS // 4, summary
