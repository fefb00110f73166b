"""Benchmark: building the site for the real glossary and for synthetic glossaries of
1,000 and 10,000 concepts in four languages.

    python tooling/bench/site_speed.py [--sizes 1000 10000] [--skip-real] [--repeat N]

Prints, per corpus and fresh build (no build folder, no caches, a new process; the disk
flushed and creating files back to normal speed first, see ``synthetic.settle``): our
generation time (everything but MkDocs, from the process's start to its exit: start-up, imports;
check; link, render and write; finishing the site) and MkDocs time (the four languages
built in parallel), pages, bytes per page and our share of the total;
then the same for building it again with nothing changed (``again``: the previous build
folder, site and caches in place, as for an editor's everyday ``glossary build``); then
what search downloads, and the mention linker on texts of growing size. Asserts
nothing."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import settle, workspace, write_corpus  # noqa: E402

from glossary.cache import CACHE_DIR  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _project(terms: Path | None) -> Path:
    root = workspace("site-")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", root / "site_src")
    if terms is None:
        shutil.copytree(ROOT / "terms", root / "terms")
    else:
        shutil.move(str(terms), root / "terms")
        terms.parent.rmdir()  # the corpus's own workspace, now empty
    return root


_BUILD = """
import json, os, sys, time
from pathlib import Path
from glossary.site import Project, build_site
root = Path(sys.argv[1])
start = time.perf_counter()
result = build_site(Project(root), root / "site")
print(json.dumps({"ok": result.ok, "total": time.perf_counter() - start,
                  "mkdocs": result.mkdocs_seconds, "pages": len(result.pages), "timings": result.timings,
                  "failed": [run.output[-400:] for run in result.runs if not run.ok]}), flush=True)
os._exit(0)  # as glossary build exits (cli.run)
"""


def bench_site(label: str, root: Path, disk_ms: float) -> None:
    """One build, in its own process as ``glossary build`` runs it. Our time is all of
    that process's time but MkDocs': its start-up and imports count, as MkDocs' do."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _BUILD, str(root)], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        print(f"{label}: build crashed", done.stderr[-800:])
        return
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        print(f"{label}: build failed", result["failed"])
        return
    html = [p.stat().st_size for p in (root / "site").rglob("*.html")]
    total = wall
    ours = wall - result["mkdocs"]
    timings = {"start-up and exit": wall - result["total"], **result["timings"]}
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in timings.items())
    print(f"{label:>13} {ours:>8.1f}s {result['mkdocs']:>8.1f}s {total:>8.1f}s "
          f"{result['pages']:>7} {sum(html) // max(1, len(html)):>9,} {ours / total:>7.1%}"
          f"   ({stages}; disk {disk_ms:.2f} ms per new file)", flush=True)


def bench_search(label: str, root: Path) -> None:
    """What a reader downloads for search per language (gzip), and the time to build it."""
    import gzip

    from glossary.config import load_config
    from glossary.link import link_glossary
    from glossary.pipeline import load_glossary
    from glossary.search import search_pages

    config = load_config()
    linked = link_glossary(load_glossary([root / "terms"], want_concepts=True).concepts, config)
    sizes = []
    for lang in config.language_tags:
        start = time.perf_counter()
        search_pages(linked, lang, list(config.language_tags), config.source_language)
        seconds = time.perf_counter() - start
        folder = root / "site" / ("zh-hans" if lang == "zh-Hans" else "zh-hant" if lang == "zh-Hant" else lang)
        files = [folder / "search" / "search_index.json", folder / "search-lexicon.json"]
        raw = sum(f.stat().st_size for f in files)
        packed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
        sizes.append(f"{lang} {raw / 1e6:.2f} MB → {packed / 1e6:.2f} MB gz, built in {seconds:.2f}s")
    print(f"{'':>13} search download: " + "; ".join(sizes), flush=True)


def bench_linker() -> None:
    from glossary.link import Matcher, Target, link_block

    targets = [Target(f"term {i} name", f"c{i}", False, True) for i in range(10_000)]
    targets += [Target(f"용어{i}", f"k{i}", False, False) for i in range(10_000)]
    matcher = Matcher.build(targets)
    sentence = "We track term 42 name and 용어17을 every week, plus unrelated words. "
    print(f"\nlinker with {len(targets):,} designations")
    print(f"{'characters':>12} {'seconds':>9} {'µs/char':>8}")
    for repeat in (100, 1_000, 10_000):
        text = sentence * repeat
        start = time.perf_counter()
        link_block(matcher, text)
        elapsed = time.perf_counter() - start
        print(f"{len(text):>12,} {elapsed:>9.3f} {elapsed / len(text) * 1e6:>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="fresh builds per corpus")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    print(f"cores: {os.cpu_count()}")
    print(f"{'corpus':>13} {'ours':>9} {'mkdocs':>9} {'total':>9} {'pages':>7} {'B/page':>9} {'ours %':>7}")
    projects = [] if args.skip_real else [("real", _project(None))]
    projects += [(f"{size:,}", _project(write_corpus(workspace("corpus-") / "terms", size)))
                 for size in args.sizes]
    try:
        for label, root in projects:
            for _ in range(args.repeat):
                shutil.rmtree(root / "build", ignore_errors=True)
                shutil.rmtree(root / "site", ignore_errors=True)
                shutil.rmtree(root / CACHE_DIR, ignore_errors=True)  # a fresh checkout: no caches
                bench_site(label, root, settle(root))
            # an everyday rebuild: the previous build folder, site and caches in place
            bench_site(f"{label} again", root, settle(root))
            bench_search(label, root)
    finally:
        for _, root in projects:
            shutil.rmtree(root, ignore_errors=True)
    bench_linker()


if __name__ == "__main__":
    main()
