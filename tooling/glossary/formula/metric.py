"""formulas: the pipeline stage between link and render. Each metric's formula is
parsed once, its inverses solved once (sympy), and the result shared by every language
and by ``glossary check`` and ``glossary calc``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from glossary.formula.grammar import FormulaError, names, parse, to_json
from glossary.formula.solve import RESULT, Inverse, solve_inverses


@dataclass(frozen=True)
class Metric:
    """A concept's formula, ready to evaluate forwards and (where possible) backwards."""

    concept: str
    expression: str
    ast: list
    inputs: tuple[dict, ...]
    result: dict
    examples: tuple[dict, ...]
    inverses: dict = field(default_factory=dict)      # input name -> JSON AST
    forward_only: tuple[str, ...] = ()                 # inputs with no unique inverse
    raw: dict = field(default_factory=dict, repr=False)

    def input(self, name: str) -> dict:
        return next(i for i in self.inputs if i.get("name") == name)


@lru_cache(maxsize=512)
def _inverses(expression: str) -> tuple[tuple[str, tuple | None, str | None], ...]:
    inverses: list[Inverse] = solve_inverses(parse(expression))
    return tuple((i.name, _freeze(i.ast), i.problem) for i in inverses)


def _freeze(ast: Any) -> Any:
    return tuple(_freeze(a) for a in ast) if isinstance(ast, list) else ast


def _thaw(ast: Any) -> Any:
    return [_thaw(a) for a in ast] if isinstance(ast, tuple) else ast


def build_metric(concept_id: str, formula: dict, solve: bool = True) -> Metric:
    """The metric of a well-formed formula block (FormulaError if it does not parse)."""
    expression = formula["expression"]
    node = parse(expression)
    inverses, forward_only = {}, []
    if solve:
        for name, ast, problem in _inverses(expression):
            if ast is None:
                forward_only.append(name)
            else:
                inverses[name] = _thaw(ast)
    return Metric(concept_id, expression, to_json(node),
                  tuple(i for i in formula.get("inputs", []) if isinstance(i, dict)),
                  dict(formula.get("result") or {}),
                  tuple(e for e in formula.get("examples", []) if isinstance(e, dict)),
                  inverses, tuple(forward_only), dict(formula))


def build_metrics(concepts: dict) -> dict[str, Metric]:
    metrics = {}
    for cid, concept in concepts.items():
        if concept.formula:
            try:
                metrics[cid] = build_metric(cid, dict(concept.formula))
            except (FormulaError, KeyError, TypeError):
                continue  # reported by glossary check
    return metrics


__all__ = ["Metric", "build_metric", "build_metrics", "RESULT", "names"]
