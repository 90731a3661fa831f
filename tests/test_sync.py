"""``roadmap sync``: two (three) data directories and one bare remote, all in tmp_path.

Every machine is a ROADMAP_HOME of its own. Until the record's events have ids (decision
49), two machines that change the record at the same time make a union-merged file that
today's roadmap calls damaged (two events with one sequence number): these tests change the
record on one machine at a time (A changes and syncs; B syncs, changes, syncs...). The test
of concurrent changes comes with the ids.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.commands import syncing
from roadmap_tracker.progress.sync_files import write_git_files

pytestmark = pytest.mark.usefixtures("git_identity")


class Machines:
    """Data directories by name (``a``, ``b``...) beside a bare remote; ``on(name, ...)``
    runs roadmap there in-process."""

    def __init__(self, root: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.remote = root / "remote.git"
        self.run = run
        self.monkeypatch = monkeypatch

    def home(self, name: str) -> Path:
        return self.root / name

    def on(self, name: str, *args: str, code: int = 0) -> Any:
        self.monkeypatch.setenv("ROADMAP_HOME", str(self.home(name)))
        return self.run(*args, code=code)

    def sync(self, name: str, *args: str) -> dict[str, Any]:
        return dict(json.loads(self.on(name, "sync", "--json", *args).stdout))

    def record(self, name: str) -> str:
        return (self.home(name) / "progress.yaml").read_text(encoding="utf-8")

    def remote_record(self) -> str:
        return git(self.remote, "show", "main:progress.yaml")


def git(directory: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(directory), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def machines(tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> Machines:
    found = Machines(tmp_path / "machines", run, monkeypatch)
    found.root.mkdir()
    subprocess.run(["git", "init", "-q", "--bare", str(found.remote)], check=True)
    return found


@pytest.fixture
def two(machines: Machines) -> Machines:
    """A enrolled and synced to the remote (a bare repository whose HEAD names master, as
    git init makes it: roadmap pushes main); B set up from it."""
    machines.on("a", "start", "advanced-ai", "--on", "2026-01-05")
    machines.sync("a", "--init", str(machines.remote))
    machines.sync("b", "--init", str(machines.remote))
    return machines


def events(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


# --- setting up -----------------------------------------------------------------------------


def test_init_from_an_empty_remote_pushes_the_record_and_the_git_files(
    machines: Machines,
) -> None:
    machines.on("a", "start", "advanced-ai", "--on", "2026-01-05")
    result = machines.on("a", "sync", "--init", str(machines.remote))
    assert "The remote was empty: your record goes to it." in result.stdout
    assert "started advanced-ai from 2026-01-05" in result.stdout
    assert set(git(machines.remote, "ls-tree", "--name-only", "main").split()) == {
        ".gitattributes",
        ".gitignore",
        "progress.yaml",
    }
    assert machines.remote_record() == machines.record("a")
    log = git(machines.remote, "log", "--format=%s", "main")
    assert log.startswith("roadmap: 3 changes on ")
    assert "started advanced-ai from 2026-01-05 at 10 hours a week" in log


def test_init_from_a_remote_with_a_record_takes_it(two: Machines) -> None:
    assert two.record("b") == two.record("a")
    two.on("b", "status")
    # Again is fine: the remote is checked, nothing changes.
    again = two.sync("b", "--init", str(two.remote))
    assert (again["committed"], again["received"], again["pushed"]) == ([], [], False)


def test_init_with_another_remote_says_which_it_has(two: Machines, tmp_path: Path) -> None:
    result = two.on("b", "sync", "--init", str(tmp_path / "elsewhere.git"), code=1)
    assert f"The remote origin of {two.home('b')} is {two.remote}" in result.stderr


def test_a_local_path_that_does_not_exist_becomes_a_bare_repository(
    machines: Machines, tmp_path: Path
) -> None:
    machines.on("a", "start", "advanced-ai", "--on", "2026-01-05")
    stick = tmp_path / "usb" / "roadmap.git"
    machines.sync("a", "--init", str(stick))
    assert git(stick, "rev-parse", "--is-bare-repository").strip() == "true"


# --- syncing ----------------------------------------------------------------------------------


def test_changes_on_both_machines_between_syncs_merge_without_conflict(two: Machines) -> None:
    # Both record before either syncs (decision 49: ids, references by id, one order).
    two.on("a", "check", "attention-from-scratch", "--on", "2026-11-20")
    two.on("a", "log", "2", "--on", "2026-11-20")
    two.on("b", "skip", "m1/vit-vs-cnn", "--on", "2026-11-21")
    two.on("b", "undo")
    two.on("b", "log", "1", "--on", "2026-11-21")
    two.sync("a")
    came = two.sync("b")["received"]
    assert came == ["checked m1/attention-from-scratch on 2026-11-20", "logged 2 h for 2026-11-20"]
    two.sync("a")
    assert two.record("a") == two.record("b") == two.remote_record()
    views = [
        [two.on(side, *args).stdout for args in (("status", "--json"), ("history", "--json"))]
        for side in ("a", "b")
    ]
    assert views[0] == views[1]
    status = json.loads(views[0][0])
    assert status["done"] == 1 and status["skipped"] == []  # b's skip stays undone


def test_changes_on_one_machine_then_the_other_travel_both_ways(two: Machines) -> None:
    two.on("a", "check", "attention-from-scratch", "--on", "2026-11-20")
    two.on("a", "log", "1.5", "--on", "2026-11-20")
    sent = two.sync("a")
    assert sent["committed"] == [
        "checked m1/attention-from-scratch on 2026-11-20",
        "logged 1.5 h for 2026-11-20",
    ]
    assert sent["pushed"] is True and sent["received"] == []

    came = two.on("b", "sync")
    assert (
        "2 changes from another machine: checked m1/attention-from-scratch on 2026-11-20; "
        "logged 1.5 h for 2026-11-20." in " ".join(came.stdout.split())
    )
    two.on("b", "undo")
    two.on("b", "note", "attention-from-scratch", "read it twice", "--on", "2026-11-21")
    back = two.sync("b")
    assert back["committed"] == [
        "undid: logged 1.5 h for 2026-11-20",
        "added a note to m1/attention-from-scratch on 2026-11-21",
    ]
    received = two.sync("a")["received"]
    assert received == back["committed"]
    assert two.record("a") == two.record("b") == two.remote_record()
    status_a = json.loads(two.on("a", "status", "--json").stdout)
    status_b = json.loads(two.on("b", "status", "--json").stdout)
    assert status_a == status_b
    # Both machines' commits are kept: the history is a line, no rebase.
    assert len(git(two.home("a"), "log", "--format=%H").split()) == 3


def test_a_sync_with_nothing_to_do_does_nothing(two: Machines) -> None:
    head = git(two.home("a"), "rev-parse", "HEAD")
    result = two.on("a", "sync")
    assert "Nothing new from your other machines." in result.stdout
    assert "Up to date with" in result.stdout
    assert git(two.home("a"), "rev-parse", "HEAD") == head


def test_a_curriculum_of_yours_travels(two: Machines) -> None:
    curricula = two.home("a") / "curricula"
    curricula.mkdir()
    (curricula / "mine.yaml").write_text("title: mine\n", encoding="utf-8")
    assert two.sync("a")["committed"] == ["added curricula/mine.yaml"]
    two.sync("b")
    assert (two.home("b") / "curricula" / "mine.yaml").read_text() == "title: mine\n"


def test_what_is_machine_local_never_travels(two: Machines) -> None:
    home = two.home("a")
    for name in ("backups/progress-20261121T093000Z-01-restore.yaml", "logs/crash-1.log"):
        (home / name).parent.mkdir(exist_ok=True)
        (home / name).write_text("x\n")
    (home / ".progress.yaml.abc123.tmp").write_text("x\n")
    (home / "progress.yaml.lock.waiting").mkdir(exist_ok=True)
    (home / "progress.yaml.lock.waiting" / "123").write_text("")
    two.on("a", "log", "1", "--on", "2026-11-20")
    two.sync("a")
    tracked = set(git(two.remote, "ls-tree", "-r", "--name-only", "main").split())
    assert tracked == {".gitattributes", ".gitignore", "progress.yaml"}
    assert not list(home.rglob("*.pickle")), "a pickle in the data directory"


def test_the_git_files_keep_the_learners_lines_and_are_written_once(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("notes/\n*.lock", encoding="utf-8")
    assert write_git_files(tmp_path) == [".gitignore", ".gitattributes"]
    ignore = (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert ignore.startswith("notes/\n*.lock\n") and ignore.count("*.lock\n") == 1
    assert "backups/\n" in ignore and "logs/\n" in ignore and ".*.tmp\n" in ignore
    assert "progress.yaml merge=union\n" in (tmp_path / ".gitattributes").read_text()
    assert write_git_files(tmp_path) == []
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == ignore


def test_a_push_rejected_because_another_machine_pushed_is_merged_and_retried(
    two: Machines, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Between A's fetch and A's push, someone pushes (a plain git clone adds a file under
    # curricula/): the first push is rejected, the second fetch merges it, the push succeeds.
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", "-b", "main", str(two.remote), str(other)], check=True)
    real_merge = syncing.Git.merge
    pushes = iter(range(1, 100))

    def merge_then_someone_pushes(self: syncing.Git, remote: str) -> list[str]:
        received = real_merge(self, remote)
        number = next(pushes)
        if number <= times:
            (other / "curricula").mkdir(exist_ok=True)
            (other / "curricula" / f"n{number}.txt").write_text(f"{number}\n")
            git(other, "pull", "-q", "--no-rebase", "--no-edit")
            git(other, "add", "-A")
            git(other, "commit", "-qm", f"other {number}")
            git(other, "push", "-q")
        return received

    monkeypatch.setattr(syncing.Git, "merge", merge_then_someone_pushes)
    times = 1
    two.on("a", "log", "1", "--on", "2026-11-20")
    assert two.sync("a")["pushed"] is True
    assert git(two.remote, "show", "main:curricula/n1.txt") == "1\n"
    assert two.remote_record() == two.record("a")

    times = 100  # someone pushes every time: after the retry, say so
    two.on("a", "log", "2", "--on", "2026-11-20")
    result = two.on("a", "sync", code=1)
    assert "rejected the push twice" in result.stderr
    assert "logged 2 h" in git(two.home("a"), "log", "--format=%s")


# --- errors -------------------------------------------------------------------------------------


def test_without_git(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = run("sync", code=1)
    assert result.stderr.startswith("Error: roadmap sync needs git, and git is not installed.")


def test_not_a_repository(run: Any, roadmap_home: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    result = run("sync", code=1)
    assert f"Your data directory {roadmap_home} is not a git repository." in result.stderr
    assert "roadmap sync --init URL" in result.stderr
    assert not (roadmap_home / ".gitignore").exists()


def test_no_remote(run: Any, roadmap_home: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    git(roadmap_home, "init", "-q")
    result = run("sync", code=1)
    assert "has no remote." in result.stderr and "roadmap sync --init URL" in result.stderr


def test_offline_keeps_the_changes_committed(two: Machines, tmp_path: Path) -> None:
    two.remote.rename(tmp_path / "gone.git")
    two.on("a", "log", "1", "--on", "2026-11-20")
    result = two.on("a", "sync", code=1)
    assert f"Error: Cannot reach the remote {two.remote}" in result.stderr
    assert "logged 1 h" in git(two.home("a"), "log", "-1", "--format=%s")
    (tmp_path / "gone.git").rename(two.remote)
    assert two.sync("a")["pushed"] is True  # the next sync pushes it


def test_authentication_failure(machines: Machines, monkeypatch: pytest.MonkeyPatch) -> None:
    # ssh is a script that refuses, as a server without your key does: no network.
    monkeypatch.setenv(
        "GIT_SSH_COMMAND", "sh -c 'echo \"Permission denied (publickey).\" >&2; exit 255'"
    )
    machines.on("a", "start", "advanced-ai", "--on", "2026-01-05")
    url = "ssh://git@example.invalid/you/progress.git"
    result = machines.on("a", "sync", "--init", url, code=1)
    assert f"Error: The remote {url} refused your credentials." in result.stderr


@pytest.mark.parametrize(
    ("stderr", "sentence"),
    [
        ("fatal: Authentication failed for 'https://x/'", "refused your credentials"),
        (
            "fatal: could not read Username for 'https://x': terminal prompts disabled",
            "refused your credentials",
        ),
        ("fatal: unable to access 'https://x/': Could not resolve host: x", "Cannot reach"),
        (" ! [rejected]        main -> main (fetch first)", "rejected the push"),
        ("fatal: something else entirely", "git push failed: something else entirely."),
    ],
)
def test_git_messages_are_told_apart(stderr: str, sentence: str) -> None:
    assert sentence in syncing.network_error(stderr, "https://x/", "push").message


# --- interrupted syncs ---------------------------------------------------------------------


def test_a_merge_interrupted_while_writing_the_files_is_finished_by_the_next_sync(
    two: Machines, monkeypatch: pytest.MonkeyPatch
) -> None:
    two.on("b", "check", "attention-from-scratch", "--on", "2026-11-20")
    two.sync("b")
    real_write = syncing.Git._write_file

    def write_then_die(self: syncing.Git, path: str, commit: str | None, old: str | None) -> None:
        real_write(self, path, commit, old)
        raise KeyboardInterrupt  # as a kill -9 after the file, before HEAD moves

    monkeypatch.setattr(syncing.Git, "_write_file", write_then_die)
    two.on("a", "sync", code=130)
    monkeypatch.setattr(syncing.Git, "_write_file", real_write)
    assert (two.home("a") / ".git" / syncing.JOURNAL).exists()
    two.on("a", "log", "2", "--on", "2026-11-21")  # recorded before the next sync
    result = two.sync("a")
    assert result["finished"] == ["finished a merge an interrupted sync had begun"]
    assert result["committed"] == ["logged 2 h for 2026-11-21"]
    assert '"action": "check", "items": ["m1/attention-from-scratch"]' in two.record("a")
    assert two.record("a") == two.remote_record()
    assert "logged 2 h" in two.sync("b")["received"][0]


def test_stale_git_locks_are_removed(two: Machines) -> None:
    # A git killed while committing leaves index.lock and a branch's lock behind.
    git_dir = two.home("a") / ".git"
    for lock in (git_dir / "index.lock", git_dir / "refs" / "heads" / "main.lock"):
        lock.write_text("")
        os.utime(lock, (time.time() - 60, time.time() - 60))
    two.on("a", "log", "1", "--on", "2026-11-20")
    result = two.sync("a")
    assert result["finished"] == ["removed git locks an interrupted sync left"]
    assert result["committed"] == ["logged 1 h for 2026-11-20"] and result["pushed"]


def test_a_merge_git_left_open_is_committed(two: Machines) -> None:
    extra = two.home("b") / "curricula" / "notes.txt"
    extra.parent.mkdir()
    extra.write_text("notes\n")
    two.sync("b")
    home = two.home("a")
    (home / "curricula").mkdir()
    (home / "curricula" / "mine.txt").write_text("mine\n")
    git(home, "add", "curricula")
    git(home, "commit", "-qm", "mine")
    git(home, "fetch", "-q", "origin")
    git(home, "merge", "-q", "--no-ff", "--no-commit", "origin/main")
    assert (home / ".git" / "MERGE_HEAD").exists()
    result = two.sync("a")
    assert result["finished"] == ["committed a merge that was left open"]
    assert result["pushed"] is True
    assert git(two.remote, "show", "main:curricula/notes.txt") == "notes\n"
    assert git(two.remote, "show", "main:curricula/mine.txt") == "mine\n"


def test_kill_9_at_random_moments_loses_nothing(two: Machines) -> None:
    # Each round, B changes something and syncs, A's sync (a real process) is killed at a
    # random moment, and a normal sync finishes it. In odd rounds A records a change before
    # the killed sync and another one after it, and B only adds a file under curricula/:
    # until the record's events have ids (decision 49), A and B must not both change the
    # record between two syncs.
    shuffle = random.Random(26)
    environment = {**os.environ, "ROADMAP_HOME": str(two.home("a"))}
    killed_in_flight = 0
    a_changes = b_logs = 0
    # How long a sync that has nothing to do takes here (a real process): the kills land
    # within that, so most of them stop a sync in flight, on a fast machine or a slow one.
    began = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "roadmap_tracker", "sync"],
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    nothing_to_do = time.monotonic() - began
    for round_number in range(8):
        day = f"2026-11-{round_number + 1:02d}"
        two.sync("b")  # B has A's changes before it changes anything
        if round_number % 2 == 0:
            two.on("b", "log", str(round_number + 1), "--on", day)
            b_logs += 1
        else:
            extra = two.home("b") / "curricula" / f"b{round_number}.txt"
            extra.parent.mkdir(exist_ok=True)
            extra.write_text(f"{round_number}\n")
            two.on("a", "log", "0.5", "--on", day, "--task", "attention-from-scratch")
            a_changes += 1
        two.sync("b")
        child = subprocess.Popen(
            [sys.executable, "-m", "roadmap_tracker", "sync"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(shuffle.uniform(0.0, nothing_to_do))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed_in_flight += 1
        child.wait()
        time.sleep(0.2)  # the git commands it started finish on their own
        if round_number % 2:
            two.on("a", "note", "attention-from-scratch", f"round {round_number}", "--on", day)
            a_changes += 1
        two.sync("a")
        a_record, b_record = two.record("a"), two.record("b")
        assert a_record == two.remote_record()
        assert set(events(b_record)) <= set(events(a_record))
        assert len(events(a_record)) == len(set(events(a_record))), "a line twice"
        assert a_record.count('"action": "log"') == b_logs + (round_number + 1) // 2
        assert a_record.count('"action": "note"') == (round_number + 1) // 2
        assert (two.home("a") / "curricula" / "b1.txt").exists() or round_number < 1
        assert git(two.home("a"), "status", "--porcelain").strip() == ""
    assert killed_in_flight >= 3
    two.on("a", "doctor")
