"""Typer without ``typer.main``: the parts of Typer a command needs to parse its line, run,
and report a usage error, loaded without the module that builds commands from signatures
(``typer.main``: 17 ms of every start, a sixth of the framework floor; decision 70).

Serves every command. Two pieces:

- :func:`install_lazy_typer`, called by ``roadmap_tracker/cli/__init__.py`` before any
  module of the package imports typer: ``import typer`` then gives
  a package whose light names (``typer.Option``, ``typer.Argument``, ``typer.Context``,
  ``typer.Exit``, ``typer.echo``...) come from the submodules that define them
  (``typer.params``, ``typer.models``, Typer's vendored click), and whose first use of any
  other name (``typer.Typer``, ``typer.testing``...) runs Typer's own ``__init__`` as usual.
- :func:`build_command`: the click command Typer would make of a command function, made by
  the same rules as ``typer.main.get_command_from_info`` for the kinds of parameter roadmap
  declares (``str``, ``int``, ``float``, ``bool``, ``Path``, an ``Enum`` of choices, lists
  of those, optional ones; options and arguments with help, metavar, callbacks of one value
  and completion). Any other declaration raises
  :class:`Unsupported`, and the caller builds the command with ``typer.main``. The classes
  are Typer's own (``TyperCommand``, ``TyperOption``, ``TyperArgument``), so parsing, help
  and errors are Typer's. tests/test_lean_typer.py checks every command against
  ``typer.main``'s build.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

_LIGHT_NAMES = {
    "Option": "typer.params",
    "Argument": "typer.params",
    "Context": "typer.models",
    "CallbackParam": "typer.models",
    "Exit": "typer.exceptions",
    "Abort": "typer.exceptions",
    "BadParameter": "typer._click.exceptions",
    "echo": "typer._click.utils",
    "confirm": "typer._click.termui",
    "prompt": "typer._click.termui",
}
"""The names of the ``typer`` package that come from light submodules: name to module."""


class Unsupported(Exception):
    """A command function declares something :func:`build_command` does not build the way
    ``typer.main`` would: build it with ``typer.main``."""


def install_lazy_typer() -> bool:
    """Make ``import typer`` cheap for the rest of the process: put in ``sys.modules`` a
    ``typer`` package whose :data:`light names <_LIGHT_NAMES>` are imported from their own
    submodules when first used, and whose first use of any other name runs Typer's
    ``__init__`` in it (it is then the ``typer`` module an ordinary import gives). Its
    submodules (``typer.core``, ``typer.params``...) import as usual, without the package's
    ``__init__``.

    Returns True when installed; False (and nothing is changed) when ``typer`` is imported
    already or cannot be found.
    """
    if "typer" in sys.modules:
        return False
    from importlib.machinery import PathFinder
    from importlib.util import module_from_spec

    spec = PathFinder.find_spec("typer", sys.path)
    if spec is None or spec.loader is None or not spec.submodule_search_locations:
        return False
    module = module_from_spec(spec)
    loader = spec.loader

    def attribute(name: str) -> Any:
        if name.startswith("_"):  # a private submodule (`from . import _click`), a dunder
            raise AttributeError(f"module 'typer' has no attribute {name!r}")
        source = _LIGHT_NAMES.get(name)
        if source is not None:
            import importlib

            value = getattr(importlib.import_module(source), name)
        else:  # the whole package, as `import typer` would have run it
            del module.__getattr__
            loader.exec_module(module)
            value = module.__dict__.get(name)
            if value is None and name not in module.__dict__:
                raise AttributeError(f"module 'typer' has no attribute {name!r}")
        setattr(module, name, value)
        return value

    module.__getattr__ = attribute  # type: ignore[method-assign]
    sys.modules["typer"] = module
    return True


def build_command(name: str, callback: Callable[..., Any], **attrs: Any) -> Any:
    """The click command (a ``typer.core.TyperCommand``) Typer makes of ``@app.command(name)``
    on ``callback``: its parameters from the function's annotated signature, its help from
    its docstring. ``attrs`` are further arguments of the command (``rich_markup_mode``).

    Raises :class:`Unsupported` when the function declares what this does not build.
    """
    from typer.core import TyperCommand

    params, wrapper = _params_and_callback(callback)
    return TyperCommand(
        name=name,
        context_settings=None,
        callback=wrapper,
        params=params,
        help=cleandoc(callback.__doc__),
        epilog=None,
        short_help=None,
        options_metavar="[OPTIONS]",
        add_help_option=True,
        no_args_is_help=False,
        hidden=False,
        deprecated=False,
        rich_help_panel=None,
        **attrs,
    )


def build_group(cls: type[Any], callback: Callable[..., Any], **attrs: Any) -> Any:
    """The group ``cls`` (a ``typer.core.TyperGroup``) with the options of ``callback`` (the
    app's callback: ``--version``) and ``attrs`` (name, help, settings), as Typer makes the
    group of an app, without the options that install shell completion (which only Typer's
    own build adds: :func:`.app.main` leaves a line naming them to it).

    Raises :class:`Unsupported` as :func:`build_command` does.
    """
    params, wrapper = _params_and_callback(callback)
    return cls(callback=wrapper, params=params, **attrs)


def _params_and_callback(callback: Callable[..., Any]) -> tuple[list[Any], Callable[..., Any]]:
    """The click parameters of ``callback``'s signature and the callback click calls (with
    every parameter's value by name: lists converted as Typer converts them)."""
    from functools import update_wrapper

    params = []
    convertors: dict[str, Callable[[Any], Any]] = {}
    names = _signature(callback)
    for param_name, annotation, default in names:
        click_param, convertor = _click_param(param_name, annotation, default)
        params.append(click_param)
        if convertor is not None:
            convertors[param_name] = convertor
    values: dict[str, Any] = {param_name: None for param_name, _, _ in names}
    for param in params:
        values[param.name] = param.default

    def wrapper(**kwargs: Any) -> Any:
        for key, value in kwargs.items():
            convertor = convertors.get(key)
            values[key] = convertor(value) if convertor is not None else value
        return callback(**values)

    update_wrapper(wrapper, callback)
    return params, wrapper


_EMPTY = object()


def _signature(callback: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    """``callback``'s parameters in order: name, evaluated annotation (with ``Annotated``
    extras), default (:data:`_EMPTY` when none). Only keyword-or-positional and keyword-only
    parameters, as command functions have."""
    from typing import get_type_hints

    code = getattr(callback, "__code__", None)
    if code is None or code.co_flags & 0x0C:  # *args or **kwargs
        raise Unsupported(f"{callback!r}: not a plain function")
    count = code.co_argcount + code.co_kwonlyargcount
    names = code.co_varnames[:count]
    positional = callback.__defaults__ or ()
    first = code.co_argcount - len(positional)
    defaults = dict(zip(names[first : code.co_argcount], positional, strict=True))
    defaults.update(callback.__kwdefaults__ or {})
    hints = get_type_hints(callback, include_extras=True)
    return [(name, hints.get(name, _EMPTY), defaults.get(name, _EMPTY)) for name in names]


def _click_param(name: str, annotation: Any, default: Any) -> tuple[Any, Any]:
    """The click parameter Typer makes of one function parameter and its convertor (None, or
    the list convertor), by ``typer.main.get_click_param``'s rules for the plain types."""
    from types import NoneType, UnionType
    from typing import Annotated, Union, get_args, get_origin

    from typer import _click
    from typer.core import TyperArgument, TyperOption
    from typer.models import ArgumentInfo, OptionInfo, ParameterInfo

    info: Any = None
    if get_origin(annotation) is Annotated:
        base, *extras = get_args(annotation)
        found = [extra for extra in extras if isinstance(extra, ParameterInfo)]
        if len(found) > 1:
            raise Unsupported(f"{name}: several Typer annotations")
        annotation = base
        if found:
            from copy import copy

            info = copy(found[0])
            if isinstance(info, OptionInfo) and info.default is not ...:
                info.param_decls = (str(info.default), *(info.param_decls or ()))
                info.default = ...
            if info.default is not ...:
                raise Unsupported(f"{name}: a default inside Annotated")
            if default is not _EMPTY:
                info.default = default
    if isinstance(default, ParameterInfo):
        raise Unsupported(f"{name}: a Typer default, not Annotated")
    if info is not None and info.default is ... and info.default_factory:
        raise Unsupported(f"{name}: a default factory")
    if annotation is _EMPTY:
        annotation = str
    if isinstance(annotation, type) and issubclass(annotation, _click.Context):
        raise Unsupported(f"{name}: a context parameter")

    default_value = None
    required = False
    if info is not None:
        if info.default is ...:
            required = True
        else:
            default_value = info.default
    elif default is _EMPTY or default is ...:
        required = True
        info = ArgumentInfo()
    else:
        default_value = default
        info = OptionInfo()
    _refuse_unusual(name, info)
    Path = getattr(sys.modules.get("pathlib"), "Path", None)
    path_fields = ("path_type", "resolve_path", "allow_dash", "exists", "writable", "readable")
    if annotation is not Path and get_args(annotation) != (Path, NoneType):
        for field in path_fields:  # a path type on a string (Typer makes it a TyperPath)
            if getattr(info, field, None) != getattr(type(info)(), field, None):
                raise Unsupported(f"{name}: {field} on a {annotation!r}")

    main_type = annotation
    origin = get_origin(main_type)
    if origin is Union or origin is UnionType:
        kept = [kind for kind in get_args(main_type) if kind is not NoneType]
        if len(kept) != 1:
            raise Unsupported(f"{name}: a union")
        main_type = kept[0]
        origin = get_origin(main_type)
    is_list = origin is list
    if is_list:
        (main_type,) = get_args(main_type)
        if get_origin(main_type) is not None:
            raise Unsupported(f"{name}: a list of a complex type")
    elif origin is not None:
        raise Unsupported(f"{name}: {annotation!r}")
    from enum import Enum

    # (a function whose annotations name Path has imported pathlib: not loaded otherwise)
    Path = getattr(sys.modules.get("pathlib"), "Path", None)
    parameter_type: Any
    convertor: Any = None
    if Path is not None and main_type is Path:  # Typer's path type, its convertor to a Path
        from typer.models import TyperPath

        parameter_type = TyperPath(
            exists=info.exists,
            file_okay=info.file_okay,
            dir_okay=info.dir_okay,
            writable=info.writable,
            readable=info.readable,
            resolve_path=info.resolve_path,
            allow_dash=info.allow_dash,
            path_type=info.path_type,
        )
        convertor = _path
    elif main_type in _CLICK_TYPES:
        parameter_type = getattr(_click.types, _CLICK_TYPES[main_type])
    elif isinstance(main_type, type) and issubclass(main_type, Enum):  # choices
        from typer._types import TyperChoice

        parameter_type = TyperChoice(
            [item.value for item in main_type], case_sensitive=info.case_sensitive
        )
        convertor = _enum_convertor(main_type)
    else:
        raise Unsupported(f"{name}: the type {main_type!r}")
    if is_list:
        convertor = _list_convertor(default_value, convertor)
    common = {
        "show_default": info.show_default,
        "show_choices": info.show_choices,
        "show_envvar": info.show_envvar,
        "help": info.help,
        "hidden": info.hidden,
        "default": default_value,
        "callback": _param_callback(info.callback, convertor),
        "metavar": info.metavar,
        "expose_value": info.expose_value,
        "is_eager": info.is_eager,
        "envvar": info.envvar,
        "shell_complete": info.shell_complete,
        "autocompletion": _completion(info.autocompletion),
        "rich_help_panel": info.rich_help_panel,
        "required": required,
    }
    if isinstance(info, OptionInfo):
        is_flag = None
        if main_type is bool:
            is_flag = True
            parameter_type = None
        flag = name.replace("_", "-")
        declared = f"--{flag}/--no-{flag}" if is_flag else f"--{flag}"
        decls = [name, *(info.param_decls or (declared,))]
        option = TyperOption(
            param_decls=decls,
            prompt=info.prompt,
            confirmation_prompt=info.confirmation_prompt,
            prompt_required=info.prompt_required,
            hide_input=info.hide_input,
            is_flag=is_flag,
            multiple=is_list,
            count=info.count,
            allow_from_autoenv=info.allow_from_autoenv,
            type=parameter_type,
            **common,
        )
        return option, convertor
    argument = TyperArgument(
        param_decls=[name], type=parameter_type, nargs=-1 if is_list else None, **common
    )
    return argument, convertor


_CLICK_TYPES = {str: "STRING", int: "INT", float: "FLOAT", bool: "BOOL"}
"""The click type of each plain annotation, by its name in click's ``types`` module."""

_TYPE_FIELDS = (
    "click_type",
    "parser",
    "min",
    "max",
    "formats",
    "mode",
    "encoding",
    "lazy",
    "atomic",
)
"""The fields of a Typer parameter that choose a special click type: left to ``typer.main``."""


def _refuse_unusual(name: str, info: Any) -> None:
    """Raise :class:`Unsupported` when ``info`` sets a field that picks a special click type
    (:data:`_TYPE_FIELDS`, compared with a new parameter of the same class)."""
    plain = type(info)()
    for field in _TYPE_FIELDS:
        if getattr(info, field, None) != getattr(plain, field, None):
            raise Unsupported(f"{name}: {field}")


def _path(value: Any) -> Any:
    """Typer's convertor of a path parameter: a Path (None stays None)."""
    from pathlib import Path

    return value if value is None or isinstance(value, Path) else Path(value)


def _enum_convertor(enum: Any) -> Callable[[Any], Any]:
    """Typer's convertor of a choice parameter: the member of ``enum`` whose value the
    choice is (None stays None)."""
    members = {str(member.value): member for member in enum}

    def convert(value: Any) -> Any:
        if value is not None and str(value) in members:
            return enum(members[str(value)])
        return None

    return convert


def _list_convertor(default: Any, each: Any) -> Callable[[Any], Any]:
    """Typer's convertor of a list parameter: None for nothing given when the default is
    None, else a list of the values (each through ``each`` when not None)."""

    def convert(value: Any) -> Any:
        if value is None or (default is None and len(value) == 0):
            return None
        return [each(item) for item in value] if each else list(value)

    return convert


def _param_callback(callback: Any, convertor: Any) -> Any:
    """A parameter's callback as Typer wraps it: called with the value alone (roadmap's
    callbacks take one value). Raises :class:`Unsupported` for callbacks taking more."""
    if callback is None:
        return None
    from functools import update_wrapper

    code = callback.__code__
    if code.co_argcount + code.co_kwonlyargcount != 1:
        raise Unsupported(f"{callback!r}: a callback of several parameters")
    (value_name,) = code.co_varnames[:1]

    def wrapper(ctx: Any, param: Any, value: Any) -> Any:
        return callback(**{value_name: convertor(value) if convertor else value})

    update_wrapper(wrapper, callback)
    return wrapper


def _completion(callback: Any) -> Any:
    """A completion callback as Typer wraps it: its parameters given by their annotation
    (a context, the words so far, the word being completed) or, unannotated, by their name
    (``ctx``, ``args``, ``incomplete``)."""
    if callback is None:
        return None
    from functools import update_wrapper
    from typing import get_origin, get_type_hints

    from typer import _click

    hints = get_type_hints(callback)
    code = callback.__code__
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    roles: dict[str, str] = {}
    for param_name in names:
        hint = hints.get(param_name)
        if isinstance(hint, type) and issubclass(hint, _click.Context):
            roles["ctx"] = param_name
        elif get_origin(hint) is list:
            roles["args"] = param_name
        elif hint is str:
            roles["incomplete"] = param_name
        elif param_name in ("ctx", "args", "incomplete") and param_name not in roles:
            roles[param_name] = param_name
        else:
            raise Unsupported(f"{callback!r}: completion parameter {param_name}")

    def wrapper(ctx: Any, args: list[str], incomplete: str | None) -> Any:
        given = {"ctx": ctx, "args": args, "incomplete": incomplete}
        return callback(**{param: given[role] for role, param in roles.items()})

    update_wrapper(wrapper, callback)
    return wrapper


def cleandoc(doc: str | None) -> str | None:
    """A docstring as ``inspect.cleandoc`` cleans it (the help Typer reads from a command
    function): tabs expanded, the common indentation of the lines after the first removed,
    blank lines at both ends dropped. None stays None."""
    if doc is None:
        return None
    lines = doc.expandtabs().split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.lstrip()]
    margin = min(indents) if indents else 0
    lines[0] = lines[0].lstrip()
    lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)
