"""Write ``tooling/glossary/data/strokes-taiwan.txt``: Chinese characters in ICU's Traditional
Chinese stroke order, with their stroke counts as Taiwan counts them (艹 and 辶 with four:
花 8, 連 11).

The zh-Hant index files characters read alike by their strokes (see ``glossary.collate``).
That order is CLDR's zh-Hant ``stroke`` collation; ICU implements it, but PyICU has no wheels
and would make every install compile C++ against the system's ICU. So the order is written
down once, here, and the glossary reads the table with the standard library alone.

Run it again when a newer ICU (a newer CLDR) should decide the order::

    pip install -e ".[data]"      # PyICU, built against the system's ICU (libicu-dev, g++)
    python3 tooling/scripts/make_stroke_table.py
    PYTHONPATH=tooling python3 -m pytest -q tests/test_collate.py   # checks it against ICU

What the table holds:

- every character the collation lists under a stroke count (CLDR's tailoring puts a marker,
  U+FDD0 then the Braille pattern U+2800 + n, before the characters with n strokes), in its
  order: most CJK Unified Ideographs, part of Extension A, about 1,700 characters of
  Extension B and later, and a few radicals and ideographic signs (⺄ 〇 々);
- then every other assigned character of CJK Unified Ideographs (U+4E00–U+9FFF),
  Extension A (U+3400–U+4DBF) and the CJK Compatibility Ideographs (U+F900–U+FAFF), in the
  order ICU gives them (after all the counted ones), with no count;
- a compatibility ideograph that is canonically a unified one (U+F900 豈 is U+8C48 豈) is left
  out: ICU sorts it as its twin, and the glossary looks it up by its canonical form.

Each line is a stroke count (``-`` for none), a tab and up to 50 characters; the counts go up
line by line and the characters are in collation order across lines, so a character's place
in the file is its place in the order. The script checks that ICU's sort keys agree before
it writes anything.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from itertools import groupby, pairwise
from operator import itemgetter
from pathlib import Path

import icu

TABLE = Path(__file__).resolve().parents[1] / "glossary" / "data" / "strokes-taiwan.txt"
LOCALE = "zh_Hant@collation=stroke"
BLOCKS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))
PER_LINE = 50
NO_COUNT = "-"


def marker(strokes: int) -> str:
    """What CLDR's stroke tailoring puts before the characters with ``strokes`` strokes."""
    return "\ufdd0" + chr(0x2800 + strokes)


def counted_characters(collator: icu.RuleBasedCollator) -> dict[str, int]:
    """Character -> stroke count, as the tailoring lists them (``&[last regular]`` then,
    per count, ``<'\\ufdd0⠁'<*一丨丶…``)."""
    rules = collator.getRules()
    start = rules.index("&[last regular]") + len("&[last regular]")
    section = rules[start : rules.index("&", start)]
    parts = re.split(r"<'\ufdd0(.)'", section)
    if parts[0]:
        raise SystemExit(f"unexpected rules before the first stroke marker: {parts[0][:40]!r}")
    counts: dict[str, int] = {}
    for mark, listed in zip(parts[1::2], parts[2::2], strict=True):
        chars = listed.replace("<*", "")
        if re.search(r"[<&'\s\[\]]", chars):
            raise SystemExit(f"unexpected rule syntax after {mark!r}: {chars[:40]!r}")
        for char in chars:
            counts[char] = ord(mark) - 0x2800
    return counts


def block_characters() -> list[str]:
    return [
        char
        for first, last in BLOCKS
        for char in map(chr, range(first, last + 1))
        if unicodedata.category(char) != "Cn"
    ]


def stroke_order(collator: icu.RuleBasedCollator) -> list[tuple[int | None, str]]:
    """(stroke count or None, character) in ICU's order, after checking that the sort keys
    agree with the counts: counted characters by count, then the uncounted ones, no two
    characters alike, and each canonical twin left out sorting as its character."""
    counts = counted_characters(collator)
    chars = set(counts) | set(block_characters())
    chars |= {unicodedata.normalize("NFC", char) for char in chars}
    canonical = {char for char in chars if unicodedata.normalize("NFC", char) == char}
    key = {char: bytes(collator.getSortKey(char)) for char in chars}
    for twin in chars - canonical:
        if key[twin] != key[unicodedata.normalize("NFC", twin)]:
            raise SystemExit(f"U+{ord(twin):04X} does not sort as its canonical form")
    order = sorted(canonical, key=key.__getitem__)
    for before, after in pairwise(order):
        if key[before] == key[after]:
            raise SystemExit(f"{before} and {after} sort alike: the table cannot say so")
    marks = sorted((bytes(collator.getSortKey(marker(n))), n) for n in set(counts.values()))
    last_counted = max(key[char] for char in counts)
    for char in order:
        n = counts.get(char)
        if n is None and key[char] < last_counted:
            raise SystemExit(f"{char} has no stroke count but sorts among counted ones")
        between = [m for mark, m in marks if mark < key[char]]
        if n is not None and between[-1:] != [n]:
            raise SystemExit(f"{char} is listed with {n} strokes but does not sort there")
    return [(counts.get(char), char) for char in order]


def format_table(order: list[tuple[int | None, str]]) -> str:
    lines = [
        "# Chinese characters in ICU's zh-Hant stroke order, with their stroke counts as",
        "# Taiwan counts them, for the zh-Hant index (glossary.collate). Do not edit: generated",
        f"# by tooling/scripts/make_stroke_table.py from ICU {icu.ICU_VERSION} (Unicode "
        f"{icu.UNICODE_VERSION}),",
        f"# collation {LOCALE}.",
        f"# Each line: a stroke count, a tab, up to {PER_LINE} characters. A character's place",
        "# in the file is its place in the order. Characters ICU gives no count (count -)",
        "# come after the counted ones; a compatibility ideograph is found by its canonical",
        "# form; a character not in the file sorts after all of them, by code point.",
    ]
    for count, group in groupby(order, key=itemgetter(0)):
        chars = "".join(char for _, char in group)
        label = NO_COUNT if count is None else str(count)
        lines += (f"{label}\t{chars[at : at + PER_LINE]}" for at in range(0, len(chars), PER_LINE))
    return "\n".join(lines) + "\n"


def main() -> int:
    collator = icu.Collator.createInstance(icu.Locale(LOCALE))
    order = stroke_order(collator)
    TABLE.write_text(format_table(order), "utf-8")
    print(f"{TABLE}: {len(order)} characters from ICU {icu.ICU_VERSION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
