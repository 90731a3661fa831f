"""Limits on the shape of YAML that roadmap reads from a learner, checked before parsing.

ruamel.yaml builds its nodes recursively: its C extension overflows the C stack (the process
dies of a segmentation fault) on a document nested some 100,000 levels deep, and both
parsers, pydantic and ``copy.deepcopy`` raise RecursionError at a few hundred levels. Aliases
multiply: ``phases: [*p, *p, ...]`` whose ``*p`` holds ``modules: [*m, *m, ...]`` is a few
kilobytes of text that validation expands into millions of objects. :func:`yaml_shape_problem`
reads the parser's events (which both parsers produce without recursion) and says whether a
text stays within :data:`MAX_NESTING` and :data:`MAX_ALIAS_NODES`; only then may it be parsed.
"""

from __future__ import annotations

from typing import Any

MAX_NESTING = 64
"""How deep lists and mappings may nest in a YAML document (the root collection is level
1). The bundled curricula nest 8 deep at most; a deeper document is refused unparsed.
"""
MAX_ALIAS_NODES = 100_000
"""How many nodes all the aliases (``*name``) of a YAML document may stand for together,
counted as expanded (an alias of a list of 3 scalars counts 4). A document without aliases
never reaches it.
"""


def yaml_shape_problem(text: str) -> tuple[int, int, str] | None:
    """Where and how the YAML ``text`` goes past :data:`MAX_NESTING` or
    :data:`MAX_ALIAS_NODES`: ``(line, column, message)``, 1-based, or None when it stays
    within both. Call it before any ruamel.yaml ``load`` or ``compose`` of text a learner
    wrote. A syntax error is not a problem here (the parse that follows reports it); only
    the events before it are counted, by the C parser when installed and, should that fail,
    by the pure-Python one as well (which may read further). Raises nothing.
    """
    from ruamel.yaml.error import YAMLError

    try:
        from ruamel.yaml.cyaml import CSafeLoader
    except ImportError:  # neither ruamel.yaml.clib nor ruamel.yaml.clibz is installed
        pass
    else:
        parser = CSafeLoader(text)  # only its parser's events are read
        try:
            return _events_problem(_c_events(parser))
        except YAMLError:
            pass  # the pure parser may accept more than libyaml: count its events too
        finally:
            parser.dispose()
    from ruamel.yaml import YAML

    try:
        return _events_problem(YAML(typ="safe", pure=True).parse(text))
    except YAMLError:
        return None


def _c_events(parser: Any) -> Any:
    while parser.check_event():
        yield parser.get_event()


def _events_problem(events: Any) -> tuple[int, int, str] | None:
    """Count nesting and expanded alias nodes along ``events``; the first excess found."""
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        ScalarEvent,
    )

    sizes: dict[str, int] = {}  # an anchor's node count, expanded
    open_nodes: list[tuple[str | None, int]] = []  # anchor, nodes so far, per open collection
    aliased = 0
    for event in events:
        if isinstance(event, CollectionStartEvent):
            if len(open_nodes) >= MAX_NESTING:
                mark = event.start_mark
                message = f"lists and mappings are nested more than {MAX_NESTING} deep"
                return mark.line + 1, mark.column + 1, message
            open_nodes.append((event.anchor, 1))
            continue
        if isinstance(event, CollectionEndEvent):
            anchor, size = open_nodes.pop()
        elif isinstance(event, AliasEvent):
            anchor, size = None, sizes.get(str(event.anchor), 1)
            aliased += size
            if aliased > MAX_ALIAS_NODES:
                mark = event.start_mark
                message = f"aliases (*name) stand for more than {MAX_ALIAS_NODES} nodes in all"
                return mark.line + 1, mark.column + 1, message
        elif isinstance(event, ScalarEvent):
            anchor, size = event.anchor, 1
        else:  # stream and document events
            continue
        if anchor is not None:
            sizes[str(anchor)] = size
        if open_nodes:
            parent_anchor, parent_size = open_nodes[-1]
            open_nodes[-1] = (parent_anchor, parent_size + size)
    return None
