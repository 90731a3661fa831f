"""The curriculum model: what a curriculum YAML file holds, validated by pydantic.

Hierarchy: a :class:`Curriculum` has phases; a :class:`Phase` groups modules in time; a
:class:`Module` is a unit of study with a duration and checkable items (tasks, deliverables,
checkpoint items). Every checkable item has an explicit id, unique within its curriculum and
written as a path (``m1/attention-from-scratch``); progress refers to these ids only.

The model checks the shape of each field. Cross-references (unique ids, prerequisites that
exist and form no cycle, stated week spans that agree with module durations) are checked by
:func:`~roadmap_tracker.curriculum.problems.curriculum_problems`, which returns each problem
with the field path where it stands so that the loader can point at a line and column. The
checkable items, listed in curriculum order with their places, are
:mod:`roadmap_tracker.curriculum.items`.

The classes are frozen dataclasses (:class:`~roadmap_tracker.base.records.Record`), so that a cached
curriculum loads without pydantic; pydantic validates a curriculum file into them, reading the
constraints from the annotations (``ItemId``, ``Text``, ``Field(min_length=1)``), which
:func:`validation_namespace` defines when validation first needs them.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from roadmap_tracker.base.records import Record
from roadmap_tracker.curriculum.durations import Duration, NumberRange, WeekSpan
from roadmap_tracker.curriculum.items import Item, ItemKind, ItemTable

if TYPE_CHECKING:
    from pydantic import Field

# no "--" anywhere: the Markdown export writes ids in "<!-- id: ... -->" comments, which
# "--" would end early (GitHub then shows the rest as text)
# (patterns as text: re compiles each on its first use; compiling them all at import cost
# every command a share of a millisecond)
ID_PATTERN = r"^(?!.*--)[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*$"
# an item's former id (``old_ids``) may hold "--": progress recorded under an id an earlier
# version allowed follows the item to its new id; old ids are never written in comments
OLD_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _check_id(value: str) -> str:
    single = re.sub("-{2,}", "-", value)
    if single != value and re.match(ID_PATTERN, single):
        raise ValueError(
            f"'{value}' is not a valid id: '--' would end the Markdown export's id comments; "
            f"use a single '-' (like '{single}')"
        )
    if not re.match(ID_PATTERN, value):
        raise ValueError(
            f"'{value}' is not a valid id; use lowercase letters, digits, '-', '.' or '_', "
            "with '/' between parts (like 'm1/attention-from-scratch')"
        )
    return value


def _check_old_id(value: str) -> str:
    if not re.match(OLD_ID_PATTERN, value):
        return _check_id(value)  # its message
    return value


def _check_slug(value: str) -> str:
    if not re.match(SLUG_PATTERN, value):
        raise ValueError(f"'{value}' is not a valid slug; use lowercase words joined by '-'")
    return value


def _date_text(value: object) -> object:
    """A date the YAML loader already built (``updated: 2026-01-29``) as ISO text."""
    import datetime as dt

    return value.isoformat() if isinstance(value, dt.date) else value


def _check_iso_date(value: str) -> str:
    import datetime as dt

    try:
        if re.fullmatch(r"\d{4}-\d{2}", value):
            dt.date.fromisoformat(value + "-01")
        else:
            dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"'{value}' is not an ISO 8601 date; write it as YYYY-MM-DD or YYYY-MM"
        ) from None
    return value


def validation_namespace() -> dict[str, Any]:
    """The names the field annotations use beyond the standard library, built with pydantic:
    its markers (``Field``, ``AfterValidator``) and the constrained string types ``ItemId``,
    ``OldId`` (an ``ItemId`` that may hold ``--``), ``IsoDate``, ``Slug`` and ``Text``. Called
    on the way to validation only, so that loading a cached curriculum does not import
    pydantic.
    """
    from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

    return {
        "AfterValidator": AfterValidator,
        "BeforeValidator": BeforeValidator,
        "Field": Field,
        "WithJsonSchema": WithJsonSchema,
        "ItemId": Annotated[
            str,
            AfterValidator(_check_id),
            WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
        ],
        "OldId": Annotated[
            str,
            AfterValidator(_check_old_id),
            WithJsonSchema({"type": "string", "pattern": OLD_ID_PATTERN}),
        ],
        "IsoDate": Annotated[
            str,
            BeforeValidator(_date_text),
            AfterValidator(_check_iso_date),
            WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}),
        ],
        "Slug": Annotated[
            str,
            AfterValidator(_check_slug),
            WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN}),
        ],
        "Text": Annotated[str, Field(min_length=1)],
    }


if TYPE_CHECKING:
    ItemId = str
    OldId = str
    IsoDate = str
    Slug = str
    Text = str


ResourceKind = Literal["book", "course", "paper", "video", "site", "tool", "community", "other"]


class Resource(Record):
    """A book, course, paper, video, site, tool or community, with its link if the source has one.

    ``authors`` as the source names them (``Aurélien Géron``, ``Vaswani et al.``); ``year`` of
    publication; ``free`` is True for free, False for paid, None when the source does not say;
    ``topic`` groups resources of a thematic map (``Theory & Research``).
    """

    title: Text
    kind: ResourceKind
    url: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    free: bool | None = None
    topic: str | None = None
    note: str | None = None


class ResourceCategory(Record):
    """A kind of resource a curriculum asks for, with how many per module (``2-3``)."""

    title: Text
    description: str | None = None
    per_module: NumberRange | None = None


class Note(Record):
    """A titled piece of guidance from the source that is not checkable (assessment, format)."""

    title: Text
    text: Text


class Task(Record):
    """One checkable item of study work (a practical component, an exercise).

    ``section`` is the heading the item stands under in the source (``Week 1-2: Python
    Basics``, ``Practice``), for grouping in views. ``old_ids`` lists the ids this item had
    before it was renamed, so progress follows it.
    """

    id: ItemId
    title: Text
    description: str | None = None
    section: str | None = None
    old_ids: tuple[OldId, ...] = ()


DeliverableKind = Literal[
    "portfolio project",
    "project",
    "report",
    "talk",
    "blog post",
    "contribution",
    "certification",
    "artifact",
]


class Deliverable(Task):
    """A checkable item that produces an artifact (portfolio project, report, talk).

    When checked it can carry evidence (a link or a path).
    """

    kind: DeliverableKind = "portfolio project"


class CheckpointItem(Record):
    """One criterion of a checkpoint; checkable.

    In a curriculum-wide module checkpoint ``id`` is relative: the full id of the item in
    module ``m1`` of checkpoint ``criteria`` is ``m1/criteria/<id>``.
    """

    id: ItemId
    title: Text
    old_ids: tuple[OldId, ...] = ()


class Checkpoint(Record):
    """The criteria to meet before moving on; each item is checkable."""

    id: ItemId
    title: Text
    description: str | None = None
    items: Annotated[tuple[CheckpointItem, ...], Field(min_length=1)]


class Topic(Record):
    """A core topic of a module with its subtopics (reference, not checkable)."""

    title: Text
    items: tuple[str, ...] = ()


class Module(Record):
    """A unit of study with a duration, objectives, topics and checkable items.

    ``duration`` is absent when the source gives none (the plan then shares the phase's
    duration among such modules, or gives no dates). ``group`` is the heading the module sits
    under inside its phase (``Programming Fundamentals``). ``prerequisites`` are ids of other
    modules; ``prerequisites_text`` lists the ones that are not modules of this curriculum
    ("probability theory"). ``optional`` modules are left out of the plan unless the learner
    includes them; a module named as an option of a choice group is in the plan only when
    chosen (before a choice: when it is the group's :attr:`ChoiceGroup.default`).
    """

    id: ItemId
    title: Text
    number: int | None = None
    group: str | None = None
    summary: str | None = None
    duration: Duration | None = None
    level: str | None = None
    optional: bool = False
    skills: tuple[str, ...] = ()
    prerequisites: tuple[ItemId, ...] = ()
    prerequisites_text: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    topics: tuple[Topic, ...] = ()
    tasks: tuple[Task, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    checkpoint: Checkpoint | None = None
    connections: str | None = None
    resources: tuple[Resource, ...] = ()


class Phase(Record):
    """A stretch of the program that groups modules in time.

    ``weeks`` is the span the source states (``1-16``), counted from the enrollment's start or,
    when ``after`` names an earlier phase, from the end of that phase (004's "Weeks 1-8
    (Post-Roadmap)"); :func:`~roadmap_tracker.curriculum.problems.curriculum_problems` checks that
    it agrees with the module durations. ``duration`` is the phase's stated length (``2-3
    months``, ``ongoing``) and ``weekly_hours`` its stated study time in decimal hours per week.
    ``group`` is a heading above several phases (004's "Advanced Specialization & Big Tech
    Preparation").

    Besides its modules a phase can hold checkable items of its own, done at its end: ``tasks``
    (such as a closing checklist), ``deliverables`` (portfolio projects of the phase) and a
    ``checkpoint``.
    """

    id: ItemId
    title: Text
    number: int | None = None
    group: str | None = None
    weeks: WeekSpan | None = None
    after: ItemId | None = None
    duration: Duration | None = None
    weekly_hours: NumberRange | None = None
    optional: bool = False
    summary: str | None = None
    objectives: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    modules: Annotated[tuple[Module, ...], Field(min_length=1)]
    tasks: tuple[Task, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    checkpoint: Checkpoint | None = None
    resources: tuple[Resource, ...] = ()


class HoursPart(Record):
    """One part of the weekly study time (``Core module work: 8-10 hours``)."""

    title: Text
    hours: NumberRange
    description: str | None = None


class WeeklyHours(Record):
    """The study time a curriculum expects per week, in decimal hours (``10-12``)."""

    low: Annotated[float | int, Field(gt=0)]
    high: Annotated[float | int, Field(gt=0)]
    parts: tuple[HoursPart, ...] = ()


Cadence = Literal["daily", "weekly", "bi-weekly", "monthly", "quarterly", "annually"]


class RecurringActivity(Record):
    """Something done on a cadence, such as reading 1-2 papers a week.

    ``cadence`` is ``daily``, ``weekly``, ``bi-weekly``, ``monthly``, ``quarterly`` or
    ``annually`` (an RFC 5545 RRULE underneath, see :attr:`rrule`); ``times`` is how many
    times per occurrence period and ``unit`` what is counted (``papers``). ``during`` names the
    phase or module the routine belongs to (the whole plan when absent); ``item`` names the
    checkable item of the source that asks for it, when there is one. A routine whose unit is
    hours (:attr:`in_hours`: "2 hours/day") is measured by the hours logged, not by checks.
    """

    id: ItemId
    title: Text
    cadence: Cadence
    times: NumberRange | None = None
    unit: str | None = None
    during: ItemId | None = None
    item: ItemId | None = None
    description: str | None = None

    @property
    def rrule(self) -> str:
        """The cadence as an RFC 5545 recurrence rule (``FREQ=WEEKLY;INTERVAL=1``)."""
        freq, interval = _CADENCE_RULES[self.cadence]
        return f"FREQ={freq};INTERVAL={interval}"

    @property
    def in_hours(self) -> bool:
        """True when ``unit`` is hours (``hours``, ``hour`` or ``h``, any case): the routine
        is measured by the decimal hours ``roadmap log`` records, ``times`` hours an
        occurrence.
        """
        return self.unit is not None and self.unit.strip().casefold() in HOUR_UNITS

    @property
    def period_days(self) -> int | None:
        """Days between two occurrences for a daily, weekly or bi-weekly cadence; None for
        the cadences counted in calendar months, whose periods vary.
        """
        freq, interval = _CADENCE_RULES[self.cadence]
        days = {"DAILY": 1, "WEEKLY": 7}.get(freq)
        return None if days is None else days * interval


HOUR_UNITS = frozenset({"hours", "hour", "h"})
"""The units that make a recurring activity measured in hours
(:attr:`RecurringActivity.in_hours`)."""

_CADENCE_RULES: dict[str, tuple[str, int]] = {
    "daily": ("DAILY", 1),
    "weekly": ("WEEKLY", 1),
    "bi-weekly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "quarterly": ("MONTHLY", 3),
    "annually": ("YEARLY", 1),
}


class JournalPlan(Record):
    """How often the curriculum asks for a progress journal entry (``roadmap journal``).

    ``cadence`` as for a recurring activity: ``next`` reminds once that long has passed since
    the last entry (or the start). ``activity`` names the recurring activity an entry counts
    as one occurrence of, when the curriculum lists the journal there too. Source: seed 000,
    section VII.A ("Bi-weekly update via progress journal").
    """

    cadence: Cadence
    activity: ItemId | None = None
    description: str | None = None


class ReviewQuestion(Record):
    """One question of a periodic review; ``id`` names the answer in the progress file."""

    id: ItemId
    text: Text


DEFAULT_REVIEW_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("worked", "What worked?"),
    ("did-not-work", "What didn't work?"),
    ("next-goals", "What are your goals for the next period?"),
    ("skill-gaps", "Which skill gaps do you see now?"),
    ("alignment", "How well does this work align with your long-term goals?"),
)
"""The questions ``roadmap review`` asks when a curriculum declares none: the end-of-quarter
reflection of seed 000, section VII (what worked, what didn't, reset goals; skill gaps and
alignment with the long-term career trajectory)."""


class ReviewPlan(Record):
    """A periodic review (``roadmap review``): its cadence, counted in periods from the
    enrollment's start, and the questions it asks. ``activity`` names the recurring activity
    a review counts as one occurrence of. Source: seed 000, section VII ("End-of-quarter:
    ... reflection", "Every quarter, review and update").
    """

    cadence: Cadence = "quarterly"
    questions: tuple[ReviewQuestion, ...] = ()
    activity: ItemId | None = None
    description: str | None = None

    def asked(self) -> list[ReviewQuestion]:
        """The questions to ask: the declared ones, else :data:`DEFAULT_REVIEW_QUESTIONS`."""
        if self.questions:
            return list(self.questions)
        return [ReviewQuestion(id=i, text=t) for i, t in DEFAULT_REVIEW_QUESTIONS]


class ChoiceGroup(Record):
    """Options of which the learner takes one (``pick: one``) or some (``pick: any``).

    ``options`` are ids of modules; the plan holds only the chosen ones. ``recommended`` is
    the option the source recommends, planned until the learner chooses (else the first).
    Source examples: 001 "PyTorch or TensorFlow (Choose One)", 003 "Specializations in AI".
    """

    id: ItemId
    title: Text
    pick: Literal["one", "any"] = "one"
    options: tuple[ItemId, ...]
    recommended: ItemId | None = None
    description: str | None = None

    @property
    def default(self) -> list[str]:
        """The options planned before the learner chooses: the recommended one, else the first."""
        if self.recommended:
            return [self.recommended]
        return list(self.options[:1])


class Milestone(Record):
    """A dated point at an offset from the enrollment's start, with criteria to meet by then.

    ``offset`` is a duration such as ``6 months`` (calendar months) or ``12 weeks``; each item
    is checkable and its id is written in full. Source example: 001 "Success Metrics" at 6,
    12, 18 and 24 months.
    """

    id: ItemId
    title: Text
    offset: Duration
    description: str | None = None
    items: tuple[CheckpointItem, ...] = ()


class _Omitted:
    """What a curriculum outline (:meth:`Curriculum.outline`) holds in place of the tasks,
    deliverables and checkpoint of its modules and phases: any use of it raises RuntimeError,
    so that code reading task details from an outline fails at once instead of finding none.
    """

    def _refuse(self, *args: object) -> Any:
        raise RuntimeError(
            "a curriculum outline has no task details; read items through Curriculum.items, "
            "or load the whole curriculum with catalog.load_curriculum"
        )

    __iter__ = __len__ = __bool__ = __getitem__ = __contains__ = __eq__ = __hash__ = _refuse

    def __repr__(self) -> str:
        return "OMITTED"

    def __reduce__(self) -> str:
        return "OMITTED"


OMITTED: Any = _Omitted()
"""The one :class:`_Omitted` value; pickles by name."""

_DERIVED_KEPT = ("item_table",)
"""The cached properties of a curriculum that are pickled with it; the others are cheap to
compute again."""


class Curriculum(Record):
    """One curriculum: a YAML file in ``curricula/``, identified by its slug.

    Load it with :func:`roadmap_tracker.curriculum.catalog.load_curriculum`, which also runs
    :func:`~roadmap_tracker.curriculum.problems.curriculum_problems`.
    """

    format: Literal[1] = 1
    slug: Slug
    title: Text
    subtitle: str | None = None
    version: str | None = None
    updated: IsoDate | None = None
    source: str | None = None
    summary: str | None = None
    audience: str | None = None
    objectives: tuple[str, ...] = ()
    stated_duration: str | None = None
    weekly_hours: WeeklyHours | None = None
    prerequisites_text: tuple[str, ...] = ()
    phases: Annotated[tuple[Phase, ...], Field(min_length=1)]
    module_checkpoint: Checkpoint | None = None
    choices: tuple[ChoiceGroup, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    recurring: tuple[RecurringActivity, ...] = ()
    journal: JournalPlan | None = None
    review: ReviewPlan | None = None
    deliverable_format: str | None = None
    resource_categories: tuple[ResourceCategory, ...] = ()
    resources: tuple[Resource, ...] = ()
    notes: tuple[Note, ...] = ()

    def __getstate__(self) -> dict[str, Any]:
        """The fields and the item table: what a pickle of the curriculum holds."""
        state = {name: self.__dict__[name] for name in self.__record_fields__}
        for name in _DERIVED_KEPT:
            state[name] = getattr(self, name)
        return state

    def outline(self) -> Curriculum:
        """This curriculum without the tasks, deliverables and checkpoints of its modules and
        phases (each :data:`OMITTED`), but with its item table: everything the plan, the
        progress views and ``check`` read, for a tenth of the unpickling time. Its items
        (:attr:`items`, :attr:`item_table`) are those of the whole curriculum.
        """

        def lean(part: Module | Phase, **changes: object) -> dict[str, Any]:
            values = {name: getattr(part, name) for name in part.__record_fields__}
            omitted = {"tasks": OMITTED, "deliverables": OMITTED, "checkpoint": OMITTED}
            return {**values, **omitted, **changes}

        phases = tuple(
            Phase(**lean(phase, modules=tuple(Module(**lean(m)) for m in phase.modules)))
            for phase in self.phases
        )
        values = {name: getattr(self, name) for name in self.__record_fields__}
        outline = Curriculum(**{**values, "phases": phases})
        outline.__dict__["item_table"] = self.item_table
        return outline

    @cached_property
    def modules(self) -> list[Module]:
        """All modules in curriculum order, across phases."""
        return [module for phase in self.phases for module in phase.modules]

    @cached_property
    def module_index(self) -> dict[str, Module]:
        """Modules by id."""
        return {module.id: module for module in self.modules}

    @cached_property
    def phase_of(self) -> dict[str, Phase]:
        """The phase each module belongs to, by module id."""
        return {module.id: phase for phase in self.phases for module in phase.modules}

    @cached_property
    def items(self) -> list[Item]:
        """Every checkable item in curriculum order.

        Per module: its tasks, its deliverables, its own checkpoint's items, then the items of
        the curriculum-wide module checkpoint with ids ``<module>/<checkpoint>/<item>``. After
        a phase's modules come the phase's own tasks, deliverables and checkpoint items; after
        every phase, the milestone items.
        """
        table = self.item_table
        return [table.row(position) for position in range(len(table.ids))]

    @cached_property
    def item_table(self) -> ItemTable:
        """The items of :attr:`items` as columns (see :class:`ItemTable`)."""
        table = ItemTable([], [], [], [], [], [], [], {}, {}, {}, {})
        for item, _ in self._item_places():
            position = len(table.ids)
            table.ids.append(item.id)
            table.titles.append(item.title)
            table.kinds.append(item.kind)
            table.sections.append(item.section)
            table.module_ids.append(item.module_id)
            table.phase_ids.append(item.phase_id)
            table.milestone_ids.append(item.milestone_id)
            if item.old_ids:
                table.old_ids[position] = item.old_ids
            if item.module_id is not None:
                spans, owner = table.module_spans, item.module_id
            elif item.milestone_id is not None:
                spans, owner = table.milestone_spans, item.milestone_id
            else:
                spans, owner = table.phase_spans, item.phase_id or ""
            spans[owner] = (spans.get(owner, (position, position))[0], position + 1)
        return table

    def _item_places(self) -> list[tuple[Item, Loc]]:
        """Every item of :attr:`items` with its field path in the YAML file (for errors)."""
        found: list[tuple[Item, Loc]] = []
        for p_index, phase in enumerate(self.phases):
            self._module_items(found, p_index, phase)
            found.extend(_container_items(phase, None, phase.id, ("phases", p_index)))
        for s_index, milestone in enumerate(self.milestones):
            for i_index, criterion in enumerate(milestone.items):
                item = Item(
                    id=criterion.id,
                    title=criterion.title,
                    kind="milestone",
                    module_id=None,
                    phase_id=None,
                    old_ids=tuple(criterion.old_ids),
                    milestone_id=milestone.id,
                )
                found.append((item, ("milestones", s_index, "items", i_index)))
        return found

    def _module_items(self, found: list[tuple[Item, Loc]], p_index: int, phase: Phase) -> None:
        """Append the items of the phase's modules to ``found``, each with its field path."""
        for m_index, module in enumerate(phase.modules):
            base: tuple[str | int, ...] = ("phases", p_index, "modules", m_index)
            found.extend(_container_items(module, module.id, phase.id, base))
            shared = self.module_checkpoint
            if shared:
                for c_index, criterion in enumerate(shared.items):
                    prefix = f"{module.id}/{shared.id}/"
                    item = Item(
                        id=prefix + criterion.id,
                        title=criterion.title,
                        kind="checkpoint",
                        module_id=module.id,
                        phase_id=phase.id,
                        old_ids=tuple(prefix + old for old in criterion.old_ids),
                    )
                    found.append((item, ("module_checkpoint", "items", c_index)))

    @cached_property
    def item_index(self) -> dict[str, Item]:
        """Checkable items by id, including their old ids."""
        index: dict[str, Item] = {}
        for item in self.items:
            for old in item.old_ids:
                index.setdefault(old, item)
        for item in self.items:
            index[item.id] = item
        return index

    @cached_property
    def current_ids(self) -> dict[str, str]:
        """The current id of each old id (of a renamed or moved item) that is not itself the
        id of an item now.
        """
        table = self.item_table
        ids = self.item_ids
        current: dict[str, str] = {}
        for position, old_ids in table.old_ids.items():
            for old in old_ids:
                if old not in ids:
                    current.setdefault(old, table.ids[position])
        return current

    @cached_property
    def item_ids(self) -> frozenset[str]:
        """The ids of every item (current ids only)."""
        return frozenset(self.item_table.ids)

    def current_id(self, recorded: str) -> str | None:
        """The current id of the item ``recorded`` names (its id, or an old id), else None."""
        if recorded in self.item_ids:
            return recorded
        return self.current_ids.get(recorded)

    def item(self, item_id: str) -> Item:
        """The item whose id or old id is ``item_id``; KeyError when there is none."""
        current = self.current_id(item_id)
        if current is None:
            raise KeyError(item_id)
        return self.item_table.row(self.positions[current])

    @cached_property
    def positions(self) -> dict[str, int]:
        """Each checkable item's id with its position in ``item_table.ids`` (curriculum
        order), made once per curriculum object.
        """
        ids = self.item_table.ids
        return dict(zip(ids, range(len(ids)), strict=True))

    def item_ids_of(self, module_id: str) -> list[str]:
        """The ids of the checkable items of one module, in order."""
        start, stop = self.item_table.module_spans.get(module_id, (0, 0))
        return self.item_table.ids[start:stop]

    def phase_item_ids(self, phase_id: str) -> list[str]:
        """The ids of the checkable items of a phase itself (not of its modules), in order."""
        start, stop = self.item_table.phase_spans.get(phase_id, (0, 0))
        return self.item_table.ids[start:stop]

    def milestone_item_ids(self, milestone_id: str) -> list[str]:
        """The ids of the checkable items of a milestone, in order."""
        start, stop = self.item_table.milestone_spans.get(milestone_id, (0, 0))
        return self.item_table.ids[start:stop]

    def items_of(self, module_id: str) -> list[Item]:
        """The checkable items of one module, in order."""
        start, stop = self.item_table.module_spans.get(module_id, (0, 0))
        return [self.item_table.row(position) for position in range(start, stop)]

    def phase_items(self, phase_id: str) -> list[Item]:
        """The checkable items of a phase itself (not of its modules), in order."""
        start, stop = self.item_table.phase_spans.get(phase_id, (0, 0))
        return [self.item_table.row(position) for position in range(start, stop)]

    @cached_property
    def all_resources(self) -> list[Resource]:
        """Every resource: the curriculum's own, then each phase's and its modules', in order."""
        found = list(self.resources)
        for phase in self.phases:
            found += phase.resources
            for module in phase.modules:
                found += module.resources
        return found

    @cached_property
    def phase_index(self) -> dict[str, Phase]:
        """Phases by id."""
        return {phase.id: phase for phase in self.phases}

    @cached_property
    def choice_of(self) -> dict[str, ChoiceGroup]:
        """The choice group each option module belongs to, by module id."""
        return {option: group for group in self.choices for option in group.options}


def _container_items(
    container: Module | Phase, module_id: str | None, phase_id: str, base: tuple[str | int, ...]
) -> list[tuple[Item, Loc]]:
    """The tasks, deliverables and checkpoint items of a module or of a phase itself, each
    with its field path.
    """

    def item(source: Task | CheckpointItem, kind: ItemKind, loc: Loc) -> tuple[Item, Loc]:
        found = Item(
            id=source.id,
            title=source.title,
            kind=kind,
            module_id=module_id,
            phase_id=phase_id,
            old_ids=tuple(source.old_ids),
            section=source.section if isinstance(source, Task) else None,
        )
        return found, loc

    found = [item(task, "task", (*base, "tasks", i)) for i, task in enumerate(container.tasks)]
    found += [
        item(deliverable, "deliverable", (*base, "deliverables", i))
        for i, deliverable in enumerate(container.deliverables)
    ]
    if container.checkpoint:
        found += [
            item(criterion, "checkpoint", (*base, "checkpoint", "items", i))
            for i, criterion in enumerate(container.checkpoint.items)
        ]
    return found


Loc = tuple[str | int, ...]


def curriculum_schema() -> str:
    """The JSON Schema (draft 2020-12) of a curriculum file, as indented JSON text ending in a
    newline; ``curricula/schema.json`` holds this text.

    Generated from :class:`Curriculum` in validation mode, so it describes what a YAML file may
    hold (durations and ranges as strings, for instance), not the dumped form.
    """
    import json

    from roadmap_tracker.base.records import json_schema

    schema = json_schema(Curriculum)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
