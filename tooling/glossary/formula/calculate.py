"""``glossary calc``'s calculation: the page's calculator without the page, with the same
inputs (percentages typed as percentages, fullwidth digits accepted), the same checks and
the same localized messages. The messages come from the reader's interface words, which
the caller passes in (``data/ui.toml``'s section for the language)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from glossary.config import load_config
from glossary.formula.amounts import parse_typed, plain_decimal, shift, to_float
from glossary.formula.display import default_currency, format_value, render_expression
from glossary.formula.evaluate import evaluate
from glossary.formula.examples import localize_example
from glossary.formula.grammar import FormulaError
from glossary.formula.metric import RESULT, Metric
from glossary.particles import attach_particles

# A solved value this close to a bound (relative to the largest number in the sum) is the
# bound: -7.1e-15 is floating-point residue of 0, not a negative amount (issue 19).
SNAP = 1e-12


def parse_number(raw: str) -> float | None:
    """What a reader typed, as the calculator reads it (None if it is not a number)."""
    typed = parse_typed(raw)
    return None if typed.value is None or typed.problem else to_float(typed.value)


@dataclass(frozen=True)
class Calculation:
    """What a calculation came to: the ``answer`` as the page shows it (see ``describe``);
    or ``error``, the calculator's message about a value it cannot use; or ``usage``, a
    message code and its fields when the names asked for are not the metric's."""

    answer: dict | None = None
    error: str | None = None
    usage: tuple[str, dict[str, str]] | None = None
    warnings: tuple[str, ...] = ()
    field: str | None = None  # the input a typing error is about (not the solved value)


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
    warnings = tuple(outcome.warnings)
    if outcome.error:
        return Calculation(error=outcome.error, warnings=warnings, field=outcome.field)
    answer = describe(metric, outcome, lang, target, result_label, words, currency)
    return Calculation(answer={**answer, "warnings": list(warnings)}, warnings=warnings)


@dataclass
class Outcome:
    value: float | None = None
    error: str | None = None
    values: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    field: str | None = None


def _message(template: str, label: str, bound: str = "", **more: str) -> str:
    """A message about an input, with Korean particles agreeing with its label."""
    text = template.replace("{label}", label).replace("{bound}", bound)
    for key, value in more.items():
        text = text.replace("{" + key + "}", value)
    return attach_particles(text)


def snap_to_bounds(item: dict, value: float, env: Mapping[str, float]) -> float:
    """A solved ``value`` a residue away from ``item``'s min or max is that bound (mirrors
    ``snapToBounds`` in calculator.mjs)."""
    tolerance = max([1.0, abs(value), *(abs(v) for v in env.values())]) * SNAP
    for key in ("min", "max"):
        bound = item.get(key)
        if bound is not None and abs(value - bound) <= tolerance:
            return float(bound)
    return value


def read_input(item: dict, raw: str, words: Mapping[str, str]) -> tuple[float | None, str | None]:
    """(value, None), (None, error) or (value, warning) for what was typed into ``item``:
    a percentage is typed as a percentage (8, 8% and 8％ are all 8 percent), and a
    percentage typed like a fraction (0.08) is read as it is written, with a warning."""
    typed = parse_typed(raw)
    label, percent = item["label"], item.get("unit") == "percent"
    if typed.problem == "empty":
        return None, _message(words["error_missing"], label)
    if typed.problem == "invalid":
        return None, _message(words["error_invalid"], label)
    if typed.percent and not percent:
        return None, _message(words["error_not_percent"], label)
    if typed.problem == "too-large" or typed.value is None:
        return None, _message(words["error_too_large"], label)
    if not percent:
        return to_float(typed.value), None
    value = to_float(shift(typed.value, -2))
    if not typed.percent and 0 < abs(typed.value) < 1:
        shown, meant = plain_decimal(typed.value), plain_decimal(shift(typed.value, 2))
        return value, _message(words["warn_fraction"], label, typed=shown, meant=meant)
    return value, None


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
    warnings: list[str] = []
    for item in items:
        if item["name"] == target:
            continue
        value, said = read_input(item, typed.get(item["name"], ""), words)
        if value is None:
            return Outcome(error=said, warnings=warnings, field=item["name"])
        if said:
            warnings.append(said)
        problem = (
            None if item["name"] == RESULT else _bound_error(item, value, lang, currency, words)
        )
        if problem:
            return Outcome(error=problem, warnings=warnings, field=item["name"])
        env[item["name"]] = value
    ast = metric.ast if target == RESULT else metric.inverses[target]
    try:
        value = evaluate(ast, env)
    except FormulaError as error:
        key = "error_division" if error.code == "division-by-zero" else "error_overflow"
        return Outcome(error=words[key], warnings=warnings)
    solved = next(i for i in items if i["name"] == target)
    if target != RESULT:
        value = snap_to_bounds(solved, value, env)
    problem = None if target == RESULT else _bound_error(solved, value, lang, currency, words)
    if problem:
        return Outcome(error=problem, warnings=warnings)
    return Outcome(value=value, values={**env, target: value}, warnings=warnings)


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

    def show(name: str, reading: bool = False) -> str:
        unit, decimals = units[name]
        per = metric.result.get("per") if name == RESULT else None
        value = outcome.values[name]
        return format_value(value, unit, lang, currency, decimals, words, per, reading)

    formula = render_expression(
        metric.ast, show, lambda n: format_value(n, "number", lang, currency, 6)
    )
    return {
        "solve": target,
        "label": labels[target],
        "value": outcome.value,
        "formatted": show(target, reading=True),
        "formula": f"{formula} = {show(RESULT)}",
        "inputs": dict(outcome.values),
        "currency": currency,
    }


def _typed(item: dict, value: float) -> str:
    """``value`` as a reader types it, nothing rounded: a percentage with its sign (8%)."""
    exact = Decimal(repr(value))
    if item.get("unit") == "percent":
        return plain_decimal(shift(exact, 2)) + "%"
    return plain_decimal(exact)


def example_invocation_values(metric: Metric, lang: str) -> dict[str, str]:
    """The first worked example's values in ``lang`` as typed (``result`` too, when the
    example states it), for an example invocation."""
    if not metric.examples:
        return {}
    source = load_config().source_language
    local = localize_example(metric, metric.examples[0], lang, source)
    values = {i["name"]: _typed(i, local.inputs[i["name"]]) for i in metric.inputs}
    if local.result is not None:
        values[RESULT] = _typed(metric.result, local.result)
    return values


def inputs_json(metric: Metric, lang: str) -> dict:
    """What ``glossary calc METRIC --format json`` prints: the inputs and an example."""
    return {
        "metric": metric.concept,
        "inputs": [
            {
                "name": i["name"],
                "label": (i.get("label") or {}).get(lang, i["name"]),
                "unit": i.get("unit", "number"),
            }
            for i in metric.inputs
        ],
        "result": {"unit": metric.result.get("unit", "number")},
        "solvable": list(metric.inverses),
        "example": example_invocation_values(metric, lang),
    }
