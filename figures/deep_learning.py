"""Figures for the Deep Learning deck (cards/deep-learning.md).

Every public function draws on the matplotlib Figure it is given; helpers start with `_`.
Colours, fonts and diagram helpers come from mldeck.style; curves also differ in line style.
"""
import numpy as np
from matplotlib.patches import Circle

from mldeck.style import BLUE, FONT, GREEN, GREY, INK, ORANGE, PALE, SKY, VERMILLION, arrow, box, style_axes


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def activation_functions(fig):
    """Sigmoid, tanh, ReLU and leaky ReLU on one set of axes."""
    fig.set_size_inches(6, 4.4)
    ax = fig.subplots()
    z = np.linspace(-4, 4, 401)
    ax.plot(z, _sigmoid(z), color=BLUE, linewidth=2.5, label="sigmoid, range (0, 1)")
    ax.plot(z, np.tanh(z), color=ORANGE, linewidth=2.5, linestyle="--",
            label="tanh, range (−1, 1)")
    ax.plot(z, np.maximum(z, 0), color=GREEN, linewidth=2.5, linestyle="-.",
            label="ReLU, range [0, ∞)")
    ax.plot(z, np.where(z > 0, z, 0.1 * z), color=VERMILLION, linewidth=2.5, linestyle=":",
            label=r"leaky ReLU, $\alpha = 0.1$")
    style_axes(ax, grid=True, zero_lines=True)
    ax.set_xlim(-4, 4)
    ax.set_ylim(-1.4, 3)
    ax.set_xticks([-4, -2, 0, 2, 4])
    ax.set_yticks([-1, 0, 1, 2, 3])
    ax.set_xlabel("pre-activation $z$")
    ax.set_ylabel("activation $g(z)$")
    fig.legend(*ax.get_legend_handles_labels(), fontsize=FONT, loc="outside lower center",
               ncol=2, frameon=False, handlelength=2.4, columnspacing=1.2)


def activation_derivatives(fig):
    """Derivatives of sigmoid, tanh and ReLU: saturation and the 0.25 ceiling of sigmoid."""
    fig.set_size_inches(6, 4.4)
    ax = fig.subplots()
    z = np.linspace(-6, 6, 601)
    s = _sigmoid(z)
    ax.axvspan(-6, -3, color=PALE, zorder=0)
    ax.axvspan(3, 6, color=PALE, zorder=0)
    ax.text(-4.5, 0.5, "saturated:\nderivative\n≈ 0", ha="center", fontsize=FONT)
    ax.text(4.5, 0.5, "saturated:\nderivative\n≈ 0", ha="center", fontsize=FONT)
    ax.plot(z, s * (1 - s), color=BLUE, linewidth=2.5, label=r"$\sigma'(z) = \sigma(1-\sigma)$")
    ax.plot(z, 1 - np.tanh(z) ** 2, color=ORANGE, linewidth=2.5, linestyle="--",
            label=r"$\tanh'(z) = 1 - \tanh^2 z$")
    zr_neg = z[z < 0]
    zr_pos = z[z > 0]
    ax.plot(zr_neg, np.zeros_like(zr_neg), color=GREEN, linewidth=2.5, linestyle="-.",
            label="ReLU$'(z)$: 0 or 1")
    ax.plot(zr_pos, np.ones_like(zr_pos), color=GREEN, linewidth=2.5, linestyle="-.")
    ax.annotate("sigmoid\nmax = 0.25", xy=(0, 0.25), xytext=(1.2, 0.42),
                fontsize=FONT, arrowprops=dict(arrowstyle="->", color=INK, linewidth=1.5))
    style_axes(ax, grid=True, zero_lines=True)
    ax.set_xlim(-6, 6)
    ax.set_ylim(-0.05, 1.15)
    ax.set_xticks([-6, -3, 0, 3, 6])
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xlabel("pre-activation $z$")
    ax.set_ylabel("derivative $g'(z)$")
    fig.legend(*ax.get_legend_handles_labels(), fontsize=FONT, loc="outside lower center",
               ncol=2, frameon=False, handlelength=2.4, columnspacing=1.2)


def _draw_layers(ax, sizes, xs, dropped=(), colours=None, radius=0.16, edge_alpha=0.5):
    """Draw a fully connected network; `dropped` is a set of (layer, unit) pairs."""
    pos = []
    for n, x in zip(sizes, xs):
        ys = np.linspace(-(n - 1) / 2, (n - 1) / 2, n) * 0.62
        pos.append([(x, y) for y in ys])
    for layer in range(len(sizes) - 1):
        for i, (x0, y0) in enumerate(pos[layer]):
            for j, (x1, y1) in enumerate(pos[layer + 1]):
                off = (layer, i) in dropped or (layer + 1, j) in dropped
                if off:
                    continue
                ax.plot([x0, x1], [y0, y1], color=GREY, linewidth=1.4, alpha=edge_alpha, zorder=1)
    for layer, units in enumerate(pos):
        for i, (x, y) in enumerate(units):
            face = colours[layer] if colours else SKY
            if (layer, i) in dropped:
                ax.add_patch(Circle((x, y), radius, facecolor="white", edgecolor=GREY,
                                    linestyle="--", linewidth=1.5, zorder=2))
                d = radius * 0.7
                ax.plot([x - d, x + d], [y - d, y + d], color=VERMILLION, linewidth=2.5, zorder=3)
                ax.plot([x - d, x + d], [y + d, y - d], color=VERMILLION, linewidth=2.5, zorder=3)
            else:
                ax.add_patch(Circle((x, y), radius, facecolor=face, edgecolor=INK,
                                    linewidth=1.2, zorder=2))
    return pos


def dropout_network(fig):
    """A small MLP without dropout (top) and one thinned network sampled by dropout (bottom)."""
    fig.set_size_inches(6, 5.6)
    axes = fig.subplots(2, 1)
    sizes = [3, 5, 5, 2]
    xs = [0, 1, 2, 3]
    colours = [SKY, ORANGE, ORANGE, GREEN]
    dropped = {(1, 1), (1, 3), (2, 0), (2, 2), (2, 4)}
    _draw_layers(axes[0], sizes, xs, colours=colours, radius=0.17)
    _draw_layers(axes[1], sizes, xs, dropped=dropped, colours=colours, radius=0.17)
    titles = ["full network", "one training step"]
    texts = ["inference: all units,\nno scaling",
             "dropped hidden units\n(crossed out) and their\nconnections removed"]
    for ax, title, text in zip(axes, titles, texts):
        ax.text(3.75, 0.25, title, ha="left", va="bottom", fontsize=FONT + 1, fontweight="bold")
        ax.text(3.75, 0.05, text, ha="left", va="top", fontsize=FONT + 1, linespacing=1.25)
        ax.set_xlim(-0.3, 7.0)
        ax.set_ylim(-1.7, 1.7)
        ax.set_aspect("equal")
        ax.axis("off")


def autoencoder_bottleneck(fig):
    """Encoder narrows to a small code, decoder widens back to a reconstruction."""
    fig.set_size_inches(6, 4.4)
    ax = fig.subplots()
    sizes = [6, 4, 2, 4, 6]
    xs = [0, 1.6, 3.2, 4.8, 6.4]
    colours = [SKY, ORANGE, VERMILLION, ORANGE, GREEN]
    _draw_layers(ax, sizes, xs, colours=colours, radius=0.17, edge_alpha=0.35)
    labels = ["input\n$\\mathbf{x}$", "encoder", "code $\\mathbf{z}$\n(bottleneck)", "decoder",
              "output\n$\\hat{\\mathbf{x}}$"]
    for x, lab in zip(xs, labels):
        ax.text(x, -1.95, lab, ha="center", va="top", fontsize=FONT)
    ax.annotate("", xy=(3.0, 2.05), xytext=(0, 2.05),
                arrowprops=dict(arrowstyle="->", color=INK, linewidth=2))
    ax.annotate("", xy=(6.4, 2.05), xytext=(3.4, 2.05),
                arrowprops=dict(arrowstyle="->", color=INK, linewidth=2))
    ax.text(1.5, 2.2, "encode (compress)", ha="center", va="bottom", fontsize=FONT)
    ax.text(4.9, 2.2, "decode (reconstruct)", ha="center", va="bottom", fontsize=FONT)
    ax.set_xlim(-0.65, 7.05)
    ax.set_ylim(-2.85, 2.75)
    ax.set_aspect("equal")
    ax.axis("off")


def _box(ax, xy, w, h, text, colour):
    """A shared-style box given by its lower-left corner, width and height."""
    x, y = xy
    box(ax, (x + w / 2, y + h / 2), text, colour=colour, width=w, height=h)


def gan_schematic(fig):
    """Generator turns noise into fakes; discriminator scores real and fake samples."""
    fig.set_size_inches(6, 3.1)
    ax = fig.subplots()
    # top row: noise -> generator -> fake; bottom row: real data -> discriminator -> P(real)
    _box(ax, (0.0, 2.5), 1.55, 0.8, "noise\n$\\mathbf{z} \\sim p(\\mathbf{z})$", PALE)
    _box(ax, (2.2, 2.5), 1.55, 0.8, "generator\n$G$", SKY)
    _box(ax, (4.4, 2.5), 1.55, 0.8, "fake\n$G(\\mathbf{z})$", PALE)
    _box(ax, (0.0, 0.5), 1.55, 0.8, "real data\n$\\mathbf{x}$", PALE)
    _box(ax, (2.2, 0.5), 1.8, 0.8, "discriminator\n$D$", ORANGE)
    ax.text(4.75, 0.9, "$D(\\cdot)$ =\nP(real)", ha="left", va="center", fontsize=FONT)
    arrow(ax, (1.6, 2.9), (2.15, 2.9))
    arrow(ax, (3.8, 2.9), (4.35, 2.9))
    arrow(ax, (5.0, 2.45), (3.75, 1.35))
    arrow(ax, (1.6, 0.9), (2.15, 0.9))
    arrow(ax, (4.05, 0.9), (4.65, 0.9))
    # the generator's gradient: from D's output back through D up to G
    arrow(ax, (2.75, 1.35), (2.75, 2.45), dashed=True, colour=VERMILLION)
    ax.text(2.6, 1.9, "gradient of G's loss\nflows back through D\n(D frozen)",
            ha="right", va="center", fontsize=FONT, color=VERMILLION)
    ax.set_xlim(-0.1, 6.1)
    ax.set_ylim(0.4, 3.4)
    ax.set_aspect("equal")
    ax.axis("off")


def _gradient_norms_per_layer(activation, init, depth=15, width=64, seed=0):
    """Backpropagate a unit upstream gradient through a deep random MLP; return per-layer
    norms of dL/dW (first layer first)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((width, 32))
    weights, pre, acts = [], [], [x]
    for _ in range(depth):
        if init == "he":
            std = np.sqrt(2.0 / width)
        else:
            std = np.sqrt(1.0 / width)
        W = rng.standard_normal((width, width)) * std
        z = W @ acts[-1]
        weights.append(W)
        pre.append(z)
        acts.append(_sigmoid(z) if activation == "sigmoid" else np.maximum(z, 0))
    grad_a = rng.standard_normal(acts[-1].shape)
    norms = []
    for layer in reversed(range(depth)):
        z = pre[layer]
        if activation == "sigmoid":
            s = _sigmoid(z)
            grad_z = grad_a * s * (1 - s)
        else:
            grad_z = grad_a * (z > 0)
        norms.append(np.linalg.norm(grad_z @ acts[layer].T))
        grad_a = weights[layer].T @ grad_z
    return np.array(norms[::-1])


def vanishing_gradient_depth(fig):
    """Per-layer weight-gradient norms of a 15-layer MLP: sigmoid vs ReLU with He init."""
    ax = fig.subplots()
    layers = np.arange(1, 16)
    sig = _gradient_norms_per_layer("sigmoid", "lecun")
    rel = _gradient_norms_per_layer("relu", "he")
    ax.semilogy(layers, sig, color=BLUE, marker="o", markersize=7, linewidth=2.5,
                label="sigmoid, variance-1/n init")
    ax.semilogy(layers, rel, color=GREEN, marker="s", markersize=7, linestyle="--",
                linewidth=2.5, label="ReLU, He init")
    ax.set_xlabel("layer (1 = next to the input)")
    ax.set_ylabel(r"$\Vert \partial L / \partial W \Vert$ (log scale)")
    ax.set_xticks(layers[::2])
    ax.legend(fontsize=FONT, loc="upper left", bbox_to_anchor=(0.0, 0.86))
    style_axes(ax, grid=True)
