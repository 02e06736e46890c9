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

COMMANDS = {
    "segment": "segment",
    "draft": "draft",
    "build": "build",
    "models": "models",
    "glossary": "glossary",
    "check": "check",
    "align": "align",
    "review": "review",
    "xliff": "xliff",
}
"""Each subcommand and the module of toolkit.cli that defines it (as `command`)."""


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs (or help lists them all):
    `toolkit check` never imports draft's memory or the glossary formats, and starts faster for it."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            from importlib import import_module

            self.add_command(import_module(f"toolkit.cli.{COMMANDS[name]}").command, name)
        return self.commands.get(name)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
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
    """Import every subcommand now (tests walk the whole tree; `main` imports only the one it runs)."""
    for name in COMMANDS:
        cli.get_command(click.Context(cli), name)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: maps ToolkitError to one line on stderr and exit code 2."""
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
