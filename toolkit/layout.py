"""Where drafts live: the output directory, its language folder, and the PO file of each source.

Kept apart from `toolkit.draft` (which imports memory and engines) so that the CLI and `build` can read
these facts without loading a draft run.
"""

from __future__ import annotations

from pathlib import Path

LANGUAGE = "en"
"""Target language: PO files go to <output>/en/<source stem>.po."""

DEFAULT_OUTPUT = Path("translations")
"""Output directory when -o is not given."""


def po_path_for(source: Path, output: Path) -> Path:
    """Where a source's PO file goes: <output>/en/<source stem>.po."""
    return Path(output) / LANGUAGE / f"{Path(source).stem}.po"
