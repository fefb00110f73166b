"""Calculators in real Chromium, in Korean and Traditional Chinese: typing, solving for
another input, share links, every error message, currency, keyboard and instant
navigation; and, on the real glossary, amounts in each reader's currency that agree with
the page's example sentence, and results with their period in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from amounts import numbers_in

pytestmark = pytest.mark.browser


def _field(page, name: str):
    return page.locator(f".gl-calc [data-field='{name}']")


def _result(page) -> str:
    return page.locator(".gl-calc__result").inner_text()


def _error(page) -> str:
    error = page.locator(".gl-calc__error")
    return error.inner_text() if error.is_visible() else ""


def test_korean_calculator_computes_as_you_type(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/terms/churn-rate/")
    assert page.locator(".gl-calc").is_visible()
    assert _result(page) == "고객 이탈률 = 8%"
    _field(page, "customers_lost").fill("12")
    assert _result(page) == "고객 이탈률 = 12%"
    assert page.locator(".gl-calc__formula").inner_text() == "12 ÷ 100 = 12%"


def test_solve_for_another_input_and_restore_it_from_a_share_link(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/terms/churn-rate/")
    page.locator(".gl-calc [data-solve]").select_option("customers_start")
    _field(page, "result").fill("10")
    _field(page, "customers_lost").fill("12")
    assert _field(page, "customers_start").input_value() == "120"
    assert _result(page) == "기초 고객 수 = 120"
    page.locator(".gl-calc__share").click()
    assert "solve=customers_start" in page.url and "result=0.1" in page.url
    shared = page.url
    page.goto("about:blank")
    page.goto(shared.replace("/ko/", "/zh-hant/"))
    assert page.locator(".gl-calc [data-solve]").input_value() == "customers_start"
    assert _result(page) == "期初客戶數 = 120"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("customers_lost", "", "이탈 고객 수를 입력하세요."),
        ("customers_lost", "열둘", "이탈 고객 수에는 숫자를 입력하세요."),
        ("customers_lost", "-1", "이탈 고객 수는 0 이상이어야 합니다."),
        ("customers_lost", "2000000", "이탈 고객 수는 1,000,000 이하여야 합니다."),
        ("customers_start", "0", "기초 고객 수는 0보다 커야 합니다."),
    ],
)
def test_each_input_error_has_its_own_message(
    page, site_url: str, field: str, value: str, message: str
) -> None:
    page.goto(f"{site_url}ko/terms/churn-rate/")
    _field(page, field).fill(value)
    assert _error(page) == message
    assert _field(page, field).get_attribute("aria-invalid") == "true"
    assert _result(page) == ""


def test_division_by_zero_when_solving_in_traditional_chinese(page, site_url: str) -> None:
    page.goto(f"{site_url}zh-hant/terms/churn-rate/")
    page.locator(".gl-calc [data-solve]").select_option("customers_start")
    _field(page, "result").fill("0")
    assert _error(page) == "無法計算：除數為零。"


def test_fullwidth_digits_and_a_currency_choice(page, site_url: str) -> None:
    page.goto(f"{site_url}zh-hant/terms/annual-recurring-revenue/")
    assert _field(page, "mrr").input_value() == "1500000"  # the zh-Hant example's NT$
    assert _result(page) == "年度經常性收入（ARR） = 每年 $18,000,000.00（1,800 萬元）"
    _field(page, "mrr").fill("１２，０００")
    assert _result(page) == "年度經常性收入（ARR） = 每年 $144,000.00（14.4 萬元）"
    page.locator(".gl-calc [data-currency]").select_option("KRW")
    assert _result(page) == "年度經常性收入（ARR） = 每年 ￦144,000"
    assert page.locator(".gl-calc__formula").inner_text() == "￦12,000 × 12 = 每年 ￦144,000"


def test_a_share_link_keeps_its_currency_in_another_language(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/terms/annual-recurring-revenue/")
    assert _result(page) == "연간 반복 매출(ARR) = 연 ₩600,000,000(6억 원)"
    page.locator(".gl-calc__share").click()
    assert "currency=KRW" in page.url and "mrr=50000000" in page.url
    page.goto(page.url.replace("/ko/", "/en/"))
    assert page.locator(".gl-calc [data-currency]").input_value() == "KRW"
    assert _result(page) == "annual recurring revenue (ARR) = ₩600,000,000 per year"


def test_only_calculators_that_count_money_offer_a_currency(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/terms/churn-rate/")
    assert _result(page) == "고객 이탈률 = 8%"
    assert page.locator(".gl-calc [data-currency]").count() == 0
    assert "currency" not in page.locator(".gl-calc__share").get_attribute("href")
    page.goto(f"{site_url}ko/terms/annual-recurring-revenue/")
    assert page.locator(".gl-calc [data-currency]").input_value() == "KRW"


def test_keyboard_only(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/terms/churn-rate/")
    _field(page, "customers_lost").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("200")
    assert _result(page) == "고객 이탈률 = 10%"


def test_the_calculator_mounts_after_instant_navigation(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/a-z/")
    page.locator(".gl-index a", has_text="고객 이탈률").first.click()
    page.wait_for_url("**/ko/terms/churn-rate/")
    assert page.locator(".gl-calc").is_visible()
    assert _result(page) == "고객 이탈률 = 8%"


def test_without_javascript_the_worked_example_is_there(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}ko/terms/churn-rate/")
    assert page.locator(".gl-substituted").inner_text() == "8 ÷ 100 = 8%"
    assert not page.locator(".gl-calc").is_visible()
    context.close()


@pytest.fixture(scope="module")
def glossary_url(published_site: Path, published_port: int):
    """The real glossary's site (built once per run, shared with the quality gates), served."""
    from browser import serve_directory

    with serve_directory(published_site, published_port) as url:
        yield url


def _amounts(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"₩([\d,]+)", text)]


def test_the_korean_cac_page_counts_in_won_as_its_sentence_does(page, glossary_url: str) -> None:
    page.goto(f"{glossary_url}ko/terms/customer-acquisition-cost/")
    sentence = page.locator(".gl-example").inner_text()
    assert "2억 5,000만 원" in sentence and "500만 원" in sentence
    spend, customers, cac = numbers_in(sentence)
    rows = page.locator(".gl-example-inputs td").all_inner_texts()
    assert rows == ["₩250,000,000(2억 5,000만 원)", "50"]  # the figures, and as the sentence says
    worked = page.locator(".gl-substituted").inner_text()
    assert worked == "₩250,000,000 ÷ 50 = ₩5,000,000"
    assert _amounts(worked) == [spend, cac] and customers == 50
    assert _field(page, "sales_marketing_spend").input_value() == "250000000"
    assert page.locator(".gl-calc [data-currency]").input_value() == "KRW"
    assert _result(page) == "고객 획득 비용(CAC) = ₩5,000,000(500만 원)"
    assert _amounts(_result(page)) == [cac]


@pytest.mark.parametrize(
    "slug, shown, per_day",
    [
        ("en", "sales velocity = $5,000.00 per day", "$5,000.00 per day"),
        ("ko", "영업 속도 = 하루 ₩5,000,000(500만 원)", "하루 ₩5,000,000"),
        ("zh-hans", "销售速度 = 每天 ¥35,000.00（3.5 万元）", "每天 ¥35,000.00"),
        ("zh-hant", "銷售速度 = 每天 $150,000.00（15 萬元）", "每天 $150,000.00"),
    ],
)
def test_sales_velocity_shows_its_result_per_day(
    page, glossary_url: str, slug: str, shown: str, per_day: str
) -> None:
    """The answer adds the amount in words; the formulas with values show the figures."""
    page.goto(f"{glossary_url}{slug}/terms/sales-velocity/")
    assert _result(page) == shown
    assert page.locator(".gl-substituted").inner_text().endswith(f" = {per_day}")
    assert page.locator(".gl-calc__formula").inner_text().endswith(f" = {per_day}")


# ---- issue 19: values as people type them, without drift -----------------------------


def _warning(page) -> str:
    warning = page.locator(".gl-calc__warning")
    return warning.inner_text() if warning.is_visible() else ""


@pytest.mark.parametrize("typed", ["10%", "１０％", "10 %"])
def test_a_percentage_typed_with_its_sign(page, site_url: str, typed: str) -> None:
    page.goto(f"{site_url}ko/terms/churn-rate/")
    page.locator(".gl-calc [data-solve]").select_option("customers_start")
    _field(page, "customers_lost").fill("12")
    _field(page, "result").fill(typed)
    assert (_result(page), _error(page), _warning(page)) == ("기초 고객 수 = 120", "", "")


@pytest.mark.parametrize(
    "slug, warning",
    [
        ("ko", "고객 이탈률을 0.08%로 계산했습니다. 8%를 뜻했다면 8%로 입력하세요."),
        ("zh-hant", "客戶流失率已按 0.08% 計算；若要表示 8%，請輸入 8%。"),
    ],
)
def test_a_percentage_typed_like_a_fraction_warns(page, site_url: str, slug, warning) -> None:
    page.goto(f"{site_url}{slug}/terms/churn-rate/")
    page.locator(".gl-calc [data-solve]").select_option("customers_start")
    _field(page, "customers_lost").fill("8")
    _field(page, "result").fill("0.08")
    assert _warning(page) == warning
    assert _field(page, "customers_start").input_value() == "10000"
    _field(page, "result").fill("0.08%")
    assert _warning(page) == ""


def test_the_calculator_says_how_to_type_values(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/terms/churn-rate/")
    assert page.locator(".gl-calc__help").inner_text() == (
        "비율은 퍼센트 값으로 입력합니다. 8과 8%는 모두 8퍼센트이고 0.08은 0.08%입니다. 금액에는 "
        "쉼표나 전각 숫자를 써도 되고, 5000만이나 2억 5,000만처럼 만·억 단위로 입력해도 됩니다."
    )


@pytest.mark.parametrize(
    "slug, typed, shown",
    [
        ("zh-hant", "30萬", "年度經常性收入（ARR） = 每年 $3,600,000.00（360 萬元）"),
        ("zh-hant", "1.2億", "年度經常性收入（ARR） = 每年 $1,440,000,000.00（14.4 億元）"),
        ("zh-hant", "2.5亿", "年度經常性收入（ARR） = 每年 $3,000,000,000.00（30 億元）"),
        ("zh-hant", "5000만", "年度經常性收入（ARR） = 每年 $600,000,000.00（6 億元）"),
        ("en", "2억 5,000만", "annual recurring revenue (ARR) = $3,000,000,000.00 per year"),
        ("en", "5万", "annual recurring revenue (ARR) = $600,000.00 per year"),
    ],
)
def test_amounts_as_korean_and_chinese_readers_type_them(
    page, site_url: str, slug: str, typed: str, shown: str
) -> None:
    page.goto(f"{site_url}{slug}/terms/annual-recurring-revenue/")
    _field(page, "mrr").fill(typed)
    assert (_result(page), _error(page)) == (shown, "")


def test_a_korean_amount_in_words_beside_the_figures(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/terms/annual-recurring-revenue/")
    assert _result(page) == "연간 반복 매출(ARR) = 연 ₩600,000,000(6억 원)"
    _field(page, "mrr").fill("1억 2,345만 6,789")
    assert _result(page) == "연간 반복 매출(ARR) = 연 ₩1,481,481,468(14억 8,148만 1,468원)"
    page.locator(".gl-calc [data-currency]").select_option("USD")
    assert _result(page) == "연간 반복 매출(ARR) = 연 US$1,481,481,468.00"


@pytest.mark.parametrize(
    "typed, message",
    [
        ("1e400", "每月經常性收入過大，無法計算。"),
        ("1e308", "結果過大，無法計算。"),
        ("5萬 2億", "每月經常性收入必須是數字。"),
    ],
)
def test_values_too_large_say_so(page, site_url: str, typed: str, message: str) -> None:
    page.goto(f"{site_url}zh-hant/terms/annual-recurring-revenue/")
    _field(page, "mrr").fill(typed)
    assert (_error(page), _result(page)) == (message, "")


def test_a_huge_value_is_formatted(page, site_url: str) -> None:
    page.goto(f"{site_url}en/terms/annual-recurring-revenue/")
    _field(page, "mrr").fill("1e25")
    assert _result(page) == (
        "annual recurring revenue (ARR) = $120,000,000,000,000,020,000,000,000.00 per year"
    )


def test_solving_at_a_zero_bound_is_not_refused(page, glossary_url: str) -> None:
    """Floating-point residue made contraction -7.1e-15, "must be at least $0.00"."""
    page.goto(f"{glossary_url}en/terms/revenue-churn-rate/")
    page.locator(".gl-calc [data-solve]").select_option("contraction_mrr")
    _field(page, "churned_mrr").fill("60")
    _field(page, "start_mrr").fill("200000")
    _field(page, "result").fill("0.03")
    assert (_error(page), _result(page)) == ("", "MRR lost to downgrades = $0.00")
    assert _field(page, "contraction_mrr").input_value() == "0"


def test_solving_back_does_not_drift(page, glossary_url: str) -> None:
    """The result field showed 3.333333, which solved back to a margin of 100.00001 %."""
    page.goto(f"{glossary_url}en/terms/cac-payback-period/")
    _field(page, "cac").fill("300")
    _field(page, "arpa").fill("90")
    _field(page, "gross_margin").fill("100")
    assert _field(page, "result").input_value() == "3.333333"
    page.locator(".gl-calc [data-solve]").select_option("gross_margin")
    assert (_error(page), _field(page, "gross_margin").input_value()) == ("", "100")
    page.locator(".gl-calc [data-solve]").select_option("arpa")
    assert (_error(page), _field(page, "arpa").input_value()) == ("", "90")
    _field(page, "gross_margin").fill("97")
    page.locator(".gl-calc [data-solve]").select_option("result")
    _field(page, "arpa").fill("9000")
    page.locator(".gl-calc [data-solve]").select_option("arpa")
    assert (_error(page), _field(page, "arpa").input_value()) == ("", "9000")
    assert _result(page) == "Average revenue per account (monthly) = $9,000.00"


def test_a_typed_over_value_is_read_as_typed(page, glossary_url: str) -> None:
    """Only a value the calculator filled in keeps its hidden precision (while it shows
    what the calculator wrote there): once edited, the field holds what the reader typed."""
    page.goto(f"{glossary_url}en/terms/cac-payback-period/")
    _field(page, "cac").fill("300")
    _field(page, "arpa").fill("90")
    _field(page, "gross_margin").fill("100")
    page.locator(".gl-calc [data-solve]").select_option("gross_margin")
    _field(page, "result").fill("3.33333")
    assert _error(page) == "Gross margin must be at most 100%."
