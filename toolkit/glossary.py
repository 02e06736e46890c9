"""Term, Concept, Glossary: load and validate the TSV, match terms in both scripts, import and export."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One row of the glossary TSV."""

    zh: str
    en: str
    type: str
    variants: tuple[str, ...]
    note: str
    line: int


@dataclass(frozen=True)
class Concept:
    """All rows for one Chinese term, grouped: the approved English, variants and forbidden renderings."""

    zh: str
    en: str
    variants: tuple[str, ...]
    forbidden: tuple[str, ...]
    dnt: bool
    note: str


@dataclass(frozen=True)
class TermMatch:
    """A glossary concept found in a source sentence, with its span."""

    concept: Concept
    start: int
    end: int
    surface: str
