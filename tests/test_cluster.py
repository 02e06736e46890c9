"""`toolkit draft --cluster ray`: the same bytes as one machine, a killed actor retried, nothing half-written.

One local Ray (2 CPUs, loopback only, no dashboard) serves the whole module; every run here is short.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from toolkit.draft import GlossarySource, draft_files
from toolkit.errors import ModelError

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="the cluster extra (Ray) is not installed"
)

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SETTINGS = {"max_decoding_length": 16, "max_batch_size": 4}
"""Small batches, so that a seed makes dozens of them: the order they come back in is Ray's, not ours."""
RAY_CORE_LOG = re.compile(r"\[\d{4}-\d\d-\d\d [\d:,]+ [EWI] \d+ \d+\] core_worker\.cc:\d+: Actor with class name: ")


@pytest.fixture(scope="module")
def ray_address() -> str:
    """A local Ray cluster with 2 CPUs for this module (started the way `--cluster ray` starts one); its address."""
    from toolkit.engines.cluster import connect

    connect(None, num_cpus=2)
    import ray

    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    """Two seeds (one simplified, one traditional with encoding damage) copied into the test's directory."""
    folder = tmp_path / "src"
    folder.mkdir()
    return [
        Path(shutil.copy(SEEDS / name, folder / name))
        for name in ("000_53be3466f5beab3d.txt", "003_9a689e7dc9ad903a.txt")
    ]


def po_bytes(output: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((output / "en").iterdir())}


def local_engine(package: Path, **extra):
    from toolkit.engines.argos import ArgosEngine

    return ArgosEngine(package, **SETTINGS, **extra)


def ray_engine(package: Path, **extra):
    from toolkit.engines.cluster import RayEngine

    return RayEngine(package, device="cpu", **SETTINGS, **extra)


def _ours(pid: int) -> bool:
    """Whether process `pid` descends from this one: an actor of the local Ray this module started (its raylet is
    our child), not of another test run's Ray on the same machine (a parallel pytest worker, another checkout)."""
    me = os.getpid()
    while pid > 1:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat.rsplit(")", 1)[1].split()[1])  # the field after the state: the parent's pid
        if pid == me:
            return True
    return False


def map_workers() -> list[int]:
    """Process ids of our Ray Data actors translating right now (their process title names the actor)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if (title.startswith(b"ray::MapWorker") or b"BatchTranslator" in title[:200]) and _ours(int(entry.name)):
                pids.append(int(entry.name))
    return pids


class KillOneActor:
    """A progress callback that kills translating actors (SIGKILL) after the first batch has come back.

    `every`: kill every actor, not just one. An actor killed between two batches holds no task, so killing only
    one could leave the run nothing to fail on (the race behind a flaky retries-run-out test): the test that needs
    a failure kills them all, while batches are still left. Waits for the next report if none is visible yet.
    """

    def __init__(self, every: bool = False) -> None:
        self.every = every
        self.killed: list[int] = []
        self.reports: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.reports.append((done, total))
        if done and done < total and not self.killed:
            workers = map_workers()
            for victim in workers if self.every else workers[:1]:
                os.kill(victim, signal.SIGKILL)
                self.killed.append(victim)


def test_a_cluster_draft_writes_the_same_bytes_as_one_machine(ray_address, tiny_package_dir, sources, tmp_path):
    glossary = GlossarySource.at(ROOT / "glossary")
    draft_files(sources, tmp_path / "local", lambda: local_engine(tiny_package_dir), glossary=glossary, now=NOW)
    reports: list[tuple[int, int]] = []
    engine = ray_engine(tiny_package_dir, on_batch=lambda done, total: reports.append((done, total)))
    report = draft_files(sources, tmp_path / "ray", lambda: engine, glossary=glossary, now=NOW)
    assert po_bytes(tmp_path / "ray") == po_bytes(tmp_path / "local")
    assert report.drafted > 100 and report.engine_calls == 1
    # Progress on Ray: a start, then one report per batch of at most 4 sentences, up to the whole call.
    total = reports[0][1]
    assert reports[0] == (0, total) and reports[-1] == (total, total)
    steps = [b - a for (a, _), (b, _) in zip(reports, reports[1:])]
    assert all(1 <= step <= SETTINGS["max_batch_size"] for step in steps) and len(steps) >= total / 4


def test_the_cli_with_cluster_writes_what_the_cli_without_writes(
    ray_address, tiny_model, sources, tmp_path, data_regression
):
    def draft(*extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                sys.executable,
                "-c",
                "from toolkit.cli import main; main()",
                "draft",
                *map(str, sources),
                "--model",
                str(tiny_model),
                "--no-glossary",
                *extra,
            ],
            cwd=tmp_path,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )

    plain = draft("-o", "plain")
    # Plain `--cluster ray` joins the cluster TOOLKIT_RAY_ADDRESS names (here the module's local one).
    clustered = draft("-o", "ray", "--cluster", "ray", env={"TOOLKIT_RAY_ADDRESS": ray_address})
    assert plain.returncode == clustered.returncode == 0, clustered.stderr
    assert clustered.stdout == plain.stdout and plain.stderr == ""
    # Ray's C++ core logs one line per actor pool (ray-project/ray#53727); nothing else reaches the terminal.
    assert [line for line in clustered.stderr.splitlines() if not RAY_CORE_LOG.match(line)] == []
    undated = {
        name: re.sub(rb"(Creation|Revision)-Date: [^\\]+", b"", text)
        for name, text in po_bytes(tmp_path / "plain").items()
    }
    assert {
        name: re.sub(rb"(Creation|Revision)-Date: [^\\]+", b"", text)
        for name, text in po_bytes(tmp_path / "ray").items()
    } == undated
    data_regression.check(
        {
            "command": "toolkit draft 000_53be3466f5beab3d.txt 003_9a689e7dc9ad903a.txt -o ray "
            "--model translate-zh_en-synthetic.argosmodel --no-glossary --cluster ray",
            "stdout": clustered.stdout.splitlines(),
        }
    )


def test_a_killed_actor_is_retried_and_the_run_completes(ray_address, tiny_package_dir, sources, tmp_path):
    draft_files(sources, tmp_path / "local", lambda: local_engine(tiny_package_dir), now=NOW)
    killer = KillOneActor()
    draft_files(sources, tmp_path / "ray", lambda: ray_engine(tiny_package_dir, on_batch=killer), now=NOW)
    assert killer.killed, "no actor was running"
    assert po_bytes(tmp_path / "ray") == po_bytes(tmp_path / "local")
    assert killer.reports[-1][0] == killer.reports[-1][1]


def test_when_retries_run_out_the_run_fails_in_one_line_and_no_po_file_changes(
    ray_address, tiny_package_dir, sources, tmp_path
):
    output = tmp_path / "out"
    draft_files(sources, output, lambda: local_engine(tiny_package_dir), now=NOW)
    before = po_bytes(output)
    for source in sources:  # new sentences to draft in every file
        source.write_text(
            source.read_text(encoding="utf-8") + "\n" + "".join(f"新增的第{n}句话。" for n in range(60)) + "\n",
            encoding="utf-8",
        )
    killer = KillOneActor(every=True)
    with pytest.raises(ModelError) as failure:
        draft_files(
            sources,
            output,
            lambda: ray_engine(tiny_package_dir, retries=0, on_batch=killer, stall_seconds=60),
            now=NOW,
        )
    assert killer.killed
    message = str(failure.value)
    # Ray Data either reports the dead actors or, with no actor left to restart, waits: the watchdog ends that.
    assert "\n" not in message and (
        "the Ray cluster failed to draft (The actor died" in message
        or "the Ray cluster failed to draft (no batch came back for 60 s" in message
    )
    assert message.endswith(
        "nothing was written; check the cluster (`ray status`) and run again (a batch is retried up to 0 times)"
    )
    assert po_bytes(output) == before
    assert sorted(path.name for path in (output / "en").iterdir()) == sorted(before)


def test_auto_device_on_ray_follows_the_cluster_s_gpus() -> None:
    from toolkit.engines.cluster import choose_cluster_device

    assert [choose_cluster_device("auto", gpus) for gpus in (0, 0.0, 1, 8)] == ["cpu", "cpu", "cuda", "cuda"]
    assert choose_cluster_device("cpu", 8) == "cpu"
    with pytest.raises(ModelError, match="the Ray cluster has no GPU"):
        choose_cluster_device("cuda", 0)


def test_cluster_addresses_from_the_option_or_the_environment() -> None:
    from toolkit.engines import parse_cluster
    from toolkit.errors import InputError

    assert parse_cluster("ray") == ""
    assert parse_cluster("ray", "10.0.0.5:6379") == "10.0.0.5:6379"
    assert parse_cluster("ray:auto", "10.0.0.5:6379") == "auto"
    assert parse_cluster("ray:ray://head:10001") == "ray://head:10001"
    with pytest.raises(InputError, match="unknown cluster 'dask'"):
        parse_cluster("dask")


def test_a_plain_draft_and_check_never_import_ray(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("天气很好。\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from toolkit.cli import main\n"
        "for argv in (['draft', 'a.txt', '--engine', 'none'], ['check', 'translations']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'ray'))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


def test_a_cluster_that_returns_nothing_fails_instead_of_waiting_for_ever() -> None:
    import threading

    from toolkit.engines.cluster import ClusterStalled, _watched

    assert list(_watched(iter([{"batch": 0}, {"batch": 1}]), 5)) == [{"batch": 0}, {"batch": 1}]

    def broken():
        yield {"batch": 0}
        raise ValueError("the actor died")

    with pytest.raises(ValueError, match="the actor died"):
        list(_watched(broken(), 5))
    never = threading.Event()

    def stalled():
        yield {"batch": 0}
        never.wait()
        yield {"batch": 1}

    rows = _watched(stalled(), 0.2)
    assert next(rows) == {"batch": 0}
    with pytest.raises(ClusterStalled, match="no batch came back for 0.2 s"):
        next(rows)
    never.set()  # let the reading thread end before the test does
    pumps = [thread for thread in threading.enumerate() if thread.name == "toolkit-ray-rows"]
    for thread in pumps:
        thread.join(timeout=5)
    assert not any(thread.is_alive() for thread in pumps)
