"""`toolkit glossary`: placeholder until its stage lands (replaced by the module's owner)."""

import click

from toolkit.errors import ToolkitError


@click.command(name="glossary")
def command() -> None:
    """Not built yet."""
    raise ToolkitError("'toolkit glossary' is not built yet")
