"""One draft run on disk: check and lock the output, read everything, plan, draft, write every PO file or none."""

from __future__ import annotations

import errno
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from toolkit.draft.finish import NOT_LOADED, EngineFactory, finish_draft
from toolkit.draft.merge import check_mergeable, same_units
from toolkit.draft.model import Article
from toolkit.draft.plan import plan_draft
from toolkit.draft.report import Report
from toolkit.draft.stamp import draft_stamp, up_to_date
from toolkit.errors import InputError, LockError, OutputError
from toolkit.glossary.model import Glossary
from toolkit.memory import FUZZY_THRESHOLD, Memory, memory_files, read_units, units_of
from toolkit.paths import DEFAULT_OUTPUT, LANGUAGE, check_distinct, find_sources, output_dir, writable_dir
from toolkit.script import HAN
from toolkit.segment import segment_file
from toolkit.storage.files import po_files, stale_temporaries, write_all
from toolkit.storage.output import STDOUT, is_stdout, write_output
from toolkit.storage.po import read_catalog, render
from toolkit.words import count

LOCK_NAME = ".toolkit-draft.lock"
"""Lock file in the output directory: one draft run at a time."""

Progress = Callable[[str, int, int], None]
"""`advance(label, steps, total)`: `steps` more of `total` done (segment each file, draft, write each file)."""


@dataclass(frozen=True)
class GlossarySource:
    """The glossary a run uses, as the CLI resolved it: its files (for the stamp) and how to load it (with its cache)."""

    files: tuple[Path, ...]
    load: Callable[[], Glossary]

    @classmethod
    def at(cls, path: str | Path, cache_dir: Path | None = None) -> GlossarySource:
        """The glossary of a directory (every *.tsv in it) or one TSV file, converted through `cache_dir`."""
        from toolkit.glossary.tsv import glossary_files, load_glossary

        return cls(tuple(glossary_files(path)), lambda: load_glossary(path, cache_dir))


@dataclass(frozen=True)
class MemorySource:
    """One --tm path, and whether the user vouches for it (`--tm-trusted`: a TMX is then read as reviewed)."""

    path: str | Path
    trusted: bool = False


def draft_files(
    sources: Sequence[str | Path],
    output: str | Path = DEFAULT_OUTPUT,
    make_engine: EngineFactory | None = None,
    *,
    memory: Sequence[MemorySource] = (),
    glossary: GlossarySource | None = None,
    encoding: str | None = None,
    threshold: float = FUZZY_THRESHOLD,
    advance: Progress = lambda label, steps, total: None,
    now: datetime | None = None,
) -> Report:
    """Draft PO files for the sources into `output`: check and lock the output, read everything, write at the end.

    `output` `-`: the PO file of one source on standard output (memory from `memory` only; nothing is written).
    """
    files, skipped = find_sources(sources)
    if is_stdout(output):
        return _draft_to_stdout(files, make_engine, memory, glossary, encoding, threshold, now)
    output = output_dir(output)
    targets = check_distinct(files, output)
    target_dir = writable_dir(output / LANGUAGE)
    total = 2 * len(files) + 1

    def step(label: str, steps: int) -> None:
        advance(label, steps, total)

    with _locked(output):
        step("reading", 0)
        for stale in stale_temporaries(target_dir):  # left by a killed run (staged, kept and temporary files)
            stale.unlink(missing_ok=True)
        memory_paths = [(path, source.trusted) for source in memory for path in memory_files(source.path)]
        stamps = [draft_stamp(path, encoding, glossary.files if glossary is not None else ()) for path in files]
        if up_to_date(targets, stamps):
            return Report(files=len(files), up_to_date=len(files), signature=NOT_LOADED, skipped=tuple(skipped))
        articles, units = _read(files, targets, stamps, target_dir, memory_paths, encoding, step)
        plan = plan_draft(articles, Memory(units, threshold=threshold))
        step(f"drafting {count(len(plan.pending), 'sentence')}", 0)
        with ThreadPoolExecutor(max_workers=1) as background:
            # The glossary loads in the background while the model loads here (CTranslate2 releases the GIL).
            # Not the other way round: on a busy 2-core machine a Translator built in a worker thread
            # decoded up to several times slower in our measurements.
            loading = background.submit(glossary.load) if glossary is not None else None
            engine = make_engine() if plan.pending and make_engine is not None else None
            loaded = loading.result() if loading is not None else None
        drafted = finish_draft(plan, engine, loaded, now=now or datetime.now(UTC))
        step("writing", 1)
        changed = [
            (Path(article.po_path), render(catalog))
            for article, catalog in zip(articles, drafted.catalogs)
            if not same_units(article.previous, catalog)
        ]
        write_all(changed)
        step(f"wrote {count(len(changed), 'file')}", len(articles))
    return replace(drafted.report, written=len(changed), skipped=tuple(skipped))


def _draft_to_stdout(
    files: Sequence[Path],
    make_engine: EngineFactory | None,
    memory: Sequence[MemorySource],
    glossary: GlossarySource | None,
    encoding: str | None,
    threshold: float,
    now: datetime | None,
) -> Report:
    """`toolkit draft SOURCE -o -`: one source's PO file, as a first draft would write it, on standard output."""
    if len(files) != 1:
        raise InputError(
            f"-o - writes one PO file, and {len(files)} sources were given",
            "-o -",
            "draft one SOURCE to standard output, or pass -o DIR",
        )
    memory_paths = [(path, source.trusted) for source in memory for path in memory_files(source.path)]
    stamp = draft_stamp(files[0], encoding, glossary.files if glossary is not None else ())
    articles, units = _read(
        files,
        [Path(STDOUT) / files[0].with_suffix(".po").name],
        [stamp],
        None,
        memory_paths,
        encoding,
        lambda label, steps: None,
    )
    plan = plan_draft(articles, Memory(units, threshold=threshold))
    engine = make_engine() if plan.pending and make_engine is not None else None
    drafted = finish_draft(
        plan, engine, glossary.load() if glossary is not None else None, now=now or datetime.now(UTC)
    )
    write_output(STDOUT, render(drafted.catalogs[0]))
    return replace(drafted.report, written=1)


def _read(
    files: Sequence[Path],
    targets: Sequence[Path],
    stamps: Sequence[str],
    target_dir: Path | None,
    memory_paths: Sequence[tuple[Path, bool]],
    encoding: str | None,
    advance: Callable[[str, int], None],
):
    """The articles to draft (each PO file there checked as mergeable) and every memory unit, read strictly."""
    catalogs = (
        {str(path): read_catalog(path) for path in po_files([target_dir], allow_empty=True)} if target_dir else {}
    )
    units = [unit for catalog in catalogs.values() for unit in units_of(catalog)]
    for path, trusted in dict.fromkeys((str(path), trusted) for path, trusted in memory_paths):
        if path not in catalogs:
            units.extend(read_units(path, trusted=trusted))
    for target in targets:
        if str(target) in catalogs:
            check_mergeable(catalogs[str(target)], target)
    articles = []
    for path, target, stamp in zip(files, targets, stamps):
        document = segment_file(path, encoding)
        if not document.segments:
            raise InputError(
                "no text to translate (empty, whitespace or only markup)",
                str(path),
                "check that this is the right file, or leave it out of the run",
            )
        if not any(HAN.search(segment.text) for segment in document.segments):
            raise InputError(
                "no Chinese text in this source (the English side, or another language?)",
                str(path),
                "pass the Chinese original",
            )
        articles.append(Article(document, str(target), catalogs.get(str(target)), stamp))
        advance(f"segmented {path.name}", 1)
    return articles, units


class _locked:
    """The output directory's lock, held for the run: LockError when another run holds it."""

    def __init__(self, output: Path) -> None:
        from filelock import FileLock

        self.path = output / LOCK_NAME
        self.lock = FileLock(str(self.path))

    def __enter__(self) -> None:
        from filelock import Timeout

        try:
            self.lock.acquire(timeout=0)
        except Timeout:
            raise LockError(
                "another `toolkit draft` is writing to this output directory",
                str(self.path.parent),
                "wait for it to finish and run again",
            ) from None
        except IsADirectoryError:
            raise LockError(
                "the lock file is a directory", str(self.path), "remove that directory and run again"
            ) from None
        except OSError as error:
            hint = (
                "free some space or inodes on that disk"
                if error.errno in (errno.ENOSPC, errno.EDQUOT)
                else "check the output directory"
            )
            raise OutputError(f"cannot create the lock file: {error.strerror}", str(self.path), hint) from None

    def __exit__(self, *exc: object) -> None:
        self.lock.release()
