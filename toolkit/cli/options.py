"""Options shared by several commands, each defined once (as pip-tools does), and the configuration they read."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit import paths

DEFAULT_OUTPUT = Path(paths.DEFAULT_OUTPUT)
DEFAULT_GLOSSARY = Path("glossary")


def output_option(help: str):
    """`-o/--output DIR`: where `toolkit draft` writes and `toolkit build` reads (default: translations)."""
    # A plain string, not a Path: Path("") would silently become "." (the library refuses an empty -o).
    return click.option(
        "-o", "--output", type=click.Path(file_okay=False), default=str(DEFAULT_OUTPUT), show_default=True, help=help
    )


glossary_option = click.option(
    "--glossary",
    type=click.Path(path_type=Path),
    help="Glossary directory (every *.tsv in it) or one TSV file.  [default: ./glossary when it exists]",
)


def default_glossary(glossary: Path | None) -> Path | None:
    """The glossary to use: the one given, else ./glossary when it exists, else none."""
    if glossary is not None:
        return glossary
    return DEFAULT_GLOSSARY if DEFAULT_GLOSSARY.is_dir() else None


def cache_dir() -> Path:
    """The user's cache directory for this run ($XDG_CACHE_HOME/toolkit), resolved here and handed down."""
    return paths.user_cache_dir()


def glossary_cache() -> Path:
    """Where OpenCC conversions of glossary terms are kept between runs: <cache>/opencc."""
    return cache_dir() / "opencc"


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`--encoding` checked before any work: a known text encoding (not rot13, base64, zlib, ...)."""
    if value is None:
        return None
    from toolkit.textio import text_encoding

    return text_encoding(value, "--encoding")


encoding_option = click.option(
    "--encoding",
    metavar="NAME",
    callback=_check_encoding,
    help="Source encoding (default: detected; UTF-8, GB18030, Big5 or Big5-HKSCS). E.g. utf-16-le.",
)


# --- -q/--quiet and -v/--verbose, on the group and on every command: `toolkit -q draft …` = `toolkit draft -q …`

_VERBOSITY = "toolkit.verbosity"


def _set_verbosity(level: int):
    def callback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            ctx.find_root().meta[_VERBOSITY] = level

    return callback


def verbosity(command):
    """Add -q/--quiet (only errors and the command's own output) and -v/--verbose (say what was read and decided)."""
    command = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity(-1),
        help="Print nothing but errors and the command's own output (no notes or summaries).",
    )(command)
    return click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity(1),
        help="Also say what was read and decided (files, glossary, memory, engine).",
    )(command)


def level() -> int:
    """-1 with --quiet, 1 with --verbose, else 0."""
    context = click.get_current_context(silent=True)
    return context.find_root().meta.get(_VERBOSITY, 0) if context is not None else 0


def note(message: str, *, err: bool = True) -> None:
    """A note, notice or summary line (stderr unless `err` is False): silent with --quiet."""
    if level() >= 0:
        click.echo(message, err=err)


def detail(message: str) -> None:
    """A line for --verbose only, on stderr."""
    if level() > 0:
        click.echo(f"toolkit: {message}", err=True)
