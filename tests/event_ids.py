"""Event ids for tests: :func:`tid` gives the n-th of a run of increasing ids (schema 3)."""

from __future__ import annotations

from roadmap_tracker.progress import ids


def tid(number: int) -> str:
    """The id of a test's event ``number``: ids of increasing numbers increase."""
    return ids.encode(number)
