"""Item states (doing, skip, reset), module and phase ids, notes and evidence, show ITEM and
the portfolio, through the CLI (issue 7, items 1 and 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_tracker.cli import options
from roadmap_tracker.cli.app import app
from tests.conftest import Run


def as_json(result: Any) -> Any:
    return json.loads(result.stdout)


def status(run: Run, day: str = "2026-01-20") -> Any:
    return as_json(run("status", "--week", day, "--json"))


def events(progress_file: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line[2:])
        for line in progress_file.read_text(encoding="utf-8").splitlines()
        if line.startswith("- {")
    ]


def test_a_skipped_item_changes_total_not_done(enrolled: Run) -> None:
    before = status(enrolled)
    enrolled("check", "m1/attention-from-scratch", "--on", "2026-01-07")
    enrolled("skip", "m1/vit-vs-cnn", "--reason", "done at work", "--on", "2026-01-08")
    after = status(enrolled)
    assert after["done"] == before["done"] + 1
    assert after["total"] == before["total"] - 1
    module = next(m for m in after["modules"] if m["id"] == "m1")
    assert (module["done"], module["total"]) == (1, 9)
    (skipped,) = after["skipped"]
    assert skipped["id"] == "m1/vit-vs-cnn"
    assert skipped["reason"] == "done at work"
    assert skipped["on"] == "2026-01-08"
    human = enrolled("status", "--week", "2026-01-20").stdout
    assert "Skipped (not counted):" in human and "done at work" in human
    assert f"{after['done']} of {after['total']} items" in human


def test_skipping_the_rest_of_a_module_completes_it_for_next(enrolled: Run) -> None:
    module_items = [
        "m1/attention-from-scratch",
        "m1/minimal-vit",
        "m1/fine-tune-vit",
        "m1/vit-vs-cnn",
        "m1/portfolio",
    ]
    enrolled("check", *module_items, "--on", "2026-01-10", "--no-link")
    blocked = as_json(enrolled("next", "--from", "2026-01-11", "-n", "20", "--json"))
    assert any(b["id"] == "m2" for b in blocked["blocked"])
    enrolled("skip", "m1", "--yes", "--on", "2026-01-11")
    opened = as_json(enrolled("next", "--from", "2026-01-11", "-n", "20", "--json"))
    assert not any(b["id"] == "m2" for b in opened["blocked"])
    assert any(t["id"].startswith("m2/") for t in opened["tasks"])
    assert not any(t["id"].startswith("m1/") for t in opened["tasks"])


def test_doing_items_come_first_in_next(enrolled: Run) -> None:
    enrolled("doing", "m1/fine-tune-vit", "--on", "2026-01-06")
    view = as_json(enrolled("next", "--from", "2026-01-07", "--json"))
    first = view["in_progress"][0]
    assert first["id"] == "m1/fine-tune-vit"
    assert first["since"] == "2026-01-06"
    assert "m1/fine-tune-vit" not in [t["id"] for t in view["tasks"]]
    human = enrolled("next", "--from", "2026-01-07").stdout
    assert human.index("In progress") < human.index("Next in")
    assert "since Tue 2026-01-06" in human
    # Checking it ends "in progress".
    enrolled("check", "m1/fine-tune-vit", "--on", "2026-01-07")
    after = as_json(enrolled("next", "--from", "2026-01-07", "--json"))
    assert after["in_progress"] == []


def test_reset_puts_done_doing_and_skipped_items_back_to_open(enrolled: Run) -> None:
    open_total = status(enrolled)["total"]
    enrolled("check", "m1/attention-from-scratch", "--on", "2026-01-07")
    enrolled("doing", "m1/minimal-vit", "--on", "2026-01-07")
    enrolled("skip", "m1/vit-vs-cnn", "--on", "2026-01-07")
    result = as_json(
        enrolled(
            "reset",
            "attention-from-scratch",
            "minimal-vit",
            "vit-vs-cnn",
            "--on",
            "2026-01-08",
            "--json",
        )
    )
    assert [c["id"] for c in result["changed"]] == [
        "m1/attention-from-scratch",
        "m1/minimal-vit",
        "m1/vit-vs-cnn",
    ]
    after = status(enrolled)
    assert (after["done"], after["total"], after["skipped"]) == (0, open_total, [])
    assert as_json(enrolled("next", "--from", "2026-01-08", "--json"))["in_progress"] == []
    again = as_json(enrolled("reset", "vit-vs-cnn", "--json"))
    assert again["changed"] == [] and again["unchanged"][0]["note"] == "already open"


def test_a_module_id_asks_then_checks_only_its_open_items(
    enrolled: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    enrolled("check", "m1/attention-from-scratch", "--on", "2026-01-07")
    enrolled("skip", "m1/vit-vs-cnn", "--on", "2026-01-07")
    before = progress_file.read_bytes()
    # Not a terminal and no --yes: refused, nothing written.
    refused = enrolled("check", "m1", "--on", "2026-01-09", code=1)
    assert "--yes" in refused.stderr and "Traceback" not in refused.stderr
    assert progress_file.read_bytes() == before
    # In a terminal the learner is asked; "n" changes nothing.
    monkeypatch.setattr(options, "interactive", lambda: True)
    runner = CliRunner()
    no = runner.invoke(app, ["check", "m1", "--on", "2026-01-09", "--no-link"], input="n\n")
    assert no.exit_code == 1 and "Check the 8 open or doing items of m1?" in no.stderr
    assert progress_file.read_bytes() == before
    yes = runner.invoke(app, ["check", "m1", "--on", "2026-01-09", "--no-link"], input="y\n")
    assert yes.exit_code == 0, yes.stdout
    last = events(progress_file)[-1]
    assert last["action"] == "check" and len(last["items"]) == 8
    assert "m1/vit-vs-cnn" not in last["items"]  # skipped stays skipped
    assert "m1/attention-from-scratch" not in last["items"]  # done before
    module = next(m for m in status(enrolled)["modules"] if m["id"] == "m1")
    assert module["done"] == module["total"] == 9


def test_a_phase_id_with_yes_checks_the_planned_items_of_the_phase(enrolled: Run) -> None:
    result = as_json(enrolled("check", "p1", "--yes", "--on", "2026-01-09", "--json"))
    phase = next(p for p in status(enrolled)["phases"] if p["id"] == "p1")
    assert len(result["changed"]) == phase["total"] == phase["done"]
    assert result["expanded"] == ["p1"]


def test_check_with_note_and_links_keeps_them_with_the_item(enrolled: Run, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("# ViT vs CNN\n", encoding="utf-8")
    enrolled(
        "check",
        "vit-vs-cnn",
        "--on",
        "2026-01-12",
        "--note",
        "ViT wins above 1M images",
        "--link",
        "https://github.com/me/vit-vs-cnn",
        "--link",
        str(report),
    )
    enrolled("note", "vit-vs-cnn", "write-up polished", "--on", "2026-01-13")
    shown = as_json(enrolled("show", "m1/vit-vs-cnn", "--json"))
    assert shown["state"] == "done" and shown["state_on"] == "2026-01-12"
    assert [(n["on"], n["text"], n["links"]) for n in shown["notes"]] == [
        (
            "2026-01-12",
            "ViT wins above 1M images",
            ["https://github.com/me/vit-vs-cnn", str(report)],
        ),
        ("2026-01-13", "write-up polished", []),
    ]
    assert shown["planned_start"] == "2026-01-05" and shown["planned_end"] == "2026-03-01"
    human = enrolled("show", "vit-vs-cnn").stdout
    assert "write-up polished" in human and "https://github.com/me/vit-vs-cnn" in human


def test_a_relative_path_is_kept_absolute_and_a_missing_one_is_refused(
    enrolled: Run, progress_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    enrolled("note", "minimal-vit", "--link", "notes.md")
    assert events(progress_file)[-1]["links"] == [str(tmp_path / "notes.md")]
    before = progress_file.read_bytes()
    missing = enrolled("note", "minimal-vit", "--link", "nowhere.md", code=1)
    assert "No file or directory at nowhere.md" in missing.stderr
    empty = enrolled("note", "minimal-vit", code=1)
    assert "needs text or a link" in empty.stderr
    assert progress_file.read_bytes() == before


def test_a_deliverable_asks_for_a_link_in_a_terminal(
    enrolled: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(options, "interactive", lambda: True)
    runner = CliRunner()
    asked = runner.invoke(
        app, ["check", "m1/portfolio", "--on", "2026-02-20"], input="https://me.dev/vit\n"
    )
    assert asked.exit_code == 0, asked.stdout
    assert "Link or path to the evidence for m1/portfolio" in asked.stderr  # a question
    assert events(progress_file)[-1]["links"] == ["https://me.dev/vit"]
    skipped = runner.invoke(app, ["check", "m2/portfolio", "--on", "2026-02-20", "--no-link"])
    assert skipped.exit_code == 0 and "Link or path" not in skipped.stdout
    assert "links" not in events(progress_file)[-1]
    assert "roadmap note m2/portfolio --link" in skipped.stdout


def test_portfolio_lists_every_deliverable_of_the_plan_with_its_evidence(enrolled: Run) -> None:
    enrolled("check", "m1/portfolio", "--on", "2026-02-27", "--link", "https://github.com/me/vit")
    enrolled("note", "m1/portfolio", "Cut latency 40% on Jetson", "--on", "2026-02-28")
    view = as_json(enrolled("portfolio", "--json"))
    # One deliverable per module: 7 planned; optional m8's is counted apart.
    assert (view["total"], view["done"], view["not_planned"]) == (7, 1, 1)
    first = view["deliverables"][0]
    assert first["id"] == "m1/portfolio" and first["done_on"] == "2026-02-27"
    assert first["links"] == ["https://github.com/me/vit"]
    assert first["notes"] == ["Cut latency 40% on Jetson"]
    assert first["kind"] == "portfolio project"
    markdown = enrolled("portfolio", "--done").stdout
    assert markdown.startswith("# Portfolio: Advanced AI Engineering Program")
    assert (
        "- [x] **Architecture modernization project** "
        "(portfolio project, done 2026-02-27)\n  - https://github.com/me/vit\n"
        "  - Cut latency 40% on Jetson" in markdown
    )
    assert "[ ]" not in markdown  # --done leaves out the open ones
    assert "1 deliverable outside your plan is not listed;" in markdown


def test_show_names_neither_a_curriculum_nor_an_item(enrolled: Run) -> None:
    result = enrolled("show", "attenton from scrach", code=1)
    assert "neither a curriculum nor an item of advanced-ai" in result.stderr
    assert "m1/attention-from-scratch" in result.stderr


def test_show_marks_items_in_progress_and_skipped(enrolled: Run) -> None:
    enrolled("doing", "minimal-vit")
    enrolled("skip", "vit-vs-cnn")
    tree = enrolled("show").stdout
    assert "▶ m1/minimal-vit" in tree and "⤼ m1/vit-vs-cnn" in tree


def test_history_and_undo_know_the_new_changes(enrolled: Run) -> None:
    enrolled("skip", "vit-vs-cnn", "--reason", "covered at work", "--on", "2026-01-09")
    history = enrolled("history", "-n", "1").stdout
    assert "skipped m1/vit-vs-cnn on 2026-01-09 (covered at work)" in history
    enrolled("undo")
    assert status(enrolled)["skipped"] == []


def test_doing_or_skip_leaves_a_done_item_done(enrolled: Run, progress_file: Path) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-07")
    before = progress_file.read_bytes()
    for command in ("doing", "skip"):
        result = as_json(enrolled(command, "minimal-vit", "--json"))
        assert result["changed"] == []
        assert result["unchanged"][0]["note"] == (
            "done on 2026-01-07; 'roadmap reset m1/minimal-vit' reopens it"
        )
    assert progress_file.read_bytes() == before
    assert status(enrolled)["done"] == 1


def test_the_question_goes_to_stderr_when_stdout_is_json(
    enrolled: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(options, "interactive", lambda: True)
    result = CliRunner().invoke(app, ["check", "m1", "--on", "2026-01-09", "--json"], input="y\n")
    assert result.exit_code == 0
    # CliRunner echoes the typed "y" into stdout; a terminal echoes it on the screen only.
    assert result.stdout.startswith(" y\n")
    assert len(json.loads(result.stdout[3:])["changed"]) == 10
    assert "Check the 10 open or doing items of m1?" in result.stderr
    assert "m1/minimal-vit  Build minimal ViT implementation" in result.stderr


def test_a_module_done_but_for_skipped_items_is_complete_in_status(enrolled: Run) -> None:
    enrolled("check", "m1/attention-from-scratch", "m1/minimal-vit", "--on", "2026-01-10")
    late = status(enrolled, "2026-09-01")
    assert any(entry["ref"] == "m1" for entry in late["overdue"])
    enrolled("skip", "m1", "--yes", "--on", "2026-01-11")
    after = status(enrolled, "2026-09-01")
    module = next(m for m in after["modules"] if m["id"] == "m1")
    assert (module["done"], module["total"]) == (2, 2)
    assert not any(entry["ref"] == "m1" for entry in after["overdue"])
    assert after["days_ahead"] > late["days_ahead"]
