"""Weblate's glossary CSV: `source,target,context,translator_comments,developer_comments`, one row per spelling.

Weblate reads these five columns and no flags, so a forbidden rendering never becomes a row of its own (it would
read as a plain translation): it is a line of the approved row's `translator_comments`, which Weblate shows
beside the term. That column holds one usage line each:

    do not translate            a do-not-translate term (its target is the Latin source itself)
    translate                   a Latin source translated as itself that would otherwise read as do-not-translate
    variant of: ENGLISH         on a variant's own row: also accepted for this source
    forbidden: RENDERING        never use this rendering (` — NOTE` after it: that row's note)

and any other line is kept as a note. `developer_comments` is the row's note; `context` names concept, spelling
and rendering as the TBX entry ids do (`c12-s2-preferred`), so Weblate keeps rows of one source apart. Import
also reads the glossary's own columns (`zh,en,type,variants,note`, or `source,target,type,...`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from toolkit.glossary.formats.rows import add_variant, cell
from toolkit.glossary.formats.tbx import by_chinese, looks_dnt
from toolkit.glossary.model import Row, Term
from toolkit.glossary.tsv import invisible_character, parse_table

HEADER = ("source", "target", "context", "translator_comments", "developer_comments")
DNT = "do not translate"
PREFERRED = "translate"
VARIANT = "variant of: "
FORBIDDEN = "forbidden: "
NOTE_SEPARATOR = " — "


def write(terms: Sequence[Term], cache_dir: Path | None = None) -> tuple[str, int]:
    """The CSV file and its number of rows (the header not counted)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    count = 0
    for number, (zh, forms, group) in enumerate(by_chinese(terms, cache_dir), start=1):
        forbidden = [_forbidden_line(term) for term in group if term.type == "forbidden"]
        for spelling, form in enumerate((zh, *forms), start=1):
            for term in (term for term in group if term.type != "forbidden"):
                marker = DNT if term.type == "dnt" else PREFERRED if looks_dnt(form, term.en) else ""
                comments = "\n".join(line for line in (marker, *forbidden) if line)
                writer.writerow((form, term.en, f"c{number}-s{spelling}-preferred", comments, cell(term.note)))
                for index, variant in enumerate(term.variants, start=1):
                    writer.writerow((form, variant, f"c{number}-s{spelling}-variant{index}", VARIANT + term.en, ""))
                count += 1 + len(term.variants)
    return buffer.getvalue(), count


def _forbidden_line(term: Term) -> str:
    return FORBIDDEN + cell(term.en) + (NOTE_SEPARATOR + cell(term.note) if term.note else "")


def read(text: str, file: str) -> tuple[list[Row], list[str]]:
    """Rows of a Weblate glossary CSV, or of a CSV whose header names the glossary's own columns."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    line = 1
    try:
        for cells in reader:
            records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        return [], [f"{file}:{reader.line_num or 1}: not readable as CSV: {error}"]
    names = [name.strip().lower() for name in records[0][1]] if records else []
    if "type" in names or "zh" in names or not {"source", "target"} <= set(names):
        return parse_table(records, file)
    return _read_weblate(records, names, file)


def _read_weblate(records: list[tuple[int, list[str]]], names: list[str], file: str) -> tuple[list[Row], list[str]]:
    column = {name: names.index(name) for name in HEADER if name in names}
    rows: list[Row] = []
    problems: list[str] = []
    approved: dict[str, int] = {}
    for number, cells in records[1:]:
        value = {name: cells[index].strip() if index < len(cells) else "" for name, index in column.items()}
        zh, en = value["source"], value["target"]
        if not zh and not en:
            continue
        hidden = next(
            (invisible_character(value[name]) for name in ("source", "target") if invisible_character(value[name])),
            None,
        )
        if hidden or not zh or not en:
            problems.append(
                f"{file}:{number}: "
                + (f"holds {hidden}; delete it" if hidden else "a glossary row needs both a source and a target")
            )
            continue
        lines = [line.strip() for line in value.get("translator_comments", "").split("\n") if line.strip()]
        if any(line.startswith(VARIANT) for line in lines):
            if not add_variant(rows, approved, zh, en):
                problems.append(f"{file}:{number}: variant {en!r} of {zh} comes before its approved row")
            continue
        notes = [line for line in lines if line not in (DNT, PREFERRED) and not line.startswith(FORBIDDEN)]
        note = "; ".join(part for part in (value.get("developer_comments", ""), *notes) if part)
        dnt = DNT in lines or (PREFERRED not in lines and looks_dnt(zh, en))
        approved[zh] = len(rows)
        rows.append((file, Term(zh, en, "dnt" if dnt else "preferred", (), cell(note), number)))
        for line in (line for line in lines if line.startswith(FORBIDDEN)):
            rendering, _, forbidden_note = line[len(FORBIDDEN) :].partition(NOTE_SEPARATOR)
            rows.append((file, Term(zh, rendering.strip(), "forbidden", (), forbidden_note.strip(), number)))
    return rows, problems
