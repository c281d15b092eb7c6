"""Exercises of lesson 10: plan a training run (the capstone planner)."""

from __future__ import annotations

import math
import numbers
from functools import lru_cache

import numpy as np

from .. import allocation, references
from . import (CORRECT, NOT_ANSWERED, NOT_YET, Feedback, _close, _fmt, check_choice,
               check_number, describe_miss)

__all__ = [
    "DATA_TASK",
    "epochs_when_data_run_out",
    "SERVED_TASK",
    "served_model_size",
    "LETTERS",
    "REFLECTION_OPTIONS",
    "wasted_compute",
    "TORNADO_TASK",
    "TORNADO_OPTIONS",
    "most_influential_assumption",
    "TARGET_TASK",
    "smallest_budget",
    "DOUBLING_TASK",
    "doubling_interval",
]

_LAW = references.BESIROGLU_2024


@lru_cache(maxsize=16)
def _plan(compute_flops=None, target_loss=None, unique_tokens=None, inference_tokens=0.0):
    return allocation.plan(compute_flops, target_loss=target_loss, unique_tokens=unique_tokens,
                           inference_tokens=inference_tokens)


# Exercise 1 -----------------------------------------------------------------------------------

#: Exercise 1: a budget of 10²² lifetime FLOPs with only 30 billion unique tokens, no inference,
#: under Besiroglu et al.'s law (the planner dashboard's setting: log₁₀ C = 22, U = 3·10¹⁰).
DATA_TASK = {"log10_compute_flops": 22.0, "unique_tokens": 3e10, "inference_tokens": 0.0}


def epochs_when_data_run_out(answer):
    """Exercise 1: how many epochs over its unique data the planner's model is trained for.

    The reference: ``epochs`` (``D/U``) of :func:`scaling_utils.allocation.plan` at
    :data:`DATA_TASK` under :data:`scaling_utils.references.BESIROGLU_2024`, with repeated tokens
    discounted by Muennighoff et al.'s (2023) model (what the planner dashboard's readout shows).
    Accepted within 2 %.

    Parameters
    ----------
    answer : float
        Passes over the unique data, ``D/U``.

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming one epoch, Chinchilla's tokens
        over ``U``, the inverted ratio and the tokens themselves) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson10
    >>> lesson10.epochs_when_data_run_out(1).message
    'One epoch would train on 30 billion tokens only, far fewer than the budget affords: the plan repeats the data. Read the epochs in the readout.'

    Introduced in lesson 10.
    """
    task = DATA_TASK
    c, u = 10 ** task["log10_compute_flops"], task["unique_tokens"]
    p = _plan(c, unique_tokens=u)
    chinchilla_tokens = allocation.chinchilla_optimal(_LAW, c)[1]
    return check_number(
        answer, p.epochs, exercise="Exercise 1 — a budget where the data run out", rtol=0.02,
        mistakes=[(1.0, f"One epoch would train on {u / 1e9:.0f} billion tokens only, far fewer "
                        f"than the budget affords: the plan repeats the data. Read the epochs "
                        f"in the readout."),
                  (chinchilla_tokens / u,
                   "That is Chinchilla's token count (no cap) divided by U. With capped data the "
                   "split changes too: repeated tokens are worth less, and so are parameters "
                   "that only fresh data could feed. Ask the planner with the cap."),
                  (u / p.n_tokens, "That is U/D, unique tokens per training token; the task "
                                   "asks for epochs, D/U."),
                  (p.n_tokens, "That is the number of training tokens D; divide it by the "
                               "unique tokens U.")],
        hint="In the planner dashboard: log₁₀ C = 22.0, unique data 3×10¹⁰ tokens, tokens served "
             "none; the readout's second line gives the epochs. Or allocation.plan(1e22, "
             "unique_tokens=3e10).epochs.",
    )


# Exercise 2 -----------------------------------------------------------------------------------

#: Exercise 2: a budget of 10²⁴ lifetime FLOPs for a model that will serve 10¹³ tokens (ten
#: million users, a thousand tokens a day each, for about three years), with fresh data.
SERVED_TASK = {"log10_compute_flops": 24.0, "unique_tokens": math.inf,
               "inference_tokens": 1e13}


def served_model_size(answer):
    """Exercise 2: the planner's model size for a heavily served model, as a fraction of the
    compute-optimal (Chinchilla) size for the same budget.

    The reference: ``n_params`` of :func:`scaling_utils.allocation.plan` at :data:`SERVED_TASK`
    (lifetime budget ``6·N·D + 2·N·T``) over the first value of
    :func:`scaling_utils.allocation.chinchilla_optimal` at the same budget, both under
    :data:`scaling_utils.references.BESIROGLU_2024`. Accepted within 2 %.

    Parameters
    ----------
    answer : float
        ``N_plan / N_Chinchilla``, a fraction.

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming 1, lesson 08's fixed-loss
        size, the inverted ratio and a percentage) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson10
    >>> lesson10.served_model_size(1.0).status
    'not yet'

    Introduced in lesson 10.
    """
    task = SERVED_TASK
    c = 10 ** task["log10_compute_flops"]
    p = _plan(c, inference_tokens=task["inference_tokens"])
    n_chinchilla = allocation.chinchilla_optimal(_LAW, c)[0]
    expected = p.n_params / n_chinchilla
    return check_number(
        answer, expected, exercise="Exercise 2 — a model served to millions", rtol=0.02,
        mistakes=[(1.0, "That is Chinchilla's size itself: it ignores that every token served "
                        "costs 2N FLOPs out of the same lifetime budget."),
                  (p.fixed_loss.n_params / n_chinchilla,
                   "That is lesson 08's fixed-loss choice (the plan's fixed_loss): the cheapest "
                   "model that keeps the training-only loss while serving. It needs more than "
                   "the budget; the planner spends exactly the budget."),
                  (n_chinchilla / p.n_params, "That is Chinchilla's size over the plan's; the "
                                              "task asks for the plan's over Chinchilla's."),
                  (100 * expected, "Give a fraction (0.5 for half), not a percentage.")],
        hint="In the planner dashboard: log₁₀ C = 24.0, unique data no cap, tokens served "
             "10¹³: read N. Then set tokens served to none: that N is Chinchilla's. Or "
             "allocation.plan(1e24, inference_tokens=1e13).n_params / "
             "allocation.chinchilla_optimal(references.BESIROGLU_2024, 1e24)[0].",
    )


# Exercise 3 -----------------------------------------------------------------------------------

#: The options of exercises 3 and 4: the letters a workbook binds to names (``A, B, ... = LETTERS``).
LETTERS = ("A", "B", "C", "D", "E", "F")

#: Exercise 3 (a written reflection, then a choice): why a bigger model on the same tokens
#: wastes compute. Each letter and its statement.
REFLECTION_OPTIONS = {
    "A": "Bigger models overfit, so their loss rises when the tokens stay the same.",
    "B": "The extra parameters shrink only the term A/N^α; the data term B/D^β stays, so the "
         "loss cannot fall below E + B/D^β, and the same extra compute spent on N and D "
         "together buys a lower loss.",
    "C": "The law charges for memory: a model twice as large needs twice the accelerators.",
    "D": "Past the optimum, adding parameters makes the loss rise, even with the tokens fixed.",
}


def wasted_compute(answer):
    """Exercise 3: the reason a bigger model on the same tokens wastes compute.

    In ``L = E + A/N^α + B/D^β`` (Hoffmann et al. 2022, Eq. 2) the parameter term falls with
    ``N`` and nothing else does: with ``D`` fixed the loss tends to ``E + B/D^β``, while the
    training compute ``6·N·D`` grows in proportion to ``N``. The correct statement is ``"B"``.

    Parameters
    ----------
    answer : str
        One of ``"A"``–``"D"`` (see :data:`REFLECTION_OPTIONS`).

    Returns
    -------
    Feedback
        ``'correct'`` for B; otherwise ``'not yet'`` with why that statement is wrong, or
        ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson10
    >>> lesson10.wasted_compute("D").status
    'not yet'

    Introduced in lesson 10.
    """
    why = {
        "A": "In these laws the loss never rises with N: A/N^α falls for every N. The waste is "
             "subtler — the extra parameters buy less than the same compute would elsewhere.",
        "B": "Right: with D fixed the loss is stuck above E + B/D^β, and each doubling of N "
             "costs twice the compute of the last and buys less; the planner splits the extra "
             "compute between N and D.",
        "C": "The law counts FLOPs (6·N·D), not memory. The waste is in what the FLOPs buy.",
        "D": "With D fixed, more parameters still lower the loss (A/N^α falls); what rises past "
             "the optimum is the loss at a fixed *budget*, because then more N means fewer "
             "tokens. The question keeps the tokens, not the budget.",
    }
    return check_choice(answer, "B", exercise="Exercise 3 — why more parameters alone waste "
                                              "compute",
                        options=REFLECTION_OPTIONS, why=why,
                        hint="Write the law's three terms. Which of them does a larger N "
                             "change, and which does it leave where it was?")


# Exercise 4 -----------------------------------------------------------------------------------

#: Exercise 4: a budget of 10²³ lifetime FLOPs, 100 billion unique tokens and little use (10¹¹
#: tokens served): which assumption moves the recommended model size the most?
TORNADO_TASK = {"log10_compute_flops": 23.0, "unique_tokens": 1e11, "inference_tokens": 1e11}

#: Exercise 4: each letter and the assumption of the tornado chart it stands for.
TORNADO_OPTIONS = {"A": "compute budget", "B": "unique data", "C": "inference demand",
                   "D": "law", "E": "alpha ± sd", "F": "beta ± sd"}

_OPTION_WORDS = {"compute budget": "the compute budget (×0.5 to ×2)",
                 "unique data": "the unique data (×0.5 to ×2)",
                 "inference demand": "the inference demand (×0.5 to ×2)",
                 "law": "the choice of law (Hoffmann's or Besiroglu's)",
                 "alpha ± sd": "the exponent α (± one bootstrap standard deviation)",
                 "beta ± sd": "the exponent β (± one bootstrap standard deviation)"}


def most_influential_assumption(answer):
    """Exercise 4: which single assumption moves the planner's model size the most.

    The reference: :meth:`Sensitivity.most_influential` (``"n_params"``) of the plan at
    :data:`TORNADO_TASK` under :data:`scaling_utils.references.BESIROGLU_2024`: the widest bar
    of the tornado chart, each assumption moved alone (:func:`scaling_utils.allocation.plan_sensitivity`).

    Parameters
    ----------
    answer : str
        One of :data:`LETTERS` (see :data:`TORNADO_OPTIONS`).

    Returns
    -------
    Feedback
        ``'correct'`` for the widest bar; otherwise ``'not yet'`` saying by what factor the
        chosen assumption moves the size, against the widest, or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson10
    >>> lesson10.most_influential_assumption("A").message
    'The compute budget (×0.5 to ×2) moves N by a factor of 1.89 from one end of its bar to the other; another bar is wider. Read the widest bar of the tornado.'

    Introduced in lesson 10.
    """
    task = TORNADO_TASK
    p = _plan(10 ** task["log10_compute_flops"], unique_tokens=task["unique_tokens"],
              inference_tokens=task["inference_tokens"])
    s = p.sensitivity()
    swing = dict(zip(s.assumptions, s.swing("n_params")))
    top = s.most_influential("n_params")
    correct = next(k for k, v in TORNADO_OPTIONS.items() if v == top)
    why = {}
    for key, name in TORNADO_OPTIONS.items():
        words = _OPTION_WORDS[name]
        factor = math.exp(swing[name])
        if key == correct:
            why[key] = (f"Right: {words} moves N by a factor of {factor:.2f}, more than any "
                        f"other assumption — more than halving or doubling the budget. The "
                        f"exponents are known to a few hundredths, and the optimum's size "
                        f"depends on them steeply.")
        else:
            why[key] = (f"{words[0].upper()}{words[1:]} moves N by a factor of {factor:.2f} "
                        f"from one end of its bar to the other; another bar is wider. Read the "
                        f"widest bar of the tornado.")
    return check_choice(answer, correct, exercise="Exercise 4 — what would change the decision",
                        options=TORNADO_OPTIONS, why=why,
                        hint="In the planner dashboard: log₁₀ C = 23.0, unique data 10¹¹, "
                             "tokens served 10¹¹; the bars are sorted, the widest on top. Or "
                             "allocation.plan(1e23, unique_tokens=1e11, inference_tokens=1e11)"
                             ".sensitivity().most_influential().")


# Exercise 5 -----------------------------------------------------------------------------------

#: Exercise 5: the loss a team must reach, their unique data and expected use, and the budget
#: they have (Besiroglu et al.'s law).
TARGET_TASK = {"target_loss": 2.0, "unique_tokens": 3e11, "inference_tokens": 1e12,
               "budget_flops": 1e23}


def smallest_budget(answer):
    """Exercise 5: the smallest lifetime budget that reaches the target loss.

    The reference: ``compute_flops`` of :func:`scaling_utils.allocation.plan` in target mode
    (``target_loss``) at :data:`TARGET_TASK`: the least ``6·N·D + 2·N·T`` whose capped optimum
    reaches the loss, under :data:`scaling_utils.references.BESIROGLU_2024`. Accepted within 2 %.

    Parameters
    ----------
    answer : float
        The lifetime budget in FLOPs.

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming the team's budget, the budget
        without the cap, without inference, and the training FLOPs alone) or ``'not answered
        yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson10
    >>> lesson10.smallest_budget(1e23).message
    "That is the team's budget, and it is not enough: plan in target mode (target_loss=...) to find the least budget that reaches the loss."

    Introduced in lesson 10.
    """
    task = TARGET_TASK
    ell, u, t = task["target_loss"], task["unique_tokens"], task["inference_tokens"]
    p = _plan(target_loss=ell, unique_tokens=u, inference_tokens=t)
    return check_number(
        answer, p.compute_flops, exercise="Exercise 5 — a budget too small for the target",
        rtol=0.02, units="FLOPs", digits=3,
        mistakes=[(task["budget_flops"], "That is the team's budget, and it is not enough: plan "
                                         "in target mode (target_loss=...) to find the least "
                                         "budget that reaches the loss."),
                  (_plan(target_loss=ell, inference_tokens=t).compute_flops,
                   "That budget assumes fresh data for every token; with only 3·10¹¹ unique "
                   "tokens, repeated data are worth less and reaching the loss costs more."),
                  (_plan(target_loss=ell, unique_tokens=u).compute_flops,
                   "That budget leaves out the 10¹² tokens served: the lifetime budget pays "
                   "for them too."),
                  (p.training_flops, "That is the training compute alone, 6·N·D; the budget "
                                     "covers the model's whole life, 6·N·D + 2·N·T.")],
        hint="allocation.plan(target_loss=2.0, unique_tokens=3e11, inference_tokens=1e12): its "
             "compute_flops is the least lifetime budget that reaches the loss.",
    )


# Exercise 6 -----------------------------------------------------------------------------------

#: Exercise 6: the worked plan of the lesson and the same plan with twice the budget; the
#: interval's level.
DOUBLING_TASK = {"compute_flops": 1e23, "unique_tokens": 3e11, "inference_tokens": 1e12,
                 "level": 0.95}


def _doubling():
    task = DOUBLING_TASK
    c, u, t = task["compute_flops"], task["unique_tokens"], task["inference_tokens"]
    base, doubled = _plan(c, unique_tokens=u, inference_tokens=t), \
        _plan(2 * c, unique_tokens=u, inference_tokens=t)
    gain = base.samples["loss"] - doubled.samples["loss"]
    level = task["level"]
    low, high = np.quantile(gain[np.isfinite(gain)], [0.5 - level / 2, 0.5 + level / 2])
    return (float(low), float(high)), base, doubled


def _read_pair(answer):
    """``((low, high), None)`` or ``(None, Feedback fields)``."""
    if answer is Ellipsis or answer is None:
        return None, (NOT_ANSWERED, "Replace the `...` with your interval, (low, high), then run "
                                    "the cell again.")
    if isinstance(answer, numbers.Real) and not isinstance(answer, bool):
        return None, (NOT_YET, "Your answer is one number; give the interval as two, "
                               "(low, high).")
    try:
        array = np.asarray(answer)
        if array.dtype.kind not in "iuf":          # text, booleans, complex numbers, objects
            raise TypeError
        values = [float(v) for v in array.astype(float).ravel()]
    except Exception:
        return None, (NOT_YET, "Your answer is not two numbers; give the interval as "
                               "(low, high).")
    if len(values) != 2:
        return None, (NOT_YET, f"Your answer has {len(values)} numbers; give the interval as "
                               f"two, (low, high).")
    if not all(math.isfinite(v) for v in values):
        return None, (NOT_YET, "Your interval holds NaN or an infinite number.")
    return tuple(values), None


def doubling_interval(answer):
    """Exercise 6: the 95 % interval of what the next doubling of the budget buys, in loss.

    The reference: for every bootstrap resample of the plan at :data:`DOUBLING_TASK` (the same
    resamples for both budgets: :func:`scaling_utils.allocation.plan` caches them), the loss at
    the budget minus the loss at twice the budget; the 2.5th and 97.5th percentiles of those
    differences. Each end accepted within 2 %.

    Parameters
    ----------
    answer : tuple of two floats
        ``(low, high)``, the interval of the improvement (positive: the loss falls).

    Returns
    -------
    Feedback
        ``'correct'`` when both ends are within 2 %; otherwise ``'not yet'`` (naming the point
        estimate given twice, the difference of the two plans' intervals, the wrong sign, the
        ends swapped, or how each end misses) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson10
    >>> lesson10.doubling_interval(0.03).message
    'Your answer is one number; give the interval as two, (low, high).'

    Introduced in lesson 10.
    """
    exercise = "Exercise 6 — what the next doubling buys"
    hint = ("Plan at 10²³ and at 2·10²³ FLOPs (same data and demand); p.samples['loss'] holds "
            "the loss of every resample, in the same order for both: subtract them and take "
            "np.quantile(gain, [0.025, 0.975]).")
    pair, problem = _read_pair(answer)
    if problem:
        return Feedback(exercise, *problem, hint=hint)
    (low, high), base, doubled = _doubling()
    rtol = 0.02

    def close(a, b):
        return _close(a[0], b[0], rtol, 0.0) and _close(a[1], b[1], rtol, 0.0)

    if close(pair, (low, high)):
        return Feedback(exercise, CORRECT,
                        f"({_fmt(pair[0], 3)}, {_fmt(pair[1], 3)}) agrees with the reference "
                        f"interval ({_fmt(low, 3)}, {_fmt(high, 3)}) (each end within 2%).")
    point = base.loss - doubled.loss
    b_low, b_high = base.interval("loss")
    d_low, d_high = doubled.interval("loss")
    mistakes = [
        ((point, point), "That is the point estimate twice: the interval comes from the "
                         "resamples, each planned at both budgets."),
        ((b_low - d_low, b_high - d_high),
         "That subtracts the two plans' intervals end from end. The gain must be computed "
         "resample by resample (the same law at both budgets), then its percentiles taken."),
        ((-high, -low), "The size is right but the sign is wrong: give the improvement, the "
                        "loss at the budget minus the loss at twice the budget."),
        ((high, low), "The ends are swapped: give (low, high)."),
    ]
    for wrong, text in mistakes:
        if close(pair, wrong) and not close(wrong, (low, high)):
            return Feedback(exercise, NOT_YET, text, hint=hint)
    ends = []
    for shown, value, expected in (("lower", pair[0], low), ("upper", pair[1], high)):
        if _close(value, expected, rtol, 0.0):
            ends.append(f"its {shown} end is right")
        else:
            ends.append(f"its {shown} end: {describe_miss(value, expected, 0.01)[:-1].lower()}")
    return Feedback(exercise, NOT_YET,
                    f"Your interval is ({_fmt(pair[0], 3)}, {_fmt(pair[1], 3)}); "
                    f"{'; '.join(ends)}. (Each end counts within 2%.)", hint=hint)
