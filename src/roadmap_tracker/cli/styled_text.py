"""Styled text without rich: a string with style spans (:class:`StyledText`), console
markup read into it (:func:`from_markup`) and escaped (:func:`escape`), and word wrapping to
a width in terminal cells (:meth:`StyledText.wrap`), each as rich does it, so that plain
output (a pipe, a file, ``NO_COLOR``) never imports rich and prints what rich printed, byte
for byte.

Ported from rich 15 (Copyright (c) 2020 Will McGugan, MIT licence): ``rich/text.py``
(``Text`` and ``Span``: the operations roadmap's layout uses), ``rich/markup.py`` (the tag
regular expression, the escape rules and ``render``), ``rich/_wrap.py`` (``divide_line``)
and ``rich/containers.py`` (``Lines.justify``, without ``full``). A style is a rich style
definition (``"bold yellow"``), kept as a string: only the colour path
(:meth:`StyledText.__rich__`) reads it, through rich. Emoji codes (``:smile:``) stay as
written, as roadmap's console prints them.

Serves :mod:`.layout` (grids, tables, trees), :mod:`.plain_console` and :mod:`.terminal`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal, NamedTuple

from roadmap_tracker.cli.cells import cell_len, chop_cells, set_cell_size

if TYPE_CHECKING:
    from rich.text import Text

JustifyMethod = Literal["default", "left", "center", "right", "full"]
OverflowMethod = Literal["fold", "crop", "ellipsis", "ignore"]

_STRIPPED_CONTROLS = {7: None, 8: None, 11: None, 12: None, 13: None}
"""What rich's Text leaves out of any text it is given: BEL, BS, VT, FF and CR."""

_TRAILING_SPACE = re.compile(r"\s+$")


def strip_control_codes(text: str) -> str:
    """``text`` without BEL, backspace, vertical tab, form feed and carriage return, which
    rich's Text drops from every string it holds (other control characters stay until the
    console prints: :func:`roadmap_tracker.base.printable.printable`)."""
    return text.translate(_STRIPPED_CONTROLS)


class Span(NamedTuple):
    """A style over ``start`` to ``end`` (character offsets, end excluded) of a text."""

    start: int
    end: int
    style: str

    def extend(self, cells: int) -> Span:
        """The span with ``cells`` more characters at its end."""
        return Span(self.start, self.end + cells, self.style) if cells else self


class StyledText:
    """Text with style spans, as rich's ``Text``: ``plain`` (without BEL, backspace,
    vertical tab, form feed and carriage return), ``spans`` (:class:`Span`), a ``style``
    under the whole, and how a console prints it (``justify``, ``overflow``, ``no_wrap``,
    ``end``, ``tab_size``). Offsets count characters; widths count terminal cells.
    """

    __slots__ = (
        "_length",
        "_spans",
        "_text",
        "end",
        "justify",
        "no_wrap",
        "overflow",
        "style",
        "tab_size",
    )

    def __init__(
        self,
        text: str = "",
        style: str = "",
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        no_wrap: bool | None = None,
        end: str = "\n",
        tab_size: int | None = None,
        spans: list[Span] | None = None,
    ) -> None:
        text = strip_control_codes(text)
        self._text = [text]
        self.style = style
        self.justify = justify
        self.overflow = overflow
        self.no_wrap = no_wrap
        self.end = end
        self.tab_size = tab_size
        self._spans: list[Span] = spans or []
        self._length = len(text)

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return bool(self._length)

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"<styled text {self.plain!r} {self._spans!r} {self.style!r}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StyledText):
            return NotImplemented
        return self.plain == other.plain and self._spans == other._spans

    __hash__ = None  # type: ignore[assignment]  # (mutable, as rich's Text)

    def __contains__(self, other: object) -> bool:
        if isinstance(other, str):
            return other in self.plain
        if isinstance(other, StyledText):
            return other.plain in self.plain
        return False

    def __add__(self, other: object) -> StyledText:
        if isinstance(other, str | StyledText):
            result = self.copy()
            result.append(other)
            return result
        return NotImplemented

    def __rich__(self) -> Text:
        """This text as a rich Text (rich is imported: the colour path only)."""
        from rich.text import Span as RichSpan
        from rich.text import Text

        return Text(
            self.plain,
            self.style,
            justify=self.justify,
            overflow=self.overflow,
            no_wrap=self.no_wrap,
            end=self.end,
            tab_size=self.tab_size,
            spans=[RichSpan(*span) for span in self._spans],
        )

    @property
    def plain(self) -> str:
        """The text, without its styles."""
        if len(self._text) != 1:
            self._text[:] = ["".join(self._text)]
        return self._text[0]

    @plain.setter
    def plain(self, new_text: str) -> None:
        if new_text != self.plain:
            new_text = strip_control_codes(new_text)
            self._text[:] = [new_text]
            old_length = self._length
            self._length = len(new_text)
            if old_length > self._length:
                self._trim_spans()

    @property
    def spans(self) -> list[Span]:
        """The style spans (the list itself, not a copy)."""
        return self._spans

    @spans.setter
    def spans(self, spans: list[Span]) -> None:
        self._spans = spans[:]

    @property
    def cell_len(self) -> int:
        """The cells the text takes in a terminal."""
        return cell_len(self.plain)

    def blank_copy(self, plain: str = "") -> StyledText:
        """A text of ``plain`` with this one's style and printing settings, without spans."""
        return StyledText(
            plain,
            style=self.style,
            justify=self.justify,
            overflow=self.overflow,
            no_wrap=self.no_wrap,
            end=self.end,
            tab_size=self.tab_size,
        )

    def copy(self) -> StyledText:
        """A copy of this text."""
        copied = self.blank_copy(self.plain)
        copied._spans[:] = self._spans
        return copied

    def rstrip(self) -> None:
        """Remove whitespace from the end."""
        self.plain = self.plain.rstrip()

    def rstrip_end(self, size: int) -> None:
        """Remove whitespace from the end beyond ``size`` characters."""
        length = len(self)
        if length > size:
            excess = length - size
            found = _TRAILING_SPACE.search(self.plain)
            if found is not None:
                self.right_crop(min(len(found.group(0)), excess))

    def right_crop(self, amount: int = 1) -> None:
        """Remove ``amount`` characters from the end (none when ``amount`` is not positive),
        and the styles of what was removed."""
        if amount <= 0:
            return
        self._text = [self.plain[:-amount]]
        self._length -= amount
        self._trim_spans()

    def truncate(
        self, max_width: int, *, overflow: OverflowMethod | None = None, pad: bool = False
    ) -> None:
        """Cut the text to ``max_width`` cells when wider (``overflow`` ``"ellipsis"``: its
        last cell an ellipsis; ``"ignore"``: not cut), and with ``pad``, pad it with spaces
        to ``max_width`` when narrower."""
        method = overflow or self.overflow or "fold"
        if method != "ignore":
            length = cell_len(self.plain)
            if length > max_width:
                if method == "ellipsis":
                    self.plain = set_cell_size(self.plain, max_width - 1) + "…"
                else:
                    self.plain = set_cell_size(self.plain, max_width)
            if pad and length < max_width:
                spaces = max_width - length
                self._text = [f"{self.plain}{' ' * spaces}"]
                self._length = len(self.plain)

    def _trim_spans(self) -> None:
        """Drop the styles past the end of the text, and cut those that run over it."""
        max_offset = len(self.plain)
        self._spans[:] = [
            span
            if span.end < max_offset
            else Span(span.start, min(max_offset, span.end), span.style)
            for span in self._spans
            if span.start < max_offset
        ]

    def pad_left(self, count: int, character: str = " ") -> None:
        """Put ``count`` of ``character`` before the text."""
        if count:
            self.plain = f"{character * count}{self.plain}"
            self._spans[:] = [
                Span(start + count, end + count, style) for start, end, style in self._spans
            ]

    def pad_right(self, count: int, character: str = " ") -> None:
        """Put ``count`` of ``character`` after the text."""
        if count:
            self.plain = f"{self.plain}{character * count}"

    def extend_style(self, spaces: int) -> None:
        """Add ``spaces`` spaces in the style of the last character."""
        if spaces <= 0:
            return
        new_spaces = " " * spaces
        if self._spans:
            end_offset = len(self)
            self._spans[:] = [
                span.extend(spaces) if span.end >= end_offset else span for span in self._spans
            ]
            self._text.append(new_spaces)
            self._length += spaces
        else:
            self.plain += new_spaces

    def append(self, text: StyledText | str, style: str | None = None) -> StyledText:
        """Add ``text`` at the end: a string in ``style``, or a styled text; returns self.

        Raises ValueError when a style is given with a styled text."""
        if len(text):
            if isinstance(text, str):
                text = strip_control_codes(text)
                self._text.append(text)
                offset = len(self)
                if style:
                    self._spans.append(Span(offset, offset + len(text), style))
                self._length += len(text)
            else:
                if style is not None:
                    raise ValueError("style must not be set when appending a styled text")
                self.append_text(text)
        return self

    def append_text(self, text: StyledText) -> StyledText:
        """Add a styled text at the end, with its styles; returns self."""
        offset = self._length
        if text.style:
            self._spans.append(Span(offset, offset + len(text), text.style))
        self._text.append(text.plain)
        self._spans.extend(
            Span(start + offset, end + offset, style) for start, end, style in text._spans.copy()
        )
        self._length += len(text)
        return self

    def join(self, lines: Iterable[StyledText]) -> StyledText:
        """``lines`` joined with this text between them."""
        joined = self.blank_copy()

        def pieces() -> Iterator[StyledText]:
            if self.plain:
                previous = None
                for line in lines:
                    if previous is not None:
                        yield previous
                        yield self
                    previous = line
                if previous is not None:
                    yield previous
            else:
                yield from lines

        offset = 0
        for text in pieces():
            joined._text.extend(text._text)
            if text.style:
                joined._spans.append(Span(offset, offset + len(text), text.style))
            joined._spans.extend(
                Span(offset + start, offset + end, style) for start, end, style in text._spans
            )
            offset += len(text)
        joined._length = offset
        return joined

    def split(
        self, separator: str = "\n", *, include_separator: bool = False, allow_blank: bool = False
    ) -> list[StyledText]:
        """The text cut at each ``separator`` (kept at the end of each piece with
        ``include_separator``); a separator at the very end makes a blank last piece only
        with ``allow_blank``."""
        text = self.plain
        if separator not in text:
            return [self.copy()]
        if include_separator:
            lines = self.divide(found.end() for found in re.finditer(re.escape(separator), text))
        else:

            def bounds() -> Iterator[int]:
                for found in re.finditer(re.escape(separator), text):
                    start, end = found.span()
                    yield start
                    yield end

            lines = [line for line in self.divide(bounds()) if line.plain != separator]
        if not allow_blank and text.endswith(separator):
            lines.pop()
        return lines

    def divide(self, offsets: Iterable[int]) -> list[StyledText]:
        """The text cut at ``offsets`` (in order), each piece with its part of the spans."""
        cuts = list(offsets)
        if not cuts:
            return [self.copy()]
        text = self.plain
        bounds = [0, *cuts, len(text)]
        ranges = list(itertools.pairwise(bounds))
        lines = [
            StyledText(
                text[start:end], style=self.style, justify=self.justify, overflow=self.overflow
            )
            for start, end in ranges
        ]
        if not self._spans:
            return lines
        count = len(ranges)
        for span_start, span_end, style in self._spans:
            # (rich's binary searches, kept as they are: the spans land where rich puts them)
            first = _line_of(ranges, span_start, 0, count, count // 2)
            if span_end < ranges[first][1]:
                last = first
            else:
                last = _line_of(ranges, span_end, first, count, first)
            for number in range(first, last + 1):
                line_start, line_end = ranges[number]
                new_start = max(0, span_start - line_start)
                new_end = min(span_end - line_start, line_end - line_start)
                if new_end > new_start:
                    lines[number]._spans.append(Span(new_start, new_end, style))
        return lines

    def expand_tabs(self, tab_size: int | None = None) -> None:
        """Replace each tab by the spaces up to the next tab stop (every ``tab_size`` cells,
        else the text's own, else 8)."""
        if "\t" not in self.plain:
            return
        if tab_size is None:
            tab_size = self.tab_size
        if tab_size is None:
            tab_size = 8
        pieces: list[StyledText] = []
        for line in self.split("\n", include_separator=True):
            if "\t" not in line.plain:
                pieces.append(line)
                continue
            position = 0
            for part in line.split("\t", include_separator=True):
                if part.plain.endswith("\t"):
                    part._text[-1] = part._text[-1][:-1] + " "
                    position += part.cell_len
                    remainder = position % tab_size
                    if remainder:
                        spaces = tab_size - remainder
                        part.extend_style(spaces)
                        position += spaces
                else:
                    position += part.cell_len
                pieces.append(part)
        result = StyledText("").join(pieces)
        self._text = [result.plain]
        self._length = len(self.plain)
        self._spans[:] = result._spans

    def wrap(
        self,
        console: object,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> list[StyledText]:
        """The text's lines wrapped to ``width`` cells as rich's ``Text.wrap`` wraps them:
        by words (a word wider than the line folded with ``overflow="fold"``, the default,
        else cut), each line justified (``"default"``: as it is; ``"left"``: padded to
        ``width``; ``"center"``, ``"right"``) and cut to ``width``; ``no_wrap`` (or
        ``overflow="ignore"``) keeps each line whole. ``console`` is not read (rich's
        signature).

        Raises ValueError for ``justify="full"``, which roadmap does not use."""
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        if wrap_justify == "full":
            raise ValueError("full justification is not supported")
        unwrapped = no_wrap if no_wrap is not None else bool(self.no_wrap)
        unwrapped = unwrapped or overflow == "ignore"
        lines: list[StyledText] = []
        for line in self.split(allow_blank=True):
            if "\t" in line.plain:
                line.expand_tabs(tab_size)
            if unwrapped:
                if overflow == "ignore":
                    lines.append(line)
                    continue
                new_lines = [line]
            else:
                offsets = divide_line(line.plain, width, fold=wrap_overflow == "fold")
                new_lines = line.divide(offsets)
                for new_line in new_lines:
                    new_line.rstrip_end(width)
            _justify(new_lines, width, wrap_justify, wrap_overflow)
            for new_line in new_lines:
                new_line.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines


def _justify(
    lines: list[StyledText], width: int, justify: JustifyMethod, overflow: OverflowMethod
) -> None:
    """Justify ``lines`` in ``width`` cells (rich's ``Lines.justify``, without ``full``)."""
    if justify == "left":
        for line in lines:
            line.truncate(width, overflow=overflow, pad=True)
    elif justify == "center":
        for line in lines:
            line.rstrip()
            line.truncate(width, overflow=overflow)
            line.pad_left((width - cell_len(line.plain)) // 2)
            line.pad_right(width - cell_len(line.plain))
    elif justify == "right":
        for line in lines:
            line.rstrip()
            line.truncate(width, overflow=overflow)
            line.pad_left(width - cell_len(line.plain))


_WORD = re.compile(r"\s*\S+\s*")


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Where to break ``text`` (one line) into lines of ``width`` cells: the offsets at which
    lines start, after the first. A word (with the spaces after it) goes to the next line
    when it does not fit; a word wider than a line is folded over several (``fold``) or left
    whole, to be cut (rich's ``divide_line``)."""
    breaks: list[int] = []
    append = breaks.append
    offset = 0
    position = 0
    found = _WORD.match(text, position)
    while found is not None:
        start, end = found.span()
        word = found.group(0)
        word_length = cell_len(word.rstrip())
        if width - offset >= word_length:
            offset += cell_len(word)
        elif word_length > width:
            if fold:
                folded = chop_cells(word, width)
                for number, line in enumerate(folded):
                    if start:
                        append(start)
                    if number == len(folded) - 1:
                        offset = cell_len(line)
                    else:
                        start += len(line)
            else:
                if start:
                    append(start)
                offset = cell_len(word)
        elif offset and start:
            append(start)
            offset = cell_len(word)
        found = _WORD.match(text, end)
    return breaks


class MarkupError(ValueError):
    """Console markup that cannot be read: a closing tag that closes nothing."""


_TAG = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")
_ESCAPABLE = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")

_ATTRIBUTES = {
    "bold": "bold",
    "b": "bold",
    "dim": "dim",
    "d": "dim",
    "italic": "italic",
    "i": "italic",
    "underline": "underline",
    "u": "underline",
    "blink": "blink",
    "blink2": "blink2",
    "reverse": "reverse",
    "r": "reverse",
    "conceal": "conceal",
    "c": "conceal",
    "strike": "strike",
    "s": "strike",
    "underline2": "underline2",
    "uu": "underline2",
    "frame": "frame",
    "encircle": "encircle",
    "overline": "overline",
    "o": "overline",
}
_ATTRIBUTE_ORDER = (
    "bold",
    "dim",
    "italic",
    "underline",
    "blink",
    "blink2",
    "reverse",
    "conceal",
    "strike",
    "underline2",
    "frame",
    "encircle",
    "overline",
)


def escape(markup: str) -> str:
    """``markup`` with what console markup would read as a tag (``[bold]``) escaped with a
    backslash, so that it prints as written (rich's ``escape``)."""

    def escape_backslashes(found: re.Match[str]) -> str:
        backslashes, text = found.groups()
        return f"{backslashes}{backslashes}\\{text}"

    markup = _ESCAPABLE.sub(escape_backslashes, markup)
    if markup.endswith("\\") and not markup.endswith("\\\\"):
        return markup + "\\"
    return markup


def normalize_style(style: str) -> str:
    """A style definition in rich's normal form: attributes first in rich's order (aliases
    such as ``b`` spelled out), then the colour, ``on`` the background, ``link``. Colour names
    are not checked (rich would keep a style with an unknown colour as written, lower case).
    """
    fallback = style.strip().lower()
    if fallback == "none" or not style:
        return "none"
    words = iter(style.split())
    attributes: dict[str, bool] = {}
    colour = background = link = None
    for original in words:
        word = original.lower()
        if word in ("on", "link"):
            following = next(words, "")
            if not following:
                return fallback
            if word == "on":
                background = following
            else:
                link = following
        elif word == "not":
            name = _ATTRIBUTES.get(next(words, ""))
            if name is None:
                return fallback
            attributes[name] = False
        elif word in _ATTRIBUTES:
            attributes[_ATTRIBUTES[word]] = True
        else:
            colour = word
    parts = [
        name if attributes[name] else f"not {name}"
        for name in _ATTRIBUTE_ORDER
        if name in attributes
    ]
    parts += [colour] if colour else []
    parts += ["on", background] if background else []
    parts += ["link", link] if link else []
    return " ".join(parts) or "none"


def _parse(markup: str) -> Iterator[tuple[int, str | None, tuple[str, str | None] | None]]:
    """``markup`` as ``(position, text, None)`` and ``(position, None, (name, parameters))``
    for its text and its tags."""
    position = 0
    for found in _TAG.finditer(markup):
        full_text, escapes, tag_text = found.groups()
        start, end = found.span()
        if start > position:
            yield start, markup[position:start], None
        if escapes:
            backslashes, escaped = divmod(len(escapes), 2)
            if backslashes:
                yield start, "\\" * backslashes, None
                start += backslashes * 2
            if escaped:
                yield start, full_text[len(escapes) :], None
                position = end
                continue
        name, equals, parameters = tag_text.partition("=")
        yield start, None, (name, parameters if equals else None)
        position = end
    if position < len(markup):
        yield position, markup[position:], None


def _tag_text(name: str, parameters: str | None) -> str:
    return name if parameters is None else f"{name} {parameters}"


def from_markup(markup: str, style: str = "") -> StyledText:
    """Console markup (``[bold]done[/]``, ``[dim]...[/dim]``, ``\\[`` for a bracket) read into
    a styled text in ``style``, as rich's ``Text.from_markup`` reads it (emoji codes stay as
    written; ``[@click]`` tags and links are kept as style strings, not rich's meta).

    Raises MarkupError for a closing tag that closes nothing."""
    if "[" not in markup:
        return StyledText(markup, style=style)
    text = StyledText(style=style)
    stack: list[tuple[int, str, str | None]] = []
    spans: list[Span] = []
    for position, plain, tag in _parse(markup):
        if plain is not None:
            text.append(plain.replace("\\[", "["))
            continue
        assert tag is not None
        name, parameters = tag
        if name.startswith("/"):
            closed = name[1:].strip()
            if closed:
                closed = normalize_style(closed)
                for index in range(len(stack) - 1, -1, -1):
                    if stack[index][1] == closed:
                        start, name, parameters = stack.pop(index)
                        break
                else:
                    markup_tag = f"[{name}]" if parameters is None else f"[{name}={parameters}]"
                    raise MarkupError(
                        f"closing tag '{markup_tag}' at position {position} doesn't match any "
                        "open tag"
                    )
            else:
                if not stack:
                    raise MarkupError(
                        f"closing tag '[/]' at position {position} has nothing to close"
                    )
                start, name, parameters = stack.pop()
            spans.append(Span(start, len(text), _tag_text(name, parameters)))
        else:
            stack.append((len(text), normalize_style(name), parameters))
    length = len(text)
    while stack:
        start, name, parameters = stack.pop()
        tag_style = _tag_text(name, parameters)
        if tag_style:
            spans.append(Span(start, length, tag_style))
    text.spans = sorted(spans[::-1], key=lambda span: span.start)
    return text


def markup_plain(markup: str) -> str:
    """The text of console markup, without its tags (what :func:`from_markup` reads, without
    the styles). Raises MarkupError as :func:`from_markup` does."""
    if "[" not in markup:
        return strip_control_codes(markup)
    return from_markup(markup).plain


def _line_of(ranges: list[tuple[int, int]], offset: int, lower: int, upper: int, guess: int) -> int:
    """The index of the line of ``ranges`` ((start, end) offsets) holding ``offset``, by
    rich's binary search from ``guess`` between ``lower`` and ``upper`` (``Text.divide``)."""
    while True:
        line_start, line_end = ranges[guess]
        if offset < line_start:
            upper = guess - 1
        elif offset > line_end:
            lower = guess + 1
        else:
            return guess
        guess = (lower + upper) // 2
