"""The README, docs/workflow.md and docs/getting-started.md show real sessions: each file's
``$ roadmap ...`` lines, run in order in one fresh data directory, print exactly the output
written under them.

A transcript is a fenced ``text`` block (opened with four backticks when its output holds a
fence); a line starting ``$ roadmap `` is a command and the lines after it, up to the next
``$ `` line or the end of the block (blank lines at the end left out), are what it prints. A
line that is only ``...`` stands for any lines. A ``.venv/bin/roadmap ...`` command in a
``sh`` block (the README's install command, which enrolls you) runs too, in its place, as it
does for a newcomer who copies the page in order; its output is not shown, so it is not
compared. The data directory's path is written ``~/.local/share/roadmap`` and timestamps in
file names ``YYYYMMDDTHHMMSS``; spaces at the ends of lines do not count. The clock is the
tests' frozen 2026-11-21, at 72 columns, no colour.

After changing what a command prints, write the outputs again with
``python -m tests.test_transcripts README.md docs/workflow.md docs/getting-started.md`` and
read the diff.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roadmap_tracker.cli import terminal
from roadmap_tracker.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ("README.md", "docs/workflow.md", "docs/getting-started.md")
SHOWN_HOME = "~/.local/share/roadmap"
COLUMNS = "72"
_STAMP = re.compile(r"\d{8}T\d{6}")


class Command:
    """One ``$ roadmap`` line of a transcript: its arguments, and the lines (numbers into the
    document's lines) that hold its expected output."""

    def __init__(self, line: int, args: list[str], shown: bool = True) -> None:
        self.line = line
        self.args = args
        self.shown = shown
        self.output: list[int] = []


_SHELL_ROADMAP = re.compile(r"(?:^|&&\s*)\.venv/bin/roadmap ([^&#]+)")


def commands(lines: list[str]) -> list[Command]:
    """The commands of every ``text`` block of a document, and the ``.venv/bin/roadmap``
    commands of its ``sh`` blocks (not shown: ``Command.shown`` False), in order."""
    found: list[Command] = []
    inside = shell = False
    fence = ""  # the backticks that opened the block the line is in ("": in none)
    current: Command | None = None
    for number, line in enumerate(lines):
        ticks = re.match(r"`{3,}", line)
        # a block opened by N backticks ends at a line of N or more alone (CommonMark), so a
        # ````text block can show output that holds a ```mermaid block
        closing = bool(fence) and line.strip().startswith(fence) and not line.strip("` \n")
        if ticks and (not fence or closing):
            fence = "" if fence else ticks.group(0)
            info = line.strip()[len(fence) :] if fence else ""
            inside, shell = info == "text", info == "sh"
            current = None
            continue
        if shell:
            found += [
                Command(number, shlex.split(match.group(1)), shown=False)
                for match in _SHELL_ROADMAP.finditer(line)
            ]
            continue
        if not inside:
            continue
        if line.startswith("$ roadmap "):
            current = Command(number, shlex.split(line[len("$ roadmap ") :]))
            found.append(current)
        elif line.startswith("$ "):
            current = None
        elif current is not None:
            current.output.append(number)
    for command in found:
        while command.output and not lines[command.output[-1]].strip():
            command.output.pop()
    return found


def run_one(runner: CliRunner, args: list[str], home: Path) -> list[str]:
    """What ``roadmap ARGS`` prints (stdout and stderr), in the form the documents show."""
    result = runner.invoke(app, args, catch_exceptions=False)
    text = result.output.replace(str(home), SHOWN_HOME)
    text = _STAMP.sub("YYYYMMDDTHHMMSS", text).rstrip("\n")
    return [line.rstrip() for line in text.split("\n")]


def matches(expected: list[str], actual: list[str]) -> bool:
    """True when ``actual`` is ``expected``, a ``...`` line standing for any lines."""
    if not expected:
        return not actual
    if expected[0].strip() == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_transcripts_print_what_they_show(
    document: str, roadmap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", COLUMNS)
    monkeypatch.chdir(ROOT)  # files the documents name (docs/examples/...) are found from here
    terminal.console.cache_clear()
    lines = (ROOT / document).read_text(encoding="utf-8").split("\n")
    found = commands(lines)
    assert found, f"{document} shows no command"
    runner = CliRunner()
    for command in found:
        actual = run_one(runner, command.args, roadmap_home)
        if not command.shown:
            continue
        expected = [lines[number].rstrip() for number in command.output]
        assert matches(expected, actual), (
            f"{document}:{command.line + 1}: roadmap {shlex.join(command.args)} printed\n"
            + "\n".join(actual)
            + "\n\ninstead of\n"
            + "\n".join(expected)
        )


def rewrite(document: Path) -> None:
    """Write the outputs of ``document``'s transcripts again from fresh runs (a block's
    ``...`` lines are kept only where the output still matches)."""
    import os
    import tempfile

    import time_machine

    from tests.conftest import FROZEN_NOW

    lines = document.read_text(encoding="utf-8").split("\n")
    with tempfile.TemporaryDirectory() as directory, time_machine.travel(FROZEN_NOW, tick=False):
        home = Path(directory) / "roadmap-home"
        os.environ.update(ROADMAP_HOME=str(home), NO_COLOR="1", COLUMNS=COLUMNS)
        os.chdir(ROOT)
        runner = CliRunner()
        replaced: dict[int, list[str]] = {}
        for command in commands(lines):
            actual = run_one(runner, command.args, home)
            if not command.shown:
                continue
            expected = [lines[number].rstrip() for number in command.output]
            if command.output and matches(expected, actual):
                continue
            replaced[command.line] = actual
            for number in command.output:
                replaced.setdefault(number, [])
    out: list[str] = []
    for number, line in enumerate(lines):
        if number in replaced:
            if line.startswith("$ roadmap "):
                out += [line, *replaced[number]]
        else:
            out.append(line)
    document.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        rewrite(ROOT / name)
