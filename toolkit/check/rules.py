"""The review rules that need no glossary: numbers, dates, leftover Chinese, punctuation, URLs, e-mail, copies.

Each rule takes one entry (and the glossary matches of its source) and yields messages; toolkit.check.runner
runs them all in one pass over the entries. Their Chinese examples are in docs/check.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import regex

from toolkit import patterns
from toolkit.check import numbers
from toolkit.script import EMAIL, URL, url_spans
from toolkit.script import HAN as _HAN

if TYPE_CHECKING:
    from toolkit.check.model import Translation
    from toolkit.glossary.model import TermMatch

_HAN_RUN = regex.compile(r"\p{Han}+")
# Chinese punctuation and full-width forms: never right in English text (use the ASCII form).
FULLWIDTH = "\u3000-\u303f\uff01-\uff5e\u201c\u201d"
FULLWIDTH_CHAR = patterns.compile(f"[{FULLWIDTH}]")
ASCII_FOR = {
    "，": ",",
    "。": ".",
    "：": ":",
    "；": ";",
    "！": "!",
    "？": "?",
    "（": "(",
    "）": ")",
    "“": '"',
    "”": '"',
    "【": "[",
    "】": "]",
    "、": ",",
    "《": '"',
    "》": '"',
    "「": '"',
    "」": '"',
    "『": '"',
    "』": '"',
    "\u3000": " ",
}
_TIME = patterns.compile(r"(?<![\d:.])([01]?\d|2[0-3])[:：]([0-5]\d)(?![\d:])")
"""A clock time (15:30, 9：05): a time, not two quantities."""
_GLOSS = patterns.compile(r"\(([^()]*)\)")
_WWW = patterns.compile(r"[wW][wW][wW]\.")
"""With `://`, what every URL holds (toolkit.script.URL, which ignores case): most sentences have neither.
Spelt out, not `[wW]{3}`: a pattern opening with a character class is searched for that class first."""


def urls(text: str) -> list[str]:
    """The URLs in a text, without the sentence punctuation after them."""
    return [text[start:end] for start, end in url_spans(text)]


def url_changed(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """Every URL of the source is in the target, byte for byte."""
    if "://" not in entry.msgid and "www." not in entry.msgid:
        return
    for url in urls(entry.msgid):
        if url not in entry.msgstr:
            yield f"URL {url} from the source is not in the target byte for byte"


def email_changed(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """Every e-mail address of the source is in the target, byte for byte."""
    if "@" not in entry.msgid:
        return
    for address in EMAIL.findall(entry.msgid):
        if address not in entry.msgstr:
            yield f"e-mail address {address} from the source is not in the target byte for byte"


def same_as_source(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """A confirmed target that is a copy of its Chinese source (the one finding for it: no leftover-Chinese noise)."""
    if not entry.fuzzy and _is_copy(entry):
        yield "the target is a copy of the Chinese source: translate it"


def _is_copy(entry: Translation) -> bool:
    """A target that is its Chinese source copied (a fuzzy copy is a translator's starting point, left alone)."""
    return entry.msgstr.strip() == entry.msgid.strip() and bool(_HAN.search(entry.msgid))


def chinese_left(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """Han characters in the English, except an original name given in ASCII parentheses as the source writes it.

    `the Wengu Zhixin AIGC Lab (温故智新AIGC实验室)` is the house convention; text the glossary allows (an
    approved or dnt form with Han in it) and URLs copied from the source are allowed too.
    """
    target = entry.msgstr
    if not _HAN.search(target) or _is_copy(entry):
        return
    allowed = [url for url in urls(target) if url in entry.msgid]
    allowed += [form for match in matches for form in (match.concept.en, *match.concept.variants) if _HAN.search(form)]
    for gloss in _GLOSS.finditer(target):
        if all(run in entry.msgid for run in _HAN_RUN.findall(gloss.group(1))):
            allowed.append(gloss.group())
    for text in sorted(allowed, key=len, reverse=True):
        target = target.replace(text, " ")
    left = _HAN_RUN.findall(target)
    if left:
        yield (
            f"Chinese left in the English: {', '.join(repr(run) for run in dict.fromkeys(left))} "
            "(an original name goes in ASCII parentheses, as the source writes it)"
        )


def fullwidth_punctuation(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """Chinese or full-width punctuation, digits or letters in the English text (URLs from the source aside)."""
    target = entry.msgstr
    if not FULLWIDTH_CHAR.search(target) or _is_copy(entry):
        return
    for url in urls(target):
        target = target.replace(url, " ")
    found = list(dict.fromkeys(FULLWIDTH_CHAR.findall(target)))
    if found:
        fixes = ", ".join(f"{char!r} -> {_ascii(char)!r}" for char in found)
        yield f"full-width punctuation in the English: {fixes}"


def _ascii(char: str) -> str:
    if char in ASCII_FOR:
        return ASCII_FOR[char]
    if "\uff01" <= char <= "\uff5e":
        return chr(ord(char) - 0xFEE0)
    return "?"


def number_mismatch(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """Every quantity of the source is in the target as a value: 5000亿 = 500 billion, 三个月 = three months."""
    source = entry.msgid
    if not numbers.numberish(source):
        return
    spans = list(numbers.parsed_dates(source)[1]) if numbers.dateish(source) else []
    spans += url_spans(source) if "://" in source or _WWW.search(source) else ()
    spans += [match.span() for match in EMAIL.finditer(source)] if "@" in source else ()
    target = _without_urls(entry.msgstr)
    for match in _TIME.finditer(source) if ":" in source or "：" in source else ():
        spans.append(match.span())
        hour, minute = int(match.group(1)), match.group(2)
        clock = {f"{hour}:{minute}", f"{hour:02d}:{minute}", f"{(hour - 1) % 12 + 1}:{minute}"}
        if not any(re.search(rf"(?<![\d:]){form}(?![\d:])", target) for form in clock):
            yield f"time {match.group()} from the source is not in the target (as {hour:02d}:{minute} or {(hour - 1) % 12 + 1}:{minute} a.m./p.m.)"
    quantities = numbers.source_quantities(source, spans)
    if not quantities:
        return
    values = numbers.TargetValues(target)
    for quantity in quantities:
        if not values.contains(quantity.values):
            yield (
                f"number {quantity.text} ({numbers.format_value(quantity.values[0])}) from the source "
                "is not in the target"
            )


def date_mismatch(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """Every date of the source is in the target: 2025年8月19日 = August 19, 2025 = 19 August 2025 = 2025-08-19."""
    source = entry.msgid
    if not numbers.dateish(source):
        return
    dates, _ = numbers.parsed_dates(_blank_urls(source))
    if not dates:
        return
    found = numbers.DatesIn(_without_urls(entry.msgstr))
    for date in dates:
        if not numbers.date_in(date, found):
            yield f"date {date.text} ({date.english()}) from the source is not in the target"


def _blank_urls(text: str) -> str:
    """The text with its URLs blanked out (same length, so spans stay valid)."""
    if "://" not in text and "www." not in text:
        return text
    return URL.sub(lambda match: " " * len(match.group()), text)


def _without_urls(text: str) -> str:
    if "://" not in text and "www." not in text:
        return text
    return URL.sub(" ", text)
