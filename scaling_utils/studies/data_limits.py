"""Lesson 07: spending compute when the unique data are capped; model collapse over generations."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import _validate, allocation, data, fitting, plotting, references, simulate
from ._base import Study, log10_in as _log10_in

__all__ = ["REPETITION_LAWS", "repetition_law", "RepetitionStudy", "repetition_study",
           "COLLAPSE_CHAINS", "CollapseStudy", "collapse_study"]

#: The decay constants lesson 07's repetition dashboard offers, by the name it shows.
REPETITION_LAWS = ("published (Muennighoff et al.)", "refit on the 182 runs")

_COMPUTE_GRID = np.geomspace(1e18, 1e27, 46)
_LOG_N = np.linspace(np.log(1e6), np.log(1e13), 281)


@lru_cache(maxsize=None)
def repetition_law(name="published (Muennighoff et al.)"):
    """The data-constrained law the repetition dashboard uses, by the name it shows.

    ``"published (Muennighoff et al.)"`` is :data:`scaling_utils.references.MUENNIGHOFF_2023`
    (``R_D* = 15.39``, ``R_N* = 5.31``); ``"refit on the 182 runs"`` puts the decay constants of
    :func:`scaling_utils.fitting.fit_data_constrained` on the shipped runs
    (:func:`scaling_utils.data.load_datablations`) on the same base law. Computed once.

    Parameters
    ----------
    name : str
        One of :data:`REPETITION_LAWS`.

    Returns
    -------
    DataConstrainedLaw

    Raises
    ------
    CourseValueError
        When ``name`` is not one of the two.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> f"{studies.repetition_law('refit on the 182 runs').r_d_star:.3g}"
    '95.4'

    Introduced in lesson 07.
    """
    if name not in REPETITION_LAWS:
        raise _validate.CourseValueError(f"law must be one of {', '.join(REPETITION_LAWS)}; got "
                                         f"{name!r}.")
    if name == REPETITION_LAWS[0]:
        return references.MUENNIGHOFF_2023
    runs = data.load_datablations()
    return fitting.fit_data_constrained(runs.n_params, runs.n_tokens, runs.unique_tokens,
                                        runs.loss, warn_now=False).law


@lru_cache(maxsize=64)
def _limit(law_name: str, unique_tokens: float):
    return allocation.data_constrained_limit(repetition_law(law_name), unique_tokens)


def _best_losses(law, unique_tokens: float) -> np.ndarray:
    """The lowest loss on each compute line of ``_COMPUTE_GRID`` (a grid in log N, for drawing)."""
    n = np.exp(_LOG_N)[None, :]
    c = _COMPUTE_GRID[:, None]
    d = c / (6.0 * n)
    losses = np.where(d >= 1.0, law(n, np.maximum(d, 1.0), unique_tokens), np.inf)
    return losses.min(axis=1)


@dataclass(frozen=True, repr=False)
class RepetitionStudy(Study):
    """The best use of a compute budget when only so many unique tokens exist.

    Computed by :func:`repetition_study`; the view of lesson 07's repetition dashboard.

    Attributes
    ----------
    law_name : str
        One of :data:`REPETITION_LAWS`.
    law : DataConstrainedLaw
        The law (Muennighoff et al. 2023, Eq. 5–6).
    compute, unique_tokens : float
        ``C`` in FLOPs and ``U``.
    best : DataConstrainedAllocation
        The compute-optimal split under the law (``n_params``, ``n_tokens``, ``epochs``,
        ``loss``, ``chinchilla_params``, ``chinchilla_tokens``).
    one_epoch_loss : float
        The loss, under repetition, of the split the one-epoch law would pick
        (``best.chinchilla_params``), the data repeated as needed.
    limit : DataLimit
        The loss floor with ``U`` unique tokens and the compute from which the best loss is
        within 1 % of it.
    n_params, line_loss, line_fresh : numpy.ndarray
        Model sizes on the compute line, the loss there under repetition, and with fresh data.
    computes, best_losses, fresh_losses : numpy.ndarray
        Budgets from 10¹⁸ to 10²⁷ FLOPs, the best loss at each under repetition and with as
        much fresh data as wanted.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.repetition_study(22.0, 10.4)
    >>> f"{study.best.epochs:.3g}", f"{study.limit.loss_floor:.4f}"
    ('9.44', '2.1554')

    Introduced in lesson 07.
    """

    law_name: str
    law: object
    compute: float
    unique_tokens: float
    best: object
    one_epoch_loss: float
    limit: object
    n_params: np.ndarray = field(repr=False)
    line_loss: np.ndarray = field(repr=False)
    line_fresh: np.ndarray = field(repr=False)
    computes: np.ndarray = field(repr=False)
    best_losses: np.ndarray = field(repr=False)
    fresh_losses: np.ndarray = field(repr=False)

    panels = (1, 1)
    figsize = (10.5, 4.2)

    def __str__(self) -> str:
        b = self.best
        n_one, d_one = b.chinchilla_params, b.chinchilla_tokens
        past = ("more compute buys less than 1 % of loss" if self.compute >= self.limit.compute
                else f"within 1 % of it from C = {self.limit.compute:.2g} FLOPs on")
        return "\n".join([
            f"C = {self.compute:.3g} FLOPs, U = {self.unique_tokens:.3g} unique tokens; R_D* = "
            f"{self.law.r_d_star:.3g}, R_N* = {self.law.r_n_star:.3g}",
            f"best: N = {b.n_params:.3g}, D = {b.n_tokens:.3g} ({b.epochs:.3g} epochs), "
            f"loss {b.loss:.4f}",
            f"the one-epoch law's pick: N = {n_one:.3g}, D = {d_one:.3g} "
            f"({d_one / self.unique_tokens:.3g} epochs), loss {self.one_epoch_loss:.4f}",
            f"floor with these data: {self.limit.loss_floor:.4f}; {past}",
        ])

    def draw(self, axes) -> None:
        ax_line, ax_budget = axes
        blue, orange, grey = plotting.PALETTE["blue"], plotting.PALETTE["orange"], "0.45"
        ax_line.set_xscale("log")
        ax_line.xaxis.set_major_formatter(plotting.log_tick_formatter())
        ax_line.plot(self.n_params, self.line_fresh, color=grey, ls="--", lw=1.5,
                     label="fresh data (one-epoch law)")
        ax_line.plot(self.n_params, self.line_loss, color=blue, lw=2,
                     label=f"{self.unique_tokens:.2g} unique tokens, repeated")
        ax_line.plot([self.best.n_params], [self.best.loss], "o", color=blue, ms=8,
                     label="best under repetition")
        ax_line.plot([self.best.chinchilla_params], [self.one_epoch_loss], "s", color=orange,
                     ms=7, label="one-epoch law's pick")
        low = min(self.line_fresh.min(), self.best.loss)
        ax_line.set_ylim(low - 0.02, low + 0.35)
        ax_line.set_xlabel("parameters N (D = C/6N)")
        ax_line.set_ylabel("loss (nats per token)")
        ax_line.set_title(f"one budget: C = {self.compute:.2g} FLOPs", fontsize=10)
        ax_line.legend(fontsize=8, loc="upper center")

        ax_budget.set_xscale("log")
        ax_budget.xaxis.set_major_formatter(plotting.log_tick_formatter())
        ax_budget.plot(self.computes, self.fresh_losses, color=grey, ls="--", lw=1.5,
                       label="fresh data")
        ax_budget.plot(self.computes, self.best_losses, color=blue, lw=2,
                       label="best with these unique tokens")
        ax_budget.axhline(self.limit.loss_floor, color=plotting.PALETTE["vermillion"], lw=1,
                          ls=":", label="floor: no budget gets below")
        ax_budget.axvline(self.limit.compute, color=grey, lw=0.8, ls=":")
        ax_budget.axvline(self.compute, color=orange, lw=1.2)
        ax_budget.set_ylim(self.limit.loss_floor - 0.25, self.limit.loss_floor + 0.9)
        ax_budget.set_xlabel("compute C (FLOPs); dotted: within 1 % of the floor")
        ax_budget.set_ylabel("best loss")
        ax_budget.set_title("every budget: more compute, then a wall", fontsize=10)
        ax_budget.legend(fontsize=8, loc="upper right")


def repetition_study(log10_compute=22.0, log10_unique_tokens=10.4,
                     law="published (Muennighoff et al.)") -> RepetitionStudy:
    r"""The compute-optimal split of ``10^log10_compute`` FLOPs with ``10^log10_unique_tokens``
    unique tokens, under Muennighoff et al.'s data-constrained law.

    Along the compute line ``6·N·D = C`` the loss ``E + A/N'^α + B/D'^β`` (arXiv:2305.16264,
    Eq. 5–6) is minimised (:func:`scaling_utils.allocation.data_constrained_optimal`) and
    compared with the split the one-epoch law would pick as if every token were fresh
    (:func:`scaling_utils.allocation.chinchilla_optimal`); the loss floor and the budget from
    which more compute buys less than 1 % come from
    :func:`scaling_utils.allocation.data_constrained_limit` (cached per ``U`` and law).

    Parameters
    ----------
    log10_compute : float, default 22
        ``log₁₀ C`` (18 to 27).
    log10_unique_tokens : float, default 10.4
        ``log₁₀ U`` (7 to 13); 10.4 is about 25 billion tokens.
    law : str, default "published (Muennighoff et al.)"
        One of :data:`REPETITION_LAWS`.

    Returns
    -------
    RepetitionStudy

    Raises
    ------
    CourseValueError
        When an exponent is out of range (or the quantity was typed for its exponent) or
        ``law`` is unknown.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> print(studies.repetition_study(22.0, 10.4))
    C = 1e+22 FLOPs, U = 2.51e+10 unique tokens; R_D* = 15.4, R_N* = 5.31
    best: N = 7.03e+09, D = 2.37e+11 (9.44 epochs), loss 2.2219
    the one-epoch law's pick: N = 9.22e+09, D = 1.81e+11 (7.2 epochs), loss 2.2240
    floor with these data: 2.1554; within 1 % of it from C = 4.4e+22 FLOPs on

    Introduced in lesson 07.
    """
    c = 10 ** _log10_in(log10_compute, "log10_compute", 18, 27, "FLOPs")
    u = 10 ** _log10_in(log10_unique_tokens, "log10_unique_tokens", 7, 13, "tokens")
    dc_law = repetition_law(law)
    best = allocation.data_constrained_optimal(dc_law, c, u)
    limit = _limit(law, u)
    n_line = np.geomspace(max(1e3, best.n_params / 100), min(np.sqrt(c / 6.0),
                                                             best.n_params * 30), 160)
    d_line = c / (6.0 * n_line)
    base = dc_law.base
    fresh_n, _ = allocation.chinchilla_optimal(base, _COMPUTE_GRID)
    return RepetitionStudy(
        law_name=law, law=dc_law, compute=c, unique_tokens=u, best=best,
        one_epoch_loss=float(dc_law(best.chinchilla_params, best.chinchilla_tokens, u)),
        limit=limit, n_params=n_line, line_loss=dc_law(n_line, d_line, u),
        line_fresh=base(n_line, d_line), computes=_COMPUTE_GRID,
        best_losses=_best_losses(dc_law, u),
        fresh_losses=base(fresh_n, _COMPUTE_GRID / (6.0 * fresh_n)))


#: Chains of the collapse dashboard (seeded; 400 keeps an update fast and the median steady).
COLLAPSE_CHAINS = 400
_MAX_GENERATIONS = 200
_SAMPLE_SIZES = (2, 5, 10, 20, 50, 100)


@lru_cache(maxsize=128)
def _chain(n_samples: int, real_fraction: float, mode: str):
    return simulate.gaussian_refit_chain(n_samples, _MAX_GENERATIONS, n_chains=COLLAPSE_CHAINS,
                                         seed=0, mode=mode, real_fraction=real_fraction)


@dataclass(frozen=True, repr=False)
class CollapseStudy(Study):
    """Gaussians refitted to samples of their predecessors, generation after generation.

    Computed by :func:`collapse_study` from :func:`scaling_utils.simulate.gaussian_refit_chain`
    (:data:`COLLAPSE_CHAINS` chains, seed 0); the view of lesson 07's collapse dashboard.

    Attributes
    ----------
    n_samples, generations : int
        Samples per generation and generations shown.
    real_fraction : float
        The share of each generation's samples drawn from the truth, ``N(0, 1)``.
    mode : str
        ``"replace"`` (train on the newest samples) or ``"accumulate"`` (on all so far).
    median_variance, low_variance, high_variance : numpy.ndarray
        The median, 10th and 90th percentiles over chains of the fitted σ², generations 0 to
        ``generations``.
    final_means, final_variances : numpy.ndarray
        Every chain's fit after the last generation shown.
    collapsed_share : float
        The share of chains whose σ² fell below 0.1 (a tenth of the truth's).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.collapse_study(10, 100)
    >>> study.collapsed_share > 0.9
    True

    Introduced in lesson 07.
    """

    n_samples: int
    generations: int
    real_fraction: float
    mode: str
    median_variance: np.ndarray = field(repr=False)
    low_variance: np.ndarray = field(repr=False)
    high_variance: np.ndarray = field(repr=False)
    final_means: np.ndarray = field(repr=False)
    final_variances: np.ndarray = field(repr=False)
    collapsed_share: float

    panels = (1.2, 1)
    figsize = (10.5, 4.2)

    def __str__(self) -> str:
        real = (f", {100 * self.real_fraction:.0f} % of each generation real"
                if self.real_fraction else ", no real data after the first generation")
        return "\n".join([
            f"{self.mode}: {self.n_samples} samples per generation{real}",
            f"after {self.generations} generations: median σ² {self.median_variance[-1]:.2g} "
            f"(the truth: 1); {100 * self.collapsed_share:.0f} % of {COLLAPSE_CHAINS} chains "
            f"below 0.1",
            f"median distance of the mean from the truth: "
            f"{float(np.median(np.abs(self.final_means))):.2g}",
        ])

    def draw(self, axes) -> None:
        ax_var, ax_fit = axes
        blue = plotting.PALETTE["blue"]
        g = np.arange(self.generations + 1)
        from matplotlib.ticker import NullFormatter

        ax_var.set_yscale("log")
        # Unicode tick labels: the default ones are mathtext, which costs most of a redraw.
        ax_var.yaxis.set_major_formatter(plotting.log_tick_formatter())
        ax_var.yaxis.set_minor_formatter(NullFormatter())
        ax_var.fill_between(g, self.low_variance, self.high_variance, color=blue, alpha=0.2,
                            lw=0, label="10th–90th percentile of chains")
        ax_var.plot(g, self.median_variance, color=blue, lw=2, label="median σ²")
        ax_var.axhline(1.0, color="black", lw=0.8, ls="--", label="the truth, σ² = 1")
        ax_var.set_ylim(max(1e-8, float(self.low_variance.min()) / 2),
                        max(3.0, 1.5 * float(self.high_variance.max())))
        ax_var.set_xlim(0, self.generations)
        ax_var.set_xlabel("generation")
        ax_var.set_ylabel("fitted variance σ²")
        ax_var.set_title("the spread of each generation's model", fontsize=10)
        ax_var.legend(fontsize=8, loc="lower left")

        x = np.linspace(-4, 4, 161)
        shown = min(20, self.final_means.size)
        xs, ys = [], []
        for mean, var in zip(self.final_means[:shown], self.final_variances[:shown]):
            # The grid plus the model's own mean, so that a model narrower than the grid's
            # spacing still shows as a spike where it sits.
            grid = np.sort(np.append(x, np.clip(mean, -4.0, 4.0)))
            sd = np.sqrt(max(var, 1e-300))
            density = np.exp(-0.5 * ((grid - mean) / sd) ** 2) / (sd * np.sqrt(2 * np.pi))
            xs += [grid, [np.nan]]
            ys += [np.minimum(density, 5.0), [np.nan]]
        # One line for all the chains (NaN breaks it between them): one artist to draw.
        ax_fit.plot(np.concatenate(xs), np.concatenate(ys), color=plotting.PALETTE["orange"],
                    lw=0.8, alpha=0.7)
        ax_fit.plot(x, np.exp(-0.5 * x**2) / np.sqrt(2 * np.pi), color="black", lw=2.5,
                    label="the truth, N(0, 1)")
        ax_fit.plot([], [], color=plotting.PALETTE["orange"], lw=1,
                    label=f"{shown} chains' models at generation {self.generations}")
        ax_fit.set_ylim(0, 1.6)
        ax_fit.set_xlabel("x")
        ax_fit.set_ylabel("density (clipped at 1.6)")
        ax_fit.set_title("what the models have become", fontsize=10)
        ax_fit.legend(fontsize=8, loc="upper left", framealpha=1.0)


def collapse_study(n_samples=10, generations=100, real_fraction=0.0,
                   mode="replace") -> CollapseStudy:
    r"""Model collapse in the Gaussian refit chain, and what real data and accumulation change.

    Shumailov et al. (2024, Nature 631, §3 and their Gaussian example): each generation fits a
    Gaussian to ``n_samples`` drawn from the previous generation's fit; the fitted variance
    drifts to 0 (about ``e^{−0.115·g}`` in the median for ``n = 10``). Gerstgrasser et al.
    (2024, arXiv:2404.01413): accumulating every generation's data instead of replacing it keeps
    the error bounded. ``real_fraction`` keeps a share of fresh real samples in every
    generation. The chains are simulated once per ``(n_samples, real_fraction, mode)`` up to
    200 generations and cached; ``generations`` shows the first ones.

    Parameters
    ----------
    n_samples : int, default 10
        Samples per generation, one of 2, 5, 10, 20, 50, 100.
    generations : int, default 100
        Generations shown (1 to 200).
    real_fraction : float, default 0
        The share of real samples in each generation, in ``[0, 1]`` (rounded to whole samples).
    mode : {"replace", "accumulate"}, default "replace"

    Returns
    -------
    CollapseStudy

    Raises
    ------
    CourseValueError
        When a value is out of its range or ``mode`` is unknown.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> print(studies.collapse_study(10, 100, 0.1))
    replace: 10 samples per generation, 10 % of each generation real
    after 100 generations: median σ² 0.89 (the truth: 1); 1 % of 400 chains below 0.1
    median distance of the mean from the truth: 0.49

    Introduced in lesson 07.
    """
    n = _validate.positive_int(n_samples, "n_samples")
    if n not in _SAMPLE_SIZES:
        raise _validate.CourseValueError(f"n_samples must be one of "
                                         f"{', '.join(map(str, _SAMPLE_SIZES))}; got {n}.")
    g = _validate.positive_int(generations, "generations")
    if g > _MAX_GENERATIONS:
        raise _validate.CourseValueError(f"generations must be at most {_MAX_GENERATIONS}; got "
                                         f"{g}.")
    real = _validate.fraction(real_fraction, "real_fraction", open_low=False, open_high=False)
    if not isinstance(mode, str) or mode not in ("replace", "accumulate"):
        raise _validate.CourseValueError(f"mode must be \"replace\" or \"accumulate\"; got "
                                         f"{_validate._describe(mode)}.")
    chain = _chain(n, round(real * n) / n, mode)
    variances = chain.variances[: g + 1]
    low, median, high = np.quantile(variances, [0.1, 0.5, 0.9], axis=1)
    final = variances[-1]
    return CollapseStudy(n_samples=n, generations=g, real_fraction=chain.real_fraction,
                         mode=mode, median_variance=median, low_variance=low,
                         high_variance=high, final_means=chain.means[g], final_variances=final,
                         collapsed_share=float(np.mean(final < 0.1)))
