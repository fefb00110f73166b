"""Search evaluation: types every query of tests/search_queries.yaml into the search box
of a built site in Chromium and prints, per language, recall@1, recall@5 and the time
from the last keystroke to results.

    python tooling/bench/search_eval.py [SITE_DIR]      # default: site/

Needs Debian's chromium and Playwright. Asserts nothing; tests/test_search.py holds the
thresholds."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from browser import chromium, serve_directory  # noqa: E402

SLUGS = {"en": "en", "ko": "ko", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}


def load_queries() -> dict[str, list[dict]]:
    return yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text("utf-8"))


def run_queries(page, url: str, queries: list[dict]) -> list[dict]:
    """Type each query into the search box; return the concept ids found, in order."""
    page.goto(url)
    box = page.locator("[data-md-component=search-query]")
    box.click()
    outcomes = []
    for item in queries:
        query = str(item["query"])
        box.fill(query[:-1])
        start = time.perf_counter()
        box.press_sequentially(query[-1])  # time from the last keystroke to the results
        page.wait_for_function(
            """query => {
                const list = document.querySelector('.md-search-result__list')
                return list.dataset.glQuery === query
                    && list.querySelector('.md-search-result__item')
            }""",
            arg=query,
            timeout=5000,
        )
        elapsed = time.perf_counter() - start
        hrefs = page.locator(".md-search-result__item > a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        found = []
        for href in hrefs:
            if "/terms/" in href:
                concept = href.split("/terms/")[1].split("/")[0]
                if concept not in found:
                    found.append(concept)
        outcomes.append({**item, "found": found[:5], "seconds": elapsed})
    return outcomes


def evaluate_site(site: Path, browser=None) -> dict[str, list[dict]]:
    """Recall data per language; uses ``browser`` if given (one Playwright per process)."""
    if browser is None:
        with chromium() as own:
            return evaluate_site(site, own)
    results = {}
    with serve_directory(site) as url:
        page = browser.new_page()
        for lang, queries in load_queries().items():
            results[lang] = run_queries(page, f"{url}{SLUGS[lang]}/", queries)
        page.close()
    return results


def summarize(outcomes: list[dict]) -> dict:
    hits1 = sum(1 for o in outcomes if o["found"][:1] == [o["expect"]])
    hits5 = sum(1 for o in outcomes if o["expect"] in o["found"][:5])
    times = sorted(o["seconds"] for o in outcomes)
    return {
        "queries": len(outcomes),
        "recall@1": hits1 / len(outcomes),
        "recall@5": hits5 / len(outcomes),
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(len(times) * 0.95) - 1] * 1000,
    }


def report_lines(results: dict[str, list[dict]]) -> list[str]:
    """Recall and timings per language, then per pattern in each language, then the
    queries whose concept did not come first."""
    lines = [f"{'':>30} {'queries':>8} {'recall@1':>9} {'recall@5':>9} {'median':>8} {'p95':>8}"]

    def line(name: str, outcomes: list[dict]) -> str:
        s = summarize(outcomes)
        return (
            f"{name:>30} {s['queries']:>8} {s['recall@1']:>9.0%} {s['recall@5']:>9.0%} "
            f"{s['median_ms']:>6.0f}ms {s['p95_ms']:>6.0f}ms"
        )

    for lang, outcomes in results.items():
        lines.append(line(lang, outcomes))
        patterns: dict[str, list[dict]] = {}
        for o in outcomes:
            patterns.setdefault(o["pattern"], []).append(o)
        lines += [line(name, items) for name, items in patterns.items()]
    lines.append("goal: recall@5 100 %, recall@1 >= 95 % per language and per pattern")
    for lang, outcomes in results.items():
        for o in outcomes:
            if o["found"][:1] != [o["expect"]]:
                lines.append(
                    f"    {lang} {o['query']!r} ({o['pattern']}): expected {o['expect']}, "
                    f"got {o['found']}"
                )
    return lines


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    print("\n".join(report_lines(evaluate_site(site))))


if __name__ == "__main__":
    main()
