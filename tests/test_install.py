"""What the install gives a learner: the two command names (decision 62) and the declared
dependency floors that CI installs (decision 61, ``.ci/floors.py``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import distribution
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
