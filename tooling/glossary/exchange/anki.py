"""Anki decks: its text import with file headers (``format_anki``) and a packaged deck,
``.apkg``, made with genanki (``format_apkg``).

The text file follows Anki's manual ("Importing › Text Files › File Headers", Anki
2.1.55 and newer) and what its importer does with each header (rslib's
``import_export/text/csv``):

* ``#deck`` only presets a deck that already exists, so the deck also travels in a deck
  column, which creates it on the first import;
* there is no ``#columns`` line: named columns are matched to the note type's field
  names, which Anki translates ("앞면", "正面"), and a Back without a match would be
  left empty; unnamed columns fill the fields in order;
* no byte order mark: the first line has to start with ``#`` to be read as a header;
* fields are HTML (``#html:true``), escaped here, so a term can never inject markup,
  with line breaks as ``<br>``; the GUID comes last, since a line starting with ``#``
  would be a comment.

A package is deterministic: fixed model and deck ids, notes stamped with the time their
concept last changed (Anki updates a note already in the collection only when the
package's copy is newer), and a zip with fixed dates."""

from __future__ import annotations

import html
import io
import itertools
import sqlite3
import zipfile

import genanki

from glossary.exchange.cards import Card, Deck

# Never change these: Anki recognises the note type and its cards by them.
MODEL_ID = 1_739_206_452
MODEL_NAME = "Sales Glossary"
MODEL_CHANGED = 1_767_225_600  # 2026-01-01: raise when the fields, templates or CSS change
NOTETYPE = "Basic"  # Anki's stock two-field note type, for the text file
CSS = """\
.card {
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR",
    "Noto Sans CJK SC", "Noto Sans CJK TC", sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: center;
  color: black;
  background-color: white;
}
.nightMode .card, .night_mode .card { color: #eee; background-color: #2f2f31; }
"""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold: the same bytes every time

COLUMNS = ("front", "back", "tags", "deck", "guid")  # the text file's columns, in order


def field_html(text: str) -> str:
    """A card's text as an Anki field: HTML-escaped, line breaks as ``<br>``, no tabs."""
    lines = html.escape(text.replace("\t", " "), quote=True).splitlines()
    return "<br>".join(lines)


def format_anki(deck: Deck) -> bytes:
    """The deck as Anki's text import: headers, then one note per card."""
    headers = [
        "#separator:tab",
        "#html:true",
        f"#notetype:{NOTETYPE}",
        f"#deck:{deck.name}",
        f"#tags column:{COLUMNS.index('tags') + 1}",
        f"#deck column:{COLUMNS.index('deck') + 1}",
        f"#guid column:{COLUMNS.index('guid') + 1}",
    ]
    rows = [
        "\t".join(
            (
                field_html(card.front),
                field_html(card.back),
                " ".join(card.tags),
                deck.name,
                card.guid,
            )
        )
        for card in deck.cards
    ]
    return ("\n".join(headers + rows) + "\n").encode("utf-8")


def model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}\n\n<hr id="answer">\n\n{{Back}}',
            }
        ],
        css=CSS,
    )


class _Note(genanki.Note):
    """A note stamped with the time its concept last changed, not the package's time."""

    def __init__(self, card: Card, note_model: genanki.Model):
        super().__init__(
            model=note_model,
            fields=[field_html(card.front), field_html(card.back)],
            tags=list(card.tags),
            guid=card.guid,
        )
        self.modified = card.modified or MODEL_CHANGED

    def write_to_db(self, cursor, timestamp, deck_id, id_gen):
        super().write_to_db(cursor, self.modified, deck_id, id_gen)


def format_apkg(deck: Deck) -> bytes:
    """The deck as an Anki package: a zip holding the collection (SQLite) and an empty
    media list."""
    note_model = model()
    package_deck = genanki.Deck(deck.id, deck.name)
    package_deck.add_model(note_model)
    for card in deck.cards:
        package_deck.add_note(_Note(card, note_model))
    newest = max((card.modified for card in deck.cards), default=0) or MODEL_CHANGED
    connection = sqlite3.connect(":memory:")
    try:
        genanki.Package(package_deck).write_to_db(
            connection.cursor(), MODEL_CHANGED, itertools.count(newest * 1000)
        )
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
