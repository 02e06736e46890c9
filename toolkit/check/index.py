"""The glossary as `toolkit check` uses it, compiled once and kept in the user's cache between runs.

Loading a glossary of 10,000 terms (reading and validating the TSV, grouping rows, building the Aho–Corasick
automaton over both scripts, compiling every English form into word stems) takes a quarter of a second or
more, on every run, before any entry is checked. The compiled glossary is kept as a pickle named by the
digest of everything it was made from: the text of each glossary file and its name, the toolkit, Python and
OpenCC versions and FORMAT. A changed glossary has another digest, so a stale index is never read; an
unreadable one is rebuilt. The cache directory is the user's own (the CLI passes it down), as trusted as
the glossary files themselves.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from toolkit.check.collector import collector_paused
from toolkit.errors import ToolkitError
from toolkit.glossary.model import Glossary
from toolkit.glossary.tsv import glossary_files, load_glossary, read_text
from toolkit.textio import atomic_write
from toolkit.version import __version__

try:  # hashlib would load OpenSSL first (3 ms of every check's start) to offer algorithms never used here
    from _blake2 import blake2b
except ImportError:  # an interpreter built without its own BLAKE2
    from hashlib import blake2b

FORMAT = 3
"""Bumped whenever what a compiled glossary holds changes shape."""

KEEP = 8
"""Compiled glossaries kept in the cache directory (the most recently written)."""


def load_indexed(path: str | Path, cache_dir: Path | None, opencc_cache: Path | None = None) -> Glossary:
    """The glossary at `path`, from its compiled index in `cache_dir` when there is one for exactly these files;
    else loaded (GlossaryError as load_glossary raises it), compiled and saved there. None: no cache."""
    if cache_dir is None:
        return load_glossary(path, opencc_cache)
    index = cache_dir / f"glossary-{_digest(path)}.pickle"
    try:
        with collector_paused():
            glossary = pickle.loads(index.read_bytes())
        if isinstance(glossary, Glossary):
            return glossary
    except Exception:  # a missing, truncated or foreign file: build it again
        pass
    glossary = load_glossary(path, opencc_cache)
    compile_forms(glossary)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(index, pickle.dumps(glossary, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(cache_dir)
    except (OSError, ToolkitError, pickle.PicklingError):
        pass  # a cache that cannot be written only costs time
    return glossary


def compile_forms(glossary: Glossary) -> None:
    """Compile every approved, variant and forbidden English form now (each is otherwise compiled on first use)."""
    for concept in glossary.concepts:
        concept.accepted_in("")
        concept.forbidden_in("")


def _digest(path: str | Path) -> str:
    digest = blake2b(f"{FORMAT}\x1f{__version__}\x1f{sys.version}\x1f{_opencc_release()}".encode())
    for file in glossary_files(path):
        digest.update(f"\x1e{file.name}\x1f".encode() + read_text(file).encode("utf-8"))
    return digest.hexdigest()[:24]


def _opencc_release() -> str:
    """The installed OpenCC release (its dist-info folder name), found without importing OpenCC or
    importlib.metadata (both cost more than reading a compiled glossary)."""
    from importlib.util import find_spec

    spec = find_spec("opencc")
    if spec is None or not spec.origin:
        return "none"
    package = Path(spec.origin).parent
    releases = sorted(p.name for p in package.parent.glob("[Oo]pen[Cc][Cc]-*.dist-info"))
    return ",".join(releases) or f"{package}:{package.stat().st_mtime_ns}"


def _prune(cache_dir: Path) -> None:
    """Keep the KEEP most recently written compiled glossaries."""
    indexes = sorted(cache_dir.glob("glossary-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in indexes[KEEP:]:
        old.unlink(missing_ok=True)
