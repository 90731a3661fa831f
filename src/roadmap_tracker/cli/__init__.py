"""The interface: the Typer app and the drawing of every view. The only package that imports typer,
click or rich.
"""
