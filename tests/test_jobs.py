"""A parallel build writes exactly the bytes a serial build writes."""
import hashlib
import shutil

import pytest

from conftest import HEADER, card
from mldeck.build import PARALLEL_RENDER, build

FIGURES = """
import numpy as np


def wave(fig):
    ax = fig.subplots()
    x = np.linspace(0, 6, 200)
    ax.plot(x, np.sin(x), label="$\\\\sin x$")
    ax.legend()


def noise(fig):
    ax = fig.subplots()
    ax.scatter(*np.random.default_rng(0).normal(size=(2, 50)))
    ax.set_title("Noise")
"""


def outputs(root):
    """sha256 of every file a build writes, by path."""
    paths = [*root.glob("dist/*.apkg"), *root.glob("media/figures/*.png"), root / "notes.lock"]
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths)}


@pytest.mark.slow
def test_parallel_build_writes_the_same_bytes_as_a_serial_one(make_project):
    cards = [card(f"demo-{i}", front=f"What is $x_{{{i}}}$ in case {i}?", back=f"It is **{i}**.")
             for i in range(PARALLEL_RENDER + 10)]  # enough cards for rendering to split across processes
    cards[0] = card("demo-0", back='![A wave](../media/figures/wave.png "A sine wave")\n\n'
                                   '![Noise](../media/figures/noise.png "Fifty points")')
    cards[1] = card("demo-1", back="```python\ndef f(x):\n    return x + 1\n```", test='"assert f(1) == 2"')
    serial = make_project({"demo.md": HEADER + "\n".join(cards)}, figures={"plots.py": FIGURES}, name="serial")
    parallel = shutil.copytree(serial, serial.parent / "parallel", symlinks=True)
    for root, jobs in ((serial, 1), (parallel, 2)):
        build(root, jobs=jobs, use_cache=False, now=1_700_000_000)
    assert sorted(outputs(serial)) == ["dist/demo.apkg", "dist/ml-interview.apkg", "media/figures/noise.png",
                                       "media/figures/wave.png", "notes.lock"]
    assert outputs(parallel) == outputs(serial)
