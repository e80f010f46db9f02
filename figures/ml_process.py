"""Figures for the ML Project Routine deck (cards/ml-process.md)."""
import math

import numpy as np

from mldeck.style import BLUE, FONT, GREEN, GREY, INK, ORANGE, VERMILLION, style_axes

# Candidate models scored on two objectives to minimise (same points as the
# card proc-pareto-code): (latency in ms, error rate in %).
PARETO_POINTS = [(1, 9), (2, 7), (3, 8), (4, 4), (6, 3), (7, 5), (9, 1)]


def _pareto_mask(points):
    pts = np.asarray(points, float)
    keep = []
    for p in pts:
        dominated = np.any(np.all(pts <= p, axis=1) & np.any(pts < p, axis=1))
        keep.append(not dominated)
    return np.array(keep)


def pareto_frontier(fig):
    """Seven candidate models on latency vs error; the Pareto-optimal ones joined by a staircase."""
    fig.set_size_inches(6, 4.4)
    ax = fig.subplots()
    pts = np.asarray(PARETO_POINTS, float)
    mask = _pareto_mask(pts)
    front = pts[mask]
    front = front[np.argsort(front[:, 0])]

    # staircase boundary of the region dominated by the frontier
    xs, ys = [front[0, 0]], [10.5]
    for (x, y) in front:
        xs += [x, x]
        ys += [ys[-1], y]
    xs.append(10.5)
    ys.append(ys[-1])
    ax.fill_between(xs, ys, 10.5, color=BLUE, alpha=0.08, step=None)
    ax.plot(xs, ys, color=BLUE, lw=2, ls="--", label="Pareto frontier")

    ax.scatter(front[:, 0], front[:, 1], s=110, color=BLUE, zorder=3,
               label="Pareto optimal")
    dom = pts[~mask]
    ax.scatter(dom[:, 0], dom[:, 1], s=110, facecolors="white",
               edgecolors=VERMILLION, linewidths=2.5, marker="s", zorder=3,
               label="dominated")

    ax.annotate("dominated\nby (2, 7)", xy=(3, 8), xytext=(4.2, 8.4),
                fontsize=FONT, va="center",
                arrowprops=dict(arrowstyle="->", color=INK, lw=1.5))
    ax.annotate("", xy=(0.5, 0.5), xytext=(2.2, 2.2),
                arrowprops=dict(arrowstyle="->", color=GREEN, lw=2.5))
    ax.text(2.4, 2.1, "better on\nboth", color=GREEN, fontsize=FONT)

    ax.set_xlim(0, 10.5)
    ax.set_ylim(0, 10.5)
    ax.set_xticks(range(0, 11, 2))
    ax.set_yticks(range(0, 11, 2))
    ax.set_xlabel("objective 1: latency (ms)")
    ax.set_ylabel("objective 2: error rate (%)")
    fig.legend(*ax.get_legend_handles_labels(), fontsize=FONT, loc="outside lower center",
               ncols=3, frameon=False, handletextpad=0.3, columnspacing=1.0)
    style_axes(ax, grid=True)


def _phi(z):
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def precision_recall_threshold(fig):
    """PR curve of a binormal classifier; dots mark thresholds, the recall-0.9 operating point is starred."""
    fig.set_size_inches(6, 5.4)
    ax = fig.subplots()
    mu_pos, mu_neg, prior = 1.5, 0.0, 0.3  # score ~ N(mu, 1); 30 % positives

    def pr_at(t):
        tpr = 1.0 - _phi(t - mu_pos)
        fpr = 1.0 - _phi(t - mu_neg)
        prec = prior * tpr / (prior * tpr + (1 - prior) * fpr)
        return tpr, prec

    ts = np.linspace(-3.0, 5.0, 400)
    rec, prec = np.array([pr_at(t) for t in ts]).T
    ax.plot(rec, prec, color=BLUE, lw=2.5, label="PR curve (all thresholds)")

    offsets = {0.0: (-0.15, -0.08), 1.0: (0.02, 0.05), 2.0: (0.02, 0.05),
               3.0: (0.03, 0.02)}
    for t, (dx, dy) in offsets.items():
        r, p = pr_at(t)
        ax.scatter([r], [p], color=ORANGE, s=80, zorder=3)
        ax.text(r + dx, p + dy, f"t = {t:.0f}", fontsize=FONT)
    ax.annotate("raise threshold t", xy=(0.22, 0.58), xytext=(0.5, 0.58),
                fontsize=FONT, va="center",
                arrowprops=dict(arrowstyle="->", color=INK, lw=1.5))

    # precision at recall 0.9: the highest threshold that still gives recall >= 0.9
    t90 = mu_pos - 1.2815515655446004  # z_{0.9}
    r90, p90 = pr_at(t90)
    ax.axvline(0.9, color=VERMILLION, ls="--", lw=2, label="recall = 0.9")
    ax.axvspan(0.9, 1.0, color=VERMILLION, alpha=0.08)
    ax.scatter([r90], [p90], marker="*", s=320, color=VERMILLION, zorder=4,
               label=f"chosen: precision {p90:.2f}")
    ax.axhline(prior, color=GREY, ls=":", lw=2, label="base rate 0.30")

    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    fig.legend(*ax.get_legend_handles_labels(), fontsize=FONT, loc="outside lower center",
               ncols=2, frameon=False, handletextpad=0.4, columnspacing=1.2)
    style_axes(ax, grid=True)
