"""The placeholder of a text still to be written: ``glossary new`` writes it (``skeleton``),
the checks and ``glossary status`` recognise it. It lives apart from both so that a check
never depends on the writer of new files."""

from __future__ import annotations

PLACEHOLDER = "TODO"


def is_placeholder(text: str) -> bool:
    """``TODO`` alone, or a note to self such as ``TODO: ask the Seoul team``."""
    if PLACEHOLDER not in text:
        return False
    text = text.strip()
    return text == PLACEHOLDER or text.startswith(PLACEHOLDER + ":")
