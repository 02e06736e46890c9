"""The glossary's records: a Term is one TSV row, a Concept groups the rows of one Chinese term, a Glossary finds them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from toolkit.glossary.convert import SCRIPT_FORMS, convert
from toolkit.glossary.match import Phrase, SourceMatcher, Text, verbatim_spans

COLUMNS = ("zh", "en", "type", "variants", "note")
REQUIRED = ("zh", "en", "type")
TYPES = ("preferred", "dnt", "forbidden")
VARIANT_SEPARATOR = "|"


@dataclass(frozen=True)
class Term:
    """One row of the glossary TSV."""

    zh: str
    en: str
    type: str
    variants: tuple[str, ...]
    note: str
    line: int


Row = tuple[str, Term]
"""A term with the file it was read from, for `file:line` messages."""


@dataclass(frozen=True)
class Concept:
    """All rows for one Chinese term, grouped: the approved English, variants and forbidden renderings."""

    zh: str
    en: str
    variants: tuple[str, ...]
    forbidden: tuple[str, ...]
    dnt: bool
    note: str

    @cached_property
    def _accepted(self) -> tuple[Phrase, ...]:
        return tuple(Phrase.of(form) for form in (self.en, *self.variants))

    @cached_property
    def _forbidden(self) -> tuple[Phrase, ...]:
        return tuple(Phrase.of(form) for form in self.forbidden)

    def accepted_in(self, target: str) -> bool:
        """Whether the approved form or a variant is in `target` (dnt: the Latin form verbatim)."""
        if self.dnt:
            return any(verbatim_spans(target, form) for form in (self.en, *self.variants))
        text = Text(target)
        return any(phrase.found_in(text) for phrase in self._accepted)

    def forbidden_in(self, target: str) -> list[str]:
        """The forbidden renderings present in `target`, outside any accepted form."""
        if not self.forbidden:
            return []
        text = Text(target)
        found = []
        accepted: list[tuple[int, int]] | None = None
        for phrase in self._forbidden:
            spans = phrase.spans_in(text)
            if not spans:
                continue
            if accepted is None:
                accepted = self._accepted_spans(text)
            if any(not any(a <= start and end <= b for a, b in accepted) for start, end in spans):
                found.append(phrase.form)
        return found

    def _accepted_spans(self, text: Text) -> list[tuple[int, int]]:
        if self.dnt:
            return [span for form in (self.en, *self.variants) for span in verbatim_spans(text.original, form)]
        return [span for phrase in self._accepted for span in phrase.spans_in(text)]


@dataclass(frozen=True)
class TermMatch:
    """A glossary concept found in a source sentence, with its span."""

    concept: Concept
    start: int
    end: int
    surface: str


class Glossary:
    """The concepts of a glossary and one Aho–Corasick automaton over all their Chinese forms.

    `cache_dir` (given by the CLI) keeps OpenCC's conversions between runs; None converts every time.
    """

    def __init__(self, concepts: Sequence[Concept], version: str | None = None, cache_dir: Path | None = None) -> None:
        self.concepts: tuple[Concept, ...] = tuple(concepts)
        self.version: str = version or _content_hash(self.concepts)
        self._matcher = SourceMatcher(_forms(self.concepts, cache_dir))

    def __len__(self) -> int:
        return len(self.concepts)

    def __repr__(self) -> str:
        return f"Glossary({len(self.concepts)} concepts, version={self.version})"

    def find(self, source: str) -> list[TermMatch]:
        """All concepts in `source`, either script, in one pass; the longest non-overlapping matches win."""
        if not self.concepts:
            return []
        return [TermMatch(concept, start, end, source[start:end]) for start, end, concept in self._matcher.find(source)]


def _forms(concepts: Sequence[Concept], cache_dir: Path | None) -> list[tuple[str, Concept]]:
    """Every spelling the matcher accepts, with its concept: other-script forms first, so that a concept's
    own spelling wins when two concepts share a converted form."""
    if not concepts:
        return []
    converted = convert(SCRIPT_FORMS, [concept.zh for concept in concepts], cache_dir)
    spellings = []
    for index, concept in enumerate(concepts):
        own = {concept.zh, converted[0][index]}
        spellings += [(form, concept) for form in dict.fromkeys(forms[index] for forms in converted) if form not in own]
    for index, concept in enumerate(concepts):
        spellings += [(converted[0][index], concept), (concept.zh, concept)]
    return spellings


def _content_hash(concepts: Iterable[Concept]) -> str:
    digest = hashlib.sha256()
    for concept in concepts:
        fields = (concept.zh, concept.en, "|".join(concept.variants), "|".join(concept.forbidden),
                  "dnt" if concept.dnt else "preferred", concept.note)
        digest.update("\t".join(fields).encode("utf-8") + b"\n")
    return digest.hexdigest()[:12]
