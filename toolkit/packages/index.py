"""The Argos package index: what it offers, and installing from it (download, validate, unpack)."""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

from toolkit.errors import ModelError
from toolkit.packages.install import WORK_PREFIXES, argos_settings, packages_dir, unpack_archive, work_dir
from toolkit.packages.package import PackageInfo, package_info, version_key

INDEX_TIMEOUT = 10.0
USER_AGENT = "toolkit (ArgosTranslate-compatible)"


def index_url() -> str:
    """The Argos package index address (ARGOS_PACKAGE_INDEX, as argostranslate reads it)."""
    return argos_settings().remote_package_index


def fetch_index(url: str | None = None, *, timeout: float = INDEX_TIMEOUT) -> list[PackageInfo]:
    """The packages offered by the Argos package index; ModelError in one line if it cannot be reached."""
    url = url or index_url()
    data = _download(url, timeout=timeout, what="the Argos package index")
    try:
        entries = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ModelError(
            f"the package index is not valid JSON ({type(error).__name__})", url, "try again later"
        ) from None
    if not isinstance(entries, list):
        raise ModelError("the package index is not a JSON list", url, "check ARGOS_PACKAGE_INDEX")
    offered = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("from_code") and entry.get("to_code"):
            name = f"{entry.get('type', 'translate')}-{entry['from_code']}_{entry['to_code']}"
            offered.append(package_info(entry, url, name, None))
    return offered


def _download(url: str, *, timeout: float, what: str) -> bytes:
    """The body at `url`; ModelError naming `what` for an HTTP error, a timeout or no network."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        raise ModelError(
            f"{what} answered HTTP {error.code} {error.reason}", url, "try again later, or install from a file"
        ) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise ModelError(
            f"cannot reach {what} ({reason}; offline?)",
            url,
            "download the .argosmodel elsewhere and run `toolkit models install FILE.argosmodel`",
        ) from None


def install_from_index(
    from_code: str, to_code: str, *, url: str | None = None, timeout: float = INDEX_TIMEOUT
) -> PackageInfo:
    """Downloads the newest `from_code`→`to_code` package named by the index, validates and installs it."""
    url = url or index_url()
    offered = [p for p in fetch_index(url, timeout=timeout) if p.from_code == from_code and p.to_code == to_code]
    if not offered:
        raise ModelError(
            f"the package index has no {from_code}→{to_code} package", url, "run `toolkit models list --available`"
        )
    package = max(offered, key=lambda p: version_key(p.version))
    if not package.links:
        raise ModelError(f"the index gives no download link for {package.name}", url, "install from a file")
    target = packages_dir()
    problem: ModelError | None = None
    for link in package.links:
        try:
            data = _download(link, timeout=timeout, what=f"the download of {package.name}")
        except ModelError as error:
            problem = error
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        work = work_dir(WORK_PREFIXES[1], target.parent)
        try:
            archive = Path(work) / f"{package.name}.argosmodel"
            archive.write_bytes(data)
            return unpack_archive(archive, target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    assert problem is not None
    raise problem
