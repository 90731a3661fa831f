"""Finding and loading curricula: bundled ones, the learner's own, or an explicit path.

Loading parses YAML with ruamel.yaml's safe loader (C-accelerated when ruamel.yaml's C
extension is installed), validates it into a :class:`~roadmap_tracker.curriculum.model.Curriculum`,
and
turns every problem into one :class:`~roadmap_tracker.base.errors.RoadmapError` whose lines read
``FILE:LINE:COLUMN: field: what is wrong``. Only when something is wrong is the file parsed a
second time, by the pure-Python parser (for the position of a syntax error) or in round-trip
mode (which knows the line and column of every key). Before any of these parses, the text's
nesting and aliases are checked against the limits of :mod:`roadmap_tracker.base.yaml_limits`; a
text beyond them is one problem, and is never parsed. A curriculum that loads is kept in the
cache (:mod:`roadmap_tracker.base.cache`), so the next load of the same bytes parses nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from roadmap_tracker.base import paths
from roadmap_tracker.base.errors import RoadmapError, error_reason
from roadmap_tracker.base.records import Record
from roadmap_tracker.curriculum.model import Curriculum, Loc

if TYPE_CHECKING:
    from pydantic import ValidationError

T = TypeVar("T")

CURRICULUM_SUFFIXES = (".yaml", ".yml")
MAX_REPORTED_PROBLEMS = 20
MAX_CURRICULUM_BYTES = 10 * 2**20
"""A curriculum file larger than this (10 MiB) is refused unread."""


def _problems() -> ModuleType:
    """:mod:`~roadmap_tracker.curriculum.problems`, imported only when a curriculum file is
    checked (a cache miss, ``validate``), not on a warm command.
    """
    from roadmap_tracker.curriculum import problems

    return problems


class CatalogEntry(Record, kw_only=False):
    """Where a curriculum lives: its slug, its file, and whether it is bundled or the user's."""

    slug: str
    path: Path
    origin: Literal["bundled", "user", "path"]


def bundled_dir() -> Path:
    """Return the directory of the curricula shipped with roadmap.

    In an installed wheel they sit inside the package (``roadmap_tracker/curricula``); in a
    source checkout they are the top-level ``curricula/`` folder.
    """
    packaged = Path(__file__).parents[1] / "curricula"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "curricula"


def catalog_dirs() -> tuple[Path, ...]:
    """The directories whose curricula are named by their slug: bundled, then the user's."""
    return (bundled_dir().resolve(), paths.user_curricula_dir().resolve())


def catalog() -> dict[str, CatalogEntry]:
    """Return every known curriculum by slug: bundled ones, then the user's own.

    User curricula are ``*.yaml`` files in ``curricula/`` of the data directory; slugs come
    from file names. Raises RoadmapError naming both files when a user curriculum has the
    slug of a bundled one.
    """
    entries, clashes = _scan()
    if clashes:
        raise _clash_error(*clashes[0])
    return entries


def slugs() -> list[str]:
    """The slugs of the bundled and user curricula (file names only; nothing is parsed).

    Raises OSError when a directory cannot be listed.
    """
    return list(_scan()[0])


def _clash_error(bundled: CatalogEntry, user: CatalogEntry) -> RoadmapError:
    return RoadmapError(
        f"Your curriculum {user.path} has the slug '{user.slug}' of the bundled curriculum "
        f"{bundled.path}.",
        f"Rename your file and its 'slug' field (for example to 'my-{user.slug}').",
    )


def _scan() -> tuple[dict[str, CatalogEntry], list[tuple[CatalogEntry, CatalogEntry]]]:
    """Every curriculum file by slug, and the (bundled, user) pairs that share a slug."""
    entries: dict[str, CatalogEntry] = {}
    clashes: list[tuple[CatalogEntry, CatalogEntry]] = []
    places: tuple[tuple[Literal["bundled", "user"], Path], ...] = (
        ("bundled", bundled_dir()),
        ("user", paths.user_curricula_dir()),
    )
    for origin, directory in places:
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.suffix in CURRICULUM_SUFFIXES and path.is_file():
                entry = CatalogEntry(path.stem, path, origin)
                if path.stem in entries:
                    clashes.append((entries[path.stem], entry))
                else:
                    entries[path.stem] = entry
    return entries, clashes


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
    entries, clashes = _scan()
    for bundled, user in clashes:
        if bundled.slug == reference:
            raise _clash_error(bundled, user)
    if reference in entries:
        return entries[reference]
    close = difflib.get_close_matches(reference, list(entries), n=3, cutoff=0.5)
    suggestion = f" Did you mean {' or '.join(repr(s) for s in close)}?" if close else ""
    raise RoadmapError(
        f"There is no curriculum called '{reference}'.{suggestion}",
        "Run 'roadmap list' to see the curricula you can use.",
    )


def user_file(slug: str) -> Path | None:
    """The learner's own curriculum named ``slug``: ``<slug>.yaml`` (or ``.yml``) in the
    data directory's ``curricula/``, when it is a file; else None. This is where a curriculum
    enrolled from elsewhere is copied, so that it travels with the record (decision 48).
    """
    directory = paths.user_curricula_dir()
    for suffix in CURRICULUM_SUFFIXES:
        candidate = directory / f"{slug}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def is_bundled_slug(slug: str) -> bool:
    """Whether a curriculum shipped with roadmap has the slug ``slug``."""
    bundled = bundled_dir()
    return any((bundled / f"{slug}{suffix}").is_file() for suffix in CURRICULUM_SUFFIXES)


def named_by_slug(path: Path, slug: str) -> bool:
    """Whether the file at ``path`` is one the catalog finds by ``slug``: it is named after
    the slug and lies in the bundled curricula or the learner's own (``curricula/`` of the
    data directory), so an enrollment in it needs no path.
    """
    return path.stem == slug and path.resolve().parent in catalog_dirs()


class Problem(Record, kw_only=False):
    """One thing wrong in a curriculum file, with the 1-based line and column it stands at.

    ``field`` is the dotted field path (``phases[0].modules[2].duration``), or ``file``.
    ``str()`` gives ``FILE:LINE:COLUMN: field: message``.
    """

    path: Path
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"


def check_curriculum(
    path: Path, expected_slug: str | None = None
) -> tuple[Curriculum | None, list[Problem]]:
    """Read, parse and validate the curriculum at ``path``; return it and every problem found.

    Problems come in file order: YAML syntax (parsing stops there), then field validation,
    then the cross-field checks of :func:`~roadmap_tracker.curriculum.problems.curriculum_problems`.
    When some fields are invalid the cross-field checks still run on the file without those
    fields, so one pass reports all problems. ``expected_slug``, when given, must equal the file's
    ``slug``. The curriculum is None when any problem was found.

    Raises RoadmapError when the file cannot be read.
    """
    return check_text(path, _decode(path, _read_bytes(path)), expected_slug)


def check_text(
    path: Path, text: str, expected_slug: str | None
) -> tuple[Curriculum | None, list[Problem]]:
    """:func:`check_curriculum` on ``text`` read from ``path`` (``path`` only names the file in the
    problems): the curriculum, or None, and every problem found. Raises nothing for bad
    input.
    """
    try:
        data = _parse_safe(text)
    except _SyntaxProblem as problem:
        return None, [Problem(path, problem.line, problem.column, problem.field, problem.message)]
    return check_data(path, data, text, expected_slug)


def check_data(
    path: Path, data: object, text: str, expected_slug: str | None
) -> tuple[Curriculum | None, list[Problem]]:
    """:func:`check_text` on the ``data`` that ``text`` (the file at ``path``) holds, parsed
    already: the curriculum, or None, and every problem found (located in ``text``).
    ``import`` checks the curriculum it made this way, from the data it wrote as YAML
    (:mod:`roadmap_tracker.formats.yaml_emitter` writes text that reads back as that data).
    Raises nothing for bad input.
    """
    if not isinstance(data, dict):
        message = (
            "the file does not hold a curriculum (expected a mapping with slug, title and phases)"
        )
        return None, [Problem(path, 1, 1, "file", message)]
    curriculum, found = _validate(data)
    if expected_slug is not None and data.get("slug") != expected_slug:
        found.insert(
            0, (("slug",), f"slug '{data.get('slug')}' does not match the file name '{path.name}'")
        )
    if not found:
        return curriculum, []
    return None, _locate(path, text, found)


def digest(path: Path) -> str:
    """The SHA-256 of a curriculum file's bytes, as 64 hex digits (how an enrollment notices
    that its curriculum changed). Raises RoadmapError when the file cannot be read.
    """
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (OSError, ValueError) as error:  # ValueError: a path with a NUL byte
        raise RoadmapError(
            f"Cannot read the curriculum file {path}: {error_reason(error)}.",
            "Check that the file exists and is readable.",
        ) from error


def _read_bytes(path: Path) -> bytes:
    """The bytes of a curriculum file; RoadmapError when it cannot be read or is over
    MAX_CURRICULUM_BYTES.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CURRICULUM_BYTES + 1)
    except (OSError, ValueError) as error:  # ValueError: a path with a NUL byte (hand edit)
        raise _unreadable(path, error) from error
    if len(raw) > MAX_CURRICULUM_BYTES:
        raise RoadmapError(
            f"The curriculum file {path} is over {MAX_CURRICULUM_BYTES // 2**20} MiB, "
            "too large to be a curriculum.",
            "Split it, or check that you named the right file.",
        )
    return raw


def _decode(path: Path, raw: bytes) -> str:
    """The text of a curriculum file's bytes; RoadmapError when they are not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _unreadable(path, error) from error


def _unreadable(path: Path, error: Exception) -> RoadmapError:
    return RoadmapError(
        f"Cannot read the curriculum file {path}: {error_reason(error)}.",
        "Check that the file exists and is readable UTF-8 text.",
    )


def load_curriculum(path: Path, expected_slug: str | None = None) -> Curriculum:
    """Read, parse and validate the curriculum at ``path``.

    ``expected_slug``, when given, must equal the file's ``slug`` (catalog files are named
    after their slug). The same bytes loaded again come from the cache, unparsed. Raises
    RoadmapError naming file, line, column and field of each problem.
    """
    from roadmap_tracker.base import cache

    known = cache.known_key(path, expected_slug)
    if known is not None and (cached := cache.load_entry(known, Curriculum)) is not None:
        return cached
    raw = _read_bytes(path)
    key = cache.curriculum_key(raw, expected_slug)
    cached = cache.load_entry(key, Curriculum)
    if cached is None:
        curriculum, problems = check_text(path, _decode(path, raw), expected_slug)
        if curriculum is None:
            raise _problems_error(problems)
        cache.store_entry(key, curriculum)
        cached = curriculum
    if key != known:
        cache.remember_key(path, expected_slug, key)
    return cached


def load_outline(path: Path, expected_slug: str | None = None) -> Curriculum:
    """The curriculum at ``path`` for the progress views and ``check``: its outline
    (:meth:`~roadmap_tracker.curriculum.model.Curriculum.outline`, no task details) when the
    cache has one for the file as it is, else the whole curriculum as :func:`load_curriculum`
    gives it, whose outline is then kept for the next time. Raises what load_curriculum raises.
    """
    from roadmap_tracker.base import cache

    known = cache.known_key(path, expected_slug)
    if known is not None and (outline := cache.load_entry(known, Curriculum, OUTLINE)) is not None:
        return outline
    curriculum = load_curriculum(path, expected_slug)
    key = cache.known_key(path, expected_slug)
    if key is not None:
        cache.store_entry(key, curriculum.outline(), OUTLINE)
    return curriculum


def derived(
    path: Path,
    expected_slug: str | None,
    name: str,
    compute: Callable[[Curriculum], T],
) -> T:
    """``compute(curriculum)`` for the curriculum at ``path`` (loaded as
    :func:`load_curriculum` does), kept in the cache under ``name`` beside the curriculum:
    an unchanged file gives the kept value without unpickling the curriculum. Another build of
    roadmap (:func:`~roadmap_tracker.base.cache.code_fingerprint`) computes it again. The value
    must be picklable. Raises what load_curriculum raises.
    """
    from roadmap_tracker.base import cache

    known = cache.known_key(path, expected_slug)
    if known is not None:
        found = cache.load_entry(known, tuple, name)
        if found is not None and len(found) == 1:
            return cast(T, found[0])
    computed = compute(load_curriculum(path, expected_slug))
    key = cache.known_key(path, expected_slug)
    if key is not None:
        cache.store_entry(key, (computed,), name)
    return computed


OUTLINE = "outline"
"""The name the outline of a curriculum is kept under beside it in the cache."""


def load_entry(entry: CatalogEntry) -> Curriculum:
    """Load the curriculum of a catalog entry; see :func:`load_curriculum`."""
    return load_curriculum(entry.path, None if entry.origin == "path" else entry.slug)


def load_slug(reference: str) -> Curriculum:
    """Find and load a curriculum by slug or path; see :func:`find_curriculum`."""
    return load_entry(find_curriculum(reference))


class _SyntaxProblem(Exception):
    def __init__(self, line: int, column: int, message: str, field: str = "YAML syntax") -> None:
        super().__init__(message)
        self.line, self.column, self.message, self.field = line, column, message, field


def _parse_safe(text: str) -> Any:
    """The data of a YAML text: by the C parser when installed, else (and to report where a
    syntax error stands) by the pure-Python safe loader. Raises _SyntaxProblem, also for a
    text nested too deep or with too many aliases (:mod:`roadmap_tracker.base.yaml_limits`),
    which is not parsed at all.
    """
    from roadmap_tracker.base.yaml_limits import yaml_shape_problem

    shape = yaml_shape_problem(text)
    if shape is not None:
        raise _SyntaxProblem(*shape, field="YAML structure")
    try:
        from ruamel.yaml.cyaml import CSafeLoader
    except ImportError:  # neither ruamel.yaml.clib nor ruamel.yaml.clibz is installed
        pass
    else:
        loader = CSafeLoader(text)
        try:
            return loader.get_single_data()
        except Exception:  # the pure parser below says what is wrong, and where
            pass
        finally:
            loader.dispose()
    return _parse_pure(text)


def _parse_pure(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return YAML(typ="safe", pure=True).load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
        raise _SyntaxProblem(line, column, problem) from None
    except YAMLError as error:
        raise _SyntaxProblem(1, 1, " ".join(str(error).split())) from None
    except ValueError as error:  # a value the loader cannot build, such as 2026-13-01
        line, column = _bad_timestamp(text)
        message = f"{error}; write dates as YYYY-MM-DD"
        raise _SyntaxProblem(line, column, message, "YAML value") from None


def _bad_timestamp(text: str) -> tuple[int, int]:
    """The 1-based position of the first date-like scalar that is not a real date."""
    import datetime as dt

    from ruamel.yaml import YAML

    pending = [YAML(typ="safe").compose(text)]
    while pending:
        node = pending.pop(0)
        if node is None:
            continue
        value = node.value
        if isinstance(value, list):
            for child in value:
                pending.extend(child if isinstance(child, tuple) else (child,))
        elif str(node.tag).endswith(":timestamp"):
            try:
                dt.date.fromisoformat(str(value)[:10])
            except ValueError:
                return node.start_mark.line + 1, node.start_mark.column + 1
    return 1, 1


MAX_PRUNING_ROUNDS = 5


def _validate(data: dict[str, Any]) -> tuple[Curriculum | None, list[tuple[Loc, str]]]:
    """Validate ``data``; return the curriculum (None if invalid) and every problem found.

    When fields fail validation, they are removed from a copy and validation runs again, so
    that the cross-field checks can report on the rest of the file too.
    """
    import copy

    from pydantic import ValidationError

    problems: list[tuple[Loc, str]] = []
    candidate: Any = data
    for _ in range(MAX_PRUNING_ROUNDS):
        try:
            curriculum = Curriculum.model_validate(candidate)
        except ValidationError as error:
            found = _validation_problems(error)
            # a field set aside in an earlier round is not reported again as missing
            reported = {loc for loc, _ in problems}
            problems += [p for p in found if p[0] not in reported]
            candidate = copy.deepcopy(candidate)
            missing = {tuple(e["loc"]) for e in error.errors() if e["type"] in _MISSING}
            if not all(_repair(candidate, loc, loc in missing) for loc, _ in found):
                return None, sorted(problems, key=_loc_order(data))
            continue
        known = set(problems)
        problems += [p for p in _problems().curriculum_problems(curriculum) if p not in known]
        return (None if problems else curriculum), sorted(problems, key=_loc_order(data))
    return None, problems


_PLACEHOLDERS = {"title": "?", "text": "?"}


def _repair(data: Any, loc: Loc, missing: bool) -> bool:
    """Make the field at ``loc`` valid enough for the cross-field checks to run: delete an
    invalid key, or fill a missing title or id with a placeholder. False when neither works.
    """
    if not loc or not isinstance(loc[-1], str):
        return False
    node = data
    for key in loc[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return False
    name = loc[-1]
    if not isinstance(node, dict):
        return False
    if missing:
        if name == "id":
            node[name] = "missing-id-" + "-".join(str(part) for part in loc[:-1])
            node[name] = node[name].replace("_", "-")
        elif name in _PLACEHOLDERS:
            node[name] = _PLACEHOLDERS[name]
        else:
            return False
        return True
    if name not in node:
        return False
    del node[name]
    return True


def _loc_order(data: Any) -> Any:
    """A sort key that puts problems in the order their fields appear in the file."""
    orders: dict[int, dict[Any, int]] = {}  # the position of each key, per mapping

    def key(problem: tuple[Loc, str]) -> tuple[tuple[int, ...], str]:
        positions: list[int] = []
        node = data
        for part in problem[0]:
            if isinstance(node, dict) and part in node:
                if id(node) not in orders:
                    orders[id(node)] = {name: index for index, name in enumerate(node)}
                positions.append(orders[id(node)][part])
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                positions.append(part)
                node = node[part]
            else:
                break
        return tuple(positions), problem[1]

    return key


_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


def _yaml_type(value: object) -> str:
    """How a YAML value that has the wrong type reads to a person: ``a list``, ``nothing``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'" if isinstance(value, str) else type(value).__name__


_MISSING = ("missing", "missing_argument", "missing_keyword_only_argument")
_UNKNOWN = ("extra_forbidden", "unexpected_keyword_argument")


def _validation_problems(error: ValidationError) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    details = error.errors(include_url=False)
    # the paths that lead to a failed field, the field itself left out
    above_failed = {
        loc[:length] for loc in (tuple(d["loc"]) for d in details) for length in range(len(loc))
    }
    for detail in details:
        message = str(detail["msg"]).removeprefix("Value error, ")
        kind = detail["type"]
        loc = tuple(detail["loc"])
        if kind == "too_short" and loc in above_failed:
            continue  # a list whose failed entries were left out is not too short
        if kind in _MISSING:
            message = "this field is required"
        elif kind in _UNKNOWN:
            message = "unknown field; check its spelling (see docs/curriculum-format.md)"
        elif kind in _EXPECTED:
            message = f"expected {_EXPECTED[kind]}, found {_yaml_type(detail['input'])}"
        elif kind == "too_short":
            count = detail.get("ctx", {}).get("min_length", 1)
            message = f"needs at least {count} {'entry' if count == 1 else 'entries'}"
        problems.append((tuple(detail["loc"]), message))
    return problems


def _locate(path: Path, text: str, problems: list[tuple[Loc, str]]) -> list[Problem]:
    """Attach the line and column of each field path, from a round-trip parse of ``text``."""
    from ruamel.yaml import YAML

    root = YAML(typ="rt").load(text)
    located = []
    for loc, message in problems:
        line, column = _position(root, loc)
        located.append(Problem(path, line, column, _field_path(loc) or "file", message))
    return located


def _problems_error(problems: list[Problem]) -> RoadmapError:
    """One RoadmapError for the problems of a curriculum file: the first, then the others."""
    lines = [str(problem) for problem in problems[:MAX_REPORTED_PROBLEMS]]
    if len(problems) > MAX_REPORTED_PROBLEMS:
        lines.append(f"... and {len(problems) - MAX_REPORTED_PROBLEMS} more problems")
    count = len(problems)
    first = lines[0] if count == 1 else f"{lines[0]} (and {count - 1} more problems below)"
    hint = "Fix the curriculum file and try again."
    if problems[0].field.startswith("YAML"):
        hint = "Fix the YAML at that position and try again."
    return RoadmapError(first, hint, lines[1:])


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
