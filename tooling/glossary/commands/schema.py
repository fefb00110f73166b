"""``glossary schema``: the term-file JSON Schema (``glossary.schema``), printed or
written to its committed copies (with the learning paths' schema)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.config import load_config
from glossary.schema import build_schema, expected_files, format_schema_json

REPO_ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = """
    glossary schema > term.schema.json
    glossary schema --write             # after editing config.toml or term-schema.yaml"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--write",
        action="store_true",
        help="write term.schema.json, path.schema.json and the editors' reference page",
    )


def run(args: argparse.Namespace) -> int:
    config = load_config()
    if not args.write:
        sys.stdout.write(format_schema_json(build_schema(config)))
        return 0
    for path, content in expected_files(REPO_ROOT, config).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0
