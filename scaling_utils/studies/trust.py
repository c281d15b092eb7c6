"""Lesson 05: how far to trust a fit — bootstrap fans and off-centre IsoFLOP grids."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import _validate, allocation, plotting, references, simulate
from ._base import Study

__all__ = ["LESSON05_TRUTH", "FanStudy", "bootstrap_fan", "IsoflopBias", "isoflop_bias"]

#: The truth behind lesson 05's simulated studies (Besiroglu et al.'s refit of Chinchilla).
LESSON05_TRUTH = "BESIROGLU_2024"

#: At most this many of the bootstrap's frontiers are drawn (more only darkens the fan).
FAN_LINES = 150


def _decades(span: float) -> str:
    return f"{span:g} decade" + ("" if span == 1 else "s")


def _truth():
    return getattr(references, LESSON05_TRUTH)


@dataclass(frozen=True, repr=False)
class FanStudy(Study):
    """A simulated IsoFLOP study, its fit, its bootstrap, and what they say at ``target`` FLOPs.

    ``a_interval`` and ``n_interval`` are the 95% percentile intervals of the allocation exponent
    ``a`` and of ``N_opt(target)`` over the bootstrap's refits. Computed by
    :func:`bootstrap_fan`; the view of lesson 05's fan dashboard.

    Attributes
    ----------
    truth : ChinchillaLaw
        The law the runs were simulated from (:data:`LESSON05_TRUTH`).
    noise : float
        The relative scatter of a simulated loss.
    models_per_budget, n_budgets, n_resamples : int
        The study's size and the bootstrap's.
    fit : ChinchillaFit
        The fit to all runs.
    bootstrap : ChinchillaBootstrap
        The refits (``bootstrap.samples``, ``bootstrap.converged_fraction``).
    target : float
        The budget in FLOPs the prediction is made for.
    a_interval, n_interval : (float, float)
        95% percentile intervals of ``a`` and of ``N_opt(target)``.
    runs : int
        ``models_per_budget × n_budgets``.
    n_true, n_fit : float
        ``N_opt(target)`` under the truth and under the fit.
    a_contains_truth, n_contains_truth : bool
        Whether each interval holds the true value.
    n_ratio : float
        High over low end of the ``N_opt`` interval.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.bootstrap_fan(noise=0.01, models_per_budget=8, n_budgets=6)
    >>> print(str(study).splitlines()[0])
    48 runs (6 budgets × 8 models), noise 1%, 300 resamples
    >>> study.a_contains_truth, study.n_contains_truth, f"{study.n_ratio:.2g}"
    (True, True, '2.5')

    Introduced in lesson 05.
    """

    truth: object
    noise: float
    models_per_budget: int
    n_budgets: int
    n_resamples: int
    fit: object
    bootstrap: object = field(repr=False)
    target: float
    a_interval: tuple
    n_interval: tuple

    @property
    def runs(self) -> int:
        """How many runs the study simulated."""
        return self.models_per_budget * self.n_budgets

    @property
    def n_true(self) -> float:
        """The true compute-optimal size at ``target``."""
        return allocation.chinchilla_optimal(self.truth, self.target)[0]

    @property
    def n_fit(self) -> float:
        """The compute-optimal size at ``target`` under the fit to all runs."""
        return allocation.chinchilla_optimal(self.fit.law, self.target)[0]

    @property
    def a_contains_truth(self) -> bool:
        """Whether the interval of ``a`` holds the true ``a``."""
        return self.a_interval[0] <= self.truth.a <= self.a_interval[1]

    @property
    def n_contains_truth(self) -> bool:
        """Whether the interval of ``N_opt(target)`` holds the true one."""
        return self.n_interval[0] <= self.n_true <= self.n_interval[1]

    @property
    def n_ratio(self) -> float:
        """High over low end of the ``N_opt`` interval: how many-fold the uncertainty spans."""
        return self.n_interval[1] / self.n_interval[0]

    def __str__(self) -> str:
        (low, high), (n_low, n_high) = self.a_interval, self.n_interval
        inside = {True: "contains", False: "MISSES"}
        return (
            f"{self.runs} runs ({self.n_budgets} budgets × {self.models_per_budget} models), "
            f"noise {100 * self.noise:.3g}%, {self.n_resamples} resamples\n"
            f"allocation exponent a: fit {self.fit.law.a:.3f}, 95% interval [{low:.3f}, "
            f"{high:.3f}] (width {high - low:.3f}) — {inside[self.a_contains_truth]} the truth "
            f"{self.truth.a:.3f}\n"
            f"N_opt at C = {self.target:.0e}: fit {self.n_fit:.3g}, 95% interval "
            f"[{n_low:.3g}, {n_high:.3g}] — {inside[self.n_contains_truth]} the truth "
            f"{self.n_true:.3g}"
        )

    def draw(self, ax):
        """Draw each refit's frontier ``N_opt(C)`` divided by the true one, from 10¹⁸ to 10²⁶
        FLOPs (at most :data:`FAN_LINES` of them, in one line collection), the fit to all runs,
        the truth (a ratio of 1) and the budgets measured (shaded).

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
        >>> study = studies.bootstrap_fan()
        >>> fig, ax = study.new_figure()
        >>> study.draw(ax)
        >>> ax.get_title()
        '48 runs, 1% noise: 150 of 300 refits drawn'
        >>> [text.get_text() for text in ax.get_legend().get_texts()]
        ['bootstrap refits', 'fit to all runs', 'truth', 'budgets measured']
        >>> plt.close(fig)

        Introduced in lesson 05.
        """
        budgets = np.geomspace(1e18, 1e26, 40)
        drawn = min(FAN_LINES, self.n_resamples)
        plotting.loglog_axes(xlabel="compute C (FLOPs)", ylabel="N_opt predicted / true N_opt",
                             ax=ax, title=f"{self.runs} runs, {100 * self.noise:.3g}% noise: {drawn} "
                                          f"of {self.n_resamples} refits drawn")
        true_n = allocation.chinchilla_optimal(self.truth, budgets)[0]
        # One line collection for the fan: far cheaper to draw than one line per refit.
        from matplotlib.collections import LineCollection

        ratios = _n_opt({k: v[:drawn] for k, v in self.bootstrap.samples.items()}, budgets) / true_n
        segments = [np.column_stack([budgets, row]) for row in ratios]
        ax.add_collection(LineCollection(segments, colors=plotting.PALETTE["sky"], alpha=0.2,
                                         linewidths=0.8, label="bootstrap refits"))
        ax.plot(budgets, allocation.chinchilla_optimal(self.fit.law, budgets)[0] / true_n,
                color=plotting.PALETTE["blue"], linewidth=2.5, zorder=3, label="fit to all runs")
        ax.axhline(1.0, linestyle="--", color="0.2", label="truth")
        ax.axvspan(1e18, 1e21, color=plotting.PALETTE["orange"], alpha=0.1,
                   label="budgets measured")
        ax.autoscale_view()
        ax.legend(fontsize=8, loc="upper left")


@lru_cache(maxsize=128)
def _fan(noise, m, b, n_resamples, target, seed):
    from .. import fitting

    truth = _truth()
    sweep = simulate.isoflop_sweep(truth, np.geomspace(1e18, 1e21, b), m, noise=noise, seed=seed)
    # No warnings.catch_warnings here: the dashboard computes neighbouring settings in a
    # background thread, where changing the warning filters is not safe.
    fit = fitting.fit_chinchilla(sweep.n_params, sweep.n_tokens, sweep.loss, warn_now=False)
    boot = fitting.bootstrap_chinchilla(sweep.n_params, sweep.n_tokens, sweep.loss,
                                        n_resamples=n_resamples, seed=seed, fit=fit,
                                        tol=1e-4,  # the same 3-digit intervals, faster
                                        warn_now=False)
    at_target = _n_opt(boot.samples, np.array([target]))[:, 0]
    n_low, n_high = np.quantile(at_target, [0.025, 0.975])
    return FanStudy(truth, noise, m, b, n_resamples, fit, boot, target, boot.interval("a"),
                    (float(n_low), float(n_high)))


def _n_opt(samples, budgets):
    """``N_opt(C) = G·(C/6)^a`` for every resample (rows) at every budget (columns): the closed
    form of :func:`scaling_utils.allocation.chinchilla_optimal`, vectorised over resamples."""
    alpha, beta = np.asarray(samples["alpha"]), np.asarray(samples["beta"])
    g = (alpha * np.asarray(samples["A"]) / (beta * np.asarray(samples["B"]))) ** (
        1.0 / (alpha + beta))
    a = beta / (alpha + beta)
    return g[:, None] * (budgets[None, :] / 6.0) ** a[:, None]


def bootstrap_fan(noise=0.01, models_per_budget=8, n_budgets=6, *, n_resamples=300,
                  target=1e25, seed=0) -> FanStudy:
    """Simulate an IsoFLOP study from the lesson-05 truth, fit it, bootstrap it.

    The study: ``n_budgets`` budgets from 10¹⁸ to 10²¹ FLOPs, ``models_per_budget`` models each,
    losses with multiplicative ``noise`` (:func:`scaling_utils.simulate.isoflop_sweep`); the fit is
    :func:`scaling_utils.fitting.fit_chinchilla`, the bootstrap
    :func:`scaling_utils.fitting.bootstrap_chinchilla` (Efron's, ``n_resamples`` refits). Returns
    a :class:`FanStudy` with the 95% intervals of the allocation exponent ``a`` and of ``N_opt``
    at ``target``. Results are cached by their arguments.

    The fit is Hoffmann et al.'s Approach 3 (2022, arXiv:2203.15556, §3.3): a Huber fit of
    ``L = E + A/N^α + B/D^β`` on log losses. Each refit's frontier is
    ``N_opt(C) = G·(C/6)^a`` with ``a = β/(α + β)`` and ``G = (αA/(βB))^(1/(α+β))`` (their
    Eq. 4). Besiroglu et al. (2024, arXiv:2404.10102, §4) bootstrap Approach 3 the same way;
    lesson 05 shows how wide the fan of frontiers grows when a study of budgets up to 10²¹ FLOPs
    is extrapolated to ``target``. The fit's and the bootstrap's
    :class:`~scaling_utils.FitWarning` messages are silenced; ``bootstrap.converged_fraction``
    says how many refits converged.

    Parameters
    ----------
    noise : float, default 0.01
        The relative scatter of a simulated loss, a fraction (≥ 0, < 0.5; 0.01 for 1 %).
    models_per_budget : int, default 8
        Model sizes per budget (≥ 3).
    n_budgets : int, default 6
        Compute budgets, log-spaced from 10¹⁸ to 10²¹ FLOPs (≥ 2; at least 8 runs in all).
    n_resamples : int, default 300
        Bootstrap refits (≥ 10).
    target : float, default 1e25
        The budget in FLOPs to predict ``N_opt`` for (> 0).
    seed : int, default 0
        The seed of the simulation and of the resampling.

    Returns
    -------
    FanStudy

    Raises
    ------
    CourseValueError
        When a count is below its minimum, the study has fewer than 8 runs, ``noise`` is
        negative or 0.5 or more (a percentage given as a number: for 2 % give 0.02), ``target``
        is not > 0, or ``seed`` is not a valid seed.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> small = studies.bootstrap_fan(0.01, models_per_budget=4, n_budgets=3, n_resamples=100)
    >>> large = studies.bootstrap_fan(0.01, models_per_budget=8, n_budgets=6, n_resamples=100)
    >>> small.runs, large.runs, small.n_ratio > large.n_ratio
    (12, 48, True)

    Introduced in lesson 05.
    """
    m = _validate.positive_int(models_per_budget, "models_per_budget", minimum=3)
    b = _validate.positive_int(n_budgets, "n_budgets", minimum=2)
    if m * b < 8:
        raise _validate.CourseValueError(
            f"the study needs at least 8 runs in all to fit five constants; got {b} budgets × "
            f"{m} models = {m * b}.")
    level = _validate.nonnegative_float(noise, "noise")
    if level >= 0.5:
        raise _validate.CourseValueError(
            f"noise is a fraction of the loss: {level:g} would mean {level:.0%}; for 2% give "
            f"0.02.")
    # Rounded, so that 0.0125 from a browser's slider and 0.0125 computed here share a cache entry.
    return _fan(round(level, 10), m, b,
                _validate.positive_int(n_resamples, "n_resamples", minimum=10),
                _validate.positive_float(target, "target"), _validate.seed_value(seed))


@dataclass(frozen=True, repr=False)
class IsoflopBias(Study):
    """Approach 2 on grids centred on a guessed frontier: the fit and how far off it is.

    ``bias`` is the fitted exponent minus the true one; ``warnings`` the fit's warnings.
    Computed by :func:`isoflop_bias`; the view of lesson 05's grid-bias dashboard.

    Attributes
    ----------
    span : float
        Half-width of each grid, in decades of ``N``.
    guessed_exponent : float
        The exponent of the frontier the grids are centred on.
    truth : ChinchillaLaw
        The law the losses come from (:data:`LESSON05_TRUTH`).
    sweep : Sweep
        The simulated runs (no noise).
    fit : FrontierFit
        :func:`scaling_utils.fitting.fit_isoflop` on the runs.
    warnings : tuple of str
        The fit's :class:`~scaling_utils.FitWarning` messages.
    bias : float
        ``fit.exponent − truth.a``.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.isoflop_bias(span=1.0, guessed_exponent=0.4)
    >>> print(study)
    grid span ±1 decade, centred on a frontier with exponent 0.400
    fitted exponent 0.5148 against the truth 0.5126: bias +0.0022

    Introduced in lesson 05.
    """

    span: float
    guessed_exponent: float
    truth: object
    sweep: object = field(repr=False)
    fit: object
    warnings: tuple
    panels = (1.5, 1)
    figsize = (10, 4.0)

    @property
    def bias(self) -> float:
        """Fitted exponent minus the true one."""
        return self.fit.exponent - self.truth.a

    def __str__(self) -> str:
        return (f"grid span ±{_decades(self.span)}, centred on a frontier with exponent "
                f"{self.guessed_exponent:.3f}\n"
                f"fitted exponent {self.fit.exponent:.4f} against the truth {self.truth.a:.4f}: "
                f"bias {self.bias:+.4f}"
                + "".join("\n" + note for note in self.warnings[:1]))

    def draw(self, ax):
        """Draw two panels: left, each budget's grid of model sizes, the true optimum and the
        parabola minima against compute; right, the minima divided by the true optimum (the bias,
        magnified).

        Parameters
        ----------
        ax : (Axes, Axes)
            The left and right panels.

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
        >>> study = studies.isoflop_bias(span=1.0, guessed_exponent=0.4)
        >>> fig, (left, right) = study.new_figure()
        >>> study.draw((left, right))
        >>> [text.get_text() for text in left.get_legend().get_texts()]
        ['true optimum (a = 0.513)', 'parabola minima (a = 0.515)']
        >>> right.get_title()
        'the bias, magnified'
        >>> plt.close(fig)

        Introduced in lesson 05.
        """
        left, right = ax
        truth, sweep, fit = self.truth, self.sweep, self.fit
        plotting.loglog_axes(xlabel="compute C (FLOPs)", ylabel="model size N", ax=left,
                             title=f"grids of ±{_decades(self.span)} centred on a "
                                   f"C^{self.guessed_exponent:.2f} frontier")
        for budget in fit.budgets:
            mine = np.isclose(sweep.compute, budget)
            left.plot(sweep.compute[mine], sweep.n_params[mine], "|", color="0.6", markersize=8)
        true_n = allocation.chinchilla_optimal(truth, fit.budgets)[0]
        left.plot(fit.budgets, true_n, "--", color="0.2", label=f"true optimum (a = {truth.a:.3f})")
        left.plot(fit.budgets, fit.minima, "o", color=plotting.PALETTE["vermillion"],
                  label=f"parabola minima (a = {fit.exponent:.3f})")
        left.legend(fontsize=8)
        plotting.new_axes(xlabel="compute C (FLOPs)", ylabel="parabola minimum / true optimum",
                          title="the bias, magnified", ax=right)
        right.set_xscale("log")
        right.xaxis.set_major_formatter(plotting.log_tick_formatter())
        right.axhline(1.0, linestyle="--", color="0.2")
        right.plot(fit.budgets, fit.minima / true_n, "o-", color=plotting.PALETTE["vermillion"])


@lru_cache(maxsize=256)
def _bias(span, guess, n_budgets, models_per_budget):
    from .. import fitting

    truth = _truth()
    budgets = np.geomspace(1e18, 1e21, n_budgets)
    middle = np.sqrt(budgets[0] * budgets[-1])
    n_mid, _ = allocation.chinchilla_optimal(truth, middle)
    sweep = simulate.isoflop_sweep(truth, budgets, models_per_budget, span=span, noise=0.0,
                                   centres=n_mid * (budgets / middle) ** guess)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", fitting.FitWarning)
        fit = fitting.fit_isoflop(sweep.n_params, sweep.compute, sweep.loss)
    return IsoflopBias(span, guess, truth, sweep, fit, tuple(str(w.message) for w in caught))


def isoflop_bias(span=1.0, guessed_exponent=None, *, n_budgets=7, models_per_budget=9
                 ) -> IsoflopBias:
    """Approach 2 with IsoFLOP grids centred on a guessed frontier instead of the true one.

    Each budget's grid of model sizes spans ``10^±span`` around ``N_guess(C)``, a frontier with
    exponent ``guessed_exponent`` that agrees with the truth at the middle budget (default: the
    true exponent, i.e. well-centred grids). No noise: any error in the fitted exponent
    (:func:`scaling_utils.fitting.fit_isoflop`) is bias. Results are cached by their arguments.

    Hoffmann et al.'s Approach 2 (2022, arXiv:2203.15556, §3.2) fits a parabola to loss against
    ``ln N`` on each IsoFLOP profile and takes its vertex as ``N_opt(C)``. The true profile,
    ``E + A·N^(−α) + B·(6N/C)^β``, is not a parabola in ``ln N``: its two sides rise at different
    rates (as ``e^(−α ln N)`` and ``e^(β ln N)``), so a vertex depends on where the grid sits.
    On grids centred on the true optimum every profile has the same shape, the vertex is off by
    the same factor at every budget, and ``a`` is unbiased. On grids centred on a frontier with
    the wrong exponent, each grid's offset from the optimum grows with its distance from the
    middle budget, the vertex's error changes with it, and the fitted ``a`` is biased, more so
    for wide grids. The budgets are log-spaced from 10¹⁸ to 10²¹ FLOPs.

    Parameters
    ----------
    span : float, default 1.0
        Half-width of each grid, in decades of ``N`` (> 0, at most 3).
    guessed_exponent : float, optional
        The exponent of the frontier the grids are centred on (between 0 and 1); default the
        true ``a``.
    n_budgets : int, default 7
        Compute budgets (≥ 3).
    models_per_budget : int, default 9
        Model sizes per budget (≥ 3).

    Returns
    -------
    IsoflopBias

    Raises
    ------
    CourseValueError
        When ``span`` is not in (0, 3], ``guessed_exponent`` is not in (0, 1), or a count is
        below 3.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> for span in (0.3, 1.0, 2.0):
    ...     print(f"±{span} decades: bias {studies.isoflop_bias(span, 0.4).bias:+.4f}")
    ±0.3 decades: bias -0.0003
    ±1.0 decades: bias +0.0022
    ±2.0 decades: bias +0.0101
    >>> abs(studies.isoflop_bias(2.0).bias) < 1e-6    # grids centred on the true frontier
    True

    Introduced in lesson 05.
    """
    truth = _truth()
    half = _validate.positive_float(span, "span")
    if half > 3:
        raise _validate.CourseValueError(
            f"span is in decades on each side of the guessed frontier: {half:g} would run models "
            f"{half:g} orders of magnitude either way; give at most 3 (lesson 05 uses 0.2–2).")
    guess = truth.a if guessed_exponent is None else _validate.positive_float(
        guessed_exponent, "guessed_exponent")
    if guess >= 1:
        raise _validate.CourseValueError(
            f"guessed_exponent is the exponent a of N_opt ∝ C^a, between 0 and 1 (Kaplan's is "
            f"0.73, Chinchilla's about 0.5); got {guess:g}.")
    budgets = _validate.positive_int(n_budgets, "n_budgets", minimum=3)
    models = _validate.positive_int(models_per_budget, "models_per_budget", minimum=3)
    return _bias(half, float(guess), budgets, models)
