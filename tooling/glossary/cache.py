"""The caches in ``.glossary-cache/``: per-file check results, so that ``glossary check``
on a large glossary re-reads only the files that changed since the last run (editors run it
on every save), and small JSON caches such as the formulas' solved inverses.

An entry is reused only while the file's size and modification time are unchanged and
the tool itself (code, configuration, schema) is the same. It is stored with
``marshal`` (plain values only, nothing that runs on load) and replaced atomically;
a missing, stale or unreadable cache is simply rebuilt."""

from __future__ import annotations

import contextlib
import hashlib
import json
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
    package = Path(str(resources.files("glossary")))
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml") or path.name == "term-schema.yaml":
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
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


def read_json_cache(location: Path, version: int) -> dict:
    """A JSON cache's entries; empty when absent, unreadable or of another version."""
    try:
        data = json.loads(location.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.pop("version", None) == version else {}


def write_json_cache(location: Path, version: int, entries: dict) -> None:
    """Replace a JSON cache in one step; a cache that cannot be written only costs time."""
    with contextlib.suppress(OSError):
        text = json.dumps({"version": version, **entries}, ensure_ascii=False)
        replace_file(location, text.encode())


def write_cache(location: Path, entries: dict) -> None:
    """Replace the cache in one step; a cache that cannot be written is skipped."""
    with contextlib.suppress(OSError, ValueError):
        replace_file(location, marshal.dumps({"tool": tool_fingerprint(), "entries": entries}))
