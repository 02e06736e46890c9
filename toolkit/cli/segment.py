"""`toolkit segment FILE...`: print what `draft` will translate, one JSON object per segment."""

from __future__ import annotations

import json

import click

from toolkit.cli.options import detail, encoding_option, note, verbosity
from toolkit.words import count


@click.command(name="segment")
@click.argument("files", nargs=-1, required=True)
@encoding_option
@click.option(
    "--cleaning", "show_cleaning", is_flag=True, help="Print what cleaning changed or flagged instead of the segments."
)
@verbosity
def command(files: tuple[str, ...], encoding: str | None, show_cleaning: bool) -> None:
    """Print the segments of each FILE (`-`: standard input) as JSON Lines: file, paragraph, index, line, text, flags.

    \b
    Example:
      toolkit segment seeds/000_53be3466f5beab3d.txt | head -3
      toolkit segment --cleaning seeds/003_9a689e7dc9ad903a.txt
    """
    from toolkit.segment import segment_file

    documents = [segment_file(path, encoding) for path in files]
    records: list[str] = []
    for document in documents:
        detail(f"{document.file}: {document.encoding}, {document.script}, {count(len(document.segments), 'segment')}")
        if not document.segments:
            note(f"toolkit: note: {document.file}: no text to translate (empty or only markup)")
        if show_cleaning:
            records.extend(
                _json({"file": document.file, "line": cleaning.line, "kind": cleaning.kind, "text": cleaning.text})
                for cleaning in document.cleanings
            )
            continue
        for segment in document.segments:
            record = {
                "file": segment.file,
                "paragraph": segment.paragraph,
                "index": segment.index,
                "line": segment.line,
                "text": segment.text,
            }
            if segment.flags:
                record["flags"] = list(segment.flags)
            records.append(_json(record))
    if records:
        click.echo("\n".join(records))


def _json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)
