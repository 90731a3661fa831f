"""The bundled ai-study-plan curriculum holds everything seed 000 states, with stable ids.

Every expectation is parsed from the seed text: sections I-VII with their subsections,
numbered items and sub-bullets, the summary table and the thematic resource map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from roadmap_tracker.curriculum.catalog import load_slug
from roadmap_tracker.curriculum.model import Curriculum, Phase

from .conftest import seed_text

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]
ETHICS_ROW = "Ethics & Responsible AI"


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    return load_slug("ai-study-plan")


def norm(text: str) -> str:
    """Text without markdown bold, extra spaces, trailing full stop or colon, case folded."""
    text = " ".join(text.replace("**", "").replace("*", "").split())
    return text.rstrip(".: ").casefold()


@dataclass
class Numbered:
    text: str
    bullets: list[str] = field(default_factory=list)


@dataclass
class Subsection:
    letter: str
    title: str
    items: list[Numbered] = field(default_factory=list)


@dataclass
class Section:
    roman: str
    title: str
    timeline: str | None
    subsections: list[Subsection] = field(default_factory=list)


def seed_sections() -> list[Section]:
    """Sections I-VII of seed 000 with their lettered subsections and numbered items."""
    sections: list[Section] = []
    numbered: Numbered | None = None
    for line in seed_text("000").splitlines():
        if line.startswith("## "):
            numbered = None
            heading = re.match(r"## ([IVX]+)\. (.+?)(?: \((.+)\))?\s*$", line)
            if heading is None:
                if sections:
                    break  # the resource map follows section VII
                continue
            sections.append(Section(heading[1], heading[2], heading[3]))
            continue
        if not sections:
            continue
        if letter := re.match(r"^\*\*([A-Z])\. (.+?)\*\*\s*$", line):
            sections[-1].subsections.append(Subsection(letter[1], letter[2]))
            numbered = None
        elif item := re.match(r"^\d+\. (.+?)\s*$", line):
            numbered = Numbered(item[1])
            sections[-1].subsections[-1].items.append(numbered)
        elif (bullet := re.match(r"^\s+- (.+?)\s*$", line)) and numbered is not None:
            numbered.bullets.append(bullet[1])  # nested bullets count too
        elif line.strip() and not line.startswith(" "):
            numbered = None  # any other unindented line ends the numbered item
    return sections


def seed_table() -> list[dict[str, str]]:
    """Rows of the Visual Roadmap & Summary Table."""
    rows = []
    for line in seed_text("000").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 4 and not set(cells[0]) <= {"-"}:
            rows.append(
                dict(zip(["section", "skills", "deliverables", "timeline"], cells, strict=True))
            )
    assert rows[0]["section"] == "Section"
    return rows[1:]


def seed_papers() -> list[tuple[str, str, list[str], int]]:
    """(topic, title, authors, year) of every paper of the Thematic Resource Map."""
    text = seed_text("000").split("## Thematic Resource Map", 1)[1].split("\n## ", 1)[0]
    papers = []
    topic = ""
    for line in text.splitlines():
        if line.startswith("### "):
            topic = line.removeprefix("### ").strip()
        elif paper := re.match(r'^\s+- "(.+?)" \((.+), (\d{4})\)\s*$', line):
            authors = [name.strip() for name in paper[2].split(",")]
            papers.append((topic, paper[1], authors, int(paper[3])))
    return papers


def seed_web() -> dict[str, list[str]]:
    """The resource titles each Web line of the Thematic Resource Map names, by topic.

    "conference sites (NeurIPS, ICML, CVPR)" names three sites and "PyTorch/TensorFlow docs"
    two; every other entry names one.
    """
    text = seed_text("000").split("## Thematic Resource Map", 1)[1].split("\n## ", 1)[0]
    web: dict[str, list[str]] = {}
    topic = ""
    for line in text.splitlines():
        if line.startswith("### "):
            topic = line.removeprefix("### ").strip()
        elif line.startswith("- **Web:**"):
            entries = re.split(r",\s*(?![^()]*\))", line.removeprefix("- **Web:**").strip())
            titles: list[str] = []
            for entry in entries:
                if listed := re.match(r".+? \((.+)\)$", entry):
                    titles += [name.strip() for name in listed[1].split(",")]
                elif pair := re.match(r"^([\w.]+)/([\w.]+) (.+)$", entry):
                    titles += [f"{pair[1]} {pair[3]}", f"{pair[2]} {pair[3]}"]
                else:
                    titles.append(entry.strip())
            web[topic] = titles
    return web


def item_texts(curriculum: Curriculum) -> list[str]:
    """The normalised text of every checkable item: title, and title with description."""
    texts = []
    for phase in curriculum.phases:
        for container in [*phase.modules, phase]:
            for task in [*container.tasks, *container.deliverables]:
                texts.append(norm(task.title))
                if task.description:
                    texts.append(norm(f"{task.title}: {task.description}"))
    return texts


def phase_for(curriculum: Curriculum, roman: str) -> Phase:
    return curriculum.phases[ROMAN.index(roman)]


def test_seed_parses_into_seven_sections() -> None:
    sections = seed_sections()
    assert [s.roman for s in sections] == ROMAN
    assert all(s.subsections for s in sections)
    assert all(sub.items for s in sections for sub in s.subsections)


def test_sections_are_phases_and_subsections_modules(curriculum: Curriculum) -> None:
    sections = seed_sections()
    assert [p.number for p in curriculum.phases] == list(range(1, len(sections) + 1))
    for section, phase in zip(sections, curriculum.phases, strict=True):
        assert phase.title == section.title
        assert [m.title for m in phase.modules] == [s.title for s in section.subsections]
        # The source gives no subsection durations: the planner shares the phase's.
        assert all(module.duration is None for module in phase.modules)


def test_every_numbered_item_is_in_the_curriculum(curriculum: Curriculum) -> None:
    texts = item_texts(curriculum)
    sections = {norm(item.section) for item in curriculum.items if item.section}
    for section in seed_sections():
        for sub in section.subsections:
            for numbered in sub.items:
                wanted = norm(numbered.text)
                found = any(wanted in text for text in texts) or wanted in sections
                assert found, f"{section.roman}.{sub.letter}: {numbered.text!r} is missing"


def test_numbered_items_are_in_their_module(curriculum: Curriculum) -> None:
    for section in seed_sections():
        phase = phase_for(curriculum, section.roman)
        for sub, module in zip(section.subsections, phase.modules, strict=True):
            items = curriculum.items_of(module.id)
            texts = [norm(i.title) for i in items]
            texts += [norm(f"{t.title}: {t.description}") for t in module.tasks if t.description]
            sections = {norm(i.section) for i in items if i.section}
            for numbered in sub.items:
                wanted = norm(numbered.text)
                assert any(wanted in text for text in texts) or wanted in sections, wanted


def test_every_sub_bullet_is_an_item_under_its_numbered_item(curriculum: Curriculum) -> None:
    bullets = [
        (numbered, bullet)
        for section in seed_sections()
        for sub in section.subsections
        for numbered in sub.items
        for bullet in numbered.bullets
    ]
    assert bullets
    for numbered, bullet in bullets:
        parent = norm(numbered.text)
        under = [norm(i.title) for i in curriculum.items if i.section and norm(i.section) == parent]
        assert any(norm(bullet) in title for title in under), f"{bullet!r} under {parent!r}"


def test_every_item_id_is_unique_and_under_its_module(curriculum: Curriculum) -> None:
    ids = [item.id for item in curriculum.items]
    assert len(ids) == len(set(ids))
    for item in curriculum.items:
        owner = item.module_id or item.phase_id
        assert owner is not None and item.id.startswith(owner + "/")


def test_phase_durations_match_headings_and_table(curriculum: Curriculum) -> None:
    sections = seed_sections()
    rows = [row for row in seed_table() if row["section"] != ETHICS_ROW]
    assert len(rows) == len(sections)
    for section, row, phase in zip(sections, rows, curriculum.phases, strict=True):
        assert phase.duration is not None
        stated = norm(row["timeline"])
        assert phase.duration.text == stated
        if section.timeline:  # "~10-12 weeks" or "Ongoing"; VII's heading states none
            assert phase.duration.text == norm(section.timeline).lstrip("~")
    assert [p.duration.text for p in curriculum.phases if p.duration] == [
        "10-12 weeks",
        "8-10 weeks",
        "6-8 weeks",
        "ongoing",
        "ongoing",
        "ongoing",
        "every 3 months",
    ]


def test_table_skills_and_deliverables_are_present(curriculum: Curriculum) -> None:
    rows = seed_table()
    others = [row for row in rows if row["section"] != ETHICS_ROW]
    for row, phase in zip(others, curriculum.phases, strict=True):
        assert [norm(s) for s in phase.skills] == [norm(s) for s in row["skills"].split(",")]
        titles = [norm(d.title) for d in phase.deliverables]
        assert titles == [norm(d) for d in row["deliverables"].split(",")]


def test_ethics_row_belongs_to_section_iii_b(curriculum: Curriculum) -> None:
    (row,) = [row for row in seed_table() if row["section"] == ETHICS_ROW]
    module = curriculum.module_index["p3b"]
    assert "Responsible AI" in module.title
    assert [norm(s) for s in module.skills] == [norm(s) for s in row["skills"].split(",")]
    assert [norm(d.title) for d in module.deliverables] == [
        norm(d) for d in row["deliverables"].split(",")
    ]
    assert module.summary and row["timeline"] in module.summary
    # No eighth phase: the body numbers seven sections.
    assert len(curriculum.phases) == len(seed_sections())


def test_weekly_hours_of_sections_i_to_iii(curriculum: Curriculum) -> None:
    match = re.search(r"Sections I-III\*\*:.*?~(\d+)-(\d+) hours/week", seed_text("000"))
    assert match
    low, high = int(match[1]), int(match[2])
    assert curriculum.weekly_hours is not None
    assert (curriculum.weekly_hours.low, curriculum.weekly_hours.high) == (low, high)
    for phase in curriculum.phases:
        hours = phase.weekly_hours
        if phase.number in (1, 2, 3):
            assert hours is not None and (hours.low, hours.high) == (low, high)
        else:
            assert hours is None


@pytest.mark.parametrize(
    ("cadence", "item", "during", "times"),
    [
        ("weekly", "p1a/review-key-papers", "p1", "2-3"),
        ("bi-weekly", "p7a/bi-weekly-update", None, None),
        ("monthly", "p5a/reading-circles", "p5", None),
        ("quarterly", "p4b/quarterly-blog-post", "p4", "1"),
        ("quarterly", "p7a/end-of-quarter-review", None, None),
        ("annually", "p5b/conference-talk", "p5", None),
        ("annually", "p4c/annual-walkthroughs", "p4", None),
        ("monthly", "p5b/pull-requests", "p5", None),
    ],
)
def test_recurring_commitments(
    curriculum: Curriculum, cadence: str, item: str, during: str | None, times: str | None
) -> None:
    (activity,) = [a for a in curriculum.recurring if a.item == item]
    assert activity.cadence == cadence
    assert activity.during == during
    assert (activity.times.text if activity.times else None) == times
    # The item that asks for the routine states its cadence in the seed.
    words = {
        "weekly": "weekly",
        "bi-weekly": "bi-weekly",
        "monthly": "monthly",
        "quarterly": "quarter",
        "annually": "annual",
    }
    title = curriculum.item_index[item].title.casefold()
    task = next(t for m in curriculum.modules for t in m.tasks + m.deliverables if t.id == item)
    assert words[cadence] in f"{title} {task.description or ''}".casefold()


def test_weekly_paper_review_counts_papers(curriculum: Curriculum) -> None:
    match = re.search(r"Weekly review/summarization of (\d+)-(\d+) ", seed_text("000"))
    assert match
    (papers,) = [a for a in curriculum.recurring if a.cadence == "weekly"]
    assert papers.times is not None
    assert (papers.times.low, papers.times.high) == (int(match[1]), int(match[2]))
    assert papers.unit == "papers"
    assert papers.rrule == "FREQ=WEEKLY;INTERVAL=1"


def test_every_resource_map_paper_is_a_resource_with_its_year(curriculum: Curriculum) -> None:
    papers = seed_papers()
    assert len(papers) >= 8
    resources = [r for r in curriculum.resources if r.kind == "paper"]
    for topic, title, authors, year in papers:
        stem = title.removesuffix("...")
        matches = [r for r in resources if r.title.startswith(stem)]
        assert len(matches) == 1, title
        (resource,) = matches
        assert resource.year == year
        assert resource.topic == topic
        assert list(resource.authors) == authors


def test_resource_map_web_entries_are_resources(curriculum: Curriculum) -> None:
    web = seed_web()
    assert set(web) == {r.topic for r in curriculum.resources}
    for topic, wanted in web.items():
        titles = {r.title.casefold() for r in curriculum.resources if r.topic == topic}
        for title in wanted:
            assert title.casefold() in titles, f"{topic}: {title}"
    site_kinds = {"site", "community", "course"}
    web_titles = {title.casefold() for titles in web.values() for title in titles}
    for resource in curriculum.resources:
        if resource.title.casefold() in web_titles:
            assert resource.kind in site_kinds


def test_intro_audience_objectives_and_notes(curriculum: Curriculum) -> None:
    text = seed_text("000")
    audience = re.search(r"\*\*Target Audience:\*\* (.+)", text)
    assert audience and curriculum.audience == audience[1].strip()
    outcomes = text.split("**Expected Outcomes:**", 1)[1].split("---", 1)[0]
    bullets = [line.strip().removeprefix("- ").strip() for line in outcomes.splitlines()]
    assert list(curriculum.objectives) == [b for b in bullets if b]
    assert curriculum.summary and curriculum.summary.startswith("This layered study plan")
    note_titles = [note.title for note in curriculum.notes]
    timeline = text.split("## Notes on Estimated Timelines and Engagement", 1)[1]
    for lead in re.findall(r"^- \*\*(.+?)\*\*", timeline.split("---", 1)[0], re.MULTILINE):
        assert lead in note_titles
    assert "Closing" in note_titles


def test_q3_example_goals_are_a_note(curriculum: Curriculum) -> None:
    block = seed_text("000").split("*Example: Q3 Goal*", 1)[1].split("**Feedback", 1)[0]
    goals = [line.removeprefix("- ").strip() for line in block.splitlines() if line.strip()]
    (note,) = [n for n in curriculum.notes if n.title == "Example: Q3 Goal"]
    assert len(goals) == 4
    for goal in goals:
        assert goal in note.text
