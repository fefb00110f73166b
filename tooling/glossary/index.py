"""index: the cross-file half of validation, in two phases.

``index_document`` reduces each checked file to what other files can refer to or
clash with (its id, preferred terms, relations, each with its place); the index is
small enough to cache and to pass between processes. ``iter_index_errors`` then
resolves every reference against the whole index: duplicate ids and preferred terms
(reported at both places), unknown targets with a suggestion (from ids and from every
designation in every language), relations stated differently from the two sides,
deprecated designations used in texts (``usage``)."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from glossary.config import Config
from glossary.diagnostics import SOFT, Diagnostic, diagnostic
from glossary.load import Document
from glossary.messages import hint
from glossary.placeholder import is_placeholder
from glossary.usage import Designations, Texts, index_usage, iter_usage_errors

Mark = tuple[int, int]


class Indexed(NamedTuple):
    """What one term file contributes to the glossary-wide checks."""

    path: str
    id: str
    id_mark: Mark
    preferred: tuple[tuple[str, str, str, Mark], ...]  # (lang, term, field, mark)
    relations: tuple[
        tuple[str, str, str, Mark, Mark], ...
    ]  # (kind, target, field, type mark, target mark)
    replaces: tuple[tuple[str, str, Mark], ...] = ()  # (old id, field, mark)
    designations: Designations = ()  # every designation, and the texts that may use them
    texts: Texts = ()


def term_key(term: str) -> str:
    """Designations that differ only in case, width or spacing are the same term."""
    return " ".join(unicodedata.normalize("NFKC", term).casefold().split())


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice, for "Did you mean …?" (a choice that starts with the word wins)."""
    choices = list(choices)
    prefixed = [c for c in choices if word and c.startswith(word)]
    if len(prefixed) == 1:
        return prefixed[0]
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


def _target_key(text: str) -> str:
    """A designation or a typed target as one comparable key: ``MQL``, ``mql``,
    ``sales-qualified lead`` and ``sales qualified lead`` meet."""
    return term_key(text.replace("-", " ").replace("_", " "))


STATUS_RANK = {"preferred": 0, "admitted": 1, "deprecated": 2, "superseded": 2}


def suggest_concept(target: str, candidates: Iterable[Indexed]) -> str | None:
    """The concept a mistyped relation target most likely means. An exact designation
    in any language (an acronym such as ``cac``, a Korean or Chinese term) wins over
    a similar id, so ``cac`` means ``customer-acquisition-cost`` rather than
    ``cac-payback-period``; then a similar id; then a similar designation."""
    candidates = list(candidates)
    key = _target_key(target)
    exact = sorted(
        (STATUS_RANK.get(status, 3), item.id)
        for item in candidates
        for _, term, status, _ in item.designations
        if _target_key(term) == key
    )
    if exact:
        return exact[0][1]
    similar_id = suggest(target, [item.id for item in candidates])
    if similar_id:
        return similar_id
    owners: dict[str, str] = {}
    for item in sorted(candidates, key=lambda i: i.id):
        for _, term, _, _ in item.designations:
            owners.setdefault(_target_key(term), item.id)
    close = difflib.get_close_matches(key, list(owners), n=1, cutoff=0.75)
    return owners[close[0]] if close else None


def index_document(doc: Document, config: Config) -> Indexed | None:
    data = doc.data
    if data is None:
        return None
    concept_id = data.get("id") if isinstance(data.get("id"), str) else doc.path.stem
    preferred = []
    for lang in config.language_tags:
        terms = data.get(lang, {}).get("terms") if isinstance(data.get(lang), dict) else None
        for index, item in enumerate(terms if isinstance(terms, list) else []):
            if (
                isinstance(item, dict)
                and item.get("status") == "preferred"
                and isinstance(item.get("term"), str)
                and not is_placeholder(item["term"])
            ):
                where = (lang, "terms", index, "term")
                preferred.append(
                    (lang, item["term"], f"{lang}.terms[{index}].term", doc.mark(where))
                )
                break
    relations = []
    raw = data.get("relations")
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        if (
            isinstance(item, dict)
            and item.get("type") in config.relations
            and isinstance(item.get("target"), str)
        ):
            relations.append(
                (
                    item["type"],
                    item["target"],
                    f"relations[{index}]",
                    doc.mark(("relations", index, "type")),
                    doc.mark(("relations", index, "target")),
                )
            )
    raw_replaces = data.get("replaces")
    replaces = tuple(
        (old, f"replaces[{index}]", doc.mark(("replaces", index)))
        for index, old in enumerate(raw_replaces if isinstance(raw_replaces, list) else [])
        if isinstance(old, str)
    )
    return Indexed(
        str(doc.path),
        concept_id,
        doc.mark(("id",)),
        tuple(preferred),
        tuple(relations),
        replaces,
        *index_usage(doc, config),
    )


def iter_index_errors(index: list[Indexed], config: Config) -> Iterator[Diagnostic]:
    by_id: dict[str, Indexed] = {}
    for item in index:
        first = by_id.setdefault(item.id, item)
        if first is not item:
            for this, other in ((item, first), (first, item)):
                yield diagnostic(
                    this.path,
                    this.id_mark,
                    "error",
                    "duplicate-id",
                    "id",
                    id=this.id,
                    other=f"{other.path}:{other.id_mark[0]}",
                )
    yield from _iter_duplicate_terms(index, config)
    yield from _iter_replaced_ids(index, by_id)
    for item in index:
        yield from _iter_relation_errors(item, by_id, config)
    yield from iter_usage_errors([(i.path, i.id, i.designations, i.texts) for i in index], config)


def _iter_replaced_ids(index: list[Indexed], by_id: dict[str, Indexed]) -> Iterator[Diagnostic]:
    """An old id (``replaces``) must not be a current concept's id, nor claimed twice: its
    address redirects to exactly one concept."""
    claimed: dict[str, tuple[Indexed, str, Mark]] = {}
    for item in index:
        for old, field, mark in item.replaces:
            if old in by_id:
                other = by_id[old]
                yield diagnostic(
                    item.path,
                    mark,
                    "error",
                    "replaced-id-in-use",
                    field,
                    id=old,
                    other_path=f"{other.path}:{other.id_mark[0]}",
                )
                continue
            first = claimed.setdefault(old, (item, field, mark))
            if first[0] is not item:
                for (this, this_field, this_mark), other in (
                    ((item, field, mark), first[0]),
                    (first, item),
                ):
                    yield diagnostic(
                        this.path,
                        this_mark,
                        "error",
                        "replaced-id-claimed-twice",
                        this_field,
                        id=old,
                        other=other.id,
                        other_path=other.path,
                    )


def _iter_duplicate_terms(index: list[Indexed], config: Config) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, str], tuple[Indexed, tuple]] = {}
    severity = SOFT
    for item in index:
        for place in item.preferred:
            lang, term = place[0], place[1]
            first = seen.setdefault((lang, term_key(term)), (item, place))
            if first[0] is item:
                continue
            for (this, here), (other, there) in (((item, place), first), (first, (item, place))):
                yield diagnostic(
                    this.path,
                    here[3],
                    severity,
                    "duplicate-term",
                    here[2],
                    lang=lang,
                    term=here[1],
                    other=other.id,
                    other_path=other.path,
                    other_line=there[3][0],
                )


def _iter_relation_errors(
    item: Indexed, by_id: dict[str, Indexed], config: Config
) -> Iterator[Diagnostic]:
    seen: set = set()
    for kind, target, field, type_mark, target_mark in item.relations:
        if target == item.id:
            yield diagnostic(item.path, target_mark, "error", "self-ref", f"{field}.target")
        elif target not in by_id:
            suggestion = suggest_concept(target, (i for i in by_id.values() if i.id != item.id))
            tip = hint("did-you-mean", suggestion=suggestion) if suggestion else ""
            yield diagnostic(
                item.path,
                target_mark,
                "error",
                "unknown-ref",
                f"{field}.target",
                target=target,
                hint=tip,
            )
        else:
            yield from _iter_conflicts(item, kind, field, type_mark, by_id[target], config)
        if (kind, target) in seen:
            yield diagnostic(
                item.path, type_mark, "error", "duplicate-relation", field, kind=kind, target=target
            )
        seen.add((kind, target))


def _iter_conflicts(
    item: Indexed, kind: str, field: str, mark: Mark, other: Indexed, config: Config
) -> Iterator[Diagnostic]:
    """A relation stated from both sides must agree (A broader B ⇔ B narrower A)."""
    expected = config.inverse_relation(kind)
    for back_kind, back_target, _, back_mark, _ in other.relations:
        if back_target == item.id and back_kind != expected:
            yield diagnostic(
                item.path,
                mark,
                SOFT,
                "relation-conflict",
                f"{field}.type",
                target=other.id,
                kind=kind,
                other_kind=config.inverse_relation(back_kind),
                other_path=other.path,
                other_line=back_mark[0],
            )
