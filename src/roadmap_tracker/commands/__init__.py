"""The commands' cores: each module serves one family of commands and returns views; nothing here
imports typer or rich.
"""
