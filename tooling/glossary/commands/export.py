"""``glossary export``: terms/ in an exchange format (``glossary.exchange``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.config import load_config
from glossary.exchange.formats import FORMATS, TBX_VERSIONS, format_export
from glossary.messages import render_message
from glossary.pipeline import load_glossary

EXAMPLE = """
    glossary export --format csv --output glossary.csv
    glossary export --format tbx --output glossary.tbx
    glossary export --format tbx --tbx-version 2008 --output for-weblate.tbx
    glossary export --format json | jq '.concepts | length'"""
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

    The term files must pass 'glossary check'; otherwise nothing is exported (exit 1)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="where to write (default: stdout)"
    )
    parser.add_argument(
        "--tbx-version",
        choices=TBX_VERSIONS,
        default="3",
        help="TBX-Basic as TBX v3 (ISO 30042:2019, default) or 2008 (<martif>, ISO 30042:2008)",
    )


def run(args: argparse.Namespace) -> int:
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
