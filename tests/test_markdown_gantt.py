"""The Markdown export's Mermaid gantt chart of the plan (issue 28): every line follows the
grammar of Mermaid's gantt lexer that roadmap writes to (formats/markdown_gantt.py), its tags
say what the learner did, and the import of an export leaves it out without a word.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from roadmap_tracker.commands import exporting
from roadmap_tracker.curriculum import catalog
from roadmap_tracker.formats import markdown_gantt
from tests.learner import Learner

from .conftest import Run

SLUGS = sorted(path.stem for path in catalog.bundled_dir().glob("*.yaml"))
TAGS = {"done", "active", "crit", "milestone"}
DATE = r"\d{4}-\d{2}-\d{2}"
# Mermaid's gantt lexer: a task's text runs to the first ':'; its data to '#', ';' or the end
TASK = re.compile(r"^(?P<text>[^:#;%\s][^:#;%\n]*?) :(?P<data>[^#;%\n]+)$")
SECTION = re.compile(r"^section (?P<text>[^:#;%\n]+)$")
ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class Task:
    def __init__(self, section: str, text: str, tags: list[str], ident: str, start: str, end: str):
        self.section, self.text, self.tags, self.id = section, text, tags, ident
        self.start, self.end = dt.date.fromisoformat(start), end


def gantt_block(markdown: str) -> list[str]:
    """The lines of the one ```mermaid block of ``markdown``, fences included."""
    lines = markdown.splitlines()
    opening = [n for n, line in enumerate(lines) if line == "```mermaid"]
    assert len(opening) == 1, "one mermaid block"
    closing = lines.index("```", opening[0])
    return lines[opening[0] : closing + 1]


def parse(block: list[str]) -> list[Task]:
    """Check ``block`` line by line against the grammar and return its tasks; fails the test
    on the first line that breaks a rule."""
    assert block[0] == "```mermaid" and block[-1] == "```"
    assert block[1] == "gantt", "gantt comes first"
    header = {"dateFormat": False, "title": False, "todayMarker": False}
    section: str | None = None
    tasks: list[Task] = []
    for line in block[2:-1]:
        assert line.startswith("    ") and not line.startswith("     "), line
        statement = line[4:]
        assert statement == statement.strip() and statement, line
        if statement.startswith("%%"):
            assert not statement.startswith("%%{"), "a comment, not a directive"
            continue
        if statement == "dateFormat YYYY-MM-DD":
            assert section is None, "dateFormat before the tasks"
            header["dateFormat"] = True
            continue
        if statement.startswith("title "):
            assert section is None
            header["title"] = True
            continue
        if statement == "todayMarker off":
            header["todayMarker"] = True
            continue
        found = SECTION.match(statement)
        if found:
            section = found["text"]
            continue
        task = TASK.match(statement)
        assert task, f"not a gantt statement: {line!r}"
        assert section is not None, "a task inside a section"
        data = task["data"].split(", ")
        tags = [part for part in data if part in TAGS]
        assert data[: len(tags)] == tags, "tags first"
        assert len(data) == len(tags) + 3, f"tags, id, start, end: {line!r}"
        ident, start, end = data[len(tags) :]
        assert ID.match(ident) and ident not in TAGS, ident
        assert re.fullmatch(DATE, start), start
        if "milestone" in tags:
            assert end == "0d", "a milestone is a point"
        else:
            assert re.fullmatch(DATE, end), end
            assert dt.date.fromisoformat(end) > dt.date.fromisoformat(start), "end is exclusive"
        assert not ({"done", "active"} <= set(tags)), "done or active, not both"
        tasks.append(Task(section, task["text"], tags, ident, start, end))
    assert all(header.values()), header
    ids = [task.id for task in tasks]
    assert len(ids) == len(set(ids)), "ids are unique"
    return tasks


def export(learner: Learner, on: str) -> str:
    return exporting.export(learner.session(on), "markdown")


@pytest.mark.parametrize("slug", SLUGS)
def test_every_dated_curriculum_gives_a_chart_that_keeps_the_grammar(slug: str) -> None:
    learner = Learner()
    learner.start(slug, "2026-01-05")
    text = export(learner, "2026-03-16")
    curriculum = catalog.load_slug(slug)
    dated = learner.session("2026-03-16").context().plan.dated
    if not dated:
        assert "```mermaid" not in text  # nothing to draw: no chart, no empty block
        return
    tasks = parse(gantt_block(text))
    modules = {task.id: task for task in tasks if "milestone" not in task.tags}
    plan = learner.session("2026-03-16").context().plan
    fixed = [w for w in plan.modules if w.start is not None and w.end is not None]
    assert len(modules) == len(fixed)
    for window in fixed:
        task = modules["m_" + re.sub(r"[^A-Za-z0-9_]", "_", window.id)]
        assert task.start == window.start and task.end == (window.end + dt.timedelta(1)).isoformat()
        assert task.section == markdown_gantt.text(curriculum.phase_of[window.id].title, "")
    assert tasks[-1].tags == ["milestone"] and tasks[-1].start == dt.date(2026, 3, 16)


def test_tags_follow_the_record_done_active_and_late() -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    m1 = learner.session("2026-01-05").context().curriculum.item_ids_of("m1")
    learner.check(*m1, on="2026-02-20")
    learner.check("m2/ddpm-from-scratch", on="2026-03-10")
    tasks = {t.id: t for t in parse(gantt_block(export(learner, "2026-03-10")))}
    assert tasks["m_m1"].tags == ["done"]
    assert tasks["m_m2"].tags == ["active"]  # begun, and its window holds the day
    assert tasks["m_m3"].tags == []
    # months later m2 and m3 are past their ends with items open: late, and m2 begun
    tasks = {t.id: t for t in parse(gantt_block(export(learner, "2026-07-01")))}
    assert tasks["m_m2"].tags == ["crit", "active"]
    assert tasks["m_m3"].tags == ["crit"]
    assert tasks["m_m4"].tags == ["active"]


def test_modules_left_out_are_named_in_a_comment() -> None:
    learner = Learner()
    learner.start("complete-ai-engineer", "2026-01-05")
    block = gantt_block(export(learner, "2026-01-05"))
    comments = [line.strip() for line in block if line.strip().startswith("%% left out")]
    assert comments[0].startswith("%% left out, ongoing or undated: p1-kaggle")
    assert comments[1].startswith("%% left out, not planned: p2-tensorflow")
    assert not any("p1-kaggle" in line for line in block if not line.strip().startswith("%%"))


@pytest.mark.parametrize(
    "title",
    [
        "Week 1: Basics; then more",
        "C# and F#",
        "#1 priority",
        "100% done",
        "5%% off",
        "```code```",
        "  spaced\tout  ",
        ":",
    ],
)
def test_titles_with_mermaid_syntax_become_task_text(title: str) -> None:
    written = markdown_gantt.text(title, "m1")
    line = f"    {written} :active, m_m1, 2026-01-05, 2026-02-02"
    block = ["```mermaid", "gantt", "    dateFormat YYYY-MM-DD", "    title T"]
    block += ["    todayMarker off", f"    section {written}", line, "```"]
    (task,) = parse(block)
    assert task.text == written and task.tags == ["active"]
    assert written.replace("\uff1a", ":").replace("\uff03", "#") != "" and "`" not in written


def test_ids_are_safe_and_unique() -> None:
    ids = markdown_gantt._Ids()
    made = [ids.of("m", name) for name in ("p1/a-b", "p1/a_b", "done", "p1.a b")]
    assert made == ["m_p1_a_b", "m_p1_a_b_2", "m_done", "m_p1_a_b_3"]
    assert all(ID.match(ident) for ident in made)


@pytest.mark.parametrize("slug", ["advanced-ai", "complete-ai-engineer"])
def test_the_import_leaves_the_chart_out_without_a_word(
    run: Run, tmp_path: Path, slug: str
) -> None:
    run("start", slug, "--on", "2026-01-05")
    exported = tmp_path / "checklist.md"
    run("export", "--format", "markdown", "-o", str(exported), "--on", "2026-03-16")
    assert "```mermaid" in exported.read_text(encoding="utf-8")
    result = run("import", str(exported), "--slug", f"again-{slug}", "--json")
    import json

    left_out = json.loads(result.stdout)["left_out"]  # type: ignore[attr-defined]
    assert not [part for part in left_out if "gantt" in part["text"]]
    assert catalog.load_slug(f"again-{slug}").item_ids == catalog.load_slug(slug).item_ids
    # a mermaid block of the learner's own is still said to be left out
    own = exported.read_text(encoding="utf-8").replace("%% roadmap export", "%% mine", 1)
    exported.write_text(own, encoding="utf-8")
    result = run("import", str(exported), "--slug", f"third-{slug}", "--json")
    left_out = json.loads(result.stdout)["left_out"]  # type: ignore[attr-defined]
    assert [part["kind"] for part in left_out if "gantt" in part["text"]] == ["code blocks"]
