"""Kaplan et al.'s joint law ``L(N, D)``, which couples model size and data, fitted on ``ln L``."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate, laws
from .._validate import CourseValueError
from .._warnings import warn
from ._results import FitResult

__all__ = ["KaplanFit", "fit_kaplan_law"]


# =============================================================================================
# The engine
#
# Kaplan et al.'s Eq. 1.5, L = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D, is in logs
#     ln L = α_D · LSE(k₁ − p ln N, k₂ − ln D),   p = α_N/α_D,  k₁ = p ln N_c,  k₂ = ln D_c,
# with LSE the log-sum-exp. The fit works in θ = (ln α_D, ln p, k₁, k₂), which keeps both
# exponents positive. For fixed (p, k₁, k₂) the model is linear in α_D, so the starting grid
# profiles α_D out in closed form: p from 0.1 to 5 and the critical scales N_c, D_c from just
# below the data to far beyond it (where the law is a nearly pure power law). The best starts are
# refined together by Levenberg–Marquardt steps, vectorised over the starts, as the other fits of
# this package do.

_NAMES = ("N_c", "D_c", "alpha_N", "alpha_D")
_N_P, _N_OFFSETS = 10, 12
_N_REFINED = 24
_LOG_P_RANGE = (np.log(0.01), np.log(100.0))
_LOG_ALPHA_RANGE = (np.log(1e-4), np.log(10.0))


def _terms(theta, log_n, log_d):
    """``z = LSE(u₁, u₂)`` and the share ``s₁ = e^{u₁}/(e^{u₁} + e^{u₂})`` per row."""
    u1 = theta[:, 2:3] - np.exp(theta[:, 1:2]) * log_n
    u2 = theta[:, 3:4] - log_d
    z = np.logaddexp(u1, u2)
    share = 0.5 * (1.0 + np.tanh(0.5 * (u1 - u2)))
    return z, share


def _objectives(theta, log_n, log_d, log_loss):
    with np.errstate(over="ignore", invalid="ignore"):
        z, _ = _terms(theta, log_n, log_d)
        values = np.sum((np.exp(theta[:, 0:1]) * z - log_loss) ** 2, axis=1)
    return np.where(np.isfinite(values), values, np.inf)


def _jacobian(theta, log_n, log_d):
    """``ln L̂`` and its Jacobian in θ, shape ``(k, n, 4)``."""
    z, share = _terms(theta, log_n, log_d)
    alpha = np.exp(theta[:, 0:1])
    p = np.exp(theta[:, 1:2])
    jac = np.empty(z.shape + (4,))
    jac[..., 0] = alpha * z
    jac[..., 1] = -alpha * share * p * log_n
    jac[..., 2] = alpha * share
    jac[..., 3] = alpha * (1.0 - share)
    return alpha * z, jac


def _grid_starts(log_n, log_d, log_loss):
    """Rows of θ from a grid of (p, ln N_c, ln D_c), each with α_D by least squares."""
    offsets = np.linspace(-3.0, 30.0, _N_OFFSETS)
    ps = np.geomspace(0.1, 5.0, _N_P)
    grid_p, grid_n, grid_d = (g.ravel() for g in np.meshgrid(ps, offsets, offsets, indexing="ij"))
    theta = np.empty((grid_p.size, 4))
    theta[:, 1] = np.log(grid_p)
    theta[:, 2] = grid_p * (log_n.mean() + grid_n)
    theta[:, 3] = log_d.mean() + grid_d
    theta[:, 0] = 0.0
    z, _ = _terms(theta, log_n, log_d)
    alpha = np.sum(z * log_loss, axis=1) / np.maximum(np.sum(z * z, axis=1), 1e-300)
    theta[:, 0] = np.log(np.clip(alpha, np.exp(_LOG_ALPHA_RANGE[0]), np.exp(_LOG_ALPHA_RANGE[1])))
    objective = _objectives(theta, log_n, log_d, log_loss)
    return theta[np.argsort(objective, kind="stable")[:_N_REFINED]]


def _clip(theta):
    theta = theta.copy()
    theta[:, 0] = np.clip(theta[:, 0], *_LOG_ALPHA_RANGE)
    theta[:, 1] = np.clip(theta[:, 1], *_LOG_P_RANGE)
    return theta


def _levenberg_marquardt(theta, log_n, log_d, log_loss, *, max_iter=300, tol=1e-12):
    """Minimise ``Σ (ln L̂ − ln L)²`` from every row at once (Marquardt's scaled damping, one
    factor per row). Returns ``(theta, objective, converged)``."""
    theta = _clip(np.asarray(theta, dtype=float))
    k = theta.shape[0]
    objective = _objectives(theta, log_n, log_d, log_loss)
    converged = np.zeros(k, dtype=bool)
    damping = np.full(k, 1e-3)
    active = np.flatnonzero(np.isfinite(objective))
    eye = np.eye(4)
    for _ in range(max_iter):
        if active.size == 0:
            break
        current = theta[active]
        with np.errstate(over="ignore", invalid="ignore"):
            prediction, jac = _jacobian(current, log_n, log_d)
            r = prediction - log_loss
            grad = np.einsum("kni,kn->ki", jac, r)
            gram = np.einsum("kni,knj->kij", jac, jac)
        diagonal = np.diagonal(gram, axis1=1, axis2=2) + 1e-12
        system = gram + (damping[active][:, None] * diagonal)[:, :, None] * eye
        bad = ~np.isfinite(system).all(axis=(1, 2)) | ~np.isfinite(grad).all(axis=1)
        system[bad], grad[bad] = eye, 0.0
        trial = _clip(current - np.linalg.solve(system, grad[..., None])[..., 0])
        new = _objectives(trial, log_n, log_d, log_loss)
        old = objective[active]
        better = new < old
        moved = np.max(np.abs(trial - current), axis=1)
        small = better & ((old - new) <= tol * np.maximum(old, 1e-300)) & (moved <= 1e-6)
        tiny = better & (new <= 1e-28)      # noise-free points: nothing left to fit
        stuck = ~better & (damping[active] > 1e10)
        theta[active[better]] = trial[better]
        objective[active[better]] = new[better]
        damping[active] = np.where(better, np.maximum(damping[active] / 3.0, 1e-12),
                                   damping[active] * 4.0)
        done = small | tiny | stuck | bad
        converged[active[small | tiny | stuck]] = True
        active = active[~done]
    return theta, objective, converged


# =============================================================================================
# The result


@dataclass(frozen=True)
class KaplanFit(FitResult):
    r"""The result of :func:`fit_kaplan_law`: the fitted joint law and how well it is known.

    The reporting interface (:class:`FitResult`) names the parameters ``"N_c"``, ``"D_c"``,
    ``"alpha_N"``, ``"alpha_D"``. Standard errors are Gauss–Newton ones,
    :math:`s^2 (J^\top J)^{-1}` in the fit's coordinates ``(ln α_D, ln(α_N/α_D), (α_N/α_D) ln N_c,
    ln D_c)`` with ``s²`` the residual variance of ``ln L`` on ``n − 4`` degrees of freedom,
    carried to the reported parameters by the delta method; ``N_c`` and ``D_c`` get
    exponentiated intervals. When the points leave no scatter or do not separate the
    parameters, ``stderr`` holds NaN and :meth:`conf_int` says why.

    Attributes
    ----------
    law : laws.KaplanLaw
        The fitted law.
    objective : float
        ``Σ (ln L̂ − ln L)²`` at the fit.
    rmse_log : float
        ``√(objective / n)``, the root mean square of ``ln L̂ − ln L``: the yardstick on which
        it compares with the additive fit's ``ChinchillaFit.rmse_log``.
    converged : bool
        Whether the best start met the stopping rule.
    n_points : int
        How many runs were fitted.
    theta : numpy.ndarray
        The working parameters ``(ln α_D, ln(α_N/α_D), (α_N/α_D) ln N_c, ln D_c)``.
    covariance : numpy.ndarray or None
        The Gauss–Newton covariance of ``theta`` (None when not available).
    reason : str or None
        Why there are no standard errors, if there are none.
    warnings : tuple of str
        Why the fit should not be trusted as it stands, if anything.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, references
    >>> truth = references.kaplan_joint_law()
    >>> n, d = (g.ravel() for g in np.meshgrid(np.geomspace(1e7, 1e10, 6), np.geomspace(1e8, 1e11, 6)))
    >>> noise = np.exp(0.01 * np.random.default_rng(0).standard_normal(n.size))
    >>> fit = fitting.fit_kaplan_law(n, d, truth(n, d) * noise)
    >>> print(fit.summary())
    fit_kaplan_law: L = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D, least squares on ln L; 36 runs
    parameter      value  std. error  95% interval
    N_c        7.199e+13   1.416e+13  [4.823e+13, 1.075e+14]
    D_c        1.499e+13   3.102e+12  [ 9.83e+12, 2.285e+13]
    alpha_N      0.07533    0.001077  [  0.07313,   0.07752]
    alpha_D       0.1045    0.001944  [   0.1006,    0.1085]

    Introduced in lesson 06.
    """

    law: laws.KaplanLaw
    objective: float
    rmse_log: float
    converged: bool
    n_points: int
    theta: np.ndarray = field(repr=False)
    covariance: np.ndarray = field(default=None, repr=False)
    reason: str = None
    warnings: tuple = ()

    _log_scale = ("N_c", "D_c")

    def predict(self, n_params, n_tokens):
        """The fitted law at ``(N, D)``.

        Parameters
        ----------
        n_params, n_tokens : float or array_like
            Model sizes and tokens (> 0; single numbers or arrays of one length).

        Returns
        -------
        float, or an array.

        Raises
        ------
        CourseValueError
            If a size is not a positive finite number or the arrays differ in length.

        Examples
        --------
        >>> import numpy as np
        >>> from scaling_utils import fitting, references
        >>> truth = references.kaplan_joint_law()
        >>> n, d = (g.ravel() for g in np.meshgrid(np.geomspace(1e7, 1e10, 5),
        ...                                        np.geomspace(1e8, 1e11, 5)))
        >>> fit = fitting.fit_kaplan_law(n, d, truth(n, d))
        >>> print(f"{fit.predict(1e11, 1e12):.4f} (truth {truth(1e11, 1e12):.4f})")
        1.6582 (truth 1.6582)

        Introduced in lesson 06.
        """
        return self.law(n_params, n_tokens)

    # --- the reporting interface (FitResult) ---------------------------------------------------

    def _estimates(self) -> dict:
        law = self.law
        return {"N_c": law.n_c, "D_c": law.d_c, "alpha_N": law.alpha_n, "alpha_D": law.alpha_d}

    def _standard_errors(self) -> dict:
        if self.covariance is None:
            return {name: float("nan") for name in _NAMES}
        alpha_d, p = np.exp(self.theta[0]), np.exp(self.theta[1])
        log_nc = self.theta[2] / p
        # rows: ln N_c, ln D_c, α_N, α_D as functions of θ
        g = np.array([[0.0, -log_nc, 1.0 / p, 0.0],
                      [0.0, 0.0, 0.0, 1.0],
                      [p * alpha_d, p * alpha_d, 0.0, 0.0],
                      [alpha_d, 0.0, 0.0, 0.0]])
        se = np.sqrt(np.clip(np.diagonal(g @ self.covariance @ g.T), 0.0, None))
        values = self._estimates()
        return {"N_c": float(values["N_c"] * se[0]), "D_c": float(values["D_c"] * se[1]),
                "alpha_N": float(se[2]), "alpha_D": float(se[3])}

    def _degrees_of_freedom(self):
        return self.n_points - 4

    def _no_intervals(self):
        return self.reason

    def _summary_title(self) -> str:
        state = "" if self.converged else ", did not converge"
        return (f"fit_kaplan_law: L = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D, least squares "
                f"on ln L; {self.n_points} runs{state}")

    def __str__(self) -> str:
        law = self.law
        return (f"L(N, D) = [({law.n_c:.4g}/N)^({law.alpha_n:.4g}/{law.alpha_d:.4g}) + "
                f"{law.d_c:.4g}/D]^{law.alpha_d:.4g}; {self.n_points} runs, RMSE of ln L "
                f"{self.rmse_log:.3g}")


# =============================================================================================
# The fit


def _check_runs(n_params, n_tokens, loss):
    n, d, losses = _validate.positive_arrays(n_params=n_params, n_tokens=n_tokens, loss=loss)
    if n.size < 5:
        raise CourseValueError(f"Fitting Kaplan et al.'s joint law means four parameters (N_c, "
                               f"D_c, alpha_N, alpha_D) and needs at least 5 runs; got {n.size}.")
    if np.unique(n).size < 2 or np.unique(d).size < 2:
        raise CourseValueError(
            f"The runs must differ in both model size and tokens to separate the two terms of "
            f"the law; got {np.unique(n).size} model size(s) and {np.unique(d).size} token "
            f"count(s) in {n.size} runs.")
    return np.log(n), np.log(d), np.log(losses)


def _covariance(theta, log_n, log_d, log_loss):
    n = log_n.size
    if n <= 4:
        return None, (f"with {n} runs for 4 parameters the fit passes through every point and "
                      f"leaves no scatter to estimate uncertainties from; add runs.")
    prediction, jac = _jacobian(theta[None], log_n, log_d)
    r, j = prediction[0] - log_loss, jac[0]
    gram = j.T @ j
    scale = np.sqrt(np.diagonal(gram))
    if not (np.all(scale > 0) and np.isfinite(gram).all()) or \
            np.linalg.cond(gram / np.outer(scale, scale)) > 1e12:
        return None, ("these runs do not separate the four parameters (the Gauss–Newton matrix "
                      "is singular): one term of the law dominates at every point. Add runs "
                      "where the other term matters (smaller models or fewer tokens).")
    s2 = float(r @ r) / (n - 4)
    return s2 * np.linalg.inv(gram / np.outer(scale, scale)) / np.outer(scale, scale), None


def fit_kaplan_law(n_params, n_tokens, loss, *, warn_now=True) -> KaplanFit:
    r"""Fit Kaplan et al.'s joint law ``L(N, D)`` by least squares on ``ln L``.

    Kaplan et al. (2020), "Scaling Laws for Neural Language Models", arXiv:2001.08361, Eq. 1.5
    (= Eq. 4.1):

    .. math:: L(N, D) = \Bigl[\Bigl(\frac{N_c}{N}\Bigr)^{\alpha_N/\alpha_D}
              + \frac{D_c}{D}\Bigr]^{\alpha_D}

    Unlike Chinchilla's additive ``E + A/N^α + B/D^β``, where the benefit of more data is the
    same whatever the model size, the two terms here add *inside* a power, so they interact:
    ``∂ ln L/∂ ln D`` depends on ``N``. Comparing the two forms on the same runs (this fit's
    ``rmse_log`` against :func:`fit_chinchilla`'s) asks whether the runs show that coupling.

    The fit minimises :math:`\sum_i (\ln \hat L_i - \ln L_i)^2` in the coordinates
    ``(ln α_D, ln p, p ln N_c, ln D_c)`` with ``p = α_N/α_D``, where
    ``ln L̂ = α_D · LSE(p ln N_c − p ln N, ln D_c − ln D)``. No starting point is needed: a grid
    of 1,440 points ``(p, N_c, D_c)`` (``p`` from 0.1 to 5; ``N_c`` and ``D_c`` from e⁻³ to e³⁰
    times the data's geometric mean), each with ``α_D`` solved by least squares, gives the 24 best
    starts, refined together by Levenberg–Marquardt steps; the best wins. About a hundredth of
    a second for 50 runs (``make bench``).

    Parameters
    ----------
    n_params : array_like
        The model size of each run (> 0; Kaplan et al. count non-embedding parameters).
    n_tokens : array_like
        The training tokens of each run (> 0).
    loss : array_like
        The final loss of each run (> 0).
    warn_now : bool, default True
        Issue the fit's warnings as :class:`FitWarning`; with False they are only kept in
        ``.warnings``.

    Returns
    -------
    KaplanFit
        The fitted law, ``predict(n, d)``, ``objective``, ``rmse_log`` and the reporting interface
        (``params``, ``stderr``, ``conf_int``, ``summary``).

    Warns
    -----
    FitWarning
        When the best start did not converge, when an exponent lands on the edge of its range,
        or when one term of the law dominates at every run (the runs do not show the other).

    Raises
    ------
    CourseValueError
        If the three arrays differ in length, are not flat, or hold a value ≤ 0, NaN or inf; if
        there are fewer than 5 runs; if the runs do not vary both model size and tokens.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting, references
    >>> n, d = (g.ravel() for g in np.meshgrid(np.geomspace(1e7, 1e10, 7), np.geomspace(1e8, 1e11, 7)))
    >>> kaplan = references.kaplan_joint_law()
    >>> joint = fitting.fit_kaplan_law(n, d, kaplan(n, d))
    >>> print(f"alpha_N {joint.params['alpha_N']:.4f}, alpha_D {joint.params['alpha_D']:.4f}")
    alpha_N 0.0760, alpha_D 0.1030
    >>> additive = fitting.fit_chinchilla(n, d, kaplan(n, d))
    >>> print(f"RMSE of ln L: joint below 1e-9 {joint.rmse_log < 1e-9}, additive "
    ...       f"{additive.rmse_log:.3f}")
    RMSE of ln L: joint below 1e-9 True, additive 0.048

    Introduced in lesson 06.
    """
    log_n, log_d, log_loss = _check_runs(n_params, n_tokens, loss)
    starts = _grid_starts(log_n, log_d, log_loss)
    theta, objective, converged = _levenberg_marquardt(starts, log_n, log_d, log_loss)
    best = int(np.argmin(objective))
    row = theta[best]
    alpha_d, p = float(np.exp(row[0])), float(np.exp(row[1]))
    log_nc = float(row[2] / p)
    if abs(log_nc) > 700 or abs(row[3]) > 700:
        raise CourseValueError("These runs put a critical scale N_c or D_c beyond what a float "
                               "can hold: the runs show one power law, not the joint law. Fit "
                               "fitting.fit_power_law to each variable instead.")
    law = laws.KaplanLaw(n_c=float(np.exp(log_nc)), d_c=float(np.exp(row[3])),
                         alpha_n=p * alpha_d, alpha_d=alpha_d)
    notes = []
    if not converged[best]:
        notes.append("the best start did not converge; the fit may not be the best one")
    on_edge = [name for name, value, (low, high) in (("alpha_D", row[0], _LOG_ALPHA_RANGE),
                                                      ("alpha_N/alpha_D", row[1], _LOG_P_RANGE))
               if value <= low + 1e-9 or value >= high - 1e-9]
    if on_edge:
        notes.append(f"{on_edge[0]} landed on the edge of its range: the runs may not cover "
                     f"enough sizes and token counts to pin it down")
    _, share = _terms(row[None], log_n, log_d)
    if share.max() < 0.01 or share.min() > 0.99:
        term = "data term D_c/D" if share.max() < 0.01 else "model term (N_c/N)^(α_N/α_D)"
        notes.append(f"the {term} dominates at every run, so the runs do not show the other "
                     f"term or the coupling; its constants are not determined")
    covariance, reason = _covariance(row, log_n, log_d, log_loss)
    for note in notes if warn_now else ():
        warn(f"fit_kaplan_law: {note}.")
    value = float(objective[best])
    return KaplanFit(law, value, float(np.sqrt(value / log_n.size)), bool(converged[best]),
                     int(log_n.size), row.copy(), covariance, reason, tuple(notes))
