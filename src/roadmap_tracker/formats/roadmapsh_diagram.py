"""A roadmap.sh roadmap the learner saved (its React Flow diagram, JSON) read as a
:class:`~roadmap_tracker.formats.markdown_parsed.ParsedRoadmap`: :func:`parse_diagram`.

What maps to what (decision 46):

- the ``title`` node (the highest, when there are several) gives the curriculum's title;
- the curriculum has one phase (``roadmap``); each ``topic`` node is a module, in the
  topological order of the topic-to-topic edges, ties broken by position (top to
  bottom, then left to right); the topic itself is the module's first item;
- each ``subtopic`` node is an item of one topic: the topic an edge joins it to (through
  other subtopics too), else the topic of the smallest ``section`` box that holds its centre
  (the topic an edge joins to the box, else the highest inside it, else the nearest), else
  the nearest topic; a topic's subtopics are in position order;
- a ``checklist`` node's entries are items of its topic (found as for a subtopic), with the
  checklist's label as their section;
- subtopics of one topic whose legend says "alternative option", with those whose legend
  recommends them, make a choice group (pick one) when there are two or more: each becomes a
  module of its own, after the topic's (the recommended one first, planned until the learner
  chooses); an alternative-option legend on a topic changes nothing;
- a ``paragraph`` an edge joins to a topic or subtopic adds to its description; a ``button``
  with a link and a ``linksgroup``'s links are resources (of the topic an edge joins them to,
  else of the curriculum); other paragraphs, buttons and ``label`` nodes are left out
  (:class:`~roadmap_tracker.formats.markdown_parsed.LeftOut`); lines and legends are drawing;
- every item's id is its node's id (a checklist entry's own id), lowercased and cut to the
  id pattern (``_hYN0gEi9BL24nptEtXWU`` is ``hyn0gei9bl24nptetxwu``), so that importing an
  updated diagram keeps the progress of the nodes that are still there (a node's
  ``data.oldId``, roadmap.sh's record of its former id, is the item's old id); a module's id is
  ``m-`` and its node's item id, a choice group's ``c-`` and its topic's, the phase's
  ``roadmap``;
- content files (``<anything>@<node id>.md``, roadmap.sh's layout, or ``<node id>.md``) in
  ``content_dir`` give the item's description (the prose under ``# Title``) and its module's
  resources (``[@type@Title](url)`` lines, the kind by :data:`RESOURCE_KINDS`).
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roadmap_tracker.base.errors import RoadmapError, error_reason
from roadmap_tracker.curriculum.catalog import MAX_CURRICULUM_BYTES
from roadmap_tracker.formats.markdown_parsed import (
    LeftOut,
    ParsedChoice,
    ParsedModule,
    ParsedPhase,
    ParsedRoadmap,
    ParsedTask,
)

MAX_NODES = 10_000
"""A diagram of more nodes than this is refused: roadmap.sh's have hundreds, and placing the
subtopics costs up to the square of the nodes (10,000 take about a second)."""

MAX_CONTENT_BYTES = 2**20
"""A content file larger than this (1 MiB) is refused: roadmap.sh's are a few KiB."""

ID_PART_LENGTH = 64
"""A node id longer than this (roadmap.sh's have 21 characters) is cut to make an id."""

RESOURCE_KINDS: dict[str, str] = {
    "official": "site",
    "article": "site",
    "opensource": "tool",
    "roadmap": "site",
    "video": "video",
    "course": "course",
    "book": "book",
    "podcast": "other",
    "feed": "community",
}
"""The curriculum's resource kind of each roadmap.sh link type (``[@video@Title](url)``);
any other type is ``other``."""

_DRAWING = frozenset({"vertical", "horizontal", "legend", "section", "title"})
"""Node types that are drawing or layout, never content (a section box places subtopics;
the title gives the curriculum's title)."""

_LINK = re.compile(r"^\s*[-*+]?\s*\[@([a-z]+)@([^\]]+)\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_VISIT = re.compile(r"^(visit|learn more|have a look at|check out).*:\s*$", re.IGNORECASE)


@dataclass
class _Node:
    """One node of the diagram: its id, type, label, box (x, y, width, height) and data."""

    id: str
    type: str
    label: str
    x: float
    y: float
    width: float
    height: float
    data: dict[str, Any]
    order: int
    linked: list[str] = field(default_factory=list)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)

    def holds(self, point: tuple[float, float]) -> bool:
        x, y = point
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height

    def legend(self) -> str:
        legend = self.data.get("legend")
        label = legend.get("label") if isinstance(legend, dict) else None
        return label.casefold() if isinstance(label, str) else ""


def content_dir_beside(source: Path) -> Path | None:
    """The folder of content files of the diagram ``source``: ``<stem>/content`` or
    ``content`` beside it (roadmap.sh keeps ``react.json`` and ``content/`` side by side),
    the first that is a directory; None when there is neither.
    """
    for candidate in (source.parent / source.stem / "content", source.parent / "content"):
        if candidate.is_dir():
            return candidate
    return None


def parse_diagram(text: str, source: str, content_dir: Path | None = None) -> ParsedRoadmap:
    """Read the roadmap.sh diagram ``text`` (JSON: ``nodes`` and ``edges``, from the file
    named ``source``) as a roadmap with one phase, a module per topic and an item per topic,
    subtopic and checklist entry, every id set (see the module's description). Content files
    in ``content_dir`` add descriptions and resources.

    Raises RoadmapError, in one sentence with a hint, when the text is not JSON, not a JSON
    object with ``nodes`` and ``edges`` lists, has over :data:`MAX_NODES` nodes, a node is
    not an object with an id (or an id is used twice), an edge joins a node that is not
    there, the diagram has no topics, a content file cannot be read, is over
    :data:`MAX_CONTENT_BYTES` or is not UTF-8, the content files add up to over
    MAX_CURRICULUM_BYTES, or the curriculum would be larger than that.
    """
    nodes, edges = _load(text, source)
    by_id = {node.id: node for node in nodes}
    for one, other in edges:
        by_id[one].linked.append(other)
        by_id[other].linked.append(one)
    topics = _spine([n for n in nodes if n.type == "topic"], edges, by_id)
    if not topics:
        raise RoadmapError(
            f"{source} is a roadmap.sh diagram without topics; nothing was written.",
            "Save the whole roadmap from roadmap.sh: its topics become the modules.",
        )
    members = [n for n in nodes if n.type in ("subtopic", "checklist")]
    place = _Placer(topics, [n for n in nodes if n.type == "section"], members, by_id)
    contents = _Contents(content_dir, {n.id for n in nodes})
    keys = [n.id for n in nodes if n.type in ("topic", "subtopic")]
    keys += [key for n in nodes if n.type == "checklist" for key, _ in _entries(n)]
    old_ids = {n.id: n.data.get("oldId") for n in nodes if n.type in ("topic", "subtopic")}
    ids = _Ids(keys, {key: old for key, old in old_ids.items() if isinstance(old, str)})
    phase = ParsedPhase(title=_title(nodes) or Path(source).stem, line=0)
    phase.id = phase.marker_id = ids.claim("roadmap")
    roadmap = ParsedRoadmap(
        title=_title(nodes), phases=[phase], id_origin="the ids of the diagram's nodes"
    )

    held: dict[str, list[_Node]] = {topic.id: [] for topic in topics}
    for node in sorted(nodes, key=_position):
        if node.type in ("subtopic", "checklist"):
            held[place.topic_of(node).id].append(node)

    modules: dict[str, ParsedModule] = {}
    for topic in topics:
        module = ParsedModule(title=topic.label or "Topic", line=0)
        module.id = module.marker_id = ids.claim("m-" + ids.items[topic.id])
        modules[topic.id] = module
        phase.modules.append(module)
        module.tasks.append(_item(topic, ids, contents, module, by_id))
        alternatives = [n for n in held[topic.id] if n.type == "subtopic" and _is_option(n)]
        options = alternatives if any("alternative" in n.legend() for n in alternatives) else []
        if len(options) < 2:
            options = []
        chosen = {node.id for node in options}
        for node in held[topic.id]:
            if node.id in chosen:
                continue
            if node.type == "checklist":
                module.tasks += _checklist(node, ids)
            else:
                module.tasks.append(_item(node, ids, contents, module, by_id))
        if options:
            choice = _choice(topic, module, options, ids, contents, by_id)
            phase.modules += choice.options
            roadmap.choices.append(choice)

    for node in sorted(nodes, key=_position):
        _other_node(node, roadmap, modules, by_id)
    roadmap.list_items = len(roadmap.tasks)
    if _written_size(roadmap) > MAX_CURRICULUM_BYTES:
        raise RoadmapError(
            f"The curriculum made from {source} would be over "
            f"{MAX_CURRICULUM_BYTES // 2**20} MiB, too large to be a curriculum; nothing was "
            "written.",
            "Check that you named the right diagram and content folder.",
        )
    return roadmap


def _written_size(roadmap: ParsedRoadmap) -> int:
    """About how many characters the curriculum of ``roadmap`` takes as YAML (at least its
    text values), counted without writing it.
    """
    size = 0
    for phase in roadmap.phases:
        for module in phase.modules:
            size += len(module.title) + len(module.id) + 40
            for task in module.tasks:
                texts = (task.title, task.id, task.section, task.description, *task.old_ids)
                size += sum(len(text) + 12 for text in texts if text)
            size += sum(len(str(v)) + 12 for r in module.resources for v in r.values())
    size += sum(len(str(v)) + 12 for r in roadmap.resources for v in r.values())
    return size


def _choice(
    topic: _Node,
    module: ParsedModule,
    options: list[_Node],
    ids: _Ids,
    contents: _Contents,
    by_id: dict[str, _Node],
) -> ParsedChoice:
    """The choice group of a topic's ``options`` (subtopics with an alternative-option or
    a recommendation legend): a module per option, the recommended ones first (the first of
    them planned until the learner chooses), then the alternatives, each in reading order.
    """
    options = sorted(options, key=lambda n: ("alternative" in n.legend(), _position(n)))
    titles = [node.label or "Option" for node in options]
    named = ", ".join(titles[:-1]) + " or " + titles[-1]
    choice = ParsedChoice(title=f"{module.title}: {named}", options=[])
    for node, title in zip(options, titles, strict=True):
        option = ParsedModule(title=title, line=0)
        option.id = option.marker_id = ids.claim("m-" + ids.items[node.id])
        option.tasks.append(_item(node, ids, contents, option, by_id))
        choice.options.append(option)
    if "alternative" not in options[0].legend():
        choice.recommended = choice.options[0]
    choice.id = ids.claim("c-" + ids.items[topic.id])
    return choice


def _load(text: str, source: str) -> tuple[list[_Node], list[tuple[str, str]]]:
    """The nodes (in file order) and edges (source id, target id) of the diagram; raises
    RoadmapError for anything that is not a diagram (see :func:`parse_diagram`).
    """
    import json

    def refuse(what: str, hint: str = "") -> RoadmapError:
        return RoadmapError(
            f"{source} is not a roadmap.sh diagram: {what}; nothing was written.",
            hint or "Import the JSON file of a roadmap saved from roadmap.sh, or a Markdown file.",
        )

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise refuse(
            f"it is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})",
            "Save the roadmap again; the file seems cut short or edited.",
        ) from None
    except RecursionError:
        raise refuse("its JSON nests too deep") from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise refuse(f"its JSON is {kind}, not an object with 'nodes' and 'edges'")
    missing = [key for key in ("nodes", "edges") if not isinstance(data.get(key), list)]
    if missing:
        names = " and ".join(f"'{key}'" for key in missing)
        raise refuse(f"its JSON object has no {names} list{'s' if len(missing) > 1 else ''}")
    if len(data["nodes"]) > MAX_NODES:
        raise refuse(
            f"it has {len(data['nodes']):,} nodes, more than a roadmap has ({MAX_NODES:,} at most)",
            "Check that you named the right file.",
        )
    nodes: list[_Node] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["nodes"]):
        node_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(node_id, str) or not node_id.strip():
            raise refuse(f"node {index + 1} has no id")
        if node_id in seen:
            raise refuse(f"the node id '{node_id}' is used twice")
        seen.add(node_id)
        nodes.append(_node(raw, index))
    edges: list[tuple[str, str]] = []
    for index, raw in enumerate(data["edges"]):
        ends: list[str] = []
        for key in ("source", "target"):
            end = raw.get(key) if isinstance(raw, dict) else None
            if not isinstance(end, str) or end not in seen:
                shown = f"'{end}'" if isinstance(end, str) else "nothing"
                raise refuse(f"edge {index + 1} joins {shown}, which is not a node")
            ends.append(end)
        edges.append((ends[0], ends[1]))
    return nodes, edges


def _node(raw: dict[str, Any], index: int) -> _Node:
    """A node from its JSON object; a missing or malformed position or size counts as 0."""

    def number(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return 0.0
        return float(value) if math.isfinite(value) else 0.0

    def mapping(value: object) -> dict[str, Any]:
        return value if isinstance(value, dict) else {}

    position = mapping(raw.get("positionAbsolute") or raw.get("position"))
    style = mapping(raw.get("style"))
    data = mapping(raw.get("data"))
    label = data.get("label")
    kind = raw.get("type")
    return _Node(
        id=raw["id"],
        type=kind if isinstance(kind, str) else "",
        label=" ".join(label.split()) if isinstance(label, str) else "",
        x=number(position.get("x")),
        y=number(position.get("y")),
        width=number(raw.get("width") or style.get("width")),
        height=number(raw.get("height") or style.get("height")),
        data=data,
        order=index,
    )


def _position(node: _Node) -> tuple[float, float, int]:
    """The reading order of nodes: top to bottom, then left to right, then file order."""
    return (node.y, node.x, node.order)


def _spine(
    topics: list[_Node], edges: list[tuple[str, str]], by_id: dict[str, _Node]
) -> list[_Node]:
    """The topics in topological order of the topic-to-topic edges (a topic after every
    topic an edge comes from), ready topics taken by position; the topics of a cycle follow
    by position once nothing else is ready.
    """
    ids = {topic.id for topic in topics}
    after: dict[str, list[str]] = {topic.id: [] for topic in topics}
    waiting = dict.fromkeys(ids, 0)
    for one, other in set(edges):
        if one in ids and other in ids and one != other:
            after[one].append(other)
            waiting[other] += 1
    ready = [(_position(t), t.id) for t in topics if not waiting[t.id]]
    heapq.heapify(ready)
    order: list[_Node] = []
    left = {t.id: t for t in topics}
    while left:
        if not ready:  # a cycle: go on from its first topic by position
            first = min(left.values(), key=_position)
            waiting[first.id] = 0
            ready.append((_position(first), first.id))
        _, topic_id = heapq.heappop(ready)
        if topic_id not in left:
            continue
        order.append(left.pop(topic_id))
        for other in after[topic_id]:
            waiting[other] -= 1
            if waiting[other] == 0 and other in left:
                heapq.heappush(ready, (_position(by_id[other]), other))
    return order


class _Placer:
    """Finds the topic a subtopic or checklist belongs to: by edge (through other subtopics),
    by the section box that holds it, else the nearest topic. Built once for the diagram, so
    that a roadmap of n nodes costs about n log n, not n * n.
    """

    def __init__(
        self,
        topics: list[_Node],
        sections: list[_Node],
        members: list[_Node],
        by_id: dict[str, _Node],
    ) -> None:
        self.topics = topics
        self.by_id = by_id
        self.sections = sorted(sections, key=lambda s: (s.width * s.height, s.order))
        self.of_section: dict[str, _Node] = {}
        by_y = sorted(topics, key=lambda t: (t.centre[1], t.order))
        self.by_y = by_y
        self.ys = [t.centre[1] for t in by_y]
        self.linked = self._linked(members)

    def topic_of(self, node: _Node) -> _Node:
        """The topic ``node`` (a subtopic or checklist) belongs to."""
        linked = self.linked.get(node.id)
        if linked is not None:
            return linked
        centre = node.centre
        for section in self.sections:
            if section.holds(centre):
                if section.id not in self.of_section:
                    self.of_section[section.id] = self._section_topic(section)
                return self.of_section[section.id]
        return self._nearest(centre)

    def _linked(self, members: list[_Node]) -> dict[str, _Node]:
        """The topic of each member an edge joins to a topic: the nearest topic it is joined
        to directly, else the topic of the member next to it that is fewer edges from one
        (the first in reading order, when several are as few).
        """
        topic_ids = {topic.id for topic in self.topics}
        found: dict[str, _Node] = {}
        queue: list[_Node] = []
        for node in sorted(members, key=_position):
            joined = [self.by_id[i] for i in node.linked if i in topic_ids]
            if joined:
                found[node.id] = min(joined, key=lambda t: (_distance(t, node), t.order))
                queue.append(node)
        member_ids = {node.id for node in members}
        for node in queue:  # breadth first: the queue grows as it is walked
            for other in node.linked:
                if other in member_ids and other not in found:
                    found[other] = found[node.id]
                    queue.append(self.by_id[other])
        return found

    def _section_topic(self, section: _Node) -> _Node:
        topic_ids = {topic.id for topic in self.topics}
        linked = [self.by_id[i] for i in section.linked if i in topic_ids]
        if linked:
            return min(linked, key=lambda t: (_distance(t, section), t.order))
        inside = [t for t in self.topics if section.holds(t.centre)]
        if inside:
            return min(inside, key=_position)
        return self._nearest(section.centre)

    def _nearest(self, point: tuple[float, float]) -> _Node:
        """The topic whose centre is nearest to ``point`` (the first in file order among
        equals), looking outwards from the point's height and stopping once the height alone
        is farther than the best found.
        """
        x, y = point
        best: tuple[float, int] = (math.inf, 0)
        found = self.by_y[0]
        below = bisect.bisect_left(self.ys, y)
        above = below - 1
        while below < len(self.ys) or above >= 0:
            gap_below = self.ys[below] - y if below < len(self.ys) else math.inf
            gap_above = y - self.ys[above] if above >= 0 else math.inf
            if min(gap_below, gap_above) > best[0]:
                break
            if gap_below <= gap_above:
                topic, below = self.by_y[below], below + 1
            else:
                topic, above = self.by_y[above], above - 1
            tx, ty = topic.centre
            key = (math.hypot(tx - x, ty - y), topic.order)
            if key < best:
                best, found = key, topic
        return found


def _distance(one: _Node, other: _Node) -> float:
    """The distance between the centres of two nodes."""
    (x1, y1), (x2, y2) = one.centre, other.centre
    return math.hypot(x1 - x2, y1 - y2)


def _is_option(node: _Node) -> bool:
    """Whether the node's legend makes it an option of a choice: an alternative option, or
    a recommendation (the option an alternative is an alternative to).
    """
    legend = node.legend()
    if "alternative" in legend:
        return True
    return "recommend" in legend and not re.search(r"\bnot\b|n't", legend)


def _id_part(node_id: str) -> str:
    """A node id as an id part: lowercase, characters outside ``a-z0-9._-`` as ``-``, runs
    of ``-`` as one (``--`` would end the Markdown export's id comments), no leading
    punctuation, at most :data:`ID_PART_LENGTH` characters (``_hYN0gEi9BL24nptEtXWU`` is
    ``hyn0gei9bl24nptetxwu``, ``Ab--c`` is ``ab-c``); ``node`` when nothing is left.
    """
    part = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9._-]+", "-", node_id.lower())).lstrip("._-")
    return part[:ID_PART_LENGTH] or "node"


def _former_id_part(node_id: str) -> str:
    """The id part earlier versions made of a node id, runs of ``-`` kept: the old id of
    an item whose id :func:`_id_part` now writes with one ``-``.
    """
    part = re.sub(r"[^a-z0-9._-]+", "-", node_id.lower()).lstrip("._-")
    return part[:ID_PART_LENGTH] or "node"


class _Ids:
    """Hands out unique ids: the one asked for, else with ``-2``, ``-3`` (two node ids that
    differ only in case or punctuation). ``items`` maps the key of each item (a node's id, a
    checklist entry's) to its id, handed out first and in the order of the keys, so that an
    item's id does not hang on where its node is in the file or on the diagram. ``old`` maps
    a node's id to the id roadmap.sh says it had before (``data.oldId``), the item's old id
    when no item has it and no other node claimed it first (in the order of the node ids).
    """

    def __init__(self, keys: list[str], old: dict[str, str]) -> None:
        self.taken: set[str] = set()
        self.items: dict[str, str] = {}
        self.used: set[str] = set()
        for key in sorted(set(keys)):
            self.items[key] = self.claim(_id_part(key))
        self.old: dict[str, str] = {}
        for key in sorted(old):
            part = _id_part(old[key])
            if part not in self.taken:
                self.taken.add(part)
                self.old[key] = part

    def item(self, key: str) -> str:
        """The id of the item of ``key``; a key met again (a checklist entry id used twice)
        gets a new one.
        """
        if key in self.used:
            return self.claim(_id_part(key))
        self.used.add(key)
        return self.items[key]

    def claim(self, wanted: str) -> str:
        candidate, number = wanted, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{wanted.rstrip('-')}-{number}"  # "node-" and 2: "node-2"
        self.taken.add(candidate)
        return candidate


def _item(
    node: _Node,
    ids: _Ids,
    contents: _Contents,
    module: ParsedModule,
    by_id: dict[str, _Node],
) -> ParsedTask:
    """The item of a topic or subtopic node, with the description of its content file and
    of the paragraphs an edge joins to it; the links of its content file and its own
    (``data.links``) go to ``module``.
    """
    title, prose, links = contents.read(node.id)
    said = [n.label for n in map(by_id.__getitem__, node.linked) if n.type == "paragraph"]
    description = "\n\n".join(part for part in (prose, *said) if part) or None
    task = ParsedTask(title=node.label or title or "Untitled", line=0, description=description)
    task.id = task.marker_id = ids.item(node.id)
    if node.id in ids.old and task.id == ids.items[node.id]:
        task.old_ids.append(ids.old[node.id])  # progress under its former id follows it
    former = _former_id_part(node.id)
    if "--" in former and task.id == ids.items[node.id] and former not in task.old_ids:
        task.old_ids.append(former)  # an id with "--" an earlier import gave it
    own = [("site", link_title, url) for link_title, url in _links(node)]
    for kind, link_title, url in [*links, *own]:
        resource = {"title": link_title, "kind": kind, "url": url}
        if module.tasks:  # the module's first item is its topic: say which item it is for
            resource["topic"] = task.title
        module.resources.append(resource)
    return task


def _links(node: _Node) -> list[tuple[str, str]]:
    """The links a node carries, as (title, url): a button's ``data.href`` (titled by its
    label) and the ``label`` and ``url`` of each of ``data.links`` (a links group's).
    """
    links: list[tuple[str, str]] = []
    href = node.data.get("href")
    if isinstance(href, str) and href.strip() and node.label:
        links.append((node.label, href.strip()))
    found = node.data.get("links")
    for link in found if isinstance(found, list) else []:
        if isinstance(link, dict):
            label, url = link.get("label"), link.get("url")
            if isinstance(label, str) and label.strip() and isinstance(url, str) and url.strip():
                links.append((" ".join(label.split()), url.strip()))
    return links


def _entries(node: _Node) -> list[tuple[str, str]]:
    """The entries of a checklist node (``data.checklists``: ``id`` and ``label``) as (key,
    label): the key is the entry's id, else ``<node id>-<place>``; entries without a label
    are left out.
    """
    found = node.data.get("checklists")
    entries: list[tuple[str, str]] = []
    for index, entry in enumerate(found if isinstance(found, list) else []):
        label = entry.get("label") if isinstance(entry, dict) else None
        if isinstance(label, str) and label.strip():
            entry_id = entry.get("id")
            key = entry_id if isinstance(entry_id, str) else f"{node.id}-{index + 1}"
            entries.append((key, " ".join(label.split())))
    return entries


def _checklist(node: _Node, ids: _Ids) -> list[ParsedTask]:
    """The entries of a checklist node as items, the checklist's label as their section."""
    tasks: list[ParsedTask] = []
    for key, label in _entries(node):
        task = ParsedTask(title=label, line=0, section=node.label or None)
        task.id = task.marker_id = ids.item(key)
        tasks.append(task)
    return tasks


def _other_node(
    node: _Node,
    roadmap: ParsedRoadmap,
    modules: dict[str, ParsedModule],
    by_id: dict[str, _Node],
) -> None:
    """What a node that is not a topic, subtopic or checklist gives: links as resources (of
    the module of a topic an edge joins it to, else of the curriculum), or a LeftOut.
    """
    if node.type in ("topic", "subtopic", "checklist") or node.type in _DRAWING:
        return
    links = _links(node)
    if links:
        linked_topics = [modules[i] for i in node.linked if i in modules]
        target = linked_topics[0].resources if linked_topics else roadmap.resources
        target += [{"title": title, "kind": "site", "url": url} for title, url in links]
        return
    if node.type == "paragraph" and any(
        by_id[i].type in ("topic", "subtopic") for i in node.linked
    ):
        return  # a description (see _item)
    if not node.label:
        return
    kind = {
        "paragraph": "prose paragraphs",
        "label": "labels",
        "button": "buttons without a link",
        "linksgroup": "link groups without links",
    }.get(node.type, "other nodes")
    roadmap.left_out.append(LeftOut(line=0, kind=kind, text=node.label[:80]))


class _Contents:
    """The content files of a diagram: ``<anything>@<node id>.md`` or ``<node id>.md`` in
    ``directory``, read when an item asks for its node's.
    """

    def __init__(self, directory: Path | None, node_ids: set[str]) -> None:
        self.files: dict[str, Path] = {}
        self.total = 0
        if directory is None:
            return
        try:
            names = sorted(entry.name for entry in directory.iterdir())
        except OSError as error:
            raise RoadmapError(
                f"Cannot read the content folder {directory}: {error_reason(error)}; nothing "
                "was written.",
                "Check the folder, or move it away to import the diagram without it.",
            ) from None
        for name in names:
            if not name.endswith(".md"):
                continue
            node_id = name[:-3].rsplit("@", 1)[-1]
            if node_id in node_ids:
                self.files.setdefault(node_id, directory / name)

    def read(self, node_id: str) -> tuple[str | None, str | None, list[tuple[str, str, str]]]:
        """The title, prose and links (kind, title, url) of the node's content file; None,
        None and no links when it has none. Raises RoadmapError when the file cannot be
        read, is over :data:`MAX_CONTENT_BYTES` or is not UTF-8.
        """
        path = self.files.get(node_id)
        if path is None:
            return None, None, []
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_CONTENT_BYTES + 1)
        except OSError as error:
            raise _unreadable(path, error_reason(error)) from None
        if len(raw) > MAX_CONTENT_BYTES:
            raise _unreadable(path, f"it is over {MAX_CONTENT_BYTES // 2**20} MiB")
        self.total += len(raw)
        if self.total > MAX_CURRICULUM_BYTES:
            raise RoadmapError(
                f"The content files in {path.parent} add up to over "
                f"{MAX_CURRICULUM_BYTES // 2**20} MiB, too much for one curriculum; nothing "
                "was written.",
                "Check that the folder is the roadmap's content folder.",
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _unreadable(path, "not UTF-8 text") from None
        return _content(text)


def _unreadable(path: Path, reason: str) -> RoadmapError:
    return RoadmapError(
        f"Cannot read the content file {path}: {reason}; nothing was written.",
        "Fix or remove that file, then import again.",
    )


def _content(text: str) -> tuple[str | None, str | None, list[tuple[str, str, str]]]:
    """A content file's ``# Title``, its prose (paragraphs, without the "Visit the following
    resources" line) and its ``[@type@Title](url)`` links.
    """
    title: str | None = None
    links: list[tuple[str, str, str]] = []
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in [*text.splitlines(), ""]:
        heading = _HEADING.match(line)
        link = _LINK.match(line)
        if heading and title is None and not paragraphs and not lines:
            title = heading.group(1)
        elif link:
            kind, link_title, url = link.groups()
            links.append((RESOURCE_KINDS.get(kind, "other"), " ".join(link_title.split()), url))
        elif line.strip():
            lines.append(line.strip())
            continue
        if lines:
            paragraph = " ".join(lines)
            if not _VISIT.match(paragraph):
                paragraphs.append(paragraph)
            lines = []
    return title, "\n\n".join(paragraphs) or None, links


def _title(nodes: list[_Node]) -> str | None:
    """The label of the highest ``title`` node, if any."""
    titles = [node for node in nodes if node.type == "title" and node.label]
    return min(titles, key=_position).label if titles else None
