"""Power laws fitted in log space: ``y = a·x^k`` and ``y = E + a·x^k``."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, laws
from .._validate import CourseValueError
from .._warnings import warn
from ._results import FitResult

__all__ = ["PowerLawFit", "fit_power_law"]


@dataclass(frozen=True)
class PowerLawFit(FitResult):
    r"""The result of :func:`fit_power_law`: the law ``y = E + a·x^k`` and how well it is known.

    The parameters are estimated as ``θ = (ln a, k)``, or ``(ln a, k, E)`` with a floor, by least
    squares on ``ln y``; their covariance is the Gauss–Newton estimate
    :math:`\hat\Sigma = s^2 (J^\top J)^{-1}`, with :math:`J` the Jacobian of the fitted
    :math:`\ln \hat y_i` and :math:`s^2` the residual variance on ``n − p`` degrees of freedom
    (exact for the straight line, a local approximation with a floor).

    The reporting interface (:class:`FitResult`) names the parameters ``"coefficient"``,
    ``"exponent"`` and, when it was fitted, ``"irreducible"``. The coefficient's standard error
    comes by the delta method, :math:`\mathrm{se}(a) = a\,\mathrm{se}(\ln a)`, and its interval
    is the exponentiated interval of :math:`\ln a` (so it stays positive); the exponent's and the
    floor's are Student-t intervals :math:`\hat\theta \pm t_{(1+\text{level})/2,\,n-p}\,
    \mathrm{se}`. A floor's interval may reach below 0, where no floor can be: the data do not
    pin the floor down.

    Attributes
    ----------
    law : laws.PowerLaw
        The fitted law ``y = irreducible + coefficient · x^exponent``.
    covariance : numpy.ndarray
        Estimated covariance of ``(ln coefficient, exponent)`` or
        ``(ln coefficient, exponent, irreducible)``.
    residual_std : float
        Standard deviation of the residuals ``ln y − ln ŷ`` (the typical relative scatter).
    n_points : int
        How many measurements were fitted.
    fitted_irreducible : bool
        Whether the floor was a free parameter.
    warnings : tuple of str
        Why the fit should not be trusted as it stands, if anything.
    x, y : numpy.ndarray
        The measurements that were fitted (drawn by :meth:`plot`).

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, laws, simulate
    >>> x = np.geomspace(1e3, 1e6, 12)
    >>> y = simulate.noisy_observations(laws.PowerLaw(5.0, -0.35), x, relative_noise=0.03, seed=1)
    >>> fit = fitting.fit_power_law(x, y)
    >>> print(fit)
    y = 5.025·x^-0.3498   exponent 95% interval [-0.3555, -0.3441], 12 points, scatter 1.92%
    >>> print(fit.summary())
    fit_power_law: y = a·x^k in log space; 12 points, 10 degrees of freedom, scatter 1.92%
    parameter      value  std. error  95% interval
    coefficient    5.025       0.136  [  4.731,   5.337]
    exponent     -0.3498    0.002558  [-0.3555, -0.3441]
    >>> se_ln_a = np.sqrt(fit.covariance[0, 0])  # the delta method: se(a) = a · se(ln a)
    >>> print(f"{fit.stderr['coefficient']:.4g} = {fit.coefficient:.4g} × {se_ln_a:.4g}")
    0.136 = 5.025 × 0.02707

    Introduced in lesson 02.
    """

    law: laws.PowerLaw
    covariance: np.ndarray = field(repr=False)
    residual_std: float
    n_points: int
    fitted_irreducible: bool
    warnings: tuple = ()
    x: np.ndarray = field(default=None, repr=False)
    y: np.ndarray = field(default=None, repr=False)

    @property
    def exponent(self) -> float:
        """The fitted exponent ``k``."""
        return self.law.exponent

    @property
    def coefficient(self) -> float:
        """The fitted coefficient ``a``."""
        return self.law.coefficient

    @property
    def irreducible(self) -> float:
        """The fitted floor; 0 when it was not fitted."""
        return self.law.floor

    @property
    def exponent_stderr(self) -> float:
        """Standard error of the exponent (the same as ``stderr["exponent"]``)."""
        return float(np.sqrt(self.covariance[1, 1]))

    @property
    def dof(self) -> int:
        """Degrees of freedom left for the residuals: points minus fitted parameters."""
        return self.n_points - self.covariance.shape[0]

    # --- the reporting interface (FitResult) ---------------------------------------------------

    _log_scale = ("coefficient",)

    def _estimates(self) -> dict:
        values = {"coefficient": self.coefficient, "exponent": self.exponent}
        if self.fitted_irreducible:
            values["irreducible"] = self.irreducible
        return values

    def _standard_errors(self) -> dict:
        se = np.sqrt(np.diagonal(self.covariance))
        errors = {"coefficient": self.coefficient * se[0], "exponent": se[1]}
        if self.fitted_irreducible:
            errors["irreducible"] = se[2]
        return errors

    def _degrees_of_freedom(self) -> int:
        return self.dof

    def _summary_title(self) -> str:
        form = "E + a·x^k" if self.fitted_irreducible else "a·x^k"
        return (f"fit_power_law: y = {form} in log space; {self.n_points} points, {self.dof} "
                f"degrees of freedom, scatter {self.residual_std:.2%}")

    # --------------------------------------------------------------------------------------------

    def exponent_interval(self, level: float = 0.95) -> tuple[float, float]:
        """A ``level`` confidence interval for the exponent (Student-t, from the covariance).

        The same as ``conf_int(level)["exponent"]``.

        Parameters
        ----------
        level : float, default 0.95
            The confidence level, in (0, 1).

        Returns
        -------
        (low, high) : tuple of float

        Raises
        ------
        CourseValueError
            When ``level`` is not in (0, 1).

        Examples
        --------
        >>> from scaling_utils import fitting
        >>> fit = fitting.fit_power_law([1, 10, 100, 1e3, 1e4, 1e5], [1.0, 0.52, 0.24, 0.13, 0.06, 0.031])
        >>> fit.exponent_interval(0.9) == fit.conf_int(0.9)["exponent"]
        True

        Introduced in lesson 02.
        """
        half = self._quantile(level) * self.exponent_stderr
        return self.exponent - half, self.exponent + half

    def predict(self, x):
        """The fitted law's prediction at ``x``: ``irreducible + coefficient · x^exponent``.

        Parameters
        ----------
        x : float or array_like
            Where to predict (> 0).

        Returns
        -------
        float, or an array like ``x``.

        Raises
        ------
        CourseValueError
            When ``x`` holds a value that is not a positive number.

        Examples
        --------
        >>> from scaling_utils import fitting
        >>> fit = fitting.fit_power_law([1, 10, 100, 1e3, 1e4, 1e5], [1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125])
        >>> print(f"{fit.predict(1e6):.4f}")
        0.0156

        Introduced in lesson 02.
        """
        return self.law(x)

    def prediction_interval(self, x, level: float = 0.9, *, new_observation: bool = True):
        r"""Lower and upper ``level`` bounds for the prediction at ``x``.

        The delta method in log space: the variance of ``ln ŷ(x)`` is ``g Σ gᵀ``, with ``g`` the
        gradient of ``ln ŷ`` with respect to the parameters and ``Σ`` their covariance; with
        ``new_observation`` the scatter of a single new measurement (``residual_std²``) is added.
        The bounds are ``ŷ · exp(± t·sd)``. Far outside the fitted range the interval widens, as
        it should — but it still assumes the functional form holds there, which no interval can
        check.

        Parameters
        ----------
        x : float or array_like
            Where to predict (> 0).
        level : float, default 0.9
            The probability the interval should hold, in (0, 1).
        new_observation : bool, default True
            Bounds for one new measurement (True) or for the fitted curve itself (False).

        Returns
        -------
        (low, high) : tuple of floats, or of arrays shaped like ``x``

        Raises
        ------
        CourseValueError
            If ``x`` holds a value ≤ 0, NaN or inf, or ``level`` is not in (0, 1).

        Examples
        --------
        >>> from scaling_utils import fitting
        >>> fit = fitting.fit_power_law([10, 30, 100, 300, 1000, 3000, 10000],
        ...                          [1.07, 0.668, 0.509, 0.355, 0.248, 0.18, 0.119])
        >>> low, high = fit.prediction_interval(1e6, level=0.9)
        >>> print(f"{fit.predict(1e6):.3f} in [{low:.3f}, {high:.3f}]")
        0.029 in [0.025, 0.034]

        Introduced in lesson 02.
        """
        xs = _validate.positive_array(x, "x")
        t = self._quantile(level)
        reducible = self.coefficient * xs**self.exponent
        total = self.irreducible + reducible
        grads = [reducible / total, reducible * np.log(xs) / total]
        if self.fitted_irreducible:
            grads.append(1.0 / total)
        g = np.stack(grads, axis=-1)
        variance = np.einsum("...i,ij,...j->...", g, self.covariance, g)
        if new_observation:
            variance = variance + self.residual_std**2
        half = t * np.sqrt(variance)
        low, high = total * np.exp(-half), total * np.exp(half)
        if np.ndim(x) == 0:
            return float(low), float(high)
        return low, high

    def plot(self, ax=None, band=0.9, *, x=None, color=None, label=None, show_data=True):
        """Draw the fit on log-log axes: the measurements, the fitted line and a prediction band.

        The band is :meth:`prediction_interval` at ``level=band`` (for one new measurement),
        shaded in the line's colour, as lesson 02 draws it; the measurements are the points the
        fit was given, in orange.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw (made log-log in the house style if it is not log-log already); by
            default new log-log axes (:func:`scaling_utils.plotting.loglog_axes`), with a legend.
        band : float or None, default 0.9
            The level of the prediction band, in (0, 1); None draws no band.
        x : array_like, optional
            Where to draw the line and band (say, beyond the data, to show an extrapolation);
            by default 200 log-spaced values across the measurements.
        color : matplotlib colour, optional
            Of the line and band; blue by default.
        label : str, optional
            The line's legend entry; by default the fitted law and the band's level.
        show_data : bool, default True
            Whether to draw the measurements (skip it when several fits share them).

        Returns
        -------
        matplotlib.axes.Axes

        Raises
        ------
        CourseValueError
            If ``band`` is not in (0, 1), or ``x`` holds a value ≤ 0, or no ``x`` is given for
            a fit that keeps no measurements.

        Examples
        --------
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import fitting
        >>> fit = fitting.fit_power_law([10, 30, 100, 300, 1000, 3000, 10000],
        ...                          [1.07, 0.668, 0.509, 0.355, 0.248, 0.18, 0.119])
        >>> ax = fit.plot(band=0.9)
        >>> ax.get_xscale(), ax.get_legend_handles_labels()[1]
        ('log', ['fit y = 2.065·x^-0.308, 90% prediction band', 'measurements'])
        >>> plt.close("all")

        Introduced in lesson 02.
        """
        from .. import plotting

        level = None if band is None else _validate.fraction(band, "band")
        if x is not None:
            grid = np.sort(_validate.positive_array(x, "x").ravel())
        elif self.x is not None:
            grid = np.geomspace(self.x.min(), self.x.max(), 200)
        else:
            raise CourseValueError("This fit keeps no measurements to span; give x, the values "
                                   "to draw the line at, e.g. x=np.geomspace(1e3, 1e6, 200).")
        new = ax is None
        if new:
            _, ax = plotting.loglog_axes(xlabel="x", ylabel="y")
        elif ax.get_xscale() != "log" or ax.get_yscale() != "log":
            plotting.loglog_axes(xlabel=ax.get_xlabel() or "x", ylabel=ax.get_ylabel() or "y",
                                 ax=ax)
        color = plotting.PALETTE["blue"] if color is None else color
        if label is None:
            label = f"fit {self.law}" + (f", {100 * level:g}% prediction band" if level else "")
        if level is not None:
            low, high = self.prediction_interval(grid, level=level)
            ax.fill_between(grid, low, high, color=color, alpha=0.15)
        ax.plot(grid, self.predict(grid), color=color, label=label)
        if show_data and self.x is not None:
            ax.plot(self.x, self.y, "o", color=plotting.PALETTE["orange"], label="measurements")
        if new:
            ax.legend(fontsize=8, loc="best")
        return ax

    def __str__(self) -> str:
        low, high = self.exponent_interval()
        floor = f"{self.irreducible:.4g} + " if self.fitted_irreducible else ""
        return (f"y = {floor}{self.coefficient:.4g}·x^{self.exponent:.4f}   exponent 95% interval "
                f"[{low:.4f}, {high:.4f}], {self.n_points} points, scatter {self.residual_std:.2%}")


def _check_xy(x, y):
    xs, ys = _validate.positive_arrays(x=x, y=y)
    if np.unique(xs).size < 2:
        raise CourseValueError(f"x needs at least two different values to fit a slope; got "
                               f"{xs.size} values, all {xs[0]:g}.")
    return xs, ys


def _log_line(log_x, log_y):
    """Least-squares line ``log_y = c + k·log_x``.

    Returns ``(c, k, covariance, residuals)``: the covariance of ``(c, k)`` is
    ``s²(XᵀX)⁻¹`` with ``s²`` the residual variance on ``n − 2`` degrees of freedom, NaN when
    two points leave none.
    """
    design = np.column_stack([np.ones_like(log_x), log_x])
    (c, k), *_ = np.linalg.lstsq(design, log_y, rcond=None)
    residuals = log_y - (c + k * log_x)
    dof = log_x.size - 2
    s2 = float(residuals @ residuals) / dof if dof > 0 else float("nan")
    covariance = s2 * np.linalg.inv(design.T @ design)
    return float(c), float(k), covariance, residuals


def fit_power_law(x, y, *, irreducible: bool = False) -> PowerLawFit:
    r"""Fit ``y = a·x^k`` (or ``y = E + a·x^k`` with ``irreducible=True``) by least squares in log space.

    Minimises :math:`\sum_i \bigl(\ln y_i - \ln \hat y(x_i)\bigr)^2`, the right objective when
    measurements scatter by a constant *percentage* (log-normal noise): the scatter is then the
    same at every scale, and the largest values do not dominate. Power-law fits in log space go
    back at least to the learning-curve studies of Hestness et al. (2017), "Deep Learning
    Scaling is Predictable, Empirically", arXiv:1712.00409, §3.

    - Without a floor, ``ln y = ln a + k ln x`` is a straight line in ``(ln x, ln y)``, solved
      exactly by ordinary least squares; with Gaussian noise in ``ln y`` its t intervals are
      exact.
    - With a floor ``E`` the problem is non-linear. For each trial ``E`` on a grid below
      ``min(y)``, the line through ``(ln x, ln(y − E))`` gives a starting ``a`` and ``k``; the best
      start is then refined by a bounded trust-region least-squares solver
      (``scipy.optimize.least_squares``) with ``0 ≤ E < min(y)``.

    Uncertainties come from the Gauss–Newton covariance ``s²(JᵀJ)⁻¹`` of ``(ln a, k[, E])``
    (see :class:`PowerLawFit`). Lesson 02 shows when such fits mislead: a window that includes
    the small-data or the irreducible region bends the line.

    Parameters
    ----------
    x : array_like
        The scale of each measurement (data set size, parameters, compute), all > 0, at least two
        different values.
    y : array_like
        The measured error or loss at each ``x``, all > 0.
    irreducible : bool, default False
        Whether to fit a floor ``E`` as well.

    Returns
    -------
    PowerLawFit
        The fitted law, the covariance of its parameters, the reporting interface
        (``params``, ``stderr``, ``conf_int``, ``summary``), prediction intervals and ``plot``.

    Warns
    -----
    FitWarning
        (also kept in ``.warnings``) when there are too few points for the uncertainty to mean
        much; when the floor lands on the edge of its range (at 0: the data show no floor; at the
        smallest measurement: the data never leave the floor); or when the solver did not
        converge.

    Raises
    ------
    CourseValueError
        If ``x`` or ``y`` hold a value ≤ 0, NaN or inf, differ in length or are not flat; if
        ``x`` has fewer than two different values; if there are fewer points than the
        parameters need (3 without a floor, 4 with one); if ``irreducible`` is not True or False.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, laws, simulate
    >>> x = np.geomspace(1e3, 1e7, 15)
    >>> truth = laws.PowerLaw(50.0, -0.35, floor=1.2)
    >>> y = simulate.noisy_observations(truth, x, relative_noise=0.02, seed=0)
    >>> fit = fitting.fit_power_law(x, y, irreducible=True)
    >>> print(", ".join(f"{name} {value:.4g}" for name, value in fit.params.items()))
    coefficient 46.77, exponent -0.3385, irreducible 1.142
    >>> low, high = fit.conf_int(0.95)["exponent"]
    >>> se = fit.stderr["exponent"]
    >>> print(f"exponent {fit.exponent:.3f} ± {se:.3f}, 95% [{low:.3f}, {high:.3f}]")
    exponent -0.339 ± 0.009, 95% [-0.358, -0.319]
    >>> print(fit.summary())
    fit_power_law: y = E + a·x^k in log space; 15 points, 12 degrees of freedom, scatter 1.60%
    parameter      value  std. error  95% interval
    coefficient    46.77       3.112  [  40.45,   54.07]
    exponent     -0.3385    0.008744  [-0.3576, -0.3195]
    irreducible    1.142      0.0259  [  1.085,   1.198]

    Introduced in lesson 02.
    """
    xs, ys = _check_xy(x, y)
    if not isinstance(irreducible, (bool, np.bool_)):
        raise CourseValueError(f"irreducible must be True or False; got {irreducible!r}.")
    n = xs.size
    needed = 4 if irreducible else 3
    if n < needed:
        what = ("a floor, a coefficient and an exponent" if irreducible
                else "a coefficient and an exponent")
        raise CourseValueError(f"Fitting {what} needs at least {needed} points; got {n}.")
    notes = []
    if n < needed + 3:
        notes.append(f"only {n} points: the uncertainties rest on {n - needed + 1} degree(s) of "
                     f"freedom and are themselves uncertain")
    log_x, log_y = np.log(xs), np.log(ys)

    if not irreducible:
        c, k, covariance, residuals = _log_line(log_x, log_y)
        s2 = float(residuals @ residuals) / (n - 2)
        law = laws.PowerLaw(float(np.exp(c)), float(k))
        return _finish(law, covariance, s2, n, False, notes, xs, ys)

    from scipy.optimize import least_squares

    smallest = float(ys.min())
    # Trial floors: from 0 up to just below the smallest point, dense near the top.
    grid = smallest * (1.0 - np.geomspace(1.0, 1e-4, 120))
    best = None
    for floor in grid:
        c, k, _, _ = _log_line(log_x, np.log(ys - floor))
        predicted = np.log(floor + np.exp(c) * xs**k)
        loss = float(np.sum((log_y - predicted) ** 2))
        if best is None or loss < best[0]:
            best = (loss, c, k, floor)
    _, c0, k0, floor0 = best

    def residuals(p):
        c, k, floor = p
        return log_y - np.log(floor + np.exp(c) * xs**k)

    def jacobian(p):
        c, k, floor = p
        reducible = np.exp(c) * xs**k
        total = floor + reducible
        return -np.column_stack([reducible / total, reducible * log_x / total, 1.0 / total])

    upper = smallest * (1.0 - 1e-9)
    start = np.array([c0, k0, min(max(floor0, 0.0), upper)])
    solution = least_squares(residuals, start, jac=jacobian, bounds=([-np.inf, -np.inf, 0.0],
                                                                     [np.inf, np.inf, upper]),
                             x_scale="jac", xtol=1e-12, ftol=1e-12, gtol=1e-12, max_nfev=2000)
    c, k, floor = solution.x
    if not solution.success:
        notes.append(f"the solver did not converge ({solution.message})")
    r = residuals(solution.x)
    s2 = float(r @ r) / (n - 3)
    jac = jacobian(solution.x)
    covariance = s2 * np.linalg.pinv(jac.T @ jac)
    if floor <= 1e-6 * smallest:
        notes.append("the fitted floor sits at 0, the edge of its range: these data show no "
                     "floor, so fit without one (irreducible=False) or measure further out")
    elif floor >= (1 - 1e-4) * smallest:
        notes.append("the fitted floor sits at the smallest measurement, the edge of its range: "
                     "the data have flattened out, and the exponent is not determined")
    law = laws.PowerLaw(float(np.exp(c)), float(k), float(floor))
    return _finish(law, covariance, s2, n, True, notes, xs, ys)


def _finish(law, covariance, s2, n, fitted_irreducible, notes, xs, ys) -> PowerLawFit:
    for note in notes:
        warn(f"fit_power_law: {note}.")
    return PowerLawFit(law, covariance, float(np.sqrt(s2)), n, fitted_irreducible, tuple(notes),
                       xs, ys)
