"""Figures for the ML System Design deck (cards/system-design.md).

Every public function draws on the matplotlib Figure it is given; helpers start with `_`.
The numbers match the cards that show the figures (funnel counts, the randomised-traffic click
curve, the over-confident reliability curve).
"""
import numpy as np

from mldeck.style import BLUE, FONT, GREEN, GREY, INK, ORANGE, SKY, VERMILLION, style_axes

# Items kept after each stage of one request, starting from the catalogue.
FUNNEL = [
    ("catalogue", 1e8, "100,000,000"),
    ("after retrieval", 2e3, "2,000"),
    ("after light ranker", 5e2, "500"),
    ("heavy ranker's top", 5e1, "50"),
    ("shown after re-ranking", 2e1, "20"),
]


def recsys_funnel(fig):
    """Items left after each stage of one recommender request (log scale)."""
    fig.set_size_inches(6, 3.4)
    top = fig.subplots()

    y = np.arange(len(FUNNEL))[::-1]
    counts = [c for _, c, _ in FUNNEL]
    top.barh(y, counts, color=[GREY, SKY, SKY, ORANGE, GREEN], edgecolor=INK, height=0.65)
    top.set_xscale("log")
    top.set_xlim(1, 1e12)
    top.set_yticks(y, [name for name, _, _ in FUNNEL])
    for yi, (_, c, text) in zip(y, FUNNEL):
        top.text(c * 1.6, yi, text, va="center", fontsize=FONT)
    top.set_xticks([1e1, 1e3, 1e5, 1e7, 1e9], ["$10$", "$10^3$", "$10^5$", "$10^7$", "$10^9$"])
    top.set_title("items per request", fontsize=FONT, loc="left")
    style_axes(top)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def reliability_diagram(fig):
    """Reliability diagram of a model whose logits are twice too large: observed rate against mean prediction."""
    fig.set_size_inches(6, 5.2)
    ax = fig.subplots()
    centres = np.arange(0.05, 1.0, 0.1)
    observed = _sigmoid(0.5 * np.log(centres / (1 - centres)))
    ax.plot([0, 1], [0, 1], color=GREY, linestyle="--", linewidth=1.8, label="perfect calibration")
    ax.plot(centres, observed, color=BLUE, marker="o", markersize=8, label="model (one dot per bin)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xticks(np.arange(0, 1.01, 0.2))
    ax.set_yticks(np.arange(0, 1.01, 0.2))
    ax.set_xlabel("mean predicted probability in the bin", fontsize=FONT)
    ax.set_ylabel("observed positive rate in the bin", fontsize=FONT)
    ax.set_aspect("equal")
    style_axes(ax, grid=True)
    ax.legend(loc="upper left", fontsize=FONT, frameon=False)


def position_bias_curve(fig):
    """Click rate by position when the top 10 results are shuffled at random: the decline is position bias alone."""
    fig.set_size_inches(6, 4.4)
    ax = fig.subplots()
    k = np.arange(1, 11)
    ctr = 8.0 / k  # percent; examination propensity 1/k relative to position 1
    colours = [VERMILLION if i == 4 else BLUE for i in k]
    ax.bar(k, ctr, color=colours, edgecolor=INK, width=0.7)
    for i, c in zip(k, ctr):
        if i in (1, 2, 4, 10):
            ax.text(i, c + 0.15, f"{c:.1f}%", ha="center", va="bottom", fontsize=FONT)
    ax.set_xticks(k)
    ax.set_ylim(0, 9.5)
    ax.set_xlabel("position (order shuffled at random)", fontsize=FONT)
    ax.set_ylabel("click-through rate (%)", fontsize=FONT)
    ax.text(5.0, 5.6, "position 4: 2.0 / 8.0\n= 0.25 of position 1", ha="left", va="center", fontsize=FONT,
            color=VERMILLION)
    style_axes(ax)
