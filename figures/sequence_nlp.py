"""Figures for the sequence-models and NLP decks.

Each public function draws on the matplotlib Figure it is given (no pyplot).
Colours, fonts and diagram helpers come from mldeck.style.
"""
import numpy as np
from matplotlib.patches import Circle

from mldeck.style import (
    BLUE,
    FONT,
    GREEN,
    GREY,
    INK,
    ORANGE,
    PALE,
    SKY,
    VERMILLION,
    arrow,
    box,
    diagram_axes,
    style_axes,
)


def _cell(ax, x, y, text, colour, w=0.9, h=0.6, fs=FONT + 1):
    """A box of the unrolled RNN: white text on dark BLUE, INK on the lighter ORANGE and GREEN.

    (White on orange or green is faint, and turns dark-on-dark in night mode's invert.)
    """
    box(ax, (x, y), text, colour=colour, width=w, height=h, fontsize=fs,
        text_colour="white" if colour == BLUE else INK)


def unrolled_rnn(fig):
    """A vanilla RNN folded (left) and unrolled over three time steps (right)."""
    fig.set_size_inches(6.4, 3.8)
    ax = diagram_axes(fig, (-0.5, 10.3), (-0.1, 4.5))  # a hand-placed diagram: fill the figure
    fs = FONT + 2  # weight labels (mathtext subscripts come out smaller)

    # folded network with its self-loop
    _cell(ax, 0.45, 2.2, "$h$", BLUE, w=0.8, fs=FONT + 3)
    _cell(ax, 0.45, 0.6, "$x$", GREEN, w=0.8, fs=FONT + 3)
    _cell(ax, 0.45, 3.8, "$y$", ORANGE, w=0.8, fs=FONT + 3)
    arrow(ax, (0.45, 0.95), (0.45, 1.85), label="$W_{xh}$", offset=(-0.45, 0), fontsize=fs)
    arrow(ax, (0.45, 2.55), (0.45, 3.45), label="$W_{hy}$", offset=(-0.45, 0), fontsize=fs)
    arrow(ax, (0.9, 2.35), (0.9, 2.05), colour=VERMILLION, rad=-2.2)
    ax.text(0.95, 2.85, "$W_{hh}$", fontsize=fs, color=VERMILLION, va="center")
    ax.text(1.7, 2.2, "=", fontsize=2 * FONT, va="center", ha="center")

    # unrolled network
    xs = [4.5, 6.55, 8.6]
    labels = ["t-1", "t", "t+1"]
    ax.text(3.05, 2.2, r"$h_{t-2}$", fontsize=FONT + 3, ha="right", va="center")
    arrow(ax, (3.1, 2.2), (xs[0] - 0.55, 2.2), label="$W_{hh}$", offset=(0, 0.4), fontsize=fs,
          colour=VERMILLION)
    for i, (x, lab) in enumerate(zip(xs, labels)):
        _cell(ax, x, 2.2, f"$h_{{{lab}}}$", BLUE, w=1.0, fs=FONT + 3)
        _cell(ax, x, 0.6, f"$x_{{{lab}}}$", GREEN, w=1.0, fs=FONT + 3)
        _cell(ax, x, 3.8, f"$y_{{{lab}}}$", ORANGE, w=1.0, fs=FONT + 3)
        arrow(ax, (x, 0.95), (x, 1.85), label="$W_{xh}$", offset=(-0.45, 0), fontsize=fs)
        arrow(ax, (x, 2.55), (x, 3.45), label="$W_{hy}$", offset=(-0.45, 0), fontsize=fs)
        if i < len(xs) - 1:
            arrow(ax, (x + 0.55, 2.2), (xs[i + 1] - 0.55, 2.2), label="$W_{hh}$", offset=(0, 0.4),
                  fontsize=fs, colour=VERMILLION)
    arrow(ax, (xs[-1] + 0.55, 2.2), (10.2, 2.2), colour=VERMILLION)


def rnn_gradient_norm(fig):
    """Norm of the backpropagated gradient after k steps, largest singular value 0.9, 1, 1.1."""
    fig.set_size_inches(6, 4.4)
    ax = fig.subplots()
    k = np.arange(0, 51)
    for rho, colour, style in [(1.1, VERMILLION, "-"), (1.0, GREY, "--"),
                               (0.9, BLUE, "-")]:
        ax.semilogy(k, rho ** k, color=colour, ls=style, lw=2.5, label=f"{rho}")
    ax.set_xlabel("time steps $k$ the gradient travels back")
    ax.set_ylabel(r"$\Vert \partial h_t / \partial h_{t-k} \Vert$", fontsize=FONT + 1)
    ax.set_xticks(range(0, 51, 10))
    ax.set_xlim(0, 52)
    ax.set_ylim(2e-3, 500)
    style_axes(ax, grid=True)
    ax.annotate(f"$1.1^{{50}} \\approx {1.1 ** 50:.0f}$", (50, 1.1 ** 50),
                (3, 120), fontsize=FONT + 1, va="center",
                arrowprops=dict(arrowstyle="->", color=INK, lw=1.5))
    ax.annotate(f"$0.9^{{50}} \\approx {0.9 ** 50:.4f}$", (50, 0.9 ** 50),
                (3, 0.0055), fontsize=FONT + 1, va="center",
                arrowprops=dict(arrowstyle="->", color=INK, lw=1.5))
    fig.legend(*ax.get_legend_handles_labels(), title="largest singular value:",
               fontsize=FONT, title_fontsize=FONT, loc="outside lower center", ncols=4,
               frameon=False, handlelength=1.8, handletextpad=0.4, columnspacing=1.0)


def sinusoidal_positional_encoding(fig):
    """Heat map of the sinusoidal positional encoding, 60 positions x 64 dimensions."""
    fig.set_size_inches(6, 4.2)
    n_pos, d = 60, 64
    pos = np.arange(n_pos)[:, None]
    i = np.arange(d // 2)[None, :]
    angle = pos / 10000 ** (2 * i / d)
    pe = np.zeros((n_pos, d))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle)
    ax = fig.subplots()
    im = ax.imshow(pe, cmap="PuOr", vmin=-1, vmax=1, aspect="auto",
                   interpolation="nearest")
    ax.set_xticks(range(0, d, 16))
    ax.set_yticks(range(0, n_pos, 10))
    ax.set_xlabel("encoding dimension (even = sin, odd = cos)")
    ax.set_ylabel("position in the sequence")
    style_axes(ax)
    cb = fig.colorbar(im, ax=ax, ticks=[-1, -0.5, 0, 0.5, 1])
    cb.ax.tick_params(labelsize=FONT)
    cb.set_label("value", fontsize=FONT)


def _causal_weights():
    tokens = ["the", "cat", "sat", "on", "the", "mat"]
    # hand-set affinities (query row, key column): nouns attend to their
    # article, the verb to its subject, the preposition to the verb, ...
    scores = np.array([
        [2.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        [1.5, 2.0, 0.0, 0.0, 0.0, 0.0],
        [0.3, 2.2, 1.0, 0.0, 0.0, 0.0],
        [0.0, 0.5, 2.0, 1.0, 0.0, 0.0],
        [0.2, 0.3, 0.6, 1.8, 1.0, 0.0],
        [0.0, 1.2, 1.0, 0.8, 1.6, 1.5],
    ])
    mask = np.triu(np.ones_like(scores, dtype=bool), k=1)
    scores = np.where(mask, -np.inf, scores)
    w = np.exp(scores - scores.max(axis=1, keepdims=True))
    return tokens, w / w.sum(axis=1, keepdims=True)


def causal_attention_weights(fig):
    """Causal self-attention weights for a toy six-token sentence."""
    fig.set_size_inches(6, 5)
    tokens, w = _causal_weights()
    ax = fig.subplots()
    # aspect="auto": an equal-aspect image lets constrained layout clip the y label
    im = ax.imshow(w, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    n = len(tokens)
    ax.set_xticks(range(n))
    ax.set_xticklabels(tokens, fontsize=FONT)
    ax.set_yticks(range(n))
    ax.set_yticklabels([f"{i + 1}: {t}" for i, t in enumerate(tokens)], fontsize=FONT)
    ax.set_xlabel("key (attended-to token)")
    ax.set_ylabel("query (token being updated)")
    ax.xaxis.set_label_position("top")
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for r in range(n):
        for c in range(n):
            ax.text(c, r, f"{w[r, c]:.2f}", ha="center", va="center", fontsize=FONT,
                    color="white" if w[r, c] > 0.55 else INK)
    cb = fig.colorbar(im, ax=ax, fraction=0.046, pad=0.03, ticks=[0, 0.5, 1])
    cb.ax.tick_params(labelsize=FONT)


def post_vs_pre_norm(fig):
    """Residual wiring of a post-norm and a pre-norm sublayer, stacked: where the layer norm sits."""
    fig.set_size_inches(6, 5.2)
    ax = diagram_axes(fig, (0, 10), (0, 9.6))

    def plus(x, y):
        ax.add_patch(Circle((x, y), 0.32, facecolor="white", edgecolor=INK, linewidth=1.5, zorder=3))
        ax.text(x, y, "+", ha="center", va="center", fontsize=FONT + 4, zorder=4)

    def line(points, colour=INK, width=2.0):
        xs, ys = zip(*points)
        ax.plot(xs, ys, color=colour, linewidth=width, solid_capstyle="round", zorder=1)

    # post-norm (top): the layer norm sits on the main path, after the addition
    y, yb = 6.0, 7.75
    ax.text(0.1, 9.25, "post-norm:  LayerNorm(x + F(x))", fontsize=FONT + 1, va="center")
    ax.text(0.45, y, "$x$", fontsize=FONT + 3, ha="center", va="center")
    line([(0.8, y), (5.18, y)])
    line([(1.6, y), (1.6, yb), (2.75, yb)])
    box(ax, (3.55, yb), "F", colour=SKY, width=1.6, height=0.8)
    line([(4.35, yb), (5.5, yb), (5.5, y + 0.32)])
    plus(5.5, y)
    box(ax, (7.25, y), "LayerNorm", colour=VERMILLION, width=2.1, height=0.8, text_colour="white")
    arrow(ax, (5.82, y), (6.2, y))
    arrow(ax, (8.3, y), (9.5, y))
    ax.text(7.7, y + 0.65, "every path to the output\npasses through it", ha="center", va="bottom",
            fontsize=FONT, color=VERMILLION)

    # pre-norm (bottom): the main path is a pure sum, normalisation only on the branch
    y, yb = 1.3, 3.05
    ax.text(0.1, 4.55, "pre-norm:  x + F(LayerNorm(x))", fontsize=FONT + 1, va="center")
    ax.text(0.45, y, "$x$", fontsize=FONT + 3, ha="center", va="center")
    line([(0.8, y), (7.18, y)], colour=GREEN, width=3.2)
    ax.text(4.0, y - 0.45, "identity path", ha="center", va="top", fontsize=FONT, color=GREEN)
    line([(1.6, y), (1.6, yb), (2.05, yb)])
    box(ax, (3.1, yb), "LayerNorm", colour=PALE, width=2.1, height=0.8)
    arrow(ax, (4.15, yb), (4.85, yb))
    box(ax, (5.6, yb), "F", colour=SKY, width=1.4, height=0.8)
    line([(6.3, yb), (7.5, yb), (7.5, y + 0.32)])
    plus(7.5, y)
    arrow(ax, (7.82, y), (9.5, y), colour=GREEN)
