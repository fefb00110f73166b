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
from glossary.particles import attach_particles

# ASCII digits only once NFKC has made fullwidth ones ASCII: no other script's digits
# (``\d`` would take "١٢"), as calculator.mjs's parseNumber (issue #19).
_NUMBER = re.compile(r"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
MAX_TYPED = 100  # characters in one typed value, as calculator.mjs's MAX_TYPED


def parse_number(raw: str) -> float | None:
    """What a reader typed, as the calculator reads it (None if it is not a number)."""
    if len(raw) > MAX_TYPED:
        return None
    text = re.sub(r"[\s,_]", "", unicodedata.normalize("NFKC", raw)).removesuffix("%")
    return float(text) if _NUMBER.match(text) else None


def split_rows(raw: str) -> list[str]:
    """A list input's values as typed on the command line: separated by commas
    (``100000,50000,20000``), or by semicolons, and then commas group digits
    (``100,000; 50,000``). A decimal separator is always a point."""
    text = unicodedata.normalize("NFKC", raw)
    rows = text.split(";") if ";" in text else text.split(",")
    return [row.strip() for row in rows]


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
    if target in metric.lists:
        solvable = ", ".join([RESULT, *metric.inverses])
        return Calculation(usage=("calc-cannot-solve-list", {"name": target, "names": solvable}))
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
    values: dict = field(default_factory=dict)  # by name: a number, or a list's rows


def _message(template: str, label: str, bound: str = "") -> str:
    """A message about an input, with Korean particles agreeing with its label."""
    return attach_particles(template.replace("{label}", label).replace("{bound}", bound))


def _bound_error(
    item: dict, value: float, lang: str, currency: str, words: Mapping[str, str]
) -> str | None:
    def say(key: str, bound: float) -> str:
        shown = format_value(bound, item.get("unit", "number"), lang, currency, words=words)
        return _message(words[key], item["label"], shown)

    if item.get("min") is not None and value < item["min"]:
        return say("error_below", item["min"])
    if item.get("max") is not None and value > item["max"]:
        return say("error_above", item["max"])
    if item.get("exclusive_min") is not None and value <= item["exclusive_min"]:
        return say("error_not_above", item["exclusive_min"])
    return None


def _typed_value(
    item: dict, raw: str, lang: str, currency: str, words: Mapping[str, str]
) -> float | str:
    """One typed value of ``item`` as the formula takes it, or the message about it."""
    if not raw.strip():
        return _message(words["error_missing"], item["label"])
    number = parse_number(raw)
    if number is None:
        return _message(words["error_invalid"], item["label"])
    value = number / 100 if item.get("unit") == "percent" else number
    problem = None if item["name"] == RESULT else _bound_error(item, value, lang, currency, words)
    return problem or value


def _typed_rows(
    item: dict, raw: str, lang: str, currency: str, words: Mapping[str, str]
) -> list[float] | str:
    """A list input's typed values, or the message about the first bad one (naming its row)."""
    if not raw.strip():
        return _message(words["error_missing"], item["label"])
    values = []
    for row, text in enumerate(split_rows(raw), start=1):
        label = words["row_label"].format(label=item["label"], row=row)
        value = _typed_value({**item, "label": label}, text, lang, currency, words)
        if isinstance(value, str):
            return value
        values.append(value)
    return values


def _rows_error(items: list[dict], env: dict, words: Mapping[str, str]) -> str | None:
    """The message when list inputs have different numbers of rows."""
    lists = [item for item in items if isinstance(env.get(item["name"]), list)]
    for other in lists[1:]:
        first = lists[0]
        if len(env[other["name"]]) != len(env[first["name"]]):
            text = words["error_rows"].format(
                label=first["label"],
                count=len(env[first["name"]]),
                other=other["label"],
                other_count=len(env[other["name"]]),
            )
            return attach_particles(text)
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
    env: dict[str, float | list[float]] = {}
    for item in items:
        if item["name"] == target:
            continue
        raw = typed.get(item["name"], "")
        read = _typed_rows if item.get("list") is True else _typed_value
        value = read(item, raw, lang, currency, words)
        if isinstance(value, str):
            return Outcome(error=value)
        env[item["name"]] = value
    problem = _rows_error(items, env, words)
    if problem:
        return Outcome(error=problem)
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

    def shown(name: str, value: float) -> str:
        unit, decimals = units[name]
        per = metric.result.get("per") if name == RESULT else None
        return format_value(value, unit, lang, currency, decimals, words, per)

    def show(name: str) -> str:
        return shown(name, outcome.values[name])

    def show_rows(name: str) -> str | list[str]:
        value = outcome.values[name]
        return [shown(name, v) for v in value] if isinstance(value, list) else show(name)

    formula = render_expression(
        metric.ast, show_rows, lambda n: format_value(n, "number", lang, currency, 6)
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
