"""``glossary calc`` with list inputs (issue #19): one value per row, separated by commas
(or by semicolons, and then commas group digits), in every language; a list is never
solved for, and rows of different lengths, a bad row or a row out of bounds say which."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_cli


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)


DEALS = ("amount=100000,50000,20000", "probability=20,50,90")


@pytest.mark.parametrize(
    "lang, out",
    [
        (
            "en",
            "weighted pipeline = $63,000.00\n"
            "$100,000.00 × 20% + $50,000.00 × 50% + $20,000.00 × 90% = $63,000.00\n",
        ),
        (
            "ko",
            "가중 파이프라인 = ₩63,000(6만 3,000원)\n₩100,000 × 20% + ₩50,000 × 50% + ₩20,000 × 90% = ₩63,000\n",
        ),
        (
            "zh-Hans",
            "加权销售管道 = ¥63,000.00（6.3 万元）\n"
            "¥100,000.00 × 20% + ¥50,000.00 × 50% + ¥20,000.00 × 90% = ¥63,000.00\n",
        ),
        (
            "zh-Hant",
            "加權銷售管道 = $63,000.00（6.3 萬元）\n"
            "$100,000.00 × 20% + $50,000.00 × 50% + $20,000.00 × 90% = $63,000.00\n",
        ),
    ],
)
def test_weighted_pipeline_over_three_deals(capsys, lang: str, out: str) -> None:
    assert run_cli(capsys, "calc", "weighted-pipeline", *DEALS, "--lang", lang) == (0, out, "")


def test_five_deals_as_json(capsys) -> None:
    code, out, _ = run_cli(
        capsys,
        "calc",
        "weighted-pipeline",
        "amount=１００００,２００００,30000,40000,50000",
        "probability=10,10,10,10,100",
        "--lang",
        "en",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0 and (data["value"], data["formatted"]) == (60000.0, "$60,000.00")
    assert data["inputs"]["amount"] == [10000, 20000, 30000, 40000, 50000]
    assert data["inputs"]["probability"] == [0.1, 0.1, 0.1, 0.1, 1.0]


def test_semicolons_separate_rows_and_commas_then_group_digits(capsys) -> None:
    code, out, _ = run_cli(
        capsys,
        "calc",
        "weighted-pipeline",
        "amount=100,000; 50,000 ;20,000",
        "probability=20;50;90",
        "--lang",
        "en",
    )
    assert (code, out.splitlines()[0]) == (0, "weighted pipeline = $63,000.00")


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["amount=100000,50000", "probability=20,50,90", "--lang", "en"],
            "Deal amount has 2 values but Stage probability has 3: each row needs one of each.",
        ),
        (
            ["amount=100000,50000", "probability=20,50,90", "--lang", "ko"],
            "딜 금액은 값이 2개인데 단계별 수주 확률은 3개입니다. 행마다 값을 하나씩 입력하세요.",
        ),
        (
            ["amount=100000,50000", "probability=20,50,90", "--lang", "zh-Hans"],
            "商机金额有 2 个值，而赢单概率有 3 个值：每一行的每一项都要各填一个值。",
        ),
        (
            ["amount=100000,50000", "probability=20,50,90", "--lang", "zh-Hant"],
            "商機金額有 2 個值，贏單機率卻有 3 個值：每一列的每一項都要各填一個值。",
        ),
        (
            ["amount=100000,x", "probability=20,50", "--lang", "en"],
            "Deal amount, row 2 must be a number.",
        ),
        (["amount=100000,,5", "probability=20,50,1", "--lang", "ko"], "딜 금액 2행을 입력하세요."),
        (
            ["amount=1,2,3", "probability=20,50,120", "--lang", "zh-Hans"],
            "第 3 行的赢单概率不能大于 100%。",
        ),
        (
            ["amount=1,-2,3", "probability=20,50,12", "--lang", "zh-Hant"],
            "第 2 列的商機金額不能小於 $0.00。",
        ),
        (["probability=20,50", "--lang", "en"], "Enter Deal amount. Give it as amount=VALUE."),
    ],
)
def test_list_errors_name_the_row(capsys, args, message: str) -> None:
    assert run_cli(capsys, "calc", "weighted-pipeline", *args) == (1, "", message + "\n")


def test_each_row_is_read_as_a_typed_value(capsys) -> None:
    """Rows are split first, then each is read like any typed value: Korean and Chinese
    amounts, percentages with their sign, and a percentage typed like a fraction warned
    about by its row."""
    code, out, err = run_cli(
        capsys,
        "calc",
        "weighted-pipeline",
        "amount=2억 5,000만; 5000만",
        "probability=0.2,50%",
        "--lang",
        "ko",
    )
    assert (code, out) == (
        0,
        "가중 파이프라인 = ₩25,500,000(2,550만 원)\n"
        "₩250,000,000 × 0.2% + ₩50,000,000 × 50% = ₩25,500,000\n",
    )
    assert err == "단계별 수주 확률 1행을 0.2%로 계산했습니다. 20%를 뜻했다면 20%로 입력하세요.\n"
    code, out, _ = run_cli(
        capsys,
        "calc",
        "weighted-pipeline",
        "amount=2.5亿,5000万",
        "probability=20%,８％",
        "--lang",
        "zh-Hans",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0 and data["inputs"]["amount"] == [250000000, 50000000]
    assert data["inputs"]["probability"] == [0.2, 0.08] and data["warnings"] == []


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["amount=1,2", "probability=20,5x", "--lang", "en"],
            "Stage probability, row 2 must be a number.",
        ),
        (
            ["amount=1,2%", "probability=20,50", "--lang", "en"],
            "Deal amount, row 2 is not a percentage: type it without %.",
        ),
        (
            ["amount=1,1e400", "probability=20,50", "--lang", "en"],
            "Deal amount, row 2 is too large to calculate with.",
        ),
        (
            ["amount=1," + "1" * 101, "probability=20,50", "--lang", "en"],
            "Deal amount, row 2 must be a number.",
        ),
    ],
)
def test_a_row_typed_wrongly_is_named(capsys, args, message: str) -> None:
    assert run_cli(capsys, "calc", "weighted-pipeline", *args) == (1, "", message + "\n")


def test_listing_the_inputs_says_how_a_list_is_typed(capsys) -> None:
    code, out, _ = run_cli(capsys, "calc", "weighted-pipeline", "--lang", "en")
    how = "), one value per row: separate the values with commas"
    assert code == 0
    assert f"  amount       Deal amount (amount of money in USD{how}\n" in out
    example = "amount=700000,450000,50000 probability=20%,50%,90%"
    assert f"  glossary calc weighted-pipeline {example}\n" in out
    code, out, _ = run_cli(capsys, "calc", "weighted-pipeline", "--lang", "ko")
    assert "  amount       딜 금액(KRW 금액), 행마다 값 하나씩 쉼표로 구분해 입력\n" in out


def test_a_list_is_never_solved_for(capsys) -> None:
    code, out, err = run_cli(
        capsys, "calc", "weighted-pipeline", "--solve", "amount", "probability=20", "result=5"
    )
    assert (code, out) == (2, "")
    fixed = "' is a list (one value per row), and the formula is solved only for a single value; choose one of: "
    assert err == f"'amount{fixed}result.\n"
    code, _, err = run_cli(
        capsys,
        "calc",
        "weighted-pipeline",
        "--solve",
        "probability",
        "amount=1",
        "result=5",
        "--lang",
        "ko",
    )
    assert (code, err) == (
        2,
        "'probability'은(는) 행마다 값이 있는 목록이라 역산할 수 없습니다. 공식은 값이 하나인 항목에 "
        "대해서만 풀 수 있습니다. 다음 중 하나를 고르세요: result.\n",
    )


def test_other_scripts_digits_are_not_numbers(capsys) -> None:
    code, _, err = run_cli(
        capsys, "calc", "churn-rate", "customers_lost=١٢", "customers_start=100", "--lang", "en"
    )
    assert (code, err) == (1, "Customers lost during the period must be a number.\n")
    code, _, err = run_cli(
        capsys, "calc", "churn-rate", "customers_lost=8", "customers_start=१००", "--lang", "en"
    )
    assert code == 1 and err.endswith("must be a number.\n")
