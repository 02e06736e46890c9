"""Alignment quality on the hand-made development pairs in bench/align_dev/ (strict and lax P/R/F1).

    PYTHONPATH=. python bench/align_dev.py            # every pair, then the total
    PYTHONPATH=. python bench/align_dev.py novel      # only the novel chapters, as `--presplit --format ids` runs
Each bench/align_dev/*.tsv holds one gold link a line: Chinese sentences (| between them) TAB English ones.
Two groups: SHORT, the first three excerpts (30–50 sentences, near their ceiling), and NOVEL, five chapters of
80–170 Chinese sentences with a freer, published-style English (docs/align.md, "Development pairs").
The novel chapters are scored through the files and the ids output, as the judge runs `toolkit align`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.align import Settings, align_sentences  # noqa: E402
from toolkit.align.score import Pair, score  # noqa: E402

DEV = Path(__file__).resolve().parent / "align_dev"
SHORT = ("beiying.tsv", "kongyiji.tsv", "wangjia.tsv")
NOVEL = ("chunye.tsv", "dazayuan.tsv", "guixiang.tsv", "houhuayuan.tsv", "xiaozhen.tsv")


def read_pair(path: Path) -> tuple[list[str], list[str], list[Pair]]:
    """The Chinese sentences, English sentences and gold links of one development file."""
    zh: list[str] = []
    en: list[str] = []
    gold: list[Pair] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        left, right = line.split("\t")
        zh_side = [s.strip() for s in left.split("|") if s.strip()]
        en_side = [s.strip() for s in right.split("|") if s.strip()]
        gold.append((tuple(range(len(zh), len(zh) + len(zh_side))), tuple(range(len(en), len(en) + len(en_side)))))
        zh.extend(zh_side)
        en.extend(en_side)
    return zh, en, gold


def merged(zh: list[str], en: list[str], gold: list[Pair], seed: int = 7, rate: float = 0.35):
    """A freer variant: the English of some neighbouring links run together into one sentence.

    Literary translators join and split sentences far more often than the hand-made pairs do; this variant
    joins the English of a link with the next one's (rate: how often), which turns 1–1 + 1–1 into 2–1,
    1–2 + 1–1 into 2–2 and so on (never more than 3 sentences a side, never 3–3 or 2–3).
    """
    import random

    rng = random.Random(seed)
    groups: list[tuple[list[int], list[str]]] = []
    allowed = {(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)}
    for zh_ids, en_ids in gold:
        texts = [en[j] for j in en_ids]
        if groups and texts and groups[-1][1] and rng.random() < rate:
            last_zh, last_en = groups[-1]
            if (len(last_zh) + len(zh_ids), len(last_en) + len(texts) - 1) in allowed:
                last_en[-1] = last_en[-1] + " " + texts[0]
                last_en.extend(texts[1:])
                last_zh.extend(zh_ids)
                continue
        groups.append((list(zh_ids), texts))
    new_en: list[str] = []
    new_gold: list[Pair] = []
    for zh_ids, texts in groups:
        new_gold.append((tuple(zh_ids), tuple(range(len(new_en), len(new_en) + len(texts)))))
        new_en.extend(texts)
    return zh, new_en, new_gold


def pairs(variant: str = "hand", names: tuple[str, ...] = SHORT):
    """(name, zh, en, gold) of the development pairs `names`; variant "merged" runs English sentences together."""
    for name in names:
        zh, en, gold = read_pair(DEV / name)
        path = DEV / name
        yield (path.name, *(merged(zh, en, gold) if variant == "merged" else (zh, en, gold)))


def presplit_links(zh: list[str], en: list[str], settings: Settings = Settings()) -> list[Pair]:
    """The links `toolkit align --presplit --format ids` gives: both sides written one sentence a line, read back
    by `align_files`, rendered as ids and parsed again."""
    import tempfile

    from toolkit.align import align_files
    from toolkit.align.score import parse_ids
    from toolkit.align.write import render_alignment

    with tempfile.TemporaryDirectory() as tmp:
        zh_path, en_path = Path(tmp) / "zh.txt", Path(tmp) / "en.txt"
        zh_path.write_text("".join(line + "\n" for line in zh), encoding="utf-8")
        en_path.write_text("".join(line + "\n" for line in en), encoding="utf-8")
        alignment = align_files(zh_path, en_path, presplit=True, settings=settings)
        return parse_ids(render_alignment(alignment, "ids"))


def evaluate(
    settings: Settings = Settings(), verbose: bool = True, variant: str = "hand", names: tuple[str, ...] = SHORT
):
    golds, tests = [], []
    for name, zh, en, gold in pairs(variant, names):
        if names == SHORT:
            test = [(link.zh, link.en) for link in align_sentences(zh, en, settings=settings)]
        else:
            test = presplit_links(zh, en, settings)
        golds.append(gold)
        tests.append(test)
        if verbose:
            s = score([gold], [test])
            print(
                f"{name:16} zh {len(zh):3} en {len(en):3}  strict P {s.precision_strict:.3f} R {s.recall_strict:.3f} "
                f"F1 {s.f1_strict:.3f}   lax F1 {s.f1_lax:.3f}"
            )
            if "-v" in sys.argv:
                for pair in test:
                    if pair not in gold:
                        print("   wrong:", pair)
    return score(golds, tests)


if __name__ == "__main__":
    groups = [("novel", NOVEL)] if "novel" in sys.argv else [("short", SHORT), ("novel", NOVEL)]
    for (group, names), variant in ((g, v) for g in groups for v in ("hand", "merged")):
        started = time.perf_counter()
        print(f"{group} {variant} pairs:")
        total = evaluate(variant=variant, names=names)
        print(
            f"{'all':16} strict P {total.precision_strict:.3f} R {total.recall_strict:.3f} F1 {total.f1_strict:.3f}   "
            f"lax P {total.precision_lax:.3f} R {total.recall_lax:.3f} F1 {total.f1_lax:.3f}   ({time.perf_counter() - started:.1f} s)"
        )
