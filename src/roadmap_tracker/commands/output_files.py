"""Where ``roadmap export -o FILE`` and ``roadmap import -o FILE`` may write, and the writer
they share: :func:`check_output_target` refuses the record (the progress file, its lock, its
backups) and the bundled curricula, :func:`write_file` replaces a file atomically.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from roadmap_tracker.base.errors import RoadmapError, error_reason


def check_output_target(path: Path) -> None:
    """Refuse an output file (``-o FILE`` of export and import) that roadmap must not write.

    Refused: the progress file, its lock (``progress.yaml.lock``, beside the progress file
    or beside the file it resolves to) and anything in the backups directory, by name
    (relative, with ``..``, in any letter case, through symbolic links: the path as given
    and as resolved are both compared with both forms of each of them, so a data directory
    reached through a link is covered) and by identity (a hard link to one of them);
    anything in the directory of the bundled curricula; and an existing ``path`` that is not
    a regular file: a symbolic link (name the file it points to instead), a directory, a
    device (``/dev/null``), a named pipe or a socket. The crash logs (``logs/``) and the
    cache directory are allowed: nothing there is part of the record (and a cache entry that
    does not load is a miss).

    Raises RoadmapError (one sentence, nothing written) when ``path`` is refused.
    """
    refused = _refusal(path)
    if refused is not None:
        raise RoadmapError(
            f"{path} {refused}; nothing was written.",
            "Choose another file with -o (or -o - for stdout).",
        )


def _refusal(path: Path) -> str | None:
    """Why ``path`` must not be written (the end of a sentence), or None."""
    import os
    import stat

    from roadmap_tracker.base import paths
    from roadmap_tracker.curriculum import catalog

    progress, backups = paths.progress_path(), paths.backups_dir()
    names = _forms(path)
    for form in _forms(progress):
        if form in names:
            return "is your progress file"
        if _fold(Path(f"{form}.lock")) in names:
            return "is the lock of your progress file"
    inside = [
        (backups, "is in the backups of your progress file"),
        (catalog.bundled_dir(), "is in the curricula that come with roadmap"),
    ]
    for directory, why in inside:
        for form in _forms(directory):
            within = form.rstrip(os.sep) + os.sep
            if any(name == form or name.startswith(within) for name in names):
                return why
    try:
        status = path.lstat()
    except OSError:  # nothing there (yet): the write says why it cannot, if it cannot
        return None
    kinds = [
        (stat.S_ISLNK, "is a symbolic link: write to the file it points to"),
        (stat.S_ISDIR, "is a directory"),
        (stat.S_ISCHR, "is a device, not a file"),
        (stat.S_ISBLK, "is a device, not a file"),
        (stat.S_ISFIFO, "is a named pipe, not a file"),
        (stat.S_ISSOCK, "is a socket, not a file"),
    ]
    for test, why in kinds:
        if test(status.st_mode):
            return why
    if not stat.S_ISREG(status.st_mode):
        return "is not a regular file"
    if status.st_nlink > 1:
        record = [progress, Path(f"{progress}.lock")]
        with contextlib.suppress(OSError, RuntimeError):
            record.append(Path(f"{progress.resolve()}.lock"))
        with contextlib.suppress(OSError):
            record += list(backups.iterdir())
        for place in record:
            try:
                other = place.stat()
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino):
                return f"is the same file as {place} (a hard link)"
    return None


def _forms(place: Path) -> set[str]:
    """``place`` as given (absolute, ``..`` folded) and resolved (links followed), in a
    form compared without letter case (as on macOS's and Windows' file systems)."""
    import os

    found = {_fold(Path(os.path.abspath(place)))}  # noqa: PTH100 (it folds "..", unresolved)
    with contextlib.suppress(OSError, RuntimeError):  # (RuntimeError: a loop of links)
        found.add(_fold(place.resolve()))
    return found


def _fold(place: Path) -> str:
    import os

    return os.path.normcase(str(place)).casefold()


def write_file(text: str, path: Path) -> None:
    """Write an export (or an imported curriculum) to ``path`` whole.

    The file is replaced atomically: a failure leaves the old file (or none). A file that
    existed keeps its permissions; a new one gets those a shell's ``>`` would give it (0666
    less the umask), not the owner-only mode of roadmap's own files: an export is made to be
    shared. A new file in the data directory (an imported curriculum) stays owner-only.
    Raises RoadmapError, with nothing written, when ``path`` is one roadmap must not write
    (:func:`check_output_target`: the progress file, a backup, a device...) or when the file
    cannot be written.
    """
    from roadmap_tracker.base import atomic

    check_output_target(path)
    mode = atomic.OWNER_ONLY if _in_data_dir(path) else atomic.shell_mode()
    try:
        atomic.write_atomic(
            path, text, durable=True, mode=mode, keep_mode=True, follow_symlinks=True
        )
    except atomic.ReplacedUnsynced as error:
        raise RoadmapError(
            f"Wrote {path}, but could not sync its directory: {error_reason(error)}.",
            "The file is in place; a crash of the machine now could still lose it.",
        ) from None
    except OSError as error:
        raise RoadmapError(
            f"Cannot write {path}: {error_reason(error)}; nothing was written.",
            "Choose another file with -o, or make its directory writable.",
        ) from None


def _in_data_dir(path: Path) -> bool:
    """Whether ``path`` lies in roadmap's data directory (an imported curriculum in
    ``curricula/``), where every file roadmap creates is owner-only.
    """
    from roadmap_tracker.base import paths

    return path.resolve().is_relative_to(paths.data_dir().resolve())
