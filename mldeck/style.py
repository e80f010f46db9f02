"""One look for every figure: palette, fonts, axes and diagram helpers.

Figure modules in ``figures/`` import from here; the figure cache key covers this file.
Figures are drawn on white and shown inverted in night mode (card.css), so use the palette
below and ``INK`` for text and lines rather than hand-picked greys.
"""
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

# Okabe-Ito: colour-blind safe, and still distinct after night mode's invert + hue-rotate.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
YELLOW = "#F0E442"
GREY = "#555555"
INK = "#000000"
PALE = "#f2f2f2"  # box fill for neutral diagram elements
GRID = "#dddddd"

FONT = 12  # points; at 6 in wide on a 340 px phone screen this is about 9.5 px, the smallest readable
SIZE = (6, 3.6)  # inches; the default, change with fig.set_size_inches (at most 6.4 wide)
DPI = 200  # 1200 px for 6 in: 2x for a phone
RC = {
    "font.size": FONT, "axes.titlesize": FONT, "axes.labelsize": FONT, "xtick.labelsize": FONT,
    "ytick.labelsize": FONT, "legend.fontsize": FONT - 1, "legend.title_fontsize": FONT - 1,
    "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": INK, "axes.labelcolor": INK,
    "xtick.color": INK, "ytick.color": INK, "text.color": INK, "grid.color": GRID,
    "lines.linewidth": 2.2, "svg.hashsalt": "mlinterview", "savefig.facecolor": "white",
    "figure.facecolor": "white", "axes.facecolor": "white",
}


def style_axes(ax, grid=False, zero_lines=False):
    """Readable ticks, no top/right spines, optional grid and axis lines through zero."""
    ax.tick_params(labelsize=FONT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if grid:
        ax.grid(True, color=GRID, linewidth=0.8)
    if zero_lines:
        ax.axhline(0, color=INK, linewidth=1.0)
        ax.axvline(0, color=INK, linewidth=1.0)


def diagram_axes(fig, xlim, ylim):
    """Axes filling the figure, for a hand-placed diagram in data coordinates."""
    fig.set_layout_engine("none")
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.axis("off")
    return ax


def box(ax, center, text, colour=PALE, width=1.6, height=0.8, fontsize=FONT, text_colour=INK):
    """A rounded box with centred text."""
    x, y = center
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.04",
                                facecolor=colour, edgecolor=INK, linewidth=1.3))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, color=text_colour)


def arrow(ax, start, end, colour=INK, dashed=False, rad=0.0, label=None, offset=(0, 0.15), fontsize=FONT):
    """An arrow from start to end, optionally curved and labelled at its middle."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=18, color=colour, linewidth=2,
                                 linestyle="--" if dashed else "-", connectionstyle=f"arc3,rad={rad}",
                                 shrinkA=2, shrinkB=2))
    if label:
        ax.text((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1], label, ha="center",
                va="center", fontsize=fontsize, color=colour)
