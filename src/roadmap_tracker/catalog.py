"""Finding and loading curricula: bundled ones, the learner's own, or an explicit path.

Loading parses YAML with ruamel.yaml's safe loader (C-accelerated when installed), validates
it into a :class:`~roadmap_tracker.model.Curriculum`, and turns every problem into one
:class:`~roadmap_tracker.errors.RoadmapError` whose lines read
``FILE:LINE:COLUMN: field: what is wrong``. Only when something is wrong is the file parsed a
second time in round-trip mode, which knows the line and column of every key.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from roadmap_tracker import paths
from roadmap_tracker.errors import RoadmapError
from roadmap_tracker.model import Curriculum, Loc, curriculum_problems

if TYPE_CHECKING:
    from pydantic import ValidationError

CURRICULUM_SUFFIXES = (".yaml", ".yml")
MAX_REPORTED_PROBLEMS = 20


@dataclass(frozen=True)
class CatalogEntry:
    """Where a curriculum lives: its slug, its file, and whether it is bundled or the user's."""

    slug: str
    path: Path
    origin: Literal["bundled", "user", "path"]


def bundled_dir() -> Path:
    """Return the directory of the curricula shipped with roadmap.

    In an installed wheel they sit inside the package (``roadmap_tracker/curricula``); in a
    source checkout they are the top-level ``curricula/`` folder.
    """
    packaged = Path(__file__).parent / "curricula"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "curricula"


def catalog() -> dict[str, CatalogEntry]:
    """Return every known curriculum by slug: bundled ones, then the user's own.

    A user curriculum (``*.yaml`` in ``curricula/`` of the data directory) with the same slug
    as a bundled one takes its place. Slugs come from file names.
    """
    entries: dict[str, CatalogEntry] = {}
    places: tuple[tuple[Literal["bundled", "user"], Path], ...] = (
        ("bundled", bundled_dir()),
        ("user", paths.user_curricula_dir()),
    )
    for origin, directory in places:
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.suffix in CURRICULUM_SUFFIXES and path.is_file():
                entries[path.stem] = CatalogEntry(path.stem, path, origin)
    return entries


def find_curriculum(reference: str) -> CatalogEntry:
    """Return the catalog entry for a slug, or for a path to a curriculum file.

    Raises RoadmapError when nothing matches, naming the closest slugs.
    """
    candidate = Path(reference).expanduser()
    if candidate.suffix in CURRICULUM_SUFFIXES or "/" in reference:
        if not candidate.is_file():
            raise RoadmapError(
                f"There is no curriculum file at {reference}.",
                "Check the path, or run 'roadmap list' to see the bundled curricula.",
            )
        return CatalogEntry(candidate.stem, candidate.resolve(), "path")
    entries = catalog()
    if reference in entries:
        return entries[reference]
    close = difflib.get_close_matches(reference, list(entries), n=3, cutoff=0.5)
    suggestion = f" Did you mean {' or '.join(repr(s) for s in close)}?" if close else ""
    raise RoadmapError(
        f"There is no curriculum called '{reference}'.{suggestion}",
        "Run 'roadmap list' to see the curricula you can use.",
    )


def load_curriculum(path: Path, expected_slug: str | None = None) -> Curriculum:
    """Read, parse and validate the curriculum at ``path``.

    ``expected_slug``, when given, must equal the file's ``slug`` (catalog files are named
    after their slug). Raises RoadmapError naming file, line, column and field of each problem.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RoadmapError(
            f"Cannot read the curriculum file {path}: {_reason(error)}.",
            "Check that the file exists and is readable UTF-8 text.",
        ) from error
    data = _parse_safe(path, text)
    if not isinstance(data, dict):
        raise RoadmapError(
            f"{path}:1:1: the file does not hold a curriculum (expected a mapping with slug, "
            "title and phases).",
            "See docs/curriculum-format.md for the layout of a curriculum file.",
        )
    from pydantic import ValidationError

    try:
        curriculum = Curriculum.model_validate(data)
    except ValidationError as error:
        raise _located_error(path, text, _validation_problems(error)) from None
    problems = curriculum_problems(curriculum)
    if expected_slug is not None and curriculum.slug != expected_slug:
        problems.insert(
            0,
            (("slug",), f"slug '{curriculum.slug}' does not match the file name '{path.name}'"),
        )
    if problems:
        raise _located_error(path, text, problems)
    return curriculum


def load_entry(entry: CatalogEntry) -> Curriculum:
    """Load the curriculum of a catalog entry; see :func:`load_curriculum`."""
    return load_curriculum(entry.path, None if entry.origin == "path" else entry.slug)


def load_slug(reference: str) -> Curriculum:
    """Find and load a curriculum by slug or path; see :func:`find_curriculum`."""
    return load_entry(find_curriculum(reference))


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


def _parse_safe(path: Path, text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return YAML(typ="safe").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
        raise RoadmapError(
            f"{path}:{line}:{column}: YAML syntax: {problem}.",
            "Fix the YAML at that position and try again.",
        ) from None
    except YAMLError as error:
        raise RoadmapError(
            f"{path}:1:1: YAML syntax: {' '.join(str(error).split())}.",
            "Fix the YAML and try again.",
        ) from None


def _validation_problems(error: ValidationError) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    for detail in error.errors(include_url=False):
        message = str(detail["msg"]).removeprefix("Value error, ")
        kind = detail["type"]
        if kind == "missing":
            message = "this field is required"
        elif kind == "extra_forbidden":
            message = "unknown field; check its spelling (see docs/curriculum-format.md)"
        problems.append((tuple(detail["loc"]), message))
    return problems


def _located_error(path: Path, text: str, problems: list[tuple[Loc, str]]) -> RoadmapError:
    from ruamel.yaml import YAML

    root = YAML(typ="rt").load(text)
    lines = []
    for loc, message in problems[:MAX_REPORTED_PROBLEMS]:
        line, column = _position(root, loc)
        lines.append(f"{path}:{line}:{column}: {_field_path(loc) or 'file'}: {message}")
    if len(problems) > MAX_REPORTED_PROBLEMS:
        lines.append(f"... and {len(problems) - MAX_REPORTED_PROBLEMS} more problems")
    count = len(problems)
    return RoadmapError(
        lines[0] if count == 1 else f"{lines[0]} (and {count - 1} more problems below)",
        "Fix the curriculum file and try again.",
        lines[1:],
    )


def _position(root: Any, loc: Loc) -> tuple[int, int]:
    """Return the 1-based line and column of the deepest node of ``loc`` found in ``root``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node, line, column = root, 0, 0
    if hasattr(root, "lc"):
        line, column = root.lc.line, root.lc.col
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line, column = node.lc.key(key)
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line, column = node.lc.item(key)
        else:
            break
        node = node[key]
    return line + 1, column + 1


def _field_path(loc: Loc) -> str:
    parts: list[str] = []
    for key in loc:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        elif parts:
            parts.append(f".{key}")
        else:
            parts.append(str(key))
    return "".join(parts)
