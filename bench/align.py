"""`toolkit align` at scale, on real text first: pairs of 36,000 Chinese sentences and pairs 1/5 the size.

    python bench/align.py            full size (36,000 zh sentences) and the 1/5-size pairs
    python bench/align.py --smoke    1/10 of that (CI)
    python bench/run.py --only align the same, from the bench runner (`make bench` runs every section)

Real text (bench/align_real.py): the seed articles with their revised English and the development pairs,
    shuffled  documents in a shuffled order, English sentences of neighbouring links joined at times (36k x 24k)
    repeated  one seed article and its English repeated back to back (the worst case for word frequencies)
Synthetic: CC-CEDICT words (Chinese) and their glosses (English), 1–1, 2–1, 3–1, 1–2, 2–2, 1–0 and 0–1 links drawn
at random (seeded).

Each pair is written one sentence a line and aligned by `toolkit align --presplit --format ids` in its own
process, run under /usr/bin/time -v: wall seconds and peak RSS measured from outside. Prints the seconds, the
peak MB, strict and lax F1 against the pair's gold, and the time ratio big/small (linear cost: about 5, at most 7).
For the repeated pair, F1 by sentence ids is not the point (copy k of the Chinese may be linked, word for word
rightly, to copy k+1 of the English): "text F1" counts a link right when its texts are a gold link's texts.
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

BEAD_ODDS = (
    ((1, 1), 0.50),
    ((2, 1), 0.35),
    ((3, 1), 0.06),
    ((1, 2), 0.03),
    ((1, 0), 0.03),
    ((0, 1), 0.01),
    ((2, 2), 0.02),
)
FILLERS = ("the", "of", "and", "a", "to", "in", "was", "he", "she", "it", "that")


def make_pair(zh_sentences: int, seed: int = 13):
    """(Chinese lines, English lines, gold links) of a synthetic pair with about `zh_sentences` Chinese sentences."""
    from toolkit.align import load_dictionary

    dictionary = load_dictionary()
    rng = random.Random(seed)
    vocabulary = sorted(
        form
        for form, glosses in dictionary.glosses.items()
        if glosses and 1 <= len(form) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in form)
    )
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
        parts = [words] if b == 1 else ([words[: len(words) // 2], words[len(words) // 2 :]] if b == 2 else [])
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


def timed(argv: list[str], env: dict[str, str]) -> tuple[str, float, float, float]:
    """Run `argv` under /usr/bin/time -v: (standard output, wall seconds, peak RSS in MB, CPU seconds).

    CPU seconds (user + system) hardly move with the load of a shared machine; wall seconds do."""
    import subprocess
    import time

    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *argv], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {done.returncode}:\n{done.stderr[-2000:]}")

    def field(name: str) -> float:
        return float(next(line for line in done.stderr.splitlines() if name in line).rsplit(":", 1)[1])

    cpu = field("User time (seconds)") + field("System time (seconds)")
    return done.stdout, seconds, field("Maximum resident set size") / 1024, cpu


def measure(kind: str, zh_sentences: int, folder: Path, env: dict[str, str]) -> dict:
    """Write one pair (in another process, so the bench's own memory stays small), align it in its own process."""
    from toolkit.align.score import parse_ids, score

    if kind == "synthetic":
        run([sys.executable, __file__, "--write", str(zh_sentences), str(folder)], env)
    else:
        run([sys.executable, str(Path(__file__).parent / "align_real.py"), kind, str(zh_sentences), str(folder)], env)
    zh_file, en_file = folder / f"{kind}-{zh_sentences}.zh", folder / f"{kind}-{zh_sentences}.en"
    gold = parse_ids((folder / f"{kind}-{zh_sentences}.ids").read_text(encoding="utf-8"))
    zh, en = zh_file.read_text(encoding="utf-8").splitlines(), en_file.read_text(encoding="utf-8").splitlines()
    options = ["align", "--presplit", "--no-glossary", "--format", "ids", str(zh_file), str(en_file)]
    argv = [sys.executable, "-c", "from toolkit.cli import main; main()", *options]
    stdout, seconds, peak_mb, cpu = timed(["nice", *argv], env)
    links = parse_ids(stdout)
    quality = score([gold], [links])
    command = "toolkit " + " ".join(options).replace(str(ROOT) + "/", "")
    return {
        "kind": kind,
        "zh": len(zh),
        "en": len(en),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mb": peak_mb,
        "f1_strict": quality.f1_strict,
        "f1_lax": quality.f1_lax,
        "f1_text": text_f1(zh, en, gold, links),
        "command": command,
    }


def text_f1(zh: list[str], en: list[str], gold, links) -> float:
    """F1 of links counted right when their texts (not their ids) are the texts of a gold link (pairs only)."""

    def texts(pairs):
        return [("\n".join(zh[i] for i in a), "\n".join(en[j] for j in b)) for a, b in pairs if a and b]

    right = set(texts(gold))
    found = texts(links)
    precision = sum(pair in right for pair in found) / len(found) if found else 0.0
    found_set = set(found)
    wanted = texts(gold)
    recall = sum(pair in found_set for pair in wanted) / len(wanted) if wanted else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bench_align(smoke: bool = False) -> dict:
    """Real and synthetic pairs, big and 1/5 the size, measured after one warm-up run (which fills the dictionary cache)."""
    big = 3_600 if smoke else 36_000
    folder = cache.CACHE / "align"
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        XDG_CACHE_HOME=str(cache.CACHE / "home" / "cache"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
    )
    measure("synthetic", 100, folder, env)
    rows = {}
    for kind in ("shuffled", "repeated", "synthetic"):
        rows[f"{kind}-small"] = measure(kind, big // 5, folder, env)
        rows[f"{kind}-large"] = measure(kind, big, folder, env)
    kinds = ("shuffled", "repeated", "synthetic")
    ratios = {kind: rows[f"{kind}-large"]["seconds"] / rows[f"{kind}-small"]["seconds"] for kind in kinds}
    cpu_ratios = {kind: rows[f"{kind}-large"]["cpu_seconds"] / rows[f"{kind}-small"]["cpu_seconds"] for kind in kinds}
    return {"rows": rows, "ratios": ratios, "cpu_ratios": cpu_ratios, "load_average": os.getloadavg()[0]}


def format_align(results: dict) -> str:
    """The table the bench prints."""
    lines = [
        "Align (presplit, ids output; real: seeds + their revised English + dev pairs; peak RSS from /usr/bin/time -v):"
    ]
    for key, row in results["rows"].items():
        text = f"  text F1 {row['f1_text']:.3f}" if row["kind"] == "repeated" else ""
        lines.append(
            f"  {key:15} {row['zh']:>6} zh / {row['en']:>6} en  {row['seconds']:6.1f} s ({row['cpu_seconds']:5.1f} s CPU)  "
            f"{row['peak_mb']:6.0f} MB peak  "
            f"strict F1 {row['f1_strict']:.3f}  lax F1 {row['f1_lax']:.3f}{text}"
        )
    lines.append(
        "  time ratio large/small: "
        + ", ".join(f"{kind} {ratio:.2f}" for kind, ratio in results["ratios"].items())
        + " (linear: ~5; bar: <= 7; large bar: <= 60 s, <= 2048 MB)"
    )
    lines.append(
        "  CPU time ratio large/small: "
        + ", ".join(f"{kind} {ratio:.2f}" for kind, ratio in results["cpu_ratios"].items())
    )
    lines.append(
        f"  $ {results['rows']['shuffled-large']['command']}   (load average at the end {results['load_average']:.1f})"
    )
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
