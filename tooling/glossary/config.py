"""The glossary's configuration: languages, severities, categories, tags, relation types
and cited documents, read once from ``config.toml`` by every command and the site build."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

SEVERITIES = ("error", "warning", "off")


COLLATIONS = ("latin", "hangul", "pinyin", "zhuyin")
UNSPACED_SCRIPTS = ("Hans", "Hant", "Jpan")  # no spaces between words


@dataclass(frozen=True)
class Language:
    """One row of the language table (``config.toml`` says what each field means)."""

    tag: str
    name: str
    required: bool = True
    source: bool = False
    slug: str = ""
    locale: str = "en_US"
    intl: str = "en-US"
    theme: str = "en"
    search: tuple[str, ...] = ("en",)
    currency: str = "USD"
    collation: str = "latin"
    script: str = "Latn"
    messages: str = ""

    @property
    def is_chinese(self) -> bool:
        return self.script in ("Hans", "Hant")

    @property
    def is_unspaced(self) -> bool:
        return self.script in UNSPACED_SCRIPTS


@dataclass(frozen=True, eq=False)
class Config:
    languages: tuple[Language, ...]
    severity: Mapping[str, str]
    categories: Mapping[str, Mapping[str, Any]]  # names by language, formula
    relations: Mapping[str, Mapping[str, str]]
    documents: Mapping[str, Mapping[str, str]]
    tags: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def language_tags(self) -> tuple[str, ...]:
        return tuple(lang.tag for lang in self.languages)

    def language(self, tag: str) -> Language:
        """The language table's row for ``tag`` (an unknown tag gets the defaults)."""
        for language in self.languages:
            if language.tag == tag:
                return language
        return Language(tag, tag, required=False, slug=tag.lower())

    @property
    def source_language(self) -> str:
        return next((lang.tag for lang in self.languages if lang.source), self.languages[0].tag)

    def category_name(self, key: str, lang: str) -> str:
        """A category's name in ``lang``, else in the source language, else its key."""
        names = self.categories.get(key, {})
        return names.get(lang) or names.get(self.source_language) or key

    def tag_name(self, key: str, lang: str) -> str:
        """A tag's name in ``lang``, else in the source language, else its key."""
        names = self.tags.get(key, {})
        return names.get(lang) or names.get(self.source_language) or key

    def needs_formula(self, category: str | None, concept_id: str = "") -> bool:
        """Whether a concept of ``category`` is calculated, so needs a formula."""
        settings = self.categories.get(category or "", {})
        return settings.get("formula") is True and concept_id not in settings.get(
            "without_formula", ()
        )

    def severity_of(self, code: str) -> str:
        """Severity of a soft check; hard errors are not configurable and default to error."""
        return self.severity.get(code, "error")

    def inverse_relation(self, kind: str) -> str:
        return self.relations[kind]["inverse"]


def parse_config(text: str) -> Config:
    data = tomllib.loads(text)
    languages = tuple(_language(row) for row in data["languages"])
    for code, level in data.get("severity", {}).items():
        if level not in SEVERITIES:
            raise ValueError(f"config.toml: severity of {code!r} must be one of {SEVERITIES}")
    return Config(
        languages=languages,
        severity=dict(data.get("severity", {})),
        categories=data.get("categories", {}),
        relations=data.get("relations", {}),
        documents=data.get("documents", {}),
        tags=data.get("tags", {}),
    )


def _language(row: dict) -> Language:
    row = {**row, "search": tuple(row.get("search", ("en",)))}
    row.setdefault("slug", row["tag"].lower())
    if row.get("collation", "latin") not in COLLATIONS:
        raise ValueError(f"config.toml: collation of {row['tag']!r} must be one of {COLLATIONS}")
    return Language(**row)


CONFIG_VARIABLE = "GLOSSARY_CONFIG"


@cache
def load_config() -> Config:
    """The package's ``config.toml``, or the file named by ``$GLOSSARY_CONFIG`` (a
    glossary of other languages or categories, as the tests build one)."""
    other = os.environ.get(CONFIG_VARIABLE)
    if other:
        return parse_config(Path(other).read_text(encoding="utf-8"))
    text = resources.files("glossary").joinpath("config.toml").read_text(encoding="utf-8")
    return parse_config(text)


def language(tag: str) -> Language:
    """A language of the configuration, for the stages that are given only its tag."""
    return load_config().language(tag)
