"""Block-style YAML text of plain data, for the curriculum files ``roadmap import`` writes
(:func:`block_yaml`).

ruamel.yaml's emitter, pure Python and general, took three quarters of the CPU time of an
import (0.75 s of 1.4 s for a 200 KB roadmap, decision 47): this writes the one shape a
curriculum needs (mappings of plain keys, lists, text, numbers and booleans) in a
thirtieth of that, byte for byte as ruamel.yaml wrote it for the roadmaps we measured
(two-space mappings, list items indented under their key, a comment line before some
items). Every text reads back as it was: plain when no YAML rule could read it as anything
else, single-quoted when it is one line of printable characters without a ``'``, a
literal block (``|-``) when it is several lines that a block keeps exactly, and
double-quoted (JSON's escapes, which are YAML's) otherwise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

_UNPRINTABLE = "\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff"
"""Characters a YAML text cannot hold as they are: control characters, line and paragraph
separators (which YAML reads as line breaks), the byte order mark and non-characters."""
_PLAIN = re.compile(rf"(?![{_UNPRINTABLE}])[A-Za-z_(\u00c0-\U0010ffff][^{_UNPRINTABLE}]*")
"""A text that may stand plain if it holds no ``: `` or `` #``: it starts with a letter or
``(`` (not a number, a date or an indicator such as ``-``, ``[`` or ``'``) and holds no
control character."""
_NOT_A_NUMBER = re.compile(r"[^0-9a-fA-FxXoObB._+\-:tTzZ \t]")
"""A character that no number or date of YAML's (1.1 or 1.2: hexadecimal, octal, binary,
sexagesimal, floats, timestamps) holds: a text starting with a digit that has one
(``2 weeks``, ``23种``) may stand plain."""
_WORDS = frozenset(
    {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf", "infinity"}
)
"""Words a YAML reader (1.1 or 1.2) may take for a boolean, a null or a number."""
_PRINTABLE = re.compile(rf"[^{_UNPRINTABLE}]*")
"""One line of characters a single-quoted YAML text holds as they are."""


def block_yaml(
    data: Mapping[str, Any], header: str | None = None, comments: Mapping[int, str] | None = None
) -> str:
    """``data`` as block-style YAML text: ``header`` (lines) as comments at the top, and each
    text of ``comments`` as a comment line before the list item that is the mapping whose
    ``id()`` keys it. Values are mappings with text keys, lists, texts, integers, floats and
    booleans (None and empty lists are written as ``null`` and ``[]``); raises TypeError for
    anything else.
    """
    lines = [f"# {line}".rstrip() for line in (header or "").splitlines()]
    if data:
        _mapping(data, 0, lines, comments or {})
    else:
        lines.append("{}")
    return "\n".join(lines) + "\n"


def _mapping(
    data: Mapping[str, Any], indent: int, lines: list[str], notes: Mapping[int, str]
) -> None:
    pad = " " * indent
    for key, value in data.items():
        _entry(f"{pad}{_text(str(key), indent)}:", value, indent, lines, notes)


def _entry(lead: str, value: Any, indent: int, lines: list[str], notes: Mapping[int, str]) -> None:
    """``lead`` (``key:`` or ``- ``-led) followed by ``value``, nested ``indent`` + 2 deep."""
    if isinstance(value, Mapping) and value:
        lines.append(lead)
        _mapping(value, indent + 2, lines, notes)
    elif isinstance(value, Sequence) and not isinstance(value, str) and value:
        lines.append(lead)
        _sequence(value, indent + 2, lines, notes)
    else:
        lines.append(f"{lead} {_scalar(value, indent + 2)}")


def _sequence(
    items: Sequence[Any], indent: int, lines: list[str], notes: Mapping[int, str]
) -> None:
    pad = " " * indent
    for item in items:
        note = notes.get(id(item))
        if note is not None:
            lines += [f"{pad}# {line}".rstrip() for line in note.splitlines()]
        if isinstance(item, Mapping) and item:
            first = len(lines)
            _mapping(item, indent + 2, lines, notes)
            lines[first] = f"{pad}- {lines[first][indent + 2 :]}"
        elif isinstance(item, Sequence) and not isinstance(item, str) and item:
            lines.append(f"{pad}-")
            _sequence(item, indent + 2, lines, notes)
        else:
            lines.append(f"{pad}- {_scalar(item, indent + 2)}")


def _scalar(value: Any, indent: int) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return _text(value, indent)
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, Sequence):
        return "[]"
    raise TypeError(f"cannot write a {type(value).__name__} as YAML")


def _text(value: str, indent: int) -> str:
    """``value`` as a YAML scalar (see the module's docstring); a literal block's lines are
    indented ``indent`` spaces.
    """
    if (
        (
            _PLAIN.fullmatch(value)
            or (value[:1].isdigit() and _NOT_A_NUMBER.search(value) and _PRINTABLE.fullmatch(value))
        )
        and value == value.strip()
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and value.lower() not in _WORDS
    ):
        return value
    if _PRINTABLE.fullmatch(value) and value == value.strip() and "'" not in value:
        return f"'{value}'"
    lines = value.split("\n")
    if (
        len(lines) > 1
        and all(_PRINTABLE.fullmatch(line) and line == line.rstrip() for line in lines)
        and lines[0][:1] not in ("", " ")
        and lines[-1] != ""
    ):
        pad = " " * indent
        return "|-\n" + "\n".join(f"{pad}{line}" if line else "" for line in lines)
    quoted = json.dumps(value, ensure_ascii=False)
    return re.sub(f"[{_UNPRINTABLE}]", lambda found: f"\\u{ord(found[0]):04x}", quoted)
