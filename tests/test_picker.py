"""The picker (decision 52): a reference that names several items or none opens it in a
terminal (a real pseudo-terminal here, through pexpect); without one, or with --json, the
error stands and --all lists every candidate. The prompt library is loaded by no other path.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

from roadmap_tracker.commands import picking
from tests.learner import Learner
from tests.test_performance_guards import banned, imported_by, offending

ROADMAP = shutil.which("roadmap") or str(Path(sys.executable).parent / "roadmap")
DOWN = "\x1b[B"
ESC = "\x1b"


def spawn(*args: str) -> pexpect.spawn:
    """``roadmap ARGS`` in a pseudo-terminal of 40 x 120, with this test's ROADMAP_HOME."""
    env = {**os.environ, "NO_COLOR": "1"}
    return pexpect.spawn(
        ROADMAP, list(args), env=env, encoding="utf-8", timeout=20, dimensions=(40, 120)
    )


def finish(child: pexpect.spawn) -> tuple[int, str]:
    """Wait for the process to end: (its exit code, what it printed after the last expect)."""
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


def state_of(run: object, item: str) -> str:
    """The state ``roadmap show ITEM --json`` gives for an item."""
    shown = json.loads(run("show", item, "--json").stdout)  # type: ignore[operator]
    return str(shown["state"])


def test_an_ambiguous_reference_opens_a_picker_and_the_pick_is_checked(enrolled: object) -> None:
    child = spawn("check", "vit", "--on", "2026-01-06", "--no-link")
    child.expect("which one")
    child.expect("m1/vit-vs-cnn")
    child.send(DOWN)
    child.send("\r")
    code, output = finish(child)
    assert code == 0, output
    assert "m1/vit-vs-cnn" in output and "done 2026-01-06" in output
    assert state_of(enrolled, "m1/vit-vs-cnn") == "done"
    assert state_of(enrolled, "m1/minimal-vit") == "open"


def test_typing_filters_the_picker(enrolled: object) -> None:
    child = spawn("doing", "implement", "--on", "2026-01-06")
    child.expect("which one")
    child.send("ddpm")
    child.expect("ddpm")
    child.send("\r")
    code, output = finish(child)
    assert code == 0, output
    assert state_of(enrolled, "m2/ddpm-from-scratch") == "doing"


def test_escape_cancels_and_records_nothing(enrolled: object, progress_file: Path) -> None:
    before = progress_file.read_bytes()
    child = spawn("check", "vit", "--on", "2026-01-06", "--no-link")
    child.expect("which one")
    child.send(ESC)
    code, output = finish(child)
    assert code == 1
    assert "Nothing was picked, so nothing was recorded." in output
    assert "Traceback" not in output
    assert progress_file.read_bytes() == before


def test_check_alone_picks_among_the_open_items_of_the_current_module_first(
    enrolled: object,
) -> None:
    enrolled("check", "m1/attention-from-scratch", "--on", "2026-01-06")  # type: ignore[operator]
    child = spawn("check", "--on", "2026-01-20", "--no-link")
    child.expect("Which item")
    child.expect(r"» (\S+)")
    first = child.match.group(1)
    child.send("\r")
    code, output = finish(child)
    assert code == 0, output
    assert first.startswith("m1/") and first != "m1/attention-from-scratch"
    assert state_of(enrolled, first) == "done"


def test_a_reference_that_names_nothing_offers_the_closest_items(enrolled: object) -> None:
    child = spawn("check", "m7/dp-sgd", "--on", "2026-01-06", "--no-link")
    child.expect("Nothing matches 'm7/dp-sgd'")
    child.expect(r"» (\S+)")
    assert child.match.group(1) == "m7/dp-sgd-tradeoff"
    child.send("\r")
    code, output = finish(child)
    assert code == 0, output
    assert state_of(enrolled, "m7/dp-sgd-tradeoff") == "done"


def test_log_task_and_note_and_show_open_the_picker_too(enrolled: object) -> None:
    child = spawn("log", "1.5", "--task", "vit", "--on", "2026-01-06")
    child.expect("which one")
    child.send("\r")
    code, output = finish(child)
    assert code == 0, output
    assert "Logged 1.5 h on Build minimal ViT implementation" in output
    child = spawn("note", "vit", "works", "--on", "2026-01-06")
    child.expect("which one")
    child.send(DOWN + "\r")
    code, output = finish(child)
    assert code == 0, output
    assert "m1/vit-vs-cnn" in output
    child = spawn("show", "vit")
    child.expect("which one")
    child.send(DOWN + "\r")
    code, output = finish(child)
    assert code == 0, output
    assert "works" in output  # the note just added to m1/vit-vs-cnn


def test_timer_start_and_edit_task_open_the_picker_too(enrolled: object) -> None:
    child = spawn("timer", "start", "vit")
    child.expect("which one")
    child.send(DOWN + "\r")
    code, output = finish(child)
    assert code == 0, output
    assert "m1/vit-vs-cnn" in output
    child = spawn("log", "1", "--on", "2026-01-06")
    assert finish(child)[0] == 0
    child = spawn("edit", "2", "--task", "vit")
    child.expect("which one")
    child.send("\r")
    code, output = finish(child)
    assert code == 0, output
    assert "m1/minimal-vit" in output


def test_json_in_a_terminal_keeps_the_error(enrolled: object, progress_file: Path) -> None:
    before = progress_file.read_bytes()
    code, output = finish(spawn("check", "vit", "--json", "--on", "2026-01-06"))
    assert code == 1
    assert "'vit' matches 2 items" in output and "m1/vit-vs-cnn" in output
    assert progress_file.read_bytes() == before


def test_without_a_terminal_five_candidates_and_all_lists_every_one(enrolled: object) -> None:
    result = enrolled("check", "implement", "--on", "2026-01-06", code=1)  # type: ignore[operator]
    lines = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(lines) == 6
    assert lines[-1] == "  ... and 12 more (--all lists them)"
    every = enrolled("check", "implement", "--all", "--on", "2026-01-06", code=1)  # type: ignore[operator]
    lines = [line for line in every.stderr.splitlines() if line.startswith("  ")]
    assert len(lines) == 17
    assert "  m8/camera-geometry  Implement camera geometry algorithms" in lines
    assert "more" not in every.stderr


def test_check_alone_without_a_terminal_says_to_name_an_item(enrolled: object) -> None:
    result = enrolled("check", code=2)  # type: ignore[operator]
    assert "Name the items to check" in " ".join(result.stderr.split())


def test_undoing_picks_among_the_done_items() -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    learner.check("m1/vit-vs-cnn", on="2026-01-06")
    session = learner.session("2026-01-06")
    ids = ["m1/minimal-vit", "m1/vit-vs-cnn"]
    assert [c.id for c in picking.pick_choices(session, ids, "uncheck")] == ["m1/vit-vs-cnn"]
    assert [c.id for c in picking.pick_choices(session, ids, "check")] == ["m1/minimal-vit"]
    done_only = picking.pick_choices(session, ["m1/vit-vs-cnn"], "check")
    assert [(c.id, c.state) for c in done_only] == [("m1/vit-vs-cnn", "done")]


def test_the_current_module_comes_first() -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    session = learner.session("2026-03-02")  # week 9: module m2
    choices = picking.pick_choices(session, ["m1/minimal-vit", "m2/ddpm-from-scratch"], "check")
    assert [c.id for c in choices] == ["m2/ddpm-from-scratch", "m1/minimal-vit"]


PROMPT_LIBRARIES = ("questionary", "prompt_toolkit")


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("next",),
        ("show", "m1"),
        ("check", "m1/minimal-vit", "--on", "2026-01-06", "--no-link"),
        ("check", "vit", "--on", "2026-01-06"),  # the error, without a terminal
        ("find", "transformer"),
        ("log", "1", "--task", "vit", "--on", "2026-01-06"),
    ],
    ids=" ".join,
)
def test_no_other_path_imports_the_prompt_library(enrolled: object, args: tuple[str, ...]) -> None:
    bans = banned(PROMPT_LIBRARIES)
    home = Path(os.environ["ROADMAP_HOME"])
    modules = imported_by(home, *args)
    assert "roadmap_tracker.cli.app" in modules
    assert offending(modules, bans) == []
    if args[0] != "find":  # (find shares the picker's item states)
        assert "roadmap_tracker.commands.picking" not in modules
    if args[0] in ("status", "next", "check"):
        assert "roadmap_tracker.commands.finding" not in modules
