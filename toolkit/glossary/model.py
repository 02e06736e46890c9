"""The glossary's records: a Term is one TSV row, a Concept groups the rows of one Chinese term, a Glossary finds them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from toolkit.glossary.match import Phrase, SourceMatcher, Text, verbatim_spans

COLUMNS = ("zh", "en", "type", "variants", "note")
REQUIRED = ("zh", "en", "type")
TYPES = ("preferred", "dnt", "forbidden", "ignore")
"""Row types: the approved English, a Latin form kept verbatim, a rendering not to use, a longer Chinese string
that is not an occurrence of the term inside it (扩大模型 is 扩大|模型, not 大模型)."""
NO_ENGLISH = ("", "—", "-")
"""What the `en` cell of an ignore row may hold: nothing is translated, so nothing but a dash."""
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
    ignore: bool = False  # an ignore row: matched only to shadow the shorter terms inside it

    @cached_property
    def _accepted(self) -> tuple[Phrase, ...]:
        return tuple(Phrase.of(form) for form in (self.en, *self.variants))

    @cached_property
    def _forbidden(self) -> tuple[Phrase, ...]:
        return tuple(Phrase.of(form) for form in self.forbidden)

    def accepted_in(self, target: str | Text) -> bool:
        """Whether the approved form or a variant is in `target` (dnt: the Latin form verbatim).

        A Text target is shared by every term of its source: lowered and split into words once."""
        if self.dnt:
            original = target.original if isinstance(target, Text) else target
            return any(verbatim_spans(original, form) for form in (self.en, *self.variants))
        text = target if isinstance(target, Text) else Text(target)
        for phrase in self._accepted:  # a loop, not any(): asked for every term of every entry
            if phrase.found_in(text):
                return True
        return False

    def forbidden_in(self, target: str, matches: Sequence[TermMatch] = ()) -> list[str]:
        """The forbidden renderings present in `target`, outside any accepted form.

        `matches` are the glossary matches of the source: a forbidden stretch that overlaps the approved
        rendering of another term found there renders that term, not this one (开源模型 as "open-source
        models" beside 开放权重模型), so it is not reported; each occurrence of the other term in the source
        accounts for one such stretch.
        """
        if not self.forbidden:
            return []
        text = Text(target)
        found = []
        accepted: list[tuple[int, int]] | None = None
        others: list[tuple[tuple[int, int], ...]] | None = None
        for phrase in self._forbidden:
            spans = phrase.spans_in(text)
            if not spans:
                continue
            if accepted is None:
                accepted = self._accepted_spans(text)
                others = _other_renderings(self, matches, text)
            if any(
                not any(a <= start and end <= b for a, b in accepted) and not _accounted(start, end, others)
                for start, end in spans
            ):
                found.append(phrase.form)
        return found

    def _accepted_spans(self, text: Text) -> list[tuple[int, int]]:
        if self.dnt:
            return [span for form in (self.en, *self.variants) for span in verbatim_spans(text.original, form)]
        return [span for phrase in self._accepted for span in phrase.spans_in(text)]


def _other_renderings(concept: Concept, matches: Sequence[TermMatch], text: Text) -> list[tuple[tuple[int, int], ...]]:
    """For each source occurrence of another term, the target spans of that term's approved renderings."""
    spans_of: dict[int, tuple[tuple[int, int], ...]] = {}
    budget = []
    for match in matches:
        other = match.concept
        if other is concept or other.zh == concept.zh:
            continue
        if id(other) not in spans_of:
            spans_of[id(other)] = tuple(other._accepted_spans(text))
        budget.append(spans_of[id(other)])
    return budget


def _accounted(start: int, end: int, others: list[tuple[tuple[int, int], ...]] | None) -> bool:
    """Whether the stretch overlaps a rendering of another term whose source occurrence is still unused (used up here)."""
    for index, spans in enumerate(others or ()):
        if any(a < end and start < b for a, b in spans):
            del others[index]
            return True
    return False


class TermMatch(NamedTuple):
    """A glossary concept found in a source sentence, with its span.

    A named tuple (built for every match: a third of the cost of a frozen dataclass) that compares like the
    frozen dataclass it replaces: equal only to another TermMatch with equal fields, hashed on its fields,
    not ordered.
    """

    concept: Concept
    start: int
    end: int
    surface: str

    def __eq__(self, other: object) -> bool:
        if type(other) is TermMatch:
            return tuple.__eq__(self, other)
        return False if isinstance(other, tuple) else NotImplemented

    def __ne__(self, other: object) -> bool:
        if type(other) is TermMatch:
            return tuple.__ne__(self, other)
        return True if isinstance(other, tuple) else NotImplemented

    def __lt__(self, other: object) -> bool:
        return NotImplemented

    __le__ = __gt__ = __ge__ = __lt__
    __hash__ = tuple.__hash__


class Glossary:
    """The concepts of a glossary and one Aho–Corasick automaton over all their Chinese forms.

    `cache_dir` (given by the CLI) keeps OpenCC's conversions between runs; None converts every time.
    """

    def __init__(self, concepts: Sequence[Concept], version: str | None = None, cache_dir: Path | None = None) -> None:
        self.concepts: tuple[Concept, ...] = tuple(concept for concept in concepts if not concept.ignore)
        self.ignored: tuple[Concept, ...] = tuple(concept for concept in concepts if concept.ignore)
        self.version: str = version or _content_hash((*self.concepts, *self.ignored))
        self._matcher = SourceMatcher(_forms((*self.concepts, *self.ignored), cache_dir))

    def __len__(self) -> int:
        return len(self.concepts)

    def __repr__(self) -> str:
        return f"Glossary({len(self.concepts)} concepts, version={self.version})"

    def find(self, source: str) -> list[TermMatch]:
        """All concepts in `source`, either script, in one pass; the longest non-overlapping matches win, and
        a term inside the longer string of an ignore row is not an occurrence."""
        if not self.concepts:
            return []
        return [
            TermMatch(concept, start, end, source[start:end])
            for start, end, concept in self._matcher.find(source)
            if not concept.ignore
        ]


def _forms(concepts: Sequence[Concept], cache_dir: Path | None) -> list[tuple[str, Concept]]:
    """Every spelling the matcher accepts, with its concept: other-script forms first, so that a concept's
    own spelling wins when two concepts share a converted form."""
    if not concepts:
        return []
    from toolkit.glossary.convert import SCRIPT_FORMS, convert  # only to build: a compiled glossary has its forms

    converted = convert(SCRIPT_FORMS, [concept.zh for concept in concepts], cache_dir)
    spellings = []
    for index, concept in enumerate(concepts):
        own = {concept.zh, converted[0][index]}
        spellings += [(form, concept) for form in dict.fromkeys(forms[index] for forms in converted) if form not in own]
    for index, concept in enumerate(concepts):
        spellings += [(converted[0][index], concept), (concept.zh, concept)]
    return spellings


def _content_hash(concepts: Iterable[Concept]) -> str:
    import hashlib  # only to build: a compiled glossary keeps its version

    digest = hashlib.sha256()
    for concept in concepts:
        fields = (
            concept.zh,
            concept.en,
            "|".join(concept.variants),
            "|".join(concept.forbidden),
            "ignore" if concept.ignore else "dnt" if concept.dnt else "preferred",
            concept.note,
        )
        digest.update("\t".join(fields).encode("utf-8") + b"\n")
    return digest.hexdigest()[:12]
