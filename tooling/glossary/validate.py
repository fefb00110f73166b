"""validate: the checks of one term file, as iterators of diagnostics.

``SchemaChecker.iter_errors`` explains JSON Schema failures in plain sentences, one
function per keyword (``EXPLAIN``); ``iter_document_errors`` checks one file's text (NFC,
Chinese script, completeness, placeholders, stale translations). The checks across files
(ids, duplicate terms, relations) are ``index.iter_index_errors``, in two phases: index
every concept first, then resolve."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import jsonschema_rs

from glossary.config import Config
from glossary.diagnostics import SOFT, Diagnostic, diagnostic, format_field
from glossary.hanzi import find_foreign_characters
from glossary.index import suggest
from glossary.load import SCHEMA_LINE, Document
from glossary.messages import N_, hint, lazy
from glossary.model import Concept
from glossary.placeholder import PLACEHOLDER, is_placeholder
from glossary.translation import source_hashes, stale_fields

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCRIPT_NAMES = {"Hans": N_("Simplified"), "Hant": N_("Traditional")}
TYPE_NAMES = {
    "string": N_("text"),
    "array": N_("a list"),
    "object": N_("a mapping of fields"),
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "boolean": N_("true or false"),
    "null": N_("empty"),
}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return lazy(TYPE_NAMES["boolean"])
    if isinstance(value, (int, float)):
        return lazy(TYPE_NAMES["number"])
    if value is None:
        return lazy(TYPE_NAMES["null"])
    kinds: dict[type, str] = {str: "string", list: "array", dict: "object"}
    kind = kinds.get(type(value))
    return lazy(TYPE_NAMES[kind]) if kind else lazy(N_("a value"))


def _choice_hint(value: Any, choices: list, where: tuple = ()) -> str:
    suggestion = suggest(str(value), [str(c) for c in choices])
    if suggestion:
        return hint("did-you-mean", suggestion=suggestion)
    if where[:1] == ("tags",):  # a new tag is added to the list, with its names
        return hint("new-tag")
    return hint("choose-from", choices=", ".join(str(c) for c in choices))


_FORMATS = {
    "id": (N_("a valid id"), "id-format"),
    "target": (N_("a valid concept id"), "id-format"),
    "concept": (N_("a valid concept id"), "id-format"),  # a learning path's step
    "date": (N_("a valid date"), "date-format"),
    "url": (N_("a web address"), "url-format"),
    "name": (N_("a valid input name"), "name-format"),
}


_BOUNDS = {
    "minimum": N_("it must be at least {limit}"),
    "maximum": N_("it must be at most {limit}"),
    "exclusiveMinimum": N_("it must be more than {limit}"),
    "exclusiveMaximum": N_("it must be less than {limit}"),
}


def _subschema(schema: dict, schema_path: Iterable[Any]) -> dict:
    """The schema object that holds the failing keyword (``$ref`` hops are in the path)."""
    parts = list(schema_path)[:-1]
    node: Any = schema
    for part in parts:
        if part == "$ref":
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
            continue
        node = node[part]
    return node if isinstance(node, dict) else {}


def _defs_in(schema_path: Iterable[Any]) -> list:
    parts = list(schema_path)
    return [parts[i + 1] for i, part in enumerate(parts[:-1]) if part == "$defs"]


@dataclass(frozen=True)
class Failure:
    """One schema failure, with what every explanation needs."""

    doc: Document
    error: Any
    schema: dict
    verbose: bool

    @property
    def where(self) -> tuple:
        return tuple(self.error.instance_path)

    @property
    def details(self) -> dict:
        return self.error.kind.as_dict()

    @property
    def instance(self) -> Any:
        return self.error.instance

    def at(self, code: str, where: tuple | None = None, key: bool = False, **params: object):
        """A diagnostic at ``where`` (the failing value by default)."""
        where = self.where if where is None else where
        mark = self.doc.mark(where, key=key)
        return diagnostic(str(self.doc.path), mark, "error", code, format_field(where), **params)


Explain = Callable[[Failure], Iterator[Diagnostic]]


def _required(f: Failure) -> Iterator[Diagnostic]:
    name = f.details["property"]
    tips = {"terms": hint("add-terms"), "reason": hint("add-reason")}
    tip = tips.get(name, hint("add-field", name=name))
    yield f.at("missing-field", (*f.where, name), name=name, hint=tip)


def _additional_properties(f: Failure) -> Iterator[Diagnostic]:
    known = list(_subschema(f.schema, f.error.schema_path).get("properties", {}))
    for name in f.details["unexpected"]:
        suggestion = suggest(name, known)
        tip = hint("did-you-mean", suggestion=suggestion) if suggestion else hint("remove-field")
        yield f.at(
            "unknown-field",
            (*f.where, name),
            key=True,
            name=name,
            hint=tip,
            suggestion=suggestion or "",
        )


def _type(f: Failure) -> Iterator[Diagnostic]:
    expected = f.details["types"][0]
    yield f.at(
        "wrong-type", expected=lazy(TYPE_NAMES.get(expected, expected)), actual=_kind_of(f.instance)
    )


def _enum(f: Failure) -> Iterator[Diagnostic]:
    tip = _choice_hint(f.instance, f.details["options"], f.where)
    yield f.at("invalid-value", value=f.instance, hint=tip)


def _pattern(f: Failure) -> Iterator[Diagnostic]:
    key = next((p for p in reversed(f.where) if isinstance(p, str)), "")
    what, tip = _FORMATS.get(key, _FORMATS["id"])
    yield f.at("invalid-format", value=f.instance, what=lazy(what), hint=hint(tip))


def _min_length(f: Failure) -> Iterator[Diagnostic]:
    yield f.at("empty-text")


def _max_length(f: Failure) -> Iterator[Diagnostic]:
    yield f.at("too-long", maximum=f.details["limit"])


def _min_items(f: Failure) -> Iterator[Diagnostic]:
    yield f.at("empty-list", minimum=f.details["limit"])


def _unique_items(f: Failure) -> Iterator[Diagnostic]:
    seen: set = set()
    for index, item in enumerate(f.instance):
        key = repr(item)
        if key in seen:
            yield f.at("duplicate-item", (*f.where, index), value=item)
        seen.add(key)


def _contains(f: Failure) -> Iterator[Diagnostic]:
    """The only ``contains`` in the schema: a language's terms need one preferred term."""
    terms = f.instance
    preferred = [
        i for i, t in enumerate(terms) if isinstance(t, dict) and t.get("status") == "preferred"
    ]
    if not preferred:
        yield f.at("no-preferred")
    for index in preferred[1:]:
        yield f.at("several-preferred", (*f.where, index))


def _alternatives(f: Failure) -> Iterator[Diagnostic]:
    """``anyOf``/``oneOf``: a source needs one of its fields; elsewhere each branch's own
    failures are shown with --verbose (the schema-error line otherwise)."""
    if f.error.kind.name == "anyOf" and "source" in _defs_in(f.error.schema_path):
        yield f.at("source-incomplete")
    elif f.verbose:
        for branch in f.details.get("context", []):
            for inner in branch:
                yield from explain(replace(f, error=inner))
    else:
        yield from _other(f)


def _out_of_range(f: Failure) -> Iterator[Diagnostic]:
    bound = lazy(_BOUNDS[f.error.kind.name], limit=f.details["limit"])
    yield f.at("out-of-range", value=f.instance, bound=bound)


def _other(f: Failure) -> Iterator[Diagnostic]:
    yield f.at("schema-error", detail=f.error.message)


# Each JSON Schema keyword's failure explained in the editor's words (as jsonschema keeps
# one function per keyword); a keyword not listed gets the schema's own message.
EXPLAIN: dict[str, Explain] = {
    "required": _required,
    "additionalProperties": _additional_properties,
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minItems": _min_items,
    "uniqueItems": _unique_items,
    "contains": _contains,
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    **dict.fromkeys(_BOUNDS, _out_of_range),
}


def explain(failure: Failure) -> Iterator[Diagnostic]:
    return EXPLAIN.get(failure.error.kind.name, _other)(failure)


class SchemaChecker:
    """Runs the JSON Schema (jsonschema-rs: fast enough to run on every save) and turns
    each failure into one plain diagnostic."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.validator = jsonschema_rs.Draft202012Validator(schema)

    def iter_errors(self, doc: Document, verbose: bool = False) -> Iterator[Diagnostic]:
        if self.validator.is_valid(doc.data):
            return
        for error in self.validator.iter_errors(doc.data):
            yield from explain(Failure(doc, error, self.schema, verbose))


def _script_of(where: tuple, config: Config) -> str | None:
    """The language whose Chinese script a text must be in: its language section, or its
    key in a per-language mapping such as an input label."""
    for part in (where[0], where[-1]) if where else ():
        if part in config.language_tags and config.language(part).is_chinese:
            return part
    return None


def _consequence(cause: Diagnostic, d: Diagnostic, source_language: str) -> bool:
    """Whether ``d`` only follows from the misspelt key ``cause`` (``defintion`` leaves the
    entry without its ``definition``)."""
    params = dict(cause.params)
    meant, section = params.get("suggestion"), cause.field.rpartition(".")[0]
    if not meant or d is cause:
        return False
    if d.code == f"missing-{meant}" or d.code == "missing-field":
        return d.field in (section, f"{section}.{meant}" if section else meant)
    if d.code == "missing-language":
        return not section and dict(d.params).get("lang") == meant
    if d.code == "stale-translation":  # the source text the translations were made from
        return section == source_language and d.field.endswith(f".{meant}")
    return False


def attribute_causes(problems: list[Diagnostic], config: Config) -> list[Diagnostic]:
    """Problems that follow from a misspelt key, placed right after it when listed: the
    cause comes first."""
    causes = [d for d in problems if d.code == "unknown-field" and dict(d.params).get("suggestion")]
    if not causes:
        return problems
    source = config.source_language
    placed = []
    for d in problems:
        cause = next((c for c in causes if _consequence(c, d, source)), None)
        placed.append(replace(d, after=(cause.line, cause.column)) if cause else d)
    return placed


def _first_unnormalized(text: str) -> int:
    """Where the first character sequence that NFC would compose starts."""
    for end in range(1, len(text) + 1):
        if not unicodedata.is_normalized("NFC", text[:end]):
            return max(end - 2, 0)
    return 0


def iter_text_errors(doc: Document, config: Config) -> Iterator[Diagnostic]:
    """Every text of a file in Unicode NFC, and Chinese texts in their language's script
    (term and learning-path files alike)."""
    path = str(doc.path)
    for where, text in doc.strings:
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            yield diagnostic(
                path,
                doc.char_mark(where, text, _first_unnormalized(text)),
                SOFT,
                "not-nfc",
                format_field(where),
                nfc=unicodedata.normalize("NFC", text)[:80],
            )
        lang = _script_of(where, config) if not text.isascii() else None
        foreign = find_foreign_characters(text, lang) if lang else {}
        if foreign:
            wanted = config.language(lang).script  # type: ignore[arg-type]
            other = "Hant" if wanted == "Hans" else "Hans"
            first = min(text.index(char) for char in foreign)
            yield diagnostic(
                path,
                doc.char_mark(where, text, first),
                SOFT,
                "wrong-script",
                format_field(where),
                script_found=lazy(SCRIPT_NAMES[other]),
                lang=lang,
                script_wanted=lazy(SCRIPT_NAMES[wanted]),
                chars=" ".join(foreign),
                fixed=", ".join(f"{a} → {b}" for a, b in foreign.items()),
            )


def iter_document_errors(doc: Document, concept: Concept, config: Config) -> Iterator[Diagnostic]:
    """Checks of one file's content that the schema cannot express."""
    path = str(doc.path)
    if doc.first_line.strip() != SCHEMA_LINE:
        yield diagnostic(
            path,
            (1, 1),
            SOFT,
            "missing-schema-line",
            line=SCHEMA_LINE,
        )
    yield from iter_text_errors(doc, config)
    data_id = doc.data.get("id")
    if isinstance(data_id, str) and data_id != doc.path.stem and ID_PATTERN.match(data_id):
        yield diagnostic(
            path, doc.mark(("id",)), "error", "id-mismatch", "id", id=data_id, stem=doc.path.stem
        )
    yield from _iter_completeness(doc, concept, config)
    yield from _iter_source_notes(doc, concept, config)
    yield from _iter_placeholders(doc, config)
    yield from _iter_stale(doc, concept, config)


def _iter_completeness(doc: Document, concept: Concept, config: Config) -> Iterator[Diagnostic]:
    path = str(doc.path)
    for lang in config.languages:
        entry = concept.entry(lang.tag)
        if entry is None:
            if lang.required and not isinstance((doc.data or {}).get(lang.tag), dict):
                yield diagnostic(
                    path,
                    doc.mark(()),
                    SOFT,
                    "missing-language",
                    lang=lang.tag,
                )
            continue
        where = doc.mark((lang.tag,), key=True)
        if entry.definition is None and "definition" not in doc.data[lang.tag]:
            yield diagnostic(
                path,
                where,
                SOFT,
                "missing-definition",
                lang.tag,
                lang=lang.tag,
            )
        if entry.example is None and "example" not in doc.data[lang.tag]:
            yield diagnostic(
                path,
                where,
                SOFT,
                "missing-example",
                lang.tag,
                lang=lang.tag,
            )
    if not concept.relations and "relations" not in doc.data:
        yield diagnostic(path, doc.mark(()), SOFT, "no-relations")
    if not concept.sources and "sources" not in doc.data:
        yield diagnostic(path, doc.mark(()), SOFT, "no-sources")
    if config.needs_formula(concept.category, concept.id) and "formula" not in doc.data:
        yield diagnostic(path, doc.mark(()), SOFT, "no-formula", category=concept.category)


def _iter_source_notes(doc: Document, concept: Concept, config: Config) -> Iterator[Diagnostic]:
    """A source note missing in a language the concept is written in: that language's page
    shows the source without a note rather than another language's."""
    for index, source in enumerate(concept.sources):
        if not source.note:
            continue
        for lang in concept.entries:  # the source language's: required by the schema
            if lang != config.source_language and source.note_in(lang) is None:
                where = ("sources", index, "note")
                yield diagnostic(
                    str(doc.path),
                    doc.mark(where),
                    SOFT,
                    "missing-source-note",
                    format_field(where),
                    lang=lang,
                    source=config.source_language,
                )


_FILL_HINTS = {"term": "fill-term", "definition": "fill-definition", "example": "fill-example"}


def _iter_placeholders(doc: Document, config: Config) -> Iterator[Diagnostic]:
    """Texts still holding the ``TODO`` of a ``glossary new`` skeleton."""
    for where, text in doc.strings:
        if is_placeholder(text):
            name = next((p for p in reversed(where) if isinstance(p, str)), "")
            yield diagnostic(
                str(doc.path),
                doc.char_mark(where, text, max(text.find(PLACEHOLDER), 0)),
                SOFT,
                "placeholder",
                format_field(where),
                text=text.strip(),
                hint=hint(_FILL_HINTS.get(name, "fill-text"), lang=where[0]),
            )


def _iter_stale(doc: Document, concept: Concept, config: Config) -> Iterator[Diagnostic]:
    """Translations whose source text changed since they were last reviewed."""
    recording = [
        lang
        for lang in config.language_tags
        if (entry := concept.entry(lang)) and entry.translated_from
    ]
    current = source_hashes(concept, config) if recording else {}
    for lang in recording:
        for name in stale_fields(concept, lang, config, current):
            yield diagnostic(
                str(doc.path),
                doc.mark(("sources",) if name == "sources" else (lang, name)),
                SOFT,
                "stale-translation",
                f"{lang}.{name}",
                source=config.source_language,
                name=name,
                id=concept.id,
                lang=lang,
            )
