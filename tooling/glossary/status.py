"""status: how far each language is, from the concepts the pipeline loaded.

Per language: complete entries, incomplete ones (and what they still lack), missing ones,
and translated fields that are stale or were never reviewed. ``format_status_text`` is
for editors and translators, ``format_status_json`` for tools."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from glossary.config import Config
from glossary.messages import counted, counted_in, render_message
from glossary.model import Concept, Entry
from glossary.placeholder import is_placeholder
from glossary.translation import stale_fields, unreviewed_fields

Fields = tuple[tuple[str, tuple[str, ...]], ...]  # (concept id, field names), by id


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    name: str
    source: bool
    complete: tuple[str, ...]
    incomplete: Fields
    missing: tuple[str, ...]
    stale: Fields
    unreviewed: Fields

    def counts(self) -> dict[str, int]:
        return {
            "complete": len(self.complete),
            "incomplete": len(self.incomplete),
            "missing": len(self.missing),
            "stale": _count(self.stale),
            "unreviewed": _count(self.unreviewed),
        }


@dataclass(frozen=True)
class Status:
    concepts: int
    languages: tuple[LanguageStatus, ...]

    def totals(self) -> dict[str, int]:
        counts = [lang.counts() for lang in self.languages]
        totals = {key: sum(c[key] for c in counts) for key in counts[0]} if counts else {}
        return {"entries": self.concepts * len(self.languages), **totals}


def _count(fields: Fields) -> int:
    return sum(len(names) for _, names in fields)


def unfinished_fields(entry: Entry) -> tuple[str, ...]:
    """What an entry still lacks: a preferred term, definition or example that is absent
    or a placeholder, and placeholder notes."""
    preferred = entry.preferred
    lacking = {
        "term": preferred is None or is_placeholder(preferred.term),
        "definition": entry.definition is None or is_placeholder(entry.definition),
        "example": entry.example is None or is_placeholder(entry.example),
        "notes": any(is_placeholder(note) for note in entry.notes),
    }
    return tuple(name for name, lacks in lacking.items() if lacks)


def _language_status(concepts: list[Concept], lang: str, config: Config) -> LanguageStatus:
    language = next(item for item in config.languages if item.tag == lang)
    complete, incomplete, missing, stale, unreviewed = [], [], [], [], []
    for concept in concepts:
        entry = concept.entry(lang)
        if entry is None:
            missing.append(concept.id)
            continue
        lacking = unfinished_fields(entry)
        if lacking:
            incomplete.append((concept.id, lacking))
        else:
            complete.append(concept.id)
        if stale_names := stale_fields(concept, lang, config):
            stale.append((concept.id, stale_names))
        if unreviewed_names := unreviewed_fields(concept, lang, config):
            unreviewed.append((concept.id, unreviewed_names))
    return LanguageStatus(
        lang,
        language.name,
        lang == config.source_language,
        tuple(complete),
        tuple(incomplete),
        tuple(missing),
        tuple(stale),
        tuple(unreviewed),
    )


def collect_status(
    concepts: Mapping[str, Concept], config: Config, languages: Iterable[str] | None = None
) -> Status:
    ordered = [concepts[key] for key in sorted(concepts)]
    tags = list(languages or config.language_tags)
    return Status(len(ordered), tuple(_language_status(ordered, tag, config) for tag in tags))


def _lines(heading: str, fields: Fields, params: dict) -> list[str]:
    if not fields:
        return []
    return [render_message(heading, params)] + [
        render_message("status-item", {"concept": concept, "fields": ", ".join(names)})
        if names
        else render_message("status-missing-item", {"concept": concept})
        for concept, names in fields
    ]


def _counts_text(status: Status, lang: LanguageStatus) -> dict[str, object]:
    """One language's counts as the sentence says them: "3 of 4 concepts complete",
    "4 fields in 2 concepts never reviewed"."""
    counts = lang.counts()
    return {
        **counts,
        "concepts": counted("concept", status.concepts),
        "stale": counted_in(counts["stale"], len(lang.stale)),
        "unreviewed": counted_in(counts["unreviewed"], len(lang.unreviewed)),
    }


def _totals_text(status: Status) -> dict[str, object]:
    totals = status.totals()
    entries = {
        key: sum(len(getattr(lang, key)) for lang in status.languages)
        for key in ("stale", "unreviewed")
    }
    return {
        **totals,
        "entries": counted("entry", totals["entries"]),
        "stale": counted_in(totals["stale"], entries["stale"], "entry"),
        "unreviewed": counted_in(totals["unreviewed"], entries["unreviewed"], "entry"),
    }


def format_status_text(status: Status, paths: str, source: str) -> str:
    concepts = counted("concept", status.concepts)
    lines = [render_message("status-heading", {"concepts": concepts, "paths": paths}), ""]
    for lang in status.languages:
        params: dict[str, object] = {"name": lang.name, "lang": lang.lang, "source": source}
        params.update(_counts_text(status, lang))
        lines.append(render_message("status-source" if lang.source else "status-language", params))
        lines += _lines("status-incomplete", lang.incomplete, params)
        lines += _lines("status-missing", tuple((c, ()) for c in lang.missing), params)
        lines += _lines("status-stale", lang.stale, params)
        lines += _lines("status-unreviewed", lang.unreviewed, params)
    lines += ["", render_message("status-total", _totals_text(status))]
    return "\n".join(lines)


def format_status_json(status: Status, source: str) -> str:
    def by_id(fields: Fields) -> dict[str, list[str]]:
        return {concept: list(names) for concept, names in fields}

    return json.dumps(
        {
            "concepts": status.concepts,
            "source_language": source,
            "languages": [
                {
                    "lang": lang.lang,
                    "name": lang.name,
                    "source": lang.source,
                    **lang.counts(),
                    "concepts": {
                        "incomplete": by_id(lang.incomplete),
                        "missing": list(lang.missing),
                        "stale": by_id(lang.stale),
                        "unreviewed": by_id(lang.unreviewed),
                    },
                }
                for lang in status.languages
            ],
            "totals": status.totals(),
        },
        ensure_ascii=False,
        indent=2,
    )
