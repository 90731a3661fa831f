"""docs/reference.md is the command reference, generated from the Typer app: every command in
the order of ``roadmap --help`` with its usage line, its help text and example, and a table of
its arguments and options (name, value, default, help), plus the global options.

It is plain Markdown made from the click command tree (``typer.main.get_command(cli.app)``,
the full app: ``cli.main`` builds only the command being run). The test fails when the page
differs from what the app says; after changing a command's options or help, write the page
again with ``PYTHONPATH=src python -m tests.test_reference --write`` and read the diff.
"""

from __future__ import annotations

import difflib
import enum
import re
import sys
from pathlib import Path
from typing import Any

import typer

from roadmap_tracker.cli import app as cli

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference.md"
PROGRAM = "roadmap"
WRITE_COMMAND = "PYTHONPATH=src python -m tests.test_reference --write"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape(text: str) -> str:
    """``text`` with the characters Markdown would read as markup (or as a table's column
    separator) escaped, so that it shows as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def paragraphs(help_text: str | None) -> list[str]:
    """A help text's paragraphs, each on one line (click's help is wrapped at 100 columns
    in the source; Markdown wraps it again)."""
    blocks = re.split(r"\n\s*\n", (help_text or "").strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]


def help_markdown(help_text: str | None) -> list[str]:
    """A command's help as Markdown paragraphs; the example (from ``Example:`` to the end of
    its paragraph) becomes code, as typed."""
    out: list[str] = []
    for paragraph in paragraphs(help_text):
        prose, found, example = paragraph.partition("Example: ")
        parts = [escape(prose.strip())] if prose.strip() else []
        if found:
            parts.append(f"Example: `{example.strip()}`")
        out.append(" ".join(parts))
    return out


def usage(command: Any, path: str) -> str:
    """The usage line, in the usual convention: ``[OPTIONS]``, then each argument by its
    metavar (or its name in capitals), in brackets when optional, ``...`` when repeatable."""
    pieces = [path, "[OPTIONS]"] if any(_is_option(p) for p in command.params) else [path]
    for param in command.params:
        if _is_option(param):
            continue
        name = param.metavar or param.name.upper()
        if param.nargs == -1 and not name.endswith("..."):
            name += "..."
        if not param.required and not name.startswith("["):
            name = f"[{name}]"
        pieces.append(name)
    return " ".join(pieces)


def _is_option(param: Any) -> bool:
    return bool(param.param_type_name == "option")


_TYPE_WORDS = {
    "str": "text",
    "text": "text",
    "int": "integer",
    "integer": "integer",
    "float": "number",
    "path": "path",
}


def value_kind(param: Any) -> str:
    """What a parameter takes, in words: its metavar when it has one (``SLUG``), else its
    type (``text``, ``integer ≥ 1``, ``one of json, markdown, ics``); ``flag`` for an option
    that takes no value; how often it may be given when that is more than once."""
    kind = param.type
    if getattr(param, "is_flag", False):
        described = "flag"
    elif _is_option(param) and param.metavar:
        described = f"`{param.metavar}`"
    elif hasattr(kind, "choices"):
        described = "one of " + ", ".join(f"`{choice}`" for choice in kind.choices)
    elif hasattr(kind, "min") and hasattr(kind, "max"):
        bounds = [
            f"{'>' if kind.min_open else '≥'} {kind.min}" if kind.min is not None else "",
            f"{'<' if kind.max_open else '≤'} {kind.max}" if kind.max is not None else "",
        ]
        number = "integer" if kind.name.startswith("int") else "number"
        described = " ".join([number, *filter(None, bounds)])
    else:
        described = _TYPE_WORDS.get(kind.name, kind.name)
    if getattr(param, "multiple", False):
        described += ", repeatable"
    elif param.nargs == -1:
        described += ", one or more" if param.required else ", any number"
    return described


def default(param: Any) -> str:
    """The default a parameter shows in ``--help`` (none for a flag that is off by default,
    or for None), or ``required``."""
    if param.required:
        return "required"
    value = param.default
    if value is None or callable(value) or (getattr(param, "is_flag", False) and not value):
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    return f"`{value}`"


def names(param: Any) -> str:
    """An option's names, short ones first (``-n``, ``--count``; click keeps the names of
    ``--help`` in a set, in no fixed order), or an argument's metavar (without the brackets
    of an optional one) or name, as a table cell."""
    if _is_option(param):
        found = sorted([*param.opts, *param.secondary_opts], key=lambda n: (n[:2] == "--", n))
        return ", ".join(f"`{name}`" for name in found)
    name = (param.metavar or param.name.upper()).removeprefix("[").removesuffix("]")
    return f"`{name}`".replace("|", "\\|")


def table(heading: str, params: list[Any]) -> list[str]:
    """A Markdown table of parameters under ``heading`` (nothing when there are none)."""
    if not params:
        return []
    lines = [
        f"| {heading} | Value | Default | Description |",
        "| --- | --- | --- | --- |",
    ]
    for param in params:
        text = " ".join(paragraphs(getattr(param, "help", None)))
        lines.append(
            f"| {names(param)} | {value_kind(param)} | {default(param)} | {escape(text)} |"
        )
    return [*lines, ""]


def exit_codes() -> str:
    """The exit codes, as ``cli``'s module docstring states them."""
    text = " ".join((cli.__doc__ or "").split())
    found = re.search(r"Exit codes: .*", text)
    assert found, "cli's docstring no longer says its exit codes"
    return escape(found.group(0))


def app_commands() -> tuple[Any, Any, list[tuple[str, Any]]]:
    """The app's click group, its context, and its commands by name in the order of
    ``roadmap --help``."""
    root = typer.main.get_command(cli.app)
    context = root.context_class(root, info_name=PROGRAM, **root.context_settings)
    return root, context, [(n, root.get_command(context, n)) for n in root.list_commands(context)]


def parameters(command: Any, parent: Any) -> list[Any]:
    """A command's arguments and options, in order, without ``--help``."""
    context = command.context_class(command, info_name=command.name, parent=parent)
    help_option = command.get_help_option(context)
    return [p for p in command.get_params(context) if p is not help_option and p.expose_value]


def reference_text() -> str:
    """docs/reference.md as the Typer app describes itself."""
    root, context, commands = app_commands()
    lines = [
        "<!-- Generated from the Typer app by: " + WRITE_COMMAND + " -->",
        "",
        "# Command reference",
        "",
        *[f"{paragraph}\n" for paragraph in help_markdown(root.help)],
        "This page is generated from the program itself (`tests/test_reference.py` fails when "
        "it is out of date). `roadmap COMMAND --help` (or `-h`) prints the same for one "
        "command; `python -m roadmap_tracker` runs the same program as `roadmap`. In usage "
        "lines, `[...]` is optional and `...` may be repeated. A `DATE` is written `YYYY-MM-DD`, "
        "`today`, `yesterday`, a weekday (`monday` or `mon`: the latest not after today, so "
        "today on a Monday), `last friday` (the latest before today), `3 days ago`, `3d` or "
        "`2w` (weeks); and, for days ahead, `tomorrow`, `next monday` (the first after today) "
        "or `in 3 days`. Any case; each counts from today (decision 56).",
        "",
        exit_codes(),
        "",
        "Questions (confirmations, evidence, review questions) are asked on standard error, so "
        "that `roadmap check m1 > out.txt` still shows them. Output that is not UTF-8 "
        "(`PYTHONIOENCODING=cp1252`) prints the characters it cannot hold as `?`.",
        "",
        "Pager: long output on a terminal (`show`, `plan`, `history`, `portfolio`, `validate`, "
        "`journal --list`, `review --list`) goes through `$ROADMAP_PAGER`, else `$PAGER`, else "
        "`less`, never `$MANPAGER`; `LESS` is `FRX` unless set. `ROADMAP_PAGER=` (empty) or "
        "`ROADMAP_PAGER=cat`, or `--no-pager`, prints it at once. A pipe or a file is never "
        "paged.",
        "",
        "Colour: on a terminal only. `NO_COLOR` (not empty) turns every style off; "
        "`CLICOLOR_FORCE=1` or `FORCE_COLOR=1` draws colour on a pipe or in a file too; "
        "`CLICOLOR=0` turns colour off. `NO_COLOR` wins over the others, and `CLICOLOR_FORCE` "
        "over `CLICOLOR`.",
        "",
        "| Command | What it does |",
        "| --- | --- |",
    ]
    for name, command in commands:
        summary = escape(paragraphs(command.help)[0]) if command.help else ""
        lines.append(f"| [`{name}`](#{PROGRAM}-{name}) | {summary} |")
    lines += [
        "",
        "## Global options",
        "",
        "```text",
        f"{PROGRAM} [OPTIONS] COMMAND [ARGS]...",
        "```",
        "",
        *table("Option", root.get_params(context)),
        "Every command also takes `-h`, `--help`.",
        "",
    ]
    for name, command in commands:
        params = parameters(command, context)
        lines += [
            f"## `{PROGRAM} {name}`",
            "",
            "```text",
            usage(command, f"{PROGRAM} {name}"),
            "```",
            "",
            *[f"{paragraph}\n" for paragraph in help_markdown(command.help)],
            *table("Argument", [p for p in params if not _is_option(p)]),
            *table("Option", [p for p in params if _is_option(p)]),
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def test_the_command_reference_is_what_the_app_says() -> None:
    written = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
    generated = reference_text()
    if written != generated:
        diff = difflib.unified_diff(
            written.splitlines(),
            generated.splitlines(),
            "docs/reference.md",
            "generated from the app",
            lineterm="",
            n=1,
        )
        shown = "\n".join(list(diff)[:40])
        raise AssertionError(
            f"docs/reference.md is out of date; write it again with {WRITE_COMMAND} "
            f"and read the diff.\n{shown}"
        )


def test_the_reference_has_every_command_and_option_of_the_app() -> None:
    text = reference_text()
    _, context, commands = app_commands()
    headings = re.findall(rf"^## `{PROGRAM} (\S+)`$", text, flags=re.MULTILINE)
    assert headings == [name for name, _ in commands]
    for name, command in commands:
        section = text.split(f"## `{PROGRAM} {name}`\n", 1)[1].split("\n## ", 1)[0]
        assert f"```text\n{PROGRAM} {name}" in section
        for param in parameters(command, context):
            described = escape(" ".join(paragraphs(param.help)))
            assert f"| {names(param)} | " in section, f"{name}: {names(param)} is missing"
            assert f" | {described} |" in section, f"{name}: the help of {names(param)}"
    head = text.split(f"## `{PROGRAM} list`", 1)[0]
    for option in ("--version", "--install-completion", "--show-completion", "-h"):
        assert f"`{option}`" in head


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        REFERENCE.write_text(reference_text(), encoding="utf-8")
    elif not sys.argv[1:]:
        sys.stdout.write(reference_text())
    else:
        sys.exit(f"usage: {WRITE_COMMAND} (without --write: print the page)")
