"""`toolkit draft`: draft English into PO files (memory first, then one engine call), print the run summary."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from toolkit.cli.options import (
    cache_dir,
    default_glossary,
    detail,
    encoding_option,
    glossary_cache,
    glossary_option,
    note,
    output_option,
    verbosity,
)
from toolkit.engines.model import DEVICES
from toolkit.memory import FUZZY_THRESHOLD, FUZZY_THRESHOLD_TEXT


@click.command(
    name="draft",
    help=f"""Draft English for Chinese SOURCE files (or directories of .txt/.md) into PO files for Poedit.

\b
Exact matches from earlier PO files (in either script) are reused, near matches ({FUZZY_THRESHOLD_TEXT})
are pre-filled as fuzzy, and only the rest goes to the engine, in one call.
Translators' work is never overwritten; vanished sentences become obsolete.
A TMX given with --tm is read as fuzzy suggestions; --tm-trusted says it was reviewed.
""",
)
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
@click.option(
    "--model", type=click.Path(exists=True, path_type=Path), help="An .argosmodel file or unpacked package directory."
)
@click.option(
    "--tm",
    "memory",
    multiple=True,
    type=click.Path(),  # strings: the library refuses ""
    help="More translation memory: a PO or TMX file or a directory of PO files (repeatable). OUTPUT/en is always used. "
    "A TMX from --tm fills entries as fuzzy.",
)
@click.option(
    "--tm-trusted",
    "trusted_memory",
    multiple=True,
    type=click.Path(),
    help="Translation memory you know was reviewed (repeatable): its TMX units fill entries as confirmed, "
    "except those its tool marks as drafts or machine translation.",
)
@click.option(
    "--fuzzy-threshold",
    type=click.FloatRange(50.0, 100.0),
    default=FUZZY_THRESHOLD,
    show_default=True,
    help="Lowest similarity (percent) at which a near match from memory pre-fills an entry.",
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
@verbosity
def command(
    sources: tuple[str, ...],
    output: str,
    engine: str,
    model: Path | None,
    memory: tuple[str, ...],
    trusted_memory: tuple[str, ...],
    fuzzy_threshold: float,
    glossary: Path | None,
    no_glossary: bool,
    encoding: str | None,
    device: str,
    cluster: str | None,
) -> None:
    from toolkit.draft import GlossarySource, MemorySource, choose_engine, draft_files
    from toolkit.engines import EngineOptions, parse_cluster

    if engine == "none" and model is not None:
        raise click.UsageError("--model needs --engine auto or argos")
    progress = _Progress(sys.stderr.isatty())
    cluster_address = parse_cluster(cluster, os.environ.get("TOOLKIT_RAY_ADDRESS")) if cluster else None
    options = EngineOptions(
        device=device, cluster=cluster_address, on_batch=progress.on_batch if progress.enabled else None
    )
    make_engine, notice = choose_engine(engine, model, options, cache_dir() / "packages")
    glossary_path = None if no_glossary else default_glossary(glossary)
    terms = GlossarySource.at(glossary_path, glossary_cache()) if glossary_path is not None else None
    memories = [MemorySource(path) for path in memory] + [MemorySource(path, trusted=True) for path in trusted_memory]
    detail(f"glossary: {', '.join(map(str, terms.files)) if terms is not None else 'none'}")
    detail(
        f"memory: OUTPUT/en/*.po{''.join(f', {m.path}' + (' (trusted)' if m.trusted else '') for m in memories)}; "
        f"near matches from {fuzzy_threshold:g} %"
    )
    detail(f"engine: {engine}" + (f", model {model}" if model is not None else ""))
    try:
        report = draft_files(
            sources,
            output,
            make_engine,
            memory=memories,
            glossary=terms,
            encoding=encoding,
            threshold=fuzzy_threshold,
            advance=progress.advance,
        )
    finally:
        progress.close()
    if notice:  # after the run, so that an input error stays the only line
        note(f"toolkit: notice: {notice}")
    note(report.summary(), err=output == "-")  # with -o -, standard output holds the PO file


class _Progress:
    """The progress bar on stderr (a terminal only): the library's steps, and the engine's batches in the draft step."""

    def __init__(self, enabled: bool) -> None:
        from toolkit.engines.progress import Throughput

        self.enabled = enabled
        self.bar = None
        self.moved = 0.0  # how far the batches moved the drafting step
        self.throughput = Throughput()

    def advance(self, label: str, steps: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="reading", file=sys.stderr)
            self.bar.__enter__()
        self.bar.label = label
        self.bar.update(steps - self.moved if steps else 0)
        self.moved = self.moved if not steps else 0.0
        if not steps:
            self.bar.render_progress()

    def on_batch(self, done: int, total: int) -> None:
        if self.bar is None:
            return
        self.bar.label = self.throughput.label(done, total)
        self.bar.update(done / total - self.moved)
        self.moved = done / total
        self.bar.render_progress()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
