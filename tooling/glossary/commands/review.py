"""``glossary review``: record reviewed translations (``glossary.review``) in term files,
each file swapped in whole or left untouched."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.config import Config, load_config
from glossary.editing import swap_content
from glossary.load import load_document
from glossary.messages import render_message
from glossary.review import ReviewError, review_languages
from glossary.translation import FIELDS

TERMS = Path("terms")
EXAMPLE = """
    glossary review churn-rate --lang ko
    glossary review churn-rate --lang zh-Hans --field definition
    glossary review terms/churn-rate.yaml --lang ko --lang zh-Hant"""


def details() -> str:
    source = load_config().source_language
    return f"""
        Run it after you compared the translation with the {source} text
        and updated it: it records the {source} version under
        'translated_from' and clears the stale-translation warning. Only that block of
        the file changes; comments and formatting stay as they are."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    config = load_config()
    translations = [tag for tag in config.language_tags if tag != config.source_language]
    parser.add_argument("concepts", nargs="+", metavar="ID", help="concept ids or term files")
    parser.add_argument(
        "--lang",
        action="append",
        required=True,
        choices=translations,
        help="the reviewed language (repeat for several)",
    )
    parser.add_argument(
        "--field",
        action="append",
        choices=FIELDS,
        help="review only this field (repeatable; default: all)",
    )


def _term_path(name: str) -> Path:
    return Path(name) if name.endswith(".yaml") else TERMS / f"{name}.yaml"


def _review_one(path: Path, langs: list[str], fields: tuple[str, ...], config: Config) -> int:
    """Record the review of ``langs`` in one file; prints what happened, returns the exit code."""
    params = {"path": path, "source": config.source_language}
    doc = load_document(path)
    if doc.data is None or doc.diagnostics:
        print(render_message("review-unreadable", params), file=sys.stderr)
        return 1
    try:
        text, done = review_languages(doc, langs, fields, config)
    except ReviewError as error:
        print(render_message(error.code, {**params, **error.params}), file=sys.stderr)
        return 1
    if text != doc.source:
        bom = b"\xef\xbb\xbf" if path.read_bytes().startswith(b"\xef\xbb\xbf") else b""
        swap_content(path, bom + text.encode("utf-8"))
    for code, extra in done:
        print(render_message(code, {**params, **extra}))
    return 0


def run(args: argparse.Namespace) -> int:
    config = load_config()
    fields = tuple(name for name in FIELDS if name in (args.field or FIELDS))
    langs = list(dict.fromkeys(args.lang))
    worst = 0
    for name in args.concepts:
        path = _term_path(name)
        if not path.is_file():
            print(render_message("path-not-found", {"path": path}), file=sys.stderr)
            worst = max(worst, 2)
            continue
        worst = max(worst, _review_one(path, langs, fields, config))
    return worst
