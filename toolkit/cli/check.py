"""`toolkit check`: placeholder until its stage lands (replaced by the module's owner)."""

import click

from toolkit.errors import ToolkitError


@click.command(name="check")
def command() -> None:
    """Not built yet."""
    raise ToolkitError("'toolkit check' is not built yet")
