"""Chinchilla's Approach 3: the Huber fit of ``L = E + A/N^α + B/D^β``, and its bootstrap."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, laws
from .._validate import CourseValueError
from .._warnings import warn
from ._results import FitResult

__all__ = ["ChinchillaFit", "fit_chinchilla", "ChinchillaBootstrap", "bootstrap_chinchilla",
           "chinchilla_objective"]


# =============================================================================================
# Chinchilla's Approach 3: a Huber fit of L = E + A/N^α + B/D^β on log-loss residuals
#
# Parameters are kept as θ = (e, a, b, α, β) with E = exp(e), A = exp(a), B = exp(b), and the
# prediction is written as a log-sum-exp, as Hoffmann et al. do (Appendix D.2, Eq. 11):
#     log L̂ = LSE(e, a − α log N, b − β log D).
# The engine fits many problems at once (several starting points, or thousands of bootstrap
# resamples). Its step is Gauss–Newton on the iteratively reweighted least-squares form of the
# Huber loss: with weights u = min(1, δ/|r|), Σ u r²/2 is a quadratic that touches the Huber loss
# at the current residuals and lies above it elsewhere (a majorize–minimize step). That map
# converges slowly on a nearly absolute-value loss such as δ = 10⁻³, so SQUAREM extrapolation
# accelerates it (``_squarem``). Everything is vectorised over the batch.

_NAMES = ("E", "A", "B", "alpha", "beta")


def _log_prediction(theta, log_n, log_d):
    """``log L̂`` and the shares of its three terms (``E/L̂, A·N^-α/L̂, B·D^-β/L̂``), per row.

    The terms are positive, so the log-sum-exp is computed as the log of their sum; only the two
    power terms need an exponential per run (``E`` is one number per row).
    """
    e = np.exp(theta[:, 0:1])
    model = np.exp(theta[:, 1:2] - theta[:, 3:4] * log_n)
    data = np.exp(theta[:, 2:3] - theta[:, 4:5] * log_d)
    total = e + model + data
    inverse = 1.0 / total
    return np.log(total), (e * inverse, model * inverse, data * inverse)


def _huber(r, delta):
    absolute = np.abs(r)
    return np.where(absolute <= delta, 0.5 * r**2, delta * (absolute - 0.5 * delta))


def _objectives(theta, counts, log_n, log_d, log_loss, delta):
    prediction, _ = _log_prediction(theta, log_n, log_d)
    return np.sum(counts * _huber(prediction - log_loss, delta), axis=1)


def _gradient(theta, log_n, log_d, log_loss, delta):
    """The gradient of the (summed) Huber objective in ``(e, a, b, α, β)`` at one point."""
    prediction, (share_e, share_a, share_b) = _log_prediction(theta[None], log_n, log_d)
    slope = np.clip(prediction[0] - log_loss, -delta, delta)       # Huber'(r)
    return np.array([np.sum(slope * share_e[0]), np.sum(slope * share_a[0]),
                     np.sum(slope * share_b[0]), -np.sum(slope * share_a[0] * log_n),
                     -np.sum(slope * share_b[0] * log_d)])


def _polish(theta, log_n, log_d, log_loss, delta):
    """Refine one point with L-BFGS-B on the exact objective and gradient; returns
    ``(theta, objective)``. The reweighted Gauss–Newton steps can stall where the loss surface
    is nearly flat in one direction (the floor ``E`` against the power terms): a step that does
    not lower the objective ends them, slope or no slope."""
    from scipy.optimize import minimize

    def value_and_gradient(point):
        with np.errstate(over="ignore", invalid="ignore"):
            value = _objectives(point[None], np.ones((1, log_n.size)), log_n, log_d, log_loss,
                                delta)[0]
            gradient = _gradient(point, log_n, log_d, log_loss, delta)
        if not (np.isfinite(value) and np.isfinite(gradient).all()):
            return np.inf, np.zeros(5)
        return value, gradient

    result = minimize(value_and_gradient, theta, jac=True, method="L-BFGS-B",
                      options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 2000})
    return result.x, float(result.fun)


#: The largest slope of the objective (any one parameter, in its own units) at which a fit
#: counts as converged; the stalled fits this guards against had slopes of about 0.03.
_SLOPE_TOLERANCE = 1e-5


def _normal_equations(shares, u, r, log_n, log_d):
    """``JᵀUJ`` and ``JᵀUr`` for the Jacobian of ``log L̂`` in ``(e, a, b, α, β)``.

    The Jacobian's columns are the shares ``s_E, s_A, s_B`` and ``−s_A log N, −s_B log D``. All
    rows are done in two batched matrix products (``(k, 5, n) @ (k, n, 5)``): a handful of numpy
    calls per step whatever the batch, which is what keeps a bootstrap of hundreds of refits fast.
    """
    s_e, s_a, s_b = shares
    k, n = u.shape
    jacobian = np.empty((k, 5, n))
    jacobian[:, 0], jacobian[:, 1], jacobian[:, 2] = s_e, s_a, s_b
    np.multiply(s_a, -log_n, out=jacobian[:, 3])
    np.multiply(s_b, -log_d, out=jacobian[:, 4])
    weighted = jacobian * u[:, None, :]
    gram = weighted @ np.swapaxes(jacobian, 1, 2)
    grad = (weighted @ r[:, :, None])[..., 0]
    return gram, grad


def _irls_map(theta, counts, log_n, log_d, log_loss, delta, cached=None):
    """One undamped reweighted Gauss–Newton step from each row (the map SQUAREM accelerates).

    ``cached`` may hold ``(prediction, shares)`` already computed at ``theta``.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        prediction, shares = cached if cached is not None else _log_prediction(theta, log_n, log_d)
        r = prediction - log_loss
        u = counts * np.minimum(1.0, delta / np.maximum(np.abs(r), 1e-300))
        gram, grad = _normal_equations(shares, u, r, log_n, log_d)
    scale = np.diagonal(gram, axis1=1, axis2=2) + 1e-12
    system = gram + (1e-9 * scale)[:, :, None] * np.eye(5)
    bad = ~np.isfinite(system).all(axis=(1, 2)) | ~np.isfinite(grad).all(axis=1)
    system[bad], grad[bad] = np.eye(5), 0.0
    return theta - np.linalg.solve(system, grad[..., None])[..., 0]


def _squarem(theta, counts, log_n, log_d, log_loss, delta, *, max_cycles=60, tol=1e-6):
    """Minimise the weighted Huber objective from each row, accelerating the reweighted
    Gauss–Newton map with SQUAREM (Varadhan & Roland 2008, Scand. J. Stat. 35(2)).

    A cycle takes two map steps, extrapolates along them, and takes one more step from there;
    the result is kept if it lowers the objective (else the plain two-step point, else nothing).
    Rows stop once a cycle moves no parameter by more than ``tol``, or no longer improves.
    ``log_n``, ``log_d`` and ``log_loss`` are either shared by all rows (1-D) or given per row
    (2-D, one row per problem). Returns ``(theta, objective, converged)``.
    """
    theta = np.array(theta, dtype=float)
    k = theta.shape[0]
    per_row = np.ndim(log_n) == 2
    data = (log_n, log_d, log_loss)
    prediction, shares = _log_prediction(theta, log_n, log_d)
    current = np.sum(counts * _huber(prediction - log_loss, delta), axis=1)
    converged = np.zeros(k, dtype=bool)
    active = np.arange(k)

    def evaluate(t, c, ln, ld, ll):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            pred, sh = _log_prediction(t, ln, ld)
            values = np.sum(c * _huber(pred - ll, delta), axis=1)
        return np.where(np.isfinite(values), values, np.inf), pred, sh

    for _ in range(max_cycles):
        if active.size == 0:
            break
        t0, c = theta[active], counts[active]
        ln, ld, ll = (x[active] for x in data) if per_row else data
        t1 = _irls_map(t0, c, ln, ld, ll, delta, cached=(prediction, shares))
        t2 = _irls_map(t1, c, ln, ld, ll, delta)
        r = t1 - t0
        v = t2 - t1 - r
        ratio = np.sum(r**2, axis=1) / np.maximum(np.sum(v**2, axis=1), 1e-300)
        step = np.minimum(-np.sqrt(ratio), -1.0)
        extrapolated = t0 - 2 * step[:, None] * r + (step**2)[:, None] * v
        t3 = _irls_map(extrapolated, c, ln, ld, ll, delta)
        obj, pred, sh = evaluate(t3, c, ln, ld, ll)
        fallback = ~(obj < current[active])
        if fallback.any():  # the extrapolation overshot: try the plain two-step point
            sub = (x[fallback] for x in (ln, ld, ll)) if per_row else (ln, ld, ll)
            obj2, pred2, sh2 = evaluate(t2[fallback], c[fallback], *sub)
            t3[fallback], obj[fallback], pred[fallback] = t2[fallback], obj2, pred2
            for old, new in zip(sh, sh2):
                old[fallback] = new
        better = obj < current[active]
        moved = np.max(np.abs(t3 - t0), axis=1)
        theta[active[better]] = t3[better]
        current[active[better]] = obj[better]
        done = (better & (moved < tol)) | ~better
        converged[active[done]] = True
        keep = ~done
        active = active[keep]
        prediction = np.where(better[:, None], pred, prediction)[keep]
        shares = tuple(np.where(better[:, None], new, old)[keep] for new, old in zip(sh, shares))
    return theta, current, converged


def _check_sweep(n_params, n_tokens, loss):
    n, d, losses = _validate.positive_arrays(n_params=n_params, n_tokens=n_tokens, loss=loss)
    if n.size < 6:
        raise CourseValueError(f"Fitting five parameters needs more than five runs; got {n.size}.")
    if np.unique(n).size < 2 or np.unique(d).size < 2:
        raise CourseValueError(
            f"The runs must differ in both model size and tokens to separate the A/N^α and B/D^β "
            f"terms; got {np.unique(n).size} model size(s) and {np.unique(d).size} token "
            f"count(s) in {n.size} runs.")
    return np.log(n), np.log(d), np.log(losses)


def _profile_starts(log_n, log_d, log_loss, delta, count):
    """Starting points from a grid of (α, β): for each pair, E, A, B solve a weighted linear
    least-squares problem (L ≈ E + A·N^-α + B·D^-β with relative weights); keep the best."""
    alphas = np.linspace(0.05, 1.5, 30)
    betas = np.linspace(0.05, 1.5, 30)
    grid_a, grid_b = (g.ravel() for g in np.meshgrid(alphas, betas))
    loss = np.exp(log_loss)
    x = np.exp(-grid_a[:, None] * log_n)  # (pairs, n)
    y = np.exp(-grid_b[:, None] * log_d)
    ones = np.ones_like(x)
    design = np.stack([ones, x, y], axis=-1) / loss[:, None]  # relative residuals
    target = np.broadcast_to(np.ones_like(loss), x.shape)
    gram = np.einsum("pni,pnj->pij", design, design) + 1e-12 * np.eye(3)
    rhs = np.einsum("pni,pn->pi", design, target)
    coef = np.linalg.solve(gram, rhs[..., None])[..., 0]
    floor = 1e-6 * loss.min()
    coef = np.maximum(coef, floor)
    theta = np.column_stack([np.log(coef), grid_a, grid_b])
    objective = _objectives(theta, np.ones((theta.shape[0], log_n.size)), log_n, log_d, log_loss,
                            delta)
    return theta[np.argsort(objective)[:count]]


_NO_INTERVALS = (
    "fit_chinchilla's Huber fit has no standard errors of its own: the Huber loss is not a "
    "likelihood, so its curvature gives no covariance (and Hoffmann et al. give none). For "
    "intervals, bootstrap the runs: fitting.bootstrap_chinchilla(n_params, n_tokens, loss, "
    "fit=fit).conf_int(level), or its .interval(name, level).")
_DERIVED = "a = beta/(alpha + beta), the exponent of N_opt ∝ C^a, is derived from alpha and beta"


@dataclass(frozen=True)
class ChinchillaFit(FitResult):
    r"""The result of :func:`fit_chinchilla`: the fitted ``L = E + A/N^α + B/D^β``.

    Its reporting interface (:class:`FitResult`) names the parameters ``"E"``, ``"A"``,
    ``"B"``, ``"alpha"``, ``"beta"`` and the derived ``"a"`` :math:`= \beta/(\alpha+\beta)`, the
    exponent of :math:`N_\text{opt} \propto C^a` (Hoffmann et al. 2022, Eq. 4). A Huber fit has
    no standard errors of its own: ``stderr`` holds NaN, and :meth:`conf_int` raises a
    :class:`~scaling_utils.CourseValueError` that points to :func:`bootstrap_chinchilla`, whose
    result has the same interface with bootstrap errors and intervals.

    Attributes
    ----------
    law : laws.ChinchillaLaw
        The fitted law.
    objective : float
        The Huber loss summed over the runs, on residuals ``log L̂ − log L``.
    converged : bool
        Whether the iteration met its stopping rule.
    n_points : int
        How many runs were fitted.
    delta : float
        The Huber threshold.
    theta : numpy.ndarray
        The raw parameters ``(ln E, ln A, ln B, α, β)``.
    warnings : tuple of str
        Why the fit should not be trusted as it stands, if anything.
    rmse_log : float
        The root mean square of ``ln L̂ − ln L`` over the runs: the yardstick on which
        :func:`fit_kaplan_law`'s joint form and this additive one compare (lesson 06).

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, references, simulate
    >>> study = simulate.isoflop_sweep(references.BESIROGLU_2024, np.geomspace(1e18, 1e21, 6), 8,
    ...                                noise=0.01, seed=0)
    >>> fit = fitting.fit_chinchilla(study.n_params, study.n_tokens, study.loss)
    >>> print(fit)
    L(N, D) = 1.891 + 641.1/N^0.367 + 3124/D^0.3869   a = 0.5132; Huber fit (δ = 0.001) on 48 runs
    >>> print(fit.summary())
    fit_chinchilla: L = E + A/N^alpha + B/D^beta by a Huber fit (δ = 0.001) on 48 runs
    parameter   value  std. error  95% interval
    E           1.891           —  —
    A           641.1           —  —
    B            3124           —  —
    alpha       0.367           —  —
    beta       0.3869           —  —
    a          0.5132           —  —
    note: fit_chinchilla's Huber fit has no standard errors of its own: the Huber loss is not a
          likelihood, so its curvature gives no covariance (and Hoffmann et al. give none). For
          intervals, bootstrap the runs:
          fitting.bootstrap_chinchilla(n_params, n_tokens, loss, fit=fit).conf_int(level), or
          its .interval(name, level).
    note: a = beta/(alpha + beta), the exponent of N_opt ∝ C^a, is derived from alpha and beta

    Introduced in lesson 04.
    """

    law: laws.ChinchillaLaw
    objective: float
    converged: bool
    n_points: int
    delta: float
    theta: np.ndarray = field(repr=False)
    warnings: tuple = ()
    rmse_log: float = float("nan")

    # --- the reporting interface (FitResult) ---------------------------------------------------

    def _estimates(self) -> dict:
        law = self.law
        return {"E": law.E, "A": law.A, "B": law.B, "alpha": law.alpha, "beta": law.beta,
                "a": law.a}

    def _no_intervals(self) -> str:
        return _NO_INTERVALS

    def _summary_title(self) -> str:
        state = "" if self.converged else ", did not converge"
        return (f"fit_chinchilla: L = E + A/N^alpha + B/D^beta by a Huber fit (δ = {self.delta:g}) "
                f"on {self.n_points} runs{state}")

    def _summary_notes(self) -> list:
        return [_DERIVED]

    def __str__(self) -> str:
        state = "" if self.converged else ", did not converge"
        return (f"{self.law}   a = {self.law.a:.4f}; Huber fit (δ = {self.delta:g}) on "
                f"{self.n_points} runs{state}")


def fit_chinchilla(n_params, n_tokens, loss, *, delta=1e-3, starts=None, n_starts=32,
                   max_iter=300, warn_now=True) -> ChinchillaFit:
    r"""Fit ``L = E + A/N^α + B/D^β`` as Hoffmann et al. (2022) do in their Approach 3.

    Hoffmann et al. (2022), "Training Compute-Optimal Large Language Models",
    arXiv:2203.15556, §3.3, Eq. 3 and Appendix D.2: minimise

    .. math:: \sum_i \mathrm{Huber}_\delta\bigl(\mathrm{LSE}(e,\ a - \alpha \ln N_i,\
              b - \beta \ln D_i) - \ln L_i\bigr)

    over :math:`E = e^e,\ A = e^a,\ B = e^b,\ \alpha,\ \beta`, where LSE is the log-sum-exp, so
    that the model's log-loss is compared with the measured one and the Huber loss (quadratic
    below ``delta``, linear above) lets outlying runs count less. Summed, not averaged:
    averaging scales the objective down by the number of runs, which made the original
    optimiser stop early (Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt",
    arXiv:2404.10102, §3).

    The objective has several local minima, so the search starts from many points. By default
    the starts come from a 30 × 30 grid of (α, β), each with ``E, A, B`` solved by weighted
    linear least squares, keeping the ``n_starts`` best; ``starts`` (an array of ``(e, a, b, α,
    β)`` rows, such as Hoffmann's grid in :data:`scaling_utils.references.HOFFMANN_2022_INIT_GRID`)
    replaces them. All starts are refined together by Gauss–Newton steps on the reweighted
    least-squares form of the Huber loss (weights :math:`\min(1, \delta/|r|)`, a
    majorize–minimize step), accelerated by SQUAREM (Varadhan & Roland 2008); the best wins.

    Parameters
    ----------
    n_params : array_like
        The model size of each run (> 0).
    n_tokens : array_like
        The training tokens of each run (> 0).
    loss : array_like
        The final loss of each run (> 0).
    delta : float, default 1e-3
        The Huber threshold, on residuals of log-loss (Hoffmann et al. use 10⁻³).
    starts : array_like, optional
        Rows of five finite numbers ``(e, a, b, α, β)`` to start from, instead of the grid.
    n_starts : int, default 32
        How many of the grid's best points to start from.
    max_iter : int, default 300
        The most SQUAREM cycles per start.
    warn_now : bool, default True
        Issue the fit's warnings as :class:`FitWarning`; with False they are only kept in
        ``.warnings`` (for code that runs in a background thread, where
        ``warnings.catch_warnings`` is not safe).

    Returns
    -------
    ChinchillaFit
        The fitted law, its objective, and the reporting interface (``params``, ``summary``;
        for intervals, :func:`bootstrap_chinchilla`).

    Warns
    -----
    FitWarning
        When the best start did not converge, or when an exponent lands outside (0.01, 2.5),
        the range any published fit lies in.

    Raises
    ------
    CourseValueError
        If the three arrays differ in length, are not flat, or hold a value ≤ 0, NaN or inf; if
        there are five runs or fewer (five parameters); if the runs do not vary both model size
        and tokens; if ``starts`` is not rows of five finite numbers; if ``delta``, ``n_starts``
        or ``max_iter`` is not positive.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, references, simulate
    >>> truth = references.BESIROGLU_2024
    >>> study = simulate.isoflop_sweep(truth, np.geomspace(1e18, 1e21, 6), 8, noise=0.01, seed=0)
    >>> fit = fitting.fit_chinchilla(study.n_params, study.n_tokens, study.loss)
    >>> p = fit.params
    >>> print(f"alpha {p['alpha']:.3f}, beta {p['beta']:.3f}, a {p['a']:.3f}  (truth {truth.a:.3f})")
    alpha 0.367, beta 0.387, a 0.513  (truth 0.513)

    Introduced in lesson 04.
    """
    log_n, log_d, log_loss = _check_sweep(n_params, n_tokens, loss)
    delta = _validate.positive_float(delta, "delta")
    max_iter = _validate.positive_int(max_iter, "max_iter")
    if starts is None:
        starts = _profile_starts(log_n, log_d, log_loss, delta,
                                 _validate.positive_int(n_starts, "n_starts"))
    else:
        try:
            rows = np.asarray(starts, dtype=float)
        except (TypeError, ValueError):
            rows = None
        if rows is None or rows.ndim != 2 or rows.shape[1] != 5:
            got = f"shape {rows.shape}" if rows is not None else _validate._describe(starts)
            raise CourseValueError(f"starts must be rows of five numbers (e, a, b, alpha, beta), "
                                   f"e.g. [[0.5, 6.0, 6.0, 0.3, 0.3]]; got {got}.")
        if not np.isfinite(rows).all():
            raise CourseValueError("starts contains NaN or an infinite value; every start must be "
                                   "five finite numbers (e, a, b, alpha, beta).")
        starts = rows
    counts = np.ones((starts.shape[0], log_n.size))
    theta, objective, converged = _squarem(starts, counts, log_n, log_d, log_loss, delta,
                                           max_cycles=max_iter, tol=1e-10)
    best = int(np.nanargmin(objective))
    point, value = theta[best].copy(), float(objective[best])
    done = bool(converged[best])
    slope = np.max(np.abs(_gradient(point, log_n, log_d, log_loss, delta)))
    if slope > _SLOPE_TOLERANCE:
        polished, polished_value = _polish(point, log_n, log_d, log_loss, delta)
        if polished_value < value:
            point, value = polished, polished_value
        slope = np.max(np.abs(_gradient(point, log_n, log_d, log_loss, delta)))
        done = bool(slope <= _SLOPE_TOLERANCE)
    e, a, b, alpha, beta = point
    notes = []
    if not done:
        notes.append(f"the optimiser stopped where the objective still slopes (largest slope "
                     f"{slope:.2g}); the constants may be far from the best fit")
    if not (0.01 < alpha < 2.5 and 0.01 < beta < 2.5):
        notes.append(f"an exponent landed at the edge of any plausible range (α = {alpha:.3g}, "
                     f"β = {beta:.3g}): the runs may not cover enough model sizes and token "
                     f"counts to separate the two terms")
    for note in notes if warn_now else ():
        warn(f"fit_chinchilla: {note}.")
    law = laws.ChinchillaLaw(float(np.exp(e)), float(np.exp(a)), float(np.exp(b)),
                             float(max(alpha, 1e-12)), float(max(beta, 1e-12)))
    prediction, _ = _log_prediction(point[None], log_n, log_d)
    rmse = float(np.sqrt(np.mean((prediction[0] - log_loss) ** 2)))
    return ChinchillaFit(law, value, done, log_n.size, delta, point, tuple(notes), rmse)


@dataclass(frozen=True)
class ChinchillaBootstrap(FitResult):
    r"""Bootstrap estimates of a Chinchilla fit: one fitted law per resample of the runs.

    Efron's nonparametric bootstrap (Efron & Tibshirani 1993, *An Introduction to the
    Bootstrap*, ch. 6 and 13), as Besiroglu et al. (2024, arXiv:2404.10102, §4) use it to put
    intervals on Hoffmann et al.'s parameters. The reporting interface (:class:`FitResult`)
    gives, for ``"E"``, ``"A"``, ``"B"``, ``"alpha"``, ``"beta"`` and ``"a"`` (= β/(α+β)):
    ``params``, the full-data fit's values; ``stderr``, the standard deviation of the
    resamples' estimates; ``conf_int(level)``, the percentile intervals (the
    :math:`(1-\text{level})/2` and :math:`(1+\text{level})/2` quantiles of the resamples'
    estimates), the same as :meth:`interval`.

    Attributes
    ----------
    fit : ChinchillaFit
        The full-data fit every resample started from.
    samples : dict
        ``samples[name]`` holds the resamples' estimates of ``"E"``, ``"A"``, ``"B"``,
        ``"alpha"``, ``"beta"`` and ``"a"`` (an array each).
    converged_fraction : float
        The share of resamples whose iteration met its stopping rule.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, references, simulate
    >>> study = simulate.isoflop_sweep(references.BESIROGLU_2024, np.geomspace(1e18, 1e21, 6), 8,
    ...                                noise=0.01, seed=0)
    >>> boot = fitting.bootstrap_chinchilla(study.n_params, study.n_tokens, study.loss,
    ...                                     n_resamples=500, seed=0)
    >>> print(boot)
    500 bootstrap resamples of 48 runs: a = 0.5132, 95% interval [0.4781, 0.5423]
    >>> print(boot.summary())
    bootstrap_chinchilla: 500 resamples of 48 runs, each refitted (100% converged)
    parameter   value  std. error  95% interval
    E           1.891     0.03674  [   1.8,  1.944]
    A           641.1       157.6  [ 385.4,  999.6]
    B            3124        1083  [  1320,   6019]
    alpha       0.367     0.01479  [0.3348, 0.3934]
    beta       0.3869     0.01837  [0.3436, 0.4197]
    a          0.5132     0.01536  [0.4781, 0.5423]
    note: values are the full-data fit's; standard errors are the standard deviations of the
          resamples' estimates; intervals are their percentiles
    note: a = beta/(alpha + beta), the exponent of N_opt ∝ C^a, is derived from alpha and beta
    >>> boot.conf_int(0.8)["a"] == boot.interval("a", 0.8)
    True

    Introduced in lesson 05.
    """

    fit: ChinchillaFit
    samples: dict = field(repr=False)
    converged_fraction: float

    def interval(self, name: str, level: float = 0.95) -> tuple[float, float]:
        """The percentile interval of ``name`` holding ``level`` of the resamples.

        Parameters
        ----------
        name : {"E", "A", "B", "alpha", "beta", "a"}
            The parameter.
        level : float, default 0.95
            The share of resamples inside the interval, in (0, 1).

        Returns
        -------
        (low, high) : tuple of float
            The ``(1 − level)/2`` and ``(1 + level)/2`` quantiles of the estimates.

        Raises
        ------
        CourseValueError
            If ``name`` is not one of the six, or ``level`` is not in (0, 1).

        Examples
        --------
        >>> import numpy as np
        >>> from scaling_utils import fitting, references, simulate
        >>> study = simulate.isoflop_sweep(references.BESIROGLU_2024, np.geomspace(1e18, 1e21, 6),
        ...                                8, noise=0.01, seed=0)
        >>> boot = fitting.bootstrap_chinchilla(study.n_params, study.n_tokens, study.loss,
        ...                                     n_resamples=500, seed=0)
        >>> low, high = boot.interval("a", 0.8)
        >>> print(f"80% of the resamples put a in [{low:.3f}, {high:.3f}]")
        80% of the resamples put a in [0.494, 0.532]

        Introduced in lesson 05.
        """
        if not isinstance(name, str) or name not in self.samples:
            raise CourseValueError(f"name must be one of {', '.join(self.samples)}; got {name!r}.")
        level = _validate.fraction(level, "level")
        low, high = np.quantile(self.samples[name], [0.5 - level / 2, 0.5 + level / 2])
        return float(low), float(high)

    def laws(self):
        """Each resample's fitted law (for fans of predictions).

        Returns
        -------
        list of ChinchillaLaw
            One law per resample, in the order of ``samples``.

        Examples
        --------
        >>> import numpy as np
        >>> from scaling_utils import fitting, references, simulate
        >>> study = simulate.isoflop_sweep(references.BESIROGLU_2024, np.geomspace(1e18, 1e21, 4),
        ...                                6, noise=0.01, seed=0)
        >>> boot = fitting.bootstrap_chinchilla(study.n_params, study.n_tokens, study.loss,
        ...                                     n_resamples=20, seed=0)
        >>> len(boot.laws()), type(boot.laws()[0]).__name__
        (20, 'ChinchillaLaw')

        Introduced in lesson 05.
        """
        s = self.samples
        return [laws.ChinchillaLaw(*(float(s[k][i]) for k in _NAMES))
                for i in range(len(s["E"]))]

    # --- the reporting interface (FitResult) ---------------------------------------------------

    def _estimates(self) -> dict:
        return self.fit.params

    def _standard_errors(self) -> dict:
        return {name: float(np.std(self.samples[name], ddof=1)) for name in self._estimates()}

    def _intervals(self, level: float) -> dict:
        return {name: self.interval(name, level) for name in self._estimates()}

    def _summary_title(self) -> str:
        return (f"bootstrap_chinchilla: {len(self.samples['E'])} resamples of {self.fit.n_points} "
                f"runs, each refitted ({self.converged_fraction:.0%} converged)")

    def _summary_notes(self) -> list:
        return ["values are the full-data fit's; standard errors are the standard deviations "
                "of the resamples' estimates; intervals are their percentiles", _DERIVED]

    def __str__(self) -> str:
        low, high = self.interval("a")
        return (f"{len(self.samples['E'])} bootstrap resamples of {self.fit.n_points} runs: "
                f"a = {self.fit.law.a:.4f}, 95% interval [{low:.4f}, {high:.4f}]")


def bootstrap_chinchilla(n_params, n_tokens, loss, *, n_resamples=4000, seed=0, delta=1e-3,
                         fit=None, max_iter=100, tol=1e-6, warn_now=True) -> ChinchillaBootstrap:
    r"""Resample the runs with replacement and refit, ``n_resamples`` times (Efron's bootstrap).

    Efron's nonparametric bootstrap (Efron & Tibshirani 1993, *An Introduction to the
    Bootstrap*): draw ``n`` of the ``n`` runs with replacement, refit, repeat; the spread of
    the refits stands in for the spread of fits over repeated studies. Besiroglu et al. (2024,
    "Chinchilla Scaling: A replication attempt", arXiv:2404.10102, §4) bootstrap Hoffmann et
    al.'s Approach 3 this way. Each resample is the objective of :func:`fit_chinchilla` with
    every run weighted by how often it was drawn (the multinomial counts); all resamples start
    from the full-data fit and are refined together in one vectorised iteration (reweighted
    Gauss–Newton steps, accelerated by SQUAREM; at most ``max_iter`` cycles). Seeded: the same
    arguments give the same intervals.

    Parameters
    ----------
    n_params, n_tokens, loss : array_like
        The runs, as for :func:`fit_chinchilla`.
    n_resamples : int, default 4000
        How many resamples (at least 10).
    seed : int, default 0
        Seed of the resampling.
    delta : float, default 1e-3
        The Huber threshold.
    fit : ChinchillaFit, optional
        The full-data fit of these runs (computed when not given).
    max_iter : int, default 100
        The most SQUAREM cycles per resample.
    warn_now : bool, default True
        Issue the warning about resamples that did not converge; with False, read
        ``converged_fraction`` instead.
    tol : float, default 1e-6
        A resample has converged when a cycle moves none of its parameters ``(log E, log A,
        log B, α, β)`` by more than ``tol``. Percentile intervals printed to 3–4 digits are
        the same at ``1e-4``, which takes about half the time (lesson 05's dashboard uses it).

    Returns
    -------
    ChinchillaBootstrap
        The resamples' estimates, with ``params``, ``stderr``, ``conf_int`` (percentile
        intervals), ``summary`` and ``interval(name, level)``.

    Warns
    -----
    FitWarning
        When more than 1% of the resamples did not converge (their estimates are kept as they
        stood), and any warning of the full-data fit.

    Raises
    ------
    CourseValueError
        For bad runs (as :func:`fit_chinchilla`); if ``n_resamples`` is not a whole number ≥ 10;
        if ``seed`` is not a whole number ≥ 0; if ``fit`` is not a ChinchillaFit of as many
        runs.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, references, simulate
    >>> truth = references.BESIROGLU_2024
    >>> study = simulate.isoflop_sweep(truth, np.geomspace(1e18, 1e21, 6), 8, noise=0.01, seed=0)
    >>> boot = fitting.bootstrap_chinchilla(study.n_params, study.n_tokens, study.loss,
    ...                                     n_resamples=500, seed=0)
    >>> low, high = boot.conf_int(0.95)["a"]
    >>> print(f"a = {boot.params['a']:.3f} ± {boot.stderr['a']:.3f}, 95% [{low:.3f}, {high:.3f}]")
    a = 0.513 ± 0.015, 95% [0.478, 0.542]

    Introduced in lesson 05.
    """
    log_n, log_d, log_loss = _check_sweep(n_params, n_tokens, loss)
    k = _validate.positive_int(n_resamples, "n_resamples", minimum=10)
    rng = np.random.default_rng(_validate.seed_value(seed))
    delta = _validate.positive_float(delta, "delta")
    max_iter = _validate.positive_int(max_iter, "max_iter")
    if fit is None:
        fit = fit_chinchilla(n_params, n_tokens, loss, delta=delta)
    elif not isinstance(fit, ChinchillaFit) or fit.n_points != log_n.size:
        got = (f"a fit of {fit.n_points} runs" if isinstance(fit, ChinchillaFit)
               else type(fit).__name__)
        raise CourseValueError(f"fit must be the fit_chinchilla result of these {log_n.size} "
                               f"runs (or None, to fit them here); got {got}.")
    n = log_n.size
    counts = rng.multinomial(n, np.full(n, 1.0 / n), size=k).astype(float)
    # About a third of each resample's runs are not drawn at all: keep only the drawn ones, each
    # row padded (with weight 0) to the longest, so every array is (resamples, drawn runs).
    order = np.argsort(counts == 0, axis=1, kind="stable")[:, : int((counts > 0).sum(1).max())]
    theta, _, converged = _squarem(np.repeat(fit.theta[None], k, axis=0),
                                   np.take_along_axis(counts, order, axis=1), log_n[order],
                                   log_d[order], log_loss[order], delta, max_cycles=max_iter,
                                   tol=_validate.positive_float(tol, "tol"))
    samples = {"E": np.exp(theta[:, 0]), "A": np.exp(theta[:, 1]), "B": np.exp(theta[:, 2]),
               "alpha": theta[:, 3], "beta": theta[:, 4]}
    samples["a"] = samples["beta"] / (samples["alpha"] + samples["beta"])
    fraction = float(converged.mean())
    if fraction < 0.99 and warn_now:
        warn(f"bootstrap_chinchilla: {1 - fraction:.1%} of the resamples did not converge "
             f"within {max_iter} iterations; their estimates are kept as they stood.")
    return ChinchillaBootstrap(fit, samples, fraction)


def chinchilla_objective(law, n_params, n_tokens, loss, *, delta=1e-3, mean=False) -> float:
    r"""The Huber objective of a law on a sweep: ``Σ Huber_δ(log L̂ − log L)`` (or its mean).

    The objective :func:`fit_chinchilla` minimises (Hoffmann et al. 2022, arXiv:2203.15556,
    Eq. 3), evaluated at a given law: :math:`\sum_i \mathrm{Huber}_\delta(\ln \hat L(N_i, D_i)
    - \ln L_i)` with :math:`\mathrm{Huber}_\delta(r) = r^2/2` for :math:`|r| \le \delta` and
    :math:`\delta(|r| - \delta/2)` beyond. ``mean=True`` divides by the number of runs, as
    Besiroglu et al. (2024) infer the original fit did from its "poor choice of loss scale";
    the optimum is the same, but the objective and its gradient are smaller by that factor, which can make an optimiser's stopping tolerances fire early
    (Besiroglu et al. 2024, arXiv:2404.10102, §3).

    Parameters
    ----------
    law : laws.ChinchillaLaw or sequence of 5 floats
        The law to evaluate, or its log-space parameters ``θ = (log E, log A, log B, α, β)``
        as :func:`fit_chinchilla` and an optimiser see them (any finite values: an optimiser's
        trial step may take α or β through zero, which no law allows).
    n_params, n_tokens, loss : array_like
        The runs, as for :func:`fit_chinchilla`.
    delta : float, default 1e-3
        The Huber threshold.
    mean : bool, default False
        Average over the runs instead of summing.

    Returns
    -------
    float

    Raises
    ------
    CourseValueError
        If ``law`` is neither a ChinchillaLaw nor five finite numbers, or for bad runs (as
        :func:`fit_chinchilla`).

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, references, simulate
    >>> truth = references.BESIROGLU_2024
    >>> study = simulate.isoflop_sweep(truth, np.geomspace(1e18, 1e21, 6), 8, noise=0.01, seed=0)
    >>> total = fitting.chinchilla_objective(truth, study.n_params, study.n_tokens, study.loss)
    >>> average = fitting.chinchilla_objective(truth, study.n_params, study.n_tokens, study.loss,
    ...                                        mean=True)
    >>> print(f"{total:.3e}, {average:.3e} = {total:.3e} / {len(study)}")
    3.154e-04, 6.570e-06 = 3.154e-04 / 48

    Introduced in lesson 05.
    """
    if isinstance(law, laws.ChinchillaLaw):
        theta = np.array([[np.log(law.E) if law.E > 0 else -50.0, np.log(law.A), np.log(law.B),
                           law.alpha, law.beta]])
    else:
        try:
            theta = np.asarray(law, dtype=float).reshape(1, -1)
        except (TypeError, ValueError):
            theta = np.empty((1, 0))
        if theta.shape != (1, 5) or not np.isfinite(theta).all():
            raise CourseValueError(
                f"law must be a laws.ChinchillaLaw or five finite numbers (log E, log A, log B, "
                f"alpha, beta); got {type(law).__name__} {law!r:.60}.")
    log_n, log_d, log_loss = _check_sweep(n_params, n_tokens, loss)
    total = float(_objectives(theta, np.ones((1, log_n.size)), log_n, log_d, log_loss,
                              _validate.positive_float(delta, "delta"))[0])
    return total / log_n.size if mean else total
