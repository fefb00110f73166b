"""rewrite: change values inside a term file's text while keeping its comments, quoting,
flow or block layout and folded paragraphs (ruamel.yaml round trip), and lay out new
term files the way editors write them."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from glossary.load import SCHEMA_LINE

ENTRY_ORDER = ("terms", "definition", "example", "notes", "translated_from")
WIDTH = 92  # display columns of folded text; wide (CJK) characters count twice
FOLD_FROM = 80


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap what an editor wrapped
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _columns(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _folded(text: str, indent: int) -> FoldedScalarString:
    """A ``>-`` paragraph broken at single spaces, as editors wrap definitions."""
    scalar = FoldedScalarString(text)
    positions, column = [], indent
    for index, char in enumerate(text):
        column += _columns(char)
        single = (
            char == " " and text[index - 1] != " " and text[index + 1 : index + 2] not in ("", " ")
        )
        if single and column > WIDTH:
            positions.append(index)
            column = indent
    scalar.fold_pos = positions
    return scalar


def _text_node(text: str, indent: int, in_flow: bool, like: Any = None) -> Any:
    """Text quoted as the text it replaces was, else plain, folded or literal by its shape."""
    quoted = next(
        (
            kind
            for kind in (DoubleQuotedScalarString, SingleQuotedScalarString)
            if isinstance(like, kind)
        ),
        None,
    )
    if quoted and "\n" not in text:
        return quoted(text)
    if in_flow:
        return text
    if "\n" in text:
        return LiteralScalarString(text)
    return _folded(text, indent) if len(text) > FOLD_FROM else text


def _is_flow(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and bool(node.fa.flow_style())


def _first(node: Any) -> Any:
    return node[0] if isinstance(node, CommentedSeq) and len(node) else None


def to_node(
    value: Any, like: Any = None, indent: int = 0, in_flow: bool = False, key: str = ""
) -> Any:
    """A plain value as a YAML node styled like ``like``, the value it replaces (tags
    are written ``[a, b]`` as in the existing files)."""
    flow = in_flow or _is_flow(like)
    if isinstance(value, str):
        return _text_node(value, indent, in_flow, like)
    if isinstance(value, list):
        items = CommentedSeq(to_node(v, _first(like), indent + 4, flow) for v in value)
        if flow or (like is None and key == "tags"):
            items.fa.set_flow_style()
        return items
    if isinstance(value, dict):
        old = like if isinstance(like, dict) else {}
        node = CommentedMap(
            (k, to_node(v, old.get(k), indent + 2, flow, k)) for k, v in value.items()
        )
        if flow:
            node.fa.set_flow_style()
        return node
    return value


def _same_scalar(node: Any, value: Any) -> bool:
    """Equal and of the same kind (``1 == 1.0 == True`` in Python, not in a term file)."""

    def kind(x: Any) -> type:
        return str if isinstance(x, str) else type(x)

    return not isinstance(value, (dict, list)) and node == value and kind(node) is kind(value)


def _keep_trailing_lines(node: CommentedMap, last: Any, key: str) -> None:
    """The blank lines and comment lines ruamel attaches after a mapping's last value stay
    after the mapping when ``key`` is appended (an end-of-line comment stays on its line)."""
    comment = node.ca.items.get(last, [None] * 4)[2] if last is not None else None
    if comment is None or not comment.value.startswith("\n"):
        return
    holder: Any = node
    at: Any = key
    while isinstance(holder[at], (CommentedMap, CommentedSeq)) and len(holder[at]):
        inner = holder[at]  # the lines go after the new value's own last line
        holder, at = inner, list(inner)[-1] if isinstance(inner, dict) else len(inner) - 1
    holder.ca.items[at] = node.ca.items.pop(last)


def merge_into(node: Any, value: Any, indent: int) -> Any:
    """``node`` changed in place to hold ``value``: unchanged parts keep their layout and
    the blank lines and comments ruamel attaches to them. Returns the node to store."""
    if isinstance(node, CommentedMap) and isinstance(value, dict):
        for key in [k for k in node if k not in value]:
            del node[key]
        for key, item in value.items():
            if key not in node:
                last = list(node)[-1] if len(node) else None
                node[key] = to_node(item, None, indent + 2, _is_flow(node), key)
                _keep_trailing_lines(node, last, key)
            elif not _same_scalar(node[key], item):
                node[key] = merge_into(node[key], item, indent + 2)
        return node
    if isinstance(node, CommentedSeq) and isinstance(value, list):
        del node[len(value) :]
        for index, item in enumerate(value):
            if index >= len(node):
                node.append(to_node(item, _first(node), indent + 4, _is_flow(node)))
            elif not _same_scalar(node[index], item):
                node[index] = merge_into(node[index], item, indent + 4)
        return node
    return to_node(value, node, indent)


def _insert(mapping: CommentedMap, key: str, value: Any, order: Iterable[str], indent: int) -> None:
    """Set ``key`` (merging into its old value), placing a new key where the term
    format's field order puts it."""
    if key in mapping:
        mapping[key] = merge_into(mapping[key], value, indent)
        return
    node = to_node(value, None, indent, key=key)
    order = list(order)
    rank = order.index(key) if key in order else len(order)
    position = sum(1 for k in mapping if k in order and order.index(k) < rank)
    mapping.insert(position, key, node)


def update_text(text: str, values: dict[tuple, Any], top_order: Iterable[str]) -> str:
    """The file's text with each ``(key,)`` or ``(lang, key)`` set to its new value."""
    yaml = _yaml()
    data = yaml.load(text)
    for where, value in values.items():
        parent = data
        if len(where) == 2:
            if not isinstance(data.get(where[0]), CommentedMap):
                _insert(data, where[0], {}, top_order, 0)
            parent = data[where[0]]
        _insert(
            parent, where[-1], value, ENTRY_ORDER if len(where) == 2 else top_order, 2 * len(where)
        )
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def new_text(data: dict, sections: Iterable[str]) -> str:
    """A new term file: the schema line, then the fields, a blank line before each
    language and the relations, sources and formula."""
    out = io.StringIO()
    _yaml().dump(to_node(data), out)
    pattern = re.compile(rf"^(?=(?:{'|'.join(map(re.escape, sections))}):)", re.M)
    return f"{SCHEMA_LINE}\n" + pattern.sub("\n", out.getvalue())
