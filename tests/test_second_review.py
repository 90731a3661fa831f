"""A second review of the same period (issue 23, item 7): the core refuses it without
``again``; the command line asks in a terminal ("You already reviewed PERIOD on DAY; record
another?") and otherwise refuses with one sentence naming ``--again``. Nothing is written
when it is refused or declined.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli import app as cli
from roadmap_tracker.cli import options
from roadmap_tracker.commands import journal
from tests.conftest import Run
from tests.learner import Learner

ANSWERS = ["worked", "did-not-work", "next-goals", "focus-areas", "skill-gaps", "alignment"]
"""ai-study-plan's review questions: answering all of them asks nothing."""
GIVEN = [f"--answer={qid}=ok" for qid in ANSWERS]
# ai-study-plan from 2026-01-05: the first quarter is 2026-01-05 to 2026-04-04 (start + 3
# months, less a day); a review from 2026-03-28 (a week before its end) on covers it.
PERIOD = "2026-01-05 to 2026-04-04"


def test_the_core_refuses_a_second_review_of_a_period_without_again() -> None:
    learner = Learner()
    learner.start("ai-study-plan", on="2026-01-05", hours=6)
    first = journal.record_review(learner.session("2026-04-03"), [])
    assert first.reviewed_before is None
    events = len(learner.events)
    with pytest.raises(RoadmapError) as refused:
        journal.record_review(learner.session("2026-04-06"), [])  # the same quarter
    assert refused.value.message == (
        f"You already reviewed {PERIOD} on 2026-04-03; add --again to record another review of it."
    )
    assert len(learner.events) == events  # nothing written
    again = journal.record_review(learner.session("2026-04-06"), [], again=True)
    assert again.recorded and str(again.reviewed_before) == "2026-04-03"
    # The first period so far (a review more than a week before its end) is another period
    # (it ends on the review's day): no question.
    other = Learner()
    other.start("ai-study-plan", on="2026-01-05", hours=6)
    journal.record_review(other.session("2026-02-01"), [])
    assert journal.record_review(other.session("2026-02-02"), []).reviewed_before is None


@pytest.fixture
def reviewed(run: Run) -> Run:
    run("start", "ai-study-plan", "--on", "2026-01-05")
    run("review", "--on", "2026-04-03", *GIVEN)
    return run


def test_without_a_terminal_a_second_review_needs_again(reviewed: Run, progress_file: Path) -> None:
    before = progress_file.read_bytes()
    result = reviewed("review", "--on", "2026-04-06", *GIVEN, code=1)
    first_line = result.stderr.splitlines()[0]  # type: ignore[attr-defined]
    assert first_line == (
        f"Error: You already reviewed {PERIOD} on 2026-04-03; add --again to record another "
        "review of it."
    )
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]
    assert progress_file.read_bytes() == before
    recorded = reviewed("review", "--on", "2026-04-06", "--again", *GIVEN)
    assert f"Review of {PERIOD} recorded" in recorded.stdout  # type: ignore[attr-defined]


@pytest.mark.parametrize("answer", ["n", "y"])
def test_at_a_terminal_a_second_review_is_asked_for(
    reviewed: Run, monkeypatch: pytest.MonkeyPatch, progress_file: Path, answer: str
) -> None:
    monkeypatch.setattr(options, "interactive", lambda: True)
    before = progress_file.read_bytes()
    result = reviewed.runner.invoke(
        cli.app, ["review", "--on", "2026-04-06", *GIVEN], input=f"{answer}\n"
    )
    assert f"You already reviewed {PERIOD} on 2026-04-03; record another?" in result.output
    if answer == "n":
        assert result.exit_code == 1
        assert "Nothing was recorded." in result.stderr
        assert progress_file.read_bytes() == before
    else:
        assert result.exit_code == 0, result.output
        assert f"Review of {PERIOD} recorded" in result.stdout
        reviews = journal.review_list(options.make_session()).reviews
        assert [str(r.on) for r in reviews] == ["2026-04-03", "2026-04-06"]
