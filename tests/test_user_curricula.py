"""The learner's own curricula: from a file, from the user directory, never hiding a bundled one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Run
from .test_validate import GOOD


def test_start_from_a_file_enrolls_and_tracks(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "my-plan.yaml"
    plan.write_text(GOOD.replace("slug: tiny", "slug: my-plan"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run("start", "./my-plan.yaml", "--on", "2026-01-05")
    monkeypatch.chdir(tmp_path.parent)  # later commands find the file from anywhere
    run("check", "Read chapter one", "--on", "2026-01-06")
    status = json.loads(run("status", "--week", "2026-01-07", "--json").stdout)
    assert (status["curriculum"], status["done"], status["total"]) == ("my-plan", 1, 3)
    assert status["end"] == "2026-01-25"  # 2 weeks + 1 week from Monday 2026-01-05
    upcoming = json.loads(run("next", "--from", "2026-01-07", "--json").stdout)
    assert [task["id"] for task in upcoming["tasks"]] == ["m1/write"]
    assert upcoming["blocked"][0]["id"] == "m2"


def test_user_directory_curricula_are_listed_as_yours(run: Run, roadmap_home: Path) -> None:
    user_dir = roadmap_home / "curricula"
    user_dir.mkdir(parents=True)
    (user_dir / "tiny.yaml").write_text(GOOD, encoding="utf-8")
    rows = {row["slug"]: row for row in json.loads(run("list", "--json").stdout)}
    assert rows["tiny"]["origin"] == "user"
    assert rows["advanced-ai"]["origin"] == "bundled"
    table = run("list").stdout
    assert "tiny (yours)" in table
    assert "advanced-ai (yours)" not in table
    run("start", "tiny", "--on", "2026-01-05")
    assert "Tiny Plan" in run("status", "--week", "2026-01-05").stdout


def test_user_file_with_a_bundled_slug_is_an_error_naming_both(
    run: Run, roadmap_home: Path, advanced_ai_text: str
) -> None:
    user_dir = roadmap_home / "curricula"
    user_dir.mkdir(parents=True)
    clash = user_dir / "advanced-ai.yaml"
    clash.write_text(advanced_ai_text, encoding="utf-8")
    for args in (["list"], ["start", "advanced-ai"], ["show", "advanced-ai"]):
        result = run(*args, code=1)
        assert str(clash) in result.stderr, args
        assert "curricula/advanced-ai.yaml" in result.stderr.replace(str(clash), ""), args
        assert "Rename your file" in result.stderr
    assert not (roadmap_home / "progress.yaml").exists()
