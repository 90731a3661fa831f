"""What the install gives a learner: the two command names and the README's install commands
(decision 62), and typer's pin (decision 61: tests/typer_pin_check.py, run by .ci/run against
the newest typer, says when a release makes the pin needless)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import distribution, version
from pathlib import Path

from roadmap_tracker import __version__

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_both_command_names_are_declared_and_installed() -> None:
    # `roadmap` is also installed by other PyPI packages; pipx keeps theirs and uv refuses,
    # so the same program is installed as `roadmap-tracker` too
    entry = "roadmap_tracker.cli.app:main"
    assert PROJECT["scripts"] == {"roadmap": entry, "roadmap-tracker": entry}
    installed = {
        point.name: point.value
        for point in distribution("roadmap-tracker").entry_points
        if point.group == "console_scripts"
    }
    assert installed == {"roadmap": entry, "roadmap-tracker": entry}


def test_roadmap_tracker_runs_and_names_itself(roadmap_home: Path) -> None:
    name = "roadmap-tracker.exe" if os.name == "nt" else "roadmap-tracker"
    script = Path(sys.executable).parent / name
    assert script.exists(), f"roadmap-tracker is not installed next to {sys.executable}"
    env = {**os.environ, "ROADMAP_HOME": str(roadmap_home), "NO_COLOR": "1", "COLUMNS": "80"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), *args], env=env, capture_output=True, text=True, timeout=60
        )

    version = run("--version")
    assert (version.returncode, version.stdout) == (0, f"roadmap {__version__}\n")
    # help and usage errors name the program as it was typed (Click's program name)
    assert "Usage: roadmap-tracker [OPTIONS] COMMAND [ARGS]..." in run("--help").stdout
    wrong = run("status", "--no-such-option")
    assert wrong.returncode == 2
    assert "Try 'roadmap-tracker status -h' for help." in wrong.stderr


def test_the_readme_installs_with_pip_pipx_and_uv_before_the_tour() -> None:
    opening = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ")[0]
    commands = re.findall(r"```sh\n(.*?)\n```", opening, re.DOTALL)
    # the first two: install and enroll, install and test (.ci/run and the transcripts run them)
    assert commands[:2] == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/roadmap start advanced-ai",
        'python3 -m venv .venv && .venv/bin/pip install ".[dev]" && .venv/bin/pytest',
    ]
    # then the tools' own installs, from the clone, running the name no other package has
    assert commands[2:] == [
        "pipx install . && roadmap-tracker start advanced-ai",
        "uv tool install . && roadmap-tracker start advanced-ai",
    ]
    assert "roadmap-tracker" in PROJECT["scripts"]


# Typer is pinned below 0.29 (decision 61): 0.29 coerces every option through a pydantic
# TypeAdapter, which imports pydantic in each command that has a non-boolean option. The
# probe runs a one-option Typer app in a new interpreter and says whether pydantic came in.
_PROBE = """
import sys, typer
app = typer.Typer()
@app.command()
def main(count: int = 1) -> None:
    pass
try:
    app(["--count", "2"])
except SystemExit:
    pass
print("pydantic" in sys.modules)
"""


def typer_imports_pydantic() -> bool:
    """Whether the installed typer imports pydantic to parse an ``int`` option."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.strip() == "True"


def typer_pin() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The floor and the ceiling of typer in pyproject.toml, as version tuples."""
    (requirement,) = [r for r in PROJECT["dependencies"] if r.startswith("typer")]
    found = re.fullmatch(r"typer>=([\d.]+),<([\d.]+)", requirement)
    assert found, f"typer's requirement {requirement!r} is not '>=FLOOR,<CEILING'"
    floor, ceiling = (tuple(int(part) for part in v.split(".")) for v in found.groups())
    return floor, ceiling


def installed_typer() -> tuple[int, ...]:
    """The installed typer's version as a tuple of its leading numbers."""
    return tuple(int(part) for part in re.findall(r"\d+", version("typer"))[:3])


def test_the_pinned_typer_parses_options_without_pydantic() -> None:
    floor, ceiling = typer_pin()
    assert floor <= installed_typer() < ceiling
    assert not typer_imports_pydantic()


def test_ci_installs_every_direct_dependency_at_its_floor() -> None:
    # .ci/run installs these constraints in a second venv and runs the suite against them
    done = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "floors.py"), "constraints"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    pins = dict(line.split("==") for line in done.stdout.split())
    assert pins["rich"] == "14.3.4"  # 14.2 cut plan's Done column; 14.3.0-3 load emoji codes
    assert pins["markdown-it-py"] == "4"  # 3.0.0 failed the checklist round trip
    assert pins["pydantic"] == "2.13"  # below it, the JSON Schema lost descriptions
    assert pins["questionary"] == "2.1.1"  # 2.1.0's picker crashed on prompt_toolkit 3.0.53
    assert pins["ruamel.yaml"] == "0.18.6"  # below it, a block-style record read differently
    assert len(pins) == len(PROJECT["dependencies"])
