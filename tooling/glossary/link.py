"""link: find mentions of other concepts in running text, in any of the four languages.

One Aho–Corasick automaton per language holds every designation of every concept, so
matching is linear in the text, not terms × text. Rules that ``\\b``-based linkers get
wrong for CJK text:

- Latin terms need an ASCII word boundary on both sides (``ARR`` not in ``ARRAY``), but
  may be followed by Hangul or Han (``ARR은``, ``ARR增长``); English full forms may take a
  plural ``s``/``es``;
- Korean terms must start a word and may be followed only by particles (``리드를``,
  ``파이프라인에서는``), never by more of a longer word;
- Chinese terms match anywhere in unspaced text;
- the longest match wins, each concept is linked once per block, never to itself, and
  code spans and existing links are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from glossary.config import language
from glossary.history import History
from glossary.model import FIELDS, field_texts

# Korean particles and copula endings that may follow a noun; up to three may combine
# (파이프라인 + 에서 + 는).
PARTICLES = frozenset(
    """
    은 는 이 가 을 를 의 에 에서 에게 께 한테 로 으로 와 과
    도 만 까지 부터 보다 처럼 같이 이나 나 이란 란 이라 라 이라는 라는 이라고
    라고 으로서 로서 으로써 로써 이며 며 이고 고 이다 다 입니다 이에요 예요 이야 야
    인 마다 조차 밖에 뿐 들 과의 와의 보다는 에는 에도 이든 든
    """.split()
)
MAX_PARTICLES = 3


def _is_ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _is_hangul(char: str) -> bool:
    return (
        "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"
    )


@lru_cache(maxsize=4096)
def _is_particles(text: str) -> bool:
    """Whether a run of Hangul is made of at most MAX_PARTICLES particles."""
    reachable = {0: 0}
    for start in range(len(text)):
        if start not in reachable or reachable[start] >= MAX_PARTICLES:
            continue
        for end in range(start + 1, len(text) + 1):
            if text[start:end] in PARTICLES:
                reachable.setdefault(end, reachable[start] + 1)
    return len(text) in reachable


def _fold(text: str) -> str:
    """Lowercase without changing the length, so positions stay valid."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Target(NamedTuple):
    """A designation the matcher looks for."""

    term: str
    concept: str
    case_sensitive: bool
    plural: bool  # an English full form may take a plural ending


class Segment(NamedTuple):
    """A piece of a block: plain text, a mention of a concept, or code."""

    kind: str  # "text", "mention", "code" or "link"
    text: str
    concept: str | None = None


@dataclass
class Matcher:
    """Finds mentions of the glossary's concepts in one language's text."""

    automaton: ahocorasick.Automaton | None

    @classmethod
    def build(cls, targets: Iterable[Target]) -> Matcher:
        automaton = ahocorasick.Automaton()
        keys: dict[str, list[Target]] = {}
        for target in targets:
            if target.term.strip():
                keys.setdefault(_fold(target.term), []).append(target)
        if not keys:
            return cls(None)
        for key, found in keys.items():
            automaton.add_word(key, (len(key), tuple(found)))
        automaton.make_automaton()
        return cls(automaton)

    def iter_matches(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Every acceptable (start, end, concept) occurrence, in no particular order."""
        if self.automaton is None or not text:
            return
        folded = _fold(text)
        for last, (length, targets) in self.automaton.iter(folded):
            start, end = last + 1 - length, last + 1
            for target in targets:
                if target.case_sensitive and text[start:end] != target.term:
                    continue
                end_at = _accept(text, start, end, target)
                if end_at is not None:
                    yield start, end_at, target.concept

    def link(
        self, text: str, exclude: str | None = None, already: set[str] | None = None
    ) -> list[Segment]:
        """Split ``text`` into plain text and mentions: longest match first, each concept
        once (``already`` carries concepts linked earlier in the same block). A match
        that is not linked (the concept itself, or one linked before) still claims its
        words: ``담당자`` inside ``세일즈 개발 담당자`` is not linked on that concept's page."""
        linked = already if already is not None else set()
        chosen: list[tuple[int, int, str]] = []
        position = 0
        for start, end, concept in sorted(self.iter_matches(text), key=lambda m: (m[0], -m[1])):
            if start < position:
                continue
            position = end
            if concept != exclude and concept not in linked:
                chosen.append((start, end, concept))
                linked.add(concept)
        segments, position = [], 0
        for start, end, concept in chosen:
            if start > position:
                segments.append(Segment("text", text[position:start]))
            segments.append(Segment("mention", text[start:end], concept))
            position = end
        if position < len(text):
            segments.append(Segment("text", text[position:]))
        return segments


def _accept(text: str, start: int, end: int, target: Target) -> int | None:
    """Where an occurrence ends if its surroundings allow it, else None."""
    term = target.term
    before = text[start - 1] if start else ""
    if _is_ascii_word(term[0]) and before and _is_ascii_word(before):
        return None
    if _is_hangul(term[0]) and before and _is_hangul(before):
        return None
    if _is_ascii_word(term[-1]):
        if target.plural:
            for suffix in ("es", "s"):
                if text.startswith(suffix, end) and not _is_ascii_word(
                    text[end + len(suffix) : end + len(suffix) + 1]
                ):
                    return end + len(suffix)
        return end if not (end < len(text) and _is_ascii_word(text[end])) else None
    if _is_hangul(term[-1]):
        run_end = end
        while run_end < len(text) and _is_hangul(text[run_end]):
            run_end += 1
        return end if run_end == end or _is_particles(text[end:run_end]) else None
    return end


_CODE = re.compile(r"`([^`\n]+)`")


def split_code(text: str) -> list[Segment]:
    """Separate ``code spans`` (never linked) from the text around them."""
    segments, position = [], 0
    for match in _CODE.finditer(text):
        if match.start() > position:
            segments.append(Segment("text", text[position : match.start()]))
        segments.append(Segment("code", match.group(1)))
        position = match.end()
    if position < len(text):
        segments.append(Segment("text", text[position:]))
    return segments


def link_block(matcher: Matcher, text: str, exclude: str | None = None) -> list[Segment]:
    """Link one block of text (a definition, an example, a note): code spans are kept
    as they are, and each concept is linked at its first mention only."""
    linked: set[str] = set()
    out: list[Segment] = []
    for segment in split_code(text):
        if segment.kind == "text":
            out += matcher.link(segment.text, exclude, linked)
        else:
            out.append(segment)
    return out


def targets_for(concepts: Iterable, lang: str) -> Iterator[Target]:
    """Every designation worth linking in ``lang``: preferred and admitted terms and
    abbreviations (deprecated wordings are never linked, nor those marked ``link:
    never``, everyday words such as ``need``). Abbreviations and one-word
    names written with capitals (the lead statuses ``NEW`` and ``Working``) match only
    as written, so that the everyday words "new" and "working" are left alone."""
    latin = language(lang).script == "Latn"
    for concept in concepts:
        entry = concept.entry(lang)
        if entry is None:
            continue
        for d in entry.designations:
            if d.status in ("preferred", "admitted") and d.link != "never":
                yield make_target(d.term, concept.id, d.is_abbreviation, latin)


def make_target(term: str, concept: str, abbreviation: bool, latin: bool) -> Target:
    """How a designation is looked for: an abbreviation, or a one-word name written with
    capitals, only as written; a full form of a Latin-script language also in the plural."""
    exact = abbreviation or (" " not in term and term != term.lower())
    return Target(term, concept, exact, latin and not exact)


class LanguageLinks:
    """One language's text blocks with their mentions linked, each linked when first
    asked for: a language's pages are rendered in their own worker, which links only
    that language (and, for concepts not yet written in it, the source texts shown)."""

    def __init__(self, concepts: dict, lang: str):
        self.concepts, self.lang = concepts, lang
        self._matcher: Matcher | None = None
        self._blocks: dict[tuple[str, str, int], list[Segment] | None] = {}
        self._backlinks: dict[str, list[str]] | None = None

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher.build(targets_for(self.concepts.values(), self.lang))
        return self._matcher

    def block(self, concept, part: str, index: int = 0) -> list[Segment] | None:
        """The linked form of a definition, example or note (None if there is none)."""
        key = (concept.id, part, index)
        if key not in self._blocks:
            texts = field_texts(concept.entry(self.lang), part)
            text = texts[index] if index < len(texts) else None
            self._blocks[key] = link_block(self.matcher, text, exclude=concept.id) if text else None
        return self._blocks[key]

    @property
    def backlinks(self) -> dict[str, list[str]]:
        """Concept id → the concepts whose texts in this language mention it."""
        if self._backlinks is None:
            mentioned: dict[str, set[str]] = {}
            for concept in self.concepts.values():
                entry = concept.entry(self.lang)
                for part in FIELDS:
                    for index in range(len(field_texts(entry, part))):
                        for segment in self.block(concept, part, index) or ():
                            if segment.kind == "mention" and segment.concept:
                                mentioned.setdefault(segment.concept, set()).add(concept.id)
            self._backlinks = {target: sorted(sources) for target, sources in mentioned.items()}
        return self._backlinks


@dataclass(frozen=True)
class Linked:
    """The glossary with relations completed with their inverses and, per language, its
    text blocks split into text and mentions, and the mentions indexed as backlinks."""

    concepts: dict
    relations: dict  # concept id -> [(kind, target)] in both directions
    metrics: dict = field(default_factory=dict)  # concept id -> Metric (the formulas stage)
    # learning paths (``learning.LearningPath``) by id, in their order: id -> LearningPath
    paths: dict = field(default_factory=dict)
    history: History = field(default_factory=History)  # when each concept changed (git)
    languages: dict = field(
        default_factory=dict, repr=False, compare=False
    )  # lang -> LanguageLinks

    def language(self, lang: str) -> LanguageLinks:
        if lang not in self.languages:
            self.languages[lang] = LanguageLinks(self.concepts, lang)
        return self.languages[lang]

    def segments(self, concept, lang: str, part: str, index: int = 0) -> list[Segment] | None:
        return self.language(lang).block(concept, part, index)

    def backlinks(self, lang: str, concept_id: str) -> list[str]:
        return self.language(lang).backlinks.get(concept_id, [])


def link_glossary(concepts: dict, config) -> Linked:
    """The linking stage: relations are resolved now; mentions in each language's texts
    are linked when that language is first asked for (see ``LanguageLinks``)."""
    return Linked(concepts, resolve_relations(concepts, config))


def resolve_relations(concepts: dict, config) -> dict:
    """Each concept's relations, including those stated from the other side."""
    relations: dict[str, list[tuple[str, str]]] = {cid: [] for cid in concepts}
    for concept in concepts.values():
        for relation in concept.relations:
            if relation.target not in concepts or relation.kind not in config.relations:
                continue
            forward = (relation.kind, relation.target)
            backward = (config.inverse_relation(relation.kind), concept.id)
            if forward not in relations[concept.id]:
                relations[concept.id].append(forward)
            if backward not in relations[relation.target]:
                relations[relation.target].append(backward)
    return relations
