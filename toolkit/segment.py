"""Document skeleton + sentence rules -> Segment records.

A Document is the cleaned text cut into segments (the sentences to translate) and a skeleton (everything
around them: paragraph breaks, '# ', '> ', '**', bullets, images, URLs, footnote markers), so that
`document.rebuild(lambda segment: segment.text)` gives back the cleaned text exactly.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from toolkit.clean import Cleaning, CleanText, Markup, clean_text
from toolkit.script import BACKLINK, CLOSERS, FOOTNOTE_NUMBER, NEVER_END, PERIOD, SENTENCE_END, detect_script
from toolkit.textio import read_source
from toolkit.words import ENCODING_DAMAGE, Script

# Flags a Segment can carry (the draft relies on these names).
FLAGS = {
    "heading": "a Markdown '#' heading, or (in plain text) a short line with no punctuation at its end",
    "bold": "the whole line is wrapped in '**'",
    "italic": "the whole line is wrapped in '_' (captions, source notes)",
    "quote": "inside a '> ' quotation block",
    "list-item": "a bullet (· • ● - * +) or numbered (1. 1、 （1）) list item",
    ENCODING_DAMAGE: "the sentence contains likely mojibake; translate with care, it was not repaired",
}


# Kinds of Footnote (build turns them into Markdown footnotes or [1]).
FOOTNOTE_KINDS = {
    "marker": 'a note\'s number after the sentence it annotates (“很担心”。1, "very worried."1, [^1], [1])',
    "definition": "the number that opens a note in the notes list ('  1. ' on a numbered line with a back-link, '[^1]: ')",
    "backlink": "a back-link glyph (↩︎) in a note, pointing back to its markers",
}


@dataclass(frozen=True)
class Footnote:
    """A piece of footnote structure in the skeleton: a marker, a definition's label or a back-link (FOOTNOTE_KINDS).

    It lies in `skeleton[piece][start:end]`; `number` is the note's (a back-link's is that of the note it ends).
    """

    kind: str
    number: int
    piece: int
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """One sentence to translate, with where it came from."""

    file: str
    paragraph: int
    index: int
    text: str
    line: int
    flags: tuple[str, ...] = ()


class ChineseSentenceRules:
    """Where a Chinese paragraph (with English inside it) splits into sentences: named data, one place.

    - A run of `sentence_end` characters ends a sentence; ？！ or ?! together is one boundary.
    - `closers` right after the end stay with the sentence they close; an ASCII '"' does so when it closes
      a quotation opened earlier in the paragraph, an ASCII "'" unless a Latin letter or digit follows it.
    - A `footnote` marker after the end and its closers stays with the sentence it annotates, and the sentence
      ends after it: `自己确实“很担心”。1在他看来`, `"very worried."1 As he sees it` (after a period only with a
      closing quote or bracket between: `3.5 GW` is a number).
    - Sentences inside quotations split too (OmegaT's convention): 他说：“我们赢了。你们输了。”
    - An ASCII '!' or '?' between two Latin letters or digits (Yahoo!Japan) does not split.
    - A `period` (ASCII '.', full-width '．') ends a sentence only before whitespace plus a capital letter,
      or before a Han character, and never after one of `abbreviations`, a single capital (J. K. Rowling)
      or a dotted acronym (A.I., U.S.), after an inline list number (原因有三：1. 成本高；2. 效率低。),
      inside a number (4.5千兆瓦, GPT-3.5), in a run of dots (.....), a URL or an e-mail address.
    - `never_end` characters (；; ：: ，, 、 …) never split; a line without end punctuation is one sentence.
    """

    sentence_end = SENTENCE_END
    period = PERIOD
    closers = CLOSERS
    never_end = NEVER_END
    footnote = FOOTNOTE_NUMBER
    abbreviations = frozenset(
        {
            "Mr",
            "Mrs",
            "Ms",
            "Dr",
            "Prof",
            "Sr",
            "Jr",
            "St",
            "Mt",
            "Gen",
            "Gov",
            "Sen",
            "Rep",
            "Rev",
            "Capt",
            "Lt",
            "Col",
            "Sgt",
            "Inc",
            "Ltd",
            "Co",
            "Corp",
            "No",
            "Nos",
            "Vol",
            "vs",
            "Fig",
            "Eq",
            "approx",
            "etc",
            "e.g",
            "i.e",
            "cf",
            "al",
            "U.S",
            "U.K",
            "U.N",
            "E.U",
            "U.S.A",
            "Ph.D",
            "a.m",
            "p.m",
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "Aug",
            "Sep",
            "Sept",
            "Oct",
            "Nov",
            "Dec",
        }
    )

    def __init__(self) -> None:
        end = regex.escape(self.sentence_end)
        closers = regex.escape(self.closers)
        period = regex.escape(self.period)
        self._end_run = regex.compile(rf"[{end}]+|(?<![{period}])[{period}](?![{period}])")
        self._closer_run = regex.compile(rf"[{closers}{end}\"']*")
        self._word_before = regex.compile(r"(?:[A-Za-z]+\.)*[A-Za-z]+", regex.REVERSE)
        self._dotted_acronym = regex.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
        self._enumerator = regex.compile(r"(?:^|[：:；;，,、（(])[ \t]*\d{1,2}$")
        self._after_period = regex.compile(r"\s+[\"“‘'「『（(《【]?[\p{Lu}\p{Han}]|\p{Han}")
        self._ascii_end = regex.compile(r"[!?]+")
        self._latin = regex.compile(r"[A-Za-z0-9]")
        self._footnote = regex.compile(self.footnote, regex.MULTILINE)

    def boundaries(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[int]:
        """Offsets in `text` where a sentence ends (after its closers), in order.

        One forward pass: every rule looks only at the few characters around a candidate end (the word or
        list number just before it, the closers and the start of the next sentence just after it), so the
        time grows linearly with the paragraph.
        """
        cuts: list[int] = []
        spans = sorted(protected)
        next_span, protected_until = 0, -1
        quotes = _Quotes(text)
        for match in self._end_run.finditer(text):
            start, end = match.span()
            while next_span < len(spans) and spans[next_span][0] <= start:
                protected_until = max(protected_until, spans[next_span][1])
                next_span += 1
            if cuts and start < cuts[-1] or start < protected_until:
                continue
            run = match.group()
            if run in self.period and not self._period_ends(text, start, quotes):
                continue
            if self._ascii_end.fullmatch(run) and self._between_latin(text, start, end):
                continue
            cuts.append(self._sentence_end(text, end, quotes))
        return cuts

    def _period_ends(self, text: str, at: int, quotes: _Quotes) -> bool:
        if at + 1 < len(text) and text[at + 1].isdigit():
            return False
        after = self._sentence_end(text, at + 1, quotes)
        if not (after == len(text) or self._after_period.match(text, after)):
            return False
        if self._list_number_before(text, at):
            return False
        word = self._word_before.match(
            text, 0, at
        )  # a reverse pattern: reads leftwards from `at`, as far as the word goes
        return not (
            word
            and (
                word.group() in self.abbreviations
                or (len(word.group()) == 1 and word.group().isupper())
                or self._dotted_acronym.fullmatch(word.group())
            )
        )

    def _list_number_before(self, text: str, at: int) -> bool:
        """Whether `at` follows an inline list number (原因有三：1. 成本高): looks back only over digits and blanks."""
        start = at
        while start > 0 and (text[start - 1] in " \t" or text[start - 1].isdigit()):
            start -= 1
        return bool(self._enumerator.search(text, max(start - 1, 0), at))

    def _between_latin(self, text: str, start: int, end: int) -> bool:
        return (
            start > 0 and end < len(text) and bool(self._latin.match(text[start - 1]) and self._latin.match(text[end]))
        )

    def _sentence_end(self, text: str, at: int, quotes: _Quotes) -> int:
        """Where a sentence whose end punctuation stops at `at` ends: after its closers and its footnote marker.

        (A digit right after a bare period never gets here: `_period_ends` takes it for a decimal point.)"""
        after = self._absorb_closers(text, at, quotes)
        marker = self._footnote.match(text, after)
        return marker.end() if marker else after

    def _absorb_closers(self, text: str, at: int, quotes: _Quotes) -> int:
        run = self._closer_run.match(text, at).group()
        for offset, char in enumerate(run):
            position = at + offset
            if char == '"' and quotes.before(position) % 2 == 0:
                return position
            if char == "'" and self._latin.match(text, position + 1):
                return position
        return at + len(run)


class _Quotes:
    """How many ASCII '"' come before an offset of a text, counted once (bisection, not a count from the start)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._positions: list[int] | None = None

    def before(self, position: int) -> int:
        if self._positions is None:
            self._positions = [match.start() for match in regex.finditer('"', self._text)]
        return bisect_left(self._positions, position)


@dataclass(frozen=True)
class Document:
    """A source document: its segments, the skeleton around them, and what cleaning changed or flagged."""

    file: str
    encoding: str
    script: Script  # zh_Hans or zh_Hant, a str
    segments: tuple[Segment, ...]
    skeleton: tuple[str, ...]  # skeleton[i] comes before segments[i]; one more piece than segments
    cleanings: tuple[Cleaning, ...]
    markdown: bool = False  # Markdown '#' headings (or a .md file): its English version is Markdown too
    footnotes: tuple[Footnote, ...] = ()  # markers, definitions and back-links in the skeleton, in text order

    def rebuild(self, translation: Callable[[Segment], str], *, sentence_gap: str = "") -> str:
        """The document with each segment replaced by `translation(segment)`.

        `sentence_gap` goes between two sentences of one paragraph that touch in the source, and before
        a URL right after a sentence (Chinese puts no space there; pass " " when rebuilding English).
        """
        parts = [self.skeleton[0]]
        for number, segment in enumerate(self.segments):
            parts.append(translation(segment))
            between = self.skeleton[number + 1]
            parts.append(between)
            following = self.segments[number + 1] if number + 1 < len(self.segments) else None
            if sentence_gap and _URL.match(between):
                parts.insert(-1, sentence_gap)
            if (
                sentence_gap
                and following
                and following.paragraph == segment.paragraph
                and not regex.search(r"\s", between)
            ):
                parts.append(sentence_gap)
        return "".join(parts)


RULES = ChineseSentenceRules()

_URL = regex.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[\x21-\x7E]+?(?=[.,;:!?'\")\]]*(?:[^\x21-\x7E]|$))")
_EMAIL = regex.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_LABELLED_URL = regex.compile(r"(?<=[:：])[ \t]*(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)\S+$")
_LETTER = regex.compile(r"\p{L}")
_UNPUNCTUATED_END = regex.compile(rf"[^{regex.escape(RULES.sentence_end + RULES.period + RULES.never_end)}]$")
_HEADING_LENGTH = 40


def segment_file(path: str | Path, encoding: str | None = None) -> Document:
    """Read, clean and segment one source file."""
    source = read_source(path, encoding)
    return _segment(source.text, source.path, source.encoding)


def segment_text(text: str, file: str = "<text>") -> Document:
    """Clean and segment a text that is already decoded."""
    return _segment(text, file, "utf-8")


def _segment(text: str, file: str, encoding: str) -> Document:
    script = detect_script(text)
    clean = clean_text(text, script)
    headings = any(Markup.line_prefix.match(line).group("heading") for line in clean.text.split("\n"))
    markdown = headings or file.lower().endswith(".md")
    pieces = list(_sentences(clean, headings))
    segments: list[Segment] = []
    skeleton: list[str] = []
    piece_starts: list[int] = []
    position = 0
    for start, end, paragraph, index, flags in pieces:
        skeleton.append(clean.text[position:start])
        piece_starts.append(position)
        damaged = bool(_overlapping(clean.damage, start, end))
        segments.append(
            Segment(
                file,
                paragraph,
                index,
                clean.text[start:end],
                clean.line_at(start),
                flags + ((ENCODING_DAMAGE,) if damaged else ()),
            )
        )
        position = end
    skeleton.append(clean.text[position:])
    piece_starts.append(position)
    footnotes = _footnotes(clean, piece_starts, [len(piece) for piece in skeleton])
    return Document(file, encoding, script, tuple(segments), tuple(skeleton), clean.cleanings, markdown, footnotes)


def _footnotes(clean: CleanText, piece_starts: list[int], piece_lengths: list[int]) -> tuple[Footnote, ...]:
    """The footnote markers, definition labels and back-links that lie in the skeleton (a marker inside a
    sentence stays the translator's). A definition is a line opening with `[^1]:`, or a numbered line
    (`  1. `) that holds a back-link: the notes list at the end of an article."""
    text = clean.text
    line_starts = [0, *(match.end() for match in regex.finditer("\n", text))]
    definitions: dict[int, tuple[int, int, int]] = {}  # line -> (number, label start, label end)
    lines_with_backlinks = {
        bisect_right(line_starts, start) - 1 for start, _ in clean.footnotes if text[start] == BACKLINK
    }
    for number, line_start in enumerate(line_starts):
        line_end = line_starts[number + 1] - 1 if number + 1 < len(line_starts) else len(text)
        prefix = Markup.line_prefix.match(text, line_start, line_end)
        label = prefix.group("note") or (prefix.group("number") if number in lines_with_backlinks else None)
        if label:
            definitions[number] = (int(regex.search(r"\d+", label).group()), line_start, prefix.end())
    found: list[tuple[int, str, int, int, int]] = [
        (start, "definition", note, start, end) for note, start, end in definitions.values()
    ]
    for start, end in clean.footnotes:
        line = bisect_right(line_starts, start) - 1
        if text[start] == BACKLINK:
            if line in definitions:
                found.append((start, "backlink", definitions[line][0], start, end))
        elif not (line in definitions and start < definitions[line][2]):
            found.append((start, "marker", int(regex.search(r"\d+", text[start:end]).group()), start, end))
    notes = []
    for _, kind, note, start, end in sorted(found):
        piece = bisect_right(piece_starts, start) - 1
        low, high = start - piece_starts[piece], end - piece_starts[piece]
        if high <= piece_lengths[piece]:  # in the skeleton, not inside a sentence
            notes.append(Footnote(kind, note, piece, low, high))
    return tuple(notes)


def _sentences(clean: CleanText, markdown_headings: bool) -> Iterator[tuple[int, int, int, int, tuple[str, ...]]]:
    """(start, end, paragraph, index, flags) of every sentence in the cleaned text, in order.

    Without Markdown headings, a short line without end punctuation is taken for a heading."""
    text = clean.text
    lines = text.split("\n")
    footnote_starts = dict(clean.footnotes)
    footnote_ends = {end: start for start, end in clean.footnotes}
    paragraph = 0
    offset = 0
    for line in lines:
        units = list(_line_sentences(line, offset, clean, footnote_starts, footnote_ends))
        offset += len(line) + 1
        if not units:
            continue
        paragraph += 1
        for index, (start, end, flags) in enumerate(units, 1):
            if (
                not markdown_headings
                and len(units) == 1
                and not flags
                and end - start <= _HEADING_LENGTH
                and _UNPUNCTUATED_END.search(text, start, end)
            ):
                flags = ("heading",)
            yield start, end, paragraph, index, flags


def _line_sentences(
    line: str, offset: int, clean: CleanText, footnote_starts: dict[int, int], footnote_ends: dict[int, int]
) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """(start, end, flags) of the sentences of one cleaned line; structure stays outside the spans."""
    if Markup.blank_line.fullmatch(line) or Markup.image_line.fullmatch(line) or Markup.site_chrome.fullmatch(line):
        return
    prefix = Markup.line_prefix.match(line)
    flags: list[str] = []
    if prefix.group("quote"):
        flags.append("quote")
    if prefix.group("heading"):
        flags.append("heading")
    if prefix.group("bullet") or prefix.group("number"):
        flags.append("list-item")
    start, end = prefix.end(), len(line.rstrip())
    for marker, flag in (("**", "bold"), ("__", "bold"), ("_", "italic")):
        content = line[start:end].strip()
        if (
            len(content) > 2 * len(marker)
            and content.startswith(marker)
            and content.endswith(marker)
            and not content[len(marker)].isspace()
        ):
            start = line.index(marker, start) + len(marker)
            end = line.rindex(marker, start, end)
            if flag not in flags:
                flags.append(flag)
    labelled = _LABELLED_URL.search(line, start, end)
    if labelled:
        end = labelled.start()
    content = line[start:end]
    urls = [match.span() for pattern in (_URL, _EMAIL) for match in pattern.finditer(content)]
    damaged_marks = [(at, at + 1) for at in _damaged_question_marks(clean, offset + start, offset + end)]
    cuts = RULES.boundaries(
        content, urls + [(low - offset - start, high - offset - start) for low, high in damaged_marks]
    )
    bounds = [0, *cuts, len(content)]
    for low, high in zip(bounds, bounds[1:]):
        low, high = _trim(offset + start + low, offset + start + high, clean.text, footnote_starts, footnote_ends)
        if low < high and _translatable(clean.text[low:high]):
            yield low, high, tuple(flags)


def _damaged_question_marks(clean: CleanText, start: int, end: int) -> list[int]:
    """Offsets of the '?' inside encoding damage between `start` and `end`: they are not sentence ends."""
    return [
        at
        for low, high in _overlapping(clean.damage, start, end)
        for at in range(max(low, start), min(high, end))
        if clean.text[at] == "?"
    ]


def _overlapping(spans: Sequence[tuple[int, int]], start: int, end: int) -> Sequence[tuple[int, int]]:
    """The spans (sorted, non-overlapping) that overlap [start, end), found by bisection."""
    return spans[
        bisect_right(spans, start, key=lambda span: span[1]) : bisect_left(spans, end, key=lambda span: span[0])
    ]


def _trim(
    start: int, end: int, text: str, footnote_starts: dict[int, int], footnote_ends: dict[int, int]
) -> tuple[int, int]:
    """Narrow a span past surrounding whitespace and footnote markers."""
    while True:
        before = (start, end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start in footnote_starts and footnote_starts[start] <= end:
            start = footnote_starts[start]
        if end in footnote_ends and footnote_ends[end] >= start:
            end = footnote_ends[end]
        if (start, end) == before:
            return start, end


def _translatable(text: str) -> bool:
    """Whether a span has words to translate (a letter outside any URL or e-mail address)."""
    return bool(_LETTER.search(_EMAIL.sub("", _URL.sub("", text))))
