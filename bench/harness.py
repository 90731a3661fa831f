"""Benchmark of whole ``roadmap`` processes against the framework floor: the harness.

Every case is one complete ``roadmap`` process (interpreter start, imports, loading the
curriculum and the progress file, rendering). Each is reported as a ratio to the "framework
floor": a Python process that only imports typer, pydantic and rich, which no command can beat.

Started by ``bench/run.py`` (the command line is there and in bench/README.md); it also runs
as a script, which is how it builds a fixture in a child process.

The harness only uses the command line and the on-disk progress-file format; it never imports
roadmap_tracker, so it keeps working while the package is refactored. Standard library only.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import json
import os
import platform
import random
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The fixed "today" of every command: no date is ever taken from the clock.
DAY = dt.date(2026, 11, 18)
DAY_TEXT = DAY.isoformat()

FLOOR_CODE = "import typer, pydantic, rich.console, rich.table"

SIZE_NAMES = ("realistic", "large", "huge")
EXPORT_FORMATS = {"json": "json", "markdown": "md", "ics": "ics"}  # format: file extension
EXPORT_CASES = tuple(f"export-{name}" for name in EXPORT_FORMATS)
CASE_NAMES = (
    "status",
    "next",
    "check",
    "log",
    "show",
    "list",
    "complete",
    "plan",
    *EXPORT_CASES,
    "history",
    "undo",
    "cold",
    "report",
    "typo",
)
# The sizes each case runs on: the huge fixture (500,000 events) is there for the commands
# that read the record of changes itself, history and undo.
EVERYDAY_SIZES = ("realistic", "large")
CASE_SIZES: dict[str, tuple[str, ...]] = {
    name: SIZE_NAMES if name in ("history", "undo") else EVERYDAY_SIZES for name in CASE_NAMES
}

# Targets: ratio of a case's median to the floor's median (None: reported, no target).
RATIO_TARGETS: dict[str, float | None] = {
    "status": 0.7,
    "next": 0.7,
    "list": 0.7,
    "complete": 0.7,
    "check": 0.85,
    "log": 0.85,
    "plan": 1.0,
    **dict.fromkeys(EXPORT_CASES, 1.0),
    "history": 1.0,
    "undo": 1.0,
    "show": None,
    "cold": None,
    "report": None,
    "typo": None,
}
SCALING_TARGET = 1.3  # large median / realistic median, for the cases of SCALED_CASES
# The cases held to SCALING_TARGET. The others: the exports and plan write every item or
# module of the curriculum (18 times as many on the large one), history and undo are held to
# their ratio at every size, huge included, and cold, report and typo have absolute limits.
SCALED_CASES = ("status", "next", "check", "show", "list", "complete")
# Cold is a condition, not a command: the first run after a curriculum changed parses the
# whole file, 10,000 tasks against 600. Its target is COLD_LARGE_LIMIT_S.
# The report draws a year of days and every week of the plan whatever the size: its target is
# REPORT_LARGE_LIMIT_S, an absolute one.
# A reference that names nothing ranks every title by its likeness to the typo: its target is
# TYPO_LARGE_LIMIT_S, an absolute one.
COLD_LARGE_LIMIT_S = 3.0  # absolute limit of the cold start on the large fixture
REPORT_LARGE_LIMIT_S = 1.0  # absolute limit of `roadmap report` on the large fixture
TYPO_LARGE_LIMIT_S = 0.3  # absolute limit of a misspelt reference on the large fixture
LOG_TIME = "45m"  # what each run of the log case logs (for the fixed day)
TYPO_WORD = "attentoin"  # "attention" misspelt: no title holds it, many are close to it
# The exit code and stderr text of each case that is meant to fail (a typo names nothing:
# exit 1, with the closest items).
EXPECTED_FAILURE = {"typo": (1, "Did you mean")}
RSS_LIMITS_MIB = {"realistic": 80.0, "large": 200.0, "huge": 60.0}
PEER_TARGET = 1.0  # roadmap status median / watson status median: below it, roadmap is faster
RSS_STEADY_MIB = 2.0  # a case's peak RSS varying more than this (and 5%) between runs is
RSS_STEADY_FRACTION = 0.05  # reported: the program probably changed during the run

DEFAULT_RUNS = 15
DEFAULT_WARMUP = 2
QUICK_RUNS = 3
QUICK_WARMUP = 1
DEFAULT_SEED = 1

# The fixtures are generated from their own fixed seed, so they are the same whatever --seed
# (which only shuffles the order of the runs) is.
FIXTURE_SEED = 20261118

REALISTIC_SLUG = "complete-ai-engineer"
REALISTIC_START = dt.date(2025, 11, 17)
REALISTIC_CHECKS = 300
REALISTIC_LOGS = 150
REALISTIC_NOTES = 20
REALISTIC_COMPLETION_PREFIX = "p3-"

LARGE_SLUG = "bench-large"
LARGE_START = dt.date(2024, 1, 1)
LARGE_PHASES = 20
LARGE_MODULES_PER_PHASE = 10
LARGE_TASKS_PER_MODULE = 50
LARGE_ITEMS = LARGE_PHASES * LARGE_MODULES_PER_PHASE * LARGE_TASKS_PER_MODULE


@dataclass(frozen=True)
class EventMix:
    """How many events of each kind a generated record has.

    A check of an item already done is never written by roadmap, so the check events over
    10,000 items are: first checks, re-checks of unchecked items, and occurrences of
    recurring activities (roadmap writes those as check events too).
    """

    new_checks: int
    rechecks: int
    occurrence_checks: int
    unchecks: int
    logs: int
    notes: int

    @property
    def total(self) -> int:
        """Return the number of events."""
        return sum(dataclasses.astuple(self))


# 50,000 events: 35,000 checks, 5,000 unchecks, 8,000 logs, 2,000 notes.
LARGE_MIX = EventMix(9_000, 4_600, 21_400, 5_000, 8_000, 2_000)
# The huge size: the large curriculum with ten times the large record, 500,000 events, in
# the same shares (the 10,000 items are checked first once each, so the re-checks grow
# with the unchecks, and about as many items stay done as on the large size).
HUGE_MIX = EventMix(9_000, 49_600, 291_400, 50_000, 80_000, 20_000)
LARGE_COMPLETION_PREFIX = "p19-m04/"
LARGE_ROUTINES = (
    ("routine/daily-practice", "Daily practice session", "daily", "1", "sessions"),
    ("routine/flashcards", "Review flashcards", "daily", "1-2", "decks"),
    ("routine/papers", "Read papers", "weekly", "1-2", "papers"),
    ("routine/retro", "Weekly retrospective", "weekly", "1", "retros"),
)

NOTE_HOURS = 0.25
LOG_HOURS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)

WORDS = (
    "attention",
    "gradient",
    "tensor",
    "kernel",
    "batch",
    "loss",
    "optimizer",
    "embedding",
    "token",
    "layer",
    "dropout",
    "residual",
    "encoder",
    "decoder",
    "sampling",
    "inference",
    "latency",
    "cache",
    "shard",
    "pipeline",
    "metric",
    "dataset",
    "feature",
    "label",
    "baseline",
    "ablation",
    "benchmark",
    "schedule",
    "scaling",
    "probe",
    "prompt",
    "retrieval",
    "index",
    "vector",
    "matrix",
    "spectrum",
    "entropy",
    "prior",
    "posterior",
    "bootstrap",
    "variance",
    "bias",
    "regularizer",
)
VERBS = (
    "Implement",
    "Review",
    "Compare",
    "Measure",
    "Sketch",
    "Derive",
    "Profile",
    "Tune",
    "Test",
    "Explain",
    "Visualize",
    "Refactor",
    "Document",
    "Reproduce",
    "Debug",
    "Summarize",
)
NOTE_OPENERS = (
    "Finally understood",
    "Struggled with",
    "Re-read the chapter on",
    "Paired with a friend on",
    "Wrote a naïve version of",
    "Spent the evening on",
)
NOTE_CLOSERS = (
    "Need to revisit the derivation tomorrow.",
    "The exercises helped more than the lecture.",
    "Tests pass now — next step is to profile it.",
    "Made flashcards for the key formulas.",
    "Should compare against the reference implementation.",
    "",
)


class BenchError(Exception):
    """A failure that stops the benchmark: the message says what failed and why."""


# --------------------------------------------------------------------------------------------
# Running processes


@dataclass(frozen=True)
class RunResult:
    """One finished child process: its wall time, peak memory and captured output."""

    seconds: float
    max_rss_kib: int
    exit_code: int
    stdout_bytes: int  # how much it printed
    stdout: bytes  # only when asked for (kept small: the harness's own memory matters)
    stderr: bytes


def base_env() -> dict[str, str]:
    """Return the environment every child gets (plus ROADMAP_HOME for roadmap runs)."""
    return {
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "TERM": "dumb",
        "PATH": os.environ.get("PATH", os.defpath),
    }


def roadmap_env(home: Path) -> dict[str, str]:
    """Return the environment of a roadmap child whose data directory is ``home`` and whose
    cache is :func:`cache_of` it.
    """
    return {**base_env(), "ROADMAP_HOME": str(home), "ROADMAP_CACHE_DIR": str(cache_of(home))}


def cache_of(home: Path) -> Path:
    """The cache directory of the bench's data directory ``home``: beside it, not in it
    (roadmap never keeps its cache in the data directory)."""
    return home.with_name(f"{home.name}.cache")


def describe_command(argv: Sequence[str], env: dict[str, str]) -> str:
    """Return a shell-like line for ``argv`` with the environment variables that matter."""
    common = base_env()
    shown = {k: v for k, v in env.items() if k not in common}
    prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(shown.items()))
    return f"{prefix} {shlex.join(argv)}".strip()


def timed_run(
    argv: Sequence[str], env: dict[str, str], scratch: Path, read_stdout: bool = False
) -> RunResult:
    """Run ``argv`` once and measure it.

    The wall time is taken with ``time.perf_counter()`` around ``Popen`` + ``os.wait4``; the
    peak resident set size is the child's ``ru_maxrss`` (KiB on Linux). stdout and stderr go to
    files in ``scratch`` (opened before the clock starts), so no pipe can fill up and block.
    stdout is read back only if ``read_stdout``.
    """
    with (
        (scratch / "stdout").open("w+b") as out,
        (scratch / "stderr").open("w+b") as err,
    ):
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        exit_code = os.waitstatus_to_exitcode(status)
        process.returncode = exit_code  # reaped by wait4; tell Popen so it does not wait again
        stdout_bytes = os.fstat(out.fileno()).st_size
        out.seek(0)
        err.seek(0)
        stdout = out.read() if read_stdout else b""
        return RunResult(seconds, usage.ru_maxrss, exit_code, stdout_bytes, stdout, err.read())


def check_result(
    result: RunResult,
    argv: Sequence[str],
    env: dict[str, str],
    want_output: bool,
    failure: tuple[int, str] | None = None,
) -> None:
    """Raise BenchError unless the run exited 0 (and, if ``want_output``, printed something),
    or, for a ``failure`` (exit code, text), exited with that code and said that on stderr."""
    if failure is not None:
        exit_code, text = failure
        if result.exit_code != exit_code or text.encode() not in result.stderr:
            raise BenchError(
                f"command did not fail as expected: {describe_command(argv, env)}\n"
                f"exit code: {result.exit_code}, expected {exit_code} and {text!r}\n"
                f"stderr:\n{result.stderr.decode(errors='replace').rstrip()}"
            )
        return
    if result.exit_code != 0:
        raise BenchError(
            f"command failed: {describe_command(argv, env)}\n"
            f"exit code: {result.exit_code}\n"
            f"stderr:\n{result.stderr.decode(errors='replace').rstrip()}"
        )
    if want_output and result.stdout_bytes == 0:
        raise BenchError(
            f"command printed nothing: {describe_command(argv, env)}\n"
            f"stderr:\n{result.stderr.decode(errors='replace').rstrip()}"
        )


def run_setup(argv: Sequence[str], env: dict[str, str]) -> str:
    """Run a fixture-building command (untimed) and return its stdout; raise on failure."""
    completed = subprocess.run(
        list(argv), env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False
    )
    if completed.returncode != 0:
        raise BenchError(
            f"command failed: {describe_command(argv, env)}\n"
            f"exit code: {completed.returncode}\n"
            f"stderr:\n{completed.stderr.decode(errors='replace').rstrip()}"
        )
    return completed.stdout.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------------------------
# Fixtures


@dataclass
class Fixture:
    """One size: its data directory, the items still open, and what cold runs rewrite."""

    name: str
    home: Path
    slug: str
    open_items: list[str]
    completion_prefix: str
    events_appended: int
    curriculum_file: Path | None = None  # only for a curriculum of ours (large)
    curriculum_body: Path | None = None  # a copy of its text after the first line
    cold_home: Path | None = None  # a copy of ``home`` for the cold case (see make_cold_home)
    cold_runs: int = 0
    checks_used: int = 0
    undo_home: Path | None = None  # a copy of ``home`` for the undo case (see make_undo_home)
    undo_pending: str | None = None  # the id of the change the next undo run takes back

    def next_open_item(self) -> str:
        """Return a still-open item that no earlier check run has used."""
        if self.checks_used >= len(self.open_items):
            raise BenchError(f"{self.name}: no open item left for another check run")
        item = self.open_items[self.checks_used]
        self.checks_used += 1
        return item

    def make_cold_home(self) -> None:
        """Copy the data directory for the cold case.

        Cold runs change the curriculum and delete the cache; in the data directory of the
        other cases that would make their next runs cold too (``list`` would re-read every
        curriculum), so the cold case gets its own copy of the fixture.
        """
        self.cold_home = self.home.with_name(f"{self.home.name}-cold")
        shutil.copytree(self.home, self.cold_home, symlinks=True)

    def make_undo_home(self, roadmap: Path) -> None:
        """Copy the data directory (and its cache) for the undo case, and load it once.

        An undo makes the next command of its data directory fold the whole record again, so
        in the data directory of the other cases it would make their runs slow. The copy is
        loaded once (untimed), as the fixture was: the kept state is per data directory.
        """
        self.undo_home = self.home.with_name(f"{self.home.name}-undo")
        shutil.copytree(self.home, self.undo_home, symlinks=True)
        shutil.copytree(cache_of(self.home), cache_of(self.undo_home), symlinks=True)
        run_setup([str(roadmap), "status", "--week", DAY_TEXT], roadmap_env(self.undo_home))

    def prepare_undo(self) -> None:
        """Append one change for the next undo run to take back: a check of an open item.

        This is what an undo is for (taking back the change just made). The line is appended
        in roadmap's format, as a check appended by another roadmap process (a sync, say)
        would be; the undo that follows puts the item back to open, so every round checks and
        takes back the same item.
        """
        if self.undo_home is None:
            raise BenchError(f"{self.name}: the undo case has no data directory")
        progress_file = self.undo_home / "progress.yaml"
        number = last_id(progress_file) + 1
        fields = {"action": "check", "items": [self.open_items[-1]]}
        record = json.loads(event_line(number, DAY, 0, self.slug, fields)[2:])
        # Recorded now (after the undos of earlier rounds, which roadmap dated by the clock),
        # for the fixed day.
        record["at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        line = "- " + _EVENT_ENCODER.encode(record)
        with progress_file.open("ab") as handle:
            handle.write((line + "\n").encode("utf-8"))
        self.undo_pending = ulid_text(number)

    def verify_undo(self) -> None:
        """Raise BenchError unless the last line of the record undoes the change appended."""
        if self.undo_home is None or self.undo_pending is None:
            raise BenchError(f"{self.name}: no change was appended for the undo run")
        event = last_event(self.undo_home / "progress.yaml")
        if event.get("action") != "undo" or event.get("undoes") != self.undo_pending:
            raise BenchError(
                f"{self.name}: 'roadmap undo' did not take back change {self.undo_pending}; "
                f"the record ends with {json.dumps(event, ensure_ascii=False)}"
            )
        self.undo_pending = None

    def prepare_cold(self) -> None:
        """Make the next cold run cold: change the curriculum (if ours) and drop the cache."""
        if self.cold_home is None:
            raise BenchError(f"{self.name}: the cold case has no data directory")
        self.cold_runs += 1
        if self.curriculum_file is not None and self.curriculum_body is not None:
            curriculum = self.cold_home / self.curriculum_file.relative_to(self.home)
            with curriculum.open("wb") as target, self.curriculum_body.open("rb") as body:
                target.write(f"# bench run {self.cold_runs}\n".encode())
                shutil.copyfileobj(body, target)
        shutil.rmtree(cache_of(self.cold_home), ignore_errors=True)


@dataclass(frozen=True)
class PlannedEvent:
    """An event to append: when it happened and its fields after id/at/on/curriculum."""

    day: dt.date
    second: int  # seconds after midnight (UTC)
    fields: dict[str, Any]


def random_moments(
    rng: random.Random, first: dt.date, last: dt.date, count: int
) -> list[tuple[dt.date, int]]:
    """Return ``count`` sorted (day, second) pairs between 07:00 and 23:00 of first..last."""
    span = (last - first).days
    # Sorted as one int each (a 500,000-event record would otherwise hold as many tuples and
    # dates at once); the same draws in the same order as ever, so the same fixtures.
    stamps = [
        rng.randint(0, span) * 86_400 + rng.randint(7 * 3600, 23 * 3600 - 1) for _ in range(count)
    ]
    stamps.sort()
    return [(first + dt.timedelta(days=stamp // 86_400), stamp % 86_400) for stamp in stamps]


def note_text(rng: random.Random) -> str:
    """Return a note of a sentence or two."""
    topic = " ".join(rng.sample(WORDS, 2))
    closer = rng.choice(NOTE_CLOSERS)
    return f"{rng.choice(NOTE_OPENERS)} {topic}. {closer}".strip()


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TAIL_BYTES = 64 * 1024  # enough for the last lines of a progress file


def tail_lines(progress_file: Path) -> list[str]:
    """Return the last lines of a progress file (up to TAIL_BYTES of them; the first may be
    cut). Only the end is read: the harness keeps its memory low (see build_fixture_in_child).
    """
    with progress_file.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - TAIL_BYTES))
        data = handle.read()
    if data and not data.endswith(b"\n"):
        raise BenchError(f"{progress_file}: does not end with a newline; cannot append")
    return data.decode("utf-8", errors="replace").splitlines()


def last_event(progress_file: Path) -> dict[str, Any]:
    """Return the last event line of a schema-3 progress file, as a dict."""
    for line in reversed(tail_lines(progress_file)):
        if line.startswith("- {"):
            try:
                return dict(json.loads(line[2:]))
            except ValueError:
                break
    raise BenchError(f"{progress_file}: no event line found at its end")


def ulid_value(text: str) -> int:
    """The 128-bit number of a ULID's text."""
    value = 0
    for char in text:
        value = value * 32 + _CROCKFORD.index(char)
    return value


def last_id(progress_file: Path) -> int:
    """Return the ``id`` (a ULID, as a number) of the last event line of a schema-3 file."""
    return ulid_value(last_event(progress_file)["id"])


# Two ULID characters (10 bits) per entry: the low 40 bits of an id in four look-ups.
_CROCKFORD_PAIRS = [a + b for a in _CROCKFORD for b in _CROCKFORD]
_EVENT_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


@functools.lru_cache(maxsize=4)
def _ulid_head(value: int) -> str:
    """The first 18 characters of a ULID: its bits above the low 40."""
    return "".join(_CROCKFORD[(value >> (5 * (17 - i))) & 31] for i in range(18))


def ulid_text(value: int) -> str:
    """The 26-character ULID text of a 128-bit number."""
    pairs = _CROCKFORD_PAIRS
    return (
        _ulid_head(value >> 40)
        + pairs[(value >> 30) & 1023]
        + pairs[(value >> 20) & 1023]
        + pairs[(value >> 10) & 1023]
        + pairs[value & 1023]
    )


def event_line(number: int, day: dt.date, second: int, slug: str, fields: dict[str, Any]) -> str:
    """Return one event line in roadmap's format (``- {json}``) whose id is ``number``."""
    hours, rest = divmod(second, 3600)
    minutes, seconds = divmod(rest, 60)
    on = day.isoformat()
    record = {
        "id": ulid_text(number),
        "at": f"{on}T{hours:02d}:{minutes:02d}:{seconds:02d}+00:00",
        "on": on,
        "curriculum": slug,
        **fields,
    }
    return "- " + _EVENT_ENCODER.encode(record)


APPEND_CHUNK = 20_000  # event lines per write


def append_events(progress_file: Path, slug: str, events: Iterable[PlannedEvent]) -> None:
    """Append ``events`` to the progress file in roadmap's line format.

    The lines are written APPEND_CHUNK at a time, so that a record of 500,000 events is
    never held whole in memory (only the ids of the file's end are read).
    """
    number = last_id(progress_file)
    with progress_file.open("ab") as handle:
        lines: list[str] = []
        for event in events:
            number += 1
            lines.append(event_line(number, event.day, event.second, slug, event.fields))
            if len(lines) == APPEND_CHUNK:
                handle.write(("\n".join(lines) + "\n").encode("utf-8"))
                lines = []
        if lines:
            handle.write(("\n".join(lines) + "\n").encode("utf-8"))


def curriculum_item_ids(curriculum: dict[str, Any]) -> list[str]:
    """Return the checkable item ids of a curriculum (``show --json``), in curriculum order.

    Per phase: each module's tasks, deliverables, checkpoint items and the expanded
    ``module_checkpoint`` items, then the phase's own tasks, deliverables and checkpoint
    items; milestone items last.
    """

    def ids_of(entries: list[dict[str, Any]] | None) -> list[str]:
        """Return the ids of a list of tasks, deliverables or checkpoint items."""
        return [entry["id"] for entry in entries or [] if isinstance(entry, dict)]

    def checkpoint_ids(checkpoint: dict[str, Any] | None) -> list[str]:
        """Return the ids of a checkpoint's items (none without a checkpoint)."""
        return ids_of(checkpoint.get("items")) if checkpoint else []

    module_checkpoint = curriculum.get("module_checkpoint")
    ids: list[str] = []
    for phase in curriculum.get("phases") or []:
        for module in phase.get("modules") or []:
            ids += ids_of(module.get("tasks")) + ids_of(module.get("deliverables"))
            ids += checkpoint_ids(module.get("checkpoint"))
            if module_checkpoint:
                prefix = f"{module['id']}/{module_checkpoint['id']}/"
                ids += [prefix + item for item in checkpoint_ids(module_checkpoint)]
        ids += ids_of(phase.get("tasks")) + ids_of(phase.get("deliverables"))
        ids += checkpoint_ids(phase.get("checkpoint"))
    for milestone in curriculum.get("milestones") or []:
        ids += ids_of(milestone.get("items"))
    return ids


def build_realistic(roadmap: Path, home: Path) -> Fixture:
    """Enroll in the bundled complete-ai-engineer and append a year of progress."""
    rng = random.Random(FIXTURE_SEED)
    env = roadmap_env(home)
    run_setup([str(roadmap), "start", REALISTIC_SLUG, "--on", REALISTIC_START.isoformat()], env)
    shown = run_setup([str(roadmap), "show", REALISTIC_SLUG, "--json"], env)
    try:
        curriculum = json.loads(shown)
    except json.JSONDecodeError as error:
        raise BenchError(f"'roadmap show {REALISTIC_SLUG} --json' is not JSON: {error}") from None
    items = curriculum_item_ids(curriculum)
    if len(items) != len(set(items)):
        raise BenchError(f"{REALISTIC_SLUG}: the item ids collected are not unique")
    if len(items) < REALISTIC_CHECKS + 50:
        raise BenchError(f"{REALISTIC_SLUG}: only {len(items)} items, too few for the fixture")

    # Distinct items, roughly in curriculum order: the first ones, a few skipped, with some
    # neighbours swapped.
    pool = items[: REALISTIC_CHECKS + 30]
    checked = sorted(rng.sample(range(len(pool)), REALISTIC_CHECKS))
    for index in range(0, len(checked) - 1, 7):
        checked[index], checked[index + 1] = checked[index + 1], checked[index]
    checked_ids = [pool[index] for index in checked]

    kinds = ["check"] * REALISTIC_CHECKS + ["log"] * REALISTIC_LOGS + ["note"] * REALISTIC_NOTES
    rng.shuffle(kinds)
    moments = random_moments(rng, DAY - dt.timedelta(days=365), DAY, len(kinds))
    events: list[PlannedEvent] = []
    next_check = 0
    for kind, (day, second) in zip(kinds, moments, strict=True):
        if kind == "check":
            fields: dict[str, Any] = {"action": "check", "items": [checked_ids[next_check]]}
            next_check += 1
        elif kind == "log":
            fields = {"action": "log", "hours": rng.choice(LOG_HOURS)}
            if rng.random() < 0.4:  # time spent on the item being worked on
                fields["items"] = [checked_ids[min(next_check, len(checked_ids) - 1)]]
        else:
            fields = {"action": "log", "hours": NOTE_HOURS, "note": note_text(rng)}
        events.append(PlannedEvent(day, second, fields))
    append_events(home / "progress.yaml", REALISTIC_SLUG, events)

    done = set(checked_ids)
    return Fixture(
        name="realistic",
        home=home,
        slug=REALISTIC_SLUG,
        open_items=[item for item in items if item not in done],
        completion_prefix=REALISTIC_COMPLETION_PREFIX,
        events_appended=len(events),
    )


def large_curriculum_text(rng: random.Random) -> tuple[str, list[str]]:
    """Return the large curriculum's YAML after its first line, and its item ids in order."""
    lines = [
        "# Generated by bench/run.py: 20 phases x 10 modules x 50 tasks = 10,000 items.",
        "format: 1",
        f"slug: {LARGE_SLUG}",
        "title: Bench Large Curriculum",
        "summary: A generated curriculum to measure roadmap on a very long plan.",
        "weekly_hours: {low: 10, high: 12}",
        "phases:",
    ]
    ids: list[str] = []
    for phase in range(1, LARGE_PHASES + 1):
        lines += [
            f"  - id: p{phase:02d}",
            f"    title: Phase {phase} {rng.choice(WORDS).title()} and {rng.choice(WORDS)}",
            "    modules:",
        ]
        for module in range(1, LARGE_MODULES_PER_PHASE + 1):
            module_id = f"p{phase:02d}-m{module:02d}"
            duration = "1-2 weeks" if module % 5 == 0 else "2 weeks"
            lines += [
                f"      - id: {module_id}",
                f"        title: Module {module} {' '.join(rng.sample(WORDS, 2)).title()}",
                f"        duration: {duration}",
                "        tasks:",
            ]
            with_sections = module % 2 == 1
            for task in range(1, LARGE_TASKS_PER_MODULE + 1):
                task_id = f"{module_id}/t{task:04d}"
                ids.append(task_id)
                title = f"{rng.choice(VERBS)} {' '.join(rng.sample(WORDS, rng.randint(1, 3)))}"
                lines += [f"          - id: {task_id}", f"            title: {title}"]
                if with_sections:
                    lines.append(f"            section: Part {(task - 1) // 10 + 1}")
    lines.append("recurring:")
    for routine_id, title, cadence, times, unit in LARGE_ROUTINES:
        lines += [
            f"  - id: {routine_id}",
            f"    title: {title}",
            f"    cadence: {cadence}",
            f'    times: "{times}"',
            f"    unit: {unit}",
        ]
    return "\n".join(lines) + "\n", ids


def build_large(roadmap: Path, home: Path, name: str, mix: EventMix) -> Fixture:
    """Write the 10,000-item curriculum, enroll, and append the events of ``mix`` (50,000
    for the large size, 500,000 for the huge one)."""
    rng = random.Random(FIXTURE_SEED)
    env = roadmap_env(home)
    body, items = large_curriculum_text(rng)
    curriculum_dir = home / "curricula"
    curriculum_dir.mkdir(parents=True)
    curriculum_file = curriculum_dir / f"{LARGE_SLUG}.yaml"
    curriculum_file.write_text("# bench run 0\n" + body, encoding="utf-8")
    body_copy = home.parent / f"{LARGE_SLUG}-{name}-body.yaml"  # outside ROADMAP_HOME
    body_copy.write_text(body, encoding="utf-8")
    report = run_setup([str(roadmap), "validate", LARGE_SLUG], env)
    if f"{LARGE_ITEMS} items" not in report:
        raise BenchError(
            f"'roadmap validate {LARGE_SLUG}' did not report {LARGE_ITEMS} items:\n{report}"
        )
    run_setup([str(roadmap), "start", LARGE_SLUG, "--on", LARGE_START.isoformat()], env)

    kinds = (
        ["item"] * (mix.new_checks + mix.rechecks)
        + ["occurrence"] * mix.occurrence_checks
        + ["uncheck"] * mix.unchecks
        + ["log"] * mix.logs
        + ["note"] * mix.notes
    )
    rng.shuffle(kinds)
    moments = random_moments(rng, LARGE_START, DAY, len(kinds))
    done: list[str] = []  # checked items, for picking one to uncheck

    def events() -> Iterator[PlannedEvent]:
        """Yield the events in order (generated as they are written: see append_events)."""
        routine_ids = [routine[0] for routine in LARGE_ROUTINES]
        new_left, rechecks_left = mix.new_checks, mix.rechecks
        next_new = 0
        unchecked: list[str] = []  # unchecked items waiting for their re-check, oldest first
        for kind, (day, second) in zip(kinds, moments, strict=True):
            if kind == "item":
                can_recheck = bool(unchecked) and rechecks_left > 0
                recheck = can_recheck and (
                    new_left == 0 or rng.random() < rechecks_left / (rechecks_left + new_left)
                )
                if recheck:
                    item = unchecked.pop(0)
                    rechecks_left -= 1
                elif new_left > 0:
                    item = items[next_new]
                    next_new += 1
                    new_left -= 1
                else:
                    item = rng.choice(routine_ids)
                if item not in routine_ids:
                    done.append(item)
                fields: dict[str, Any] = {"action": "check", "items": [item]}
            elif kind == "occurrence":
                fields = {"action": "check", "items": [rng.choice(routine_ids)]}
            elif kind == "uncheck" and done:
                position = rng.randrange(len(done))
                done[position], done[-1] = done[-1], done[position]
                item = done.pop()
                unchecked.append(item)
                fields = {"action": "uncheck", "items": [item]}
            elif kind in ("log", "uncheck"):  # an uncheck before anything is done: a log
                fields = {"action": "log", "hours": rng.choice(LOG_HOURS)}
                if rng.random() < 0.5 and next_new < len(items):
                    fields["items"] = [items[next_new]]
            else:
                fields = {"action": "log", "hours": NOTE_HOURS, "note": note_text(rng)}
            yield PlannedEvent(day, second, fields)

    append_events(home / "progress.yaml", LARGE_SLUG, events())

    done_set = set(done)
    return Fixture(
        name=name,
        home=home,
        slug=LARGE_SLUG,
        open_items=[item for item in items if item not in done_set],
        completion_prefix=LARGE_COMPLETION_PREFIX,
        events_appended=len(kinds),
        curriculum_file=curriculum_file,
        curriculum_body=body_copy,
    )


def build_fixture(name: str, roadmap: Path, root: Path) -> Fixture:
    """Build the fixture ``name`` under ``root`` and check that roadmap loads it."""
    home = root / name
    home.mkdir()
    if name == "realistic":
        fixture = build_realistic(roadmap, home)
    else:
        fixture = build_large(roadmap, home, name, HUGE_MIX if name == "huge" else LARGE_MIX)
    run_setup([str(roadmap), "status", "--week", DAY_TEXT], roadmap_env(home))
    return fixture


FIXTURE_PATHS = ("home", "curriculum_file", "curriculum_body", "cold_home", "undo_home")


def fixture_to_json(fixture: Fixture) -> str:
    """Return ``fixture`` as JSON, to hand it from the builder process to the harness."""
    record = dataclasses.asdict(fixture)
    for key in FIXTURE_PATHS:
        record[key] = str(record[key]) if record[key] is not None else None
    return json.dumps(record)


def fixture_from_json(text: str) -> Fixture:
    """Return the Fixture that :func:`fixture_to_json` wrote."""
    record = json.loads(text)
    for key in FIXTURE_PATHS:
        if record[key] is not None:
            record[key] = Path(record[key])
    return Fixture(**record)


def build_fixture_in_child(name: str, roadmap: Path, root: Path) -> Fixture:
    """Build a fixture in a separate Python process and return its description.

    A child's ``ru_maxrss`` also counts the peak RSS of the process that forked it (Linux
    keeps the old memory's high-water mark across exec). Generating 50,000 events here would
    raise the harness's peak far above the floor's, so the generation runs elsewhere.
    """
    argv = [sys.executable, str(Path(__file__).absolute()), "--build-fixture", name]
    argv += ["--fixture-root", str(root), "--roadmap", str(roadmap)]
    completed = subprocess.run(argv, capture_output=True, check=False, stdin=subprocess.DEVNULL)
    if completed.returncode != 0:
        message = completed.stderr.decode(errors="replace").strip()
        raise BenchError(message.removeprefix("bench: ") or f"building {name} failed")
    return fixture_from_json(completed.stdout.decode())


def build_size(name: str, roadmap: Path, root: Path, cases: Sequence[str]) -> Fixture:
    """Build the fixture ``name`` (in a child process) and the copies of its data directory
    that the chosen ``cases`` run in (cold, undo)."""
    fixture = build_fixture_in_child(name, roadmap, root)
    if "cold" in cases and name in CASE_SIZES["cold"]:
        fixture.make_cold_home()
    if "undo" in cases and name in CASE_SIZES["undo"]:
        fixture.make_undo_home(roadmap)
    return fixture


# --------------------------------------------------------------------------------------------
# The peer: watson (td-watson), a time tracker learners compare roadmap with

WATSON_FRAMES = 1_000
WATSON_PROJECTS = ("study", "attention-paper", "kernels", "side-project", "course-notes")
WATSON_TAGS = ("reading", "coding", "review", "exercises", "writing")
WATSON_RUNNING = {"project": "study", "tags": ["reading"]}  # started at 09:00 UTC of DAY


def utc_timestamp(day: dt.date, second: int) -> int:
    """Return the Unix time of ``second`` seconds after midnight UTC of ``day``."""
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return int(midnight.timestamp()) + second


def build_watson_dir(directory: Path) -> None:
    """Write a WATSON_DIR: WATSON_FRAMES finished frames over the year before DAY, and a
    project running since 09:00 of DAY.

    Watson keeps its frames in ``frames``, a JSON list of ``[start, stop, project, id, tags,
    updated_at]`` (Unix times, a hex UUID, a list of tags; ``watson/frames.py``), and the
    running project in ``state``, ``{"project", "start", "tags"}`` (``watson/watson.py``).
    """
    rng = random.Random(FIXTURE_SEED)
    directory.mkdir()
    frames: list[list[Any]] = []
    last_stop = 0
    first, last = DAY - dt.timedelta(days=365), DAY - dt.timedelta(days=1)
    for day, second in random_moments(rng, first, last, WATSON_FRAMES):
        start = max(utc_timestamp(day, second), last_stop + 60)
        stop = start + rng.randint(15, 180) * 60
        tags = rng.sample(WATSON_TAGS, rng.randint(0, 2))
        frame_id = f"{rng.getrandbits(128):032x}"
        frames.append([start, stop, rng.choice(WATSON_PROJECTS), frame_id, tags, stop])
        last_stop = stop
    if last_stop >= utc_timestamp(DAY, 9 * 3600):
        raise BenchError("the watson frames run into the running project")
    (directory / "frames").write_text(json.dumps(frames) + "\n", encoding="utf-8")
    state = {**WATSON_RUNNING, "start": utc_timestamp(DAY, 9 * 3600)}
    (directory / "state").write_text(json.dumps(state) + "\n", encoding="utf-8")


def watson_case(program: Path, root: Path) -> tuple[Case, str]:
    """Return the peer case, ``watson status`` on a WATSON_DIR of its own, and watson's
    version; check that it shows the running project."""
    if not program.exists():
        raise BenchError(f"watson program not found: {program}")
    program = program.absolute()
    directory = root / "watson"
    # Written by a child, as the fixtures are: the harness's own peak stays low.
    argv = [sys.executable, str(Path(__file__).absolute()), "--build-watson", str(directory)]
    run_setup(argv, base_env())
    env = {**base_env(), "WATSON_DIR": str(directory)}
    version = run_setup([str(program), "--version"], env).strip()
    shown = run_setup([str(program), "status"], env)
    if not shown.startswith(f"Project {WATSON_RUNNING['project']}"):
        raise BenchError(f"'watson status' does not show the running project: {shown!r}")
    return Case("peer", "watson", program=program, peer_dir=directory), version


# --------------------------------------------------------------------------------------------
# Cases


@dataclass
class Case:
    """A measured command (or the floor) with its samples."""

    size: str  # "" for the floor
    name: str
    fixture: Fixture | None = None
    program: Path | None = None  # None: the program measured (--roadmap); else --baseline
    samples_s: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    first_output: str | None = None  # stdout of the first run (complete and the peer case)
    peer_dir: Path | None = None  # the WATSON_DIR of the peer case

    @property
    def label(self) -> str:
        """Return ``size/case`` (or ``floor``)."""
        return f"{self.size}/{self.name}" if self.size else self.name


@dataclass
class Command:
    """One run of a case: what to run, what to do before it (untimed), what it must do."""

    argv: list[str]
    env: dict[str, str]
    prepare: Callable[[], None] | None = None  # untimed, before the run
    verify: Callable[[], None] | None = None  # untimed, after it: raise BenchError if it failed
    want_output: bool = True  # it must print something on stdout
    failure: tuple[int, str] | None = None  # (exit code, stderr text) of a case meant to fail


def output_file(fixture: Fixture, name: str) -> Path:
    """Return the file a case writes with ``-o``: beside the fixture's data directory."""
    return fixture.home.parent / f"{fixture.name}-{name}"


def writes_file(target: Path) -> tuple[Callable[[], None], Callable[[], None]]:
    """Return the preparation (delete ``target``) and check (``target`` written, not empty)
    of a run that writes ``target``: each run must write it anew."""

    def prepare() -> None:
        """Delete what an earlier run wrote."""
        target.unlink(missing_ok=True)

    def verify() -> None:
        """Raise BenchError unless the run wrote the file."""
        if not target.exists() or target.stat().st_size == 0:
            raise BenchError(f"the run did not write {target}")

    return prepare, verify


def case_command(case: Case, roadmap: Path) -> Command:
    """Return the next run of ``case``."""
    if case.name == "watson" and case.program is not None and case.peer_dir is not None:
        env = {**base_env(), "WATSON_DIR": str(case.peer_dir)}
        return Command([str(case.program), "status"], env)
    if case.fixture is None:
        return Command([sys.executable, "-c", FLOOR_CODE], base_env(), want_output=False)
    fixture = case.fixture
    env = roadmap_env(fixture.home)
    program = str(case.program or roadmap)
    match case.name:
        case "status":
            return Command([program, "status", "--week", DAY_TEXT], env)
        case "next":
            return Command([program, "next", "--from", DAY_TEXT], env)
        case "check":
            return Command([program, "check", fixture.next_open_item(), "--on", DAY_TEXT], env)
        case "log":
            return Command([program, "log", LOG_TIME, "--on", DAY_TEXT], env)
        case "show":
            return Command([program, "show"], env)
        case "list":
            return Command([program, "list"], env)
        case "complete":
            env.update(
                {
                    "_ROADMAP_COMPLETE": "complete_bash",
                    "COMP_WORDS": f"roadmap check {fixture.completion_prefix}",
                    "COMP_CWORD": "2",
                }
            )
            return Command([program], env, want_output=False)
        case "plan":
            return Command([program, "plan", "--on", DAY_TEXT], env)
        case "history":
            return Command([program, "history"], env)
        case "undo":
            undo_env = roadmap_env(fixture.undo_home or fixture.home)
            return Command(
                [program, "undo"],
                undo_env,
                prepare=fixture.prepare_undo,
                verify=fixture.verify_undo,
            )
        case "cold":
            cold_env = roadmap_env(fixture.cold_home or fixture.home)
            argv = [program, "status", "--week", DAY_TEXT]
            return Command(argv, cold_env, prepare=fixture.prepare_cold)
        case "report":
            prepare, verify = writes_file(output_file(fixture, "report.html"))
            argv = [
                program,
                "report",
                "--on",
                DAY_TEXT,
                "-o",
                str(output_file(fixture, "report.html")),
            ]
            return Command(argv, env, prepare=prepare, verify=verify)
        case "typo":
            argv = [program, "check", TYPO_WORD, "--on", DAY_TEXT]
            return Command(argv, env, want_output=False, failure=EXPECTED_FAILURE["typo"])
        case name if name in EXPORT_CASES:
            export_format = name.removeprefix("export-")
            target = output_file(fixture, f"export.{EXPORT_FORMATS[export_format]}")
            prepare, verify = writes_file(target)
            argv = [program, "export", "--format", export_format, "--on", DAY_TEXT]
            argv += ["-o", str(target)]
            return Command(argv, env, prepare=prepare, verify=verify, want_output=False)
    raise BenchError(f"unknown case {case.name!r}")


def run_once(case: Case, roadmap: Path, scratch: Path, record: bool) -> None:
    """Run ``case`` once, fail on a bad exit, and keep its sample if ``record``."""
    command = case_command(case, roadmap)
    if command.prepare is not None:
        command.prepare()
    want_stdout = case.name in ("complete", "watson") and case.first_output is None
    result = timed_run(command.argv, command.env, scratch, read_stdout=want_stdout)
    check_result(result, command.argv, command.env, command.want_output, command.failure)
    if command.verify is not None:
        command.verify()
    if want_stdout:
        case.first_output = result.stdout.decode("utf-8", errors="replace")
    if record:
        case.samples_s.append(result.seconds)
        case.rss_kib.append(result.max_rss_kib)


def run_rounds(
    floor: Case, cases: list[Case], roadmap: Path, scratch: Path, warmup: int, runs: int, seed: int
) -> None:
    """Run the warm-up rounds, then the timed ones: floor first, then the cases shuffled."""
    rng = random.Random(seed)
    total = warmup + runs
    show_progress = sys.stderr.isatty()
    for round_index in range(total):
        record = round_index >= warmup
        if show_progress:
            kind = "timed" if record else "warm-up"
            print(f"\r  round {round_index + 1}/{total} ({kind})   ", end="", file=sys.stderr)
        order = list(cases)
        rng.shuffle(order)
        for case in [floor, *order]:
            run_once(case, roadmap, scratch, record)
    if show_progress:
        print("\r" + " " * 40 + "\r", end="", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# Statistics and report


@dataclass(frozen=True)
class Summary:
    """The numbers reported for one case (times in milliseconds, memory in MiB)."""

    median_ms: float
    p25_ms: float
    p75_ms: float
    min_ms: float
    max_ms: float
    rss_mib: float


def summarize(case: Case) -> Summary:
    """Return median, quartiles (inclusive method), extremes and peak RSS of ``case``."""
    samples = [s * 1000 for s in case.samples_s]
    if len(samples) >= 2:
        p25, _, p75 = statistics.quantiles(samples, n=4, method="inclusive")
    else:
        p25 = p75 = samples[0]
    return Summary(
        median_ms=statistics.median(samples),
        p25_ms=p25,
        p75_ms=p75,
        min_ms=min(samples),
        max_ms=max(samples),
        rss_mib=max(case.rss_kib) / 1024,
    )


@dataclass(frozen=True)
class Verdict:
    """A case's ratio to the floor, its targets and whether it met them."""

    ratio: float
    target: str
    rss_limit_mib: float
    problems: list[str]

    @property
    def result(self) -> str:
        """Return ``OK`` or ``OVER (what)``."""
        return "OK" if not self.problems else f"OVER ({', '.join(self.problems)})"


def compare(floor: Case, cases: list[Case], baseline_cases: list[Case]) -> list[dict[str, Any]]:
    """Print each case of the program against the same case of the baseline, both measured in
    the same rounds against one floor; return the rows for ``--json``.
    """
    floor_ms = summarize(floor).median_ms
    rows: list[list[str]] = []
    records: list[dict[str, Any]] = []
    for case, base in zip(cases, baseline_cases, strict=True):
        new_ms, old_ms = summarize(case).median_ms, summarize(base).median_ms
        rows.append(
            [
                case.size,
                case.name,
                f"{old_ms:.1f}",
                f"{old_ms / floor_ms:.2f}",
                f"{new_ms:.1f}",
                f"{new_ms / floor_ms:.2f}",
                f"{new_ms / old_ms:.2f}",
            ]
        )
        records.append(
            {
                "size": case.size,
                "case": case.name,
                "baseline_median_ms": round(old_ms, 3),
                "median_ms": round(new_ms, 3),
                "baseline_ratio": round(old_ms / floor_ms, 3),
                "ratio": round(new_ms / floor_ms, 3),
                "program_over_baseline": round(new_ms / old_ms, 3),
                "baseline_samples_ms": [round(s * 1000, 3) for s in base.samples_s],
            }
        )
    print()
    print("Against the baseline (same rounds, same floor):")
    headers = ["size", "case", "baseline ms", "ratio", "program ms", "ratio", "program/baseline"]
    print(format_table(headers, rows, right={2, 3, 4, 5, 6}))
    return records


def judge(case: Case, summary: Summary, floor_median_ms: float) -> Verdict:
    """Compare a case with its targets: ratio (or absolute time for cold, report and typo on
    the large fixture) and RSS."""
    ratio = summary.median_ms / floor_median_ms
    problems: list[str] = []
    absolute = {
        "cold": COLD_LARGE_LIMIT_S,
        "report": REPORT_LARGE_LIMIT_S,
        "typo": TYPO_LARGE_LIMIT_S,
    }
    if case.name in absolute and case.size == "large":
        limit_s = absolute[case.name]
        target = f"< {limit_s:g} s"
        if summary.median_ms >= limit_s * 1000:
            problems.append("time")
    elif (limit := RATIO_TARGETS[case.name]) is not None:
        target = f"≤ {limit:.2f}"
        if ratio > limit:
            problems.append("ratio")
    else:
        target = "—"
    rss_limit = RSS_LIMITS_MIB[case.size]
    if summary.rss_mib >= rss_limit:
        problems.append("rss")
    return Verdict(ratio, target, rss_limit, problems)


def rss_unsteady(case: Case) -> bool:
    """Return True when a case's peak RSS moved by more than 2 MiB and 5% between runs.

    The same command on the same fixture uses about the same memory from run to run, except
    that roadmap keeps the state of the progress file in its cache: a run after a 'check' of
    the same round reads the lines added (or the whole file) and uses more. A jump can also
    mean the program under test was changed while being measured.
    """
    low, high = min(case.rss_kib) / 1024, max(case.rss_kib) / 1024
    return high - low > max(RSS_STEADY_MIB, RSS_STEADY_FRACTION * high)


def harness_peak_rss_mib() -> float:
    """Return this process's peak RSS so far, in MiB (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def masked_mark(rss_mib: float, harness_mib: float) -> str:
    """Return ``*`` when a child's peak RSS is not above the harness's (so it says nothing)."""
    return "*" if rss_mib <= harness_mib + 0.5 else ""


def format_table(headers: list[str], rows: list[list[str]], right: set[int]) -> str:
    """Return a plain-text table; columns in ``right`` are right-aligned."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        """Return one row, padded to the column widths."""
        return "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def cpu_model() -> str:
    """Return the CPU model name from /proc/cpuinfo (or what platform knows)."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine_info() -> dict[str, Any]:
    """Return the machine and interpreter the benchmark ran on, and when."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 0
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "load_average_at_start": list(os.getloadavg()),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "platform": platform.platform(),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def print_scaling(
    summaries: dict[tuple[str, str], Summary], small: str, big: str, held: Sequence[str]
) -> list[dict[str, Any]]:
    """Print the median on size ``big`` over that on ``small`` of each case measured on both
    (held to SCALING_TARGET when in ``held``); return the rows for ``--json``."""
    records: list[dict[str, Any]] = []
    rows: list[list[str]] = []
    for name in CASE_NAMES:
        low = summaries.get((small, name))
        high = summaries.get((big, name))
        if low is None or high is None:
            continue
        ratio = high.median_ms / low.median_ms
        target = SCALING_TARGET if name in held else None
        ok = target is None or ratio <= target
        rows.append(
            [
                name,
                f"{low.median_ms:.1f}",
                f"{high.median_ms:.1f}",
                f"{ratio:.2f}",
                "—" if target is None else f"≤ {target:.2f}",
                "—" if target is None else "OK" if ok else "OVER",
            ]
        )
        records.append(
            {
                "case": name,
                f"{small}_median_ms": round(low.median_ms, 3),
                f"{big}_median_ms": round(high.median_ms, 3),
                "ratio": round(ratio, 4),
                "target": target,
                "ok": ok,
            }
        )
    if rows:
        print()
        print(f"Scaling ({big} median / {small} median):")
        headers = ["case", f"{small} ms", f"{big} ms", f"{big}/{small}", "target", "result"]
        print(format_table(headers, rows, right={1, 2, 3}))
    return records


def compare_peer(floor: Case, cases: list[Case], peer: Case, version: str) -> dict[str, Any]:
    """Print ``roadmap status`` against ``watson status``, measured in the same rounds, on
    each size status ran on; return the numbers for ``--json``."""
    floor_ms = summarize(floor).median_ms
    watson = summarize(peer)
    harness_mib = harness_peak_rss_mib()
    print()
    print(
        f"Peer: watson status ({version}, {WATSON_FRAMES:,} frames, a project running): "
        f"median {watson.median_ms:.1f} ms (p25-p75 {watson.p25_ms:.1f}-{watson.p75_ms:.1f}), "
        f"{watson.median_ms / floor_ms:.2f}x the floor, peak RSS {watson.rss_mib:.1f} MiB"
        f"{masked_mark(watson.rss_mib, harness_mib)}"
    )
    print(f"watson printed: {(peer.first_output or '').strip()!r}")
    rows: list[list[str]] = []
    comparisons: list[dict[str, Any]] = []
    for case in cases:
        if case.name != "status":
            continue
        ours = summarize(case)
        ratio = ours.median_ms / watson.median_ms
        ok = ratio < PEER_TARGET
        rows.append(
            [
                case.size,
                f"{ours.median_ms:.1f}",
                f"{watson.median_ms:.1f}",
                f"{ratio:.2f}",
                f"< {PEER_TARGET:.2f}",
                "OK" if ok else "OVER",
            ]
        )
        comparisons.append(
            {
                "size": case.size,
                "roadmap_status_median_ms": round(ours.median_ms, 3),
                "watson_status_median_ms": round(watson.median_ms, 3),
                "roadmap_over_watson": round(ratio, 4),
                "target": PEER_TARGET,
                "ok": ok,
            }
        )
    print("roadmap status against watson status (same rounds; ratio = roadmap / watson):")
    headers = ["size", "roadmap ms", "watson ms", "roadmap/watson", "target", "result"]
    print(format_table(headers, rows, right={1, 2, 3}))
    return {
        "program": str(peer.program),
        "version": version,
        "command": ["watson", "status"],
        "frames": WATSON_FRAMES,
        "samples_ms": [round(s * 1000, 3) for s in peer.samples_s],
        "median_ms": round(watson.median_ms, 3),
        "p25_ms": round(watson.p25_ms, 3),
        "p75_ms": round(watson.p75_ms, 3),
        "ratio_to_floor": round(watson.median_ms / floor_ms, 4),
        "rss_mib": round(watson.rss_mib, 2),
        "comparisons": comparisons,
    }


def report(
    floor: Case,
    cases: list[Case],
    machine: dict[str, Any],
    version: str,
    settings: dict[str, Any],
) -> dict[str, Any]:
    """Print the tables and return every number for ``--json``."""
    floor_summary = summarize(floor)
    floor_median = floor_summary.median_ms
    harness_mib = harness_peak_rss_mib()
    machine["load_average_at_end"] = list(os.getloadavg())
    print(f"Machine: {machine['cpu']}, {machine['cores']} cores ({machine['usable_cores']} usable)")
    print(
        f"Load average (1 min): {machine['load_average_at_start'][0]:.2f} at start, "
        f"{machine['load_average_at_end'][0]:.2f} at end"
    )
    print(f"Python {machine['python']} on {machine['platform']}")
    print(f"Run made {machine['date']}; program: {version}; fixed today {DAY_TEXT}")
    print(
        f"{settings['runs']} timed runs per case after {settings['warmup']} warm-up, "
        f"seed {settings['seed']}, order shuffled per round, floor once per round"
    )
    print()
    print(
        f"Floor ({FLOOR_CODE!r}): median {floor_median:.1f} ms "
        f"(p25-p75 {floor_summary.p25_ms:.1f}-{floor_summary.p75_ms:.1f}), "
        f"peak RSS {floor_summary.rss_mib:.1f} MiB{masked_mark(floor_summary.rss_mib, harness_mib)}"
    )
    print(
        f"Harness peak RSS {harness_mib:.1f} MiB (a child's ru_maxrss is at least this much: "
        "Linux carries the forking process's high-water mark across exec)"
    )
    print()

    rows: list[list[str]] = []
    case_records: list[dict[str, Any]] = []
    summaries: dict[tuple[str, str], Summary] = {}
    for case in cases:
        summary = summarize(case)
        summaries[(case.size, case.name)] = summary
        verdict = judge(case, summary, floor_median)
        rows.append(
            [
                case.size,
                case.name,
                f"{summary.median_ms:.1f}",
                f"{summary.p25_ms:.1f}-{summary.p75_ms:.1f}",
                f"{verdict.ratio:.2f}",
                verdict.target,
                f"{summary.rss_mib:.1f}{masked_mark(summary.rss_mib, harness_mib)}",
                f"< {verdict.rss_limit_mib:g}",
                verdict.result,
            ]
        )
        case_records.append(
            {
                "size": case.size,
                "case": case.name,
                "samples_ms": [round(s * 1000, 3) for s in case.samples_s],
                "median_ms": round(summary.median_ms, 3),
                "p25_ms": round(summary.p25_ms, 3),
                "p75_ms": round(summary.p75_ms, 3),
                "min_ms": round(summary.min_ms, 3),
                "max_ms": round(summary.max_ms, 3),
                "ratio": round(verdict.ratio, 4),
                "target": verdict.target,
                "rss_mib": round(summary.rss_mib, 2),
                "rss_samples_mib": [round(k / 1024, 2) for k in case.rss_kib],
                "rss_limit_mib": verdict.rss_limit_mib,
                "rss_masked_by_harness": bool(masked_mark(summary.rss_mib, harness_mib)),
                "rss_unsteady": rss_unsteady(case),
                "ok": not verdict.problems,
                "problems": verdict.problems,
            }
        )
    headers = ["size", "case", "median ms", "p25-p75 ms", "ratio", "target", "peak MiB"]
    headers += ["RSS limit", "result"]
    print("Each case vs the floor (ratio = median(case) / median(floor)):")
    print(format_table(headers, rows, right={2, 3, 4, 6}))
    if any(masked_mark(summarize(c).rss_mib, harness_mib) for c in [floor, *cases]):
        print("* not above the harness's own peak RSS: the child's real peak may be lower")
    unsteady = [case.label for case in cases if rss_unsteady(case)]
    if unsteady:
        print(
            f"Note: peak RSS varied between runs of {', '.join(unsteady)}: runs after a "
            "'check' of the same round read the new lines, or the whole file, where others "
            "use the kept state; if the program itself changed during the run, rerun."
        )

    for case in cases:
        if case.name == "cold":
            summary = summaries[(case.size, "cold")]
            print(
                f"cold {case.size}: {summary.median_ms / 1000:.3f} s median "
                f"({summary.median_ms / floor_median:.2f}x the floor)"
            )
    for case in cases:
        if case.name == "complete" and case.fixture is not None:
            lines = len((case.first_output or "").split())
            printed = f"printed {lines} lines" if lines else "printed nothing"
            print(
                f"complete {case.size}: {printed} for 'roadmap check "
                f"{case.fixture.completion_prefix}<TAB>'"
            )

    scaling_records = print_scaling(summaries, "realistic", "large", SCALED_CASES)
    huge_records = print_scaling(summaries, "large", "huge", ())

    return {
        "machine": machine,
        "roadmap_version": version,
        "settings": settings,
        "floor": {
            "command": [sys.executable, "-c", FLOOR_CODE],
            "samples_ms": [round(s * 1000, 3) for s in floor.samples_s],
            "median_ms": round(floor_median, 3),
            "p25_ms": round(floor_summary.p25_ms, 3),
            "p75_ms": round(floor_summary.p75_ms, 3),
            "rss_mib": round(floor_summary.rss_mib, 2),
        },
        "harness_peak_rss_mib": round(harness_mib, 2),
        "cases": case_records,
        "scaling": scaling_records,
        "scaling_huge": huge_records,
    }


# --------------------------------------------------------------------------------------------
# Command line


def parse_list(text: str, allowed: Sequence[str], what: str) -> list[str]:
    """Parse a comma-separated list of names, each one of ``allowed``, in ``allowed``'s order."""
    names = {part.strip() for part in text.split(",") if part.strip()}
    unknown = names - set(allowed)
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"choose {what} from {', '.join(allowed)} (got {text!r})")
    return [name for name in allowed if name in names]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description=f"Time whole roadmap processes against the framework floor ({FLOOR_CODE!r}).",
    )
    parser.add_argument("--runs", type=int, help=f"timed runs per case (default {DEFAULT_RUNS})")
    parser.add_argument(
        "--warmup", type=int, help=f"warm-up runs per case, not counted (default {DEFAULT_WARMUP})"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="seed of the run order shuffle"
    )
    parser.add_argument(
        "--sizes",
        type=lambda text: parse_list(text, SIZE_NAMES, "sizes"),
        default=list(SIZE_NAMES),
        help=f"comma-separated fixture sizes (default: {','.join(SIZE_NAMES)}; "
        f"huge runs {' and '.join(c for c in CASE_NAMES if 'huge' in CASE_SIZES[c])} only)",
    )
    parser.add_argument(
        "--cases",
        type=lambda text: parse_list(text, CASE_NAMES, "cases"),
        default=list(CASE_NAMES),
        help=f"comma-separated cases (default: {','.join(CASE_NAMES)})",
    )
    parser.add_argument("--roadmap", type=Path, help="the roadmap program to measure")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="PATH",
        help="another roadmap program, measured in the same rounds (each its own fixtures), "
        "and compared case by case",
    )
    parser.add_argument(
        "--peer-watson",
        type=Path,
        metavar="PATH",
        help=f"the watson program (td-watson): 'watson status' with {WATSON_FRAMES:,} frames is "
        "measured in the same rounds and compared with 'roadmap status' on each size",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="write every number to PATH")
    parser.add_argument("--keep", action="store_true", help="keep the fixture directory")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke check: {QUICK_RUNS} runs, {QUICK_WARMUP} warm-up (unless given)",
    )
    # Internal: build one fixture in this process and print it as JSON (see
    # build_fixture_in_child).
    parser.add_argument("--build-fixture", choices=SIZE_NAMES, help=argparse.SUPPRESS)
    parser.add_argument("--fixture-root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build-watson", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = QUICK_RUNS if args.quick else DEFAULT_RUNS
    if args.warmup is None:
        args.warmup = QUICK_WARMUP if args.quick else DEFAULT_WARMUP
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    if args.peer_watson is not None and "status" not in args.cases:
        parser.error("--peer-watson compares with 'roadmap status': add status to --cases")
    if args.peer_watson is not None and not set(args.sizes) & set(CASE_SIZES["status"]):
        parser.error(
            "--peer-watson compares with 'roadmap status', which runs on "
            f"{' and '.join(CASE_SIZES['status'])}: add one to --sizes"
        )
    return args


def find_roadmap(option: Path | None) -> Path:
    """Return the program to measure: ``--roadmap`` or the console script beside Python."""
    program = option if option is not None else Path(sys.executable).parent / "roadmap"
    if not program.exists():
        raise BenchError(f"roadmap program not found: {program} (use --roadmap PATH)")
    return program.absolute()


def benchmark(args: argparse.Namespace, root: Path) -> dict[str, Any]:
    """Build the fixtures, run every round and print the report; return the JSON record."""
    started = time.perf_counter()
    machine = machine_info()
    roadmap = find_roadmap(args.roadmap)
    scratch = root / "scratch"
    scratch.mkdir()
    version = run_setup([str(roadmap), "--version"], base_env()).strip()
    print(f"Program: {roadmap}")
    print(f"Version: {version}")

    sizes = [size for size in args.sizes if any(size in CASE_SIZES[c] for c in args.cases)]
    for size in args.sizes:
        if size not in sizes:
            runs_on = [c for c in CASE_NAMES if size in CASE_SIZES[c]]
            print(f"Size {size}: none of the cases chosen runs on it ({', '.join(runs_on)} do)")
    if not sizes:
        raise BenchError("no case chosen runs on the sizes chosen")
    fixtures: dict[str, Fixture] = {}
    fixture_seconds: dict[str, float] = {}
    for name in sizes:
        fixture_start = time.perf_counter()
        fixtures[name] = build_size(name, roadmap, root, args.cases)
        fixture_seconds[name] = time.perf_counter() - fixture_start
        print(
            f"Fixture {name}: {fixtures[name].slug}, {fixtures[name].events_appended:,} events "
            f"appended, {len(fixtures[name].open_items):,} items open, "
            f"built in {fixture_seconds[name]:.1f} s"
        )

    def cases_of(fixtures: dict[str, Fixture], program: Path | None = None) -> list[Case]:
        """Return every case chosen on every size it runs on."""
        return [
            Case(size, name, fixture, program)
            for size, fixture in fixtures.items()
            for name in args.cases
            if size in CASE_SIZES[name]
        ]

    cases = cases_of(fixtures)
    needed = args.warmup + args.runs
    for fixture in fixtures.values():
        checked = "check" in args.cases and fixture.name in CASE_SIZES["check"]
        if checked and len(fixture.open_items) < needed:
            raise BenchError(
                f"{fixture.name}: {len(fixture.open_items)} open items, but the check case "
                f"needs {needed} (warm-up + runs)"
            )
    baseline_cases: list[Case] = []
    if args.baseline is not None:
        baseline = find_roadmap(args.baseline)
        baseline_root = root / "baseline"
        baseline_root.mkdir()
        baseline_version = run_setup([str(baseline), "--version"], base_env()).strip()
        print(f"Baseline: {baseline} ({baseline_version})")
        baseline_fixtures = {
            name: build_size(name, baseline, baseline_root, args.cases) for name in sizes
        }
        baseline_cases = cases_of(baseline_fixtures, baseline)
    peer: Case | None = None
    peer_version = ""
    if args.peer_watson is not None:
        peer, peer_version = watson_case(args.peer_watson, root)
        print(f"Peer: {peer.program} ({peer_version}), {WATSON_FRAMES:,} frames")
    floor = Case("", "floor")
    rounds_start = time.perf_counter()
    measured = cases + baseline_cases + ([peer] if peer is not None else [])
    run_rounds(floor, measured, roadmap, scratch, args.warmup, args.runs, args.seed)
    rounds_seconds = time.perf_counter() - rounds_start
    print()

    settings = {
        "runs": args.runs,
        "warmup": args.warmup,
        "seed": args.seed,
        "sizes": sizes,
        "cases": args.cases,
        "peer_watson": str(args.peer_watson) if args.peer_watson is not None else None,
        "day": DAY_TEXT,
        "fixture_seed": FIXTURE_SEED,
        "roadmap": str(roadmap),
    }
    record = report(floor, cases, machine, version, settings)
    if peer is not None:
        record["peer"] = compare_peer(floor, cases, peer, peer_version)
    if baseline_cases:
        record["baseline"] = compare(floor, cases, baseline_cases)
    total_seconds = time.perf_counter() - started
    record["timing_s"] = {
        "fixtures": {name: round(s, 2) for name, s in fixture_seconds.items()},
        "rounds": round(rounds_seconds, 2),
        "total": round(total_seconds, 2),
    }
    print()
    fixtures_text = ", ".join(f"{name} {s:.1f} s" for name, s in fixture_seconds.items())
    print(
        f"Fixtures built in {fixtures_text}; measuring took {rounds_seconds:.1f} s; "
        f"total {total_seconds:.1f} s"
    )
    return record


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit status (1 when a command failed)."""
    args = parse_args(argv)
    if args.build_watson:
        try:
            build_watson_dir(args.build_watson)
        except BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 1
        return 0
    if args.build_fixture:
        try:
            roadmap = find_roadmap(args.roadmap)
            print(fixture_to_json(build_fixture(args.build_fixture, roadmap, args.fixture_root)))
        except BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 1
        return 0
    root = Path(tempfile.mkdtemp(prefix="roadmap-bench-"))
    try:
        record = benchmark(args, root)
        if args.json is not None:
            args.json.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
            print(f"Numbers written to {args.json}")
    except BenchError as error:
        print(f"\nbench: {error}", file=sys.stderr)
        if not args.keep:
            print("bench: rerun with --keep to inspect the fixtures", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"Fixtures kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
