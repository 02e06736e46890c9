"""Simplified and traditional Chinese: detection and conversion (OpenCC's dictionaries, loaded once per call site)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Script = Literal["zh_Hans", "zh_Hant"]


@dataclass
class ScriptConverter:
    """Converts between scripts with OpenCC; create one and pass it where it is needed."""

    _converters: dict[str, object] = field(default_factory=dict, repr=False)

    def _get(self, config: str):
        if config not in self._converters:
            import opencc

            self._converters[config] = opencc.OpenCC(config)
        return self._converters[config]

    def to_simplified(self, text: str) -> str:
        """Traditional (and mixed) text in simplified characters; simplified text unchanged."""
        return self._get("t2s").convert(text)

    def to_traditional(self, text: str) -> str:
        """Simplified text in traditional characters."""
        return self._get("s2t").convert(text)

    def detect(self, text: str) -> Script:
        """`zh_Hant` when more characters change going to simplified than going to traditional."""
        simplified = self.to_simplified(text)
        traditional = self.to_traditional(text)
        changed_by_t2s = sum(a != b for a, b in zip(text, simplified))
        changed_by_s2t = sum(a != b for a, b in zip(text, traditional))
        return "zh_Hant" if changed_by_t2s > changed_by_s2t else "zh_Hans"


def detect_script(text: str, converter: ScriptConverter | None = None) -> Script:
    """The script of a document: `zh_Hans` or `zh_Hant`."""
    return (converter or ScriptConverter()).detect(text)
