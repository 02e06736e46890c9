"""One review run: each SOURCE and its PO file (TRANSLATIONS/en/<stem>.po) -> OUTPUT/<stem>.html and .docx.

Every output is checked before any work (never over an input, never over a file that is not an earlier
review output without `force`), everything is read and rendered next, and the files are written last, all
of them or none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from toolkit.errors import CatalogError, InputError, OutputError
from toolkit.glossary import Glossary
from toolkit.paths import DEFAULT_OUTPUT, output_dir, po_path_for, source_files, writable_dir
from toolkit.review.docx import is_review_docx, render_docx, require_docx
from toolkit.review.findings import check_findings
from toolkit.review.html import is_review_page, render_html
from toolkit.review.model import Review, gather
from toolkit.segment import segment_file
from toolkit.storage.files import write_all
from toolkit.storage.output import check_output
from toolkit.storage.po import read_catalog

FORMATS = ("html", "docx")
"""What `toolkit review` writes for each article, by file suffix."""

_RENDER: dict[str, tuple[Callable[[Review, datetime], str | bytes], Callable[[bytes], bool]]] = {
    "html": (render_html, is_review_page),
    "docx": (render_docx, is_review_docx),
}


@dataclass(frozen=True)
class Written:
    """The review of one article and the files it went to."""

    review: Review
    paths: tuple[Path, ...]


def review_files(
    sources: Sequence[str | Path],
    output: str | Path,
    *,
    translations: str | Path = DEFAULT_OUTPUT,
    glossary: Glossary | None = None,
    formats: Sequence[str] = FORMATS,
    force: bool = False,
    encoding: str | None = None,
    now: datetime | None = None,
) -> list[Written]:
    """Review every source against its PO file in `translations`, into `output` (see the module)."""
    formats = [name for name in FORMATS if name in formats]
    if not formats:
        raise InputError("no output format", None, f"pass --format with one of {', '.join(FORMATS)}")
    if str(output) == "-":  # every other writing command's `-o -` is standard output: never a directory named -
        raise OutputError(
            "review writes a directory of documents, not standard output",
            "-o -",
            "pass -o DIR (OUTPUT/<stem>.html and .docx are written there)",
        )
    if "docx" in formats:
        require_docx()
    output, translations = output_dir(output), output_dir(translations)
    files = source_files(sources)
    catalogs = [_catalog_of(source, translations) for source in files]
    targets = _targets(files, output, formats)
    inputs = [*files, *catalogs]
    for source in files:
        for name, target in zip(formats, targets[source]):
            check_output(target, inputs=inputs, ours=_RENDER[name][1], force=force)
    findings = check_findings(catalogs, glossary)
    now = now or datetime.now(UTC)
    written, payloads = [], []
    for source, catalog in zip(files, catalogs):
        review = gather(segment_file(source, encoding), read_catalog(catalog), findings.get(str(catalog), ()), glossary)
        for name, target in zip(formats, targets[source]):
            payloads.append((target, _RENDER[name][0](review, now)))
        written.append(Written(review, targets[source]))
    writable_dir(output)
    write_all(payloads)
    return written


def _catalog_of(source: Path, translations: Path) -> Path:
    po = po_path_for(source, translations)
    if not po.is_file():
        raise CatalogError(
            "no PO file for this source",
            str(po),
            f"run `toolkit draft {source} -o {translations}` first, or pass --translations DIR",
        )
    return po


def _targets(files: Sequence[Path], output: Path, formats: Sequence[str]) -> dict[Path, tuple[Path, ...]]:
    """OUTPUT/<stem>.<format> for each source; InputError when two sources would share one."""
    targets: dict[Path, tuple[Path, ...]] = {}
    owners: dict[Path, Path] = {}
    for source in files:
        paths = tuple(output / f"{source.stem}.{name}" for name in formats)
        first = paths[0].resolve()
        if first in owners and owners[first].resolve() != source.resolve():
            raise InputError(
                f"{owners[first]} and {source} would both be reviewed into {paths[0]}",
                None,
                "rename one of them or review them into different directories (-o)",
            )
        owners[first] = source
        targets[source] = paths
    return targets
