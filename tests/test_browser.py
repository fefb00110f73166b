"""The built site in real Chromium: term pages in every language, the language switcher
staying on the concept, tooltips, the index jump bar and the 404 page."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import serve_directory

pytestmark = pytest.mark.browser


def _h1(page) -> str:
    return page.locator("h1").inner_text().removesuffix("¶").strip()


@pytest.mark.parametrize(
    "slug, heading, lang",
    [
        ("en", "customer churn rate", "en"),
        ("ko", "고객 이탈률", "ko"),
        ("zh-hans", "客户流失率", "zh-Hans"),
        ("zh-hant", "客戶流失率", "zh-Hant"),
    ],
)
def test_a_term_page_in_each_language(
    page, site_url: str, slug: str, heading: str, lang: str
) -> None:
    page.goto(f"{site_url}{slug}/terms/churn-rate/")
    assert _h1(page) == heading
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(".gl-definition").is_visible()


def test_switching_language_stays_on_the_concept(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/terms/annual-recurring-revenue/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="zh-Hant"]').click()
    page.wait_for_url("**/zh-hant/terms/annual-recurring-revenue/")
    assert _h1(page) == "年度經常性收入（ARR）"
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url("**/en/terms/annual-recurring-revenue/")


def test_the_switcher_marks_a_language_in_which_the_concept_is_incomplete(
    tmp_path: Path, browser
) -> None:
    from conftest import make_site_project
    from glossary.site import Project, build_site

    root = make_site_project(tmp_path)
    churn = root / "terms" / "churn-rate.yaml"
    churn.write_text(
        churn.read_text("utf-8").replace(
            "  example: 「上一季 100 個客戶流失了 8 個，流失率是 8%。」\n", ""
        ),
        "utf-8",
    )
    # the Korean text of retention rate was reviewed against an English that has changed
    retention = root / "terms" / "retention-rate.yaml"
    retention.write_text(
        retention.read_text("utf-8").replace(
            "\nzh-Hans:", '\n  translated_from:\n    definition: "00000000"\n\nzh-Hans:', 1
        ),
        "utf-8",
    )
    assert build_site(Project(root), root / "site").ok
    with serve_directory(root / "site") as url:
        page = browser.new_page()
        page.goto(f"{url}ko/terms/retention-rate/")
        assert page.locator(".gl-incomplete p").last.inner_text() == (
            "이 개념의 영어 원문이 바뀐 뒤 한국어 내용은 아직 검토되지 않았습니다. 영어 페이지 보기"
        )
        page.goto(f"{url}en/terms/churn-rate/")
        incomplete = page.locator(".md-select__link.gl-alternate--incomplete")
        assert incomplete.count() == 1
        assert incomplete.get_attribute("hreflang") == "zh-Hant"
        page.goto(f"{url}zh-hant/terms/churn-rate/")
        assert page.locator(".gl-incomplete").is_visible()
        # an unfinished page points to the English one and is not for search engines
        english = page.locator(".gl-incomplete a")
        assert english.inner_text() == "查看英文頁面"
        english.click()
        assert page.url == f"{url}en/terms/churn-rate/"
        page.close()
    unfinished = (root / "site" / "zh-hant" / "terms" / "churn-rate" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in unfinished
    finished = (root / "site" / "ko" / "terms" / "churn-rate" / "index.html").read_text()
    assert 'name="robots"' not in finished
    sitemap = (root / "site" / "sitemap.xml").read_text("utf-8")
    assert "/ko/terms/churn-rate/" in sitemap and "/zh-hant/terms/churn-rate/" not in sitemap
    # nor is a translation whose English changed since it was reviewed (a stale one)
    assert "/ko/terms/retention-rate/" not in sitemap and "/en/terms/retention-rate/" in sitemap
    assert "/zh-hant/terms/retention-rate/" in sitemap


def test_a_mention_shows_its_definition_on_hover(page, site_url: str) -> None:
    page.goto(f"{site_url}en/terms/annual-recurring-revenue/")
    mention = page.locator(".gl-definition a.gl-mention").first
    assert mention.inner_text() == "customer churn rate"
    mention.hover()
    tooltip = page.locator(".md-tooltip--active, .md-tooltip2--active").first
    tooltip.wait_for(state="visible", timeout=5000)
    assert "cancel during it" in tooltip.inner_text()


def test_the_index_jump_bar_moves_to_its_letter(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/a-z/")
    bar = page.locator(".gl-jumpbar a")
    assert bar.count() >= 3
    target = page.locator(".gl-jumpbar a", has_text="ㄹ")
    target.click()
    assert page.url.endswith("#" + target.get_attribute("href").split("#")[1])
    heading = page.locator(".gl-index-group h2", has_text="ㄹ")
    assert heading.is_visible()
    box = heading.bounding_box()
    assert 0 <= box["y"] < 900 - box["height"]  # scrolled into the viewport
    assert (
        "리드"
        in page.locator(".gl-index-group", has=page.locator("h2", has_text="ㄹ")).inner_text()
    )


def test_the_404_page(page, site_url: str) -> None:
    response = page.goto(f"{site_url}ko/terms/no-such-term/")
    assert response.status == 404
    assert "페이지를 찾을 수 없습니다" in page.locator("article").inner_text()
    response = page.goto(f"{site_url}nowhere/")
    assert response.status == 404
    assert page.locator("a[hreflang=ko]").count() == 1


def test_the_root_sends_a_korean_browser_to_the_korean_section(browser, site_url: str) -> None:
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_url("**/ko/")
    assert _h1(page) == "세일즈 용어집"
    context.close()
    context = browser.new_context(locale="zh-TW")
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_url("**/zh-hant/")
    context.close()


# The Hangul words of a page's running text (a word of Hangul syllables, perhaps with a
# closing mark) that were broken across lines. "8%였어요" may break after "%": the Unicode
# line-breaking rules allow it and keep-all covers only breaks between letters.
_BROKEN_KOREAN_WORDS = """() => {
  const broken = [], hangul = /^[\\uac00-\\ud7a3]{2,}[.,!?)'"’”]*$/;
  let words = 0;
  for (const block of document.querySelectorAll(".gl-definition p, .gl-notes p, .gl-example p")) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        if (!hangul.test(match[0])) continue;
        words += 1;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return {words, broken};
}"""


def test_korean_lines_break_between_words_not_inside_them(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="ko-KR")
    page = context.new_page()
    page.goto(f"{site_url}ko/terms/churn-rate/")
    broken, words = {}, 0
    for width in range(320, 480, 8):  # phone widths: wherever the lines happen to end
        page.set_viewport_size({"width": width, "height": 800})
        found = page.evaluate(_BROKEN_KOREAN_WORDS)
        words = max(words, found["words"])
        if found["broken"]:
            broken[width] = found["broken"]
    context.close()
    assert words >= 10  # the page has Korean running text that wraps at these widths
    assert broken == {}
