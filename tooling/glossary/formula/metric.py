"""formulas: the pipeline stage between link and render. Each metric's formula is
parsed once, its inverses solved once (sympy), and the result shared by every language
and by ``glossary check`` and ``glossary calc``."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.cache import replace_file
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
    inverses: dict = field(default_factory=dict)  # input name -> JSON AST
    forward_only: tuple[str, ...] = ()  # inputs with no unique inverse
    raw: dict = field(default_factory=dict, repr=False)

    def input(self, name: str) -> dict:
        return next(i for i in self.inputs if i.get("name") == name)


CACHE_VERSION = 2  # 2: inverses no longer simplified
_SOLVED: dict[
    str, tuple
] = {}  # expression -> inverses: solved here, loaded from the cache, or learnt


def _inverses(expression: str) -> tuple[tuple[str, tuple | None, str | None], ...]:
    known = _SOLVED.get(expression)
    if known is None:
        inverses: list[Inverse] = solve_inverses(parse(expression))
        known = _SOLVED[expression] = tuple((i.name, _freeze(i.ast), i.problem) for i in inverses)
    return known


def known_inverses(expression: str) -> tuple | None:
    """The inverses of ``expression`` if this process has them (solved, cached or learnt)."""
    return _SOLVED.get(expression)


def learn_inverses(expression: str, inverses: tuple) -> None:
    """Take the inverses another process solved (a check worker's), so they are not solved again."""
    _SOLVED.setdefault(expression, inverses)


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
        for name, ast, _problem in _inverses(expression):
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


def prime_inverses(cache: Path | None) -> dict:
    """Load inverses solved by earlier runs, so sympy runs only for new formulas."""
    known = _read_inverses(cache)
    for expression, inverses in known.items():
        _SOLVED.setdefault(expression, tuple((n, _freeze(a), p) for n, a, p in inverses))
    return known


def build_metrics(concepts: dict, cache: Path | None = None) -> dict[str, Metric]:
    """Every concept's metric. Inverses are kept in ``cache`` (a JSON file of expression →
    inverses), so sympy runs only for formulas it has not solved before."""
    known = prime_inverses(cache)
    metrics = {}
    for cid, concept in concepts.items():
        if concept.formula:
            try:
                metrics[cid] = build_metric(cid, dict(concept.formula))
            except (FormulaError, KeyError, TypeError):
                continue  # reported by glossary check
    if cache is not None:
        solved = {
            m.expression: [[n, _thaw(a), p] for n, a, p in _inverses(m.expression)]
            for m in metrics.values()
        }
        if solved != known:
            _write_inverses(cache, solved)
    return metrics


def _read_inverses(cache: Path | None) -> dict:
    try:
        data = json.loads(cache.read_text("utf-8")) if cache else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.pop("version", None) == CACHE_VERSION else {}


def _write_inverses(cache: Path, solved: dict) -> None:
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        replace_file(
            cache, json.dumps({"version": CACHE_VERSION, **solved}, ensure_ascii=False).encode()
        )


__all__ = ["Metric", "build_metric", "build_metrics", "RESULT", "names"]
