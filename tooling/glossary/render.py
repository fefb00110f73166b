"""render: turn the linked glossary into Markdown pages, one set per language.

Pages are plain Markdown with small HTML blocks (so the output stays buildable by any
MkDocs-compatible builder); every value from a term file is escaped by the templates'
autoescape before it reaches HTML. Per-page metadata (canonical alternates, JSON-LD)
travels in the front matter for the theme templates in ``site_src/overrides``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import NamedTuple

from babel.dates import format_date
from babel.numbers import get_currency_name
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from glossary.collate import OTHER, index_key, jump_bar
from glossary.config import Config, language
from glossary.decks import ALL, deck_links
from glossary.formula.present import present_metric
from glossary.learning_pages import path_cards, render_path_pages
from glossary.link import Linked
from glossary.model import Concept, Source
from glossary.translation import stale_fields
from glossary.ui import ui_strings

START_HERE = [
    "lead",
    "prospect",
    "opportunity",
    "sales-pipeline",
    "sales-funnel",
    "bant",
    "ideal-customer-profile",
    "sales-qualified-lead",
    "closed-won",
    "annual-recurring-revenue",
    "churn-rate",
    "customer-relationship-management",
]


@dataclass(frozen=True)
class Page:
    """One generated Markdown file of one language's site."""

    lang: str
    path: str  # relative to the language's docs folder, e.g. "terms/churn-rate.md"
    text: str
    indexed: bool = True  # False: search engines are asked not to index it (unfinished)


class Placed(NamedTuple):
    """Where a page of the site is: its language and its path in that language's docs."""

    lang: str
    path: str
    indexed: bool = True  # listed in the sitemap


@dataclass(frozen=True)
class SiteSettings:
    site_url: str  # ends with "/"
    edit_url: str  # ends with "/": the term file's name is appended; "" = no edit links
    repo_url: str = ""  # "" = no repository
    edit_uri: str = "edit/main/"  # the repository's edit path, as MkDocs' edit_uri
    preview: bool = False  # a per-change preview: no page is indexed


def url_path(md_path: str) -> str:
    """``terms/x.md`` → ``terms/x/``, ``categories/index.md`` → ``categories/``,
    ``index.md`` → ``""``."""
    path = md_path.removesuffix(".md")
    if path == "index":
        return ""
    return path.removesuffix("index") if path.endswith("/index") else path + "/"


def lang_slug(lang: str) -> str:
    """The URL folder of a language's pages (the language table's ``slug``)."""
    return language(lang).slug


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md_escape(value: object) -> Markup:
    """Escape for a Markdown inline context: HTML first, then Markdown punctuation."""
    return _md_escaped(value) if type(value) is str else _md_escape(value)


def _md_escape(value: object) -> Markup:
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(value))))


_md_escaped = lru_cache(maxsize=1024)(_md_escape)  # headings' labels recur on every page


class _Environment(Environment):
    def getattr(self, obj, attribute):
        """``x.name`` on a plain dict (the views handed to templates) is a key lookup:
        Jinja would first try the attribute and pay for the AttributeError every time."""
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@cache
def environment() -> Environment:
    env = _Environment(
        loader=PackageLoader("glossary", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
        auto_reload=False,
    )  # templates ship with the package: no stat per page
    env.filters["md"] = md_escape
    env.filters["currency_name"] = currency_name
    return env


def currency_name(code: str, lang: str) -> str:
    """A currency as the calculator's menu names it: 미국 달러(USD), 新台幣（TWD）."""
    return format_title(get_currency_name(code, locale=language(lang).locale), code, lang)


def format_title(name: str, abbreviation: str, lang: str) -> str:
    """A concept's name with its abbreviation, punctuated as the language writes it:
    full-width brackets in Chinese and Japanese (投资回报率（ROI）), half-width ones
    against the word in Korean (투자 수익률(ROI)), after a space elsewhere (return on
    investment (ROI))."""
    if not abbreviation:
        return name
    if language(lang).is_unspaced:
        return f"{name}（{abbreviation}）"
    if language(lang).script == "Kore":
        return f"{name}({abbreviation})"
    return f"{name} ({abbreviation})"


def format_day(day: str, lang: str) -> str:
    """A day (2026-12-04) as the language writes dates in running text: December 4, 2026;
    2026년 12월 4일; 2026年12月4日."""
    return _format_day(day, language(lang).locale)


@cache
def _format_day(day: str, locale: str) -> str:
    return format_date(date.fromisoformat(day), format="long", locale=locale)


FEED = "feed.xml"  # the Atom feed of a language's changes, at its root (news.py)


def feed_link(view: LanguageView) -> dict | None:
    """What a page's head needs to offer the language's feed (``overrides/main.html``), or
    None when there is no feed (no history of the concepts)."""
    if not any(cid in view.linked.concepts for cid in view.linked.history.changes):
        return None
    return {"href": view.page_url(FEED), "title": view.ui["news_feed_title"]}


_SENTENCE = re.compile(r"^(.+?[.!?。！？])(?=\s|$)", re.S)


def first_sentence(text: str | None, limit: int = 160) -> str:
    if not text:
        return ""
    match = _SENTENCE.match(text.strip())
    sentence = " ".join((match.group(1) if match else text).split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


class LanguageView:
    """What templates of one language need to name and link any concept."""

    def __init__(self, linked: Linked, config: Config, lang: str, settings: SiteSettings):
        self.linked, self.config, self.lang, self.settings = linked, config, lang, settings
        self.ui = ui_strings()[lang]
        # every page asks for the names, tooltips and sort keys of its neighbours
        self.name = cache(self.name)  # type: ignore[method-assign]
        self.abbr = cache(self.abbr)  # type: ignore[method-assign]
        self.tip = cache(self.tip)  # type: ignore[method-assign]
        self.sort_key = cache(self.sort_key)  # type: ignore[method-assign]
        self.escaped_tip = cache(self.escaped_tip)  # type: ignore[method-assign]
        self._items: dict[tuple[str, str], Markup] = {}
        self._helpers: dict[int, dict] = {}

    def tag_name(self, tag: str) -> str:
        return self.config.tag_name(tag, self.lang)

    def entry_or_source(self, concept: Concept):
        return concept.entry(self.lang) or concept.entry(self.config.source_language)

    def name(self, cid: str) -> str:
        concept = self.linked.concepts[cid]
        entry = self.entry_or_source(concept)
        return entry.preferred.term if entry and entry.preferred else cid

    def abbr(self, cid: str) -> str:
        entry = self.entry_or_source(self.linked.concepts[cid])
        return entry.abbreviations[0].term if entry and entry.abbreviations else ""

    def title(self, cid: str) -> str:
        """The concept's name with its abbreviation, in the language they are shown in."""
        entry = self.entry_or_source(self.linked.concepts[cid])
        return format_title(self.name(cid), self.abbr(cid), entry.lang if entry else self.lang)

    def tip(self, cid: str) -> str:
        entry = self.entry_or_source(self.linked.concepts[cid])
        return first_sentence(entry.definition if entry else "")

    def linked_html(self, segments) -> Markup | None:
        """A block of text with its mentions as links (the one piece of HTML built in
        Python: a data-carrying element per mention, everything else escaped)."""
        if segments is None:
            return None
        parts = []
        for segment in segments:
            if segment.kind == "mention":
                parts.append(
                    f'<a class="gl-mention" href="{self.href_from_term(segment.concept)}" '
                    f'title="{self.escaped_tip(segment.concept)}">{escape(segment.text)}</a>'
                )
            elif segment.kind == "code":
                parts.append(f"<code>{escape(segment.text)}</code>")
            else:
                parts.append(escape(segment.text))
        return Markup("".join(parts))

    def escaped_tip(self, cid: str) -> Markup:
        return escape(self.tip(cid))

    @staticmethod
    def href_from_term(cid: str) -> str:
        return f"../../terms/{cid}/"

    def sort_key(self, cid: str) -> tuple:
        return index_key(self.name(cid), self.lang).sort

    def page_url(self, path: str) -> str:
        return f"{self.settings.site_url}{lang_slug(self.lang)}/{path}"

    def list_item(self, cid: str, root: str) -> Markup:
        """A concept as an item of a list, rendered once per page depth: the same concept
        appears in many lists."""
        key = (cid, root)
        if key not in self._items:
            self._items[key] = Markup(
                environment()
                .get_template("_item.j2")
                .render(
                    href=f"{root}terms/{cid}/",
                    tip=self.tip(cid),
                    name=self.name(cid),
                    abbr=self.abbr(cid),
                )
                .rstrip("\n")
            )
        return self._items[key]

    def concept_list(self, ids: Iterable[str], root: str) -> Markup:
        items = "".join(f"\n{self.list_item(cid, root)}" for cid in ids)
        return Markup(f'<ul class="gl-list">{items}\n</ul>')

    def render(self, template: str, depth: int, **values) -> str:
        if depth not in self._helpers:
            self._helpers[depth] = self.helpers(depth)
        return environment().get_template(template).render(self._helpers[depth], **values)

    def helpers(self, depth: int) -> dict:
        """What every template of a page ``depth`` folders down may use."""
        root = "../" * depth
        return dict(
            ui=self.ui,
            lang=self.lang,
            root=root,
            name=self.name,
            abbr=self.abbr,
            tip=self.tip,
            href=lambda cid: f"{root}terms/{cid}/",
            concept_list=lambda ids: self.concept_list(ids, root),
        )


def _front_matter(meta: dict) -> str:
    """YAML front matter, one key per line with its value written as JSON (a subset of
    YAML): exact, and written by the json module's C encoder."""
    lines = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()
    )
    return f"---\n{lines}---\n\n"


def _alternates(view: LanguageView, concept: Concept | None, path: str) -> list[dict]:
    out = []
    for lang in view.config.languages:
        entry = concept.entry(lang.tag) if concept else None
        out.append(
            {
                "lang": lang.tag,
                "name": lang.name,
                "url": f"{view.settings.site_url}{lang_slug(lang.tag)}/{path}",
                "path": f"{lang_slug(lang.tag)}/{path}",
                "complete": bool(entry and entry.is_complete) if concept else True,
                "term": entry.preferred.term if entry and entry.preferred else "",
            }
        )
    return out


def _json_ld(view: LanguageView, concept: Concept, url: str) -> str:
    entry = view.entry_or_source(concept)
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "url": url,
        "name": view.name(concept.id),
        "termCode": concept.id,
        "inLanguage": view.lang,
        "description": entry.definition if entry else "",
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "name": view.ui["site_name"],
            "url": view.page_url("a-z/"),
        },
    }
    names = [d.term for d in (entry.designations if entry else ()) if d.status == "admitted"]
    if names:  # schema.org has no use for an empty list: the property is left out
        data["alternateName"] = names
    if not data["description"]:
        del data["description"]
    # "<" escaped so that no term text can close the <script> element it is placed in
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def render_term(view: LanguageView, concept: Concept) -> Page:
    lang, linked = view.lang, view.linked
    entry = concept.entry(lang)
    shown = entry or concept.entry(view.config.source_language)
    path = f"terms/{concept.id}/"
    url = view.page_url(path)
    title = view.title(concept.id)
    shown_lang = shown.lang if shown else lang

    def segments(part: str, index: int = 0):
        return linked.segments(concept, shown_lang, part, index)

    by_kind: dict[str, set[str]] = {}
    for kind, target in linked.relations.get(concept.id, ()):
        by_kind.setdefault(kind, set()).add(target)
    related = [
        {"label": labels.get(lang, kind), "ids": sorted(by_kind[kind], key=view.sort_key)}
        for kind, labels in view.config.relations.items()
        if kind in by_kind
    ]
    alternates = _alternates(view, concept, path)
    others = [
        {
            **alt,
            "href": f"../../../{lang_slug(alt['lang'])}/{path}",
            "abbr": _abbr_in(concept, alt["lang"]),
        }
        for alt in alternates
        if alt["lang"] != lang
    ]
    # unfinished in this language (incomplete, or not reviewed since the English changed:
    # a stale translation): shown with a banner pointing to the English page, and not for
    # search engines (noindex, left out of the sitemap)
    source = view.config.source_language
    complete = bool(entry and entry.is_complete)
    reviewed = lang == source or not stale_fields(concept, lang, view.config)
    indexed = complete and reviewed
    updated = linked.history.updated(concept.id)
    metric = linked.metrics.get(concept.id)
    metric_view = (
        present_metric(metric, lang, title, view.ui, view.config.source_language)
        if metric
        else None
    )
    body = view.render(
        "term.md.j2",
        2,
        concept=concept,
        entry=entry,
        title=title,
        synonyms=[
            d
            for d in (shown.designations if shown else ())
            if d.status == "admitted" and not d.is_abbreviation
        ],
        avoid=[
            d
            for d in (shown.designations if shown else ())
            if d.status in ("deprecated", "superseded")
        ],
        complete=complete,
        reviewed=reviewed,
        source_lang=source,
        source_href="" if indexed else f"../../../{lang_slug(source)}/{path}",
        definition=view.linked_html(segments("definition")),
        example=view.linked_html(segments("example")),
        notes=[view.linked_html(segments("notes", i)) for i in range(len(shown.notes))]
        if shown
        else [],
        metric=metric_view,
        others=others,
        related=related,
        backlinks=sorted(linked.backlinks(lang, concept.id), key=view.sort_key),
        sources=[_source_view(s, view.config, lang) for s in concept.sources],
        category_name=view.config.category_name(concept.category or "", lang),
        tags=[{"key": tag, "label": view.tag_name(tag)} for tag in concept.tags],
        edit_url=f"{view.settings.edit_url}{concept.id}.yaml" if view.settings.edit_url else "",
        updated={"day": updated.day, "label": format_day(updated.day, lang)} if updated else None,
    )
    meta = {
        # Material shows a page's title as HTML (header, tab): a term's name is escaped
        "title": str(escape(title)),
        "description": first_sentence(shown.definition if shown else "", 155),
        "glossary": {
            "id": concept.id,
            "alternates": alternates,
            "jsonld": _json_ld(view, concept, url),
            "noindex": not indexed,
        },
        # Material indexes the whole page; the search stage supplies a term page's entry
        # (title and definition) itself (``search.rewrite_index``)
        "search": {"exclude": True},
    }
    return Page(lang, f"terms/{concept.id}.md", _front_matter(meta) + body, indexed)


def _abbr_in(concept: Concept, lang: str) -> str:
    entry = concept.entry(lang)
    return entry.abbreviations[0].term if entry and entry.abbreviations else ""


def _source_view(source: Source, config: Config, lang: str) -> dict:
    """A source as a page in ``lang`` cites it: the note only in ``lang``, none otherwise."""
    note = source.note_in(lang)
    if source.document:
        document = config.documents.get(source.document, {})
        return {
            "title": document.get("title") or source.document,
            "date": document.get("date"),
            "publisher": None,
            "url": None,
            "note": note,
        }
    return {
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date,
        "url": source.url,
        "note": note,
    }


def render_index(view: LanguageView) -> Page:
    """The A–Z page: preferred terms, abbreviations and synonyms, in the language's order."""
    items = []
    for concept in view.linked.concepts.values():
        entry = view.entry_or_source(concept)
        if entry is None or entry.preferred is None:
            continue
        href = f"../terms/{concept.id}/"
        target = entry.preferred.term
        abbr = entry.abbreviations[0].term if entry.abbreviations else ""
        items.append({"text": target, "target": target, "href": href, "abbr": abbr, "see": False})
        for d in entry.designations:
            if d.status == "admitted" and d.term != target:
                items.append(
                    {"text": d.term, "target": target, "href": href, "abbr": "", "see": True}
                )
    keyed = sorted(
        ((index_key(item["text"], view.lang), item) for item in items),
        key=lambda pair: pair[0].sort,
    )
    groups: dict[str, list] = {}
    for key, item in keyed:
        groups.setdefault(key.group, []).append(item)
    anchors = {label: f"g-{i}" for i, label in enumerate(jump_bar(view.lang))}
    bar = [
        {"label": label, "anchor": anchors[label], "count": len(groups.get(label, []))}
        for label in jump_bar(view.lang)
        if label != OTHER or groups.get(OTHER)
    ]
    ordered = [
        {"label": label, "anchor": anchors[label], "entries": groups[label]}
        for label in jump_bar(view.lang)
        if label in groups
    ]
    meta = {
        "title": view.ui["index"],
        "description": view.ui["index_intro"],
        "glossary": {"alternates": _alternates(view, None, "a-z/")},
    }
    body = view.render("index.md.j2", 1, bar=bar, groups=ordered)
    return Page(view.lang, "a-z.md", _front_matter(meta) + body)


def _listing(
    view: LanguageView,
    path: str,
    title: str,
    intro: str,
    ids: Iterable[str],
    decks: list[dict] | None = None,
    category: str = "",
    sheet: str = "",
) -> Page:
    meta = {
        "title": title,
        "description": intro,
        "glossary": {"alternates": _alternates(view, None, path.removesuffix(".md") + "/")},
    }
    body = view.render(
        "listing.md.j2",
        2,
        title=title,
        intro=intro,
        ids=sorted(ids, key=view.sort_key),
        decks=decks or [],
        category=category,
        sheet=sheet,
    )
    return Page(view.lang, path, _front_matter(meta) + body)


def render_groupings(view: LanguageView) -> list[Page]:
    """Category and tag pages, with an overview page for each."""
    pages = []
    config, ui, concepts = view.config, view.ui, view.linked.concepts.values()
    by_category: dict[str, list[str]] = {}
    by_tag: dict[str, list[str]] = {}
    for concept in concepts:
        by_category.setdefault(concept.category or "", []).append(concept.id)
        for tag in concept.tags:
            by_tag.setdefault(tag, []).append(concept.id)
    cat_items = []
    for key in config.categories:
        if key in by_category:
            label = config.category_name(key, view.lang)
            members = [view.linked.concepts[cid] for cid in by_category[key]]
            pages.append(
                _listing(
                    view,
                    f"categories/{key}.md",
                    label,
                    ui["categories_intro"],
                    by_category[key],
                    deck_links(members, view.lang, key, "../../"),
                    key,
                    sheet=f"../../print/categories/{key}/",
                )
            )
            cat_items.append(
                {
                    "href": f"{key}/",
                    "label": label,
                    "count": ui["concepts_count"].format(count=len(by_category[key])),
                }
            )
    tag_items = []
    for tag in sorted(by_tag, key=lambda tag: index_key(view.tag_name(tag), view.lang).sort):
        label = view.tag_name(tag)
        pages.append(_listing(view, f"tags/{tag}.md", label, ui["tags_intro"], by_tag[tag]))
        tag_items.append(
            {
                "href": f"{tag}/",
                "label": label,
                "count": ui["concepts_count"].format(count=len(by_tag[tag])),
            }
        )
    everything = deck_links(concepts, view.lang, ALL, "../")
    for path, title, intro, items, decks in (
        ("categories/index.md", ui["categories"], ui["categories_intro"], cat_items, everything),
        ("tags/index.md", ui["tags"], ui["tags_intro"], tag_items, []),
    ):
        meta = {
            "title": title,
            "description": intro,
            "glossary": {"alternates": _alternates(view, None, path.removesuffix("index.md"))},
        }
        body = view.render("overview.md.j2", 1, title=title, intro=intro, items=items, decks=decks)
        pages.append(Page(view.lang, path, _front_matter(meta) + body))
    return pages


def render_home(view: LanguageView) -> Page:
    concepts = view.linked.concepts
    start = [cid for cid in START_HERE if cid in concepts]
    metrics = sorted((cid for cid, c in concepts.items() if c.formula), key=view.sort_key)
    feed = feed_link(view)
    meta = {
        "title": view.ui["site_name"],
        "description": view.ui["tagline"],
        "glossary": {"alternates": _alternates(view, None, ""), **({"feed": feed} if feed else {})},
    }
    cards = path_cards(view, "paths/")  # the learning paths lead, else the Start here list
    body = view.render("home.md.j2", 0, start=start, metrics=metrics, cards=cards)
    return Page(view.lang, "index.md", _front_matter(meta) + body)


def render_language(
    linked: Linked,
    config: Config,
    lang: str,
    settings: SiteSettings,
    parts: Iterable[Callable[[LanguageView], list[Page]]] = (),
) -> list[Page]:
    """Every page of one language's site; ``parts`` render pages of their own modules
    (what's new, cheat sheets: they import this module, so it cannot import them)."""
    view = LanguageView(linked, config, lang, settings)
    pages = [render_home(view), render_index(view), *render_groupings(view)]
    pages += [render_term(view, concept) for concept in linked.concepts.values()]
    for part in parts:
        pages += part(view)
    pages += render_paths(view, pages)  # last: a path links to its quiz if that was made
    return pages


def render_paths(view: LanguageView, made: list[Page]) -> list[Page]:
    """The learning paths' pages (``learning_pages``), with their front matter."""
    pages = []
    # the build makes each path's quiz beside these pages (quiz.render_practice_pages)
    quizzes = [f"paths/{pid}/quiz/" for pid, p in view.linked.paths.items() if p.quiz_questions]
    for page in render_path_pages(view, [*(url_path(p.path) for p in made), *quizzes]):
        if page.meta is None:  # a data file, copied as it is; not in the sitemap
            pages.append(Page(view.lang, page.path, page.text, indexed=False))
            continue
        url = url_path(page.path)
        meta = {**page.meta, "glossary": {"alternates": _alternates(view, None, url)}}
        pages.append(Page(view.lang, page.path, _front_matter(meta) + page.text))
    return pages
