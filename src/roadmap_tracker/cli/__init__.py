"""The interface: the Typer app and the drawing of every view. The only package that imports typer,
click or rich.

Importing the package makes ``import typer`` cheap for the process (decision 70,
:func:`.lean.install_lazy_typer`): every module of the package imports it after this.
"""

from roadmap_tracker.cli.lean import install_lazy_typer

install_lazy_typer()
