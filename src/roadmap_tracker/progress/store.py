"""Reading and writing the progress file so that no learner's work is ever lost.

The file is YAML that a person can read, edit and merge: a short header, ``schema_version``,
then ``events:`` with one event per line, each line a JSON object (which is also YAML). What
the guarantees are and how each is tested: ``docs/reliability.md``.

- **Appends.** A change appends its complete lines under the exclusive lock (:func:`locked`,
  the lock of the file a symlink resolves to), written with one ``write`` and fsynced, so a
  write costs the same with 50,000 events as with none. A crash can leave at most a torn last
  line; reads ignore it (:func:`load`) and the next change cuts it off under the lock before
  it appends.
- **Rewrites.** Only a migration from an older schema, ``roadmap restore``, the first change
  to a file that reads ``events: []``, and the first change to a file an append would not
  land in (empty, header-only, all NUL, events in a flow list: :func:`_appendable`) rewrite
  the whole file. The previous file is first copied into ``backups/`` (named by a UTC stamp;
  the newest ten of roadmap's are kept, never the one just made), then the new text goes to a
  temporary file in the same directory, is fsynced and moved over the old one with
  ``os.replace`` (through a symlink, which stays), and the directory is fsynced.
- **Damage.** A file that does not parse or validate is never written to; the error names its
  line and the newest backup that loads, with the command that restores it.
- **Reads** go line by line (:func:`scan_progress`): memory follows what a command shows, not
  the size of the file.
- **Privacy.** The file, its backups and temporary files are created readable by the owner
  only, in directories only the owner can enter.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from roadmap_tracker.base import clock, paths
from roadmap_tracker.base.errors import RoadmapError, error_reason
from roadmap_tracker.base.records import Record
from roadmap_tracker.progress.events import (
    SCHEMA_VERSION,
    CountedEvents,
    Enrollment,
    Event,
    Ledger,
    Progress,
    ProgressError,
    SequenceCheck,
    enrollment_of,
    fold_enrollments,
)

if TYPE_CHECKING:
    import json
    import re
    from collections.abc import Iterable

LOCK_TIMEOUT_SECONDS = 5.0
"""A command waiting for the lock gives up when the progress file has not changed for this
long (in seconds): the command holding the lock seems stuck."""
LOCK_MAX_WAIT_SECONDS = 120.0
"""A command gives up waiting for the lock after this long (in seconds), even while the
commands ahead of it keep writing."""
KEPT_BACKUPS = 10
MAX_PROGRESS_BYTES = 200 * 1024 * 1024
"""A progress file larger than this is refused rather than read (about 1.4 million events)."""
APPENDED_KEPT = 64 * 1024
"""How many bytes appended by check and log the kept state holds beside the digest of the
bytes before them (about 400 events), instead of hashing the whole file after each."""
OWNER_ONLY = 0o600
HEADER = (
    "# roadmap progress file: your enrollments and a record of what you did.\n"
    "# Each line below 'events:' is one change; roadmap only ever appends to this file.\n"
    "# 'roadmap history' lists the changes and 'roadmap undo' takes the last one back.\n"
)
_HEADER_V1 = (
    "# roadmap progress file: your enrollments and a record of what you did.\n"
    "# Each line below 'events:' is one event. roadmap keeps a backup in backups/ before it\n"
    "# rewrites this file as a whole.\n"
)


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


class ProgressState:
    """What most commands need of the progress file: the enrollments, the active one, the
    next event number, and the ledger of each enrollment's events
    (:class:`~roadmap_tracker.progress.events.Ledger`).

    Read with :func:`read_state`. It is kept in the cache between commands with what it
    covers of the file (``valid_bytes``): the SHA-256 of its first ``digest_bytes`` bytes and
    the bytes appended since by check and log (``appended``), so that a command after an
    unchanged file reads no event, and one after an append reads only the new lines
    (docs/performance.md, decision 18).

    ``undone`` holds the numbers of the undone events. A state read from the file
    (:meth:`scanned`) keeps no event: each enrollment's ledger is folded as the file is read
    line by line, counting the occurrences of every id, and narrowed to the ids a command
    asks for (:meth:`ledger`). A ledger not made then (a kept state, a new set of ids, an
    undo that reached further back than ``roadmap undo`` does) is folded from the bytes the
    state covers, read again line by line; a file not in the form roadmap writes is read
    whole instead.
    """

    def __init__(self, snapshot: Snapshot, stamp: list[int] | None) -> None:
        self.path = snapshot.path
        self.stamp = stamp
        self.version = snapshot.version
        self.valid_bytes = snapshot.valid_bytes
        self.ends_with_newline = not snapshot.text or snapshot.text.endswith("\n")
        content = snapshot.text.encode("utf-8")
        self.digest = _digest(content)
        self.digest_bytes = len(content)
        self.appended = b""
        progress = snapshot.progress
        self.enrollments = progress.enrollments
        self.active = progress.active
        self.next_seq = progress.next_seq
        self.undone = frozenset(progress.undone)
        self.ledgers: dict[tuple[str, int, frozenset[str]], Ledger] = {}
        self._progress: Progress | None = progress
        self._every_id: dict[str, tuple[int, Ledger]] = {}

    @classmethod
    def scanned(cls, path: Path, stamp: list[int] | None) -> ProgressState:
        """The state of the progress file at ``path``, read line by line (:func:`scan_progress`)
        without keeping its events: memory grows with the enrollments, the undo events and
        the ledgers, not with the file. A file not in the form roadmap writes is read whole.

        Raises RoadmapError as :func:`read_progress` does.
        """
        counted = CountedEvents(lambda start: Ledger.of_every_id())
        scan = scan_progress(path, counted.add, digest=True)
        if scan.snapshot is not None:
            state = cls(scan.snapshot, stamp)
            return state
        state = cls.__new__(cls)
        state.path = path
        state.stamp = stamp
        state.version = scan.version
        state.valid_bytes = scan.valid_bytes
        state.ends_with_newline = scan.ends_with_newline
        state.digest = scan.digest or _digest(b"")
        state.digest_bytes = scan.valid_bytes
        state.appended = b""
        found, _ = scan.enrollments()
        state.enrollments = list(found.values())
        state.active = next(reversed(found), None)
        state.next_seq = scan.next_seq
        state.undone = frozenset(scan.undone)
        state.ledgers = {}
        state._progress = None
        sinks = {} if counted.spoiled else counted.finish()
        state._every_id = {
            slug: sink
            for slug, sink in sinks.items()
            if slug in found and found[slug].seq == sink[0]
        }
        return state

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_progress": None, "_every_id": {}}

    def enrollment(self, slug: str) -> Enrollment | None:
        """The current enrollment in the curriculum ``slug``, or None."""
        return next((e for e in self.enrollments if e.curriculum == slug), None)

    def progress(self) -> Progress:
        """The whole progress, read now if the state came from the cache.

        Raises RoadmapError as :func:`read_progress` does.
        """
        if self._progress is None:
            self._progress = read_progress(self.path)
        return self._progress

    def ledger(self, enrollment: Enrollment, occurrence_ids: frozenset[str]) -> Ledger:
        """The ledger of ``enrollment``'s events, counting occurrences of ``occurrence_ids``.

        Raises RoadmapError when the file has to be read and cannot be (see
        :func:`read_progress`).
        """
        from roadmap_tracker.base import cache

        key = (enrollment.curriculum, enrollment.seq, occurrence_ids)
        found = self.ledgers.get(key)
        if found is None:
            found, sure = self._make_ledger(enrollment, occurrence_ids)
            if not sure:  # the file changed while it was read: not kept
                return found
            self.ledgers[key] = found
            if self.stamp is not None:
                cache.keep_state(self)
        return found

    def _make_ledger(
        self, enrollment: Enrollment, occurrence_ids: frozenset[str]
    ) -> tuple[Ledger, bool]:
        """The ledger of ``enrollment``, and whether it is sure to be that of the bytes this
        state covers: from the ledger of every id folded with the state, from the whole
        progress, or folded from the file line by line; read whole as a last resort.
        """
        slug = enrollment.curriculum
        every = self._every_id.get(slug)
        if every is not None and every[0] == enrollment.seq:
            return every[1].for_ids(occurrence_ids), True
        if self._progress is None:
            counted = CountedEvents(lambda start: Ledger(occurrence_ids), self.undone, [slug])
            scan = _stream(
                self.path,
                counted.add,
                limit=self.valid_bytes,
                digest=True,
                split_at=self.digest_bytes,
            )
            if scan is not None:
                sink = counted.finish().get(slug)
                sure = (
                    scan.valid_bytes == self.valid_bytes
                    and scan.digest == self.digest
                    and scan.rest_digest == _digest(self.appended)
                    and sink is not None
                    and sink[0] == enrollment.seq
                )
                if sink is not None and sink[0] == enrollment.seq:
                    return sink[1], sure
                return Ledger(occurrence_ids), sure
        return Ledger.of(self.progress().events_of(slug), occurrence_ids), True

    def extend(self, events: list[Event]) -> bool:
        """Fold in ``events``, recorded after the ones this state covers; False (and the
        state no longer usable) when one needs the whole history: an undo, or a number that
        does not follow.
        """
        if events:
            self._every_id = {}  # made for the bytes read then
        for event in events:
            if event.seq < self.next_seq or event.action == "undo":
                return False
            self.next_seq = event.seq + 1
            if self._progress is not None:
                self._progress = self._progress.with_event(event)
            if event.action == "start":
                others = [e for e in self.enrollments if e.curriculum != event.curriculum]
                self.enrollments = [*others, enrollment_of(event)]
                self.active = event.curriculum
                self.ledgers = {k: v for k, v in self.ledgers.items() if k[0] != event.curriculum}
                continue
            current = self.enrollment(event.curriculum)
            if event.action in ("switch", "stop"):
                if current is None:
                    continue
                others = [e for e in self.enrollments if e.curriculum != event.curriculum]
                if event.action == "switch":
                    self.enrollments = [*others, current]
                    self.active = event.curriculum
                else:
                    self.enrollments = others
                    self.active = others[-1].curriculum if others else None
                    self.ledgers = {
                        k: v for k, v in self.ledgers.items() if k[0] != event.curriculum
                    }
                continue
            for (slug, seq, _), ledger in self.ledgers.items():
                if slug == event.curriculum and current is not None and seq == current.seq:
                    ledger.add(event)
        return True


def holds_bytes_but_no_events(progress: Progress | None, state: ProgressState | None) -> bool:
    """Whether the data directory's progress file, read as ``progress`` or ``state``, holds
    bytes but no event: empty of events, all NUL, or only a header (a file that lost its
    content; ``roadmap doctor`` names a backup that holds events).
    """
    empty = (progress.next_seq if progress is not None else state.next_seq if state else 1) == 1
    try:
        return empty and paths.progress_path().stat().st_size > 0
    except OSError:
        return False


def read_state(path: Path | None = None, keep: bool = True) -> ProgressState:
    """The state of the progress file at ``path`` (default: the data directory's).

    From the cache when the file's stamp (size, times and inode) is the one the state was
    kept with, and the state was kept late enough to trust it (:func:`cache.settled`); from the
    cache and the lines after the bytes it covers when those bytes are unchanged (same
    SHA-256); otherwise read whole (raising what :func:`read_progress` raises). Kept for the
    next command in each case, unless ``keep`` is False (the caller keeps it).
    """
    from roadmap_tracker.base import cache

    path = path or paths.progress_path()
    stamp = cache.file_stamp(path)
    kept = _kept_state(path, stamp) if stamp is not None else None
    if kept is not None and stamp is not None:
        state, written = kept
        if state.stamp == stamp and cache.settled(stamp, written):
            return state
        unchanged = state.stamp == stamp
        if _extend_from_file(state, path):
            state.stamp = stamp
            # An unchanged file's state is kept again only once the next command can trust
            # its stamp (cache.settled); until then each one checks the bytes.
            if keep and not (unchanged and not cache.settled(stamp, time.time_ns())):
                cache.keep_state(state)
            return state
    state = ProgressState.scanned(path, stamp)
    if stamp is not None and keep:
        cache.keep_state(state)
    return state


_FILE_PART = 4
"""How many numbers of a :func:`~roadmap_tracker.base.cache.file_stamp` describe the file
itself; the rest name the build of roadmap that read it."""


def _kept_state(path: Path, stamp: list[int]) -> tuple[ProgressState, int] | None:
    """The state kept for the file at ``path`` with the time (ns) it was kept, if it was kept
    by this build of roadmap; else None.
    """
    from roadmap_tracker.base import cache

    kept = cache.load_kept_state(ProgressState)
    if kept is None or kept[0].path != path or kept[0].stamp is None:
        return None
    if kept[0].stamp[_FILE_PART:] != stamp[_FILE_PART:]:
        return None
    return kept


def _extend_from_file(state: ProgressState, path: Path) -> bool:
    """Bring a kept state up to the file: True when the bytes it covers are unchanged and
    the lines after them are whole records that :meth:`ProgressState.extend` can fold in.

    Reads the file in pieces: the bytes covered are hashed a mebibyte at a time, and the
    lines after them are folded in one by one. When it returns False the state may be
    partly extended and must not be used.
    """
    if state.version != SCHEMA_VERSION or not state.ends_with_newline:
        return False
    covered = state.digest_bytes
    if covered + len(state.appended) != state.valid_bytes:
        return False
    import hashlib

    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_PROGRESS_BYTES or size < state.valid_bytes:
                return False
            digest = hashlib.sha256()
            if not hash_next(handle, digest, covered) or digest.hexdigest() != state.digest:
                return False
            if handle.read(len(state.appended)) != state.appended:
                return False
            digest.update(state.appended)
            valid = read = state.valid_bytes
            for line in handle:
                read += len(line)
                if read > MAX_PROGRESS_BYTES:
                    return False
                if not line.endswith(b"\n"):
                    if _torn_tail(line):
                        break
                    return False  # a complete last record without a newline: read whole
                try:
                    event = Event.model_validate(_record_of(line.decode("utf-8")))
                except ValueError:  # UnicodeDecodeError too: the whole read reports it
                    return False
                if not state.extend([event]):
                    return False
                digest.update(line)
                valid += len(line)
    except OSError:
        return False
    state.valid_bytes, state.digest, state.digest_bytes = valid, digest.hexdigest(), valid
    state.appended = b""
    return True


def hash_next(handle: BinaryIO, digest: Any, count: int) -> bool:
    """Feed the next ``count`` bytes of ``handle`` to ``digest`` (a hashlib object), a
    mebibyte at a time; False when the file ends first.
    """
    while count > 0:
        piece = handle.read(min(count, 1 << 20))
        if not piece:
            return False
        digest.update(piece)
        count -= len(piece)
    return True


def _digest(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()


_STRUCTURE_ACTIONS = frozenset({"start", "switch", "stop"})


class Scan:
    """What one read of the progress file line by line found (:func:`scan_progress`),
    without its events.

    ``version`` is the schema version on disk (None for a missing file); ``valid_bytes``
    the byte length of the complete records and ``torn_bytes`` that of a torn last record
    after them (0 for none); ``ends_with_newline`` whether the complete records end with a
    newline; ``opened`` whether the ``events:`` line was seen, so that a record can be
    appended. ``digest`` is the SHA-256 (hex) of the valid bytes when asked for; with
    ``split_at``, of the first ``split_at`` bytes only, and ``rest_digest`` that of the
    others. ``check`` holds the numbers (:class:`~roadmap_tracker.progress.events.SequenceCheck`),
    ``structure`` the ``start``, ``switch`` and ``stop`` events. ``snapshot`` is the whole
    read when the file is not in the form roadmap writes (then read whole).
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
        scan.digest = _digest(snapshot.text.encode("utf-8")) if digest else None
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
    def undone(self) -> dict[int, int]:
        """The number of each undone event, mapped to the number of the undo event."""
        return self.check.undone

    def enrollments(self) -> tuple[dict[str, Enrollment], list[tuple[Enrollment, Event]]]:
        """The current enrollments by slug (the active one last) and the stopped ones with
        their ``stop`` events: see :func:`~roadmap_tracker.progress.events.fold_enrollments`.
        """
        undone = self.check.undone
        return fold_enrollments(e for e in self.structure if e.seq not in undone)


def scan_progress(
    path: Path | None = None,
    fold: Callable[[Event], None] | None = None,
    *,
    digest: bool = False,
) -> Scan:
    """Read the progress file at ``path`` (default: the data directory's) line by line,
    validating every record and handing each event to ``fold`` in recorded order, without
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
    record_of, validate = _record_of, Event.model_validate
    number = index = read = valid = 0
    version: int | None = None
    in_events = False
    ends_with_newline = True
    invalid: tuple[int, str] | None = None  # the first record that does not validate
    clash: tuple[int, str] | None = None  # the first event that breaks the sequence
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
                    torn = _torn_tail(line)
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
                        record = record_of(text)
                    except ValueError:
                        return None
                    if invalid is not None:
                        continue  # only the form of the rest matters now
                    index += 1
                    try:
                        event = validate(record)
                    except ValueError as error:
                        invalid = (number, f"event {index}: {error}")
                        continue
                    if clash is not None:
                        continue
                    try:
                        check.add(event)
                    except ProgressError as error:
                        clash = (number, str(error))
                        continue
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
    if version is None:
        return None
    for problem in (invalid, clash):
        if problem is not None:
            raise _damaged(path, f":{problem[0]}", problem[1])
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
    valid = len(raw) - _torn_tail(raw)
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
        data = _migrate(data, version)
    unknown = sorted(str(key) for key in data if key not in ("schema_version", "events"))
    if unknown:
        raise _damaged(path, _key_line(text, unknown[0]), f"unknown key '{unknown[0]}'")
    records = data.get("events") or []
    if not isinstance(records, list):
        raise _damaged(path, _key_line(text, "events"), "events is not a list")
    return _validate(path, text, version, records, None), version


def render_progress(progress: Progress) -> str:
    """Return the text of a progress file in the current schema: header, then one event a
    line (``events:`` stays open, without ``[]``, so that events can be appended).
    """
    head = f"{HEADER}schema_version: {SCHEMA_VERSION}\nevents:\n"
    return head + "".join(event_line(event) for event in progress.events)


def event_line(event: Event) -> str:
    """One event as the line the file holds: ``- {JSON}`` and a newline."""
    import json  # only commands that write, or read new lines, need it

    return "- " + json.dumps(event.record(), ensure_ascii=False, separators=(", ", ": ")) + "\n"


@contextlib.contextmanager
def locked(path: Path | None = None) -> Iterator[Path]:
    """Hold the exclusive lock of the progress file; yields the progress file's path.

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
            f"Cannot lock the progress file {path}: {error_reason(error)}.",
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
        same_second = [_backup_order(p) for p in directory.glob(f"progress-{stamp}-*-*.yaml")]
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


def list_backups() -> list[Path]:
    """The backups roadmap wrote in ``backups/`` (see :func:`backup_progress` for their
    names; also those named in local time by roadmap before 0.9, which count as older than
    any named in UTC), newest first. Other files in the directory are not listed.
    """
    directory = paths.backups_dir()
    found = directory.glob("progress-*.yaml") if directory.is_dir() else []
    keyed = [(key, p) for p in found if (key := _backup_order(p)) is not None]
    return [p for _, p in sorted(keyed, key=lambda pair: pair[0], reverse=True)]


@cache
def _backup_name() -> re.Pattern[str]:
    """The names roadmap gives backups: ``progress-STAMP[Z]-NN-REASON.yaml``."""
    import re

    return re.compile(r"progress-(\d{8}T\d{6})(Z?)-(\d{2,9})-[a-z0-9][a-z0-9-]*\.yaml")


def _backup_order(path: Path) -> tuple[bool, str, int, str] | None:
    """The place of a backup among roadmap's: (named in UTC, time stamp, counter, name);
    None for a file whose name roadmap does not write.
    """
    match = _backup_name().fullmatch(path.name)
    if match is None:
        return None
    return (match[2] == "Z", match[1], int(match[3]), path.name)


def newest_good_backup() -> Path | None:
    """The newest backup that loads as a progress file, or None."""
    for backup in list_backups():
        try:
            scan_progress(backup)
        except RoadmapError:
            continue
        return backup
    return None


class ReplacedUnsynced(OSError):
    """:func:`write_atomic` put the new file in place, but could not fsync its directory: the
    new content is what every reader sees now, yet a crash before the system writes the
    directory out could bring the old file back.
    """


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` so that a crash leaves either the old or the new file.

    A symlink is followed: the file it points to is replaced and the link kept. Temp file
    (owner-only) in the same directory, flush, fsync, ``os.replace``, fsync of the
    directory. A file that existed keeps its permissions; missing directories are created
    owner-only. Raises OSError when nothing was replaced (the temp file is removed), and
    :class:`ReplacedUnsynced` when the file was replaced but its directory not synced.
    """
    import tempfile

    data = content.encode("utf-8") if isinstance(content, str) else content
    path = Path(os.path.realpath(path))
    paths.private_dir(path.parent)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            temp.chmod(path.stat().st_mode & 0o777)
        temp.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    try:
        _fsync_directory(path.parent)
    except OSError as error:
        raise ReplacedUnsynced(error.errno, error.strerror) from error


def migrated_text(text: str, progress: Progress) -> str:
    """The text of an older progress file in the current schema, keeping the learner's
    comments and key order (ruamel.yaml round trip), every event one line.

    ``progress`` is the same file migrated in memory; when the round trip would not read back
    as exactly that (a style it cannot keep), the canonical text is returned instead: the
    backup keeps the original's comments.
    """
    import io

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 1 << 20
    try:
        document = yaml.load(text)
        version = int(document["schema_version"])
        document = _migrate(document, version)
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


def _torn_tail(raw: bytes) -> int:
    """The length of a torn last record at the end of ``raw`` (0 when there is none).

    A record roadmap writes ends with a newline. A last line without one is torn when it is
    NUL bytes or the start of a record (``-``) that does not read as a complete one.
    """
    if not raw or raw.endswith(b"\n"):
        return 0
    tail = raw[raw.rfind(b"\n") + 1 :]
    if tail.strip(b"\0 \t\r") == b"":
        return len(tail)
    if not tail.startswith(b"-"):
        return 0
    try:
        _record_of(tail.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return len(tail)
    return 0


@cache
def _json_decoder() -> json.JSONDecoder:
    """The decoder of record lines, made on first use: a command that reads only the kept
    state of the progress file (:func:`read_state`) never imports :mod:`json`.
    """
    import json

    return json.JSONDecoder()


def _record_of(line: str) -> Any:
    """The JSON object of a ``- {...}`` line, allowing a trailing ``# comment``.

    Raises ValueError when the line is not in that form.
    """
    if not line.startswith("- {"):
        raise ValueError("not a record line")
    value, end = _json_decoder().raw_decode(line, 2)
    rest = line[end:].strip()
    if rest and not rest.startswith("#"):
        raise ValueError("text after the record")
    return value


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
                records.append(_record_of(line))
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
                _record_of(line)
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
        return _item_line(text, index) if version == SCHEMA_VERSION else ""

    events: list[Event] = []
    for index, record in enumerate(records):
        try:
            events.append(Event.model_validate(record))
        except ValueError as error:
            raise _damaged(path, where(index), f"event {index + 1}: {error}") from None
    try:
        return Progress(tuple(events))
    except ProgressError as error:
        raise _damaged(path, where(error.position), str(error)) from None


def _migrate(data: Any, version: int) -> Any:
    """Bring the mapping of a progress file from ``version`` up to the current schema, one
    step at a time. Works on plain data and on ruamel.yaml's commented data alike.
    """
    steps: dict[int, Callable[[Any], Any]] = {1: _v1_to_v2}
    while version < SCHEMA_VERSION:
        data = steps[version](data)
        version += 1
    return data


def _v1_to_v2(data: Any) -> Any:
    """Schema 1 → 2: enrollments become ``start`` events (the active one last, each followed
    by ``include`` and ``choose`` events for its settings), an event's ``item`` becomes
    ``items``, and every event gets its number ``seq``.

    Works on plain data and on ruamel.yaml's commented data: there the comments of the
    removed keys move under ``schema_version``, and those of enrollment lines to their
    ``start`` lines.
    """
    active = data.get("active")
    enrollments = list(data.get("enrollments") or [])
    old_events = data.get("events") or []
    order = sorted(
        range(len(enrollments)),
        key=lambda i: (
            enrollments[i].get("curriculum") == active,
            str(enrollments[i].get("enrolled_at")),
        ),
    )
    mapping = type(data)
    starts: list[Any] = []
    start_positions: dict[int, int] = {}
    for index in order:
        old = enrollments[index]
        common = {
            "at": old.get("enrolled_at"),
            "on": old.get("started"),
            "curriculum": old.get("curriculum"),
        }
        start = mapping({**common, "action": "start"})
        for old_key, key in (("hours_per_week", "hours"), ("path", "path")):
            if old.get(old_key) is not None:
                start[key] = old.get(old_key)
        start_positions[index] = len(starts)
        starts.append(start)
        if old.get("include"):
            starts.append(mapping({**common, "action": "include", "items": list(old["include"])}))
        for group, options in (old.get("choices") or {}).items():
            starts.append(
                mapping({**common, "action": "choose", "items": [group], "options": list(options)})
            )
    events: list[Any] = []
    for old in old_events:
        new = mapping()
        for key, value in old.items():
            if key == "item":
                new["items"] = [value]
            elif not (key == "options" and value is None):
                new[key] = value
        events.append(new)
    combined = starts + events
    for number, event in enumerate(combined, start=1):
        event["seq"] = number
    if hasattr(data, "ca"):
        combined = _carry_comments(data, combined, start_positions, len(starts))
    for key in ("active", "enrollments"):
        data.pop(key, None)
    data["schema_version"] = 2
    data["events"] = combined
    return data


def _carry_comments(
    data: Any, combined: list[Any], start_positions: dict[int, int], offset: int
) -> Any:
    """Keep the comments of a schema 1 file's ``active``, ``enrollments`` and ``events`` on
    the migrated events (ruamel.yaml commented data only).
    """
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.tokens import CommentToken

    sequence = CommentedSeq(combined)
    texts: list[str] = []
    for key in ("active", "enrollments"):
        texts += [t.value for t in data.ca.items.get(key) or [] if isinstance(t, CommentToken)]
    enrollments = data.get("enrollments")
    if isinstance(enrollments, CommentedSeq):
        for old_index, tokens in enrollments.ca.items.items():
            if old_index in start_positions:
                sequence.ca.items[start_positions[old_index]] = tokens
    events = data.get("events")
    if isinstance(events, CommentedSeq):
        sequence.ca.comment = events.ca.comment
        sequence.ca.end = events.ca.end
        for index, tokens in events.ca.items.items():
            sequence.ca.items[index + offset] = tokens
    if texts:
        slot = data.ca.items.setdefault("schema_version", [None, None, None, None])
        before = slot[2].value if isinstance(slot[2], CommentToken) else "\n"
        lines = [line for text in [before, *texts] for line in text.splitlines() if line.strip()]
        joined = "\n" + "\n".join(line.strip() for line in lines) + "\n"
        slot[2] = CommentToken(joined, None, None)
    return sequence


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
        keys = ["seq"] + [k for k in old if k != "seq" and k in record]
        keys += [k for k in record if k not in keys]
        for key in keys:
            new[DoubleQuotedScalarString(key)] = styled(record[key])
        events[index] = new


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


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


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
