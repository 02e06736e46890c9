"""Which rules `toolkit check` runs, from `[tool.toolkit.check]` in pyproject.toml or `[check]` in toolkit.toml.

    [tool.toolkit.check]          # or, in toolkit.toml:  [check]
    disable = ["fullwidth-punctuation"]
    enable = ["untranslated", "fuzzy"]

The CLI reads the file of the directory it runs in and passes the result down; --enable/--disable apply on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.textio import read_bytes

CONFIG_FILES = (("toolkit.toml", ("check",)), ("pyproject.toml", ("tool", "toolkit", "check")))
"""Where the settings are looked for, first found wins: the file and the table inside it."""

KEYS = ("enable", "disable")


@dataclass(frozen=True)
class CheckConfig:
    """Rule ids switched on and off by a configuration file, and the file they came from."""

    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    source: str | None = None


def load_config(directory: str | Path = ".") -> CheckConfig:
    """The check settings of `directory` (toolkit.toml, else pyproject.toml); empty when neither has them."""
    for name, table_path in CONFIG_FILES:
        path = Path(directory) / name
        if not path.is_file():
            continue
        import tomllib  # only when there is a file to read: 2 ms of every check's start otherwise

        where = str(path)
        try:
            document = tomllib.loads(read_bytes(path).decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ToolkitError(f"cannot read the settings: {error}", where, "fix the TOML syntax") from None
        table = document
        for key in table_path:
            table = table.get(key, {}) if isinstance(table, dict) else {}
        if not table:
            continue
        label = "[" + ".".join(table_path) + "]"
        if not isinstance(table, dict):
            raise ToolkitError(f"{label} is not a table", where, "write it as a [table] with enable/disable lists")
        unknown = sorted(set(table) - set(KEYS))
        if unknown:
            raise ToolkitError(f"unknown key {unknown[0]!r} in {label}", where, f"keys are: {', '.join(KEYS)}")
        values = {}
        for key in KEYS:
            value = table.get(key, [])
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ToolkitError(
                    f"{label} {key} must be a list of rule ids", where, 'e.g. disable = ["fullwidth-punctuation"]'
                )
            values[key] = tuple(value)
        return CheckConfig(values["enable"], values["disable"], f"{where} {label}")
    return CheckConfig()
