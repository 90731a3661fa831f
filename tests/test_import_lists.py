"""The lists of a Markdown roadmap as learners keep them (issue 25): leads split from their
prose, headings inside list items and nested checkboxes kept as structure, links on nested
lines kept as resources, Obsidian Tasks marks, numbered lists, and what is a study item in a
file without checkboxes.

Every fixture here is written for these tests (the real roadmaps of issue 25 are a benchmark
in shared/, never copied into the project).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from roadmap_tracker.curriculum import catalog
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.formats.markdown_import import assign_ids, parse_roadmap

from .conftest import Run


def imported(run: Run, tmp_path: Path, text: str) -> Curriculum:
    """The curriculum ``roadmap import`` makes of ``text`` (written beside the source)."""
    source = tmp_path / "roadmap.md"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "roadmap.yaml"
    run("import", str(source), "-o", str(out))
    return catalog.load_curriculum(out)


# --- leads: **Lead**: prose, Lead - prose -----------------------------------------------------

TOPICS = """\
# Deep learning notes

## 1. Mathematics

- **Linear Algebra**: This is crucial for understanding many algorithms, especially those
  used in deep learning.
- **[Direct Preference Optimization](https://example.com/dpo)** Directly optimizes the policy
  to prefer the chosen answers over the rejected ones.
- Gradient descent - how a model walks down the slope of its loss, one small step at a time
- **Project 1**: Matrix calculator
- Convex sets - a short note
"""


def test_a_bold_or_dashed_lead_is_the_title_and_its_prose_the_description(
    run: Run, tmp_path: Path
) -> None:
    curriculum = imported(run, tmp_path, TOPICS)
    items = {item.title: item for item in curriculum.items}
    assert list(items) == [
        "Linear Algebra",
        "Direct Preference Optimization",
        "Gradient descent",
        "Project 1: Matrix calculator",  # a short rest is part of the title
        "Convex sets - a short note",
    ]
    (module,) = curriculum.phases[0].modules
    tasks = {task.title: task for task in module.tasks}
    assert tasks["Linear Algebra"].description == (
        "This is crucial for understanding many algorithms, especially those used in deep learning."
    )
    assert tasks["Gradient descent"].description is not None
    assert tasks["Gradient descent"].description.startswith("how a model walks")
    # A study item that starts with a link is an item; its link is kept as a resource.
    resources = [*curriculum.phases[0].resources, *module.resources]
    assert [(r.title, r.url) for r in resources] == [
        ("Direct Preference Optimization", "https://example.com/dpo")
    ]
    assert curriculum.item("1-mathematics/linear-algebra").title == "Linear Algebra"


def test_a_long_item_over_several_lines_is_titled_by_its_first_line() -> None:
    text = (
        "# Plan\n\n## Pointers\n\n"
        "- [ ] Gotcha: you need to know pointers to pointers:\n"
        "  (for when you pass a pointer to a function that may change where it points)\n"
        "  This page is only to get a grasp of them; the style is not one to copy.\n"
        "- [ ] A short item\n  that goes on to a second line\n"
    )
    first, short = parse_roadmap(text).tasks
    assert first.title == "Gotcha: you need to know pointers to pointers"
    assert first.description is not None
    assert first.description.startswith("(for when you pass a pointer")
    assert (short.title, short.description) == ("A short item that goes on to a second line", None)


def test_items_that_roadmap_export_wrote_keep_their_titles_whole() -> None:
    text = (
        "# Plan\n\n## Basics <!-- id: basics -->\n\n"
        "- [ ] **Review**: read again every chapter of the book and write what you learned "
        "<!-- id: basics/review -->\n"
    )
    roadmap = parse_roadmap(text)
    assert [task.title for task in roadmap.tasks] == [
        "Review: read again every chapter of the book and write what you learned"
    ]


# --- headings in list items, nested checkboxes, links on nested lines -------------------------

NESTED = """\
# Interview prep

## Data Structures

- ### Arrays
    - [ ] About arrays:
        - [Arrays in ten minutes (video)](https://example.com/arrays)
        - [Dynamic arrays](https://example.com/dynamic) (from 4m 10s)
    - [ ] Implement a vector:
        - [ ] push(item)
        - [ ] insert(index, item) - puts the item at the index and shifts the rest right
            - start with the simple case
    - [ ] Time
        - O(1) to add at the end
    - [ ] Space

- ### Linked lists
    - [ ] Time
    - [ ] Space
    - [ ] Singly linked lists
        - see [this lecture](https://example.com/lists) and [that one](https://example.com/more)
"""


def test_a_heading_inside_a_list_item_is_the_section_of_the_items_below_it(
    run: Run, tmp_path: Path
) -> None:
    curriculum = imported(run, tmp_path, NESTED)
    sections = [(item.title, item.section) for item in curriculum.items]
    assert sections == [
        ("About arrays", "Arrays"),
        ("Implement a vector", "Arrays"),
        ("push(item)", "Arrays / Implement a vector"),
        ("insert(index, item)", "Arrays / Implement a vector"),
        ("Time", "Arrays"),
        ("Space", "Arrays"),
        ("Time", "Linked lists"),
        ("Space", "Linked lists"),
        ("Singly linked lists", "Linked lists"),
    ]
    (module,) = curriculum.phases[0].modules
    insert = next(task for task in module.tasks if task.title == "insert(index, item)")
    assert insert.description == (
        "puts the item at the index and shifts the rest right\n- start with the simple case"
    )
    # roadmap show groups the items under their sections: the headings they stand under.
    tree = run("show", str(tmp_path / "roadmap.yaml")).stdout
    assert "Linked lists" in tree and "Arrays / Implement a vector" in tree


def test_links_on_nested_lines_become_resources_named_for_their_item(
    run: Run, tmp_path: Path
) -> None:
    curriculum = imported(run, tmp_path, NESTED)
    (phase,) = curriculum.phases  # its own module: the resources are the phase's
    assert [(r.title, r.kind, r.url, r.topic) for r in phase.resources] == [
        ("Arrays in ten minutes", "video", "https://example.com/arrays", "About arrays"),
        ("Dynamic arrays (from 4m 10s)", "site", "https://example.com/dynamic", "About arrays"),
        ("this lecture", "site", "https://example.com/lists", "Singly linked lists"),
        ("that one", "site", "https://example.com/more", "Singly linked lists"),
    ]
    # The item's description keeps the nested lines' text as before.
    about = next(task for task in phase.modules[0].tasks if task.title == "About arrays")
    assert about.description == "- Arrays in ten minutes (video)\n- Dynamic arrays (from 4m 10s)"
    # roadmap show ITEM lists them with the item.
    run("start", str(tmp_path / "roadmap.yaml"), "--on", "2026-11-02")
    shown = run("show", "data-structures/about-arrays").stdout
    assert "Resources" in shown and "https://example.com/arrays" in shown


def test_links_under_a_plain_list_item_are_its_resources_too() -> None:
    text = (
        "# Plan\n\n## Trees\n\n- Binary search trees\n"
        "  - [BST lecture](https://example.com/bst)\n  - practise on paper\n- Heaps\n"
    )
    roadmap = parse_roadmap(text)
    assert [task.title for task in roadmap.tasks] == ["Binary search trees", "Heaps"]
    (phase,) = roadmap.phases
    assert phase.modules[0].tasks[0].description == "- BST lecture\n- practise on paper"
    resources = [*phase.resources, *(r for m in phase.modules for r in m.resources)]
    assert resources == [
        {
            "title": "BST lecture",
            "kind": "site",
            "url": "https://example.com/bst",
            "topic": "Binary search trees",
        }
    ]


# --- Obsidian Tasks marks and --progress -----------------------------------------------------

MARKED = """\
# Web path

## Phase 1: Foundation (Weeks 1-4)

### Module 1.1: The web
- [x] HTML basics
- [X] CSS basics
- [/] JavaScript basics
- [/] **Project 1**: Personal dashboard

### Module 1.2: Deeper
- [-] jQuery
- [ ] Working with APIs
"""


def test_obsidian_marks_are_items_and_progress_records_done_doing_and_skipped(
    run: Run, tmp_path: Path
) -> None:
    source = tmp_path / "progress.md"
    source.write_text(MARKED, encoding="utf-8")
    said = " ".join(run("import", str(source), "--progress", "--on", "2026-11-02").stdout.split())
    assert "2 modules, 6 items." in said  # no [/] line or its module is lost
    assert "The file marks 2 done, 2 in progress and 1 skipped." in said
    assert "2 items recorded as done, 2 as in progress, 1 as skipped." in said

    status = json.loads(run("status", "--json").stdout)
    assert (status["done"], status["total"]) == (2, 5)  # the skipped one leaves the count
    assert [entry["id"] for entry in status["skipped"]] == [
        "phase-1-foundation/module-1-2-deeper/jquery"
    ]
    doing = json.loads(
        run("show", "phase-1-foundation/module-1-1-the-web/javascript-basics", "--json").stdout
    )
    assert (doing["state"], doing["state_on"]) == ("doing", "2026-11-02")
    open_item = json.loads(
        run("show", "phase-1-foundation/module-1-2-deeper/working-with-apis", "--json").stdout
    )
    assert open_item["state"] == "open"
    changes = json.loads(run("history", "--json").stdout)["changes"]
    doing_events = [change["items"] for change in changes if change["action"] == "doing"]
    assert doing_events == [
        [
            "phase-1-foundation/module-1-1-the-web/javascript-basics",
            "phase-1-foundation/module-1-1-the-web/project-1-personal-dashboard",
        ]
    ]


def test_import_json_counts_the_items_in_progress(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "progress.md"
    source.write_text(MARKED, encoding="utf-8")
    result = json.loads(run("import", str(source), "-o", str(tmp_path / "p.yaml"), "--json").stdout)
    assert (result["done"], result["doing"], result["skipped"], result["items"]) == (2, 2, 1, 6)
    assert result["recorded_doing"] == 0  # nothing recorded without --progress


# --- numbered lists ---------------------------------------------------------------------------


def test_numbered_lists_are_items_with_or_without_checkboxes() -> None:
    plain = parse_roadmap("# Plan\n\n## Basics\n\n1. Install Python\n2. Variables\n   1. ints\n")
    assert [(t.title, t.description) for t in plain.tasks] == [
        ("Install Python", None),
        ("Variables", "- ints"),
    ]
    boxed = parse_roadmap("# Plan\n\n## Basics\n\n1. [x] Install Python\n2. [/] Variables\n")
    assert [(t.title, t.box) for t in boxed.tasks] == [("Install Python", "x"), ("Variables", "/")]


# --- what is a study item in a file without checkboxes ----------------------------------------

README = """\
# Course in machine learning

- [![build](https://img.shields.io/badge/build-passing-green.svg)](https://example.com/ci) [![licence](https://img.shields.io/badge/licence-MIT-blue.svg)](LICENSE)

1. The first part is optional and covers the mathematics you need for the rest of it.
2. The second part focuses on building models with the latest techniques available today.

## Contents

- [Lectures](#lectures)
- [Contributing](#contributing)

## Lectures

- [Lecture 1: Linear models](https://example.com/l1) - fitting a line and what it tells you
- Lecture 2: Trees
- [Jupyter notebook files](lecture2/)
- [Slides (video)](https://example.com/slides)

## Contributing

- Open an issue before you send a pull request.
- Thank you to everyone who helped!

## Acknowledgements

- Ada for her review

## License

- MIT
"""


def test_a_file_without_checkboxes_decides_what_is_a_study_item_by_its_wording(
    run: Run, tmp_path: Path
) -> None:
    curriculum = imported(run, tmp_path, README)
    assert [(item.title, item.section) for item in curriculum.items] == [
        ("Lecture 1: Linear models", None),  # "- fitting a line ..." is its description
        ("Lecture 2: Trees", None),
    ]
    (phase,) = curriculum.phases
    titles = [r.title for m in phase.modules for r in m.resources] + [
        r.title for r in phase.resources
    ]
    assert "Jupyter notebook files" in titles and "Slides" in titles
    assert "Lecture 1: Linear models" in titles  # the link of the study item


def test_what_is_not_a_study_item_is_listed_as_left_out() -> None:
    roadmap = parse_roadmap(README)
    kinds = Counter(part.kind for part in roadmap.left_out)
    assert kinds == {
        "badges": 1,
        "prose bullets": 2,
        "tables of contents": 1,
        "contribution notes": 2,
        "licence sections": 1,
    }
    assert [part.line for part in roadmap.left_out] == sorted(p.line for p in roadmap.left_out)
    licence = next(part for part in roadmap.left_out if part.kind == "licence sections")
    assert licence.text == "License" and README.splitlines()[licence.line - 1] == "## License"


LECTURES = """\
# Course

## Part 1

### Lecture 1: Intro

- [Slides](https://example.com/1.pdf)
- [Jupyter notebook files](lecture1/)

### Lecture 2: Trees

- [Jupyter notebook files](lecture2/)

### Videos

- [Playlist](https://example.com/playlist)
"""


def test_headings_over_nothing_but_material_are_the_lessons_to_study(
    run: Run, tmp_path: Path
) -> None:
    curriculum = imported(run, tmp_path, LECTURES)
    assert [(item.id, item.title) for item in curriculum.items] == [
        ("part-1/lecture-1-intro", "Lecture 1: Intro"),
        ("part-1/lecture-2-trees", "Lecture 2: Trees"),
    ]
    (phase,) = curriculum.phases
    material = [(r.title, r.kind, r.url, r.topic) for r in phase.resources]
    assert material == [
        ("Slides", "site", "https://example.com/1.pdf", "Lecture 1: Intro"),
        # a link to a file beside the roadmap is kept as written
        ("Jupyter notebook files", "other", "lecture1/", "Lecture 1: Intro"),
        ("Jupyter notebook files", "other", "lecture2/", "Lecture 2: Trees"),
        # a heading named for a kind of material stays material
        ("Playlist", "site", "https://example.com/playlist", None),
    ]


def test_a_file_of_prose_bullets_alone_still_makes_items_of_them() -> None:
    text = (
        "# Plan\n\n## Week 1\n\n"
        "- Read the first three chapters of the book and take notes on each one.\n"
        "- Write a small program that uses every idea from those chapters at least once.\n"
    )
    roadmap = parse_roadmap(text)
    assert len(roadmap.tasks) == 2 and not roadmap.left_out


def test_a_section_named_like_a_study_topic_or_holding_checkboxes_is_not_left_out() -> None:
    text = "# Plan\n\n## Contributing to open source\n\n- Send a first pull request\n"
    assert [task.title for task in parse_roadmap(text).tasks] == ["Send a first pull request"]
    text = "# Plan\n\n## Basics\n\n- [ ] Read\n\n## Community\n\n- [ ] Join a study group\n"
    assert [task.title for task in parse_roadmap(text).tasks] == ["Read", "Join a study group"]


# --- Step 1 / Step 2 ------------------------------------------------------------------------


def test_steps_numbered_again_in_each_section_are_not_phases() -> None:
    text = (
        "# Plan\n\n## Python\n\n### Step 1: Install\n\n- Install Python\n\n"
        "### Step 2: Basics\n\n- Learn the syntax\n\n"
        "## Web\n\n### Step 1: HTML\n\n- Learn HTML\n\n### Step 2: CSS\n\n- Learn CSS\n"
    )
    roadmap = parse_roadmap(text)
    assign_ids(roadmap)
    assert [phase.title for phase in roadmap.phases] == ["Python", "Web"]
    assert [m.title for m in roadmap.phases[0].modules] == ["Step 1: Install", "Step 2: Basics"]
    steps = parse_roadmap(
        "# Plan\n\n## Step 1: Python\n\n### Install\n\n- Install it\n\n"
        "## Step 2: Web\n\n### HTML\n\n- Learn HTML\n"
    )
    assert [phase.title for phase in steps.phases] == ["Step 1: Python", "Step 2: Web"]
