"""Mutation check: break each written-down guarantee on purpose and make sure the suite notices.

Each `Mutant` replaces one exact snippet of the library (it must occur exactly once, so a mutant
that no longer applies is reported, not silently skipped) in a scratch copy of the repository, then
runs the tests that guard that guarantee. A mutant is *killed* when those tests fail; a *survivor*
is a guarantee that nothing holds, and makes this script exit 1.

    .venv/bin/python tests/mutants.py            # all mutants, a table at the end
    .venv/bin/python tests/mutants.py NAME ...   # only these
    make mutate

The unmutated copy is run first with the union of the selected tests: a mutant only counts as
killed if the same tests pass without it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("toolkit", "tests", "seeds", "glossary", "translations", "bench", "pyproject.toml")


@dataclass(frozen=True)
class Mutant:
    """One deliberate break: in `path`, `old` (exactly once) becomes `new`; `tests` must then fail."""

    name: str
    guarantee: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTANTS: tuple[Mutant, ...] = (
    # --- the mutations issue 11 lists
    Mutant(
        "atomic-write-plain",
        "atomic writes: a file is as it was or complete (kill, full disk)",
        "toolkit/textio.py",
        "    target = Path(path)\n    payload = memoryview(",
        '    target = Path(path)\n    with open(target, "wb") as handle:\n'
        '        handle.write(data.encode("utf-8") if isinstance(data, str) else data)\n        return\n'
        "    payload = memoryview(",
        ("tests/test_textio.py",),
    ),
    Mutant(
        "reverse-memory-fuzzy-confirmed",
        "a fuzzy entry of reverse memory (--tm zh_CN.po) is never confirmed",
        "toolkit/memory.py",
        "return [unit._replace(source=unit.target, target=unit.source) for unit in usable]",
        "return [unit._replace(source=unit.target, target=unit.source, state=type(unit.state).TRANSLATED) for unit in usable]",
        ("tests/test_memory.py", "tests/test_draft.py"),
    ),
    Mutant(
        "redraft-drops-previous-msgid",
        "a re-drafted fuzzy entry keeps its #| msgid (the previous source)",
        "toolkit/draft/plan.py",
        "            old.previous_source if old.fuzzy else None,\n            flags=old.flags,\n",
        "            None,\n            flags=old.flags,\n",
        ("tests/test_draft.py",),
    ),
    Mutant(
        "gb18030-as-gbk",
        "GB18030 is detected and decoded whole (4-byte sequences: emoji, Extension B)",
        "toolkit/textio.py",
        'DETECTED_ENCODINGS = ("utf-8", "gb18030", "big5", "big5hkscs")',
        'DETECTED_ENCODINGS = ("utf-8", "gbk", "big5", "big5hkscs")',
        ("tests/test_textio.py",),
    ),
    Mutant(
        "hong-kong-forms-dropped",
        "glossary terms match in Hong Kong forms (OpenCC s2hk)",
        "toolkit/glossary/convert.py",
        'SCRIPT_FORMS = ("t2s", "s2t", "s2tw", "s2twp", "s2hk")',
        'SCRIPT_FORMS = ("t2s", "s2t", "s2tw", "s2twp")',
        ("tests/test_glossary.py", "tests/test_glossary_formats.py"),
    ),
    Mutant(
        "weblate-tbx-says-deprecated",
        "Weblate (translate-toolkit 3.19) imports every concept with a forbidden rendering",
        "toolkit/glossary/formats/tbx.py",
        "                        term.en,\n                        FORBIDDEN,\n",
        "                        term.en,\n                        DEPRECATED,\n",
        ("tests/test_glossary_formats.py",),
    ),
    Mutant(
        "weblate-csv-forbidden-as-translation",
        "the Weblate CSV holds no forbidden rendering as a translation",
        "toolkit/glossary/formats/csv.py",
        'for term in (term for term in group if term.type != "forbidden"):',
        "for term in group:",
        ("tests/test_glossary_formats.py",),
    ),
    Mutant(
        "glossary-export-replaces-any-xml",
        "glossary export replaces only its own earlier TBX without --force",
        "toolkit/glossary/formats/__init__.py",
        '    return (\n        head.startswith(b"<?xml")\n',
        '    return True or (\n        head.startswith(b"<?xml")\n',
        ("tests/test_bad_input_glossary.py",),
    ),
    Mutant(
        "fuzzy-threshold-60",
        "near matches start at exactly 75 %",
        "toolkit/memory.py",
        "FUZZY_THRESHOLD = 75.0",
        "FUZZY_THRESHOLD = 60.0",
        ("tests/test_memory.py",),
    ),
    Mutant(
        "apostrophe-closing-rule",
        "an ASCII ' closes a sentence unless a letter or digit follows",
        "toolkit/segment.py",
        '            if char == "\'" and self._latin.match(text, position + 1):\n                return position\n',
        "",
        ("tests/test_segment.py",),
    ),
    # --- more guarantees the README and docs state
    Mutant(
        "human-translation-overwritten",
        "a re-draft never replaces a translator's translation",
        "toolkit/draft/plan.py",
        "    return old if old is not None and not old.obsolete and old.target else None",
        "    return None",
        ("tests/test_draft.py",),
    ),
    Mutant(
        "po-duplicates-accepted",
        "a PO file msgfmt -c refuses (a duplicate entry) is refused, not rewritten",
        "toolkit/storage/po.py",
        "        if key in seen:\n",
        "        if False:\n",
        ("tests/test_po.py", "tests/test_bad_input_po.py"),
    ),
    Mutant(
        "partial-write-not-undone",
        "draft's exit 2 means no PO file changed (failed renames are put back)",
        "toolkit/storage/files.py",
        "    for target in reversed(renamed):\n",
        "    for target in []:\n",
        ("tests/test_bad_input_draft.py",),
    ),
    Mutant(
        "no-draft-lock",
        "one draft at a time per output directory",
        "toolkit/draft/run.py",
        "        self.lock = FileLock(str(self.path))",
        "        self.lock = FileLock(str(self.path) + str(id(self)))",
        ("tests/test_draft.py",),
    ),
    Mutant(
        "fuzzy-threshold-boundary",
        "a near match scoring just under the threshold is not offered",
        "toolkit/memory.py",
        "scorer=fuzz.ratio, score_cutoff=threshold\n",
        "scorer=fuzz.ratio, score_cutoff=threshold - 1\n",
        ("tests/test_memory.py",),
    ),
    Mutant(
        "memory-index-bound-loose",
        "the fuzzy index finds exactly what a full scan finds",
        "toolkit/memory.py",
        "    return 3 * common - a - b - 1",
        "    return 3 * common - a - b + 1",
        ("tests/test_memory.py",),
    ),
    Mutant(
        "traditional-forms-dropped",
        "one glossary row matches both scripts",
        "toolkit/glossary/convert.py",
        'SCRIPT_FORMS = ("t2s", "s2t", "s2tw", "s2twp", "s2hk")',
        'SCRIPT_FORMS = ("t2s", "s2hk")',
        ("tests/test_glossary.py",),
    ),
    Mutant(
        "chinese-number-scale-lost",
        "number-mismatch compares values: 5000亿 = 500 billion",
        "toolkit/check/numbers.py",
        'CHINESE_SECTIONS = {"万": 10**4, "亿": 10**8}',
        'CHINESE_SECTIONS = {"万": 10**4, "亿": 10**7}',
        ("tests/test_check_rules.py",),
    ),
    Mutant(
        "number-overflow-crashes",
        "a number no real text has (亿 45 times) is compared, never crashed on",
        "toolkit/check/numbers.py",
        "            value = real(parsed)\n",
        "            value = float(parsed)\n",
        ("tests/test_bad_input_check.py",),
    ),
    Mutant(
        "review-html-unescaped",
        "the review page shows any translation as text, never as markup",
        "toolkit/review/html.py",
        "    return escape(visible(text))\n",
        "    return visible(text)\n",
        ("tests/test_review.py",),
    ),
    Mutant(
        "review-annotated-docx-replaced",
        "a review DOCX a reviewer annotated is never replaced without --force",
        "toolkit/review/docx.py",
        "    return bool(found) and found.group(1)",
        "    return True or bool(found) and found.group(1)",
        ("tests/test_review.py",),
    ),
    Mutant(
        "align-replaces-a-confirmed-po",
        "align never replaces a PO file in which a translator confirmed an entry, without --force",
        "toolkit/align/write.py",
        "        return generated and all(unit.fuzzy or unit.obsolete for unit in catalog.units)\n",
        "        return generated\n",
        ("tests/test_bad_input_align.py",),
    ),
    Mutant(
        "xliff-empty-target-overwrites",
        "xliff import never loses a PO translation: a unit returned without a target keeps the PO's",
        "toolkit/xliff.py",
        "    elif returned.target:\n        merged = merged._replace(target=returned.target, state=returned.state)\n",
        "    else:\n        merged = merged._replace(target=returned.target, state=returned.state)\n",
        ("tests/test_xliff.py",),
    ),
    Mutant(
        "build-keeps-chrome",
        "the English article leaves web-page chrome out",
        "toolkit/build.py",
        "    if not keep_chrome:\n",
        "    if False:\n",
        ("tests/test_build.py",),
    ),
    Mutant(
        "placeholder-loss-unnoticed",
        "a URL or do-not-translate term the engine lost is flagged",
        "toolkit/draft/finish.py",
        '    notes = tuple(\n        f"{PLACEHOLDER_NOTE}',
        '    notes = () and tuple(\n        f"{PLACEHOLDER_NOTE}',
        ("tests/test_placeholders.py",),
    ),
    # --- issue 20: check speed, findings unchanged
    Mutant(
        "check-imports-every-command",
        "toolkit check imports only its own command module (no draft, memory or glossary formats at start-up)",
        "toolkit/cli/__init__.py",
        '    """Console entry point: maps ToolkitError to one line on stderr and exit code 2."""\n    try:',
        '    """Console entry point: maps ToolkitError to one line on stderr and exit code 2."""\n    _register()\n    try:',
        ("tests/test_check.py",),
    ),
    Mutant(
        "full-width-term-recoded",
        "a glossary term written in full-width letters matches as written (only other full-width letters are read as ASCII)",
        "toolkit/glossary/match.py",
        " for c in range(0xFF01, 0xFF5F) if chr(c) not in in_keys}",
        " for c in range(0xFF01, 0xFF5F)}",
        ("tests/test_glossary.py",),
    ),
    Mutant(
        "number-words-and-skipped",
        "number words joined by 'and' are read as one number (three hundred and twenty = 320)",
        "toolkit/check/numbers.py",
        '_VALUE_WORDS = NUMBER_WORDS | {"a", "an", "and"}',
        '_VALUE_WORDS = NUMBER_WORDS | {"a", "an"}',
        ("tests/test_check_speed.py",),
    ),
    Mutant(
        "pattern-program-unverified",
        "a regular-expression program is kept only when it builds the pattern re.compile builds",
        "toolkit/patterns.py",
        "    return program if same else None",
        "    return program",
        ("tests/test_patterns.py",),
    ),
    Mutant(
        "pattern-cache-unread",
        "the second run reads its regular-expression programs instead of compiling them again",
        "toolkit/patterns.py",
        "    program = programs.get(key)",
        "    program = None",
        ("tests/test_patterns.py",),
    ),
)


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    verdict: str  # killed | SURVIVED | stale
    seconds: float
    detail: str = ""


def _copy_tree(target: Path) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                target / name,
                ignore=shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache", ".cache"),
            )
        elif source.exists():
            shutil.copy2(source, target / name)


def _pytest(tree: Path, tests: tuple[str, ...]) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header", "-o", "addopts=", *tests],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )


def run_mutant(mutant: Mutant) -> Outcome:
    """Apply `mutant` in a scratch copy and run its tests."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="toolkit-mutant-") as scratch:
        tree = Path(scratch)
        _copy_tree(tree)
        target = tree / mutant.path
        text = target.read_text(encoding="utf-8")
        count = text.count(mutant.old)
        if count != 1:
            return Outcome(mutant, "stale", 0.0, f"snippet found {count} times in {mutant.path}")
        target.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
        run = _pytest(tree, mutant.tests)
    seconds = time.monotonic() - started
    if run.returncode == 0:
        return Outcome(mutant, "SURVIVED", seconds, run.stdout.strip().splitlines()[-1] if run.stdout else "")
    failed = [line for line in run.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return Outcome(mutant, "killed", seconds, failed[0] if failed else f"pytest exit {run.returncode}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="mutants to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    known = {m.name: m for m in MUTANTS}
    if args.list:
        for mutant in MUTANTS:
            print(f"{mutant.name:32} {mutant.guarantee}")
        return 0
    unknown = [name for name in args.names if name not in known]
    if unknown:
        parser.error(f"unknown mutant(s): {', '.join(unknown)}")
    selected = [known[name] for name in args.names] or list(MUTANTS)

    tests = tuple(dict.fromkeys(t for m in selected for t in m.tests))
    with tempfile.TemporaryDirectory(prefix="toolkit-mutant-base-") as scratch:
        _copy_tree(Path(scratch))
        baseline = _pytest(Path(scratch), tests)
    if baseline.returncode != 0:
        print("the unmutated tree fails its own tests; fix that first:\n" + baseline.stdout[-3000:])
        return 2

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(pool.map(run_mutant, selected))
    print("| mutant | guarantee broken | verdict | s | first failing test |")
    print("|---|---|---|---|---|")
    for o in outcomes:
        cells = (f"`{o.mutant.name}`", o.mutant.guarantee, o.verdict, f"{o.seconds:.0f}", o.detail)
        print(
            "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
        )  # a `#| msgid` must not split a cell
    bad = [o for o in outcomes if o.verdict != "killed"]
    print(f"\n{len(outcomes) - len(bad)} of {len(outcomes)} mutants killed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
