"""Reading and writing the progress file safely.

The file is YAML that diffs and merges line by line: a short header, one enrollment per line
and one event per line (each line a JSON object, which is also YAML). Every change happens
under an exclusive lock (:func:`updating`), is written to a temporary file in the same
directory, flushed, fsynced and moved over the old file with ``os.replace``; the directory is
fsynced after. A file that does not parse or validate is never overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from roadmap_tracker import clock, paths
from roadmap_tracker.errors import RoadmapError
from roadmap_tracker.progress import Progress

LOCK_TIMEOUT_SECONDS = 5.0
KEPT_BACKUPS = 10
HEADER = (
    "# roadmap progress file: your enrollments and a record of what you did.\n"
    "# Each line below 'events:' is one event. roadmap keeps a backup in backups/ before it\n"
    "# rewrites this file as a whole.\n"
)


def read_progress(path: Path | None = None) -> Progress:
    """Return the progress stored at ``path`` (default: the data directory's progress file).

    A missing file is an empty progress. Raises RoadmapError when the file cannot be read,
    does not parse, or does not validate; the message names the file and line.
    """
    path = path or paths.progress_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Progress()
    except (OSError, UnicodeDecodeError) as error:
        raise RoadmapError(
            f"Cannot read the progress file {path}: {_reason(error)}.",
            "Check the file's permissions; nothing was changed.",
        ) from error
    return parse_progress(text, path)


def parse_progress(text: str, path: Path) -> Progress:
    """Parse and validate the text of a progress file; see :func:`read_progress`."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = YAML(typ="safe").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f":{mark.line + 1}" if mark else ""
        raise _damaged(path, where, str(error.problem or "invalid YAML")) from None
    except YAMLError as error:
        raise _damaged(path, "", str(error)) from None
    if data is None:
        return Progress()
    if not isinstance(data, dict):
        raise _damaged(path, ":1", "it does not hold a mapping")
    from pydantic import ValidationError

    try:
        return Progress.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        field = ".".join(str(part) for part in first["loc"]) or "file"
        line = _line_of(text, first["loc"])
        raise _damaged(path, line, f"{field}: {first['msg']}") from None


def render_progress(progress: Progress) -> str:
    """Return the text of a progress file: header, then one enrollment and one event a line."""
    lines = [HEADER, f"schema_version: {progress.schema_version}"]
    lines.append(f"active: {_flow(progress.active)}")
    lines.append("enrollments:" + ("" if progress.enrollments else " []"))
    lines += [f"- {_flow(e.model_dump(mode='json'))}" for e in progress.enrollments]
    lines.append("events:" + ("" if progress.events else " []"))
    lines += [f"- {_flow(e.model_dump(mode='json', exclude_none=True))}" for e in progress.events]
    return "\n".join(lines) + "\n"


def write_progress(progress: Progress, path: Path | None = None) -> None:
    """Replace the progress file atomically with ``progress``.

    Raises RoadmapError (and leaves the old file as it was) when the directory is not writable
    or the disk is full.
    """
    path = path or paths.progress_path()
    try:
        write_atomic(path, render_progress(progress))
    except OSError as error:
        raise RoadmapError(
            f"Cannot write the progress file {path}: {_reason(error)}.",
            "Make the directory writable (or set ROADMAP_HOME elsewhere); nothing was changed.",
        ) from error


@contextlib.contextmanager
def locked(path: Path | None = None) -> Iterator[Path]:
    """Hold the exclusive lock of the progress file; wait up to five seconds for it.

    Yields the progress file's path. Raises RoadmapError when the lock cannot be had.
    """
    from filelock import FileLock, Timeout

    path = path or paths.progress_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS)
        with lock:
            yield path
    except Timeout:
        raise RoadmapError(
            f"Another roadmap command has held {path} for over {LOCK_TIMEOUT_SECONDS:g} s.",
            "Wait for it to finish and try again; nothing was changed.",
        ) from None
    except OSError as error:
        raise RoadmapError(
            f"Cannot lock the progress file {path}: {_reason(error)}.",
            "Make the directory writable (or set ROADMAP_HOME elsewhere); nothing was changed.",
        ) from error


def update_progress(change: Callable[[Progress], Progress | None]) -> Progress:
    """Read, change and write the progress file under its lock; return the new progress.

    ``change`` gets the fresh state and returns the new one, or None to write nothing. A
    RoadmapError raised by ``change`` leaves the file untouched.
    """
    with locked() as path:
        current = read_progress(path)
        changed = change(current)
        if changed is None:
            return current
        write_progress(changed, path)
        return changed


def backup_progress(path: Path | None = None, reason: str = "backup") -> Path | None:
    """Copy the progress file into ``backups/`` (keeping the newest ten); return the copy.

    Returns None when there is no progress file yet. Raises RoadmapError when it cannot copy.
    """
    path = path or paths.progress_path()
    if not path.exists():
        return None
    directory = paths.backups_dir()
    stamp = clock.now().strftime("%Y%m%dT%H%M%S")
    target = directory / f"progress-{stamp}-{reason}.yaml"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        counter = 1
        while target.exists():
            counter += 1
            target = directory / f"progress-{stamp}-{reason}-{counter}.yaml"
        write_atomic(target, path.read_text(encoding="utf-8"))
        for old in sorted(directory.glob("progress-*.yaml"))[:-KEPT_BACKUPS]:
            old.unlink()
    except OSError as error:
        raise RoadmapError(
            f"Cannot keep a backup of {path} in {directory}: {_reason(error)}.",
            "Make the directory writable; nothing was changed.",
        ) from error
    return target


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file.

    Temp file in the same directory, flush, fsync, ``os.replace``, fsync of the directory.
    Raises OSError; the temp file is removed on failure.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, temp)
        temp.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _flow(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


def _damaged(path: Path, where: str, problem: str) -> RoadmapError:
    backups = sorted(paths.backups_dir().glob("progress-*.yaml"))
    hint = "Nothing was changed. Fix the file by hand"
    hint += f", or copy the newest backup {backups[-1]} over it." if backups else "."
    problem = " ".join(problem.split())
    return RoadmapError(f"The progress file {path}{where} is damaged: {problem}.", hint)


def _line_of(text: str, loc: tuple[Any, ...]) -> str:
    """Best-effort line of a validation error: the n-th record of a top-level list."""
    if len(loc) >= 2 and loc[0] in ("enrollments", "events") and isinstance(loc[1], int):
        heading = f"{loc[0]}:"
        lines = text.splitlines()
        for number, line in enumerate(lines):
            if line.startswith(heading):
                records = []
                for n in range(number + 1, len(lines)):
                    if not lines[n].startswith("- "):
                        break
                    records.append(n)
                if loc[1] < len(records):
                    return f":{records[loc[1]] + 1}"
    return ""
