"""Simplified ⇄ traditional conversion of glossary terms with OpenCC, cached on disk in a directory the CLI names."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.textio import atomic_write

# OpenCC configurations whose output the source-side matcher also accepts, so one row serves both scripts:
# mainland simplified, traditional, Taiwan and Hong Kong forms, and Taiwan phrasing such as 人工智慧.
SCRIPT_FORMS = ("t2s", "s2t", "s2tw", "s2twp", "s2hk")


def convert(configs: Sequence[str], texts: Sequence[str], cache_dir: Path | None = None) -> list[list[str]]:
    """`texts` converted by each OpenCC configuration; read from and saved to `cache_dir` when one is given.

    Loading OpenCC's dictionaries is most of what loading a glossary costs (about 0.1 s), and
    `toolkit check` pays it on every start; the converted forms only change with the glossary.
    """
    if cache_dir is None:
        return _convert_now(configs, texts)
    cache = cache_dir / f"{_cache_key(configs, texts)}.json"
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
        if len(cached) == len(configs) and all(len(forms) == len(texts) for forms in cached):
            return cached
    except (OSError, ValueError):
        pass
    converted = _convert_now(configs, texts)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(cache, json.dumps(converted, ensure_ascii=False))
    except (OSError, ToolkitError):
        pass  # a cache that cannot be written only costs time
    return converted


SCRIPT_LABELS = {"t2s": "zh-Hans", "s2t": "zh-Hant", "s2tw": "zh-TW", "s2twp": "zh-TW", "s2hk": "zh-HK"}
"""The BCP 47 tag of each configuration's output (s2twp also swaps in Taiwan phrasing)."""


def script_forms(texts: Sequence[str], cache_dir: Path | None = None) -> list[dict[str, str]]:
    """For each text, its other spellings that the matcher accepts, each with its BCP 47 tag (SCRIPT_FORMS order)."""
    converted = convert(SCRIPT_FORMS, texts, cache_dir)
    result = []
    for index, text in enumerate(texts):
        forms: dict[str, str] = {}
        for config, column in zip(SCRIPT_FORMS, converted):
            if column[index] != text:
                forms.setdefault(column[index], SCRIPT_LABELS[config])
        result.append(forms)
    return result


def _cache_key(configs: Sequence[str], texts: Sequence[str]) -> str:
    """A digest of OpenCC's version, the configurations and the texts."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        opencc_version = version("opencc")
    except PackageNotFoundError:
        opencc_version = "unknown"
    return hashlib.sha256("\x1f".join([opencc_version, *configs, *texts]).encode("utf-8")).hexdigest()[:24]


def _convert_now(configs: Sequence[str], texts: Sequence[str]) -> list[list[str]]:
    """`texts` converted by each OpenCC configuration, one call per configuration."""
    converters = [_converter(config) for config in configs]
    if not texts:
        return [[] for _ in configs]
    results = []
    for converter in converters:
        converted = converter.convert("\n".join(texts)).split("\n")
        results.append(converted if len(converted) == len(texts) else [converter.convert(t) for t in texts])
    return results


@functools.cache  # constant dictionaries: loaded once per process (export and import convert several times)
def _converter(config: str):
    """An OpenCC converter. Converters stay alive, so OpenCC reads a dictionary shared by several configurations once."""
    import opencc

    return opencc.OpenCC(config)
