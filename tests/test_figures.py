"""Figures: drawn reproducibly at 2x for phones, and not drawn again when their code is unchanged."""
import struct

from conftest import GOOD_CARD, HEADER, REPO
from mldeck import figures
from mldeck.build import load, used_figures


def png_size(path):
    """(width, height) from a PNG header."""
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_every_used_figure_renders_identically_twice_at_phone_resolution(project, tmp_path):
    names = used_figures(project.cards(), project.figures)
    assert len(names) >= 15
    problems = []
    first = figures.render_all(names, project.figures, REPO, tmp_path / "one", problems)
    second = figures.render_all(names, project.figures, REPO, tmp_path / "two", problems)
    assert not problems
    for name in names:
        assert first[name].png.read_bytes() == second[name].png.read_bytes(), name
        assert first[name].media_name == second[name].media_name
        assert first[name].media_name.startswith(f"mlinterview-fig-{name}-")
        width, _ = png_size(first[name].png)
        assert width >= 1000, f"{name} is only {width} px wide: too small for 2x on a phone"


def test_unchanged_figure_is_not_drawn_again(make_project):
    code = ("from pathlib import Path\n"
            "def counted(fig):\n"
            "    log = Path(__file__).with_name('calls.txt')\n"
            "    log.write_text(log.read_text() + 'x' if log.exists() else 'x')\n"
            "    fig.subplots().plot([0, 1], [1, 0])\n")
    card = GOOD_CARD + "\n![A line](../media/figures/counted.png \"Caption\")\n"
    root = make_project({"demo.md": HEADER + card}, figures={"counting.py": code})
    load(root)
    load(root)
    assert (root / "figures" / "calls.txt").read_text() == "x"
    (root / "figures" / "counting.py").write_text(code + "\n# changed\n")
    load(root)
    assert (root / "figures" / "calls.txt").read_text() == "xx"
