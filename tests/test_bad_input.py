"""Bad input of every kind: exit code 1, one clear sentence, no traceback, nothing written.

The table covers what a learner types and the files they point roadmap at; the tests after
it inflict faults of the machine: a read-only data directory, a disk that fills up in the
middle of a write (``ulimit -f`` in a real process), and a write interrupted by Ctrl-C.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_tracker.curriculum.catalog import MAX_CURRICULUM_BYTES
from roadmap_tracker.progress import reading, store

from .conftest import Run

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else '1, 2, 3, 4, 5, 6, 7, 8, 9'}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)

FILES = {
    "python-tag.yaml": "slug: x\ntitle: !!python/object/apply:os.system ['echo pwned']\n",
    "bomb.yaml": BOMB,
    "empty.yaml": "",
    "list.yaml": "- just\n- a list\n",
    "bad-yaml.yaml": "slug: x\ntitle: [unclosed\n",
}

DATE_OPTIONS = [
    ("check", "m1/minimal-vit", "--on"),
    ("log", "1", "--on"),
    ("status", None, "--week"),
    ("next", None, "--from"),
    ("plan", None, "--on"),
    ("replan", None, "--from"),
    ("choose", None, "--on"),
    ("include", "m8", "--on"),
]

CASES: list[tuple[str, list[str], str]] = [
    # Dates that do not exist or that the parser does not know, on every command with a date.
    *[
        (f"{command} {option} {day}", [command, *([arg] if arg else []), option, day], message)
        for command, arg, option in DATE_OPTIONS
        if command != "choose"
        for day, message in [
            (
                "2026-02-30",
                "'2026-02-30' given to " + option + " is not a valid date: no such day.",
            ),
            ("next month", "'next month' given to " + option + " is not a valid date:"),
        ]
    ],
    ("start --on 2026-13-01", ["start", "ai-study-plan", "--on", "2026-13-01"], "not a valid"),
    # Dates that exist but cannot be used.
    ("check in the future", ["check", "m1/minimal-vit", "--on", "2026-12-01"], "in the future"),
    ("log in the future", ["log", "1", "--on", "2027-01-01"], "in the future"),
    # Changes dated before the enrollment's start (2026-01-05): one sentence naming the
    # start; the hint names the command that moves it.
    *[
        (
            f"{' '.join(a for a in args if not a[0].isdigit())} before the start",
            args,
            "is before your enrollment in advanced-ai starts, on 2026-01-05",
        )
        for args in [
            ["replan", "--from", "2025-12-01"],
            ["check", "m1/minimal-vit", "--on", "2026-01-04"],
            ["check", "m1/minimal-vit", "--undo", "--on", "2026-01-04"],
            ["doing", "m1/minimal-vit", "--on", "2026-01-04"],
            ["skip", "m1/minimal-vit", "--on", "2026-01-04"],
            ["reset", "m1/minimal-vit", "--on", "2026-01-04"],
            ["check", "m1", "--yes", "--on", "2026-01-04"],
            ["log", "1", "--on", "2026-01-04"],
            ["note", "m1/minimal-vit", "Early.", "--on", "2026-01-04"],
            ["journal", "Early.", "--on", "2026-01-04"],
            ["review", "--on", "2026-01-04"],
            ["include", "m8", "--on", "2026-01-04"],
            ["exclude", "m8", "--on", "2026-01-04"],
        ]
    ],
    # Hours.
    ("log zero hours", ["log", "0"], "0 is not a possible number of hours"),
    ("log absurd hours", ["log", "1e9"], "is not a possible number of hours"),
    ("log a day and more", ["log", "24.5"], "24.5 is not a possible number of hours"),
    ("log nan hours", ["log", "nan"], "nan is not a possible number of hours"),
    ("log infinite hours", ["log", "inf"], "inf is not a possible number of hours"),
    ("replan zero hours", ["replan", "--hours-per-week", "0"], "0 is not a possible number"),
    ("replan absurd hours", ["replan", "--hours-per-week", "1e9"], "is not a possible number"),
    (
        "restart with absurd hours",
        ["start", "advanced-ai", "--restart", "--hours-per-week", "500"],
        "500 is not a possible number of hours per week.",
    ),
    # Task references.
    ("unknown task", ["check", "atention from scrach"], "No item of advanced-ai matches"),
    ("ambiguous task", ["check", "portfolio"], "matches"),
    ("empty task", ["check", ""], "No item of advanced-ai matches ''."),
    ("unknown task for log", ["log", "1", "--task", "nothing-like-it"], "No item of"),
    ("one bad among good", ["check", "m1/minimal-vit", "m1/nope"], "No item of"),
    # Choices and optional modules.
    (
        "choose without choice groups",
        ["choose", "framework", "x"],
        "advanced-ai has no choice groups",
    ),
    ("non-optional include", ["include", "m3"], "'m3' is not an optional module"),
    ("unknown exclude", ["exclude", "m99"], "'m99' is not an optional module"),
    # Curricula.
    ("unknown curriculum", ["start", "advanced-aj"], "advanced-aj"),
    ("show unknown curriculum", ["show", "no-such-plan"], "no-such-plan"),
    ("slug with path separators", ["start", "../../etc/passwd"], "passwd"),
    ("enrolling twice", ["start", "advanced-ai"], "already enrolled"),
    *[
        (f"curriculum file {name}", ["start", f"FILES/{name}"], name)
        for name in ["python-tag.yaml", "bomb.yaml", "empty.yaml", "list.yaml", "bad-yaml.yaml"]
    ],
    ("curriculum file not UTF-8", ["start", "FILES/latin1.yaml"], "latin1.yaml"),
    ("curriculum path is a directory", ["start", "FILES/folder.yaml"], "folder.yaml"),
    ("show a missing curriculum file", ["show", "FILES/missing.yaml"], "missing"),
    ("curriculum file over 10 MiB", ["start", "FILES/huge.yaml"], "over 10 MiB"),
    # Undo, history and restore.
    ("undo an unknown change", ["undo", "999"], "There is no change 999"),
    ("history of no changes", ["history", "-n", "0"], "-n must be 1 or more"),
    ("restore an unknown backup", ["restore", "progress-1.yaml"], "There is no backup"),
    ("restore a file that is not progress", ["restore", "FILES/list.yaml"], "The backup"),
    ("restore a system file", ["restore", "/etc/passwd"], "The backup /etc/passwd"),
]


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "latin1.yaml").write_bytes("slug: caf\xe9\ntitle: Caf\xe9\n".encode("latin-1"))
    (folder / "folder.yaml").mkdir()
    with (folder / "huge.yaml").open("w", encoding="utf-8") as handle:
        handle.write("slug: huge\ntitle: Huge\n")
        line = "# " + "x" * 1021 + "\n"
        handle.write(line * (MAX_CURRICULUM_BYTES // len(line) + 1))
    return folder


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({name for name, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("args", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_exits_1_with_one_sentence_and_writes_nothing(
    enrolled: Run, progress_file: Path, files: Path, args: list[str], message: str
) -> None:
    args = [arg.replace("FILES", str(files)) for arg in args]
    before = progress_file.read_bytes()
    backups = sorted(progress_file.parent.glob("backups/*"))
    result = enrolled(*args, code=1)
    error = result.stderr
    assert error.startswith("Error: "), error
    first = error.splitlines()[0]
    assert message in error, error
    assert "Traceback" not in error and 'File "' not in error
    assert len(first) < 400, first  # one sentence (a located error names its file first)
    assert result.stdout == ""
    assert progress_file.read_bytes() == before
    assert sorted(progress_file.parent.glob("backups/*")) == backups


def assert_refused(error: str, before: bytes, progress_file: Path, message: str) -> None:
    """One sentence naming the fault, no traceback, and the progress file as it was."""
    assert error.startswith("Error: "), error
    assert message in error.splitlines()[0], error
    assert "Traceback" not in error
    assert progress_file.read_bytes() == before
    leftovers = [p.name for p in progress_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert not leftovers


def test_a_read_only_data_directory(
    enrolled: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = progress_file.read_bytes()
    home = progress_file.parent
    home.chmod(0o500)
    progress_file.chmod(0o400)
    try:
        (home / "probe").touch()
        (home / "probe").unlink()
        # Root ignores permission bits: make writes under the data directory fail as a
        # read-only file system would.
        real_open = os.open

        def read_only_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
            if str(path).startswith(str(home)) and flags & (os.O_WRONLY | os.O_RDWR):
                raise OSError(errno.EROFS, "Read-only file system")
            return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", read_only_open)
        reason = "read-only file system"
    except PermissionError:
        reason = "permission denied"
    try:
        result = enrolled("check", "m1/minimal-vit", "--on", "2026-01-06", code=1)
        assert_refused(result.stderr, before, progress_file, reason)
        assert result.stdout == ""
        assert enrolled("status", "--json").stdout  # reading still works
    finally:
        home.chmod(0o700)
        progress_file.chmod(0o600)


def roadmap_process(home: Path, *args: str, limit_kib: int) -> subprocess.CompletedProcess[str]:
    """Run roadmap in a real process whose files cannot grow past ``limit_kib`` KiB."""
    command = f'ulimit -f {limit_kib} && exec "$0" -m roadmap_tracker "$@"'
    return subprocess.run(
        ["bash", "-c", command, sys.executable, *args],
        env={**os.environ, "ROADMAP_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="ulimit -f is a POSIX shell's")
def test_a_disk_that_fills_up_in_the_middle_of_an_append(
    enrolled: Run, progress_file: Path
) -> None:
    # Pad the file to just under 2 KiB, so that the next record crosses the limit.
    with progress_file.open("a", encoding="utf-8") as handle:
        handle.write("# padding\n" * ((2048 - progress_file.stat().st_size) // 10 - 1))
    before = progress_file.read_bytes()
    assert 2048 - 100 < len(before) < 2048
    result = roadmap_process(
        progress_file.parent, "check", "m1/minimal-vit", "--on", "2026-01-06", limit_kib=2
    )
    assert result.returncode == 1, result.stderr
    assert_refused(result.stderr, before, progress_file, "file too large")
    assert enrolled("check", "m1/minimal-vit", "--on", "2026-01-06").stdout  # room again


@pytest.mark.skipif(sys.platform == "win32", reason="ulimit -f is a POSIX shell's")
def test_a_disk_that_fills_up_during_a_whole_file_rewrite(
    progress_file: Path, roadmap_home: Path
) -> None:
    progress_file.parent.mkdir(parents=True)
    fixture = Path(__file__).parent / "fixtures" / "progress-v1.yaml"
    line = (
        '- {"at": "2026-01-20T20:00:00+01:00", "on": "2026-01-20", "curriculum": '
        '"advanced-ai", "action": "log", "hours": 1.0}\n'
    )
    progress_file.write_text(fixture.read_text(encoding="utf-8") + line * 200, encoding="utf-8")
    before = progress_file.read_bytes()
    # The migration first keeps a backup (fits), then writes the new file, longer by the
    # events' numbers (does not fit).
    limit = len(before) // 1024 + 1
    migrated = store.migrated_text(before.decode(), reading.read_progress())
    assert len(migrated.encode()) > limit * 1024
    result = roadmap_process(
        roadmap_home,
        "check",
        "p0-python/control-flow-if-else-loops",
        "--on",
        "2026-02-04",
        limit_kib=limit,
    )
    assert result.returncode == 1, result.stderr
    assert_refused(result.stderr, before, progress_file, "file too large")


def test_a_write_interrupted_by_ctrl_c_leaves_no_partial_record(
    enrolled: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = progress_file.read_bytes()
    real_write = os.write

    def interrupted(descriptor: int, data: bytes) -> int:
        real_write(descriptor, data[: len(data) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    result = enrolled("check", "m1/minimal-vit", "--on", "2026-01-06", code=130)
    assert "Interrupted" in result.stderr
    assert "Traceback" not in result.stderr
    assert progress_file.read_bytes() == before
