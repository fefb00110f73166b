"""Writing the editors' term files (``glossary new`` and ``review``), each in one step:
a new file never replaces an existing one, a reviewed file is swapped in whole."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def swap_content(path: Path, data: bytes) -> None:
    """Swap the content of the existing file ``path`` in one step (a temporary file beside
    it, synced, then renamed over it), so an interrupted write never leaves half a file;
    the file keeps its permissions."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def create_file(path: Path, data: bytes) -> None:
    """Write a new file; raises ``FileExistsError`` rather than replace one."""
    with open(path, "xb"):
        pass
    try:
        swap_content(path, data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
