"""Exchange formats: ``glossary export`` and ``glossary import``.

Every format carries the whole model, so ``export`` then ``import`` reports no change:

* JSON — ``{"languages": [...], "concepts": [...]}``, each concept in the term file's own
  shape (it validates against ``term.schema.json``), designations with their ``type``
  spelled out. The site publishes it as ``api/terms.json``.
* CSV — see ``glossary.sheet``; TBX-Basic — see ``glossary.tbx``.

Readers turn a file into term-file-shaped mappings plus diagnostics; the model is then
built by the same ``build_concept`` as ``glossary check`` uses, and ``glossary.merge``
compares and writes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from glossary.config import Config, load_config
from glossary.diagnostics import Diagnostic, diagnostic
from glossary.load import Document
from glossary.messages import N_, lazy, render_message
from glossary.model import Concept, Designation, Entry, build_concept

FORMATS = ("json", "csv", "tbx")
SUFFIXES = {".json": "json", ".csv": "csv", ".tbx": "tbx", ".xml": "tbx"}


def designation_data(designation: Designation) -> dict:
    data = {"term": designation.term, "status": designation.status, "type": designation.type}
    data.update(
        (key, value)
        for key, value in (("reason", designation.reason), ("note", designation.note))
        if value
    )
    if designation.link != "auto":
        data["link"] = designation.link
    return data


def entry_data(entry: Entry) -> dict:
    data: dict = {"terms": [designation_data(d) for d in entry.designations]}
    for key, value in (
        ("definition", entry.definition),
        ("example", entry.example),
        ("notes", list(entry.notes)),
        ("translated_from", dict(entry.translated_from)),
    ):
        if value:
            data[key] = value
    return data


def concept_data(concept: Concept, languages: Iterable[str]) -> dict:
    """The concept in the term file's shape, empty fields left out."""
    data: dict = {"id": concept.id}
    if concept.category:
        data["category"] = concept.category
    if concept.tags:
        data["tags"] = list(concept.tags)
    for lang in languages:
        if concept.entry(lang):
            data[lang] = entry_data(concept.entries[lang])
    if concept.relations:
        data["relations"] = [{"type": r.kind, "target": r.target} for r in concept.relations]
    if concept.sources:
        data["sources"] = [{k: v for k, v in asdict(s).items() if v} for s in concept.sources]
    if concept.formula:
        data["formula"] = concept.formula
    return data


def build_concepts(items: list[dict], path: Path, config: Config) -> list[Concept]:
    """Model the mappings a reader produced, exactly as ``glossary check`` models a file."""
    return [build_concept(Document(path, item, {}, {}), config) for item in items]


def export_document(concepts: Iterable[Concept], config: Config) -> dict:
    """The whole glossary as one JSON-ready document, sorted by id (stable diffs and caching)."""
    languages = config.language_tags
    return {
        "languages": list(languages),
        "concepts": [concept_data(c, languages) for c in sorted(concepts, key=lambda c: c.id)],
    }


def format_json(concepts: Iterable[Concept], config: Config) -> bytes:
    """The JSON export: indented, for people and diffs."""
    return (
        json.dumps(export_document(concepts, config), ensure_ascii=False, indent=2) + "\n"
    ).encode("utf-8")


def format_api(concepts: Iterable[Concept], config: Config) -> str:
    """``api/terms.json`` of the published site: the same document as the JSON export,
    written compactly for other tools to fetch."""
    return (
        json.dumps(export_document(concepts, config), ensure_ascii=False, separators=(",", ":"))
        + "\n"
    )


def read_json(path: Path, raw: bytes, config: Config) -> tuple[list[dict], list[Diagnostic]]:
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = (getattr(error, "lineno", 1), getattr(error, "colno", 1))
        return [], [
            diagnostic(
                str(path),
                where,
                "error",
                "import-bad-file",
                format="JSON",
                problem=getattr(error, "msg", None) or str(error),
            )
        ]
    concepts = document.get("concepts") if isinstance(document, dict) else None
    if not isinstance(concepts, list):
        return [], [
            diagnostic(
                str(path),
                (1, 1),
                "error",
                "import-bad-file",
                format="JSON",
                problem="it has no list of 'concepts'",
            )
        ]
    items = [item for item in concepts if isinstance(item, dict)]
    problems = [
        diagnostic(
            str(path), (1, 1), "error", "import-no-id", f"concepts[{i}]", what=lazy(N_("concept"))
        )
        for i, item in enumerate(items)
        if not isinstance(item.get("id"), str)
    ]
    return [item for item in items if isinstance(item.get("id"), str)], problems


def format_export(fmt: str, concepts: list[Concept], config: Config) -> bytes:
    from glossary import sheet, tbx  # here, not above: they build on concept_data

    writers = {"json": format_json, "csv": sheet.format_csv, "tbx": tbx.format_tbx}
    return writers[fmt](concepts, config)


def read_import(
    fmt: str, path: Path, raw: bytes, config: Config
) -> tuple[list[dict], list[Diagnostic]]:
    """Term-file-shaped mappings and the file's problems, whatever the format."""
    from glossary import sheet, tbx

    readers = {"json": read_json, "csv": sheet.read_csv, "tbx": tbx.read_tbx}
    return readers[fmt](path, raw, config)


EXPORT_DETAILS = """
    json: the whole model, each concept in the term file's shape (also published by the
    site as api/terms.json). csv: one row per concept and language, UTF-8 with a BOM and
    CRLF line ends so that Excel shows Korean and Chinese correctly; cells with several
    values hold one item per line (see 'glossary import --help'). tbx: TBX-Basic
    (ISO 30042:2019, DCA style) for translation tools; what TBX-Basic has no element for
    travels in <note> elements that 'glossary import' reads back.

    The term files must pass 'glossary check'; otherwise nothing is exported (exit 1)."""

IMPORT_DETAILS = """
    Compares the file with terms/ and prints every difference:
      new       a concept terms/ does not have; --write creates terms/<id>.yaml
                (never over an existing file)
      added     a field that is empty in terms/ and filled in the file
      conflict  a field whose value in terms/ differs from the file's (old → new)
    Without --write nothing is written. With --write, new concepts and added fields are
    written and conflicting fields take the file's value; the report says so. A field
    that is empty or missing in the file keeps its value: import never deletes. The order
    of designations is not compared. Files are changed in place, keeping their comments,
    quoting and layout, and nothing is written if any resulting file would fail the
    checks, or if the file has errors (exit 1).

    CSV cells with several values hold one item per line: tags; relations as type:target;
    notes (a note's own line breaks continue on lines indented by two spaces); terms as
    one designation per line in the preferred, abbreviations, admitted and deprecated
    columns, each followed by indented '  key: value' lines where needed (type, status,
    reason, note); sources as 'key: value' lines, each source starting unindented;
    translated_from as 'field: hash' lines; formula as JSON. Concept-wide columns
    (category, tags, relations, sources, formula) are filled on each concept's first row."""


def register(sub, command) -> None:
    """Add this module's subcommands; ``command(sub, name, summary, example, details)``
    makes a subparser with help and an example (see cli._command)."""
    export = command(
        sub,
        "export",
        "Export terms/ as JSON, CSV or TBX-Basic.",
        """
        glossary export --format csv --output glossary.csv
        glossary export --format tbx --output glossary.tbx
        glossary export --format json | jq '.concepts | length'""",
        EXPORT_DETAILS,
    )
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument(
        "--output", type=Path, metavar="FILE", help="where to write (default: stdout)"
    )
    export.set_defaults(run=run_export)

    imp = command(
        sub,
        "import",
        "Compare a CSV, TBX or JSON file with terms/; apply it with --write.",
        """
        glossary import glossary.csv             # report what would change
        glossary import --format tbx from-translators.xml --write""",
        IMPORT_DETAILS,
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument(
        "--format", choices=FORMATS, help="default: from the file name (.csv, .tbx, .xml, .json)"
    )
    imp.add_argument("--write", action="store_true", help="apply the changes to terms/")
    imp.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    from glossary.pipeline import load_glossary

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
    data = format_export(args.format, list(glossary.concepts.values()), config)
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


def run_import(args: argparse.Namespace) -> int:
    from glossary.merge import import_file

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
