"""The mapping every exchange format builds on: a concept as term-file-shaped data
(empty fields left out), and back to concepts through the model."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from glossary.config import Config
from glossary.model import Concept, Designation, Entry, Source, build_concept


@dataclass(frozen=True)
class ImportedTerm:
    """One concept's term-file-shaped data as a reader found it in ``path``."""

    path: Path
    data: Any


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


def source_data(source: Source, config: Config) -> dict:
    """A source as a term file writes it: a note in the source language alone is plain
    text, a note in several languages a mapping in the configured order."""
    data = {k: v for k, v in asdict(source).items() if v and k != "note"}
    if set(source.note) == {config.source_language}:
        data["note"] = source.note[config.source_language]
    elif source.note:
        data["note"] = {
            lang: source.note[lang] for lang in config.language_tags if lang in source.note
        }
    return data


def concept_data(concept: Concept, config: Config) -> dict:
    """The concept in the term file's shape, empty fields left out."""
    data: dict = {"id": concept.id}
    if concept.category:
        data["category"] = concept.category
    if concept.tags:
        data["tags"] = list(concept.tags)
    for lang in config.language_tags:
        if concept.entry(lang):
            data[lang] = entry_data(concept.entries[lang])
    if concept.relations:
        data["relations"] = [{"type": r.kind, "target": r.target} for r in concept.relations]
    if concept.sources:
        data["sources"] = [source_data(s, config) for s in concept.sources]
    if concept.formula:
        data["formula"] = concept.formula
    return data


def build_concepts(items: list[dict], path: Path, config: Config) -> list[Concept]:
    """Model the mappings a reader produced, exactly as ``glossary check`` models a file."""
    return [build_concept(ImportedTerm(path, item), config) for item in items]
