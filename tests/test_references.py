"""How words resolve to items (issue 23, item 7): one resolver, one rule, the same
candidates for every command. The same references go through the resolution of ``check``,
``check --undo``, ``doing``, ``skip``, ``reset``, ``note``, ``show`` and ``log --task``;
each must name the same thing (or fail with the same candidates). A command that does not
take what was named (a skip of a recurring activity, a note on a module) says so in one
sentence that starts with that id. Rules in memory (tests/learner.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands import evidence, tracking
from roadmap_tracker.curriculum.catalog import load_slug
from roadmap_tracker.plan import refs
from roadmap_tracker.session import Session
from tests.learner import Learner

ON = "2026-01-07"

Resolution = Callable[[Session, str], str]


def _state(action: tracking.StateAction) -> Resolution:
    def run(session: Session, reference: str) -> str:
        result = tracking.change_state(session, action, [reference], assume_yes=True)
        if result.expanded:  # a module or phase standing for its items
            return result.expanded[0]
        (entry,) = [*result.changed, *result.unchanged]
        return entry.id

    return run


def _note(session: Session, reference: str) -> str:
    return evidence.add_note(session, reference, "a note", []).id


def _show(session: Session, reference: str) -> str:
    shown = evidence.show_target(session, reference)
    assert not isinstance(shown, tuple), "a reference taken for a curriculum"
    return shown.id


def _log(session: Session, reference: str) -> str:
    task = tracking.log(session, 1.0, reference).task
    assert task is not None
    return task


COMMANDS: dict[str, Resolution] = {
    "check": _state("check"),
    "check --undo": _state("uncheck"),
    "doing": _state("doing"),
    "skip": _state("skip"),
    "reset": _state("reset"),
    "note": _note,
    "show": _show,
    "log --task": _log,
}

REFERENCES = {
    "advanced-ai": {
        "m1/minimal-vit": "m1/minimal-vit",  # a full id
        "minimal-vit": "m1/minimal-vit",  # a unique id suffix
        "Build minimal ViT implementation": "m1/minimal-vit",  # the title in full
        "minimal vit": "m1/minimal-vit",  # words of exactly one title
        "routine/papers": "routine/papers",  # a recurring activity's id
        "paper reading": "routine/papers",  # words of its title only
        "m1": "m1",  # a module's id
        "p1": "p1",  # a phase's id
        "portfolio": None,  # the suffix of 8 deliverables: ambiguous
        "zzz": None,  # nothing
    },
    "complete-ai-engineer": {
        # The item "Deep read 1 paper weekly" and the routine of the same title: ambiguous
        # everywhere (reset used to take the item, check to refuse).
        "deep read": None,
        "paper-abstract": "routine/paper-abstract",
        "study": "routine/study",  # measured in hours: check refuses, log takes it
        "p0-python/decorators": "p0-python/decorators",
    },
}


def named(slug: str, command: str, reference: str) -> tuple[str, object]:
    """What ``command`` took ``reference`` for in a fresh enrollment in ``slug``: ("named",
    id) when it acted on it or refused it by name, ("error", candidates) when it named
    nothing or several things.
    """
    learner = Learner()
    learner.start(slug, on="2026-01-05")
    curriculum = load_slug(slug)
    known = {
        *curriculum.item_table.ids,
        *(a.id for a in curriculum.recurring),
        *curriculum.module_index,
        *curriculum.phase_index,
    }
    try:
        return "named", COMMANDS[command](learner.session(ON), reference)
    except RoadmapError as error:
        first = error.message.split(" ", 1)[0]
        if first in known:  # "m1 is a module; 'roadmap note' takes an item."
            return "named", first
        return "error", tuple(error.details)


@pytest.mark.parametrize(
    ("slug", "reference"),
    [(slug, reference) for slug, found in REFERENCES.items() for reference in found],
)
def test_every_command_resolves_a_reference_to_the_same_thing(slug: str, reference: str) -> None:
    outcomes = {command: named(slug, command, reference) for command in COMMANDS}
    assert len(set(outcomes.values())) == 1, outcomes
    expected = REFERENCES[slug][reference]
    kind, value = outcomes["check"]
    if expected is None:
        assert kind == "error"
    else:
        assert (kind, value) == ("named", expected)
        assert refs.resolve(load_slug(slug), reference).id == expected


def test_a_command_that_does_not_take_what_is_named_says_so() -> None:
    learner = Learner()
    learner.start("advanced-ai", on="2026-01-05")
    with pytest.raises(RoadmapError) as refused:
        learner.mark("skip", "paper reading", on=ON)
    assert refused.value.message == (
        "routine/papers is a recurring activity; 'roadmap skip' takes an item or a module or "
        "a phase."
    )
    assert "roadmap check routine/papers" in refused.value.hint
    with pytest.raises(RoadmapError) as refused:
        evidence.add_note(learner.session(ON), "m1", "a note", [])
    assert refused.value.message == "m1 is a module; 'roadmap note' takes an item."
    assert refused.value.hint == "Name one of its items: 'roadmap show m1' lists them."
    assert not [e for e in learner.events if e.action != "start"]  # nothing written
