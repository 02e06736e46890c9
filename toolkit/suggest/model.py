"""The records of glossary suggestion: the evidence read, the thresholds, and a suggested row with its counts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    """One finished sentence pair: the Chinese source, the English a translator confirmed, and where it is."""

    source: str
    target: str
    document: str
    """The file it comes from: a term recurring across documents is stronger evidence than one repeated in one."""
    where: str = ""
    """`file:line` of the entry, for the example a terminologist checks."""


@dataclass(frozen=True)
class Settings:
    """How much evidence a suggestion needs; the CLI's options, with their defaults here."""

    min_documents: int = 2
    """A candidate seen in this many documents (and at least twice) qualifies ..."""
    min_entries: int = 3
    """... and so does one seen in this many entries, in any number of documents."""
    min_consistency: float = 0.6
    """The share of a candidate's entries whose English holds the chosen rendering."""
    limit: int | None = None
    """At most this many suggestions, best first (None: all)."""


@dataclass(frozen=True)
class Suggestion:
    """A proposed glossary row with the evidence for it."""

    zh: str
    en: str
    type: str
    """`preferred`, or `dnt` when the source already writes the Latin form the translation keeps."""
    entries: int
    """Entries whose source holds the Chinese."""
    documents: int
    agreeing: int
    """Of those, entries whose English holds the rendering."""
    dice: float
    """Reported, not ranked by: the Dice association of the Chinese and the rendering: 2 × entries with both / (entries with either, summed)."""
    dictionary: float
    """The share of the rendering's words that CC-CEDICT gives as a gloss of the Chinese (0 without a dictionary)."""
    termhood: float
    """0–1: how much more often than in general Chinese the term occurs here (1 without a reference)."""
    score: float
    """termhood × association × consistency × log2(1 + entries) × (1 + half the dictionary share): what the ranking sorts by."""
    example: Evidence
    variants: tuple[str, ...] = ()
    """Other renderings, each the usual one of two or more entries that do not use `en`."""

    @property
    def consistency(self) -> float:
        """The share of the entries that use the rendering."""
        return self.agreeing / self.entries
