"""Draw the explanatory diagrams of the glossary with matplotlib, in every language.

    python scripts/diagrams.py --out site/diagrams             # every diagram in every language
    python scripts/diagrams.py --out /tmp/d --lang de          # one language (repeatable)
    python scripts/diagrams.py --out /tmp/d --name model-collapse-loop

Writes <name>.<lang>.svg (text kept as <text>, so it stays searchable) and <name>.<lang>.png
(2x the SVG's pixel size) for each diagram. All visible text comes from data/diagrams.yml
(English) and data/diagrams.<lang>.yml; the bytes are identical on every run.
"""

from __future__ import annotations

import argparse
import functools
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib import style as mpl_style
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import ConnectionPatch, FancyArrowPatch, FancyBboxPatch, Polygon, Rectangle
from matplotlib.text import Text
from matplotlib.textpath import text_to_path
from matplotlib.transforms import offset_copy

from .data import read_yaml
from .languages import ROOT, default_language
from .languages import languages as configured_languages

DATA = ROOT / "data" / "diagrams.yml"


def _languages() -> tuple[str, ...]:
    """The source language and every language with a data/diagrams.<lang>.yml, except the
    languages in progress: a published diagram URL is permanent, so a language gets its
    diagrams once it is marked complete (until then its pages show the source's)."""
    pending = configured_languages().in_progress
    own = sorted(path.name.split(".")[1] for path in DATA.parent.glob("diagrams.*.yml"))
    return (default_language(), *(lang for lang in own if lang not in pending))


LANGUAGES = _languages()
FORMATS = ("svg", "png")
NAMES: tuple[str, ...] = (
    "autoencoder-latent-space",
    "latent-space-collapse-kinds",
    "model-collapse-loop",
)

# Sizes are CSS pixels (96 per inch): the SVG is width x height px (matplotlib writes the size in
# pt, 1 pt = 4/3 px), the PNG has PNG_SCALE times as many pixels each way.
PX_PER_IN = 96
PNG_SCALE = 2
SEED = 20240601
LINE_SPACING = 1.25  # baseline to baseline, in font sizes

# A fixed style on top of matplotlib's defaults, whatever a local matplotlibrc says.
STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "glossary-diagrams",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "text.parse_math": False,
    "axes.linewidth": 0.8,
    "legend.frameon": False,
    "path.simplify": False,
}
SVG_METADATA = {"Date": None, "Creator": None}
PNG_METADATA = {"Software": None}

# Okabe-Ito colours (colour-blind safe, at least 3:1 against both cards) for the data.
BLUE, SKY, GREEN, ORANGE = "#0072B2", "#56B4E9", "#009E73", "#E69F00"
VERMILLION = "#D55E00"


@dataclass(frozen=True)
class Palette:
    """The neutral colours of one mode: text, secondary text, faint lines, the card, borders,
    panels; `ink_pixels` draws the digit images light on dark."""

    ink: str
    muted: str
    faint: str
    card: str
    border: str
    panel: str
    ink_pixels: bool = False


MODES = {
    "light": Palette("#1f2328", "#57606a", "#afb8c1", "#ffffff", "#d0d7de", "#f6f8fa"),
    "dark": Palette("#e6edf3", "#9da7b3", "#545d68", "#0d1117", "#3d444d", "#161b22", True),
}
P = MODES["light"]  # the mode being drawn (render sets it)
LANG_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


# --- texts -----------------------------------------------------------------------------------


def _load(path: Path) -> dict:
    if not path.is_file():
        return {}
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping from diagram name to texts")
    return data


def texts(lang: str) -> dict:
    """The texts of every diagram in `lang`: {name: {entry, title, caption, alt, labels}}.

    Anything the translation lacks (the whole file, a diagram, a field, a label) is in the
    source language.
    """
    if not LANG_CODE.fullmatch(lang):
        raise ValueError(f"not a language code: {lang!r} (use one of {', '.join(LANGUAGES)})")
    english = _load(DATA)
    own_file = {} if lang == LANGUAGES[0] else _load(DATA.with_name(f"diagrams.{lang}.yml"))
    result: dict[str, dict] = {}
    for name, source in english.items():
        own = own_file.get(name) or {}
        item = {key: own.get(key) or value for key, value in source.items() if key != "labels"}
        item["entry"] = source.get("entry")
        own_labels = own.get("labels") or {}
        item["labels"] = {
            key: own_labels.get(key) or value for key, value in (source.get("labels") or {}).items()
        }
        result[name] = item
    return result


# --- drawing helpers -------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _text_width(text: str, size: float, weight: str) -> float:
    """Width of one line of `text` in px with the font the PNG uses (STYLE: DejaVu Sans)."""
    prop = FontProperties(family="sans-serif", size=size, weight=weight)
    width, _, _ = text_to_path.get_text_width_height_descent(text, prop, ismath=False)
    return width * PX_PER_IN / 72


def _wrap(text: str, width: float, size: float, weight: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):  # not at no-break spaces
            if not word:
                continue
            trial = f"{line} {word}" if line else word
            if line and _text_width(trial, size, weight) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def _balanced(text: str, width: float, size: float, weight: str) -> list[str]:
    """Wrapped into as few lines as at `width`, but with lines of even length."""
    lines = _wrap(text, width, size, weight)
    if len(lines) < 2:
        return lines
    low, high = 0.0, width
    for _ in range(10):
        middle = (low + high) / 2
        if len(_wrap(text, middle, size, weight)) <= len(lines):
            high = middle
        else:
            low = middle
    return _wrap(text, high, size, weight)


def fit(
    text: str, width: float, size: float, lines: int = 2, weight: str = "normal"
) -> tuple[str, float]:
    """`text` wrapped into at most `lines` lines of at most `width` px: (text, font size).

    Shrinks the font (down to 80 %) when a translation is too long for the space; if even that
    is not enough, the last line runs over (never more than `lines` lines).
    """
    smallest = round(size * 0.8, 1)
    while True:
        wrapped = _balanced(text, width, size, weight)
        fits = len(wrapped) <= lines and all(
            _text_width(line, size, weight) <= width for line in wrapped
        )
        if fits or size <= smallest:
            if len(wrapped) > lines:
                wrapped = wrapped[: lines - 1] + [" ".join(wrapped[lines - 1 :])]
            return "\n".join(wrapped), size
        size = max(smallest, size - 0.5)


def _height(text: str, size: float) -> float:
    """Height in px of `text` (as wrapped by fit) at font size `size` pt."""
    return (text.count("\n") * LINE_SPACING + 1) * size * PX_PER_IN / 72


class Canvas:
    """A figure of width x height px on a rounded opaque card; draws in px from bottom left."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.fig = Figure(
            figsize=(width / PX_PER_IN, height / PX_PER_IN), dpi=PX_PER_IN, facecolor="none"
        )
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, width)
        self.ax.set_ylim(0, height)
        self.ax.set_axis_off()
        self.ax.add_patch(
            FancyBboxPatch(
                (1, 1),
                width - 2,
                height - 2,
                boxstyle="round,pad=0,rounding_size=14",
                facecolor=P.card,
                edgecolor=P.border,
                linewidth=1,
            )
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = 10,
        width: float | None = None,
        lines: int = 2,
        weight: str = "normal",
        color: str | None = None,
        ha: str = "center",
        va: str = "center",
        style: str = "normal",
        zorder: float = 5,
        on: Axes | None = None,
        background: str | None = None,
    ) -> list[Text]:
        """Draw `text` at (x, y) px, or in the data coordinates of the plot `on` (and above it).

        With `width` (px), the text is wrapped into at most `lines` lines to fit (see fit). Each
        line is its own text, LINE_SPACING font sizes apart, so every block is spaced alike.
        """
        if width is not None:
            text, size = fit(text, width, size, lines, weight)
        color = color or P.ink
        ax = on or self.ax
        rows = text.split("\n")
        first = {"top": 0.0, "center": (len(rows) - 1) / 2, "bottom": len(rows) - 1.0}
        drawn = []
        for row, line in enumerate(rows):
            shift = (first.get(va, 0.0) - row) * LINE_SPACING * size  # points
            drawn.append(
                ax.text(
                    x,
                    y,
                    line,
                    transform=offset_copy(ax.transData, self.fig, y=shift, units="points"),
                    fontsize=size,
                    fontweight=weight,
                    fontstyle=style,
                    color=color,
                    ha=ha,
                    va=va,
                    zorder=zorder,
                    bbox={"facecolor": background, "edgecolor": "none", "pad": 3}
                    if background
                    else None,
                )
            )
        return drawn

    def title(self, text: str) -> list[Text]:
        """The diagram's title, top left."""
        return self.text(
            24,
            self.height - 20,
            text,
            size=15,
            weight="bold",
            ha="left",
            va="top",
            lines=1,
            width=self.width - 48,
        )

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        face: str | None = None,
        edge: str | None = None,
        linewidth: float = 1,
        radius: float = 8,
    ) -> FancyBboxPatch:
        """A rounded box at (x, y), w by h, in the given colours."""
        patch = FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle=f"round,pad=0,rounding_size={radius}",
            facecolor=face or P.panel,
            edgecolor=edge or P.border,
            linewidth=linewidth,
            zorder=2,
        )
        self.ax.add_patch(patch)
        return patch

    def arrow(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        *,
        bend: float = 0,
        color: str | None = None,
        linewidth: float = 1.6,
    ) -> FancyArrowPatch:
        """An arrow from `start` to `end`, straight or bent into an arc by `bend`."""
        patch = FancyArrowPatch(
            start,
            end,
            connectionstyle=f"arc3,rad={bend}",
            arrowstyle="-|>",
            mutation_scale=14,
            color=color or P.ink,
            linewidth=linewidth,
            shrinkA=0,
            shrinkB=0,
            zorder=4,
        )
        self.ax.add_patch(patch)
        return patch

    def axes(self, x: float, y: float, w: float, h: float) -> Axes:
        """A plot at (x, y) px, w x h px: left and bottom spines only, no ticks."""
        ax = self.fig.add_axes((x / self.width, y / self.height, w / self.width, h / self.height))
        ax.set_facecolor("none")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_color(P.muted)
        ax.set_xticks([])
        ax.set_yticks([])
        return ax


def _axis_labels(ax: Axes, xlabel: str, ylabel: str, size: float = 8.5) -> None:
    ax.set_xlabel(xlabel, fontsize=size, color=P.muted, labelpad=3)
    ax.set_ylabel(ylabel, fontsize=size, color=P.muted, labelpad=3)


def _legend(ax: Axes, loc: str, size: float = 8.5) -> None:
    legend = ax.legend(loc=loc, fontsize=size, handlelength=1.6, borderaxespad=0.2)
    for text in legend.get_texts():
        text.set_color(P.ink)


# --- 1. autoencoder-latent-space -------------------------------------------------------------

DIGIT = (
    "..###..",
    ".#...#.",
    ".....#.",
    "....#..",
    "...#...",
    "..#....",
    ".#####.",
)


def _pixels(canvas: Canvas, x: float, y: float, cell: float, values: np.ndarray) -> None:
    """A small greyscale image, one square per value (0 white .. 1 ink), top row first."""
    rows = values.shape[0]
    for (row, col), value in np.ndenumerate(values):
        shade = 0.1 + 0.8 * float(value) if P.ink_pixels else 1 - 0.88 * float(value)
        canvas.ax.add_patch(
            Rectangle(
                (x + col * cell, y + (rows - 1 - row) * cell),
                cell,
                cell,
                facecolor=(shade * 0.98, shade * 0.99, shade),
                edgecolor=P.border,
                linewidth=0.4,
                zorder=3,
            )
        )


def _autoencoder(title: str, labels: dict[str, str]) -> Figure:
    canvas = Canvas(800, 450)
    canvas.title(title)
    rng = np.random.default_rng(SEED)
    mid = 228  # vertical centre of the flow
    x_in, x_out = 66, 722  # centres of the input and the reconstruction

    # Input and reconstruction: a hand-drawn digit and a slightly blurred copy.
    digit = np.array([[c == "#" for c in row] for row in DIGIT], dtype=float)
    padded = np.pad(digit, 1)
    blur = (
        sum(padded[1 + dy : 8 + dy, 1 + dx : 8 + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)) / 9
    )
    recon = np.clip(0.72 * digit + 0.5 * blur, 0, 1)
    cell, side = 12, 84
    for centre, values, key in ((x_in, digit, "input"), (x_out, recon, "output")):
        _pixels(canvas, centre - side / 2, mid - side / 2, cell, values)
        canvas.text(
            centre,
            mid + side / 2 + 12,
            labels[key],
            size=10.5,
            weight="bold",
            width=142,
            va="bottom",
        )

    # Encoder (narrowing) and decoder (widening) as trapezoids.
    for left, right, wide_left, key, note, color in (
        (128, 240, True, "encoder", "encoder_note", BLUE),
        (548, 660, False, "decoder", "decoder_note", VERMILLION),
    ):
        tall, short = 52, 22
        hl, hr = (tall, short) if wide_left else (short, tall)
        canvas.ax.add_patch(
            Polygon(
                [(left, mid - hl), (right, mid - hr), (right, mid + hr), (left, mid + hl)],
                closed=True,
                facecolor=color,
                edgecolor=color,
                linewidth=1.2,
                zorder=3,
            )
        )
        canvas.text(
            (left + right) / 2,
            mid,
            labels[key],
            size=10,
            weight="bold",
            color=P.card,
            width=(right - left) - 10,
            lines=1,
        )
        canvas.text(
            (left + right) / 2,
            mid - tall - 10,
            labels[note],
            size=8.5,
            color=P.muted,
            width=120,
            lines=3,
            va="top",
        )

    # The latent space: three clusters, a chosen point z and an interpolation path.
    ax_x, ax_y, ax_w, ax_h = 292, 106, 232, 240
    ax = canvas.axes(ax_x, ax_y, ax_w, ax_h)
    ax.set_facecolor(P.panel)
    ax.set_xlim(-3.4, 3.4)
    ax.set_ylim(-3.2, 3.2)
    centres = ((-2.0, 1.2), (2.0, 1.4), (0.0, -1.4))
    for (cx, cy), color in zip(centres, (ORANGE, SKY, GREEN), strict=True):
        points = np.clip(rng.normal((cx, cy), 0.36, size=(22, 2)), -3.1, 3.1)
        ax.scatter(
            points[:, 0], points[:, 1], s=16, color=color, edgecolor=P.card, linewidth=0.5, zorder=2
        )
    start, end = np.array((-1.8, 1.2)), np.array((1.8, 1.4))
    steps = np.linspace(0, 1, 6)
    path = start + steps[:, None] * (end - start)
    ax.plot(path[:, 0], path[:, 1], color=P.ink, linestyle="--", linewidth=1.2, zorder=3)
    ax.scatter(
        path[1:-1, 0], path[1:-1, 1], s=22, facecolor=P.card, edgecolor=P.ink, linewidth=1, zorder=4
    )
    ax.scatter(*zip(start, end, strict=True), s=44, color=P.ink, zorder=5)
    _axis_labels(ax, labels["dim_1"], labels["dim_2"])
    ax.yaxis.set_label_coords(-0.04, 0.0)
    ax.yaxis.label.set(ha="left", va="bottom")
    canvas.text(
        ax_x + ax_w / 2,
        ax_y + ax_h + 10,
        labels["latent_space"],
        size=11,
        weight="bold",
        width=ax_w + 40,
        lines=1,
        va="bottom",
    )
    canvas.text(0, 2.2, labels["interpolation"], size=8.5, width=124, lines=2, va="bottom", on=ax)
    canvas.text(
        0, -2.75, labels["clusters"], size=8.5, color=P.muted, width=ax_w - 12, lines=1, on=ax
    )
    canvas.text(
        -3.2, -0.1, labels["point"], size=8.5, width=100, lines=2, ha="left", va="top", on=ax
    )
    ax.annotate(
        "",
        xy=(-1.85, 1.05),
        xytext=(-2.6, 0.0),
        arrowprops={"arrowstyle": "-|>", "color": P.ink, "linewidth": 1, "shrinkB": 4},
    )

    # Arrows: x -> encoder -> z, z -> decoder -> x^.
    canvas.arrow((x_in + side / 2 + 2, mid), (125, mid))
    for a, b, coords_a, coords_b in (
        ((244, mid), tuple(start), canvas.ax.transData, ax.transData),
        (tuple(end), (544, mid), ax.transData, canvas.ax.transData),
    ):
        canvas.fig.add_artist(
            ConnectionPatch(
                a,
                b,
                coordsA=coords_a,
                coordsB=coords_b,
                connectionstyle="arc3,rad=-0.25",
                arrowstyle="-|>",
                mutation_scale=14,
                color=P.ink,
                linewidth=1.6,
                shrinkA=3,
                shrinkB=5,
                zorder=6,
            )
        )
    canvas.arrow((663, mid), (x_out - side / 2 - 2, mid))

    # Training objective: compare x^ with x.
    low = 42
    canvas.ax.plot(
        [x_in, x_in, x_out, x_out],
        [mid - side / 2 - 8, low, low, mid - side / 2 - 8],
        color=P.muted,
        linestyle=(0, (4, 3)),
        linewidth=1.1,
        zorder=2,
    )
    canvas.text(
        (x_in + x_out) / 2,
        low,
        labels["loss"],
        size=9,
        width=520,
        lines=1,
        zorder=6,
        background=P.card,
    )
    return canvas.fig


# --- 2. latent-space-collapse-kinds ---------------------------------------------------------


def _panel(
    canvas: Canvas, x: float, y: float, w: float, h: float, title: str, metric: str, color: str
) -> None:
    canvas.box(x, y, w, h)
    canvas.ax.add_patch(Rectangle((x + 12, y + h - 24), 5, 14, color=color, zorder=3))
    canvas.text(
        x + 24,
        y + h - 10,
        title,
        size=11,
        weight="bold",
        ha="left",
        va="top",
        width=w - 36,
        lines=1,
    )
    canvas.text(
        x + 12,
        y + 8,
        metric,
        size=8.5,
        color=P.muted,
        ha="left",
        va="bottom",
        width=w - 24,
        lines=1,
        style="italic",
    )


def _collapse_kinds(title: str, labels: dict[str, str]) -> Figure:
    canvas = Canvas(800, 490)
    canvas.title(title)
    rng = np.random.default_rng(SEED)
    w, h, gap = 370, 200, 12
    left, right = 24, 24 + w + gap
    top, bottom = 222 + gap, 16
    plot_x, plot_bottom, plot_top = 36, 50, 34  # plot insets inside a panel

    # Posterior collapse: KL per latent dimension, most close to zero.
    x0, y0 = left, top
    _panel(canvas, x0, y0, w, h, labels["posterior_title"], labels["posterior_metric"], BLUE)
    kl = np.array([2.3, 0.03, 1.5, 0.02, 0.05, 0.02, 0.04, 0.01, 0.03, 0.02])
    ax = canvas.axes(x0 + plot_x, y0 + plot_bottom, w - plot_x - 16, h - plot_bottom - plot_top)
    ax.bar(np.arange(10), kl, width=0.7, color=[BLUE if v > 0.5 else P.faint for v in kl])
    ax.set_ylim(0, 2.6)
    ax.set_xlim(-0.6, 9.6)
    _axis_labels(ax, labels["posterior_x"], labels["posterior_y"])
    ax.annotate(
        "",
        xy=(6, 0.12),
        xytext=(6, 0.75),
        arrowprops={"arrowstyle": "-|>", "color": P.muted, "linewidth": 1},
    )
    canvas.text(6, 0.85, labels["posterior_note"], size=8.5, width=190, va="bottom", on=ax)

    # Mode collapse: eight data modes on a ring, generator samples piled on one of them.
    x0, y0 = right, top
    _panel(canvas, x0, y0, w, h, labels["mode_title"], labels["mode_metric"], VERMILLION)
    side = h - plot_bottom - plot_top + 14
    ax = canvas.axes(x0 + 22, y0 + plot_bottom - 12, side, side)
    ax.set_axis_off()
    angles = np.arange(8) * np.pi / 4
    for angle in angles:
        points = rng.normal((np.cos(angle), np.sin(angle)), 0.09, size=(14, 2))
        ax.scatter(points[:, 0], points[:, 1], s=9, color=SKY, linewidth=0, zorder=2)
    samples = rng.normal((np.cos(angles[1]), np.sin(angles[1])), 0.06, size=(40, 2))
    ax.scatter(
        samples[:, 0], samples[:, 1], s=11, color=VERMILLION, marker="x", linewidth=1, zorder=3
    )
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    key_x = x0 + 22 + side + 18
    for row, (key, color, marker) in enumerate(
        (("mode_data", SKY, "o"), ("mode_samples", VERMILLION, "x"))
    ):
        ky = y0 + h / 2 + 12 - row * 38
        canvas.ax.plot(
            [key_x],
            [ky],
            marker=marker,
            color=color,
            markersize=6,
            markeredgewidth=1.5,
            linestyle="none",
            zorder=4,
        )
        canvas.text(
            key_x + 10, ky, labels[key], size=9, ha="left", width=x0 + w - key_x - 22, lines=2
        )

    # Dimensional collapse: singular values, slow decay vs a cliff after a few.
    x0, y0 = left, bottom
    _panel(canvas, x0, y0, w, h, labels["dimensional_title"], labels["dimensional_metric"], GREEN)
    index = np.arange(16)
    healthy = np.exp(-index / 7)
    collapsed = np.full(16, 0.015)
    collapsed[:3] = (1.0, 0.62, 0.34)
    ax = canvas.axes(x0 + plot_x, y0 + plot_bottom, w - plot_x - 16, h - plot_bottom - plot_top)
    ax.plot(
        index,
        healthy,
        color=BLUE,
        marker="o",
        markersize=4,
        linewidth=1.5,
        label=labels["dimensional_healthy"],
    )
    ax.plot(
        index,
        collapsed,
        color=VERMILLION,
        marker="s",
        markersize=4,
        linewidth=1.5,
        label=labels["dimensional_collapsed"],
    )
    ax.set_ylim(-0.03, 1.1)
    ax.set_xlim(-0.6, 15.6)
    _axis_labels(ax, labels["dimensional_x"], labels["dimensional_y"])
    _legend(ax, "upper right")

    # Codebook collapse: usage of 32 codes, a handful take almost everything.
    x0, y0 = right, bottom
    _panel(canvas, x0, y0, w, h, labels["codebook_title"], labels["codebook_metric"], ORANGE)
    usage = np.full(32, 0.012)
    usage[[2, 6, 7, 29]] = (0.38, 0.22, 0.27, 0.13)
    ax = canvas.axes(x0 + plot_x, y0 + plot_bottom, w - plot_x - 16, h - plot_bottom - plot_top)
    ax.bar(np.arange(32), usage, width=0.75, color=[ORANGE if u > 0.05 else P.faint for u in usage])
    ax.set_xlim(-0.8, 31.8)
    ax.set_ylim(0, 0.42)
    _axis_labels(ax, labels["codebook_x"], labels["codebook_y"])
    ax.annotate(
        "",
        xy=(18, 0.02),
        xytext=(18, 0.12),
        arrowprops={"arrowstyle": "-|>", "color": P.muted, "linewidth": 1},
    )
    canvas.text(18, 0.13, labels["codebook_note"], size=8.5, width=170, va="bottom", on=ax)
    return canvas.fig


# --- 3. model-collapse-loop ------------------------------------------------------------------


def _model_collapse(title: str, labels: dict[str, str]) -> Figure:
    canvas = Canvas(800, 450)
    canvas.title(title)

    # The loop: three steps on a triangle, arrows going round.
    bw, bh = 160, 60
    cx, top, low, half = 205, 314, 178, 101  # centre, rows of the boxes, half their distance
    steps = (
        ("train", cx, top, BLUE),
        ("generate", cx + half, low, ORANGE),
        ("retrain", cx - half, low, GREEN),
    )
    for key, x, y, color in steps:
        canvas.box(x - bw / 2, y - bh / 2, bw, bh, face=P.card, edge=color, linewidth=2)
        canvas.text(x, y, labels[key], size=10, weight="bold", width=bw - 14, lines=2)
    canvas.arrow((cx + 50, top - bh / 2 - 2), (cx + half + 20, low + bh / 2 + 4), bend=-0.25)
    canvas.arrow((cx + half - 12, low - bh / 2 - 2), (cx - half + 12, low - bh / 2 - 2), bend=-0.3)
    canvas.arrow((cx - half - 20, low + bh / 2 + 4), (cx - 50, top - bh / 2 - 2), bend=-0.25)
    canvas.text(
        cx, (top + low) / 2 + 4, labels["loop"], size=8.5, color=P.muted, width=112, lines=3
    )
    canvas.text(
        cx,
        top + bh / 2 + 8,
        labels["start"],
        size=8.5,
        color=P.muted,
        width=320,
        lines=1,
        va="bottom",
    )

    # Densities of generation 0, 1, 5 and 20: narrower, tails gone.
    ax_x, ax_y, ax_w, ax_h = 420, 132, 352, 228
    canvas.text(
        ax_x + ax_w / 2,
        ax_y + ax_h + 12,
        labels["density_title"],
        size=11,
        weight="bold",
        width=ax_w + 20,
        lines=1,
        va="bottom",
    )
    ax = canvas.axes(ax_x, ax_y, ax_w, ax_h)
    grid = np.linspace(-5, 5, 401)

    def normal(mu: float, sigma: float) -> np.ndarray:
        return np.exp(-0.5 * ((grid - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))

    curves = (
        ("gen_0", 0.8 * normal(0, 1.0) + 0.2 * normal(0, 2.2), BLUE, "-"),
        ("gen_1", normal(0.05, 0.95), SKY, "-"),
        ("gen_5", normal(0.2, 0.6), ORANGE, "--"),
        ("gen_20", normal(0.35, 0.28), VERMILLION, "-"),
    )
    for key, density, color, line in curves:
        ax.plot(grid, density, color=color, linestyle=line, linewidth=1.8, label=labels[key])
    ax.fill_between(grid, curves[0][1], color=BLUE, alpha=0.12, linewidth=0)
    ax.set_xlim(-5, 5)
    ax.set_ylim(0, 1.55)
    _axis_labels(ax, labels["density_x"], labels["density_y"])
    _legend(ax, "upper left")
    ax.annotate(
        "",
        xy=(3.3, 0.035),
        xytext=(3.3, 0.3),
        arrowprops={"arrowstyle": "-|>", "color": P.muted, "linewidth": 1},
    )
    canvas.text(3.3, 0.33, labels["tails"], size=8.5, width=110, va="bottom", on=ax)

    # Replace vs accumulate.
    for x0, key, color in ((24, "replace", VERMILLION), (408, "accumulate", GREEN)):
        y0, h = 14, 84
        canvas.box(x0, y0, 368, h, face=P.panel, edge=color, linewidth=1.5)
        title, title_size = fit(labels[f"{key}_title"], 340, 10, 2, "bold")
        body, body_size = fit(labels[f"{key}_text"], 340, 9, 2)
        title_h, body_h = _height(title, title_size), _height(body, body_size)
        top = y0 + h / 2 + (title_h + 8 + body_h) / 2
        canvas.text(x0 + 14, top, title, size=title_size, weight="bold", ha="left", va="top")
        canvas.text(x0 + 14, top - title_h - 8, body, size=body_size, ha="left", va="top")
    return canvas.fig


DRAW: dict[str, Callable[[str, dict[str, str]], Figure]] = {
    "autoencoder-latent-space": _autoencoder,
    "latent-space-collapse-kinds": _collapse_kinds,
    "model-collapse-loop": _model_collapse,
}


# --- rendering -------------------------------------------------------------------------------


@contextmanager
def _mode(mode: str) -> Iterator[None]:
    """Draw in the colours of `mode` (light or dark)."""
    global P  # noqa: PLW0603 - the drawing helpers read the current palette
    saved, P = P, MODES[mode]
    try:
        with mpl_style.context(["default", STYLE, {"text.color": P.ink}]):
            yield
    finally:
        P = saved


def render(name: str, lang: str, fmt: str, mode: str = "light") -> bytes:
    """One diagram in one language and colour mode as SVG or PNG bytes, identical on every
    run."""
    if name not in DRAW:
        raise ValueError(f"unknown diagram {name!r}: use one of {', '.join(NAMES)}")
    if lang not in LANGUAGES:
        raise ValueError(
            f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)} (a new language "
            f"needs data/diagrams.{lang}.yml)"
        )
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
    data = texts(lang)[name]
    out = io.BytesIO()
    with _mode(mode):
        fig = DRAW[name](data["title"], data["labels"])
        if fmt == "svg":
            fig.savefig(out, format="svg", metadata={**SVG_METADATA, "Title": data["title"]})
        else:
            fig.savefig(out, format="png", dpi=PX_PER_IN * PNG_SCALE, metadata=PNG_METADATA)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write the diagrams named (default: all) in the languages named (default: all)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--name", action="append", help="only this diagram (repeatable)")
    args = parser.parse_args(argv)
    for lang in args.lang or []:
        if lang not in LANGUAGES:
            parser.error(
                f"--lang {lang}: unknown language; use one of {', '.join(LANGUAGES)} "
                f"(or add data/diagrams.{lang}.yml)"
            )
    for name in args.name or []:
        if name not in NAMES:
            parser.error(f"--name {name}: unknown diagram; use one of {', '.join(NAMES)}")
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.name or NAMES:
        for lang in args.lang or LANGUAGES:
            for fmt in FORMATS:
                path = args.out / f"{name}.{lang}.{fmt}"
                path.write_bytes(render(name, lang, fmt))
                print(f"{path}: {path.stat().st_size} bytes")
    return 0
