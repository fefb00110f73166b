"""What a term page shows of a metric: the formula in words, the worked examples
formatted at build time in the page's locale, and the data the calculator script needs."""

from __future__ import annotations

import json
from collections.abc import Callable

from glossary.config import language
from glossary.formula.display import (
    CURRENCIES,
    default_currency,
    format_value,
    render_expression,
    resolved_decimals,
)
from glossary.formula.evaluate import evaluate
from glossary.formula.grammar import FormulaError, parse, to_json
from glossary.formula.metric import RESULT, Metric

UI_KEYS = (
    "unit_days",
    "unit_months",
    "unit_years",
    "unit_ratio",
    "error_missing",
    "error_invalid",
    "error_below",
    "error_above",
    "error_not_above",
    "error_division",
)


def _label(item: dict, lang: str, source: str) -> str:
    labels = item.get("label") or {}
    return labels.get(lang) or labels.get(source) or item.get("name", "")


def _display_input(item: dict, value: float) -> str:
    shown = value * 100 if item.get("unit") == "percent" else value
    return format(shown, ".15g")


def _alternative_text(expression: str, by_name: dict, show_num: Callable[[float], str]) -> str:
    """An alternative formula in words, like the main one (names it lacks stay as written)."""
    try:
        ast = to_json(parse(expression))
    except FormulaError:
        return expression
    return render_expression(ast, lambda n: by_name[n]["label"] if n in by_name else n, show_num)


def present_metric(metric: Metric, lang: str, result_label: str, ui: dict, source: str) -> dict:
    currency = default_currency(lang)
    inputs = [{**item, "label": _label(item, lang, source)} for item in metric.inputs]
    result = {
        "name": RESULT,
        "label": result_label,
        "unit": metric.result.get("unit", "number"),
        "decimals": metric.result.get("decimals"),
    }
    by_name = {item["name"]: item for item in inputs}

    def show(name: str, value: float) -> str:
        item = result if name == RESULT else by_name[name]
        unit, decimals = item.get("unit", "number"), item.get("decimals")
        return format_value(value, unit, lang, currency, decimals, ui)

    def show_num(number: float) -> str:
        return format_value(number, "number", lang, currency, 6)

    formula_text = f"{result_label} = " + render_expression(
        metric.ast, lambda n: by_name[n]["label"], show_num
    )
    examples = []
    for example in metric.examples:
        values = example.get("inputs", {})
        try:
            value = evaluate(metric.ast, values)
        except Exception:
            continue
        description = (example.get("description") or {}).get(lang, "")

        def show_given(name: str, given: dict = values) -> str:
            return show(name, given[name])

        examples.append(
            {
                "description": description,
                "rows": [
                    (by_name[n]["label"], show(n, v)) for n, v in values.items() if n in by_name
                ],
                "substituted": render_expression(metric.ast, show_given, show_num)
                + " = "
                + show(RESULT, value),
                "result": show(RESULT, value),
            }
        )
    first = metric.examples[0].get("inputs", {}) if metric.examples else {}
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
    }
    solvable = [RESULT, *metric.inverses]
    return {
        "formula_text": formula_text,
        "variant": (metric.raw.get("variant") or {}).get(lang, ""),
        "alternatives": [
            {
                "expression": _alternative_text(alt.get("expression", ""), by_name, show_num),
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
        "currencies": [currency, *(c for c in CURRENCIES if c != currency)],
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
    }
