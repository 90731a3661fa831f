"""``roadmap timer``: a running timer per enrollment, whose ``stop`` records the time it ran
as an ordinary ``log`` (decision 54).

The running timers live in ``timers.json`` in the data directory
(:func:`~roadmap_tracker.base.paths.timers_path`), one per enrollment, keyed by the
enrollment's curriculum slug, so that a timer survives the end of the process that started
it, a restart of the machine, and a switch to another enrollment. The file is machine-local:
``roadmap sync`` keeps it on the machine (a timer runs where it was started). It is read and
written whole (:func:`~roadmap_tracker.base.atomic.write_atomic`) under its own lock
(``timers.json.lock``), never under the progress file's: ``stop`` takes the progress file's
lock only to record the log, through :func:`roadmap_tracker.commands.tracking.log`, and
drops the timer after the log is recorded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any, Literal

from roadmap_tracker.base import clock, paths
from roadmap_tracker.base.errors import RoadmapError, error_reason
from roadmap_tracker.base.records import View
from roadmap_tracker.commands import tracking
from roadmap_tracker.commands.tracking import LogResult, not_before_start
from roadmap_tracker.commands.views import refuse_unplanned
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import refs
from roadmap_tracker.progress.events import MAX_LOG_HOURS
from roadmap_tracker.session import Session

TimerAction = Literal["start", "stop", "status", "cancel"]

TIMERS_FORMAT = 1
"""The version of ``timers.json``'s layout; a file of another version is refused."""


class TimerView(View):
    """A timer of one enrollment (``curriculum``, its slug) after ``action``: ``start`` (it
    runs now), ``stop`` (it stopped and ``logged`` is the log it recorded), ``cancel`` (it
    was dropped, nothing logged) or ``status`` (``running`` says whether one runs).

    ``started`` is when it started (local time with its UTC offset; None when none runs),
    ``task`` the item its time goes to (None: no task) and ``task_title`` its title in the
    curriculum now (None also when the curriculum no longer has it), ``note`` the
    remark the log will keep, ``now`` the time of the command (the stop's end) and
    ``elapsed_hours`` the decimal hours from ``started`` to ``now`` (0.0 when none runs).
    """

    action: TimerAction
    curriculum: str
    running: bool
    started: dt.datetime | None
    now: dt.datetime
    elapsed_hours: float
    task: str | None
    task_title: str | None
    note: str | None
    logged: LogResult | None = None


def start(
    session: Session,
    task: str | None = None,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> TimerView:
    """Start the timer of the session's enrollment now, or at ``at`` (a moment not in the
    future, on or after the enrollment's start), for the item ``task`` if given (id or
    title words, as ``roadmap log --task``), keeping ``note`` for the log.

    Raises RoadmapError when a timer of that enrollment is running already (naming its
    start and task), for a task that is unknown or outside the plan, for ``at`` in the
    future or before the enrollment's start, or when the timers' file cannot be read or
    written; nothing is written then.
    """
    context = session.context()
    slug = context.curriculum.slug
    now = clock.now()
    begin = now if at is None else at
    _not_after(begin, now, "--at")
    not_before_start(context.enrollment, begin.date())
    item = None
    if task is not None:
        accepts: tuple[refs.TargetKind, ...] = ("item", "recurring")
        item = refs.resolve_for(context.curriculum, task, "roadmap timer start", accepts).item
    if item is not None:
        refuse_unplanned(context, [item.id], "log time on")
    kept = note.strip() if note and note.strip() else None
    with _locked():
        timers = _read()
        if slug in timers:
            running = timers[slug]
            raise RoadmapError(
                f"A timer for {slug} is already running, started {_moment(running)}"
                f"{_on_task(running)}.",
                "Stop it with 'roadmap timer stop' (it logs the time), or drop it with "
                "'roadmap timer cancel'.",
            )
        timers[slug] = {
            "started": begin.isoformat(),
            "task": item.id if item else None,
            "note": kept,
        }
        _write(timers)
    return _view("start", context.curriculum, timers[slug], now)


def stop(session: Session, note: str | None = None, at: dt.datetime | None = None) -> TimerView:
    """Stop the timer of the session's enrollment now (or at ``at``) and record the time
    it ran as one ``log`` event for the day it started (all of it, when it ran past
    midnight), with its task, through :func:`roadmap_tracker.commands.tracking.log`;
    ``note`` replaces the note given at the start. The hours are the minutes it ran
    (rounded to the nearest) in decimal hours.

    Raises RoadmapError when no timer runs, when it ran less than a minute (the timer keeps
    running) or more than :data:`~roadmap_tracker.progress.events.MAX_LOG_HOURS` hours (it
    keeps running: log by hand and cancel it), for ``at`` in the future or before the
    start, and whatever ``log`` refuses; nothing is written then.
    """
    curriculum = session.context().curriculum
    slug = curriculum.slug
    now = clock.now()
    end = now if at is None else at
    _not_after(end, now, "--at")
    with _locked():
        timers = _read()
        running = _running(timers, slug)
        started = _started(running)
        seconds = (end - started).total_seconds()
        if seconds < 0:
            raise RoadmapError(
                f"{end:%Y-%m-%d %H:%M} is before the timer for {slug} started, {_moment(running)}.",
                "Give --at a time after it started, or leave --at out to stop it now.",
            )
        if seconds < 60:
            raise RoadmapError(
                f"The timer for {slug} has run {seconds:.0f} s, less than the minute "
                "roadmap logs; it keeps running.",
                "Stop it later, or drop it with 'roadmap timer cancel'.",
            )
        if seconds > MAX_LOG_HOURS * 3600:
            raise RoadmapError(
                f"The timer for {slug} has run since {_moment(running)}, more than the "
                f"{MAX_LOG_HOURS} hours one log holds; it keeps running.",
                f"Log the time you studied by hand ('roadmap log 1h30 --on "
                f"{started.date().isoformat()}') and drop the timer with "
                "'roadmap timer cancel'.",
            )
        hours = round(round(seconds / 60) / 60, 4)
        kept = note.strip() if note and note.strip() else running.get("note")
        on_start_day = Session(
            started.date(), slug, session.record, session.curricula, whole_record=True
        )
        logged = tracking.log(on_start_day, hours, running.get("task"), kept)
        del timers[slug]
        try:
            _write(timers)
        except RoadmapError as error:
            raise RoadmapError(
                f"Logged {hours:g} h for {started.date().isoformat()}, but the timer could "
                f"not be dropped: {error.message}",
                "Drop it with 'roadmap timer cancel' (stopping it again would log the time twice).",
            ) from error
    return _view("stop", curriculum, running, end, logged=logged, note=kept, running=False)


def status(session: Session) -> TimerView:
    """The timer of the session's enrollment as it runs now (``running`` False when none
    does). Raises RoadmapError when the timers' file cannot be read.
    """
    curriculum = session.context().curriculum
    slug = curriculum.slug
    timer = _read().get(slug)
    now = clock.now()
    if timer is None:
        return TimerView(
            action="status",
            curriculum=slug,
            running=False,
            started=None,
            now=now,
            elapsed_hours=0.0,
            task=None,
            task_title=None,
            note=None,
        )
    return _view("status", curriculum, timer, now)


def cancel(session: Session) -> TimerView:
    """Drop the timer of the session's enrollment without logging anything. Raises
    RoadmapError when none runs, or when the timers' file cannot be read or written.
    """
    curriculum = session.context().curriculum
    slug = curriculum.slug
    now = clock.now()
    with _locked():
        timers = _read()
        running = _running(timers, slug)
        del timers[slug]
        _write(timers)
    return _view("cancel", curriculum, running, now, running=False)


def _view(
    action: TimerAction,
    curriculum: Curriculum,
    timer: dict[str, Any],
    now: dt.datetime,
    *,
    logged: LogResult | None = None,
    note: str | None = None,
    running: bool = True,
) -> TimerView:
    started = _started(timer)
    elapsed = max(0.0, (now - started).total_seconds())
    task = timer.get("task")
    return TimerView(
        action=action,
        curriculum=curriculum.slug,
        running=running,
        started=started,
        now=now,
        elapsed_hours=round(elapsed / 3600, 4),
        task=task,
        task_title=_title(curriculum, task),
        note=note if note is not None else timer.get("note"),
        logged=logged,
    )


def _running(timers: dict[str, dict[str, Any]], slug: str) -> dict[str, Any]:
    """The timer of ``slug``; RoadmapError when none runs."""
    if slug not in timers:
        raise RoadmapError(
            f"No timer is running for {slug}.",
            "Start one with 'roadmap timer start [TASK]'.",
        )
    return timers[slug]


def _started(timer: dict[str, Any]) -> dt.datetime:
    """When ``timer`` started, as the aware local time it was written with."""
    return dt.datetime.fromisoformat(str(timer["started"]))


def _moment(timer: dict[str, Any]) -> str:
    """When ``timer`` started, as a sentence writes it: ``2026-11-21 08:00``."""
    return f"{_started(timer):%Y-%m-%d %H:%M}"


def _title(curriculum: Curriculum, task: str | None) -> str | None:
    """The title of the item ``task`` names in ``curriculum`` now (the timers' file keeps
    the id alone: a title is the curriculum's to say), or None when it names none."""
    if task is None:
        return None
    try:
        return refs.resolve(curriculum, task).title
    except RoadmapError:  # renamed away or removed since the timer started
        return None


def _on_task(timer: dict[str, Any]) -> str:
    task = timer.get("task")
    return f" on {task}" if task else " without a task"


def _not_after(moment: dt.datetime, now: dt.datetime, option: str) -> None:
    if moment > now:
        raise RoadmapError(
            f"{moment:%Y-%m-%d %H:%M} given to {option} is in the future (it is now "
            f"{now:%Y-%m-%d %H:%M}).",
            f"Give {option} a time that has passed, or leave it out for now.",
        )


def parse_moment(text: str, option: str = "--at") -> dt.datetime:
    """The local time ``text`` names: ``HH:MM`` (today) or ``YYYY-MM-DD HH:MM`` (also with
    a ``T``), aware with the local UTC offset. Raises RoadmapError naming ``option`` for any
    other text, or a day outside the days roadmap keeps.
    """
    word = text.strip()
    try:
        if len(word) <= 5:
            moment = dt.datetime.combine(clock.today(), dt.time.fromisoformat(word.zfill(5)))
        else:
            moment = dt.datetime.fromisoformat(word)
    except ValueError:
        raise RoadmapError(
            f"'{text}' given to {option} is not a time roadmap reads.",
            "Write HH:MM for today (14:30), or YYYY-MM-DD HH:MM (2026-01-07 14:30).",
        ) from None
    if clock.date_outside(moment.date()):
        raise RoadmapError(
            f"{moment.date().isoformat()} given to {option} is outside the days roadmap "
            f"keeps, {clock.EARLIEST_DATE.isoformat()} to {clock.LATEST_DATE.isoformat()}.",
            "Check the year: write YYYY-MM-DD HH:MM, like 2026-01-07 14:30.",
        )
    return moment.astimezone() if moment.tzinfo is None else moment


def _locked() -> contextlib.AbstractContextManager[Path]:
    """Hold the timers' own lock (``timers.json.lock``, not the progress file's), waiting as
    :func:`~roadmap_tracker.progress.lock.locked` waits; RoadmapError when it cannot be had.
    """
    from roadmap_tracker.progress.lock import locked

    return locked(paths.timers_path())


def _read() -> dict[str, dict[str, Any]]:
    """The running timers by enrollment slug ({} when the file does not exist). Raises
    RoadmapError when the file cannot be read or is not one roadmap wrote.
    """
    path = paths.timers_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise _damaged(path, error_reason(error)) from error
    import json

    try:
        data = json.loads(text)
        timers = data["timers"]
        if data.get("format") != TIMERS_FORMAT or not isinstance(timers, dict):
            raise ValueError("not a timers file of this roadmap")
        for timer in timers.values():
            started = dt.datetime.fromisoformat(timer["started"])
            if started.tzinfo is None:
                raise ValueError("a start without its UTC offset")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise _damaged(path, str(error) or type(error).__name__) from error
    return dict(timers)


def _damaged(path: Path, reason: str) -> RoadmapError:
    return RoadmapError(
        f"The running timers in {path} cannot be read: {reason}.",
        "Move the file away (its timers are lost; log their time by hand with 'roadmap log').",
    )


def _write(timers: dict[str, dict[str, Any]]) -> None:
    """Write ``timers`` whole (the file is removed when none runs). Raises RoadmapError
    when it cannot be written; the file is then as it was.
    """
    import json

    from roadmap_tracker.base.atomic import ReplacedUnsynced, write_atomic

    path = paths.timers_path()
    try:
        if not timers:
            path.unlink(missing_ok=True)
            return
        data = {"format": TIMERS_FORMAT, "timers": timers}
        write_atomic(path, json.dumps(data, indent=2) + "\n", durable=True)
    except ReplacedUnsynced:
        pass  # in place; only a crash of the system could bring the old timers back
    except OSError as error:
        raise RoadmapError(
            f"Cannot write the running timers to {path}: {error_reason(error)}.",
            "Make the directory writable (or set ROADMAP_HOME elsewhere); nothing was changed.",
        ) from error
