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
#: Exercise 1's transformer: layers, width, vocabulary and context length (the
#: last two only enter the slip of counting the embeddings).
PARAMS_TASK = {"n_layer": 24, "d_model": 1024, "vocab_size": 50257, "n_ctx": 1024}


def non_embedding_params(answer):
    """Exercise 1: non-embedding parameters of a 24-layer, 1024-wide transformer.

    The reference is :func:`scaling_utils.compute.transformer_params` without embeddings,
    ``N = 12·n_layer·d_model²`` (``d_attn = d_model``, ``d_ff = 4·d_model``; Kaplan et al. 2020,
    Table 1), for :data:`PARAMS_TASK`, accepted within 1 %.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 1 % (``.status`` ``'correct'``); otherwise ``.status`` is
        ``'not yet'`` or ``'not answered yet'`` and ``.message`` says why, naming four slips: the
        embeddings counted, one layer only, the attention matrices only, the feed-forward block
        only. ``.hint`` holds the folded hint (``''`` when correct).

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson03
    >>> one_layer = 12 * lesson03.PARAMS_TASK["d_model"] ** 2
    >>> lesson03.non_embedding_params(one_layer).message
    'That is one layer; multiply by the number of layers.'
    >>> lesson03.non_embedding_params(...).status
    'not answered yet'

    Introduced in lesson 03.
    """
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
#: Exercise 2's training run: N parameters on D tokens (in this order).
COMPUTE_TASK = {"n_params": 1.3e9, "n_tokens": 26e9}


def pf_days(answer):
    """Exercise 2: training compute of a 1.3B-parameter model on 26B tokens, in PF-days.

    The reference is ``C = 6·N·D`` FLOPs (:func:`scaling_utils.compute.training_flops`; Kaplan et
    al. 2020, §2.1) for :data:`COMPUTE_TASK`, in PF-days of ``10¹⁵ × 86,400`` FLOPs
    (:func:`scaling_utils.compute.flops_to_pf_days`), accepted within 1 %.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 1 %; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why, naming four slips: FLOPs,
        petaflop-seconds, the forward pass only (``2ND``), petaflop-hours. ``.hint`` holds the
        folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils import compute
    >>> from scaling_utils.checks import lesson03
    >>> flops = compute.training_flops(**lesson03.COMPUTE_TASK)
    >>> lesson03.pf_days(flops).message
    'That is in FLOPs; divide by one PF-day = 10¹⁵ × 86,400 FLOPs.'

    Introduced in lesson 03.
    """
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
#: Exercise 3's two budgets in FLOPs: the best model on the ``high`` line is
#: compared with the best on the ``low`` one.
LINE_TASK = {"low": 1e21, "high": 1e23}


def _best_on_lines():
    law = references.kaplan_joint_law()
    return (allocation.optimal_on_compute_line(law, LINE_TASK["low"]),
            allocation.optimal_on_compute_line(law, LINE_TASK["high"]))


def best_model_growth(answer):
    """Exercise 3: by what factor the N that minimises Kaplan's L(N, D) on the line 6ND = C grows
    from C = 10²¹ to 10²³ FLOPs.

    The reference is the ratio of the two model sizes that minimise Kaplan et al.'s ``L(N, D)``
    (Eq. 1.5 with the constants of Table 2, :func:`scaling_utils.references.kaplan_joint_law`)
    along ``6ND = C`` (:func:`scaling_utils.allocation.optimal_on_compute_line`, the dashboard's
    star), at the two budgets of :data:`LINE_TASK`; accepted within 5 %.

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
        ``'not answered yet'`` and ``.message`` says why, naming six slips: the growth of the
        tokens, the ratio upside down, the growth of the budget, the growth in decades, the
        exponent of ``N_opt ∝ C^a``, and Kaplan et al.'s published frontier ``N ∝ C^0.73``
        (Table 6), a different quantity. ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson03
    >>> budget_growth = lesson03.LINE_TASK["high"] / lesson03.LINE_TASK["low"]
    >>> lesson03.best_model_growth(budget_growth).message.startswith("That is the growth")
    True

    Introduced in lesson 03.
    """
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
#: Exercise 4's budget in FLOPs and the loss excess allowed (0.02: within 2 %
#: of the best loss on that line).
TOLERANCE_TASK = {"compute": 1e22, "excess": 0.02}


def _smallest_within(compute_flops, excess):
    smaller, _, best = allocation.sizes_within(references.kaplan_joint_law(), compute_flops, excess)
    return smaller, best


def smallest_good_model(answer):
    """Exercise 4: the smallest N on the 10²² line whose loss is within 2 % of the best.

    The reference is the smaller root of ``L(N, C/(6N)) = (1 + excess)·L_min`` on the line
    ``6ND = C`` for Kaplan et al.'s ``L(N, D)`` (:func:`scaling_utils.allocation.sizes_within`),
    with the budget and excess of :data:`TOLERANCE_TASK`; accepted within 15 %, as it is read off
    a dashboard.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 15 %; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why (how far off, or that the answer is the
        best model itself). ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson03
    >>> lesson03.smallest_good_model("5e9").message
    "Your answer is the text '5e9': remove the quotes so that it is a number."
    >>> lesson03.smallest_good_model(1.0).correct
    False

    Introduced in lesson 03.
    """
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
#: Exercise 5's model size N, in (non-embedding) parameters.
OVERFIT_TASK = {"n_params": 1e9}


def tokens_to_avoid_overfitting(answer):
    """Exercise 5: tokens a 10⁹-parameter model needs to keep δL ≤ 2 % (Kaplan's L(N, D)).

    The reference is :meth:`scaling_utils.laws.KaplanLaw.tokens_to_limit_overfitting` with
    ``δ = 0.02`` (``KAPLAN_2020_JOINT.overfitting_penalty``) for the N of :data:`OVERFIT_TASK`:
    ``D = D_c (N/N_c)^(α_N/α_D) / ((1 + δ)^(1/α_D) − 1)``, from Kaplan et al.'s ``L(N, D)``
    (Eq. 1.5, Table 2). Accepted within 10 %, so their rounded Eq. 4.4, ``D ≳ 5×10³·N^0.74``,
    counts as well.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 10 %; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why, naming two slips: one token per
        parameter, and tokens in proportion to N. ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson03
    >>> lesson03.tokens_to_avoid_overfitting(lesson03.OVERFIT_TASK["n_params"]).message
    'One token per parameter is far too few (and far from the rule).'

    Introduced in lesson 03.
    """
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
