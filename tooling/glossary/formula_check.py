"""Checks of a metric's formula block for ``glossary check``: the expression parses
(errors point at the column inside it), names and inputs match, bounds make sense, and
every worked example evaluates — forwards and through every inverse — to its stated
values at the precision the page shows (values are reported as the English page writes
them). It checks a term file, so it sits beside the other checks rather than in the
formula engine: it reads the loader's marks and the site's words."""

from __future__ import annotations

from collections.abc import Iterator

from glossary.config import Config
from glossary.diagnostics import SOFT, Diagnostic, diagnostic
from glossary.formula.display import format_value
from glossary.formula.evaluate import evaluate
from glossary.formula.grammar import FormulaError, names, parse
from glossary.formula.metric import RESULT, Metric, SolvedInverses, build_metric
from glossary.load import Document
from glossary.ui import ui_strings


def _expression_mark(doc: Document, column: int) -> tuple[int, int]:
    line, start = doc.mark(("formula", "expression"))
    text = doc.source.split("\n")[line - 1] if doc.source else ""
    quoted = text[start - 1 : start] in ("'", '"')
    return line, start + column - 1 + (1 if quoted else 0)


def _shown(value: float, unit: str) -> str:
    return format_value(value, unit, "en", "USD", words=ui_strings()["en"])


def iter_formula_errors(
    doc: Document, config: Config, solved: SolvedInverses | None = None
) -> Iterator[Diagnostic]:
    formula = doc.data.get("formula")
    if not isinstance(formula, dict) or not isinstance(formula.get("expression"), str):
        return
    path = str(doc.path)
    inputs = [
        i
        for i in formula.get("inputs") or []
        if isinstance(i, dict) and isinstance(i.get("name"), str)
    ]
    try:
        node = parse(formula["expression"])
    except FormulaError as error:
        yield diagnostic(
            path,
            _expression_mark(doc, error.column),
            "error",
            "formula-syntax",
            "formula.expression",
            problem=error.code.replace("-", " "),
            column=error.column,
        )
        return
    declared = {i["name"]: i for i in inputs}
    used = names(node)
    for name in used:
        if name not in declared:
            yield diagnostic(
                path,
                doc.mark(("formula", "expression")),
                "error",
                "formula-unknown-name",
                "formula.expression",
                name=name,
            )
    for index, item in enumerate(inputs):
        if item["name"] not in used:
            yield diagnostic(
                path,
                doc.mark(("formula", "inputs", index, "name")),
                "error",
                "formula-unused-input",
                f"formula.inputs[{index}].name",
                name=item["name"],
            )
        yield from _iter_bound_errors(doc, index, item)
    if any(name not in declared for name in used):
        return
    metric = build_metric(doc.data.get("id", doc.path.stem), formula, solved=solved)
    for name in metric.forward_only:
        yield diagnostic(
            path,
            doc.mark(("formula", "expression")),
            SOFT,
            "formula-forward-only",
            "formula.expression",
            name=name,
        )
    unit = (formula.get("result") or {}).get("unit", "number")
    for index, example in enumerate(formula.get("examples") or []):
        if isinstance(example, dict):
            yield from _iter_example_errors(doc, metric, index, example, declared, unit)


def _iter_bound_errors(doc: Document, index: int, item: dict) -> Iterator[Diagnostic]:
    low = item.get("min", item.get("exclusive_min"))
    high = item.get("max")
    where = ("formula", "inputs", index)
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low >= high:
        yield diagnostic(
            str(doc.path),
            doc.mark((*where, "max")),
            "error",
            "formula-bounds",
            f"formula.inputs[{index}]",
            name=item["name"],
            low=low,
            high=high,
        )
    default = item.get("default")
    if isinstance(default, (int, float)) and _outside(item, default):
        yield diagnostic(
            str(doc.path),
            doc.mark((*where, "default")),
            "error",
            "formula-default-out-of-range",
            f"formula.inputs[{index}].default",
            name=item["name"],
            value=default,
        )


def _outside(item: dict, value: float) -> bool:
    return (
        (isinstance(item.get("min"), (int, float)) and value < item["min"])
        or (isinstance(item.get("max"), (int, float)) and value > item["max"])
        or (isinstance(item.get("exclusive_min"), (int, float)) and value <= item["exclusive_min"])
    )


def _iter_example_errors(
    doc: Document, metric: Metric, index: int, example: dict, declared: dict, unit: str
) -> Iterator[Diagnostic]:
    path = str(doc.path)
    where = ("formula", "examples", index)
    field = f"formula.examples[{index}]"
    given: dict = example["inputs"] if isinstance(example.get("inputs"), dict) else {}
    missing = [name for name in declared if name not in given]
    unknown = [name for name in given if name not in declared]
    for name in missing:
        yield diagnostic(
            path,
            doc.mark((*where, "inputs")),
            "error",
            "example-missing-input",
            f"{field}.inputs",
            name=name,
        )
    for name in unknown:
        yield diagnostic(
            path,
            doc.mark((*where, "inputs", name), key=True),
            "error",
            "example-unknown-input",
            f"{field}.inputs.{name}",
            name=name,
        )
    if missing or unknown or not all(isinstance(v, (int, float)) for v in given.values()):
        return
    for name, value in given.items():
        if _outside(declared[name], value):
            yield diagnostic(
                path,
                doc.mark((*where, "inputs", name)),
                "error",
                "example-out-of-range",
                f"{field}.inputs.{name}",
                name=name,
                value=value,
            )
    stated = example.get("result")
    try:
        computed = evaluate(metric.ast, given)
    except FormulaError as error:
        yield diagnostic(
            path, doc.mark((*where, "inputs")), "error", f"example-{error.code}", f"{field}.inputs"
        )
        return
    if not isinstance(stated, (int, float)):
        return
    if _shown(computed, unit) != _shown(stated, unit):
        yield diagnostic(
            path,
            doc.mark((*where, "result")),
            "error",
            "example-mismatch",
            f"{field}.result",
            stated=_shown(stated, unit),
            computed=_shown(computed, unit),
        )
        return
    for name, inverse in metric.inverses.items():
        env = {**{k: v for k, v in given.items() if k != name}, RESULT: stated}
        try:
            back = evaluate(inverse, env)
        except FormulaError:
            continue  # the inverse is undefined at this point (e.g. solving for a divisor of 0)
        item_unit = declared[name].get("unit", "number")
        if _shown(back, item_unit) != _shown(given[name], item_unit):
            yield diagnostic(
                path,
                doc.mark((*where, "inputs", name)),
                "error",
                "inverse-mismatch",
                f"{field}.inputs.{name}",
                name=name,
                value=_shown(given[name], item_unit),
                computed=_shown(back, item_unit),
            )
