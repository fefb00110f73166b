"""``glossary build``: the site build (``glossary.site``), reported in one line or with
what stopped it."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from glossary.emit import ENGINES
from glossary.messages import render_message, render_sentence
from glossary.site import BuildOptions, Project, build_site

EXAMPLE = """
    glossary build
    glossary build --site-dir public --site-url https://glossary.example.com/
    glossary build --compare-urls previous/url-manifest.json
    glossary build --preview --site-url https://preview-42.glossary.example.com/"""
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
    parser.add_argument(
        "--repo-url",
        metavar="URL",
        help="the repository the header and 'edit this term' links point to "
        "(default: repo_url in mkdocs.yml; none: no such links)",
    )
    parser.add_argument(
        "--compare-urls",
        type=Path,
        metavar="MANIFEST",
        help="a previous build's url-manifest.json: fail if an address it lists would "
        "now be missing",
    )
    parser.add_argument(
        "--preview",
        action="store_true",
        help="a preview of a change: every page asks search engines not to index it",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="mkdocs",
        help="what turns the generated Markdown into HTML: MkDocs (default) or ProperDocs",
    )


def run(args: argparse.Namespace) -> int:
    project = Project(Path.cwd())
    if not project.terms.is_dir():
        print(render_message("path-not-found", {"path": project.terms}), file=sys.stderr)
        return 2
    if importlib.util.find_spec(args.engine) is None:
        params = {"engine": args.engine}
        print(render_sentence("engine-missing", params), file=sys.stderr)
        return 2
    options = BuildOptions(
        args.site_url, args.repo_url, args.engine, args.preview, args.compare_urls
    )
    result = build_site(project, args.site_dir, options=options)
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
