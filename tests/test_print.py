"""Print (issue #18): pages printed to PDF by real Chromium (Playwright's ``page.pdf()``, the
print stylesheet in ``site_src/assets/glossary.css``), read back with pypdf.

Checked for a term page, a metric page and a category's cheat sheet in English, Korean and
Chinese: the page count, that the definitions, formulas and worked examples are on paper,
and that none of the screen's navigation, header, search, footer or calculator form is; that
no heading ends a page and no cheat-sheet entry is split between two. The page counts are
for A4 (the print stylesheet's margins, 10.5 pt text, 9 pt on sheets):

- a term page of the fixture glossary holds one entry, its example, its names in three other
  languages and one source: one sheet;
- a metric page adds the formula and a worked example: one or two sheets (Korean and
  Chinese set wider at the same size). Printed with the screen's styles (header,
  navigation, the calculator form), the same pages take a sheet more;
- a cheat sheet of the fixture's three metrics: one sheet; of the real glossary's 34
  metrics: each entry takes less than an eighth of a page in two columns, so at most
  ceil(34 / 8) = 5 sheets (3 in English, 4 in Traditional Chinese when measured)."""

from __future__ import annotations

import io
import math
import re
import unicodedata
from functools import cache
from pathlib import Path

import pypdf
import pytest
import yaml

from browser import serve_directory
from conftest import FIXTURES, ROOT
from glossary.cheatsheet import one_line
from glossary.ui import ui_strings

pytestmark = pytest.mark.browser

TERM_FILES = {
    path.stem: path
    for folder in (FIXTURES / "check" / "positive", FIXTURES / "site" / "terms")
    for path in folder.glob("*.yaml")
}

# What the screen shows around the content: navigation, header, search, footer, the
# calculator form (its text nodes, minus any that the printed content shows as well:
# the calculator's input labels are also the worked example's).
_SCREEN_ONLY = """() => {
  const texts = (selector, skip) => {
    const found = []
    for (const root of document.querySelectorAll(selector)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (skip && node.parentElement.closest(skip)) continue
        const text = node.data.trim()
        if (text) found.push(text)
      }
    }
    return found
  }
  const content = new Set(texts("article", ".gl-calc"))
  const screen = texts(".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-skip, .gl-calc")
  const headings = texts("article h1, article h2, article h3, article dt")
  return {screen: screen.filter(text => !content.has(text)), headings}
}"""


_DASHES = re.compile("[\u2010-\u2015\u2212]")
_RADICAL = re.compile("[\u2e80-\u2eff]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
GLYPH = "\u2e80"  # stands for any radical of the CJK Radicals Supplement read back


@cache
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s.json")


def squeeze(text: str) -> str:
    """Text as compared here: without any white space (a PDF breaks lines anywhere), in
    NFKC (PDF fonts give ﬁ and the Kangxi radical ⽂ for fi and 文) and with Chinese folded
    to Simplified and dashes to a hyphen (a font draws 户 and 戶, or ‒ and –, with one glyph,
    which then reads back as either)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return _RADICAL.sub(GLYPH, _to_simplified().convert(_DASHES.sub("-", text)))


def contains(printed: str, shown: str, whole: bool = False) -> bool:
    """Whether ``shown`` (squeezed) is in ``printed`` (squeezed), or with ``whole`` is all of
    it, where a Han character may have read back as the radical drawn with the same glyph
    (长 as ⻑, 见 as ⻅: NFKC folds the Kangxi radicals but not the CJK Radicals Supplement)."""
    pattern = _pattern(shown)
    return (pattern.fullmatch if whole else pattern.search)(printed) is not None


def _pattern(shown: str) -> re.Pattern:
    return re.compile("".join(f"[{c}{GLYPH}]" if _HAN.match(c) else re.escape(c) for c in shown))


def print_pdf(page, url: str) -> list[str]:
    """The page at ``url`` printed on A4, as the text of each sheet."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    pdf = page.pdf(format="A4")
    return [sheet.extract_text() for sheet in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def screen_only(page) -> tuple[list[str], list[str]]:
    found = page.evaluate(_SCREEN_ONLY)
    # a word or two (분류, 홈) also occurs inside content; longer strings identify a part
    return [t for t in found["screen"] if len(squeeze(t)) >= 3], found["headings"]


def definition(concept: str, lang: str) -> str:
    data = yaml.safe_load(TERM_FILES[concept].read_text("utf-8"))
    return data[lang]["definition"]


def assert_no_heading_ends_a_sheet(sheets: list[str], headings: list[str]) -> None:
    for number, text in enumerate(sheets[:-1], 1):
        last = squeeze([line for line in text.splitlines() if line.strip()][-1])
        ending = [h for h in headings if contains(last, squeeze(h), whole=True)]
        assert ending == [], f"sheet {number} ends with a heading"


SLUGS = {"en": "en", "ko": "ko", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}


@pytest.mark.parametrize(
    ("lang", "concept", "sheets"),
    [
        ("en", "sales-lead", (1, 1)),
        ("ko", "sales-lead", (1, 1)),
        ("zh-Hans", "sales-lead", (1, 1)),
        ("en", "churn-rate", (1, 2)),
        ("ko", "churn-rate", (1, 2)),
        ("zh-Hant", "annual-recurring-revenue", (1, 2)),
        ("zh-Hans", "annual-recurring-revenue", (1, 2)),
    ],
)
def test_a_printed_term_page_is_its_content_without_the_screens_parts(
    page, site_url: str, lang: str, concept: str, sheets: tuple[int, int]
) -> None:
    url = f"{site_url}{SLUGS[lang]}/terms/{concept}/"
    text = print_pdf(page, url)
    everything = squeeze("".join(text))
    assert sheets[0] <= len(text) <= sheets[1]
    assert contains(everything, squeeze(definition(concept, lang)))
    metric = page.locator(".gl-formula-text").count() > 0
    if metric:
        page.locator(".gl-calc:not([hidden])").wait_for()  # the calculator is on screen
        for part in (".gl-formula-text", ".gl-worked-example .gl-substituted"):
            shown = page.locator(part).first.inner_text()
            assert shown.strip() and contains(everything, squeeze(shown)), part
    screen, headings = screen_only(page)
    assert len(screen) >= 5  # the header, navigation and footer have text to look for
    assert [t for t in screen if contains(everything, squeeze(t))] == []
    assert_no_heading_ends_a_sheet(text, headings)


def test_printed_with_the_screens_styles_the_check_would_see_the_calculator(
    page, site_url: str
) -> None:
    """The check above can fail: without the print stylesheet (the screen's media), the
    calculator form, the navigation and the footer are printed and found."""
    url = f"{site_url}en/terms/churn-rate/"
    page.goto(url)
    page.locator(".gl-calc:not([hidden])").wait_for()
    screen, _ = screen_only(page)
    printed = len(print_pdf(page, url))
    page.emulate_media(media="screen")
    text = print_pdf(page, url)
    found = [t for t in screen if contains(squeeze("".join(text)), squeeze(t))]
    assert {"Calculator", "Solve for", "Share link"} <= set(found)
    assert len(text) > printed


@pytest.mark.parametrize("lang", ["en", "ko", "zh-Hans"])
def test_a_printed_cheat_sheet_holds_every_concept_of_its_category(
    page, site_url: str, lang: str
) -> None:
    url = f"{site_url}{SLUGS[lang]}/print/categories/metrics/"
    text = print_pdf(page, url)
    everything = squeeze("".join(text))
    assert len(text) == 1
    entries = page.locator(".gl-sheet__entry")
    assert entries.count() == 3
    for index in range(entries.count()):
        entry = entries.nth(index)
        for part in ("dt", ".gl-sheet__definition", ".gl-sheet__formula", ".gl-sheet__example"):
            shown = entry.locator(part).inner_text()
            assert shown.strip() and contains(everything, squeeze(shown)), part
    for concept in ("churn-rate", "retention-rate", "annual-recurring-revenue"):
        assert contains(everything, squeeze(one_line(definition(concept, lang))))
    screen, _ = screen_only(page)
    assert [t for t in screen if contains(everything, squeeze(t))] == []
    # where it came from: its address on the published site (the project's site_url)
    assert squeeze(f"https://glossary.example.com/{SLUGS[lang]}/print/categories/metrics/") in (
        everything
    )


def test_printing_in_the_dark_scheme_prints_on_white(browser, site_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(f"{site_url}ko/terms/churn-rate/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.emulate_media(media="print")
        colours = page.evaluate(
            "[getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(document.querySelector('.gl-definition p')).color]"
        )
        assert colours == ["rgb(255, 255, 255)", "rgba(0, 0, 0, 0.87)"]
    finally:
        context.close()


# ------------------------------------------------------------------ the real glossary


@pytest.fixture(scope="module")
def published_url(published_site: Path):
    with serve_directory(published_site) as url:
        yield url


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_a_long_cheat_sheet_breaks_between_entries(page, published_url: str, lang: str) -> None:
    """The real glossary's 34 metrics: no entry is split between two sheets (its name,
    definition and formula on the same one)."""
    text = print_pdf(page, f"{published_url}{SLUGS[lang]}/print/categories/metrics/")
    sheets = [squeeze(sheet) for sheet in text]
    entries = page.evaluate(
        """[...document.querySelectorAll('.gl-sheet__entry')].map(entry => [
          '.gl-sheet__definition', 'dt', '.gl-sheet__formula', '.gl-sheet__example',
        ].map(part => entry.querySelector(part)?.innerText || ''))"""
    )
    assert len(entries) >= 30 and 2 <= len(sheets) <= math.ceil(len(entries) / 8)
    for line, *parts in ([squeeze(part) for part in entry] for entry in entries):
        holding = [number for number, sheet in enumerate(sheets) if contains(sheet, line)]
        assert len(holding) == 1, line
        assert [part for part in parts if not contains(sheets[holding[0]], part)] == [], line


@pytest.mark.parametrize("lang", ["ko", "zh-Hant"])
def test_a_learning_paths_cheat_sheet_follows_its_steps(
    page, published_site: Path, published_url: str, lang: str
) -> None:
    """The SaaS metrics path (MRR → ARR → churn → … → payback): its steps in order, with
    their formulas, on one or two sheets; the path's page links to it."""
    slug = SLUGS[lang]
    path = yaml.safe_load((ROOT / "terms" / "paths" / "saas-metrics.yaml").read_text("utf-8"))
    steps = list(dict.fromkeys(step["concept"] for step in path["steps"]))
    text = print_pdf(page, f"{published_url}{slug}/print/paths/saas-metrics/")
    assert 1 <= len(text) <= 2
    everything = squeeze("".join(text))
    shown = page.evaluate(
        """[...document.querySelectorAll('.gl-sheet__entry')].map(entry => [
          entry.querySelector('dt a').getAttribute('href'),
          entry.querySelector('dt').innerText,
          entry.querySelector('.gl-sheet__formula')?.innerText || '',
        ])"""
    )
    assert [href.split("/")[-2] for href, _, _ in shown] == steps
    start = 0  # the names are printed in the path's order
    for _, name, _ in shown:
        found = _pattern(squeeze(name)).search(everything, start)
        assert found, name
        start = found.end()
    assert all(contains(everything, squeeze(formula)) for _, _, formula in shown if formula)
    assert sum(1 for _, _, formula in shown if formula) >= 6  # a path of metrics
    html = (published_site / slug / "paths" / "saas-metrics" / "index.html").read_text("utf-8")
    link = ui_strings()[lang]["cheat_sheet_path_link"]
    assert f'<a href="../../print/paths/saas-metrics/">{link}</a>' in html
