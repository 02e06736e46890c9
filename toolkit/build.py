"""PO + source -> English document: every segment replaced by its translation, the skeleton kept.

Web-page chrome (the `site-chrome` lines: 訂閱, 發表評論, a lone x, the comment form) is left out
of the English document unless asked for: it is in the source's skeleton, not in what was translated.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import regex

from toolkit.clean import Markup
from toolkit.errors import CatalogError, InputError
from toolkit.paths import DEFAULT_OUTPUT, check_not_in_output, english_path_for, output_dir, po_path_for, source_files
from toolkit.segment import Document, Segment, segment_file
from toolkit.storage.po import read_catalog
from toolkit.storage.units import Catalog
from toolkit.textio import atomic_write

SENTENCE_GAP = " "
"""Put between two English sentences that touch in the Chinese source (Chinese writes no space)."""

_BLANK_RUN = regex.compile(r"\n{3,}")


@dataclass(frozen=True)
class Built:
    """One English document and how its segments were filled."""

    text: str
    confirmed: int
    fuzzy: int
    untranslated: int
    chrome_dropped: int = 0  # lines of web-page chrome left out


def build_document(document: Document, catalog: Catalog, *, confirmed_only: bool = False,
                   keep_chrome: bool = False) -> Built:
    """The document in English: confirmed translations, drafts (unless confirmed_only), else the Chinese source.

    Lines of web-page chrome are left out unless `keep_chrome`.
    """
    units = {unit.source: unit for unit in catalog.units if not unit.obsolete and unit.target}
    tally = {"confirmed": 0, "fuzzy": 0, "untranslated": 0}

    def translation(segment: Segment) -> str:
        unit = units.get(segment.text)
        if unit is None:
            tally["untranslated"] += 1
            return segment.text
        if not unit.fuzzy:
            tally["confirmed"] += 1
            return unit.target
        if confirmed_only:
            tally["untranslated"] += 1
            return segment.text
        tally["fuzzy"] += 1
        return unit.target

    dropped = 0
    if not keep_chrome:
        document, dropped = without_chrome(document)
    text = document.rebuild(translation, sentence_gap=SENTENCE_GAP)
    return Built(text, **tally, chrome_dropped=dropped)


def without_chrome(document: Document) -> tuple[Document, int]:
    """The document with its whole lines of web-page chrome taken out of the skeleton, and how many lines went."""
    last = len(document.skeleton) - 1
    pieces, dropped = [], 0
    for number, piece in enumerate(document.skeleton):
        parts = piece.split("\n")
        kept = []
        for index, part in enumerate(parts):
            # A whole line lies between two newlines of the piece, or at the document's start or end.
            whole = (index > 0 or number == 0) and (index < len(parts) - 1 or number == last)
            if whole and Markup.site_chrome.fullmatch(part):
                dropped += 1
                continue
            kept.append(part)
        if len(kept) == len(parts):
            pieces.append(piece)
            continue
        piece = _BLANK_RUN.sub("\n\n", "\n".join(kept))
        if number == 0:
            piece = piece.lstrip("\n")
        if number == last and piece.endswith("\n"):
            piece = piece.rstrip("\n") + "\n"
        pieces.append(piece)
    return dataclasses.replace(document, skeleton=tuple(pieces)), dropped


def build_files(
    sources: Sequence[str | Path], output: str | Path = DEFAULT_OUTPUT, *, confirmed_only: bool = False,
    keep_chrome: bool = False, encoding: str | None = None,
) -> list[tuple[Path, Built]]:
    """Build every source's English document from OUTPUT/en/<stem>.po into OUTPUT/en/<stem>.txt (.md for Markdown).

    Everything is read and built first, then written: a bad source or PO file leaves every document as it was.
    """
    output = output_dir(output)
    files = source_files(sources)
    built = []
    targets: dict[Path, Path] = {}
    for source in files:
        check_not_in_output(source, output)
        po = po_path_for(source, output)
        if not po.is_file():
            raise CatalogError("no PO file for this source", str(po), f"run `toolkit draft {source} -o {output}` first")
        document = segment_file(source, encoding)
        target = english_path_for(source, output, markdown=document.markdown)
        if target.resolve() in targets:
            raise InputError(f"{targets[target.resolve()]} and {source} would both build {target}", None,
                             "rename one of them or build them into different output directories (-o)")
        targets[target.resolve()] = source
        result = build_document(document, read_catalog(po), confirmed_only=confirmed_only, keep_chrome=keep_chrome)
        built.append((target, result))
    for path, result in built:
        atomic_write(path, result.text)
    return built
