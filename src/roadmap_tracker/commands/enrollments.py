"""Several enrollments: listing them with their progress, switching the active one, and
stopping (archiving) one.

A learner may follow several curricula at once. Each is an enrollment (its ``start`` event);
the active one is the one most recently started or switched to (:attr:`Progress.active`), and
every command that works on an enrollment takes ``--plan SLUG`` to work on another one (the
session's ``plan``, :class:`roadmap_tracker.session.Session`). ``switch`` and ``stop`` append
one event each; ``stop`` keeps a copy of the progress file in ``backups/`` first, and its events
stay in the file, so ``roadmap undo`` brings the enrollment back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import Declined, RoadmapError
from roadmap_tracker.base.records import View
from roadmap_tracker.commands.views import percent, percent_of
from roadmap_tracker.plan import schedule
from roadmap_tracker.progress import progress_state, store
from roadmap_tracker.progress.event_log import Progress
from roadmap_tracker.progress.events import Enrollment, Event
from roadmap_tracker.progress.ledger import Ledger
from roadmap_tracker.progress.transaction import Transaction
from roadmap_tracker.session import (
    ActiveContext,
    Session,
    curriculum_of,
    recurring_ids,
    source_of,
)


class EnrollmentRow(View):
    """One enrollment in ``roadmap enrollments`` with its progress at the end of ``as_of``.

    ``done``/``total`` count items as ``roadmap status`` does (skipped items leave the total);
    ``percent`` is done of total, ``planned_percent`` the share the plan expected by then
    (None without dates) and ``days_ahead`` the days ahead of the plan (negative: behind; None
    without dates). ``hours_per_week`` is the commitment now (decimal hours, after any
    replan). For a stopped enrollment ``stopped`` is the day of its ``stop`` and ``as_of`` that
    day. When the curriculum's file is missing or does not load, ``problem`` says so in a short
    phrase and the progress fields are None.
    """

    curriculum: str
    title: str | None
    path: str | None
    started: dt.date
    hours_per_week: float | None
    active: bool
    stopped: dt.date | None
    as_of: dt.date
    done: int | None
    total: int | None
    percent: float | None
    planned_percent: float | None
    days_ahead: int | None
    problem: str | None


class EnrollmentsView(View):
    """``roadmap enrollments``: the current enrollments, the active one first, then the others
    from the most recently active; with ``--all`` also the stopped ones (``stopped``, the most
    recently stopped first). ``active`` is the active enrollment's slug (None when there is
    none).
    """

    as_of: dt.date
    active: str | None
    enrollments: list[EnrollmentRow]
    stopped: list[EnrollmentRow]
    include_stopped: bool


def enrollments_view(session: Session, include_stopped: bool = False) -> EnrollmentsView:
    """Every current enrollment with its progress at the end of the session's day; with
    ``include_stopped`` also every stopped one, with its progress on the day it was stopped.

    A curriculum that cannot be loaded does not fail the list: its row carries the problem.
    Raises RoadmapError only when the progress file cannot be read.
    """
    as_of = session.as_of
    state = session.state
    rows = [
        _row(enrollment, state.active == enrollment.curriculum, as_of, None, state=state)
        for enrollment in reversed(state.enrollments)
    ]
    stopped: list[EnrollmentRow] = []
    if include_stopped:
        progress = state.progress()
        for enrollment, stop in reversed(progress.stopped):
            ledger_events = _events_until(progress, enrollment, stop)
            stopped.append(_row(enrollment, False, stop.on, stop.on, events=ledger_events))
    return EnrollmentsView(
        as_of=as_of,
        active=state.active,
        enrollments=rows,
        stopped=stopped,
        include_stopped=include_stopped,
    )


def _events_until(progress: Progress, enrollment: Enrollment, stop: Event) -> list[Event]:
    """The counted events of a stopped enrollment: those of its curriculum after its start
    and before its stop, in recorded order.
    """
    return [
        event
        for event in progress.changes
        if event.curriculum == enrollment.curriculum and enrollment.seq < event.seq < stop.seq
    ]


def _row(
    enrollment: Enrollment,
    active: bool,
    as_of: dt.date,
    stopped: dt.date | None,
    *,
    state: progress_state.ProgressState | None = None,
    events: list[Event] | None = None,
) -> EnrollmentRow:
    """The row of one enrollment: from the kept ``state``'s ledger (a current enrollment) or
    from ``events`` (a stopped one).
    """
    common: dict[str, Any] = {
        "curriculum": enrollment.curriculum,
        "path": enrollment.path,
        "started": enrollment.started,
        "active": active,
        "stopped": stopped,
        "as_of": as_of,
    }
    try:
        curriculum = curriculum_of(enrollment)
    except RoadmapError:
        return EnrollmentRow(
            **common,
            title=None,
            hours_per_week=enrollment.hours_per_week,
            done=None,
            total=None,
            percent=None,
            planned_percent=None,
            days_ahead=None,
            problem=curriculum_problem(enrollment),
        )
    ids = recurring_ids(curriculum)
    ledger = state.ledger(enrollment, ids) if state is not None else Ledger.of(events or [], ids)
    context = ActiveContext(None, enrollment, curriculum, ledger)
    done, total = context.counts(as_of)
    pace = schedule.pace(
        curriculum,
        context.plan,
        context.done_by(as_of),
        as_of,
        context.counted_ids,
        frozenset(context.skipped),
    )
    return EnrollmentRow(
        **common,
        title=curriculum.title,
        hours_per_week=context.settings.hours_per_week,
        done=done,
        total=total,
        percent=percent(done, total),
        planned_percent=percent_of(pace.planned_fraction),
        days_ahead=pace.days_ahead,
        problem=None,
    )


def curriculum_problem(enrollment: Enrollment) -> str:
    """Why the curriculum of ``enrollment`` does not load, in a short phrase: its file is
    missing, it is no longer among the curricula, or its file has errors (``roadmap
    validate`` names them).
    """
    try:
        path = source_of(enrollment)[0]
    except RoadmapError:
        return "curriculum no longer found"
    if not path.is_file():
        return "curriculum file missing"
    return "curriculum file has errors"


def _not_enrolled(slug: str, enrolled: list[Enrollment]) -> RoadmapError:
    """The error for a slug that names no current enrollment, listing the enrolled slugs."""
    if not enrolled:
        return RoadmapError(
            f"You are not enrolled in {slug}, nor in any other curriculum.",
            "Run 'roadmap list' to see the curricula, then 'roadmap start SLUG' to enroll.",
        )
    slugs = ", ".join(e.curriculum for e in reversed(enrolled))
    return RoadmapError(
        f"You are not enrolled in {slug}; your enrollments are: {slugs}.",
        f"Give one of those, or run 'roadmap start {slug}' to enroll.",
    )


class SwitchResult(View):
    """What ``roadmap switch`` did: ``curriculum`` is now the active enrollment (``previous``
    was); ``changed`` is False when it already was, and nothing was written.
    """

    curriculum: str
    previous: str | None
    changed: bool


def switch(session: Session, slug: str) -> SwitchResult:
    """Make the enrollment in ``slug`` the active one by appending a ``switch`` event (none
    when it is active already).

    Raises RoadmapError, with nothing written, when the learner is not enrolled in ``slug``
    (an unknown or stopped curriculum); the message lists the enrolled slugs.
    """

    def record(fresh: Session, transaction: Transaction) -> SwitchResult:
        state = fresh.state
        if state.enrollment(slug) is None:
            raise _not_enrolled(slug, state.enrollments)
        changed = state.active != slug
        if changed:
            transaction.add(
                Event(
                    seq=transaction.next_seq,
                    at=clock.now(),
                    on=fresh.as_of,
                    curriculum=slug,
                    action="switch",
                )
            )
        return SwitchResult(curriculum=slug, previous=state.active, changed=changed)

    return session.transaction(record)


class StopPreview(View):
    """What ``roadmap stop`` would archive (shown before it asks): the enrollment, whether it
    is the active one, its progress today (None when the curriculum does not load) and the
    enrollment that would become active (None when none is left).
    """

    curriculum: str
    title: str | None
    started: dt.date
    active: bool
    done: int | None
    total: int | None
    next_active: str | None


class StopResult(View):
    """What ``roadmap stop`` did: the enrollment in ``curriculum`` is archived as of
    ``stopped`` (a ``stop`` event; its events stay in the file). ``backup`` is the copy of the
    progress file made first; ``active`` the active enrollment now (None when none is left).
    """

    curriculum: str
    started: dt.date
    stopped: dt.date
    backup: str | None
    active: str | None
    was_active: bool


def _next_active(enrolled: list[Enrollment], slug: str, active: str | None) -> str | None:
    """The active enrollment after ``slug`` is stopped: the same one when ``slug`` is not
    active, else the most recently active of the others.
    """
    if active != slug:
        return active
    others = [e.curriculum for e in enrolled if e.curriculum != slug]
    return others[-1] if others else None


def stop_preview(session: Session, slug: str) -> StopPreview:
    """What stopping ``slug`` would do (reads only); progress counted at the end of the
    session's day. Raises RoadmapError when the learner is not enrolled in ``slug``.
    """
    as_of = session.as_of
    state = session.state
    enrollment = state.enrollment(slug)
    if enrollment is None:
        raise _not_enrolled(slug, state.enrollments)
    row = _row(enrollment, state.active == slug, as_of, None, state=state)
    return StopPreview(
        curriculum=slug,
        title=row.title,
        started=enrollment.started,
        active=row.active,
        done=row.done,
        total=row.total,
        next_active=_next_active(state.enrollments, slug, state.active),
    )


def stop(session: Session, slug: str, confirmed: bool) -> StopResult:
    """Archive the enrollment in ``slug`` on the session's day: copy the progress file into
    ``backups/`` (reason ``stop-SLUG``), then append a ``stop`` event. Its events stay in the file:
    ``roadmap undo`` brings the enrollment back, and ``roadmap start SLUG`` begins a new one.
    When it was the active one, the most recently active of the others becomes active.

    ``confirmed`` is the learner's decision (the command line asks, or takes ``--yes``).
    Raises RoadmapError, with nothing written, when it is False or the learner is not
    enrolled in ``slug``.
    """
    if not confirmed:
        raise Declined(
            f"{slug} was not stopped; nothing was changed.",
            f"Run 'roadmap stop {slug} --yes' to stop it without being asked.",
        )
    on = session.as_of

    def record(fresh: Session, transaction: Transaction) -> StopResult:
        state = fresh.state
        enrollment = state.enrollment(slug)
        if enrollment is None:
            raise _not_enrolled(slug, state.enrollments)
        backup = store.backup_progress(state.path, reason=f"stop-{slug}")
        transaction.add(
            Event(
                seq=transaction.next_seq,
                at=clock.now(),
                on=on,
                curriculum=slug,
                action="stop",
            )
        )
        return StopResult(
            curriculum=slug,
            started=enrollment.started,
            stopped=on,
            backup=str(backup) if backup else None,
            active=_next_active(state.enrollments, slug, state.active),
            was_active=state.active == slug,
        )

    return session.transaction(record)
