"""Running the rules: one pass over each entry, file by file, on both cores when there are many files.

For each file: read it strictly, run the file rules (a catalogue that is not zh→en stops there), the status
rules, then every entry rule the pre-pass (toolkit.check.facts) admits, with the glossary matched once per
source (both scripts, one Aho–Corasick pass). The set rules then look at the entries of every file together.
Findings are ordered by file and line, and, on one line, by the order of the rule table; a run over a
process pool gives byte for byte what a serial run gives (same findings, same order, same errors).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from toolkit.check.collector import collector_paused
from toolkit.check.model import CheckResult, Finding, Summary, Translation, finding
from toolkit.check.sets import SourceGroups
from toolkit.check.table import DEFAULT_RULES, rules_of
from toolkit.check.terms import LATIN_LETTER, TermMatches
from toolkit.storage.files import po_files
from toolkit.storage.po import read_catalog
from toolkit.storage.units import State
from toolkit.textio import STDIN

if TYPE_CHECKING:
    from toolkit.glossary.model import Glossary
    from toolkit.storage.units import Catalog

POOL_MIN_BYTES = 1 << 20
"""Below this much PO text a run stays in one process (starting workers would cost more than it saves)."""


class FileResult(NamedTuple):
    """What checking one file gave: its summary, its file and status findings, its entry findings, the entries
    the set rules look at."""

    summary: Summary
    findings: list[Finding]
    entry_findings: list[Finding]
    entries: list[Translation]


class Job(NamedTuple):
    """What every file of a run is checked with."""

    glossary: Glossary | None
    include_fuzzy: bool
    selected: Collection[str]


def check_entries(
    entries: Iterable[Translation], glossary: Glossary | None = None, selected: Collection[str] = DEFAULT_RULES
) -> list[Finding]:
    """Run the selected entry and set rules over in-memory entries (all of them; filter fuzzy ones before)."""
    entries = list(entries)
    findings = entry_findings(entries, glossary, selected) + set_findings(entries, selected)
    findings.sort(key=_position)
    return findings


def entry_findings(
    entries: Iterable[Translation], glossary: Glossary | None, selected: Collection[str]
) -> list[Finding]:
    """The findings of the selected entry rules, entry by entry, in rule-table order for each entry."""
    findings: list[Finding] = []
    entry_rules = rules_of("entry", selected)
    glossary_rules = tuple((rule, rule.applies) for rule in entry_rules if rule.glossary)
    plain_rules = tuple((rule, rule.applies) for rule in entry_rules if not rule.glossary)
    find = glossary.find if glossary is not None else None
    latin = LATIN_LETTER.search
    append = findings.append
    for entry in entries:
        matches = TermMatches(find(entry.msgid)) if find is not None else []
        if glossary_rules and (matches or latin(entry.msgid)):
            for rule, applies in glossary_rules:
                if applies is not None and not applies(entry, matches):
                    continue
                for message in rule.check(entry, matches):
                    append(finding(entry, rule, message))
        for rule, applies in plain_rules:
            if applies is not None and not applies(entry):
                continue
            for message in rule.check(entry, matches):
                append(finding(entry, rule, message))
    return findings


def set_findings(entries: Sequence[Translation] | SourceGroups, selected: Collection[str]) -> list[Finding]:
    """The findings of the selected set rules over all `entries` (or those entries already grouped)."""
    rules = rules_of("set", selected)
    if rules and not isinstance(entries, SourceGroups):
        entries = SourceGroups(entries)
    return [finding(entry, rule, message) for rule in rules for entry, message in rule.check(entries)]


def check_catalogs(
    paths: Sequence[str | Path],
    glossary: Glossary | None = None,
    include_fuzzy: bool = False,
    selected: Collection[str] = DEFAULT_RULES,
    workers: int | None = None,
) -> CheckResult:
    """Check the PO files at `paths` (files or directories, searched recursively) as one set.

    `workers`: processes to check files in; None picks the usable cores when the files hold at least
    POOL_MIN_BYTES (one process otherwise, and always for standard input); 1 is one process.
    """
    files = po_files(paths)
    job = Job(glossary, include_fuzzy, frozenset(selected))
    count = min(_workers(files) if workers is None else workers, len(files))
    if count > 1 and (Path(STDIN) in files or not _can_fork()):
        count = 1
    results = _pooled(files, job, count) if count > 1 else (check_file(path, job) for path in files)
    result = CheckResult(workers=count)
    head: list[Finding] = []
    body: list[Finding] = []
    entries = SourceGroups()
    with collector_paused():
        for file_result in results:
            result.summaries.append(file_result.summary)
            head += file_result.findings
            body += file_result.entry_findings
            entries.add(file_result.entries)
        result.findings = head + body + set_findings(entries, job.selected)
    result.findings.sort(key=_position)
    return result


def check_file(path: Path, job: Job) -> FileResult:
    """Read and check one PO file (its entries go to the set rules too)."""
    file_entries, summary, catalog = catalog_entries(read_catalog(path), str(path))
    file_findings = [
        Finding(str(path), 1, rule.name, rule.severity, message)
        for rule in rules_of("file", job.selected)
        for message in rule.check(catalog)
    ]
    if file_findings:
        return FileResult(replace(summary, checked=False), file_findings, [], [])
    status = [
        finding(entry, rule, message)
        for rule in rules_of("status", job.selected)
        for entry in file_entries
        for message in rule.check(entry)
    ]
    checked = [entry for entry in file_entries if entry.msgstr and (job.include_fuzzy or not entry.fuzzy)]
    found = entry_findings(checked, job.glossary, job.selected)
    return FileResult(summary, status, found, checked if rules_of("set", job.selected) else [])


def catalog_entries(catalog: Catalog, file: str) -> tuple[list[Translation], Summary, Catalog]:
    """The live entries of a parsed catalogue as Translation records, its summary, and the catalogue."""
    entries = []
    append = entries.append
    translated = fuzzy_count = untranslated_count = 0
    fuzzy_state = State.FUZZY
    for unit in catalog.units:
        source = unit.source
        if unit.obsolete or not source:
            continue
        if unit.source_plural is not None:
            forms = unit.target_plurals
            msgstr = "\n".join(forms) if forms and all(forms) else ""
            msgid = f"{source}\n{unit.source_plural}"
        else:
            msgstr, msgid = unit.target, source
        is_fuzzy = unit.state is fuzzy_state  # Unit.fuzzy, without the property call
        if is_fuzzy:
            fuzzy_count += 1
        elif msgstr:
            translated += 1
        else:
            untranslated_count += 1
        append(Translation(file, unit.line, msgid, msgstr, is_fuzzy))
    return entries, Summary(file, translated, fuzzy_count, untranslated_count), catalog


def _position(finding: Finding) -> tuple[str, int]:
    return finding.file, finding.line


def _can_fork() -> bool:
    """Whether workers can start as copies of this process (POSIX): the glossary is then shared, not sent."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _workers(files: Sequence[Path]) -> int:
    """The usable cores, when the files are large enough together to be worth a pool; else 1."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cores < 2 or len(files) < 2:
        return 1
    size = 0
    for path in files:
        try:
            size += path.stat().st_size
        except OSError:  # the reader names the problem when it gets there
            continue
        if size >= POOL_MIN_BYTES:
            return cores
    return 1


_JOB: Job | None = None
"""The job of a pool worker, set once as the worker starts (forked: the glossary is not copied or pickled)."""


def _start_worker(job: Job) -> None:
    global _JOB
    _JOB = job
    gc.disable()  # as in collector_paused, for the life of the worker


def _check_in_worker(path: Path) -> tuple:
    """check_file in a worker, its entries sent back as columns (a quarter of the cost of pickling records)."""
    result = check_file(path, _JOB)
    entries = result.entries
    columns = (
        ([e.line for e in entries], [e.msgid for e in entries], [e.msgstr for e in entries], [e.fuzzy for e in entries])
        if entries
        else None
    )
    return result.summary, result.findings, result.entry_findings, columns


def _from_worker(sent: tuple) -> FileResult:
    """The FileResult a worker sent as _check_in_worker packed it."""
    summary, findings, entry_findings, columns = sent
    if columns is None:
        return FileResult(summary, findings, entry_findings, [])
    return FileResult(summary, findings, entry_findings, list(map(Translation, repeat(summary.file), *columns)))


def _pooled(files: Sequence[Path], job: Job, workers: int) -> Iterable[FileResult]:
    """check_file over `files` in `workers` forked processes, results in file order; the first error (in file
    order) is raised as a serial run raises it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(job,))
    try:
        for sent in executor.map(_check_in_worker, files):
            yield _from_worker(sent)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
