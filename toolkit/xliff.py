"""XLIFF exchange with CAT tools: export the PO files as XLIFF 1.2 or 2.0, import a returned XLIFF into them.

    translations/en/article.po  --export-->  xliff/article.xlf  --(memoQ, Trados, OmegaT, Weblate)-->
    returned article.xlf        --import-->  translations/en/article.po   (translations, states, comments)

The export writes every live entry as one unit whose id is a digest of its msgctxt and msgid
(toolkit.storage.xliff.unit_id). The import matches units by that id and changes, in each matched entry, only
what a CAT tool edits: the translation (every plural form), its state (fuzzy or not) and the translator's
comments. It never loses a PO translation: an entry the XLIFF does not hold, or whose unit comes back without
a translation, keeps the one it has; so does an entry changed in the PO file while the XLIFF was out whose unit
the CAT tool left as exported (each unit records a digest of what it was exported from). An entry changed in
both, differently, is a conflict: refused unless the caller prefers the XLIFF. A returned XLIFF that does not match its PO file (a unit id the PO does not
have, a changed source, another number of plural forms, another language) is refused before anything is
written, and every PO file is written or none. Importing the file just exported changes no byte
(PO -> XLIFF -> PO is the identity).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from toolkit.errors import CatalogError, LockError, OutputError
from toolkit.storage.files import po_files, write_all
from toolkit.storage.output import check_output, is_stdout, write_output
from toolkit.storage.po import read_catalog, render
from toolkit.storage.units import Catalog, State, Unit
from toolkit.storage.xliff import (
    SUFFIXES,
    Part,
    XliffFile,
    XliffUnit,
    comments_digest,
    read_xliff,
    render_xliff,
    translation_digest,
    unit_id,
    written_by_toolkit,
)
from toolkit.textio import read_bytes
from toolkit.words import Script, is_chinese, is_english

DEFAULT_PO_DIRECTORY = Path("translations/en")
"""Where `import` looks for the PO file a returned XLIFF names, unless told (--po)."""


# --- export


@dataclass(frozen=True)
class Exported:
    """One XLIFF document written: where (`-` for standard output), from which PO files, how many units."""

    target: str
    sources: tuple[str, ...]
    units: int


def source_language(catalog: Catalog, where: str) -> str:
    """zh-CN or zh-TW, by the script the PO header's X-Source-Language names (zh_Hans or zh_Hant)."""
    value = catalog.header.get("X-Source-Language", "")
    try:
        return Script(value).language_tag
    except ValueError:
        raise CatalogError(
            f"X-Source-Language is {value!r}, not zh_Hans or zh_Hant: the XLIFF source language "
            "(zh-CN or zh-TW) cannot be told",
            where,
            "draft the file with `toolkit draft`, or set 'X-Source-Language: zh_Hans' in its header",
        ) from None


def single_document(output: str) -> bool:
    """Whether -o names one XLIFF document (`-` or a *.xlf/*.xliff file) rather than a directory."""
    return is_stdout(output) or Path(output).suffix.lower() in SUFFIXES


def export_xliff(paths: Sequence[str], output: str, *, version: str = "1.2", force: bool = False) -> list[Exported]:
    """Write the PO files `paths` name (files or directories) as XLIFF: all into one document when `output` is `-`
    or a *.xlf/*.xliff file, else one NAME.xlf per NAME.po under the directory `output`. Refuses before writing."""
    if output == "":  # pathlib would read it as the current directory
        raise OutputError("an empty output path", "-o ''", "pass -o a directory, a FILE.xlf, or - for standard output")
    found = _named_po_files(paths)
    parts = []
    for path, original in found:
        catalog = read_catalog(path)
        parts.append(Part(catalog, original, source_language(catalog, str(path))))
    inputs = [path for path, _ in found]
    if single_document(output):
        originals = [part.original for part in parts]
        twice = sorted({name for name in originals if originals.count(name) > 1})
        if twice:
            raise OutputError(
                f"two PO files named {twice[0]} in one document: the import could not tell them apart",
                output,
                "export them to two documents, or rename one",
            )
        text = render_xliff(parts, version)
        write_output(output, text, inputs=inputs, ours=written_by_toolkit, force=force)
        return [Exported(output, tuple(str(path) for path in inputs), _count(parts))]
    if os.path.lexists(output) and not Path(output).is_dir():
        raise OutputError(
            "exists and is not a directory",
            output,
            "pass -o a directory (one NAME.xlf per PO file), a FILE.xlf, or - for standard output",
        )
    planned: dict[Path, tuple[str, Part, Path]] = {}
    for (path, original), part in zip(found, parts):
        target = Path(output) / PurePosixPath(original).with_suffix(".xlf")
        if target in planned:
            raise OutputError(
                f"{planned[target][2]} and {path} would both be written here",
                str(target),
                "export them in two runs, to two directories",
            )
        planned[target] = (render_xliff([part], version), part, path)
    writes = []
    for target, (text, _, _) in planned.items():
        data = text.encode("utf-8")
        real = check_output(target, inputs=inputs, ours=written_by_toolkit, force=force, data=data)
        writes.append((real or target, data))
    for target, _ in writes:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(
                f"cannot create the directory: {error.strerror}",
                str(target.parent),
                "pass -o a directory you can write",
            ) from None
    write_all(writes)
    return [Exported(str(target), (str(path),), _count([part])) for target, (_, part, path) in planned.items()]


def _named_po_files(paths: Sequence[str]) -> list[tuple[Path, str]]:
    """Each PO file with the name its XLIFF <file original> gets: relative to the directory given, else its name."""
    named: dict[Path, str] = {}
    for given in paths:
        if given == "-":
            raise CatalogError("standard input as a PO file to export", "-", "pass the PO files or their directory")
        for path in po_files([given]):
            base = Path(given)
            named.setdefault(path, path.relative_to(base).as_posix() if base.is_dir() else path.name)
    return list(named.items())


def _count(parts: Sequence[Part]) -> int:
    return sum(1 for part in parts for unit in part.catalog.live() if unit.source or unit.context is not None)


# --- import


@dataclass
class Imported:
    """What importing one returned <file> changes in its PO file."""

    po: str
    xliff: str
    units: int = 0
    translations: int = 0
    states: int = 0
    comments: int = 0
    kept: int = 0
    """Units returned without a translation whose PO entry has one: the PO's is kept."""
    written: bool = False
    relaid: bool = False
    """The PO file was not in the toolkit's layout (msgcat --no-wrap): written, its layout becomes that."""
    changed_lines: list[int] = field(default_factory=list)


def import_xliff(
    xliff_paths: Sequence[str],
    po_directory: str | Path = DEFAULT_PO_DIRECTORY,
    *,
    dry_run: bool = False,
    prefer_xliff: bool = False,
) -> list[Imported]:
    """Merge each returned XLIFF <file> into the PO file it names under `po_directory` (see the module): every
    file checked first, then every changed PO file written, or none."""
    if not xliff_paths:
        raise CatalogError("no XLIFF file to import", None, "pass the XLIFF files the translators returned")
    with ExitStack() as locks:
        return _import_locked(xliff_paths, Path(po_directory), locks, dry_run=dry_run, prefer_xliff=prefer_xliff)


def _import_locked(
    xliff_paths: Sequence[str], po_directory: Path, locks: ExitStack, *, dry_run: bool, prefer_xliff: bool
) -> list[Imported]:
    plans: dict[Path, tuple[bytes, Catalog, Catalog, Imported]] = {}
    for path in xliff_paths:
        document = read_xliff(path)
        for file in document.files:
            po = _po_path(Path(po_directory), file, str(path))
            if po in plans:
                raise CatalogError(
                    f"{po} is returned twice (by {plans[po][3].xliff} and here)",
                    str(path),
                    "import one returned version of each file",
                )
            locks.enter_context(_held(po))
            original = read_bytes(po, noun="PO file")
            catalog = read_catalog(po)
            _check_languages(catalog, file, str(po), f"{path}:{file.line}")
            report = Imported(str(po), str(path), len(file.units))
            plans[po] = (original, catalog, merge(catalog, file, report, prefer_xliff=prefer_xliff), report)
    writes = []
    for po, (original, catalog, merged, report) in plans.items():
        text = render(merged).encode("utf-8")
        if text == original:
            continue
        report.relaid = render(catalog).encode("utf-8") != original
        if read_bytes(po, noun="PO file") != original:  # saved in Poedit while the import ran
            raise CatalogError(
                "changed while the import ran: nothing was imported",
                str(po),
                "save it in Poedit, close it there, and import again",
            )
        real = check_output(po, inputs=xliff_paths, ours=lambda data, original=original: data == original)
        writes.append((real or po, text))
        report.written = not dry_run
    if writes and not dry_run:
        write_all(writes)
    return [report for *_, report in plans.values()]


@contextmanager
def _held(po: Path) -> Iterator[None]:
    """An exclusive lock on the PO file for the import (flock; LockError at once when another run holds it), so
    that two imports into one PO file cannot both read it and the second's write lose the first's."""
    import fcntl

    try:
        descriptor = os.open(po, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:  # unreadable: read_bytes says so in its own words
        descriptor = None
    try:
        if descriptor is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise LockError(
                    "another `toolkit xliff import` is writing this PO file",
                    str(po),
                    "wait for it to finish and run again",
                ) from None
            if os.fstat(descriptor).st_ino != os.stat(po).st_ino:
                raise LockError("was rewritten by another run just now", str(po), "run the import again")
        yield
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _po_path(directory: Path, file: XliffFile, where: str) -> Path:
    """The PO file a returned <file original="..."> names, inside `directory` (never outside it)."""
    name = PurePosixPath(file.original)
    if not file.original or name.is_absolute() or ".." in name.parts or "\\" in file.original or name.suffix != ".po":
        raise CatalogError(
            f"<file original={file.original!r}> does not name a PO file inside {directory}",
            f"{where}:{file.line}",
            "import XLIFF written by `toolkit xliff export`",
        )
    path = directory / name
    if not path.is_file():
        raise CatalogError(
            f"no PO file {path} for <file original={file.original!r}>",
            f"{where}:{file.line}",
            "pass --po the directory the XLIFF was exported from",
        )
    return path


def _check_languages(catalog: Catalog, file: XliffFile, po: str, where: str) -> None:
    if not is_english(file.target_language):
        raise CatalogError(
            f"its target language is {file.target_language!r}, not English",
            where,
            "import the English XLIFF returned for this PO file",
        )
    expected = source_language(catalog, po)
    if not is_chinese(file.source_language) or file.source_language.lower() != expected.lower():
        raise CatalogError(
            f"its source language is {file.source_language!r}, but {po} translates {expected}",
            where,
            "import the XLIFF exported from this PO file",
        )


def merge(catalog: Catalog, file: XliffFile, report: Imported, *, prefer_xliff: bool = False) -> Catalog:
    """The catalogue with each returned unit's translation, state and translator comments; CatalogError when a unit
    does not match its entry, or (unless `prefer_xliff`) when the PO entry and the unit both changed it since
    the export, differently."""
    index = {
        unit_id(unit): number
        for number, unit in enumerate(catalog.units)
        if not unit.obsolete and (unit.source or unit.context is not None)
    }
    units = list(catalog.units)
    for returned in file.units:
        where = f"{report.xliff}:{returned.unit.line}"
        number = index.get(returned.id)
        if number is None:
            raise CatalogError(
                f"unit {returned.id} ({returned.unit.source[:40]!r}) has no entry in {report.po}",
                where,
                "the PO file changed since the export, or the XLIFF belongs to another file: "
                "import into the PO file it was exported from",
            )
        entry = units[number]
        _check_source(entry, returned.unit, where, report.po)
        merged = _merged(entry, _changes(entry, returned, where, report.po, prefer_xliff), returned.noted)
        if merged != entry:
            report.translations += (merged.target, merged.target_plurals) != (entry.target, entry.target_plurals)
            report.states += merged.state is not entry.state
            report.comments += merged.comments != entry.comments
            report.changed_lines.append(entry.line)
        elif entry.has_target and not (returned.unit.target or any(returned.unit.target_plurals)):
            report.kept += 1
        units[number] = merged
    return Catalog(tuple(units), catalog.header, catalog.header_comments, catalog.header_flags, catalog.path)


def _check_source(entry: Unit, returned: Unit, where: str, po: str) -> None:
    if (
        returned.source != entry.source
        or (returned.source_plural is None) != (entry.source_plural is None)
        or (entry.source_plural is not None and returned.source_plural != entry.source_plural)
    ):
        raise CatalogError(
            f"the source of unit {unit_id(entry)} differs from its msgid in {po}:{entry.line}",
            where,
            "the source must come back as it was exported: export again and redo the change",
        )
    if entry.source_plural is not None and len(returned.target_plurals) != len(entry.target_plurals):
        raise CatalogError(
            f"unit {unit_id(entry)} has {len(returned.target_plurals)} plural forms, "
            f"{po}:{entry.line} has {len(entry.target_plurals)}",
            where,
            "return every plural form the export had, no more",
        )


def _changes(entry: Unit, returned: XliffUnit, where: str, po: str, prefer_xliff: bool) -> Unit:
    """What the CAT tool changed in the unit: its translation and its comments, each as the unit has it, or the
    entry's when the unit still holds what was exported (a PO change made meanwhile is kept). Three-way: a part
    changed in both since the export, to different values, is a conflict."""
    unit = returned.unit
    if returned.exported is None or prefer_xliff:
        return unit
    translation, comments = (returned.exported.split(".") + [""])[:2]

    def forms(item: Unit) -> tuple:
        return (item.target_plurals, item.state) if item.source_plural is not None else (item.target, item.state)

    if translation_digest(unit) == translation:
        unit = unit._replace(target=entry.target, target_plurals=entry.target_plurals, state=entry.state)
    elif (
        translation_digest(entry) != translation
        and forms(unit) != forms(entry)
        and (unit.target or any(unit.target_plurals))
    ):
        raise _conflict(entry, "translation", where, po)
    if comments_digest(unit) == comments:
        unit = unit._replace(comments=entry.comments)
    elif returned.noted and comments_digest(entry) != comments and unit.comments != entry.comments:
        raise _conflict(entry, "translator comments", where, po)
    return unit


def _conflict(entry: Unit, what: str, where: str, po: str) -> CatalogError:
    return CatalogError(
        f"the {what} of unit {unit_id(entry)} changed both in {po}:{entry.line} since the export "
        "and in the XLIFF, differently",
        where,
        "pass --prefer-xliff to take the XLIFF's, or settle it in Poedit and export again",
    )


def _merged(entry: Unit, returned: Unit, noted: bool) -> Unit:
    """`entry` with what the CAT tool changed: a translation (and its state) when one came back, the translator's
    comments when the unit came back with notes. A confirmed translation drops the previous msgid (msgmerge's #|)."""
    merged = entry._replace(comments=returned.comments) if noted else entry
    if entry.source_plural is not None:
        if any(returned.target_plurals):
            merged = merged._replace(target_plurals=returned.target_plurals, state=returned.state)
    elif returned.target:
        merged = merged._replace(target=returned.target, state=returned.state)
    if merged.state is State.TRANSLATED and entry.state is not State.TRANSLATED:
        merged = merged._replace(previous_source=None, previous_context=None, previous_source_plural=None)
    return merged
