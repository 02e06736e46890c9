"""One draft run: segment -> memory -> engine -> enforce -> merge -> write, with a Report of what happened.

The pure core works on in-memory objects: `plan_draft` (documents + previous catalogues + memory -> what to
reuse, what to draft) and `finish_draft` (+ engine + glossary -> catalogues + Report); `draft_catalogs` is
both in one step. `draft_files` does the I/O around them: resolve paths, check and lock the output, read,
write atomically.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from contextlib import suppress
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

import polib

from toolkit import __version__
from toolkit.catalog import (
    Entry, check_mergeable, merge, obsolete_count, read_po, recorded_stamp, same_entries, write_po,
)
from toolkit.engines import Engine, EngineOptions, Hypothesis, build_engine
from toolkit.enforce import Counters, Enforced, enforce, term_notes
from toolkit.errors import InputError, LockError, ModelError, OutputError
from toolkit.glossary import Glossary, TermMatch, glossary_files, load_glossary
from toolkit.memory import Memory, MemoryMatch, po_files, read_units, units_from_catalog
from toolkit.paths import DEFAULT_OUTPUT, LANGUAGE, output_dir, po_path_for, source_files
from toolkit.placeholders import Masked, mask, restore
from toolkit.segment import Document, segment_file
from toolkit.textio import read_bytes

LOCK_NAME = ".toolkit-draft.lock"
"""Lock file in the output directory: one draft run at a time."""

HYPOTHESES = 4
"""Hypotheses asked per sentence when the batch contains glossary terms, to pick the one that keeps most terms."""

ORIGIN_PREFIXES = ("Draft:", "Memory:")
"""Notes that say where a translation came from; kept with the entry on re-draft."""

DAMAGE_FLAG = "encoding-damage"
"""Segment flag for likely mojibake: the note quotes the damaged text (other flags are listed as `Source: heading`)."""

PLACEHOLDER_NOTE = "Placeholder"
"""Starts the note of a drafted entry whose URL, address or do-not-translate term the engine dropped (entry stays fuzzy)."""

NO_MODEL_NOTICE = (
    "no zh→en Argos model installed; writing entries for translators to fill "
    "(install one with `toolkit models install zh en` or `--model FILE.argosmodel`)"
)

NOT_LOADED = "not loaded (nothing new to draft)"

EngineFactory = Callable[[], Engine]


@dataclass(frozen=True)
class Job:
    """One source document and the PO file it drafts into (with its previous content, if any)."""

    document: Document
    po_path: str
    previous: polib.POFile | None = None
    stamp: str | None = None
    """What the draft is made from (see `draft_stamp`); recorded in the PO header once every entry has a translation."""


@dataclass(frozen=True)
class Report:
    """What a draft run did, printed as the summary; `signature` says how drafts were made."""

    files: int = 0
    segments: int = 0
    entries: int = 0
    from_memory_exact: int = 0
    from_memory_fuzzy: int = 0
    drafted: int = 0
    untranslated: int = 0
    unchanged: int = 0
    kept_human: int = 0
    obsolete: int = 0
    up_to_date: int = 0
    written: int = 0
    engine_calls: int = 0
    suppressed: int = 0
    signature: str = "none"
    glossary: Counters = field(default_factory=Counters)

    def summary(self) -> str:
        """Entries by origin, how drafts were made, and (when anything was drafted) what glossary enforcement did."""
        if self.files and self.up_to_date == self.files:
            return (
                f"{_count(self.files, 'file')} up to date (sources and glossary unchanged since the last complete draft): "
                f"0 drafted, nothing written\nengine: {self.signature}; {_count(self.engine_calls, 'engine call')}"
            )
        counts = (
            f"{_count(self.files, 'file')} ({self.written} written), {_count(self.segments, 'segment')}, "
            f"{_count(self.entries, 'entry', 'entries')}: {self.from_memory_exact} from memory, "
            f"{self.from_memory_fuzzy} from memory (fuzzy), {self.drafted} drafted, {self.untranslated} left to translate, "
            f"{self.unchanged} unchanged, {self.kept_human} kept (translator's), {self.obsolete} made obsolete"
        )
        engine = f"engine: {self.signature}; {_count(self.engine_calls, 'engine call')}"
        if not self.drafted:
            return "\n".join((counts, engine))
        g = self.glossary
        terms = (
            f"glossary: {_count(g.terms, 'term')} in drafts, {self.suppressed} forbidden renderings suppressed, "
            f"{g.picked} better hypotheses picked, {g.replaced} renderings replaced, "
            f"{g.violations} still violating (noted, left fuzzy)"
        )
        return "\n".join((counts, engine, terms))


def _count(number: int, singular: str, plural: str | None = None) -> str:
    """`1 file`, `2 files`."""
    if number == 1:
        return f"{number} {singular}"
    return f"{number} {plural or singular + 's'}"


@dataclass(frozen=True)
class Drafted:
    """The result of the pure core: one catalogue per job (same order) and the report."""

    catalogs: tuple[polib.POFile, ...]
    report: Report


@dataclass
class _Sentence:
    """A distinct sentence of one document: every place it occurs and the union of their flags."""

    text: str
    references: list[tuple[str, int]]
    flags: list[str]
    damage: list[str]


@dataclass(frozen=True)
class _Planned:
    """One sentence's fate before engine and glossary: a reused entry (glossary notes still to add), or None to draft."""

    sentence: _Sentence
    entry: Entry | None
    kind: str
    check: str | None = None
    comment: str = ""


@dataclass(frozen=True)
class Plan:
    """What a run reuses and what it still has to draft: decided from documents, old catalogues and memory alone."""

    jobs: tuple[Job, ...]
    items: tuple[tuple[_Planned, ...], ...]
    pending: tuple[str, ...]
    """Distinct sentences of all files that need the engine, in document order."""


def plan_draft(jobs: Sequence[Job], memory: Memory) -> Plan:
    """Keep what the PO files have, take what memory has (one batch lookup), and list the rest for one engine call."""
    olds = [{entry.msgid: entry for entry in job.previous or () if entry.msgid} for job in jobs]
    sentences = [_sentences(job.document) for job in jobs]
    unkept = {s.text: None for old, found in zip(olds, sentences) for s in found if _kept(old.get(s.text)) is None}
    matches = dict(zip(unkept, memory.lookup_all(list(unkept))))
    items = []
    pending: dict[str, None] = {}
    for job, old_entries, found in zip(jobs, olds, sentences):
        planned = tuple(_reuse(sentence, old_entries, matches.get(sentence.text), job.po_path) for sentence in found)
        pending.update((item.sentence.text, None) for item in planned if item.entry is None)
        items.append(planned)
    return Plan(tuple(jobs), tuple(items), tuple(pending))


def finish_draft(plan: Plan, engine: Engine | None, glossary: Glossary | None = None, *, now: datetime) -> Drafted:
    """Draft the pending sentences in one engine call, enforce the glossary, note every entry, merge the catalogues."""
    matches_of: dict[str, list[TermMatch]] = {}

    def matches(text: str) -> list[TermMatch]:
        if text not in matches_of:
            matches_of[text] = glossary.find(text) if glossary is not None else []
        return matches_of[text]

    drafts: dict[str, Enforced] = {}
    suppress: list[str] = []
    engine_calls = 0
    signature = NOT_LOADED if not plan.pending else "none"
    if plan.pending and engine is not None:
        signature = engine.signature() + (f", glossary {glossary.version}" if glossary is not None else "")
        # One call for the whole run, so suppression covers the forbidden renderings of every term in it.
        suppress = sorted({r for text in plan.pending for m in matches(text) for r in m.concept.forbidden})
        wanted = HYPOTHESES if any(matches(text) for text in plan.pending) else 1
        # URLs, e-mail addresses and do-not-translate terms go to the engine as placeholders (toolkit.placeholders).
        masked = [mask(text, [(m.start, m.end, m.concept.en) for m in matches(text) if m.concept.dnt]) for text in plan.pending]
        hypotheses = engine.translate([sentence.text for sentence in masked], num_hypotheses=wanted, suppress=suppress)
        engine_calls = 1
        if len(hypotheses) != len(plan.pending):
            raise ModelError(
                f"the engine returned {len(hypotheses)} results for {len(plan.pending)} sentences",
                signature,
                "report this engine problem; nothing was written",
            )
        drafts = {
            text: _enforce_restored(matches(text), sentence, candidates)
            for text, sentence, candidates in zip(plan.pending, masked, hypotheses)
        }

    tally = dict.fromkeys(("from_memory_exact", "from_memory_fuzzy", "drafted", "untranslated", "unchanged", "kept_human"), 0)
    catalogs = []
    obsolete = 0
    for job, planned in zip(plan.jobs, plan.items):
        entries = []
        for item in planned:
            text = item.sentence.text
            if item.entry is not None:
                entry = replace(item.entry, notes=item.entry.notes + term_notes(matches(text), item.check))
                kind = item.kind
            elif text in drafts and drafts[text].text:
                draft = drafts[text]
                notes = (f"Draft: {signature}",) + _source_notes(item.sentence) + draft.notes
                entry = Entry(text, draft.text, tuple(item.sentence.references), notes, ("fuzzy",), item.comment)
                kind = "drafted"
            else:
                notes = _source_notes(item.sentence) + term_notes(matches(text))
                entry = Entry(text, "", tuple(item.sentence.references), notes, comment=item.comment)
                kind = "untranslated"
            tally[kind] += 1
            entries.append(entry)
        catalog = merge(
            job.previous,
            entries,
            project=Path(job.document.file).name,
            source_language=job.document.script,
            generator=f"toolkit {__version__}",
            now=now,
            stamp=job.stamp if all(entry.msgstr for entry in entries) else None,
        )
        obsolete += obsolete_count(job.previous, catalog)
        catalogs.append(catalog)

    report = Report(
        files=len(plan.jobs),
        segments=sum(len(job.document.segments) for job in plan.jobs),
        entries=sum(len(planned) for planned in plan.items),
        obsolete=obsolete,
        engine_calls=engine_calls,
        suppressed=len(suppress),
        signature=signature,
        glossary=sum((drafts[text].counters for text in drafts), Counters()),
        **tally,
    )
    return Drafted(tuple(catalogs), report)


def _enforce_restored(matches: Sequence[TermMatch], masked: Masked, candidates: Sequence[Hypothesis]) -> Enforced:
    """Put the placeholders back into every hypothesis, enforce the glossary, and note what the engine lost."""
    restored = [restore(candidate.text, masked) for candidate in candidates]
    enforced = enforce(matches, [Hypothesis(r.text, c.score) for r, c in zip(restored, candidates)])
    lost = restored[enforced.chosen].missing if restored else ()
    notes = tuple(f"{PLACEHOLDER_NOTE}: “{original}” did not come back from the engine — add it by hand" for original in lost)
    return replace(enforced, notes=enforced.notes + notes)


def draft_catalogs(
    jobs: Sequence[Job],
    memory: Memory,
    make_engine: EngineFactory | None,
    glossary: Glossary | None = None,
    *,
    now: datetime,
) -> Drafted:
    """The pure core in one step: plan, load the engine only if something is new, finish."""
    plan = plan_draft(jobs, memory)
    engine = make_engine() if plan.pending and make_engine is not None else None
    return finish_draft(plan, engine, glossary, now=now)


def _sentences(document: Document) -> list[_Sentence]:
    """Distinct sentences in document order; a repeated sentence lists every reference and its damaged text."""
    found: dict[str, _Sentence] = {}
    damage = _damage_finder(document)
    for segment in document.segments:
        sentence = found.setdefault(segment.text, _Sentence(segment.text, [], [], []))
        sentence.references.append((segment.file, segment.line))
        sentence.flags.extend(flag for flag in segment.flags if flag not in sentence.flags)
        if DAMAGE_FLAG in segment.flags and damage is not None:
            damaged = [text for _, text in damage.iter(segment.text)]
            sentence.damage.extend(text for text in damaged if text not in sentence.damage)
    return list(found.values())


def _damage_finder(document: Document):
    """An Aho–Corasick automaton over the document's damaged spans (linear even with thousands), or None."""
    texts = {cleaning.text for cleaning in document.cleanings if cleaning.kind == DAMAGE_FLAG and cleaning.text}
    if not texts:
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for text in texts:
        automaton.add_word(text, text)
    automaton.make_automaton()
    return automaton


def _source_notes(sentence: _Sentence) -> tuple[str, ...]:
    """Cleaning warnings and formatting flags of the sentence, as notes."""
    notes = []
    if DAMAGE_FLAG in sentence.flags:
        quoted = ", ".join(f"“{text}”" for text in sentence.damage)
        notes.append(f"Warning: encoding damage in the source{': ' + quoted if quoted else ''} — not repaired, compare with the original")
    plain = [flag for flag in sentence.flags if flag != DAMAGE_FLAG]
    if plain:
        notes.append("Source: " + ", ".join(plain))
    return tuple(notes)


def _kept(old: polib.POEntry | None) -> polib.POEntry | None:
    """The PO file's own entry for a sentence when it holds a translation to keep."""
    return old if old is not None and not old.obsolete and old.msgstr else None


def _reuse(sentence: _Sentence, old_entries: dict[str, polib.POEntry], match: MemoryMatch | None, po_path: str) -> _Planned:
    """Keep the PO file's translation, else take memory's; the glossary notes are added when the run finishes."""
    references = tuple(sentence.references)
    old = old_entries.get(sentence.text)
    comment = old.tcomment if old is not None and old.tcomment else ""
    if _kept(old) is not None:
        fuzzy = "fuzzy" in old.flags
        origin = tuple(note for note in old.comment.split("\n") if note.startswith(ORIGIN_PREFIXES))
        entry = Entry(
            msgid=old.msgid,
            msgstr=old.msgstr,
            references=references,
            notes=origin + _source_notes(sentence),
            flags=tuple(old.flags),
            comment=comment,
            previous_msgid=old.previous_msgid if fuzzy else None,
        )
        return _Planned(sentence, entry, "unchanged" if fuzzy else "kept_human", old.msgstr if fuzzy else None)
    if match is None:
        return _Planned(sentence, None, "pending", comment=comment)
    unit = match.unit
    target = unit.target.strip("\n")  # segments never start or end with a newline; msgfmt -c wants both sides alike
    if match.exact:
        note = f"Memory: exact match from {unit.origin}"
        if match.other_script:
            note = f"Memory: exact match in the other script from {unit.origin}: {unit.source}"
        entry = Entry(sentence.text, target, references, (note,) + _source_notes(sentence), comment=comment)
        return _Planned(sentence, entry, "from_memory_exact")
    same_file = unit.origin == po_path and unit.source != sentence.text
    if same_file and not comment and unit.source in old_entries:
        comment = old_entries[unit.source].tcomment or ""
    note = f"Memory: {match.score:g}% match from {unit.origin}" + ("" if same_file else f": {unit.source}")
    entry = Entry(
        msgid=sentence.text,
        msgstr=target,
        references=references,
        notes=(note,) + _source_notes(sentence),
        flags=("fuzzy",),
        comment=comment,
        previous_msgid=unit.source if same_file else None,
    )
    return _Planned(sentence, entry, "from_memory_fuzzy", target)



def draft_files(
    sources: Sequence[str | Path],
    output: str | Path = DEFAULT_OUTPUT,
    make_engine: EngineFactory | None = None,
    *,
    memory_paths: Sequence[str | Path] = (),
    glossary_path: str | Path | None = None,
    encoding: str | None = None,
    advance: Callable[[str, int], None] = lambda label, steps: None,
    now: datetime | None = None,
) -> Report:
    """Draft PO files for the sources into `output`: check and lock the output, read everything, write at the end.

    `advance(label, steps)` reports progress: 2 × files + 1 steps in all (segment each, draft, write each).
    """
    from filelock import FileLock, Timeout

    files = source_files(sources)
    output = output_dir(output)
    targets = [po_path_for(path, output) for path in files]
    _check_distinct(files, targets)
    target_dir = output / LANGUAGE
    _check_writable(target_dir)
    lock = FileLock(str(output / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise LockError(
            "another `toolkit draft` is writing to this output directory", str(output), "wait for it to finish and run again"
        ) from None
    except IsADirectoryError:
        raise LockError("the lock file is a directory", str(output / LOCK_NAME), "remove that directory and run again") from None
    except OSError as error:
        hint = "free some space or inodes on that disk" if error.errno in (errno.ENOSPC, errno.EDQUOT) else "check the output directory"
        raise OutputError(f"cannot create the lock file: {error.strerror}", str(output / LOCK_NAME), hint) from None
    try:
        for stale in target_dir.glob(".*.po.*.tmp"):  # left by a killed run (staged, kept and temporary files)
            stale.unlink(missing_ok=True)
        memory_files = [p for m in memory_paths for p in po_files(m)]
        stamps = [draft_stamp(path, encoding, glossary_path) for path in files]
        if all(recorded_stamp(target) == stamp for target, stamp in zip(targets, stamps)):
            return Report(files=len(files), up_to_date=len(files), signature=NOT_LOADED)
        catalogs = {str(path): read_po(path) for path in po_files(target_dir)}
        units = [unit for origin, catalog in catalogs.items() for unit in units_from_catalog(catalog, origin)]
        for path in dict.fromkeys(str(path) for path in memory_files):
            if path not in catalogs:
                units.extend(read_units(path))
        for target in targets:
            if str(target) in catalogs:
                check_mergeable(catalogs[str(target)], target)
        jobs = []
        for path, target, stamp in zip(files, targets, stamps):
            document = segment_file(path, encoding)
            if not document.segments:
                raise InputError("no text to translate (empty, whitespace or only markup)", str(path),
                                 "check that this is the right file, or leave it out of the run")
            jobs.append(Job(document, str(target), catalogs.get(str(target)), stamp))
            advance(f"segmented {path.name}", 1)
        memory = Memory(units)
        plan = plan_draft(jobs, memory)
        advance(f"drafting {_count(len(plan.pending), 'sentence')}", 0)
        with ThreadPoolExecutor(max_workers=1) as background:
            # The glossary loads in the background while the model loads here (CTranslate2 releases the GIL).
            # Not the other way round: on a busy 2-core machine a Translator built in a worker thread
            # decoded up to several times slower in our measurements.
            loading = background.submit(load_glossary, glossary_path) if glossary_path is not None else None
            engine = make_engine() if plan.pending and make_engine is not None else None
            glossary = loading.result() if loading is not None else None
        drafted = finish_draft(plan, engine, glossary, now=now or datetime.now(timezone.utc))
        advance("writing", 1)
        changed = [(Path(job.po_path), catalog) for job, catalog in zip(jobs, drafted.catalogs)
                   if not same_entries(job.previous, catalog)]
        write_all(changed)
        advance(f"wrote {_count(len(changed), 'file')}", len(jobs))
    finally:
        lock.release()
    return replace(drafted.report, written=len(changed))


def write_all(files: Sequence[tuple[Path, polib.POFile]]) -> None:
    """Write every PO file or none: stage each beside its target (`write_po`), then rename them all; a failed rename
    puts back the files already renamed (from hard links to their old versions), so OutputError means nothing changed."""
    staged: dict[Path, Path] = {}
    kept: dict[Path, Path | None] = {}
    renamed: list[Path] = []
    try:
        for target, catalog in files:
            staged[target] = target.with_name(f".{target.name}.staged.tmp")
            try:
                write_po(staged[target], catalog)
            except OutputError as error:  # name the translator's file, not our temporary one
                raise OutputError(error.what, str(target), error.hint) from None
            with suppress(OSError):
                os.chmod(staged[target], target.stat().st_mode & 0o7777)
        for target in staged:
            kept[target] = _keep_old(target)
        for target, staging in staged.items():
            os.replace(staging, target)
            renamed.append(target)
    except OSError as error:
        lost = _put_back(renamed, kept)
        if lost:
            raise OutputError(
                f"cannot write file: {error.strerror}; {', '.join(map(str, lost))} could not be put back and hold the new draft",
                str(error.filename or target),
                "the other PO files are as they were; check the disk and run again",
            ) from None
        raise OutputError(
            f"cannot write file: {error.strerror}", str(error.filename or target),
            "nothing was written (every PO file is as it was); check the disk and run again",
        ) from None
    finally:
        for path in [*staged.values(), *(old for old in kept.values() if old is not None)]:
            with suppress(OSError):
                path.unlink(missing_ok=True)


def _keep_old(target: Path) -> Path | None:
    """A hard link (or copy) of the file about to be replaced, to put back if a later rename fails; None if new."""
    if not target.exists():
        return None
    old = target.with_name(f".{target.name}.old.tmp")
    old.unlink(missing_ok=True)
    try:
        os.link(target, old)
    except OSError:
        shutil.copy2(target, old)
    return old


def _put_back(renamed: Sequence[Path], kept: dict[Path, Path | None]) -> list[Path]:
    """Undo the renames already done; the files that could not be restored."""
    lost = []
    for target in reversed(renamed):
        try:
            if kept[target] is None:
                target.unlink()
            else:
                os.replace(kept[target], target)
        except OSError:
            lost.append(target)
    return lost


def draft_stamp(source: Path, encoding: str | None, glossary_path: str | Path | None) -> str:
    """A hash of everything a complete draft depends on: toolkit version, source path and bytes, encoding, glossary files.

    When a PO file records the same stamp, re-drafting it would change nothing: no segmenting, no glossary.
    """
    digest = hashlib.sha256(f"{__version__}\0{source}\0{encoding}\0".encode())
    digest.update(read_bytes(source))
    if glossary_path is not None:
        for path in glossary_files(glossary_path):
            digest.update(f"\0{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _check_distinct(files: Sequence[Path], targets: Sequence[Path]) -> None:
    seen: dict[Path, Path] = {}
    for source, target in zip(files, targets):
        if target in seen and seen[target].resolve() != source.resolve():
            raise InputError(
                f"{seen[target]} and {source} would both draft into {target}",
                None,
                "rename one of them or draft them into different output directories (-o)",
            )
        seen[target] = source
        if source.resolve().parent == target.parent.resolve():
            raise InputError(
                "is in the output directory (an English document `toolkit build` wrote?)",
                str(source),
                "draft the Chinese sources, or pass another -o DIR",
            )


def _check_writable(directory: Path) -> None:
    """Fail with one clear line before any work when the output directory cannot be created or written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create the output directory: {error.strerror}", str(directory), "pass a writable -o DIR") from None
    if not os.access(directory, os.W_OK | os.X_OK) or not os.access(directory.parent, os.W_OK | os.X_OK):
        raise OutputError("output directory is not writable", str(directory), "fix its permissions or pass another -o DIR")


def choose_engine(
    choice: str, model: str | Path | None, options: EngineOptions = EngineOptions()
) -> tuple[EngineFactory | None, str | None]:
    """The engine factory for `--engine auto|argos|none` (and `--model`; `options`: device, cluster, progress), plus a notice."""
    if choice == "none":
        return None, None
    from toolkit.engines import argos

    if model is not None:
        check_language_pair(model)
        package = argos.load_package(model)
    else:
        package = argos.find_zh_en_package()
        if package is None:
            if choice == "argos":
                raise ModelError(
                    "no zh→en Argos model installed",
                    None,
                    "install one with `toolkit models install zh en` or pass --model FILE.argosmodel",
                )
            return None, NO_MODEL_NOTICE
    return (lambda: build_engine(package, options)), None



def is_chinese_code(code: str) -> bool:
    """Whether an Argos language code names Chinese in either script: zh, zt, zh_Hans, zh_Hant, zh-TW…"""
    code = code.strip().lower().replace("-", "_")
    return code in ("zh", "zt") or code.startswith("zh_")


def check_language_pair(model: str | Path) -> None:
    """ModelError unless the package given with --model translates Chinese into English (read before unpacking)."""
    from toolkit import models

    path = Path(model)
    info = models.read_package_dir(path) if path.is_dir() else models.check_archive(path)
    if not is_chinese_code(info.from_code) or info.to_code.strip().lower().replace("-", "_").split("_")[0] != "en":
        raise ModelError(
            f"translates {info.from_code}→{info.to_code}, not Chinese→English",
            str(path),
            "pass a zh→en package (zh, zt or zh_Hant → en), e.g. from `toolkit models install zh en`",
        )
