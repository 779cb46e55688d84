"""The figures and charts of the demo notebooks, labelled in the reader's language.

Part of the demo helper (``latent_demo.py`` imports it for the notebooks). Figures are drawn with
matplotlib without pyplot and shown as PNG images with an alt text; interactive charts are altair
specs with a white background, legible on a dark page. Every label comes from the strings of one
language (``latent_demo_texts.texts``), passed in as ``t``.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
import sys
from collections.abc import Sequence

# jsonschema, which altair uses to validate chart specs, optionally imports an IRI parser that
# spends over a second building its grammar; altair never checks that format, so the optional
# import is skipped (it fails quietly, as if the package were absent). Nothing else changes.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import altair as alt  # noqa: E402
import matplotlib  # noqa: E402
import numpy as np  # noqa: E402
from latent_demo_models import (  # noqa: E402
    Mixture,
    VQResult,
    active_units,
    fit_linear_vae,
    kl_per_dimension,
    normal_pdf,
    normal_tail_mass,
    w2_to_truth,
)
from latent_demo_texts import fmt  # noqa: E402
from matplotlib import style as mpl_style  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import ScalarFormatter  # noqa: E402

FIG_DPI = 96

# A fixed style: matplotlib's defaults (DejaVu Sans ships with matplotlib, no custom font).
mpl_style.use("default")  # matplotlib's own defaults, whatever a local matplotlibrc says
matplotlib.rcParams.update(
    {
        "figure.dpi": FIG_DPI,
        "savefig.dpi": FIG_DPI,
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "legend.fontsize": 9,
        "legend.framealpha": 0.9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "image.cmap": "gray_r",
        "svg.hashsalt": "latent-demo",
    }
)
matplotlib.use("Agg")  # figures are rendered to PNG by show(); no GUI backend is needed

# Colours used in every language: 10 digit classes, and two contrasting series.
CLASS_COLORS = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
]
COLOR_A = "#d95f02"  # linear / bad / replace / collapsed
COLOR_B = "#1b9e77"  # spherical / good / accumulate / healthy
COLOR_C = "#7570b3"  # a third series
COLOR_TRUE = "#333333"


# ---------------------------------------------------------------------------------------------
# Display: figures as PNG with alt text, charts with a white background
# ---------------------------------------------------------------------------------------------


def new_figure(
    nrows: int = 1,
    ncols: int = 1,
    width: float = 9.0,
    height: float = 3.6,
    **subplot_kw: object,
) -> tuple[Figure, np.ndarray]:
    """A white figure with a grid of axes, made without pyplot (no global figure state).

    Returns:
        The figure and a 2-D array of its axes (shape ``(nrows, ncols)``).
    """
    fig = Figure(figsize=(width, height), dpi=FIG_DPI, layout="constrained")
    fig.patch.set_facecolor("white")
    axes = fig.subplots(nrows, ncols, squeeze=False, **subplot_kw)
    return fig, axes


class _DecimalFormatter(ScalarFormatter):
    """matplotlib's default tick labels with another decimal mark (``0,5`` instead of ``0.5``)."""

    def __init__(self, mark: str) -> None:
        super().__init__()
        self.mark = mark

    def __call__(self, x: float, pos: int | None = None) -> str:
        return super().__call__(x, pos).replace(".", self.mark)


def _localize(fig: Figure, t: dict[str, str]) -> Figure:
    """Use the language's decimal mark on every linear axis of the figure."""
    if t["decimal_mark"] != ".":
        for ax in fig.axes:
            for axis, scale in ((ax.xaxis, ax.get_xscale()), (ax.yaxis, ax.get_yscale())):
                if scale == "linear":
                    axis.set_major_formatter(_DecimalFormatter(t["decimal_mark"]))
    return fig


def figure_html(fig: Figure, alt_text: str) -> str:
    """The figure as an HTML ``<img>`` with an inline PNG (base64) and an alt text."""
    buffer = io.BytesIO()
    fig.savefig(
        buffer,
        format="png",
        dpi=FIG_DPI,
        facecolor="white",
        metadata={"Software": None},  # no version string: identical bytes on every run
    )
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    width, height = (round(v) for v in fig.get_size_inches() * FIG_DPI)
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt_text, quote=True)}" '
        f'width="{width}" height="{height}" style="max-width:100%;height:auto;background:#fff">'
    )


def show(fig: Figure, alt_text: str) -> None:
    """Display a figure as a PNG image with an alt text in the reader's language, then close it.

    Used instead of ``plt.show()``: the image is shown through ``IPython.display.HTML`` so that
    the ``<img>`` element carries ``alt_text``.
    """
    markup = figure_html(fig, alt_text)
    if fig.canvas.manager is not None:  # a pyplot figure: release it from pyplot's registry
        import matplotlib.pyplot as plt

        plt.close(fig)
    fig.clear()
    try:
        from IPython.display import HTML, display
    except ImportError:  # outside IPython there is nowhere to show an image
        print(alt_text)
        return
    display(HTML(markup))


def style_chart(chart: alt.TopLevelMixin, description: str = "") -> alt.TopLevelMixin:
    """A chart with a white background (legible on a dark page) and an accessible description."""
    props: dict[str, object] = {"background": "white"}
    if description:
        props["description"] = description
    return chart.properties(**props).configure_view(stroke="#dddddd")


def _records(columns: dict[str, Sequence[object] | np.ndarray], digits: int = 4) -> list[dict]:
    """Column arrays as a list of JSON-ready row dicts, floats rounded to keep charts small."""
    names = list(columns)
    values = []
    for name in names:
        col = columns[name]
        if isinstance(col, np.ndarray) and col.dtype.kind == "f":
            values.append([round(float(v), digits) for v in col])
        elif isinstance(col, np.ndarray):
            values.append(col.tolist())
        else:
            values.append(list(col))
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


# ---------------------------------------------------------------------------------------------
# Notebook 1: latent space
# ---------------------------------------------------------------------------------------------


def _scatter_classes(ax: Axes, Z: np.ndarray, y: np.ndarray, size: float = 6.0) -> None:
    for label in range(10):
        pts = Z[y == label]
        ax.scatter(pts[:, 0], pts[:, 1], s=size, color=CLASS_COLORS[label], alpha=0.55, lw=0)
    for label in range(10):  # class labels at the class medians, on top of all points
        mx, my = np.median(Z[y == label], axis=0)
        ax.text(
            mx,
            my,
            str(label),
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
            color="black",
            bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": CLASS_COLORS[label]},
        )


def plot_latent_maps(maps: Sequence[tuple[str, np.ndarray]], y: np.ndarray, t: dict) -> Figure:
    """Side-by-side 2-D latent maps coloured by digit class (one panel per (title, codes))."""
    fig, axes = new_figure(1, len(maps), width=4.6 * len(maps), height=4.4)
    for ax, (title, Z) in zip(axes[0], maps, strict=True):
        _scatter_classes(ax, Z, y)
        ax.set_title(title)
        ax.set_xlabel(t["z1"])
        ax.set_ylabel(t["z2"])
    handles = [
        matplotlib.lines.Line2D([], [], ls="", marker="o", color=CLASS_COLORS[k], label=str(k))
        for k in range(10)
    ]
    fig.legend(handles=handles, title=t["digit"], loc="outside right center", frameon=False)
    return _localize(fig, t)


def plot_decoded_paths(
    rows: Sequence[tuple[str, np.ndarray]], ts: np.ndarray, t: dict, image_shape: tuple = (8, 8)
) -> Figure:
    """One row of decoded images per path; columns are the positions t along the path."""
    n_rows, n_cols = len(rows), len(ts)
    fig, axes = new_figure(n_rows, n_cols, width=0.95 * n_cols + 1.6, height=1.25 * n_rows + 0.5)
    for r, (label, images) in enumerate(rows):
        for c in range(n_cols):
            ax = axes[r, c]
            ax.imshow(images[c].reshape(image_shape), cmap="gray_r", vmin=0.0, vmax=1.0)
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(True)
                spine.set_color("#bbbbbb")
            if r == 0:
                ax.set_title(f"t = {fmt(ts[c], 2, t)}", fontsize=9)
        axes[r, 0].set_ylabel(label, rotation=0, ha="right", va="center", fontsize=10)
    return _localize(fig, t)


def plot_path_norms(
    Z: np.ndarray, y: np.ndarray, paths: Sequence[tuple[str, np.ndarray]], ts: np.ndarray, t: dict
) -> Figure:
    """Left: the paths drawn on the latent map. Right: the norm of the code along each path."""
    fig, axes = new_figure(1, 2, width=10.0, height=4.2)
    ax_map, ax_norm = axes[0]
    for label in range(10):
        pts = Z[y == label]
        ax_map.scatter(pts[:, 0], pts[:, 1], s=5, color=CLASS_COLORS[label], alpha=0.25, lw=0)
    colors = [COLOR_A, COLOR_B, COLOR_C]
    for (label, path), color in zip(paths, colors, strict=False):
        ax_map.plot(path[:, 0], path[:, 1], "-o", ms=3.5, lw=2, color=color, label=label)
        ax_norm.plot(ts, np.linalg.norm(path, axis=1), "-o", ms=3.5, lw=2, color=color, label=label)
    ax_map.plot([0], [0], marker="+", ms=14, mew=2, color="black", ls="", label=t["origin"])
    ax_map.set_title(t["ls_paths_title"])
    ax_map.set_xlabel(t["z1"])
    ax_map.set_ylabel(t["z2"])
    ax_map.legend(loc="best")
    ax_norm.set_title(t["ls_norm_title"])
    ax_norm.set_xlabel(t["t_label"])
    ax_norm.set_ylabel(t["norm_label"])
    ax_norm.set_ylim(bottom=0)
    ax_norm.grid(alpha=0.3)
    ax_norm.legend(loc="best")
    return _localize(fig, t)


def interpolation_chart(
    Z: np.ndarray,
    y: np.ndarray,
    paths: Sequence[tuple[str, np.ndarray]],
    images: Sequence[np.ndarray],
    ts: np.ndarray,
    t: dict,
    max_points: int = 500,
    seed: int = 0,
) -> alt.TopLevelMixin:
    """Interactive view: one slider walks both paths at once; each panel shows the moving point on
    the latent map and the image decoded there.

    Args:
        Z, y: latent codes and labels for the background map (downsampled to ``max_points``).
        paths: (title, codes along the path) per method; codes of shape (len(ts), 2).
        images: decoded images per method, shape (len(ts), 64).
        ts: positions in [0, 1], evenly spaced (the slider steps through them).
        t: texts of the reader's language.
    """
    rng = np.random.default_rng(seed)
    keep = np.sort(rng.choice(len(Z), size=min(max_points, len(Z)), replace=False))
    background = _records({"z1": Z[keep, 0], "z2": Z[keep, 1], "digit": y[keep].astype(str)}, 3)
    path_rows: list[dict] = []
    image_rows: list[dict] = []
    n_pixels = images[0].shape[1]
    for k, ((_, path), imgs) in enumerate(zip(paths, images, strict=True)):
        norms = np.linalg.norm(path, axis=1)
        path_rows += _records(
            {"m": [k] * len(ts), "t": ts, "z1": path[:, 0], "z2": path[:, 1], "norm": norms}, 3
        )
        image_rows += [
            {"m": k, "t": round(float(tv), 4), "v": [round(float(p), 2) for p in img]}
            for tv, img in zip(ts, imgs, strict=True)
        ]
    step = float(ts[1] - ts[0])
    pos = alt.param(
        name="pos",
        value=0.5,
        bind=alt.binding_range(min=0.0, max=1.0, step=round(step, 6), name=t["slider_t"] + " "),
    )
    at_pos = f"abs(datum.t - pos) < {step / 2:.6f}"
    extent = max(float(np.abs(Z[keep]).max()), *(float(np.abs(p).max()) for _, p in paths))
    span = round(extent * 1.05, 2)
    x_scale = alt.Scale(domain=[-span, span], nice=False)
    y_scale = alt.Scale(domain=[-span, span], nice=False)
    side = int(round(math.sqrt(n_pixels)))
    points = (
        alt.Chart(alt.NamedData(name="latent_map"))
        .mark_circle(size=14, opacity=0.4)
        .encode(
            x=alt.X("z1:Q", scale=x_scale, title=t["z1"]),
            y=alt.Y("z2:Q", scale=y_scale, title=t["z2"]),
            color=alt.Color(
                "digit:N",
                title=t["digit"],
                scale=alt.Scale(domain=[str(k) for k in range(10)], range=CLASS_COLORS),
            ),
        )
    )
    panels = []
    for k, ((title, _), color) in enumerate(zip(paths, [COLOR_A, COLOR_B], strict=True)):
        on_path = alt.Chart(alt.NamedData(name="paths")).transform_filter(f"datum.m == {k}")
        line = on_path.mark_line(color=color, strokeWidth=2.5).encode(
            x="z1:Q", y="z2:Q", order="t:Q"
        )
        marker = (
            on_path.transform_filter(at_pos)
            .mark_point(shape="diamond", size=260, filled=True, color="black", opacity=1)
            .encode(
                x="z1:Q",
                y="z2:Q",
                tooltip=[
                    alt.Tooltip("t:Q", title="t", format=".2f"),
                    alt.Tooltip("norm:Q", title=t["norm_label"], format=".3f"),
                ],
            )
        )
        latent_map = (points + line + marker).properties(width=300, height=300, title=title)
        digit = (
            alt.Chart(alt.NamedData(name="images"))
            .transform_filter(f"datum.m == {k} && {at_pos}")
            .transform_calculate(i=f"sequence(0, {n_pixels})")
            .transform_flatten(["v", "i"])
            .transform_calculate(row=f"floor(datum.i / {side})", col=f"datum.i % {side}")
            .mark_rect()
            .encode(
                x=alt.X("col:O", axis=None),
                y=alt.Y("row:O", axis=None),
                fill=alt.Fill("v:Q", scale=alt.Scale(scheme="greys", domain=[0, 1]), legend=None),
            )
            .properties(width=120, height=120, title=t["ls_decoded_here"])
        )
        panels.append(alt.vconcat(latent_map, digit, center=True))
    chart = alt.hconcat(*panels).add_params(pos)
    chart = chart.properties(
        datasets={"latent_map": background, "paths": path_rows, "images": image_rows}
    )
    return style_chart(chart, t["alt_ls_interactive"])


# ---------------------------------------------------------------------------------------------
# Notebook 2: measuring latent space collapse
# ---------------------------------------------------------------------------------------------


def plot_spectra(
    spectra: Sequence[tuple[str, np.ndarray]],
    factors: np.ndarray,
    ranks: np.ndarray,
    keep: int,
    t: dict,
) -> Figure:
    """Left: normalised singular value spectra (log scale). Right: effective rank vs squashing."""
    fig, axes = new_figure(1, 2, width=10.0, height=3.9)
    ax_s, ax_r = axes[0]
    for (label, s), color in zip(spectra, [COLOR_B, COLOR_A, COLOR_C], strict=False):
        k = np.arange(1, len(s) + 1)
        ax_s.semilogy(k, s / s[0], "-o", ms=3.5, color=color, label=label)
    ax_s.set_title(t["lc_spectrum_title"])
    ax_s.set_xlabel(t["lc_sv_index"])
    ax_s.set_ylabel(t["lc_sv_value"])
    ax_s.grid(alpha=0.3, which="both")
    ax_s.legend(loc="lower left")
    ax_r.semilogx(factors, ranks, "-", lw=2, color=COLOR_C)
    ax_r.axhline(keep, ls="--", color="#666666", lw=1)
    ax_r.text(factors.max(), keep, " " + t["lc_keep_label"].format(k=keep), va="bottom", fontsize=9)
    ax_r.invert_xaxis()
    ax_r.set_title(t["lc_erank_title"])
    ax_r.set_xlabel(t["lc_factor_label"])
    ax_r.set_ylabel(t["lc_erank_label"])
    ax_r.set_ylim(bottom=0)
    ax_r.grid(alpha=0.3, which="both")
    return _localize(fig, t)


def plot_kl(
    settings: Sequence[tuple[str, np.ndarray]],
    noise_grid: np.ndarray,
    n_active: np.ndarray,
    eigvals: np.ndarray,
    t: dict,
) -> Figure:
    """Left: KL per latent dimension for a few settings. Right: active units vs effective noise."""
    fig, axes = new_figure(1, 2, width=10.0, height=3.9)
    ax_kl, ax_au = axes[0]
    n_set = len(settings)
    width = 0.8 / n_set
    for j, ((label, kl), color) in enumerate(
        zip(settings, [COLOR_B, COLOR_A, COLOR_C], strict=False)
    ):
        dims = np.arange(1, len(kl) + 1)
        ax_kl.bar(dims + (j - (n_set - 1) / 2) * width, kl, width=width, color=color, label=label)
    ax_kl.set_xticks(np.arange(1, len(settings[0][1]) + 1))
    ax_kl.set_title(t["lc_kl_title"])
    ax_kl.set_xlabel(t["lc_latent_dim"])
    ax_kl.set_ylabel(t["lc_kl_label"])
    ax_kl.legend(loc="upper right")
    ax_kl.grid(alpha=0.3, axis="y")
    ax_au.step(noise_grid, n_active, where="post", lw=2, color=COLOR_C)
    for lam in eigvals[: int(n_active.max())]:
        ax_au.axvline(lam, color="#999999", ls=":", lw=1)
    ax_au.set_xscale("log")
    ax_au.set_title(t["lc_au_title"])
    ax_au.set_xlabel(t["lc_eff_noise"])
    ax_au.set_ylabel(t["lc_au_label"])
    ax_au.set_ylim(-0.2, n_active.max() + 0.5)
    ax_au.grid(alpha=0.3, which="both")
    return _localize(fig, t)


def kl_chart(
    X: np.ndarray, latent_dim: int, noise_var: float, betas: Sequence[float], t: dict
) -> alt.TopLevelMixin:
    """Interactive view: pick the KL weight β; bars show the KL per latent dimension."""
    rows = []
    for beta in betas:
        vae = fit_linear_vae(X, latent_dim, noise_var, beta)
        kl = kl_per_dimension(vae, X)
        active = active_units(vae, X)
        for i in range(latent_dim):
            rows.append(
                {
                    "beta": float(beta),
                    "dim": i + 1,
                    "kl": round(float(kl[i]), 4),
                    "state": t["lc_active"] if active[i] else t["lc_collapsed"],
                    "on": int(active[i]),
                }
            )
    ymax = max(r["kl"] for r in rows) * 1.1
    default = 1.0 if 1.0 in betas else float(betas[0])
    beta = alt.param(
        name="beta",
        value=default,
        bind=alt.binding_radio(
            options=[float(b) for b in betas],
            labels=[fmt(float(b), None, t) for b in betas],
            name=t["lc_beta_select"] + " ",
        ),
    )
    base = alt.Chart(alt.NamedData(name="kl")).transform_filter("datum.beta == beta")
    bars = base.mark_bar().encode(
        x=alt.X("dim:O", title=t["lc_latent_dim"], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("kl:Q", title=t["lc_kl_label"], scale=alt.Scale(domain=[0, ymax])),
        color=alt.Color(
            "state:N",
            title=None,
            scale=alt.Scale(domain=[t["lc_active"], t["lc_collapsed"]], range=[COLOR_B, COLOR_A]),
            legend=alt.Legend(orient="top"),
        ),
        tooltip=[
            alt.Tooltip("dim:O", title=t["lc_latent_dim"]),
            alt.Tooltip("kl:Q", title=t["lc_kl_label"], format=".3f"),
            alt.Tooltip("state:N", title=t["lc_state"]),
        ],
    )
    label = (
        base.transform_aggregate(n="sum(on)")
        .transform_calculate(
            text=f"{json.dumps(t['lc_au_label'] + ': ')} + datum.n + ' / {latent_dim}'"
        )
        .mark_text(align="right", baseline="top", fontSize=13, dx=-4, dy=4)
        .encode(text="text:N", x=alt.value(400), y=alt.value(0))
    )
    chart = (bars + label).properties(
        width=400, height=260, title=t["lc_kl_chart_title"].format(noise=fmt(noise_var, 2, t))
    )
    chart = chart.add_params(beta).properties(datasets={"kl": rows})
    return style_chart(chart, t["alt_lc_interactive"])


def plot_codebooks(X: np.ndarray, results: Sequence[tuple[str, VQResult]], t: dict) -> Figure:
    """Top: per initialisation, the data coloured by assigned code, each code's path from its
    start to its end (dead codes as crosses). Bottom left: the share of the data each code
    receives (sorted). Bottom right: the codebook perplexity during training."""
    fig, axes = new_figure(2, 2, width=10.0, height=8.4)
    size = len(results[0][1].codebook)
    palette = [matplotlib.colormaps["tab20"](k % 20) for k in range(size)]
    for col, (label, res) in enumerate(results):
        ax = axes[0, col]
        ax.scatter(X[:, 0], X[:, 1], s=4, c=[palette[k] for k in res.assign], lw=0, alpha=0.5)
        live = res.counts > 0
        for start, end in zip(res.init[live], res.codebook[live], strict=True):
            ax.plot([start[0], end[0]], [start[1], end[1]], color="#888888", lw=0.8, zorder=2)
        ax.scatter(
            *res.init[live].T, marker="^", s=22, color="#888888", zorder=3, label=t["lc_vq_init"]
        )
        ax.scatter(
            *res.codebook[live].T,
            marker="o",
            s=55,
            color="black",
            ec="white",
            zorder=4,
            label=t["lc_vq_live"],
        )
        if (~live).any():
            ax.scatter(
                *res.codebook[~live].T,
                marker="x",
                s=55,
                color="#c00000",
                lw=2,
                zorder=4,
                label=t["lc_vq_dead"],
            )
        ax.set_title(label)
        ax.set_aspect("equal")
        ax.set_xlim(-3.3, 5.3)
        ax.set_ylim(-3.3, 5.3)
        ax.legend(loc="lower right", fontsize=8)
    ax_u, ax_p = axes[1]
    ranks = np.arange(1, size + 1)
    for j, ((label, res), color) in enumerate(zip(results, [COLOR_A, COLOR_B], strict=False)):
        share = np.sort(res.counts)[::-1] / res.counts.sum()
        ax_u.bar(
            ranks + (j - 0.5) * 0.4,
            share,
            width=0.4,
            color=color,
            label=t["lc_vq_legend"].format(
                name=label, used=res.used, size=size, ppl=fmt(res.perplexity, 1, t)
            ),
        )
        ax_p.plot(res.perplexity_history, lw=2, color=color, label=label)
    ax_u.axhline(1.0 / size, ls="--", color="#666666", lw=1)
    ax_u.set_ylim(0, ax_u.get_ylim()[1] * 1.3)
    ax_u.set_xticks(ranks[::3] if size > 12 else ranks)
    ax_u.set_title(t["lc_vq_usage_title"])
    ax_u.set_xlabel(t["lc_vq_rank"])
    ax_u.set_ylabel(t["lc_vq_share"])
    ax_u.legend(loc="upper right", fontsize=8)
    ax_p.axhline(size, ls="--", color="#666666", lw=1)
    ax_p.set_ylim(0, size + 1)
    ax_p.set_title(t["lc_vq_ppl_title"])
    ax_p.set_xlabel(t["lc_vq_step"])
    ax_p.set_ylabel(t["lc_vq_ppl"])
    ax_p.legend(loc="center right", fontsize=8)
    ax_p.grid(alpha=0.3)
    return _localize(fig, t)


# ---------------------------------------------------------------------------------------------
# Notebook 3: model collapse
# ---------------------------------------------------------------------------------------------


def plot_gaussian_collapse(
    sigmas: np.ndarray,
    mus: np.ndarray,
    shown: Sequence[int],
    n_samples: int,
    t: dict,
    threshold: float = 2.0,
) -> Figure:
    """Three panels: fitted std per generation (one line per seed), tail mass beyond
    ``threshold``, and the fitted densities of the first seed at a few generations (log scale).

    Args:
        sigmas, mus: arrays of shape (seeds, generations + 1).
        shown: generations whose density is drawn.
    """
    fig, axes = new_figure(1, 3, width=13.0, height=3.9)
    ax_s, ax_t, ax_d = axes[0]
    gens = np.arange(sigmas.shape[1])
    for i in range(sigmas.shape[0]):
        ax_s.semilogy(gens, sigmas[i], lw=1.2, alpha=0.85, label=t["seed"].format(i=i))
        tail = np.maximum(normal_tail_mass(mus[i], sigmas[i], threshold), 1e-16)
        ax_t.semilogy(gens, tail, lw=1.2, alpha=0.85)
    ax_s.semilogy(
        gens, np.exp(-gens / (2.0 * (n_samples - 1))), "k--", lw=1.5, label=t["mc_typical"]
    )
    ax_s.set_title(t["mc_std_title"])
    ax_s.set_xlabel(t["generation"])
    ax_s.set_ylabel(t["mc_std_label"])
    ax_s.legend(fontsize=8, loc="lower left")
    ax_s.grid(alpha=0.3, which="major")
    ax_t.axhline(normal_tail_mass([0.0], [1.0], threshold)[0], ls="--", color="k", lw=1.5)
    ax_t.set_ylim(1e-12, 1.0)
    ax_t.set_title(t["mc_tail_title"].format(thr=fmt(threshold, 0, t)))
    ax_t.set_xlabel(t["generation"])
    ax_t.set_ylabel(t["mc_tail_label"])
    ax_t.grid(alpha=0.3, which="major")
    x = np.linspace(-4.0, 4.0, 801)
    ax_d.semilogy(x, normal_pdf(x, 0.0, 1.0), color=COLOR_TRUE, lw=2.5, label=t["mc_real"])
    colors = matplotlib.colormaps["viridis"](np.linspace(0.1, 0.9, len(shown)))
    for g, color in zip(shown, colors, strict=True):
        ax_d.semilogy(
            x,
            normal_pdf(x, mus[0, g], sigmas[0, g]),
            lw=1.6,
            color=color,
            label=t["gen_n"].format(n=g),
        )
    ax_d.set_ylim(1e-4, 1e2)
    ax_d.set_title(t["mc_density_title"])
    ax_d.set_xlabel("x")
    ax_d.set_ylabel(t["mc_density_label"])
    ax_d.legend(fontsize=8, loc="upper right")
    return _localize(fig, t)


def plot_gmm_collapse(
    runs: Sequence[list[Mixture]], shown: Sequence[int], truth: Mixture, rare: float, t: dict
) -> Figure:
    """Left: densities of the first run at a few generations. Centre: mass beyond ``rare`` (the
    region of the small mode) per generation. Right: standard deviation of the whole mixture."""
    fig, axes = new_figure(1, 3, width=13.0, height=3.9)
    ax_d, ax_m, ax_s = axes[0]
    x = np.linspace(-5.0, 7.0, 600)
    ax_d.fill_between(x, truth.pdf(x), color="#dddddd", label=t["mc_real"])
    colors = matplotlib.colormaps["viridis"](np.linspace(0.1, 0.9, len(shown)))
    for g, color in zip(shown, colors, strict=True):
        ax_d.plot(x, runs[0][g].pdf(x), lw=1.6, color=color, label=t["gen_n"].format(n=g))
    ax_d.axvline(rare, ls=":", color="#666666", lw=1)
    ax_d.set_title(t["mc_gmm_density_title"])
    ax_d.set_xlabel("x")
    ax_d.set_ylabel(t["mc_density_label"])
    ax_d.set_ylim(0, min(2.0, ax_d.get_ylim()[1]))
    ax_d.legend(fontsize=8, loc="upper left")
    for i, run in enumerate(runs):
        gens = np.arange(len(run))
        ax_m.plot(gens, [m.mass_above(rare) for m in run], lw=1.4, label=t["seed"].format(i=i))
        ax_s.plot(gens, [m.std() for m in run], lw=1.4, label=t["seed"].format(i=i))
    ax_m.axhline(truth.mass_above(rare), ls="--", color="k", lw=1.5, label=t["mc_real"])
    ax_m.set_title(t["mc_rare_title"].format(thr=fmt(rare, 0, t)))
    ax_m.set_xlabel(t["generation"])
    ax_m.set_ylabel(t["mc_rare_label"].format(thr=fmt(rare, 0, t)))
    ax_m.set_ylim(0, None)
    ax_m.grid(alpha=0.3)
    ax_m.legend(fontsize=8, loc="upper right")
    ax_s.axhline(truth.std(), ls="--", color="k", lw=1.5, label=t["mc_real"])
    ax_s.set_title(t["mc_mix_std_title"])
    ax_s.set_xlabel(t["generation"])
    ax_s.set_ylabel(t["mc_std_label"])
    ax_s.set_ylim(0, None)
    ax_s.grid(alpha=0.3)
    ax_s.legend(fontsize=8, loc="lower left")
    return _localize(fig, t)


def plot_replace_accumulate(
    runs: Sequence[dict[str, tuple[np.ndarray, np.ndarray]]], t: dict
) -> Figure:
    """Left: fitted std per generation, both regimes, one line per seed. Right: W2 distance to
    the real distribution (thin: seeds, thick: mean over seeds)."""
    fig, axes = new_figure(1, 2, width=11.0, height=3.9)
    ax_s, ax_w = axes[0]
    colors = {"replace": COLOR_A, "accumulate": COLOR_B}
    for regime in ("replace", "accumulate"):
        w2_all = []
        for i, run in enumerate(runs):
            mus, sigmas = run[regime]
            gens = np.arange(len(mus))
            label = t[regime] if i == 0 else None
            ax_s.plot(gens, sigmas, lw=1.1, alpha=0.8, color=colors[regime], label=label)
            w2 = w2_to_truth(mus, sigmas)
            w2_all.append(w2)
            ax_w.plot(gens, w2, lw=0.8, alpha=0.35, color=colors[regime])
        ax_w.plot(
            gens,
            np.mean(w2_all, axis=0),
            lw=2.5,
            color=colors[regime],
            label=t["mc_mean_over_seeds"].format(regime=t[regime]),
        )
    ax_s.axhline(1.0, ls="--", color="k", lw=1)
    ax_s.set_ylim(0, None)
    ax_s.set_title(t["mc_std_title"])
    ax_s.set_xlabel(t["generation"])
    ax_s.set_ylabel(t["mc_std_label"])
    ax_s.legend(loc="lower left")
    ax_s.grid(alpha=0.3)
    ax_w.set_ylim(0, None)
    ax_w.set_title(t["mc_w2_title"])
    ax_w.set_xlabel(t["generation"])
    ax_w.set_ylabel(t["mc_w2_label"])
    ax_w.legend(loc="upper left")
    ax_w.grid(alpha=0.3)
    return _localize(fig, t)


def generation_chart(
    run: dict[str, tuple[np.ndarray, np.ndarray]], t: dict, ymax: float = 2.5
) -> alt.TopLevelMixin:
    """Interactive view: a generation slider; the fitted density at that generation for replace
    and accumulate side by side, over the real density. Only (generation, mean, std) is stored;
    the curves are computed in the browser."""
    generations = len(run["replace"][0]) - 1
    rows = []
    for regime in ("replace", "accumulate"):
        mus, sigmas = run[regime]
        rows += [
            {"gen": g, "regime": regime, "mu": round(float(m), 5), "sigma": round(float(s), 6)}
            for g, (m, s) in enumerate(zip(mus, sigmas, strict=True))
        ]
    gen = alt.param(
        name="gen",
        value=0,
        bind=alt.binding_range(min=0, max=generations, step=1, name=t["slider_gen"] + " "),
    )
    x_scale = alt.Scale(domain=[-4, 4], nice=False)
    y_scale = alt.Scale(domain=[0, ymax])

    def num(field: str) -> str:  # a number with the decimal mark of the language
        text = f"format(datum.{field}, '.3f')"
        return text if t["decimal_mark"] == "." else f"replace({text}, '.', '{t['decimal_mark']}')"

    pdf = "exp(-0.5 * pow((datum.x - datum.mu) / datum.sigma, 2)) / (datum.sigma * sqrt(2 * PI))"
    truth = (
        alt.Chart(alt.InlineData(values=[{"mu": 0.0, "sigma": 1.0}]))
        .transform_calculate(x="sequence(-4, 4.01, 0.02)")
        .transform_flatten(["x"])
        .transform_calculate(density=pdf)
        .mark_area(color="#cccccc", opacity=0.7)
        .encode(x=alt.X("x:Q", scale=x_scale, title="x"), y=alt.Y("density:Q", scale=y_scale))
    )
    panels = []
    for regime, color in (("replace", COLOR_A), ("accumulate", COLOR_B)):
        base = alt.Chart(alt.NamedData(name="fits")).transform_filter(
            f"datum.regime == '{regime}' && datum.gen == gen"
        )
        curve = (
            base.transform_calculate(x="sequence(-4, 4.0025, 0.005)")
            .transform_flatten(["x"])
            .transform_calculate(density=pdf)
            .mark_line(color=color, strokeWidth=2.5, clip=True)
            .encode(
                x=alt.X("x:Q", scale=x_scale, title="x"),
                y=alt.Y("density:Q", scale=y_scale, title=t["mc_density_label"]),
            )
        )
        label = (
            base.transform_calculate(text=f"'μ = ' + {num('mu')} + ',  σ = ' + {num('sigma')}")
            .mark_text(align="left", baseline="top", fontSize=12, dx=6, dy=6)
            .encode(text="text:N", x=alt.value(0), y=alt.value(0))
        )
        panels.append((truth + curve + label).properties(width=320, height=240, title=t[regime]))
    chart = alt.hconcat(*panels).add_params(gen).properties(datasets={"fits": rows})
    return style_chart(chart, t["alt_mc_interactive"])
