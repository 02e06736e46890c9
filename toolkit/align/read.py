"""Both sides of a pair as sentences: the Chinese as `segment` reads it, the English by EnglishSentenceRules.

With `presplit`, each line is one sentence (the convention of Hunalign, Vecalign and Bertalign) and the
line number minus one is its id; an empty line stays an (empty) sentence so that ids keep matching lines.
"""

from __future__ import annotations

from pathlib import Path

import regex

from toolkit.align.english import RULES
from toolkit.align.model import Sentence
from toolkit.segment import detect_script, segment_file
from toolkit.textio import read_source

_MARKUP_PREFIX = regex.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+•·][ \t]+|\d{1,3}[.)][ \t]+)?")


def read_chinese(path: str | Path, presplit: bool, encoding: str | None = None) -> tuple[str, tuple[Sentence, ...]]:
    """The script ("zh_Hans"/"zh_Hant") and the sentences of the Chinese side."""
    if presplit:
        text = read_source(path, encoding).text
        return detect_script(text), _lines(text)
    document = segment_file(path, encoding)
    return document.script, tuple(
        Sentence(segment.text, segment.line, segment.paragraph) for segment in document.segments
    )


def read_english(path: str | Path, presplit: bool, encoding: str | None = None) -> tuple[Sentence, ...]:
    """The sentences of the English side: paragraphs (blank-line separated, soft wraps joined) split by the rules."""
    text = read_source(path, encoding).text
    if presplit:
        return _lines(text)
    return split_english(text)


def split_english(text: str) -> tuple[Sentence, ...]:
    """English text -> sentences, each with the line it starts on."""
    sentences: list[Sentence] = []
    paragraph: list[tuple[int, str]] = []
    paragraphs = 0
    for number, line in enumerate([*text.split("\n"), ""], 1):
        content = line[_MARKUP_PREFIX.match(line).end() :].strip()
        if content:
            paragraph.append((number, content))
            continue
        if not paragraph:
            continue
        paragraphs += 1
        joined = ""
        starts: list[tuple[int, int]] = []  # (offset in joined, line number)
        for line_number, part in paragraph:
            if joined:
                joined += " "
            starts.append((len(joined), line_number))
            joined += part
        for low, high in RULES.split(joined):
            line_number = max(number for offset, number in starts if offset <= low)
            sentences.append(Sentence(joined[low:high], line_number, paragraphs))
        paragraph = []
    return tuple(sentences)


def _lines(text: str) -> tuple[Sentence, ...]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(Sentence(line.strip(), number) for number, line in enumerate(lines, 1))
