"""The terminal: the one module that imports rich, and only for colour. It holds the console
all human output goes through, the decision to print colour or plain text, paging, printing
laid-out lines, and the pieces the layout and the drawing use (styled text, style spans,
markup escapes, cell widths: :mod:`.styled_text` and :mod:`.cells`, which print as rich
would without importing it).

Serves every command that draws a view. Output has colour on a terminal and none on a pipe or
in a file, unless the variables say otherwise (:func:`colour_choice`: ``NO_COLOR``,
``CLICOLOR_FORCE``, ``FORCE_COLOR``, ``CLICOLOR``). Without colour the console is a
:class:`.plain_console.PlainConsole` and rich is never imported (decision 66); commands that
print JSON never load it either.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from rich.console import Console as RichConsole
    from rich.console import ConsoleOptions, RenderableType

    from roadmap_tracker.cli.plain_console import PlainConsole
    from roadmap_tracker.cli.styled_text import OverflowMethod as OverflowMethod
    from roadmap_tracker.cli.styled_text import Span as Span
    from roadmap_tracker.cli.styled_text import StyledText

    Text: TypeAlias = StyledText
    """The text the layout builds and the console prints."""

    Console: TypeAlias = RichConsole | PlainConsole
    """The console: rich's with colour, else the plain one."""


@cache
def console() -> Console:
    """The console all human output goes through (stdout).

    Colour as :func:`colour_choice` says: off turns every style off, bold and dim too, not
    only colours (no ANSI code at all, as on a pipe); forced draws colour on a pipe too.
    Without colour it is a :class:`.plain_console.PlainConsole`, which prints what rich
    would without importing it; with colour, rich's console (:func:`printable_console`).
    Emoji codes are off either way: a title such as ``Week 1: :smile: basics`` prints as
    written.
    """
    import sys

    return _console_for(colour_choice(), sys.stdout, stderr=False)


def stderr_console() -> Console:
    """A console printing to standard error, with colour as :func:`console` decides it for
    standard output (deciding by standard error's own terminal)."""
    import sys

    return _console_for(colour_choice(), sys.stderr, stderr=True)


def _console_for(wanted: bool | None, stream: object, *, stderr: bool) -> Console:
    """The plain console when colour is off (``wanted`` False, or None and ``stream`` not a
    terminal that rich would colour), else rich's."""
    from roadmap_tracker.cli import plain_console

    if wanted is False or (wanted is None and not plain_console.colour_terminal(stream)):
        return plain_console.PlainConsole(stderr=stderr)
    return printable_console()(
        stderr=stderr,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        color_system="auto",
        force_terminal=True if wanted else None,
    )


def colour_choice() -> bool | None:
    """Whether the environment asks for colour: False (none), True (colour even on a pipe or
    in a file), None (colour on a terminal only, the default). In order, the first that is
    set wins:

    - ``NO_COLOR`` not empty: False (https://no-color.org; it wins over the forcing ones,
      as in uv and clig.dev);
    - ``CLICOLOR_FORCE`` not empty and not ``0``, or ``FORCE_COLOR`` not empty: True;
    - ``CLICOLOR=0``: False (https://bixense.com/clicolors).
    """
    import os

    environ = os.environ
    if environ.get("NO_COLOR"):
        return False
    if environ.get("CLICOLOR_FORCE", "0") not in ("", "0") or environ.get("FORCE_COLOR"):
        return True
    if environ.get("CLICOLOR") == "0":
        return False
    return None


@cache
def printable_console() -> type[RichConsole]:
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
def paged(enabled: bool = True) -> Iterator[None]:
    """Page what the block prints when stdout is a terminal and it is taller than the screen
    (and ``enabled``: False is ``--no-pager``).

    The pager is :func:`pager_command`'s, run by the shell with ``LESS=FRX`` unless ``LESS``
    is set, as git does: colours pass, and the text stays on the screen after quitting.
    Output to a pipe or a file is never paged; ``ROADMAP_PAGER=cat`` (or empty) turns paging
    off.
    """
    out = console()
    if not enabled or not out.file.isatty():  # (not is_terminal: CLICOLOR_FORCE sets it)
        yield
        return
    screen, held = out.file, _TerminalBuffer()
    out.file = held
    try:
        yield
    finally:
        out.file = screen
    text = held.getvalue()
    command = pager_command()
    if command is None or text.count("\n") < out.size.height or not _page(command, text):
        screen.write(text)
        screen.flush()


def pager_command() -> str | None:
    """The pager, a shell command: ``$ROADMAP_PAGER`` when set, else ``$PAGER`` when set, else
    ``less`` when it is installed; None (no pager) when that is empty or ``cat``, or there is
    no ``less``. Never ``$MANPAGER`` (Python's :func:`pydoc.pager` lets it win over
    ``$PAGER``: bat's recommended MANPAGER then printed escape codes as text).
    """
    import os
    import shutil

    for name in ("ROADMAP_PAGER", "PAGER"):
        if name in os.environ:
            command = os.environ[name].strip()
            return None if command in ("", "cat") else command
    return "less" if shutil.which("less") else None


def _page(command: str, text: str) -> bool:
    """Give ``text`` to the pager ``command`` (run by the shell, with ``LESS`` defaulting to
    ``FRX``) and wait for it; False when the shell could not find the command (exit 127),
    so that the text is printed instead. The pager quitting before reading everything, and
    Ctrl-C while it runs (the pager's to handle), are not errors.
    """
    import os
    import subprocess
    import sys

    environ = dict(os.environ)
    environ.setdefault("LESS", "FRX")
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    process = subprocess.Popen(
        command,
        shell=True,
        stdin=subprocess.PIPE,
        env=environ,
        encoding=encoding,
        errors="replace",
    )
    assert process.stdin is not None
    try:
        with process.stdin as pipe:
            pipe.write(text)
    except (OSError, KeyboardInterrupt):  # the pager quit early
        pass
    while True:
        try:
            return process.wait() != 127
        except KeyboardInterrupt:  # less keeps running on Ctrl-C: wait for it
            continue


def colour(out: Console) -> bool:
    """Whether the console prints styles (else it prints plain text)."""
    return out.color_system is not None or out.record


def print_lines(text: str, spans: Sequence[tuple[int, int, str]], *, exact: bool = False) -> None:
    """Print lines that fit the console already, with style ``spans``. Without colour (output
    to a pipe or a file, or ``NO_COLOR``) the text is written as the console would print it
    (without control characters) and without spaces at the ends of lines (a table's padding),
    but without rich splitting it into segments line by line.

    In colour, rich wraps the text again at the console's width (a line that fits stays as
    it is, but for whitespace at its end beyond the width in characters); ``exact`` prints
    every line as it is, as rich prints the lines of a Table.
    """
    out = console()
    if colour(out):
        from rich.text import Span as RichSpan
        from rich.text import Text

        lines = Text(
            text, spans=[RichSpan(*span) for span in spans], no_wrap=True, overflow="ignore"
        )
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
    """A styled text (:class:`.styled_text.StyledText`) of ``plain`` in ``style``, with
    style ``spans``."""
    from roadmap_tracker.cli.styled_text import StyledText

    return StyledText(plain, style, spans=spans, no_wrap=no_wrap, overflow=overflow)


def from_markup(markup: str, style: str = "") -> Text:
    """A styled text of console markup (``[bold]...[/]``), in ``style``; emoji codes stay
    as written. Raises :class:`.styled_text.MarkupError` for a closing tag that closes
    nothing."""
    from roadmap_tracker.cli.styled_text import from_markup as read_markup

    return read_markup(markup, style)


def span(start: int, end: int, style: str) -> Span:
    """A style span of a text: ``style`` from ``start`` to ``end``."""
    from roadmap_tracker.cli.styled_text import Span

    return Span(start, end, style)


def escape(markup: str) -> str:
    """``markup`` with what console markup would read as a style (``[bold]``) escaped, so
    that it prints as written."""
    from roadmap_tracker.cli.styled_text import escape as escape_markup

    return escape_markup(markup)


def cell_len(plain: str) -> int:
    """How many terminal cells ``plain`` takes (wide characters take two)."""
    from roadmap_tracker.cli.cells import cell_len as cells

    return cells(plain)


def set_cell_size(plain: str, width: int) -> str:
    """``plain`` cut or padded with spaces to ``width`` cells."""
    from roadmap_tracker.cli.cells import set_cell_size as sized

    return sized(plain, width)
