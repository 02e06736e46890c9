"""The one place the review calls `toolkit check`: its public face, over all reviewed PO files as one set."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.check import check_catalogs
from toolkit.glossary import Glossary
from toolkit.review.model import Note


def check_findings(catalogs: Sequence[Path], glossary: Glossary | None) -> dict[str, list[Note | tuple[str, Note]]]:
    """The findings of `toolkit check` (its default rules, fuzzy entries included, since the reviewer reads them
    too) on `catalogs`, by PO file: (msgid, Note) for an entry, a Note alone for the file as a whole."""
    result = check_catalogs(list(catalogs), glossary, include_fuzzy=True)
    by_file: dict[str, list[Note | tuple[str, Note]]] = {str(path): [] for path in catalogs}
    for finding in result.findings:
        note = Note(finding.rule, finding.severity, finding.message)
        by_file.setdefault(finding.file, []).append((finding.msgid, note) if finding.msgid else note)
    return by_file
