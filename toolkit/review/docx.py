"""The review as a Word document (python-docx, imported only here): the same two columns, one table row per
sentence (PO entry), a heavier rule above each paragraph, headings and list markers kept. Fuzzy rows are shaded
yellow, untranslated ones grey, rows with `toolkit check` findings red with the findings in a Word comment;
glossary terms are underlined.
Agency reviewers annotate this file: an annotated copy is never replaced without --force (see is_review_docx).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime

import regex

from toolkit.errors import ToolkitError
from toolkit.review.model import Block, Piece, Review, Sentence, visible
from toolkit.storage.units import State
from toolkit.version import __version__

SHADES = {State.FUZZY: "FFF3C4", State.UNTRANSLATED: "EEEEEE", "finding": "F9D6D2"}
"""Cell shading (hex RGB) of the English cell: fuzzy, untranslated, with findings (findings win)."""

TERM_COLOUR = (0x1F, 0x5F, 0xA8)
MARK = "toolkit-review sha256:"
"""Begins the core property `identifier` of every document written here; the hash of word/document.xml follows."""

_IDENTIFIER = regex.compile(rb"<dc:identifier>([^<]*)</dc:identifier>")


def require_docx() -> None:
    """ToolkitError (before any work) when python-docx is not installed."""
    try:
        import docx  # noqa: F401
    except ImportError:
        raise ToolkitError(
            "DOCX output needs python-docx, which is not installed",
            None,
            "pip install 'toolkit[review]', or pass --format html",
        ) from None


def is_review_docx(data: bytes) -> bool:
    """Whether the bytes are a document `toolkit review` wrote, unchanged since: its identifier holds the hash of
    its word/document.xml, which any edit in Word (a comment, a correction) changes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            core = archive.read("docProps/core.xml")
            body = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    found = _IDENTIFIER.search(core)
    return bool(found) and found.group(1).decode("utf-8", "replace") == MARK + hashlib.sha256(body).hexdigest()


def render_docx(review: Review, generated: datetime) -> bytes:
    """The review document of one article, as the bytes of a .docx file."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(10.5)
    _east_asian_font(normal.element, "SimSun")
    _front_matter(document, review, generated)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, ("中文原文", "English translation")):
        cell.paragraphs[0].add_run(text).bold = True
    widths = [column.w for column in table._tbl.tblGrid.gridCol_lst]
    for block in review.blocks:
        for index, sentence in enumerate(block.sentences):
            _sentence_row(document, _add_row(table, widths), block, index, sentence)
    properties = document.core_properties
    title_zh, title_en = review.title
    properties.title, properties.author = visible(title_en or title_zh), f"toolkit {__version__}"
    properties.subject, properties.comments = f"Review of {review.source}", f"PO file {review.catalog}"
    properties.created = properties.modified = generated.replace(tzinfo=None)
    properties.last_modified_by, properties.revision = f"toolkit {__version__}", 1
    properties.identifier = MARK + hashlib.sha256(document.part.blob).hexdigest()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _front_matter(document, review: Review, generated: datetime) -> None:
    from docx.shared import Pt

    title_zh, title_en = review.title
    document.add_heading(visible(title_en or "(untitled)"), level=1)
    if title_zh:
        document.add_paragraph(visible(title_zh))
    facts = document.add_paragraph()
    lines = [
        f"Source: {review.source}",
        f"PO file: {review.catalog}",
        f"PO revised: {review.revised or '—'}",
        f"Glossary: {'version ' + review.glossary_version if review.glossary_version else 'none'}",
        f"Generated: {generated:%Y-%m-%d %H:%M} UTC by toolkit {__version__}",
        review.summary,
        "Yellow: needs work (fuzzy). Grey: untranslated. Red: a finding of toolkit check (in the comment). "
        "Underlined blue: a glossary term.",
    ]
    for number, line in enumerate(lines):
        run = facts.add_run(visible(line))
        run.font.size = Pt(8.5)
        if number < len(lines) - 1:
            run.add_break()
    for note in review.notes:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{note.rule}: ").bold = True
        paragraph.add_run(visible(note.message))


def _add_row(table, widths: list):
    """`table.add_row()` in constant time: python-docx's looks the grid up again for every row, in time that grows
    with the table (a 100,000-sentence review took minutes), so the row is appended here, as it does."""
    from docx.table import _Row

    tr = table._tbl._new_tr()
    table._tbl.append(tr)
    for width in widths:
        tc = tr.add_tc()
        if width is not None:
            tc.width = width
    return _Row(tr, table)


def _sentence_row(document, row, block: Block, index: int, sentence: Sentence) -> None:
    source_cell, target_cell = row.cells
    source_runs = _write(source_cell.paragraphs[0], block, index, sentence.source, block.marker)
    if sentence.damaged:
        source_cell.paragraphs[0].add_run(" [encoding damage in the source]").italic = True
    if sentence.state is State.UNTRANSLATED:
        paragraph = target_cell.paragraphs[0]
        target_runs = _write(paragraph, block, index, (), block.english_marker)
        placeholder = paragraph.add_run("[untranslated]" if sentence.in_catalog else "[not in the PO file]")
        placeholder.italic = True
        target_runs.append(placeholder)
    else:
        target_runs = _write(target_cell.paragraphs[0], block, index, sentence.target, block.english_marker)
    for cell in (source_cell, target_cell):
        if index == 0:
            _paragraph_rule(cell)
        if sentence.kept:
            cell.paragraphs[0].add_run(f" {visible(sentence.kept)}").font.color.rgb = _grey()
    if sentence.notes:
        _shade(target_cell, SHADES["finding"])
        _shade(source_cell, SHADES["finding"])
        comment = document.add_comment(
            target_runs or source_runs, text=_note_line(sentence.notes[0]), author="toolkit check", initials="TC"
        )
        for note in sentence.notes[1:]:
            comment.add_paragraph(_note_line(note))
    elif sentence.state in (State.FUZZY, State.UNTRANSLATED):
        _shade(target_cell, SHADES[sentence.state])


def _grey():
    from docx.shared import RGBColor

    return RGBColor(0x66, 0x66, 0x66)


def _note_line(note) -> str:
    return visible(f"{note.rule} ({note.severity}): {note.message}")


def _write(paragraph, block: Block, index: int, pieces: tuple[Piece, ...], marker: str) -> list:
    """The pieces as runs (terms underlined); a heading's runs bold, a list item's marker before its first sentence."""
    from docx.enum.text import WD_UNDERLINE
    from docx.shared import RGBColor

    runs = []
    if marker and index == 0:
        paragraph.add_run(f"{marker} ")
    for piece in pieces:
        run = paragraph.add_run(visible(piece.text))
        if piece.term is not None:
            run.font.underline = WD_UNDERLINE.DOTTED
            run.font.color.rgb = RGBColor(*TERM_COLOUR)
        runs.append(run)
    for run in runs:
        if block.kind == "heading":
            run.bold = True
        if block.quote:
            run.italic = True
    return runs


def _shade(cell, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _paragraph_rule(cell) -> None:
    """A heavier line above the first sentence of a paragraph, so that the rows read by paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tcBorders")
    top = OxmlElement("w:top")
    for name, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "0"), ("w:color", "808080")):
        top.set(qn(name), value)
    borders.append(top)
    cell._tc.get_or_add_tcPr().append(borders)


def _repeat_as_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _east_asian_font(style_element, name: str) -> None:
    from docx.oxml.ns import qn

    style_element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
