"""docs/json.md documents what ``--json`` prints; this runs its examples and checks them.

The document's format (docs/json.md says it for people too):

- A ``## `` heading starts a section. A ``console`` block holds ``$ roadmap ...`` lines and
  nothing else, except a line ``(exit status N)`` right after a command that exits N (0
  otherwise). Every command of every console block runs in document order in one fresh data
  directory (``ROADMAP_HOME``), with the tests' frozen clock (2026-11-21 09:30 UTC), ``TZ=UTC``
  and the repository as the working directory.
- A console block of one command followed by a ``json`` block (nothing but blank lines
  between) is an example: the command's standard output must be that JSON, with the data
  directory written ``~/.local/share/roadmap``; its standard error must be empty. Other
  commands set the scene; only their exit status is checked.
- Objects must have the same keys in the same order, values the same JSON type (integer,
  number with a fraction, string, boolean, null, object, list) and scalars the same value.
  A list whose last element is the string ``"..."`` is trimmed: the elements shown must be
  the first ones and more must follow. Any other list is compared whole.
- The fields are described in tables (``| `name` | type | meaning |``). A name is a path from
  the section's JSON (``phases[].done``; the elements of a JSON that is a list are at the top).
  A type is ``string``, ``date`` (``YYYY-MM-DD``), ``datetime``, ``integer``, ``number``
  (always written with a fraction), ``boolean``, ``object``, ``list``, ``list of T``,
  ``map of T`` (an object whose keys are data, such as item ids), a link to a shared object
  of the section "Shared objects" (``[window](#window)``), a link to another document (what
  lies below is described there), or several of them joined by ``or`` (``string or null``).
  Every key of every example must be described with a type its value has, and every row must
  name a key that the examples have (where they show an object it could be in).
- A section whose heading names a command (``## roadmap export --format json``) but that has
  no example yet must say so with the line ``<!-- example pending -->``.
- Every command that has ``--json`` (or ``--format json``) must have an example; so must the
  ``--list`` form of a command that has one.

After changing what a command prints, write the examples again with
``python -m tests.test_json_docs --write`` and read the diff (trimmed lists stay trimmed);
then describe any new field in its section's table.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from roadmap_tracker.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "docs" / "json.md"
SHOWN_HOME = "~/.local/share/roadmap"
MORE = "..."
PENDING = "<!-- example pending -->"
SHARED_SECTION = "Shared objects"
_EXIT = re.compile(r"^\(exit status (\d+)\)$")
_TABLE_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|([^|]*)\|")
_LINK = re.compile(r"\[[^\]]*\]\(([^)]*)\)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")
_SCALAR_TYPES = ("string", "date", "datetime", "integer", "number", "boolean", "object", "list")


class DocumentError(Exception):
    """docs/json.md does not follow its format (the message says where)."""


class Command:
    """A ``$ roadmap`` line: its arguments, its line (0-based), the exit status it must
    have and, for an example, the lines of its JSON block and the JSON they hold."""

    def __init__(self, section: str, line: int, args: list[str]) -> None:
        self.section = section
        self.line = line
        self.args = args
        self.exit_code = 0
        self.block: tuple[int, int] | None = None  # content lines [start, end) of the JSON
        self.expected: Any = None

    @property
    def where(self) -> str:
        return f"docs/json.md:{self.line + 1}: roadmap {shlex.join(self.args)}"


class Row:
    """A described field: its path, its type (alternatives) and where it is written."""

    def __init__(self, table: str, path: str, type_text: str, line: int) -> None:
        self.table = table
        self.path = path
        self.line = line
        self.alternatives = parse_type(type_text, line)

    @property
    def opaque(self) -> bool:
        """True when what lies below is described in another document."""
        return any(alt.endswith("@@") for alt in self.alternatives)

    def shared(self, element: bool) -> list[str]:
        """The shared objects this field is (``element``: its list elements are)."""
        found = []
        for alt in self.alternatives:
            if element and alt.startswith("list of @"):
                found.append(alt[len("list of @") :])
            elif not element and alt.startswith("@") and alt != "@@":
                found.append(alt[1:])
        return found


def parse_type(text: str, line: int) -> list[str]:
    """The alternatives of a type cell: links become ``@anchor`` (a shared object) or
    ``@@`` (another document). Raises DocumentError for a type outside the grammar."""

    def link(match: re.Match[str]) -> str:
        target = match.group(1)
        return "@" + target[1:] if target.startswith("#") else "@@"

    cleaned = _LINK.sub(link, text).strip().lower()
    alternatives = [alt.strip() for alt in cleaned.split(" or ")]
    for alt in alternatives:
        base = alt
        while base.startswith(("list of ", "map of ")):
            base = base.split(" of ", 1)[1]
        if base not in (*_SCALAR_TYPES, "null") and not base.startswith("@"):
            raise DocumentError(f"docs/json.md:{line + 1}: unknown type {alt!r} in {text!r}")
    return alternatives


def type_matches(value: Any, alt: str) -> bool:
    """True when the JSON ``value`` has the type ``alt`` (one alternative of a cell)."""
    if alt.startswith("list of "):
        inner = alt[len("list of ") :]
        return isinstance(value, list) and all(
            type_matches(element, inner) for element in value if element != MORE
        )
    if alt.startswith("map of "):
        inner = alt[len("map of ") :]
        return isinstance(value, dict) and all(type_matches(v, inner) for v in value.values())
    if alt == "@@":
        return True
    if alt.startswith("@"):
        return isinstance(value, dict)
    checks = {
        "null": lambda v: v is None,
        "string": lambda v: isinstance(v, str),
        "date": lambda v: isinstance(v, str) and bool(_DATE.fullmatch(v)),
        "datetime": lambda v: isinstance(v, str) and bool(_DATETIME.fullmatch(v)),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, float),
        "boolean": lambda v: isinstance(v, bool),
        "object": lambda v: isinstance(v, dict),
        "list": lambda v: isinstance(v, list),
    }
    return bool(checks[alt](value))


class Document:
    """docs/json.md read into its sections, commands (in order) and field tables."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.commands: list[Command] = []
        self.tables: dict[str, dict[str, Row]] = {}  # section or shared object -> rows
        self.sections: dict[str, list[int]] = {}  # "## " heading -> its lines
        self._read()

    @property
    def examples(self) -> list[Command]:
        return [command for command in self.commands if command.block is not None]

    def _read(self) -> None:
        section = ""
        table = ""
        fence: str | None = None
        block_start = 0
        last_console: list[Command] = []
        console_end = -1
        for number, line in enumerate(self.lines):
            if fence is not None:
                if line.startswith("```"):
                    if fence == "console":
                        last_console = self._console(section, block_start, number)
                        console_end = number
                    elif fence == "json":
                        self._json(last_console, console_end, block_start, number)
                    fence = None
                continue
            if line.startswith("```"):
                fence = line[3:].strip()
                block_start = number + 1
                continue
            if line.startswith("## "):
                section = table = line[3:].strip()
                self.sections[section] = []
            elif line.startswith("### ") and section == SHARED_SECTION:
                table = anchor(line[4:])
            if section:
                self.sections[section].append(number)
            row = _TABLE_ROW.match(line)
            if row and table:
                rows = self.tables.setdefault(table, {})
                if row.group(1) in rows:
                    raise DocumentError(f"docs/json.md:{number + 1}: {row.group(1)} twice")
                rows[row.group(1)] = Row(table, row.group(1), row.group(2), number)
        if fence is not None:
            raise DocumentError(f"docs/json.md: a ``` block from line {block_start} never ends")

    def _console(self, section: str, start: int, end: int) -> list[Command]:
        found: list[Command] = []
        for number in range(start, end):
            line = self.lines[number].strip()
            if line.startswith("$ roadmap "):
                found.append(Command(section, number, shlex.split(line[len("$ roadmap ") :])))
            elif (status := _EXIT.match(line)) and found:
                found[-1].exit_code = int(status.group(1))
            elif line:
                raise DocumentError(
                    f"docs/json.md:{number + 1}: a console block holds only '$ roadmap' "
                    f"lines and '(exit status N)': {line!r}"
                )
        self.commands += found
        return found

    def _json(self, console: list[Command], console_end: int, start: int, end: int) -> None:
        between = self.lines[console_end + 1 : start - 1]
        if not console or any(line.strip() for line in between):
            raise DocumentError(
                f"docs/json.md:{start}: a json block must follow a console block of the "
                "command that prints it"
            )
        if len(console) != 1:
            raise DocumentError(
                f"docs/json.md:{start}: the console block before this json block must hold "
                "exactly one command"
            )
        command = console[0]
        command.block = (start, end)
        text = "\n".join(self.lines[start:end]).strip()
        try:
            command.expected = json.loads(text) if text else None
        except json.JSONDecodeError as error:
            raise DocumentError(f"docs/json.md:{start + error.lineno}: {error.msg}") from None


def anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


# --- running the session ------------------------------------------------------------------


def run_session(document: Document, home: Path) -> dict[int, Any]:
    """Run every command of the document in order; return each example's output (parsed
    JSON) by the line of its command. Raises AssertionError on a wrong exit status, output
    that is not JSON, or anything on stderr with an example."""
    runner = CliRunner()
    outputs: dict[int, Any] = {}
    for command in document.commands:
        result = runner.invoke(app, command.args, catch_exceptions=False)
        assert result.exit_code == command.exit_code, (
            f"{command.where} exited {result.exit_code}, not {command.exit_code}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )
        if command.block is None:
            continue
        assert not result.stderr, f"{command.where} wrote on stderr: {result.stderr}"
        text = result.stdout.replace(str(home), SHOWN_HOME)
        try:
            outputs[command.line] = json.loads(text)
        except json.JSONDecodeError as error:
            raise AssertionError(f"{command.where} printed no JSON ({error}):\n{text}") from None
    return outputs


@pytest.fixture
def session_env(roadmap_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The documented session's surroundings: TZ=UTC (so that times read 09:30:00+00:00),
    the repository as working directory (relative paths), the tests' data directory."""
    monkeypatch.chdir(ROOT)
    with utc():
        yield roadmap_home


@contextmanager
def utc() -> Iterator[None]:
    """Set TZ=UTC for the process while inside; put the zone back after."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


# --- comparing -----------------------------------------------------------------------------


def kind(value: Any) -> str:
    """The JSON type of a value, telling integers from numbers with a fraction."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "list" if isinstance(value, list) else "object"


def compare(expected: Any, actual: Any, path: str = "") -> list[str]:
    """The differences between a documented example and a real output, one line each."""
    where = path or "(top)"
    if kind(expected) != kind(actual):
        return [f"{where}: documented as {kind(expected)}, is {kind(actual)} {actual!r:.80}"]
    if isinstance(expected, dict):
        if list(expected) != list(actual):
            added = [key for key in actual if key not in expected]
            removed = [key for key in expected if key not in actual]
            return [
                f"{where}: keys {list(actual)} instead of {list(expected)}"
                + (f" (new: {added})" if added else "")
                + (f" (gone: {removed})" if removed else "")
                + (" (order changed)" if not added and not removed else "")
            ]
        return [
            difference
            for key in expected
            for difference in compare(expected[key], actual[key], f"{path}.{key}".lstrip("."))
        ]
    if isinstance(expected, list):
        trimmed = bool(expected) and expected[-1] == MORE
        shown = expected[:-1] if trimmed else expected
        if trimmed and len(actual) <= len(shown):
            return [f"{where}: trimmed after {len(shown)} elements, but has {len(actual)}"]
        if not trimmed and len(actual) != len(shown):
            return [f"{where}: {len(actual)} elements instead of {len(shown)}"]
        return [
            difference
            for index, element in enumerate(shown)
            for difference in compare(element, actual[index], f"{path}[{index}]")
        ]
    if expected != actual:
        return [f"{where}: {actual!r} instead of {expected!r}"]
    return []


# --- descriptions --------------------------------------------------------------------------


class Coverage:
    """Which described fields the examples have, and the objects they were looked for in."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, str]] = set()
        self.containers: set[tuple[str, str]] = set()


def describe_problems(
    document: Document, section: str, value: Any, coverage: Coverage, where: str
) -> list[str]:
    """The keys of ``value`` (an example of ``section``) without a row or whose value has
    another type than its row says."""
    problems: list[str] = []
    tables = document.tables

    def walk(node: Any, contexts: list[tuple[str, str]], path: str) -> None:
        if isinstance(node, list):
            for index, element in enumerate(node):
                if element != MORE:
                    walk(element, [(t, f"{rel}[]") for t, rel in contexts], f"{path}[{index}]")
            return
        if not isinstance(node, dict):
            return
        for context in contexts:
            coverage.containers.add(context)
        for key, child in node.items():
            child_path = f"{path}.{key}" if path else key
            candidates = [(t, f"{rel}.{key}" if rel else key) for t, rel in contexts]
            row = next((tables[t][rel] for t, rel in candidates if rel in tables.get(t, {})), None)
            if row is None:
                problems.append(f"{where}: {child_path} is not described")
                continue
            coverage.seen.add((row.table, row.path))
            if not any(type_matches(child, alt) for alt in row.alternatives):
                problems.append(
                    f"{where}: {child_path} is {kind(child)} {child!r:.60}, described as "
                    f"'{' or '.join(row.alternatives)}' (docs/json.md:{row.line + 1})"
                )
            if row.opaque or any(alt.startswith("map of") for alt in row.alternatives):
                continue
            shared = [(name, "") for name in row.shared(element=False)]
            if isinstance(child, list):
                inner = [(name, "") for name in row.shared(element=True)]
                for index, element in enumerate(child):
                    if element != MORE:
                        walk(
                            element,
                            [(t, f"{rel}[]") for t, rel in candidates] + inner,
                            f"{child_path}[{index}]",
                        )
            else:
                walk(child, candidates + shared, child_path)

    if isinstance(value, list):  # a JSON that is a list: its elements' keys are at the top
        for index, element in enumerate(value):
            if element != MORE:
                walk(element, [(section, "")], f"[{index}]")
    else:
        walk(value, [(section, "")], "")
    return problems


def stale_rows(document: Document, coverage: Coverage) -> list[str]:
    """Rows naming a key that the examples do not have where they show its object."""
    stale = []
    for table, rows in document.tables.items():
        for path, row in rows.items():
            parent = path.rsplit(".", 1)[0] if "." in path else ""
            if (table, parent) in coverage.containers and (table, path) not in coverage.seen:
                stale.append(f"docs/json.md:{row.line + 1}: {path} is in no example")
    return stale


# --- the tests -----------------------------------------------------------------------------


def test_every_example_is_what_its_command_prints(session_env: Path) -> None:
    document = Document(DOCUMENT.read_text(encoding="utf-8"))
    assert len(document.examples) >= 20, "docs/json.md lost its examples"
    outputs = run_session(document, session_env)
    differences = []
    for example in document.examples:
        if example.expected is None:
            differences.append(f"{example.where}: the json block is empty")
            continue
        found = compare(example.expected, outputs[example.line])
        differences += [f"{example.where}: {difference}" for difference in found]
    assert not differences, (
        "\n".join(differences)
        + "\n\nIf the change is meant, run 'python -m tests.test_json_docs --write', read the "
        "diff and describe new fields."
    )


def test_every_field_of_the_examples_is_described_with_its_type() -> None:
    document = Document(DOCUMENT.read_text(encoding="utf-8"))
    coverage = Coverage()
    problems = []
    for example in document.examples:
        assert example.section in document.tables, f"{example.where}: its section has no table"
        problems += describe_problems(
            document, example.section, example.expected, coverage, example.where
        )
    problems += stale_rows(document, coverage)
    assert not problems, "\n".join(problems)


def _json_commands() -> dict[str, list[list[list[str]]]]:
    """Every command that prints JSON, with the forms that need an example, each a list of
    word sequences its arguments must hold: ``--json`` (or ``--format json``), and ``--list``
    with ``--json`` when the command has ``--list``."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    found: dict[str, list[list[list[str]]]] = {}
    for name, command in group.commands.items():
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        json_format = any(
            "--format" in getattr(param, "opts", [])
            and "json" in getattr(param.type, "choices", ())
            for param in command.params
        )
        if "--json" in options:
            found[name] = [[["--json"]]]
            if "--list" in options:
                found[name].append([["--list"], ["--json"]])
        elif json_format:
            found[name] = [[["--format", "json"]]]
    return found


def test_every_command_that_prints_json_has_an_example() -> None:
    document = Document(DOCUMENT.read_text(encoding="utf-8"))
    commands = _json_commands()
    assert {"status", "next", "list", "journal", "export"} <= set(commands)
    pending = {
        heading
        for heading, lines in document.sections.items()
        if any(document.lines[n].strip() == PENDING for n in lines)
    }
    missing = []
    for name, forms in commands.items():
        if any(heading.startswith(f"roadmap {name} ") for heading in pending):
            continue
        for form in forms:
            if not any(
                example.args[0] == name and all(_has(example.args, words) for words in form)
                for example in document.examples
            ):
                missing.append(f"roadmap {name} " + " ".join(" ".join(w) for w in form))
    assert not missing, "docs/json.md has no example of: " + ", ".join(missing)


def _has(args: list[str], words: list[str]) -> bool:
    """True when ``words`` stand in ``args`` one after the other."""
    return any(args[i : i + len(words)] == words for i in range(len(args)))


def test_a_section_without_example_is_marked_pending_and_one_with_is_not() -> None:
    document = Document(DOCUMENT.read_text(encoding="utf-8"))
    with_examples = {example.section for example in document.examples}
    wrong = []
    for heading, lines in document.sections.items():
        marked = any(document.lines[n].strip() == PENDING for n in lines)
        if heading.startswith("roadmap ") and not marked and heading not in with_examples:
            wrong.append(f"'## {heading}' has no example and is not marked {PENDING}")
        if marked and heading in with_examples:
            wrong.append(f"'## {heading}' has an example but is still marked {PENDING}")
    assert not wrong, "\n".join(wrong)


def test_the_links_inside_the_document_lead_to_its_headings() -> None:
    text = DOCUMENT.read_text(encoding="utf-8")
    headings = {anchor(line.lstrip("#")) for line in text.split("\n") if line.startswith("#")}
    broken = sorted(set(re.findall(r"\]\(#([^)]+)\)", text)) - headings)
    assert not broken, f"docs/json.md links to no heading: {broken}"


def test_answers_piped_to_review_json_leave_stdout_to_the_json(run: Any) -> None:
    # A script pipes the answers in: each question with its answer goes to stderr, so that
    # stdout holds the JSON alone, as docs/json.md promises.
    run("start", "ai-study-plan", "--on", "2026-01-05")
    result = run.runner.invoke(
        app, ["review", "--on", "2026-04-03", "--json"], input="Daily reading\n\nShip it\n"
    )
    assert result.exit_code == 0, result.stderr
    review = json.loads(result.stdout)
    answers = {answer["id"]: answer["answer"] for answer in review["answers"]}
    assert answers["worked"] == "Daily reading" and answers["next-goals"] == "Ship it"
    assert "What worked this quarter?: Daily reading" in result.stderr


def test_show_json_of_your_curriculum_has_its_tasks_on_every_run(enrolled: Any) -> None:
    # The cache keeps an outline of your curriculum (no tasks) after the first read; the JSON
    # must still carry every task, with your progress.
    enrolled("check", "attention-from-scratch", "--on", "2026-01-07")
    for _ in range(2):
        shown = json.loads(enrolled("show", "--json").stdout)
        tasks = shown["phases"][0]["modules"][0]["tasks"]
        assert tasks[0]["id"] == "m1/attention-from-scratch"
        assert shown["progress"]["done"] == {"m1/attention-from-scratch": "2026-01-07"}


# --- the checks themselves fail when they should --------------------------------------------

_SAMPLE = {
    "curriculum": "advanced-ai",
    "done": 1,
    "percent": 1.4,
    "phase": {"id": "p1", "end": "2026-04-26"},
    "open_items": ["m1/a", "m1/b", "m1/c"],
}


@pytest.mark.parametrize(
    ("change", "actual"),
    [
        ("a field added", {**_SAMPLE, "new": 1}),
        ("a field removed", {k: v for k, v in _SAMPLE.items() if k != "percent"}),
        ("a field renamed", {("pct" if k == "percent" else k): v for k, v in _SAMPLE.items()}),
        ("fields reordered", dict(reversed(list(_SAMPLE.items())))),
        ("a nested field added", {**_SAMPLE, "phase": {"id": "p1", "end": "2026-04-26", "x": 0}}),
        ("an integer became a number", {**_SAMPLE, "done": 1.0}),
        ("a number became an integer", {**_SAMPLE, "percent": 1}),
        ("a value is null", {**_SAMPLE, "phase": None}),
        ("a value differs", {**_SAMPLE, "curriculum": "ai-study-plan"}),
        ("a list is longer", {**_SAMPLE, "open_items": ["m1/a", "m1/b", "m1/c", "m1/d"]}),
        ("a list element differs", {**_SAMPLE, "open_items": ["m1/a", "m1/x", "m1/c"]}),
    ],
)
def test_compare_reports_each_kind_of_change(change: str, actual: dict[str, Any]) -> None:
    assert compare(_SAMPLE, _SAMPLE) == []
    assert compare(_SAMPLE, actual), change


def test_a_trimmed_list_shows_its_first_elements_and_needs_more() -> None:
    documented = {"open_items": ["m1/a", MORE]}
    assert compare(documented, {"open_items": ["m1/a", "m1/b"]}) == []
    assert compare(documented, {"open_items": ["m1/b", "m1/a"]})  # not the first one
    assert compare(documented, {"open_items": ["m1/a"]})  # nothing was left out


_TINY_DOC = """\
## Shared objects

### Window

| `id` | string | |
| `end` | date or null | |

## roadmap tiny

| `done` | integer | |
| `phase` | [window](#window) or null | |
| `phases` | list of [window](#window) | |
| `phases[].total` | integer | |
| `ids` | map of date | |
"""


def _describe(value: Any) -> list[str]:
    document = Document(_TINY_DOC)
    coverage = Coverage()
    return describe_problems(document, "roadmap tiny", value, coverage, "x") + stale_rows(
        document, coverage
    )


def test_descriptions_must_name_every_key_with_its_type_and_no_other() -> None:
    good = {
        "done": 1,
        "phase": {"id": "p1", "end": None},
        "phases": [{"id": "p1", "end": "2026-04-26", "total": 3}, MORE],
        "ids": {"m1/a": "2026-01-07"},
    }
    assert _describe(good) == []
    assert _describe({**good, "hours": 1.5}) == ["x: hours is not described"]
    assert _describe({**good, "done": 1.0})  # a number where an integer is described
    assert _describe({**good, "phase": {"id": "p1", "end": "soon"}})  # not a date
    assert _describe({**good, "phases": [{"id": "p1", "end": None, "sum": 3}]})
    # A window's end is described but shown nowhere (rows below an empty list are not).
    stale = _describe({"done": 1, "phase": {"id": "p1"}, "phases": [], "ids": {}})
    assert len(stale) == 1 and "end is in no example" in stale[0]


# --- writing the examples again ---------------------------------------------------------------


def merge(shown: Any, actual: Any) -> Any:
    """``actual`` as the document shows it: lists trimmed where ``shown`` trimmed them (to
    as many elements), everything else whole."""
    if isinstance(actual, dict):
        fields: dict[str, Any] = shown if isinstance(shown, dict) else {}
        return {key: merge(fields.get(key), value) for key, value in actual.items()}
    if isinstance(actual, list):
        elements: list[Any] = shown if isinstance(shown, list) else []
        trimmed = bool(elements) and elements[-1] == MORE
        kept = elements[:-1] if trimmed else elements
        if trimmed and len(actual) > len(kept):
            return [merge(o, a) for o, a in zip(kept, actual, strict=False)] + [MORE]
        return [merge(kept[i] if i < len(kept) else None, a) for i, a in enumerate(actual)]
    return actual


def rewrite(path: Path) -> None:
    """Run the document's session and write every example's JSON again from its output."""
    import tempfile

    import time_machine

    from roadmap_tracker.base.json_text import dumps
    from tests.conftest import FROZEN_NOW

    document = Document(path.read_text(encoding="utf-8"))
    with (
        tempfile.TemporaryDirectory() as directory,
        time_machine.travel(FROZEN_NOW, tick=False),
        utc(),
    ):
        home = Path(directory) / "roadmap-home"
        os.environ.update(
            ROADMAP_HOME=str(home),
            HOME=str(Path(directory) / "user-home"),  # roadmap sync --init ~/... lands here
            NO_COLOR="1",
            COLUMNS="80",
        )
        os.chdir(ROOT)
        outputs = run_session(document, home)
    lines = list(document.lines)
    for example in reversed(document.examples):
        assert example.block is not None
        start, end = example.block
        text = dumps(merge(example.expected, outputs[example.line]))
        lines[start:end] = text.split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.test_json_docs --write")
    rewrite(DOCUMENT)
