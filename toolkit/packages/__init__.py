"""Argos model packages: validate, unpack, list and install (from a file or the Argos package index).

An Argos package is a zip (`.argosmodel`) of one top-level folder holding `metadata.json`
(`from_code`, `to_code`, ...), a CTranslate2 model in `model/` and a `sentencepiece.model`.

- `package`: what a package is (metadata, model files, vocabulary, language pair)
- `archive`: an .argosmodel checked before anything is unpacked
- `install`: unpacking, the unpack cache for --model, what is installed
- `index`: the Argos package index (network)
"""

from toolkit.packages.archive import MAX_EXPANSION, MAX_UNPACKED_BYTES, check_archive
from toolkit.packages.index import INDEX_TIMEOUT, USER_AGENT, fetch_index, index_url, install_from_index
from toolkit.packages.install import (
    DRAFT_EXTRA_HINT,
    InstalledPackages,
    argos_settings,
    default_cache_dir,
    find_installed,
    install_from_file,
    installed_packages,
    language_pair,
    load_package,
    packages_dir,
    remove_leftovers,
    unpack_archive,
)
from toolkit.packages.package import MODEL_FILES, PackageInfo, check_package_dir, read_package_dir

__all__ = [
    "DRAFT_EXTRA_HINT",
    "INDEX_TIMEOUT",
    "MAX_EXPANSION",
    "MAX_UNPACKED_BYTES",
    "MODEL_FILES",
    "USER_AGENT",
    "InstalledPackages",
    "PackageInfo",
    "argos_settings",
    "check_archive",
    "check_package_dir",
    "default_cache_dir",
    "fetch_index",
    "find_installed",
    "index_url",
    "install_from_file",
    "install_from_index",
    "installed_packages",
    "language_pair",
    "load_package",
    "packages_dir",
    "read_package_dir",
    "remove_leftovers",
    "unpack_archive",
]
