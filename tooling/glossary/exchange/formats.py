"""Which writer or reader handles a format, for ``glossary export`` and ``import``.

The deck formats (Anki's text import, Anki packages, Quizlet) write one language's
flashcards of a selection of concepts (``exchange.cards``), not the whole model: they
have no reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from glossary.config import Config
from glossary.diagnostics import Diagnostic
from glossary.exchange.anki import format_anki, format_apkg
from glossary.exchange.cards import Deck
from glossary.exchange.json import format_json, read_json
from glossary.exchange.quizlet import format_quizlet
from glossary.exchange.sheet import format_csv, read_csv
from glossary.exchange.tbx import format_tbx, read_tbx
from glossary.model import Concept

FORMATS = ("json", "csv", "tbx")  # the whole model, both ways
DECK_FORMATS = ("anki", "apkg", "quizlet")
EXPORT_FORMATS = (*FORMATS, *DECK_FORMATS)
SUFFIXES = {".json": "json", ".csv": "csv", ".tbx": "tbx", ".xml": "tbx"}

Writer = Callable[[list[Concept], Config], bytes]
Reader = Callable[[Path, bytes, Config], tuple[list[dict], list[Diagnostic]]]
WRITERS: dict[str, Writer] = {"json": format_json, "csv": format_csv, "tbx": format_tbx}
READERS: dict[str, Reader] = {"json": read_json, "csv": read_csv, "tbx": read_tbx}
DECK_WRITERS: dict[str, Callable[[Deck], bytes]] = {
    "anki": format_anki,
    "apkg": format_apkg,
    "quizlet": format_quizlet,
}


TBX_VERSIONS = ("3", "2008")


def format_export(
    fmt: str, concepts: list[Concept], config: Config, tbx_version: str = "3"
) -> bytes:
    """The export in ``fmt``; TBX in its v3 (default) or 2008 form."""
    if fmt == "tbx":
        return format_tbx(concepts, config, tbx_version)
    return WRITERS[fmt](concepts, config)


def read_import(
    fmt: str, path: Path, raw: bytes, config: Config
) -> tuple[list[dict], list[Diagnostic]]:
    """Term-file-shaped mappings and the file's problems, whatever the format."""
    return READERS[fmt](path, raw, config)


def format_deck(fmt: str, deck: Deck) -> bytes:
    """A deck of flashcards in one of ``DECK_FORMATS``."""
    return DECK_WRITERS[fmt](deck)
