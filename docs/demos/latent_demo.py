"""Shared helpers for the demo notebooks on latent space, latent space collapse and model collapse.

The notebooks ``latent-space``, ``latent-space-collapse`` and ``model-collapse`` (each in English,
German and Spanish) keep only short calls in their code cells; everything they share lives here:
data generation, models, metrics, and figure and chart builders. The per-language strings used in
plots (titles, axis labels, legends, alt texts, slider labels) are site data (``data/demo.yml``
and ``data/demo.<lang>.yml`` in the site's repository); the copy of this file that the site
publishes, and that its build runs, carries them in ``_TEXTS``, returned by :func:`texts`.

Runs with numpy, scikit-learn, matplotlib and altair only, and also under Pyodide in a browser:
no threads are started, no file is written, nothing is downloaded. Every random draw is seeded, so
each run gives the same numbers and pictures.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

# jsonschema, which altair uses to validate chart specs, optionally imports an IRI parser that
# spends over a second building its grammar; altair never checks that format, so the optional
# import is skipped (it fails quietly, as if the package were absent). Nothing else changes.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import altair as alt  # noqa: E402
import matplotlib  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import style as mpl_style  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import ScalarFormatter  # noqa: E402

# scikit-learn parts are imported inside the functions that use them, so that each notebook only
# pays the import time of what it needs.


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
# Language strings
# ---------------------------------------------------------------------------------------------


# The plot strings of every language, {lang: {key: text}}: empty in the repository, filled in
# from data/demo*.yml in the copy the site publishes and its build runs.
_TEXTS: dict[str, dict[str, str]] = {}


def texts(lang: str) -> dict[str, str]:
    """The plot strings (titles, labels, legends, alt texts, slider labels) for one language.

    Args:
        lang: a language the site is published in (the notebook's ``DEMO_LANG``).

    Returns:
        A fresh dict from string key to text. Some texts are ``str.format`` templates.

    Raises:
        LookupError: for a language without plot strings (there is no silent fallback), or
            when this is the repository's copy, which has none: use the site's download.
    """
    if not _TEXTS:
        raise LookupError(
            "this copy of latent_demo.py has no plot strings: download it from the site, or "
            "build the site (the build writes data/demo*.yml into the copy it runs)"
        )
    if lang not in _TEXTS:
        raise LookupError(
            f"no plot strings for language {lang!r}: this copy has {', '.join(_TEXTS)} "
            f"(add data/demo.{lang}.yml to the site)"
        )
    return {"lang": lang, **_TEXTS[lang]}


def fmt(value: float, digits: int | None, t: dict[str, str]) -> str:
    """A number in the notation of the language in ``t``.

    Args:
        value: the number.
        digits: decimals to show; ``None`` gives the shortest form (``1``, ``0.05``, ``16``).
        t: texts of the language (its ``decimal_mark`` is used).
    """
    out = f"{value:g}" if digits is None else f"{value:.{digits}f}"
    return out.replace(".", t["decimal_mark"])


def fmt_list(values: Sequence[float] | np.ndarray, digits: int, t: dict[str, str]) -> str:
    """Numbers joined by the list separator of the language (``; `` with a decimal comma)."""
    return t["list_sep"].join(fmt(float(v), digits, t) for v in values)


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
# Notebook 1: latent space (digits, PCA, autoencoder, interpolation)
# ---------------------------------------------------------------------------------------------


def load_digit_data() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's bundled 8x8 digits (1,797 images; shipped with the package, no download).

    Returns:
        ``X`` with shape (1797, 64) scaled to [0, 1], and the labels ``y`` (0 to 9).
    """
    from sklearn.datasets import load_digits

    digits = load_digits()
    return digits.data / 16.0, digits.target


class PCAMap:
    """A 2-D latent space from PCA: encode = project onto 2 directions, decode = lift back."""

    def __init__(self, dim: int = 2, seed: int = 0) -> None:
        from sklearn.decomposition import PCA

        self.pca = PCA(n_components=dim, random_state=seed)

    def fit(self, X: np.ndarray) -> PCAMap:
        """Fit the principal directions; the mean image becomes the origin of the latent space."""
        self.pca.fit(X)
        return self

    def encode(self, X: np.ndarray) -> np.ndarray:
        """Latent codes, shape (n, dim); their mean is 0."""
        return self.pca.transform(X)

    def decode(self, Z: np.ndarray) -> np.ndarray:
        """Images (n, 64) from latent codes, clipped to the pixel range [0, 1]."""
        return np.clip(self.pca.inverse_transform(np.atleast_2d(Z)), 0.0, 1.0)


class DigitAutoencoder:
    """A small autoencoder 64 -> hidden -> 2 -> hidden -> 64 (tanh), trained to copy its input.

    It is an ``MLPRegressor`` fitted with ``X`` as both input and target; the encoder is the first
    half of its layers, the decoder the second half. Codes are shifted so that their mean is the
    origin, as in PCA, so that norms and spherical paths refer to the centre of the data.
    """

    def __init__(self, hidden: int = 32, max_iter: int = 150, seed: int = 0) -> None:
        from sklearn.neural_network import MLPRegressor

        self.mlp = MLPRegressor(
            hidden_layer_sizes=(hidden, 2, hidden),
            activation="tanh",
            solver="adam",
            batch_size=128,
            learning_rate_init=0.01,
            max_iter=max_iter,
            tol=0.0,
            n_iter_no_change=max_iter,
            random_state=seed,
        )
        self.center = np.zeros(2)

    def fit(self, X: np.ndarray) -> DigitAutoencoder:
        """Train on X (reconstruction of X from X); a fixed number of epochs, seeded."""
        from sklearn.exceptions import ConvergenceWarning

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            self.mlp.fit(X, X)
        self.center = self._bottleneck(X).mean(axis=0)
        return self

    def _bottleneck(self, X: np.ndarray) -> np.ndarray:
        h = np.asarray(X, dtype=float)
        for w, b in zip(self.mlp.coefs_[:2], self.mlp.intercepts_[:2], strict=True):
            h = np.tanh(h @ w + b)
        return h

    def encode(self, X: np.ndarray) -> np.ndarray:
        """Centred 2-D codes, shape (n, 2)."""
        return self._bottleneck(X) - self.center

    def decode(self, Z: np.ndarray) -> np.ndarray:
        """Images (n, 64) from centred codes, clipped to [0, 1]."""
        h = np.atleast_2d(Z) + self.center
        weights, biases = self.mlp.coefs_[2:], self.mlp.intercepts_[2:]
        for w, b in zip(weights[:-1], biases[:-1], strict=True):
            h = np.tanh(h @ w + b)
        return np.clip(h @ weights[-1] + biases[-1], 0.0, 1.0)


def reconstruction_error(model: PCAMap | DigitAutoencoder, X: np.ndarray) -> float:
    """Mean squared pixel error of encoding and decoding X."""
    return float(np.mean((model.decode(model.encode(X)) - X) ** 2))


def class_medoid(Z: np.ndarray, y: np.ndarray, label: int) -> np.ndarray:
    """The code of the most typical example of a class: the one closest to the class median."""
    members = Z[y == label]
    median = np.median(members, axis=0)
    return members[np.argmin(np.linalg.norm(members - median, axis=1))]


def lerp(z0: np.ndarray, z1: np.ndarray, ts: np.ndarray) -> np.ndarray:
    """Linear interpolation ``(1 - t) z0 + t z1`` for each t; shape (len(ts), dim)."""
    ts = np.asarray(ts, dtype=float)[:, None]
    return (1.0 - ts) * z0 + ts * z1


def slerp(z0: np.ndarray, z1: np.ndarray, ts: np.ndarray) -> np.ndarray:
    """Spherical linear interpolation along the great circle from z0 to z1 (White, 2016).

    Falls back to :func:`lerp` when the angle between the codes is close to 0 or pi, where the
    formula divides by almost zero.
    """
    ts = np.asarray(ts, dtype=float)[:, None]
    cos_omega = float(np.dot(z0, z1) / (np.linalg.norm(z0) * np.linalg.norm(z1)))
    omega = math.acos(min(1.0, max(-1.0, cos_omega)))
    if math.sin(omega) < 1e-6:
        return lerp(z0, z1, ts[:, 0])
    return (np.sin((1.0 - ts) * omega) * z0 + np.sin(ts * omega) * z1) / math.sin(omega)


def angle_deg(z0: np.ndarray, z1: np.ndarray) -> float:
    """Angle between two codes as seen from the origin, in degrees."""
    cos_omega = float(np.dot(z0, z1) / (np.linalg.norm(z0) * np.linalg.norm(z1)))
    return math.degrees(math.acos(min(1.0, max(-1.0, cos_omega))))


def midpoint_norms(dims: Sequence[int], n_pairs: int = 2000, seed: int = 0) -> list[dict]:
    """How atypical the midpoint of a straight path between two N(0, I) draws is, per dimension.

    For each d, draws ``n_pairs`` pairs of standard normal vectors and compares the norm of the
    midpoint ``(z0 + z1) / 2`` with the spread of norms of the draws themselves.

    Returns:
        One dict per dimension with ``d``, ``norm_mean`` and ``norm_sd`` (norms of the draws),
        ``mid_mean`` (mean norm of midpoints) and ``z`` (midpoint norm in standard deviations
        from the typical norm; negative = closer to the origin than typical codes).
    """
    rng = np.random.default_rng(seed)
    rows = []
    for d in dims:
        z0 = rng.standard_normal((n_pairs, d))
        z1 = rng.standard_normal((n_pairs, d))
        norms = np.linalg.norm(z0, axis=1)
        mid = np.linalg.norm((z0 + z1) / 2.0, axis=1)
        rows.append(
            {
                "d": int(d),
                "norm_mean": float(norms.mean()),
                "norm_sd": float(norms.std()),
                "mid_mean": float(mid.mean()),
                "z": float((mid.mean() - norms.mean()) / norms.std()),
            }
        )
    return rows


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


def random_relu_embeddings(
    X: np.ndarray, dim: int = 32, hidden: int = 128, seed: int = 0
) -> np.ndarray:
    """Embeddings from an untrained two-layer ReLU network with random Gaussian weights.

    A stand-in for a healthy encoder: nothing pushes its outputs into a subspace.
    """
    rng = np.random.default_rng(seed)
    Xc = X - X.mean(axis=0)
    w1 = rng.normal(0.0, 1.0 / math.sqrt(X.shape[1]), size=(X.shape[1], hidden))
    b1 = rng.normal(0.0, 0.1, size=hidden)
    w2 = rng.normal(0.0, 1.0 / math.sqrt(hidden), size=(hidden, dim))
    return np.maximum(Xc @ w1 + b1, 0.0) @ w2


def squash_spectrum(E: np.ndarray, keep: int, factor: float) -> np.ndarray:
    """Embeddings pushed toward a ``keep``-dimensional subspace.

    Every principal direction after the first ``keep`` is scaled by ``factor`` (1 = unchanged,
    0 = exactly rank ``keep``): dimensional collapse with an adjustable strength.
    """
    mean = E.mean(axis=0)
    u, s, vt = np.linalg.svd(E - mean, full_matrices=False)
    s = s.copy()
    s[keep:] *= factor
    return (u * s) @ vt + mean


def singular_values(E: np.ndarray) -> np.ndarray:
    """Singular values of the centred embedding matrix, largest first."""
    return np.linalg.svd(E - E.mean(axis=0), compute_uv=False)


def effective_rank(s: np.ndarray) -> float:
    """Effective rank (Roy & Vetterli, 2007): exp of the entropy of the normalised singular values.

    It is 1 when one singular value carries everything and equals the number of values when they
    are all equal.
    """
    s = np.asarray(s, dtype=float)
    p = s / s.sum()
    p = p[p > 0]
    return float(np.exp(-np.sum(p * np.log(p))))


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


def factor_data(
    n: int = 2000,
    dim: int = 12,
    factor_vars: Sequence[float] = (4.0, 2.0, 1.0, 0.5, 0.25, 0.12),
    noise_var: float = 0.02,
    seed: int = 0,
) -> np.ndarray:
    """Data from a linear factor model: hidden factors mixed into ``dim`` coordinates plus noise.

    The data covariance then has one large eigenvalue per factor (about ``factor_var +
    noise_var``) and ``noise_var`` elsewhere.
    """
    rng = np.random.default_rng(seed)
    k = len(factor_vars)
    loading, _ = np.linalg.qr(rng.standard_normal((dim, k)))  # orthonormal columns
    factors = rng.standard_normal((n, k)) * np.sqrt(np.asarray(factor_vars))
    return factors @ loading.T + rng.normal(0.0, math.sqrt(noise_var), size=(n, dim))


@dataclass
class LinearVAE:
    """The optimum of a linear VAE with Gaussian decoder ``x ~ N(W z + mean, noise_var I)``.

    ``encoder`` maps centred data to posterior means (shape (latent_dim, dim)); ``post_var`` holds
    the per-dimension posterior variances.
    """

    mean: np.ndarray
    W: np.ndarray
    encoder: np.ndarray
    post_var: np.ndarray
    eigvals: np.ndarray
    noise_var: float
    beta: float


def fit_linear_vae(
    X: np.ndarray, latent_dim: int, noise_var: float, beta: float = 1.0
) -> LinearVAE:
    """The closed-form optimum of the β-weighted ELBO of a linear Gaussian VAE.

    With a linear decoder and a Gaussian encoder whose covariance does not depend on x, the
    encoder can represent the exact posterior, and the optimum equals probabilistic PCA fitted
    with fixed observation noise ``beta * noise_var`` (multiplying the KL term by β acts like
    multiplying the noise by β). Latent dimension i pairs with the i-th eigenvalue λ_i of the data
    covariance; its decoder column has squared length ``max(λ_i - beta * noise_var, 0)``, so every
    dimension whose eigenvalue lies below the effective noise collapses (Lucas et al., 2019).
    """
    mean = X.mean(axis=0)
    cov = np.cov(X - mean, rowvar=False)
    eigvals, eigvecs = np.linalg.eigh(cov)
    order = np.argsort(eigvals)[::-1]
    eigvals, eigvecs = eigvals[order], eigvecs[:, order]
    lam, u = eigvals[:latent_dim], eigvecs[:, :latent_dim]
    s2 = beta * noise_var
    scale = np.sqrt(np.maximum(lam - s2, 0.0))  # length of each decoder column
    m_diag = np.maximum(lam, s2)  # diagonal of M = W^T W + s2 I
    return LinearVAE(
        mean=mean,
        W=u * scale,
        encoder=(scale / m_diag)[:, None] * u.T,
        post_var=s2 / m_diag,
        eigvals=eigvals,
        noise_var=noise_var,
        beta=beta,
    )


def kl_per_dimension(vae: LinearVAE, X: np.ndarray) -> np.ndarray:
    """Average KL(q(z_i | x) || N(0, 1)) over the data, per latent dimension, in nats."""
    mu = (X - vae.mean) @ vae.encoder.T
    v = vae.post_var
    return np.mean(0.5 * (v + mu**2 - 1.0 - np.log(v)), axis=0)


def active_units(vae: LinearVAE, X: np.ndarray, threshold: float = 1e-2) -> np.ndarray:
    """Active-unit test of Burda et al. (2016): Var over x of the posterior mean > threshold."""
    mu = (X - vae.mean) @ vae.encoder.T
    return mu.var(axis=0) > threshold


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


def ring_data(
    n: int = 1600, modes: int = 8, radius: float = 2.0, spread: float = 0.25, seed: int = 0
) -> np.ndarray:
    """2-D points in ``modes`` Gaussian blobs evenly spaced on a circle."""
    rng = np.random.default_rng(seed)
    angle = 2.0 * np.pi * rng.integers(0, modes, size=n) / modes
    centres = radius * np.column_stack([np.cos(angle), np.sin(angle)])
    return centres + rng.normal(0.0, spread, size=(n, 2))


def bad_codebook(size: int, corner: Sequence[float] = (4.0, 4.0), seed: int = 0) -> np.ndarray:
    """A bad initialisation: all codes packed into a small cloud outside the data."""
    rng = np.random.default_rng(seed)
    return np.asarray(corner, dtype=float) + rng.normal(0.0, 0.3, size=(size, 2))


def good_codebook(X: np.ndarray, size: int, seed: int = 0) -> np.ndarray:
    """A good initialisation: k-means++ seeding, so every code starts on a data point."""
    from sklearn.cluster import kmeans_plusplus

    centres, _ = kmeans_plusplus(X, n_clusters=size, random_state=seed)
    return centres


def perplexity(counts: np.ndarray) -> float:
    """Codebook perplexity: exp of the entropy of the code usage frequencies."""
    p = np.asarray(counts, dtype=float)
    p = p[p > 0] / p.sum()
    return float(np.exp(-np.sum(p * np.log(p))))


@dataclass
class VQResult:
    """A trained codebook and its history."""

    init: np.ndarray
    codebook: np.ndarray
    assign: np.ndarray
    counts: np.ndarray
    perplexity_history: list[float] = field(default_factory=list)

    @property
    def used(self) -> int:
        """Number of codes that receive at least one point."""
        return int(np.sum(self.counts > 0))

    @property
    def perplexity(self) -> float:
        """Perplexity of the final code usage."""
        return perplexity(self.counts)


def _assign(X: np.ndarray, codebook: np.ndarray) -> np.ndarray:
    d2 = ((X[:, None, :] - codebook[None, :, :]) ** 2).sum(axis=2)
    return np.argmin(d2, axis=1)


def train_codebook(
    X: np.ndarray, init: np.ndarray, iters: int = 30, decay: float = 0.5
) -> VQResult:
    """Vector quantization with k-means style updates (as the EMA updates of VQ-VAE).

    Each step assigns every point to its nearest code and moves each code a fraction ``1 -
    decay`` of the way to the mean of its points. A code that wins no point is not updated at
    all: it stays where it is, which is how dead codes arise.
    """
    codebook = np.array(init, dtype=float)
    history = []
    for _ in range(iters):
        assign = _assign(X, codebook)
        counts = np.bincount(assign, minlength=len(codebook))
        history.append(perplexity(counts))
        for k in np.flatnonzero(counts):
            target = X[assign == k].mean(axis=0)
            codebook[k] = decay * codebook[k] + (1.0 - decay) * target
    assign = _assign(X, codebook)
    counts = np.bincount(assign, minlength=len(codebook))
    history.append(perplexity(counts))
    return VQResult(np.array(init), codebook, assign, counts, history)


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


def gaussian_chain(
    n_samples: int, generations: int, seed: int, mu0: float = 0.0, sigma0: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """The Gaussian example of Shumailov et al. (2024), each generation trained on the last.

    Generation 0 is fitted to ``n_samples`` real points from N(mu0, sigma0^2); generation n+1 is
    fitted (sample mean, unbiased standard deviation) to ``n_samples`` points drawn from
    generation n.

    Returns:
        Fitted means and standard deviations, each of shape (generations + 1,).
    """
    rng = np.random.default_rng(seed)
    mus, sigmas = np.empty(generations + 1), np.empty(generations + 1)
    x = rng.normal(mu0, sigma0, size=n_samples)
    for g in range(generations + 1):
        mus[g], sigmas[g] = x.mean(), x.std(ddof=1)
        x = rng.normal(mus[g], sigmas[g], size=n_samples)
    return mus, sigmas


def normal_tail_mass(
    mus: np.ndarray, sigmas: np.ndarray, threshold: float = 2.0, mu0: float = 0.0
) -> np.ndarray:
    """Probability a fitted N(mu, sigma^2) puts beyond ``|x - mu0| > threshold``.

    For the real distribution N(0, 1) and threshold 2 it is about 0.0455.
    """
    out = []
    for mu, sigma in zip(np.atleast_1d(mus), np.atleast_1d(sigmas), strict=True):
        upper = 0.5 * math.erfc((mu0 + threshold - mu) / (sigma * math.sqrt(2.0)))
        lower = 0.5 * math.erfc((mu - mu0 + threshold) / (sigma * math.sqrt(2.0)))
        out.append(upper + lower)
    return np.array(out)


def _normal_pdf(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    return np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * math.sqrt(2.0 * math.pi))


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
    ax_d.semilogy(x, _normal_pdf(x, 0.0, 1.0), color=COLOR_TRUE, lw=2.5, label=t["mc_real"])
    colors = matplotlib.colormaps["viridis"](np.linspace(0.1, 0.9, len(shown)))
    for g, color in zip(shown, colors, strict=True):
        ax_d.semilogy(
            x,
            _normal_pdf(x, mus[0, g], sigmas[0, g]),
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


@dataclass
class Mixture:
    """A 1-D Gaussian mixture: weights, means and standard deviations, sorted by mean."""

    weights: np.ndarray
    means: np.ndarray
    stds: np.ndarray

    def pdf(self, x: np.ndarray) -> np.ndarray:
        """Density at x."""
        x = np.asarray(x, dtype=float)[:, None]
        comp = np.exp(-0.5 * ((x - self.means) / self.stds) ** 2) / (
            self.stds * math.sqrt(2.0 * math.pi)
        )
        return comp @ self.weights

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """n independent draws."""
        k = rng.choice(len(self.weights), size=n, p=self.weights / self.weights.sum())
        return rng.normal(self.means[k], self.stds[k])

    def mass_above(self, threshold: float) -> float:
        """P(X > threshold)."""
        z = (threshold - self.means) / (self.stds * math.sqrt(2.0))
        return float(np.sum(self.weights * 0.5 * np.array([math.erfc(v) for v in z])))

    def std(self) -> float:
        """Standard deviation of the whole mixture."""
        m = float(np.sum(self.weights * self.means))
        return math.sqrt(float(np.sum(self.weights * (self.stds**2 + (self.means - m) ** 2))))


REAL_MIXTURE = Mixture(
    weights=np.array([0.55, 0.35, 0.10]),
    means=np.array([-2.0, 1.0, 4.5]),
    stds=np.array([0.6, 0.8, 0.5]),
)


def gmm_chain(
    truth: Mixture, n_samples: int, generations: int, seed: int, components: int = 3
) -> list[Mixture]:
    """The recursive experiment with ``sklearn.mixture.GaussianMixture`` as the model.

    Generation 0 is fitted to ``n_samples`` real points; every later generation to
    ``n_samples`` points sampled from the previous fit. The model has as many components as the
    truth, so only the finite sample drives the drift.
    """
    from sklearn.mixture import GaussianMixture

    rng = np.random.default_rng(seed)
    x = truth.sample(n_samples, rng)
    fits = []
    for g in range(generations + 1):
        gm = GaussianMixture(
            n_components=components,
            covariance_type="diag",  # the same as "full" in one dimension, and faster
            init_params="k-means++",
            random_state=seed * 10_000 + g,
        ).fit(x[:, None])
        order = np.argsort(gm.means_[:, 0])
        fits.append(
            Mixture(
                weights=gm.weights_[order],
                means=gm.means_[order, 0],
                stds=np.sqrt(gm.covariances_[order].reshape(-1)),
            )
        )
        x = gm.sample(n_samples)[0][:, 0]
    return fits


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


def replace_vs_accumulate(
    n_samples: int, generations: int, seed: int, mu0: float = 0.0, sigma0: float = 1.0
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The Gaussian chain under the two data regimes of Gerstgrasser et al. (2024).

    ``"replace"``: generation n is fitted only to the samples of generation n - 1.
    ``"accumulate"``: generation n is fitted to the real data plus all synthetic samples of the
    generations before it. Both start from the same real sample.

    Returns:
        For each regime, fitted means and standard deviations of shape (generations + 1,).
    """
    rng = np.random.default_rng(seed)
    real = rng.normal(mu0, sigma0, size=n_samples)
    out = {}
    for regime in ("replace", "accumulate"):
        sub = np.random.default_rng([seed, 1 if regime == "replace" else 2])
        mus, sigmas = np.empty(generations + 1), np.empty(generations + 1)
        pool, total, total_sq, count = real, real.sum(), (real**2).sum(), real.size
        for g in range(generations + 1):
            if regime == "replace":
                mus[g], sigmas[g] = pool.mean(), pool.std(ddof=1)
            else:  # running sums: the pool grows by n_samples each generation
                mean = total / count
                mus[g], sigmas[g] = mean, math.sqrt((total_sq - count * mean**2) / (count - 1))
            new = sub.normal(mus[g], sigmas[g], size=n_samples)
            if regime == "replace":
                pool = new
            else:
                total, total_sq = total + new.sum(), total_sq + (new**2).sum()
                count += new.size
        out[regime] = (mus, sigmas)
    return out


def w2_to_truth(
    mus: np.ndarray, sigmas: np.ndarray, mu0: float = 0.0, sigma0: float = 1.0
) -> np.ndarray:
    """Wasserstein-2 distance between fitted Gaussians and the real N(mu0, sigma0^2)."""
    return np.sqrt((np.asarray(mus) - mu0) ** 2 + (np.asarray(sigmas) - sigma0) ** 2)


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
