"""The hand-written pages of the site (``site_src/<lang>/``): what they quote from the tools
is what the tools print, their house renderings agree with the term files, and their
Chinese reads without stray spaces once built."""

from __future__ import annotations

import re
import shutil
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config as load_mkdocs_config

from conftest import ROOT, run_cli
from glossary.config import load_config
from glossary.hanzi import find_foreign_characters
from glossary.pipeline import load_glossary

CONFIG = load_config()
SLUGS = {language.slug: language for language in CONFIG.languages}
PAGES = sorted(
    path.relative_to(ROOT / "site_src")
    for slug in SLUGS
    for path in (ROOT / "site_src" / slug).rglob("*.md")
)
GUIDES = sorted((ROOT / "site_src").glob("*/guide/editing.md"))
CHURN = Path("terms/churn-rate.yaml")


def _page_id(path: Path) -> str:
    return path.as_posix()


# ---------------------------------------------------------------- stray spaces in CJK text

# Chinese (and Japanese) put no space between words, and none goes beside full-width
# punctuation, but a browser shows a line break inside a paragraph as a space. Korean
# separates words with spaces, so a break between two Hangul words is a real space and is
# not reported (Hangul is deliberately absent from these ranges).
_IDEOGRAPHS = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WIDE_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
_QUOTES = "“”‘’"
_WIDE = re.compile(f"[{_IDEOGRAPHS}{_WIDE_PUNCTUATION}]")
_WIDE_OR_QUOTE = re.compile(f"[{_IDEOGRAPHS}{_WIDE_PUNCTUATION}{_QUOTES}]")
_PUNCTUATION = re.compile(f"[{_WIDE_PUNCTUATION}]")
_BREAK = re.compile(r"[^\S\n]*\n\s*")
_BLOCKS = {
    *("address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt"),
    *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"),
    *("li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr"),
    "ul",
}


def _is_stray(before: str, after: str) -> bool:
    """Whether a line break between these two characters shows as a stray space: beside
    full-width punctuation, or between two Chinese characters (a Chinese quotation mark
    counting as one)."""
    if _PUNCTUATION.fullmatch(before) or _PUNCTUATION.fullmatch(after):
        return True
    return bool(
        (_WIDE.fullmatch(before) and _WIDE_OR_QUOTE.fullmatch(after))
        or (_WIDE_OR_QUOTE.fullmatch(before) and _WIDE.fullmatch(after))
    )


class _Paragraphs(HTMLParser):
    """The text of each block of a page's article (inline markup kept as its text, code
    blocks left out): a line break can only show as a space inside one block."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._text: list[str] = []
        self._article = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._article += tag == "article"
        if tag in _BLOCKS:
            self._flush()
        self._pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        self._pre -= tag == "pre"
        if tag in _BLOCKS:
            self._flush()
        self._article -= tag == "article"

    def handle_data(self, data: str) -> None:
        if self._article and not self._pre:
            self._text.append(data)

    def _flush(self) -> None:
        text = "".join(self._text).strip()
        self._text = []
        if text:
            self.blocks.append(text)


def stray_breaks(html: str) -> list[str]:
    """Each line break of the article's text that a reader would see as a stray space,
    shown with a few characters either side (⏎ marks the break)."""
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    found = []
    for block in parser.blocks:
        for match in _BREAK.finditer(block):
            before, after = block[: match.start()], block[match.end() :]
            if _is_stray(before[-1:], after[:1]):
                found.append(f"{before[-12:].lstrip()}⏎{after[:12].rstrip()}")
    return found


@cache
def _mkdocs_markdown() -> tuple[list, dict]:
    config = load_mkdocs_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def _render(source: str) -> str:
    """Markdown rendered as MkDocs renders the site's pages (mkdocs.yml's extensions and
    MkDocs' built-in ones, read through MkDocs' own configuration)."""
    extensions, configs = _mkdocs_markdown()
    body = markdown.markdown(source, extensions=extensions, extension_configs=configs)
    return f"<article>{body}</article>"


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("不要把\n过于宽泛的词列为术语。", ["不要把⏎过于宽泛的词列为术语。"]),
        ("- 列表项目里的文字\n  写到了下一行。", ["列表项目里的文字⏎写到了下一行。"]),
        ("请运行检查；\n`glossary check` 会报告。", ["请运行检查；⏎glossary che"]),
        ("会被标为\n“过时”。", ["会被标为⏎“过时”。"]),
        ("> 引用里的\n> 文字", ["引用里的⏎文字"]),
        ("!!! note\n    提示里的\n    文字", ["提示里的⏎文字"]),
        ("像**粗体的\n文字**也一样。", ["像粗体的⏎文字也一样。"]),
    ],
)
def test_a_line_break_between_chinese_characters_is_found(source: str, shown: list[str]) -> None:
    assert stray_breaks(_render(source)) == shown


@pytest.mark.parametrize(
    "source",
    [
        "第一段。\n\n第二段。",
        "- 第一项\n- 第二项",
        "| 列 | 列 |\n|---|---|\n| 甲 | 乙 |\n| 丙 | 丁 |",
        "```text\n代码\n块\n```",
        "    缩进的\n    代码",
        "# 标题\n正文",
        "메시지는\n한국어로 나옵니다.",
        "运行\n`glossary check` 即可",
        "第一行  \n第二行",
        "A line break\nin English.",
    ],
    ids=[
        "paragraphs",
        "list-items",
        "table",
        "fenced-code",
        "indented-code",
        "heading",
        "korean",
        "chinese-then-code",
        "hard-break",
        "english",
    ],
)
def test_what_is_not_a_stray_space(source: str) -> None:
    assert stray_breaks(_render(source)) == []


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_no_stray_space_in_a_built_page(built_site: Path, page: Path) -> None:
    """A line break inside a paragraph of Chinese shows as a space: the hand-written
    Markdown keeps each paragraph of Chinese on one line (or breaks at a real space)."""
    slug, *rest = page.with_suffix("").parts
    built = built_site / "site" / slug / Path(*rest) / "index.html"
    assert built.is_file(), f"{page} was not built into {built}"
    found = stray_breaks(built.read_text("utf-8"))
    assert found == [], f"site_src/{page.as_posix()}: join the lines at {found}"


CHINESE_PAGES = [page for page in PAGES if SLUGS[page.parts[0]].is_chinese]


@pytest.mark.parametrize("page", CHINESE_PAGES, ids=_page_id)
def test_a_chinese_page_has_no_character_of_the_other_script(page: Path) -> None:
    lang = SLUGS[page.parts[0]].tag
    text = (ROOT / "site_src" / page).read_text("utf-8")
    assert find_foreign_characters(text, lang) == {}


# ---------------------------------------------------------------- output quoted by the guides


def test_the_editors_guide_exists_in_every_language() -> None:
    assert [p.parent.parent.name for p in GUIDES] == list(SLUGS)


def _shown_output(page: Path) -> list[str]:
    blocks = re.findall(r"```text\n(.*?)```", page.read_text("utf-8"), re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def _real_output(capsys, monkeypatch, tmp_path: Path, lang: str) -> set[str]:
    """What the tools print, in ``lang``, for the guides' examples: a new concept, a
    misspelt relation, and a translation made stale by a change to the English (checked,
    and counted by ``status``)."""
    monkeypatch.setenv("LANG", f"{CONFIG.language(lang).locale}.UTF-8")
    new = run_cli(capsys, "new", "lead-velocity-rate", "--category", "metrics", "--en", "x")[1]
    churn = tmp_path / CHURN
    original = churn.read_text("utf-8")
    churn.write_text(original.replace("target: retention-rate", "target: retension-rate"))
    misspelt = run_cli(capsys, "check", "--no-cache", "--lang", lang, str(CHURN))[1]
    churn.write_text(original.replace("Churn rate is the share", "Churn rate is the proportion"))
    stale = run_cli(capsys, "check", "--no-cache", "--lang", lang, str(CHURN))[1]
    status = run_cli(capsys, "status", "--lang", lang, str(CHURN))[1]
    return {*new.splitlines(), *misspelt.splitlines(), *stale.splitlines(), *status.splitlines()}


@pytest.mark.parametrize("page", GUIDES, ids=lambda p: p.parent.parent.name)
def test_the_guide_shows_real_output(page: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    """Every line the guide shows as the tools' output is what they print in the page's
    language (the guide may leave lines out, marked '  …')."""
    shutil.copytree(ROOT / "terms", tmp_path / "terms")
    monkeypatch.chdir(tmp_path)
    lang = SLUGS[page.parent.parent.name].tag
    real = _real_output(capsys, monkeypatch, tmp_path, lang) | {"  …"}
    shown = _shown_output(page)
    assert len(shown) >= 6 and [line for line in shown if line not in real] == []


# ---------------------------------------------------------------- house renderings


@pytest.fixture(scope="module")
def concepts() -> dict:
    glossary = load_glossary([ROOT / "terms"], want_concepts=True, use_cache=False)
    return glossary.concepts


def _house_renderings(page: Path) -> list[list[str]]:
    """The rows of the table in the page's house-renderings section."""
    section = page.read_text("utf-8").split("{#house-renderings}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def _concepts_named(concepts: dict, english: str) -> list[str]:
    source = CONFIG.source_language
    return [
        concept_id
        for concept_id, concept in concepts.items()
        if concept.entry(source)
        and any(
            d.term == english and d.status != "deprecated"
            for d in concept.entry(source).designations
        )
    ]


@pytest.mark.parametrize("page", GUIDES, ids=lambda p: p.parent.parent.name)
def test_the_house_renderings_are_the_preferred_terms(page: Path, concepts: dict) -> None:
    """Each row naming a concept in English (first column) gives that concept's preferred
    term in the page's language, or in every other language on the source-language page."""
    lang = SLUGS[page.parent.parent.name].tag
    columns = [lang] if lang != CONFIG.source_language else CONFIG.language_tags[1:]
    checked, wrong = 0, []
    for row in _house_renderings(page):
        for english in row[0].split(" / "):
            named = _concepts_named(concepts, english)
            assert len(named) <= 1, f"'{english}' names several concepts: {named}"
            for concept_id in named:
                checked += 1
                for column, tag in enumerate(columns, start=1):
                    preferred = concepts[concept_id].entry(tag).preferred.term
                    if preferred not in row[column]:
                        wrong.append(
                            f"{english} ({concept_id}), {tag}: '{preferred}' not in '{row[column]}'"
                        )
    assert checked >= 15 and wrong == []
