"""The cluster row of the bench, in its own process: `python bench/cluster_steps.py SEEDS... --package P --tiny T`.

The same drafting work (the seeds' sentences, toolkit's batches of 64) by the plain single-process ArgosEngine
(one translator, all cores) and by RayEngine on a local Ray with one one-thread actor per core; then Ray's
per-batch overhead, from many one-sentence batches of the tiny model (whose compute is next to nothing).
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from draft_steps import seed_sentences

SETTINGS = {"beam_size": 4, "length_penalty": 0.2, "max_decoding_length": 256, "compute_type": "int8", "device": "cpu"}
OVERHEAD_BATCHES = 200


def timed_batches(engine, sentences: list[str]) -> tuple[list, float, list[float]]:
    """Translate, returning the drafts, the wall seconds and when each batch came back (seconds from the start)."""
    arrivals: list[float] = []
    started = time.perf_counter()
    engine.on_batch = lambda done, total: arrivals.append(time.perf_counter() - started) if done else None
    drafts = engine.translate(sentences)
    return drafts, time.perf_counter() - started, arrivals


def main() -> None:
    """Plain vs Ray on the seeds, Ray's start-up, then the per-batch overhead; one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seeds", nargs="+", type=Path)
    parser.add_argument("--package", type=Path, required=True, help="unpacked Argos package to draft with")
    parser.add_argument("--tiny", type=Path, required=True, help="the tiny package, for the per-batch overhead")
    args = parser.parse_args()
    sentences = list(dict.fromkeys(s for paragraph in seed_sentences(args.seeds) for s in paragraph))
    cores = os.cpu_count() or 1

    from toolkit.engines.argos import ArgosEngine
    from toolkit.engines.cluster import RayEngine, connect

    started = time.perf_counter()
    plain = ArgosEngine(args.package, **SETTINGS)
    plain_load = time.perf_counter() - started
    plain_drafts, plain_seconds, plain_arrivals = timed_batches(plain, sentences)

    started = time.perf_counter()
    connect(None, num_cpus=cores)
    ray_start = time.perf_counter() - started
    cluster = RayEngine(args.package, **SETTINGS)
    ray_drafts, ray_seconds, ray_arrivals = timed_batches(cluster, sentences)

    # Per-batch overhead: one short sentence per batch, tiny model; the same batches locally and on Ray.
    tiny_settings = {**SETTINGS, "max_batch_size": 1, "max_decoding_length": 8}
    short = [f"第{n}句。" for n in range(OVERHEAD_BATCHES)]
    _, tiny_plain_seconds, _ = timed_batches(ArgosEngine(args.tiny, **tiny_settings), short)
    _, tiny_ray_seconds, tiny_arrivals = timed_batches(RayEngine(args.tiny, **tiny_settings), short)
    steady = (tiny_arrivals[-1] - tiny_arrivals[0]) / (len(tiny_arrivals) - 1)
    print(
        json.dumps(
            {
                "segments": len(sentences),
                "batches": len(plain_arrivals),
                "cores": cores,
                "actors": cluster.actors,
                "same_drafts": [[h.text for h in d] for d in plain_drafts] == [[h.text for h in d] for d in ray_drafts],
                "plain_load_seconds": plain_load,
                "plain_seconds": plain_seconds,
                "ray_start_seconds": ray_start,
                "ray_seconds": ray_seconds,
                "ray_first_batch_seconds": ray_arrivals[0],
                "plain_first_batch_seconds": plain_arrivals[0],
                "overhead_batches": OVERHEAD_BATCHES,
                "overhead_plain_seconds_per_batch": tiny_plain_seconds / OVERHEAD_BATCHES,
                "overhead_ray_seconds_per_batch": steady,
                "overhead_ray_first_batch_seconds": tiny_arrivals[0],
                "overhead_ray_seconds": tiny_ray_seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
