"""The `toolkit` command: click commands only. Parse options, call the library, print, exit.

Exit codes: 0 success, 1 findings (`check`), 2 usage or input error, 3 internal error, 130 interrupted.
Each subcommand lives in its own module here and imports its stage lazily, so that
`toolkit check` never pays for the translation engine.
"""

from __future__ import annotations

import os
import sys

import click

from toolkit.cli.options import verbosity
from toolkit.errors import GlossaryError, ToolkitError, one_line
from toolkit.version import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="toolkit")
@verbosity
def cli() -> None:
    """Chinese→English translation and glossary toolkit.

    \b
    A typical round:
      toolkit segment seeds/article.txt      inspect what will be translated
      toolkit draft seeds/ -o translations/  draft English into PO files (open them in Poedit)
      toolkit check translations/            glossary and consistency checks, for CI

    \b
    `-` is standard input wherever a file is read, `-o -` standard output.
    Shell completion (bash; zsh and fish alike):  eval "$(_TOOLKIT_COMPLETE=bash_source toolkit)"
    """


def _register() -> None:
    from toolkit.cli import align, build, check, draft, glossary, models, review, segment, suggest, xliff

    for module in (segment, draft, build, models, glossary, check, align, review, xliff):
        cli.add_command(module.command)
    glossary.command.add_command(suggest.command)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: maps ToolkitError to one line on stderr and exit code 2."""
    _register()
    try:
        code = cli.main(args=argv, prog_name="toolkit", standalone_mode=False)
    except GlossaryError as error:
        _report_glossary_problems(error)
        sys.exit(error.exit_code)
    except ToolkitError as error:
        click.echo(f"toolkit: error: {error}", err=True)
        sys.exit(error.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("toolkit: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.NoArgsIsHelpError as error:
        error.show()
        sys.exit(error.exit_code)
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx is not None else "toolkit"
        click.echo(one_line(f"toolkit: error: {error.format_message().rstrip('.')} — see `{command} --help`"), err=True)
        sys.exit(error.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:
        # The reader went away (`toolkit segment … | head`): stop quietly, and keep Python's exit-time flush quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("TOOLKIT_DEBUG"):
            raise
        click.echo(
            f"toolkit: internal error: {type(error).__name__}: {error} "
            "(please report it; set TOOLKIT_DEBUG=1 to see the traceback)",
            err=True,
        )
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)


def _report_glossary_problems(error: GlossaryError) -> None:
    """One problem: one line with the hint; several: one line each (file:line: problem), then the count and hint."""
    hint = error.hint or "fix the glossary and run again"
    if len(error.problems) <= 1:
        first = error.problems[0] if error.problems else error.what
        click.echo(one_line(f"toolkit: error: {first} — {hint}"), err=True)
        return
    for problem in error.problems:
        click.echo(one_line(f"toolkit: error: {problem}"), err=True)
    click.echo(f"toolkit: {len(error.problems)} glossary problems — {hint}", err=True)
