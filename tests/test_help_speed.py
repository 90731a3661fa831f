"""Help is quick: ``roadmap --help`` lists the commands by their docstrings without building
any (reading a command's signature and type hints is most of the time of a build), and
``roadmap CMD --help`` builds CMD alone (issue 29). Each in a new process, as a learner runs
it, with the builds counted; the help itself is the same text (tests/test_reference.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .command_builds import run


def builds(tmp_path: Path, *args: str) -> tuple[list[str], str]:
    """The commands one ``roadmap ARGS`` process built, and what it printed on stdout."""
    _, built, _, _, out = run(tmp_path, *args, COLUMNS="100")
    return built, out


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
