"""The progress journal and periodic reviews (``roadmap journal``, ``roadmap review``), and
the reminders ``roadmap next`` shows for them.

Source: seed 000, section VII.A ("Bi-weekly update via progress journal"; "End-of-quarter:
Peer review session and introspective reflection (address what worked, what didn't, and reset
goals as needed)") and VII.B ("Every quarter, review and update ..."). A curriculum declares
them as ``journal:`` and ``review:`` (:class:`roadmap_tracker.curriculum.model.JournalPlan`,
:class:`roadmap_tracker.curriculum.model.ReviewPlan`).

Periods and dates (the cadence arithmetic is in the pure functions :func:`cadence_after`,
:func:`period_bounds`, :func:`period_index`, :func:`reviewed_period` and
:func:`journal_due`: dates in, dates out, no clock):

- **Review periods** count from the enrollment's start by the review's cadence: period ``k``
  (from 0) starts on ``start + k`` cadence steps (months counted from the start each time, so
  2026-01-31 + 3 months is 2026-04-30) and ends the day before period ``k + 1`` starts.
- **The period a review on day D covers** is the latest period that has ended by D + 7 days
  (a review a week early, or any time later, covers the period just ending or ended); if no
  period has (D is in the first period, more than a week before its end), the first period
  so far: from the start to D.
- **A journal entry is due** one cadence step after the last entry on or before the day asked
  about (or after the start): bi-weekly, 14 days.
- **Reminders** (:func:`reminders`) show a journal entry from 7 days before it is due and
  while overdue; a review from 7 days before its period's end until a review of that whole
  period is recorded, or until the next period comes within 7 days of its end (then that one
  is due instead). Only curricula that declare ``journal:`` or ``review:`` get them.
"""

from __future__ import annotations

import datetime as dt

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands.views import ActiveContext, ReminderView, View, active_context
from roadmap_tracker.curriculum.model import Curriculum, ReviewPlan
from roadmap_tracker.progress import store
from roadmap_tracker.progress.events import Event

REMIND_DAYS = 7
"""How many days before a journal entry or a review is due ``next`` starts reminding."""

_CADENCE_STEPS: dict[str, tuple[int, int]] = {
    "daily": (1, 0),
    "weekly": (7, 0),
    "bi-weekly": (14, 0),
    "monthly": (0, 1),
    "quarterly": (0, 3),
    "annually": (0, 12),
}
"""One step of each cadence: (days, calendar months)."""


def cadence_after(day: dt.date, cadence: str, steps: int = 1) -> dt.date:
    """``day`` plus ``steps`` steps of ``cadence`` (daily, weekly, bi-weekly: 1, 7, 14 days;
    monthly, quarterly, annually: 1, 3, 12 calendar months, a day past the end of the month
    falling back to its last day, as dateutil's relativedelta does).
    """
    days, months = _CADENCE_STEPS[cadence]
    if not months:
        return day + dt.timedelta(days=days * steps)
    from dateutil.relativedelta import relativedelta

    result: dt.date = day + relativedelta(months=months * steps)
    return result


def period_bounds(start: dt.date, cadence: str, index: int) -> tuple[dt.date, dt.date]:
    """The first and last day (inclusive) of period ``index`` (from 0) of ``cadence`` counted
    from ``start``: each period starts ``index`` steps after ``start`` and ends the day before
    the next one starts.
    """
    first = cadence_after(start, cadence, index)
    return first, cadence_after(start, cadence, index + 1) - dt.timedelta(days=1)


def period_index(start: dt.date, cadence: str, day: dt.date) -> int:
    """The number (from 0) of the period of ``cadence`` from ``start`` that holds ``day``;
    -1 for a day before ``start``.
    """
    if day < start:
        return -1
    days, months = _CADENCE_STEPS[cadence]
    if not months:
        return (day - start).days // days
    index = ((day.year - start.year) * 12 + day.month - start.month) // months
    index = max(index, 0)
    while index > 0 and cadence_after(start, cadence, index) > day:
        index -= 1
    while cadence_after(start, cadence, index + 1) <= day:
        index += 1
    return index


def reviewed_period(start: dt.date, cadence: str, day: dt.date) -> tuple[dt.date, dt.date, bool]:
    """The period a review on ``day`` covers, as (first day, last day, whole): the latest
    period that has ended by ``day`` + 7 days; when none has (``day`` is in the first period,
    more than a week before its end), the first period so far, from ``start`` to ``day``, and
    ``whole`` is False. ``day`` must not be before ``start``.
    """
    ended = period_index(start, cadence, day + dt.timedelta(days=REMIND_DAYS + 1)) - 1
    if ended < 0:
        return start, day, False
    first, last = period_bounds(start, cadence, ended)
    return first, last, True


def journal_due(start: dt.date, cadence: str, last_entry: dt.date | None) -> dt.date:
    """The day the next journal entry is due: one step of ``cadence`` after the last entry,
    or after ``start`` when there is none.
    """
    return cadence_after(last_entry or start, cadence)


# --- Reminders ---------------------------------------------------------------------------


def reminders(context: ActiveContext, day: dt.date) -> list[ReminderView]:
    """The journal entry and the review due around ``day`` for the enrollment of
    ``context`` (see the module's docstring for when each shows). Only entries and reviews
    recorded for ``day`` or earlier count. Empty for a day before the start and for a
    curriculum that declares neither ``journal:`` nor ``review:``.
    """
    curriculum, start = context.curriculum, context.enrollment.started
    found: list[ReminderView] = []
    if day < start:
        return found
    journal_plan = curriculum.journal
    if journal_plan is not None:
        today = day.toordinal()
        days = [entry_day for entry_day, _, _ in context.ledger.journal if entry_day <= today]
        last = dt.date.fromordinal(max(days)) if days else None
        due = journal_due(start, journal_plan.cadence, last)
        away = (due - day).days
        if away <= REMIND_DAYS:
            since = f"your last entry was on {last.isoformat()}" if last else "you have none yet"
            found.append(
                ReminderView(
                    kind="journal",
                    due=due,
                    days_away=away,
                    text=f"A progress journal entry {_when(due, away)} "
                    f"({journal_plan.cadence}; {since}): run 'roadmap journal'.",
                )
            )
    review_plan = curriculum.review
    if review_plan is not None:
        first, last_day, whole = reviewed_period(start, review_plan.cadence, day)
        covered = any(
            period_first == first.toordinal() and period_last == last_day.toordinal()
            for on, _, period_first, period_last in context.ledger.reviews
            if on <= day.toordinal()
        )
        if whole and not covered:
            away = (last_day - day).days
            found.append(
                ReminderView(
                    kind="review",
                    due=last_day,
                    days_away=away,
                    period_start=first,
                    period_end=last_day,
                    text=f"Your {review_plan.cadence} review of {first.isoformat()} to "
                    f"{last_day.isoformat()} {_when(last_day, away)}: run "
                    "'roadmap review'.",
                )
            )
    return found


def _when(due: dt.date, away: int) -> str:
    """``is due today (2026-01-19)``, ``is due on 2026-01-19 (in 3 days)`` or ``was due on
    2026-01-19 (2 days ago)``.
    """
    if away == 0:
        return f"is due today ({due.isoformat()})"
    count = f"{abs(away)} day" + ("" if abs(away) == 1 else "s")
    if away > 0:
        return f"is due on {due.isoformat()} (in {count})"
    return f"was due on {due.isoformat()} ({count} ago)"


# --- Journal -------------------------------------------------------------------------------


class JournalEntry(View):
    """One progress journal entry: the day it is for, its change number and its text."""

    on: dt.date
    seq: int
    text: str


class JournalResult(View):
    """What ``roadmap journal TEXT`` recorded. ``activity`` is the recurring activity the
    entry counted one occurrence of (None when the curriculum names none); ``next_due`` the
    day the next entry is due (None when the curriculum declares no journal cadence).
    """

    curriculum: str
    entry: JournalEntry
    activity: str | None
    next_due: dt.date | None


class JournalList(View):
    """``roadmap journal --list``: the entries from ``since`` on (all when None), oldest
    first (newest last).
    """

    curriculum: str
    title: str
    since: dt.date | None
    entries: list[JournalEntry]


JOURNAL_EMPTY = "Aborting: the entry is empty; nothing written."
"""What ``roadmap journal`` says when the editor gave back no text (as ``git commit`` does)."""


def journal_template(on: dt.date) -> str:
    """The text the editor opens with for a journal entry on ``on``: an empty first line, then
    ``#`` comment lines saying what to write, for which curriculum and which day. Checks the
    day first (RoadmapError for a day in the future or before the start), so that nobody
    writes an entry that would be refused.
    """
    context = active_context()
    _check_day(context, on)
    curriculum = context.curriculum
    cadence = f" ({curriculum.journal.cadence})" if curriculum.journal else ""
    return (
        "\n"
        f"# Progress journal{cadence} for {curriculum.title} ({curriculum.slug}),\n"
        f"# entry for {on:%A %Y-%m-%d}.\n"
        "# Write what you studied, what you built, what went well or not, and what comes\n"
        "# next. Lines starting with '#' are left out; an empty entry writes nothing.\n"
    )


def strip_comments(text: str) -> str:
    """The entry in text written in the editor: lines starting with ``#`` left out, trailing
    spaces and the blank lines at either end removed ("" when nothing is left).
    """
    lines = [line.rstrip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    return "\n".join(lines).strip("\n")


def add_journal(text: str, on: dt.date) -> JournalResult:
    """Record a progress journal entry for ``on`` with ``text`` (spaces at either end and
    blank lines around it removed). When the curriculum's journal names an ``activity``, the
    entry also counts as one occurrence of it.

    Raises RoadmapError for an empty text, a day after today or before the enrollment's
    start; nothing is written then.
    """
    body = text.strip()
    if not body:
        raise RoadmapError(JOURNAL_EMPTY, 'Pass the text: roadmap journal "What I did today".')
    outcome: list[JournalResult] = []

    def record(state: store.ProgressState) -> Event:
        context = active_context(state=state)
        _check_day(context, on)
        curriculum = context.curriculum
        declared = curriculum.journal.activity if curriculum.journal else None
        activity = _counted_activity(context, declared)
        event = Event(
            seq=state.next_seq,
            at=clock.now(),
            on=on,
            curriculum=curriculum.slug,
            action="journal",
            items=(activity,) if activity else (),
            note=body,
        )
        next_due = None
        if curriculum.journal is not None:
            last = max([on, *(dt.date.fromordinal(d) for d, _, _ in context.ledger.journal)])
            next_due = journal_due(context.enrollment.started, curriculum.journal.cadence, last)
        outcome.append(
            JournalResult(
                curriculum=curriculum.slug,
                entry=JournalEntry(on=on, seq=event.seq, text=body),
                activity=activity,
                next_due=next_due,
            )
        )
        return event

    store.append_event(record)
    return outcome[0]


def journal_list(since: dt.date | None = None) -> JournalList:
    """The journal entries of the enrollment, those for ``since`` or later (all when None),
    in the order of their days (entries of one day in the order recorded), newest last.
    """
    context = active_context()
    low = since.toordinal() if since else 0
    entries = [
        JournalEntry(on=dt.date.fromordinal(day), seq=seq, text=text)
        for day, seq, text in sorted(context.ledger.journal)
        if day >= low
    ]
    return JournalList(
        curriculum=context.curriculum.slug,
        title=context.curriculum.title,
        since=since,
        entries=entries,
    )


def _check_day(context: ActiveContext, on: dt.date) -> None:
    """Raise RoadmapError for a day after today or before the enrollment's start."""
    from roadmap_tracker.commands.actions import _not_in_future

    _not_in_future(on)
    started = context.enrollment.started
    if on < started:
        raise RoadmapError(
            f"{on.isoformat()} is before you started {context.curriculum.slug} on "
            f"{started.isoformat()}.",
            "Give --on a day on or after the start.",
        )


def _counted_activity(context: ActiveContext, activity: str | None) -> str | None:
    """``activity`` when the ledger counts occurrences of it (a recurring activity of the
    curriculum), else None.
    """
    return activity if activity is not None and activity in context.ledger.occurrence_ids else None


# --- Reviews -------------------------------------------------------------------------------


class ReviewNumbers(View):
    """The numbers a review is prefilled with, for the days ``period_start`` to ``as_of``
    (the period's end, or the review's day when that is earlier).

    ``items_done`` counts the items of the plan done in those days (``item_ids``), of them
    ``deliverables_done`` of kind deliverable (``deliverable_ids``); ``hours`` the decimal
    hours logged in them. ``done``, ``total``, ``percent``, ``planned_percent`` and
    ``days_ahead`` are the pace at the end of ``as_of``, exactly as ``roadmap status --week
    AS_OF`` shows them (computed by :func:`roadmap_tracker.commands.views.status_view`).
    """

    period_start: dt.date
    period_end: dt.date
    as_of: dt.date
    items_done: int
    item_ids: list[str]
    hours: float
    deliverables_done: int
    deliverable_ids: list[str]
    done: int
    total: int
    percent: float
    planned_percent: float | None
    days_ahead: int | None


class ReviewAnswer(View):
    """One question of a review, with its answer ("" when left empty or not answered yet)."""

    id: str
    question: str
    answer: str


class ReviewView(View):
    """``roadmap review``: the period reviewed on ``on`` and its numbers, and the questions
    with their answers. ``whole`` is False when the review covers the first period so far
    (see :func:`reviewed_period`); ``recorded`` whether the answers were stored (``seq`` the
    change's number); ``activity`` the recurring activity the review counted one occurrence
    of.
    """

    curriculum: str
    title: str
    on: dt.date
    cadence: str
    period_start: dt.date
    period_end: dt.date
    whole: bool
    numbers: ReviewNumbers
    answers: list[ReviewAnswer]
    recorded: bool
    seq: int | None = None
    activity: str | None = None


class PastReview(View):
    """A review recorded earlier: its day, change number, period and answers."""

    on: dt.date
    seq: int
    period_start: dt.date
    period_end: dt.date
    answers: list[ReviewAnswer]


class ReviewList(View):
    """``roadmap review --list``: the enrollment's reviews in the order of their days."""

    curriculum: str
    title: str
    reviews: list[PastReview]


def review_plan(curriculum: Curriculum) -> ReviewPlan:
    """The curriculum's review, or the default one (quarterly, the default questions of
    :data:`roadmap_tracker.curriculum.model.DEFAULT_REVIEW_QUESTIONS`) when it declares none.
    """
    return curriculum.review if curriculum.review is not None else ReviewPlan()


def parse_answers(given: list[str]) -> list[tuple[str, str]]:
    """``--answer ID=TEXT`` options as (question id, answer) pairs. Raises RoadmapError for
    an option without ``=`` or a question answered twice.
    """
    pairs: list[tuple[str, str]] = []
    for text in given:
        question, equals, answer = text.partition("=")
        question = question.strip()
        if not equals or not question:
            raise RoadmapError(
                f"'{text}' given to --answer is not written ID=TEXT.",
                "Write --answer worked=\"Daily reading\"; 'roadmap review --list' and the "
                "review itself show the question ids.",
            )
        if any(question == known for known, _ in pairs):
            raise RoadmapError(
                f"The question {question} is answered twice.", "Give one --answer per question."
            )
        pairs.append((question, answer.strip()))
    return pairs


def review_prompt(on: dt.date, given: list[tuple[str, str]]) -> ReviewView:
    """What ``roadmap review`` on ``on`` shows before asking: the period it covers, its
    numbers, and the questions with the answers ``given`` so far. Writes nothing.

    Raises RoadmapError for a day after today or before the start, or an answer to a question
    the review does not ask.
    """
    context = active_context()
    _check_day(context, on)
    plan = review_plan(context.curriculum)
    answers = _answers(plan, given)
    first, last, whole = reviewed_period(context.enrollment.started, plan.cadence, on)
    return ReviewView(
        curriculum=context.curriculum.slug,
        title=context.curriculum.title,
        on=on,
        cadence=plan.cadence,
        period_start=first,
        period_end=last,
        whole=whole,
        numbers=review_numbers(context, first, min(last, on)),
        answers=answers,
        recorded=False,
    )


def record_review(on: dt.date, given: list[tuple[str, str]]) -> ReviewView:
    """Store a review on ``on`` with the answers ``given`` (question id, text): every question
    of the review in its order, those not given with an empty answer. The period is the one
    :func:`reviewed_period` gives; when the review names an ``activity``, the review also
    counts as one occurrence of it.

    Raises RoadmapError as :func:`review_prompt`; nothing is written then.
    """
    written: list[Event] = []

    def record(state: store.ProgressState) -> Event:
        context = active_context(state=state)
        _check_day(context, on)
        plan = review_plan(context.curriculum)
        answers = _answers(plan, given)
        first, last, _ = reviewed_period(context.enrollment.started, plan.cadence, on)
        activity = _counted_activity(context, plan.activity)
        event = Event(
            seq=state.next_seq,
            at=clock.now(),
            on=on,
            curriculum=context.curriculum.slug,
            action="review",
            items=(activity,) if activity else (),
            answers=tuple((answer.id, answer.answer) for answer in answers),
            period_start=first,
            period_end=last,
        )
        written.append(event)
        return event

    store.append_event(record)
    event = written[0]
    # The numbers do not depend on the review just written: compute them as status does.
    view = review_prompt(on, list(event.answers))
    fields = view.model_dump()
    fields.update(recorded=True, seq=event.seq, activity=event.items[0] if event.items else None)
    return ReviewView(**fields)


def review_numbers(context: ActiveContext, first: dt.date, as_of: dt.date) -> ReviewNumbers:
    """The numbers of the days ``first`` to ``as_of`` (see :class:`ReviewNumbers`); the pace
    part comes from :func:`roadmap_tracker.commands.views.status_view` on ``as_of``.
    """
    from roadmap_tracker.commands.views import status_view

    done = context.done_by(as_of)
    counted = context.counted_ids
    in_period = [
        (day, position, item_id)
        for position, (item_id, day) in enumerate(done.items())
        if day >= first and item_id in counted
    ]
    item_ids = [item_id for _, _, item_id in sorted(in_period)]
    curriculum = context.curriculum
    deliverables = [i for i in item_ids if curriculum.item(i).kind == "deliverable"]
    status = status_view(as_of)
    return ReviewNumbers(
        period_start=first,
        period_end=as_of,
        as_of=as_of,
        items_done=len(item_ids),
        item_ids=item_ids,
        hours=round(context.ledger.logged_hours(first, as_of), 2),
        deliverables_done=len(deliverables),
        deliverable_ids=deliverables,
        done=status.done,
        total=status.total,
        percent=status.percent,
        planned_percent=status.planned_percent,
        days_ahead=status.days_ahead,
    )


def _answers(plan: ReviewPlan, given: list[tuple[str, str]]) -> list[ReviewAnswer]:
    """Every question of ``plan`` with its answer in ``given`` ("" when not given). Raises
    RoadmapError for an answer to a question the review does not ask.
    """
    questions = plan.asked()
    known = {question.id for question in questions}
    for question_id, _ in given:
        if question_id not in known:
            raise RoadmapError(
                f"The review asks no question {question_id}.",
                f"Its questions are: {', '.join(question.id for question in questions)}.",
            )
    answered = dict(given)
    return [
        ReviewAnswer(id=q.id, question=q.text, answer=answered.get(q.id, "")) for q in questions
    ]


def review_list() -> ReviewList:
    """The enrollment's recorded reviews with their answers, in the order of their days."""
    context = active_context()
    progress = store.read_progress()
    slug = context.curriculum.slug
    texts = {question.id: question.text for question in review_plan(context.curriculum).asked()}
    events = [e for e in progress.events_of(slug) if e.action == "review"]
    events.sort(key=lambda event: (event.on, event.seq))
    reviews = []
    for event in events:
        assert event.period_start is not None and event.period_end is not None
        reviews.append(
            PastReview(
                on=event.on,
                seq=event.seq,
                period_start=event.period_start,
                period_end=event.period_end,
                answers=[
                    ReviewAnswer(id=qid, question=texts.get(qid, qid), answer=text)
                    for qid, text in event.answers
                ],
            )
        )
    return ReviewList(curriculum=slug, title=context.curriculum.title, reviews=reviews)
