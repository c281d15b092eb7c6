"""Lesson 10: the planner dashboard's numbers — a lifetime budget, the unique data, the inference
demand and a law in; the plan of :func:`scaling_utils.allocation.plan` with its interval, what it
costs in accelerator-hours and dollars, and the tornado of what moves it, out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import _validate, allocation, compute, experiments, references
from ._base import Study, log10_in as _log10_in

__all__ = ["PLANNER_LAWS", "OWN_LAW", "WORKED_PLAN", "UNIQUE_TOKEN_OPTIONS",
           "INFERENCE_TOKEN_OPTIONS", "PlannerStudy", "planner_study", "own_runs"]

#: The label of the learner's own law in :data:`PLANNER_LAWS`: the law fitted to lesson 09's
#: precomputed sweep (seed 0), its intervals a bootstrap of those 36 runs.
OWN_LAW = "your law (lesson 09's runs)"

#: The laws the planner offers, by the label its drop-down shows: Besiroglu et al.'s (2024)
#: refit, Hoffmann et al.'s (2022) law as printed, and the learner's own (:data:`OWN_LAW`).
PLANNER_LAWS = {
    "Besiroglu et al. 2024 (refit)": references.BESIROGLU_2024,
    "Hoffmann et al. 2022 (as printed)": references.HOFFMANN_2022,
    OWN_LAW: None,
}

#: Lesson 10's worked plan, where the dashboard starts: a lifetime budget of 10²³ FLOPs on A100s
#: (dense BF16 peak, ``references.A100_BF16_PEAK``) at 40 % utilisation, priced at Sardana et
#: al.'s $1.40 per hour (``references.SARDANA_2024_README.cost_train_price``); 300 billion unique
#: tokens; a trillion tokens served over the model's life. The budget, data and demand are the
#: course's example, not a published run.
WORKED_PLAN = {"log10_compute_flops": 23.0, "unique_tokens": 3e11, "inference_tokens": 1e12,
               "law": "Besiroglu et al. 2024 (refit)",
               "peak_flops_per_second": references.A100_BF16_PEAK.value, "utilization": 0.4,
               "dollars_per_gpu_hour": references.SARDANA_2024_README.cost_train_price,
               "gpu_name": "A100"}

#: The unique-data settings of the dashboard's drop-down, in tokens (``inf``: no cap).
UNIQUE_TOKEN_OPTIONS = (math.inf, 1e10, 3e10, 1e11, 3e11, 1e12, 3e12, 1e13)

#: The inference-demand settings of the dashboard's drop-down: tokens served over the model's
#: life (0: none).
INFERENCE_TOKEN_OPTIONS = (0.0, 1e10, 1e11, 1e12, 3e12, 1e13, 3e13, 1e14)


def own_runs():
    """Lesson 09's precomputed sweep for seed 0 (:func:`scaling_utils.experiments.precomputed_sweep`):
    the runs behind :data:`OWN_LAW`.

    Returns
    -------
    TrainedSweep
        36 runs, with ``n_params``, ``n_tokens`` and ``loss``.

    Raises
    ------
    Nothing of its own.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> len(studies.own_runs().loss)
    36

    Introduced in lesson 10.
    """
    return experiments.precomputed_sweep(0)


def _money(dollars: float) -> str:
    """Dollars to three significant digits: ``$312,000``, ``$4.5``."""
    rounded = float(f"{dollars:.3g}")
    return f"${rounded:,.0f}" if rounded >= 100 else f"${rounded:.3g}"


@dataclass(frozen=True, repr=False)
class PlannerStudy(Study):
    """A plan for one setting of the planner, what it costs, and what moves it.

    Computed by :func:`planner_study`; the view of lesson 10's planner dashboard.

    Attributes
    ----------
    plan : Plan
        :func:`scaling_utils.allocation.plan` for the setting.
    sensitivity : Sensitivity
        ``plan.sensitivity()``: the tornado's data.
    law_label : str
        The law's label in :data:`PLANNER_LAWS`.
    gpu_hours, dollars : float
        The lifetime budget in accelerator-hours at :data:`WORKED_PLAN`'s peak and utilisation,
        and their price.
    largest_run_flops : float or None
        With the learner's own law, the largest training run behind it (``6·N·D``); else None.

    Examples
    --------
    >>> from scaling_utils import studies
    >>> study = studies.planner_study()
    >>> f"{study.plan.n_params:.3g}", f"{study.plan.epochs:.3g}"
    ('1.55e+10', '2.46')

    Introduced in lesson 10.
    """

    plan: object
    sensitivity: object = field(repr=False)
    law_label: str
    gpu_hours: float
    dollars: float
    largest_run_flops: float | None

    panels = (1, 1)
    figsize = (11.5, 4.3)

    @property
    def extrapolation_decades(self) -> float:
        """``log₁₀`` of the budget over the largest run behind the law (0 for a published law,
        whose runs reach about 10²² FLOPs)."""
        if self.largest_run_flops is None:
            return 0.0
        return float(np.log10(self.plan.compute_flops / self.largest_run_flops))

    def __str__(self) -> str:
        p, s = self.plan, self.sensitivity
        w = WORKED_PLAN
        low, high = p.interval("loss")
        n_low, n_high = p.interval("n_params")
        data = ("all tokens fresh (no cap)" if p.unique_tokens is None
                else f"{p.epochs:.3g} epochs of {p.unique_tokens:.3g} unique tokens")
        top = s.most_influential("n_params")
        i = s.assumptions.index(top)
        lines = [
            f"budget {p.compute_flops:.3g} FLOPs = {self.gpu_hours:.3g} {w['gpu_name']}-hours at "
            f"{w['utilization']:.0%} utilisation, {_money(self.dollars)} at "
            f"${w['dollars_per_gpu_hour']:.2f}/hour; law: {self.law_label}",
            f"train N = {p.n_params:.3g} parameters on D = {p.n_tokens:.3g} tokens "
            f"({p.tokens_per_param:.3g} per parameter), {data}",
            f"FLOPs: training {p.training_flops:.3g}, inference {p.inference_flops:.3g} "
            f"({p.inference_flops / p.total_flops:.0%} of the lifetime {p.total_flops:.3g})",
            f"expected loss {p.loss:.4f}, 95% interval {low:.3f}–{high:.3f}; "
            f"N between {n_low:.3g} and {n_high:.3g}",
            f"moves N most: {top} ({s.settings[i][0]} → N {s.n_params[i, 0]:.3g}, "
            f"{s.settings[i][1]} → N {s.n_params[i, 1]:.3g})",
        ]
        if self.largest_run_flops is not None:
            lines.append(f"your largest run used {self.largest_run_flops:.3g} FLOPs: this plan "
                         f"extrapolates {self.extrapolation_decades:.1f} decades beyond it (and "
                         f"the 'law' bar compares laws of other data)")
        return "\n".join(lines)

    def draw(self, axes) -> None:
        ax_plan, ax_tornado = axes
        self.plan.plot(ax_plan)
        self.sensitivity.plot_tornado(ax_tornado, "n_params")


def planner_study(log10_compute_flops=WORKED_PLAN["log10_compute_flops"],
                  unique_tokens=WORKED_PLAN["unique_tokens"],
                  inference_tokens=WORKED_PLAN["inference_tokens"],
                  law=WORKED_PLAN["law"]) -> PlannerStudy:
    r"""The plan for a lifetime budget of ``10^log10_compute_flops`` FLOPs, ``unique_tokens`` of
    unique data and ``inference_tokens`` served, under the law labelled ``law``.

    The plan is :func:`scaling_utils.allocation.plan` (400 bootstrap resamples, seed 0): the
    least loss ``E + A/N^α + B/D^β`` (Hoffmann et al. 2022, Eq. 2) on ``6·N·D + 2·N·T = C``
    (Sardana et al. 2024), with repeated data discounted as Muennighoff et al. (2023, Eq. 5–6)
    do; its sensitivity is :meth:`Plan.sensitivity`. The budget is also given in accelerator-hours,
    ``C/(3600 · peak · utilisation)``, and dollars (:data:`WORKED_PLAN`'s chip and price). With
    :data:`OWN_LAW`, the law and its intervals come from lesson 09's runs (:func:`own_runs`).
    Results are cached: a repeated setting costs nothing, a new one a few milliseconds once a
    law's resamples are cached.

    Parameters
    ----------
    log10_compute_flops : float, default 23
        ``log₁₀ C`` of the lifetime budget, from 12 to 27 (the dashboard: 15 to 26).
    unique_tokens : float, default 3e11
        ``U``, the unique tokens available; ``inf`` (or None) for no cap.
    inference_tokens : float, default 1e12
        ``T``, tokens served over the model's life (≥ 0).
    law : str, default "Besiroglu et al. 2024 (refit)"
        A key of :data:`PLANNER_LAWS`.

    Returns
    -------
    PlannerStudy

    Raises
    ------
    CourseValueError
        When the exponent is out of range (or the budget itself was typed for it), a token
        count is negative or not a number, ``law`` is not a key of :data:`PLANNER_LAWS`, or the
        planner refuses the setting (a budget too small for the smallest sensible model).

    Examples
    --------
    >>> from scaling_utils import studies
    >>> print(studies.planner_study())
    budget 1e+23 FLOPs = 2.23e+05 A100-hours at 40% utilisation, $312,000 at $1.40/hour; law: Besiroglu et al. 2024 (refit)
    train N = 1.55e+10 parameters on D = 7.39e+11 tokens (47.6 per parameter), 2.46 epochs of 3e+11 unique tokens
    FLOPs: training 6.89e+22, inference 3.11e+22 (31% of the lifetime 1e+23)
    expected loss 2.0507, 95% interval 2.014–2.072; N between 1.24e+10 and 1.78e+10
    moves N most: compute budget (×0.5 → N 9.14e+09, ×2 → N 2.44e+10)

    Introduced in lesson 10.
    """
    exponent = _log10_in(log10_compute_flops, "log10_compute_flops", 12, 27, "FLOPs")
    if unique_tokens is None or (isinstance(unique_tokens, (int, float, np.floating))
                                 and not isinstance(unique_tokens, bool)
                                 and unique_tokens == math.inf):
        cap = math.inf
    else:
        cap = _validate.real(unique_tokens, "unique_tokens")
        if not cap > 0:
            raise _validate.CourseValueError(
                f"unique_tokens must be a positive number of tokens, or math.inf (or None) for "
                f"no cap; got {cap:g}.")
    demand = _validate.nonnegative_float(inference_tokens, "inference_tokens")
    if not isinstance(law, str) or law not in PLANNER_LAWS:
        raise _validate.CourseValueError(
            f"law must be one of {', '.join(map(repr, PLANNER_LAWS))}; got "
            f"{_validate._describe(law)}.")
    return _planner(round(float(exponent), 12), float(cap), float(demand), law)


@lru_cache(maxsize=256)
def _planner(exponent: float, cap: float, demand: float, label: str) -> PlannerStudy:
    w = WORKED_PLAN
    c = 10.0 ** exponent
    u = None if math.isinf(cap) else cap
    largest = None
    if PLANNER_LAWS[label] is None:
        runs = own_runs()
        p = allocation.plan(c, unique_tokens=u, inference_tokens=demand,
                            fit=(runs.n_params, runs.n_tokens, runs.loss))
        largest = float(np.max(6.0 * np.asarray(runs.n_params) * np.asarray(runs.n_tokens)))
    else:
        p = allocation.plan(c, law=PLANNER_LAWS[label], unique_tokens=u,
                            inference_tokens=demand)
    hours = float(compute.gpu_hours(c, w["peak_flops_per_second"], w["utilization"]))
    dollars = float(compute.gpu_hours_cost(hours, w["dollars_per_gpu_hour"]))
    return PlannerStudy(p, p.sensitivity(), label, hours, dollars, largest)
