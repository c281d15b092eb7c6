"""Power laws fitted in log space: ``y = a·x^k`` and ``y = E + a·x^k``."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, laws
from .._warnings import warn

__all__ = ["PowerLawFit", "fit_power_law"]


@dataclass(frozen=True)
class PowerLawFit:
    """The result of :func:`fit_power_law`.

    Attributes
    ----------
    law : laws.PowerLaw
        The fitted law ``y = irreducible + coefficient · x^exponent``.
    covariance : numpy.ndarray
        Estimated covariance of the fitted parameters ``(ln coefficient, exponent)`` or
        ``(ln coefficient, exponent, irreducible)``, from the curvature of the least-squares
        objective (the Gauss–Newton approximation).
    residual_std : float
        Standard deviation of the residuals ``ln y − ln ŷ`` (the typical relative scatter).
    n_points : int
        How many measurements were fitted.
    fitted_irreducible : bool
        Whether the floor was a free parameter.
    warnings : tuple of str
        Why the fit should not be trusted as it stands, if anything.
    """

    law: laws.PowerLaw
    covariance: np.ndarray = field(repr=False)
    residual_std: float
    n_points: int
    fitted_irreducible: bool
    warnings: tuple = ()

    @property
    def exponent(self) -> float:
        return self.law.exponent

    @property
    def coefficient(self) -> float:
        return self.law.coefficient

    @property
    def irreducible(self) -> float:
        """The fitted floor; 0 when it was not fitted."""
        return self.law.floor

    @property
    def exponent_stderr(self) -> float:
        """Standard error of the exponent."""
        return float(np.sqrt(self.covariance[1, 1]))

    @property
    def dof(self) -> int:
        """Degrees of freedom left for the residuals."""
        return self.n_points - self.covariance.shape[0]

    def _t(self, level: float) -> float:
        from scipy import stats

        level = _validate.fraction(level, "level")
        return float(stats.t.ppf(0.5 + level / 2, max(self.dof, 1)))

    def exponent_interval(self, level: float = 0.95) -> tuple[float, float]:
        """A ``level`` confidence interval for the exponent (Student-t, from the covariance)."""
        half = self._t(level) * self.exponent_stderr
        return self.exponent - half, self.exponent + half

    def predict(self, x):
        """The fitted law's prediction at ``x``."""
        return self.law(x)

    def prediction_interval(self, x, level: float = 0.9, *, new_observation: bool = True):
        r"""Lower and upper ``level`` bounds for the prediction at ``x``.

        The delta method in log space: the variance of ``ln ŷ(x)`` is ``g Σ gᵀ``, with ``g`` the
        gradient of ``ln ŷ`` with respect to the parameters and ``Σ`` their covariance; with
        ``new_observation`` the scatter of a single new measurement (``residual_std²``) is added.
        Far outside the fitted range the interval widens, as it should — but it still assumes the
        functional form holds there, which no interval can check.
        """
        xs = _validate.positive_array(x, "x")
        t = self._t(level)
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

    def __str__(self) -> str:
        low, high = self.exponent_interval()
        floor = f"{self.irreducible:.4g} + " if self.fitted_irreducible else ""
        return (f"y = {floor}{self.coefficient:.4g}·x^{self.exponent:.4f}   exponent 95% interval "
                f"[{low:.4f}, {high:.4f}], {self.n_points} points, scatter {self.residual_std:.2%}")


def _check_xy(x, y):
    xs = _validate.positive_array(x, "x")
    ys = _validate.positive_array(y, "y")
    if xs.ndim != 1 or ys.ndim != 1:
        raise ValueError("x and y must be flat lists of numbers.")
    if xs.shape != ys.shape:
        raise ValueError(f"x and y need the same length; got {xs.size} and {ys.size}.")
    if np.unique(xs).size < 2:
        raise ValueError("x needs at least two different values to fit a slope.")
    return xs, ys


def _log_linear(log_x, log_y):
    """Least-squares line ``log_y = c + k·log_x``; returns (c, k, residuals)."""
    design = np.column_stack([np.ones_like(log_x), log_x])
    (c, k), *_ = np.linalg.lstsq(design, log_y, rcond=None)
    return c, k, log_y - (c + k * log_x)


def fit_power_law(x, y, *, irreducible: bool = False) -> PowerLawFit:
    r"""Fit ``y = a·x^k`` (or ``y = E + a·x^k`` with ``irreducible=True``) by least squares in log space.

    Minimises :math:`\sum_i \bigl(\ln y_i - \ln \hat y(x_i)\bigr)^2`.

    - Without a floor this is a straight line through ``(ln x, ln y)``, solved exactly.
    - With a floor ``E`` the problem is non-linear. For each trial ``E`` on a grid below
      ``min(y)``, the line through ``(ln x, ln(y − E))`` gives a starting ``a`` and ``k``; the best
      start is then refined by a bounded trust-region least-squares solver
      (``scipy.optimize.least_squares``) with ``0 ≤ E < min(y)``.

    Uncertainties come from the Gauss–Newton covariance ``s²(JᵀJ)⁻¹``. The fit warns (a
    :class:`FitWarning`, also kept in ``.warnings``) when there are too few points for the
    uncertainty to mean much, when the floor lands on the edge of its range (at 0: the data show
    no floor; at the smallest measurement: the data never leave the floor), or when the solver
    did not converge.

    Power-law fits in log space go back at least to the learning-curve studies of Hestness et al.
    (2017), arXiv:1712.00409, §3; see lesson 02 for when they mislead.
    """
    xs, ys = _check_xy(x, y)
    n = xs.size
    needed = 4 if irreducible else 3
    if n < needed:
        raise ValueError(f"Fitting {'a floor, a coefficient and an exponent' if irreducible else 'a coefficient and an exponent'} "
                         f"needs at least {needed} points; got {n}.")
    notes = []
    if n < needed + 3:
        notes.append(f"only {n} points: the uncertainties rest on {n - needed + 1} degree(s) of "
                     f"freedom and are themselves uncertain")
    log_x, log_y = np.log(xs), np.log(ys)

    if not irreducible:
        c, k, residuals = _log_linear(log_x, log_y)
        dof = n - 2
        s2 = float(residuals @ residuals) / dof
        design = np.column_stack([np.ones_like(log_x), log_x])
        covariance = s2 * np.linalg.inv(design.T @ design)
        law = laws.PowerLaw(float(np.exp(c)), float(k))
        return _finish(law, covariance, s2, n, False, notes)

    from scipy.optimize import least_squares

    smallest = float(ys.min())
    # Trial floors: from 0 up to just below the smallest point, dense near the top.
    grid = smallest * (1.0 - np.geomspace(1.0, 1e-4, 120))
    best = None
    for floor in grid:
        c, k, _ = _log_linear(log_x, np.log(ys - floor))
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
    return _finish(law, covariance, s2, n, True, notes)


def _finish(law, covariance, s2, n, fitted_irreducible, notes) -> PowerLawFit:
    for note in notes:
        warn(f"fit_power_law: {note}.")
    return PowerLawFit(law, covariance, float(np.sqrt(s2)), n, fitted_irreducible, tuple(notes))

