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


class Staging:
    """Files written in full under temporary names beside their targets, renamed into place only on commit."""

    def __init__(self, out: Path):
        self.out, self.staged, self.created = Path(out), [], []
        if self.out.exists() and not self.out.is_dir():
            raise BuildError(f"cannot write decks to {self.out}: it is a file, not a folder")

    def open(self, path: Path):
        """A binary file to write that becomes ``path`` on commit."""
        try:
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    self.created.append(folder)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            self.staged.append((tmp, path))
            return open(tmp, "wb")
        except OSError as error:
            self.fail(error)

    def add(self, path: Path, data: bytes) -> None:
        """Stage bytes for ``path`` (nothing is staged when the file already holds them)."""
        if path.is_file() and path.read_bytes() == data:
            return
        with self.writing(path) as handle:
            handle.write(data)

    @contextmanager
    def writing(self, path: Path):
        """A file to fill, flushed to disk before it counts as staged."""
        handle = self.open(path)
        try:
            with handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            self.fail(error)

    def fail(self, error):
        """Abort and report a failed write."""
        self.abort()
        raise BuildError(f"cannot write {getattr(error, 'filename', None) or self.out}: {error.strerror or error}; "
                         "nothing in dist/, media/ or notes.lock was changed") from None

    def abort(self) -> None:
        """Remove everything staged; the outputs stay as they were."""
        for tmp, _ in self.staged:
            tmp.unlink(missing_ok=True)
        for folder in reversed(self.created):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        self.staged, self.created = [], []

    def commit(self, removed=()) -> None:
        """Rename every staged file into place, then remove files no longer built."""
        for tmp, path in self.staged:
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        for path in removed:
            path.unlink()
        self.staged = []
