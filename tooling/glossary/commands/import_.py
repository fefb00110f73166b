"""``glossary import``: compare a CSV, TBX or JSON file with terms/ and, if asked, apply
it (``glossary.exchange.merge``). The trailing underscore: ``import`` is a keyword."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.config import load_config
from glossary.exchange.formats import FORMATS, SUFFIXES
from glossary.exchange.merge import import_file
from glossary.messages import render_message

EXAMPLE = """
    glossary import glossary.csv             # report what would change
    glossary import --format tbx from-translators.xml --write"""
DETAILS = """
    Compares the file with terms/ and prints every difference:
      new       a concept terms/ does not have; --write creates terms/<id>.yaml
                (never over an existing file)
      added     a field that is empty in terms/ and filled in the file
      conflict  a field whose value in terms/ differs from the file's (old → new)
    Without --write nothing is written. With --write, new concepts and added fields are
    written and conflicting fields take the file's value; the report says so. A field
    that is empty or missing in the file keeps its value: import never deletes. The
    order of designations is not compared: each designation is matched by its term, so a
    sheet that adds one synonym reports just that ("ko: added admitted 이탈율"), one left
    out of the file is kept, and a different preferred term replaces the preferred one.
    Files are changed in place, keeping their comments, quoting and layout, and nothing
    is written if any resulting file would fail the checks, or if the file has errors
    (exit 1).

    CSV cells with several values hold one item per line: tags; relations as type:target;
    notes (a note's own line breaks continue on lines indented by two spaces); terms as
    one designation per line in the preferred, abbreviations, admitted and deprecated
    columns, each followed by indented '  key: value' lines where needed (type, status,
    reason, note); sources as 'key: value' lines, each source starting unindented (a
    note given per language as one 'note.<language>: text' line each); translated_from
    as 'field: hash' lines; formula as JSON. Concept-wide columns (category, tags,
    relations, sources, formula) are filled on each concept's first row.
    Commas, semicolons or tabs separate the cells; the file is UTF-8 (with or without a
    BOM) or UTF-16. A file Excel saved as plain "CSV" in Korea, China or Taiwan (CP949,
    GB18030, Big5) is refused: save it as "CSV UTF-8" instead. A leading apostrophe that
    export puts before a cell starting with = + - @ is removed."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--format", choices=FORMATS, help="default: from the file name (.csv, .tbx, .xml, .json)"
    )
    parser.add_argument("--write", action="store_true", help="apply the changes to terms/")


def run(args: argparse.Namespace) -> int:
    fmt = args.format or SUFFIXES.get(args.file.suffix.lower())
    for path in (args.file, Path("terms")):
        if not path.exists():
            print(render_message("path-not-found", {"path": path}), file=sys.stderr)
            return 2
    if fmt is None:
        print(render_message("import-unknown-format", {"file": args.file}), file=sys.stderr)
        return 2
    output, code = import_file(args.file, fmt, Path("terms"), load_config(), args.write)
    print(output)
    return code
