"""What a spreadsheet program saved, before the CSV is read: its encoding, its separator,
and the cells it must not run as formulas.

* Encoding: UTF-8, with or without a byte-order mark, or UTF-16 with its mark. A file in
  a legacy code page (CP949/EUC-KR, GB18030/GBK, Big5: what Excel's plain "CSV" saves in
  Korea, mainland China and Taiwan) is refused with one error that names the code page
  and says how to save as "CSV UTF-8". It is never decoded: a guess could write mojibake
  into term files, and the code page has already lost every character it cannot hold
  (Chinese rows saved in CP949, Korean ones in Big5 become '?'). The code page is
  recognised by decoding the file with each and checking the rows against their
  ``language`` column (Hangul in ko rows, Simplified Han in zh-Hans rows, Traditional in
  zh-Hant rows).
* Separator: comma, semicolon (Excel where the decimal mark is a comma) or tab ("Unicode
  text"), found from the header row, which must name the glossary's columns; Excel's
  ``sep=;`` first line is honoured. A file whose header names none of them is refused
  with one error rather than one per row.
* Formula injection (OWASP, "CSV Injection"): a cell that starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return is written after an apostrophe, so that a
  spreadsheet shows it as text instead of running it; reading removes that apostrophe.
  A cell that itself starts with apostrophes before such a character gets one more, so
  every value reads back unchanged."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass

from glossary.config import Config
from glossary.hanzi import find_foreign_characters
from glossary.messages import N_

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
LEGACY_CODE_PAGES = (  # codec, name, where Excel saves "CSV" in it
    ("cp949", "CP949 (EUC-KR)", N_("Korea")),
    ("gb18030", "GB18030 (GBK)", N_("mainland China")),
    ("big5", "Big5", N_("Taiwan and Hong Kong")),
)


def protect_cell(value: str) -> str:
    """The cell as written: an apostrophe before a value a spreadsheet would run."""
    return "'" + value if value.lstrip("'").startswith(FORMULA_STARTS) else value


def unprotect_cell(value: str) -> str:
    """The value of a cell written by ``protect_cell``."""
    protected = value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS)
    return value[1:] if protected else value


@dataclass(frozen=True)
class LegacyEncoding:
    """A file that is not UTF-8: the code page it seems to be in (``None``: unclear)."""

    name: str | None
    region: str | None
    byte: int


def decode(raw: bytes, config: Config) -> str | LegacyEncoding:
    """The file's text: UTF-8 (with or without a byte-order mark), or UTF-16 with its
    mark (Excel's "Unicode text"); otherwise the legacy code page it seems to be in."""
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        name, region = _legacy_code_page(raw, config) or (None, None)
        return LegacyEncoding(name, region, raw[error.start])


def _legacy_code_page(raw: bytes, config: Config) -> tuple[str, str] | None:
    """The legacy code page whose reading of ``raw`` puts each row's text in the script
    of its ``language`` column; ``None`` when none clearly does."""
    best, best_score = None, 0.0
    for codec, name, region in LEGACY_CODE_PAGES:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _script_agreement(text, config)
        if score > best_score:
            best, best_score = (name, region), score
    return best if best_score >= 0.9 else None


def _script_agreement(text: str, config: Config) -> float:
    """The share of the non-ASCII letters in rows of CJK languages that are in their
    row's script."""
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_separator_of(text)))
    header = rows[0] if rows else []
    if "language" not in header:
        return 0.0
    column = header.index("language")
    good = total = 0
    for row in rows[1:]:
        lang = row[column].strip() if column < len(row) else ""
        if lang not in config.language_tags:
            continue
        script = config.language(lang).script
        letters = [c for c in "".join(row) if not c.isascii() and c.isalpha()]
        if script in ("Kore", "Hans", "Hant"):
            wrong = find_foreign_characters("".join(letters), lang) if script != "Kore" else {}
            good += sum(1 for c in letters if _in_script(c, script) and c not in wrong)
            total += len(letters)
    return good / total if total else 0.0


def _in_script(char: str, script: str) -> bool:
    name = unicodedata.name(char, "")
    if script == "Kore":
        return name.startswith("HANGUL")
    return name.startswith("CJK UNIFIED IDEOGRAPH")


def _separator_of(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max(SEPARATORS, key=first.count)


@dataclass(frozen=True)
class Dialect:
    """The separator of a CSV file, and how many lines precede its header."""

    separator: str
    skip: int = 0


def find_dialect(text: str, columns: tuple[str, ...]) -> Dialect | None:
    """The separator with which the first line names the most of ``columns`` (at least
    ``id`` and ``language``); ``None`` when no separator does."""
    first, _, rest = text.partition("\n")
    line = first.rstrip("\r")
    if line.startswith("sep=") and len(line) == 5:  # Excel's own hint
        found = find_dialect(rest, columns)
        return Dialect(line[4], 1) if found and found.separator == line[4] else None
    best: Dialect | None = None
    best_count = 0
    for separator in SEPARATORS:
        header = next(csv.reader([line], delimiter=separator), [])
        known = {cell.strip() for cell in header} & set(columns)
        if {"id", "language"} <= known and len(known) > best_count:
            best, best_count = Dialect(separator), len(known)
    return best
