"""``roadmap edit N``: amend a recorded log, note, journal entry or review's answers.

Nothing recorded is rewritten. An edit appends an amendment: an event of the same action
with every field as it is now and ``amends`` naming the event first recorded (decision 57).
The latest amendment that counts stands for that event in every view; ``roadmap history``
shows both, the earlier version struck through, and ``roadmap undo`` takes the amendment
back like any change, so that the version before it counts again.
"""

from __future__ import annotations

import datetime as dt

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import Record, View
from roadmap_tracker.commands.safekeeping import (
    ChangeView,
    by_id,
    describe,
    event_view,
    numbered,
)
from roadmap_tracker.progress.events import AMENDABLE_ACTIONS, Event
from roadmap_tracker.progress.transaction import Transaction
from roadmap_tracker.session import Session


class Amendment(Record):
    """What ``roadmap edit`` changes (None: kept as it is).

    ``hours`` (decimal hours), ``on`` (the local calendar day) and ``task`` (a reference to
    an item, or ``no_task`` to drop it) for a log; ``text`` the remark of a log, the text
    of a note or of a journal entry; ``on`` the day of a journal entry; ``answers`` (question
    id, answer) pairs for a review.
    """

    hours: float | None = None
    on: dt.date | None = None
    task: str | None = None
    no_task: bool = False
    text: str | None = None
    answers: tuple[tuple[str, str], ...] = ()


class EditResult(View):
    """What ``roadmap edit`` recorded: ``change`` the number of the change first recorded
    (the one amended), ``was`` and ``now`` what it said before and says now (sentences as
    ``roadmap history`` words them), ``changed`` the names of what changed (``hours``,
    ``day``, ``task``, ``text``, ``answer ID``), and ``amendment`` the new change (its number
    is what ``roadmap undo`` takes back).
    """

    change: int
    was: str
    now: str
    changed: list[str]
    amendment: ChangeView


_KINDS = {"log": "a log", "note": "a note", "journal": "a journal entry", "review": "a review"}


_APPLIES = {
    "log": ("hours", "on", "task", "text"),
    "note": ("text",),
    "journal": ("text", "on"),
    "review": ("answers",),
}
"""What each kind of change can have amended (the fields of :class:`Amendment`)."""


_OPTIONS = {
    "hours": "--hours",
    "on": "--on",
    "task": "--task",
    "no_task": "--no-task",
    "text": "--text",
    "answers": "--answer",
}


def edit(session: Session, seq: int, amendment: Amendment) -> EditResult:
    """Amend change number ``seq`` (a ``log``, ``note``, ``journal`` or ``review`` event, or
    an amendment of one) with ``amendment``, by appending an amendment of the version that
    stands now. Raises RoadmapError, writing nothing, when ``seq`` is no change, is another
    kind of change, is undone, belongs to an enrollment that is not current, when an option
    does not apply to its kind, when nothing would change, or for hours, a day or a task a
    new ``roadmap log``, ``note`` or ``journal`` would refuse.
    """

    def record(fresh: Session, transaction: Transaction) -> EditResult:
        current, first = _standing_version(transaction, seq)
        _check_applies(current, seq, amendment)
        made, changed = _amended(fresh, current, amendment)
        if not changed:
            raise RoadmapError(
                f"Change {seq} already reads so; nothing was changed.",
                "Give the hours, day, task, text or answer that should be different.",
            )
        event = Event(
            **{
                **made.__dict__,
                "id": "",
                "seq": transaction.next_seq,
                "at": clock.now(),
                "amends": first.id,
                "part_of": None,
            }
        )
        transaction.add(event)
        plain = {"amends": None}
        return EditResult(
            change=first.seq,
            was=describe(Event(**{**current.__dict__, **plain})),
            now=describe(Event(**{**event.__dict__, **plain})),
            changed=changed,
            amendment=event_view(event, None, target=first.seq),
        )

    return session.transaction(record)


def _standing_version(transaction: Transaction, seq: int) -> tuple[Event, Event]:
    """The version of change ``seq`` that counts now, and the event first recorded (the one
    amendments name). Raises RoadmapError as :func:`edit` says."""
    event = numbered(transaction, seq)
    if event.action not in AMENDABLE_ACTIONS:
        raise RoadmapError(
            f"Change {seq} cannot be edited: 'roadmap edit' amends a log, a note, a journal "
            "entry or a review's answers.",
            f"To take change {seq} back, run 'roadmap undo {seq}'.",
        )
    first = by_id(transaction, event.amends) if event.amends is not None else event
    undone = transaction.tail.undone
    current = first
    while current.id in undone:
        taker = by_id(transaction, undone[current.id])
        if taker.action == "undo":
            which = seq if current.id == event.id else current.seq
            raise RoadmapError(
                f"Change {which} is undone, so there is nothing of it to edit.",
                f"Run 'roadmap redo {which}' to bring it back first.",
            )
        current = taker
    if event.id in undone and by_id(transaction, undone[event.id]).action == "undo":
        raise RoadmapError(
            f"Change {seq} is undone, so there is nothing of it to edit.",
            f"Run 'roadmap redo {seq}' to bring it back first.",
        )
    return current, first


def _check_applies(event: Event, seq: int, amendment: Amendment) -> None:
    """Raise RoadmapError when ``amendment`` changes nothing or changes what ``event``'s kind
    does not have."""
    given = [
        name
        for name in ("hours", "on", "task", "no_task", "text", "answers")
        if getattr(amendment, name) not in (None, False, ())
    ]
    allowed = _APPLIES[event.action]
    kind = _KINDS[event.action]
    what = ", ".join(_OPTIONS[name] for name in allowed) + (
        " or --no-task" if event.action == "log" else ""
    )
    if not given:
        raise RoadmapError(
            f"Say what to change in change {seq}, {kind}.",
            f"Give {what}; for example 'roadmap edit {seq} {_example(event.action)}'.",
        )
    for name in given:
        if (name if name != "no_task" else "task") not in allowed:
            raise RoadmapError(
                f"{_OPTIONS[name]} does not apply to change {seq}, {kind}.",
                f"For {kind} give {what}.",
            )
    if amendment.task is not None and amendment.no_task:
        raise RoadmapError(
            "--task and --no-task contradict each other.", "Give one of them, not both."
        )


def _example(action: str) -> str:
    return {
        "log": "--hours 1:30",
        "note": '--text "Read it twice"',
        "journal": '--text "Finished the attention module"',
        "review": '--answer worked="Daily reading"',
    }[action]


def _amended(fresh: Session, event: Event, amendment: Amendment) -> tuple[Event, list[str]]:
    """``event`` with ``amendment`` applied (hours, day, task and text checked as ``roadmap
    log``, ``note`` and ``journal`` check them), and the names of what changed."""
    from roadmap_tracker.commands.tracking import (
        check_log_hours,
        not_before_start,
        not_in_future,
    )

    fields = dict(event.__dict__)
    changed: list[str] = []
    enrollment = fresh.state.enrollment(event.curriculum)
    if enrollment is None or event.seq < enrollment.seq:
        raise RoadmapError(
            f"Change {event.seq} is of a run of {event.curriculum} that is over; only the "
            "changes of your current enrollments can be edited.",
            "Run 'roadmap enrollments' to see them.",
        )
    if amendment.hours is not None:
        check_log_hours(amendment.hours)
        if amendment.hours != event.hours:
            fields["hours"] = amendment.hours
            changed.append("hours")
    if amendment.on is not None:
        not_in_future(amendment.on)
        not_before_start(enrollment, amendment.on)
        if amendment.on != event.on:
            fields["on"] = amendment.on
            changed.append("day")
    if amendment.task is not None or amendment.no_task:
        items: tuple[str, ...] = ()
        if amendment.task is not None:
            from roadmap_tracker.commands.views import refuse_unplanned
            from roadmap_tracker.plan import refs

            context = fresh.context_of(enrollment, fresh.curriculum_of(enrollment))
            item = refs.resolve_for(
                context.curriculum, amendment.task, "roadmap edit --task", ("item", "recurring")
            ).item
            assert item is not None
            refuse_unplanned(context, [item.id], "log time on")
            items = (item.id,)
        if items != event.items:
            fields["items"] = items
            changed.append("task")
    if amendment.text is not None:
        text = amendment.text.strip() or None
        if text is None and event.action == "journal":
            raise RoadmapError(
                "A journal entry cannot be empty.", "Give its new text with --text, or undo it."
            )
        if text is None and event.action == "note" and not event.links:
            raise RoadmapError(
                "A note without text or links would be empty.",
                f"Give its new text with --text, or take it back with 'roadmap undo {event.seq}'.",
            )
        if text != event.note:
            fields["note"] = text
            changed.append("text")
    if amendment.answers:
        answers = dict(event.answers)
        for question, answer in amendment.answers:
            if question not in answers:
                raise RoadmapError(
                    f"Change {event.seq}, a review, has no question '{question}'.",
                    "Its questions are: " + ", ".join(answers) + "."
                    if answers
                    else "It holds no answers.",
                )
            if answers[question] != answer.strip():
                answers[question] = answer.strip()
                changed.append(f"answer {question}")
        fields["answers"] = tuple(answers.items())
    return Event(**fields), changed
