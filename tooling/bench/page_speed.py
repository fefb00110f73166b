"""Benchmark: how fast our pages load for a reader on a phone, next to a stock MkDocs
Material page measured in the same run (issue 20, "Pages readers wait for").

    python tooling/bench/page_speed.py [--site DIR] [--pages home term metric]
        [--langs ko zh-Hans zh-Hant en] [--runs 3] [--term lead] [--metric churn-rate]
        [--reports DIR]

Our site is the real glossary built into a workspace (``synthetic.project``), or the site
given with ``--site`` (``glossary build``'s ``site/`` folder, with its ``build/`` folder
beside it). The *stock* site is, per language, a minimal MkDocs project generated into the
workspace: ``theme: material`` with Material's defaults (its stock language pack for the
language: en, ko, zh, zh-TW; the default ``search`` plugin, which fetches its index on
load; no ``extra_css`` or ``extra_javascript``, no overrides), except ``font: false``: the
machine is offline, and Google Fonts failing at once would flatter the stock page, so it
gets system fonts as ours does (a stricter comparison than a stock site online). Its pages
are the very Markdown our build generated for the same pages (``build/docs/<lang>/``: the
home page, the term page, the metric page, front matter and raw HTML included), so both
sides show the same content and differ only in what the theme and our additions load.

Both sites are served from 127.0.0.1 by one small static server (HTTP/1.1 with
keep-alive; each site on its own port, so its own origin) that compresses text
(HTML, CSS, JavaScript, JSON, SVG, XML) with gzip at level 6 when the browser accepts it,
as a real host or CDN does (the compressed bytes are cached in memory; ``_headers`` is not
read, so caching headers are the server's defaults on both sides).

Lighthouse (the pinned one in ``tests/gates/node_modules``; Chromium at /usr/bin/chromium
with the flags of the quality gates) runs its default mobile preset with its default
simulated throttling, performance category only, alternately on the stock page and ours
(stock first on odd runs, ours first on even ones), ``--runs`` times each. Other work on
the machine slows the measured CPU time; alternating spreads that over both sides.

Printed per page and language: the performance score (median and range), the medians of
LCP, FCP, TBT and CLS, and the bytes transferred (as served, gzip), ours next to stock,
then whether the goals hold: performance at least the stock page's median, LCP at most
2.5 s. ``--reports DIR`` keeps every Lighthouse report (JSON) for its diagnostics.
Asserts nothing."""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import project, workspace  # noqa: E402

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

LIGHTHOUSE = ROOT / "tests" / "gates" / "node_modules" / ".bin" / "lighthouse"
SLUGS = {"en": "en", "ko": "ko", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}
STOCK_LANGUAGE = {"en": "en", "ko": "ko", "zh-Hans": "zh", "zh-Hant": "zh-TW"}
GOAL_LCP_MS = 2500
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}


# ------------------------------------------------------------------------------ sites


def build_ours() -> Path:
    """The real glossary's site, built in a workspace; its ``build/`` folder is beside it."""
    from glossary.site import Project, build_site

    root = project("pages-", None)
    start = time.perf_counter()
    result = build_site(Project(root), root / "site")
    if not result.ok:
        raise SystemExit(f"the build of {root} failed")
    print(f"built our site {root / 'site'} in {time.perf_counter() - start:.0f} s", flush=True)
    return root / "site"


def page_sources(pages: list[str], term: str, metric: str) -> dict[str, str]:
    """Each page kind's Markdown file under a language's docs and its path on the site."""
    known = {"home": "index.md", "term": f"terms/{term}.md", "metric": f"terms/{metric}.md"}
    return {kind: known[kind] for kind in pages}


def site_path(markdown: str) -> str:
    """Where MkDocs publishes ``markdown`` (use_directory_urls)."""
    return "" if markdown == "index.md" else markdown.removesuffix(".md") + "/"


def build_stock(ours: Path, langs: list[str], sources: dict[str, str], into: Path) -> Path:
    """Per language, a stock Material site (see the module's docstring) of the same pages'
    Markdown, built with MkDocs into ``into/<slug>/``."""
    import yaml

    docs_root = ours.parent / "build" / "docs"
    for lang in langs:
        slug = SLUGS[lang]
        source = docs_root / slug
        if not source.is_dir():
            raise SystemExit(f"{source} is missing: build our site with its build/ folder")
        project_dir = into.parent / f"stock-project-{slug}"
        docs = project_dir / "docs"
        for markdown in sources.values():
            (docs / markdown).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source / markdown, docs / markdown)
        ours_config = yaml.safe_load((ours.parent / "build" / f"mkdocs.{slug}.yml").read_text())
        config = {
            "site_name": ours_config["site_name"],
            "site_url": f"http://127.0.0.1/{slug}/",
            "site_dir": str(into / slug),
            "theme": {"name": "material", "language": STOCK_LANGUAGE[lang], "font": False},
            "markdown_extensions": ["attr_list", "admonition", "tables", "toc"],
        }
        (project_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet"],
            cwd=project_dir,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise SystemExit(f"the stock site for {lang} failed to build:\n{done.stderr[-2000:]}")
    return into


# ------------------------------------------------------------------------------ server


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files over HTTP/1.1 with keep-alive; text compressed with gzip (level 6)
    when the browser accepts it."""

    protocol_version = "HTTP/1.1"
    cache: dict[Path, bytes] = {}
    lock = threading.Lock()

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        with self.lock:
            body = self.cache.get(path)
            if body is None:
                body = self.cache[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    handler = functools.partial(_GzipHandler, directory=str(root))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------------------ Lighthouse


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run (mobile, simulated throttling, performance only): its figures."""
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new"])
    done = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance",
            f"--chrome-flags={flags}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0 or not report.is_file():
        raise SystemExit(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    result = json.loads(report.read_text("utf-8"))
    audits = result["audits"]
    return {
        "score": round(result["categories"]["performance"]["score"] * 100),
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


def summary(runs: list[dict]) -> dict:
    scores = [run["score"] for run in runs]
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    return {**median, "min": min(scores), "max": max(scores)}


# ------------------------------------------------------------------------------ report

HEADER = (
    f"{'page':<7} {'lang':<8} {'site':<6} {'perf':>4} {'range':>7} {'LCP s':>6} "
    f"{'FCP s':>6} {'TBT ms':>7} {'CLS':>5} {'kB':>6}  goal"
)


def row(kind: str, lang: str, site: str, figures: dict, goal: str = "") -> str:
    return (
        f"{kind:<7} {lang:<8} {site:<6} {figures['score']:>4.0f} "
        f"{figures['min']:>3}–{figures['max']:<3} {figures['lcp'] / 1000:>6.2f} "
        f"{figures['fcp'] / 1000:>6.2f} {figures['tbt']:>7.0f} {figures['cls']:>5.3f} "
        f"{figures['bytes'] / 1000:>6.0f}  {goal}"
    )


def verdict(ours: dict, stock: dict) -> str:
    perf = "met" if ours["score"] >= stock["score"] else "NOT met"
    lcp = "met" if ours["lcp"] <= GOAL_LCP_MS else "NOT met"
    return f"perf ≥ stock {stock['score']:.0f}: {perf}; LCP ≤ {GOAL_LCP_MS / 1000} s: {lcp}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (with build/ beside it)")
    parser.add_argument(
        "--pages", nargs="+", default=["home", "term", "metric"], choices=["home", "term", "metric"]
    )
    parser.add_argument("--langs", nargs="+", default=list(SLUGS), choices=list(SLUGS))
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and site")
    parser.add_argument("--term", default="lead", help="the term page's concept")
    parser.add_argument("--metric", default="churn-rate", help="the metric page's concept")
    parser.add_argument("--reports", type=Path, help="keep every Lighthouse report here")
    args = parser.parse_args()

    ours = args.site.resolve() if args.site else build_ours()
    sources = page_sources(args.pages, args.term, args.metric)
    scratch = workspace("pages-stock-")
    stock = build_stock(ours, args.langs, sources, scratch / "site")
    reports = args.reports or Path(tempfile.mkdtemp(prefix="lighthouse-", dir=scratch))
    reports.mkdir(parents=True, exist_ok=True)

    lines = [HEADER]
    with serve(ours) as ours_url, serve(stock) as stock_url:
        for kind, markdown in sources.items():
            for lang in args.langs:
                path = f"{SLUGS[lang]}/{site_path(markdown)}"
                figures: dict[str, list[dict]] = {"stock": [], "ours": []}
                for run in range(args.runs):
                    order = ["stock", "ours"] if run % 2 == 0 else ["ours", "stock"]
                    for side in order:
                        url = (stock_url if side == "stock" else ours_url) + path
                        name = f"{kind}-{SLUGS[lang]}-{side}-{run + 1}.json"
                        figures[side].append(lighthouse(url, reports / name))
                stock_figures, ours_figures = summary(figures["stock"]), summary(figures["ours"])
                done = [
                    row(kind, lang, "stock", stock_figures),
                    row(kind, lang, "ours", ours_figures, verdict(ours_figures, stock_figures)),
                ]
                print(
                    "\n".join([HEADER, *done]) if len(lines) == 1 else "\n".join(done), flush=True
                )
                lines += done
    print(f"\nreports: {reports}")
    print(
        f"\nLighthouse {args.runs} run(s) per page and site, mobile preset, simulated throttling;"
        f" medians (perf range: min–max). Goals (issue 20): performance ≥ the stock page's,"
        f" LCP ≤ {GOAL_LCP_MS / 1000} s.\n"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
