"""Markdown roadmaps: 'roadmap export --format markdown' and 'roadmap import' (issue 8).

The seed roadmaps are read from the copies in tests/data (decision 15), so these tests also
run where shared/ is not beside the project.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_tracker.curriculum import catalog
from roadmap_tracker.curriculum.model import (
    ID_PATTERN,
    Curriculum,
    Deliverable,
    Module,
    Phase,
    Task,
)
from roadmap_tracker.formats.markdown_export import ChecklistState, checklist_markdown
from roadmap_tracker.formats.markdown_headings import duration_of, split_heading
from roadmap_tracker.formats.markdown_import import assign_ids, parse_roadmap

from .conftest import Run, seed_text

SEEDS = ("000", "001", "002", "003", "004")
BUNDLED = sorted(path.stem for path in catalog.bundled_dir().glob("*.yaml"))
CHECKLIST_LINE = re.compile(r"^\s*[-*+] \[[ xX]\](?:\s|$)", re.MULTILINE)
LINE_MARKS = re.compile(r"^\s*- \[([ x])\] (~~)?.*<!-- id: (\S+) -->$", re.MULTILINE)


def write_seed(tmp_path: Path, number: str) -> Path:
    source = tmp_path / "ROADMAP.md"
    source.write_text(seed_text(number), encoding="utf-8")
    return source


def curricula_files(home: Path) -> list[Path]:
    directory = home / "curricula"
    return sorted(directory.iterdir()) if directory.is_dir() else []


def marks(markdown: str) -> dict[str, str]:
    """Each item line's id with its mark: ``done``, ``skipped`` or ``open``."""
    found: dict[str, str] = {}
    for box, struck, item_id in LINE_MARKS.findall(markdown):
        found[item_id] = "skipped" if struck else ("done" if box == "x" else "open")
    return found


# --- import of the seed roadmaps -------------------------------------------------------------


@pytest.mark.parametrize("number", SEEDS)
def test_each_seed_imports_into_a_curriculum_that_validates_and_can_be_followed(
    run: Run, tmp_path: Path, roadmap_home: Path, number: str
) -> None:
    source = write_seed(tmp_path, number)
    slug = f"seed-{number}"  # 003's own title is the slug of a bundled curriculum
    result = run("import", str(source), "--slug", slug, "--json")
    imported = json.loads(result.stdout)
    path = roadmap_home / "curricula" / f"{slug}.yaml"
    assert imported["path"] == str(path) and path.is_file()

    validated = json.loads(run("validate", slug, "--json").stdout)
    assert validated["valid"] is True
    assert validated["files"][0]["items"] == imported["items"] > 0

    # Every list item that became an item keeps its text: each title is in the seed.
    curriculum = catalog.load_curriculum(path, slug)
    flat_seed = " ".join(seed_text(number).replace("**", "").split())
    assert all(item.title.rstrip(":") in flat_seed for item in curriculum.items)

    run("start", slug, "--on", "2026-01-05")
    status = json.loads(run("status", "--json").stdout)
    assert status["curriculum"] == slug and status["total"] > 0


def test_importing_001_gives_one_item_per_checklist_line(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    text = seed_text("001")
    lines = [line for line in text.splitlines() if CHECKLIST_LINE.match(line)]
    assert len(lines) == 528  # the number issue 8 states, counted from the text
    run("import", str(write_seed(tmp_path, "001")))
    (path,) = curricula_files(roadmap_home)
    curriculum = catalog.load_curriculum(path, path.stem)
    expected = [" ".join(CHECKLIST_LINE.sub("", line).replace("**", "").split()) for line in lines]
    assert [item.title for item in curriculum.items] == expected


def test_headings_become_phases_and_modules_with_their_durations(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "plan.md"
    source.write_text(
        "# My ML Plan\n\n"
        "Some words about the plan.\n\n"
        "## Phase 1: Foundations (2-3 months)\n\n"
        "### Linear Algebra (Weeks 1-4)\n\n"
        "- [x] Vectors and [matrices](https://example.com/matrices)\n"
        "- [ ] Eigenvalues\n"
        "  - read chapter 5\n"
        "  - [ ] Solve 10 problems\n\n"
        "### Calculus - 10-12 weeks\n\n"
        "**Practice:**\n\n"
        "1. Gradients by hand\n"
        "- [ ] ~~Integrals~~ (skipped)\n\n"
        "## Phase 2: Deep Learning (Ongoing)\n\n"
        "- [ ] Read one paper a week\n"
        "### PyTorch (optional)\n\n"
        "- [ ] Tensors\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.yaml"
    run("import", str(source), "-o", str(out))
    assert json.loads(run("validate", str(out), "--json").stdout)["valid"]
    curriculum = catalog.load_curriculum(out)
    assert curriculum.title == "My ML Plan" and curriculum.slug == "my-ml-plan"
    first, second = curriculum.phases
    assert [m.title for m in first.modules] == ["Linear Algebra", "Calculus"]
    assert [m.duration.text for m in first.modules if m.duration] == ["4 weeks", "10-12 weeks"]
    assert first.title == "Phase 1: Foundations"
    assert first.duration is None  # its modules state theirs; the plan must not share it
    # Items directly under a phase heading form a module of their own, before the others.
    own, pytorch = second.modules
    assert own.title == second.title and [t.title for t in own.tasks] == ["Read one paper a week"]
    assert second.duration is not None and second.duration.kind == "ongoing"
    assert pytorch.optional and pytorch.title == "PyTorch"
    algebra = first.modules[0]
    assert [t.title for t in algebra.tasks] == [
        "Vectors and matrices",
        "Eigenvalues",
        "Solve 10 problems",
    ]
    assert algebra.tasks[1].description == "- read chapter 5"
    assert [(r.title, r.url) for r in algebra.resources] == [
        ("matrices", "https://example.com/matrices")
    ]
    # In a checklist file only the checkbox lines are items; the numbered line is a topic.
    calculus = first.modules[1]
    assert [t.title for t in calculus.tasks] == ["Integrals"]
    assert [(t.title, t.items) for t in calculus.topics] == [("Practice", ("Gradients by hand",))]
    assert [t.id for t in algebra.tasks] == [
        "phase-1-foundations/linear-algebra/vectors-and-matrices",
        "phase-1-foundations/linear-algebra/eigenvalues",
        "phase-1-foundations/linear-algebra/solve-10-problems",
    ]


def test_a_list_roadmap_without_checkboxes_makes_tasks_of_its_list_items(
    run: Run, tmp_path: Path
) -> None:
    source = tmp_path / "list.md"
    source.write_text(
        "# Reading plan\n\n"
        "## Contents\n\n- [Step A](#step-a)\n- [Step B](#step-b)\n\n"
        "## Step A\n\n1. Read the book\n2. **Write notes:**\n   - on paper\n\n"
        "### Resources\n\n- [The book](https://example.com/book)\n\n"
        "## Step B\n\n* Build a project\n* [A course](https://example.com/course)\n",
        encoding="utf-8",
    )
    out = tmp_path / "list.yaml"
    run("import", str(source), "-o", str(out))
    curriculum = catalog.load_curriculum(out)
    titles = [item.title for item in curriculum.items]
    # The table of contents is navigation and a line that is one link is a resource.
    assert titles == ["Read the book", "Write notes", "Build a project"]
    step_a, step_b = curriculum.phases
    assert curriculum.item("step-a/write-notes").title == "Write notes"
    assert [(r.title, r.url) for r in step_a.resources] == [
        ("The book", "https://example.com/book")
    ]
    assert [r.kind for r in step_b.resources] == ["course"]  # under the phase heading itself


def test_a_roadmap_wrapped_in_a_markdown_fence_is_read_inside_it(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "fenced.md"
    source.write_text("```markdown\n# Plan\n\n## Part 1\n\n- [ ] One\n- [ ] Two\n```\n", "utf-8")
    result = json.loads(run("import", str(source), "-o", str(tmp_path / "f.yaml"), "--json").stdout)
    assert (result["title"], result["items"]) == ("Plan", 2)


def test_ids_are_stable_and_unique_and_comments_win(run: Run, tmp_path: Path) -> None:
    text = (
        "# Plan\n\n## Basics\n\n- [ ] Decision Trees\n- [ ] Decision Trees\n"
        "- [ ] Kept <!-- id: my/kept -->\n- [ ] Bad id <!-- id: Not Valid -->\n"
        "- [ ] my kept\n"
    )
    first = parse_roadmap(text)
    assign_ids(first)
    again = parse_roadmap(text)
    assign_ids(again)
    ids = [task.id for task in first.tasks]
    assert ids == [task.id for task in again.tasks]
    assert ids == [
        "basics/decision-trees",
        "basics/decision-trees-2",
        "my/kept",
        "basics/bad-id",
        "basics/my-kept",
    ]
    assert all(re.match(ID_PATTERN, identifier) for identifier in ids)


@pytest.mark.parametrize(
    ("heading", "title", "duration", "optional"),
    [
        ("Phase 0: Prerequisites (2-3 months)", "Phase 0: Prerequisites", "2-3 months", False),
        ("I. Deepening Expertise (~10-12 weeks)", "I. Deepening Expertise", "10-12 weeks", False),
        ("Backend (Weeks 1-4)", "Backend", "4 weeks", False),
        ("Python Mastery - 10-12 weeks", "Python Mastery", "10-12 weeks", False),
        ("Research (Ongoing)", "Research", "ongoing", False),
        (
            "PyTorch or TensorFlow (Choose One) (4 weeks)",
            "PyTorch or TensorFlow (Choose One)",
            "4 weeks",
            False,
        ),
        ("3D Vision (Optional)", "3D Vision", None, True),
        ("NLP (8 weeks, 2026-01-05 to 2026-03-01)", "NLP", "8 weeks", False),
        ("Natural Language Processing (NLP)", "Natural Language Processing (NLP)", None, False),
    ],
)
def test_durations_written_in_headings(
    heading: str, title: str, duration: str | None, optional: bool
) -> None:
    found_title, found, found_optional = split_heading(heading)
    assert (found_title, found.text if found else None, found_optional) == (
        title,
        duration,
        optional,
    )


def test_a_duration_line_under_a_heading_is_read_too() -> None:
    stated = duration_of("Weeks 1\u20133", anywhere=True)
    assert stated is not None and stated.text == "3 weeks"
    roadmap = parse_roadmap(
        "# R\n\n## A\n\n**Duration**: 8 weeks | **Level**: Foundation\n\n- x\n\n"
        "## B\n\n* **Duration**: Weeks 1\u20133\n* y\n"
    )
    assert [(p.title, p.duration.text if p.duration else None) for p in roadmap.phases] == [
        ("A", "8 weeks"),
        ("B", "3 weeks"),
    ]
    assert [t.title for t in roadmap.tasks] == ["x", "y"]  # the duration line is no task


# --- --progress, overwriting, bad input --------------------------------------------------------


def test_progress_enrolls_and_records_the_checked_items(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "mine.md"
    source.write_text(
        "# Mine\n\n## Phase 1 (4 weeks)\n\n- [x] Done one\n- [X] Done two\n- [ ] Open\n"
        "- [ ] ~~Dropped~~ (skipped)\n",
        encoding="utf-8",
    )
    result = run("import", str(source), "--progress", "--on", "2026-11-02")
    assert "Enrolled from 2026-11-02; 2 items recorded as done, 1 as skipped." in result.stdout
    status = json.loads(run("status", "--json").stdout)
    assert status["curriculum"] == "mine" and status["start"] == "2026-11-02"
    assert (status["done"], status["total"]) == (2, 3)  # the skipped one leaves the count
    assert [entry["id"] for entry in status["skipped"]] == ["phase-1/dropped"]
    shown = run("show", "phase-1/done-two").stdout
    assert "done" in shown


def test_progress_refuses_a_slug_already_followed_and_writes_nothing(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    source = tmp_path / "mine.md"
    source.write_text("# Mine\n\n- [x] One\n", encoding="utf-8")
    run("import", str(source), "--progress")
    before = (roadmap_home / "progress.yaml").read_bytes()
    source.write_text("# Mine\n\n- [x] One\n- [ ] Two\n", encoding="utf-8")
    result = run("import", str(source), "--progress", "--force", code=1)
    assert "already enrolled in mine" in result.stderr
    assert (roadmap_home / "progress.yaml").read_bytes() == before
    assert "Two" not in (roadmap_home / "curricula" / "mine.yaml").read_text("utf-8")


def test_an_existing_curriculum_is_replaced_only_with_force(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    source = tmp_path / "mine.md"
    source.write_text("# Mine\n\n- [ ] One\n", encoding="utf-8")
    run("import", str(source))
    (target,) = curricula_files(roadmap_home)
    before = target.read_bytes()
    source.write_text("# Mine\n\n- [ ] One\n- [ ] Two\n", encoding="utf-8")
    refused = run("import", str(source), code=1)
    assert refused.stderr.startswith(f"Error: {target} exists already; nothing was written.")
    assert "--force" in refused.stderr
    assert target.read_bytes() == before
    replaced = run("import", str(source), "--force")
    assert "Replaced" in replaced.stdout and b"Two" in target.read_bytes()


def test_a_bundled_slug_is_refused_with_a_hint(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    result = run("import", str(write_seed(tmp_path, "003")), code=1)
    assert "'advanced-roadmap' is taken by a bundled curriculum" in result.stderr
    assert "--slug" in result.stderr
    assert curricula_files(roadmap_home) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"# Notes\n\nJust prose, no lists.\n", "has no list items"),
        (b"# Notes\n\n- [Top](#top)\n", "no list items that could be tasks"),
        (b"\xff\xfe# R\n- [ ] x\n", "is not UTF-8 text"),
        (None, "Cannot read"),
    ],
)
def test_bad_files_are_refused_with_nothing_written(
    run: Run, tmp_path: Path, roadmap_home: Path, content: bytes | None, message: str
) -> None:
    source = tmp_path / "bad.md"
    if content is not None:
        source.write_bytes(content)
    result = run("import", str(source), "--progress", code=1)
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.stderr
    assert curricula_files(roadmap_home) == [] and not (roadmap_home / "progress.yaml").exists()


def test_an_invalid_slug_is_refused(run: Run, tmp_path: Path, roadmap_home: Path) -> None:
    source = tmp_path / "r.md"
    source.write_text("# R\n\n- [ ] x\n", encoding="utf-8")
    result = run("import", str(source), "--slug", "Not A Slug", code=1)
    assert "'Not A Slug' is not a valid slug" in result.stderr
    assert curricula_files(roadmap_home) == []


def test_output_to_stdout_is_the_yaml_and_the_summary_goes_to_stderr(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    source = write_seed(tmp_path, "002")
    result = run("import", str(source), "-o", "-")
    assert result.stdout.startswith("# Imported from ROADMAP.md by 'roadmap import' on 2026-11-21.")
    assert "Imported" in result.stderr and "roadmap validate FILE" in result.stderr
    saved = tmp_path / "saved.yaml"
    saved.write_text(result.stdout, encoding="utf-8")
    assert json.loads(run("validate", str(saved), "--json").stdout)["valid"]
    assert curricula_files(roadmap_home) == []
    refused = run("import", str(source), "-o", "-", "--progress", code=1)
    assert "--progress" in refused.stderr and refused.stdout == ""


# --- export, and the round trip ---------------------------------------------------------------


def follow_with_marks(run: Run, slug: str) -> Curriculum:
    """Enroll in ``slug`` and check, skip and attach evidence to some items of its plan (the
    others cannot be checked: decision 38)."""
    run("start", slug, "--on", "2026-01-05")
    curriculum = catalog.load_slug(slug)
    plan = json.loads(run("export", "--format", "json").stdout)["enrollment"]["items"]
    planned = {entry["id"] for entry in plan if entry["planned"]}
    items = [item for item in curriculum.items if item.id in planned]
    checked = [items[0].id, items[len(items) // 2].id, items[-1].id]
    run("check", *checked, "--on", "2026-02-02")
    run("skip", items[1].id, items[len(items) // 3].id)
    deliverables = [item for item in items if item.kind == "deliverable"]
    if deliverables:
        run("check", deliverables[0].id, "--link", "https://example.com/evidence")
    return curriculum


@pytest.mark.parametrize("slug", BUNDLED)
def test_export_then_import_gives_back_the_same_items_and_marks(
    run: Run, tmp_path: Path, slug: str
) -> None:
    curriculum = follow_with_marks(run, slug)
    exported = tmp_path / "checklist.md"
    run("export", "--format", "markdown", "-o", str(exported))
    text = exported.read_text("utf-8")
    before = marks(text)
    assert set(before) == {item.id for item in curriculum.items}
    assert "done" in before.values() and "skipped" in before.values()

    run("import", str(exported), "--slug", f"again-{slug}", "--progress", "--on", "2026-01-05")
    again = catalog.load_slug(f"again-{slug}")
    assert {item.id: item.title for item in again.items} == {
        item.id: item.title for item in curriculum.items
    }
    assert json.loads(run("status", "--json").stdout)["curriculum"] == f"again-{slug}"
    after = marks(run("export", "--format", "markdown").stdout)
    assert after == before


def test_the_checklist_renders_on_github_without_visible_ids(run: Run) -> None:
    curriculum = follow_with_marks(run, "advanced-ai")
    text = run("export", "--on", "2026-11-21").stdout
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)
    page = _Page()
    page.feed(html)
    assert page.headings["h1"] == [curriculum.title]
    phase_titles = [phase.title for phase in curriculum.phases]
    phase_titles += ["Resources"] if curriculum.resources else []
    assert [h.split(" (")[0] for h in page.headings["h2"]] == phase_titles
    module_titles = [module.title for module in curriculum.modules]
    assert [h.split(" (")[0] for h in page.headings["h3"]] == module_titles
    assert page.headings["h3"][0] == (
        "Vision Transformers & Modern Architectures (8 weeks, 2026-01-05 to 2026-03-01)"
    )
    boxes = [item for item in page.items if item.startswith(("[ ] ", "[x] "))]
    assert len(boxes) == len(curriculum.items)
    assert f"[x] {curriculum.items[0].title}" in boxes
    assert f"{curriculum.items[1].title}" in page.struck
    assert "https://example.com/evidence" in page.links
    assert not any("id:" in text or "<!--" in text for text in page.visible)
    assert page.comments and all(
        c.strip().startswith("id:") or not c.strip() for c in page.comments
    )
    progress = next(text for text in page.visible if "items done" in text)
    status = json.loads(run("status", "--json").stdout)  # the same count as status
    assert f"{status['done']}/{status['total']} items done" in progress


def test_export_without_an_enrollment_is_refused(run: Run) -> None:
    result = run("export", code=1)
    assert "not enrolled" in result.stderr


class _Page(HTMLParser):
    """What a browser would show of the rendered checklist: headings, list items (their own
    text), struck text, link targets, and the comments it hides.
    """

    def __init__(self) -> None:
        super().__init__()
        self.headings: dict[str, list[str]] = {"h1": [], "h2": [], "h3": []}
        self.items: list[str] = []
        self.struck: list[str] = []
        self.links: list[str] = []
        self.comments: list[str] = []
        self.visible: list[str] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "li", "s"):
            self._open.append((tag, []))
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            if tag == "li":
                self.items.append(text)
            elif tag == "s":
                self.struck.append(text)
            else:
                self.headings[tag].append(text)

    def handle_data(self, data: str) -> None:
        self.visible.append(data)
        for _, parts in self._open:
            parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


# --- any checklist round-trips ------------------------------------------------------------------

_TITLE = (
    st.text(
        alphabet=st.characters(exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=24,
    )
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)
# the parts of valid ids, dashes often in a row: ID_PATTERN says which are valid
_ID_PART = st.from_regex(r"[a-z0-9]([a-z0-9._]|-{1,2}){0,6}", fullmatch=True).filter(
    lambda part: re.match(ID_PATTERN, part) is not None
)


@st.composite
def _curricula(draw: st.DrawFn) -> tuple[Curriculum, frozenset[str], frozenset[str]]:
    ids = iter(draw(st.lists(_ID_PART, min_size=40, max_size=40, unique=True)))
    sections = st.one_of(st.none(), _TITLE)
    phases = []
    for _ in range(draw(st.integers(1, 2))):
        modules = []
        for _ in range(draw(st.integers(1, 2))):
            module_id = next(ids)
            tasks = tuple(  # a module without items has nothing to give back
                Task(id=f"{module_id}/{next(ids)}", title=draw(_TITLE), section=draw(sections))
                for _ in range(draw(st.integers(1, 4)))
            )
            deliverables = tuple(
                Deliverable(id=f"{module_id}/{next(ids)}", title=draw(_TITLE), kind="report")
                for _ in range(draw(st.integers(0, 1)))
            )
            modules.append(
                Module(id=module_id, title=draw(_TITLE), tasks=tasks, deliverables=deliverables)
            )
        phases.append(Phase(id=next(ids), title=draw(_TITLE), modules=tuple(modules)))
    curriculum = Curriculum(slug="random", title=draw(_TITLE), phases=tuple(phases))
    item_ids = [item.id for item in curriculum.items]
    done = draw(st.sets(st.sampled_from(item_ids))) if item_ids else set()
    rest = [i for i in item_ids if i not in done]
    skipped = draw(st.sets(st.sampled_from(rest))) if rest else set()
    return curriculum, frozenset(done), frozenset(skipped)


def _exported(
    generated: tuple[Curriculum, frozenset[str], frozenset[str]],
) -> tuple[Curriculum, str]:
    """A drawn curriculum and its Markdown export with the drawn items done and skipped."""
    import datetime as dt

    curriculum, done, skipped = generated
    state = ChecklistState(as_of=dt.date(2026, 11, 21), done=done, skipped=skipped)
    return curriculum, checklist_markdown(curriculum, state)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_curricula())
def test_any_checklist_round_trips(
    generated: tuple[Curriculum, frozenset[str], frozenset[str]],
) -> None:
    curriculum, text = _exported(generated)
    _, done, skipped = generated
    roadmap = parse_roadmap(text)
    assign_ids(roadmap)
    assert roadmap.title == split_heading(curriculum.title)[0]  # "(8 weeks)" is a duration
    assert [p.id for p in roadmap.phases] == [p.id for p in curriculum.phases]
    assert [m.id for p in roadmap.phases for m in p.modules] == [m.id for m in curriculum.modules]
    got = [
        (t.id, t.title, t.box == "x", t.skipped, t.kind, (t.section or "").rstrip(":").rstrip())
        for t in roadmap.tasks
    ]
    kinds = {d.id: d.kind for m in curriculum.modules for d in m.deliverables}
    assert got == [
        (
            item.id,
            item.title,
            item.id in done,
            item.id in skipped,
            kinds.get(item.id),
            (item.section or "").rstrip(":").rstrip(),  # "0 :" is the lead-in "0"
        )
        for item in curriculum.items
    ]


def test_a_file_in_the_curricula_directory_must_be_named_after_its_slug(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    source = tmp_path / "r.md"
    source.write_text("# Reading\n\n- [ ] x\n", encoding="utf-8")
    target = roadmap_home / "curricula" / "other-name.yaml"
    result = run("import", str(source), "-o", str(target), code=1)
    assert "must be named after its slug, 'reading'" in result.stderr
    assert "--slug other-name" in result.stderr and not target.exists()
    run("import", str(source), "-o", str(target), "--slug", "other-name")
    assert (
        "Next: roadmap start other-name"
        in run("import", str(source), "-o", str(target), "--slug", "other-name", "--force").stdout
    )
    run("start", "other-name")


def test_one_phase_heading_keeps_its_modules_and_plain_lines_are_reported(
    run: Run, tmp_path: Path
) -> None:
    source = tmp_path / "one.md"
    source.write_text(
        "# Plan\n\n## Phase 1: Foundations (2-3 months)\n\n"
        "### Linear Algebra\n\n- [x] Vectors\n\n### Calculus\n\n- [ ] Chain rule\n\n"
        "## Later\n\n1. Build a network\n2. Train a CNN\n",
        encoding="utf-8",
    )
    out = tmp_path / "one.yaml"
    result = run("import", str(source), "-o", str(out))
    assert "Only its '- [ ]' lines are items: 2 other list lines" in result.stdout
    (phase,) = catalog.load_curriculum(out).phases
    assert phase.title == "Phase 1: Foundations"
    assert [module.title for module in phase.modules] == ["Linear Algebra", "Calculus"]
    assert phase.duration is not None and phase.duration.text == "2-3 months"


def test_the_help_shows_the_checkbox_it_means(run: Run) -> None:
    assert "'- [x]' items recorded as" in " ".join(run("import", "--help").stdout.split())


def test_imported_ids_never_hold_two_dashes_in_a_row() -> None:
    text = (
        "# Plan\n\n## C -- advanced\n\n- [ ] Trees -- part 2\n"
        "- [ ] Kept <!-- id: my--kept -->\n- [ ] Also <!-- id: c-advanced/x---y -->\n"
    )
    roadmap = parse_roadmap(text)
    assign_ids(roadmap)
    assert [task.id for task in roadmap.tasks] == [
        "c-advanced/trees-part-2",
        "c-advanced/kept",
        "c-advanced/also",
    ]
    assert roadmap.phases[0].id == "c-advanced"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_curricula())
def test_no_comment_of_the_export_of_a_valid_curriculum_holds_two_dashes(
    generated: tuple[Curriculum, frozenset[str], frozenset[str]],
) -> None:
    # an HTML comment ends at the first "--" on GitHub: the rest of the id would show as text
    curriculum, text = _exported(generated)
    comments = re.findall(r"<!--(.*?)-->", text)
    assert len(comments) >= len(curriculum.items)
    assert not [body for body in comments if "--" in body or body.endswith("-")]
