"""A learner's own curricula travel with the record (issue 26, decision 48): a curriculum file
from outside the data directory is copied into its ``curricula/`` and enrolled in by slug, so
the data directory (``progress.yaml`` and ``curricula/``, as git or a sync brings them) works
on another machine; an enrollment an older version recorded with an absolute ``path`` keeps
working here and follows the copy there; and nothing in the data directory is ever unpickled.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run
from .test_validate import GOOD

ML = GOOD.replace("slug: tiny", "slug: ml-path").replace("Tiny Plan", "ML Path")
"""A learner's curriculum whose file name (ml.yaml) is not its slug (ml-path)."""


def as_json(result: object) -> Any:
    return json.loads(result.stdout)  # type: ignore[attr-defined]


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    """``~/Downloads/ml.yaml``: a curriculum file outside the data directory."""
    folder = tmp_path / "user-home" / "Downloads"
    folder.mkdir(parents=True)
    path = folder / "ml.yaml"
    path.write_text(ML, encoding="utf-8")
    return path


def start_events(progress_file: Path) -> list[dict[str, Any]]:
    """The ``start`` events of the progress file, as written (one JSON object a line)."""
    lines = progress_file.read_text(encoding="utf-8").splitlines()
    events = [json.loads(line[2:]) for line in lines if line.startswith("- {")]
    return [event for event in events if event["action"] == "start"]


def other_machine(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str = "machine-b"
) -> Path:
    """A second data directory holding a copy of ``home``'s ``progress.yaml`` and
    ``curricula/`` (what git brings to another machine), with its own empty cache; the
    environment now points at it. Returns its data directory.
    """
    other = tmp_path / name / "roadmap"
    other.mkdir(parents=True)
    shutil.copy2(home / "progress.yaml", other / "progress.yaml")
    if (home / "curricula").is_dir():
        shutil.copytree(home / "curricula", other / "curricula")
    monkeypatch.setenv("ROADMAP_HOME", str(other))
    monkeypatch.setenv("ROADMAP_CACHE_DIR", str(tmp_path / name / "cache"))
    return other


def test_start_from_a_file_elsewhere_copies_it_and_records_no_path(
    run: Run, downloads: Path, roadmap_home: Path, progress_file: Path
) -> None:
    result = run("start", str(downloads), "--on", "2026-01-05")
    assert (
        "Copied ~/Downloads/ml.yaml to your curricula as ml-path; edit that copy from now on."
        in result.stdout.replace("\n", " ")
    )
    copy = roadmap_home / "curricula" / "ml-path.yaml"
    assert copy.read_bytes() == downloads.read_bytes()
    text = progress_file.read_text(encoding="utf-8")
    assert '"path"' not in text and str(downloads) not in text
    (event,) = start_events(progress_file)
    assert event["curriculum"] == "ml-path"
    # The copy is what the enrollment follows: the file in Downloads can go.
    downloads.unlink()
    run("check", "Read chapter one", "--on", "2026-01-06")
    status = as_json(run("status", "--week", "2026-01-07", "--json"))
    assert (status["curriculum"], status["done"], status["total"]) == ("ml-path", 1, 3)
    assert "ml-path (yours, enrolled)" in run("list").stdout


def test_the_start_json_names_the_file_and_its_copy(
    run: Run, downloads: Path, roadmap_home: Path
) -> None:
    view = as_json(run("start", str(downloads), "--on", "2026-01-05", "--json"))
    assert view["copied_from"] == str(downloads)
    assert view["copied_to"] == str(roadmap_home / "curricula" / "ml-path.yaml")
    bundled = as_json(run("start", "advanced-ai", "--on", "2026-01-05", "--json"))
    assert bundled["copied_from"] is None and bundled["copied_to"] is None


def test_another_machine_with_the_data_directory_runs_status(
    run: Run,
    downloads: Path,
    roadmap_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run("start", str(downloads), "--on", "2026-01-05")
    run("check", "Read chapter one", "--on", "2026-01-06")
    here = run("status", "--week", "2026-01-07").stdout
    downloads.unlink()  # not on the other machine
    other_machine(roadmap_home, tmp_path, monkeypatch)
    there = run("status", "--week", "2026-01-07")
    assert there.stdout == here
    assert "ML Path" in there.stdout
    run("check", "Write a summary", "--on", "2026-01-07")
    assert as_json(run("status", "--week", "2026-01-07", "--json"))["done"] == 2
    doctor = as_json(run("doctor", "--json"))
    (finding,) = [f for f in doctor["findings"] if f["check"] == "curriculum ml-path"]
    assert finding["level"] == "ok"


def test_the_same_file_again_is_not_a_clash(
    run: Run, downloads: Path, roadmap_home: Path, progress_file: Path
) -> None:
    run("start", str(downloads), "--on", "2026-01-05")
    before = progress_file.read_bytes()
    again = run("start", str(downloads), code=1)
    assert "already enrolled in ml-path" in again.stderr
    assert "roadmap start ml-path --restart" in again.stderr.replace("\n", " ")
    assert progress_file.read_bytes() == before
    run("start", str(downloads), "--on", "2026-01-05", "--restart")
    assert len(start_events(progress_file)) == 2


def test_a_different_file_of_that_slug_is_refused_unless_forced(
    run: Run, downloads: Path, roadmap_home: Path, progress_file: Path
) -> None:
    curricula = roadmap_home / "curricula"
    curricula.mkdir(parents=True)
    theirs = curricula / "ml-path.yaml"
    theirs.write_text(ML.replace("Read chapter one", "Read chapter zero"), encoding="utf-8")
    kept = theirs.read_bytes()
    refused = run("start", str(downloads), "--on", "2026-01-05", code=1)
    assert refused.stderr.startswith(
        "Error: Your curricula hold a different ml-path.yaml with the slug 'ml-path'; "
        "nothing was written."
    )
    assert "--force" in refused.stderr
    assert theirs.read_bytes() == kept and not progress_file.exists()
    run("start", str(downloads), "--on", "2026-01-05", "--force")
    assert theirs.read_bytes() == downloads.read_bytes()
    assert "Read chapter one" in run("next", "--from", "2026-01-05").stdout


def test_a_forced_copy_is_taken_back_when_enrolling_fails(
    run: Run, downloads: Path, roadmap_home: Path, progress_file: Path
) -> None:
    """Already enrolled in ml-path (by slug), --force would replace its curriculum: the start
    is refused, and the curriculum the enrollment follows stays as it was.
    """
    curricula = roadmap_home / "curricula"
    curricula.mkdir(parents=True)
    theirs = curricula / "ml-path.yaml"
    theirs.write_text(ML.replace("Read chapter one", "Read chapter zero"), encoding="utf-8")
    kept = theirs.read_bytes()
    run("start", "ml-path", "--on", "2026-01-05")
    before = progress_file.read_bytes()
    refused = run("start", str(downloads), "--force", code=1)
    assert "already enrolled in ml-path" in refused.stderr
    assert theirs.read_bytes() == kept and progress_file.read_bytes() == before


def test_a_file_with_a_bundled_slug_is_refused(
    run: Run, tmp_path: Path, roadmap_home: Path, advanced_ai_text: str
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(advanced_ai_text, encoding="utf-8")
    refused = run("start", str(mine), code=1)
    assert refused.stderr.startswith(
        f"Error: {mine} has the slug 'advanced-ai' of a bundled curriculum; nothing was written."
    )
    assert not (roadmap_home / "curricula").exists()
    assert not (roadmap_home / "progress.yaml").exists()


def test_a_file_in_the_curricula_is_enrolled_by_slug_without_a_copy(
    run: Run, roadmap_home: Path, progress_file: Path
) -> None:
    curricula = roadmap_home / "curricula"
    curricula.mkdir(parents=True)
    (curricula / "tiny.yaml").write_text(GOOD, encoding="utf-8")
    result = run("start", str(curricula / "tiny.yaml"), "--on", "2026-01-05")
    assert "Copied" not in result.stdout
    assert sorted(p.name for p in curricula.iterdir()) == ["tiny.yaml"]
    (event,) = start_events(progress_file)
    assert "path" not in event and event["curriculum"] == "tiny"


def test_import_with_o_elsewhere_and_progress_copies_the_file(
    run: Run,
    tmp_path: Path,
    roadmap_home: Path,
    progress_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "plan.md"
    source.write_text("# My Plan\n\n## Basics\n\n- [x] Learn A\n- [ ] Learn B\n", encoding="utf-8")
    out = tmp_path / "elsewhere" / "my-plan.yaml"
    out.parent.mkdir()
    result = run("import", str(source), "-o", str(out), "--progress", "--on", "2026-01-05")
    copy = roadmap_home / "curricula" / "my-plan.yaml"
    assert out.is_file() and copy.read_bytes() == out.read_bytes()
    assert f"Copied {out} to your curricula as my-plan" in result.stdout.replace("\n", " ")
    assert str(out) not in progress_file.read_text(encoding="utf-8")
    status = as_json(run("status", "--json"))
    assert (status["curriculum"], status["done"]) == ("my-plan", 1)
    other_machine(roadmap_home, tmp_path, monkeypatch)
    out.unlink()
    assert as_json(run("status", "--json"))["done"] == 1


def test_import_with_o_elsewhere_refuses_a_clash_and_writes_nothing(
    run: Run, tmp_path: Path, roadmap_home: Path, progress_file: Path
) -> None:
    curricula = roadmap_home / "curricula"
    curricula.mkdir(parents=True)
    (curricula / "my-plan.yaml").write_text(
        GOOD.replace("slug: tiny", "slug: my-plan"), encoding="utf-8"
    )
    kept = (curricula / "my-plan.yaml").read_bytes()
    source = tmp_path / "plan.md"
    source.write_text("# My Plan\n\n## Basics\n\n- [ ] Learn A\n", encoding="utf-8")
    out = tmp_path / "my-plan.yaml"
    refused = run("import", str(source), "-o", str(out), "--progress", code=1)
    assert "a different my-plan.yaml with the slug 'my-plan'" in refused.stderr
    assert not out.exists() and not progress_file.exists()
    assert (curricula / "my-plan.yaml").read_bytes() == kept


def old_record(progress_file: Path, path: Path, slug: str) -> None:
    """Write the progress file an older version wrote on enrolling from ``path``: a start
    event with the file's absolute path (schema as today).
    """
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    event = {
        "seq": 1,
        "at": "2026-01-05T09:00:00Z",
        "on": "2026-01-05",
        "curriculum": slug,
        "action": "start",
        "hours": None,
        "path": str(path),
        "digest": digest,
    }
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    progress_file.write_text(
        "schema_version: 2\nevents:\n- " + json.dumps(event) + "\n", encoding="utf-8"
    )


def test_an_old_enrollment_by_path_works_here_and_with_the_copy_elsewhere(
    run: Run,
    downloads: Path,
    roadmap_home: Path,
    progress_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old_record(progress_file, downloads, "ml-path")
    run("check", "Read chapter one", "--on", "2026-01-06")
    assert as_json(run("status", "--week", "2026-01-07", "--json"))["done"] == 1
    # Here it still follows its path, and doctor says that path does not travel.
    downloads.write_text(ML.replace("Write a summary", "Write a review"), encoding="utf-8")
    assert "Write a review" in run("next", "--from", "2026-01-07").stdout
    finding = next(
        f
        for f in as_json(run("doctor", "--json"))["findings"]
        if f["check"] == "curriculum ml-path"
    )
    assert finding["level"] == "note"
    assert "does not travel with your record" in finding["message"]
    assert f"roadmap start {downloads}" in finding["message"]

    # Another machine without the file and without a copy: status says the file is missing,
    # and doctor tells how to bring it.
    hidden = downloads.rename(tmp_path / "hidden.yaml")  # not on that machine
    other_machine(roadmap_home, tmp_path, monkeypatch, "machine-b")
    assert (
        as_json(run("enrollments", "--json"))["enrollments"][0]["problem"]
        == "curriculum file missing"
    )
    doctor = as_json(run("doctor", "--json", code=1))
    finding = next(f for f in doctor["findings"] if f["check"] == "curriculum ml-path")
    assert finding["level"] == "problem"
    assert finding["message"].startswith(f"Its file {downloads} is not on this machine")

    # Back here, start FILE copies it: nothing is recorded, the enrollment follows the copy.
    hidden.rename(downloads)
    monkeypatch.setenv("ROADMAP_HOME", str(roadmap_home))
    monkeypatch.setenv("ROADMAP_CACHE_DIR", str(tmp_path / "cache"))
    before = progress_file.read_bytes()
    adopted = run("start", str(downloads)).stdout.replace("\n", " ")
    assert "Copied ~/Downloads/ml.yaml to your curricula as ml-path" in adopted
    assert "follows that copy from now on" in adopted
    assert progress_file.read_bytes() == before
    assert (roadmap_home / "curricula" / "ml-path.yaml").read_bytes() == downloads.read_bytes()
    downloads.unlink()
    assert "Write a review" in run("next", "--from", "2026-01-07").stdout

    # A third machine with progress.yaml and curricula/ follows the copy by its slug.
    other_machine(roadmap_home, tmp_path, monkeypatch, "machine-c")
    status = as_json(run("status", "--week", "2026-01-07", "--json"))
    assert (status["curriculum"], status["done"], status["total"]) == ("ml-path", 1, 3)
    finding = next(
        f
        for f in as_json(run("doctor", "--json"))["findings"]
        if f["check"] == "curriculum ml-path"
    )
    assert "does not travel" not in finding["message"]


def test_an_old_enrollment_by_path_follows_a_copy_brought_by_sync(
    run: Run,
    downloads: Path,
    roadmap_home: Path,
    progress_file: Path,
) -> None:
    """The record came from a machine whose path this one does not have; the copy came in
    ``curricula/``: the enrollment follows it.
    """
    old_record(progress_file, downloads, "ml-path")
    curricula = roadmap_home / "curricula"
    curricula.mkdir()
    shutil.copy2(downloads, curricula / "ml-path.yaml")
    downloads.unlink()
    assert as_json(run("status", "--week", "2026-01-07", "--json"))["total"] == 3
    run("check", "Read chapter one", "--on", "2026-01-06")
    view = as_json(run("enrollments", "--json"))
    assert view["enrollments"][0]["problem"] is None


class _Planted:
    """Unpickling this creates the file ``marker``: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def plant_signed_cache(
    directory: Path, payload: bytes, monkeypatch: pytest.MonkeyPatch
) -> list[Path]:
    """Lay out ``directory`` as a cache directory whose entries would all load: a private
    secret (``key``) and, signed with it as roadmap signs, the index of curriculum keys and
    the kept state of the progress file, each holding ``payload``. Returns the files.
    """
    from roadmap_tracker.base import cache

    monkeypatch.setenv("ROADMAP_CACHE_DIR", str(directory))
    try:
        directory.mkdir(mode=0o700, parents=True)
        directory.chmod(0o700)
        secret = os.urandom(32)
        (directory / "key").write_bytes(secret)
        (directory / "key").chmod(0o600)
        signed = b"roadmap-cache-1\n" + cache._tag(secret, payload) + payload
        places = [cache._index_path(), cache._progress_state_path()]
        for place in places:
            place.write_bytes(signed)
    finally:
        monkeypatch.delenv("ROADMAP_CACHE_DIR")
    return [directory / "key", *places]


def test_no_pickle_in_the_data_directory_is_ever_loaded(
    run: Run,
    roadmap_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pickles planted where a synced data directory could bring them (beside the progress
    file, in curricula/, and a whole signed cache in cache/ as roadmap lays one out, secret
    included) are never unpickled, whatever the commands: the cache is the platform's cache
    directory, never the data directory (decision 31).
    """
    curricula = roadmap_home / "curricula"
    curricula.mkdir(parents=True)
    (curricula / "tiny.yaml").write_text(GOOD, encoding="utf-8")
    marker = tmp_path / "unpickled"
    payload = pickle.dumps(_Planted(marker))
    planted = plant_signed_cache(roadmap_home / "cache", payload, monkeypatch)
    for place in (
        curricula / "x.pickle",
        roadmap_home / "curricula-index.pickle",
        roadmap_home / "progress-state-00000000.pickle",
    ):
        place.write_bytes(payload)
        planted.append(place)
    monkeypatch.delenv("ROADMAP_CACHE_DIR", raising=False)  # the platform's cache directory
    for command in (
        ["list"],
        ["start", "tiny", "--on", "2026-01-05"],
        ["status"],
        ["check", "Read chapter one", "--on", "2026-01-06"],
        ["next"],
        ["show"],
        ["doctor"],
        ["status"],
    ):
        run(*command)
        assert not marker.exists(), command
    cache = tmp_path / "user-home" / ".cache" / "roadmap"
    assert any(cache.rglob("*.pickle"))  # the platform's cache was used
    kept = {p for p in roadmap_home.rglob("*") if p.is_file() and "pickle" in p.name}
    assert kept <= set(planted)  # and nothing of it went to the data directory


def test_a_link_of_that_slug_in_the_curricula_is_left_alone(
    run: Run, downloads: Path, roadmap_home: Path, tmp_path: Path, progress_file: Path
) -> None:
    elsewhere = tmp_path / "theirs.yaml"
    elsewhere.write_text(ML.replace("Read chapter one", "Read chapter zero"), encoding="utf-8")
    curricula = roadmap_home / "curricula"
    curricula.mkdir(parents=True)
    (curricula / "ml-path.yaml").symlink_to(elsewhere)
    kept = elsewhere.read_bytes()
    refused = run("start", str(downloads), "--force", code=1)
    assert "symbolic link" in refused.stderr and "another slug" in refused.stderr
    assert "with -o" not in refused.stderr
    assert elsewhere.read_bytes() == kept and not progress_file.exists()
