"""Test isolation: every test gets its own ROADMAP_HOME, a fixed clock and no colour."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from typer.testing import CliRunner

from roadmap_tracker.cli import terminal
from roadmap_tracker.cli.app import app
from roadmap_tracker.curriculum.catalog import bundled_dir
from roadmap_tracker.progress import reading

# A fixed "now" for every test: the clock never comes from the real machine.
FROZEN_NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)
SEED_DIR = Path(__file__).parent / "data"
SEED_002 = SEED_DIR / "002_33fb9b9629797a7d.txt"


def seed_text(number: str) -> str:
    """The text of a repaired seed roadmap ("000" to "004"), as in shared/seeds/repaired."""
    (path,) = SEED_DIR.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True, scope="session")
def isolated_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point ROADMAP_HOME, the cache and HOME at a temporary directory for the whole session,
    so that module-scoped fixtures (a curriculum loaded once per module) never touch the
    real home directory or its cache either; :func:`isolated` narrows this per test.
    """
    root = tmp_path_factory.mktemp("session")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROADMAP_HOME", str(root / "roadmap-home"))
        patch.setenv("ROADMAP_CACHE_DIR", str(root / "cache"))
        patch.setenv("XDG_CACHE_HOME", str(root / "user-home" / ".cache"))
        patch.setenv("HOME", str(root / "user-home"))
        yield root


@pytest.fixture(autouse=True)
def one_of_its_group_at_a_time(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Under pytest-xdist, a test marked ``xdist_group(NAME)`` holds a lock of this run named
    after its group while it runs, so no two tests of a group ever run at the same time, on
    whichever workers they are. (--dist loadgroup is meant to send a group to one worker, but
    with pytest 9.2 the mark no longer reaches its scheduler: pytest-xdist issue 1386.)
    """
    groups = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in request.node.iter_markers("xdist_group")
    }
    if not groups or "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    from filelock import FileLock

    run = tmp_path_factory.getbasetemp().parent  # this run's, shared by its workers only
    with contextlib.ExitStack() as locks:
        for group in sorted(groups):
            locks.enter_context(FileLock(str(run / f"xdist-group-{group}.lock")))
        yield


@pytest.fixture(autouse=True, scope="session")
def click_command_made_once() -> Iterator[None]:
    """Typer's CliRunner makes the click command of the Typer app again on every invoke, from
    every command's signature and type hints: most of the time of an in-process command. Make
    it once per app instead (and per setting of the variable that the --install-completion
    option is made from); the command is the same, and keeps no state between invocations.
    """
    import typer.testing

    real = typer.testing._get_command
    made: dict[tuple[int, str | None], tuple[Any, Any]] = {}

    def get_command(typer_app: Any) -> Any:
        detection = os.environ.get("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION")
        key = (id(typer_app), detection)
        if key not in made:
            made[key] = (typer_app, real(typer_app))  # the app is kept: its id stays its own
        return made[key][1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", get_command)
        yield


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point ROADMAP_HOME, the cache (ROADMAP_CACHE_DIR) and HOME at temporary directories
    and freeze the clock.
    """
    home = tmp_path / "roadmap-home"
    monkeypatch.setenv("ROADMAP_HOME", str(home))
    monkeypatch.setenv("ROADMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-home" / ".cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "user-home"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(Path, "home", lambda: tmp_path / "user-home")
    terminal.console.cache_clear()  # a test may set its own COLUMNS
    with time_machine.travel(FROZEN_NOW, tick=False):
        yield home
    terminal.console.cache_clear()


@pytest.fixture
def roadmap_home(isolated: Path) -> Path:
    """The ROADMAP_HOME directory of this test."""
    return isolated


@pytest.fixture
def cache_dir(isolated: Path) -> Path:
    """The cache directory of this test (ROADMAP_CACHE_DIR, beside ROADMAP_HOME)."""
    return isolated.parent / "cache"


@pytest.fixture
def progress_file(roadmap_home: Path) -> Path:
    """Where this test's progress file lives."""
    return roadmap_home / "progress.yaml"


@pytest.fixture
def advanced_ai_text() -> str:
    """The text of the bundled advanced-ai curriculum."""
    return (bundled_dir() / "advanced-ai.yaml").read_text(encoding="utf-8")


class Run:
    """Run ``roadmap`` in-process through Typer's CliRunner (real tracebacks surface)."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0) -> object:
        result = self.runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (
            f"roadmap {' '.join(args)} exited {result.exit_code}, expected {code}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )
        return result


@pytest.fixture
def run() -> Run:
    """Invoke the CLI: ``run("status", "--json")``; asserts the exit code."""
    return Run()


@pytest.fixture
def enrolled(run: Run) -> Run:
    """A learner enrolled in advanced-ai from Monday 2026-01-05."""
    run("start", "advanced-ai", "--on", "2026-01-05")
    return run


@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Count the reads of the whole progress file (one entry per read), whether at once
    (``reading.load``) or line by line (``reading._stream``).
    """
    reads: list[Path] = []
    real_load = reading.load
    real_stream = reading._stream

    def counting_load(path: Path | None = None) -> Any:
        reads.append(path or Path())
        return real_load(path)

    def counting_stream(path: Path, *args: Any, **kwargs: Any) -> Any:
        reads.append(path)
        return real_stream(path, *args, **kwargs)

    monkeypatch.setattr(reading, "load", counting_load)
    monkeypatch.setattr(reading, "_stream", counting_stream)
    return reads


@pytest.fixture
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """A git identity for commits, no system or global git configuration, and git's lock
    files taken for stale after 0.3 s (roadmap sync, study groups)."""
    from roadmap_tracker.commands import syncing

    for key, value in {
        "GIT_AUTHOR_NAME": "Learner",
        "GIT_AUTHOR_EMAIL": "learner@example.invalid",
        "GIT_COMMITTER_NAME": "Learner",
        "GIT_COMMITTER_EMAIL": "learner@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(syncing, "STALE_GIT_LOCK_SECONDS", 0.3)
