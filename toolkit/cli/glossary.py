"""`toolkit glossary`: validate the glossary, export it for other tools, import theirs (thin over toolkit.glossary)."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import (
    DEFAULT_GLOSSARY,
    default_glossary,
    detail,
    glossary_cache,
    glossary_option,
    note,
    verbosity,
)
from toolkit.cli.suggest import command as suggest_command
from toolkit.glossary.formats import EXPORT_FORMATS, EXPORT_HELP, IMPORT_FORMATS
from toolkit.words import count


@click.group(name="glossary")
@verbosity
def command() -> None:
    """Validate, export and import the glossary (glossary/*.tsv: zh, en, type, variants, note)."""


@command.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@verbosity
def validate(path: Path | None) -> None:
    """Check the glossary: columns, cells, types, duplicate and conflicting rows.

    Prints every problem as file:line: message and exits 2 if there is any.
    """
    from toolkit.glossary import load_glossary

    path = path or DEFAULT_GLOSSARY
    glossary = load_glossary(path, glossary_cache())
    # A valid glossary has one row per concept, per forbidden rendering and per ignore row (a repeat is an error).
    rows = len(glossary.concepts) + sum(len(c.forbidden) for c in glossary.concepts) + len(glossary.ignored)
    ignored = f", {count(len(glossary.ignored), 'ignore row')}" if glossary.ignored else ""
    click.echo(
        f"{path}: {rows} rows, {len(glossary.concepts)} concepts, "
        f"{sum(c.dnt for c in glossary.concepts)} do-not-translate, "
        f"{sum(len(c.forbidden) for c in glossary.concepts)} forbidden renderings{ignored}; "
        f"version {glossary.version}"
    )


@command.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="; ".join(f"{name}: {text}" for name, text in EXPORT_HELP.items()) + ".",
)
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="FILE",
    help="Write here (atomically); - or no -o: standard output. An existing file is replaced only when it "
    "is an earlier TBX export of this command, or with --force.",
)
@click.option("--force", is_flag=True, help="Replace an existing output file (never the glossary itself).")
@click.option(
    "--source-language",
    metavar="TAG",
    default=None,
    help="TBX only: the xml:lang of the Chinese terms (default zh). Give your Weblate glossary's source "
    "language code, e.g. zh_Hans: Translate Toolkit matches it exactly.",
)
@glossary_option
@verbosity
def export(
    output_format: str, output: str | None, force: bool, source_language: str | None, glossary: Path | None
) -> None:
    """Write the glossary in another tool's format, with the traditional-script forms the toolkit matches."""
    from toolkit.errors import GlossaryError
    from toolkit.glossary import glossary_files
    from toolkit.glossary.formats import export_file, is_export
    from toolkit.storage.output import check_output, is_stdout, write_output

    glossary_path = default_glossary(glossary)
    if glossary_path is None:
        raise GlossaryError(
            [f"{DEFAULT_GLOSSARY}: no such glossary file or directory"],
            "run in a project with ./glossary or pass --glossary",
        )
    target = output if output is not None else "-"
    sources = glossary_files(glossary_path)
    check_output(target, inputs=sources, ours=is_export, force=force)
    detail(f"glossary: {', '.join(str(source) for source in sources)}")
    exported = export_file(glossary_path, output_format, glossary_cache(), source_language)
    write_output(target, exported.text, inputs=sources, ours=is_export, force=force)
    if not is_stdout(target):
        note(
            f"wrote {target} ({exported.count} {exported.unit}, {output_format}) "
            f"from {count(exported.rows, 'row')} of the glossary"
        )


@command.command(name="import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "input_format",
    type=click.Choice(("auto", *IMPORT_FORMATS)),
    default="auto",
    show_default=True,
    help="auto: from the extension, then the first line.",
)
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="FILE",
    help="Canonical TSV to write (atomically); - or no -o: standard output.",
)
@click.option("--force", is_flag=True, help="Replace an existing output file (never the file being imported).")
@verbosity
def import_(file: Path, input_format: str, output: str | None, force: bool) -> None:
    """Read a TBX, CSV, OmegaT or DeepL glossary (- : standard input) into a canonical TSV (validated).

    \b
    Without -o the TSV goes to standard output. With -o into a glossary directory
    (e.g. -o glossary/weblate.tsv), rows that duplicate or contradict the glossary
    already there are refused, so the import never breaks `toolkit check` in CI.
    """
    from toolkit.glossary.formats import import_clashes, import_file
    from toolkit.storage.output import check_output, is_stdout, write_output

    target = output if output is not None else "-"
    path = check_output(target, inputs=[file], force=force)
    cache = glossary_cache()
    imported = import_file(file, input_format, cache)
    detail(f"read {file} as {imported.format}")
    if path is not None:
        import_clashes(Path(target), imported, cache)
    write_output(target, imported.tsv, inputs=[file], force=force)
    written = "" if is_stdout(target) else f"wrote {target}: "
    note(f"{written}{count(len(imported.terms), 'row')} from {file} ({imported.format})")


command.add_command(suggest_command)
