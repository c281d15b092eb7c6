"""Lesson 08: the cheapest model of a given quality over its lifetime (training plus serving), and
what Sardana et al.'s own runs say about laws fitted at ordinary tokens per parameter."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import _validate, allocation, data, fitting, plotting, references
from ._base import Study, log10_in as _log10_in

__all__ = ["LIFETIME_LAW", "LifetimeStudy", "lifetime_study", "OvertrainingCheck",
           "overtraining_check"]

#: The law of lesson 08's lifetime dashboard: Sardana et al.'s (:data:`references.SARDANA_2024`).
LIFETIME_LAW = references.SARDANA_2024

_CURVE_POINTS = 200


@dataclass(frozen=True, repr=False)
class LifetimeStudy(Study):
    """The model of one quality that costs the least to train and serve, on its equal-loss curve.

    Computed by :func:`lifetime_study`; the view of lesson 08's lifetime dashboard.

    Attributes
    ----------
    target_loss, inference_tokens : float
        ``ℓ`` and the tokens served over the model's life, ``T``.
    best : InferenceAwareAllocation
        The lifetime optimum (:func:`scaling_utils.allocation.inference_aware_optimal`) and, in
        its ``chinchilla_*`` attributes, the training-optimal model of the same loss.
    smallest_params : float
        The size below which no amount of data reaches ``ℓ``.
    n_params, n_tokens : numpy.ndarray
        Points of the equal-loss curve ``D(N)``.
    training_flops, inference_flops : numpy.ndarray
        ``6·N·D`` and ``2·N·T`` along it.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.lifetime_study(1.95, 12.3)
    >>> f"{study.best.tokens_per_param:.0f}", f"{study.best.flops_vs_chinchilla:.3f}"
    ('111', '0.950')

    Introduced in lesson 08.
    """

    target_loss: float
    inference_tokens: float
    best: object
    smallest_params: float
    n_params: np.ndarray = field(repr=False)
    n_tokens: np.ndarray = field(repr=False)
    training_flops: np.ndarray = field(repr=False)
    inference_flops: np.ndarray = field(repr=False)

    panels = (1, 1)
    figsize = (10.5, 4.3)

    @property
    def training_vs_chinchilla(self) -> float:
        """Training FLOPs of the lifetime optimum over those of the training-optimal model."""
        b = self.best
        return b.training_flops / (6.0 * b.chinchilla_params * b.chinchilla_tokens)

    def __str__(self) -> str:
        b = self.best
        return "\n".join([
            f"loss {self.target_loss:.3g}, {self.inference_tokens:.3g} tokens served "
            f"(Sardana et al.'s law)",
            f"lifetime optimum: N = {b.n_params:.3g}, D = {b.n_tokens:.3g} "
            f"({b.tokens_per_param:.3g} tokens/parameter)",
            f"training-optimal (Chinchilla) model of that loss: N = {b.chinchilla_params:.3g}, "
            f"D = {b.chinchilla_tokens:.3g} "
            f"({b.chinchilla_tokens / b.chinchilla_params:.3g} tokens/parameter)",
            f"the optimum spends {self.training_vs_chinchilla:.3g}× the training FLOPs and "
            f"{b.flops_vs_chinchilla:.1%} of the lifetime FLOPs "
            f"({b.total_flops:.3g} against {b.chinchilla_total_flops:.3g})",
        ])

    def draw(self, axes) -> None:
        ax_curve, ax_flops = axes
        colours = plotting.PALETTE
        b = self.best
        plotting.loglog_axes(xlabel="parameters N", ylabel="training tokens D", ax=ax_curve)
        ax_curve.plot(self.n_params, self.n_tokens, color="0.35", lw=2,
                      label=f"equal loss {self.target_loss:.3g}")
        ax_curve.plot(self.n_params, 20.0 * self.n_params, color="0.6", ls=":", lw=1.2,
                      label="20 tokens per parameter")
        ax_curve.axvline(self.smallest_params, color=colours["vermillion"], lw=0.8, ls="--",
                         label="smallest N that can reach it")
        ax_curve.plot([b.chinchilla_params], [b.chinchilla_tokens], "s", color=colours["orange"],
                      ms=8, label="training-optimal")
        ax_curve.plot([b.n_params], [b.n_tokens], "o", color=colours["blue"], ms=8,
                      label="lifetime-optimal")
        ax_curve.set_xlim(min(self.n_params[0], self.smallest_params) / 1.3,
                          self.n_params[-1] * 1.3)
        ax_curve.set_title("every model on the curve has the same loss", fontsize=10)
        ax_curve.legend(fontsize=8, loc="upper right")

        total = self.training_flops + self.inference_flops
        plotting.loglog_axes(xlabel="parameters N (trained to the loss)",
                             ylabel="FLOPs", ax=ax_flops)
        ax_flops.plot(self.n_params, self.training_flops, color=colours["orange"], lw=1.5,
                      ls="--", label="training 6ND")
        ax_flops.plot(self.n_params, self.inference_flops, color=colours["sky"], lw=1.5,
                      ls="--", label="inference 2NT")
        ax_flops.plot(self.n_params, total, color=colours["blue"], lw=2, label="lifetime")
        ax_flops.plot([b.chinchilla_params], [b.chinchilla_total_flops], "s",
                      color=colours["orange"], ms=8)
        ax_flops.plot([b.n_params], [b.total_flops], "o", color=colours["blue"], ms=8)
        ax_flops.set_ylim(total.min() / 10, total.min() * 20)
        ax_flops.set_title(f"serving {plotting.tick_label(float(f'{self.inference_tokens:.2g}'))} tokens",
                           fontsize=10)
        ax_flops.legend(fontsize=8, loc="upper center", ncol=3)


def lifetime_study(target_loss=1.95, log10_inference_tokens=12.3) -> LifetimeStudy:
    r"""The model of loss ``target_loss`` with the least lifetime compute when it will serve
    ``10^log10_inference_tokens`` tokens, and the equal-loss curve it lies on.

    Sardana et al. (2024), arXiv:2401.00448: minimise ``6·N·D + 2·N·T`` subject to
    ``L(N, D) = ℓ`` under their law (:data:`LIFETIME_LAW`), solved by
    :func:`scaling_utils.allocation.inference_aware_optimal`; the curve is
    :func:`scaling_utils.allocation.equal_loss_tokens` on 200 sizes, from the one that needs 30
    times the tokens of the larger of the two models (closer to the smallest size that can reach
    ``ℓ``, :func:`scaling_utils.allocation.smallest_params_for_loss`, the tokens run off to
    infinity) to four times the training-optimal size.

    Parameters
    ----------
    target_loss : float, default 1.95
        ``ℓ`` (1.75 to 3): above the law's ``E = 1.69``.
    log10_inference_tokens : float, default 12.3
        ``log₁₀ T`` (6 to 16): 12.3 is about 2 trillion tokens, the README's example.

    Returns
    -------
    LifetimeStudy

    Raises
    ------
    CourseValueError
        When ``target_loss`` is outside [1.75, 3] or the exponent is out of range (or the
        quantity itself was typed for it).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> print(studies.lifetime_study(1.95, 12.3))
    loss 1.95, 2e+12 tokens served (Sardana et al.'s law)
    lifetime optimum: N = 2.32e+10, D = 2.58e+12 (111 tokens/parameter)
    training-optimal (Chinchilla) model of that loss: N = 3.29e+10, D = 1.74e+12 (52.8 tokens/parameter)
    the optimum spends 1.04× the training FLOPs and 95.0% of the lifetime FLOPs (4.51e+23 against 4.75e+23)

    Introduced in lesson 08.
    """
    target = _validate.real(target_loss, "target_loss")
    if not 1.75 <= target <= 3.0:
        raise _validate.CourseValueError(
            f"target_loss must lie between 1.75 and 3 (the law's floor is E = "
            f"{LIFETIME_LAW.E:g}, and nearer to it no model is practical); got {target:g}.")
    demand = 10 ** _log10_in(log10_inference_tokens, "log10_inference_tokens", 6, 16, "tokens")
    return _lifetime(round(target, 12), round(float(demand), 3))


@lru_cache(maxsize=256)
def _lifetime(target: float, demand: float) -> LifetimeStudy:
    law = LIFETIME_LAW
    best = allocation.inference_aware_optimal(law, target, demand)
    smallest = allocation.smallest_params_for_loss(law, target)
    # From the size that needs 30 times the larger of the two models' tokens to four times the
    # training-optimal size: closer to the smallest size the tokens run off to infinity.
    cap = 30.0 * max(best.n_tokens, best.chinchilla_tokens)
    low = (law.A / (target - law.E - law.B * cap ** -law.beta)) ** (1.0 / law.alpha)
    n = np.geomspace(low, 4.0 * best.chinchilla_params, _CURVE_POINTS)
    d = allocation.equal_loss_tokens(law, n, target)
    return LifetimeStudy(target, demand, best, smallest, n, d, 6.0 * n * d, 2.0 * n * demand)


@dataclass(frozen=True, repr=False)
class OvertrainingCheck(Study):
    """Chinchilla's law fitted to Sardana et al.'s runs at ordinary tokens per parameter, then
    asked about their runs at 1,000 and more.

    Computed by :func:`overtraining_check`.

    Attributes
    ----------
    max_tokens_per_param : float
        The runs fitted are those at or below this ratio.
    runs : OvertrainingRuns
        All 47 runs (:func:`scaling_utils.data.load_sardana_runs`).
    fitted : numpy.ndarray of bool
        Which runs the restricted fit saw.
    typical_fit, all_fit : ChinchillaFit
        The law fitted to those runs, and to all 47.
    far : numpy.ndarray of bool
        The runs at 1,000 tokens per parameter or more.
    typical_prediction, all_prediction : numpy.ndarray
        Each fit's loss for every run.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> check = studies.overtraining_check()
    >>> int(check.fitted.sum()), int(check.far.sum())
    (34, 4)
    >>> bool((check.typical_prediction[check.far] < check.runs.loss[check.far]).all())
    True

    Introduced in lesson 08.
    """

    max_tokens_per_param: float
    runs: object
    fitted: np.ndarray = field(repr=False)
    typical_fit: object = field(repr=False)
    all_fit: object = field(repr=False)
    far: np.ndarray = field(repr=False)
    typical_prediction: np.ndarray = field(repr=False)
    all_prediction: np.ndarray = field(repr=False)

    figsize = (7.5, 4.6)

    def __str__(self) -> str:
        r = self.runs
        lines = [f"fitted on the {int(self.fitted.sum())} runs at ≤ "
                 f"{self.max_tokens_per_param:,.0f} tokens/parameter, and on all {len(r)}; "
                 f"the runs at ≥ 1,000:",
                 f"{'run':>6} {'tokens/param':>13} {'measured':>9} {'fit ≤ ' + format(self.max_tokens_per_param, ',.0f'):>10} "
                 f"{'fit, all':>9}"]
        for i in np.flatnonzero(self.far):
            lines.append(f"{r.names[i]:>6} {r.tokens_per_param[i]:>13,.0f} {r.loss[i]:>9.3f} "
                         f"{self.typical_prediction[i]:>10.3f} {self.all_prediction[i]:>9.3f}")
        return "\n".join(lines)

    def draw(self, ax) -> None:
        r = self.runs
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(plotting.log_tick_formatter())
        ratios = np.geomspace(8, 12_000, 120)
        sizes = sorted(set(r.n_params.tolist()))
        for colour, size in zip(plotting.COLORS, sizes):
            mine = r.n_params == size
            name = r.names[int(np.flatnonzero(mine)[0])]
            ax.plot(r.tokens_per_param[mine & self.fitted], r.loss[mine & self.fitted], "o",
                    color=colour, ms=5, label=f"{name}")
            ax.plot(r.tokens_per_param[mine & ~self.fitted], r.loss[mine & ~self.fitted], "o",
                    mfc="white", color=colour, ms=6, mew=1.5)
            if r.tokens_per_param[mine].max() >= 500:
                ax.plot(ratios, self.typical_fit.law(size, size * ratios), color=colour, lw=1.5)
                ax.plot(ratios, self.all_fit.law(size, size * ratios), color=colour, lw=1,
                        ls=":")
        ax.axvspan(8, self.max_tokens_per_param, color="0.9", lw=0, zorder=0)
        ax.text(9, r.loss.min() - 0.02, f"fitted: ≤ {self.max_tokens_per_param:,.0f}",
                fontsize=8, color="0.35")
        ax.plot([], [], color="0.3", lw=1.5, label="law fitted on the grey band")
        ax.plot([], [], color="0.3", lw=1, ls=":", label="law fitted on all runs")
        ax.plot([], [], "o", mfc="white", color="0.3", label="not fitted (open)")
        ax.set_xlim(8, 12_000)
        ax.set_xlabel("training tokens per parameter D/N")
        ax.set_ylabel("final training loss")
        ax.set_title("a law fitted at ordinary ratios is too optimistic far beyond them",
                     fontsize=10)
        ax.legend(fontsize=7.5, ncol=2, loc="upper right")


def overtraining_check(max_tokens_per_param=100) -> OvertrainingCheck:
    r"""Fit ``L = E + A/N^α + B/D^β`` to Sardana et al.'s runs at ordinary ratios of tokens to
    parameters, and compare its predictions with their runs at 1,000 to 10,000.

    Sardana et al. (2024), arXiv:2401.00448, abstract: "developing scaling laws only from data
    collected at typical token/parameter ratios overestimates the impact of additional tokens at
    these extreme ranges". Here both fits are :func:`scaling_utils.fitting.fit_chinchilla`
    (Huber loss on log-losses, δ = 10⁻³) started from every point of Hoffmann et al.'s grid
    (:data:`scaling_utils.references.HOFFMANN_2022_INIT_GRID`, 4,500 starts) — the course's own
    refit, not the authors' numbers. The losses are the runs' final *training* losses, so the
    constants are not comparable with :data:`scaling_utils.references.SARDANA_2024`. Computed
    once per ratio.

    Parameters
    ----------
    max_tokens_per_param : float, default 100
        Fit the runs at or below this ratio (20 to 500: at least six runs of two sizes).

    Returns
    -------
    OvertrainingCheck

    Raises
    ------
    CourseValueError
        When ``max_tokens_per_param`` is outside [20, 500].

    Examples
    --------
    >>> from scaling_utils import studies
    >>> check = studies.overtraining_check(100)
    >>> far = check.far
    >>> bool((check.runs.loss[far] - check.typical_prediction[far]).min() > 0.1)
    True

    Introduced in lesson 08.
    """
    cut = _validate.real(max_tokens_per_param, "max_tokens_per_param")
    if not 20 <= cut <= 500:
        raise _validate.CourseValueError(f"max_tokens_per_param must lie between 20 and 500 "
                                         f"(the runs span 10 to 10,000); got {cut:g}.")
    return _overtraining(float(cut))


def _hoffmann_starts() -> np.ndarray:
    grid = references.HOFFMANN_2022_INIT_GRID
    return np.array(list(itertools.product(grid["e"], grid["a"], grid["b"], grid["alpha"],
                                           grid["beta"])))


@lru_cache(maxsize=8)
def _overtraining(cut: float) -> OvertrainingCheck:
    runs = data.load_sardana_runs()
    fitted = runs.tokens_per_param <= cut
    starts = _hoffmann_starts()
    typical = fitting.fit_chinchilla(runs.n_params[fitted], runs.n_tokens[fitted],
                                     runs.loss[fitted], starts=starts)
    every = fitting.fit_chinchilla(runs.n_params, runs.n_tokens, runs.loss, starts=starts)
    return OvertrainingCheck(cut, runs, fitted, typical, every, runs.tokens_per_param >= 1000,
                             typical.law(runs.n_params, runs.n_tokens),
                             every.law(runs.n_params, runs.n_tokens))
