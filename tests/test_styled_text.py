"""Plain output without rich prints what rich printed: cell widths, console markup, word
wrapping and the plain console agree with rich's for random text of words, spaces, newlines,
tabs, wide characters, emoji sequences, control characters, markup tags and escapes, at
random widths (decision 66). rich stays a dependency (it draws colour), so these tests
compare with it.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich import cells as rich_cells
from rich.console import Console
from rich.errors import MarkupError as RichMarkupError
from rich.markup import escape as rich_escape
from rich.text import Text

from roadmap_tracker.cli import cells, terminal
from roadmap_tracker.cli.plain_console import PlainConsole
from roadmap_tracker.cli.styled_text import MarkupError, StyledText, escape, from_markup

from .cell_table_source import TABLE, table_source

CHARACTERS = [
    "a",
    "Z",
    "7",
    " ",
    "-",
    "日",
    "語",
    "✓",
    "▶",
    "│",
    "≤",
    "…",
    "█",
    "░",
    "─",
    "é",
    "\u0301",  # combining acute
    "\u200d",  # zero-width joiner
    "\ufe0f",  # emoji variation selector
    "❤",
    "👩",
    "💻",
    "\x1b",
    "\r",
    "\a",
    "\x9b",
    "\t",
]
WORDS = [
    "a",
    "the",
    "attention",
    "p0-python/decorators",
    "2026-01-05",
    "≤2026-03-19",
    "12/20",
    "日本語",
    "✓",
    "▶",
    "│",
    "…",
    "██░░",
    "👩\u200d💻",
    "❤\ufe0f",
    "e\u0301",
    "supercalifragilisticexpialidocious",
    "\x1b[2J",
    "\r",
]
MARKUP = [
    "[bold]",
    "[/]",
    "[dim]",
    "[/dim]",
    "[cyan]",
    "[bold yellow]",
    "[/bold]",
    "[strike]",
    "[x]",
    "[y/N]",
    "\\[bold]",
    "\\\\[dim]",
    "\\",
    "[",
    "]",
    "[link=https://example.com]",
]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\t", ""]


def joined(pieces: list[tuple[str, str]]) -> str:
    return "".join(word + separator for word, separator in pieces)


texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=16).map(
    joined
)
markups = st.lists(
    st.tuples(st.sampled_from(WORDS + MARKUP), st.sampled_from(SEPARATORS)), max_size=16
).map(joined)
strings = st.text(alphabet=st.sampled_from(CHARACTERS), max_size=30)


def test_the_cell_table_is_richs_latest() -> None:
    """After a rich upgrade changes its table: ``python -m tests.cell_table_source``."""
    assert TABLE.read_text(encoding="utf-8") == table_source()


def test_every_character_takes_the_cells_rich_gives_it() -> None:
    different = [
        hex(code)
        for code in range(0x30000)
        if cells.character_cells(chr(code)) != rich_cells.get_character_cell_size(chr(code))
    ]
    assert different == []


@given(text=strings | texts, total=st.integers(-3, 40))
@settings(max_examples=400)
def test_cell_widths_cuts_and_folds_are_richs(text: str, total: int) -> None:
    assert cells.cell_len(text) == rich_cells.cell_len(text)
    assert cells.set_cell_size(text, total) == rich_cells.set_cell_size(text, total)
    if total > 0:
        assert cells.chop_cells(text, total) == rich_cells.chop_cells(text, total)


def spans_of(text: Text | StyledText) -> list[tuple[int, int, str]]:
    return [(start, end, str(style)) for start, end, style in text.spans]


@given(markup=markups, style=st.sampled_from(["", "bold", "dim"]))
@settings(max_examples=400)
@example(markup="[bold]a[/bold] [b]c[/b] [yellow bold]d[/bold yellow]", style="")
@example(markup="[/]", style="")
@example(markup="[bold]x[/dim]", style="")
def test_markup_reads_as_rich_reads_it(markup: str, style: str) -> None:
    try:
        theirs = Text.from_markup(markup, style=style, emoji=False)
    except RichMarkupError as error:
        with pytest.raises(MarkupError) as raised:
            from_markup(markup, style)
        assert str(raised.value) == str(error)
        return
    ours = from_markup(markup, style)
    assert (ours.plain, spans_of(ours), ours.style) == (theirs.plain, spans_of(theirs), style)


@given(text=strings | texts | markups)
@settings(max_examples=300)
@example(text="ends in a backslash\\")
def test_markup_is_escaped_as_rich_escapes_it(text: str) -> None:
    assert escape(text) == rich_escape(text)
    assert from_markup(escape(text)).plain == Text.from_markup(rich_escape(text)).plain


@given(
    markup=markups,
    width=st.integers(1, 30),
    justify=st.sampled_from(["default", "left", "center", "right"]),
    overflow=st.sampled_from(["fold", "crop", "ellipsis", "ignore"]),
    no_wrap=st.sampled_from([None, False, True]),
)
@settings(max_examples=400)
def test_text_wraps_as_rich_wraps_it(
    markup: str, width: int, justify: str, overflow: str, no_wrap: bool | None
) -> None:
    try:
        theirs = Text.from_markup(markup, emoji=False)
    except RichMarkupError:
        return
    console = Console(width=80, file=io.StringIO())
    their_lines = theirs.wrap(
        console,
        width,
        justify=justify,  # type: ignore[arg-type]
        overflow=overflow,  # type: ignore[arg-type]
        no_wrap=no_wrap,
    )
    our_lines = from_markup(markup).wrap(
        None,
        width,
        justify=justify,  # type: ignore[arg-type]
        overflow=overflow,  # type: ignore[arg-type]
        no_wrap=no_wrap,
    )
    assert [(line.plain, spans_of(line)) for line in our_lines] == [
        (line.plain, spans_of(line)) for line in their_lines
    ]


@given(markup=markups, amount=st.integers(1, 12))
def test_a_right_crop_cuts_text_and_styles_as_rich_does(markup: str, amount: int) -> None:
    try:
        theirs = Text.from_markup(markup, emoji=False)
    except RichMarkupError:
        return
    ours = from_markup(markup)
    amount = min(amount, len(theirs.plain))
    if not amount:
        return
    theirs.right_crop(amount)
    ours.right_crop(amount)
    assert (ours.plain, spans_of(ours)) == (theirs.plain, spans_of(theirs))


@given(
    markup=markups,
    width=st.integers(0, 30),
    options=st.fixed_dictionaries(
        {},
        optional={
            "crop": st.booleans(),
            "no_wrap": st.booleans(),
            "overflow": st.sampled_from(["fold", "crop", "ellipsis", "ignore"]),
            "soft_wrap": st.booleans(),
            "end": st.sampled_from(["", " ", "\n"]),
            "markup": st.booleans(),
            "style": st.just("dim"),
        },
    ),
    styled=st.booleans(),
)
@settings(max_examples=500)
@example(markup="", width=10, options={}, styled=False)
@example(markup="a  \n  b   ", width=3, options={"end": " "}, styled=False)
def test_the_plain_console_prints_what_richs_console_printed(
    markup: str, width: int, options: dict[str, object], styled: bool
) -> None:
    """roadmap's rich console without colour (what plain output was) and the plain console
    print the same, from markup or from styled text, with the arguments the views pass."""
    rich_console = terminal.printable_console()(
        file=io.StringIO(),
        width=width,
        height=25,
        color_system=None,
        highlight=False,
        soft_wrap=False,
        emoji=False,
    )
    plain_console = PlainConsole(file=io.StringIO(), width=width, height=25)
    outputs: list[str | type[Exception]] = []
    for out in (rich_console, plain_console):
        try:
            if styled and options.get("markup", True):
                text = from_markup(markup)
                out.print(text if out is plain_console else text.__rich__(), **options)  # type: ignore[arg-type]
            else:
                out.print(markup, **options)  # type: ignore[arg-type]
        except (MarkupError, RichMarkupError):
            outputs.append(MarkupError)
            continue
        assert isinstance(out.file, io.StringIO)
        outputs.append(out.file.getvalue())
    assert outputs[1] == outputs[0]
    if width:
        assert plain_console.width == width


def test_the_plain_console_prints_a_blank_line_with_no_arguments() -> None:
    out = PlainConsole(file=io.StringIO(), width=20)
    out.print()
    out.print("[bold]x[/]", end=" ")
    out.print()
    assert isinstance(out.file, io.StringIO)
    assert out.file.getvalue() == "\nx \n"


def test_the_plain_console_is_as_wide_as_rich_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """COLUMNS and LINES win; without them, the terminal's size (or 80 by 25)."""
    monkeypatch.setenv("COLUMNS", "57")
    monkeypatch.setenv("LINES", "13")
    assert PlainConsole().size == (57, 13)
    assert PlainConsole().size == Console().size
    monkeypatch.delenv("COLUMNS")
    monkeypatch.delenv("LINES")
    assert PlainConsole().size == Console().size


class AsciiFile(io.StringIO):
    encoding = "ascii"


def test_the_plain_console_is_ascii_only_where_rich_is() -> None:
    for file in (io.StringIO(), AsciiFile()):
        assert PlainConsole(file=file).options.ascii_only == Console(file=file).options.ascii_only
    assert PlainConsole(file=AsciiFile()).options.ascii_only
