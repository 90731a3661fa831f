"""Where roadmap keeps its files: ``$ROADMAP_HOME`` or the platform's user data directory,
and the platform's user cache directory for what can be recomputed.

Everything roadmap creates is private to the learner: directories 0700 (:func:`private_dir`),
files 0600, whatever the umask.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "roadmap"
HOME_VARIABLE = "ROADMAP_HOME"
CACHE_VARIABLE = "ROADMAP_CACHE_DIR"
PRIVATE_DIR_MODE = 0o700
"""The mode of every directory roadmap creates (data, backups, logs, cache, curricula)."""


def data_dir() -> Path:
    """Return the data directory: ``$ROADMAP_HOME`` if set, else platformdirs' user data dir.

    The directory is not created here; writers create it when they first write.
    """
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def progress_path() -> Path:
    """Return the path of the progress file, ``progress.yaml`` in :func:`data_dir`."""
    return data_dir() / "progress.yaml"


def timers_path() -> Path:
    """Return the path of the running timers (``roadmap timer``), ``timers.json`` in
    :func:`data_dir`: machine-local, it never travels with ``roadmap sync`` (decision 54).
    """
    return data_dir() / "timers.json"


def backups_dir() -> Path:
    """Return the directory that keeps copies of the progress file before it is rewritten."""
    return data_dir() / "backups"


def user_curricula_dir() -> Path:
    """Return the directory where a learner puts curricula of their own (``*.yaml``)."""
    return data_dir() / "curricula"


def log_dir() -> Path:
    """Return the directory for internal-error logs: ``logs/`` in the data directory."""
    return data_dir() / "logs"


def cache_dir() -> Path:
    """Return the directory of roadmap's caches: ``$ROADMAP_CACHE_DIR`` if set, else
    platformdirs' user cache directory (``~/.cache/roadmap`` on Linux), also when
    ``$ROADMAP_HOME`` is set.

    The cache never lives in the data directory: a data directory is copied, synced and kept
    in git, and a cache entry that arrived that way must never be loaded (decision 31).
    Anything in it can be deleted at any time.
    """
    override = os.environ.get(CACHE_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def private_dir(directory: Path) -> Path:
    """Create ``directory`` and any missing parents with mode 0700 (owner only, whatever the
    umask); return it. Directories that exist already keep their mode.

    Raises OSError when a directory cannot be created.
    """
    missing: list[Path] = []
    current = directory
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for level in reversed(missing):
        try:
            level.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            if not level.is_dir():
                raise
            continue
        level.chmod(PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    return directory
