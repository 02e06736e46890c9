"""`toolkit check`: glossary and consistency checks over PO files, for editors and CI."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import default_glossary, glossary_cache, glossary_option


@click.command(name="check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@glossary_option
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text: file:line: rule: message; json: JSON Lines; github: annotations.")
@click.option("--include-fuzzy", is_flag=True, help="Check fuzzy entries too.")
@click.option("--list-rules", is_flag=True, help="List the rules with their severity, and exit.")
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], glossary: Path | None, output_format: str,
            include_fuzzy: bool, list_rules: bool) -> None:
    """Check translated PO entries against the glossary and each other.

    \b
    PATHS are PO files or directories (searched for *.po); default: the current directory.
    Rules: term-missing, term-forbidden, dnt-changed, inconsistent-translation, wrong-direction.
    Exit status: 0 clean, 1 findings, 2 usage or input error (including an invalid glossary).
    Entry counts per file go to stderr, so stdout holds only findings.
    """
    from toolkit.check import REPORTERS, RULES, check_catalogs, format_summary
    from toolkit.glossary import load_glossary

    if list_rules:
        for rule in RULES:
            click.echo(f"{rule.name:<26} {rule.severity:<8} {rule.description}")
        return
    glossary_path = default_glossary(glossary)
    if glossary_path is None:
        click.echo("toolkit: note: no ./glossary directory and no --glossary: glossary rules skipped", err=True)
    loaded = load_glossary(glossary_path, glossary_cache()) if glossary_path is not None else None
    result = check_catalogs(paths or (Path("."),), loaded, include_fuzzy=include_fuzzy)
    report = REPORTERS[output_format]
    for finding in result.findings:
        click.echo(report(finding))
    for summary in result.summaries:
        click.echo(format_summary(summary), err=True)
    files = len(result.summaries)
    click.echo(f"{len(result.findings)} finding{'s' if len(result.findings) != 1 else ''} in "
               f"{files} file{'s' if files != 1 else ''}", err=True)
    ctx.exit(1 if result.findings else 0)
