"""Shared fixtures: a sandboxed Argos home, the tiny synthetic model, a local package index server."""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from synthetic_model import build_package

# Property tests are reproducible by default: the same examples on every run and machine, so a red CI build is
# a regression, not bad luck. `make explore` runs them with fresh random examples (HYPOTHESIS_PROFILE=explore).
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_SANDBOX = Path(tempfile.mkdtemp(prefix="toolkit-tests-"))


def pytest_configure(config: pytest.Config) -> None:
    """Point every Argos and XDG directory into a temporary sandbox before anything imports argostranslate.

    argostranslate.settings creates its directories on import, so this must happen first; the index
    address points at a closed local port so that no test ever reaches the real network.
    """
    for variable, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("ARGOS_PACKAGES_DIR", "data/argos-translate/packages"),
    ):
        os.environ[variable] = str(_SANDBOX / sub)
    os.environ["ARGOS_PACKAGE_INDEX"] = "http://127.0.0.1:9/"


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the sandbox."""
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny synthetic zh→en .argosmodel (random weights, int8), built once per session."""
    return build_package(tmp_path_factory.mktemp("tiny-model"))


@pytest.fixture(scope="session")
def tiny_package_dir(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model unpacked into a package directory."""
    from toolkit.packages import unpack_archive

    return unpack_archive(tiny_model, tmp_path_factory.mktemp("tiny-package")).path


@pytest.fixture(scope="session")
def tiny_engine(tiny_package_dir: Path):
    """An ArgosEngine on the tiny model (shared: read `calls` as differences)."""
    from toolkit.engines.argos import ArgosEngine

    return ArgosEngine(tiny_package_dir, max_decoding_length=16)


@pytest.fixture
def argos_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Argos package directory for this test, as argostranslate.settings sees it."""
    from argostranslate import settings

    packages = tmp_path / "argos" / "packages"
    packages.mkdir(parents=True)
    monkeypatch.setattr(settings, "package_data_dir", packages)
    monkeypatch.setattr(settings, "package_dirs", [packages])
    return packages


@dataclass
class LocalServer:
    """An HTTP server on 127.0.0.1: `routes` maps a path to (status, body); `url(path)` gives its address."""

    base: str
    routes: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        """The full address of `path` on this server."""
        return self.base + path


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """A local HTTP server in a thread, answering from its `routes` (404 otherwise)."""
    server_state: LocalServer

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            server_state.requests.append(self.path)
            status, body = server_state.routes.get(self.path, (404, b"not found"))
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_state = LocalServer(base=f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield server_state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def index_server(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """The base address of an Argos index on 127.0.0.1 that answers 500 or never answers, for cases that name one."""
    behaviour = request.param
    if behaviour is None:
        yield None
    elif behaviour == "silent":
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen()
            yield f"http://127.0.0.1:{silent.getsockname()[1]}/"
    else:

        class Failing(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server naming
                self.send_error(500)

            def log_message(self, *args: object) -> None:
                return

        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Failing)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
        httpd.shutdown()
        httpd.server_close()
