"""The quality experiment of docs/align.md (not shipped): a second pass with a lexicon learned from the pair.

    PYTHONPATH=. python bench/align_lexicon.py

First pass as `toolkit align`; the most confident share of its 1–1 links gives co-occurrence counts of Chinese
dictionary words and English stems; pairs seen at least `at_least` times with a Dice coefficient of at least
`dice` add the English stem to the Chinese bags (weight × Dice); then the search runs again. Scored on the
development pairs (hand and merged) and on the seed articles with their English merged at 45 % (strict / lax F1).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import align_dev  # noqa: E402
import align_real  # noqa: E402
import cache  # noqa: E402

from toolkit.align import load_dictionary  # noqa: E402
from toolkit.align.lexicon import _HAN_RUN, _NUMERALS, FUNCTION_WORDS, chinese_features, english_features  # noqa: E402
from toolkit.align.score import score  # noqa: E402
from toolkit.align.search import align  # noqa: E402

DICTIONARY = load_dictionary(cache.CACHE / "home" / "cache" / "toolkit" / "align")


def chinese_words(text: str) -> set[str]:
    return {
        word
        for run in _HAN_RUN.findall(text)
        for word in DICTIONARY.words(run)
        if word not in FUNCTION_WORDS and not _NUMERALS.issuperset(word)
    }


def links(zh, en, second_pass=False, dice=0.3, at_least=2, share=0.5, weight=1.0):
    zh_bags = [chinese_features(text, DICTIONARY) for text in zh]
    en_bags = [english_features(text) for text in en]
    lengths = [len(t) for t in zh], [len(t.strip()) for t in en]
    beads = align(zh_bags, en_bags, *lengths)
    if not second_pass:
        return [(b.zh, b.en) for b in beads]
    ones = sorted((b for b in beads if len(b.zh) == 1 and len(b.en) == 1), key=lambda b: b.cost)
    ones = ones[: max(1, int(len(ones) * share))]
    words = [chinese_words(text) for text in zh]
    stems = [{f for f in bag if ":" not in f} for bag in en_bags]
    zh_count, en_count, both = Counter(), Counter(), Counter()
    for bead in ones:
        a, e = words[bead.zh[0]], stems[bead.en[0]]
        zh_count.update(a)
        en_count.update(e)
        both.update((x, y) for x in a for y in e)
    lexicon: dict[str, list[tuple[str, float]]] = {}
    for (x, y), count in both.items():
        score_ = 2 * count / (zh_count[x] + en_count[y])
        if count >= at_least and score_ >= dice:
            lexicon.setdefault(x, []).append((y, score_))
    learned = []
    for bag, found in zip(zh_bags, words):
        bag = dict(bag)
        for word in found:
            for y, p in lexicon.get(word, ()):
                bag.setdefault(y, weight * p)
        learned.append(bag)
    return [(b.zh, b.en) for b in align(learned, en_bags, *lengths)]


def sets():
    docs = [align_real.po_document(p) for p in sorted((BENCH.parent / "translations" / "en").glob("*.po"))]
    return {
        "hand": list(align_dev.pairs("hand")),
        "merged": list(align_dev.pairs("merged")),
        "seeds merged": [(f"seed{i}", *align_dev.merged(*doc, seed=3, rate=0.45)) for i, doc in enumerate(docs)],
    }


if __name__ == "__main__":
    data = sets()
    for label, options in (
        ("one pass", {}),
        ("learned lexicon", {"second_pass": True}),
        ("dice 0.2", {"second_pass": True, "dice": 0.2}),
        ("seen once, dice 0.5", {"second_pass": True, "at_least": 1, "dice": 0.5}),
        ("80 % of 1-1 links", {"second_pass": True, "share": 0.8}),
        ("half weight", {"second_pass": True, "weight": 0.5}),
    ):
        cells = []
        for name, pairs in data.items():
            s = score([p[3] for p in pairs], [links(p[1], p[2], **options) for p in pairs])
            cells.append(f"{name} {s.f1_strict:.3f} / {s.f1_lax:.3f}")
        print(f"{label:22}", " | ".join(cells), flush=True)
