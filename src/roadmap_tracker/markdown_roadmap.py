"""Markdown roadmaps: the checklist export of an enrollment, and the import of a Markdown
roadmap into a curriculum.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from roadmap_tracker.errors import RoadmapError


def export_markdown(as_of: dt.date) -> str:
    """The enrollment as a Markdown checklist."""
    raise RoadmapError("The Markdown export is not built yet.")


def import_markdown(
    source: Path,
    output: Path | None,
    *,
    slug: str | None,
    progress: bool,
    on: dt.date,
    force: bool,
) -> Any:
    """Turn a Markdown roadmap into a curriculum file."""
    raise RoadmapError("The Markdown import is not built yet.")
