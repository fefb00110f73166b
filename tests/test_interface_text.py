"""The interface's words as each language writes them, before any browser: titles with
their abbreviations, currency names, tag names, the per-language MkDocs configuration
(heading links, palette toggles, theme pack, footer credit) and the theme's language packs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, make_site_project
from glossary.config import load_config
from glossary.emit import language_config, read_base_config, site_settings
from glossary.link import link_glossary
from glossary.pipeline import load_glossary
from glossary.render import SiteSettings, currency_name, format_title, render_language

OVERRIDES = ROOT / "site_src" / "overrides"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "return on investment (ROI)"),
        ("ko", "투자 수익률(ROI)"),
        ("zh-Hans", "投资回报率（ROI）"),
        ("zh-Hant", "投資報酬率（ROI）"),
    ],
)
def test_a_title_with_its_abbreviation_is_punctuated_as_its_language_writes(
    lang: str, expected: str
) -> None:
    name = {"en": "return on investment", "ko": "투자 수익률"}.get(lang, expected[:5])
    assert format_title(name, "ROI", lang) == expected
    assert format_title(name, "", lang) == name


def test_currencies_are_named_in_the_readers_language() -> None:
    assert [currency_name("TWD", lang) for lang in load_config().language_tags] == [
        "New Taiwan Dollar (TWD)",
        "신 타이완 달러(TWD)",
        "新台币（TWD）",
        "新台幣（TWD）",
    ]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    root = make_site_project(tmp_path_factory.mktemp("interface"))
    config = load_config()
    glossary = load_glossary([root / "terms"], want_concepts=True, use_cache=False)
    linked = link_glossary(glossary.concepts, config)
    settings = SiteSettings("https://glossary.example.com/", "https://example.com/terms/")
    return {
        (p.lang, p.path): p.text
        for lang in config.language_tags
        for p in render_language(linked, config, lang, settings)
    }


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_tags_are_named_in_the_pages_language(pages) -> None:
    assert _front(pages[("zh-Hant", "tags/revenue.md")])["title"] == "營收"
    assert (
        '<a class="gl-tag" href="../../tags/retention/">客戶留存</a>'
        in pages[("zh-Hant", "terms/churn-rate.md")]
    )
    assert ">#" not in pages[("ko", "tags/index.md")]


def test_the_tag_index_is_in_the_languages_order(pages) -> None:
    overview = pages[("ko", "tags/index.md")]
    labels = re.findall(r'<li><a href="[^"]+/">([^<]+)</a>', overview)
    assert labels == ["고객 유지", "데이터와 분석", "리드", "매출", "B2B", "SaaS"]


def test_a_terms_name_is_escaped_in_the_page_title(pages) -> None:
    assert _front(pages[("en", "terms/script-in-definition.md")])["title"] == (
        "&lt;b&gt;markup&lt;/b&gt; term"
    )


def test_the_home_page_is_titled_once_and_names_the_four_languages(
    built_site: Path,
) -> None:
    html = (built_site / "site" / "zh-hans" / "index.html").read_text("utf-8")
    assert "<title>销售术语表</title>" in html
    assert "英文、韩文、简体中文和繁体中文" in html
    page = built_site / "site" / "zh-hans" / "terms" / "annual-recurring-revenue" / "index.html"
    assert '<option value="CNY">人民币（CNY）</option>' in page.read_text("utf-8")


def _config(lang: str, tmp_path: Path) -> dict:
    base = ROOT / "mkdocs.yml"
    return language_config(
        load_config(),
        lang,
        base,
        tmp_path / "docs",
        tmp_path / "site",
        ROOT / "site_src",
        site_settings(read_base_config(base)),
    )


@pytest.mark.parametrize(
    ("lang", "pack", "permalink", "toggles"),
    [
        ("en", "en", "Permanent link", ["Switch to dark mode", "Switch to light mode"]),
        ("ko", "ko-KR", "이 제목의 고정 링크", ["다크 모드로 전환", "라이트 모드로 전환"]),
        ("zh-Hans", "zh-Hans", "此标题的永久链接", ["切换到深色模式", "切换到浅色模式"]),
        ("zh-Hant", "zh-Hant-TW", "此標題的永久連結", ["切換為深色模式", "切換為淺色模式"]),
    ],
)
def test_each_language_configures_the_theme_in_its_own_words(
    tmp_path: Path, lang: str, pack: str, permalink: str, toggles: list[str]
) -> None:
    config = _config(lang, tmp_path)
    base = read_base_config(ROOT / "mkdocs.yml")
    assert config["theme"]["language"] == pack
    assert (OVERRIDES / "partials" / "languages" / f"{pack}.html").is_file() or pack == "en"
    palette = config["theme"]["palette"]
    assert [option["toggle"]["name"] for option in palette] == toggles
    assert [dict(o, toggle=None) for o in palette] == [
        dict(o, toggle=None) for o in base["theme"]["palette"]
    ]
    extensions = config["markdown_extensions"]
    assert {"toc": {"permalink": True, "permalink_title": permalink}} in extensions
    assert len(extensions) == len(base["markdown_extensions"])
    credit = config["extra"]["glossary"]["credit"]
    assert credit.count("{material}") == 1


def _pack(name: str) -> dict[str, str]:
    """The keys a language pack of ours sets, read from its template."""
    text = (OVERRIDES / "partials" / "languages" / f"{name}.html").read_text("utf-8")
    return dict(re.findall(r'^\s*"([\w.]+)": "([^"]*)",$', text, re.M))


def test_traditional_chinese_uses_taiwans_pack_and_keeps_its_tag() -> None:
    text = (OVERRIDES / "partials" / "languages" / "zh-Hant-TW.html").read_text("utf-8")
    assert '{% import "partials/languages/zh-TW.html" as language %}' in text
    pack = _pack("zh-Hant-TW")
    assert pack["language"] == "zh-Hant"
    assert pack["source"] == "前往原始碼存放庫" and pack["action.skip"] == "跳至主要內容"


def test_korean_pack_corrections_are_spelled_and_spaced_as_korean_is() -> None:
    pack = _pack("ko-KR")
    assert pack["nav"] == "내비게이션" and pack["top"] == "맨 위로"
    assert pack["select.language"] == "언어 선택"
    assert "language" not in pack  # Material's ko pack already says ko


def test_copied_extensions_keep_the_tags_mkdocs_resolves(tmp_path: Path) -> None:
    from glossary.emit import write_configs

    base = tmp_path / "mkdocs.yml"
    base.write_text(
        (ROOT / "mkdocs.yml").read_text("utf-8")
        + "  - pymdownx.emoji:\n"
        + "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        "utf-8",
    )
    config = language_config(
        load_config(),
        "ko",
        base,
        tmp_path / "docs",
        tmp_path / "site",
        ROOT / "site_src",
        site_settings(read_base_config(base)),
    )
    [path] = write_configs({"ko": config}, tmp_path).values()
    text = path.read_text("utf-8")
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji ''" in text
    assert "permalink_title: 이 제목의 고정 링크" in text


def test_traditional_chinese_pages_carry_no_mainland_theme_words(built_site: Path) -> None:
    """跳轉至, 導航, 拷貝 and a Simplified 个 came with Material's zh-Hant pack."""
    for page in ("index.html", "terms/churn-rate/index.html", "404.html"):
        html = (built_site / "site" / "zh-hant" / page).read_text("utf-8")
        found = [word for word in ("跳轉", "導航", "拷貝", "个", "倉庫") if word in html]
        assert found == [], page
        assert '<html lang="zh-Hant"' in html
        assert "跳至主要內容" in html or page == "404.html"  # no skip link without content
