"""Mining glossary suggestions from finished pairs.

Chinese candidates are runs of 1–6 words of a source (CC-CEDICT longest-match words of each Han run, Latin
words, a name dot inside a run, as in 山姆·奥特曼), read in simplified script so that both scripts count as
one term. A candidate qualifies when it recurs (Settings), is not a lone character, does not begin or end
with a one-character function word, and is *closed*: no one-word-longer run occurs in exactly the same
entries (姆·奥特 always sits inside 山姆·奥特曼, so only the name is kept), and no fragment: not found only
inside one longer candidate, nor recurring only inside the glossary's forms (_inside_longer).

English candidates are runs of 1–5 words of the targets within one clause, not beginning or ending with a
stop word or a number, compared case-insensitively and without possessive or plural endings. The rendering
of a Chinese candidate is the phrase with the best association, consistency² × √specificity (see
_best_phrase), CC-CEDICT glosses of the Chinese that the phrase shares counting as evidence; its consistency
is the share of the candidate's entries that hold it; only a noun phrase with lexical evidence competes
(_renders), shown in the casing of running text. Suggestions rank by association × consistency ×
log2(1 + entries) × dictionary evidence × termhood (toolkit.suggest.reference), halved for an everyday
phrase put together word for word (_compositional). Of two suggestions with one
rendering where one Chinese contains the other (硅谷 and 的硅谷 → Silicon Valley) only the better is kept,
and nothing the glossary already has (in either script, including its ignore rows) is suggested.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import regex

from toolkit.glossary.convert import convert
from toolkit.glossary.model import Glossary
from toolkit.glossary.tsv import FUNCTION_WORDS
from toolkit.script import HAN
from toolkit.suggest.model import Evidence, Settings, Suggestion

if TYPE_CHECKING:
    from pathlib import Path

    from toolkit.align.lexicon import Dictionary
    from toolkit.suggest.reference import Reference

MAX_WORDS = 6
MAX_CHARS = 12
MAX_ENGLISH_WORDS = 5
DICTIONARY_WEIGHT = 0.5
GLOSS_PREFIX = 6
COMPOSITIONAL_FACTOR = 0.5
"""The score of a phrase put together from everyday words (_compositional) is multiplied by this."""
MAX_VARIANTS = 2
NAME_DOT = "·"
INITIAL = "\0"
"""Marks a surface at the start of a sentence, whose capital letter says nothing."""

_SOURCE_PIECE = regex.compile(
    r"(?P<han>\p{Han}+)|(?P<latin>[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*)"
    r"|(?P<dot>[ \t]*[·・•‧][ \t]*)|(?P<space>[ \t]+)"
)
_ENGLISH_WORD = regex.compile(r"[\p{Latin}\p{N}]+(?:['’\-‐][\p{Latin}\p{N}]+|(?<=\p{N})\.\p{N}+)*(?:['’]s)?")
"""An English word: letters and digits, inner apostrophes and hyphens, a decimal point between digits (GPT-3.5)."""
_NAME_DOTS = regex.compile(r"\s*[·・•‧]\s*")
_LETTER = regex.compile(r"[\p{Han}\p{Latin}]")
_NUMBER = regex.compile(r"[\p{N}.,\-]+")
_ACRONYM_PLURAL = regex.compile(r"[A-Z][A-Z0-9]+s")
_POSSESSIVE = regex.compile(r"['’]s?$")
_PAST = regex.compile(r"[a-z]+[^e]ed")
_CONTRACTION = regex.compile(r"'(?:ll|re|ve|d|m)$|n't$")
STRONG_DICE = 0.9
"""Without a shared gloss, a phrase renders a Chinese word the dictionary knows only when they co-occur so closely."""
_LIGHT_WORDS = frozenset(
    """never ever always already even still really actually often usually much many lot lots
    get make go come take give seem let keep put according""".split()
)
"""Words no rendering begins or ends with beside the stop words: adverbs and light verbs ("never get", "lot")."""


@dataclass
class _Corpus:
    """The evidence cut into candidates: which entries hold each Chinese key and each English phrase."""

    evidence: Sequence[Evidence]
    chinese: dict[str, list[int]] = field(default_factory=dict)
    surfaces: dict[str, Counter] = field(default_factory=dict)
    shorter: dict[str, set[str]] = field(default_factory=dict)
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    english: list[dict[tuple[str, ...], list[str]]] = field(default_factory=list)
    english_entries: Counter = field(default_factory=Counter)
    texts: list[str] = field(default_factory=list)
    """Each source as cut: simplified script, lower case, one kind of name dot (key_of)."""
    keys: list[set[str]] = field(default_factory=list)
    """The Chinese keys of each entry."""


def suggest(
    evidence: Sequence[Evidence],
    glossary: Glossary | None = None,
    settings: Settings = Settings(),
    dictionary: Dictionary | None = None,
    reference: Reference | None = None,
    cache_dir: Path | None = None,
) -> list[Suggestion]:
    """Ranked glossary suggestions from finished pairs, leaving out every term `glossary` has (either script).

    `dictionary` (CC-CEDICT) cuts Chinese into words and gives glosses as evidence; `reference` (jieba's word
    frequencies) tells terms from everyday words. Without them every character is a word and every
    candidate counts as a term.
    """
    corpus = _cut(evidence, dictionary, reference.grammatical if reference is not None else None)
    known = _known_keys(glossary, cache_dir)
    found = []
    for key in _qualifying(corpus, settings):
        surface = corpus.surfaces[key].most_common(1)[0][0]
        if key in known or _in_glossary(surface, glossary) or _in_glossary(key, glossary):
            continue
        if _inside_longer(corpus, key, known):
            continue
        termhood = reference.termhood(key, len(corpus.chinese[key]) / len(evidence)) if reference else 1.0
        if termhood <= 0:
            continue
        suggestion = _rendering(corpus, key, surface, dictionary, termhood)
        if suggestion is not None and suggestion.consistency >= settings.min_consistency:
            if reference is not None and _compositional(corpus.words[key], suggestion, reference):
                suggestion = replace(suggestion, score=suggestion.score * COMPOSITIONAL_FACTOR)
            found.append(suggestion)
    found.sort(key=lambda s: (-s.score, -s.entries, s.zh))
    kept = _without_repeats(found)
    return kept[: settings.limit] if settings.limit is not None else kept


def _compositional(words: tuple[str, ...], suggestion: Suggestion, reference: Reference) -> bool:
    """Whether a suggestion is an everyday phrase put together: Chinese words rendered word for word by their
    CC-CEDICT glosses (as many English words, each a gloss) whose last word, the head, is an everyday word
    (模型能力 → model capabilities, 核心任务 → core task, 董事会成员 → board member; not 语言模型, whose head 模型
    is rarer, nor 创业公司 → start-up). A compound jieba's dictionary lists as one word (数据中心) is lexicalised,
    not put together."""
    return (
        len(words) > 1
        and all(HAN.match(word) for word in words)
        and suggestion.dictionary == 1.0
        and key_of(suggestion.zh) not in reference.words
        and len(english_key_of(suggestion.en)) == len(words)
        and reference.everyday(words[-1])
    )


def key_of(text: str) -> str:
    """The form two spellings of one term share: simplified script (given), lower case, one kind of name dot."""
    return _NAME_DOTS.sub(NAME_DOT, " ".join(text.split())).lower()


def english_key_of(phrase: str) -> tuple[str, ...]:
    """The key two spellings of one English phrase share (Data centers, data center's -> data center)."""
    return tuple(_english_key(word) for word in _ENGLISH_WORD.findall(phrase))


def _cut(
    evidence: Sequence[Evidence], dictionary: Dictionary | None, grammatical: Callable[[str], bool] | None
) -> _Corpus:
    corpus = _Corpus(evidence)
    [simplified] = convert(["t2s"], [entry.source for entry in evidence]) if evidence else [[]]
    for index, entry in enumerate(evidence):
        text = simplified[index] if len(simplified[index]) == len(entry.source) else entry.source
        seen: set[str] = set()
        for start, end, words, shorter in _source_runs(text, dictionary, grammatical):
            key = key_of(text[start:end])
            corpus.surfaces.setdefault(key, Counter())[text[start:end]] += 1
            if key not in seen:
                seen.add(key)
                corpus.chinese.setdefault(key, []).append(index)
            if key not in corpus.words:
                corpus.words[key] = tuple(word for word in words if not _NAME_DOTS.fullmatch(word))
                corpus.shorter[key] = {key_of(text[a:b]) for a, b in shorter}
        corpus.texts.append(key_of(text))
        corpus.keys.append(seen)
        phrases = _english_phrases(entry.target)
        corpus.english.append(phrases)
        corpus.english_entries.update(phrases.keys())
    return corpus


def _source_tokens(text: str, dictionary: Dictionary | None) -> list[list[tuple[int, int, str]]]:
    """Chunks of (start, end, kind) tokens: Han words, Latin words, a name dot or a space between two words."""
    chunks: list[list[tuple[int, int, str]]] = [[]]
    position = 0
    for match in _SOURCE_PIECE.finditer(text):
        if match.start() != position:  # punctuation or a symbol between: a new chunk
            chunks.append([])
        position = match.end()
        kind = match.lastgroup
        if kind == "han":
            if chunks[-1] and chunks[-1][-1][2] == "space":  # 在 OpenAI 的: the spaces only set Latin apart
                chunks.append([])
            at = match.start()
            for word in dictionary.words(match.group()) if dictionary is not None else match.group():
                chunks[-1].append((at, at + len(word), "han"))
                at += len(word)
        elif kind == "latin":
            chunks[-1].append((match.start(), match.end(), "latin"))
        elif chunks[-1] and chunks[-1][-1][2] in ("han", "latin") and (kind == "dot" or chunks[-1][-1][2] == "latin"):
            chunks[-1].append((match.start(), match.end(), kind))
        else:
            chunks.append([])
    return [chunk for chunk in chunks if chunk]


def _source_runs(text: str, dictionary: Dictionary | None, grammatical: Callable[[str], bool] | None):
    """(start, end, words, shorter) of every candidate run of a source; `shorter` are the spans of the runs one
    word shorter at either end (for the closedness test)."""
    for chunk in _source_tokens(text, dictionary):
        words_at = [index for index, (_, _, kind) in enumerate(chunk) if kind in ("han", "latin")]
        for position, first in enumerate(words_at):
            for last in words_at[position : position + MAX_WORDS]:
                start, end = chunk[first][0], chunk[last][1]
                if end - start > MAX_CHARS:
                    break
                if chunk[first][2] == "han" and chunk[last - 1][2] == "space":
                    break  # a Chinese run and a spaced Latin phrase after it are two things
                pieces = [text[a:b] for a, b, kind in chunk[first : last + 1] if kind != "space"]
                if not _acceptable(text[start:end], pieces, grammatical):
                    continue
                inner = [index for index in words_at if first <= index <= last]
                shorter = [(chunk[inner[1]][0], end), (start, chunk[inner[-2]][1])] if len(inner) > 1 else []
                yield start, end, pieces, shorter


def _acceptable(run: str, pieces: list[str], grammatical: Callable[[str], bool] | None) -> bool:
    """A run that can be a term: a letter in it, more than one character of Chinese, no function word at an edge
    (nor, among several words, a word `grammatical` says no term begins or ends with)."""
    if not _LETTER.search(run) or _NUMBER.fullmatch(run) or len(run) < 2:
        return False
    if HAN.fullmatch(run) or all(char in FUNCTION_WORDS or char in _EDGE_WORDS for char in run):
        return False
    if any(piece in _PARTICLES for piece in pieces):
        return False
    edges = (pieces[0], pieces[-1])
    if any(piece in FUNCTION_WORDS or piece in _EDGE_WORDS or piece.isdigit() for piece in edges):
        return False
    return len(pieces) == 1 or grammatical is None or not any(grammatical(piece) for piece in edges)


_PARTICLES = frozenset("的了着")
"""Particles no term holds as a word of its own, even inside (史无前例的资本投入 is a phrase)."""
_EDGE_WORDS = frozenset("为所则却便即乃且等些们有很将再才已么她它我你您咱每各该此")
"""One-character words that begin or end no term, beside the glossary's function words."""


def _english_phrases(target: str) -> dict[tuple[str, ...], list[str]]:
    """Every 1–5-word phrase of a target by its key, with its surfaces (marked INITIAL at the start of a sentence
    and in a heading: their capital letters say nothing)."""
    from toolkit.align.lexicon import STOPWORDS

    phrases: dict[tuple[str, ...], list[str]] = {}
    words = list(_ENGLISH_WORD.finditer(target))
    title = _is_title([word.group() for word in words])
    for first in range(len(words)):
        for last in range(first, min(first + MAX_ENGLISH_WORDS, len(words))):
            if last > first and not target[words[last - 1].end() : words[last].start()].isspace():
                break
            edges = (words[first].group(), words[last].group())
            if any(_english_key(edge) in STOPWORDS or _NUMBER.fullmatch(edge) for edge in edges):
                continue
            surface = target[words[first].start() : words[last].end()]
            key = tuple(_english_key(word.group()) for word in words[first : last + 1])
            initial = title or not target[: words[first].start()].strip(" \"'“‘(")
            phrases.setdefault(key, []).append(INITIAL + surface if initial else surface)
    return phrases


def _is_title(words: list[str]) -> bool:
    """Whether a target is a heading, whose capitals say nothing of a word's casing in running text ("Hiring
    Spree: What the Job Listings Reveal About the Commercial Blueprint"): every word of four letters or more
    capitalised."""
    long = [word for word in words if len(word) >= 4 and word[:1].isalpha()]
    return bool(long) and all(word[:1].isupper() for word in long)


def _english_key(word: str) -> str:
    """A word compared without case, possessive or plural ending (models -> model, cities -> city, GPUs -> gpu)."""
    if _ACRONYM_PLURAL.fullmatch(word):
        return word[:-1].lower()
    word = word.lower().replace("’", "'").replace("‐", "-")
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _inside_longer(corpus: _Corpus, key: str, known: set[str]) -> bool:
    """Whether `key` occurs only inside one longer candidate, or recurs (≥ 2 entries) only inside glossary forms.

    Closedness compares runs one word longer, and misses a name cut inside where the longer run is no candidate
    (萨姆·奥尔 in 萨姆·奥尔特曼: 萨姆·奥尔特 ends with the adverb 特); a fragment of a glossary term seen once
    elsewhere is no term either (赌局: three times in the title 弑神赌局, once in 这场赌局). A longer candidate
    does not count as a glossary term here: 开放权重 is a term of its own although 开放权重模型 holds it in all
    but one entry.
    """
    entries = corpus.chinese[key]
    terms = [other for other in known if len(other) > len(key) and key in other]
    if terms and _entries_outside(corpus, key, entries, terms) < 2:
        return True
    candidates = [other for other in corpus.keys[entries[0]] if len(other) > len(key) and key in other]
    return any(_entries_outside(corpus, key, entries, [other]) == 0 for other in candidates)


def _entries_outside(corpus: _Corpus, key: str, entries: Sequence[int], forms: Sequence[str]) -> int:
    """How many of `entries` hold `key` outside every one of `forms`."""
    outside = 0
    for index in entries:
        text = corpus.texts[index]
        for form in sorted(forms, key=len, reverse=True):
            text = text.replace(form, "\0")
        outside += key in text
    return outside


def _qualifying(corpus: _Corpus, settings: Settings) -> list[str]:
    """The Chinese keys that recur enough and are closed, most frequent first."""
    counts = {key: len(entries) for key, entries in corpus.chinese.items()}
    open_keys = {
        shorter
        for key, shorters in corpus.shorter.items()
        for shorter in shorters
        if counts.get(shorter) == counts[key]
    }
    keys = []
    for key, entries in corpus.chinese.items():
        if len(entries) < 2 or key in open_keys:
            continue
        documents = len({corpus.evidence[index].document for index in entries})
        if documents >= settings.min_documents or len(entries) >= settings.min_entries:
            keys.append(key)
    return sorted(keys, key=lambda key: (-counts[key], key))


def _rendering(
    corpus: _Corpus, key: str, surface: str, dictionary: Dictionary | None, termhood: float
) -> Suggestion | None:
    """The suggestion for one Chinese candidate: its best-associated English phrase, or None when none recurs."""
    entries = corpus.chinese[key]
    glosses = _glosses(corpus.words[key], key, dictionary)
    lexical = bool(glosses)  # CC-CEDICT knows the Chinese (or its words): lexical evidence is due
    best = _best_phrase(corpus, entries, len(entries), glosses, lexical, key)
    if best is None:
        return None
    phrase, overlap = best
    agreeing = [index for index in entries if phrase in corpus.english[index]]
    english = _display(corpus.english[index][phrase] for index in agreeing)
    if not HAN.search(surface) and english_key_of(english) == english_key_of(surface):
        english = surface  # the Latin form the source writes and the translation keeps (GPU, not GPUs): dnt
    variants = tuple(v for v in _variants(corpus, entries, phrase, glosses, lexical, key) if v != english)
    kind = "dnt" if english == surface and not HAN.search(surface) else "preferred"
    example = min((corpus.evidence[index] for index in agreeing), key=lambda entry: (len(entry.source), entry.where))
    documents = len({corpus.evidence[index].document for index in entries})
    consistency = len(agreeing) / len(entries)
    dice = 2 * len(agreeing) / (len(entries) + corpus.english_entries[phrase])
    association = consistency * math.sqrt(len(agreeing) / corpus.english_entries[phrase])
    evidence = 1 - DICTIONARY_WEIGHT * overlap if _everyday(english) else 1 + DICTIONARY_WEIGHT * overlap
    score = association * consistency * math.log2(1 + len(entries)) * evidence * termhood
    return Suggestion(
        surface,
        english,
        kind,
        len(entries),
        documents,
        len(agreeing),
        dice,
        overlap,
        termhood,
        score,
        example,
        variants,
    )


def _everyday(english: str) -> bool:
    """A single lower-case word: when the dictionary glosses the Chinese so, a word anyone translates alike."""
    return " " not in english and english.islower()


def _best_phrase(
    corpus: _Corpus, entries: Sequence[int], total: int, glosses: frozenset[str], lexical: bool = False, key: str = ""
) -> tuple[tuple[str, ...], float] | None:
    """The English phrase (key) most associated with a candidate over `entries` (of `total`), with its gloss share;
    only a phrase that `_renders` the Chinese `key` (`lexical`: CC-CEDICT glosses it, so lexical evidence is due).

    Association is consistency² × √specificity: the share of the candidate's entries holding the phrase counts
    most, the share of the phrase's entries holding the candidate less, so that a rendering shared by
    spellings of one name (奥特曼, 奥尔特曼 → Altman) still beats a rare word that happens to co-occur.
    """
    together = Counter(phrase for index in entries for phrase in corpus.english[index])
    best = None
    for phrase, count in together.items():
        if count < 2:
            continue
        overlap = _overlap(phrase, glosses)
        if not _renders(
            corpus,
            entries,
            phrase,
            lexical and not overlap,
            2 * count / (total + corpus.english_entries[phrase]),
            key if HAN.search(key) else "",
        ):
            continue
        measure = (count / total) ** 2 * math.sqrt(count / corpus.english_entries[phrase])
        rank = (measure * (1 + DICTIONARY_WEIGHT * overlap), len(phrase), count)
        if best is None or rank > best[0]:
            best = (rank, phrase, overlap)
    return None if best is None else (best[1], best[2])


def _renders(
    corpus: _Corpus, entries: Sequence[int], phrase: tuple[str, ...], unattested: bool, dice: float, han: str
) -> bool:
    """Whether an English phrase can be a glossary rendering: a noun phrase, with lexical evidence for it.

    Not a possessive fragment (中国AI → "China's"), no light verb, adverb or contraction at an edge ("never
    get", "think he'll"), not a lone past form ("announced"). A phrase `unattested` (the Chinese is a
    dictionary word none of whose glosses it shares) must be a name or acronym (capitalised in running text:
    人工智能 → AI, 奥特曼 → Altman) or co-occur with it almost one to one (Dice ≥ STRONG_DICE): 合作伙伴关系 →
    "announced" (Dice 0.57) is a neighbour, not a translation. Nor does a Chinese candidate (`han`, else "") render as
    Latin text its sources write themselves (宣布建立 → "GW", from 千兆瓦(GW) in the same sentences).
    """
    surfaces = [surface for index in entries for surface in corpus.english[index].get(phrase, ())]
    if all(_POSSESSIVE.search(surface) for surface in surfaces):
        return False
    if any(edge in _LIGHT_WORDS or _CONTRACTION.search(edge) for edge in (phrase[0], phrase[-1])):
        return False
    if len(phrase) == 1 and all(_PAST.fullmatch(surface.removeprefix(INITIAL)) for surface in surfaces):
        return False
    if han and _written_apart(corpus, entries, phrase, han):
        return False
    if not unattested or dice >= STRONG_DICE:
        return True
    inside = [surface for surface in surfaces if not surface.startswith(INITIAL)]
    return bool(inside) and sum(surface[:1].isupper() for surface in inside) * 2 > len(inside)


def _written_apart(corpus: _Corpus, entries: Sequence[int], phrase: tuple[str, ...], key: str) -> bool:
    """Whether most sources holding `phrase` write it in Latin letters themselves, other than in or right after
    the candidate `key` (山姆·奥特曼（Sam Altman） gives its own rendering; 千兆瓦(GW) is another term's)."""
    latin = " ".join(phrase)
    holding = [index for index in entries if phrase in corpus.english[index]]
    written = [index for index in holding if latin in corpus.texts[index]]
    if len(written) * 2 <= len(holding):
        return False
    beside = regex.compile(regex.escape(key) + r"(?:\W{0,2}" + regex.escape(latin) + ")?")
    return sum(latin in beside.sub("", corpus.texts[index]) for index in written) * 2 > len(holding)


def _variants(
    corpus: _Corpus,
    entries: Sequence[int],
    chosen: tuple[str, ...],
    glosses: frozenset[str],
    lexical: bool = False,
    key: str = "",
) -> tuple[str, ...]:
    """Other renderings, each the best phrase of at least two entries that no earlier rendering covers."""
    found: list[tuple[str, ...]] = [chosen]
    left = [index for index in entries if chosen not in corpus.english[index]]
    while len(found) <= MAX_VARIANTS:
        best = _best_phrase(corpus, left, len(entries), glosses, lexical, key)
        if best is None:
            break
        phrase = best[0]
        covered = [index for index in left if phrase in corpus.english[index]]
        if not any(_contains(phrase, other) or _contains(other, phrase) for other in found):
            found.append(phrase)
        left = [index for index in left if index not in covered]
    return tuple(
        _display(corpus.english[index][phrase] for index in entries if phrase in corpus.english[index])
        for phrase in found[1:]
    )


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return any(longer[at : at + len(shorter)] == shorter for at in range(len(longer) - len(shorter) + 1))


def _display(surfaces_per_entry) -> str:
    """The spelling to suggest: the most common one not at the start of a sentence, the shortest among equals,
    without a possessive ending (Synced's -> Synced)."""
    inside: Counter = Counter()
    initial: Counter = Counter()
    for surfaces in surfaces_per_entry:
        for surface in surfaces:
            (initial if surface.startswith(INITIAL) else inside)[surface.removeprefix(INITIAL)] += 1
    counts = inside or initial
    chosen = min(counts, key=lambda surface: (not _base_form(surface), -counts[surface], len(surface), surface))
    return _POSSESSIVE.sub("", chosen)


def _base_form(surface: str) -> bool:
    """Whether every word of a phrase is its own key (model, not models or model's)."""
    return all(_english_key(word) == word.lower() for word in _ENGLISH_WORD.findall(surface))


def _glosses(words: tuple[str, ...], key: str, dictionary: Dictionary | None) -> frozenset[str]:
    """CC-CEDICT's gloss stems for a candidate: of the whole when it is a dictionary word, else of its words."""
    if dictionary is None:
        return frozenset()
    whole = dictionary.glosses.get(key)
    if whole:
        return frozenset(whole)
    return frozenset(stem for word in words for stem in dictionary.glosses.get(word, ()))


def _overlap(phrase: tuple[str, ...], glosses: frozenset[str]) -> float:
    """The share of a phrase's words that match a gloss stem of the Chinese: the word's stem or that of a part of
    a hyphenated word (for-profit ~ profit), or a related stem (_related: partnership ~ partner)."""
    if not glosses:
        return 0.0
    from toolkit.align.lexicon import stem

    def matches(word: str) -> bool:
        stems = {stem(part) for part in (word, *word.split("-")) if part}
        return bool(stems & glosses) or any(_related(one, gloss) for one in stems for gloss in glosses)

    return sum(matches(word) for word in phrase) / len(phrase)


def _related(one: str, other: str) -> bool:
    """Stems of one English word family: one begins with the other, five letters at least (partn, partnership),
    or they share their first GLOSS_PREFIX letters (dominanc, dominant)."""
    shorter, longer = sorted((one, other), key=len)
    return (len(shorter) >= GLOSS_PREFIX - 1 and longer.startswith(shorter)) or (
        len(shorter) >= GLOSS_PREFIX and shorter[:GLOSS_PREFIX] == longer[:GLOSS_PREFIX]
    )


def _known_keys(glossary: Glossary | None, cache_dir) -> set[str]:
    """The keys of every Chinese form the glossary has, ignore rows included, in simplified script."""
    if glossary is None:
        return set()
    concepts = (*glossary.concepts, *glossary.ignored)
    if not concepts:
        return set()
    [simplified] = convert(["t2s"], [concept.zh for concept in concepts], cache_dir)
    return {key_of(form) for form in simplified} | {key_of(concept.zh) for concept in concepts}


def _in_glossary(surface: str, glossary: Glossary | None) -> bool:
    """Whether one glossary term (either script, any name dot) spans the whole of `surface`."""
    if glossary is None:
        return False
    return any(match.start == 0 and match.end == len(surface) for match in glossary.find(surface))


def _without_repeats(ranked: list[Suggestion]) -> list[Suggestion]:
    """Drop a suggestion whose rendering a better one already has while one Chinese contains the other."""
    kept: list[Suggestion] = []
    for suggestion in ranked:
        zh, en = key_of(suggestion.zh), suggestion.en.lower()
        if any(other.en.lower() == en and (key_of(other.zh) in zh or zh in key_of(other.zh)) for other in kept):
            continue
        kept.append(suggestion)
    return kept
