"""Flashcards made from the glossary, for the study tools reps already use (Anki, Quizlet;
issue #18, part 4): which concepts a deck holds, the cards of one concept in one language,
and a GUID per card that stays the same from export to export, so that importing a newer
deck updates the cards a rep already studies instead of adding them again.

Every text here is plain text; each format escapes it as its file needs."""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from genanki import guid_for

from glossary.config import Config
from glossary.decks import ALL, has_cards
from glossary.model import Concept, Designation, Entry
from glossary.render import format_title
from glossary.ui import ui_strings

# A card's kind is part of its GUID: never rename one. "to-source" asks for the concept's
# name in the source language (English) from its name in the deck's language,
# "from-source" the other way round; neither is made for the source language itself.
KINDS = ("term", "definition", "to-source", "from-source")
MASK = "[…]"  # stands for the concept's own name in a definition asked about


@dataclass(frozen=True)
class Card:
    concept: str
    kind: str
    front: str
    back: str
    tags: tuple[str, ...]
    guid: str
    modified: int = 0  # seconds since the epoch: when the concept last changed


@dataclass(frozen=True)
class Deck:
    lang: str
    scope: str  # ALL, a category id or "path-<id>"
    name: str  # as Anki shows it, "::" between levels: "Sales Glossary::Metrics"
    id: int  # Anki's deck id, the same for the same language and scope in every export
    cards: tuple[Card, ...]


def card_guid(concept_id: str, lang: str, kind: str) -> str:
    """Anki's GUID for one card: the same concept, language and kind always give the same."""
    return str(guid_for(concept_id, lang, kind))


def deck_id(lang: str, scope: str) -> int:
    """A fixed id for the deck of ``scope`` in ``lang``, in the range genanki advises."""
    digest = hashlib.blake2b(f"{lang}/{scope}".encode(), digest_size=8).digest()
    return (1 << 30) + int.from_bytes(digest, "big") % (1 << 30)


def deck_name(config: Config, lang: str, scope: str, title: str | None = None) -> str:
    """The deck's name in its language: the glossary, then the category or path."""
    site = ui_strings()[lang]["site_name"]
    if scope == ALL:
        return _deck_part(site)
    part = title if title is not None else config.category_name(scope, lang)
    return f"{_deck_part(site)}::{_deck_part(part)}"


def _deck_part(name: str) -> str:
    """One level of a deck name: "::" would start another level, tabs and line breaks
    would break the text file's deck column."""
    return " ".join(name.replace("::", ":").split())


def category_concepts(concepts: Mapping[str, Concept], category: str | None) -> list[Concept]:
    """The concepts of a category (every concept for None), in the order of their ids."""
    return [
        concepts[cid]
        for cid in sorted(concepts)
        if category is None or concepts[cid].category == category
    ]


def path_concepts(concepts: Mapping[str, Concept], steps: Iterable[str]) -> list[Concept]:
    """The concepts of a learning path's steps, in the path's order."""
    return [concepts[cid] for cid in dict.fromkeys(steps) if cid in concepts]


def build_deck(
    concepts: Sequence[Concept],
    config: Config,
    lang: str,
    scope: str,
    name: str,
    modified: Mapping[str, int] | None = None,
) -> Deck:
    """The deck of ``concepts`` in ``lang``, their cards in the concepts' order."""
    modified = modified or {}
    cards = [concept_cards(c, config, lang, modified.get(c.id, 0)) for c in concepts]
    return make_deck(lang, scope, name, (card for group in cards for card in group))


def make_deck(lang: str, scope: str, name: str, cards: Iterable[Card]) -> Deck:
    return Deck(lang, scope, name, deck_id(lang, scope), tuple(cards))


def concept_cards(concept: Concept, config: Config, lang: str, modified: int = 0) -> list[Card]:
    """The cards of one concept in ``lang``: none unless the language's entry has a
    preferred term and a definition (a deck never shows another language's text)."""
    entry = concept.entry(lang)
    if not has_cards(concept, lang) or entry is None or entry.definition is None:
        return []
    title = entry_title(entry)
    tags = concept_tags(concept)
    pairs = [
        ("term", title, entry.definition),
        ("definition", mask_names(entry.definition, _all_designations(concept)), title),
    ]
    source = concept.entry(config.source_language)
    if lang != config.source_language and source and source.preferred:
        source_title = entry_title(source)
        if source_title.casefold() != title.casefold():  # BANT is BANT in every language
            pairs += [("to-source", title, source_title), ("from-source", source_title, title)]
    return [
        Card(concept.id, kind, front, back, tags, card_guid(concept.id, lang, kind), modified)
        for kind, front, back in pairs
    ]


def entry_title(entry: Entry) -> str:
    """The preferred term with its abbreviation, punctuated as the language writes it."""
    assert entry.preferred is not None
    abbreviation = entry.abbreviations[0].term if entry.abbreviations else ""
    return format_title(entry.preferred.term, abbreviation, entry.lang)


def concept_tags(concept: Concept) -> tuple[str, ...]:
    """Anki tags (no spaces) from the concept's category and tags, under one parent tag so
    they stay apart from a rep's own."""
    category = (f"glossary::category::{concept.category}",) if concept.category else ()
    return category + tuple(f"glossary::tag::{tag}" for tag in concept.tags)


def _all_designations(concept: Concept) -> list[Designation]:
    return [d for entry in concept.entries.values() for d in entry.designations]


def mask_names(text: str, designations: Iterable[Designation]) -> str:
    """``text`` with the concept's names replaced by MASK, so that a definition does not
    give its answer away ("Churn rate is …" → "[…] is …"). Latin names are matched as
    whole words (plurals too), ignoring case unless written in capitals (an acronym); CJK
    names anywhere, since Korean attaches particles and Chinese has no spaces. A name
    marked ``link: never`` is an everyday word (BANT's "need"), left alone."""
    names = frozenset(d.term for d in designations if len(d.term) > 1 and d.link != "never")
    return _names_pattern(names).sub(MASK, text) if names else text


@lru_cache(maxsize=4096)
def _names_pattern(names: frozenset[str]) -> re.Pattern[str]:
    """One pattern for all of a concept's names, the longest first (compiled once: every
    language's definition is masked with the same names)."""
    parts = []
    for term in sorted(names, key=lambda term: (-len(term), term)):
        if not term.isascii():
            parts.append(re.escape(term))
        elif term.isupper():
            parts.append(rf"(?<!\w){re.escape(term)}(?:e?s)?(?!\w)")
        else:
            parts.append(rf"(?i:(?<!\w){re.escape(term)}(?:e?s)?(?!\w))")
    return re.compile("|".join(parts))


def modified_times(concepts: Iterable[Concept]) -> dict[str, int]:
    """When each concept's term file was last committed (seconds since the epoch), for
    the notes' times: the same from export to export and clone to clone, and later after
    each committed change, which is what makes Anki take a newer package's note. Outside
    a git repository (a tarball), or for a file never committed, 0: the fixed time."""
    folders: dict[Path, list[Concept]] = {}
    for concept in concepts:
        if concept.path is not None:
            folders.setdefault(concept.path.parent, []).append(concept)
    times = {}
    for folder, members in folders.items():
        committed = _commit_times(folder)
        for concept in members:
            times[concept.id] = committed.get(concept.path.name if concept.path else "", 0)
    return times


def _commit_times(folder: Path) -> dict[str, int]:
    """File name → the time of the last commit that changed it, for the files of
    ``folder``, from one walk of git's history ({} outside git)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "log", "--format=%x00%ct", "--name-only", "--relative"]
            + ["--", "."],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    times: dict[str, int] = {}
    current = 0
    for line in done.stdout.splitlines():
        if line.startswith("\x00"):
            current = int(line[1:])
        elif line:
            times.setdefault(line, current)  # newest first: the first time seen is the last
    return times
