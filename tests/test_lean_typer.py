"""Typer without typer.main (cli/lean.py, decision 70): every command is built by the lean
builder into what Typer's own build makes of it, a command line runs on the lean group as it
runs on Typer's app, and the lines the lean group takes load neither ``typer.main`` nor any
command but theirs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
from typer.main import get_command_from_info

from roadmap_tracker.cli import app as app_module
from roadmap_tracker.cli import lean
from roadmap_tracker.cli.app import COMMANDS, lean_group, lean_line, typer_app
from roadmap_tracker.cli.lazy import LazyCommands

from .command_builds import run

ROADMAP = shutil.which("roadmap") or str(Path(sys.executable).parent / "roadmap")

_PARAM_FIELDS = (
    "name",
    "opts",
    "secondary_opts",
    "required",
    "default",
    "multiple",
    "nargs",
    "metavar",
    "is_eager",
    "expose_value",
    "envvar",
    "hidden",
    "help",
    "is_flag",
    "flag_value",
    "count",
    "show_default",
    "prompt",
    "param_type_name",
)


def described(param: Any) -> dict[str, Any]:
    """What decides how a click parameter parses, shows and completes."""
    fields = {name: getattr(param, name, None) for name in _PARAM_FIELDS}
    fields["class"] = type(param).__name__
    fields["type"] = (type(param.type).__name__, getattr(param.type, "__dict__", None))
    fields["callback"] = getattr(param.callback, "__wrapped__", None)
    completion = getattr(param, "_custom_shell_complete", None)
    fields["completion"] = getattr(completion, "__wrapped__", None)
    return fields


def typer_build(name: str, callback: Any) -> Any:
    declared = typer.Typer()
    declared.command(name)(callback)
    (info,) = declared.registered_commands
    return get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)


def callback_of(name: str) -> Any:
    return LazyCommands(COMMANDS, lambda *_: None)._callback(name)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_is_built_lean_as_typer_builds_it(name: str) -> None:
    callback = callback_of(name)
    mine = lean.build_command(name, callback, rich_markup_mode=None)  # raises if unsupported
    theirs = typer_build(name, callback)
    assert type(mine) is type(theirs)
    assert (mine.name, mine.help, mine.short_help) == (theirs.name, theirs.help, theirs.short_help)
    assert [described(p) for p in mine.params] == [described(p) for p in theirs.params]


SEEN: list[Any] = []


def links_command(links: Annotated[list[str] | None, typer.Option("--link")] = None) -> None:
    """Links."""
    SEEN.append(links)


def ranged_command(count: Annotated[int, typer.Option(min=1)] = 1) -> None:
    """Count."""


def test_a_list_option_left_out_is_none_and_given_is_a_list() -> None:
    """Typer's convertor of a list parameter, which a lean build keeps: ``--link`` never
    given is None (not an empty tuple), given twice is a list."""
    SEEN.clear()
    built = lean.build_command("x", links_command)
    built.main([], standalone_mode=False)
    built.main(["--link", "a", "--link", "b"], standalone_mode=False)
    assert SEEN == [None, ["a", "b"]]


def test_an_unusual_declaration_is_left_to_typer() -> None:
    with pytest.raises(lean.Unsupported, match="min"):
        lean.build_command("x", ranged_command)


def test_the_lean_group_is_typer_s_group_without_the_completion_installers() -> None:
    from typer.main import get_command

    full = get_command(typer_app())
    mine = lean_group()
    assert type(mine) is type(full)
    installers = {"install_completion", "show_completion"}
    assert [described(p) for p in mine.params] == [
        described(p) for p in full.params if p.name not in installers
    ]
    for field in ("name", "help", "no_args_is_help", "context_settings", "rich_markup_mode"):
        assert getattr(mine, field) == getattr(full, field), field


@pytest.mark.parametrize(
    ("args", "environ", "lean_one"),
    [
        (["status", "--week", "2026-01-07"], {}, True),
        (["--version"], {}, True),
        (["check", "m1/x", "--bogus"], {}, True),  # a usage error of a command: click's own
        ([], {}, False),  # the top-level help
        (["status", "--help"], {}, False),
        (["check", "-h"], {}, False),
        (["--help"], {}, False),
        (["--install-completion"], {}, False),
        (["statsu"], {}, False),  # an unknown command: Typer's app suggests
        (["--plan", "x", "status"], {}, False),
        (
            [],
            {
                "_ROADMAP_COMPLETE": "complete_bash",
                "COMP_WORDS": "roadmap check p0-",
                "COMP_CWORD": "2",
            },
            True,
        ),
        (
            [],
            {"_ROADMAP_COMPLETE": "complete_bash", "COMP_WORDS": "roadmap che", "COMP_CWORD": "1"},
            False,
        ),
        ([], {"_ROADMAP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "roadmap check "}, True),
        ([], {"_ROADMAP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "roadmap che"}, False),
        (
            [],
            {
                "_ROADMAP_TRACKER_COMPLETE": "complete_fish",
                "_TYPER_COMPLETE_ARGS": "roadmap-tracker status --",
            },
            True,
        ),
    ],
)
def test_which_lines_run_on_the_lean_group(
    args: list[str], environ: dict[str, str], lean_one: bool
) -> None:
    assert lean_line(args, environ) is lean_one


@pytest.fixture(scope="module")
def enrolled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("lean") / "home"
    env = {**os.environ, "ROADMAP_HOME": str(home)}
    subprocess.run(
        [ROADMAP, "start", "advanced-ai", "--on", "2026-01-05"],
        env=env,
        check=True,
        capture_output=True,
    )
    return home


def test_a_command_runs_without_typer_main_and_builds_itself_alone(enrolled: Path) -> None:
    code, built, loaded, _, out = run(enrolled, "status", "--week", "2026-01-07")
    assert (code, built, loaded) == (0, ["status"], False)
    assert "Advanced AI" in out


def test_version_builds_no_command_and_loads_no_command_module(enrolled: Path) -> None:
    from roadmap_tracker import __version__

    code, built, loaded, modules, out = run(enrolled, "--version")
    assert (code, built, loaded, out) == (0, [], False, f"roadmap {__version__}\n")
    families = {"tracking", "overview", "curricula", "safekeeping", "files", "journal"}
    assert not {module.rsplit(".", 1)[-1] for module in modules} & families


def _completing(words: str) -> dict[str, str]:
    """The environment bash's completion gives roadmap for the last of ``words``."""
    return {
        "_ROADMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }


def test_completing_a_command_s_argument_builds_that_command_alone(enrolled: Path) -> None:
    code, built, loaded, _, out = run(enrolled, **_completing("roadmap check m1/"))
    assert (code, built, loaded) == (0, ["check"], False)
    assert "m1/" in out


def test_completing_a_command_s_name_builds_no_command(enrolled: Path) -> None:
    code, built, _, _, out = run(enrolled, **_completing("roadmap st"))
    assert (code, built) == (0, [])
    assert out.split() == ["start", "status", "stats", "stop"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("status", "--bogus"), 2),  # the shape of the line: click's usage error
        (("next", "-n", "abc"), 1),  # a bad value (decision 60)
        (("next", "-n", "0"), 1),
        (("log",), 2),  # a missing argument
        (("check", "no/such-item"), 1),  # a reference that names nothing
        (("log", "lots"), 1),  # hours that are not hours
        (("status", "--week", "someday"), 1),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else str(value),
)
def test_a_lean_line_fails_as_typer_s_app_fails(
    enrolled: Path, args: tuple[str, ...], code: int
) -> None:
    """A bad line fails on the lean group exactly as on Typer's app: the same exit code (1
    for a bad value, 2 for the shape of the line), the same words, and the progress file
    untouched."""
    env = {**os.environ, "ROADMAP_HOME": str(enrolled), "NO_COLOR": "1"}
    before = (enrolled / "progress.yaml").read_bytes()
    lean_run = subprocess.run(
        [ROADMAP, *args], capture_output=True, text=True, env=env, check=False
    )
    full = subprocess.run(
        [sys.executable, "-c", _VIA_TYPER_APP, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert lean_run.returncode == full.returncode == code
    assert lean_run.stderr == full.stderr
    assert "Traceback" not in lean_run.stderr
    assert lean_run.stdout == full.stdout
    assert (enrolled / "progress.yaml").read_bytes() == before


_VIA_TYPER_APP = """
import sys
from roadmap_tracker.cli import app

app.lean_line = lambda args, environ: False  # every line on Typer's app
sys.argv = ["roadmap", *sys.argv[1:]]
app.main()
"""


def test_the_app_module_still_gives_typer_s_app() -> None:
    assert isinstance(app_module.app, typer.Typer)
    assert app_module.app is typer_app()
