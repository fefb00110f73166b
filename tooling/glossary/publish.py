"""publish: what a static host needs besides the pages, written into the finished site.

- Redirect pages for renamed or merged concepts (``replaces`` in a term file): a page at each
  old address that sends readers on (meta refresh, a canonical link, ``noindex``), and the
  same map as ``_redirects`` for hosts that redirect with a real 301 (Netlify, Cloudflare
  Pages).
- ``_headers`` (Netlify, Cloudflare Pages): a year's cache for assets whose file names carry
  a content hash; pages keep the hosts' default of revalidating every time.
- A URL manifest, ``url-manifest.json``: every address the site serves. A later build given
  it (``glossary build --compare-urls``) fails if an address published before would now be
  missing."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from glossary.config import Config
from glossary.diagnostics import Diagnostic, diagnostic
from glossary.render import SiteSettings, environment, lang_slug

MANIFEST = "url-manifest.json"
_FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$")
YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Redirect:
    """An old concept id and the concept that now answers for it, named in each language."""

    old: str
    new: str
    names: dict[str, str]


def iter_redirect_files(
    redirects: Iterable[Redirect], config: Config, settings: SiteSettings
) -> Iterator[tuple[str, str]]:
    """(path in the site, text) of every redirect page and of ``_redirects``."""
    template = environment().get_template("redirect.html.j2")
    lines = []
    for redirect in sorted(redirects, key=lambda r: r.old):
        for lang in config.language_tags:
            slug = lang_slug(lang)
            target = f"{settings.site_url}{slug}/terms/{redirect.new}/"
            page = template.render(
                lang=lang, url=target, title=redirect.names.get(lang) or redirect.new
            )
            yield f"{slug}/terms/{redirect.old}/index.html", page
            lines.append(f"/{slug}/terms/{redirect.old}/ /{slug}/terms/{redirect.new}/ 301")
    yield "_redirects", "".join(f"{line}\n" for line in lines)


def headers_file(site: Path) -> str:
    """``_headers``: fingerprinted assets (Material's bundles, whose names change with their
    content) cached for a year; everything else left to the host's default, which makes
    browsers revalidate pages (a rule for all paths would be merged into these)."""
    lines = ["# Written by glossary build. Pages keep the host's default: revalidate each time."]
    for path in _site_files(site):
        if _FINGERPRINTED.search(path):
            lines += [f"/{path}", f"  Cache-Control: public, max-age={YEAR}, immutable"]
    return "\n".join(lines) + "\n"


def _site_files(site: Path) -> list[str]:
    found = []
    for root, _, files in os.walk(site):
        prefix = os.path.relpath(root, site).replace(os.sep, "/")
        found += [name if prefix == "." else f"{prefix}/{name}" for name in files]
    return sorted(found)


def site_urls(site: Path) -> list[str]:
    """Every address the site serves a page at, relative to its root (``en/terms/x/``)."""
    urls = []
    for path in _site_files(site):
        if path.endswith("index.html"):
            urls.append(path.removesuffix("index.html"))
        elif path.endswith(".html"):
            urls.append(path)
    return urls


def manifest_text(site: Path, settings: SiteSettings) -> str:
    data = {"site_url": settings.site_url, "urls": site_urls(site)}
    return json.dumps(data, ensure_ascii=False, indent=0) + "\n"


def iter_lost_urls(previous: Path, site: Path) -> Iterator[Diagnostic]:
    """An error for each address ``previous`` (an earlier build's manifest) lists that the
    site in ``site`` no longer serves."""
    try:
        data = json.loads(previous.read_text("utf-8"))
        old = data["urls"]
        assert isinstance(old, list)
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        yield diagnostic(str(previous), (1, 1), "error", "bad-manifest")
        return
    now = set(site_urls(site))
    for url in old:
        if isinstance(url, str) and url not in now:
            yield diagnostic(str(previous), (1, 1), "error", "url-gone", url=url)
