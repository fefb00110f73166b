"""translation: which translated fields are stale.

A translated entry records, under ``translated_from``, a short hash of each source-language
field it was translated from. When the source field changes, its hash no longer matches and
the translation is stale until someone reviews it (``glossary review``). Whitespace and
Unicode normalisation do not count as a change, so refolding a paragraph stays quiet.

Besides the entry's own texts, a language's notes on the concept's sources are translated
fields too (``sources``: the notes of every source, hashed as one list like ``notes``)."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping

from glossary.config import Config
from glossary.model import FIELDS as ENTRY_FIELDS
from glossary.model import Concept, Entry, field_texts
from glossary.placeholder import is_placeholder

FIELDS = (*ENTRY_FIELDS, "sources")  # the translated fields, as translated_from names them
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


def texts_of(concept: Concept, lang: str, name: str) -> tuple[str, ...]:
    """A translated field's texts in ``lang``: an entry's field, or (``sources``) the note
    in ``lang`` of each source that has one."""
    if name == "sources":
        return tuple(note for source in concept.sources if (note := source.note_in(lang)))
    return field_texts(concept.entry(lang), name)


def _hash_of(texts: tuple[str, ...]) -> str | None:
    return _digest(NOTES_SEPARATOR.join(map(hashed_form, texts))) if texts else None


def field_hash(entry: Entry | None, name: str) -> str | None:
    """The hash of an entry's field; notes are hashed as one list, each in its hashed form."""
    return _hash_of(field_texts(entry, name))


def source_hashes(concept: Concept, config: Config) -> dict[str, str]:
    """The current hash of every source-language field the concept has."""
    lang = config.source_language
    hashes = {name: _hash_of(texts_of(concept, lang, name)) for name in FIELDS}
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
    recorded = recorded_hashes(concept.entry(lang))
    if not recorded:
        return ()
    current = source_hashes(concept, config) if current is None else current
    return tuple(
        name
        for name in FIELDS
        if name in recorded
        and texts_of(concept, lang, name)
        and recorded[name] != current.get(name)
    )


def _written(concept: Concept, lang: str, name: str) -> bool:
    """The field has real text, not just the placeholder of a new concept."""
    texts = texts_of(concept, lang, name)
    return bool(texts) and not any(map(is_placeholder, texts))


def translated_fields(concept: Concept, lang: str, config: Config) -> tuple[str, ...]:
    """Fields written both in the source language and in ``lang``: what a review covers."""
    if lang == config.source_language or concept.entry(lang) is None:
        return ()
    source = config.source_language
    return tuple(
        name for name in FIELDS if _written(concept, source, name) and _written(concept, lang, name)
    )


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
