"""The records of a draft run: the articles it drafts, what it plans for each sentence, and what it made."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from toolkit.segment import Document
from toolkit.storage.units import Catalog, Unit


@dataclass(frozen=True)
class Article:
    """One source document and the PO file it drafts into (with that file's current content, if any)."""

    document: Document
    po_path: str
    previous: Catalog | None = None
    stamp: str | None = None
    """What the draft is made from (see `draft_stamp`); recorded in the PO header once every entry has a translation."""


class Fate(enum.StrEnum):
    """What became of one sentence; each value is the Report field that counts it."""

    FROM_MEMORY_EXACT = "from_memory_exact"
    FROM_MEMORY_FUZZY = "from_memory_fuzzy"
    DRAFTED = "drafted"
    UNTRANSLATED = "untranslated"
    UNCHANGED = "unchanged"
    """A fuzzy translation already in the PO file, kept for the translator."""
    KEPT_HUMAN = "kept_human"
    """A translation a translator confirmed: never touched."""
    PENDING = "pending"
    """Not decided before the engine runs (never counted)."""


@dataclass
class Sentence:
    """A distinct sentence of one document: every place it occurs and the union of their flags."""

    text: str
    references: list[tuple[str, int]]
    flags: list[str]
    damage: list[str]

    @property
    def locations(self) -> tuple[str, ...]:
        """The references as PO locations, `file:line`."""
        return tuple(f"{path}:{line}" for path, line in self.references)


@dataclass(frozen=True)
class Planned:
    """One sentence's fate before engine and glossary: a reused unit (glossary notes still to add), or None to draft."""

    sentence: Sentence
    unit: Unit | None
    fate: Fate
    check: str | None = None
    """The target the glossary notes are verified against (a fuzzy translation kept or taken from memory)."""
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """What a run reuses and what it still has to draft: decided from documents, old catalogues and memory alone."""

    articles: tuple[Article, ...]
    items: tuple[tuple[Planned, ...], ...]
    pending: tuple[str, ...]
    """Distinct sentences of all files that need the engine, in document order."""
