"""review: record, in a term file's text, which source version a translation matches.

``glossary review`` rewrites one language's ``translated_from`` block and nothing else:
a targeted edit of the lines, so every comment, fold and quote an editor wrote stays
byte for byte. The edit is checked by loading the result again; if anything but that
block would change, nothing is returned and the file stays as it was."""

from __future__ import annotations

import re
from typing import Any

from glossary.config import Config
from glossary.load import Document, load_text
from glossary.model import build_concept
from glossary.translation import FIELDS, recorded_hashes, reviewed_hashes, translated_fields

KEY = "translated_from"
_LINE = re.compile(r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029]|\Z)")


class ReviewError(Exception):
    """Why a review cannot be recorded; ``code`` names its message, ``params`` fill it."""

    def __init__(self, code: str, **params: str):
        super().__init__(code)
        self.code = code
        self.params = params


def split_lines(text: str) -> list[str]:
    """Lines with their breaks, counted as YAML (and the loader's marks) count them."""
    return [match.group() for match in _LINE.finditer(text) if match.group()]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int) -> int:
    """The index after the last line of the block opened by the key on line ``start``:
    every following line indented deeper, up to the first that is not (blank lines
    and comments at the end belong to whatever comes next)."""
    indent = _indent(lines[start])
    end = start + 1
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if _indent(line) <= indent:
            break
        end = index + 1
    return end


def _child_indent(doc: Document, lang: str, lines: list[str]) -> int:
    """The indentation of the keys inside the ``lang`` section, which must be a block."""
    key_line = doc.key_marks[(lang,)][0]
    value_line, value_column = doc.marks[(lang,)]
    children = [
        column
        for where, (_, column) in doc.key_marks.items()
        if len(where) == 2 and where[0] == lang
    ]
    first = lines[value_line - 1][value_column - 1 :] if value_line <= len(lines) else ""
    if value_line <= key_line or not children or first.startswith("{"):
        raise ReviewError("review-not-block", lang=lang)
    return min(children) - 1


def _render_block(indent: int, step: int, hashes: dict[str, str], newline: str) -> list[str]:
    if not hashes:
        return []
    pad = " " * indent
    return [f"{pad}{KEY}:{newline}"] + [
        f'{pad}{" " * step}{name}: "{value}"{newline}' for name, value in hashes.items()
    ]


def _without_record(data: Any, lang: str) -> Any:
    copy = dict(data)
    copy[lang] = {k: v for k, v in data[lang].items() if k != KEY}
    return copy


def record_review(doc: Document, lang: str, hashes: dict[str, str]) -> str:
    """The file's text with ``lang``'s ``translated_from`` set to ``hashes`` (removed when
    empty). Raises ``ReviewError`` rather than return a text that differs elsewhere."""
    lines = split_lines(doc.source)
    lang_line = doc.key_marks[(lang,)][0] - 1
    indent = _child_indent(doc, lang, lines)
    step = indent - _indent(lines[lang_line]) if indent > _indent(lines[lang_line]) else 2
    newline = next((m for m in ("\r\n", "\n", "\r") if lines[lang_line].endswith(m)), "\n")
    if (lang, KEY) in doc.key_marks:
        start = doc.key_marks[(lang, KEY)][0] - 1
        end = _block_end(lines, start)
    else:
        start = end = _block_end(lines, lang_line)
        if not lines[end - 1].endswith(("\n", "\r", "\x85", "\u2028", "\u2029")):
            lines[end - 1] += newline
    text = "".join(lines[:start] + _render_block(indent, step, hashes, newline) + lines[end:])
    _verify(doc, lang, hashes, text)
    return text


def _verify(doc: Document, lang: str, hashes: dict[str, str], text: str) -> None:
    after = load_text(doc.path, text)
    data = after.data
    same = (
        not after.diagnostics
        and after.first_line == doc.first_line
        and isinstance(data, dict)
        and isinstance(data.get(lang), dict)
        and data[lang].get(KEY, {}) == hashes
        and _without_record(data, lang) == _without_record(doc.data, lang)
    )
    if not same:
        raise ReviewError("review-unsafe")


def review_languages(
    doc: Document, langs: list[str], fields: tuple[str, ...], config: Config
) -> tuple[str, list[tuple[str, dict]]]:
    """The file's text once ``langs`` are recorded as reviewed, and what to tell the editor
    (message codes and their fields); raises ``ReviewError`` if any language cannot be
    recorded, so that nothing is written."""
    done = []
    for lang in langs:
        concept = build_concept(doc, config)
        entry = concept.entry(lang)
        if entry is None or not isinstance(doc.data.get(lang), dict):
            raise ReviewError("review-no-entry", lang=lang)
        translated = translated_fields(concept, lang, config)
        for name in fields if fields != FIELDS else ():
            if name not in translated:
                raise ReviewError("review-no-field", lang=lang, field=name)
        hashes = reviewed_hashes(concept, lang, config, fields)
        if not hashes and not recorded_hashes(entry):
            done.append(("review-nothing", {"lang": lang}))
        elif hashes == dict(entry.translated_from):
            done.append(("review-unchanged", {"lang": lang}))
        else:
            doc = load_text(doc.path, record_review(doc, lang, hashes))
            reviewed = [name for name in FIELDS if name in hashes and name in fields] or fields
            done.append(("review-done", {"lang": lang, "fields": ", ".join(reviewed)}))
    return doc.source, done
