"""The data-loss paths an attack on the store found (issue 21), each closed at its root.

- backups ordered and pruned by a UTC stamp, never the one just made nor a learner's file;
- empty, header-only and all-NUL progress files kept as backups, never appended to;
- ``import --progress`` as one change, checked by killing it after every write;
- one lock per file: two data directories sharing a progress file through a symlink;
- no cache entry is unpickled unless this machine signed it; the cache lives outside the
  data directory and is private;
- a change that is in place but whose directory could not be synced says so;
- many queued writers all get through, and one that gives up says how many wait;
- every directory and file roadmap creates is private, whatever the umask.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from roadmap_tracker.base import atomic, cache, clock, paths
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.progress import file_format, lock, reading, store, transaction
from roadmap_tracker.progress.backups import list_backups

from .conftest import FROZEN_NOW, Run

EXAMPLE_ROADMAP = Path(__file__).parent.parent / "docs" / "examples" / "my-ml-roadmap.md"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX processes and modes")


def process_env(tmp_path: Path, home: Path, **extra: str) -> dict[str, str]:
    """The environment of a real roadmap process with its own data, cache and home."""
    return {
        **os.environ,
        "ROADMAP_HOME": str(home),
        "ROADMAP_CACHE_DIR": str(tmp_path / "cache"),
        "HOME": str(tmp_path / "user-home"),
        "NO_COLOR": "1",
        **extra,
    }


def roadmap(env: dict[str, str], *args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run ``python -m roadmap_tracker ARGS`` in a new process."""
    return subprocess.run(
        [sys.executable, "-m", "roadmap_tracker", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **options,
    )


# --------------------------------------------------------------------------------------------
# Backups: a UTC stamp orders them; only roadmap's are pruned; never the one just made


def at_offset(hours: int, minutes: int = 0) -> dt.datetime:
    """FROZEN_NOW plus ``minutes``, as the local time of a zone ``hours`` from UTC."""
    zone = dt.timezone(dt.timedelta(hours=hours))
    return (FROZEN_NOW + dt.timedelta(minutes=minutes)).astimezone(zone)


def ten_backups_in_kiritimati(progress_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ten backups a minute apart, the clock in UTC+14 (Pacific/Kiritimati)."""
    for minute in range(10):
        monkeypatch.setattr(clock, "now", lambda m=minute: at_offset(14, m))
        store.backup_progress(progress_file, reason="test")


def test_a_backup_made_in_a_zone_behind_the_others_is_kept_as_the_newest(
    enrolled: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ten backups made in Pacific/Kiritimati (UTC+14), then one a minute later in
    # Pacific/Pago_Pago (UTC-11): its local time reads 25 hours earlier.
    ten_backups_in_kiritimati(progress_file, monkeypatch)
    monkeypatch.setattr(clock, "now", lambda: at_offset(-11, 30))
    newest = store.backup_progress(progress_file, reason="before-restore")
    assert newest is not None and newest.exists()
    assert list_backups()[0] == newest
    assert len(list_backups()) == store.KEPT_BACKUPS


def test_restore_in_another_zone_keeps_the_file_it_replaced(
    enrolled: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ten_backups_in_kiritimati(progress_file, monkeypatch)
    enrolled("check", "m1/minimal-vit", "--on", "2026-01-07")
    before = progress_file.read_bytes()
    oldest = list_backups()[-1]
    monkeypatch.setattr(clock, "now", lambda: at_offset(-11, 30))
    result = enrolled("restore", oldest.name)
    kept = [b for b in list_backups() if b.read_bytes() == before]
    assert kept, result.stdout  # the file restore replaced is still there
    assert kept[0].name in result.stdout


def test_files_of_the_learners_own_in_backups_are_never_deleted(
    enrolled: Run, progress_file: Path, roadmap_home: Path
) -> None:
    directory = roadmap_home / "backups"
    directory.mkdir()
    mine = [directory / f"progress-my-copy-{n}.yaml" for n in range(10)]
    mine += [directory / "progress-00000000T000000-01-old.yml", directory / "notes.txt"]
    for path in mine:
        path.write_text("my own file\n", encoding="utf-8")
    made = [store.backup_progress(progress_file, reason="test") for _ in range(12)]
    assert all(path.exists() for path in mine)
    assert made[-1] is not None and made[-1].exists()
    assert list_backups() == list(reversed(made[2:]))


def test_backups_named_in_local_time_by_older_versions_count_as_older(
    enrolled: Run, progress_file: Path, roadmap_home: Path
) -> None:
    directory = roadmap_home / "backups"
    directory.mkdir()
    old = directory / "progress-29991231T235959-01-schema-1.yaml"  # local time, no Z
    old.write_bytes(progress_file.read_bytes())
    new = store.backup_progress(progress_file, reason="test")
    assert list_backups() == [new, old]


# --------------------------------------------------------------------------------------------
# Empty, header-only and all-NUL files


BLANK_FILES = {
    "empty": b"",
    "header only": file_format.HEADER.encode(),
    "schema only": (file_format.HEADER + "schema_version: 3\n").encode(),
    "all NUL": b"\0" * 4096,
    "events in a flow list": b'schema_version: 3\nevents: [{"id": "00000000000000000000000001", "at": '  # noqa: E501
    b'"2026-01-05T09:00:00Z", "on": "2026-01-05", "curriculum": "advanced-ai", '
    b'"action": "start", "hours": 10.0}]\n',
}


@pytest.mark.parametrize("kind", list(BLANK_FILES))
def test_a_file_roadmap_cannot_append_to_is_kept_and_started_clean(
    kind: str, run: Run, progress_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_bytes(BLANK_FILES[kind])
    events_before = len(reading.read_progress().events)
    run("start", "ai-study-plan", "--on", "2026-01-05")
    after = reading.read_progress()  # loads: no bare line after a header or NUL bytes
    assert len(after.events) == events_before + 1
    assert progress_file.read_text(encoding="utf-8").startswith(file_format.HEADER)
    if BLANK_FILES[kind]:
        (kept,) = list_backups()
        assert kept.read_bytes() == BLANK_FILES[kind]
        assert str(kept) in caplog.text
    assert "started a clean one" in caplog.text


def test_doctor_names_the_restore_for_an_all_nul_file(enrolled: Run, progress_file: Path) -> None:
    enrolled("check", "m1/minimal-vit", "--on", "2026-01-07")
    good = store.backup_progress(progress_file, reason="test")
    assert good is not None
    progress_file.write_bytes(b"\0" * progress_file.stat().st_size)
    doctor = json.loads(enrolled("doctor", "--json", code=1).stdout)
    (finding,) = [f for f in doctor["findings"] if f["check"] == "progress file"]
    assert finding["level"] == "problem"
    assert f"roadmap restore {good.name}" in finding["message"]
    assert "torn" not in finding["message"]


def test_status_of_an_all_nul_file_points_to_doctor(run: Run, progress_file: Path) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_bytes(b"\0" * 512)
    result = run("status", code=1)
    message = " ".join(result.stderr.split())
    assert "holds no events" in message and "'roadmap doctor'" in message


def test_a_started_clean_file_is_announced_on_stderr(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "progress.yaml").write_bytes(b"\0" * 100)
    env = process_env(tmp_path, home)
    done = roadmap(env, "start", "ai-study-plan", "--on", "2026-01-05")
    assert done.returncode == 0, done.stderr
    assert "started a clean one" in done.stderr
    assert "backups" in done.stderr


# --------------------------------------------------------------------------------------------
# import --progress is one change: killed after any write, it finishes when run again

KILLING_RUN = """
import os, signal, sys
from roadmap_tracker.progress import store

left = int(sys.argv[1])

def killing(real):
    def write(*args, **kwargs):
        global left
        result = real(*args, **kwargs)
        left -= 1
        if left == 0:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    return write

store.write_atomic = killing(store.write_atomic)
store.append_lines = killing(store.append_lines)
from roadmap_tracker.cli.app import main
sys.argv = ["roadmap", *sys.argv[2:]]
main()
"""


def enrollment_state(env: dict[str, str]) -> tuple[bool, int, int]:
    """(enrolled in my-ml-roadmap, items done, items skipped) as roadmap reports them."""
    done = roadmap(env, "status", "--plan", "my-ml-roadmap", "--json")
    if done.returncode != 0:
        return False, 0, 0
    status = json.loads(done.stdout)
    return True, status["done"], status.get("skipped", 0)


@posix_only
def test_import_with_progress_killed_after_any_write_finishes_when_run_again(
    tmp_path: Path,
) -> None:
    arguments = ["import", str(EXAMPLE_ROADMAP), "--progress", "--on", "2026-01-05"]
    whole = tmp_path / "whole"
    env = process_env(tmp_path, whole)
    assert roadmap(env, *arguments).returncode == 0
    complete = enrollment_state(env)
    assert complete[0] and complete[1] > 0
    for writes in range(1, 5):
        home = tmp_path / f"killed-after-{writes}"
        env = process_env(tmp_path, home)
        killed = subprocess.run(
            [sys.executable, "-c", KILLING_RUN, str(writes), *arguments],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        state = enrollment_state(env)
        if killed.returncode == -signal.SIGKILL:
            assert state in ((False, 0, 0), complete), f"killed after write {writes}: {state}"
        again = roadmap(env, *arguments)
        if state == complete:
            assert again.returncode == 1 and "already enrolled" in again.stderr
        else:
            assert again.returncode == 0, f"after write {writes}: {again.stderr}"
        assert enrollment_state(env) == complete


# --------------------------------------------------------------------------------------------
# One lock per file, even through a symlink


def append_log_by_hand(progress_file: Path, seq: int) -> None:
    """Append a one-hour log event numbered ``seq`` to the file, as another writer holding
    the lock would.
    """
    from roadmap_tracker.progress.events import Event
    from roadmap_tracker.progress.ids import new_id

    event = Event(
        id=new_id(reading.read_progress(progress_file).last_id),
        seq=seq,
        at=FROZEN_NOW,
        on=dt.date(2026, 1, 6),
        curriculum="advanced-ai",
        action="log",
        hours=1.0,
    )
    with progress_file.open("a", encoding="utf-8") as handle:
        handle.write(file_format.event_line(event))


def symlinked_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two data directories whose progress.yaml is one file: the second links to the first."""
    first, second = tmp_path / "laptop", tmp_path / "desktop"
    first.mkdir()
    second.mkdir()
    env = process_env(tmp_path, first)
    assert roadmap(env, "start", "advanced-ai", "--on", "2026-01-05").returncode == 0
    (second / "progress.yaml").symlink_to(first / "progress.yaml")
    return first, second


@posix_only
@pytest.mark.xdist_group("processes")  # waits for a real process to queue for the lock
def test_two_data_directories_sharing_a_file_through_a_symlink_take_one_lock(
    tmp_path: Path,
) -> None:

    first, second = symlinked_pair(tmp_path)
    shared = first / "progress.yaml"
    # A command of the first directory holds the lock and appends change 2; a command of
    # the second must wait for it, then append change 3.
    lock_path = lock.lock_path_of(shared)
    with FileLock(str(lock_path)):
        waiting = subprocess.Popen(
            [sys.executable, "-m", "roadmap_tracker", "check", "minimal-vit", "--on", "2026-01-07"],
            env=process_env(tmp_path, second),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # It queues for this very lock (a file named by its pid beside the lock) once it
        # found the lock taken; a command that took another lock would not wait at all.
        queued = lock_path.with_name(lock_path.name + ".waiting") / str(waiting.pid)
        give_up = time.monotonic() + 60
        while not queued.exists() and waiting.poll() is None and time.monotonic() < give_up:
            time.sleep(0.02)
        assert queued.exists(), "the command of the second directory did not wait for the lock"
        append_log_by_hand(shared, seq=2)
    _, error = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, error
    progress = reading.read_progress(shared)  # raises if two changes share a number
    assert [(e.seq, e.action) for e in progress.events] == [
        (1, "start"),
        (2, "log"),
        (3, "check"),
    ]
    assert (second / "progress.yaml").is_symlink()


def test_restore_and_migration_write_through_the_symlink_and_keep_it(
    tmp_path: Path, roadmap_home: Path, run: Run
) -> None:
    real = tmp_path / "elsewhere" / "progress.yaml"
    real.parent.mkdir()
    real.write_bytes((Path(__file__).parent / "fixtures" / "progress-v1.yaml").read_bytes())
    roadmap_home.mkdir()
    link = roadmap_home / "progress.yaml"
    link.symlink_to(real)
    run("check", "p0-python/control-flow-if-else-loops")  # migrates schema 1, then appends
    assert link.is_symlink() and "schema_version: 3" in real.read_text(encoding="utf-8")
    backup = list_backups()[0]
    run("restore", backup.name)
    assert link.is_symlink() and real.read_bytes() == backup.read_bytes()
    assert not (roadmap_home / "progress.yaml.lock").exists()
    assert real.with_name("progress.yaml.lock").exists()


# --------------------------------------------------------------------------------------------
# The cache runs no code it did not sign


class Planted:
    """A pickle that creates a file when it is loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


@posix_only
def test_a_pickle_planted_in_the_data_or_cache_directory_never_runs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = process_env(tmp_path, home)
    assert roadmap(env, "start", "advanced-ai", "--on", "2026-01-05").returncode == 0
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Planted(marker))
    # Where older versions kept the cache (a copied or cloned data directory brings it) ...
    (home / "cache" / "curricula").mkdir(parents=True)
    (home / "cache" / "progress-state.pickle").write_bytes(payload)
    (home / "cache" / "curricula-index.pickle").write_bytes(payload)
    # ... and every entry of the real cache, replaced by the planted pickle.
    entries = [p for p in (tmp_path / "cache").rglob("*.pickle")]
    assert entries
    for entry in entries:
        entry.write_bytes(payload)
    progress_file = home / "progress.yaml"
    os.utime(progress_file, (1, 1))  # a changed stamp: the state must come from the cache
    for command in (["status"], ["next"], ["list"], ["show", "advanced-ai", "--json"]):
        done = roadmap(env, *command)
        assert done.returncode == 0, done.stderr
    assert not marker.exists()


def test_an_entry_signed_with_another_machines_key_is_a_miss(run: Run, cache_dir: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("status")
    entry = cache._progress_state_path()
    with entry.open("rb") as handle:
        assert cache._load(handle) is not None  # signed by this machine: loads
    (cache_dir / "key").write_bytes(os.urandom(32))
    cache._secrets.clear()
    with entry.open("rb") as handle, pytest.raises(ValueError):
        cache._load(handle)


@posix_only
def test_a_cache_directory_others_can_write_is_not_trusted(run: Run, cache_dir: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("status")
    cache._secrets.clear()
    cache_dir.chmod(0o777)
    assert cache._secret() is None  # nothing loads from it ...
    run("status")  # ... and the next write makes it private again, with a new key
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700


# --------------------------------------------------------------------------------------------
# After the change is in place


def test_a_restore_whose_directory_cannot_be_synced_says_it_was_restored(
    enrolled: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = store.backup_progress(progress_file, reason="test")
    assert backup is not None

    real = atomic._fsync_directory

    def failing(directory: Path) -> None:  # after the rename of the progress file only
        if directory == progress_file.parent.resolve():
            raise OSError(5, "Input/output error")
        real(directory)

    monkeypatch.setattr(atomic, "_fsync_directory", failing)
    result = enrolled("restore", backup.name, code=1)
    assert "was replaced" in result.stderr
    assert "nothing was changed" not in result.stderr.replace("\n", " ")


def test_a_change_whose_directory_cannot_be_synced_is_reported_as_recorded(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        atomic,
        "_fsync_directory",
        lambda directory: (_ for _ in ()).throw(OSError(5, "Input/output error")),
    )
    result = run("start", "advanced-ai", "--on", "2026-01-05", code=1)
    message = " ".join(result.stderr.split())
    assert "was recorded" in message and "Do not run the command again" in message
    assert reading.read_progress().enrollment("advanced-ai") is not None


# --------------------------------------------------------------------------------------------
# The lock under load


@posix_only
@pytest.mark.xdist_group("processes")  # a change a second against a 5 s timeout
def test_writers_queued_behind_a_long_run_of_changes_all_get_through(
    enrolled: Run, progress_file: Path
) -> None:
    # The commands ahead hold the lock for twice the timeout, finishing a change each
    # second: the waiting ones keep waiting, since the queue moves.

    waiting = [
        subprocess.Popen(
            [sys.executable, "-m", "roadmap_tracker", "log", "0.5", "--on", "2026-01-07"],
            env={**os.environ},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(5)
    ]
    ahead = int(2 * lock.LOCK_TIMEOUT_SECONDS)
    with FileLock(str(lock.lock_path_of(progress_file))):
        for seq in range(2, 2 + ahead):
            time.sleep(1)
            append_log_by_hand(progress_file, seq)
    errors = [p.communicate(timeout=120)[1] for p in waiting]
    assert [p.returncode for p in waiting] == [0] * 5, [e for e in errors if e][:2]
    events = reading.read_progress().events
    assert [e.action for e in events] == ["start"] + ["log"] * (ahead + 5)


def list_or_none(directory: Path) -> list[Path]:
    """The entries of ``directory``, none when it does not exist."""
    return list(directory.iterdir()) if directory.is_dir() else []


def test_a_writer_that_gives_up_says_how_many_wait(
    enrolled: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock, "LOCK_TIMEOUT_SECONDS", 0.5)
    lock_path = lock.lock_path_of(progress_file)
    queue = lock_path.with_name(lock_path.name + ".waiting")
    queue.mkdir()
    sleepers = [subprocess.Popen(["sleep", "30"]) for _ in range(2)]
    try:
        for sleeper in sleepers:
            (queue / str(sleeper.pid)).touch()
        (queue / "999999999").touch()  # a waiter that is gone: not counted, removed
        with FileLock(str(lock_path)), pytest.raises(RoadmapError) as caught:
            transaction.record(lambda progress: None)
    finally:
        for sleeper in sleepers:
            sleeper.kill()
            sleeper.wait()
    assert "no change has been written for 0.5 s" in caught.value.message
    assert "2 other commands waiting too" in caught.value.message
    assert not (queue / "999999999").exists()
    assert not (queue / str(os.getpid())).exists()


# --------------------------------------------------------------------------------------------
# Private modes, whatever the umask


@posix_only
def test_everything_roadmap_creates_is_private_at_umask_000(tmp_path: Path) -> None:
    home = tmp_path / "data" / "roadmap"
    env = process_env(tmp_path, home)
    env["ROADMAP_CACHE_DIR"] = str(tmp_path / "caches" / "roadmap")
    umask = os.umask(0)
    try:
        for arguments in (
            ["start", "advanced-ai", "--on", "2026-01-05"],
            ["status"],
            ["import", str(EXAMPLE_ROADMAP)],
        ):
            assert roadmap(env, *arguments).returncode == 0
        (home / "progress.yaml").write_bytes(b"")
        assert roadmap(env, "start", "ai-study-plan", "--on", "2026-01-05").returncode == 0
    finally:
        os.umask(umask)
    created = [tmp_path / "data", tmp_path / "caches"]
    for top in created:
        for path in [top, *top.rglob("*")]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            assert not mode & 0o077, f"{path} has mode {mode:o}"


@posix_only
def test_a_crash_log_is_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = process_env(tmp_path, home)
    program = (
        "import sys\n"
        "from roadmap_tracker.cli import app as cli\n"
        "from roadmap_tracker.commands import overview\n"
        "def boom(*args, **kwargs): raise ZeroDivisionError('boom')\n"
        "overview.status_view = boom\n"
        "sys.argv = ['roadmap', 'status']\n"
        "cli.main()\n"
    )
    assert roadmap(env, "start", "advanced-ai", "--on", "2026-01-05").returncode == 0
    umask = os.umask(0)
    try:
        done = subprocess.run(
            [sys.executable, "-c", program], env=env, capture_output=True, text=True, check=False
        )
    finally:
        os.umask(umask)
    assert done.returncode == 3, done.stderr
    (log,) = (home / "logs").glob("crash-*.log")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_the_cache_is_not_in_the_data_directory(run: Run, roadmap_home: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("status")
    assert not (roadmap_home / "cache").exists()
    assert list(paths.cache_dir().rglob("*.pickle"))
