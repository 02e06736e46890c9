"""`toolkit glossary`: validate the glossary, export it for other tools, import theirs."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import DEFAULT_GLOSSARY, default_glossary, glossary_cache, glossary_option
from toolkit.glossary import EXPORT_FORMATS, EXPORT_HELP, IMPORT_FORMATS


@click.group(name="glossary")
def command() -> None:
    """Validate, export and import the glossary (glossary/*.tsv: zh, en, type, variants, note)."""


@command.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
def validate(path: Path | None) -> None:
    """Check the glossary: columns, cells, types, duplicate and conflicting rows.

    Prints every problem as file:line: message and exits 2 if there is any.
    """
    from toolkit.glossary import Glossary, group_terms, load_rows, order_problems

    path = path or DEFAULT_GLOSSARY
    cache = glossary_cache()
    rows, problems = load_rows(path)
    concepts, group_problems = group_terms(rows, cache)
    if problems or group_problems:
        _exit_with_problems(order_problems(problems + group_problems))
    glossary = Glossary(concepts, cache_dir=cache)
    ignored = f", {len(glossary.ignored)} ignore row{'s' if len(glossary.ignored) > 1 else ''}" if glossary.ignored else ""
    click.echo(f"{path}: {len(rows)} rows, {len(glossary.concepts)} concepts, "
               f"{sum(c.dnt for c in glossary.concepts)} do-not-translate, "
               f"{sum(len(c.forbidden) for c in glossary.concepts)} forbidden renderings{ignored}; "
               f"version {glossary.version}")


@command.command()
@click.option("--format", "output_format", type=click.Choice(EXPORT_FORMATS), required=True,
              help="; ".join(f"{name}: {text}" for name, text in EXPORT_HELP.items()) + ".")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write here (atomically) instead of standard output.")
@glossary_option
def export(output_format: str, output: Path | None, glossary: Path | None) -> None:
    """Write the glossary in another tool's format, with the traditional-script forms the toolkit matches."""
    from toolkit.errors import GlossaryError, OutputError
    from toolkit.glossary import export_glossary, glossary_files, group_terms, load_rows, order_problems
    from toolkit.textio import atomic_write

    glossary_path = default_glossary(glossary)
    if glossary_path is None:
        raise GlossaryError([f"{DEFAULT_GLOSSARY}: no such glossary file or directory"],
                            "run in a project with ./glossary or pass --glossary")
    sources = glossary_files(glossary_path)
    if output is not None and output.resolve() in {source.resolve() for source in sources}:
        raise OutputError("is the glossary being exported", str(output), "pass -o a new file, e.g. glossary.tbx")
    cache = glossary_cache()
    rows, problems = load_rows(glossary_path)
    problems += group_terms(rows, cache)[1]
    if problems:
        _exit_with_problems(order_problems(problems))
    exported = export_glossary(rows, output_format, cache)
    if output is None:
        click.echo(exported.text, nl=False)
    else:
        atomic_write(output, exported.text)
        click.echo(f"wrote {output} ({exported.count} {exported.unit}, {output_format}) "
                   f"from {_rows(len(rows))} of the glossary", err=True)


@command.command(name="import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "input_format", type=click.Choice(("auto", *IMPORT_FORMATS)),
              default="auto", show_default=True, help="auto: from the extension, then the first line.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Canonical TSV to write (atomically).  [default: standard output]")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def import_(file: Path, input_format: str, output: Path | None, force: bool) -> None:
    """Read a TBX, CSV, OmegaT or DeepL glossary into a canonical TSV (validated).

    \b
    Without -o the TSV goes to standard output. With -o into a glossary directory
    (e.g. -o glossary/weblate.tsv), rows that duplicate or contradict the glossary
    already there are refused, so the import never breaks `toolkit check` in CI.
    """
    from toolkit.errors import InputError
    from toolkit.glossary import format_tsv, guess_format, import_glossary
    from toolkit.textio import atomic_write, read_bytes

    if output is not None and output.exists() and not force:
        what = "is the file being imported" if output.resolve() == file.resolve() else "output file exists"
        raise InputError(what, str(output), "pass --force to overwrite it, or -o another path")
    raw = read_bytes(file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"invalid UTF-8 at byte {error.start}", str(file), "save the glossary as UTF-8") from None
    input_format = guess_format(file, text) if input_format == "auto" else input_format
    cache = glossary_cache()
    terms = import_glossary(text, input_format, str(file), cache)
    tsv = format_tsv(terms)
    if output is None:
        click.echo(tsv, nl=False)
        click.echo(f"{_rows(len(terms))} from {file} ({input_format})", err=True)
        return
    _refuse_clashes(output, tsv, cache)
    atomic_write(output, tsv)
    click.echo(f"wrote {output}: {_rows(len(terms))} from {file} ({input_format})", err=True)


def _refuse_clashes(output: Path, tsv: str, cache: Path) -> None:
    """Refuse an import whose rows would duplicate or contradict the other *.tsv files of the output's directory."""
    from toolkit.errors import GlossaryError
    from toolkit.glossary import group_terms, load_rows, order_problems, parse_tsv

    directory = output.parent if str(output.parent) else Path(".")
    if output.suffix != ".tsv" or not any(path.resolve() != output.resolve() for path in directory.glob("*.tsv")):
        return
    existing, _ = load_rows(directory)
    existing = [(file, term) for file, term in existing if Path(file).resolve() != output.resolve()]
    imported, _ = parse_tsv(tsv, str(output))
    problems = [problem for problem in group_terms(existing + imported, cache)[1] if f"{output}:" in problem]
    if problems:
        raise GlossaryError(order_problems(problems),
                            f"these imported rows clash with {directory}/*.tsv: remove them from the imported "
                            "file, or import to standard output and merge by hand")


def _rows(count: int) -> str:
    return f"{count} row{'s' if count != 1 else ''}"


def _exit_with_problems(problems: list[str]) -> None:
    """Stop with every problem (the CLI prints one line each)."""
    from toolkit.errors import GlossaryError

    raise GlossaryError(problems)
