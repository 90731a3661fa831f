"""Where roadmap keeps its files: ``$ROADMAP_HOME`` or the platform's user data directory."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "roadmap"
HOME_VARIABLE = "ROADMAP_HOME"


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
    """Return the directory of roadmap's caches: ``cache/`` in ``$ROADMAP_HOME`` if set, else
    platformdirs' user cache directory. Anything in it can be deleted at any time.
    """
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override).expanduser() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)
