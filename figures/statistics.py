"""Figures for the Statistics deck (cards/statistics.md)."""
import math

import numpy as np

from mldeck.style import BLUE, FONT, GREEN, GREY, ORANGE, VERMILLION, style_axes


def min_distance_cdf(fig):
    """CDF 1 - (1 - r^d)^n of the distance from the origin to the nearest of n uniform points in the unit d-ball."""
    fig.set_size_inches(6.0, 4.3)
    ax = fig.subplots()
    r = np.linspace(0, 1, 401)
    cases = [(100, 2, BLUE, "-"), (100, 10, ORANGE, "-"), (100, 50, GREEN, "-"), (10000, 50, VERMILLION, "--")]
    for n, d, colour, style in cases:
        cdf = 1 - (1 - r**d) ** n
        ax.plot(r, cdf, color=colour, linestyle=style, linewidth=2.2, label=f"n = {n}, d = {d}")
        median = (1 - 2 ** (-1 / n)) ** (1 / d)
        ax.plot([median], [0.5], "o", color=colour, markersize=8)
    ax.axhline(0.5, color=GREY, linewidth=1.2, linestyle=":")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("distance r from the origin")
    ax.set_ylabel("P(nearest distance ≤ r)")
    fig.legend(*ax.get_legend_handles_labels(), fontsize=FONT, frameon=False, loc="outside lower center", ncol=2,
               handlelength=1.8, columnspacing=1.5)
    style_axes(ax)


def _binomial_pmf(n, p):
    k = np.arange(n + 1)
    log_comb = np.array([math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) for i in k])
    with np.errstate(divide="ignore"):
        return np.exp(log_comb + k * np.log(p) + (n - k) * np.log1p(-p))


def _wald(k, n, z=1.959964):
    p = k / n
    half = z * np.sqrt(p * (1 - p) / n)
    return p - half, p + half


def _wilson(k, n, z=1.959964):
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def binomial_ci_coverage(fig):
    """Exact coverage of nominal 95% Wald and Wilson intervals for a binomial proportion, n = 50."""
    ax = fig.subplots()
    n = 50
    k = np.arange(n + 1)
    ps = np.linspace(0.005, 0.995, 397)
    for method, colour, label in ((_wald, VERMILLION, "Wald"), (_wilson, BLUE, "Wilson")):
        low, high = method(k, n)
        coverage = [float(np.sum(_binomial_pmf(n, p)[(low <= p) & (p <= high)])) for p in ps]
        ax.plot(ps, coverage, color=colour, linewidth=2, label=label)
    ax.axhline(0.95, color=GREY, linewidth=2, linestyle="--", label="nominal 95%")
    ax.set_xlim(0, 1)
    ax.set_ylim(0.5, 1.0)
    ax.set_xlabel("true accuracy p")
    ax.set_ylabel("actual coverage (n = 50)")
    ax.legend(fontsize=FONT, frameon=False, loc="lower center")
    style_axes(ax)


def count_distribution_shapes(fig):
    """Binomial(30, 0.2) and Poisson(6) probability mass functions with the matching normal density."""
    fig.set_size_inches(6.0, 4.3)
    ax = fig.subplots()
    k = np.arange(0, 17)
    binom = _binomial_pmf(30, 0.2)[: len(k)]
    poisson = np.array([math.exp(-6) * 6**i / math.factorial(i) for i in k])
    ax.bar(k - 0.2, binom, width=0.4, color=BLUE, label="Binomial(n = 30, p = 0.2)")
    ax.bar(k + 0.2, poisson, width=0.4, color=ORANGE, label="Poisson(λ = 6)")
    x = np.linspace(0, 16, 400)
    ax.plot(x, np.exp(-((x - 6) ** 2) / (2 * 6)) / math.sqrt(2 * math.pi * 6), color=GREEN, linewidth=2.2,
            label="Normal(μ = 6, σ² = 6)")
    ax.set_xticks(range(0, 17, 2))
    ax.set_xlabel("count k")
    ax.set_ylabel("probability")
    handles, labels = ax.get_legend_handles_labels()
    order = [1, 2, 0]  # the two bar series in the left column, the normal curve on the right
    fig.legend([handles[i] for i in order], [labels[i] for i in order], fontsize=FONT, frameon=False,
               loc="outside lower center", ncol=2, columnspacing=1.5)
    style_axes(ax)
