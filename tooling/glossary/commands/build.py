"""``glossary build``: the site build (``glossary.site``), reported in one line or with
what stopped it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.messages import render_message
from glossary.site import Project, build_site

EXAMPLE = """
    glossary build
    glossary build --site-dir public --site-url https://glossary.example.com/"""
DETAILS = """
    The site is built aside and swapped into place only when every language built
    cleanly, so a failed build leaves the previous site untouched. The generated
    Markdown and MkDocs configurations stay in build/ for inspection."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site-dir",
        type=Path,
        default=Path("site"),
        metavar="DIR",
        help="where the finished site goes (default: site/)",
    )
    parser.add_argument(
        "--site-url",
        metavar="URL",
        help="public address of the site, for canonical links and the sitemap "
        "(default: site_url in mkdocs.yml)",
    )


def run(args: argparse.Namespace) -> int:
    project = Project(Path.cwd())
    if not project.terms.is_dir():
        print(render_message("path-not-found", {"path": project.terms}), file=sys.stderr)
        return 2
    result = build_site(project, args.site_dir, args.site_url)
    if result.report.diagnostics or not result.pages:
        print(result.report.format_text(), file=sys.stderr)
    for run in result.runs:
        if not run.ok:
            print(f"mkdocs ({run.lang}) failed:\n{run.output}", file=sys.stderr)
    if not result.ok:
        print(render_message("build-failed", {"site": args.site_dir}), file=sys.stderr)
        return 1
    print(
        render_message(
            "build-done",
            {
                "pages": len(result.pages),
                "site": args.site_dir,
                "seconds": f"{result.generate_seconds + result.mkdocs_seconds:.1f}",
            },
        )
    )
    return 0
