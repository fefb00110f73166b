"""Korean particles agree with the word before them, the same way in Python
(``glossary.particles``) and in the browser (``site_src/assets/particles.mjs``, run
against ``tests/js/particles.json`` by ``node --test``)."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from glossary.particles import attach_particles
from glossary.ui import ui_strings

FIXTURE = ROOT / "tests" / "js" / "particles.json"
CASES = [
    # a final consonant (받침) or none, in every pair
    ("신규 확보 고객 수은(는) 0 이상이어야 합니다.", "신규 확보 고객 수는 0 이상이어야 합니다."),
    ("고객 이탈률은(는)", "고객 이탈률은"),
    ("기초 고객 수을(를) 입력하세요.", "기초 고객 수를 입력하세요."),
    ("이탈 고객 수을(를) 입력하세요.", "이탈 고객 수를 입력하세요."),
    ("계약 금액을(를)", "계약 금액을"),
    ("리드이(가)", "리드가"),
    ("파이프라인이(가)", "파이프라인이"),
    ("고객과(와) 영업", "고객과 영업"),
    ("리드과(와) 기회", "리드와 기회"),
    ("가(이)", "가(이)"),
    ("영업 기회가(이)", "영업 기회가"),
    ("매출는(은)", "매출은"),
    ("리드를(을)", "리드를"),
    ("고객와(과)", "고객과"),
    # (으)로: 으로 after a consonant but ㄹ, 로 after a vowel or ㄹ
    ("고객(으)로", "고객으로"),
    ("리드(으)로", "리드로"),
    ("이탈률(으)로", "이탈률로"),
    # the word outside a parenthesis decides; quotes are looked through
    ("연간 반복 매출(ARR)을(를)", "연간 반복 매출(ARR)을"),
    ("고객 생애 가치 (CLV)은(는)", "고객 생애 가치 (CLV)는"),
    ("계약 기간(년)은(는)", "계약 기간(년)은"),
    ("'고객 이탈률'은(는)", "'고객 이탈률'은"),
    ("“리드”이(가)", "“리드”가"),
    ("「리드」을(를)", "「리드」를"),
    ("'매출(ARR)'을(를)", "'매출(ARR)'을"),
    # numbers as read in Sino-Korean
    ("0이(가)", "0이"),
    ("1은(는)", "1은"),
    ("1(으)로", "1로"),
    ("2은(는)", "2는"),
    ("3(으)로", "3으로"),
    ("8을(를)", "8을"),
    ("10은(는)", "10은"),
    ("100이(가)", "100이"),
    ("1,000을(를)", "1,000을"),
    ("10,000은(는)", "10,000은"),
    ("1,000,000이(가)", "1,000,000이"),
    ("1,000,000,000,000은(는)", "1,000,000,000,000는"),
    ("1.5은(는)", "1.5는"),
    ("2.50은(는)", "2.50은"),
    ("8%은(는)", "8%는"),
    # capital letters read one by one; a word's reading cannot be told from its spelling
    ("ARR은(는)", "ARR은"),
    ("CRM(으)로", "CRM으로"),
    ("URL(으)로", "URL로"),
    ("NPS와(과)", "NPS와"),
    ("LTV:CAC이(가)", "LTV:CAC가"),
    ("SaaS은(는)", "SaaS은(는)"),
    ("'retention-rate'은(는) 개념이 아닙니다.", "'retention-rate'은(는) 개념이 아닙니다."),
    ("deal(으)로", "deal(으)로"),
    ("客户은(는)", "客户은(는)"),
    # nothing before the particle, several in one text, and text without any
    ("은(는)", "은(는)"),
    ("(ARR)을(를)", "(ARR)을(를)"),
    ("리드은(는) 고객이(가) 아닙니다.", "리드는 고객이 아닙니다."),
    ("그대로 둡니다.", "그대로 둡니다."),
    ("Enter the number of customers.", "Enter the number of customers."),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_particle_agrees_with_the_word_before_it(text: str, expected: str) -> None:
    assert attach_particles(text) == expected


def test_the_calculator_messages_come_out_without_double_forms() -> None:
    ko = ui_strings()["ko"]
    label = "신규 확보 고객 수"
    shown = {
        key: attach_particles(ko[key].replace("{label}", label).replace("{bound}", "0"))
        for key in ("error_missing", "error_invalid", "error_below", "error_above")
    }
    assert shown == {
        "error_missing": "신규 확보 고객 수를 입력하세요.",
        "error_invalid": "신규 확보 고객 수에는 숫자를 입력하세요.",
        "error_below": "신규 확보 고객 수는 0 이상이어야 합니다.",
        "error_above": "신규 확보 고객 수는 0 이하여야 합니다.",
    }


def test_the_browser_fixture_is_current(update_goldens: bool) -> None:
    """``tests/js/particles.test.mjs`` holds the browser module to these same cases."""
    text = json.dumps(CASES, ensure_ascii=False, indent=0) + "\n"
    if update_goldens:
        FIXTURE.write_text(text, "utf-8")
    assert FIXTURE.read_text("utf-8") == text, "run pytest --update-goldens"


def test_glossary_calc_speaks_korean_with_the_right_particle(capsys) -> None:
    from conftest import run_cli

    code, out, err = run_cli(capsys, "calc", "churn-rate", "customers_start=100", "--lang", "ko")
    assert (code, out, err) == (
        1,
        "",
        "기간 중 이탈한 고객 수를 입력하세요. customers_lost=값 형식으로 입력하세요.\n",
    )
    code, _, err = run_cli(
        capsys, "calc", "churn-rate", "customers_lost=-1", "customers_start=100", "--lang", "ko"
    )
    assert (code, err) == (1, "기간 중 이탈한 고객 수는 0 이상이어야 합니다.\n")


def test_the_tools_korean_messages_agree_with_their_values() -> None:
    from glossary.i18n import use_language
    from glossary.messages import render_message

    params = {"lang": "ko", "other": "churn", "other_path": "terms/churn.yaml", "other_line": 9}
    use_language("ko")
    try:
        korean = render_message("duplicate-term", {**params, "term": "고객 이탈률"})
        latin = render_message("duplicate-term", {**params, "term": "churn rate"})
    finally:
        use_language("en")
    assert korean == (
        "ko 권장 용어 '고객 이탈률'은 'churn'(terms/churn.yaml:9)의 권장 용어이기도 합니다."
    )
    assert latin.startswith("ko 권장 용어 'churn rate'은(는) ")
