"""`toolkit models`: placeholder until its stage lands (replaced by the module's owner)."""

import click

from toolkit.errors import ToolkitError


@click.command(name="models")
def command() -> None:
    """Not built yet."""
    raise ToolkitError("'toolkit models' is not built yet")
