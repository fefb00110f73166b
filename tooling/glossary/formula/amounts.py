"""Numbers as readers type them and amounts as they read them, from one table
(``data/amount-units.json``) that the browser gets too (issue 19).

Typed: fullwidth digits (NFKC), grouping commas, spaces, a leading sign (also U+2212, the
minus the formulas show), a trailing percent sign, and Korean and Chinese numeral units
(``5000만``, ``2억 5,000만``, ``2.5亿``, ``30萬``) with an optional currency word (``원``,
``元``). The value is exact (a ``Decimal``); only ASCII digits count after NFKC, as in the
browser. Read: an amount in the reader's own currency spelled as that reader writes it
(``2억 5,000만 원``, ``2.5 亿元``), always beside the exact figures.

``calculator.mjs`` mirrors both; ``tests/formula/amounts.json`` holds cases both run."""

from __future__ import annotations

import decimal
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

# Wide enough for every double (about 10^308) with its fraction digits: sums of units and
# quantizing are then exact (Decimal's default 28 digits made 1e25 fail to format).
EXACT = decimal.Context(prec=800, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)

LIMIT = 400  # the power of ten past which a typed value is no double (too large, or 0)
_PLAIN = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_PART = r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"


@cache
def amount_units() -> dict:
    """The table: ``units`` (character → power of ten), ``currency_words``, ``readings``."""
    text = resources.files("glossary").joinpath("data/amount-units.json").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class Typed:
    """What a reader typed: its exact ``value`` and whether it ended with ``%``; or the
    ``problem`` with it: ``empty``, ``invalid`` or ``too-large`` (beyond a double)."""

    value: Decimal | None = None
    percent: bool = False
    problem: str | None = None


def parse_typed(raw: str) -> Typed:
    """``raw`` as the calculators read it (see the module doc)."""
    text = re.sub(r"[\s,_]", "", unicodedata.normalize("NFKC", raw))
    if not text:
        return Typed(problem="empty")
    percent = text.endswith("%")
    text = text.removesuffix("%")
    sign = -1 if text[:1] in ("-", "\u2212") else 1
    text = text[1:] if text[:1] in ("-", "+", "\u2212") else text
    value = _plain(text)
    if value is None and not percent:
        value = _with_units(text)
    if value is None:
        return Typed(problem="invalid", percent=percent)
    if value.adjusted() > LIMIT:
        return Typed(None, percent, "too-large")
    value = Decimal(0) if value.adjusted() < -LIMIT else EXACT.multiply(value, Decimal(sign))
    if math.isinf(float(value)):
        return Typed(None, percent, "too-large")
    return Typed(value, percent)


def _plain(text: str) -> Decimal | None:
    if not _PLAIN.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except decimal.InvalidOperation:  # an exponent past Decimal's own: far past LIMIT
        mantissa, _, exponent = text.lower().partition("e")
        huge = int(exponent) > 0 and Decimal(mantissa) != 0
        return Decimal(f"1e{LIMIT + 1}") if huge else Decimal(0)


def _with_units(text: str) -> Decimal | None:
    """``2억5000만`` and the like: numbers each followed by units, largest first, the last
    perhaps without one; a currency word may end it."""
    table = amount_units()
    for word in table["currency_words"]:
        if text.endswith(word):
            text = text.removesuffix(word)
            break
    units = "".join(table["units"])
    if not units or not re.fullmatch(rf"(?:{_PART}[{units}]+)+{_PART}?", text):
        return None
    total, last = Decimal(0), math.inf
    for number, names in re.findall(rf"({_PART})([{units}]*)", text):
        powers = [table["units"][u] for u in names]
        if any(a >= b for a, b in zip(powers, powers[1:], strict=False)):
            return None  # 억만 is not a unit; 천만 and 万亿 are
        power = sum(powers)
        if power >= last:
            return None  # 5만 2억: largest first
        last = power
        total = EXACT.add(total, EXACT.scaleb(Decimal(number), power))
    return total


def plain_decimal(value: Decimal) -> str:
    """``value`` written out without exponent or trailing zeros: ``250000000``, ``0.08``."""
    text = format(EXACT.normalize(value), "f")
    return "0" if text in ("-0", "0") else text


def shift(value: Decimal, places: int) -> Decimal:
    """``value`` × 10^``places``, exactly (a percentage to its fraction: places = -2)."""
    return EXACT.scaleb(value, places)


def to_float(value: Decimal) -> float:
    """The double nearest ``value`` (what the browser's ``Number(string)`` gives; no -0)."""
    return float(value) + 0.0


# ---- amounts in words --------------------------------------------------------------


def reading_for(lang: str, currency: str) -> dict | None:
    """How ``lang`` writes an amount of ``currency`` in words, if it does (its own currency)."""
    spec = amount_units()["readings"].get(lang)
    return spec if spec and spec["currency"] == currency else None


def _grouped(number: int) -> str:
    return f"{number:,}"


def read_amount(amount: Decimal, spec: dict) -> str | None:
    """``amount`` (already rounded as shown) in words: ``2억 5,000만 원``, ``2.5 亿元``,
    ``约 512.35 万元`` (two decimals at most, "about" when rounded); None below the
    smallest unit, or when the groups would not say it exactly (a fraction of a won)."""
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    units = spec["units"]
    if (
        not EXACT.scaleb(Decimal(1), units[-1][1])
        <= amount
        < EXACT.scaleb(Decimal(1), units[0][1] + 4)
    ):
        return None  # below 만 or past 9,999조: the figures say it plainly enough
    if spec["style"] == "groups":
        if amount != amount.to_integral_value():
            return None
        words = _groups(int(amount), units)
        last_is_unit = int(amount) % 10 ** units[-1][1] == 0
        return sign + words + (" " if last_is_unit else "") + spec["word"]
    name, power = next((n, p) for n, p in units if amount >= EXACT.scaleb(Decimal(1), p))
    exact = EXACT.scaleb(amount, -power)
    with decimal.localcontext(EXACT) as context:
        context.rounding = decimal.ROUND_HALF_UP
        coefficient = exact.quantize(Decimal("0.01"))
    about = "" if coefficient == exact else spec["about"]
    whole, _, fraction = format(EXACT.normalize(coefficient), "f").partition(".")
    number = _grouped(int(whole)) + (f".{fraction}" if fraction else "")
    return f"{about}{sign}{number} {name}{spec['word']}"


def _groups(number: int, units: list) -> str:
    parts = []
    for index, (name, power) in enumerate(units):
        group = number // 10**power
        if index:
            group %= 10 ** (units[index - 1][1] - power)
        if group:
            parts.append(_grouped(group) + name)
    rest = number % 10 ** units[-1][1]
    if rest:
        parts.append(_grouped(rest))
    return " ".join(parts)
