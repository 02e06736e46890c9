"""Synthetic translation memory for the fuzzy-lookup benchmark: `python bench/memory_data.py DIR [--units N] [--new M]`.

Writes DIR/memory.po (N units, built from the seeds' clauses recombined, each with a number so every unit is
distinct) and DIR/new.txt (M sentences: a quarter copied from memory, half of them with one character changed,
a quarter new) and DIR/changed.json (the sentences with one character changed, each of which a lookup must find).
Deterministic (seeded), so every run measures the same data.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import polib
import regex

ROOT = Path(__file__).resolve().parent.parent
_CLAUSE = regex.compile(r"\p{Han}{4,30}")


def seed_clauses() -> list[str]:
    """Every run of 4 to 30 Chinese characters in the seed articles (plain text the segmenter leaves as it is)."""
    clauses: set[str] = set()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        clauses.update(_CLAUSE.findall(seed.read_text(encoding="utf-8")))
    return sorted(clauses)


def make_units(count: int, rng: random.Random) -> list[str]:
    """`count` distinct sentences: two or three seed clauses and a number."""
    clauses = seed_clauses()
    units: dict[str, None] = {}
    while len(units) < count:
        parts = rng.sample(clauses, rng.choice((2, 3)))
        parts.insert(rng.randrange(len(parts) + 1), f"第{rng.randrange(100000)}次")
        units["，".join(parts) + "。"] = None
    return list(units)


def one_changed(sentence: str, rng: random.Random) -> str:
    """The sentence with one Han character replaced by another."""
    positions = [i for i, char in enumerate(sentence) if regex.match(r"\p{Han}", char)]
    position = rng.choice(positions)
    return sentence[:position] + rng.choice("甲乙丙丁戊己庚辛壬癸") + sentence[position + 1 :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--new", type=int, default=2_000)
    args = parser.parse_args()
    rng = random.Random(14)
    units = make_units(args.units + args.new // 4, rng)
    memory, fresh = units[: args.units], units[args.units :]
    picked = rng.sample(memory, args.new * 3 // 4)
    changed = [one_changed(s, rng) for i, s in enumerate(picked) if i % 3]
    new = [s for i, s in enumerate(picked) if not i % 3] + changed + fresh
    rng.shuffle(new)
    args.directory.mkdir(parents=True, exist_ok=True)
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: en\\n"', ""]
    for n, source in enumerate(memory):
        lines += [f'msgid "{polib.escape(source)}"', f'msgstr "Memory unit {n}."', ""]
    (args.directory / "memory.po").write_text("\n".join(lines), encoding="utf-8")
    (args.directory / "new.txt").write_text("\n\n".join(new) + "\n", encoding="utf-8")
    (args.directory / "changed.json").write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    print(
        f"{len(memory)} units, {len(new)} new sentences ({len(changed)} with one character changed) in {args.directory}"
    )


if __name__ == "__main__":
    main()
