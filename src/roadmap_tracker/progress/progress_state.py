"""The state of the progress file that most commands need, kept in the cache between commands.

:class:`ProgressState` holds the enrollments, the active one, the next event number and each
enrollment's :class:`~roadmap_tracker.progress.ledger.Ledger`, without the events.
:func:`read_state` takes it from the cache when the file is unchanged, brings a kept state up
to the lines appended since, or reads the file line by line
(:func:`~roadmap_tracker.progress.reading.scan_progress`); docs/performance.md, decision 18.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from roadmap_tracker.base import paths
from roadmap_tracker.progress.event_log import CountedEvents, Progress, day_in_force, with_seq
from roadmap_tracker.progress.events import (
    SCHEMA_VERSION,
    Enrollment,
    Event,
    enrollment_of,
    moved,
)
from roadmap_tracker.progress.file_format import record_of, torn_tail
from roadmap_tracker.progress.ledger import Ledger

if TYPE_CHECKING:
    from types import ModuleType

    from roadmap_tracker.progress.reading import Snapshot


def reader() -> ModuleType:
    """:mod:`roadmap_tracker.progress.reading`, imported on first use: a command whose kept
    state is good (and an append under the lock) reads nothing of the file and imports none
    of it. Used here and by :mod:`~roadmap_tracker.progress.transaction`.
    """
    from roadmap_tracker.progress import reading

    return reading


APPENDED_KEPT = 64 * 1024
"""How many bytes appended by check and log the kept state holds beside the digest of the
bytes before them (about 400 events), instead of hashing the whole file after each."""


class ProgressState:
    """What most commands need of the progress file: the enrollments, the active one, the
    next event number, and the ledger of each enrollment's events
    (:class:`~roadmap_tracker.progress.ledger.Ledger`).

    Read with :func:`read_state`. It is kept in the cache between commands with what it
    covers of the file (``valid_bytes``): the SHA-256 of its first ``digest_bytes`` bytes and
    the bytes appended since by check and log (``appended``), so that a command after an
    unchanged file reads no event, and one after an append reads only the new lines
    (docs/performance.md, decision 18).

    ``undone`` holds the ids of the undone events, ``last_id`` the id of the last event;
    ``last_day`` the latest day in force of an
    event (:func:`~roadmap_tracker.progress.event_log.day_in_force`; None for none), which tells
    a session asked about an earlier day to fold the record as of that day. A state read from
    the file (:meth:`scanned`) keeps no event: each enrollment's ledger is folded as the file is
    read line by line, counting the occurrences of every id, and narrowed to the ids a command
    asks for (:meth:`ledger`). A ledger not made then (a kept state, a new set of ids, an undo
    that reached further back than ``roadmap undo`` does) is folded from the bytes the state
    covers, read again line by line; a file not in the form roadmap writes is read whole
    instead.
    """

    trusted_stamp: list[int] | None = None
    """The stamp with which :func:`read_state` trusted this state, kept in the cache, without
    reading the file (:func:`~roadmap_tracker.base.cache.settled`); None for a state read or
    extended from the file. Never kept itself: it holds for this process's read."""

    def __init__(self, snapshot: Snapshot, stamp: list[int] | None) -> None:
        self.path = snapshot.path
        self.stamp = stamp
        self.version = snapshot.version
        self.valid_bytes = snapshot.valid_bytes
        self.ends_with_newline = not snapshot.text or snapshot.text.endswith("\n")
        content = snapshot.text.encode("utf-8")
        self.digest = reader().digest_of(content)
        self.digest_bytes = len(content)
        self.appended = b""
        progress = snapshot.progress
        self.enrollments = progress.enrollments
        self.active = progress.active
        self.next_seq = progress.next_seq
        self.last_id = progress.last_id
        self.undone = frozenset(progress.undone)
        self.last_day = progress.last_day
        self.ledgers: dict[tuple[str, int, frozenset[str]], Ledger] = {}
        self._progress: Progress | None = progress
        self._every_id: dict[str, tuple[int, Ledger]] = {}

    @classmethod
    def scanned(cls, path: Path, stamp: list[int] | None) -> ProgressState:
        """The state of the progress file at ``path``, read line by line
        (:func:`~roadmap_tracker.progress.reading.scan_progress`) without keeping its events:
        memory grows with the enrollments, the undo events and the ledgers, not with the file.
        A file not in the form roadmap writes is read whole.

        Raises RoadmapError as :func:`~roadmap_tracker.progress.reading.read_progress` does.
        """
        counted = CountedEvents(lambda start: Ledger.of_every_id())
        latest = _LatestDay()

        def fold(event: Event) -> None:
            counted.add(event)
            latest.add(event)

        scan = reader().scan_progress(path, fold, digest=True)
        if scan.snapshot is not None:
            state = cls(scan.snapshot, stamp)
            return state
        state = cls.__new__(cls)
        state.path = path
        state.stamp = stamp
        state.version = scan.version
        state.valid_bytes = scan.valid_bytes
        state.ends_with_newline = scan.ends_with_newline
        state.digest = scan.digest or reader().digest_of(b"")
        state.digest_bytes = scan.valid_bytes
        state.appended = b""
        found, _ = scan.enrollments()
        state.enrollments = list(found.values())
        state.active = next(reversed(found), None)
        state.next_seq = scan.next_seq
        state.last_id = scan.check.last_id
        state.undone = frozenset(scan.undone)
        state.last_day = latest.day
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
        kept = {**self.__dict__, "_progress": None, "_every_id": {}}
        kept.pop("trusted_stamp", None)
        return kept

    def enrollment(self, slug: str) -> Enrollment | None:
        """The current enrollment in the curriculum ``slug``, or None."""
        return next((e for e in self.enrollments if e.curriculum == slug), None)

    def progress(self) -> Progress:
        """The whole progress, read now if the state came from the cache.

        Raises RoadmapError as :func:`~roadmap_tracker.progress.reading.read_progress` does.
        """
        if self._progress is None:
            self._progress = reader().read_progress(self.path)
        return self._progress

    def ledger(self, enrollment: Enrollment, occurrence_ids: frozenset[str]) -> Ledger:
        """The ledger of ``enrollment``'s events, counting occurrences of ``occurrence_ids``.

        Raises RoadmapError when the file has to be read and cannot be (see
        :func:`~roadmap_tracker.progress.reading.read_progress`).
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
            scan = reader()._stream(
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
                    and scan.rest_digest == reader().digest_of(self.appended)
                    and sink is not None
                    and sink[0] == enrollment.seq
                )
                if sink is not None and sink[0] == enrollment.seq:
                    return sink[1], sure
                return Ledger(occurrence_ids), sure
        return Ledger.of(self.progress().events_of(slug), occurrence_ids), True

    def extend(self, events: list[Event]) -> bool:
        """Fold in ``events``, appended after the ones this state covers (each numbered
        next); False (and the state no longer usable) when one needs the whole history: an
        undo, an amendment, or an id that does not come after the last (lines a merge
        brought in, which may belong anywhere in the record's order).
        """
        if events:
            self._every_id = {}  # made for the bytes read then
        for event in events:
            if event.id <= self.last_id or event.action == "undo" or event.amends is not None:
                return False
            event = with_seq(event, self.next_seq)
            self.next_seq = event.seq + 1
            self.last_id = event.id
            day = day_in_force(event)
            if self.last_day is None or day > self.last_day:
                self.last_day = day
            if self._progress is not None:
                self._progress = self._progress.with_event(event)
            if event.action == "start":
                others = [e for e in self.enrollments if e.curriculum != event.curriculum]
                self.enrollments = [*others, enrollment_of(event)]
                self.active = event.curriculum
                self.ledgers = {k: v for k, v in self.ledgers.items() if k[0] != event.curriculum}
                continue
            current = self.enrollment(event.curriculum)
            if event.action == "move":
                if current is not None:
                    self.enrollments = [
                        moved(e, event) if e.curriculum == event.curriculum else e
                        for e in self.enrollments
                    ]
                continue
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


class _LatestDay:
    """The latest :func:`~roadmap_tracker.progress.event_log.day_in_force` of the events
    added (undo events left out), None before any.
    """

    def __init__(self) -> None:
        self.day: dt.date | None = None

    def add(self, event: Event) -> None:
        if event.action != "undo":
            day = day_in_force(event)
            if self.day is None or day > self.day:
                self.day = day


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
    SHA-256); otherwise read whole (raising what
    :func:`~roadmap_tracker.progress.reading.read_progress` raises). Kept for the
    next command in each case, unless ``keep`` is False (the caller keeps it).
    """
    from roadmap_tracker.base import cache

    path = path or paths.progress_path()
    stamp = cache.file_stamp(path)
    kept = _kept_state(path, stamp) if stamp is not None else None
    if kept is not None and stamp is not None:
        state, written = kept
        if state.stamp == stamp and cache.settled(stamp, written):
            scanned = _scanned_here.get(path)
            if scanned is not None and scanned.stamp == stamp and not state._every_id:
                # the ledgers folded by this process's read of the same file, which the
                # cache does not keep: a cold change reads the file once, not twice
                state._every_id = scanned._every_id
            state.trusted_stamp = stamp
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
        _scanned_here.clear()
        _scanned_here[path] = state
    return state


def still_true(state: ProgressState, path: Path) -> bool:
    """Whether ``state``, which :func:`read_state` trusted earlier in this process
    (:attr:`ProgressState.trusted_stamp`), still describes the file at ``path``: the file
    keeps that stamp.

    The state was trusted because the file's last change fell in an earlier tick of the
    file system's clock than the one it was kept in; any later change falls in a later tick
    still and shows in the stamp. A change under the lock then uses the state its command
    read before taking the lock rather than loading the kept state again (for 10,000 items a
    pickle of about 370 KB). A state read or extended from the file is not reused.
    """
    from roadmap_tracker.base import cache

    trusted = state.trusted_stamp
    if trusted is None or trusted != state.stamp or state.path != path:
        return False
    return cache.file_stamp(path) == trusted


_scanned_here: dict[Path, ProgressState] = {}
"""The state this process read from the file line by line and kept, by path: its ledgers of
every id (:meth:`ProgressState.scanned`), which the cache does not keep, serve the same
command's read of the kept state under the lock (a cold ``check``)."""


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
            if size > reader().MAX_PROGRESS_BYTES or size < state.valid_bytes:
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
                if read > reader().MAX_PROGRESS_BYTES:
                    return False
                if not line.endswith(b"\n"):
                    if torn_tail(line):
                        break
                    return False  # a complete last record without a newline: read whole
                try:
                    event = Event.model_validate(record_of(line.decode("utf-8")))
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
