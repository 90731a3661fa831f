"""The ``roadmap`` command: parse options, call the core, render a view.

Exit codes: 0 success; 1 bad input or data (one clear sentence, nothing written), or a
change that was recorded but could not be reported in full (output that cannot be written,
a directory that cannot be synced: the sentence says what was recorded); 2 wrong
command-line usage; 3 an internal error (details in a log file whose path is printed);
130 interrupted; 141 the reader of the output went away (a closed pipe), nothing recorded.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from roadmap_tracker import __version__
from roadmap_tracker.base.errors import RoadmapError

if TYPE_CHECKING:
    from roadmap_tracker.session import Session

EXIT_BROKEN_PIPE = 141
"""The exit code when the reader of the output went away (128 + SIGPIPE, as a shell reports
``git log | head -1``), and nothing was recorded. Output that cannot be written otherwise,
or after a change was recorded, exits 1 with a sentence (:func:`output_failed`)."""


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


class RoadmapGroup(TyperGroup):
    """The command group that turns a RoadmapError into its message and exit code 1, Ctrl-C
    into exit code 130, and output that cannot be written into a sentence saying what was
    recorded (:func:`output_failed`).
    """

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
    option's value by what it is (``DATE``, ``TEXT``, ``N``).
    """
    if command.help:  # (it does no harm twice)
        paragraphs = command.help.split("\n\n")
        command.help = "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)
    for param in command.params:
        if param.param_type_name == "option" and param.metavar is None:
            param.metavar = _OPTION_METAVARS.get(param.name)
        if param.param_type_name == "argument" and param.metavar is None:
            metavar = param.name.upper() + ("..." if param.nargs == -1 else "")
            param.metavar = metavar if param.required else f"[{metavar}]"
            param.make_metavar = _plain_metavar(param)


_OPTION_METAVARS = {
    "on": "DATE",
    "from_date": "DATE",
    "week": "DATE",
    "since": "DATE",
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
    except Exception:  # (the output already failed: say what can be said, never crash)
        return None
    return [f"{safekeeping.describe(event)} (change {event.seq})" for event in events] or None


def output_failed(error: OSError, recorded: list[str] | None) -> int:
    """Say on stderr that the output could not be written (``error``), and what the command
    recorded (``recorded``, as :func:`recorded_since` gives it), so that it is not run again;
    return the exit code: 1, or 141 (:data:`EXIT_BROKEN_PIPE`) for a closed pipe when nothing
    was recorded, said without a word, as other commands do.

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
    elif error.errno == errno.EPIPE:
        return EXIT_BROKEN_PIPE
    else:
        lines = [f"Error: Could not write the output: {reason}."]
    with contextlib.suppress(OSError):
        typer.echo(printable("\n".join(lines)), err=True)
    return 1


def report(error: RoadmapError) -> None:
    """Print a RoadmapError for people: the message, the hint, then any detail lines (without
    control characters: they may quote what the learner typed, or a curriculum's titles).
    """
    from roadmap_tracker.base.printable import printable

    lines = [f"Error: {error.message}"]
    if error.hint:
        lines.append(error.hint)
    lines += [f"  {line}" for line in error.details]
    typer.echo(printable("\n".join(lines)), err=True)


app = typer.Typer(
    cls=RoadmapGroup,
    name="roadmap",
    help="Track your progress through a long study curriculum: where am I, what is next, "
    "am I on pace.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print the view as JSON.")]


def _complete_item(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Tab completion of a task reference: open items of the active curriculum (or of the
    one --plan names on the line) by id.
    """
    from roadmap_tracker.commands import views

    return views.item_completions(incomplete, ctx.params.get("plan"))


def _complete_slug(incomplete: str) -> list[str]:
    """Tab completion of a curriculum slug: the bundled and user curricula."""
    from roadmap_tracker.commands import views

    return views.slug_completions(incomplete)


def _complete_enrollment(incomplete: str) -> list[tuple[str, str]]:
    """Tab completion of an enrollment: the curricula you follow."""
    from roadmap_tracker.commands import views

    return views.enrollment_completions(incomplete)


def _complete_show(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Tab completion for 'roadmap show': slugs, then the items of your curriculum."""
    slugs = [(slug, "curriculum") for slug in _complete_slug(incomplete)]
    return slugs + _complete_item(ctx, incomplete)


PlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan",
        metavar="SLUG",
        help="Work on this enrollment instead of the active one (see 'roadmap enrollments').",
        is_eager=True,
        autocompletion=_complete_enrollment,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"roadmap {__version__}")
        raise typer.Exit()


@app.callback()
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


def _day(text: str | None, option: str) -> dt.date:
    from roadmap_tracker.base import clock

    return clock.today() if text is None else clock.parse_date(text, option)


def _session(plan: str | None = None, day: str | None = None, option: str = "--on") -> Session:
    """The command's session: the enrollment ``--plan`` names (the active one when None) as
    of the day ``option`` gives as ``day`` (today when None). Raises typer.BadParameter for
    a day that is not a date.
    """
    from roadmap_tracker.session import Session

    return Session(as_of=None if day is None else _day(day, option), plan=plan)


@app.command("list")
def list_command(json_output: JsonOption = False) -> None:
    """List the curricula you can enroll in, with their length and number of items.

    Example: roadmap list
    """
    from roadmap_tracker.commands import views

    view = views.list_view(_session())
    from roadmap_tracker.cli import render

    render.print_json(view) if json_output else render.render_list(view)


@app.command("show")
def show_command(
    slug: Annotated[
        str | None,
        typer.Argument(
            help="Curriculum slug or path (default: yours), or an item of yours: id, end of "
            "an id or title words.",
            metavar="[SLUG|ITEM]",
            autocompletion=_complete_show,
        ),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show a curriculum as a tree (phases, modules, every item with its id), or one item
    with its state, dates, notes, evidence and resources.

    Example: roadmap show advanced-ai (or an item: roadmap show attention-from-scratch)
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import evidence

    shown = evidence.show_target(_session(plan), slug, whole=json_output)
    if isinstance(shown, evidence.ItemDetail):
        if json_output:
            render.print_json(shown)
            return
        with render.paged():
            render.render_item(shown)
        return
    curriculum, done, marks = shown
    if json_output:
        from roadmap_tracker.commands import views

        render.print_json(views.show_json(curriculum, done, marks))
    else:
        with render.paged():
            render.render_show(curriculum, done, marks)


@app.command("start")
def start_command(
    slug: Annotated[
        str,
        typer.Argument(
            help="Curriculum slug (see 'roadmap list') or path.", autocompletion=_complete_slug
        ),
    ],
    on: Annotated[
        str | None, typer.Option("--on", help="Start date, YYYY-MM-DD (default: today).")
    ] = None,
    hours_per_week: Annotated[
        float | None,
        typer.Option(
            "--hours-per-week",
            help="Hours you will study per week (default: the curriculum's).",
        ),
    ] = None,
    restart: Annotated[
        bool,
        typer.Option("--restart", help="Start over; the earlier run stays in the history."),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Enroll in a curriculum and print the plan: when each phase ends.

    Example: roadmap start advanced-ai --on 2026-01-05 --hours-per-week 10
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import actions

    result = actions.start(_session(None, on), slug, hours_per_week, restart)
    render.print_json(result) if json_output else render.render_start(result)


ItemRefs = Annotated[
    list[str],
    typer.Argument(
        help="Items: id, end of an id, or words of the title; a module or phase id stands "
        "for its items.",
        autocompletion=_complete_item,
    ),
]
YesOption = Annotated[
    bool,
    typer.Option("--yes", "-y", help="Do not ask before changing all items of a module or phase."),
]


def interactive() -> bool:
    """True when a person can answer questions: standard input is a terminal."""
    return sys.stdin.isatty()


def _ask(yes: bool, json_output: bool = False) -> Any:
    """The question the core asks before a module or phase id stands for its items: a
    prompt in a terminal (on stderr when stdout carries JSON), nobody (None) otherwise."""
    if yes or not interactive():
        return None

    def confirm(confirmation: Any) -> bool:
        from roadmap_tracker.base.printable import printable

        for item_id, title in confirmation.items[:10]:
            typer.echo(printable(f"  {item_id}  {title}"), err=json_output)
        if len(confirmation.items) > 10:
            typer.echo(f"  ... and {len(confirmation.items) - 10} more", err=json_output)
        question = printable(confirmation.question)
        return bool(typer.confirm(question, default=False, err=json_output))

    return confirm


def _state_command(
    action: str,
    refs: list[str],
    on: str | None,
    yes: bool,
    json_output: bool,
    plan: str | None,
    note: str | None = None,
    links: list[str] | None = None,
    ask_link: Any = None,
) -> None:
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import actions

    result = actions.change_state(
        _session(plan, on),
        action,  # type: ignore[arg-type]
        refs,
        note=note,
        links=links,
        assume_yes=yes,
        confirm=_ask(yes, json_output),
        ask_link=ask_link,
    )
    render.print_json(result) if json_output else render.render_check(result)


@app.command("check")
def check_command(
    refs: ItemRefs,
    on: Annotated[
        str | None, typer.Option("--on", help="Day the work was done (default: today).")
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Mark the items as not done.")] = False,
    note: Annotated[
        str | None, typer.Option("--note", help="A note to keep with the items.")
    ] = None,
    links: Annotated[
        list[str] | None,
        typer.Option(
            "--link",
            help="Evidence: a URL or a path (repeat for several). Deliverables ask for one in "
            "a terminal.",
        ),
    ] = None,
    no_link: Annotated[
        bool, typer.Option("--no-link", help="Check a deliverable without asking for evidence.")
    ] = False,
    yes: YesOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Tick off items of your curriculum as done (or not done, with --undo).

    Example: roadmap check "Implement attention mechanism from scratch" --on 2026-01-07
    """
    ask_link = None
    if not (undo or links or no_link or json_output) and interactive():

        def ask_link(item_id: str, title: str) -> str | None:
            answer: str = typer.prompt(
                f"Link or path to the evidence for {item_id} (Enter for none)",
                default="",
                show_default=False,
            )
            return answer or None

    action = "uncheck" if undo else "check"
    _state_command(action, refs, on, yes, json_output, plan, note, links, ask_link)


@app.command("doing")
def doing_command(
    refs: ItemRefs,
    on: Annotated[
        str | None, typer.Option("--on", help="Day you started (default: today).")
    ] = None,
    yes: YesOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Mark items as in progress; 'roadmap next' lists them first.

    Example: roadmap doing attention-from-scratch
    """
    _state_command("doing", refs, on, yes, json_output, plan)


@app.command("skip")
def skip_command(
    refs: ItemRefs,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why you skip it (kept with the item).")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the skip (default: today).")
    ] = None,
    yes: YesOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Skip items: they leave your total (not counted as done) and are listed apart.

    Example: roadmap skip m4/tracking-and-tuning --reason "covered at work"
    """
    _state_command("skip", refs, on, yes, json_output, plan, note=reason)


@app.command("reset")
def reset_command(
    refs: ItemRefs,
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the change (default: today).")
    ] = None,
    yes: YesOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Put items back to open, whether done, in progress or skipped.

    Example: roadmap reset m4/tracking-and-tuning
    """
    _state_command("reset", refs, on, yes, json_output, plan)


@app.command("note")
def note_command(
    ref: Annotated[
        str,
        typer.Argument(
            help="The item: id, end of an id or title words.", autocompletion=_complete_item
        ),
    ],
    text: Annotated[str | None, typer.Argument(help="The note.")] = None,
    links: Annotated[
        list[str] | None,
        typer.Option("--link", help="Evidence: a URL or a path (repeat for several)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the note (default: today).")
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Attach a note or evidence (links, paths) to an item; 'roadmap show ITEM' lists them.

    Example: roadmap note attention-from-scratch "multi-head works" --link https://github.com/me/attn
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import evidence

    result = evidence.add_note(_session(plan, on), ref, text, links or [])
    render.print_json(result) if json_output else render.render_note(result)


@app.command("portfolio")
def portfolio_command(
    done_only: Annotated[
        bool, typer.Option("--done", help="Only the deliverables you have finished.")
    ] = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """List every deliverable (portfolio projects, reports, talks) with its evidence, as
    Markdown ready to paste into a CV or README.

    Example: roadmap portfolio --done > portfolio.md
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import evidence

    view = evidence.portfolio_view(_session(plan), done_only)
    if json_output:
        render.print_json(view)
    else:
        with render.paged():
            render.render_portfolio(view)


@app.command("status")
def status_command(
    week: Annotated[
        str | None,
        typer.Option("--week", help="A day of the week to show, YYYY-MM-DD (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show where you are: week of the plan, progress per phase and module, pace, the week.

    Example: roadmap status --week 2026-01-07
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import views

    view = views.status_view(_session(plan, week, "--week"))
    render.print_json(view) if json_output else render.render_status(view)


@app.command("next")
def next_command(
    from_date: Annotated[
        str | None,
        typer.Option("--from", help="Day to look ahead from, YYYY-MM-DD (default: today)."),
    ] = None,
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="How many items to list.")] = 5,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show what to do next and the upcoming milestones with their dates.

    Example: roadmap next --from 2026-01-07 -n 10
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import views

    view = views.next_view(_session(plan, from_date, "--from"), count)
    render.print_json(view) if json_output else render.render_next(view)


@app.command("plan")
def plan_command(
    on: Annotated[
        str | None,
        typer.Option("--on", help="Day to mark as today, YYYY-MM-DD (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show the timeline: a bar per phase and module with its planned window and progress.

    Example: roadmap plan --on 2026-03-16
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import views

    view = views.plan_view(_session(plan, on))
    if json_output:
        render.print_json(view)
    else:
        with render.paged():
            render.render_plan(view)


@app.command("log")
def log_command(
    hours: Annotated[float, typer.Argument(help="Hours studied, in decimal hours (1.5).")],
    on: Annotated[
        str | None, typer.Option("--on", help="Day you studied, YYYY-MM-DD (default: today).")
    ] = None,
    task: Annotated[
        str | None,
        typer.Option(
            "--task",
            help="The item you worked on (id or title words).",
            autocompletion=_complete_item,
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A remark to keep.")] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Log study time; 'roadmap status' compares each week's hours with your commitment.

    Example: roadmap log 1.5 --task attention-from-scratch --note "multi-head done"
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import actions

    result = actions.log(_session(plan, on), hours, task, note)
    render.print_json(result) if json_output else render.render_log(result)


@app.command("choose")
def choose_command(
    group: Annotated[str, typer.Argument(help="The choice group (see 'roadmap show').")],
    options: Annotated[list[str], typer.Argument(help="The option module(s) you take.")],
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the choice (default: today).")
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Choose the option(s) of a choice group; only those count in your plan.

    Example: roadmap choose p2-framework p2-pytorch
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import actions

    result = actions.choose(_session(plan, on), group, options)
    render.print_json(result) if json_output else render.render_plan_change(result)


@app.command("include")
def include_command(
    module: Annotated[str, typer.Argument(help="An optional module's id.")],
    on: Annotated[str | None, typer.Option("--on", help="Day of the change.")] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Add an optional module to your plan.

    Example: roadmap include m8
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import actions

    result = actions.include(_session(plan, on), module)
    render.print_json(result) if json_output else render.render_plan_change(result)


@app.command("exclude")
def exclude_command(
    module: Annotated[str, typer.Argument(help="An optional module's id.")],
    on: Annotated[str | None, typer.Option("--on", help="Day of the change.")] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Take an optional module out of your plan (its progress is kept).

    Example: roadmap exclude m8
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import actions

    result = actions.include(_session(plan, on), module, exclude=True)
    render.print_json(result) if json_output else render.render_plan_change(result)


@app.command("replan")
def replan_command(
    hours_per_week: Annotated[
        float | None,
        typer.Option("--hours-per-week", help="Hours you will study per week from now on."),
    ] = None,
    from_date: Annotated[
        str | None,
        typer.Option("--from", help="Day the remaining plan starts, YYYY-MM-DD (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Re-baseline: the work not yet complete starts again on a date, at new hours if given.

    Every check, log and note is kept, and so is the original plan in the history.

    Example: roadmap replan --from 2026-04-06 --hours-per-week 6
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import actions

    result = actions.replan(_session(plan, from_date, "--from"), hours_per_week)
    render.print_json(result) if json_output else render.render_plan_change(result)


@app.command("stats")
def stats_command(
    weeks: Annotated[int, typer.Option("--weeks", help="How many weeks to show, 1 to 53.")] = 12,
    on: Annotated[
        str | None,
        typer.Option("--on", help="The last day to show, YYYY-MM-DD (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show your activity: a calendar of study days, streaks, items and hours per week.

    Example: roadmap stats --weeks 26
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import activity

    view = activity.stats_view(_session(plan, on), weeks)
    render.print_json(view) if json_output else render.render_stats(view)


@app.command("validate")
def validate_command(
    files: Annotated[list[str], typer.Argument(help="Curriculum files (or slugs) to check.")],
    json_output: JsonOption = False,
) -> None:
    """Check curriculum files and report every problem as FILE:LINE:COLUMN: field: message.

    Runs the model validation and the cross-checks (unique ids, references that resolve, no
    prerequisite cycles, dates and durations that parse, choice groups with two options or
    more). Exits 1 when any file has a problem.

    Example: roadmap validate curricula/*.yaml
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import views

    view = views.validate_view(files)
    if json_output:
        render.print_json(view)
    else:
        with render.paged():
            render.render_validate(view)
    if not view.valid:
        raise typer.Exit(1)


@app.command("journal")
def journal_command(
    text: Annotated[
        str | None,
        typer.Argument(help="The entry's text (default: write it in your $EDITOR)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day the entry is for, YYYY-MM-DD (default: today).")
    ] = None,
    list_entries: Annotated[
        bool, typer.Option("--list", help="Show the entries, newest last, instead of adding one.")
    ] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="With --list: the entries from this day on.")
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Add a dated entry to your progress journal; without TEXT, write it in your editor
    (lines starting with '#' are left out, as in 'git commit'). --list shows the entries.

    Example: roadmap journal "Finished the attention module; next: diffusion models"
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import reflection

    if list_entries:
        if text is not None or on is not None:
            raise typer.BadParameter("--list shows the entries; it takes no TEXT or --on.")
        view = reflection.journal_list(
            _session(plan), _day(since, "--since") if since is not None else None
        )
        if json_output:
            render.print_json(view)
        else:
            with render.paged():
                render.render_journal_list(view)
        return
    if since is not None:
        raise typer.BadParameter("--since goes with --list.", param_hint="'--since'")
    session = _session(plan, on)
    if text is None:
        text = reflection.strip_comments(_edit(reflection.journal_template(session)))
    if not text.strip():
        typer.echo(reflection.JOURNAL_EMPTY, err=True)
        raise typer.Exit(1)
    result = reflection.add_journal(session, text)
    render.print_json(result) if json_output else render.render_journal(result)


_EDITOR_HINT = (
    "Set $EDITOR to an editor you have (export EDITOR=nano), or pass the text: "
    'roadmap journal "What I did".'
)


def _edit(template: str) -> str:
    """Open the learner's editor on a temporary file holding ``template`` and return what it
    holds when the editor exits, as ``git commit`` does: $VISUAL, else $EDITOR (which may
    carry arguments, as in ``code --wait``), else the first of editor, nano, vim and vi
    found. Raises RoadmapError when there is none or it fails (exits other than 0).
    """
    import os
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        editor = next((n for n in ("editor", "nano", "vim", "vi") if shutil.which(n)), None)
    if not editor:
        raise RoadmapError("No editor was found to write the journal entry in.", _EDITOR_HINT)
    handle, name = tempfile.mkstemp(prefix="roadmap-journal-", suffix=".md")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(template)
        try:
            if os.name == "nt":
                status = subprocess.call(f'{editor} "{name}"', shell=True)
            else:  # as git runs it: the editor's text may hold arguments
                status = subprocess.call(["/bin/sh", "-c", f'{editor} "$@"', editor, name])
        except OSError:
            status = -1
        if status != 0:
            raise RoadmapError(
                f"The editor '{editor}' could not be run or failed (exit status {status}); "
                "nothing was written.",
                _EDITOR_HINT,
            )
        return Path(name).read_text(encoding="utf-8")
    finally:
        Path(name).unlink()


@app.command("review")
def review_command(
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the review, YYYY-MM-DD (default: today).")
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            metavar="ID=TEXT",
            help="Answer a question ahead (repeatable); the others are asked.",
        ),
    ] = None,
    list_reviews: Annotated[
        bool, typer.Option("--list", help="Show your past reviews with their answers.")
    ] = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Review the period just ended: its numbers (items, hours, deliverables, pace), then
    the curriculum's questions (what worked, what didn't, goals...); the answers are kept.

    Answers may be empty. When every question has an --answer nothing is asked; when input
    is not a terminal, each answer is read as one line, and those past its end stay empty.

    Example: roadmap review --on 2026-04-03 --answer worked="Daily paper reading"
    """
    from roadmap_tracker.base.printable import printable
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import reflection

    if list_reviews:
        if answer or on is not None:
            raise typer.BadParameter("--list shows past reviews; it takes no --answer or --on.")
        listed = reflection.review_list(_session(plan))
        if json_output:
            render.print_json(listed)
        else:
            with render.paged():
                render.render_review_list(listed)
        return
    session = _session(plan, on)
    given = reflection.parse_answers(answer or [])
    view = reflection.review_prompt(session, given)
    if not json_output:
        render.render_review_numbers(view)
    answered = dict(given)
    at_terminal = interactive()
    for question in view.answers:
        if question.id in answered:
            continue
        if at_terminal:
            try:
                reply = typer.prompt(
                    printable(question.question), default="", show_default=False, err=json_output
                )
            except typer.Abort:  # Ctrl-C or Ctrl-D at the terminal: write nothing
                raise KeyboardInterrupt from None
        else:  # piped input: one answer a line; at its end the questions left stay empty
            line = sys.stdin.readline()
            if not line:
                break
            reply = line.rstrip("\r\n")
            typer.echo(printable(f"{question.question}: {reply.strip()}"), err=json_output)
        answered[question.id] = str(reply).strip()
    result = reflection.record_review(session, list(answered.items()))
    render.print_json(result) if json_output else render.render_review(result)


@app.command("history")
def history_command(
    count: Annotated[
        int, typer.Option("-n", "--count", help="How many changes to show, newest first.")
    ] = 20,
    plan: Annotated[
        str | None,
        typer.Option("--plan", metavar="SLUG", help="Only the changes of this curriculum."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List the changes in your progress file, newest first, with their numbers.

    Example: roadmap history -n 5 --plan advanced-ai
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import safekeeping

    view = safekeeping.history_view(count, plan)
    if json_output:
        render.print_json(view)
    else:
        with render.paged():
            render.render_history(view)


@app.command("undo")
def undo_command(
    change: Annotated[
        int | None,
        typer.Argument(help="The number of the change (see 'roadmap history'); default: the last."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Take back your most recent change (or one of the last 10 by its number).

    The change stays in the history, marked as undone. Example: roadmap undo
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import safekeeping

    result = safekeeping.undo(_session(), change)
    render.print_json(result) if json_output else render.render_undo(result)


@app.command("restore")
def restore_command(
    backup: Annotated[str, typer.Argument(help="A backup's file name in backups/ (or its path).")],
    json_output: JsonOption = False,
) -> None:
    """Put a backup back as your progress file; the current file is kept in backups/ first.

    Example: roadmap restore progress-20261121T093000Z-01-schema-1.yaml
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import safekeeping

    result = safekeeping.restore(backup)
    render.print_json(result) if json_output else render.render_restore(result)


@app.command("enrollments")
def enrollments_command(
    all_enrollments: Annotated[
        bool, typer.Option("--all", help="Also list the stopped (archived) enrollments.")
    ] = False,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Day to count progress to, YYYY-MM-DD (default: today)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List the curricula you follow with their progress and pace; the active one is marked.

    Example: roadmap enrollments --all
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import enrollments

    view = enrollments.enrollments_view(_session(None, on), all_enrollments)
    render.print_json(view) if json_output else render.render_enrollments(view)


@app.command("switch")
def switch_command(
    slug: Annotated[
        str,
        typer.Argument(
            help="The curriculum to make active (an enrollment).",
            autocompletion=_complete_enrollment,
        ),
    ],
    json_output: JsonOption = False,
) -> None:
    """Make another of your enrollments the active one: the one commands work on.

    Example: roadmap switch ai-study-plan
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import enrollments

    result = enrollments.switch(_session(), slug)
    render.print_json(result) if json_output else render.render_switch(result)


@app.command("stop")
def stop_command(
    slug: Annotated[
        str,
        typer.Argument(
            help="The curriculum to stop following.", autocompletion=_complete_enrollment
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Stop it without asking.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Stop following a curriculum: archive its enrollment (a backup is kept first).

    Its record stays in the file: 'roadmap undo' brings it back, 'roadmap start SLUG'
    begins afresh. Example: roadmap stop advanced-ai
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import enrollments

    session = _session()
    confirmed = yes
    if not yes:
        preview = enrollments.stop_preview(session, slug)  # an unknown slug fails here
        if not interactive():
            raise RoadmapError(
                f"roadmap stop asks before it archives {slug}, and there is no terminal to "
                "ask in; add --yes to stop it.",
                "Nothing was changed.",
            )
        question = render.stop_question(preview)
        confirmed = typer.confirm(question, default=False, err=json_output)
    result = enrollments.stop(session, slug, confirmed)
    render.print_json(result) if json_output else render.render_stop(result)


class ExportFormat(StrEnum):
    """The formats of 'roadmap export'."""

    json = "json"
    markdown = "markdown"
    ics = "ics"


@app.command("export")
def export_command(
    export_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="json, markdown (a checklist) or ics (iCalendar)."),
    ] = ExportFormat.markdown,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="Export as of this day.")
    ] = None,
    plan: PlanOption = None,
) -> None:
    """Export your enrollment: its curriculum, plan and progress, as JSON, as a Markdown
    checklist for a GitHub README, or as an iCalendar file for your calendar.

    Example: roadmap export --format ics -o roadmap.ics
    """
    from roadmap_tracker.commands import exporting, output_files

    text = exporting.export(_session(plan, on), export_format.value)
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
    else:
        output_files.write_file(text, output)


@app.command("import")
def import_command(
    source: Annotated[
        Path, typer.Argument(metavar="ROADMAP.md", help="A Markdown roadmap to turn into YAML.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the curriculum to FILE ('-' for stdout) instead of your curricula "
            "directory.",
        ),
    ] = None,
    slug: Annotated[
        str | None, typer.Option("--slug", help="The curriculum's slug (default: from the title).")
    ] = None,
    progress: Annotated[
        bool,
        typer.Option("--progress", help="Also enroll, with the '- \\[x]' items recorded as done."),
    ] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE", help="The enrollment's start (with --progress; default today)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a curriculum file that exists.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Turn a Markdown roadmap (headings, checklists, numbered lists, links, durations such as
    "(2-3 months)") into a curriculum you can enroll in.

    Example: roadmap import ROADMAP.md --progress
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import importing

    if json_output and output is not None and str(output) == "-":
        raise RoadmapError(
            "--json and -o - would both print to stdout.",
            "Write the curriculum to a file with -o FILE, or leave out --json.",
        )
    result, yaml_text = importing.import_markdown(
        _session(None, on), source, output, slug=slug, progress=progress, force=force
    )
    if yaml_text is not None:  # -o -: the curriculum on stdout, what was done on stderr
        typer.echo(yaml_text, nl=False)
    render.print_json(result) if json_output else render.render_import(result)


@app.command("doctor")
def doctor_command(json_output: JsonOption = False) -> None:
    """Check the progress file, its lock, its backups and your curricula; list the items
    your progress names that a curriculum no longer has. Exits 1 when a check finds a problem.

    Example: roadmap doctor
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import safekeeping

    view = safekeeping.doctor_view()
    render.print_json(view) if json_output else render.render_doctor(view)
    if not view.healthy:
        raise typer.Exit(1)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the curriculum format (for editors and other tools).

    Example: roadmap schema > schema.json
    """
    from roadmap_tracker.curriculum.model import curriculum_schema

    typer.echo(curriculum_schema(), nl=False)


def main() -> None:
    """Run the command line; an unexpected error exits 3 with the path of a log file."""
    import gc
    import os

    if os.environ.get("NO_COLOR"):
        # Typer draws help and usage errors with its own rich console, which honours
        # NO_COLOR for colours but still prints bold and dim: no terminal, no ANSI code.
        os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
    # What is loaded by now (Typer, Click, rich) lives as long as the process: the cycle
    # collector need not walk it again each time a command's own objects trigger a full
    # collection (some 7 ms for a status of 10,000 items; docs/performance.md).
    gc.freeze()
    registered = app.registered_commands
    app.registered_commands = _commands_to_build(sys.argv[1:])
    stdout = sys.stdout
    sys.stdout = GuardedStdout(stdout)
    try:
        try:
            app()
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
        app.registered_commands = registered
        sys.stdout = stdout


def _commands_to_build(arguments: list[str]) -> list[Any]:
    """The registered commands Typer should turn into click commands for this run.

    Typer builds every command (reads its signature, makes its options) before it runs one:
    about 9 ms for the 18 commands, on every start. When the first argument names a command,
    only that one is built; help, completion and mistakes (no command, an unknown one) get
    all of them, so that the top-level help and "No such command" stay complete.
    """
    import os

    if not arguments or os.environ.get("_ROADMAP_COMPLETE"):
        return app.registered_commands
    named = [command for command in app.registered_commands if command.name == arguments[0]]
    return named or app.registered_commands


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
