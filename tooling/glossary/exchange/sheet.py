"""The CSV exchange format: one row per concept and language, for spreadsheets.

Written as UTF-8 with a byte-order mark and CRLF line ends, the form Excel needs to
show Korean and Chinese. A cell with several values holds one item per line; lines
indented by two spaces belong to the item above, so every value survives, line breaks
included:

* designations, in the preferred, abbreviations, admitted and deprecated columns: the
  term, then ``  key: value`` lines for what differs from the column's default (type,
  status) and for reason, note and link; a value's own line breaks continue after four spaces;
* sources: ``key: value`` lines, each source's first one unindented, the rest indented; a
  note given per language is one ``note.<language>: text`` line per language;
* notes: one note per item; tags: one per line; relations: ``type:target``;
  translated_from: ``field: hash``; formula: JSON.

Concept-wide columns are written on the concept's first row; on import they may be
filled on any of its rows, but rows that disagree are an error. What a spreadsheet
program may have done to the file (its encoding and separator) and the protection of
cells a spreadsheet would run as formulas are ``exchange.sheet_text``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from glossary.config import Config
from glossary.diagnostics import Diagnostic, diagnostic
from glossary.exchange.data import concept_data
from glossary.exchange.sheet_text import (
    Dialect,
    LegacyEncoding,
    decode,
    find_dialect,
    protect_cell,
    unprotect_cell,
)
from glossary.messages import N_, hint, lazy
from glossary.model import Concept

ENTRY_COLUMNS = (
    "preferred",
    "abbreviations",
    "admitted",
    "deprecated",
    "definition",
    "example",
    "notes",
    "translated_from",
)
CONCEPT_COLUMNS = ("category", "tags", "relations", "sources", "formula")
COLUMNS = ("id", "language", *ENTRY_COLUMNS, *CONCEPT_COLUMNS)
TERM_COLUMNS = {  # column → (default status, default type)
    "preferred": ("preferred", "full-form"),
    "abbreviations": ("admitted", "abbreviation"),
    "admitted": ("admitted", "full-form"),
    "deprecated": ("deprecated", "full-form"),
}
DESIGNATION_KEYS = ("type", "status", "reason", "note", "link")
SOURCE_KEYS = ("document", "title", "publisher", "date", "url", "note")


def _column_of(designation: dict) -> str:
    if designation["status"] == "preferred":
        return "preferred"
    if designation["status"] in ("deprecated", "superseded"):
        return "deprecated"
    return "abbreviations" if designation["type"] in ("abbreviation", "acronym") else "admitted"


def _continued(text: str, indent: str) -> str:
    """A value's own line breaks, indented so they stay inside the item."""
    return text.replace("\n", "\n" + indent)


def _keyed_item(head: str, pairs: Iterable[tuple[str, str]]) -> str:
    lines = [_continued(head, "    ")]
    lines += [f"  {key}: {_continued(value, '    ')}" for key, value in pairs]
    return "\n".join(lines)


def format_designation(designation: dict, column: str) -> str:
    """The term, then what the column does not imply (a type or status other than its
    default) and the reason and note."""
    status, kind = TERM_COLUMNS[column]
    implied = {"status": status, "type": kind}
    pairs = [
        (key, designation[key])
        for key in DESIGNATION_KEYS
        if key in designation and designation[key] != implied.get(key)
    ]
    return _keyed_item(designation["term"], pairs)


def _source_pairs(source: dict) -> list[tuple[str, str]]:
    """A source's fields as ``key: value`` pairs; a note in several languages is one
    ``note.<language>`` pair per language."""
    pairs = []
    for key, value in source.items():
        if isinstance(value, dict):
            pairs += [(f"{key}.{lang}", text) for lang, text in value.items()]
        else:
            pairs.append((key, value))
    return pairs


def format_source(source: dict) -> str:
    (key, value), *rest = _source_pairs(source)
    return _keyed_item(f"{key}: {value}", rest)


def _concept_cells(data: dict) -> dict[str, str]:
    return {
        "category": data.get("category", ""),
        "tags": "\n".join(data.get("tags", [])),
        "relations": "\n".join(f"{r['type']}:{r['target']}" for r in data.get("relations", [])),
        "sources": "\n".join(format_source(s) for s in data.get("sources", [])),
        "formula": json.dumps(data["formula"], ensure_ascii=False) if "formula" in data else "",
    }


def _entry_cells(entry: dict) -> dict[str, str]:
    cells: dict[str, list[str]] = {column: [] for column in TERM_COLUMNS}
    for designation in entry.get("terms", []):
        column = _column_of(designation)
        cells[column].append(format_designation(designation, column))
    return {
        **{column: "\n".join(items) for column, items in cells.items()},
        "definition": entry.get("definition", ""),
        "example": entry.get("example", ""),
        "notes": "\n".join(_continued(note, "  ") for note in entry.get("notes", [])),
        "translated_from": "\n".join(
            f"{k}: {v}" for k, v in entry.get("translated_from", {}).items()
        ),
    }


def iter_rows(concepts: Iterable[Concept], config: Config) -> Iterator[dict[str, str]]:
    """One row per concept and language; concept-wide cells only on the first, so that a
    sheet sorted or filtered by language never shows two copies to keep in step."""
    for concept in sorted(concepts, key=lambda c: c.id):
        data = concept_data(concept, config)
        first = True
        for lang in (tag for tag in config.language_tags if tag in data):
            row = {"id": concept.id, "language": lang, **_entry_cells(data[lang])}
            row.update(_concept_cells(data) if first else {})
            first = False
            yield row


def format_csv(concepts: Iterable[Concept], config: Config) -> bytes:
    """UTF-8 with a byte-order mark and CRLF: without the mark Excel reads the file in the
    system's legacy code page and garbles Korean and Chinese. Cells a spreadsheet would
    run as formulas are protected (``sheet_text.protect_cell``)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(
        {column: protect_cell(value) for column, value in row.items()}
        for row in iter_rows(concepts, config)
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _items(cell: str) -> list[list[str]]:
    """Lines grouped into items: an unindented line starts one, indented lines follow it."""
    items: list[list[str]] = []
    for line in cell.split("\n"):
        if line.startswith("  ") and items:
            items[-1].append(line)
        elif line.strip():
            items.append([line])
    return items


class _Row:
    """One CSV row being read, with the place of its problems."""

    def __init__(self, path: Path, line: int, cells: dict[str, str]):
        self.path, self.line, self.cells = str(path), line, cells
        self.problems: list[Diagnostic] = []

    def problem(self, code: str, column: str, **params: object) -> None:
        self.problems.append(diagnostic(self.path, (self.line, 1), "error", code, column, **params))

    def keyed(self, column: str) -> list[tuple[str, dict[str, str]]]:
        """Items of ``head`` plus ``  key: value`` lines (four-space lines continue a value)."""
        result = []
        for lines in _items(self.cells[column]):
            head, pairs, last = lines[0], {}, None
            for line in lines[1:]:
                if line.startswith("    "):
                    if last is None:
                        head += "\n" + line[4:]
                    else:
                        pairs[last] += "\n" + line[4:]
                    continue
                key, sep, value = line[2:].partition(": ")
                if not sep:
                    self.problem(
                        "import-bad-line", column, line=line.strip(), expected="  key: value"
                    )
                    continue
                pairs[key] = value
                last = key
            result.append((head, pairs))
        return result

    def designations(self, column: str) -> list[dict]:
        status, kind = TERM_COLUMNS[column]
        found = []
        for term, pairs in self.keyed(column):
            for key in pairs.keys() - set(DESIGNATION_KEYS):
                self.problem(
                    "import-bad-value",
                    column,
                    value=key,
                    what=lazy(N_("designation key")),
                    hint=hint("choose-from", choices=", ".join(DESIGNATION_KEYS)),
                )
            found.append(
                {
                    "term": term,
                    "status": status,
                    "type": kind,
                    **{k: v for k, v in pairs.items() if k in DESIGNATION_KEYS},
                }
            )
        return found

    def sources(self, source_language: str) -> list[dict]:
        found = []
        for head, pairs in self.keyed("sources"):
            key, sep, value = head.partition(": ")
            if not sep:
                self.problem("import-bad-line", "sources", line=head, expected="key: value")
                continue
            found.append(_source_of({key: value, **pairs}, source_language))
        return found

    def pairs(self, column: str, sep: str) -> list[tuple[str, str]]:
        found = []
        for line in (item[0] for item in _items(self.cells[column])):
            key, found_sep, value = line.partition(sep)
            if not found_sep:
                self.problem("import-bad-line", column, line=line, expected=f"key{sep}value")
                continue
            found.append((key.strip(), value.strip()))
        return found


def _source_of(pairs: dict[str, str], source_language: str) -> dict:
    """The ``note.<language>`` pairs of a source gathered into its note's mapping (with a
    plain ``note`` as the source language's, should a sheet hold both)."""
    source: dict = {key: value for key, value in pairs.items() if not key.startswith("note.")}
    notes = {key[5:]: value for key, value in pairs.items() if key.startswith("note.")}
    if notes:
        plain = {source_language: source.pop("note")} if "note" in source else {}
        source["note"] = {**plain, **notes}
    return source


def read_entry(row: _Row) -> dict:
    entry: dict = {"terms": [d for column in TERM_COLUMNS for d in row.designations(column)]}
    for column in ("definition", "example"):
        if row.cells[column].strip():
            entry[column] = row.cells[column]
    notes = [
        "\n".join([lines[0]] + [line[2:] for line in lines[1:]])
        for lines in _items(row.cells["notes"])
    ]
    if notes:
        entry["notes"] = notes
    if row.cells["translated_from"].strip():
        entry["translated_from"] = dict(row.pairs("translated_from", ": "))
    return {key: value for key, value in entry.items() if value}


def read_concept_cells(row: _Row, config: Config) -> dict:
    cells = row.cells
    data: dict = {
        "category": cells["category"].strip(),
        "tags": [item[0].strip() for item in _items(cells["tags"])],
        "relations": [{"type": k, "target": v} for k, v in row.pairs("relations", ":")],
        "sources": row.sources(config.source_language),
    }
    if cells["formula"].strip():
        try:
            data["formula"] = json.loads(cells["formula"])
        except json.JSONDecodeError as error:
            row.problem("import-bad-formula", "formula", problem=error.msg)
    return {key: value for key, value in data.items() if value}


def _merge_concept(concept: dict, found: dict, row: _Row, first_lines: dict) -> None:
    """Concept-wide cells may come from any row of the concept, but must agree."""
    for key, value in found.items():
        if key in concept and concept[key] != value:
            row.problem(
                "import-rows-disagree",
                key,
                id=concept["id"],
                name=key,
                first_line=first_lines[(concept["id"], key)],
            )
        elif key not in concept:
            concept[key] = value
            first_lines[(concept["id"], key)] = row.line


def _iter_rows(path: Path, text: str, dialect: Dialect, problems: list) -> Iterator[_Row]:
    lines = io.StringIO(text, newline="")
    for _ in range(dialect.skip):
        lines.readline()
    reader = csv.reader(lines, delimiter=dialect.separator)
    header = [cell.strip() for cell in next(reader, [])]
    for name in (h for h in header if h not in COLUMNS):
        problems.append(
            diagnostic(
                str(path),
                (1, 1),
                "error",
                "import-unknown-column",
                name=name,
                columns=", ".join(COLUMNS),
            )
        )
    line = reader.line_num + dialect.skip + 1
    for values in reader:
        if any(v.strip() for v in values):
            cells = {column: "" for column in COLUMNS}
            cells.update(
                (h, unprotect_cell(v).replace("\r\n", "\n"))
                for h, v in zip(header, values, strict=False)
                if h in COLUMNS
            )
            yield _Row(path, line, cells)
        line = reader.line_num + dialect.skip + 1


def _unreadable(path: Path, text: str | LegacyEncoding) -> Diagnostic | None:
    """The one error of a file that cannot be read as rows at all: its encoding or a
    header that names none of the columns."""
    if isinstance(text, LegacyEncoding):
        if text.name is None:
            return diagnostic(
                str(path), (1, 1), "error", "import-not-utf8", byte=f"{text.byte:02X}"
            )
        return diagnostic(
            str(path),
            (1, 1),
            "error",
            "import-legacy-encoding",
            encoding=text.name,
            region=lazy(text.region or ""),
        )
    return None


def read_csv(path: Path, raw: bytes, config: Config) -> tuple[list[dict], list[Diagnostic]]:
    text = decode(raw, config)
    unreadable = _unreadable(path, text)
    if unreadable or isinstance(text, LegacyEncoding):
        return [], [unreadable] if unreadable else []
    dialect = find_dialect(text, COLUMNS)
    if dialect is None:
        return [], [diagnostic(str(path), (1, 1), "error", "import-no-header")]
    problems: list[Diagnostic] = []
    concepts: dict[str, dict] = {}
    first_lines: dict = {}
    for row in _iter_rows(path, text, dialect, problems):
        concept_id, lang = row.cells["id"].strip(), row.cells["language"].strip()
        if not concept_id:
            row.problem("import-no-id", "id", what=lazy(N_("row")))
        elif lang not in config.language_tags:
            row.problem(
                "import-unknown-language",
                "language",
                lang=lang,
                languages=", ".join(config.language_tags),
            )
        elif lang in concepts.get(concept_id, {}):
            row.problem(
                "import-duplicate",
                "language",
                what=f"{concept_id} ({lang})",
                first_line=first_lines[(concept_id, lang)],
            )
        else:
            concept = concepts.setdefault(concept_id, {"id": concept_id})
            concept[lang] = read_entry(row)
            first_lines[(concept_id, lang)] = row.line
            _merge_concept(concept, read_concept_cells(row, config), row, first_lines)
        problems += row.problems
    return list(concepts.values()), problems
