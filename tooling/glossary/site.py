"""The site build: check → link → render → emit, as ``glossary build`` and ``glossary
serve`` run it. Glossary logic stays here and in the stages it calls; MkDocs only turns
the generated Markdown into HTML."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from glossary.cache import CACHE_DIR, replace_file
from glossary.config import Config, load_config
from glossary.diagnostics import Report
from glossary.emit import (
    MkDocsRun,
    copy_static,
    language_config,
    markdown_files,
    read_base_config,
    run_all,
    site_settings,
    staging_dir,
    stop_on_signals,
    swap_into_place,
    write_configs,
    write_pages,
    write_root,
)
from glossary.exchange import format_api
from glossary.formula.metric import build_metrics
from glossary.link import link_glossary
from glossary.pipeline import load_glossary
from glossary.render import Page, SiteSettings, lang_slug, render_language
from glossary.search import rewrite_index, write_search_files
from glossary.workers import fork_map


@dataclass
class BuildResult:
    ok: bool
    report: Report
    pages: list[Page] = field(default_factory=list)
    generate_seconds: float = 0.0
    mkdocs_seconds: float = 0.0
    runs: list[MkDocsRun] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # our stages: check, render, finish
    rendered: set[str] = field(default_factory=set)  # languages whose pages were made this time


@dataclass(frozen=True)
class Project:
    """Where things are: the repository root and what lies in it."""

    root: Path

    @property
    def terms(self) -> Path:
        return self.root / "terms"

    @property
    def site_src(self) -> Path:
        return self.root / "site_src"

    @property
    def base_config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def build(self) -> Path:
        return self.root / "build"


def hand_written_pages(site_src: Path, config: Config) -> list[Page]:
    pages = []
    for lang in config.language_tags:
        folder = site_src / lang_slug(lang)
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            pages.append(Page(lang, path.relative_to(folder).as_posix(), path.read_text("utf-8")))
    return pages


def generate(
    project: Project,
    config: Config,
    settings: SiteSettings,
    docs: Path | None = None,
    select=None,
    timings: dict | None = None,
) -> tuple[Report, list[Page], set[str], str | None]:
    """Check, link and render every page of every language (and, given ``docs``, write
    them there, telling which languages changed) and the JSON API, or return the report
    that stops the build. ``select(concepts)`` may narrow the languages to render;
    ``timings`` receives the seconds spent checking and rendering."""
    start = time.perf_counter()
    glossary = load_glossary(
        [project.terms],
        config=config,
        want_concepts=True,
        meanwhile=lambda: _warm_up(config.language_tags),
    )
    checked = time.perf_counter()
    if timings is not None:
        timings["check"] = checked - start
    if glossary.report.exit_code() != 0:
        return glossary.report, [], set(), None
    linked = replace(
        link_glossary(glossary.concepts, config),
        metrics=build_metrics(glossary.concepts, project.root / CACHE_DIR / "inverses.json"),
    )
    extra = hand_written_pages(project.site_src, config)
    languages = select(glossary.concepts) if select else None
    pages, changed, api = render_languages(linked, config, settings, extra, docs, languages)
    if timings is not None:
        timings["render"] = time.perf_counter() - checked
    return glossary.report, pages, changed, api


_SHARED: dict = {}
PARALLEL_RENDER_FROM = 100  # concepts; below this, worker processes cost more than they save
API, SEARCH = "api", "search"  # the tasks that write the JSON API and the search files


def _render_one(task: str) -> tuple[list[Page], str | None, set[str]]:
    """One task of the render: a language's pages (linked, rendered and, when writing,
    written), the search files of every language (their lookup keys are shared, so made
    once), or the JSON API. Returns pages, the API and the languages whose files changed."""
    linked, config, settings, extra, docs, languages = _SHARED["work"]
    if task == API:
        return [], format_api(linked.concepts.values(), config), set()
    if task == SEARCH:
        folder_of = lambda lang: docs / lang_slug(lang)  # noqa: E731
        changed = write_search_files(linked, list(languages), config.source_language, folder_of)
        return [], None, changed
    lang = task
    pages = render_language(linked, config, lang, settings) + [p for p in extra if p.lang == lang]
    if docs is None:
        return pages, None, {lang}
    changed = {lang} if write_pages(pages, docs, lang) else set()
    return (
        [Page(p.lang, p.path, "") for p in pages],
        None,
        changed,
    )  # written: only places travel back


def _warm_up(languages: Iterable[str]) -> None:
    """What rendering loads once: compiled templates, locale data, OpenCC's converters,
    pypinyin's dictionaries.
    Done while the check waits for its workers, and then shared by the render's forks."""
    from glossary.collate import readings
    from glossary.formula.display import _locale
    from glossary.render import environment
    from glossary.search import script_converters

    readings()
    script_converters()
    env = environment()
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
    for lang in languages:
        _locale(lang).currency_formats, _locale(lang).percent_formats


def render_languages(
    linked,
    config: Config,
    settings: SiteSettings,
    extra: list[Page],
    docs: Path | None,
    only: set[str] | None = None,
) -> tuple[list[Page], set[str], str | None]:
    """Every language's pages (or those of ``only``), which languages changed, and the
    JSON API (None when ``only`` is empty: nothing is made). On large glossaries the
    languages, their search files and the API are made in parallel, in forked workers
    that inherit the checked glossary; each worker links the language it renders."""
    languages = [lang for lang in config.language_tags if only is None or lang in only]
    if not languages:
        return [], set(), None
    # the search files of every language hold every language's terms: all are remade
    tasks = languages + ([SEARCH] if docs is not None else []) + [API]  # longest first
    _SHARED["work"] = (linked, config, settings, extra, docs, config.language_tags)
    try:
        results = fork_map(
            _render_one, tasks, parallel=len(linked.concepts) >= PARALLEL_RENDER_FROM
        )
        pages = [page for task_pages, _, _ in results for page in task_pages]
        changed = {lang for _, _, task_changed in results for lang in task_changed}
        return pages, changed, results[-1][1]
    finally:
        _SHARED.clear()


def _rewrite_index(folders: tuple[Path, Path]) -> None:
    rewrite_index(*folders)


def language_inputs(concepts: dict, config: Config) -> dict[str, str]:
    """A fingerprint of everything one language's pages are made from: its own entries,
    every language's names (shown under "other languages") and the language-independent
    fields. An edit changes only the fingerprints of the languages it can affect."""
    shared = hashlib.blake2b(digest_size=16)
    for concept in concepts.values():
        names = {
            tag: (e.preferred.term, e.is_complete)
            if (e := concept.entry(tag)) and e.preferred
            else None
            for tag in config.language_tags
        }
        shared.update(
            repr(
                (
                    concept.id,
                    concept.category,
                    concept.tags,
                    concept.relations,
                    concept.sources,
                    dict(concept.formula or {}),
                    names,
                )
            ).encode()
        )
    prints = {}
    for lang in config.language_tags:
        digest = shared.copy()
        for concept in concepts.values():
            digest.update(
                repr(concept.entry(lang) or concept.entry(config.source_language)).encode()
            )
        prints[lang] = digest.hexdigest()
    return prints


def docs_dir(project: Project) -> Path:
    return project.build / "docs"


INPUTS_FILE = "inputs.json"  # in the build folder: what each language's pages were made from
API_FILE = "terms.json"  # in the build folder: the JSON API made with them


def generator_inputs(project: Project, settings: SiteSettings) -> str:
    """A fingerprint of what pages are made from besides the concepts: the generator
    itself (code, templates, messages, configuration), the site's settings and the
    hand-written parts in ``site_src``."""
    digest = hashlib.blake2b(repr(settings).encode(), digest_size=16)
    for folder in (Path(__file__).parent, project.site_src):
        for path in sorted(folder.rglob("*")):
            if "__pycache__" not in path.parts and path.is_file():
                digest.update(
                    path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes()
                )
    return digest.hexdigest()


class Inputs:
    """What the pages in the build folder were made from, so that ``glossary build``
    renders again only the languages whose inputs changed. The record of a language is
    dropped before its pages are written and made again after, so an interrupted build
    is never taken for a finished one."""

    def __init__(self, project: Project, config: Config, settings: SiteSettings):
        self.project, self.config, self.settings = project, config, settings
        self.file = project.build / INPUTS_FILE
        try:
            recorded = json.loads(self.file.read_text("utf-8"))
        except (OSError, ValueError):
            recorded = {}
        self.recorded: dict = recorded if isinstance(recorded, dict) else {}
        self.made: dict[str, str] = {}

    def select(self, concepts: dict) -> set[str]:
        """The languages whose pages must be made (``generate``'s ``select``)."""
        base = generator_inputs(self.project, self.settings)
        self.made = {
            lang: hashlib.blake2b((base + digest).encode(), digest_size=16).hexdigest()
            for lang, digest in language_inputs(concepts, self.config).items()
        }
        docs = docs_dir(self.project)
        ready = (self.project.build / API_FILE).is_file()
        wanted = {
            lang
            for lang, digest in self.made.items()
            if not ready
            or self.recorded.get(lang) != digest
            or not (docs / lang_slug(lang)).is_dir()
        }
        self._write(
            {
                lang: self.recorded[lang]
                for lang in self.made
                if lang not in wanted and lang in self.recorded
            }
        )
        return wanted

    def record(self, pages: list[Page], api: str | None) -> tuple[list[Page], str]:
        """Remember the inputs of the pages ``generate`` just wrote. Returns every page of
        the site (those rendered now and those already written) and the JSON API (kept
        beside them for builds that make no page)."""
        api_file = self.project.build / API_FILE
        if api is None:
            api = api_file.read_text("utf-8")
        else:
            replace_file(api_file, api.encode())
        self._write(self.made)
        rendered = {page.lang for page in pages}
        return pages + [
            page
            for lang in self.config.language_tags
            if lang not in rendered
            for page in written_pages(docs_dir(self.project), lang)
        ], api

    def _write(self, inputs: dict) -> None:
        replace_file(self.file, json.dumps(inputs, sort_keys=True).encode())


def written_pages(docs: Path, lang: str) -> list[Page]:
    """The places of the pages already in a language's docs folder."""
    return [Page(lang, name, "") for name in sorted(markdown_files(str(docs / lang_slug(lang))))]


def prepare(project: Project, config: Config, settings: SiteSettings, out: Path) -> dict[str, Path]:
    """The rest of the build folder: static assets and one MkDocs configuration per language."""
    docs = docs_dir(project)
    copy_static(project.site_src, docs, config.language_tags)
    configs = {
        lang: language_config(
            config, lang, project.base_config, docs, out, project.site_src, settings
        )
        for lang in config.language_tags
    }
    return write_configs(configs, project.build)


def build_site(
    project: Project, site_dir: Path, site_url: str | None = None, config: Config | None = None
) -> BuildResult:
    """Build the whole site aside and swap it into ``site_dir`` only if every step worked.
    Stopped halfway (Ctrl-C, SIGTERM), it stops MkDocs and removes what it staged."""
    with stop_on_signals():
        return _build_site(project, site_dir, site_url, config)


def _build_site(
    project: Project, site_dir: Path, site_url: str | None, config: Config | None
) -> BuildResult:
    config = config or load_config()
    settings = site_settings(read_base_config(project.base_config), site_url)
    start = time.perf_counter()
    timings: dict[str, float] = {}
    inputs = Inputs(project, config, settings)
    report, pages, _, api = generate(
        project, config, settings, docs_dir(project), select=inputs.select, timings=timings
    )
    if report.exit_code() != 0:
        return BuildResult(False, report, timings=timings)
    rendered = {page.lang for page in pages}
    pages, api = inputs.record(pages, api)
    staging = staging_dir(site_dir)
    try:
        config_files = prepare(project, config, settings, staging)
        generated = time.perf_counter() - start
        runs = run_all(config_files)
        mkdocs_seconds = time.perf_counter() - start - generated
        if not all(run.ok for run in runs):
            shutil.rmtree(staging, ignore_errors=True)
            return BuildResult(
                False, report, pages, generated, mkdocs_seconds, runs, timings, rendered
            )
        finish_start = time.perf_counter()
        fork_map(
            _rewrite_index,
            [
                (staging / lang_slug(lang), docs_dir(project) / lang_slug(lang))
                for lang in config.language_tags
            ],
            parallel=len(pages) >= PARALLEL_RENDER_FROM * len(config.language_tags),
        )
        write_root(staging, config, settings, pages, api)
        swap_into_place(staging, site_dir)
        timings["finish"] = time.perf_counter() - finish_start
        generated += timings["finish"]
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(True, report, pages, generated, mkdocs_seconds, runs, timings, rendered)
