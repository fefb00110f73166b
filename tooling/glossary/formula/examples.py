"""Worked examples as each language shows them. An example's values are plain numbers or
one number per language (``{en: 250000, ko: 250000000}``); amounts of money always differ
by language, since each language counts in its own currency (the language table's
``currency``) and in amounts plausible in its market. A language whose amounts are missing
is shown the source language's numbers in the source language's currency, never its
numbers under another currency sign."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from glossary.config import language
from glossary.formula.metric import RESULT, Metric


def money_names(metric: Metric) -> frozenset[str]:
    """The names whose values are amounts of money: inputs in ``currency`` and ``result``
    when the metric's result is one."""
    names = {i["name"] for i in metric.inputs if i.get("unit") == "currency"}
    if metric.result.get("unit") == "currency":
        names.add(RESULT)
    return frozenset(names)


def example_values(example: Mapping) -> dict[str, object]:
    """The example's values by name, ``result`` included (as written: numbers or mappings)."""
    given = example.get("inputs")
    values = dict(given) if isinstance(given, Mapping) else {}
    if "result" in example:
        values[RESULT] = example["result"]
    return values


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def value_in(value: object, lang: str, source: str) -> float | list[float] | None:
    """A value as ``lang`` shows it: the number (or a list input's numbers, one per row),
    the language's own, or the source's."""
    if isinstance(value, Mapping):
        value = value.get(lang, value.get(source))
    if isinstance(value, list):
        return list(value) if value and all(map(_is_number, value)) else None
    return value if _is_number(value) else None  # type: ignore[return-value]


def same_currency(lang: str, source: str) -> bool:
    return language(lang).currency == language(source).currency


def lacks_amounts(example: Mapping, money: frozenset[str], lang: str, source: str) -> list[str]:
    """The amounts of money ``example`` gives no ``lang`` value for (none when ``lang``
    counts in the source language's currency)."""
    if lang == source or same_currency(lang, source):
        return []
    values = example_values(example)
    return [
        name
        for name, value in values.items()
        if name in money
        and value != 0  # nothing is nothing in every currency
        and not (isinstance(value, Mapping) and lang in value)
    ]


def copies_amounts(example: Mapping, money: frozenset[str], lang: str, source: str) -> list[str]:
    """The amounts of money whose ``lang`` value is the source language's number although
    the two count in different currencies: the same number under another sign."""
    if lang == source or same_currency(lang, source):
        return []
    return [
        name
        for name, value in example_values(example).items()
        if name in money
        and isinstance(value, Mapping)
        and value.get(lang) == value.get(source) != 0
    ]


@dataclass(frozen=True)
class LocalExample:
    """An example as one page shows it: whose values (``lang``: the reader's, or the source
    language's when the reader's amounts are missing), in which ``currency``."""

    lang: str
    currency: str
    inputs: dict[str, float | list[float]]
    result: float | None


def localize_example(metric: Metric, example: Mapping, lang: str, source: str) -> LocalExample:
    """``example`` for a reader of ``lang``."""
    own = not lacks_amounts(example, money_names(metric), lang, source)
    used = lang if own else source
    values = example_values(example)
    inputs = {
        name: number
        for name, value in values.items()
        if name != RESULT and (number := value_in(value, used, source)) is not None
    }
    result = value_in(values.get(RESULT), used, source)
    return LocalExample(
        used, language(used).currency, inputs, None if isinstance(result, list) else result
    )
