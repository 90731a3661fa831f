"""Looking after the progress file: its history, undo, restoring a backup, and the doctor.

``history`` and ``doctor`` only read; ``undo`` appends an ``undo`` event (the change it takes
back stays in the file); ``restore`` replaces the file with a backup after keeping the current
file in ``backups/``. Every function returns a view and raises RoadmapError on bad input.
"""

from __future__ import annotations

import datetime as dt
import stat
from collections import deque
from collections.abc import Callable, Container, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from roadmap_tracker.base import clock, paths
from roadmap_tracker.base.errors import Declined, RoadmapError, error_reason
from roadmap_tracker.base.records import View
from roadmap_tracker.curriculum import catalog
from roadmap_tracker.progress import reading, store
from roadmap_tracker.progress.backups import list_backups
from roadmap_tracker.progress.event_log import CountedEvents, Progress
from roadmap_tracker.progress.events import SCHEMA_VERSION, UNDO_DEPTH, Enrollment, Event
from roadmap_tracker.progress.lock import lock_path_of
from roadmap_tracker.progress.transaction import Tail, Transaction

if TYPE_CHECKING:
    from roadmap_tracker.progress.record_end import RecordEnd
from roadmap_tracker.session import Session, curriculum_of, source_of

HISTORY_SHOWN = 20


class ChangeView(View):
    """One change in the progress file: its number, when it was recorded (``at``, local
    time with offset), the day it counts for (``on``), and a sentence saying what it did.
    ``undone_by`` is the number of the undo that took it back, if any; ``amended_by`` the
    number of the amendment (``roadmap edit``) that stands for it now, if any.
    """

    seq: int
    at: dt.datetime
    on: dt.date
    curriculum: str
    action: str
    items: list[str]
    summary: str
    undone_by: int | None
    amended_by: int | None = None


class HistoryView(View):
    """``roadmap history``: the newest changes first, and how many the file holds."""

    changes: list[ChangeView]
    total: int
    undoable: list[int]


class UndoResult(View):
    """What ``roadmap undo`` took back: ``undone`` the change named (or the last), and
    ``undo_seq`` the number of its ``undo`` event; ``also`` the other events of the same
    change (``part_of``: ``roadmap import --update``), taken back with it, newest first,
    each with its own ``undo`` event.
    """

    undone: ChangeView
    undo_seq: int
    also: list[ChangeView]


class RedoResult(View):
    """What ``roadmap redo`` brought back: ``redone`` the change that counts again, ``undo``
    the undo taken back, ``redo_seq`` the number of the event that took it back; ``also``
    the other changes of the same undo (``roadmap import --update``'s, or two machines' undos
    of one change), brought back with it.
    """

    redone: ChangeView
    undo: ChangeView
    redo_seq: int
    also: list[ChangeView]


class RestoreResult(View):
    """What ``roadmap restore`` did: the backup restored, the copy kept of the file it
    replaced, and how many changes and enrollments the restored file holds.
    """

    backup: str
    kept: str | None
    changes: int
    enrollments: list[str]


Level = Literal["ok", "note", "warning", "problem"]


class Finding(View):
    """One line of ``roadmap doctor``: what was checked, how it stands, and what to do."""

    check: str
    level: Level
    message: str


class RemovedItem(View):
    """An id in the progress file that its curriculum no longer has (kept in the record)."""

    curriculum: str
    id: str
    action: str
    on: dt.date


class DoctorView(View):
    """``roadmap doctor``: every finding, and the ids the curricula no longer have.
    ``healthy`` is False when any finding is a problem.
    """

    progress_file: str
    findings: list[Finding]
    removed: list[RemovedItem]
    healthy: bool


def describe(event: Event, target: int | None = None, redone: int | None = None) -> str:
    """One sentence (without a final period) saying what an event did; ``target`` is the
    number of the change an undo event took back, or that an amendment amends (else its id
    is named); ``redone`` the number of the change an undo of an undo (a redo) brought
    back."""
    if event.amends is not None:
        amended = target if target is not None else event.amends
        return f"amended change {amended}: " + describe(Event(**{**event.__dict__, "amends": None}))
    items = ", ".join(event.items)
    on = event.on.isoformat()
    if event.action == "start":
        hours = f" at {event.hours:g} hours a week" if event.hours else ""
        return f"started {event.curriculum} from {on}{hours}"
    if event.action in ("check", "uncheck"):
        return f"{event.action}ed {items} on {on}"
    if event.action == "log":
        task = f" on {items}" if items else ""
        note = f": {event.note}" if event.note else ""
        return f"logged {event.hours:g} h for {on}{task}{note}"
    if event.action == "choose":
        return f"chose {', '.join(event.options)} for {items}"
    if event.action in ("include", "exclude"):
        return f"{event.action}d {items}"
    if event.action == "replan":
        hours = f" at {event.hours:g} hours a week" if event.hours else ""
        return f"replanned from {on}{hours}"
    if event.action == "doing":
        return f"started working on {items} on {on}"
    if event.action == "skip":
        reason = f" ({event.note})" if event.note else ""
        return f"skipped {items} on {on}{reason}"
    if event.action == "reset":
        return f"reset {items} to open on {on}"
    if event.action == "note":
        what = "a note" if event.note else "evidence"
        return f"added {what} to {items} on {on}"
    if event.action == "journal":
        return f"wrote a journal entry for {on}"
    if event.action == "review":
        period = f"{event.period_start} to {event.period_end}"
        return f"reviewed {period} of {event.curriculum} on {on}"
    if event.action == "switch":
        return f"switched to {event.curriculum}"
    if event.action == "stop":
        return f"stopped {event.curriculum}"
    if event.action == "move":
        return f"moved the start of {event.curriculum} to {on}"
    if event.action == "pause":
        assert event.period_end is not None
        return f"paused {event.curriculum} from {on} to {event.period_end.isoformat()}"
    if event.action == "resume":
        return f"resumed {event.curriculum} on {on}"
    if redone is not None:
        return f"redid change {redone} (took back undo {target})"
    if target is not None:
        return f"undid change {target}"
    return f"undid change {event.undoes}"


def change_view(progress: Progress, event: Event) -> ChangeView:
    """The view of one event of ``progress``."""
    taker = progress.undone.get(event.id)
    by_id = {e.id: e for e in progress.events if e.id in (event.undoes, event.amends)}
    named = by_id.get(event.undoes or event.amends or "")
    redone = None
    if named is not None and named.undoes is not None and event.undoes is not None:
        redone = next((e.seq for e in progress.events if e.id == named.undoes), None)
    undo = taker if taker is not None and taker.action == "undo" else None
    amendment = taker if taker is not None and taker.action != "undo" else None
    return event_view(
        event,
        undo.seq if undo else None,
        named.seq if named else None,
        redone,
        amendment.seq if amendment else None,
    )


def event_view(
    event: Event,
    undone_by: int | None,
    target: int | None = None,
    redone: int | None = None,
    amended_by: int | None = None,
) -> ChangeView:
    """The view of ``event``, taken back by the undo numbered ``undone_by`` (or None), or
    standing no more for the amendment numbered ``amended_by``; ``target`` is the number of
    the change an undo event took back or an amendment amends, ``redone`` that of the change
    a redo brought back."""
    return ChangeView(
        seq=event.seq,
        at=event.at,
        on=event.on,
        curriculum=event.curriculum,
        action=event.action,
        items=list(event.items),
        summary=describe(event, target, redone),
        undone_by=undone_by,
        amended_by=amended_by,
    )


def undoable(progress: Progress) -> list[Event]:
    """The changes ``roadmap undo`` can take back, newest first: those of the last
    UNDO_DEPTH changes (undo events aside) that are not undone yet.
    """
    tail = Tail.of(progress)
    return undoable_in(tail.recent, tail.undone)


def undoable_in(recent: Iterable[Event], undone: Container[str]) -> list[Event]:
    """:func:`undoable` from the last UNDO_DEPTH changes (``recent``, undo events aside,
    oldest first) and the ids of the undone events.
    """
    return [event for event in reversed(list(recent)) if event.id not in undone]


def history_view(count: int = HISTORY_SHOWN, curriculum: str | None = None) -> HistoryView:
    """The newest ``count`` events of the progress file, newest first; with ``curriculum``
    only the events of that curriculum (any enrollment in it, stopped ones too), and
    ``total`` counts those. Raises RoadmapError when no event names ``curriculum``.

    Without ``curriculum`` the file is read from its end
    (:func:`~roadmap_tracker.progress.transaction.read_end`): the events shown, the last
    UNDO_DEPTH changes and the events they name, so that neither time nor memory grows
    with the record. With it (or for a file not in the form roadmap writes) the file is read
    line by line from its start, keeping the ``count`` events shown, the last UNDO_DEPTH
    changes and the undo marks, so memory grows with ``count``, not the file.
    """
    if count < 1:
        raise RoadmapError(f"-n must be 1 or more, not {count}.", "Try 'roadmap history -n 20'.")
    if curriculum is None:
        from roadmap_tracker.progress.transaction import read_end

        end = read_end(paths.progress_path(), count, UNDO_DEPTH)
        if end is not None:
            return _history_of_end(end, count)
    shown: deque[Event] = deque(maxlen=count)
    recent: deque[Event] = deque(maxlen=UNDO_DEPTH)
    named: set[str] = set()
    numbers: dict[str, int] = {}  # the numbers of the last events (what undos name)
    order: deque[str] = deque()
    undo_numbers: dict[str, int] = {}  # every undo and amendment's number (they are few)
    undo_targets: dict[str, str] = {}  # every undo's target
    total = 0

    def fold(event: Event) -> None:
        nonlocal total
        named.add(event.curriculum)
        numbers[event.id] = event.seq
        if event.undoes is not None:
            undo_numbers[event.id] = event.seq
            undo_targets[event.id] = event.undoes
        elif event.amends is not None:
            undo_numbers[event.id] = event.seq
        order.append(event.id)
        if len(order) > _NUMBERS_KEPT:
            numbers.pop(order.popleft(), None)
        if event.action != "undo":
            recent.append(event)
        if curriculum is None or event.curriculum == curriculum:
            shown.append(event)
            total += 1

    scan = reading.scan_progress(fold=fold)
    if scan.snapshot is not None:  # read whole after all (a merged file): fold it again
        shown.clear()
        recent.clear()
        named.clear()
        numbers.clear()
        order.clear()
        undo_numbers.clear()
        undo_targets.clear()
        total = 0
        for event in scan.snapshot.progress.events:
            fold(event)
    undone = scan.undone
    if curriculum is not None and not total:
        raise RoadmapError(
            f"Your progress file has no changes of {curriculum}.",
            f"Its changes are of: {', '.join(sorted(named))}." if named else "It has none yet.",
        )

    def view(event: Event) -> ChangeView:
        taker = undone.get(event.id)
        number = _number(taker, numbers, undo_numbers)
        target = event.undoes or event.amends
        redone = None
        if event.undoes is not None and event.undoes in undo_targets:
            redone = _number(undo_targets[event.undoes], numbers, undo_numbers)
        amended = taker is not None and taker not in undo_targets  # an amendment stands for it
        return event_view(
            event,
            None if amended else number,
            _number(target, numbers, undo_numbers),
            redone,
            number if amended else None,
        )

    return HistoryView(
        changes=[view(event) for event in reversed(shown)],
        total=total,
        undoable=[event.seq for event in undoable_in(recent, undone)],
    )


def _history_of_end(end: RecordEnd, count: int) -> HistoryView:
    """:func:`history_view` of every curriculum from the end of the file, read and counted."""
    assert end.total is not None
    undone = end.undone()

    def number(event_id: str | None) -> int | None:
        found = end.by_id(event_id) if event_id is not None else None
        return found.seq if found is not None else None

    def view(event: Event) -> ChangeView:
        taker = undone.get(event.id)
        taken_by = end.by_id(taker) if taker is not None else None
        named = end.by_id(event.undoes) if event.undoes is not None else None
        redone = number(named.undoes) if named is not None else None
        amended = taken_by is not None and taken_by.action != "undo"
        return event_view(
            event,
            None if amended else number(taker),
            number(event.undoes or event.amends),
            redone,
            number(taker) if amended else None,
        )

    recent = [event for event in reversed(end.events) if event.action != "undo"]
    return HistoryView(
        changes=[view(event) for event in end.events[:count]],
        total=end.total,
        undoable=[event.seq for event in undoable_in(recent[-UNDO_DEPTH:], undone)],
    )


def undo(
    session: Session,
    seq: int | None = None,
    confirm: Callable[[ChangeView], bool] | None = None,
) -> UndoResult:
    """Take back the most recent change that counts (or change number ``seq``, any change
    that counts) by appending an ``undo`` event; the other events of the same change
    (``part_of``) are taken back with it. A change other than the last UNDO_DEPTH that count
    is taken back only after ``confirm`` (called with its view before the lock is taken, as
    the command line asks or takes ``--yes``) says yes.

    The file is read line by line, keeping its last UNDO_DEPTH changes and its undo events
    (the transaction's ``tail``), and whole only for an older change. Raises RoadmapError
    when there is nothing to undo, ``seq`` is no change, is undone already, is an undo (a
    redo takes those back), or the confirmation is not given.
    """
    expected = ""
    if seq is not None:  # an older change: confirm first, outside the lock
        target, recent = session.transaction(lambda fresh, t: _undo_target(t, seq))
        if not recent:
            view = event_view(target, None)
            if confirm is None:
                raise RoadmapError(
                    f"Change {seq} is older than your last {UNDO_DEPTH} changes: undoing it "
                    "needs a confirmation.",
                    f"Run 'roadmap undo {seq} --yes' to undo it: {view.summary}.",
                )
            if not confirm(view):
                raise Declined(
                    f"Change {seq} was not undone; nothing was changed.",
                    "Run 'roadmap history' to see your changes.",
                )
            expected = target.id

    def record(fresh: Session, transaction: Transaction) -> UndoResult:
        target, _recent = _undo_target(transaction, seq)
        if expected and target.id != expected:
            raise RoadmapError(
                f"Your record changed while you confirmed: change {seq} is another change now; "
                "nothing was changed.",
                "Run 'roadmap history' and undo again.",
            )
        at = clock.now()
        taken = [target, *_rest_of_change(transaction, target)]
        undos = _undo_events(transaction, taken, at, fresh.as_of)
        transaction.add(*undos)
        return UndoResult(
            undone=event_view(target, undos[0].seq, target_number(transaction, target)),
            undo_seq=undos[0].seq,
            also=[
                event_view(undone, event.seq, target_number(transaction, undone))
                for undone, event in zip(taken[1:], undos[1:], strict=True)
            ],
        )

    return session.transaction(record)


def _undo_events(
    transaction: Transaction, targets: list[Event], at: dt.datetime, on: dt.date
) -> list[Event]:
    """The ``undo`` events that take back ``targets``, numbered from the transaction's next;
    several are one change (``part_of``: the first's id), which ``roadmap redo`` brings back
    whole."""
    events = [
        Event(
            seq=transaction.next_seq + position,
            at=at,
            on=on,
            curriculum=taken.curriculum,
            action="undo",
            undoes=taken.id,
        )
        for position, taken in enumerate(targets)
    ]
    if len(events) > 1:
        from roadmap_tracker.progress.transaction import given_ids

        events = given_ids(events, transaction.last_id())
        events = [Event(**{**event.__dict__, "part_of": events[0].id}) for event in events]
    return events


def _undo_target(transaction: Transaction, seq: int | None) -> tuple[Event, bool]:
    """The change ``roadmap undo [seq]`` takes back, and whether it is one of the last
    UNDO_DEPTH changes that count. Raises RoadmapError as :func:`undo` says."""
    tail = transaction.tail
    candidates = undoable_in(tail.recent, tail.undone)
    if seq is None:
        if not candidates:
            raise RoadmapError(
                "There is nothing to undo: the last "
                f"{UNDO_DEPTH} changes are undone already, or there are none.",
                "Run 'roadmap history' to see your changes; 'roadmap undo N' takes back change N.",
            )
        return candidates[0], True
    found = [event for event in candidates if event.seq == seq]
    if found:
        return found[0], True
    event = numbered(transaction, seq)
    if event.action == "undo":
        raise RoadmapError(
            f"Change {seq} is an undo, not a change to take back.",
            f"Run 'roadmap redo {seq}' to take the undo back.",
        )
    taker_id = transaction.tail.undone.get(event.id)
    if taker_id is not None:
        taker = by_id(transaction, taker_id)
        if taker.action == "undo":
            raise RoadmapError(
                f"Change {seq} is undone already (by change {taker.seq}).",
                f"Run 'roadmap redo {seq}' to bring it back.",
            )
        if event.amends is not None:  # an earlier amendment: a later one stands
            raise RoadmapError(
                f"Change {seq} was amended by change {taker.seq}, which stands for it now.",
                f"Run 'roadmap undo {taker.seq}' to take that amendment back.",
            )
        # an amended change: taken back with its amendments
    return event, False


def _standing_undos(tail: Tail) -> list[Event]:
    """The undos of ``tail`` that count, newest first: neither taken back by a redo nor
    themselves a redo (an undo of an undo)."""
    undone = tail.undone
    undo_ids = {undo.id for undo in tail.undos}
    return [
        undo
        for undo in reversed(tail.undos)
        if undo.id not in undone and undo.undoes not in undo_ids
    ]


def redo(session: Session, seq: int | None = None) -> RedoResult:
    """Take back an undo, so that the change it took back counts again: the most recent
    undo that counts (not a redo), or the undo numbered ``seq``, or the undo of the change
    numbered ``seq``. Appends an ``undo`` event of the undo (and of the other undos of the
    same change). Raises RoadmapError when there is nothing to redo or ``seq`` is neither
    an undo that counts nor an undone change.
    """

    def record(fresh: Session, transaction: Transaction) -> RedoResult:
        event = numbered(transaction, seq) if seq is not None else None  # read back to it
        tail = transaction.tail
        standing = _standing_undos(tail)
        if event is None and not standing and not tail.whole and tail.widen is not None:
            tail = tail.widen()  # no undo stands at the end: look through the whole record
            standing = _standing_undos(tail)
        if event is None:
            if not standing:
                raise RoadmapError(
                    "There is nothing to redo: no undo of yours stands.",
                    "Run 'roadmap history' to see your changes.",
                )
            chosen = standing[0]
        elif event.action == "undo":
            if event.id in tail.undone:
                raise RoadmapError(
                    f"Undo {seq} is taken back already; the change it undid counts.",
                    "Run 'roadmap history' to see your changes.",
                )
            chosen = event
        else:
            takers = [undo for undo in standing if undo.undoes == event.id]
            if not takers:
                raise RoadmapError(
                    f"Change {seq} is not undone: there is nothing to redo.",
                    "Run 'roadmap history' to see which changes are undone.",
                )
            chosen = takers[0]
        group = [chosen] + [
            undo
            for undo in standing
            if undo.id != chosen.id
            and (
                (chosen.part_of is not None and undo.part_of == chosen.part_of)
                or undo.undoes == chosen.undoes
            )
        ]
        redos = _undo_events(transaction, group, clock.now(), fresh.as_of)
        transaction.add(*redos)
        brought = [by_id(transaction, undo.undoes or "") for undo in group]
        return RedoResult(
            redone=event_view(brought[0], None, target_number(transaction, brought[0])),
            undo=event_view(chosen, redos[0].seq, brought[0].seq),
            redo_seq=redos[0].seq,
            also=[
                event_view(event, None, target_number(transaction, event))
                for event in brought[1:]
                if event.id != brought[0].id
            ],
        )

    return session.transaction(record)


def target_number(transaction: Transaction, event: Event) -> int | None:
    """The number of the event an undo takes back or an amendment amends (None for another
    event)."""
    named = event.undoes or event.amends
    return by_id(transaction, named).seq if named is not None else None


def numbered(transaction: Transaction, seq: int) -> Event:
    """The event numbered ``seq``: from the tail when it is there, else read back from the
    file's end to it, else from the whole record. Raises RoadmapError when the record has
    no such event."""
    tail = transaction.tail
    for event in tail.known.values():
        if event.seq == seq:
            return event
    if tail.reach is not None:
        found = tail.reach(seq)
        if found is not None:
            return found
        if not 1 <= seq < tail.next_seq:
            raise _no_change(seq, tail.next_seq - 1)
    events = transaction.progress.events
    if not 1 <= seq <= len(events):
        raise _no_change(seq, len(events))
    return events[seq - 1]


def _no_change(seq: int, last: int) -> RoadmapError:
    return RoadmapError(
        f"There is no change {seq}: your record has changes 1 to {last}."
        if last
        else f"There is no change {seq}: your record has no changes yet.",
        "Run 'roadmap history' to see their numbers.",
    )


def by_id(transaction: Transaction, event_id: str) -> Event:
    """The event whose id is ``event_id`` (from the tail when it is there, else the whole
    record)."""
    found = transaction.tail.known.get(event_id)
    if found is not None:
        return found
    return next(event for event in transaction.progress.events if event.id == event_id)


def _rest_of_change(transaction: Transaction, target: Event) -> list[Event]:
    """The other events of the change ``target`` belongs to (those with its ``part_of``) that
    are not undone, newest first: from the transaction's tail, or from the whole record when
    the change began before the tail's first event. Empty for an event of its own.
    """
    first = target.part_of
    if first is None:
        return []
    tail = transaction.tail
    recent = tail.recent
    events = recent if recent and recent[0].id <= first else transaction.progress.events
    undone = tail.undone
    return [
        event
        for event in reversed(events)
        if event.part_of == first and event.id != target.id and event.id not in undone
    ]


_NUMBERS_KEPT = 4096
"""How many of the last events' numbers ``roadmap history`` keeps, to name the change an
undo took back (by number, as the history shows it)."""


def _number(event_id: str | None, *known: dict[str, int]) -> int | None:
    if event_id is None:
        return None
    return next((found[event_id] for found in known if event_id in found), None)


def restore(backup: str) -> RestoreResult:
    """Replace the progress file with a backup: a file name in ``backups/`` or a path.

    The current file, even a damaged one, is kept in ``backups/`` first. Raises
    RoadmapError when the backup does not exist or does not load.
    """
    path = Path(backup).expanduser()
    if not path.is_file() and Path(backup).name == backup:
        path = paths.backups_dir() / backup
    if not path.is_file():
        names = [p.name for p in list_backups()[:3]]
        hint = f"The newest are: {', '.join(names)}." if names else "There are no backups yet."
        raise RoadmapError(f"There is no backup '{backup}'.", hint)
    try:
        snapshot = reading.load(path)
    except RoadmapError as error:
        raise RoadmapError(
            error.message.replace(f"The progress file {path}", f"The backup {path}", 1),
            "Choose another one; 'roadmap doctor' lists the backups that load.",
        ) from None
    content = path.read_bytes()
    kept = store.replace_progress(content, reason="before-restore")
    return RestoreResult(
        backup=str(path),
        kept=str(kept) if kept else None,
        changes=len(snapshot.progress.events),
        enrollments=[e.curriculum for e in snapshot.progress.enrollments],
    )


def doctor_view() -> DoctorView:
    """Check the progress file, its lock, its backups and each enrolled curriculum; list
    the ids the curricula no longer have. Only reads.

    The file and the backups are read line by line (:func:`reading.scan_progress`): what is
    kept is the counts, the first problem, and per enrollment each id its events name with
    the last action on it, so memory does not grow with the file.
    """
    path = paths.progress_path()
    findings: list[Finding] = []
    removed: list[RemovedItem] = []
    scan: reading.Scan | None = None
    seen = CountedEvents(lambda start: _IdsSeen())
    try:
        scan = reading.scan_progress(path, seen.add)
        findings.append(_file_finding(scan))
    except RoadmapError as error:
        findings.append(Finding(check="progress file", level="problem", message=_sentence(error)))
    if path.exists():
        findings.append(_permissions_finding(path))
    findings.append(_lock_finding(path))
    findings.append(_backups_finding())
    if scan is not None:
        enrollments = list(scan.enrollments()[0].values())
        if scan.snapshot is not None:  # read whole after all (a merged file): fold it again
            seen = CountedEvents(lambda start: _IdsSeen(), scan.undone)
            for event in scan.snapshot.progress.events:
                seen.add(event)
        elif seen.spoiled:  # an undo reached further back than roadmap undo does: again
            seen = CountedEvents(lambda start: _IdsSeen(), scan.undone)
            try:
                reading.scan_progress(path, seen.add)
            except RoadmapError as error:  # damaged since the first read
                findings.append(
                    Finding(check="progress file", level="problem", message=_sentence(error))
                )
                enrollments = []
        sinks = seen.finish()
        for enrollment in enrollments:
            sink = sinks.get(enrollment.curriculum)
            ids = sink[1] if sink is not None and sink[0] == enrollment.seq else _IdsSeen()
            finding, gone = _curriculum_finding(enrollment, ids)
            findings.append(finding)
            removed += gone
    return DoctorView(
        progress_file=str(path),
        findings=findings,
        removed=removed,
        healthy=all(f.level != "problem" for f in findings),
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _sentence(error: RoadmapError) -> str:
    return f"{error.message} {error.hint}".strip()


class _IdsSeen:
    """Each id an enrollment's counted events name (items and options), in the order first
    named, with the action and day of the last event that named it.
    """

    def __init__(self) -> None:
        self.last: dict[str, tuple[str, dt.date]] = {}

    def add(self, event: Event) -> None:
        for item in (*event.items, *event.options):
            self.last[item] = (event.action, event.on)


def _file_finding(snapshot: reading.Scan) -> Finding:
    if not snapshot.exists:
        return Finding(
            check="progress file",
            level="note",
            message=f"{snapshot.path} does not exist yet; 'roadmap start' creates it.",
        )
    if not snapshot.events and (snapshot.torn_bytes or snapshot.valid_bytes):
        return _empty_file_finding(snapshot)
    size = f"{_count(snapshot.events, 'change')}, "
    size += _count(len(snapshot.enrollments()[0]), "enrollment")
    if snapshot.torn_bytes:
        return Finding(
            check="progress file",
            level="warning",
            message=f"{size}; the last {snapshot.torn_bytes} bytes are a record an interrupted "
            "write left unfinished. It is ignored, and your next change removes it.",
        )
    if snapshot.version != SCHEMA_VERSION:
        return Finding(
            check="progress file",
            level="note",
            message=f"{size}, in schema version {snapshot.version}; your next change brings "
            f"it to version {SCHEMA_VERSION}, keeping the original in backups/.",
        )
    return Finding(check="progress file", level="ok", message=f"{size}; it loads and validates.")


def _empty_file_finding(snapshot: reading.Scan) -> Finding:
    """A file that holds bytes but no event: all NUL (a crash on some file systems), or only
    comments or a header. Names the newest backup that holds events, with its restore command.
    """
    if snapshot.torn_bytes and not snapshot.valid_bytes:
        what = f"holds {snapshot.torn_bytes} bytes of NUL or an unfinished record and no events"
    else:
        what = "holds no events (only a header or comments)"
    backup = next(
        (b for b in list_backups() if _events_in(b)),
        None,
    )
    if backup is not None:
        advice = (
            f"if you had progress, run 'roadmap restore {backup.name}' to go back to the "
            "newest backup that holds events"
        )
    else:
        advice = "there is no backup with events; your next change starts a clean file"
    return Finding(
        check="progress file",
        level="problem" if backup is not None else "warning",
        message=f"{snapshot.path} {what}; {advice}.",
    )


def _events_in(backup: Path) -> int:
    """How many events the backup at ``backup`` holds (0 when it does not load)."""
    try:
        return reading.scan_progress(backup, None).events
    except RoadmapError:
        return 0


def _permissions_finding(path: Path) -> Finding:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return Finding(
            check="permissions",
            level="warning",
            message=f"Others can read {path} (mode {mode:o}); run 'chmod 600 {path}'.",
        )
    return Finding(check="permissions", level="ok", message="Only you can read the file.")


def _lock_finding(path: Path) -> Finding:
    from filelock import FileLock, Timeout

    lock_path = lock_path_of(path)
    if not lock_path.exists():
        return Finding(check="lock", level="ok", message="None yet: no command has written.")
    try:
        with FileLock(str(lock_path), timeout=0.5):
            pass
    except Timeout:
        return Finding(
            check="lock",
            level="warning",
            message=f"Another roadmap command holds {lock_path}; if none is running, the "
            "lock is freed when that process ends.",
        )
    except OSError as error:
        return Finding(
            check="lock",
            level="problem",
            message=f"Cannot take the lock {lock_path}: {error_reason(error)}; make the "
            "directory writable.",
        )
    return Finding(check="lock", level="ok", message="Free: no other command is writing.")


def _backups_finding() -> Finding:
    backups = list_backups()
    if not backups:
        return Finding(
            check="backups",
            level="ok",
            message="None yet: roadmap keeps one before it ever rewrites the whole file.",
        )
    bad: list[str] = []
    for backup in backups:
        try:
            reading.scan_progress(backup)
        except RoadmapError:
            bad.append(backup.name)
    good = [b for b in backups if b.name not in bad]
    newest = f"; the newest that loads is {good[0].name}" if good else ""
    if bad:
        return Finding(
            check="backups",
            level="warning",
            message=f"{len(backups)} kept{newest}. These do not load: {', '.join(bad)}.",
        )
    return Finding(check="backups", level="ok", message=f"{len(backups)} kept{newest}.")


def _curriculum_finding(
    enrollment: Enrollment, seen: _IdsSeen
) -> tuple[Finding, list[RemovedItem]]:
    name = f"curriculum {enrollment.curriculum}"
    try:
        curriculum = curriculum_of(enrollment)
        source = source_of(enrollment)[0]
        digest = catalog.digest(source)
    except RoadmapError as error:
        message = _sentence(error)
        if enrollment.path and not Path(enrollment.path).is_file():
            message = (
                f"Its file {enrollment.path} is not on this machine, and your curricula hold no "
                f"{enrollment.curriculum}.yaml: copy the file there, or run 'roadmap start "
                "FILE' with it on the machine that has it."
            )
        return Finding(check=name, level="problem", message=message), []
    known = set(curriculum.item_index) | {m.id for m in curriculum.modules}
    known |= {a.id for a in curriculum.recurring} | {g.id for g in curriculum.choices}
    renamed: dict[str, str] = {}
    gone: list[RemovedItem] = []
    for item, (action, on) in seen.last.items():
        if item not in known:
            gone.append(
                RemovedItem(curriculum=enrollment.curriculum, id=item, action=action, on=on)
            )
        elif item in curriculum.item_index and curriculum.item_index[item].id != item:
            renamed[item] = curriculum.item_index[item].id
    parts: list[str] = []
    if enrollment.digest is None:
        parts.append("it loads (no digest from enrollment to compare with)")
    elif enrollment.digest != digest:
        parts.append(f"it changed since you enrolled on {enrollment.enrolled_at.date()}")
    else:
        parts.append("it loads, unchanged since you enrolled")
    if enrollment.path and source != catalog.user_file(enrollment.curriculum):
        parts.append(
            f"it is read from {enrollment.path}, which does not travel with your record (run "
            f"'roadmap start {enrollment.path}' to copy it into your curricula)"
        )
    if renamed:
        pairs = ", ".join(f"{old} is now {new}" for old, new in sorted(renamed.items()))
        parts.append(f"your progress follows renamed items ({pairs})")
    if gone:
        ids = (
            "1 id in your progress is"
            if len(gone) == 1
            else f"{len(gone)} ids in your progress are"
        )
        parts.append(
            f"{ids} no longer in it and stays in your record ({', '.join(r.id for r in gone)})"
            if len(gone) == 1
            else f"{ids} no longer in it and stay in your record ({', '.join(r.id for r in gone)})"
        )
    level: Level = "warning" if gone else "note" if renamed or len(parts) > 1 else "ok"
    if enrollment.digest is not None and enrollment.digest != digest and level == "ok":
        level = "note"
    message = "; ".join(parts)
    return Finding(check=name, level=level, message=message[0].upper() + message[1:] + "."), gone
