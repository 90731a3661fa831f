"""Export then import gives the same curriculum back, and an edited export flows back into
its enrollment ('roadmap import FILE --update', or found from its ids) (issue 25).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from roadmap_tracker.curriculum import catalog
from roadmap_tracker.curriculum.model import Curriculum

from .conftest import Run

SLUGS = sorted(path.stem for path in catalog.bundled_dir().glob("*.yaml"))


def descriptions(curriculum: Curriculum) -> dict[str, str | None]:
    parts = [*curriculum.modules, *curriculum.phases]
    found = {t.id: t.description for part in parts for t in (*part.tasks, *part.deliverables)}
    return {item.id: found.get(item.id) for item in curriculum.items}


def resource_urls(curriculum: Curriculum) -> dict[str, list[tuple[str, str | None]]]:
    """The resources of each module and phase (and ``*`` the curriculum's): title and url."""
    found = {"*": [(r.title, r.url) for r in curriculum.resources]}
    for part in [*curriculum.modules, *curriculum.phases]:
        if part.resources:
            found[part.id] = [(r.title, r.url) for r in part.resources]
    return found


def export_of(run: Run, tmp_path: Path, *args: str) -> Path:
    exported = tmp_path / "checklist.md"
    run("export", "--format", "markdown", "-o", str(exported), *args)
    return exported


@pytest.mark.parametrize("slug", SLUGS)
def test_export_then_import_gives_the_same_curriculum(run: Run, tmp_path: Path, slug: str) -> None:
    run("start", slug, "--on", "2026-01-05")
    original = catalog.load_slug(slug)
    exported = export_of(run, tmp_path)
    run("import", str(exported), "--slug", f"again-{slug}")
    again = catalog.load_slug(f"again-{slug}")
    # the same items, ids and titles (a checkpoint's criteria come back as tasks, in the
    # order the checklist lists them)
    assert {i.id: i.title for i in again.items} == {i.id: i.title for i in original.items}
    assert descriptions(again) == descriptions(original)
    assert resource_urls(again) == resource_urls(original)
    phases = [p.id for p in original.phases]
    assert [p.id for p in again.phases][: len(phases)] == phases  # milestones: one more


def test_the_states_come_back_with_progress(run: Run, tmp_path: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("check", "m1/attention-from-scratch", "--on", "2026-01-06")
    run("doing", "m1/minimal-vit", "--on", "2026-01-06")
    run("skip", "m1/fine-tune-vit", "--on", "2026-01-06")
    run("note", "m1/attention-from-scratch", "Multi-head was the tricky part", "--on", "2026-01-06")
    exported = export_of(run, tmp_path, "--on", "2026-01-07")
    text = exported.read_text("utf-8")
    assert "- [/] Build minimal ViT implementation" in text
    assert "  - Note: Multi-head was the tricky part" in text
    run("import", str(exported), "--slug", "again", "--progress", "--on", "2026-01-05")
    status = json.loads(run("export", "--format", "json", "--on", "2026-01-07").stdout)
    states = {e["id"]: e["state"] for e in status["enrollment"]["items"] if e["state"] != "open"}
    assert states == {
        "m1/attention-from-scratch": "done",
        "m1/minimal-vit": "doing",
        "m1/fine-tune-vit": "skipped",
    }
    again = catalog.load_slug("again")
    # the note is the learner's record, not the item's description
    assert descriptions(again)["m1/attention-from-scratch"] is None
    copied = run("export", "--format", "markdown", "--on", "2026-01-07").stdout
    assert "- [/] Build minimal ViT implementation" in copied
    assert "  - Note: Multi-head was the tricky part" in copied


def test_notes_and_evidence_come_back_with_progress_and_update(run: Run, tmp_path: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("check", "m1/minimal-vit", "--on", "2026-01-06", "--link", "https://example.com/vit")
    exported = export_of(run, tmp_path, "--on", "2026-01-07")
    assert "  - Evidence: [https://example.com/vit](https://example.com/vit)" in (
        exported.read_text("utf-8")
    )
    text = exported.read_text("utf-8").replace(
        "<!-- id: m1/attention-from-scratch -->",
        "<!-- id: m1/attention-from-scratch -->\n  - Note: started on the train",
    )
    exported.write_text(text, encoding="utf-8")
    out = run("import", str(exported), "--update", "--on", "2026-01-08").stdout
    assert "Updated advanced-ai from" in out and ": 1 note;" in " ".join(out.split())
    notes = run("export", "--format", "markdown", "--on", "2026-01-08").stdout
    assert "  - Note: started on the train" in notes
    undo = json.loads(run("undo", "--json").stdout)
    assert undo["undone"]["action"] == "note" and undo["also"] == []
    assert (
        "  - Note: started on the train"
        not in run("export", "--format", "markdown", "--on", "2026-01-08").stdout
    )
    run("import", str(exported), "--update", "--on", "2026-01-08")
    again = run("import", str(exported), "--update", "--on", "2026-01-08").stdout
    assert "nothing was recorded" in again  # the note is recorded already
    run("import", str(exported), "--slug", "copy", "--progress", "--on", "2026-01-05")
    copied = run("export", "--format", "markdown", "--on", "2026-01-08").stdout
    assert "  - Note: started on the train" in copied
    assert "  - Evidence: [https://example.com/vit](https://example.com/vit)" in copied


def edit(path: Path, changes: dict[str, str]) -> None:
    """Set the box of the lines whose id comment names each item: ``x``, ``/``, ``-`` or
    `` ``."""
    lines = path.read_text("utf-8").splitlines()
    for number, line in enumerate(lines):
        found = re.search(r"<!-- id: (\S+) -->$", line)
        if found and found[1] in changes and line.startswith("- ["):
            body = re.sub(r"^- \[.\] ", "", line).replace("~~", "").replace(" (skipped)", "")
            lines[number] = f"- [{changes[found[1]]}] {body}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def item_states(run: Run, day: str) -> dict[str, str]:
    exported = json.loads(run("export", "--format", "json", "--on", day).stdout)
    return {e["id"]: e["state"] for e in exported["enrollment"]["items"] if e["state"] != "open"}


@pytest.mark.parametrize("flag", [("--update",), ()], ids=["--update", "found-from-ids"])
def test_an_edited_export_records_its_ticks_in_the_enrollment(
    run: Run, tmp_path: Path, roadmap_home: Path, flag: tuple[str, ...]
) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("check", "m1/minimal-vit", "--on", "2026-01-06")
    run("skip", "m1/vit-vs-cnn", "--on", "2026-01-06")
    exported = export_of(run, tmp_path, "--on", "2026-01-07")
    edit(
        exported,
        {
            "m1/attention-from-scratch": "x",
            "m1/fine-tune-vit": "/",
            "m1/minimal-vit": " ",
            "m1/vit-vs-cnn": "x",
            "m1/criteria/explain-concepts": "-",
        },
    )
    with exported.open("a", encoding="utf-8") as handle:
        handle.write("\n- [ ] A new item of my own\n- [x] Another one\n")
    curricula_before = sorted((roadmap_home / "curricula").glob("*")) if flag else []
    out = run("import", str(exported), *flag, "--on", "2026-01-08").stdout
    text = " ".join(out.split())
    assert (
        "Updated advanced-ai from " in text
        and "on 2026-01-08: 2 done, 1 in progress, 1 skipped and 1 reopened;" in text
    )
    assert (
        "2 items in the file are not in the curriculum; import it as a new curriculum with "
        "--slug to use them." in text
    )
    assert ("ids are those of advanced-ai" in text) == (not flag)
    assert item_states(run, "2026-01-08") == {
        "m1/attention-from-scratch": "done",
        "m1/vit-vs-cnn": "done",
        "m1/fine-tune-vit": "doing",
        "m1/criteria/explain-concepts": "skipped",
    }
    assert item_states(run, "2026-01-07") == {"m1/minimal-vit": "done", "m1/vit-vs-cnn": "skipped"}
    # the whole update is one change: undo takes every mark of it back
    undone = run("undo").stdout
    assert undone.count("Undid change") == 4
    assert item_states(run, "2026-01-08") == {"m1/minimal-vit": "done", "m1/vit-vs-cnn": "skipped"}
    assert "nothing to undo" not in run("undo").stdout  # then the change before it
    assert item_states(run, "2026-01-08") == {"m1/minimal-vit": "done"}
    assert (
        not (roadmap_home / "curricula").exists()
        or sorted((roadmap_home / "curricula").glob("*")) == curricula_before
    )


def test_the_update_is_one_write_and_nothing_is_written_when_nothing_changed(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("check", "m1/minimal-vit", "--on", "2026-01-06")
    exported = export_of(run, tmp_path, "--on", "2026-01-07")
    progress = roadmap_home / "progress.yaml"
    before = progress.read_bytes()
    out = run("import", str(exported), "--update", "--on", "2026-01-07").stdout
    assert "nothing was recorded" in out
    assert progress.read_bytes() == before
    edit(exported, {"m1/attention-from-scratch": "x", "m1/fine-tune-vit": "x"})
    result = json.loads(run("import", str(exported), "--on", "2026-01-08", "--json").stdout)
    assert result["updated"]["done"] == ["m1/attention-from-scratch", "m1/fine-tune-vit"]
    assert result["path"] is None
    history = json.loads(run("history", "--json").stdout)["changes"]
    assert history[0]["action"] == "check" and len(history[0]["items"]) == 2
    run("undo")
    assert item_states(run, "2026-01-08") == {"m1/minimal-vit": "done"}


def test_slug_or_progress_import_a_new_curriculum_even_with_known_ids(
    run: Run, tmp_path: Path
) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    exported = export_of(run, tmp_path)
    edit(exported, {"m1/minimal-vit": "x"})
    out = run("import", str(exported), "--slug", "my-copy").stdout
    assert "Imported" in out and "Updated" not in out
    assert item_states(run, "2026-01-08") == {}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--update", "--slug", "x"), "does not go with -o, --slug or --progress"),
        (("--update", "--progress"), "does not go with -o, --slug or --progress"),
    ],
)
def test_update_refuses_options_that_make_a_curriculum(
    run: Run, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    source = tmp_path / "r.md"
    source.write_text("# R\n\n- [ ] x\n", encoding="utf-8")
    assert message in run("import", str(source), *args, code=1).stderr


def test_update_refuses_a_file_without_ids_or_one_no_enrollment_follows(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    source = tmp_path / "r.md"
    source.write_text("# R\n\n- [x] Vectors\n", encoding="utf-8")
    error = run("import", str(source), "--update", code=1).stderr
    assert "carries no item ids, so it cannot update an enrollment" in error
    source.write_text("# R\n\n- [x] Vectors <!-- id: nowhere/vectors -->\n", encoding="utf-8")
    run("start", "advanced-ai", "--on", "2026-01-05")
    error = run("import", str(source), "--update", code=1).stderr
    assert "None of your enrollments follows" in error
    assert not (roadmap_home / "curricula").exists()


def test_part_of_names_the_first_event_of_its_change() -> None:
    from roadmap_tracker.progress.events import Event

    line = {
        "id": "00000000000000000000000005",
        "at": "2026-01-08T09:00:00Z",
        "on": "2026-01-08",
        "curriculum": "c",
    }
    assert Event.model_validate(
        {**line, "action": "check", "items": ["a"], "part_of": "00000000000000000000000003"}
    )
    with pytest.raises(ValueError, match="part_of"):
        Event.model_validate(
            {**line, "action": "check", "items": ["a"], "part_of": "00000000000000000000000006"}
        )
    # the undo events of one 'roadmap undo' are one change too, which 'roadmap redo' takes
    # back whole
    assert Event.model_validate(
        {
            **line,
            "action": "undo",
            "undoes": "00000000000000000000000004",
            "part_of": "00000000000000000000000004",
        }
    ).part_of
