"""`toolkit glossary suggest`: new glossary rows proposed from finished translations and aligned memory."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import (
    DEFAULT_OUTPUT,
    default_glossary,
    detail,
    glossary_cache,
    glossary_option,
    note,
    verbosity,
)
from toolkit.suggest.model import Settings
from toolkit.words import count

DEFAULTS = Settings()


@click.command(name="suggest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@glossary_option
@click.option(
    "--no-glossary", is_flag=True, help="Leave nothing out, as if the glossary were empty (to measure recall)."
)
@click.option(
    "--min-documents",
    type=click.IntRange(1),
    default=DEFAULTS.min_documents,
    show_default=True,
    help="A term seen in this many documents (and twice at least) qualifies...",
)
@click.option(
    "--min-entries",
    type=click.IntRange(2),
    default=DEFAULTS.min_entries,
    show_default=True,
    help="...and so does one seen in this many entries.",
)
@click.option(
    "--min-consistency",
    type=click.FloatRange(0, 1),
    default=DEFAULTS.min_consistency,
    show_default=True,
    help="Share of a term's entries whose English must hold the suggested rendering.",
)
@click.option("-n", "--limit", type=click.IntRange(1), default=None, help="At most this many rows, best first.")
@click.option(
    "-o", "--output", default="-", show_default=True, help="Write the rows here (atomically); - is standard output."
)
@click.option("--force", is_flag=True, help="Replace an existing output file that is not an earlier suggestion list.")
@verbosity
def command(
    paths: tuple[Path, ...],
    glossary: Path | None,
    no_glossary: bool,
    min_documents: int,
    min_entries: int,
    min_consistency: float,
    limit: int | None,
    output: str,
    force: bool,
) -> None:
    """Propose glossary rows: Chinese terms that recur in finished work with one English rendering.

    PATHS are PO files (their translated, non-fuzzy entries), TMX memories or directories holding them;
    default: translations/. Terms the glossary has, in either script, are left out. The output is glossary
    TSV: each row after a `# ` comment with its counts and an example; paste the rows you accept below the
    header of glossary/glossary.tsv.
    """
    from toolkit.glossary import glossary_files, load_glossary
    from toolkit.storage.output import check_output, write_output
    from toolkit.suggest import format_suggestions, load_evidence_tools, read_evidence, suggest, written_by_suggest
    from toolkit.suggest.corpus import input_files

    if no_glossary and glossary is not None:
        raise click.UsageError("--glossary and --no-glossary exclude each other")
    sources = list(paths) or [DEFAULT_OUTPUT]
    glossary_path = None if no_glossary else default_glossary(glossary)
    files = input_files(sources)
    inputs = [*files, *(glossary_files(glossary_path) if glossary_path is not None else ())]
    check_output(output, inputs=inputs, ours=written_by_suggest, force=force)
    loaded = load_glossary(glossary_path, glossary_cache()) if glossary_path is not None else None
    evidence = read_evidence(files)
    detail(f"read {count(len(evidence), 'finished entry', 'finished entries')} from {count(len(files), 'file')}")
    detail(f"glossary: {glossary_path} ({len(loaded)} concepts left out)" if loaded is not None else "glossary: none")
    dictionary, reference = load_evidence_tools()
    settings = Settings(min_documents, min_entries, min_consistency, limit)
    found = suggest(evidence, loaded, settings, dictionary, reference, glossary_cache())
    write_output(output, format_suggestions(found), inputs=inputs, ours=written_by_suggest, force=force)
    note(
        f"toolkit: {count(len(found), 'suggested row')} from "
        f"{count(len(evidence), 'finished entry', 'finished entries')} in {count(len(files), 'file')}"
    )
