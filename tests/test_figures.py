"""Figures: drawn in isolated processes, committed in media/figures/, reused while their inputs are unchanged."""
import json
import struct

from conftest import HEADER, REPO, card
from mldeck import figures
from mldeck.build import build

LINE = "from mldeck.style import BLUE\n\n\ndef line(fig):\n    fig.subplots().plot([0, 1], [0, 1], color=BLUE)\n"
BODY = HEADER + card("demo-a", back='![A line](../media/figures/line.png "Caption")')


def png_size(data):
    """(width, height) from a PNG header."""
    return struct.unpack(">II", data[16:24])


def test_a_drawn_figure_is_committed_with_its_key_and_reused(make_project):
    root = make_project({"demo.md": BODY}, figures={"plots.py": LINE.replace("def line", "def _unused(fig):\n    "
                                                                               "pass\n\n\ndef line")})
    build(root)
    png = root / "media" / "figures" / "line.png"
    entry = json.loads((root / "notes.lock").read_text())["figure:line"]
    assert png.is_file() and png_size(png.read_bytes())[0] >= 1000  # 2x for a phone
    assert entry["key"] == figures.discover(root, [])[0]["line"].key
    (root / "figures" / "plots.py").write_text(LINE.replace("def line", "def line_drawn_twice_would_fail(fig):\n"
                                                                          "    pass\n\n\ndef line"))
    stamp = png.stat().st_mtime_ns
    build(root)  # the module changed, so the key changed: drawn again, same pixels, file untouched
    assert png.stat().st_mtime_ns == stamp


def test_the_committed_png_is_used_even_where_drawing_would_differ(make_project, monkeypatch):
    # numbers in a figure can differ in the last bit between CPUs; the committed PNG keeps decks reproducible
    root = make_project({"demo.md": BODY}, figures={"plots.py": LINE})
    build(root)
    committed = (root / "media" / "figures" / "line.png").read_bytes()
    monkeypatch.setattr(figures, "draw", lambda *args: (_ for _ in ()).throw(AssertionError("drew again")))
    build(root, root / "again")
    assert (root / "media" / "figures" / "line.png").read_bytes() == committed


def test_unused_figure_functions_are_not_drawn_and_stale_pngs_go(make_project):
    root = make_project({"demo.md": BODY}, figures={"plots.py": LINE + "\n\ndef other(fig):\n    raise SystemExit\n"})
    (root / "media" / "figures").mkdir()
    (root / "media" / "figures" / "gone.png").write_bytes(b"old")
    built = build(root)
    assert sorted(p.name for p in (root / "media" / "figures").iterdir()) == ["line.png"]
    assert root / "media" / "figures" / "gone.png" in built.removed


def test_night_mode_inverts_drawn_figures_only():
    css = (REPO / "mldeck" / "card.css").read_text()
    assert ".nightMode img.drawn, .night_mode img.drawn { filter: invert(0.88) hue-rotate(180deg);" in css
