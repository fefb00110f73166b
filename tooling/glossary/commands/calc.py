"""``glossary calc``: a metric's calculator on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from glossary.formula.calculate import calculate, describe
from glossary.formula.metric import RESULT, build_metric
from glossary.i18n import resolve_language, use_language
from glossary.messages import render_message
from glossary.pipeline import load_glossary

EXAMPLE = """
    glossary calc annual-contract-value tcv=100000 one_time_fees=0 contract_years=4
    glossary calc churn-rate --solve customers_lost result=8 customers_start=100 --lang ko
    glossary calc commission sales_amount=100000 commission_rate=15 --format json"""
DETAILS = """
    Give every input as NAME=VALUE (and the result as result=VALUE when solving for an
    input). Percentages are typed as percentages (15 for 15%); grouping commas and
    fullwidth digits are accepted. Messages and number formats follow --lang."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("concept", help="the metric's id, e.g. annual-contract-value")
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


def run(args: argparse.Namespace) -> int:
    lang = resolve_language(args.lang)
    use_language(lang)
    path = Path("terms") / f"{args.concept}.yaml"
    glossary = (
        load_glossary([path], want_concepts=True, use_cache=False) if path.is_file() else None
    )
    concept = glossary.concepts.get(args.concept) if glossary else None
    if concept is None or not concept.formula:
        print(render_message("calc-unknown-metric", {"concept": args.concept}), file=sys.stderr)
        return 2
    metric = build_metric(concept.id, dict(concept.formula))
    names = [i["name"] for i in metric.inputs] + [RESULT]
    typed = {}
    for item in args.values:
        name, sep, value = item.partition("=")
        if not sep or name not in names:
            print(
                render_message("calc-bad-value", {"value": item, "names": ", ".join(names)}),
                file=sys.stderr,
            )
            return 2
        typed[name] = value
    if args.solve != RESULT and args.solve not in metric.inverses:
        print(
            render_message(
                "calc-cannot-solve",
                {"name": args.solve, "names": ", ".join([RESULT, *metric.inverses])},
            ),
            file=sys.stderr,
        )
        return 2
    entry = concept.entry(lang) or concept.entry("en")
    label = entry.preferred.term + (
        f" ({entry.abbreviations[0].term})" if entry.abbreviations else ""
    )
    outcome = calculate(metric, lang, typed, args.solve, label, args.currency)
    if outcome.error:
        print(
            json.dumps({"error": outcome.error}, ensure_ascii=False)
            if args.format == "json"
            else outcome.error,
            file=sys.stdout if args.format == "json" else sys.stderr,
        )
        return 1
    result = describe(metric, outcome, lang, args.solve, label, args.currency)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"{result['label']} = {result['formatted']}\n{result['formula']}")
    return 0
