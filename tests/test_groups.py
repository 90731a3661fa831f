"""``roadmap group``: three learners' data directories and one bare group repository, all in
tmp_path (the approach of tests/test_sync.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .test_sync import Machines, git

pytestmark = pytest.mark.usefixtures("git_identity")


class Learners(Machines):
    """Data directories by name beside a bare group repository."""

    def __init__(self, root: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__(root, run, monkeypatch)
        self.remote = root / "study-group.git"

    def json(self, name: str, *args: str) -> dict[str, Any]:
        return dict(json.loads(self.on(name, *args, "--json").stdout))

    def published(self, member: str) -> str:
        return git(self.remote, "show", f"main:members/{member}/progress.yaml")


@pytest.fixture
def learners(tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> Learners:
    found = Learners(tmp_path / "learners", run, monkeypatch)
    found.root.mkdir()
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(found.remote)], check=True)
    return found


@pytest.fixture
def group(learners: Learners) -> Learners:
    """ada, bo and cy enrolled in advanced-ai from 2026-01-05 with different progress, each
    joined to the group (ada first, in the empty repository)."""
    for name in ("ada", "bo", "cy"):
        learners.on(name, "start", "advanced-ai", "--on", "2026-01-05")
    learners.on("ada", "check", "attention-from-scratch", "--on", "2026-01-06", "--note", "fun")
    learners.on("ada", "log", "2", "--on", "2026-01-06")
    learners.on("ada", "journal", "my secret thoughts", "--on", "2026-01-06")
    learners.on("ada", "note", "attention-from-scratch", "private remark", "--on", "2026-01-06")
    learners.on("bo", "log", "1.5", "--on", "2026-01-07")
    for name in ("ada", "bo", "cy"):
        learners.on(name, "group", "join", str(learners.remote), name)
    return learners


def rows(learners: Learners, name: str, day: str = "2026-01-07") -> dict[str, dict[str, Any]]:
    view = learners.json(name, "group", "status", "--on", day)
    return {member["name"]: member for member in view["members"]}


def test_three_members_join_and_each_sees_all_three(group: Learners) -> None:
    seen = [rows(group, name) for name in ("ada", "bo", "cy")]
    assert seen[0] == seen[1] == seen[2]
    assert sorted(seen[0]) == ["ada", "bo", "cy"]
    ada, bo, cy = seen[0]["ada"], seen[0]["bo"], seen[0]["cy"]
    assert ada["curriculum"] == bo["curriculum"] == "advanced-ai"
    assert (ada["done"], bo["done"], cy["done"]) == (1, 0, 0)
    assert (ada["hours_this_week"], bo["hours_this_week"], cy["hours_this_week"]) == (2, 1.5, 0)
    assert (ada["streak"], bo["streak"], cy["streak"]) == (1, 1, 0)
    assert ada["week"] == 1 and ada["problem"] is None
    # The numbers are those of each learner's own status.
    own = group.json("ada", "status", "--week", "2026-01-07")
    assert (ada["percent"], ada["days_ahead"], ada["weeks_total"]) == (
        own["percent"],
        own["days_ahead"],
        own["weeks_total"],
    )
    table = group.on("bo", "group", "status", "--on", "2026-01-07").stdout
    assert "ada" in table and "cy" in table and "advanced-ai" in table


def test_journal_notes_and_evidence_are_not_published(group: Learners) -> None:
    published = group.published("ada")
    assert "secret" not in published and "private remark" not in published
    assert '"fun"' not in published and '"journal"' not in published
    assert '"action": "check"' in published
    # With --with-notes they are.
    result = group.json("ada", "group", "publish", "--with-notes")
    assert result["committed"] is True and result["left_out"] == 0
    assert "my secret thoughts" in group.published("ada")


def test_status_after_another_member_publishes(group: Learners) -> None:
    group.on("cy", "check", "attention-from-scratch", "--on", "2026-01-07")
    assert rows(group, "ada")["cy"]["done"] == 0  # not published yet
    published = group.json("cy", "group", "publish")
    assert published["committed"] is True and published["pushed"] is True
    assert rows(group, "ada")["cy"]["done"] == 1
    again = group.json("cy", "group", "publish")
    assert (again["committed"], again["pushed"]) == (False, False)


def test_the_group_stays_out_of_the_learners_own_sync(group: Learners, tmp_path: Path) -> None:
    group.on("ada", "sync", "--init", str(tmp_path / "own.git"))
    tracked = git(group.home("ada"), "ls-files").split()
    assert not any(name.startswith("groups/") for name in tracked)
    assert "groups/" in (group.home("ada") / ".gitignore").read_text(encoding="utf-8")


def test_errors_are_one_sentence(learners: Learners, tmp_path: Path) -> None:
    learners.on("ada", "start", "advanced-ai", "--on", "2026-01-05")
    assert "You have joined no study group." in learners.on("ada", "group", "status", code=1).stderr
    assert (
        "is not a plain member name"
        in learners.on("ada", "group", "join", str(learners.remote), "../evil", code=1).stderr
    )
    nowhere = (tmp_path / "nowhere.git").as_uri()
    missing = learners.on("ada", "group", "join", nowhere, "ada", code=1)
    assert "Cannot reach the remote" in missing.stderr
    assert "run roadmap group join again" in " ".join(missing.stderr.split())
    assert not (learners.home("ada") / "groups" / "nowhere").exists()
    assert "is not a group action" in learners.on("ada", "group", "leave", code=1).stderr
    assert "takes 2 arguments" in learners.on("ada", "group", "join", "x", code=1).stderr
    learners.on("ada", "group", "join", str(learners.remote), "ada")
    other = learners.on("ada", "group", "join", str(tmp_path / "other.git"), "ada", code=1)
    assert "already (one group at a time)" in other.stderr


def test_an_undone_journal_entry_and_a_review_leave_a_record_that_reads(
    learners: Learners,
) -> None:
    learners.on("ada", "start", "advanced-ai", "--on", "2026-01-05")
    learners.on("ada", "journal", "a bad day", "--on", "2026-01-06")
    learners.on("ada", "undo")
    learners.on("ada", "check", "attention-from-scratch", "--on", "2026-01-07", "--note", "ok")
    learners.on("ada", "note", "attention-from-scratch", "kept to myself", "--on", "2026-01-07")
    learners.on("ada", "undo")
    learners.on("ada", "review", "--on", "2026-01-12", "--answer", "worked=reading papers")
    assert "reading papers" in (learners.home("ada") / "progress.yaml").read_text("utf-8")
    result = learners.json("ada", "group", "join", str(learners.remote), "ada")
    assert result["left_out"] == 5  # two entries and their undos, a review
    published = learners.published("ada")
    assert "bad day" not in published and "kept to myself" not in published
    assert "reading papers" not in published
    assert '"undo"' not in published
    row = rows(learners, "ada")["ada"]
    assert row["problem"] is None and row["done"] == 1


def test_a_member_whose_curriculum_is_a_path_elsewhere_gets_a_problem(group: Learners) -> None:
    # A record edited by hand in cy's clone (as a hostile member could push it).
    folder = group.home("cy") / "groups" / "study-group" / "members" / "bo"
    record = folder / "progress.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace('"curriculum": "advanced-ai"', '"curriculum": "../../secret"'),
        encoding="utf-8",
    )
    git(folder.parent.parent, "commit", "-qam", "bo's record, edited")
    row = rows(group, "cy")["bo"]
    assert row["curriculum"] is None
    assert row["problem"] == "their curriculum '../../secret' is not published"
