"""The ``roadmap`` command: the Typer app, its registry of commands (:data:`COMMANDS`, each
imported when it is run), ``main()``, and the handling of errors and exit codes. The
commands themselves are declared and drawn in one module per family (``tracking``,
``overview``...); each parses options, calls the core, renders a view.

Exit codes: 0 success. 1 bad input or data: one clear sentence, nothing written; every bad
value of an option or argument is 1, whether out of its range (next -n 0, stats --weeks 0),
not a number or not one of its choices. 1 also for a question answered no (a plain sentence
saying nothing was changed, without "Error:"), and for a change that was recorded but could
not be reported in full (a full disk, a directory that cannot be synced: the sentence says
what was recorded). 2 the shape of the command line is wrong: an unknown command or option,
an option without its value, a missing argument. 3 an internal error (details in a log file
whose path is printed). 130 interrupted. A closed pipe (roadmap status | head -1) exits 0, for
every command, without a word when nothing was recorded.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any

import typer

from roadmap_tracker import __version__
from roadmap_tracker.base.errors import Declined, RoadmapError
from roadmap_tracker.cli.lazy import LazyGroup

EXIT_CLOSED_PIPE = 0
"""The exit code when the reader of the output went away (a closed pipe: ``roadmap status |
head -1``), for every command: the reader had what it wanted. Not git's 141 (128 + SIGPIPE):
whether a writer sees the closed pipe at all depends on how fast the reader closed it (a
short output fits the pipe's buffer and exits 0), and ``set -o pipefail`` scripts would fail
at random (decision 60). Output that cannot be written otherwise (a full disk) exits 1 with
a sentence (:func:`output_failed`)."""


class OutputError(Exception):
    """Standard output could not be written: ``error``, the OSError of its write or flush
    (no space left on device, a closed pipe...). Raised by :class:`GuardedStdout`, so that a
    failure to print is told apart from every other OSError (which is an internal error).
    """

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class GuardedStdout:
    """Standard output (``stream``) whose write and flush raise :class:`OutputError` instead
    of an OSError; everything else is the stream's. Installed by :func:`main`.

    ``stream`` is None when the command was started with standard output closed
    (``roadmap log 1 >&-``): writing then fails as writing to a closed descriptor does.
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text``; raises OutputError when it cannot be written."""
        try:
            return int(self._stream().write(text))
        except OSError as error:
            raise OutputError(error) from error

    def flush(self) -> None:
        """Flush the stream; raises OutputError when it cannot be written."""
        if self.stream is None:  # nothing was written to it
            return
        try:
            self.stream.flush()
        except OSError as error:
            raise OutputError(error) from error

    def isatty(self) -> bool:
        """Whether the stream is a terminal."""
        return self.stream is not None and bool(self.stream.isatty())

    def _stream(self) -> Any:
        if self.stream is None:
            import errno
            import os

            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return self.stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


COMMANDS = {
    "list": "roadmap_tracker.cli.curricula:list_command",
    "show": "roadmap_tracker.cli.curricula:show_command",
    "find": "roadmap_tracker.cli.finding:find_command",
    "start": "roadmap_tracker.cli.tracking:start_command",
    "check": "roadmap_tracker.cli.tracking:check_command",
    "doing": "roadmap_tracker.cli.tracking:doing_command",
    "skip": "roadmap_tracker.cli.tracking:skip_command",
    "reset": "roadmap_tracker.cli.tracking:reset_command",
    "note": "roadmap_tracker.cli.evidence:note_command",
    "portfolio": "roadmap_tracker.cli.evidence:portfolio_command",
    "status": "roadmap_tracker.cli.overview:status_command",
    "forecast": "roadmap_tracker.cli.overview:forecast_command",
    "next": "roadmap_tracker.cli.overview:next_command",
    "plan": "roadmap_tracker.cli.overview:plan_command",
    "log": "roadmap_tracker.cli.tracking:log_command",
    "timer": "roadmap_tracker.cli.timing:timer_command",
    "hours": "roadmap_tracker.cli.timing:hours_command",
    "choose": "roadmap_tracker.cli.planning:choose_command",
    "include": "roadmap_tracker.cli.planning:include_command",
    "exclude": "roadmap_tracker.cli.planning:exclude_command",
    "replan": "roadmap_tracker.cli.planning:replan_command",
    "pause": "roadmap_tracker.cli.planning:pause_command",
    "resume": "roadmap_tracker.cli.planning:resume_command",
    "stats": "roadmap_tracker.cli.stats:stats_command",
    "validate": "roadmap_tracker.cli.files:validate_command",
    "journal": "roadmap_tracker.cli.journal:journal_command",
    "review": "roadmap_tracker.cli.journal:review_command",
    "history": "roadmap_tracker.cli.safekeeping:history_command",
    "undo": "roadmap_tracker.cli.safekeeping:undo_command",
    "redo": "roadmap_tracker.cli.safekeeping:redo_command",
    "edit": "roadmap_tracker.cli.safekeeping:edit_command",
    "restore": "roadmap_tracker.cli.safekeeping:restore_command",
    "enrollments": "roadmap_tracker.cli.enrollments:enrollments_command",
    "switch": "roadmap_tracker.cli.enrollments:switch_command",
    "stop": "roadmap_tracker.cli.enrollments:stop_command",
    "export": "roadmap_tracker.cli.files:export_command",
    "report": "roadmap_tracker.cli.report:report_command",
    "import": "roadmap_tracker.cli.files:import_command",
    "doctor": "roadmap_tracker.cli.safekeeping:doctor_command",
    "sync": "roadmap_tracker.cli.sync:sync_command",
    "group": "roadmap_tracker.cli.groups:group_command",
    "schema": "roadmap_tracker.cli.files:schema_command",
}
"""Every command: its name, and the function (``module:function``) whose signature declares
its arguments and options and whose docstring is its help; in the order ``roadmap --help``
lists them. A command's module is imported only when the command is looked up: running it,
its help, the top-level help or the completion of a command name (:mod:`.lazy`)."""


class RoadmapGroup(LazyGroup):
    """The command group that turns a RoadmapError into its message and exit code 1, Ctrl-C
    into exit code 130, and output that cannot be written into a sentence saying what was
    recorded (:func:`output_failed`). Its commands are :data:`COMMANDS`, built on demand.
    """

    registry = COMMANDS

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        """The root context, its help as wide as the terminal (``COLUMNS`` wins): click's
        plain help formatter stops at 80 columns unless told (decision 64)."""
        from roadmap_tracker.cli.wrapping import terminal_columns

        extra.setdefault("max_content_width", terminal_columns())
        return super().make_context(info_name, args, parent, **extra)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """``roadmap`` alone prints the help on stdout and exits 0, as ``roadmap --help`` does
        (click's plain mode would print it on stderr as a usage error, exit 2)."""
        if not args and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())
            ctx.exit(0)
        result: list[str] = super().parse_args(ctx, args)
        return result

    def invoke(self, ctx: Any) -> Any:
        """Run the command and flush its output; report a RoadmapError on stderr and exit 1
        (130 on Ctrl-C); when the output cannot be written, say what the command recorded
        (:func:`output_failed`).
        """
        mark = _progress_mark()
        try:
            try:
                result = super().invoke(ctx)
            except typer.Exit:  # doctor or validate found a problem: its report, then exit
                sys.stdout.flush()
                raise
            sys.stdout.flush()  # here, not at exit: a failure must be told (OutputError)
            return result
        except OutputError as failure:
            raise typer.Exit(output_failed(failure.error, recorded_since(mark))) from None
        except RoadmapError as error:
            report(error)
            raise typer.Exit(1) from None
        except typer.BadParameter as error:  # a value click could not read: bad input, exit 1
            # (Typer 0.28 vendors click: its MissingParameter is known by name)
            if error.param is None or type(error).__name__ == "MissingParameter":
                raise  # a missing argument, or a command's own usage error: exit 2
            report(bad_value(error))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            typer.echo(
                "Interrupted. A change is recorded whole or not at all; "
                "'roadmap history' shows which.",
                err=True,
            )
            raise typer.Exit(130) from None

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command ``cmd_name``, its help made ready for people (see :func:`_tidy`)."""
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _tidy(command)
        return command


def _tidy(command: Any) -> None:
    """Make a command's help read well: each paragraph of its docstring flows as one (Typer's
    rich mode keeps the source's line breaks after the first paragraph), and each argument
    is named in capitals in the usage line (``REFS...``, ``[TEXT]``), as click does, and each
    option's value by what it is (``DATE``, ``TEXT``, ``N``); a ``DATE`` option's help ends
    with the forms a date takes (:data:`DATE_HELP`).
    """
    if command.help:  # (it does no harm twice)
        paragraphs = command.help.split("\n\n")
        command.help = "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)
    for param in command.params:
        if param.param_type_name == "option" and param.metavar is None:
            param.metavar = _OPTION_METAVARS.get(param.name)
        if param.metavar == "DATE" and not (param.help or "").endswith(DATE_HELP):
            param.help = f"{param.help or ''} {DATE_HELP}".lstrip()
        if param.param_type_name == "argument" and param.metavar is None:
            metavar = param.name.upper() + ("..." if param.nargs == -1 else "")
            param.metavar = metavar if param.required else f"[{metavar}]"
            param.make_metavar = _plain_metavar(param)


DATE_HELP = (
    "DATE: YYYY-MM-DD, today, yesterday, monday, last fri, next fri, 3d, 3 days ago, "
    "in 3 days, tomorrow."
)
"""The end of every ``DATE`` option's help: the forms ``clock.parse_date`` reads (decision 56)."""

_OPTION_METAVARS = {
    "on": "DATE",
    "from_date": "DATE",
    "week": "DATE",
    "since": "DATE",
    "until": "DATE",
    "by": "DATE",
    "at": "TIME",
    "note": "TEXT",
    "reason": "TEXT",
    "links": "URL|PATH",
    "task": "REF",
    "slug": "SLUG",
    "hours_per_week": "HOURS",
    "count": "N",
    "weeks": "N",
}
"""What an option's value is called in help, by parameter name (Typer would say <str>)."""


def _plain_metavar(param: Any) -> Any:
    """The usage name of an argument as given (``SLUG``), without the braces Typer puts
    around a required one (``{SLUG}``).
    """

    def make_metavar(ctx: Any, *, usage: bool = False) -> str:
        return str(param.metavar)

    return make_metavar


def _progress_mark() -> tuple[int, int, int] | None:
    """The progress file's inode, size and modification time (ns), or None when there is
    none: taken before a command runs, to tell what it recorded (:func:`recorded_since`).
    """
    from roadmap_tracker.base import paths

    try:
        status = paths.progress_path().stat()
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


def recorded_since(mark: tuple[int, int, int] | None) -> list[str] | None:
    """What was recorded in the progress file since it had ``mark`` (:func:`_progress_mark`):
    one phrase per change, such as ``logged 1 h for 2026-01-09 (change 7)``; [] when the file
    is unchanged; None when it changed in a way that does not say which changes are new (a
    whole rewrite: restore, a migration) or cannot be read.

    Changes are appended (the file up to its old size is the file as it was), so the lines
    after the old size are the new changes: only they are read (all of a file that did not
    exist before). A change another process
    recorded meanwhile would be counted too.
    """
    from roadmap_tracker.base import paths
    from roadmap_tracker.commands import safekeeping
    from roadmap_tracker.progress import file_format
    from roadmap_tracker.progress.events import Event

    now = _progress_mark()
    if now == mark:
        return []
    if now is None or (mark is not None and (now[0] != mark[0] or now[1] < mark[1])):
        return None
    start = 0 if mark is None else mark[1]  # no file before: it is new, and all of it
    try:
        with paths.progress_path().open("rb") as handle:
            handle.seek(start)
            added = handle.read(now[1] - start).decode("utf-8")
        lines = [line for line in added.splitlines() if line.startswith("- ")]
        events = [Event.model_validate(file_format.record_of(line)) for line in lines]
        from roadmap_tracker.progress import reading

        numbers = {e.id: e.seq for e in reading.read_progress().events[-len(events) - 64 :]}
    except Exception:  # (the output already failed: say what can be said, never crash)
        return None
    return [
        f"{safekeeping.describe(event)} (change {numbers.get(event.id, '?')})" for event in events
    ] or None


def output_failed(error: OSError, recorded: list[str] | None) -> int:
    """Say on stderr that the output could not be written (``error``), and what the command
    recorded (``recorded``, as :func:`recorded_since` gives it), so that it is not run again;
    return the exit code: 1, or 0 (:data:`EXIT_CLOSED_PIPE`) for a closed pipe, said without
    a word when nothing was recorded.

    Whatever is still buffered for stdout is dropped (standard output now goes to the null
    device), so that Python does not fail again flushing it at exit.
    """
    import contextlib
    import errno
    import os

    from roadmap_tracker.base.errors import error_reason
    from roadmap_tracker.base.printable import printable

    with contextlib.suppress(Exception):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    reason = error_reason(error)
    closed_pipe = error.errno == errno.EPIPE
    if recorded:
        lines = [
            f"Recorded: {'; '.join(recorded)}, but the output could not be written: {reason}.",
            "Do not run the command again; 'roadmap history' shows "
            + ("the change." if len(recorded) == 1 else "the changes."),
        ]
    elif recorded is None:
        lines = [
            f"Your progress file was changed, but the output could not be written: {reason}.",
            "Do not run the command again before 'roadmap history' shows what was recorded.",
        ]
    elif closed_pipe:
        return EXIT_CLOSED_PIPE
    else:
        lines = [f"Error: Could not write the output: {reason}."]
    with contextlib.suppress(OSError):
        typer.echo(printable("\n".join(lines)), err=True)
    return EXIT_CLOSED_PIPE if closed_pipe else 1


def bad_value(error: typer.BadParameter) -> RoadmapError:
    """The RoadmapError of a value click could not read for an option or argument (not a
    number, out of its range, not one of its choices): click's sentence, which names the
    option and the value, and a hint to the command's help. Exit code 1, as every bad value
    (decision 60); exit code 2 stays for the shape of the command line.
    """
    message = error.format_message()
    command = error.ctx.command_path if error.ctx is not None else "roadmap"
    return RoadmapError(message, f"'{command} -h' says what it takes.")


def report(error: RoadmapError) -> None:
    """Print a RoadmapError for people: the message, the hint, then any detail lines (without
    control characters: they may quote what the learner typed, or a curriculum's titles),
    wrapped to the terminal when stderr is one (:func:`error_text`).
    """
    from roadmap_tracker.cli import wrapping

    typer.echo(error_text(error, wrapping.terminal_width(sys.stderr)), err=True)


def error_text(error: RoadmapError, width: int | None) -> str:
    """A RoadmapError as printed: ``Error: <message>``, the hint, then each detail line two
    cells in, each broken between words at ``width`` cells (a detail's following lines four
    cells in); None: one line each (a pipe, a file, a log).
    """
    from roadmap_tracker.base.printable import printable
    from roadmap_tracker.cli.wrapping import wrap

    first = error.message if isinstance(error, Declined) else f"Error: {error.message}"
    lines = [wrap(printable(first), width)]
    if error.hint:
        lines.append(wrap(printable(error.hint), width))
    lines += [wrap(printable(line), width, "  ", "    ") for line in error.details]
    return "\n".join(lines)


APP_SETTINGS: dict[str, Any] = {
    "name": "roadmap",
    "help": "Track your progress through a long study curriculum: where am I, what is next, "
    "am I on pace.",
    "no_args_is_help": True,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
"""The group's settings, shared by Typer's app (:func:`typer_app`) and the lean group
(:func:`lean_group`)."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"roadmap {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Track your progress through a long study curriculum.

    Start with 'roadmap list', enroll with 'roadmap start SLUG', tick off work with
    'roadmap check TASK', and see where you are with 'roadmap status' and 'roadmap next'.
    """


@cache
def typer_app() -> typer.Typer:
    """The Typer app: the group with every option Typer adds (``--install-completion``,
    ``--show-completion``), its help and its usage errors. Tests run it with Typer's
    ``CliRunner``; :func:`main` runs it for a line :func:`lean_line` leaves to it.
    """
    app = typer.Typer(
        cls=RoadmapGroup,
        pretty_exceptions_show_locals=False,
        # Help and usage errors in click's plain text, not rich's panels: they cost less
        # than `status` this way (typer.rich_utils imports rich's markdown and traceback),
        # and read as git's and uv's do (decision 64).
        rich_markup_mode=None,
        **APP_SETTINGS,
    )
    app.callback()(_root)
    return app


def lean_group() -> Any:
    """The group of :func:`typer_app` built without ``typer.main`` (:mod:`.lean`), for the
    lines :func:`lean_line` accepts: a command and its arguments, ``--version``, and the
    completion of a command's arguments. It lacks only the options that install shell
    completion, which such a line does not use (decision 70)."""
    import os

    from roadmap_tracker.cli import lean

    if os.environ.get("_ROADMAP_COMPLETE") or os.environ.get("_ROADMAP_TRACKER_COMPLETE"):
        # Typer's shells (bash, zsh, fish, PowerShell), which its own build registers
        from typer._completion_classes import completion_init

        completion_init()
    return lean.build_group(RoadmapGroup, _root, rich_markup_mode=None, **APP_SETTINGS)


_TYPER_ONLY = frozenset({"-h", "--help", "--install-completion", "--show-completion"})
"""Options that only Typer's own app (:func:`typer_app`) handles: help and the installation
of shell completion."""


def lean_line(args: list[str], environ: Mapping[str, str]) -> bool:
    """Whether the command line ``args`` (without the program's name) can run on the lean
    group (:func:`lean_group`): it names a command (or is ``--version``) and asks for no help
    (help is Typer's, with the group's every option), or it is a shell's completion request
    (``_ROADMAP_COMPLETE`` or ``_ROADMAP_TRACKER_COMPLETE`` in ``environ``) for the
    arguments of a command. Anything else (no arguments, an unknown command, a mistyped
    option before the command) runs on Typer's app, which says what is wrong.
    """
    if environ.get("_ROADMAP_COMPLETE") or environ.get("_ROADMAP_TRACKER_COMPLETE"):
        # bash gives the words and the number of the one completed; zsh and fish the line
        line = environ.get("COMP_WORDS") or environ.get("_TYPER_COMPLETE_ARGS", "")
        words = line.split()
        if len(words) < 2 or words[1] not in COMMANDS:
            return False
        if "COMP_CWORD" in environ:
            return environ["COMP_CWORD"] != "1"  # not the command's name itself
        return len(words) > 2 or line.endswith(" ")
    if not args or not _TYPER_ONLY.isdisjoint(args):
        return False
    return args[0] in COMMANDS or args == ["--version"]


def __getattr__(name: str) -> Any:
    # `from roadmap_tracker.cli.app import app`: Typer's app, built when first asked for.
    if name == "app":
        return typer_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Run the command line; an unexpected error exits 3 with the path of a log file.

    A command runs on the lean group (:func:`lean_group`) when :func:`lean_line` says it
    can, else on Typer's app (:func:`typer_app`).
    """
    import gc
    import os

    from roadmap_tracker.cli.terminal import colour_choice

    if colour_choice() is False:  # NO_COLOR, CLICOLOR=0
        # Typer draws help and usage errors with its own rich console, which honours
        # NO_COLOR for colours but still prints bold and dim: no terminal, no ANSI code.
        os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
    # What is loaded by now (Typer, Click, rich) lives as long as the process: the cycle
    # collector need not walk it again each time a command's own objects trigger a full
    # collection (some 7 ms for a status of 10,000 items; docs/performance.md). And a
    # command's own objects mostly live to its end: collecting them every 700 allocations
    # walks them over and over (decision 42).
    gc.freeze()
    gc.set_threshold(50_000, 10, 10)
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        # Output to an encoding without box drawing or ✓ (PYTHONIOENCODING=cp1252, Windows
        # redirected): those characters print as ?, not a crash (decision 60).
        sys.stdout.reconfigure(errors="replace")
    stdout = sys.stdout
    sys.stdout = GuardedStdout(stdout)
    try:
        try:
            if lean_line(sys.argv[1:], os.environ):
                lean_group().main()
            else:
                typer_app()()
        except SystemExit:
            sys.stdout.flush()  # what help or --version printed (a command's: in invoke)
            raise
    except OutputError as failure:  # not in a command: nothing was recorded
        sys.exit(output_failed(failure.error, []))
    except Exception as error:
        log = _write_crash_log()
        where = f" Details are in {log}." if log else ""
        typer.echo(
            f"Internal error: {type(error).__name__}: {error}.{where} Please report it.",
            err=True,
        )
        sys.exit(3)
    finally:
        sys.stdout = stdout


def _write_crash_log() -> str | None:
    import os
    import traceback

    from roadmap_tracker.base import clock, paths

    try:
        directory = paths.private_dir(paths.log_dir())
        path = directory / f"crash-{clock.now():%Y%m%dT%H%M%S}.log"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(traceback.format_exc())
    except OSError:
        return None
    return str(path)
