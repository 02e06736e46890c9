"""The glossary rules (term-missing, term-forbidden, dnt-changed) and the Latin names a Chinese source carries.

Each rule takes one entry and the glossary matches of its source (found once per entry by the runner, both
scripts in one pass) and yields messages. Without a glossary only the Latin-name half of dnt-changed speaks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import regex

from toolkit import patterns
from toolkit.glossary.match import Text, contains_phrase, contains_verbatim
from toolkit.script import EMAIL, HAN, url_spans

if TYPE_CHECKING:
    from toolkit.check.model import Translation
    from toolkit.glossary.model import TermMatch

LATIN_LETTER = patterns.compile(r"[A-Za-z]")
_LATIN_TOKEN = regex.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[-.'’&+][A-Za-z0-9]+)*")
_LATIN_GAP = regex.compile(r"[ \t\u00a0]+")
# A parenthesised run of Latin text right after a Chinese term glosses that term: (scaling laws), （GW）.
_GLOSS = regex.compile(r"[（(][^（）()\p{Han}]*[)）]")


def term_missing(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """A glossary term in the source whose approved English (or a variant) is not in the target."""
    text = None
    for match in _required(entry, matches):
        concept = match.concept
        if concept.dnt:
            continue
        if text is None:
            text = Text(entry.msgstr)  # one for all the terms of the source
        if concept.accepted_in(text) or concept.forbidden_in(entry.msgstr, matches):
            continue
        also = f" (or {', '.join(repr(v) for v in concept.variants)})" if concept.variants else ""
        yield f"{match.surface} should be translated as {concept.en!r}{also}"


def term_forbidden(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """A rendering the glossary forbids for a term of the source is in the target."""
    for match in _distinct(matches):
        for rendering in match.concept.forbidden_in(entry.msgstr, matches):
            yield f"{match.surface} must not be rendered as {rendering!r}; use {match.concept.en!r}"


def dnt_changed(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """A do-not-translate term, or a Latin name written in the Chinese source, missing verbatim from the target."""
    for match in _required(entry, matches):
        concept = match.concept
        if not concept.dnt or concept.accepted_in(entry.msgstr) or concept.forbidden_in(entry.msgstr, matches):
            continue
        # The source's own Latin spelling, kept as written, is kept verbatim too (Deepseek for DeepSeek).
        if LATIN_LETTER.search(match.surface) and contains_verbatim(entry.msgstr, match.surface):
            continue
        yield f"{match.surface} is do-not-translate: keep {concept.en!r} verbatim"
    for name in latin_names(entry.msgid, matches):
        if not contains_phrase(entry.msgstr, name):
            yield f"Latin name {name!r} from the source is missing from the target: keep it verbatim"


def latin_names(source: str, matches: Sequence[TermMatch] = ()) -> list[str]:
    """Latin-script names in a Chinese source that the target must keep: GPT-4, DeepSeek-R1, Sam Altman.

    Left out: text without Chinese, URLs and e-mail addresses, parenthesised glosses of a Chinese term,
    runs of English prose (two or more lowercase words), lowercase words, single letters, and anything
    inside a glossary match (the glossary decides those).
    """
    if not LATIN_LETTER.search(source) or not HAN.search(source):
        return []
    covered = [(m.start, m.end) for m in matches]
    covered += url_spans(source) + [m.span() for m in EMAIL.finditer(source)]
    covered += [m.span() for m in _GLOSS.finditer(source)]
    names: list[str] = []
    for run in _latin_runs(source):
        words = [token for token, _, _ in run]
        if sum(1 for word in words if word.islower() and len(word) > 1) >= 2:
            continue
        for token, start, end in run:
            if any(a <= start and end <= b for a, b in covered):
                continue
            if (
                len(token) > 1
                and (token.lower() != token or any(c.isdigit() for c in token))
                and any(c.isalpha() for c in token)
                and token not in names
            ):
                names.append(token)
    return names


def _latin_runs(source: str) -> list[list[tuple[str, int, int]]]:
    runs: list[list[tuple[str, int, int]]] = []
    previous_end = None
    for match in _LATIN_TOKEN.finditer(source):
        token = (match.group(), match.start(), match.end())
        if previous_end is not None and _LATIN_GAP.fullmatch(source, previous_end, match.start()):
            runs[-1].append(token)
        else:
            runs.append([token])
        previous_end = match.end()
    return runs


class TermMatches(list):
    """The glossary matches of one source (a list), with what the glossary rules derive from them worked out
    once for all three rules (None until a rule asks: class defaults, so that making one for every entry is
    list's own constructor)."""

    required: list[TermMatch] | None = None
    distinct: list[TermMatch] | None = None


def _required(entry: Translation, matches: Sequence[TermMatch]) -> Sequence[TermMatch]:
    """The distinct matches the target must render: a term that only glosses the term before it in
    parentheses, as in 通用人工智能（AGI）, is checked through that term alone."""
    if len(matches) < 2:
        return matches
    if isinstance(matches, TermMatches):
        if matches.required is None:
            matches.required = _required_of(entry.msgid, matches)
        return matches.required
    return _required_of(entry.msgid, matches)


def _required_of(source: str, matches: Sequence[TermMatch]) -> list[TermMatch]:
    if "(" not in source and "（" not in source:  # no parenthesis, no gloss
        return _distinct_of(matches)
    glosses = {index for index in range(1, len(matches)) if _is_gloss(source, matches[index - 1], matches[index])}
    return _distinct_of([match for index, match in enumerate(matches) if index not in glosses])


def _is_gloss(source: str, before: TermMatch, match: TermMatch) -> bool:
    opening = source[before.end : match.start].strip()
    return opening in ("(", "（") and source[match.end : match.end + 2].strip()[:1] in (")", "）")


def _distinct(matches: Sequence[TermMatch]) -> Sequence[TermMatch]:
    if len(matches) < 2:
        return matches
    if isinstance(matches, TermMatches):
        if matches.distinct is None:
            matches.distinct = _distinct_of(matches)
        return matches.distinct
    return _distinct_of(matches)


def _distinct_of(matches: Sequence[TermMatch]) -> list[TermMatch]:
    if len(matches) < 2:
        return list(matches)
    seen: set[int] = set()
    distinct = []
    for match in matches:
        if id(match.concept) not in seen:
            seen.add(id(match.concept))
            distinct.append(match)
    return distinct
