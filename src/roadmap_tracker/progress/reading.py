"""Reading the progress file: whole (:func:`load`, :func:`parse_progress`) or line by line
(:func:`scan_progress`), checked the same way either way.

A torn last record is left out (:func:`~roadmap_tracker.progress.file_format.torn_tail`),
a file in an older schema is migrated in memory (:mod:`roadmap_tracker.progress.migrations`),
and a file larger than :data:`MAX_PROGRESS_BYTES` is refused unread. A file that does not
parse or validate raises a RoadmapError naming its line and the newest backup that loads
(:func:`newest_good_backup`), with the command that restores it. Reads go line by line where
they can, so that memory follows what a command shows, not the size of the file
(docs/reliability.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from roadmap_tracker.base import paths
from roadmap_tracker.base.errors import RoadmapError, error_reason
from roadmap_tracker.base.records import Record
from roadmap_tracker.progress.backups import list_backups
from roadmap_tracker.progress.event_log import (
    Progress,
    ProgressError,
    SequenceCheck,
    canonical,
    fold_enrollments,
)
from roadmap_tracker.progress.events import SCHEMA_VERSION, Enrollment, Event
from roadmap_tracker.progress.file_format import record_of, torn_tail
from roadmap_tracker.progress.migrations import migrate

if TYPE_CHECKING:
    from collections.abc import Iterable

MAX_PROGRESS_BYTES = 200 * 1024 * 1024
"""A progress file larger than this is refused rather than read (about 1.4 million events)."""


class Snapshot(Record, kw_only=False):
    """The progress file as read: its progress (migrated in memory if older), the schema
    version on disk (None for a missing file), the byte length of its complete records, and
    how many bytes of a torn last record follow them (0 for none).
    """

    path: Path
    progress: Progress
    version: int | None
    text: str
    valid_bytes: int
    torn_bytes: int

    @property
    def exists(self) -> bool:
        """True when the file exists."""
        return self.version is not None


def read_progress(path: Path | None = None) -> Progress:
    """Return the progress stored at ``path`` (default: the data directory's progress file).

    A missing file is an empty progress. Raises RoadmapError when the file cannot be read,
    is too large, does not parse, does not validate, or has a newer schema than this program.
    """
    return load(path).progress


def digest_of(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()


_STRUCTURE_ACTIONS = frozenset({"start", "switch", "move", "stop"})


class Scan:
    """What one read of the progress file line by line found (:func:`scan_progress`),
    without its events.

    ``version`` is the schema version on disk (None for a missing file); ``valid_bytes``
    the byte length of the complete records and ``torn_bytes`` that of a torn last record
    after them (0 for none); ``ends_with_newline`` whether the complete records end with a
    newline; ``opened`` whether the ``events:`` line was seen, so that a record can be
    appended. ``digest`` is the SHA-256 (hex) of the valid bytes when asked for; with
    ``split_at``, of the first ``split_at`` bytes only, and ``rest_digest`` that of the
    others. ``check`` holds the numbers
    (:class:`~roadmap_tracker.progress.event_log.SequenceCheck`), ``structure`` the
    ``start``, ``switch``, ``move`` and ``stop`` events. ``snapshot`` is the whole read when
    the file is not in the form roadmap writes (then read whole).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.version: int | None = None
        self.valid_bytes = 0
        self.torn_bytes = 0
        self.ends_with_newline = True
        self.opened = False
        self.digest: str | None = None
        self.rest_digest: str | None = None
        self.check = SequenceCheck()
        self.structure: list[Event] = []
        self.snapshot: Snapshot | None = None

    @classmethod
    def of_snapshot(
        cls, snapshot: Snapshot, fold: Callable[[Event], None] | None, digest: bool
    ) -> Scan:
        """The scan of a file read whole, its events handed to ``fold`` in order."""
        scan = cls(snapshot.path)
        scan.snapshot = snapshot
        scan.version = snapshot.version
        scan.valid_bytes = snapshot.valid_bytes
        scan.torn_bytes = snapshot.torn_bytes
        scan.ends_with_newline = not snapshot.text or snapshot.text.endswith("\n")
        scan.digest = digest_of(snapshot.text.encode("utf-8")) if digest else None
        scan.check = SequenceCheck({event.id for event in snapshot.progress.events})
        for event in snapshot.progress.events:
            scan.check.add(event)
            if event.action in _STRUCTURE_ACTIONS:
                scan.structure.append(event)
            if fold is not None:
                fold(event)
        return scan

    @property
    def exists(self) -> bool:
        """True when the file exists."""
        return self.version is not None

    @property
    def events(self) -> int:
        """How many events the file holds (undo events and undone ones too)."""
        return self.check.count

    @property
    def next_seq(self) -> int:
        """The number the next event gets."""
        return self.check.last + 1

    @property
    def undone(self) -> dict[str, str]:
        """The id of each undone event, mapped to the id of the undo event."""
        return self.check.undone

    def enrollments(self) -> tuple[dict[str, Enrollment], list[tuple[Enrollment, Event]]]:
        """The current enrollments by slug (the active one last) and the stopped ones with
        their ``stop`` events: see :func:`~roadmap_tracker.progress.event_log.fold_enrollments`.
        """
        undone = self.check.undone
        return fold_enrollments(e for e in self.structure if e.id not in undone)


def scan_progress(
    path: Path | None = None,
    fold: Callable[[Event], None] | None = None,
    *,
    digest: bool = False,
) -> Scan:
    """Read the progress file at ``path`` (default: the data directory's) line by line,
    validating every record and handing each event to ``fold`` in the record's order (by
    id; a file whose lines are not in that order, as a merge leaves it, is read whole and
    sorted, and ``fold`` sees its events again from the start: check ``Scan.snapshot``), without
    keeping the events: memory does not grow with the file (docs/reliability.md). With
    ``digest`` the SHA-256 of the bytes read is computed too.

    It checks what :func:`load` checks, and reports the same problems: a torn last record
    is left out, a damaged line is named, the size limit holds. A file not in the form
    roadmap writes (an older schema, another YAML style, no events) is read whole with
    :func:`load` (``Scan.snapshot``), its events handed to ``fold`` the same way. ``fold``
    may see events of a file that turns out damaged further on: the RoadmapError comes at
    the end. Raises RoadmapError as :func:`read_progress` does.
    """
    path = path or paths.progress_path()
    scan = _stream(path, fold, digest=digest)
    if scan is not None:
        return scan
    return Scan.of_snapshot(load(path), fold, digest)


def _stream(
    path: Path,
    fold: Callable[[Event], None] | None,
    *,
    limit: int | None = None,
    digest: bool = False,
    split_at: int | None = None,
) -> Scan | None:
    """The body of :func:`scan_progress`: None for a missing file or one that is not in
    the form roadmap writes (:func:`_parse_lines`), which the caller reads whole. With
    ``limit`` only the first ``limit`` bytes are read; with ``split_at`` (and ``digest``)
    the digest covers the first ``split_at`` bytes and ``rest_digest`` the others.
    """
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _unreadable(path, error) from error
    scan = Scan(path)
    head = rest = None
    if digest:
        import hashlib

        head = hashlib.sha256()
        rest = hashlib.sha256() if split_at is not None else None
    head_room = split_at if split_at is not None else MAX_PROGRESS_BYTES + 1
    check, structure = scan.check, scan.structure
    read_record, validate = record_of, Event.model_validate
    number = index = read = valid = 0
    version: int | None = None
    in_events = False
    ends_with_newline = True
    invalid: tuple[int, str] | None = None  # the first record that does not validate
    with handle:
        try:
            if os.fstat(handle.fileno()).st_size > MAX_PROGRESS_BYTES:
                raise _too_large(path)
            lines: Iterable[bytes] = handle if limit is None else _lines_up_to(handle, limit)
            for line in lines:
                number += 1
                read += len(line)
                if read > MAX_PROGRESS_BYTES:
                    raise _too_large(path)
                if not line.endswith(b"\n"):  # the last line
                    torn = torn_tail(line)
                    if torn:
                        scan.torn_bytes = torn
                        break
                    ends_with_newline = False
                valid += len(line)
                if head is not None:
                    if head_room >= len(line):
                        head.update(line)
                        head_room -= len(line)
                    else:
                        head.update(line[:head_room])
                        if rest is not None:
                            rest.update(line[head_room:])
                        head_room = 0
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError:
                    raise _damaged(path, f":{number}", "it is not UTF-8 text") from None
                if in_events:
                    if not text.startswith("- {"):
                        stripped = text.strip()
                        if not stripped or stripped.startswith("#"):
                            continue
                        return None  # another YAML style: read whole
                    try:
                        record = read_record(text)
                    except ValueError:
                        return None
                    if invalid is not None:
                        continue  # only the form of the rest matters now
                    index += 1
                    try:
                        event = validate(record, index)
                    except ValueError as error:
                        invalid = (number, f"event {index}: {error}")
                        continue
                    if event.id <= check.last_id:
                        return None  # not in the record's order (a merge), or twice: read whole
                    try:
                        check.add(event)
                    except ProgressError:
                        # an undo of an event the file holds further on (lines a merge put
                        # out of order) or damage: the whole read sorts and decides
                        return None
                    if event.action in _STRUCTURE_ACTIONS:
                        structure.append(event)
                    if fold is not None:
                        fold(event)
                    continue
                body = text.rstrip("\n")
                stripped = body.strip()
                if not stripped or stripped.startswith("#"):
                    continue
                if body.startswith("schema_version: ") and version is None:
                    value = body.split(":", 1)[1].split("#", 1)[0].strip()
                    if not value.isdigit() or int(value) != SCHEMA_VERSION:
                        return None  # an older or newer schema, or damage: read whole
                    version = int(value)
                elif body.split("#", 1)[0].strip() == "events:" and version is not None:
                    in_events = True
                else:
                    return None
        except OSError as error:
            raise _unreadable(path, error) from error
    if version is None or (check.unsure and invalid is None):
        return None  # an undo reached further back than the check keeps: read whole
    if invalid is not None:
        raise _damaged(path, f":{invalid[0]}", invalid[1])
    scan.version = version
    scan.valid_bytes = valid
    scan.ends_with_newline = ends_with_newline
    scan.opened = in_events
    scan.digest = head.hexdigest() if head is not None else None
    scan.rest_digest = rest.hexdigest() if rest is not None else None
    return scan


def _lines_up_to(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of ``handle`` within its first ``limit`` bytes (the last may be cut)."""
    left = limit
    while left > 0:
        line = handle.readline(left)
        if not line:
            return
        left -= len(line)
        yield line


def _unreadable(path: Path, error: OSError) -> RoadmapError:
    return RoadmapError(
        f"Cannot read the progress file {path}: {error_reason(error)}.",
        "Check the file's permissions; nothing was changed.",
    )


def _too_large(path: Path) -> RoadmapError:
    return RoadmapError(
        f"The progress file {path} is over {MAX_PROGRESS_BYTES // 2**20} MiB, "
        "too large to be a progress file.",
        "Check that ROADMAP_HOME points at the right directory; nothing was changed.",
    )


def load(path: Path | None = None) -> Snapshot:
    """Read the progress file whole; see :func:`read_progress` for the errors it raises.

    A last line that a crash cut short (no newline, and not a complete record) is left out
    and reported in ``torn_bytes``.
    """
    path = path or paths.progress_path()
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PROGRESS_BYTES + 1)
    except FileNotFoundError:
        return Snapshot(path, Progress(), None, "", 0, 0)
    except OSError as error:
        raise _unreadable(path, error) from error
    if len(raw) > MAX_PROGRESS_BYTES:
        raise _too_large(path)
    valid = len(raw) - torn_tail(raw)
    try:
        text = raw[:valid].decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _damaged(path, f":{line}", "it is not UTF-8 text") from None
    progress, version = parse_progress(text, path)
    return Snapshot(path, progress, version, text, valid, len(raw) - valid)


def parse_progress(text: str, path: Path) -> tuple[Progress, int]:
    """Parse and validate the text of a progress file; return it (migrated in memory to the
    current schema) with the schema version it was written in.

    Lines in the form roadmap writes are read as JSON; anything else (a hand edit in another
    YAML style) makes the whole file go through the YAML parser. Raises RoadmapError naming
    the file and line on any problem.
    """
    fast = _parse_lines(text)
    if fast is not None:
        version, records, lines = fast
        return _validate(path, text, version, records, lines), version
    data = _parse_yaml(text, path, _suspicious_lines(text))
    if data is None:
        return Progress(), SCHEMA_VERSION
    if not isinstance(data, dict):
        raise _damaged(path, ":1", "it does not hold a mapping")
    version = _version_of(data, path)
    if version < SCHEMA_VERSION:
        data = migrate(data, version)
    unknown = sorted(str(key) for key in data if key not in ("schema_version", "events"))
    if unknown:
        raise _damaged(path, _key_line(text, unknown[0]), f"unknown key '{unknown[0]}'")
    records = data.get("events") or []
    if not isinstance(records, list):
        raise _damaged(path, _key_line(text, "events"), "events is not a list")
    return _validate(path, text, version, records, None), version


def _parse_lines(text: str) -> tuple[int, list[Any], list[int]] | None:
    """Read a file in the form roadmap writes without the YAML parser: the schema version,
    the records and the line number of each. None when the file is in any other form.
    """
    version: int | None = None
    records: list[Any] = []
    lines: list[int] = []
    in_events = False
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if in_events:
            try:
                records.append(record_of(line))
            except ValueError:
                return None
            lines.append(number)
        elif line.startswith("schema_version: ") and version is None:
            value = line.split(":", 1)[1].split("#", 1)[0].strip()
            if not value.isdigit():
                return None
            version = int(value)
        elif line.split("#", 1)[0].strip() == "events:" and version is not None:
            in_events = True
        else:
            return None
    if version != SCHEMA_VERSION:
        return None
    return version, records, lines


def _parse_yaml(text: str, path: Path, suspicious: list[int]) -> Any:
    """Parse a progress file with the YAML parser. On a syntax error, name the first line
    in ``suspicious`` at or before the line where the parser noticed it (the parser often
    notices one line late), else the parser's line.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from roadmap_tracker.base.yaml_limits import yaml_shape_problem

    shape = yaml_shape_problem(text)  # nesting that would crash the parser, alias bombs
    if shape is not None:
        raise _damaged(path, f":{shape[0]}", shape[2])
    try:
        return YAML(typ="safe").load(text)
    except YAMLError as error:
        line: int | None = None
        if isinstance(error, MarkedYAMLError):
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else None
            problem = str(error.problem or "invalid YAML")
        else:
            position = getattr(error, "position", None)
            line = text[:position].count("\n") + 1 if isinstance(position, int) else None
            problem = str(getattr(error, "reason", None) or error).split(":")[0]
        earlier = [n for n in suspicious if line is None or n <= line]
        line = earlier[0] if earlier else line
        raise _damaged(path, f":{line}" if line else "", problem) from None


def _suspicious_lines(text: str) -> list[int]:
    """Lines below ``events:`` that are neither records, comments, the start of a
    block-style event (``- key: value``) nor its indented continuation.
    """
    found: list[int] = []
    in_events = False
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not in_events:
            in_events = line.split("#", 1)[0].strip() == "events:"
            continue
        if not stripped or stripped.startswith("#") or line[0] in " \t":
            continue
        if line.startswith("- {"):
            try:
                record_of(line)
            except ValueError:
                found.append(number)
        elif not (line.startswith("- ") and ":" in line and not line.startswith("- -")):
            found.append(number)
    return found


def _version_of(data: dict[Any, Any], path: Path) -> int:
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _damaged(path, "", f"schema_version is {version!r}, not a version number")
    if version > SCHEMA_VERSION:
        raise RoadmapError(
            f"The progress file {path} was written by a newer roadmap "
            f"(schema version {version}; this one knows up to {SCHEMA_VERSION}).",
            "Upgrade roadmap (pip install --upgrade roadmap-tracker); nothing was changed.",
        )
    return version


def _validate(
    path: Path, text: str, version: int, records: list[Any], lines: list[int] | None
) -> Progress:
    """The records as validated events; RoadmapError naming the line of the first bad one."""

    def where(index: int) -> str:
        if lines is not None:
            return f":{lines[index]}"
        return _item_line(text, index) if version >= 2 else ""

    events: list[Event] = []
    for index, record in enumerate(records):
        try:
            events.append(Event.model_validate(record, index + 1))
        except ValueError as error:
            raise _damaged(path, where(index), f"event {index + 1}: {error}") from None
    try:
        ordered = canonical(events)
    except ProgressError as error:
        raise _damaged(path, where(error.position), str(error)) from None
    try:
        return Progress(ordered)
    except ProgressError as error:
        at = ordered[error.position].id
        index = next((i for i, event in enumerate(events) if event.id == at), error.position)
        raise _damaged(path, where(index), str(error)) from None


def _damaged(path: Path, where: str, problem: str) -> RoadmapError:
    problem = " ".join(problem.split())
    backup = newest_good_backup() if path == paths.progress_path() else None
    if backup is not None:
        hint = (
            f"Nothing was changed. Fix that line by hand, or run 'roadmap restore {backup.name}' "
            f"to go back to the newest good backup ({backup})."
        )
    else:
        hint = "Nothing was changed. Fix that line by hand; there is no backup to restore."
    return RoadmapError(f"The progress file {path}{where} is damaged: {problem}.", hint)


def _key_line(text: str, key: str) -> str:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return f":{number}"
    return ""


def _item_line(text: str, index: int) -> str:
    """Best-effort line of the ``index``-th event of a file in another YAML style."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines, start=1) if line.startswith("- ")]
    return f":{starts[index]}" if index < len(starts) else ""


def newest_good_backup() -> Path | None:
    """The newest backup that loads as a progress file, or None."""
    for backup in list_backups():
        try:
            scan_progress(backup)
        except RoadmapError:
            continue
        return backup
    return None
