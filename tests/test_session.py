"""The session a command works in: its day, its enrollment and its record, with no module
state, and one transaction API for every change (on the progress file or in memory).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands import overview
from roadmap_tracker.progress import progress_state
from roadmap_tracker.progress.events import Event
from roadmap_tracker.progress.transaction import Transaction
from roadmap_tracker.session import FileRecord, MemoryRecord, Session

from .conftest import Run
from .learner import Learner, day


def log_event(seq: int, hours: float = 1.0, on: str = "2026-01-06") -> Event:
    return Event(
        seq=seq,
        at=clock.now(),
        on=day(on),
        curriculum="advanced-ai",
        action="log",
        hours=hours,
    )


def test_each_session_works_on_its_own_enrollment() -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    learner.start("ai-study-plan", "2026-01-05")  # the active one now
    chosen = Session(day("2026-01-09"), plan="advanced-ai", record=learner.record)
    active = Session(day("2026-01-09"), record=learner.record)
    assert overview.status_view(chosen).curriculum == "advanced-ai"
    assert overview.status_view(active).curriculum == "ai-study-plan"
    # Nothing is left behind for the next session: the selection was the session's own.
    assert overview.status_view(Session(record=learner.record)).curriculum == "ai-study-plan"
    with pytest.raises(RoadmapError, match="not enrolled in complete-ai-engineer"):
        Session(plan="complete-ai-engineer", record=learner.record).context()


def test_a_transaction_returns_what_the_change_returns_and_records_what_it_added() -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    session = learner.session("2026-01-06")

    def change(fresh: Session, transaction: Transaction) -> str:
        transaction.add(log_event(transaction.next_seq), log_event(transaction.next_seq + 1))
        return f"{fresh.enrollment().curriculum} until {transaction.next_seq}"

    assert session.transaction(change) == "advanced-ai until 4"
    assert [event.action for event in learner.events] == ["start", "log", "log"]
    assert learner.status("2026-01-06")["hours_this_week"] == 2


@pytest.mark.parametrize("backend", ["memory", "file"])
def test_a_change_that_raises_records_nothing(backend: str, progress_file: Path) -> None:
    record: Any = MemoryRecord() if backend == "memory" else FileRecord(progress_file)
    session = Session(day("2026-01-05"), record=record)
    start = Event(
        seq=1, at=clock.now(), on=day("2026-01-05"), curriculum="advanced-ai", action="start"
    )
    session.transaction(lambda fresh, transaction: transaction.add(start))
    before = progress_file.read_bytes() if backend == "file" else None

    def failing(fresh: Session, transaction: Transaction) -> None:
        transaction.add(log_event(transaction.next_seq))
        raise RoadmapError("No.", "Nothing was written.")

    with pytest.raises(RoadmapError):
        session.transaction(failing)
    assert [event.action for event in record.read_progress().events] == ["start"]
    if backend == "file":
        assert progress_file.read_bytes() == before


def test_a_change_sees_the_record_as_it_is_when_it_runs() -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    session = learner.session("2026-01-06")
    assert session.state.next_seq == 2  # read now, and kept by this session
    learner.log(2, "2026-01-06")  # another command records something meanwhile
    assert session.state.next_seq == 2
    seen = session.transaction(lambda fresh, transaction: transaction.next_seq)
    assert seen == 3
    assert session.state.next_seq == 3  # read again after its own transaction


def test_a_session_reads_the_progress_file_once(
    enrolled: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[Path | None] = []
    real = progress_state.read_state

    def counted(path: Path | None = None, keep: bool = True) -> Any:
        reads.append(path)
        return real(path, keep)

    monkeypatch.setattr(progress_state, "read_state", counted)
    session = Session(day("2026-01-09"))
    overview.status_view(session)
    overview.next_view(session, 5)
    overview.plan_view(session)
    assert len(reads) == 1


def test_the_record_in_memory_gives_the_views_the_progress_file_gives(enrolled: Run) -> None:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    steps: list[tuple[str, ...]] = [
        ("check", "m1/attention-from-scratch", "minimal-vit", "--on", "2026-01-07"),
        ("log", "2.5", "--task", "m1/fine-tune-vit", "--on", "2026-01-08"),
        ("doing", "m1/vit-vs-cnn", "--on", "2026-01-09"),
        ("replan", "--hours-per-week", "8", "--from", "2026-01-12"),
    ]
    for step in steps:
        enrolled(*step)
    learner.check("m1/attention-from-scratch", "minimal-vit", on="2026-01-07")
    learner.log(2.5, "2026-01-08", task="m1/fine-tune-vit")
    learner.mark("doing", "m1/vit-vs-cnn", on="2026-01-09")
    learner.replan("2026-01-12", hours=8)

    def cli(*args: str) -> Any:
        return json.loads(enrolled(*args, "--json").stdout)

    assert learner.status("2026-01-14") == cli("status", "--week", "2026-01-14")
    assert learner.next("2026-01-14", 8) == cli("next", "--from", "2026-01-14", "-n", "8")
    assert learner.plan("2026-01-14") == cli("plan", "--on", "2026-01-14")
