"""The real glossary in terms/: every seed concept is there, complete in four languages,
linked and sourced, and written in its own words."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, shared_folder
from glossary.config import load_config
from glossary.pipeline import load_glossary

COVERAGE = yaml.safe_load((ROOT / "tests" / "seed_coverage.yaml").read_text("utf-8"))
# how many characters (spaces ignored) a text may share with a seed before it counts as
# copied: a CJK clause, or about seven English words (the seeds hold English fragments)
VERBATIM = {"en": 40, "ko": 20, "zh-Hans": 20, "zh-Hant": 20}


@pytest.fixture(scope="module")
def concepts() -> dict:
    glossary = load_glossary([ROOT / "terms"], want_concepts=True, use_cache=False)
    assert glossary.report.exit_code(strict=True) == 0, glossary.report.format_text()
    return glossary.concepts


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    seeds = shared_folder("seeds")
    return {p.name: p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))}


def test_every_concept_of_the_coverage_list_has_a_term_file(concepts) -> None:
    assert sorted(set(COVERAGE) - set(concepts)) == []
    assert len(COVERAGE) >= 230


def test_the_coverage_list_quotes_real_seed_headings(seed_texts) -> None:
    wrong = [
        (cid, s["document"], s["heading"])
        for cid, seeds in COVERAGE.items()
        for s in seeds
        if s["heading"] not in seed_texts[s["document"]]
    ]
    assert wrong == []


def test_every_defining_seed_is_cited(concepts) -> None:
    uncited = [
        (cid, s["document"])
        for cid, seeds in COVERAGE.items()
        for s in seeds
        if s["document"] not in {src.document for src in concepts[cid].sources}
    ]
    assert uncited == []


def test_every_concept_is_complete_in_every_language(concepts) -> None:
    languages = load_config().language_tags
    incomplete = [
        (cid, lang)
        for cid, concept in concepts.items()
        for lang in languages
        if not (concept.entry(lang) and concept.entry(lang).is_complete)
    ]
    assert incomplete == []


def test_one_preferred_term_per_language_and_a_reason_for_every_deprecated_one(concepts) -> None:
    problems = []
    for cid, concept in concepts.items():
        for lang, entry in concept.entries.items():
            if sum(d.status == "preferred" for d in entry.designations) != 1:
                problems.append((cid, lang, "preferred"))
            problems += [
                (cid, lang, d.term)
                for d in entry.designations
                if d.status == "deprecated" and not d.reason
            ]
    assert problems == []


def test_every_concept_relates_to_another_and_cites_a_source(concepts) -> None:
    assert [cid for cid, c in concepts.items() if not c.relations] == []
    assert [cid for cid, c in concepts.items() if not c.sources] == []


def _shingles(text: str, size: int) -> set[str]:
    flat = re.sub(r"\s+", "", text).casefold()
    return {flat[i : i + size] for i in range(len(flat) - size + 1)}


def test_no_text_copies_a_run_of_seed_text(concepts, seed_texts) -> None:
    seen = {
        size: set().union(*(_shingles(t, size) for t in seed_texts.values()))
        for size in set(VERBATIM.values())
    }
    copied = []
    for cid, concept in concepts.items():
        for lang, entry in concept.entries.items():
            for field, text in (
                ("definition", entry.definition),
                ("example", entry.example),
                *(("notes", note) for note in entry.notes),
            ):
                shared = _shingles(text or "", VERBATIM[lang]) & seen[VERBATIM[lang]]
                if shared:
                    copied.append((cid, lang, field, sorted(shared)[0]))
    assert copied == []


def test_definitions_are_two_to_four_sentences_in_english(concepts) -> None:
    counts = {
        cid: len(re.findall(r"[.!?](?:\s|$)", c.entry("en").definition))
        for cid, c in concepts.items()
    }
    assert [cid for cid, n in counts.items() if not 1 <= n <= 5] == []


def test_published_text_never_mentions_internal_sources(concepts) -> None:
    internal = re.compile(
        r"seed|시드|种子|種子|(?<![\d,.])00[0-4](?![\d,.])|source article|원문 기사|출처 문서"
        r"|来源文[件章档]|來源文[件章檔]|出[处處]文章",
        re.I,
    )
    found = []
    for cid, concept in concepts.items():
        for lang, entry in concept.entries.items():
            texts = [
                entry.definition,
                entry.example,
                *entry.notes,
                *(d.reason for d in entry.designations),
                *(d.note for d in entry.designations),
            ]
            found += [(cid, lang, t[:60]) for t in texts if t and internal.search(t)]
        found += [
            (cid, f"source ({lang})", note[:60])
            for s in concept.sources
            for lang, note in s.note.items()
            if internal.search(note)
        ]
        if concept.formula:
            variant = " ".join((concept.formula.get("variant") or {}).values())
            if internal.search(variant):
                found.append((cid, "variant", variant[:60]))
    assert found == []
