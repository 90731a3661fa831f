"""The exclusive lock of the progress file, and waiting for it (:func:`locked`).

The lock belongs to the file, not to the directory: it is ``<file>.lock`` beside the file the
path resolves to (:func:`lock_path_of`). Every change to the file holds it; a command waits
for it as long as the commands ahead of it keep finishing changes.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roadmap_tracker.base import paths
from roadmap_tracker.base.atomic import OWNER_ONLY
from roadmap_tracker.base.errors import RoadmapError, error_reason

LOCK_TIMEOUT_SECONDS = 5.0
"""A command waiting for the lock gives up when the progress file has not changed for this
long (in seconds): the command holding the lock seems stuck."""


LOCK_MAX_WAIT_SECONDS = 120.0
"""A command gives up waiting for the lock after this long (in seconds), even while the
commands ahead of it keep writing."""


@contextlib.contextmanager
def locked(path: Path | None = None) -> Iterator[Path]:
    """Hold the exclusive lock of the progress file (or of another file of the data
    directory at ``path``: the timers' file); yields the file's path.

    The lock belongs to the file, not to the directory: it is ``<file>.lock`` beside the
    file the path resolves to, so that two data directories whose progress files are one
    file through a symlink take the same lock. A command waits as long as the commands
    ahead of it keep finishing changes, and gives up only when the file has not changed for
    :data:`LOCK_TIMEOUT_SECONDS` while it waited (a stuck holder), or after
    :data:`LOCK_MAX_WAIT_SECONDS` in all. Raises RoadmapError when the lock cannot be had,
    saying how many other commands were waiting.
    """
    from filelock import FileLock, Timeout

    path = path or paths.progress_path()
    try:
        paths.private_dir(path.parent)
        lock_path = lock_path_of(path)
        lock = FileLock(str(lock_path), mode=OWNER_ONLY)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            _wait_for(lock, path, lock_path)
        try:
            yield path
        finally:
            lock.release()
    except OSError as error:
        raise RoadmapError(
            f"Cannot lock {path}: {error_reason(error)}.",
            "Make the directory writable (or set ROADMAP_HOME elsewhere); nothing was changed.",
        ) from error


def lock_path_of(path: Path) -> Path:
    """The lock file of the progress file at ``path``: beside the file it resolves to."""
    real = Path(os.path.realpath(path))
    return real.with_name(real.name + ".lock")


def _wait_for(lock: Any, path: Path, lock_path: Path) -> None:
    """Wait for ``lock`` (a FileLock) while the commands ahead keep changing the file.

    Each waiting command leaves a file named by its process id in ``<lock>.waiting/`` so
    that a command that gives up can say how many others wait. Raises RoadmapError when
    the file stands still for LOCK_TIMEOUT_SECONDS or the wait passes LOCK_MAX_WAIT_SECONDS.
    """
    from filelock import Timeout

    queue = lock_path.with_name(lock_path.name + ".waiting")
    me = queue / str(os.getpid())
    with contextlib.suppress(OSError):
        paths.private_dir(queue)
        me.touch(mode=OWNER_ONLY)
    try:
        started = last_change = time.monotonic()
        seen = _change_stamp(path)
        while True:
            try:
                lock.acquire(timeout=0.25)
                return
            except Timeout:
                pass
            now = time.monotonic()
            stamp = _change_stamp(path)
            if stamp != seen:
                seen, last_change = stamp, now
            stalled = now - last_change >= LOCK_TIMEOUT_SECONDS
            if stalled or now - started >= LOCK_MAX_WAIT_SECONDS:
                break
        others = _waiting(queue) - 1
        waited = f"{now - started:.0f} s"
        if stalled:
            what = (
                f"Another roadmap command holds the lock of {path}, and no change has been "
                f"written for {LOCK_TIMEOUT_SECONDS:g} s of the {waited} this one waited"
            )
        else:
            what = f"This command waited {waited} for the lock of {path}"
        queued = f" ({others} other command{'s' if others != 1 else ''} waiting too)"
        raise RoadmapError(
            f"{what}{queued if others > 0 else ''}.",
            "Wait for the others to finish and try again; nothing was changed.",
        )
    finally:
        with contextlib.suppress(OSError):
            me.unlink()


def _change_stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _waiting(queue: Path) -> int:
    """How many processes wait in ``queue`` (files of processes that are gone are removed)."""
    count = 0
    with contextlib.suppress(OSError):
        for entry in queue.iterdir():
            if not entry.name.isdigit():
                continue
            try:
                os.kill(int(entry.name), 0)
            except ProcessLookupError:
                with contextlib.suppress(OSError):
                    entry.unlink()
                continue
            except OSError:
                pass  # alive, owned by someone else
            count += 1
    return count
