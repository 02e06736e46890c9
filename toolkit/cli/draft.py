"""`toolkit draft`: placeholder until its stage lands (replaced by the module's owner)."""

import click

from toolkit.errors import ToolkitError


@click.command(name="draft")
def command() -> None:
    """Not built yet."""
    raise ToolkitError("'toolkit draft' is not built yet")
