"""The bench's cache folder (bench/.cache, git-ignored) and atomic writes into it."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


def key(**parameters: object) -> str:
    """A short, stable name for a set of build parameters."""
    text = json.dumps(parameters, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
