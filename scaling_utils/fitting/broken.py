"""Smoothly broken power laws (Caballero et al. 2022) fitted by least squares on ``ln y``."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from .. import _validate, laws
from .._validate import CourseValueError
from .._warnings import warn
from ._results import FitResult

__all__ = ["BrokenPowerLawFit", "fit_broken_power_law"]


# =============================================================================================
# The engine
#
# Parameters of a law with n breaks are kept as
#     θ = (a, ln b, c0, c1, ln d1, ln f1, …, cn, ln dn, ln fn),
# and the prediction is  ln ŷ = ln(a + R)  with
#     ln R = ln b − c0·ln x − Σ cᵢ fᵢ softplus((ln x − ln dᵢ)/fᵢ),   softplus(u) = ln(1 + eᵘ),
# which is Caballero et al.'s product written so that sharp breaks do not overflow.
#
# The objective Σ (ln ŷ − ln y)² has local minima in the breaks' locations and sharpnesses (and,
# on noisy points, in sharp corners placed between neighbouring points), so the search starts
# from a structured grid: break locations d spread over the data's range of ln x and half of it
# beyond either end (plus, for one break, the midpoints between neighbouring points), sharpnesses
# f from very sharp to very gentle, floors a from 0 to just below min(y). At each grid point
# the remaining parameters (ln b, c0, c1, …) enter ln(y − a) linearly and are solved by weighted
# linear least squares. The most promising grid points (the best per location and floor) are
# refined together by Levenberg–Marquardt steps, vectorised over the starts: a short round for
# all of them, a full one for the best 48; the best four are polished by scipy's trust-region
# least squares. Bounds (0 ≤ a ≤ min y, ln d and ln f within wide limits) are kept by
# projection.

#: The grid by number of breaks: break locations spaced evenly in ln x (how many), whether to
#: add the midpoints between neighbouring points (where a sharp break can hide), the sharpnesses
#: as fractions of the data's range of ln x, and how many floors.
_GRID = {
    0: (0, False, (), 12),
    1: (25, True, tuple(np.geomspace(1e-4, 1.0, 9)), 7),
    2: (14, False, (1e-3, 0.03, 0.3), 5),
    3: (9, False, (1e-3, 0.05, 0.5), 4),
}
#: How many grid points are refined: for each set of break locations and each floor the best
#: with sharp breaks and the best with gentle ones (up to this many), and the best few overall;
#: how many of them survive the first short round of refinement; and how many of the refined
#: results are polished by scipy's trust-region least squares.
_N_STARTS = (600, 16)
_N_SURVIVORS = 48
_N_POLISHED = 4
_LOG_F_RANGE = (-12.0, 8.0)


def _names(n_breaks: int) -> tuple:
    return ("a", "b", "c0") + tuple(f"{p}{i}" for i in range(1, n_breaks + 1)
                                    for p in ("c", "d", "f"))


def _log_reducible(theta, log_x, with_parts=False):
    """``ln R`` per row (``theta`` is ``(k, p)``, ``log_x`` is ``(n,)``), and the pieces the
    Jacobian needs: per break ``(f, u, softplus(u), sigmoid(u))``."""
    n_breaks = (theta.shape[1] - 3) // 3
    log_r = theta[:, 1:2] - theta[:, 2:3] * log_x
    parts = []
    for i in range(n_breaks):
        c = theta[:, 3 + 3 * i: 4 + 3 * i]
        f = np.exp(theta[:, 5 + 3 * i: 6 + 3 * i])
        u = (log_x - theta[:, 4 + 3 * i: 5 + 3 * i]) / f
        softplus, sigmoid = laws._softplus_and_sigmoid(u)
        log_r = log_r - c * f * softplus
        parts.append((c, f, u, softplus, sigmoid))
    return (log_r, parts) if with_parts else log_r


def _log_prediction(theta, log_x):
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return np.log(theta[:, 0:1] + np.exp(_log_reducible(theta, log_x)))


def _objectives(theta, log_x, log_y):
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        values = np.sum((_log_prediction(theta, log_x) - log_y) ** 2, axis=1)
    return np.where(np.isfinite(values), values, np.inf)


def _jacobian(theta, log_x):
    """``ln ŷ`` and its Jacobian ``∂ln ŷ/∂θ``, shape ``(k, n, p)``."""
    log_r, parts = _log_reducible(theta, log_x, with_parts=True)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        reducible = np.exp(log_r)
        total = theta[:, 0:1] + reducible
        share = reducible / total
        k, n = log_r.shape
        jac = np.empty((k, n, theta.shape[1]))
        jac[:, :, 0] = 1.0 / total
        jac[:, :, 1] = share
        jac[:, :, 2] = -share * log_x
        for i, (c, f, u, softplus, sigmoid) in enumerate(parts):
            jac[:, :, 3 + 3 * i] = -share * f * softplus
            jac[:, :, 4 + 3 * i] = share * c * sigmoid
            jac[:, :, 5 + 3 * i] = -share * c * f * (softplus - sigmoid * u)
        return np.log(total), jac


def _grid_starts(log_x, y, n_breaks):
    """The grid's most promising points, as rows of θ (see :func:`fit_broken_power_law`)."""
    n_d, midpoints, fractions, n_a = _GRID[n_breaks]
    low, high = log_x.min(), log_x.max()
    span = high - low
    log_d = np.linspace(low - 0.5 * span, high + 0.5 * span, n_d)
    if midpoints:
        distinct = np.unique(log_x)
        log_d = np.sort(np.concatenate([log_d, 0.5 * (distinct[1:] + distinct[:-1])]))
    log_f = np.log(span * np.asarray(fractions))
    floors = y.min() * np.concatenate([[0.0], 1.0 - np.geomspace(0.5, 0.01, n_a - 1)])
    location_sets = list(itertools.combinations(log_d, n_breaks))
    combos = [(i, ds, fs) for i, ds in enumerate(location_sets)
              for fs in itertools.product(log_f, repeat=n_breaks)]
    m = len(combos)
    sharp = np.array([min(c[2], default=0.0) <= np.log(0.01 * span) for c in combos], dtype=int)
    which = 2 * np.array([c[0] for c in combos], dtype=int) + sharp
    ds = np.array([c[1] for c in combos], dtype=float).reshape(m, n_breaks)
    fs = np.array([c[2] for c in combos], dtype=float).reshape(m, n_breaks)
    # the break columns −f·softplus((ln x − ln d)/f) of each combination: (m, n, n_breaks)
    f = np.exp(fs)[:, None, :]
    columns = -f * np.logaddexp(0.0, (log_x[None, :, None] - ds[:, None, :]) / f)
    base = np.stack([np.ones_like(log_x), -log_x], axis=-1)           # (n, 2)
    design = np.concatenate([np.broadcast_to(base, (m,) + base.shape), columns], axis=-1)
    # for each floor a: ln(y − a) ≈ design·(ln b, c0, c1, …), weighted by (y − a)/y so that
    # the residuals approximate those of ln y
    excess = y[None, :] - floors[:, None]                                # (n_a, n)
    weight = excess / y[None, :]
    wd = design[None] * weight[:, None, :, None]                         # (n_a, m, n, q)
    gram = np.einsum("amni,amnj->amij", wd, wd)
    rhs = np.einsum("amni,an->ami", wd, weight * np.log(excess))
    q = gram.shape[-1]
    ridge = (1e-10 * np.trace(gram, axis1=-2, axis2=-1) + 1e-300)[..., None, None] * np.eye(q)
    coef = np.linalg.solve(gram + ridge, rhs[..., None])[..., 0]        # (n_a, m, q)
    rows = np.empty((n_a, m, 3 + 3 * n_breaks))
    rows[..., 0] = floors[:, None]
    rows[..., 1:3] = coef[..., :2]
    for i in range(n_breaks):
        rows[..., 3 + 3 * i] = coef[..., 2 + i]
        rows[..., 4 + 3 * i] = ds[None, :, i]
        rows[..., 5 + 3 * i] = fs[None, :, i]
    rows = rows.reshape(-1, rows.shape[-1])
    which = (np.arange(n_a)[:, None] * (2 * len(location_sets)) + which[None, :]).ravel()
    objective = _objectives(rows, log_x, np.log(y))
    order = np.argsort(objective, kind="stable")
    # the best point for each set of break locations and each floor (one with sharp breaks,
    # one with gentle ones), then the best points overall
    _, first = np.unique(which[order], return_index=True)
    per_location = order[np.sort(first)][: _N_STARTS[0]]
    chosen = np.unique(np.concatenate([per_location, order[: _N_STARTS[1]]]))
    return rows[chosen]


def _bounds(log_x, log_y, n_breaks):
    """Lower and upper bounds of θ: ``0 ≤ a ≤ min(y)``, ``ln d`` within 50 of the data's
    ``ln x``, and ``ln f`` in ``_LOG_F_RANGE``; the rest free."""
    lower = np.full(3 + 3 * n_breaks, -np.inf)
    upper = np.full(3 + 3 * n_breaks, np.inf)
    lower[0], upper[0] = 0.0, float(np.exp(log_y.min()))
    lower[4::3], upper[4::3] = log_x.min() - 50.0, log_x.max() + 50.0
    lower[5::3], upper[5::3] = _LOG_F_RANGE
    return lower, upper


def _levenberg_marquardt(theta, log_x, log_y, *, max_iter=300, tol=1e-12):
    """Minimise ``Σ (ln ŷ − ln y)²`` from every row of ``theta`` at once.

    Marquardt's scaled damping, one damping factor per row (divided by 3 after a step that
    lowers the objective, multiplied by 4 after one that does not). Bounds (:func:`_bounds`) are
    kept by projection, and a parameter sitting on its bound with the gradient pushing it out is
    frozen for that step. A row stops when a step lowers its objective by less than ``tol``
    (relative) and moves no parameter by more than ``√tol``, or when its damping grows past
    10¹⁰ (no step helps). Returns ``(theta, objective, converged)``.
    """
    k, p = theta.shape
    lower, upper = _bounds(log_x, log_y, (p - 3) // 3)
    theta = np.clip(np.array(theta, dtype=float), lower, upper)
    objective = _objectives(theta, log_x, log_y)
    converged = np.zeros(k, dtype=bool)
    damping = np.full(k, 1e-3)
    active = np.flatnonzero(np.isfinite(objective))
    prediction, jac = _jacobian(theta[active], log_x)
    eye = np.eye(p)
    for _ in range(max_iter):
        if active.size == 0:
            break
        current = theta[active]
        r = prediction - log_y
        grad = np.einsum("kni,kn->ki", jac, r)
        gram = np.einsum("kni,knj->kij", jac, jac)
        frozen = ((current <= lower) & (grad > 0)) | ((current >= upper) & (grad < 0))
        if frozen.any():
            rows, cols = np.nonzero(frozen)
            gram[rows, cols, :] = 0.0
            gram[rows, :, cols] = 0.0
            gram[rows, cols, cols] = 1.0
            grad[rows, cols] = 0.0
        diagonal = np.diagonal(gram, axis1=1, axis2=2) + 1e-12
        system = gram + (damping[active][:, None] * diagonal)[:, :, None] * eye
        bad = ~np.isfinite(system).all(axis=(1, 2)) | ~np.isfinite(grad).all(axis=1)
        system[bad], grad[bad] = eye, 0.0
        step = -np.linalg.solve(system, grad[..., None])[..., 0]
        trial = np.clip(current + step, lower, upper)
        new = _objectives(trial, log_x, log_y)
        old = objective[active]
        better = new < old
        moved = np.max(np.abs(trial - current), axis=1)
        small = better & ((old - new) <= tol * np.maximum(old, 1e-300)) & (moved <= np.sqrt(tol))
        stuck = ~better & (damping[active] > 1e10)
        rows = active[better]
        theta[rows], objective[rows] = trial[better], new[better]
        damping[active] = np.where(better, np.maximum(damping[active] / 3.0, 1e-12),
                                   damping[active] * 4.0)
        done = small | stuck | bad
        converged[active[small | stuck]] = True
        if better.any():
            fresh_prediction, fresh_jac = _jacobian(theta[rows], log_x)
            prediction[better], jac[better] = fresh_prediction, fresh_jac
        keep = ~done
        active, prediction, jac = active[keep], prediction[keep], jac[keep]
    return theta, objective, converged


def _polish(theta, log_x, log_y):
    """Refine one row with scipy's trust-region reflective least squares, within the bounds;
    returns ``(theta, objective, success)``."""
    from scipy.optimize import least_squares

    lower, upper = _bounds(log_x, log_y, (theta.size - 3) // 3)
    start = np.clip(theta, lower, np.nextafter(upper, -np.inf))
    start = np.where(start <= lower, np.nextafter(lower, np.inf), start)

    def residuals(t):
        return _log_prediction(t[None], log_x)[0] - log_y

    def jacobian(t):
        return _jacobian(t[None], log_x)[1][0]

    with np.errstate(over="ignore", invalid="ignore"):
        result = least_squares(residuals, start, jac=jacobian, bounds=(lower, upper),
                               x_scale="jac", xtol=1e-14, ftol=1e-14, gtol=1e-14, max_nfev=100)
    value = _objectives(result.x[None], log_x, log_y)[0]
    return result.x, value, bool(result.success)


# =============================================================================================
# The result


@dataclass(frozen=True)
class BrokenPowerLawFit(FitResult):
    r"""The result of :func:`fit_broken_power_law`: the fitted law and how well it is known.

    The reporting interface (:class:`FitResult`) names the parameters ``"a"``, ``"b"``,
    ``"c0"`` and, per break ``i``, ``"ci"``, ``"di"``, ``"fi"``. Standard errors are
    Gauss–Newton ones, :math:`s^2 (J^\top J)^{-1}` in the coordinates the fit works in
    (``a``, ``ln b``, ``c0``, and per break ``cᵢ``, ``ln dᵢ``, ``ln fᵢ``; ``s²`` the residual
    variance of ``ln y`` on ``n − p`` degrees of freedom), with the delta method for ``b``,
    ``dᵢ`` and ``fᵢ``, whose intervals are exponentiated (they stay positive). They are given
    only when they mean something: more points than parameters, every break inside the data,
    and parameters the points separate; otherwise ``stderr`` holds NaN and :meth:`conf_int`
    raises a :class:`~scaling_utils.CourseValueError` saying why. A floor fitted at 0, the edge
    of its range, has no standard error of its own (the others are computed with it fixed).

    Attributes
    ----------
    law : laws.BrokenPowerLaw
        The fitted law.
    objective : float
        ``Σ (ln ŷ − ln y)²`` at the fit.
    converged : bool
        Whether the best start met the stopping rule.
    n_points : int
        How many points were fitted.
    covariance : numpy.ndarray or None
        The Gauss–Newton covariance of the working coordinates (None when not available).
    reason : str or None
        Why there are no standard errors, if there are none.
    warnings : tuple of str
        Why the fit should not be trusted as it stands, if anything.
    x, y : numpy.ndarray
        The points that were fitted.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, laws, simulate
    >>> truth = laws.BrokenPowerLaw(a=0.2, b=8.0, c0=0.1, breaks=[(0.4, 3e4, 0.4)])
    >>> x = np.geomspace(1e2, 1e7, 15)
    >>> y = simulate.noisy_observations(truth, x, relative_noise=0.01, seed=0)
    >>> fit = fitting.fit_broken_power_law(x, y)
    >>> print(fit)
    y = 0.1923 + 8.013·x^-0.09981·(1 + (x/2.822e+04)^(1/0.3162))^(-0.393·0.3162); 15 points, scatter 0.72%
    >>> print(fit.summary())
    fit_broken_power_law: 1 break, least squares on ln y; 15 points, 9 degrees of freedom
    parameter      value  std. error  95% interval
    a             0.1923    0.007841  [   0.1746,    0.2101]
    b              8.013       0.114  [    7.759,     8.275]
    c0           0.09981    0.002035  [   0.0952,    0.1044]
    c1             0.393    0.008896  [   0.3729,    0.4131]
    d1         2.822e+04        1067  [2.591e+04, 3.074e+04]
    f1            0.3162     0.04427  [   0.2304,     0.434]

    Introduced in lesson 06.
    """

    law: laws.BrokenPowerLaw
    objective: float
    converged: bool
    n_points: int
    covariance: np.ndarray = field(default=None, repr=False)
    reason: str = None
    warnings: tuple = ()
    x: np.ndarray = field(default=None, repr=False)
    y: np.ndarray = field(default=None, repr=False)

    @property
    def n_breaks(self) -> int:
        """How many breaks were fitted."""
        return self.law.n_breaks

    @property
    def residual_std(self) -> float:
        """The standard deviation of ``ln y − ln ŷ`` on ``n − p`` degrees of freedom (NaN if
        there are none)."""
        dof = self.n_points - len(self._estimates())
        return float(np.sqrt(self.objective / dof)) if dof > 0 else float("nan")

    def predict(self, x):
        """The fitted law at ``x``.

        Parameters
        ----------
        x : float or array_like
            Where to predict (> 0).

        Returns
        -------
        float, or an array shaped like ``x``.

        Raises
        ------
        CourseValueError
            If ``x`` holds a value ≤ 0, NaN or inf.

        Examples
        --------
        >>> import numpy as np
        >>> from scaling_utils import fitting, laws
        >>> truth = laws.BrokenPowerLaw(a=0.2, b=8.0, c0=0.1, breaks=[(0.4, 3e4, 0.4)])
        >>> x = np.geomspace(1e2, 1e7, 12)
        >>> fit = fitting.fit_broken_power_law(x, truth(x))
        >>> print(f"{fit.predict(1e9):.4f} (truth {truth(1e9):.4f})")
        0.2156 (truth 0.2156)

        Introduced in lesson 06.
        """
        return self.law(x)

    # --- the reporting interface (FitResult) ---------------------------------------------------

    @property
    def _log_scale(self):
        return ("b",) + tuple(f"{p}{i}" for i in range(1, self.n_breaks + 1) for p in ("d", "f"))

    def _estimates(self) -> dict:
        law = self.law
        values = [law.a, law.b, law.c0] + [v for triple in law.breaks for v in triple]
        return dict(zip(_names(law.n_breaks), values))

    def _standard_errors(self) -> dict:
        values = self._estimates()
        if self.covariance is None:
            return {name: float("nan") for name in values}
        se = np.sqrt(np.clip(np.diagonal(self.covariance), 0.0, None))
        errors = {}
        for i, name in enumerate(values):
            scale = values[name] if name in self._log_scale else 1.0
            errors[name] = float(scale * se[i]) if np.isfinite(se[i]) else float("nan")
        return errors

    def _degrees_of_freedom(self):
        return self.n_points - len(self._estimates())

    def _no_intervals(self):
        return self.reason

    def _intervals(self, level: float) -> dict:
        intervals = super()._intervals(level)
        return {name: (low, high) if np.isfinite(low) else (float("nan"), float("nan"))
                for name, (low, high) in intervals.items()}

    def _summary_title(self) -> str:
        breaks = f"{self.n_breaks} break{'s' if self.n_breaks != 1 else ''}"
        state = "" if self.converged else ", did not converge"
        return (f"fit_broken_power_law: {breaks}, least squares on ln y; {self.n_points} points, "
                f"{self._degrees_of_freedom()} degrees of freedom{state}")

    def __str__(self) -> str:
        scatter = self.residual_std
        spread = f", scatter {scatter:.2%}" if np.isfinite(scatter) else ""
        return f"{self.law}; {self.n_points} points{spread}"


# =============================================================================================
# The fit


def _check_points(x, y, n_breaks):
    xs, ys = _validate.positive_arrays(x=x, y=y)
    order = np.argsort(xs, kind="stable")
    xs, ys = xs[order], ys[order]
    p = 3 + 3 * n_breaks
    distinct = np.unique(xs).size
    if distinct < p:
        names = ", ".join(_names(n_breaks))
        raise CourseValueError(
            f"Fitting a broken power law with {n_breaks} break{'s' if n_breaks != 1 else ''} "
            f"means {p} parameters ({names}) and needs at least {p} points at different x; got "
            f"{distinct}. Measure more points, or fit fewer breaks.")
    return xs, ys


def _covariance(theta, log_x, log_y, n_points, law, xs):
    """The Gauss–Newton covariance of θ, or ``(None, reason)``."""
    p = theta.size
    if n_points <= p:
        return None, (f"with {n_points} points for {p} parameters the fit passes through every "
                      f"point and leaves no scatter to estimate uncertainties from; measure more "
                      f"points (or fit fewer breaks).")
    outside = [i for i, (_, d, _) in enumerate(law.breaks, start=1)
               if not xs.min() <= d <= xs.max()]
    if outside:
        i = outside[0]
        return None, (f"the break d{i} = {law.breaks[i - 1][1]:.3g} lies outside the data "
                      f"(x from {xs.min():.3g} to {xs.max():.3g}), where the points cannot pin "
                      f"down its location, sharpness or size, so standard errors from the "
                      f"curvature of the fit would mean nothing. Measure beyond the break, or fit "
                      f"fewer breaks.")
    prediction, jac = _jacobian(theta[None], log_x)
    r = prediction[0] - log_y
    jac = jac[0]
    free = np.ones(p, dtype=bool)
    free[0] = theta[0] > 0.0
    j = jac[:, free]
    gram = j.T @ j
    scale = np.sqrt(np.diagonal(gram))
    if not np.all(scale > 0) or not np.isfinite(gram).all():
        return None, _SINGULAR
    normalised = gram / np.outer(scale, scale)
    if np.linalg.cond(normalised) > 1e10:
        return None, _SINGULAR
    s2 = float(r @ r) / (n_points - p)
    covariance = np.full((p, p), np.nan)
    covariance[np.ix_(free, free)] = s2 * np.linalg.inv(normalised) / np.outer(scale, scale)
    return covariance, None


_SINGULAR = ("these points do not separate the parameters: the Gauss–Newton matrix of the fit is "
             "singular, so no standard errors can be given. Fit fewer breaks or measure a wider "
             "range.")


def fit_broken_power_law(x, y, *, n_breaks=1, warn_now=True) -> BrokenPowerLawFit:
    r"""Fit a smoothly broken power law (Caballero et al. 2022) by least squares on ``ln y``.

    The law (:class:`~scaling_utils.laws.BrokenPowerLaw`; Caballero, Gupta, Rish & Krueger,
    "Broken Neural Scaling Laws", arXiv:2210.14891, §2, Eq. 1) is

    .. math:: y = a + b\,x^{-c_0} \prod_{i=1}^{n} \Bigl(1 + (x/d_i)^{1/f_i}\Bigr)^{-c_i f_i},

    and the fit minimises :math:`\sum_j (\ln \hat y(x_j) - \ln y_j)^2` over ``a ≥ 0``, ``b``,
    ``c0`` and each break's ``cᵢ``, ``dᵢ``, ``fᵢ``, with the floor ``a`` between 0 and the
    smallest measurement.

    **The objective.** Caballero et al.'s released code minimises the mean of
    :math:`(\ln(\hat y + 1) - \ln(y + 1))^2` and scores extrapolation by the root mean square of
    :math:`\ln \hat y - \ln y`. The ``+ 1`` lets their fit take metrics that reach 0 (error
    rates, rewards), but it makes the fit depend on the units of ``y``: nearly relative errors
    for a loss of 10, nearly absolute ones for a loss of 0.01. Losses are positive, so this fit
    uses plain ``ln y``: relative errors at every scale, the same yardstick the rest of the
    course's fits use, and the one both Caballero et al. and Alabdulmohsin et al. (2022) score
    extrapolation by. Fitting ``ln(y − a)`` instead would let the points nearest the floor
    dominate; it is used only to find starting points.

    **The search.** The objective has local minima in the breaks' locations and sharpnesses,
    and on noisy points also sharp corners tucked between two neighbouring points. So the search
    starts from a structured grid: break locations ``d`` spread over the data's range of
    ``ln x`` and half of it beyond each end (for one break also the midpoints between
    neighbouring points), sharpnesses ``f`` from 0.01% to 100% of that range, floors ``a`` from
    0 to 99% of ``min(y)``. At each grid point ``ln b``, ``c0`` and the ``cᵢ`` enter
    ``ln(y − a)`` linearly and are solved by weighted linear least squares. The best grid point
    for each break location and floor is refined, all of them together, by Levenberg–Marquardt
    steps (vectorised over the starts: a short round for all, a full one for the best 48); the
    best four are polished by scipy's trust-region least squares, and the best result wins. The
    floor is kept in ``0 ≤ a ≤ min(y)``. No starting point is needed; a one-break fit of 15
    points takes a few hundredths of a second (``make bench`` compares it with Caballero et
    al.'s brute-force recipe).

    Parameters
    ----------
    x : array_like
        The scale of each measurement (data, parameters, compute), all > 0.
    y : array_like
        The measured loss at each ``x``, all > 0.
    n_breaks : {1, 0, 2, 3}, default 1
        How many breaks to fit; 0 fits ``a + b·x^(−c0)``.
    warn_now : bool, default True
        Issue the fit's warnings as :class:`FitWarning`; with False they are only kept in
        ``.warnings``.

    Returns
    -------
    BrokenPowerLawFit
        The fitted law, ``predict``, the objective, and the reporting interface (``params``,
        ``stderr``, ``conf_int``, ``summary``).

    Warns
    -----
    FitWarning
        When the best break lies outside the data (the data do not show it: its size and
        sharpness are not determined, and an extrapolation rests on a guess); when a break is a
        sharp corner inside the data (often a fit to noise); when the floor sits at 0; or when
        the search did not converge.

    Raises
    ------
    CourseValueError
        If ``x`` or ``y`` hold a value ≤ 0, NaN or inf, differ in length or are not flat; if
        there are fewer points at different ``x`` than parameters (``3 + 3·n_breaks``); if
        ``n_breaks`` is not 0, 1, 2 or 3.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, laws
    >>> truth = laws.BrokenPowerLaw(a=0.1, b=2.0, c0=0.05, breaks=[(0.3, 1e4, 0.3)])
    >>> x = np.geomspace(10, 1e8, 15)
    >>> fit = fitting.fit_broken_power_law(x, truth(x))      # no noise: the truth comes back
    >>> p = fit.params
    >>> print(f"a {p['a']:.4f}, c0 {p['c0']:.4f}, c1 {p['c1']:.4f}, d1 {p['d1']:.4g}, "
    ...       f"f1 {p['f1']:.4f}")
    a 0.1000, c0 0.0500, c1 0.3000, d1 1e+04, f1 0.3000
    >>> import warnings
    >>> short = np.geomspace(10, 3e3, 12)      # points that stop before the break
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     early = fitting.fit_broken_power_law(short, truth(short))
    >>> print(caught[0].message)               # doctest: +ELLIPSIS
    fit_broken_power_law: the best break d1 = 1e+04 lies beyond the largest x (3e+03): ...

    Introduced in lesson 06.
    """
    if isinstance(n_breaks, (bool, np.bool_)) or n_breaks not in (0, 1, 2, 3):
        raise CourseValueError(f"n_breaks must be 0, 1, 2 or 3 (the number of breaks to fit); "
                               f"got {_validate._describe(n_breaks)}.")
    n_breaks = int(n_breaks)
    xs, ys = _check_points(x, y, n_breaks)
    log_x, log_y = np.log(xs), np.log(ys)
    starts = _grid_starts(log_x, ys, n_breaks)
    theta, objective, _ = _levenberg_marquardt(starts, log_x, log_y, max_iter=25)
    survivors = np.argsort(objective, kind="stable")[:_N_SURVIVORS]
    theta, objective, converged = _levenberg_marquardt(theta[survivors], log_x, log_y)
    for i in np.argsort(objective, kind="stable")[:_N_POLISHED]:
        polished, value, success = _polish(theta[i], log_x, log_y)
        if value <= objective[i]:
            # converged: scipy says so, or its polish no longer improves the objective
            converged[i] |= success or objective[i] - value <= 1e-6 * objective[i]
            theta[i], objective[i] = polished, value
    best = int(np.argmin(objective))
    row = theta[best]
    if row[0] <= 1e-9 * ys.min():   # a floor of 1e-39 is a floor of 0
        row[0] = 0.0
        objective[best] = _objectives(row[None], log_x, log_y)[0]
    law = laws.BrokenPowerLaw(
        float(row[0]), float(np.exp(row[1])), float(row[2]),
        [(float(row[3 + 3 * i]), float(np.exp(row[4 + 3 * i])), float(np.exp(row[5 + 3 * i])))
         for i in range(n_breaks)])
    notes = []
    if not converged[best]:
        notes.append("the search did not converge; the fit may not be the best one")
    for i, (_, d, _) in enumerate(law.breaks, start=1):
        if d > xs.max() or d < xs.min():
            side = ("beyond the largest x" if d > xs.max() else "below the smallest x")
            edge = xs.max() if d > xs.max() else xs.min()
            notes.append(f"the best break d{i} = {d:.3g} lies {side} ({edge:.3g}): the data do "
                         f"not show it, so its size c{i} and sharpness f{i} are not determined, "
                         f"and any prediction past the data rests on a guess")
    for i, (_, _, f) in enumerate(law.breaks, start=1):
        if np.log(f) <= _LOG_F_RANGE[0] + 1e-6 and xs.min() <= law.breaks[i - 1][1] <= xs.max():
            notes.append(f"break {i} is a sharp corner (f{i} at the edge of its range): the "
                         f"points cannot tell how sharp it is, and a corner between two "
                         f"neighbouring points often fits their noise rather than a real break; "
                         f"compare with a fit of fewer breaks")
    covariance, reason = _covariance(row, log_x, log_y, xs.size, law, xs)
    if covariance is not None and row[0] <= 0.0:
        notes.append("the floor a sits at 0, the edge of its range: the data show no floor")
    for note in notes if warn_now else ():
        warn(f"fit_broken_power_law: {note}.")
    return BrokenPowerLawFit(law, float(objective[best]), bool(converged[best]), int(xs.size),
                             covariance, reason, tuple(notes), xs, ys)
