"""Benchmark: building the site, for the real glossary and a synthetic one of 10,000
concepts in four languages, with each figure printed beside its goal (issue #20, "Builds
at scale").

    python tooling/bench/site_speed.py [--sizes 10000] [--skip-real] [--repeat N]
                                       [--baseline ../main]

Per corpus, each build in a new process as ``glossary build`` runs it (start-up and
imports count), the disk settled first (``synthetic.settle``):

- first build: no build folder, site or caches (a fresh checkout);
- MkDocs alone: the stock ``mkdocs build`` of each language's configuration in the build
  folder the first build left, as many at a time as there are cores: what the pages cost
  without the glossary. The first build's ratio to it is the goal for the real glossary;
- nothing changed: the same build again, everything in place;
- one-term edit: one concept's Korean definition changed, then changed back (two
  builds), with the languages MkDocs ran for.

Each measurement runs ``--repeat`` times (at least two: other work shares the cores),
reported as the best and the spread. ``--baseline DIR`` measures another checkout's code
(e.g. main) the same way, side by side. Prints only; asserts nothing."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import project, settle, workspace, write_corpus

from glossary.cache import CACHE_DIR

ROOT = Path(__file__).resolve().parents[2]

GOALS = {
    "nothing": 1.0,  # seconds, real glossary and 10,000 concepts
    "first-10k": 120.0,  # seconds, 10,000 concepts x 4 languages on 2 cores
    "ratio": 1.2,  # real glossary: first build / MkDocs alone
}

_BUILD = """
import json, os, resource, sys, time
start = time.perf_counter()
from pathlib import Path
from glossary.site import Project, build_site
root = Path(sys.argv[1])
result = build_site(Project(root), root / "site")
usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
print(json.dumps({
    "ok": result.ok, "seconds": time.perf_counter() - start,
    "mkdocs": result.mkdocs_seconds, "pages": len(result.pages),
    "cpu": sum(u.ru_utime + u.ru_stime for u in usage),
    "ran": sorted(run.lang for run in result.runs),
    "failed": [run.output[-400:] for run in result.runs if not run.ok],
}), flush=True)
os._exit(0)  # as glossary build exits (cli.run)
"""


def build(root: Path, code: Path) -> dict | None:
    """One build of ``root`` with the glossary package of checkout ``code``, in a new
    process; its wall time includes Python's start-up."""
    env = {**os.environ, "PYTHONPATH": str(code / "tooling"), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(root)], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        print(f"    build crashed: {done.stderr[-800:]}", flush=True)
        return None
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        print(f"    build failed: {result['failed']}", flush=True)
        return None
    return {**result, "wall": wall}


def mkdocs_alone(root: Path) -> float:
    """The stock MkDocs command on each language's configuration, as many at a time as
    there are cores, into a scratch folder: what the pages cost without the glossary."""
    configs = sorted((root / "build").glob("mkdocs.*.yml"))
    scratch = Path(tempfile.mkdtemp(prefix="mkdocs-alone-", dir=root))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}

    def run(config: Path) -> None:
        out = scratch / config.stem
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
        subprocess.run([*command, "-d", str(out)], env=env, check=True, capture_output=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(min(len(configs), os.cpu_count() or 1)) as pool:
        list(pool.map(run, configs))
    seconds = time.perf_counter() - start
    shutil.rmtree(scratch, ignore_errors=True)
    return seconds


def fresh(root: Path) -> None:
    for name in ("build", "site", CACHE_DIR):
        shutil.rmtree(root / name, ignore_errors=True)


def edit_korean(root: Path) -> Callable[[], None]:
    """Change the Korean definition of one concept; returns what changes it back."""
    path = next(p for p in sorted((root / "terms").glob("*.yaml")) if "\nko:\n" in p.read_text())
    text = path.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    start = lines.index("ko:\n")
    at = next(i for i in range(start, len(lines)) if lines[i].startswith("  definition:"))
    edited = lines[:at] + [lines[at].replace("definition:", "definition: 수정된", 1)]
    if lines[at].rstrip().endswith((">-", ">", "|", "|-")):  # a block: edit its first line
        edited = lines[: at + 1] + [lines[at + 1].replace("    ", "    수정된 ", 1)]
        at += 1
    path.write_text("".join(edited + lines[at + 1 :]), "utf-8")
    return lambda: path.write_text(text, "utf-8")


def spread(values: list[float]) -> str:
    if not values:
        return "n/a"
    best = min(values)
    return f"{best:7.2f}s (spread {max(values) - best:.2f}s over {len(values)})"


def measure(label: str, root: Path, code: Path, repeat: int, is_real: bool) -> None:
    print(f"\n{label} ({code})", flush=True)
    firsts, alone, ratios = [], [], []
    for _ in range(repeat):
        fresh(root)
        disk = settle(root)
        result = build(root, code)
        if result is None:
            return
        firsts.append(result["wall"])
        settle(root)
        alone.append(mkdocs_alone(root))
        ratios.append(result["wall"] / alone[-1])
        print(
            f"    first build {result['wall']:.2f}s (MkDocs phase {result['mkdocs']:.2f}s, "
            f"CPU {result['cpu']:.1f}s, {result['pages']} pages, disk {disk:.2f} ms/file); "
            f"MkDocs alone {alone[-1]:.2f}s; ratio {ratios[-1]:.2f}",
            flush=True,
        )
    goal = "" if is_real else f"   goal ≤ {GOALS['first-10k']:.0f}s"
    print(f"  first build      {spread(firsts)}{goal}")
    print(f"  MkDocs alone     {spread(alone)}")
    ratio_goal = f"   goal ≤ {GOALS['ratio']}" if is_real else ""
    print(f"  ratio            {min(ratios):7.2f}  (worst {max(ratios):.2f}){ratio_goal}")
    again = []
    for _ in range(repeat):
        settle(root)
        result = build(root, code)
        if result is not None:
            again.append(result["wall"])
    print(f"  nothing changed  {spread(again)}   goal ≤ {GOALS['nothing']:.0f}s", flush=True)
    edits, ran = [], set()
    for _ in range(repeat):
        change_back = edit_korean(root)
        for step in (lambda: None, change_back):
            step()
            settle(root)
            result = build(root, code)
            if result is not None:
                edits.append(result["wall"])
                ran.add(", ".join(result["ran"]) or "none")
    print(
        f"  one-term edit    {spread(edits)}   MkDocs ran for: {' / '.join(sorted(ran))} "
        "(goal: the edited language only)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000])
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each measurement")
    parser.add_argument("--baseline", type=Path, help="another checkout to measure alike")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f}")
    projects = [] if args.skip_real else [("real glossary", project("site-", None), True)]
    projects += [
        (
            f"{size:,} concepts",
            project("site-", write_corpus(workspace("corpus-") / "terms", size)),
            False,
        )
        for size in args.sizes
    ]
    codes = [ROOT, *([args.baseline.resolve()] if args.baseline else [])]
    try:
        for label, root, is_real in projects:
            for code in codes:
                measure(label, root, code, max(1, args.repeat), is_real)
    finally:
        for _, root, _ in projects:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
