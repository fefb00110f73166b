"""Exchange formats, for ``glossary export`` and ``glossary import``.

Every format carries the whole model, so ``export`` then ``import`` reports no change:

* JSON (``exchange.json``): ``{"languages": [...], "concepts": [...]}``, each concept in
  the term file's own shape (it validates against ``term.schema.json``), designations with
  their ``type`` spelled out. The site publishes it as ``api/terms.json``.
* CSV (``exchange.sheet``), for spreadsheets; TBX-Basic (``exchange.tbx``), for
  translation tools.

Each format builds on ``exchange.data``, the mapping between a concept and the term
file's shape. Readers turn a file into such mappings plus diagnostics; the model is then
built by the same ``build_concept`` as ``glossary check`` uses. ``exchange.formats``
picks a format's writer or reader, and ``exchange.merge`` compares an imported file with
terms/ and writes."""

from glossary.exchange.json import format_api

__all__ = ["format_api"]
