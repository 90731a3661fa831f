"""The curriculum made from an imported Markdown roadmap (``roadmap import``) as commented
YAML text: :func:`curriculum_yaml`, written by
:func:`~roadmap_tracker.formats.yaml_emitter.block_yaml` (decision 47).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roadmap_tracker.formats.markdown_parsed import ParsedRoadmap, ParsedTask


def curriculum_yaml(
    roadmap: ParsedRoadmap, slug: str, title: str, source_name: str, today: dt.date
) -> tuple[dict[str, Any], str]:
    """The curriculum file of ``roadmap`` (ids assigned): its data (mappings, lists and
    texts, as a YAML parser reads the file) and the commented YAML text that holds it.
    """
    from roadmap_tracker.formats.yaml_emitter import block_yaml

    def mapping(values: Iterable[tuple[str, Any]]) -> dict[str, Any]:
        return {
            key: value
            for key, value in values
            if not (value is None or value == [] or value is False)
        }

    def resources(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        unique: dict[tuple[str, str | None], dict[str, Any]] = {}
        for resource in found:
            unique.setdefault((resource["title"], resource.get("url")), resource)
        return [mapping(resource.items()) for resource in unique.values()]

    def task(found: ParsedTask) -> dict[str, Any]:
        values: list[tuple[str, Any]] = [
            ("id", found.id),
            ("title", found.title),
            ("kind", found.kind),
            ("section", found.section),
            ("description", found.description),
            ("old_ids", found.old_ids),
        ]
        return mapping(values)

    phases: list[dict[str, Any]] = []
    comments: dict[int, str] = {}  # a phase's first line in the file, above it
    for phase in roadmap.phases:
        modules = []
        for module in phase.modules:
            modules.append(
                mapping(
                    [
                        ("id", module.id),
                        ("title", module.title),
                        ("duration", module.duration.text if module.duration else None),
                        ("optional", module.optional),
                        ("objectives", _unique(module.objectives)),
                        (
                            "topics",
                            [
                                mapping([("title", t), ("items", _unique(items))])
                                for t, items in module.topics
                            ],
                        ),
                        ("tasks", [task(t) for t in module.tasks if t.kind is None]),
                        ("deliverables", [task(t) for t in module.tasks if t.kind is not None]),
                        ("resources", resources(module.resources)),
                    ]
                )
            )
        written = mapping(
            [
                ("id", phase.id),
                ("title", phase.title),
                ("group", phase.group),
                ("duration", phase.duration.text if phase.duration else None),
                ("objectives", _unique(phase.objectives)),
                ("modules", modules),
                ("resources", resources(phase.resources)),
            ]
        )
        phases.append(written)
        if phase.line:  # a diagram's phases have no line
            comments[id(written)] = f"line {phase.line} of {source_name}"
    data = mapping(
        [
            ("format", 1),
            ("slug", slug),
            ("title", title),
            ("source", source_name),
            ("objectives", _unique(roadmap.objectives)),
            ("phases", phases),
            (
                "choices",
                [
                    mapping(
                        [
                            ("id", choice.id),
                            ("title", choice.title),
                            ("pick", "one"),
                            ("options", [module.id for module in choice.options]),
                            ("recommended", choice.recommended and choice.recommended.id),
                        ]
                    )
                    for choice in roadmap.choices
                ],
            ),
            ("resources", resources(roadmap.resources)),
        ]
    )
    header = (
        f"Imported from {source_name} by 'roadmap import' on {today.isoformat()}.\n"
        f"Ids were made from {roadmap.id_origin or 'the titles'}. "
        "Progress refers to them, so keep them when you edit:\n"
        "rename an item by changing its title, or list its old id under old_ids."
    )
    return data, block_yaml(data, header, comments)


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(text for text in texts if text))
