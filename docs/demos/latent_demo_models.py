"""The data, models and measurements of the demo notebooks (no plotting, no strings).

Part of the demo helper (``latent_demo.py`` imports it for the notebooks). Runs with numpy and
scikit-learn only, also under Pyodide in a browser: no threads, no files, no downloads, and every
random draw is seeded, so each run gives the same numbers.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

# scikit-learn parts are imported inside the functions that use them, so that each notebook only
# pays the import time of what it needs.


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


def normal_pdf(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    return np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * math.sqrt(2.0 * math.pi))


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
