"""``glossary status``: how complete each language is (``glossary.status``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.config import load_config
from glossary.discover import discover
from glossary.i18n import resolve_language, use_language
from glossary.messages import counted, render_message
from glossary.pipeline import load_glossary
from glossary.status import collect_status, format_status_json, format_status_text

TERMS = Path("terms")
EXAMPLE = """
    glossary status
    glossary status --lang ko
    glossary status --format json > status.json"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    config = load_config()
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="term files or folders (default: terms/)",
    )
    parser.add_argument("--lang", choices=config.language_tags, help="show one language only")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools",
    )


def run(args: argparse.Namespace) -> int:
    use_language(resolve_language(args.lang))  # --lang also chooses the messages' language
    config = load_config()
    paths = args.paths or [TERMS]
    glossary = load_glossary(paths, config=config, want_concepts=True)
    if glossary.missing:
        for path in glossary.missing:
            print(render_message("path-not-found", {"path": path}), file=sys.stderr)
        return 2
    if glossary.report.files == 0:
        print(render_message("no-files", {"paths": ", ".join(map(str, paths))}), file=sys.stderr)
        return 2
    targets = set(discover(paths)[0])
    concepts = {key: c for key, c in glossary.concepts.items() if c.path in targets}
    unreadable = len(targets) - len({c.path for c in concepts.values()})
    if unreadable:
        print(
            render_message("status-unreadable", {"files": counted("file", unreadable)}),
            file=sys.stderr,
        )
    status = collect_status(concepts, config, [args.lang] if args.lang else None)
    source = config.source_language
    print(
        format_status_json(status, source)
        if args.format == "json"
        else format_status_text(status, ", ".join(map(str, paths)), source)
    )
    return 0
