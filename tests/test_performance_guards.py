"""Speed guards that cannot flake: they count work and imports, never time anything.

The timings themselves are the benchmark's (``bench/run.py``, docs/performance.md). These tests
catch the regressions behind slow timings: a curriculum parsed again although its file did not
change, and a command importing a heavy module it does not need.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.base import paths
from roadmap_tracker.curriculum import catalog
from roadmap_tracker.curriculum.catalog import bundled_dir
from tests.conftest import Run


@pytest.fixture
def yaml_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the curriculum YAML parses of this process (one entry per parse)."""
    parses: list[int] = []
    real = catalog._parse_safe

    def counting(text: str) -> Any:
        parses.append(len(text))
        return real(text)

    monkeypatch.setattr(catalog, "_parse_safe", counting)
    return parses


def test_a_curriculum_is_parsed_once_then_read_from_the_cache(
    yaml_parses: list[int], roadmap_home: Path
) -> None:
    first = catalog.load_slug("complete-ai-engineer")
    assert len(yaml_parses) == 1
    second = catalog.load_slug("complete-ai-engineer")
    assert len(yaml_parses) == 1, "the second load parsed the YAML again"
    assert second == first
    assert second is not first  # read back from the cache file, not kept in memory
    entries = list((paths.cache_dir() / "curricula").glob("*.pickle"))
    assert len(entries) == 1
    assert entries[0].stat().st_mode & 0o777 == 0o600


def test_a_changed_curriculum_file_is_parsed_again(
    yaml_parses: list[int], roadmap_home: Path
) -> None:
    mine = roadmap_home / "curricula" / "my-plan.yaml"
    mine.parent.mkdir(parents=True)
    text = (bundled_dir() / "advanced-ai.yaml").read_text(encoding="utf-8")
    mine.write_text(text.replace("slug: advanced-ai", "slug: my-plan"), encoding="utf-8")
    assert catalog.load_slug("my-plan").title == "Advanced AI Engineering Program"
    mine.write_text(
        text.replace("slug: advanced-ai", "slug: my-plan").replace(
            "title: Advanced AI Engineering Program", "title: My Own Program"
        ),
        encoding="utf-8",
    )
    assert catalog.load_slug("my-plan").title == "My Own Program"
    assert len(yaml_parses) == 2


def _my_plan(roadmap_home: Path, title: str, age_seconds: float) -> Path:
    """Write the user curriculum ``my-plan`` (advanced-ai with ``title``), last modified
    ``age_seconds`` ago.
    """
    mine = roadmap_home / "curricula" / "my-plan.yaml"
    mine.parent.mkdir(parents=True, exist_ok=True)
    text = (bundled_dir() / "advanced-ai.yaml").read_text(encoding="utf-8")
    text = text.replace("slug: advanced-ai", "slug: my-plan")
    mine.write_text(
        text.replace("title: Advanced AI Engineering Program", f"title: {title}"),
        encoding="utf-8",
    )
    then = mine.stat().st_mtime - age_seconds
    os.utime(mine, (then, then))
    return mine


@pytest.fixture
def file_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Count the curriculum file reads of this process (one entry per read)."""
    reads: list[Path] = []
    real = catalog._read_bytes

    def counting(path: Path) -> bytes:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(catalog, "_read_bytes", counting)
    return reads


def test_an_unchanged_curriculum_file_is_not_even_read_again(
    yaml_parses: list[int], file_reads: list[Path], roadmap_home: Path
) -> None:
    _my_plan(roadmap_home, "My Program", age_seconds=3600)
    first = catalog.load_slug("my-plan")
    assert (len(file_reads), len(yaml_parses)) == (1, 1)
    assert catalog.load_slug("my-plan") == first
    assert (len(file_reads), len(yaml_parses)) == (1, 1), "the unchanged file was read again"


def test_a_file_changed_after_its_key_was_remembered_is_read_and_parsed_again(
    yaml_parses: list[int], file_reads: list[Path], roadmap_home: Path
) -> None:
    _my_plan(roadmap_home, "My Program", age_seconds=3600)
    assert catalog.load_slug("my-plan").title == "My Program"
    _my_plan(roadmap_home, "My Renamed Program", age_seconds=1800)  # same size: not the key
    assert catalog.load_slug("my-plan").title == "My Renamed Program"
    assert (len(file_reads), len(yaml_parses)) == (2, 2)


def test_a_file_modified_a_moment_ago_is_read_on_every_load(
    yaml_parses: list[int], file_reads: list[Path], roadmap_home: Path
) -> None:
    # Within RACY_SECONDS of its modification a file could change again without its size or
    # time changing, so its key is not remembered; its content still comes from the cache.
    _my_plan(roadmap_home, "My Program", age_seconds=0)
    catalog.load_slug("my-plan")
    catalog.load_slug("my-plan")
    assert (len(file_reads), len(yaml_parses)) == (2, 1)


@pytest.fixture
def curriculum_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the curricula this process loads, from the cache or from their files."""
    loads: list[str] = []
    real = catalog.load_curriculum

    def counting(path: Path, expected_slug: str | None = None) -> Any:
        loads.append(path.stem)
        return real(path, expected_slug)

    monkeypatch.setattr(catalog, "load_curriculum", counting)
    return loads


def test_list_keeps_what_it_shows_of_each_curriculum(
    curriculum_loads: list[str], roadmap_home: Path
) -> None:
    from roadmap_tracker.commands import curricula
    from roadmap_tracker.session import Session

    _my_plan(roadmap_home, "My Program", age_seconds=3600)
    first = curricula.list_view(Session())
    assert "my-plan" in curriculum_loads
    curriculum_loads.clear()
    assert curricula.list_view(Session()) == first
    assert curriculum_loads == [], "list loaded a curriculum whose file had not changed"
    _my_plan(roadmap_home, "My Renamed Program", age_seconds=1800)
    (mine,) = [row for row in curricula.list_view(Session()).curricula if row.slug == "my-plan"]
    assert mine.title == "My Renamed Program"
    assert curriculum_loads == ["my-plan"]


def test_a_kept_value_is_computed_again_when_the_code_computing_it_changed(
    roadmap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_tracker.base import cache

    path = _my_plan(roadmap_home, "My Program", age_seconds=3600)
    computed: list[str] = []

    def title(curriculum: Any) -> str:
        computed.append(curriculum.title)
        return str(curriculum.title)

    for _ in range(2):
        assert catalog.derived(path, "my-plan", "title", title) == "My Program"
    assert len(computed) == 1
    monkeypatch.setattr(cache, "code_fingerprint", lambda: b"another build of roadmap")
    catalog.derived(path, "my-plan", "title", title)
    assert len(computed) == 2


def test_the_build_fingerprint_changes_when_a_source_file_changes_or_moves(
    tmp_path: Path,
) -> None:
    from roadmap_tracker.base import cache

    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    (package / "sub" / "model.py").write_text("A = 1\n")
    (package / "views.py").write_text("B = 2\n")
    first = cache.fingerprint_of(package)
    assert cache.fingerprint_of(package) == first
    (package / "sub" / "model.py").write_text("A = 10\n")
    edited = cache.fingerprint_of(package)
    assert edited != first
    (package / "sub" / "model.py").rename(package / "sub" / "models.py")
    assert cache.fingerprint_of(package) not in (first, edited)


def test_old_cache_entries_go_with_the_values_kept_beside_them(
    roadmap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_tracker.base import cache
    from roadmap_tracker.commands import curricula
    from roadmap_tracker.session import Session

    monkeypatch.setattr(cache, "KEPT_ENTRIES", 2)
    curricula.list_view(Session())
    names = sorted(p.name for p in (paths.cache_dir() / "curricula").glob("*.pickle"))
    kept = [name.split(".")[0] for name in names if name.count(".") == 1]
    assert len(kept) == 2
    assert all(name.split(".")[0] in kept for name in names), "a value outlived its curriculum"


def test_an_outline_has_every_item_but_refuses_task_details() -> None:
    import pickle

    whole = catalog.load_slug("complete-ai-engineer")
    outline = pickle.loads(pickle.dumps(whole.outline()))
    assert outline.items == whole.items
    for module in whole.modules:
        expected = [item for item in whole.items if item.module_id == module.id]
        assert outline.items_of(module.id) == expected, module.id
    for phase in whole.phases:
        expected = [i for i in whole.items if i.module_id is None and i.phase_id == phase.id]
        assert outline.phase_items(phase.id) == expected, phase.id
    with pytest.raises(RuntimeError, match="outline has no task details"):
        list(outline.modules[0].tasks)
    with pytest.raises(RuntimeError, match="outline has no task details"):
        bool(outline.phases[0].checkpoint)
    with pytest.raises(TypeError, match="not JSON serializable"):
        json.dumps(outline.to_json())


def test_item_columns_come_back_from_the_cache_as_they_were_whatever_their_text() -> None:
    import pickle

    from roadmap_tracker.curriculum.items import ItemTable

    def table(ids: list[str], titles: list[str]) -> ItemTable:
        size = len(ids)
        return ItemTable(
            ids, titles, ["task"] * size, ["Setup"] * size, *[[None] * size] * 3, {}, {}, {}, {}
        )

    for original in (
        catalog.load_slug("complete-ai-engineer").item_table,
        table(["a", "b"], ["One", "Two\x1fwith the separator"]),  # kept as a list
        table(["only"], [""]),
        table([], []),
    ):
        copy = pickle.loads(pickle.dumps(original, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(copy) is ItemTable and copy == original


def test_the_progress_views_read_the_outline_and_show_what_the_whole_curriculum_shows(
    curriculum_loads: list[str], roadmap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_tracker.base import cache
    from tests.conftest import Run

    run = Run()
    _my_plan(roadmap_home, "My Program", age_seconds=3600)
    run("start", "my-plan", "--on", "2026-01-05")
    run("check", "m1/attention-from-scratch", "minimal-vit", "--on", "2026-01-07")
    run("log", "2", "--task", "m1/fine-tune-vit", "--on", "2026-01-07")
    commands = [
        ("status", "--json", "--week", "2026-01-14"),
        ("next", "--json", "--from", "2026-03-30"),
        ("plan", "--json", "--on", "2026-01-14"),
        ("show",),
    ]
    real = cache.load_entry
    outlines = [False]

    def load_entry(key: str, kind: Any, name: str | None = None) -> Any:
        if name == catalog.OUTLINE and not outlines[0]:
            return None
        return real(key, kind, name)

    monkeypatch.setattr(cache, "load_entry", load_entry)
    whole = [run(*args).stdout for args in commands]
    assert curriculum_loads, "the views did not load the whole curriculum"
    outlines[0] = True
    curriculum_loads.clear()
    assert [run(*args).stdout for args in commands] == whole
    assert curriculum_loads == [], "a progress view loaded the whole curriculum"
    run("check", "m1/attention-from-scratch", "--undo", "--on", "2026-01-07")
    assert curriculum_loads == [], "check loaded the whole curriculum"


def test_a_damaged_cache_entry_is_a_miss(yaml_parses: list[int], roadmap_home: Path) -> None:
    expected = catalog.load_slug("advanced-ai")
    (entry,) = (paths.cache_dir() / "curricula").glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    assert catalog.load_slug("advanced-ai") == expected
    assert len(yaml_parses) == 2
    assert catalog.load_slug("advanced-ai") == expected
    assert len(yaml_parses) == 2, "the damaged entry was not replaced"


def test_an_unwritable_cache_only_costs_speed(yaml_parses: list[int], roadmap_home: Path) -> None:
    roadmap_home.mkdir(parents=True, exist_ok=True)
    (paths.cache_dir()).write_text("not a directory", encoding="utf-8")
    assert catalog.load_slug("advanced-ai").slug == "advanced-ai"
    assert catalog.load_slug("advanced-ai").slug == "advanced-ai"
    assert len(yaml_parses) == 2


def test_the_c_parser_and_the_pure_parser_read_every_curriculum_alike() -> None:
    from ruamel.yaml.cyaml import CSafeLoader  # the test extra installs it

    assert CSafeLoader is not None
    for path in sorted(bundled_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert catalog._parse_safe(text) == catalog._parse_pure(text), path.name


# Modules a command must not import on its everyday path, by command. (Typer's rich help
# imports rich.markdown, and with it markdown_it, for --help only.) Every name must name a
# module that exists (see banned): a ban on a name nothing has stops nothing. The YAML
# parsers are ruamel.yaml's, pure (ruamel.yaml) and C (_ruamel_yaml_clibz, of the extra
# "fast"); PyYAML's "yaml" is not installed, nothing can import it.
NOT_FOR_ANY_COMMAND = ("pydantic", "ruamel", "_ruamel_yaml_clibz", "icalendar")
NOT_FOR_HELP = (
    *NOT_FOR_ANY_COMMAND,
    "dateutil",
    "filelock",
    "platformdirs",
    "roadmap_tracker.curriculum.model",
    "roadmap_tracker.progress.store",
    "roadmap_tracker.commands.views",
)
# hashlib: an unchanged curriculum file's cache key comes from the cache's index (the
# fixture's files were written more than cache.RACY_SECONDS before the runs that count).
# rich._emoji_codes: emoji codes are off. json: the progress file's kept state and the
# cache's index are pickles; only --json output and new event lines need it. typer.main:
# a command is built without it (decision 70).
NOT_FOR_READS = (
    *NOT_FOR_ANY_COMMAND,
    "typer.main",
    "markdown_it",
    "filelock",
    "tempfile",
    "hashlib",
    "rich._emoji_codes",
    "json",
)
NOT_FOR_EXPORTS = (
    "pydantic",
    "ruamel",
    "_ruamel_yaml_clibz",
    "markdown_it",
    "filelock",
)
NOT_FOR_JSON_EXPORT = (*NOT_FOR_EXPORTS, "icalendar")
BANS = {
    "any command": NOT_FOR_ANY_COMMAND,
    "help": NOT_FOR_HELP,
    "reads": NOT_FOR_READS,
    "exports": NOT_FOR_EXPORTS,
    "json export": NOT_FOR_JSON_EXPORT,
}


def banned(names: tuple[str, ...]) -> tuple[str, ...]:
    """``names``, once every one of them is found to name a module that exists (ours or a
    library's). A guard calls this first: a ban on a module that was renamed, moved or is
    not installed would pass whatever a command imports.
    """
    missing = []
    for name in names:
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:  # a parent package of a dotted name does not exist
            found = False
        if not found:
            missing.append(name)
    assert not missing, f"banned modules that do not exist (renamed? not installed?): {missing}"
    return names


@pytest.mark.parametrize(
    "name", sorted({name for names in BANS.values() for name in names}), ids=str
)
def test_every_banned_module_exists(name: str) -> None:
    banned((name,))


def test_a_ban_on_a_module_that_does_not_exist_fails() -> None:
    for names in [
        ("json", "no_such_library"),
        ("roadmap_tracker.progress.no_such_module",),
        ("roadmap_tracker.no_such_package.store",),
    ]:
        with pytest.raises(AssertionError, match="do not exist"):
            banned(names)


_RUN_AND_LIST_MODULES = """
import sys
sys.argv = ["roadmap", *sys.argv[1:]]
from roadmap_tracker.cli.app import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def imported_by(home: Path, *args: str) -> set[str]:
    """The modules loaded by one ``roadmap ARGS`` process (with ROADMAP_HOME=home)."""
    env = {**os.environ, "ROADMAP_HOME": str(home), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST_MODULES, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    last = done.stderr.strip().splitlines()[-1]
    return set(last.split())


def offending(modules: set[str], banned: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == b or m.startswith(b + ".") for b in banned))


def test_help_imports_neither_the_core_nor_heavy_libraries(tmp_path: Path) -> None:
    bans = banned(NOT_FOR_HELP)
    assert offending(imported_by(tmp_path, "--help"), bans) == []


@pytest.mark.parametrize(
    "args", [("--help",), ("check", "--help"), ("check", "--bogus"), ("statsu",), ()], ids=repr
)
def test_help_and_usage_errors_load_no_rich_formatting(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Help and usage errors are click's plain text (decision 64): Typer's rich_utils, which
    imports rich's markdown and traceback (more than `status` costs), is never loaded."""
    heavy = ("typer.rich_utils", "rich.markdown", "rich.traceback")
    assert offending(imported_by(tmp_path, *args), heavy) == []


@pytest.fixture(scope="module")
def enrolled_record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``home/``: a data directory enrolled in complete-ai-engineer, with a few days of
    progress, and ``cache/``: the cache its roadmap processes filled. Made once per module;
    each test gets a copy (``enrolled_home``).
    """
    made = tmp_path_factory.mktemp("enrolled")
    env = {
        **os.environ,
        "ROADMAP_HOME": str(made / "home"),
        "ROADMAP_CACHE_DIR": str(made / "cache"),
    }
    roadmap = shutil.which("roadmap") or str(Path(sys.executable).parent / "roadmap")
    for args in (
        ["start", "complete-ai-engineer", "--on", "2026-01-05"],
        ["check", "p0-python/decorators", "--on", "2026-01-07"],
        ["log", "1.5", "--on", "2026-01-07", "--note", "Read the chapter."],
    ):
        subprocess.run([roadmap, *args], env=env, check=True, capture_output=True)
    return made


@pytest.fixture
def enrolled_home(enrolled_record: Path, tmp_path: Path) -> Path:
    """This test's copy of ``enrolled_record``'s data directory and cache (its cache
    directory is ``paths.cache_dir()``), whose cache has then been filled by a first run of
    ``status`` and of ``list``.
    """
    home = tmp_path / "home"
    shutil.copytree(enrolled_record / "home", home, symlinks=True)
    shutil.copytree(enrolled_record / "cache", paths.cache_dir(), symlinks=True, dirs_exist_ok=True)
    env = {**os.environ, "ROADMAP_HOME": str(home)}
    roadmap = shutil.which("roadmap") or str(Path(sys.executable).parent / "roadmap")
    # The state of a file modified a moment ago is not trusted (cache.RACY_SECONDS); the
    # learner's last change was an hour ago.
    progress = home / "progress.yaml"
    an_hour_ago = progress.stat().st_mtime - 3600
    os.utime(progress, (an_hour_ago, an_hour_ago))
    for args in (["status", "--week", "2026-01-07"], ["list"]):
        subprocess.run([roadmap, *args], env=env, check=True, capture_output=True)
    return home


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--week", "2026-01-07"),
        ("next", "--from", "2026-01-07"),
        ("list",),
        ("show",),
        ("stats", "--on", "2026-01-07"),
    ],
    ids=["status", "next", "list", "show", "stats"],
)
def test_read_commands_import_no_yaml_parser_no_pydantic_and_no_lock(
    enrolled_home: Path, args: tuple[str, ...]
) -> None:
    bans = banned(NOT_FOR_READS)
    assert offending(imported_by(enrolled_home, *args), bans) == []


_WHO_IMPORTS = """
import sys

WATCHED = ("dataclasses", "inspect")
importers = []


class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in WATCHED and name not in sys.modules:
            frame = sys._getframe(1)
            while frame is not None and frame.f_code.co_filename.startswith("<frozen"):
                frame = frame.f_back
            importers.append(f"{name}<-{frame.f_globals.get('__name__') if frame else '?'}")
        return None


sys.meta_path.insert(0, Watch())
sys.argv = ["roadmap", *sys.argv[1:]]
from roadmap_tracker.cli.app import main
try:
    main()
except SystemExit:
    pass
print(" ".join(importers), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--week", "2026-01-07"),
        ("next", "--from", "2026-01-07"),
        ("list",),
        ("check", "p0-python/functions-and-modules", "--on", "2026-01-07"),
        ("log", "1", "--on", "2026-01-07"),
    ],
    ids=["status", "next", "list", "check", "log"],
)
def test_our_hot_path_imports_neither_dataclasses_nor_inspect(
    enrolled_home: Path, args: tuple[str, ...]
) -> None:
    """dataclasses and inspect cost every start a share of the floor; the module that first
    imports either (Typer's click imports inspect: that one is not ours) is never one of
    roadmap's (issue 30)."""
    env = {**os.environ, "ROADMAP_HOME": str(enrolled_home), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _WHO_IMPORTS, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    importers = done.stderr.strip().splitlines()[-1].split()
    assert any(i.startswith("inspect<-") for i in importers), done.stderr  # the watch works
    assert [i for i in importers if "<-roadmap_tracker" in i] == []


def test_check_imports_no_yaml_parser_and_no_pydantic(enrolled_home: Path) -> None:
    bans = banned(NOT_FOR_ANY_COMMAND)
    modules = imported_by(enrolled_home, "check", "p0-python/functions-and-modules")
    assert "filelock" in modules  # it did write
    assert offending(modules, bans) == []


def test_tab_completion_of_a_task_id_lists_open_items(enrolled_home: Path) -> None:
    env = {
        **os.environ,
        "ROADMAP_HOME": str(enrolled_home),
        "_ROADMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": "roadmap check p0-python/d",
        "COMP_CWORD": "2",
    }
    roadmap = shutil.which("roadmap") or str(Path(sys.executable).parent / "roadmap")
    done = subprocess.run([roadmap], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == []  # decorators is the only item so named, and it is done
    env["COMP_WORDS"] = "roadmap check p0-python/f"
    done = subprocess.run([roadmap], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == [
        "p0-python/functions-and-modules",
        "p0-python/file-i-o-operations",
        "p0-python/file-organizer",
    ]


@pytest.mark.parametrize("export_format", ["json", "ics"])
def test_export_reads_the_cached_curriculum_and_imports_only_its_format(
    enrolled_home: Path, export_format: str
) -> None:
    bans = banned(NOT_FOR_JSON_EXPORT if export_format == "json" else NOT_FOR_EXPORTS)
    modules = imported_by(enrolled_home, "export", "--format", export_format, "--on", "2026-01-07")
    assert {"json": "json", "ics": "icalendar"}[export_format] in modules  # it did export
    assert offending(modules, bans) == []


PLAIN_COMMANDS = [
    ("status", "--week", "2026-01-07"),
    ("next", "--from", "2026-01-07"),
    ("list",),
    ("plan",),
    ("show",),
    ("show", "p0-python/decorators"),
    ("history",),
    ("stats", "--on", "2026-01-07"),
    ("journal", "--list"),
    ("check", "p0-python/functions-and-modules", "--on", "2026-01-07"),
    ("log", "1", "--on", "2026-01-07"),
    ("hours",),
    ("forecast", "--on", "2026-01-07"),
    ("find", "attention"),
    ("enrollments",),
    ("status", "--week", "2026-01-07", "--json"),
    ("next", "--from", "2026-01-07", "--json"),
    ("list", "--json"),
    ("plan", "--json"),
    ("history", "--json"),
]
COLOUR_VARIABLES = ("NO_COLOR", "CLICOLOR_FORCE", "FORCE_COLOR", "CLICOLOR", "TTY_COMPATIBLE")

_RUN_AND_REPORT = """
import sys
sys.argv = ["roadmap", *sys.argv[1:]]
from roadmap_tracker.cli.app import main
code = 0
try:
    main()
except SystemExit as exit:
    code = exit.code or 0
print(code, " ".join(sorted(sys.modules)), file=sys.stderr)
"""


def run_reporting(
    home: Path, args: tuple[str, ...], colour: dict[str, str]
) -> tuple[str, set[str]]:
    """One ``roadmap ARGS`` process (ROADMAP_HOME=home, its standard output a pipe) with no
    colour variable but ``colour``: what it printed, and the modules it loaded. Fails the
    test when the command failed or printed nothing.
    """
    env = {k: v for k, v in os.environ.items() if k not in COLOUR_VARIABLES}
    env.update({"ROADMAP_HOME": str(home), "COLUMNS": "80", **colour})
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_REPORT, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    code, _, modules = done.stderr.strip().splitlines()[-1].partition(" ")
    assert code == "0", done.stderr
    assert done.stdout.strip()
    return done.stdout, set(modules.split())


@pytest.mark.parametrize("colour", [{"NO_COLOR": "1"}, {}], ids=["NO_COLOR", "a pipe"])
@pytest.mark.parametrize("args", PLAIN_COMMANDS, ids=" ".join)
def test_plain_output_never_loads_rich(
    enrolled_home: Path, args: tuple[str, ...], colour: dict[str, str]
) -> None:
    """Without colour (NO_COLOR, or a pipe and no colour variable) the views are drawn by
    the plain console and rich is never imported (decision 66): it cost about a quarter of
    a read command's time."""
    output, modules = run_reporting(enrolled_home, args, colour)
    assert "\x1b[" not in output
    assert offending(modules, banned(("rich",))) == []


@pytest.mark.parametrize("args", PLAIN_COMMANDS[:6], ids=" ".join)
def test_forced_colour_is_drawn_by_rich(enrolled_home: Path, args: tuple[str, ...]) -> None:
    output, modules = run_reporting(enrolled_home, args, {"CLICOLOR_FORCE": "1"})
    assert "\x1b[" in output
    assert "rich.console" in modules


@pytest.mark.parametrize("export_format", ["json", "markdown"])
def test_an_export_keeps_what_it_writes_of_the_curriculum_and_shows_a_changed_file(
    curriculum_loads: list[str], roadmap_home: Path, run: Run, export_format: str
) -> None:
    # The export keeps the curriculum's part (descriptions, kinds...) beside the cached
    # curriculum: an unchanged file is not loaded again, a changed one shows its change.
    mine = _my_plan(roadmap_home, "My Program", age_seconds=3600)
    run("start", "my-plan", "--on", "2026-01-05")
    run("check", "m1/portfolio", "--on", "2026-01-09", "--no-link")
    export = ("export", "--format", export_format, "--on", "2026-02-01")
    first = run(*export).stdout
    assert "Replace CNN-based system with vision transformer" in first
    curriculum_loads.clear()
    assert run(*export).stdout == first
    assert curriculum_loads == [], "the export loaded a curriculum whose file had not changed"
    text = mine.read_text(encoding="utf-8")
    mine.write_text(text.replace("Replace CNN-based", "Swap a CNN-based"), encoding="utf-8")
    then = mine.stat().st_mtime - 1800
    os.utime(mine, (then, then))
    changed = run(*export).stdout
    assert "Swap a CNN-based system with vision transformer" in changed
    assert "Replace CNN-based" not in changed
    assert changed.replace("Swap a", "Replace") == first
