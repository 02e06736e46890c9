"""An alignment as text: po (fuzzy entries for `draft --tm`), tmx, tsv (zh, en, score) or ids (Vecalign)."""

from __future__ import annotations

from datetime import datetime, timezone

import polib

from toolkit import __version__
from toolkit.align import Alignment, Link
from toolkit.align.score import format_ids
from toolkit.catalog import WRAP_WIDTH, render

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
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M%z")
    catalog = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalog.header = f"Aligned by `toolkit align` from {alignment.zh_file} and {alignment.en_file}.\nReview in Poedit; every entry is fuzzy."
    catalog.metadata = {
        "Project-Id-Version": alignment.zh_file,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "X-Generator": f"toolkit {__version__} align",
        "X-Source-Language": alignment.script,
    }
    seen: dict[tuple[str | None, str], polib.POEntry] = {}
    for link in pairs(alignment, min_score):
        msgid, msgstr = alignment.zh_text(link), alignment.en_text(link)
        reference = (alignment.zh_file, str(alignment.zh[link.zh[0]].line))
        known = seen.get((None, msgid))
        if known is not None and known.msgstr == msgstr:
            known.occurrences.append(reference)
            continue
        context = None if known is None else f"{alignment.zh_file}:{reference[1]}"
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=context, occurrences=[reference],
                              comment=_lines(alignment, link), flags=["fuzzy"])
        seen[(context, msgid)] = entry
        catalog.append(entry)
    return render(catalog) + "\n"


def render_tsv(alignment: Alignment, min_score: float = 0.0) -> str:
    """zh TAB en TAB score, one pair a line (tabs and line breaks inside a sentence become spaces)."""
    def cell(text: str) -> str:
        return " ".join(text.replace("\t", " ").splitlines())

    return "".join(f"{cell(alignment.zh_text(link))}\t{cell(alignment.en_text(link))}\t{link.score:.3f}\n"
                   for link in pairs(alignment, min_score))


def render_alignment_tmx(alignment: Alignment, min_score: float = 0.0, now: datetime | None = None) -> str:
    """TMX 1.4b, one unit per pair, marked fuzzy (not confirmed by a translator)."""
    from toolkit.tmx import TranslationUnit, render_tmx

    units = [
        TranslationUnit(alignment.zh_text(link), alignment.en_text(link), False, (_lines(alignment, link),),
                        (("x-align-score", f"{link.score:.3f}"),))
        for link in pairs(alignment, min_score)
    ]
    return render_tmx(units, alignment.script, now)


def render_alignment(alignment: Alignment, output_format: str, min_score: float = 0.0) -> str:
    """The alignment in one of FORMATS."""
    if output_format == "ids":
        return format_ids((link.zh, link.en) for link in alignment.links)
    if output_format == "tsv":
        return render_tsv(alignment, min_score)
    if output_format == "tmx":
        return render_alignment_tmx(alignment, min_score)
    return render_po(alignment, min_score)
