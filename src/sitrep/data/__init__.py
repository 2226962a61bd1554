"""Versioned data files shipped with sitrep, and their loader.

Each data file `NAME.yaml` in this folder has a JSON Schema `NAME.schema.json`
beside it and a top-level integer `version`. `load("NAME")` reads the file,
checks it against its schema and returns the parsed mapping. A user may point
`SITREP_DATA_DIR` (or the `data_dir` argument) at a folder holding their own
edited copies; files missing there fall back to the packaged ones.

Parsing and checking every file takes most of a second, so a file that passed is
remembered in sitrep's cache folder (`sitrep.cache`): its parsed content as JSON, under a
hash of the file's bytes, its schema's bytes and the versions of PyYAML and jsonschema.
The same bytes are then read back from there without parsing or checking again; any edit
(of the file or its schema) is a new hash, so an edited file is always parsed and checked
when loaded. Files that fail, and content that JSON cannot hold exactly, are never cached.
"""

from __future__ import annotations

import io
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.errors import DataFileError

PACKAGE_DATA = Path(__file__).parent
#: bump when what is cached for a checked data file changes
CACHE_FORMAT = 1


def _yaml() -> tuple[Any, Any]:
    """PyYAML and its loader: libyaml's parser when PyYAML was built with it (8x faster on
    these files: 0.8 s against 6.6 s for all of them on this 2-core machine); the same safe
    subset of YAML either way. Imported when a file is parsed, not on a cache hit."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_path(name: str, data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where `NAME.yaml` is read from: the user's folder first, then the package."""
    for folder in (data_dir, os.environ.get("SITREP_DATA_DIR")):
        if folder:
            candidate = Path(folder) / f"{name}.yaml"
            if candidate.exists():
                return candidate
    return PACKAGE_DATA / f"{name}.yaml"


def _schema(name: str) -> dict[str, Any]:
    path = PACKAGE_DATA / f"{name}.schema.json"
    if not path.exists():
        raise DataFileError(f"no schema for data file {name!r} (expected {path})")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def _load_cached(path: str, name: str) -> dict[str, Any]:
    p = Path(path)
    if not p.exists():
        raise DataFileError(f"data file {name!r} not found at {p}")
    raw = p.read_bytes()
    digest = _cache_key(raw, name)
    if digest is not None:
        from sitrep import cache

        hit = cache.read("data", digest)
        if isinstance(hit, dict) and isinstance(hit.get("payload"), dict):
            return hit["payload"]
    # decoded as Path.read_text(encoding="utf-8") does (universal newlines)
    payload = _parse_and_check(p, io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read(), name)
    if digest is not None and _json_exact(payload):
        from sitrep import cache

        cache.write("data", digest, {"name": name, "payload": payload})
    return payload


def _cache_key(raw: bytes, name: str) -> str | None:
    """The key under which the checked content of a data file with bytes `raw` is cached:
    None (no caching) when its schema is missing (the slow path reports that) or the
    libraries' versions cannot be read."""
    schema = PACKAGE_DATA / f"{name}.schema.json"
    try:
        from sitrep import cache

        return cache.key(CACHE_FORMAT, name, raw, schema.read_bytes(), *_parser_versions())
    except Exception:  # noqa: BLE001 (no key: parse and check without the cache)
        return None


@lru_cache(maxsize=1)
def _parser_versions() -> tuple[str, str, str]:
    """PyYAML's and jsonschema's versions and which YAML parser reads the files (libyaml's
    or PyYAML's own): what a file's parsed and checked content depends on besides its bytes."""
    from importlib.metadata import version

    return version("pyyaml"), version("jsonschema"), _loader_name()


def _loader_name() -> str:
    """The name of the loader `_yaml` gives, without importing PyYAML (30 ms at every start)
    when it is not imported yet: PyYAML has libyaml's `CSafeLoader` when its `_yaml`
    extension module is there beside it."""
    import sys

    if "yaml" not in sys.modules:
        from importlib.machinery import EXTENSION_SUFFIXES
        from importlib.util import find_spec

        spec = find_spec("yaml")  # finds the package without importing it
        folders = list(spec.submodule_search_locations or ()) if spec is not None else []
        if folders:
            found = any((Path(f) / f"_yaml{suffix}").is_file() for f in folders for suffix in EXTENSION_SUFFIXES)
            return "CSafeLoader" if found else "SafeLoader"
    return _yaml()[1].__name__


def _json_exact(payload: Any) -> bool:
    """Whether `payload` comes back from JSON exactly as it is (no dates, sets, non-string
    keys or NaN, which JSON would change)."""
    try:
        return json.loads(json.dumps(payload, ensure_ascii=False)) == payload
    except (TypeError, ValueError):
        return False


def _parse_and_check(p: Path, text: str, name: str) -> dict[str, Any]:
    yaml, loader = _yaml()
    try:
        payload = yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{p}: not valid YAML: {exc}") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("version"), int):
        raise DataFileError(f"{p}: top level must be a mapping with an integer 'version'")
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema(name))
    errors = sorted(validator.iter_errors(payload), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(x) for x in first.absolute_path) or "(top)"
        raise DataFileError(
            f"{p}: {len(errors)} schema error(s); first at {where}: {first.message}"
        )
    return payload


def load(name: str, data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Load and schema-check the data file `name` (without extension)."""
    return _load_cached(str(data_path(name, data_dir)), name)


def clear_cache() -> None:
    _load_cached.cache_clear()
