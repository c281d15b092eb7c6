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


PRINTED_TASK = {"compute": 1e24}


def printed_tokens_per_parameter(answer):
    """Exercise 1: D_opt/N_opt at 10²⁴ FLOPs with the constants as printed."""
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
    embeddings twice as large (a vocabulary twice the size)."""
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
    """Exercise 3: high/low of the 95% interval of N_opt at 10²⁵ FLOPs, 2 % noise (dashboard)."""
    low, high, _ = _fan_interval()
    return check_number(
        answer, high / low, exercise="Exercise 3 — how wide is the fan?", rtol=0.05, digits=3,
        mistakes=[(low / high, "That is low/high; divide the upper bound by the lower one."),
                  (high - low, "That is the difference; the question asks for the ratio."),
                  (np.log10(high / low), "That is the logarithm of the ratio; give the ratio.")],
        hint="Set the noise slider to 0.02 (keep 6 budgets × 8 models) and read the N_opt "
             "interval on the readout's last line: divide its upper bound by its lower bound.",
    )


BIAS_TASK = {"guessed_exponent": 0.73, "threshold": 0.01, "spans": np.round(np.arange(0.2, 2.01, 0.1), 1)}


@lru_cache(maxsize=1)
def _bias_span():
    for span in BIAS_TASK["spans"]:
        if abs(studies.isoflop_bias(float(span), BIAS_TASK["guessed_exponent"]).bias) > \
                BIAS_TASK["threshold"]:
            return float(span)
    return float("nan")


def bias_span(answer):
    """Exercise 4: the narrowest grid span at which Kaplan-centred grids bias a by over 0.01."""
    expected = _bias_span()
    return check_number(
        answer, expected, exercise="Exercise 4 — when does Approach 2 go wrong?", atol=0.05,
        mistakes=[(expected - 0.1, f"At span {expected - 0.1:.1f} the bias is still just under "
                                   f"0.01 in size; one more step.")],
        hint="Set 'grids centred on C^' to 0.73 and widen the span step by step until the "
             "readout's bias exceeds 0.01 in size.",
    )


RUNS_TASK = {"target_width": 0.001}


def runs_for_narrow_interval(answer):
    """Exercise 5: runs needed for a 95% interval of a only 0.001 wide (width ∝ 1/√runs), from
    the study of Exercise 3."""
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
