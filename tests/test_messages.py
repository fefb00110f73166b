"""Every user-facing message is pinned: each diagnostic code appears, with its exact
text, in a golden file or a test that asserts the full sentence."""

from __future__ import annotations

import re

from conftest import ROOT
from glossary.messages import HINTS, MESSAGES, render_fix, render_message


def _pinned_text() -> str:
    tests = ROOT / "tests"
    parts = [p.read_text("utf-8") for p in tests.rglob("*.expected")]
    parts += [p.read_text("utf-8") for p in tests.rglob("expected.txt")]
    parts += [p.read_text("utf-8") for p in tests.rglob("*.py") if p.name != "test_messages.py"]
    return "\n".join(parts)


def _fixed_part(template: str) -> str:
    return max(re.split(r"{\w+}", template), key=len)


def test_every_diagnostic_code_is_pinned_by_a_test() -> None:
    text = _pinned_text()
    unpinned = [
        code
        for code, (message, _) in MESSAGES.items()
        if f"[{code}]" not in text and _fixed_part(message) not in text
    ]
    assert unpinned == []


def test_every_message_renders_with_its_own_fields() -> None:
    for code, (message, fix) in MESSAGES.items():
        fields = set(re.findall(r"{(\w+)}", message + (fix or "")))
        params = {name: f"<{name}>" for name in fields}
        assert render_message(code, params)
        render_fix(code, params)


def test_hints_are_sentences() -> None:
    for name, text in HINTS.items():
        assert text[0].isupper() and text.endswith((".", "?", "'.")), name
