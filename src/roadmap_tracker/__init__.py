"""roadmap: a command-line study-plan tracker.

Layers, top to bottom (docs/architecture.md): ``cli`` (the Typer app and all drawing, the only
package that imports typer, click or rich), ``commands`` (one module per command family),
``formats`` (files written and read), ``session`` (one command's day, enrollment and record),
``plan``, ``curriculum`` and ``progress``, ``base``. ``lint-imports`` checks them.
"""

from __future__ import annotations

__version__ = "0.1.0"
