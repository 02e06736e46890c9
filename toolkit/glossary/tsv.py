"""The glossary TSV: find its files, read them strictly, validate rows and group them into concepts.

A line is one row: lines end with LF or CRLF and nothing else. Cells are tab-separated; a cell holding a
control, format (zero-width) or line-separator character is refused, never split or cleaned. A comment is a
line whose first cell is `#` alone or starts with `# ` (as in `# --- People`); `#MeToo运动` is a term.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import regex

from toolkit.errors import GlossaryError
from toolkit.glossary.match import LATIN
from toolkit.glossary.model import COLUMNS, NO_ENGLISH, REQUIRED, TYPES, VARIANT_SEPARATOR, Concept, Glossary, Row, Term
from toolkit.script import HAN as _HAN

HEADER_ALIASES = {"source": "zh", "target": "en"}
"""Header names read as glossary columns: `source,target,...` is what Weblate and Translate Toolkit write."""

FUNCTION_WORDS = frozenset("的了着过是在和与及或而也都就又还把被让给对从向于以之其这那个地得吗呢吧啊")
"""Single characters refused as terms: they occur in nearly every sentence and carry no terminology."""

_COMMENT = regex.compile(r"#(?: |$)")
_INVISIBLE = regex.compile(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]")
_WORDLIKE = regex.compile(r"[\p{L}\p{N}]")


def glossary_files(path: str | Path) -> list[Path]:
    """The files a glossary path stands for: every *.tsv of a directory (sorted), or the one file.

    Each must be a regular file (links are followed): a named pipe or a device would never end.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.tsv"))
        if not files:
            raise GlossaryError(
                [f"{path}: no *.tsv glossary files in this directory"],
                "add glossary/glossary.tsv or pass --glossary FILE",
            )
    elif path.exists() or path.is_symlink():
        files = [path]
    else:
        raise GlossaryError([f"{path}: no such glossary file or directory"], "check the --glossary path")
    for file in files:
        _require_regular(file)
    return files


def _require_regular(file: Path) -> None:
    try:
        mode = os.stat(file).st_mode
    except OSError as error:
        raise GlossaryError([f"{file}: cannot read: {error.strerror}"], "point it at a real glossary file") from None
    if not stat.S_ISREG(mode):
        raise GlossaryError(
            [f"{file}: not a regular file (a directory, pipe, device or socket)"],
            "a glossary is a plain TSV file; remove it or move it out of the glossary directory",
        )


def load_glossary(path: str | Path, cache_dir: Path | None = None) -> Glossary:
    """Load a glossary directory (every *.tsv in it) or one TSV file, validated; GlossaryError lists every problem."""
    rows, problems = load_rows(path)
    concepts, group_problems = group_terms(rows, cache_dir)
    if problems or group_problems:
        raise GlossaryError(order_problems(problems + group_problems))
    return Glossary(concepts, cache_dir=cache_dir)


def load_rows(path: str | Path) -> tuple[list[Row], list[str]]:
    """The readable rows of a glossary directory or TSV file, with the problems of the others."""
    rows: list[Row] = []
    problems: list[str] = []
    for file in glossary_files(path):
        file_rows, file_problems = parse_tsv(read_text(file), str(file))
        rows.extend(file_rows)
        problems.extend(file_problems)
    return rows, problems


def read_text(path: Path) -> str:
    """A glossary file as text (UTF-8, BOM allowed), read through the one place files are opened."""
    from toolkit.textio import read_bytes

    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GlossaryError([f"{path}: invalid UTF-8 at byte {error.start}"], "save the glossary as UTF-8") from None


def order_problems(problems: Iterable[str]) -> list[str]:
    """`file:line: message` problems in file and line order."""

    def key(problem: str) -> tuple[str, int]:
        match = regex.match(r"(.*?):(\d+): ", problem)
        return (match.group(1), int(match.group(2))) if match else (problem, 0)

    return sorted(problems, key=key)


def split_lines(text: str) -> list[str]:
    """Lines ended by LF or CRLF only (a BOM at the start dropped); other separators stay inside the line."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def is_comment(first_cell: str) -> bool:
    """A comment row: its first cell is `#` alone or starts with `# `."""
    return bool(_COMMENT.match(first_cell))


def invisible_character(cell: str) -> str | None:
    """A description of the first control, format or separator character in `cell`, if any."""
    match = _INVISIBLE.search(cell)
    if match is None:
        return None
    char = match.group()
    if char == "\r":
        return "U+000D (CARRIAGE RETURN: lines must end with LF or CRLF)"
    name = unicodedata.name(char, "control character" if unicodedata.category(char) == "Cc" else "unassigned")
    return f"U+{ord(char):04X} ({name})"


def parse_tsv(text: str, file: str) -> tuple[list[Row], list[str]]:
    """The terms of one glossary TSV and the `file:line: message` problems found in it (BOM and CRLF accepted)."""
    return parse_table([(number, line.split("\t")) for number, line in enumerate(split_lines(text), start=1)], file)


def parse_table(records: Sequence[tuple[int, list[str]]], file: str) -> tuple[list[Row], list[str]]:
    """Terms from (line number, cells) records whose first record is the header row (TSV and CSV alike)."""
    if not records or not any(cell.strip() for cell in records[0][1]):
        return [], [f"{file}:1: missing header row (expected: {' '.join(COLUMNS)}, tab-separated)"]
    header_line, header_cells = records[0]
    for cell in header_cells:
        if invisible_character(cell):
            return [], [f"{file}:{header_line}: the header holds {invisible_character(cell)}; delete it"]
    header = [HEADER_ALIASES.get(name, name) for name in (cell.strip().lower() for cell in header_cells)]
    repeated = list(dict.fromkeys(column for column in header if column in COLUMNS and header.count(column) > 1))
    if repeated:
        return [], [f"{file}:{header_line}: column {', '.join(repeated)} appears twice in the header"]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        return [], [
            f"{file}:{header_line}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(header must name: {', '.join(COLUMNS)}, tab-separated)"
        ]
    position = {column: header.index(column) for column in COLUMNS}
    rows: list[Row] = []
    problems: list[str] = []
    for number, raw_cells in records[1:]:
        cells = [cell.strip() for cell in raw_cells]
        if not any(cells) or is_comment(cells[0]):
            continue
        if len(cells) > len(header):
            problems.append(f"{file}:{number}: {len(cells)} cells, the header has {len(header)}")
            continue
        hidden = next(
            ((index, invisible_character(cell)) for index, cell in enumerate(raw_cells) if invisible_character(cell)),
            None,
        )
        if hidden is not None:
            index, what = hidden
            problems.append(
                f"{file}:{number}: the {header[index]!r} cell holds {what}; delete it "
                "(invisible characters would make one term two)"
            )
            continue
        cells += [""] * (len(header) - len(cells))
        values = {column: cells[position[column]] for column in COLUMNS}
        empty = [
            column
            for column in REQUIRED
            if not values[column] and not (column == "en" and values["type"].lower() == "ignore")
        ]
        if empty:
            problems.append(f"{file}:{number}: empty {', '.join(repr(c) for c in empty)} cell")
            continue
        kind = values["type"].lower()
        if kind not in TYPES:
            problems.append(f"{file}:{number}: unknown type {values['type']!r} (expected {', '.join(TYPES)})")
            continue
        unusable = term_problem(values["zh"])
        if unusable:
            problems.append(f"{file}:{number}: {unusable}")
            continue
        variants = tuple(v.strip() for v in values["variants"].split(VARIANT_SEPARATOR) if v.strip())
        rows.append((file, Term(values["zh"], values["en"], kind, variants, values["note"], number)))
    return rows, problems


def term_problem(zh: str) -> str | None:
    """Why `zh` cannot be a glossary term (punctuation only, or a lone function word), or None."""
    if not _WORDLIKE.search(zh):
        return f"term {zh!r} is only punctuation or symbols; a term needs a word"
    if zh in FUNCTION_WORDS:
        return f"term {zh!r} is a single function word; it would match nearly every sentence"
    return None


def group_terms(rows: Sequence[Row], cache_dir: Path | None = None) -> tuple[list[Concept], list[str]]:
    """Group rows into concepts (one per Chinese term, either script) and the problems that prevent it."""
    from toolkit.glossary.convert import convert  # OpenCC and its cache: not for a check that reads a compiled glossary

    [simplified] = convert(["t2s"], [term.zh for _, term in rows], cache_dir)
    groups: dict[str, list[Row]] = {}
    problems: list[str] = []
    for (file, term), key in zip(rows, simplified):
        where = f"{file}:{term.line}"
        if _HAN.search(term.en):
            problems.append(f"{where}: 'en' {term.en!r} contains Chinese characters; it must be English")
        elif term.type == "dnt" and not LATIN.search(term.en):
            problems.append(f"{where}: dnt term {term.zh!r} needs the Latin form kept verbatim in 'en'")
        elif term.type == "forbidden" and term.variants:
            problems.append(f"{where}: forbidden rows take no variants; give each forbidden rendering its own row")
        elif term.type == "ignore" and (term.en not in NO_ENGLISH or term.variants):
            problems.append(
                f"{where}: ignore rows translate nothing: write — in 'en', leave 'variants' empty "
                "and say in the note which term it is not"
            )
        else:
            groups.setdefault(key.lower(), []).append((file, term))
    concepts = []
    for group in groups.values():
        concept, group_problems = _concept(group)
        problems.extend(group_problems)
        if concept is not None:
            concepts.append(concept)
    problems += _shadow_nothing(groups)
    return concepts, problems


def _shadow_nothing(groups: dict[str, list[Row]]) -> list[str]:
    """Ignore rows that contain no term of the glossary (they would shadow nothing)."""
    terms = [key for key, group in groups.items() if any(term.type != "ignore" for _, term in group)]
    problems = []
    for key, group in groups.items():
        file, term = group[0]
        if term.type == "ignore" and not any(inner in key and inner != key for inner in terms):
            problems.append(
                f"{file}:{term.line}: ignore row {term.zh} contains no term of the glossary; "
                "an ignore row marks a longer string that is not an occurrence of a term inside it"
            )
    return problems


def _concept(group: list[Row]) -> tuple[Concept | None, list[str]]:
    problems = []
    approved: Row | None = None
    forbidden: list[Row] = []
    if any(term.type == "ignore" for _, term in group):
        return _ignore_concept(group)
    for file, term in group:
        where = f"{file}:{term.line}"
        if term.type == "forbidden":
            earlier = next((f"{f}:{t.line}" for f, t in forbidden if t.en.lower() == term.en.lower()), None)
            if earlier:
                problems.append(f"{where}: duplicate row: {term.zh} ✗ {term.en!r} is already at {earlier}")
            else:
                forbidden.append((file, term))
            continue
        if approved is None:
            approved = (file, term)
            continue
        first_file, first = approved
        same_script = "" if first.zh == term.zh else f" (as {first.zh}; one row serves both scripts)"
        if (first.en, first.type) == (term.en, term.type):
            problems.append(f"{where}: duplicate row: {term.zh} is already at {first_file}:{first.line}{same_script}")
        else:
            problems.append(
                f"{where}: conflicting row: {term.zh} → {term.en!r} ({term.type}), but "
                f"{first_file}:{first.line} says {first.en!r} ({first.type}){same_script}"
            )
    if approved is None:
        file, term = forbidden[0]
        problems.append(
            f"{file}:{term.line}: {term.zh} has forbidden renderings but no preferred or dnt row "
            "— add the approved English"
        )
        return None, problems
    file, term = approved
    acceptable = {form.lower() for form in (term.en, *term.variants)}
    for forbidden_file, forbidden_term in forbidden:
        if forbidden_term.en.lower() in acceptable:
            problems.append(
                f"{forbidden_file}:{forbidden_term.line}: conflicting row: {forbidden_term.en!r} is "
                f"forbidden for {forbidden_term.zh} but approved at {file}:{term.line}"
            )
    concept = Concept(
        zh=term.zh,
        en=term.en,
        variants=term.variants,
        forbidden=tuple(t.en for _, t in forbidden if t.en.lower() not in acceptable),
        dnt=term.type == "dnt",
        note=term.note,
    )
    return concept, problems


def _ignore_concept(group: list[Row]) -> tuple[Concept | None, list[str]]:
    """The shadow concept of an ignore row, or why its group cannot have one (a duplicate, or rows of a term)."""
    first_file, first = group[0]
    problems = []
    for file, term in group[1:]:
        if term.type == first.type:
            problems.append(
                f"{file}:{term.line}: duplicate row: {term.zh} is already ignored at {first_file}:{first.line}"
            )
        else:
            what, other = ("ignored", "a term") if term.type == "ignore" else ("a term", "ignored")
            problems.append(
                f"{file}:{term.line}: conflicting row: {term.zh} is {what} here but {other} at "
                f"{first_file}:{first.line}"
            )
    if problems:
        return None, problems
    return Concept(zh=first.zh, en="", variants=(), forbidden=(), dnt=False, note=first.note, ignore=True), []


def format_tsv(terms: Iterable[Term]) -> str:
    """Terms as the canonical glossary TSV, header first."""
    lines = ["\t".join(COLUMNS)]
    for term in terms:
        cells = (term.zh, term.en, term.type, VARIANT_SEPARATOR.join(term.variants), term.note)
        lines.append("\t".join(" ".join(cell.split()) for cell in cells))
    return "\n".join(lines) + "\n"
