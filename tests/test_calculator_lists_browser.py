"""A calculator with list inputs in real Chromium (issue #19), on the real glossary's
weighted pipeline: one row per deal, rows added and removed with buttons and the keyboard,
rows pasted from a spreadsheet, every row's cell named for screen readers, messages that
name the row, share links that keep the rows, and lists never offered to solve for."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def glossary_url(published_site: Path, published_port: int):
    """The real glossary's site (built once per run, shared with the quality gates), served."""
    from browser import serve_directory

    with serve_directory(published_site, published_port) as url:
        yield url


def _cells(page, name: str):
    return page.locator(f".gl-calc [data-list='{name}']")


def _values(page, name: str) -> list[str]:
    return [cell.input_value() for cell in _cells(page, name).all()]


def _result(page) -> str:
    return page.locator(".gl-calc__result").inner_text()


def _error(page) -> str:
    error = page.locator(".gl-calc__error")
    return error.inner_text() if error.is_visible() else ""


def _status(page) -> str:
    return page.locator(".gl-calc [data-rows-status]").inner_text()


def _paste(page, cell, text: str) -> bool:
    """Paste ``text`` into ``cell`` as a spreadsheet's copy arrives; whether the browser
    would paste it itself (the event not taken over)."""
    cell.focus()
    return cell.evaluate(
        """(cell, text) => {
            const data = new DataTransfer()
            data.setData("text/plain", text)
            return cell.dispatchEvent(
                new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
            )
        }""",
        text,
    )


def test_each_deal_is_a_row_named_for_screen_readers(page, glossary_url: str) -> None:
    page.goto(f"{glossary_url}ko/terms/weighted-pipeline/")
    assert _result(page) == "가중 파이프라인 = ₩410,000,000(4억 1,000만 원)"
    assert _values(page, "amount") == ["700000000", "450000000", "50000000"]
    assert _values(page, "probability") == ["20", "50", "90"]
    assert page.get_by_role("textbox", name="딜 금액 2행").input_value() == "450000000"
    assert page.get_by_role("textbox", name="단계별 수주 확률 3행").input_value() == "90"
    assert page.locator(".gl-calc__formula").inner_text() == (
        "₩700,000,000 × 20% + ₩450,000,000 × 50% + ₩50,000,000 × 90% = ₩410,000,000"
    )
    assert page.locator(".gl-example-rows tbody tr").count() == 3
    options = page.locator(".gl-calc [data-solve] option")
    assert options.all_inner_texts() == [
        "가중 파이프라인",
        "딜 금액은 행마다 값이 있어 역산할 수 없습니다.",
        "단계별 수주 확률은 행마다 값이 있어 역산할 수 없습니다.",
    ]
    assert [o.is_disabled() for o in options.all()] == [False, True, True]


def test_add_and_remove_rows(page, glossary_url: str) -> None:
    page.goto(f"{glossary_url}en/terms/weighted-pipeline/")
    assert _result(page) == "weighted pipeline = $410,000.00"
    page.get_by_role("button", name="Add row").click()
    assert _status(page) == "Row 4 added."
    new = page.get_by_role("textbox", name="Deal amount, row 4")
    assert new.evaluate("cell => cell === document.activeElement")
    assert _error(page) == "Enter Deal amount, row 4."
    assert new.get_attribute("aria-invalid") == "true"
    new.fill("100000")
    assert _error(page) == "Enter Stage probability, row 4."
    page.get_by_role("textbox", name="Stage probability, row 4").fill("150")
    assert _error(page) == "Stage probability, row 4 must be at most 100%."
    page.get_by_role("textbox", name="Stage probability, row 4").fill("10")
    assert _result(page) == "weighted pipeline = $420,000.00"
    page.get_by_role("button", name="Remove row 1").click()
    assert _status(page) == "Row 1 removed."
    assert _values(page, "amount") == ["450000", "50000", "100000"]
    assert page.get_by_role("textbox", name="Deal amount, row 1").evaluate(
        "cell => cell === document.activeElement"
    )
    assert _result(page) == "weighted pipeline = $280,000.00"
    for _ in range(2):
        page.get_by_role("button", name="Remove row 1").click()
    assert _values(page, "amount") == ["100000"]
    assert page.get_by_role("button", name="Remove row 1").is_disabled()
    assert page.locator(".gl-calc__formula").inner_text() == "$100,000.00 × 10% = $10,000.00"


def test_rows_pasted_from_a_spreadsheet(page, glossary_url: str) -> None:
    page.goto(f"{glossary_url}zh-hant/terms/weighted-pipeline/")
    first = page.get_by_role("textbox", name="第 1 列的商機金額")
    assert not _paste(
        page, first, "1,000,000\t10%\r\n2,000,000\t20%\r\n3,000,000\t30%\r\n4,000,000\t40%\r\n"
    )
    assert _status(page) == "已貼上 4 列。"
    assert _values(page, "amount") == ["1,000,000", "2,000,000", "3,000,000", "4,000,000"]
    assert _values(page, "probability") == ["10%", "20%", "30%", "40%"]
    assert _result(page) == "加權銷售管道 = $3,000,000.00（300 萬元）"
    # a column pasted into the probabilities of row 2 fills that column from there down
    assert not _paste(page, page.get_by_role("textbox", name="第 2 列的贏單機率"), "50\n60\n70\n80")
    assert _values(page, "probability") == ["10%", "50", "60", "70", "80"]
    assert _values(page, "amount")[4] == ""
    assert _error(page) == "請輸入第 5 列的商機金額。"
    # one value, even with a line break after it, the browser pastes as usual
    assert _paste(page, first, "5\r\n")
    assert _status(page) == "已貼上 4 列。"


def test_rows_by_keyboard_alone(page, glossary_url: str) -> None:
    page.goto(f"{glossary_url}zh-hans/terms/weighted-pipeline/")
    page.get_by_role("textbox", name="第 3 行的赢单概率").focus()
    page.keyboard.press("Tab")  # the row's remove button
    page.keyboard.press("Tab")  # add row
    page.keyboard.press("Enter")
    assert _status(page) == "已添加第 4 行。"
    page.keyboard.type("1000000")
    page.keyboard.press("Tab")
    page.keyboard.type("50")
    assert _result(page) == "加权销售管道 = ¥4,600,000.00（460 万元）"
    page.get_by_role("button", name="删除第 4 行").focus()
    page.keyboard.press("Enter")
    assert _status(page) == "已删除第 4 行。"
    assert _result(page) == "加权销售管道 = ¥4,100,000.00（410 万元）"


def test_a_share_link_keeps_the_rows_in_another_language(page, glossary_url: str) -> None:
    page.goto(f"{glossary_url}en/terms/weighted-pipeline/")
    page.get_by_role("button", name="Add row").click()
    page.get_by_role("textbox", name="Deal amount, row 4").fill("200000")
    page.get_by_role("textbox", name="Stage probability, row 4").fill("50")
    page.locator(".gl-calc__share").click()
    assert "amount=700000%2C450000%2C50000%2C200000" in page.url
    assert "probability=0.2%2C0.5%2C0.9%2C0.5" in page.url
    page.goto(page.url.replace("/en/", "/ko/"))
    assert _values(page, "probability") == ["20", "50", "90", "50"]
    assert page.get_by_role("textbox", name="딜 금액 4행").input_value() == "200000"
    assert _result(page) == "가중 파이프라인 = US$510,000.00"
    page.goto(page.url.replace("solve=result", "solve=amount"))
    assert _error(page) == "딜 금액은 행마다 값이 있어 역산할 수 없습니다."


def test_each_row_is_read_as_a_typed_value(page, glossary_url: str) -> None:
    """A row takes what any field takes: Korean amounts, percentages with their sign, and
    a percentage typed like a fraction is read as written, with a warning naming the row."""
    page.goto(f"{glossary_url}ko/terms/weighted-pipeline/")
    warning = page.locator(".gl-calc__warning")
    page.get_by_role("textbox", name="딜 금액 2행").fill("4억 5,000만")
    page.get_by_role("textbox", name="단계별 수주 확률 3행").fill("0.9")
    assert _result(page) == "가중 파이프라인 = ₩365,450,000(3억 6,545만 원)"
    assert warning.inner_text() == (
        "단계별 수주 확률 3행을 0.9%로 계산했습니다. 90%를 뜻했다면 90%로 입력하세요."
    )
    page.get_by_role("textbox", name="단계별 수주 확률 3행").fill("90%")
    assert _result(page) == "가중 파이프라인 = ₩410,000,000(4억 1,000만 원)"
    assert not warning.is_visible()
    page.get_by_role("textbox", name="딜 금액 1행").fill("700000000%")
    assert _error(page) == "딜 금액 1행은 백분율이 아니므로 % 없이 입력하세요."
    assert page.get_by_role("textbox", name="딜 금액 1행").get_attribute("aria-invalid") == "true"
