"""The iCalendar (RFC 5545) export of an enrollment's plan."""

from __future__ import annotations

import datetime as dt

from roadmap_tracker.errors import RoadmapError


def export_ics(as_of: dt.date) -> str:
    """The enrollment's plan as an iCalendar file."""
    raise RoadmapError("The iCalendar export is not built yet.")
