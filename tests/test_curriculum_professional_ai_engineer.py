"""The bundled professional-ai-engineer curriculum holds everything seed 004 states."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import pytest

from roadmap_tracker.curriculum.catalog import bundled_dir, load_slug
from roadmap_tracker.curriculum.model import Curriculum, Phase
from roadmap_tracker.plan.schedule import make_plan

from .conftest import Run, seed_text

SLUG = "professional-ai-engineer"


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    return load_slug(SLUG)


def split_outside_parentheses(text: str) -> list[str]:
    """Split a seed list on the commas that are not inside parentheses."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [part for part in parts if part]


def sentences(text: str) -> list[str]:
    return [s.strip().rstrip(".") for s in re.split(r"(?<=\.)\s+", text.strip()) if s.strip()]


@dataclass
class SeedPhase:
    number: int
    title: str
    duration: str
    focus: str
    group: str | None
    tasks: list[str]
    projects: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)


def seed_phases() -> dict[int, SeedPhase]:
    """Each '### Phase N:' or '#### Phase N:' block of seed 004, parsed."""
    text = seed_text("004")
    body = text.split("## Roadmap Phases", 1)[1].split("## Comprehensive Toolkit", 1)[0]
    phases: dict[int, SeedPhase] = {}
    group: str | None = None
    for block in re.split(r"^(?=#{3,4} )", body, flags=re.MULTILINE)[1:]:
        heading = re.match(r"(#{3,4}) (?:Phase (\d+): )?(.+)\n", block)
        assert heading
        if heading.group(2) is None:
            group = heading.group(3).strip()
            continue
        fields = dict(re.findall(r"^\* \*\*(\w+)\*\*: (.+)$", block, re.MULTILINE))
        number = int(heading.group(2))
        phases[number] = SeedPhase(
            number=number,
            title=heading.group(3).strip(),
            duration=fields["Duration"],
            focus=fields["Focus"],
            group=group if heading.group(1) == "####" else None,
            tasks=[t.rstrip(".") for t in split_outside_parentheses(fields["Tasks"])],
            projects=sentences(fields.get("Project", "")),
            resources=[
                r.rstrip(".") for r in split_outside_parentheses(fields.get("Resources", ""))
            ],
        )
    return phases


def phase_numbered(curriculum: Curriculum, number: int) -> Phase:
    (phase,) = [p for p in curriculum.phases if p.number == number]
    return phase


def core_end_phase() -> int:
    """The last phase with a week span that counts from the start (the core roadmap's end)."""
    return max(
        n
        for n, p in seed_phases().items()
        if p.duration.startswith("Weeks") and "Post-Roadmap" not in p.duration
    )


NUMBERS = sorted(seed_phases())


def test_phases_in_seed_order(curriculum: Curriculum) -> None:
    seed = seed_phases()
    assert list(range(1, len(seed) + 1)) == NUMBERS
    assert [(p.number, p.title) for p in curriculum.phases] == [(n, seed[n].title) for n in NUMBERS]


@pytest.mark.parametrize("number", NUMBERS)
def test_phase_has_one_module_with_its_duration(curriculum: Curriculum, number: int) -> None:
    seed = seed_phases()[number]
    phase = phase_numbered(curriculum, number)
    (module,) = phase.modules
    assert module.title == phase.title
    assert phase.summary == seed.focus
    assert module.duration is not None
    weeks = re.match(r"Weeks (\d+)[\u2013-](\d+)", seed.duration)
    if seed.duration == "Ongoing":
        assert module.duration.kind == "ongoing"
        assert phase.weeks is None
    else:
        assert weeks, seed.duration
        first, last = int(weeks.group(1)), int(weeks.group(2))
        assert phase.weeks is not None
        assert (phase.weeks.first, phase.weeks.last) == (first, last)
        span = last - first + 1
        assert (module.duration.kind, module.duration.low, module.duration.high) == (
            "span",
            span,
            span,
        )
        assert module.duration.unit == "weeks"


@pytest.mark.parametrize("number", NUMBERS)
def test_every_task_of_the_phase_is_a_task(curriculum: Curriculum, number: int) -> None:
    seed = seed_phases()[number]
    (module,) = phase_numbered(curriculum, number).modules
    assert [task.title for task in module.tasks] == seed.tasks
    assert all(task.id.startswith(module.id + "/") for task in module.tasks)


def test_parenthesised_commas_do_not_split_tasks() -> None:
    tasks = seed_phases()[4].tasks
    assert "Advanced Object Detection (Faster R-CNN, RetinaNet, YOLOv8)" in tasks


@pytest.mark.parametrize("number", NUMBERS)
def test_every_project_sentence_is_a_deliverable(curriculum: Curriculum, number: int) -> None:
    seed = seed_phases()[number]
    (module,) = phase_numbered(curriculum, number).modules
    assert [d.title for d in module.deliverables] == seed.projects
    assert all(d.kind == "project" for d in module.deliverables)


def test_phase_three_has_two_projects() -> None:
    assert seed_phases()[3].projects == [
        "Implement a neural network from scratch in NumPy",
        "Build and train a CNN, RNN, and Transformer in PyTorch",
    ]


def test_phase_resources(curriculum: Curriculum) -> None:
    for number in NUMBERS:
        seed = seed_phases()[number]
        phase = phase_numbered(curriculum, number)
        resources = [r for m in phase.modules for r in m.resources] + list(phase.resources)
        assert [r.title for r in resources] == [r.strip('"') for r in seed.resources]
        for resource, written in zip(resources, seed.resources, strict=True):
            # Quoted titles in the seed are books.
            assert (resource.kind == "book") == written.startswith('"'), written


def test_ongoing_and_post_roadmap_phases(curriculum: Curriculum) -> None:
    core_end = phase_numbered(curriculum, core_end_phase())
    for number, seed in seed_phases().items():
        phase = phase_numbered(curriculum, number)
        if "Post-Roadmap" in seed.duration:
            assert phase.after == core_end.id, number
        else:
            assert phase.after is None, number
    ongoing = [n for n, p in seed_phases().items() if p.duration == "Ongoing"]
    assert ongoing == [8, 12]
    assert core_end.number == 7


def test_group_heading_and_its_intro(curriculum: Curriculum) -> None:
    text = seed_text("004")
    for number, seed in seed_phases().items():
        assert phase_numbered(curriculum, number).group == seed.group
    groups = {seed.group for seed in seed_phases().values() if seed.group}
    (group,) = groups
    intro = re.search(rf"### {re.escape(group)}\n\n(.+)\n", text)
    assert intro
    notes = {note.title: note.text for note in curriculum.notes}
    assert notes[group] == intro.group(1).strip()


def test_toolkit_entries_are_tool_resources(curriculum: Curriculum) -> None:
    text = seed_text("004")
    section = text.split("## Comprehensive Toolkit", 1)[1].split("\n## ", 1)[0]
    entries = re.findall(r"^\* (.+)$", section, re.MULTILINE)
    assert entries
    tools = [r for r in curriculum.resources if r.topic == "Comprehensive Toolkit"]
    assert [r.title for r in tools] == entries
    assert {r.kind for r in tools} == {"tool"}
    intro = section.strip().splitlines()[0].rstrip(":")
    notes = {note.title: note.text for note in curriculum.notes}
    assert notes["Comprehensive Toolkit"] == intro + "."


def test_repository_remarks_are_dropped_and_missing_sections_explained(
    curriculum: Curriculum,
) -> None:
    text = seed_text("004")
    yaml_text = (bundled_dir() / f"{SLUG}.yaml").read_text(encoding="utf-8")
    lines = yaml_text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=schema.json"
    assert "shared/seeds/repaired/004_46aeac30b9fbd04d.txt" in lines[1]
    dumped = json.dumps(curriculum.model_dump(mode="json"), ensure_ascii=False).lower()
    for remark in ("repository", "browser", "tailwind", "web-based", "mit license"):
        assert remark in text.lower()
        assert remark not in dumped
    toc = re.findall(r"^\s*- \[(.+?)\]\(#", text, re.MULTILINE)
    headings = set(re.findall(r"^#{1,4} (.+)$", text, re.MULTILINE))
    missing = [entry for entry in toc if entry not in headings]
    assert missing == ["Community & Networking", "Usage", "Contributing"]
    comments = "\n".join(line for line in lines if line.lstrip().startswith("#"))
    for entry in missing:
        assert f'"{entry}"' in comments


def test_every_item_has_a_unique_id(curriculum: Curriculum) -> None:
    ids = [item.id for item in curriculum.items]
    assert len(ids) == len(set(ids))
    seed = seed_phases().values()
    assert len(ids) == sum(len(p.tasks) + len(p.projects) for p in seed)


def test_post_roadmap_starts_the_day_after_phase_seven(curriculum: Curriculum) -> None:
    plan = make_plan(curriculum, dt.date(2026, 1, 5), None, [])
    phase7 = plan.module_window(phase_numbered(curriculum, 7).modules[0].id)
    phase9 = plan.module_window(phase_numbered(curriculum, 9).modules[0].id)
    assert phase7 is not None and phase7.end is not None
    assert phase9 is not None
    assert phase9.start == phase7.end + dt.timedelta(days=1)
    # Weeks 1-38 of the core roadmap end on the Sunday of week 38.
    assert phase7.end == dt.date(2026, 1, 5) + dt.timedelta(weeks=38, days=-1)


def test_post_roadmap_phases_follow_their_week_spans(curriculum: Curriculum) -> None:
    plan = make_plan(curriculum, dt.date(2026, 1, 5), None, [])
    phase7 = plan.module_window(phase_numbered(curriculum, 7).modules[0].id)
    assert phase7 is not None and phase7.end is not None
    for number in (9, 10, 11):
        phase = phase_numbered(curriculum, number)
        assert phase.weeks is not None
        window = plan.module_window(phase.modules[0].id)
        assert window is not None
        assert window.start == phase7.end + dt.timedelta(weeks=phase.weeks.first - 1, days=1)


def test_enrollment_walk(run: Run, curriculum: Curriculum) -> None:
    run("start", SLUG, "--on", "2026-01-05")
    first = phase_numbered(curriculum, 1).modules[0].tasks[0]
    run("check", first.id, "--on", "2026-01-06")
    status = json.loads(run("status", "--week", "2026-01-07", "--json").stdout)
    assert status["done"] == 1
    assert status["phase"]["id"] == phase_numbered(curriculum, 1).id
    modules = {m["id"]: m for m in status["modules"]}
    module7 = modules[phase_numbered(curriculum, 7).modules[0].id]
    module9 = modules[phase_numbered(curriculum, 9).modules[0].id]
    day_after = dt.date.fromisoformat(module7["end"]) + dt.timedelta(days=1)
    assert module9["start"] == day_after.isoformat()
    # Phases 8 and 12 are ongoing: planned to start, never to end.
    for number in (8, 12):
        ongoing = modules[phase_numbered(curriculum, number).modules[0].id]
        assert ongoing["start"] is not None and ongoing["end"] is None
    upcoming = json.loads(run("next", "--from", "2026-01-07", "--json").stdout)
    ids = [task["id"] for task in upcoming["tasks"]]
    assert first.id not in ids
    assert ids[0] == phase_numbered(curriculum, 1).modules[0].tasks[1].id
