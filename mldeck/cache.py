"""A content-keyed build cache in ``.cache/``: entries are verified on read and written atomically.

Delete the folder (``rm -rf .cache``) or build with ``--no-cache`` to start cold. Every key covers all
that its value depends on, so several projects may share one cache: set ``MLDECK_CACHE`` to its folder.
"""
import hashlib
import json
import os
import sqlite3
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


class Cache:
    """Values by (kind, key) in one SQLite file; each value is stored with its SHA-256, so a damaged entry is a
    miss, and each write is a transaction, so a killed build never leaves half an entry."""

    def __init__(self, folder, enabled=True):
        self.folder = Path(folder)
        self.enabled = enabled
        self.connection, self.pid = None, None

    @classmethod
    def for_project(cls, root, enabled=True):
        """The project's cache: ``$MLDECK_CACHE`` if set, else ``<root>/.cache``."""
        return cls(os.environ.get("MLDECK_CACHE") or Path(root) / ".cache", enabled)

    def db(self):
        """This process's connection (a forked process opens its own), or None if the cache cannot be used."""
        if self.pid != os.getpid():
            self.connection, self.pid = None, os.getpid()
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.folder / "cache.sqlite", timeout=60, isolation_level=None)
                connection.execute("pragma journal_mode=wal")
                connection.execute("pragma synchronous=normal")
                connection.execute("create table if not exists entries (kind text, key text, value blob, sha blob, "
                                   "primary key (kind, key))")
                self.connection = connection
            except (OSError, sqlite3.Error):  # an unusable cache only makes the build slower
                pass
        return self.connection

    def get(self, kind, key):
        """The stored bytes, or None if absent, damaged or the cache is off."""
        if not self.enabled or self.db() is None:
            return None
        try:
            row = self.db().execute("select value, sha from entries where kind = ? and key = ?", (kind, key)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row and hashlib.sha256(row[0]).digest() == row[1] else None

    def get_many(self, kind, keys):
        """The stored bytes for each of ``keys`` that is present and intact, by key."""
        if not self.enabled or self.db() is None:
            return {}
        keys, found = sorted(set(keys)), {}
        try:
            for start in range(0, len(keys), 900):  # SQLite's limit on query parameters
                chunk = keys[start:start + 900]
                rows = self.db().execute(f"select key, value, sha from entries where kind = ? and key in "
                                         f"({', '.join('?' * len(chunk))})", (kind, *chunk))
                found.update({key: value for key, value, sha in rows if hashlib.sha256(value).digest() == sha})
        except sqlite3.Error:
            return {}
        return found

    def put(self, kind, key, value):
        """Store bytes (a full disk only costs the cache entry, never the build)."""
        self.put_many(kind, [(key, value)])

    def put_many(self, kind, items):
        """Store several (key, bytes) in one transaction."""
        if not self.enabled or self.db() is None or not items:
            return
        try:
            with self.db() as connection:
                connection.execute("begin")
                connection.executemany("insert or replace into entries values (?, ?, ?, ?)",
                                       [(kind, key, value, hashlib.sha256(value).digest()) for key, value in items])
        except sqlite3.Error:
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
