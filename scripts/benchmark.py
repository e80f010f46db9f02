"""Benchmark: a full build with an empty figure cache against one where every figure is cached.

Usage: .venv/bin/python scripts/benchmark.py   (prints seconds and the ratio; asserts nothing)
"""
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def timed(root, out):
    """Seconds for one full build of ``root`` into ``out``."""
    from mldeck.build import build

    start = time.perf_counter()
    build(root, out, update_lock=False)
    return time.perf_counter() - start


def main():
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", "node_modules", ".git", ".cache", "dist", "build"))
        cold = timed(root, Path(tmp) / "cold")
        warm = min(timed(root, Path(tmp) / f"warm{i}") for i in range(3))
    print(f"cold build (draws every figure): {cold:.1f} s")
    print(f"warm build (figures cached):     {warm:.1f} s")
    print(f"ratio cold/warm: {cold / warm:.1f}x")


if __name__ == "__main__":
    main()
