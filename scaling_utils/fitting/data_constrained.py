"""The decay constants of Muennighoff et al.'s data-constrained law, fitted with the base law fixed.

Muennighoff et al. (2023), arXiv:2305.16264, Appendix A: with ``E, A, B, α, β`` held at their C4
fit, minimise over ``R_D*`` and ``R_N*``

    Σ_i Huber_δ( LSE(a − α log N'_i, b − β log D'_i, e) − log L_i ),   δ = 1e-3,

with ``N'`` and ``D'`` the effective parameters and data of :class:`~scaling_utils.laws.
DataConstrainedLaw`. Two parameters: the objective is scanned on a grid of ``(log R_D*, log
R_N*)`` and the best grid points are refined by Nelder–Mead in log space. The Huber loss with so
small a ``δ`` is nearly an absolute deviation, so the objective is piecewise smooth with several
shallow minima; the profile over ``R_D*`` (:func:`profile_r_d_star`) shows how little the data
prefer one value to another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, laws
from .._validate import CourseValueError
from .._warnings import warn
from ._results import FitResult

__all__ = ["DataConstrainedFit", "fit_data_constrained", "data_constrained_objective",
           "DecayProfile", "profile_r_d_star", "DataConstrainedBootstrap",
           "bootstrap_data_constrained"]

_NAMES = ("r_d_star", "r_n_star")
#: The range of R* the grid covers (the refinement may leave it; then a warning says so).
_LOG_RANGE = (np.log(0.1), np.log(1e4))


def _default_base():
    from .. import references

    return references.MUENNIGHOFF_2023_C4


@dataclass(frozen=True)
class _Runs:
    """What the objective needs, computed once: logs of the base law's terms' inputs."""

    unique_params: np.ndarray
    params_repeats: np.ndarray
    unique_tokens: np.ndarray
    token_repeats: np.ndarray
    log_loss: np.ndarray
    base: laws.ChinchillaLaw
    delta: float

    def objectives(self, log_rd, log_rn, counts=None):
        """The Huber objective at each pair ``(log R_D*, log R_N*)``, vectorised over pairs."""
        rd = np.exp(np.atleast_1d(log_rd))[:, None]
        rn = np.exp(np.atleast_1d(log_rn))[:, None]
        b = self.base
        with np.errstate(over="ignore", invalid="ignore"):
            n_eff = self.unique_params * (1.0 - rn * np.expm1(-self.params_repeats / rn))
            d_eff = self.unique_tokens * (1.0 - rd * np.expm1(-self.token_repeats / rd))
            prediction = np.log(b.E + b.A * n_eff**-b.alpha + b.B * d_eff**-b.beta)
        r = np.abs(prediction - self.log_loss)
        huber = np.where(r <= self.delta, 0.5 * r**2, self.delta * (r - 0.5 * self.delta))
        weights = 1.0 if counts is None else counts
        values = np.sum(weights * huber, axis=1)
        return np.where(np.isfinite(values), values, np.inf)


def _runs(n_params, n_tokens, unique_tokens, loss, base, delta) -> _Runs:
    n, d, u, losses = _validate.positive_arrays(n_params=n_params, n_tokens=n_tokens,
                                                unique_tokens=unique_tokens, loss=loss)
    if n.size < 3:
        raise CourseValueError(f"Fitting R_D* and R_N* needs at least 3 runs; got {n.size}.")
    base = _default_base() if base is None else base
    laws.require_chinchilla_law(base, "base")
    delta = _validate.positive_float(delta, "delta")
    seen = np.minimum(u, d)
    law = laws.DataConstrainedLaw(base, np.inf, np.inf)
    capped = np.minimum(n, law.unique_params(seen))
    return _Runs(capped, n / capped - 1.0, seen, d / seen - 1.0, np.log(losses), base, delta)


def _minimise(runs: _Runs, counts=None, *, grid_points=33, n_refine=3, extra_start=None):
    """``(log R_D*, log R_N*, objective, converged)``: grid, then Nelder–Mead from the best."""
    from scipy.optimize import minimize

    axis = np.linspace(*_LOG_RANGE, grid_points)
    rd, rn = (a.ravel() for a in np.meshgrid(axis, axis, indexing="ij"))
    values = runs.objectives(rd, rn, counts)
    order = np.argsort(values, kind="stable")[:n_refine]
    starts = [np.array([rd[i], rn[i]]) for i in order]
    if extra_start is not None:
        starts.append(np.asarray(extra_start, dtype=float))
    best = (starts[0][0], starts[0][1], float(values[order[0]]), False)
    for start in starts:
        result = minimize(lambda x: float(runs.objectives(x[0], x[1], counts)[0]), start,
                          method="Nelder-Mead",
                          options={"xatol": 1e-9, "fatol": 1e-15, "maxiter": 2000})
        if result.fun < best[2]:
            best = (float(result.x[0]), float(result.x[1]), float(result.fun),
                    bool(result.success))
    return best


@dataclass(frozen=True)
class DataConstrainedFit(FitResult):
    r"""A fit of ``R_D*`` and ``R_N*`` with the base law held fixed.

    Made by :func:`fit_data_constrained`. ``params`` are ``r_d_star`` and ``r_n_star``;
    ``objective`` is the summed Huber loss there. A Huber fit has no standard errors of its own
    here: :func:`profile_r_d_star` shows how flat the objective is and
    :func:`bootstrap_data_constrained` gives percentile intervals.

    Examples
    --------
    >>> from scaling_utils import data, fitting
    >>> runs = data.load_datablations()
    >>> fit = fitting.fit_data_constrained(runs.n_params, runs.n_tokens, runs.unique_tokens,
    ...                                    runs.loss)
    >>> print(fit)
    DataConstrainedFit: r_d_star 95.37, r_n_star 1.706 (objective 0.0158047 over 182 runs)

    Introduced in lesson 07.
    """

    r_d_star: float
    r_n_star: float
    objective: float
    n_runs: int
    base: laws.ChinchillaLaw = field(repr=False)
    delta: float
    converged: bool
    warnings: tuple = ()

    @property
    def law(self) -> laws.DataConstrainedLaw:
        """The fitted law: the base law with the fitted decay constants.

        Examples
        --------
        >>> from scaling_utils import data, fitting
        >>> runs = data.load_datablations()
        >>> fit = fitting.fit_data_constrained(runs.n_params, runs.n_tokens, runs.unique_tokens,
        ...                                    runs.loss)
        >>> f"{fit.law.epoch_worth(4):.3f}"
        '0.988'

        Introduced in lesson 07.
        """
        return laws.DataConstrainedLaw(self.base, self.r_d_star, self.r_n_star)

    def _estimates(self) -> dict:
        return {"r_d_star": self.r_d_star, "r_n_star": self.r_n_star}

    def _no_intervals(self) -> str:
        return ("a Huber fit with the base law fixed has no standard errors here: "
                "fitting.profile_r_d_star shows how flat the objective is, and "
                "fitting.bootstrap_data_constrained gives percentile intervals")

    def _summary_title(self) -> str:
        return (f"fit_data_constrained: {self.n_runs} runs, base law fixed, Huber δ = "
                f"{self.delta:g}, objective {self.objective:.6g}")

    def __str__(self) -> str:
        return (f"DataConstrainedFit: r_d_star {self.r_d_star:.4g}, r_n_star {self.r_n_star:.4g} "
                f"(objective {self.objective:.6g} over {self.n_runs} runs)")


def fit_data_constrained(n_params, n_tokens, unique_tokens, loss, *, base=None, delta=1e-3,
                         warn_now=True) -> DataConstrainedFit:
    r"""Fit Muennighoff et al.'s decay constants ``R_D*`` and ``R_N*`` as they did.

    Muennighoff et al. (2023), arXiv:2305.16264, Appendix A: the base law ``E, A, B, α, β`` is
    held fixed (by default their C4 fit, :data:`scaling_utils.references.MUENNIGHOFF_2023_C4`)
    and

    .. math:: \sum_i \mathrm{Huber}_\delta\Bigl(\mathrm{LSE}\bigl(a - \alpha\log N'_i,\
              b - \beta\log D'_i,\ e\bigr) - \log L_i\Bigr)

    is minimised over ``R_D*`` and ``R_N*`` (the effective ``N'`` and ``D'`` of
    :class:`~scaling_utils.laws.DataConstrainedLaw`, Eq. 5–6), summed over runs. The authors
    start L-BFGS from a grid of ``R* ∈ {0, 4, …, 20}``; here a 33 × 33 grid of
    ``log R*`` from 0.1 to 10⁴ is scanned and its three best points refined by Nelder–Mead in
    ``log R*`` (the objective, nearly an absolute deviation at ``δ = 10⁻³``, has kinks that
    gradient steps stall on).

    Parameters
    ----------
    n_params, n_tokens, unique_tokens, loss : array_like
        ``N``, ``D``, ``U`` and the final loss of each run (> 0; flat, of one length).
    base : ChinchillaLaw, optional
        The fixed base law; by default Muennighoff et al.'s C4 fit.
    delta : float, default 1e-3
        The Huber loss's ``δ`` (> 0).
    warn_now : bool, default True
        Issue the fit's warnings (they are kept in ``.warnings`` either way).

    Returns
    -------
    DataConstrainedFit

    Raises
    ------
    CourseValueError
        When the arrays are not flat lists of positive numbers of one length (at least 3),
        ``base`` is not a ChinchillaLaw or ``delta`` is not positive.

    Warns
    -----
    FitWarning
        When a constant lands outside the grid's range (0.1 to 10⁴: the data do not pin it
        down) or the refinement did not converge.

    Examples
    --------
    >>> from scaling_utils import data, fitting, references
    >>> runs = data.load_datablations()
    >>> fit = fitting.fit_data_constrained(runs.n_params, runs.n_tokens, runs.unique_tokens,
    ...                                    runs.loss)
    >>> published = fitting.data_constrained_objective(
    ...     references.MUENNIGHOFF_2023, runs.n_params, runs.n_tokens, runs.unique_tokens, runs.loss)
    >>> f"{fit.objective:.6f} here, {published:.6f} at the published R_D* = 15.39, R_N* = 5.31"
    '0.015805 here, 0.015826 at the published R_D* = 15.39, R_N* = 5.31'

    Introduced in lesson 07.
    """
    runs = _runs(n_params, n_tokens, unique_tokens, loss, base, delta)
    log_rd, log_rn, objective, converged = _minimise(runs)
    messages = []
    for name, value in (("R_D*", log_rd), ("R_N*", log_rn)):
        if not _LOG_RANGE[0] <= value <= _LOG_RANGE[1]:
            messages.append(f"{name} = {np.exp(value):.3g} lies outside 0.1 to 1e4: the runs "
                            f"do not pin it down (the objective is flat that way)")
    if not converged:
        messages.append("the Nelder–Mead refinement did not meet its tolerance")
    if warn_now:
        for message in messages:
            warn(message)
    return DataConstrainedFit(float(np.exp(log_rd)), float(np.exp(log_rn)), objective,
                              runs.log_loss.size, runs.base, runs.delta, converged,
                              tuple(messages))


def data_constrained_objective(law, n_params, n_tokens, unique_tokens, loss, *,
                               delta=1e-3) -> float:
    """The summed Huber objective of Muennighoff et al.'s Appendix A for a given law.

    ``Σ Huber_δ(log L̂_i − log L_i)`` with ``L̂`` the law's loss of each run; the quantity
    :func:`fit_data_constrained` minimises over ``R_D*`` and ``R_N*``.

    Parameters
    ----------
    law : scaling_utils.laws.DataConstrainedLaw
        The law to score.
    n_params, n_tokens, unique_tokens, loss : array_like
        The runs (> 0; flat, of one length).
    delta : float, default 1e-3
        The Huber loss's ``δ`` (> 0).

    Returns
    -------
    float

    Raises
    ------
    CourseValueError
        When ``law`` is not a DataConstrainedLaw or the runs are not flat positive arrays of one
        length.

    Examples
    --------
    >>> from scaling_utils import data, fitting, references
    >>> runs = data.load_datablations()
    >>> value = fitting.data_constrained_objective(references.MUENNIGHOFF_2023, runs.n_params,
    ...                                            runs.n_tokens, runs.unique_tokens, runs.loss)
    >>> f"{value:.4f}"                  # Appendix A's table prints 0.0158
    '0.0158'

    Introduced in lesson 07.
    """
    if not isinstance(law, laws.DataConstrainedLaw):
        raise CourseValueError(f"law must be a laws.DataConstrainedLaw, such as "
                               f"references.MUENNIGHOFF_2023; got {_validate._describe(law)}.")
    runs = _runs(n_params, n_tokens, unique_tokens, loss, law.base, delta)
    # An infinite R* is the limit of a large one: the objective is continuous there.
    rd, rn = (min(value, 1e300) for value in (law.r_d_star, law.r_n_star))
    return float(runs.objectives(np.log(rd), np.log(rn))[0])


@dataclass(frozen=True)
class DecayProfile:
    """The objective against ``R_D*``, with ``R_N*`` refitted at each value.

    Made by :func:`profile_r_d_star`. ``objective[i]`` is the lowest objective with
    ``R_D* = r_d_star[i]`` held fixed, reached at ``R_N* = r_n_star[i]``; ``best`` is the
    unconstrained fit.

    Examples
    --------
    >>> from scaling_utils import data, fitting
    >>> runs = data.load_datablations()
    >>> profile = fitting.profile_r_d_star(runs.n_params, runs.n_tokens, runs.unique_tokens,
    ...                                    runs.loss, [5, 15.39, 95, 500])
    >>> profile.relative_excess.round(4)
    array([0.0225, 0.0013, 0.    , 0.0033])

    Introduced in lesson 07.
    """

    r_d_star: np.ndarray
    objective: np.ndarray
    r_n_star: np.ndarray
    best: DataConstrainedFit

    @property
    def relative_excess(self) -> np.ndarray:
        """``objective/best − 1``: how much worse each ``R_D*`` fits than the best one."""
        return self.objective / self.best.objective - 1.0

    def flat_range(self, tolerance=0.005) -> tuple:
        """The smallest and largest ``R_D*`` of the profile within ``tolerance`` of the best fit.

        Parameters
        ----------
        tolerance : float, default 0.005
            A fraction (0.005: objectives at most 0.5 % above the best).

        Returns
        -------
        (low, high) : tuple of float

        Raises
        ------
        CourseValueError
            When ``tolerance`` is not a fraction in (0, 1).

        Examples
        --------
        >>> from scaling_utils import data, fitting
        >>> runs = data.load_datablations()
        >>> profile = fitting.profile_r_d_star(runs.n_params, runs.n_tokens, runs.unique_tokens,
        ...                                    runs.loss)
        >>> low, high = profile.flat_range(0.005)
        >>> f"R_D* from {low:.3g} to {high:.3g} fits within 0.5% of the best"
        'R_D* from 11.2 to 1e+03 fits within 0.5% of the best'

        Introduced in lesson 07.
        """
        share = _validate.fraction_not_percent(tolerance, "tolerance")
        inside = self.r_d_star[self.relative_excess <= share]
        if inside.size == 0:
            return float("nan"), float("nan")
        return float(inside.min()), float(inside.max())

    def __str__(self) -> str:
        low, high = self.flat_range()
        return (f"profile of {self.r_d_star.size} values of R_D* from {self.r_d_star.min():.3g} "
                f"to {self.r_d_star.max():.3g}: best R_D* = {self.best.r_d_star:.4g}; within "
                f"0.5% of the best objective from {low:.3g} to {high:.3g}")


def profile_r_d_star(n_params, n_tokens, unique_tokens, loss, r_d_star=None, *, base=None,
                     delta=1e-3) -> DecayProfile:
    r"""How well each ``R_D*`` fits the runs, with ``R_N*`` refitted for each: a profile.

    For every ``R_D*`` the objective of :func:`fit_data_constrained` is minimised over ``R_N*``
    alone (a grid of 121 values of ``log R_N*`` from 0.1 to 10⁴, refined by a bounded scalar
    search). A flat profile means the data cannot tell those values of ``R_D*`` apart, whatever
    the best fit's digits say.

    Parameters
    ----------
    n_params, n_tokens, unique_tokens, loss : array_like
        The runs (> 0; flat, of one length).
    r_d_star : array_like, optional
        The values of ``R_D*`` to profile (> 0); by default 61 values from 1 to 1000.
    base : ChinchillaLaw, optional
        The fixed base law; by default Muennighoff et al.'s C4 fit.
    delta : float, default 1e-3
        The Huber loss's ``δ`` (> 0).

    Returns
    -------
    DecayProfile

    Raises
    ------
    CourseValueError
        As :func:`fit_data_constrained`, or when ``r_d_star`` is not positive.

    Examples
    --------
    >>> from scaling_utils import data, fitting
    >>> runs = data.load_datablations()
    >>> profile = fitting.profile_r_d_star(runs.n_params, runs.n_tokens, runs.unique_tokens,
    ...                                    runs.loss)
    >>> print(profile)
    profile of 61 values of R_D* from 1 to 1e+03: best R_D* = 95.37; within 0.5% of the best objective from 11.2 to 1e+03

    Introduced in lesson 07.
    """
    from scipy.optimize import minimize_scalar

    runs = _runs(n_params, n_tokens, unique_tokens, loss, base, delta)
    grid = (np.geomspace(1.0, 1000.0, 61) if r_d_star is None
            else np.atleast_1d(_validate.positive_array(r_d_star, "r_d_star")).ravel())
    best = fit_data_constrained(n_params, n_tokens, unique_tokens, loss, base=runs.base,
                                delta=runs.delta, warn_now=False)
    axis = np.linspace(*_LOG_RANGE, 121)
    log_rd = np.log(grid)
    values = runs.objectives(np.repeat(log_rd, axis.size), np.tile(axis, log_rd.size))
    values = values.reshape(log_rd.size, axis.size)
    objective, r_n = np.empty(log_rd.size), np.empty(log_rd.size)
    for i, value in enumerate(log_rd):
        j = int(np.argmin(values[i]))
        low, high = axis[max(j - 1, 0)], axis[min(j + 1, axis.size - 1)]
        result = minimize_scalar(lambda x: float(runs.objectives(value, x)[0]),
                                 bounds=(low, high), method="bounded", options={"xatol": 1e-9})
        if result.fun < values[i, j]:
            objective[i], r_n[i] = result.fun, np.exp(result.x)
        else:
            objective[i], r_n[i] = values[i, j], np.exp(axis[j])
    return DecayProfile(grid, objective, r_n, best)


@dataclass(frozen=True)
class DataConstrainedBootstrap(FitResult):
    """Bootstrap refits of ``R_D*`` and ``R_N*``: one fit per resample of the runs.

    Made by :func:`bootstrap_data_constrained`. ``params`` are the full-data fit's;
    ``stderr`` the standard deviation of the resamples' ``log R*`` times the estimate (the
    spread is wide and skewed, so the log scale is the honest one); ``conf_int(level)`` the
    percentiles of the resamples' estimates.

    Examples
    --------
    >>> from scaling_utils import data, fitting
    >>> runs = data.load_datablations()
    >>> boot = fitting.bootstrap_data_constrained(runs.n_params, runs.n_tokens,
    ...                                           runs.unique_tokens, runs.loss, n_resamples=10)
    >>> boot.samples["r_d_star"].size
    10

    Introduced in lesson 07.
    """

    fit: DataConstrainedFit
    samples: dict = field(repr=False)

    def _estimates(self) -> dict:
        return self.fit.params

    def _standard_errors(self) -> dict:
        return {name: float(np.std(np.log(self.samples[name]), ddof=1) * self.fit.params[name])
                for name in _NAMES}

    def _intervals(self, level: float) -> dict:
        return {name: tuple(float(q) for q in np.quantile(self.samples[name],
                                                          [0.5 - level / 2, 0.5 + level / 2]))
                for name in _NAMES}

    def _summary_title(self) -> str:
        return (f"bootstrap_data_constrained: {self.samples['r_d_star'].size} resamples of "
                f"{self.fit.n_runs} runs, each refitted")

    def _summary_notes(self) -> list:
        return ["values are the full-data fit's; standard errors are the spread of the "
                "resamples' log R* times the estimate; intervals are percentiles"]

    def __str__(self) -> str:
        low, high = self.conf_int(0.95)["r_d_star"]
        return (f"{self.samples['r_d_star'].size} bootstrap resamples of {self.fit.n_runs} runs: "
                f"R_D* = {self.fit.r_d_star:.4g}, 95% interval [{low:.3g}, {high:.3g}]")


def bootstrap_data_constrained(n_params, n_tokens, unique_tokens, loss, *, n_resamples=100,
                               seed=0, base=None, delta=1e-3) -> DataConstrainedBootstrap:
    """Refit ``R_D*`` and ``R_N*`` on resamples of the runs (Efron's nonparametric bootstrap).

    Each resample draws the runs with replacement (as counts, seeded by ``seed``) and refits as
    :func:`fit_data_constrained` does, on a coarser 17 × 17 grid plus the full-data fit as a
    start (about 30 ms a resample).

    Parameters
    ----------
    n_params, n_tokens, unique_tokens, loss : array_like
        The runs (> 0; flat, of one length).
    n_resamples : int, default 100
        Resamples (1 to 10,000).
    seed : int, default 0
        Seed of ``numpy.random.default_rng`` (≥ 0).
    base : ChinchillaLaw, optional
        The fixed base law; by default Muennighoff et al.'s C4 fit.
    delta : float, default 1e-3
        The Huber loss's ``δ`` (> 0).

    Returns
    -------
    DataConstrainedBootstrap

    Raises
    ------
    CourseValueError
        As :func:`fit_data_constrained`, or when ``n_resamples`` or ``seed`` is out of range.

    Examples
    --------
    >>> from scaling_utils import data, fitting
    >>> runs = data.load_datablations()
    >>> boot = fitting.bootstrap_data_constrained(runs.n_params, runs.n_tokens,
    ...                                           runs.unique_tokens, runs.loss, n_resamples=20)
    >>> print(boot)
    20 bootstrap resamples of 182 runs: R_D* = 95.37, 95% interval [9, 1.35e+17]

    Introduced in lesson 07.
    """
    runs = _runs(n_params, n_tokens, unique_tokens, loss, base, delta)
    k = _validate.positive_int(n_resamples, "n_resamples")
    if k > 10_000:
        raise CourseValueError(f"n_resamples must be at most 10,000 (each is a refit); got {k}.")
    rng = np.random.default_rng(_validate.seed_value(seed))
    fit = fit_data_constrained(n_params, n_tokens, unique_tokens, loss, base=runs.base,
                               delta=runs.delta, warn_now=False)
    size = runs.log_loss.size
    samples = {name: np.empty(k) for name in _NAMES}
    for i in range(k):
        counts = np.bincount(rng.integers(0, size, size), minlength=size).astype(float)
        log_rd, log_rn, _, _ = _minimise(runs, counts, grid_points=17, n_refine=2,
                                         extra_start=(np.log(fit.r_d_star),
                                                      np.log(fit.r_n_star)))
        samples["r_d_star"][i], samples["r_n_star"][i] = np.exp(log_rd), np.exp(log_rn)
    return DataConstrainedBootstrap(fit, samples)
