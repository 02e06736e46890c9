"""Which engine a draft run uses: the Argos package given with --model, else the installed zh→en one, else none."""

from __future__ import annotations

from pathlib import Path

from toolkit.draft.finish import EngineFactory
from toolkit.engines import EngineOptions, build_engine
from toolkit.errors import ModelError
from toolkit.words import is_chinese, is_english

NO_MODEL_NOTICE = (
    "no zh→en Argos model installed; writing entries for translators to fill "
    "(install one with `toolkit models install zh en` or `--model FILE.argosmodel`)"
)


def choose_engine(
    choice: str, model: str | Path | None, options: EngineOptions = EngineOptions(), cache_dir: Path | None = None
) -> tuple[EngineFactory | None, str | None]:
    """The engine factory for `--engine auto|argos|none` (and `--model`, unpacked under `cache_dir`; `options`:
    device, cluster, progress), plus a notice for the user."""
    if choice == "none":
        return None, None
    from toolkit.engines import argos

    if model is not None:
        check_language_pair(model)
        package = argos.load_package(model, cache_dir)
    else:
        package = argos.find_zh_en_package()
        if package is None:
            if choice == "argos":
                raise ModelError(
                    "no zh→en Argos model installed",
                    None,
                    "install one with `toolkit models install zh en` or pass --model FILE.argosmodel",
                )
            return None, NO_MODEL_NOTICE
    return (lambda: build_engine(package, options)), None


def check_language_pair(model: str | Path) -> None:
    """ModelError unless the package given with --model translates Chinese into English (read before unpacking)."""
    from toolkit import packages

    path = Path(model)
    info = packages.read_package_dir(path) if path.is_dir() else packages.check_archive(path)
    if not is_chinese(info.from_code) or not is_english(info.to_code):
        raise ModelError(
            f"translates {info.from_code}→{info.to_code}, not Chinese→English",
            str(path),
            "pass a zh→en package (zh, zt or zh_Hant → en), e.g. from `toolkit models install zh en`",
        )
