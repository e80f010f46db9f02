"""A content-keyed build cache in ``.cache/``: entries are verified on read and written atomically.

Delete the folder (``rm -rf .cache``) or build with ``--no-cache`` to start cold. Every key covers all
that its value depends on, so several projects may share one cache: set ``MLDECK_CACHE`` to its folder.
"""
import hashlib
import json
import os
import sys
from importlib.metadata import version
from pathlib import Path


def digest(*parts):
    """A hex key for the given strings and bytes."""
    sha = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        sha.update(len(data).to_bytes(8, "big") + data)
    return sha.hexdigest()


def write_atomic(path, data):
    """Write bytes to a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


class Cache:
    """Values by (kind, key); each file holds the SHA-256 of its value, so a damaged entry is a miss."""

    def __init__(self, folder, enabled=True):
        self.folder = Path(folder)
        self.enabled = enabled

    @classmethod
    def for_project(cls, root, enabled=True):
        """The project's cache: ``$MLDECK_CACHE`` if set, else ``<root>/.cache``."""
        return cls(os.environ.get("MLDECK_CACHE") or Path(root) / ".cache", enabled)

    def path(self, kind, key):
        return self.folder / kind / key[:2] / key

    def get(self, kind, key):
        """The stored bytes, or None if absent, damaged or the cache is off."""
        if not self.enabled:
            return None
        try:
            data = self.path(kind, key).read_bytes()
        except OSError:
            return None
        value = data[32:]
        return value if len(data) >= 32 and hashlib.sha256(value).digest() == data[:32] else None

    def put(self, kind, key, value):
        """Store bytes (a full disk only costs the cache entry, never the build)."""
        if not self.enabled:
            return
        try:
            write_atomic(self.path(kind, key), hashlib.sha256(value).digest() + value)
        except OSError:
            pass

    def get_json(self, kind, key):
        data = self.get(kind, key)
        try:
            return None if data is None else json.loads(data)
        except ValueError:
            return None

    def put_json(self, kind, key, value):
        self.put(kind, key, json.dumps(value, sort_keys=True).encode())


def inputs_fingerprint(root, options, package_files=("*.py", "*.css", "*.js", "preview/*")):
    """A hash of every input a build reads, to tell quickly that nothing changed."""
    root = Path(root)
    sha = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    paths = [p for folder in ("cards", "figures", "coverage", "media") if (root / folder).is_dir()
             for p in (root / folder).rglob("*") if p.is_file() and "media/figures" not in p.as_posix()]
    paths += [root / "sources.yaml"]
    package = Path(__file__).parent
    paths += [p for pattern in package_files for p in package.glob(pattern)]
    for path in sorted(paths):
        sha.update(str(path).encode())
        try:
            sha.update(path.read_bytes())
        except OSError:
            sha.update(b"unreadable")
    versions = [sys.version] + [version(p) for p in ("genanki", "markdown", "pymdown-extensions", "pygments",
                                                       "pyyaml", "matplotlib", "numpy", "pillow")]
    sha.update(repr(versions).encode())
    from . import mathjax
    sha.update(str(mathjax.available(root)).encode())
    return sha.hexdigest()


def outputs_digest(paths):
    """Hashes of output files as they are now."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None for p in sorted(paths)}
