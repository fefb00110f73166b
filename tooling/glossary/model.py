"""The concept model: small immutable values built from a loaded term file.

Building is tolerant: a malformed part (already reported by the schema check) is
left out, so cross-file checks and the site can still work on the rest."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from glossary.config import Config, language


class TermData(Protocol):
    """What a concept is built from: a term file's path and its parsed data. A loaded
    ``load.Document`` is one; so is a mapping an exchange reader produced."""

    @property
    def path(self) -> Path: ...

    @property
    def data(self) -> Any: ...


@dataclass(frozen=True)
class Designation:
    term: str
    status: str
    type: str = "full-form"
    reason: str | None = None
    note: str | None = None
    link: str = "auto"  # "never": not linked where other concepts' texts mention it

    @property
    def is_abbreviation(self) -> bool:
        return self.type in ("abbreviation", "acronym")


@dataclass(frozen=True)
class Entry:
    lang: str
    designations: tuple[Designation, ...]
    definition: str | None = None
    example: str | None = None
    notes: tuple[str, ...] = ()
    translated_from: Mapping[str, str] = field(default_factory=dict, repr=False)

    # asked for by every page that names the concept: worked out once per entry
    @cached_property
    def preferred(self) -> Designation | None:
        return next((d for d in self.designations if d.status == "preferred"), None)

    @cached_property
    def abbreviations(self) -> tuple[Designation, ...]:
        """The abbreviations shown beside the preferred term (not the preferred term itself
        when it is one, as BANT is: no "BANT (BANT)")."""
        return tuple(
            d
            for d in self.designations
            if d.is_abbreviation and d.status not in ("deprecated", "superseded", "preferred")
        )

    @cached_property
    def is_complete(self) -> bool:
        return bool(self.preferred and self.definition and self.example)


FIELDS = ("definition", "example", "notes")  # an entry's texts


def field_texts(entry: Entry | None, name: str) -> tuple[str, ...]:
    """The texts of ``definition``, ``example`` (one each) or ``notes`` (each note)."""
    if entry is None:
        return ()
    if name == "notes":
        return entry.notes
    text = getattr(entry, name)
    return (text,) if text else ()


@dataclass(frozen=True)
class Relation:
    kind: str
    target: str


@dataclass(frozen=True)
class Source:
    document: str | None = None
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    # language tag → the note in that language; a plain-text note is the source language's
    note: Mapping[str, str] = field(default_factory=dict)

    def note_in(self, lang: str) -> str | None:
        """The note in ``lang`` only: a page never shows another language's note."""
        return self.note.get(lang)


@dataclass(frozen=True)
class Concept:
    id: str
    category: str | None
    entries: Mapping[str, Entry] = field(repr=False)
    tags: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = field(default=(), repr=False)
    replaces: tuple[str, ...] = ()  # old ids whose addresses redirect here
    sources: tuple[Source, ...] = field(default=(), repr=False)
    formula: Mapping[str, Any] | None = field(default=None, repr=False)
    path: Path | None = field(default=None, repr=False, compare=False)

    def entry(self, lang: str) -> Entry | None:
        return self.entries.get(lang)


_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_FOLDED_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _unspaced_text(value: Any) -> str | None:
    """Chinese is written without spaces: a space that YAML folding put between two Han
    characters or full-width punctuation (a line break in a ``>`` block) is dropped."""
    text = _text(value)
    return _FOLDED_SPACE.sub("", text) if text else None


def _items(value: Any, kind: type = dict) -> list:
    return [item for item in value if isinstance(item, kind)] if isinstance(value, list) else []


def _designation(raw: dict) -> Designation | None:
    term = _text(raw.get("term"))
    if term is None:
        return None
    return Designation(
        term=term,
        status=str(raw.get("status", "admitted")),
        type=str(raw.get("type", "full-form")),
        reason=_text(raw.get("reason")),
        note=_text(raw.get("note")),
        link="never" if raw.get("link") == "never" else "auto",
    )


def text_of(value: Any, unspaced: bool) -> str | None:
    """A text as pages show it: trimmed and, in an unspaced language, without the spaces
    that folding put between two CJK characters (None for an empty or non-text value)."""
    return _unspaced_text(value) if unspaced else _text(value)


def _entry(lang: str, raw: dict) -> Entry:
    designations = tuple(d for d in map(_designation, _items(raw.get("terms"))) if d)
    hashes = raw.get("translated_from")
    text = _unspaced_text if language(lang).is_unspaced else _text
    return Entry(
        lang=lang,
        designations=designations,
        definition=text(raw.get("definition")),
        example=text(raw.get("example")),
        notes=tuple(t for t in map(text, _items(raw.get("notes"), str)) if t),
        translated_from=dict(hashes) if isinstance(hashes, dict) else {},
    )


def _source_note(raw: Any, config: Config) -> dict[str, str]:
    given = {config.source_language: raw} if isinstance(raw, str) else raw
    if not isinstance(given, dict):
        return {}
    notes = {}
    for lang in config.language_tags:
        text = _unspaced_text if config.language(lang).is_unspaced else _text
        if note := text(given.get(lang)):
            notes[lang] = note
    return notes


def _source(raw: dict, config: Config) -> Source:
    keys = ("document", "title", "publisher", "date", "url")
    return Source(
        **{key: _text(raw.get(key)) for key in keys}, note=_source_note(raw.get("note"), config)
    )


def build_concept(doc: TermData, config: Config) -> Concept:
    """The concept a term file's data describes (its id falls back to the file name)."""
    data: dict[str, Any] = doc.data or {}
    concept_id: str = data["id"] if isinstance(data.get("id"), str) else doc.path.stem
    entries = {
        lang: _entry(lang, data[lang])
        for lang in config.language_tags
        if isinstance(data.get(lang), dict)
    }
    relations = tuple(
        Relation(str(r.get("type")), str(r.get("target")))
        for r in _items(data.get("relations"))
        if r.get("target")
    )
    formula = data.get("formula") if isinstance(data.get("formula"), dict) else None
    return Concept(
        id=concept_id,
        category=data.get("category") if isinstance(data.get("category"), str) else None,
        entries=entries,
        tags=tuple(t for t in _items(data.get("tags"), str)),
        relations=relations,
        replaces=tuple(_items(data.get("replaces"), str)),
        sources=tuple(_source(s, config) for s in _items(data.get("sources"))),
        formula=formula or None,
        path=doc.path,
    )
