"""A real build of a fixture project: every language, the site root, SEO metadata, and
no broken internal link or anchor anywhere in the output."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from conftest import ROOT, make_site_project, run_cli
from glossary.site import Project, build_site

LANGS = {"en": "en", "ko": "ko", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.head_links: list[dict] = []
        self.scripts: list[tuple[dict, str]] = []
        self.html_lang = ""
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.html_lang = attrs.get("lang", "")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("link", "script", "img") and (attrs.get("href") or attrs.get("src")):
            self.links.append(attrs.get("href") or attrs.get("src"))
        if tag == "link":
            self.head_links.append(attrs)
        if tag == "script":
            self._script = attrs

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def _target(site: Path, page_path: Path, href: str) -> tuple[Path | None, str]:
    """The file a relative or same-site link points at, and its fragment."""
    base = "http://site/" + page_path.relative_to(site).as_posix()
    url = urlparse(urljoin(base, href))
    if url.netloc != "site":
        return None, ""
    path = site / unquote(url.path).lstrip("/")
    if path.is_dir() or url.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(url.fragment)


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    site = built_site / "site"
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for href in page.links:
            if href.startswith(("mailto:", "javascript:", "data:")):
                continue
            target, fragment = _target(site, path, href)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{path.relative_to(site)} → {href}")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{path.relative_to(site)} → {href} (no #{fragment})")
    assert len(pages) > 60
    assert broken == []


@pytest.mark.parametrize("slug, lang", LANGS.items())
def test_each_language_section_has_its_pages_in_its_language(
    built_site: Path, slug: str, lang: str
) -> None:
    site = built_site / "site" / slug
    for page in (
        "index.html",
        "a-z/index.html",
        "categories/index.html",
        "tags/index.html",
        "terms/churn-rate/index.html",
        "terms/sales-lead/index.html",
        "404.html",
    ):
        assert (site / page).is_file(), page
    assert _parse(site / "terms" / "churn-rate" / "index.html").html_lang == lang


def test_term_pages_carry_canonical_hreflang_and_json_ld(built_site: Path) -> None:
    page = _parse(built_site / "site" / "ko" / "terms" / "churn-rate" / "index.html")
    canonical = [link["href"] for link in page.head_links if link.get("rel") == "canonical"]
    assert canonical == ["https://glossary.example.com/ko/terms/churn-rate/"]
    # the language versions are in the sitemap (Material would fetch a sitemap.xml next to
    # every <link rel="alternate"> in the head, under term pages where none exists)
    assert [link for link in page.head_links if link.get("rel") == "alternate"] == []
    sitemap = (built_site / "site" / "sitemap.xml").read_text("utf-8")
    block = sitemap.split("<loc>https://glossary.example.com/ko/terms/churn-rate/</loc>")[1]
    alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block.split("</url>")[0]))
    assert alternates == {
        "en": "https://glossary.example.com/en/terms/churn-rate/",
        "ko": "https://glossary.example.com/ko/terms/churn-rate/",
        "zh-Hans": "https://glossary.example.com/zh-hans/terms/churn-rate/",
        "zh-Hant": "https://glossary.example.com/zh-hant/terms/churn-rate/",
        "x-default": "https://glossary.example.com/en/terms/churn-rate/",
    }
    [data] = [
        json.loads(text)
        for attrs, text in page.scripts
        if attrs.get("type") == "application/ld+json"
    ]
    assert data["@type"] == "DefinedTerm" and data["name"] == "고객 이탈률"
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    html = (built_site / "site" / "ko" / "terms" / "churn-rate" / "index.html").read_text("utf-8")
    assert "<title>고객 이탈률 - 세일즈 용어집</title>" in html
    assert (
        '<meta name="description" content="기간 초 고객 가운데 그 기간에 해지한 고객의 비율입니다.">'
        in html
    )


def test_a_script_in_a_definition_is_shown_as_text(built_site: Path) -> None:
    for slug in LANGS:
        html = (
            built_site / "site" / slug / "terms" / "script-in-definition" / "index.html"
        ).read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
    html = (built_site / "site" / "en" / "terms" / "script-in-definition" / "index.html").read_text(
        "utf-8"
    )
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_the_root_chooses_a_language_and_works_without_javascript(built_site: Path) -> None:
    root = built_site / "site" / "index.html"
    page = _parse(root)
    assert [h for h in page.links if h.endswith("/") and not h.startswith("http")] == [
        "en/",
        "ko/",
        "zh-hans/",
        "zh-hant/",
    ]
    script = next(text for attrs, text in page.scripts if not attrs)
    assert "navigator.languages" in script and 'pick = "zh-hant"' in script
    assert (built_site / "site" / "404.html").is_file()
    assert (
        "Sitemap: https://glossary.example.com/sitemap.xml"
        in (built_site / "site" / "robots.txt").read_text()
    )


def test_the_sitemap_lists_every_page_with_its_alternates(built_site: Path) -> None:
    sitemap = (built_site / "site" / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://glossary.example.com/zh-hant/terms/churn-rate/" in locs
    assert len(locs) == len(set(locs))
    terms = {loc.split("/terms/")[1] for loc in locs if "/terms/" in loc}
    for slug in LANGS:
        assert {loc.split("/terms/")[1] for loc in locs if f"/{slug}/terms/" in loc} == terms
    assert "https://glossary.example.com/en/reference/term-format/" in locs
    block = sitemap.split("<loc>https://glossary.example.com/ko/terms/churn-rate/</loc>")[1].split(
        "</url>"
    )[0]
    assert block.count('rel="alternate"') == 5 and 'hreflang="x-default"' in block


def test_a_failed_build_leaves_the_previous_site_untouched(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    root = make_site_project(tmp_path)
    monkeypatch.chdir(root)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("previous site", "utf-8")
    churn = root / "terms" / "churn-rate.yaml"
    churn.write_text(
        churn.read_text("utf-8").replace("target: retention-rate", "target: retension-rate"),
        "utf-8",
    )
    code, out, err = run_cli(capsys, "build")
    assert code == 1
    assert "error[unknown-ref]" in err
    assert err.strip().endswith("the site was not built; site is unchanged.")
    assert (root / "site" / "index.html").read_text("utf-8") == "previous site"
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_a_failing_mkdocs_build_also_leaves_the_site_untouched(tmp_path: Path) -> None:
    root = make_site_project(tmp_path)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("previous site", "utf-8")
    (root / "site_src" / "en" / "broken.md").write_text(
        "# Broken\n\n[missing](nowhere.md)\n", "utf-8"
    )
    result = build_site(Project(root), root / "site")
    assert not result.ok
    assert any("nowhere.md" in run.output for run in result.runs if not run.ok)
    assert (root / "site" / "index.html").read_text("utf-8") == "previous site"


_GENERATE = """
import sys
from pathlib import Path
from glossary.config import load_config
from glossary.emit import read_base_config, site_settings
from glossary.site import Project, generate
project = Project(Path(sys.argv[1]))
settings = site_settings(read_base_config(project.base_config))
generated = generate(project, load_config(), settings)
print(len(generated.pages), len(generated.changed))
"""


def test_generated_files_do_not_depend_on_hash_order(tmp_path: Path) -> None:
    """The same terms give byte-identical generated files from one run to the next (set
    and hash order vary between Python processes); otherwise every build would look
    like a change to ``glossary serve`` and to anyone diffing the build folder."""
    import os
    import subprocess
    import sys

    trees = []
    for seed in ("1", "2"):
        (tmp_path / f"seed-{seed}").mkdir()
        root = make_site_project(tmp_path / f"seed-{seed}")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _GENERATE, str(root)], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        docs = root / "build" / "docs"
        trees.append(
            {
                p.relative_to(docs).as_posix(): p.read_bytes()
                for p in sorted(docs.rglob("*"))
                if p.is_file()
            }
        )
    assert trees[0].keys() == trees[1].keys() and len(trees[0]) > 50
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []


def test_a_second_generation_rewrites_only_what_changed(tmp_path: Path) -> None:
    """Unchanged pages are not rewritten (their files keep their modification time), only
    the languages an edit affects are reported as changed, and the page of a concept
    whose file is gone is removed."""
    from glossary.config import load_config
    from glossary.emit import read_base_config, site_settings
    from glossary.site import docs_dir, generate

    root = make_site_project(tmp_path)
    project = Project(root)
    settings = site_settings(read_base_config(project.base_config))
    docs = docs_dir(project)

    def run() -> set[str]:
        generated = generate(project, load_config(), settings, incremental=False)
        assert generated.ok and generated.pages
        return set(generated.changed)

    assert run() == set(LANGS.values())
    stamps = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    term = root / "terms" / "script-in-definition.yaml"
    term.write_text(
        term.read_text("utf-8").replace("「<script> 只是文字。」", "「<script> 仍然只是文字。」"),
        "utf-8",
    )
    assert run() == {"zh-Hant"}
    touched = sorted(
        p.relative_to(docs).as_posix() for p, ns in stamps.items() if p.stat().st_mtime_ns != ns
    )
    assert touched == ["zh-hant/terms/script-in-definition.md"]

    term.unlink()
    assert run() == set(LANGS.values())
    assert not list(docs.rglob("script-in-definition.md"))
    assert (docs / "en" / "terms" / "churn-rate.md").is_file()


def test_a_rebuild_renders_only_the_languages_whose_inputs_changed(tmp_path: Path) -> None:
    """``glossary build`` remembers what each language's pages were made from: with
    nothing changed it renders nothing and builds the same site; an edit renders the
    languages it affects; a language whose pages are gone, or new site settings, are
    rendered again."""
    root = make_site_project(tmp_path)
    project, site = Project(root), root / "site"

    def build(site_url: str | None = None) -> tuple[set[str], dict[str, bytes]]:
        result = build_site(project, site, site_url)
        assert result.ok
        files = {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in site.rglob("*")
            if p.suffix in (".html", ".json") or p.name == "sitemap.xml"
        }
        return result.rendered, files

    rendered, first = build()
    assert rendered == set(LANGS.values())
    rendered, again = build()
    assert rendered == set() and again == first

    term = root / "terms" / "script-in-definition.yaml"
    term.write_text(
        term.read_text("utf-8").replace("「<script> 只是文字。」", "「<script> 仍然只是文字。」"),
        "utf-8",
    )
    rendered, edited = build()
    assert rendered == {"zh-Hant"}
    assert "仍然只是文字" in edited["zh-hant/terms/script-in-definition/index.html"].decode()
    assert edited["en/terms/churn-rate/index.html"] == first["en/terms/churn-rate/index.html"]

    import shutil

    shutil.rmtree(root / "build" / "docs" / "ko")
    rendered, rebuilt = build()  # nothing the build reads changed: the site stays as it is
    assert rendered == set() and rebuilt == edited
    (root / "terms" / "churn-rate.yaml").touch()  # something did: ko's pages are made again
    rendered, rebuilt = build()
    assert rendered == {"ko"} and rebuilt == edited

    rendered, moved = build("https://terms.example.org/")
    assert rendered == set(LANGS.values())
    assert (
        b"https://terms.example.org/en/terms/churn-rate/" in moved["en/terms/churn-rate/index.html"]
    )


def test_parallel_and_serial_generation_write_the_same_files(tmp_path: Path, monkeypatch) -> None:
    """The real glossary is large enough to render its languages, search files and API in
    worker processes; doing it all in one process must give the very same files."""
    import shutil

    import glossary.site as site
    from glossary.config import load_config
    from glossary.emit import read_base_config, site_settings

    parallel_from = site.PARALLEL_RENDER_FROM
    assert len(list(ROOT.joinpath("terms").glob("*.yaml"))) >= parallel_from
    trees, apis = [], []
    for threshold in (parallel_from, 10**9):
        monkeypatch.setattr(site, "PARALLEL_RENDER_FROM", threshold)
        root = tmp_path / f"from-{threshold}"
        root.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "site_src", root / "site_src")
        shutil.copytree(ROOT / "terms", root / "terms")
        project = Project(root)
        generated = site.generate(
            project, load_config(), site_settings(read_base_config(project.base_config))
        )
        assert generated.ok and generated.changed == set(LANGS.values())
        build = project.build
        trees.append(
            {
                p.relative_to(build).as_posix(): p.read_bytes()
                for folder in (site.docs_dir(project),)
                for p in folder.rglob("*")
                if p.is_file()
            }
        )
        apis.append(generated.api)
    assert trees[0].keys() == trees[1].keys() and len(trees[0]) > 1000
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []
    assert apis[0] == apis[1] and apis[0]


def test_the_new_site_is_swapped_in_at_once_and_the_old_one_removed_aside(tmp_path: Path) -> None:
    """The swap is two renames; the old site (and any old copy an earlier build left
    behind) is deleted by a background process, which the build does not wait for."""
    import time

    from glossary.emit import swap_into_place

    site, built = tmp_path / "site", tmp_path / ".site.new-1"
    for folder, name in (
        (site, "old.html"),
        (built, "new.html"),
        (tmp_path / ".site.old-cut-short", "x"),
    ):
        (folder / "terms" / "a").mkdir(parents=True)
        (folder / "terms" / "a" / name).write_text(name, "utf-8")
    swap_into_place(built, site)
    assert sorted(p.name for p in site.rglob("*.html")) == ["new.html"] and not built.exists()
    deadline = time.monotonic() + 60
    while list(tmp_path.glob(".site.old-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
