"""Terminal conventions, in real processes: colour only on a terminal and never with NO_COLOR,
a pager for long output on a terminal and none otherwise.

The terminal is a pseudo-terminal (os.openpty) of 24 rows and 80 columns.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from .conftest import Run
from .pty_output import read_all

ROADMAP = shutil.which("roadmap") or str(Path(sys.executable).parent / "roadmap")
ESCAPE = "\x1b["
ROWS, COLUMNS = 24, 80
PTY = pytest.mark.xdist_group("processes")
"""Real processes on a pseudo-terminal: one at a time (pytest-xdist runs the group on one
worker), not beside the crowds of processes of the crash and concurrency tests."""


def environment(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a learner's shell: a terminal type, no NO_COLOR, no pager setting."""
    # (_TYPER_FORCE_DISABLE_TERMINAL: set by cli.main under NO_COLOR, in tests that call it)
    unset = {"NO_COLOR", "PAGER", "MANPAGER", "LESS", "_TYPER_FORCE_DISABLE_TERMINAL"}
    unset |= {"CLICOLOR", "CLICOLOR_FORCE", "FORCE_COLOR", "ROADMAP_PAGER"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(ROADMAP_HOME=str(home), HOME=str(home), TERM="xterm-256color", **extra)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


def in_terminal(home: Path, *args: str, **extra: str) -> str:
    """Run `roadmap ARGS` with stdin and stdout on a pseudo-terminal; return what it showed."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    process = subprocess.Popen(
        [ROADMAP, *args],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=environment(home, **extra),
    )
    os.close(follower)
    shown = read_all(leader)
    assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    return shown


def piped(home: Path, command: str, **extra: str) -> str:
    """Run a shell pipeline (`roadmap ... | cat`) and return its output."""
    env = environment(home, **extra)
    env["PATH"] = f"{Path(ROADMAP).parent}{os.pathsep}{env['PATH']}"
    done = subprocess.run(
        command, shell=True, env=env, capture_output=True, text=True, check=True, cwd=home
    )
    return done.stdout


@pytest.fixture(scope="module")
def enrolled_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``home/``: a data directory enrolled in complete-ai-engineer (528 items) with one item
    done, and ``cache/``: the cache its processes filled. Made once per module by real
    processes; tests use copies (``home``).
    """
    made = tmp_path_factory.mktemp("terminal")
    cache = str(made / "cache")
    subprocess.run(
        [ROADMAP, "start", "complete-ai-engineer", "--on", "2026-01-05"],
        env=environment(made / "home", ROADMAP_CACHE_DIR=cache),
        capture_output=True,
        check=True,
    )
    subprocess.run(
        [ROADMAP, "check", "p0-python/functions-and-modules", "--on", "2026-01-06"],
        env=environment(made / "home", ROADMAP_CACHE_DIR=cache),
        capture_output=True,
        check=True,
    )
    return made


@pytest.fixture
def home(enrolled_home: Path, tmp_path: Path) -> Path:
    """This test's own copy of ``enrolled_home``'s data directory (the pager tests write into
    it), its cache copied to this test's cache directory.
    """
    copy = tmp_path / "home"
    shutil.copytree(enrolled_home / "home", copy, symlinks=True)
    cache = os.environ["ROADMAP_CACHE_DIR"]  # this test's (conftest.isolated)
    shutil.copytree(enrolled_home / "cache", cache, symlinks=True, dirs_exist_ok=True)
    return copy


@PTY
def test_no_colour_codes_with_no_color_or_through_a_pipe(home: Path) -> None:
    # The same command on a terminal does draw colours: the checks below can fail.
    assert ESCAPE in in_terminal(home, "status", "--week", "2026-01-07")
    assert ESCAPE not in in_terminal(home, "status", "--week", "2026-01-07", NO_COLOR="1")
    # help is click's plain text (decision 64), on a terminal too
    assert ESCAPE not in in_terminal(home, "status", "--help")
    assert ESCAPE not in in_terminal(home, "status", "--help", NO_COLOR="1")
    for command in ["status", "next", "plan", "show", "stats", "history"]:
        assert ESCAPE not in piped(home, f"NO_COLOR=1 roadmap {command} | cat"), command
        assert ESCAPE not in piped(home, f"roadmap {command} | cat"), command


@PTY
def test_clicolor_0_turns_colour_off_and_clicolor_force_turns_it_on_through_a_pipe(
    home: Path,
) -> None:
    week = "--week 2026-01-07"
    assert ESCAPE not in in_terminal(home, "status", *week.split(), CLICOLOR="0")
    assert ESCAPE not in in_terminal(home, "status", "--help", CLICOLOR="0")
    assert ESCAPE in in_terminal(home, "status", *week.split(), CLICOLOR="1")  # 1: the default
    for command in [f"status {week}", "show", "plan"]:
        assert ESCAPE in piped(home, f"CLICOLOR_FORCE=1 roadmap {command} | cat"), command
        assert ESCAPE in piped(home, f"FORCE_COLOR=1 roadmap {command} | cat"), command
        # CLICOLOR_FORCE wins over CLICOLOR=0; NO_COLOR wins over both (clig.dev, uv)
        assert ESCAPE in piped(home, f"CLICOLOR=0 CLICOLOR_FORCE=1 roadmap {command} | cat")
        assert ESCAPE not in piped(home, f"NO_COLOR=1 CLICOLOR_FORCE=1 roadmap {command} | cat")
        assert ESCAPE not in piped(home, f"CLICOLOR_FORCE=0 roadmap {command} | cat")
    # forced colour on a pipe is still not paged: the whole tree comes through the pipe
    paged = home / "paged.txt"
    out = piped(home, "CLICOLOR_FORCE=1 roadmap show | cat", PAGER=f"cat > {paged}")
    assert out.count("☐") + out.count("✓") >= 528
    assert not paged.exists()


@PTY
def test_long_output_on_a_terminal_goes_through_the_pager(home: Path) -> None:
    paged = home / "paged.txt"
    shown = in_terminal(home, "show", PAGER=f"cat > {paged}")
    text = paged.read_text(encoding="utf-8")
    # the whole tree of 528 items went to the pager, and nothing of it to the screen
    assert text.count("☐") + text.count("✓") >= 528
    assert "p0-python/functions-and-modules" in text
    assert "p0-python" not in shown
    # colours pass through to the pager (less gets -R through LESS=FRX)
    assert ESCAPE in text


@PTY
def test_less_keeps_colours_and_the_text_on_screen(home: Path) -> None:
    seen = home / "less-flags.txt"
    in_terminal(home, "show", PAGER=f'echo "$LESS" > {seen}; cat > /dev/null')
    assert seen.read_text(encoding="utf-8").strip() == "FRX"
    in_terminal(home, "show", PAGER=f'echo "$LESS" > {seen}; cat > /dev/null', LESS="-S")
    assert seen.read_text(encoding="utf-8").strip() == "-S"  # the learner's own LESS wins


def fake_pager(home: Path, name: str) -> Path:
    """An executable ``home/bin/NAME`` that writes what it is given to ``home/NAME.txt`` and
    its LESS variable to ``home/NAME.env``: a pager that records its input and environment.
    """
    script = home / "bin" / name
    script.parent.mkdir(exist_ok=True)
    script.write_text(
        f'#!/bin/sh\necho "$LESS" > "{home}/{name}.env"\ncat > "{home}/{name}.txt"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


@PTY
def test_the_pager_is_roadmap_pager_then_pager_then_less_and_never_manpager(home: Path) -> None:
    for name in ["mine", "theirs", "man", "less"]:
        fake_pager(home, name)
    path = f"{home / 'bin'}{os.pathsep}{os.environ['PATH']}"
    bins = home / "bin"
    # bat's recommended MANPAGER (here: one that records) is not roadmap's pager
    in_terminal(home, "show", PAGER=str(bins / "theirs"), MANPAGER=str(bins / "man"))
    assert not (home / "man.txt").exists()
    assert "p0-python/functions-and-modules" in (home / "theirs.txt").read_text("utf-8")
    shown = in_terminal(home, "plan", ROADMAP_PAGER=str(bins / "mine"), PAGER=str(bins / "theirs"))
    assert "Complete AI Engineer" in (home / "mine.txt").read_text("utf-8")
    assert "Complete AI Engineer" not in shown
    # neither set: less from PATH, told to pass colours and keep the text (LESS=FRX)
    in_terminal(home, "history", "-n", "2", PATH=path)  # short: no pager
    assert not (home / "less.txt").exists()
    in_terminal(home, "show", PATH=path, MANPAGER=str(bins / "man"))
    assert ESCAPE in (home / "less.txt").read_text("utf-8")
    assert (home / "less.env").read_text("utf-8").strip() == "FRX"
    assert not (home / "man.txt").exists()


@PTY
@pytest.mark.parametrize(
    ("setting", "args"),
    [
        ({"ROADMAP_PAGER": ""}, ["show"]),
        ({"ROADMAP_PAGER": "cat"}, ["show"]),
        ({}, ["show", "--no-pager"]),
        ({}, ["plan", "--no-pager"]),
    ],
    ids=["ROADMAP_PAGER empty", "ROADMAP_PAGER=cat", "show --no-pager", "plan --no-pager"],
)
def test_no_pager_prints_long_output_at_once(
    home: Path, setting: dict[str, str], args: list[str]
) -> None:
    pager = fake_pager(home, "theirs")
    shown = in_terminal(home, *args, PAGER=str(pager), **setting)
    assert not (home / "theirs.txt").exists()
    assert "Complete AI Engineer" in shown and len(shown.splitlines()) > ROWS


@PTY
def test_short_output_and_pipes_are_not_paged(home: Path) -> None:
    paged = home / "paged.txt"
    shown = in_terminal(home, "show", "functions-and-modules", PAGER=f"cat > {paged}")
    assert "p0-python/functions-and-modules" in shown
    assert not paged.exists()
    out = piped(home, "roadmap show | cat", PAGER=f"cat > {paged}")
    assert out.count("☐") + out.count("✓") >= 528
    assert not paged.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("status", "--week", "2026-03-02"),
        ("next", "--from", "2026-03-02"),
        ("plan",),
        ("show",),
        ("show", "m1/minimal-vit"),
        ("stats", "--on", "2026-03-02"),
        ("history",),
        ("enrollments", "--on", "2026-03-02"),
        ("doctor",),
        ("--help",),
        ("check", "--help"),
    ],
    ids=lambda args: " ".join(args),
)
def test_readable_at_60_columns(
    run: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    from rich.cells import cell_len

    from roadmap_tracker.cli import terminal

    run("start", "advanced-ai", "--on", "2026-01-05")
    run("check", "m1/minimal-vit", "--on", "2026-01-09")
    run("log", "2", "--on", "2026-01-09")
    monkeypatch.setenv("COLUMNS", "60")
    terminal.console.cache_clear()
    if "--help" in args:  # click's test runner draws help at 80 columns: a real process
        out = subprocess.run(
            [sys.executable, "-m", "roadmap_tracker", *args],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    else:
        out = run(*args).stdout
    lines = out.splitlines()
    assert len(lines) > 1
    assert [line for line in lines if cell_len(line) > 60] == []


@pytest.mark.parametrize("columns", ["60", "72", "80"])
def test_plan_keeps_each_done_count_whole_at_any_width(
    run: Run, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    import json

    from roadmap_tracker.cli import terminal

    # complete-ai-engineer has ranges, so its Ends column holds "≤YYYY-MM-DD" lines
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    rows = json.loads(run("plan", "--json").stdout)["rows"]
    monkeypatch.setenv("COLUMNS", columns)
    terminal.console.cache_clear()
    shown = run("plan").stdout.splitlines()
    rule = next(n for n, line in enumerate(shown) if line.startswith("───"))
    # one line per part, in order; a part's "≤" line below it has an empty name cell
    lines = [line for line in shown[rule + 1 :] if line[:3].strip() or line.startswith("  p")]
    for row, line in zip(rows, lines, strict=False):
        assert line.rstrip().endswith(f" {row['done']}/{row['total']}"), line
    assert len(lines) >= len(rows)
