"""The mention linker on its own: CJK-aware, longest match first, never inside a word."""

from __future__ import annotations

import pytest

from glossary.link import Matcher, Target, link_block, targets_for
from glossary.model import Concept, Designation, Entry


def _matcher() -> Matcher:
    return Matcher.build(
        [
            Target("ARR", "arr", True, False),
            Target("annual recurring revenue", "arr", False, True),
            Target("lead", "lead", False, True),
            Target("리드", "lead", False, False),
            Target("파이프라인", "pipeline", False, False),
            Target("영업 파이프라인", "sales-pipeline", False, False),
            Target("客户", "customer", False, False),
            Target("客户流失率", "churn", False, False),
            Target("流失率", "churn-short", False, False),
            Target("转化率", "conversion", False, False),
            Target("SLA", "sla", True, False),
            Target("담당자", "rep", False, False),
            Target("세일즈 개발 담당자", "sdr", False, False),
            Target("SDR", "sdr", True, False),
        ]
    )


def _mentions(text: str, exclude: str | None = None) -> list[tuple[str, str]]:
    return [
        (s.text, s.concept) for s in link_block(_matcher(), text, exclude) if s.kind == "mention"
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ARR은 12% 늘었다", [("ARR", "arr")]),
        ("ARR이 오르고 ARR을 본다", [("ARR", "arr")]),
        ("리드를 만났다", [("리드", "lead")]),
        ("리드는, 리드가", [("리드", "lead")]),
        ("파이프라인에서는 괜찮다", [("파이프라인", "pipeline")]),
        ("리드타임이 길다", []),
        ("골리드", []),
    ],
)
def test_korean_particles_may_follow_a_term_but_longer_words_may_not(text, expected) -> None:
    assert _mentions(text) == expected


def test_the_longest_designation_wins() -> None:
    assert _mentions("영업 파이프라인이 두껍다") == [("영업 파이프라인", "sales-pipeline")]
    assert _mentions("客户流失率是指") == [("客户流失率", "churn")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("月度转化率很高", [("转化率", "conversion")]),
        ("我们的客户流失率上升了", [("客户流失率", "churn")]),
        ("老客户的流失率", [("客户", "customer"), ("流失率", "churn-short")]),
    ],
)
def test_chinese_terms_are_found_inside_unspaced_text(text, expected) -> None:
    assert _mentions(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ARRAY is not ARR", [("ARR", "arr")]),
        ("XARR and ARRs", []),
        ("an SLA, not a sla", [("SLA", "sla")]),
        ("Annual Recurring Revenue grew", [("Annual Recurring Revenue", "arr")]),
        ("two leads and leadership", [("leads", "lead")]),
    ],
)
def test_latin_terms_need_word_boundaries(text, expected) -> None:
    assert _mentions(text) == expected


def test_a_concept_never_links_to_itself() -> None:
    assert _mentions("ARR grows with each lead", exclude="arr") == [("lead", "lead")]


def test_the_words_of_a_match_left_unlinked_are_not_linked_to_a_shorter_term() -> None:
    # the concept's own name on its page, and a concept's second mention in a block
    assert _mentions("세일즈 개발 담당자(SDR)는 담당자와 다르다", exclude="sdr") == [
        ("담당자", "rep")
    ]
    assert _mentions("客户流失率和客户流失率", exclude="churn") == []
    assert _mentions("영업 파이프라인, 다시 영업 파이프라인과 파이프라인") == [
        ("영업 파이프라인", "sales-pipeline"),
        ("파이프라인", "pipeline"),
    ]


def test_each_concept_is_linked_once_per_block_and_code_is_left_alone() -> None:
    segments = link_block(_matcher(), "`ARR` is ARR, and ARR again")
    assert [(s.kind, s.text) for s in segments] == [
        ("code", "ARR"),
        ("text", " is "),
        ("mention", "ARR"),
        ("text", ", and ARR again"),
    ]


def test_segments_reassemble_the_text() -> None:
    text = "영업 파이프라인에서 리드를 ARR로 바꾸는 客户流失率 이야기"
    assert "".join(s.text for s in link_block(_matcher(), text)) == text


def test_an_empty_glossary_links_nothing() -> None:
    assert [s.kind for s in link_block(Matcher.build([]), "ARR")] == ["text"]


def test_capitalised_one_word_names_match_only_as_written() -> None:
    def concept(cid: str, *designations: Designation) -> Concept:
        return Concept(cid, None, {"en": Entry("en", designations)})

    matcher = Matcher.build(
        targets_for(
            [
                concept(
                    "new-lead",
                    Designation("new lead", "preferred"),
                    Designation("NEW", "admitted", "short-form"),
                ),
                concept("working-lead", Designation("Working", "admitted", "short-form")),
                concept("nps", Designation("Net Promoter Score", "preferred")),
            ],
            "en",
        )
    )

    def mentions(text: str) -> list[tuple[str, str]]:
        return [(s.text, s.concept) for s in link_block(matcher, text) if s.kind == "mention"]

    assert mentions("Leads in NEW or Working") == [("NEW", "new-lead"), ("Working", "working-lead")]
    assert mentions("a new rep keeps working on our net promoter score") == [
        ("net promoter score", "nps")
    ]


def test_a_designation_marked_never_is_not_linked() -> None:
    need = Concept(
        "need",
        None,
        {
            "en": Entry(
                "en",
                (
                    Designation("need", "preferred", link="never"),
                    Designation("customer need", "admitted"),
                ),
            )
        },
    )
    matcher = Matcher.build(targets_for([need], "en"))
    assert [s.concept for s in link_block(matcher, "We need a budget") if s.kind == "mention"] == []
    assert [s.text for s in link_block(matcher, "the customer need") if s.kind == "mention"] == [
        "customer need"
    ]
