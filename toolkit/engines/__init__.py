"""Translation engines: one small interface; Argos (CTranslate2 + SentencePiece) on this machine or on Ray.

`build_engine` is where a run's engine is made from the package and the CLI's `EngineOptions`;
each implementation is imported only when it is built (Ray only with `--cluster`).
"""

from __future__ import annotations

from pathlib import Path

from toolkit.engines.model import DEVICES, BatchDone, Engine, EngineOptions, Hypothesis

__all__ = ["DEVICES", "BatchDone", "Engine", "EngineOptions", "Hypothesis", "build_engine", "parse_cluster"]


def build_engine(package_dir: str | Path, options: EngineOptions = EngineOptions()) -> Engine:
    """The Argos engine for `package_dir`: on this machine, or on Ray when `options.cluster` is set."""
    if options.cluster is not None:
        from toolkit.engines.cluster import RayEngine

        return RayEngine(package_dir, address=options.cluster or None, device=options.device, on_batch=options.on_batch)
    from toolkit.engines.argos import ArgosEngine, choose_device

    return ArgosEngine(package_dir, device=choose_device(options.device), on_batch=options.on_batch)


def parse_cluster(value: str, default_address: str | None = None) -> str:
    """`--cluster ray[:ADDRESS]` -> the Ray address ("" for a local cluster); plain `ray` takes `default_address`.

    `default_address` is TOOLKIT_RAY_ADDRESS as the CLI read it. Addresses are Ray's own: `auto`,
    `HOST:6379`, `ray://HOST:10001`.
    """
    from toolkit.errors import InputError

    scheme, _, address = value.partition(":")
    if scheme != "ray":
        raise InputError(f"unknown cluster {value!r}", None, "pass --cluster ray or --cluster ray:ADDRESS")
    return address.strip() or (default_address or "").strip()
