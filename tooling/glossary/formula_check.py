"""Checks of a metric's formula block for ``glossary check``: the expression parses
(errors point at the column inside it), names and inputs match, bounds make sense,
alternatives parse and name only inputs or names they label, every language with a
section in the file has its own amounts of money in every worked example, and every
example evaluates in every language — forwards and through every inverse — to its stated
values at the precision the page shows (values are reported as the English page writes
them, in the language's currency). It checks a term file, so it sits beside the other
checks rather than in the formula engine: it reads the loader's marks and the site's
words."""

from __future__ import annotations

import math
from collections.abc import Generator, Iterator

from glossary.config import Config
from glossary.diagnostics import SOFT, Diagnostic, diagnostic
from glossary.formula.display import format_value
from glossary.formula.evaluate import evaluate
from glossary.formula.examples import (
    copies_amounts,
    example_values,
    lacks_amounts,
    money_names,
    value_in,
)
from glossary.formula.grammar import FormulaError, Node, names, parse
from glossary.formula.metric import RESULT, Metric, SolvedInverses, build_metric
from glossary.load import Document
from glossary.ui import ui_strings


def _expression_mark(doc: Document, column: int, where: tuple = ("formula", "expression")):
    line, start = doc.mark(where)
    text = doc.source.split("\n")[line - 1] if doc.source else ""
    quoted = text[start - 1 : start] in ("'", '"')
    return line, start + column - 1 + (1 if quoted else 0)


def _shown(value: float, item: dict, currency: str) -> str:
    """``value`` as the English page shows an ``item`` (an input or the result) of its unit
    and decimals, in ``currency``."""
    unit, decimals = item.get("unit", "number"), item.get("decimals")
    return format_value(value, unit, "en", currency, decimals, ui_strings()["en"])


def iter_formula_errors(
    doc: Document, config: Config, solved: SolvedInverses | None = None
) -> Iterator[Diagnostic]:
    """The diagnostics of a formula block."""
    yield from _checked_formula(doc, config, solved)


def check_formula_block(
    doc: Document, config: Config, solved: SolvedInverses | None = None
) -> tuple[list[Diagnostic], Metric | None]:
    """The diagnostics of a formula block and, when it is well formed, its metric (parsed
    and solved once here, and reused by the site build)."""
    problems: list[Diagnostic] = []
    checks = _checked_formula(doc, config, solved)
    while True:
        try:
            problems.append(next(checks))
        except StopIteration as done:
            return problems, done.value


def _checked_formula(
    doc: Document, config: Config, solved: SolvedInverses | None
) -> Generator[Diagnostic, None, Metric | None]:
    formula = doc.data.get("formula")
    if not isinstance(formula, dict) or not isinstance(formula.get("expression"), str):
        return None
    path = str(doc.path)
    inputs = [
        i
        for i in formula.get("inputs") or []
        if isinstance(i, dict) and isinstance(i.get("name"), str)
    ]
    try:
        node = parse(formula["expression"])
    except FormulaError as error:
        yield diagnostic(
            path,
            _expression_mark(doc, error.column),
            "error",
            "formula-syntax",
            "formula.expression",
            problem=error.code.replace("-", " "),
            column=error.column,
        )
        return None
    declared = {i["name"]: i for i in inputs}
    result = formula.get("result")
    if isinstance(result, dict) and result.get("unit") == "percent":
        for column in _times_100(node):
            yield diagnostic(
                path,
                _expression_mark(doc, column),
                "error",
                "formula-percent-times-100",
                "formula.expression",
            )
    used = names(node)
    for name in used:
        if name not in declared:
            yield diagnostic(
                path,
                doc.mark(("formula", "expression")),
                "error",
                "formula-unknown-name",
                "formula.expression",
                name=name,
            )
    for index, item in enumerate(inputs):
        if item["name"] not in used:
            yield diagnostic(
                path,
                doc.mark(("formula", "inputs", index, "name")),
                "error",
                "formula-unused-input",
                f"formula.inputs[{index}].name",
                name=item["name"],
            )
        yield from _iter_bound_errors(doc, index, item)
    for index, alternative in enumerate(formula.get("alternatives") or []):
        if isinstance(alternative, dict) and isinstance(alternative.get("expression"), str):
            yield from _iter_alternative_errors(doc, index, alternative, declared)
    if any(name not in declared for name in used):
        return None
    metric = build_metric(doc.data.get("id", doc.path.stem), formula, solved=solved, node=node)
    for name in metric.forward_only:
        yield diagnostic(
            path,
            doc.mark(("formula", "expression")),
            SOFT,
            "formula-forward-only",
            "formula.expression",
            name=name,
        )
    for index, example in enumerate(formula.get("examples") or []):
        if isinstance(example, dict):
            yield from _iter_example_errors(doc, config, metric, index, example, declared)
    return metric


def _times_100(node: Node) -> Iterator[int]:
    """Columns of each 100 the expression multiplies by (``… / leads * 100``)."""
    if node.kind == "*":
        for arg in node.args:
            if arg.kind == "num" and arg.value == 100:
                yield arg.column
    for arg in node.args:
        yield from _times_100(arg)


def _iter_alternative_errors(
    doc: Document, index: int, alternative: dict, declared: dict
) -> Iterator[Diagnostic]:
    """An alternative is shown in words: it must parse, and each name must be an input
    (shown by its label) or have a label of its own in ``labels``."""
    path = str(doc.path)
    where = ("formula", "alternatives", index)
    field = f"formula.alternatives[{index}]"
    try:
        node = parse(alternative["expression"])
    except FormulaError as error:
        yield diagnostic(
            path,
            _expression_mark(doc, error.column, (*where, "expression")),
            "error",
            "formula-syntax",
            f"{field}.expression",
            problem=error.code.replace("-", " "),
            column=error.column,
        )
        return
    given = alternative.get("labels")
    labels: dict = given if isinstance(given, dict) else {}
    used = names(node)
    for name in used:
        if name not in declared and name not in labels:
            yield diagnostic(
                path,
                doc.mark((*where, "expression")),
                "error",
                "alternative-unlabelled-name",
                f"{field}.expression",
                name=name,
            )
    for name in labels:
        code = (
            "alternative-label-for-input"
            if name in declared
            else None
            if name in used
            else "alternative-unused-label"
        )
        if code:
            yield diagnostic(
                path,
                doc.mark((*where, "labels", name), key=True),
                "error",
                code,
                f"{field}.labels.{name}",
                name=name,
            )


def _iter_bound_errors(doc: Document, index: int, item: dict) -> Iterator[Diagnostic]:
    low = item.get("min", item.get("exclusive_min"))
    high = item.get("max")
    where = ("formula", "inputs", index)
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low >= high:
        yield diagnostic(
            str(doc.path),
            doc.mark((*where, "max")),
            "error",
            "formula-bounds",
            f"formula.inputs[{index}]",
            name=item["name"],
            low=low,
            high=high,
        )
    default = item.get("default")
    if isinstance(default, (int, float)) and _outside(item, default):
        yield diagnostic(
            str(doc.path),
            doc.mark((*where, "default")),
            "error",
            "formula-default-out-of-range",
            f"formula.inputs[{index}].default",
            name=item["name"],
            value=default,
        )


def _outside(item: dict, value: float) -> bool:
    return (
        (isinstance(item.get("min"), (int, float)) and value < item["min"])
        or (isinstance(item.get("max"), (int, float)) and value > item["max"])
        or (isinstance(item.get("exclusive_min"), (int, float)) and value <= item["exclusive_min"])
    )


def _is_value(value: object) -> bool:
    if isinstance(value, dict):
        return bool(value) and all(_is_value(v) for v in value.values())
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _iter_example_errors(
    doc: Document, config: Config, metric: Metric, index: int, example: dict, declared: dict
) -> Iterator[Diagnostic]:
    path = str(doc.path)
    where = ("formula", "examples", index)
    field = f"formula.examples[{index}]"
    given: dict = example["inputs"] if isinstance(example.get("inputs"), dict) else {}
    missing = [name for name in declared if name not in given]
    unknown = [name for name in given if name not in declared]
    for name in missing:
        yield diagnostic(
            path,
            doc.mark((*where, "inputs")),
            "error",
            "example-missing-input",
            f"{field}.inputs",
            name=name,
        )
    for name in unknown:
        yield diagnostic(
            path,
            doc.mark((*where, "inputs", name), key=True),
            "error",
            "example-unknown-input",
            f"{field}.inputs.{name}",
            name=name,
        )
    values = example_values(example)
    if missing or unknown or not all(_is_value(v) for v in values.values()):
        return
    source = config.source_language
    money = money_names(metric)
    unlocalized: dict[str, list[str]] = {}
    checked = _ExampleCheck(doc, config, metric, index, declared, values)
    copied: dict[str, list[str]] = {}
    for lang in config.language_tags:
        lacking = lacks_amounts(example, money, lang, source)
        if not lacking:
            yield from checked.in_language(lang)
            for name in copies_amounts(example, money, lang, source):
                copied.setdefault(name, []).append(lang)
        elif isinstance(doc.data.get(lang), dict):  # the language's page shows this example
            for name in lacking:
                unlocalized.setdefault(name, []).append(lang)
    for name, langs in copied.items():
        at = ("result",) if name == RESULT else ("inputs", name)
        yield diagnostic(
            path,
            doc.mark((*where, *at, langs[0])),
            "error",
            "example-amount-copied",
            ".".join((field, *at, langs[0])),
            name=name,
            languages=", ".join(f"{lang} ({config.language(lang).currency})" for lang in langs),
            source=f"{source} ({config.language(source).currency})",
        )
    for name, langs in unlocalized.items():
        at = ("result",) if name == RESULT else ("inputs", name)
        given_as = values[name]
        sample = {source: value_in(given_as, source, source)} | {lang: "…" for lang in langs}
        yield diagnostic(
            path,
            doc.mark((*where, *at)),
            "error",
            "example-amount-not-localized",
            ".".join((field, *at)),
            name=name,
            languages=", ".join(f"{lang} ({config.language(lang).currency})" for lang in langs),
            sample="{" + ", ".join(f"{k}: {_plain(v)}" for k, v in sample.items()) + "}",
        )


PERCENT_SCALE = 10  # a percentage stated above 1,000 % is most likely 15 meant as 15 %


def _hundredfold(stated: float, computed: float) -> str | None:
    """The code for a stated result 100 times the computed one, or a hundredth of it."""
    if computed and math.isclose(stated, computed * 100, rel_tol=1e-9):
        return "example-mismatch-percent"
    if stated and math.isclose(computed, stated * 100, rel_tol=1e-9):
        return "example-mismatch-times-100"
    return None


def _plain(value: object) -> str:
    return format(value, ".15g") if isinstance(value, (int, float)) else str(value)


class _ExampleCheck:
    """One worked example checked in each language, with that language's values; a problem
    with a value shared by several languages is reported once, where it is written."""

    def __init__(
        self,
        doc: Document,
        config: Config,
        metric: Metric,
        index: int,
        declared: dict,
        values: dict,
    ):
        self.doc, self.config, self.metric, self.declared = doc, config, metric, declared
        self.values = values
        self.where = ("formula", "examples", index)
        self.field = f"formula.examples[{index}]"
        self.reported: set[tuple] = set()

    def _at(self, name: str, lang: str) -> tuple:
        """Where ``lang``'s value of ``name`` is written (``result`` for the result)."""
        head = ("result",) if name == RESULT else ("inputs", name)
        value = self.values[name]
        return (*head, lang) if isinstance(value, dict) and lang in value else head

    def _report(
        self, at: tuple, code: str, lang: str = "", severity: str = "error", **params: object
    ) -> Iterator[Diagnostic]:
        if (at, code, lang) in self.reported:
            return
        self.reported.add((at, code, lang))
        if lang:
            params["lang"] = lang
        yield diagnostic(
            str(self.doc.path),
            self.doc.mark((*self.where, *at)),
            severity,
            code,
            ".".join((self.field, *at)),
            **params,
        )

    def in_language(self, lang: str) -> Iterator[Diagnostic]:
        source = self.config.source_language
        currency = self.config.language(lang).currency
        given: dict[str, float] = {}
        for name, written in self.values.items():
            value = value_in(written, lang, source)
            if name != RESULT and value is not None:
                given[name] = value
        if len(given) < len(self.declared):
            return  # a mapping without the source language's value: the schema says so
        result = self.metric.result
        for name, value in given.items():
            if _outside(self.declared[name], value):
                yield from self._report(
                    self._at(name, lang), "example-out-of-range", name=name, value=value
                )
        try:
            computed = evaluate(self.metric.ast, given)
        except FormulaError as error:
            yield from self._report(("inputs",), f"example-{error.code}")
            return
        stated = value_in(self.values.get(RESULT), lang, source)
        if stated is None:
            return
        percent = result.get("unit") == "percent"
        if percent and abs(stated) > PERCENT_SCALE:
            yield from self._report(
                self._at(RESULT, lang),
                "example-percent-scale",
                value=_plain(stated),
                shown=_shown(stated, result, currency),
                meant=_shown(stated / 100, result, currency),
                fraction=_plain(stated / 100),
                severity=SOFT,
            )
        if _shown(computed, result, currency) != _shown(stated, result, currency):
            at = self._at(RESULT, lang)
            scale = _hundredfold(stated, computed) if percent else None
            if scale:
                yield from self._report(
                    at,
                    scale,
                    stated=_shown(stated, result, currency),
                    computed=_shown(computed, result, currency),
                    fraction=_plain(computed),
                )
                return
            own_inputs = any(self._at(name, lang)[-1] == lang for name in given)
            if at[-1] == lang or not own_inputs:
                yield from self._report(
                    at,
                    "example-mismatch",
                    stated=_shown(stated, result, currency),
                    computed=_shown(computed, result, currency),
                )
            else:
                yield from self._report(
                    at,
                    "example-language-mismatch",
                    lang,
                    stated=_shown(stated, result, currency),
                    computed=_shown(computed, result, currency),
                )
            return
        for name, inverse in self.metric.inverses.items():
            env = {**{k: v for k, v in given.items() if k != name}, RESULT: stated}
            try:
                back = evaluate(inverse, env)
            except FormulaError:
                continue  # the inverse is undefined at this point (e.g. solving for a divisor of 0)
            item = self.declared[name]
            value = given[name]
            if _shown(back, item, currency) != _shown(value, item, currency):
                yield from self._report(
                    self._at(name, lang),
                    "inverse-mismatch",
                    name=name,
                    value=_shown(value, item, currency),
                    computed=_shown(back, item, currency),
                )
