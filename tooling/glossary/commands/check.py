"""``glossary check``: the pipeline's report on term files, for people or for tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.i18n import resolve_language, use_language
from glossary.messages import render_message
from glossary.pipeline import load_glossary

EXAMPLE = """
    glossary check                      # every file in terms/
    glossary check terms/churn-rate.yaml --strict
    glossary check --format json > report.json"""
DETAILS = """
    Exit status: 0 when clean, 1 when there are errors (or warnings with --strict),
    2 when the command itself is used wrongly (for example a path that does not exist)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="term files or folders (default: terms/)",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="show every schema failure, not only the most relevant one",
    )
    parser.add_argument(
        "--lang",
        metavar="TAG",
        help="language of the messages: en, ko, zh-Hans or zh-Hant "
        "(default: from LC_ALL, LC_MESSAGES or LANG)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="re-read every file instead of reusing results for unchanged ones",
    )


def run(args: argparse.Namespace) -> int:
    use_language(resolve_language(args.lang))
    paths = args.paths or [Path("terms")]
    glossary = load_glossary(paths, verbose=args.verbose, use_cache=not args.no_cache)
    if glossary.missing:
        for path in glossary.missing:
            print(render_message("path-not-found", {"path": path}), file=sys.stderr)
        return 2
    report = glossary.report
    if report.files == 0:
        print(render_message("no-files", {"paths": ", ".join(map(str, paths))}), file=sys.stderr)
        return 2
    print(report.format_json() if args.format == "json" else report.format_text())
    return report.exit_code(strict=args.strict)
