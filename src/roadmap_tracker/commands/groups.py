"""``roadmap group``: a study group's progress, through a git repository of its own (issue 26,
decision 51).

A group is a git repository with one folder per member, ``members/NAME/``: the member's
published record (``progress.yaml``) and the curricula of their own that it follows
(``curricula/``). It is cloned into the data directory's ``groups/`` folder (which the
data directory's ``.gitignore`` keeps out of the learner's own sync), one group at a time;
the clone's ``.git/roadmap-member`` names the member this machine publishes as.

A published record leaves out what is private: journal entries, reviews and notes on items
(their events), and the notes and evidence links of every other event, unless
``--with-notes``. Each member writes only their own folder, so a merge of the group never
conflicts. Git runs with the steps of ``roadmap sync`` (:class:`~.syncing.Git`): fetch,
a merge git never writes the working tree for, push once more when someone pushed meanwhile.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from roadmap_tracker.base import paths
from roadmap_tracker.base.errors import RoadmapError, error_reason
from roadmap_tracker.base.records import View
from roadmap_tracker.commands.syncing import Git, local_remote, network_error
from roadmap_tracker.progress.events import Event

GROUPS = "groups"
"""The folder of the data directory that holds the group's clone (ignored by sync)."""

MEMBER_FILE = "roadmap-member"
"""The file in the clone's ``.git`` naming the member this machine publishes as."""

PRIVATE_ACTIONS = frozenset({"journal", "review", "note"})
"""The events a published record leaves out (unless ``--with-notes``)."""

NOT_PUBLISHED = "(not published)"
"""The text of a private event that must stay because other events name it."""

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
"""A curriculum slug that may name a file in a member's ``curricula/`` (no path in it: a
member's record is data from someone else)."""

_GROUP_GITATTRIBUTES = (
    "# Written by roadmap group: git keeps both sides' lines of a member's record.\n"
    "members/*/progress.yaml merge=union\n"
)
_GROUP_GITIGNORE = "# Written by roadmap group: what stays on each machine.\n*.lock\n.*.tmp\n"


class PublishResult(View):
    """``roadmap group publish`` (and ``join``): what was published where.

    ``events`` counts the events of the published record; ``left_out`` the private events
    left out (0 with ``--with-notes``); ``committed`` whether the member's folder changed;
    ``pushed`` whether anything went to the group's remote.
    """

    group: str
    directory: str
    member: str
    events: int
    left_out: int
    committed: bool
    pushed: bool


class MemberStatus(View):
    """One member's line of ``roadmap group status``: the views of ``roadmap status`` and
    ``roadmap stats`` on their published record, for their active enrollment.

    ``curriculum`` is None when the member follows none (``problem`` then says why, as it
    does when their record cannot be read). ``days_ahead``: the pace (negative: behind).
    ``finish_p80``: the forecast's 80% date, None when there is none yet.
    """

    name: str
    curriculum: str | None
    title: str | None
    week: int | None
    weeks_total: int | None
    done: int | None
    total: int | None
    percent: float | None
    days_ahead: int | None
    hours_this_week: float | None
    streak: int | None
    finish_p80: dt.date | None
    problem: str | None


class GroupStatus(View):
    """``roadmap group status``: every member's progress on ``as_of``; ``you`` is the member
    this machine publishes as; ``members`` in order of name."""

    group: str
    directory: str
    you: str
    as_of: dt.date
    members: list[MemberStatus]


# --- the commands -------------------------------------------------------------------------------


def join(url: str, name: str, with_notes: bool = False) -> PublishResult:
    """Clone the group at ``url`` (or start it in an empty repository; a local path that
    does not exist becomes one, as with ``roadmap sync --init``), become its member
    ``name`` and publish. Raises RoadmapError when ``name`` is not a plain name, another
    group is joined already, or ``url`` cannot be reached.
    """
    import shutil

    if not _NAME.fullmatch(name):
        raise RoadmapError(
            f"{name!r} is not a plain member name.",
            "Use letters, digits, '-', '_' or '.' (up to 40, starting with a letter or digit).",
        )
    current = joined_directory()
    if current is not None and Git(current).remote_url("origin") != _absolute(url):
        raise RoadmapError(
            f"You are a member of the group {current.name} already (one group at a time).",
            f"Leave it first: remove {current}.",
        )
    directory = paths.data_dir() / GROUPS / _group_name(url)
    created = not (directory / ".git").exists()
    paths.private_dir(directory)
    git = _group_git(Git(directory), "roadmap group join")
    git.check_version()
    url = local_remote(git, url)
    try:
        if created:
            git.run("init", "-q", "-b", "main")
            git.run("remote", "add", "origin", url)
        with git.sync_lock():
            done = git.run("fetch", "-q", "--no-tags", "origin", check=False, network=True)
            if done.returncode != 0:
                raise network_error(done.stderr, url, "fetch", git.command)
            if git.head() is None:
                found = git._remote_default("origin")
                if found is not None:
                    git.run("symbolic-ref", "HEAD", f"refs/heads/{found[0]}")
                    git.move_to(found[1], None)
    except RoadmapError:
        if created:
            shutil.rmtree(directory, ignore_errors=True)
        raise
    (git.git_dir / MEMBER_FILE).write_text(name + "\n", encoding="utf-8")
    return publish(with_notes)


def publish(with_notes: bool = False) -> PublishResult:
    """Write the learner's record (without what is private unless ``with_notes``) and their
    own curricula into ``members/NAME/`` of the group, commit, fetch, merge, push."""
    directory, member = _joined()
    git = _group_git(Git(directory), "roadmap group publish")
    git.check_version()
    events, left_out = published_events(with_notes)
    with git.sync_lock():
        git.recover()
        _write_member(directory, member, events)
        committed = _commit(git, member, len(events))
        _, pushed = git.exchange("origin", upstream=True)
    return PublishResult(
        group=directory.name,
        directory=str(directory),
        member=member,
        events=len(events),
        left_out=left_out,
        committed=committed,
        pushed=pushed,
    )


def status(as_of: dt.date) -> GroupStatus:
    """Fetch and merge the group (nothing is pushed), then every member's progress on
    ``as_of``."""
    directory, member = _joined()
    git = _group_git(Git(directory), "roadmap group status")
    git.check_version()
    with git.sync_lock():
        git.recover()
        git.fetch("origin")
        git.merge("origin")
    members_dir = directory / "members"
    names = sorted(
        entry.name
        for entry in (members_dir.iterdir() if members_dir.is_dir() else ())
        if entry.is_dir() and _NAME.fullmatch(entry.name)
    )
    return GroupStatus(
        group=directory.name,
        directory=str(directory),
        you=member,
        as_of=as_of,
        members=[member_status(members_dir / name, as_of) for name in names],
    )


# --- publishing ---------------------------------------------------------------------------------


def published_events(with_notes: bool) -> tuple[list[Event], int]:
    """The learner's events as published, and how many private ones were left out.

    Without ``with_notes``: journal, review and note events are left out (and an undo of
    one), and every other event loses its ``note`` and ``links``. A private event that
    heads a change other events are part of stays, its text replaced by
    :data:`NOT_PUBLISHED`, so that the record stays whole.
    """
    from roadmap_tracker.progress import reading

    events = list(reading.read_progress().events)
    if with_notes:
        return events, 0
    heads = {event.part_of for event in events if event.part_of and event.part_of != event.id}
    dropped = {
        event.id for event in events if event.action in PRIVATE_ACTIONS and event.id not in heads
    }
    for event in events:  # in order: an undo of a dropped undo is dropped too
        if event.undoes in dropped or event.amends in dropped:
            dropped.add(event.id)
    kept = []
    for event in events:
        if event.id in dropped:
            continue
        if event.action in PRIVATE_ACTIONS:
            event = Event(**{**event.__dict__, "note": NOT_PUBLISHED, "links": (), "answers": ()})
        elif event.note is not None or event.links:
            event = Event(**{**event.__dict__, "note": None, "links": ()})
        kept.append(event)
    return kept, len(dropped)


def _write_member(directory: Path, member: str, events: list[Event]) -> None:
    """``members/NAME/progress.yaml`` and ``curricula/`` (the learner's own curricula that
    the events' enrollments follow), and the group's git files when they are missing."""
    from roadmap_tracker.base.atomic import write_atomic
    from roadmap_tracker.curriculum import catalog
    from roadmap_tracker.progress import file_format
    from roadmap_tracker.progress.event_log import Progress

    folder = directory / "members" / member
    try:
        for name, text in (
            (".gitattributes", _GROUP_GITATTRIBUTES),
            (".gitignore", _GROUP_GITIGNORE),
        ):
            if not (directory / name).exists():
                write_atomic(directory / name, text, durable=True)
        paths.private_dir(folder)
        text = file_format.render_progress(Progress(events=tuple(events)))
        write_atomic(folder / "progress.yaml", text, durable=True)
        own = {event.curriculum for event in events if event.path}
        for slug in sorted(slug for slug in own if _SLUG.fullmatch(slug)):
            source = catalog.user_file(slug)
            if source is not None:
                paths.private_dir(folder / "curricula")
                write_atomic(
                    folder / "curricula" / f"{slug}.yaml", source.read_bytes(), durable=True
                )
    except OSError as error:
        raise RoadmapError(
            f"Cannot write your folder in the group at {folder}: {error_reason(error)}.",
            "Make the data directory writable; nothing was published.",
        ) from error


def _commit(git: Git, member: str, count: int) -> bool:
    """Commit the member's folder and the group's git files; False when nothing changed."""
    git.run("add", "-A", "--", f"members/{member}", ".gitattributes", ".gitignore")
    if git.ok("diff", "--cached", "--quiet"):
        return False
    message = f"roadmap group: {member} published {count} event{'s' if count != 1 else ''}"
    git.run(*git.committer(), "commit", "-q", "--no-verify", "-m", message)
    return True


# --- status ---------------------------------------------------------------------------------------


def member_status(folder: Path, as_of: dt.date) -> MemberStatus:
    """One member's line: ``roadmap status`` and ``roadmap stats`` on their published record;
    a member whose record cannot be read gets a line that says why."""
    from roadmap_tracker.commands.overview import status_view
    from roadmap_tracker.commands.stats import stats_view
    from roadmap_tracker.curriculum import catalog
    from roadmap_tracker.curriculum.model import Curriculum
    from roadmap_tracker.progress import reading
    from roadmap_tracker.session import MemoryRecord, Session

    empty = dict.fromkeys(
        (
            "curriculum",
            "title",
            "week",
            "weeks_total",
            "done",
            "total",
            "percent",
            "days_ahead",
            "hours_this_week",
            "streak",
            "finish_p80",
        )
    )
    try:
        progress = reading.read_progress(folder / "progress.yaml")
        curricula: dict[str, Curriculum] = {}
        for event in progress.events:
            own = folder / "curricula" / f"{event.curriculum}.yaml"
            if (
                event.path
                and _SLUG.fullmatch(event.curriculum)
                and event.curriculum not in curricula
                and own.is_file()
            ):
                curricula[event.curriculum] = catalog.load_outline(own, event.curriculum)
        session = Session(as_of=as_of, record=MemoryRecord(progress.events), curricula=curricula)
        active = session.enrollment()
        if not _SLUG.fullmatch(active.curriculum) or (
            active.path and active.curriculum not in curricula
        ):
            # Never a path from someone else's record: their own curriculum or the catalog's.
            raise RoadmapError(f"their curriculum {active.curriculum!r} is not published")
        view = status_view(session)
        streak = stats_view(session, 1).streaks.current
    except RoadmapError as error:
        return MemberStatus(name=folder.name, problem=error.message, **empty)
    return MemberStatus(
        name=folder.name,
        curriculum=view.curriculum,
        title=view.title,
        week=view.week,
        weeks_total=view.weeks_total,
        done=view.done,
        total=view.total,
        percent=view.percent,
        days_ahead=view.days_ahead,
        hours_this_week=view.hours_this_week,
        streak=streak,
        finish_p80=view.forecast.p80,
        problem=None,
    )


# --- the group's repository -----------------------------------------------------------------------


def joined_directory() -> Path | None:
    """The clone of the group this machine joined (None: none)."""
    groups = paths.data_dir() / GROUPS
    if not groups.is_dir():
        return None
    found = sorted(entry for entry in groups.iterdir() if (entry / ".git" / MEMBER_FILE).is_file())
    return found[0] if found else None


def _joined() -> tuple[Path, str]:
    directory = joined_directory()
    if directory is None:
        raise RoadmapError(
            "You have joined no study group.",
            "Join one with 'roadmap group join URL NAME' (URL: the group's git repository).",
        )
    member = (directory / ".git" / MEMBER_FILE).read_text(encoding="utf-8").strip()
    return directory, member


class _GroupGit(Git):
    """:class:`~.syncing.Git` in a group's clone: a merge writes the members' folders and
    the group's git files; the lock a commit and a merge hold is in ``.git``."""

    def travels(self, path: str) -> bool:
        return path in (".gitattributes", ".gitignore") or path.startswith("members/")


def _group_git(git: Git, command: str) -> Git:
    """``git``'s directory as a group's clone; ``command`` is what its errors say to run
    again."""
    group = _GroupGit(git.directory, command)
    group.record_lock = group.git_dir / "roadmap-group"
    return group


def _group_name(url: str) -> str:
    """The clone's folder name: the last part of ``url`` without ``.git``."""
    last = re.split(r"[/:\\]", url.rstrip("/\\"))[-1].removesuffix(".git")
    name = "".join(ch for ch in last if ch.isalnum() or ch in "-_.").lstrip(".")
    return name or "group"


def _absolute(url: str) -> str:
    """A local path made absolute (``~`` expanded); URLs as given."""
    if "://" in url or (re.match(r"^[^/\\]+:", url) and not re.match(r"^[A-Za-z]:[\\/]", url)):
        return url
    return str(Path(url).expanduser().absolute())
