"""``roadmap export --format ics``: the plan as an iCalendar file that calendar applications
import, parsed back with ``icalendar`` (issue 8, item 1), through the CLI.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from roadmap_tracker.curriculum import catalog
from roadmap_tracker.plan import recurring
from roadmap_tracker.session import Session
from tests.conftest import Run
from tests.test_export_json import BUNDLED, EXPORT_DAY, make_progress

# What each cadence must be in the calendar (RFC 5545), written out here rather than taken
# from the code under test: FREQ and INTERVAL.
CADENCE_RULES = {
    "daily": ("DAILY", 1),
    "weekly": ("WEEKLY", 1),
    "bi-weekly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "quarterly": ("MONTHLY", 3),
    "annually": ("YEARLY", 1),
}
ONE_DAY = dt.timedelta(days=1)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def events(text: str) -> list[Any]:
    """The VEVENTs of a calendar text, parsed back as a calendar application would."""
    calendar = Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def kind(event: Any) -> str:
    """``module``, ``milestone`` or ``activity``: the documented head of the UID."""
    return str(event["UID"]).split("-", 1)[0]


def stdout(result: Any) -> str:
    """What a command wrote on stdout, line ends as written (``.stdout`` turns CRLF to LF)."""
    return str(result.stdout_bytes.decode("utf-8"))


def export(run: Run, *args: str) -> str:
    return stdout(run("export", "--format", "ics", "--on", EXPORT_DAY, *args))


def expected_calendar(run: Run, slug: str) -> dict[str, Any]:
    """What the calendar must hold, from 'roadmap plan --json' and the curriculum: the module
    windows (first day, day after the last), the milestone dates, and each recurring
    activity that runs with its first day and last day (None: no end).
    """
    plan = json.loads(run("plan", "--json", "--on", EXPORT_DAY).stdout)
    rows = {row["id"]: row for row in plan["rows"]}
    modules = [
        (day(row["start"]), day(row["end"] or row["start"]) + ONE_DAY)
        for row in plan["rows"]
        if row["kind"] == "module" and row["start"] is not None
    ]
    activities = {}
    curriculum = catalog.load_slug(slug)
    # nothing repeats forever: what runs to no end of its own stops on the plan's last day
    ends = [row["latest_end"] or row["end"] for row in plan["rows"]]
    plan_end = max((day(end) for end in ends if end), default=None)
    for activity in curriculum.recurring:
        if curriculum.journal is not None and curriculum.journal.activity == activity.id:
            # The journal's activity starts on the day the next entry is due: make_progress
            # writes none, so one cadence (bi-weekly: 14 days) after the start, 2026-01-19,
            # overdue on EXPORT_DAY as 'next' says.
            assert curriculum.journal.cadence == "bi-weekly"
            first = day(plan["start"]) + dt.timedelta(days=14)
            activities[activity.title] = (activity, first, plan_end)
        elif activity.during is None:
            activities[activity.title] = (activity, day(plan["start"]), plan_end)
        elif (row := rows.get(activity.during)) is not None and row["start"] is not None:
            last = day(row["latest_end"]) if row["latest_end"] else plan_end
            activities[activity.title] = (activity, day(row["start"]), last)
    return {
        "modules": modules,
        "milestones": [day(m["date"]) for m in plan["milestones"]],
        "activities": activities,
    }


@pytest.mark.parametrize("slug", BUNDLED)
def test_the_calendar_of_each_bundled_curriculum_holds_its_plan(run: Run, slug: str) -> None:
    make_progress(run, slug)
    expected = expected_calendar(run, slug)
    count = len(expected["modules"]) + len(expected["milestones"]) + len(expected["activities"])
    if count == 0:  # a curriculum without durations, milestones or routines: no calendar
        result = run("export", "--format", "ics", "--on", EXPORT_DAY, code=1)
        assert result.stdout == ""
        assert "no dates to put in a calendar" in result.stderr.splitlines()[0]
        assert "--format markdown" in result.stderr
        return
    text = export(run)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    calendar = Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == catalog.load_slug(slug).title
    found = events(text)
    assert len(found) == count
    by_kind: dict[str, list[Any]] = {"module": [], "milestone": [], "activity": []}
    for event in found:
        by_kind[kind(event)].append(event)
        if str(event["SUMMARY"]) == "Learning routine (2 hours/day)":  # a timed block
            continue
        assert event["DTSTART"].params.get("VALUE") == "DATE"  # all-day events
        assert isinstance(event.decoded("DTSTART"), dt.date)
        assert not isinstance(event.decoded("DTSTART"), dt.datetime)
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
        assert str(event["SUMMARY"]) and str(event["DESCRIPTION"])

    windows = [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in by_kind["module"]]
    assert windows == expected["modules"]
    dates = Counter(e.decoded("DTSTART") for e in by_kind["milestone"])
    assert dates == Counter(expected["milestones"])
    for event in by_kind["milestone"]:
        assert event.decoded("DTEND") == event.decoded("DTSTART") + ONE_DAY

    assert sorted(str(e["SUMMARY"]) for e in by_kind["activity"]) == sorted(expected["activities"])
    for event in by_kind["activity"]:
        activity, first, last = expected["activities"][str(event["SUMMARY"])]
        rule = event["RRULE"]
        freq, interval = CADENCE_RULES[activity.cadence]
        assert rule["FREQ"] == [freq], activity.id
        assert rule.get("INTERVAL", [1]) == [interval], activity.id
        if activity.in_hours and activity.cadence == "daily":  # 2 hours from 18:00, local
            start = dt.datetime.combine(first, dt.time(18))
            assert event.decoded("DTSTART") == start and start.tzinfo is None
            assert event.decoded("DTEND") - start == dt.timedelta(hours=activity.times.low)
            assert rule["UNTIL"] == [dt.datetime.combine(last, dt.time(18))], activity.id
            continue
        assert rule.get("UNTIL") == ([last] if last else None), activity.id
        assert event.decoded("DTSTART") == first
        assert event.decoded("DTEND") == first + ONE_DAY

    uids = [str(event["UID"]) for event in found]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith(f"@{slug}.roadmap") for uid in uids)
    assert export(run) == text  # the same day, the same bytes


@pytest.mark.parametrize("slug", ["ai-study-plan", "complete-ai-engineer"])
def test_the_calendar_falls_due_on_the_days_the_tracker_counts(run: Run, slug: str) -> None:
    # A calendar application expands each RRULE itself; those days must be the ones
    # 'next' and 'status' count an activity due on. The journal's activity falls due one
    # cadence after the last entry (none here: after the start), then every cadence while
    # entries are written on time: its rule's days without the start itself.
    run("start", slug, "--on", "2026-01-31")  # month ends make monthly rules interesting
    context = Session().context()  # the active enrollment
    by_title = {activity.title: activity for activity in context.curriculum.recurring}
    first, last = dt.date(2026, 1, 1), dt.date(2028, 12, 31)
    checked = 0
    for event in events(stdout(run("export", "--format", "ics"))):
        if kind(event) != "activity":
            continue
        activity = by_title[str(event["SUMMARY"])]
        start = event.decoded("DTSTART")
        if not isinstance(start, dt.datetime):
            start = dt.datetime.combine(start, dt.time())
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
        low, high = (dt.datetime.combine(d, dt.time()) for d in (first, last + ONE_DAY))
        in_calendar = [moment.date() for moment in rule.between(low, high, inc=True)]
        until = event["RRULE"]["UNTIL"][0]  # the calendar stops on the plan's last day
        until = until.date() if isinstance(until, dt.datetime) else until
        expected = recurring.occurrences(activity, context.plan, first, min(last, until))
        journal = context.curriculum.journal
        if journal is not None and journal.activity == activity.id:
            expected = [d for d in expected if d > context.enrollment.started]
            due = recurring.journal_due(context.enrollment.started, journal.cadence, [], first)
            assert in_calendar[0] == due == dt.date(2026, 2, 14)  # 2026-01-31 + 14 days
        assert in_calendar == expected
        checked += 1
    assert checked >= 2


def test_a_re_export_keeps_the_uids_and_moves_the_events(enrolled: Run) -> None:
    before = events(export(enrolled))
    enrolled("check", "m1", "--on", "2026-01-20", "--yes", "--no-link")
    enrolled("replan", "--hours-per-week", "5", "--from", "2026-01-26")
    after = events(export(enrolled))
    old = {str(e["UID"]): e for e in before}
    new = {str(e["UID"]): e for e in after}
    assert new.keys() == old.keys()  # a re-import updates, it does not duplicate
    moved = [uid for uid in new if new[uid].decoded("DTEND") != old[uid].decoded("DTEND")]
    assert moved, "the replan moved no event"
    for uid, event in new.items():
        assert event.decoded("SEQUENCE") > old[uid].decoded("SEQUENCE"), uid
    (m1,) = [e for e in after if kind(e) == "module" and "roadmap show m1" in e["DESCRIPTION"]]
    assert str(m1["SUMMARY"]).endswith(" (done)")
    assert "[x] " in str(m1["DESCRIPTION"]) and "[ ] " not in str(m1["DESCRIPTION"])
    (m1_before,) = [e for e in before if str(e["UID"]) == str(m1["UID"])]
    assert "(done)" not in str(m1_before["SUMMARY"])


def test_a_new_run_gets_new_uids(enrolled: Run) -> None:
    first = {str(e["UID"]) for e in events(export(enrolled))}
    # A run started again by the day exported (a later one is not in force then).
    enrolled("start", "advanced-ai", "--restart", "--on", "2026-01-26")
    second = {str(e["UID"]) for e in events(export(enrolled))}
    assert first.isdisjoint(second)


def test_o_writes_the_file_and_prints_nothing(enrolled: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    result = enrolled("export", "--format", "ics", "--on", EXPORT_DAY, "-o", str(target))
    assert result.stdout == ""
    assert target.read_bytes() == export(enrolled).encode("utf-8")
    assert events(target.read_text(encoding="utf-8"))


def test_a_read_only_directory_is_refused_and_nothing_is_written(
    enrolled: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        try:
            (folder / "probe").touch()
        except PermissionError:
            reason = "permission denied"
        else:  # root ignores permission bits: fail where the export's temp file is made
            (folder / "probe").unlink()
            real_open = os.open

            def read_only(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
                if str(path).startswith(str(folder)) and flags & (os.O_WRONLY | os.O_RDWR):
                    raise OSError(errno.EROFS, "Read-only file system")
                return real_open(path, flags, *args, **kwargs)

            monkeypatch.setattr(os, "open", read_only)
            reason = "read-only file system"
        target = folder / "plan.ics"
        result = enrolled("export", "--format", "ics", "-o", str(target), code=1)
        assert result.stdout == ""
        first = result.stderr.splitlines()[0]
        assert first == f"Error: Cannot write {target}: {reason}; nothing was written."
        assert "Traceback" not in result.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_plan_without_dates_writes_no_file(run: Run, tmp_path: Path) -> None:
    run("start", "advanced-roadmap", "--on", "2026-01-05")
    target = tmp_path / "plan.ics"
    result = run("export", "--format", "ics", "-o", str(target), code=1)
    assert "advanced-roadmap has no dates" in result.stderr
    assert not target.exists()


def test_plan_selects_the_enrollment(run: Run) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("start", "ai-study-plan", "--on", "2026-01-05")  # now the active one
    chosen = Calendar.from_ical(export(run, "--plan", "advanced-ai"))
    assert str(chosen["X-WR-CALNAME"]) == catalog.load_slug("advanced-ai").title
    assert all(str(e["UID"]).endswith("@advanced-ai.roadmap") for e in chosen.walk("VEVENT"))
    active = Calendar.from_ical(export(run))
    assert str(active["X-WR-CALNAME"]) == catalog.load_slug("ai-study-plan").title


def test_a_calendar_does_not_need_a_clock(enrolled: Run) -> None:
    # Without --on the day is today (the tests' frozen clock), not the time of the run.
    text = stdout(enrolled("export", "--format", "ics"))
    stamps = {event.decoded("DTSTAMP") for event in events(text)}
    assert stamps == {dt.datetime(2026, 11, 21, tzinfo=dt.UTC)}
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF (RFC 5545)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_milestone_met_says_done_and_a_module_skipped_says_so(run: Run) -> None:
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    curriculum = catalog.load_slug("complete-ai-engineer")
    first_milestone = curriculum.milestones[0]
    criteria = curriculum.milestone_item_ids(first_milestone.id)
    run("check", *criteria, "--on", "2026-01-10")
    first_module = curriculum.modules[0]
    run("skip", first_module.id, "--yes", "--on", "2026-01-10")
    summaries = {str(e["SUMMARY"]) for e in events(export(run))}
    assert f"Milestone: {first_milestone.title} (done)" in summaries
    second = curriculum.milestones[1]
    assert f"Milestone: {second.title}" in summaries  # not met: no mark
    skipped = [s for s in summaries if first_module.title in s]
    assert len(skipped) == 1 and skipped[0].endswith(" (skipped)")


def test_a_title_with_commas_semicolons_and_backslashes_names_the_calendar_as_written(
    run: Run, tmp_path: Path
) -> None:
    from tests.test_validate import GOOD

    def unescaped(raw: str) -> str:  # a TEXT value as RFC 5545, section 3.3.11 reads it
        return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)

    title = r"Maths, Physics; and C\C++ \ the rest"
    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD.replace("Tiny Plan", f"'{title}'"), encoding="utf-8")
    run("start", str(path), "--on", "2026-01-05")
    text = stdout(run("export", "--format", "ics", "--on", "2026-01-06"))
    line = next(line for line in text.split("\r\n") if line.startswith("X-WR-CALNAME:"))
    assert line == r"X-WR-CALNAME:Maths\, Physics\; and C\\C++ \\ the rest"
    calendar = Calendar.from_ical(text)
    assert unescaped(str(calendar["X-WR-CALNAME"])) == title
    description = unescaped(str(calendar["X-WR-CALDESC"]))
    assert description == "Your plan in tiny from 2026-01-05, as of 2026-01-06 (roadmap export)."


def test_a_title_with_a_line_break_exports_instead_of_crashing(run: Run, tmp_path: Path) -> None:
    from tests.test_validate import GOOD

    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD.replace("Tiny Plan", '"Tiny\\nPlan"'), encoding="utf-8")
    run("start", str(path), "--on", "2026-01-05")
    text = stdout(run("export", "--format", "ics", "--on", "2026-01-06"))
    assert "X-WR-CALNAME:Tiny\\nPlan\r\n" in text
