"""The `toolkit check` scaling steps, each run in its own process by bench/run.py; each prints one JSON line.

python bench/check_steps.py real TERMS ENTRIES     toolkit.check's library path on a synthetic set
python bench/check_steps.py naive TERMS ENTRIES    one regex per term over every entry (on a sample)
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import check_data

# Term × entry pairs the naive loop is timed on; it is linear in entries, so the rest is extrapolated.
NAIVE_PAIRS = 4_000_000
GLOSSARY_RULES = ("term-missing", "term-forbidden", "dnt-changed")


def read_entries(po_dir: Path, limit: int | None = None) -> list:
    """The translated entries of the PO set (the first `limit`, if given), as toolkit.check reads them."""
    from toolkit.check import catalog_entries
    from toolkit.storage.files import po_files
    from toolkit.storage.po import read_catalog

    entries = []
    for path in po_files([po_dir]):
        if limit is not None and len(entries) >= limit:
            break
        file_entries, _, _ = catalog_entries(read_catalog(path), str(path))
        entries.extend(e for e in file_entries if e.msgstr and not e.fuzzy)
    return entries[:limit]


def polib_read(po_dir: Path) -> int:
    """The same PO set parsed by polib, for comparison with toolkit's strict reader (toolkit.storage.po)."""
    import polib

    from toolkit.storage.files import po_files

    return sum(len(polib.pofile(str(path), wrapwidth=0)) for path in po_files([po_dir]))


def real(terms: int, entries: int) -> dict:
    """toolkit.check end to end (load glossary, read and check every PO file), then reading and rules apart."""
    glossary_path, po_dir = check_data.check_set(terms, entries)
    started = time.perf_counter()
    from toolkit.check import check_catalogs, check_entries
    from toolkit.cli.options import glossary_cache
    from toolkit.glossary import load_glossary

    imported = time.perf_counter()
    glossary = load_glossary(glossary_path, glossary_cache())  # the cache `toolkit check` uses
    loaded = time.perf_counter()
    result = check_catalogs([po_dir], glossary)
    checked = time.perf_counter()
    in_memory = read_entries(po_dir)
    polib_started = time.perf_counter()
    polib_read(po_dir)
    matching_started = time.perf_counter()
    polib_seconds = matching_started - polib_started
    check_entries(in_memory, glossary)
    matching_done = time.perf_counter()
    return {
        "terms": terms,
        "entries": len(in_memory),
        "import_seconds": imported - started,
        "glossary_seconds": loaded - imported,
        "check_seconds": checked - loaded,
        "total_seconds": checked - started,
        "read_seconds": polib_started - checked,
        "polib_read_seconds": polib_seconds,
        "rules_seconds": matching_done - matching_started,
        "findings": dict(Counter(f.rule for f in result.findings)),
    }


def glossary_findings(findings) -> Counter:
    """(rule, file, line) counts of the glossary rules, Latin-name checks left out."""
    return Counter(
        (f.rule, f.file, f.line) for f in findings if f.rule in GLOSSARY_RULES and "Latin name" not in f.message
    )


def naive_check(entries, concepts) -> list:
    """One compiled regex per term (both scripts) searched in every entry; the same target-side tests."""
    import opencc
    import regex

    from toolkit.check import Finding
    from toolkit.glossary import SCRIPT_FORMS

    def alternative(form: str) -> str:
        # Latin forms match as whole words only, as the glossary matcher does: Vimi6 is not in Vimi68.
        before = r"(?<![A-Za-z0-9])" if form[:1].isascii() and form[:1].isalnum() else ""
        after = r"(?![A-Za-z0-9])" if form[-1:].isascii() and form[-1:].isalnum() else ""
        return before + regex.escape(form) + after

    converters = [opencc.OpenCC(config) for config in SCRIPT_FORMS]
    patterns = []
    for concept in concepts:
        forms = sorted({concept.zh, *(c.convert(concept.zh) for c in converters)}, key=len, reverse=True)
        patterns.append((regex.compile("|".join(map(alternative, forms)), regex.IGNORECASE), concept))
    findings = []
    for entry in entries:
        for pattern, concept in patterns:
            if not pattern.search(entry.msgid):
                continue
            forbidden = concept.forbidden_in(entry.msgstr)
            for rendering in forbidden:
                findings.append(Finding(entry.file, entry.line, "term-forbidden", "error", rendering))
            if not forbidden and not concept.accepted_in(entry.msgstr):
                rule = "dnt-changed" if concept.dnt else "term-missing"
                findings.append(Finding(entry.file, entry.line, rule, "error", concept.zh))
    return findings


def naive(terms: int, entries: int) -> dict:
    """The per-term regex loop on a sample of the entries, its time scaled to all; findings compared with toolkit's."""
    from toolkit.check import check_entries
    from toolkit.cli.options import glossary_cache
    from toolkit.glossary import load_glossary

    glossary_path, po_dir = check_data.check_set(terms, entries)
    glossary = load_glossary(glossary_path, glossary_cache())
    sample = read_entries(po_dir, limit=max(1, min(entries, NAIVE_PAIRS // terms)))
    started = time.perf_counter()
    findings = naive_check(sample, glossary.concepts)
    seconds = time.perf_counter() - started
    expected = glossary_findings(check_entries(sample, glossary))
    return {
        "terms": terms,
        "entries": entries,
        "sample": len(sample),
        "sample_seconds": seconds,
        "scaled_seconds": seconds * entries / len(sample),
        "findings_agree": glossary_findings(findings) == expected,
        "findings": sum(expected.values()),
    }


def main() -> None:
    """Run one step and print its JSON report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["real", "naive"])
    parser.add_argument("terms", type=int)
    parser.add_argument("entries", type=int)
    args = parser.parse_args()
    step = real if args.step == "real" else naive
    print(json.dumps(step(args.terms, args.entries)))


if __name__ == "__main__":
    main()
