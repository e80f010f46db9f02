"""Figures for the Trees & Ensembles and Data & Features decks."""
import numpy as np

from mldeck.style import BLUE, FONT, GREEN, GREY, INK, ORANGE, VERMILLION, style_axes


def averaged_ensemble_variance(fig):
    """Variance of an average of B correlated predictors, rho*s^2 + (1-rho)*s^2/B."""
    ax = fig.subplots()
    B = np.arange(1, 51)
    for rho, colour, style in [(0.0, BLUE, "-"), (0.2, GREEN, "--"),
                               (0.5, ORANGE, "-."), (0.8, VERMILLION, ":")]:
        ax.plot(B, rho + (1 - rho) / B, color=colour, linestyle=style, lw=2.5)
        if rho > 0:
            ax.axhline(rho, color=colour, lw=2, alpha=0.4)
        ax.text(51, rho + (1 - rho) / 50 + 0.02, rf"$\rho$ = {rho}", color=colour,
                fontsize=FONT, va="bottom")
    ax.set_xlabel("number of averaged models $B$")
    ax.set_ylabel(r"variance of the average / $\sigma^2$")
    ax.set_ylim(0, 1.05)
    ax.set_xlim(1, 60)
    ax.set_xticks([1, 10, 20, 30, 40, 50])
    style_axes(ax)


def _stump(x, r):
    """Best single-split regression stump for residuals r (least squares)."""
    best = None
    for s in np.unique(x)[:-1]:
        left = x <= s
        a, b = r[left].mean(), r[~left].mean()
        sse = ((r - np.where(left, a, b)) ** 2).sum()
        if best is None or sse < best[0]:
            best = (sse, s, a, b)
    _, s, a, b = best
    return lambda z: np.where(z <= s, a, b)


def boosting_residual_stages(fig):
    """Gradient boosting with stumps on 1-D data: each stage fits the current residuals."""
    fig.set_size_inches(6, 8)
    rng = np.random.default_rng(3)
    x = np.sort(rng.uniform(0, 1, 60))
    y = np.sin(2 * np.pi * x) + 0.25 * rng.normal(size=x.size)
    grid = np.linspace(0, 1, 400)
    lr = 0.5
    F, Fg = np.full_like(y, y.mean()), np.full_like(grid, y.mean())
    fits, stages = {0: Fg.copy()}, {}
    for m in range(1, 101):
        r = y - F
        h = _stump(x, r)
        if m in (1, 10):
            stages[m] = (r.copy(), h(grid))
        F = F + lr * h(x)
        Fg = Fg + lr * h(grid)
        if m in (1, 10, 100):
            fits[m] = Fg.copy()
    axes = fig.subplots(3, 1, sharex=True)  # stacked: each panel keeps the full width on a phone
    for ax, m in zip(axes[:2], (1, 10)):
        r, hg = stages[m]
        ax.scatter(x, r, s=22, color=GREY, alpha=0.8, label="residual $y - F_{m-1}$")
        ax.plot(grid, hg, color=VERMILLION, lw=2.5, label="stump $h_m$")
        ax.axhline(0, color=INK, lw=0.8)
        ax.set_title(f"stage m = {m}", fontsize=FONT + 1)
        ax.set_ylabel("residual")
        ax.legend(fontsize=FONT, frameon=False, loc="lower left", ncol=2, handlelength=1.4,
                  columnspacing=0.8, borderaxespad=0.1)
    ax = axes[2]
    ax.scatter(x, y, s=22, color=GREY, alpha=0.8, label="data")
    for m, colour, style in [(1, ORANGE, "--"), (10, GREEN, "-."), (100, BLUE, "-")]:
        ax.plot(grid, fits[m], color=colour, linestyle=style, lw=2.5, label=f"$F_{{{m}}}$")
    ax.set_title("ensemble after m stages", fontsize=FONT + 1)
    ax.set_ylabel("$y$")
    ax.legend(fontsize=FONT, frameon=False, loc="lower left", ncol=4, handlelength=1.4,
              columnspacing=0.8, handletextpad=0.3, borderaxespad=0.1)
    ax.set_xlabel("$x$")
    for ax in axes:
        ax.set_ylim(-2.6, 1.8)
        ax.set_yticks([-2, -1, 0, 1])
        ax.set_xticks([0, 0.5, 1])
        ax.set_xticklabels(["0", "0.5", "1"])
        style_axes(ax)


def imbalance_threshold_moving(fig):
    """Precision and recall against the decision threshold on data with 2% positives."""
    rng = np.random.default_rng(7)
    n_neg, n_pos = 49000, 1000
    logit = np.concatenate([rng.normal(-4.5, 1.3, n_neg), rng.normal(-0.7, 1.3, n_pos)])
    score = 1 / (1 + np.exp(-logit))
    y = np.concatenate([np.zeros(n_neg, bool), np.ones(n_pos, bool)])
    t = np.linspace(0.01, 0.95, 300)
    pred = score[None, :] >= t[:, None]
    tp = (pred & y).sum(1)
    precision = tp / np.maximum(pred.sum(1), 1)
    recall = tp / n_pos
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    ax = fig.subplots()
    ax.plot(t, precision, color=BLUE, lw=2.5, label="precision")
    ax.plot(t, recall, color=VERMILLION, lw=2.5, linestyle="--", label="recall")
    ax.plot(t, f1, color=GREEN, lw=2.5, linestyle=":", label="F1")
    ax.axvline(0.5, color=GREY, lw=2, alpha=0.6)
    ax.text(0.51, 0.05, "default 0.5", fontsize=FONT, color=GREY)
    best = t[f1.argmax()]
    ax.axvline(best, color=GREEN, lw=2, alpha=0.6)
    ax.text(best + 0.01, 0.14, f"best F1 at {best:.2f}", fontsize=FONT, color=GREEN)
    ax.set_xlabel("decision threshold on predicted probability")
    ax.set_ylabel("metric on validation set")
    ax.set_ylim(0, 1.02)
    ax.set_xlim(0, 0.95)
    ax.legend(fontsize=FONT, frameon=False, loc="center right")
    style_axes(ax)
