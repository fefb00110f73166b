"""Calculators in real Chromium, in Korean and Traditional Chinese: typing, solving for
another input, share links, every error message, currency, keyboard and instant
navigation."""

from __future__ import annotations

import pytest

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
    assert _result(page) == "年度經常性收入（ARR） = $600,000.00"
    _field(page, "mrr").fill("１２，０００")
    assert _result(page) == "年度經常性收入（ARR） = $144,000.00"
    page.locator(".gl-calc [data-currency]").select_option("KRW")
    assert _result(page) == "年度經常性收入（ARR） = ￦144,000"


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
