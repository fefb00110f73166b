"""Index order and jump-bar groups per language."""

from __future__ import annotations

import re
import tomllib
from functools import cache

import pytest
import yaml

from conftest import ROOT
from glossary.collate import (
    index_key,
    jump_bar,
    pypinyin_zhuyin,
    stroke_key,
    zhuyin_readings,
    zhuyin_syllable_key,
)
from glossary.config import load_config
from glossary.link import link_glossary
from glossary.pipeline import load_glossary
from glossary.render import SiteSettings, render_language


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


@cache
def _traditional_terms() -> frozenset[str]:
    """Every zh-Hant term of the real glossary."""
    terms = set()
    for path in (ROOT / "terms").glob("*.yaml"):
        section = yaml.safe_load(path.read_text("utf-8")).get("zh-Hant") or {}
        terms.update(t["term"] for t in section.get("terms", []))
    return frozenset(terms)


def _zhuyin_order(words: list[str]) -> list[str]:
    """``words`` (terms of the real glossary) in the zh-Hant index's order."""
    missing = set(words) - _traditional_terms()
    assert not missing, f"not zh-Hant terms in terms/: {missing}"
    return sorted(words, key=lambda w: index_key(w, "zh-Hant").sort)


def test_zhuyin_tones_go_first_to_fourth_then_neutral() -> None:
    # 失 ㄕ, 時 ㄕˊ, 使 ㄕˇ, 事 ㄕˋ: the second to fourth tones no longer tie
    words = ["事前約定", "使用者生成內容", "時間表", "失效線索"]
    assert _zhuyin_order(words) == ["失效線索", "時間表", "使用者生成內容", "事前約定"]
    assert _zhuyin_order(["培育", "配額"]) == ["培育", "配額"]  # ㄆㄟˊ before ㄆㄟˋ
    syllables = ["ㄕ˙", "ㄕˋ", "ㄕ", "ㄕˇ", "ㄕˊ"]
    assert sorted(syllables, key=zhuyin_syllable_key) == ["ㄕ", "ㄕˊ", "ㄕˇ", "ㄕˋ", "ㄕ˙"]
    assert zhuyin_syllable_key("˙ㄗ") == zhuyin_syllable_key("ㄗ˙")  # either place of the dot


def test_zhuyin_syllables_go_by_initial_medial_final_as_in_the_bopomofo_table() -> None:
    # ㄉㄚˊ ㄉㄞˋ ㄉㄠˇ | ㄉㄧ ㄉㄧˋ ㄉㄧㄡ ㄉㄧㄢˋ ㄉㄧㄥˋ | ㄉㄨㄢ: no medial first, then ㄧ ㄨ ㄩ;
    # after the medial the finals in table order (ㄚ ㄛ ㄜ ㄝ ㄞ ㄟ ㄠ ㄡ ㄢ ㄣ ㄤ ㄥ ㄦ)
    words = ["定位語", "丟單", "達成率", "第一次接觸", "導入時程", "電話陌開", "低品質名單"]
    words += ["待跟進線索"]
    assert _zhuyin_order(words) == [
        "達成率",
        "待跟進線索",
        "導入時程",
        "低品質名單",
        "第一次接觸",
        "丟單",
        "電話陌開",
        "定位語",
    ]
    # 輪 ㄌㄨㄣˊ before 畫 ㄏㄨㄚˋ: ㄌ comes before ㄏ in the table
    assert _zhuyin_order(["理想客戶畫像", "理想客戶輪廓"]) == ["理想客戶輪廓", "理想客戶畫像"]
    # ㄕ (no medial, no final) before ㄕㄜˋ; ㄌㄜˋ before ㄌㄡˋ before ㄌㄢˊ before ㄌㄧˇ
    assert _zhuyin_order(["社群銷售", "失效線索"]) == ["失效線索", "社群銷售"]
    assert _zhuyin_order(["欄位", "理想客戶畫像", "漏斗", "垃圾線索"]) == [
        "垃圾線索",
        "漏斗",
        "欄位",
        "理想客戶畫像",
    ]


def test_zhuyin_keeps_words_that_start_with_the_same_character_together() -> None:
    # 貶 ㄅㄧㄢˇ before 辨 ㄅㄧㄢˋ (the tone decides, not the next syllable)
    assert _zhuyin_order(["辨識痛點", "貶損者"]) == ["貶損者", "辨識痛點"]
    # 理 ㄌㄧˇ before 利 ㄌㄧˋ, each with its words, whatever their second syllables
    words = ["利潤率", "理想客戶輪廓", "利害關係人", "理想客戶畫像"]
    assert _zhuyin_order(words) == ["理想客戶輪廓", "理想客戶畫像", "利害關係人", "利潤率"]
    # homophones by strokes: 連 (11) before 聯 (17), 淨 (11) before 競 (20), 即 (7) before
    # 集 (12), 異 (11) 意 (13) 議 (20); the words of each stay together
    words = ["聯絡人角色", "連絡人", "聯絡人"]
    assert _zhuyin_order(words) == ["連絡人", "聯絡人", "聯絡人角色"]
    words = ["競品分析", "淨推薦值", "競爭分析", "淨營收留存率"]
    assert _zhuyin_order(words) == ["淨推薦值", "淨營收留存率", "競品分析", "競爭分析"]
    assert _zhuyin_order(["集客式行銷", "即席報表"]) == ["即席報表", "集客式行銷"]
    assert _zhuyin_order(["議價", "意圖資料", "異議處理", "異議"]) == [
        "異議",
        "異議處理",
        "意圖資料",
        "議價",
    ]


def test_zhuyin_files_a_word_and_its_spaced_longer_forms_shortest_first() -> None:
    assert _zhuyin_order(["地端部署 CRM", "地端 CRM"]) == ["地端 CRM", "地端部署 CRM"]
    assert _zhuyin_order(["量化指標（MEDDIC）", "量化指標"]) == ["量化指標", "量化指標（MEDDIC）"]


def test_strokes_are_counted_as_in_taiwan() -> None:
    # 艹 has four strokes in Taiwan's standard forms: 花 has 8, like 來 (mainland: 7)
    assert sorted("花來利限", key=stroke_key) == ["利", "來", "花", "限"]


def test_zhuyin_uses_taiwan_readings() -> None:
    assert zhuyin_readings("垃圾線索") == ["ㄌㄜˋ", "ㄙㄜˋ", "ㄒㄧㄢˋ", "ㄙㄨㄛˇ"]
    assert zhuyin_readings("企業對企業") == ["ㄑㄧˋ", "ㄧㄝˋ", "ㄉㄨㄟˋ", "ㄑㄧˋ", "ㄧㄝˋ"]
    assert zhuyin_readings("辨識痛點")[1] == "ㄕˋ"
    assert zhuyin_readings("業績獎金")[1] == "ㄐㄧ"
    assert zhuyin_readings("低品質名單")[2] == "ㄓˊ"
    assert zhuyin_readings("平均銷售週期")[5] == "ㄑㄧˊ"
    assert zhuyin_readings("推播式行銷")[1] == "ㄅㄛˋ"
    # words pypinyin knows in Simplified script: 處理 ㄔㄨˇ, 挑戰 ㄊㄧㄠˇ, 長度 ㄔㄤˊ
    assert zhuyin_readings("處理客戶異議")[0] == "ㄔㄨˇ"
    assert zhuyin_readings("挑戰")[0] == "ㄊㄧㄠˇ"
    assert zhuyin_readings("銷售週期長度")[4] == "ㄔㄤˊ"
    # and words it misreads: 對外行銷 is not 外行 + 銷
    assert zhuyin_readings("對外行銷")[2] == "ㄒㄧㄥˊ"
    assert zhuyin_readings("分析型 CRM") == ["ㄈㄣ", "ㄒㄧ", "ㄒㄧㄥˊ", None, None, None, None]
    # 挑 ㄊㄧㄠˇ: after 提 ㄊㄧˊ, before 推 ㄊㄨㄟ
    assert _zhuyin_order(["推薦者", "挑戰", "提案簡報"]) == ["提案簡報", "挑戰", "推薦者"]


def _taiwan_table() -> dict:
    path = ROOT / "tooling" / "glossary" / "data" / "zhuyin-taiwan.toml"
    return tomllib.loads(path.read_text("utf-8"))


def _is_syllable(reading: str) -> bool:
    initial, medial, final, rest, _ = zhuyin_syllable_key(reading)
    return not rest and (initial <= 21 or medial or final)


@pytest.mark.parametrize("char", sorted(_taiwan_table()["characters"]))
def test_each_taiwan_character_reading_replaces_what_pypinyin_still_says(char: str) -> None:
    entry = _taiwan_table()["characters"][char]
    assert pypinyin_zhuyin(char)[0] in entry["pypinyin"], "pypinyin now reads it otherwise"
    assert entry["taiwan"] not in entry["pypinyin"]
    assert all(map(_is_syllable, [entry["taiwan"], *entry["pypinyin"]]))
    assert zhuyin_readings(char) == [entry["taiwan"]]


@pytest.mark.parametrize("phrase", sorted(_taiwan_table()["phrases"]))
def test_each_taiwan_phrase_reading_is_one_syllable_a_character_and_still_needed(
    phrase: str,
) -> None:
    entry = _taiwan_table()["phrases"][phrase]
    reading, example = entry["taiwan"], entry.get("example", phrase)
    assert len(reading) == len(phrase) and all(map(_is_syllable, reading))
    at = example.index(phrase)
    mainland = pypinyin_zhuyin(example)[at : at + len(phrase)]
    assert mainland != reading, "pypinyin now reads it so: the entry can go"
    assert zhuyin_readings(example)[at : at + len(phrase)] == reading
    assert zhuyin_readings(f"新{phrase}") == [*pypinyin_zhuyin("新"), *reading]


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


def test_the_real_traditional_chinese_index_page_is_in_dictionary_order() -> None:
    """The A–Z page rendered from ``terms/``, as the site shows it."""
    config = load_config()
    glossary = load_glossary([ROOT / "terms"], want_concepts=True, use_cache=False)
    linked = link_glossary(glossary.concepts, config)
    settings = SiteSettings("https://glossary.example.com/", "https://example.com/edit/")
    (page,) = (
        p for p in render_language(linked, config, "zh-Hant", settings) if p.path == "a-z.md"
    )
    runs = [
        ["貶損者", "辨識痛點", "培育", "配額"],
        ["理想客戶輪廓", "理想客戶畫像", "利害關係人", "利潤率"],
        ["連絡人", "聯絡人", "聯絡人角色"],
        ["失效線索", "時間表", "使用者生成內容", "事前約定"],
    ]
    entry = re.compile(r'<li><(?:a href="[^"]*"|span class="gl-see-from")>([^<]+)<')
    entries = entry.findall(page.text)
    assert len(entries) > 500
    for run in runs:
        assert [e for e in entries if e in run] == run
