"""learning_pages: what the learning paths (``learning``) add to a language's site.

- ``paths/<id>/``: the path's steps in order, each concept's name (linked), its short
  definition and the line on why it comes there, an estimated reading time and, kept in
  the browser, which steps the reader marked as read (``site_src/assets/paths.mjs``);
- ``paths/``: every path, in order (the home page lists them too: ``path_cards``);
- ``paths/paths.json``: each path's steps with the concepts' names, which a term page
  reached from a path (``?path=<id>``) reads to show "step 3 of 9" with the previous and
  next steps. Term pages themselves never depend on the paths, so editing a path renders
  no term page again.

The page of a path links to its quiz (``paths/<id>/quiz/``) only if that page was made:
``render.render_language`` asks for these pages after every other one."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NamedTuple, Protocol

from glossary.config import Config
from glossary.decks import deck_links, path_scope
from glossary.learning import LearningPath, reading_minutes
from glossary.link import Linked

DATA_FILE = "paths/paths.json"


class View(Protocol):
    """What these pages need of ``render.LanguageView`` (not imported: render imports
    this module)."""

    linked: Linked
    config: Config
    lang: str
    ui: dict

    def name(self, cid: str) -> str: ...
    def abbr(self, cid: str) -> str: ...
    def tip(self, cid: str) -> str: ...
    def render(self, template: str, depth: int, **values: Any) -> str: ...


class PathPage(NamedTuple):
    """A page of the paths, before ``render`` adds its front matter (``meta``: None for a
    data file, written as it is)."""

    path: str
    text: str
    meta: dict | None = None


def path_cards(view: View, prefix: str) -> list[dict]:
    """The paths as a list shows them, each linked at ``prefix`` + its id."""
    cards = []
    for path in view.linked.paths.values():
        text = path.text(view.lang, view.config.source_language)
        if text is None:
            continue
        steps = [cid for cid in path.concepts if cid in view.linked.concepts]
        cards.append(
            {
                "id": path.id,
                "href": f"{prefix}{path.id}/",
                "title": text.title,
                "purpose": text.purpose,
                "steps": " ".join(steps),
                "total": len(steps),
                "meta": _meta_line(view, path, len(steps)),
            }
        )
    return cards


def _meta_line(view: View, path: LearningPath, count: int) -> str:
    minutes = reading_minutes(path, view.linked.concepts, view.lang, view.config)
    return " · ".join(
        (
            view.ui["concepts_count"].format(count=count),
            view.ui["reading_time"].format(minutes=minutes),
        )
    )


def render_path(view: View, path: LearningPath, quiz: bool) -> PathPage | None:
    text = path.text(view.lang, view.config.source_language)
    if text is None:
        return None
    source = view.config.source_language
    steps = [
        {
            "id": cid,
            "href": f"../../terms/{cid}/?path={path.id}",
            "name": view.name(cid),
            "abbr": view.abbr(cid),
            "short": view.tip(cid),
            "why": step.why.get(view.lang) or step.why.get(source, ""),
        }
        for step in path.steps
        if (cid := step.concept) in view.linked.concepts
    ]
    quiz_label = (
        view.ui["path_quiz"].format(count=path.quiz_questions)
        if quiz and path.quiz_questions
        else ""
    )
    body = view.render(
        "path.md.j2",
        2,
        path=path,
        title=text.title,
        purpose=text.purpose,
        meta=_meta_line(view, path, len(steps)),
        steps=steps,
        quiz=quiz_label,
        decks=deck_links(
            [view.linked.concepts[step["id"]] for step in steps],
            view.lang,
            path_scope(path.id),
            "../../",
        ),
    )
    meta = {"title": text.title, "description": text.purpose}
    return PathPage(f"paths/{path.id}.md", body, meta)


def path_data(view: View) -> str:
    """What a term page needs to show where it stands in a path (``paths.mjs``)."""
    ui = view.ui
    data = {
        "strings": {key: ui[key] for key in ("step_of", "previous_step", "next_step", "mark_read")},
        "paths": {
            path.id: {
                "title": text.title,
                "steps": [
                    [cid, view.name(cid)] for cid in path.concepts if cid in view.linked.concepts
                ],
            }
            for path in view.linked.paths.values()
            if (text := path.text(view.lang, view.config.source_language))
        },
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def render_path_pages(view: View, made: Iterable[str]) -> list[PathPage]:
    """The paths' pages, the overview and the data file (none without paths). ``made``:
    the URL paths of the language's other pages (a path's quiz among them, or not)."""
    if not view.linked.paths:
        return []
    existing = set(made)
    pages = [
        page
        for path in view.linked.paths.values()
        if (page := render_path(view, path, f"paths/{path.id}/quiz/" in existing))
    ]
    ui = view.ui
    overview = view.render(
        "paths.md.j2", 1, title=ui["paths"], intro=ui["paths_intro"], cards=path_cards(view, "")
    )
    pages.append(
        PathPage(
            "paths/index.md", overview, {"title": ui["paths"], "description": ui["paths_intro"]}
        )
    )
    pages.append(PathPage(DATA_FILE, path_data(view)))
    return pages
