"""The words of the generated site in each language (``data/ui.toml``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def ui_strings() -> dict[str, dict[str, str]]:
    text = resources.files("glossary").joinpath("data/ui.toml").read_text("utf-8")
    return tomllib.loads(text)
