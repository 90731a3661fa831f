"""What is wrong across the fields of a curriculum (:func:`curriculum_problems`).

The model (:mod:`roadmap_tracker.curriculum.model`) checks the shape of each field; these
checks look at several at once: unique ids, prerequisites that exist and form no cycle, week
spans that agree with module durations, choice groups, milestone offsets and the references
of phases and recurring activities. Each problem comes with the field path where it stands,
so that the loader (:mod:`roadmap_tracker.curriculum.catalog`) can point at a line and column.
"""

from __future__ import annotations

from roadmap_tracker.curriculum.model import Curriculum, Loc


def curriculum_problems(curriculum: Curriculum) -> list[tuple[Loc, str]]:
    """Return what is wrong across fields, each as (field path, message); empty when sound.

    Checks: ids of phases, modules, checkable items, choice groups, milestones and recurring
    activities are unique (old ids included); prerequisites name modules of this curriculum
    and form no cycle; a phase's stated week span matches the total of its modules' fixed
    durations; ``after`` names an earlier phase; every choice group has at least two options,
    each a module of this curriculum and in no other group; milestone offsets are lengths of
    time; a recurring activity's ``during`` and ``item`` exist.
    """
    problems: list[tuple[Loc, str]] = []
    seen: dict[str, Loc] = {}

    def claim(identifier: str, loc: Loc) -> None:
        if identifier in seen:
            problems.append((loc, f"id '{identifier}' is used twice"))
        else:
            seen[identifier] = loc

    for p_index, phase in enumerate(curriculum.phases):
        claim(phase.id, ("phases", p_index, "id"))
        for m_index, module in enumerate(phase.modules):
            claim(module.id, ("phases", p_index, "modules", m_index, "id"))
    for item, loc in curriculum._item_places():
        claim(item.id, (*loc, "id"))
        for old in item.old_ids:
            claim(old, (*loc, "old_ids"))
    for r_index, activity in enumerate(curriculum.recurring):
        claim(activity.id, ("recurring", r_index, "id"))
    for g_index, group in enumerate(curriculum.choices):
        claim(group.id, ("choices", g_index, "id"))
    for s_index, milestone in enumerate(curriculum.milestones):
        claim(milestone.id, ("milestones", s_index, "id"))
        if milestone.offset.kind != "span" or milestone.offset.low != milestone.offset.high:
            problems.append(
                (
                    ("milestones", s_index, "offset"),
                    f"offset '{milestone.offset.text}' must be one length of time, like '6 months'",
                )
            )
    problems.extend(_choice_problems(curriculum))
    problems.extend(_reference_problems(curriculum))

    module_ids = set(curriculum.module_index)
    for p_index, phase in enumerate(curriculum.phases):
        for m_index, module in enumerate(phase.modules):
            for r_index, required in enumerate(module.prerequisites):
                loc = ("phases", p_index, "modules", m_index, "prerequisites", r_index)
                if required not in module_ids:
                    problems.append((loc, f"prerequisite '{required}' is not a module here"))
                elif required == module.id:
                    problems.append((loc, f"module '{module.id}' cannot require itself"))

    cycle = _prerequisite_cycle(curriculum)
    if cycle:
        first = curriculum.modules.index(curriculum.module_index[cycle[0]])
        p_index, m_index = _module_position(curriculum, first)
        problems.append(
            (
                ("phases", p_index, "modules", m_index, "prerequisites"),
                "prerequisites form a cycle: " + " -> ".join([*cycle, cycle[0]]),
            )
        )

    for p_index, phase in enumerate(curriculum.phases):
        if phase.weeks is None or any(m.id in curriculum.choice_of for m in phase.modules):
            continue
        durations = [module.duration for module in phase.modules]
        if all(d is not None and d.kind == "span" and d.unit == "weeks" for d in durations):
            planned = sum(d.low or 0 for d in durations if d is not None)
            if planned != phase.weeks.weeks:
                problems.append(
                    (
                        ("phases", p_index, "weeks"),
                        f"weeks {phase.weeks.text} span {phase.weeks.weeks} weeks but the "
                        f"modules of this phase add up to {planned:g}",
                    )
                )
    return problems


def _choice_problems(curriculum: Curriculum) -> list[tuple[Loc, str]]:
    """Problems of choice groups: too few, unknown, repeated or shared options."""
    problems: list[tuple[Loc, str]] = []
    owner: dict[str, str] = {}
    for g_index, group in enumerate(curriculum.choices):
        base: Loc = ("choices", g_index)
        if len(set(group.options)) < 2:
            problems.append(((*base, "options"), "a choice group needs at least two options"))
        for o_index, option in enumerate(group.options):
            loc = (*base, "options", o_index)
            if option not in curriculum.module_index:
                problems.append((loc, f"option '{option}' is not a module here"))
            elif option in owner:
                problems.append(
                    (loc, f"module '{option}' is already an option of group '{owner[option]}'")
                )
            else:
                owner[option] = group.id
        if group.recommended is not None and group.recommended not in group.options:
            problems.append(
                (
                    (*base, "recommended"),
                    f"recommended option '{group.recommended}' is not one of the options",
                )
            )
    return problems


def _reference_problems(curriculum: Curriculum) -> list[tuple[Loc, str]]:
    """Problems of references: a phase's ``after``, a recurring activity's ``during``/``item``."""
    problems: list[tuple[Loc, str]] = []
    earlier: set[str] = set()
    for p_index, phase in enumerate(curriculum.phases):
        if phase.after is not None and phase.after not in earlier:
            problems.append(
                (("phases", p_index, "after"), f"'{phase.after}' is not an earlier phase")
            )
        earlier.add(phase.id)
    parts = set(curriculum.phase_index) | set(curriculum.module_index)
    for r_index, activity in enumerate(curriculum.recurring):
        if activity.during is not None and activity.during not in parts:
            problems.append(
                (
                    ("recurring", r_index, "during"),
                    f"'{activity.during}' is not a phase or module here",
                )
            )
        if activity.item is not None and activity.item not in curriculum.item_index:
            problems.append(
                (("recurring", r_index, "item"), f"'{activity.item}' is not an item here")
            )
    activities = {activity.id for activity in curriculum.recurring}
    for key, declared in (("journal", curriculum.journal), ("review", curriculum.review)):
        named = declared.activity if declared is not None else None
        if named is not None and named not in activities:
            problems.append(((key, "activity"), f"'{named}' is not a recurring activity here"))
    if curriculum.review is not None:
        seen: set[str] = set()
        for q_index, question in enumerate(curriculum.review.questions):
            if question.id in seen:
                problems.append(
                    (("review", "questions", q_index, "id"), f"question id '{question.id}' repeats")
                )
            seen.add(question.id)
    return problems


def _module_position(curriculum: Curriculum, flat_index: int) -> tuple[int, int]:
    count = 0
    for p_index, phase in enumerate(curriculum.phases):
        if flat_index < count + len(phase.modules):
            return p_index, flat_index - count
        count += len(phase.modules)
    raise IndexError(flat_index)


def _prerequisite_cycle(curriculum: Curriculum) -> list[str]:
    """Return the module ids of one prerequisite cycle, or an empty list."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module_id: str) -> list[str]:
        state[module_id] = 1
        stack.append(module_id)
        for required in curriculum.module_index[module_id].prerequisites:
            if required not in curriculum.module_index or required == module_id:
                continue
            if state.get(required) == 1:
                return stack[stack.index(required) :]
            if required not in state and (found := visit(required)):
                return found
        stack.pop()
        state[module_id] = 2
        return []

    for module in curriculum.modules:
        if module.id not in state and (found := visit(module.id)):
            return found
    return []
