"""Words of the domain, each defined once: the two scripts, language codes, shared flag names, counted nouns."""

from __future__ import annotations

import enum
import re


class Script(enum.StrEnum):
    """The script of a Chinese text, as PO headers write it (X-Source-Language)."""

    SIMPLIFIED = "zh_Hans"
    TRADITIONAL = "zh_Hant"

    @property
    def language_tag(self) -> str:
        """The language tag CAT tools expect for this script (TMX srclang, XLIFF source-language): zh-CN or zh-TW."""
        return "zh-CN" if self is Script.SIMPLIFIED else "zh-TW"


ENGLISH = "en"
"""The target language: PO files go to <output>/en/ and say `Language: en`."""

CHINESE_CODES = ("zh", "zh_Hans", "zt", "zh_Hant")
"""Argos source-language codes of Chinese, in order of preference when looking for an installed zh→en package."""

ENCODING_DAMAGE = "encoding-damage"
"""Cleaning kind and segment flag of likely mojibake (規?涨暗拇笏懔): flagged, never repaired."""

SITE_CHROME = "site-chrome"
"""Cleaning kind of a line of web-page controls (訂閱, 發表評論) kept out of the text to translate."""


def primary_language(code: str) -> str:
    """The primary subtag of a language code, lower-case: zh-Hans-CN -> zh, en_US -> en, zt -> zt."""
    return re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]


def is_chinese(code: str) -> bool:
    """Whether a language code names Chinese in either script: zh, zh_Hans, zh-TW, zh-Hant-HK, or Argos's zt."""
    return primary_language(code) in ("zh", "zt")


def is_english(code: str) -> bool:
    """Whether a language code names English: en, en_US, en-GB."""
    return primary_language(code) == "en"


def count(number: int, singular: str, plural: str | None = None) -> str:
    """`1 file`, `2 files`, `0 entries` (with `plural` for the irregular ones)."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
