"""The backups roadmap keeps of the progress file in ``backups/``: their names and their order.

A backup is made before every whole rewrite of the file
(:func:`~roadmap_tracker.progress.store.backup_progress`), named
``progress-YYYYMMDDTHHMMSSZ-NN-REASON.yaml``; :func:`list_backups` lists roadmap's, newest
first, and never a file of another name.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_tracker.base import paths

if TYPE_CHECKING:
    import re


def list_backups() -> list[Path]:
    """The backups roadmap wrote in ``backups/`` (see
    :func:`~roadmap_tracker.progress.store.backup_progress` for their names; also those named
    in local time by roadmap before 0.9, which count as older than any named in UTC), newest
    first. Other files in the directory are not listed.
    """
    directory = paths.backups_dir()
    found = directory.glob("progress-*.yaml") if directory.is_dir() else []
    keyed = [(key, p) for p in found if (key := backup_order(p)) is not None]
    return [p for _, p in sorted(keyed, key=lambda pair: pair[0], reverse=True)]


@cache
def _backup_name() -> re.Pattern[str]:
    """The names roadmap gives backups: ``progress-STAMP[Z]-NN-REASON.yaml``."""
    import re

    return re.compile(r"progress-(\d{8}T\d{6})(Z?)-(\d{2,9})-[a-z0-9][a-z0-9-]*\.yaml")


def backup_order(path: Path) -> tuple[bool, str, int, str] | None:
    """The place of a backup among roadmap's: (named in UTC, time stamp, counter, name);
    None for a file whose name roadmap does not write.
    """
    match = _backup_name().fullmatch(path.name)
    if match is None:
        return None
    return (match[2] == "Z", match[1], int(match[3]), path.name)
