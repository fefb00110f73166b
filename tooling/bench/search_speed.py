"""Benchmark: what search costs a reader, on the real glossary and on a synthetic one of
10,000 concepts in four languages (``synthetic.write_corpus``).

    python tooling/bench/search_speed.py [--sizes 10000] [--skip-real] [--built DIR ...]

Each corpus is built into a workspace (``synthetic.workspace``; ``--built`` names sites
built before, ``glossary build``'s ``site/`` folders, instead), served on 127.0.0.1 and
opened in Chromium, a fresh browser context per query, in every language. Printed per
language, beside the goals of issue 20:

- what a page fetches for search before the reader asks (goal: nothing);
- for typical queries (a term's name, an abbreviation, a word of a name) typed into a
  fresh page: the search files fetched, in bytes as gzip sends them (Material's index,
  worker and lunr; our lookup code, manifest, shards and names), goal at most 0.5 MB;
- the time from the last keystroke to the first results once search is loaded (the next
  query typed in the same page; measured in the page, from the keydown to our results
  in the list), goal at most 100 ms;
- the same for queries that need a fallback (a typo, words of a definition).

Asserts nothing: tests/test_search.py holds the behaviour."""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import project, workspace, write_corpus  # noqa: E402

from browser import chromium, serve_directory  # noqa: E402

SLUGS = {"en": "en", "ko": "ko", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}
SEARCH_FILES = re.compile(
    r"search_index\.json|/workers/search\.|/lunr/|/search-lexicon/|search-lookup\.mjs"
)
GOAL_BYTES = 500_000
GOAL_MS = 100

# Typical queries, then queries that need a fallback, per corpus and language.
QUERIES = {
    "real": {
        "en": (["churn rate", "ARR", "pipeline", "lead scor", "win ratio"],
               ["forcasting", "evenly over the contract term"]),
        "ko": (["리드를", "이탈률", "SQL", "파이프라인", "수주율"], ["ㅍㅇㅍㄹㅇ", "에스큐엘"]),
        "zh-Hans": (["转化率", "线索", "获客成本", "SDR", "客户流失率高"],
                    ["xiaoshou loudou", "pipline"]),
        "zh-Hant": (["轉換率", "名單", "客戶流失", "ARR", "銷售漏斗"], ["銷售线索", "yingdanlv"]),
    },
    "synthetic": {  # names are two of ten words and the number: "pipeline revenue 00042"
        "en": (["pipeline revenue 00", "c01234", "forecast", "churn lead", "quota quota 07"],
               ["pipline revenue 00", "forcast quota 0"]),
        "ko": (["파이프라인 매출", "c01234", "예측", "이탈 리드", "할당량 할당량 07"],
               ["pipline revenue 00", "forcast quota 0"]),
        "zh-Hans": (["管道收入", "c01234", "预测", "流失线索", "配额配额07"],
                    ["guandao shouru", "管道營收"]),
        "zh-Hant": (["管道營收", "c01234", "預測", "流失線索", "配額配額07"],
                    ["guandao yingshou", "管道营收"]),
    },
}  # fmt: skip


def build(terms: Path | None) -> Path:
    """A site of the real glossary (``terms`` None) or of ``terms``, built in a workspace."""
    from glossary.site import Project, build_site

    root = project("search-", terms)
    start = time.perf_counter()
    result = build_site(Project(root), root / "site")
    if not result.ok:
        raise SystemExit(f"the build of {root} failed")
    print(f"built {root / 'site'} in {time.perf_counter() - start:.0f} s", flush=True)
    return root / "site"


def gzipped(site: Path, url: str) -> int:
    path = site / urlparse(url).path.lstrip("/")
    if path.is_dir() or not path.exists():
        return 0
    return len(gzip.compress(path.read_bytes(), 6))


def _type(page, text: str) -> float:
    """Type ``text`` into the search box; milliseconds from its last keystroke (the input
    it makes: Playwright types Hangul and Han without key events) to our results for it in
    the list (search.mjs stamps them)."""
    box = page.locator("[data-md-component=search-query]")
    box.fill(text[:-1])
    page.evaluate(
        """() => document.querySelector("[data-md-component=search-query]").addEventListener(
            "input", () => { window.__lastKey = performance.now() }, { once: true })"""
    )
    box.press_sequentially(text[-1])
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__list').dataset.glQuery === q",
        arg=text,
        timeout=30000,
    )
    return page.evaluate(
        "() => Number(document.querySelector('.md-search-result__list').dataset.glAt)"
        " - window.__lastKey"
    )


def measure(browser, site: Path, url: str, query: str, then: str) -> dict:
    """A fresh page: what it fetches for search on load, for ``query`` typed into it, and
    how long ``then``, typed next, takes to show results."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    on_load = [u for u in fetched if SEARCH_FILES.search(u)]
    page.locator("[data-md-component=search-query]").focus()
    first_ms = _type(page, query)
    page.wait_for_load_state("networkidle")
    for_query = [u for u in fetched if SEARCH_FILES.search(u)]
    next_ms = _type(page, then)
    context.close()
    return {
        "on_load": sum(gzipped(site, u) for u in on_load),
        "bytes": sum(gzipped(site, u) for u in dict.fromkeys(for_query)),
        "files": len(set(for_query)),
        "first_ms": first_ms,
        "next_ms": next_ms,
    }


def report(label: str, site: Path, queries: dict, browser) -> None:
    print(f"\n{label}: {site}")
    print(
        f"{'':>9} {'kind':>9} {'on load':>8} {'fetched per query (gzip)':>26} "
        f"{'files':>6} {'first results, loaded':>23}"
    )
    with serve_directory(site) as url:
        for lang, (typical, fallback) in queries.items():
            for kind, items in (("typical", typical), ("fallback", fallback)):
                rows = [
                    measure(browser, site, f"{url}{SLUGS[lang]}/", q, items[(i + 1) % len(items)])
                    for i, q in enumerate(items)
                ]
                sizes = [r["bytes"] for r in rows]
                times = [r["next_ms"] for r in rows]
                print(
                    f"{lang:>9} {kind:>9} {max(r['on_load'] for r in rows):>6} B "
                    f"median {statistics.median(sizes) / 1e3:>6.1f} kB, "
                    f"max {max(sizes) / 1e3:>6.1f} kB "
                    f"{max(r['files'] for r in rows):>6} "
                    f"median {statistics.median(times):>5.1f} ms, max {max(times):>5.1f} ms",
                    flush=True,
                )
    print(
        f"{'goals':>9}: nothing on load; at most {GOAL_BYTES / 1e6:.1f} MB per typical query "
        f"at 10,000 concepts; first results at most {GOAL_MS} ms after the last keystroke"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000])
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument(
        "--built", type=Path, nargs="*", default=[], help="built sites: the real one first"
    )
    args = parser.parse_args()
    sites: list[tuple[str, Path, dict]] = []
    built = list(args.built)
    if not args.skip_real:
        site = built.pop(0) if built else build(None)
        sites.append(("real glossary", site, QUERIES["real"]))
    for size in args.sizes:
        if built:
            site = built.pop(0)
        else:
            corpus = write_corpus(workspace("corpus-") / "terms", size)
            site = build(corpus)
        sites.append((f"{size:,} synthetic concepts", site, QUERIES["synthetic"]))
    with chromium() as browser:
        for label, site, queries in sites:
            report(label, site, queries, browser)


if __name__ == "__main__":
    main()
