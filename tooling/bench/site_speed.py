"""Benchmark: building the site for the real glossary and for synthetic glossaries of
1,000 and 10,000 concepts in four languages.

    python tooling/bench/site_speed.py [--sizes 1000 10000] [--skip-real] [--repeat N]

Prints, per corpus and fresh build (no build folder, no caches, a new process; the disk
flushed and creating files back to normal speed first, see ``synthetic.settle``): our
generation time (everything but MkDocs, from the process's start to its exit: start-up, imports;
check; link, render and write; finishing the site) and MkDocs time (the four languages
built in parallel), pages, bytes per page and our share of the total, with our CPU time
(that process and its workers, MkDocs' processes left out) spread over the cores: the least
our time could be with every core busy, and the share that would give; what a first
build pays whatever the glossary's size (start-up, solving formulas, dictionaries) against
the 10 % budget; then the same for building it again with nothing changed (``again``: the
previous build
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
from synthetic import project, settle, workspace, write_corpus

from glossary.cache import CACHE_DIR

ROOT = Path(__file__).resolve().parents[2]


_BUILD = """
import json, logging, os, resource, sys, time
from pathlib import Path
import glossary.site
from glossary.site import Project, build_site

timings = {}  # the build logs how long each stage took (glossary.timing)
class Stages(logging.Handler):
    def emit(self, record):
        timings[record.stage] = timings.get(record.stage, 0.0) + record.seconds
stages = logging.getLogger("glossary.timing")
stages.addHandler(Stages())
stages.setLevel(logging.DEBUG)
stages.propagate = False

def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime

mkdocs_cpu = []
def run_all(*args, run_all=glossary.site.run_all):  # MkDocs' processes: their CPU is not ours
    before = cpu(resource.RUSAGE_CHILDREN)
    try:
        return run_all(*args)
    finally:
        mkdocs_cpu.append(cpu(resource.RUSAGE_CHILDREN) - before)
glossary.site.run_all = run_all
root = Path(sys.argv[1])
start = time.perf_counter()
result = build_site(Project(root), root / "site")
ours_cpu = cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN) - sum(mkdocs_cpu)
print(json.dumps({"ok": result.ok, "total": time.perf_counter() - start, "cpu": ours_cpu,
                  "mkdocs": result.mkdocs_seconds, "pages": len(result.pages),
                  "timings": timings,
                  "failed": [run.output[-400:] for run in result.runs if not run.ok]}), flush=True)
os._exit(0)  # as glossary build exits (cli.run)
"""


def bench_site(label: str, root: Path, disk_ms: float) -> float | None:
    """One build, in its own process as ``glossary build`` runs it. Our time is all of
    that process's time but MkDocs': its start-up and imports count, as MkDocs' do."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _BUILD, str(root)], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        print(f"{label}: build crashed", done.stderr[-800:])
        return None
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        print(f"{label}: build failed", result["failed"])
        return None
    html = [p.stat().st_size for p in (root / "site").rglob("*.html")]
    total = wall
    ours = wall - result["mkdocs"]
    timings = {"start-up and exit": wall - result["total"], **result["timings"]}
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in timings.items())
    spread = result["cpu"] / (
        os.cpu_count() or 1
    )  # our time with every core busy: the least it could be
    stages += (
        f"; our CPU {result['cpu']:.2f}s, over {os.cpu_count()} cores {spread:.2f}s, "
        f"{spread / (spread + result['mkdocs']):.1%} at best"
    )
    print(
        f"{label:>13} {ours:>8.1f}s {result['mkdocs']:>8.1f}s {total:>8.1f}s "
        f"{result['pages']:>7} {sum(html) // max(1, len(html)):>9,} {ours / total:>7.1%}"
        f"   ({stages}; disk {disk_ms:.2f} ms per new file)",
        flush=True,
    )
    return result["mkdocs"]


_FIXED = """
import json, sys, time
from pathlib import Path
cpu = time.process_time
part = sys.argv[1]
if part == "start-up":
    import glossary.cli, glossary.site  # what glossary build imports before any work
    print(json.dumps({"seconds": cpu()}))
elif part == "formulas":
    import yaml
    from glossary.formula.grammar import parse
    expressions = []
    for path in sorted(Path(sys.argv[2]).glob("*.yaml")):
        formula = (yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader) or {}).get("formula")
        if isinstance(formula, dict) and isinstance(formula.get("expression"), str):
            expressions.append(formula["expression"])
    start = cpu()
    if expressions:
        import sympy  # noqa: F401
    imported = cpu()
    from glossary.formula.solve import solve_inverses
    for expression in dict.fromkeys(expressions):
        solve_inverses(parse(expression))
    seconds, count = cpu() - start, len(expressions)
    print(json.dumps({"seconds": seconds, "import": imported - start, "count": count}))
else:
    from glossary.collate import readings
    from glossary.search import script_converters
    start = cpu()
    readings(), script_converters()
    print(json.dumps({"seconds": cpu() - start}))
"""


def bench_fixed(root: Path, mkdocs: float) -> None:
    """What a first build pays whatever the glossary's size, as CPU seconds, each measured
    in a new process: Python's start-up with the build's imports, sympy solving the
    formulas (none in the synthetic glossaries) and the Chinese reading and script
    dictionaries. Spread over every core at best, against the 10 % budget (a ninth of
    MkDocs' time): what is left of the budget for reading the files and writing the pages."""

    def measure(*args: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-c", _FIXED, *args], capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)

    start_up, formulas, dictionaries = (
        measure("start-up"),
        measure("formulas", str(root / "terms")),
        measure("dictionaries"),
    )
    cores = os.cpu_count() or 1
    spread = (start_up["seconds"] + formulas["seconds"] + dictionaries["seconds"]) / cores
    budget = mkdocs / 9
    print(
        f"{'':>13} first-build fixed costs (CPU): start-up and imports {start_up['seconds']:.2f}s, "
        f"{formulas['count']} formulas solved {formulas['seconds']:.2f}s "
        f"(sympy import {formulas['import']:.2f}s), "
        f"dictionaries {dictionaries['seconds']:.2f}s; over {cores} cores at best {spread:.2f}s "
        f"of the 10 % budget {budget:.2f}s (MkDocs {mkdocs:.1f}s / 9)",
        flush=True,
    )


def bench_search(label: str, root: Path) -> None:
    """What a reader downloads for search per language (gzip), and the time to build it."""
    import gzip

    from glossary.config import load_config
    from glossary.link import link_glossary
    from glossary.pipeline import load_glossary
    from glossary.render import lang_slug
    from glossary.search import search_pages

    config = load_config()
    linked = link_glossary(load_glossary([root / "terms"], want_concepts=True).concepts, config)
    sizes = []
    start = time.perf_counter()
    search_pages(linked, list(config.language_tags), config.source_language)
    seconds = (time.perf_counter() - start) / len(config.language_tags)
    for lang in config.language_tags:
        folder = root / "site" / lang_slug(lang)
        # every search file stored; what one query fetches: tooling/bench/search_speed.py
        files = [folder / "search" / "search_index.json", *(folder / "search-lexicon").iterdir()]
        raw = sum(f.stat().st_size for f in files)
        packed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
        sizes.append(
            f"{lang} {raw / 1e6:.2f} MB → {packed / 1e6:.2f} MB gz, built in {seconds:.2f}s"
        )
    print(f"{'':>13} search files: " + "; ".join(sizes), flush=True)


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
    print(
        f"{'corpus':>13} {'ours':>9} {'mkdocs':>9} {'total':>9} {'pages':>7} {'B/page':>9} "
        f"{'ours %':>7}"
    )
    projects = [] if args.skip_real else [("real", project("site-", None))]
    projects += [
        (f"{size:,}", project("site-", write_corpus(workspace("corpus-") / "terms", size)))
        for size in args.sizes
    ]
    try:
        for label, root in projects:
            fresh = []
            for _ in range(args.repeat):
                shutil.rmtree(root / "build", ignore_errors=True)
                shutil.rmtree(root / "site", ignore_errors=True)
                shutil.rmtree(root / CACHE_DIR, ignore_errors=True)  # a fresh checkout: no caches
                fresh.append(bench_site(label, root, settle(root)))
            if measured := [seconds for seconds in fresh if seconds is not None]:
                bench_fixed(root, min(measured))
            # an everyday rebuild: the previous build folder, site and caches in place
            bench_site(f"{label} again", root, settle(root))
            bench_search(label, root)
    finally:
        for _, root in projects:
            shutil.rmtree(root, ignore_errors=True)
    bench_linker()


if __name__ == "__main__":
    main()
