"""load: read one term file into plain values, keeping a line and column for each.

YAML is read as YAML 1.2 core schema (``no`` and ``on`` stay text, dates stay text)
from libyaml's event stream, so what YAML allows but a term file must not have
(duplicate keys, anchors and aliases, tags, several documents, non-UTF-8) becomes a
diagnostic rather than a surprise."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from glossary.diagnostics import Diagnostic, diagnostic
from glossary.messages import N_, hint, lazy

MAX_BYTES = 1 << 20
MAX_DEPTH = 32
SCHEMA_LINE = "# yaml-language-server: $schema=../tooling/glossary/data/term.schema.json"

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_COMMENT = re.compile(r"(?m)^[ \t]*#.*$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

Place = tuple  # a value's place: keys and list indexes from the top


@dataclass(frozen=True)
class Document:
    """A loaded term file: its values, where each value and key starts, and what went wrong."""

    path: Path
    data: Any
    marks: dict = field(repr=False)
    key_marks: dict = field(repr=False)
    diagnostics: tuple[Diagnostic, ...] = ()
    first_line: str = ""
    strings: tuple = field(default=(), repr=False)  # every text value with its place
    source: str = field(default="", repr=False)  # the text, to place errors inside a value

    def mark(self, where: Place, key: bool = False) -> tuple[int, int]:
        """The line and column of the value at ``where`` (or of its key), else its nearest
        parent."""
        table = self.key_marks if key else self.marks
        while where:
            if where in table:
                return table[where]
            if not key and where in self.key_marks:
                return self.key_marks[where]
            where = where[:-1]
        return self.marks.get((), (1, 1))

    def char_mark(self, where: Place, text: str, offset: int) -> tuple[int, int]:
        """The line and column of the character at ``offset`` of the text value at
        ``where``, inside folded and literal blocks too."""
        lines = self.source.split("\n")
        return position_in(text_anchors(lines, self.mark(where), text), offset)


def resolve_scalar(text: str) -> Any:
    """A plain scalar's value under the YAML 1.2 core schema."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


_PLAIN_TEXT_START = frozenset("0123456789+-.~nNtTfF")
_Scalar, _SeqStart, _SeqEnd = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MapStart, _MapEnd, _Alias = yaml.MappingStartEvent, yaml.MappingEndEvent, yaml.AliasEvent


class _Builder:
    """Turns libyaml events into values, marks and diagnostics (the hot loop of ``check``)."""

    def __init__(self, path: Path, next_event: Any):
        self.path = str(path)
        self.next = next_event
        self.marks: dict = {}
        self.key_marks: dict = {}
        self.strings: list[tuple[Place, str]] = []
        self.problems: list[Diagnostic] = []
        self.aliases = False

    def problem(self, event: Any, code: str, **params: object) -> None:
        if code == "yaml-alias":  # one report per file: an alias bomb has thousands
            if self.aliases:
                return
            self.aliases = True
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        self.problems.append(diagnostic(self.path, mark, "error", code, "", **params))

    def check_node(self, event: Any) -> None:
        if event.anchor:
            self.problem(event, "yaml-alias")
        tag = event.tag
        if tag and tag != "!" and not (type(event) is _Scalar and tag == "tag:yaml.org,2002:str"):
            self.problem(event, "yaml-tag", tag=tag.replace("tag:yaml.org,2002:", "!!"))

    def build(self, event: Any, where: Place) -> Any:
        mark = event.start_mark
        self.marks[where] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is _Alias:
            self.problem(event, "yaml-alias")
            return None
        if event.anchor or event.tag:
            self.check_node(event)
        if kind is _Scalar:
            value = event.value
            if event.implicit[0] and (not value or value[0] in _PLAIN_TEXT_START):
                value = resolve_scalar(value)
            if type(value) is str:
                self.strings.append((where, value))
            return value
        if len(where) >= MAX_DEPTH:
            self.problem(event, "too-deep", limit=MAX_DEPTH)
            raise _TooDeep
        if kind is _SeqStart:
            return self.build_sequence(where)
        return self.build_mapping(where)

    def build_sequence(self, where: Place) -> list:
        items: list = []
        next_event = self.next
        while True:
            event = next_event()
            if type(event) is _SeqEnd:
                return items
            items.append(self.build(event, (*where, len(items))))

    def build_mapping(self, where: Place) -> dict:
        mapping: dict = {}
        next_event = self.next
        while True:
            event = next_event()
            kind = type(event)
            if kind is _MapEnd:
                return mapping
            if kind is not _Scalar:
                self.problem(event, "complex-key")
                self.build(event, (*where, "?"))
                self.build(next_event(), (*where, "?"))
                continue
            if event.anchor or event.tag:
                self.check_node(event)
            key = event.value
            if key in mapping:
                self.problem(
                    event, "duplicate-key", key=key, first_line=self.key_marks[(*where, key)][0]
                )
                self.build(next_event(), (*where, "?"))
                continue
            here = (*where, key)
            mark = event.start_mark
            self.key_marks[here] = (mark.line + 1, mark.column + 1)
            mapping[key] = self.build(next_event(), here)


class _TooDeep(Exception):
    pass


def _syntax_problem(path: Path, text: str, error: yaml.YAMLError) -> Diagnostic:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (getattr(error, "problem", None) or str(error)).strip()
    line = text.split("\n")[where[0] - 1] if where[0] <= text.count("\n") + 1 else ""
    if "\t" in line[: where[1]]:
        return diagnostic(str(path), (where[0], line.index("\t") + 1), "error", "yaml-tab")
    if "mapping values are not allowed" in problem:
        fix = hint("quote-value")
    else:
        fix = hint("check-indent")
    return diagnostic(str(path), where, "error", "yaml-syntax", problem=problem, hint=fix)


def _decode(path: Path, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    if len(raw) > MAX_BYTES:
        return None, [
            diagnostic(str(path), (1, 1), "error", "file-too-large", size=len(raw), limit=MAX_BYTES)
        ]
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        return None, [diagnostic(str(path), _position(raw, offset), "error", "binary-file")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [
            diagnostic(
                str(path),
                _position(raw, error.start),
                "error",
                "not-utf8",
                byte=f"{raw[error.start]:02X}",
            )
        ]
    return text.removeprefix("\ufeff"), []


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def load_text(path: Path, text: str) -> Document:
    """Load a term file's text; problems become diagnostics, never exceptions."""
    loader = Loader(text)
    builder = _Builder(path, loader.get_event)
    data: Any = None
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent or event is None:
                break
            if kind is yaml.DocumentStartEvent:
                if builder.marks:
                    builder.problem(event, "multiple-documents")
                    break
                data = builder.build(loader.get_event(), ())
    except yaml.YAMLError as error:
        builder.problems.append(_syntax_problem(path, text, error))
        data = None
    except _TooDeep:
        data = None
    finally:
        loader.dispose()
    if not builder.problems and not isinstance(data, dict):
        if data is None and not _COMMENT.sub("", text).strip():
            builder.problems.append(diagnostic(str(path), (1, 1), "error", "empty-file"))
        else:
            shape = lazy(N_("a list") if isinstance(data, list) else N_("a single value"))
            builder.problems.append(
                diagnostic(
                    str(path), builder.marks.get((), (1, 1)), "error", "not-a-mapping", kind=shape
                )
            )
    if not isinstance(data, dict):
        data = None
    first_line = text.split("\n", 1)[0]
    return Document(
        path,
        data,
        builder.marks,
        builder.key_marks,
        tuple(builder.problems),
        first_line,
        tuple(builder.strings) if data is not None else (),
        text,
    )


def load_document(path: Path) -> Document:
    """Read and load one term file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        problem = diagnostic(
            str(path), (1, 1), "error", "unreadable", reason=error.strerror or str(error)
        )
        return Document(path, None, {}, {}, (problem,))
    text, problems = _decode(path, raw)
    if text is None:
        return Document(path, None, {}, {}, tuple(problems))
    return load_text(path, text)


# Where a character inside a value stands in the source. A value's mark is where it
# starts; a check that points at a word inside a definition needs more: a folded (``>-``)
# or literal (``|``) block starts on the line after its mark, folding joins lines with a
# space (or, in unspaced languages, with nothing: see ``model.text_of``), and a quoted
# scalar may write one character as an escape.

Anchors = tuple[int, ...]
"""Flattened ``(offset, line, column)`` triples: from each offset on, the characters of a
text follow one another on that line, up to the next triple's offset. A negative column
(``-c``) means the text could not be followed further: every later offset is at ``c``."""

_ESCAPE_LENGTHS = {"x": 4, "u": 6, "U": 10}
_SPACES = re.compile(r"\s*")


def _anchor(anchors: list[int], offset: int, line: int, column: int) -> None:
    """Add a triple, unless it only continues the stretch before it."""
    if anchors:
        start, last_line, last_column = anchors[-3:]
        if last_line == line and last_column > 0 and column - last_column == offset - start:
            return
    anchors += (offset, line, column)


def text_anchors(lines: list[str], mark: tuple[int, int], text: str) -> Anchors:
    """Where the stretches of ``text`` stand in the source ``lines``, ``text`` being the
    value at ``mark`` as loaded or as published (trimmed, folded lines joined).

    Each source line is found in the text as a whole, which is fast; a line the source
    writes differently (escapes in a quoted scalar, ``''``, spaces the text dropped) is
    followed character by character. What cannot be followed points at the value's mark."""
    row, column = mark[0] - 1, mark[1] - 1
    head = lines[row][column : column + 1] if 0 <= row < len(lines) else ""
    quote = head if head in ("'", '"') else ""
    if head in ("|", ">"):
        row, column = row + 1, 0
    elif quote:
        column += 1
    anchors: list[int] = []  # a line found whole starts a stretch of its own
    position, size = 0, len(text)
    while position < size and row < len(lines):
        line = lines[row]
        start = _after_spaces(line, column)
        content = line[start:].rstrip()
        position = _after_spaces(text, position)
        if not content:
            pass
        elif text.startswith(content, position):  # the whole line is text
            anchors += (position, row + 1, start + 1)
            position += len(content)
        elif size - position < len(content) and content.startswith(text[position:]):
            anchors += (position, row + 1, start + 1)  # the value ends inside this line
            position = size
        else:
            followed = _follow(line, row, start, text, position, quote, anchors)
            if followed is None:
                anchors += (position, mark[0], -mark[1])
                break
            position = followed
        row, column = row + 1, 0
    return tuple(anchors) or (0, mark[0], mark[1])


def _after_spaces(text: str, position: int) -> int:
    match = _SPACES.match(text, position)  # always matches, if only the empty string
    return match.end() if match else position


def _follow(
    line: str, row: int, column: int, text: str, position: int, quote: str, anchors: list[int]
) -> int | None:
    """Follow ``text`` along one source line, character by character: the position in
    ``text`` where the line ends, or None where the two part ways. ``quote`` is the
    scalar's quotation mark, if it has one."""
    while column < len(line) and position < len(text):
        char, source = text[position], line[column]
        if quote == '"' and source == "\\":
            if column == len(line) - 1:  # an escaped line break joins without a space
                return position
            _anchor(anchors, position, row + 1, column + 1)
            column += _ESCAPE_LENGTHS.get(line[column + 1], 2)
            position += 1
        elif quote == "'" and source == "'" and line[column + 1 : column + 2] == "'":
            _anchor(anchors, position, row + 1, column + 1)
            column += 2
            position += 1
        elif char == source:
            _anchor(anchors, position, row + 1, column + 1)
            column += 1
            position += 1
        elif source in " \t" or source == quote:  # spacing the text dropped, a closing quote
            column += 1
        elif char.isspace():  # a line break folded into a space
            position += 1
        else:
            return None
    return position


def position_in(anchors: Anchors, offset: int) -> tuple[int, int]:
    """The line and column of the character at ``offset`` of a text (see ``text_anchors``)."""
    index = max(bisect_right(anchors[0::3], offset) - 1, 0) * 3
    start, line, column = anchors[index : index + 3]
    if column < 0:
        return line, -column
    return line, column + max(offset - start, 0)
