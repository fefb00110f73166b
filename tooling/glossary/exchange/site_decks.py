"""The deck files of one language's site (see ``glossary.decks``): every concept, each
category, each learning path (in its steps' order), in every deck format, by their paths
in the language's folder. Each concept's cards are made once and shared by the decks
that hold it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from glossary.config import Config
from glossary.decks import ALL, DECK_FILES, DECKS_DIR, deck_stem, path_scope
from glossary.emit import write_blobs
from glossary.exchange.cards import (
    category_concepts,
    concept_cards,
    deck_name,
    make_deck,
    modified_times,
    path_concepts,
)
from glossary.exchange.formats import format_deck
from glossary.learning import LearningPath
from glossary.link import Linked
from glossary.model import Concept


def site_deck_files(
    concepts: Mapping[str, Concept],
    config: Config,
    lang: str,
    modified: Mapping[str, int],
    paths: Mapping[str, LearningPath] | None = None,
) -> dict[str, bytes]:
    """``<stem>.<suffix>`` → the file, for every deck of ``lang`` that has cards."""
    cards = {
        cid: concept_cards(concept, config, lang, modified.get(cid, 0))
        for cid, concept in concepts.items()
    }
    scopes = [(ALL, deck_name(config, lang, ALL), category_concepts(concepts, None))]
    scopes += [
        (key, deck_name(config, lang, key), category_concepts(concepts, key))
        for key in config.categories
    ]
    for path in (paths or {}).values():
        if text := path.text(lang, config.source_language):
            scope = path_scope(path.id)
            members = path_concepts(concepts, path.concepts)
            scopes.append((scope, deck_name(config, lang, scope, text.title), members))
    files = {}
    for scope, name, members in scopes:
        deck = make_deck(lang, scope, name, (card for c in members for card in cards[c.id]))
        if not deck.cards:
            continue
        for fmt, suffix, _ in DECK_FILES:
            files[f"{deck_stem(lang, scope)}.{suffix}"] = format_deck(fmt, deck)
    return files


def write_site_decks(linked: Linked, config: Config, lang: str, folder: Path) -> int:
    """Write the deck files of ``lang`` into its ``decks/`` below ``folder`` (the language's
    docs folder), removing those no longer made; returns how many files changed."""
    concepts = linked.concepts
    modified = modified_times(concepts.values())
    files = site_deck_files(concepts, config, lang, modified, linked.paths)
    return write_blobs(folder / DECKS_DIR, files, prune=True)
