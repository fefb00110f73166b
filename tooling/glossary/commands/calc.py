"""``glossary calc``: a metric's calculator on the command line (``formula.calculate``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from glossary.formula.calculate import calculate_metric
from glossary.formula.metric import build_metric
from glossary.i18n import resolve_language, use_language
from glossary.messages import render_message
from glossary.model import Concept
from glossary.pipeline import load_glossary
from glossary.render import format_title
from glossary.ui import ui_strings

EXAMPLE = """
    glossary calc annual-contract-value tcv=100000 one_time_fees=0 contract_years=4
    glossary calc churn-rate --solve customers_lost result=8 customers_start=100 --lang ko
    glossary calc commission sales_amount=100000 commission_rate=15 --format json
    glossary calc weighted-pipeline amount=100000,50000,20000 probability=20,50,90"""
DETAILS = """
    Give every input as NAME=VALUE (and the result as result=VALUE when solving for an
    input). Percentages are typed as percentages (15 for 15%); grouping commas and
    fullwidth digits are accepted. A list input (one value per row) takes its values
    separated by commas (amount=100000,50000,20000), or by semicolons when commas group
    digits (amount="100,000; 50,000"); the decimal separator is always a point. Messages
    and number formats follow --lang."""


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


def _concept(concept_id: str) -> Concept | None:
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


def run(args: argparse.Namespace) -> int:
    lang = resolve_language(args.lang)
    use_language(lang)
    concept = _concept(args.concept)
    if concept is None or not concept.formula:
        print(render_message("calc-unknown-metric", {"concept": args.concept}), file=sys.stderr)
        return 2
    calculation = calculate_metric(
        build_metric(concept.id, dict(concept.formula)),
        args.values,
        args.solve,
        lang,
        _label(concept, lang),
        ui_strings()[lang],
        args.currency,
    )
    if calculation.usage:
        code, params = calculation.usage
        print(render_message(code, params), file=sys.stderr)
        return 2
    if calculation.error:
        if args.format == "json":
            print(json.dumps({"error": calculation.error}, ensure_ascii=False))
        else:
            print(calculation.error, file=sys.stderr)
        return 1
    answer = calculation.answer or {}
    if args.format == "json":
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    else:
        print(f"{answer['label']} = {answer['formatted']}\n{answer['formula']}")
    return 0
