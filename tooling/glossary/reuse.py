"""reuse: what a build takes from the site it replaces, so that a rebuild runs MkDocs
only for the languages whose inputs changed (issue #20, "Builds at scale").

After each successful build, ``build/site-<hash>.json`` records, for the site folder it
made: a fingerprint of everything the build read (term files by size and modification
time, as the check cache does; the generator, ``site_src``, the settings, the theme's
versions), the folder's identity (so a site replaced or removed by hand is not trusted),
and per language a digest of what its MkDocs run was given. The next build then

- does nothing at all when the fingerprint is unchanged (the site is what it would make);
- else gives every language whose MkDocs inputs are unchanged the previous site's folder,
  hard-linked into the staging folder (a failed or interrupted build never touches the
  published files: nothing is moved out of them and nothing is written through a link,
  see ``write_new``), and runs MkDocs only for the others. Site-wide files (root pages,
  sitemap, redirects, ``_headers``, URL manifest) are written anew each time, as are a
  lent folder's search files when they changed (they are static files MkDocs only copies)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from glossary.cache import replace_file
from glossary.diagnostics import Diagnostic
from glossary.render import Placed

# What turns the generated Markdown into HTML: a new version of any of them can change
# every page, so each is part of every language's MkDocs inputs.
THEME_PACKAGES = (
    "mkdocs",
    "properdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "babel",
)


def theme_versions() -> str:
    versions = [sys.version.split()[0]]
    for name in THEME_PACKAGES:
        try:
            versions.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return " ".join(versions)


def term_stamps(terms: Path) -> str:
    """A digest of the term files' names, sizes and modification times (the check
    cache's test of "unchanged", ``cache.stamp``), found as ``discover`` finds them."""
    digest = hashlib.blake2b(digest_size=16)
    found = []
    for root, folders, files in os.walk(terms):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in files:
            if name.endswith(".yaml"):
                path = os.path.join(root, name)
                info = os.stat(path)
                found.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n")
    for line in sorted(found):
        digest.update(line.encode())
    return digest.hexdigest()


def git_head(terms: Path) -> str:
    """The commit the terms folder's repository is at ("" outside git): a commit changes
    the dates the site shows even when no file does."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    try:
        done = subprocess.run(
            ["git", "-C", str(terms), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def fingerprint(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


@dataclass
class SiteRecord:
    """What the site in a folder was built from (see the module's docstring)."""

    inputs: str  # the whole build's fingerprint
    languages: dict[str, str]  # language → digest of its MkDocs inputs
    lexicons: dict[str, str]  # language → digest of its search files
    redirects: list[str]  # the redirect pages inside the language folders
    pages: list[list]  # [language, path, indexed] of every generated page
    diagnostics: list[list]  # the check's report (``pipeline.diagnostic_fields``)
    files: int  # how many term files the check read
    folder: list[int] = field(default_factory=list)  # the site folder's identity

    def placed(self) -> list[Placed]:
        return [Placed(lang, path, bool(indexed)) for lang, path, indexed in self.pages]

    def report_diagnostics(self) -> list[Diagnostic]:
        """The diagnostics as ``pipeline.diagnostic_fields`` wrote them (JSON's lists
        back into the tuples a diagnostic holds: it must stay hashable)."""
        return [Diagnostic(*map(_frozen, fields)) for fields in self.diagnostics]


def _frozen(value: Any) -> Any:
    return tuple(map(_frozen, value)) if isinstance(value, list) else value


def _identity(site: Path) -> list[int]:
    info = os.stat(site)
    return [info.st_dev, info.st_ino, info.st_ctime_ns]


def record_file(build: Path, site: Path) -> Path:
    name = hashlib.blake2b(str(site.resolve()).encode(), digest_size=8).hexdigest()
    return build / f"site-{name}.json"


def read_record(build: Path, site: Path) -> SiteRecord | None:
    """The record of the site in ``site``, if there is one and it is still that site."""
    try:
        data = json.loads(record_file(build, site).read_text("utf-8"))
        record = SiteRecord(**data)
        record.report_diagnostics()  # a record it cannot read back is no record
        if record.folder != _identity(site):
            return None
    except (OSError, ValueError, TypeError):
        return None
    return record


def forget_record(build: Path, site: Path) -> None:
    """Drop the record before the site it describes is replaced."""
    record_file(build, site).unlink(missing_ok=True)


def write_record(build: Path, site: Path, record: SiteRecord) -> None:
    record.folder = _identity(site)
    text = json.dumps(asdict(record), ensure_ascii=False, default=str)
    replace_file(record_file(build, site), text.encode())


class Cancelled(Exception):
    """Lending was stopped because the build stopped."""


def lend_languages(
    previous: Path,
    staging: Path,
    folders: Mapping[str, Path | None],
    skip: Iterable[str] = (),
    stop: threading.Event | None = None,
) -> None:
    """Give ``staging`` the previous site's folder of each language slug in ``folders``,
    hard-linked file by file (copied where the file system cannot link), leaving out the
    files ``skip`` names (paths from the site's root). A slug mapped to a folder gets its
    search files from that folder (copied, never linked: the build folder is rewritten
    in place) instead of the previous site's."""
    skipped = set(skip)
    for slug, lexicon in folders.items():
        _link_tree(previous / slug, staging / slug, slug, skipped, lexicon, stop)


def _link_tree(
    source: Path,
    target: Path,
    prefix: str,
    skip: set[str],
    lexicon: Path | None,
    stop: threading.Event | None,
) -> None:
    from glossary.search import LEXICON_DIR

    root = str(source)
    for folder, folders, files in os.walk(root):
        if stop is not None and stop.is_set():
            raise Cancelled
        relative = os.path.relpath(folder, root)
        if lexicon is not None and relative == ".":
            folders[:] = [name for name in folders if name != LEXICON_DIR]
        into = str(target) if relative == "." else os.path.join(str(target), relative)
        made = False  # folders are made for the files they get: none is left empty
        for name in files:
            path = name if relative == "." else f"{relative.replace(os.sep, '/')}/{name}"
            if f"{prefix}/{path}" in skip:
                continue
            if not made:
                os.makedirs(into, exist_ok=True)
                made = True
            _link(os.path.join(folder, name), os.path.join(into, name))
    if lexicon is not None and lexicon.is_dir():
        shutil.copytree(lexicon, target / LEXICON_DIR, copy_function=shutil.copyfile)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_new(path: Path, text: str) -> None:
    """Write a file as a new one: a file of a lent folder is the previous site's too, and
    writing into it would change the published site."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")
