"""The formula engine's limits and list inputs (issue #19), beyond the shared conformance
suite: what a megabyte of source, hundreds of nested parentheses and chains of thousands of
terms do; which digits are digits in typed values; how sums are solved around and shown
on the page (render_expression mirrors calculator.mjs, whose tests pin the same texts)."""

from __future__ import annotations

import json
import time

import pytest

from conftest import ROOT
from glossary.formula.calculate import parse_number, snap_to_bounds, split_rows
from glossary.formula.display import render_expression
from glossary.formula.evaluate import evaluate
from glossary.formula.grammar import FormulaError, from_json, names, parse, to_json
from glossary.formula.metric import RESULT, build_metric
from glossary.formula.present import present_metric
from glossary.load import load_document
from glossary.ui import ui_strings


def _error(source: str) -> tuple[str, int]:
    with pytest.raises(FormulaError) as caught:
        parse(source)
    return caught.value.code, caught.value.column


def test_a_megabyte_is_refused_at_once_by_the_length_limit() -> None:
    for source in ("1" * 1_000_000, "a + " * 250_000 + "a", "(" * 1_000_000):
        started = time.perf_counter()
        assert _error(source) == ("expression-too-long", 100_001)
        assert time.perf_counter() - started < 0.05


def test_deep_nesting_is_a_syntax_error_not_a_recursion_error() -> None:
    assert _error("(" * 300 + "a" + ")" * 300) == ("too-deeply-nested", 65)
    assert _error("-" * 300 + "a") == ("too-deeply-nested", 65)
    assert _error("sum(" * 300 + "a" + ")" * 300) == ("too-deeply-nested", 257)


def test_no_number_becomes_infinity_in_the_tree() -> None:
    assert _error("9" * 50_000) == ("number-too-long", 1)
    largest = "9" * 30
    ast = to_json(parse(f"{largest} * a"))
    assert json.loads(json.dumps(ast, allow_nan=False)) == ["*", ["num", 1e30], ["var", "a"]]


def test_a_flat_chain_of_5000_terms_parses_evaluates_and_serializes() -> None:
    source = " + ".join(f"x{i % 7}" for i in range(5000))
    node = parse(source)
    values = {f"x{i}": i for i in range(7)}
    expected = float(sum(i % 7 for i in range(5000)))
    assert evaluate(node, values) == expected
    ast = to_json(node)
    assert evaluate(ast, values) == expected
    assert render_expression(to_json(from_json(ast)), str, str) == source
    assert names(node) == [f"x{i}" for i in range(7)]
    assert repr(node).startswith("(+ (+ (+ ") and repr(node).endswith(" x1)")
    assert evaluate(parse(" * ".join(["a"] * 5000)), {"a": 1.0}) == 1.0


@pytest.mark.parametrize("typed", ["١٢", "१२", "๑๒", "12١"])
def test_other_scripts_digits_are_not_typed_numbers(typed: str) -> None:
    assert parse_number(typed) is None


def test_fullwidth_digits_are_typed_numbers_and_a_megabyte_is_not() -> None:
    assert parse_number("１２，０００") == 12000
    assert parse_number("1" * 100) == float("1" * 100)
    started = time.perf_counter()
    assert parse_number("1" * 1_000_000) is None
    assert time.perf_counter() - started < 0.05


@pytest.mark.parametrize(
    "typed, rows",
    [
        ("100000,50000,20000", ["100000", "50000", "20000"]),
        ("100,000; 50,000 ;20,000", ["100,000", "50,000", "20,000"]),
        ("１００，２００", ["100", "200"]),
        ("5", ["5"]),
    ],
)
def test_a_list_is_typed_with_commas_or_semicolons(typed: str, rows: list[str]) -> None:
    assert split_rows(typed) == rows


def _metric(expression: str, lists: tuple[str, ...] = ("amount", "probability")):
    inputs = [{"name": n, "unit": "number", "list": n in lists} for n in names(parse(expression))]
    return build_metric(
        "x", {"expression": expression, "inputs": inputs, "result": {}, "examples": []}
    )


def test_inputs_outside_the_sums_are_solved_for_with_each_sum_as_an_unknown() -> None:
    metric = _metric("sum(amount * probability) / quota - fee")
    assert set(metric.inverses) == {"quota", "fee"}
    assert metric.forward_only == ("amount", "probability") == metric.lists
    rows = {"amount": [100.0, 300.0], "probability": [0.5, 0.5]}
    result = evaluate(metric.ast, {**rows, "quota": 50, "fee": 1})
    assert result == 3
    assert evaluate(metric.inverses["quota"], {**rows, "fee": 1, RESULT: result}) == 50
    assert evaluate(metric.inverses["fee"], {**rows, "quota": 50, RESULT: result}) == 1


def test_a_single_value_inside_a_sum_is_forward_only() -> None:
    metric = _metric("sum(amount * rate) + fee", lists=("amount",))
    assert set(metric.inverses) == {"fee"} and metric.forward_only == ("amount", "rate")


WEIGHTED = {
    "en": (
        "weighted pipeline = Σ (Deal amount × Stage probability)",
        "$700,000.00 × 20% + $450,000.00 × 50% + $50,000.00 × 90% = $410,000.00",
        [("$700,000.00", "20%"), ("$450,000.00", "50%"), ("$50,000.00", "90%")],
    ),
    "ko": (
        "가중 파이프라인 = Σ (딜 금액 × 단계별 수주 확률)",
        "₩700,000,000 × 20% + ₩450,000,000 × 50% + ₩50,000,000 × 90% = ₩410,000,000",
        [("₩700,000,000", "20%"), ("₩450,000,000", "50%"), ("₩50,000,000", "90%")],
    ),
    "zh-Hans": (
        "加权销售管道 = Σ (商机金额 × 赢单概率)",
        "¥7,000,000.00 × 20% + ¥4,500,000.00 × 50% + ¥500,000.00 × 90% = ¥4,100,000.00",
        [("¥7,000,000.00", "20%"), ("¥4,500,000.00", "50%"), ("¥500,000.00", "90%")],
    ),
    "zh-Hant": (
        "加權銷售管道 = Σ (商機金額 × 贏單機率)",
        "$28,000,000.00 × 20% + $18,000,000.00 × 50% + $2,000,000.00 × 90% = $16,400,000.00",
        [("$28,000,000.00", "20%"), ("$18,000,000.00", "50%"), ("$2,000,000.00", "90%")],
    ),
}


@pytest.mark.parametrize("lang", WEIGHTED)
def test_the_weighted_pipeline_page_shows_each_deal_as_a_row(lang: str) -> None:
    doc = load_document(ROOT / "terms" / "weighted-pipeline.yaml")
    metric = build_metric("weighted-pipeline", doc.data["formula"])
    label = {"en": "weighted pipeline", "ko": "가중 파이프라인"}.get(lang)
    label = label or {"zh-Hans": "加权销售管道", "zh-Hant": "加權銷售管道"}[lang]
    shown = present_metric(metric, lang, label, ui_strings()[lang], "en")
    formula, substituted, rows = WEIGHTED[lang]
    assert shown["formula_text"] == formula
    (example,) = shown["examples"]
    assert example["substituted"] == substituted
    assert example["rows"] == [] and example["table"]["rows"] == rows
    assert [f["name"] for f in shown["list_fields"]] == ["amount", "probability"]
    assert shown["list_fields"][1]["values"] == ["20", "50", "90"]
    assert shown["rows"] == [1, 2, 3] and shown["fields"] == []
    assert [option[2] for option in shown["solve_options"]] == [False, True, True]


def test_a_residue_is_snapped_to_a_bound_with_lists_among_the_values() -> None:
    env = {"amount": [200000.0, 60.0], "fee": 1.0}
    assert snap_to_bounds({"min": 0}, -7.105427357601002e-15, env) == 0.0
    assert snap_to_bounds({"min": 0}, -1e-9, {"amount": [1.0, 2.0]}) == -1e-9
