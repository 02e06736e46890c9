"""`toolkit align` at scale: a synthetic pair of 36,000 Chinese and ~25,000 English sentences, and one 1/5 the size.

    python bench/align.py            full size (36,000 zh sentences) and the 1/5-size pair
    python bench/align.py --smoke    1/10 of that (CI)
    python bench/run.py --only align the same, from the bench runner

Each pair is made from CC-CEDICT words (Chinese) and their glosses (English), with 1–1, 2–1, 3–1, 1–2,
2–2, 1–0 and 0–1 links drawn at random (seeded), written one sentence a line, and aligned by
`toolkit align --presplit --format ids` in its own process: wall time and peak memory from outside.
Prints the seconds, the peak MB, the time ratio big/small (linear cost: about 5, at most 7) and F1.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cache  # noqa: E402
from measure import ROOT, run  # noqa: E402

BEAD_ODDS = (((1, 1), 0.50), ((2, 1), 0.35), ((3, 1), 0.06), ((1, 2), 0.03), ((1, 0), 0.03), ((0, 1), 0.01), ((2, 2), 0.02))
FILLERS = ("the", "of", "and", "a", "to", "in", "was", "he", "she", "it", "that")


def make_pair(zh_sentences: int, seed: int = 13):
    """(Chinese lines, English lines, gold links) of a synthetic pair with about `zh_sentences` Chinese sentences."""
    from toolkit.align import load_dictionary

    dictionary = load_dictionary()
    rng = random.Random(seed)
    vocabulary = sorted(form for form, glosses in dictionary.glosses.items()
                        if glosses and 1 <= len(form) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in form))
    rng.shuffle(vocabulary)
    vocabulary = vocabulary[:30_000]
    cumulative = list(itertools.accumulate(1.0 / (rank + 20) for rank in range(len(vocabulary))))
    kinds, odds = zip(*BEAD_ODDS)
    zh: list[str] = []
    en: list[str] = []
    gold = []

    def sentence() -> tuple[str, list[str]]:
        words = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(4, 12))
        english = []
        for word in words:
            if rng.random() < 0.8:
                english.append(rng.choice(dictionary.glosses[word][:3]))
            if rng.random() < 0.5:
                english.append(rng.choice(FILLERS))
        return "".join(words) + "。", english

    while len(zh) < zh_sentences:
        a, b = rng.choices(kinds, odds)[0]
        made = [sentence() for _ in range(a)] if a else []
        words = [w for _, english in made for w in english] or [w for _, e in [sentence()] for w in e]
        parts = [words] if b == 1 else ([words[: len(words) // 2], words[len(words) // 2:]] if b == 2 else [])
        gold.append((tuple(range(len(zh), len(zh) + a)), tuple(range(len(en), len(en) + len(parts)))))
        zh.extend(text for text, _ in made)
        en.extend(" ".join(part).capitalize() + "." for part in parts)
    return zh, en, gold


def write_pair(zh_sentences: int, folder: Path) -> None:
    """Write a synthetic pair: synthetic-N.zh, synthetic-N.en and the gold links synthetic-N.ids."""
    from toolkit.align.score import format_ids

    zh, en, gold = make_pair(zh_sentences)
    (folder / f"synthetic-{zh_sentences}.zh").write_text("\n".join(zh) + "\n", encoding="utf-8")
    (folder / f"synthetic-{zh_sentences}.en").write_text("\n".join(en) + "\n", encoding="utf-8")
    (folder / f"synthetic-{zh_sentences}.ids").write_text(format_ids(gold), encoding="utf-8")


def measure(zh_sentences: int, folder: Path, env: dict[str, str]) -> dict:
    """Write one pair (in another process, so the bench's own memory stays small), align it in its own process."""
    from toolkit.align.score import parse_ids, score

    run([sys.executable, __file__, "--write", str(zh_sentences), str(folder)], env)
    zh_file, en_file = folder / f"synthetic-{zh_sentences}.zh", folder / f"synthetic-{zh_sentences}.en"
    gold = parse_ids((folder / f"synthetic-{zh_sentences}.ids").read_text(encoding="utf-8"))
    zh, en = zh_file.read_text(encoding="utf-8").splitlines(), en_file.read_text(encoding="utf-8").splitlines()
    toolkit = [sys.executable, "-c", "from toolkit.cli import main; main()"]
    step = run([*toolkit, "align", "--presplit", "--no-glossary", "--format", "ids", str(zh_file), str(en_file)], env)
    quality = score([gold], [parse_ids(step.stdout)])
    return {"zh": len(zh), "en": len(en), "seconds": step.seconds, "peak_mb": step.peak_mb,
            "f1_strict": quality.f1_strict, "command": step.command.replace(sys.executable, "python")}


def bench_align(smoke: bool = False) -> dict:
    """The big pair and the 1/5-size pair, measured after one warm-up run (which fills the dictionary cache)."""
    big = 3_600 if smoke else 36_000
    folder = cache.CACHE / "align"
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, XDG_CACHE_HOME=str(cache.CACHE / "home" / "cache"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    measure(100, folder, env)
    small = measure(big // 5, folder, env)
    large = measure(big, folder, env)
    return {"small": small, "large": large, "ratio": large["seconds"] / small["seconds"]}


def format_align(results: dict) -> str:
    """The table the bench prints."""
    lines = ["Align (synthetic CC-CEDICT pairs, presplit, ids output):"]
    for key in ("small", "large"):
        row = results[key]
        lines.append(f"  {row['zh']:>6} zh / {row['en']:>6} en  {row['seconds']:7.1f} s  {row['peak_mb']:7.0f} MB peak  "
                     f"strict F1 {row['f1_strict']:.3f}   $ {row['command']}")
    lines.append(f"  time ratio large/small: {results['ratio']:.2f} (linear: ~5; bar: <= 7; large bar: <= 60 s, <= 2048 MB)")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="1/10 of the full sizes")
    parser.add_argument("--write", nargs=2, metavar=("SENTENCES", "FOLDER"), help="only write one synthetic pair")
    args = parser.parse_args()
    if args.write:
        write_pair(int(args.write[0]), Path(args.write[1]))
    else:
        print(format_align(bench_align(args.smoke)))
