"""Benchmark: how long `glossary check` takes on synthetic corpora of 1,000 and 10,000
concepts in every language, cold (no cache), warm (nothing changed) and after editing
one file, beside `check-jsonschema` validating the same files against the same schema.

    python tooling/bench/check_speed.py [--sizes 1000 10000] [--skip-jsonschema]

Prints wall-clock seconds (best of --repeat runs) and ratios; asserts nothing."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import workspace, write_corpus

from glossary.schema import schema_path


def _time(command: list[str], cwd: Path, repeat: int, before=None) -> float:
    best = float("inf")
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if result.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed: {result.stderr.decode()[-500:]}")
        best = min(best, elapsed)
    return best


def bench(size: int, repeat: int, with_jsonschema: bool) -> dict[str, float]:
    root = workspace(f"check-{size}-")
    try:
        terms = write_corpus(root / "terms", size)
        files = sorted(str(p) for p in terms.glob("*.yaml"))
        cache = root / ".glossary-cache"
        clear = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
        one = terms / "concept-00001.yaml"
        touch = lambda: os.utime(one)  # noqa: E731
        glossary = [sys.executable, "-m", "glossary", "check"]
        row = {
            "cold": _time([*glossary, "terms"], root, repeat, before=clear),
            "no-cache": _time([*glossary, "--no-cache", "terms"], root, repeat),
        }
        _time([*glossary, "terms"], root, 1)
        row["warm"] = _time([*glossary, "terms"], root, repeat)
        row["one edited"] = _time(
            [*glossary, str(one.relative_to(root))], root, repeat, before=touch
        )
        if with_jsonschema:
            row["check-jsonschema"] = _time(
                ["check-jsonschema", "--schemafile", str(schema_path()), *files], root, 1
            )
        return row
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-jsonschema", action="store_true")
    args = parser.parse_args()
    with_jsonschema = not args.skip_jsonschema and shutil.which("check-jsonschema") is not None
    print(f"cores: {os.cpu_count()}   python: {sys.version.split()[0]}")
    header = f"{'concepts':>9} {'cold':>8} {'no-cache':>9} {'warm':>8} {'1 edited':>9}"
    if with_jsonschema:
        header += f" {'check-jsonschema':>17} {'ratio cold/cjs':>15}"
    print(header)
    for size in args.sizes:
        row = bench(size, args.repeat, with_jsonschema)
        line = (
            f"{size:>9} {row['cold']:>7.2f}s {row['no-cache']:>8.2f}s {row['warm']:>7.2f}s "
            f"{row['one edited']:>8.2f}s"
        )
        if with_jsonschema:
            ratio = row["cold"] / row["check-jsonschema"]
            line += f" {row['check-jsonschema']:>16.2f}s {ratio:>14.3f}x"
        print(line, flush=True)


if __name__ == "__main__":
    main()
