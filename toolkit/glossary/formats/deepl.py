"""DeepL's glossary: source<TAB>target, one approved rendering per distinct source spelling.

DeepL has no variants, statuses or notes: forbidden renderings and variants are left out, and a
do-not-translate term is simply a row whose target equals its source. Importing gives those rows back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.glossary.formats import omegat
from toolkit.glossary.formats.rows import cell, with_forms
from toolkit.glossary.model import Row, Term


def write(terms: Sequence[Term], cache_dir: Path | None = None) -> tuple[str, int]:
    """The DeepL file and its number of lines (DeepL refuses a source twice: the first row for a spelling wins)."""
    lines: dict[str, str] = {}
    for term, forms in with_forms([term for term in terms if term.type != "forbidden"], cache_dir):
        for zh in (term.zh, *forms):
            lines.setdefault(cell(zh), cell(term.en))
    return "".join(f"{zh}\t{en}\n" for zh, en in lines.items()), len(lines)


def read(text: str, file: str) -> tuple[list[Row], list[str]]:
    """DeepL rows, read as OmegaT rows without a comment column."""
    return omegat.read(text, file)
