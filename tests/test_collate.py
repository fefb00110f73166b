"""Index order and jump-bar groups per language."""

from __future__ import annotations

from glossary.collate import index_key, jump_bar


def _sorted(words: list[str], lang: str) -> list[tuple[str, str]]:
    return [
        (w, index_key(w, lang).group) for w in sorted(words, key=lambda w: index_key(w, lang).sort)
    ]


def test_korean_groups_by_initial_consonant_with_tense_consonants_folded() -> None:
    assert _sorted(["리드", "까다로운 고객", "거래", "ARR", "파이프라인", "고객 이탈률"], "ko") == [
        ("거래", "ㄱ"),
        ("고객 이탈률", "ㄱ"),
        ("까다로운 고객", "ㄱ"),
        ("리드", "ㄹ"),
        ("파이프라인", "ㅍ"),
        ("ARR", "A"),
    ]


def test_simplified_chinese_sorts_by_pinyin_with_acronyms_under_their_letter() -> None:
    assert _sorted(["销售线索", "成交", "重复购买", "客户流失率", "ARR"], "zh-Hans") == [
        ("成交", "C"),
        ("重复购买", "C"),
        ("客户流失率", "K"),
        ("销售线索", "X"),
        ("ARR", "A"),
    ]


def test_traditional_chinese_sorts_by_zhuyin() -> None:
    assert _sorted(["銷售線索", "客戶流失率", "標記術語", "成交", "ARR"], "zh-Hant") == [
        ("標記術語", "ㄅ"),
        ("客戶流失率", "ㄎ"),
        ("銷售線索", "ㄒ"),
        ("成交", "ㄔ"),
        ("ARR", "A"),
    ]


def test_english_sorts_case_insensitively() -> None:
    assert _sorted(["lead", "ARR", "annual contract value", "Zebra"], "en") == [
        ("annual contract value", "A"),
        ("ARR", "A"),
        ("lead", "L"),
        ("Zebra", "Z"),
    ]


def test_jump_bars_list_the_languages_own_groups_then_latin_letters() -> None:
    assert jump_bar("ko")[:3] == ["ㄱ", "ㄴ", "ㄷ"] and jump_bar("ko")[14:16] == ["A", "B"]
    assert jump_bar("zh-Hant")[:4] == ["ㄅ", "ㄆ", "ㄇ", "ㄈ"]
    assert jump_bar("zh-Hans")[:2] == ["A", "B"] and jump_bar("en")[-1] == "#"
