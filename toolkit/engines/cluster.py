"""The Argos engine on a Ray cluster (`toolkit draft --cluster ray[:ADDRESS]`): the same batches, decoded by actors.

The driver cuts the sentences into exactly the batches a local ArgosEngine decodes (`plan_batches`: SentencePiece
here, sorted by length), and Ray Data's `map_batches` sends one batch at a time to a pool of actors, each holding
one ArgosEngine built from the same ArgosSettings (one CPU thread each, or one GPU). Same model, same batches,
same decoding: the same bytes as a run on one machine. An actor that dies is restarted and its batch retried
(up to RETRIES times); past that the run fails with one clear line, before anything is written.
Ray is imported only here, and only when `--cluster` is given.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit import packages
from toolkit.engines.argos import ArgosEngine, ArgosSettings, Pieces, in_input_order, load_package, plan_for, signature
from toolkit.engines.model import DEVICES, BatchDone, Hypothesis
from toolkit.errors import ModelError

CLUSTER_EXTRA_HINT = "install it with `pip install 'toolkit[cluster]'` (on the driver and every node)"

RETRIES = 3
"""How often Ray restarts a dead actor and retries its batch before the run fails."""

RAY_QUIET_ENVIRONMENT = {
    "RAY_USAGE_STATS_ENABLED": "0",
    # A local cluster is a single-node one: Ray then binds every server to 127.0.0.1, not to all interfaces.
    "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",
}
"""Set (unless already set) before Ray starts: no usage report; a local cluster reachable only from this machine."""


def connect(address: str | None, *, num_cpus: int | None = None) -> bool:
    """Join the Ray cluster at `address`, or start a local one (loopback only, no dashboard); True if started here.

    A Ray session already open in this process (a test's, a notebook's) is used as it is.
    """
    for name, value in RAY_QUIET_ENVIRONMENT.items():
        if address is None or name != "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER":
            os.environ.setdefault(name, value)
    try:
        import ray
    except ImportError:
        raise ModelError("Ray is not installed", None, CLUSTER_EXTRA_HINT) from None
    if ray.is_initialized():
        return False
    if address is not None:
        _check_reachable(address)
    logging.getLogger("ray").setLevel(logging.ERROR)
    settings = {"log_to_driver": False, "logging_level": logging.ERROR, "configure_logging": True}
    try:
        if address is None:
            ray.init(num_cpus=num_cpus, include_dashboard=False, **settings)
        else:
            ray.init(address=address, **settings)
    except (ConnectionError, RuntimeError, ValueError) as error:
        where = address or "a local cluster"
        raise ModelError(
            f"cannot start or reach the Ray cluster ({_first_line(error)})",
            where,
            "start one with `ray start --head`, or check --cluster ray:ADDRESS / TOOLKIT_RAY_ADDRESS",
        ) from None
    _quiet_ray_data()
    return True


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail in one line when nothing listens at HOST:PORT (`ray.init` would retry for minutes); `auto` is Ray's to find."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if address == "auto" or not host or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as error:
        raise ModelError(
            f"cannot reach the Ray cluster ({error.strerror or error})",
            address,
            "start it with `ray start --head`, or check --cluster ray:ADDRESS / TOOLKIT_RAY_ADDRESS",
        ) from None


def _quiet_ray_data() -> None:
    """No Ray Data progress bars or execution logs on the terminal: the toolkit shows its own progress."""
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    # A failed run becomes one ModelError line; Ray Data would also log the remote traceback.
    logging.getLogger("ray.data").setLevel(logging.CRITICAL)


def choose_cluster_device(choice: str, gpus: float) -> str:
    """`--device` on Ray: auto is CUDA when the cluster has GPUs (the driver may have none)."""
    if choice not in DEVICES:
        raise ModelError(f"unknown device {choice!r}", None, f"pass one of {', '.join(DEVICES)}")
    if choice == "auto":
        return "cuda" if gpus > 0 else "cpu"
    if choice == "cuda" and gpus <= 0:
        raise ModelError("--device cuda, but the Ray cluster has no GPU", None, "pass --device cpu or auto")
    return choice


@dataclass(frozen=True)
class EngineCall:
    """What every actor of one engine call needs: the package, the settings, what to ask the translator for."""

    package_dir: str
    settings: ArgosSettings
    num_hypotheses: int
    suppressed: list[list[str]]


class BatchTranslator:
    """One Ray actor: one ArgosEngine; translates one planned batch (JSON pieces) per call.

    Each call's EngineCall rides on a subclass (`for_job`), not in constructor arguments: Ray keeps those in its
    object store and warns on the terminal that a restarted actor might not find them.
    """

    job: EngineCall

    @classmethod
    def for_job(cls, job: EngineCall) -> type[BatchTranslator]:
        return type(cls.__name__, (cls,), {"job": job})

    def __init__(self) -> None:
        self.engine = ArgosEngine(self.job.package_dir, **vars(self.job.settings))
        self.num_hypotheses = self.job.num_hypotheses
        self.suppressed = self.job.suppressed

    def __call__(self, rows: dict) -> dict:
        """`rows` holds batch numbers and their pieces; returns the numbers and [[text, score], ...] per sentence."""
        import numpy

        translated = []
        for pieces in rows["pieces"]:
            hypotheses = self.engine.translate_tokens(
                json.loads(pieces), num_hypotheses=self.num_hypotheses, suppressed=self.suppressed
            )
            translated.append(json.dumps([[[h.text, h.score] for h in sentence] for sentence in hypotheses]))
        return {"batch": rows["batch"], "hypotheses": numpy.array(translated, dtype=object)}


STALL_SECONDS = 900.0
"""How long the cluster may return no batch at all before the run fails (Ray Data waits for ever when every
actor of its pool died with no restart left: the draft must fail in one line instead)."""


class ClusterStalled(RuntimeError):
    """No batch came back from the cluster for `stall_seconds`."""


def _watched(rows: Iterator[dict], stall_seconds: float) -> Iterator[dict]:
    """`rows`, read in a daemon thread; ClusterStalled when none arrives for `stall_seconds`."""
    import queue
    import threading

    found: queue.Queue = queue.Queue(maxsize=64)
    end = object()

    def pump() -> None:
        try:
            for row in rows:
                found.put(row)
            found.put(end)
        except BaseException as error:  # noqa: BLE001 - handed to the reading thread, raised there
            found.put(error)

    threading.Thread(target=pump, name="toolkit-ray-rows", daemon=True).start()
    while True:
        try:
            item = found.get(timeout=stall_seconds)
        except queue.Empty:
            raise ClusterStalled(f"no batch came back for {stall_seconds:g} s: its actors may all have died") from None
        if item is end:
            return
        if isinstance(item, BaseException):
            raise item
        yield item


class RayEngine:
    """The Argos engine with its batches decoded on a Ray cluster; the signature is the local engine's."""

    name = "argos"

    def __init__(
        self,
        package_dir: str | Path,
        *,
        address: str | None = None,
        device: str = "auto",
        actors: int | None = None,
        retries: int = RETRIES,
        on_batch: BatchDone | None = None,
        stall_seconds: float = STALL_SECONDS,
        **settings: object,
    ) -> None:
        """Connects (or starts a local cluster); one actor per CPU of the cluster (per GPU with CUDA) unless `actors`."""
        self.package_dir = load_package(package_dir)
        self.package = packages.read_package_dir(self.package_dir)
        self.address = address
        self.started_here = connect(address)
        import ray

        resources = ray.cluster_resources()
        device = choose_cluster_device(device, resources.get("GPU", 0))
        # One CTranslate2 thread per actor and CPU: the actors, not the threads, share the cores.
        self.settings = ArgosSettings(**{"intra_threads": 1, **settings, "device": device})  # type: ignore[arg-type]
        per_node = "GPU" if device == "cuda" else "CPU"
        self.actors = actors or max(1, int(resources.get(per_node, 1)))
        self.retries = retries
        self.on_batch = on_batch
        self.stall_seconds = stall_seconds
        self.pieces = Pieces(self.package_dir)
        self.calls = 0
        self.sentences_translated = 0

    def signature(self) -> str:
        """As ArgosEngine's: where the batches were decoded changes nothing in the drafts."""
        return signature(self.package, self.settings)

    def translate(
        self,
        sentences: Sequence[str],
        *,
        num_hypotheses: int = 1,
        suppress: Sequence[str] = (),
    ) -> list[list[Hypothesis]]:
        """Translate every sentence on the cluster; hypotheses best first, in input order."""
        self.calls += 1
        if not sentences:
            return []
        tokens = self.pieces.encode(sentences)
        batches = plan_for(tokens, self.settings)
        rows = [
            {"batch": number, "pieces": json.dumps([tokens[i] for i in batch])} for number, batch in enumerate(batches)
        ]
        with warnings.catch_warnings():
            # max_restarts/max_task_retries still go through `ray_remote_args` (deprecated in Ray 2.60, pinned < 2.64).
            warnings.filterwarnings("ignore", message=".*ray_remote_args")
            dataset = self._dataset(rows, num_hypotheses, suppress)
        decoded = (
            (
                batches[int(row["batch"])],
                [[Hypothesis(text, score) for text, score in found] for found in json.loads(row["hypotheses"])],
            )
            for row in _watched(dataset.iter_rows(), self.stall_seconds)
        )
        try:
            translated, done = in_input_order(len(sentences), decoded, self.on_batch)
        except Exception as error:  # noqa: BLE001 - Ray wraps a worker's failure in many exception types
            raise ModelError(
                f"the Ray cluster failed to draft ({_first_line(error)})",
                self.address or "local Ray cluster",
                f"nothing was written; check the cluster (`ray status`) and run again (a batch is retried up to {self.retries} times)",
            ) from None
        if done != len(sentences):
            raise ModelError(
                f"the Ray cluster returned {done} of {len(sentences)} drafts",
                self.address or "local Ray cluster",
                "nothing was written; run again",
            )
        self.sentences_translated += len(sentences)
        return translated

    def _dataset(self, rows: list[dict], num_hypotheses: int, suppress: Sequence[str]):
        """The planned batches as a Ray dataset, mapped by a fixed pool of BatchTranslator actors."""
        import ray.data

        cuda = self.settings.device == "cuda"
        job = EngineCall(str(self.package_dir), self.settings, num_hypotheses, self.pieces.suppressed(suppress))
        return ray.data.from_items(rows).map_batches(
            BatchTranslator.for_job(job),
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=min(self.actors, len(rows))),
            num_cpus=1,
            num_gpus=1 if cuda else 0,
            max_restarts=self.retries,
            max_task_retries=self.retries,
        )


def _first_line(error: BaseException) -> str:
    """The error's first non-empty line, short: Ray's messages carry whole remote tracebacks."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
