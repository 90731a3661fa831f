"""A curriculum edited after enrollment: renamed, moved, removed and added items."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run

BEFORE = """\
format: 1
slug: evolving
title: Evolving Plan
phases:
  - id: p1
    title: One
    modules:
      - id: m1
        title: First
        duration: 2 weeks
        tasks:
          - id: m1/read
            title: Read chapter one
          - id: m1/notes
            title: Take notes
          - id: m1/quiz
            title: Pass the quiz
      - id: m2
        title: Second
        duration: 1 week
        tasks:
          - id: m2/build
            title: Build the thing
"""

# m1/read renamed, m1/notes moved to m2, m1/quiz removed, m1/exercises added.
AFTER = """\
format: 1
slug: evolving
title: Evolving Plan
phases:
  - id: p1
    title: One
    modules:
      - id: m1
        title: First
        duration: 2 weeks
        tasks:
          - id: m1/read-chapter-one
            title: Read chapter one
            old_ids: [m1/read]
          - id: m1/exercises
            title: Do the exercises
      - id: m2
        title: Second
        duration: 1 week
        tasks:
          - id: m2/notes
            title: Take notes
            old_ids: [m1/notes]
          - id: m2/build
            title: Build the thing
"""

RENAMED, MOVED, REMOVED, ADDED = "m1/read-chapter-one", "m2/notes", "m1/quiz", "m1/exercises"
CHECKED_ON = "2026-01-07"
WEEK = "2026-01-08"


def as_json(result: Any) -> Any:
    return json.loads(result.stdout)


def flat(text: str) -> str:
    """Text with every run of whitespace made one space (the console wraps at 80 columns)."""
    return " ".join(text.split())


@pytest.fixture
def curriculum_file(roadmap_home: Path) -> Path:
    user_dir = roadmap_home / "curricula"
    user_dir.mkdir(parents=True)
    path = user_dir / "evolving.yaml"
    path.write_text(BEFORE, encoding="utf-8")
    return path


@pytest.fixture
def changed(run: Run, curriculum_file: Path) -> Run:
    """Enrolled in 'evolving', three of its four items done, then the curriculum edited."""
    run("start", "evolving", "--on", "2026-01-05")
    run("check", "m1/read", "m1/notes", "m1/quiz", "--on", CHECKED_ON)
    status = as_json(run("status", "--week", WEEK, "--json"))
    assert (status["done"], status["total"]) == (3, 4)
    doctor = as_json(run("doctor", "--json"))
    (finding,) = [f for f in doctor["findings"] if f["check"] == "curriculum evolving"]
    assert finding["level"] == "ok"
    assert "unchanged since you enrolled" in finding["message"]
    curriculum_file.write_text(AFTER, encoding="utf-8")
    return run


def test_tab_completion_offers_only_the_items_not_done_under_any_of_their_ids(
    changed: Run, curriculum_file: Path
) -> None:
    from roadmap_tracker.base import cache
    from roadmap_tracker.commands import curricula

    an_hour_ago = curriculum_file.stat().st_mtime - 3600
    os.utime(curriculum_file, (an_hour_ago, an_hour_ago))  # so that the cache keeps facts
    for _ in range(2):  # the second time from what the cache keeps for completion
        assert curricula.item_completions("m") == [
            (ADDED, "Do the exercises"),
            ("m2/build", "Build the thing"),
        ]
        assert curricula.item_completions("m2/n") == []
    assert list(cache.paths.cache_dir().glob("curricula/*.completion.pickle"))


def test_renamed_and_moved_items_stay_done(changed: Run) -> None:
    status = as_json(changed("status", "--week", WEEK, "--json"))
    assert (status["done"], status["total"]) == (2, 4)
    assert sorted(status["completed_this_week"]) == sorted([RENAMED, MOVED])
    modules = {m["id"]: (m["done"], m["total"]) for m in status["modules"]}
    assert modules == {"m1": (1, 2), "m2": (1, 2)}  # the moved item counts in m2 now
    show = changed("show").stdout
    assert f"✓ {RENAMED}" in show
    assert f"✓ {MOVED}" in show


def test_added_item_is_open_and_counted(changed: Run) -> None:
    upcoming = as_json(changed("next", "--from", WEEK, "--json"))
    ids = [task["id"] for task in upcoming["tasks"]]
    assert ADDED in ids
    assert not {RENAMED, MOVED, REMOVED} & set(ids)
    assert f"☐ {ADDED}" in changed("show").stdout
    changed("check", ADDED, "--on", WEEK)
    status = as_json(changed("status", "--week", WEEK, "--json"))
    assert (status["done"], status["total"]) == (3, 4)


def test_removed_item_is_not_counted_but_kept_in_the_record(
    changed: Run, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    status = as_json(changed("status", "--week", WEEK, "--json"))
    assert (status["done"], status["total"]) == (2, 4)
    assert REMOVED not in status["completed_this_week"]
    assert REMOVED not in changed("show").stdout
    changed("next", "--from", WEEK)
    history = as_json(changed("history", "--json"))
    assert any(REMOVED in change["items"] for change in history["changes"])
    assert REMOVED in changed("history").stdout
    assert progress_file.read_bytes() == before


def test_doctor_reports_the_removed_id_and_the_change_as_a_warning(
    changed: Run, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    out = flat(changed("doctor").stdout)  # exit 0: a warning, not a problem
    assert REMOVED in out
    assert "no longer in" in out
    assert "changed since you enrolled" in out
    view = as_json(changed("doctor", "--json"))
    assert view["healthy"] is True
    assert view["removed"] == [
        {"curriculum": "evolving", "id": REMOVED, "action": "check", "on": CHECKED_ON}
    ]
    (finding,) = [f for f in view["findings"] if f["check"] == "curriculum evolving"]
    assert finding["level"] == "warning"
    assert "m1/read is now m1/read-chapter-one" in finding["message"]
    assert "m1/notes is now m2/notes" in finding["message"]
    assert progress_file.read_bytes() == before


@pytest.mark.parametrize(("old", "new"), [("m1/read", RENAMED), ("m1/notes", MOVED)])
def test_checking_by_the_old_id_says_already_done(
    changed: Run, progress_file: Path, old: str, new: str
) -> None:
    before = progress_file.read_bytes()
    out = flat(changed("check", old, "--on", WEEK).stdout)
    assert f"{new} · already done on {CHECKED_ON}" in out
    result = as_json(changed("check", old, "--on", WEEK, "--json"))
    assert result["changed"] == []
    assert [item["id"] for item in result["unchanged"]] == [new]
    assert progress_file.read_bytes() == before


def test_a_removed_id_can_no_longer_be_checked(changed: Run, progress_file: Path) -> None:
    before = progress_file.read_bytes()
    result = changed("check", REMOVED, "--on", WEEK, code=1)
    assert result.stderr.startswith(f"Error: No item of evolving matches '{REMOVED}'")
    assert progress_file.read_bytes() == before


@pytest.mark.parametrize("ref", ["m1/read", RENAMED])
def test_unchecking_a_renamed_item_takes_its_check_back(changed: Run, ref: str) -> None:
    result = as_json(changed("check", ref, "--undo", "--on", WEEK, "--json"))
    assert [item["id"] for item in result["changed"]] == [RENAMED]
    assert result["done"] == 1
    status = as_json(changed("status", "--week", WEEK, "--json"))
    assert status["completed_this_week"] == [MOVED]
