"""Chinchilla's Approach 3: the Huber fit of ``L = E + A/N^α + B/D^β``, and its bootstrap."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, laws
from .._warnings import warn

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


def _normal_equations(shares, u, r, log_n, log_d):
    """``JᵀUJ`` and ``JᵀUr`` for the Jacobian of ``log L̂`` in ``(e, a, b, α, β)``.

    The Jacobian's columns are the shares ``s_E, s_A, s_B`` and ``−s_A log N, −s_B log D``; the
    5 × 5 products are formed column by column, without building the Jacobian.
    """
    s_e, s_a, s_b = shares
    columns = (s_e, s_a, s_b, -s_a * log_n, -s_b * log_d)
    weighted = [u * c for c in columns]
    k = u.shape[0]
    gram = np.empty((k, 5, 5))
    for i in range(5):
        for j in range(i, 5):
            gram[:, i, j] = gram[:, j, i] = np.einsum("kn,kn->k", weighted[i], columns[j])
    grad = np.stack([np.einsum("kn,kn->k", w, r) for w in weighted], axis=1)
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
    n = _validate.positive_array(n_params, "n_params")
    d = _validate.positive_array(n_tokens, "n_tokens")
    losses = _validate.positive_array(loss, "loss")
    if not (n.ndim == d.ndim == losses.ndim == 1):
        raise ValueError("n_params, n_tokens and loss must be flat lists of numbers.")
    if not (n.size == d.size == losses.size):
        raise ValueError(f"n_params, n_tokens and loss need the same length; got {n.size}, "
                         f"{d.size} and {losses.size}.")
    if n.size < 6:
        raise ValueError(f"Fitting five parameters needs more than five runs; got {n.size}.")
    if np.unique(n).size < 2 or np.unique(d).size < 2:
        raise ValueError("The runs must differ in both model size and tokens to separate the "
                         "A/N^α and B/D^β terms.")
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


@dataclass(frozen=True)
class ChinchillaFit:
    """The result of :func:`fit_chinchilla`.

    ``law`` is the fitted :class:`~scaling_utils.laws.ChinchillaLaw`; ``objective`` the Huber loss
    summed over the runs (on residuals ``log L̂ − log L``); ``converged`` whether the iteration
    met its stopping rule; ``theta`` the raw parameters ``(e, a, b, α, β)``.
    """

    law: laws.ChinchillaLaw
    objective: float
    converged: bool
    n_points: int
    delta: float
    theta: np.ndarray = field(repr=False)
    warnings: tuple = ()


def fit_chinchilla(n_params, n_tokens, loss, *, delta=1e-3, starts=None, n_starts=32,
                   max_iter=300) -> ChinchillaFit:
    r"""Fit ``L = E + A/N^α + B/D^β`` as Hoffmann et al. (2022) do in their Approach 3.

    Objective (their Eq. 3 and Appendix D.2): the Huber loss with threshold ``delta`` summed over
    runs, on the residuals ``LSE(e, a − α log N, b − β log D) − log L`` with ``E = eᵉ``,
    ``A = eᵃ``, ``B = eᵇ``. Summed, not averaged: averaging scales the objective down by the
    number of runs, which made the original optimiser stop early (Besiroglu et al. 2024).

    The objective has several local minima, so the search starts from many points. By default
    the starts come from a 30 × 30 grid of (α, β), each with ``E, A, B`` solved by weighted
    linear least squares, keeping the ``n_starts`` best; ``starts`` (an array of ``(e, a, b, α,
    β)`` rows, such as Hoffmann's grid in :data:`scaling_utils.references.HOFFMANN_2022_INIT_GRID`)
    replaces them. All starts are refined together by Gauss–Newton steps on the reweighted
    least-squares form of the Huber loss, accelerated by SQUAREM (see ``_squarem``).

    Warns (:class:`FitWarning`) when the best start did not converge, or when an exponent lands
    outside (0.01, 2.5), the range any published fit lies in.
    """
    log_n, log_d, log_loss = _check_sweep(n_params, n_tokens, loss)
    delta = _validate.positive_float(delta, "delta")
    if starts is None:
        starts = _profile_starts(log_n, log_d, log_loss, delta,
                                 _validate.positive_int(n_starts, "n_starts"))
    else:
        starts = np.asarray(starts, dtype=float)
        if starts.ndim != 2 or starts.shape[1] != 5 or not np.isfinite(starts).all():
            raise ValueError("starts must be rows of five finite numbers (e, a, b, alpha, beta).")
    counts = np.ones((starts.shape[0], log_n.size))
    theta, objective, converged = _squarem(starts, counts, log_n, log_d, log_loss, delta,
                                           max_cycles=max_iter, tol=1e-10)
    best = int(np.nanargmin(objective))
    e, a, b, alpha, beta = theta[best]
    notes = []
    if not converged[best]:
        notes.append(f"the best start did not converge within {max_iter} iterations")
    if not (0.01 < alpha < 2.5 and 0.01 < beta < 2.5):
        notes.append(f"an exponent landed at the edge of any plausible range (α = {alpha:.3g}, "
                     f"β = {beta:.3g}): the runs may not cover enough model sizes and token "
                     f"counts to separate the two terms")
    for note in notes:
        warn(f"fit_chinchilla: {note}.")
    law = laws.ChinchillaLaw(float(np.exp(e)), float(np.exp(a)), float(np.exp(b)),
                             float(max(alpha, 1e-12)), float(max(beta, 1e-12)))
    return ChinchillaFit(law, float(objective[best]), bool(converged[best]), log_n.size, delta,
                         theta[best].copy(), tuple(notes))


@dataclass(frozen=True)
class ChinchillaBootstrap:
    """Bootstrap estimates of a Chinchilla fit: one fitted law per resample of the runs.

    ``samples[name]`` holds the estimates of ``"E"``, ``"A"``, ``"B"``, ``"alpha"``, ``"beta"``
    and ``"a"`` (= β/(α+β), the exponent of ``N_opt ∝ C^a``).
    """

    fit: ChinchillaFit
    samples: dict = field(repr=False)
    converged_fraction: float

    def interval(self, name: str, level: float = 0.95) -> tuple[float, float]:
        """The percentile interval of ``name`` holding ``level`` of the resamples."""
        if name not in self.samples:
            raise ValueError(f"name must be one of {', '.join(self.samples)}; got {name!r}.")
        level = _validate.fraction(level, "level")
        low, high = np.quantile(self.samples[name], [0.5 - level / 2, 0.5 + level / 2])
        return float(low), float(high)

    def laws(self):
        """Each resample's fitted law (for fans of predictions)."""
        s = self.samples
        return [laws.ChinchillaLaw(*(float(s[k][i]) for k in _NAMES))
                for i in range(len(s["E"]))]


def bootstrap_chinchilla(n_params, n_tokens, loss, *, n_resamples=4000, seed=0, delta=1e-3,
                         fit=None, max_iter=100) -> ChinchillaBootstrap:
    r"""Resample the runs with replacement and refit, ``n_resamples`` times (Efron's bootstrap).

    Each resample is the same objective as :func:`fit_chinchilla` with every run weighted by how
    often it was drawn; all resamples start from the full-data fit and are refined together in
    one vectorised iteration (reweighted Gauss–Newton steps, accelerated by SQUAREM; at most
    ``max_iter`` cycles). Intervals from :meth:`ChinchillaBootstrap.interval` are percentile
    intervals. Seeded: the same arguments give the same intervals.
    """
    log_n, log_d, log_loss = _check_sweep(n_params, n_tokens, loss)
    k = _validate.positive_int(n_resamples, "n_resamples", minimum=10)
    rng = np.random.default_rng(_validate.seed_value(seed))
    if fit is None:
        fit = fit_chinchilla(n_params, n_tokens, loss, delta=delta)
    n = log_n.size
    counts = rng.multinomial(n, np.full(n, 1.0 / n), size=k).astype(float)
    # About a third of each resample's runs are not drawn at all: keep only the drawn ones, each
    # row padded (with weight 0) to the longest, so every array is (resamples, drawn runs).
    order = np.argsort(counts == 0, axis=1, kind="stable")[:, : int((counts > 0).sum(1).max())]
    theta, _, converged = _squarem(np.repeat(fit.theta[None], k, axis=0),
                                   np.take_along_axis(counts, order, axis=1), log_n[order],
                                   log_d[order], log_loss[order], delta, max_cycles=max_iter)
    samples = {"E": np.exp(theta[:, 0]), "A": np.exp(theta[:, 1]), "B": np.exp(theta[:, 2]),
               "alpha": theta[:, 3], "beta": theta[:, 4]}
    samples["a"] = samples["beta"] / (samples["alpha"] + samples["beta"])
    fraction = float(converged.mean())
    if fraction < 0.99:
        warn(f"bootstrap_chinchilla: {1 - fraction:.1%} of the resamples did not converge "
             f"within {max_iter} iterations; their estimates are kept as they stood.")
    return ChinchillaBootstrap(fit, samples, fraction)



def chinchilla_objective(law, n_params, n_tokens, loss, *, delta=1e-3, mean=False) -> float:
    r"""The Huber objective of a law on a sweep: ``Σ Huber_δ(log L̂ − log L)`` (or its mean).

    ``mean=True`` divides by the number of runs, as the original fit reportedly did; the optimum
    is the same, but the objective and its gradient are smaller by that factor, which can make an
    optimiser's stopping tolerances fire early (Besiroglu et al. 2024, §3).
    """
    if not isinstance(law, laws.ChinchillaLaw):
        raise ValueError(f"law must be a laws.ChinchillaLaw; got {type(law).__name__}.")
    log_n, log_d, log_loss = _check_sweep(n_params, n_tokens, loss)
    theta = np.array([[np.log(law.E) if law.E > 0 else -50.0, np.log(law.A), np.log(law.B),
                       law.alpha, law.beta]])
    total = float(_objectives(theta, np.ones((1, log_n.size)), log_n, log_d, log_loss,
                              _validate.positive_float(delta, "delta"))[0])
    return total / log_n.size if mean else total
