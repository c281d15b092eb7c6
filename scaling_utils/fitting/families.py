"""The learning-curve families M1–M4 of Alabdulmohsin et al. (2022), and a backtest that scores
them (and broken power laws) by how well they extrapolate to held-out larger scales."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np

from .. import _validate, laws
from .._validate import CourseValueError
from .._warnings import warn
from ._results import FitResult

__all__ = ["FAMILIES", "FamilyFit", "fit_family", "Backtest", "backtest"]

#: The families of Alabdulmohsin et al. (2022), arXiv:2209.06640, §2, in their order.
FAMILIES = ("M1", "M2", "M3", "M4")
#: What :func:`backtest` can compare: the four families and a one-break broken power law.
_BACKTESTABLE = FAMILIES + ("BNSL",)
_N_PARAMETERS = {"M1": 2, "M2": 3, "M3": 3, "M4": 5, "BNSL": 6}
_FORMS = {"M1": "βx^c", "M2": "ε∞ + βx^c", "M3": "β(1/x + γ)^c",
          "M4": "(ε − ε∞)/(ε₀ − ε)^α = βx^c", "BNSL": "a + b·x^(−c0)·(1 + (x/d1)^(1/f1))^(−c1·f1)"}


#: Two scores closer than this (relative) are a tie, which goes to the family listed first.
TIE_TOLERANCE = 1e-4


def _margin() -> float:
    from .. import references

    return references.ALABDULMOHSIN_2022.bound_margin


# =============================================================================================
# Profiles: each family's objective with its linear parameters solved in closed form


def _least_squares(design, target):
    """Batched linear least squares: ``design`` ``(..., n, q)``, ``target`` ``(..., n)``;
    returns ``(coef, ssr)``."""
    gram = np.einsum("...ni,...nj->...ij", design, design)
    rhs = np.einsum("...ni,...n->...i", design, target)
    q = gram.shape[-1]
    ridge = (1e-13 * np.trace(gram, axis1=-2, axis2=-1) + 1e-300)[..., None, None] * np.eye(q)
    coef = np.linalg.solve(gram + ridge, rhs[..., None])[..., 0]
    residual = target - np.einsum("...ni,...i->...n", design, coef)
    return coef, np.sum(residual**2, axis=-1)


def _line(log_x, target):
    """``target ≈ ln β + c·ln x`` for each row of ``target``: ``(ln β, c, ssr)``."""
    design = np.stack([np.ones_like(log_x), log_x], axis=-1)
    coef, ssr = _least_squares(design, np.atleast_2d(target))
    return coef[:, 0], coef[:, 1], ssr


def _m2_profile(floors, log_x, y):
    log_beta, c, ssr = _line(log_x, np.log(y[None, :] - np.asarray(floors)[:, None]))
    return log_beta, c, ssr


def _m3_profile(gammas, log_x, log_y):
    """``ln y ≈ ln β + c·ln(1/x + γ)`` with ``c ≥ 0`` (the authors' constraint)."""
    gammas = np.asarray(gammas, dtype=float)
    u = np.log(np.exp(-log_x)[None, :] + gammas[:, None])
    u_mean = u.mean(axis=1, keepdims=True)
    y_mean = log_y.mean()
    spread = np.sum((u - u_mean) ** 2, axis=1)
    c = np.sum((u - u_mean) * (log_y - y_mean), axis=1) / np.maximum(spread, 1e-300)
    c = np.where(spread > 0, np.maximum(c, 0.0), 0.0)
    log_beta = y_mean - c * u_mean[:, 0]
    ssr = np.sum((log_y - log_beta[:, None] - c[:, None] * u) ** 2, axis=1)
    return log_beta, c, ssr


def _m4_profile(floors, guesses, log_x, y):
    """``ln(y − ε∞) ≈ ln β + c·ln x + α·ln(ε₀ − y)`` with ``c ≤ 0`` and ``α ≥ 0`` (the authors'
    non-negative regression), for each pair ``(floors[i], guesses[i])``.

    The constrained least-squares problem is solved exactly by trying each set of active
    constraints (none, α = 0, c = 0, both) and keeping the best feasible solution.
    Returns ``(ln β, c, α, ssr)``.
    """
    floors, guesses = np.asarray(floors, float), np.asarray(guesses, float)
    target = np.log(y[None, :] - floors[:, None])
    log_room = np.log(guesses[:, None] - y[None, :])
    ones = np.ones_like(target)
    lx = np.broadcast_to(log_x, target.shape)
    best_ssr = np.full(floors.shape, np.inf)
    best = np.zeros((floors.size, 3))
    for use_c, use_alpha in ((True, True), (True, False), (False, True), (False, False)):
        columns = [ones] + ([lx] if use_c else []) + ([log_room] if use_alpha else [])
        coef, ssr = _least_squares(np.stack(columns, axis=-1), target)
        full = np.zeros((floors.size, 3))
        full[:, 0] = coef[:, 0]
        k = 1
        if use_c:
            full[:, 1] = coef[:, k]
            k += 1
        if use_alpha:
            full[:, 2] = coef[:, k]
        feasible = (full[:, 1] <= 0) & (full[:, 2] >= 0)
        better = feasible & (ssr < best_ssr)
        best[better], best_ssr[better] = full[better], ssr[better]
    return best[:, 0], best[:, 1], best[:, 2], best_ssr


def _descend(values, start):
    """From ``start`` (an index into the grid ``values``, 1-D or 2-D), step to the lowest of the
    neighbouring grid points while that lowers the value; return where it stops: the first
    local minimum on the way down."""
    values = np.atleast_1d(values)
    here = tuple(start)
    while True:
        ranges = [range(max(i - 1, 0), min(i + 2, n)) for i, n in zip(here, values.shape)]
        best = min(((values[idx], idx) for idx in _product(*ranges)), key=lambda t: t[0])
        if not best[0] < values[here]:
            return here
        here = best[1]


def _product(*ranges):
    import itertools

    return itertools.product(*ranges)


def _refine_box(profile, grids, here, *, rounds=20):
    """Minimise ``profile`` (a function of one point) near the grid point ``here``: L-BFGS-B
    within the grid cells around it, moved on to the cells around the result for as long as the
    result sits on an inner edge of its box. Returns ``(point, value)``."""
    from scipy.optimize import minimize

    point = np.array([g[i] for g, i in zip(grids, here)])
    value = float(profile(point))
    for _ in range(rounds):
        low = np.array([g[max(i - 1, 0)] for g, i in zip(grids, here)])
        high = np.array([g[min(i + 1, g.size - 1)] for g, i in zip(grids, here)])
        width = np.where(high > low, high - low, 1.0)
        result = minimize(lambda t: profile(low + t * width), (point - low) / width,
                          method="L-BFGS-B", bounds=[(0.0, 1.0)] * len(grids),
                          options={"ftol": 1e-15, "gtol": 1e-13, "maxiter": 200})
        if not result.fun < value:
            break
        t = np.clip(result.x, 0.0, 1.0)
        point, value = low + t * width, float(result.fun)
        on_edge = [(ti <= 1e-9 and i > 0) or (ti >= 1 - 1e-9 and i < g.size - 1)
                   for ti, i, g in zip(t, here, grids)]
        if not any(on_edge):
            break
        here = tuple(int(np.argmin(np.abs(g - p))) for g, p in zip(grids, point))
    return point, value


def _fit_m1(log_x, log_y, y):
    log_beta, c, ssr = _line(log_x, log_y)
    return {"beta": float(np.exp(log_beta[0])), "c": float(c[0])}, float(ssr[0])


def _floor_grid(y):
    """Floors from 0 up to the highest allowed, dense near the top (where the profile is steep)."""
    top = (1.0 - _margin()) * y.min()
    return top * (1.0 - np.concatenate([np.geomspace(1.0, 1e-6, 120), [0.0]]))


def _fit_m2(log_x, log_y, y):
    grid = _floor_grid(y)
    values = _m2_profile(grid, log_x, y)[2]
    here = _descend(values, (grid.size - 1,))      # start at the top, as the authors do
    (floor,), ssr = _refine_box(lambda p: _m2_profile(p, log_x, y)[2][0], [grid], here)
    log_beta, c, _ = _m2_profile([floor], log_x, y)
    return {"beta": float(np.exp(log_beta[0])), "c": float(c[0]), "eps_inf": float(floor)}, ssr


def _fit_m3(log_x, log_y, y):
    from scipy.optimize import minimize_scalar

    x_min, x_max = np.exp(log_x.min()), np.exp(log_x.max())
    grid = np.concatenate([[0.0], np.geomspace(1e-4 / x_max, 1e4 / x_min, 160)])
    values = _m3_profile(grid, log_x, log_y)[2]
    k = int(np.argmin(values))                      # the best γ anywhere, as the authors pick
    gamma, ssr = grid[k], float(values[k])
    low, high = grid[max(k - 1, 0)], grid[min(k + 1, grid.size - 1)]
    result = minimize_scalar(lambda g: _m3_profile([g], log_x, log_y)[2][0], bounds=(low, high),
                             method="bounded", options={"xatol": 1e-12 * high})
    if result.fun < ssr:
        gamma, ssr = float(result.x), float(result.fun)
    log_beta, c, _ = _m3_profile([gamma], log_x, log_y)
    return {"beta": float(np.exp(log_beta[0])), "c": float(c[0]), "gamma": float(gamma)}, ssr


def _m4_bounds(y):
    margin = _margin()
    return (1.0 - margin) * y.min(), (1.0 + margin) * y.max()


def _fit_m4(log_x, log_y, y):
    _, bottom = _m4_bounds(y)
    scale = y.max()
    floors = _floor_grid(y)[::2]
    gaps = np.concatenate([[0.0], np.geomspace(1e-7, 1e3, 60)])    # ε₀ = bottom + scale·gap

    def profile(point):
        return _m4_profile([point[0]], [bottom + scale * point[1]], log_x, y)[3][0]

    e, g = np.meshgrid(floors, gaps, indexing="ij")
    values = _m4_profile(e.ravel(), bottom + scale * g.ravel(), log_x, y)[3].reshape(e.shape)
    # start where the authors start: the floor just below the smallest loss, the random-guess
    # loss just above the largest
    here = _descend(values, (floors.size - 1, 0))
    (floor, gap), ssr = _refine_box(profile, [floors, gaps], here)
    log_beta, c, alpha, _ = _m4_profile([floor], [bottom + scale * gap], log_x, y)
    return {"beta": float(np.exp(log_beta[0])), "c": float(c[0]), "alpha": float(alpha[0]),
            "eps_inf": float(floor), "eps_0": float(bottom + scale * gap)}, float(ssr)


_FITTERS = {"M1": _fit_m1, "M2": _fit_m2, "M3": _fit_m3, "M4": _fit_m4}


# =============================================================================================
# Standard errors


def _residual_jacobian(family, params, log_x, y):
    """Residuals of the family's objective and their Jacobian in the coordinates
    ``(ln β, c, …)``, in the order of ``params``."""
    beta, c = params["beta"], params["c"]
    ones = np.ones_like(log_x)
    if family == "M1":
        r = np.log(y) - np.log(beta) - c * log_x
        return r, np.column_stack([-ones, -log_x])
    if family == "M2":
        excess = y - params["eps_inf"]
        r = np.log(excess) - np.log(beta) - c * log_x
        return r, np.column_stack([-ones, -log_x, -1.0 / excess])
    if family == "M3":
        shifted = np.exp(-log_x) + params["gamma"]
        r = np.log(y) - np.log(beta) - c * np.log(shifted)
        return r, np.column_stack([-ones, -np.log(shifted), -c / shifted])
    excess, room = y - params["eps_inf"], params["eps_0"] - y
    r = np.log(excess) - params["alpha"] * np.log(room) - np.log(beta) - c * log_x
    return r, np.column_stack([-ones, -log_x, -np.log(room), -1.0 / excess,
                               params["alpha"] / room])


def _at_edge(family, params, y):
    """The name and place of a parameter on the edge of its range, or None."""
    if family in ("M2", "M4"):
        top = (1.0 - _margin()) * y.min()
        if params["eps_inf"] <= 1e-9 * top:
            return "eps_inf", "at 0"
        if params["eps_inf"] >= top * (1 - 1e-9):
            return "eps_inf", "just below the smallest loss"
    if family == "M3":
        if params["gamma"] <= 0:
            return "gamma", "at 0"
        if params["c"] <= 0:
            return "c", "at 0"
    if family == "M4":
        if params["alpha"] <= 0:
            return "alpha", "at 0"
        if params["c"] >= 0:
            return "c", "at 0"
        _, bottom = _m4_bounds(y)
        if params["eps_0"] <= bottom + y.max() * 1e-12:
            return "eps_0", "just above the largest loss"
        if params["eps_0"] >= bottom + y.max() * 1e3 * (1 - 1e-9):
            return "eps_0", "at the top of its range"
    return None


def _family_covariance(family, params, log_x, y):
    n, p = y.size, len(params)
    if n <= p:
        return None, (f"with {n} points for {p} parameters {family} passes through every point "
                      f"and leaves no scatter to estimate uncertainties from; fit more points.")
    edge = _at_edge(family, params, y)
    if edge is not None:
        name, where = edge
        return None, (f"{family}'s {name} sits {where}, the edge of its range, where the "
                      f"curvature of the objective says nothing about its uncertainty, so no "
                      f"standard errors are given; resample the points (a bootstrap) for "
                      f"intervals.")
    r, jac = _residual_jacobian(family, params, log_x, y)
    gram = jac.T @ jac
    scale = np.sqrt(np.diagonal(gram))
    if not (np.all(scale > 0) and np.isfinite(gram).all()):
        return None, _SINGULAR.format(family=family)
    normalised = gram / np.outer(scale, scale)
    if np.linalg.cond(normalised) > 1e12:
        return None, _SINGULAR.format(family=family)
    s2 = float(r @ r) / (n - p)
    return s2 * np.linalg.inv(normalised) / np.outer(scale, scale), None


_SINGULAR = ("these points do not separate {family}'s parameters: the Gauss–Newton matrix of its "
             "objective is singular, so no standard errors can be given.")


# =============================================================================================
# The result of one family's fit


@dataclass(frozen=True)
class FamilyFit(FitResult):
    r"""The result of :func:`fit_family`: one of Alabdulmohsin et al.'s families fitted to a curve.

    The reporting interface (:class:`FitResult`) names the family's parameters as
    :class:`~scaling_utils.laws.AlabdulmohsinLaw` does: ``"beta"``, ``"c"`` and, by family,
    ``"eps_inf"``, ``"gamma"``, ``"alpha"``, ``"eps_0"``. Standard errors are Gauss–Newton ones
    of the family's own least-squares objective (:func:`fit_family`), in the coordinates
    ``(ln β, c, …)``: exact for M1 (a straight line in log space), a local approximation for
    the others, and for M4 a rough one (the loss enters both sides of its equation). ``beta``
    gets the delta-method error and an exponentiated interval. When a parameter sits on the
    edge of its range, or there are no more points than parameters, there are none:
    ``stderr`` holds NaN and :meth:`conf_int` raises a
    :class:`~scaling_utils.CourseValueError` saying why.

    Attributes
    ----------
    family : str
        ``"M1"``, ``"M2"``, ``"M3"`` or ``"M4"``.
    law : laws.AlabdulmohsinLaw
        The fitted law.
    objective : float
        The family's objective at the fit (a sum of squares; see :func:`fit_family`).
    in_sample_rmse : float
        The root mean square of ``ln ŷ − ln y`` on the fitted points: Alabdulmohsin et al.'s
        score, here on the points the fit saw.
    n_points : int
        How many points were fitted.
    covariance : numpy.ndarray or None
        The Gauss–Newton covariance of ``(ln β, c, …)``, or None.
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
    >>> truth = laws.AlabdulmohsinLaw("M2", beta=5.0, c=-0.4, eps_inf=0.3)
    >>> x = np.geomspace(1e2, 1e6, 12)
    >>> y = simulate.noisy_observations(truth, x, relative_noise=0.01, seed=0)
    >>> fit = fitting.fit_family(x, y, "M2")
    >>> print(fit)
    M2: ε = 0.2982 + 4.979·x^-0.3978; 12 points, in-sample RMSE of log loss 0.00662
    >>> print(fit.summary())
    fit_family M2: ε = ε∞ + βx^c, least squares on ln(ε − ε∞); 12 points, 9 degrees of freedom
    parameter    value  std. error  95% interval
    beta         4.979      0.3844  [  4.181,   5.929]
    c          -0.3978     0.01135  [-0.4235, -0.3721]
    eps_inf     0.2982    0.002308  [ 0.2929,  0.3034]

    Introduced in lesson 06.
    """

    family: str
    law: laws.AlabdulmohsinLaw
    objective: float
    in_sample_rmse: float
    n_points: int
    covariance: np.ndarray = field(default=None, repr=False)
    reason: str = None
    warnings: tuple = ()
    x: np.ndarray = field(default=None, repr=False)
    y: np.ndarray = field(default=None, repr=False)

    _log_scale = ("beta",)

    def predict(self, x):
        """The fitted law at ``x`` (for M4, solved numerically at each ``x``).

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
        >>> truth = laws.AlabdulmohsinLaw("M4", beta=3.0, c=-0.3, alpha=0.6, eps_inf=0.3,
        ...                               eps_0=1.0)
        >>> x = np.geomspace(1e2, 1e6, 12)
        >>> fit = fitting.fit_family(x, truth(x), "M4")
        >>> print(f"{fit.predict(1e8):.4f} (truth {truth(1e8):.4f})")
        0.3096 (truth 0.3096)

        Introduced in lesson 06.
        """
        return self.law(x)

    # --- the reporting interface (FitResult) ---------------------------------------------------

    def _estimates(self) -> dict:
        return self.law.params

    def _standard_errors(self) -> dict:
        values = self._estimates()
        if self.covariance is None:
            return {name: float("nan") for name in values}
        se = np.sqrt(np.clip(np.diagonal(self.covariance), 0.0, None))
        return {name: float(se[i] * (values[name] if name == "beta" else 1.0))
                for i, name in enumerate(values)}

    def _degrees_of_freedom(self):
        return self.n_points - len(self._estimates())

    def _no_intervals(self):
        return self.reason

    def _summary_title(self) -> str:
        space = {"M1": "ln ε", "M2": "ln(ε − ε∞)", "M3": "ln ε",
                 "M4": "ln(ε − ε∞) − α·ln(ε₀ − ε)"}[self.family]
        form = _FORMS[self.family]
        form = form if self.family == "M4" else f"ε = {form}"
        return (f"fit_family {self.family}: {form}, least squares on {space}; {self.n_points} "
                f"points, {self._degrees_of_freedom()} degrees of freedom")

    def __str__(self) -> str:
        return (f"{self.law}; {self.n_points} points, in-sample RMSE of log loss "
                f"{self.in_sample_rmse:.3g}")


def _rmse_log(prediction, y) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        error = np.log(prediction) - np.log(y)
    return float(np.sqrt(np.mean(error**2))) if np.all(np.isfinite(error)) else float("inf")


def _family_name(family, allowed=FAMILIES) -> str:
    if isinstance(family, str) and family.strip().upper() in allowed:
        return family.strip().upper()
    hint = ""
    if isinstance(family, (int, np.integer)) and not isinstance(family, bool) and 1 <= family <= 4:
        hint = f" Give the name, \"M{family}\", not the number."
    listed = ", ".join(f'"{name}"' for name in allowed)
    raise CourseValueError(f"family must be one of {listed} (Alabdulmohsin et al. 2022"
                           f"{'; BNSL: a one-break broken power law' if 'BNSL' in allowed else ''}"
                           f"); got {_validate._describe(family)}.{hint}")


def _check_curve(x, y, needed, what):
    xs, ys = _validate.positive_arrays(x=x, y=y)
    distinct = np.unique(xs).size
    if distinct < needed:
        raise CourseValueError(f"{what} has {needed} parameters and needs at least {needed} points "
                               f"at different x; got {distinct}. Measure more points, or pick a "
                               f"family with fewer parameters.")
    return xs, ys


def fit_family(x, y, family, *, warn_now=True) -> FamilyFit:
    r"""Fit one of the learning-curve families M1–M4 as Alabdulmohsin et al. (2022) fit them.

    Alabdulmohsin, Neyshabur & Zhai (2022), "Revisiting Neural Scaling Laws in Language and
    Vision", arXiv:2209.06640, §2, compare four forms of a loss ``ε`` against the scale ``x``
    (see :class:`~scaling_utils.laws.AlabdulmohsinLaw`) and fit each by least squares between the
    logarithms of the two sides of its equation, as their released code does:

    - **M1** ``ε = βx^c``: :math:`\sum (\ln ε - \ln β - c\ln x)^2`, a straight line in log space;
    - **M2** ``ε = ε∞ + βx^c``: :math:`\sum (\ln(ε - ε∞) - \ln β - c\ln x)^2`;
    - **M3** ``ε = β(1/x + γ)^c``: :math:`\sum (\ln ε - \ln β - c\ln(1/x + γ))^2`, ``c ≥ 0``;
    - **M4** ``(ε − ε∞)/(ε₀ − ε)^α = βx^c``:
      :math:`\sum (\ln(ε - ε∞) - α\ln(ε₀ - ε) - \ln β - c\ln x)^2`, with ``c ≤ 0`` and
      ``α ≥ 0``.

    The floor stays below the smallest loss and the loss of a random guess above the largest,
    each by a margin of 10⁻³ of that loss
    (:data:`scaling_utils.references.ALABDULMOHSIN_2022`; the authors keep an absolute 10⁻³,
    the same for losses near 1, and ours does not depend on the loss's units); ``ε∞ ≥ 0``,
    ``γ ≥ 0``. Given the non-linear parameters (``ε∞``; ``γ``; ``ε∞`` and ``ε₀``) the others
    solve a linear least-squares problem (with its sign constraints, exactly), so each fit is a
    search over one or two numbers.

    **The search follows the authors'.** Their code fits M2 and M4 by a *local* descent that
    starts with the floor just below the smallest loss (and ``ε₀`` just above the largest), and
    picks M3's ``γ`` as the best of a set of candidates. Here: M2 and M4 start at the same place
    and step down a fine grid to the first minimum on the way, refined between the neighbouring
    grid points (L-BFGS-B); M3 takes the best ``γ`` of a dense grid, refined by Brent's method.
    The local search matters: on curves that are still bending, such as the first NMT curve of
    :func:`scaling_utils.data.load_benchmark`, the objectives of M2 and M4 can reach their
    *global* minimum at ``ε∞ = 0``, where both reduce to M1 and extrapolate badly; a descent
    from the authors' starting point stops at the floor near the data instead. Note also that
    M2 and M4 are fitted on the log of the *excess* loss, not on ``ln ε``: their score, the
    RMSE of ``ln ε`` (``in_sample_rmse`` here; :func:`backtest` on held-out points), is a
    different number.

    Parameters
    ----------
    x : array_like
        The scale of each measurement (examples or tokens seen, parameters), all > 0.
    y : array_like
        The loss at each ``x``, all > 0.
    family : {"M1", "M2", "M3", "M4"}
        Which form to fit (:data:`FAMILIES`).
    warn_now : bool, default True
        Issue the fit's warnings as :class:`FitWarning`; with False they are only kept in
        ``.warnings``.

    Returns
    -------
    FamilyFit
        The fitted law, ``predict``, the objective, the in-sample RMSE of log loss and the
        reporting interface (``params``, ``stderr``, ``conf_int``, ``summary``).

    Warns
    -----
    FitWarning
        When the floor ``ε∞`` lands just below the smallest loss (the curve has flattened out
        there, and the rest of the fit leans on that edge).

    Raises
    ------
    CourseValueError
        If ``family`` is not one of the four; if ``x`` or ``y`` hold a value ≤ 0, NaN or inf,
        differ in length or are not flat; if there are fewer points at different ``x`` than
        the family has parameters (2, 3, 3, 5).

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, laws
    >>> truth = laws.AlabdulmohsinLaw("M4", beta=3.0, c=-0.3, alpha=0.6, eps_inf=0.3, eps_0=1.0)
    >>> x = np.geomspace(1e2, 1e6, 12)
    >>> for family in fitting.FAMILIES:       # noise-free points of an M4 curve
    ...     fit = fitting.fit_family(x, truth(x), family)
    ...     print(f"{family}: in-sample RMSE of log loss {fit.in_sample_rmse:.3f}")
    M1: in-sample RMSE of log loss 0.034
    M2: in-sample RMSE of log loss 0.007
    M3: in-sample RMSE of log loss 0.009
    M4: in-sample RMSE of log loss 0.000
    >>> print(fit.law)
    M4: (ε − 0.3)/(1 − ε)^0.6 = 3·x^-0.3

    Introduced in lesson 06.
    """
    name = _family_name(family)
    xs, ys = _check_curve(x, y, _N_PARAMETERS[name], f"{name} ({_FORMS[name]})")
    log_x, log_y = np.log(xs), np.log(ys)
    params, objective = _FITTERS[name](log_x, log_y, ys)
    law = laws.AlabdulmohsinLaw(name, **params)
    covariance, reason = _family_covariance(name, law.params, log_x, ys)
    notes = []
    edge = _at_edge(name, law.params, ys)
    if edge == ("eps_inf", "just below the smallest loss"):
        notes.append(f"{name}'s floor eps_inf sits just below the smallest loss, the edge of its "
                     f"range: the curve has flattened out, and the fit leans on that edge")
    for note in notes if warn_now else ():
        warn(f"fit_family: {note}.")
    return FamilyFit(name, law, float(objective), _rmse_log(law(xs), ys), int(xs.size),
                     covariance, reason, tuple(notes), xs, ys)


# =============================================================================================
# The backtest


@dataclass(frozen=True)
class Backtest:
    r"""The result of :func:`backtest`: each family fitted on the small-scale points and scored
    on the held-out large-scale ones.

    The score is Alabdulmohsin et al.'s (2022, arXiv:2209.06640): the root mean square of
    ``ln ŷ − ln y`` over the held-out points, the typical relative error of the extrapolation.
    The same number on the fitted points (``in_sample_rmse``) says how well each family
    *interpolates*; the paper's point is that the two rankings can differ.

    Attributes
    ----------
    families : tuple of str
        The families compared, in the order given.
    fits : dict
        ``fits[family]``: the fit on the fitted points (a :class:`FamilyFit`, or a
        :class:`BrokenPowerLawFit` for ``"BNSL"``).
    held_out_rmse, in_sample_rmse : dict
        ``{family: RMSE of ln y}`` on the held-out and on the fitted points.
    winner : str
        The family with the smallest held-out RMSE (on a tie within a relative 10⁻⁴, such as M4
        with ``α = 0`` and M2, the first of them in ``families``).
    x, y : numpy.ndarray
        All the points.
    held_out : numpy.ndarray of bool
        Which points were held out.
    warnings : tuple of str
        The fits' warnings, each prefixed by its family.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, laws, simulate
    >>> truth = laws.AlabdulmohsinLaw("M4", beta=3.0, c=-0.3, alpha=0.6, eps_inf=0.3, eps_0=1.0)
    >>> x = np.geomspace(1e2, 1e7, 15)
    >>> y = simulate.noisy_observations(truth, x, relative_noise=0.005, seed=0)
    >>> result = fitting.backtest(x, y, holdout=4)
    >>> print(result)
    backtest: fitted 11 points (x ≤ 3.73e+05), held out 4 (x ≥ 8.48e+05); RMSE of ln y
    family  in-sample  held-out
    M1         0.0248     0.163
    M2        0.00509    0.0321
    M3        0.00688    0.0544
    M4        0.00302    0.0201  ← best
    >>> result.winner
    'M4'

    Introduced in lesson 06.
    """

    families: tuple
    fits: dict = field(repr=False)
    held_out_rmse: dict
    in_sample_rmse: dict
    winner: str
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    held_out: np.ndarray = field(repr=False)
    warnings: tuple = ()

    @property
    def n_fit(self) -> int:
        """How many points the families were fitted on."""
        return int(np.sum(~self.held_out))

    @property
    def n_held_out(self) -> int:
        """How many points were held out."""
        return int(np.sum(self.held_out))

    def plot(self, ax=None):
        """Draw the points (fitted black, held out orange) and each family's curve, log-log.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; by default new log-log axes in the house style, with a legend.

        Returns
        -------
        matplotlib.axes.Axes

        Raises
        ------
        CourseValueError
            Never for a backtest's own data; listed for the interface's sake.

        Examples
        --------
        >>> import numpy as np
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import fitting, laws
        >>> from scaling_utils import simulate
        >>> truth = laws.AlabdulmohsinLaw("M2", beta=5.0, c=-0.4, eps_inf=0.3)
        >>> x = np.geomspace(1e2, 1e6, 10)
        >>> y = simulate.noisy_observations(truth, x, relative_noise=0.01, seed=1)
        >>> ax = fitting.backtest(x, y, holdout=3, families=["M1", "M2"]).plot()
        >>> ax.get_legend_handles_labels()[1]
        ['fitted points', 'held out', 'M1 (held-out RMSE 0.378)', 'M2 (held-out RMSE 0.013)']
        >>> plt.close("all")

        Introduced in lesson 06.
        """
        from .. import plotting

        new = ax is None
        if new:
            _, ax = plotting.loglog_axes(xlabel="x", ylabel="loss")
        ax.plot(self.x[~self.held_out], self.y[~self.held_out], "o", color="black",
                label="fitted points")
        ax.plot(self.x[self.held_out], self.y[self.held_out], "o",
                color=plotting.PALETTE["orange"], label="held out")
        grid = np.geomspace(self.x.min(), self.x.max(), 200)
        for family in self.families:
            ax.plot(grid, self.fits[family].predict(grid),
                    label=f"{family} (held-out RMSE {self.held_out_rmse[family]:.3g})")
        if new:
            ax.legend(fontsize=8, loc="best")
        return ax

    def __str__(self) -> str:
        fitted, held = self.x[~self.held_out], self.x[self.held_out]
        lines = [f"backtest: fitted {self.n_fit} points (x ≤ {fitted.max():.3g}), held out "
                 f"{self.n_held_out} (x ≥ {held.min():.3g}); RMSE of ln y"]
        inside = [f"{self.in_sample_rmse[f]:.3g}" for f in self.families]
        outside = [f"{self.held_out_rmse[f]:.3g}" for f in self.families]
        w1 = max(len("in-sample"), *map(len, inside))
        w2 = max(len("held-out"), *map(len, outside))
        w0 = max(len("family"), *map(len, self.families))
        lines.append(f"{'family':<{w0}}  {'in-sample':>{w1}}  {'held-out':>{w2}}")
        for family, a, b in zip(self.families, inside, outside):
            mark = "  ← best" if family == self.winner else ""
            lines.append(f"{family:<{w0}}  {a:>{w1}}  {b:>{w2}}{mark}")
        return "\n".join(lines)

    __repr__ = __str__


def _held_out_mask(holdout, n, order):
    """``holdout`` (a count from the large end, or a mask) as a boolean mask, or a sentence."""
    if isinstance(holdout, (bool, np.bool_)):
        raise CourseValueError(f"holdout must be a whole number of points (held out from the "
                               f"large end) or a list of True/False, one per point; got "
                               f"{holdout!r}.")
    whole = isinstance(holdout, float) and holdout.is_integer()
    if isinstance(holdout, numbers.Integral) or whole:
        count = int(holdout)
        if not 1 <= count < n:
            raise CourseValueError(f"holdout must hold out at least 1 and fewer than all {n} "
                                   f"points; got {count}.")
        mask = np.zeros(n, dtype=bool)
        mask[order[n - count:]] = True
        return mask
    if isinstance(holdout, (list, tuple, np.ndarray)):
        array = np.asarray(holdout)
        if array.dtype == bool and array.shape == (n,):
            return array.copy()
        if array.dtype.kind in "iuf" and array.shape == (n,) and np.isin(array, (0, 1)).all():
            raise CourseValueError(
                "holdout must be True/False per point (True: held out), not 0/1 numbers, which "
                "could mean either; for the benchmark's Training column (1 = fitted) give "
                "training == 0, or a curve's held_out.")
        got = f"shape {array.shape}" if array.dtype == bool else _validate._describe(holdout)
        raise CourseValueError(f"holdout must be a whole number of points or a list of "
                               f"True/False with one entry per point ({n}); got {got}.")
    raise CourseValueError(f"holdout must be a whole number of points (held out from the large "
                           f"end) or a list of True/False, one per point; got "
                           f"{_validate._describe(holdout)}.")


def backtest(x, y, *, holdout, families=FAMILIES) -> Backtest:
    r"""Fit each family on the small-scale points and score it on held-out larger ones.

    This is how Alabdulmohsin et al. (2022, arXiv:2209.06640, §2–3) argue families should be
    compared: not by how well they fit, but by how well they *extrapolate*. Each family is
    fitted (:func:`fit_family`; ``"BNSL"`` by :func:`fit_broken_power_law` with one break) on
    the points that are not held out, then scored on the held-out ones by the root mean square
    of :math:`\ln \hat y - \ln y` — their score, the typical relative error of the prediction.

    Parameters
    ----------
    x, y : array_like
        The curve: scales (> 0) and losses (> 0), of equal length.
    holdout : int or array_like of bool
        Either how many points to hold out, counted from the largest ``x``; or a mask, True for
        each point to hold out (such as a benchmark curve's ``held_out``, see
        :func:`scaling_utils.data.load_benchmark`).
    families : sequence of str, default FAMILIES
        Which to compare: any of ``"M1"``, ``"M2"``, ``"M3"``, ``"M4"`` and ``"BNSL"``.

    Returns
    -------
    Backtest
        Each family's fit, held-out and in-sample RMSE of log loss, the winner, a table as
        ``str`` and ``plot()``.

    Raises
    ------
    CourseValueError
        If ``x`` or ``y`` are not positive numbers of equal length; if ``families`` is empty or
        names an unknown family; if ``holdout`` is neither a count nor a True/False mask of the
        right length, holds out nothing or everything, or leaves fewer points to fit than a
        family has parameters.

    Examples
    --------
    >>> from scaling_utils import data, fitting
    >>> curve = data.load_benchmark("NMT")[0]
    >>> result = fitting.backtest(curve.x, curve.loss, holdout=curve.held_out)
    >>> print(result)
    backtest: fitted 10 points (x ≤ 2.56e+08), held out 1 (x ≥ 5.12e+08); RMSE of ln y
    family  in-sample  held-out
    M1         0.0876     0.262
    M2         0.0265    0.0384
    M3         0.0176    0.0176  ← best
    M4         0.0274    0.0214

    Introduced in lesson 06.
    """
    xs, ys = _validate.positive_arrays(x=x, y=y)
    if isinstance(families, str):
        families = (families,)
    if not hasattr(families, "__iter__") or isinstance(families, dict):
        raise CourseValueError(f"families must be a list of family names such as "
                               f"[\"M1\", \"M4\"]; got {_validate._describe(families)}.")
    names = []
    for family in families:
        name = _family_name(family, _BACKTESTABLE)
        if name not in names:
            names.append(name)
    if not names:
        raise CourseValueError("families is empty; name at least one, e.g. families=[\"M4\"].")
    order = np.argsort(xs, kind="stable")
    mask = _held_out_mask(holdout, xs.size, order)
    n_fit = int(np.unique(xs[~mask]).size)
    needed = max(_N_PARAMETERS[name] for name in names)
    if not mask.any() or mask.all():
        raise CourseValueError(f"holdout must hold out at least one point and keep at least "
                               f"{needed} to fit; it holds out {int(mask.sum())} of {xs.size}.")
    if n_fit < needed:
        greedy = max(names, key=lambda name: _N_PARAMETERS[name])
        raise CourseValueError(
            f"holdout leaves {n_fit} points at different x to fit, but {greedy} has {needed} "
            f"parameters and needs at least {needed}; hold out fewer points or drop {greedy}.")
    from .broken import fit_broken_power_law

    fits, outside, inside, notes = {}, {}, {}, []
    for name in names:
        if name == "BNSL":
            fit = fit_broken_power_law(xs[~mask], ys[~mask], n_breaks=1, warn_now=False)
        else:
            fit = fit_family(xs[~mask], ys[~mask], name, warn_now=False)
        fits[name] = fit
        inside[name] = _rmse_log(fit.predict(xs[~mask]), ys[~mask])
        outside[name] = _rmse_log(fit.predict(xs[mask]), ys[mask])
        notes += [f"{name}: {note}" for note in fit.warnings]
    best = min(outside.values())
    # Ties go to the first family listed. M4 with α → 0 is M2, and where both fit the same curve
    # their scores differ only in the last digits an optimiser leaves, which change with the
    # BLAS kernel (up to ~1e-6 relative on the shipped curves): closer than TIE_TOLERANCE is a tie.
    winner = next(name for name in names if outside[name] <= best * (1 + TIE_TOLERANCE))
    return Backtest(tuple(names), fits, outside, inside, winner, xs, ys, mask, tuple(notes))
