"""The bundled advanced-ai curriculum holds everything seed 002 states, with stable ids."""

from __future__ import annotations

import re

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.curriculum.catalog import load_slug
from roadmap_tracker.curriculum.model import Curriculum

from .conftest import SEED_002
from .learner import Learner


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    return load_slug("advanced-ai")


def seed_sections() -> dict[int, dict[str, list[str]]]:
    """Bullets of each '### Module N' block of seed 002, by bold heading."""
    text = SEED_002.read_text(encoding="utf-8")
    modules: dict[int, dict[str, list[str]]] = {}
    for block in re.split(r"^### ", text, flags=re.MULTILINE)[1:]:
        heading = re.match(r"Module (\d+):", block)
        if not heading:
            continue
        sections: dict[str, list[str]] = {}
        current = ""
        for line in block.splitlines():
            bold = re.match(r"^\*\*(.+?)\*\*\s*$", line)
            if bold:
                current = bold.group(1)
                sections[current] = []
            elif current:
                sections[current].append(line.strip())
        modules[int(heading.group(1))] = sections
    return modules


def seed_header(number: int) -> str:
    text = SEED_002.read_text(encoding="utf-8")
    match = re.search(rf"### Module {number}: .*\n(\*\*Duration\*\*.*)", text)
    assert match
    return match.group(1)


def test_eight_modules_in_four_phases_plus_optional(curriculum: Curriculum) -> None:
    assert [m.number for m in curriculum.modules] == [1, 2, 3, 4, 5, 6, 7, 8]
    spans = [(p.id, p.weeks.text if p.weeks else None, p.optional) for p in curriculum.phases]
    assert spans == [
        ("p1", "1-16", False),
        ("p2", "17-32", False),
        ("p3", "33-40", False),
        ("p4", "41-58", False),
        ("optional", "59-66", True),
    ]
    assert [m.id for m in curriculum.phases[3].modules] == ["m6", "m7"]
    assert [m.id for m in curriculum.modules if m.optional] == ["m8"]


@pytest.mark.parametrize("number", range(1, 9))
def test_module_header_matches_seed(curriculum: Curriculum, number: int) -> None:
    header = seed_header(number)
    weeks = int(re.search(r"\*\*Duration\*\*: (\d+) weeks", header).group(1))  # type: ignore[union-attr]
    level = re.search(r"\*\*Level\*\*: ([\w-]+)", header).group(1)  # type: ignore[union-attr]
    module = curriculum.module_index[f"m{number}"]
    assert module.duration is not None
    assert (module.duration.low, module.duration.high, module.duration.unit) == (
        weeks,
        weeks,
        "weeks",
    )
    assert module.level == level


@pytest.mark.parametrize("number", range(1, 9))
def test_practical_components_are_tasks_in_seed_order(curriculum: Curriculum, number: int) -> None:
    bullets = [
        line.removeprefix("- ")
        for line in seed_sections()[number]["Practical Components"]
        if line.startswith("- ")
    ]
    tasks = curriculum.module_index[f"m{number}"].tasks
    assert [task.title for task in tasks] == bullets


@pytest.mark.parametrize("number", range(1, 9))
def test_objectives_and_topics_match_seed(curriculum: Curriculum, number: int) -> None:
    sections = seed_sections()[number]
    module = curriculum.module_index[f"m{number}"]
    objectives = [b.removeprefix("- ") for b in sections["Learning Objectives"] if b]
    assert list(module.objectives) == objectives
    topics = [
        re.match(r"- \*\*(.+?)\*\*", line).group(1)  # type: ignore[union-attr]
        for line in sections["Core Topics"]
        if line.startswith("- **")
    ]
    assert [topic.title for topic in module.topics] == topics
    assert all(len(topic.items) >= 3 for topic in module.topics)


@pytest.mark.parametrize("number", range(1, 9))
def test_portfolio_project_is_a_deliverable(curriculum: Curriculum, number: int) -> None:
    project = " ".join(seed_sections()[number]["Portfolio Project"]).strip()
    (deliverable,) = curriculum.module_index[f"m{number}"].deliverables
    assert deliverable.id == f"m{number}/portfolio"
    assert deliverable.description
    # The description is the seed's text after the "Title:" prefix.
    assert project.split(": ", 1)[1].startswith(deliverable.description[:40])


def test_prerequisites_reference_modules(curriculum: Curriculum) -> None:
    required = {m.id: list(m.prerequisites) for m in curriculum.modules}
    assert required == {
        "m1": [],
        "m2": ["m1"],
        "m3": ["m1", "m2"],
        "m4": ["m1", "m2", "m3"],
        "m5": ["m1", "m2", "m3", "m4"],
        "m6": ["m1", "m2", "m3", "m4", "m5"],
        "m7": ["m1", "m2", "m3", "m4", "m5", "m6"],
        "m8": ["m1", "m2"],
    }
    texts = {m.id: list(m.prerequisites_text) for m in curriculum.modules if m.prerequisites_text}
    assert texts == {
        "m1": ["CNN understanding", "basic ML"],
        "m2": ["probability theory"],
        "m8": ["linear algebra"],
    }


def test_weekly_hours_and_their_parts(curriculum: Curriculum) -> None:
    hours = curriculum.weekly_hours
    assert hours is not None
    assert (hours.low, hours.high) == (10, 12)
    assert [(p.title, p.hours.text) for p in hours.parts] == [
        ("Core module work", "8-10"),
        ("Supplementary activities", "2-4"),
    ]


def test_completion_criteria_apply_to_every_module(curriculum: Curriculum) -> None:
    checkpoint = curriculum.module_checkpoint
    assert checkpoint is not None
    assert len(checkpoint.items) == 5
    m3_criteria = [i.id for i in curriculum.items_of("m3") if i.kind == "checkpoint"]
    assert m3_criteria == [f"m3/criteria/{item.id}" for item in checkpoint.items]
    assert checkpoint.items[2].title == "Compare approach to 3+ recent papers"


def test_paper_reading_is_a_weekly_recurring_activity(curriculum: Curriculum) -> None:
    (papers,) = curriculum.recurring
    assert papers.cadence == "weekly"
    assert papers.times is not None and (papers.times.low, papers.times.high) == (1, 2)
    assert papers.rrule == "FREQ=WEEKLY;INTERVAL=1"


def test_deliverable_format_and_resource_categories(curriculum: Curriculum) -> None:
    assert curriculum.deliverable_format
    assert curriculum.deliverable_format.startswith("GitHub repository + technical report")
    assert [c.title for c in curriculum.resource_categories] == [
        "Foundational Papers",
        "Recent Research",
        "Implementation Resources",
        "Textbooks",
    ]


def test_every_checkable_item_has_a_unique_explicit_id(curriculum: Curriculum) -> None:
    ids = [item.id for item in curriculum.items]
    assert len(ids) == len(set(ids)) == 8 * (4 + 1 + 5)
    assert all(item.id.startswith(item.module_id + "/") for item in curriculum.items)


# ------------------------------------------------- the optional module (decision 38)


def test_an_optional_module_counts_and_takes_work_only_once_included() -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    # 7 core modules of 10 items each; m8 (10 items, 1 deliverable) waits for an include.
    status = learner.status("2026-01-09")
    assert status["total"] == 7 * 10
    assert [(m["id"], m["reason"], m["command"]) for m in status["not_planned"]] == [
        ("m8", "optional", "roadmap include m8")
    ]
    portfolio = learner.portfolio("2026-01-09")
    assert (portfolio["total"], portfolio["not_planned"]) == (7, 1)
    before = learner.events
    for reference in ("m8/minimal-nerf", "m8", "optional"):  # an item, its module, its phase
        with pytest.raises(RoadmapError) as error:
            learner.check(reference, on="2026-01-09")
        assert error.value.message.startswith(f"Cannot check {reference}: ")
        assert "m8 3D Vision & Neural Rendering is an optional module not in your plan" in (
            error.value.message
        )
        assert error.value.hint == (
            "Run 'roadmap include m8' to bring it into your plan; nothing was recorded."
        )
    assert learner.events == before
    learner.include("m8", on="2026-01-09")
    checked = learner.check("m8/minimal-nerf", on="2026-01-09")
    assert (checked["done"], checked["total"]) == (1, 7 * 10 + 10)
    assert learner.status("2026-01-09")["not_planned"] == []
    learner.include("m8", on="2026-01-10", exclude=True)
    # Excluded again: the check stays in the record, but neither count nor new work counts.
    assert (learner.status("2026-01-10")["done"], learner.status("2026-01-10")["total"]) == (0, 70)
    with pytest.raises(RoadmapError):
        learner.mark("doing", "m8/gaussian-splatting", on="2026-01-10")
