"""The progress journal and periodic reviews (``roadmap journal``, ``roadmap review``), and
the reminders ``roadmap next`` shows for them.

Source: seed 000, section VII.A ("Bi-weekly update via progress journal"; "End-of-quarter:
Peer review session and introspective reflection (address what worked, what didn't, and reset
goals as needed)") and VII.B ("Every quarter, review and update ..."). A curriculum declares
them as ``journal:`` and ``review:`` (:class:`roadmap_tracker.curriculum.model.JournalPlan`,
:class:`roadmap_tracker.curriculum.model.ReviewPlan`).

Periods and dates (the cadence arithmetic is in the pure functions of
:mod:`~roadmap_tracker.commands.reminders`: ``cadence_after``, ``period_bounds``,
``period_index`` and ``reviewed_period``, and :mod:`~roadmap_tracker.plan.recurring`'s
``journal_due``: dates in, dates out, no clock):

- **Review periods** count from the enrollment's start by the review's cadence: period ``k``
  (from 0) starts on ``start + k`` cadence steps (months counted from the start each time, so
  2026-01-31 + 3 months is 2026-04-30) and ends the day before period ``k + 1`` starts.
- **The period a review on day D covers** is the latest period that has ended by D + 7 days
  (a review a week early, or any time later, covers the period just ending or ended); if no
  period has (D is in the first period, more than a week before its end), the first period
  so far: from the start to D.
- **A journal entry is due** one cadence step after the last entry on or before the day asked
  about (or after the start): bi-weekly, 14 days. An occurrence of the journal's activity
  (``check routine/progress-journal``) counts as an entry. ``next``'s reminder, that
  activity's count and the calendar export all take the day from
  :func:`~roadmap_tracker.plan.recurring.journal_due`.
- **Reminders** (:func:`reminders`) show a journal entry from 7 days before it is due and
  while overdue; a review from 7 days before its period's end until a review of that whole
  period is recorded, or until the next period comes within 7 days of its end (then that one
  is due instead). Only curricula that declare ``journal:`` or ``review:`` get them.
"""

from __future__ import annotations

import datetime as dt

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import View
from roadmap_tracker.commands.reminders import reviewed_period
from roadmap_tracker.curriculum.model import Curriculum, ReviewPlan
from roadmap_tracker.plan.recurring import journal_due, journal_entry_days
from roadmap_tracker.progress.events import Event
from roadmap_tracker.progress.transaction import Transaction
from roadmap_tracker.session import ActiveContext, Session

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
    """``roadmap journal --list``: the entries from ``since`` to ``until`` (each end open
    when None) whose text has every word of ``search`` (see :func:`match_spans`; None: no
    search), oldest first (newest last).
    """

    curriculum: str
    title: str
    since: dt.date | None
    until: dt.date | None = None
    search: str | None = None
    entries: list[JournalEntry]


JOURNAL_EMPTY = "Aborting: the entry is empty; nothing written."
"""What ``roadmap journal`` says when the editor gave back no text (as ``git commit`` does)."""


def journal_template(session: Session) -> str:
    """The text the editor opens with for a journal entry on the session's day: an empty first line,
    then
    ``#`` comment lines saying what to write, for which curriculum and which day. Checks the
    day first (RoadmapError for a day in the future or before the start), so that nobody
    writes an entry that would be refused.
    """
    on = session.as_of
    context = session.context()
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


def add_journal(session: Session, text: str) -> JournalResult:
    """Record a progress journal entry for the session's day with ``text`` (spaces at either end and
    blank lines around it removed). When the curriculum's journal names an ``activity``, the
    entry also counts as one occurrence of it.

    Raises RoadmapError for an empty text, a day after today or before the enrollment's
    start; nothing is written then.
    """
    body = text.strip()
    if not body:
        raise RoadmapError(JOURNAL_EMPTY, 'Pass the text: roadmap journal "What I did today".')
    on = session.as_of

    def record(fresh: Session, transaction: Transaction) -> JournalResult:
        context = fresh.context()
        _check_day(context, on)
        curriculum = context.curriculum
        declared = curriculum.journal.activity if curriculum.journal else None
        activity = _counted_activity(context, declared)
        event = Event(
            seq=transaction.next_seq,
            at=clock.now(),
            on=on,
            curriculum=curriculum.slug,
            action="journal",
            items=(activity,) if activity else (),
            note=body,
        )
        next_due = None
        if curriculum.journal is not None:
            days = [*journal_entry_days(context.ledger, curriculum.journal), on]
            next_due = journal_due(context.enrollment.started, curriculum.journal.cadence, days, on)
        transaction.add(event)
        return JournalResult(
            curriculum=curriculum.slug,
            entry=JournalEntry(on=on, seq=event.seq, text=body),
            activity=activity,
            next_due=next_due,
        )

    return session.transaction(record)


def journal_list(
    session: Session,
    since: dt.date | None = None,
    until: dt.date | None = None,
    search: str | None = None,
) -> JournalList:
    """The journal entries of the enrollment for ``since`` to ``until`` (both days included;
    each end open when None) whose text has every word of ``search`` (:func:`match_spans`;
    all entries when None), in the order of their days (entries of one day in the order
    recorded), newest last.

    Raises RoadmapError when ``since`` is after ``until``, or ``search`` has no word.
    """
    if since is not None and until is not None and since > until:
        raise RoadmapError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}, so no entry "
            "can be between them.",
            "Give the earlier day to --since and the later one to --until.",
        )
    words = search_words(search) if search is not None else []
    if search is not None and not words:
        raise RoadmapError(
            f"'{search}' given to --search has no word to look for.",
            "Give words of the entries you look for: roadmap journal --search attention.",
        )
    context = session.context()
    low = since.toordinal() if since else 0
    high = until.toordinal() if until else dt.date.max.toordinal()
    entries = [
        JournalEntry(on=dt.date.fromordinal(day), seq=seq, text=text)
        for day, seq, text in sorted(context.ledger.journal)
        if low <= day <= high and (not words or match_spans(text, words) is not None)
    ]
    return JournalList(
        curriculum=context.curriculum.slug,
        title=context.curriculum.title,
        since=since,
        until=until,
        search=" ".join(search.split()) if search is not None else None,
        entries=entries,
    )


def search_words(search: str) -> list[str]:
    """The words of a search, as :func:`match_spans` takes them: runs of letters and digits,
    lower case, accents left out (``"Self-Atténtion"`` -> ``["self", "attention"]``)."""
    return [folded for folded, _, _ in _words(search)]


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]] | None:
    """Where ``text`` matches a search of ``words`` (:func:`search_words`), as a search box
    does: each word must begin some word of the text, in any case and with accents left out
    (``transf`` matches "Transformers", ``etude`` "Étude"). Returns the (start, end)
    character offsets of the text's matching word beginnings, in order, or None when some
    word of the search begins no word of the text.
    """
    spans: list[tuple[int, int]] = []
    found: set[str] = set()
    for folded, start, ends in _words(text):
        longest = max((len(word) for word in words if folded.startswith(word)), default=0)
        if longest:
            found.update(word for word in words if folded.startswith(word))
            spans.append((start, ends[longest - 1]))
    return spans if found >= set(words) else None


def _words(text: str) -> list[tuple[str, int, list[int]]]:
    """The words of ``text`` (runs of letters and digits, with any combining accents): each
    folded (lower case, accents left out), its start offset in ``text``, and for each folded
    character the offset in ``text`` just after the character it came from.
    """
    import unicodedata

    words: list[tuple[str, int, list[int]]] = []
    folded: list[str] = []
    ends: list[int] = []
    start = 0
    for index, char in enumerate(text + " "):
        if char.isascii():
            part, inside = char.lower(), char.isalnum()
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            part = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
            inside = char.isalnum() or (bool(unicodedata.combining(char)) and bool(folded))
        if inside:
            if not folded:
                start = index
            folded.append(part)
            ends.extend([index + 1] * len(part))
        elif folded:
            words.append(("".join(folded), start, ends))
            folded, ends = [], []
    return words


def _check_day(context: ActiveContext, on: dt.date) -> None:
    """Raise RoadmapError for a day after today or before the enrollment's start."""
    from roadmap_tracker.commands.tracking import not_before_start, not_in_future

    not_in_future(on)
    not_before_start(context.enrollment, on)


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
    AS_OF`` shows them (computed by :func:`roadmap_tracker.commands.overview.status_view`).
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
    of; ``reviewed_before`` the day of the latest review already recorded of the same period
    (same first and last day), which a second review must be asked for (``again``).
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
    reviewed_before: dt.date | None = None


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


def review_prompt(session: Session, given: list[tuple[str, str]]) -> ReviewView:
    """What ``roadmap review`` on the session's day shows before asking: the period it covers, its
    numbers, and the questions with the answers ``given`` so far. Writes nothing.

    Raises RoadmapError for a day after today or before the start, or an answer to a question
    the review does not ask.
    """
    on = session.as_of
    context = session.context()
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
        numbers=review_numbers(session, first, min(last, on)),
        answers=answers,
        recorded=False,
        reviewed_before=_reviewed_before(context, first, last),
    )


def _reviewed_before(context: ActiveContext, first: dt.date, last: dt.date) -> dt.date | None:
    """The day of the latest review recorded of the period ``first`` to ``last``, if any."""
    days = [
        on
        for on, _, period_first, period_last in context.ledger.reviews
        if period_first == first.toordinal() and period_last == last.toordinal()
    ]
    return dt.date.fromordinal(max(days)) if days else None


def second_review_refused(first: dt.date, last: dt.date, before: dt.date) -> RoadmapError:
    """The error for a second review of the period ``first`` to ``last`` (reviewed on
    ``before``) without ``again``: one sentence naming that day and ``--again``.
    """
    return RoadmapError(
        f"You already reviewed {first.isoformat()} to {last.isoformat()} on "
        f"{before.isoformat()}; add --again to record another review of it.",
        "'roadmap review --list' shows your reviews; nothing was recorded.",
    )


def record_review(
    session: Session, given: list[tuple[str, str]], again: bool = False
) -> ReviewView:
    """Store a review on the session's day with the answers ``given`` (question id, text): every
    question of the review in its order, those not given with an empty answer. The period is the one
    :func:`reviewed_period` gives; when the review names an ``activity``, the review also
    counts as one occurrence of it. A period already reviewed (the same first and last day)
    is reviewed again only with ``again`` (the command line asks, or takes ``--again``).

    Raises RoadmapError as :func:`review_prompt`, and for a second review of a period
    without ``again`` (:func:`second_review_refused`); nothing is written then.
    """
    on = session.as_of
    earlier: list[dt.date | None] = []

    def record(fresh: Session, transaction: Transaction) -> Event:
        context = fresh.context()
        _check_day(context, on)
        plan = review_plan(context.curriculum)
        answers = _answers(plan, given)
        first, last, _ = reviewed_period(context.enrollment.started, plan.cadence, on)
        before = _reviewed_before(context, first, last)
        if before is not None and not again:
            raise second_review_refused(first, last, before)
        earlier.append(before)
        activity = _counted_activity(context, plan.activity)
        event = Event(
            seq=transaction.next_seq,
            at=clock.now(),
            on=on,
            curriculum=context.curriculum.slug,
            action="review",
            items=(activity,) if activity else (),
            answers=tuple((answer.id, answer.answer) for answer in answers),
            period_start=first,
            period_end=last,
        )
        transaction.add(event)
        return event

    event = session.transaction(record)
    # The numbers do not depend on the review just written: compute them as status does.
    view = review_prompt(session, list(event.answers))
    fields = view.model_dump()
    fields.update(
        recorded=True,
        seq=event.seq,
        activity=event.items[0] if event.items else None,
        reviewed_before=earlier[0],
    )
    return ReviewView(**fields)


def review_numbers(session: Session, first: dt.date, as_of: dt.date) -> ReviewNumbers:
    """The numbers of the days ``first`` to ``as_of`` (see :class:`ReviewNumbers`), from the
    record as it stood at the end of ``as_of`` (decision 36): a skip or a choice recorded
    for a later day does not change a past period's numbers. The pace part comes from
    :func:`roadmap_tracker.commands.overview.status_view` on ``as_of``.
    """
    from roadmap_tracker.commands.overview import status_view

    at_end = session.on(as_of)
    context = at_end.context()
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
    status = status_view(at_end)
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


def review_list(session: Session) -> ReviewList:
    """The enrollment's recorded reviews with their answers, in the order of their days."""
    context = session.context()
    progress = session.progress()
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
