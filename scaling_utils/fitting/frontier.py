"""Chinchilla's Approaches 1 and 2: the compute-optimal frontier ``N_opt ∝ C^a`` from minima."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate
from .._validate import CourseValueError
from .._warnings import warn
from ._results import FitResult
from .power_law import _log_line

__all__ = ["FrontierFit", "fit_isoflop", "fit_envelope"]


@dataclass(frozen=True)
class FrontierFit(FitResult):
    r"""A fitted compute-optimal frontier ``N_opt = coefficient · C^exponent``.

    The frontier is the least-squares line through the minima in log-log space,
    :math:`\ln N_\text{opt} = \ln G + a \ln C` (Hoffmann et al. 2022, "Training
    Compute-Optimal Large Language Models", arXiv:2203.15556, §3.1–3.2, where ``a`` is the
    exponent of Table 2). Its reporting interface (:class:`FitResult`) names the parameters
    ``"coefficient"`` (``G``) and ``"exponent"`` (``a``), with the regression's standard errors
    from :math:`s^2 (X^\top X)^{-1}` on ``m − 2`` degrees of freedom (``m`` budgets), Student-t
    intervals, and for the coefficient the delta-method error :math:`G\,\mathrm{se}(\ln G)` and
    the exponentiated interval of :math:`\ln G`. These errors count how the minima scatter about
    the line; a bias that every budget shares (an off-centre IsoFLOP grid, lesson 05) is not in
    them. With two budgets the line passes through both minima exactly: no scatter is left to
    estimate, the standard errors are NaN and :meth:`conf_int` says so.

    Attributes
    ----------
    budgets : numpy.ndarray
        The compute budgets (FLOPs) that gave a minimum.
    minima : numpy.ndarray
        The model size found best at each budget.
    losses : numpy.ndarray
        The loss at each minimum.
    exponent, coefficient : float
        ``a`` and ``G`` of the fitted frontier.
    method : str
        How the minima were found: ``"isoflop-parabola"``, ``"isoflop-argmin"`` or
        ``"envelope"``.
    warnings : tuple of str
        Why the fit should not be trusted as it stands, if anything.
    covariance : numpy.ndarray
        The covariance of ``(ln coefficient, exponent)``; NaN with two budgets.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, references, simulate
    >>> sweep = simulate.isoflop_sweep(references.BESIROGLU_2024, np.geomspace(1e18, 1e21, 7), 9,
    ...                                noise=0.005, seed=4)
    >>> fit = fitting.fit_isoflop(sweep.n_params, sweep.compute, sweep.loss)
    >>> print(fit)
    N_opt = 0.05662 · C^0.5085  (isoflop-parabola, 7 budgets)
    >>> print(fit.summary())
    isoflop-parabola: N_opt = G·C^a through 7 minima in log-log space; 5 degrees of freedom
    parameter      value  std. error  95% interval
    coefficient  0.05662     0.01024  [0.03558, 0.09012]
    exponent      0.5085    0.004021  [ 0.4981,  0.5188]
    note: the errors count the scatter of the minima about the line, not a bias that every
          budget shares

    Introduced in lesson 04.
    """

    budgets: np.ndarray
    minima: np.ndarray
    losses: np.ndarray
    exponent: float
    coefficient: float
    method: str
    warnings: tuple = ()
    covariance: np.ndarray = field(default=None, repr=False)

    @property
    def dof(self) -> int:
        """Degrees of freedom left for the residuals: budgets minus 2."""
        return self.budgets.size - 2

    def optimal_params(self, compute):
        """The frontier's model size ``G·C^a`` at ``compute`` FLOPs.

        Parameters
        ----------
        compute : float or array_like
            Training compute in FLOPs (> 0).

        Returns
        -------
        float or numpy.ndarray
            Parameters, shaped like ``compute``.

        Raises
        ------
        CourseValueError
            If ``compute`` holds a value ≤ 0, NaN or inf.

        Examples
        --------
        >>> import numpy as np
        >>> from scaling_utils import fitting, references, simulate
        >>> sweep = simulate.isoflop_sweep(references.BESIROGLU_2024, np.geomspace(1e18, 1e21, 5),
        ...                                9, noise=0.0)
        >>> fit = fitting.fit_isoflop(sweep.n_params, sweep.compute, sweep.loss)
        >>> print(f"{fit.optimal_params(1e24):.3g}")
        9.47e+10

        Introduced in lesson 04.
        """
        c = _validate.positive_array(compute, "compute")
        result = self.coefficient * c**self.exponent
        return float(result) if np.ndim(compute) == 0 else result

    # --- the reporting interface (FitResult) ---------------------------------------------------

    _log_scale = ("coefficient",)

    def _estimates(self) -> dict:
        return {"coefficient": self.coefficient, "exponent": self.exponent}

    def _standard_errors(self) -> dict:
        covariance = np.full((2, 2), np.nan) if self.covariance is None else self.covariance
        se = np.sqrt(np.diagonal(covariance))
        return {"coefficient": self.coefficient * se[0], "exponent": se[1]}

    def _degrees_of_freedom(self) -> int:
        return self.dof

    def _no_intervals(self):
        if self.budgets.size < 3:
            return (f"{self.method}: a line through the minima of {self.budgets.size} compute "
                    f"budgets passes through each exactly, which leaves no scatter to estimate "
                    f"its standard errors from (they are nan); find minima at 3 or more budgets "
                    f"for intervals.")
        return None

    def _summary_title(self) -> str:
        return (f"{self.method}: N_opt = G·C^a through {self.budgets.size} minima in log-log "
                f"space; {self.dof} degrees of freedom")

    def _summary_notes(self) -> list:
        return ["the errors count the scatter of the minima about the line, not a bias that "
                "every budget shares"]

    def _law_text(self) -> str:
        return f"N_opt = {self.coefficient:.4g} · C^{self.exponent:.4f}"

    def __str__(self) -> str:
        return f"{self._law_text()}  ({self.method}, {self.budgets.size} budgets)"


def _frontier(budgets, minima, losses, method, notes) -> FrontierFit:
    """The frontier through the minima (at least two), with its regression covariance."""
    c, k, covariance, _ = _log_line(np.log(budgets), np.log(minima))
    for note in notes:
        warn(f"{method}: {note}.")
    return FrontierFit(budgets, minima, losses, k, float(np.exp(c)), method, tuple(notes),
                       covariance)


def fit_isoflop(n_params, compute, loss, *, method="parabola") -> FrontierFit:
    r"""Hoffmann et al.'s Approach 2: the minimum of each IsoFLOP profile, then ``N_opt ∝ C^a``.

    Hoffmann et al. (2022), "Training Compute-Optimal Large Language Models",
    arXiv:2203.15556, §3.2: train several model sizes at each of a few fixed compute budgets
    (an IsoFLOP profile), find the loss-minimising size :math:`N_\text{opt}(C)` of each profile,
    and fit the power law :math:`N_\text{opt} = G\,C^a` through the minima.

    Runs are grouped by compute budget. In each group the best model size is found either by a
    parabola fitted to loss against ``ln N`` (``method="parabola"``, as Hoffmann et al. do), whose
    vertex :math:`-b/2c` is the minimum, or by the run with the lowest loss
    (``method="argmin"``, which can only return a size that was run). The frontier is then the
    least-squares line :math:`\ln N_\text{opt} = \ln G + a \ln C` through the minima (see
    :class:`FrontierFit` for its standard errors). Lesson 05 shows why a parabola on a grid
    that is not centred on the optimum biases ``a``.

    Parameters
    ----------
    n_params : array_like
        The model size of each run (> 0).
    compute : array_like
        The training compute of each run in FLOPs (> 0); runs with the same value (to six
        digits of ``log10``) form one profile.
    loss : array_like
        The final loss of each run (> 0).
    method : {"parabola", "argmin"}, default "parabola"
        How each profile's minimum is found.

    Returns
    -------
    FrontierFit
        The frontier, its minima, and the reporting interface (``params``, ``stderr``,
        ``conf_int``, ``summary``).

    Warns
    -----
    FitWarning
        When a parabola opens downwards (no minimum: the lowest run is used), when its minimum
        lies outside the sizes that were run, and when a budget has fewer than three runs (it is
        skipped).

    Raises
    ------
    CourseValueError
        If the three arrays differ in length, are not flat, or hold a value ≤ 0, NaN or inf; if
        ``method`` is not one of the two; if fewer than two budgets have three runs or more.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, references, simulate
    >>> truth = references.BESIROGLU_2024
    >>> sweep = simulate.isoflop_sweep(truth, np.geomspace(1e18, 1e21, 7), 9, noise=0.005, seed=4)
    >>> fit = fitting.fit_isoflop(sweep.n_params, sweep.compute, sweep.loss)
    >>> low, high = fit.conf_int(0.95)["exponent"]
    >>> print(f"a = {fit.exponent:.3f}, 95% interval [{low:.3f}, {high:.3f}]; truth {truth.a:.3f}")
    a = 0.508, 95% interval [0.498, 0.519]; truth 0.513

    Introduced in lesson 04.
    """
    n, c, losses = _validate.positive_arrays(n_params=n_params, compute=compute, loss=loss)
    if not isinstance(method, str) or method not in ("parabola", "argmin"):
        raise CourseValueError(f"method must be 'parabola' or 'argmin'; got {method!r}.")
    keys = np.round(np.log10(c), 6)
    budgets, minima, best_losses, notes = [], [], [], []
    for key in np.unique(keys):
        group = keys == key
        log_n, group_loss = np.log(n[group]), losses[group]
        if group.sum() < 3:
            notes.append(f"the budget 10^{key:.3g} has fewer than 3 runs and was skipped")
            continue
        best = int(np.argmin(group_loss))
        log_best, loss_best = log_n[best], group_loss[best]
        if method == "parabola":
            curvature, linear, constant = np.polyfit(log_n, group_loss, 2)
            if curvature <= 0:
                notes.append(f"the profile at 10^{key:.3g} FLOPs opens downwards; its lowest "
                             f"run was used instead")
            else:
                vertex = -linear / (2 * curvature)
                if not log_n.min() <= vertex <= log_n.max():
                    notes.append(f"the parabola's minimum at 10^{key:.3g} FLOPs lies outside the "
                                 f"model sizes run (an off-centre grid); it was kept")
                log_best = vertex
                loss_best = np.polyval([curvature, linear, constant], vertex)
        budgets.append(10.0**key)
        minima.append(np.exp(log_best))
        best_losses.append(loss_best)
    if len(budgets) < 2:
        raise CourseValueError(
            f"fit_isoflop needs at least two compute budgets with 3 or more runs each, to find a "
            f"minimum at each and draw a line through them; got {len(budgets)} such budget(s) "
            f"among {np.unique(keys).size} budget(s) in {n.size} runs.")
    return _frontier(np.array(budgets), np.array(minima), np.array(best_losses),
                     f"isoflop-{method}", notes)


def _curves(n, d):
    """Split a sweep of training-curve points into curves: a curve ends where the model size
    changes or the token count stops increasing."""
    breaks = np.flatnonzero((np.diff(n) != 0) | (np.diff(d) <= 0)) + 1
    return np.split(np.arange(n.size), breaks)


def fit_envelope(n_params, n_tokens, loss, *, n_bins=20) -> FrontierFit:
    r"""Hoffmann et al.'s Approach 1: the lower envelope of training curves.

    Hoffmann et al. (2022), "Training Compute-Optimal Large Language Models",
    arXiv:2203.15556, §3.1: train each model size with several schedule lengths, plot every
    intermediate loss against the compute spent so far, :math:`C = 6ND`, and at each compute
    value take the model size whose curve is lowest; a power law :math:`N_\text{opt} = G\,C^a`
    through these minima gives the frontier.

    The points must come as training curves (consecutive points of one run, tokens increasing;
    :func:`scaling_utils.simulate.training_curves` produces them). Each curve is interpolated
    (in log compute, log loss) onto ``n_bins`` log-spaced compute values; each model size keeps
    its lowest loss over its curves at every compute value. At each compute value the best size
    is located by a parabola in ``ln N`` through the lowest-loss size and its two neighbours.
    Compute values whose best size is the smallest or largest one trained are dropped (the
    optimum could lie beyond the sizes tried), and counted in a warning. The frontier is the
    least-squares line through the remaining optima in log-log space (see :class:`FrontierFit`
    for its standard errors; the optima of neighbouring compute values share curves, so those
    errors are optimistic).

    Parameters
    ----------
    n_params : array_like
        The model size of each point (> 0).
    n_tokens : array_like
        The tokens seen so far at each point (> 0), increasing along each curve.
    loss : array_like
        The loss at each point (> 0).
    n_bins : int, default 20
        How many log-spaced compute values to locate the optimum at (at least 2).

    Returns
    -------
    FrontierFit
        The frontier, its optima, and the reporting interface (``params``, ``stderr``,
        ``conf_int``, ``summary``).

    Warns
    -----
    FitWarning
        When compute values were dropped because their best size was the smallest or largest
        trained, and when fewer than three compute values keep an optimum.

    Raises
    ------
    CourseValueError
        If the three arrays differ in length, are not flat, or hold a value ≤ 0, NaN or inf; if
        ``n_bins`` is not a whole number ≥ 2; if fewer than three model sizes were trained, or
        fewer than two compute values have an optimum inside the sizes trained.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, references, simulate
    >>> truth = references.BESIROGLU_2024
    >>> curves = simulate.training_curves(truth, np.geomspace(3e7, 3e9, 11),
    ...                                   np.geomspace(3e9, 3e11, 5), warmdown=0.0)
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", fitting.FitWarning)  # six compute values dropped
    ...     fit = fitting.fit_envelope(curves.n_params, curves.n_tokens, curves.loss)
    >>> print(fit, f"  truth a = {truth.a:.4f}")
    N_opt = 0.04803 · C^0.5125  (envelope, 12 budgets)   truth a = 0.5126

    Introduced in lesson 04.
    """
    n, d, losses = _validate.positive_arrays(n_params=n_params, n_tokens=n_tokens, loss=loss)
    bins = _validate.positive_int(n_bins, "n_bins", minimum=2)
    sizes = np.unique(n)
    if sizes.size < 3:
        raise CourseValueError(f"The envelope needs training curves of at least three model "
                               f"sizes, to find an optimum between them; got {sizes.size}.")
    log_c = np.log(6.0 * n * d)
    grid = np.linspace(log_c.min(), log_c.max(), bins + 2)[1:-1]
    best_log_loss = np.full((sizes.size, grid.size), np.inf)
    for curve in _curves(n, d):
        if curve.size < 2:
            continue
        row = np.searchsorted(sizes, n[curve[0]])
        x, y = log_c[curve], np.log(losses[curve])
        inside = (grid >= x[0]) & (grid <= x[-1])
        best_log_loss[row, inside] = np.minimum(best_log_loss[row, inside],
                                                np.interp(grid[inside], x, y))
    log_sizes = np.log(sizes)
    budgets, minima, best_losses, censored = [], [], [], 0
    for j in range(grid.size):
        column = best_log_loss[:, j]
        if np.isfinite(column).sum() < 3:
            continue
        i = int(np.argmin(column))
        if i == 0 or i == sizes.size - 1 or not np.isfinite(column[[i - 1, i + 1]]).all():
            censored += 1  # the optimum may lie beyond the sizes trained (or their curves)
            continue
        curvature, linear, constant = np.polyfit(log_sizes[i - 1 : i + 2], column[i - 1 : i + 2], 2)
        vertex = -linear / (2 * curvature) if curvature > 0 else log_sizes[i]
        budgets.append(np.exp(grid[j]))
        minima.append(np.exp(vertex))
        best_losses.append(np.exp(np.polyval([curvature, linear, constant], vertex)))
    notes = []
    if censored:
        notes.append(f"{censored} of the compute values were dropped because their best run was "
                     f"the smallest or largest model trained (the optimum may lie beyond it)")
    if len(budgets) < 3:
        notes.append("fewer than three compute values have an optimum inside the sizes trained: "
                     "train a wider range of sizes")
        if len(budgets) < 2:
            raise CourseValueError(
                f"The envelope has an optimum inside the sizes trained at {len(budgets)} of "
                f"{grid.size} compute values, and a frontier needs two or more; train a wider "
                f"range of model sizes and schedule lengths.")
    return _frontier(np.array(budgets), np.array(minima), np.array(best_losses), "envelope", notes)

