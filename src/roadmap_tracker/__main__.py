"""Run the command-line interface: ``python -m roadmap_tracker``."""

from __future__ import annotations

from roadmap_tracker.cli.app import main

main()
