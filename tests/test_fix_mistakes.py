"""Fixing a mistake noticed later: ``undo N`` of any change, ``redo``, and ``edit N``
amendments of a log, a note, a journal entry or a review's answers (issue 27).

The rules run on a record in memory (``tests/learner.py``); the command line is tested for
what only it does (the confirmation of an older undo, ``--yes``, the words), and the file for
what only a file does (the fold of a record read line by line, kept in the cache, must see
what the whole record says).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli.app import app
from roadmap_tracker.commands import editing, journal, safekeeping
from roadmap_tracker.progress import reading
from roadmap_tracker.progress.event_log import Progress

from .conftest import Run
from .learner import Learner


def as_json(result: Any) -> Any:
    return json.loads(result.stdout)


def flat(text: str) -> str:
    return " ".join(text.split())


def week_hours(learner: Learner, week: str) -> float:
    return float(learner.status(week)["hours_this_week"])


@pytest.fixture
def learner() -> Learner:
    """Enrolled in advanced-ai from Monday 2026-01-05."""
    learner = Learner()
    learner.start("advanced-ai", on="2026-01-05")
    return learner


def undo(learner: Learner, seq: int | None = None, yes: bool = True) -> Any:
    session = learner.session("2026-03-01", change=True)
    return safekeeping.undo(session, seq, (lambda view: True) if yes else None)


def redo(learner: Learner, seq: int | None = None) -> Any:
    return safekeeping.redo(learner.session("2026-03-01", change=True), seq)


def edit(learner: Learner, seq: int, **changes: Any) -> Any:
    session = learner.session("2026-03-01", change=True)
    return editing.edit(session, seq, editing.Amendment(**changes))


def journal_texts(learner: Learner) -> list[tuple[str, str]]:
    entries = journal.journal_list(learner.session("2026-03-01")).to_json()["entries"]
    return [(entry["on"], entry["text"]) for entry in entries]


# --- edit: a log -----------------------------------------------------------------------------


def test_a_wrong_log_noticed_weeks_later_is_amended_and_the_week_adds_up_again(
    learner: Learner,
) -> None:
    learner.log(10, on="2026-01-06")  # meant 1
    seq = learner.events[-1].seq
    for day in range(7, 31):  # weeks of other changes after it
        learner.log(1, on=f"2026-01-{day:02d}")
    assert week_hours(learner, "2026-01-11") == 15  # 10 + 5 days of 1
    result = edit(learner, seq, hours=1.0)
    assert result.change == seq and result.changed == ["hours"]
    assert week_hours(learner, "2026-01-11") == 6
    # nothing was rewritten: the log stays, the amendment is one more event naming it
    first, amendment = learner.events[seq - 1], learner.events[-1]
    assert (first.hours, amendment.hours, amendment.amends) == (10, 1, first.id)


def test_an_amended_log_moves_to_its_new_day_and_task(learner: Learner) -> None:
    learner.log(2, on="2026-01-06")
    seq = learner.events[-1].seq
    edit(learner, seq, on=learner_day("2026-01-13"), task="minimal-vit")
    assert week_hours(learner, "2026-01-11") == 0
    assert week_hours(learner, "2026-01-18") == 2
    assert learner.events[-1].items == ("m1/minimal-vit",)
    edit(learner, seq, no_task=True)  # the second amendment names the first event too
    assert learner.events[-1].items == () and learner.events[-1].amends == learner.events[1].id
    assert week_hours(learner, "2026-01-18") == 2


def learner_day(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_undo_takes_the_amendment_back_and_the_version_before_counts_again(
    learner: Learner,
) -> None:
    learner.log(3, on="2026-01-06")
    seq = learner.events[-1].seq
    edit(learner, seq, hours=2.0)
    edit(learner, seq, hours=1.0)
    assert week_hours(learner, "2026-01-11") == 1
    undone = undo(learner)
    assert undone.undone.summary == f"amended change {seq}: logged 1 h for 2026-01-06"
    assert week_hours(learner, "2026-01-11") == 2
    undo(learner)
    assert week_hours(learner, "2026-01-11") == 3
    redo(learner)  # the last undo taken back: the 2 h version stands again
    assert week_hours(learner, "2026-01-11") == 2


def test_undoing_an_amended_change_takes_it_back_with_its_amendments(learner: Learner) -> None:
    learner.log(3, on="2026-01-06")
    seq = learner.events[-1].seq
    edit(learner, seq, hours=2.0)
    undo(learner, seq)
    assert week_hours(learner, "2026-01-11") == 0
    redo(learner, seq)
    assert week_hours(learner, "2026-01-11") == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "Say what to change in change 2, a log"),
        ({"hours": 0.001}, "not a possible number of hours"),
        ({"hours": 25.0}, "not a possible number of hours"),
        ({"on": learner_day("2025-12-01")}, "before your enrollment"),
        ({"on": learner_day("2099-01-01")}, "in the future"),
        ({"task": "no-such-thing-at-all"}, "no-such-thing-at-all"),
        ({"answers": (("worked", "x"),)}, "--answer does not apply to change 2, a log"),
        ({"hours": 1.5}, "already reads so"),
        ({"task": "minimal-vit", "no_task": True}, "contradict"),
    ],
)
def test_an_edit_that_cannot_be_made_says_why_and_records_nothing(
    learner: Learner, changes: dict[str, Any], message: str
) -> None:
    learner.log(1.5, on="2026-01-06")
    before = learner.events
    with pytest.raises(RoadmapError, match=message):
        edit(learner, 2, **changes)
    assert learner.events == before


def test_only_a_log_note_journal_entry_or_review_can_be_edited(learner: Learner) -> None:
    learner.check("attention-from-scratch", on="2026-01-06")
    with pytest.raises(RoadmapError, match="cannot be edited") as error:
        edit(learner, 2, hours=1.0)
    assert "roadmap undo 2" in (error.value.hint or "")
    with pytest.raises(RoadmapError, match="There is no change 9"):
        edit(learner, 9, hours=1.0)


def test_an_undone_log_is_not_edited_until_it_is_redone(learner: Learner) -> None:
    learner.log(1.5, on="2026-01-06")
    undo(learner)
    with pytest.raises(RoadmapError, match="Change 2 is undone") as error:
        edit(learner, 2, hours=1.0)
    assert "roadmap redo 2" in (error.value.hint or "")


# --- edit: a note, a journal entry, a review ------------------------------------------------


def test_a_journal_entry_gets_new_text_and_day(learner: Learner) -> None:
    learner.journal("Read the attention paper", on="2026-01-16")
    seq = learner.events[-1].seq
    edit(learner, seq, text="Read the attention paper twice", on=learner_day("2026-01-15"))
    assert journal_texts(learner) == [("2026-01-15", "Read the attention paper twice")]
    with pytest.raises(RoadmapError, match="cannot be empty"):
        edit(learner, seq, text="  ")
    undo(learner)
    assert journal_texts(learner) == [("2026-01-16", "Read the attention paper")]


def test_a_note_gets_new_text(learner: Learner) -> None:
    learner.note("minimal-vit", "patch size 61", on="2026-01-08")
    seq = learner.events[-1].seq
    edit(learner, seq, text="patch size 16")
    shown = learner.session("2026-03-01")
    from roadmap_tracker.commands import evidence

    detail = evidence.show_target(shown, "minimal-vit")
    assert isinstance(detail, evidence.ItemDetail)
    notes = detail.to_json()["notes"]
    assert [note["text"] for note in notes] == ["patch size 16"]


def test_a_review_answer_is_amended_and_an_unknown_question_named(learner: Learner) -> None:
    learner.start("ai-study-plan", on="2026-01-05")
    learner.review(on="2026-04-03", answers={"worked": "Daily reading", "next-goals": "Ship"})
    seq = learner.events[-1].seq
    result = edit(learner, seq, answers=(("worked", "Daily paper reading"),))
    assert result.changed == ["answer worked"]
    assert dict(learner.events[-1].answers)["worked"] == "Daily paper reading"
    assert dict(learner.events[-1].answers)["next-goals"] == "Ship"
    with pytest.raises(RoadmapError, match="no question 'wrked'") as error:
        edit(learner, seq, answers=(("wrked", "x"),))
    assert "worked" in (error.value.hint or "")


# --- undo N and redo -------------------------------------------------------------------------


def test_undo_n_reaches_any_change_and_redo_brings_it_back(learner: Learner) -> None:
    learner.check("attention-from-scratch", on="2026-01-06")  # change 2
    for day in range(7, 27):  # 20 more changes
        learner.log(1, on=f"2026-01-{day:02d}")
    assert learner.status("2026-01-26")["done"] == 1
    with pytest.raises(RoadmapError, match="needs a confirmation"):
        undo(learner, 2, yes=False)
    result = undo(learner, 2)
    assert result.undone.seq == 2 and learner.status("2026-01-26")["done"] == 0
    with pytest.raises(RoadmapError, match="undone already"):
        undo(learner, 2)
    redone = redo(learner)
    assert (redone.redone.seq, redone.undo.seq) == (2, result.undo_seq)
    assert learner.status("2026-01-26")["done"] == 1
    with pytest.raises(RoadmapError, match="nothing to redo"):
        redo(learner)
    undo(learner, 2)  # and once more: the same change undone a second time
    assert learner.status("2026-01-26")["done"] == 0


def test_redo_brings_back_the_most_recent_undo_first(learner: Learner) -> None:
    learner.check("attention-from-scratch", on="2026-01-06")
    learner.check("minimal-vit", on="2026-01-07")
    undo(learner)
    undo(learner)
    assert learner.status("2026-01-07")["done"] == 0
    assert redo(learner).redone.items == ["m1/attention-from-scratch"]
    assert redo(learner).redone.items == ["m1/minimal-vit"]
    assert learner.status("2026-01-07")["done"] == 2
    # undo after a redo takes back the newest change that counts
    assert undo(learner).undone.items == ["m1/minimal-vit"]


def test_redo_n_names_the_undo_or_the_change_it_undid(learner: Learner) -> None:
    learner.check("attention-from-scratch", on="2026-01-06")  # 2
    learner.check("minimal-vit", on="2026-01-07")  # 3
    undo(learner, 2)  # 4
    undo(learner, 3)  # 5
    assert redo(learner, 4).redone.seq == 2
    assert redo(learner, 3).redone.seq == 3
    with pytest.raises(RoadmapError, match="Change 2 is not undone"):
        redo(learner, 2)
    with pytest.raises(RoadmapError, match="Undo 4 is taken back already"):
        redo(learner, 4)


def test_undo_of_an_undo_is_a_redo_by_its_own_name(learner: Learner) -> None:
    learner.check("attention-from-scratch", on="2026-01-06")
    undo(learner)
    with pytest.raises(RoadmapError, match="is an undo") as error:
        undo(learner, 3)
    assert "roadmap redo 3" in (error.value.hint or "")


def test_a_record_with_redos_and_amendments_folds_the_same_from_any_order(
    learner: Learner,
) -> None:
    learner.log(3, on="2026-01-06")
    edit(learner, 2, hours=2.0)
    undo(learner)
    redo(learner)
    undo(learner, 2)
    events = learner.events
    from roadmap_tracker.progress.event_log import canonical

    again = Progress(canonical(tuple(reversed(events))))
    assert [e.seq for e in again.changes] == [1]  # the log and its amendment are undone
    assert again.undone == learner.record.progress.undone


# --- history ---------------------------------------------------------------------------------


def test_history_shows_the_change_and_its_amendment(enrolled: Run) -> None:
    enrolled("log", "10", "--on", "2026-01-06")
    edited = as_json(enrolled("edit", "2", "--hours", "1", "--json"))
    assert edited["was"] == "logged 10 h for 2026-01-06"
    assert edited["now"] == "logged 1 h for 2026-01-06"
    changes = as_json(enrolled("history", "--json"))["changes"]
    assert changes[0]["summary"] == "amended change 2: logged 1 h for 2026-01-06"
    assert (changes[1]["seq"], changes[1]["amended_by"]) == (2, 3)
    out = flat(enrolled("history").stdout)
    assert "logged 10 h for 2026-01-06 (amended by 3)" in out
    enrolled("undo")
    changes = as_json(enrolled("history", "--json"))["changes"]
    assert changes[0]["summary"] == "undid change 3"
    assert changes[2]["amended_by"] is None  # the log stands again
    enrolled("redo")
    changes = as_json(enrolled("history", "--json"))["changes"]
    assert changes[0]["summary"] == "redid change 3 (took back undo 4)"


# --- the command line: confirming an older undo ----------------------------------------------


def older_change(enrolled: Run) -> None:
    enrolled("check", "minimal-vit", "--on", "2026-01-06")  # change 2
    for day in range(7, 19):  # changes 3 to 14
        enrolled("log", "1", "--on", f"2026-01-{day:02d}")


def test_an_older_undo_without_a_terminal_asks_for_yes(enrolled: Run, progress_file: Path) -> None:
    older_change(enrolled)
    before = progress_file.read_bytes()
    result = enrolled("undo", "2", code=1)
    assert "needs a confirmation" in result.stderr
    assert "roadmap undo 2 --yes" in result.stderr and "checked m1/minimal-vit" in result.stderr
    assert progress_file.read_bytes() == before
    out = flat(enrolled("undo", "2", "--yes").stdout)
    assert out.startswith("Undid change 2")


@pytest.mark.parametrize(("answer", "code"), [("y\n", 0), ("n\n", 1)])
def test_an_older_undo_in_a_terminal_asks_first(
    enrolled: Run, progress_file: Path, monkeypatch: pytest.MonkeyPatch, answer: str, code: int
) -> None:
    from roadmap_tracker.cli import options

    older_change(enrolled)
    before = progress_file.read_bytes()
    monkeypatch.setattr(options, "interactive", lambda: True)
    result = CliRunner().invoke(app, ["undo", "2"], input=answer)
    assert result.exit_code == code, result.output
    assert "Undo change 2" in result.output and "checked m1/minimal-vit" in result.output
    undone = reading.read_progress(progress_file).undone
    assert (reading.read_progress(progress_file).events[1].id in undone) == (code == 0)
    if code:
        assert "Change 2 was not undone; nothing was changed." in result.stderr
        assert progress_file.read_bytes() == before


# --- the file: a fold read line by line and kept in the cache ------------------------------


def test_the_file_read_line_by_line_sees_amendments_and_redos(enrolled: Run) -> None:
    """Status and stats read the file line by line and keep what they fold in the cache:
    an amendment of a log far back, a redo and an undo of an amendment must each show."""

    def hours(week: str) -> float:
        status = as_json(enrolled("status", "--week", week, "--json"))
        return float(status["hours_this_week"])

    enrolled("log", "10", "--on", "2026-01-06")  # change 2
    for day in range(12, 31):  # 19 changes, in later weeks
        enrolled("log", "1", "--on", f"2026-01-{day:02d}")
    assert hours("2026-01-11") == 10
    enrolled("edit", "2", "--hours", "1:30")
    assert hours("2026-01-11") == 1.5
    enrolled("edit", "2", "--hours", "1")
    assert hours("2026-01-11") == 1
    enrolled("undo")  # the amendment
    assert hours("2026-01-11") == 1.5
    enrolled("redo")  # the amendment again
    assert hours("2026-01-11") == 1
    enrolled("undo", "2", "--yes")  # the log and its amendment
    assert hours("2026-01-11") == 0
    enrolled("redo", "2")
    assert hours("2026-01-11") == 1


def test_the_hours_report_follows_an_amended_task(learner: Learner) -> None:
    from roadmap_tracker.commands import hours

    learner.log(2, on="2026-01-06", task="minimal-vit")
    learner.log(1, on="2026-01-07", task="attention-from-scratch")
    edit(learner, 2, task="attention-from-scratch")
    view = hours.hours_view(learner.session("2026-01-31"), "task").to_json()
    assert [(row["id"], row["hours"]) for row in view["rows"]] == [
        ("m1/attention-from-scratch", 3.0)
    ]
