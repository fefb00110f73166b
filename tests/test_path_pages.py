"""Learning paths on the site (issue #18), in the real glossary's build: a page per path and
language, an overview, the paths leading the home page, the data a term page reads for its
step bar, and in Chromium the progress a reader keeps and the step bar with previous/next."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from glossary.config import load_config
from glossary.learning_pages import render_path_pages
from glossary.link import link_glossary
from glossary.pipeline import load_glossary
from glossary.render import LanguageView, SiteSettings
from glossary.ui import ui_strings

SLUGS = {"en": "en", "ko": "ko", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}
# What a reader of each language sees of the first-week path (the titles and the first
# step's name as the term file writes it, the reading time as its language counts it)
WEEK_1 = {
    "en": ("Your first week", "lead", r"8 concepts · about \d+ min read", "Step 3 of 8"),
    "ko": ("입사 첫 주", "리드", r"개념 8개 · 읽는 데 약 \d+분", "8단계 중 3단계"),
    "zh-Hans": ("入职第一周", "销售线索", r"8 个概念 · 阅读约需 \d+ 分钟", "第 3 步，共 8 步"),
    "zh-Hant": ("到職第一週", "銷售線索", r"8 個概念 · 閱讀約需 \d+ 分鐘", "第 3 步，共 8 步"),
}


@pytest.mark.parametrize("lang", list(SLUGS))
def test_each_language_has_a_page_per_path(published_site: Path, lang: str) -> None:
    root = published_site / SLUGS[lang]
    title, first, meta, _ = WEEK_1[lang]
    page = (root / "paths" / "week-1" / "index.html").read_text("utf-8")
    assert f"<title>{title} - " in page
    assert f'<a href="../../terms/lead/?path=week-1">{first}</a>' in page
    assert re.search(f'<p class="gl-path-meta">{meta}</p>', page)
    assert page.count('class="gl-step"') == 8
    assert 'type="checkbox" value="closed-won"' in page
    assert '<a href="quiz/">' in page  # the path's file asks for a quiz: it is linked
    assert (root / "paths" / "week-1" / "quiz" / "index.html").is_file()
    overview = (root / "paths" / "index.html").read_text("utf-8")
    assert [m for m in re.findall(r'data-path="([a-z0-9-]+)"', overview)] == [
        "week-1",
        "qualification-frameworks",
        "saas-metrics",
        "working-with-marketing",
    ]
    for path in ("qualification-frameworks", "saas-metrics", "working-with-marketing"):
        assert (root / "paths" / path / "index.html").is_file()


@pytest.mark.parametrize("lang", list(SLUGS))
def test_the_home_page_leads_with_the_paths(published_site: Path, lang: str) -> None:
    home = (published_site / SLUGS[lang] / "index.html").read_text("utf-8")
    ui = ui_strings()[lang]
    headings = re.findall(r'<h2 id="([a-z-]+)"', home)
    assert headings[0] == "paths" and "metrics" in headings and "start-here" not in headings
    assert f'<a class="gl-path-card__title" href="paths/week-1/">{WEEK_1[lang][0]}</a>' in home
    assert ui["paths"] in home


def test_term_pages_read_their_step_bar_from_the_languages_path_data(
    published_site: Path,
) -> None:
    data = json.loads((published_site / "ko" / "paths" / "paths.json").read_text("utf-8"))
    assert data["strings"]["step_of"] == "{total}단계 중 {n}단계"
    week = data["paths"]["week-1"]
    assert week["title"] == "입사 첫 주"
    assert week["steps"][:2] == [["lead", "리드"], ["opportunity", "영업 기회"]]
    term = (published_site / "ko" / "terms" / "sales-stage" / "index.html").read_text("utf-8")
    assert "gl-path" not in term  # term pages do not depend on the paths
    sitemap = (published_site / "sitemap.xml").read_text("utf-8")
    assert "/ko/paths/week-1/" in sitemap and "paths.json" not in sitemap


def test_a_path_links_to_its_quiz_only_when_that_page_was_made() -> None:
    config = load_config()
    checked = load_glossary([Path(__file__).parents[1] / "terms"], want_concepts=True)
    linked = link_glossary(checked.concepts, config)
    linked = type(linked)(linked.concepts, linked.relations, paths=checked.paths)
    view = LanguageView(linked, config, "ko", SiteSettings("https://x.test/", ""))
    without = {page.path: page.text for page in render_path_pages(view, [])}
    with_quiz = {page.path: page.text for page in render_path_pages(view, ["paths/week-1/quiz/"])}
    assert 'href="quiz/"' not in without["paths/week-1.md"]
    assert '<a href="quiz/">퀴즈로 확인하기(10문항)</a>' in with_quiz["paths/week-1.md"]
    assert 'href="quiz/"' not in with_quiz["paths/saas-metrics.md"]


# ------------------------------------------------------------------------------ browser


@pytest.fixture(scope="module")
def site(published_site: Path):
    from browser import serve_directory

    with serve_directory(published_site) as url:
        yield url


def test_following_a_path_keeps_progress_across_a_reload(site: str, page) -> None:
    page.goto(site + "en/paths/week-1/")
    progress = page.locator(".gl-path-progress label")
    assert progress.inner_text() == "0 of 8 read"
    page.get_by_label("Mark as read").nth(1).check()  # opportunity, by its label
    assert progress.inner_text() == "1 of 8 read"
    assert page.evaluate("localStorage.getItem('glossary:path:week-1')") == '["opportunity"]'
    page.reload()
    assert page.locator("#step-opportunity input").is_checked()
    assert page.locator(".gl-path-progress progress").evaluate("p => p.value") == 1
    assert page.locator(".gl-path-progress label").inner_text() == "1 of 8 read"
    page.goto(site + "en/")
    assert page.locator('.gl-path-card[data-path="week-1"] .gl-path-done').inner_text() == (
        " · 1 of 8 read"
    )


def test_a_term_page_reached_from_a_path_shows_its_step(site: str, page) -> None:
    page.goto(site + "ko/paths/week-1/")
    link = page.locator("#step-sales-stage h2 a")
    link.focus()
    page.keyboard.press("Enter")  # keyboard operable: the step's link
    bar = page.locator(".gl-path-bar")
    bar.wait_for()
    assert page.url.endswith("/ko/terms/sales-stage/?path=week-1")
    assert bar.locator(".gl-path-bar__step").inner_text() == WEEK_1["ko"][3]
    assert bar.locator("a[rel=prev]").inner_text() == "이전 단계: 영업 기회"
    assert bar.get_attribute("aria-label") == "입사 첫 주"
    bar.get_by_label("읽음으로 표시").check()
    bar.locator("a[rel=next]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/ko/terms/sales-pipeline/?path=week-1")
    page.locator(".gl-path-bar__step").wait_for()
    assert page.locator(".gl-path-bar__step").inner_text() == "8단계 중 4단계"
    assert page.locator(".gl-path-bar a[rel=next]").inner_text() == "다음 단계: 세일즈 퍼널"
    page.goto(site + "ko/paths/week-1/")
    assert page.locator("#step-sales-stage input").is_checked()
    page.goto(site + "ko/terms/sales-stage/")  # not from a path: no bar
    page.locator(".gl-term").wait_for()
    page.wait_for_timeout(300)
    assert page.locator(".gl-path-bar").count() == 0


def test_progress_works_without_storage(site: str, browser) -> None:
    context = browser.new_context()
    # as in Safari's private browsing: storage is there but refuses to keep anything
    context.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', "
        "'QuotaExceededError') }"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site + "zh-hant/paths/saas-metrics/")
    page.get_by_label("標記為已讀").first.check()
    page.get_by_label("標記為已讀").nth(2).check()
    assert page.locator(".gl-path-progress label").inner_text() == "已讀 2/9"
    page.get_by_label("標記為已讀").first.uncheck()
    assert page.locator(".gl-path-progress label").inner_text() == "已讀 1/9"
    context.close()
    assert errors == []


# content of the path files (judged by native reviewers), as the interface test leaves
# term files' texts alone
PATH_CONTENT = (
    ".gl-path-purpose, .gl-step-why, .gl-step-definition, .gl-path-card p:not(.gl-path-meta)"
)


@pytest.mark.parametrize("lang", ["ko", "zh-Hans", "zh-Hant"])
def test_path_pages_speak_the_readers_language(site: str, browser, lang: str) -> None:
    from test_interface_language import _STRINGS, CONTENT, problems

    context = browser.new_context(locale={"ko": "ko-KR"}.get(lang, "zh-TW"))
    page = context.new_page()
    slug = SLUGS[lang]
    found = []
    pages = [
        "",
        "paths/",
        "paths/qualification-frameworks/",
        "terms/champ/?path=qualification-frameworks",
    ]
    for path in pages:
        page.goto(f"{site}{slug}/{path}")
        if "?path=" in path:  # the step bar, made by the script
            page.locator(".gl-path-bar").wait_for()
        elif path.startswith("paths/q"):  # the progress, once a step is marked
            page.get_by_label(ui_strings()[lang]["mark_read"]).first.check()
        strings = page.evaluate(_STRINGS, f"{CONTENT}, {PATH_CONTENT}")
        found += [f"{path}: {p}" for p in problems(strings, lang)]
    context.close()
    assert found == []
