"""One rule for when the next progress journal entry is due (issue 23, item 7): ``next``'s
reminder, the due day of the recurring activity the journal names (``status`` and
``next``) and where that activity's event starts in the calendar export all say the same
day, on every day of a simulated quarter. Rules in memory (tests/learner.py).
"""

from __future__ import annotations

import datetime as dt

from roadmap_tracker.formats.icalendar_export import calendar_entries
from tests.learner import Learner, day

START = "2026-01-05"
ACTIVITY = "routine/progress-journal"  # ai-study-plan's journal.activity, bi-weekly
ENTRIES = ["2026-01-16", "2026-02-20", "2026-03-06"]
CHECKED = ["2026-04-02"]  # the activity checked: a journal kept elsewhere counts as an entry
LAST = "2026-04-30"


def expected_due(on: dt.date) -> dt.date:
    """The rule written out: 14 days (bi-weekly) after the last entry or check made by
    ``on``, else after the start (2026-01-05 + 14 = 2026-01-19).
    """
    made = [day(d) for d in [*ENTRIES, *CHECKED] if day(d) <= on]
    return max(made, default=day(START)) + dt.timedelta(days=14)


def test_the_reminder_the_activity_and_the_calendar_give_the_same_due_day() -> None:
    learner = Learner()
    learner.start("ai-study-plan", on=START, hours=6)
    for entry in ENTRIES:
        learner.journal(f"Entry of {entry}.", on=entry)
    for checked in CHECKED:
        learner.check(ACTIVITY, on=checked)
    on, seen = day(START), set()
    while on <= day(LAST):
        due = expected_due(on)
        shown = learner.next(on.isoformat())
        reminders = [r["due"] for r in shown["reminders"] if r["kind"] == "journal"]
        # The reminder shows from 7 days before the due day and while it is overdue.
        assert reminders == ([due.isoformat()] if (due - on).days <= 7 else []), on
        (activity,) = [
            a for a in learner.status(on.isoformat())["recurring"] if a["id"] == ACTIVITY
        ]
        assert activity["due"] == (due.isoformat() if (due - on).days <= 6 else None), on
        context = learner.session(on.isoformat()).context()
        (event,) = [e for e in calendar_entries(context, on) if e.ref == ACTIVITY]
        assert event.start == due, on
        seen.add(due)
        on += dt.timedelta(days=1)
    # Start + 14; 01-16 + 14; 02-20 + 14; 03-06 + 14 (passed unmet until the check of
    # 04-02); 04-02 + 14.
    assert sorted(seen) == [
        day("2026-01-19"),
        day("2026-01-30"),
        day("2026-03-06"),
        day("2026-03-20"),
        day("2026-04-16"),
    ]


def test_the_activity_counts_one_entry_until_the_next_is_due() -> None:
    learner = Learner()
    learner.start("ai-study-plan", on=START, hours=6)
    learner.journal("First.", on="2026-01-16")

    def count(on: str) -> tuple[int, str, str]:
        (activity,) = [a for a in learner.status(on)["recurring"] if a["id"] == ACTIVITY]
        return activity["done"], activity["period_start"], activity["period_end"]

    # Before any entry: the start's period, due 01-19; from 01-19 overdue, 0 of 1.
    assert count("2026-01-10") == (0, START, "2026-01-18")
    # The entry of 01-16 is due again on 01-30: 1 of 1 for 01-16 to 01-29.
    assert count("2026-01-16") == (1, "2026-01-16", "2026-01-29")
    assert count("2026-01-29") == (1, "2026-01-16", "2026-01-29")
    # From the due day on, 0 of 1 since it was due, until an entry is written.
    assert count("2026-02-03") == (0, "2026-01-30", "2026-02-03")
    # A later entry does not change what an earlier day shows.
    learner.journal("Second.", on="2026-02-04")
    assert count("2026-02-03") == (0, "2026-01-30", "2026-02-03")
    assert count("2026-02-04") == (1, "2026-02-04", "2026-02-17")
