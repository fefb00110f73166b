"""The JSON Schema: valid draft 2020-12, documented field by field, and its committed
copies (the editor schema and the reference page) generated from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from glossary.config import load_config, parse_config
from glossary.load import SCHEMA_LINE
from glossary.schema import build_schema, expected_files, render_reference, schema_path


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(build_schema(load_config()))


def _properties(node: object, where: str = "#"):
    """Every property and definition in the schema, however deeply nested."""
    if isinstance(node, dict):
        for group in ("properties", "$defs"):
            for name, sub in node.get(group, {}).items():
                yield f"{where}/{group}/{name}", sub
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{where}/{index}")


def test_every_property_and_definition_has_a_description() -> None:
    schema = build_schema(load_config())
    found = list(_properties(schema))
    assert len(found) > 60
    assert [path for path, sub in found if "description" not in sub] == []


@pytest.mark.parametrize(
    "generated", list(expected_files(ROOT, load_config())), ids=lambda p: str(p.relative_to(ROOT))
)
def test_committed_copies_match_the_schema(generated: Path) -> None:
    expected = expected_files(ROOT, load_config())[generated]
    assert generated.read_text("utf-8") == expected, (
        "out of date: run `glossary schema --write` and commit the result"
    )


def test_the_editor_schema_line_points_at_the_shipped_schema() -> None:
    target = (ROOT / "terms" / SCHEMA_LINE.split("$schema=", 1)[1]).resolve()
    assert target == schema_path().resolve()
    assert json.loads(target.read_text("utf-8"))["$schema"].endswith("2020-12/schema")


def test_every_term_file_starts_with_the_schema_line() -> None:
    wrong = [
        p.name
        for p in sorted((ROOT / "terms").glob("*.yaml"))
        if p.read_text("utf-8").split("\n", 1)[0] != SCHEMA_LINE
    ]
    assert wrong == []


def test_languages_and_categories_come_from_configuration() -> None:
    config = parse_config(
        (ROOT / "tooling" / "glossary" / "config.toml")
        .read_text("utf-8")
        .replace('tag = "ko"', 'tag = "ja"')
    )
    schema = build_schema(config)
    assert "ja" in schema["properties"] and "ko" not in schema["properties"]
    assert schema["properties"]["category"]["enum"] == list(config.categories)
    assert "ja" in schema["$defs"]["localized"]["properties"]
    assert "ja" in schema["$defs"]["source-note"]["properties"]


def test_tags_come_from_configuration_and_are_free_without_a_list() -> None:
    text = (ROOT / "tooling" / "glossary" / "config.toml").read_text("utf-8")
    items = build_schema(parse_config(text))["properties"]["tags"]["items"]
    assert items["enum"] == list(parse_config(text).tags) and "pattern" not in items
    without = text[: text.index("[tags.")] + text[text.index("# Relation types") :]
    items = build_schema(parse_config(without))["properties"]["tags"]["items"]
    assert "enum" not in items and items["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"


@pytest.mark.parametrize(
    "note, valid",
    [
        ("Worked example of a four-year contract.", True),  # plain: the English note alone
        ({"en": "Worked example.", "ko": "계산 예시입니다.", "zh-Hant": "計算範例。"}, True),
        ({"en": "Worked example."}, True),
        ({"ko": "계산 예시입니다."}, False),  # a mapping needs the source language
        ({"en": "Worked example.", "ja": "計算例。"}, False),  # not a configured language
        ({"en": ""}, False),
        ("", False),
        ({}, False),
        (4, False),
    ],
)
def test_a_source_note_is_one_english_text_or_one_text_per_language(note, valid: bool) -> None:
    schema = build_schema(load_config())
    source = {"document": "000_c067659218adfcd0.txt", "note": note}
    concept = {"id": "churn-rate", "category": "metrics", "sources": [source]}
    assert Draft202012Validator(schema).is_valid(concept) is valid


def test_the_reference_marks_the_required_languages_as_required() -> None:
    text = (ROOT / "tooling" / "glossary" / "config.toml").read_text("utf-8")
    config = parse_config(
        text.replace(
            'tag = "zh-Hant"\nname = "繁體中文"\nrequired = true',
            'tag = "zh-Hant"\nname = "繁體中文"\nrequired = false',
        )
    )
    page = render_reference(build_schema(config))
    top_level = page[page.index("## Top level") : page.index("\n## ", page.index("## Top level"))]
    rows = {
        line.split(" | ")[0]: line.split(" | ")[1]
        for line in top_level.splitlines()
        if line.startswith("| `")
    }
    assert [rows[f"| `{tag}`"] for tag in ("en", "ko", "zh-Hans", "zh-Hant")] == [
        "yes",
        "yes",
        "yes",
        "no",
    ]
    assert "zh-Hant" not in build_schema(config).get("required", [])  # a soft check, configurable
    committed = (ROOT / "site_src" / "en" / "reference" / "term-format.md").read_text("utf-8")
    assert "| `ko` | yes | [entry](#entry) | The concept in 한국어 (ko), required. |" in committed
