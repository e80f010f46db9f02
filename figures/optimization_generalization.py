"""Figures for the Optimization & Losses, Bias-Variance & Regularization and
Reinforcement Learning decks (cards/optimization.md, cards/generalization.md,
cards/reinforcement-learning.md).

Every function draws on the matplotlib Figure it is given; no pyplot.
Colours and fonts come from mldeck.style, and curves that share a panel also
differ in line style or marker.
"""
import numpy as np
from matplotlib.layout_engine import ConstrainedLayoutEngine
from numpy.polynomial import Polynomial

from mldeck.style import BLUE, FONT, GREEN, GREY, INK, ORANGE, VERMILLION, style_axes

# --------------------------------------------------------------------------
# Regularisation geometry
# --------------------------------------------------------------------------

_W_HAT = np.array([1.6, 1.1])                 # unconstrained least-squares optimum
_A = np.array([[1.0, 0.45], [0.45, 0.7]])     # loss (w - w_hat)^T A (w - w_hat)


def _quad_loss(w1, w2):
    d1, d2 = w1 - _W_HAT[0], w2 - _W_HAT[1]
    return _A[0, 0] * d1 ** 2 + 2 * _A[0, 1] * d1 * d2 + _A[1, 1] * d2 ** 2


def _constrained_optimum(boundary):
    """Minimise the quadratic loss over a densely sampled constraint boundary."""
    losses = _quad_loss(boundary[:, 0], boundary[:, 1])
    i = int(np.argmin(losses))
    return boundary[i], losses[i]


def _l1_boundary(t=1.0, n=40001):
    s = np.linspace(0, 4, n, endpoint=False)
    pts = []
    corners = np.array([[t, 0], [0, t], [-t, 0], [0, -t], [t, 0]])
    for k in range(4):
        seg = s[(s >= k) & (s < k + 1)] - k
        pts.append(corners[k] + seg[:, None] * (corners[k + 1] - corners[k]))
    return np.vstack(pts)


def _l2_boundary(t=1.0, n=40001):
    a = np.linspace(0, 2 * np.pi, n)
    return t * np.column_stack([np.cos(a), np.sin(a)])


def l1_l2_constraint_geometry(fig):
    """Loss contours first touch the L1 diamond at a corner (w2 = 0) but the L2 disc off the axes."""
    fig.set_size_inches(6.0, 3.9)
    axes = fig.subplots(1, 2, sharey=True)
    g = np.linspace(-1.7, 2.6, 400)
    W1, W2 = np.meshgrid(g, g)
    L = _quad_loss(W1, W2)
    panels = [
        (axes[0], _l1_boundary(), "L1: $|w_1|+|w_2| \\leq 1$", BLUE),
        (axes[1], _l2_boundary(), "L2: $w_1^2+w_2^2 \\leq 1$", GREEN),
    ]
    for ax, boundary, label, colour in panels:
        w_opt, l_opt = _constrained_optimum(boundary)
        ax.fill(boundary[:, 0], boundary[:, 1], color=colour, alpha=0.25, lw=0)
        ax.plot(boundary[:, 0], boundary[:, 1], color=colour, lw=2.5)
        levels = [l_opt * f for f in (0.15, 0.45)]
        ax.contour(W1, W2, L, levels=levels, colors=GREY, linewidths=1.2, linestyles="dotted")
        ax.contour(W1, W2, L, levels=[l_opt], colors=VERMILLION, linewidths=2.5)
        ax.plot(*_W_HAT, marker="+", ms=14, mew=2.5, color=INK, ls="none",
                label="unregularised optimum")
        ax.plot(*w_opt, marker="o", ms=9, color=INK, zorder=5, ls="none",
                label="constrained solution")
        ax.annotate(f"({w_opt[0]:.2f}, {w_opt[1]:.2f})", w_opt,
                    xytext=(0.15, -1.55), fontsize=FONT, ha="left", va="bottom",
                    arrowprops=dict(arrowstyle="->", color=INK, lw=1.2))
        ax.axhline(0, color=INK, lw=0.8)
        ax.axvline(0, color=INK, lw=0.8)
        ax.set_xlim(-1.7, 2.6)
        ax.set_ylim(-1.7, 2.6)
        ax.set_xticks([-1, 0, 1, 2])
        ax.set_yticks([-1, 0, 1, 2])
        ax.set_aspect("equal")
        ax.set_xlabel("$w_1$", fontsize=FONT + 1)
        ax.set_title(label, fontsize=FONT + 1)
        style_axes(ax)
    axes[0].set_ylabel("$w_2$", fontsize=FONT + 1)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=FONT, loc="outside lower center", ncol=2,
               frameon=False, handletextpad=0.3, columnspacing=1.2)


# --------------------------------------------------------------------------
# Gradient descent
# --------------------------------------------------------------------------

_CURV = np.array([1.0, 10.0])     # f(x, y) = (x^2 + 10 y^2) / 2, condition number 10


def _gd_path(eta, start=(-4.5, 1.0), steps=20):
    p = np.array(start, dtype=float)
    path = [p.copy()]
    for _ in range(steps):
        p = p - eta * _CURV * p
        path.append(p.copy())
    return np.array(path)


def gd_learning_rates(fig):
    """Gradient descent on an elongated quadratic with a too-small, a good and a too-large step."""
    fig.set_size_inches(6.0, 6.2)
    axes = fig.subplots(3, 1, sharex=True)
    gx = np.linspace(-5, 5, 300)
    gy = np.linspace(-2.2, 2.2, 200)
    X, Y = np.meshgrid(gx, gy)
    F = 0.5 * (_CURV[0] * X ** 2 + _CURV[1] * Y ** 2)
    runs = [(0.02, 20, "$\\eta = 0.02$: too small", BLUE),
            (0.15, 20, "$\\eta = 0.15$: good", GREEN),
            (0.21, 9, "$\\eta = 0.21$: too large", VERMILLION)]
    for ax, (eta, steps, label, colour) in zip(axes, runs):
        ax.contour(X, Y, F, levels=[0.5, 2, 5, 10, 16], colors=GREY, linewidths=1)
        path = _gd_path(eta, steps=steps)
        ax.plot(path[:, 0], path[:, 1], "-o", color=colour, ms=5, lw=2)
        ax.plot(*path[0], "s", color=INK, ms=9)
        ax.plot(0, 0, "*", color=INK, ms=16)
        ax.set_xlim(-5, 5)
        ax.set_ylim(-2.2, 2.2)
        ax.set_xticks([-4, 0, 4])
        ax.set_yticks([-2, 0, 2])
        ax.set_title(label, fontsize=FONT + 1)
        ax.set_ylabel("$\\theta_2$", fontsize=FONT + 1)
        style_axes(ax)
    axes[-1].set_xlabel("$\\theta_1$", fontsize=FONT + 1)


# --------------------------------------------------------------------------
# Under- and overfitting
# --------------------------------------------------------------------------

def _true_curve(x):
    return np.sin(2 * np.pi * x)


def polynomial_fits(fig):
    """Degree 1, 4 and 15 polynomials fitted to the same 20 noisy points of a sine."""
    fig.set_size_inches(6.0, 6.6)
    rng = np.random.default_rng(3)
    x = np.sort(rng.uniform(0, 1, 20))
    y = _true_curve(x) + rng.normal(0, 0.25, x.size)
    grid = np.linspace(0, 1, 400)
    axes = fig.subplots(3, 1, sharex=True, sharey=True)
    runs = [(1, "degree 1: underfits", BLUE),
            (4, "degree 4: good fit", GREEN),
            (15, "degree 15: overfits", VERMILLION)]
    for ax, (deg, label, colour) in zip(axes, runs):
        p = Polynomial.fit(x, y, deg)
        ax.plot(grid, _true_curve(grid), "--", color=GREY, lw=2, label="true function")
        ax.plot(grid, p(grid), color=colour, lw=2.5, label="fitted model")
        ax.plot(x, y, "o", color=INK, ms=6, label="training data")
        ax.set_ylim(-1.8, 1.8)
        ax.set_yticks([-1, 0, 1])
        ax.set_xticks([0, 0.5, 1])
        ax.set_xticklabels(["0", "0.5", "1"])
        ax.set_title(label, fontsize=FONT + 1)
        ax.set_ylabel("$y$", fontsize=FONT + 1)
        style_axes(ax)
    axes[-1].set_xlabel("$x$", fontsize=FONT + 1)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=FONT, loc="outside lower center", ncol=3, frameon=False,
               handlelength=1.6, handletextpad=0.4, columnspacing=1.0)


def bias_variance_tradeoff(fig):
    """Exact bias^2, variance and expected error of Gaussian-basis ridge regression vs its
    effective degrees of freedom (fixed design, 40 points)."""
    n, sigma = 40, 0.5
    x = np.linspace(0, 1, n)
    f = np.sin(2 * np.pi * x) + 0.5 * np.sin(6 * np.pi * x)
    centres = np.linspace(0, 1, 40)
    X = np.exp(-(x[:, None] - centres[None]) ** 2 / (2 * 0.05 ** 2))
    df, bias2, var = [], [], []
    for lam in np.logspace(3, -6, 60):
        S = X @ np.linalg.solve(X.T @ X + lam * np.eye(len(centres)), X.T)
        df.append(np.trace(S))
        bias2.append(np.mean(((S - np.eye(n)) @ f) ** 2))
        var.append(sigma ** 2 * np.sum(S * S) / n)
    df, bias2, var = map(np.array, (df, bias2, var))
    total = bias2 + var + sigma ** 2
    ax = fig.subplots()
    ax.plot(df, bias2, color=BLUE, lw=2.2, label="bias$^2$")
    ax.plot(df, var, "--", color=ORANGE, lw=2.2, label="variance")
    ax.axhline(sigma ** 2, color=GREY, ls=":", lw=2, label="noise $\\sigma^2$")
    ax.plot(df, total, color=VERMILLION, lw=2.8, label="expected test error")
    i = int(np.argmin(total))
    ax.plot(df[i], total[i], "o", color=INK, ms=7)
    ax.annotate("best trade-off", (df[i], total[i]), xytext=(df[i] + 3, total[i] + 0.22),
                fontsize=FONT, arrowprops=dict(arrowstyle="->", color=INK, lw=1))
    ax.text(1.0, 0.02, "underfitting\n(high bias)", fontsize=FONT, color=GREY,
            transform=ax.get_xaxis_transform(), va="bottom")
    ax.text(0.98, 0.02, "overfitting\n(high variance)", fontsize=FONT, color=GREY,
            transform=ax.transAxes, va="bottom", ha="right")
    ax.set_xlim(0, df.max())
    ax.set_ylim(0, 0.9)
    ax.set_xlabel("model complexity (effective degrees of freedom)")
    ax.set_ylabel("squared error")
    ax.legend(fontsize=FONT, frameon=False, loc="upper right")
    style_axes(ax)


# --------------------------------------------------------------------------
# Learning curves (schematic shapes)
# --------------------------------------------------------------------------

_N = np.linspace(10, 500, 200)


def _high_bias_curves():
    plateau = 0.30
    train = plateau - 0.16 * np.exp(-_N / 60)
    val = plateau + 0.45 * np.exp(-_N / 45) + 0.03 * np.exp(-_N / 300)
    return train, val


def _high_variance_curves():
    train = 0.02 + 0.05 * (1 - np.exp(-_N / 250))
    val = 0.11 + 0.55 * (10 / _N) ** 0.55
    return train, val


def _draw_learning_curves(ax, train, val, target=0.12, legend=True):
    ax.plot(_N, train, color=BLUE, lw=2.4, label="training error")
    ax.plot(_N, val, "--", color=VERMILLION, lw=2.4, label="validation error")
    ax.axhline(target, color=GREY, ls=":", lw=2, label="desired error")
    ax.set_ylim(0, 0.6)
    ax.set_xlim(0, 500)
    ax.set_xticks([0, 250, 500])
    ax.set_xlabel("training-set size $n$")
    ax.set_ylabel("error")
    if legend:
        ax.legend(fontsize=FONT, frameon=False, loc="upper right")
    style_axes(ax)


def learning_curves(fig):
    """Schematic learning curves: high bias (both errors plateau high, small gap) vs
    high variance (low training error, large gap that shrinks with more data)."""
    fig.set_size_inches(6.0, 3.8)
    axes = fig.subplots(1, 2, sharey=True)
    _draw_learning_curves(axes[0], *_high_bias_curves(), legend=False)
    axes[0].set_title("high bias", fontsize=FONT + 1)
    _draw_learning_curves(axes[1], *_high_variance_curves(), legend=False)
    axes[1].set_title("high variance", fontsize=FONT + 1)
    axes[1].set_ylabel("")
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(wspace=0.08)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=FONT, loc="outside lower center", ncol=3, frameon=False,
               handlelength=1.6, handletextpad=0.4, columnspacing=1.0)


def learning_curve_unlabelled(fig):
    """One schematic learning curve with no diagnosis written on it (high variance)."""
    fig.set_size_inches(5.4, 3.6)
    ax = fig.subplots()
    _draw_learning_curves(ax, *_high_variance_curves())


# --------------------------------------------------------------------------
# Classification losses
# --------------------------------------------------------------------------

def losses_vs_margin(fig):
    """0-1, hinge and logistic (base 2) losses as functions of the margin y f(x)."""
    m = np.linspace(-2.5, 3, 600)
    ax = fig.subplots()
    zero_one = (m <= 0).astype(float)
    ax.plot(m[m <= 0], zero_one[m <= 0], color=INK, lw=2.4, label="0-1")
    ax.plot(m[m > 0], zero_one[m > 0], color=INK, lw=2.4)
    ax.plot([0, 0], [0, 1], color=INK, lw=1, ls=":")
    ax.plot(m, np.maximum(0, 1 - m), "--", color=BLUE, lw=2.4, label="hinge $\\max(0, 1-m)$")
    ax.plot(m, np.log1p(np.exp(-m)) / np.log(2), color=ORANGE, lw=2.4,
            label="logistic $\\log_2(1+e^{-m})$")
    ax.annotate("hinge is exactly 0\nfor $m \\geq 1$", (1.0, 0.0), xytext=(1.35, 1.3),
                fontsize=FONT, arrowprops=dict(arrowstyle="->", color=INK, lw=1))
    ax.set_xlim(-2.5, 3)
    ax.set_ylim(-0.05, 3.6)
    ax.set_xlabel("margin $m = y\\,f(x)$ (labels $y \\in \\{-1,+1\\}$)")
    ax.set_ylabel("loss")
    ax.legend(fontsize=FONT, frameon=False, loc="upper right")
    style_axes(ax)
