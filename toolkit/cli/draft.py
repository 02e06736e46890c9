"""`toolkit draft`: draft English into PO files (memory first, then one engine call), print the run summary."""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from toolkit.cli.options import default_glossary, encoding_option, glossary_option, output_option
from toolkit.engines import DEVICES, EngineOptions, parse_cluster
from toolkit.engines.progress import Throughput
from toolkit.memory import FUZZY_THRESHOLD_TEXT


@click.command(name="draft", help=f"""Draft English for Chinese SOURCE files (or directories of .txt/.md) into PO files for Poedit.

\b
Exact matches from earlier PO files (in either script) are reused, near matches ({FUZZY_THRESHOLD_TEXT})
are pre-filled as fuzzy, and only the rest goes to the engine, in one call.
Translators' work is never overwritten; vanished sentences become obsolete.
""")
@click.argument("sources", nargs=-1, required=True, type=click.Path())  # strings: the library refuses ""
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
    type=click.Path(),  # strings: the library refuses ""
    help="More translation memory: a PO or TMX file or a directory of PO files (repeatable). OUTPUT/en is always used.",
)
@glossary_option
@click.option("--no-glossary", is_flag=True, help="Draft without a glossary even if ./glossary exists.")
@encoding_option
@click.option(
    "--device",
    type=click.Choice(DEVICES),
    default="auto",
    show_default=True,
    help="Where CTranslate2 decodes: auto is cuda when a CUDA device is seen (on Ray: when the cluster has GPUs).",
)
@click.option(
    "--cluster",
    metavar="ray[:ADDRESS]",
    help="Decode on a Ray cluster (pip install 'toolkit[cluster]'): ray:ADDRESS joins one (e.g. ray:auto, "
    "ray:HOST:6379), plain ray joins $TOOLKIT_RAY_ADDRESS or starts a local one. Same output as without.",
)
def command(
    sources: tuple[Path, ...],
    output: Path,
    engine: str,
    model: Path | None,
    memory: tuple[Path, ...],
    glossary: Path | None,
    no_glossary: bool,
    encoding: str | None,
    device: str,
    cluster: str | None,
) -> None:
    from toolkit.draft import choose_engine, draft_files, source_files

    if engine == "none" and model is not None:
        raise click.UsageError("--model needs --engine auto or argos")
    glossary = None if no_glossary else default_glossary(glossary)
    files = source_files(sources)
    bars: list = []  # the progress bar, once shown: the engine reports each translated batch to it
    throughput, moved = Throughput(), [0.0]

    def on_batch(done: int, total: int) -> None:
        for bar in bars:
            bar.label = throughput.label(done, total)
            bar.update(done / total - moved[0])
            moved[0] = done / total
            bar.render_progress()

    cluster_address = parse_cluster(cluster, os.environ.get("TOOLKIT_RAY_ADDRESS")) if cluster else None
    options = EngineOptions(device=device, cluster=cluster_address, on_batch=on_batch if sys.stderr.isatty() else None)
    make_engine, notice = choose_engine(engine, model, options)
    progress = (
        click.progressbar(length=2 * len(files) + 1, label="reading", file=sys.stderr)
        if sys.stderr.isatty()
        else nullcontext(None)
    )
    with progress as bar:

        def advance(label: str, steps: int) -> None:
            if bar is not None:
                bar.label = label
                bar.update(steps - moved[0] if steps else 0)  # the batches already moved the drafting step
                moved[0] = moved[0] if not steps else 0.0
                if not steps:
                    bar.render_progress()

        bars.extend([bar] if bar is not None else [])

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
