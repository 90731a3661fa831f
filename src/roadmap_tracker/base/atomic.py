"""Writing a file whole or not at all: the one helper every writer of a whole file uses.

:func:`write_atomic` fills a temporary file beside the target (``.<name>.<random>.tmp``,
created owner-only by :func:`tempfile.mkstemp`, in a directory made with
:func:`~roadmap_tracker.base.paths.private_dir` when missing) and moves it over the target
with ``os.replace``, so that a reader sees the old file or the new one, never a part. The
temporary file is removed whatever happens. Its options are each caller's policy:

- ``durable``: the new bytes are fsynced before the rename and the directory after it, so
  that a crash after the call returns cannot bring the old file back. Used for the progress
  file and its backups (:func:`roadmap_tracker.progress.store.write_atomic`) and for exports
  and imported curricula; not for the cache (:mod:`roadmap_tracker.base.cache`), which is
  only an accelerator: losing an entry costs a parse.
- ``mode``: the permission bits of a new file. :data:`OWNER_ONLY` (the default) for every
  file of roadmap's own (the progress file, backups, cache entries, the cache's secret);
  an export made to be shared passes :func:`shell_mode`.
- ``keep_mode``: a file that exists keeps its permission bits (a progress file or an
  export the learner chmod-ed); without it the file gets ``mode`` (the cache's files are
  always owner-only).
- ``follow_symlinks``: a symlink at ``path`` is followed, so the file it points to is
  replaced and the link kept (a progress file shared through a symlink, an export's
  target); without it a link would be replaced by the file (the cache, which never
  writes through a link someone else planted).
- ``content`` is the bytes (or text, written as UTF-8), or a function that writes them to
  the open temporary file and returns whether to keep them: the cache decides there, from
  the file system's clock, whether an index entry can be trusted, and returns False to
  leave the target as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from roadmap_tracker.base import paths

OWNER_ONLY = 0o600
"""The mode of every file roadmap keeps for itself: readable and writable by the owner."""


class ReplacedUnsynced(OSError):
    """:func:`write_atomic` put the new file in place, but could not fsync its directory: the
    new content is what every reader sees now, yet a crash before the system writes the
    directory out could bring the old file back.
    """


def shell_mode() -> int:
    """The mode a shell's ``>`` gives a new file: 0666 less the process's umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(
    path: Path,
    content: str | bytes | Callable[[BinaryIO], bool],
    *,
    durable: bool,
    mode: int = OWNER_ONLY,
    keep_mode: bool = False,
    follow_symlinks: bool = False,
) -> bool:
    """Write ``content`` to ``path`` so that a crash leaves either the old or the new file;
    the options are described in the module's docstring.

    Returns False when ``content`` is a function that returned False (nothing replaced),
    else True. Raises OSError when nothing was replaced (the temporary file is removed), and
    :class:`ReplacedUnsynced` when a ``durable`` write replaced the file but could not sync
    its directory.
    """
    if follow_symlinks:
        path = Path(os.path.realpath(path))
    paths.private_dir(path.parent)
    descriptor, temp = _new_temporary(path)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if callable(content):
                keep = content(handle)
            else:
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
                keep = True
            if durable and keep:
                handle.flush()
                os.fsync(handle.fileno())
        if not keep:
            return False
        existing = _mode_of(path) if keep_mode else None
        if existing is not None:
            temp.chmod(existing)
        elif mode != OWNER_ONLY:  # made owner-only
            temp.chmod(mode)
        temp.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    if durable:
        try:
            _fsync_directory(path.parent)
        except OSError as error:
            raise ReplacedUnsynced(error.errno, error.strerror) from error
    return True


_TEMPORARY_FLAGS = (
    os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)
"""The flags ``tempfile.mkstemp`` opens its file with: a new file, never through a link."""


def _new_temporary(path: Path) -> tuple[int, Path]:
    """A new owner-only file beside ``path`` (``.NAME.RANDOM.tmp``), open for writing, and
    its path, as ``tempfile.mkstemp`` makes one (without importing tempfile, which loads
    shutil and the compression modules on every change). Raises OSError when none can be
    made.
    """
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(temp, _TEMPORARY_FLAGS, OWNER_ONLY), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _mode_of(path: Path) -> int | None:
    """The permission bits of the file at ``path``; None when there is none."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return None


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
