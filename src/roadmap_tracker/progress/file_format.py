"""The progress file as text: its header and its record lines, as roadmap writes them.

roadmap writes the file as a short header, ``schema_version``, then ``events:`` with one event
per line, each line a JSON object (which is also YAML): :func:`render_progress` writes a whole
file, :func:`event_line` one record line, :func:`record_of` reads one back. A last line that a
crash cut short is a torn record (:func:`torn_tail`). Reading and validating a whole file is
:mod:`roadmap_tracker.progress.reading`; writing it, :mod:`roadmap_tracker.progress.store`.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from roadmap_tracker.progress.event_log import Progress
from roadmap_tracker.progress.events import SCHEMA_VERSION, Event

if TYPE_CHECKING:
    import json

HEADER = (
    "# roadmap progress file: your enrollments and a record of what you did.\n"
    "# Each line below 'events:' is one change; roadmap only ever appends to this file.\n"
    "# 'roadmap history' lists the changes and 'roadmap undo' takes the last one back.\n"
)


def render_progress(progress: Progress) -> str:
    """Return the text of a progress file in the current schema: header, then one event a
    line (``events:`` stays open, without ``[]``, so that events can be appended).
    """
    head = f"{HEADER}schema_version: {SCHEMA_VERSION}\nevents:\n"
    return head + "".join(event_line(event) for event in progress.events)


def event_line(event: Event) -> str:
    """One event as the line the file holds: ``- {JSON}`` and a newline."""
    import json  # only commands that write, or read new lines, need it

    if not event.id:
        raise ValueError(f"event {event.seq} has no id: it is written with one")

    return "- " + json.dumps(event.record(), ensure_ascii=False, separators=(", ", ": ")) + "\n"


def torn_tail(raw: bytes) -> int:
    """The length of a torn last record at the end of ``raw`` (0 when there is none).

    A record roadmap writes ends with a newline. A last line without one is torn when it is
    NUL bytes or the start of a record (``-``) that does not read as a complete one.
    """
    if not raw or raw.endswith(b"\n"):
        return 0
    tail = raw[raw.rfind(b"\n") + 1 :]
    if tail.strip(b"\0 \t\r") == b"":
        return len(tail)
    if not tail.startswith(b"-"):
        return 0
    try:
        record_of(tail.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return len(tail)
    return 0


@cache
def _json_decoder() -> json.JSONDecoder:
    """The decoder of record lines, made on first use: a command that reads only the kept
    state of the progress file (:func:`~roadmap_tracker.progress.progress_state.read_state`)
    never imports :mod:`json`.
    """
    import json

    return json.JSONDecoder()


def record_of(line: str) -> Any:
    """The JSON object of a ``- {...}`` line, allowing a trailing ``# comment``.

    Raises ValueError when the line is not in that form.
    """
    if not line.startswith("- {"):
        raise ValueError("not a record line")
    value, end = _json_decoder().raw_decode(line, 2)
    rest = line[end:].strip()
    if rest and not rest.startswith("#"):
        raise ValueError("text after the record")
    return value
