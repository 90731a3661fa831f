"""The conventions of the tools learners already use (git, gh, uv, clig.dev), decision 60:
questions on stderr, a declined question is not an error, one exit code for a bad value.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roadmap_tracker.cli import app as cli
from roadmap_tracker.cli import options

from .conftest import Run

ROADMAP = shutil.which("roadmap") or str(Path(sys.executable).parent / "roadmap")
PROCESSES = pytest.mark.xdist_group("processes")


@pytest.fixture
def at_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is a terminal: the commands ask their questions."""
    monkeypatch.setattr(options, "interactive", lambda: True)


def _older_change(run: Run) -> None:
    """advanced-ai with change 2 (a check) older than the last 10 changes."""
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("check", "minimal-vit", "--on", "2026-01-06")
    for day in range(7, 19):
        run("log", "1", "--on", f"2026-01-{day:02d}")


def _reviewed(run: Run) -> None:
    """ai-study-plan with its first quarter reviewed on 2026-04-03."""
    run("start", "ai-study-plan", "--on", "2026-01-05")
    answers = ["worked", "did-not-work", "next-goals", "focus-areas", "skill-gaps", "alignment"]
    run("review", "--on", "2026-04-03", *[f"--answer={answer}=ok" for answer in answers])


QUESTIONS: list[tuple[str, Callable[[Run], None], list[str], str, str]] = [
    (
        "check of a module",
        lambda run: run("start", "advanced-ai", "--on", "2026-01-05"),
        ["check", "m1", "--on", "2026-01-09", "--no-link"],
        "n\n",
        "Check the 10 open or doing items of m1?",
    ),
    (
        "evidence of a deliverable",
        lambda run: run("start", "advanced-ai", "--on", "2026-01-05"),
        ["check", "m1/portfolio", "--on", "2026-01-09"],
        "\n",
        "Link or path to the evidence for m1/portfolio",
    ),
    ("undo of an older change", _older_change, ["undo", "2"], "n\n", "Undo change 2"),
    (
        "stop",
        lambda run: run("start", "advanced-ai", "--on", "2026-01-05"),
        ["stop", "advanced-ai"],
        "n\n",
        "Stop advanced-ai",
    ),
    (
        "a second review",
        _reviewed,
        ["review", "--on", "2026-04-06", "--answer", "worked=ok"],
        "n\n",
        "record another?",
    ),
    (
        "the questions of a review",
        lambda run: run("start", "ai-study-plan", "--on", "2026-01-05"),
        ["review", "--on", "2026-04-06"],
        "\n" * 6,
        "What worked this quarter?",
    ),
]


@pytest.mark.usefixtures("at_terminal")
@pytest.mark.parametrize(
    ("setup", "args", "typed", "question"),
    [case[1:] for case in QUESTIONS],
    ids=[case[0] for case in QUESTIONS],
)
def test_every_question_is_asked_on_stderr(
    run: Run, setup: Callable[[Run], None], args: list[str], typed: str, question: str
) -> None:
    # `roadmap check m1 > out.txt`: the question shows on the terminal, not in the file.
    setup(run)
    result = CliRunner().invoke(cli.app, args, input=typed)
    assert result.exit_code in (0, 1), result.output
    assert question in result.stderr
    assert question not in result.stdout  # (the runner echoes what was typed on stdout)


@pytest.mark.usefixtures("at_terminal")
@pytest.mark.parametrize(
    ("setup", "args", "said"),
    [
        (QUESTIONS[0][1], QUESTIONS[0][2], "Nothing was changed.\nName the items one by one"),
        (_older_change, ["undo", "2"], "Change 2 was not undone; nothing was changed.\n"),
        (QUESTIONS[3][1], ["stop", "advanced-ai"], "advanced-ai was not stopped; nothing was"),
        (_reviewed, QUESTIONS[4][2], "Nothing was recorded.\n'roadmap review --list'"),
    ],
    ids=["check", "undo", "stop", "review"],
)
def test_a_declined_question_says_nothing_was_changed_without_error(
    run: Run, progress_file: Path, setup: Callable[[Run], None], args: list[str], said: str
) -> None:
    setup(run)
    before = progress_file.read_bytes()
    result = CliRunner().invoke(cli.app, args, input="n\n")
    assert result.exit_code == 1
    assert said in result.stderr
    assert "Error" not in result.stderr  # the learner said no: not a mistake
    assert progress_file.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["next", "-n", "0"], "Error: -n must be 1 or more, not 0.\nTry 'roadmap next -n 10'."),
        (["find", "vit", "-n", "0"], "Error: -n must be 1 or more, not 0.\nTry 'roadmap find"),
        (["history", "-n", "0"], "Error: -n must be 1 or more, not 0."),
        (["stats", "--weeks", "0"], "Error: --weeks must be a whole number from 1 to 53, not 0."),
        (["next", "-n", "abc"], "Error: Invalid value for '-n' / '--count': 'abc' is not"),
        (["export", "--format", "pdf"], "Error: Invalid value for '--format' / '-f': 'pdf' is"),
        (["undo", "two"], "Error: Invalid value for '[CHANGE]': 'two' is not a valid"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_every_bad_value_is_one_sentence_and_exit_1(run: Run, args: list[str], said: str) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    result = run(*args, code=1)
    assert result.stderr.startswith(said), result.stderr  # type: ignore[attr-defined]
    assert "Usage:" not in result.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "args", [["status", "--bogus"], ["next", "-n"], ["check"], ["nonsense"]], ids=" ".join
)
def test_the_shape_of_the_command_line_is_a_usage_error_exit_2(run: Run, args: list[str]) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    result = run(*args, code=2)  # click's panel (with the usage line, but for a lone -n)
    assert "Error" in result.stderr  # type: ignore[attr-defined]


@PROCESSES
def test_a_closed_pipe_exits_0_without_a_word(run: Run, tmp_path: Path) -> None:
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    # Through a real pipe, as a learner types it: `status` (3 kB) was 141 before, though a
    # longer `show` was 0 when head had not yet closed the pipe: one rule now.
    line = f'"{ROADMAP}" status --week 2026-01-09 | head -1; echo "${{PIPESTATUS[0]}}"'
    shell = subprocess.run(
        ["bash", "-c", line],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert shell.stdout.splitlines()[-1] == "0", shell.stderr
    assert shell.stderr == ""
    # The reader gone before anything is written: every kind of output meets the closed pipe.
    for args in [
        ["status", "--week", "2026-01-09"],
        ["show", "--json"],
        ["export", "--format", "ics", "--on", "2026-01-09"],
        ["--help"],
        ["history"],
    ]:
        reader, writer = os.pipe()
        os.close(reader)
        try:
            done = subprocess.run(
                [ROADMAP, *args], stdout=writer, stderr=subprocess.PIPE, timeout=60, check=False
            )
        finally:
            os.close(writer)
        assert (done.returncode, done.stderr) == (0, b""), args


@PROCESSES
def test_output_in_an_encoding_without_drawing_characters_does_not_crash(run: Run) -> None:
    # PYTHONIOENCODING=cp1252 roadmap status > s.txt: the Windows default when redirected
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    run("check", "p0-python/functions-and-modules", "--on", "2026-01-06")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    for args in [
        ["status", "--week", "2026-01-09"],
        ["plan", "--on", "2026-01-09"],
        ["stats", "--on", "2026-01-09"],
        ["show"],
    ]:
        done = subprocess.run(
            [ROADMAP, *args], capture_output=True, env=env, timeout=60, check=False
        )
        assert (done.returncode, done.stderr) == (0, b""), args
        text = done.stdout.decode("cp1252")  # cp1252 bytes, whatever could not be held as ?
        assert "Complete AI Engineer" in text or "p0-python" in text, args
