"""Write a build's outputs: every file through a temporary file renamed into place, under a lock.

Nothing is renamed until every file has been written in full, so a failed write (a full disk, a
read-only folder) changes nothing, and an interrupted build leaves only temporary files, which the
next build removes.
"""
import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from .problems import BuildError


@contextmanager
def build_lock(root: Path):
    """Hold the project's build lock; a second build waits for the first."""
    folder = Path(root) / ".cache"
    try:
        folder.mkdir(exist_ok=True)
        handle = open(folder / "build.lock", "w")
    except OSError as error:
        raise BuildError(f"cannot create {folder}: {error.strerror}") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def clean_leftovers(out: Path) -> None:
    """Remove temporary files that an interrupted build left in the output folder."""
    if out.is_dir():
        for path in out.glob(".*.tmp"):
            path.unlink()


def write_outputs(out: Path, files: dict, removed: list, lock_path: Path | None, lock_text: str | None,
                  figure_pngs: list) -> None:
    """Write every package, the figures and the lock through temporary files; on any error, change nothing."""
    staged, created = [], []
    try:
        if out.exists() and not out.is_dir():
            raise BuildError(f"cannot write decks to {out}: it is a file, not a folder")
        writes = [(out / name, data) for name, (data, *_) in files.items()]
        if lock_path is not None and (not lock_path.exists() or lock_path.read_text(encoding="utf-8") != lock_text):
            writes.append((lock_path, lock_text.encode()))
        writes += figure_pngs
        for path, data in writes:
            if path.is_file() and path.read_bytes() == data:
                continue
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    created.append(folder)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            staged.append((tmp, path))
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
    except OSError as error:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for folder in reversed(created):
            folder.rmdir()
        raise BuildError(f"cannot write {getattr(error, 'filename', None) or out}: {error.strerror or error}; "
                         "nothing in dist/, media/ or notes.lock was changed") from None
    for tmp, path in staged:
        os.replace(tmp, path)
    for path in removed:
        path.unlink()
