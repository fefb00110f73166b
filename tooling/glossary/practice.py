"""practice: the flashcards page of each language (issue #18, part 2).

The page is rendered here; its cards' data is one JSON file per language, fetched by
``site_src/assets/practice.mjs`` only when the page opens, which builds the cards (term →
definition, definition → term, the page language ↔ another language, wordings to avoid)
and schedules them with the Leitner system (``site_src/assets/leitner.mjs``). Decks are
the whole glossary, each category and each learning path: a deck is a filter on the
concepts, so one file serves them all."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache

from glossary.config import language
from glossary.model import Concept, Entry
from glossary.render import LanguageView, Page, _alternates, _front_matter, format_title

CARDS_FILE = "practice/cards.json"
UI_KEYS = (  # the words the script needs besides those on the page
    "practice_kind_td",
    "practice_kind_dt",
    "practice_kind_x",
    "practice_kind_avoid",
    "practice_stats",
    "practice_done",
    "practice_next_due",
    "practice_empty",
    "practice_avoid_front",
    "practice_avoid_back",
    "practice_read",
    "practice_error",
)


def blank(lang: str) -> str:
    """What stands for a concept's own name where a clue must not give it away."""
    return "＿＿" if language(lang).script != "Latn" else "___"


def names_of(concept: Concept, langs: Iterable[str]) -> set[str]:
    """Every designation of ``concept`` in ``langs`` (deprecated ones too: a clue must not
    name the concept in any of its wordings)."""
    return {d.term for lang in langs if (entry := concept.entry(lang)) for d in entry.designations}


def mask_names(text: str, names: Iterable[str], lang: str) -> str:
    """``text`` with every mention of ``names`` replaced by a blank, longest name first;
    a Latin name only as a whole word (plural endings included), case-insensitively."""
    pattern = _names_pattern(frozenset(n for n in names if n.strip()))
    return pattern.sub(blank(lang), text) if pattern else text


@lru_cache(maxsize=4096)
def _names_pattern(names: frozenset[str]) -> re.Pattern | None:
    parts = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        if name.isascii():
            parts.append(rf"(?<![A-Za-z0-9]){re.escape(name)}(?:e?s)?(?![A-Za-z0-9])")
        else:
            parts.append(re.escape(name))
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def clue(view: LanguageView, concept: Concept, entry: Entry) -> str:
    """The concept's definition with its own names blanked out."""
    langs = {view.lang, view.config.source_language}
    return mask_names(entry.definition or "", names_of(concept, langs), view.lang)


def partner_languages(view: LanguageView) -> list[str]:
    """The languages cross-language cards pair the page's language with: the source
    language, or from the source language's pages every other one."""
    source = view.config.source_language
    if view.lang != source:
        return [source]
    return [tag for tag in view.config.language_tags if tag != source]


def title_in(concept: Concept, lang: str) -> str:
    entry = concept.entry(lang)
    if not entry or not entry.preferred:
        return ""
    abbr = entry.abbreviations[0].term if entry.abbreviations else ""
    return format_title(entry.preferred.term, abbr, lang)


def card_data(view: LanguageView, paths: dict[str, tuple[str, ...]]) -> dict:
    """What the cards of one language are made from: each concept complete enough in it
    (a preferred term and a definition), in the language's index order."""
    concepts = []
    partners = partner_languages(view)
    for cid in sorted(view.linked.concepts, key=view.sort_key):
        concept = view.linked.concepts[cid]
        entry = concept.entry(view.lang)
        if not entry or not entry.preferred or not entry.definition:
            continue
        other = {lang: name for lang in partners if (name := title_in(concept, lang))}
        avoid = [
            [d.term, d.reason or ""]
            for d in entry.designations
            if d.status in ("deprecated", "superseded")
        ]
        concepts.append(
            {
                "id": cid,
                "cat": concept.category or "",
                "term": title_in(concept, view.lang),
                "def": entry.definition,
                "clue": clue(view, concept, entry),
                **({"other": other} if other else {}),
                **({"avoid": avoid} if avoid else {}),
            }
        )
    return {"lang": view.lang, "concepts": concepts, "paths": paths}


def deck_options(view: LanguageView, paths: dict[str, str]) -> list[dict]:
    """The decks a reader may pick: everything, each category, each learning path."""
    count: dict[str, int] = {}
    for concept in view.linked.concepts.values():
        entry = concept.entry(view.lang)
        if entry and entry.preferred and entry.definition:
            count[concept.category or ""] = count.get(concept.category or "", 0) + 1
    decks = [{"value": "all", "label": view.ui["practice_deck_all"], "group": ""}]
    decks += [
        {"value": f"category:{key}", "label": view.config.category_name(key, view.lang)}
        | {"group": "categories"}
        for key in view.config.categories
        if count.get(key)
    ]
    decks += [
        {"value": f"path:{pid}", "label": title, "group": "paths"} for pid, title in paths.items()
    ]
    return decks


def render_practice(
    view: LanguageView, paths: dict[str, tuple[str, tuple[str, ...]]] | None = None
) -> list[Page]:
    """The flashcards page and its cards' data. ``paths``: each learning path's title in
    this language and its concepts, in order."""
    paths = paths or {}
    ui = view.ui
    partners = [
        {"tag": tag, "label": ui["practice_kind_x"].format(language=_language_name(view, tag))}
        for tag in partner_languages(view)
    ]
    text: dict[str, object] = {key: ui[key] for key in UI_KEYS}
    text["languages"] = {tag: _language_name(view, tag) for tag in partner_languages(view)}
    text["locale"] = language(view.lang).intl
    meta = {
        "title": ui["practice_title"],
        "description": ui["practice_intro"],
        "glossary": {"alternates": _alternates(view, None, "practice/")},
        "search": {"exclude": True},
    }
    body = view.render(
        "practice.md.j2",
        1,
        decks=deck_options(view, {pid: title for pid, (title, _) in paths.items()}),
        partners=partners,
        data=json.dumps(text, ensure_ascii=False, separators=(",", ":")),
    )
    data = card_data(view, {pid: ids for pid, (_, ids) in paths.items()})
    return [
        Page(view.lang, "practice/index.md", _front_matter(meta) + body),
        Page(view.lang, CARDS_FILE, json.dumps(data, ensure_ascii=False, separators=(",", ":"))),
    ]


def _language_name(view: LanguageView, tag: str) -> str:
    """A language as the page's language names it (영어, 英文, Korean)."""
    from babel import Locale

    locale = Locale.parse(language(view.lang).locale)
    return locale.languages.get(tag.replace("-", "_")) or language(tag).name
