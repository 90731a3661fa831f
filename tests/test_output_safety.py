"""What roadmap prints and writes, made safe for the record and the terminal (issue 21).

- An output file (``export -o``, ``import -o``) never replaces the progress file, its lock,
  a backup or a bundled curriculum, and never replaces a symbolic link, a device or a pipe.
- A change whose output cannot be written (a full disk, a closed pipe) says what was
  recorded, in real processes: no internal error inviting the learner to run it again.
- Text from curricula and from the record reaches the terminal without control characters.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.curriculum import catalog

from .conftest import Run

ROADMAP = shutil.which("roadmap") or str(Path(sys.executable).parent / "roadmap")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters but newline and tab."""


def record_files(home: Path) -> dict[str, bytes]:
    """The bytes of the progress file, its lock and its backups."""
    files = [home / "progress.yaml", home / "progress.yaml.lock"]
    files += sorted((home / "backups").glob("*")) if (home / "backups").is_dir() else []
    return {str(path): path.read_bytes() for path in files if path.exists()}


# 1. Output files never replace the record ------------------------------------------------


@pytest.fixture
def bundled_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled curricula, copied: a test that fails must not write over the real ones."""
    copy = tmp_path / "bundled"
    shutil.copytree(catalog.bundled_dir(), copy)
    monkeypatch.setattr(catalog, "bundled_dir", lambda: copy)
    return copy


@pytest.fixture
def record(bundled_copy: Path, enrolled: Run, roadmap_home: Path) -> Path:
    """An enrollment with a change and a backup (made by a stop and an undo)."""
    enrolled("log", "1", "--on", "2026-01-09")
    enrolled("stop", "advanced-ai", "--yes")
    enrolled("undo")
    assert list((roadmap_home / "backups").iterdir())
    return roadmap_home


def _fifo(home: Path, tmp: Path) -> str:
    os.mkfifo(tmp / "fifo")
    return str(tmp / "fifo")


def _symlink(home: Path, tmp: Path) -> str:
    (tmp / "real.md").write_text("mine\n")
    (tmp / "link.md").symlink_to(tmp / "real.md")
    return str(tmp / "link.md")


def _hard_link(home: Path, tmp: Path) -> str:
    os.link(home / "progress.yaml", tmp / "my-progress.yaml")
    return str(tmp / "my-progress.yaml")


def _through_linked_home(home: Path, tmp: Path) -> str:
    (tmp / "linked-home").symlink_to(home)
    return str(tmp / "linked-home" / "progress.yaml")


TARGETS: dict[str, Callable[[Path, Path], str]] = {
    "progress, relative": lambda home, tmp: "progress.yaml",
    "progress, absolute": lambda home, tmp: str(home / "progress.yaml"),
    "progress, with ..": lambda home, tmp: str(home / "backups" / ".." / "progress.yaml"),
    "progress, other case": lambda home, tmp: str(home / "Progress.YAML"),
    "progress, through a linked directory": _through_linked_home,
    "progress, hard link": _hard_link,
    "lock": lambda home, tmp: "progress.yaml.lock",
    "a backup": lambda home, tmp: str(next((home / "backups").iterdir())),
    "a new file among the backups": lambda home, tmp: str(home / "backups" / "mine.md"),
    "a bundled curriculum": lambda home, tmp: str(catalog.bundled_dir() / "advanced-ai.yaml"),
    "a symbolic link": _symlink,
    "a named pipe": _fifo,
}


class Hung(Exception):
    """A command ran past its deadline."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: a command that opened the named pipe would wait forever for
    a writer (the old import read the file it was about to replace)."""

    def expired(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds} s")  # (not an OSError, which is handled)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _kind(path: str) -> int:
    return stat.S_IFMT(os.lstat(path).st_mode) if os.path.lexists(path) else 0


@pytest.mark.parametrize("target", list(TARGETS), ids=list(TARGETS))
@pytest.mark.parametrize("command", ["export", "import"])
def test_an_output_file_never_replaces_the_record_a_link_or_a_pipe(
    record: Path,
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    target: str,
) -> None:
    monkeypatch.chdir(record)
    path = TARGETS[target](record, tmp_path)
    before = record_files(record)
    bundled = (catalog.bundled_dir() / "advanced-ai.yaml").read_bytes()
    kind = _kind(path)
    source = tmp_path / "plan.md"
    source.write_text("# My plan\n\n## Basics\n\n- [ ] Read a book\n", encoding="utf-8")
    with deadline(30):
        if command == "export":
            result: Any = run("export", "-o", path, code=1)
        else:
            result = run("import", str(source), "-o", path, "--force", "--progress", code=1)
    assert result.stderr.startswith("Error: ")
    assert "nothing was written" in result.stderr.splitlines()[0]
    assert record_files(record) == before
    assert (catalog.bundled_dir() / "advanced-ai.yaml").read_bytes() == bundled
    assert _kind(path) == kind  # the link, the pipe are still there, as they were
    if target == "a symbolic link":
        assert (tmp_path / "real.md").read_text() == "mine\n"
    if target == "progress, hard link":
        assert Path(path).samefile(record / "progress.yaml")


def test_the_lock_beside_the_resolved_progress_file_is_refused_too(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data directory reached through a link: the lock beside either path is refused."""
    real = tmp_path / "real-home"
    real.mkdir()
    (tmp_path / "home-link").symlink_to(real)
    monkeypatch.setenv("ROADMAP_HOME", str(tmp_path / "home-link"))
    run("start", "advanced-ai", "--on", "2026-01-05")
    for lock in (real / "progress.yaml.lock", tmp_path / "home-link" / "progress.yaml.lock"):
        run("export", "-o", str(lock), code=1)
    run("export", "-o", str(real / "progress.yaml"), code=1)
    assert (real / "progress.yaml").read_text().count('"id"') == 1


def test_ordinary_output_files_and_stdout_still_work(
    enrolled: Run, roadmap_home: Path, tmp_path: Path
) -> None:
    """(Not a failure of the old code: what the checks must leave alone.)"""
    enrolled("export", "-o", str(tmp_path / "plan.md"))
    enrolled("export", "-o", str(tmp_path / "plan.md"))  # an export replaces an export
    enrolled("export", "-o", str(roadmap_home / "cache" / "plan.md"))
    assert "- [ ]" in enrolled("export", "-o", "-").stdout  # type: ignore[attr-defined]
    assert (tmp_path / "plan.md").read_text().startswith("# ")


# 9. A change whose output cannot be written says what was recorded -------------------------


def environment(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "roadmap-home"
    return {
        **os.environ,
        "ROADMAP_HOME": str(home),
        "HOME": str(tmp_path / "user-home"),
        "ROADMAP_CACHE_DIR": str(tmp_path / "cache"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "NO_COLOR": "1",
    }


def roadmap(tmp_path: Path, *args: str, stdout: Any = subprocess.PIPE) -> Any:
    """Run ``roadmap ARGS`` in a real process; its stdout is ``stdout``."""
    return subprocess.run(
        [ROADMAP, *args],
        env=environment(tmp_path),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )


def history(tmp_path: Path) -> list[dict[str, Any]]:
    done = roadmap(tmp_path, "history", "--json")
    assert done.returncode == 0, done.stderr
    changes: list[dict[str, Any]] = json.loads(done.stdout)["changes"]
    return changes


@pytest.fixture
def started(tmp_path: Path) -> Path:
    done = roadmap(tmp_path, "start", "advanced-ai", "--on", "2026-01-05")
    assert done.returncode == 0, done.stderr
    return tmp_path


def no_crash(tmp_path: Path, stderr: str) -> None:
    assert "Internal error" not in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "roadmap-home" / "logs").exists()


FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")


@needs_dev_full
@pytest.mark.parametrize("json_output", [False, True], ids=["human", "json"])
def test_a_change_whose_output_cannot_be_written_says_what_was_recorded(
    started: Path, json_output: bool
) -> None:
    args = ["log", "1", "--on", "2026-01-09", *(["--json"] if json_output else [])]
    with FULL.open("w") as full:
        done = roadmap(started, *args, stdout=full)
    assert done.stderr == (
        "Recorded: logged 1 h for 2026-01-09 (change 2), but the output could not be "
        "written: no space left on device.\n"
        "Do not run the command again; 'roadmap history' shows the change.\n"
    )
    assert done.returncode == 1
    no_crash(started, done.stderr)
    assert [change["seq"] for change in history(started)] == [2, 1]


@needs_dev_full
def test_the_first_enrollment_whose_output_cannot_be_written_says_it_was_recorded(
    tmp_path: Path,
) -> None:
    with FULL.open("w") as full:  # no progress file before: the whole new file is the change
        done = roadmap(tmp_path, "start", "advanced-ai", "--on", "2026-01-05", stdout=full)
    assert done.returncode == 1
    assert done.stderr.startswith(
        "Recorded: started advanced-ai from 2026-01-05 at 10 hours a week (change 1), but the "
        "output could not be written: no space left on device."
    ), done.stderr
    no_crash(tmp_path, done.stderr)


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ("status", "--week", "2026-01-09"),
        ("status", "--week", "2026-01-09", "--json"),
        ("history",),
        ("export", "--on", "2026-01-09"),
        ("check", "m1/minimal-vit", "--undo", "--on", "2026-01-09"),  # changes nothing
    ],
    ids=["status", "status --json", "history", "export", "a change that changes nothing"],
)
def test_output_that_cannot_be_written_is_one_sentence_when_nothing_was_recorded(
    started: Path, args: tuple[str, ...]
) -> None:
    with FULL.open("w") as full:
        done = roadmap(started, *args, stdout=full)
    assert done.stderr == "Error: Could not write the output: no space left on device.\n"
    assert done.returncode == 1
    no_crash(started, done.stderr)
    assert len(history(started)) == 1


def test_a_closed_pipe_is_quiet_for_a_read_and_says_what_a_change_recorded(
    started: Path,
) -> None:
    def closed_pipe(*args: str) -> Any:
        reader, writer = os.pipe()
        os.close(reader)  # the reader has gone before anything is written
        try:
            return roadmap(started, *args, stdout=writer)
        finally:
            os.close(writer)

    read = closed_pipe("history")
    assert (read.returncode, read.stderr) == (0, "")  # decision 60: 0, as a pipe that read all
    change = closed_pipe("log", "2", "--on", "2026-01-10")
    assert change.returncode == 0  # recorded as asked; the reader went away
    assert change.stderr.startswith("Recorded: logged 2 h for 2026-01-10 (change 2), but ")
    no_crash(started, read.stderr + change.stderr)
    assert len(history(started)) == 2


def test_a_change_with_stdout_closed_says_what_was_recorded(started: Path) -> None:
    done = subprocess.run(
        ["/bin/sh", "-c", 'exec "$0" "$@" >&-', ROADMAP, "log", "1", "--on", "2026-01-09"],
        env=environment(started),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Recorded: logged 1 h for 2026-01-09 (change 2), but ")
    no_crash(started, done.stderr)


# 11. No control characters from curricula or the record on the terminal ------------------

HOSTILE = r"""
format: 1
slug: hostile
title: "Hostile \e]0;pwned\a plan"
phases:
  - id: p1
    title: "Phase \e[2J one"
    duration: 2 weeks
    modules:
      - id: m1
        title: "Module \x9B31m one"
        duration: 2 weeks
        resources:
          - {title: "Book \e[5m blink", kind: book, url: "https://example.org/\e[2J"}
        tasks:
          - id: m1/first
            title: "First \e[31mred\e[0m task"
            description: "Read \e]8;;http://evil\e\\this\e]8;;\e\\ now \a"
          - id: m1/second
            title: Second task
journal:
  cadence: weekly
review:
  cadence: monthly
  questions:
    - id: worked
      text: "What \e[2J worked?"
"""
ENTRY = "Entry \x1b[2J with \x1b]0;title\x07 and \x9b31m"


@pytest.fixture
def hostile(run: Run, roadmap_home: Path) -> Run:
    """An enrollment in a curriculum whose titles hold escape sequences, with a record
    whose notes, journal entry and review answer hold them too.
    """
    (roadmap_home / "curricula").mkdir(parents=True)
    (roadmap_home / "curricula" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    run("start", "hostile", "--on", "2026-01-05")
    run("check", "m1/first", "--note", "done \x1b[2J", "--on", "2026-01-06")
    run("note", "m1/second", "see \x1b]0;x\x07", "--link", "https://e.org/\x1b[2J")
    run("log", "1.5", "--on", "2026-01-06", "--task", "m1/second", "--note", "\x1b[31mlog")
    run("journal", ENTRY, "--on", "2026-01-07")
    run("review", "--on", "2026-02-02", "--answer", "worked=yes \x1b[2J\x9b")
    return run


READS = [
    ("status", "--week", "2026-01-07"),
    ("next", "--from", "2026-01-07"),
    ("plan", "--on", "2026-01-07"),
    ("show",),
    ("show", "hostile"),
    ("show", "m1/first"),
    ("show", "m1/second"),
    ("journal", "--list"),
    ("review", "--list"),
    ("history",),
    ("stats", "--on", "2026-01-07"),
    ("enrollments", "--on", "2026-01-07"),
    ("list",),
    ("portfolio",),
    ("export", "--format", "markdown", "--on", "2026-01-07"),
    ("export", "--format", "ics", "--on", "2026-01-07"),
]


@pytest.mark.parametrize("args", READS, ids=[" ".join(args) for args in READS])
def test_reads_print_no_control_characters_from_curricula_or_the_record(
    hostile: Run, args: tuple[str, ...]
) -> None:
    result: Any = hostile(*args)
    text = result.stdout
    if args[:3] == ("export", "--format", "ics"):
        text = text.replace("\r\n", "\n")  # iCalendar's line ends
    assert CONTROL.findall(text) == []
    assert CONTROL.findall(result.stderr) == []


def test_changes_print_no_control_characters(run: Run, roadmap_home: Path) -> None:
    (roadmap_home / "curricula").mkdir(parents=True)
    (roadmap_home / "curricula" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    printed = [
        run("start", "hostile", "--on", "2026-01-05"),
        run("check", "m1/first", "--note", "done \x1b[2J", "--on", "2026-01-06"),
        run("note", "m1/second", "see \x1b]0;x\x07", "--link", "https://e.org/\x1b[2J"),
        run("log", "1", "--on", "2026-01-06", "--note", "\x1b[31mlog"),
        run("journal", ENTRY, "--on", "2026-01-07"),
        run("review", "--on", "2026-02-02", "--answer", "worked=yes \x1b[2J"),
        run("check", "\x1b[2Jno such item", code=1),  # the error quotes what was typed
    ]
    for result in printed:
        assert CONTROL.findall(result.stdout + result.stderr) == []  # type: ignore[attr-defined]


def test_json_escapes_control_characters_and_keeps_them_in_the_data(hostile: Run) -> None:
    listed = hostile("journal", "--list", "--json").stdout  # type: ignore[attr-defined]
    exported = hostile("export", "--format", "json").stdout  # type: ignore[attr-defined]
    for text in (listed, exported):
        assert CONTROL.findall(text.replace("\n", "")) == []
    assert json.loads(listed)["entries"][0]["text"] == ENTRY
    assert json.loads(exported)["curriculum"]["title"] == "Hostile \x1b]0;pwned\x07 plan"


def test_an_imported_markdown_roadmap_prints_no_control_characters(
    run: Run, tmp_path: Path
) -> None:
    source = tmp_path / "evil.md"
    source.write_text(
        "# Evil \x1b]0;pwned\x07 roadmap\n\n## Phase \x1b[2J one (2 weeks)\n\n"
        "- [ ] Learn \x1b[31mred\x1b[0m things\n- [x] Done \x9b thing\n",
        encoding="utf-8",
    )
    printed = [run("import", str(source), "--progress", "--on", "2026-01-05")]
    printed += [run(*args) for args in (("status", "--week", "2026-01-07"), ("show",))]
    for result in printed:
        assert CONTROL.findall(result.stdout + result.stderr) == []  # type: ignore[attr-defined]
