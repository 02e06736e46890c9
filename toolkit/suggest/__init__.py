"""Glossary suggestions: Chinese terms that recur in finished translations with one English rendering.

    model.py      Evidence (one finished sentence pair), Settings (thresholds), Suggestion (a proposed row)
    corpus.py     the finished pairs of PO files (translated, not fuzzy) and TMX memories
    mine.py       candidates on both sides, their association, the ranking, the glossary left out
    reference.py  jieba's word frequencies: termhood, and the grammatical words no term begins or ends with
    write.py      suggestions as glossary TSV rows (counts in the note, an example in a comment line)
    evaluate.py   recall of a glossary's rows (python -m toolkit.suggest.evaluate)

Importing this package is cheap (the CLI reads Settings' defaults at start-up): each public name is imported
from its module on first use.
"""

from __future__ import annotations

from toolkit.lazy import lazy_face

_HOMES = {
    "corpus": ("read_evidence",),
    "mine": ("suggest",),
    "model": ("Evidence", "Settings", "Suggestion"),
    "reference": ("Reference", "load_evidence_tools"),
    "write": ("format_suggestions", "written_by_suggest"),
}
__getattr__, __all__ = lazy_face(__name__, _HOMES)
