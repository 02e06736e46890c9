"""`toolkit draft`: draft English into PO files (memory first, then one engine call), print the run summary."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from toolkit.cli.options import NonEmptyPath, default_glossary, glossary_option, output_option
from toolkit.memory import FUZZY_THRESHOLD_TEXT


@click.command(name="draft", help=f"""Draft English for Chinese SOURCE files (or directories of .txt/.md) into PO files for Poedit.

\b
Exact matches from earlier PO files (in either script) are reused, near matches ({FUZZY_THRESHOLD_TEXT})
are pre-filled as fuzzy, and only the rest goes to the engine, in one call.
Translators' work is never overwritten; vanished sentences become obsolete.
""")
@click.argument("sources", nargs=-1, required=True, type=NonEmptyPath(path_type=Path))
@output_option("Output directory: each SOURCE drafts into OUTPUT/en/<source name>.po.")
@click.option(
    "--engine",
    type=click.Choice(["auto", "argos", "none"]),
    default="auto",
    show_default=True,
    help="auto: Argos if a zh→en model is installed (or --model is given), else none. "
    "none: entries only from translation memory, the rest left for translators.",
)
@click.option("--model", type=click.Path(exists=True, path_type=Path), help="An .argosmodel file or unpacked package directory.")
@click.option(
    "--tm",
    "memory",
    multiple=True,
    type=NonEmptyPath(path_type=Path),
    help="More translation memory: a PO file or a directory of them (repeatable). OUTPUT/en is always used.",
)
@glossary_option
@click.option("--no-glossary", is_flag=True, help="Draft without a glossary even if ./glossary exists.")
@click.option("--encoding", help="Source encoding (default: detected; UTF-8, GB18030 or Big5).")
def command(
    sources: tuple[Path, ...],
    output: Path,
    engine: str,
    model: Path | None,
    memory: tuple[Path, ...],
    glossary: Path | None,
    no_glossary: bool,
    encoding: str | None,
) -> None:
    from toolkit.draft import choose_engine, draft_files, source_files

    if engine == "none" and model is not None:
        raise click.UsageError("--model needs --engine auto or argos")
    glossary = None if no_glossary else default_glossary(glossary)
    files = source_files(sources)
    make_engine, notice = choose_engine(engine, model)
    progress = (
        click.progressbar(length=2 * len(files) + 1, label="reading", file=sys.stderr)
        if sys.stderr.isatty()
        else nullcontext(None)
    )
    with progress as bar:

        def advance(label: str, steps: int) -> None:
            if bar is not None:
                bar.label = label
                bar.update(steps)
                if not steps:
                    bar.render_progress()

        report = draft_files(
            sources,
            output,
            make_engine,
            memory_paths=memory,
            glossary_path=glossary,
            encoding=encoding,
            advance=advance,
        )
    if notice:  # after the run, so that an input error stays the only line
        click.echo(f"toolkit: notice: {notice}", err=True)
    click.echo(report.summary())
