"""The words and the layout people read: sentences wrapped to their terminal, tables without
spaces at their line ends, columns that give titles their room, counts in correct English,
documents without the paths of the machine they were written on, and curriculum titles in
their source's words.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from roadmap_tracker.cli.app import app
from roadmap_tracker.curriculum.catalog import bundled_dir

from .conftest import Run, seed_text
from .pty_output import read_all
from .test_terminal import PTY, ROADMAP, environment

REPO = Path(__file__).resolve().parent.parent


def _wide(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """Draw for a terminal of ``columns`` cells."""
    from roadmap_tracker.cli import terminal

    monkeypatch.setenv("COLUMNS", str(columns))
    terminal.console.cache_clear()


# --- sentences wrapped to the terminal ------------------------------------------------------


def _stderr_on_terminal(home: Path, columns: int, *args: str) -> tuple[int, str]:
    """Run ``roadmap ARGS`` with stderr on a pseudo-terminal ``columns`` wide (stdout and stdin
    not a terminal); return its exit code and what stderr showed."""
    import fcntl
    import struct
    import termios

    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(
        [ROADMAP, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=environment(home),
    )
    os.close(follower)
    shown = read_all(leader)
    return process.wait(timeout=60), shown


@PTY
def test_an_error_wraps_to_the_terminal_and_stays_one_line_a_sentence_in_a_pipe(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    started = [ROADMAP, "start", "advanced-ai", "--on", "2026-01-05"]
    subprocess.run(started, env=environment(home), capture_output=True, check=True)
    ambiguous = ["check", "learning", "--on", "2026-01-07"]
    code, shown = _stderr_on_terminal(home, 50, *ambiguous)
    lines = shown.rstrip("\n").split("\n")
    assert code == 1 and len(lines) > 4, shown
    assert all(len(line) <= 50 for line in lines), shown
    # In a pipe each sentence and each candidate is one line: the same words.
    piped = subprocess.run(
        [ROADMAP, *ambiguous], env=environment(home), capture_output=True, text=True
    )
    sentences = piped.stderr.rstrip("\n").split("\n")
    assert sentences[0] == (
        "Error: 'learning' matches 2 items in advanced-ai; name one of them by its id."
    )
    assert " ".join(shown.split()) == " ".join(piped.stderr.split())
    # A candidate's title goes on below its id, indented under the candidate.
    assert any(line.startswith("    ") for line in lines), shown
    assert len(sentences) < len(lines)


def test_a_confirmation_wraps_its_items_and_question_to_the_terminal(
    enrolled: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_tracker.cli import options, wrapping

    monkeypatch.setattr(options, "interactive", lambda: True)
    monkeypatch.setattr(wrapping, "terminal_width", lambda stream: 40)
    result = CliRunner().invoke(app, ["doing", "m1", "--on", "2026-01-07"], input="n\n")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert all(len(line) <= 40 for line in lines), result.output
    said = " ".join(result.output.split())
    assert "m1/fine-tune-vit Fine-tune pre-trained vision transformers on custom datasets" in said
    assert "Mark the 10 open items of m1 in progress? [y/N]:" in said


# --- tables and counts ----------------------------------------------------------------------


def test_piped_views_end_no_line_with_a_space(run: Run) -> None:
    started = run("start", "advanced-ai", "--on", "2026-01-05").stdout
    run("check", "m1/minimal-vit", "--on", "2026-01-07")
    outputs = [started] + [
        run(*command).stdout
        for command in [
            ["list"],
            ["status", "--week", "2026-03-20"],
            ["plan", "--on", "2026-03-20"],
            ["next", "--from", "2026-03-20"],
            ["forecast", "--on", "2026-03-20"],
            ["show"],
            ["history"],
        ]
    ]
    padded = [line for out in outputs for line in out.splitlines() if line.endswith(" ")]
    assert not padded


def test_list_gives_titles_their_room_beside_a_long_slug_at_80_columns(
    run: Run, roadmap_home: Path
) -> None:
    text = (bundled_dir() / "professional-ai-engineer.yaml").read_text(encoding="utf-8")
    slug = "my-professional-ai-engineer-copy"
    curricula = roadmap_home / "curricula"
    curricula.mkdir(parents=True, exist_ok=True)
    copy = text.replace("slug: professional-ai-engineer", f"slug: {slug}")
    (curricula / f"{slug}.yaml").write_text(copy, encoding="utf-8")
    run("start", slug, "--on", "2026-01-05")
    lines = run("list").stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    assert lines[0].split() == ["Slug", "Title", "Length", "Items"]
    assert any(line.startswith(slug) and "The Professional AI" in line for line in lines), lines
    assert any("Advanced AI Engineer" in line for line in lines), lines
    assert any(line.startswith("(yours, enrolled)") for line in lines), lines
    assert [line.split()[-1] for line in lines if line.startswith(slug)] == ["75"]


def test_plan_names_grow_with_the_terminal_and_its_legend_names_the_marks_drawn(
    enrolled: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_name = "m7 Privacy-Preserving ML & Federated Learning"
    _wide(monkeypatch, 120)
    wide = enrolled("plan", "--on", "2026-03-01").stdout
    assert long_name in wide
    assert all(len(line) <= 120 for line in wide.splitlines())
    (legend,) = [line for line in wide.splitlines() if line.startswith("2026-01-05 to ")]
    # nothing is done, nothing goes on, no range: only the planned bars and today are drawn
    assert legend == "2026-01-05 to 2027-02-14 · ░ planned · │ today 2026-03-01"
    _wide(monkeypatch, 80)
    narrow = enrolled("plan", "--on", "2026-03-01").stdout
    assert long_name not in narrow and "  m7 Privacy-Preservi…" in narrow
    assert all(len(line) <= 80 for line in narrow.splitlines())
    for item in ["m1/minimal-vit", "m1/attention-from-scratch", "m1/fine-tune-vit"]:
        enrolled("check", item, "--on", "2026-02-20")
    done = enrolled("plan", "--on", "2026-03-01").stdout
    assert "· █ done ░ planned · │ today 2026-03-01" in done


def test_ongoing_plans_show_a_goes_on_mark_in_the_legend(run: Run) -> None:
    started = run("start", "ai-study-plan", "--on", "2026-01-05", "--hours-per-week", "15")
    assert (
        "Starts 2026-01-05 at 15 hours a week; its last parts go on with no end date."
        in started.stdout
    )
    assert "▶ goes on" in run("plan", "--on", "2026-02-01").stdout


def test_counts_of_one_are_singular(enrolled: Run) -> None:
    enrolled("check", "m1/minimal-vit", "--on", "2026-02-05")
    stats = enrolled("stats", "--weeks", "1", "--on", "2026-02-06").stdout
    assert "\n1 week: Mon 2026-02-02 to Fri 2026-02-06\n" in stats
    assert "Longest streak: 1 day, on 2026-02-05\n" in stats
    late = enrolled("status", "--week", "2026-10-15").stdout
    assert "1 older overdue point (--json lists them)" in late


def test_a_module_marked_in_progress_whole_asks_in_plain_words(enrolled: Run) -> None:
    refused = enrolled("doing", "m1", "--on", "2026-01-07", code=1)
    assert refused.stderr.splitlines()[:2] == [
        "Error: m1 stands for 10 items; mark them all in progress only when you say so.",
        "Add --yes to mark them all in progress, or name the items one by one.",
    ]


# --- documents and titles -------------------------------------------------------------------

MACHINE_PATH = re.compile(r"(?<![\w.$~])/(?:work|tmp|root|Users|home/(?!you/|ana/))[\w.-]*/")
"""An absolute path of some machine: /work/..., /tmp/..., /root/..., /Users/..., or a home
directory other than the placeholders the docs use for a learner (/home/you/, /home/ana/)."""


def test_the_docs_show_no_path_of_the_machine_they_were_written_on() -> None:
    documents = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in documents
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MACHINE_PATH.search(line)
    ]
    assert not found, found
    # the check finds what it is for
    assert MACHINE_PATH.search("the bundled curriculum /work/main/curricula/advanced-ai.yaml.")
    assert MACHINE_PATH.search("Your curriculum /tmp/roadmap-home/curricula/x.yaml")
    assert not MACHINE_PATH.search("Set up /home/you/.local/share/roadmap with the git remote")


def _titles(kind: str, data: object) -> list[str]:
    """The titles of every ``kind`` list (``deliverables``, ``tasks``...) in curriculum data."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == kind and isinstance(value, list):
                found += [entry["title"] for entry in value if isinstance(entry, dict)]
            found += _titles(kind, value)
    elif isinstance(data, list):
        for value in data:
            found += _titles(kind, value)
    return found


def test_advanced_ai_titles_are_the_source_s_words() -> None:
    data = YAML(typ="safe").load((bundled_dir() / "advanced-ai.yaml").read_text("utf-8"))
    source = " ".join(seed_text("002").split())
    deliverables = _titles("deliverables", data)
    assert len(deliverables) == 8
    assert "Architecture modernization project" in deliverables
    titles = deliverables + _titles("tasks", data) + _titles("modules", data)
    titles += _titles("phases", data) + _titles("items", data) + _titles("recurring", data)
    # (a title begins with a capital where its words begin a sentence's middle in the source:
    # "maintain paper reading routine" is the activity "Paper reading routine")
    differ = [t for t in titles if t not in source and t[0].lower() + t[1:] not in source]
    assert differ == []


@pytest.mark.parametrize(
    ("slug", "seed"),
    [
        ("ai-study-plan", "000"),
        ("complete-ai-engineer", "001"),
        ("advanced-roadmap", "003"),
        ("professional-ai-engineer", "004"),
    ],
)
def test_every_bundled_deliverable_is_titled_in_its_source_s_words(slug: str, seed: str) -> None:
    data = YAML(typ="safe").load((bundled_dir() / f"{slug}.yaml").read_text("utf-8"))
    source = " ".join(seed_text(seed).split())
    deliverables = _titles("deliverables", data)
    assert deliverables
    # ("model prototypes, code contributions" in a sentence: "Model prototypes")
    differ = [t for t in deliverables if t not in source and t[0].lower() + t[1:] not in source]
    assert differ == []
