"""The source of ``roadmap_tracker/cli/cell_table.py``: rich's table of cell widths, written
as a module of ours (rich is not imported on plain output). ``tests/test_cells.py`` checks
that the module is the installed rich's latest table; after a rich upgrade changes it, write
it again with ``python -m tests.cell_table_source`` and read the diff.
"""

from __future__ import annotations

from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "src/roadmap_tracker/cli/cell_table.py"


def table_source() -> str:
    """The text of ``cell_table.py`` for the installed rich's latest cell table."""
    from rich._unicode_data import load

    table = load("latest")

    def numbers(values: list[int]) -> str:
        """``values`` as the lines of a string literal of numbers, each line in 99 columns."""
        lines, line = [], ""
        for value in values:
            if len(line) + len(str(value)) + 1 > 90:
                lines.append(line)
                line = ""
            line += f"{value} "
        return "\n".join(f'    "{line}"' for line in [*lines, line.rstrip()])

    starts = [start for start, _, _ in table.widths]
    ends = [end for _, end, _ in table.widths]
    widths = [width for _, _, width in table.widths]
    narrow = sorted(ord(character) for character in table.narrow_to_wide)
    return f'''"""The cells each character takes, as rich measures them: its table for Unicode
{table.unicode_version} (rich, MIT licence; data from the wcwidth project). Written by
``python -m tests.cell_table_source``; do not edit. Read by :mod:`.cells`.
"""

UNICODE_VERSION = "{table.unicode_version}"

STARTS = (
{numbers(starts)}
)
"""The first code point of each range, in order (numbers apart by spaces)."""

ENDS = (
{numbers(ends)}
)
"""The last code point of each range (inclusive)."""

WIDTHS = (
{numbers(widths)}
)
"""The cells each character of the range takes (any other character takes one)."""

NARROW_TO_WIDE = (
{numbers(narrow)}
)
"""The code points of the characters that take two cells when followed by the emoji
variation selector (U+FE0F)."""
'''


if __name__ == "__main__":
    TABLE.write_text(table_source(), encoding="utf-8")
