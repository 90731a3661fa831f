"""The installed ``roadmap`` executable, run as a learner would, on the real curriculum."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def executable() -> str:
    """The ``roadmap`` script installed next to this Python interpreter."""
    script = Path(sys.executable).parent / ("roadmap.exe" if os.name == "nt" else "roadmap")
    assert script.exists(), f"roadmap is not installed next to {sys.executable}"
    return str(script)


@pytest.fixture
def roadmap(roadmap_home: Path):  # type: ignore[no-untyped-def]
    env = {**os.environ, "ROADMAP_HOME": str(roadmap_home), "NO_COLOR": "1"}

    def run(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [executable(), *args], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == code, (args, done.stdout, done.stderr)
        return done

    return run


def test_start_check_status_next(roadmap, roadmap_home: Path) -> None:  # type: ignore[no-untyped-def]
    started = roadmap("start", "advanced-ai", "--on", "2026-01-05")
    assert "2027-02-14" in started.stdout
    roadmap("check", "Implement attention mechanism from scratch", "--on", "2026-01-07")

    status = json.loads(roadmap("status", "--week", "2026-01-07", "--json").stdout)
    assert status["done"] == 1
    assert status["completed_this_week"] == ["m1/attention-from-scratch"]

    upcoming = json.loads(roadmap("next", "--from", "2026-01-07", "--json").stdout)
    assert [task["module"] for task in upcoming["tasks"]] == ["m1"] * 5
    assert upcoming["milestones"][0]["date"] == "2026-03-01"

    human = roadmap("status", "--week", "2026-01-07").stdout
    assert "week 1 of 58" in human and "\x1b[" not in human
    assert (roadmap_home / "progress.yaml").exists()


def test_bad_input_exits_1_without_traceback(roadmap, roadmap_home: Path) -> None:  # type: ignore[no-untyped-def]
    roadmap("start", "advanced-ai", "--on", "2026-01-05")
    before = (roadmap_home / "progress.yaml").read_bytes()
    for args in (["check", "atention from scrach"], ["check", "vit-vs-cnn", "--on", "2026-13-01"]):
        failed = roadmap(*args, code=1)
        assert failed.stderr.startswith("Error: ")
        assert "Traceback" not in failed.stderr
    assert (roadmap_home / "progress.yaml").read_bytes() == before


def test_python_dash_m_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "roadmap_tracker", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.startswith("roadmap ")
