"""Exercises of lesson 03: Kaplan et al.'s scaling laws."""

from __future__ import annotations

import numpy as np

from .. import allocation, compute, references
from . import check_number

__all__ = [
    "PARAMS_TASK",
    "non_embedding_params",
    "COMPUTE_TASK",
    "pf_days",
    "LINE_TASK",
    "best_model_growth",
    "TOLERANCE_TASK",
    "smallest_good_model",
    "OVERFIT_TASK",
    "tokens_to_avoid_overfitting",
]

# Exercise 1 -----------------------------------------------------------------------------------
PARAMS_TASK = {"n_layer": 24, "d_model": 1024, "vocab_size": 50257, "n_ctx": 1024}


def non_embedding_params(answer):
    """Exercise 1: non-embedding parameters of a 24-layer, 1024-wide transformer."""
    t = PARAMS_TASK
    expected = compute.transformer_params(t["n_layer"], t["d_model"])
    with_embeddings = compute.transformer_params(**t, include_embeddings=True)
    return check_number(
        answer, expected, exercise="Exercise 1 — count the parameters", rtol=0.01,
        units="parameters",
        mistakes=[(with_embeddings, "That includes the token and position embeddings; Kaplan "
                                    "et al.'s N leaves them out."),
                  (12 * t["d_model"] ** 2, "That is one layer; multiply by the number of layers."),
                  (4 * t["n_layer"] * t["d_model"] ** 2, "That counts only the attention "
                                                          "matrices; the feed-forward block has "
                                                          "twice as many weights."),
                  (8 * t["n_layer"] * t["d_model"] ** 2, "That counts only the feed-forward "
                                                          "block; add the four attention "
                                                          "matrices.")],
        hint="N = 12 · n_layer · d_model² for d_attn = d_model and d_ff = 4·d_model.",
    )


# Exercise 2 -----------------------------------------------------------------------------------
COMPUTE_TASK = {"n_params": 1.3e9, "n_tokens": 26e9}


def pf_days(answer):
    """Exercise 2: training compute of a 1.3B-parameter model on 26B tokens, in PF-days."""
    flops = compute.training_flops(**COMPUTE_TASK)
    expected = compute.flops_to_pf_days(flops)
    return check_number(
        answer, expected, exercise="Exercise 2 — training compute in PF-days", rtol=0.01,
        units="PF-days",
        mistakes=[(flops, "That is in FLOPs; divide by one PF-day = 10¹⁵ × 86,400 FLOPs."),
                  (flops / 1e15, "That is in petaflop-seconds; a PF-day is 86,400 of them."),
                  (expected / 3, "That uses 2ND, the forward pass only; training costs 6ND "
                                 "(the backward pass is twice the forward)."),
                  (expected * 24, "That divides by petaflop-hours (× 3,600) rather than days.")],
        hint="C = 6·N·D FLOPs; one PF-day is 10¹⁵ FLOP/s for 86,400 s.",
    )


# Exercise 3: how fast the best model grows along the compute lines (dashboard) ----------------
LINE_TASK = {"low": 1e21, "high": 1e23}


def _best_on_lines():
    law = references.kaplan_joint_law()
    return (allocation.optimal_on_compute_line(law, LINE_TASK["low"]),
            allocation.optimal_on_compute_line(law, LINE_TASK["high"]))


def best_model_growth(answer):
    """Exercise 3: by what factor the N that minimises Kaplan's L(N, D) on the line 6ND = C grows
    from C = 10²¹ to 10²³ FLOPs."""
    low, high = _best_on_lines()
    expected = high.n_params / low.n_params
    budget_ratio = LINE_TASK["high"] / LINE_TASK["low"]
    frontier = (allocation.kaplan_frontier_params(LINE_TASK["high"])
                / allocation.kaplan_frontier_params(LINE_TASK["low"]))
    return check_number(
        answer, expected, exercise="Exercise 3 — how fast does the best model grow?", rtol=0.05,
        mistakes=[(high.n_tokens / low.n_tokens, "That is how much the best point's tokens grow; "
                                                 "the question asks about its parameters N."),
                  (1 / expected, "That ratio is upside down: divide the best N at 10²³ by the "
                                 "best N at 10²¹."),
                  (budget_ratio, "That is the growth of the budget; the best model grows more "
                                 "slowly, the tokens take the rest."),
                  (np.log10(expected), "That is the growth in decades (its logarithm); give the "
                                       "factor itself."),
                  (np.log(expected) / np.log(budget_ratio), "That is the exponent of N_opt ∝ "
                                                            "C^a; the question asks for the "
                                                            "factor, 100^a."),
                  (frontier, "That is Kaplan et al.'s published frontier (N ∝ C^0.73). This task "
                             "asks for the minimum of L(N, D) along each compute line, the star "
                             "on the dashboard.")],
        hint="Set the compute slider to 21 and read 'best on line: N = …'; then set it to 23 and "
             "read it again. Divide the second by the first.",
    )


# Exercise 4: how flat is the optimum? (dashboard) ----------------------------------------------
TOLERANCE_TASK = {"compute": 1e22, "excess": 0.02}


def _smallest_within(compute_flops, excess):
    smaller, _, best = allocation.sizes_within(references.kaplan_joint_law(), compute_flops, excess)
    return smaller, best


def smallest_good_model(answer):
    """Exercise 4: the smallest N on the 10²² line whose loss is within 2 % of the best."""
    n_small, best = _smallest_within(TOLERANCE_TASK["compute"], TOLERANCE_TASK["excess"])
    return check_number(
        answer, n_small, exercise="Exercise 4 — how small can you go?", rtol=0.15,
        units="parameters",
        mistakes=[(best.n_params, "That is the best model; the question asks for the smallest "
                                  "one whose loss is still within 2% of it.")],
        hint="Set compute to 22, then move N down from the best point until the readout says "
             "your loss is 2% above the best.",
    )


# Exercise 5: data to avoid overfitting ---------------------------------------------------------
OVERFIT_TASK = {"n_params": 1e9}


def tokens_to_avoid_overfitting(answer):
    """Exercise 5: tokens a 10⁹-parameter model needs to keep δL ≤ 2 % (Kaplan's L(N, D))."""
    j = references.KAPLAN_2020_JOINT
    law = references.kaplan_joint_law()
    n = OVERFIT_TASK["n_params"]
    expected = law.tokens_to_limit_overfitting(n, j.overfitting_penalty)
    return check_number(
        answer, expected, exercise="Exercise 5 — enough data not to overfit", rtol=0.1,
        units="tokens",
        mistakes=[(n, "One token per parameter is far too few (and far from the rule)."),
                  (j.overfitting_coefficient * n, "The rule grows as N^0.74, not in proportion "
                                                   "to N.")],
        hint="Either Kaplan's Eq. 4.4, D ≳ 5×10³ · N^0.74, or the package: "
             "references.kaplan_joint_law().tokens_to_limit_overfitting(N, 0.02).",
    )
