"""Chinese–English sentence alignment: a document pair -> links between their sentences -> memory.

    sentences (read.py) -> features (lexicon.py) -> anchors + band DP (search.py) -> Link records
    -> po / tmx / tsv / ids (write.py, toolkit/tmx.py)

Heavy data (CC-CEDICT, pypinyin) loads only here, when `toolkit align` runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from toolkit.align.model import Alignment, Link, Sentence
from toolkit.align.search import BEADS, Settings


def _length(text: str, chinese: bool) -> int:
    return len(text) if chinese else len(text.strip())


Progress = Callable[[str, float], None]
"""Told a stage ("reading", "anchoring", "banded search") and how far it is (0..1), now and then."""


def align_sentences(
    zh: Sequence[str],
    en: Sequence[str],
    glossary=None,
    settings: Settings = Settings(),
    dictionary=None,
    paragraphs: tuple[Sequence[int], Sequence[int]] | None = None,
    progress: Progress | None = None,
) -> list[Link]:
    """The links between two lists of sentences (Chinese, English), in order, covering every sentence once.

    `paragraphs`: the paragraph number of each Chinese and each English sentence, when the documents have them.
    `dictionary`: CC-CEDICT as `load_dictionary` gives it (default: parsed once per process, no cache file).
    """
    from toolkit.align.lexicon import chinese_features, english_features, english_stems, open_quotes, question_marks
    from toolkit.align.search import align

    dictionary = dictionary or load_dictionary()
    terms_of = (
        (lambda text: ())
        if glossary is None
        else (
            lambda text: [
                tuple(english_stems(" ".join((match.concept.en, *match.concept.variants))))
                for match in glossary.find(text)
            ]
        )
    )
    total = len(zh) + len(en)
    step = max(1, total // 50)
    zh_bags, en_bags = [], []
    for bags, texts, features in (
        (zh_bags, zh, lambda text: chinese_features(text, dictionary, terms_of(text))),
        (en_bags, en, english_features),
    ):
        for text in texts:
            bags.append(features(text))
            if progress is not None and (len(zh_bags) + len(en_bags)) % step == 0:
                progress("reading", (len(zh_bags) + len(en_bags)) / total)
    lengths = [_length(t, True) for t in zh], [_length(t, False) for t in en]
    quotes = open_quotes(zh), open_quotes(en)
    questions = (question_marks(zh), question_marks(en)) if settings.question else None

    def search(bags, report=None):
        return align(
            bags,
            en_bags,
            *lengths,
            settings,
            *(paragraphs or (None, None)),
            progress=report,
            quotes=quotes,
            questions=questions,
        )

    beads = search(zh_bags, progress)
    if settings.learn:
        beads = _second_pass(beads, zh, zh_bags, en_bags, dictionary, settings, search)
    return [Link(bead.zh, bead.en, _score(bead)) for bead in beads]


def _second_pass(beads, zh, zh_bags, en_bags, dictionary, settings: Settings, search):
    """The search again, each Chinese bag given the English words that a lexicon learned from the first pass's
    most confident 1–1 links (IBM Model 1 seeded by CC-CEDICT, learn.py) says its words translate to.
    Without such links the first pass stands."""
    from toolkit.align.learn import learned_lexicon, model1
    from toolkit.align.lexicon import content_words

    ones = sorted(
        (b for b in beads if (len(b.zh) == 1 and len(b.en) == 1) or (settings.learn_merges and b.zh and b.en)),
        key=lambda b: b.cost / (len(b.zh) + len(b.en)),
    )
    ones = ones[: int(len(ones) * settings.learn_share)]
    if not ones:
        return beads
    words = [content_words(text, dictionary) for text in zh]
    english = [[f for f in bag if ":" not in f] for bag in en_bags]
    pairs = [([w for i in b.zh for w in words[i]], [e for j in b.en for e in english[j]]) for b in ones]
    occurrences: dict[str, int] = {}
    for chinese, _ in pairs:
        for word in set(chinese):
            occurrences[word] = occurrences.get(word, 0) + 1
    table = model1(pairs, lambda word: dictionary.glosses.get(word, ()), settings.learn_boost)
    lexicon = learned_lexicon(table, occurrences, settings.learn_least, settings.learn_seen)
    if not lexicon:
        return beads
    learned = []
    for bag, found in zip(zh_bags, words):
        bag = dict(bag)
        for word in found:
            for e, p in lexicon.get(word, ()):
                bag[e] = bag.get(e, 0.0) + settings.learn_weight * p
        learned.append(bag)
    return search(learned)


def _score(bead) -> float:
    """exp(−cost per sentence covered): 1 for a perfect link, towards 0 for a doubtful one; 0 for a skip."""
    if not bead.zh or not bead.en:
        return 0.0
    return round(math.exp(-max(bead.cost, 0.0) / ((len(bead.zh) + len(bead.en)) / 2.0)), 3)


def align_files(
    zh_path: str | Path,
    en_path: str | Path,
    *,
    presplit: bool = False,
    glossary=None,
    encoding: str | None = None,
    settings: Settings = Settings(),
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Read both files (one sentence a line with `presplit`) and align their sentences.

    `cache_dir`: where the parsed CC-CEDICT is kept between runs (the CLI passes <user cache>/align); None: no file.
    """
    from toolkit.align.read import read_chinese, read_english

    if progress is not None:
        progress("reading", 0.0)
    script, zh = read_chinese(zh_path, presplit, encoding)
    en = read_english(en_path, presplit, encoding)
    paragraphs = None if presplit else ([s.paragraph for s in zh], [s.paragraph for s in en])
    links = align_sentences(
        [s.text for s in zh],
        [s.text for s in en],
        glossary,
        settings,
        load_dictionary(cache_dir),
        paragraphs=paragraphs,
        progress=progress,
    )
    return Alignment(str(zh_path), str(en_path), script, zh, en, tuple(links))


@cache
def load_dictionary(cache_dir: Path | None = None):
    """CC-CEDICT, parsed once per process (from a cache file in `cache_dir` after the first run, when given)."""
    from toolkit.align.lexicon import cached_dictionary

    return cached_dictionary(cache_dir)


__all__ = [
    "Alignment",
    "BEADS",
    "Link",
    "Progress",
    "Sentence",
    "Settings",
    "align_files",
    "align_sentences",
    "load_dictionary",
]
