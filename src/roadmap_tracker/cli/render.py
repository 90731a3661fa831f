"""What the drawing of several commands shares: :func:`print_json` (every ``--json``), the
progress bar, and the words for dates, windows, counts and pace.

Serves every command that prints a view; each family draws its own views beside its
commands (``overview.render_status``...), laid out by :mod:`.layout`.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap_tracker.base.records import View
    from roadmap_tracker.commands.views import WindowView


def print_json(view: View | object) -> None:
    """Print a view (or plain data) as indented JSON on stdout, each record of a list on
    one line (:func:`roadmap_tracker.base.json_text.dumps`)."""
    from roadmap_tracker.base.json_text import dumps
    from roadmap_tracker.base.printable import json_printable
    from roadmap_tracker.base.records import View

    data = view.to_json() if isinstance(view, View) else view
    sys.stdout.write(json_printable(dumps(data)) + "\n")


BAR_WIDTH = 10


def bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """A text progress bar such as ``███░░░░░░░`` (full blocks for the done share)."""
    filled = 0 if total == 0 else round(width * done / total)
    return "█" * filled + "░" * (width - filled)


def date(day: dt.date | None) -> str:
    """A day as ``2026-01-07``, or ``-`` when there is none."""
    return day.isoformat() if day else "-"


def ends(window: WindowView) -> str:
    """A window's end, and below it the latest acceptable end (``≤2026-03-19``, dim) when
    the duration is a range: :func:`ends_lines` as console markup.
    """
    lines = ends_lines(window)
    return lines[0] if len(lines) == 1 else f"{lines[0]}\n[dim]{lines[1]}[/]"


def ends_lines(window: WindowView) -> tuple[str] | tuple[str, str]:
    """A window's end (``2026-03-12``, ``ongoing``, ``-`` when undated), and the latest
    acceptable end (``≤2026-03-19``) when the duration is a range, as plain lines."""
    if window.end is None:
        return ("ongoing" if window.start is not None else "-",)
    if window.latest_end is not None and window.latest_end != window.end:
        return window.end.isoformat(), f"≤{window.latest_end.isoformat()}"
    return (window.end.isoformat(),)


def days(count: int) -> str:
    """``1 day``, ``3 days``."""
    return plural(count, "day")


def plural(count: float, noun: str, nouns: str | None = None) -> str:
    """``count`` and ``noun``, in the plural unless there is one (``1 item``, ``3 items``):
    :func:`roadmap_tracker.base.words.plural`, the one helper of every count in words."""
    from roadmap_tracker.base.words import plural as counted

    return counted(count, noun, nouns)


def pace(days_ahead: int | None) -> str:
    """Pace against the plan in words, with colour markup (``3 days behind the plan``)."""
    if days_ahead is None:
        return "no dated plan to compare with"
    if days_ahead == 0:
        return "on pace with the plan"
    unit = "day" if abs(days_ahead) == 1 else "days"
    if days_ahead > 0:
        return f"[green]{days_ahead} {unit} ahead[/] of the plan"
    return f"[red]{-days_ahead} {unit} behind[/] the plan"


def copied_sentence(source: str, slug: str) -> str:
    """What ``start`` (and ``import --progress``) say of a curriculum file copied into the
    learner's curricula: the file as given, with the home directory as ``~`` (plain text:
    the caller escapes it for rich).
    """
    import os
    from pathlib import Path

    home = str(Path.home())
    shown = "~" + source[len(home) :] if source.startswith(home + os.sep) else source
    return f"Copied {shown} to your curricula as {slug}; edit that copy from now on."
