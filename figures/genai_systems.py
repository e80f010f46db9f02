"""Figures for the RAG & GenAI Systems deck (cards/genai-systems.md).

Every public function draws on the matplotlib Figure it is given; helpers start with `_`.
"""
import numpy as np
from matplotlib.patches import Polygon

from mldeck.style import BLUE, FONT, GREEN, GREY, INK, ORANGE, PALE, SKY, VERMILLION, arrow, diagram_axes, style_axes


def retrieve_rerank_funnel(fig):
    """Retrieve -> rerank -> generate: candidates kept and time spent at each stage of one request."""
    fig.set_size_inches(6, 5.4)
    ax = diagram_axes(fig, (0, 10), (0, 9.4))
    stages = [
        # (half-width, label, count, latency, colour)
        (3.9, "corpus index", "10,000,000 chunks", "built\noffline", PALE),
        (3.2, "hybrid retrieval\n(BM25 + ANN, fused)", "top 100", "≈ 50 ms", SKY),
        (2.3, "cross-encoder rerank", "top 10", "≈ 80 ms", GREEN),
        (1.5, "LLM prompt", "best 5", "first token\n≈ 650 ms", ORANGE),
    ]
    top = 9.0
    cx = 4.1
    height = 1.75
    gap = 0.45
    for i, (half, name, count, latency, colour) in enumerate(stages):
        y1 = top - i * (height + gap)
        y0 = y1 - height
        nxt = stages[i + 1][0] if i + 1 < len(stages) else half * 0.8
        ax.add_patch(Polygon([(cx - half, y1), (cx + half, y1), (cx + nxt, y0), (cx - nxt, y0)], closed=True,
                             facecolor=colour, edgecolor=INK, linewidth=1.3, alpha=0.55 if colour != PALE else 1))
        ax.text(cx, y0 + height * 0.64, name, ha="center", va="center", fontsize=FONT)
        ax.text(cx, y0 + height * 0.2, count, ha="center", va="center", fontsize=FONT, fontweight="bold")
        ax.text(9.95, y0 + height / 2, latency, ha="right", va="center", fontsize=FONT, color=VERMILLION)
        if i + 1 < len(stages):
            arrow(ax, (cx, y0 - 0.02), (cx, y0 - gap + 0.02))
    ax.text(0.05, 0.25, "per request; budgets are illustrative", ha="left", va="center", fontsize=FONT,
            color=GREY, style="italic")


def _recall_curve(k, at_one, ceiling, slope):
    return ceiling - (ceiling - at_one) * k ** (-slope)


def recall_at_k_two_retrievers(fig):
    """Recall@k against k for two retrievers whose curves cross near k = 10 (illustrative numbers)."""
    fig.set_size_inches(6, 4.2)
    ax = fig.subplots()
    k = np.logspace(0, 2, 200)
    a = _recall_curve(k, 0.60, 0.80, 0.5)
    b = _recall_curve(k, 0.40, 0.95, 0.4)
    ax.plot(k, a, color=BLUE, label="retriever A")
    ax.plot(k, b, color=ORANGE, linestyle="--", label="retriever B")
    for kk in (1, 100):
        for curve, colour in ((a, BLUE), (b, ORANGE)):
            value = np.interp(np.log(kk), np.log(k), curve)
            ax.plot([kk], [value], "o", color=colour, markersize=6)
            ax.annotate(f"{value:.2f}", (kk, value), xytext=(7, -7) if kk == 1 else (8, 0),
                        textcoords="offset points", ha="left", va="top" if kk == 1 else "center",
                        fontsize=FONT, color=colour)
    ax.set_xscale("log")
    ax.set_xticks([1, 3, 10, 30, 100], ["1", "3", "10", "30", "100"])
    ax.set_xlabel("k (chunks retrieved)")
    ax.set_ylabel("recall@k")
    ax.set_ylim(0.3, 1.0)
    ax.set_xlim(0.8, 180)
    ax.legend(loc="lower right", frameon=False, fontsize=FONT)
    style_axes(ax, grid=True)


def _layer_edges(points, k):
    """Edges from every point to its k nearest neighbours among the given points."""
    edges = set()
    for i, p in enumerate(points):
        dist = np.linalg.norm(points - p, axis=1)
        for j in np.argsort(dist)[1:k + 1]:
            edges.add((min(i, j), max(i, j)))
    return sorted(edges)


def _greedy_path(points, start, query, edges):
    """Greedy walk over the edges: move to the neighbour closest to the query until none is closer."""
    neighbours = {i: set() for i in range(len(points))}
    for i, j in edges:
        neighbours[i].add(j)
        neighbours[j].add(i)
    path = [start]
    while True:
        here = path[-1]
        best = min(neighbours[here], key=lambda n: np.linalg.norm(points[n] - query), default=here)
        if np.linalg.norm(points[best] - query) >= np.linalg.norm(points[here] - query):
            return path
        path.append(best)


def hnsw_layers(fig):
    """Three HNSW layers: the same points thinned out going up, and a greedy search descending to the query."""
    fig.set_size_inches(6, 7.6)
    rng = np.random.default_rng(9)
    xs, ys = np.meshgrid(np.linspace(0.07, 0.93, 8), np.linspace(0.1, 0.9, 5))
    points = np.c_[xs.ravel(), ys.ravel()] + rng.uniform(-0.045, 0.045, size=(40, 2))
    query = np.array([0.67, 0.31])
    start = int(np.argmin(np.linalg.norm(points - np.array([0.08, 0.9]), axis=1)))
    others = [i for i in np.argsort(rng.uniform(size=40)) if i != start]
    layer_sets = [
        [start] + others[:3],                 # top layer: 4 points
        [start] + others[:11],                # middle layer: 12 points
        list(range(40)),                      # bottom layer: every point
    ]
    titles = ["layer 2 (top): few points, long links", "layer 1", "layer 0: every vector, short links"]
    *axes, key = fig.subplots(4, 1, gridspec_kw={"height_ratios": [1, 1, 1, 0.14]})
    entry = start
    for ax, members, title in zip(axes, layer_sets, titles):
        members = sorted(set(members), key=members.index)
        pts = points[members]
        edges = _layer_edges(pts, 2 if len(members) < 10 else (3 if len(members) < 20 else 4))
        for i, j in edges:
            ax.plot(pts[[i, j], 0], pts[[i, j], 1], color=GREY, linewidth=1.0, zorder=1)
        ax.scatter(pts[:, 0], pts[:, 1], s=36, color=SKY, edgecolor=INK, linewidth=0.6, zorder=2)
        local_start = members.index(entry)
        path = _greedy_path(pts, local_start, query, edges)
        ax.plot(pts[path, 0], pts[path, 1], color=ORANGE, linewidth=3.0, zorder=3)
        ax.scatter(pts[path[0], 0], pts[path[0], 1], s=110, color=ORANGE, edgecolor=INK, zorder=4)
        ax.scatter(pts[path[-1], 0], pts[path[-1], 1], s=110, color=VERMILLION, edgecolor=INK, zorder=4)
        ax.scatter([query[0]], [query[1]], marker="*", s=320, color=BLUE, edgecolor=INK, zorder=5)
        entry = members[path[-1]]
        ax.set_title(title, loc="left", fontsize=FONT)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_color(GREY)
    key.axis("off")
    key.set_xlim(0, 1)
    key.set_ylim(0, 1)
    for x, text, colour in ((0.0, "★ query", BLUE), (0.19, "● where the layer starts", ORANGE),
                            (0.62, "● closest found, go down", VERMILLION)):
        key.text(x, 0.5, text, color=colour, ha="left", va="center", fontsize=FONT)
