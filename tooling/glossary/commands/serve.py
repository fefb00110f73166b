"""``glossary serve``: the live-reloading preview (``glossary.serve``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from glossary.serve import serve

EXAMPLE = """
    glossary serve                      # then open http://127.0.0.1:8000/
    glossary serve --port 8001"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")


def run(args: argparse.Namespace) -> int:
    return serve(Path.cwd(), args.host, args.port)
