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


def write(terms: Sequence[Term], cache_dir: Path | None = None) -> tuple[str, int]:
    """The OmegaT file and its number of lines: each row, then its variants, once per Chinese spelling."""
    lines = []
    for term, forms in with_forms(terms, cache_dir):
        for zh in (term.zh, *forms):
            if term.type == "forbidden":
                lines.append((zh, term.en, _joined(FORBIDDEN, term.note)))
                continue
            lines.append((zh, term.en, _joined(DNT if term.type == "dnt" else "", term.note)))
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
            dnt = marker.lower() == DNT or (zh == en and bool(LATIN.search(en)))
            note = rest if marker.lower() == DNT else comment
            approved[zh] = len(rows)
            rows.append((file, Term(zh, en, "dnt" if dnt else "preferred", (), note, number)))
    return rows, problems


def _joined(marker: str, note: str) -> str:
    return f"{marker}; {note}" if marker and note else marker or note
