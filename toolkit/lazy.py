"""Package faces that hand names out lazily: each name is imported from its module on first use.

A face (`toolkit.check`, `toolkit.glossary`, `toolkit.suggest`) lists where each public name lives; the CLI can
read `toolkit.check.RULE_NAMES` at start-up without importing every rule. Usage, in a package's __init__.py:

    __getattr__, __all__ = lazy_face(__name__, {"model": ("Finding", "Rule"), "runner": ("check_catalogs",)})
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_face(package: str, homes: Mapping[str, tuple[str, ...]]) -> tuple[Callable[[str], object], list[str]]:
    """The module `__getattr__` of `package` and its `__all__`, for names living in its submodules `homes`."""
    module_of = {name: module for module, names in homes.items() for name in names}

    def __getattr__(name: str) -> object:
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module_of[name]}"), name)
        setattr(sys.modules[package], name, value)  # the next lookup is an ordinary attribute
        return value

    return __getattr__, sorted(module_of)
