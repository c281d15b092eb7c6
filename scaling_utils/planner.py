"""Lesson 10: the capstone planner — a budget (or a target loss), the unique data, the inference
demand and a law in; a recommended model size and tokens with their uncertainty, how the answer
moves under each assumption, and a one-page report out.

It combines the parts of earlier lessons: the Chinchilla optimum (lesson 04,
:func:`scaling_utils.allocation.chinchilla_optimal`), the bootstrap of a fit (lesson 05,
:func:`scaling_utils.fitting.bootstrap_chinchilla`), the repetition model of capped data
(lesson 07, :class:`scaling_utils.laws.DataConstrainedLaw`) and the lifetime compute of a model
that is served (lesson 08, :func:`scaling_utils.allocation.inference_aware_optimal`). Its public
names are re-exported by :mod:`scaling_utils.allocation` (``allocation.plan``); this module
imports ``allocation``, ``fitting`` and ``simulate`` (its own layer) only inside functions.

Every optimum is solved for many laws at once (one row per bootstrap resample), so an interval
costs little more than the point estimate; the resamples are cached by their law and seed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import _validate, laws, references
from ._validate import CourseValueError

__all__ = ["SYNTHETIC_STUDY", "SMALLEST_MODEL_PARAMS", "Plan", "plan", "Sensitivity",
           "plan_sensitivity"]

#: The simulated study behind the intervals of a published law whose runs are not public:
#: lesson 05's (:func:`scaling_utils.studies.bootstrap_fan`): IsoFLOP budgets log-spaced over
#: ``budgets``, ``models_per_budget`` sizes each, losses with a log-normal scatter of ``noise``.
#: The 1 % scatter is the course's choice, not a number a paper prints; with it the bootstrap
#: standard deviations of α and β (about 0.015 and 0.018 for Besiroglu et al.'s law) are close to
#: the standard errors Besiroglu et al. (2024, §3) report for their 240-point refit (0.02 each).
SYNTHETIC_STUDY = {"budgets": (1e18, 1e21), "n_budgets": 6, "models_per_budget": 8,
                   "noise": 0.01}

#: The smallest model a plan may recommend: below it no budget is "sensible". Small enough for
#: the laptop-scale laws of lesson 09, far below any published study.
SMALLEST_MODEL_PARAMS = 1e3

_GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0
_NAMES = ("E", "A", "B", "alpha", "beta")


# --------------------------------------------------------------------------------------------
# The optimum for many laws at once: rows of P = (E, A, B, alpha, beta).

def _rows(law) -> np.ndarray:
    return np.array([[law.E, law.A, law.B, law.alpha, law.beta]], dtype=float)


def _columns(p):
    return tuple(p[:, i] for i in range(5))


def _fresh_optimum(p, c, t):
    """``N`` maximising nothing but minimising ``E + A/N^α + B/D^β`` on ``6ND + 2NT = C``.

    The condition ``αA N^{−α} = βB D^{−β}(1 + T/(3D))`` with ``D = C/(6N) − T/3`` (Lagrange, as
    lesson 08's) has a left side falling and a right side rising in ``N``: one root, found by 80
    bisections in ``ln N`` between one parameter and the size that leaves one training token.
    """
    e, a, b, alpha, beta = _columns(p)
    low = np.zeros_like(e)
    high = np.log(c / (6.0 + 2.0 * t))
    for _ in range(80):
        mid = 0.5 * (low + high)
        n = np.exp(mid)
        d = c / (6.0 * n) - t / 3.0
        gap = alpha * a * n ** -alpha - beta * b * d ** -beta * (1.0 + t / (3.0 * d))
        low = np.where(gap > 0, mid, low)
        high = np.where(gap > 0, high, mid)
    n = np.exp(0.5 * (low + high))
    d = c / (6.0 * n) - t / 3.0
    return n, d, e + a * n ** -alpha + b * d ** -beta


def _capped_loss(p, n, d, u, r_d, r_n):
    """Muennighoff et al.'s Eq. 5–6 (:class:`~scaling_utils.laws.DataConstrainedLaw`), with
    every parameter a column that broadcasts against ``n`` and ``d``."""
    e, a, b, alpha, beta = p
    seen = np.minimum(u, d)
    d_eff = seen * (1.0 - r_d * np.expm1(-(d / seen - 1.0) / r_d))
    g = (alpha * a / (beta * b)) ** (1.0 / (alpha + beta))
    capped = np.minimum(n, g * (g * seen) ** (beta / alpha))
    n_eff = capped * (1.0 - r_n * np.expm1(-(n / capped - 1.0) / r_n))
    return e + a * n_eff ** -alpha + b * d_eff ** -beta


def _capped_optimum(p, c, t, u, r_d, r_n, *, grid=81, steps=60):
    """The lowest capped loss on ``6ND + 2NT = C``: a grid of ``ln N`` (one parameter up to
    ``N = D``) per row, then golden-section steps inside the best cell's neighbours."""
    cols = tuple(x[:, None] for x in _columns(p))
    c2, t2, u2 = c[:, None], t[:, None], u[:, None]
    top = np.log((-2.0 * t + np.sqrt(4.0 * t * t + 24.0 * c)) / 12.0)   # where D = N
    x = np.linspace(0.0, 1.0, grid)[None, :] * top[:, None]
    n = np.exp(x)
    values = _capped_loss(cols, n, c2 / (6.0 * n) - t2 / 3.0, u2, r_d, r_n)
    i = np.argmin(values, axis=1)
    rows = np.arange(p.shape[0])
    lo = x[rows, np.maximum(i - 1, 0)]
    hi = x[rows, np.minimum(i + 1, grid - 1)]
    cols1 = _columns(p)

    def f(log_n):
        n = np.exp(log_n)
        return _capped_loss(cols1, n, c / (6.0 * n) - t / 3.0, u, r_d, r_n)

    x1, x2 = hi - _GOLDEN * (hi - lo), lo + _GOLDEN * (hi - lo)
    f1, f2 = f(x1), f(x2)
    for _ in range(steps):
        left = f1 < f2
        lo, hi = np.where(left, lo, x1), np.where(left, x2, hi)
        new = np.where(left, hi - _GOLDEN * (hi - lo), lo + _GOLDEN * (hi - lo))
        f_new = f(new)
        x1, x2, f1, f2 = (np.where(left, new, x2), np.where(left, x1, new),
                          np.where(left, f_new, f2), np.where(left, f1, f_new))
    n = np.exp(0.5 * (lo + hi))
    d = c / (6.0 * n) - t / 3.0
    return n, d, _capped_loss(cols1, n, d, u, r_d, r_n)


def _solve_budget(p, c, t, u, r_d, r_n):
    """``(N, D, loss)`` per row for lifetime budgets ``c``, demands ``t`` and caps ``u`` (NaN:
    no cap), each an array with one value per row."""
    k = p.shape[0]
    c, t, u = (np.broadcast_to(np.asarray(v, dtype=float), (k,)).copy() for v in (c, t, u))
    n, d, loss = np.empty(k), np.empty(k), np.empty(k)
    fresh = np.isnan(u)
    if fresh.any():
        n[fresh], d[fresh], loss[fresh] = _fresh_optimum(p[fresh], c[fresh], t[fresh])
    if (~fresh).any():
        m = ~fresh
        n[m], d[m], loss[m] = _capped_optimum(p[m], c[m], t[m], u[m], r_d, r_n)
    return n, d, loss


def _fresh_target(p, ell, t):
    """Lesson 08's optimum for every row: ``(N, D, 6ND + 2NT)`` of the least lifetime FLOPs
    reaching ``ell`` (NaN where a row's ``E`` is at or above it). The root of Sardana et al.'s
    ``B D^{−β}(α + β + βT/(3D)) = α(ℓ − E)`` by 80 bisections in ``ln D``."""
    e, a, b, alpha, beta = _columns(p)
    room = ell - e
    ok = room > 0
    room = np.where(ok, room, np.nan)
    d0 = (b * (alpha + beta) / (alpha * room)) ** (1.0 / beta)
    low = np.log(d0)
    high = np.log(np.maximum(t, d0 * ((alpha + beta + beta / 3.0) / (alpha + beta)) ** (1 / beta)))
    for _ in range(80):
        mid = 0.5 * (low + high)
        d = np.exp(mid)
        gap = b * d ** -beta * (alpha + beta + beta * t / (3.0 * d)) - alpha * room
        low = np.where(gap > 0, mid, low)
        high = np.where(gap > 0, high, mid)
    d = np.exp(0.5 * (low + high))
    n = (a / (room - b * d ** -beta)) ** (1.0 / alpha)
    return n, d, 6.0 * n * d + 2.0 * n * t


def _capped_floor(p, u, r_d, r_n):
    """The loss no budget gets below with ``u`` unique tokens (lesson 07's ``L_∞(U)``)."""
    e, a, b, alpha, beta = _columns(p)
    g = (alpha * a / (beta * b)) ** (1.0 / (alpha + beta))
    u_n = g * (g * u) ** (beta / alpha)
    return e + a * ((1.0 + r_n) * u_n) ** -alpha + b * ((1.0 + r_d) * u) ** -beta


def _solve_target(p, ell, t, u, r_d, r_n):
    """``(N, D, lifetime FLOPs)`` per row reaching loss ``ell`` at the least lifetime compute.

    Without a cap, :func:`_fresh_target`. With one, the smallest budget ``C`` whose capped
    optimum reaches ``ell``: Newton's method in ``ln C`` from the uncapped answer (a lower
    bound: capped data never help), with ``dL*/d ln C = C·(∂L/∂D)/(6N)`` (the envelope theorem;
    ``∂L/∂D`` by a central difference). NaN for rows whose floor is at or above ``ell``.
    """
    k = p.shape[0]
    ell, t, u = (np.broadcast_to(np.asarray(v, dtype=float), (k,)).copy() for v in (ell, t, u))
    n, d, c = _fresh_target(p, ell, t)
    capped = ~np.isnan(u) & ~np.isnan(c)
    if not capped.any():
        return n, d, c
    pc, tc, uc, lc = p[capped], t[capped], u[capped], ell[capped]
    reachable = _capped_floor(pc, uc, r_d, r_n) < lc
    x = np.log(c[capped])
    cols = _columns(pc)
    for _ in range(60):
        nn, dd, loss = _capped_optimum(pc, np.exp(x), tc, uc, r_d, r_n, grid=33, steps=32)
        h = 1e-5
        slope = (_capped_loss(cols, nn, dd * np.exp(h), uc, r_d, r_n)
                 - _capped_loss(cols, nn, dd * np.exp(-h), uc, r_d, r_n)) / (2 * h * dd)
        rate = np.exp(x) * slope / (6.0 * nn)          # dL*/d ln C, negative
        step = np.where(reachable, np.clip((loss - lc) / -rate, -5.0, 5.0), 0.0)
        x = x + step
        if np.all(np.abs(step) < 1e-9):
            break
    nn, dd, _ = _capped_optimum(pc, np.exp(x), tc, uc, r_d, r_n)
    out_n, out_d, out_c = n.copy(), d.copy(), c.copy()
    out_n[capped] = np.where(reachable, nn, np.nan)
    out_d[capped] = np.where(reachable, dd, np.nan)
    out_c[capped] = np.where(reachable, np.exp(x), np.nan)
    return out_n, out_d, out_c


# --------------------------------------------------------------------------------------------
# Resamples: a bootstrap of the learner's runs, or of a study simulated from a published law.

_CACHE: "OrderedDict[tuple, tuple]" = OrderedDict()
_CACHE_SIZE = 16


def _cached(key, make):
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    value = make()
    _CACHE[key] = value
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return value


def _theta(p):
    """``(ln E, ln A, ln B, α, β)`` of rows of ``(E, A, B, α, β)``."""
    return np.column_stack([np.log(p[:, 0]), np.log(p[:, 1]), np.log(p[:, 2]), p[:, 3], p[:, 4]])


def _from_theta(theta):
    return np.column_stack([np.exp(theta[:, 0]), np.exp(theta[:, 1]), np.exp(theta[:, 2]),
                            theta[:, 3], theta[:, 4]])


def _synthetic_resamples(law, k, seed):
    """Rows of ``(E, A, B, α, β)``: the bootstrap of a study simulated from ``law``, each
    resample's deviation from the study's own fit added to the law (in ``ln E, ln A, ln B, α,
    β``), so that the spread is the study's and the centre the law's."""
    from . import fitting, simulate

    def make():
        s = SYNTHETIC_STUDY
        sweep = simulate.isoflop_sweep(law, np.geomspace(*s["budgets"], s["n_budgets"]),
                                       s["models_per_budget"], noise=s["noise"], seed=seed)
        fit = fitting.fit_chinchilla(sweep.n_params, sweep.n_tokens, sweep.loss, warn_now=False)
        boot = fitting.bootstrap_chinchilla(sweep.n_params, sweep.n_tokens, sweep.loss,
                                            n_resamples=k, seed=seed, fit=fit, tol=1e-4,
                                            warn_now=False)
        rows = np.column_stack([boot.samples[name] for name in _NAMES])
        theta = _theta(rows) - _theta(_rows(fit.law)) + _theta(_rows(law))
        theta[:, 3:] = np.maximum(theta[:, 3:], 1e-3)
        return _from_theta(theta), len(sweep)

    key = ("synthetic", law.E, law.A, law.B, law.alpha, law.beta, k, seed)
    return _cached(key, make)


def _run_resamples(runs, k, seed):
    """The fit of the learner's runs and rows of its bootstrap resamples."""
    from . import fitting

    n_params, n_tokens, loss = (np.asarray(x, dtype=float) for x in runs)
    digest = hashlib.sha256(b"".join(np.ascontiguousarray(x).tobytes()
                                     for x in (n_params, n_tokens, loss))).hexdigest()

    def make():
        fit = fitting.fit_chinchilla(n_params, n_tokens, loss, warn_now=False)
        boot = fitting.bootstrap_chinchilla(n_params, n_tokens, loss, n_resamples=k, seed=seed,
                                            fit=fit, tol=1e-4, warn_now=False)
        return fit.law, np.column_stack([boot.samples[name] for name in _NAMES]), fit.n_points

    return _cached(("runs", digest, n_params.size, k, seed), make)


def _read_fit(fit, k, seed):
    """``(law, resample rows or None, runs, what)`` from the ``fit`` argument of :func:`plan`."""
    from . import fitting

    if isinstance(fit, fitting.ChinchillaBootstrap):
        rows = np.column_stack([np.asarray(fit.samples[name], float) for name in _NAMES])
        return fit.fit.law, rows, fit.fit.n_points, "bootstrap"
    if isinstance(fit, fitting.ChinchillaFit):
        return fit.law, None, fit.n_points, "fit"
    if all(hasattr(fit, name) for name in ("n_params", "n_tokens", "loss")):
        runs = (fit.n_params, fit.n_tokens, fit.loss)
    elif isinstance(fit, (tuple, list)) and len(fit) == 3:
        runs = tuple(fit)
    else:
        raise CourseValueError(
            f"fit must be your runs — (n_params, n_tokens, loss) as three lists, or a study "
            f"with those attributes — or a fitting.fit_chinchilla or "
            f"fitting.bootstrap_chinchilla result; got {_validate._describe(fit)}.")
    from .fitting.chinchilla import _check_sweep

    _check_sweep(*runs)
    law, rows, count = _run_resamples(runs, k, seed)
    return law, rows, count, "runs"


# --------------------------------------------------------------------------------------------
# The plan

_LEVEL_NAMES = ("loss", "n_params", "n_tokens", "tokens_per_param", "epochs", "training_flops",
                "total_flops")


def _law_name(law, own=None) -> str:
    known = {"HOFFMANN_2022": "Hoffmann et al. (2022) as printed",
             "HOFFMANN_2022_UNROUNDED": "Hoffmann et al. (2022) at full precision",
             "BESIROGLU_2024": "Besiroglu et al.'s (2024) refit",
             "SARDANA_2024": "the law Sardana et al. (2024) use",
             "MUENNIGHOFF_2023_C4": "Muennighoff et al.'s (2023) C4 fit"}
    for name, words in known.items():
        if getattr(references, name, None) == law:
            return words
    if own is not None:
        return own
    return "a law you gave"


@dataclass(frozen=True, repr=False)
class Plan:
    r"""A training plan: the model size and tokens to choose, what they cost over the model's
    life, the loss to expect, and how sure that is. Made by :func:`plan`.

    Attributes
    ----------
    mode : {"compute", "target"}
        Whether a lifetime budget (``compute_flops``) or a loss (``target_loss``) was given.
    law : ChinchillaLaw
        The one-epoch law planned with.
    law_name : str
        Which law that is, in words.
    compute_flops : float
        The lifetime budget: the one given, or in target mode the least that reaches the target.
    target_loss : float or None
    unique_tokens : float or None
        The cap on unique data (None: as much fresh data as needed).
    inference_tokens : float
        Tokens served over the model's life.
    n_params, n_tokens, loss : float
        The recommendation and the loss the law predicts for it.
    interval_source : str
        Where the intervals come from, in a sentence.
    samples : dict
        The same quantities for every bootstrap resample (arrays; NaN where a resample's law
        cannot reach the target).
    fixed_loss : InferenceAwareAllocation
        What lesson 08's formulation chooses: the least lifetime compute reaching, with the
        demand served and fresh data, the loss the budget would buy if inference were ignored
        (compute mode), or the target itself (target mode).
    r_d_star, r_n_star : float
        The repetition model's decay constants (used only with a cap).

    Examples
    --------
    >>> from scaling_utils import allocation
    >>> p = allocation.plan(1e23, n_resamples=100)
    >>> print(p)
    Plan for 1e+23 lifetime FLOPs under Besiroglu et al.'s (2024) refit: N = 2.945e+10 parameters on D = 5.66e+11 tokens (19.2 per parameter), loss 2.0321 (95% interval 1.993–2.054)

    Introduced in lesson 10.
    """

    mode: str
    law: laws.ChinchillaLaw
    law_name: str
    compute_flops: float
    target_loss: float | None
    unique_tokens: float | None
    inference_tokens: float
    n_params: float
    n_tokens: float
    loss: float
    interval_source: str
    samples: dict = field(repr=False)
    fixed_loss: object = field(repr=False)
    r_d_star: float = float("inf")
    r_n_star: float = float("inf")
    own_law: object = field(default=None, repr=False)
    resample_rows: np.ndarray = field(default=None, repr=False)

    # --- the numbers ---------------------------------------------------------------------------

    @property
    def epochs(self) -> float:
        """``D/U``, passes over the unique data; 1 when the data are not capped (all fresh)."""
        return 1.0 if self.unique_tokens is None else self.n_tokens / self.unique_tokens

    @property
    def tokens_per_param(self) -> float:
        """``D/N``."""
        return self.n_tokens / self.n_params

    @property
    def training_flops(self) -> float:
        """``6·N·D``."""
        return 6.0 * self.n_params * self.n_tokens

    @property
    def inference_flops(self) -> float:
        """``2·N·T``: a forward pass per token served."""
        return 2.0 * self.n_params * self.inference_tokens

    @property
    def total_flops(self) -> float:
        """Training plus inference: the budget, with equality, in compute mode."""
        return self.training_flops + self.inference_flops

    @property
    def data_law(self):
        """The :class:`~scaling_utils.laws.DataConstrainedLaw` used with a cap (else None)."""
        if self.unique_tokens is None:
            return None
        return laws.DataConstrainedLaw(self.law, self.r_d_star, self.r_n_star)

    def interval(self, name: str, level: float = 0.95) -> tuple[float, float]:
        """The percentile interval of ``name`` over the bootstrap resamples.

        Parameters
        ----------
        name : {"loss", "n_params", "n_tokens", "tokens_per_param", "epochs", "training_flops", "total_flops"}
            The quantity.
        level : float, default 0.95
            The share of resamples inside, in (0, 1).

        Returns
        -------
        (low, high) : tuple of float
            The ``(1 − level)/2`` and ``(1 + level)/2`` quantiles (resamples that cannot reach
            a target are left out).

        Raises
        ------
        CourseValueError
            When ``name`` is not one of those, or ``level`` is not in (0, 1).

        Examples
        --------
        >>> from scaling_utils import allocation
        >>> p = allocation.plan(1e23, n_resamples=100)
        >>> low, high = p.interval("n_params", 0.8)
        >>> low < p.n_params < high
        True

        Introduced in lesson 10.
        """
        if not isinstance(name, str) or name not in _LEVEL_NAMES:
            raise CourseValueError(f"name must be one of {', '.join(_LEVEL_NAMES)}; got "
                                   f"{name!r}.")
        level = _validate.fraction(level, "level")
        values = self.samples[name]
        values = values[np.isfinite(values)]
        if values.size == 0:
            return float("nan"), float("nan")
        low, high = np.quantile(values, [0.5 - level / 2, 0.5 + level / 2])
        return float(low), float(high)

    @property
    def unreachable_share(self) -> float:
        """The share of resamples whose law cannot reach the target (0 in compute mode)."""
        return float(np.mean(~np.isfinite(self.samples["loss"])))

    def __str__(self) -> str:
        low, high = self.interval("loss")
        head = (f"Plan for {self.compute_flops:.3g} lifetime FLOPs" if self.mode == "compute"
                else f"Plan for loss {self.target_loss:g} ({self.compute_flops:.3g} lifetime FLOPs)")
        extra = ""
        if self.unique_tokens is not None:
            extra += f", {self.epochs:.3g} epochs of {self.unique_tokens:.3g} unique tokens"
        if self.inference_tokens:
            extra += (f", serving {self.inference_tokens:.3g} tokens "
                      f"({self.inference_flops / self.total_flops:.0%} of the lifetime FLOPs)")
        return (f"{head} under {self.law_name}: N = {self.n_params:.4g} parameters on "
                f"D = {self.n_tokens:.4g} tokens ({self.tokens_per_param:.3g} per parameter)"
                f"{extra}, loss {self.loss:.4f} (95% interval {low:.3f}–{high:.3f})")

    # --- sensitivity and figures ---------------------------------------------------------------

    def sensitivity(self) -> "Sensitivity":
        """How the plan moves under each assumption: :func:`plan_sensitivity` of this plan.

        Returns
        -------
        Sensitivity

        Examples
        --------
        >>> from scaling_utils import allocation
        >>> s = allocation.plan(1e23, n_resamples=100).sensitivity()
        >>> s.most_influential()          # the exponents, known to ±0.015, move N more than 2× compute
        'beta ± sd'

        Introduced in lesson 10.
        """
        return plan_sensitivity(self)

    def plot_tornado(self, ax=None, quantity="n_params"):
        """Draw the tornado chart of :meth:`sensitivity` (see :meth:`Sensitivity.plot_tornado`).

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure in the house style when None.
        quantity : {"n_params", "n_tokens", "loss"}
            What the bars show, relative to the plan.

        Returns
        -------
        matplotlib Axes

        Raises
        ------
        CourseValueError
            When ``quantity`` is not one of the three.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import allocation
        >>> ax = allocation.plan(1e23, n_resamples=100).plot_tornado()
        >>> ax.get_xscale()
        'log'
        >>> plt.close(ax.figure)

        Introduced in lesson 10.
        """
        return self.sensitivity().plot_tornado(ax, quantity)

    def plot(self, ax=None):
        """Draw the loss along the plan's lifetime-budget line against the model size, the
        recommendation, and the 95% interval of its size.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure in the house style when None.

        Returns
        -------
        matplotlib Axes

        Raises
        ------
        Nothing of its own.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import allocation
        >>> ax = allocation.plan(1e23, n_resamples=100).plot()
        >>> ax.get_xscale()
        'log'
        >>> plt.close(ax.figure)

        Introduced in lesson 10.
        """
        from . import plotting

        fig, ax = plotting.new_axes(xlabel="parameters N", ylabel="predicted loss", ax=ax,
                                    title="loss on the lifetime-budget line")
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(plotting.log_tick_formatter())
        ax.xaxis.set_minor_formatter(plotting.log_tick_formatter())   # no TeX: a fast redraw
        c, t = self.compute_flops, self.inference_tokens
        n = np.geomspace(self.n_params / 30.0, min(self.n_params * 30.0,
                                                   0.999 * c / (6.0 + 2.0 * t)), 200)
        d = c / (6.0 * n) - t / 3.0
        if self.unique_tokens is None:
            loss = self.law(n, d)
        else:
            loss = self.data_law(n, d, self.unique_tokens)
        ax.plot(n, loss, color=plotting.PALETTE["blue"],
                label="6ND + 2NT = " + plotting.tick_label(c) + " FLOPs")
        low, high = self.interval("n_params")
        ax.axvspan(low, high, color=plotting.PALETTE["orange"], alpha=0.15,
                   label="95% interval of N")
        ax.plot([self.n_params], [self.loss], "o", color=plotting.PALETTE["vermillion"],
                label="recommended")
        top = float(np.nanmin(loss)) + 3.0 * (float(self.loss) - float(np.nanmin(loss)) + 0.02)
        ax.set_ylim(float(np.nanmin(loss)) - 0.01, min(float(np.nanmax(loss)), top))
        ax.legend(fontsize=8)
        return ax

    # --- the report ----------------------------------------------------------------------------

    def _blocks(self, figure_name):
        """The report as blocks: ("h1"|"h2"|"p", text), ("table", header, rows), ("ul", items),
        ("img", file name)."""
        def interval(name, fmt):
            low, high = self.interval(name)
            return f"{fmt(low)} – {fmt(high)}"

        g = lambda v: f"{v:.3g}"  # noqa: E731
        loss4 = lambda v: f"{v:.4f}"  # noqa: E731
        loss3 = lambda v: f"{v:.3f}"  # noqa: E731  (a bootstrap percentile: 3 decimals)
        blocks = [("h1", f"Training plan: {self.n_params:.3g} parameters on "
                         f"{self.n_tokens:.3g} tokens")]
        low, high = self.interval("loss")
        decision = (f"Train a model of {self.n_params:.3g} parameters on {self.n_tokens:.3g} "
                    f"tokens ({self.tokens_per_param:.3g} tokens per parameter"
                    + (f", {self.epochs:.3g} epochs of the {self.unique_tokens:.3g} unique tokens"
                       if self.unique_tokens is not None else "")
                    + f"). The law predicts a loss of {self.loss:.4f} (95% interval "
                      f"{low:.3f} – {high:.3f}).")
        if self.mode == "compute":
            decision += (f" It spends the whole lifetime budget of {self.compute_flops:.3g} "
                         f"FLOPs: {self.training_flops:.3g} to train and "
                         f"{self.inference_flops:.3g} to serve.")
        else:
            decision += (f" It is the cheapest way to reach loss {self.target_loss:g}: "
                         f"{self.total_flops:.3g} FLOPs over its life, "
                         f"{self.training_flops:.3g} of them to train.")
        blocks += [("h2", "Decision"), ("p", decision)]
        rows = [["parameters N", g(self.n_params), interval("n_params", g)],
                ["training tokens D", g(self.n_tokens), interval("n_tokens", g)],
                ["tokens per parameter", g(self.tokens_per_param),
                 interval("tokens_per_param", g)],
                ["epochs", g(self.epochs), interval("epochs", g)],
                ["expected loss", loss4(self.loss), interval("loss", loss3)],
                ["training FLOPs", g(self.training_flops), interval("training_flops", g)],
                ["inference FLOPs", g(self.inference_flops), "—"],
                ["lifetime FLOPs", g(self.total_flops), interval("total_flops", g)]]
        blocks += [("h2", "The numbers"), ("table", ["quantity", "value", "95% interval"], rows)]
        fixed = self.fixed_loss
        assumptions = [
            (f"Lifetime budget {self.compute_flops:.3g} FLOPs (6·N·D to train + 2·N per token "
             f"served)." if self.mode == "compute" else
             f"Target loss {self.target_loss:g}; the budget is what reaching it takes."),
            f"Law: {self.law_name}, {self.law}.",
            ("Unique data: no cap, every training token fresh." if self.unique_tokens is None
             else f"Unique data: {self.unique_tokens:.3g} tokens, repeated as needed; repeated "
                  f"tokens are discounted by Muennighoff et al.'s (2023) model "
                  f"(R_D* = {self.r_d_star:g}, R_N* = {self.r_n_star:g}), carried over to this "
                  f"law."),
            f"Inference demand: {self.inference_tokens:.3g} tokens over the model's life.",
            (f"Lesson 08's fixed-loss formulation (Sardana et al. 2024), for loss "
             f"{fixed.target_loss:.4f} with fresh data, chooses N = {fixed.n_params:.3g} and "
             f"D = {fixed.n_tokens:.3g} ({fixed.total_flops:.3g} lifetime FLOPs)."),
        ]
        blocks += [("h2", "Assumptions"), ("ul", assumptions)]
        uncertainty = f"Intervals: {self.interval_source}"
        if self.unreachable_share > 0:
            uncertainty += (f" {self.unreachable_share:.0%} of the resamples cannot reach the "
                            f"target at all; they are left out of the intervals.")
        blocks += [("h2", "Uncertainty"), ("p", uncertainty)]
        s = self.sensitivity()
        rows = []
        for i, name in enumerate(s.assumptions):
            rows.append([name, f"{s.settings[i][0]} / {s.settings[i][1]}",
                         f"{s.n_params[i, 0]:.3g} / {s.n_params[i, 1]:.3g}",
                         f"{s.n_tokens[i, 0]:.3g} / {s.n_tokens[i, 1]:.3g}",
                         f"{s.loss[i, 0]:.4f} / {s.loss[i, 1]:.4f}"])
        blocks += [("h2", "What would change the decision"),
                   ("p", f"Each assumption moved on its own, the others held (the plan: "
                         f"N = {self.n_params:.3g}, D = {self.n_tokens:.3g}, loss "
                         f"{self.loss:.4f}). The model size moves most under: "
                         f"{s.most_influential()}."),
                   ("table", ["assumption", "low / high", "N", "D", "loss"], rows)]
        if figure_name:
            blocks += [("img", figure_name)]
        sources = [references.HOFFMANN, references.BESIROGLU, references.SARDANA]
        if self.unique_tokens is not None:
            sources.append(references.MUENNIGHOFF)
        blocks += [("h2", "Sources"), ("ul", sources),
                   ("p", "Written by scaling_utils.allocation.plan (Scaling Laws, Hands-On, "
                         "lesson 10).")]
        return blocks

    def to_markdown(self, figure_name=None) -> str:
        """The one-page recommendation as Markdown: decision, numbers, assumptions, uncertainty,
        what would change it, sources.

        Parameters
        ----------
        figure_name : str, optional
            A PNG file beside the Markdown to show (as :meth:`write` does); none when None.

        Returns
        -------
        str

        Raises
        ------
        CourseValueError
            When ``figure_name`` is not a file name ending in ``.png``.

        Examples
        --------
        >>> from scaling_utils import allocation
        >>> text = allocation.plan(1e23, n_resamples=100).to_markdown()
        >>> text.splitlines()[0]
        '# Training plan: 2.94e+10 parameters on 5.66e+11 tokens'

        Introduced in lesson 10.
        """
        _figure_name(figure_name)
        out = []
        for block in self._blocks(figure_name):
            kind = block[0]
            if kind == "h1":
                out.append(f"# {block[1]}\n")
            elif kind == "h2":
                out.append(f"## {block[1]}\n")
            elif kind == "p":
                out.append(f"{block[1]}\n")
            elif kind == "ul":
                out.append("\n".join(f"- {item}" for item in block[1]) + "\n")
            elif kind == "table":
                header, rows = block[1], block[2]
                lines = ["| " + " | ".join(header) + " |",
                         "|" + "|".join("---" for _ in header) + "|"]
                lines += ["| " + " | ".join(row) + " |" for row in rows]
                out.append("\n".join(lines) + "\n")
            elif kind == "img":
                out.append(f"![the plan on its budget line, and how it moves]({block[1]})\n")
        return "\n".join(out)

    def _html(self, png: bytes) -> str:
        parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
                 f"<title>{html.escape(self._blocks(None)[0][1])}</title>",
                 "<style>body{font-family:sans-serif;max-width:52em;margin:2em auto;"
                 "line-height:1.4}table{border-collapse:collapse}td,th{border:1px solid #bbb;"
                 "padding:.2em .6em;text-align:left}img{max-width:100%}</style></head><body>"]
        for block in self._blocks("figure"):
            kind = block[0]
            if kind in ("h1", "h2", "p"):
                parts.append(f"<{kind}>{html.escape(block[1])}</{kind}>")
            elif kind == "ul":
                parts.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in block[1])
                             + "</ul>")
            elif kind == "table":
                head = "".join(f"<th>{html.escape(h)}</th>" for h in block[1])
                body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row)
                               + "</tr>" for row in block[2])
                parts.append(f"<table><tr>{head}</tr>{body}</table>")
            elif kind == "img":
                data = base64.b64encode(png).decode("ascii")
                parts.append(f'<p><img alt="the plan on its budget line, and how it moves" '
                             f'src="data:image/png;base64,{data}"></p>')
        parts.append("</body></html>")
        return "\n".join(parts) + "\n"

    def figure_png(self) -> bytes:
        """The report's figure as PNG bytes: :meth:`plot` beside :meth:`plot_tornado`.

        Returns
        -------
        bytes

        Raises
        ------
        Nothing of its own.

        Examples
        --------
        >>> from scaling_utils import allocation
        >>> allocation.plan(1e23, n_resamples=100).figure_png()[:4]
        b'\\x89PNG'

        Introduced in lesson 10.
        """
        from matplotlib.figure import Figure   # no pyplot: the notebook's backend is left alone

        from . import plotting

        with plotting.style():
            fig = Figure(figsize=(11.5, 4.2))
            left, right = fig.subplots(1, 2)
            self.plot(left)
            self.plot_tornado(right)
            fig.tight_layout()
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
        return buffer.getvalue()

    def write(self, path, *, overwrite=False) -> tuple:
        """Write the one-page recommendation: ``path`` (Markdown), its figure beside it
        (``.png``, same stem) and a self-contained ``.html`` (the figure embedded, nothing
        fetched from the network).

        It never overwrites a file someone may have edited. Each file it writes is stamped with
        the SHA-256 of its content (the Markdown also records the PNG's); a file that is still
        exactly as :meth:`write` left it is replaced, any other file with one of the three names
        (edited since, or not written by this method) makes it refuse — before writing anything —
        unless ``overwrite=True``.

        Parameters
        ----------
        path : str or pathlib.Path
            The Markdown file, ending in ``.md``; its folder must exist.
        overwrite : bool, default False
            Replace existing files even when edited.

        Returns
        -------
        (markdown, png, html) : tuple of pathlib.Path

        Raises
        ------
        CourseValueError
            When ``path`` does not end in ``.md``, its folder does not exist, or a file would be
            overwritten that was edited (the message says which, and how to proceed).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from scaling_utils import allocation
        >>> p = allocation.plan(1e23, n_resamples=100)
        >>> temporary = tempfile.TemporaryDirectory()          # removed at the end
        >>> folder = pathlib.Path(temporary.name)
        >>> [f.name for f in p.write(folder / "plan.md")]
        ['plan.md', 'plan.png', 'plan.html']
        >>> _ = p.write(folder / "plan.md")          # unchanged since: replaced
        >>> with open(folder / "plan.md", "a") as f:
        ...     _ = f.write("my notes")
        >>> p.write(folder / "plan.md")
        Traceback (most recent call last):
        ...
        scaling_utils._validate.CourseValueError: plan.md was changed after Plan.write wrote it (or was not written by it), and write() never overwrites such a file: give another path, or pass overwrite=True to replace it.
        >>> temporary.cleanup()

        Introduced in lesson 10.
        """
        md_path = _markdown_path(path)
        png_path, html_path = md_path.with_suffix(".png"), md_path.with_suffix(".html")
        if not isinstance(overwrite, (bool, np.bool_)):
            raise CourseValueError(f"overwrite must be True or False; got "
                                   f"{_validate._describe(overwrite)}.")
        if not overwrite:
            recorded_png = _stamp_of(md_path, "png")
            for target in (md_path, html_path):
                if target.exists() and _stamp_of(target, "sha256") != _digest(_body(target)):
                    raise _refusal(target)
            if png_path.exists() and (recorded_png is None
                                      or recorded_png != _digest(png_path.read_bytes())
                                      or not md_path.exists()):
                raise _refusal(png_path)
        png = self.figure_png()
        markdown = self.to_markdown(png_path.name)
        markdown += _stamp(markdown, png=_digest(png))
        page = self._html(png)
        page += _stamp(page)
        png_path.write_bytes(png)
        md_path.write_text(markdown, encoding="utf-8")
        html_path.write_text(page, encoding="utf-8")
        return md_path, png_path, html_path


# --- files: stamps that tell an untouched report from an edited one ---------------------------

_STAMP = re.compile(r"\n<!-- written by scaling_utils Plan\.write; (?P<fields>[^>]*) -->\n\Z")


def _digest(data) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _stamp(text: str, **extra) -> str:
    fields = " ".join([f"sha256={_digest(text)}"] + [f"{k}={v}" for k, v in extra.items()])
    return f"\n<!-- written by scaling_utils Plan.write; {fields} -->\n"


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return ""


def _stamp_of(path: Path, key: str):
    if not path.exists():
        return None
    match = _STAMP.search(_read_text(path))
    if not match:
        return None
    fields = dict(item.split("=", 1) for item in match.group("fields").split())
    return fields.get(key)


def _body(path: Path) -> str:
    text = _read_text(path)
    match = _STAMP.search(text)
    return text[: match.start()] if match else text


def _refusal(path: Path) -> CourseValueError:
    return CourseValueError(
        f"{path.name} was changed after Plan.write wrote it (or was not written by it), and "
        f"write() never overwrites such a file: give another path, or pass overwrite=True to "
        f"replace it.")


def _markdown_path(path) -> Path:
    if not isinstance(path, (str, Path)) or not str(path):
        raise CourseValueError(f"path must be a file name ending in .md, such as 'plan.md'; got "
                               f"{_validate._describe(path)}.")
    result = Path(path)
    if result.suffix.lower() != ".md":
        raise CourseValueError(f"path must end in .md (the figure and the HTML are written "
                               f"beside it with the same name); got {str(path)!r}.")
    if not result.parent.is_dir():
        raise CourseValueError(f"the folder {str(result.parent)!r} does not exist; create it "
                               f"first or give a path in an existing folder.")
    return result


def _figure_name(name) -> None:
    if name is None:
        return
    if not isinstance(name, str) or not name.lower().endswith(".png") or "/" in name:
        raise CourseValueError(f"figure_name must be a file name ending in .png, such as "
                               f"'plan.png'; got {_validate._describe(name)}.")


# --------------------------------------------------------------------------------------------
# plan()

def _smallest_budget(law, t) -> float:
    """The lifetime budget whose fresh-data optimum has :data:`SMALLEST_MODEL_PARAMS`
    parameters: at that ``N`` the optimality condition fixes ``D`` (bisection in ``ln D``)."""
    n = SMALLEST_MODEL_PARAMS
    lhs = law.alpha * law.A * n ** -law.alpha
    low, high = 0.0, 200.0
    for _ in range(100):
        mid = 0.5 * (low + high)
        d = np.exp(mid)
        if law.beta * law.B * d ** -law.beta * (1.0 + t / (3.0 * d)) > lhs:
            low = mid
        else:
            high = mid
    d = np.exp(0.5 * (low + high))
    return float(6.0 * n * d + 2.0 * n * t)


def plan(compute_flops=None, *, target_loss=None, law=None, unique_tokens=None,
         inference_tokens=0.0, fit=None, n_resamples=400, seed=0) -> Plan:
    r"""Plan a training run: the model size and tokens for a lifetime budget or a target loss,
    with capped unique data and an expected inference demand, and intervals from a bootstrap.

    *Compute mode* (``compute_flops`` = ``C``): minimise the loss subject to the lifetime
    budget ``6·N·D + 2·N·T ≤ C`` (training, then ``2N`` FLOPs per token of the ``T`` =
    ``inference_tokens`` served; Sardana et al. 2024, arXiv:2401.00448). The loss is the law's
    ``E + A/N^α + B/D^β`` (Hoffmann et al. 2022, arXiv:2203.15556, Eq. 2). Spending the whole
    budget is optimal, so ``D = C/(6N) − T/3``, and the optimum satisfies (a Lagrange
    condition)

    .. math:: \alpha A N^{-\alpha} = \beta B D^{-\beta}\Bigl(1 + \frac{T}{3D}\Bigr),

    solved by bisection in ``ln N``: with ``T = 0`` it is Hoffmann et al.'s Eq. 4
    (:func:`~scaling_utils.allocation.chinchilla_optimal`); inference demand shrinks the model.
    With ``unique_tokens`` = ``U``, the loss is that of
    ``laws.DataConstrainedLaw.from_law(law)`` (Muennighoff et al. 2023, arXiv:2305.16264,
    Eq. 5–6: repeated tokens and excess parameters are worth less), minimised along the same
    lifetime-budget line by a grid in ``ln N`` refined by golden-section steps — the budget and
    the cap are handled together.

    *Target mode* (``target_loss`` = ``ℓ``): the least lifetime compute that reaches ``ℓ``.
    Without a cap it is lesson 08's :func:`~scaling_utils.allocation.inference_aware_optimal`;
    with one, the smallest budget whose capped optimum reaches ``ℓ`` (Newton's method in
    ``ln C``).

    *Intervals.* Every quantity is solved again for each of ``n_resamples`` bootstrap laws,
    vectorised. For your own runs (``fit``), Efron's bootstrap of them
    (:func:`~scaling_utils.fitting.bootstrap_chinchilla`). For a published law whose runs are
    not public, a study simulated from the law (:data:`SYNTHETIC_STUDY`, lesson 05's) is
    bootstrapped and each resample's deviation from that study's fit is added to the law; the
    plan's ``interval_source`` says which. Resamples are cached by law, count and seed, so
    planning again with other budgets, caps or demands under the same law costs only the
    vectorised solve.

    Parameters
    ----------
    compute_flops : float, optional
        ``C``, the lifetime budget in FLOPs (> 0). Exactly one of it and ``target_loss``.
        From GPU-hours: :func:`scaling_utils.compute.gpu_hours_to_flops`.
    target_loss : float, optional
        ``ℓ``, above the law's ``E``.
    law : ChinchillaLaw, optional
        The one-epoch law; ``references.BESIROGLU_2024`` when neither it nor ``fit`` is given.
    unique_tokens : float, optional
        ``U``, the unique tokens available (> 0); None for no cap.
    inference_tokens : float, default 0
        ``T``, tokens served over the model's life (≥ 0).
    fit : runs, ChinchillaFit or ChinchillaBootstrap, optional
        Your own study (lesson 09): its runs as ``(n_params, n_tokens, loss)`` (or an object
        with those attributes), fitted and bootstrapped here; or a bootstrap result, whose
        resamples are used; or a fit alone (it keeps no runs, so the intervals come from a study
        simulated from its law, and say so). The law is the fit's. Give ``law`` or ``fit``.
    n_resamples : int, default 400
        Bootstrap resamples (≥ 10).
    seed : int, default 0
        Seed of the simulated study and of the resampling.

    Returns
    -------
    Plan
        ``n_params``, ``n_tokens``, ``epochs``, ``loss``, ``training_flops``,
        ``inference_flops``, ``total_flops``, ``interval(name, level)``, ``fixed_loss`` (lesson
        08's choice), ``sensitivity()``, ``to_markdown()``, ``write(path)``.

    Raises
    ------
    CourseValueError
        When both or neither of ``compute_flops`` and ``target_loss`` are given; a budget or
        count is not positive; ``law`` is not a ChinchillaLaw (or both ``law`` and ``fit`` are
        given); the target is at or below ``E`` (or, with a cap, at or below the loss floor of
        the unique data); or the budget is below the smallest sensible model's (the message
        gives it).

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> p = allocation.plan(1e23)
    >>> n, d = allocation.chinchilla_optimal(references.BESIROGLU_2024, 1e23)
    >>> abs(p.n_params / n - 1) < 1e-9, abs(p.n_tokens / d - 1) < 1e-9
    (True, True)
    >>> served = allocation.plan(1e23, inference_tokens=2e12, unique_tokens=2e11)
    >>> f"N = {served.n_params:.3g}, D = {served.n_tokens:.3g}, {served.epochs:.2f} epochs"
    'N = 1.1e+10, D = 8.52e+11, 4.26 epochs'
    >>> f"{served.total_flops:.4g}", served.interval_source[:40]
    ('1e+23', 'a bootstrap of a study simulated from Be')

    Introduced in lesson 10.
    """
    from . import allocation

    k = _validate.positive_int(n_resamples, "n_resamples", minimum=10)
    seed = _validate.seed_value(seed)
    if (compute_flops is None) == (target_loss is None):
        raise CourseValueError(
            "give exactly one of compute_flops (a lifetime budget in FLOPs: the plan minimises "
            "the loss) and target_loss (a loss to reach: the plan minimises the compute); got "
            + ("both." if compute_flops is not None else "neither."))
    if law is not None and fit is not None:
        raise CourseValueError("give law (a published or chosen ChinchillaLaw) or fit (your own "
                               "runs or their fit), not both: a fit brings its own law.")
    rows, own_name, count, kind = None, None, 0, "synthetic"
    if fit is not None:
        law, rows, count, kind = _read_fit(fit, k, seed)
        own_name = f"your fit of {count} runs"
    elif law is None:
        law = references.BESIROGLU_2024
    elif not isinstance(law, laws.ChinchillaLaw):
        hint = ""
        if type(law).__name__ in ("ChinchillaFit", "ChinchillaBootstrap"):
            hint = " For a fit of your runs pass it as fit=..., not law=..."
        elif isinstance(law, laws.DataConstrainedLaw):
            hint = (" Pass its base law (law.base) and the cap as unique_tokens: the planner "
                    "puts the repetition model on it.")
        raise CourseValueError(f"law must be a fitted laws.ChinchillaLaw, such as "
                               f"references.BESIROGLU_2024 or references.HOFFMANN_2022; got "
                               f"{_validate._describe(law)}.{hint}")
    u = None if unique_tokens is None else _validate.positive_float(unique_tokens,
                                                                     "unique_tokens")
    t = _validate.nonnegative_float(inference_tokens, "inference_tokens")
    fixed = references.MUENNIGHOFF_2023_FIT
    r_d, r_n = fixed.r_d_star, fixed.r_n_star
    u_value = np.nan if u is None else u

    if compute_flops is not None:
        c = _validate.positive_float(compute_flops, "compute_flops")
        smallest = _smallest_budget(law, t)
        if c < smallest:
            raise CourseValueError(
                f"compute_flops {c:.3g} is below the smallest sensible budget, {smallest:.3g} "
                f"FLOPs, at which the best model has {SMALLEST_MODEL_PARAMS:,.0f} parameters"
                + (f" and serves {t:.3g} tokens" if t else "")
                + f"; give a budget of at least {smallest:.3g} FLOPs"
                + (" or less inference demand." if t else "."))
        mode, ell = "compute", None
        n, d, loss = (float(x[0]) for x in _solve_budget(_rows(law), c, t, u_value, r_d, r_n))
        train_only = law(*allocation.chinchilla_optimal(law, c))
        fixed_loss = allocation.inference_aware_optimal(law, train_only, t)
    else:
        mode = "target"
        ell = allocation._target_above_floor(law, target_loss)
        if u is not None:
            floor = float(_capped_floor(_rows(law), np.array([u]), r_d, r_n)[0])
            if ell <= floor:
                raise CourseValueError(
                    f"with {u:.3g} unique tokens no budget reaches loss {ell:g}: repeated data "
                    f"lose value, so the loss cannot fall below {floor:.4f} however long one "
                    f"trains. Give a target above {floor:.4f}, or more unique data.")
        n, d, c = (float(x[0]) for x in _solve_target(_rows(law), ell, t, u_value, r_d, r_n))
        if n < SMALLEST_MODEL_PARAMS:
            raise CourseValueError(
                f"loss {ell:g} is reached by a model of {n:.3g} parameters, below the smallest "
                f"sensible model ({SMALLEST_MODEL_PARAMS:,.0f}); give a lower target.")
        loss = ell
        fixed_loss = allocation.inference_aware_optimal(law, ell, t)

    # The resamples and the same optimum for each of them.
    if rows is None:
        rows, study_runs = _synthetic_resamples(law, k, seed)
        if kind == "fit":
            source = (f"a bootstrap of a study simulated from your fitted law ({study_runs} "
                      f"runs, lesson 05's design, 1% scatter): a ChinchillaFit keeps no runs to "
                      f"resample; pass your runs as fit=(n_params, n_tokens, loss) to bootstrap "
                      f"them instead.")
        else:
            s = SYNTHETIC_STUDY
            source = (f"a bootstrap of a study simulated from {_law_name(law)} — its runs are "
                      f"not public — with {study_runs} runs ({s['n_budgets']} IsoFLOP budgets "
                      f"from {s['budgets'][0]:.0e} to {s['budgets'][1]:.0e} FLOPs × "
                      f"{s['models_per_budget']} models, {s['noise']:.0%} log-normal scatter: "
                      f"lesson 05's study; the scatter is the course's choice). {k} resamples, "
                      f"their spread centred on the law.")
    else:
        what = "resamples of your bootstrap" if kind == "bootstrap" else "bootstrap resamples"
        source = f"{rows.shape[0]} {what} of your {count} runs, each refitted."
    samples = _resample_samples(rows, mode, c, ell, t, u_value, r_d, r_n)
    return Plan(mode, law, _law_name(law, own_name), float(c), ell, u, t, n, d, float(loss),
                source, samples, fixed_loss, r_d, r_n, law if own_name else None, rows)


def _resample_samples(rows, mode, c, ell, t, u, r_d, r_n) -> dict:
    if mode == "compute":
        n, d, loss = _solve_budget(rows, c, t, u, r_d, r_n)
        total = np.full_like(n, c)
    else:
        n, d, total = _solve_target(rows, ell, t, u, r_d, r_n)
        loss = np.where(np.isfinite(n), ell, np.nan)
    epochs = np.ones_like(n) if np.isnan(u) else d / u
    return {"n_params": n, "n_tokens": d, "loss": loss, "tokens_per_param": d / n,
            "epochs": epochs, "training_flops": 6.0 * n * d, "total_flops": total}


# --------------------------------------------------------------------------------------------
# Sensitivity: one assumption at a time

@dataclass(frozen=True, repr=False)
class Sensitivity:
    """How a plan moves when each assumption is moved on its own: the data of a tornado chart.
    Made by :func:`plan_sensitivity`.

    Row ``i`` is ``assumptions[i]`` set to ``settings[i][0]`` (low) and ``settings[i][1]``
    (high); ``n_params[i]``, ``n_tokens[i]``, ``loss[i]`` hold the plan's numbers at each (NaN
    where a setting cannot reach the target). ``base`` is the plan's own ``(N, D, loss)``.

    Examples
    --------
    >>> from scaling_utils import allocation
    >>> s = allocation.plan(1e23, unique_tokens=3e11, n_resamples=100).sensitivity()
    >>> s.assumptions[:2]
    ('compute budget', 'unique data')

    Introduced in lesson 10.
    """

    assumptions: tuple
    settings: tuple
    n_params: np.ndarray
    n_tokens: np.ndarray
    loss: np.ndarray
    base: tuple

    def swing(self, quantity="n_params") -> np.ndarray:
        """``|ln(high/low)|`` of ``quantity`` per row, the width of each tornado bar in log
        units (for the loss, the absolute change).

        Parameters
        ----------
        quantity : {"n_params", "n_tokens", "loss"}

        Returns
        -------
        numpy.ndarray

        Raises
        ------
        CourseValueError
            When ``quantity`` is not one of the three.

        Examples
        --------
        >>> from scaling_utils import allocation
        >>> s = allocation.plan(1e23, n_resamples=100).sensitivity()
        >>> bool(s.swing("n_params")[0] > 0)
        True

        Introduced in lesson 10.
        """
        values = self._values(quantity)
        low, high = np.nanmin(values, axis=1), np.nanmax(values, axis=1)
        if quantity == "loss":
            return high - low
        return np.log(high / low)

    def _values(self, quantity):
        if quantity not in ("n_params", "n_tokens", "loss"):
            raise CourseValueError(f"quantity must be 'n_params', 'n_tokens' or 'loss'; got "
                                   f"{quantity!r}.")
        return getattr(self, quantity)

    def most_influential(self, quantity="n_params") -> str:
        """The assumption that moves ``quantity`` the most.

        Parameters
        ----------
        quantity : {"n_params", "n_tokens", "loss"}

        Returns
        -------
        str

        Raises
        ------
        CourseValueError
            When ``quantity`` is not one of the three.

        Examples
        --------
        >>> from scaling_utils import allocation
        >>> allocation.plan(1e23, n_resamples=100).sensitivity().most_influential("loss")
        'beta ± sd'

        Introduced in lesson 10.
        """
        return self.assumptions[int(np.nanargmax(self.swing(quantity)))]

    def __str__(self) -> str:
        n0, d0, l0 = self.base
        lines = [f"plan: N = {n0:.3g}, D = {d0:.3g}, loss {l0:.4f}; each assumption moved alone:"]
        for i, name in enumerate(self.assumptions):
            lo, hi = self.settings[i]
            lines.append(f"  {name}: {lo} → N {self.n_params[i, 0]:.3g}, loss "
                         f"{self.loss[i, 0]:.4f};  {hi} → N {self.n_params[i, 1]:.3g}, loss "
                         f"{self.loss[i, 1]:.4f}")
        return "\n".join(lines)

    def plot_tornado(self, ax=None, quantity="n_params"):
        """A tornado chart: one bar per assumption from its low to its high setting, the
        widest at the top, on a log axis of ``quantity`` relative to the plan.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure in the house style when None.
        quantity : {"n_params", "n_tokens", "loss"}
            What the bars show (the loss on a linear axis of its difference from the plan's).

        Returns
        -------
        matplotlib Axes

        Raises
        ------
        CourseValueError
            When ``quantity`` is not one of the three.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from scaling_utils import allocation
        >>> s = allocation.plan(1e23, n_resamples=100).sensitivity()
        >>> ax = s.plot_tornado()
        >>> len(ax.patches) == len(s.assumptions), ax.get_xscale()
        (True, 'log')
        >>> plt.close(ax.figure)

        Introduced in lesson 10.
        """
        from . import plotting

        values = self._values(quantity)
        base = self.base[("n_params", "n_tokens", "loss").index(quantity)]
        order = np.argsort(-np.nan_to_num(self.swing(quantity)), kind="stable")[::-1]
        label = {"n_params": "parameters N relative to the plan",
                 "n_tokens": "tokens D relative to the plan",
                 "loss": "loss minus the plan's"}[quantity]
        fig, ax = plotting.new_axes(xlabel=label, ylabel="", ax=ax,
                                    title="what moves the plan (each assumption alone)")
        for y, i in enumerate(order):
            row = values[i] / base if quantity != "loss" else values[i] - base
            row = np.where(np.isfinite(row), row, 1.0 if quantity != "loss" else 0.0)
            low, high = float(np.min(row)), float(np.max(row))
            if quantity != "loss" and high / low < 1.0005:
                low, high = low / 1.0005, high * 1.0005
            ax.barh(y, high - low, left=low, height=0.6, color=plotting.PALETTE["blue"],
                    alpha=0.75)
            ax.text(high, y, f"  {self.settings[i][int(np.argmax(row))]}", va="center",
                    fontsize=7)
            ax.text(low, y, f"{self.settings[i][int(np.argmin(row))]}  ", va="center",
                    ha="right", fontsize=7)
        ax.set_yticks(range(len(order)))
        ax.set_yticklabels([self.assumptions[i] for i in order])
        ax.axvline(1.0 if quantity != "loss" else 0.0, color="0.2", lw=1)
        if quantity != "loss":
            ax.set_xscale("log")
            ax.xaxis.set_major_formatter(plotting.log_tick_formatter())
            ax.xaxis.set_minor_formatter(plotting.log_tick_formatter())
            span = np.nanmax(np.abs(np.log(np.where(np.isfinite(values), values, base) / base)))
            ax.set_xlim(np.exp(-2.2 * span - 0.1), np.exp(2.0 * span + 0.1))   # room for labels
        return ax


def plan_sensitivity(p) -> Sensitivity:
    """How a plan moves when each of its assumptions moves alone: the data of a tornado chart.

    The assumptions, each at a low and a high setting with the others held:

    - the compute budget ×0.5 and ×2 (target mode: the target loss −1 % and +1 %);
    - the unique data ×0.5 and ×2 (no cap: a cap at half the planned tokens, and none);
    - the inference demand ×0.5 and ×2 (only when there is one);
    - the law: Hoffmann et al. (2022) as printed, at full precision, Besiroglu et al.'s (2024)
      refit (and your fit, when the plan has one) — low and high are the extremes of the
      model size among them;
    - each exponent, α and β, minus and plus its bootstrap standard deviation (the plan's
      resamples), the other constants held.

    All settings are solved together in one vectorised call (a few milliseconds).

    Parameters
    ----------
    p : Plan
        A plan from :func:`plan`.

    Returns
    -------
    Sensitivity

    Raises
    ------
    CourseValueError
        When ``p`` is not a Plan.

    Examples
    --------
    >>> from scaling_utils import allocation
    >>> s = allocation.plan_sensitivity(allocation.plan(1e23, inference_tokens=1e12,
    ...                                                 n_resamples=100))
    >>> s.assumptions
    ('compute budget', 'unique data', 'inference demand', 'law', 'alpha ± sd', 'beta ± sd')
    >>> print(s.settings[0])
    ('×0.5', '×2')

    Introduced in lesson 10.
    """
    if not isinstance(p, Plan):
        raise CourseValueError(f"p must be a Plan from allocation.plan(...); got "
                               f"{_validate._describe(p)}.")
    base = _rows(p.law)[0]
    u = np.nan if p.unique_tokens is None else p.unique_tokens
    cases = []   # (assumption, label, law row, budget or target, demand, cap)
    level = p.compute_flops if p.mode == "compute" else p.target_loss
    if p.mode == "compute":
        cases += [("compute budget", "×0.5", base, level / 2, p.inference_tokens, u),
                  ("compute budget", "×2", base, level * 2, p.inference_tokens, u)]
    else:
        cases += [("target loss", "−1%", base, level * 0.99, p.inference_tokens, u),
                  ("target loss", "+1%", base, level * 1.01, p.inference_tokens, u)]
    if p.unique_tokens is None:
        cases += [("unique data", "U = D/2", base, level, p.inference_tokens, p.n_tokens / 2),
                  ("unique data", "no cap", base, level, p.inference_tokens, np.nan)]
    else:
        cases += [("unique data", "×0.5", base, level, p.inference_tokens, u / 2),
                  ("unique data", "×2", base, level, p.inference_tokens, u * 2)]
    if p.inference_tokens > 0:
        cases += [("inference demand", "×0.5", base, level, p.inference_tokens / 2, u),
                  ("inference demand", "×2", base, level, p.inference_tokens * 2, u)]
    others = [("Hoffmann printed", references.HOFFMANN_2022),
              ("Hoffmann unrounded", references.HOFFMANN_2022_UNROUNDED),
              ("Besiroglu refit", references.BESIROGLU_2024)]
    if p.own_law is not None:
        others.append(("your fit", p.own_law))
    for label, other in others:
        cases.append(("law", label, _rows(other)[0], level, p.inference_tokens, u))
    spread = np.nanstd(p.resample_rows, axis=0, ddof=1)
    for j, name in ((3, "alpha"), (4, "beta")):
        for sign, label in ((-1, "−sd"), (1, "+sd")):
            row = base.copy()
            row[j] = max(row[j] + sign * spread[j], 1e-3)
            cases.append((f"{name} ± sd", f"{name} {label} ({row[j]:.3f})", row, level,
                          p.inference_tokens, u))
    rows = np.array([case[2] for case in cases])
    level_v = np.array([case[3] for case in cases])
    t_v = np.array([case[4] for case in cases])
    u_v = np.array([case[5] for case in cases], dtype=float)
    if p.mode == "compute":
        n, d, loss = _solve_budget(rows, level_v, t_v, u_v, p.r_d_star, p.r_n_star)
    else:
        ok = level_v > rows[:, 0]
        capped = ~np.isnan(u_v)
        if capped.any():
            ok[capped] &= _capped_floor(rows[capped], u_v[capped], p.r_d_star,
                                        p.r_n_star) < level_v[capped]
        n, d, loss = np.full(len(cases), np.nan), np.full(len(cases), np.nan), level_v.copy()
        if ok.any():
            n[ok], d[ok], _ = _solve_target(rows[ok], level_v[ok], t_v[ok], u_v[ok],
                                            p.r_d_star, p.r_n_star)
        loss = np.where(np.isfinite(n), loss, np.nan)
    names, settings, out_n, out_d, out_l = [], [], [], [], []
    for name in dict.fromkeys(case[0] for case in cases):
        idx = [i for i, case in enumerate(cases) if case[0] == name]
        if len(idx) > 2:   # the law row: the two extremes of the model size
            finite = [i for i in idx if np.isfinite(n[i])] or idx
            idx = [min(finite, key=lambda i: n[i]), max(finite, key=lambda i: n[i])]
        names.append(name)
        settings.append((cases[idx[0]][1], cases[idx[1]][1]))
        out_n.append(n[idx])
        out_d.append(d[idx])
        out_l.append(loss[idx])
    return Sensitivity(tuple(names), tuple(settings), np.array(out_n), np.array(out_d),
                       np.array(out_l), (p.n_params, p.n_tokens, p.loss))
