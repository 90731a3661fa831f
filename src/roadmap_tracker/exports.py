"""Exports of an enrollment for other tools: where the text goes, and the JSON export.

The Markdown export lives in ``markdown_roadmap`` (beside the import it round-trips with) and
the iCalendar export in ``calendar_export``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from roadmap_tracker.errors import RoadmapError, error_reason


def write_output(text: str, path: Path | None) -> None:
    """Write an export to ``path`` whole, or to stdout when ``path`` is None or ``-``.

    The file is replaced atomically: a failure leaves the old file (or none). Raises
    RoadmapError when the file cannot be written.
    """
    if path is None or str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from roadmap_tracker import store

    try:
        store.write_atomic(path, text)
    except OSError as error:
        raise RoadmapError(
            f"Cannot write {path}: {error_reason(error)}.",
            "Choose another file with -o, or make its directory writable.",
        ) from None


def export_json(as_of: dt.date) -> str:
    """The enrollment as of ``as_of`` as a JSON document (see docs/json.md)."""
    raise RoadmapError("The JSON export is not built yet.")
