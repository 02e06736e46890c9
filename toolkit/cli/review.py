"""`toolkit review`: the bilingual review document (HTML page and Word document) of each article, for the editor."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import (
    DEFAULT_OUTPUT,
    default_glossary,
    detail,
    encoding_option,
    glossary_cache,
    glossary_option,
    note,
    verbosity,
)
from toolkit.words import count

FORMATS = ("html", "docx")  # toolkit.review.FORMATS, repeated here so that `toolkit --help` imports no stage


@click.command(name="review")
@click.argument("sources", nargs=-1, required=True, type=click.Path())  # strings: the library refuses ""
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False),
    help="Directory for the review documents: OUTPUT/<stem>.html and OUTPUT/<stem>.docx.",
)
@click.option(
    "--translations",
    type=click.Path(file_okay=False),
    default=str(DEFAULT_OUTPUT),
    show_default=True,
    help="Where `toolkit draft` wrote: reads TRANSLATIONS/en/<stem>.po.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    metavar="FORMAT",
    help="html or docx (repeatable)  [default: both]",
)
@glossary_option
@click.option("--no-glossary", is_flag=True, help="Mark no glossary terms (and run the check without a glossary).")
@click.option(
    "--force",
    is_flag=True,
    help="Replace files in OUTPUT that are not earlier review documents "
    "(a DOCX a reviewer has annotated is one of them).",
)
@encoding_option
@verbosity
def command(
    sources: tuple[str, ...],
    output: str,
    translations: str,
    formats: tuple[str, ...],
    glossary: Path | None,
    no_glossary: bool,
    force: bool,
    encoding: str | None,
) -> None:
    """Write a bilingual review document for each SOURCE: Chinese and English side by side, by paragraph.

    \b
    Fuzzy and untranslated entries are marked, `toolkit check` findings stand beside their sentence,
    glossary terms are highlighted on both sides (hover: the approved rendering). The HTML page is
    self-contained (no network; print it to PDF from the browser); the DOCX is for annotating in Word.
    Documentation: docs/review.md.
    """
    from toolkit.review import review_files

    loaded = None
    if not no_glossary:
        glossary_path = default_glossary(glossary)
        if glossary_path is None:
            note("toolkit: note: no ./glossary directory and no --glossary: no terms marked")
        else:
            from toolkit.glossary import load_glossary

            loaded = load_glossary(glossary_path, glossary_cache())
            detail(f"glossary {glossary_path}: {count(len(loaded), 'concept')}, version {loaded.version}")
    for written in review_files(
        sources,
        output,
        translations=translations,
        glossary=loaded,
        formats=formats or FORMATS,
        force=force,
        encoding=encoding,
    ):
        review = written.review
        note(f"{review.source}: {review.summary} -> {', '.join(str(path) for path in written.paths)}", err=False)
