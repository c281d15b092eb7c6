"""Exercises of lesson 05: trusting a fit."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import allocation, references, studies
from . import check_number

__all__ = [
    "PRINTED_TASK",
    "printed_tokens_per_parameter",
    "PEARCE_TASK",
    "kaplan_scale_exponent",
    "FAN_TASK",
    "fan_ratio",
    "BIAS_TASK",
    "bias_span",
    "RUNS_TASK",
    "runs_for_narrow_interval",
]


#: Exercise 1's budget C, in FLOPs.
PRINTED_TASK = {"compute": 1e24}


def printed_tokens_per_parameter(answer):
    """Exercise 1: D_opt/N_opt at 10²⁴ FLOPs with the constants as printed.

    The reference is ``D_opt/N_opt`` from :func:`scaling_utils.allocation.chinchilla_optimal` for
    :data:`scaling_utils.references.HOFFMANN_2022`, Hoffmann et al.'s Approach 3 with the
    constants printed in Appendix D.2, Eq. 10, at the C of :data:`PRINTED_TASK`; accepted within
    2 %.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 2 % (``.status`` ``'correct'``); otherwise ``.status`` is
        ``'not yet'`` or ``'not answered yet'`` and ``.message`` says why, naming three slips: the
        unrounded constants (``HOFFMANN_2022_UNROUNDED``), parameters per token, and the rule of
        thumb 20. ``.hint`` holds the folded hint (``''`` when correct).

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson05
    >>> lesson05.printed_tokens_per_parameter(20.0).message
    '20 is the rule of thumb; compute what these constants actually imply.'

    Introduced in lesson 05.
    """
    c = PRINTED_TASK["compute"]
    n, d = allocation.chinchilla_optimal(references.HOFFMANN_2022, c)
    n_u, d_u = allocation.chinchilla_optimal(references.HOFFMANN_2022_UNROUNDED, c)
    return check_number(
        answer, d / n, exercise="Exercise 1 — what the printed constants imply", rtol=0.02,
        mistakes=[(d_u / n_u, "That uses the unrounded constants; the question asks for the ones "
                              "printed in the paper (references.HOFFMANN_2022)."),
                  (n / d, "That is parameters per token; the ratio asked for is D/N."),
                  (20.0, "20 is the rule of thumb; compute what these constants actually imply.")],
        hint="allocation.chinchilla_optimal(references.HOFFMANN_2022, C) gives (N_opt, D_opt).",
    )


#: Exercise 2's budgets (``points`` of them, log-spaced from ``low`` to ``high``
#: FLOPs counted Kaplan's way, 6·N_E·D) and the embedding coefficient γ: twice
#: Pearce & Song's default, as for a vocabulary twice the size.
PEARCE_TASK = {"low": 10**12.95, "high": 10**20.7, "points": 40,
               "embedding_coefficient": 2 * references.PEARCE_SONG_2024.embedding_coefficient}


def _local_exponent(coefficient):
    t = PEARCE_TASK
    budgets = np.geomspace(t["low"], t["high"], t["points"])
    n_e = allocation.optimal_non_embedding(references.HOFFMANN_2022_UNROUNDED, budgets,
                                           embedding_coefficient=coefficient)
    return float(np.polyfit(np.log(budgets), np.log(n_e), 1)[0])


@lru_cache(maxsize=2)
def _kaplan_scale_exponent(coefficient=None):
    """The task's exponent, or (given a coefficient) the exponent with that embedding coefficient."""
    return _local_exponent(PEARCE_TASK["embedding_coefficient"] if coefficient is None else coefficient)


def kaplan_scale_exponent(answer):
    """Exercise 2: the local exponent of the non-embedding optimum at Kaplan's scale, with
    embeddings twice as large (a vocabulary twice the size).

    Count compute Kaplan's way, ``C = 6·N_E·D`` with non-embedding parameters ``N_E``, while the
    loss follows Hoffmann's law of total parameters ``N_T = N_E + γ·N_E^(1/3)``
    (:func:`scaling_utils.allocation.optimal_non_embedding`; Pearce & Song 2024, §3). The
    reference is the least-squares slope of ``ln N_E`` against ``ln C`` over the budgets of
    :data:`PEARCE_TASK`, with its ``γ`` and the unrounded law
    (:data:`scaling_utils.references.HOFFMANN_2022_UNROUNDED`); accepted within ±0.005.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within ±0.005; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why, naming three slips: ``β/(α+β)`` (the
        exponent for total parameters), the default embedding coefficient, and Kaplan et al.'s
        measured 0.73. ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils import references
    >>> from scaling_utils.checks import lesson05
    >>> lesson05.kaplan_scale_exponent(references.PEARCE_SONG_2024.kaplan_exponent).message
    "That is Kaplan et al.'s measurement; compute what this law predicts."

    Introduced in lesson 05.
    """
    expected = _kaplan_scale_exponent()
    return check_number(
        answer, expected, exercise="Exercise 2 — Kaplan's exponent from Chinchilla's law",
        atol=0.005,
        mistakes=[(references.HOFFMANN_2022_UNROUNDED.a, "That is β/(α+β), the exponent for total "
                                                          "parameters at any scale; the question "
                                                          "counts non-embedding parameters."),
                  (_kaplan_scale_exponent(references.PEARCE_SONG_2024.embedding_coefficient),
                   "That uses the default embedding coefficient; the task doubles it "
                   "(embedding_coefficient=check.PEARCE_TASK['embedding_coefficient'])."),
                  (references.PEARCE_SONG_2024.kaplan_exponent, "That is Kaplan et al.'s "
                                                                 "measurement; compute what this "
                                                                 "law predicts.")],
        hint="allocation.optimal_non_embedding(law, budgets, embedding_coefficient=...) for "
             "budgets log-spaced over the task's range, then the slope of log N_E against log C.",
    )


#: Exercise 3's simulated IsoFLOP study: the loss noise, models per budget, number
#: of budgets, and the budget (FLOPs) at which N_opt's interval is read.
FAN_TASK = {"noise": 0.02, "models_per_budget": 8, "n_budgets": 6, "target": 1e25}


@lru_cache(maxsize=1)
def _fan_interval():
    """``(low, high)`` of N_opt at the target and the width of a's interval, for FAN_TASK."""
    t = FAN_TASK
    study = studies.bootstrap_fan(t["noise"], t["models_per_budget"], t["n_budgets"],
                                  target=t["target"])
    low, high = study.n_interval
    a_low, a_high = study.a_interval
    return low, high, a_high - a_low


def fan_ratio(answer):
    """Exercise 3: high/low of the 95% interval of N_opt at 10²⁵ FLOPs, 2 % noise (dashboard).

    The reference is ``high/low`` of the 95 % bootstrap interval of ``N_opt`` at
    ``FAN_TASK["target"]`` from :func:`scaling_utils.studies.bootstrap_fan`: an IsoFLOP study
    simulated with the settings of :data:`FAN_TASK`, fitted with Hoffmann et al.'s parametric
    form and bootstrapped (Efron's), as the dashboard's readout shows it. Accepted within 5 %,
    and shown to three digits, because a resampling's last digits differ between machines.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 5 %; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why, naming three slips: low/high, the
        difference high − low, and the ratio's logarithm. ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson05
    >>> lesson05.fan_ratio("2").message
    "Your answer is the text '2': remove the quotes so that it is a number."
    >>> lesson05.fan_ratio(1.0).correct
    False

    Introduced in lesson 05.
    """
    low, high, _ = _fan_interval()
    return check_number(
        answer, high / low, exercise="Exercise 3 — how wide is the fan?", rtol=0.05, digits=3,
        mistakes=[(low / high, "That is low/high; divide the upper bound by the lower one."),
                  (high - low, "That is the difference; the question asks for the ratio."),
                  (np.log10(high / low), "That is the logarithm of the ratio; give the ratio.")],
        hint="Set the noise slider to 0.02 (keep 6 budgets × 8 models) and read the N_opt "
             "interval on the readout's last line: divide its upper bound by its lower bound.",
    )


#: Exercise 4's IsoFLOP grids, centred on a frontier with exponent
#: ``guessed_exponent`` (Kaplan's 0.73); ``threshold`` on the bias of a; the grid
#: spans (decades either side of the centre) that the dashboard steps through.
BIAS_TASK = {"guessed_exponent": 0.73, "threshold": 0.01, "spans": np.round(np.arange(0.2, 2.01, 0.1), 1)}


@lru_cache(maxsize=1)
def _bias_span():
    for span in BIAS_TASK["spans"]:
        if abs(studies.isoflop_bias(float(span), BIAS_TASK["guessed_exponent"]).bias) > \
                BIAS_TASK["threshold"]:
            return float(span)
    return float("nan")


def bias_span(answer):
    """Exercise 4: the narrowest grid span at which Kaplan-centred grids bias a by over 0.01.

    Approach 2 (IsoFLOP profiles) is run without noise on grids centred on a frontier of exponent
    ``BIAS_TASK["guessed_exponent"]`` instead of the true one
    (:func:`scaling_utils.studies.isoflop_bias`). The reference is the first span in
    ``BIAS_TASK["spans"]`` at which the fitted allocation exponent a is off by more than
    ``BIAS_TASK["threshold"]``; accepted within ±0.05, that step of the dashboard only.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within ±0.05; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why (how far off, or one step short).
        ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson05
    >>> lesson05.bias_span(float("nan")).message.startswith("Your answer is NaN")
    True
    >>> lesson05.bias_span(0.2).correct
    False

    Introduced in lesson 05.
    """
    expected = _bias_span()
    return check_number(
        answer, expected, exercise="Exercise 4 — when does Approach 2 go wrong?", atol=0.05,
        mistakes=[(expected - 0.1, f"At span {expected - 0.1:.1f} the bias is still just under "
                                   f"0.01 in size; one more step.")],
        hint="Set 'grids centred on C^' to 0.73 and widen the span step by step until the "
             "readout's bias exceeds 0.01 in size.",
    )


#: Exercise 5's width of a's 95 % interval to reach.
RUNS_TASK = {"target_width": 0.001}


def runs_for_narrow_interval(answer):
    """Exercise 5: runs needed for a 95% interval of a only 0.001 wide (width ∝ 1/√runs), from
    the study of Exercise 3.

    An interval's width shrinks as ``1/√n``, so ``n_new = n_old·(w_old/w_new)²``. The reference
    takes ``n_old`` = models per budget × budgets of :data:`FAN_TASK`, ``w_old`` the width of a's
    95 % bootstrap interval in the study of :func:`fan_ratio`
    (:func:`scaling_utils.studies.bootstrap_fan`) and ``w_new = RUNS_TASK["target_width"]``;
    accepted within 5 %, shown to three digits.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 5 %; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why (how far off, or runs scaled with the
        ratio of widths rather than its square). ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson05
    >>> lesson05.runs_for_narrow_interval(...).status
    'not answered yet'
    >>> lesson05.runs_for_narrow_interval(48).correct
    False

    Introduced in lesson 05.
    """
    _, _, width = _fan_interval()
    runs = FAN_TASK["models_per_budget"] * FAN_TASK["n_budgets"]
    expected = runs * (width / RUNS_TASK["target_width"]) ** 2
    return check_number(
        answer, expected, exercise="Exercise 5 — how many runs for a narrow interval?", rtol=0.05,
        units="runs", digits=3,
        mistakes=[(runs * width / RUNS_TASK["target_width"], "The width shrinks like 1/√n, so "
                                                             "the runs grow with the square of "
                                                             "the ratio of widths.")],
        hint="If width ∝ 1/√n, then n_new = n_old · (width_old / width_new)².",
    )
