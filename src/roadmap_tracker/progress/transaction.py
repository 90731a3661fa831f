"""One change to the progress file: read fresh under its lock, decided, written, in one place.

Every command that records something goes through :func:`transact` (through
:meth:`roadmap_tracker.session.Session.transaction`): it takes the exclusive lock, hands the
caller a :class:`FileTransaction` that reads the file only as far as the caller asks, lets
the caller add events and return its own result, and then writes the events with the least
the file allows:

- **append** one line when the caller asked only for the state (:attr:`state`: the state
  the command read before the lock while the file keeps its stamp, else the kept state of
  :func:`~roadmap_tracker.progress.progress_state.read_state`) and it covers the whole
  file: check, log, note, switch and the like read no more of the file than a read command
  does;
- **append** after reading the end of the file when the caller asked for it (:attr:`tail`,
  as ``undo`` does: read back from the end as far as needed, else line by line from the
  start): memory does not grow with the file;
- **write as a whole** otherwise (the caller asked for the whole progress, several events,
  or the file cannot simply be appended to): a torn last record is cut off, a file in an
  older schema migrated, a file an append would not land in written afresh, each with a
  backup first (:func:`~roadmap_tracker.progress.store.write_events`).

A RoadmapError raised by the caller leaves the file untouched. The guarantees and their tests
are in docs/reliability.md.
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from roadmap_tracker.progress import file_format, lock, progress_state, store
from roadmap_tracker.progress.event_log import Progress, ProgressError
from roadmap_tracker.progress.events import SCHEMA_VERSION, UNDO_DEPTH, Event
from roadmap_tracker.progress.progress_state import ProgressState

if TYPE_CHECKING:
    from roadmap_tracker.progress.reading import Scan, Snapshot
    from roadmap_tracker.progress.record_end import RecordEnd


T = TypeVar("T")


class Tail:
    """The end of the progress file, which ``roadmap undo`` and ``roadmap redo`` decide
    from: ``next_seq``, the number the next event gets; ``recent``, the last UNDO_DEPTH
    changes (undo events aside, undone ones too), oldest first; ``undone``, the id of each
    event that no longer counts mapped to the id of the event that took it back
    (:attr:`~roadmap_tracker.progress.event_log.SequenceCheck.undone`); ``undos``, the undo
    events, oldest first (they are few); ``known``, every event read, by id.

    ``whole`` says whether ``undos`` and ``undone`` cover the whole record. A tail read from
    the file's end (:mod:`~roadmap_tracker.progress.record_end`) covers the end only: exact
    for the events it holds (what takes an event back comes after it), and ``reach`` reads
    back to an older event by its number (None when there is none), which it then holds too;
    ``widen`` reads the whole record line by line for the tail that covers it.
    """

    def __init__(
        self,
        next_seq: int,
        recent: list[Event],
        undone: dict[str, str],
        last_id: str = "",
        undos: list[Event] | None = None,
        known: dict[str, Event] | None = None,
        whole: bool = True,
        reach: Callable[[int], Event | None] | None = None,
        widen: Callable[[], Tail] | None = None,
    ) -> None:
        self.next_seq = next_seq
        self.recent = recent
        self.undone = undone
        self.last_id = last_id
        self.undos = undos or []
        self.known = known if known is not None else {e.id: e for e in (*recent, *self.undos)}
        self.whole = whole
        self.reach = reach
        self.widen = widen

    @classmethod
    def of(cls, progress: Progress) -> Tail:
        """The tail of a whole progress."""
        changes = [event for event in progress.events if event.action != "undo"]
        undos = [event for event in progress.events if event.action == "undo"]
        undone = {target: undo.id for target, undo in progress.undone.items()}
        known = {event.id: event for event in progress.events}
        return cls(progress.next_seq, changes[-UNDO_DEPTH:], undone, progress.last_id, undos, known)

    @classmethod
    def of_end(
        cls, end: RecordEnd, reach: Callable[[int], Event | None], widen: Callable[[], Tail]
    ) -> Tail:
        """The tail of a file read from its end (counted: :meth:`RecordEnd.count`)."""
        assert end.total is not None
        read = sorted([*end.events, *end.named.values()], key=lambda e: e.id)
        recent = [event for event in reversed(end.events) if event.action != "undo"]
        return cls(
            end.total + 1,
            recent[-UNDO_DEPTH:],
            end.undone(),
            end.last_id,
            [event for event in read if event.action == "undo"],
            {event.id: event for event in read},
            whole=end.reached_start,
            reach=reach,
            widen=widen,
        )


class Transaction(Protocol):
    """What a change sees of the record while it is decided (the file's, or one in memory).

    ``state``, ``progress`` and ``tail`` are three views of the same fresh record, read on
    first use: ask for the least that decides the change. ``next_seq`` is the number the
    next event added gets; :meth:`add` stages events, written when the change returns.
    """

    @property
    def state(self) -> ProgressState: ...

    @property
    def progress(self) -> Progress: ...

    @property
    def tail(self) -> Tail: ...

    @property
    def next_seq(self) -> int: ...

    def last_id(self) -> str: ...

    def add(self, *events: Event) -> None: ...


class FileTransaction:
    """A :class:`Transaction` on the progress file at ``path``, with its lock held."""

    def __init__(self, path: Path, read_before: ProgressState | None = None) -> None:
        self.path = path
        self.events: list[Event] = []
        self._read_before = read_before
        self._state: ProgressState | None = None
        self._snapshot: Snapshot | None = None
        self._scan: Scan | None = None
        self._end: RecordEnd | None = None
        self._tail: Tail | None = None

    @property
    def state(self) -> ProgressState:
        """The state of the file (enrollments, ledgers, next number): the state known before
        the lock was taken while the file is unchanged
        (:func:`~roadmap_tracker.progress.progress_state.still_true`), else from the cache
        when it covers the whole file, else from the file read whole.
        """
        if self._state is None:
            if self._snapshot is None:
                before = self._read_before
                if before is not None and progress_state.still_true(before, self.path):
                    state = before
                else:
                    state = progress_state.read_state(self.path, keep=False)
                if _covers_file(state, self.path):
                    self._state = state
                    return state
                self._snapshot = progress_state.reader().load(self.path)
            self._state = ProgressState(self._snapshot, None)
        return self._state

    @property
    def progress(self) -> Progress:
        """The whole progress, every event (the file read whole)."""
        if self._snapshot is None:
            self._snapshot = progress_state.reader().load(self.path)
        return self._snapshot.progress

    @property
    def tail(self) -> Tail:
        """The end of the file (:class:`Tail`): read from the end
        (:mod:`~roadmap_tracker.progress.record_end`), else line by line from the start (a
        file not in the form roadmap writes, whose end cannot be read alone).
        """
        if self._tail is not None:
            return self._tail
        if self._snapshot is not None:
            self._tail = Tail.of(self._snapshot.progress)
            return self._tail
        end = read_end(self.path, UNDO_DEPTH, UNDO_DEPTH)
        if end is not None:
            self._end = end
            self._tail = Tail.of_end(end, self._reach, self.forward_tail)
            return self._tail
        return self.forward_tail()

    def _reach(self, seq: int) -> Event | None:
        """The event numbered ``seq``, read back from the end (see :class:`Tail`)."""
        from roadmap_tracker.progress import record_end

        end = self._end
        if end is None:
            return None
        try:
            with _reopened(end):
                found = end.reach(seq)
        except record_end.NotFromEnd:
            return None
        self._tail = Tail.of_end(end, self._reach, self.forward_tail)
        return found

    def forward_tail(self) -> Tail:
        """The end of the file (:class:`Tail`) read line by line from its start: every undo
        event and every mark of the record (``Tail.whole``)."""
        if self._tail is not None and self._tail.whole:
            return self._tail
        self._end = None
        recent: deque[Event] = deque(maxlen=UNDO_DEPTH)
        undos: list[Event] = []

        def keep(event: Event) -> None:
            if event.action != "undo":
                recent.append(event)
            else:
                undos.append(event)

        scan = progress_state.reader().scan_progress(self.path, keep)
        if scan.snapshot is not None or not scan.opened or not scan.ends_with_newline:
            self._snapshot = scan.snapshot or progress_state.reader().load(self.path)
            self._tail = Tail.of(self._snapshot.progress)
        else:
            self._scan = scan
            self._tail = Tail(
                scan.next_seq, list(recent), dict(scan.undone), scan.check.last_id, undos
            )
        return self._tail

    @property
    def next_seq(self) -> int:
        """The number the next event added gets."""
        if self._snapshot is not None:
            first = self._snapshot.progress.next_seq
        elif self._end is not None and self._end.total is not None:
            first = self._end.total + 1
        elif self._scan is not None:
            first = self._scan.next_seq
        else:
            first = self.state.next_seq
        return first + len(self.events)

    def last_id(self) -> str:
        """The id of the last event staged, else of the record's last event."""
        if self.events:
            return self.events[-1].id
        if self._snapshot is not None:
            return self._snapshot.progress.last_id
        if self._end is not None:
            return self._end.last_id
        if self._scan is not None:
            return self._scan.check.last_id
        return self.state.last_id

    def add(self, *events: Event) -> None:
        """Stage ``events``, in order, to be written when the change returns; each without
        an id gets a new one (:func:`~roadmap_tracker.progress.ids.new_id`), after the
        record's last.
        """
        self.events.extend(given_ids(events, self.last_id()))

    def commit(self) -> None:
        """Write the staged events (nothing when there are none), the least way the file
        allows (see the module's docstring). Raises RoadmapError as
        :func:`~roadmap_tracker.progress.store.write_events` does, and ValueError for an event
        that does not follow the file's.
        """
        if not self.events:
            return
        if self._snapshot is None and self._end is not None:
            self._append_after_end(self._end)
        elif self._snapshot is None and self._scan is not None:
            self._append_after_scan(self._scan)
        elif self._snapshot is None and self._state is not None and self._appends_to_state():
            self._append_to_state(self._state)
        else:
            store.write_events(
                self.path, self._snapshot or progress_state.reader().load(self.path), self.events
            )

    def _appends_to_state(self) -> bool:
        event = self.events[0]
        return len(self.events) == 1 and event.action != "undo" and event.amends is None

    def _append_to_state(self, state: ProgressState) -> None:
        """Append the one event to a file the kept ``state`` covers, then keep the state
        with it, so that the next command reads nothing of the file.
        """
        from roadmap_tracker.base import cache

        (event,) = self.events
        if event.seq != state.next_seq or event.id <= state.last_id:
            raise ValueError(f"event {event.seq} cannot be appended to the kept state")
        line = file_format.event_line(event)
        store.remove_stale_temp_files(self.path)
        try:
            store.append_lines(self.path, line, newline_first=False, cut_to=None)
        except OSError as error:
            raise store.unwritable_error(self.path, error) from error
        with contextlib.suppress(Exception):  # the kept state is only an accelerator
            state.extend([event])
            state.stamp = cache.file_stamp(self.path)
            # What was written is kept beside the digest of the bytes before it, up to
            # APPENDED_KEPT bytes; then the whole file is hashed again (stamp first, so that
            # a change while it is read shows as a changed stamp).
            written = line.encode("utf-8")
            state.appended += written
            state.valid_bytes += len(written)
            if len(state.appended) > progress_state.APPENDED_KEPT:
                import hashlib

                digest = hashlib.sha256()
                with self.path.open("rb") as handle:  # a mebibyte at a time, not whole
                    size = os.fstat(handle.fileno()).st_size
                    if not progress_state.hash_next(handle, digest, size):
                        raise OSError("the file changed while it was hashed")
                state.valid_bytes, state.digest = size, digest.hexdigest()
                state.digest_bytes, state.appended = size, b""
            cache.keep_state(state)

    def _append_after_scan(self, scan: Scan) -> None:
        """Append the events to a file read line by line (:attr:`tail`), cutting off a torn
        last record first.
        """
        for event in self.events:
            try:
                scan.check.add(event)
            except ProgressError as error:
                raise ValueError(f"event {event.seq} cannot be recorded: {error}") from None
        self._append_lines(scan.valid_bytes if scan.torn_bytes else None)

    def _append_lines(self, cut_to: int | None) -> str:
        """Append the staged events' lines to the file, first cutting it to ``cut_to`` bytes
        (a torn last record) when not None; return the lines written. Raises RoadmapError
        when the file cannot be written (:func:`~roadmap_tracker.progress.store.unwritable_error`).
        """
        lines = "".join(file_format.event_line(event) for event in self.events)
        store.remove_stale_temp_files(self.path)
        try:
            store.append_lines(self.path, lines, newline_first=False, cut_to=cut_to)
        except OSError as error:
            raise store.unwritable_error(self.path, error) from error
        return lines

    def _append_after_end(self, end: RecordEnd) -> None:
        """Append the events to a file read from its end (:attr:`tail`), cutting off a torn
        last record first, and keep the count of its events for the next read from the end.
        """
        from roadmap_tracker.base import cache

        assert end.total is not None
        last = end.last_id
        for event in self.events:
            named = event.undoes or event.amends
            if event.id <= last or (named is not None and named not in self._known()):
                raise ValueError(f"event {event.seq} cannot be recorded after the file's end")
            last = event.id
        lines = self._append_lines(end.valid_bytes if end.torn_bytes else None)
        with contextlib.suppress(Exception):  # the count is only an accelerator
            inode = self.path.stat().st_ino
            if inode == end.inode:
                written = end.valid_bytes + len(lines.encode("utf-8"))
                total = end.total + len(self.events)
                cache.keep_progress_mark((str(self.path), inode, written, total, last))

    def _known(self) -> dict[str, Event]:
        return self._tail.known if self._tail is not None else {}


@contextlib.contextmanager
def _reopened(end: RecordEnd) -> Iterator[None]:
    """``end`` with its file open again for the length of the block."""
    end.reopen()
    try:
        yield
    finally:
        end.close()


def read_end(path: Path, events: int, changes: int) -> RecordEnd | None:
    """The end of the progress file at ``path`` read back to hold ``events`` events, of
    which ``changes`` are not undo events, and counted
    (:mod:`~roadmap_tracker.progress.record_end`), with the count kept for the next read;
    None when the file is missing or not in the form roadmap writes (the caller reads it
    from the start). Raises RoadmapError when the file is over the size limit or cannot be
    read.
    """
    from roadmap_tracker.base import cache
    from roadmap_tracker.progress import record_end

    mark = cache.load_progress_mark()
    try:
        end = record_end.open_end(path, mark)
        if end is None:
            return None
        try:
            end.read(events, changes)
            end.count()
        finally:
            end.close()
    except record_end.NotFromEnd:
        return None
    except OSError as error:
        raise progress_state.reader()._unreadable(path, error) from error
    found = end.mark()
    if found is not None and found != mark:
        cache.keep_progress_mark(found)
    return end


def given_ids(events: Sequence[Event], last_id: str) -> list[Event]:
    """``events`` with a new id (:func:`~roadmap_tracker.progress.ids.new_id`, after
    ``last_id`` and each other) given to each that has none."""
    from roadmap_tracker.progress.ids import new_id

    given: list[Event] = []
    for event in events:
        if not event.id:
            event = Event(**{**event.__dict__, "id": new_id(last_id)})
        elif event.id <= last_id:
            raise ValueError(f"event {event.seq} cannot be recorded: its id is not the newest")
        given.append(event)
        last_id = event.id
    return given


def _covers_file(state: ProgressState, path: Path) -> bool:
    """Whether ``state`` covers the whole file at ``path`` in the current schema, ending with
    a newline: an event can then be appended to the file as the state is.
    """
    try:
        size = path.stat().st_size
    except OSError:
        size = -1
    return (
        state.stamp is not None
        and state.version == SCHEMA_VERSION
        and state.ends_with_newline
        and size == state.valid_bytes
    )


def transact(
    change: Callable[[FileTransaction], T],
    path: Path | None = None,
    read_before: ProgressState | None = None,
) -> T:
    """Run ``change`` on the progress file at ``path`` (default: the data directory's) under
    its exclusive lock, write the events it added (:meth:`FileTransaction.commit`) and return
    what it returned. ``read_before`` is the state the command read before the lock: the
    transaction uses it when the file has not changed since (:attr:`FileTransaction.state`).

    A RoadmapError (or any exception) raised by ``change`` writes nothing. Raises what
    :func:`~roadmap_tracker.progress.lock.locked` raises when the lock cannot be taken, and
    what :meth:`FileTransaction.commit` raises.
    """
    with lock.locked(path) as locked_path:
        transaction = FileTransaction(locked_path, read_before)
        result = change(transaction)
        transaction.commit()
        return result


class MemoryTransaction:
    """A :class:`Transaction` on a progress held in memory (see
    :class:`roadmap_tracker.session.MemoryRecord`): for tests and for a REPL.
    """

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self.events: list[Event] = []
        self._state: ProgressState | None = None

    @property
    def state(self) -> ProgressState:
        """The state of the progress (enrollments, ledgers, next number)."""
        if self._state is None:
            self._state = state_of(self._progress)
        return self._state

    @property
    def progress(self) -> Progress:
        """The whole progress."""
        return self._progress

    @property
    def tail(self) -> Tail:
        """The end of the progress (:class:`Tail`)."""
        return Tail.of(self._progress)

    @property
    def next_seq(self) -> int:
        """The number the next event added gets."""
        return self._progress.next_seq + len(self.events)

    def last_id(self) -> str:
        """The id of the last event staged, else of the progress's last event."""
        return self.events[-1].id if self.events else self._progress.last_id

    def add(self, *events: Event) -> None:
        """Stage ``events``, in order; each without an id gets a new one."""
        self.events.extend(given_ids(events, self.last_id()))

    def committed(self) -> Progress:
        """The progress with the staged events. Raises ValueError for an event that does not
        follow the progress's (a number out of order, an undo of nothing).
        """
        progress = self._progress
        for event in self.events:
            try:
                progress = progress.with_event(event)
            except ProgressError as error:
                raise ValueError(f"event {event.seq} cannot be recorded: {error}") from None
        return progress


def state_of(progress: Progress) -> ProgressState:
    """The :class:`~roadmap_tracker.progress.progress_state.ProgressState` of a progress held in
    memory (no file behind it; nothing kept in the cache).
    """
    return ProgressState(
        progress_state.reader().Snapshot(Path("<memory>"), progress, SCHEMA_VERSION, "", 0, 0), None
    )


def record(
    make: Callable[[Progress], Event | Sequence[Event] | None], path: Path | None = None
) -> Progress:
    """Record the events ``make`` makes from the whole fresh progress (one event, several, or
    None for none) in one :func:`transact` on the progress file at ``path``, and return the
    progress with them: for tests and tools that work on whole progresses. Raises what
    :func:`transact` raises.
    """

    def change(transaction: FileTransaction) -> Progress:
        progress = transaction.progress
        made = make(progress)
        events = [] if made is None else [made] if isinstance(made, Event) else list(made)
        transaction.add(*events)
        for event in transaction.events:
            progress = progress.with_event(event)
        return progress

    return transact(change, path)
