"""validate: every check of a term file, as iterators of diagnostics.

``iter_schema_errors`` explains JSON Schema failures in plain sentences;
``iter_document_errors`` checks one file's text (NFC, Chinese script, completeness);
``iter_glossary_errors`` checks across files (ids, duplicate terms, relations) in
two phases: index every concept first, then resolve."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import jsonschema_rs

from glossary.config import Config
from glossary.diagnostics import Diagnostic, diagnostic
from glossary.hanzi import find_foreign_characters
from glossary.index import suggest
from glossary.load import SCHEMA_LINE, Document
from glossary.messages import N_, hint, lazy
from glossary.model import Concept
from glossary.placeholder import is_placeholder
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


def format_field(where: Iterable[Any]) -> str:
    """``('ko', 'terms', 1, 'term')`` → ``ko.terms[1].term``."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


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


def _choice_hint(value: Any, choices: list) -> str:
    suggestion = suggest(str(value), [str(c) for c in choices])
    if suggestion:
        return hint("did-you-mean", suggestion=suggestion)
    return hint("choose-from", choices=", ".join(str(c) for c in choices))


_FORMATS = {
    "id": (N_("a valid id"), "id-format"),
    "target": (N_("a valid concept id"), "id-format"),
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


class SchemaChecker:
    """Runs the JSON Schema (jsonschema-rs: fast enough to run on every save) and turns
    each failure into one plain diagnostic."""

    def __init__(self, schema: dict):
        self._schema = schema
        self.validator = jsonschema_rs.Draft202012Validator(schema)

    def iter_errors(self, doc: Document, verbose: bool = False) -> Iterator[Diagnostic]:
        if self.validator.is_valid(doc.data):
            return
        for error in self.validator.iter_errors(doc.data):
            yield from self._explain(doc, error, verbose)

    def _explain(self, doc: Document, error: Any, verbose: bool) -> Iterator[Diagnostic]:
        where = tuple(error.instance_path)
        keyword = error.kind.name
        details = error.kind.as_dict()
        here = doc.mark(where)
        path = str(doc.path)
        instance = error.instance
        if keyword == "required":
            name = details["property"]
            tip = {"terms": hint("add-terms"), "reason": hint("add-reason")}.get(
                name, hint("add-field", name=name)
            )
            yield diagnostic(
                path,
                here,
                "error",
                "missing-field",
                format_field((*where, name)),
                name=name,
                hint=tip,
            )
        elif keyword == "additionalProperties":
            known = list(_subschema(self.validator_schema, error.schema_path).get("properties", {}))
            for name in details["unexpected"]:
                suggestion = suggest(name, known)
                tip = (
                    hint("did-you-mean", suggestion=suggestion)
                    if suggestion
                    else hint("remove-field")
                )
                yield diagnostic(
                    path,
                    doc.mark((*where, name), key=True),
                    "error",
                    "unknown-field",
                    format_field((*where, name)),
                    name=name,
                    hint=tip,
                )
        elif keyword == "type":
            expected = details["types"][0]
            yield diagnostic(
                path,
                here,
                "error",
                "wrong-type",
                format_field(where),
                expected=lazy(TYPE_NAMES.get(expected, expected)),
                actual=_kind_of(instance),
            )
        elif keyword == "enum":
            yield diagnostic(
                path,
                here,
                "error",
                "invalid-value",
                format_field(where),
                value=instance,
                hint=_choice_hint(instance, details["options"]),
            )
        elif keyword == "pattern":
            key = next((p for p in reversed(where) if isinstance(p, str)), "")
            what, tip = _FORMATS.get(key, _FORMATS["id"])
            what = lazy(what)
            yield diagnostic(
                path,
                here,
                "error",
                "invalid-format",
                format_field(where),
                value=instance,
                what=what,
                hint=hint(tip),
            )
        elif keyword == "minLength":
            yield diagnostic(path, here, "error", "empty-text", format_field(where))
        elif keyword == "maxLength":
            yield diagnostic(
                path, here, "error", "too-long", format_field(where), maximum=details["limit"]
            )
        elif keyword == "minItems":
            yield diagnostic(
                path, here, "error", "empty-list", format_field(where), minimum=details["limit"]
            )
        elif keyword == "uniqueItems":
            seen: set = set()
            for index, item in enumerate(instance):
                key = repr(item)
                if key in seen:
                    yield diagnostic(
                        path,
                        doc.mark((*where, index)),
                        "error",
                        "duplicate-item",
                        format_field((*where, index)),
                        value=item,
                    )
                seen.add(key)
        elif keyword == "contains":
            yield from self._explain_preferred(doc, where, instance)
        elif keyword == "anyOf" and "source" in _defs_in(error.schema_path):
            yield diagnostic(path, here, "error", "source-incomplete", format_field(where))
        elif keyword in ("anyOf", "oneOf") and verbose:
            for branch in details.get("context", []):
                for inner in branch:
                    yield from self._explain(doc, inner, verbose)
        elif keyword in _BOUNDS:
            yield diagnostic(
                path,
                here,
                "error",
                "out-of-range",
                format_field(where),
                value=instance,
                bound=lazy(_BOUNDS[keyword], limit=details["limit"]),
            )
        else:
            yield diagnostic(
                path, here, "error", "schema-error", format_field(where), detail=error.message
            )

    @property
    def validator_schema(self) -> dict:
        return self._schema

    @staticmethod
    def _explain_preferred(doc: Document, where: tuple, terms: list) -> Iterator[Diagnostic]:
        preferred = [
            i for i, t in enumerate(terms) if isinstance(t, dict) and t.get("status") == "preferred"
        ]
        field_name = format_field(where)
        if not preferred:
            yield diagnostic(str(doc.path), doc.mark(where), "error", "no-preferred", field_name)
        for index in preferred[1:]:
            yield diagnostic(
                str(doc.path),
                doc.mark((*where, index)),
                "error",
                "several-preferred",
                format_field((*where, index)),
            )


def _script_of(where: tuple, config: Config) -> str | None:
    """The language whose Chinese script a text must be in: its language section, or its
    key in a per-language mapping such as an input label."""
    for part in (where[0], where[-1]) if where else ():
        if part in config.language_tags and config.language(part).is_chinese:
            return part
    return None


def iter_document_errors(doc: Document, concept: Concept, config: Config) -> Iterator[Diagnostic]:
    """Checks of one file's content that the schema cannot express."""
    path = str(doc.path)
    if doc.first_line.strip() != SCHEMA_LINE:
        yield diagnostic(
            path,
            (1, 1),
            config.severity_of("missing-schema-line"),
            "missing-schema-line",
            line=SCHEMA_LINE,
        )
    for where, text in doc.strings:
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            yield diagnostic(
                path,
                doc.mark(where),
                config.severity_of("not-nfc"),
                "not-nfc",
                format_field(where),
                nfc=unicodedata.normalize("NFC", text)[:80],
            )
        lang = _script_of(where, config) if not text.isascii() else None
        foreign = find_foreign_characters(text, lang) if lang else {}
        if foreign:
            wanted = config.language(lang).script  # type: ignore[arg-type]
            other = "Hant" if wanted == "Hans" else "Hans"
            yield diagnostic(
                path,
                doc.mark(where),
                config.severity_of("wrong-script"),
                "wrong-script",
                format_field(where),
                script_found=lazy(SCRIPT_NAMES[other]),
                lang=lang,
                script_wanted=lazy(SCRIPT_NAMES[wanted]),
                chars=" ".join(foreign),
                fixed=", ".join(f"{a} → {b}" for a, b in foreign.items()),
            )
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
                    config.severity_of("missing-language"),
                    "missing-language",
                    lang=lang.tag,
                )
            continue
        where = doc.mark((lang.tag,), key=True)
        if entry.definition is None and "definition" not in doc.data[lang.tag]:
            yield diagnostic(
                path,
                where,
                config.severity_of("missing-definition"),
                "missing-definition",
                lang.tag,
                lang=lang.tag,
            )
        if entry.example is None and "example" not in doc.data[lang.tag]:
            yield diagnostic(
                path,
                where,
                config.severity_of("missing-example"),
                "missing-example",
                lang.tag,
                lang=lang.tag,
            )
    if not concept.relations and "relations" not in doc.data:
        yield diagnostic(path, doc.mark(()), config.severity_of("no-relations"), "no-relations")
    if not concept.sources and "sources" not in doc.data:
        yield diagnostic(path, doc.mark(()), config.severity_of("no-sources"), "no-sources")


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
                    config.severity_of("missing-source-note"),
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
                doc.mark(where),
                config.severity_of("placeholder"),
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
                config.severity_of("stale-translation"),
                "stale-translation",
                f"{lang}.{name}",
                source=config.source_language,
                name=name,
                id=concept.id,
                lang=lang,
            )
