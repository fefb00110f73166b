"""Evaluate a formula AST with IEEE doubles, exactly as the browser module does.

An input's value is a number or, for a list input, a list of numbers (one per row). A
list may appear only inside ``sum( )``, where arithmetic goes row by row over lists of
equal length and a number counts the same in every row; the rows are added from the
first to the last, starting from 0 (issue #19)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from glossary.formula.grammar import FormulaError, Node, fold, from_json

Value = float | list[float]
Inputs = Mapping[str, float | Sequence[float]]


def is_list(value: object) -> bool:
    return isinstance(value, (list, tuple))


def evaluate(ast: Node | list, inputs: Inputs) -> float:
    """The value of ``ast``; FormulaError("missing-input"), ("division-by-zero"),
    ("not-finite"), ("length-mismatch") or a misplaced list (see ``check_lists``)
    otherwise. Columns are 0 for ASTs that came from JSON."""
    node = from_json(ast) if isinstance(ast, list) else ast
    missing = [n for n in _vars(node) if n.value not in inputs]
    if missing:
        raise FormulaError("missing-input", missing[0].column, str(missing[0].value))
    check_lists(node, {name for name, value in inputs.items() if is_list(value)})
    value = fold(node, lambda n, args: _apply(n, args, inputs))
    if isinstance(value, list) or not math.isfinite(value):
        raise FormulaError("not-finite", node.column)
    return value + 0.0 if value != 0 else 0.0  # no negative zero


def _vars(node: Node) -> list[Node]:
    """The ``var`` nodes of ``node``, in source order."""
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        if current.kind == "var":
            found.append(current)
        stack.extend(reversed(current.args))
    return found


def check_lists(node: Node, lists: set[str]) -> None:
    """The first of ``list_errors``, raised."""
    problems = list_errors(node, lists)
    if problems:
        raise problems[0]


def list_errors(node: Node, lists: set[str]) -> list[FormulaError]:
    """FormulaError("list-outside-sum") wherever one of ``lists`` is used outside
    ``sum( )``, else ("sum-without-list") for each ``sum( )`` that adds up no list; in
    source order."""
    outside: list[FormulaError] = []
    summed: dict[int, bool] = {}  # id of each sum node -> whether a list is added up in it
    sums: list[Node] = []
    stack: list[tuple[Node, Node | None]] = [(node, None)]
    while stack:
        current, inside = stack.pop()
        if current.kind == "sum":
            summed.setdefault(id(current), False)
            sums.append(current)
            inside = current
        elif current.kind == "var" and current.value in lists:
            if inside is None:
                outside.append(FormulaError("list-outside-sum", current.column, str(current.value)))
            else:
                summed[id(inside)] = True
        stack.extend((arg, inside) for arg in current.args)
    empty = [FormulaError("sum-without-list", s.column) for s in sums if not summed[id(s)]]
    problems = outside or empty
    return sorted(problems, key=lambda error: error.column)


def _apply(node: Node, args: list[Value], inputs: Inputs) -> Value:
    kind = node.kind
    if kind == "num":
        return float(node.value)  # type: ignore[arg-type]
    if kind == "var":
        value = inputs[str(node.value)]
        return [float(v) for v in value] if is_list(value) else float(value)  # type: ignore[union-attr,arg-type]
    if kind == "neg":
        return _rows(lambda a: -a, args[0])
    if kind == "sum":
        total = 0.0
        for row in args[0] if isinstance(args[0], list) else [args[0]]:
            total += row
        return total
    left, right = args
    if isinstance(left, list) and isinstance(right, list) and len(left) != len(right):
        raise FormulaError("length-mismatch", node.column, f"{len(left)} != {len(right)}")
    return _pairs(node, left, right)


def _rows(operation, value: Value) -> Value:
    return [operation(v) for v in value] if isinstance(value, list) else operation(value)


def _pairs(node: Node, left: Value, right: Value) -> Value:
    if not isinstance(left, list) and not isinstance(right, list):
        return _binary(node, left, right)
    count = len(left) if isinstance(left, list) else len(right)  # type: ignore[arg-type]
    lefts = left if isinstance(left, list) else [left] * count
    rights = right if isinstance(right, list) else [right] * count
    return [_binary(node, a, b) for a, b in zip(lefts, rights, strict=True)]


def _binary(node: Node, left: float, right: float) -> float:
    kind = node.kind
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if right == 0:
        raise FormulaError("division-by-zero", node.column)
    return left / right
