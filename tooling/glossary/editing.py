"""Editors' commands: ``glossary new``, ``review`` and ``status``, thin shells over the
pipeline (``skeleton``, ``review``, ``status``). Files are written only here, each in one
step: a new file never replaces an existing one, a reviewed file is swapped in whole."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from glossary.config import Config, load_config
from glossary.diagnostics import Diagnostic
from glossary.discover import discover
from glossary.load import Document, load_document, load_text
from glossary.messages import render_message
from glossary.model import build_concept
from glossary.translation import FIELDS, recorded_hashes, reviewed_hashes, translated_fields

TERMS = Path("terms")


def register(sub, command) -> None:
    """Add this module's subcommands; ``command(sub, name, summary, example, details)``
    makes a subparser with help and an example (see cli._command)."""
    config = load_config()
    new = command(
        sub,
        "new",
        "Start a concept file with every language stubbed.",
        """
        glossary new lead-velocity-rate --category metrics --en "lead velocity rate"
        glossary new cold-calling --en "cold calling" --ko "콜드 콜" --category process""",
        """
        The file starts with the schema line, so your editor completes and checks fields as
        you type. Every text still to write holds TODO, and 'glossary check' points at each
        one. An existing file is never overwritten.""",
    )
    new.add_argument("id", help="the concept's id, which is also its file name and page address")
    new.add_argument(
        "--category",
        required=True,
        choices=list(config.categories),
        metavar="CATEGORY",
        help="one of: " + ", ".join(config.categories),
    )
    for lang in config.language_tags:
        new.add_argument(
            f"--{lang}",
            dest=f"term_{lang}",
            metavar="TERM",
            help=f"the preferred {lang} term (default: TODO)",
        )
    new.set_defaults(run=run_new)

    translations = [tag for tag in config.language_tags if tag != config.source_language]
    review = command(
        sub,
        "review",
        "Record that a translation matches the current source text.",
        """
        glossary review churn-rate --lang ko
        glossary review churn-rate --lang zh-Hans --field definition
        glossary review terms/churn-rate.yaml --lang ko --lang zh-Hant""",
        f"""
        Run it after you compared the translation with the {config.source_language} text
        and updated it: it records the {config.source_language} version under
        'translated_from' and clears the stale-translation warning. Only that block of
        the file changes; comments and formatting stay as they are.""",
    )
    review.add_argument("concepts", nargs="+", metavar="ID", help="concept ids or term files")
    review.add_argument(
        "--lang",
        action="append",
        required=True,
        choices=translations,
        help="the reviewed language (repeat for several)",
    )
    review.add_argument(
        "--field",
        action="append",
        choices=FIELDS,
        help="review only this field (repeatable; default: all)",
    )
    review.set_defaults(run=run_review)

    status = command(
        sub,
        "status",
        "Show how complete each language is and what is stale.",
        """
        glossary status
        glossary status --lang ko
        glossary status --format json > status.json""",
    )
    status.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="term files or folders (default: terms/)",
    )
    status.add_argument("--lang", choices=config.language_tags, help="show one language only")
    status.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools",
    )
    status.set_defaults(run=run_status)


def swap_content(path: Path, data: bytes) -> None:
    """Swap the content of the existing file ``path`` in one step (a temporary file beside
    it, synced, then renamed over it), so an interrupted write never leaves half a file;
    the file keeps its permissions."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def create_file(path: Path, data: bytes) -> None:
    """Write a new file; raises ``FileExistsError`` rather than replace one."""
    with open(path, "xb"):
        pass
    try:
        swap_content(path, data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _problem(d: Diagnostic) -> str:
    return d.format_problem(f"{d.field}: ")


def _id_problems(concept_id: str, category: str) -> list[Diagnostic]:
    """The id checked by the schema's own rule, so ``new`` and ``check`` agree."""
    from glossary.schema import term_schema
    from glossary.validate import SchemaChecker

    doc = Document(TERMS / "new.yaml", {"id": concept_id, "category": category}, {}, {})
    return list(SchemaChecker(term_schema()).iter_errors(doc))


def run_new(args: argparse.Namespace) -> int:
    from glossary.pipeline import load_glossary
    from glossary.skeleton import render_skeleton

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


def _term_path(name: str) -> Path:
    return Path(name) if name.endswith(".yaml") else TERMS / f"{name}.yaml"


def _reviewed_text(
    doc: Document, langs: list[str], fields: tuple[str, ...], config: Config
) -> tuple[str, list[tuple[str, dict]]]:
    """The file's text once ``langs`` are recorded as reviewed, and what to tell the editor;
    raises ``ReviewError`` (and nothing is written) if any language cannot be recorded."""
    from glossary.review import ReviewError, record_review

    done = []
    for lang in langs:
        concept = build_concept(doc, config)
        entry = concept.entry(lang)
        if entry is None or not isinstance(doc.data.get(lang), dict):
            raise ReviewError("review-no-entry", lang=lang)
        translated = translated_fields(concept, lang, config)
        for name in fields if fields != FIELDS else ():
            if name not in translated:
                raise ReviewError("review-no-field", lang=lang, field=name)
        hashes = reviewed_hashes(concept, lang, config, fields)
        if not hashes and not recorded_hashes(entry):
            done.append(("review-nothing", {"lang": lang}))
        elif hashes == dict(entry.translated_from):
            done.append(("review-unchanged", {"lang": lang}))
        else:
            doc = load_text(doc.path, record_review(doc, lang, hashes))
            reviewed = [name for name in FIELDS if name in hashes and name in fields] or fields
            done.append(("review-done", {"lang": lang, "fields": ", ".join(reviewed)}))
    return doc.source, done


def _review_one(path: Path, langs: list[str], fields: tuple[str, ...], config: Config) -> int:
    """Record the review of ``langs`` in one file; prints what happened, returns the exit code."""
    from glossary.review import ReviewError

    params = {"path": path, "source": config.source_language}
    doc = load_document(path)
    if doc.data is None or doc.diagnostics:
        print(render_message("review-unreadable", params), file=sys.stderr)
        return 1
    try:
        text, done = _reviewed_text(doc, langs, fields, config)
    except ReviewError as error:
        print(render_message(error.code, {**params, **error.params}), file=sys.stderr)
        return 1
    if text != doc.source:
        bom = b"\xef\xbb\xbf" if path.read_bytes().startswith(b"\xef\xbb\xbf") else b""
        swap_content(path, bom + text.encode("utf-8"))
    for code, extra in done:
        print(render_message(code, {**params, **extra}))
    return 0


def run_review(args: argparse.Namespace) -> int:
    config = load_config()
    fields = tuple(name for name in FIELDS if name in (args.field or FIELDS))
    langs = list(dict.fromkeys(args.lang))
    worst = 0
    for name in args.concepts:
        path = _term_path(name)
        if not path.is_file():
            print(render_message("path-not-found", {"path": path}), file=sys.stderr)
            worst = max(worst, 2)
            continue
        worst = max(worst, _review_one(path, langs, fields, config))
    return worst


def run_status(args: argparse.Namespace) -> int:
    from glossary.pipeline import load_glossary
    from glossary.status import collect_status, format_status_json, format_status_text

    config = load_config()
    paths = args.paths or [TERMS]
    glossary = load_glossary(paths, config=config, want_concepts=True)
    if glossary.missing:
        for path in glossary.missing:
            print(render_message("path-not-found", {"path": path}), file=sys.stderr)
        return 2
    if glossary.report.files == 0:
        print(render_message("no-files", {"paths": ", ".join(map(str, paths))}), file=sys.stderr)
        return 2
    targets = set(discover(paths)[0])
    concepts = {key: c for key, c in glossary.concepts.items() if c.path in targets}
    unreadable = len(targets) - len({c.path for c in concepts.values()})
    if unreadable:
        print(render_message("status-unreadable", {"files": unreadable}), file=sys.stderr)
    status = collect_status(concepts, config, [args.lang] if args.lang else None)
    source = config.source_language
    print(
        format_status_json(status, source)
        if args.format == "json"
        else format_status_text(status, ", ".join(map(str, paths)), source)
    )
    return 0
