"""The progress journal and periodic reviews (issue 7, items 3 and 4), through the CLI, and
the issue's scenario: a learner following ai-study-plan for a simulated quarter gets journal
reminders every two weeks and a review at the quarter's end, with the right numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.cli import app as cli
from roadmap_tracker.cli import options
from roadmap_tracker.commands import reminders
from roadmap_tracker.curriculum import catalog
from tests.conftest import Run

START = "2026-01-05"
AI_QUESTIONS = ["worked", "did-not-work", "next-goals", "focus-areas", "skill-gaps", "alignment"]
"""The question ids ai-study-plan's review declares (curricula/ai-study-plan.yaml, review)."""


def _json(run: Run, *args: str) -> Any:
    result: Any = run(*args, "--json")
    return json.loads(result.stdout)


@pytest.fixture
def studying(run: Run) -> Run:
    """A learner enrolled in ai-study-plan from Monday 2026-01-05."""
    run("start", "ai-study-plan", "--on", START)
    return run


def _editor(tmp_path: Path, body: str) -> Path:
    """A fake $EDITOR: a script that keeps a copy of the file it is given (seen.txt) and
    appends ``body`` to it, as a learner typing below the template would.
    """
    script = tmp_path / "fake-editor"
    seen = tmp_path / "seen.txt"
    lines = ["#!/bin/sh", f'cp "$1" "{seen}"', f'printf \'%b\' "{body}" >> "$1"']
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


# --- Journal ---------------------------------------------------------------------------


def test_journal_entries_are_listed_by_day_newest_last_and_since_filters(studying: Run) -> None:
    studying("journal", "Second week: read two papers.", "--on", "2026-01-16")
    studying("journal", "First days: set up the environment.", "--on", "2026-01-09")
    studying("journal", "Prototype of a diffusion model.", "--on", "2026-01-30")
    listed = _json(studying, "journal", "--list")
    assert [e["on"] for e in listed["entries"]] == ["2026-01-09", "2026-01-16", "2026-01-30"]
    assert listed["entries"][0]["text"] == "First days: set up the environment."
    since = _json(studying, "journal", "--list", "--since", "2026-01-16")
    assert [e["on"] for e in since["entries"]] == ["2026-01-16", "2026-01-30"]
    shown = studying("journal", "--list", "--since", "2026-01-10").stdout
    assert "Fri 2026-01-16" in shown and "Prototype of a diffusion model." in shown
    assert "First days" not in shown


def test_a_journal_entry_counts_as_one_occurrence_of_the_journal_activity(studying: Run) -> None:
    def journal_count(day: str) -> int:
        status = _json(studying, "status", "--week", day)
        (activity,) = [a for a in status["recurring"] if a["id"] == "routine/progress-journal"]
        return int(activity["done"])

    # Bi-weekly from the start: the periods are 01-05..01-18, 01-19..02-01, ...
    result = _json(studying, "journal", "Week three.", "--on", "2026-01-20")
    assert result["activity"] == "routine/progress-journal"
    assert result["next_due"] == "2026-02-03"  # 14 days after the entry
    assert journal_count("2026-01-18") == 0
    assert journal_count("2026-01-25") == 1
    studying("undo")
    assert journal_count("2026-01-25") == 0


def test_journal_without_text_opens_the_editor_and_drops_the_comment_lines(
    studying: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(_editor(tmp_path, "Read the ViT paper.\\n# not this\\n")))
    studying("journal", "--on", "2026-01-14")
    template = (tmp_path / "seen.txt").read_text(encoding="utf-8")
    comments = [line for line in template.splitlines() if line]
    assert comments and all(line.startswith("#") for line in comments)
    assert "ai-study-plan" in template and "2026-01-14" in template
    (entry,) = _json(studying, "journal", "--list")["entries"]
    assert entry == {"on": "2026-01-14", "seq": 2, "text": "Read the ViT paper."}


def test_an_empty_entry_from_the_editor_writes_nothing(
    studying: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(_editor(tmp_path, "\\n   \\n# only a comment\\n")))
    result = studying("journal", "--on", "2026-01-14", code=1)
    assert "Aborting: the entry is empty; nothing written." in result.stderr
    assert progress_file.read_bytes() == before
    studying("journal", "   ", code=1)
    assert progress_file.read_bytes() == before


def test_no_usable_editor_says_to_set_editor_or_pass_the_text(
    studying: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    failed = studying("journal", code=1).stderr
    assert "no-such-editor" in failed and "Set $EDITOR" in failed and "pass the text" in failed
    monkeypatch.delenv("EDITOR")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    missing = studying("journal", code=1).stderr
    assert "No editor was found" in missing and "Set $EDITOR" in missing
    assert progress_file.read_bytes() == before


def test_journal_refuses_a_future_day_and_a_day_before_the_start(
    studying: Run, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    future = studying("journal", "Later.", "--on", "2026-11-22", code=1).stderr
    assert "in the future" in future
    early = studying("journal", "Before.", "--on", "2026-01-04", code=1).stderr
    assert "before your enrollment in ai-study-plan starts" in early
    studying("journal", "--list", "Text", code=2)  # --list takes no text
    studying("journal", "Text", "--since", "2026-01-05", code=2)  # --since lists entries
    assert progress_file.read_bytes() == before


# --- Review periods (pure functions) ------------------------------------------------------


def test_review_periods_count_calendar_months_from_the_start() -> None:
    start = dt.date(2026, 1, 31)
    # Each period starts start + 3k months (the 31st falls back to the month's last day)
    # and ends the day before the next one.
    assert reminders.period_bounds(start, "quarterly", 0) == (
        dt.date(2026, 1, 31),
        dt.date(2026, 4, 29),
    )
    assert reminders.period_bounds(start, "quarterly", 1) == (
        dt.date(2026, 4, 30),
        dt.date(2026, 7, 30),
    )
    assert reminders.period_index(start, "quarterly", dt.date(2026, 4, 29)) == 0
    assert reminders.period_index(start, "quarterly", dt.date(2026, 4, 30)) == 1
    assert reminders.period_index(start, "quarterly", dt.date(2027, 1, 30)) == 3
    assert reminders.period_index(start, "bi-weekly", dt.date(2026, 2, 14)) == 1
    assert reminders.period_index(start, "quarterly", dt.date(2026, 1, 30)) == -1


def test_a_review_covers_the_latest_period_ended_by_a_week_later() -> None:
    start = dt.date(2026, 1, 5)  # first quarter: 2026-01-05 to 2026-04-04
    first = (dt.date(2026, 1, 5), dt.date(2026, 4, 4), True)
    # More than a week before the first period's end: the first period so far.
    early = dt.date(2026, 3, 27)
    assert reminders.reviewed_period(start, "quarterly", early) == (start, early, False)
    # From a week before its end on, and through the next period until a week before its end.
    assert reminders.reviewed_period(start, "quarterly", dt.date(2026, 3, 28)) == first
    assert reminders.reviewed_period(start, "quarterly", dt.date(2026, 6, 26)) == first
    second = (dt.date(2026, 4, 5), dt.date(2026, 7, 4), True)
    assert reminders.reviewed_period(start, "quarterly", dt.date(2026, 6, 27)) == second


# --- Reviews through the CLI ------------------------------------------------------------


def test_review_with_every_answer_given_asks_nothing_and_stores_them(studying: Run) -> None:
    answers = [f"--answer={qid}=answer to {qid}" for qid in AI_QUESTIONS]
    result = studying("review", "--on", "2026-04-03", *answers)
    out = result.stdout
    assert "What worked this quarter?" not in out  # nothing asked
    assert "2026-01-05 to 2026-04-04" in out and "6 of 6 questions answered" in out
    (review,) = _json(studying, "review", "--list")["reviews"]
    assert (review["period_start"], review["period_end"]) == ("2026-01-05", "2026-04-04")
    assert [(a["id"], a["answer"]) for a in review["answers"]] == [
        (qid, f"answer to {qid}") for qid in AI_QUESTIONS
    ]
    listed = studying("review", "--list").stdout
    assert "What worked this quarter?" in listed and "answer to worked" in listed


@pytest.mark.parametrize("terminal", [True, False])
def test_review_asks_the_questions_not_answered_and_keeps_empty_answers(
    studying: Run, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    # At a terminal the questions are prompted for; piped, each line is one answer.
    monkeypatch.setattr(options, "interactive", lambda: terminal)
    typed = "Daily reading\n\nShip the capstone\n"  # the second answer left empty
    if terminal:
        typed += "\n\n"  # Enter twice: empty answers (piped, the input just ends)
    result = studying.runner.invoke(
        cli.app, ["review", "--on", "2026-04-06", "--answer", "alignment=Good"], input=typed
    )
    assert result.exit_code == 0, result.output
    if terminal:  # a question is on stderr; the runner shows what was typed on stdout
        assert "What worked this quarter?" in result.stderr
        assert "What didn't work?" in result.stderr and "What" not in result.stdout
    else:  # piped, each question is written with the answer it read
        assert "What worked this quarter?: Daily reading" in result.stdout
        assert "What didn't work?" in result.stdout
    (review,) = _json(studying, "review", "--list")["reviews"]
    assert dict((a["id"], a["answer"]) for a in review["answers"]) == {
        "worked": "Daily reading",
        "did-not-work": "",
        "next-goals": "Ship the capstone",
        "focus-areas": "",
        "skill-gaps": "",
        "alignment": "Good",
    }


def test_input_ending_at_a_terminal_prompt_writes_no_review(
    studying: Run, monkeypatch: pytest.MonkeyPatch, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    monkeypatch.setattr(options, "interactive", lambda: True)
    result = studying.runner.invoke(cli.app, ["review", "--on", "2026-04-06"], input="One\n")
    assert result.exit_code == 130  # as Ctrl-C: nothing written
    assert progress_file.read_bytes() == before


def test_review_refuses_unknown_questions_and_malformed_answers(
    studying: Run, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    unknown = studying("review", "--on", "2026-04-03", "--answer", "mood=fine", code=1)
    assert "asks no question mood" in unknown.stderr
    assert "worked, did-not-work" in unknown.stderr
    studying("review", "--on", "2026-04-03", "--answer", "worked", code=1)
    studying("review", "--on", "2026-11-22", code=1)
    assert progress_file.read_bytes() == before


@pytest.mark.parametrize(
    ("review_day", "as_of"),
    [
        ("2026-02-20", "2026-02-20"),  # first period so far: the numbers run to the review
        ("2026-04-08", "2026-04-04"),  # after the quarter: they run to its end
    ],
)
def test_prefilled_numbers_are_what_status_shows_for_that_day(
    studying: Run, review_day: str, as_of: str
) -> None:
    studying("check", "p1a/review-key-papers", "--on", "2026-01-12")
    studying("check", "p1a/experiment-transformers", "--on", "2026-02-10")
    studying("check", "p1a/emerging-approach-mini-project", "--on", "2026-03-02")
    studying("check", "p1a/experiment-gnns", "--on", "2026-04-06")
    studying("log", "2.5", "--on", "2026-01-12")
    studying("log", "1", "--on", "2026-04-05")
    answers = [f"--answer={qid}=" for qid in AI_QUESTIONS]
    review = _json(studying, "review", "--on", review_day, *answers)
    numbers = review["numbers"]
    status = _json(studying, "status", "--week", as_of)
    assert numbers["as_of"] == as_of
    for key in ("done", "total", "percent", "planned_percent", "days_ahead"):
        assert numbers[key] == status[key], key
    checks = {
        "p1a/review-key-papers": "2026-01-12",
        "p1a/experiment-transformers": "2026-02-10",
        "p1a/emerging-approach-mini-project": "2026-03-02",
        "p1a/experiment-gnns": "2026-04-06",
    }
    in_period = sorted(item for item, day in checks.items() if START <= day <= as_of)
    assert sorted(numbers["item_ids"]) == in_period
    assert numbers["items_done"] == len(in_period) == status["done"]
    assert numbers["hours"] == sum(
        h for d, h in [("2026-01-12", 2.5), ("2026-04-05", 1)] if d <= as_of
    )


def test_a_curriculum_without_a_review_gets_the_default_questions_and_no_reminders(
    enrolled: Run,
) -> None:
    view = _json(enrolled, "review", "--on", "2026-04-10", "--answer", "worked=Steady hours")
    assert view["cadence"] == "quarterly"
    assert [a["id"] for a in view["answers"]] == [
        "worked",
        "did-not-work",
        "next-goals",
        "skill-gaps",
        "alignment",
    ]
    assert view["activity"] is None
    assert _json(enrolled, "next", "--from", "2026-04-01")["reminders"] == []
    assert _json(enrolled, "next", "--from", "2026-06-01")["reminders"] == []


# --- The scenario: a simulated quarter of ai-study-plan ---------------------------

# What the learner does, by day: checks, hours logged, journal entries (on some days, not
# others: a gap from 01-30 to 02-20 and from 03-06 to 04-10) and the review after the
# quarter's end. A check and hours on 04-05 fall after the quarter.
CHECKS = {
    "2026-01-08": ["p1a/review-key-papers"],
    "2026-01-15": ["p1a/experiment-transformers"],
    "2026-01-27": ["p1a/experiment-diffusion-models", "p1a/experiment-gnns"],
    "2026-02-12": ["p1a/experiment-llms"],
    "2026-03-02": ["p1a/emerging-approach-mini-project"],
    "2026-03-25": ["p1/paper-reviews"],
    "2026-04-05": ["p1a/document-learnings"],
}
LOGS = {
    "2026-01-08": 2.0,
    "2026-01-15": 3.5,
    "2026-02-12": 1.25,
    "2026-03-25": 4.0,
    "2026-04-05": 2,
}
JOURNAL = ["2026-01-16", "2026-01-30", "2026-02-20", "2026-03-06", "2026-04-10"]
REVIEW_DAY = "2026-04-06"
LAST_DAY = "2026-04-12"


def _expected_journal_due(day: dt.date) -> dt.date | None:
    """The rule of the issue: an entry is due 14 days (bi-weekly, seed 000 VII.A) after the
    last entry made by ``day`` (or the start), and the reminder shows from 7 days before.
    """
    made = [dt.date.fromisoformat(d) for d in JOURNAL if dt.date.fromisoformat(d) <= day]
    due = max(made, default=dt.date.fromisoformat(START)) + dt.timedelta(days=14)
    return due if day >= due - dt.timedelta(days=7) else None


def test_a_simulated_quarter_of_ai_study_plan(studying: Run) -> None:
    quarter_end = dt.date(2026, 4, 4)  # 2026-01-05 + 3 months, less a day
    seen: dict[dt.date, list[dict[str, Any]]] = {}
    day = dt.date.fromisoformat(START)
    while day <= dt.date.fromisoformat(LAST_DAY):
        iso = day.isoformat()
        if iso in CHECKS:
            studying("check", *CHECKS[iso], "--on", iso)
        if iso in LOGS:
            studying("log", str(LOGS[iso]), "--on", iso)
        if iso in JOURNAL:
            studying("journal", f"Entry of {iso}.", "--on", iso)
        if iso == REVIEW_DAY:
            review = _json(
                studying, "review", "--on", iso, *(f"--answer={q}=ok" for q in AI_QUESTIONS)
            )
        seen[day] = _json(studying, "next", "--from", iso)["reminders"]
        day += dt.timedelta(days=1)

    # Journal reminders: the due day shown on each day is the rule's, and none when the rule
    # says the entry is more than a week away.
    for when, shown in seen.items():
        journal = [r for r in shown if r["kind"] == "journal"]
        due = _expected_journal_due(when)
        assert [r["due"] for r in journal] == ([due.isoformat()] if due else []), when
        if due:
            assert journal[0]["days_away"] == (due - when).days
    # Every two weeks: the start, then each entry, is followed 14 days later by a due day
    # (the 02-13 one passed unmet until the entry of 02-20; 03-20 until 04-10).
    dues = sorted({r["due"] for rs in seen.values() for r in rs if r["kind"] == "journal"})
    assert dues == ["2026-01-19", "2026-01-30", "2026-02-13", "2026-03-06", "2026-03-20"]
    assert all(
        not [r for r in seen[dt.date(2026, 1, d)] if r["kind"] == "journal"] for d in (5, 11)
    )
    assert [r for r in seen[dt.date(2026, 1, 12)] if r["kind"] == "journal"]  # 7 days ahead

    # The review reminder: from a week before the quarter's end until the review is done.
    review_days = sorted(d for d, rs in seen.items() if any(r["kind"] == "review" for r in rs))
    assert review_days[0] == quarter_end - dt.timedelta(days=7)
    assert review_days[-1] == dt.date.fromisoformat(REVIEW_DAY) - dt.timedelta(days=1)
    assert len(review_days) == (review_days[-1] - review_days[0]).days + 1  # every day between
    reminder = next(r for r in seen[quarter_end] if r["kind"] == "review")
    assert (reminder["period_start"], reminder["period_end"], reminder["days_away"]) == (
        START,
        quarter_end.isoformat(),
        0,
    )

    # The review's numbers, derived from what was recorded above.
    assert (review["period_start"], review["period_end"], review["whole"]) == (
        START,
        "2026-04-04",
        True,
    )
    numbers = review["numbers"]
    in_quarter = [i for d, items in CHECKS.items() if d <= "2026-04-04" for i in items]
    curriculum = catalog.load_slug("ai-study-plan")
    deliverables = [i for i in in_quarter if curriculum.item(i).kind == "deliverable"]
    assert len(deliverables) == 2  # the mini-project and the paper reviews
    assert sorted(numbers["item_ids"]) == sorted(in_quarter)
    assert numbers["items_done"] == len(in_quarter) == 7
    assert sorted(numbers["deliverable_ids"]) == sorted(deliverables)
    assert numbers["deliverables_done"] == 2
    assert numbers["hours"] == sum(h for d, h in LOGS.items() if d <= "2026-04-04")
    status = _json(studying, "status", "--week", "2026-04-04")
    assert numbers["done"] == status["done"] == len(in_quarter)
    assert numbers["percent"] == round(100 * len(in_quarter) / status["total"], 1)
    assert numbers["planned_percent"] == status["planned_percent"]
    assert numbers["days_ahead"] == status["days_ahead"]
    # The review counts as the quarterly review activity's occurrence for its quarter.
    recurring = _json(studying, "status", "--week", REVIEW_DAY)["recurring"]
    (quarterly,) = [a for a in recurring if a["id"] == "routine/quarterly-review"]
    assert quarterly["done"] == 1


def test_next_shows_the_reminders_after_the_items_in_progress(studying: Run) -> None:
    studying("log", "1", "--task", "p1a/review-key-papers", "--on", "2026-01-12")
    text = studying("next", "--from", "2026-03-30").stdout
    # In progress, then the reminders (no journal entry since the start; the quarter ends
    # 2026-04-04), then the rest.
    assert text.index("In progress") < text.index("Reminders") < text.index("Overdue")
    assert "was due on 2026-01-19" in text and "you have none yet" in text
    assert "quarterly review of 2026-01-05 to 2026-04-04 is due on" in text
