"""Exchange formats, for ``glossary export`` and ``glossary import``.

Every format carries the whole model, so ``export`` then ``import`` reports no change:

* JSON — ``{"languages": [...], "concepts": [...]}``, each concept in the term file's own
  shape (it validates against ``term.schema.json``), designations with their ``type``
  spelled out. The site publishes it as ``api/terms.json``.
* CSV — see ``glossary.sheet``; TBX-Basic — see ``glossary.tbx``.

Readers turn a file into term-file-shaped mappings plus diagnostics; the model is then
built by the same ``build_concept`` as ``glossary check`` uses, and ``glossary.merge``
compares and writes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from glossary.config import Config
from glossary.diagnostics import Diagnostic, diagnostic
from glossary.load import Document
from glossary.messages import N_, lazy
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
