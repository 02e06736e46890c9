"""Numbers and dates as values, in a Chinese source and in its English translation.

5000亿 = 500 billion = 500,000,000,000; 4.5千兆瓦 = 4.5 GW; 十多万 = more than 100,000; 三个月 = three months;
第三 = third; 50% = 50 percent; 2025年8月19日 = August 19, 2025 = 19 August 2025 = 2025-08-19.
Model and product names (GPT-3.5, H100, 5G, COVID-19) are names, not quantities, on both sides.
Everything here is data (tables of words and units) and pure functions of one string.
"""

from __future__ import annotations

import math
import re
from functools import cached_property, lru_cache
from typing import NamedTuple

from toolkit import patterns

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_SECTIONS = {"万": 10**4, "亿": 10**8}
# Unit prefixes before 瓦 (watt), 字节 (byte), 比特/位 (bit), 赫 (hertz), 焦 (joule): 4.5千兆瓦 = 4.5 GW.
CHINESE_UNIT_PREFIXES = {"万千": 10**7, "千兆": 10**9, "兆": 10**6, "吉": 10**9, "太": 10**12, "千": 10**3}
# A Chinese numeral counts as a quantity only before one of these (三个月, 两家公司, 五年): 三星, 十分, 一些 do not.
MEASURE_WORDS = frozenset(
    "个年月日天周岁次倍名位人家款项种元块吨米台部架颗条篇期届轮代层座所间张份场句点股只辆艘枚支批组套件本首集章节页斤克升度户步匹棵片段遍趟万亿"
)
# Not 字: after a Chinese numeral it is nearly always idiom (简单二字 "the word 'simple'", 四字成语 "idiom").
MEASURE_PAIRS = frozenset(
    ("小时", "分钟", "秒钟", "季度", "星期", "美元", "欧元", "英镑", "日元", "港元", "公里", "公斤", "平方", "立方")
)
# Before a Chinese numeral these make it vague, not a number: 数十万 (hundreds of thousands), 几百, 上千, 成千上万.
VAGUE_BEFORE = frozenset("数數几幾上成好若")

ENGLISH_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ENGLISH_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
ENGLISH_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
    "thousandth": 1000,
}
# Words that carry a number in idiomatic English: 两国 = both countries, 两倍 = twice, 十年 = a decade.
ENGLISH_IDIOMS = {
    "both": (2,),
    "twice": (2,),
    "double": (2,),
    "doubled": (2,),
    "doubling": (2,),
    "pair": (2,),
    "couple": (2,),
    "duo": (2,),
    "trio": (3,),
    "trilogy": (3,),
    "next": (2,),
    "triple": (3,),
    "tripled": (3,),
    "threefold": (3,),
    "quadruple": (4,),
    "quadrupled": (4,),
    "fourfold": (4,),
    "twofold": (2,),
    "fivefold": (5,),
    "tenfold": (10,),
    "decade": (10,),
    "dozen": (12,),
    "century": (100,),
    "half": (0.5, 50),
    "quarter": (0.25, 25),
}
# Latin scale suffixes after a number, on either side: $5bn, 100k, 4.5GW, 10 MW, 2 TB.
LATIN_SUFFIXES = {"k": 10**3, "K": 10**3, "M": 10**6, "bn": 10**9, "B": 10**9, "tn": 10**12}
SI_PREFIXES = {"k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}
SI_WORD_PREFIXES = {"kilo": 10**3, "mega": 10**6, "giga": 10**9, "tera": 10**12}
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_CN = "零〇一二两三四五六七八九十百千万亿"
# Traditional forms of the numerals, units and measure words above, one character for one (spans stay valid).
TRADITIONAL = str.maketrans(
    "萬億兩個項種塊噸臺條屆輪層間張場點隻輛組頁歲週餘號鐘時歐",
    "万亿两个项种块吨台条届轮层间张场点只辆组页岁周余号钟时欧",
)
_TRADITIONAL = patterns.compile("[萬億兩個項種塊噸臺條屆輪層間張場點隻輛組頁歲週餘號鐘時歐]")


def simplified(text: str) -> str:
    """`text` with the traditional numerals and measure words above in simplified form (same length)."""
    return text.translate(TRADITIONAL) if _TRADITIONAL.search(text) else text


_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
# A number glued to Latin letters is a name: GPT-3.5, GPT-2, H100, Qwen2.5, COVID-19, 5G, 7nm.
_NOT_IN_NAME = r"(?<![A-Za-z0-9.,])(?<![A-Za-z][-.])"
_LATIN_SUFFIX = r"(?:\s?(?P<si>[kMGT])(?:Wh|W|B|Hz|bps)|(?P<scale>bn|tn|[kKMB]))?"

_SOURCE_DATE = patterns.compile(
    r"(?<!\d)(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<y>\d{4})\s*年(?!代)(?:\s*(?P<ym>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?"
    r"(?:\s*(?P<yd>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?)?"
    r"|(?<![\d个])(?P<m>\d{1,2})\s*月份?(?:\s*(?P<md>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?"
    r"|(?<![一二三四五六七八九十两个第几数上])(?P<cm>[一二三四五六七八九十]{1,2})月份?(?:\s*(?P<cmd>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?"
    r"|(?<![\d月])(?P<d>\d{1,2})\s*[日号](?![本元报])"
)
_CN_DECIMAL = r"(?:点[零〇一二三四五六七八九]+)?"
"""The decimal part of a Chinese numeral: 十二点五 = 12.5 (点 is simplified from 點 before matching)."""
_PERCENT_WORDS = patterns.compile(r"百分之(?P<value>" + _ARABIC + r"|[" + _CN + r"]+" + _CN_DECIMAL + r")")
_FRACTION = patterns.compile(r"[" + _CN + r"\d]+分之[" + _CN + r"\d]+|(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])")
_DECADE = patterns.compile(r"(?:\d+\s*世纪\s*)?\d+\s*年代|\d{2}后")
_SOURCE_NUMBER = patterns.compile(
    r"(?P<ordinal>第\s*)?(?:" + _NOT_IN_NAME + r"(?P<arabic>" + _ARABIC + r")" + _LATIN_SUFFIX + r"(?![A-Za-z0-9])"
    r"|(?P<chinese>[" + _CN + r"]+" + _CN_DECIMAL + r"))"
    r"\s*(?P<approx>[多余])?\s*(?:(?P<unit>万千|千兆|兆|吉|太|千)(?P<unit_of>瓦|字节|比特|位|赫|焦)"
    r"|(?P<multiplier>万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千|百))?"
)
_ENGLISH_NUMBER = patterns.compile(
    _NOT_IN_NAME + r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<ordinal>st|nd|rd|th)|" + _LATIN_SUFFIX[3:-2] + r"|x|'?s)?(?![A-Za-z0-9])"  # 3x, the 50s, 1990's
    r"(?:[\s-]*(?P<word>hundred|thousand|million|billion|trillion|(?P<prefix>kilo|mega|giga|tera)[a-z]*))?"
)
_ENGLISH_WORD = patterns.compile(r"[A-Za-z]+")
_QUARTER = patterns.compile(r"\b[QH]([1-4])\b")
_ENGLISH_DATE = patterns.compile(
    r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y2>\d{4})(?!\d)"
)
_MONTH = patterns.compile(
    r"\b(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_MONTH_DAY = patterns.compile(
    _MONTH.pattern + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.pattern.replace("?P<month>", "?P<month2>")
)
_YEAR = patterns.compile(r"(?<!\d)([12]\d{3})(?!\d)")
_NUMERIC_DATE_HINT = patterns.compile(r"\d[-/.]\d")
_DAY = patterns.compile(r"(?<![\d.,])(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?![.,]\d)")
NUMBER_WORDS = frozenset({*ENGLISH_NUMBERS, *ENGLISH_SCALES, *ENGLISH_ORDINALS, *ENGLISH_IDIOMS})
"""A word target_values reads a value from (an English word is a run of ASCII letters, compared lowercased)."""
# A cheap first test (a superset of what source_quantities finds): a digit, or a numeral before another numeral,
# a measure word or a unit.
NUMBERISH = patterns.compile(
    r"\d|第\s*["
    + _CN
    + r"]|["
    + _CN
    + r"萬億兩][多余个個]?["
    + _CN
    + r"萬億兩"
    + "".join(sorted(MEASURE_WORDS))
    + r"小分秒季星美欧歐英日港公平立瓦字比赫焦吉太兆項種塊噸臺條屆輪層間張場點隻輛組頁歲週]"
)
DATEISH = patterns.compile(r"[\d一二三四五六七八九十](?:\s*[年月日号號]|(?<=\d)\d{3}[-/.]\d{1,2}[-/.]\d)")
"""A cheap first test (a superset of what source_dates finds): a digit or numeral before 年, 月, 日 or 号, or
digits written as a date (2025-08-19, 2025/8/19); a decimal number (4.5) is not one.

Written to open with one character class (the first digit of a date's year taken out of the rest): the engine then
scans for that class before trying the rest, which an alternation at the top would keep it from doing."""

_last_numberish: tuple[str | None, bool] = (None, False)
_last_dateish: tuple[str | None, bool] = (None, False)


def numberish(text: str) -> bool:
    """Whether NUMBERISH is in `text`; the answer for the last text asked about (the same object) is kept,
    as the pre-pass and the number rule of one entry both ask."""
    global _last_numberish
    last, found = _last_numberish
    if last is not text:
        found = _NUMBERISH_SEARCH(text) is not None
        _last_numberish = text, found
    return found


def dateish(text: str) -> bool:
    """Whether DATEISH is in `text`; kept for the last text as numberish is (the pre-pass, the number rule and
    the date rule of one entry ask three times)."""
    global _last_dateish
    last, found = _last_dateish
    if last is not text:
        found = _DATEISH_SEARCH(text) is not None
        _last_dateish = text, found
    return found


_NUMBERISH_SEARCH, _DATEISH_SEARCH = NUMBERISH.search, DATEISH.search
_DIGIT = patterns.compile(r"\d")
FIRST_CHARACTERS: dict[re.Pattern, re.Pattern] = {
    _SOURCE_NUMBER: patterns.compile("[第\\d" + _CN + "]"),
    _SOURCE_DATE: patterns.compile(r"[\d一二三四五六七八九十]"),
    _ENGLISH_NUMBER: _DIGIT,
    _QUARTER: patterns.compile("[QH]"),
    _YEAR: patterns.compile("[12]"),
    _DAY: _DIGIT,
    _MONTH: patterns.compile("[JFMASOND]"),
    _MONTH_DAY: patterns.compile(r"[JFMASOND\d]"),
    _ENGLISH_DATE: _DIGIT,
}
"""For each pattern scanned with `matches`, the characters a match of it can begin with."""
_FIRST_SEARCH = {id(pattern): first.search for pattern, first in FIRST_CHARACTERS.items()}
"""FIRST_CHARACTERS by the pattern's id, for `matches`: a pattern's hash is worked out from its whole compiled
program every time (a microsecond for one with a Chinese character class), an id's is not."""


def matches(pattern: re.Pattern, text: str) -> list[re.Match]:
    """`list(pattern.finditer(text))`, trying the pattern only where a match can begin (FIRST_CHARACTERS).

    These patterns open with lookbehinds, which keep the regular-expression engine from skipping ahead
    by itself: on a sentence with one number this is two to three times faster.
    """
    found = []
    search = _FIRST_SEARCH[id(pattern)]
    match_at = pattern.match
    candidate = search(text)
    while candidate is not None:
        match = match_at(text, candidate.start())
        if match is not None:
            found.append(match)
            candidate = search(text, match.end())
        else:
            candidate = search(text, candidate.start() + 1)
    return found


class Quantity(NamedTuple):
    """A number of the source: its text and the values a translation may write it as."""

    text: str
    values: tuple[float, ...]


class Date(NamedTuple):
    """A date of the source, as far as it is given: year, month, day (None where not written)."""

    text: str
    year: int | None
    month: int | None
    day: int | None

    def english(self) -> str:
        """The date as an English reader would write it: August 19, 2025; August 2025; 2025; the 19th."""
        month = MONTH_NAMES[self.month - 1] if self.month else None
        if month and self.day and self.year:
            return f"{month} {self.day}, {self.year}"
        if month:
            return " ".join(str(part) for part in (month, self.day, self.year) if part)
        if self.year:
            return str(self.year)
        return f"the {self.day}{_ordinal_suffix(self.day or 0)}"


def chinese_value(numeral: str) -> float | None:
    """The value of a Chinese numeral (三千五百万 = 35,000,000; 二〇二五 = 2025; 十二点五 = 12.5); None when it is not one number."""
    whole, point, decimals = numeral.partition("点")
    if point:
        value = chinese_value(whole) if whole else None
        if value is None or not decimals or any(char not in CHINESE_DIGITS for char in decimals):
            return None
        return real(value) + float("0." + "".join(str(CHINESE_DIGITS[char]) for char in decimals))
    if all(char in CHINESE_DIGITS for char in numeral):
        if len(numeral) == 2 and not {"〇", "零"} & set(numeral) or len(numeral) > 1 and "两" in numeral:
            return None  # 一两 "one or two", 三四 "three or four": a range, not 12 or 34 (years are 一九七三, 二〇二五)
        return (
            int("".join(str(CHINESE_DIGITS[char]) for char in numeral)) if len(numeral) > 1 else CHINESE_DIGITS[numeral]
        )
    total = section = 0
    digit: int | None = None
    for char in numeral:
        if char in CHINESE_DIGITS:
            if digit is not None and digit != 0 and CHINESE_DIGITS[char] != 0:
                return None  # 二三十: "twenty or thirty", not one number
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS:
            section += (1 if digit is None else digit) * CHINESE_UNITS[char]
            digit = None
        elif char == "万":
            total += (section + (digit or 0)) * 10**4
            section, digit = 0, None
        else:  # 亿
            total = (total + section + (digit or 0)) * 10**8
            section, digit = 0, None
    return total + section + (digit or 0)


def _multiplier(text: str) -> int:
    value = 1
    for char in text:
        value *= CHINESE_UNITS.get(char) or CHINESE_SECTIONS[char]
    return value


def source_dates(source: str) -> tuple[list[Date], list[tuple[int, int]]]:
    """The dates of a Chinese source, and their spans (numbers inside them are not quantities)."""
    dates, spans = parsed_dates(source)
    return list(dates), list(spans)


@lru_cache(maxsize=64)
def parsed_dates(source: str) -> tuple[tuple[Date, ...], tuple[tuple[int, int], ...]]:
    """source_dates as tuples, remembered for the last few sources: the number and the date rule of an entry
    both ask, and its source is parsed once."""
    dates, spans = [], []
    for match in matches(_SOURCE_DATE, simplified(source)):
        year = match.group("iy") or match.group("y")
        month = match.group("im") or match.group("ym") or match.group("m") or match.group("cm")
        day = match.group("id") or match.group("yd") or match.group("md") or match.group("cmd") or match.group("d")
        year_value = int(year) if year else None
        month_value = _small(month)
        day_value = _small(day)
        if month_value is not None and not 1 <= month_value <= 12 or day_value is not None and not 1 <= day_value <= 31:
            continue
        if year_value is not None and not 1000 <= year_value <= 2999:
            continue
        dates.append(Date(source[match.start() : match.end()].strip(), year_value, month_value, day_value))
        spans.append(match.span())
    return tuple(dates), tuple(spans)


def _small(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else chinese_value(text)


def source_quantities(source: str, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
    """The quantities of a Chinese source (outside the `skip` spans: dates, URLs), each with its accepted values."""
    original, source = source, simplified(source)
    skip = list(skip)
    quantities: list[Quantity] = []
    for match in _PERCENT_WORDS.finditer(source) if "百分之" in source else ():
        value = match.group("value")
        number = float(value.replace(",", "")) if value[0].isdigit() else chinese_value(value)
        if number is not None:
            number = real(number)
            quantities.append(Quantity(original[match.start() : match.end()], (number,)))
        skip.append(match.span())
    if "分之" in source or "/" in source:
        skip += [m.span() for m in _FRACTION.finditer(source)]
    if "年代" in source or "后" in source:
        skip += [m.span() for m in _DECADE.finditer(source)]
    for match in matches(_SOURCE_NUMBER, source):
        start, end = match.span()
        if skip and _overlaps(start, end, skip):
            continue
        groups = match.groupdict()
        ordinal = groups["ordinal"] is not None
        if groups["arabic"] is not None:
            value = float(groups["arabic"].replace(",", ""))
            value *= (
                SI_PREFIXES[groups["si"]] if groups["si"] else LATIN_SUFFIXES[groups["scale"]] if groups["scale"] else 1
            )
        else:
            numeral = groups["chinese"]
            if not (numeral[0] in CHINESE_DIGITS or numeral[0] == "十") or (
                start and source[start - 1] in VAGUE_BEFORE
            ):
                continue
            parsed = chinese_value(numeral)
            if parsed is None:
                continue
            value = real(parsed)
            after = source[end : end + 3].lstrip("个")
            counted = (
                ordinal
                or groups["unit_of"]
                or groups["multiplier"]
                or "万" in numeral
                or "亿" in numeral
                or after[:1] in MEASURE_WORDS
                or after[:2] in MEASURE_PAIRS
            )
            if not counted or (value == 1 and not groups["multiplier"] and not groups["unit_of"]):
                continue  # 一 is "a" as often as "one"; 第一 is "top" or "leading" as often as "first"
        if groups["unit_of"]:
            value *= CHINESE_UNIT_PREFIXES[groups["unit"]]
        elif groups["multiplier"]:
            value *= _multiplier(groups["multiplier"])
        text = original[start : end + (source[end : end + 1] == "%")].strip()
        quantities.append(Quantity(text, (value,)))
    return quantities


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:
        if a < end and start < b:
            return True
    return False


def target_values(target: str) -> list[float]:
    """Every value an English text states: digits with scales and units, number words, ordinals, idioms."""
    values: list[float] = []
    for stage in _VALUE_STAGES:
        values.extend(stage(target))
    return values


class TargetValues:
    """The values of an English text, read stage by stage (digits, quarters, years, words) only as far as a
    question needs: `contains` stops reading as soon as it has an answer (the answer target_values would give)."""

    __slots__ = ("target", "values", "_stage")

    def __init__(self, target: str) -> None:
        self.target = target
        self.values: list[float] = []
        self._stage = 0

    def contains(self, wanted: tuple[float, ...]) -> bool:
        """Whether any accepted value of a quantity is among the text's values (see contains_value)."""
        if self.values and contains_value(self.values, wanted):
            return True
        while self._stage < len(_VALUE_STAGES):
            found = _VALUE_STAGES[self._stage](self.target)
            self._stage += 1
            if found:
                self.values.extend(found)
                if contains_value(found, wanted):
                    return True
        return False


def _digit_values(target: str) -> list[float]:
    """Digits with their Latin scale, SI prefix or scale word: $5bn, 4.5 GW, 500 billion, 3x."""
    values = []
    for match in matches(_ENGLISH_NUMBER, target):
        number = float(match.group("number").replace(",", ""))
        si, scale, word = match.group("si", "scale", "word")
        if si:
            number *= SI_PREFIXES[si]
        elif scale:
            number *= LATIN_SUFFIXES[scale]
        if word:
            prefix = match.group("prefix")
            number *= SI_WORD_PREFIXES[prefix] if prefix else ENGLISH_SCALES[word]
        values.append(number)
    return values


def _quarter_values(target: str) -> list[float]:
    """Q3, H1: the quarter or half as its number."""
    if "Q" not in target and "H" not in target:
        return []
    return [float(m.group(1)) for m in matches(_QUARTER, target)]


def _year_values(target: str) -> list[float]:
    """Four-digit years, also inside FY2025, 2025-26 and the like."""
    return [float(m.group(1)) for m in matches(_YEAR, target)]


def _word_values(target: str) -> list[float]:
    """Numbers written as words (one hundred and twenty, a million), ordinals and idioms (twice, a decade)."""
    # Lowercasing first is the same as lowercasing each word when the text is ASCII (İ lowers to i + a dot).
    words = (
        _ENGLISH_WORD.findall(target.lower())
        if target.isascii()
        else [match.group().lower() for match in _ENGLISH_WORD.finditer(target)]
    )
    if NUMBER_WORDS.isdisjoint(words):  # most sentences: no run can start, nothing to read
        return []
    values: list[float] = []
    run: list[str] = []
    for index, word in enumerate(words):
        if word not in _VALUE_WORDS:  # the common case: a word that says nothing here ends a run
            if run:
                values.extend(_words_value(run))
                run = []
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        if (
            word in ENGLISH_NUMBERS
            or word in ENGLISH_SCALES
            or (word in ("a", "an") and following in ENGLISH_SCALES)
            or (word == "and" and run and following in ENGLISH_NUMBERS)
        ):
            run.append(word)
            continue
        if run:
            values.extend(_words_value(run))
            run = []
        if word in ENGLISH_ORDINALS:
            values.append(float(ENGLISH_ORDINALS[word]))
        elif word in ENGLISH_IDIOMS:
            values.extend(float(v) for v in ENGLISH_IDIOMS[word])
    if run:
        values.extend(_words_value(run))
    return values


_VALUE_WORDS = NUMBER_WORDS | {"a", "an", "and"}
"""Every word _word_values does anything with; any other word only ends a run of number words."""

_VALUE_STAGES = (_digit_values, _quarter_values, _year_values, _word_values)
"""The parts of target_values, in the order their values are listed."""


def _words_value(words: list[str]) -> list[float]:
    """one hundred and twenty = 120; a million = 1,000,000."""
    if not any(word in ENGLISH_NUMBERS or word in ("a", "an") for word in words):
        return []  # "billion" after digits ($500 billion) is read with its digits
    total = current = 0
    seen_number = False
    for word in words:
        if word in ENGLISH_NUMBERS:
            current += ENGLISH_NUMBERS[word]
            seen_number = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen_number = True
        elif word in ENGLISH_SCALES:
            total += (current or 1) * ENGLISH_SCALES[word]
            current = 0
            seen_number = True
    return [real(total + current)] if seen_number else []


def contains_value(values: list[float], wanted: tuple[float, ...]) -> bool:
    """Whether any accepted value of a quantity is among `values` (compared as numbers, not as text)."""
    isclose = math.isclose
    for value in values:
        for accepted in wanted:
            if isclose(value, accepted, rel_tol=1e-9):
                return True
    return False


class TargetDates(NamedTuple):
    """What an English text says about dates: years, months, (month, day) pairs and day numbers."""

    years: frozenset[int]
    months: frozenset[int]
    month_days: frozenset[tuple[int, int]]
    days: frozenset[int]


def target_dates(target: str) -> TargetDates:
    """Years, months and days written in an English text, in any of the usual formats."""
    found = DatesIn(target)
    return TargetDates(found.years, found.months, found.month_days, found.days)


class DatesIn:
    """What an English text says about dates (the fields of TargetDates), each read on first use only:
    a date without a day never looks for days."""

    def __init__(self, target: str) -> None:
        self.target = target

    @cached_property
    def _numeric(self) -> list[re.Match]:
        # Every numeric date holds a digit, one of - / . and a digit: most sentences have none.
        return matches(_ENGLISH_DATE, self.target) if _NUMERIC_DATE_HINT.search(self.target) else []

    @cached_property
    def years(self) -> frozenset[int]:
        years = {int(m.group(1)) for m in matches(_YEAR, self.target)}
        years.update(int(match.group("y") or match.group("y2")) for match in self._numeric)
        return frozenset(years)

    @cached_property
    def months(self) -> frozenset[int]:
        months = {MONTHS[m.group("month").lower()] for m in matches(_MONTH, self.target)}
        for match in self._numeric:
            if match.group("y"):
                months.add(int(match.group("m")))
            else:
                months.update((int(match.group("a")), int(match.group("b"))))
        return frozenset(months)

    @cached_property
    def month_days(self) -> frozenset[tuple[int, int]]:
        pairs = set()
        for match in matches(_MONTH_DAY, self.target):
            month = match.group("month") or match.group("month2")
            day = match.group("day") or match.group("day2")
            pairs.add((MONTHS[month.lower()], int(day)))
        for match in self._numeric:
            if match.group("y"):
                pairs.add((int(match.group("m")), int(match.group("d"))))
            else:
                first, second = int(match.group("a")), int(match.group("b"))
                pairs.update(((first, second), (second, first)))
        return frozenset(pairs)

    @cached_property
    def days(self) -> frozenset[int]:
        lower = self.target.lower()
        return frozenset(
            {int(m.group(1)) for m in matches(_DAY, self.target)}
            | {v for w, v in ENGLISH_ORDINALS.items() if w in lower}
        )


def date_in(date: Date, found: TargetDates | DatesIn) -> bool:
    """Whether the target states this date (a day may stand apart from its month: "on the 19th")."""
    if date.year is not None and date.year not in found.years:
        return False
    if date.month is not None and date.month not in found.months:
        return False
    if date.day is not None:
        if date.month is not None and (date.month, date.day) in found.month_days:
            return True
        return date.day in found.days
    return True


def real(value: int | float) -> float:
    """`value` as a float; a value beyond the float range (a numeral of 400 nines, 亿 45 times) is infinity.

    Such values are still compared (infinity equals infinity: 400 nines in the source and in the English agree),
    never crashed on."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def format_value(value: float) -> str:
    """500000000000 -> 500,000,000,000; 4.5 -> 4.5; infinity (see `real`) -> "beyond 1.8e308"."""
    if not math.isfinite(value):
        return "beyond 1.8e308"
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def _ordinal_suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
