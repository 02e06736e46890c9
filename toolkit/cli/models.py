"""`toolkit models`: list and install Argos translation packages."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import note, verbosity

TIMEOUT_OPTION = click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds to wait for the package index or a download before giving up.",
)


@click.group(name="models")
@verbosity
def command() -> None:
    """List and install Argos Translate model packages.

    \b
    Drafting uses the installed zh→en package, or the one given with --model.
      toolkit models list                      installed packages
      toolkit models list --available          also what the Argos package index offers
      toolkit models install zh en             download from the index and install
      toolkit models install FILE.argosmodel   install a downloaded package (offline)
    """


@command.command(name="list")
@click.option("--available", is_flag=True, help="Also list the packages offered by the Argos package index.")
@TIMEOUT_OPTION
@verbosity
def list_command(available: bool, timeout: float) -> None:
    """Installed packages (and, with --available, those offered by the index).

    A package folder whose metadata.json cannot be read is left out of the list and named on
    stderr, one `toolkit: warning:` line each; the exit code stays 0, as the listing itself worked.
    """
    from toolkit import packages

    installed = packages.installed_packages()
    for package in installed.packages:
        click.echo(f"{package.name}\t{package.pair}\t{package.version}\t{package.path}")
    for problem in installed.broken:
        click.echo(f"toolkit: warning: {problem}", err=True)
    if not installed.packages:
        usable = "usable " if installed.broken else ""
        click.echo(f"no {usable}packages installed in {packages.packages_dir()} — run `toolkit models install zh en`")
    if available:
        click.echo(f"available from {packages.index_url()}:")
        for package in packages.fetch_index(timeout=timeout):
            click.echo(f"{package.name}\t{package.pair}\t{package.version}")


@command.command(name="install")
@click.argument("source", nargs=-1, required=True, metavar="FROM TO | FILE.argosmodel")
@TIMEOUT_OPTION
@verbosity
def install_command(source: tuple[str, ...], timeout: float) -> None:
    """Install a package from the Argos package index (FROM TO) or from a local .argosmodel file."""
    from toolkit import packages

    if len(source) == 1:
        installed = packages.install_from_file(Path(source[0]))
    elif len(source) == 2:
        installed = packages.install_from_index(source[0], source[1], timeout=timeout)
    else:
        raise click.UsageError("give FROM TO (e.g. `zh en`) or one FILE.argosmodel")
    note(f"installed {installed.name} ({installed.pair} {installed.version}) in {installed.path}", err=False)
