"""`toolkit segment`: placeholder until its stage lands (replaced by the module's owner)."""

import click

from toolkit.errors import ToolkitError


@click.command(name="segment")
def command() -> None:
    """Not built yet."""
    raise ToolkitError("'toolkit segment' is not built yet")
