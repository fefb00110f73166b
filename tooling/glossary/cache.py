"""A cache of per-file check results, so that ``glossary check`` on a large glossary
re-reads only the files that changed since the last run (editors run it on every save).

An entry is reused only while the file's size and modification time are unchanged and
the tool itself (code, configuration, schema) is the same. It is stored with
``marshal`` (plain values only, nothing that runs on load) and replaced atomically;
a missing, stale or unreadable cache is simply rebuilt."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path

CACHE_DIR = ".glossary-cache"


@cache
def tool_fingerprint() -> str:
    """Changes whenever the checker's code, configuration or schema changes."""
    digest = hashlib.blake2b(digest_size=12)
    package = resources.files("glossary")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith((".py", ".toml"))):
        digest.update(package.joinpath(name).read_bytes())
    digest.update(package.joinpath("data/term-schema.yaml").read_bytes())
    return digest.hexdigest()


def cache_file(folder: Path) -> Path:
    folder = folder.resolve()
    name = hashlib.blake2b(str(folder).encode(), digest_size=8).hexdigest()
    return folder.parent / CACHE_DIR / f"check-{folder.name}-{name}.marshal"


def stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def read_cache(location: Path) -> dict:
    """Entries by file path: ``(stamp, payload)``; empty when absent or not ours."""
    try:
        with open(location, "rb") as handle:
            content = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(content, dict) or content.get("tool") != tool_fingerprint():
        return {}
    entries = content.get("entries")
    return entries if isinstance(entries, dict) else {}


def replace_file(location: Path, content: bytes) -> None:
    """Write ``location`` in one step (a temporary file renamed over it): a reader never
    sees half of it. Raises OSError, leaving no temporary file behind."""
    location.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=location.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temp, location)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_cache(location: Path, entries: dict) -> None:
    """Replace the cache in one step; a cache that cannot be written is skipped."""
    with contextlib.suppress(OSError, ValueError):
        replace_file(location, marshal.dumps({"tool": tool_fingerprint(), "entries": entries}))
