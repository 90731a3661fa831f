"""The git files of a data directory that ``roadmap sync`` keeps in git: ``.gitignore`` (what
is machine-local and must not travel) and ``.gitattributes`` (how git merges the record).

Only the record travels: ``progress.yaml``, the learner's ``curricula/`` and these two files.
The lock (``progress.yaml.lock`` and the ``progress.yaml.lock.waiting/`` queue), the running
timers (``timers.json``), backups, crash logs and the temporary files of atomic writes
(``.progress.yaml.*.tmp``) stay on the machine. The cache lives outside the data directory
(:func:`~roadmap_tracker.base.paths.cache_dir`), so no pickle is ever in git.
``progress.yaml merge=union``: git merges two machines' record lines by keeping both sides'
lines.

:func:`write_git_files` adds the lines that are missing and keeps every line a learner wrote.
"""

from __future__ import annotations

from pathlib import Path

GITIGNORE_LINES = (
    "*.lock",
    "*.lock.waiting/",
    "backups/",
    "logs/",
    ".*.tmp",
    "groups/",
    "timers.json",
)
"""What stays on the machine: the lock and its queue, backups, logs, temporary files, the
study group's repository (``roadmap group``: a git repository of its own) and the running
timers (``roadmap timer``: a timer runs where it was started, decision 54)."""

GITATTRIBUTES_LINES = ("progress.yaml merge=union",)
"""How git merges the record: both machines' lines are kept (decision 50)."""

_HEADERS = {
    ".gitignore": "# Written by roadmap sync: what stays on this machine.\n",
    ".gitattributes": "# Written by roadmap sync: git keeps both machines' lines of the record.\n",
}


def write_git_files(directory: Path) -> list[str]:
    """Write ``.gitignore`` and ``.gitattributes`` in ``directory`` (the data directory), adding
    the lines roadmap needs that they miss and keeping the others; return the names of the
    files changed ([] when both were complete already).

    Raises OSError when a file cannot be read or written.
    """
    changed = []
    for name, lines in ((".gitignore", GITIGNORE_LINES), (".gitattributes", GITATTRIBUTES_LINES)):
        if _add_lines(directory / name, lines):
            changed.append(name)
    return changed


def _add_lines(path: Path, lines: tuple[str, ...]) -> bool:
    """Append the ``lines`` that ``path`` does not hold (compared without surrounding blanks);
    True when it changed.
    """
    from roadmap_tracker.base.atomic import shell_mode, write_atomic

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in present]
    if not missing:
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    if not text:
        text = _HEADERS.get(path.name, "")
    text += "".join(f"{line}\n" for line in missing)
    write_atomic(path, text, durable=True, mode=shell_mode(), keep_mode=True)
    return True
