"""Figures for the LLM Adaptation & Alignment deck (cards/llm-adaptation.md).

Every public function draws on the matplotlib Figure it is given; helpers start with `_`.
"""
import numpy as np
from matplotlib.patches import Rectangle

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


def lora_diagram(fig):
    """LoRA: the frozen weight W beside a trainable low-rank path A then B, summed into h."""
    fig.set_size_inches(6, 4.4)
    ax = diagram_axes(fig, (0, 10), (0, 7.4))
    ax.text(5, 0.4, "$h = Wx + \\frac{\\alpha}{r}\\,BAx$", ha="center", va="center", fontsize=FONT + 2)
    box(ax, (5, 1.3), "input $x$ ($k$ values)", width=3.4, height=0.6)
    ax.add_patch(Rectangle((0.9, 2.4), 3.4, 2.6, facecolor=PALE, edgecolor=INK, linewidth=1.5))
    ax.text(2.6, 4.1, "pretrained $W$", ha="center", va="center", fontsize=FONT)
    ax.text(2.6, 3.45, "$d \\times k$", ha="center", va="center", fontsize=FONT)
    ax.text(2.6, 2.85, "frozen", ha="center", va="center", fontsize=FONT, color=GREY, style="italic")
    ax.add_patch(Rectangle((5.7, 2.2), 3.2, 0.75, facecolor=GREEN, edgecolor=INK, linewidth=1.3, alpha=0.35))
    ax.text(7.3, 2.575, "$A$: $r \\times k$, random", ha="center", va="center", fontsize=FONT)
    ax.add_patch(Rectangle((5.7, 4.0), 3.2, 0.75, facecolor=ORANGE, edgecolor=INK, linewidth=1.3, alpha=0.45))
    ax.text(7.3, 4.375, "$B$: $d \\times r$, zeros", ha="center", va="center", fontsize=FONT)
    arrow(ax, (7.3, 3.0), (7.3, 3.95))
    ax.text(7.45, 3.47, "$r$ values", ha="left", va="center", fontsize=FONT, color=VERMILLION)
    ax.text(9.0, 5.4, "trainable", ha="center", va="center", fontsize=FONT, color=GREEN, style="italic")
    arrow(ax, (4.3, 1.55), (2.6, 2.35))
    arrow(ax, (5.7, 1.55), (7.3, 2.15))
    ax.text(5.0, 6.0, "+", ha="center", va="center", fontsize=FONT + 8)
    arrow(ax, (2.6, 5.05), (4.65, 5.9))
    arrow(ax, (7.3, 4.8), (5.35, 5.9))
    ax.text(6.75, 5.55, "$\\times\\, \\alpha / r$", ha="left", va="center", fontsize=FONT)
    arrow(ax, (5.0, 6.3), (5.0, 6.75))
    ax.text(5, 7.05, "output $h$ ($d$ values)", ha="center", va="center", fontsize=FONT)


def llm_memory(fig):
    """Weight memory of 7B and 70B models at fp16, int8 and int4, next to an fp16 KV cache."""
    fig.set_size_inches(6, 5.6)
    axes = fig.subplots(2, 1, sharex=True)
    tokens = 32 * 4096
    models = [
        ("7B (32 layers, 32 KV heads)", 7e9, 2 * 32 * 32 * 128 * 2),
        ("70B (80 layers, 8 KV heads)", 70e9, 2 * 80 * 8 * 128 * 2),
    ]
    labels = ["fp16 weights", "int8 weights", "int4 weights", "KV cache, fp16,\n32 × 4096 tokens"]
    colours = [BLUE, SKY, GREEN, ORANGE]
    for ax, (name, params, kv_per_token) in zip(axes, models):
        values = [params * 2 / 1e9, params / 1e9, params * 0.5 / 1e9, kv_per_token * tokens / 1e9]
        y = np.arange(4)[::-1]
        ax.barh(y, values, color=colours, edgecolor=INK, height=0.7)
        for yi, v in zip(y, values):
            text = f"{v:.0f} GB" if abs(v - round(v)) < 0.05 or v >= 10 else f"{v:.1f} GB"
            ax.text(v + 2, yi, text, va="center", fontsize=FONT, zorder=3,
                    bbox=dict(facecolor="white", edgecolor="none", pad=1))
        ax.set_yticks(y, labels)
        ax.axvline(80, color=VERMILLION, linestyle="--", linewidth=1.8)
        ax.set_title(name, fontsize=FONT, loc="left")
        style_axes(ax)
        ax.set_xlim(0, 175)
    axes[0].text(82, 3.2, "one 80 GB GPU", color=VERMILLION, fontsize=FONT, va="center")
    axes[1].set_xlabel("memory (GB)", fontsize=FONT)
    fig.set_layout_engine("constrained")


def kd_temperature(fig):
    """A teacher's softmax over five classes at temperatures 1, 4 and 10."""
    fig.set_size_inches(6, 4.4)
    ax = fig.subplots()
    classes = ["cat", "dog", "fox", "car", "tree"]
    logits = np.array([6.0, 3.5, 2.5, 0.0, -1.0])
    x = np.arange(len(classes))
    width = 0.26
    for i, (t, colour, hatch) in enumerate([(1, BLUE, ""), (4, ORANGE, "//"), (10, GREEN, "..")]):
        z = logits / t
        p = np.exp(z - z.max())
        p /= p.sum()
        ax.bar(x + (i - 1) * width, p, width, color=colour, edgecolor=INK, hatch=hatch, label=f"$T = {t}$")
    ax.set_xticks(x, classes)
    ax.set_ylabel("teacher probability", fontsize=FONT)
    ax.set_ylim(0, 1)
    ax.set_xlabel("class (teacher logits 6, 3.5, 2.5, 0, −1)", fontsize=FONT)
    style_axes(ax, grid=True)
    ax.set_axisbelow(True)
    ax.legend(fontsize=FONT, frameon=False)


def moe_router(fig):
    """Top-2 routing: a router scores 8 experts for one token; the two best are run and mixed."""
    fig.set_size_inches(6, 5.0)
    ax = diagram_axes(fig, (0, 10), (0, 8.4))
    scores = np.array([0.05, 0.42, 0.08, 0.04, 0.03, 0.28, 0.06, 0.04])
    top = set(np.argsort(scores)[-2:])
    box(ax, (1.1, 7.7), "token $x$", width=1.8, height=0.8)
    box(ax, (5.0, 7.7), "router: softmax($xW_g$)", colour=SKY, width=3.8, height=0.8)
    arrow(ax, (2.05, 7.7), (3.05, 7.7))
    ax.text(5.0, 6.85, "router scores for 8 experts; the top 2 are run", ha="center", va="center",
            fontsize=FONT)
    xs = np.linspace(0.8, 9.2, 8)
    base = 4.4
    for i, (xi, s) in enumerate(zip(xs, scores)):
        chosen = i in top
        ax.add_patch(Rectangle((xi - 0.35, base), 0.7, s * 3.5, facecolor=ORANGE if chosen else PALE,
                               edgecolor=INK, linewidth=1.2))
        ax.text(xi, base + s * 3.5 + 0.15, f"{s:.2f}", ha="center", va="bottom", fontsize=FONT - 1)
        ax.add_patch(Rectangle((xi - 0.4, 2.6), 0.8, 1.0, facecolor=GREEN if chosen else PALE,
                               edgecolor=INK, linewidth=1.6 if chosen else 1.0, alpha=0.6 if chosen else 1.0))
        ax.text(xi, 3.1, f"$E_{i + 1}$", ha="center", va="center", fontsize=FONT,
                color=INK if chosen else GREY)
        if chosen:
            arrow(ax, (xi, base - 0.05), (xi, 3.65), colour=INK)
            arrow(ax, (xi, 2.55), (5.0, 1.45), colour=INK)
    box(ax, (5.0, 1.0), "$y = 0.6\\,E_2(x) + 0.4\\,E_6(x)$", colour=PALE, width=5.2, height=0.8)
    ax.text(5.0, 0.2, "gate weights: 0.42 and 0.28 renormalised to sum to 1", ha="center", va="center",
            fontsize=FONT - 1, color=GREY)


def reward_overoptimization(fig):
    """Schematic after Gao et al. (2023): the proxy reward keeps rising while the true reward peaks."""
    fig.set_size_inches(6, 4.2)
    ax = fig.subplots()
    d = np.linspace(0, 10, 201)
    proxy = d * (0.9 - 0.012 * d)
    gold = d * (0.9 - 0.09 * d)
    ax.axvspan(5, 10, color=PALE, zorder=0)
    ax.plot(d, proxy, color=BLUE, label="reward model score (proxy)")
    ax.plot(d, gold, color=VERMILLION, linestyle="--", label="true quality (human judgement)")
    ax.annotate("true quality peaks", xy=(5, 2.2), xytext=(1.2, 0.5), fontsize=FONT,
                arrowprops=dict(arrowstyle="->", color=INK, linewidth=1.5))
    ax.text(7.5, 3.4, "over-optimised:\nexploits RM errors", ha="center", fontsize=FONT)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 8.5)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("optimisation against the RM (KL from the SFT policy) →", fontsize=FONT)
    ax.set_ylabel("reward", fontsize=FONT)
    style_axes(ax)
    ax.legend(fontsize=FONT, frameon=False, loc="upper left")
