"""TBX-Basic (ISO 30042:2019, TBX v3, DCA style): the exchange format of translation tools.
Also written and read in its 2008 form (``<martif>``), a rename of this tree
(``exchange.tbx2008``).

The mapping, chosen so that a file passes the official RNG and Schematron and reads back
without loss (see ``tests/test_exchange.py``):

* ``conceptEntry id`` — the concept id (an id starting with a digit gets a leading ``_``,
  since XML ids cannot start with one); ``descrip type="subjectField"`` — the category;
  ``ref type="crossReference" target="<id>"`` — a relation, its type as the text;
  ``adminGrp`` with ``admin type="source"`` — a source, each field in a ``note`` as
  ``key: value``, a source's note given per language as one ``note: <text>`` with that
  language's ``xml:lang`` each; concept-level ``note`` — ``tag: <tag>`` and ``formula: <JSON>``.
* ``langSec xml:lang`` — an entry; ``descripGrp/descrip type="definition"``; each of the
  entry's notes as a ``note``; a hash of ``translated_from`` as a ``note`` reading
  ``translated_from <field>: <hash>``.
* ``termSec`` — a designation: ``term``, ``termNote type="administrativeStatus"`` (with
  the reason as a ``note`` in its ``termNoteGrp``), ``termNote type="termType"`` (with
  ``link: never`` as a ``note`` in its ``termNoteGrp`` for a designation never linked), the
  designation's note as a ``note``; the example is ``descrip type="context"`` in the
  preferred term's ``termSec``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from glossary.config import Config
from glossary.diagnostics import Diagnostic, diagnostic
from glossary.exchange.data import concept_data
from glossary.exchange.tbx2008 import DOCTYPE, from_2008, to_2008
from glossary.messages import N_, hint, lazy
from glossary.model import Concept

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}
TERM_TYPE = {
    "full-form": "fullForm",
    "abbreviation": "abbreviation",
    "acronym": "acronym",
    "short-form": "shortForm",
    "variant": "variant",
}
TRANSLATED = re.compile(r"^translated_from (definition|example|notes|sources): ([0-9a-f]{8})$")
CONVENTIONS = (
    "Exported by 'glossary export --format tbx'. Besides TBX-Basic's own data categories, "
    "concept-level notes hold 'tag: <tag>' and 'formula: <JSON>'; a source is an adminGrp "
    "whose notes hold its fields as 'key: value' (a note given per language: one 'note: <text>' "
    "per language, with its xml:lang); a crossReference's text is the relation type; a "
    "language section's note 'translated_from <field>: <hash>' records a translation's source; "
    "a term's note 'reason: …' or 'link: …' (TBX 2008) belongs to its status or its type."
)


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    element.text = text
    return element


def xml_id(concept_id: str) -> str:
    return f"_{concept_id}" if concept_id[:1].isdigit() else concept_id


def _header(root: etree._Element) -> None:
    header = _el(root, "tbxHeader")
    file_desc = _el(header, "fileDesc")
    _el(_el(file_desc, "titleStmt"), "title", "Sales Glossary")
    _el(_el(file_desc, "sourceDesc"), "p", "The term files of the Sales Glossary (terms/*.yaml).")
    _el(_el(header, "encodingDesc"), "p", CONVENTIONS)


def _concept_level(entry: etree._Element, data: dict) -> None:
    if "category" in data:
        _el(entry, "descrip", data["category"], type="subjectField")
    for tag in data.get("tags", []):
        _el(entry, "note", f"tag: {tag}")
    for relation in data.get("relations", []):
        _el(
            entry, "ref", relation["type"], type="crossReference", target=xml_id(relation["target"])
        )
    for source in data.get("sources", []):
        group = _el(entry, "adminGrp")
        _el(group, "admin", source.get("title") or source.get("document") or "", type="source")
        for key, value in source.items():
            if isinstance(value, dict):  # a note in several languages: one note each
                for lang, text in value.items():
                    _el(group, "note", f"{key}: {text}", **{XML_LANG: lang})
            else:
                _el(group, "note", f"{key}: {value}")
    if "formula" in data:
        _el(entry, "note", "formula: " + json.dumps(data["formula"], ensure_ascii=False))


def _term_note(term_sec: etree._Element, value: str, kind: str, note: str | None) -> None:
    """A ``termNote``, in a ``termNoteGrp`` with its ``note`` when it has one."""
    parent = _el(term_sec, "termNoteGrp") if note is not None else term_sec
    _el(parent, "termNote", value, type=kind)
    if note is not None:
        _el(parent, "note", note)


def _term_sec(lang_sec: etree._Element, designation: dict, example: str | None) -> None:
    term_sec = _el(lang_sec, "termSec")
    _el(term_sec, "term", designation["term"])
    _term_note(
        term_sec,
        STATUS.get(designation["status"], designation["status"]),
        "administrativeStatus",
        designation.get("reason"),
    )
    _term_note(
        term_sec,
        TERM_TYPE.get(designation["type"], designation["type"]),
        "termType",
        f"link: {designation['link']}" if "link" in designation else None,
    )
    if example:
        _el(term_sec, "descrip", example, type="context")
    if "note" in designation:
        _el(term_sec, "note", designation["note"])


def _lang_sec(entry_el: etree._Element, lang: str, entry: dict) -> None:
    lang_sec = _el(entry_el, "langSec", **{XML_LANG: lang})
    if "definition" in entry:
        _el(_el(lang_sec, "descripGrp"), "descrip", entry["definition"], type="definition")
    for note in entry.get("notes", []):
        _el(lang_sec, "note", note)
    for key, value in entry.get("translated_from", {}).items():
        _el(lang_sec, "note", f"translated_from {key}: {value}")
    terms = entry["terms"]
    holder = next((d for d in terms if d["status"] == "preferred"), terms[0])
    for designation in terms:
        _term_sec(lang_sec, designation, entry.get("example") if designation is holder else None)


def format_tbx(concepts: Iterable[Concept], config: Config, version: str = "3") -> bytes:
    """TBX-Basic: v3 (ISO 30042:2019, the default) or ``version="2008"``, the martif form
    of ISO 30042:2008 (``exchange.tbx2008``)."""
    root = etree.Element(
        f"{{{NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"}, nsmap={None: NS}
    )
    _header(root)
    body = _el(_el(root, "text"), "body")
    for concept in sorted(concepts, key=lambda c: c.id):
        data = concept_data(concept, config)
        entry = _el(body, "conceptEntry", id=xml_id(concept.id))
        _concept_level(entry, data)
        for lang in config.language_tags:
            if data.get(lang, {}).get("terms"):
                _lang_sec(entry, lang, data[lang])
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    if version == "2008":
        root = to_2008(root)
        declaration += DOCTYPE.encode() + b"\n"
    return declaration + etree.tostring(root, encoding="UTF-8", pretty_print=True)


class _Reader:
    """Reads one TBX file back into term-file-shaped mappings, collecting problems."""

    def __init__(self, path: Path, config: Config):
        self.path, self.config = str(path), config
        self.problems: list[Diagnostic] = []

    def problem(
        self, element: etree._Element, code: str, severity: str = "error", **params: str
    ) -> None:
        self.problems.append(
            diagnostic(self.path, (element.sourceline or 1, 1), severity, code, **params)
        )

    def children(self, element: etree._Element, tag: str, type_: str | None = None) -> list:
        return [
            c
            for c in element.iterchildren(f"{{{NS}}}{tag}")
            if type_ is None or c.get("type") == type_
        ]

    def value(self, element: etree._Element, table: dict, what: str) -> str:
        text = _text(element)
        known = {v: k for k, v in table.items()}
        if text not in known:
            self.problem(
                element,
                "import-bad-value",
                value=text,
                what=lazy(what),
                hint=hint("choose-from", choices=", ".join(table.values())),
            )
        return known.get(text, text)

    def concept(self, element: etree._Element) -> dict | None:
        concept_id = (element.get("id") or "").removeprefix("_")
        if not concept_id:
            self.problem(element, "import-no-id", what=lazy(N_("conceptEntry")))
            return None
        data: dict = {"id": concept_id}
        for descrip in self.children(element, "descrip", "subjectField")[:1]:
            data["category"] = _text(descrip)
        self.concept_notes(element, data)
        data["relations"] = [
            {"type": _text(ref), "target": (ref.get("target") or "").removeprefix("_")}
            for ref in self.children(element, "ref", "crossReference")
        ]
        data["sources"] = [
            self.source(group)
            for group in self.children(element, "adminGrp")
            if self.children(group, "admin", "source")
        ]
        for lang_sec in self.children(element, "langSec"):
            self.lang_sec(lang_sec, data)
        return {key: value for key, value in data.items() if value}

    def concept_notes(self, element: etree._Element, data: dict) -> None:
        for note in self.children(element, "note"):
            key, _, value = _text(note).partition(": ")
            if key == "tag":
                data.setdefault("tags", []).append(value)
            elif key == "formula":
                try:
                    data["formula"] = json.loads(value)
                except json.JSONDecodeError as error:
                    self.problem(note, "import-bad-formula", problem=error.msg)
            else:
                self.problem(note, "import-unknown-note", "warning", text=_text(note)[:60])

    def source(self, group: etree._Element) -> dict:
        source: dict = {}
        notes: dict[str, str] = {}
        for note in self.children(group, "note"):
            key, sep, value = _text(note).partition(": ")
            if sep and key == "note" and note.get(XML_LANG):
                notes[note.get(XML_LANG)] = value
            elif sep:
                source[key] = value
        if notes:
            plain = {self.config.source_language: source.pop("note")} if "note" in source else {}
            source["note"] = {**plain, **notes}
        return source or {"title": _text(self.children(group, "admin", "source")[0])}

    def lang_sec(self, element: etree._Element, concept: dict) -> None:
        lang = element.get(XML_LANG, "")
        if lang not in self.config.language_tags:
            self.problem(
                element,
                "import-unknown-language",
                lang=lang,
                languages=", ".join(self.config.language_tags),
            )
            return
        entry: dict = {}
        entry["terms"] = [self.term_sec(t, entry) for t in self.children(element, "termSec")]
        for group in self.children(element, "descripGrp"):
            for descrip in self.children(group, "descrip", "definition"):
                entry["definition"] = _text(descrip)
        for descrip in self.children(element, "descrip", "definition"):
            entry["definition"] = _text(descrip)
        for note in self.children(element, "note"):
            match = TRANSLATED.match(_text(note))
            if match:
                entry.setdefault("translated_from", {})[match[1]] = match[2]
            else:
                entry.setdefault("notes", []).append(_text(note))
        concept[lang] = entry

    def term_sec(self, element: etree._Element, entry: dict) -> dict:
        terms = self.children(element, "term")
        designation = {"term": _text(terms[0]) if terms else ""}
        groups = self.children(element, "termNoteGrp")
        grouped = [note for group in groups for note in self.children(group, "termNote")]
        for note in self.children(element, "termNote") + grouped:
            if note.get("type") == "administrativeStatus":
                designation["status"] = self.value(note, STATUS, N_("administrative status"))
            elif note.get("type") == "termType":
                designation["type"] = self.value(note, TERM_TYPE, N_("term type"))
        for group in groups:  # the status's note is the reason; the term type's, the link
            kinds = {note.get("type") for note in self.children(group, "termNote")}
            for note in self.children(group, "note")[:1]:
                if "termType" in kinds:
                    designation["link"] = _text(note).removeprefix("link: ")
                else:
                    designation["reason"] = _text(note)
        for context in self.children(element, "descrip", "context")[:1]:
            entry["example"] = _text(context)
        for note in self.children(element, "note")[:1]:
            designation["note"] = _text(note)
        return designation


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


def read_tbx(path: Path, raw: bytes, config: Config) -> tuple[list[dict], list[Diagnostic]]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        return [], [
            diagnostic(
                str(path),
                (error.lineno or 1, 1),
                "error",
                "import-bad-file",
                format="XML",
                problem=error.msg,
            )
        ]
    if root.tag == "martif":
        root = from_2008(root)
    if root.tag != f"{{{NS}}}tbx":
        return [], [
            diagnostic(
                str(path),
                (root.sourceline or 1, 1),
                "error",
                "import-not-tbx",
                root=etree.QName(root).localname,
            )
        ]
    reader = _Reader(path, config)
    concepts: dict[str, dict] = {}
    for element in root.iter(f"{{{NS}}}conceptEntry"):
        concept = reader.concept(element)
        if concept and concept["id"] in concepts:
            reader.problem(
                element,
                "import-duplicate",
                what=concept["id"],
                first_line=concepts[concept["id"]]["line"],
            )
        elif concept:
            concepts[concept["id"]] = {"line": element.sourceline, "data": concept}
    return [c["data"] for c in concepts.values()], reader.problems
