"""`toolkit build`: the English document from a source and its PO file."""

from __future__ import annotations

import click

from toolkit.cli.options import encoding_option, note, output_option, verbosity
from toolkit.words import count


@click.command(name="build")
@click.argument("sources", nargs=-1, required=True, type=click.Path())  # strings: the library refuses ""
@output_option(
    "The directory `toolkit draft` wrote to: reads OUTPUT/en/<stem>.po, writes OUTPUT/en/<stem>.txt (.md for "
    "Markdown); - writes one SOURCE's document to standard output."
)
@click.option(
    "--po",
    "catalog",
    type=click.Path(dir_okay=False),
    help="The PO file of a single SOURCE (default: OUTPUT/en/<stem>.po; with -o -, translations/en/<stem>.po).",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["markdown", "text"]),
    default=None,
    help="Write Markdown (.md, footnotes as [^1]) or plain text (.txt, footnotes as [1]).  [default: as the source]",
)
@click.option(
    "--confirmed-only",
    is_flag=True,
    help="Use only confirmed translations; keep the Chinese where an entry needs work.",
)
@click.option(
    "--keep-chrome", is_flag=True, help="Keep the lines of web-page chrome (訂閱, 發表評論, a lone x, comment forms)."
)
@click.option(
    "--force", is_flag=True, help="Replace an English document that build did not write (or that was edited since)."
)
@encoding_option
@verbosity
def command(
    sources: tuple[str, ...],
    output: str,
    catalog: str | None,
    format_: str | None,
    confirmed_only: bool,
    keep_chrome: bool,
    force: bool,
    encoding: str | None,
) -> None:
    """Write the English version of each SOURCE next to its PO file: its layout, with every sentence from the PO file.

    \b
    Sentences without a translation stay in Chinese, so nothing is silently lost.
    Footnotes become Markdown footnotes ([^1]) in a Markdown document, [1] in plain text; back-links (↩︎) go.
    Lines of web-page chrome are left out (and counted) unless --keep-chrome is given.
    A document build did not write itself (listed in OUTPUT/en/.toolkit-built) is replaced only with --force.
    """
    from toolkit.build import build_files

    markdown = None if format_ is None else format_ == "markdown"
    for path, built in build_files(
        sources,
        output,
        confirmed_only=confirmed_only,
        keep_chrome=keep_chrome,
        encoding=encoding,
        markdown=markdown,
        force=force,
        catalog=catalog,
    ):
        chrome = f", {count(built.chrome_dropped, 'web-page line')} left out" if built.chrome_dropped else ""
        where = "standard output" if path is None else path
        note(
            f"{where}: {built.confirmed} confirmed, {built.fuzzy} needing work, {built.untranslated} left in Chinese{chrome}",
            err=path is None,
        )
