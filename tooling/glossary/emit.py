"""emit: the site's writer. ``write_plan`` writes each language's generated files (the
one function that writes pages); the rest writes one MkDocs configuration per language
into a build folder an editor can inspect, runs MkDocs on each language (and stops it
when the build is stopped), adds the site root (language chooser, 404, sitemap with
alternates), and swaps the finished site into place so that a failed build leaves the
old one intact. (The term-file writers are ``editing`` and ``exchange.merge``; the
caches write through ``cache.replace_file``.)"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale

from glossary.config import Config
from glossary.render import Placed, SiteSettings, environment, lang_slug, url_path
from glossary.ui import ui_strings

SEARCH_SEPARATOR = (
    r'[\s\u200b\u3000\-、。，．？！；：（）「」『』《》〈〉,:;!?=\[\]()"/]+'
    r"|\.(?!\d)|&[lg]t;"
)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its ``!!python/name:`` tags."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_base_config(path: Path) -> dict:
    return yaml.load(path.read_text("utf-8"), Loader=_TolerantLoader) or {}


def site_settings(
    base: dict, site_url: str | None = None, repo_url: str | None = None, preview: bool = False
) -> SiteSettings:
    """The site's settings: its public address and its repository, from the command line
    or else ``mkdocs.yml`` (the one place they are configured). Without a repository the
    site has no repository link and no "edit this term" links (and makes no request for
    the repository's details)."""
    url = (site_url or base.get("site_url") or "http://127.0.0.1:8000/").rstrip("/") + "/"
    repo = (repo_url or base.get("repo_url") or "").rstrip("/")
    edit_uri = (base.get("edit_uri") or "edit/main/").strip("/")
    return SiteSettings(
        site_url=url,
        edit_url=f"{repo}/{edit_uri}/terms/" if repo else "",
        repo_url=repo,
        edit_uri=f"{edit_uri}/",
        preview=preview,
    )


def write_plan(folder: Path, plan: dict[str, str], prune: bool, suffix: str = "") -> int:
    """The one writer of generated files: write each file of ``plan`` (a path relative to
    ``folder`` → its text) whose content differs from what is there, and with ``prune``
    remove the files ending in ``suffix`` that the plan no longer has. Returns how many
    files were written or removed. (Plain ``os`` calls: tens of thousands of pages make
    ``Path`` objects' overhead show.)"""
    root = str(folder)
    present = set(_files(root, suffix)) if prune else set()
    made: set[str] = set()
    written = 0
    for name, text in plan.items():
        path = os.path.join(root, name)
        if prune and name.endswith(suffix) and name not in present:
            pass  # new: nothing to compare with (a file of another kind is compared)
        elif os.path.isfile(path):
            with open(path, encoding="utf-8") as handle:
                if handle.read() == text:
                    continue
        if (parent := os.path.dirname(path)) not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        written += 1
    for name in present - plan.keys():
        os.unlink(os.path.join(root, name))
        written += 1
    return written


def _files(folder: str, suffix: str) -> Iterator[str]:
    """The files under ``folder`` ending in ``suffix``, as ``/``-separated relative paths."""
    for root, _, files in os.walk(folder):
        prefix = os.path.relpath(root, folder).replace(os.sep, "/")
        for name in files:
            if name.endswith(suffix):
                yield name if prefix == "." else f"{prefix}/{name}"


def copy_static(site_src: Path, docs: Path, languages: Iterable[str]) -> None:
    """Hand-written parts: assets into every language, ``site_src/<lang>/`` into its own."""
    for lang in languages:
        target = docs / lang_slug(lang)
        if (site_src / "assets").is_dir():
            shutil.copytree(site_src / "assets", target / "assets", dirs_exist_ok=True)
        if (site_src / lang_slug(lang)).is_dir():
            shutil.copytree(site_src / lang_slug(lang), target, dirs_exist_ok=True)


def _hand_written_nav(site_src: Path, lang: str) -> list:
    folder = site_src / lang_slug(lang)
    nav = []
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        title = next(
            (
                line[2:].strip()
                for line in path.read_text("utf-8").splitlines()
                if line.startswith("# ")
            ),
            path.stem,
        )
        nav.append({title: path.relative_to(folder).as_posix()})
    return nav


def language_config(
    config: Config,
    lang: str,
    base_file: Path,
    docs: Path,
    out: Path,
    site_src: Path,
    settings: SiteSettings,
) -> dict:
    """The MkDocs configuration of one language's site (inheriting ``mkdocs.yml``). What
    the base file says in English (palette toggles, heading links) is said here in the
    page's language; lists replace the inherited ones, so they are copied whole."""
    ui = ui_strings()[lang]
    slug = lang_slug(lang)
    language = config.language(lang)
    search: dict = {"lang": list(language.search), "separator": SEARCH_SEPARATOR}
    base = yaml.load(base_file.read_text("utf-8"), Loader=_KeepTagsLoader) or {}
    return {
        "INHERIT": str(base_file.resolve()),
        "site_name": ui["site_name"],
        "site_description": ui["tagline"],
        "site_url": f"{settings.site_url}{slug}/",
        **(
            {"repo_url": settings.repo_url, "edit_uri": settings.edit_uri}
            if settings.repo_url
            else {}
        ),
        "docs_dir": str((docs / slug).resolve()),
        "site_dir": str((out / slug).resolve()),
        "theme": {
            "language": language.theme,
            "custom_dir": str((site_src / "overrides").resolve()),
            **_palette(base, ui),
        },
        "markdown_extensions": _markdown_extensions(base, ui),
        "nav": [
            {ui["home"]: "index.md"},
            {ui["index"]: "a-z.md"},
            {ui["categories"]: "categories/index.md"},
            {ui["tags"]: "tags/index.md"},
            {ui["whats_new"]: "whats-new.md"},
            *_hand_written_nav(site_src, lang),
        ],
        "extra": {
            "alternate": [
                {
                    "name": language.name,
                    "link": f"{settings.site_url}{lang_slug(language.tag)}/",
                    "lang": language.tag,
                }
                for language in config.languages
            ],
            "glossary": {
                "lang": lang,
                "preview": settings.preview,
                "root_url": settings.site_url,
                "home": ui["home"],
                "index": ui["index"],
                "not_found_title": ui["not_found_title"],
                "not_found_text": ui["not_found_text"],
                "credit": ui["credit"],
                # Open Graph locales (ko_KR): this language's and the others'
                "locale": _og_locale(config.language(lang).locale),
                "locales": {
                    language.tag: _og_locale(language.locale) for language in config.languages
                },
                "incomplete": {
                    language.tag: ui_strings()[language.tag]["missing_language_marker"]
                    for language in config.languages
                },
            },
        },
        "plugins": [{"search": search}],
        "extra_css": ["assets/glossary.css"],
        # calculator.mjs: only pages with a calculator load it (overrides/main.html)
        "extra_javascript": ["assets/glossary.js", "assets/search.mjs", "assets/paths.mjs"],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }


class _Tagged:
    """A value of ``mkdocs.yml`` that MkDocs resolves itself (``!!python/name:…``), kept
    as written when a list holding it is copied into a language's configuration."""

    def __init__(self, tag: str, value: str) -> None:
        self.tag, self.value = tag, value

    def __repr__(self) -> str:
        return f"_Tagged({self.tag!r})"


class _KeepTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml keeping its ``!!python/…`` tags, without running them."""


_PYTHON_TAG = "tag:yaml.org,2002:python/"
_KeepTagsLoader.add_multi_constructor(
    _PYTHON_TAG,
    lambda loader, suffix, node: _Tagged(_PYTHON_TAG + suffix, loader.construct_scalar(node)),
)
yaml.SafeDumper.add_representer(
    _Tagged, lambda dumper, value: dumper.represent_scalar(value.tag, value.value)
)


def _palette(base: dict, ui: dict) -> dict:
    """The base palette with its toggles named in the page's language: a toggle is named
    after the scheme it switches to (the next one)."""
    palette = (base.get("theme") or {}).get("palette")
    if not isinstance(palette, list):
        return {}
    named = []
    for index, option in enumerate(palette):
        following = palette[(index + 1) % len(palette)]
        key = "palette_dark" if following.get("scheme") == "slate" else "palette_light"
        toggle = option.get("toggle")
        named.append({**option, "toggle": {**toggle, "name": ui[key]}} if toggle else option)
    return {"palette": named}


def _markdown_extensions(base: dict, ui: dict) -> list:
    """The base Markdown extensions, the heading links titled in the page's language."""
    extensions = []
    for item in base.get("markdown_extensions") or []:
        if item == "toc" or (isinstance(item, dict) and "toc" in item):
            options = item["toc"] if isinstance(item, dict) else {}
            item = {
                "toc": {"permalink": True, **(options or {}), "permalink_title": ui["permalink"]}
            }
        extensions.append(item)
    return extensions


def _og_locale(babel_locale: str) -> str:
    """A locale as Open Graph writes it: language_TERRITORY (zh_Hant_TW → zh_TW)."""
    locale = Locale.parse(babel_locale)
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def write_configs(configs: dict[str, dict], build: Path) -> dict[str, Path]:
    paths = {}
    for lang, data in configs.items():
        path = build / f"mkdocs.{lang_slug(lang)}.yml"
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths[lang] = path
    return paths


@dataclass(frozen=True)
class MkDocsRun:
    lang: str
    ok: bool
    seconds: float
    output: str


# MkDocs runs in a child that dies with the build: Linux's PR_SET_PDEATHSIG sends it
# SIGTERM when the thread that started it ends, even if the build is killed with SIGKILL.
_MKDOCS_CHILD = """
import ctypes, importlib, os, signal, sys
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
except (OSError, AttributeError):
    pass
if os.getppid() != int(os.environ["GLOSSARY_BUILD_PID"]):
    sys.exit(1)  # the build ended before this child was ready
engine = os.environ["GLOSSARY_ENGINE"]
sys.argv[0] = engine
importlib.import_module(engine + ".__main__").cli()
"""
# The engines that turn the generated Markdown and configurations into HTML: MkDocs 1.x,
# and ProperDocs, its drop-in continuation (MkDocs 1.x is no longer maintained). Both load
# Material as a theme; no glossary logic lives in a plugin or hook of either.
ENGINES = ("mkdocs", "properdocs")


class Children:
    """The MkDocs processes of one build, so that a build that is stopped stops them too."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen] = set()
        self._stopped = False

    def start(self, command: list[str], env: dict[str, str]) -> subprocess.Popen | None:
        with self._lock:
            if self._stopped:
                return None
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
            )
            self._running.add(process)
            return process

    def finished(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._running.discard(process)

    def stop(self) -> None:
        """Terminate every child still running (and start no more)."""
        with self._lock:
            self._stopped = True
            running, self._running = self._running, set()
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()


def run_mkdocs(
    config_file: Path,
    lang: str,
    strict: bool = True,
    children: Children | None = None,
    engine: str = "mkdocs",
    site_dir: Path | None = None,
) -> MkDocsRun:
    """One language's MkDocs build, in its own process (languages build in parallel),
    into ``site_dir`` if given (else the configuration's)."""
    command = [sys.executable, "-c", _MKDOCS_CHILD, "build", "-f", str(config_file)]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
        "GLOSSARY_BUILD_PID": str(os.getpid()),
        "GLOSSARY_ENGINE": engine,
    }
    children = children or Children()
    start = time.perf_counter()
    process = children.start(command, env)
    if process is None:
        return MkDocsRun(lang, False, 0.0, "stopped")
    try:
        output, _ = process.communicate()
    finally:
        children.finished(process)
    return MkDocsRun(lang, process.returncode == 0, time.perf_counter() - start, output.strip())


def run_all(
    config_files: dict[str, Path],
    out: Path | None = None,
    workers: int | None = None,
    engine: str = "mkdocs",
) -> list[MkDocsRun]:
    """Every language's MkDocs build, in parallel, into ``out/<slug>`` if given (else
    where its configuration says). Interrupted (Ctrl-C, SIGTERM turned into an exception
    by ``stop_on_signals``), it stops the builds still running."""
    workers = workers or max(1, min(len(config_files), os.cpu_count() or 1))
    children = Children()
    pool = ThreadPoolExecutor(workers)

    def run(lang: str, config_file: Path) -> MkDocsRun:
        # absolute: MkDocs reads a relative --site-dir from the configuration's folder
        site_dir = (out / lang_slug(lang)).resolve() if out is not None else None
        return run_mkdocs(config_file, lang, children=children, engine=engine, site_dir=site_dir)

    try:
        return list(pool.map(lambda item: run(*item), config_files.items()))
    finally:
        children.stop()
        pool.shutdown(wait=True)


class Stopped(KeyboardInterrupt):
    """The build received SIGTERM (or SIGHUP): unwind and clean up exactly as for Ctrl-C."""


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise ``Stopped`` in the main thread, so that
    ``finally`` blocks remove the staging folder and stop MkDocs (by default they would
    end the process on the spot). Outside the main thread, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def write_root(
    out: Path, config: Config, settings: SiteSettings, pages: Iterable[Placed], api: str = ""
) -> None:
    """The site root: a language chooser that follows the browser's language (and works
    without JavaScript), a 404 page, robots.txt, a sitemap with hreflang alternates and,
    given ``api``, the glossary as JSON in ``api/terms.json`` (``exchange.format_api``)."""
    if api:
        (out / "api").mkdir(parents=True, exist_ok=True)
        (out / "api" / "terms.json").write_text(api, encoding="utf-8")
    languages = [
        {
            "tag": language.tag,
            "name": language.name,
            "slug": lang_slug(language.tag),
            "site_name": ui_strings()[language.tag]["site_name"],
            "not_found": ui_strings()[language.tag]["not_found_text"],
        }
        for language in config.languages
    ]
    env = environment()
    (out / "index.html").write_text(
        env.get_template("root.html.j2").render(
            languages=languages, site_url=settings.site_url, preview=settings.preview
        ),
        encoding="utf-8",
    )
    (out / "404.html").write_text(
        env.get_template("404.html.j2").render(languages=languages, site_url=settings.site_url),
        encoding="utf-8",
    )
    robots = (
        "User-agent: *\nDisallow: /\n"  # a preview is not for search engines
        if settings.preview
        else f"User-agent: *\nAllow: /\nSitemap: {settings.site_url}sitemap.xml\n"
    )
    (out / "robots.txt").write_text(robots, encoding="utf-8")
    urls: dict[str, list[dict]] = {}
    order = {lang.tag: index for index, lang in enumerate(config.languages)}
    listed = [page for page in pages if page.indexed]  # unfinished pages are not offered
    for page in sorted(
        listed, key=lambda page: (url_path(page.path), order.get(page.lang, len(order)))
    ):
        path = url_path(page.path)
        urls.setdefault(path, []).append(
            {"lang": page.lang, "url": f"{settings.site_url}{lang_slug(page.lang)}/{path}"}
        )
    (out / "sitemap.xml").write_text(
        env.get_template("sitemap.xml.j2").render(
            entries=list(urls.values()), root=settings.site_url
        ),
        encoding="utf-8",
    )


def swap_into_place(built: Path, target: Path) -> None:
    """Replace ``target`` by ``built`` with renames only (no half-written site). The old
    site is then removed by a process of its own: on a large glossary deleting it takes
    as long as writing it, and nobody needs to wait for that."""
    if not target.exists():
        os.replace(built, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.replace(target, old / target.name)
    os.replace(built, target)
    _remove_old(target)


def _remove_old(target: Path) -> None:
    """Remove the old copies of ``target`` in a process that outlives this one."""
    try:
        subprocess.Popen(
            [sys.executable, "-c", _REMOVE, str(target)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        remove_old_copies(target)


_REMOVE = "import sys; from glossary.emit import remove_old_copies; remove_old_copies(sys.argv[1])"


def remove_old_copies(target: Path | str) -> None:
    """Delete every old copy of a site: the last build's and any whose removal was cut short."""
    target = Path(target)
    for old in target.parent.glob(f".{target.name}.old-*"):
        shutil.rmtree(old, ignore_errors=True)


def staging_dir(target: Path) -> Path:
    """A new folder beside ``target`` to build the site in, named after this process.
    Staging folders of builds that are no longer running (killed halfway) are removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(target)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-{os.getpid()}-", dir=target.parent))


def remove_stale_staging(target: Path) -> None:
    for folder in target.parent.glob(f".{target.name}.new-*"):
        owner = folder.name.removeprefix(f".{target.name}.new-").split("-")[0]
        if not (owner.isdigit() and _is_running(int(owner))):
            shutil.rmtree(folder, ignore_errors=True)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def write_blobs(folder: Path, plan: dict[str, bytes], prune: bool) -> int:
    """``write_plan`` for binary files (the flashcard decks): each file of ``plan`` whose
    bytes differ from what is there, and with ``prune`` the removal of the others."""
    present = set(_files(str(folder), "")) if prune and folder.is_dir() else set()
    written = 0
    for name, data in plan.items():
        path = folder / name
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    for name in present - plan.keys():
        (folder / name).unlink()
        written += 1
    return written
