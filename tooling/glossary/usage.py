"""usage: deprecated designations used in running text (``deprecated-in-text``).

In the spirit of a translation tool's forbidden terms: a definition, example, note or
calculator label (input and result labels, variant, alternatives' labels, worked
examples' descriptions) must not call a concept by a designation that is deprecated in
its language for that concept. It needs every concept's designations, so it runs with
the cross-file checks: ``index_usage`` reduces a file to its designations and its texts
(each with the anchors that place a character inside it), and ``iter_usage_errors``
looks for the deprecated ones in the texts of their language with the linker's matcher
(``link.Matcher``: CJK text without word boundaries, Korean particles after the word,
Latin words on word boundaries).

Not reported, to stay clear of false alarms:

- a deprecated form inside a longer designation of any concept (preferred, admitted or
  superseded): the leftmost longest match wins, as when linking;
- a deprecated form that is also another concept's term (not deprecated there);
- a form in quotation marks around a word or phrase (“판매 주기”라고도 하지만…, 「此類抵押品」):
  the text is about the word. A quotation that holds a sentence (an example's speech,
  "We lost 8 of our 100 customers last quarter.") is text like any other;
- a deprecated designation marked ``link: never``: an everyday word (고객, customer, is
  deprecated for *contact*) that texts use in its ordinary sense;
- deprecation reasons and designation notes, which discuss the bad form: they are not
  among the texts checked.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate

from glossary.config import Config
from glossary.diagnostics import SOFT, Diagnostic, diagnostic, format_field
from glossary.link import Matcher, Target, make_target
from glossary.load import Anchors, Document, position_in, text_anchors
from glossary.messages import hint
from glossary.model import text_of
from glossary.placeholder import is_placeholder

# What one file contributes, as plain tuples (the check cache stores them with marshal):
Designations = tuple[tuple[str, str, str, bool], ...]  # (lang, term, status, abbreviation)
Texts = tuple[tuple[str, str, str, Anchors], ...]  # (field, lang, text, anchors)

ENTRY_TEXTS = ("definition", "example", "notes")
QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'", "`": "`"}
_AMBIGUOUS = frozenset("'’`\"")  # also written inside words and numbers: don't, customer’s, 5'11"
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?!\S)")


def index_usage(doc: Document, config: Config) -> tuple[Designations, Texts]:
    """A file's designations in every language (but deprecated everyday words, marked
    ``link: never``), and its texts that must not use deprecated ones, as pages show them
    (see ``model.text_of``)."""
    data = doc.data or {}
    tags = config.language_tags
    designations = []
    for lang in tags:
        entry = data.get(lang)
        terms = entry.get("terms") if isinstance(entry, dict) else None
        for item in terms if isinstance(terms, list) else ():
            term = text_of(item.get("term"), False) if isinstance(item, dict) else None
            if term is None or is_placeholder(term):
                continue
            status, kind = str(item.get("status")), item.get("type")
            if status != "deprecated" or item.get("link") != "never":
                designations.append((lang, term, status, kind in ("abbreviation", "acronym")))
    unspaced = {tag: config.language(tag).is_unspaced for tag in tags}
    lines = doc.source.split("\n")
    texts = []
    for where, value in doc.strings:
        tag = _language_of(where, tags)
        text = text_of(value, unspaced[tag]) if tag else None
        if tag and text:
            anchors = text_anchors(lines, doc.mark(where), text)
            texts.append((format_field(where), tag, text, anchors))
    return tuple(designations), tuple(texts)


def _language_of(where: tuple, tags: Sequence[str]) -> str | None:
    """The language of a text that is checked: an entry's definition, example or note, or
    a per-language text of the formula block."""
    if len(where) >= 2 and where[0] in tags and where[1] in ENTRY_TEXTS:
        return where[0] if len(where) == 2 or where[1] == "notes" else None
    if where and where[0] == "formula" and where[-1] in tags:
        return where[-1]
    return None


def iter_usage_errors(
    files: Sequence[tuple[str, str, Designations, Texts]], config: Config
) -> Iterator[Diagnostic]:
    """Deprecated designations in the texts of ``files`` (path, concept id, designations,
    texts), matched against the designations of all of them."""
    if config.severity_of("deprecated-in-text") == "off":
        return  # nothing to look for (the report gives the diagnostics their severity)
    by_lang: dict[str, list[tuple[str, str, str, bool]]] = {}
    for _, concept, designations, _ in files:
        for lang, term, status, abbreviation in designations:
            by_lang.setdefault(lang, []).append((term, concept, status, abbreviation))
    paths = {concept: path for path, concept, _, _ in reversed(files)}
    for lang, found in by_lang.items():
        finder = _Finder(found, config.language(lang).script == "Latn")
        texts = [(path, *text) for path, _, _, texts in files for text in texts if text[1] == lang]
        for path, field, _, text, anchors in finder.candidates(texts):
            for start, end, concept in finder.find(text):
                preferred = finder.preferred.get(concept)
                yield diagnostic(
                    path,
                    position_in(anchors, start),
                    SOFT,
                    "deprecated-in-text",
                    field,
                    term=text[start:end],
                    lang=lang,
                    concept=concept,
                    hint=hint(
                        "write-preferred" if preferred else "write-preferred-term",
                        preferred=preferred,
                        lang=lang,
                        path=paths[concept],
                    ),
                )


class _Finder:
    """One language's deprecated designations, and the others that may cover them."""

    def __init__(self, designations: Iterable[tuple[str, str, str, bool]], latin: bool):
        """``designations``: (term, concept, status, abbreviation) of every concept."""
        self.preferred: dict[str, str] = {}
        deprecated: list[Target] = []
        self._others: list[Target] = []
        for term, concept, status, abbreviation in designations:
            target = make_target(term, concept, abbreviation, latin)
            (deprecated if status == "deprecated" else self._others).append(target)
            if status == "preferred":
                self.preferred.setdefault(concept, term)
        # a form that is also another concept's term is that term wherever it stands
        # (潜在客户, 'lead' machine-translated, is zh-Hans for prospect): not looked for
        others: dict[str, list[Target]] = {}
        for target in self._others:
            others.setdefault(target.term.lower(), []).append(target)
        self.deprecated = [
            t for t in deprecated if not any(_covers(o, t) for o in others.get(t.term.lower(), ()))
        ]
        self._deprecated = Matcher.build(self.deprecated)
        self._matcher: Matcher | None = None

    def candidates(self, texts: list[tuple[str, str, str, str, Anchors]]) -> list:
        """The ``(path, field, lang, text, anchors)`` whose text holds a deprecated form at
        all, found in one pass over all of them (most hold none)."""
        if not self.deprecated:
            return []
        starts = list(accumulate((len(t[3]) + 1 for t in texts), initial=0))
        joined = "\0".join(t[3] for t in texts)  # NUL ends a word and is in no term file
        hits = {bisect_right(starts, s) - 1 for s, _, _ in self._deprecated.iter_matches(joined)}
        return [texts[index] for index in sorted(hits)]

    @property
    def others(self) -> Matcher:  # built only once a text has a deprecated form in it
        if self._matcher is None:
            self._matcher = Matcher.build(self._others)
        return self._matcher

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Deprecated forms in ``text`` that are meant as words of the text: (start, end,
        concept) of each, in order."""
        found = list(self._deprecated.iter_matches(text))
        if not found:
            return []
        matches = [(s, e, True, c) for s, e, c in found] + [
            (s, e, False, c) for s, e, c in self.others.iter_matches(text)
        ]
        # leftmost longest first; at one place, a designation that is not deprecated first
        matches.sort(key=lambda m: (m[0], m[0] - m[1], m[2], m[3]))
        chosen: list[tuple[int, int, str]] = []
        position, claimed = 0, (0, 0, False)
        for start, end, deprecated, concept in matches:
            if start >= position:
                position, claimed = end, (start, end, deprecated)
            elif (start, end, deprecated) != claimed:  # covered by the match that claimed it
                continue
            if deprecated and not is_quoted(text, start, end):
                chosen.append((start, end, concept))
        return chosen


def _covers(other: Target, deprecated: Target) -> bool:
    """Whether ``other``, written like ``deprecated``, matches wherever it does."""
    return (not other.case_sensitive or other.term == deprecated.term) and (
        other.plural or not deprecated.plural
    )


def is_quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in quotation marks around a word or phrase: the
    text speaks about the words (“판매 주기”라고도 하지만…) rather than with them. The
    innermost quotation counts, and one that holds a sentence is speech, not a quote."""
    inner = max(((s, e) for s, e in quotations(text) if s <= start and end <= e), default=None)
    return inner is not None and not _SENTENCE_END.search(text, inner[0], inner[1])


def quotations(text: str) -> list[tuple[int, int]]:
    """Where the text inside each pair of quotation marks starts and ends. A straight quote
    or ’ right after a Latin letter or digit does not open one, nor close one right before
    such a character: it is an apostrophe (don't, customer’s)."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for index, char in enumerate(text):
        apostrophe = char in _AMBIGUOUS
        if (
            opened
            and char == QUOTES[text[opened[-1]]]
            and not (apostrophe and _inside_word(text, index + 1))
        ):
            spans.append((opened.pop() + 1, index))
        elif char in QUOTES and not (apostrophe and _inside_word(text, index - 1)):
            opened.append(index)
    return spans


def _inside_word(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii() and text[index].isalnum()
