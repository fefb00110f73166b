"""No English interface on Korean and Chinese pages, read in real Chromium: every kind of
page of the built site (home, term, metric with its calculator and an error, A–Z,
categories, tags, a tag, the hand-written guide and references, search results, 404, the
root chooser and the root 404), in ko, zh-Hans and zh-Hant.

What is judged is the interface: visible text, the document title and accessible names
(title, aria-label, placeholder, alt), Material's translations handed to its scripts, and
anything hidden until used (the calculator's messages). What a term file or a hand-written
page says in its own words is content, judged by native reviewers, not here: definitions,
examples, notes, reasons, sources, worked-example texts, tooltips quoting a definition and
the guide's prose. A Latin word is allowed only as part of a name that is not translated:
a designation in a term file (every language's, so the English term beside a Korean one
and abbreviations such as ARR), a language's own name, a tag named alike in every language
(SaaS), the repository's name, the credited theme, the calculator's currency codes, and the
study tools the flashcard decks are for (Anki, Quizlet) with their files' extensions (.apkg)."""

from __future__ import annotations

import re
from functools import cache

import pytest
import yaml

from conftest import ROOT
from glossary.config import load_config
from glossary.decks import DECK_FILES
from glossary.formula.display import CURRENCIES
from glossary.render import lang_slug

pytestmark = pytest.mark.browser

LANGUAGES = ["ko", "zh-Hans", "zh-Hant"]
THEME = "Material for MkDocs"  # credited in the footer, in the page's language
STUDY_TOOLS = ("Anki", "Quizlet")  # the flashcard decks' links name them (glossary.decks)
CONTENT = ", ".join(
    [
        ".gl-definition",
        ".gl-example",
        ".gl-notes",
        ".gl-avoid li",
        ".gl-sources li",
        ".gl-worked-example > p",
        ".gl-variant",
        ".gl-alternatives li",
        ".gl-handwritten article",  # a hand-written page's prose
        ".gl-handwritten .md-nav--secondary",  # … and its headings in the table of contents
        ".gl-card__front",  # a flashcard's sides and a quiz's quoted definition and values
        ".gl-card__back",
        ".gl-quiz__quote",
        ".gl-quiz__givens th",
        ".gl-quiz__explanation",
        ".gl-quiz__option span",  # the options are terms (in another language, when asked)
    ]
)

# Every interface string of the page: [where, the language it is marked as, the text].
_STRINGS = """(content) => {
  const root = document.documentElement, found = []
  const marked = (el) => { const own = el.closest("[lang]"); return own === root ? "" : own.lang }
  const skipped = "script, style, code, pre, kbd, samp, svg, noscript, template"
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement, text = node.data.trim()
    if (!text || el.closest(skipped) || (el.closest(content) && !el.closest(".gl-label"))) continue
    found.push([el.tagName.toLowerCase() + (el.className ? "." + el.className : ""), marked(el), text])
  }
  for (const el of document.querySelectorAll("[title], [aria-label], [placeholder], [alt]")) {
    for (const name of ["title", "aria-label", "placeholder", "alt"]) {
      const value = el.getAttribute(name)
      if (!value) continue
      // a link's tooltip quoting the linked concept's definition is content
      if (name === "title" && el.matches("a[href*='terms/']") && !el.closest(".md-header")) continue
      if (el.closest(content) && !el.matches(".headerlink")) continue
      found.push([el.tagName.toLowerCase() + "[" + name + "]", marked(el), value])
    }
  }
  found.push(["title", "", document.title])
  const config = document.getElementById("__config")
  if (config) {
    for (const [key, value] of Object.entries(JSON.parse(config.textContent).translations || {})) {
      found.push(["translation " + key, "", value])
    }
  }
  return {lang: root.lang, strings: found}
}"""

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")


@cache
def allowed_names() -> re.Pattern:
    """Names kept as written in every language, longest first."""
    config = load_config()
    names = {THEME, *CURRENCIES, *(language.name for language in config.languages)}
    names |= {*STUDY_TOOLS, *(f".{suffix}" for _, suffix, _ in DECK_FILES)}
    repository = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8")).get("repo_name")
    names |= {repository} if repository else set()  # the site links no repository by default
    names |= {
        labels["en"]
        for labels in config.tags.values()
        if len({labels.get(tag) for tag in config.language_tags}) == 1
    }
    for folder in (ROOT / "terms", ROOT / "tests" / "fixtures" / "site" / "terms"):
        for path in folder.glob("*.yaml"):
            names |= _designations(yaml.safe_load(path.read_text("utf-8")), config.language_tags)
    latin = sorted((n for n in names if _LATIN_WORD.search(n)), key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in latin))


def _designations(data: dict, languages: tuple[str, ...]) -> set[str]:
    names = set()
    for lang in languages:
        for item in (data.get(lang) or {}).get("terms") or []:
            term = str(item.get("term", ""))
            names.add(term)
            if not term.isascii():  # "CRM 소프트웨어": its Latin part is a name too
                names.update(re.findall(r"[A-Za-z][\w&:.\-/]*[A-Za-z0-9]|[A-Za-z]", term))
    return names


def english_in(text: str) -> list[str]:
    """The English words of ``text`` that are not part of an allowed name."""
    return _LATIN_WORD.findall(allowed_names().sub(" ", text))


def problems(found: dict, lang: str, root: bool = False) -> list[str]:
    """Interface strings with English in them. On a language's own pages every string
    counts; the root pages speak every language, each marked as such, so there only what
    is marked as ``lang`` counts, and nothing may be left unmarked."""
    out = []
    for where, marked, text in found["strings"]:
        if root and (marked not in (lang, "") or where == "title"):
            continue
        words = english_in(text)
        if words:
            out.append(f"{where} ({marked or found['lang']}): {text!r} → {words}")
    return out


@pytest.fixture
def reader(browser, lang: str):
    """A page for a reader of ``lang`` (the browser's language set to it)."""
    locale = {"ko": "ko-KR", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale=locale)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def _strings(page, handwritten: bool = False) -> dict:
    if handwritten:
        page.evaluate("document.body.classList.add('gl-handwritten')")
    return page.evaluate(_STRINGS, CONTENT)


def handwritten_pages(slug: str) -> list[str]:
    """The hand-written pages of a language (editors' guide, references), as URLs."""
    folder = ROOT / "site_src" / slug
    return sorted(
        p.relative_to(folder).with_suffix("").as_posix() + "/" for p in folder.rglob("*.md")
    )


GENERATED = {
    "home": "",
    "term": "terms/sales-lead/",
    "term with abbreviation and tags": "terms/annual-recurring-revenue/",
    "A–Z": "a-z/",
    "categories": "categories/",
    "category": "categories/metrics/",
    "tags": "tags/",
    "tag": "tags/saas/",
    "flashcards": "practice/",
    "quiz": "quiz/metrics/",
    "what's new (built without git history)": "whats-new/",
    "cheat sheet": "print/categories/metrics/",
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", list(GENERATED))
def test_generated_pages_speak_the_readers_language(
    reader, lang: str, site_url: str, kind: str
) -> None:
    reader.goto(f"{site_url}{lang_slug(lang)}/{GENERATED[kind]}")
    if kind in ("flashcards", "quiz"):  # their words once the cards or questions are shown
        reader.locator("[data-front]:not(:empty), [data-prompt]:not(:empty)").wait_for()
    found = _strings(reader)
    assert found["lang"] == lang
    assert problems(found, lang) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_metric_page_and_its_calculator_messages(reader, lang: str, site_url: str) -> None:
    reader.goto(f"{site_url}{lang_slug(lang)}/terms/churn-rate/")
    reader.locator(".gl-calc__result").wait_for()
    assert reader.locator(".gl-calc__result").inner_text() != ""
    assert problems(_strings(reader), lang) == []
    first = reader.locator(".gl-calc input[data-field]").first
    first.fill("")
    error = reader.locator(".gl-calc__error")
    error.wait_for()
    assert english_in(error.inner_text()) == [] and "(" not in error.inner_text()
    first.fill("abc")
    assert problems(_strings(reader), lang) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_speak_the_readers_language(reader, lang: str, site_url: str) -> None:
    query = {"ko": "이탈", "zh-Hans": "流失", "zh-Hant": "流失"}[lang]
    reader.goto(f"{site_url}{lang_slug(lang)}/")
    reader.locator("label.md-search__icon, .md-search__input").first.click()
    reader.locator(".md-search__input").fill(query)
    reader.locator(".md-search-result__item").first.wait_for()
    assert problems(_strings(reader), lang) == []
    reader.locator(".md-search__input").fill("zzzzqqq")
    reader.locator(".md-search-result__meta").wait_for()
    assert problems(_strings(reader), lang) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hand_written_pages_are_framed_in_the_readers_language(
    reader, lang: str, site_url: str
) -> None:
    pages = handwritten_pages(lang_slug(lang))
    assert pages  # the editors' guide, at least
    found = []
    for path in pages:
        reader.goto(f"{site_url}{lang_slug(lang)}/{path}")
        found += [f"{path}: {p}" for p in problems(_strings(reader, handwritten=True), lang)]
    assert found == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_404_page_speaks_the_readers_language(reader, lang: str, site_url: str) -> None:
    response = reader.goto(f"{site_url}{lang_slug(lang)}/terms/no-such-term/")
    assert response.status == 404
    found = _strings(reader)
    assert found["lang"] == lang and "404" not in reader.title()
    assert problems(found, lang) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_root_pages_say_everything_in_a_marked_language(
    reader, lang: str, site_url: str
) -> None:
    reader.goto(f"{site_url}?choose")
    chooser = _strings(reader)
    assert any(marked == lang for _, marked, _ in chooser["strings"])
    assert problems(chooser, lang, root=True) == []
    response = reader.goto(f"{site_url}no-such-page/")
    assert response.status == 404
    missing = _strings(reader)
    assert any(marked == lang for _, marked, _ in missing["strings"])
    assert problems(missing, lang, root=True) == []


def test_the_check_finds_english_where_it_is(page) -> None:
    """The walk above would pass on an empty page: here it is shown English to find."""
    page.set_content(
        '<html lang="ko"><head><title>고객 이탈률 - 세일즈 용어집</title></head><body>'
        '<a class="headerlink" href="#x" title="Permanent link">¶</a>'
        '<label title="Dark mode">◐</label><input placeholder="검색">'
        '<p class="gl-meta"><a class="gl-tag" href="../tags/retention/">#retention</a></p>'
        '<div class="gl-definition"><p>Content is judged elsewhere.</p></div>'
        "<p>연간 반복 매출(ARR) · churn rate · English · B2B · SaaS · 미국 달러(USD)</p>"
        '<div class="md-copyright">Made with <a href="#">Material for MkDocs</a></div>'
        '<p lang="en">Sales Glossary</p></body></html>'
    )
    found = problems(_strings(page), "ko")
    assert [line.split(" → ")[1] for line in found] == [
        "['retention']",
        "['Made', 'with']",
        "['Sales', 'Glossary']",
        "['Permanent', 'link']",
        "['Dark', 'mode']",
    ]
    assert problems(_strings(page), "ko", root=True) == [
        "a.gl-tag (ko): '#retention' → ['retention']",  # unmarked: the document's language
        "div.md-copyright (ko): 'Made with' → ['Made', 'with']",
        "a[title] (ko): 'Permanent link' → ['Permanent', 'link']",
        "label[title] (ko): 'Dark mode' → ['Dark', 'mode']",
    ]


def test_allowed_names_come_from_the_term_files() -> None:
    assert english_in("연간 반복 매출(ARR)과 churn rate") == []
    assert english_in("고객 이탈률 Customer churn") == ["Customer", "churn"]
    assert english_in("태그 SaaS · B2B · 繁體中文 · English") == []
    assert english_in("Retention") == ["Retention"]  # a tag named differently elsewhere
