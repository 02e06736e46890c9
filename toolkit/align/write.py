"""An alignment as text: po (fuzzy entries for `draft --tm`), tmx, tsv (zh, en, score) or ids (Vecalign)."""

from __future__ import annotations

from datetime import datetime, timezone

from toolkit.align import Alignment, Link
from toolkit.align.score import format_ids
from toolkit.storage.po import build_header, render
from toolkit.storage.tmx import render_tmx
from toolkit.storage.units import Catalog, State, Unit
from toolkit.version import __version__

FORMATS = ("po", "tmx", "tsv", "ids")
"""Output formats of `toolkit align`; `ids` always lists every link (skips too), the others only pairs."""


def pairs(alignment: Alignment, min_score: float = 0.0) -> list[Link]:
    """The links with text on both sides and a score of at least `min_score`."""
    return [link for link in alignment.links if link.zh and link.en and link.score >= min_score]


def _lines(alignment: Alignment, link: Link) -> str:
    def span(lines: list[int]) -> str:
        return str(lines[0]) if lines[0] == lines[-1] else f"{lines[0]}-{lines[-1]}"

    zh = span([alignment.zh[i].line for i in link.zh])
    en = span([alignment.en[j].line for j in link.en])
    return f"aligned {len(link.zh)}-{len(link.en)}, score {link.score:.2f}; zh line {zh}, en line {en}"


def render_po(alignment: Alignment, min_score: float = 0.0, now: datetime | None = None) -> str:
    """A PO catalogue: one fuzzy entry per pair (zh msgid, en msgstr), the score and line numbers in a note.

    The same Chinese aligned twice to different English gets a msgctxt with its line, so msgfmt -c accepts it.
    """
    header = build_header({}, project=alignment.zh_file, source_language=alignment.script,
                          generator=f"toolkit {__version__} align", now=now or datetime.now(timezone.utc))
    comments = (f"Aligned by `toolkit align` from {alignment.zh_file} and {alignment.en_file}.",
                "Review in Poedit; every entry is fuzzy.")
    units: list[Unit] = []
    seen: dict[tuple[str | None, str], int] = {}
    for link in pairs(alignment, min_score):
        msgid, msgstr = alignment.zh_text(link), alignment.en_text(link)
        line = alignment.zh[link.zh[0]].line
        known = seen.get((None, msgid))
        if known is not None and units[known].target == msgstr:
            units[known] = units[known]._replace(locations=units[known].locations + (f"{alignment.zh_file}:{line}",))
            continue
        context = None if known is None else f"{alignment.zh_file}:{line}"
        seen[(context, msgid)] = len(units)
        units.append(Unit(msgid, msgstr, State.FUZZY, (_lines(alignment, link),), locations=(f"{alignment.zh_file}:{line}",),
                          context=context))
    return render(Catalog(tuple(units), header, comments)) + "\n"


def render_tsv(alignment: Alignment, min_score: float = 0.0) -> str:
    """zh TAB en TAB score, one pair a line (tabs and line breaks inside a sentence become spaces)."""
    def cell(text: str) -> str:
        return " ".join(text.replace("\t", " ").splitlines())

    return "".join(f"{cell(alignment.zh_text(link))}\t{cell(alignment.en_text(link))}\t{link.score:.3f}\n"
                   for link in pairs(alignment, min_score))


def render_alignment_tmx(alignment: Alignment, min_score: float = 0.0, now: datetime | None = None) -> str:
    """TMX 1.4b, one unit per pair, marked fuzzy (not confirmed by a translator)."""
    linked = pairs(alignment, min_score)
    units = [Unit(alignment.zh_text(link), alignment.en_text(link), State.FUZZY, (_lines(alignment, link),))
             for link in linked]
    return render_tmx(units, alignment.script, now, [(("x-align-score", f"{link.score:.3f}"),) for link in linked])


def render_alignment(alignment: Alignment, output_format: str, min_score: float = 0.0) -> str:
    """The alignment in one of FORMATS."""
    if output_format == "ids":
        return format_ids((link.zh, link.en) for link in alignment.links)
    if output_format == "tsv":
        return render_tsv(alignment, min_score)
    if output_format == "tmx":
        return render_alignment_tmx(alignment, min_score)
    return render_po(alignment, min_score)
