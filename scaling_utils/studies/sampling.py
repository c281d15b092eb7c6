"""Lesson 08: at a fixed inference budget per problem, a bigger model or more samples of a smaller
one — and what the verifier that picks among the samples changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import _validate, allocation, plotting
from ._base import Study, log10_in as _log10_in

__all__ = ["SAMPLING_SIZES", "SAMPLING_COMPARED", "SizeSamplesStudy", "size_samples_study"]

#: The model sizes the dashboard compares: quarter decades from 10⁸ to 10¹² parameters.
SAMPLING_SIZES = 10.0 ** np.arange(8.0, 12.01, 0.25)
#: The three sizes whose success the right panel follows over budgets.
SAMPLING_COMPARED = (1e9, 1e10, 1e11)
_BUDGETS = np.geomspace(1e12, 1e18, 61)


@dataclass(frozen=True, repr=False)
class SizeSamplesStudy(Study):
    """Success per problem at one inference budget, for model sizes that afford different numbers
    of samples, with a verifier of given accuracy picking one.

    Computed by :func:`size_samples_study`; the view of lesson 08's sampling dashboard. The
    model of which problems a model solves is the course's toy
    (:func:`scaling_utils.allocation.size_versus_samples`), not a published law.

    Attributes
    ----------
    result : SizeVersusSamples
        At the chosen budget, for :data:`SAMPLING_SIZES`: ``samples``, ``single_attempt``,
        ``coverage``, ``success``, ``best_params``.
    oracle_best, random_best : float
        The best size with a perfect verifier, and with a random pick.
    budgets : numpy.ndarray
        Budgets from 10¹² to 10¹⁸ FLOPs per problem.
    compared : tuple of float
        :data:`SAMPLING_COMPARED`.
    success_over_budgets : numpy.ndarray
        ``(3, len(budgets))``: the success of each compared size at each budget.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.size_samples_study(14.0, 1.0)
    >>> f"{study.result.best_params:.3g}", int(study.result.samples[study.result.best])
    ('1e+08', 1000)

    Introduced in lesson 08.
    """

    result: object
    oracle_best: float
    random_best: float
    budgets: np.ndarray = field(repr=False)
    compared: tuple = ()
    success_over_budgets: np.ndarray = field(default=None, repr=False)

    panels = (1, 1)
    figsize = (10.5, 4.3)

    def __str__(self) -> str:
        r = self.result
        i = r.best
        largest = np.flatnonzero(r.samples >= 1)
        one = (f"one sample of the largest affordable model (N = {r.n_params[largest[-1]]:.3g}): "
               f"{r.single_attempt[largest[-1]]:.1%}" if largest.size else
               "no model affords a single sample")
        return "\n".join([
            f"{r.inference_flops:.3g} FLOPs per problem ({r.tokens_per_sample:g} tokens per "
            f"sample), verifier accuracy {r.verifier_accuracy:g} (the course's toy model)",
            f"best: N = {r.n_params[i]:.3g} with {r.samples[i]:,} samples, success "
            f"{r.success[i]:.1%}; {one}",
            f"best N with a perfect verifier: {self.oracle_best:.3g}; with a random pick: "
            f"{self.random_best:.3g}",
        ])

    def draw(self, axes) -> None:
        from matplotlib.ticker import NullLocator

        ax_size, ax_budget = axes
        r = self.result
        colours = plotting.PALETTE
        affordable = r.samples >= 1
        ax_size.set_xscale("log")
        ax_size.xaxis.set_major_formatter(plotting.log_tick_formatter())
        ax_size.xaxis.set_minor_locator(NullLocator())       # fewer ticks: a faster redraw
        ax_size.plot(r.n_params[affordable], 100 * r.coverage[affordable], color=colours["sky"],
                     ls="--", lw=1.5, label="any sample right (perfect verifier)")
        ax_size.plot(r.n_params[affordable], 100 * r.single_attempt[affordable], color="0.5",
                     ls=":", lw=1.5, label="one sample (random pick)")
        ax_size.plot(r.n_params[affordable], 100 * r.success[affordable], "o-",
                     color=colours["blue"], ms=4, label=f"verifier accuracy {r.verifier_accuracy:g}")
        ax_size.plot([r.best_params], [100 * r.success[r.best]], "o", color=colours["vermillion"],
                     ms=9, label="best at this budget")
        for n, k in zip(r.n_params[affordable][::4], r.samples[affordable][::4]):
            ax_size.annotate(f"{k:,}", (n, 2), fontsize=7, color="0.35", ha="center")
        ax_size.set_xlim(SAMPLING_SIZES[0] / 1.5, SAMPLING_SIZES[-1] * 1.5)
        ax_size.set_ylim(0, 100)
        ax_size.set_xlabel("parameters N (numbers: samples it affords)")
        ax_size.set_ylabel("problems solved (%)")
        ax_size.set_title(f"one budget: {plotting.tick_label(float(f'{r.inference_flops:.2g}'))} FLOPs "
                          f"per problem", fontsize=10)
        ax_size.legend(fontsize=7.5, loc="center left")

        ax_budget.set_xscale("log")
        ax_budget.xaxis.set_major_formatter(plotting.log_tick_formatter())
        ax_budget.xaxis.set_minor_locator(NullLocator())
        for colour, size, success in zip((colours["green"], colours["orange"],
                                          colours["purple"]), self.compared,
                                         self.success_over_budgets):
            ax_budget.plot(self.budgets, 100 * success, color=colour, lw=2,
                           label=f"N = {plotting.tick_label(size)}")
        ax_budget.axvline(r.inference_flops, color="0.4", lw=1)
        ax_budget.set_ylim(0, 100)
        ax_budget.set_xlabel("inference FLOPs per problem")
        ax_budget.set_ylabel("problems solved (%)")
        ax_budget.set_title(f"every budget, verifier accuracy {r.verifier_accuracy:g}",
                            fontsize=10)
        ax_budget.legend(fontsize=8, loc="upper left")


def size_samples_study(log10_inference_flops=14.0, verifier_accuracy=1.0) -> SizeSamplesStudy:
    r"""At ``10^log10_inference_flops`` FLOPs per problem, the success of each model size in
    :data:`SAMPLING_SIZES` with the samples it affords and a verifier of accuracy
    ``verifier_accuracy``.

    A sample of 500 tokens from a model of ``N`` parameters costs ``2·N·500`` FLOPs, so the
    budget buys ``k = ⌊F/(1000·N)⌋`` samples; the chance that a model solves a problem in one
    attempt is the course's logistic toy model, and success is
    ``v·coverage(k) + (1 − v)·E p`` (:func:`scaling_utils.allocation.size_versus_samples`, with
    its default difficulty model). Wu et al. (2024, arXiv:2408.00724) and Snell et al. (2024,
    arXiv:2408.03314) make FLOPs-matched comparisons of this kind with real models; the numbers
    here are the toy's. Computed once per setting.

    Parameters
    ----------
    log10_inference_flops : float, default 14
        ``log₁₀ F`` (12 to 18).
    verifier_accuracy : float, default 1
        ``v`` in [0, 1]: the chance the verifier picks a correct sample when there is one.

    Returns
    -------
    SizeSamplesStudy

    Raises
    ------
    CourseValueError
        When the exponent is out of range (or the quantity itself was typed for it), or
        ``verifier_accuracy`` is outside [0, 1] (a percentage such as 90 is refused).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> print(studies.size_samples_study(15.0, 0.8))
    1e+15 FLOPs per problem (500 tokens per sample), verifier accuracy 0.8 (the course's toy model)
    best: N = 1.78e+10 with 56 samples, success 81.3%; one sample of the largest affordable model (N = 1e+12): 71.5%
    best N with a perfect verifier: 1e+08; with a random pick: 1e+12

    Introduced in lesson 08.
    """
    budget = 10 ** _log10_in(log10_inference_flops, "log10_inference_flops", 12, 18, "FLOPs")
    v = _validate.real(verifier_accuracy, "verifier_accuracy")
    if not 0.0 <= v <= 1.0:
        hint = f" It is a fraction: for {v:g}% give {v / 100:g}." if v > 1 else ""
        raise _validate.CourseValueError(f"verifier_accuracy must lie in [0, 1]; got {v:g}.{hint}")
    return _size_samples(round(float(budget), 3), round(v, 12))


@lru_cache(maxsize=256)
def _size_samples(budget: float, v: float) -> SizeSamplesStudy:
    result = allocation.size_versus_samples(SAMPLING_SIZES, budget, verifier_accuracy=v)
    oracle = allocation.size_versus_samples(SAMPLING_SIZES, budget, verifier_accuracy=1.0)
    random = allocation.size_versus_samples(SAMPLING_SIZES, budget, verifier_accuracy=0.0)
    over = np.array([[allocation.size_versus_samples([size], f, verifier_accuracy=v).success[0]
                      for f in _BUDGETS] for size in SAMPLING_COMPARED])
    return SizeSamplesStudy(result, oracle.best_params, random.best_params, _BUDGETS,
                            SAMPLING_COMPARED, over)
