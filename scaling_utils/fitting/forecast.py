"""Forecasting a benchmark score in two steps, as Llama 3 did: compute → NLL → accuracy."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, laws
from .._validate import CourseValueError
from .._warnings import warn
from ._results import FitResult

__all__ = ["TwoStepForecast", "fit_two_step_forecast"]

#: Largest number of bootstrap refits in one call.
_MAX_BOOTSTRAP = 10_000


@dataclass(frozen=True)
class TwoStepForecast(FitResult):
    r"""The result of :func:`fit_two_step_forecast`: two fitted steps and the forecast they make.

    Step 1, ``ℓ(C) = β0 + β1·log10 C``, is ordinary least squares; its covariance is
    :math:`s^2 (X^\top X)^{-1}`. Step 2, ``acc(ℓ) = floor + (ceiling − floor)·σ((m − ℓ)/s)``,
    is least squares on the accuracies over ``(m, ln s)``; its covariance is the Gauss–Newton
    :math:`s^2 (J^\top J)^{-1}`. The reporting interface (:class:`FitResult`) names the
    parameters ``"nll_intercept"``, ``"nll_slope"``, ``"midpoint"`` and ``"width"`` and gives
    normal-quantile Wald intervals (the width's exponentiated, so it stays positive). The
    forecast's own interval, :meth:`forecast_interval`, comes from the bootstrap: each step's
    points resampled with replacement and both steps refitted, ``n_bootstrap`` times.

    Attributes
    ----------
    nll_intercept, nll_slope : float
        Step 1: ``β0`` and ``β1`` (NLL per decade of compute).
    accuracy_law : laws.SigmoidAccuracy
        Step 2, with the floor and ceiling that were given.
    covariance : numpy.ndarray
        4 × 4, block diagonal: ``(β0, β1)`` then ``(m, ln s)``.
    n_step1, n_step2 : int
        Points fitted in each step.
    bootstrap : numpy.ndarray
        ``(n_bootstrap, 4)`` refitted ``(β0, β1, m, s)``; rows of NaN where a resample could
        not be fitted (all its points at one compute).
    warnings : tuple of str
        Why the forecast should not be trusted as it stands, if anything.

    Examples
    --------
    >>> from scaling_utils import fitting, simulate
    >>> study = simulate.two_step_benchmark([6e18, 3e19, 1e20, 3e20, 1e21, 3e21, 1e22], seed=1)
    >>> fit = fitting.fit_two_step_forecast(study.compute, study.nll, study.accuracy,
    ...                                     older_nll=study.older_nll,
    ...                                     older_accuracy=study.older_accuracy, n_bootstrap=100)
    >>> {name: round(value, 3) for name, value in fit.params.items()}
    {'nll_intercept': 2.002, 'nll_slope': -0.031, 'midpoint': 1.281, 'width': 0.021}
    >>> print(f"truth: {study.nll_intercept}, {study.nll_slope}, {study.accuracy_law.midpoint}, "
    ...       f"{study.accuracy_law.width}")
    truth: 1.99, -0.03, 1.28, 0.02

    Introduced in lesson 06.
    """

    nll_intercept: float
    nll_slope: float
    accuracy_law: laws.SigmoidAccuracy
    covariance: np.ndarray = field(repr=False)
    n_step1: int
    n_step2: int
    bootstrap: np.ndarray = field(repr=False)
    warnings: tuple = ()

    # --- the reporting interface (FitResult) ---------------------------------------------------

    _log_scale = ("width",)

    def _estimates(self) -> dict:
        return {"nll_intercept": self.nll_intercept, "nll_slope": self.nll_slope,
                "midpoint": self.accuracy_law.midpoint, "width": self.accuracy_law.width}

    def _standard_errors(self) -> dict:
        se = np.sqrt(np.diagonal(self.covariance))
        return {"nll_intercept": se[0], "nll_slope": se[1], "midpoint": se[2],
                "width": self.accuracy_law.width * se[3]}

    def _summary_title(self) -> str:
        law = self.accuracy_law
        return (f"fit_two_step_forecast: NLL = β0 + β1·log10(C) on {self.n_step1} points; "
                f"accuracy = {law.floor:g} + {law.ceiling - law.floor:g}·σ((m − NLL)/s) on "
                f"{self.n_step2} points")

    def _summary_notes(self) -> list:
        return [f"forecast intervals from {self.bootstrap.shape[0]} bootstrap refits"]

    # --------------------------------------------------------------------------------------------

    def predict_nll(self, compute):
        """Step 1's forecast of the NLL at ``compute`` FLOPs: ``β0 + β1·log10 C``.

        Parameters
        ----------
        compute : float or array_like
            Training FLOPs (> 0).

        Returns
        -------
        float or numpy.ndarray

        Raises
        ------
        CourseValueError
            When a compute is not a positive finite number.

        Examples
        --------
        >>> from scaling_utils import fitting
        >>> fit = fitting.fit_two_step_forecast([1e19, 1e20, 1e21], [1.4, 1.37, 1.34],
        ...                                     [0.25, 0.26, 0.30], older_nll=[1.3, 1.28],
        ...                                     older_accuracy=[0.5, 0.62], n_bootstrap=0)
        >>> print(f"{fit.predict_nll(1e25):.3f}")
        1.220

        Introduced in lesson 06.
        """
        c = _validate.positive_array(compute, "compute")
        return _validate.scalar_or_array(self.nll_intercept + self.nll_slope * np.log10(c),
                                         compute)

    def predict_accuracy(self, compute):
        """Both steps' forecast of the accuracy at ``compute`` FLOPs: step 2 of step 1.

        Parameters
        ----------
        compute : float or array_like
            Training FLOPs (> 0).

        Returns
        -------
        float or numpy.ndarray

        Raises
        ------
        CourseValueError
            When a compute is not a positive finite number.

        Examples
        --------
        >>> from scaling_utils import fitting
        >>> fit = fitting.fit_two_step_forecast([1e19, 1e20, 1e21], [1.4, 1.37, 1.34],
        ...                                     [0.25, 0.26, 0.30], older_nll=[1.3, 1.28],
        ...                                     older_accuracy=[0.5, 0.62], n_bootstrap=0)
        >>> print(f"{fit.predict_accuracy(1e25):.2f}")
        0.94

        Introduced in lesson 06.
        """
        nll = np.maximum(np.asarray(self.predict_nll(compute)), 0.0)
        return _validate.scalar_or_array(self.accuracy_law(nll), compute)

    def _draws(self, compute):
        if not self.bootstrap.shape[0]:
            raise CourseValueError("this forecast has no bootstrap refits; fit again with "
                                   "n_bootstrap=200 (or more) to get its interval.")
        c = np.log10(_validate.positive_array(compute, "compute"))
        draws = self.bootstrap[np.isfinite(self.bootstrap).all(axis=1)]
        nll = draws[:, :1] + draws[:, 1:2] * c.reshape(1, -1)
        law = self.accuracy_law
        z = (draws[:, 2:3] - np.maximum(nll, 0.0)) / draws[:, 3:4]
        acc = law.floor + (law.ceiling - law.floor) * np.exp(-np.logaddexp(0.0, -z))
        shape = (draws.shape[0],) + c.shape
        return nll.reshape(shape), acc.reshape(shape)

    def forecast_interval(self, compute, level=0.9):
        """A bootstrap ``level`` interval of the forecast accuracy at ``compute`` FLOPs.

        The percentiles ``(1 ± level)/2`` of the accuracy that each bootstrap refit of both
        steps forecasts. It covers the uncertainty of the fits, not the scatter of one measured
        score around the model's true accuracy.

        Parameters
        ----------
        compute : float or array_like
            Training FLOPs (> 0).
        level : float
            In (0, 1); default 0.9.

        Returns
        -------
        tuple of (float or numpy.ndarray)
            ``(low, high)``.

        Raises
        ------
        CourseValueError
            When a compute is not a positive finite number, ``level`` is not in (0, 1), or the
            fit was made with ``n_bootstrap=0``.

        Examples
        --------
        >>> from scaling_utils import fitting, simulate
        >>> study = simulate.two_step_benchmark([6e18, 3e19, 1e20, 3e20, 1e21, 3e21, 1e22])
        >>> fit = fitting.fit_two_step_forecast(study.compute, study.nll, study.accuracy,
        ...                                     older_nll=study.older_nll,
        ...                                     older_accuracy=study.older_accuracy, n_bootstrap=100)
        >>> low, high = fit.forecast_interval(study.target_compute)
        >>> bool(low < study.target_accuracy < high)
        True

        Introduced in lesson 06.
        """
        level = _validate.fraction(level, "level")
        _, acc = self._draws(compute)
        low, high = np.percentile(acc, [50 * (1 - level), 50 * (1 + level)], axis=0)
        return (_validate.scalar_or_array(low, compute), _validate.scalar_or_array(high, compute))

    def nll_interval(self, compute, level=0.9):
        """A bootstrap ``level`` interval of step 1's forecast NLL at ``compute`` FLOPs.

        Parameters
        ----------
        compute : float or array_like
            Training FLOPs (> 0).
        level : float
            In (0, 1); default 0.9.

        Returns
        -------
        tuple of (float or numpy.ndarray)
            ``(low, high)``.

        Raises
        ------
        CourseValueError
            When a compute is not a positive finite number, ``level`` is not in (0, 1), or the
            fit was made with ``n_bootstrap=0``.

        Examples
        --------
        >>> from scaling_utils import fitting, simulate
        >>> study = simulate.two_step_benchmark([6e18, 3e19, 1e20, 3e20, 1e21, 3e21, 1e22])
        >>> fit = fitting.fit_two_step_forecast(study.compute, study.nll, study.accuracy,
        ...                                     older_nll=study.older_nll,
        ...                                     older_accuracy=study.older_accuracy, n_bootstrap=100)
        >>> low, high = fit.nll_interval(study.target_compute)
        >>> bool(low < study.target_nll < high)
        True

        Introduced in lesson 06.
        """
        level = _validate.fraction(level, "level")
        nll, _ = self._draws(compute)
        low, high = np.percentile(nll, [50 * (1 - level), 50 * (1 + level)], axis=0)
        return (_validate.scalar_or_array(low, compute), _validate.scalar_or_array(high, compute))

    def plot(self, benchmark, axes=None):
        """Draw both steps against a benchmark's models: NLL and accuracy against compute.

        Left, step 1: the scaling-law models' NLL, the older models' and the fitted line.
        Right, both steps: the models' accuracy and the forecast, with the target model's true
        accuracy as a star, out to 10²⁶ FLOPs.

        Parameters
        ----------
        benchmark : TwoStepBenchmark
            What was fitted (:func:`scaling_utils.simulate.two_step_benchmark`), or any object
            with ``compute``, ``nll``, ``accuracy``, ``older_compute``, ``older_nll``,
            ``older_accuracy``, ``target_compute`` and ``target_accuracy``.
        axes : (Axes, Axes), optional
            Where to draw; by default a new figure of two panels in the house style.

        Returns
        -------
        (Axes, Axes)

        Raises
        ------
        AttributeError
            When ``benchmark`` lacks one of the attributes listed.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import fitting, simulate
        >>> bench = simulate.two_step_benchmark([6e18, 3e19, 1e20, 3e20, 1e21, 3e21, 1e22])
        >>> fit = fitting.fit_two_step_forecast(bench.compute, bench.nll, bench.accuracy,
        ...                                     older_nll=bench.older_nll,
        ...                                     older_accuracy=bench.older_accuracy, n_bootstrap=0)
        >>> ax_nll, ax_acc = fit.plot(bench)
        >>> ax_acc.get_ylabel()
        'accuracy'
        >>> plt.close("all")

        Introduced in lesson 06.
        """
        from .. import plotting

        if axes is None:
            import matplotlib.pyplot as plt

            with plotting.style():
                fig, axes = plt.subplots(1, 2, figsize=(10, 4))
            fig.set_layout_engine("tight")
        ax_nll, ax_acc = axes
        grid = np.geomspace(np.min(benchmark.compute), 1e26, 200)
        for ax in axes:
            ax.set_xscale("log")
            ax.xaxis.set_major_formatter(plotting.log_tick_formatter())
            ax.set_xlabel("training compute C (FLOPs)")
        older = dict(color=plotting.PALETTE["sky"], label="older models")
        ax_nll.plot(benchmark.compute, benchmark.nll, "o", color="black",
                    label="small models (fitted)")
        ax_nll.plot(benchmark.older_compute, benchmark.older_nll, "s", **older)
        ax_nll.plot(grid, self.predict_nll(grid), color=plotting.PALETTE["blue"],
                    label="step 1 fit")
        ax_nll.set_ylabel("NLL of the correct answer")
        ax_nll.set_title("step 1: smooth in log compute", fontsize=10)
        ax_nll.legend(fontsize=8)
        ax_acc.plot(benchmark.compute, benchmark.accuracy, "o", color="black",
                    label="small models")
        ax_acc.plot(benchmark.older_compute, benchmark.older_accuracy, "s", **older)
        ax_acc.plot(grid, self.predict_accuracy(grid), color=plotting.PALETTE["vermillion"],
                    label="steps 1 + 2")
        ax_acc.plot([benchmark.target_compute], [benchmark.target_accuracy], "*", ms=12,
                    color=plotting.PALETTE["orange"], mec="black", label="target (truth)")
        ax_acc.set_ylabel("accuracy")
        ax_acc.set_title("accuracy: flat at chance, then a jump", fontsize=10)
        ax_acc.legend(fontsize=8, loc="upper left")
        return ax_nll, ax_acc


def _fit_line(log_c, nll):
    """OLS of ``nll`` on ``log_c``: (β0, β1) and their covariance (NaN without a residual dof)."""
    x = np.column_stack([np.ones_like(log_c), log_c])
    beta, *_ = np.linalg.lstsq(x, nll, rcond=None)
    dof = nll.size - 2
    rss = float(np.sum((nll - x @ beta) ** 2))
    cov = (rss / dof) * np.linalg.inv(x.T @ x) if dof > 0 else np.full((2, 2), np.nan)
    return beta, cov


def _fit_sigmoid(nll, acc, floor, ceiling, starts, bounds):
    """Least squares of ``acc`` on the sigmoid of ``nll`` over (m, ln s), best of ``starts``."""
    from scipy.optimize import least_squares

    span = ceiling - floor

    def residuals(theta):
        z = (theta[0] - nll) / np.exp(theta[1])
        return floor + span * np.exp(-np.logaddexp(0.0, -z)) - acc

    best = None
    for start in starts:
        result = least_squares(residuals, start, bounds=bounds, method="trf", x_scale="jac")
        if best is None or result.cost < best.cost:
            best = result
    return best


def fit_two_step_forecast(compute, nll, accuracy, *, older_nll=None, older_accuracy=None,
                          floor=0.25, ceiling=1.0, n_bootstrap=200, seed=0) -> TwoStepForecast:
    r"""Forecast a benchmark's accuracy from compute in two fitted steps, as Llama 3 did.

    Llama Team (2024), "The Llama 3 Herd of Models", arXiv:2407.21783, §3.2.1 and Figure 4:

    1. "linearly correlate the (normalized) negative log-likelihood of correct answer in the
       benchmark and the training FLOPs", on the scaling-law models only:
       :math:`\ell(C) = \beta_0 + \beta_1 \log_{10} C` (a straight line on the figure's log
       compute axis), by ordinary least squares;
    2. "a sigmoidal relation between the log-likelihood and accuracy", fitted on the same models
       *and* older ones (Llama 2, another data mix) that reach further up the sigmoid:
       :math:`\mathrm{acc}(\ell) = \mathrm{floor} + (\mathrm{ceiling} - \mathrm{floor})\,
       \sigma((m - \ell)/s)` (:class:`~scaling_utils.laws.SigmoidAccuracy`; the paper prints no
       formula, this logistic with the chance level as its floor is the course's reading), by
       least squares on the accuracies from a grid of starting points.

    The forecast at compute ``C`` is step 2 applied to step 1. Step 2 is fitted on accuracies,
    not their logarithms: an accuracy is a share of questions with roughly constant absolute
    scatter, and near chance it may fall below the floor, where no logarithm or logit exists.

    Parameters
    ----------
    compute, nll, accuracy : array_like
        The scaling-law models: training FLOPs (> 0), NLL of the correct answer (≥ 0) and
        accuracy (in [0, 1]); at least 3 each, the same length.
    older_nll, older_accuracy : array_like, optional
        Models used in step 2 only (the same length as each other).
    floor : float
        Chance accuracy, in [0, 1) (default 0.25: four options).
    ceiling : float
        Accuracy of a perfect model, in (floor, 1] (default 1).
    n_bootstrap : int
        Bootstrap refits for :meth:`TwoStepForecast.forecast_interval` (0 for none; at most
        10,000).
    seed : int
        Seed of the bootstrap (≥ 0).

    Returns
    -------
    TwoStepForecast

    Raises
    ------
    CourseValueError
        When an array has bad numbers, too few values or a length that does not match, or all
        the compute values are equal, or another argument is out of its range.

    Warns
    -----
    FitWarning
        When step 2's midpoint lies outside the NLL values it was fitted on (the rise of the
        sigmoid is extrapolated, not measured), or its width or midpoint stops on the edge of
        the search.

    Examples
    --------
    >>> from scaling_utils import fitting, simulate
    >>> study = simulate.two_step_benchmark([6e18, 3e19, 1e20, 3e20, 1e21, 3e21, 1e22], seed=1)
    >>> fit = fitting.fit_two_step_forecast(study.compute, study.nll, study.accuracy,
    ...                                     older_nll=study.older_nll,
    ...                                     older_accuracy=study.older_accuracy, n_bootstrap=100)
    >>> print(f"forecast {fit.predict_accuracy(3.8e25):.3f}, truth {study.target_accuracy:.3f}")
    forecast 0.962, truth 0.960

    Introduced in lesson 06.
    """
    c, ell, acc = _validate.positive_arrays(positive=False, minimum_length=3, compute=compute,
                                            nll=nll, accuracy=accuracy)
    _validate.positive_array(c, "compute")
    lo = _validate.fraction(floor, "floor", open_low=False)
    hi = _validate.fraction(ceiling, "ceiling", open_high=False)
    if hi <= lo:
        raise CourseValueError(f"ceiling must be above floor; got floor {lo:g} and ceiling "
                               f"{hi:g}.")
    if (older_nll is None) != (older_accuracy is None):
        raise CourseValueError("give older_nll and older_accuracy together (the older models' "
                               "NLL and accuracy), or neither.")
    if older_nll is not None:
        old_ell, old_acc = _validate.positive_arrays(positive=False, older_nll=older_nll,
                                                     older_accuracy=older_accuracy)
    else:
        old_ell, old_acc = np.empty(0), np.empty(0)
    all_ell = np.concatenate([ell, old_ell])
    all_acc = np.concatenate([acc, old_acc])
    if (all_ell < 0).any():
        raise CourseValueError(f"nll and older_nll are negative log-likelihoods, 0 or more; "
                               f"found {all_ell[all_ell < 0][0]:g}.")
    if ((all_acc < 0) | (all_acc > 1)).any():
        bad = all_acc[(all_acc < 0) | (all_acc > 1)][0]
        hint = f" {_validate._percent_hint(bad)}" if bad > 1 else ""
        raise CourseValueError(f"accuracy and older_accuracy must lie in [0, 1]; found "
                               f"{bad:g}.{hint}")
    n_boot = _validate.positive_int(n_bootstrap, "n_bootstrap", minimum=0)
    if n_boot > _MAX_BOOTSTRAP:
        raise CourseValueError(f"n_bootstrap must be at most {_MAX_BOOTSTRAP:,}; got {n_boot:,}. "
                               f"A few hundred refits give a 90% interval.")
    rng = np.random.default_rng(_validate.seed_value(seed))
    log_c = np.log10(c)
    if np.ptp(log_c) == 0:
        raise CourseValueError("compute must hold at least two different values to fit step 1 "
                               "(a line in log compute).")

    beta, cov1 = _fit_line(log_c, ell)

    span = float(np.ptp(all_ell)) or 0.1
    bounds = ([all_ell.min() - 3 * span, np.log(span / 1000)],
              [all_ell.max() + 3 * span, np.log(10 * span)])
    starts = [(m, np.log(span * f)) for m in np.quantile(all_ell, [0.1, 0.5, 0.9])
              for f in (0.05, 0.2, 1.0)]
    best = _fit_sigmoid(all_ell, all_acc, lo, hi, starts, bounds)
    theta = best.x
    dof = all_ell.size - 2
    jac = best.jac
    if dof > 0:
        try:
            cov2 = (2 * best.cost / dof) * np.linalg.inv(jac.T @ jac)
        except np.linalg.LinAlgError:
            cov2 = np.full((2, 2), np.nan)
    else:
        cov2 = np.full((2, 2), np.nan)
    covariance = np.zeros((4, 4))
    covariance[:2, :2] = cov1
    covariance[2:, 2:] = cov2

    messages = []
    if not best.success:
        messages.append(f"step 2 (the sigmoid) did not converge: {best.message}")
    edge = [name for k, name in enumerate(("midpoint", "width"))
            if np.isclose(theta[k], bounds[0][k], rtol=0, atol=1e-6 * max(1.0, abs(theta[k])))
            or np.isclose(theta[k], bounds[1][k], rtol=0, atol=1e-6 * max(1.0, abs(theta[k])))]
    if edge:
        messages.append(f"step 2's {' and '.join(edge)} stopped on the edge of the search: the "
                        f"accuracies do not pin the sigmoid down")
    elif not all_ell.min() <= theta[0] <= all_ell.max():
        messages.append(f"step 2's midpoint (NLL {theta[0]:.4g}) lies outside the NLL values it "
                        f"was fitted on ({all_ell.min():.4g} to {all_ell.max():.4g}): the rise of "
                        f"the sigmoid is extrapolated, not measured; add models that reach it")
    for message in messages:
        warn(message)

    draws = np.full((n_boot, 4), np.nan)
    for b in range(n_boot):
        i1 = rng.integers(0, c.size, c.size)
        i2 = rng.integers(0, all_ell.size, all_ell.size)
        if np.ptp(log_c[i1]) == 0:
            continue
        draws[b, :2], _ = _fit_line(log_c[i1], ell[i1])
        refit = _fit_sigmoid(all_ell[i2], all_acc[i2], lo, hi, [theta], bounds)
        draws[b, 2:] = refit.x[0], np.exp(refit.x[1])

    law = laws.SigmoidAccuracy(float(theta[0]), float(np.exp(theta[1])), floor=lo, ceiling=hi)
    return TwoStepForecast(float(beta[0]), float(beta[1]), law, covariance, int(c.size),
                           int(all_ell.size), draws, tuple(messages))
