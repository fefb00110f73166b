"""The standard checkers a careful reviewer runs on a public site, on a sample of every page
type in every language (../shared/guide/quality-gates.md): the Nu HTML Checker (vnu),
axe-core in light and dark schemes, Lighthouse (slow: ``pytest -m slow``), and the pages'
JSON-LD against schema.org's DefinedTerm / DefinedTermSet. Run them on any built site with
``pytest -m gates --gates-site DIR``."""

from __future__ import annotations

import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, serve_directory
from conftest import GATES

pytestmark = pytest.mark.gates

SLUGS = ("en", "ko", "zh-hans", "zh-hant")
METRIC, TERM = "churn-rate", "lead"
PATH = "week-1"  # a learning path


def sample(site: Path) -> list[str]:
    """One page of every type in every language, as paths under ``site``."""
    pages = ["index.html", "404.html"]
    for slug in SLUGS:
        root = site / slug
        first = {
            kind: next((p.parent.name for p in sorted((root / kind).glob("*/index.html"))), None)
            for kind in ("categories", "tags")
        }
        pages += [
            f"{slug}/index.html",
            f"{slug}/a-z/index.html",
            f"{slug}/categories/index.html",
            f"{slug}/categories/{first['categories']}/index.html",
            f"{slug}/tags/index.html",
            f"{slug}/tags/{first['tags']}/index.html",
            f"{slug}/terms/{TERM}/index.html",
            f"{slug}/terms/{METRIC}/index.html",
            f"{slug}/guide/editing/index.html",
            f"{slug}/404.html",
            f"{slug}/practice/index.html",
            f"{slug}/quiz/index.html",
            f"{slug}/quiz/{first['categories']}/index.html",
            f"{slug}/paths/index.html",
            f"{slug}/paths/{PATH}/index.html",
            f"{slug}/whats-new/index.html",
            f"{slug}/print/categories/{first['categories']}/index.html",
            f"{slug}/print/paths/{PATH}/index.html",
        ]
        pages += [  # the reference pages are English only
            p.relative_to(site).as_posix() for p in sorted(root.glob("reference/*/index.html"))
        ]
    redirects = sorted(site.glob(f"{SLUGS[0]}/terms/*/index.html"))
    pages += [
        p.relative_to(site).as_posix()
        for p in redirects
        if 'http-equiv="refresh"' in p.read_text("utf-8")
    ][:1]
    missing = [page for page in pages if not (site / page).is_file()]
    assert missing == []
    return pages


# ------------------------------------------------------------------------------ vnu


def test_every_sampled_page_is_valid_html(published_site: Path) -> None:
    pages = sample(published_site)
    jar = GATES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    done = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--also-check-css", *pages],
        cwd=published_site,
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    problems = sorted(
        {
            f"{m['type']}: {m.get('url', '').split('/')[-2:]}: {m.get('message')}"
            for m in messages
            if m["type"] == "error" or m.get("subType") == "warning"
        }
    )
    assert problems == []


# ------------------------------------------------------------------------------ axe


@pytest.fixture(scope="module")
def served(published_site: Path, published_port: int):
    with serve_directory(published_site, published_port) as url:
        yield url


@pytest.mark.slow  # about a minute per scheme: run by .ci/run with -m slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_has_an_accessibility_violation(
    published_site: Path, served: str, browser, scheme: str
) -> None:
    axe = (GATES / "axe-core" / "axe.min.js").read_text("utf-8")
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = []
    try:
        for path in sample(published_site):
            page.goto(served + path.removesuffix("index.html"))
            page.add_script_tag(content=axe)
            found = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']}))"
                ".violations.map(v => [v.id, v.impact, v.nodes.length,"
                " v.nodes[0].target.join(' ')])"
            )
            violations += [(path, *item) for item in found]
    finally:
        context.close()
    assert violations == []


# ------------------------------------------------------------------------------ JSON-LD


class _JsonLd(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks.append(data)


def _empty_values(value: object, where: str = "") -> list[str]:
    """Places holding an empty array, an empty string or null (not valid schema.org data)."""
    if value is None or value in ("", [], {}):
        return [where]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _empty_values(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _empty_values(v, f"{where}[{i}]")]
    return []


def test_structured_data_is_valid_defined_terms(published_site: Path) -> None:
    problems = []
    terms = 0
    for path in sorted(published_site.glob("*/terms/*/index.html")):
        parser = _JsonLd()
        parser.feed(path.read_text("utf-8"))
        for block in parser.blocks:
            data = json.loads(block)
            where = path.relative_to(published_site).as_posix()
            problems += [f"{where}: empty {p}" for p in _empty_values(data)]
            if data.get("@type") == "DefinedTerm":
                terms += 1
                for field in ("@context", "name", "description", "url", "inDefinedTermSet"):
                    if field not in data:
                        problems.append(f"{where}: DefinedTerm without {field}")
                term_set = data.get("inDefinedTermSet", {})
                if term_set.get("@type") != "DefinedTermSet" or not term_set.get("name"):
                    problems.append(f"{where}: inDefinedTermSet is not a named DefinedTermSet")
    assert terms >= 4 * 200 and problems == []


def test_x_default_points_to_the_english_page(published_site: Path) -> None:
    sitemap = (published_site / "sitemap.xml").read_text("utf-8")
    block = sitemap.split(f"/ko/terms/{TERM}/</loc>")[1].split("</url>")[0]
    [default] = re.findall(r'hreflang="x-default" href="([^"]+)"', block)
    assert default.endswith(f"/en/terms/{TERM}/")


# ------------------------------------------------------------------------------ Lighthouse

LIGHTHOUSE_SAMPLE = [
    "index.html",
    "en/index.html",
    f"ko/terms/{METRIC}/index.html",
    f"zh-hans/terms/{TERM}/index.html",
    "zh-hant/a-z/index.html",
    "en/categories/index.html",
    "ko/tags/index.html",
    "zh-hans/guide/editing/index.html",
    "en/reference/term-format/index.html",
]


@pytest.mark.slow
@pytest.mark.parametrize("path", LIGHTHOUSE_SAMPLE)
def test_lighthouse_scores_100(published_site: Path, served: str, path: str, tmp_path) -> None:
    report = tmp_path / "report.json"
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new"])
    subprocess.run(
        [
            str(GATES / ".bin" / "lighthouse"),
            served + path.removesuffix("index.html"),
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=accessibility,best-practices,seo",
            f"--chrome-flags={flags}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        timeout=300,
        check=True,
    )
    result = json.loads(report.read_text("utf-8"))
    scores = {key: round(cat["score"] * 100) for key, cat in result["categories"].items()}
    failing = sorted(
        audit["id"]
        for audit in result["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    )
    assert scores == {"accessibility": 100, "best-practices": 100, "seo": 100}, failing
