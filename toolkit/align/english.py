"""English sentence rules: where an English paragraph splits into sentences (named data, like segment.py's)."""

from __future__ import annotations

from collections.abc import Iterator

import regex


class EnglishSentenceRules:
    """Where an English paragraph splits into sentences.

    - A run of `sentence_end` characters (. ! ? and the ellipsis …), with the `closers` after it (quotes,
      brackets), ends a sentence when whitespace and then a capital letter, a digit or an opening quote
      or bracket follow: "Stop!" she cried. stays one sentence, "Stop!" She ran. is two.
    - A period never ends a sentence after one of `abbreviations` (Mr. Dr. St. etc. e.g.), after a single
      capital (initials: J. K. Rowling), or inside a dotted acronym (U.S.) or a number (3.5).
    - Dialogue: a comma or a lower-case word after the closing quote keeps the sentence going.
    - A footnote marker after the end stays with the sentence it annotates: "very worried."1 As he sees it
      is two sentences, the first ending after the 1 (a bare number only after a closer: 3.5 is a number).
    """

    sentence_end = ".!?…"
    closers = "\"'”’)]»"
    openers = "\"'“‘([«"
    abbreviations = frozenset(
        {
            "mr",
            "mrs",
            "ms",
            "dr",
            "prof",
            "sr",
            "jr",
            "st",
            "mt",
            "gen",
            "gov",
            "sen",
            "rep",
            "rev",
            "capt",
            "lt",
            "col",
            "sgt",
            "inc",
            "ltd",
            "co",
            "corp",
            "no",
            "nos",
            "vol",
            "vs",
            "fig",
            "eq",
            "approx",
            "etc",
            "e.g",
            "i.e",
            "cf",
            "al",
            "ph.d",
            "a.m",
            "p.m",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "mme",
            "mlle",
            "messrs",
            "esq",
            "hon",
            "pp",
            "ch",
            "chap",
        }
    )

    def __init__(self) -> None:
        end = regex.escape(self.sentence_end)
        closers = regex.escape(self.closers)
        openers = regex.escape(self.openers)
        marker = rf"(?:[{closers}]+[0-9]{{1,2}}|[{closers}]*(?:\[\^?[0-9]{{1,3}}\])?)"  # closers, then perhaps a footnote marker
        self._candidate = regex.compile(rf"[{end}]+{marker}(?=\s+[{openers}]*[\p{{Lu}}\p{{N}}\p{{Han}}])")
        self._word_before = regex.compile(r"(?:[\p{L}]+\.)*[\p{L}]+$")

    def boundaries(self, text: str) -> list[int]:
        """Offsets in `text` where a sentence ends (after its closers), in order."""
        cuts = []
        for match in self._candidate.finditer(text):
            run = match.group()
            if run.startswith(".") and not run.startswith("..") and self._abbreviated(text, match.start()):
                continue
            cuts.append(match.end())
        return cuts

    def _abbreviated(self, text: str, at: int) -> bool:
        word = self._word_before.search(text, max(0, at - 40), at)  # a window: searching from 0 is quadratic
        if not word:
            return False
        token = word.group()
        return token.lower() in self.abbreviations or (len(token) == 1 and token.isupper())

    def split(self, paragraph: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each sentence of a paragraph, whitespace trimmed."""
        bounds = [0, *self.boundaries(paragraph), len(paragraph)]
        for low, high in zip(bounds, bounds[1:]):
            while low < high and paragraph[low].isspace():
                low += 1
            while high > low and paragraph[high - 1].isspace():
                high -= 1
            if low < high:
                yield low, high


RULES = EnglishSentenceRules()
