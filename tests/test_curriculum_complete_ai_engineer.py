"""The bundled complete-ai-engineer curriculum holds everything seed 001 states, with stable ids.

Every expectation is read from the seed text: the tests fail if a "- [ ]" line is dropped or
moved, or a duration, hours, checkpoint, choice or milestone changes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

import pytest

from roadmap_tracker.curriculum.catalog import bundled_dir, load_slug
from roadmap_tracker.curriculum.durations import Duration
from roadmap_tracker.curriculum.model import Curriculum, Module

from .conftest import Run, seed_text

SLUG = "complete-ai-engineer"
SEED = seed_text("001")
LINES = SEED.splitlines()

# The one "- [ ]" line left out, and why: it asks for the source repository's own notebooks.
DROPPED = "Complete notebooks in this repository"
DROPPED_REASON = "about the source repository's notebooks, not work a learner can do elsewhere"

# "- [ ]" lines under these bold headings are deliverables of this kind; all others are tasks.
DELIVERABLE_SECTIONS = {
    "Projects": "project",
    "Project": "project",
    "Certification": "certification",
}
# Second-level headings after the phases: reference text, no items.
AFTER_PHASES = {
    "Complete Timeline Summary",
    "Essential Resources Library",
    "Pro Tips for Success",
    "Support & Resources",
    "Final Thoughts",
}
# "Getting Started Today" blocks and the offset each milestone has.
START_OFFSETS = {
    "Week 1 Action Plan": "1 week",
    "First Month Goals": "1 month",
    "First Quarter Goals": "3 months",
}
EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]")
DURATION_HEADING = re.compile(
    r"^#{2,3} (?:\d+\. )?(.+?) \((\d+(?:-\d+)? weeks?|Ongoing)\)$", re.MULTILINE
)


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    return load_slug(SLUG)


def normalise(text: str) -> str:
    """A seed line without bold, check marks and "(covered in this repo)"-like remarks."""
    text = text.replace("**", "")
    text = re.sub(r"\s*\([^)]*this repo[^)]*\)", "", text)
    text = text.replace("\u2705", "")
    return " ".join(text.split())


def heading_text(line: str) -> str:
    """A Markdown heading without its '#' marks and emoji."""
    return " ".join(EMOJI.sub("", line.lstrip("#")).split())


@dataclass(frozen=True)
class SeedItem:
    """One checkable line of the seed and where the curriculum must hold it.

    ``place`` is ``p<N>`` for phase items, or ``(low, unit)`` of a milestone's offset;
    ``kind`` is the item kind, or for a deliverable its deliverable kind.
    """

    line: int
    title: str
    place: str | tuple[float, str]
    section: str | None
    kind: str


def offset_key(value: str | Duration) -> tuple[float, str]:
    """A milestone offset as (length, unit), from the seed's wording or the curriculum."""
    duration = value if isinstance(value, Duration) else Duration.model_validate(value)
    assert duration.low is not None and duration.unit is not None
    return (duration.low, duration.unit)


def seed_items() -> list[SeedItem]:
    """Every checkable line of the seed: "- [ ]" lines, numbered portfolio projects of the
    phase checkpoints and the days of the week-1 plan, with their phase or milestone, the
    sub-heading they stand under and the kind of item they become."""
    found: list[SeedItem] = []
    block: str | None = None
    phase: int | None = None
    part = "module"
    section: str | None = None
    milestone: tuple[float, str] | None = None
    for number, line in enumerate(LINES, 1):
        if match := re.match(r"^# Phase (\d+): ", line):
            block, phase, part, section = "phases", int(match[1]), "module", None
            continue
        if line.startswith("## "):
            name = heading_text(line)
            section = None
            if name in AFTER_PHASES:
                block = None
            elif name == "Success Metrics":
                block = "metrics"
            elif name == "Complete Checklist":
                block = "checklist"
            elif name == "Getting Started Today":
                block = "start"
            elif block == "phases":
                part = "checkpoint" if re.fullmatch(r"Phase \d+ Checkpoint", name) else "module"
            continue
        if line.startswith("### "):
            name = heading_text(line)
            if block == "phases":
                section = None if DURATION_HEADING.match(line) else name
            elif block == "checklist":
                phase = int(re.match(r"Phase (\d+):", name)[1])  # type: ignore[index]
            elif block == "metrics":
                milestone = offset_key(name.lower())
            elif block == "start":
                milestone = offset_key(START_OFFSETS[name])
            continue
        if block == "phases" and (bold := re.match(r"^\*\*(.+?):?\*\*\s*$", line)):
            name = bold[1]
            if name == "Portfolio Projects":
                part, section = "portfolio", name
            elif name.startswith("Before moving to"):
                section = None
            elif (
                name != "Resources"
                and not name.startswith("Advanced Topics")
                and "\u2705" not in name
            ):
                section = name
            continue
        if block == "phases" and line == "Additional topics:":
            section = "Additional topics"
            continue
        if (
            block == "phases"
            and part == "portfolio"
            and (numbered := re.match(r"^\d+\. (.+)$", line))
        ):
            found.append(SeedItem(number, numbered[1], f"p{phase}", section, "portfolio project"))
            continue
        if block == "start" and (day := re.match(r"^\*\*(Day [\d-]+):\*\* (.+)$", line)):
            assert milestone is not None
            found.append(SeedItem(number, f"{day[1]}: {day[2]}", milestone, None, "milestone"))
            continue
        box = re.match(r"^- \[ \] (.+)$", line)
        if not box:
            continue
        title = normalise(box[1])
        if block == "phases":
            if part == "checkpoint":
                found.append(SeedItem(number, title, f"p{phase}", None, "checkpoint"))
            else:
                kind = DELIVERABLE_SECTIONS.get(section or "", "task")
                found.append(SeedItem(number, title, f"p{phase}", section, kind))
        elif block == "checklist":
            found.append(SeedItem(number, title, f"p{phase}", "Complete checklist", "task"))
        elif block in ("metrics", "start"):
            assert milestone is not None
            found.append(SeedItem(number, title, milestone, None, "milestone"))
        else:
            raise AssertionError(f"seed line {number} is outside every known block")
    return found


def checkbox_titles() -> list[str]:
    return [normalise(line[6:]) for line in LINES if line.startswith("- [ ] ")]


def curriculum_places(curriculum: Curriculum) -> Counter[tuple[object, ...]]:
    """Every checkable item as (place, title, section, kind), as seed_items() describes it."""
    offsets = {m.id: offset_key(m.offset) for m in curriculum.milestones}
    kinds = {
        deliverable.id: deliverable.kind
        for phase in curriculum.phases
        for part in (phase, *phase.modules)
        for deliverable in part.deliverables
    }
    places: Counter[tuple[object, ...]] = Counter()
    for item in curriculum.items:
        place: object = offsets[item.milestone_id] if item.milestone_id else item.phase_id
        places[(place, item.title, item.section, kinds.get(item.id, item.kind))] += 1
    return places


def phase_blocks() -> dict[int, str]:
    """The text of each '# Phase N' block of the seed, up to the next phase or the summary."""
    body = SEED.split("## \U0001f4ca Complete Timeline Summary")[0]
    blocks = re.split(r"^(?=# Phase \d+: )", body, flags=re.MULTILINE)[1:]
    return {int(re.match(r"# Phase (\d+)", b)[1]): b for b in blocks}  # type: ignore[index]


def second_level_block(title: str) -> str:
    """The text under the '## ...title' heading up to the next '## ' heading."""
    match = re.search(rf"^## .*{re.escape(title)}\n(.*?)(?=^## |\Z)", SEED, re.M | re.S)
    assert match, title
    return match.group(1)


def module_titled(curriculum: Curriculum, title: str) -> Module | None:
    matches = [m for m in curriculum.modules if m.title == title]
    assert len(matches) <= 1, title
    return matches[0] if matches else None


# ---------------------------------------------------------------------------- items


def test_every_checkbox_line_is_an_item_title(curriculum: Curriculum) -> None:
    titles = {item.title for item in curriculum.items}
    lines = checkbox_titles()
    assert DROPPED in lines
    missing = [line for line in lines if line != DROPPED and line not in titles]
    assert missing == []


def test_the_repository_notebooks_line_is_left_out(curriculum: Curriculum) -> None:
    titles = [item.title for item in curriculum.items]
    assert checkbox_titles().count(DROPPED) == 1
    assert DROPPED not in titles, DROPPED_REASON
    assert not any("notebooks in this repo" in title for title in titles), DROPPED_REASON


def test_each_seed_item_is_in_its_phase_section_and_kind(curriculum: Curriculum) -> None:
    """Nothing dropped, nothing added, nothing moved: the multiset of (phase or milestone,
    title, section, kind) is the same on both sides."""
    expected = Counter(
        (item.place, item.title, item.section, item.kind)
        for item in seed_items()
        if item.title != DROPPED
    )
    actual = curriculum_places(curriculum)
    assert actual - expected == Counter(), "items the seed does not have there"
    assert expected - actual == Counter(), "seed items missing there"


def test_items_follow_the_seed_order_within_each_phase(curriculum: Curriculum) -> None:
    for phase in curriculum.phases:
        seed_order = [
            i.title
            for i in seed_items()
            if i.place == phase.id and i.title != DROPPED and i.section != "Complete checklist"
        ]
        module_items = [
            item.title
            for item in curriculum.items
            if item.phase_id == phase.id and item.module_id is not None
        ]
        # The module items keep the seed's order (a subsequence: the phase's own checkpoint
        # and portfolio items are in the seed order too but not module items).
        remaining = iter(seed_order)
        assert all(title in remaining for title in module_items), phase.id


def test_routines_with_a_cadence_are_recurring(curriculum: Curriculum) -> None:
    cadences = {
        "daily": "daily",
        "weekly": "weekly",
        "monthly": "monthly",
        "per month": "monthly",
        "per quarter": "quarterly",
    }
    pattern = re.compile(r"\b(daily|weekly|monthly|per month|per quarter)$")
    routines = [
        (item, pattern.search(item.title))
        for item in seed_items()
        if item.place in ("p5", "p6") and pattern.search(item.title)
    ]
    assert routines
    by_item = {activity.item: activity for activity in curriculum.recurring}
    for seed, match in routines:
        (item,) = [i for i in curriculum.items if i.title == seed.title and i.kind == "task"]
        activity = by_item[item.id]
        assert activity.cadence == cadences[match[1]]  # type: ignore[index]
        assert activity.during == seed.place
        assert activity.times is not None and activity.times.text == "1"
        assert item.phase_id == seed.place


def test_item_ids_are_paths_under_their_module_phase_or_milestone(
    curriculum: Curriculum,
) -> None:
    ids = [item.id for item in curriculum.items]
    assert len(ids) == len(set(ids))
    for item in curriculum.items:
        owner = item.milestone_id or item.module_id or item.phase_id
        assert owner and item.id.startswith(f"{owner}/"), item.id


# ---------------------------------------------------------------------------- durations


def test_phases_match_their_headings(curriculum: Curriculum) -> None:
    headings = re.findall(r"^# Phase (\d+): (.+) \((.+)\)$", SEED, re.MULTILINE)
    assert [p.id for p in curriculum.phases] == [f"p{n}" for n, _, _ in headings]
    for phase, (number, title, duration) in zip(curriculum.phases, headings, strict=True):
        assert phase.number == int(number)
        assert phase.title == title
        assert phase.duration == Duration.model_validate(duration)


def test_phase_weekly_hours_and_goals(curriculum: Curriculum) -> None:
    blocks = phase_blocks()
    for phase in curriculum.phases:
        block = blocks[phase.number or 0]
        goal = re.search(r"^## .*Goal\n(.+)$", block, re.MULTILINE)
        assert goal and phase.summary == goal.group(1)
        estimate = re.search(r"\*\*Estimated Time:\*\* (.+) \((\d+-\d+) hours/week\)", block)
        if estimate is None:
            assert phase.weekly_hours is None
            continue
        assert phase.weekly_hours is not None and phase.weekly_hours.text == estimate.group(2)
        assert phase.duration == Duration.model_validate(estimate.group(1))


def test_module_durations_match_the_seed_headings(curriculum: Curriculum) -> None:
    body = SEED.split("## \U0001f4ca Complete Timeline Summary")[0]
    choice_titles = {group.title for group in curriculum.choices}
    checked: set[str] = set()
    for title, text in DURATION_HEADING.findall(body):
        duration = Duration.model_validate(text)
        module = module_titled(curriculum, title)
        if module is not None:
            assert module.duration == duration, title
            checked.add(module.id)
            continue
        group = [m for m in curriculum.modules if m.group == title]
        assert group, f"no module or group for heading {title!r}"
        if title in choice_titles:
            # "PyTorch or TensorFlow (Choose One) (4 weeks)": each option takes the whole time.
            assert all(m.duration == duration for m in group)
        else:
            # "Cloud Platforms (4 weeks)" holds AWS 2 + GCP 1 + Azure 1 weeks; each of those
            # has its own heading, checked in turn.
            lows = [m.duration.low for m in group if m.duration and m.duration.low]
            assert len(lows) == len(group) and sum(lows) == duration.low, title
            continue
        checked.update(m.id for m in group)
    options = re.findall(
        r"^### (Option [A-D]: .+)\n\n\*\*Advanced Topics \((\d+ weeks)\)\*\*", body, re.MULTILINE
    )
    assert options
    for title, text in options:
        module = module_titled(curriculum, title)
        assert module is not None and module.duration == Duration.model_validate(text)
        checked.add(module.id)
    dated = {m.id for m in curriculum.modules if m.duration is not None}
    assert dated == checked, "modules with a duration the seed does not state"


# ---------------------------------------------------------------------------- choices


def test_framework_choice_is_pick_one_with_pytorch_recommended(curriculum: Curriculum) -> None:
    block = second_level_block("PyTorch or TensorFlow (Choose One) (4 weeks)")
    frameworks = re.findall(r"^### (.+) \((.+)\)$", block, re.MULTILINE)
    assert len(frameworks) == 2
    (group,) = [g for g in curriculum.choices if g.title == "PyTorch or TensorFlow (Choose One)"]
    assert group.pick == "one"
    modules = [curriculum.module_index[option] for option in group.options]
    assert [(m.title, m.summary) for m in modules] == frameworks
    (recommended,) = [m for m in modules if "Recommended" in (m.summary or "")]
    assert group.recommended == recommended.id == "p2-pytorch"


def test_specialization_choice_is_pick_any_of_options_a_to_d(curriculum: Curriculum) -> None:
    block = second_level_block("Choose Your Specialization(s)")
    options = re.findall(r"^### (Option [A-D]: .+)$", block, re.MULTILINE)
    assert [o.split(":")[0] for o in options] == ["Option A", "Option B", "Option C", "Option D"]
    (group,) = [g for g in curriculum.choices if g.title == "Choose Your Specialization(s)"]
    assert group.pick == "any"
    assert [curriculum.module_index[o].title for o in group.options] == options
    assert all(curriculum.phase_of[o].id == "p3" for o in group.options)


# ---------------------------------------------------------------------------- milestones


def test_success_metrics_are_milestones_at_their_months(curriculum: Curriculum) -> None:
    block = second_level_block("Success Metrics")
    metrics = re.findall(r"^### (\d+) Months\n(.*?)(?=^### |\Z)", block, re.M | re.S)
    assert len(metrics) >= 2
    by_offset = {offset_key(m.offset): m for m in curriculum.milestones}
    for months, body in metrics:
        milestone = by_offset[offset_key(f"{months} months")]
        assert milestone.offset == Duration.model_validate(f"{months} months")
        expected = [normalise(t) for t in re.findall(r"^- \[ \] (.+)$", body, re.MULTILINE)]
        assert [item.title for item in milestone.items] == expected
        assert all(item.id.startswith(f"{milestone.id}/") for item in milestone.items)


def test_getting_started_plan_is_three_early_milestones(curriculum: Curriculum) -> None:
    block = second_level_block("Getting Started Today")
    by_offset = {offset_key(m.offset): m for m in curriculum.milestones}
    for title, offset in START_OFFSETS.items():
        body = re.search(rf"^### {title}\n(.*?)(?=^### |\Z)", block, re.M | re.S)
        assert body, title
        milestone = by_offset[offset_key(offset)]
        assert milestone.title == title
        days = [f"{d}: {t}" for d, t in re.findall(r"^\*\*(Day [\d-]+):\*\* (.+)$", body[1], re.M)]
        boxes = [normalise(t) for t in re.findall(r"^- \[ \] (.+)$", body[1], re.MULTILINE)]
        assert [item.title for item in milestone.items] == days + boxes


# ---------------------------------------------------------------------------- phase extras


def test_phase_checkpoints_and_portfolio_projects(curriculum: Curriculum) -> None:
    blocks = phase_blocks()
    for phase in curriculum.phases:
        block = blocks[phase.number or 0]
        before = re.search(
            r"^\*\*(Before moving to Phase \d+, you should:)\*\*\n((?:- .+\n)+)", block, re.M
        )
        if before is None:
            assert phase.checkpoint is None
        else:
            assert phase.checkpoint is not None
            assert phase.checkpoint.description == before.group(1)
            expected = [normalise(t) for t in re.findall(r"^- \[ \] (.+)$", before.group(2), re.M)]
            assert [item.title for item in phase.checkpoint.items] == expected
        portfolio = re.search(r"^\*\*Portfolio Projects:\*\*\n((?:\d+\. .+\n)+)", block, re.M)
        projects = [d for d in phase.deliverables if d.kind == "portfolio project"]
        expected_projects = (
            re.findall(r"^\d+\. (.+)$", portfolio.group(1), re.M) if portfolio else []
        )
        assert [d.title for d in projects] == expected_projects


def test_complete_checklist_is_each_phase_s_own_tasks(curriculum: Curriculum) -> None:
    block = second_level_block("Complete Checklist")
    lists = re.findall(r"^### Phase (\d+): .+\n((?:- .+\n)+)", block, re.MULTILINE)
    assert [int(n) for n, _ in lists] == [p.number for p in curriculum.phases]
    for number, body in lists:
        phase = curriculum.phase_index[f"p{number}"]
        expected = [normalise(t) for t in re.findall(r"^- \[ \] (.+)$", body, re.MULTILINE)]
        assert [t.title for t in phase.tasks] == expected
        assert {t.section for t in phase.tasks} == {"Complete checklist"}


# ---------------------------------------------------------------------------- resources, notes


def test_books_keep_their_authors(curriculum: Curriculum) -> None:
    authors = {a for r in curriculum.all_resources for a in r.authors}
    assert {"Aurélien Géron", "François Chollet"} <= authors
    library = second_level_block("Essential Resources Library")
    books = re.findall(r'^\d+\. \*\*"(.+?)"\*\* - (.+)$', library, re.MULTILINE)
    assert books
    for title, names in books:
        assert any(
            r.kind == "book" and r.title == title and list(r.authors) == names.split(", ")
            for r in curriculum.resources
        ), title
    phase_books = re.findall(r'^- \*\*(?:Paid|Book):\*\* "(.+?)"(?: by (.+))?$', SEED, re.M)
    assert phase_books
    module_resources = [r for m in curriculum.modules for r in m.resources]
    for title, names in phase_books:
        expected = re.split(r", | & ", names) if names else []
        assert any(
            r.kind == "book" and r.title == title and list(r.authors) == expected
            for r in module_resources
        ), title


def test_free_and_paid_resources_are_marked(curriculum: Curriculum) -> None:
    module_resources = [r for m in curriculum.modules for r in m.resources]
    paid = re.findall(r'^- \*\*Paid:\*\* "(.+?)"', SEED, re.MULTILINE)
    assert paid
    for title in paid:
        assert any(r.title == title and r.free is False for r in module_resources), title
    library = second_level_block("Essential Resources Library")
    free_courses = re.findall(r"^\d+\. \*\*(.+?)\*\*.*\(Free\)$", library, re.MULTILINE)
    assert free_courses
    for title in free_courses:
        assert any(r.title == title and r.free is True for r in curriculum.resources), title
    channels = re.findall(r"^- (.+?) \((.+)\)$", library.split("### YouTube Channels")[1], re.M)
    assert channels
    for title, note in channels:
        assert any(
            r.title == title and r.kind == "video" and r.note == note for r in curriculum.resources
        )


def test_career_progression_levels_are_notes(curriculum: Curriculum) -> None:
    block = second_level_block("Career Progression")
    levels = re.findall(r"^### (.+) \((.+ years)\)\n\*\*Salary:\*\* (.+)$", block, re.MULTILINE)
    assert len(levels) >= 2
    notes = {note.title: note.text for note in curriculum.notes}
    for level, years, salary in levels:
        (text,) = [t for title, t in notes.items() if f"{level} ({years})" in title]
        assert text.startswith(f"Salary: {salary.strip()}")
    paths = re.findall(r"^- \*\*(.+?)\*\*", block.split("### Alternative Paths")[1], re.M)
    (alternatives,) = [t for title, t in notes.items() if "Alternative Paths" in title]
    assert all(path in alternatives for path in paths)


def test_no_emoji_and_no_repository_remarks(curriculum: Curriculum) -> None:
    texts: list[str] = [curriculum.title, curriculum.subtitle or ""]
    texts += [item.title for item in curriculum.items]
    texts += [s for item in curriculum.items if (s := item.section)]
    for phase in curriculum.phases:
        texts += [phase.title, phase.summary or ""]
        for module in phase.modules:
            texts += [module.title, module.summary or "", module.group or ""]
            texts += [i for topic in module.topics for i in (topic.title, *topic.items)]
    texts += [r.title + " " + (r.note or "") for r in curriculum.all_resources]
    texts += [note.title + " " + note.text for note in curriculum.notes]
    texts += [m.title for m in curriculum.milestones] + [g.title for g in curriculum.choices]
    for text in texts:
        assert not EMOJI.search(text), text
        assert "this repo" not in text.lower(), text
    raw = (bundled_dir() / f"{SLUG}.yaml").read_text(encoding="utf-8")
    assert not EMOJI.search(raw)


def test_header_names_the_source_and_the_stated_figures(curriculum: Curriculum) -> None:
    lines = (bundled_dir() / f"{SLUG}.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=schema.json"
    assert "shared/seeds/repaired/001_b735ad17fe363c28.txt" in lines[1]
    timeline = re.search(r"\*\*Estimated Timeline:\*\* (.+?)\s*$", SEED, re.MULTILINE)
    assert timeline and curriculum.stated_duration == timeline.group(1)
    weekly = re.search(r"\*\*Weekly Commitment:\*\* (\d+)-(\d+) hours", SEED)
    assert weekly and curriculum.weekly_hours is not None
    assert (curriculum.weekly_hours.low, curriculum.weekly_hours.high) == (
        int(weekly.group(1)),
        int(weekly.group(2)),
    )
    assert curriculum.updated == "2026-01-29" and curriculum.version == "1.0"


# ---------------------------------------------------------------------------- enrollment


def test_enrollment_dates_milestones_and_counts_only_the_chosen_framework(run: Run) -> None:
    # The generic start/check/status/next walk is in tests/test_all_curricula.py.
    run("start", SLUG, "--on", "2026-01-31")
    upcoming = json.loads(run("next", "--from", "2026-01-31", "--json").stdout)
    assert upcoming["tasks"][0]["module"] == "p0-python"
    plan = json.loads(run("plan", "--on", "2026-01-31", "--json").stdout)
    dates = {m["ref"]: m["date"] for m in plan["milestones"]}
    # Calendar months from the 31st: February has no 31st, July has.
    assert dates["start/first-month"] == "2026-02-28"
    assert dates["metrics/6-months"] == "2026-07-31"
    assert dates["metrics/12-months"] == "2027-01-31"
    status = json.loads(run("status", "--week", "2026-02-02", "--json").stdout)
    modules = {m["id"]: m for m in status["modules"]}
    # Until a choice, every option counts.
    assert {"p2-pytorch", "p2-tensorflow", "p3-nlp-llm", "p3-research"} <= set(modules)
    tensorflow = modules["p2-tensorflow"]["total"]
    assert tensorflow > 0
    run("choose", "p2-framework", "pytorch", "--on", "2026-02-02")
    after = json.loads(run("status", "--week", "2026-02-02", "--json").stdout)
    assert after["total"] == status["total"] - tensorflow
    assert "p2-tensorflow" not in {m["id"] for m in after["modules"]}
    # A pick-one group takes one option; a pick-any group takes several.
    refused = run("choose", "p2-framework", "pytorch", "tensorflow", code=1)
    assert "takes one option" in refused.stderr
    run("choose", "p3-specialization", "p3-nlp-llm", "p3-mlops")
    chosen = {m["id"] for m in json.loads(run("status", "--json").stdout)["modules"]}
    assert {"p3-nlp-llm", "p3-mlops"} <= chosen
    assert not {"p3-computer-vision", "p3-research"} & chosen
