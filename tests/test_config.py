"""One place of configuration: severities and languages change what check reports."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from glossary.config import load_config, parse_config
from glossary.pipeline import load_glossary

CONFIG = (ROOT / "tooling" / "glossary" / "config.toml").read_text("utf-8")


def _drop_example(project: Path) -> None:
    churn = project / "terms" / "churn-rate.yaml"
    churn.write_text(
        churn.read_text("utf-8").replace(
            "  example: 「上一季 100 個客戶流失了 8 個，流失率是 8%。」\n", ""
        ),
        "utf-8",
    )


def _codes(project: Path, config) -> list[tuple[str, str]]:
    report = load_glossary([project / "terms"], config=config).report
    return [(d.severity, d.code) for d in report.sorted()]


def test_the_default_severity_of_a_missing_example_is_warning(project: Path) -> None:
    _drop_example(project)
    assert _codes(project, load_config()) == [("warning", "missing-example")]


def test_severity_can_be_raised_or_switched_off(project: Path) -> None:
    _drop_example(project)
    strict = parse_config(
        CONFIG.replace('missing-example = "warning"', 'missing-example = "error"')
    )
    assert _codes(project, strict) == [("error", "missing-example")]
    quiet = parse_config(CONFIG.replace('missing-example = "warning"', 'missing-example = "off"'))
    assert _codes(project, quiet) == []


def test_an_optional_language_may_be_missing(project: Path) -> None:
    optional = parse_config(
        CONFIG.replace(
            'tag = "zh-Hant"\nname = "繁體中文"\nrequired = true',
            'tag = "zh-Hant"\nname = "繁體中文"\nrequired = false',
        )
    )
    for path in (project / "terms").glob("*.yaml"):
        text = path.read_text("utf-8")
        path.write_text(text[: text.index("zh-Hant:")] + text[text.index("relations:") :], "utf-8")
    assert _codes(project, optional) == []
    assert ("error", "missing-language") in _codes(project, load_config())


def test_an_unknown_severity_is_refused() -> None:
    try:
        parse_config(CONFIG.replace('missing-example = "warning"', 'missing-example = "loud"'))
    except ValueError as error:
        assert "missing-example" in str(error)
    else:
        raise AssertionError("accepted an unknown severity")


def test_every_category_tag_and_relation_is_named_in_every_language() -> None:
    config = load_config()
    missing = [
        (table, key, lang)
        for table, entries in (
            ("categories", config.categories),
            ("tags", config.tags),
            ("relations", config.relations),
        )
        for key, names in entries.items()
        for lang in config.language_tags
        if not names.get(lang)
    ]
    assert missing == []
    assert config.tag_name("customer-success", "zh-Hant") == "客戶成功"
    assert config.tag_name("no-such-tag", "ko") == "no-such-tag"


def test_a_language_without_a_tag_name_shows_the_source_languages() -> None:
    config = parse_config(CONFIG.replace('zh-Hant = "客戶留存"\n', ""))
    assert config.tag_name("retention", "zh-Hant") == "Retention"
