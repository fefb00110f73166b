"""Evaluate a formula AST with IEEE doubles, exactly as the browser module does."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import cast

from glossary.formula.grammar import FormulaError, Node, from_json


def evaluate(ast: Node | list, inputs: Mapping[str, float]) -> float:
    """The value of ``ast``; FormulaError("missing-input"), ("division-by-zero") or
    ("not-finite") otherwise. Columns are 0 for ASTs that came from JSON."""
    node = from_json(ast) if isinstance(ast, list) else ast
    value = _eval(node, inputs)
    if not math.isfinite(value):
        raise FormulaError("not-finite", node.column)
    return value + 0.0 if value != 0 else 0.0  # no negative zero


def _eval(node: Node, inputs: Mapping[str, float]) -> float:
    kind = node.kind
    if kind == "num":
        return float(cast(float, node.value))
    if kind == "var":
        name = str(node.value)
        if name not in inputs:
            raise FormulaError("missing-input", node.column, name)
        return float(inputs[name])
    if kind == "neg":
        return -_eval(node.args[0], inputs)
    left, right = _eval(node.args[0], inputs), _eval(node.args[1], inputs)
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if right == 0:
        raise FormulaError("division-by-zero", node.column)
    return left / right
