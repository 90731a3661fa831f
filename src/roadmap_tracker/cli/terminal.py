"""The terminal: the one module that imports rich. It holds the console all human output goes
through, the decision to print colour or plain text, paging, printing laid-out lines, and the
few pieces of rich the layout and the drawing use (text, style spans, markup escapes, cell
widths), each imported inside the function that needs it.

Serves every command that draws a view. Commands that print JSON never load rich. Output
has no colour or ANSI codes when stdout is not a terminal or ``NO_COLOR`` is set (rich's own
rules).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console as Console
    from rich.console import ConsoleOptions, OverflowMethod, RenderableType
    from rich.text import Span as Span
    from rich.text import Text as Text


@cache
def console() -> Console:
    """The console all human output goes through (stdout).

    Emoji codes are off: a title such as ``Week 1: :smile: basics`` prints as written, and
    rich does not load its table of 4,000 emoji names (about 2 ms) on every command.
    ``NO_COLOR`` (set and not empty, https://no-color.org) turns every style off, bold and
    dim too, not only colours: no ANSI code at all, as on a pipe.
    """
    import os

    plain = bool(os.environ.get("NO_COLOR"))
    return printable_console()(
        highlight=False, soft_wrap=False, emoji=False, color_system=None if plain else "auto"
    )


@cache
def printable_console() -> type[Console]:
    """The class of roadmap's consoles: a rich Console that prints the text of curricula and
    of the record without its control characters (:func:`roadmap_tracker.base.printable.printable`):
    an escape sequence in a title or a journal entry is printed as the text around it, and
    cannot clear the screen or set the terminal's title. The codes rich writes for styles are
    added after this, and stay. Plain output ends no line with spaces.
    """
    from rich.console import Console
    from rich.segment import Segment

    from roadmap_tracker.base.printable import printable

    class PrintableConsole(Console):
        def render(
            self, renderable: RenderableType, options: ConsoleOptions | None = None
        ) -> Iterable[Segment]:
            # Every renderable comes down to segments here (rich renders nested ones through
            # this method too); control segments are rich's own cursor moves.
            for segment in super().render(renderable, options):
                text = segment.text
                if segment.control is None and text != "\n" and not text.isprintable():
                    segment = Segment(printable(text), segment.style)
                yield segment

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            # Plain text (a pipe, a file, NO_COLOR) ends no line with spaces: the padding of a
            # table's last column and the space rich leaves where it wraps a sentence.
            rendered = super()._render_buffer(buffer)
            if self.color_system is None and " \n" in rendered:
                import re

                rendered = re.sub(r" +\n", "\n", rendered)
            return rendered

    return PrintableConsole


class _TerminalBuffer(io.StringIO):
    """Output held back for the pager: text, from a console that still draws for a terminal."""

    def isatty(self) -> bool:
        return True


@contextmanager
def paged() -> Iterator[None]:
    """Page what the block prints when stdout is a terminal and it is taller than the screen.

    The pager is ``$PAGER`` (else ``less``, else ``more``: Python's :func:`pydoc.pager`),
    with ``LESS=FRX`` unless ``LESS`` is set, as git does: colours pass, and the text stays on
    the screen after quitting. Output to a pipe or a file is never paged; ``PAGER=cat``
    turns paging off.
    """
    out = console()
    if not out.is_terminal:
        yield
        return
    screen, held = out.file, _TerminalBuffer()
    out.file = held
    try:
        yield
    finally:
        out.file = screen
    text = held.getvalue()
    if text.count("\n") < out.size.height:
        screen.write(text)
        screen.flush()
        return
    import os
    import pydoc

    os.environ.setdefault("LESS", "FRX")
    pydoc.pager(text)


def colour(out: Console) -> bool:
    """Whether the console prints styles (else it prints plain text)."""
    return out.color_system is not None or out.record


def print_lines(text: str, spans: list[Span], *, exact: bool = False) -> None:
    """Print lines that fit the console already, with style ``spans``. Without colour (output
    to a pipe or a file, or ``NO_COLOR``) the text is written as the console would print it
    (without control characters) and without spaces at the ends of lines (a table's padding),
    but without rich splitting it into segments line by line.

    In colour, rich wraps the text again at the console's width (a line that fits stays as
    it is, but for whitespace at its end beyond the width in characters); ``exact`` prints
    every line as it is, as rich prints the lines of a Table.
    """
    from rich.text import Text

    out = console()
    if colour(out):
        lines = Text(text, spans=spans, no_wrap=True, overflow="ignore")
        if exact:
            out.print(lines, crop=False, no_wrap=True, overflow="ignore")
        else:
            out.print(lines, crop=False)
        return
    from roadmap_tracker.base.printable import printable

    plain = "\n".join(line.rstrip() for line in printable(text).split("\n"))
    out.file.write(plain + "\n")
    out.file.flush()


def text(
    plain: str = "",
    style: str = "",
    *,
    spans: list[Span] | None = None,
    no_wrap: bool | None = None,
    overflow: OverflowMethod | None = None,
) -> Text:
    """A rich Text of ``plain`` in ``style``, with style ``spans``."""
    from rich.text import Text

    return Text(plain, style, spans=spans, no_wrap=no_wrap, overflow=overflow)


def from_markup(markup: str, style: str = "") -> Text:
    """A rich Text of console markup (``[bold]...[/]``), in ``style``; emoji codes stay as
    written."""
    from rich.text import Text

    return Text.from_markup(markup, style=style, emoji=False)


def span(start: int, end: int, style: str) -> Span:
    """A style span of a Text: ``style`` from ``start`` to ``end``."""
    from rich.text import Span

    return Span(start, end, style)


def escape(markup: str) -> str:
    """``markup`` with what console markup would read as a style (``[bold]``) escaped, so
    that it prints as written."""
    from rich.markup import escape as escape_markup

    return escape_markup(markup)


def cell_len(plain: str) -> int:
    """How many terminal cells ``plain`` takes (wide characters take two)."""
    from rich.cells import cell_len as cells

    return cells(plain)


def set_cell_size(plain: str, width: int) -> str:
    """``plain`` cut or padded with spaces to ``width`` cells."""
    from rich.cells import set_cell_size as sized

    return sized(plain, width)
