"""What the real glossary's metric pages show in each language: worked examples and
calculator defaults in the reader's own currency and magnitudes, agreeing with that
language's example sentence; results with their period; alternatives in words; a currency
picker only where money is counted."""

from __future__ import annotations

import re

import pytest

from amounts import mentions, numbers_in
from conftest import ROOT
from glossary.config import language, load_config
from glossary.formula.display import format_value
from glossary.formula.examples import localize_example, money_names
from glossary.formula.grammar import names, parse
from glossary.formula.metric import RESULT, Metric, build_metric
from glossary.formula.present import present_metric
from glossary.pipeline import load_glossary
from glossary.ui import ui_strings

LANGS = load_config().language_tags
SOURCE = load_config().source_language
# sentences that state a rule rather than a result: they must name one of the inputs
STATES_NO_RESULT = {"commission"}


@pytest.fixture(scope="module")
def concepts() -> dict:
    glossary = load_glossary([ROOT / "terms"], want_concepts=True, use_cache=False)
    return {cid: c for cid, c in glossary.concepts.items() if c.formula}


@pytest.fixture(scope="module")
def metrics(concepts) -> dict[str, Metric]:
    return {cid: build_metric(cid, dict(c.formula), solve=False) for cid, c in concepts.items()}


def _page(metric: Metric, lang: str) -> dict:
    return present_metric(metric, lang, "R", ui_strings()[lang], SOURCE)


def _shown(item: dict, value: float) -> float:
    """A value as a sentence writes it: percentages as percent."""
    return value * 100 if item.get("unit") == "percent" else value


def test_there_are_metrics_with_money_to_check(metrics) -> None:
    assert len(metrics) >= 30
    assert len([m for m in metrics.values() if money_names(m)]) >= 20


@pytest.mark.parametrize("lang", LANGS)
def test_every_amount_is_in_the_readers_own_currency_and_numbers(metrics, lang: str) -> None:
    currency = language(lang).currency
    for cid, metric in metrics.items():
        if not money_names(metric):
            continue
        page = _page(metric, lang)
        assert f'"currency":"{currency}"' in page["data"], cid
        for example, shown in zip(metric.examples, page["examples"], strict=True):
            local = localize_example(metric, example, lang, SOURCE)
            assert (local.lang, local.currency) == (lang, currency), cid
            for name in money_names(metric) - {RESULT}:
                if lang != SOURCE and local.inputs[name]:
                    english = localize_example(metric, example, SOURCE, SOURCE).inputs[name]
                    assert local.inputs[name] != english, f"{cid}: {name} is the {SOURCE} number"
            if RESULT in money_names(metric):
                expected = format_value(local.result, "currency", lang, currency)
                assert expected in shown["result"], (cid, shown["result"])


@pytest.mark.parametrize("lang", LANGS)
def test_the_worked_example_agrees_with_the_languages_example_sentence(
    concepts, metrics, lang: str
) -> None:
    disagreeing = []
    for cid, metric in metrics.items():
        sentence = concepts[cid].entries[lang].example
        local = localize_example(metric, metric.examples[0], lang, SOURCE)
        if cid in STATES_NO_RESULT:
            agrees = any(
                mentions(sentence, _shown(metric.input(n), v)) for n, v in local.inputs.items()
            )
        else:
            agrees = mentions(sentence, _shown(metric.result, local.result))
        if not agrees:
            disagreeing.append((cid, local.result, numbers_in(sentence)))
    assert disagreeing == []


def test_korean_cac_matches_its_sentence_in_won(concepts, metrics) -> None:
    sentence = concepts["customer-acquisition-cost"].entries["ko"].example
    assert "2억 5,000만 원" in sentence and "500만 원" in sentence
    page = _page(metrics["customer-acquisition-cost"], "ko")
    [example] = page["examples"]
    assert example["rows"] == [
        ("영업·마케팅 비용", "₩250,000,000(2억 5,000만 원)"),  # the sentence's own words
        ("신규 확보 고객 수", "50"),
    ]
    assert example["substituted"] == "₩250,000,000 ÷ 50 = ₩5,000,000"
    assert [f["value"] for f in page["fields"]] == ["250000000", "50"]
    assert numbers_in(sentence) == [250_000_000, 50, 5_000_000]


def test_sales_velocity_says_per_day_in_every_language(metrics) -> None:
    shown = {lang: _page(metrics["sales-velocity"], lang)["examples"][0] for lang in LANGS}
    assert {lang: page["result"] for lang, page in shown.items()} == {
        "en": "$5,000.00 per day",
        "ko": "하루 ₩5,000,000",
        "zh-Hans": "每天 ¥35,000.00",
        "zh-Hant": "每天 $150,000.00",
    }
    assert shown["ko"]["substituted"] == "40 × ₩25,000,000 × 25% ÷ 50일 = 하루 ₩5,000,000"


@pytest.mark.parametrize("lang", LANGS)
def test_alternatives_are_shown_in_words(metrics, lang: str) -> None:
    raw = []
    for cid, metric in metrics.items():
        alternatives = metric.raw.get("alternatives") or []
        for alternative, shown in zip(
            alternatives, _page(metric, lang)["alternatives"], strict=True
        ):
            operands = {o.strip() for o in re.split(r" [×÷+−] |[()]", shown["expression"])}
            for name in names(parse(alternative["expression"])):
                if name in operands:
                    raw.append((cid, name, shown["expression"]))
    assert raw == []


def test_win_rates_alternative_names_opportunities_created_in_each_language(metrics) -> None:
    shown = {lang: _page(metrics["win-rate"], lang)["alternatives"][0] for lang in LANGS}
    assert {lang: alt["expression"] for lang, alt in shown.items()} == {
        "en": "Deals won ÷ Opportunities created in the period",
        "ko": "수주 건수 ÷ 기간 중 생성된 영업 기회 수",
        "zh-Hans": "赢单数 ÷ 期内创建的商机数",
        "zh-Hant": "贏單數 ÷ 期間內建立的商機數",
    }


def test_a_currency_picker_only_where_money_is_counted(metrics) -> None:
    for cid, metric in metrics.items():
        currencies = _page(metric, "ko")["currencies"]
        assert bool(currencies) == bool(money_names(metric)), cid
        assert not currencies or currencies[0] == "KRW"
    assert _page(metrics["churn-rate"], "ko")["currencies"] == []
    assert _page(metrics["ltv-to-cac-ratio"], "ko")["currencies"][0] == "KRW"


def test_a_language_without_its_amounts_sees_the_source_numbers_and_currency() -> None:
    metric = build_metric(
        "x",
        {
            "expression": "spend / customers",
            "result": {"unit": "currency"},
            "inputs": [
                {"name": "spend", "unit": "currency"},
                {"name": "customers", "unit": "count"},
            ],
            "examples": [
                {
                    "inputs": {"spend": {"en": 100, "ko": 120000}, "customers": 4},
                    "result": {"en": 25, "ko": 30000},
                },
            ],
        },
        solve=False,
    )
    example = metric.examples[0]
    korean = localize_example(metric, example, "ko", "en")
    assert (korean.lang, korean.currency, korean.inputs) == (
        "ko",
        "KRW",
        {"spend": 120000, "customers": 4},
    )
    chinese = localize_example(metric, example, "zh-Hans", "en")
    assert (chinese.lang, chinese.currency, chinese.inputs) == (
        "en",
        "USD",
        {"spend": 100, "customers": 4},
    )
    page = _page(metric, "zh-Hans")
    assert page["examples"][0]["substituted"] == "US$100.00 ÷ 4 = US$25.00"
    assert '"currency":"USD"' in page["data"]
