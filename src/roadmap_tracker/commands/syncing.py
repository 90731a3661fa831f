"""``roadmap sync``: your record on every machine, through git (issue 26, decision 50).

The data directory is a git working tree with a remote. A sync commits what changed here
(the record, your curricula, the git files), fetches, merges and pushes, and says what came
in. Git runs as the ``git`` program (never prompting: ``GIT_TERMINAL_PROMPT=0``, no
askpass, no terminal).

The merge never lets git write the working tree: ``git merge-tree`` makes the merged tree
(``progress.yaml merge=union``, :mod:`~roadmap_tracker.progress.sync_files`), ``git
commit-tree`` the merge commit, and roadmap writes the changed files itself, each whole
(:func:`~roadmap_tracker.base.atomic.write_atomic`) under the progress file's lock, before it
moves HEAD. A journal (``.git/roadmap-merge``: the commits before and after) lives while it
does so: a sync killed at any moment leaves either that journal, which the next sync
finishes, or stale git locks, which the next sync removes once they are old
(:data:`STALE_GIT_LOCK_SECONDS`), or local commits not pushed yet, which it pushes. Lines
the learner recorded meanwhile are kept: the progress file written is the merged one plus
every line of the working file that neither side had.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_tracker.base import paths
from roadmap_tracker.base.errors import RoadmapError, error_reason
from roadmap_tracker.base.records import View

if TYPE_CHECKING:
    import subprocess

RECORD = "progress.yaml"
TRAVELS = (RECORD, "curricula", ".gitignore", ".gitattributes")
"""What a sync commits: the record, your curricula and the git files; nothing else."""

JOURNAL = "roadmap-merge"
"""The file in ``.git`` that lives while a sync moves the working tree to a merge."""

SYNC_LOCK = "roadmap-sync.lock"
"""The file in ``.git`` that one sync at a time holds."""

STALE_GIT_LOCK_SECONDS = 2.0
"""A git lock file (``index.lock``, ``refs/heads/main.lock``...) unchanged this long while
this sync holds the sync lock was left by a git that was killed: it is removed."""

NETWORK_TIMEOUT_SECONDS = 120.0
"""A fetch or push that takes longer is given up (the remote is unreachable)."""

MIN_GIT = (2, 38)
"""``git merge-tree --write-tree`` came with git 2.38."""


class SyncResult(View):
    """``roadmap sync``: what was committed here, what came in, whether it was pushed.

    ``remote`` is the name of the git remote (``origin``); ``initialized`` says what
    ``--init`` did (None for a plain sync); ``finished``, what was left of an interrupted
    sync and is now done.
    """

    directory: str
    remote: str
    branch: str
    initialized: str | None
    finished: list[str]
    committed: list[str]
    received: list[str]
    pushed: bool


def sync(url: str | None = None) -> SyncResult:
    """Commit the local changes, fetch, merge, push; with ``url``, set the data directory up
    first (``git init``, the remote ``origin``, the git files) and take or merge the remote's
    record. Raises RoadmapError (one sentence and a hint) when it cannot.
    """
    git = Git(paths.data_dir())
    initialized: str | None = None
    if url is not None:
        git.init_repository(url)
    else:
        git.check_repository()
    git.check_version()
    remote = git.remote()
    with git.sync_lock():
        finished = git.recover()
        if url is not None:
            initialized = git.adopt_remote(remote)
        write_git_files(git.directory)  # (committed with the local changes)
        committed = git.commit_local()
        received, pushed = git.exchange(remote, upstream=url is not None)
    return SyncResult(
        directory=str(git.directory),
        remote=remote,
        branch=git.branch(),
        initialized=initialized,
        finished=finished,
        committed=committed,
        received=received,
        pushed=pushed,
    )


def write_git_files(directory: Path) -> list[str]:
    """The data directory's ``.gitignore`` and ``.gitattributes`` (see
    :mod:`~roadmap_tracker.progress.sync_files`); raises RoadmapError when they cannot be
    written.
    """
    from roadmap_tracker.progress.sync_files import write_git_files as write

    try:
        return write(directory)
    except OSError as error:
        raise RoadmapError(
            f"Cannot write the git files of {directory}: {error_reason(error)}.",
            "Make the data directory writable; nothing was synced.",
        ) from error


class Git:
    """The ``git`` program run in the data directory, and the steps of a sync."""

    def __init__(self, directory: Path, command: str = "roadmap sync") -> None:
        import shutil

        self.directory = directory
        self.command = command
        """The command the hints of errors say to run again."""
        program = shutil.which("git")
        if program is None:
            raise RoadmapError(
                f"{self.command} needs git, and git is not installed.",
                f"Install git (https://git-scm.com/downloads) and run {self.command} again.",
            )
        self.program = program
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY")
        }
        self.env.update(GIT_TERMINAL_PROMPT="0", GIT_ASKPASS="", SSH_ASKPASS="")
        self.env["LC_ALL"] = "C"  # git's messages in English, to tell them apart
        self.identity: list[str] | None = None
        self.record_lock = directory / RECORD
        """The file whose lock a commit and a merge hold (no roadmap command writes meanwhile)."""

    def travels(self, path: str) -> bool:
        """Whether a merge writes ``path`` into the working tree: the record, the curricula
        and the git files (a study group's repository writes its members' folders)."""
        return path in TRAVELS[:1] + TRAVELS[2:] or path.startswith("curricula/")

    # --- running git ---------------------------------------------------------------------

    def run(
        self,
        *args: str,
        check: bool = True,
        network: bool = False,
        text: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        """Run ``git ARGS`` in the data directory; raise RoadmapError when it fails and
        ``check``. ``network`` gives it :data:`NETWORK_TIMEOUT_SECONDS`.
        """
        import subprocess

        try:
            done = subprocess.run(
                [self.program, "-C", str(self.directory), *args],
                capture_output=True,
                text=text,
                encoding="utf-8" if text else None,
                errors="replace" if text else None,
                env=self.env,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # no terminal: ssh cannot ask either
                timeout=NETWORK_TIMEOUT_SECONDS if network else None,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise RoadmapError(
                f"The remote did not answer within {NETWORK_TIMEOUT_SECONDS:g} s.",
                f"Check your connection and run {self.command} again; nothing was lost.",
            ) from error
        except OSError as error:
            raise RoadmapError(
                f"Cannot run git: {error_reason(error)}.",
                "Check your git installation; nothing was synced.",
            ) from error
        if check and done.returncode != 0:
            raise RoadmapError(
                f"git {args[0]} failed: {_last_line(done.stderr)}",
                f"Run {self.command} again; if it fails the same way, see docs/sync.md.",
            )
        return done

    def out(self, *args: str) -> str:
        """The standard output of ``git ARGS``, stripped."""
        return self.run(*args).stdout.strip()

    def ok(self, *args: str) -> bool:
        """Whether ``git ARGS`` succeeds."""
        return self.run(*args, check=False).returncode == 0

    def blob(self, commit: str | None, path: str) -> bytes | None:
        """The bytes of ``path`` in ``commit`` (None when it has no such file)."""
        if commit is None:
            return None
        done = self.run("cat-file", "blob", f"{commit}:{path}", check=False, text=False)
        return bytes(done.stdout) if done.returncode == 0 else None  # type: ignore[arg-type]

    def committer(self) -> list[str]:
        """``-c user.name=... -c user.email=...`` when git knows no identity (a new machine),
        so that a sync still commits: the learner's user name at this machine."""
        if self.identity is None:
            self.identity = []
            if not self.ok("var", "GIT_AUTHOR_IDENT") or not self.ok("var", "GIT_COMMITTER_IDENT"):
                import getpass

                user = _safe(getpass.getuser()) or "learner"
                host = _host()
                self.identity = ["-c", f"user.name={user}", "-c", f"user.email={user}@{host}"]
        return self.identity

    # --- checks ----------------------------------------------------------------------------

    def check_version(self) -> None:
        """Raise RoadmapError when git is older than :data:`MIN_GIT`."""
        import re

        found = re.search(r"(\d+)\.(\d+)", self.run("--version").stdout)
        if found and (int(found[1]), int(found[2])) < MIN_GIT:
            raise RoadmapError(
                f"{self.command} needs git {MIN_GIT[0]}.{MIN_GIT[1]} or later; this is "
                f"git {found[1]}.{found[2]}.",
                f"Update git and run {self.command} again.",
            )

    def check_repository(self) -> None:
        """Raise RoadmapError unless the data directory is a git working tree of its own."""
        if not (self.directory / ".git").exists():
            raise RoadmapError(
                f"Your data directory {self.directory} is not a git repository.",
                "Set it up with 'roadmap sync --init URL' (URL: an empty repository of yours).",
            )

    def remote(self) -> str:
        """The remote a sync uses: ``origin``, or the only one; raises RoadmapError when
        there is none."""
        remotes = self.out("remote").split()
        if "origin" in remotes:
            return "origin"
        if len(remotes) == 1:
            return remotes[0]
        raise RoadmapError(
            f"The git repository of {self.directory} has "
            + ("no remote." if not remotes else "several remotes and none is named origin."),
            "Add one with 'roadmap sync --init URL' (URL: an empty repository of yours).",
        )

    def remote_url(self, remote: str) -> str:
        return self.out("remote", "get-url", remote)

    def branch(self) -> str:
        """The current branch; raises RoadmapError on a detached HEAD."""
        done = self.run("symbolic-ref", "--short", "-q", "HEAD", check=False)
        if done.returncode != 0:
            raise RoadmapError(
                f"The git repository of {self.directory} is on no branch (a detached HEAD).",
                f"Run 'git switch main' (or your branch) in it, then {self.command}.",
            )
        return done.stdout.strip()

    def head(self) -> str | None:
        done = self.run("rev-parse", "-q", "--verify", "HEAD^{commit}", check=False)
        return done.stdout.strip() or None

    @property
    def git_dir(self) -> Path:
        return self.directory / ".git"

    @contextlib.contextmanager
    def sync_lock(self) -> Iterator[None]:
        """Hold ``.git/roadmap-sync.lock``: one sync at a time."""
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.git_dir / SYNC_LOCK))
        try:
            lock.acquire(timeout=30)
        except Timeout:
            raise RoadmapError(
                f"Another {self.command} is running in this data directory.",
                "Wait for it to finish; nothing was changed.",
            ) from None
        try:
            yield
        finally:
            lock.release()

    # --- setting up ------------------------------------------------------------------------

    def init_repository(self, url: str) -> None:
        """``git init`` the data directory unless it is a repository, and add ``url`` as
        ``origin`` (or check that ``origin`` is ``url``). A local path that does not exist
        becomes an empty bare repository (a USB stick, a shared folder)."""
        paths.private_dir(self.directory)
        url = local_remote(self, url)
        if not (self.directory / ".git").exists():
            self.run("init", "-q", "-b", "main")
        remotes = self.out("remote").split()
        if "origin" not in remotes:
            self.run("remote", "add", "origin", url)
            return
        current = self.remote_url("origin")
        if current != url:
            raise RoadmapError(
                f"The remote origin of {self.directory} is {current}, not {url}.",
                f"Run 'roadmap sync' to use {current}, or 'git -C {self.directory} remote "
                "set-url origin URL' to change it.",
            )

    def adopt_remote(self, remote: str) -> str:
        """On ``--init``: fetch, and when this repository has no commit yet and the remote
        has a branch, take it (your record, if you had one, is merged into it by union).
        Returns what was done, in a sentence."""
        self.fetch(remote)
        remote_head = self._remote_default(remote)
        if remote_head is None:
            return "The remote was empty: your record goes to it."
        name, sha = remote_head
        if self.head() is None:
            self.run("symbolic-ref", "HEAD", f"refs/heads/{name}")
            had = (self.directory / RECORD).exists()
            self.move_to(sha, None)
            if had:
                return "The remote had a record: yours and its are merged."
            return "The remote had a record: it is now yours."
        if self.branch() != name:
            self.run("branch", "-m", name)
        return "The remote had a record: yours and its are merged."

    def _remote_default(self, remote: str) -> tuple[str, str] | None:
        """The remote's default branch (its HEAD, else main, master or the first) and its
        commit, as fetched; None when it has no branch."""
        listed = self.out(
            "for-each-ref", "--format=%(refname:lstrip=3) %(objectname)", f"refs/remotes/{remote}"
        )
        branches = dict(
            line.split(" ", 1) for line in listed.splitlines() if not line.startswith("HEAD ")
        )
        if not branches:
            return None
        named = self.run("ls-remote", "--symref", remote, "HEAD", check=False, network=True)
        for line in named.stdout.splitlines():
            if line.startswith("ref: refs/heads/"):
                name = line.split()[1].removeprefix("refs/heads/")
                if name in branches:
                    return name, branches[name]
        for name in ("main", "master", *sorted(branches)):
            if name in branches:
                return name, branches[name]
        return None  # (unreachable)

    # --- an interrupted sync -----------------------------------------------------------------

    def recover(self) -> list[str]:
        """Finish what an interrupted sync left: stale git locks, a merge half moved into the
        working tree (the journal), a merge git left open. Returns what was done."""
        done: list[str] = []
        if self._remove_stale_locks():
            done.append("removed git locks an interrupted sync left")
        journal = self.git_dir / JOURNAL
        if journal.exists():
            words = journal.read_text(encoding="ascii").split()
            if len(words) == 2:
                old, new = (None if w == "-" else w for w in words)
                head = self.head()
                if new is not None and head in (old, new):
                    self.move_to(new, old)
                    done.append("finished a merge an interrupted sync had begun")
            with contextlib.suppress(FileNotFoundError):
                journal.unlink()
        if (self.git_dir / "MERGE_HEAD").exists():
            unmerged = self.out("diff", "--name-only", "--diff-filter=U")
            if unmerged:
                raise RoadmapError(
                    f"A git merge in {self.directory} stopped on a conflict in "
                    f"{unmerged.splitlines()[0]}.",
                    f"Resolve it (keep both sides' lines) and commit, or run 'git -C "
                    f"{self.directory} merge --abort'; then {self.command}. Your commits keep "
                    "every change.",
                )
            self.run(*self.committer(), "commit", "-q", "--no-verify", "--no-edit")
            done.append("committed a merge that was left open")
        return done

    def _remove_stale_locks(self) -> bool:
        """Remove git's lock files that stay unchanged :data:`STALE_GIT_LOCK_SECONDS` (this
        sync holds the sync lock: no sync of roadmap's runs git meanwhile)."""
        candidates = [
            self.git_dir / name
            for name in ("index.lock", "HEAD.lock", "ORIG_HEAD.lock", "config.lock")
        ]
        candidates.append(self.git_dir / "packed-refs.lock")
        candidates += list((self.git_dir / "refs").rglob("*.lock"))
        found = [path for path in candidates if path.exists()]
        removed = False
        for path in found:
            deadline = time.monotonic() + STALE_GIT_LOCK_SECONDS + 5
            while time.monotonic() < deadline:
                try:
                    age = self._file_system_now() - path.stat().st_mtime
                except FileNotFoundError:
                    break  # a git finished with it
                if age >= STALE_GIT_LOCK_SECONDS:
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
                        removed = True
                    break
                time.sleep(min(0.1, STALE_GIT_LOCK_SECONDS))
        return removed

    def _file_system_now(self) -> float:
        """The file system's time now (the mtime of the sync lock, touched): what lock files'
        ages are measured against, whatever the process's clock says."""
        mark = self.git_dir / SYNC_LOCK
        os.utime(mark)
        return mark.stat().st_mtime

    # --- the steps -------------------------------------------------------------------------

    def commit_local(self) -> list[str]:
        """Commit what changed here (under the progress file's lock, so that no roadmap
        command writes meanwhile); return what it was, one phrase per change."""
        from roadmap_tracker.progress.lock import locked

        with locked(self.record_lock):
            present = [
                name
                for name in TRAVELS
                if (self.directory / name).exists() or self.out("ls-files", "--", name)
            ]
            if present:
                self.run("add", "-A", "--", *present)
            if self.ok("diff", "--cached", "--quiet"):
                return []
            changes = self._staged_changes()
            self.run(
                *self.committer(),
                "commit",
                "-q",
                "--no-verify",
                "-m",
                commit_message(changes, _host()),
            )
        return changes

    def _staged_changes(self) -> list[str]:
        """What the staged changes are: each record line added (described), a rewrite of
        the record, the curricula and git files changed."""
        head = self.head()
        before = self.blob(head, RECORD) or b""
        staged = self.run("show", f":{RECORD}", check=False).stdout
        changes = describe_lines(added_lines(before.decode("utf-8", "replace"), staged), staged)
        if removed_lines(before.decode("utf-8", "replace"), staged):
            changes.append("rewrote the record (a restore or an upgrade)")
        names = self.out("diff", "--cached", "--name-status", "--no-renames")
        for line in names.splitlines():
            status, _, name = line.partition("\t")
            if name == RECORD:
                continue
            verb = {"A": "added", "D": "removed"}.get(status[:1], "changed")
            changes.append(f"{verb} {name}")
        return changes

    def fetch(self, remote: str) -> None:
        """``git fetch``; raises RoadmapError (offline, authentication...) when it fails."""
        done = self.run("fetch", "-q", "--no-tags", remote, check=False, network=True)
        if done.returncode != 0:
            raise network_error(done.stderr, self.remote_url(remote), "fetch", self.command)

    def exchange(self, remote: str, *, upstream: bool) -> tuple[list[str], bool]:
        """Fetch, merge what came in, push; once more when the push is rejected because
        someone pushed meanwhile. Returns (what came in, whether anything was pushed)."""
        received: list[str] = []
        for attempt in range(2):
            self.fetch(remote)
            received += self.merge(remote)
            head = self.head()
            theirs = self._remote_commit(remote)
            if head is None or head == theirs:
                return received, False
            branch = self.branch()
            args = ["push", "-q", "--porcelain"] + (["-u"] if upstream else [])
            done = self.run(*args, remote, f"HEAD:refs/heads/{branch}", check=False, network=True)
            if done.returncode == 0:
                return received, True
            error = network_error(
                done.stderr + done.stdout, self.remote_url(remote), "push", self.command
            )
            if not _rejected(done.stderr + done.stdout) or attempt == 1:
                raise error
        raise AssertionError("unreachable")  # pragma: no cover

    def _remote_commit(self, remote: str) -> str | None:
        branch = self.branch()
        done = self.run(
            "rev-parse", "-q", "--verify", f"refs/remotes/{remote}/{branch}", check=False
        )
        return done.stdout.strip() or None

    def merge(self, remote: str) -> list[str]:
        """Merge the fetched branch into HEAD without git touching the working tree (see the
        module's docstring); return what came in."""
        theirs = self._remote_commit(remote)
        head = self.head()
        if theirs is None or theirs == head:
            return []
        if head is not None and self.ok("merge-base", "--is-ancestor", theirs, head):
            return []  # nothing new over there
        before = (self.blob(head, RECORD) or b"").decode("utf-8", "replace")
        if head is None or self.ok("merge-base", "--is-ancestor", head, theirs):
            new = theirs  # a fast-forward
        else:
            merged = self.run(
                "merge-tree",
                "--write-tree",
                "--allow-unrelated-histories",
                "--name-only",
                head,
                theirs,
                check=False,
            )
            if merged.returncode != 0:
                lines = merged.stdout.splitlines()
                conflict = lines[1] if len(lines) > 1 else RECORD
                raise RoadmapError(
                    f"The changes from the remote conflict with yours in {conflict}, which "
                    "git cannot merge line by line.",
                    f"Nothing was changed here: keep one version of {conflict} (or merge "
                    f"them by hand), commit it, and run {self.command} again.",
                )
            tree = merged.stdout.splitlines()[0].strip()
            message = f"roadmap: merge the changes from {remote} on {_host()}"
            new = self.out(
                *self.committer(), "commit-tree", tree, "-p", head, "-p", theirs, "-m", message
            )
        after = (self.blob(new, RECORD) or b"").decode("utf-8", "replace")
        self.move_to(new, head)
        return describe_lines(added_lines(before, after), after)

    def move_to(self, new: str, old: str | None) -> None:
        """Make ``new`` the current commit, with its files in the working tree, from ``old``
        (None: no commit yet). The journal lives while it does (see the module's docstring).
        """
        from roadmap_tracker.base.atomic import write_atomic
        from roadmap_tracker.progress.lock import locked

        journal = self.git_dir / JOURNAL
        write_atomic(journal, f"{old or '-'} {new}\n", durable=True)
        with locked(self.record_lock):
            for path, blob_mode in self._changed_files(old, new):
                self._write_file(path, new if blob_mode else None, old)
            if self.head() != new:
                self.run("update-ref", "-m", "roadmap sync", "HEAD", new, *([old] if old else []))
            self.run("read-tree", "HEAD")  # the index as HEAD; the working tree is left alone
        journal.unlink()

    def _changed_files(self, old: str | None, new: str) -> list[tuple[str, bool]]:
        """The files of the travelling paths that differ from ``old`` to ``new``: (path, is
        a regular file in ``new``). Other paths and symbolic links are never written."""
        if old is None:
            listed = self.run("ls-tree", "-r", "-z", new).stdout
            entries = [
                (entry.split("\t", 1)[1], entry.split()[0]) for entry in listed.split("\0") if entry
            ]
        else:
            listed = self.run("diff-tree", "-r", "-z", "--no-renames", old, new).stdout
            parts = [part for part in listed.split("\0") if part]
            entries = [
                (parts[index + 1], parts[index].split()[1]) for index in range(0, len(parts), 2)
            ]
        found = []
        for path, mode in entries:
            if not self.travels(path):
                continue
            if mode == "120000" or ".." in path.split("/"):
                continue
            found.append((path, mode in ("100644", "100755")))
        return found

    def _write_file(self, path: str, commit: str | None, old: str | None) -> None:
        """Write ``path`` as it is in ``commit`` (None: remove it). The record keeps every
        line of the working file that neither ``old`` nor ``commit`` has (recorded here
        while a sync was interrupted)."""
        from roadmap_tracker.base.atomic import write_atomic

        target = self.directory / path
        content = self.blob(commit, path)
        if path == RECORD:
            try:
                working = target.read_text(encoding="utf-8")
            except (FileNotFoundError, UnicodeDecodeError):
                working = ""
            old_text = (self.blob(old, path) or b"").decode("utf-8", "replace")
            new_text = (content or b"").decode("utf-8", "replace")
            extra = added_lines(old_text, working)
            kept = added_lines(new_text, "".join(extra))
            if content is not None or kept:
                content = (new_text + "".join(kept)).encode("utf-8")
        if content is None:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            return
        try:
            if target.exists() and target.read_bytes() == content:
                return
            write_atomic(target, content, durable=True, keep_mode=True, follow_symlinks=True)
        except OSError as error:
            raise RoadmapError(
                f"Cannot write {target}: {error_reason(error)}.",
                f"Make the data directory writable and run {self.command} again; nothing was lost.",
            ) from error


# --- lines of the record -----------------------------------------------------------------------


def added_lines(before: str, after: str) -> list[str]:
    """The lines of ``after`` that ``before`` does not have (as a multiset), in order, each
    with its newline."""
    left = Counter(_lines(before))
    added = []
    for line in _lines(after):
        if left[line] > 0:
            left[line] -= 1
        else:
            added.append(line)
    return added


def removed_lines(before: str, after: str) -> list[str]:
    """The lines of ``before`` that ``after`` lacks."""
    return added_lines(after, before)


def _lines(text: str) -> list[str]:
    return [line if line.endswith("\n") else line + "\n" for line in text.splitlines()]


def describe_lines(lines: list[str], record: str = "") -> list[str]:
    """One phrase per record line (``checked m1/x on 2026-11-20``); an undo says what it took
    back when ``record`` (the whole record text) holds the event it names (``undid: checked
    m1/x on 2026-11-20``); other lines are left out, and a line roadmap cannot read is said
    to be one."""
    from roadmap_tracker.commands.safekeeping import describe
    from roadmap_tracker.progress import file_format
    from roadmap_tracker.progress.events import Event

    def event_of(line: str) -> Event:
        return Event.model_validate(file_format.record_of(line.strip()))

    events: dict[str, Event] = {}
    for line in record.splitlines():
        if line.startswith("- "):
            try:
                found = event_of(line)
            except Exception:  # (described below if it is one of ``lines``)
                continue
            events[found.id] = found
    phrases = []
    for line in lines:
        if not line.startswith("- "):
            continue
        try:
            event = event_of(line)
        except Exception:  # (a line of a newer roadmap, or damaged: still a change)
            phrases.append("a record line this roadmap cannot read")
            continue
        undone = events.get(event.undoes) if event.undoes else None
        if event.action == "undo" and undone is not None and undone.action != "undo":
            phrases.append(f"undid: {describe(undone)}")
        else:
            phrases.append(describe(event))
    return phrases


def commit_message(changes: list[str], host: str) -> str:
    """``roadmap: 3 changes on laptop: checked m1/x on 2026-11-20; ...`` (the first five in
    the subject, all of them in the body)."""
    count = f"{len(changes)} change{'s' if len(changes) != 1 else ''}"
    shown = "; ".join(changes[:5]) + (f"; and {len(changes) - 5} more" if len(changes) > 5 else "")
    body = "".join(f"- {change}\n" for change in changes)
    return f"roadmap: {count} on {host}: {shown}\n\n{body}"


# --- errors ---------------------------------------------------------------------------------------

_AUTH = (
    "authentication failed",
    "permission denied",
    "could not read username",
    "could not read password",
    "terminal prompts disabled",
    "invalid username or password",
    "host key verification failed",
    "the requested url returned error: 403",
    "the requested url returned error: 401",
)
_OFFLINE = (
    "could not resolve host",
    "could not resolve hostname",
    "unable to access",
    "connection refused",
    "connection timed out",
    "network is unreachable",
    "no route to host",
    "does not appear to be a git repository",
    "could not read from remote repository",
    "repository not found",
    "failed to connect",
    "operation timed out",
)
_REJECTED = ("[rejected]", "non-fast-forward", "fetch first", "! rejected", "\trejected")


def _rejected(stderr: str) -> bool:
    lowered = stderr.lower()
    return any(mark in lowered for mark in _REJECTED)


def network_error(
    stderr: str, url: str, action: str, command: str = "roadmap sync"
) -> RoadmapError:
    """The RoadmapError of a failed fetch or push, from git's message: authentication,
    an unreachable remote, a rejected push, or git's own last line."""
    lowered = stderr.lower()
    if any(mark in lowered for mark in _AUTH):
        return RoadmapError(
            f"The remote {url} refused your credentials.",
            "Check that you can 'git fetch' there (an SSH key or a credential helper; roadmap "
            f"never asks for a password), then run {command} again; nothing was lost.",
        )
    if _rejected(stderr):
        return RoadmapError(
            f"The remote {url} rejected the push twice: another machine keeps pushing.",
            f"Run {command} again in a moment; your changes are committed here.",
        )
    if any(mark in lowered for mark in _OFFLINE):
        return RoadmapError(
            f"Cannot reach the remote {url} (offline, or no repository there).",
            f"Your changes are committed here; run {command} again when it is reachable.",
        )
    return RoadmapError(
        f"git {action} failed: {_last_line(stderr)}",
        f"Your changes are committed here; run {command} again.",
    )


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return (lines[-1] if lines else "no message").removeprefix("fatal: ").rstrip(".") + "."


def _host() -> str:
    import socket

    return _safe(socket.gethostname().split(".")[0]) or "this machine"


def _safe(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum() or ch in "-_.")


def local_remote(git: Git, url: str) -> str:
    """``url`` as git stores it: a local path made absolute (``~`` expanded); a local path
    that does not exist becomes an empty bare repository. URLs are kept as given."""
    import re

    if "://" in url or (re.match(r"^[^/\\]+:", url) and not re.match(r"^[A-Za-z]:[\\/]", url)):
        return url
    path = Path(url).expanduser().absolute()
    if not path.exists():
        paths.private_dir(path.parent)
        git.run("init", "-q", "--bare", "-b", "main", str(path))
    return str(path)
