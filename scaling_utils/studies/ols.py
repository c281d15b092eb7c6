"""Lesson 01: the test error of least squares at one setting, theory beside simulation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import _validate, laws, plotting, simulate
from ._base import Study, mean_with_error

__all__ = ["OlsStudy", "ols_study", "DoubleDescentStudy", "double_descent_study"]

#: The dashboards draw each training set's error from its exact distribution (see
#: :func:`scaling_utils.simulate.least_squares_trial_errors`): the same experiment as fitting
#: every design matrix, at a cost that does not grow with N and D, so a slider answers at once.
SAMPLER = "distribution"


@lru_cache(maxsize=64)
def _error_curve(n_features: int, noise_std: float, signal_norm, low: int, high: int,
                 n_trials: int, seed: int):
    sizes = np.unique(np.geomspace(low, high, 8).round().astype(int))
    if signal_norm is not None:
        sizes = sizes[np.abs(sizes - n_features) > 1]
    return simulate.least_squares_error_curve(
        n_features, sizes, noise_std, signal_norm=signal_norm or 0.0, n_trials=n_trials, seed=seed,
        sampler=SAMPLER)


@dataclass(frozen=True, repr=False)
class OlsStudy(Study):
    """OLS with ``n_features`` features on ``n_samples`` samples: expected test error in theory
    (``theory``) and in simulation (``simulated_mean ± simulated_stderr`` over ``n_trials``
    training sets), with the excess ratio ``ρ = E/σ² − 1``."""

    n_features: int
    n_samples: int
    noise_std: float
    theory: float
    simulated_mean: float
    simulated_stderr: float
    n_trials: int
    curve: object = field(repr=False)

    @property
    def excess_ratio(self) -> float:
        return laws.ols_excess_ratio(self.n_features, self.n_samples)

    @property
    def samples_per_feature(self) -> float:
        return self.n_samples / self.n_features

    def __str__(self) -> str:
        n, d, sigma = self.n_features, self.n_samples, self.noise_std
        return (
            f"N = {n} features, D = {d} samples, σ = {sigma:.2f}\n"
            f"theory     E = σ²(1 + N/(D − N − 1)) = {self.theory:.4g}\n"
            f"simulated  E = {mean_with_error(self.simulated_mean, self.simulated_stderr)}   "
            f"(mean ± s.e. over {self.n_trials} training sets)\n"
            f"excess ratio ρ = E/σ² − 1 = {self.excess_ratio:.3g};   samples per feature "
            f"D/N = {self.samples_per_feature:.3g}"
        )

    def draw(self, ax):
        n, d = self.n_features, self.n_samples
        plotting.ols_error_figure(n, self.noise_std, simulated=self.curve, highlight=d,
                                  sample_range=(n + 2, max(30 * n, d)), ax=ax)
        ax.plot([d], [self.simulated_mean], marker="D", color=plotting.PALETTE["green"],
                linestyle="none", zorder=4)


def ols_study(n_features=20, n_samples=60, noise_std=1.0, *, n_trials=200, seed=0) -> OlsStudy:
    """The OLS test error at ``n_samples``, in theory and simulated, with a curve around it.

    Theory: ``E = σ²(1 + N/(D − N − 1))`` (:func:`scaling_utils.laws.ols_expected_error`).
    Simulation: :func:`scaling_utils.simulate.least_squares_trial_errors` at ``D``, and
    :func:`~scaling_utils.simulate.least_squares_error_curve` at eight sample sizes between
    ``N + 2`` and ``30·N`` for the figure.

    Introduced in lesson 01.
    """
    n = _validate.positive_int(n_features, "n_features")
    d = _validate.positive_int(n_samples, "n_samples")
    sigma = _validate.positive_float(noise_std, "noise_std")
    theory = laws.ols_expected_error(n, d, sigma)  # raises with the reason when D ≤ N + 1
    trials = _validate.positive_int(n_trials, "n_trials", minimum=2)
    errors = simulate.least_squares_trial_errors(n, d, sigma, n_trials=trials, seed=seed,
                                                 sampler=SAMPLER)
    curve = _error_curve(n, sigma, None, n + 2, 30 * n, trials, seed)
    return OlsStudy(n, d, sigma, float(theory), float(errors.mean()),
                    float(errors.std(ddof=1) / np.sqrt(trials)), trials, curve)


@dataclass(frozen=True, repr=False)
class DoubleDescentStudy(Study):
    """Minimum-norm least squares on either side of ``D = N``: theory and simulation."""

    n_features: int
    n_samples: int
    noise_std: float
    signal_norm: float
    theory: float
    simulated_mean: float
    simulated_stderr: float
    n_trials: int
    curve: object = field(repr=False)

    @property
    def regime(self) -> str:
        n, d = self.n_features, self.n_samples
        return ("D > N: classical regime, OLS" if d > n else
                "D < N: more features than samples, the fit interpolates the data" if d < n else
                "D = N: exactly enough equations, the fit interpolates with no slack")

    def __str__(self) -> str:
        theory = (f"{self.theory:.4g}" if np.isfinite(self.theory)
                  else "infinite (|D − N| ≤ 1)")
        return (
            f"N = {self.n_features} features, D = {self.n_samples} samples, "
            f"σ = {self.noise_std:.2f}, ‖θ‖ = {self.signal_norm:.2f}   ({self.regime})\n"
            f"theory     E = {theory}\n"
            f"simulated  E = {mean_with_error(self.simulated_mean, self.simulated_stderr)}   "
            f"(mean ± s.e. over {self.n_trials} training sets)"
        )

    def draw(self, ax):
        n, d = self.n_features, self.n_samples
        low, high = max(2, n // 5), 10 * n
        plotting.ols_error_figure(n, self.noise_std, simulated=self.curve, highlight=d,
                                  signal_norm=self.signal_norm, sample_range=(low, max(high, d)),
                                  ax=ax)
        ax.plot([d], [self.simulated_mean], marker="D", color=plotting.PALETTE["green"],
                linestyle="none", zorder=4)


def double_descent_study(n_features=50, n_samples=40, noise_std=0.5, signal_norm=1.0, *,
                         n_trials=200, seed=0) -> DoubleDescentStudy:
    """Minimum-norm least squares across ``D = N``: theory on both sides
    (:func:`scaling_utils.laws.min_norm_expected_error`, after Belkin, Hsu & Xu 2020) and
    simulated points.

    Introduced in lesson 01.
    """
    n = _validate.positive_int(n_features, "n_features")
    d = _validate.positive_int(n_samples, "n_samples")
    sigma = _validate.positive_float(noise_std, "noise_std")
    norm = _validate.nonnegative_float(signal_norm, "signal_norm")
    trials = _validate.positive_int(n_trials, "n_trials", minimum=2)
    errors = simulate.least_squares_trial_errors(n, d, sigma, signal_norm=norm, n_trials=trials,
                                                 seed=seed, sampler=SAMPLER)
    curve = _error_curve(n, sigma, norm, max(2, n // 5), 10 * n, trials, seed)
    theory = laws.min_norm_expected_error(n, d, sigma, norm)
    return DoubleDescentStudy(n, d, sigma, norm, float(theory), float(errors.mean()),
                              float(errors.std(ddof=1) / np.sqrt(trials)), trials, curve)
