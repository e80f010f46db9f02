"""Figures for the Unsupervised Learning deck (cards/unsupervised-learning.md)."""
import numpy as np
from matplotlib.ticker import MaxNLocator

from mldeck.style import BLUE, FONT, GREEN, GREY, GRID, INK, ORANGE, PURPLE, SKY, VERMILLION, style_axes

CLUSTER_COLOURS = [BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION]


def _blobs(centres, n_per, spread, seed):
    """Isotropic Gaussian blobs around the given centres (deterministic)."""
    rng = np.random.default_rng(seed)
    centres = np.asarray(centres, dtype=float)
    return np.vstack([c + spread * rng.standard_normal((n_per, 2)) for c in centres])


def _assign(X, C):
    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    return d2.argmin(axis=1), d2.min(axis=1)


def _update(X, labels, C):
    return np.array([X[labels == j].mean(axis=0) if np.any(labels == j) else C[j]
                     for j in range(len(C))])


def _kmeans(X, k, seed, restarts=5, iters=100):
    """k-means++ initialisation + Lloyd iterations; best of several restarts."""
    rng = np.random.default_rng(seed)
    best = None
    for _ in range(restarts):
        C = X[[rng.integers(len(X))]]
        while len(C) < k:
            _, d2 = _assign(X, C)
            C = np.vstack([C, X[rng.choice(len(X), p=d2 / d2.sum())]])
        for _ in range(iters):
            labels, _ = _assign(X, C)
            C_new = _update(X, labels, C)
            if np.allclose(C_new, C):
                break
            C = C_new
        labels, d2 = _assign(X, C)
        if best is None or d2.sum() < best[0]:
            best = (d2.sum(), labels, C)
    return best


def kmeans_iterations(fig):
    """Lloyd's algorithm on three 2-D blobs: assignments and centroids at steps 0, 1, 2 and final."""
    fig.set_size_inches(6, 5.8)
    X = _blobs([[0, 0], [4, 0.5], [2, 3.6]], 40, 0.7, seed=3)
    C = np.array([[0.5, 4.5], [1.5, 1.8], [2.5, 1.2]])  # a poor but recoverable start
    snapshots = []
    for step in range(100):
        labels, _ = _assign(X, C)
        snapshots.append((step, labels, C.copy()))
        C_new = _update(X, labels, C)
        if np.allclose(C_new, C):
            break
        C = C_new
    shown = [snapshots[0], snapshots[1], snapshots[2], snapshots[-1]]
    axes = fig.subplots(2, 2, sharex=True, sharey=True)
    for ax, (step, labels, C) in zip(axes.ravel(), shown):
        colours = np.array(CLUSTER_COLOURS[:3])[labels]
        ax.scatter(X[:, 0], X[:, 1], c=colours, s=26, alpha=0.8, linewidths=0)
        ax.scatter(C[:, 0], C[:, 1], c=CLUSTER_COLOURS[:3], marker="X", s=260,
                   edgecolors=INK, linewidths=1.6, zorder=3)
        label = f"step {step} (final)" if step == shown[-1][0] else f"step {step}"
        ax.set_title(label, fontsize=FONT + 1)
        ax.set_aspect("equal")
        style_axes(ax)
    for ax in axes[1]:
        ax.set_xlabel("$x_1$")
    for ax in axes[:, 0]:
        ax.set_ylabel("$x_2$")


def elbow_curve(fig):
    """Inertia (within-cluster sum of squares) and mean silhouette versus k on four blobs."""
    fig.set_size_inches(6, 5.0)
    X = _blobs([[0, 0], [5, 0], [0, 5], [5, 5]], 50, 0.9, seed=7)
    ks = np.arange(1, 10)
    inertia, sil = [], []
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    for k in ks:
        J, labels, _ = _kmeans(X, k, seed=int(k))
        inertia.append(J)
        if k == 1:
            sil.append(np.nan)
            continue
        s = []
        for i in range(len(X)):
            own = labels == labels[i]
            a = D[i, own].sum() / max(own.sum() - 1, 1)
            b = min(D[i, labels == c].mean() for c in range(k) if c != labels[i])
            s.append(0.0 if own.sum() == 1 else (b - a) / max(a, b))
        sil.append(np.mean(s))
    ax1, ax2 = fig.subplots(2, 1, sharex=True)
    ax1.plot(ks, inertia, "o-", color=BLUE, lw=2.5, ms=7)
    ax1.plot([4], [inertia[3]], "o", ms=16, mfc="none", mec=VERMILLION, mew=2.5)
    ax1.annotate("elbow", xy=(4, inertia[3]), xytext=(5.3, inertia[3] + 0.25 * inertia[0]),
                 fontsize=FONT + 1, color=VERMILLION,
                 arrowprops=dict(arrowstyle="->", color=VERMILLION, lw=1.8))
    ax1.set_ylabel("inertia (WCSS)")
    ax1.yaxis.set_major_locator(MaxNLocator(nbins=4))
    ax2.plot(ks[1:], sil[1:], "s-", color=GREEN, lw=2.5, ms=7)
    ax2.plot([4], [sil[3]], "o", ms=16, mfc="none", mec=VERMILLION, mew=2.5)
    ax2.set_xlabel("number of clusters $k$")
    ax2.set_ylabel("mean silhouette")
    ax2.yaxis.set_major_locator(MaxNLocator(nbins=4))
    ax2.margins(y=0.15)
    ax2.set_xticks(ks)
    for ax in (ax1, ax2):
        style_axes(ax)
        ax.grid(True, axis="x", color=GRID)


def pca_projection(fig):
    """A correlated 2-D cloud with its principal axes, and its 1-D projection on PC1."""
    fig.set_size_inches(6, 6.6)
    rng = np.random.default_rng(1)
    cov = np.array([[2.0, 1.1], [1.1, 1.2]])
    X = rng.multivariate_normal([0, 0], cov, size=120)
    Xc = X - X.mean(axis=0)
    S = np.cov(Xc, rowvar=False)
    evals, evecs = np.linalg.eigh(S)
    order = np.argsort(evals)[::-1]
    evals, evecs = evals[order], evecs[:, order]
    if evecs[0, 0] < 0:
        evecs[:, 0] *= -1
    if evecs[1, 1] < 0:
        evecs[:, 1] *= -1
    z = Xc @ evecs[:, 0]
    ax1, ax2 = fig.subplots(2, 1, gridspec_kw=dict(height_ratios=[2, 1]))
    ax1.scatter(Xc[:, 0], Xc[:, 1], s=24, color=SKY, alpha=0.8, linewidths=0)
    # projection lines for a few points
    for i in range(0, len(Xc), 12):
        p = z[i] * evecs[:, 0]
        ax1.plot([Xc[i, 0], p[0]], [Xc[i, 1], p[1]], color=GREY, lw=2)
        ax1.plot(*p, "o", color=BLUE, ms=6)
    t = np.linspace(-4.5, 4.5, 2)
    ax1.plot(t * evecs[0, 0], t * evecs[1, 0], color=BLUE, lw=2, alpha=0.5)
    for j, (col, name) in enumerate([(BLUE, "PC1"), (VERMILLION, "PC2")]):
        v = 2 * np.sqrt(evals[j]) * evecs[:, j]
        ax1.annotate("", xy=v, xytext=(0, 0),
                     arrowprops=dict(arrowstyle="-|>", color=col, lw=3, mutation_scale=20))
        ax1.text(*(v * 1.12), name, color=col, fontsize=FONT + 1, ha="center", va="center",
                 fontweight="bold")
    ax1.set_aspect("equal")
    ax1.set_xlim(-4.5, 4.5)
    ax1.set_ylim(-3.5, 3.5)
    ax1.set_xlabel("$x_1$ (centred)")
    ax1.set_ylabel("$x_2$ (centred)")
    ratio = evals[0] / evals.sum()
    ax2.hist(z, bins=18, color=BLUE, alpha=0.85)
    ax2.plot(z, np.full_like(z, -0.8), "|", color=BLUE, ms=10, mew=1.5)
    ax2.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    ax2.set_xlabel("score on PC1")
    ax2.set_ylabel("count")
    ax2.text(0.02, 0.96, f"PC1 keeps {ratio:.0%}\nof the variance", transform=ax2.transAxes,
             fontsize=FONT, va="top")
    for ax in (ax1, ax2):
        style_axes(ax)


def gmm_soft_assignments(fig):
    """1-D two-component Gaussian mixture: component densities, then hard vs soft assignment."""
    fig.set_size_inches(6, 5.4)
    x = np.linspace(-3, 6, 400)
    mu, sigma, weight = (0.0, 3.0), 1.0, 0.5

    def normal(x, m):
        return np.exp(-(x - m) ** 2 / (2 * sigma ** 2)) / np.sqrt(2 * np.pi * sigma ** 2)

    p1, p2 = weight * normal(x, mu[0]), weight * normal(x, mu[1])
    gamma2 = p2 / (p1 + p2)
    ax1, ax2 = fig.subplots(2, 1, sharex=True, gridspec_kw=dict(height_ratios=[1, 1.1]))
    ax1.fill_between(x, p1, color=BLUE, alpha=0.35, label="component 1, $\\mu=0$")
    ax1.fill_between(x, p2, color=ORANGE, alpha=0.35, label="component 2, $\\mu=3$")
    ax1.plot(x, p1 + p2, color=INK, lw=2.2, label="mixture density")
    ax1.set_ylabel("density")
    ax1.set_ylim(0, 0.4)
    ax1.set_yticks([0, 0.1, 0.2, 0.3])
    ax1.legend(fontsize=FONT, frameon=False, loc="upper left", ncol=2, columnspacing=1.0,
               handlelength=1.6, borderaxespad=0.1)
    ax2.plot(x, (x > 1.5).astype(float), color=VERMILLION, lw=2.5, label="hard (k-means style)")
    ax2.plot(x, gamma2, color=GREEN, lw=2.5, label="soft: responsibility $\\gamma_2(x)$")
    ax2.plot([1.5], [0.5], "o", color=GREEN, ms=8)
    ax2.annotate("0.5 at the midpoint", xy=(1.5, 0.5), xytext=(2.4, 0.2), fontsize=FONT,
                 arrowprops=dict(arrowstyle="->", color=GREEN, lw=1.5))
    ax2.set_ylabel("P(cluster 2)")
    ax2.set_xlabel("$x$")
    ax2.set_ylim(-0.08, 1.08)
    ax2.set_yticks([0, 0.5, 1])
    ax2.legend(fontsize=FONT, frameon=False, loc="upper left")
    for ax in (ax1, ax2):
        style_axes(ax)


def kmeans_local_optimum(fig):
    """Same data, two initialisations: Lloyd's algorithm converges to different fixed points."""
    fig.set_size_inches(6, 3.7)
    X = _blobs([[0, 0], [4, 0.5], [2, 3.6]], 40, 0.7, seed=3)
    starts = [np.array([[0.5, 4.5], [1.5, 1.8], [2.5, 1.2]]),
              np.array([[-0.5, 3.5], [0.0, 2.6], [0.6, 1.6]])]
    axes = fig.subplots(1, 2, sharex=True, sharey=True)
    for ax, C in zip(axes, starts):
        for _ in range(100):
            labels, _ = _assign(X, C)
            C_new = _update(X, labels, C)
            if np.allclose(C_new, C):
                break
            C = C_new
        labels, d2 = _assign(X, C)
        colours = np.array(CLUSTER_COLOURS[:3])[labels]
        ax.scatter(X[:, 0], X[:, 1], c=colours, s=26, alpha=0.8, linewidths=0)
        ax.scatter(C[:, 0], C[:, 1], c=CLUSTER_COLOURS[:3], marker="X", s=260,
                   edgecolors=INK, linewidths=1.6, zorder=3)
        ax.set_title(f"converged, WCSS = {d2.sum():.0f}", fontsize=FONT + 1)
        ax.set_ylim(-2.3, 5.8)
        ax.set_yticks([-2, 0, 2, 4])
        ax.set_aspect("equal")
        ax.set_xlabel("$x_1$")
        style_axes(ax)
    axes[0].set_ylabel("$x_2$")
