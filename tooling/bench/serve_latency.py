"""Benchmark: how long an edit to one term takes to show in ``glossary serve`` on the real
glossary (edit saved → edited page served), over a few edits.

    python tooling/bench/serve_latency.py [--edits 5]

Prints each latency and the median; asserts nothing."""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(condition, seconds: float, step: float = 0.02) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if condition():
            return time.perf_counter() - start
        time.sleep(step)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="glossary-serve-bench-"))
    for name in ("terms", "site_src"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/en/terms/churn-rate/"
    server = subprocess.Popen([sys.executable, "-m", "glossary", "serve", "--port", str(port)], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        startup = _wait(lambda: "churn" in _get(url), 300, 0.5)
        print(f"first build served after {startup:.1f}s")
        term = root / "terms" / "churn-rate.yaml"
        original = term.read_text("utf-8")
        latencies = []
        for edit in range(1, args.edits + 1):
            marker = f"(edit {edit})"
            term.write_text(original.replace("  definition: >-\n", f"  definition: >-\n    {marker}\n", 1), "utf-8")
            latency = _wait(lambda: marker in _get(url), 30)
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
