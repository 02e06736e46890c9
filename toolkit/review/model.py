"""The review of one article as records: its paragraphs in order (headings, list items and quotes kept), each a
row of sentences; every sentence paired with its PO entry, its state, its `toolkit check` findings and the
glossary terms on both sides. html.py and docx.py only lay these records out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from toolkit.clean import Markup
from toolkit.glossary import Concept, Glossary, find_phrase
from toolkit.segment import Document, Segment
from toolkit.storage.units import Catalog, State, Unit
from toolkit.words import ENCODING_DAMAGE, Script, count


@dataclass(frozen=True)
class TermHint:
    """A glossary concept as a reviewer sees it on hover: the Chinese term and its approved rendering."""

    zh: str
    en: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    dnt: bool = False
    note: str = ""

    @classmethod
    def of(cls, concept: Concept) -> TermHint:
        return cls(concept.zh, concept.en, concept.variants, concept.forbidden, concept.dnt, concept.note)

    @property
    def hint(self) -> str:
        """One line: `模型 → model (also: models; not: mould) — note`, or `ChatGPT: do not translate`."""
        if self.dnt:
            text = f"{self.zh}: do not translate, keep {self.en}"
        else:
            text = f"{self.zh} → {self.en}"
        extras = []
        if self.variants:
            extras.append("also: " + ", ".join(self.variants))
        if self.forbidden:
            extras.append("not: " + ", ".join(self.forbidden))
        if extras:
            text += f" ({'; '.join(extras)})"
        return f"{text} — {self.note}" if self.note else text


@dataclass(frozen=True)
class Piece:
    """A stretch of a sentence: plain text, or a glossary term with its hint."""

    text: str
    term: TermHint | None = None


@dataclass(frozen=True)
class Note:
    """A `toolkit check` finding on a sentence (or on the whole file): rule, severity and message."""

    rule: str
    severity: str
    message: str


@dataclass(frozen=True)
class Sentence:
    """One segment of the source and its PO entry: both sides cut into pieces, the entry's state and findings.

    `line` is the entry's line in the PO file (0: the PO file has no entry for this sentence)."""

    number: int
    source: tuple[Piece, ...]
    target: tuple[Piece, ...]
    state: State
    line: int = 0
    notes: tuple[Note, ...] = ()
    damaged: bool = False
    """The source sentence holds likely mojibake (the segmenter's encoding-damage flag): read it with care."""
    kept: str = ""
    """What follows the sentence on its line and is not translated (a URL, an e-mail address): both sides show it."""

    @property
    def in_catalog(self) -> bool:
        return self.line > 0


@dataclass(frozen=True)
class Block:
    """One paragraph of the article: a heading (with its level), a list item (with its marker), a quotation
    or a plain paragraph; its sentences in order."""

    kind: str
    sentences: tuple[Sentence, ...]
    level: int = 0
    marker: str = ""
    quote: bool = False

    @property
    def english_marker(self) -> str:
        """The list marker as English writes it: 1、 and （1） become 1. and (1); a bullet becomes •."""
        if not self.marker:
            return ""
        digits = "".join(char for char in self.marker if char.isdigit())
        if not digits:
            return "•"
        if self.marker.startswith(("(", "（")):
            return f"({digits})"
        return f"{digits}{')' if self.marker.endswith(')') else '.'}"


BLOCK_KINDS = ("heading", "list-item", "paragraph")


@dataclass(frozen=True)
class Review:
    """Everything a reviewer sees about one article."""

    source: str
    catalog: str
    script: Script
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()
    """Findings on the file as a whole (the catalogue's direction), and entries no sentence uses any more."""
    revised: str = ""
    """The PO file's PO-Revision-Date."""
    glossary_version: str = ""

    @property
    def sentences(self) -> list[Sentence]:
        return [sentence for block in self.blocks for sentence in block.sentences]

    def count(self, state: State) -> int:
        """How many sentences are in this state (a sentence without a PO entry counts as untranslated)."""
        return sum(1 for sentence in self.sentences if sentence.state is state)

    @property
    def findings(self) -> int:
        """How many findings there are, on sentences and on the file."""
        return sum(len(sentence.notes) for sentence in self.sentences) + len(self.notes)

    @property
    def summary(self) -> str:
        """`40 sentences: 38 confirmed, 1 needing work (fuzzy), 1 untranslated; 2 findings of toolkit check`."""
        return (
            f"{count(len(self.sentences), 'sentence')}: {self.count(State.TRANSLATED)} confirmed, "
            f"{self.count(State.FUZZY)} needing work (fuzzy), {self.count(State.UNTRANSLATED)} untranslated; "
            f"{count(self.findings, 'finding')} of toolkit check"
        )

    @property
    def title(self) -> tuple[str, str]:
        """The first heading (Chinese, English), else the first sentence; ("", "") for an empty article."""
        first = next(
            (block for block in self.blocks if block.kind == "heading"), self.blocks[0] if self.blocks else None
        )
        if first is None:
            return "", ""
        sentence = first.sentences[0]
        return "".join(p.text for p in sentence.source), "".join(p.text for p in sentence.target)


def gather(
    document: Document,
    catalog: Catalog,
    findings: Sequence[Note | tuple[str, Note]] = (),
    glossary: Glossary | None = None,
) -> Review:
    """The review of `document` translated by `catalog`: `findings` are (msgid, Note) pairs for entries,
    Notes alone for the file. Each segment takes the live entry whose msgid is its text."""
    units = {unit.source: unit for unit in catalog.units if not unit.obsolete and unit.source}
    by_source: dict[str, list[Note]] = {}
    file_notes: list[Note] = []
    for finding in findings:
        if isinstance(finding, Note):
            file_notes.append(finding)
        else:
            by_source.setdefault(finding[0], []).append(finding[1])
    blocks = []
    for _, group in groupby(enumerate(document.segments), key=lambda item: item[1].paragraph):
        numbered = list(group)
        sentences = tuple(
            _sentence(
                number + 1,
                segment,
                units.get(segment.text),
                by_source.get(segment.text, ()),
                glossary,
                _kept(document.skeleton[number + 1], segment.flags),
            )
            for number, segment in numbered
        )
        blocks.append(_block(document.skeleton[numbered[0][0]], numbered[0][1], sentences))
    used = {segment.text for segment in document.segments}
    unused = [unit for unit in units.values() if unit.source not in used]
    if unused:
        lines = ", ".join(str(unit.line) for unit in unused[:10]) + (", …" if len(unused) > 10 else "")
        file_notes.append(
            Note(
                "unused-entry",
                "warning",
                f"{len(unused)} entr{'y' if len(unused) == 1 else 'ies'} of the PO file match no sentence of "
                f"the source (lines {lines}): has the source changed since the draft?",
            )
        )
    return Review(
        document.file,
        catalog.path,
        document.script,
        tuple(blocks),
        tuple(file_notes),
        catalog.header.get("PO-Revision-Date", ""),
        glossary.version if glossary is not None else "",
    )


def _kept(after: str, flags: Sequence[str]) -> str:
    """The rest of the sentence's line in the skeleton, when it holds words or an address (not only markup):
    as written, less the closing marker of a bold or italic line."""
    rest = after.split("\n", 1)[0].strip()
    for flag, markers in (("bold", ("**", "__")), ("italic", ("_",))):
        if flag in flags:
            rest = next((rest[: -len(m)].rstrip() for m in markers if rest.endswith(m)), rest)
    return rest if any(char.isalnum() for char in rest) else ""


def _sentence(
    number: int, segment: Segment, unit: Unit | None, notes: Sequence[Note], glossary: Glossary | None, kept: str = ""
) -> Sentence:
    target = unit.target if unit is not None else ""
    state = unit.state if unit is not None and target else State.UNTRANSLATED
    matches = glossary.find(segment.text) if glossary is not None else []
    source_spans = [(match.start, match.end, TermHint.of(match.concept)) for match in matches]
    return Sentence(
        number,
        pieces(segment.text, source_spans),
        pieces(target, _target_spans(target, matches)),
        state,
        unit.line if unit is not None else 0,
        tuple(notes),
        ENCODING_DAMAGE in segment.flags,
        kept,
    )


def _target_spans(target: str, matches: Sequence) -> list[tuple[int, int, TermHint]]:
    """Where the approved rendering (or a variant) of each source term stands in the target."""
    spans = []
    for match in matches:
        concept = match.concept
        for form in (concept.en, *concept.variants):
            spans += [(start, end, TermHint.of(concept)) for start, end in find_phrase(target, form)]
    return spans


def pieces(text: str, spans: Sequence[tuple[int, int, TermHint]]) -> tuple[Piece, ...]:
    """`text` cut at the spans (the longest first where they overlap): terms and the plain text between them."""
    taken: list[tuple[int, int, TermHint]] = []
    for start, end, hint in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        if start < end and not any(start < b and a < end for a, b, _ in taken):
            taken.append((start, end, hint))
    result, position = [], 0
    for start, end, hint in sorted(taken, key=lambda span: span[0]):
        if start > position:
            result.append(Piece(text[position:start]))
        result.append(Piece(text[start:end], hint))
        position = end
    if position < len(text):
        result.append(Piece(text[position:]))
    return tuple(result)


def _block(before: str, first: Segment, sentences: tuple[Sentence, ...]) -> Block:
    """The block of a paragraph: its kind and heading level or list marker, from the line prefix in the skeleton."""
    prefix = Markup.line_prefix.match(before.rsplit("\n", 1)[-1])
    quote = "quote" in first.flags
    if "heading" in first.flags:
        hashes = prefix.group("heading")
        return Block("heading", sentences, level=len(hashes.strip()) if hashes else 2, quote=quote)
    if "list-item" in first.flags:
        marker = (prefix.group("bullet") or prefix.group("number") or "").strip()
        return Block("list-item", sentences, marker=marker, quote=quote)
    return Block("paragraph", sentences, quote=quote)


_CONTROL = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n"} | {0x7F: 0x2421}


def visible(text: str) -> str:
    """`text` with its control characters (other than tab and newline) shown as their pictures (␇ for U+0007):
    XML cannot hold them, and a reviewer should see that they are there."""
    return text.translate(_CONTROL)
