"""collate: how each language sorts its index and which jump-bar letter an entry goes
under.

- Korean: by Hangul syllable order, grouped by initial consonant (ㄱ ㄴ ㄷ …, tense
  consonants filed with their plain ones as Korean dictionaries do);
- Simplified Chinese: by Hanyu Pinyin, grouped by its first letter;
- Traditional Chinese: by Zhuyin (Bopomofo), grouped by its first symbol — the phonetic
  order Taiwanese readers learn at school and type with every day, so a reader can find
  a term by its sound without counting strokes;
- English: A–Z, case-insensitively.

In every language a term that starts with a Latin letter (ARR, CRM 软件) is filed under
that letter, after the language's own groups."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from types import ModuleType
from typing import NamedTuple

from glossary.config import language

HANGUL_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
PLAIN_INITIAL = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
KOREAN_GROUPS = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
ZHUYIN_GROUPS = "ㄅㄆㄇㄈㄉㄊㄋㄌㄍㄎㄏㄐㄑㄒㄓㄔㄕㄖㄗㄘㄙㄚㄛㄜㄝㄞㄟㄠㄡㄢㄣㄤㄥㄦㄧㄨㄩ"
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


def _zhuyin(text: str) -> IndexKey:
    if "\u4e00" <= text[0] <= "\u9fff" or "\u3400" <= text[0] <= "\u4dbf":
        syllables = _readings(text, "BOPOMOFO")
        group = syllables[0][0]
        order = tuple(tuple(ZHUYIN_GROUPS.find(c) for c in s) for s in syllables)
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
