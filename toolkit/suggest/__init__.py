"""Glossary suggestions: Chinese terms that recur in finished translations with one English rendering.

    model.py    Evidence (one finished sentence pair), Settings (thresholds), Suggestion (a proposed row)
    corpus.py   the finished pairs of PO files (translated, not fuzzy) and TMX memories
    mine.py     candidates on both sides, their association, the ranking, the glossary left out
    write.py    suggestions as glossary TSV rows (counts in the note, an example in a comment line)
"""

from __future__ import annotations

from toolkit.suggest.corpus import read_evidence
from toolkit.suggest.mine import suggest
from toolkit.suggest.model import Evidence, Settings, Suggestion
from toolkit.suggest.reference import Reference, load_evidence_tools
from toolkit.suggest.write import format_suggestions, written_by_suggest

__all__ = ["Evidence", "Reference", "Settings", "Suggestion", "format_suggestions", "load_evidence_tools", "read_evidence",
           "suggest", "written_by_suggest"]
