"""The term-file JSON Schema: declared once as data (``data/term-schema.yaml``), completed
with the configured languages, categories, tags and relation types, and rendered as the
editors' reference page. ``glossary schema --write`` keeps the committed copies current."""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from glossary.config import Config, load_config

SCHEMA_FILE = "term.schema.json"
PATH_SCHEMA_FILE = "path.schema.json"  # learning paths (``learning``)
REFERENCE_PAGE = Path("site_src") / "en" / "reference" / "term-format.md"
REQUIRED_ANNOTATION = "x-required"  # required, though checked as a soft check


def _base() -> dict:
    text = resources.files("glossary").joinpath("data/term-schema.yaml").read_text("utf-8")
    return yaml.load(
        text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )  # libyaml: 10x faster


def build_schema(config: Config) -> dict:
    """The complete schema for ``config``: one property per language, enums from config."""
    schema = copy.deepcopy(_base())
    props = schema["properties"]
    for lang in config.languages:
        props[lang.tag] = {
            "description": f"The concept in {lang.name} ({lang.tag})"
            + (", required." if lang.required else ", optional."),
            "$ref": "#/$defs/entry",
        }
        if lang.required:
            # Not in "required": a missing language is the soft check missing-language,
            # whose severity is configuration. The annotation tells the reference page.
            props[lang.tag][REQUIRED_ANNOTATION] = True
    props["category"]["enum"] = list(config.categories)
    if config.tags:  # a listed tag needs no pattern of its own
        props["tags"]["items"].pop("pattern", None)
        props["tags"]["items"]["enum"] = list(config.tags)
    schema["$defs"]["relation"]["properties"]["type"]["enum"] = list(config.relations)
    schema["$defs"]["source"]["properties"]["document"]["enum"] = list(config.documents)
    schema["$defs"]["localized"].update(
        properties={
            lang.tag: {"description": f"Text in {lang.name}.", "$ref": "#/$defs/text"}
            for lang in config.languages
        },
        required=[lang.tag for lang in config.languages if lang.required],
        additionalProperties=False,
    )
    schema["$defs"]["localized-number"].update(
        properties={
            lang.tag: {
                "description": f"The value on the {lang.name} page (amounts in {lang.currency}).",
                "type": "number",
            }
            for lang in config.languages
        },
        required=[config.source_language],
        additionalProperties=False,
    )
    schema["$defs"]["source-note"].update(
        properties={
            lang.tag: {"description": f"The note in {lang.name}.", "$ref": "#/$defs/text"}
            for lang in config.languages
        },
        required=[config.source_language],
        additionalProperties=False,
    )
    return _ordered(schema, config)


def _path_base() -> dict:
    text = resources.files("glossary").joinpath("data/path-schema.yaml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def build_path_schema(config: Config) -> dict:
    """The learning-path schema for ``config``: each language's title and purpose, and
    each step's line in every language. A missing language is not a schema error but the
    soft checks path-missing-language and step-missing-language (``learning``)."""
    schema = copy.deepcopy(_path_base())
    props = schema["properties"]
    languages = {
        lang.tag: {
            "description": f"The path's title and purpose in {lang.name} ({lang.tag})"
            + (", required." if lang.required else ", optional."),
            "$ref": "#/$defs/heading",
            **({REQUIRED_ANNOTATION: True} if lang.required else {}),
        }
        for lang in config.languages
    }
    schema["properties"] = {"id": props["id"], "order": props["order"], **languages, **props}
    schema["$defs"]["step"]["properties"].update(
        {
            lang.tag: {
                "description": f"Why the concept comes at this point, in one line of {lang.name}"
                + (" (required)." if lang.required else " (optional)."),
                "$ref": "#/$defs/text",
                "maxLength": 300,
            }
            for lang in config.languages
        }
    )
    return schema


def _ordered(schema: dict, config: Config) -> dict:
    """Put language properties right after id and category, as editors write them."""
    props = schema["properties"]
    first = ["id", "replaces", "category", "tags", *config.language_tags]
    order = [*first, "relations", "sources", "formula"]
    order += [key for key in props if key not in order]  # a new field is never dropped
    schema["properties"] = {key: props[key] for key in order if key in props}
    return schema


@cache
def term_schema() -> dict:
    return build_schema(load_config())


def format_schema_json(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_path() -> Path:
    return Path(str(resources.files("glossary").joinpath("data", SCHEMA_FILE)))


def _type_of(node: dict, schema: dict) -> str:
    if "$ref" in node:
        target = node["$ref"].rsplit("/", 1)[-1]
        inner = schema["$defs"][target]
        return (
            "text"
            if target == "text"
            else _type_of(inner, schema)
            if target in ("number",)
            else f"[{target}](#{target})"
        )
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    if node.get("type") == "array":
        items = node.get("items", {})
        return f"list of {_type_of(items, schema)}"
    return {
        "string": "text",
        "number": "number",
        "integer": "whole number",
        "object": "mapping",
    }.get(node.get("type", ""), "value")


def _rows(node: dict, schema: dict) -> list[str]:
    required = set(node.get("required", []))
    rows = ["| Field | Required | Type | Meaning |", "|---|---|---|---|"]
    for name, prop in node.get("properties", {}).items():
        ref = schema["$defs"].get(prop.get("$ref", "#/").rsplit("/", 1)[-1], {})
        desc = prop.get("description") or ref.get("description", "")
        needed = name in required or prop.get(REQUIRED_ANNOTATION)
        rows.append(
            f"| `{name}` | {'yes' if needed else 'no'} | "
            f"{_type_of(prop, schema)} | {' '.join(desc.split())} |"
        )
    return rows


def render_reference(schema: dict) -> str:
    """The editors' reference page, generated from the schema (never edited by hand)."""
    lines = [
        "<!-- Generated from the JSON Schema by glossary schema (its write option). "
        "Do not edit. -->",
        "# Term file format",
        "",
        " ".join(schema["description"].split()),
        "",
        "Each concept is one file, `terms/<id>.yaml`, whose first line points editors to the "
        "schema so that fields are completed and checked as you type:",
        "",
        "```yaml",
        "# yaml-language-server: $schema=../tooling/glossary/data/term.schema.json",
        "```",
        "",
        "## Top level",
        "",
        *_rows(schema, schema),
    ]
    for name, node in schema["$defs"].items():
        if "properties" not in node or name in ("localized", "localized-number"):
            continue
        lines += [
            "",
            f"## {name}",
            "",
            " ".join(node.get("description", "").split()),
            "",
            *_rows(node, schema),
        ]
    langs = ", ".join(f"`{tag}`" for tag in schema["$defs"]["localized"]["properties"])
    lines += [
        "",
        "## localized",
        "",
        f"A mapping from language tag ({langs}) to a short text in that language.",
        "",
        "## localized-number",
        "",
        " ".join(schema["$defs"]["localized-number"]["description"].split()),
        "",
    ]
    return "\n".join(lines)


def expected_files(root: Path, config: Config) -> dict[Path, str]:
    """Generated files and their expected content, for ``schema --write`` and drift tests."""
    schema = build_schema(config)
    return {
        root / "tooling" / "glossary" / "data" / SCHEMA_FILE: format_schema_json(schema),
        root / "tooling" / "glossary" / "data" / PATH_SCHEMA_FILE: format_schema_json(
            build_path_schema(config)
        ),
        root / REFERENCE_PAGE: render_reference(schema),
    }
