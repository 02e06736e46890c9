"""The translation-memory benchmark (issue 10): new sentences drafted against a big memory with `--engine none`.

    python bench/memory_lookup.py [--units 200000] [--new 2000]

bench/memory_data.py builds the memory (bench/.cache/memory-N/memory.po) and the new document; the whole
`toolkit draft new.txt --engine none --tm memory.po` process is timed from outside, and every sentence with one
character changed is checked to have come back as a fuzzy memory match. bench/run.py runs this as its
"memory" section (200,000 units; 5,000 in --smoke).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cache  # noqa: E402
from measure import BENCH, run  # noqa: E402


def bench_memory(units: int, new: int, env: dict[str, str], toolkit: list[str]) -> dict:
    """Build (once) and draft the memory data; the measured command, its time, and the near matches it found."""
    import polib

    data = cache.CACHE / f"memory-{units}-{new}"
    if not (data / "changed.json").is_file():
        subprocess.run(
            [sys.executable, str(BENCH / "memory_data.py"), str(data), "--units", str(units), "--new", str(new)],
            check=True,
            capture_output=True,
        )
    shutil.rmtree(data / "out", ignore_errors=True)
    measured = run(
        [*toolkit, "draft", "new.txt", "--engine", "none", "--no-glossary", "--tm", "memory.po", "-o", "out"],
        env,
        cwd=data,
    )
    changed = json.loads((data / "changed.json").read_text(encoding="utf-8"))
    drafted = {entry.msgid: entry for entry in polib.pofile(str(data / "out" / "en" / "new.po"))}
    found = sum(1 for sentence in changed if drafted[sentence].msgstr and "fuzzy" in drafted[sentence].flags)
    return {
        "units": units,
        "new_sentences": new,
        "command": f"cd {data.relative_to(BENCH.parent)} && {measured.command}",
        "seconds": measured.seconds,
        "peak_mb": measured.peak_mb,
        "summary": measured.stdout.strip().splitlines()[0],
        "one_character_changed": len(changed),
        "near_matches_found": found,
    }


def format_memory(memory: dict, plan: str) -> str:
    """The memory section: time, peak memory, near matches found, the command."""
    ok = memory["seconds"] <= 10 and memory["near_matches_found"] == memory["one_character_changed"]
    verdict = ("meets target" if ok else "MISSES target") if plan == "full" else "targets apply to the full run"
    return "\n".join(
        [
            f"Memory: {memory['new_sentences']:,} new sentences against {memory['units']:,} units, --engine none",
            f"  whole process {memory['seconds']:.2f} s, peak {memory['peak_mb']:.0f} MB; "
            f"near matches (one character changed) found: {memory['near_matches_found']} of {memory['one_character_changed']} "
            f"(target <= 10 s, all found: {verdict})",
            f"  {memory['summary']}",
            f"  command: {memory['command']}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--new", type=int, default=2_000)
    args = parser.parse_args()
    toolkit = [sys.executable, "-c", "from toolkit.cli import main; main()"]
    import os

    print(format_memory(bench_memory(args.units, args.new, dict(os.environ), toolkit), "full"))


if __name__ == "__main__":
    main()
