"""Sentences for people, wrapped to the terminal they are read on: error messages, hints,
candidate lists and prompts (what rich does not draw; the views wrap through the console).

On a terminal a sentence breaks between words at the terminal's width (``COLUMNS`` when set,
as :func:`shutil.get_terminal_size` reads it, else the terminal's own); to a pipe or a file it
stays on one line, so that a script or a log keeps one line per sentence (clig.dev: wrap for
people, not for machines). Words are never cut: an id or a path longer than the line stays
whole. Imports nothing heavier than :mod:`textwrap`. Also the width click's plain help is
laid out at (:func:`terminal_columns`).
"""

from __future__ import annotations

from typing import Any

MIN_WIDTH = 20
"""The narrowest width a sentence wraps to; a narrower terminal gets lines of this width."""


def terminal_width(stream: Any) -> int | None:
    """The width in cells of the terminal ``stream`` writes to (``COLUMNS`` when it is set to
    a number), or None when ``stream`` is not a terminal (a pipe, a file, a test's buffer).
    """
    import os

    try:
        if stream is None or not stream.isatty():
            return None
    except (AttributeError, ValueError):  # a closed or a stand-in stream
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    try:
        return max(MIN_WIDTH, os.get_terminal_size(stream.fileno()).columns)
    except (AttributeError, OSError, ValueError):
        return 80


def terminal_columns() -> int:
    """The terminal's width in cells, as :func:`shutil.get_terminal_size` gives it (without
    importing shutil, which loads the compression modules on every start): ``COLUMNS`` when
    a positive number, else the size of the terminal on standard output, else 80.
    """
    import os
    import sys

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def wrap(text: str, width: int | None, indent: str = "", hanging: str | None = None) -> str:
    """``text`` with each of its lines broken between words into lines of at most ``width``
    cells (one line each when ``width`` is None), the first line of each after ``indent``,
    the lines it continues on after ``hanging`` (default: ``indent``). A word longer than a
    line (a path, a URL) stays whole on a line of its own.
    """
    import textwrap

    hanging = indent if hanging is None else hanging
    if width is None:
        return "\n".join(indent + line for line in text.split("\n"))
    lines: list[str] = []
    for line in text.split("\n"):
        lines += textwrap.wrap(
            line,
            width,
            initial_indent=indent,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [indent.rstrip()]
    return "\n".join(lines)


def for_stderr(text: str, indent: str = "", hanging: str | None = None) -> str:
    """``text`` wrapped (:func:`wrap`) to the terminal standard error is on, if it is one."""
    import sys

    return wrap(text, terminal_width(sys.stderr), indent, hanging)


def for_prompt(text: str, indent: str = "", hanging: str | None = None, answer: int = 0) -> str:
    """``text`` of a prompt (a question, the items it is about) wrapped to the terminal the
    learner answers on: standard error's, else standard output's (a prompt is asked only
    when one of them is a terminal), leaving ``answer`` cells for what follows the question
    (`` [y/N]: ``)."""
    import sys

    width = terminal_width(sys.stderr) or terminal_width(sys.stdout)
    return wrap(text, None if width is None else max(MIN_WIDTH, width - answer), indent, hanging)


CONFIRM = len(" [y/N]: ")
"""The cells a confirmation adds after its question."""
