"""The console of plain output (a pipe, a file, ``NO_COLOR``): it prints console markup and
styled text as rich's Console prints them without colour, byte for byte, without importing
rich (about a quarter of a read command's time was rich's import).

What it does is what rich 15's ``Console.print`` does with roadmap's settings (no
highlighting, no emoji codes, no soft wrap) for the arguments roadmap passes (Copyright (c)
2020 Will McGugan, MIT licence): markup read (:func:`.styled_text.from_markup`), tabs
expanded to 8 cells, each line wrapped by words to the console's width
(:meth:`.styled_text.StyledText.wrap`), lines cut to the width unless ``crop=False``, then
what roadmap's rich console adds: no control characters
(:func:`roadmap_tracker.base.printable.printable`) and no spaces at the ends of lines.

Serves :func:`.terminal.console`, which returns one when colour is off.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any, NamedTuple

from roadmap_tracker.cli.cells import cell_len, set_cell_size
from roadmap_tracker.cli.styled_text import (
    OverflowMethod,
    StyledText,
    markup_plain,
    strip_control_codes,
)


class ConsoleSize(NamedTuple):
    """A console's size in terminal cells (columns) and lines."""

    width: int
    height: int


class PlainOptions(NamedTuple):
    """What the drawing asks a console about its output: ``ascii_only`` when the stream's
    encoding is not a UTF one (rich's ``ConsoleOptions.ascii_only``: boxes drawn with ``|``,
    ``-`` and ``+``)."""

    ascii_only: bool


class _NullFile:
    """Where a console writes when there is no standard output (rich's ``NullFile``)."""

    def write(self, text: str) -> int:
        return 0

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class PlainConsole:
    """A console printing text without styles, as rich's Console does with no colour system.

    ``width`` and ``size`` are rich's: as given, else ``COLUMNS`` and ``LINES`` when they
    are numbers (read when the console is made), else the size of the terminal on standard
    input, output or error, else 80 columns and 25 lines (a ``dumb`` terminal is 80 by 25).
    ``file`` is standard output (standard error with ``stderr``) unless set.
    ``options.ascii_only`` is true when the file's encoding does not start with ``utf``.
    """

    color_system: str | None = None
    """No colour system: plain text (what :func:`.terminal.colour` reads)."""
    record = False
    """Nothing is recorded for export (rich's ``record``)."""

    def __init__(
        self,
        *,
        file: IO[str] | None = None,
        stderr: bool = False,
        width: int | None = None,
        height: int | None = None,
    ) -> None:
        self.stderr = stderr
        self._file = file
        columns = os.environ.get("COLUMNS")
        lines = os.environ.get("LINES")
        if width is None and columns is not None and columns.isdigit():
            width = int(columns)
        if height is None and lines is not None and lines.isdigit():
            height = int(lines)
        self._width = width
        self._height = height

    @property
    def file(self) -> Any:
        """The stream printed to."""
        file = self._file or (sys.stderr if self.stderr else sys.stdout)
        file = getattr(file, "rich_proxied_file", file)
        return _NullFile() if file is None else file

    @file.setter
    def file(self, new_file: Any) -> None:
        self._file = new_file

    @property
    def encoding(self) -> str:
        """The file's encoding, lower case (``utf-8`` when it has none)."""
        return (getattr(self.file, "encoding", "utf-8") or "utf-8").lower()

    @property
    def options(self) -> PlainOptions:
        """What the drawing asks about the output: whether it is ASCII only."""
        return PlainOptions(ascii_only=not self.encoding.startswith("utf"))

    @property
    def is_terminal(self) -> bool:
        """Whether the file is a terminal, as rich decides it (:func:`is_terminal`)."""
        return is_terminal(self.file)

    @property
    def size(self) -> ConsoleSize:
        """The console's width and height (see the class)."""
        if self._width is not None and self._height is not None:
            return ConsoleSize(self._width, self._height)
        if self.is_terminal and _dumb_terminal():
            return ConsoleSize(80, 25)
        width: int | None = None
        height: int | None = None
        for descriptor in (1, 2) if sys.platform == "win32" else (0, 1, 2):
            try:
                width, height = os.get_terminal_size(descriptor)
            except (AttributeError, ValueError, OSError):
                pass
            else:
                break
        columns = os.environ.get("COLUMNS")
        if columns is not None and columns.isdigit():
            width = int(columns)
        lines = os.environ.get("LINES")
        if lines is not None and lines.isdigit():
            height = int(lines)
        width = width or 80
        height = height or 25
        return ConsoleSize(
            width if self._width is None else self._width,
            height if self._height is None else self._height,
        )

    @property
    def width(self) -> int:
        """The console's width in cells."""
        return self.size.width

    @property
    def height(self) -> int:
        """The console's height in lines."""
        return self.size.height

    def print(
        self,
        *objects: object,
        sep: str = " ",
        end: str = "\n",
        style: str | None = None,
        overflow: OverflowMethod | None = None,
        no_wrap: bool | None = None,
        markup: bool | None = None,
        highlight: bool | None = None,
        crop: bool = True,
        soft_wrap: bool | None = None,
    ) -> None:
        """Print ``objects`` (console markup unless ``markup=False``, styled text, or
        anything else as ``str`` gives it), ``sep`` between them and ``end`` after, as rich
        prints them without colour: each line wrapped by words to the width (``no_wrap``:
        not wrapped; ``overflow``: what a word or line too long becomes, ``"fold"`` by
        default), lines cut to the width (unless ``crop=False``), ``soft_wrap`` for neither.
        ``style`` and ``highlight`` change nothing without colour.

        Raises MarkupError (:mod:`.styled_text`) for a closing tag that closes nothing, and
        what the file's write raises.
        """
        if soft_wrap:
            no_wrap = True if no_wrap is None else no_wrap
            overflow = overflow or "ignore"
            crop = False
        texts = [self._text_of(item, markup) for item in objects] or [StyledText()]
        text = StyledText(sep).join(texts) if len(texts) > 1 else texts[0]
        width = self.width
        if width < 1:  # (rich renders nothing in no room)
            return
        # (the text's own justify, overflow and no_wrap are not read: rich prints a copy
        # joined with the separator, which has none)
        plain = text.plain
        if "\t" not in plain and all(cell_len(line) <= width for line in plain.split("\n")):
            rendered = plain + end  # every line fits: wrapping would keep each as it is
        else:
            lines = text.wrap(
                self, width, justify="default", overflow=overflow or "fold", no_wrap=bool(no_wrap)
            )
            rendered = "\n".join(line.plain for line in lines) + end
        from roadmap_tracker.base.printable import printable

        rendered = printable(rendered)
        if crop:
            rendered = "\n".join(_crop(line, width) for line in rendered.split("\n"))
        if " \n" in rendered:
            import re

            rendered = re.sub(r" +\n", "\n", rendered)
        self.file.write(rendered)
        self.file.flush()

    @staticmethod
    def _text_of(item: object, markup: bool | None) -> StyledText:
        if isinstance(item, StyledText):
            return item
        if isinstance(item, str):
            return StyledText(item if markup is False else markup_plain(item))
        return StyledText(strip_control_codes(str(item)))


def is_terminal(file: Any) -> bool:
    """Whether ``file`` is a terminal as rich's Console decides it: ``TTY_COMPATIBLE=1`` or
    ``0`` says so, then ``FORCE_COLOR`` when set (a terminal unless empty), else the file's
    ``isatty()`` (a closed file is not one)."""
    environ = os.environ
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force_color = environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    isatty = getattr(file, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:  # a closed file
        return False


def colour_terminal(file: Any) -> bool:
    """Whether rich's Console, left to decide (``color_system="auto"``), draws colour on
    ``file``: a terminal (:func:`is_terminal`) that is not a ``dumb`` one (``TERM``)."""
    return is_terminal(file) and not _dumb_terminal()


def _dumb_terminal() -> bool:
    return os.environ.get("TERM", "").lower() in ("dumb", "unknown")


def _crop(line: str, width: int) -> str:
    """``line`` cut to ``width`` cells when wider (rich's ``Segment.adjust_line_length``
    without padding)."""
    return set_cell_size(line, width) if cell_len(line) > width else line
