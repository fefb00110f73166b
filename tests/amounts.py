"""Numbers as the example sentences write them, so tests can compare a sentence with the
worked example under it: "2억 5,000만 원" is 250,000,000, "1 萬 6 千元" 16,000,
"$1.2 million" 1,200,000, "8%" 8."""

from __future__ import annotations

import re

_UNITS = {
    "million": 1e6,
    "억": 1e8,
    "亿": 1e8,
    "億": 1e8,
    "만": 1e4,
    "万": 1e4,
    "萬": 1e4,
    "천": 1e3,
    "千": 1e3,
}
_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(million|억|亿|億|만|万|萬|천|千)?")


def numbers_in(text: str) -> list[float]:
    """Every number of ``text``, with a larger unit's number and the smaller one after it
    ("2억 5,000만", "1 萬 6 千") read as one."""
    found: list[float] = []
    unit_before, end_before = 0.0, -1
    for match in _NUMBER.finditer(text):
        value = float(match[1].replace(",", ""))
        unit = _UNITS.get(match[2] or "", 1.0)
        joined = text[end_before : match.start()].strip() == "" if found else False
        if joined and unit_before > unit and unit_before > 1:
            found[-1] += value * unit
        else:
            found.append(value * unit)
        unit_before, end_before = unit, match.end()
    return found


def mentions(text: str, value: float, tolerance: float = 0.05) -> bool:
    """Whether ``text`` names ``value``, or a rounding of it ("about 14 months")."""
    return any(abs(n - value) <= tolerance * abs(value) for n in numbers_in(text))
