"""``glossary calc``: the calculator on the command line, in every language."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_cli


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)


def test_the_acv_seed_example(capsys) -> None:
    code, out, _ = run_cli(
        capsys,
        "calc",
        "annual-contract-value",
        "tcv=100000",
        "one_time_fees=0",
        "contract_years=4",
        "--lang",
        "en",
    )
    assert (code, out) == (
        0,
        "annual contract value (ACV) = $25,000.00\n($100,000.00 − $0.00) ÷ 4 years = $25,000.00\n",
    )


def test_solving_for_an_input_in_korean(capsys) -> None:
    code, out, _ = run_cli(
        capsys,
        "calc",
        "churn-rate",
        "--solve",
        "customers_lost",
        "result=8",
        "customers_start=100",
        "--lang",
        "ko",
    )
    assert code == 0
    assert out.splitlines()[1] == "8 ÷ 100 = 8%"


def test_percent_typed_as_percent_fullwidth_digits_and_json(capsys) -> None:
    code, out, _ = run_cli(
        capsys,
        "calc",
        "commission",
        "sales_amount=１００，０００",
        "commission_rate=15",
        "--lang",
        "zh-Hant",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0
    assert (data["value"], data["formatted"], data["currency"]) == (15000.0, "$15,000.00", "TWD")
    assert data["inputs"]["commission_rate"] == 0.15


@pytest.mark.parametrize(
    "args, message",
    [
        (["customers_start=100", "--lang", "en"], "Enter Customers lost during the period."),
        (
            ["customers_lost=abc", "customers_start=100", "--lang", "ko"],
            "기간 중 이탈한 고객 수에는 숫자를 입력하세요.",
        ),
        (["customers_lost=8", "customers_start=0", "--lang", "zh-Hans"], "期初客户数必须大于 0。"),
    ],
)
def test_errors_are_the_pages_messages(capsys, args, message) -> None:
    code, out, err = run_cli(capsys, "calc", "churn-rate", *args)
    assert (code, out, err) == (1, "", message + "\n")


def test_division_by_zero_when_solving(capsys) -> None:
    code, _, err = run_cli(
        capsys,
        "calc",
        "churn-rate",
        "--solve",
        "customers_start",
        "customers_lost=8",
        "result=0",
        "--lang",
        "zh-Hant",
    )
    assert (code, err) == (1, "無法計算：除數為零。\n")


def test_usage_errors_exit_2(capsys) -> None:
    assert run_cli(capsys, "calc", "no-such-metric")[0] == 2
    assert run_cli(capsys, "calc", "no-such-metric")[1:] == (
        "",
        "'no-such-metric' is not a metric in terms/ (a concept with a formula).\n",
    )
    assert run_cli(capsys, "calc", "lead")[0] == 2
    code, _, err = run_cli(capsys, "calc", "churn-rate", "churn=1")
    assert code == 2 and err.startswith("'churn=1' is not NAME=VALUE with one of: ")
    code, _, err = run_cli(capsys, "calc", "churn-rate", "--solve", "nothing")
    assert code == 2 and err.startswith(
        "the formula cannot be solved for 'nothing'; choose one of: result"
    )


def test_the_calculation_is_a_value_that_the_command_only_prints() -> None:
    from glossary.formula.calculate import Calculation, calculate_metric
    from glossary.formula.metric import build_metric
    from glossary.load import load_document
    from glossary.ui import ui_strings

    metric = build_metric(
        "churn-rate", load_document(ROOT / "terms" / "churn-rate.yaml").data["formula"]
    )

    def calculate(*pairs: str, target: str = "result") -> Calculation:
        return calculate_metric(metric, pairs, target, "en", "churn rate", ui_strings()["en"])

    answer = calculate("customers_lost=8", "customers_start=100").answer
    assert answer is not None and (answer["label"], answer["formatted"]) == ("churn rate", "8%")
    assert calculate("customers_start=100") == Calculation(
        error="Enter Customers lost during the period."
    )
    assert calculate("churn=1") == Calculation(
        usage=(
            "calc-bad-value",
            {"value": "churn=1", "names": "customers_lost, customers_start, result"},
        )
    )
    assert calculate(target="nothing") == Calculation(
        usage=(
            "calc-cannot-solve",
            {"name": "nothing", "names": "result, customers_lost, customers_start"},
        )
    )


@pytest.mark.parametrize(
    "lang, deal, lines",
    [
        ("en", "25000", ["sales velocity = $5,000.00 per day", "= $5,000.00 per day"]),
        ("ko", "25000000", ["영업 속도 = 하루 ₩5,000,000", "= 하루 ₩5,000,000"]),
        ("zh-Hans", "250000", ["销售速度 = 每天 ¥50,000.00", "= 每天 ¥50,000.00"]),
    ],
)
def test_a_result_over_time_says_its_period(capsys, lang: str, deal: str, lines) -> None:
    code, out, _ = run_cli(
        capsys,
        "calc",
        "sales-velocity",
        "opportunities=40",
        f"avg_deal_size={deal}",
        "win_rate=25",
        "cycle_days=50",
        "--lang",
        lang,
    )
    answer, formula = out.splitlines()
    assert code == 0 and answer == lines[0] and formula.endswith(lines[1])
