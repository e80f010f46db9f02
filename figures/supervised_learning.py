"""Figures for the Supervised Learning deck (cards/supervised-learning.md).

Every function draws on the matplotlib Figure it is given; no pyplot.
Colours and fonts come from mldeck.style, and the two classes are also told
apart by marker shape.
"""
import itertools

import numpy as np

from mldeck.style import BLUE, FONT, GREEN, GREY, INK, ORANGE, PURPLE, SKY, VERMILLION, style_axes


def _two_moons(n=120, noise=0.18, seed=0):
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, np.pi, n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    X = np.vstack([upper, lower]) + rng.normal(0, noise, (2 * n, 2))
    y = np.r_[np.zeros(n, int), np.ones(n, int)]
    return X, y


def _fit_logistic(X, y, lr=0.5, steps=3000):
    Xb = np.column_stack([np.ones(len(X)), X])
    w = np.zeros(Xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-Xb @ w))
        w -= lr * Xb.T @ (p - y) / len(y)
    return w


def _knn_grid(X, y, grid, k):
    d2 = ((grid[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    nearest = np.argpartition(d2, k, axis=1)[:, :k]
    return (y[nearest].mean(axis=1) > 0.5).astype(int)


def _hard_margin_svm_2d(X, y):
    """Exact hard-margin SVM in 2-D: try every 2- or 3-support-vector
    configuration and keep the feasible one with the widest margin."""
    cands = []
    pos, neg = np.where(y == 1)[0], np.where(y == -1)[0]
    for i in pos:
        for j in neg:
            w = X[i] - X[j]
            s = 2 / (w @ (X[i] - X[j]))
            cands.append((w * s, 1 - (w * s) @ X[i]))
    for a, c in itertools.combinations(range(len(X)), 2):
        if y[a] != y[c]:
            continue
        d = X[c] - X[a]
        w = np.array([-d[1], d[0]])
        for o in np.where(y != y[a])[0]:
            proj = y[a] * (w @ (X[a] - X[o]))
            if proj <= 0:
                w = -w
                proj = -proj
            s = 2 / proj
            cands.append((w * s, y[a] - (w * s) @ X[a]))
    best = None
    for w, b in cands:
        if np.all(y * (X @ w + b) >= 1 - 1e-9):
            if best is None or np.linalg.norm(w) < np.linalg.norm(best[0]) - 1e-12:
                best = (w, b)
    return best


SVM_X = np.array([[1.0, 1.5], [1.5, 3.0], [0.5, 3.2], [2.2, 0.6], [0.4, 0.5],
                  [3.5, 3.0], [4.2, 1.6], [4.5, 3.8], [3.2, 4.6], [5.0, 2.5]])
SVM_Y = np.array([-1] * 5 + [1] * 5)


def sigmoid_threshold(fig):
    """Sigmoid curve with the default 0.5 threshold and a stricter 0.8 one."""
    ax = fig.subplots()
    z = np.linspace(-6, 6, 400)
    ax.plot(z, 1 / (1 + np.exp(-z)), color=BLUE, lw=2.5,
            label=r"$\sigma(z) = 1/(1+e^{-z})$")
    ax.axhline(0.5, color=VERMILLION, ls="--", lw=2)
    ax.axvline(0, color=VERMILLION, ls="--", lw=2)
    ax.axhline(0.8, color=GREEN, ls=":", lw=2.2)
    ax.axvline(np.log(4), color=GREEN, ls=":", lw=2.2)
    ax.axvspan(0, 6, color=SKY, alpha=0.12)
    ax.text(3.4, 0.12, "threshold 0.5:\npredict 1 for z ≥ 0",
            color=VERMILLION, fontsize=FONT, ha="center")
    ax.text(-3.0, 0.86, "threshold 0.8:\nz ≥ ln 4 ≈ 1.39",
            color=GREEN, fontsize=FONT, ha="center")
    ax.set_xlim(-6, 6)
    ax.set_ylim(-0.02, 1.02)
    ax.set_yticks([0, 0.5, 0.8, 1])
    ax.set_xlabel(r"score (log-odds)  $z = w^\top x + b$")
    ax.set_ylabel(r"$P(y=1 \mid x)$")
    ax.legend(loc="center left", fontsize=FONT, frameon=False,
              bbox_to_anchor=(0.0, 0.58))
    style_axes(ax)


def decision_boundaries(fig):
    """Logistic regression (linear boundary) vs kNN (nonlinear) on two moons."""
    fig.set_size_inches(6.0, 6.6)
    X, y = _two_moons()
    w = _fit_logistic(X, y)
    xs = np.linspace(-1.6, 2.6, 220)
    ys = np.linspace(-1.2, 1.7, 160)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    logreg = (np.column_stack([np.ones(len(grid)), grid]) @ w > 0).astype(int)
    knn = _knn_grid(X, y, grid, k=15)
    axes = fig.subplots(2, 1, sharex=True)
    for ax, pred, name in ((axes[0], logreg, "logistic regression"),
                           (axes[1], knn, "kNN, k = 15")):
        ax.contourf(gx, gy, pred.reshape(gx.shape), levels=[-0.5, 0.5, 1.5],
                    colors=[SKY, ORANGE], alpha=0.25)
        ax.contour(gx, gy, pred.reshape(gx.shape), levels=[0.5],
                   colors=INK, linewidths=2.5)
        ax.scatter(*X[y == 0].T, s=24, color=BLUE, marker="o", label="class 0")
        ax.scatter(*X[y == 1].T, s=30, color=VERMILLION, marker="^",
                   label="class 1")
        ax.set_title(name, fontsize=FONT + 1)
        ax.set_ylabel(r"$x_2$")
        ax.set_xticks([-1, 0, 1, 2])
        ax.set_yticks([-1, 0, 1])
        style_axes(ax)
    axes[-1].set_xlabel(r"$x_1$")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=2, fontsize=FONT,
               frameon=False, markerscale=1.5)


def svm_max_margin(fig):
    """Maximum-margin separator, margin lines, circled support vectors."""
    fig.set_size_inches(6.0, 4.3)
    X, y = SVM_X, SVM_Y
    w, b = _hard_margin_svm_2d(X, y)
    ax = fig.subplots()
    x2 = np.linspace(-0.5, 6.5, 2)
    lines = ((0, "-", 2.5, "boundary\n" + r"$w^\top x + b = 0$"),
             (1, "--", 2, "margin edges\n" + r"$w^\top x + b = \pm 1$"),
             (-1, "--", 2, None))
    for level, style, lw, label in lines:
        # w0*x1 + w1*x2 + b = level  ->  x1 = (level - b - w1*x2) / w0
        ax.plot((level - b - w[1] * x2) / w[0], x2, color=INK, ls=style,
                lw=lw, label=label)
    ax.scatter(*X[y == -1].T, s=70, color=BLUE, marker="o", zorder=3,
               label="class −1")
    ax.scatter(*X[y == 1].T, s=80, color=VERMILLION, marker="^", zorder=3,
               label="class +1")
    sv = np.isclose(y * (X @ w + b), 1)
    ax.scatter(*X[sv].T, s=330, facecolors="none", edgecolors=GREEN, lw=2.2,
               zorder=4, label="support vectors")
    # margin arrow between the two dashed lines, perpendicular to them
    p0 = np.array([(-1 - b - w[1] * 5.2) / w[0], 5.2])
    p1 = p0 + 2 * w / (w @ w)
    ax.annotate("", xy=p1, xytext=p0,
                arrowprops=dict(arrowstyle="<->", color=PURPLE, lw=2))
    ax.text(p1[0] + 0.2, p1[1], "margin 2/‖w‖", fontsize=FONT,
            color=PURPLE, ha="left", va="center")
    ax.set_xlim(-0.2, 5.6)
    ax.set_ylim(-0.3, 6.0)
    ax.set_aspect("equal")
    ax.set_xlabel(r"$x_1$")
    ax.set_ylabel(r"$x_2$")
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=FONT,
              frameon=False, handlelength=1.8, labelspacing=1.0)
    style_axes(ax)


def kernel_lift(fig):
    """1-D points that no threshold separates become separable in (x, x^2)."""
    fig.set_size_inches(6.0, 5.6)
    outer = np.array([-3.0, -2.6, -2.2, 2.1, 2.5, 3.0])
    inner = np.array([-1.2, -0.7, -0.2, 0.3, 0.8, 1.3])
    axes = fig.subplots(2, 1, sharex=True, height_ratios=[1, 2.4])
    ax = axes[0]
    ax.axhline(0, color=GREY, lw=1.2)
    ax.scatter(outer, np.zeros_like(outer), s=80, color=VERMILLION,
               marker="^", zorder=3, label="class +1")
    ax.scatter(inner, np.zeros_like(inner), s=70, color=BLUE, marker="o",
               zorder=3, label="class −1")
    ax.set_yticks([])
    ax.set_ylim(-0.6, 1.3)
    ax.set_title("1-D input $x$", fontsize=FONT + 1)
    ax.text(0, 0.45, "no single threshold separates the classes",
            fontsize=FONT, ha="center")
    style_axes(ax)
    ax.spines["left"].set_visible(False)
    ax.tick_params(labelbottom=True)
    ax = axes[1]
    ax.scatter(outer, outer ** 2, s=80, color=VERMILLION, marker="^", zorder=3)
    ax.scatter(inner, inner ** 2, s=70, color=BLUE, marker="o", zorder=3)
    xs = np.linspace(-3.3, 3.3, 200)
    ax.plot(xs, xs ** 2, color=GREY, lw=1.5, ls=":")
    ax.axhline(3.0, color=GREEN, lw=2.5, ls="--")
    ax.text(0, 6.2, "linear separator\n" + r"$x^2 = 3$", fontsize=FONT,
            ha="center", color=GREEN)
    ax.set_title("lifted to $(x, x^2)$", fontsize=FONT + 1)
    ax.set_xlabel(r"$x$")
    ax.set_ylabel(r"$x^2$")
    ax.set_ylim(-0.5, 10.5)
    style_axes(ax)
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center",
               ncol=2, fontsize=FONT, frameon=False)


def impurity_curves(fig):
    """Entropy, Gini impurity and misclassification error of a binary node."""
    fig.set_size_inches(6.0, 4.4)
    ax = fig.subplots()
    p = np.linspace(1e-6, 1 - 1e-6, 400)
    entropy = -(p * np.log2(p) + (1 - p) * np.log2(1 - p))
    gini = 2 * p * (1 - p)
    error = 1 - np.maximum(p, 1 - p)
    ax.plot(p, entropy, color=BLUE, lw=2.5, label="entropy (bits)")
    ax.plot(p, gini, color=VERMILLION, lw=2.5, ls="--",
            label=r"Gini $= 2p(1-p)$")
    ax.plot(p, error, color=GREEN, lw=2.5, ls=":",
            label="misclassification error")
    ax.set_xlabel(r"fraction of class 1 in the node, $p$")
    ax.set_ylabel("impurity")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.05)
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=2,
               fontsize=FONT, frameon=False, handlelength=2.2)
    style_axes(ax)
