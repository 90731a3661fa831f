"""roadmap: a command-line study-plan tracker.

The command-line interface lives in :mod:`roadmap_tracker.cli.app`; the core (curriculum model,
progress store, schedule and views) imports neither typer nor rich.
"""

from __future__ import annotations

__version__ = "0.1.0"
