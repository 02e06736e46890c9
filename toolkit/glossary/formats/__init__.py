"""Exchange formats: export writes the glossary's rows for another tool, import reads them back into rows.

Every export also writes the other-script spellings the toolkit matches (one row, line or term each), so a
document in traditional script gets glossary hits in OmegaT, DeepL and Weblate too; import drops those
derived rows again, so TSV → TBX/CSV/OmegaT → TSV gives back the same rows. See docs/glossary-formats.md.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.glossary.model import Row, Term

EXPORT_FORMATS = ("tbx", "tbx-basic", "csv", "omegat", "deepl")
IMPORT_FORMATS = ("tsv", "tbx", "csv", "omegat", "deepl")
EXPORT_HELP = {
    "tbx": "TBX as Weblate imports it: one entry per Chinese spelling and English rendering, forbidden and "
    "read-only flags Weblate reads (the default TBX)",
    "tbx-basic": "TBX-Basic for terminology tools: one entry per concept, every spelling and rendering in it",
    "csv": "Weblate's glossary CSV (source,target,context,translator_comments,developer_comments); forbidden "
    "renderings in the comments, never as a translation",
    "omegat": "OmegaT's source<TAB>target<TAB>comment, markers in the comment",
    "deepl": "DeepL's source<TAB>target: approved forms only (lossy)",
}
UNITS = {"tbx": "term entries", "tbx-basic": "term entries", "csv": "rows", "omegat": "lines", "deepl": "lines"}
TAGGED_FORMATS = ("tbx", "tbx-basic")
"""The formats whose file names its languages (the Chinese language tag can be chosen)."""
_MODULES = {"tbx": "tbx", "tbx-basic": "tbx_basic", "csv": "csv", "omegat": "omegat", "deepl": "deepl"}
KEEPS_IGNORE_ROWS: tuple[str, ...] = ()
"""Formats that can say "this string is not an occurrence of a term": none but the TSV itself. A TBX, CSV, OmegaT
or DeepL entry would present the string as a term to translate (Weblate would show 扩大模型 → "—")."""


@dataclass(frozen=True)
class Exported:
    """An exported glossary: the file's text and how many records it holds (`unit`: rows, lines, term entries),
    from how many glossary rows in which files."""

    text: str
    count: int
    unit: str
    rows: int = 0
    sources: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Imported:
    """An imported glossary: its terms (validated), the format it was read as, and the terms as canonical TSV."""

    terms: tuple[Term, ...]
    format: str
    tsv: str


def export_file(
    glossary: str | Path, output_format: str, cache_dir: Path | None = None, source_language: str | None = None
) -> Exported:
    """The glossary at `glossary` (a directory of *.tsv or one TSV), validated, in another tool's format;
    GlossaryError listing every problem of the glossary."""
    from toolkit.errors import GlossaryError
    from toolkit.glossary.tsv import glossary_files, group_terms, load_rows, order_problems

    sources = tuple(glossary_files(glossary))
    rows, problems = load_rows(glossary)
    problems += group_terms(rows, cache_dir)[1]
    if problems:
        raise GlossaryError(order_problems(problems))
    exported = export_glossary(rows, output_format, cache_dir, source_language)
    return Exported(exported.text, exported.count, exported.unit, len(rows), sources)


_SEAL = "toolkit glossary export"
_SEALED = re.compile(rb"<!-- toolkit glossary export sha256:([0-9a-f]{64}) -->\n\Z")
"""A TBX export's last line: the hash of every byte before it. A TBX edited since (in a terminology tool, by hand)
is no longer the command's own output: replaced only with --force."""


def is_export(data: bytes) -> bool:
    """Whether an existing file is an earlier TBX export of this command, unchanged (its sourceDesc says so, its last
    line holds the hash of the rest), which a new export may replace without --force. CSV, OmegaT and DeepL files
    carry no such mark: never replaced unasked."""
    from toolkit.glossary.formats.tbx import MARKER

    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    sealed = _SEALED.search(data)
    return (
        head.startswith(b"<?xml")
        and MARKER.encode() in head
        and sealed is not None
        and hashlib.sha256(data[: sealed.start()]).hexdigest() == sealed.group(1).decode()
    )


def import_file(path: str | Path, input_format: str = "auto", cache_dir: Path | None = None) -> Imported:
    """A TBX, CSV, OmegaT, DeepL or TSV glossary file (`-`: standard input) read and validated (`auto`: the
    format from the name, then the content); GlossaryError or InputError in one line each."""
    from toolkit.glossary.tsv import format_tsv, read_text

    text = read_text(path)
    input_format = guess_format(path, text) if input_format == "auto" else input_format
    terms = import_glossary(text, input_format, str(path), cache_dir)
    return Imported(tuple(terms), input_format, format_tsv(terms))


def import_clashes(output: Path, imported: Imported, cache_dir: Path | None = None) -> None:
    """GlossaryError when the imported rows, written to `output` (a *.tsv beside other glossary TSV files),
    would duplicate or contradict those files: an import must never break `toolkit check` in CI."""
    from toolkit.errors import GlossaryError
    from toolkit.glossary.tsv import group_terms, load_rows, order_problems, parse_tsv

    directory = output.parent if str(output.parent) else Path(".")
    if output.suffix != ".tsv" or not any(path.resolve() != output.resolve() for path in directory.glob("*.tsv")):
        return
    existing, _ = load_rows(directory)
    existing = [(file, term) for file, term in existing if Path(file).resolve() != output.resolve()]
    rows, _ = parse_tsv(imported.tsv, str(output))
    problems = [problem for problem in group_terms(existing + rows, cache_dir)[1] if f"{output}:" in problem]
    if problems:
        raise GlossaryError(
            order_problems(problems),
            f"these imported rows clash with {directory}/*.tsv: remove them from the imported "
            "file, or import to standard output and merge by hand",
        )


def export_glossary(
    rows: Sequence[Row], output_format: str, cache_dir: Path | None = None, source_language: str | None = None
) -> Exported:
    """The glossary rows in another tool's format, with every other-script spelling the toolkit matches (ignore
    rows only where the format can mark them, see KEEPS_IGNORE_ROWS). `source_language`: the xml:lang of the
    Chinese terms of a TBX (default zh); ToolkitError for another format."""
    from toolkit.errors import ToolkitError

    terms = [term for _, term in rows if term.type != "ignore" or output_format in KEEPS_IGNORE_ROWS]
    if source_language is None:
        text, count = _module(output_format).write(terms, cache_dir)
    elif output_format in TAGGED_FORMATS:
        text, count = _module(output_format).write(terms, cache_dir, source_language)
    else:
        raise ToolkitError(
            f"--source-language is for {' and '.join(TAGGED_FORMATS)} only",
            f"--format {output_format}",
            "leave it out: this format names no languages",
        )
    if text.startswith("<?xml"):  # a TBX: its last line vouches for the rest (see is_export)
        text += f"<!-- {_SEAL} sha256:{hashlib.sha256(text.encode('utf-8')).hexdigest()} -->\n"
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
    if first.lstrip().startswith("<"):
        return "tbx"
    if "\t" not in first and first.split(",")[0].strip().strip('"').lower() in ("source", "zh"):
        return "csv"
    cells = [cell.strip().lower() for cell in first.split("\t")]
    if all(column in cells for column in REQUIRED):
        return "tsv"
    return "deepl" if len(cells) == 2 else "omegat"


def _module(name: str):
    """The module that reads and writes format `name`."""
    if name not in _MODULES:
        raise ValueError(f"unknown glossary format {name!r}")
    return import_module(f"{__name__}.{_MODULES[name]}")
