"""The browser module's own tests, run by ``node --test``: the formula conformance suite
and Babel-vs-Intl parity fixtures generated here."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT
from glossary.config import language
from glossary.formula.amounts import amount_units
from glossary.formula.display import format_value, resolved_decimals
from glossary.formula.present import UI_KEYS
from glossary.ui import ui_strings

PARITY = ROOT / "tests" / "js" / "parity.json"
VALUES = [
    0,
    -0.0,
    0.5,
    1.005,
    2.5,
    12.345,
    1234.5,
    25000,
    999999.5,
    1234567.891,
    -1234.5,
    0.0825,
    0.125,
    -0.001,  # rounds to zero: never "-$0.00" or "-0%"
    -0.00004,
    -7.105427357601002e-15,
    1e25,  # past Decimal's default 28 digits
    250000000,
    5123456,
    123456789,
    12345678.9,
]
UNITS = [  # (unit, decimals, per)
    ("currency", None, None),
    ("currency", 0, None),
    ("percent", None, None),
    ("percent", 0, None),
    ("number", None, None),
    ("count", 0, None),
    ("ratio", None, None),
    ("months", None, None),
    ("days", 0, None),
    ("score", 0, None),
    ("currency", None, "day"),
    ("currency", None, "month"),
    ("count", 0, "quarter"),
    ("currency", 0, "year"),
]
CURRENCIES = {
    "en": ["USD", "KRW"],
    "ko": ["KRW", "USD"],
    "zh-Hans": ["CNY", "USD"],
    "zh-Hant": ["TWD", "KRW"],
}


def _fixtures() -> dict:
    cases = []
    for lang, currencies in CURRENCIES.items():
        for unit, decimals, per in UNITS:
            for currency in currencies if unit == "currency" else currencies[:1]:
                for value in VALUES:
                    for reading in (False, True) if unit == "currency" else (False,):
                        words = ui_strings()[lang]
                        cases.append(
                            {
                                "lang": lang,
                                "locale": language(lang).intl,
                                "unit": unit,
                                "currency": currency,
                                "decimals": resolved_decimals(unit, decimals),
                                "per": per,
                                "value": value,
                                # the reading the page's data carries (readings of lang)
                                "reading": amount_units()["readings"].get(lang)
                                if reading
                                else None,
                                "expected": format_value(
                                    value, unit, lang, currency, decimals, words, per, reading
                                ),
                            }
                        )
    text = {lang: {key: ui_strings()[lang][key] for key in UI_KEYS} for lang in CURRENCIES}
    return {"text": text, "cases": cases}


def test_parity_fixtures_are_current(update_goldens: bool) -> None:
    text = json.dumps(_fixtures(), ensure_ascii=False, indent=0) + "\n"
    if update_goldens:
        PARITY.write_text(text, "utf-8")
    assert PARITY.read_text("utf-8") == text, "run pytest --update-goldens"


NORMALIZE = ROOT / "tests" / "js" / "normalize.json"
SAMPLES = [
    "  ＡＣＶ ",
    "Closed-Won",
    "B2B\u3000營收",
    "고객  이탈률",
    "ＭＱＬ／SQL",
    "Ａ·Ｂ",
    "lead_status",
    "İstanbul",
    "ß",
    "①②",
    "ｶﾀｶﾅ",
    "\u1100\u1161",
]


def test_normalize_fixtures_are_current(update_goldens: bool) -> None:
    from glossary.search import normalize

    text = (
        json.dumps([[sample, normalize(sample)] for sample in SAMPLES], ensure_ascii=False) + "\n"
    )
    if update_goldens:
        NORMALIZE.write_text(text, "utf-8")
    assert NORMALIZE.read_text("utf-8") == text, "run pytest --update-goldens"


@pytest.mark.node
def test_node_runs_the_browser_module_tests() -> None:
    result = subprocess.run(
        ["node", "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
