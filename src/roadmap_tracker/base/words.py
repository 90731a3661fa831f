"""Words for counts, shared by the core's messages and the drawing of views: ``1 week``,
``3 weeks``. Imports nothing.
"""

from __future__ import annotations


def plural(count: float, noun: str, nouns: str | None = None) -> str:
    """``count`` and ``noun``, in the plural (``nouns``, else ``noun`` and an s) unless the
    count is one: ``1 week``, ``3 weeks``, ``2.5 weeks``, ``0 items``. A float count is
    written as ``:g`` writes it.
    """
    shown = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{shown} {noun}" if count == 1 else f"{shown} {nouns or noun + 's'}"
