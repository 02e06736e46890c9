"""PO + source -> English document: every segment replaced by its translation, the skeleton kept."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import polib

from toolkit.catalog import read_po
from toolkit.draft import DEFAULT_OUTPUT, po_path_for, source_files
from toolkit.errors import CatalogError
from toolkit.segment import Document, Segment, segment_file
from toolkit.textio import atomic_write

SENTENCE_GAP = " "
"""Put between two English sentences that touch in the Chinese source (Chinese writes no space)."""


@dataclass(frozen=True)
class Built:
    """One English document and how its segments were filled."""

    text: str
    confirmed: int
    fuzzy: int
    untranslated: int


def build_document(document: Document, catalog: polib.POFile, *, confirmed_only: bool = False) -> Built:
    """The document in English: confirmed translations, drafts (unless confirmed_only), else the Chinese source."""
    entries = {entry.msgid: entry for entry in catalog if not entry.obsolete and entry.msgstr}
    tally = {"confirmed": 0, "fuzzy": 0, "untranslated": 0}

    def translation(segment: Segment) -> str:
        entry = entries.get(segment.text)
        if entry is None:
            tally["untranslated"] += 1
            return segment.text
        if "fuzzy" not in entry.flags:
            tally["confirmed"] += 1
            return entry.msgstr
        if confirmed_only:
            tally["untranslated"] += 1
            return segment.text
        tally["fuzzy"] += 1
        return entry.msgstr

    text = document.rebuild(translation, sentence_gap=SENTENCE_GAP)
    return Built(text, **tally)


def english_path_for(source: Path, output: Path) -> Path:
    """Where a source's English document goes: next to its PO file, with the source's own file name."""
    return po_path_for(source, output).with_name(source.name)


def build_files(
    sources: Sequence[str | Path], output: str | Path = DEFAULT_OUTPUT, *, confirmed_only: bool = False
) -> list[tuple[Path, Built]]:
    """Build every source's English document from OUTPUT/en/<stem>.po into OUTPUT/en/<source name>."""
    output = Path(output)
    built = []
    for source in source_files(sources):
        po = po_path_for(source, output)
        if not po.is_file():
            raise CatalogError("no PO file for this source", str(po), f"run `toolkit draft {source} -o {output}` first")
        result = build_document(segment_file(source), read_po(po), confirmed_only=confirmed_only)
        built.append((english_path_for(source, output), result))
    for path, result in built:
        atomic_write(path, result.text)
    return built
