"""Help is quick: ``roadmap --help`` lists the commands by their docstrings without building
any (reading a command's signature and type hints is most of the time of a build), and
``roadmap CMD --help`` builds CMD alone (issue 29). Each in a new process, as a learner runs
it, with the builds counted; the help itself is the same text (tests/test_reference.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_COUNT_BUILDS = """
import sys
import roadmap_tracker.cli.lazy as lazy

real = lazy.build_command
built = []


def counting(name, callback, **settings):
    built.append(name)
    return real(name, callback, **settings)


lazy.build_command = counting
from roadmap_tracker.cli.app import main

sys.argv = ["roadmap", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("BUILT", *built, file=sys.stderr)
"""


def builds(tmp_path: Path, *args: str) -> tuple[list[str], str]:
    """The commands one ``roadmap ARGS`` process built, and what it printed on stdout."""
    env = {**os.environ, "ROADMAP_HOME": str(tmp_path), "NO_COLOR": "1", "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-c", _COUNT_BUILDS, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    last = done.stderr.strip().splitlines()[-1].split()
    assert last[0] == "BUILT", done.stderr
    return last[1:], done.stdout


@pytest.mark.parametrize("args", [("--help",), ("-h",), ()], ids=repr)
def test_the_top_level_help_builds_no_command(tmp_path: Path, args: tuple[str, ...]) -> None:
    built, out = builds(tmp_path, *args)
    assert built == []
    for name in ("status", "check", "timer", "export", "schema"):
        assert f" {name} " in out  # every command is still listed, with its summary
    assert "Tick off items of your curriculum as done (or not done, with --undo)." in out


def test_a_command_s_help_builds_that_command_alone(tmp_path: Path) -> None:
    built, out = builds(tmp_path, "check", "--help")
    assert built == ["check"]
    assert "Usage: roadmap check" in out and "--on" in out
