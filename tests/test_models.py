"""Argos packages: archive validation, unpacking, listing and installing from a file or an index."""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import tempfile
import warnings
import zipfile
from pathlib import Path

import pytest
from helpers import toolkit
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import ModelError
from toolkit.packages import archive as archive_module
from toolkit.packages import (
    check_archive,
    fetch_index,
    find_installed,
    install_from_file,
    install_from_index,
    installed_packages,
    load_package,
    unpack_archive,
)
from toolkit.packages.archive import check_unpacked_size

METADATA = {
    "package_version": "1.9",
    "argos_version": "1.9",
    "from_code": "zh",
    "from_name": "Chinese",
    "to_code": "en",
    "to_name": "English",
}


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A zip at `path` holding `members` (name -> content) exactly as named."""
    with zipfile.ZipFile(path, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are part of what is tested
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content)
    return path


MODEL_MEMBERS = {"model/model.bin": b"weights", "sentencepiece.model": b"pieces"}


def package_zip(
    path: Path, folder: str = "translate-zh_en-1_9", metadata: dict | None = None, leave_out: str | None = None
) -> Path:
    """A minimal package archive: metadata and placeholder model files (but `leave_out`)."""
    members = {f"{folder}/{name}": content for name, content in MODEL_MEMBERS.items() if name != leave_out}
    return make_zip(path, {f"{folder}/metadata.json": json.dumps(metadata or METADATA).encode(), **members})


def test_check_archive_reads_the_package_metadata(tmp_path: Path) -> None:
    info = check_archive(package_zip(tmp_path / "p.argosmodel"))
    assert (info.name, info.pair, info.version) == ("translate-zh_en-1_9", "zh→en", "1.9")


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"../evil/metadata.json": b"{}"}, "archive member leaves its folder: ../evil/metadata.json"),
        ({"pkg/../../evil": b"x", "pkg/metadata.json": b"{}"}, "archive member leaves its folder"),
        ({"/etc/evil": b"x"}, "archive member has an absolute path: /etc/evil"),
        ({"C:/evil": b"x"}, "archive member has an absolute path"),
        ({"a/metadata.json": b"{}", "b/metadata.json": b"{}"}, "exactly one top-level folder, found a, b"),
        ({"pkg/readme.txt": b"hello"}, "no pkg/metadata.json"),
        ({"pkg/metadata.json": b"{not json"}, "metadata.json is not valid JSON"),
        ({"pkg/metadata.json": b'{"from_code": "zh"}'}, "metadata.json has no to_code"),
        ({"pkg/metadata.json": b"[1, 2]"}, "metadata.json is not a JSON object"),
        ({}, "exactly one top-level folder, found nothing"),
    ],
)
def test_unsafe_or_foreign_archives_are_refused_in_one_line(tmp_path: Path, members: dict, message: str) -> None:
    archive = make_zip(tmp_path / "bad.argosmodel", members)
    with pytest.raises(ModelError) as caught:
        check_archive(archive)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("missing", ["model/model.bin", "sentencepiece.model"])
def test_an_archive_without_the_model_is_refused_before_installing(
    argos_packages: Path, tmp_path: Path, missing: str
) -> None:
    incomplete = package_zip(tmp_path / "p.argosmodel", leave_out=missing)
    with pytest.raises(ModelError) as caught:
        install_from_file(incomplete)
    assert str(caught.value) == (
        f"{incomplete}: the package has no {missing} — only SentencePiece + CTranslate2 Argos packages are supported"
    )
    assert list(argos_packages.iterdir()) == []


def test_a_model_folder_entry_is_not_the_model_file(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "p.argosmodel",
        {
            "pkg/metadata.json": json.dumps(METADATA).encode(),
            "pkg/model/model.bin/": b"",
            "pkg/sentencepiece.model": b"x",
        },
    )
    with pytest.raises(ModelError, match="the package has no model/model.bin"):
        check_archive(archive)


def test_an_unpacked_directory_without_the_model_is_refused(tiny_package_dir: Path, tmp_path: Path) -> None:
    broken = shutil.copytree(tiny_package_dir, tmp_path / "broken")
    (broken / "model" / "model.bin").unlink()
    with pytest.raises(ModelError, match=f"{broken}: the package has no model/model.bin"):
        load_package(broken)


def zip_bomb(path: Path, bomb: str, mebibytes: int = 20) -> Path:
    """A package archive whose member `bomb` is `mebibytes` MiB of zeros, deflated to about 1/1000 of that."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in ("pkg/metadata.json", "pkg/model/model.bin", "pkg/sentencepiece.model"):
            if name != bomb:
                archive.writestr(name, json.dumps(METADATA) if name.endswith(".json") else b"x")
        with archive.open(bomb, "w") as member:
            for _ in range(mebibytes):
                member.write(bytes(1 << 20))
    return path


@pytest.mark.parametrize("bomb", ["pkg/model/model.bin", "pkg/metadata.json"])
def test_a_zip_bomb_is_refused_before_anything_is_read_or_unpacked(
    argos_packages: Path, tmp_path: Path, bomb: str
) -> None:
    archive = zip_bomb(tmp_path / "bomb.argosmodel", bomb)
    with pytest.raises(ModelError) as caught:
        install_from_file(archive)
    assert str(caught.value).startswith(f"{archive}: unpacks to 20.0 MiB from ")
    assert "more than 100 times its size (a zip bomb?) — refusing to unpack it" in str(caught.value)
    assert list(argos_packages.iterdir()) == []


def test_an_archive_unpacking_beyond_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_module, "MAX_UNPACKED_BYTES", 1024)
    archive = make_zip(
        tmp_path / "big.argosmodel",
        {
            "pkg/metadata.json": json.dumps(METADATA).encode(),
            "pkg/model/model.bin": bytes(range(256)) * 8,
            "pkg/sentencepiece.model": b"x",
        },
    )
    with pytest.raises(
        ModelError, match=r"big.argosmodel: unpacks to 2.1 KiB, more than the 1.0 KiB a package may take"
    ):
        check_archive(archive)


def test_an_archive_understating_its_sizes_is_refused_while_unpacking(argos_packages: Path, tmp_path: Path) -> None:
    archive = zip_bomb(tmp_path / "liar.argosmodel", "pkg/model/model.bin")
    data = bytearray(archive.read_bytes())
    for header, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local and central headers of the last member
        struct.pack_into("<I", data, data.rfind(header) + size_at, 1000)
    archive.write_bytes(data)
    with pytest.raises(ModelError, match="cannot unpack .*Bad CRC-32"):
        install_from_file(archive)
    assert list(argos_packages.iterdir()) == [] and sorted(p.name for p in argos_packages.parent.iterdir()) == [
        "packages"
    ]


def test_the_real_zh_en_package_sizes_pass_the_size_checks() -> None:
    # an .argosmodel built with the real zh→en architecture (bench/models.py ARGOS_BASE): 87.3 MB packed, 95.4 MB unpacked
    check_unpacked_size(95_396_078, 87_293_871, "translate-zh_en-1_9.argosmodel")
    with pytest.raises(ModelError, match="a zip bomb"):
        check_unpacked_size(95_396_078, 95_396_078 // 101, "bomb.argosmodel")


def test_unpacking_needs_the_space_free_where_it_unpacks(
    argos_packages: Path, tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_disk_usage = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda path: real_disk_usage(path)._replace(free=1000))
    with pytest.raises(ModelError) as caught:
        install_from_file(tiny_model)
    assert str(caught.value).startswith(f"{argos_packages.parent}: unpacking {tiny_model.name} needs ")
    assert str(caught.value).endswith(" but only 1000 B is free — free some disk space there")
    assert list(argos_packages.iterdir()) == [] and sorted(p.name for p in argos_packages.parent.iterdir()) == [
        "packages"
    ]


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    not_zip = tmp_path / "model.argosmodel"
    not_zip.write_text("<html>404</html>")
    with pytest.raises(ModelError, match="not a zip archive or truncated"):
        check_archive(not_zip)


def test_a_truncated_download_is_refused(tiny_model: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(tiny_model.read_bytes()[: tiny_model.stat().st_size // 2])
    with pytest.raises(ModelError, match="not a zip archive or truncated"):
        check_archive(truncated)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such file"):
        check_archive(tmp_path / "missing.argosmodel")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "model.argosmodel"
    os.mkfifo(pipe)
    for load in (check_archive, install_from_file, load_package):
        with pytest.raises(ModelError) as caught:
            load(pipe)
        assert (
            str(caught.value)
            == f"{pipe}: not a regular file (a named pipe) — pass the downloaded .argosmodel file itself"
        )


def test_a_device_is_refused() -> None:
    with pytest.raises(ModelError, match=r"/dev/null: not a regular file \(a device or socket\)"):
        check_archive("/dev/null")


def test_unpacking_leaves_one_package_folder_and_no_staging_debris(tiny_model: Path, tmp_path: Path) -> None:
    info = unpack_archive(tiny_model, tmp_path / "packages")
    assert info.path == tmp_path / "packages" / "translate-zh_en-synthetic"
    assert (info.path / "model" / "model.bin").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packages"]


def test_unpacking_again_replaces_the_older_copy(tiny_model: Path, tmp_path: Path) -> None:
    first = unpack_archive(tiny_model, tmp_path / "packages")
    (first.path / "stale.txt").write_text("from an older version")
    second = unpack_archive(tiny_model, tmp_path / "packages")
    assert second.path == first.path
    assert not (second.path / "stale.txt").exists()


def test_unpacking_where_nothing_can_be_written_is_one_clear_error(tiny_model: Path, tmp_path: Path) -> None:
    occupied = tmp_path / "packages"
    occupied.write_text("a file, not a folder")
    with pytest.raises(ModelError, match="cannot write there"):
        unpack_archive(tiny_model, occupied)


def test_load_package_unpacks_an_argosmodel_once_into_the_cache(tiny_model: Path, tmp_path: Path) -> None:
    first = load_package(tiny_model, cache_dir=tmp_path / "cache")
    marker = first / "marker"
    marker.write_text("kept")
    again = load_package(tiny_model, cache_dir=tmp_path / "cache")
    assert again == first and marker.exists()


def test_load_package_accepts_an_unpacked_directory(tiny_package_dir: Path) -> None:
    assert load_package(tiny_package_dir) == tiny_package_dir


def test_load_package_refuses_a_directory_without_metadata(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no metadata.json"):
        load_package(tmp_path)


def test_install_from_file_puts_the_package_where_argos_finds_it(argos_packages: Path, tiny_model: Path) -> None:
    import argostranslate.package

    installed = install_from_file(tiny_model)
    assert installed.path == argos_packages / "translate-zh_en-synthetic"
    assert [p.package_path for p in argostranslate.package.get_installed_packages()] == [installed.path]
    assert [p.name for p in installed_packages().packages] == ["translate-zh_en-synthetic"]


def test_install_replaces_an_earlier_install_but_never_a_folder_that_is_not_a_package(
    argos_packages: Path, tiny_model: Path
) -> None:
    first = install_from_file(tiny_model)
    assert install_from_file(tiny_model) == first  # an earlier install of the package is replaced
    shutil.rmtree(first.path)
    first.path.mkdir()
    (first.path / "my-notes.txt").write_text("not a package")
    with pytest.raises(ModelError, match="not an installed Argos package"):
        install_from_file(tiny_model)
    assert (first.path / "my-notes.txt").read_text() == "not a package"


def test_install_refuses_an_unsafe_archive_and_installs_nothing(argos_packages: Path, tmp_path: Path) -> None:
    evil = make_zip(
        tmp_path / "evil.argosmodel",
        {"pkg/metadata.json": json.dumps(METADATA).encode(), "pkg/../../escaped.txt": b"x"},
    )
    with pytest.raises(ModelError, match="leaves its folder"):
        install_from_file(evil)
    assert list(argos_packages.iterdir()) == []
    assert not (tmp_path / "escaped.txt").exists()


def test_find_installed_prefers_simplified_chinese_and_the_highest_version(
    argos_packages: Path, tmp_path: Path
) -> None:
    for folder, from_code, version in (("zt-old", "zt", "2.0"), ("zh-old", "zh", "1.0"), ("zh-new", "zh", "1.10")):
        install_from_file(
            package_zip(
                tmp_path / f"{folder}.argosmodel",
                folder,
                {**METADATA, "from_code": from_code, "package_version": version},
            )
        )
    (argos_packages / "half-copied").mkdir()
    assert find_installed(("zh", "zt"), "en").name == "zh-new"
    assert find_installed(("fr",), "en") is None


def install_broken_package(packages: Path, folder: str = "translate-zh_en-1_9", metadata: bytes = b"{not json") -> Path:
    """A package folder in `packages` whose metadata.json is `metadata` (by default not JSON)."""
    (packages / folder).mkdir()
    (packages / folder / "metadata.json").write_bytes(metadata)
    return packages / folder


def test_a_broken_package_is_reported_and_the_others_still_listed(argos_packages: Path, tiny_model: Path) -> None:
    install_from_file(tiny_model)
    broken = install_broken_package(argos_packages, "a-broken")
    unusable = install_broken_package(argos_packages, "b-no-codes", b'{"from_code": "zh"}')
    installed = installed_packages()
    assert [p.name for p in installed.packages] == ["translate-zh_en-synthetic"]
    assert [str(problem) for problem in installed.broken] == [
        f"{broken}: metadata.json cannot be read (Expecting property name enclosed in double quotes:"
        " line 1 column 2 (char 1)) — reinstall the package",
        f"{unusable}/metadata.json: metadata.json has no to_code — this is not an Argos translation package",
    ]


def test_find_installed_passes_over_a_broken_package_but_names_it_when_nothing_matches(
    argos_packages: Path, tiny_model: Path
) -> None:
    install_broken_package(argos_packages, "a-broken")
    with pytest.raises(ModelError, match="a-broken: metadata.json cannot be read"):
        find_installed(("zh",), "en")
    installed = install_from_file(tiny_model)
    assert find_installed(("zh",), "en") == installed


def index_entry(url: str, version: str = "1.9") -> dict:
    """One zh→en entry of an Argos package index pointing at `url`."""
    return {**METADATA, "package_version": version, "links": [url]}


def test_install_from_index_downloads_validates_and_installs(
    argos_packages: Path, tiny_model: Path, local_server
) -> None:
    local_server.routes["/index.json"] = (
        200,
        json.dumps(
            [index_entry(local_server.url("/old.argosmodel"), "1.0"), index_entry(local_server.url("/tiny.argosmodel"))]
        ).encode(),
    )
    local_server.routes["/tiny.argosmodel"] = (200, tiny_model.read_bytes())
    installed = install_from_index("zh", "en", url=local_server.url("/index.json"))
    assert installed.path == argos_packages / "translate-zh_en-synthetic"
    assert local_server.requests == ["/index.json", "/tiny.argosmodel"]
    assert sorted(p.name for p in argos_packages.parent.iterdir()) == ["packages"]


def test_install_from_index_tries_the_next_link_when_one_fails(
    argos_packages: Path, tiny_model: Path, local_server
) -> None:
    entry = {**METADATA, "links": [local_server.url("/gone.argosmodel"), local_server.url("/tiny.argosmodel")]}
    local_server.routes["/index.json"] = (200, json.dumps([entry]).encode())
    local_server.routes["/tiny.argosmodel"] = (200, tiny_model.read_bytes())
    assert install_from_index("zh", "en", url=local_server.url("/index.json")).path.is_dir()


def test_install_from_index_names_the_failed_download(argos_packages: Path, local_server) -> None:
    local_server.routes["/index.json"] = (200, json.dumps([index_entry(local_server.url("/gone.argosmodel"))]).encode())
    with pytest.raises(ModelError, match=r"gone.argosmodel: the download of translate-zh_en answered HTTP 404"):
        install_from_index("zh", "en", url=local_server.url("/index.json"))


def test_install_from_index_refuses_a_download_that_is_not_a_package(argos_packages: Path, local_server) -> None:
    local_server.routes["/index.json"] = (200, json.dumps([index_entry(local_server.url("/p.argosmodel"))]).encode())
    local_server.routes["/p.argosmodel"] = (200, b"<html>captive portal</html>")
    with pytest.raises(ModelError, match="not a zip archive or truncated"):
        install_from_index("zh", "en", url=local_server.url("/index.json"))
    assert list(argos_packages.iterdir()) == []


def test_index_without_the_pair_says_so(local_server) -> None:
    local_server.routes["/index.json"] = (200, json.dumps([{**METADATA, "from_code": "fr"}]).encode())
    with pytest.raises(ModelError, match="the package index has no zh→en package"):
        install_from_index("zh", "en", url=local_server.url("/index.json"))


def test_index_lists_the_offered_packages(local_server) -> None:
    local_server.routes["/index.json"] = (200, json.dumps([index_entry("http://example.invalid/p")]).encode())
    (offered,) = fetch_index(local_server.url("/index.json"))
    assert (offered.name, offered.pair, offered.links) == ("translate-zh_en", "zh→en", ("http://example.invalid/p",))


def test_an_index_answering_500_gives_one_clear_line(local_server) -> None:
    local_server.routes["/index.json"] = (500, b"boom")
    with pytest.raises(ModelError) as caught:
        fetch_index(local_server.url("/index.json"))
    assert str(caught.value) == (
        f"{local_server.url('/index.json')}: the Argos package index answered HTTP 500 Internal Server Error"
        " — try again later, or install from a file"
    )


def test_an_index_that_never_answers_times_out_and_points_to_a_file_install() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/index.json"
        with pytest.raises(ModelError) as caught:
            fetch_index(url, timeout=0.2)
    assert "cannot reach the Argos package index" in str(caught.value)
    assert "offline?" in str(caught.value)
    assert "toolkit models install FILE.argosmodel" in str(caught.value)


def test_an_unreachable_index_is_reported_as_offline() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/index.json"
    with pytest.raises(ModelError, match=r"cannot reach the Argos package index .*offline\?"):
        fetch_index(url, timeout=1)


def test_cli_installs_from_a_file_and_lists_it(tiny_model: Path, tmp_path: Path) -> None:
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}
    installed = toolkit("models", "install", str(tiny_model), cwd=Path.cwd(), env=env, timeout=60)
    assert installed.returncode == 0, installed.stderr
    assert "installed translate-zh_en-synthetic (zh→en 0.1)" in installed.stdout
    listed = toolkit("models", "list", cwd=Path.cwd(), env=env, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert "translate-zh_en-synthetic" in listed.stdout and "zh→en" in listed.stdout


def test_cli_offline_install_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages"), "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}
    result = toolkit("models", "install", "zh", "en", "--timeout", "1", cwd=Path.cwd(), env=env, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        "toolkit: error: http://127.0.0.1:9/index.json: cannot reach the Argos package index"
    )


def test_cli_refuses_a_bad_archive_in_one_line(tmp_path: Path) -> None:
    bad = make_zip(tmp_path / "bad.argosmodel", {"/etc/passwd": b"x"})
    result = toolkit(
        "models",
        "install",
        str(bad),
        cwd=Path.cwd(),
        env={"ARGOS_PACKAGES_DIR": str(tmp_path / "packages")},
        timeout=60,
    )
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)
    assert "archive member has an absolute path: /etc/passwd" in result.stderr


def test_cli_refuses_an_archive_without_the_model_in_one_line(tmp_path: Path) -> None:
    incomplete = package_zip(tmp_path / "metadata-only.argosmodel", leave_out="model/model.bin")
    result = toolkit(
        "models",
        "install",
        str(incomplete),
        cwd=Path.cwd(),
        env={"ARGOS_PACKAGES_DIR": str(tmp_path / "packages")},
        timeout=60,
    )
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)
    assert f"{incomplete}: the package has no model/model.bin" in result.stderr
    assert not (tmp_path / "packages" / "translate-zh_en-1_9").exists()


def test_cli_lists_the_good_packages_and_warns_about_a_broken_one_in_one_line(tiny_model: Path, tmp_path: Path) -> None:
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}
    assert toolkit("models", "install", str(tiny_model), cwd=Path.cwd(), env=env, timeout=60).returncode == 0
    broken = install_broken_package(tmp_path / "packages", metadata=b"\xff\xfe")
    listed = toolkit("models", "list", cwd=Path.cwd(), env=env, timeout=60)
    assert listed.returncode == 0
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["translate-zh_en-synthetic"]
    assert listed.stderr == (
        f"toolkit: warning: {broken}: metadata.json cannot be read ('utf-8' codec can't decode byte 0xff in position 0:"
        " invalid start byte) — reinstall the package\n"
    )


def test_cli_says_no_usable_package_when_the_only_one_is_broken(tmp_path: Path) -> None:
    (tmp_path / "packages").mkdir()
    install_broken_package(tmp_path / "packages")
    listed = toolkit(
        "models", "list", cwd=Path.cwd(), env={"ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}, timeout=60
    )
    assert (listed.returncode, listed.stderr.count("\n")) == (0, 1)
    assert listed.stdout.startswith(f"no usable packages installed in {tmp_path / 'packages'}")


def test_cli_lists_what_the_index_offers(tmp_path: Path, local_server) -> None:
    local_server.routes["/index.json"] = (200, json.dumps([index_entry("http://example.invalid/p")]).encode())
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages"), "ARGOS_PACKAGE_INDEX": local_server.url("/")}
    result = toolkit("models", "list", "--available", cwd=Path.cwd(), env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        f"available from {local_server.url('/index.json')}:",
        "translate-zh_en\tzh→en\t1.9",
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab./\\:", min_size=1, max_size=10), min_size=1, max_size=4))
def test_any_member_names_unpack_inside_the_target_or_are_refused(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        members = {name: b"x" for name in names} | {"pkg/metadata.json": json.dumps(METADATA).encode()}
        members |= {f"pkg/{name}": content for name, content in MODEL_MEMBERS.items()}
        archive = make_zip(root / "random.argosmodel", members)
        try:
            unpack_archive(archive, root / "into" / "packages")
        except ModelError as error:
            assert "\n" not in str(error)
        written = [p for p in root.rglob("*") if p.is_file() and p.name != "random.argosmodel"]
        assert all((root / "into" / "packages") in p.parents for p in written)
