"""Benchmark: how long an edit to one term takes to show in ``glossary serve`` on the real
glossary (edit saved → edited page served), over a few edits.

    python tooling/bench/serve_latency.py [--edits 5]

Prints each latency and the median; asserts nothing."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import workspace  # noqa: E402

from browser import fetch, free_port, wait_until  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    root = workspace("serve-")
    for name in ("terms", "site_src"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    port = free_port()
    url = f"http://127.0.0.1:{port}/en/terms/churn-rate/"
    server = subprocess.Popen(
        [sys.executable, "-m", "glossary", "serve", "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        startup = wait_until(lambda: "churn" in fetch(url), 300, 0.5)
        print(f"first build served after {startup:.1f}s")
        term = root / "terms" / "churn-rate.yaml"
        original = term.read_text("utf-8")
        latencies = []
        for edit in range(1, args.edits + 1):
            marker = f"(edit {edit})"
            term.write_text(
                original.replace("  definition: >-\n", f"  definition: >-\n    {marker}\n", 1),
                "utf-8",
            )
            latency = wait_until(lambda marker=marker: marker in fetch(url), 30, 0.02)
            latencies.append(latency if latency is not None else float("inf"))
            print(f"edit {edit}: visible after {latencies[-1]:.2f}s", flush=True)
            time.sleep(1)
        print(f"median {statistics.median(latencies):.2f}s")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
