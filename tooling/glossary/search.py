"""search: what the site's search box knows. Material's full-text index finds words in
pages; on top of it a compact lexicon of every designation of every concept, in all four
languages (deprecated machine translations included, Chinese in both scripts), answers
term lookups instantly in the browser (``site_src/assets/search.mjs``) and puts the
concept's own page first. For term pages the full-text index keeps just the title and
definition, which keeps it small and stops "mentioned in" lists from outranking the
concept itself.

Why a lexicon rather than a bigger lunr index: lunr matches whole tokens with a trailing
wildcard, so it cannot strip Korean particles (리드를), find a term inside unspaced
Chinese, or map Simplified to Traditional without indexing every variant of every page;
the lexicon does all of that with one sorted list of keys."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path

from glossary.config import language
from glossary.link import PARTICLES, Linked
from glossary.render import first_sentence

RANK = {"preferred": 0, "admitted": 1, "superseded": 2, "deprecated": 2}
STATUS_RANKS = 3  # the values of RANK
_SPACES = re.compile(r"[\s\-_/·・]+")
LEXICON_FILE = "search-lexicon.json"
TERMS_FILE = "search-terms.json"


def normalize(text: str) -> str:
    """The form both the lexicon and a typed query are compared in (mirrored in search.mjs)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


@cache
def script_converters():
    """OpenCC's converters (loading their dictionaries takes a tenth of a second)."""
    import opencc

    return (
        opencc.OpenCC("s2twp.json"),
        opencc.OpenCC("tw2sp.json"),
        opencc.OpenCC("s2t.json"),
        opencc.OpenCC("t2s.json"),
    )


def _script_variants(term: str, lang: str) -> set[str]:
    """A Chinese term as it is written in the other script (Taiwan phrasing and plain)."""
    script = language(lang).script
    if script not in ("Hans", "Hant"):
        return set()
    s2twp, tw2sp, s2t, t2s = script_converters()
    return (
        {s2twp.convert(term), s2t.convert(term)}
        if script == "Hans"
        else {tw2sp.convert(term), t2s.convert(term)}
    )


Keys = tuple[list[str], list[int]]


def build_lexicon(
    linked: Linked, lang: str, languages: list[str], keys: Keys | None = None
) -> dict:
    """Every designation of every concept → the concept, for one language's site. The keys
    are the same for every language (``lexicon_keys``): pass them when making several."""
    concepts = []
    for concept in linked.concepts.values():
        entry = concept.entry(lang) or concept.entry(languages[0])
        label = entry.preferred.term if entry and entry.preferred else concept.id
        concepts.append([concept.id, label, first_sentence(entry.definition if entry else "", 120)])
    sorted_keys, refs = keys or lexicon_keys(linked.concepts, languages)
    return {
        "v": 2,
        "lang": languages.index(lang),
        "languages": len(languages),
        "concepts": concepts,
        "keys": sorted_keys,
        "refs": refs,
        "particles": sorted(PARTICLES, key=lambda p: (-len(p), p)),
    }  # longest first, stable


def lexicon_keys(concepts: dict, languages: list[str]) -> Keys:
    """The sorted lookup keys (every designation, normalized, with and without spaces, in
    both Chinese scripts) and, for each, a reference packing its concept's index, the
    designation's status and the language it is from: ``(index * STATUS_RANKS + status) *
    len(languages) + language`` (unpacked by ``search.mjs``; any number of languages)."""
    width = len(languages)
    rows: dict[tuple[str, int], int] = {}
    for index, concept in enumerate(concepts.values()):
        for position, source_lang in enumerate(languages):
            other = concept.entry(source_lang)
            for designation in other.designations if other else ():
                rank = RANK.get(designation.status, 1) * width + position
                for variant in _lookup_forms(designation.term, source_lang):
                    best = rows.get((variant, index))
                    rows[(variant, index)] = min(best, rank) if best is not None else rank
    ordered = sorted(
        rows.items(), key=_utf16_order if _ASTRAL.search("".join(k for k, _ in rows)) else _order
    )
    stride = STATUS_RANKS * width
    return [key for (key, _), _ in ordered], [index * stride + rank for (_, index), rank in ordered]


@cache
def _lookup_forms(term: str, lang: str) -> frozenset[str]:
    keys = {normalize(form) for form in {term} | _script_variants(term, lang)}
    return frozenset(variant for key in keys for variant in (key, key.replace(" ", "")) if variant)


# JavaScript compares strings by UTF-16 code units when it binary-searches the keys; that
# differs from Python's code point order only for characters beyond U+FFFF.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _order(item: tuple) -> tuple:
    (key, _), rank = item
    return key, rank


def _utf16_order(item: tuple) -> tuple:
    (key, _), rank = item
    return key.encode("utf-16-be"), rank


def term_documents(linked: Linked, lang: str, source: str) -> list[dict]:
    """The full-text index entries of term pages: title and definition only."""
    docs = []
    for concept in linked.concepts.values():
        entry = concept.entry(lang) or concept.entry(source)
        if entry is None or entry.preferred is None:
            continue
        abbr = entry.abbreviations[0].term if entry.abbreviations else ""
        docs.append(
            {
                "location": f"terms/{concept.id}/",
                "title": entry.preferred.term + (f" ({abbr})" if abbr else ""),
                "text": entry.definition or "",
            }
        )
    return docs


def search_pages(linked: Linked, languages: list[str], source: str) -> dict[str, dict[str, str]]:
    """The files the search needs in each language's docs: language → name → text."""
    keys = lexicon_keys(linked.concepts, languages)
    return {
        lang: {
            LEXICON_FILE: _json(build_lexicon(linked, lang, languages, keys)),
            TERMS_FILE: _json(term_documents(linked, lang, source)),
        }
        for lang in languages
    }


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_search_files(
    linked: Linked, languages: list[str], source: str, folder_of: Callable[[str], Path]
) -> set[str]:
    """Write the search files of every language; the languages whose files changed."""
    changed = set()
    for lang, files in search_pages(linked, languages, source).items():
        for name, text in files.items():
            path = folder_of(lang) / name
            if not path.is_file() or path.read_text("utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                changed.add(lang)
    return changed


def rewrite_index(site_lang_dir: Path, terms_file: Path) -> None:
    """Add our entries for term pages (``terms_file``, which ``search_pages`` made: Material
    leaves term pages out, see ``render_term``) to Material's index, and store it as UTF-8
    (Material escapes every non-ASCII character, which nearly doubles Korean and Chinese)."""
    index_file = site_lang_dir / "search" / "search_index.json"
    if not index_file.is_file() or not terms_file.is_file():
        return
    index = json.loads(index_file.read_text("utf-8"))
    ours = json.loads(terms_file.read_text("utf-8"))
    index["docs"] = [
        doc for doc in index["docs"] if not doc["location"].startswith("terms/")
    ] + ours
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
