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
    assert (data["value"], data["formatted"], data["currency"]) == (
        15000.0,
        "$15,000.00（1.5 萬元）",
        "TWD",
    )
    assert data["inputs"]["commission_rate"] == 0.15


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["customers_start=100", "--lang", "en"],
            "Enter Customers lost during the period. Give it as customers_lost=VALUE.",
        ),
        (
            ["customers_start=100", "--lang", "ko"],
            "기간 중 이탈한 고객 수를 입력하세요. customers_lost=값 형식으로 입력하세요.",
        ),
        (
            ["customers_start=100", "--lang", "zh-Hant"],
            "請輸入期間內流失客戶數。請以 customers_lost=值 的形式提供。",
        ),
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
    assert run_cli(capsys, "calc", "lead")[1:] == (
        "",
        "'lead' is the concept 'lead', which has no formula to calculate.\n",
    )
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
        error="Enter Customers lost during the period.", field="customers_lost"
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
        ("ko", "25000000", ["영업 속도 = 하루 ₩5,000,000(500만 원)", "= 하루 ₩5,000,000"]),
        ("zh-Hans", "250000", ["销售速度 = 每天 ¥50,000.00（5 万元）", "= 每天 ¥50,000.00"]),
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


# ---- issue 19: discoverability ----------------------------------------------------------

CAC_INPUTS_EN = """\
customer acquisition cost (CAC) = Sales and marketing spend ÷ New customers acquired

Inputs, each given as NAME=VALUE:
  sales_marketing_spend  Sales and marketing spend (amount of money in USD)
  new_customers          New customers acquired (count)
Give the result as result=VALUE (amount of money in USD) when you solve for an input.

Example:
  glossary calc customer-acquisition-cost sales_marketing_spend=250000 new_customers=50
Solving for an input, with --solve NAME:
  glossary calc customer-acquisition-cost --solve new_customers sales_marketing_spend=250000 \
result=5000
"""

CHURN_INPUTS = {
    "ko": """\
고객 이탈률 = 기간 중 이탈한 고객 수 ÷ 기간 초 고객 수

입력값(각각 NAME=값 형식으로 입력):
  customers_lost   기간 중 이탈한 고객 수(개수)
  customers_start  기간 초 고객 수(개수)
입력값을 구할 때는 결과를 result=값(백분율, 8과 8% 모두 8퍼센트) 형식으로 입력하세요.

예:
  glossary calc churn-rate customers_lost=8 customers_start=100
입력값 구하기(--solve NAME):
  glossary calc churn-rate --solve customers_start customers_lost=8 result=8%
""",
    "zh-Hans": """\
客户流失率 = 期内流失客户数 ÷ 期初客户数

输入（每项以 NAME=值 的形式给出）：
  customers_lost   期内流失客户数（数量）
  customers_start  期初客户数（数量）
求解某个输入时，请以 result=值（百分比，8 和 8% 都表示百分之八）的形式给出结果。

示例：
  glossary calc churn-rate customers_lost=8 customers_start=100
求解某个输入（--solve NAME）：
  glossary calc churn-rate --solve customers_start customers_lost=8 result=8%
""",
    "zh-Hant": """\
客戶流失率 = 期間內流失客戶數 ÷ 期初客戶數

輸入值（每項以 NAME=值 的形式提供）：
  customers_lost   期間內流失客戶數（數量）
  customers_start  期初客戶數（數量）
求解某個輸入值時，請以 result=值（百分比，8 和 8% 都代表百分之八）的形式提供結果。

範例：
  glossary calc churn-rate customers_lost=8 customers_start=100
求解某個輸入值（--solve NAME）：
  glossary calc churn-rate --solve customers_start customers_lost=8 result=8%
""",
}


def test_a_metric_without_values_lists_its_inputs_with_an_example(capsys) -> None:
    assert run_cli(capsys, "calc", "customer-acquisition-cost", "--lang", "en") == (
        0,
        CAC_INPUTS_EN,
        "",
    )


@pytest.mark.parametrize("lang", sorted(CHURN_INPUTS))
def test_the_list_of_inputs_is_in_the_readers_language(capsys, lang: str) -> None:
    assert run_cli(capsys, "calc", "churn-rate", "--lang", lang) == (0, CHURN_INPUTS[lang], "")


def test_the_listed_example_runs_as_printed(capsys) -> None:
    _, listing, _ = run_cli(capsys, "calc", "churn-rate", "--lang", "en")
    for line in listing.splitlines():
        if line.startswith("  glossary calc "):
            code, out, err = run_cli(capsys, *line.split()[1:], "--lang", "en")
            assert (code, err) == (0, ""), line
            assert out.splitlines()[1] == "8 ÷ 100 = 8%"


def test_the_list_of_inputs_as_json(capsys) -> None:
    code, out, _ = run_cli(capsys, "calc", "churn-rate", "--format", "json", "--lang", "en")
    assert code == 0
    assert json.loads(out) == {
        "metric": "churn-rate",
        "inputs": [
            {
                "name": "customers_lost",
                "label": "Customers lost during the period",
                "unit": "count",
            },
            {
                "name": "customers_start",
                "label": "Customers at the start of the period",
                "unit": "count",
            },
        ],
        "result": {"unit": "percent"},
        "solvable": ["customers_lost", "customers_start"],
        "example": {"customers_lost": "8", "customers_start": "100", "result": "8%"},
    }


@pytest.mark.parametrize(
    "asked, lang, first_line",
    [
        (
            "CAC",
            "en",
            "customer acquisition cost (CAC) = Sales and marketing spend ÷ New customers",
        ),
        ("cac", "ko", "고객 획득 비용(CAC) = 영업·마케팅 비용 ÷ 신규 확보 고객 수"),
        ("customer acquisition cost", "en", "customer acquisition cost (CAC) = "),
        ("이탈률", "ko", "고객 이탈률 = 기간 중 이탈한 고객 수 ÷ 기간 초 고객 수"),
        ("流失率", "zh-Hans", "客户流失率 = 期内流失客户数 ÷ 期初客户数"),
        ("客戶流失率", "zh-Hant", "客戶流失率 = 期間內流失客戶數 ÷ 期初客戶數"),
        ("ＡＲＲ", "en", "annual recurring revenue (ARR) = Monthly recurring revenue × 12"),
    ],
)
def test_a_metric_is_found_by_any_of_its_names(capsys, asked, lang, first_line) -> None:
    code, out, err = run_cli(capsys, "calc", asked, "--lang", lang)
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith(first_line)


def test_a_name_calculates_like_the_id(capsys) -> None:
    code, out, _ = run_cli(
        capsys, "calc", "이탈률", "customers_lost=8", "customers_start=100", "--lang", "ko"
    )
    assert (code, out) == (0, "고객 이탈률 = 8%\n8 ÷ 100 = 8%\n")


@pytest.mark.parametrize(
    "lang, said",
    [
        (
            "en",
            "'churn' is not the id or a name of a metric in terms/. Did you mean one of these?\n"
            "  churn-rate          churn rate\n"
            "  revenue-churn-rate  revenue churn rate\n",
        ),
        (
            "ko",
            "'churn'은(는) terms/에 있는 지표의 id나 이름이 아닙니다. 다음 중 하나를 찾으셨나요?\n"
            "  churn-rate          고객 이탈률\n"
            "  revenue-churn-rate  매출 이탈률\n",
        ),
    ],
)
def test_part_of_a_name_suggests_the_metrics(capsys, lang: str, said: str) -> None:
    assert run_cli(capsys, "calc", "churn", "--lang", lang) == (2, "", said)


def test_a_misspelt_name_suggests_the_metric(capsys) -> None:
    code, _, err = run_cli(capsys, "calc", "chrun-rate", "--lang", "en")
    assert code == 2 and err.splitlines()[1].split() == ["churn-rate", "churn", "rate"]


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "'churn rate' names several metrics; give the id of the one you mean:"),
        ("ko", "'churn rate'에 해당하는 지표가 여러 개입니다. 원하는 지표의 id를 입력하세요:"),
        ("zh-Hans", "'churn rate' 对应多个指标，请输入您要的那个指标的 id："),
        ("zh-Hant", "'churn rate' 對應多個指標，請輸入您要的那個指標的 id："),
    ],
)
def test_a_name_of_several_metrics_lists_them(project, capsys, lang: str, said: str) -> None:
    churn = (project / "terms" / "churn-rate.yaml").read_text("utf-8")
    copy = churn.replace("id: churn-rate", "id: logo-churn-rate")
    (project / "terms" / "logo-churn-rate.yaml").write_text(copy, "utf-8")
    assert "{term: churn rate, status: admitted}" in churn
    code, out, err = run_cli(capsys, "calc", "churn rate", "--lang", lang)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == said
    assert [line.split()[0] for line in err.splitlines()[1:]] == ["churn-rate", "logo-churn-rate"]


@pytest.mark.parametrize(
    "lang, said",
    [
        ("ko", "'lead'은(는) 계산할 공식이 없는 개념('lead')입니다."),
        ("zh-Hans", "'lead' 是概念 'lead'，该概念没有可计算的公式。"),
        ("zh-Hant", "'lead' 是概念 'lead'，此概念沒有可計算的公式。"),
    ],
)
def test_a_concept_without_a_formula_says_so(capsys, lang: str, said: str) -> None:
    assert run_cli(capsys, "calc", "lead", "--lang", lang) == (2, "", said + "\n")


def test_a_solved_value_at_its_bound_is_the_bound(capsys) -> None:
    """Floating-point residue made this -7.1e-15, refused as below $0.00 (issue 19)."""
    code, out, err = run_cli(
        capsys,
        "calc",
        "revenue-churn-rate",
        "--solve",
        "contraction_mrr",
        "churned_mrr=60",
        "start_mrr=200000",
        "result=0.03%",
        "--lang",
        "en",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "MRR lost to downgrades = $0.00"


def _at_bound_cases() -> list:
    """Every metric's every solvable input with a lower or upper bound, set to that bound
    in its first worked example."""
    from glossary.formula.metric import build_metric
    from glossary.pipeline import load_glossary

    cases = []
    concepts = load_glossary([ROOT / "terms"], want_concepts=True).concepts
    for concept in sorted(concepts.values(), key=lambda c: c.id):
        if not concept.formula:
            continue
        metric = build_metric(concept.id, dict(concept.formula))
        for item in metric.inputs:
            for key in ("min", "max"):
                if item.get(key) is not None and item["name"] in metric.inverses:
                    cases.append(pytest.param(metric, item["name"], key, id=f"{concept.id}-{key}"))
    return cases


@pytest.mark.parametrize("metric, name, key", _at_bound_cases())
def test_every_input_at_its_bound_solves_back_to_it(metric, name: str, key: str) -> None:
    from glossary.formula.calculate import calculate
    from glossary.formula.examples import localize_example
    from glossary.ui import ui_strings

    words = ui_strings()["en"]
    given = localize_example(metric, metric.examples[0], "en", "en").inputs
    given = {**given, name: metric.input(name)[key]}

    def typed(values: dict) -> dict[str, str]:
        percent = {i["name"] for i in metric.inputs if i.get("unit") == "percent"}
        if metric.result.get("unit") == "percent":
            percent.add("result")
        return {
            n: repr(v * 100 if n in percent else v) + "%" * (n in percent)
            for n, v in values.items()
        }

    forward = calculate(metric, "en", typed(given), "result", "result", words)
    if forward.error:
        pytest.skip(f"the example has no result with {name} at its {key}: {forward.error}")
    back = calculate(metric, "en", typed(forward.values), name, "result", words)
    assert back.error is None
    assert back.value == metric.input(name)[key]


# ---- issue 19: percentages and amounts as people type them ------------------------------


@pytest.mark.parametrize("typed", ["8", "8%", "8 %", "８％", "８"])
def test_a_percentage_is_typed_as_a_percentage_with_or_without_its_sign(capsys, typed) -> None:
    code, out, err = run_cli(
        capsys,
        "calc",
        "churn-rate",
        "--solve",
        "customers_lost",
        f"result={typed}",
        "customers_start=100",
        "--lang",
        "en",
    )
    assert (code, out, err) == (0, "Customers lost during the period = 8\n8 ÷ 100 = 8%\n", "")


@pytest.mark.parametrize(
    "lang, warning",
    [
        ("en", "churn rate is taken as 0.08%. If you meant 8%, type 8%."),
        ("ko", "고객 이탈률을 0.08%로 계산했습니다. 8%를 뜻했다면 8%로 입력하세요."),
        ("zh-Hans", "客户流失率已按 0.08% 计算；如果要表示 8%，请输入 8%。"),
        ("zh-Hant", "客戶流失率已按 0.08% 計算；若要表示 8%，請輸入 8%。"),
    ],
)
def test_a_percentage_typed_like_a_fraction_is_read_as_written_with_a_warning(
    capsys, lang: str, warning: str
) -> None:
    args = ["--solve", "customers_start", "customers_lost=8", "--lang", lang]
    code, out, err = run_cli(capsys, "calc", "churn-rate", *args, "result=0.08")
    assert (code, err) == (0, warning + "\n")
    assert out.splitlines()[1].endswith(" = 0.1%")
    code, _, err = run_cli(capsys, "calc", "churn-rate", *args, "result=0.08%")
    assert (code, err) == (0, "")


def test_the_warning_travels_in_json(capsys) -> None:
    code, out, err = run_cli(
        capsys,
        "calc",
        "commission",
        "sales_amount=100000",
        "commission_rate=0.15",
        "--lang",
        "en",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert (code, err, data["value"]) == (0, "", 150.0)
    assert data["warnings"] == ["Commission rate is taken as 0.15%. If you meant 15%, type 15%."]


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "Customers lost during the period is not a percentage: type it without %."),
        ("ko", "기간 중 이탈한 고객 수는 백분율이 아니므로 % 없이 입력하세요."),
        ("zh-Hans", "期内流失客户数不是百分比，请去掉 % 后输入。"),
        ("zh-Hant", "期間內流失客戶數不是百分比，請去掉 % 再輸入。"),
    ],
)
def test_a_percent_sign_on_a_count_is_refused(capsys, lang: str, message: str) -> None:
    code, _, err = run_cli(
        capsys, "calc", "churn-rate", "customers_lost=8%", "customers_start=100", "--lang", lang
    )
    assert (code, err) == (1, message + "\n")


@pytest.mark.parametrize(
    "lang, spend, customers, answer",
    [
        ("ko", "5000만", "10", "고객 획득 비용(CAC) = ₩5,000,000(500만 원)"),
        ("ko", "2억 5,000만", "50", "고객 획득 비용(CAC) = ₩5,000,000(500만 원)"),
        ("ko", "2억5천만 원", "50", "고객 획득 비용(CAC) = ₩5,000,000(500만 원)"),
        ("ko", "1조 2,000억", "1000", "고객 획득 비용(CAC) = ₩1,200,000,000(12억 원)"),
        ("zh-Hans", "5万", "1", "获客成本（CAC） = ¥50,000.00（5 万元）"),
        ("zh-Hans", "2.5亿", "50", "获客成本（CAC） = ¥5,000,000.00（500 万元）"),
        ("zh-Hans", "250万元", "1", "获客成本（CAC） = ¥2,500,000.00（250 万元）"),
        ("zh-Hant", "30萬", "3", "獲客成本（CAC） = $100,000.00（10 萬元）"),
        ("zh-Hant", "1.2億", "4", "獲客成本（CAC） = $30,000,000.00（3,000 萬元）"),
        ("zh-Hant", "3千", "1", "獲客成本（CAC） = $3,000.00"),
        ("en", "5000만", "10", "customer acquisition cost (CAC) = $5,000,000.00"),
    ],
)
def test_amounts_as_korean_and_chinese_readers_type_them(
    capsys, lang: str, spend: str, customers: str, answer: str
) -> None:
    code, out, err = run_cli(
        capsys,
        "calc",
        "customer-acquisition-cost",
        f"sales_marketing_spend={spend}",
        f"new_customers={customers}",
        "--lang",
        lang,
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == answer


def test_a_korean_amount_is_exact(capsys) -> None:
    code, out, _ = run_cli(
        capsys,
        "calc",
        "annual-recurring-revenue",
        "mrr=1억 2,345만 6,789",
        "--lang",
        "ko",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert (code, data["inputs"]["mrr"]) == (0, 123456789.0)
    assert data["formatted"] == "연 ₩1,481,481,468(14억 8,148만 1,468원)"


@pytest.mark.parametrize("typed", ["5만 2억", "억", "2억만", "5000만%", "1.2.3만", "١٢"])
def test_amounts_that_are_not_numbers_are_refused(capsys, typed: str) -> None:
    code, _, err = run_cli(
        capsys, "calc", "annual-recurring-revenue", f"mrr={typed}", "--lang", "ko"
    )
    assert (code, err) == (1, "월간 반복 매출에는 숫자를 입력하세요.\n")


def test_a_huge_value_is_formatted(capsys) -> None:
    code, out, err = run_cli(capsys, "calc", "annual-recurring-revenue", "mrr=1e25", "--lang", "en")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "annual recurring revenue (ARR) = $120,000,000,000,000,020,000,000,000.00 per year",
        "$10,000,000,000,000,000,000,000,000.00 × 12 = "
        "$120,000,000,000,000,020,000,000,000.00 per year",
    ]


@pytest.mark.parametrize(
    "lang, typed, message",
    [
        ("en", "1e400", "Monthly recurring revenue is too large to calculate with."),
        ("ko", "1e400", "월간 반복 매출이 너무 커서 계산할 수 없습니다."),
        ("zh-Hans", "1e400", "月度经常性收入过大，无法计算。"),
        ("zh-Hant", "1e400", "每月經常性收入過大，無法計算。"),
        ("en", "1e308", "The result is too large to calculate."),
        ("ko", "1e308", "결과가 너무 커서 계산할 수 없습니다."),
        ("zh-Hans", "1e308", "结果过大，无法计算。"),
        ("zh-Hant", "1e308", "結果過大，無法計算。"),
    ],
)
def test_a_value_too_large_says_so(capsys, lang: str, typed: str, message: str) -> None:
    code, out, err = run_cli(
        capsys, "calc", "annual-recurring-revenue", f"mrr={typed}", "--lang", lang
    )
    assert (code, out, err) == (1, "", message + "\n")


def test_help_states_the_rule_for_percentages_and_amounts(capsys) -> None:
    with pytest.raises(SystemExit):
        run_cli(capsys, "calc", "--help")
    text = " ".join(capsys.readouterr().out.split())
    assert "8, 8% and 8％ all mean 8 percent" in text
    assert "A percentage below 1 without the sign (0.08) is read as written, 0.08 percent" in text
    assert "2억 5,000만, 5万, 2.5亿, 30萬, 1.2億" in text
    assert "glossary calc customer-acquisition-cost # list its inputs" in text


@pytest.mark.parametrize(
    "metric, line",
    [
        ("annual-contract-value", "  contract_years  Contract length (years) (number of years)"),
        ("sales-velocity", "  win_rate       Win rate (percentage; 8 and 8% both mean 8 percent)"),
        ("sales-velocity", "  cycle_days     Sales cycle length (days) (number of days)"),
        (
            "cac-payback-period",
            "Give the result as result=VALUE (number of months) when you solve for an input.",
        ),
        (
            "ltv-to-cac-ratio",
            "Give the result as result=VALUE (ratio: 2 for 2×) when you solve for an input.",
        ),
    ],
)
def test_each_input_says_its_unit(capsys, metric: str, line: str) -> None:
    code, out, _ = run_cli(capsys, "calc", metric, "--lang", "en")
    assert code == 0 and line in out.splitlines()
