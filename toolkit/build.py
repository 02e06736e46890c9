"""PO + source -> English document: every segment replaced by its translation, the skeleton kept.

Footnotes the segmenter found (Document.footnotes) are written for the document's format: Markdown footnotes
in a Markdown build (`"very worried."[^1]`, and `[^1]: ` opening the note: pandoc, GitHub and Python-Markdown
render them), `[1]` in a plain-text one; the back-link glyphs (↩︎) of the notes list are dropped.

Every document is written under storage.output's rule: never over an input, never over a file that is not
build's own earlier output (listed in OUTPUT/en/.toolkit-built, storage.manifest) unless forced.

Web-page chrome (the `site-chrome` lines: 訂閱, 發表評論, a lone x, the comment form) is left out
of the English document unless asked for: it is in the source's skeleton, not in what was translated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import regex

from toolkit.clean import Markup
from toolkit.errors import CatalogError, InputError, OutputError
from toolkit.paths import DEFAULT_OUTPUT, check_not_in_output, english_path_for, output_dir, po_path_for, source_files
from toolkit.segment import Document, Segment, segment_file
from toolkit.storage.manifest import Manifest, read_manifest, write_manifest
from toolkit.storage.output import Ours, check_output, is_stdout, write_output
from toolkit.storage.po import read_catalog
from toolkit.storage.units import Catalog
from toolkit.words import ENGLISH

SENTENCE_GAP = " "
"""Put between two English sentences that touch in the Chinese source (Chinese writes no space)."""

_BLANK_RUN = regex.compile(r"\n{3,}")
_BLANKS_BEFORE = regex.compile(r"[ \t\u00a0\u3000]*", regex.REVERSE)


@dataclass(frozen=True)
class Built:
    """One English document and how its segments were filled."""

    text: str
    confirmed: int
    fuzzy: int
    untranslated: int
    chrome_dropped: int = 0  # lines of web-page chrome left out


def build_document(
    document: Document,
    catalog: Catalog,
    *,
    confirmed_only: bool = False,
    keep_chrome: bool = False,
    markdown: bool | None = None,
) -> Built:
    """The document in English: confirmed translations, drafts (unless confirmed_only), else the Chinese source.

    Footnotes are written as Markdown footnotes when `markdown` (default: the document's own format), else as [1].
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
    document = with_footnotes(document, markdown=document.markdown if markdown is None else markdown)
    if not keep_chrome:
        document, dropped = without_chrome(document)
    text = document.rebuild(translation, sentence_gap=SENTENCE_GAP)
    return Built(text, **tally, chrome_dropped=dropped)


def with_footnotes(document: Document, *, markdown: bool) -> Document:
    """The document with its footnote structure written for its format, back-links (and the blanks before them) dropped.

    Markdown: `[^1]` at a marker, `[^1]: ` for the label of a note. A marker whose note is not in the document
    becomes `[1]` (Markdown would show `[^1]` as it is), and a note no marker points to keeps its label (pandoc
    leaves an unreferenced note out). Plain text: `[1]` at a marker and `[1] ` opening its note.
    """
    defined = {note.number for note in document.footnotes if note.kind == "definition"}
    referenced = {note.number for note in document.footnotes if note.kind == "marker"}
    pieces = list(document.skeleton)
    for note in reversed(document.footnotes):  # in text order: from the end, so earlier offsets hold
        piece, start, number = pieces[note.piece], note.start, note.number
        if note.kind == "marker":
            new = f"[^{number}]" if markdown and number in defined else f"[{number}]"
        elif note.kind == "definition":
            new = (
                (f"[^{number}]: " if number in referenced else piece[start : note.end]) if markdown else f"[{number}] "
            )
        else:
            new, start = "", _BLANKS_BEFORE.match(piece, 0, start).start()
        pieces[note.piece] = piece[:start] + new + piece[note.end :]
    return dataclasses.replace(document, skeleton=tuple(pieces), footnotes=())


def without_chrome(document: Document) -> tuple[Document, int]:
    """The document with its whole lines of web-page chrome taken out of the skeleton, and how many lines went.

    (Build calls it after `with_footnotes`: it does not move the footnotes' offsets.)"""
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
    sources: Sequence[str | Path],
    output: str | Path = DEFAULT_OUTPUT,
    *,
    confirmed_only: bool = False,
    keep_chrome: bool = False,
    encoding: str | None = None,
    markdown: bool | None = None,
    force: bool = False,
    catalog: str | Path | None = None,
) -> list[tuple[Path | None, Built]]:
    """Build every source's English document from OUTPUT/en/<stem>.po into OUTPUT/en/<stem>.txt (.md for Markdown).

    `markdown` chooses the format (default: the source's); `catalog` names the PO file of a single source.
    OUTPUT `-` writes the one source's document to standard output (its PO file: `catalog`, else
    translations/en/<stem>.po); the path returned is then None. An existing document is replaced only when it
    is build's own earlier output (its bytes are in OUTPUT/en/.toolkit-built, or are what build wrote from the same
    inputs before it knew footnotes) or would not change, or with `force`.
    Everything is read, built and checked first, then written: a bad source, PO file or target leaves every
    document as it was.
    """
    stdout = is_stdout(output)
    directory = output_dir(DEFAULT_OUTPUT if stdout else output)
    files = source_files(sources)
    if (stdout or catalog is not None) and len(files) != 1:
        raise InputError(
            f"{'-o -' if stdout else '--po'} builds one document, and {len(files)} sources were given",
            ", ".join(map(str, files[:3])),
            "pass one SOURCE file",
        )
    manifest = None if stdout else read_manifest(directory / ENGLISH)
    built: list[_Planned] = []
    targets: dict[Path, Path] = {}
    for source in files:
        check_not_in_output(source, directory)
        po = Path(catalog) if catalog is not None else po_path_for(source, directory)
        if not po.is_file():
            raise CatalogError(
                "no PO file for this source", str(po), f"run `toolkit draft {source} -o {directory}` first"
            )
        document, units = segment_file(source, encoding), read_catalog(po)
        result = build_document(
            document, units, confirmed_only=confirmed_only, keep_chrome=keep_chrome, markdown=markdown
        )
        if stdout:
            built.append(_Planned(None, result, [source, po], None))
            continue
        target = english_path_for(source, directory, markdown=document.markdown if markdown is None else markdown)
        if target.resolve() in targets:
            raise InputError(
                f"{targets[target.resolve()]} and {source} would both build {target}",
                None,
                "rename one of them or build them into different output directories (-o)",
            )
        targets[target.resolve()] = source
        if target.is_dir():
            raise OutputError(
                "is a directory, where build writes this source's English document",
                str(target),
                "move the directory away, or pass another -o DIR",
            )
        earlier = _earlier_build(document, units, confirmed_only=confirmed_only, keep_chrome=keep_chrome)
        planned = _Planned(
            target,
            result,
            [source, po],
            lambda data, listed=manifest.ours(target.name), earlier=earlier: listed(data) or data == earlier,
        )
        check_output(target, inputs=planned.inputs, ours=planned.ours, force=force, data=result.text.encode("utf-8"))
        built.append(planned)
    _write(built, manifest, force=force)
    return [(planned.path, planned.built) for planned in built]


class _Planned(NamedTuple):
    """A document to write: where (None: standard output), what, its inputs, and how to know build's earlier output there."""

    path: Path | None
    built: Built
    inputs: list[Path]
    ours: Ours | None


def _earlier_build(document: Document, catalog: Catalog, **options: bool) -> bytes:
    """What build wrote from these inputs before it knew footnotes (and kept no manifest): also its own output,
    so a repository built by an earlier toolkit is rebuilt without --force (a document edited since is not)."""
    return build_document(dataclasses.replace(document, footnotes=()), catalog, **options).text.encode("utf-8")


def _write(built: list[_Planned], manifest: Manifest | None, *, force: bool) -> None:
    """Write the documents, listing their bytes in the manifest: old and new while writing, then only the new."""
    if manifest is None:
        for planned in built:
            write_output("-", planned.built.text, inputs=planned.inputs)
        return
    written = {planned.path.name: planned.built.text.encode("utf-8") for planned in built if planned.path is not None}
    write_manifest(manifest.with_written(written, keep_old=True))
    for planned in built:
        write_output(planned.path, planned.built.text, inputs=planned.inputs, ours=planned.ours, force=force)
    write_manifest(manifest.with_written(written, keep_old=False))
