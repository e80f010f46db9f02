"""Figures for the Generative Models deck (cards/generative-models.md)."""
import numpy as np

from mldeck.style import BLUE, FONT, GREEN, GREY, INK, ORANGE, PURPLE, VERMILLION, style_axes


def _normal_pdf(x, mean=0.0, sd=1.0):
    return np.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * np.sqrt(2 * np.pi))


def gan_optimal_discriminator(fig):
    """Data N(0, 1) and generator N(2, 1) densities, and the optimal discriminator p_data / (p_data + p_g)."""
    fig.set_size_inches(6.0, 5.2)
    top, bottom = fig.subplots(2, 1, sharex=True)
    x = np.linspace(-3.5, 5.5, 500)
    p_data, p_g = _normal_pdf(x, 0.0), _normal_pdf(x, 2.0)
    top.plot(x, p_data, color=BLUE, label="$p_{data}$ = N(0, 1)")
    top.plot(x, p_g, color=ORANGE, linestyle="--", label="$p_g$ = N(2, 1)")
    top.set_ylabel("density")
    top.set_ylim(0, 0.55)
    top.legend(frameon=False, loc="upper right")
    d_star = p_data / (p_data + p_g)
    bottom.plot(x, d_star, color=GREEN, label="$D^*(x)$")
    bottom.axhline(0.5, color=GREY, linewidth=1.2, linestyle=":")
    bottom.axvline(1.0, color=GREY, linewidth=1.2, linestyle=":")
    bottom.annotate("1/2 where the\ndensities cross", xy=(1.0, 0.5), xytext=(2.3, 0.62), fontsize=FONT,
                    arrowprops={"arrowstyle": "->", "color": INK})
    bottom.set_ylim(-0.03, 1.05)
    bottom.set_xlabel("x")
    bottom.set_ylabel("$D^*(x)$")
    for ax in (top, bottom):
        style_axes(ax)


def _alpha_bar(t, T=1000, beta_start=1e-4, beta_end=0.02):
    betas = np.linspace(beta_start, beta_end, T)
    return float(np.prod(1.0 - betas[:t]))


def diffusion_forward_marginals(fig):
    """Marginal q(x_t) of a bimodal 1-D data density under the DDPM forward process at several t."""
    fig.set_size_inches(6.0, 4.2)
    ax = fig.subplots()
    x = np.linspace(-4, 4, 600)
    modes, sd0 = (-2.0, 2.0), 0.3
    styles = [(0, BLUE, "-"), (100, GREEN, "-"), (250, ORANGE, "--"), (500, PURPLE, "-."), (1000, VERMILLION, ":")]
    for t, colour, line in styles:
        a = _alpha_bar(t)
        sd = np.sqrt(a * sd0 ** 2 + 1 - a)
        density = sum(0.5 * _normal_pdf(x, np.sqrt(a) * m, sd) for m in modes)
        ax.plot(x, density, color=colour, linestyle=line, label=f"t = {t}  ($\\bar\\alpha_t$ = {a:.2g})")
    ax.set_xlabel("$x_t$")
    ax.set_ylabel("$q(x_t)$")
    ax.set_ylim(0, 1.1)
    ax.legend(frameon=False, loc="upper center", fontsize=FONT - 1, handlelength=2.2, ncol=2, columnspacing=1.0)
    style_axes(ax)


def _flow(z):
    return z + 1.5 * np.tanh(3 * z)


def _flow_slope(z):
    return 1 + 4.5 / np.cosh(3 * z) ** 2


def flow_density_stretch(fig):
    """A monotone 1-D flow x = f(z) of z ~ N(0, 1), and the density of x by the change of variables."""
    fig.set_size_inches(6.0, 5.6)
    top, bottom = fig.subplots(2, 1)
    z = np.linspace(-3, 3, 600)
    top.plot(z, _flow(z), color=BLUE, label="$x = f(z)$")
    top.plot(z, _flow_slope(z), color=ORANGE, linestyle="--", label="slope $f'(z)$")
    top.set_xlabel("z")
    top.legend(frameon=False, loc="upper left")
    top.set_ylim(-5, 6)
    x = _flow(z)
    density = _normal_pdf(z) / _flow_slope(z)
    samples = _flow(np.random.default_rng(0).standard_normal(40000))
    bottom.hist(samples, bins=120, range=(-4.5, 4.5), density=True, color=GREY, alpha=0.35, label="samples f(z)")
    bottom.plot(x, density, color=GREEN, label="$p_z(z)\\,/\\,f'(z)$")
    bottom.set_xlim(-4.5, 4.5)
    bottom.set_xlabel("x")
    bottom.set_ylabel("density of x")
    bottom.set_ylim(0, 0.4)
    bottom.legend(frameon=False, loc="upper center", fontsize=FONT - 1, ncol=2)
    for ax in (top, bottom):
        style_axes(ax)


def _mixture_score(x, modes=(-2.0, 2.0), sd=0.5):
    weights = np.stack([_normal_pdf(x, m, sd) for m in modes])
    grads = np.stack([-(x - m) / sd ** 2 for m in modes])
    return (weights * grads).sum(0) / weights.sum(0)


def langevin_sampling(fig):
    """Langevin dynamics on a two-mode density: samples after 0, 20 and 1000 steps against the target."""
    fig.set_size_inches(6.0, 6.4)
    axes = fig.subplots(3, 1, sharex=True)
    rng = np.random.default_rng(1)
    x = rng.uniform(-5, 5, 20000)
    step = 0.01
    grid = np.linspace(-5, 5, 500)
    target = 0.5 * _normal_pdf(grid, -2, 0.5) + 0.5 * _normal_pdf(grid, 2, 0.5)
    done = 0
    for ax, k in zip(axes, (0, 20, 1000)):
        for _ in range(k - done):
            x = x + step * _mixture_score(x) + np.sqrt(2 * step) * rng.standard_normal(x.shape)
        done = k
        ax.hist(x, bins=100, range=(-5, 5), density=True, color=BLUE, alpha=0.45)
        ax.plot(grid, target, color=VERMILLION, linewidth=2)
        ax.set_ylim(0, 0.6)
        ax.text(-4.9, 0.48, f"after {k} steps", fontsize=FONT)
        ax.set_ylabel("density")
        style_axes(ax)
    axes[-1].set_xlabel("x   (histogram: samples; line: target p(x))")


def js_vs_wasserstein(fig):
    """JS divergence and Wasserstein-1 distance between two parallel line distributions, as the offset varies."""
    fig.set_size_inches(6.0, 3.8)
    ax = fig.subplots()
    theta = np.linspace(-1, 1, 401)
    ax.plot(theta, np.abs(theta), color=BLUE, label="Wasserstein-1 $= |\\theta|$")
    ax.plot(theta[theta < 0], np.full((theta < 0).sum(), np.log(2)), color=VERMILLION, label="JS divergence")
    ax.plot(theta[theta > 0], np.full((theta > 0).sum(), np.log(2)), color=VERMILLION)
    ax.plot([0], [0], "o", color=VERMILLION, markersize=7)
    ax.plot([0], [np.log(2)], "o", markerfacecolor="white", markeredgecolor=VERMILLION, markersize=7)
    ax.text(0.05, np.log(2) + 0.06, "ln 2", color=VERMILLION, fontsize=FONT)
    ax.set_xlabel("offset $\\theta$ of the generated line")
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax.set_ylabel("distance")
    ax.set_ylim(-0.05, 1.1)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, 1.12), ncol=2, fontsize=FONT - 1)
    style_axes(ax)
