"""Options shared by several commands, each defined once (as pip-tools does)."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.layout import DEFAULT_OUTPUT

DEFAULT_GLOSSARY = Path("glossary")


class NonEmptyPath(click.Path):
    """A click.Path that refuses "": pathlib reads it as the current directory, so `-o ""` would write into ./en/."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value:
            self.fail("an empty path (it would mean the current directory); name the file or directory, e.g. `.`", param, ctx)
        return super().convert(value, param, ctx)


def output_option(help: str):
    """`-o/--output DIR`: where `toolkit draft` writes and `toolkit build` reads (default: translations)."""
    return click.option("-o", "--output", type=NonEmptyPath(file_okay=False, path_type=Path),
                        default=DEFAULT_OUTPUT, show_default=True, help=help)


glossary_option = click.option(
    "--glossary", type=click.Path(path_type=Path),
    help="Glossary directory (every *.tsv in it) or one TSV file.  [default: ./glossary when it exists]",
)


def default_glossary(glossary: Path | None) -> Path | None:
    """The glossary to use: the one given, else ./glossary when it exists, else none."""
    if glossary is not None:
        return glossary
    return DEFAULT_GLOSSARY if DEFAULT_GLOSSARY.is_dir() else None
