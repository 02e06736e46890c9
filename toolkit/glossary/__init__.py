"""The glossary: terms from glossary/*.tsv, matched in both scripts, exchanged with other tools.

    model.py     Term (a TSV row), Concept (rows of one Chinese term), Glossary (finds concepts in a sentence)
    tsv.py       the TSV: files, strict reading, validation, grouping rows into concepts
    convert.py   OpenCC simplified ⇄ traditional forms, cached in a directory the CLI names
    match.py     Aho–Corasick source matching, English phrase matching with stemming
    formats/     TBX, CSV, OmegaT and DeepL export and import

Importing this package is cheap (the CLI reads its format names at start-up): each public name is
imported from its module on first use.
"""

from __future__ import annotations

from toolkit.lazy import lazy_face

_HOMES = {
    "convert": ("SCRIPT_FORMS",),
    "formats": (
        "EXPORT_FORMATS",
        "EXPORT_HELP",
        "IMPORT_FORMATS",
        "Exported",
        "export_glossary",
        "guess_format",
        "import_glossary",
    ),
    "match": ("NAME_DOTS", "contains_phrase", "contains_verbatim", "find_phrase"),
    "model": ("COLUMNS", "REQUIRED", "TYPES", "VARIANT_SEPARATOR", "Concept", "Glossary", "Row", "Term", "TermMatch"),
    "tsv": (
        "format_tsv",
        "glossary_files",
        "group_terms",
        "load_glossary",
        "load_rows",
        "order_problems",
        "parse_table",
        "parse_tsv",
    ),
}
__getattr__, __all__ = lazy_face(__name__, _HOMES)
