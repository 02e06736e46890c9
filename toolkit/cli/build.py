"""`toolkit build`: the English document from a source and its PO file."""

from __future__ import annotations

import click

from toolkit.cli.options import encoding_option, note, output_option, verbosity
from toolkit.words import count


@click.command(name="build")
@click.argument("sources", nargs=-1, required=True, type=click.Path())  # strings: the library refuses ""
@output_option("The directory `toolkit draft` wrote to: reads OUTPUT/en/<stem>.po, writes OUTPUT/en/<stem>.txt (.md for Markdown).")
@click.option("--confirmed-only", is_flag=True, help="Use only confirmed translations; keep the Chinese where an entry needs work.")
@click.option("--keep-chrome", is_flag=True, help="Keep the lines of web-page chrome (訂閱, 發表評論, a lone x, comment forms).")
@encoding_option
@verbosity
def command(sources: tuple[str, ...], output: str, confirmed_only: bool, keep_chrome: bool, encoding: str | None) -> None:
    """Write the English version of each SOURCE next to its PO file: its layout, with every sentence from the PO file.

    \b
    Sentences without a translation stay in Chinese, so nothing is silently lost.
    Lines of web-page chrome are left out (and counted) unless --keep-chrome is given.
    """
    from toolkit.build import build_files

    for path, built in build_files(sources, output, confirmed_only=confirmed_only, keep_chrome=keep_chrome, encoding=encoding):
        chrome = f", {count(built.chrome_dropped, 'web-page line')} left out" if built.chrome_dropped else ""
        note(f"{path}: {built.confirmed} confirmed, {built.fuzzy} needing work, {built.untranslated} left in Chinese{chrome}",
             err=False)
