"""translation: which translated fields are stale.

A translated entry records, under ``translated_from``, a short hash of each source-language
field it was translated from. When the source field changes, its hash no longer matches and
the translation is stale until someone reviews it (``glossary review``). Whitespace and
Unicode normalisation do not count as a change, so refolding a paragraph stays quiet."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping

from glossary.config import Config
from glossary.model import FIELDS, Concept, Entry, field_texts
from glossary.placeholder import is_placeholder

NOTES_SEPARATOR = "\n"  # survives the spacing collapse, so splitting a note is a change


def hashed_form(text: str) -> str:
    """The form a text is hashed in: NFC, every run of whitespace (line breaks of a folded
    paragraph) one space, so re-wrapping a paragraph is not a change of its text."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


def text_hash(text: str) -> str:
    """The short hash recorded for a text: blake2b (4 bytes) of its hashed form."""
    return _digest(hashed_form(text))


def field_hash(entry: Entry | None, name: str) -> str | None:
    """The hash of a field; notes are hashed as one list, each note in its hashed form."""
    texts = field_texts(entry, name)
    return _digest(NOTES_SEPARATOR.join(map(hashed_form, texts))) if texts else None


def source_hashes(concept: Concept, config: Config) -> dict[str, str]:
    """The current hash of every source-language field the concept has."""
    source = concept.entry(config.source_language)
    hashes = {name: field_hash(source, name) for name in FIELDS}
    return {name: value for name, value in hashes.items() if value is not None}


def recorded_hashes(entry: Entry | None) -> dict[str, str]:
    """The well-formed hashes an entry records (malformed ones are the schema's to report)."""
    raw: Mapping = entry.translated_from if entry else {}
    return {name: value for name, value in raw.items() if name in FIELDS and isinstance(value, str)}


def stale_fields(
    concept: Concept, lang: str, config: Config, current: dict[str, str] | None = None
) -> tuple[str, ...]:
    """Translated fields of ``lang`` whose recorded source hash differs from the current
    source (a record for a field the language no longer has is left for review to drop).
    ``current``: the concept's ``source_hashes``, when the caller has them already."""
    if lang == config.source_language:
        return ()
    entry = concept.entry(lang)
    recorded = recorded_hashes(entry)
    if not recorded:
        return ()
    current = source_hashes(concept, config) if current is None else current
    return tuple(
        name
        for name in FIELDS
        if name in recorded and field_texts(entry, name) and recorded[name] != current.get(name)
    )


def _written(entry: Entry | None, name: str) -> bool:
    """The field has real text, not just the placeholder of a new concept."""
    texts = field_texts(entry, name)
    return bool(texts) and not any(map(is_placeholder, texts))


def translated_fields(concept: Concept, lang: str, config: Config) -> tuple[str, ...]:
    """Fields written both in the source language and in ``lang``: what a review covers."""
    if lang == config.source_language:
        return ()
    source, entry = concept.entry(config.source_language), concept.entry(lang)
    return tuple(name for name in FIELDS if _written(source, name) and _written(entry, name))


def unreviewed_fields(concept: Concept, lang: str, config: Config) -> tuple[str, ...]:
    """Translated fields with no record of the source version they match."""
    recorded = recorded_hashes(concept.entry(lang))
    return tuple(name for name in translated_fields(concept, lang, config) if name not in recorded)


def reviewed_hashes(
    concept: Concept, lang: str, config: Config, fields: tuple[str, ...] = FIELDS
) -> dict[str, str]:
    """What ``translated_from`` holds after ``fields`` of ``lang`` were reviewed: the current
    source hash for each reviewed field both languages have, earlier records for the rest."""
    current = source_hashes(concept, config)
    translated = translated_fields(concept, lang, config)
    hashes = dict(recorded_hashes(concept.entry(lang)))
    for name in fields:
        hashes.pop(name, None)
        if name in translated:
            hashes[name] = current[name]
    return {name: hashes[name] for name in FIELDS if name in hashes}
