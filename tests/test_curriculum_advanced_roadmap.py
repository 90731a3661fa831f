"""The bundled advanced-roadmap curriculum holds everything seed 003 states, and no durations."""

from __future__ import annotations

import json
import re

import pytest

from roadmap_tracker.curriculum.catalog import bundled_dir, load_slug
from roadmap_tracker.curriculum.model import Curriculum, Module

from .conftest import Run, seed_text

SLUG = "advanced-roadmap"


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    return load_slug(SLUG)


def plain(text: str) -> str:
    """A seed bullet without markdown bold and without its closing '.' or ':'."""
    return text.replace("**", "").strip().rstrip(".:").strip()


def seed_steps() -> dict[int, tuple[str, str]]:
    """Each '## Step N: Title' block of seed 003 as {N: (title, body)}."""
    steps: dict[int, tuple[str, str]] = {}
    for block in re.split(r"^## ", seed_text("003"), flags=re.MULTILINE)[1:]:
        heading = re.match(r"\W*Step (\d+): (.+)\n", block)
        if heading:
            steps[int(heading.group(1))] = (heading.group(2).strip(), block)
    return steps


def subsection(body: str, name: str) -> list[str]:
    """The lines under '### name' up to the next heading or rule."""
    match = re.search(rf"^### {re.escape(name)}\n(.*?)(?=^###|^---|\Z)", body, re.M | re.S)
    assert match, name
    return [line for line in match.group(1).splitlines() if line.strip()]


def topic_leaves(body: str) -> list[tuple[str | None, str]]:
    """The topic bullets of a step as (parent bullet or None, bullet), leaves only.

    A top-level bullet with sub-bullets is the parent (section) of each of them.
    """
    leaves: list[tuple[str | None, str]] = []
    parent: str | None = None
    lines = subsection(body, "Topics to Cover:")
    for index, line in enumerate(lines):
        if line.startswith("- "):
            parent = plain(line[2:])
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if not following.startswith("  - "):
                leaves.append((None, parent))
        elif line.startswith("  - "):
            leaves.append((parent, plain(line[4:])))
    return leaves


def module_of_phase(curriculum: Curriculum, number: int) -> Module:
    (phase,) = [p for p in curriculum.phases if p.number == number]
    assert phase.modules
    return phase.modules[0]


def test_goals_are_the_objectives(curriculum: Curriculum) -> None:
    text = seed_text("003")
    goals = re.search(r"you will:\n\n(.*?)\n\n", text, re.S)
    assert goals
    bullets = [line.removeprefix("- ") for line in goals.group(1).splitlines()]
    assert list(curriculum.objectives) == bullets


def test_steps_are_phases_in_order(curriculum: Curriculum) -> None:
    steps = seed_steps()
    numbered = [(p.number, p.title) for p in curriculum.phases if p.number is not None]
    assert numbered == [(n, title) for n, (title, _) in sorted(steps.items())]
    assert curriculum.phases[-1].title == "Final Projects"


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_every_topic_bullet_is_a_task_in_seed_order(curriculum: Curriculum, number: int) -> None:
    _, body = seed_steps()[number]
    module = module_of_phase(curriculum, number)
    leaves = topic_leaves(body)
    assert leaves
    assert [(task.section, task.title) for task in module.tasks] == leaves
    assert all(task.id.startswith(module.id + "/") for task in module.tasks)


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_step_summary_is_its_intro_line(curriculum: Curriculum, number: int) -> None:
    _, body = seed_steps()[number]
    intro = body.split("\n\n")[1].strip()
    phase = next(p for p in curriculum.phases if p.number == number)
    assert phase.summary == intro


def test_every_link_of_the_seed_is_a_resource_url(curriculum: Curriculum) -> None:
    links = re.findall(r"\[([^\]]+)\]\((https?://[^)]+)\)", seed_text("003"))
    urls = [r.url for r in curriculum.all_resources if r.url]
    assert sorted(urls) == sorted(url for _, url in links)
    by_url = {r.url: r for r in curriculum.all_resources if r.url}
    for label, url in links:
        resource = by_url[url]
        # The link text, less a "by <authors>" suffix that went into `authors`.
        title = re.sub(r" by [^(]+", " ", label).strip().replace("  ", " ")
        assert resource.title == title, label
        if " by " in label:
            assert resource.authors, label


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_resources_sit_in_their_step(curriculum: Curriculum, number: int) -> None:
    _, body = seed_steps()[number]
    urls = re.findall(
        r"\]\((https?://[^)]+)\)", "\n".join(subsection(body, "Recommended Resources:"))
    )
    assert [r.url for r in module_of_phase(curriculum, number).resources] == urls


def test_specializations_are_one_choice_group(curriculum: Curriculum) -> None:
    _, body = seed_steps()[5]
    lines = subsection(body, "Popular Specializations:")
    expected: dict[str, list[tuple[str, str]]] = {}
    current = ""
    for line in lines:
        if line.startswith("- "):
            current = plain(line[2:])
            expected[current] = []
        elif line.startswith("  - "):
            section, entries = plain(line[4:]).split(": ", 1)
            expected[current] += [(section, entry.strip()) for entry in entries.split(",")]
    (group,) = curriculum.choices
    assert group.pick == "one"
    modules = [curriculum.module_index[option] for option in group.options]
    assert [m.title for m in modules] == list(expected)
    assert group.description and group.description in body
    for module in modules:
        assert [(t.section, t.title) for t in module.tasks] == expected[module.title]
        tools = [t.title for t in module.tasks if t.section != "Applications"]
        assert [r.title for r in module.resources if r.kind == "tool"] == tools
    assert {curriculum.phase_of[m.id].number for m in modules} == {5}


def test_final_projects_are_deliverables(curriculum: Curriculum) -> None:
    projects = re.findall(r"^\d+\. \*\*(.+?)\*\*: (.+)$", seed_text("003"), re.M)
    assert len(projects) >= 4
    phase = curriculum.phases[-1]
    deliverables = [d for m in phase.modules for d in m.deliverables]
    assert [(d.title, d.description) for d in deliverables] == projects
    assert {d.kind for d in deliverables} == {"project"}


def test_no_durations_anywhere(curriculum: Curriculum) -> None:
    assert "Duration" not in seed_text("003") and "week" not in seed_text("003").lower()
    assert curriculum.weekly_hours is None
    for phase in curriculum.phases:
        assert phase.duration is None and phase.weeks is None and phase.weekly_hours is None
        assert all(module.duration is None for module in phase.modules)


def test_no_emoji_and_the_header_names_the_source() -> None:
    text = (bundled_dir() / f"{SLUG}.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=schema.json"
    assert "shared/seeds/repaired/003_8dc0c1fe382c967f.txt" in lines[1]
    emoji = {char for char in seed_text("003") if ord(char) >= 0x1F000}
    assert emoji
    assert not emoji & set(text)


def test_every_item_has_a_unique_id_under_its_module(curriculum: Curriculum) -> None:
    ids = [item.id for item in curriculum.items]
    assert len(ids) == len(set(ids))
    assert all(item.id.startswith(f"{item.module_id}/") for item in curriculum.items)


def test_enrollment_has_no_invented_dates_and_asks_for_the_specialization(run: Run) -> None:
    # The generic start/check/status/next walk is in tests/test_all_curricula.py.
    run("start", SLUG, "--on", "2026-01-05")
    upcoming = json.loads(run("next", "--from", "2026-01-05", "--json").stdout)
    assert upcoming["tasks"][0]["module"] == "s1"
    assert upcoming["dated"] is False and upcoming["milestones"] == []
    assert upcoming["overdue"] == [] and upcoming["recurring"] == []
    # Nothing says when the specialization comes, so the choice is due from the start.
    (choice,) = upcoming["choices"]
    assert choice["id"] == "specialization"
    assert [o["id"] for o in choice["options"]] == ["s5-nlp", "s5-cv", "s5-healthcare"]
    status = json.loads(run("status", "--week", "2026-06-07", "--json").stdout)
    assert status["end"] is None and status["days_ahead"] is None
    assert status["planned_percent"] is None and status["overdue"] == []
    assert all(m["start"] is None and m["end"] is None for m in status["modules"])
    # Before the choice the first specialization counts (no option is recommended); choosing
    # another swaps it for the chosen one.
    planned = {m["id"] for m in status["modules"]}
    assert "s5-nlp" in planned and not {"s5-cv", "s5-healthcare"} & planned
    assert [m["id"] for m in status["not_planned"]] == ["s5-cv", "s5-healthcare"]
    run("choose", "specialization", "s5-cv", "--on", "2026-06-07")
    after = json.loads(run("status", "--week", "2026-06-07", "--json").stdout)
    modules = {m["id"]: m for m in after["modules"]}
    assert "s5-cv" in modules and "s5-nlp" not in modules and "s5-healthcare" not in modules
    nlp = next(m["total"] for m in status["modules"] if m["id"] == "s5-nlp")
    assert after["total"] == status["total"] - nlp + modules["s5-cv"]["total"]
    text = run("next", "--from", "2026-06-07").stdout
    assert "No dates: this curriculum states no durations." in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    # With no dates there is nothing to replan, and saying so changes nothing.
    refused = run("replan", "--from", "2026-06-08", code=1)
    assert "advanced-roadmap states no durations" in refused.stderr
    shown = run("status", "--week", "2026-06-07").stdout
    assert "no dates" in shown
    assert re.findall(r"\d{4}-\d{2}-\d{2}", shown) == ["2026-06-07", "2026-06-01", "2026-06-07"]
