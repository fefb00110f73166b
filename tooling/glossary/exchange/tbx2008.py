"""TBX-Basic in its 2008 form (ISO 30042:2008, ``<martif type="TBX-Basic">``), which most
translation tools' TBX importers read (translate-toolkit, and so Weblate; memoQ, Trados).

The same data as the v3 export (``exchange.tbx``), so each direction is a rename of the
v3 tree: ``tbx``/``tbxHeader``/``conceptEntry``/``langSec``/``termSec`` are
``martif``/``martifHeader``/``termEntry``/``langSet``/``tig``, without a namespace. The
statuses are ``termNote type="administrativeStatus"`` with TBX-Basic's values, so a
deprecated wording is ``deprecatedTerm-admn-sts``, which TBX-Basic tools show as a term
not to use. A ``tig`` has no ``termNoteGrp``: the notes v3 groups with a term note (a
deprecated wording's reason, ``link: never``) are ``note`` elements reading
``reason: …`` and ``link: …``; a designation's own note that starts like one of them is
written after ``note: ``."""

from __future__ import annotations

from lxml import etree

NS3 = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMES = {  # v3 name → 2008 name
    "tbx": "martif",
    "tbxHeader": "martifHeader",
    "conceptEntry": "termEntry",
    "langSec": "langSet",
    "termSec": "tig",
}
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
XCS = "TBXBasicXCSV02.xcs"
PREFIXES = ("reason: ", "link: ", "note: ")


def to_2008(root: etree._Element) -> etree._Element:
    """The v3 tree of ``exchange.tbx`` as TBX-Basic 2008."""
    martif = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: root.get(XML_LANG, "en")})
    for child in root:
        martif.append(_renamed(child))
    header = martif.find("martifHeader/encodingDesc")
    if header is not None:
        etree.SubElement(header, "p", type="XCSURI").text = XCS
    for tig in martif.iter("tig"):
        _ungroup(tig)
    return martif


def _renamed(element: etree._Element) -> etree._Element:
    """A copy without the namespace, v3 names replaced by their 2008 names."""
    name = etree.QName(element).localname
    copy = etree.Element(NAMES.get(name, name), dict(element.attrib))
    copy.text, copy.tail = element.text, element.tail
    for child in element:
        copy.append(_renamed(child))
    return copy


def _ungroup(tig: etree._Element) -> None:
    """Each ``termNoteGrp`` replaced by its term note (so the DTD's order holds: term,
    term notes, the rest), its note moved before the designation's own note as a
    ``reason: `` or ``link: `` note."""
    for note in tig.findall("note"):
        if note.text and note.text.startswith(PREFIXES):
            note.text = "note: " + note.text
    moved = []
    for group in tig.findall("termNoteGrp"):
        term_note, *grouped = list(group)
        group.addprevious(term_note)
        for note in grouped:
            if term_note.get("type") != "termType":
                note.text = "reason: " + (note.text or "")
            moved.append(note)
        tig.remove(group)
    own = tig.find("note")
    for note in moved:
        if own is not None:
            own.addprevious(note)
        else:
            tig.append(note)


def from_2008(martif: etree._Element) -> etree._Element:
    """A TBX-Basic 2008 tree as the v3 tree ``exchange.tbx`` reads (the elements keep
    their line numbers, for diagnostics)."""
    inverse = {old: new for new, old in NAMES.items()}
    for element in martif.iter(etree.Element):
        name = etree.QName(element).localname
        element.tag = f"{{{NS3}}}{inverse.get(name, name)}"
    for tig in martif.iter(f"{{{NS3}}}termSec"):
        _regroup(tig)
    return martif


def _regroup(term_sec: etree._Element) -> None:
    """``reason: ``/``link: `` notes back into the group of their term note."""
    notes = term_sec.findall(f"{{{NS3}}}note")
    for note in notes:
        text = note.text or ""
        if text.startswith("note: "):
            note.text = text.removeprefix("note: ")
            continue
        kind = "termType" if text.startswith("link: ") else "administrativeStatus"
        if not text.startswith(("reason: ", "link: ")):
            continue
        term_note = term_sec.find(f"{{{NS3}}}termNote[@type='{kind}']")
        if term_note is None:
            continue
        group = etree.Element(f"{{{NS3}}}termNoteGrp")
        term_note.addprevious(group)
        group.append(term_note)
        note.text = text if kind == "termType" else text.removeprefix("reason: ")
        group.append(note)
