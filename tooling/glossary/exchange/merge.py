"""merge: what ``glossary import`` does with a file read by an exchange reader.

compare (every difference, field by field) → plan (the text each changed term file would
have) → check (the planned texts pass the per-file checks) → report, and only with
``--write`` and no errors: write. A field empty in the file keeps its value, so an
import never deletes; a field that differs is a conflict, reported with both values.
A language's designations are compared one by one, by term: one the file adds is an
addition ("ko: added admitted 이탈율"), one it changes a conflict naming what changed,
and one it leaves out is kept; a different preferred term replaces the preferred one."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAMLError

from glossary.config import Config
from glossary.diagnostics import Diagnostic, configure, diagnostic
from glossary.exchange.data import build_concepts, concept_data
from glossary.exchange.formats import read_import
from glossary.formula_check import iter_formula_errors
from glossary.load import load_document, load_text
from glossary.messages import N_, hint, lazy, render_message
from glossary.model import Concept, build_concept
from glossary.pipeline import load_glossary
from glossary.rewrite import new_text, update_text
from glossary.schema import build_schema
from glossary.validate import ID_PATTERN, SchemaChecker, format_field, iter_document_errors


@dataclass(frozen=True)
class Change:
    """One difference between the imported file and terms/. ``where`` is the field's
    place in the term file, e.g. ``('ko', 'definition')``; empty for a new concept."""

    kind: str  # "new", "added" or "conflict"
    concept: str
    where: tuple = ()
    old: Any = None
    new: Any = None
    # for designations: the one designation before and after (None: absent), and
    # ``new`` is the language's whole merged list
    designation: tuple[dict | None, dict | None] | None = None


def top_order(config: Config) -> tuple[str, ...]:
    return ("id", "category", "tags", *config.language_tags, "relations", "sources", "formula")


def file_data(concept: Concept, config: Config) -> dict:
    """The concept as a term file writes it: ``type: full-form`` is the default, left out."""
    data = concept_data(concept, config)
    for lang in config.language_tags:
        for designation in data.get(lang, {}).get("terms", []):
            if designation.get("type") == "full-form":
                del designation["type"]
    return data


def flatten(data: dict, config: Config) -> dict[tuple, Any]:
    """``{('category',): …, ('ko', 'definition'): …}``: the fields an import compares."""
    fields: dict[tuple, Any] = {}
    for key, value in data.items():
        if key in config.language_tags:
            fields.update(((key, sub), v) for sub, v in value.items())
        elif key != "id":
            fields[(key,)] = value
    return fields


def merge_designations(old: list[dict], new: list[dict]) -> list[dict]:
    """The designations after an import, in the file's order: each one the file has, as
    the imported file gives it; the imported preferred term in place of a different
    preferred one; then the ones only the import has."""
    by_term = {d["term"]: d for d in new}
    preferred = next((d for d in new if d["status"] == "preferred"), None)
    merged = []
    for designation in old:
        if designation["term"] in by_term:
            merged.append(by_term.pop(designation["term"]))
        elif (
            designation["status"] == "preferred"
            and preferred is not None
            and preferred["term"] in by_term
        ):
            merged.append(by_term.pop(preferred["term"]))
        else:
            merged.append(designation)
    return merged + [d for d in new if d["term"] in by_term]


def _designation_changes(
    concept: str, where: tuple, old: list[dict], merged: list[dict]
) -> Iterator[Change]:
    before = {d["term"]: d for d in old}
    replaced = next((d for d in old if d["status"] == "preferred" and d not in merged), None)
    for designation in merged:
        earlier = before.get(designation["term"])
        if earlier is None and designation["status"] == "preferred":
            earlier = replaced
        if earlier != designation:
            kind = "added" if earlier is None else "conflict"
            yield Change(kind, concept, where, old, merged, (earlier, designation))


def iter_changes(current: Concept | None, incoming: Concept, config: Config) -> Iterator[Change]:
    if current is None:
        yield Change("new", incoming.id)
        return
    old = flatten(file_data(current, config), config)
    for where, new in flatten(file_data(incoming, config), config).items():
        if new in (None, "", [], {}) or old.get(where) == new:
            continue
        if where[-1] == "terms" and where in old:
            merged = merge_designations(old[where], new)
            yield from _designation_changes(incoming.id, where, old[where], merged)
            continue
        yield Change(
            "added" if where not in old else "conflict", incoming.id, where, old.get(where), new
        )


def _file_of(concept: Concept) -> Path:
    """The term file a concept of terms/ was read from (each one has its file)."""
    assert concept.path is not None
    return concept.path


def _file_errors(path: Path, text: str, checker: SchemaChecker, config: Config) -> list[Diagnostic]:
    """The per-file checks of ``glossary check``, run on a planned text before it is written."""
    doc = load_text(path, text)
    problems = list(doc.diagnostics)
    if doc.data is not None:
        problems += checker.iter_errors(doc)
        problems += iter_document_errors(doc, build_concept(doc, config), config)
        if isinstance(doc.data.get("formula"), dict):
            problems += iter_formula_errors(doc, config)
    return [p for p in configure(problems, config) if p.severity == "error"]


@dataclass
class Plan:
    """The new text of every term file the import changes or creates, and what stops it."""

    texts: dict[Path, str]
    new: set[Path]
    problems: list[Diagnostic]


def plan(
    changes: list[Change],
    incoming: dict[str, Concept],
    current: dict[str, Concept],
    terms: Path,
    source: Path,
    config: Config,
) -> Plan:
    result = Plan({}, set(), [])
    by_concept: dict[str, list[Change]] = {}
    for change in changes:
        by_concept.setdefault(change.concept, []).append(change)
    for concept_id, found in by_concept.items():
        data = file_data(incoming[concept_id], config)
        if found[0].kind == "new":
            _plan_new(result, data, terms, source, config)
            continue
        path = _file_of(current[concept_id])
        values = {c.where: c.new for c in found}
        try:
            result.texts[path] = update_text(path.read_text("utf-8"), values, top_order(config))
        except (OSError, YAMLError) as error:
            result.problems.append(
                diagnostic(
                    str(path),
                    (1, 1),
                    "error",
                    "import-cannot-update",
                    problem=str(error).splitlines()[0],
                )
            )
    checker = SchemaChecker(build_schema(config))
    for path, text in result.texts.items():
        result.problems += _file_errors(path, text, checker, config)
    return result


def _plan_new(result: Plan, data: dict, terms: Path, source: Path, config: Config) -> None:
    concept_id = data["id"]
    if not ID_PATTERN.match(concept_id):
        result.problems.append(
            diagnostic(
                str(source),
                (1, 1),
                "error",
                "invalid-format",
                "id",
                value=concept_id,
                what=lazy(N_("a valid id")),
                hint=hint("id-format"),
            )
        )
        return
    path = terms / f"{concept_id}.yaml"
    if path.exists():
        result.problems.append(
            diagnostic(str(path), (1, 1), "error", "import-exists", id=concept_id)
        )
        return
    result.texts[path] = new_text(data, top_order(config)[3:])
    result.new.add(path)


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def format_change(change: Change, current: dict[str, Concept], terms: Path, docs: dict) -> str:
    """One line per difference, placed at the field in the term file (``docs`` caches the
    loaded files)."""
    if change.kind == "new":
        return render_message(
            "import-new", {"path": terms / f"{change.concept}.yaml", "id": change.concept}
        )
    path = _file_of(current[change.concept])
    if path not in docs:
        docs[path] = load_document(path)
    if change.designation is not None:
        return _format_designation_change(change, path, docs[path])
    line, column = docs[path].mark(change.where)
    return render_message(
        f"import-{change.kind}",
        {
            "where": f"{path}:{line}:{column}",
            "field": format_field(change.where),
            "old": _shown(change.old),
            "new": _shown(change.new),
        },
    )


def _shown_designation(designation: dict) -> str:
    """``admitted abbreviation CR (note: …)``: its status, its type unless full-form, the
    term, then its reason, note and link."""
    words = [designation["status"], designation.get("type", "full-form"), designation["term"]]
    text = " ".join(word for word in words if word != "full-form")
    extras = "; ".join(f"{k}: {v}" for k, v in designation.items() if k in EXTRA_KEYS)
    return f"{text} ({extras})" if extras else text


EXTRA_KEYS = ("reason", "note", "link")


def _differences(old: dict, new: dict) -> str:
    """``status: deprecated → superseded, reason: "a" → "b"`` (— where there is none)."""
    keys = [k for k in ("status", "type", *EXTRA_KEYS) if old.get(k) != new.get(k)]
    return ", ".join(
        f"{key}: {_shown(old[key]) if key in old else '—'} → "
        f"{_shown(new[key]) if key in new else '—'}"
        for key in keys
    )


def _format_designation_change(change: Change, path: Path, doc: Any) -> str:
    earlier, designation = change.designation or (None, None)
    assert designation is not None
    lang = change.where[0]
    if earlier is None:  # at the designation it will follow
        line, column = doc.mark((*change.where, len(change.old) - 1))
        params = {"lang": lang, "designation": _shown_designation(designation)}
        return render_message("import-added-term", {"where": f"{path}:{line}:{column}", **params})
    line, column = doc.mark((*change.where, change.old.index(earlier)))
    where = f"{path}:{line}:{column}"
    if earlier["term"] != designation["term"]:
        params = {"old": earlier["term"], "new": designation["term"]}
        return render_message("import-replaced-preferred", {"where": where, "lang": lang, **params})
    changes = _differences(earlier, designation)
    params = {"where": where, "lang": lang, "term": designation["term"], "changes": changes}
    return render_message("import-changed-term", params)


def _summary(changes: list[Change], source: Path) -> str:
    count = {
        kind: sum(1 for c in changes if c.kind == kind) for kind in ("new", "added", "conflict")
    }
    return render_message(
        "import-summary",
        {
            "new": count["new"],
            "added": count["added"],
            "conflicts": count["conflict"],
            "file": source,
        },
    )


def _in_order(problems: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(problems, key=lambda d: (d.path, d.line, d.column))


def _refused(problems: list[Diagnostic], changed: Sequence[str] = ()) -> str:
    lines = [d.format_text() for d in _in_order(problems)]
    return "\n".join([*lines, *changed, render_message("import-not-written", {})])


def write_plan(result: Plan) -> None:
    """Write every planned file; a new one is created exclusively, never over a file."""
    for path, text in result.texts.items():
        with open(path, "x" if path in result.new else "w", encoding="utf-8", newline="\n") as out:
            out.write(text)


def import_file(
    source: Path, fmt: str, terms: Path, config: Config, write: bool
) -> tuple[str, int]:
    """Read, compare, plan and check, then write only if asked and nothing stands in the way.
    Returns the report and the exit code."""
    items, problems = read_import(fmt, source, source.read_bytes(), config)
    if any(d.severity == "error" for d in problems):  # a half-read file would only add noise
        return _refused(problems), 1
    incoming = {c.id: c for c in build_concepts(items, source, config)}
    current = load_glossary([terms], config=config, want_concepts=True, use_cache=False).concepts
    changes = [
        change
        for concept in incoming.values()
        for change in iter_changes(current.get(concept.id), concept, config)
    ]
    result = plan(changes, incoming, current, terms, source, config)
    problems += result.problems
    docs: dict = {}
    changed = [format_change(c, current, terms, docs) for c in changes]
    if any(d.severity == "error" for d in problems):
        return _refused(problems, changed), 1
    lines = [d.format_text() for d in _in_order(problems)] + changed
    if not changes:
        return "\n".join([*lines, render_message("import-no-changes", {"file": source})]), 0
    lines.append(_summary(changes, source))
    if not write:
        return "\n".join([*lines, render_message("import-dry-run", {})]), 0
    write_plan(result)
    conflicts = sum(1 for c in changes if c.kind == "conflict")
    lines.append(
        render_message("import-written", {"files": len(result.texts), "conflicts": conflicts})
    )
    return "\n".join(lines), 0
