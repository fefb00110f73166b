"""``glossary calc``: a metric's calculator on the command line (``formula.calculate``)."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from glossary.formula.calculate import (
    calculate_metric,
    example_invocation_values,
    inputs_json,
)
from glossary.formula.display import default_currency, render_expression
from glossary.formula.metric import RESULT, Metric, build_metric
from glossary.i18n import resolve_language, use_language
from glossary.index import term_key
from glossary.messages import FULL_WIDTH_STOPS, MESSAGES, render_message
from glossary.model import Concept
from glossary.pipeline import load_glossary
from glossary.render import format_title
from glossary.ui import ui_strings

EXAMPLE = """
    glossary calc customer-acquisition-cost          # list its inputs, with an example
    glossary calc annual-contract-value tcv=100000 one_time_fees=0 contract_years=4
    glossary calc churn-rate --solve customers_lost result=8% customers_start=100 --lang ko
    glossary calc CAC sales_marketing_spend="2억 5,000만" new_customers=50 --lang ko
    glossary calc commission sales_amount=100000 commission_rate=15 --format json"""
DETAILS = """
    The metric is its id, or any of its names or abbreviations in any language (CAC,
    이탈률, 流失率); with no values, the command lists the metric's inputs. Give every
    input as NAME=VALUE (and the result as result=VALUE when solving for an input).

    Percentages are typed as percentages, with or without the sign: 8, 8% and 8％ all
    mean 8 percent, as on the site's calculators (in term files they are fractions,
    0.08). A percentage below 1 without the sign (0.08) is read as written, 0.08
    percent, with a warning: type 8% if you meant 8 percent. Amounts may have grouping
    commas, fullwidth digits and Korean or Chinese units, read exactly: 5000만,
    2억 5,000만, 5万, 2.5亿, 30萬, 1.2億. Messages and number formats follow --lang."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "concept", help="the metric: its id (annual-contract-value) or a name or abbreviation (ACV)"
    )
    parser.add_argument("values", nargs="*", metavar="NAME=VALUE", help="input values")
    parser.add_argument(
        "--solve",
        default="result",
        metavar="NAME",
        help="what to calculate: result (default) or the name of an input",
    )
    parser.add_argument(
        "--lang", default=None, help="en, ko, zh-Hans or zh-Hant (default: from the environment)"
    )
    parser.add_argument(
        "--currency", default=None, help="currency to format money in (default: the language's)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")


def take_extra(args: argparse.Namespace, extra: list[str]) -> list[str]:
    """NAME=VALUE pairs may follow options, where argparse no longer takes positionals."""
    if all("=" in item and not item.startswith("-") for item in extra):
        args.values = [*args.values, *extra]
        return []
    return extra


def _one_file(concept_id: str) -> Concept | None:
    """The concept in terms/<id>.yaml, if there is such a file."""
    path = Path("terms") / f"{concept_id}.yaml"
    if not path.is_file():
        return None
    return load_glossary([path], want_concepts=True, use_cache=False).concepts.get(concept_id)


def _label(concept: Concept, lang: str) -> str:
    """The metric's name for the reader, with its abbreviation: "annual contract value (ACV)"."""
    entry = concept.entry(lang) or concept.entry("en")
    if entry is None or entry.preferred is None:
        return concept.id
    abbreviation = entry.abbreviations[0].term if entry.abbreviations else ""
    return format_title(entry.preferred.term, abbreviation, entry.lang)


def _key(text: str) -> str:
    """A typed name or a designation as one comparable key (``CAC``, ``cac``,
    ``churn-rate`` and ``churn rate`` meet)."""
    return term_key(text.replace("-", " ").replace("_", " "))


def _names(concept: Concept) -> list[str]:
    """Every name a reader may call the concept by: its id, old ids and every
    designation in every language (deprecated ones too: they are what people type)."""
    designations = [d.term for e in concept.entries.values() for d in e.designations]
    return [concept.id, *concept.replaces, *designations]


def resolve_concepts(asked: str, concepts: Iterable[Concept]) -> list[Concept]:
    """The concepts ``asked`` is the id or a name of, in id order."""
    key = _key(asked)
    return sorted(
        (c for c in concepts if any(_key(n) == key for n in _names(c))), key=lambda c: c.id
    )


def suggest_concepts(asked: str, concepts: Iterable[Concept], most: int = 5) -> list[Concept]:
    """Metrics ``asked`` may mean: those with a name containing it (ids starting with it
    first: ``churn`` → ``churn-rate``), else those with a similar name."""
    key, concepts = _key(asked), sorted(concepts, key=lambda c: c.id)
    if len(key) >= 2:
        containing = [c for c in concepts if any(key in _key(n) for n in _names(c))]
        containing.sort(key=lambda c: (not _key(c.id).startswith(key), key not in _key(c.id)))
        if containing:
            return containing[:most]
    owners: dict[str, Concept] = {}
    for concept in concepts:
        for name in _names(concept):
            owners.setdefault(_key(name), concept)
    close = difflib.get_close_matches(key, list(owners), n=most, cutoff=0.6)
    return list({owners[k].id: owners[k] for k in close}.values())


def _candidates(concepts: list[Concept], lang: str) -> str:
    width = max(len(c.id) for c in concepts)
    return "\n".join(f"  {c.id:<{width}}  {_label(c, lang)}" for c in concepts)


def _find(asked: str, lang: str) -> tuple[Concept | None, str | None]:
    """The metric ``asked`` names (an id, or a designation in any language), or the
    message saying why there is none: not a concept, not a metric, several, suggestions."""
    concept = _one_file(asked)
    if concept is None and Path("terms").is_dir():
        concepts = load_glossary([Path("terms")], want_concepts=True).concepts
        found = resolve_concepts(asked, concepts.values())
        metrics = [c for c in found if c.formula]
        if len(metrics) > 1:
            return None, render_message("calc-ambiguous", {"concept": asked}) + "\n" + _candidates(
                metrics, lang
            )
        concept = metrics[0] if metrics else found[0] if found else None
        if concept is None:
            close = suggest_concepts(asked, [c for c in concepts.values() if c.formula])
            if close:
                said = render_message("calc-did-you-mean", {"concept": asked})
                return None, said + "\n" + _candidates(close, lang)
    if concept is None:
        return None, render_message("calc-unknown-metric", {"concept": asked})
    if not concept.formula:
        return None, render_message("calc-not-metric", {"concept": asked, "id": concept.id})
    return concept, None


def _unit(item: dict, currency: str) -> str:
    unit = item.get("unit", "number")
    code = f"calc-unit-{unit}" if f"calc-unit-{unit}" in MESSAGES else "calc-unit-number"
    return render_message(code, {"currency": currency})


def _invocation(concept_id: str, values: dict[str, str], solve: str = RESULT) -> str:
    options = [] if solve == RESULT else ["--solve", solve]
    pairs = [f"{name}={value}" for name, value in values.items() if name != solve]
    return "  " + " ".join(["glossary calc", concept_id, *options, *pairs])


def describe_inputs(metric: Metric, lang: str, title: str, currency: str | None) -> str:
    """What ``glossary calc METRIC`` prints: the formula in words, every input with its
    name, label and unit, and example invocations from the first worked example."""
    money = currency or default_currency(lang)
    labels = {i["name"]: (i.get("label") or {}).get(lang) or i["name"] for i in metric.inputs}
    formula = render_expression(metric.ast, labels.__getitem__, lambda n: format(n, "g"))
    width = max(len(name) for name in labels)
    lines = [f"{title} = {formula}", "", render_message("calc-inputs", {})]
    for item in metric.inputs:
        name = item["name"]
        described = render_message(
            "calc-input-unit", {"label": labels[name], "unit": _unit(item, money)}
        )
        lines.append(f"  {name:<{width}}  {described}")
    result_unit = _unit(metric.result, money)
    lines.append(render_message("calc-result-input", {"unit": result_unit}))
    example = example_invocation_values(metric, lang)
    if example:
        lines += ["", render_message("calc-example", {}), _invocation(metric.concept, example)]
        solvable = [name for name in labels if name in metric.inverses]
        if solvable and RESULT in example:
            lines += [
                render_message("calc-solve-example", {}),
                _invocation(metric.concept, example, solvable[-1]),
            ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    lang = resolve_language(args.lang)
    use_language(lang)
    concept, problem = _find(args.concept, lang)
    if concept is None or not concept.formula:
        print(problem, file=sys.stderr)
        return 2
    metric = build_metric(concept.id, dict(concept.formula))
    words = ui_strings()[lang]
    if not args.values and (args.solve == RESULT or args.solve in metric.inverses):
        if args.format == "json":
            print(json.dumps(inputs_json(metric, lang), ensure_ascii=False, indent=2))
        else:
            print(describe_inputs(metric, lang, _label(concept, lang), args.currency))
        return 0
    calculation = calculate_metric(
        metric, args.values, args.solve, lang, _label(concept, lang), words, args.currency
    )
    if calculation.usage:
        code, params = calculation.usage
        print(render_message(code, params), file=sys.stderr)
        return 2
    if args.format == "text":
        for warning in calculation.warnings:
            print(warning, file=sys.stderr)
    if calculation.error:
        if args.format == "json":
            shown = {"error": calculation.error, "warnings": list(calculation.warnings)}
            print(json.dumps(shown, ensure_ascii=False))
        else:
            name = calculation.field  # named when it was left out: the reader may not know it
            given = {pair.partition("=")[0] for pair in args.values}
            missing = name and name not in given
            hint = render_message("calc-give-input", {"name": name}) if missing else ""
            spaced = hint and not calculation.error.endswith(FULL_WIDTH_STOPS)
            print(calculation.error + (" " if spaced else "") + hint, file=sys.stderr)
        return 1
    answer = calculation.answer or {}
    if args.format == "json":
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    else:
        print(f"{answer['label']} = {answer['formatted']}\n{answer['formula']}")
    return 0
