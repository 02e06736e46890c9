"""Placeholders: what the engine must not translate is masked before it and restored after. Pure: no I/O.

As sacremoses protects patterns, each protected span becomes `THISISPROTECTED000`, `…001`, …: one Latin
token a zh→en model copies through like a name. Protected are URLs, e-mail addresses and the source spans
of do-not-translate glossary terms (restored as the glossary's English), together with a number written
right before such a term, so a unit listed as do-not-translate keeps its number (`3nm`, `2.5 GHz`).
After the engine, `restore` puts the originals back and reports every placeholder that did not come back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from toolkit.script import EMAIL, url_spans

PLACEHOLDER = "THISISPROTECTED{:03d}"
"""A placeholder as the engine sees it (sacremoses' protected-pattern form)."""

_PLACEHOLDER = regex.compile(r"THISISPROTECTED(\d{3})", regex.IGNORECASE)

_NUMBER_BEFORE = regex.compile(r"\d+(?:[.,]\d+)*\s?$")


@dataclass(frozen=True)
class Masked:
    """A sentence as the engine gets it, and what each placeholder (in order) stands for in the translation."""

    text: str
    originals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Restored:
    """A translation with the originals back, and the originals whose placeholder the engine lost."""

    text: str
    missing: tuple[str, ...] = ()


def protected_spans(text: str, terms: Sequence[tuple[int, int, str]] = ()) -> list[tuple[int, int, str]]:
    """(start, end, restore-as) of every span to protect: URLs and e-mail addresses as written, then the
    do-not-translate `terms` (start, end, English) not inside those, each with a number written right before it."""
    spans: list[tuple[int, int, str]] = []
    for start, end in url_spans(text):
        spans.append((start, end, text[start:end]))
    for match in EMAIL.finditer(text):
        spans.append((match.start(), match.end(), match.group()))
    for start, end, english in sorted(terms):
        number = _NUMBER_BEFORE.search(text, 0, start)
        if number is not None:
            english = text[number.start() : start] + english
            start = number.start()
        spans.append((start, end, english))
    kept: list[tuple[int, int, str]] = []
    for span in spans:  # URLs first, then addresses, then terms: the first one found keeps its characters
        if span[1] > span[0] and all(span[1] <= s or span[0] >= e for s, e, _ in kept):
            kept.append(span)
    return sorted(kept)


def mask(text: str, terms: Sequence[tuple[int, int, str]] = ()) -> Masked:
    """The sentence with every protected span replaced by a placeholder (none if it already holds one)."""
    if _PLACEHOLDER.search(text):
        return Masked(text)
    parts, originals, position = [], [], 0
    for start, end, original in protected_spans(text, terms):
        parts.append(text[position:start])
        parts.append(PLACEHOLDER.format(len(originals)))
        originals.append(original)
        position = end
    parts.append(text[position:])
    return Masked("".join(parts), tuple(originals))


def restore(translation: str, masked: Masked) -> Restored:
    """The translation with each placeholder replaced by its original; the originals that did not come back."""
    if not masked.originals:
        return Restored(translation)
    seen: set[int] = set()

    def put_back(match: regex.Match) -> str:
        number = int(match.group(1))
        if number >= len(masked.originals):
            return match.group()
        seen.add(number)
        return masked.originals[number]

    text = _PLACEHOLDER.sub(put_back, translation)
    return Restored(text, tuple(original for n, original in enumerate(masked.originals) if n not in seen))
