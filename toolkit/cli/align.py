"""`toolkit align ZH_FILE EN_FILE`: link the sentences of a Chinese document and its English translation."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli.options import default_glossary, glossary_option

_FORMATS = ("po", "tmx", "tsv", "ids")  # toolkit.align.write.FORMATS; repeated here so --help imports nothing heavy


@click.command(name="align")
@click.argument("zh_file", type=click.Path(path_type=Path))
@click.argument("en_file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (atomically) instead of standard output; its suffix picks the format.")
@click.option("--format", "output_format", type=click.Choice(_FORMATS),
              help="po: fuzzy entries for `draft --tm`; tmx: TMX 1.4b for CAT tools; tsv: zh, en, score; "
              "ids: Vecalign links like [0,1]:[2].  [default: the output's suffix, else tsv]")
@click.option("--presplit", is_flag=True, help="Both files hold one sentence per line; line numbers are sentence ids.")
@glossary_option
@click.option("--no-glossary", is_flag=True, help="Align without glossary evidence even if ./glossary exists.")
@click.option("--min-score", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Leave out pairs scored below this from po, tmx and tsv (ids always lists every link).")
@click.option("--encoding", help="Encoding of both files (default: detected; UTF-8, GB18030 or Big5).")
def command(zh_file: Path, en_file: Path, output: Path | None, output_format: str | None, presplit: bool,
            glossary: Path | None, no_glossary: bool, min_score: float, encoding: str | None) -> None:
    """Link the sentences of ZH_FILE (Chinese) and EN_FILE (its English translation).

    \b
    Links are 1–1, 1–2, 2–1, 2–2, 1–3, 3–1, and 1–0/0–1 for sentences left untranslated.
    Example:
      toolkit align article.zh.txt article.en.txt -o memory/article.tmx
      toolkit draft seeds/ --tm memory/article.tmx
    """
    from toolkit.align import align_files
    from toolkit.align.write import render_alignment
    from toolkit.textio import atomic_write

    if output_format is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        output_format = suffix if suffix in _FORMATS else "tsv"
    glossary_path = None if no_glossary else default_glossary(glossary)
    terms = None
    if glossary_path is not None:
        from toolkit.glossary import load_glossary

        terms = load_glossary(glossary_path)
    alignment = align_files(zh_file, en_file, presplit=presplit, glossary=terms, encoding=encoding)
    text = render_alignment(alignment, output_format, min_score)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    atomic_write(output, text)
    linked = sum(1 for link in alignment.links if link.zh and link.en)
    click.echo(f"toolkit: aligned {len(alignment.zh)} Chinese and {len(alignment.en)} English sentences: "
               f"{linked} links, written to {output}", err=True)
