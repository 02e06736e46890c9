"""`toolkit xliff export PO... -o DIR|FILE.xlf|-` and `toolkit xliff import XLIFF... [--po DIR]`."""

from __future__ import annotations

import click

from toolkit.cli.options import detail, note, verbosity
from toolkit.words import count


@click.group(name="xliff")
@verbosity
def command() -> None:
    """Exchange translations with CAT tools (memoQ, Trados, OmegaT, Phrase, Weblate) as XLIFF 1.2 or 2.0.

    \b
    Example:
      toolkit xliff export translations/en/ -o xliff/        one NAME.xlf per NAME.po
      toolkit xliff import returned/*.xlf                    back into translations/en/*.po
    """


@command.command(name="export", short_help="Write PO files as XLIFF 1.2 or 2.0 for a CAT tool.")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    help="A directory (one NAME.xlf per NAME.po), one FILE.xlf/FILE.xliff for all, or - for standard output.",
)
@click.option(
    "--version",
    "version",
    type=click.Choice(["1.2", "2.0"]),
    default="1.2",
    show_default=True,
    help="XLIFF version: 1.2 for translate-toolkit/Weblate, Trados, memoQ, OmegaT; 2.0 has no plural forms.",
)
@click.option("--force", is_flag=True, help="Replace an existing file that is not an unchanged earlier export.")
@verbosity
def export_command(paths: tuple[str, ...], output: str, version: str, force: bool) -> None:
    """Write the PO files PATHS name (files, or directories holding *.po) as XLIFF for a CAT tool.

    \b
    Source language zh-CN or zh-TW by the PO's X-Source-Language, target en; one unit per entry,
    its id stable while the entry's msgctxt and msgid are; fuzzy entries need review.
    """
    from toolkit.xliff import export_xliff

    for exported in export_xliff(paths, output, version=version, force=force):
        detail(f"{', '.join(exported.sources)} -> {exported.target}")
        if exported.target != "-":
            note(f"toolkit: wrote {exported.target} (XLIFF {version}, {count(exported.units, 'unit')})")


@command.command(name="import", short_help="Read returned XLIFF back into the PO files.")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--po",
    "po_directory",
    default="translations/en",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The directory holding the PO files the XLIFF was exported from.",
)
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option(
    "--prefer-xliff",
    is_flag=True,
    help="Where an entry changed both in the PO file since the export and in the XLIFF, take the XLIFF's.",
)
@verbosity
def import_command(files: tuple[str, ...], po_directory: str, dry_run: bool, prefer_xliff: bool) -> None:
    """Read returned XLIFF FILES back into their PO files: translations, states and translator comments, by unit id.

    \b
    An entry the XLIFF does not hold, or that comes back without a translation, keeps its own.
    An entry changed in the PO since the export keeps that change where the XLIFF left the unit as exported.
    A unit that does not match its PO entry (unknown id, changed source), or that changed what the PO
    changed too, refuses the whole import.
    """
    from toolkit.xliff import import_xliff

    for report in import_xliff(files, po_directory, dry_run=dry_run, prefer_xliff=prefer_xliff):
        if not report.changed_lines:
            note(f"toolkit: {report.po}: unchanged ({count(report.units, 'unit')} from {report.xliff})")
            continue
        verb = "would change" if dry_run else "changed"
        parts = [
            count(report.translations, "translation"),
            count(report.states, "state"),
            count(report.comments, "comment"),
        ]
        note(
            f"toolkit: {report.po}: {verb} {count(len(report.changed_lines), 'entry', 'entries')} "
            f"({', '.join(parts)}) from {report.xliff}"
        )
        detail(f"{report.po}: entries on lines {', '.join(map(str, report.changed_lines))}")
        if report.kept:
            note(
                f"toolkit: note: {report.po}: {count(report.kept, 'unit')} came back without a translation; "
                "the PO's translation is kept"
            )
        if report.relaid:
            note(f"toolkit: note: {report.po} was not in the toolkit's layout (msgcat --no-wrap); it is written in it")
