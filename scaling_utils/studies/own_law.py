"""Lesson 09: the learner's own scaling law — fitted to their sweep, its IsoFLOP profiles, its
compute-optimal frontier, and a backtest on the runs it did not see."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import _validate, allocation, experiments, fitting, plotting, references
from ._base import Study, log10_in as _log10_in

__all__ = ["OWN_LAW_SUBSETS", "OWN_LAW_SEEDS", "OwnLawStudy", "own_law_study",
           "CHINCHILLA_TOKENS_PER_PARAM"]

#: Which runs of a sweep the law is fitted to, by the name the dashboard shows. The runs left
#: out are the backtest: the law predicts them.
OWN_LAW_SUBSETS = ("all 36 runs", "all but the largest budget", "all but the widest model",
                   "all but the largest budget and the widest model")
#: The seeds whose sweeps ship with the course (:func:`scaling_utils.experiments.precomputed_sweep`).
OWN_LAW_SEEDS = (0, 1, 2, 3, 4)
#: Hoffmann et al. (2022), Table 3 (Approach 1's projections): the lowest and highest
#: compute-optimal tokens per parameter, D/N, of its rows (20.0 and 22.4).
CHINCHILLA_TOKENS_PER_PARAM = (min(d / n for n, _, d in references.HOFFMANN_2022_TABLE3),
                               max(d / n for n, _, d in references.HOFFMANN_2022_TABLE3))

_CHINCHILLA_A = (references.HOFFMANN_2022_TABLE2["Approach 3 (parametric modelling of the loss)"]
                 ["a"][0],
                 references.HOFFMANN_2022_TABLE2["Approach 1 (minimum over training curves)"]["a"][0])
_PROFILES = (1e9, 1e10, 1e11)
_FRONTIER = np.geomspace(1e8, 1e13, 41)


def _subset_mask(sweep, subset):
    widest = sweep.width == sweep.width.max()
    largest = sweep.n_tokens == sweep.n_tokens.max()
    return {OWN_LAW_SUBSETS[0]: np.ones(len(sweep), bool), OWN_LAW_SUBSETS[1]: ~largest,
            OWN_LAW_SUBSETS[2]: ~widest, OWN_LAW_SUBSETS[3]: ~largest & ~widest}[subset]


@lru_cache(maxsize=None)
def _fitted(seed: int, subset: str):
    sweep = experiments.precomputed_sweep(seed)
    mask = _subset_mask(sweep, subset)
    fit = fitting.fit_chinchilla(sweep.n_params[mask], sweep.n_tokens[mask], sweep.loss[mask],
                                 warn_now=False)
    return sweep, mask, fit


@dataclass(frozen=True, repr=False)
class OwnLawStudy(Study):
    r"""A law fitted to one of the course's sweeps of real training runs, and what it implies.

    Computed by :func:`own_law_study`; the view of lesson 09's own-law dashboard.

    Attributes
    ----------
    seed : int
        The sweep's seed (:func:`scaling_utils.experiments.precomputed_sweep`).
    subset : str
        One of :data:`OWN_LAW_SUBSETS`: the runs fitted.
    sweep : TrainedSweep
        All 36 runs.
    fitted : numpy.ndarray of bool
        Which runs the law was fitted to; the others are held out.
    fit : ChinchillaFit
        :func:`scaling_utils.fitting.fit_chinchilla` on the fitted runs.
    compute : float
        The budget ``C`` (FLOPs, ``6·N·D``) of the readout and of the highlighted profile.
    n_opt, d_opt : float
        The compute-optimal split of ``C`` under the fitted law
        (:func:`scaling_utils.allocation.chinchilla_optimal`, Hoffmann et al. 2022, Eq. 4).
    prediction_error : numpy.ndarray
        ``L̂/L − 1`` of every run: the law's prediction against the measured held-out loss.
    largest : int
        The index of the run of most compute (the widest model on the largest budget).
    frontier_compute, frontier_ratio : numpy.ndarray
        Budgets from 10⁸ to 10¹³ FLOPs and the law's optimal ``D/N`` at each.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.own_law_study(0, "all but the largest budget", 10.0)
    >>> int(study.fitted.sum()), f"{study.fit.law.a:.3f}", f"{study.prediction_error[study.largest]:+.3f}"
    (30, '0.305', '+0.011')

    Introduced in lesson 09.
    """

    seed: int
    subset: str
    sweep: object = field(repr=False)
    fitted: np.ndarray = field(repr=False)
    fit: object = field(repr=False)
    compute: float
    n_opt: float
    d_opt: float
    prediction_error: np.ndarray = field(repr=False)
    largest: int
    frontier_compute: np.ndarray = field(repr=False)
    frontier_ratio: np.ndarray = field(repr=False)

    panels = (1.15, 1, 1)
    figsize = (12.6, 4.1)

    @property
    def law(self):
        """The fitted :class:`~scaling_utils.laws.ChinchillaLaw`."""
        return self.fit.law

    @property
    def tokens_per_param(self) -> float:
        """``D_opt/N_opt`` at :attr:`compute`."""
        return self.d_opt / self.n_opt

    def __str__(self) -> str:
        law, s, k = self.law, self.sweep, self.largest
        held = ~self.fitted
        inside = self.sweep.compute.min() <= self.compute <= self.sweep.compute.max()
        where = "inside" if inside else "outside"
        low, high = CHINCHILLA_TOKENS_PER_PARAM
        lines = [
            f"seed {self.seed}, fitted on {self.subset} ({int(self.fitted.sum())} runs): "
            f"L = {law.E:.3f} + {law.A:.3g}/N^{law.alpha:.3f} + {law.B:.3g}/D^{law.beta:.3f}",
            f"compute-optimal exponent a = β/(α+β) = {law.a:.3f} (Chinchilla: "
            f"{_CHINCHILLA_A[0]:.2f} to {_CHINCHILLA_A[1]:.2f}); RMS log residual "
            f"{self.fit.rmse_log:.3f}",
            f"at C = {self.compute:.3g} FLOPs ({where} your sweep): N_opt = {self.n_opt:.3g}, "
            f"D_opt = {self.d_opt:.3g}: {self.tokens_per_param:.3g} tokens per parameter "
            f"(Chinchilla's Table 3: {low:.0f} to {high:.0f})",
            f"largest run (width {s.width[k]}, {s.n_tokens[k]:,.0f} tokens): measured "
            f"{s.loss[k]:.3f}, predicted {s.loss[k] * (1 + self.prediction_error[k]):.3f} "
            f"({100 * self.prediction_error[k]:+.1f} %; "
            f"{'held out' if held[k] else 'in the fit'})",
        ]
        if held.any():
            worst = np.max(np.abs(self.prediction_error[held]))
            lines.append(f"{int(held.sum())} held-out runs: largest miss {100 * worst:.1f} %")
        return "\n".join(lines)

    def draw(self, axes) -> None:
        ax_runs, ax_iso, ax_ratio = axes
        s, law = self.sweep, self.law
        widths = np.unique(s.width)
        tokens = np.geomspace(s.n_tokens.min() / 1.5, s.n_tokens.max() * 1.5, 60)
        for colour, width in zip(plotting.COLORS, widths):
            rows = s.width == width
            n = float(s.n_params[rows][0])
            ax_runs.plot(tokens, law(n, tokens), color=colour, lw=1.2)
            fit_rows, held_rows = rows & self.fitted, rows & ~self.fitted
            ax_runs.plot(s.n_tokens[fit_rows], s.loss[fit_rows], "o", color=colour, ms=5,
                         label=f"width {width} (N = {n:,.0f})")
            if held_rows.any():
                ax_runs.plot(s.n_tokens[held_rows], s.loss[held_rows], "o", mfc="white",
                             color=colour, ms=7, mew=1.5)
        if (~self.fitted).any():
            ax_runs.plot([], [], "o", mfc="white", color="0.3", ms=7, mew=1.5,
                         label="held out: predicted, not fitted")
        ax_runs.set_xscale("log")
        ax_runs.xaxis.set_major_formatter(plotting.log_tick_formatter())
        ax_runs.set_xlabel("training tokens D (characters)")
        ax_runs.set_ylabel("held-out loss (nats per character)")
        ax_runs.set_title(f"your runs (seed {self.seed}) and the law fitted to them", fontsize=10)
        ax_runs.legend(fontsize=7, loc="upper right")

        n_grid = np.geomspace(1e3, 3e5, 120)
        low = np.inf
        others = tuple(b for b in _PROFILES if abs(np.log10(b / self.compute)) > 0.1)
        for budget in others + (self.compute,):
            chosen = budget == self.compute
            d = budget / (6.0 * n_grid)
            ok = d >= 1e3
            curve = law(n_grid[ok], d[ok])
            low = min(low, curve.min())
            ax_iso.plot(n_grid[ok], curve, color=plotting.PALETTE["blue"] if chosen else "0.6",
                        lw=2.2 if chosen else 1.0,
                        label=f"C = {budget:.2g} FLOPs" if chosen else None)
            n_best, d_best = allocation.chinchilla_optimal(law, budget)
            ax_iso.plot([n_best], [law(n_best, d_best)], "v",
                        color=plotting.PALETTE["vermillion"], ms=6 if chosen else 4)
            if not chosen:
                ax_iso.annotate(plotting.superscript(round(np.log10(budget))) + " FLOPs",
                                (n_best, law(n_best, d_best)), fontsize=7, color="0.4",
                                xytext=(0, -11), textcoords="offset points", ha="center")
        near = np.abs(np.log10(s.compute / self.compute)) <= 0.15
        if near.any():
            ax_iso.plot(s.n_params[near], s.loss[near], "ks", ms=4, mfc="none",
                        label="runs within ×1.4 of this budget")
        ax_iso.set_xscale("log")
        ax_iso.xaxis.set_major_formatter(plotting.log_tick_formatter())
        ax_iso.set_ylim(low - 0.1, low + 1.4)
        ax_iso.set_xlabel("parameters N (D = C/6N)")
        ax_iso.set_ylabel("loss predicted by your law")
        ax_iso.set_title("IsoFLOP profiles of your law (▼ optimum)", fontsize=10)
        ax_iso.legend(fontsize=7, loc="upper center")

        ax_ratio.set_xscale("log")
        ax_ratio.set_yscale("log")
        for axis in (ax_ratio.xaxis, ax_ratio.yaxis):
            axis.set_major_formatter(plotting.log_tick_formatter())
        ax_ratio.axvspan(s.compute.min(), s.compute.max(), color=plotting.PALETTE["sky"],
                         alpha=0.2, lw=0, label="your sweep's budgets")
        ax_ratio.plot(self.frontier_compute, self.frontier_ratio, color=plotting.PALETTE["blue"],
                      lw=2, label=f"your law (a = {law.a:.2f})")
        ax_ratio.axhspan(*CHINCHILLA_TOKENS_PER_PARAM, color="0.3", alpha=0.35, lw=0,
                         label="Chinchilla's Table 3 (at 10¹⁹ FLOPs and up)")
        ax_ratio.plot([self.compute], [self.tokens_per_param], "o",
                      color=plotting.PALETTE["vermillion"], ms=7)
        ax_ratio.set_ylim(1, 300)
        ax_ratio.set_xlabel("compute C (FLOPs)")
        ax_ratio.set_ylabel("optimal tokens per parameter D/N")
        ax_ratio.set_title("the compute-optimal split", fontsize=10)
        ax_ratio.legend(fontsize=7, loc="upper left")
        # No minor ticks: on three log panels they cost more than half of each redraw.
        from matplotlib.ticker import NullLocator

        for ax in axes:
            ax.xaxis.set_minor_locator(NullLocator())
            ax.yaxis.set_minor_locator(NullLocator())


def own_law_study(seed=0, subset="all 36 runs", log10_compute=10.0) -> OwnLawStudy:
    r"""Fit ``L = E + A/N^α + B/D^β`` to (part of) a shipped sweep; read off its IsoFLOP
    profiles, its compute-optimal split and its predictions for the runs left out.

    The sweep is :func:`scaling_utils.experiments.precomputed_sweep` (6 widths × 6 budgets of
    the course's character-level model); the fit is Hoffmann et al. (2022)'s Approach 3
    (:func:`scaling_utils.fitting.fit_chinchilla`, arXiv:2203.15556, §3.3), cached per seed and
    subset; the optimum on ``6·N·D = C`` is their Eq. 4 (``N_opt ∝ C^a``, ``a = β/(α+β)``).
    Leaving the largest runs out and predicting them is a backtest (lesson 06).

    Parameters
    ----------
    seed : int, default 0
        One of :data:`OWN_LAW_SEEDS`.
    subset : str, default "all 36 runs"
        One of :data:`OWN_LAW_SUBSETS`.
    log10_compute : float, default 10
        ``log₁₀ C`` of the highlighted budget, 8 to 13 (the sweep spans about 8.2 to 11.1).

    Returns
    -------
    OwnLawStudy

    Raises
    ------
    CourseValueError
        When ``seed`` or ``subset`` is not one of the shipped ones, or ``log10_compute`` is out of
        its range (or the budget itself was typed).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> print(studies.own_law_study(0, "all 36 runs", 10.0))
    seed 0, fitted on all 36 runs (36 runs): L = 0.902 + 56.8/N^0.556 + 29.1/D^0.342
    compute-optimal exponent a = β/(α+β) = 0.381 (Chinchilla: 0.46 to 0.50); RMS log residual 0.014
    at C = 1e+10 FLOPs (inside your sweep): N_opt = 1.18e+04, D_opt = 1.42e+05: 12 tokens per parameter (Chinchilla's Table 3: 20 to 22)
    largest run (width 256, 400,000 tokens): measured 1.373, predicted 1.392 (+1.4 %; in the fit)

    Introduced in lesson 09.
    """
    if isinstance(seed, bool) or seed not in OWN_LAW_SEEDS:
        raise _validate.CourseValueError(f"seed must be one of the shipped sweeps' seeds "
                                         f"{list(OWN_LAW_SEEDS)}; got {_validate._describe(seed)}.")
    if subset not in OWN_LAW_SUBSETS:
        raise _validate.CourseValueError(f"subset must be one of {', '.join(OWN_LAW_SUBSETS)}; "
                                         f"got {subset!r}.")
    c = 10 ** _log10_in(log10_compute, "log10_compute", 8, 13, "FLOPs")
    sweep, mask, fit = _fitted(int(seed), subset)
    n_opt, d_opt = allocation.chinchilla_optimal(fit.law, c)
    n_front, d_front = allocation.chinchilla_optimal(fit.law, _FRONTIER)
    return OwnLawStudy(
        seed=int(seed), subset=subset, sweep=sweep, fitted=mask, fit=fit, compute=c,
        n_opt=float(n_opt), d_opt=float(d_opt),
        prediction_error=fit.law(sweep.n_params, sweep.n_tokens) / sweep.loss - 1.0,
        largest=int(np.argmax(sweep.compute)), frontier_compute=_FRONTIER,
        frontier_ratio=d_front / n_front)
