"""The formula language: one conformance suite for the Python engine (here) and the
browser module (tests/js, run by node), sympy inverses, Babel formatting and the
seeds' worked examples as acceptance cases."""

from __future__ import annotations

import json
import random

import pytest

from conftest import ROOT
from glossary.formula.display import format_value
from glossary.formula.evaluate import evaluate
from glossary.formula.examples import localize_example
from glossary.formula.grammar import FormulaError, parse, to_json
from glossary.formula.metric import build_metric
from glossary.formula.solve import RESULT

SUITE = ROOT / "tests" / "formula" / "conformance.json"
AST_FILE = ROOT / "tests" / "formula" / "conformance.ast.json"
CASES = json.loads(SUITE.read_text("utf-8"))["cases"]


def _outcome(case: dict) -> dict:
    try:
        return {"result": evaluate(parse(case["expression"]), case["inputs"])}
    except FormulaError as error:
        return {"error": {"code": error.code, "column": error.column}}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_python_engine_conforms(case: dict) -> None:
    expected = {"result": case["result"]} if "result" in case else {"error": case["error"]}
    assert _outcome(case) == expected


def _ast_cases() -> list[dict]:
    out = []
    for case in CASES:
        if case.get("parse_only"):
            continue
        entry = {
            "name": case["name"],
            "ast": to_json(parse(case["expression"])),
            "inputs": case["inputs"],
        }
        entry.update(
            {"result": case["result"]} if "result" in case else {"error": case["error"]["code"]}
        )
        out.append(entry)
    return out


def test_the_asts_node_runs_are_those_python_builds(update_goldens: bool) -> None:
    text = json.dumps(_ast_cases(), ensure_ascii=False, indent=1) + "\n"
    if update_goldens:
        AST_FILE.write_text(text, "utf-8")
    assert AST_FILE.read_text("utf-8") == text, "run pytest --update-goldens"


def test_repr_shows_the_tree() -> None:
    assert (
        repr(parse("(tcv - one_time_fees) / contract_years"))
        == "(/ (- tcv one_time_fees) contract_years)"
    )
    assert repr(parse("-a * b + 2")) == "(+ (* (neg a) b) 2)"


FORMULAS = {
    "(tcv - one_time_fees) / contract_years": {
        "tcv": (1e3, 1e7),
        "one_time_fees": (0, 1e3),
        "contract_years": (1, 10),
    },
    "(promoters - detractors) / respondents * 100": {
        "promoters": (0, 500),
        "detractors": (0, 500),
        "respondents": (1000, 2000),
    },
    "arpa * gross_margin / churn_rate": {
        "arpa": (10, 1e4),
        "gross_margin": (0.1, 0.95),
        "churn_rate": (0.005, 0.2),
    },
    "won / (won + lost)": {"won": (1, 500), "lost": (1, 500)},
    "amount_1 * probability_1 + amount_2 * probability_2 + amount_3 * probability_3": {
        f"{k}_{i}": (1e3, 1e6) if k == "amount" else (0.05, 1)
        for i in (1, 2, 3)
        for k in ("amount", "probability")
    },
}


@pytest.mark.parametrize("expression", FORMULAS)
def test_inverses_round_trip_on_random_inputs_within_bounds(expression: str) -> None:
    inputs = [{"name": name, "unit": "number"} for name in FORMULAS[expression]]
    metric = build_metric(
        "x",
        {"expression": expression, "inputs": inputs, "result": {"unit": "number"}, "examples": []},
    )
    assert set(metric.inverses) == set(FORMULAS[expression]) and metric.forward_only == ()
    rng = random.Random(7)
    for _ in range(200):
        values = {name: rng.uniform(*bounds) for name, bounds in FORMULAS[expression].items()}
        result = evaluate(metric.ast, values)
        for name, inverse in metric.inverses.items():
            back = evaluate(
                inverse, {**{k: v for k, v in values.items() if k != name}, RESULT: result}
            )
            assert format_value(back, "number", "en", decimals=4) == format_value(
                values[name], "number", "en", decimals=4
            )


def test_a_formula_without_a_unique_inverse_is_forward_only() -> None:
    metric = build_metric(
        "x", {"expression": "a * a + b", "inputs": [], "result": {}, "examples": []}
    )
    assert metric.forward_only == ("a",) and set(metric.inverses) == {"b"}


@pytest.mark.parametrize(
    "concept, inputs, shown",
    [
        (
            "annual-contract-value",
            {"tcv": 100000, "one_time_fees": 0, "contract_years": 4},
            "$25,000.00",
        ),
        ("churn-rate", {"customers_lost": 8, "customers_start": 100}, "8%"),
        ("close-rate", None, "10%"),
        ("commission", None, "$15,000.00"),
        ("conversion-rate", None, "15%"),
        ("profit-margin", None, "25%"),
    ],
)
def test_the_seeds_worked_examples_hold_in_the_real_glossary(
    concept: str, inputs, shown: str
) -> None:
    from glossary.load import load_document

    formula = load_document(ROOT / "terms" / f"{concept}.yaml").data["formula"]
    metric = build_metric(concept, formula, solve=False)
    examples = [e for e in metric.examples if str(e.get("source", "")).startswith("00")]
    assert examples, f"{concept} has no worked example taken from a seed"
    example = localize_example(metric, examples[0], "en", "en")
    if inputs is not None:
        assert example.inputs == inputs
    unit = metric.result.get("unit")
    assert format_value(evaluate(metric.ast, example.inputs), unit, "en", example.currency) == shown


def test_the_reference_page_shows_the_grammar_the_parser_implements() -> None:
    import glossary.formula

    grammar = glossary.formula.__doc__.split("Grammar (EBNF)::\n\n")[1].split("\n\nNothing else")[0]
    ebnf = "\n".join(line[4:] for line in grammar.splitlines())
    page = (ROOT / "site_src" / "en" / "reference" / "formula-language.md").read_text("utf-8")
    assert f"```ebnf\n{ebnf}\n```" in page


AMOUNTS = json.loads((ROOT / "tests" / "formula" / "amounts.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", AMOUNTS, ids=[c["typed"] or "empty" for c in AMOUNTS])
def test_typed_values_as_the_browser_reads_them(case: dict) -> None:
    """The shared cases of typed values (tests/js/amounts.test.mjs runs them in node)."""
    from glossary.formula.amounts import parse_typed, plain_decimal

    typed = parse_typed(case["typed"])
    if "problem" in case:
        assert typed.problem == case["problem"]
    else:
        assert typed.problem is None and typed.value is not None
        assert (plain_decimal(typed.value), typed.percent) == (case["exact"], case["percent"])


PERCENT_CASES = ROOT / "tests" / "fixtures" / "check" / "negative" / "formula-percent"


@pytest.mark.parametrize(
    "lang, lines",
    [
        (
            "ko",
            [
                "error[formula-percent-times-100]: formula.expression: 결과는 백분율인데 식이 100을 "
                "곱하고 있어 15%가 1,500%로 표시됩니다. '* 100'을 빼세요. 이 용어집에서 백분율은 "
                "소수로 씁니다(0.15는 15%로 표시됩니다). 예시의 결과도 소수로 쓰세요.",
                "warning[example-percent-scale]: formula.examples[0].result: 백분율은 소수로 "
                "쓰므로 예시에 적힌 결과 15는 1,500%입니다. 15%를 뜻했다면 0.15로 쓰세요.",
                "error[example-mismatch-percent]: formula.examples[0].result: 예시에 적힌 "
                "결과(1,500%)가 계산한 결과(15%)의 100배입니다. 백분율은 소수로 씁니다. 15%는 "
                "0.15로 쓰세요.",
            ],
        ),
        (
            "zh-Hans",
            [
                "error[formula-percent-times-100]: formula.expression: 结果是百分比，但表达式乘了 "
                "100，15% 会显示成 1,500%。请删去 '* 100'：本术语表中的百分比写成小数（0.15 显示为 "
                "15%），示例的结果也要写成小数。",
                "error[example-mismatch-times-100]: formula.examples[0].result: 计算结果 1,500% "
                "是给出的结果 15% 的 100 倍。请从表达式中删去 '* 100'：本术语表中的百分比写成小数"
                "（0.15 显示为 15%）。",
            ],
        ),
        (
            "zh-Hant",
            [
                "warning[example-percent-scale]: formula.examples[0].result: 百分比寫成小數，所以"
                "標示的結果 15 代表 1,500%。若要表示 15%，請寫成 0.15。",
                "error[example-mismatch-percent]: formula.examples[0].result: 標示的結果 1,500% "
                "是計算結果 15% 的 100 倍。百分比要寫成小數：15% 應寫成 0.15。",
            ],
        ),
    ],
)
def test_percentages_written_as_15_are_explained_in_every_language(
    project, capsys, lang: str, lines: list[str]
) -> None:
    import shutil

    from conftest import run_cli

    for path in PERCENT_CASES.glob("*.yaml"):
        shutil.copy(path, project / "terms" / path.name)
    _, out, _ = run_cli(capsys, "check", "--lang", lang, "terms")
    shown = [line.split(": ", 1)[1] for line in out.splitlines() if ": " in line]
    for line in lines:
        assert line in shown
