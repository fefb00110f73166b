"""The words of the generated site in each language (``data/ui.toml``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from glossary.config import load_config


@cache
def ui_strings() -> dict[str, dict[str, str]]:
    """The site's words by language tag. A configured language without its own table (a
    new language being added) shows the source language's words until it has one."""
    text = resources.files("glossary").joinpath("data/ui.toml").read_text("utf-8")
    tables = tomllib.loads(text)
    config = load_config()
    source = tables[config.source_language]
    return {**{tag: source for tag in config.language_tags}, **tables}
