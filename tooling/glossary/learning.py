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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from math import ceil
from pathlib import Path
from typing import Any

from glossary.config import Config
from glossary.diagnostics import Diagnostic
from glossary.index import Indexed
from glossary.load import Document
from glossary.model import Concept, field_texts, text_of

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


def check_paths(
    docs: list[Document],
    index: list[Indexed],
    config: Config,
) -> tuple[dict[str, LearningPath], list[Diagnostic]]:
    """The paths that loaded path files describe, in order, and the files' problems
    (``index``: every concept's, which steps refer to)."""
    problems: list[Diagnostic] = []
    loaded: list[LearningPath] = []
    for doc in docs:
        problems += doc.diagnostics
        if doc.data is not None:
            loaded.append(build_path(doc, config))
    return ordered(loaded), problems


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
