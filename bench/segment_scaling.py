"""How segmentation time grows with the length of one line (issue 10): prints seconds per size and the ratio.

    PYTHONPATH=$PWD python bench/segment_scaling.py                 # 4.8 MB line vs a quarter of it
    PYTHONPATH=$PWD python bench/segment_scaling.py --mb 0.3 --seeds  # a line built from the seed sentences

Each size runs `toolkit segment` on a file holding one line in a fresh process (wall time, as a user sees it).
Linear segmentation gives a ratio near 4 for 4× the text; the old prefix searches gave about 16.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIST_NUMBERED = "原因有三：1. 成本高。"


def seed_line() -> str:
    """The seed articles' sentences joined into one line (no line breaks)."""
    return "".join(
        path.read_text(encoding="utf-8").replace("\n", "") for path in sorted((ROOT / "seeds").glob("*.txt"))
    )


def one_line(unit: str, megabytes: float) -> bytes:
    """`unit` repeated to about `megabytes` MB of UTF-8, as one line."""
    size = len(unit.encode("utf-8"))
    return (unit * max(1, round(megabytes * 1_000_000 / size))).encode("utf-8")


def timed_segment(path: Path) -> tuple[float, int]:
    """Wall seconds of `toolkit segment PATH` in a new process, and the number of segments it printed."""
    argv = [sys.executable, "-c", "from toolkit.cli import main; main()", "segment", str(path)]
    started = time.perf_counter()
    run = subprocess.run(argv, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, run.stdout.count("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.8, help="size of the long line in MB (default 4.8)")
    parser.add_argument("--seeds", action="store_true", help="build the line from the seed articles instead")
    arguments = parser.parse_args()
    unit = seed_line() if arguments.seeds else LIST_NUMBERED
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for label, megabytes in (("quarter", arguments.mb / 4), ("full", arguments.mb)):
            path = Path(work) / f"{label}.txt"
            path.write_bytes(one_line(unit, megabytes))
            seconds, segments = timed_segment(path)
            results[label] = seconds
            command = shlex.join(["toolkit", "segment", f"<{path.stat().st_size / 1e6:.2f} MB line>"])
            print(
                f"{label:<8} {path.stat().st_size / 1e6:6.2f} MB  {segments:>8} segments  {seconds:7.2f} s   ({command})"
            )
    ratio = results["full"] / results["quarter"]
    print(
        f"ratio full/quarter: {ratio:.2f} (linear ≈ 4; input: {'seed sentences' if arguments.seeds else repr(LIST_NUMBERED)})"
    )
    print(
        json.dumps(
            {
                "quarter_seconds": round(results["quarter"], 3),
                "full_seconds": round(results["full"], 3),
                "ratio": round(ratio, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
