"""The lazy command group: commands named in a registry, a map from command name to
``"module:function"`` (roadmap's is :data:`.app.COMMANDS`), each module imported and each
click command built the first time the command is looked up (as hatch's ``hatch.cli.lazy``
does for click).

Serves every command: ``roadmap status`` imports and builds ``status`` alone, and so does
the completion of its arguments; ``roadmap CMD --help`` builds ``CMD`` alone. The top-level
help and the completion of a command name look every command up, in the registry's order:
the help lists each by a summary (:meth:`LazyCommands.summary`: its name and docstring,
without reading its signature, whose type hints took over a third of the help's time).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any, ClassVar

from typer.core import TyperGroup


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name, in the order of ``registry`` (name: ``"module:function"``).

    Looking a command up imports its module and builds its click command from the function
    (:func:`build_command`), once; the names, their order and ``in`` need no import. A
    command added with ``add_command`` is kept as given.
    """

    def __init__(self, registry: Mapping[str, str], build: Callable[..., Any]) -> None:
        self._registry = registry
        self._build = build
        self._names = list(registry)
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        command = self._built.get(name)
        if command is None:
            if name not in self._names:
                raise KeyError(name)  # no such command
            command = self._built[name] = self._build(name, self._callback(name))
        return command

    def _callback(self, name: str) -> Callable[..., Any]:
        module, function = self._registry[name].split(":")
        callback: Callable[..., Any] = getattr(importlib.import_module(module), function)
        return callback

    def summary(self, name: str, rich_markup_mode: Any, *, whole: bool = True) -> Any:
        """What a list of the commands shows of ``name``: the command when it is built, else
        a command with its name and help (the docstring, as Typer reads it) and no
        parameters, which need the signature's type hints (most of the time of a build).
        Its short help is the help's whole first paragraph (``whole``: the top-level help
        lists it at the terminal's width), else what click makes of the help (45 characters,
        as the completion of a command's name shows it). None when there is no such command.
        """
        if name in self._built:
            return self._built[name]
        if name not in self._names:
            return None
        from typer.core import TyperCommand

        from roadmap_tracker.cli.lean import cleandoc

        help_text = cleandoc(self._callback(name).__doc__) or ""
        summary = " ".join(help_text.split("\n\n")[0].split())  # whole: click cuts at 45
        return TyperCommand(
            name=name,
            help=help_text,
            short_help=summary if whole else None,
            rich_markup_mode=rich_markup_mode,
        )

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self._names:
            raise KeyError(name)
        self._names.remove(name)
        self._built.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)


_LISTING = "roadmap_tracker.cli.lazy.listing"
"""The ``ctx.meta`` key set while a group's help lists its commands."""

_COMPLETING = "roadmap_tracker.cli.lazy.completing"
"""The ``ctx.meta`` key set while the shell completes a command's name."""


class LazyGroup(TyperGroup):
    """A Typer group whose commands are the ``registry`` of its class, built on demand.

    Typer makes the group from the app (its callback and options: ``--version``,
    completion); the app registers no command itself.
    """

    registry: ClassVar[Mapping[str, str]] = {}
    """The commands: name to ``"module:function"``, in the order help lists them."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        commands = LazyCommands(self.registry, self._build_command)
        for name, command in self.commands.items():  # any Typer built itself (none here)
            commands[name] = command
        self.commands = commands

    def list_commands(self, ctx: Any) -> list[str]:
        """The names of the commands, in the registry's order, without building any."""
        return list(self.commands)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The group's help, each command listed by its summary (:meth:`LazyCommands.summary`)
        rather than built."""
        ctx.meta[_LISTING] = True
        try:
            super().format_help(ctx, formatter)
        finally:
            ctx.meta.pop(_LISTING, None)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """The completions of a command's name (and of the group's options), each with its
        summary (:meth:`LazyCommands.summary`): no command is built."""
        ctx.meta[_COMPLETING] = True
        try:
            completions: list[Any] = super().shell_complete(ctx, incomplete)
            return completions
        finally:
            ctx.meta.pop(_COMPLETING, None)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command ``cmd_name``, built; while the group's help is written or a command's
        name is completed, its summary."""
        commands = self.commands
        if isinstance(commands, LazyCommands):
            if ctx.meta.get(_LISTING):
                return commands.summary(cmd_name, self.rich_markup_mode)
            if ctx.meta.get(_COMPLETING):
                return commands.summary(cmd_name, self.rich_markup_mode, whole=False)
        return super().get_command(ctx, cmd_name)

    def _build_command(self, name: str, callback: Callable[..., Any]) -> Any:
        return build_command(name, callback, rich_markup_mode=self.rich_markup_mode)


def build_command(name: str, callback: Callable[..., Any], *, rich_markup_mode: Any) -> Any:
    """The click command Typer makes of ``@app.command(name)`` on ``callback``: its options
    and arguments from the function's annotations, its help from its docstring. Built by
    :func:`.lean.build_command` (without ``typer.main``), or by ``typer.main`` when the
    function declares what that does not build.
    """
    from roadmap_tracker.cli import lean

    try:
        return lean.build_command(name, callback, rich_markup_mode=rich_markup_mode)
    except lean.Unsupported:
        pass
    import typer
    from typer.main import get_command_from_info

    declared = typer.Typer()
    declared.command(name)(callback)
    (info,) = declared.registered_commands
    return get_command_from_info(
        info,
        pretty_exceptions_short=declared.pretty_exceptions_short,
        rich_markup_mode=rich_markup_mode,
    )
