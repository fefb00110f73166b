"""What a term page shows of a metric: the formula and its alternatives in words, the
worked examples with the page language's own values (amounts in its currency, see
``examples``) formatted at build time in its locale, and the data the calculator script
needs, which starts from the first of them."""

from __future__ import annotations

import json
from collections.abc import Callable

from glossary.config import language
from glossary.formula.amounts import amount_units
from glossary.formula.display import (
    CURRENCIES,
    default_currency,
    format_value,
    render_expression,
    resolved_decimals,
)
from glossary.formula.evaluate import evaluate
from glossary.formula.examples import LocalExample, localize_example, money_names
from glossary.formula.grammar import FormulaError, parse, to_json
from glossary.formula.metric import RESULT, Metric

UI_KEYS = (
    "unit_days",
    "unit_months",
    "unit_years",
    "unit_ratio",
    "per_day",
    "per_month",
    "per_quarter",
    "per_year",
    "error_missing",
    "error_invalid",
    "error_below",
    "error_above",
    "error_not_above",
    "error_division",
    "error_not_percent",
    "error_too_large",
    "error_overflow",
    "warn_fraction",
    "amount_reading",
)


def _label(item: dict, lang: str, source: str) -> str:
    labels = item.get("label") or {}
    return labels.get(lang) or labels.get(source) or item.get("name", "")


def _display_input(item: dict, value: float) -> str:
    shown = value * 100 if item.get("unit") == "percent" else value
    return format(shown, ".15g")


def _alternative_text(
    alternative: dict, by_name: dict, lang: str, source: str, show_num: Callable[[float], str]
) -> str:
    """An alternative formula in words, like the main one: the metric's inputs by their
    labels, the alternative's own names by the labels it gives them."""
    expression = alternative.get("expression", "")
    given = alternative.get("labels")
    own: dict = given if isinstance(given, dict) else {}
    try:
        ast = to_json(parse(expression))
    except FormulaError:
        return expression

    def show_var(name: str) -> str:
        if name in by_name:
            return by_name[name]["label"]
        return _label({"name": name, "label": own.get(name)}, lang, source)

    return render_expression(ast, show_var, show_num)


def present_metric(metric: Metric, lang: str, result_label: str, ui: dict, source: str) -> dict:
    local = [localize_example(metric, e, lang, source) for e in metric.examples]
    currency = local[0].currency if local else default_currency(lang)
    inputs = [{**item, "label": _label(item, lang, source)} for item in metric.inputs]
    result = {
        "name": RESULT,
        "label": result_label,
        "unit": metric.result.get("unit", "number"),
        "decimals": metric.result.get("decimals"),
        "per": metric.result.get("per"),
    }
    by_name = {item["name"]: item for item in inputs}

    def show(name: str, value: float, money: str, reading: bool = False) -> str:
        item = result if name == RESULT else by_name[name]
        unit, decimals = item.get("unit", "number"), item.get("decimals")
        per = result["per"] if name == RESULT else None
        return format_value(value, unit, lang, money, decimals, ui, per, reading)

    def show_num(number: float) -> str:
        return format_value(number, "number", lang, currency, 6)

    formula_text = f"{result_label} = " + render_expression(
        metric.ast, lambda n: by_name[n]["label"], show_num
    )
    examples = []
    for example, shown in zip(metric.examples, local, strict=True):
        try:
            value = evaluate(metric.ast, shown.inputs)
        except FormulaError:
            continue
        description = (example.get("description") or {}).get(lang, "")

        def show_given(name: str, given: LocalExample = shown) -> str:
            return show(name, given.inputs[name], given.currency)

        examples.append(
            {
                "description": description,
                "rows": [
                    (by_name[n]["label"], show(n, v, shown.currency, reading=True))
                    for n, v in shown.inputs.items()
                    if n in by_name
                ],
                "substituted": render_expression(metric.ast, show_given, show_num)
                + " = "
                + show(RESULT, value, shown.currency),
                "result": show(RESULT, value, shown.currency),
            }
        )
    first = local[0].inputs if local else {}
    fields = [
        {
            "name": item["name"],
            "label": item["label"],
            "unit": item.get("unit"),
            "value": _display_input(item, first[item["name"]]) if item["name"] in first else "",
            "suffix": "%" if item.get("unit") == "percent" else "",
        }
        for item in inputs
    ]
    data = {
        "lang": lang,
        "locale": language(lang).intl,
        "currency": currency,
        "ast": metric.ast,
        "inverses": metric.inverses,
        "inputs": [
            {
                **{
                    k: item.get(k) for k in ("name", "label", "unit", "min", "max", "exclusive_min")
                },
                "decimals": resolved_decimals(item.get("unit", "number"), item.get("decimals")),
            }
            for item in inputs
        ],
        "result": {**result, "decimals": resolved_decimals(result["unit"], result["decimals"])},
        "text": {key: ui[key] for key in UI_KEYS},
        # what typed amounts may say (5000만, 2.5亿) and how this reader reads amounts
        "units": {k: amount_units()[k] for k in ("units", "currency_words")},
        "readings": amount_units()["readings"].get(lang),
    }
    solvable = [RESULT, *metric.inverses]
    return {
        "formula_text": formula_text,
        "variant": (metric.raw.get("variant") or {}).get(lang, ""),
        "alternatives": [
            {
                "expression": _alternative_text(alt, by_name, lang, source, show_num),
                "label": (alt.get("label") or {}).get(lang, ""),
            }
            for alt in metric.raw.get("alternatives") or []
            if isinstance(alt, dict)
        ],
        "examples": examples,
        "fields": fields,
        "result_field": {"name": RESULT, "label": result_label},
        "solve_options": [
            (name, result_label if name == RESULT else by_name[name]["label"]) for name in solvable
        ],
        # the currency picker: only where there is money to count
        "currencies": [currency, *(c for c in CURRENCIES if c != currency)]
        if money_names(metric)
        else [],
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
    }
