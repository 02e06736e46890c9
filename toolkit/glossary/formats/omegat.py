"""OmegaT's glossary: source<TAB>target<TAB>comment, one line per spelling; markers in the comment column."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.glossary.formats.rows import add_variant, cell, with_forms
from toolkit.glossary.match import LATIN
from toolkit.glossary.model import Row, Term
from toolkit.glossary.tsv import invisible_character, is_comment, split_lines

DNT = "do not translate"
VARIANT = "variant"
FORBIDDEN = "forbidden: do not use"
PREFERRED = "translate"  # only where source = target would otherwise read as do-not-translate
NOTE = "note: "  # before a note that would otherwise read as a marker


def write(terms: Sequence[Term], cache_dir: Path | None = None) -> tuple[str, int]:
    """The OmegaT file and its number of lines: each row, then its variants, once per Chinese spelling."""
    lines = []
    for term, forms in with_forms(terms, cache_dir):
        for zh in (term.zh, *forms):
            if term.type == "forbidden":
                lines.append((zh, term.en, _joined(FORBIDDEN, term.note)))
                continue
            if term.type == "dnt":
                marker = DNT
            else:
                marker = PREFERRED if _looks_dnt(zh, term.en) else ""
            lines.append((zh, term.en, _joined(marker, term.note)))
            lines.extend((zh, variant, VARIANT) for variant in term.variants)
    return "".join("\t".join(cell(text) for text in line) + "\n" for line in lines), len(lines)


def read(text: str, file: str) -> tuple[list[Row], list[str]]:
    """OmegaT (source, target, comment) or DeepL (source, target) rows; variants follow their approved row."""
    rows: list[Row] = []
    problems: list[str] = []
    approved: dict[str, int] = {}
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip() or is_comment(line):
            continue
        hidden = invisible_character(line.replace("\t", " "))
        if hidden:
            problems.append(f"{file}:{number}: holds {hidden}; delete it")
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            problems.append(f"{file}:{number}: expected source<TAB>target[<TAB>comment]")
            continue
        zh, en, comment = cells[0], cells[1], cells[2] if len(cells) > 2 else ""
        marker, _, rest = comment.partition("; ")
        if comment.lower().startswith(FORBIDDEN):
            rows.append((file, Term(zh, en, "forbidden", (), rest, number)))
        elif comment.lower() == VARIANT or zh in approved:
            if not add_variant(rows, approved, zh, en):
                problems.append(f"{file}:{number}: variant {en!r} of {zh} comes before its approved row")
        else:
            marked = marker.lower() in (DNT, PREFERRED)
            dnt = marker.lower() == DNT or (not marked and _looks_dnt(zh, en))
            note = rest if marked else comment
            if not marked and note.lower().startswith(NOTE) and _collides(note[len(NOTE) :]):
                note = note[len(NOTE) :]
            approved[zh] = len(rows)
            rows.append((file, Term(zh, en, "dnt" if dnt else "preferred", (), note, number)))
    return rows, problems


def _looks_dnt(zh: str, en: str) -> bool:
    """OmegaT files mark no do-not-translate terms: a Latin source kept as its own target is one."""
    return zh == en and bool(LATIN.search(en))


def _collides(note: str) -> bool:
    """Whether `note`, alone in the comment column, would read as a marker."""
    low = note.lower()
    return (
        low == VARIANT or low.startswith((DNT, FORBIDDEN, NOTE)) or low == PREFERRED or low.startswith(PREFERRED + "; ")
    )


def _joined(marker: str, note: str) -> str:
    if not marker and _collides(note):
        note = NOTE + note
    return f"{marker}; {note}" if marker and note else marker or note
