"""The flashcard decks the site offers for download (issue #18, part 4): in each language,
one deck of every concept and one per category (and per learning path), each as an Anki
package, Anki's text import and a Quizlet file, in ``<slug>/decks/``. This module names
them and makes the links pages show; ``exchange.site_decks`` makes the files, from the
same rule, so a link never points at a deck that was not made."""

from __future__ import annotations

from collections.abc import Iterable

from glossary.config import language
from glossary.model import Concept

DECKS_DIR = "decks"  # in each language's folder
ALL = "all"  # the scope of a deck of every concept
# (export format, file suffix, the ui.toml key of its link), in the order links show them
DECK_FILES = (
    ("apkg", "apkg", "deck_apkg"),
    ("anki", "txt", "deck_anki_text"),
    ("quizlet", "tsv", "deck_quizlet"),
)


def has_cards(concept: Concept, lang: str) -> bool:
    """Whether the concept gives cards in ``lang``: its entry there has a preferred term
    and a definition (a deck never shows another language's text)."""
    entry = concept.entry(lang)
    return bool(entry and entry.preferred and entry.definition)


def path_scope(path_id: str) -> str:
    return f"path-{path_id}"


def deck_stem(lang: str, scope: str) -> str:
    """The file name of a deck without its suffix: the language and scope are in it, so
    that decks downloaded side by side do not overwrite each other."""
    return f"sales-glossary-{language(lang).slug}-{scope}"


def deck_links(concepts: Iterable[Concept], lang: str, scope: str, root: str) -> list[dict]:
    """The links to the deck of ``scope`` for a page ``root`` below the language's
    folder (``"../../"`` on a category page); none when no concept gives a card."""
    if not any(has_cards(concept, lang) for concept in concepts):
        return []
    stem = deck_stem(lang, scope)
    return [
        {"href": f"{root}{DECKS_DIR}/{stem}.{suffix}", "label": key, "format": fmt}
        for fmt, suffix, key in DECK_FILES
    ]
