"""``glossary export``: terms/ in an exchange format (``glossary.exchange``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.config import Config, load_config
from glossary.decks import ALL, path_scope
from glossary.exchange.cards import (
    build_deck,
    category_concepts,
    deck_name,
    modified_times,
    path_concepts,
)
from glossary.exchange.formats import (
    DECK_FORMATS,
    EXPORT_FORMATS,
    TBX_VERSIONS,
    format_deck,
    format_export,
)
from glossary.index import suggest
from glossary.messages import hint, render_message, render_sentence
from glossary.pipeline import CheckResult, load_glossary

EXAMPLE = """
    glossary export --format csv --output glossary.csv
    glossary export --format tbx --output glossary.tbx
    glossary export --format tbx --tbx-version 2008 --output for-weblate.tbx
    glossary export --format json | jq '.concepts | length'
    glossary export --format apkg --lang ko --category metrics --output metrics-ko.apkg
    glossary export --format anki --lang zh-Hant --output glossary-zh-hant.txt
    glossary export --format quizlet --category leads --output leads.tsv
    glossary export --format apkg --lang zh-Hans --path week-1 --output week-1.apkg"""
DETAILS = """
    json: the whole model, each concept in the term file's shape (also published by the
    site as api/terms.json). csv: one row per concept and language, UTF-8 with a BOM and
    CRLF line ends so that Excel shows Korean and Chinese correctly; cells with several
    values hold one item per line (see 'glossary import --help'); a cell starting with
    = + - @ gets a leading apostrophe, so a spreadsheet never runs it as a formula
    (import removes it). tbx: TBX-Basic
    (ISO 30042:2019, DCA style) for translation tools; what TBX-Basic has no element for
    travels in <note> elements that 'glossary import' reads back. --tbx-version 2008
    writes the same as TBX-Basic 2008 (<martif type="TBX-Basic">), the form most
    translation tools import (deprecated wordings are deprecatedTerm-admn-sts there).

    anki, apkg, quizlet: flashcards of one language (--lang, default en) for every
    concept, those of one --category, or the steps of one learning --path in order.
    anki: Anki's text import (File › Import), its headers presetting the note type,
    deck, tags and GUID columns; apkg: an Anki package (made with genanki). Each
    concept gives a term → definition card, a definition → term card and, outside
    English, cards between its term and the English one; each card keeps its GUID
    from export to export, so importing a newer deck updates the cards instead of
    adding them again. quizlet: one "term<TAB>definition" line per concept for
    Quizlet's import.

    The term files must pass 'glossary check'; otherwise nothing is exported (exit 1)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="where to write (default: stdout)"
    )
    parser.add_argument(
        "--tbx-version",
        choices=TBX_VERSIONS,
        default="3",
        help="TBX-Basic as TBX v3 (ISO 30042:2019, default) or 2008 (<martif>, ISO 30042:2008)",
    )
    parser.add_argument(
        "--lang", metavar="TAG", help="anki, apkg, quizlet: the cards' language (default: en)"
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument(
        "--category", metavar="ID", help="anki, apkg, quizlet: only this category's concepts"
    )
    scope.add_argument(
        "--path",
        metavar="ID",
        help="anki, apkg, quizlet: only this learning path's concepts (terms/paths/ID.yaml)",
    )


DECK_OPTIONS = ("lang", "category", "path")


def run(args: argparse.Namespace) -> int:
    if args.format not in DECK_FORMATS:
        given = [f"--{name}" for name in DECK_OPTIONS if getattr(args, name) is not None]
        if given:
            print(
                render_message("export-deck-option", {"option": given[0], "format": args.format}),
                file=sys.stderr,
            )
            return 2
    elif args.format == "apkg" and args.output is None and sys.stdout.isatty():
        print(render_message("export-binary-to-terminal", {}), file=sys.stderr)
        return 2
    terms = Path("terms")
    if not terms.is_dir():
        print(render_message("path-not-found", {"path": terms}), file=sys.stderr)
        return 2
    config = load_config()
    glossary = load_glossary([terms], config=config, want_concepts=True)
    if glossary.report.exit_code() != 0:
        print(glossary.report.format_text(), file=sys.stderr)
        print(render_message("export-failed", {}), file=sys.stderr)
        return 1
    if args.format in DECK_FORMATS:
        return _export_deck(args, glossary, config)
    data = format_export(args.format, list(glossary.concepts.values()), config, args.tbx_version)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    args.output.write_bytes(data)
    print(
        render_message("export-written", {"concepts": len(glossary.concepts), "path": args.output}),
        file=sys.stderr,
    )
    return 0


def _unknown(code: str, name: str, value: str, choices: list[str]) -> int:
    """Say that ``value`` is none of ``choices``, with the nearest one or the list."""
    suggestion = suggest(value, choices)
    tip = (
        hint("did-you-mean", suggestion=suggestion)
        if suggestion
        else hint("choose-from", choices=", ".join(choices))
        if choices
        else ""
    )
    print(render_sentence(code, {name: value, "hint": tip}), file=sys.stderr)
    return 2


def _export_deck(args: argparse.Namespace, glossary: CheckResult, config: Config) -> int:
    lang = _deck_language(args.lang, config)
    if lang is None:
        languages = ", ".join(config.language_tags)
        print(
            render_sentence("export-unknown-language", {"lang": args.lang, "languages": languages}),
            file=sys.stderr,
        )
        return 2
    if args.category is not None and args.category not in config.categories:
        return _unknown(
            "export-unknown-category", "category", args.category, list(config.categories)
        )
    if args.path is not None and args.path not in glossary.paths:
        return _unknown("export-unknown-path", "path", args.path, list(glossary.paths))
    if args.path is not None:
        path = glossary.paths[args.path]
        scope = path_scope(path.id)
        text = path.text(lang, config.source_language)
        name = deck_name(config, lang, scope, text.title if text else path.id)
        concepts = path_concepts(glossary.concepts, path.concepts)
    else:
        scope = args.category or ALL
        name = deck_name(config, lang, scope)
        concepts = category_concepts(glossary.concepts, args.category)
    deck = build_deck(concepts, config, lang, scope, name, modified_times(concepts))
    if not deck.cards:
        print(render_message("export-empty-deck", {"scope": scope, "lang": lang}), file=sys.stderr)
        return 1
    data = format_deck(args.format, deck)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    args.output.write_bytes(data)
    written = {"cards": len(deck.cards), "concepts": len({card.concept for card in deck.cards})}
    if args.format == "quizlet":
        written["cards"] = written["concepts"]
    print(render_message("export-deck-written", {**written, "path": args.output}), file=sys.stderr)
    return 0


def _deck_language(requested: str | None, config: Config) -> str | None:
    """The language tag asked for, written as its tag or its URL slug in any case."""
    if requested is None:
        return config.source_language
    for lang in config.language_tags:
        if requested.casefold() in (lang.casefold(), config.language(lang).slug.casefold()):
            return lang
    return None
