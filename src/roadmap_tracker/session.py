"""One command's session: the day it reasons about, the enrollment it works on, and the record.

The CLI builds one :class:`Session` per command and passes it down; core functions take it
as their first argument, so they can be called from a test or a REPL with an explicit one
(``Session(as_of=dt.date(2026, 1, 9), record=MemoryRecord(events))``). Nothing about the
command lives in module state.

A session reads lazily and once: the progress file's state (:attr:`Session.state`), the
selected enrollment and its curriculum and plan (:meth:`Session.context`). Changes go
through :meth:`Session.transaction`, which gives the change a session over the record as
it is under the lock, and returns what the change returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from roadmap_tracker.base import clock, paths
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.curriculum import catalog
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import schedule
from roadmap_tracker.progress import progress_state
from roadmap_tracker.progress.event_log import Progress
from roadmap_tracker.progress.events import Enrollment, Event
from roadmap_tracker.progress.ledger import Ledger, PlanSettings, plan_settings

if TYPE_CHECKING:  # a read command imports none of the writing modules
    from roadmap_tracker.progress.transaction import Transaction

T = TypeVar("T")


class ActiveContext:
    """The active enrollment with its curriculum, the ledger of its events (what they add up
    to), its plan settings, its plan and its done items.

    Made from the whole progress (``progress``), or from a ledger kept in the cache
    (``ledger``, when ``progress`` is None; see
    :func:`roadmap_tracker.progress.progress_state.read_state`).
    """

    def __init__(
        self,
        progress: Progress | None,
        enrollment: Enrollment,
        curriculum: Curriculum,
        ledger: Ledger | None = None,
    ):
        self.progress = progress
        self.enrollment = enrollment
        self.curriculum = curriculum
        if ledger is None:
            assert progress is not None, "an ActiveContext needs a progress or a ledger"
            ledger = Ledger.of(progress.events_of(curriculum.slug), recurring_ids(curriculum))
        self.ledger = ledger
        self._done_by: dict[dt.date | None, dict[str, dt.date]] = {}
        self.settings: PlanSettings = plan_settings(enrollment, ledger.settings_events)
        self.plan = schedule.make_plan(
            curriculum,
            enrollment.started,
            self.settings.first_hours_per_week,
            self.settings.include,
            self.settings.choices,
            self.settings.replans,
            {**self.skipped, **self.done_by()} if self.settings.replans else None,
            self.pauses,
        )

    @property
    def pauses(self) -> list[tuple[dt.date, dt.date]]:
        """The enrollment's paused days as inclusive (first, last) local calendar dates, in
        order of day, after every resume (:attr:`~roadmap_tracker.progress.ledger.Ledger.pauses`):
        those in force by the session's day when the session is a view's (decision 36 cuts
        the record there), every one for a change's session.
        """
        return self.ledger.pauses

    @cached_property
    def planned_ids(self) -> frozenset[str]:
        """The ids of the checkable items of the plan, skipped ones included."""
        return schedule.planned_id_set(self.curriculum, self.plan)

    @cached_property
    def counted_ids(self) -> frozenset[str]:
        """The ids of the checkable items of the plan that done/total and pace count: the
        planned ones less those the learner skipped (``roadmap skip``).
        """
        skipped = self.skipped
        if not skipped:
            return self.planned_ids
        return self.planned_ids.difference(skipped)

    @cached_property
    def skipped(self) -> dict[str, dt.date]:
        """Current item ids the learner skipped (their last change was a skip), each with
        the day of the skip, in the order recorded. Skipped items leave the plan's count and
        stand in for done where the plan asks whether a module is complete.
        """
        return self._current_items(self.ledger.in_state("skipped", None, self._renames))

    @cached_property
    def doing(self) -> dict[str, dt.date]:
        """Current item ids marked in progress (``roadmap doing``), each with the day
        marked, in the order recorded.
        """
        return self._current_items(self.ledger.in_state("doing", None, self._renames))

    def settled(self, as_of: dt.date | None = None) -> set[str]:
        """Ids done by the end of ``as_of`` (all, if None) or skipped: the items a module
        needs no more of.
        """
        done = self.done_by(as_of)
        if not self.skipped:
            return set(done)
        return set(done).union(self.skipped)

    @property
    def _renames(self) -> dict[str, str]:
        return self.curriculum.current_ids

    def _current_items(self, found: dict[str, dt.date]) -> dict[str, dt.date]:
        """``found`` without ids that are not items of the curriculum (recurring activities,
        items it no longer has).
        """
        item_ids = self.curriculum.item_ids
        if item_ids.issuperset(found):
            return found
        return {item: day for item, day in found.items() if item in item_ids}

    def counts(self, as_of: dt.date | None = None) -> tuple[int, int]:
        """(items of the plan done by the end of ``as_of`` (all, if None), items of the plan)."""
        done = self.done_by(as_of)
        return len(schedule.counted_done(self.counted_ids, done)), len(self.counted_ids)

    def done_by(self, as_of: dt.date | None = None) -> dict[str, dt.date]:
        """Current item ids done by the end of ``as_of`` (old ids mapped to current ones).

        The mapping is shared by every call with the same ``as_of``: read it, do not change it.
        """
        found = self._done_by.get(as_of)
        if found is None:
            found = self._done_by[as_of] = schedule.done_by(self._done, as_of)
        return found

    @cached_property
    def _done(self) -> dict[str, dt.date]:
        done = self.ledger.done(None, self.curriculum.current_ids)
        item_ids = self.curriculum.item_ids
        for activity_id in self.ledger.occurrence_ids - item_ids:  # activities, not items
            done.pop(activity_id, None)
        if not item_ids.issuperset(done):  # ids the curriculum no longer has
            for unknown in done.keys() - item_ids:
                del done[unknown]
        return done


def recurring_ids(curriculum: Curriculum) -> frozenset[str]:
    """The ids of a curriculum's recurring activities: what a ledger counts occurrences of."""
    return frozenset(activity.id for activity in curriculum.recurring)


def curriculum_of(enrollment: Enrollment) -> Curriculum:
    """Load the curriculum an enrollment follows (its file path, or its slug in the catalog),
    as an outline when the cache has one (:func:`roadmap_tracker.curriculum.catalog.load_outline`):
    the
    progress views read no task details.
    """
    return catalog.load_outline(*source_of(enrollment))


def whole_curriculum_of(enrollment: Enrollment) -> Curriculum:
    """Load the curriculum an enrollment follows with every task detail (descriptions,
    resources), for the commands that print them: ``show --json``, ``show ITEM``,
    ``portfolio``, ``export``. The progress views read the outline (:func:`curriculum_of`).
    Raises RoadmapError when the curriculum no longer loads.
    """
    return catalog.load_curriculum(*source_of(enrollment))


def source_of(enrollment: Enrollment) -> tuple[Path, str | None]:
    """The file of the curriculum an enrollment follows, and the slug it must have (None
    for a curriculum named by its path).

    An enrollment an older version recorded with the ``path`` of a file outside the catalog
    follows the learner's own curriculum of its slug (``curricula/<slug>.yaml`` in the data
    directory) when there is one: the copy that ``roadmap start FILE`` made, here or on the
    machine the record came from. Without one it follows its path, as it always did
    (decision 48). Raises RoadmapError when a slug is in no catalog.
    """
    if enrollment.path:
        copy = catalog.user_file(enrollment.curriculum)
        if copy is not None:
            return copy, enrollment.curriculum
        return Path(enrollment.path), None
    entry = catalog.find_curriculum(enrollment.curriculum)
    return entry.path, None if entry.origin == "path" else entry.slug


class RecordSource(Protocol):
    """Where a session's record comes from: the progress file (:class:`FileRecord`) or a
    list of events in memory (:class:`MemoryRecord`).
    """

    def read_state(self) -> progress_state.ProgressState:
        """The record's state (enrollments, ledgers, next event number)."""
        ...

    def read_progress(self) -> Progress:
        """The whole record, every event."""
        ...

    def transact(
        self, change: Callable[[Transaction], T], read_before: progress_state.ProgressState | None
    ) -> T:
        """Run ``change`` on the fresh record, write the events it adds, return its result.
        ``read_before`` is the state the session read before, if any: a record may use it when it
        has not changed since.
        """
        ...

    def holds_bytes_but_no_events(self, state: progress_state.ProgressState) -> bool:
        """Whether the record has content but no event (a damaged or emptied file)."""
        ...


class FileRecord:
    """The record in the progress file at ``path`` (default: the data directory's)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path

    def read_state(self) -> progress_state.ProgressState:
        """:func:`~roadmap_tracker.progress.progress_state.read_state`; raises what it raises."""
        return progress_state.read_state(self.path)

    def read_progress(self) -> Progress:
        """:func:`~roadmap_tracker.progress.reading.read_progress`; raises what it raises."""
        from roadmap_tracker.progress import reading

        return reading.read_progress(self.path)

    def transact(
        self, change: Callable[[Transaction], T], read_before: progress_state.ProgressState | None
    ) -> T:
        """:func:`~roadmap_tracker.progress.transaction.transact` on the file, given the state
        read before (``read_before``)."""
        from roadmap_tracker.progress.transaction import transact

        return transact(change, self.path, read_before)

    def holds_bytes_but_no_events(self, state: progress_state.ProgressState) -> bool:
        """:func:`~roadmap_tracker.progress.progress_state.holds_bytes_but_no_events`."""
        return progress_state.holds_bytes_but_no_events(None, state)


class MemoryRecord:
    """A record held in memory, built from ``events`` (validated, in order): the backend
    of rule tests and REPL sessions. A transaction adds its events to :attr:`progress`;
    nothing is written anywhere.
    """

    def __init__(self, events: Sequence[Event] = ()) -> None:
        self.progress = Progress(events=tuple(events))

    def read_state(self) -> progress_state.ProgressState:
        """The state of the events held."""
        from roadmap_tracker.progress.transaction import state_of

        return state_of(self.progress)

    def read_progress(self) -> Progress:
        """The events held."""
        return self.progress

    def transact(
        self, change: Callable[[Transaction], T], read_before: progress_state.ProgressState | None
    ) -> T:
        """Run ``change`` on the events held and keep the events it adds (all or none); the
        state held is always fresh, so ``read_before`` is not needed."""
        from roadmap_tracker.progress.transaction import MemoryTransaction

        transaction = MemoryTransaction(self.progress)
        result = change(transaction)
        self.progress = transaction.committed()
        return result

    def holds_bytes_but_no_events(self, state: progress_state.ProgressState) -> bool:
        """Never: memory has no bytes without events."""
        return False


class Session:
    """One command's session: the day it reasons about (``as_of``, a local calendar date;
    today by default), the enrollment it works on (``plan``, the slug ``--plan`` names; the
    active enrollment when None) and the learner's record (``record``: the progress file by
    default, or a :class:`MemoryRecord`).

    ``curricula`` maps a slug to a curriculum to use instead of loading it from the catalog
    (tests and REPL sessions). Everything is read on first use and kept for the session.

    The session sees the record as it stood at the end of ``as_of`` (decision 36): when some event
    is in force only from a later day
    (:func:`~roadmap_tracker.progress.event_log.day_in_force`), :attr:`state` and
    :meth:`progress` hold the fold of the events up to ``as_of``
    (:meth:`~roadmap_tracker.progress.event_log.Progress.as_of`), so every view of a day is the
    same whatever is recorded for later days; only which enrollment is active is the learner's
    choice now (``switch``), when that enrollment had begun by ``as_of``. ``whole_record`` turns
    that off: the session a transaction gives its change sees every event, since a change is
    added to the whole record.
    """

    def __init__(
        self,
        as_of: dt.date | None = None,
        plan: str | None = None,
        record: RecordSource | None = None,
        curricula: dict[str, Curriculum] | None = None,
        whole_record: bool = False,
    ) -> None:
        self._as_of = as_of
        self.whole_record = whole_record
        self.plan = plan
        self.record: RecordSource = record if record is not None else FileRecord()
        self.curricula = curricula or {}
        self._state: progress_state.ProgressState | None = None
        self._progress: Progress | None = None
        self._now: progress_state.ProgressState | None = None  # the whole record, if cut
        self._contexts: dict[bool, ActiveContext] = {}

    @property
    def as_of(self) -> dt.date:
        """The day the command reasons about: the one given, else today (read once)."""
        if self._as_of is None:
            self._as_of = clock.today()
        return self._as_of

    def on(self, as_of: dt.date) -> Session:
        """This session as of another day: same plan and record, read again."""
        return Session(as_of, self.plan, self.record, self.curricula)

    @property
    def state(self) -> progress_state.ProgressState:
        """The record's state (enrollments, ledgers, next event number), read once. Raises
        RoadmapError when the progress file is damaged or unreadable.
        """
        if self._state is None:
            state = self.record.read_state()
            if self._later_than_day(state.last_day):
                from roadmap_tracker.progress.transaction import state_of

                self._now = now = state
                state = state_of(self.progress())
                _choose_as_now(state, now)
            self._state = state
        return self._state

    def progress(self) -> Progress:
        """The record's events up to :attr:`as_of` (every event with ``whole_record``), read
        once. Raises what :attr:`state` raises.
        """
        if self._progress is None:
            progress = self.record.read_progress()
            if self._later_than_day(progress.last_day):
                progress = progress.as_of(self.as_of)
            self._progress = progress
        return self._progress

    def _later_than_day(self, last_day: dt.date | None) -> bool:
        """Whether the record holds events in force after :attr:`as_of` that this session
        must leave out.
        """
        return not self.whole_record and last_day is not None and last_day > self.as_of

    @property
    def selected_slug(self) -> str | None:
        """The slug of the enrollment this command works on: ``plan``, else the active one."""
        return self.plan or self.state.active

    def selected_enrollment(self) -> Enrollment | None:
        """The enrollment this command works on, or None when there is none."""
        slug = self.selected_slug
        return self.state.enrollment(slug) if slug else None

    def enrollment(self) -> Enrollment:
        """The enrollment this command works on. Raises RoadmapError when the learner is not
        enrolled anywhere, or not in the curriculum ``plan`` names.
        """
        enrollment = self.selected_enrollment()
        if enrollment is not None:
            return enrollment
        later = self._begun_later()
        if later is not None:
            raise RoadmapError(
                f"On {self.as_of.isoformat()} you were not enrolled in {later.curriculum} "
                f"yet: it starts on {later.started.isoformat()}.",
                f"Ask about a day from {later.started.isoformat()} on, or move the start with "
                f"'roadmap start {later.curriculum} --on DAY'.",
            )
        if self.plan:
            raise RoadmapError(
                f"You are not enrolled in {self.plan}.",
                "Run 'roadmap enrollments' to see your plans, or 'roadmap start "
                f"{self.plan}' to enroll.",
            )
        hint = "Run 'roadmap list' to see the curricula, then 'roadmap start SLUG' to enroll."
        if self.record.holds_bytes_but_no_events(self.state):
            hint = (
                f"Your progress file {paths.progress_path()} holds no events (it is empty, "
                "all NUL bytes or only a header); 'roadmap doctor' names a backup to restore. "
                + hint
            )
        raise RoadmapError("You are not enrolled in any curriculum yet.", hint)

    def _begun_later(self) -> Enrollment | None:
        """The enrollment this command would work on in the whole record, when the record
        as of :attr:`as_of` leaves it out because it begins later; else None.
        """
        now = self._now
        if now is None:
            return None
        slug = self.plan or now.active
        return now.enrollment(slug) if slug else None

    def curriculum_of(self, enrollment: Enrollment, whole: bool = False) -> Curriculum:
        """The curriculum ``enrollment`` follows: its outline (no task details) unless
        ``whole``. Raises RoadmapError when it no longer loads.
        """
        given = self.curricula.get(enrollment.curriculum)
        if given is not None:
            return given
        return whole_curriculum_of(enrollment) if whole else curriculum_of(enrollment)

    def curriculum(self) -> Curriculum:
        """The outline of the curriculum this command works on, without its plan. Raises
        what :meth:`enrollment` raises.
        """
        if self._contexts:
            return next(iter(self._contexts.values())).curriculum
        return self.curriculum_of(self.enrollment())

    def context(self, whole: bool = False, loaded: Curriculum | None = None) -> ActiveContext:
        """The enrollment this command works on with its curriculum (the whole one when
        ``whole``, else its outline), ledger, settings and plan. ``loaded`` is its
        curriculum when the caller has read it already. Raises what :meth:`enrollment`
        raises, and RoadmapError when the curriculum no longer loads.
        """
        found = self._contexts.get(whole)
        if found is not None and (loaded is None or found.curriculum is loaded):
            return found
        enrollment = self.enrollment()
        if loaded is not None and loaded.slug == enrollment.curriculum:
            curriculum = loaded
        else:
            curriculum = self.curriculum_of(enrollment, whole)
        if self._progress is not None and self._state is None:
            context = ActiveContext(self._progress, enrollment, curriculum)
        else:
            ledger = self.state.ledger(enrollment, recurring_ids(curriculum))
            context = ActiveContext(None, enrollment, curriculum, ledger)
        self._contexts[whole] = context
        return context

    def context_of(self, enrollment: Enrollment, curriculum: Curriculum) -> ActiveContext:
        """Another enrollment of this record with its curriculum (``show SLUG``,
        ``enrollments``), laid out as :meth:`context` lays out the selected one.
        """
        ledger = self.state.ledger(enrollment, recurring_ids(curriculum))
        return ActiveContext(None, enrollment, curriculum, ledger)

    def transaction(self, change: Callable[[Session, Transaction], T]) -> T:
        """Run ``change`` with a session over the record as it is under its lock and the
        transaction that stages its events; write them and return what ``change`` returns.

        The session given to ``change`` reads the transaction's fresh state (or, once the
        change asks for :meth:`progress`, the whole record). A RoadmapError raised by
        ``change`` writes nothing. This session is read again afterwards.
        """

        def run(transaction: Transaction) -> T:
            fresh = Session(
                self._as_of, self.plan, _Within(transaction), self.curricula, whole_record=True
            )
            return change(fresh, transaction)

        # the record's state as this session read it (not one as of an earlier day)
        read_before = self._now if self._now is not None else self._state
        try:
            return self.record.transact(run, read_before)
        finally:
            self._state, self._progress, self._contexts, self._now = None, None, {}, None


def _choose_as_now(state: progress_state.ProgressState, now: progress_state.ProgressState) -> None:
    """Give ``state`` (the record as of an earlier day) the choice of active enrollment and
    the order of recency that ``now`` (the whole record) has, for the enrollments both hold:
    ``switch`` chooses what commands work on now, it is not a fact about a day. Enrollments
    stopped since keep their place before the others.
    """
    order = {enrollment.curriculum: rank for rank, enrollment in enumerate(now.enrollments)}
    state.enrollments = sorted(state.enrollments, key=lambda e: order.get(e.curriculum, -1))
    if now.active is not None and state.enrollment(now.active) is not None:
        state.active = now.active


class _Within:
    """The record as a transaction sees it: what a session inside a change reads."""

    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction

    def read_state(self) -> progress_state.ProgressState:
        return self.transaction.state

    def read_progress(self) -> Progress:
        return self.transaction.progress

    def transact(
        self, change: Callable[[Transaction], T], read_before: progress_state.ProgressState | None
    ) -> T:
        raise RuntimeError("a change cannot start another transaction")

    def holds_bytes_but_no_events(self, state: progress_state.ProgressState) -> bool:
        return FileRecord().holds_bytes_but_no_events(state)
