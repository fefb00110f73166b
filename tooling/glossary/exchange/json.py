"""The JSON exchange format: the whole glossary as one document, each concept in the
term file's shape. Indented for ``glossary export``; compact as the site's
``api/terms.json``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from glossary.config import Config
from glossary.diagnostics import Diagnostic, diagnostic
from glossary.exchange.data import concept_data
from glossary.messages import N_, lazy
from glossary.model import Concept


def export_document(concepts: Iterable[Concept], config: Config) -> dict:
    """The whole glossary as one JSON-ready document, sorted by id (stable diffs and caching)."""
    return {
        "languages": list(config.language_tags),
        "concepts": [concept_data(c, config) for c in sorted(concepts, key=lambda c: c.id)],
    }


def format_json(concepts: Iterable[Concept], config: Config) -> bytes:
    """The JSON export: indented, for people and diffs."""
    return (
        json.dumps(export_document(concepts, config), ensure_ascii=False, indent=2) + "\n"
    ).encode("utf-8")


def format_api(concepts: Iterable[Concept], config: Config) -> str:
    """``api/terms.json`` of the published site: the same document as the JSON export,
    written compactly for other tools to fetch."""
    return (
        json.dumps(export_document(concepts, config), ensure_ascii=False, separators=(",", ":"))
        + "\n"
    )


def read_json(path: Path, raw: bytes, config: Config) -> tuple[list[dict], list[Diagnostic]]:
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = (getattr(error, "lineno", 1), getattr(error, "colno", 1))
        return [], [
            diagnostic(
                str(path),
                where,
                "error",
                "import-bad-file",
                format="JSON",
                problem=getattr(error, "msg", None) or str(error),
            )
        ]
    concepts = document.get("concepts") if isinstance(document, dict) else None
    if not isinstance(concepts, list):
        return [], [
            diagnostic(
                str(path),
                (1, 1),
                "error",
                "import-bad-file",
                format="JSON",
                problem="it has no list of 'concepts'",
            )
        ]
    items = [item for item in concepts if isinstance(item, dict)]
    problems = [
        diagnostic(
            str(path), (1, 1), "error", "import-no-id", f"concepts[{i}]", what=lazy(N_("concept"))
        )
        for i, item in enumerate(items)
        if not isinstance(item.get("id"), str)
    ]
    return [item for item in items if isinstance(item.get("id"), str)], problems
