"""Exercises of lesson 09: measure your own scaling law."""

from __future__ import annotations

import numpy as np

from .. import studies
from . import check_number

__all__ = [
    "EXPONENT_TASK",
    "own_exponent",
    "SPLIT_TASK",
    "own_tokens_per_param",
    "BACKTEST_TASK",
    "backtest_error",
    "SEEDS_TASK",
    "exponent_spread",
    "TRANSFER_TASK",
    "transfer_penalty",
    "DIMENSION_TASK",
    "implied_dimension",
]


#: Exercise 1: the sweep and the runs fitted.
EXPONENT_TASK = {"seed": 0, "subset": "all 36 runs"}


def own_exponent(answer):
    """Exercise 1: the compute-optimal exponent ``a = β/(α+β)`` of the law fitted to seed 0's
    36 runs.

    The reference: ``law.a`` of :func:`scaling_utils.studies.own_law_study` at the setting of
    :data:`EXPONENT_TASK` (:func:`scaling_utils.fitting.fit_chinchilla` on
    :func:`scaling_utils.experiments.precomputed_sweep` ``(0)``). Accepted within 1 %.

    Parameters
    ----------
    answer : float
        ``a``.

    Returns
    -------
    Feedback
        ``'correct'`` within 1 %; otherwise ``'not yet'`` (naming α, β, ``b = 1 − a`` and
        Chinchilla's exponent) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson09
    >>> lesson09.own_exponent(0.46).message[:40]
    "That is Chinchilla's exponent (Approach "

    Introduced in lesson 09.
    """
    law = studies.own_law_study(**EXPONENT_TASK).law
    return check_number(
        answer, law.a, exercise="Exercise 1 — your compute-optimal exponent", rtol=0.01,
        mistakes=[(law.alpha, "That is α, the exponent of N in the law; a = β/(α + β) "
                              "combines both exponents."),
                  (law.beta, "That is β, the exponent of D; a = β/(α + β)."),
                  (1.0 - law.a, "That is b = α/(α + β), the exponent of D_opt ∝ C^b; the "
                                "task asks for a, that of N_opt."),
                  (0.46, "That is Chinchilla's exponent (Approach 3); the task asks for the "
                         "one of your own runs.")],
        hint="fit = fitting.fit_chinchilla(sweep.n_params, sweep.n_tokens, sweep.loss) with "
             "sweep = experiments.precomputed_sweep(0); then fit.law.a (or fit.params['a']).",
    )


#: Exercise 2: the own-law dashboard's setting (the budget as a power of ten, FLOPs = 6·N·D).
SPLIT_TASK = {"seed": 0, "subset": "all 36 runs", "log10_compute": 10.0}


def own_tokens_per_param(answer):
    """Exercise 2: the compute-optimal tokens per parameter of your law at 10¹⁰ FLOPs.

    The reference: ``tokens_per_param`` (``D_opt/N_opt``) of
    :func:`scaling_utils.studies.own_law_study` at the setting of :data:`SPLIT_TASK`.
    Accepted within 2 %.

    Parameters
    ----------
    answer : float
        ``D_opt/N_opt``.

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming Chinchilla's rule of thumb,
        the inverted ratio and the answer at 10¹¹ FLOPs) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson09
    >>> lesson09.own_tokens_per_param(20).status
    'not yet'

    Introduced in lesson 09.
    """
    study = studies.own_law_study(**SPLIT_TASK)
    later = studies.own_law_study(**{**SPLIT_TASK, "log10_compute": 11.0})
    return check_number(
        answer, study.tokens_per_param, exercise="Exercise 2 — tokens per parameter", rtol=0.02,
        mistakes=[(20.0, "That is Chinchilla's rule of thumb, measured on other models at "
                         "10¹⁹ FLOPs and more; read your own law's answer."),
                  (1.0 / study.tokens_per_param, "That is parameters per token; the task asks "
                                                 "for tokens per parameter, D/N."),
                  (later.tokens_per_param, "That is the answer at 10¹¹ FLOPs; set the budget "
                                           "to 10¹⁰.")],
        hint="In the dashboard: seed 0, fit on all 36 runs, log₁₀ compute 10; the readout gives "
             "N_opt, D_opt and tokens per parameter. Or allocation.chinchilla_optimal(fit.law, "
             "1e10), then D/N.",
    )


#: Exercise 3: the backtest — fit without the largest budget, predict the largest run.
BACKTEST_TASK = {"seed": 0, "subset": "all but the largest budget", "log10_compute": 10.0}


def backtest_error(answer):
    """Exercise 3: how far the law fitted without the largest budget misses the largest run.

    The reference: ``prediction_error[largest]`` (``L̂/L − 1``, a fraction) of
    :func:`scaling_utils.studies.own_law_study` at the setting of :data:`BACKTEST_TASK`.
    Accepted within 10 % of its value (the readout shows it to 0.1 %).

    Parameters
    ----------
    answer : float
        ``predicted/measured − 1``, a fraction (0.05 for 5 % too high).

    Returns
    -------
    Feedback
        ``'correct'`` within 10 %; otherwise ``'not yet'`` (naming a percentage, the opposite
        sign and the miss of the fit on all runs) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson09
    >>> lesson09.backtest_error(1.1).message
    'Give a fraction (0.05 for 5 %), not a percentage.'

    Introduced in lesson 09.
    """
    study = studies.own_law_study(**BACKTEST_TASK)
    expected = float(study.prediction_error[study.largest])
    in_fit = studies.own_law_study(**{**BACKTEST_TASK, "subset": "all 36 runs"})
    return check_number(
        answer, expected, exercise="Exercise 3 — a backtest", rtol=0.1, digits=2,
        mistakes=[(100 * expected, "Give a fraction (0.05 for 5 %), not a percentage."),
                  (-expected, "The sign is the wrong way round: predicted/measured − 1 is "
                              "positive when the law predicts too high a loss."),
                  (float(in_fit.prediction_error[in_fit.largest]),
                   "That is the miss of the law fitted on all 36 runs, the largest one included; "
                   "fit on all but the largest budget.")],
        hint="In the dashboard: seed 0, fit on 'all but the largest budget'; the readout's line "
             "'largest run' gives the measured and predicted loss and the miss in percent.",
    )


#: Exercise 4: the five shipped seeds.
SEEDS_TASK = {"seeds": (0, 1, 2, 3, 4), "subset": "all 36 runs"}


def _exponents(subset="all 36 runs"):
    return np.array([studies.own_law_study(seed, subset).law.a for seed in SEEDS_TASK["seeds"]])


def exponent_spread(answer):
    """Exercise 4: how much the exponent ``a`` moves from one seed's sweep to another's.

    The reference: the largest minus the smallest ``a`` of the laws fitted to all 36 runs of
    each of :func:`scaling_utils.experiments.precomputed_sweep` ``(0)`` to ``(4)``. Accepted
    within 3 %.

    Parameters
    ----------
    answer : float
        ``max(a) − min(a)`` over the five seeds.

    Returns
    -------
    Feedback
        ``'correct'`` within 3 %; otherwise ``'not yet'`` (naming the standard deviation, the
        spread of α and the spread of β) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson09
    >>> lesson09.exponent_spread(0).status
    'not yet'

    Introduced in lesson 09.
    """
    a = _exponents()
    fits = [studies.own_law_study(seed).law for seed in SEEDS_TASK["seeds"]]
    alphas = np.array([law.alpha for law in fits])
    betas = np.array([law.beta for law in fits])
    return check_number(
        answer, float(a.max() - a.min()), exercise="Exercise 4 — five seeds", rtol=0.03,
        mistakes=[(float(np.std(a, ddof=1)), "That is the standard deviation of a; the task "
                                             "asks for the range, largest minus smallest."),
                  (float(np.std(a)), "That is the standard deviation of a; the task asks for "
                                     "the range, largest minus smallest."),
                  (float(alphas.max() - alphas.min()), "That is the range of α; the task asks "
                                                       "for a = β/(α + β)."),
                  (float(betas.max() - betas.min()), "That is the range of β; the task asks "
                                                     "for a = β/(α + β).")],
        hint="For seed in 0 to 4: studies.own_law_study(seed).law.a (or fit_chinchilla on "
             "experiments.precomputed_sweep(seed)); then max − min.",
    )


#: Exercise 5: the transfer dashboard's setting, and the width the tuned rate is used at.
TRANSFER_TASK = {"parametrisation": "standard", "tuned_width": 8, "used_at_width": 512}


def transfer_penalty(answer):
    """Exercise 5: the loss given up at width 512 when the learning rate is tuned at width 8,
    under the standard parametrisation.

    The reference: ``penalty`` at width 512 of :func:`scaling_utils.studies.transfer_study`
    (``"standard"``, tuned at width 8): the loss at the transferred rate minus the loss at
    width 512's own optimum, both on the parabola through the best grid point and its
    neighbours. Accepted within 3 %.

    Parameters
    ----------
    answer : float
        The loss given up, nats per character.

    Returns
    -------
    Feedback
        ``'correct'`` within 3 %; otherwise ``'not yet'`` (naming μP's answer, the loss itself
        and the ratio of learning rates) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson09
    >>> lesson09.transfer_penalty(0.0).status
    'not yet'

    Introduced in lesson 09.
    """
    task = TRANSFER_TASK
    study = studies.transfer_study(task["parametrisation"], task["tuned_width"])
    mup = studies.transfer_study("mup", task["tuned_width"])
    i = list(study.widths).index(task["used_at_width"])
    return check_number(
        answer, float(study.penalty[i]), exercise="Exercise 5 — tune once, transfer",
        rtol=0.03,
        mistakes=[(float(mup.penalty[i]), "That is μP's loss given up; the task asks for the "
                                          "standard parametrisation."),
                  (float(study.transferred_loss[i]), "That is the loss at the transferred "
                                                     "learning rate; subtract the loss at width "
                                                     "512's own optimum."),
                  (float(study.transferred_rate / study.optimum[i]),
                   "That is the ratio of the two learning rates; the task asks for the loss "
                   "given up.")],
        hint="In the transfer dashboard: standard parametrisation, tuned at width 8; the "
             "readout's column 'lost' at width 512.",
    )


#: Exercise 6: the sweep whose α is read as a dimension.
DIMENSION_TASK = {"seed": 0, "subset": "all 36 runs"}


def implied_dimension(answer):
    """Exercise 6: the data dimension ``d`` that Sharma & Kaplan's ``α ≈ 4/d`` would assign to
    seed 0's fitted ``α``.

    The reference: ``4/α`` with ``α`` of :func:`scaling_utils.studies.own_law_study` at the
    setting of :data:`DIMENSION_TASK`. Accepted within 2 %.

    Parameters
    ----------
    answer : float
        ``d = 4/α``.

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming ``4/β``, ``4α`` and ``4/a``)
        or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson09
    >>> lesson09.implied_dimension(4).status
    'not yet'

    Introduced in lesson 09.
    """
    law = studies.own_law_study(**DIMENSION_TASK).law
    return check_number(
        answer, 4.0 / law.alpha, exercise="Exercise 6 — the dimension your α implies",
        rtol=0.02,
        mistakes=[(4.0 / law.beta, "That uses β, the exponent of the data; the argument of "
                                   "section 8 concerns α, the exponent of the model size."),
                  (4.0 * law.alpha, "That is 4·α; the argument gives α = 4/d, so d = 4/α."),
                  (4.0 / law.a, "That uses a = β/(α + β); the argument concerns α.")],
        hint="d = 4/α, with α = studies.own_law_study(0).law.alpha.",
    )
