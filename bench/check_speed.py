"""`toolkit check` against `msgfmt -c` and Translate Toolkit's `pofilter` on one generated project, in one run.

    python bench/check_speed.py                      10,000 terms, 100 PO files of 1,000 entries (issue 20)
    python bench/check_speed.py --terms 1000 --files 10 --repeats 1

The project: a glossary of TERMS concepts (bench/check_data.py: 5 % do-not-translate Latin names, 20 % with
variants, 10 % with a forbidden rendering) and FILES zh→en PO files of ENTRIES_PER_FILE entries. Every entry
holds one to three glossary terms and one number (digits with a measure word, 亿/万 amounts, percentages,
dates, Chinese numerals, gigawatts); 10 % of the entries leave one term untranslated, 2 % get a number
wrong, so term-missing and number-mismatch have work on every kind of entry.

Each tool is measured as a whole process, from outside (wall time and peak RSS through os.wait4):
`toolkit check --glossary G PO_DIR`, `msgfmt -c -o /dev/null` on every file one after the other (one process
per file: that is how msgfmt checks a project), and `pofilter -i PO_DIR -o OUT` (its default checks, no
glossary). Runs alternate (toolkit, msgfmt, pofilter, toolkit, msgfmt, ...) so that load from other programs
falls on all of them alike; the fastest run of each counts, and the ratios come from this one run.
Toolkit's cache directory (XDG_CACHE_HOME) points into bench/.cache; the first toolkit run finds it empty,
and that run is reported apart. Then the cold start on one file (tests/eval/check_review.po with ./glossary),
best and median of five fresh processes after one that fills the caches. pofilter is Translate Toolkit's (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cache  # noqa: E402
import check_data  # noqa: E402
from measure import ROOT, Measurement, _display, _drain  # noqa: E402

TOOLKIT = str(Path(sys.executable).with_name("toolkit"))
POFILTER = str(Path(sys.executable).with_name("pofilter"))
ENTRIES_PER_FILE = 1000
GENERATOR = 1
"""The version of the project generator below (part of the cache key: bump it when entry_pair or po_text change)."""
MISSING_TERM = 0.10
WRONG_NUMBER = 0.02
# Characters that make a number, date or measure in Chinese: kept out of filler and terms, so that every
# entry holds exactly the one number planted in it.
_NUMERIC = (
    "零〇一二两三四五六七八九十百千万亿萬億兩个個年月日号號第点多余餘数數几幾上成好若分之后代世纪"
    "名位人家款项种元块吨米台部架颗条篇期届轮代层座所间张份场句点股只辆艘枚支批组套件本首集章节页斤克升度户步匹棵片段遍趟"
    "小时钟秒季星美欧英港公平立瓦字比赫焦吉太兆次天周岁倍"
)
_FILLER = "".join(char for char in check_data._FILLER_CHARS if char not in _NUMERIC)
_TERMS = "".join(
    chr(c) for c in range(0x4E00, 0x4E00 + 700) if chr(c) not in _NUMERIC and chr(c) not in check_data._FILLER_CHARS
)
_WORDS = check_data._FILLER_WORDS
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_CHINESE_COUNTS = (
    ("三个月", "three months"),
    ("两家公司", "two companies"),
    ("五年", "five years"),
    ("十二个国家", "twelve countries"),
    ("四次", "four times"),
    ("七天", "seven days"),
    ("第三季度", "the third quarter"),
    ("九项", "nine items"),
)


def number_pair(rng: random.Random, wrong: bool) -> tuple[str, str]:
    """One quantity as a Chinese source writes it and as the English states it (`wrong`: a value off by ten)."""
    kind = rng.randrange(7)
    scale = 10 if wrong else 1
    if kind == 0:
        n = rng.randint(2, 99_999)
        return f"{n}名", f"{n * scale:,} people"
    if kind == 1:
        n = rng.randint(2, 9999)
        return f"{n}亿美元", f"${n * scale / 10:g} billion"
    if kind == 2:
        n = rng.randint(1, 999) / 10
        return f"{n:g}%", f"{n * scale:g} percent"
    if kind == 3:
        year, month, day = rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28)
        return f"{year}年{month}月{day}日", f"{_MONTHS[month - 1]} {day}, {year + (1 if wrong else 0)}"
    if kind == 4:
        n = rng.randint(11, 9999) / 10
        return f"{n:g}万", f"{round(n * 10_000) * scale:,}"
    if kind == 5:
        n = rng.randint(11, 99) / 10
        return f"{n:g}千兆瓦", f"{n * scale:g} GW"
    zh, en = rng.choice(_CHINESE_COUNTS)
    return zh, en.replace("three", "thirty").replace("five", "fifty") if wrong else en


def entry_pair(rng: random.Random, terms: list[check_data.PlantedTerm]) -> tuple[str, str]:
    """One (msgid, msgstr): filler, one to three terms (one left out of the English in 10 % of entries), one number."""

    def filler_zh(low: int, high: int) -> str:
        return "".join(rng.choice(_FILLER) for _ in range(rng.randint(low, high)))

    def filler_en(low: int, high: int) -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high)))

    number_zh, number_en = number_pair(rng, rng.random() < WRONG_NUMBER)
    source, target = [filler_zh(4, 10), number_zh, filler_zh(2, 6)], [filler_en(3, 6), number_en, filler_en(2, 4)]
    planted = [rng.choice(terms) for _ in range(rng.choice((1, 1, 2, 3)))]
    missing = rng.randrange(len(planted)) if rng.random() < MISSING_TERM else None
    for index, term in enumerate(planted):
        source += [term.zh, filler_zh(2, 8)]
        rendering = rng.choice(_WORDS) if index == missing else rng.choice((term.en, *term.variants))
        target += [rendering, filler_en(1, 4)]
    english = " ".join(target)
    return "".join(source) + "。", english[:1].upper() + english[1:] + "."


def project(terms: int, files: int, seed: int = 0) -> tuple[Path, Path]:
    """(glossary TSV, PO directory) of the bench project, generated once and cached (keyed by the generators)."""
    generator = f"{GENERATOR}-{hashlib_of(Path(check_data.__file__))}"
    folder = cache.CACHE / "check-speed" / f"terms{terms}-files{files}-{cache.key(seed=seed, generator=generator)}"
    glossary, po_dir = folder / "glossary.tsv", folder / "po"
    if glossary.exists() and po_dir.is_dir():
        return glossary, po_dir
    planted = check_data.planted_terms(terms, seed, chars=_TERMS)
    rng = random.Random(f"speed-{seed}-{terms}-{files}")
    staging = folder.with_name(folder.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "po").mkdir(parents=True)
    for number in range(files):
        pairs = [entry_pair(rng, planted) for _ in range(ENTRIES_PER_FILE)]
        unique = list(dict(pairs).items())  # a msgid twice in one file is a PO error
        (staging / "po" / f"doc{number:04d}.po").write_text(po_text(unique, f"doc{number:04d}"), encoding="utf-8")
    (staging / "glossary.tsv").write_text(check_data.glossary_tsv(planted), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return glossary, po_dir


def po_text(pairs: list[tuple[str, str]], name: str) -> str:
    """A zh→en PO catalogue with the header a real project has (msgfmt -c warns about none of it)."""
    header = (
        f'msgid ""\nmsgstr ""\n"Project-Id-Version: {name}\\n"\n"PO-Revision-Date: 2025-08-19 12:00+0000\\n"\n'
        '"Last-Translator: Bench <bench@example.org>\\n"\n"Language-Team: English\\n"\n"Language: en\\n"\n'
        '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
        '"X-Source-Language: zh_Hans\\n"\n'
    )
    return header + "".join(f'\nmsgid "{source}"\nmsgstr "{target}"\n' for source, target in pairs)


def hashlib_of(*paths: Path) -> str:
    import hashlib

    return hashlib.sha256(b"".join(path.read_bytes() for path in paths)).hexdigest()[:12]


def run(argv: list[str], env: dict[str, str], *, ok: tuple[int, ...] = (0,)) -> Measurement:
    """Run `argv` to completion from the repository root: wall time, peak RSS, and CPU time (user + system, the
    process and its children: msgfmt's loop, toolkit's workers) from os.wait4."""
    import shlex
    import subprocess
    import time

    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = _drain(process)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{shlex.join(_display(argv))} exited with {code}:\n{stderr.strip()[-2000:]}")
    measured = Measurement(
        shlex.join(_display(argv[:6])) + (" ..." if len(argv) > 6 else ""), seconds, usage.ru_maxrss / 1024, stdout
    )
    CPU[id(measured)] = usage.ru_utime + usage.ru_stime
    return measured


CPU: dict[int, float] = {}
"""CPU seconds of each Measurement made here (Measurement has no field for it)."""


def run_msgfmt(po_files: list[Path], env: dict[str, str]) -> Measurement:
    """`msgfmt -c` over every file, one process per file, timed as one step (a shell loop, as CI would write it)."""
    script = 'for f in "$@"; do msgfmt -c -o /dev/null "$f" || exit 1; done'
    return run(["sh", "-c", script, "msgfmt-loop", *map(str, po_files)], env)


def measure(glossary: Path, po_dir: Path, repeats: int, with_pofilter: bool) -> dict:
    """Alternating whole-process runs of the three tools; the fastest of each, and toolkit's first (empty cache)."""
    xdg = cache.CACHE / "check-speed" / "xdg"
    shutil.rmtree(xdg, ignore_errors=True)
    env = dict(os.environ, XDG_CACHE_HOME=str(xdg))
    po_files = sorted(po_dir.glob("*.po"))
    toolkit_argv = [TOOLKIT, "check", "--glossary", str(glossary), str(po_dir)]
    runs: dict[str, list[Measurement]] = {"toolkit": [], "msgfmt": [], "pofilter": []}
    findings = None
    with tempfile.TemporaryDirectory() as scratch:
        for repeat in range(repeats + 1):  # run 0 warms toolkit's cache and the file cache; it is reported apart
            measured = run(toolkit_argv, env, ok=(0, 1))
            runs["toolkit"].append(measured)
            findings = len(measured.stdout.splitlines())
            runs["msgfmt"].append(run_msgfmt(po_files, env))
            if with_pofilter and (repeat > 0 or repeats == 0):
                out = Path(scratch) / f"pofilter-{repeat}"
                runs["pofilter"].append(run([POFILTER, "--progress=none", "-i", str(po_dir), "-o", str(out)], env))
        # One file, as a pre-commit hook or an editor checks it: start-up is all it costs. Six fresh processes
        # from the repository root (./glossary); the first fills the caches and is reported apart.
        one_file = [TOOLKIT, "check", str(ROOT / "tests" / "eval" / "check_review.po")]
        starts = [run(one_file, env, ok=(0, 1)) for _ in range(6)]
    best = {tool: min(m.seconds for m in (measured[1:] or measured)) for tool, measured in runs.items() if measured}
    cpu = {tool: min(CPU[id(m)] for m in (measured[1:] or measured)) for tool, measured in runs.items() if measured}
    report = {
        "entries": sum(
            1
            for f in po_files
            for line in f.read_text(encoding="utf-8").splitlines()
            if line.startswith('msgid "') and line != 'msgid ""'
        ),
        "files": len(po_files),
        "toolkit_findings": findings,
        "repeats": repeats,
        "toolkit_seconds": best["toolkit"],
        "toolkit_empty_cache_seconds": runs["toolkit"][0].seconds,
        "toolkit_peak_mb": max(m.peak_mb for m in runs["toolkit"]),
        "msgfmt_seconds": best["msgfmt"],
        "toolkit_per_msgfmt": best["toolkit"] / best["msgfmt"],
        "cpu_seconds": cpu,
        "cold_start_seconds": min(m.seconds for m in starts[1:]),
        "cold_start_median_seconds": sorted(m.seconds for m in starts[1:])[2],
        "cold_start_empty_cache_seconds": starts[0].seconds,
        "cold_start_peak_mb": max(m.peak_mb for m in starts[1:]),
        "load": os.getloadavg()[0],
        "commands": {tool: measured[-1].command for tool, measured in runs.items() if measured},
    }
    if "pofilter" in best:
        report.update(
            pofilter_seconds=best["pofilter"],
            pofilter_per_toolkit=best["pofilter"] / best["toolkit"],
            pofilter_peak_mb=max(m.peak_mb for m in runs["pofilter"]),
        )
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100, help=f"PO files of {ENTRIES_PER_FILE} entries")
    parser.add_argument("--repeats", type=int, default=3, help="measured runs of each tool after the warm-up")
    parser.add_argument("--no-pofilter", action="store_true", help="skip Translate Toolkit's pofilter")
    parser.add_argument("--generate-only", action="store_true", help="print the project's paths and stop")
    args = parser.parse_args()
    glossary, po_dir = project(args.terms, args.files)
    if args.generate_only:
        print(json.dumps({"glossary": str(glossary), "po_dir": str(po_dir)}))
        return
    with_pofilter = not args.no_pofilter
    if with_pofilter and not Path(POFILTER).exists():
        sys.exit(f"{POFILTER} not found: pip install -e '.[bench]' (Translate Toolkit), or pass --no-pofilter")
    report = measure(glossary, po_dir, args.repeats, with_pofilter)
    print(
        f"project: {args.terms:,} terms, {report['entries']:,} entries in {report['files']} files "
        f"({report['toolkit_findings']:,} findings); load average {report['load']:.2f}; best of {args.repeats}"
    )
    print(
        f"  toolkit check  {report['toolkit_seconds']:7.2f} s  (first run, empty cache: "
        f"{report['toolkit_empty_cache_seconds']:.2f} s; peak {report['toolkit_peak_mb']:.0f} MB)"
    )
    print(
        f"  msgfmt -c      {report['msgfmt_seconds']:7.2f} s  -> toolkit / msgfmt = {report['toolkit_per_msgfmt']:.2f}"
    )
    print(
        "  CPU seconds (user + system, workers included): "
        + ", ".join(f"{tool} {seconds:.2f}" for tool, seconds in report["cpu_seconds"].items())
    )
    if with_pofilter:
        print(
            f"  pofilter       {report['pofilter_seconds']:7.2f} s  -> pofilter / toolkit = "
            f"{report['pofilter_per_toolkit']:.1f}"
        )
    print(
        f"  cold start, one file (tests/eval/check_review.po, ./glossary): {report['cold_start_seconds']:.3f} s "
        f"best of 5, median {report['cold_start_median_seconds']:.3f} s, peak {report['cold_start_peak_mb']:.0f} MB "
        f"(empty cache: {report['cold_start_empty_cache_seconds']:.3f} s)"
    )
    for tool, command in report["commands"].items():
        print(f"  {tool}: {command}")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
