"""CSV with the header `source,target,type,variants,note`, as Weblate and Translate Toolkit read it; one row per spelling."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from toolkit.glossary.formats.rows import with_forms
from toolkit.glossary.model import COLUMNS, VARIANT_SEPARATOR, Row, Term
from toolkit.glossary.tsv import parse_table

HEADER = ("source", "target", *COLUMNS[2:])


def write(terms: Sequence[Term], cache_dir: Path | None = None) -> tuple[str, int]:
    """The CSV file and its number of rows (the header not counted)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    count = 0
    for term, forms in with_forms(terms, cache_dir):
        for zh in (term.zh, *forms):
            writer.writerow((zh, term.en, term.type, VARIANT_SEPARATOR.join(term.variants), term.note))
            count += 1
    return buffer.getvalue(), count


def read(text: str, file: str) -> tuple[list[Row], list[str]]:
    """Rows of a CSV whose header names the glossary columns (`source`/`target` or `zh`/`en`)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    line = 1
    try:
        for cells in reader:
            records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        return [], [f"{file}:{reader.line_num or 1}: not readable as CSV: {error}"]
    return parse_table(records, file)
