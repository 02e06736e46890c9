"""Exchange formats: export writes the glossary's rows for another tool, import reads them back into rows.

Every export also writes the other-script spellings the toolkit matches (one row, line or term each), so a
document in traditional script gets glossary hits in OmegaT, DeepL and Weblate too; import drops those
derived rows again, so TSV → TBX/CSV/OmegaT → TSV gives back the same rows. See docs/glossary-formats.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.glossary.model import Row, Term

EXPORT_FORMATS = ("tbx", "csv", "omegat", "deepl")
IMPORT_FORMATS = ("tsv", *EXPORT_FORMATS)
EXPORT_HELP = {
    "tbx": "TBX-Basic as Weblate and Translate Toolkit read it (statuses per term, dnt, both scripts)",
    "csv": "source,target,type,variants,note (Weblate, Translate Toolkit)",
    "omegat": "OmegaT's source<TAB>target<TAB>comment, markers in the comment",
    "deepl": "DeepL's source<TAB>target: approved forms only (lossy)",
}
UNITS = {"tbx": "term entries", "csv": "rows", "omegat": "lines", "deepl": "lines"}
KEEPS_IGNORE_ROWS = ("csv",)
"""Formats that can say "this string is not an occurrence of a term" (a `type` column); the others leave ignore
rows out: a TBX, OmegaT or DeepL entry would present the string as a term to translate."""


@dataclass(frozen=True)
class Exported:
    """An exported glossary: the file's text and how many records it holds (`unit`: rows, lines, term entries)."""

    text: str
    count: int
    unit: str


def export_glossary(rows: Sequence[Row], output_format: str, cache_dir: Path | None = None) -> Exported:
    """The glossary rows in another tool's format, with every other-script spelling the toolkit matches (ignore
    rows only where the format can mark them, see KEEPS_IGNORE_ROWS)."""
    terms = [term for _, term in rows if term.type != "ignore" or output_format in KEEPS_IGNORE_ROWS]
    text, count = _module(output_format).write(terms, cache_dir)
    return Exported(text, count, UNITS[output_format])


def import_glossary(text: str, input_format: str, file: str, cache_dir: Path | None = None) -> list[Term]:
    """Terms read from a TBX, CSV, OmegaT, DeepL or canonical TSV glossary, validated; GlossaryError on problems."""
    from toolkit.errors import GlossaryError
    from toolkit.glossary.formats.rows import drop_script_forms
    from toolkit.glossary.tsv import group_terms, parse_tsv

    text = text.lstrip("\ufeff")
    if input_format == "tsv":
        rows, problems = parse_tsv(text, file)
    else:
        rows, problems = _module(input_format).read(text, file)
    if not problems:
        rows = drop_script_forms(rows, cache_dir)
        problems = group_terms(rows, cache_dir)[1]
    if problems:
        raise GlossaryError(problems, "fix the file, or import it with --format set to its real format")
    if not rows:
        raise GlossaryError([f"{file}: no terms found"], "check that this is a glossary file and its --format")
    return [term for _, term in rows]


def guess_format(path: str | Path, text: str) -> str:
    """The import format of a file, from its extension, then from its first line (header, or column count)."""
    from toolkit.glossary.model import REQUIRED
    from toolkit.glossary.tsv import is_comment, split_lines

    suffix = Path(path).suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix == ".csv":
        return "csv"
    first = next((line for line in split_lines(text) if line.strip() and not is_comment(line)), "")
    cells = [cell.strip().lower() for cell in first.split("\t")]
    if all(column in cells for column in REQUIRED):
        return "tsv"
    return "deepl" if len(cells) == 2 else "omegat"


def _module(name: str):
    """The module that reads and writes format `name`."""
    if name not in EXPORT_FORMATS:
        raise ValueError(f"unknown glossary format {name!r}")
    return import_module(f"{__name__}.{name}")
