"""Figures for the Experimentation & Causal Inference deck (cards/experimentation.md)."""
import math
from statistics import NormalDist

import numpy as np

from mldeck.style import BLUE, FONT, GREEN, GREY, INK, ORANGE, VERMILLION, style_axes

_Z = NormalDist().inv_cdf(0.975)
_PHI = np.vectorize(lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2))))


def _power(n, p, delta):
    """Power of a two-sided two-proportion z-test at alpha = 0.05 with n users per arm."""
    se = np.sqrt((p * (1 - p) + (p + delta) * (1 - p - delta)) / n)
    return _PHI(delta / se - _Z) + _PHI(-delta / se - _Z)


def _n_at_power(target, p, delta):
    """Users per arm at which _power reaches target (bisection on a log scale)."""
    lo, hi = 10.0, 1e7
    for _ in range(100):
        mid = math.sqrt(lo * hi)
        lo, hi = (mid, hi) if _power(mid, p, delta) < target else (lo, mid)
    return hi


def power_vs_sample_size(fig):
    """Power against users per arm (log scale) for absolute lifts of 2, 1 and 0.5 points on a 10% baseline."""
    fig.set_size_inches(6.0, 4.4)
    ax = fig.subplots()
    n = np.logspace(np.log10(500), np.log10(300_000), 500)
    for delta, colour in ((0.02, GREEN), (0.01, BLUE), (0.005, VERMILLION)):
        power = _power(n, 0.10, delta)
        ax.plot(n, power, color=colour, label=f"+{delta * 100:g} pp (10% → {10 + delta * 100:g}%)")
        n80 = _n_at_power(0.8, 0.10, delta)
        ax.plot([n80], [0.8], "o", color=colour, markersize=8)
        ax.annotate(f"{n80:,.0f}", (n80, 0.8), xytext=(n80 * 1.08, 0.62), fontsize=FONT, color=colour,
                    ha="left")
    ax.axhline(0.8, color=GREY, linewidth=1.2, linestyle="--")
    ax.set_xscale("log")
    ax.set_xlim(500, 300_000)
    ax.set_xticks([1_000, 10_000, 100_000])
    ax.set_xticklabels(["1,000", "10,000", "100,000"])
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("users per arm (log scale)")
    ax.set_ylabel("power (α = 0.05, two-sided)")
    ax.legend(loc="lower right", frameon=True, framealpha=1, edgecolor="white", fontsize=FONT - 1)
    style_axes(ax, grid=True)


def peeking_false_positives(fig):
    """Simulated false-positive rate of a fixed-horizon z-test checked at K equally spaced looks, stopping at the
    first |z| > 1.96, when there is no effect."""
    fig.set_size_inches(6.0, 4.0)
    ax = fig.subplots()
    rng = np.random.default_rng(2026)
    runs, steps = 100_000, 100
    paths = np.cumsum(rng.standard_normal((runs, steps)), axis=1)  # running sums of equal batches
    looks = np.array([1, 2, 4, 5, 10, 20, 25, 50, 100])
    rates = []
    for k in looks:
        at = np.arange(1, k + 1) * (steps // k)  # batch counts at the k looks
        z = paths[:, at - 1] / np.sqrt(at)
        rates.append(np.mean((np.abs(z) > _Z).any(axis=1)))
    ax.plot(looks, rates, "o-", color=VERMILLION, markersize=7, label="stop at first p < 0.05")
    ax.axhline(0.05, color=INK, linewidth=1.5, linestyle="--", label="nominal α = 0.05")
    for k, rate in zip(looks, rates):
        if k in (5, 10, 100):
            ax.annotate(f"{rate:.0%}", (k, rate), xytext=(0, 10), textcoords="offset points", ha="center",
                        fontsize=FONT, color=VERMILLION)
    ax.set_xscale("log")
    ax.set_xticks([1, 2, 5, 10, 20, 50, 100])
    ax.set_xticklabels(["1", "2", "5", "10", "20", "50", "100"])
    ax.set_ylim(0, 0.45)
    ax.set_xlabel("number of looks at the data")
    ax.set_ylabel("false-positive rate")
    ax.legend(loc="upper left", frameon=False)
    style_axes(ax, grid=True)


def did_counterfactual(fig):
    """Two-period difference-in-differences: treated and control means, and the treated group's counterfactual
    path parallel to the control's."""
    fig.set_size_inches(6.0, 4.4)
    ax = fig.subplots()
    x = [0, 1]
    ax.plot(x, [10, 13], "o-", color=BLUE, markersize=8, label="Germany (launched)")
    ax.plot(x, [8, 9], "o-", color=ORANGE, markersize=8, label="France (no launch)")
    ax.plot(x, [10, 11], "o--", color=BLUE, markersize=8, markerfacecolor="white",
            label="Germany without launch (assumed)")
    ax.annotate("", xy=(1.04, 13), xytext=(1.04, 11),
                arrowprops={"arrowstyle": "<->", "color": INK, "linewidth": 1.6})
    ax.text(1.07, 12, "effect\n13 − 11 = 2", va="center", ha="left", fontsize=FONT)
    ax.text(0.5, 7.75, "France: +1", color=ORANGE, ha="center", fontsize=FONT)
    ax.text(0.5, 10.85, "same +1", color=BLUE, ha="center", fontsize=FONT, rotation=0)
    ax.set_xlim(-0.15, 1.45)
    ax.set_ylim(7, 14)
    ax.set_xticks(x)
    ax.set_xticklabels(["before launch", "after launch"])
    ax.set_ylabel("orders per user per month")
    ax.legend(loc="upper left", frameon=False, fontsize=FONT - 1)
    style_axes(ax)
