"""`toolkit build`: the English document from a source and its PO file."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import output_option


@click.command(name="build")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_option("The directory `toolkit draft` wrote to: reads OUTPUT/en/<stem>.po, writes OUTPUT/en/<source name>.")
@click.option("--confirmed-only", is_flag=True, help="Use only confirmed translations; keep the Chinese where an entry needs work.")
def command(sources: tuple[Path, ...], output: Path, confirmed_only: bool) -> None:
    """Write the English version of each SOURCE: its layout, with every sentence from the PO file.

    \b
    Sentences without a translation stay in Chinese, so nothing is silently lost.
    """
    from toolkit.build import build_files

    for path, built in build_files(sources, output, confirmed_only=confirmed_only):
        click.echo(
            f"{path}: {built.confirmed} confirmed, {built.fuzzy} needing work, {built.untranslated} left in Chinese"
        )
