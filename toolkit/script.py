"""Facts about written Chinese, each defined once: the Han pattern, sentence punctuation, and the
character tables of both scripts (read from the GB2312 and Big5 codecs) with script detection.

Every module that needs one of these imports it from here: `textio` (encoding detection), `clean`
(soft wraps, footnotes, damage), `segment` (sentence rules), `catalog`, `check` and `glossary` (Chinese text),
`check` and `placeholders` (web and e-mail addresses inside Chinese text).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from toolkit.words import Script

HAN = regex.compile(r"\p{Han}")
"""One Han character of either script, in any CJK block (Extension B and beyond included)."""


def has_han(text: str) -> bool:
    """Whether `text` holds a Han character; an all-ASCII text (the usual English target) without a search."""
    return not text.isascii() and HAN.search(text) is not None


URL = regex.compile(r"(?:(?:https?|ftp)://|www\.)[^\s\p{Han}\u3000-\u303f\uff01-\uff5e“”‘’<>\"']+", regex.IGNORECASE)
"""A web address, up to whitespace, Chinese text, Chinese or full-width punctuation, quotes or angle brackets."""

EMAIL = regex.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
"""An e-mail address (ASCII)."""


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every URL in `text`, without the sentence punctuation after it (a final `.` or an unmatched `)`)."""
    spans = []
    for match in URL.finditer(text):
        start, end = match.span()
        while end > start and (
            text[end - 1] in ".,;:!?"
            or text[end - 1] == ")"
            and text.count("(", start, end) < text.count(")", start, end)
        ):
            end -= 1
        spans.append((start, end))
    return spans


SENTENCE_END = "。｡！？!?‼⁇⁈⁉"
"""A run of these ends a sentence (？！ or ?! together is one end)."""

PERIOD = ".．"
"""Ends a sentence only in context (see segment.ChineseSentenceRules)."""

CLOSERS = "”’」』）)》】〕〉］]"
"""Closing quotes and brackets: right after a sentence end they belong to the sentence they close."""

NEVER_END = "；;：:，,、…"
"""Punctuation that never ends a sentence."""

FOOTNOTE_NUMBER = r"\[\^?\d{1,3}\]|\d{1,2}(?=[ \t\u3000\u00a0]|$|\[|↩)"
"""A footnote marker right after a sentence's end and its closers (`“很担心”。1`, `"very worried."1`, `。[2]`):
`[^1]` or `[1]`, or a bare number of one or two digits before a space, the line's end, another marker or a
back-link. A bare number before a Han character is not one (`。1月1日` starts a sentence with a date).
A regex source: compile it with regex.MULTILINE."""

BACKLINK = "↩"
"""The back-link glyph of a footnote definition (`↩︎`, often with a variation selector), pointing back to its marker."""


@dataclass(frozen=True)
class HanTables:
    """Han character sets read from the GB2312 and Big5 code tables."""

    frequent: frozenset[str]  # GB2312 level 1 (simplified) and Big5 level 1 (traditional): the common characters
    simplified_only: frozenset[str]  # in GB2312 level 1 but nowhere in Big5
    traditional_only: frozenset[str]  # in Big5 level 1 but nowhere in GB2312
    hong_kong: frozenset[str]  # added by Big5-HKSCS (佢, 哋, 嘅, 喺): common in Hong Kong text, nowhere in Big5


@functools.cache  # constant tables derived from the codecs; built once, on first use
def han_tables() -> HanTables:
    """The Han character sets used for encoding detection, script detection and damage checks."""
    gb_level1 = _decode_table("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
    gb_all = gb_level1 | _decode_table("gb2312", range(0xD8, 0xF8), range(0xA1, 0xFF))
    big5_trails = (*range(0x40, 0x7F), *range(0xA1, 0xFF))
    big5_level1 = _decode_table("big5", range(0xA4, 0xC7), big5_trails)
    big5_all = big5_level1 | _decode_table("big5", range(0xC9, 0xFA), big5_trails)
    hkscs_trails = (*range(0x40, 0x7F), *range(0xA1, 0xFF))
    hkscs = _decode_table("big5hkscs", (*range(0x87, 0xA1), *range(0xC6, 0xC9), *range(0xF9, 0xFF)), hkscs_trails)
    return HanTables(
        frequent=gb_level1 | big5_level1,
        simplified_only=gb_level1 - big5_all,
        traditional_only=big5_level1 - gb_all,
        hong_kong=hkscs - big5_all - gb_all,
    )


def _decode_table(encoding: str, leads: Sequence[int], trails: Sequence[int]) -> frozenset[str]:
    characters = {bytes((lead, trail)).decode(encoding, errors="ignore") for lead in leads for trail in trails}
    return frozenset(char for char in characters if len(char) == 1 and "\u3400" <= char)


def detect_script(text: str) -> Script:
    """Traditional when more characters are traditional-only than simplified-only, else simplified."""
    tables = han_tables()
    traditional = sum(char in tables.traditional_only for char in text)
    simplified = sum(char in tables.simplified_only for char in text)
    return Script.TRADITIONAL if traditional > simplified else Script.SIMPLIFIED
