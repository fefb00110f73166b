"""learning: learning paths as data (issue #18), a stage beside the concepts' own.

A learning path is an ordered reading list for new reps, one YAML file per path in
``terms/paths/<id>.yaml`` (``discover.is_path_file``): a title and a one-line purpose in
every language, steps (a concept id and a line per language on why it comes there) and
an optional quiz at the end. Path files are read by the same loader as term files (YAML
1.2, marks for every value), checked against their own JSON Schema
(``data/path-schema.yaml``) and then against the concepts' index, so ``glossary check``
reports them in the same format. The loaded paths reach rendering as ``Linked.paths``,
ordered by ``order`` (``ordered``)::

    id: week-1                 # equal to the file name
    order: 1                   # position on the home page and in lists
    en: {title: Your first week, purpose: One line on what the reader can do after it.}
    ko: {title: …, purpose: …}  # and every other language
    steps:
      - concept: lead          # a concept id
        en: One line on why this concept comes here.
        ko: …
    quiz: {questions: 10}      # optional

Pure: nothing here reads or writes files (``load`` reads them)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from math import ceil
from pathlib import Path
from typing import Any

from glossary.config import Config
from glossary.diagnostics import SOFT, Diagnostic, diagnostic, format_field
from glossary.index import Indexed, suggest_concept
from glossary.load import Document, text_anchors
from glossary.messages import hint
from glossary.model import Concept, field_texts, text_of
from glossary.usage import iter_usage_errors
from glossary.validate import ID_PATTERN, SchemaChecker, iter_text_errors

PATH_SCHEMA_LINE = "# yaml-language-server: $schema=../../tooling/glossary/data/path.schema.json"


@dataclass(frozen=True)
class PathText:
    """A path's title and one-line purpose in one language."""

    title: str
    purpose: str


@dataclass(frozen=True)
class Step:
    """One step of a path: a concept, and per language why it comes at this point."""

    concept: str
    why: Mapping[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class LearningPath:
    id: str
    order: int
    texts: Mapping[str, PathText] = field(repr=False)
    steps: tuple[Step, ...] = field(repr=False)
    quiz_questions: int | None = None
    path: Path | None = field(default=None, repr=False, compare=False)

    @property
    def concepts(self) -> tuple[str, ...]:
        """The concept ids of the steps, in order."""
        return tuple(step.concept for step in self.steps)

    def text(self, lang: str, fallback: str) -> PathText | None:
        """The title and purpose in ``lang``, else in ``fallback`` (the source language)."""
        return self.texts.get(lang) or self.texts.get(fallback)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def build_path(doc: Document, config: Config) -> LearningPath:
    """The path a loaded file describes; tolerant like ``model.build_concept``: what is
    malformed (reported by the checks) is left out."""
    data: dict[str, Any] = doc.data or {}
    path_id = data["id"] if isinstance(data.get("id"), str) else doc.path.stem
    texts = {}
    for lang in config.languages:
        raw = data.get(lang.tag)
        if isinstance(raw, dict):
            title = text_of(raw.get("title"), lang.is_unspaced)
            purpose = text_of(raw.get("purpose"), lang.is_unspaced)
            if title and purpose:
                texts[lang.tag] = PathText(title, purpose)
    steps = []
    raw_steps = data.get("steps")
    for raw in raw_steps if isinstance(raw_steps, list) else ():
        if isinstance(raw, dict) and isinstance(raw.get("concept"), str):
            why = {
                lang.tag: text
                for lang in config.languages
                if (text := text_of(raw.get(lang.tag), lang.is_unspaced))
            }
            steps.append(Step(raw["concept"], why))
    quiz = data.get("quiz")
    questions = _int(quiz.get("questions")) if isinstance(quiz, dict) else None
    return LearningPath(
        path_id, _int(data.get("order")) or 0, texts, tuple(steps), questions, doc.path
    )


def path_texts(path: LearningPath, lang: str, fallback: str) -> tuple:
    """Everything of a path that its pages in ``lang`` show in that language (or in
    ``fallback`` where ``lang`` has none): its title and purpose, each step's line."""
    return (
        path.text(lang, fallback),
        tuple(step.why.get(lang) or step.why.get(fallback) for step in path.steps),
    )


def ordered(paths: Iterable[LearningPath]) -> dict[str, LearningPath]:
    """Paths by id, in their ``order`` (then by id), the first of a duplicated id kept."""
    out: dict[str, LearningPath] = {}
    for path in sorted(paths, key=lambda p: (p.order, p.id)):
        out.setdefault(path.id, path)
    return out


def iter_path_errors(doc: Document, path: LearningPath, config: Config) -> Iterator[Diagnostic]:
    """The checks of one path file that its schema cannot express."""
    name = str(doc.path)
    if doc.first_line.strip() != PATH_SCHEMA_LINE:
        yield diagnostic(name, (1, 1), SOFT, "missing-schema-line", line=PATH_SCHEMA_LINE)
    yield from iter_text_errors(doc, config)
    data = doc.data
    data_id = data.get("id")
    if isinstance(data_id, str) and data_id != doc.path.stem and ID_PATTERN.match(data_id):
        yield diagnostic(
            name, doc.mark(("id",)), "error", "id-mismatch", "id", id=data_id, stem=doc.path.stem
        )
    for lang in config.languages:
        if lang.required and not isinstance(data.get(lang.tag), dict):
            yield diagnostic(name, doc.mark(()), SOFT, "path-missing-language", lang=lang.tag)
    steps = data.get("steps")
    if isinstance(steps, list) and not steps:
        yield diagnostic(name, doc.mark(("steps",)), "error", "path-no-steps", "steps")
    first: dict[str, int] = {}
    for index, raw in enumerate(steps if isinstance(steps, list) else ()):
        if not isinstance(raw, dict):
            continue
        where = ("steps", index)
        concept = raw.get("concept")
        if isinstance(concept, str):
            if concept in first:
                yield diagnostic(
                    name,
                    doc.mark((*where, "concept")),
                    "error",
                    "duplicate-step",
                    format_field((*where, "concept")),
                    concept=concept,
                    step=first[concept] + 1,
                )
            first.setdefault(concept, index)
        for lang in config.languages:
            if lang.required and lang.tag not in raw:
                yield diagnostic(
                    name,
                    doc.mark(where),
                    SOFT,
                    "step-missing-language",
                    format_field(where),
                    step=index + 1,
                    lang=lang.tag,
                )


def iter_paths_errors(
    loaded: list[tuple[Document, LearningPath]], index: list[Indexed], config: Config
) -> Iterator[Diagnostic]:
    """The checks across files: steps naming unknown concepts (with a suggestion from ids
    and every designation, as for relations), ids and orders used twice (reported at both
    places), deprecated designations in the paths' texts."""
    ids = {item.id for item in index}
    for doc, _ in loaded:
        steps = doc.data.get("steps")
        for number, raw in enumerate(steps if isinstance(steps, list) else ()):
            target = raw.get("concept") if isinstance(raw, dict) else None
            if isinstance(target, str) and ID_PATTERN.match(target) and target not in ids:
                where = ("steps", number, "concept")
                suggestion = suggest_concept(target, index)
                yield diagnostic(
                    str(doc.path),
                    doc.mark(where),
                    "error",
                    "unknown-ref",
                    format_field(where),
                    target=target,
                    hint=hint("did-you-mean", suggestion=suggestion) if suggestion else "",
                )
    yield from _iter_clashes(loaded, "id", "duplicate-path-id")
    yield from _iter_clashes(loaded, "order", "duplicate-order")
    files = [(item.path, item.id, item.designations, ()) for item in index]
    files += [(str(doc.path), "", (), _texts(doc, config)) for doc, _ in loaded]
    yield from iter_usage_errors(files, config)


def _iter_clashes(
    loaded: list[tuple[Document, LearningPath]], key: str, code: str
) -> Iterator[Diagnostic]:
    seen: dict[object, Document] = {}
    for doc, _ in loaded:
        value = doc.data.get(key)
        if value is None or isinstance(value, (dict, list)):
            continue
        first = seen.setdefault(value, doc)
        if first is doc:
            continue
        for this, other in ((doc, first), (first, doc)):
            yield diagnostic(
                str(this.path),
                this.mark((key,)),
                "error",
                code,
                key,
                value=value,
                other=f"{other.path}:{other.mark((key,))[0]}",
            )


def _texts(doc: Document, config: Config) -> tuple:
    """A path file's texts in every language (title, purpose, each step's line), placed
    as ``usage`` needs them."""
    tags = set(config.language_tags)
    lines = doc.source.split("\n")
    texts = []
    for where, value in doc.strings:
        lang = where[0] if where[0] in tags else where[-1] if where[0] == "steps" else None
        if lang not in tags or where[-1] == "concept":
            continue
        text = text_of(value, config.language(lang).is_unspaced)
        if text:
            texts.append(
                (format_field(where), lang, text, text_anchors(lines, doc.mark(where), text))
            )
    return tuple(texts)


def check_paths(
    docs: list[Document],
    index: list[Indexed],
    config: Config,
    checker: SchemaChecker,
    verbose: bool = False,
) -> tuple[dict[str, LearningPath], list[Diagnostic]]:
    """Schema, per-file and cross-file checks of loaded path files (``index``: every
    concept's), and the paths they describe, in order."""
    problems: list[Diagnostic] = []
    loaded: list[tuple[Document, LearningPath]] = []
    for doc in docs:
        problems += doc.diagnostics
        if doc.data is None:
            continue
        problems += checker.iter_errors(doc, verbose)
        path = build_path(doc, config)
        problems += iter_path_errors(doc, path, config)
        loaded.append((doc, path))
    problems += iter_paths_errors(loaded, index, config)
    return ordered(path for _, path in loaded), problems


# Reading time ---------------------------------------------------------------------------

# Silent reading speeds for study texts (definitions, examples): English is measured in
# words per minute, Chinese, Japanese and Korean in characters per minute (their words
# are not marked by spaces, or, in Korean, a space-separated unit holds a word and its
# particles). Chinese and Japanese follow the IReST study (Trauzettel-Klosinski and Dietz,
# 2012: 255 and 357 characters a minute); English a little below its 228 words a minute,
# dense terminology being read slowly; Korean the 500 syllables a minute commonly given
# for adults' silent reading.
READING_SPEED: dict[str, tuple[str, int]] = {
    "Latn": ("words", 200),
    "Kore": ("characters", 500),
    "Hans": ("characters", 255),
    "Hant": ("characters", 255),
    "Jpan": ("characters", 357),
}
DEFAULT_SPEED = ("characters", 300)  # another script: counted by characters
_SPACE = re.compile(r"\s+")


def reading_amount(text: str, script: str) -> float:
    """How many minutes ``text`` takes to read in a language of ``script``."""
    unit, speed = READING_SPEED.get(script, DEFAULT_SPEED)
    count = len(text.split()) if unit == "words" else len(_SPACE.sub("", text))
    return count / speed


def reading_minutes(
    path: LearningPath, concepts: Mapping[str, Concept], lang: str, config: Config
) -> int:
    """Minutes to read a path's concepts (definition, example and notes, as their pages
    in ``lang`` show them) and its lines on why each comes there; at least one."""
    source = config.source_language
    minutes = 0.0
    for step in path.steps:
        concept = concepts.get(step.concept)
        entry = concept and (concept.entry(lang) or concept.entry(source))
        if entry:
            script = config.language(entry.lang).script
            for part in ("definition", "example", "notes"):
                minutes += sum(reading_amount(t, script) for t in field_texts(entry, part))
        why_lang = lang if lang in step.why else source
        minutes += reading_amount(step.why.get(why_lang, ""), config.language(why_lang).script)
    return max(1, ceil(minutes))
