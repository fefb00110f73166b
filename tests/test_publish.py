"""Publishing: what a static host gets besides the pages (redirects for renamed concepts,
cache headers, the URL manifest), a build that refuses to drop a published address, a
preview that search engines are asked not to index, repository links only when there is a
repository, and the same site from the second engine (ProperDocs)."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_glossary


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"]] = attrs.get("content") or ""
        if tag == "meta" and attrs.get("http-equiv") == "refresh":
            self.meta["refresh"] = attrs.get("content") or ""
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href") or ""


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_a_renamed_concept_keeps_its_old_address_in_every_language(built_site: Path) -> None:
    site = built_site / "site"
    for slug in ("en", "ko", "zh-hans", "zh-hant"):
        page = _parse(site / slug / "terms" / "lead" / "index.html")
        target = f"https://glossary.example.com/{slug}/terms/sales-lead/"
        assert page.meta["robots"] == "noindex"
        assert page.meta["refresh"] == f"0; url={target}"
        assert page.canonical == target and page.links == [target]
    redirects = (site / "_redirects").read_text("utf-8").splitlines()
    assert "/ko/terms/lead/ /ko/terms/sales-lead/ 301" in redirects and len(redirects) == 4


def test_fingerprinted_assets_are_cached_for_a_year_and_pages_are_not(built_site: Path) -> None:
    site = built_site / "site"
    rules = (site / "_headers").read_text("utf-8").split("\n/")[1:]
    paths = {rule.splitlines()[0].lstrip("/"): rule for rule in rules}
    hashed = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.min.*")
        if re.search(r"\.[0-9a-f]{8,}\.min\.(js|css)$", p.name)
    )
    assert hashed and sorted(paths) == hashed
    assert all("max-age=31536000, immutable" in rule for rule in paths.values())
    assert not any(path.endswith((".html", "/")) or "*" in path for path in paths)


def test_the_url_manifest_lists_every_page_and_redirect(built_site: Path) -> None:
    site = built_site / "site"
    manifest = json.loads((site / "url-manifest.json").read_text("utf-8"))
    urls = set(manifest["urls"])
    assert {"en/terms/churn-rate/", "zh-hant/terms/sales-lead/", "ko/terms/lead/"} <= urls
    pages = {
        p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html")
    }
    assert urls == pages


def test_without_a_repository_there_is_no_repository_or_edit_link(built_site: Path) -> None:
    assert "repo_url" not in yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    page = (built_site / "site" / "en" / "terms" / "churn-rate" / "index.html").read_text("utf-8")
    assert "gl-edit" not in page and "md-source" not in page and "api.github.com" not in page


@pytest.fixture(scope="module")
def second_build(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built fixture project, copied: its site is the one previously published."""
    root = tmp_path_factory.mktemp("published") / "project"
    shutil.copytree(built_site, root, symlinks=True)
    return root


def test_a_build_that_would_drop_a_published_address_fails(second_build: Path) -> None:
    """A concept renamed without recording its old id would leave its old pages missing:
    the build fails and publishes nothing; with ``replaces`` it goes through."""
    root = second_build
    previous = root / "previous-urls.json"
    shutil.copy(root / "site" / "url-manifest.json", previous)
    index = (root / "site" / "en" / "index.html").read_bytes()
    old = root / "terms" / "retention-rate.yaml"
    renamed = root / "terms" / "customer-retention-rate.yaml"
    renamed.write_text(
        old.read_text("utf-8").replace("id: retention-rate", "id: customer-retention-rate"), "utf-8"
    )
    old.unlink()
    churn = root / "terms" / "churn-rate.yaml"
    churn.write_text(
        churn.read_text("utf-8").replace(
            "target: retention-rate", "target: customer-retention-rate"
        ),
        "utf-8",
    )
    result = run_glossary(root, "build", "--compare-urls", str(previous), "--repo-url", REPO)
    assert result.returncode == 1
    gone = [
        line.replace(str(root) + "/", "")
        for line in result.stderr.splitlines()
        if "error[url-gone]" in line
    ]
    assert gone == [
        f"previous-urls.json:1:1: error[url-gone]: {slug}/terms/retention-rate/ was published by "
        "the build this manifest comes from, but this build has no page there. If the concept "
        "was renamed or merged, list its old id under replaces in the concept that took it "
        "over; otherwise keep the page."
        for slug in ("en", "ko", "zh-hans", "zh-hant")
    ]
    assert (root / "site" / "en" / "index.html").read_bytes() == index  # nothing published
    assert not list(root.glob(".site.new-*"))

    text = renamed.read_text("utf-8")
    renamed.write_text(
        text.replace("\ncategory:", "\nreplaces: [retention-rate]\ncategory:", 1), "utf-8"
    )
    result = run_glossary(root, "build", "--compare-urls", str(previous), "--repo-url", REPO)
    assert result.returncode == 0, result.stderr
    moved = _parse(root / "site" / "ko" / "terms" / "retention-rate" / "index.html")
    assert moved.canonical == "https://glossary.example.com/ko/terms/customer-retention-rate/"
    page = (root / "site" / "en" / "terms" / "churn-rate" / "index.html").read_text("utf-8")
    assert f'href="{REPO}/edit/main/terms/churn-rate.yaml"' in page
    assert f'href="{REPO}"' in page  # the header's repository link


REPO = "https://example.org/team/glossary"


def test_a_manifest_that_is_not_one_is_refused(second_build: Path) -> None:
    bogus = second_build / "bogus.json"
    bogus.write_text("[1, 2]", "utf-8")
    result = run_glossary(second_build, "build", "--compare-urls", str(bogus))
    assert result.returncode == 1
    assert (
        "bogus.json:1:1: error[bad-manifest]: this is not a URL manifest written by glossary "
        "build. Give --compare-urls the url-manifest.json of a previous build's site."
    ) in result.stderr


@pytest.fixture(scope="module")
def properdocs_preview(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built by the second engine, as a per-change preview."""
    root = tmp_path_factory.mktemp("properdocs") / "project"
    shutil.copytree(built_site, root, symlinks=True, ignore=shutil.ignore_patterns("site", "build"))
    result = run_glossary(root, "build", "--engine", "properdocs", "--preview")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def _pages_and_links(site: Path) -> dict[str, list[str]]:
    return {
        p.relative_to(site).as_posix(): sorted(_parse(p).links)
        for p in sorted(site.rglob("*.html"))
    }


def test_properdocs_builds_the_same_pages_with_the_same_links(
    built_site: Path, properdocs_preview: Path
) -> None:
    mkdocs = _pages_and_links(built_site / "site")
    properdocs = _pages_and_links(properdocs_preview)
    assert len(mkdocs) > 80 and mkdocs.keys() == properdocs.keys()
    assert [page for page in mkdocs if mkdocs[page] != properdocs[page]] == []
    page = (properdocs_preview / "en" / "terms" / "churn-rate" / "index.html").read_text("utf-8")
    assert "ProperDocs" in page  # it really was the other engine


def test_a_preview_is_not_for_search_engines(properdocs_preview: Path) -> None:
    pages = [p for p in properdocs_preview.rglob("*.html")]
    unindexed = [p for p in pages if _parse(p).meta.get("robots") == "noindex"]
    assert len(pages) > 80 and unindexed == pages
    assert (properdocs_preview / "robots.txt").read_text("utf-8") == "User-agent: *\nDisallow: /\n"


def test_the_deploy_workflow_builds_gates_and_deploys() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    build = workflow["jobs"]["build"]["steps"]
    commands = "\n".join(step.get("run", "") for step in build)
    uses = [step.get("uses", "").split("@")[0] for step in build]
    assert "glossary check --strict" in commands
    assert re.search(r"glossary build --site-dir public\s+--site-url .*--compare-urls", commands)
    assert "npm ci --prefix tests/gates" in commands
    assert 'pytest -m "gates" tests/test_gates.py' in commands
    assert "actions/upload-pages-artifact" in uses
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_a_missing_engine_is_named_with_how_to_install_it(
    project: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from conftest import run_cli

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "properdocs" else real(name, *a),
    )
    code, out, err = run_cli(capsys, "build", "--engine", "properdocs")
    assert (code, out) == (2, "")
    assert err == (
        "the site engine 'properdocs' is not installed. Install it with: pip install properdocs\n"
    )


def test_shared_links_show_the_page_in_its_language(built_site: Path) -> None:
    html = (built_site / "site" / "zh-hant" / "terms" / "churn-rate" / "index.html").read_text(
        "utf-8"
    )
    meta = dict(
        re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', html)
    )
    alternates = re.findall(r'<meta property="og:locale:alternate" content="([^"]+)"', html)
    assert meta["og:title"] == meta["twitter:title"] == "客戶流失率"
    assert meta["og:description"] == "期初客戶中在本期間內取消的客戶所占的比例。"
    assert meta["og:url"] == "https://glossary.example.com/zh-hant/terms/churn-rate/"
    assert (meta["og:type"], meta["og:locale"], meta["twitter:card"]) == (
        "article",
        "zh_TW",
        "summary",
    )
    assert sorted(alternates) == ["en_US", "ko_KR", "zh_CN"]
    assert meta["og:site_name"] == "銷售術語表"
