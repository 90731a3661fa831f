"""A learner whose record lives in memory: the core's commands on a ``MemoryRecord`` session.

Rule tests (pace, states, reviews, stats) drive the commands' cores through this instead of
the command line: no progress file, no lock, no process, no parsing. What each method
returns is the view's ``to_json()``, exactly what ``--json`` prints. Parsing, rendering and
exit codes stay tested through the CLI; files, crashes and concurrency through real
processes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from roadmap_tracker.commands import (
    enrollments,
    evidence,
    exporting,
    journal,
    overview,
    planning,
    stats,
    tracking,
)
from roadmap_tracker.progress.events import Event
from roadmap_tracker.session import MemoryRecord, Session


def day(text: str) -> dt.date:
    """An ISO 8601 date."""
    return dt.date.fromisoformat(text)


class Learner:
    """One learner's record in memory (``record``), with the commands a test needs. Every
    method takes the day the command reasons about as ISO 8601 text (``on``), as the
    command line's ``--on``, ``--week`` and ``--from`` do, and ``plan`` as ``--plan``.
    """

    def __init__(self) -> None:
        self.record = MemoryRecord()

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event recorded so far, in order."""
        return self.record.progress.events

    def session(self, on: str, plan: str | None = None, change: bool = False) -> Session:
        """A session on this record as of ``on``: a view's (the record as it stood that day),
        or with ``change`` a command's that adds to the whole record (decision 36).
        """
        return Session(as_of=day(on), plan=plan, record=self.record, whole_record=change)

    def start(
        self,
        slug: str,
        on: str,
        hours: float | None = None,
        restart: bool = False,
        move: bool = False,
    ) -> Any:
        """``roadmap start SLUG --on ON [--hours-per-week H] [--restart] --json``; ``move``
        as when ``--on`` is typed (it moves the start of an enrollment in SLUG), else as
        when the day is today's.
        """
        return tracking.start(
            self.session(on, change=True), slug, hours, restart, move=move
        ).to_json()

    def check(self, *references: str, on: str, plan: str | None = None) -> Any:
        """``roadmap check REFS... --on ON --json``."""
        return tracking.check(self.session(on, plan, change=True), list(references)).to_json()

    def mark(self, action: tracking.StateAction, *references: str, on: str) -> Any:
        """``roadmap doing|skip|reset|uncheck REFS... --on ON --yes --json``."""
        session = self.session(on, change=True)
        return tracking.change_state(session, action, list(references), assume_yes=True).to_json()

    def log(self, hours: float, on: str, task: str | None = None) -> Any:
        """``roadmap log HOURS --on ON [--task TASK] --json``."""
        return tracking.log(self.session(on, change=True), hours, task).to_json()

    def replan(self, on: str, hours: float | None = None) -> Any:
        """``roadmap replan --from ON [--hours-per-week H] --json``."""
        return planning.replan(self.session(on, change=True), hours).to_json()

    def pause(self, on: str, until: str) -> Any:
        """``roadmap pause --on ON --until UNTIL --json``."""
        return planning.pause(self.session(on, change=True), day(until)).to_json()

    def resume(self, on: str) -> Any:
        """``roadmap resume --on ON --json``."""
        return planning.resume(self.session(on, change=True)).to_json()

    def note(self, reference: str, text: str, on: str) -> Any:
        """``roadmap note REF TEXT --on ON --json``."""
        return evidence.add_note(self.session(on, change=True), reference, text, []).to_json()

    def include(self, module: str, on: str, exclude: bool = False) -> Any:
        """``roadmap include|exclude MODULE --json``."""
        return planning.include(self.session(on, change=True), module, exclude).to_json()

    def status(self, week: str, plan: str | None = None) -> Any:
        """``roadmap status --week WEEK --json``."""
        return overview.status_view(self.session(week, plan)).to_json()

    def next(self, start: str, count: int = 5) -> Any:
        """``roadmap next --from START -n COUNT --json``."""
        return overview.next_view(self.session(start), count).to_json()

    def plan(self, on: str) -> Any:
        """``roadmap plan --on ON --json``."""
        return overview.plan_view(self.session(on)).to_json()

    def journal(self, text: str, on: str) -> Any:
        """``roadmap journal TEXT --on ON --json``."""
        return journal.add_journal(self.session(on, change=True), text).to_json()

    def stats(self, on: str, weeks: int = 12) -> Any:
        """``roadmap stats --on ON --weeks WEEKS --json``."""
        return stats.stats_view(self.session(on), weeks).to_json()

    def choose(self, group: str, *options: str, on: str) -> Any:
        """``roadmap choose GROUP OPTION... --on ON --json``."""
        return planning.choose(self.session(on, change=True), group, list(options)).to_json()

    def review(self, on: str, answers: dict[str, str] | None = None, again: bool = False) -> Any:
        """``roadmap review --on ON --answer ID=TEXT... [--again] --json``: the review's
        numbers and answers, recorded.
        """
        given = list((answers or {}).items())
        session = self.session(on, change=True)
        return journal.record_review(session, given, again=again).to_json()

    def review_numbers(self, on: str) -> Any:
        """The numbers ``roadmap review --on ON`` shows before its questions (nothing recorded)."""
        return journal.review_prompt(self.session(on), []).to_json()

    def portfolio(self, on: str, done_only: bool = False) -> Any:
        """``roadmap portfolio [--done] --json`` as of ``on``."""
        return evidence.portfolio_view(self.session(on), done_only).to_json()

    def enrollments(self, on: str, include_stopped: bool = False) -> Any:
        """``roadmap enrollments --on ON [--all] --json``."""
        return enrollments.enrollments_view(self.session(on), include_stopped).to_json()

    def export_json(self, on: str) -> Any:
        """``roadmap export --format json --on ON``, parsed."""
        import json

        return json.loads(exporting.export(self.session(on), "json"))
