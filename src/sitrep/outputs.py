"""Writing output files safely: never onto the database, never half-written.

`safe_output(path, protect=[db])` checks the target and yields a temporary file
in the target's folder; when the block ends without an error the temporary
file is renamed onto the target (atomic on one file system), else it is
removed and the target is left as it was. So a failed export never deletes or
truncates an existing file, and a reader never sees a half-written one.

Errors: a target that is the database (or another protected file), a folder, or
something other than a regular file (a device, a FIFO) is a UsageError (exit
2); a missing folder, a folder we cannot write to, or a full disk is an
OutputError (exit 1) with the reason.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sitrep.errors import OutputError, UsageError

__all__ = ["OutputError", "check_target", "safe_output", "write_text"]


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def check_target(path: str | Path, protect: Iterable[str | Path] = ()) -> Path:
    """The target as a Path; UsageError when it is a protected file, a folder or not a regular file."""
    target = Path(path)
    for p in protect:
        if p and str(p) != ":memory:" and _same_file(target, Path(p)):
            raise UsageError(f"refusing to write to {path}: it is the database being read ({p})")
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise UsageError(f"refusing to write to {path}: it is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"refusing to write to {path}: it is not a regular file")
    return target


def _message(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"cannot write {path}: no space left on the device; {path} was not changed"
    if exc.errno == errno.ENOENT and not path.parent.exists():
        return f"cannot write {path}: folder {path.parent} does not exist"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot write {path}: permission denied"
    return f"cannot write {path}: {exc.strerror or exc}"


@contextmanager
def safe_output(path: str | Path, protect: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it onto `path` on success."""
    target = check_target(path, protect)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(_message(target, exc)) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        try:
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(_message(target, exc)) from exc
    except OSError as exc:
        raise OutputError(_message(target, exc)) from exc
    finally:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        except OSError:  # pragma: no cover - best effort
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str, protect: Iterable[str | Path] = ()) -> None:
    """Write `text` (UTF-8) to `path` through `safe_output`."""
    with safe_output(path, protect) as tmp:
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
