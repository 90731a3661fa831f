"""Reading the progress file from its end: what ``roadmap history`` and ``roadmap undo``
show and decide from, at a cost that does not grow with the record (issue 30, decision 67).

:func:`open_end` checks the file's header and its last line (a torn last record is left out,
as :func:`~roadmap_tracker.progress.reading.load` leaves it out), then :meth:`RecordEnd.read`
reads whole record lines backward, in blocks, until it holds the events asked for and the
events they name (the change an undo took back, the change an amendment amends), each
validated as the forward read validates it. Lines further back than the events held are
only counted, and parsed when they are an undo or an amendment (they decide which of the
events held still count) or an event named: memory follows what is held, not the file.

The numbers users type (``seq``) are positions in the whole record, so the count of the
events before the part read is needed: it is kept in the cache (a *mark*:
:func:`~roadmap_tracker.base.cache.load_progress_mark`), the byte offset of the end of the
last record, the number of events up to it and that event's id, for the file's inode. A mark
is used when the file has the same inode and the record line ending at that offset has that
id (an append by another process, a file replaced by ``restore`` or ``sync``, a hand edit
before that line shows as a mismatch). Otherwise the record lines before the part read are
counted from their starts (``\\n- {``), in blocks of bytes, without parsing: 40-60 ms for
500,000 events where parsing them takes seconds.

Anything not in the form roadmap writes (another schema, another YAML style, a line that
does not parse or validate, ids out of the record's order as a merge leaves them) raises
:class:`NotFromEnd`: the caller reads the file forward instead
(:func:`~roadmap_tracker.progress.reading.scan_progress`), which reads it whole and sorts,
migrates or reports the damage with its line number. Damage in the lines before the part
read is not seen here; ``status``, ``doctor`` and every whole read report it.
"""

from __future__ import annotations

import os
from pathlib import Path

from roadmap_tracker.progress.event_log import not_counted
from roadmap_tracker.progress.events import SCHEMA_VERSION, Event
from roadmap_tracker.progress.file_format import record_of, torn_tail

BLOCK = 64 * 1024
"""The first block read from the end, in bytes; each next one is twice as large, up to
:data:`MAX_BLOCK`."""
MAX_BLOCK = 1 << 20
HEAD_BYTES = 4096
"""The most bytes the header (comments, ``schema_version``, ``events:``) may take to be
read from the end; a longer one is read from the start."""
COUNT_BACK = 1 << 20
"""How many bytes between a kept mark and the part read are read back line by line to
reach the mark, rather than counted from the start of the file."""
_ID_START = b'- {"id": "'
_ID_END = len(_ID_START) + 26


class NotFromEnd(Exception):
    """The file cannot be read from its end: the caller reads it forward."""


class RecordEnd:
    """The end of a progress file, read backward (:func:`open_end`, then :meth:`read`).

    ``events`` holds the events read at the end, newest first; ``named`` the events further
    back kept because an event held names them, or because they are undo or amendment
    events (they are few). Each event's ``seq`` is its number in the whole record once
    :meth:`count` has run. ``valid_bytes`` is the byte length of the complete records (a
    torn last record of ``torn_bytes`` after them is left out); ``reached_start`` whether
    every record line was read; ``last_id`` the id of the record's last event.
    """

    def __init__(self, path: Path, handle: int, size: int, inode: int, header_end: int) -> None:
        self.path = path
        self.inode = inode
        self.header_end = header_end
        self.valid_bytes = size
        self.torn_bytes = 0
        self.events: list[Event] = []
        self.named: dict[str, Event] = {}
        self.total: int | None = None
        self.lines_read = 0  # record lines read from the end
        self.reached_start = False
        self.last_id = ""
        self._handle: int | None = handle
        self._offset = size  # the start of the earliest line read
        self._carry = b""  # the bytes read from ``_offset`` on
        self._stop = 0  # how many of them are not yet taken as lines
        self._block = BLOCK
        self._earliest_id = ""  # the id of the earliest line read (the order check)
        self._roots: list[Event] = []  # the events whose names are followed
        self._wanted: set[str] = set()
        self._from_end: dict[str, int] = {}  # id -> position from the end (1 = last)
        self._mark: tuple[int, int, str] | None = None  # offset, count, id of a kept mark
        self._after_mark: int | None = None  # record lines after the mark (-1: stale)

    def read(self, events: int, changes: int = 0) -> None:
        """Read back until ``events`` events are held and ``changes`` of them are not undo
        events (or the record's start), then on until every event they name is found.

        Raises NotFromEnd as :func:`open_end` says, and OSError when the file cannot be read.
        """
        held_changes = sum(1 for e in self.events if e.action != "undo")
        while not self.reached_start and (len(self.events) < events or held_changes < changes):
            event = self._next_line(hold=True)
            if event is not None and event.action != "undo":
                held_changes += 1
        self._find_named()

    def reach(self, seq: int) -> Event | None:
        """The event numbered ``seq``, read back to it, with the events it names (None when
        the record has no such event); the undo and amendment events after it are kept on
        the way (they decide whether it counts). Needs :meth:`count` first. Raises as
        :meth:`read` does.
        """
        if self.total is None or not 1 <= seq <= self.total:
            return None
        position = self.total - seq + 1
        while self.lines_read < position and not self.reached_start:
            self._next_line(hold=False, position_wanted=position)
        found = next((e for e in [*self.events, *self.named.values()] if e.seq == seq), None)
        if found is not None:
            self._roots.append(found)
            self._find_named()
        return found

    def _find_named(self) -> None:
        """Read back until every event named by the events held is found, and the events
        those name in turn (the change a redone undo took back, the first version of an
        amended change)."""
        while not self.reached_start:
            self._wanted = wanted = self._names_missing()
            if not wanted:
                return
            read = self._from_end
            while not self.reached_start and not any(name in read for name in wanted):
                self._next_line(hold=False)

    def _names_missing(self) -> set[str]:
        missing: set[str] = set()
        seen: set[str] = set()
        stack = [*self.events, *self._roots]
        while stack:
            event = stack.pop()
            for target in (event.undoes, event.amends):
                if target is None or target in seen:
                    continue
                seen.add(target)
                found = self.by_id(target)
                if found is None:
                    missing.add(target)
                else:
                    stack.append(found)
        return missing

    def _next_line(self, hold: bool, position_wanted: int = 0) -> Event | None:
        """Take in the next line back: held (``hold``), or only counted unless it is an undo,
        an amendment, an event wanted or the one at ``position_wanted``. Returns the event
        held."""
        line, end = self._previous_line()
        if line is None:
            self.reached_start = True
            return None
        record = line.startswith(b"- {")
        quick = line[len(_ID_START) : _ID_END] if line.startswith(_ID_START) else b""
        quick_id = quick.decode("ascii", "replace")
        mark = self._mark
        if mark is not None and self._after_mark is None and end - len(line) < mark[0]:
            # the line the mark ends with: the same record there, or a stale mark
            same = record and end == mark[0] and quick_id == mark[2]
            self._after_mark = self.lines_read if same else -1
        if not record:
            stripped = line.strip()
            if not stripped or stripped.startswith(b"#"):
                return None
            raise NotFromEnd("a line that is not a record")
        self.lines_read += 1
        position = self.lines_read
        parse = (
            hold
            or not quick
            or position == position_wanted
            or b'"undoes"' in line
            or b'"amends"' in line
            or quick_id in self._wanted
        )
        if not parse:
            self._order(quick_id)
            return None
        try:
            event = Event.model_validate(record_of(line.decode("utf-8")))
        except ValueError as error:  # UnicodeDecodeError too: the forward read names the line
            raise NotFromEnd(str(error)) from None
        self._order(event.id)
        self._from_end[event.id] = position
        if self.total is not None:
            event = _numbered(event, self.total - position + 1)
        if hold:
            self.events.append(event)
            return event
        self.named[event.id] = event
        return None

    def _order(self, event_id: str) -> None:
        if self._earliest_id and event_id >= self._earliest_id:
            raise NotFromEnd("ids out of the record's order")  # a merge: sorted when read whole
        if not self.last_id:
            self.last_id = event_id
        self._earliest_id = event_id

    def _previous_line(self) -> tuple[bytes | None, int]:
        """The record-section line before those read (with its newline), and the byte
        offset of its end; None at the header."""
        while True:
            carry, stop = self._carry, self._stop
            if stop > 0:
                cut = carry.rfind(b"\n", 0, stop - 1)
                if cut >= 0:
                    self._stop = cut + 1
                    return carry[cut + 1 : stop], self._offset + stop
            if self._offset <= self.header_end:
                self._stop = 0
                return (carry[:stop], self._offset + stop) if stop else (None, self._offset)
            start = max(self.header_end, self._offset - self._block)
            self._block = min(self._block * 2, MAX_BLOCK)
            piece = self._pread(self._offset - start, start)
            if len(piece) != self._offset - start:
                raise NotFromEnd("the file changed while it was read")
            self._carry = piece + carry[:stop]
            self._stop = len(self._carry)
            self._offset = start

    def _start(self) -> int:
        """The byte offset of the start of the earliest line read."""
        return self._offset + self._stop

    def _pread(self, size: int, offset: int) -> bytes:
        if self._handle is None:
            raise ValueError("the record's end is closed")
        return os.pread(self._handle, size, offset)

    def count(self, mark: tuple[object, ...] | None = None) -> int:
        """The number of events in the record, from the lines read and the ``mark`` kept
        (see the module's docstring; set by :func:`open_end`), else counted from line
        starts; every event read is numbered by it. Raises as :meth:`read` does.
        """
        self.total = self._before() + self.lines_read
        total, where = self.total, self._from_end
        self.events = [_numbered(e, total - where[e.id] + 1) for e in self.events]
        self.named = {key: _numbered(e, total - where[key] + 1) for key, e in self.named.items()}
        self._roots = [_numbered(e, total - where[e.id] + 1) for e in self._roots]
        return total

    def _before(self) -> int:
        """How many record lines come before those read."""
        mark = self._mark
        if mark is not None and self._after_mark is None and self._start() - mark[0] <= COUNT_BACK:
            while self._after_mark is None and not self.reached_start:
                self._next_line(hold=False)
        if self.reached_start:
            return 0
        if mark is not None and self._after_mark is not None and self._after_mark >= 0:
            before = mark[1] - (self.lines_read - self._after_mark)
            if before >= 0:
                return before
        return self._count_starts()

    def _count_starts(self) -> int:
        """The record lines before those read, counted from their starts (``\\n- {``)."""
        count = 0
        position = self.header_end - 1
        start = self._start()
        tail = b""
        while position < start:
            piece = self._pread(min(MAX_BLOCK, start - position), position)
            if not piece:
                break
            chunk = tail + piece
            count += chunk.count(b"\n- {")
            tail = chunk[-3:]  # a start cut by the block's end is counted with the next
            position += len(piece)
        return count

    def undone(self) -> dict[str, str]:
        """The ids of the events read that no longer count, each with the id of the event
        that took it back, as
        :attr:`~roadmap_tracker.progress.event_log.SequenceCheck.undone` says for the whole
        record (exact for the events held and those they name: what takes an event back
        comes after it)."""
        undoes: dict[str, str] = {}
        versions: dict[str, list[str]] = {}
        for event in sorted([*self.events, *self.named.values()], key=lambda e: e.id):
            if event.undoes is not None:
                undoes[event.id] = event.undoes
            elif event.amends is not None:
                versions.setdefault(event.amends, []).append(event.id)
        return not_counted(undoes, versions)

    def by_id(self, event_id: str) -> Event | None:
        """The event read whose id is ``event_id``, or None."""
        found = self.named.get(event_id)
        if found is not None:
            return found
        return next((e for e in self.events if e.id == event_id), None)

    def mark(self) -> tuple[str, int, int, int, str] | None:
        """The mark to keep for the next read: (path, inode, byte offset of the end of the
        records, number of events, last id); None before :meth:`count` or for no event."""
        if self.total is None or not self.last_id:
            return None
        return (str(self.path), self.inode, self.valid_bytes, self.total, self.last_id)

    def reopen(self) -> None:
        """Open the file again after :meth:`close`, to read further back. Raises NotFromEnd
        when it is another file now, OSError when it cannot be opened."""
        if self._handle is not None:
            return
        handle = os.open(self.path, os.O_RDONLY)
        if os.fstat(handle).st_ino != self.inode:
            os.close(handle)
            raise NotFromEnd("the file was replaced")
        self._handle = handle

    def close(self) -> None:
        """Close the file (the events read stay)."""
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None


def _numbered(event: Event, seq: int) -> Event:
    return event if event.seq == seq else Event(**{**event.__dict__, "seq": seq})


def open_end(path: Path, mark: tuple[object, ...] | None = None) -> RecordEnd | None:
    """The end of the progress file at ``path``, ready to :meth:`~RecordEnd.read`, with
    ``mark`` (a :meth:`RecordEnd.mark` kept from an earlier read) if it fits the file; None
    when the file is missing. The caller closes it (:meth:`RecordEnd.close`).

    Raises NotFromEnd when the header is not the current schema's in the form roadmap
    writes or the last record has no newline; RoadmapError when the file is over the size
    limit or cannot be read.
    """
    from roadmap_tracker.progress import reading

    try:
        handle = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise reading._unreadable(path, error) from error
    try:
        status = os.fstat(handle)
        size = status.st_size
        if size > reading.MAX_PROGRESS_BYTES:
            raise reading._too_large(path)
        header_end = _header_end(os.pread(handle, min(HEAD_BYTES, size), 0))
        end = RecordEnd(path, handle, size, status.st_ino, header_end)
        last_start = max(header_end, size - BLOCK)
        last = os.pread(handle, size - last_start, last_start)
        if len(last) != size - last_start:
            raise NotFromEnd("the file changed while it was read")
        if last and not last.endswith(b"\n"):
            if b"\n" not in last and last_start > header_end:
                raise NotFromEnd("a last line longer than a block")
            torn = torn_tail(last)
            if not torn:
                raise NotFromEnd("a last record without a newline")  # rare: read forward
            end.torn_bytes = torn
            end.valid_bytes = size - torn
            last = last[: len(last) - torn]
        end._carry, end._stop, end._offset = last, len(last), last_start  # taken as lines next
        end._mark = _usable_mark(mark, end)
        return end
    except BaseException:
        os.close(handle)
        raise


def _usable_mark(mark: tuple[object, ...] | None, end: RecordEnd) -> tuple[int, int, str] | None:
    if mark is None or len(mark) != 5:
        return None
    path, inode, offset, count, mark_id = mark
    if path != str(end.path) or inode != end.inode:
        return None
    if not isinstance(offset, int) or not isinstance(count, int) or not isinstance(mark_id, str):
        return None
    if not end.header_end < offset <= end.valid_bytes:
        return None
    return offset, count, mark_id


def _header_end(head: bytes) -> int:
    """The byte offset just after the ``events:`` line of a header in the form roadmap
    writes (comments, ``schema_version: 3``, ``events:``). Raises NotFromEnd otherwise."""
    position = 0
    version = None
    while True:
        newline = head.find(b"\n", position)
        if newline < 0:
            raise NotFromEnd("no events line in the head of the file")
        line = head[position:newline]
        position = newline + 1
        stripped = line.strip()
        if not stripped or stripped.startswith(b"#"):
            continue
        if line.startswith(b"schema_version: ") and version is None:
            value = line.split(b":", 1)[1].split(b"#", 1)[0].strip()
            if not value.isdigit() or int(value) != SCHEMA_VERSION:
                raise NotFromEnd("another schema")
            version = int(value)
        elif line.split(b"#", 1)[0].strip() == b"events:" and version is not None:
            return position
        else:
            raise NotFromEnd("another header")
