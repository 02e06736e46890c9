"""Benchmarks that print numbers (tests assert behaviour; this only measures): `make bench`.

    python bench/run.py            full run: real-size synthetic model, 100k-entry check sets (~10 min, 2 cores)
    python bench/run.py --smoke    tiny model and small data, for CI (well under a minute)

Every measured step runs in its own process: wall time and peak RSS (os.wait4) come from outside,
finer timings from the step's JSON report. Argos, XDG and HOME directories point into bench/.cache,
so the bench never touches the real home folder or the network. Results also go to bench/.cache/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cache  # noqa: E402
import memory_lookup  # noqa: E402
import models  # noqa: E402
from measure import BENCH, ROOT, Measurement, StepFailed, run  # noqa: E402

PYTHON = sys.executable
TOOLKIT = str(Path(sys.executable).with_name("toolkit"))
HEAVY_MODULES = ("argostranslate", "ctranslate2", "torch", "stanza", "spacy", "sentencepiece")


@dataclass(frozen=True)
class Plan:
    """What one bench run measures."""

    name: str
    size: str  # a key of models.SIZES
    seeds: tuple[Path, ...]
    check_grid: tuple[tuple[int, int], ...]  # (terms, entries)
    cold_starts: int
    repeats: int  # runs of each draft method; the fastest counts
    paragraphs: int | None = None  # draft only each seed's first N paragraphs (a cut copy in bench/.cache)


SEEDS = tuple(sorted((ROOT / "seeds").glob("*.txt")))
# The synthetic model decodes about as slowly as the real one: all five seeds take three methods
# about 20 minutes on 2 cores, so the default full run drafts the two smallest (--all-seeds for all).
SMALLEST_SEEDS = tuple(sorted(sorted(SEEDS, key=lambda p: p.stat().st_size)[:2]))

FULL = Plan(
    name="full",
    size="argos-base",
    seeds=SMALLEST_SEEDS,
    check_grid=tuple((t, e) for t in (100, 1_000, 10_000) for e in (1_000, 10_000, 100_000)),
    cold_starts=7,
    repeats=2,
)
SMOKE = Plan(
    name="smoke",
    size="tiny",
    seeds=SEEDS[:1],
    check_grid=((10, 100), (100, 300)),
    cold_starts=2,
    repeats=1,
    # 13 of the seed's 46 sentences: every draft method still runs on several paragraphs, and argostranslate's
    # translate(), by far the slowest of them on the tiny model, takes a few seconds instead of 10 to 30.
    paragraphs=6,
)


@dataclass
class Results:
    """Everything measured in one run, printed as tables and written as JSON."""

    plan: str
    machine: dict
    draft: dict = field(default_factory=dict)
    check: dict = field(default_factory=dict)
    cluster: dict = field(default_factory=dict)
    align: dict = field(default_factory=dict)
    memory: dict = field(default_factory=dict)


def machine() -> dict:
    """The machine and library versions the numbers were measured with."""
    from importlib.metadata import version

    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "ctranslate2": version("ctranslate2"),
        "argostranslate": version("argostranslate"),
        "polib": version("polib"),
        "load_average_at_start": os.getloadavg()[0],
    }


def bench_env(model: models.ModelSize) -> dict[str, str]:
    """The environment of every measured step: Argos settings pinned, every home-relative folder in bench/.cache."""
    home = cache.CACHE / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGOS_")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        ARGOS_PACKAGES_DIR=str(models.packages_dir(model)),
        ARGOS_DEVICE_TYPE="cpu",
        ARGOS_COMPUTE_TYPE="int8",
        ARGOS_BEAM_SIZE="4",
        ARGOS_INTER_THREADS="1",
        ARGOS_INTRA_THREADS=str(os.cpu_count() or 1),
    )
    return env


def step(measurement: Measurement, **extra) -> dict:
    """A measured step as a JSON-ready record."""
    return {"command": measurement.command, "seconds": measurement.seconds, "peak_mb": measurement.peak_mb, **extra}


def _summary_count(summary: str, pattern: str) -> int:
    match = re.search(pattern, summary)
    if match is None:
        raise StepFailed(f"cannot find {pattern!r} in the draft summary:\n{summary}")
    return int(match.group(1))


def draft_seeds(plan: Plan) -> list[Path]:
    """The sources the draft section translates: the plan's seeds, or copies of their first `plan.paragraphs`."""
    if plan.paragraphs is None:
        return list(plan.seeds)
    cut = []
    for seed in plan.seeds:
        paragraphs = [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
        target = cache.CACHE / f"seeds-{plan.name}" / seed.name
        cache.write_bytes(target, ("\n\n".join(paragraphs[: plan.paragraphs]) + "\n").encode("utf-8"))
        cut.append(target)
    return cut


def bench_draft(plan: Plan, env: dict[str, str]) -> dict:
    """toolkit draft vs argostranslate translate() vs one raw translate_batch; then an unchanged re-draft."""
    built = subprocess.run([PYTHON, str(BENCH / "models.py"), plan.size], env=env, capture_output=True, text=True)
    if built.returncode != 0:
        raise StepFailed(f"building the {plan.size} model failed:\n{built.stderr[-2000:]}")
    package = Path(built.stdout.strip())
    output = cache.CACHE / f"drafts-{plan.name}"
    seeds = [str(s) for s in draft_seeds(plan)]
    raw_argv = [PYTHON, str(BENCH / "draft_steps.py"), "raw", *seeds, "--package", str(package)]
    argos_argv = [PYTHON, str(BENCH / "draft_steps.py"), "argos", *seeds]
    draft_argv = [TOOLKIT, "draft", *seeds, "-o", str(output), "--model", str(package)]
    runs: dict[str, list[Measurement]] = {"raw": [], "argos": [], "toolkit": []}
    for _ in range(plan.repeats):  # interleaved, so a busy spell on a shared machine hits every method
        runs["raw"].append(run(raw_argv, env))
        runs["argos"].append(run(argos_argv, env))
        shutil.rmtree(output, ignore_errors=True)
        runs["toolkit"].append(run(draft_argv, env))
    again = run(draft_argv, env)
    raw, argos, first = (min(runs[name], key=lambda m: m.seconds) for name in ("raw", "argos", "toolkit"))
    segments = raw.report()["segments"]
    results = {
        "model": models.SIZES[plan.size].describe(),
        "settings": "beam 4, length penalty 0.2, max_decoding_length 256, int8, "
        f"inter_threads 1, intra_threads {env['ARGOS_INTRA_THREADS']}",
        "seeds": len(seeds),
        "first_paragraphs": plan.paragraphs,
        "segments": segments,
        "output": str(output),
        "repeats": plan.repeats,
        "all_seconds": {name: [m.seconds for m in measured] for name, measured in runs.items()},
        "toolkit": step(
            first,
            summary=first.stdout.strip(),
            drafted=_summary_count(first.stdout, r"(\d+) drafted"),
            engine_calls=_summary_count(first.stdout, r"(\d+) engine calls?"),
        ),
        "argos": step(argos, **argos.report()),
        "raw": step(raw, **raw.report()),
        "redraft": step(
            again, summary=again.stdout.strip(), engine_calls=_summary_count(again.stdout, r"(\d+) engine calls?")
        ),
    }
    results["ratios"] = {
        "argos_over_toolkit": argos.seconds / first.seconds,
        "toolkit_over_raw": first.seconds / raw.seconds,
        "argos_over_raw": argos.seconds / raw.seconds,
        "first_over_redraft": first.seconds / again.seconds,
    }
    return results


def bench_cluster(plan: Plan, env: dict[str, str]) -> dict:
    """The same drafting work on a local Ray (one actor per core) vs the plain single process; Ray's start-up and per-batch cost."""
    import importlib.util

    if importlib.util.find_spec("ray") is None:
        return {"skipped": "Ray is not installed: pip install 'toolkit[cluster]'"}
    packages = {}
    for size in (plan.size, "tiny"):
        built = subprocess.run([PYTHON, str(BENCH / "models.py"), size], env=env, capture_output=True, text=True)
        if built.returncode != 0:
            raise StepFailed(f"building the {size} model failed:\n{built.stderr[-2000:]}")
        packages[size] = built.stdout.strip()
    argv = [
        PYTHON,
        str(BENCH / "cluster_steps.py"),
        *map(str, plan.seeds),
        "--package",
        packages[plan.size],
        "--tiny",
        packages["tiny"],
    ]
    measured = run(argv, env)
    return {"model": models.SIZES[plan.size].describe(), **step(measured, **measured.report())}


def format_cluster(cluster: dict) -> str:
    """The cluster section: plain vs local Ray as a ratio, Ray's start-up, the per-batch overhead, the command."""
    if "skipped" in cluster:
        return f"Cluster: skipped ({cluster['skipped']})"
    c = cluster
    rows = [
        [
            "plain ArgosEngine, 1 process",
            f"{c['plain_seconds']:.2f}",
            f"{c['segments'] / c['plain_seconds']:.1f}",
            f"{c['plain_first_batch_seconds']:.2f}",
        ],
        [
            f"local Ray, {c['actors']} actors x 1 thread",
            f"{c['ray_seconds']:.2f}",
            f"{c['segments'] / c['ray_seconds']:.1f}",
            f"{c['ray_first_batch_seconds']:.2f}",
        ],
    ]
    return "\n".join(
        [
            f"Cluster: {c['segments']} distinct sentences in {c['batches']} batches of <= 64; model: synthetic {c['model']}; "
            f"{c['cores']} cores",
            _table(["engine", "wall s", "sentences/s", "first batch s"], rows),
            f"  local Ray vs plain: {c['ray_seconds'] / c['plain_seconds']:.2f}x the time "
            f"(same drafts: {'yes' if c['same_drafts'] else 'NO'}); Ray start-up (ray.init, local): {c['ray_start_seconds']:.2f} s, "
            f"not in the Ray row",
            f"  per-batch cost, tiny model, {c['overhead_batches']} one-sentence batches: Ray "
            f"{c['overhead_ray_seconds_per_batch'] * 1000:.1f} ms a batch (steady state, after {c['overhead_ray_first_batch_seconds']:.1f} s "
            f"of actor start-up) vs {c['overhead_plain_seconds_per_batch'] * 1000:.2f} ms locally",
            f"  command: {c['command']}",
        ]
    )


def heavy_imports(argv_tail: list[str], env: dict[str, str]) -> list[str]:
    """Top-level packages from HEAVY_MODULES that `toolkit <argv_tail>` imports (python -X importtime)."""
    probe = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", "from toolkit.cli import main; main()", *argv_tail],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in probe.stderr.splitlines()
        if line.startswith("import time:")
    }
    return sorted(imported.intersection(HEAVY_MODULES))


def bench_check(plan: Plan, env: dict[str, str], drafts: Path | None) -> dict:
    """Cold start of `toolkit check`, then the synthetic terms × entries grid against the per-term regex loop."""
    translations = ROOT / "translations"
    target = translations if any(translations.rglob("*.po")) else drafts
    if target is None or not any(target.rglob("*.po")):
        target = cache.CACHE / f"drafts-{plan.name}"
        run([TOOLKIT, "draft", *map(str, plan.seeds), "-o", str(target), "--engine", "none"], env)
    argv = [TOOLKIT, "check", str(target)]
    # The first run starts without toolkit's caches (the glossary's OpenCC conversions); the others find them.
    shutil.rmtree(Path(env["XDG_CACHE_HOME"]) / "toolkit", ignore_errors=True)
    first, *starts = [run(argv, env, ok=(0, 1)) for _ in range(plan.cold_starts + 1)]
    results: dict = {
        "cold_start": {
            "command": first.command,
            "runs": len(starts),
            "min_seconds": min(m.seconds for m in starts),
            "median_seconds": statistics.median(m.seconds for m in starts),
            "empty_cache_seconds": first.seconds,
            "peak_mb": max(m.peak_mb for m in [first, *starts]),
            "heavy_imports": heavy_imports(["check", str(target)], env),
        },
        "grid": [],
    }
    for terms, entries in plan.check_grid:
        real = run([PYTHON, str(BENCH / "check_steps.py"), "real", str(terms), str(entries)], env)
        naive = run([PYTHON, str(BENCH / "check_steps.py"), "naive", str(terms), str(entries)], env)
        real_report, naive_report = real.report(), naive.report()
        results["grid"].append(
            {
                "terms": terms,
                "entries": entries,
                "toolkit": step(real, **real_report),
                "naive": step(naive, **naive_report),
                "speedup": naive_report["scaled_seconds"] / real_report["rules_seconds"],
            }
        )
    return results


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows]
    return "\n".join(lines)


def _verdict(ok: bool, plan: str) -> str:
    if plan != "full":
        return "targets apply to the full run"
    return "meets target" if ok else "MISSES target"


def format_draft(draft: dict, plan: str) -> str:
    """The draft section: one row per method, the ratios against the targets, the commands."""
    segments = draft["segments"]
    cut = f" (the first {draft['first_paragraphs']} paragraphs of each)" if draft.get("first_paragraphs") else ""
    methods = [
        ("toolkit draft", draft["toolkit"]),
        ("argostranslate translate()", draft["argos"]),
        ("ctranslate2 translate_batch", draft["raw"]),
        ("toolkit draft, unchanged re-draft", draft["redraft"]),
    ]
    rows = [
        [label, f"{m['seconds']:.2f}", f"{segments / m['seconds']:.1f}", f"{m['peak_mb']:.0f}"] for label, m in methods
    ]
    r = draft["ratios"]
    lines = [
        f"Draft: {draft['seeds']} seeds{cut}, {segments} segments; model: synthetic {draft['model']}",
        f"  decoding for all three: {draft['settings']}",
        f"  toolkit draft sends {draft['toolkit']['drafted']} distinct new sentences to the engine in "
        f"{draft['toolkit']['engine_calls']} call, with the repository glossary (4 hypotheses, suppressed renderings)",
        f"  drafts average {draft['raw']['output_tokens'] / segments:.1f} tokens "
        f"(sources {draft['raw']['source_tokens'] / segments:.1f}); {draft['raw']['max_length_drafts']} of "
        f"{segments} stop at max_decoding_length (raw translate_batch)",
        f"  argostranslate splits with {draft['argos']['sentence_splitter']} (bundled rule model): "
        f"{draft['argos']['argos_sentences']} sentences in {draft['argos']['paragraphs']} paragraphs",
        _table(["method", "wall s", "segments/s", "peak MB"], rows),
        f"  wall s: the fastest of {draft['repeats']} interleaved runs per method "
        f"(all: {', '.join(f'{k} ' + '/'.join(f'{x:.1f}' for x in v) for k, v in draft['all_seconds'].items())})",
        f"  toolkit draft vs argostranslate: {r['argos_over_toolkit']:.2f}x faster "
        f"(target >= 3x: {_verdict(r['argos_over_toolkit'] >= 3, plan)})",
        f"  toolkit draft vs raw translate_batch: {r['toolkit_over_raw']:.2f}x the time "
        f"(target <= 1.2x: {_verdict(r['toolkit_over_raw'] <= 1.2, plan)})",
        f"  raw translate_batch vs argostranslate: {r['argos_over_raw']:.2f}x faster",
        f"  re-draft: {draft['redraft']['engine_calls']} engine calls "
        f"(target 0: {_verdict(draft['redraft']['engine_calls'] == 0, plan)}), {r['first_over_redraft']:.1f}x faster "
        f"than the first draft (target >= 20x: {_verdict(r['first_over_redraft'] >= 20, plan)})",
        "  commands (from the repository root, with bench/run.py's environment):",
    ]
    lines += [f"    {label}: {m['command']}" for label, m in methods[:3]]
    return "\n".join(lines)


def format_check(check: dict, plan: str) -> str:
    """The check section: cold start, then the grid with per-entry costs and speedups."""
    cold = check["cold_start"]
    lines = [
        f"Check cold start: min {cold['min_seconds']:.3f} s, median {cold['median_seconds']:.3f} s over "
        f"{cold['runs']} runs, peak {cold['peak_mb']:.0f} MB (target <= 0.3 s: {_verdict(cold['min_seconds'] <= 0.3, plan)})",
        f"  first run, without toolkit's cache of the glossary's OpenCC conversions: {cold['empty_cache_seconds']:.3f} s",
        f"  heavy modules imported: {', '.join(cold['heavy_imports']) or 'none'} (checked: {', '.join(HEAVY_MODULES)})",
        f"  command: {cold['command']}",
        "",
        "Check scaling (synthetic glossary and PO set; toolkit = toolkit.check library path):",
    ]
    rows = []
    for cell in check["grid"]:
        t, n = cell["toolkit"], cell["naive"]
        rows.append(
            [
                f"{cell['terms']:,} x {cell['entries']:,}",
                f"{t['total_seconds']:.2f}",
                f"{t['glossary_seconds']:.2f}",
                f"{t['read_seconds']:.2f}",
                f"{t['rules_seconds']:.2f}",
                f"{t['rules_seconds'] / t['entries'] * 1e6:.1f}",
                f"{n['scaled_seconds']:.1f}" + ("" if n["sample"] == n["entries"] else "*"),
                f"{cell['speedup']:.0f}x",
                "yes" if n["findings_agree"] else "NO",
                f"{t['peak_mb']:.0f}",
            ]
        )
    lines.append(
        _table(
            [
                "terms x entries",
                "total s",
                "glossary s",
                "read PO s",
                "rules s",
                "rules us/entry",
                "naive s",
                "speedup",
                "same findings",
                "peak MB",
            ],
            rows,
        )
    )
    biggest = max(check["grid"], key=lambda c: (c["terms"], c["entries"]))
    t = biggest["toolkit"]
    lines += [
        "  total = import + load glossary + check_catalogs (reads every PO file and runs every rule);",
        "  rules = check_entries on entries already in memory; naive = one regex per term over every entry,",
        "  then the same target-side tests (* timed on a sample of entries, scaled linearly); speedup = naive / rules.",
        f"  {biggest['terms']:,} terms x {biggest['entries']:,} entries: total {t['total_seconds']:.2f} s "
        f"(target <= 3 s: {_verdict(t['total_seconds'] <= 3, plan)}), speedup {biggest['speedup']:.0f}x "
        f"(target >= 20x: {_verdict(biggest['speedup'] >= 20, plan)})",
        f"  reading those PO files: toolkit's strict reader {t['read_seconds']:.2f} s (with the conversion to records), "
        f"polib {t['polib_read_seconds']:.2f} s",
        f"  commands: {biggest['toolkit']['command']}",
        f"            {biggest['naive']['command']}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks, print the tables, write bench/.cache/results.json."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny model and small data (CI)")
    parser.add_argument(
        "--only",
        choices=["draft", "check", "memory", "cluster", "align"],
        help="run one section (cluster: only in the full run or alone)",
    )
    parser.add_argument("--all-seeds", action="store_true", help="draft all seeds, not the two smallest (full run)")
    parser.add_argument("--json", type=Path, default=cache.CACHE / "results.json", help="where to write the results")
    args = parser.parse_args(argv)
    plan = SMOKE if args.smoke else FULL
    if args.all_seeds:
        plan = replace(plan, seeds=SEEDS)
    env = bench_env(models.SIZES[plan.size])
    results = Results(plan=plan.name, machine=machine())
    print(
        f"bench ({plan.name}): {results.machine['cpu']}, {results.machine['cores']} cores, "
        f"Python {results.machine['python']}, ctranslate2 {results.machine['ctranslate2']}, "
        f"argostranslate {results.machine['argostranslate']}; "
        f"load average {results.machine['load_average_at_start']:.1f}",
        flush=True,
    )
    drafts = None
    if args.only in (None, "draft"):
        results.draft = bench_draft(plan, env)
        drafts = Path(results.draft["output"])
        print("\n" + format_draft(results.draft, plan.name), flush=True)
    if args.only in (None, "check"):
        results.check = bench_check(plan, env, drafts)
        print("\n" + format_check(results.check, plan.name), flush=True)
    if args.only == "cluster" or (args.only is None and plan.name == "full"):
        results.cluster = bench_cluster(plan, env)
        print("\n" + format_cluster(results.cluster), flush=True)
    if args.only in (None, "align"):
        import align as align_bench

        results.align = align_bench.bench_align(smoke=args.smoke)
        print("\n" + align_bench.format_align(results.align), flush=True)
    if args.only in (None, "memory"):
        units, new = (200_000, 2_000) if plan.name == "full" else (5_000, 200)
        results.memory = memory_lookup.bench_memory(units, new, env, [TOOLKIT])
        print("\n" + memory_lookup.format_memory(results.memory, plan.name), flush=True)
    results.machine["load_average_at_end"] = os.getloadavg()[0]
    results.machine["bench_process_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cache.write_bytes(args.json, json.dumps(asdict(results), indent=2).encode("utf-8"))
    print(
        f"\npeak MB of a step counts from the bench process's own {results.machine['bench_process_mb']:.0f} MB "
        f"(a child starts with its parent's peak); load average at the end: "
        f"{results.machine['load_average_at_end']:.1f}; results: {args.json}"
    )


if __name__ == "__main__":
    try:
        main()
    except StepFailed as failure:
        sys.exit(f"bench: a step failed: {failure}")
