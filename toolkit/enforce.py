"""Glossary enforcement on machine drafts: pick a hypothesis, replace wrong renderings, verify, note. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from toolkit.engines.model import Hypothesis
from toolkit.glossary import Concept, TermMatch, find_phrase

NOT_IN_DRAFT = "not in draft"
"""Marks a glossary note whose approved English the draft lacks."""


@dataclass(frozen=True)
class Counters:
    """How often each enforcement step acted, summed over a run and printed in the draft summary."""

    terms: int = 0
    """Glossary terms (distinct per sentence) in machine-drafted sentences."""
    picked: int = 0
    """Drafts where a lower-ranked hypothesis was kept because it satisfies more terms."""
    replaced: int = 0
    """Variant or forbidden renderings replaced by the approved English."""
    violations: int = 0
    """Terms still missing or forbidden renderings still present: named in a note, the entry stays fuzzy."""

    def __add__(self, other: Counters) -> Counters:
        return Counters(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class Enforced:
    """The draft to write for one sentence, its glossary notes, and what enforcement did."""

    text: str
    notes: tuple[str, ...]
    chosen: int
    counters: Counters


def concepts_in(matches: Sequence[TermMatch]) -> list[tuple[Concept, str, int]]:
    """Each concept found once, in source order, with its first surface form and how often it occurs."""
    found: dict[str, list] = {}
    for match in matches:
        if match.concept.zh in found:
            found[match.concept.zh][2] += 1
        else:
            found[match.concept.zh] = [match.concept, match.surface, 1]
    return [(concept, surface, count) for concept, surface, count in found.values()]


def satisfies(concept: Concept, target: str) -> bool:
    """The approved English (or a variant) is present and no forbidden rendering is."""
    return concept.accepted_in(target) and not concept.forbidden_in(target)


def term_notes(matches: Sequence[TermMatch], target: str | None = None) -> tuple[str, ...]:
    """One line per term in source order, `Glossary: 出口管制 → export controls (not: export management) — legal
    term`: the approved English, what not to write, the glossary's note; with a target, what it lacks or must not contain."""
    notes = []
    for concept, surface, _ in concepts_in(matches):
        qualifiers = (["do not translate"] if concept.dnt else []) + (
            ["not: " + ", ".join(concept.forbidden)] if concept.forbidden else []
        )
        note = f"Glossary: {surface} → {concept.en}" + (f" ({'; '.join(qualifiers)})" if qualifiers else "")
        if concept.note:
            note += f" — {concept.note}"
        if target:
            if not concept.accepted_in(target):
                note += f" — {NOT_IN_DRAFT}"
            forbidden = concept.forbidden_in(target)
            if forbidden:
                note += " — forbidden: " + ", ".join(f"“{rendering}”" for rendering in forbidden)
        notes.append(note)
    return tuple(notes)


def enforce(matches: Sequence[TermMatch], hypotheses: Sequence[Hypothesis]) -> Enforced:
    """Choose the hypothesis satisfying most terms (engine order breaks ties), fix what is unambiguous, note the rest."""
    if not hypotheses:
        return Enforced("", term_notes(matches), 0, Counters())
    concepts = concepts_in(matches)
    satisfied = [sum(satisfies(concept, h.text) for concept, _, _ in concepts) for h in hypotheses]
    chosen = max(range(len(hypotheses)), key=lambda index: (satisfied[index], -index))
    text, replaced = _replace_renderings(hypotheses[chosen].text.strip(), concepts)
    violations = sum(not satisfies(concept, text) for concept, _, _ in concepts)
    counters = Counters(
        terms=len(concepts),
        picked=int(satisfied[chosen] > satisfied[0]),
        replaced=replaced,
        violations=violations,
    )
    return Enforced(text, term_notes(matches, text), chosen, counters)


def _replace_renderings(text: str, concepts: list[tuple[Concept, str, int]]) -> tuple[str, int]:
    """Replace variant/forbidden renderings by the approved English where each missing occurrence has exactly one."""
    replacements: list[tuple[int, int, str]] = []
    for concept, _, occurrences in concepts:
        approved = find_phrase(text, concept.en)
        wrong = _spans_outside(text, (*concept.variants, *concept.forbidden), approved)
        if wrong and len(wrong) == occurrences - len(approved):
            replacements.extend((start, end, concept.en) for start, end in wrong)
    replacements.sort()
    if any(a[1] > b[0] for a, b in zip(replacements, replacements[1:])):
        return text, 0
    for start, end, english in reversed(replacements):
        text = text[:start] + _match_case(text[start:end], english) + text[end:]
    return text, len(replacements)


def _spans_outside(text: str, renderings: Sequence[str], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the renderings in text, longest first, that overlap neither `taken` nor each other."""
    spans: list[tuple[int, int]] = list(taken)
    found: list[tuple[int, int]] = []
    for rendering in sorted(renderings, key=len, reverse=True):
        for start, end in find_phrase(text, rendering):
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
                found.append((start, end))
    return sorted(found)


def _match_case(old: str, english: str) -> str:
    """Keep a capital initial (sentence start) when the approved form starts lower-case."""
    if old[:1].isupper() and english[:1].islower():
        return english[:1].upper() + english[1:]
    return english
