"""The site build: check → link → metrics → render (a plan of files per language) →
write → MkDocs → finish (search indexes, site root) → swap, as ``glossary build`` and
``glossary serve`` both run it. Glossary logic stays here and in the stages it calls;
MkDocs only turns the generated Markdown into HTML."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from glossary.cache import replace_file
from glossary.cheatsheet import render_cheatsheets
from glossary.config import Config, load_config
from glossary.diagnostics import Report
from glossary.emit import (
    MkDocsRun,
    copy_static,
    language_config,
    read_base_config,
    run_all,
    site_settings,
    staging_dir,
    stop_on_signals,
    swap_into_place,
    write_configs,
    write_plan,
    write_root,
)
from glossary.exchange import format_api
from glossary.history import History, load_history
from glossary.learning import path_texts
from glossary.link import Linked, link_glossary
from glossary.news import render_news
from glossary.pipeline import diagnostic_fields, inverses_cache, load_glossary
from glossary.publish import (
    MANIFEST,
    Redirect,
    headers_file,
    iter_lost_urls,
    iter_redirect_files,
    manifest_text,
    polish_pages,
)
from glossary.quiz import render_practice_pages
from glossary.render import Page, Placed, SiteSettings, lang_slug, render_language
from glossary.reuse import (
    SiteRecord,
    fingerprint,
    forget_record,
    git_head,
    lend_languages,
    read_record,
    term_stamps,
    theme_versions,
    write_new,
    write_record,
)
from glossary.search import LEXICON_DIR, rewrite_index, search_pages
from glossary.workers import fork_map

log = logging.getLogger("glossary.timing")  # the benchmarks listen here; nobody else needs it
progress = logging.getLogger("glossary.progress")  # serve shows these while it builds


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Log when a stage of the build starts (``glossary.progress``) and how long it took
    (``glossary.timing``), both at level DEBUG."""
    progress.debug("%s", name, extra={"stage": name})
    start = time.perf_counter()
    try:
        yield
    finally:
        log.debug("%s", name, extra={"stage": name, "seconds": time.perf_counter() - start})


@dataclass
class BuildResult:
    ok: bool
    report: Report
    pages: list[Placed] = field(default_factory=list)
    generate_seconds: float = 0.0
    mkdocs_seconds: float = 0.0
    runs: list[MkDocsRun] = field(default_factory=list)
    rendered: set[str] = field(default_factory=set)  # languages whose pages were made this time
    reused: set[str] = field(default_factory=set)  # languages whose folder the last site lent


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


@dataclass(frozen=True)
class Generated:
    """What generation made: the pages of every language (rendered now or kept from the
    last build), which languages were rendered and which of them changed, and the JSON API."""

    report: Report
    pages: list[Placed] = field(default_factory=list)
    rendered: frozenset[str] = frozenset()
    changed: frozenset[str] = frozenset()
    api: str = ""
    redirects: tuple[Redirect, ...] = ()
    inputs: dict[str, str] = field(default_factory=dict)  # language → what its pages hold
    lexicons: dict[str, str] = field(default_factory=dict)  # language → its search files

    @property
    def ok(self) -> bool:
        return self.report.exit_code() == 0


def generate(
    project: Project, config: Config, settings: SiteSettings, incremental: bool = True
) -> Generated:
    """Check, link and make the metrics of every concept, then render and write the pages
    and search files of every language whose inputs changed since the last build (all of
    them unless ``incremental``), or return the report that stops the build."""
    inputs = Inputs(project, config, settings)
    with stage("check"):
        checked = load_glossary([project.terms], config=config, want_concepts=True)
    if checked.report.exit_code() != 0:
        return Generated(checked.report)
    with stage("render"):
        metrics = checked.metrics  # formulas parsed and solved once, by the check
        checked.solved.write(
            inverses_cache(project.terms), {m.expression for m in metrics.values()}
        )
        history = load_history(project.terms)
        linked = replace(
            link_glossary(checked.concepts, config),
            metrics=metrics,
            paths=checked.paths,
            history=history,
        )
        wanted = inputs.select(checked.concepts, checked.paths, history, incremental)
        work = RenderWork(
            linked,
            config,
            settings,
            hand_written_pages(project.site_src, config),
            docs_dir(project),
        )
        made, changed, api, lexicons = render_languages(work, wanted)
        api = inputs.record(made, api, lexicons)
    pages = [page for lang in config.language_tags for page in inputs.pages(lang)]
    redirects = tuple(_redirects(checked.concepts, config))
    return Generated(
        checked.report,
        pages,
        frozenset(made),
        frozenset(changed),
        api,
        redirects,
        dict(inputs.made),
        inputs.lexicons(),
    )


def _redirects(concepts: dict, config: Config) -> Iterator[Redirect]:
    for concept in concepts.values():
        names = {
            lang: entry.preferred.term
            for lang in config.language_tags
            if (entry := concept.entry(lang)) and entry.preferred
        }
        for old in concept.replaces:
            yield Redirect(old, concept.id, names)


@dataclass(frozen=True)
class RenderWork:
    """What rendering needs, handed once to the render workers (see ``workers``)."""

    linked: Linked
    config: Config
    settings: SiteSettings
    extra: list[Page]  # the hand-written pages
    docs: Path


PARALLEL_RENDER_FROM = 100  # concepts; below this, worker processes cost more than they save
API, SEARCH = "api", "search"  # the tasks that make the JSON API and the search files
PARTS = (render_news, render_cheatsheets)  # pages of their own modules, in every language


class Made(NamedTuple):
    pages: dict[str, list[str]]  # language → the paths of its pages, for a language task
    changed: set[str]  # languages whose files changed
    api: str | None  # for the API task
    unindexed: dict[str, list[str]] = {}  # language → its pages search engines should skip
    lexicons: dict[str, str] = {}  # language → a digest of its search files, for the search task


def _render_task(work: RenderWork, task: str) -> Made:
    """One task of the render: a language's pages (linked, rendered and written), the
    search files of every language (their lookup keys are shared, so made once), or the
    JSON API."""
    config = work.config
    if task == API:
        return Made({}, set(), format_api(work.linked.concepts.values(), config))
    if task == SEARCH:
        languages = list(config.language_tags)
        changed, digests = set(), {}
        for lang, files in search_pages(work.linked, languages, config.source_language).items():
            lexicon = {name.removeprefix(f"{LEXICON_DIR}/"): text for name, text in files.items()}
            if write_plan(work.docs / lang_slug(lang) / LEXICON_DIR, lexicon, prune=True):
                changed.add(lang)
            digests[lang] = _digest_files(lexicon)
        return Made({}, changed, None, lexicons=digests)
    lang = task
    pages = render_language(work.linked, config, lang, work.settings, PARTS)
    pages += render_practice_pages(work.linked, config, lang, work.settings)
    pages += [p for p in work.extra if p.lang == lang]
    plan = {page.path: page.text for page in pages}
    written = write_plan(work.docs / lang_slug(lang), plan, prune=True, suffix=".md")
    from glossary.exchange.site_decks import write_site_decks  # the flashcard decks

    written += write_site_decks(work.linked, config, lang, work.docs / lang_slug(lang))
    unindexed = sorted(page.path for page in pages if not page.indexed)
    listed = sorted(path for path in plan if path.endswith(".md"))  # not the JSON data
    return Made({lang: listed}, {lang} if written else set(), None, {lang: unindexed})


def _digest_files(files: dict[str, str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for name in sorted(files):
        digest.update(f"{name}\0{len(files[name])}\0{files[name]}".encode())
    return digest.hexdigest()


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
    work: RenderWork, only: set[str]
) -> tuple[dict[str, list[tuple[str, bool]]], set[str], str, dict[str, str]]:
    """The pages each language of ``only`` now has, which languages' files changed, the
    JSON API and a digest of every language's search files. On large glossaries the
    languages, the search files and the API are made in parallel, in forked workers that
    inherit the linked glossary; each worker links the language it renders."""
    languages = [lang for lang in work.config.language_tags if lang in only]
    if not languages:
        return {}, set(), "", {}
    # the search files of every language hold every language's terms: all are remade
    tasks = [*languages, SEARCH, API]  # longest first
    parallel = len(work.linked.concepts) >= PARALLEL_RENDER_FROM
    if parallel:
        _warm_up(work.config.language_tags)  # once, before the workers inherit it
    results = fork_map(_render_task, work, tasks, parallel=parallel)
    pages = {
        lang: [(path, path not in set(made.unindexed.get(lang, ()))) for path in paths]
        for made in results
        for lang, paths in made.pages.items()
    }
    changed = {lang for made in results for lang in made.changed}
    lexicons = {lang: digest for made in results for lang, digest in made.lexicons.items()}
    return pages, changed, results[-1].api or "", lexicons


def language_inputs(
    concepts: dict, config: Config, paths: dict | None = None, history: History | None = None
) -> dict[str, str]:
    """A fingerprint of everything one language's pages are made from: its own entries,
    every language's names (shown under "other languages"), the language-independent
    fields, the learning paths (``paths``: their steps, and their texts in the language)
    and the dates of changes (``history``, from git). An edit changes only the
    fingerprints of the languages it can affect."""
    shared = hashlib.blake2b((history or History()).fingerprint().encode(), digest_size=16)
    for path in (paths or {}).values():
        shared.update(repr((path.id, path.order, path.concepts, path.quiz_questions)).encode())
    for concept in concepts.values():
        names = {
            tag: (e.preferred.term, e.is_complete, e.abbreviations[:1])  # shown beside it
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
        for path in (paths or {}).values():
            digest.update(repr(path_texts(path, lang, config.source_language)).encode())
        prints[lang] = digest.hexdigest()
    return prints


def docs_dir(project: Project) -> Path:
    return project.build / "docs"


INPUTS_FILE = "inputs.json"  # in the build folder: what each language's pages were made from
API_FILE = "terms.json"  # in the build folder: the JSON API made with them


def generator_inputs(project: Project, settings: SiteSettings, config: Config) -> dict[str, str]:
    """Per language, a fingerprint of what its pages are made from besides the concepts:
    the generator itself (code, templates, messages, configuration), the site's settings
    and the hand-written parts in ``site_src`` it uses: the shared ones (assets, theme
    overrides) and its own folder, not the other languages' (an edit to the Korean
    editors' guide rebuilds the Korean site only)."""
    slugs = {lang_slug(lang): lang for lang in config.language_tags}
    shared = hashlib.blake2b(repr(settings).encode(), digest_size=16)
    own = {lang: hashlib.blake2b(digest_size=16) for lang in config.language_tags}
    for folder in (Path(__file__).parent, project.site_src):
        for path in sorted(folder.rglob("*")):
            if "__pycache__" not in path.parts and path.is_file():
                name = path.relative_to(folder).as_posix()
                top = name.split("/", 1)[0]
                lang = slugs.get(top) if folder == project.site_src else None
                digest = own[lang] if lang else shared
                digest.update(name.encode() + b"\0" + path.read_bytes())
    return {
        lang: hashlib.blake2b(
            (shared.hexdigest() + digest.hexdigest()).encode(), digest_size=16
        ).hexdigest()
        for lang, digest in own.items()
    }


class Inputs:
    """What the pages in the build folder were made from (and which pages that made), so
    that ``glossary build`` renders again only the languages whose inputs changed, and a
    digest of each language's search files. The record of a language is dropped before
    its pages are written and made again after (the search files' digests, which every
    render rewrites, likewise), so an interrupted build is never taken for a finished one."""

    def __init__(self, project: Project, config: Config, settings: SiteSettings):
        self.project, self.config, self.settings = project, config, settings
        self.file = project.build / INPUTS_FILE
        try:
            recorded = json.loads(self.file.read_text("utf-8"))
        except (OSError, ValueError):
            recorded = {}
        self.recorded: dict = recorded if isinstance(recorded, dict) else {}
        self.made: dict[str, str] = {}

    def _entry(self, lang: str) -> dict:
        entry = self.recorded.get(lang)
        return entry if isinstance(entry, dict) else {}

    def select(
        self,
        concepts: dict,
        paths: dict | None = None,
        history: History | None = None,
        incremental: bool = True,
    ) -> set[str]:
        """The languages whose pages must be made (all of them unless ``incremental``)."""
        base = generator_inputs(self.project, self.settings, self.config)
        self.made = {
            lang: hashlib.blake2b((base[lang] + digest).encode(), digest_size=16).hexdigest()
            for lang, digest in language_inputs(concepts, self.config, paths, history).items()
        }
        docs = docs_dir(self.project)
        ready = (self.project.build / API_FILE).is_file()
        wanted = {
            lang
            for lang, digest in self.made.items()
            if not incremental
            or not ready
            or self._entry(lang).get("inputs") != digest
            or not self._entry(lang).get("lexicon")
            or not (docs / lang_slug(lang)).is_dir()
        }
        kept = {lang: self.recorded[lang] for lang in self.made if lang not in wanted}
        if wanted:  # the search files of every language are made again
            kept = {lang: {**entry, "lexicon": None} for lang, entry in kept.items()}
        self.recorded = kept
        self._write()
        return wanted

    def record(
        self, made: dict[str, list[tuple[str, bool]]], api: str, lexicons: dict[str, str]
    ) -> str:
        """Remember what the pages just written were made from, and which they are, and
        the digests of the search files just written. Returns the JSON API (kept beside
        them for builds that render nothing)."""
        api_file = self.project.build / API_FILE
        if api:
            replace_file(api_file, api.encode())
        else:
            api = api_file.read_text("utf-8")
        for lang, pages in made.items():
            self.recorded[lang] = {
                "inputs": self.made.get(lang),
                "pages": [path for path, _ in pages],
                "unindexed": [path for path, indexed in pages if not indexed],
            }
        for lang, digest in lexicons.items():
            if lang in self.recorded:
                self.recorded[lang]["lexicon"] = digest
        self._write()
        return api

    def pages(self, lang: str) -> list[Placed]:
        entry = self._entry(lang)
        unindexed = set(entry.get("unindexed", []))
        return [Placed(lang, path, path not in unindexed) for path in entry.get("pages", [])]

    def lexicons(self) -> dict[str, str]:
        return {lang: self._entry(lang).get("lexicon") or "" for lang in self.config.language_tags}

    def _write(self) -> None:
        replace_file(self.file, json.dumps(self.recorded, sort_keys=True).encode())


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


def _finish_language(project: Project, site: Path) -> None:
    rewrite_index(site)
    polish_pages(site)


def finish(
    project: Project,
    config: Config,
    settings: SiteSettings,
    out: Path,
    generated: Generated,
    languages: Iterable[str],
) -> None:
    """After MkDocs: Material's search index of ``languages`` trimmed to the hand-written
    pages (the lexicon finds concepts), the site root (language chooser, 404, robots.txt,
    sitemap, JSON API), the redirects of renamed concepts, the hosts' ``_headers`` and the
    URL manifest."""
    with stage("finish"):
        folders = [out / lang_slug(lang) for lang in languages]
        parallel = len(generated.pages) >= PARALLEL_RENDER_FROM * len(config.language_tags)
        fork_map(_finish_language, project, folders, parallel=parallel)
        write_root(out, config, settings, generated.pages, generated.api)
        for path, text in iter_redirect_files(generated.redirects, config, settings):
            write_new(out / path, text)  # in a lent folder too (see ``reuse``)
        write_new(out / "_headers", headers_file(out))
        write_new(out / MANIFEST, manifest_text(out, settings))


@dataclass(frozen=True)
class BuildOptions:
    """How ``glossary build`` was asked to build (its command-line options)."""

    site_url: str | None = None  # else mkdocs.yml's
    repo_url: str | None = None  # else mkdocs.yml's; none: no repository or edit links
    engine: str = "mkdocs"  # or "properdocs" (emit.ENGINES)
    preview: bool = False  # a per-change preview: every page noindex
    compare_urls: Path | None = None  # a previous build's url-manifest.json


def build_site(
    project: Project,
    site_dir: Path,
    site_url: str | None = None,
    config: Config | None = None,
    options: BuildOptions | None = None,
) -> BuildResult:
    """Build the whole site aside and swap it into ``site_dir`` only if every step worked.
    Stopped halfway (Ctrl-C, SIGTERM), it stops MkDocs and removes what it staged."""
    options = options or BuildOptions(site_url=site_url)
    with stop_on_signals():
        return _build_site(project, site_dir, options, config or load_config())


def build_inputs(project: Project, config: Config, settings: SiteSettings, engine: str) -> str:
    """A fingerprint of everything a build reads: when it is unchanged, so is the site."""
    base = project.base_config.read_text("utf-8") if project.base_config.is_file() else ""
    return fingerprint(
        term_stamps(project.terms),
        git_head(project.terms),  # the history pages show (``history``) comes from git
        *generator_inputs(project, settings, config).values(),
        base,
        repr(config),
        engine,
        theme_versions(),
    )


def mkdocs_inputs(
    project: Project, generated: Generated, config_files: dict[str, Path], engine: str
) -> dict[str, str]:
    """Per language, a digest of what its MkDocs run is given: its pages (and with them
    the generator, ``site_src``, overrides and assets, see ``generator_inputs``), its
    configuration and the base one, the engine and the theme's versions. Its search
    files are not part of it: MkDocs only copies them (``reuse.lend_languages``)."""
    base = project.base_config.read_text("utf-8") if project.base_config.is_file() else ""
    versions = theme_versions()
    return {
        lang: fingerprint(
            generated.inputs.get(lang, ""), path.read_text("utf-8"), base, engine, versions
        )
        for lang, path in config_files.items()
    }


def _build_site(
    project: Project, site_dir: Path, options: BuildOptions, config: Config
) -> BuildResult:
    base = read_base_config(project.base_config)
    settings = site_settings(base, options.site_url, options.repo_url, options.preview)
    start = time.perf_counter()
    with stage("compare"):
        inputs = build_inputs(project, config, settings, options.engine)
        previous = read_record(project.build, site_dir)
    if previous is not None and previous.inputs == inputs:
        return _unchanged(config, site_dir, previous, options, time.perf_counter() - start)
    generated = generate(project, config, settings)
    if not generated.ok:
        return BuildResult(False, generated.report)
    rendered = set(generated.rendered)
    staging = staging_dir(site_dir)
    stop = threading.Event()
    lending: Future[None] | None = None
    try:
        config_files = prepare(project, config, settings, site_dir)
        digests = mkdocs_inputs(project, generated, config_files, options.engine)
        lent = _lendable(site_dir, previous, digests)
        generated_seconds = time.perf_counter() - start
        if lent:  # linking is disk work: done while MkDocs keeps the cores busy
            lending = ThreadPoolExecutor(1).submit(
                lend_languages,
                site_dir,
                staging,
                {
                    lang_slug(lang): None
                    if previous and previous.lexicons.get(lang) == generated.lexicons.get(lang)
                    else docs_dir(project) / lang_slug(lang) / LEXICON_DIR
                    for lang in lent
                },
                previous.redirects if previous else (),
                stop,
            )
        built = {lang: path for lang, path in config_files.items() if lang not in lent}
        with stage("mkdocs"):
            runs = run_all(built, staging, engine=options.engine)
            if lending is not None:
                lending.result()
        mkdocs_seconds = time.perf_counter() - start - generated_seconds
        if not all(run.ok for run in runs):
            shutil.rmtree(staging, ignore_errors=True)
            return BuildResult(
                False,
                generated.report,
                generated.pages,
                generated_seconds,
                mkdocs_seconds,
                runs,
                rendered,
                set(lent),
            )
        finish_start = time.perf_counter()
        finish(project, config, settings, staging, generated, built)
        if options.compare_urls is not None:
            lost = list(iter_lost_urls(options.compare_urls, staging))
            if lost:
                generated.report.extend(lost)
                shutil.rmtree(staging, ignore_errors=True)
                return BuildResult(False, generated.report, generated.pages, runs=runs)
        forget_record(project.build, site_dir)
        swap_into_place(staging, site_dir)
        record = SiteRecord(
            inputs,
            digests,
            dict(generated.lexicons),
            [path for path, _ in iter_redirect_files(generated.redirects, config, settings)],
            [list(page) for page in generated.pages],
            [list(diagnostic_fields(d)) for d in generated.report.diagnostics],
            generated.report.files,
        )
        write_record(project.build, site_dir, record)
        generated_seconds += time.perf_counter() - finish_start
    except BaseException:
        stop.set()
        if lending is not None:
            lending.exception()  # wait: it may still be writing into the staging folder
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(
        True,
        generated.report,
        generated.pages,
        generated_seconds,
        mkdocs_seconds,
        runs,
        rendered,
        set(lent),
    )


def _lendable(site_dir: Path, previous: SiteRecord | None, digests: dict[str, str]) -> set[str]:
    """The languages whose folder in the previous site is what MkDocs would make now."""
    if previous is None:
        return set()
    return {
        lang
        for lang, digest in digests.items()
        if previous.languages.get(lang) == digest and (site_dir / lang_slug(lang)).is_dir()
    }


def _unchanged(
    config: Config, site_dir: Path, previous: SiteRecord, options: BuildOptions, seconds: float
) -> BuildResult:
    """Nothing the build reads changed since it made the site in ``site_dir``: the same
    report, and the site as it is (still compared with ``--compare-urls``)."""
    report = Report(previous.report_diagnostics(), previous.files, config)
    pages = previous.placed()
    if options.compare_urls is not None:
        lost = list(iter_lost_urls(options.compare_urls, site_dir))
        if lost:
            report.extend(lost)
            return BuildResult(False, report, pages)
    languages = set(config.language_tags)
    return BuildResult(True, report, pages, seconds, 0.0, [], set(), languages)
