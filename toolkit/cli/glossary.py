"""`toolkit glossary`: validate the glossary, export it for other tools, import theirs."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_GLOSSARY = Path("glossary")

glossary_option = click.option(
    "--glossary", "glossary_path", type=click.Path(path_type=Path), default=DEFAULT_GLOSSARY, show_default=True,
    help="Glossary directory (every *.tsv in it) or one TSV file.")


@click.group(name="glossary")
def command() -> None:
    """Validate, export and import the glossary (glossary/*.tsv: zh, en, type, variants, note)."""


@command.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
def validate(path: Path | None) -> None:
    """Check the glossary: columns, empty cells, types, duplicate and conflicting rows.

    Prints every problem as file:line: message and exits 2 if there is any.
    """
    from toolkit.glossary import Glossary, group_terms, load_rows, order_problems

    path = path or DEFAULT_GLOSSARY
    rows, problems = load_rows(path)
    concepts, group_problems = group_terms(rows)
    if problems or group_problems:
        _exit_with_problems(order_problems(problems + group_problems))
    glossary = Glossary(concepts)
    click.echo(f"{path}: {len(rows)} rows, {len(concepts)} concepts, "
               f"{sum(c.dnt for c in concepts)} do-not-translate, "
               f"{sum(len(c.forbidden) for c in concepts)} forbidden renderings; version {glossary.version}")


@command.command()
@click.option("--format", "output_format", type=click.Choice(["tbx", "csv", "omegat", "deepl"]), required=True,
              help="tbx: TBX as Weblate reads it; csv: the TSV columns as CSV; omegat: source/target/comment; "
                   "deepl: source/target, approved forms only.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write here (atomically) instead of standard output.")
@glossary_option
def export(output_format: str, output: Path | None, glossary_path: Path) -> None:
    """Write the glossary in another tool's format."""
    from toolkit.errors import OutputError
    from toolkit.glossary import export_glossary, group_terms, load_rows, order_problems
    from toolkit.textio import atomic_write

    sources = sorted(glossary_path.glob("*.tsv")) if glossary_path.is_dir() else [glossary_path]
    if output is not None and output.resolve() in {source.resolve() for source in sources}:
        raise OutputError("is the glossary being exported", str(output), "pass -o a new file, e.g. glossary.tbx")
    rows, problems = load_rows(glossary_path)
    problems += group_terms(rows)[1]
    if problems:
        _exit_with_problems(order_problems(problems))
    text = export_glossary(rows, output_format)
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)
        click.echo(f"wrote {output} ({len(rows)} rows, {output_format})", err=True)


@command.command(name="import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--format", "input_format", type=click.Choice(["auto", "tsv", "tbx", "csv", "omegat", "deepl"]),
              default="auto", show_default=True, help="auto: from the extension, then the first line.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Canonical TSV to write.  [default: glossary/<FILE stem>.tsv]")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def import_(file: Path, input_format: str, output: Path | None, force: bool) -> None:
    """Read a TBX, CSV, OmegaT or DeepL glossary into a canonical TSV (validated, written atomically).

    The new file sits next to glossary/glossary.tsv; run `toolkit glossary validate` to see
    rows that duplicate or contradict the existing glossary.
    """
    from toolkit.errors import InputError
    from toolkit.glossary import format_tsv, guess_format, import_glossary
    from toolkit.textio import atomic_write

    try:
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InputError(f"cannot read file: {error.strerror}", str(file), "check its permissions") from None
    except UnicodeDecodeError as error:
        raise InputError(f"invalid UTF-8 at byte {error.start}", str(file), "save the glossary as UTF-8") from None
    input_format = guess_format(file, text) if input_format == "auto" else input_format
    output = output or DEFAULT_GLOSSARY / f"{file.stem}.tsv"
    if output.exists() and not force and output.resolve() != file.resolve():
        raise InputError("output file exists", str(output), "pass --force to overwrite it, or -o another path")
    terms = import_glossary(text, input_format, str(file))
    atomic_write(output, format_tsv(terms))
    click.echo(f"wrote {output}: {len(terms)} rows from {file} ({input_format})", err=True)


def _exit_with_problems(problems: list[str]) -> None:
    """Stop with every problem (the CLI prints one line each)."""
    from toolkit.errors import GlossaryError

    raise GlossaryError(problems)
