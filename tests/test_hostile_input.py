"""Hostile input: files built to crash roadmap or to keep it busy for hours.

Each file goes through the real command in its own process, as a learner would run it: it
must be refused with exit code 1 and one sentence on stderr (or imported, exit 0, where it is
a legitimate roadmap), never exit 3 (a crash), a negative code (killed by a signal: the C
parser overflowing its stack) or a run that outlasts the subprocess timeout. The inputs are
sized so that the code before issue 21 crashed on them or ran for minutes; nothing here
measures time (the timeout only turns a hang into a failure).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

TIMEOUT = 60
"""Seconds a hostile input may keep roadmap busy before the test fails."""
BUSY = pytest.mark.xdist_group("processes")
"""The largest inputs keep a process busy for seconds, within TIMEOUT: one at a time, never
beside the crowds of processes of the crash and concurrency tests (pytest-xdist runs the group
on one worker)."""
MEMORY = 2 * 2**30
"""Bytes of address space the process may take (where the system can limit it): an input
that makes roadmap grow without bound fails the test instead of the machine.
"""


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def roadmap(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``roadmap ARGS`` in a new process whose data, home and cache are in ``tmp_path``."""
    env = {
        **os.environ,
        "ROADMAP_HOME": str(tmp_path / "roadmap-home"),
        "HOME": str(tmp_path / "user-home"),
        "ROADMAP_CACHE_DIR": str(tmp_path / "cache"),
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "roadmap_tracker", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=None if sys.platform == "win32" else _limit_memory,
    )


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit code 1, and on stderr one ``Error:`` sentence (and its hint) holding ``words``;
    returns that sentence.
    """
    assert result.returncode == 1, f"exit {result.returncode}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines and lines[0].startswith("Error: "), result.stderr[-3000:]
    assert len(lines) <= 2, result.stderr[-3000:]  # the sentence and its hint
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# --------------------------------------------------------------------------------------------
# Curricula (YAML)

HEAD = "format: 1\nslug: deep\ntitle: Deep\n"

DEEP_YAML = {
    # 500 levels: RecursionError in the parser, pydantic or copy.deepcopy (exit 3)
    "flow lists 500 deep": HEAD + "phases: " + "[" * 500 + "]" * 500 + "\n",
    "block mappings 500 deep": HEAD
    + "phases:\n"
    + "".join(" " * (2 + i) + f"k{i}:\n" for i in range(500))
    + " " * 502
    + "end\n",
    # 100,000 levels: the C parser's recursive composer overflows the C stack (exit -11)
    "flow lists 100,000 deep": HEAD + "phases: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "flow mappings 100,000 deep": HEAD + "phases: " + "{a: " * 100_000 + "1" + "}" * 100_000,
    "block lists 100,000 deep": HEAD + "phases:\n" + "- " * 100_000 + "x\n",
}


@pytest.mark.parametrize("text", DEEP_YAML.values(), ids=DEEP_YAML.keys())
@pytest.mark.parametrize("command", ["start", "show", "validate"])
def test_a_curriculum_nested_too_deep_is_refused_in_one_sentence(
    tmp_path: Path, command: str, text: str
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    result = roadmap(tmp_path, command, str(path))
    if command == "validate":  # problems go to stdout, one per line, and exit 1
        assert result.returncode == 1, f"exit {result.returncode}\n{result.stderr[-3000:]}"
        assert "Traceback" not in result.stderr
        assert f"{path}:" in result.stdout
        assert "nested more than 64 deep" in result.stdout
    else:
        assert_refused(result, str(path), "nested more than 64 deep")


DEEP_PROGRESS = {
    "flow lists 100,000 deep": "schema_version: 2\nevents:\n- "
    + "[" * 100_000
    + "]" * 100_000
    + "\n",
    "block lists 100,000 deep": "schema_version: 2\nevents:\n" + "- " * 100_000 + "x\n",
}


@pytest.mark.parametrize("text", DEEP_PROGRESS.values(), ids=DEEP_PROGRESS.keys())
@pytest.mark.parametrize("command", ["status", "history", "check"])
def test_a_progress_file_nested_too_deep_is_reported_damaged(
    tmp_path: Path, command: str, text: str
) -> None:
    home = tmp_path / "roadmap-home"
    home.mkdir()
    (home / "progress.yaml").write_text(text, encoding="utf-8")
    arguments = [command, "minimal-vit"] if command == "check" else [command]
    assert_refused(roadmap(tmp_path, *arguments), "is damaged", "nested more than 64 deep")
    assert (home / "progress.yaml").read_text(encoding="utf-8") == text


def alias_bomb(fan_out: int) -> str:
    """A curriculum of ``fan_out`` phases of ``fan_out`` modules of ``fan_out`` tasks, each
    written once and repeated by aliases: a few KiB that validate into fan_out**3 tasks.
    """
    task = "&t {id: t/t, title: T}"
    tasks = f"[{task}, " + ", ".join(["*t"] * (fan_out - 1)) + "]"
    modules = f"[&m {{id: m, title: M, tasks: {tasks}}}, " + ", ".join(["*m"] * (fan_out - 1))
    phases = f"[&p {{id: p, title: P, modules: {modules}]}}, " + ", ".join(["*p"] * (fan_out - 1))
    return HEAD + f"phases: {phases}]\n"


def test_a_curriculum_whose_aliases_expand_to_millions_of_nodes_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(200), encoding="utf-8")  # 8 million tasks from 2 KiB
    assert path.stat().st_size < 4096
    assert_refused(roadmap(tmp_path, "start", str(path)), str(path), "aliases")


def test_nesting_and_aliases_within_the_limits_are_accepted() -> None:
    from roadmap_tracker.base.yaml_limits import MAX_ALIAS_NODES, MAX_NESTING, yaml_shape_problem

    assert yaml_shape_problem("[" * MAX_NESTING + "]" * MAX_NESTING) is None
    assert yaml_shape_problem("[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1)) == (
        1,
        MAX_NESTING + 1,
        f"lists and mappings are nested more than {MAX_NESTING} deep",
    )
    scalars = MAX_ALIAS_NODES // 2
    within = f"a: &a [{', '.join(['x'] * (scalars - 1))}]\nb: *a\nc: *a\n"  # 2 x scalars
    assert yaml_shape_problem(within) is None
    assert yaml_shape_problem(within + "d: *a\n") is not None
    assert yaml_shape_problem("a: [1, 2") is None  # a syntax error is the parser's to report


def test_the_limits_hold_without_the_c_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_tracker.base.yaml_limits import yaml_shape_problem

    monkeypatch.setitem(sys.modules, "ruamel.yaml.cyaml", None)  # import fails
    assert yaml_shape_problem("a: " + "[" * 5000 + "]" * 5000) is not None
    assert yaml_shape_problem(alias_bomb(100)) is not None
    assert yaml_shape_problem("a: [[1]]") is None


def test_the_bundled_curricula_are_well_within_the_limits() -> None:
    from roadmap_tracker.base.yaml_limits import yaml_shape_problem
    from roadmap_tracker.curriculum.catalog import bundled_dir

    for path in sorted(bundled_dir().glob("*.yaml")):
        assert yaml_shape_problem(path.read_text(encoding="utf-8")) is None, path


# --------------------------------------------------------------------------------------------
# Markdown roadmaps (roadmap import)


def imported(tmp_path: Path, text: str) -> dict[str, Any]:
    """Import the Markdown ``text`` (exit 0) and return the curriculum it made."""
    # The C parser (the test extra installs it): the pure one took 6 s of the 30,000 items'
    # 2 MB of YAML. Either reads every curriculum alike (test_performance_guards).
    from ruamel.yaml.cyaml import CSafeLoader

    source = tmp_path / "roadmap.md"
    source.write_text(text, encoding="utf-8")
    result = roadmap(tmp_path, "import", str(source), "-o", "-")
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr[-3000:]}"
    loader = CSafeLoader(result.stdout)
    try:
        curriculum: dict[str, Any] = loader.get_single_data()
    finally:
        loader.dispose()
    return curriculum


def tasks_of(curriculum: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for p in curriculum["phases"] for m in p["modules"] for t in m.get("tasks", [])]


@BUSY
@pytest.mark.parametrize("note", ["1 week", "optional", "2026-01-05 to 2026-01-09"])
def test_a_heading_ending_in_thousands_of_notes_is_read_in_linear_time(
    tmp_path: Path, note: str
) -> None:
    # 40,000 notes: each was a regular expression over the whole heading (quadratic, minutes)
    heading = "Foundations" + f" ({note})" * 40_000
    curriculum = imported(tmp_path, f"# Plan\n\n## {heading}\n\n- [ ] Read the book\n")
    (phase,) = curriculum["phases"]
    assert phase["title"] == "Foundations"
    assert ("duration" in phase) is (note == "1 week")


@BUSY
def test_thousands_of_items_of_one_title_get_their_ids_in_linear_time(tmp_path: Path) -> None:
    # each id was found by trying -2, -3, ... from the start (quadratic, minutes)
    curriculum = imported(tmp_path, "# Plan\n\n## Drills\n\n" + "- [ ] Practice\n" * 30_000)
    ids = [task["id"] for task in tasks_of(curriculum)]
    assert len(ids) == len(set(ids)) == 30_000
    assert ids[:3] == [
        "drills/practice",
        "drills/practice-2",
        "drills/practice-3",
    ]


@BUSY
def test_a_long_heading_above_thousands_of_headings_is_read_once(tmp_path: Path) -> None:
    # each heading below it searched it again for "Resources" (quadratic, minutes)
    parts = "".join(f"### Part {i}\n\n" for i in range(20_000))
    curriculum = imported(tmp_path, f"# Plan\n\n## {'x' * 1_000_000}\n\n{parts}- [ ] a\n")
    assert [task["title"] for task in tasks_of(curriculum)] == ["a"]


DEEP_MARKDOWN = {
    # RecursionError building the syntax tree (exit 3)
    "emphasis 100,000 deep": "- [ ] " + "*" * 100_000 + "deep" + "*" * 100_000 + "\n",
    # read in part before: markdown-it dropped all below 20 levels without a word
    "block quotes 100,000 deep": "> " * 100_000 + "- [ ] deep\n",
    "list items 100,000 deep": "- " * 100_000 + "[ ] deep\n",
    "lists 40 deep": "".join("  " * i + f"- [ ] item {i}\n" for i in range(40)),
}


@pytest.mark.parametrize("body", DEEP_MARKDOWN.values(), ids=DEEP_MARKDOWN.keys())
def test_a_markdown_roadmap_nested_too_deep_is_refused_in_one_sentence(
    tmp_path: Path, body: str
) -> None:
    source = tmp_path / "deep.md"
    source.write_text(f"# Plan\n\n- [ ] shallow\n\n{body}", encoding="utf-8")
    result = roadmap(tmp_path, "import", str(source))
    assert_refused(result, str(source), "more than 64 deep")
    assert not (tmp_path / "roadmap-home" / "curricula").exists()  # nothing was written


def test_items_nested_deep_within_the_limit_are_all_imported(tmp_path: Path) -> None:
    # markdown-it's own limit (20 levels) dropped the deeper items without a word
    quoted = "> " * 25 + "- [ ] quoted\n"
    nested = "".join("  " * i + f"- [ ] item {i}\n" for i in range(15))
    curriculum = imported(tmp_path, f"# Plan\n\n{quoted}\n{nested}")
    titles = [task["title"] for task in tasks_of(curriculum)]
    assert titles == ["quoted", *(f"item {i}" for i in range(15))]


REPEATED_HEADINGS = {
    # a long heading above many items: written into every item's section (1 GiB of YAML)
    "section": "## Phase\n\n### Module\n\n#### " + "x" * 200_000 + "\n\n" + "- [ ] a\n" * 5_000,
    "section and lead-in": (
        "## Phase\n\n### Module\n\n#### "
        + "x" * 200_000
        + "\n\n**Drills:**\n\n"
        + "- [ ] a\n" * 5_000
    ),
    # a long heading above many phases: written as every phase's group
    "group": "## "
    + "x" * 300_000
    + "\n\n"
    + "".join(f"### Phase {i}\n- [ ] a\n" for i in range(3_000)),
}


@pytest.mark.parametrize("body", REPEATED_HEADINGS.values(), ids=REPEATED_HEADINGS.keys())
def test_a_roadmap_whose_curriculum_would_be_too_large_is_refused(
    tmp_path: Path, body: str
) -> None:
    source = tmp_path / "wide.md"
    source.write_text(f"# Plan\n\n{body}", encoding="utf-8")
    assert source.stat().st_size < 400_000
    assert_refused(roadmap(tmp_path, "import", str(source)), str(source), "over 10 MiB")


# --------------------------------------------------------------------------------------------
# Curricula with very many problems

MANY_PROBLEMS = """
import sys
from roadmap_tracker.curriculum.catalog import _validate

n = 100_000
task = {"id": "m/t", "title": "T"}
module = {"id": "m", "title": "M", "tasks": [task] * n}  # n times "id 'm/t' is used twice"
unknown = {f"k{i}": 1 for i in range(n)}  # n unknown fields, sorted by their place
data = {"format": 1, "slug": "x", "title": "t", **unknown, "phases": [
    {"id": "p", "title": "P", "modules": [module]}
]}
empty = {"format": 1, "slug": "x", "title": "t", "phases": [  # n lists too short
    {"id": f"p{i}", "title": "P", "modules": []} for i in range(n)
]}
print(len(_validate(data)[1]), len(_validate(empty)[1]))
"""


@BUSY
def test_a_curriculum_with_300_000_problems_is_checked_in_linear_time(tmp_path: Path) -> None:
    # Each problem was compared with every other (quadratic: minutes). Validation alone, in
    # its own process: through 'roadmap validate' the round-trip parse that finds each
    # problem's line would take most of the time.
    result = subprocess.run(
        [sys.executable, "-c", MANY_PROBLEMS],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=None if sys.platform == "win32" else _limit_memory,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["199999", "100000"]
