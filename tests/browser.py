"""Helpers for browser and server tests: a static server that behaves like a real host
(each section's 404.html for missing pages), Debian's Chromium driven by Playwright, and
small HTTP helpers for watching a local server."""

from __future__ import annotations

import functools
import http.server
import socket
import socketserver
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        root = Path(self.directory)
        section = self.path.lstrip("/").split("/", 1)[0]
        page = root / section / "404.html"
        page = page if section and page.is_file() else root / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve_directory(root: Path, port: int = 0) -> Iterator[str]:
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    handler = functools.partial(_SiteHandler, directory=str(root))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    """The page at ``url``, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(condition, seconds: float, step: float = 0.2) -> float | None:
    """Seconds until ``condition()`` held, or None if it did not within ``seconds``."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if condition():
            return time.perf_counter() - start
        time.sleep(step)
    return None
