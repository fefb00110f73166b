"""``glossary calc``: the page's calculator on the command line, with the same inputs
(percentages typed as percentages, fullwidth digits accepted), the same checks and the
same localized messages."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from glossary.formula.display import default_currency, format_value, render_expression
from glossary.formula.evaluate import evaluate
from glossary.formula.grammar import FormulaError
from glossary.formula.metric import RESULT, Metric
from glossary.ui import ui_strings

_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def parse_number(raw: str) -> float | None:
    """What a reader typed, as the calculator reads it (None if it is not a number)."""
    text = re.sub(r"[\s,_]", "", unicodedata.normalize("NFKC", raw)).removesuffix("%")
    return float(text) if _NUMBER.match(text) else None


@dataclass
class Outcome:
    value: float | None = None
    error: str | None = None
    values: dict = field(default_factory=dict)


def _bound_error(item: dict, value: float, lang: str, currency: str) -> str | None:
    text = ui_strings()[lang]

    def say(key: str, bound: float) -> str:
        shown = format_value(bound, item.get("unit", "number"), lang, currency)
        return text[key].replace("{label}", item["label"]).replace("{bound}", shown)

    if item.get("min") is not None and value < item["min"]:
        return say("error_below", item["min"])
    if item.get("max") is not None and value > item["max"]:
        return say("error_above", item["max"])
    if item.get("exclusive_min") is not None and value <= item["exclusive_min"]:
        return say("error_not_above", item["exclusive_min"])
    return None


def calculate(
    metric: Metric,
    lang: str,
    typed: dict[str, str],
    target: str,
    result_label: str,
    currency: str | None = None,
) -> Outcome:
    currency = currency or default_currency(lang)
    text = ui_strings()[lang]
    items = [{**i, "label": (i.get("label") or {}).get(lang, i["name"])} for i in metric.inputs]
    items.append(
        {"name": RESULT, "label": result_label, "unit": metric.result.get("unit", "number")}
    )
    env: dict[str, float] = {}
    for item in items:
        if item["name"] == target:
            continue
        raw = typed.get(item["name"], "")
        if not raw.strip():
            return Outcome(error=text["error_missing"].replace("{label}", item["label"]))
        number = parse_number(raw)
        if number is None:
            return Outcome(error=text["error_invalid"].replace("{label}", item["label"]))
        value = number / 100 if item.get("unit") == "percent" else number
        problem = None if item["name"] == RESULT else _bound_error(item, value, lang, currency)
        if problem:
            return Outcome(error=problem)
        env[item["name"]] = value
    ast = metric.ast if target == RESULT else metric.inverses[target]
    try:
        value = evaluate(ast, env)
    except FormulaError:
        return Outcome(error=text["error_division"])
    solved = next(i for i in items if i["name"] == target)
    problem = None if target == RESULT else _bound_error(solved, value, lang, currency)
    if problem:
        return Outcome(error=problem)
    return Outcome(value=value, values={**env, target: value})


def describe(
    metric: Metric,
    outcome: Outcome,
    lang: str,
    target: str,
    result_label: str,
    currency: str | None = None,
) -> dict:
    """The outcome as the page shows it: the answer and the formula with values."""
    currency = currency or default_currency(lang)
    units = {i["name"]: (i.get("unit", "number"), i.get("decimals")) for i in metric.inputs}
    units[RESULT] = (metric.result.get("unit", "number"), metric.result.get("decimals"))
    labels = {i["name"]: (i.get("label") or {}).get(lang, i["name"]) for i in metric.inputs}
    labels[RESULT] = result_label

    def show(name: str) -> str:
        unit, decimals = units[name]
        return format_value(outcome.values[name], unit, lang, currency, decimals)

    formula = render_expression(
        metric.ast, show, lambda n: format_value(n, "number", lang, currency, 6)
    )
    return {
        "solve": target,
        "label": labels[target],
        "value": outcome.value,
        "formatted": show(target),
        "formula": f"{formula} = {show(RESULT)}",
        "inputs": dict(outcome.values),
        "currency": currency,
    }
