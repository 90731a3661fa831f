"""Writing the progress file so that no learner's work is ever lost.

The file is YAML that a person can read, edit and merge (its form:
:mod:`roadmap_tracker.progress.file_format`). What the guarantees are and how each is tested:
``docs/reliability.md``.

- **Appends.** A change appends its complete lines under the exclusive lock
  (:func:`~roadmap_tracker.progress.lock.locked`, the lock of the file a symlink resolves to),
  written with one ``write`` and fsynced (:func:`append_lines`), so a write costs the same with
  50,000 events as with none. A crash can leave at most a torn last line; reads ignore it
  (:func:`~roadmap_tracker.progress.reading.load`) and the next change cuts it off under the
  lock before it appends.
- **Rewrites.** Only a migration from an older schema, ``roadmap restore``, the first change
  to a file that reads ``events: []``, and the first change to a file an append would not
  land in (empty, header-only, all NUL, events in a flow list: :func:`_appendable`) rewrite
  the whole file. The previous file is first copied into ``backups/`` (:func:`backup_progress`,
  named by a UTC stamp; the newest ten of roadmap's are kept, never the one just made), then
  the new text goes to a temporary file in the same directory, is fsynced and moved over the
  old one with ``os.replace`` (through a symlink, which stays), and the directory is fsynced
  (:func:`write_atomic`).
- **Damage.** A file that does not parse or validate is never written to; the error names its
  line and the newest backup that loads, with the command that restores it
  (:mod:`roadmap_tracker.progress.reading`).
- **Reads** go line by line (:func:`~roadmap_tracker.progress.reading.scan_progress`): memory
  follows what a command shows, not the size of the file.
- **Privacy.** The file, its backups and temporary files are created readable by the owner
  only, in directories only the owner can enter.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap_tracker.base import atomic, clock, paths
from roadmap_tracker.base.atomic import ReplacedUnsynced
from roadmap_tracker.base.errors import RoadmapError, error_reason
from roadmap_tracker.progress.event_log import Progress
from roadmap_tracker.progress.events import SCHEMA_VERSION, Event
from roadmap_tracker.progress.file_format import HEADER, event_line, render_progress
from roadmap_tracker.progress.lock import locked

if TYPE_CHECKING:
    from roadmap_tracker.progress.reading import Snapshot

KEPT_BACKUPS = 10
"""How many of roadmap's backups ``backups/`` keeps (:func:`backup_progress`)."""

_HEADER_V1 = (
    "# roadmap progress file: your enrollments and a record of what you did.\n"
    "# Each line below 'events:' is one event. roadmap keeps a backup in backups/ before it\n"
    "# rewrites this file as a whole.\n"
)


def write_events(path: Path, snapshot: Snapshot, events: Sequence[Event]) -> Progress:
    """Add ``events`` to the progress file at ``path``, read whole as ``snapshot``, with the
    lock held: appended when the file can be appended to; else, after a backup, rewritten
    (a torn last record cut off, an older schema migrated, a file an append would not land
    in written afresh). Returns the progress with them. Raises RoadmapError when the file
    cannot be written (it is then unchanged), or when the events are in place but the
    directory could not be synced (the sentence says they were recorded).
    """
    if not events:
        return snapshot.progress
    progress = snapshot.progress
    for event in events:
        progress = progress.with_event(event)
    lines = "".join(event_line(event) for event in events)
    remove_stale_temp_files(path)
    try:
        if not snapshot.exists:
            write_atomic(path, render_progress(progress))
        elif snapshot.version != SCHEMA_VERSION:
            backup_progress(path, reason=f"schema-{snapshot.version}")
            migrated = migrated_text(snapshot.text, snapshot.progress)
            write_atomic(path, _open_events(migrated) + lines)
        elif not _appendable(_open_events(snapshot.text)):
            # Empty, header-only or all-NUL files, and files whose events are not the last
            # block list: appending would leave a file that no longer loads.
            size = snapshot.valid_bytes + snapshot.torn_bytes
            kept = (
                backup_progress(
                    path, reason="no-events" if not snapshot.progress.events else "rewrite"
                )
                if size
                else None
            )
            write_atomic(path, render_progress(progress))
            _tell_rewritten(path, snapshot, kept)
        elif _open_events(snapshot.text) != snapshot.text:
            # 'events: []' cannot be appended to: rewrite it as 'events:' first.
            backup_progress(path, reason="open-events")
            write_atomic(path, _open_events(snapshot.text) + lines)
        else:
            append_lines(
                path,
                lines,
                newline_first=bool(snapshot.text) and not snapshot.text.endswith("\n"),
                cut_to=snapshot.valid_bytes if snapshot.torn_bytes else None,
            )
    except ReplacedUnsynced as error:
        raise _recorded_unsynced(path, error, events) from error
    except OSError as error:
        raise unwritable_error(path, error) from error
    return progress


def _appendable(text: str) -> bool:
    """Whether a record line appended to ``text`` lands in its events: True when a line
    ``events:`` is followed only by list items, their indented lines, comments and blanks.
    """
    lines = text.split("\n")
    try:
        start = next(
            n for n, line in enumerate(lines) if line.split("#", 1)[0].rstrip() == "events:"
        )
    except StopIteration:
        return False
    return all(
        not line.strip() or line.startswith(("-", " ", "\t", "#")) for line in lines[start + 1 :]
    )


def _tell_rewritten(path: Path, snapshot: Snapshot, kept: Path | None) -> None:
    """Tell the learner (on stderr, through :mod:`logging`) that a file roadmap could not
    append to was started again, and where the old one is kept.
    """
    import logging

    raw = snapshot.text
    if not raw and snapshot.torn_bytes:
        what = f"held {snapshot.torn_bytes} bytes of NUL or a torn record and no events"
    elif not raw.strip():
        what = "was empty"
    elif not snapshot.progress.events:
        what = "held no events"
    else:
        what = "could not be appended to"
    where = f"; the old file is kept as {kept}" if kept else ""
    logging.getLogger("roadmap_tracker").warning(
        "Note: the progress file %s %s, so roadmap started a clean one with this change%s. "
        "'roadmap doctor' lists the backups.",
        path,
        what,
        where,
    )


def replace_progress(content: bytes, reason: str, path: Path | None = None) -> Path | None:
    """Replace the whole progress file with ``content`` (checked by the caller) under the
    lock, keeping the current file (even a damaged one) in ``backups/`` first; return that
    backup (None if there was no file).

    Raises RoadmapError when it cannot be written.
    """
    with locked(path) as target:
        kept = backup_progress(target, reason)
        try:
            write_atomic(target, content)
        except ReplacedUnsynced as error:
            raise RoadmapError(
                f"The progress file {target} was replaced, but its directory could not be "
                f"synced to disk: {error_reason(error)}.",
                "Every command sees the new file now; a crash before your system writes it "
                "out could bring the old one back"
                + (f" (it is also kept as {kept})." if kept else "."),
            ) from error
        except OSError as error:
            raise unwritable_error(target, error) from error
        return kept


def backup_progress(path: Path | None = None, reason: str = "backup") -> Path | None:
    """Copy the progress file, byte for byte, into ``backups/``; return the copy, or None
    when there is no progress file yet.

    Backups are named ``progress-YYYYMMDDTHHMMSSZ-NN-REASON.yaml``: the time in UTC (so that
    their names sort in the order they were made, whatever the time zone of each command),
    NN counting backups made within the same second. Then the oldest of the backups roadmap
    wrote are removed until :data:`KEPT_BACKUPS` remain; the one just made is never removed,
    nor any file in ``backups/`` whose name roadmap does not write. Raises RoadmapError when
    it cannot copy.
    """
    import datetime as dt

    from roadmap_tracker.progress.backups import backup_order, list_backups

    path = path or paths.progress_path()
    directory = paths.backups_dir()
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise unwritable_error(path, error) from error
    stamp = clock.now().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    try:
        paths.private_dir(directory)
        same_second = [backup_order(p) for p in directory.glob(f"progress-{stamp}-*-*.yaml")]
        counter = max((key[2] for key in same_second if key is not None), default=0) + 1
        target = directory / f"progress-{stamp}-{counter:02d}-{reason}.yaml"
        write_atomic(target, content)
        for old in list_backups()[KEPT_BACKUPS:]:
            if old != target:
                old.unlink()
    except OSError as error:
        raise RoadmapError(
            f"Cannot keep a backup of {path} in {directory}: {error_reason(error)}.",
            "Make the directory writable; nothing was changed.",
        ) from error
    return target


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` (the progress file, a backup) so that a crash leaves
    either the old or the new file: :func:`roadmap_tracker.base.atomic.write_atomic`,
    durable, through a symlink (the file it points to is replaced and the link kept), a file
    that existed keeping its permissions and a new one owner-only. Raises OSError when
    nothing was replaced, and :class:`~roadmap_tracker.base.atomic.ReplacedUnsynced` when the
    file was replaced but its directory not synced.
    """
    atomic.write_atomic(path, content, durable=True, keep_mode=True, follow_symlinks=True)


def migrated_text(text: str, progress: Progress) -> str:
    """The text of an older progress file in the current schema, keeping the learner's
    comments and key order (ruamel.yaml round trip), every event one line.

    ``progress`` is the same file migrated in memory; when the round trip would not read back
    as exactly that (a style it cannot keep), the canonical text is returned instead: the
    backup keeps the original's comments.
    """
    import io

    from ruamel.yaml import YAML

    from roadmap_tracker.progress.migrations import migrate
    from roadmap_tracker.progress.reading import parse_progress

    yaml = YAML()
    yaml.width = 1 << 20
    try:
        document = yaml.load(text)
        version = int(document["schema_version"])
        document = migrate(document, version)
        _restyle(document, progress)
        out = io.StringIO()
        yaml.dump(document, out)
        result = out.getvalue()
        if result.startswith(_HEADER_V1):  # the header roadmap wrote, not the learner's
            result = HEADER + result[len(_HEADER_V1) :]
        if parse_progress(result, Path("migrated"))[0] == progress:
            return result
    except Exception:  # any failure of the round trip falls back to the canonical text
        pass
    return render_progress(progress)


def _restyle(document: Any, progress: Progress) -> None:
    """Write every migrated event in the form roadmap writes: JSON values on one line, in
    the learner's key order.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    def styled(value: Any) -> Any:
        if isinstance(value, str):
            return DoubleQuotedScalarString(value)
        if isinstance(value, list):
            sequence = CommentedSeq([styled(v) for v in value])
            sequence.fa.set_flow_style()
            return sequence
        return value

    events = document["events"]
    for index, (old, event) in enumerate(zip(events, progress.events, strict=True)):
        record = event.record()
        new = CommentedMap()
        new.fa.set_flow_style()
        keys = ["id"] + [k for k in old if k != "id" and k in record]
        keys += [k for k in record if k not in keys]
        for key in keys:
            new[DoubleQuotedScalarString(key)] = styled(record[key])
        events[index] = new


def _open_events(text: str) -> str:
    """``text`` with an empty flow list after ``events:`` (``events: []``) removed, so that
    a record line can follow it; other text is returned as it is. A newline is added at
    the end when missing.
    """
    lines = text.split("\n")
    for number, line in enumerate(lines):
        body, hash_sign, comment = line.partition("#")
        if body.replace(" ", "") == "events:[]":
            lines[number] = "events:" + (f"  #{comment}" if hash_sign else "")
            break
    opened = "\n".join(lines)
    return opened if opened.endswith("\n") or not opened else opened + "\n"


def remove_stale_temp_files(path: Path) -> None:
    """Remove temporary files a killed rewrite left beside the progress file and in
    ``backups/`` (call under the lock: no other writer can be using them).
    """
    for directory in (path.parent, paths.backups_dir()):
        if directory.is_dir():
            for stale in directory.glob(".progress*.tmp"):
                with contextlib.suppress(OSError):
                    stale.unlink()


def append_lines(path: Path, line: str, *, newline_first: bool, cut_to: int | None) -> None:
    """Append ``line`` after the file's complete records with one write, then fsync.

    A torn last record is cut off first (the file is cut to ``cut_to`` bytes); with
    ``newline_first`` a newline goes before the line. On failure the file is cut back to its
    length before, so no partial record stays behind.
    """
    data = line.encode("utf-8")
    if newline_first:
        data = b"\n" + data
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        if cut_to is not None:
            os.ftruncate(descriptor, cut_to)
        before = os.fstat(descriptor).st_size
        try:
            written = os.write(descriptor, data)
            while written < len(data):
                written += os.write(descriptor, data[written:])
            os.fsync(descriptor)
        except BaseException as failure:
            try:
                os.ftruncate(descriptor, before)
                os.fsync(descriptor)
            except OSError as error:
                if isinstance(failure, OSError):
                    raise OSError(
                        failure.errno,
                        f"{failure.strerror}, and cutting off the partial record failed "
                        f"({error.strerror}); 'roadmap doctor' checks the file",
                    ) from failure
            raise
    finally:
        os.close(descriptor)


def _recorded_unsynced(path: Path, error: OSError, events: Sequence[Event]) -> RoadmapError:
    """The error of a change that is in the file but whose directory could not be synced."""
    numbers = ", ".join(str(event.seq) for event in events)
    return RoadmapError(
        f"Your change was recorded in {path} (change {numbers}), but its directory could not "
        f"be synced to disk: {error_reason(error)}.",
        "Do not run the command again; 'roadmap history' shows the change. A crash before "
        "your system writes the file out could lose it.",
    )


def unwritable_error(path: Path, error: OSError) -> RoadmapError:
    return RoadmapError(
        f"Cannot write the progress file {path}: {error_reason(error)}.",
        "Free some space or make the directory writable (or set ROADMAP_HOME elsewhere); "
        "nothing was changed.",
    )
