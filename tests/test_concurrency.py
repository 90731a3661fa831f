"""Several roadmap processes at once never lose a change, and files stay private."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_tracker.curriculum.catalog import load_slug

from .conftest import Run

PROCESSES = 20
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.xdist_group("processes")  # 20 processes at once: one such crowd at a time
def test_twenty_concurrent_checks_are_all_recorded(run: Run, roadmap_home: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    items = [item.id for item in load_slug("advanced-ai").items[:PROCESSES]]
    environment = {**os.environ, "ROADMAP_HOME": str(roadmap_home)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "roadmap_tracker", "check", item, "--on", "2026-01-06"],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for item in items
    ]
    results = [process.communicate(timeout=120) for process in processes]
    failures = [
        err for process, (_, err) in zip(processes, results, strict=True) if process.returncode
    ]
    assert not failures, failures[:3]
    status = json.loads(run("status", "--week", "2026-01-07", "--json").stdout)
    assert status["done"] == PROCESSES
    assert sorted(status["completed_this_week"]) == sorted(items)


def test_progress_file_and_backups_are_private(
    run: Run, progress_file: Path, roadmap_home: Path
) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    old = roadmap_home / "backups" / "progress-20260201T090000-01-mine.yaml"
    old.parent.mkdir()
    old.write_bytes((FIXTURES / "progress-v1.yaml").read_bytes())
    run("restore", old.name)  # keeps the current file in backups/
    run("check", "p0-python/control-flow-if-else-loops")  # migrates it, keeping another
    backups = [b for b in (roadmap_home / "backups").glob("progress-*.yaml") if b != old]
    assert len(backups) == 2
    for path in [progress_file, progress_file.with_name("progress.yaml.lock"), *backups]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
