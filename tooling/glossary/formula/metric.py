"""formulas: the pipeline stage between link and render. Each metric's formula is
parsed once, its inverses solved once (sympy), and the result shared by every language
and by ``glossary check`` and ``glossary calc``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.cache import read_json_cache, write_json_cache
from glossary.formula.grammar import FormulaError, Node, names, parse, to_json
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
    inverses: dict = field(default_factory=dict)  # input name -> JSON AST
    forward_only: tuple[str, ...] = ()  # inputs with no unique inverse
    raw: dict = field(default_factory=dict, repr=False)

    def input(self, name: str) -> dict:
        return next(i for i in self.inputs if i.get("name") == name)

    @property
    def lists(self) -> tuple[str, ...]:
        """The inputs that take one value per row (``list: true``)."""
        return tuple(i["name"] for i in self.inputs if i.get("list") is True)


CACHE_VERSION = 3  # 2: inverses no longer simplified; 3: sum( ) of list inputs
Solution = tuple[tuple[str, Any, "str | None"], ...]  # (input, frozen AST or None, problem)


class SolvedInverses:
    """The inverses of formulas, by expression: solved with sympy (whose import alone takes
    a third of a second, and a formula a tenth), read from the cache of earlier runs, or
    learnt from the process that solved them. One is made per command and handed to the
    stages that need it; nothing about it lives in the module."""

    def __init__(self, known: dict[str, Solution] | None = None) -> None:
        self._known: dict[str, Solution] = dict(known or {})

    def get(self, expression: str) -> Solution | None:
        return self._known.get(expression)

    def solve(self, expression: str, node: Node | None = None) -> Solution:
        known = self._known.get(expression)
        if known is None:
            inverses: list[Inverse] = solve_inverses(node or parse(expression))
            known = tuple((i.name, _freeze(i.ast), i.problem) for i in inverses)
            self._known[expression] = known
        return known

    def learn(self, expression: str, inverses: Solution) -> None:
        """Take the inverses another process solved, so they are not solved again."""
        self._known.setdefault(expression, inverses)

    @classmethod
    def read(cls, *caches: Path) -> SolvedInverses:
        """The inverses earlier runs kept in ``caches`` (JSON files of expression → inverses)."""
        solved = cls()
        for cache in caches:
            for expression, inverses in read_json_cache(cache, CACHE_VERSION).items():
                solved.learn(expression, tuple((n, _freeze(a), p) for n, a, p in inverses))
        return solved

    def write(self, cache: Path, expressions: Iterable[str]) -> None:
        """Keep the inverses of ``expressions`` in ``cache`` for the next run (only if they
        differ from what it holds)."""
        solved = {e: [[n, _thaw(a), p] for n, a, p in self.solve(e)] for e in expressions}
        if solved != read_json_cache(cache, CACHE_VERSION):
            write_json_cache(cache, CACHE_VERSION, solved)


def _freeze(ast: Any) -> Any:
    return tuple(_freeze(a) for a in ast) if isinstance(ast, list) else ast


def _thaw(ast: Any) -> Any:
    return [_thaw(a) for a in ast] if isinstance(ast, tuple) else ast


def build_metric(
    concept_id: str,
    formula: dict,
    solve: bool = True,
    solved: SolvedInverses | None = None,
    node: Node | None = None,
) -> Metric:
    """The metric of a well-formed formula block (FormulaError if it does not parse); its
    inverses come from ``solved`` (solved there now if it does not have them yet). ``node``:
    the expression already parsed, if the caller has it."""
    expression = formula["expression"]
    node = parse(expression) if node is None else node
    inverses, forward_only = {}, []
    if solve:
        for name, ast, _problem in (solved or SolvedInverses()).solve(expression, node):
            if ast is None:
                forward_only.append(name)
            else:
                inverses[name] = _thaw(ast)
    return Metric(
        concept_id,
        expression,
        to_json(node),
        tuple(i for i in formula.get("inputs", []) if isinstance(i, dict)),
        dict(formula.get("result") or {}),
        tuple(e for e in formula.get("examples", []) if isinstance(e, dict)),
        inverses,
        tuple(forward_only),
        dict(formula),
    )


def build_metrics(concepts: dict, solved: SolvedInverses) -> dict[str, Metric]:
    """Every concept's metric, with the inverses ``solved`` holds (the check solved them)."""
    metrics = {}
    for cid, concept in concepts.items():
        if concept.formula:
            try:
                metrics[cid] = build_metric(cid, dict(concept.formula), solved=solved)
            except (FormulaError, KeyError, TypeError):
                continue  # reported by glossary check
    return metrics


__all__ = ["Metric", "SolvedInverses", "build_metric", "build_metrics", "RESULT", "names"]
