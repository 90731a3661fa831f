"""'roadmap import' (issue 25): Markdown tables of courses and lessons become items; a phase's
stated duration is kept when its modules do not fill it; a numbered list under a dated
heading of a checklist file is kept with its module.

The fixtures are small texts written for these tests in the shapes learners keep (a course
table with Duration, Effort and Prerequisites columns under H2/H3 headings, a lesson table
with week numbers and a status column), not copies of real roadmaps.
"""

from __future__ import annotations

import json
from pathlib import Path

from roadmap_tracker.curriculum import catalog
from roadmap_tracker.formats.markdown_blocks import section_tree, syntax_tree
from roadmap_tracker.formats.markdown_import import assign_ids, parse_roadmap
from roadmap_tracker.formats.markdown_lists import ListReader
from roadmap_tracker.formats.markdown_parsed import SectionContent
from roadmap_tracker.formats.markdown_tables import TableReader

from .conftest import Run

COURSES = """\
<div align="center">
<h3>Open Study University</h3>
</div>

# Contents

- [Summary](#summary)
- [Curriculum](#curriculum)

# Summary

- We recommend taking the courses in order.
- Students can work alone or in groups.

# Curriculum

## Intro

Courses | Duration | Effort | Prerequisites | Discussion
:-- | :--: | :--: | :--: | :--:
[Intro to Programming](https://example.edu/intro) | 10 weeks | 6-10 hours/week | algebra | [chat](https://chat.example.com/intro)

## Core

### Core programming

| Courses | Duration | Effort | Prerequisites |
| --- | --- | --- | --- |
|[Program Design](https://ex.edu/pd) ([alternative](https://ex.org/pd))|13 weeks|8-10 hours/week|-|
|[Type Systems](https://ex.edu/ts) [mirror 1](https://ex.org/ts)|5 weeks|4 hours/week|Design|

### Core math

Choose **one** of the following:

| Courses | Duration | Effort |
| --- | --- | --- |
| [Discrete Math](https://example.edu/discrete) | 8 weeks | 5 hours/week |
| Linear Algebra | 1-2 months | - |
"""


def imported(run: Run, tmp_path: Path, text: str, *args: str) -> tuple[dict[str, object], Path]:
    source = tmp_path / "README.md"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = json.loads(run("import", str(source), "-o", str(out), "--json", *args).stdout)
    return result, out


def test_a_course_table_gives_an_item_per_row_with_its_duration_effort_and_links(
    run: Run, tmp_path: Path
) -> None:
    result, out = imported(run, tmp_path, COURSES)
    assert json.loads(run("validate", str(out), "--json").stdout)["valid"]
    curriculum = catalog.load_curriculum(out)
    assert result["title"] == "Open Study University"
    # One item per course row; the prose bullets of the README are not items.
    assert [item.title for item in curriculum.items] == [
        "Intro to Programming",
        "Program Design",
        "Type Systems",
        "Discrete Math",
        "Linear Algebra",
    ]
    tasks = {task.id: task for module in curriculum.modules for task in module.tasks}
    design = tasks["core/core-programming/program-design"]
    # An empty cell ("-") says nothing.
    assert design.description == "Duration: 13 weeks\nEffort: 8-10 hours/week"
    intro = tasks["intro/intro-to-programming"]
    assert intro.description is not None
    assert "Discussion: chat (https://chat.example.com/intro)" in intro.description
    # A module lasts as long as its rows together; a phase of one table, its row.
    modules = {module.id: module for module in curriculum.modules}
    programming = modules["core/core-programming"]
    assert programming.duration is not None and programming.duration.text == "18 weeks"
    math = modules["core/core-math"]
    assert math.duration is None  # weeks and months do not add up
    assert curriculum.phases[0].duration is not None
    assert curriculum.phases[0].duration.text == "10 weeks"
    # The links of the course column are the module's resources; an "alternative" is named
    # after its course.
    assert [(r.title, r.url) for r in programming.resources] == [
        ("Program Design", "https://ex.edu/pd"),
        ("Program Design: alternative", "https://ex.org/pd"),
        ("Type Systems", "https://ex.edu/ts"),
        ("Type Systems: mirror 1", "https://ex.org/ts"),
    ]
    roadmap = parse_roadmap(COURSES)
    assert (roadmap.table_items, roadmap.rows_only) == (5, True)
    # A lead-in above a table is the section of its rows.
    assert {item.section for item in math.tasks} == {"Choose one of the following"}


def test_a_course_table_is_planned_by_its_durations(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "README.md"
    source.write_text(COURSES, encoding="utf-8")
    run("import", str(source), "--slug", "open-study")
    run("start", "open-study", "--on", "2026-01-05")
    plan = json.loads(run("plan", "--json").stdout)
    text = json.dumps(plan)
    # The first module (the intro phase's 10 weeks) ends ten weeks after the start.
    assert "2026-03-15" in text


LESSONS = """\
# Web Basics

| # | Lesson | Week | Status |
|---|--------|------|--------|
| 1 | HTML structure | 1 | ✅ |
| 2 | CSS layout | 2-3 | done |
| 3 | JavaScript events | 4 | |
| 4 | Fetch and APIs | 5 | ⏳ |
"""


def test_a_lesson_table_with_week_numbers_and_a_status_column(run: Run, tmp_path: Path) -> None:
    result, out = imported(run, tmp_path, LESSONS)
    assert (result["items"], result["done"]) == (4, 2)
    curriculum = catalog.load_curriculum(out)
    (phase,) = curriculum.phases  # the title's own items: a phase of one module
    assert phase.duration is not None and phase.duration.text == "5 weeks"
    assert curriculum.modules[0].tasks[0].description == "Week: 1"  # "#" is no column
    assert [item.id for item in curriculum.items][:2] == [
        "web-basics/html-structure",
        "web-basics/css-layout",
    ]
    source = tmp_path / "README.md"
    run("import", str(source), "--progress", "--on", "2026-01-05")
    status = json.loads(run("status", "--json").stdout)
    assert (status["done"], status["total"]) == (2, 4)


def test_ragged_rows_are_read_with_missing_cells_empty_and_extra_cells_dropped() -> None:
    text = (
        "# Plan\n\n## Courses\n\n"
        "| Course | Duration | Notes |\n|---|---|---|\n"
        "| Algorithms | 6 weeks |\n"
        "| Databases | 4 weeks | read the book | stray cell | another |\n"
        "| | 2 weeks | no title |\n"
    )
    roadmap = parse_roadmap(text)
    assign_ids(roadmap)
    algorithms, databases = roadmap.tasks
    assert (algorithms.title, algorithms.description) == ("Algorithms", "Duration: 6 weeks")
    assert databases.description == "Duration: 4 weeks\nNotes: read the book"
    assert "stray" not in (databases.description or "")
    # A row without a title is no item; the import can say so, with its line.
    root = section_tree(syntax_tree(text, "t"))
    (courses,) = root.children[0].children
    content = SectionContent()
    assert TableReader().read(courses, content, False) == 2
    assert [(f.line, f.kind, f.text) for f in content.left_out] == [
        (9, "table rows without a title", " | 2 weeks | no title")
    ]


def test_tables_that_are_not_study_items_are_left_out_and_reported() -> None:
    text = (
        "# Plan\n\n"
        "| Chapter | Page |\n|---|---|\n"
        "| [Basics](#basics) | 1 |\n| [Advanced](#advanced) | 9 |\n\n"
        "| Skill | Beginner | Expert |\n|---|---|---|\n| Python | yes | no |\n\n"
        "## Contributors\n\n| Name | GitHub |\n|---|---|\n| Ann | @ann |\n| Bo | @bo |\n"
    )
    root = section_tree(syntax_tree(text, "t"))
    reader = TableReader()
    found = []
    for section in root.walk():
        content = ListReader(False).content(section, False)
        assert reader.read(section, content, False) == 0
        found += content.left_out
    assert [(f.line, f.kind) for f in found] == [(3, "tables"), (8, "tables"), (14, "tables")]
    assert found[1].text == "Skill | Beginner | Expert"
    # A file of such tables and a list: the list items are the items, as before.
    roadmap = parse_roadmap(text + "\n## Steps\n\n1. Read\n2. Write\n")
    assert [task.title for task in roadmap.tasks] == ["Read", "Write"]


def test_a_table_under_a_resources_heading_gives_resources() -> None:
    text = (
        "# Plan\n\n## Week 1\n\n- [ ] Read chapter 1\n\n### Resources\n\n"
        "| Book | Author |\n|---|---|\n| [Deep Learning](https://example.com/dl) | Goodfellow |\n"
    )
    roadmap = parse_roadmap(text)
    assert [task.title for task in roadmap.tasks] == ["Read chapter 1"]
    assert [(r["title"], r.get("url")) for r in roadmap.phases[0].resources] == [
        ("Deep Learning", "https://example.com/dl")
    ]


def test_a_list_roadmap_with_a_small_study_table_keeps_both() -> None:
    text = (
        "# Plan\n\n## Step 1\n\n1. Install Python\n2. Write a script\n3. Test it\n\n"
        "## Step 2\n\n| Topic | Hours |\n|---|---|\n| Decorators | 3 |\n"
    )
    roadmap = parse_roadmap(text)
    titles = [task.title for task in roadmap.tasks]
    assert titles == ["Install Python", "Write a script", "Test it", "Decorators"]
    assert roadmap.tasks[-1].description == "Hours: 3"
    assert roadmap.phases[-1].duration is None  # hours are effort, not a duration
    # Checkbox lines and table rows are items together.
    boxed = parse_roadmap(text.replace("1. Install", "- [ ] Install"))
    assert [task.title for task in boxed.tasks] == ["Install Python", "Decorators"]


def test_a_200_kb_course_table_imports_every_row(run: Run, tmp_path: Path) -> None:
    # Its speed is measured by bench/import_cpu.py (a course table is one of its shapes).
    rows = "".join(
        f"| [Course {n}](https://example.edu/{n}) | {n % 12 + 1} weeks | 5 hours/week | none |\n"
        for n in range(2700)
    )
    text = "# Big\n\n## All\n\n| Course | Duration | Effort | Prerequisites |\n|---|---|---|---|\n"
    text += rows
    assert len(text.encode()) > 200_000
    roadmap = parse_roadmap(text)
    assign_ids(roadmap)
    assert [task.title for task in roadmap.tasks] == [f"Course {n}" for n in range(2700)]
    assert len({task.id for task in roadmap.tasks}) == 2700


# --- a phase's stated duration; numbered lists under a dated heading --------------------------

PHASED = """\
# Plan

## Phase 1: Basics (6 weeks)

- [ ] Set up the tools

### Module A (2 weeks)

- [ ] Read chapter 1

### Module B

- [ ] Read chapter 2

## Phase 2: Projects (2 months)

### Module C - 4 weeks

- [ ] Build a CLI

### Module D

- [ ] Build a web app

### Module E (Weeks 1-2)

1. Sketch the design
2. Write the tests

### Notes

1. Not an item: no duration above it
"""


def test_a_phase_duration_is_shared_by_the_modules_that_state_none(
    run: Run, tmp_path: Path
) -> None:
    source = tmp_path / "plan.md"
    source.write_text(PHASED, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    run("import", str(source), "-o", str(out))
    curriculum = catalog.load_curriculum(out)
    first, second = curriculum.phases
    assert first.duration is not None and first.duration.text == "6 weeks"
    # The phase's own items and Module B share the 4 weeks Module A leaves.
    assert [(m.title, m.duration.text if m.duration else None) for m in first.modules] == [
        ("Phase 1: Basics", "2 weeks"),
        ("Module A", "2 weeks"),
        ("Module B", "2 weeks"),
    ]
    # Months and weeks: the share is in weeks (2 months are about 8.7 weeks).
    assert second.duration is not None and second.duration.text == "2 months"
    durations = {m.title: m.duration.text if m.duration else None for m in second.modules}
    assert durations == {"Module C": "4 weeks", "Module D": "2.7 weeks", "Module E": "2 weeks"}
    run("start", str(out), "--on", "2026-01-05")
    plan = run("plan").stdout
    assert "2026-02-15" in plan  # phase 1 ends six weeks after the start


def test_a_numbered_list_under_a_dated_heading_of_a_checklist_is_kept_with_its_module() -> None:
    roadmap = parse_roadmap(PHASED)
    assign_ids(roadmap)
    module_e = roadmap.phases[1].modules[-1]
    assert (module_e.title, [t.title for t in module_e.tasks]) == (
        "Module E",
        ["Sketch the design", "Write the tests"],
    )
    assert module_e.duration is not None and module_e.duration.text == "2 weeks"
    assert "Not an item: no duration above it" not in [t.title for t in roadmap.tasks]


def test_a_table_whose_delimiter_row_is_narrower_than_its_header_is_still_read(
    run: Run, tmp_path: Path
) -> None:
    text = (
        "# Plan\n\n## Courses\n\n"
        "| Course | Duration | Notes |\n|---|---|\n| Algorithms | 2 weeks | hard |\n"
        "| Networks | 1 week |\n"
    )
    source = tmp_path / "plan.md"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    result = json.loads(run("import", str(source), "-o", str(out), "--json").stdout)
    assert result["items"] == 2
    curriculum = catalog.load_curriculum(out)
    assert [(t.title, t.description) for t in curriculum.modules[0].tasks] == [
        ("Algorithms", "Duration: 2 weeks\nNotes: hard"),
        ("Networks", "Duration: 1 week"),
    ]
    assert "line 3 of plan.md" in out.read_text(encoding="utf-8")
    assert curriculum.phases[0].duration is not None
    assert curriculum.phases[0].duration.text == "3 weeks"
