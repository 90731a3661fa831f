"""`roadmap validate` and `roadmap schema`: every problem located, the schema kept current."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from roadmap_tracker.curriculum.catalog import bundled_dir

from .conftest import Run

REPO = Path(__file__).resolve().parents[1]
BUNDLED = sorted(bundled_dir().glob("*.yaml"))
SCHEMA_LINE = "# yaml-language-server: $schema=schema.json"

GOOD = """\
format: 1
slug: tiny
title: Tiny Plan
phases:
  - id: p1
    title: One
    modules:
      - id: m1
        title: First
        duration: 2 weeks
        tasks:
          - id: m1/read
            title: Read chapter one
          - id: m1/write
            title: Write a summary
      - id: m2
        title: Second
        duration: 1 week
        prerequisites: [m1]
        tasks:
          - id: m2/build
            title: Build the thing
"""


def write(tmp_path: Path, text: str, name: str = "tiny.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    """1-based number of the line of ``text`` that contains ``fragment``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_a_sound_file_is_ok(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    result = run("validate", str(path))
    assert f"{path}: ok (tiny, 3 items)" in result.stdout


def test_three_mistakes_give_three_located_lines(run: Run, tmp_path: Path) -> None:
    text = (
        GOOD.replace("duration: 2 weeks", "duration: 2 wekes")  # a duration that does not parse
        .replace("id: m1/write", "id: m1/read")  # an id used twice
        .replace("prerequisites: [m1]", "prerequisites: [m3]")  # a reference that does not resolve
    )
    path = write(tmp_path, text)
    result = run("validate", str(path), code=1)
    problems = [line for line in result.stdout.splitlines() if line.startswith(f"{path}:")]
    assert len(problems) == 3, result.stdout
    expected = [
        (line_of(text, "2 wekes"), "phases[0].modules[0].duration", "'2 wekes' is not a duration"),
        # the second `id: m1/read`, on the line before its title
        (line_of(text, "title: Write") - 1, "tasks[1].id", "id 'm1/read' is used twice"),
        (line_of(text, "[m3]"), "prerequisites[0]", "prerequisite 'm3' is not a module here"),
    ]
    for line, (number, field, message) in zip(problems, expected, strict=True):
        match = re.match(rf"^{re.escape(str(path))}:(\d+):(\d+): (\S+): (.+)$", line)
        assert match, line
        assert int(match[1]) == number, line
        assert field in match[3] and message in match[4], line
    assert "3 problems in 1 file." in result.stdout


def test_every_problem_of_every_file_is_reported(run: Run, tmp_path: Path) -> None:
    good = write(tmp_path, GOOD, "good.yaml")
    broken = write(tmp_path, GOOD.replace("title: One", "title: [One"), "broken.yaml")
    cycle = write(
        tmp_path,
        GOOD.replace(
            "        duration: 2 weeks\n",
            "        duration: 2 weeks\n        prerequisites: [m2]\n",
        ),
        "cycle.yaml",
    )
    missing = tmp_path / "missing.yaml"
    result = run("validate", str(broken), str(good), str(cycle), str(missing), code=1)
    out = result.stdout
    assert re.search(rf"^{re.escape(str(broken))}:\d+:\d+: YAML syntax: ", out, re.MULTILINE)
    assert f"{good}: ok" in out
    assert f"{cycle}:" in out and "prerequisites form a cycle: m1 -> m2 -> m1" in out
    assert f"{missing}:1:1: file: Cannot read the curriculum file" in out


def test_choice_groups_need_two_options_and_dates_must_be_real(run: Run, tmp_path: Path) -> None:
    text = GOOD.replace("title: Tiny Plan\n", 'title: Tiny Plan\nupdated: "2026-02-30"\n') + (
        "choices:\n  - id: pick\n    title: Pick one\n    options: [m2]\n"
    )
    result = run("validate", str(write(tmp_path, text)), code=1)
    assert "updated: '2026-02-30' is not an ISO 8601 date" in result.stdout
    assert "choices[0].options: a choice group needs at least two options" in result.stdout


def test_validate_json_lists_problems(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("duration: 1 week", "duration: soon"))
    data = json.loads(run("validate", str(path), "--json", code=1).stdout)
    assert data["valid"] is False
    (problem,) = data["files"][0]["problems"]
    assert problem["line"] == line_of(GOOD, "duration: 1 week")
    assert problem["field"] == "phases[0].modules[1].duration"


def test_bundled_curricula_validate(run: Run) -> None:
    assert len(BUNDLED) == 5
    result = run("validate", *map(str, BUNDLED))
    assert result.stdout.count(": ok (") == 5


def test_schema_command_matches_the_shipped_schema(run: Run) -> None:
    shipped = (bundled_dir() / "schema.json").read_text(encoding="utf-8")
    assert run("schema").stdout == shipped, (
        "regenerate with: roadmap schema > curricula/schema.json"
    )


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_files_declare_and_satisfy_the_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    schema = json.loads((bundled_dir() / "schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(YAML(typ="safe").load(text)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_schema_catches_what_an_editor_should_flag() -> None:
    schema = json.loads((bundled_dir() / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = YAML(typ="safe").load(GOOD)
    assert not list(validator.iter_errors(data))
    data["phases"][0]["modules"][0]["duration"] = "2 wekes"
    data["phases"][0]["modules"][1]["titel"] = "typo"
    assert len(list(validator.iter_errors(data))) == 2


def test_format_reference_example_validates(run: Run, tmp_path: Path) -> None:
    doc = (REPO / "docs" / "curriculum-format.md").read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(# curricula/my-plan\.yaml\n.*?)```", doc, re.DOTALL)
    assert match, "docs/curriculum-format.md lost its complete example"
    path = write(tmp_path, match[1], "my-plan.yaml")
    assert ": ok (my-plan," in run("validate", str(path)).stdout


def test_format_reference_documents_every_field() -> None:
    """Each field has a row in its class's table (or an inherited class's) in the reference."""
    from pydantic import BaseModel

    from roadmap_tracker.curriculum import model

    doc = (REPO / "docs" / "curriculum-format.md").read_text(encoding="utf-8")
    tables = {
        match[1]: match[2]
        for match in re.finditer(r"^\*\*(\w+)\*\*\n+((?:\|.*\n)+)", doc, re.MULTILINE)
    }
    classes = [
        value
        for value in vars(model).values()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == model.__name__
        and not value.__name__.startswith("_")
    ]
    undocumented = [
        f"{cls.__name__}.{field}"
        for cls in classes
        for field in cls.model_fields
        if not any(f"| `{field}`" in tables.get(c.__name__, "") for c in cls.__mro__)
    ]
    assert not undocumented, undocumented


BAD_FILES = [
    # (file text, expected problem lines as (line, "field: message" fragment))
    ("slug: a\nslug: b\n", [(2, 'YAML syntax: found duplicate key "slug"')]),
    (
        "slug: x\ntitle: !!python/object/apply:os.system [echo]\n",
        [(2, "YAML syntax: could not determine a constructor")],
    ),
    ("slug: x\ntitle: T\nupdated: 2026-02-30\n", [(3, "YAML value: day is out of range")]),
    ("", [(1, "file: the file does not hold a curriculum")]),
    ("- a\n- b\n", [(1, "file: the file does not hold a curriculum")]),
    (
        "slug: x\ntitle: 123\nphases: null\n",
        [(2, "title: expected text, found the number 123"), (3, "phases: expected a list")],
    ),
    (
        "slug: x\ntitle: T\nphases:\n  - id: p\n    title: P\n    modules: []\n",
        [(6, "phases[0].modules: needs at least 1 entry")],
    ),
    (
        GOOD.replace("duration: 1 week", "optional: maybe").replace("[m1]", "m1"),
        [
            (18, "phases[0].modules[1].optional: expected true or false, found 'maybe'"),
            (19, "phases[0].modules[1].prerequisites: expected a list, found 'm1'"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_FILES)
def test_bad_files_get_one_located_line_per_problem(
    run: Run, tmp_path: Path, text: str, expected: list[tuple[int, str]]
) -> None:
    path = write(tmp_path, text)
    out = run("validate", str(path), code=1).stdout
    lines = [line for line in out.splitlines() if line.startswith(f"{path}:")]
    assert len(lines) == len(expected), lines
    for line, (number, fragment) in zip(lines, expected, strict=True):
        assert line.startswith(f"{path}:{number}:") and fragment in line, line
    # the same file given to a command that loads it: one error, exit 1, nothing written
    result = run("start", str(path), code=1)
    assert result.stderr.startswith(f"Error: {path}:") and "Traceback" not in result.stderr
    assert not (tmp_path / "roadmap-home" / "progress.yaml").exists()


def test_ids_with_two_dashes_in_a_row_are_refused_one_line_each(run: Run, tmp_path: Path) -> None:
    # "--" would end the Markdown export's "<!-- id: ... -->" comments early
    text = GOOD.replace("id: m1/read", "id: m1/a--b").replace("id: m2\n", "id: m2---x\n")
    path = write(tmp_path, text)
    result = run("validate", str(path), code=1)
    problems = [line for line in result.stdout.splitlines() if line.startswith(f"{path}:")]
    assert problems == [
        f"{path}:{line_of(text, 'm1/a--b')}:13: phases[0].modules[0].tasks[0].id: 'm1/a--b' is "
        "not a valid id: '--' would end the Markdown export's id comments; use a single '-' "
        "(like 'm1/a-b')",
        f"{path}:{line_of(text, 'm2---x')}:9: phases[0].modules[1].id: 'm2---x' is not a "
        "valid id: '--' would end the Markdown export's id comments; use a single '-' "
        "(like 'm2-x')",
    ]


def test_an_old_id_may_hold_two_dashes_so_progress_under_it_follows(
    run: Run, tmp_path: Path
) -> None:
    text = GOOD.replace("title: Read chapter one", "title: Read\n            old_ids: [m1/a--b]")
    result = run("validate", str(write(tmp_path, text)))
    assert ": ok (tiny, 3 items)" in result.stdout
