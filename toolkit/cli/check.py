"""`toolkit check`: review rules over PO files (glossary, numbers, dates, leftover Chinese, ...), for editors and CI."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import (
    DEFAULT_OUTPUT,
    cache_dir,
    default_glossary,
    detail,
    glossary_cache,
    glossary_option,
    note,
    verbosity,
)


class LibraryChoice(click.ParamType):
    """A choice among names the library defines, looked up only when the option is used (no import at start-up)."""

    def __init__(self, name: str, names: tuple[str, str]) -> None:
        self.name, self._names = name, names

    def choices(self) -> tuple[str, ...]:
        from importlib import import_module

        module, name = self._names
        return tuple(getattr(import_module(module), name))

    def convert(self, value, param, ctx):
        if value not in self.choices():
            self.fail(f"{value!r} is not one of {', '.join(self.choices())}", param, ctx)
        return value


RULE = LibraryChoice("rule", ("toolkit.check.table", "RULE_NAMES"))
FORMAT = LibraryChoice("format", ("toolkit.check.report", "REPORTER_NAMES"))


@click.command(name="check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@glossary_option
@click.option("--no-glossary", is_flag=True, help="Do not load a glossary: only the glossary-free rules speak.")
@click.option(
    "--format",
    "output_format",
    type=FORMAT,
    default="text",
    metavar="FORMAT",
    show_default=True,
    help="How findings are printed (text is file:line: rule: message; the others are in docs/check.md).",
)
@click.option("--enable", "enabled", multiple=True, type=RULE, metavar="RULE", help="Run this rule too (repeatable).")
@click.option(
    "--disable", "disabled", multiple=True, type=RULE, metavar="RULE", help="Do not run this rule (repeatable)."
)
@click.option("--include-fuzzy", is_flag=True, help="Check fuzzy entries too.")
@click.option(
    "--strict",
    is_flag=True,
    help="The release gate: check fuzzy entries too, and report every untranslated or fuzzy entry.",
)
@click.option("--list-rules", is_flag=True, help="List the rules with their severity, and exit.")
@verbosity
@click.pass_context
def command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    glossary: Path | None,
    no_glossary: bool,
    output_format: str,
    enabled: tuple[str, ...],
    disabled: tuple[str, ...],
    include_fuzzy: bool,
    strict: bool,
    list_rules: bool,
) -> None:
    """Check translated PO entries against the glossary, their sources and each other.

    \b
    PATHS are PO files or directories (searched for *.po); default: translations/, where `toolkit draft` writes.
    Rules are switched with --enable/--disable or a [tool.toolkit.check] table in pyproject.toml
    (or [check] in toolkit.toml); --list-rules shows them. Documentation: docs/check.md.
    Exit status: 0 clean, 1 findings, 2 usage or input error (including a malformed PO file or glossary).
    Entry counts per file go to stderr, so stdout holds only findings (-q: no counts, no notes).
    """
    from toolkit.check.config import load_config
    from toolkit.check.report import REPORTERS, format_summary
    from toolkit.check.runner import check_catalogs
    from toolkit.check.table import RULES, select_rules

    if list_rules:
        for rule in RULES:
            state = "" if rule.default else " (off by default)"
            click.echo(f"{rule.name:<26} {rule.severity:<8} {rule.description}{state}")
        return
    config = load_config()
    selected = select_rules(config.enable, config.disable, where=config.source)
    selected = select_rules(enabled + (("untranslated", "fuzzy") if strict else ()), disabled, base=selected)
    loaded = None
    if not no_glossary:
        glossary_path = default_glossary(glossary)
        if glossary_path is None:
            note("toolkit: note: no ./glossary directory and no --glossary: glossary rules skipped")
        else:
            from toolkit.check.index import load_indexed

            loaded = load_indexed(glossary_path, cache_dir() / "check", glossary_cache())
            detail(f"glossary {glossary_path}: {len(loaded)} concepts (version {loaded.version})")
    detail(f"rules: {', '.join(rule.name for rule in RULES if rule.name in selected)}")
    result = check_catalogs(
        paths or (Path(DEFAULT_OUTPUT),), loaded, include_fuzzy=include_fuzzy or strict, selected=selected
    )
    files = len(result.summaries)
    detail(
        f"checked {files} file{'s' if files != 1 else ''} in {result.workers} "
        f"process{'es' if result.workers != 1 else ''}"
    )
    report = REPORTERS[output_format]
    if result.findings:
        click.echo("\n".join(report(finding) for finding in result.findings))
    if result.summaries:
        note("\n".join(format_summary(summary) for summary in result.summaries))
    note(
        f"{len(result.findings)} finding{'s' if len(result.findings) != 1 else ''} in "
        f"{files} file{'s' if files != 1 else ''}"
    )
    from toolkit import patterns

    patterns.save()  # the next check starts without compiling its regular expressions
    ctx.exit(1 if result.findings else 0)
