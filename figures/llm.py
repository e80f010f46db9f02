"""Figures for the LLM Foundations deck.

Each public function draws on the matplotlib Figure it is given (no pyplot).
"""
import numpy as np

from mldeck.style import BLUE, FONT, GREY, INK, ORANGE, VERMILLION, style_axes


def _softmax(z, temperature=1.0):
    z = np.asarray(z, dtype=float) / temperature
    e = np.exp(z - z.max())
    return e / e.sum()


def temperature_softmax(fig):
    """The same five logits turned into probabilities at temperatures 0.5, 1 and 2."""
    fig.set_size_inches(6, 6.6)
    logits = [3.0, 2.0, 1.5, 0.5, -1.0]
    tokens = ["the", "a", "one", "this", "zebra"]
    axes = fig.subplots(3, 1, sharex=True)
    for ax, temperature, colour in zip(axes, (0.5, 1.0, 2.0), (VERMILLION, BLUE, ORANGE)):
        p = _softmax(logits, temperature)
        bars = ax.bar(tokens, p, color=colour, edgecolor=INK, linewidth=0.8)
        for bar, value in zip(bars, p):
            ax.text(bar.get_x() + bar.get_width() / 2, value + 0.03, f"{value:.2f}", ha="center",
                    va="bottom", fontsize=FONT)
        ax.set_ylim(0, 1.12)
        ax.set_yticks([0, 0.5, 1])
        ax.set_ylabel("prob.")
        ax.set_title(f"T = {temperature:g}", loc="left", fontsize=FONT + 1)
        style_axes(ax)
    axes[-1].set_xlabel("token (logits 3, 2, 1.5, 0.5, −1)")


def top_p_cut(fig):
    """A sorted next-token distribution, its cumulative mass and the nucleus kept for p = 0.9."""
    fig.set_size_inches(6, 4.4)
    probs = np.array([0.42, 0.20, 0.12, 0.08, 0.06, 0.04, 0.03, 0.025, 0.015, 0.01])
    top_p = 0.9
    cumulative = np.cumsum(probs)
    kept = cumulative - probs < top_p
    ax = fig.subplots()
    ranks = np.arange(1, len(probs) + 1)
    ax.bar(ranks[kept], probs[kept], color=BLUE, edgecolor=INK, linewidth=0.8, label="kept, then renormalised")
    ax.bar(ranks[~kept], probs[~kept], color="#cccccc", edgecolor=INK, linewidth=0.8, label="cut")
    ax.step(ranks, cumulative, where="mid", color=ORANGE, linewidth=2.2, label="cumulative probability")
    ax.axhline(top_p, color=VERMILLION, linestyle="--", linewidth=1.8)
    ax.text(10.4, top_p - 0.06, "p = 0.9", color=VERMILLION, ha="right", va="top", fontsize=FONT)
    ax.set_xticks(ranks)
    ax.set_xlabel("token rank (most probable first)")
    ax.set_ylabel("probability")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="center right", frameon=False)
    style_axes(ax)


def kv_cache_memory(fig):
    """KV-cache size of one sequence against context length, 32 vs 8 KV heads, next to the fp16 weights."""
    fig.set_size_inches(6, 4.4)
    tokens = np.linspace(0, 32768, 200)
    per_token = {32: 2 * 32 * 32 * 128 * 2, 8: 2 * 32 * 8 * 128 * 2}  # bytes: 2 (K, V) x layers x heads x dim x fp16
    weights_gib = 6.74e9 * 2 / 2**30
    ax = fig.subplots()
    ax.plot(tokens / 1000, tokens * per_token[32] / 2**30, color=VERMILLION, label="MHA: 32 KV heads")
    ax.plot(tokens / 1000, tokens * per_token[8] / 2**30, color=BLUE, label="GQA: 8 KV heads")
    ax.axhline(weights_gib, color=GREY, linestyle="--", linewidth=1.8)
    ax.text(32.5, weights_gib - 0.5, "fp16 weights\n(6.7B params)", color=GREY, fontsize=FONT, va="top", ha="right")
    crossing = weights_gib * 2**30 / per_token[32] / 1000
    ax.plot([crossing], [weights_gib], "o", color=INK, markersize=7)
    ax.annotate(f"≈ {crossing:.1f}k tokens", (crossing, weights_gib), xytext=(crossing - 3, weights_gib + 2.8),
                fontsize=FONT, ha="right", arrowprops=dict(arrowstyle="-", color=INK))
    ax.set_xlabel("context length (thousands of tokens)")
    ax.set_ylabel("KV cache (GiB)")
    ax.set_xlim(0, 33)
    ax.set_ylim(0, 17.5)
    ax.set_xticks([0, 4, 8, 16, 24, 32])
    ax.legend(loc="upper left", frameon=False)
    style_axes(ax, grid=True)


def compute_optimal(fig):
    """Parameters against training compute: the 20-tokens-per-parameter line and four well-known models."""
    fig.set_size_inches(6, 4.8)
    ax = fig.subplots()
    compute = np.logspace(21, 25, 50)
    ax.loglog(compute, np.sqrt(compute / 120), color=INK, linewidth=2.2, label="compute-optimal (D = 20 N)")
    models = [
        ("GPT-3", 3.14e23, 175e9, VERMILLION, (0.35, 0.0)),
        ("Gopher", 5.76e23, 280e9, VERMILLION, (0.15, 0.12)),
        ("Chinchilla", 5.76e23, 70e9, BLUE, (0.18, -0.18)),
        ("Llama 2 7B", 6 * 6.74e9 * 2e12, 6.74e9, ORANGE, (0.2, -0.1)),
    ]
    for name, c, n, colour, (dx, dy) in models:
        ax.plot([c], [n], "o", color=colour, markersize=9, markeredgecolor=INK)
        ax.text(c * 10 ** dx, n * 10 ** dy, name, color=colour, fontsize=FONT, va="center")
    ax.text(1.5e21, 1.2e11, "above the line: too big\nfor its compute, undertrained", fontsize=FONT, color=GREY,
            va="center")
    ax.text(1.5e21, 1.6e9, "below the line: smaller, trained longer", fontsize=FONT, color=GREY, va="center")
    ax.set_xlabel("training compute C (FLOPs)")
    ax.set_ylabel("parameters N")
    ax.set_xlim(1e21, 1e25)
    ax.set_ylim(1e9, 2e12)
    ax.legend(loc="upper left", frameon=False)
    style_axes(ax, grid=True)


def rope_rotation(fig):
    """RoPE on one 2-D pair: q rotated by m*theta, k by n*theta; two position pairs with the same offset."""
    fig.set_size_inches(6, 4.9)
    ax = fig.subplots()
    theta = np.deg2rad(20)
    circle = np.linspace(0, 2 * np.pi, 200)
    ax.plot(np.cos(circle), np.sin(circle), color="#cccccc", linewidth=1.2)
    pairs = [(3, 1, BLUE), (10, 8, ORANGE)]
    for m, n, colour in pairs:
        for pos, style, label in ((m, "-", f"q at m = {m}"), (n, "--", f"k at n = {n}")):
            angle = pos * theta
            ax.annotate("", xy=(np.cos(angle), np.sin(angle)), xytext=(0, 0),
                        arrowprops=dict(arrowstyle="-|>", color=colour, linewidth=2.4, linestyle=style,
                                        mutation_scale=18))
            ax.text(1.3 * np.cos(angle), 1.2 * np.sin(angle), label, color=colour, fontsize=FONT,
                    ha="center", va="center")
        arc = np.linspace(n * theta, m * theta, 30)
        ax.plot(0.45 * np.cos(arc), 0.45 * np.sin(arc), color=colour, linewidth=2)
        mid = (m + n) / 2 * theta
        ax.text(0.6 * np.cos(mid), 0.6 * np.sin(mid), "40°", color=colour, fontsize=FONT, ha="center", va="center")
    ax.plot([0], [0], "o", color=INK, markersize=4)
    ax.set_aspect("equal")
    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(-1.02, 1.28)
    ax.axis("off")
    ax.set_title("θ = 20° per position; q and k both start at (1, 0)", fontsize=FONT)
