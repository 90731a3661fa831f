"""Text on its way to a terminal, without the control characters that would drive it.

A curriculum (an imported Markdown roadmap, a YAML file with ``"\\e[2J"`` in a title) and the
record (journal entries, notes, review answers) hold text the learner did not necessarily
write. Printed as it is, an escape sequence in it can clear the screen, set the window's
title or hide what follows. Human output removes those characters; JSON output escapes them
(the data stays exactly as recorded).
"""

from __future__ import annotations

import re

# (patterns as text, compiled by re on their first use: most text is printable)
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f]"
"""C0 control characters but tab and newline, DEL, and the C1 controls (U+0080 to U+009F)."""

_CONTROL_BUT_CRLF = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)"
"""The same, keeping a carriage return that ends a line (iCalendar lines end in CRLF)."""

_DEL_AND_C1 = "[\x7f-\x9f]"
"""DEL and the C1 controls, which ``json.dumps`` leaves raw (it escapes U+0000 to U+001F)."""


def printable(text: str) -> str:
    """``text`` without control characters: the C0 ones (ESC, BEL, CR...) except newline and
    tab, DEL and the C1 ones (U+0080 to U+009F, such as the one-character CSI, U+009B).
    Everything else, other scripts and emoji included, stays.
    """
    if text.isprintable():  # the everyday case, in C
        return text
    return re.sub(_CONTROL, "", text)


def printable_crlf(text: str) -> str:
    """:func:`printable`, keeping the carriage returns of CRLF line ends."""
    if text.isprintable():
        return text
    return re.sub(_CONTROL_BUT_CRLF, "", text)


def json_printable(text: str) -> str:
    """JSON text (from ``json.dumps``) with DEL and the C1 controls written as ``\\u`` escapes,
    as ``json.dumps`` writes the C0 ones: the same JSON value, nothing raw for a terminal.
    (They can only occur inside strings: JSON's own syntax is ASCII.)
    """
    if text.isascii():  # (O(1) in CPython) of them, only DEL can be there
        return text.replace("\x7f", "\\u007f") if "\x7f" in text else text
    return re.sub(_DEL_AND_C1, lambda found: f"\\u{ord(found.group()):04x}", text)
