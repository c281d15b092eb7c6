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
    training sets), with the excess ratio ``ρ = E/σ² − 1``.

    Computed by :func:`ols_study`; the view of lesson 01's OLS dashboard.

    Attributes
    ----------
    n_features, n_samples : int
        ``N`` and ``D``.
    noise_std : float
        ``σ``.
    theory : float
        ``E = σ²(1 + N/(D − N − 1))`` (:func:`scaling_utils.laws.ols_expected_error`).
    simulated_mean, simulated_stderr : float
        The mean test error over the simulated training sets, and its standard error.
    n_trials : int
        How many training sets were simulated.
    curve : ErrorCurve
        Simulated errors at eight sample sizes, for the figure.
    excess_ratio : float
        ``ρ = E/σ² − 1 = N/(D − N − 1)`` (:func:`scaling_utils.laws.ols_excess_ratio`).
    samples_per_feature : float
        ``D/N``.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.ols_study(10, 40, 0.5)
    >>> for line in str(study).splitlines()[:2]:
    ...     print(line)
    N = 10 features, D = 40 samples, σ = 0.50
    theory     E = σ²(1 + N/(D − N − 1)) = 0.3362
    >>> f"{study.excess_ratio:.3g}", study.samples_per_feature
    ('0.345', 4.0)

    Introduced in lesson 01.
    """

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
        """``ρ = E/σ² − 1 = N/(D − N − 1)``, in theory."""
        return laws.ols_excess_ratio(self.n_features, self.n_samples)

    @property
    def samples_per_feature(self) -> float:
        """``D/N``."""
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
        """Draw :func:`scaling_utils.plotting.ols_error_figure` from ``D = N + 2`` to
        ``max(30·N, D)``, with the simulated curve and this ``D`` marked (a green diamond at its
        simulated mean).

        Parameters
        ----------
        ax : matplotlib Axes

        Returns
        -------
        None

        Raises
        ------
        Nothing of its own.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import studies
        >>> study = studies.ols_study(10, 40, 0.5)
        >>> fig, ax = study.new_figure()
        >>> study.draw(ax)
        >>> [text.get_text() for text in ax.get_legend().get_texts()][2:]
        ['D = 40', 'simulated mean ± 2 s.e.']
        >>> plt.close(fig)

        Introduced in lesson 01.
        """
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
    ``N + 2`` and ``30·N`` for the figure. The theory is the average over training sets of
    Gaussian features ``x ~ N(0, I_N)`` with label noise ``ε ~ N(0, σ²)``:
    ``θ̂ − θ = (XᵀX)⁻¹Xᵀε`` and ``E[(XᵀX)⁻¹] = I/(D − N − 1)`` (the mean of an inverse-Wishart
    matrix; Anderson, *An Introduction to Multivariate Statistical Analysis*, 3rd ed., Lemma
    7.7.1).
    The simulated training sets are the same for the same ``seed``.

    Parameters
    ----------
    n_features : int, default 20
        ``N`` (≥ 1).
    n_samples : int, default 60
        ``D`` (≥ ``N + 2``, where the average error is finite).
    noise_std : float, default 1.0
        ``σ`` (> 0).
    n_trials : int, default 200
        How many training sets to simulate (≥ 2).
    seed : int, default 0
        The seed of the simulation.

    Returns
    -------
    OlsStudy

    Raises
    ------
    CourseValueError
        When a count is not a whole number in its range, ``noise_std`` is not > 0,
        ``n_samples < n_features + 2`` (the message says why the formula fails there), or the
        simulation would be larger than :mod:`scaling_utils.simulate` allows.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.ols_study(10, 40, 0.5)
    >>> f"{study.theory:.4g}", study.n_trials      # 0.25 · (1 + 10/29)
    ('0.3362', 200)
    >>> abs(study.simulated_mean - study.theory) < 3 * study.simulated_stderr
    True

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
    """Minimum-norm least squares on either side of ``D = N``: theory and simulation.

    Computed by :func:`double_descent_study`; the view of lesson 01's double-descent dashboard.

    Attributes
    ----------
    n_features, n_samples : int
        ``N`` and ``D``.
    noise_std, signal_norm : float
        ``σ`` and ``‖θ‖``.
    theory : float
        :func:`scaling_utils.laws.min_norm_expected_error` (``inf`` where ``|D − N| ≤ 1``).
    simulated_mean, simulated_stderr : float
        The mean test error over the simulated training sets, and its standard error.
    n_trials : int
        How many training sets were simulated.
    curve : ErrorCurve
        Simulated errors at sample sizes across ``D = N``, for the figure.
    regime : str
        Which side of ``D = N`` this is, in words.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.double_descent_study(50, 50, n_trials=20)
    >>> print(study.regime)
    D = N: exactly enough equations, the fit interpolates with no slack
    >>> print(str(study).splitlines()[1])
    theory     E = infinite (|D − N| ≤ 1)

    Introduced in lesson 01.
    """

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
        """Which side of ``D = N`` this is, in words."""
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
        """Draw :func:`scaling_utils.plotting.ols_error_figure` with the minimum-norm theory on
        both sides of ``D = N``, from ``max(2, N // 5)`` to ``max(10·N, D)`` samples, with the
        simulated curve and this ``D`` marked.

        Parameters
        ----------
        ax : matplotlib Axes

        Returns
        -------
        None

        Raises
        ------
        Nothing of its own.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import studies
        >>> study = studies.double_descent_study(50, 40, n_trials=50)
        >>> fig, ax = study.new_figure()
        >>> study.draw(ax)
        >>> [text.get_text() for text in ax.get_legend().get_texts()][:2]
        ['theory (Belkin, Hsu & Xu 2020)', 'D = N (interpolation threshold)']
        >>> plt.close(fig)

        Introduced in lesson 01.
        """
        n, d = self.n_features, self.n_samples
        low, high = max(2, n // 5), 10 * n
        plotting.ols_error_figure(n, self.noise_std, simulated=self.curve, highlight=d,
                                  signal_norm=self.signal_norm, sample_range=(low, max(high, d)),
                                  ax=ax)
        ax.plot([d], [self.simulated_mean], marker="D", color=plotting.PALETTE["green"],
                linestyle="none", zorder=4)


def double_descent_study(n_features=50, n_samples=40, noise_std=0.5, signal_norm=1.0, *,
                         n_trials=200, seed=0) -> DoubleDescentStudy:
    r"""Minimum-norm least squares across ``D = N``: theory on both sides
    (:func:`scaling_utils.laws.min_norm_expected_error`, after Belkin, Hsu & Xu 2020) and
    simulated points.

    The estimate is ``θ̂ = X⁺y``: OLS when ``D > N``, the interpolating solution of smallest norm
    when ``D < N``. Belkin, Hsu & Xu (2020), "Two models of double descent for weak features",
    SIAM J. Math. Data Sci. 2(4), Theorem 1, give

    .. math::
        E = \begin{cases}
            \sigma^2 \left(1 + \frac{N}{D - N - 1}\right) & D \ge N + 2 \\
            \|\theta\|^2 \left(1 - \frac{D}{N}\right) + \sigma^2 \left(1 + \frac{D}{N - D - 1}\right)
                & D \le N - 2
        \end{cases}

    and an infinite average at ``|D − N| ≤ 1``, the peak of double descent (where the simulated
    mean is large and erratic). The simulation is
    :func:`scaling_utils.simulate.least_squares_trial_errors`.

    Parameters
    ----------
    n_features : int, default 50
        ``N`` (≥ 1).
    n_samples : int, default 40
        ``D`` (≥ 1), on either side of ``N``.
    noise_std : float, default 0.5
        ``σ`` (> 0).
    signal_norm : float, default 1.0
        ``‖θ‖`` (≥ 0).
    n_trials : int, default 200
        How many training sets to simulate (≥ 2).
    seed : int, default 0
        The seed of the simulation.

    Returns
    -------
    DoubleDescentStudy

    Raises
    ------
    CourseValueError
        When a count is not a whole number in its range, ``noise_std`` is not > 0,
        ``signal_norm`` is negative, or the simulation would be larger than
        :mod:`scaling_utils.simulate` allows.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> under = studies.double_descent_study(50, 40)
    >>> over = studies.double_descent_study(50, 80)
    >>> f"{under.theory:.4g}", f"{over.theory:.4g}"
    ('1.561', '0.681')
    >>> print(over.regime)
    D > N: classical regime, OLS

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
