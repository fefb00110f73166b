"""cheatsheet: a printable sheet per category and per learning path in each language
(issue #18, "Print"): ``print/categories/<key>/`` and ``print/paths/<id>/``.

Every concept of the category or path, compact: its preferred term and abbreviation, a one-line
definition and, for metrics, the formula with its first worked example in the page
language's values. The print stylesheet (``site_src/assets/glossary.css``, the print
block) lays the sheet out in two columns without splitting an entry."""

from __future__ import annotations

import re
from collections.abc import Iterable

from glossary.formula.present import present_metric
from glossary.render import LanguageView, Page, _alternates, _front_matter

DEFINITION_LIMIT = 160  # characters, at most: about two lines of a sheet's column
# A sentence ends at . ! ? before a space (not e.g., i.e., vs., etc.), or at a full-width
# 。！？ (Chinese puts no space after it)
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)[.!?](?=\s|$)|[。！？]")


def one_line(text: str | None) -> str:
    """The first sentence of ``text``, cut at ``DEFINITION_LIMIT`` characters."""
    if not text:
        return ""
    text = " ".join(text.split())
    end = _SENTENCE_END.search(text)
    sentence = text[: end.end()] if end else text
    if len(sentence) <= DEFINITION_LIMIT:
        return sentence
    return sentence[: DEFINITION_LIMIT - 1].rstrip() + "…"


def sheet_entry(view: LanguageView, cid: str) -> dict:
    """One concept as a sheet lists it."""
    concept = view.linked.concepts[cid]
    entry = view.entry_or_source(concept)
    metric = view.linked.metrics.get(cid)
    shown = (
        present_metric(metric, view.lang, view.title(cid), view.ui, view.config.source_language)
        if metric
        else None
    )
    examples = shown["examples"] if shown else []
    return {
        "id": cid,
        "name": view.name(cid),
        "abbr": view.abbr(cid),
        "lang": entry.lang if entry else view.lang,
        "definition": one_line(entry.definition if entry else None),
        "formula": shown["formula_text"] if shown else "",
        "example": examples[0]["substituted"] if examples else "",
    }


def render_sheet(view: LanguageView, path: str, title: str, ids: Iterable[str]) -> Page:
    """A cheat sheet at ``path`` (``print/categories/metrics.md``) listing ``ids`` in order."""
    entries = [sheet_entry(view, cid) for cid in ids]
    url = path.removesuffix(".md") + "/"
    heading = view.ui["cheat_sheet_title"].format(name=title)
    intro = view.ui["cheat_sheet_intro"].format(count=len(entries))
    meta = {
        "title": heading,
        "description": intro,
        "glossary": {"alternates": _alternates(view, None, url)},
        "search": {"exclude": True},  # the term pages are what search should find
    }
    body = view.render(
        "cheatsheet.md.j2",
        url.count("/"),
        heading=heading,
        intro=intro,
        entries=entries,
        page_url=view.page_url(url),
    )
    return Page(view.lang, path, _front_matter(meta) + body)


def render_cheatsheets(view: LanguageView) -> list[Page]:
    """A sheet per category of one language (concepts in the language's index order) and
    per learning path (its steps in order)."""
    by_category: dict[str, list[str]] = {}
    for concept in view.linked.concepts.values():
        by_category.setdefault(concept.category or "", []).append(concept.id)
    pages = [
        render_sheet(
            view,
            f"print/categories/{key}.md",
            view.config.category_name(key, view.lang),
            sorted(by_category[key], key=view.sort_key),
        )
        for key in view.config.categories
        if key in by_category
    ]
    for path in view.linked.paths.values():
        text = path.text(view.lang, view.config.source_language)
        steps = [cid for cid in dict.fromkeys(path.concepts) if cid in view.linked.concepts]
        if text is not None and steps:  # as learning_pages makes the path's own page
            pages.append(render_sheet(view, f"print/paths/{path.id}.md", text.title, steps))
    return pages
