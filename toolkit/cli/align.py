"""`toolkit align ZH_FILE EN_FILE`: link the sentences of a Chinese document and its English translation."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli.options import (
    cache_dir,
    default_glossary,
    detail,
    glossary_cache,
    glossary_option,
    level,
    note,
    verbosity,
)

_FORMATS = ("po", "tmx", "tsv", "ids")  # toolkit.align.write.FORMATS; repeated here so --help imports nothing heavy


@click.command(name="align")
@click.argument("zh_file", type=click.Path(path_type=Path))
@click.argument("en_file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write here (atomically; - for standard output, the default); its suffix picks the format. "
    "An existing file is replaced only when it is an earlier `toolkit align` output, or with --force.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing -o file that is not an earlier alignment (never ZH_FILE or EN_FILE).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(_FORMATS),
    help="po: fuzzy entries for `draft --tm`; tmx: TMX 1.4b for CAT tools; tsv: zh, en, score; "
    "ids: Vecalign links like [0,1]:[2].  [default: the output's suffix, else tsv]",
)
@click.option("--presplit", is_flag=True, help="Both files hold one sentence per line; line numbers are sentence ids.")
@glossary_option
@click.option("--no-glossary", is_flag=True, help="Align without glossary evidence even if ./glossary exists.")
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Leave out pairs scored below this from po, tmx and tsv (ids always lists every link).",
)
@click.option("--encoding", help="Encoding of both files (default: detected; UTF-8, GB18030 or Big5).")
@verbosity
def command(
    zh_file: Path,
    en_file: Path,
    output: str | None,
    force: bool,
    output_format: str | None,
    presplit: bool,
    glossary: Path | None,
    no_glossary: bool,
    min_score: float,
    encoding: str | None,
) -> None:
    """Link the sentences of ZH_FILE (Chinese) and EN_FILE (its English translation).

    \b
    Links are 1–1, 1–2, 2–1, 2–2, 1–3, 3–1, and 1–0/0–1 for sentences left untranslated.
    A progress bar shows on a terminal (reading, anchoring, banded search).
    Example:
      toolkit align article.zh.txt article.en.txt -o memory/article.tmx
      toolkit draft seeds/ --tm memory/article.tmx
    """
    from toolkit.align import align_files
    from toolkit.align.write import render_alignment, written_by_align
    from toolkit.storage.output import check_output, is_stdout, write_output

    if output_format is None:
        suffix = Path(output).suffix.lower().lstrip(".") if output is not None and not is_stdout(output) else ""
        output_format = suffix if suffix in _FORMATS else "tsv"
    target = "-" if output is None else output
    rule = {"inputs": (zh_file, en_file), "ours": written_by_align, "force": force}
    check_output(target, **rule)  # before any work: a refusal costs nothing
    glossary_path = None if no_glossary else default_glossary(glossary)
    terms = None
    if glossary_path is not None:
        from toolkit.glossary import load_glossary

        terms = load_glossary(glossary_path, glossary_cache())
    detail(f"glossary: {glossary_path if glossary_path is not None else 'none'}")
    bar = _Progress(sys.stderr.isatty() and level() >= 0)
    try:
        alignment = align_files(
            zh_file,
            en_file,
            presplit=presplit,
            glossary=terms,
            encoding=encoding,
            cache_dir=cache_dir() / "align",
            progress=bar.advance if bar.enabled else None,
        )
    finally:
        bar.close()
    write_output(target, render_alignment(alignment, output_format, min_score), **rule)
    linked = sum(1 for link in alignment.links if link.zh and link.en)
    detail(f"{sum(1 for link in alignment.links if not link.zh or not link.en)} sentences left unlinked (1–0, 0–1)")
    if output is not None:
        where = "standard output" if is_stdout(output) else output
        note(
            f"toolkit: aligned {len(alignment.zh)} Chinese and {len(alignment.en)} English sentences: "
            f"{linked} links, written to {where}"
        )


class _Progress:
    """One bar on stderr for the whole run, a stage after another (a terminal only)."""

    STAGES = {"reading": (0.0, 0.45), "anchoring": (0.45, 0.6), "banded search": (0.6, 1.0)}
    """Where each stage of `align_files` starts and ends on the bar (the share of a long pair's time it takes)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.shown = 0

    def advance(self, stage: str, done: float) -> None:
        """`stage` (one of STAGES) is `done` (0..1) of its way."""
        if self.bar is None:
            self.bar = click.progressbar(length=1000, label=stage, file=sys.stderr)
            self.bar.__enter__()
        start, end = self.STAGES.get(stage, (0.0, 1.0))
        at = int(1000 * (start + (end - start) * min(max(done, 0.0), 1.0)))
        self.bar.label = stage
        if at > self.shown:
            self.bar.update(at - self.shown)
            self.shown = at
        self.bar.render_progress()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
