"""Golden tests of the generated Markdown: a few fixture concepts in every language.
Regenerate with ``pytest --update-goldens`` and review the diff."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import FIXTURES, make_site_project
from glossary.config import load_config
from glossary.link import link_glossary
from glossary.pipeline import load_glossary
from glossary.render import SiteSettings, lang_slug, render_language

GOLDEN = FIXTURES / "site" / "golden"
SETTINGS = SiteSettings("https://glossary.example.com/", "https://example.com/edit/main/terms/")
LANGS = load_config().language_tags
GOLDEN_PAGES = ["terms/annual-recurring-revenue.md", "terms/sales-lead.md", "a-z.md"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    root = make_site_project(tmp_path_factory.mktemp("render"))
    config = load_config()
    glossary = load_glossary([root / "terms"], want_concepts=True, use_cache=False)
    linked = link_glossary(glossary.concepts, config)
    return {
        (p.lang, p.path): p.text
        for lang in LANGS
        for p in render_language(linked, config, lang, SETTINGS)
    }


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_generated_markdown_matches_golden(
    pages, lang: str, page: str, update_goldens: bool
) -> None:
    golden = GOLDEN / lang_slug(lang) / page
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[(lang, page)], encoding="utf-8")
    assert pages[(lang, page)] == golden.read_text("utf-8")


def test_every_language_has_every_page(pages) -> None:
    paths = {lang: sorted(p for lang_, p in pages if lang_ == lang) for lang in LANGS}
    assert all(paths[lang] == paths["en"] for lang in LANGS)
    assert {
        "index.md",
        "a-z.md",
        "categories/index.md",
        "tags/index.md",
        "terms/churn-rate.md",
        "categories/metrics.md",
        "tags/saas.md",
    } <= set(paths["en"])


def test_text_from_term_files_is_escaped(pages) -> None:
    text = pages[("en", "terms/script-in-definition.md")]
    assert "<script>" not in text.split("---\n", 2)[2]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
    assert "# &lt;b&gt;markup&lt;/b&gt; term { #term }" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[("ko", "terms/script-in-definition.md")]


def test_json_ld_cannot_close_its_script_element(pages) -> None:
    text = pages[("en", "terms/script-in-definition.md")]
    jsonld = yaml.safe_load(text.split("---\n")[1])["glossary"]["jsonld"]  # as MkDocs reads it
    assert "</script" not in jsonld and "\\u003c/script\\u003e" in jsonld
    assert json.loads(jsonld)["description"].startswith("Text may contain <script>")


def test_a_preferred_term_that_is_an_abbreviation_is_not_repeated_beside_itself(tmp_path) -> None:
    root = make_site_project(tmp_path)
    arr = root / "terms" / "annual-recurring-revenue.yaml"
    text = arr.read_text("utf-8")  # in English, the acronym becomes the preferred term
    text = text.replace(
        "    - {term: annual recurring revenue, status: preferred}\n"
        "    - {term: ARR, type: abbreviation, status: admitted}\n",
        "    - {term: ARR, type: abbreviation, status: preferred}\n"
        "    - {term: annual recurring revenue, status: admitted}\n",
        1,
    )
    arr.write_text(text, "utf-8")
    config = load_config()
    glossary = load_glossary([root / "terms"], want_concepts=True, use_cache=False)
    assert glossary.report.exit_code() == 0, glossary.report.format_text()
    assert glossary.concepts["annual-recurring-revenue"].entry("en").preferred.term == "ARR"
    pages = {
        p.path: p.text
        for p in render_language(link_glossary(glossary.concepts, config), config, "en", SETTINGS)
    }
    page = pages["terms/annual-recurring-revenue.md"]
    assert '\ntitle: "ARR"\n' in page and "# ARR { #term }" in page
    assert "gl-abbreviations" not in page
    assert "(ARR)" not in pages["a-z.md"]


def _source_notes(page: str) -> list[str]:
    sources = page.split('<ol class="gl-sources">', 1)[1].split("</ol>", 1)[0]
    return [part.split("</span>")[0] for part in sources.split('class="gl-source-note">')[1:]]


def test_a_source_note_is_shown_in_the_pages_language(pages) -> None:
    lead = "terms/sales-lead.md"
    assert _source_notes(pages[("ko", lead)]) == [
        "리드가 들어오는 경로에 대한 세일즈맵의 예시입니다."
    ]
    assert _source_notes(pages[("en", lead)]) == ["Salesmap&#39;s examples of how a lead comes in."]
    assert _source_notes(pages[("zh-Hans", lead)]) == ["Salesmap 举例说明线索从哪些渠道进来。"]
    assert _source_notes(pages[("zh-Hant", lead)]) == ["Salesmap 舉例說明線索從哪些管道進來。"]


def test_a_missing_note_is_left_out_never_shown_in_another_language(tmp_path) -> None:
    root = make_site_project(tmp_path)
    lead = root / "terms" / "sales-lead.yaml"
    lead.write_text(
        lead.read_text("utf-8").replace(
            "      zh-Hant: Salesmap 舉例說明線索從哪些管道進來。\n", ""
        ),
        "utf-8",
    )
    arr = root / "terms" / "annual-recurring-revenue.yaml"
    arr.write_text(
        arr.read_text("utf-8").replace(
            "  - document: 004_116e38107ccedba7.txt\n",
            "  - document: 004_116e38107ccedba7.txt\n    note: A plain note is the English one.\n",
        ),
        "utf-8",
    )
    config = load_config()
    glossary = load_glossary([root / "terms"], want_concepts=True, use_cache=False)
    linked = link_glossary(glossary.concepts, config)
    pages = {
        (p.lang, p.path): p.text
        for lang in LANGS
        for p in render_language(linked, config, lang, SETTINGS)
        if p.path in ("terms/sales-lead.md", "terms/annual-recurring-revenue.md")
    }
    lead_page, arr_page = "terms/sales-lead.md", "terms/annual-recurring-revenue.md"
    assert _source_notes(pages[("zh-Hant", lead_page)]) == []
    assert "세일즈맵 용어 사전" in pages[("zh-Hant", lead_page)]  # the source is still cited
    assert _source_notes(pages[("en", arr_page)]) == ["A plain note is the English one."]
    assert [_source_notes(pages[(lang, arr_page)]) for lang in ("ko", "zh-Hans", "zh-Hant")] == [
        [],
        [],
        [],
    ]
    assert "A plain note" not in pages[("ko", arr_page)]
