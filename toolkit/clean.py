"""Web-noise cleaning of a source text, every change recorded: pinyin annotations, soft wraps,
stray bold markers, footnote markers, and likely encoding damage (flagged, never repaired)."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

import regex

from toolkit.script import BACKLINK, CLOSERS, FOOTNOTE_NUMBER, HAN, PERIOD, SENTENCE_END, han_tables
from toolkit.textio import normalise_newlines
from toolkit.words import ENCODING_DAMAGE, SITE_CHROME, Script

# What each Cleaning.kind means (the draft puts these in PO notes; `toolkit segment --cleaning` lists them).
CLEANING_KINDS = {
    "pinyin-annotation": "a pinyin reading after a character, such as 商業(yè), was removed",
    "soft-wrap": "a line wrapped mid-paragraph was joined to the line before it",
    "bold-marker": "'**' markers that do not wrap a whole line were removed",
    "footnote-moved": "a footnote marker before the sentence end (“很担心”1。) was moved after it",
    ENCODING_DAMAGE: "likely mojibake (e.g. 規?涨暗拇笏懔Σ季) was found and left as it is",
    SITE_CHROME: "a line of web-page controls (訂閱, 糾錯, 關注, the comment box) was kept out of the text to translate",
}

TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"


class Markup:
    """Markdown-style line structure, shared by cleaning (to know what wraps a line) and segmenting."""

    # Quote markers, heading hashes, bullets (· • ● and '-', '*', '+' before a space), list numbers and the
    # label of a Markdown footnote definition ([^1]: ...).
    line_prefix = regex.compile(
        r"""[ \t\u3000]*
        (?P<quote>(?:>[ \t]?)+)?[ \t\u3000]*
        (?:(?P<heading>\#{1,6}[ \t]+)
          |(?P<bullet>[·•●○◦▪■□◆◇▶►∙‧・][ \t\u3000]*|[-*+][ \t]+)
          |(?P<number>\d{1,3}[.)][ \t]+|\d{1,3}、[ \t]*|[（(]\d{1,3}[)）][ \t]*)
          |(?P<note>\[\^\d{1,3}\]:[ \t]*)
        )?""",
        regex.VERBOSE,
    )
    # A line that is a "label: value" pair (文章作者: 机器之心); never joined to its neighbours.
    label_line = regex.compile(r"[ \t]*[^\s:：]{1,12}[:：][ \t]+\S")
    image_line = regex.compile(r"[ \t]*(?:!\[[^\]\n]*\]\([^)\n]*\)[ \t]*)+")
    # Whole lines of web-page controls (subscribe, correct an error, follow, close, the comment box), both scripts.
    site_chrome = regex.compile(
        r"[ \t\u3000]*\*?(?:"
        r"订阅|訂閱|纠错|糾錯|文章纠错|文章糾錯|关注|關注|加入自媒体|加入自媒體|发表评论|發表評論|暂无评论|暫無評論"
        r"|扫码关注公众号|掃碼關注公眾號|获取更多精彩内容|獲取更多精彩內容|请输入评论内容\.*|請輸入評論內容\.*"
        r"|\d+[条條]评论[,，]\d+人参与|\d+[条條]評論[,，]\d+人參與"
        r"|请输入评论/评论长度\d+~\d+个字|請輸入評論/評論長度\d+~\d+個字"
        r"|您提交的评论过[于於]频繁[,，]请输入验证码继续|您提交的評論過[于於]頻繁[,，]請輸入驗證碼繼續"
        r"|[xX×✕]|文字[标標]题[:：]|文字[标標]題[:：]|纠错内容[:：]|糾錯內容[:：]|联系邮箱[:：]|聯[系繫]郵箱[:：]|[验驗] ?[证證] ?[码碼][:：]"
        r")[ \t]*"
    )
    hard_break = regex.compile(r"\S[ \t]{2,}$")
    blank_line = regex.compile(r"\s*")


@dataclass(frozen=True)
class Cleaning:
    """One change or warning made while cleaning, on a 1-based source line."""

    line: int
    kind: str
    text: str


@dataclass(frozen=True)
class CleanText:
    """The cleaned text, with where each part came from and what was changed or flagged."""

    text: str
    line_starts: tuple[tuple[int, int], ...]  # (offset in text, 1-based source line), sorted by offset
    cleanings: tuple[Cleaning, ...]
    footnotes: tuple[tuple[int, int], ...]  # spans of footnote markers ([1], ↩︎, digits after a sentence)
    damage: tuple[tuple[int, int], ...]  # spans of likely encoding damage
    _offsets: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_offsets", tuple(offset for offset, _ in self.line_starts))

    def line_at(self, offset: int) -> int:
        """The 1-based source line that the character at `offset` comes from."""
        index = bisect.bisect_right(self._offsets, offset) - 1
        return self.line_starts[max(index, 0)][1] if self.line_starts else 1


@dataclass
class _Line:
    """One line being cleaned: its text and the source lines its parts start on."""

    text: str
    starts: list[tuple[int, int]]

    def line_at(self, offset: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, offset, key=lambda start: start[0]) - 1][1]

    def substitute(self, pattern: regex.Pattern, replacement, kind: str, cleanings: list[Cleaning]) -> None:
        """Apply a regex substitution, keeping the source-line map and recording each change (one pass)."""
        matches = list(pattern.finditer(self.text))
        if not matches:
            return
        cleanings.extend(Cleaning(self.line_at(match.start()), kind, match.group()) for match in reversed(matches))
        pieces: list[str] = []
        spans: list[tuple[int, int, int]] = []  # (start, end, length of the replacement)
        position = 0
        for match in matches:
            new = replacement(match)
            pieces += (self.text[position : match.start()], new)
            spans.append((match.start(), match.end(), len(new)))
            position = match.end()
        pieces.append(self.text[position:])
        moved: list[tuple[int, int]] = []
        shift = passed = 0
        for offset, line in self.starts:  # sorted by offset
            while passed < len(spans) and spans[passed][1] <= offset:
                start, end, length = spans[passed]
                shift += length - (end - start)
                passed += 1
            if (
                passed < len(spans) and spans[passed][0] <= offset
            ):  # inside a replaced span: to its replacement's end at most
                offset = min(offset, spans[passed][0] + spans[passed][2])
            moved.append((offset + shift, line))
        self.text = "".join(pieces)
        self.starts = moved


_PINYIN_ANNOTATION = regex.compile(
    rf"(?<=[\p{{Han}}A-Za-z])\((?=[a-zü{TONE_MARKED}]*[{TONE_MARKED}])"
    rf"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv{TONE_MARKED}]{{1,4}}(?:ng|n|r)?\)"
)
_EMPTY_BOLD = regex.compile(r"\*\*\*\*")
_BOLD_MARKER = regex.compile(r"\*\*")
_END = regex.escape(SENTENCE_END)
_CLOSERS = regex.escape(CLOSERS)
_FOOTNOTE_BEFORE_END = regex.compile(
    rf"(?<=[{_CLOSERS}])(\d{{1,2}}|\[\^?\d{{1,3}}\])([{_END}]+)|(\[\^?\d{{1,3}}\])([{_END}]+)"
)
# A marker after a sentence end (its closers and ASCII quotes between), after a closing bracket or quote, or after
# a period with a closing quote between ("very worried."1: a bare period before digits is a decimal point).
_FOOTNOTE_MARKER = regex.compile(
    rf"\[\^?\d{{1,3}}\]|{BACKLINK}[\uFE0E\uFE0F]?"
    rf"|(?<=[{_END}][{_CLOSERS}\"']*|[{_CLOSERS}]|[{regex.escape(PERIOD)}][{_CLOSERS}\"']+)(?:{FOOTNOTE_NUMBER})",
    regex.MULTILINE,
)

_FOREIGN_LETTERS = r"\p{Greek}\p{Cyrillic}\p{Hiragana}\p{Katakana}\p{Bopomofo}\p{Hangul}\u2500-\u257F"
_DAMAGE_MARKS = regex.compile(
    rf"[\uFFFD\p{{Co}}\x80-\x9F]"
    rf"|(?<=[\p{{Han}}?])[a-z]{{0,5}}[{TONE_MARKED}][a-zü]*\)?"
    rf"|[a-z]{{0,5}}[{TONE_MARKED}][a-zü]*\)?(?=\p{{Han}})"
    rf"|(?<=\p{{Han}})[{_FOREIGN_LETTERS}]+(?=\p{{Han}})"
)
_WORD_RUN = regex.compile(r"[\p{L}\p{M}\p{Co}\uFFFD?)]*")
_QUESTION_IN_WORD = regex.compile(r"(?<=\p{Han})\?(?=[\p{Han}a-z])")
# Matched leftwards from the end of a (joined, possibly long) line: the work is that of the line's last characters.
_SENTENCE_END_AT_END = regex.compile(rf"[{_END}][{_CLOSERS}\"']*[ \t]*", regex.REVERSE)
_HARD_BREAK_AT_END = regex.compile(Markup.hard_break.pattern.removesuffix("$"), regex.REVERSE)
_TRAILERS_ONLY = regex.compile(rf"[{_CLOSERS}\"' \t]*")


def clean_text(text: str, script: str | None = None) -> CleanText:
    """Clean a source text (newlines normalised, annotations removed, soft wraps joined), recording every change.

    `script` (a Script: zh_Hans or zh_Hant) sharpens the encoding-damage check: a character of the other
    script right after a '?' between Han characters is a sign of mojibake.
    """
    cleanings: list[Cleaning] = []
    physical = [_Line(content, [(0, number)]) for number, content in enumerate(normalise_newlines(text).split("\n"), 1)]
    for line in physical:
        line.substitute(_PINYIN_ANNOTATION, lambda match: "", "pinyin-annotation", cleanings)
    lines = _join_soft_wraps(physical, cleanings) if _has_hard_breaks(physical) else physical
    offset = 0
    starts: list[tuple[int, int]] = []
    moved: list[tuple[int, int]] = []
    for line in lines:
        _clean_bold(line, cleanings)
        moved.extend(
            (offset + match.end() - len(match.group(1) or match.group(3)), offset + match.end())
            for match in _FOOTNOTE_BEFORE_END.finditer(line.text)
        )
        line.substitute(_FOOTNOTE_BEFORE_END, _move_footnote, "footnote-moved", cleanings)
        starts.extend((offset + start, number) for start, number in line.starts)
        offset += len(line.text) + 1
    cleaned = "\n".join(line.text for line in lines)
    footnotes = tuple(sorted({*moved, *(match.span() for match in _FOOTNOTE_MARKER.finditer(cleaned))}))
    located = CleanText(cleaned, tuple(starts), (), (), ())
    damage = find_damage(cleaned, script)
    cleanings.extend(Cleaning(located.line_at(start), ENCODING_DAMAGE, cleaned[start:end]) for start, end in damage)
    cleanings.extend(
        Cleaning(line.starts[0][1], SITE_CHROME, line.text.strip())
        for line in lines
        if Markup.site_chrome.fullmatch(line.text)
    )
    cleanings.sort(key=lambda cleaning: cleaning.line)
    return CleanText(cleaned, tuple(starts), tuple(cleanings), footnotes, damage)


def find_damage(text: str, script: str | None = None) -> tuple[tuple[int, int], ...]:
    """Spans of likely encoding damage (mojibake): U+FFFD, stray tone-marked letters or Greek/kana between
    Han characters, rare Han characters close together, and a '?' glued between a Han character and the next word when any of these follows it."""
    tables = han_tables()
    common = tables.frequent | tables.hong_kong
    foreign = {Script.SIMPLIFIED: tables.traditional_only, Script.TRADITIONAL: tables.simplified_only}.get(
        script or "", frozenset()
    )
    spans = [match.span() for match in _DAMAGE_MARKS.finditer(text)]
    rare = [match.start() for match in HAN.finditer(text) if match.group() not in common]
    spans.extend(
        (first, second + 1)
        for first, second in zip(rare, rare[1:])
        if _WORD_RUN.fullmatch(text, first, second + 1) and second - first <= 2
    )
    marked = sorted(spans)
    marked_starts = [start for start, _ in marked]
    reach = list(itertools.accumulate((end for _, end in marked), max))  # the furthest end among the spans so far
    questions: list[tuple[int, int]] = []
    for match in _QUESTION_IN_WORD.finditer(text):
        after = match.end()
        window = text[after : after + 4]
        near = bisect.bisect_right(marked_starts, after + 4)  # the spans starting before the window's end
        if (
            (near and reach[near - 1] >= after)
            or (questions and questions[-1][1] >= after)
            or any(char not in common for char in HAN.findall(window))
            or any(char in foreign for char in window[:2])
        ):
            questions.append(match.span())
    spans.extend(questions)
    return _merge(spans, text)


def _merge(spans: list[tuple[int, int]], text: str, reach: int = 4) -> tuple[tuple[int, int], ...]:
    """Sorted spans, with spans at most `reach` letters apart (no space or punctuation between) made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if (
            merged
            and start <= merged[-1][1] + reach
            and _WORD_RUN.fullmatch(text, merged[-1][1], max(start, merged[-1][1]))
        ):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _has_hard_breaks(lines: list[_Line]) -> bool:
    """Markdown-style text: real line breaks are marked by two trailing spaces, other breaks are soft wraps."""
    filled = [line for line in lines if not Markup.blank_line.fullmatch(line.text)]
    marked = sum(1 for line in filled if Markup.hard_break.search(line.text))
    return marked >= 2 and marked >= len(filled) / 10


def _standalone(text: str) -> bool:
    """A line that is never part of a wrapped paragraph: heading, image, list item or 'label: value'."""
    prefix = Markup.line_prefix.match(text)
    return bool(
        prefix.group("heading")
        or prefix.group("bullet")
        or prefix.group("number")
        or prefix.group("note")
        or Markup.image_line.fullmatch(text)
        or Markup.label_line.match(text)
    )


class _Joined:
    """A line being joined from soft-wrapped pieces, kept as a list (joined once, at the end: linear time).

    `head` is the start of the joined text, for the checks anchored at the start (quote, heading, label: they
    read a few characters); the checks anchored at the end read the last piece, leftwards.
    """

    HEAD = 4096

    def __init__(self, line: _Line) -> None:
        self.line = line
        self.pieces = [line.text]
        self.length = len(line.text)
        self.head = line.text[: self.HEAD]

    def append(self, piece: str) -> None:
        self.pieces.append(piece)
        self.length += len(piece)
        if len(self.head) < self.HEAD:
            self.head = (self.head + piece)[: self.HEAD]

    def last(self, count: int) -> str:
        """The last `count` characters of the joined text."""
        tail = ""
        for piece in reversed(self.pieces):
            tail = piece + tail
            if len(tail) >= count:
                break
        return tail[-count:] if count else ""

    def ends(self, pattern: regex.Pattern) -> bool:
        """Whether a REVERSE `pattern` matches at the end of the joined text."""
        tail = self.pieces[-1]
        if len(self.pieces) > 1 and _TRAILERS_ONLY.fullmatch(tail):  # the match may reach into earlier pieces
            tail = "".join(self.pieces)
        return bool(pattern.match(tail))

    def done(self) -> _Line:
        self.line.text = "".join(self.pieces)
        return self.line


def _join_soft_wraps(lines: list[_Line], cleanings: list[Cleaning]) -> list[_Line]:
    """Join each soft-wrapped line to the one before it (within a quote, the '> ' goes too)."""
    joined: list[_Joined] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if previous is None or not _continues(previous, line.text):
            joined.append(_Joined(_Line(line.text, list(line.starts))))
            continue
        quote = Markup.line_prefix.match(line.text).group("quote")
        content = line.text
        if quote:
            content = regex.sub(r"^[ \t\u3000]*(?:>[ \t]?)+", "", content)
        content = content.lstrip(" \t")
        last = previous.last(1)
        glue = "" if _cjk_pair(last, content[:1]) or last.isspace() else " "
        cleanings.append(Cleaning(line.starts[0][1], "soft-wrap", previous.last(10) + "⏎" + content[:10]))
        previous.line.starts.append((previous.length + len(glue), line.starts[0][1]))
        previous.append(glue + content)
    return [line.done() for line in joined]


def _continues(previous: _Joined, current: str) -> bool:
    """Whether `current` is a soft-wrapped continuation of the (already joined) line `previous`.

    A line that ends a sentence is never wrapped, even in Markdown-style text."""
    if len(previous.pieces) == 1 and Markup.blank_line.fullmatch(previous.head) or Markup.blank_line.fullmatch(current):
        return False  # (a joined line is never blank)
    if previous.ends(_HARD_BREAK_AT_END) or previous.ends(_SENTENCE_END_AT_END) or _standalone(current):
        return False
    if len(previous.pieces) == 1 and Markup.image_line.fullmatch(previous.head):
        return False  # (a joined line is never an image line: image lines are never continued)
    if Markup.line_prefix.match(previous.head).group("heading") or Markup.label_line.match(previous.head):
        return False
    return bool(Markup.line_prefix.match(previous.head).group("quote")) == bool(
        Markup.line_prefix.match(current).group("quote")
    )


_CJK = regex.compile(r"[\p{Han}\p{InCJK_Symbols_and_Punctuation}\uFF00-\uFFEF]")


def _cjk_pair(left: str, right: str) -> bool:
    """Two CJK characters: a wrap between them is joined without a space."""
    return bool(left and right and _CJK.match(left) and _CJK.match(right))


def _clean_bold(line: _Line, cleanings: list[Cleaning]) -> None:
    """Keep '**' only where one pair wraps the whole line; remove empty and stray markers."""
    line.substitute(_EMPTY_BOLD, lambda match: "", "bold-marker", cleanings)
    if "**" not in line.text:
        return
    content = line.text[Markup.line_prefix.match(line.text).end() :].rstrip()
    wraps = content.startswith("**") and content.endswith("**") and len(content) > 4 and content.count("**") == 2
    if not wraps:
        line.substitute(_BOLD_MARKER, lambda match: "", "bold-marker", cleanings)


def _move_footnote(match: regex.Match) -> str:
    marker = match.group(1) or match.group(3)
    end = match.group(2) or match.group(4)
    return end + marker
