"""``glossary new``: a new term file from the skeleton, and the to-do list ``check``
finds in it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.config import load_config
from glossary.diagnostics import Diagnostic
from glossary.editing import create_file
from glossary.load import Document
from glossary.messages import render_message
from glossary.pipeline import load_glossary
from glossary.schema import term_schema
from glossary.skeleton import render_skeleton
from glossary.validate import SchemaChecker

TERMS = Path("terms")
EXAMPLE = """
    glossary new lead-velocity-rate --category metrics --en "lead velocity rate"
    glossary new cold-calling --en "cold calling" --ko "콜드 콜" --category process"""
DETAILS = """
    The file starts with the schema line, so your editor completes and checks fields as
    you type. Every text still to write holds TODO, and 'glossary check' points at each
    one. An existing file is never overwritten."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    config = load_config()
    parser.add_argument("id", help="the concept's id, which is also its file name and page address")
    parser.add_argument(
        "--category",
        required=True,
        choices=list(config.categories),
        metavar="CATEGORY",
        help="one of: " + ", ".join(config.categories),
    )
    for lang in config.language_tags:
        parser.add_argument(
            f"--{lang}",
            dest=f"term_{lang}",
            metavar="TERM",
            help=f"the preferred {lang} term (default: TODO)",
        )


def _problem(d: Diagnostic) -> str:
    return d.format_problem(f"{d.field}: ")


def _id_problems(concept_id: str, category: str) -> list[Diagnostic]:
    """The id checked by the schema's own rule, so ``new`` and ``check`` agree."""
    doc = Document(TERMS / "new.yaml", {"id": concept_id, "category": category}, {}, {})
    return list(SchemaChecker(term_schema()).iter_errors(doc))


def run(args: argparse.Namespace) -> int:
    config = load_config()
    problems = _id_problems(args.id, args.category)
    if problems:
        print("\n".join(map(_problem, problems)), file=sys.stderr)
        return 2
    if not TERMS.is_dir():
        print(render_message("path-not-found", {"path": TERMS}), file=sys.stderr)
        return 2
    path = TERMS / f"{args.id}.yaml"
    terms = {
        lang: getattr(args, f"term_{lang}").strip()
        for lang in config.language_tags
        if (getattr(args, f"term_{lang}") or "").strip()
    }
    try:
        create_file(path, render_skeleton(args.id, args.category, config, terms).encode("utf-8"))
    except FileExistsError:
        print(render_message("new-exists", {"path": path}), file=sys.stderr)
        return 1
    report = load_glossary([path], config=config).report
    print(render_message("new-created", {"path": path}))
    for d in sorted(report.sorted(), key=lambda d: not d.field):  # file-level ones last
        text = d.fix if d.code == "placeholder" else f"{d.message} {d.fix or ''}".strip()
        print(
            render_message("new-todo-field", {"line": d.line, "field": d.field, "text": text})
            if d.field
            else render_message("new-todo", {"text": text})
        )
    print(render_message("new-next", {"path": path}))
    return 0
