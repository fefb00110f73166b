"""Diagnostics: every problem found, with its place, a plain sentence and a fix.

Checks yield diagnostics; a ``Report`` gathers them, orders them and decides the exit
code. Nothing is raised one problem at a time. A soft check (one whose severity is
configuration: a missing example, a stale translation) yields its diagnostics with the
severity ``SOFT``; the report gives them the configured severity, in one place."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from glossary.config import Config, load_config
from glossary.messages import FULL_WIDTH_STOPS, render_fix, render_message, resolve

SOFT = "soft"  # the severity of a soft check's diagnostic until a report configures it


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. ``params`` fill the message for ``code``."""

    path: str
    line: int
    column: int
    severity: str
    code: str
    field: str = ""
    params: tuple[tuple[str, object], ...] = ()
    after: tuple[int, ...] = ()  # listed right after the problem at this place: its cause

    @property
    def message(self) -> str:
        return render_message(self.code, dict(self.params))

    @property
    def fix(self) -> str | None:
        return render_fix(self.code, dict(self.params))

    def format_text(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {self.format_problem(where)}"

    def format_problem(self, where: str = "") -> str:
        """``severity[code]: field: message fix`` — the line without its place."""
        text = f"{self.severity}[{self.code}]: {where}{self.message}"
        if not self.fix:
            return text
        return f"{text}{'' if text.endswith(FULL_WIDTH_STOPS) else ' '}{self.fix}"

    def to_json(self) -> dict:
        data = asdict(self)
        del data["after"]
        data["params"] = {k: resolve(v) for k, v in self.params}
        data.update(message=self.message, fix=self.fix)
        return data


def _plain(value: object) -> object:
    """Parameters stay simple values, so diagnostics can be compared, cached and shown."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:59] + "…"


def format_field(where: Iterable[Any]) -> str:
    """A value's place as a diagnostic names it: ``('ko', 'terms', 1, 'term')`` →
    ``ko.terms[1].term``."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def diagnostic(
    path: str, mark: tuple[int, int], severity: str, code: str, field: str = "", **params: object
) -> Diagnostic:
    line, column = mark
    return Diagnostic(
        str(path),
        line,
        column,
        severity,
        code,
        field,
        tuple((k, _plain(v)) for k, v in params.items()),
    )


def configure(items: Iterable[Diagnostic], config: Config) -> Iterator[Diagnostic]:
    """Diagnostics with the configured severity of their soft checks (those "off" dropped)."""
    for d in items:
        if d.severity == SOFT:
            d = replace(d, severity=config.severity_of(d.code))
        if d.severity != "off":
            yield d


@dataclass
class Report:
    """All diagnostics of one run, with what was checked."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    config: Config | None = field(default=None, repr=False)

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(configure(items, self.config or load_config()))

    def sorted(self) -> list[Diagnostic]:
        """Each diagnostic once, by file and place, in the order found within a place; a
        problem that follows from another right after its cause."""
        unique = dict.fromkeys(self.diagnostics)
        return sorted(
            unique, key=lambda d: (d.path, *(d.after or (d.line, d.column)), bool(d.after))
        )

    def count(self, severity: str) -> int:
        return sum(1 for d in dict.fromkeys(self.diagnostics) if d.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        if self.count("error") or (strict and self.count("warning")):
            return 1
        return 0

    def format_text(self) -> str:
        lines = [d.format_text() for d in self.sorted()]
        lines.append(
            render_message(
                "summary",
                {
                    "files": self.files,
                    "errors": self.count("error"),
                    "warnings": self.count("warning"),
                },
            )
        )
        return "\n".join(lines)

    def format_json(self) -> str:
        return json.dumps(
            {
                "files": self.files,
                "errors": self.count("error"),
                "warnings": self.count("warning"),
                "diagnostics": [d.to_json() for d in self.sorted()],
            },
            ensure_ascii=False,
            indent=2,
        )
