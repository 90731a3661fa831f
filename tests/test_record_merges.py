"""A record that merges (issue 26, decision 49): events carry ULIDs, refer to each other by
id, and the record is the fold of its events in the order of their ids.

- any order of a record's lines, and any line twice, gives the same record and the same
  views, byte for byte;
- two and three data directories that are clones of one bare git remote, with
  ``progress.yaml merge=union`` in ``.gitattributes``, merge without a conflict after any
  interleaving of changes, and end with the same record and views, the fold of all events;
- two machines migrating the same schema-2 file get the same ids; an undo made before a
  merge undoes the event it named, by id.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli.app import app
from roadmap_tracker.progress import file_format, reading
from roadmap_tracker.progress.event_log import Progress, canonical
from roadmap_tracker.progress.events import SCHEMA_VERSION

HEAD = f"{file_format.HEADER}schema_version: {SCHEMA_VERSION}\nevents:\n"

VIEWS = (
    ("status", "--json"),
    ("history", "--json", "-n", "500"),
    ("stats", "--json"),
)

ITEMS = (
    "m1/minimal-vit",
    "m1/vit-vs-cnn",
    "m1/attention-from-scratch",
    "m1/positional-encodings",
)


def invoke(*args: str) -> tuple[int, str, str]:
    """Run roadmap in this process; its exit code, stdout and stderr."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def views() -> tuple[str, ...]:
    """The outputs of VIEWS for the current ROADMAP_HOME."""
    found = []
    for view in VIEWS:
        code, out, err = invoke(*view)
        assert code == 0, (view, err)
        found.append(out)
    return tuple(found)


def record_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return text[text.index("events:\n") + len("events:\n") :].splitlines(keepends=True)


def enroll() -> None:
    """Enroll in advanced-ai and log eleven times: the start is then out of undo's reach
    (the last ten changes), so that random undos never end the enrollment."""
    assert invoke("start", "advanced-ai", "--on", "2026-01-05")[0] == 0
    for day in range(11):
        assert invoke("log", "0.5", "--on", f"2026-01-{6 + day:02d}")[0] == 0


def build_record(rng: random.Random, steps: int) -> None:
    """Record a mix of changes in the current ROADMAP_HOME (enrolled already)."""
    for step in range(steps):
        day = f"2026-01-{6 + step % 20:02d}"
        change(rng, day)


def change(rng: random.Random, day: str) -> str:
    """One random change of check, skip, log, note, journal, undo, redo, edit (of the text
    of some earlier change: refused unless it is a log, note or journal entry); its name."""
    item = rng.choice(ITEMS)
    kind = rng.choice(("check", "skip", "log", "note", "journal", "undo", "redo", "edit"))
    args = {
        "check": ("check", item, "--on", day),
        "skip": ("skip", item, "--on", day),
        "log": ("log", str(rng.choice((0.5, 1, 1.5))), "--on", day),
        "note": ("note", item, f"note {rng.randrange(1000)}", "--on", day),
        "journal": ("journal", f"entry {rng.randrange(1000)}", "--on", day),
        "undo": ("undo",),
        "redo": ("redo",),
        "edit": ("edit", str(rng.randrange(2, 30)), "--text", f"edited {rng.randrange(1000)}"),
    }[kind]
    code, _, err = invoke(*args)
    assert code in (0, 1), (args, err)
    assert "damaged" not in err, (args, err)
    return kind


# (a) any order, any duplicate ------------------------------------------------------------


@pytest.fixture
def built(roadmap_home: Path, progress_file: Path) -> tuple[list[str], tuple[str, ...]]:
    """A record of 30 changes: its lines, and its views."""
    enroll()
    build_record(random.Random(26), 30)
    return record_lines(progress_file), views()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_order_and_any_duplicate_of_the_lines_is_the_same_record(
    built: tuple[list[str], tuple[str, ...]],
    progress_file: Path,
    cache_dir: Path,
    data: st.DataObject,
) -> None:
    lines, expected = built
    order = data.draw(st.permutations(lines))
    doubled = data.draw(st.lists(st.sampled_from(lines), max_size=5))
    mixed = list(order)
    for line in doubled:
        mixed.insert(data.draw(st.integers(0, len(mixed))), line)
    original = reading.read_progress(progress_file)
    progress_file.write_text(HEAD + "".join(mixed), encoding="utf-8")
    shutil.rmtree(cache_dir, ignore_errors=True)  # no kept state: read the file
    assert reading.read_progress(progress_file) == original
    assert views() == expected
    # and once more from the kept state of the permuted file
    assert views() == expected
    progress_file.write_text(HEAD + "".join(lines), encoding="utf-8")


def test_one_id_with_two_contents_is_damage(progress_file: Path) -> None:
    enroll()
    invoke("check", "m1/minimal-vit", "--on", "2026-01-06")
    lines = record_lines(progress_file)
    other = lines[-1].replace("m1/minimal-vit", "m1/vit-vs-cnn")
    progress_file.write_text(HEAD + "".join([*lines, other]), encoding="utf-8")
    with pytest.raises(RoadmapError, match="recorded twice with different content"):
        reading.read_progress(progress_file)


def test_a_kept_state_is_not_extended_by_lines_a_merge_put_before_it(
    progress_file: Path,
) -> None:
    """The incremental state reads appended lines only when they come after the last id;
    lines a merge appends with earlier ids make it read the file whole."""
    invoke("start", "advanced-ai", "--on", "2026-01-05")
    invoke("check", "m1/minimal-vit", "--on", "2026-01-06")
    invoke("check", "m1/vit-vs-cnn", "--on", "2026-01-07")
    lines = record_lines(progress_file)
    progress_file.write_text(HEAD + "".join(lines[:2]), encoding="utf-8")
    before = views()  # kept state of the two first lines
    progress_file.write_text(HEAD + "".join([*lines[:2], lines[2]]), encoding="utf-8")
    assert views() != before
    # a record whose earlier event arrives after a later one (a union merge)
    progress_file.write_text(HEAD + "".join([lines[0], lines[2]]), encoding="utf-8")
    views()
    progress_file.write_text(HEAD + "".join([lines[0], lines[2], lines[1]]), encoding="utf-8")
    merged = views()
    progress_file.write_text(HEAD + "".join(lines), encoding="utf-8")
    assert views() == merged


# (b) git: a bare remote, two and three clones ---------------------------------------------


def git(where: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "learner",
        "GIT_AUTHOR_EMAIL": "learner@example.org",
        "GIT_COMMITTER_NAME": "learner",
        "GIT_COMMITTER_EMAIL": "learner@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(
        ["git", "-C", str(where), *args], capture_output=True, text=True, env=env, check=False
    )
    if check:
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def sync(clone: Path) -> None:
    """Commit the record, pull (a union merge), push; never a conflict."""
    git(clone, "add", "progress.yaml")
    if git(clone, "diff", "--cached", "--quiet", check=False).returncode:
        git(clone, "commit", "-q", "-m", "progress")
    pulled = git(clone, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode == 0, (pulled.stdout, pulled.stderr)
    assert "<<<<<<<" not in (clone / "progress.yaml").read_text(encoding="utf-8")
    git(clone, "push", "-q", "origin", "HEAD:main")


def at_home(monkeypatch: pytest.MonkeyPatch, clone: Path) -> None:
    monkeypatch.setenv("ROADMAP_HOME", str(clone))


def clones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int) -> list[Path]:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    first = tmp_path / "machine-0"
    git(tmp_path, "clone", "-q", str(remote), str(first))
    git(first, "checkout", "-q", "-b", "main")
    at_home(monkeypatch, first)
    enroll()
    (first / ".gitattributes").write_text("progress.yaml merge=union\n", encoding="utf-8")
    git(first, "add", ".gitattributes", "progress.yaml")
    git(first, "commit", "-q", "-m", "start")
    git(first, "push", "-q", "origin", "main")
    found = [first]
    for number in range(1, count):
        clone = tmp_path / f"machine-{number}"
        git(tmp_path, "clone", "-q", "-b", "main", str(remote), str(clone))
        found.append(clone)
    return found


@pytest.mark.parametrize(("count", "steps", "seed"), [(2, 120, 1), (3, 150, 2)])
def test_clones_of_one_remote_merge_without_conflict_and_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, steps: int, seed: int
) -> None:
    rng = random.Random(seed)
    machines = clones(tmp_path, monkeypatch, count)
    every_line: set[str] = set()
    kinds: dict[str, int] = {}
    for step in range(steps):
        machine = rng.choice(machines)
        if rng.random() < 0.2:
            sync(machine)
            kinds["sync"] = kinds.get("sync", 0) + 1
            continue
        at_home(monkeypatch, machine)
        day = f"2026-01-{6 + step % 20:02d}"
        kind = change(rng, day)
        kinds[kind] = kinds.get(kind, 0) + 1
        every_line.update(record_lines(machine / "progress.yaml"))
    for _ in range(2):
        for machine in machines:
            sync(machine)
    assert set(kinds) == {"check", "skip", "log", "note", "journal", "undo", "redo", "edit", "sync"}
    records = [reading.read_progress(m / "progress.yaml") for m in machines]
    assert all(record == records[0] for record in records)
    events = [reading.read_progress(m / "progress.yaml").events for m in machines]
    fold = Progress(canonical([e for found in events for e in found]))
    assert records[0] == fold
    # every line any machine ever wrote is in the record (nothing lost in a merge)
    lines = {line for m in machines for line in record_lines(m / "progress.yaml")}
    assert every_line <= lines
    assert len(fold.events) == len(lines)
    seen = []
    for machine in machines:
        at_home(monkeypatch, machine)
        seen.append(views())
    assert all(found == seen[0] for found in seen)


def test_an_undo_made_before_a_merge_undoes_the_event_it_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desktop = clones(tmp_path, monkeypatch, 2)
    at_home(monkeypatch, laptop)
    invoke("check", "m1/minimal-vit", "--on", "2026-01-06")
    sync(laptop)
    sync(desktop)
    at_home(monkeypatch, desktop)
    invoke("check", "m1/vit-vs-cnn", "--on", "2026-01-07")  # later than the laptop's check
    at_home(monkeypatch, laptop)
    assert invoke("undo")[0] == 0  # the laptop's last change: its check of minimal-vit
    for machine in (laptop, desktop, laptop):
        sync(machine)
    for machine in (laptop, desktop):
        progress = reading.read_progress(machine / "progress.yaml")
        undo = progress.events[-1] if progress.events[-1].action == "undo" else None
        undo = next(e for e in progress.events if e.action == "undo")
        target = next(e for e in progress.events if e.id == undo.undoes)
        assert target.items == ("m1/minimal-vit",)
        at_home(monkeypatch, machine)
        status = json.loads(invoke("status", "--json")[1])
        assert status["done"] == 1
    # both machines undo the same change before they meet: it is undone, once
    at_home(monkeypatch, laptop)
    invoke("check", "m1/attention-from-scratch", "--on", "2026-01-08")
    sync(laptop)
    sync(desktop)
    for machine in (laptop, desktop):
        at_home(monkeypatch, machine)
        assert invoke("undo")[0] == 0
    for machine in (laptop, desktop, laptop):
        sync(machine)
    for machine in (laptop, desktop):
        at_home(monkeypatch, machine)
        code, out, err = invoke("status", "--json")
        assert code == 0, err
        assert json.loads(out)["done"] == 1


# (c) migration 2 -> 3 -------------------------------------------------------------------

SCHEMA_2 = (
    "schema_version: 2\nevents:\n"
    '- {"seq": 1, "at": "2026-01-05T09:00:00+01:00", "on": "2026-01-05", '
    '"curriculum": "advanced-ai", "action": "start", "hours": 10.0}\n'
    '- {"seq": 2, "at": "2026-01-06T20:00:00+01:00", "on": "2026-01-06", '
    '"curriculum": "advanced-ai", "action": "check", "items": ["m1/minimal-vit"]}\n'
    '- {"seq": 3, "at": "2026-01-06T20:00:00+01:00", "on": "2026-01-06", '
    '"curriculum": "advanced-ai", "action": "check", "items": ["m1/vit-vs-cnn"]}\n'
    '- {"seq": 4, "at": "2026-01-05T08:00:00+01:00", "on": "2026-01-07", '
    '"curriculum": "advanced-ai", "action": "undo", "undoes": 2}\n'
    '- {"seq": 5, "at": "2026-01-08T20:00:00+01:00", "on": "2026-01-08", '
    '"curriculum": "advanced-ai", "action": "check", "items": ["m1/minimal-vit"], "part_of": 5}\n'
    '- {"seq": 6, "at": "2026-01-08T20:00:00+01:00", "on": "2026-01-08", '
    '"curriculum": "advanced-ai", "action": "note", "items": ["m1/minimal-vit"], '
    '"note": "read it", "part_of": 5}\n'
)


def test_two_machines_migrating_one_schema_2_file_get_the_same_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = []
    for name in ("laptop", "desktop"):
        home = tmp_path / name
        home.mkdir()
        (home / "progress.yaml").write_text(SCHEMA_2, encoding="utf-8")
        at_home(monkeypatch, home)
        assert invoke("check", "m1/attention-from-scratch", "--on", "2026-01-09")[0] == 0
        backups = list((home / "backups").iterdir())
        assert len(backups) == 1 and backups[0].name.endswith("-schema-2.yaml")
        assert backups[0].read_text(encoding="utf-8") == SCHEMA_2
        found.append(reading.read_progress(home / "progress.yaml"))
    laptop, desktop = found
    assert [e.id for e in laptop.events[:6]] == [e.id for e in desktop.events[:6]]
    events = laptop.events
    assert [e.seq for e in events[:6]] == [1, 2, 3, 4, 5, 6]  # the old order, kept
    assert events[3].undoes == events[1].id  # the undo still names the first check
    assert events[4].part_of == events[5].part_of == events[4].id
    assert laptop.events[6].id > laptop.events[5].id
    assert '"seq"' not in (tmp_path / "laptop" / "progress.yaml").read_text(encoding="utf-8")


def test_a_file_of_a_newer_schema_is_refused(progress_file: Path) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text(f"schema_version: {SCHEMA_VERSION + 1}\nevents:\n")
    with pytest.raises(RoadmapError, match="newer roadmap"):
        reading.read_progress(progress_file)


# ids -------------------------------------------------------------------------------------


def test_new_ids_increase_within_a_millisecond_and_after_the_records_last() -> None:
    from roadmap_tracker.progress import ids

    made = [ids.new_id() for _ in range(50)]  # the clock is frozen: one millisecond
    assert made == sorted(made) and len(set(made)) == 50
    assert all(ids.is_id(found) for found in made)
    ahead = ids.encode((ids.decode(made[-1]) >> 80) + 60_000 << 80)  # a clock a minute ahead
    assert ids.new_id(ahead) > ahead
    # (the ids made before in this process, by other tests, may be far ahead: no year here)
    assert ids.id_time(ids.encode(1_767_225_600_000 << 80)).year == 2026


def test_derived_ids_are_the_same_for_the_same_history_and_keep_its_order() -> None:
    import datetime as dt

    from roadmap_tracker.progress import ids

    at = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    first = ids.derived_id(at, b"one", None)
    assert ids.derived_id(at, b"one", None) == first
    earlier = ids.derived_id(at - dt.timedelta(days=1), b"two", first)
    assert earlier > first  # raised above the event before it
    assert ids.derived_id(at, b"other", None) != first


def roadmap_sync(monkeypatch: pytest.MonkeyPatch, machine: Path, *args: str) -> None:
    """``roadmap sync`` in ``machine``'s data directory; never a conflict."""
    at_home(monkeypatch, machine)
    code, out, err = invoke("sync", *args)
    assert code == 0, (out, err)
    assert "<<<<<<<" not in (machine / "progress.yaml").read_text(encoding="utf-8")


@pytest.mark.usefixtures("git_identity")
@pytest.mark.parametrize(("count", "steps", "seed"), [(2, 100, 3), (3, 120, 4)])
def test_machines_syncing_with_roadmap_sync_agree_with_the_fold_of_all_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, steps: int, seed: int
) -> None:
    """The issue's test through ``roadmap sync`` itself (commit, fetch, merge, push): random
    interleavings of changes and syncs on each machine end with one record everywhere,
    equal to the fold of every event, and the same views."""
    rng = random.Random(seed)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    machines = [tmp_path / f"machine-{number}" for number in range(count)]
    at_home(monkeypatch, machines[0])
    enroll()
    for machine in machines:
        roadmap_sync(monkeypatch, machine, "--init", str(remote))
    every_line: set[str] = set()
    for step in range(steps):
        machine = rng.choice(machines)
        if rng.random() < 0.2:
            roadmap_sync(monkeypatch, machine)
            continue
        at_home(monkeypatch, machine)
        change(rng, f"2026-01-{6 + step % 20:02d}")
        every_line.update(record_lines(machine / "progress.yaml"))
    for _ in range(2):
        for machine in machines:
            roadmap_sync(monkeypatch, machine)
    records = [reading.read_progress(m / "progress.yaml") for m in machines]
    assert all(record == records[0] for record in records)
    fold = Progress(canonical([e for found in records for e in found.events]))
    assert records[0] == fold
    assert every_line <= {line for m in machines for line in record_lines(m / "progress.yaml")}
    seen = []
    for machine in machines:
        at_home(monkeypatch, machine)
        seen.append(views())
    assert all(found == seen[0] for found in seen)
