"""``glossary calc``'s calculation: the page's calculator without the page, with the same
inputs (percentages typed as percentages, fullwidth digits accepted), the same checks and
the same localized messages. The messages come from the reader's interface words, which
the caller passes in (``data/ui.toml``'s section for the language)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from glossary.formula.display import default_currency, format_value, render_expression
from glossary.formula.evaluate import evaluate
from glossary.formula.grammar import FormulaError
from glossary.formula.metric import RESULT, Metric

_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def parse_number(raw: str) -> float | None:
    """What a reader typed, as the calculator reads it (None if it is not a number)."""
    text = re.sub(r"[\s,_]", "", unicodedata.normalize("NFKC", raw)).removesuffix("%")
    return float(text) if _NUMBER.match(text) else None


@dataclass(frozen=True)
class Calculation:
    """What a calculation came to: the ``answer`` as the page shows it (see ``describe``);
    or ``error``, the calculator's message about a value it cannot use; or ``usage``, a
    message code and its fields when the names asked for are not the metric's."""

    answer: dict | None = None
    error: str | None = None
    usage: tuple[str, dict[str, str]] | None = None


def calculate_metric(
    metric: Metric,
    pairs: Sequence[str],
    target: str,
    lang: str,
    result_label: str,
    words: Mapping[str, str],
    currency: str | None = None,
) -> Calculation:
    """Solve ``metric`` for ``target`` (``result`` or an input) from ``NAME=VALUE`` pairs
    as typed; ``words`` are the reader's interface words in ``lang``."""
    names = [i["name"] for i in metric.inputs] + [RESULT]
    typed = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name not in names:
            return Calculation(usage=("calc-bad-value", {"value": pair, "names": ", ".join(names)}))
        typed[name] = value
    if target != RESULT and target not in metric.inverses:
        solvable = ", ".join([RESULT, *metric.inverses])
        return Calculation(usage=("calc-cannot-solve", {"name": target, "names": solvable}))
    outcome = calculate(metric, lang, typed, target, result_label, words, currency)
    if outcome.error:
        return Calculation(error=outcome.error)
    return Calculation(
        answer=describe(metric, outcome, lang, target, result_label, words, currency)
    )


@dataclass
class Outcome:
    value: float | None = None
    error: str | None = None
    values: dict = field(default_factory=dict)


def _bound_error(
    item: dict, value: float, lang: str, currency: str, words: Mapping[str, str]
) -> str | None:
    def say(key: str, bound: float) -> str:
        shown = format_value(bound, item.get("unit", "number"), lang, currency, words=words)
        return words[key].replace("{label}", item["label"]).replace("{bound}", shown)

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
    words: Mapping[str, str],
    currency: str | None = None,
) -> Outcome:
    currency = currency or default_currency(lang)
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
            return Outcome(error=words["error_missing"].replace("{label}", item["label"]))
        number = parse_number(raw)
        if number is None:
            return Outcome(error=words["error_invalid"].replace("{label}", item["label"]))
        value = number / 100 if item.get("unit") == "percent" else number
        problem = (
            None if item["name"] == RESULT else _bound_error(item, value, lang, currency, words)
        )
        if problem:
            return Outcome(error=problem)
        env[item["name"]] = value
    ast = metric.ast if target == RESULT else metric.inverses[target]
    try:
        value = evaluate(ast, env)
    except FormulaError:
        return Outcome(error=words["error_division"])
    solved = next(i for i in items if i["name"] == target)
    problem = None if target == RESULT else _bound_error(solved, value, lang, currency, words)
    if problem:
        return Outcome(error=problem)
    return Outcome(value=value, values={**env, target: value})


def describe(
    metric: Metric,
    outcome: Outcome,
    lang: str,
    target: str,
    result_label: str,
    words: Mapping[str, str],
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
        per = metric.result.get("per") if name == RESULT else None
        return format_value(outcome.values[name], unit, lang, currency, decimals, words, per)

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
