"""skeleton: the term file ``glossary new`` starts a concept with, placeholders included.

The skeleton is schema-valid on purpose: every text still to be written holds the
placeholder ``TODO``, and ``glossary check`` reports each one at its line (``placeholder``),
so the editor's to-do list is simply the check output. A metric's skeleton ends with a
commented-out formula that is valid once uncommented (its labels hold ``TODO``); until
then check warns ``no-formula``."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from glossary.config import Config
from glossary.load import SCHEMA_LINE, load_text
from glossary.placeholder import PLACEHOLDER
from glossary.schema import term_schema


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain where YAML 1.2 and 1.1 readers both see the same
    text, double-quoted otherwise (``no``, ``1e5``, ``a: b``, leading ``*``…)."""
    line = f"v: {text}\n"
    as_12 = load_text(Path("scalar.yaml"), line)
    try:
        as_11 = yaml.safe_load(line)
    except yaml.YAMLError:
        as_11 = None
    plain = "\n" not in text and not as_12.diagnostics and as_12.data == as_11 == {"v": text}
    return text if plain else json.dumps(text, ensure_ascii=False)


def render_skeleton(
    concept_id: str, category: str, config: Config, terms: dict[str, str] | None = None
) -> str:
    """A new term file: every configured language stubbed, the given ``terms`` (by
    language) as preferred terms, ``TODO`` wherever the editor still has to write; for a
    category of metrics, a formula to uncomment and fill in."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("glossary", "templates"),
        autoescape=False,
        trim_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    terms = terms or {}
    entries = [
        {"lang": lang, "term": yaml_scalar(terms.get(lang) or PLACEHOLDER)}
        for lang in config.language_tags
    ]
    return env.get_template("term.yaml.j2").render(
        schema_line=SCHEMA_LINE,
        id=yaml_scalar(concept_id),
        category=yaml_scalar(category),
        entries=entries,
        placeholder=PLACEHOLDER,
        relation="see-also" if "see-also" in config.relations else next(iter(config.relations)),
        document=next(iter(config.documents), None),
        formula=config.needs_formula(category),
        units=", ".join(term_schema()["$defs"]["quantity"]["properties"]["unit"]["enum"]),
    )
