"""news: what changed in the glossary, from its git history (issue #18, "What's new").

Per language, a "What's new" page listing the concepts added or changed in the last
``WINDOW_DAYS`` days up to the latest change (grouped by day, newest first) and an Atom
feed of the same changes. The window ends at the latest change, not at the build's time,
so a given commit always builds the same pages. Without a history (``history.py``) the page
says why and no feed is made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from glossary.history import NO_COMMITS, Change, History
from glossary.render import (
    FEED,
    LanguageView,
    Page,
    _alternates,
    _front_matter,
    feed_link,
    first_sentence,
    format_day,
)

WINDOW_DAYS = 30  # the page and the feed list the changes of this many days
FEED_ENTRIES = 50  # at most, newest first (feed readers keep what they have seen)
PAGE = "whats-new.md"


@dataclass(frozen=True)
class DayOfChanges:
    day: str
    added: tuple[str, ...]  # concept ids
    changed: tuple[str, ...]


def recent_changes(history: History, concepts: dict) -> list[tuple[str, Change]]:
    """(concept id, change) of the window's changes, newest first (then by id)."""
    latest = max(
        (changes[0].day for cid, changes in history.changes.items() if cid in concepts and changes),
        default="",
    )
    if not latest:
        return []
    start = (date.fromisoformat(latest) - timedelta(days=WINDOW_DAYS - 1)).isoformat()
    found = [
        (cid, change)
        for cid, changes in history.changes.items()
        if cid in concepts
        for change in changes
        if change.day >= start
    ]
    return sorted(found, key=lambda item: (item[1].time, item[0]), reverse=True)


def group_by_day(changes: list[tuple[str, Change]], view: LanguageView) -> list[DayOfChanges]:
    days: dict[str, tuple[list[str], list[str]]] = {}
    for cid, change in changes:
        added, changed = days.setdefault(change.day, ([], []))
        (added if change.added else changed).append(cid)
    return [
        DayOfChanges(
            day, tuple(sorted(added, key=view.sort_key)), tuple(sorted(changed, key=view.sort_key))
        )
        for day, (added, changed) in sorted(days.items(), reverse=True)
    ]


def render_news(view: LanguageView) -> list[Page]:
    """The What's new page of one language and, with a history, its Atom feed."""
    history = view.linked.history
    changes = recent_changes(history, view.linked.concepts)
    latest = changes[0][1].day if changes else ""
    ui, lang = view.ui, view.lang
    intro = (
        ui["whats_new_intro"].format(days=WINDOW_DAYS, date=format_day(latest, lang))
        if latest
        else ui[f"news_unavailable_{history.unavailable or NO_COMMITS}"]
    )
    feed = feed_link(view)
    meta = {
        "title": ui["whats_new"],
        "description": intro,
        "glossary": {
            "alternates": _alternates(view, None, "whats-new/"),
            **({"feed": feed} if feed else {}),
        },
        "search": {"exclude": True},  # names and dates: the lexicon finds the concepts
    }
    days = [
        {"day": group.day, "label": format_day(group.day, lang), "group": group}
        for group in group_by_day(changes, view)
    ]
    body = view.render(
        "whats-new.md.j2", 1, intro=intro, days=days, feed=feed, unavailable=not latest
    )
    pages = [Page(lang, PAGE, _front_matter(meta) + body)]
    if changes:
        pages.append(Page(lang, FEED, render_feed(view, changes[:FEED_ENTRIES], intro), False))
    return pages


def render_feed(view: LanguageView, changes: list[tuple[str, Change]], subtitle: str) -> str:
    """The Atom 1.0 feed (RFC 4287) of ``changes``, in the page language."""
    entries = []
    for cid, change in changes:
        entry = view.entry_or_source(view.linked.concepts[cid])
        key = "news_added_entry" if change.added else "news_changed_entry"
        entries.append(
            {
                "id": f"{view.page_url(f'terms/{cid}/')}#{change.day}",
                "url": view.page_url(f"terms/{cid}/"),
                "title": view.ui[key].format(term=view.title(cid)),
                "updated": change.time,
                "summary": first_sentence(entry.definition if entry else "", 300),
                "lang": entry.lang if entry else view.lang,
            }
        )
    return view.render(
        "feed.xml.j2",
        0,
        feed_id=view.page_url("whats-new/"),
        self_url=view.page_url(FEED),
        page_url=view.page_url("whats-new/"),
        title=view.ui["news_feed_title"],
        subtitle=subtitle,
        updated=changes[0][1].time,
        entries=entries,
    )
