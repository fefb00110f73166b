"""The glossary's configuration: languages, severities, categories, relation types and
cited documents, read once from ``config.toml`` by every command and the site build."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

SEVERITIES = ("error", "warning", "off")


@dataclass(frozen=True)
class Language:
    tag: str
    name: str
    required: bool = True
    source: bool = False


@dataclass(frozen=True, eq=False)
class Config:
    languages: tuple[Language, ...]
    severity: Mapping[str, str]
    categories: Mapping[str, Mapping[str, str]]
    relations: Mapping[str, Mapping[str, str]]
    documents: Mapping[str, Mapping[str, str]]

    @property
    def language_tags(self) -> tuple[str, ...]:
        return tuple(lang.tag for lang in self.languages)

    @property
    def source_language(self) -> str:
        return next((lang.tag for lang in self.languages if lang.source), self.languages[0].tag)

    def severity_of(self, code: str) -> str:
        """Severity of a soft check; hard errors are not configurable and default to error."""
        return self.severity.get(code, "error")

    def inverse_relation(self, kind: str) -> str:
        return self.relations[kind]["inverse"]


def parse_config(text: str) -> Config:
    data = tomllib.loads(text)
    languages = tuple(Language(**lang) for lang in data["languages"])
    for code, level in data.get("severity", {}).items():
        if level not in SEVERITIES:
            raise ValueError(f"config.toml: severity of {code!r} must be one of {SEVERITIES}")
    return Config(
        languages=languages,
        severity=dict(data.get("severity", {})),
        categories=data.get("categories", {}),
        relations=data.get("relations", {}),
        documents=data.get("documents", {}),
    )


@cache
def load_config() -> Config:
    text = resources.files("glossary").joinpath("config.toml").read_text(encoding="utf-8")
    return parse_config(text)
