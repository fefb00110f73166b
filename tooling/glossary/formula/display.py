"""Numbers as readers see them, formatted with Babel in the page's locale so that the
build-time worked example matches the browser's ``Intl.NumberFormat`` byte for byte:
ties round half away from zero (ICU's default) instead of Babel's half-even, and units
Intl has no plain form for (days, months, ratios) use a translated template around a
plain decimal. Those templates are interface words (``data/ui.toml``): the caller passes
them in as ``words``, so the formula engine holds no interface strings."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Mapping
from functools import cache
from types import MappingProxyType

from babel import Locale
from babel.numbers import get_currency_precision, parse_pattern

from glossary.config import language
from glossary.formula.amounts import EXACT, read_amount, reading_for

CURRENCIES = ["USD", "KRW", "CNY", "TWD", "EUR", "JPY"]  # the calculators' currency picker
DEFAULT_DECIMALS = {
    "percent": 1,
    "ratio": 2,
    "count": 2,
    "days": 1,
    "months": 1,
    "years": 1,
    "score": 1,
    "number": 2,
}
TEMPLATES = {  # unit → the key of its template in the reader's words
    "days": "unit_days",
    "months": "unit_months",
    "years": "unit_years",
    "ratio": "unit_ratio",
}
PERIODS = {  # a result's ``per`` → the key of its template in the reader's words
    "day": "per_day",
    "month": "per_month",
    "quarter": "per_quarter",
    "year": "per_year",
}
NO_WORDS: Mapping[str, str] = MappingProxyType({})


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(language(lang).locale)


def default_currency(lang: str) -> str:
    """The currency a reader of ``lang`` counts in (the language table's ``currency``)."""
    return language(lang).currency


def resolved_decimals(unit: str, decimals: int | None) -> int | None:
    """The most fraction digits a value of ``unit`` shows: as set, else the unit's default;
    None for an amount, whose digits are its currency's (the reader may switch currency)."""
    if unit == "currency":
        return decimals
    return DEFAULT_DECIMALS.get(unit, 2) if decimals is None else decimals


def decimals_for(unit: str, decimals: int | None, currency: str) -> tuple[int, int]:
    """(minimum, maximum) fraction digits, as both Babel and Intl are told."""
    if unit == "currency":
        digits = get_currency_precision(currency) if decimals is None else decimals
        return digits, digits
    return 0, DEFAULT_DECIMALS.get(unit, 2) if decimals is None else decimals


def _apply(
    kind: str, value: float, lang: str, fractions: tuple[int, int], currency: str | None
) -> str:
    locale = _locale(lang)
    source = {
        "currency": locale.currency_formats["standard"],
        "percent": locale.percent_formats[None],
        "decimal": locale.decimal_formats[None],
    }[kind]
    pattern = parse_pattern(source.pattern)
    pattern.frac_prec = fractions
    with decimal.localcontext(EXACT) as context:  # 1e25 has more digits than the default 28
        context.rounding = decimal.ROUND_HALF_UP
        text = pattern.apply(
            decimal.Decimal(repr(value)),
            locale,
            currency=currency,
            currency_digits=False,
            decimal_quantization=True,
        )
    return text


def format_value(
    value: float,
    unit: str,
    lang: str,
    currency: str | None = None,
    decimals: int | None = None,
    words: Mapping[str, str] = NO_WORDS,
    per: str | None = None,
    reading: bool = False,
) -> str:
    """``value`` in ``unit`` for a reader of ``lang`` (percent values are fractions).
    ``words`` are the reader's interface words in ``lang``; a unit written around the
    number (days, months, years, ratio) takes its template from them, and so does the
    period ``per`` of a rate ("$5,000.00 per day", "하루 ₩5,000,000"). With ``reading``,
    an amount in the reader's own currency is also spelled as the reader writes large
    amounts ("₩250,000,000(2억 5,000만 원)"). A value that rounds to zero shows as 0,
    never "-$0.00"."""
    text = _format_unit(value, unit, lang, currency, decimals, words)
    if reading and unit == "currency" and words:
        text = _with_reading(text, value, lang, currency or default_currency(lang), decimals, words)
    period = PERIODS.get(per or "")
    return words[period].format(n=text) if period and words else text


def _format_unit(
    value: float,
    unit: str,
    lang: str,
    currency: str | None,
    decimals: int | None,
    words: Mapping[str, str],
) -> str:
    currency = currency or default_currency(lang)
    fractions = decimals_for(unit, decimals, currency)
    value = shown_value(value, fractions[1] + (2 if unit == "percent" else 0))
    if unit == "currency":
        return _apply("currency", value, lang, fractions, currency)
    if unit == "percent":
        return _apply("percent", value, lang, fractions, None)
    number = _apply("decimal", value, lang, fractions, None)
    template = TEMPLATES.get(unit)
    return words[template].format(n=number) if template else number


def shown_value(value: float, digits: int) -> float:
    """``value``, or 0 when it shows as zero with ``digits`` fraction digits (a residue
    of -7e-15 is not "-$0.00"; mirrors ``shownValue`` in calculator.mjs)."""
    if value == 0 or decimal.Decimal(repr(abs(value))) < decimal.Decimal(5).scaleb(-digits - 1):
        return 0.0
    return value


def _with_reading(
    text: str,
    value: float,
    lang: str,
    currency: str,
    decimals: int | None,
    words: Mapping[str, str],
) -> str:
    spec = reading_for(lang, currency)
    if spec is None or "amount_reading" not in words:
        return text
    digits = decimals_for("currency", decimals, currency)[1]
    value = shown_value(value, digits)
    with decimal.localcontext(EXACT) as context:
        context.rounding = decimal.ROUND_HALF_UP
        amount = decimal.Decimal(repr(value)).quantize(decimal.Decimal(1).scaleb(-digits))
    words_for = read_amount(amount, spec)
    return words["amount_reading"].format(amount=text, reading=words_for) if words_for else text


SYMBOLS = {"+": "+", "-": "\u2212", "*": "\u00d7", "/": "\u00f7"}
PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "num": 4, "var": 4}


def render_expression(
    ast: list,
    show_var: Callable[[str], str],
    show_num: Callable[[float], str],
    parent: int = 0,
    right: bool = False,
) -> str:
    """Infix text of a JSON AST with × ÷ − and only the parentheses needed (mirrors
    ``renderExpression`` in calculator.mjs)."""
    kind = ast[0]
    if kind == "num":
        return show_num(ast[1])
    if kind == "var":
        return show_var(ast[1])
    if kind == "neg":
        return "\u2212" + render_expression(ast[1], show_var, show_num, PRECEDENCE["neg"])
    mine = PRECEDENCE[kind]
    text = (
        render_expression(ast[1], show_var, show_num, mine)
        + f" {SYMBOLS[kind]} "
        + render_expression(ast[2], show_var, show_num, mine, kind in "-/")
    )
    return f"({text})" if mine < parent or (right and mine == parent) else text
