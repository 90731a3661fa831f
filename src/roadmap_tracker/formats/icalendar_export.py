"""The iCalendar (RFC 5545) export of an enrollment's plan: ``roadmap export --format ics``
(read from the session by :func:`roadmap_tracker.commands.exporting.export_ics`).

One all-day event per module window and per dated milestone, one recurring event per
recurring activity (its RRULE, until the end of its part of the plan), and one all-day event
per pause (``roadmap pause``). A daily routine measured in hours ("Learning routine (2
hours/day)") is a timed block of its hours at :data:`ROUTINE_START` (floating local time),
the others all-day events. UIDs
are stable (:func:`event_uid`), so that importing a later export again updates the events
instead of adding copies. The text is built with the ``icalendar`` library, imported only
here, when a calendar is asked for.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import Record

if TYPE_CHECKING:
    from roadmap_tracker.curriculum.durations import Duration
    from roadmap_tracker.curriculum.model import RecurringActivity
    from roadmap_tracker.plan.schedule import Plan
    from roadmap_tracker.session import ActiveContext

PRODID = "-//roadmap-tracker//roadmap export//EN"
"""The calendar's PRODID. Without the program's version, so that a re-export after an
upgrade differs only where the plan does."""

CADENCE_WORDS = {
    "daily": "Every day",
    "weekly": "Every week",
    "bi-weekly": "Every two weeks",
    "monthly": "Every month",
    "quarterly": "Every three months",
    "annually": "Every year",
}
"""A recurring activity's cadence for people, at the head of its event's description."""

ROUTINE_START = dt.time(18, 0)
"""When the timed block of a daily routine measured in hours begins, in the learner's local
time (a floating DATE-TIME, no time zone): an evening block a learner moves to the hour they
study at, once, for the whole series."""


class CalendarEntry(Record, kw_only=False):
    """One event of the calendar, before it is written as a VEVENT.

    ``kind`` is ``module`` (a module's window), ``milestone`` (a curriculum milestone on its
    planned date), ``activity`` (a recurring activity) or ``pause`` (paused days); ``ref``
    the id of what it stands for (a pause's: its first day, ``2026-03-02``). ``start`` is
    the first day; ``end`` the day after the last (DTEND of an all-day event is exclusive).
    A timed event (a daily routine measured in hours) has naive datetimes instead (floating
    local time): the first block's start and end. ``rrule`` is the RFC 5545 rule of a
    recurring activity, with ``UNTIL`` (inclusive, of the value type of ``start``: a date, or
    the last block's start) when the activity ends; None for the others.
    """

    kind: str
    ref: str
    uid: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    summary: str
    description: str
    rrule: str | None = None


def event_uid(slug: str, started: dt.date, kind: str, ref: str) -> str:
    """The UID of the event of ``ref`` (a module, milestone or activity id, or a pause's first
    day) of the enrollment
    in ``slug`` that started on ``started``: ``<kind>-<id>-<hash>@<slug>.roadmap``.

    The id's ``/`` become ``-``; the hash (12 hex digits of the SHA-256 of slug, start, kind
    and id) keeps ids that would read alike apart. It depends on nothing that changes
    during an enrollment (dates, hours, progress), so a re-export after a replan moves the
    events it updates; a new run (``start --restart`` on another day) gets new UIDs.
    """
    import hashlib

    key = f"{slug}\n{started.isoformat()}\n{kind}\n{ref}".encode()
    digest = hashlib.sha256(key).hexdigest()[:12]
    return f"{kind}-{ref.replace('/', '-')}-{digest}@{slug}.roadmap"


def calendar_entries(context: ActiveContext, day: dt.date) -> list[CalendarEntry]:
    """The events of the enrollment's calendar, with progress as of the end of ``day``.

    In order: every module with a planned start (its window, ``start`` to ``end`` inclusive;
    an ongoing module, which has no end, as one day on its start), then every curriculum
    milestone on its planned date (``Plan.milestones``), then every recurring activity that
    runs (:func:`roadmap_tracker.plan.recurring.activity_span`: from the start of its phase or
    module, or of the plan, until that part's latest end; a program-wide activity, or one of
    an ongoing part, until the plan's latest planned end, :func:`plan_last_day`, so that a
    calendar does not repeat it forever; a daily one measured in hours as a timed block,
    :func:`routine_block`), then every pause in force by ``day`` (its first to its last day;
    its UID keyed by its first day, so a resume that ends it early updates the event). A
    module or milestone whose items are all done or skipped by ``day`` says "(done)" at the
    end of its summary ("(skipped)" when all were skipped); its description lists the items
    with their boxes (``[x]`` done, ``[ ]`` open, ``[-]`` skipped). Modules without dates
    (no duration) are left out.
    """
    from roadmap_tracker.plan import recurring, schedule

    curriculum, plan = context.curriculum, context.plan
    slug, started = curriculum.slug, context.enrollment.started
    done = context.done_by(day)
    skipped = context.skipped
    one_day = dt.timedelta(days=1)
    titles = dict(zip(curriculum.item_table.ids, curriculum.item_table.titles, strict=True))

    def checklist(ids: list[str]) -> tuple[str, str]:
        """Each item on a line with its box, and the summary's mark: `` (done)`` when
        every item is done or skipped and one at least done, `` (skipped)`` when all are
        skipped, else nothing.
        """
        lines = []
        for item_id in ids:
            if item_id in done:
                lines.append(f"[x] {titles[item_id]}")
            elif item_id in skipped:
                lines.append(f"[-] {titles[item_id]} (skipped)")
            else:
                lines.append(f"[ ] {titles[item_id]}")
        mark = ""
        if ids and all(i in done or i in skipped for i in ids):
            mark = " (done)" if any(i in done for i in ids) else " (skipped)"
        return "\n".join(lines), mark

    def counted(ids: list[str]) -> str:
        """Done of the items that count (skipped ones do not), as ``status`` counts them."""
        total = [i for i in ids if i not in skipped]
        if not total:
            return f"All {len(ids)} items skipped."
        finished = sum(1 for i in total if i in done)
        return f"{finished} of {len(total)} items done by {day.isoformat()}."

    entries: list[CalendarEntry] = []
    for window in plan.modules:
        if window.start is None:
            continue
        module = curriculum.module_index[window.id]
        phase = curriculum.phase_of[window.id]
        label = schedule.module_label(curriculum, window.id)
        ids = curriculum.item_ids_of(window.id)
        items, mark = checklist(ids)
        if window.end is None:
            when = f"Starts {window.start.isoformat()} and goes on (no end)."
            end = window.start + one_day
            summary = f"Start of {label} (ongoing)"
        else:
            when = f"Planned {window.start.isoformat()} to {window.end.isoformat()}"
            if window.latest_end is not None and window.latest_end != window.end:
                when += f", at the latest {window.latest_end.isoformat()}"
            when += "."
            end = window.end + one_day
            summary = label
        lines = [
            f"Module of {phase.title} ({curriculum.title}).",
            when,
            *([counted(ids)] if ids else []),
            *([module.summary] if module.summary else []),
            *(["", items] if items else []),
            "",
            f"See it: roadmap show {window.id}",
        ]
        entries.append(
            CalendarEntry(
                "module",
                window.id,
                event_uid(slug, started, "module", window.id),
                window.start,
                end,
                summary + mark,
                "\n".join(lines),
            )
        )
    milestones = {milestone.id: milestone for milestone in curriculum.milestones}
    for dated in plan.milestones:
        source = milestones[dated.id]
        ids = curriculum.milestone_item_ids(dated.id)
        items, mark = checklist(ids)
        lines = [
            f"Milestone of {curriculum.title} ({_offset_words(source.offset)} into the "
            "curriculum, at your weekly hours).",
            *([source.description] if source.description else []),
            *([counted(ids), "", "By then:", items] if ids else []),
        ]
        entries.append(
            CalendarEntry(
                "milestone",
                dated.id,
                event_uid(slug, started, "milestone", dated.id),
                dated.date,
                dated.date + one_day,
                f"Milestone: {dated.title}{mark}",
                "\n".join(lines),
            )
        )
    for activity in curriculum.recurring:
        first, last = recurring.activity_span(activity, plan)
        if first is None:
            continue
        journal = curriculum.journal
        if journal is not None and journal.activity == activity.id:
            written = recurring.journal_entry_days(context.ledger, journal)
            first = recurring.journal_due(started, journal.cadence, written, day)
        if last is None:  # program-wide, or its part is ongoing: until the plan ends
            last = plan_last_day(plan)
        rule = activity.rrule
        block = routine_block(activity)
        begins: dt.date | dt.datetime = first
        ends: dt.date | dt.datetime = first + one_day
        if block is not None:
            begins = dt.datetime.combine(first, ROUTINE_START)
            ends = begins + block
        if last is not None:
            until = last if block is None else dt.datetime.combine(last, ROUTINE_START)
            rule += f";UNTIL={until.strftime('%Y%m%d' if block is None else '%Y%m%dT%H%M%S')}"
        entries.append(
            CalendarEntry(
                "activity",
                activity.id,
                event_uid(slug, started, "activity", activity.id),
                begins,
                ends,
                activity.title,
                _activity_description(context, activity, last),
                rule,
            )
        )
    for first, last in context.pauses:
        ref = first.isoformat()
        length = (last - first).days + 1
        entries.append(
            CalendarEntry(
                "pause",
                ref,
                event_uid(slug, started, "pause", ref),
                first,
                last + one_day,
                f"Paused: {curriculum.title}",
                f"No study planned from {first.isoformat()} to {last.isoformat()} "
                f"({length} day{'' if length == 1 else 's'}): the plan moved later by these "
                "days.\n\nEnd it early: roadmap resume",
            )
        )
    return entries


def plan_last_day(plan: Plan) -> dt.date | None:
    """The last day of ``plan``: the latest planned end of its modules and phases (the high
    end of a duration range), the day a program-wide activity's calendar series ends; None
    when no module or phase has an end (every one ongoing or undated).
    """
    ends = [w.latest_end or w.end for w in [*plan.modules, *plan.phases]]
    return max((end for end in ends if end is not None), default=None)


def routine_block(activity: RecurringActivity) -> dt.timedelta | None:
    """How long the timed block of ``activity`` is in a calendar: its hours (the low end of
    ``times``, 1 when it says none) for a daily routine measured in hours; None for any other
    activity, an all-day event (a weekly "10 hours" is not a ten-hour block).
    """
    if activity.cadence != "daily" or not activity.in_hours:
        return None
    hours = activity.times.low if activity.times is not None else None
    return dt.timedelta(hours=hours or 1)


def _offset_words(offset: Duration) -> str:
    """A milestone's offset for people: ``1 week``, ``6 months``."""
    if offset.low is None or offset.unit is None:
        return offset.text
    unit = offset.unit[:-1] if offset.low == 1 else offset.unit
    return f"{offset.low:g} {unit}"


def _activity_description(
    context: ActiveContext, activity: RecurringActivity, last: dt.date | None
) -> str:
    """What a recurring activity's event says: how often and how much, during what, until
    when, the curriculum's description, and how to record an occurrence (or, for a routine
    measured in hours, the time).
    """
    curriculum = context.curriculum
    how = CADENCE_WORDS[activity.cadence]
    if activity.times is not None:
        how += f": {activity.times.text} {activity.unit or 'times'}"
    elif activity.unit:
        how += f": {activity.unit}"
    if activity.during is None:
        part = f"For the whole of {curriculum.title}"
    else:
        owner = curriculum.phase_index.get(activity.during) or curriculum.module_index.get(
            activity.during
        )
        part = f"During {owner.title if owner else activity.during}"
    part += f", until {last.isoformat()}." if last is not None else "."
    lines = [f"{how}.", part]
    if activity.description:
        lines.append(activity.description)
    journal = curriculum.journal
    if journal is not None and journal.activity == activity.id:
        lines += ["", "Record one: roadmap journal"]
    elif activity.in_hours:
        lines += ["", "Record your time: roadmap log HOURS"]
    else:
        lines += ["", f"Record one: roadmap check {activity.id}"]
    return "\n".join(lines)


def export_ics(context: ActiveContext, as_of: dt.date, sequence: int) -> str:
    """The plan of the enrollment ``context`` as an iCalendar file (RFC 5545, lines ending in
    CRLF), with progress as of the end of ``as_of``.

    A VCALENDAR (PRODID :data:`PRODID`, VERSION 2.0, CALSCALE GREGORIAN, METHOD PUBLISH,
    X-WR-CALNAME the curriculum's title) holding the events of :func:`calendar_entries`,
    each all-day (DTSTART and DTEND as dates, DTEND exclusive) but a daily routine measured
    in hours (a timed block, floating local time), and each transparent (a module of eight
    weeks does not make the learner busy for eight weeks). DTSTAMP is ``as_of`` at
    midnight UTC, not the clock, and SEQUENCE ``sequence`` (the number of the progress file's
    last change: :func:`roadmap_tracker.commands.exporting.export_ics`), so the same progress
    exported on the same day gives the same bytes and a later change gives a higher SEQUENCE
    (calendars then take the new version of an event).

    Raises RoadmapError when the plan has nothing dated to put in a calendar (a curriculum
    without durations, milestones or recurring activities, such as advanced-roadmap): an
    empty calendar would import as nothing, without saying why.
    """
    entries = calendar_entries(context, as_of)
    curriculum = context.curriculum
    if not entries:
        raise RoadmapError(
            f"Your plan in {curriculum.slug} has no dates to put in a calendar: its modules "
            "have no durations, and it has no milestones or recurring activities.",
            "Export it as a checklist instead: roadmap export --format markdown "
            "(or --format json).",
        )
    from icalendar import Calendar, Event, vRecur, vText

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # icalendar writes an X- property it does not know as given: as TEXT, its commas,
    # semicolons, backslashes and line breaks are escaped (RFC 5545, section 3.3.11)
    calendar.add("x-wr-calname", vText(curriculum.title))
    calendar.add(
        "x-wr-caldesc",
        vText(
            f"Your plan in {curriculum.slug} from {context.enrollment.started.isoformat()}, "
            f"as of {as_of.isoformat()} (roadmap export)."
        ),
    )
    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end)
        event.add("summary", entry.summary)
        event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")
        if entry.rrule is not None:
            event.add("rrule", vRecur.from_ical(entry.rrule))
        calendar.add_component(event)
    text: str = calendar.to_ical().decode("utf-8")
    return text
