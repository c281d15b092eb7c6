"""Exercises of lesson 08: inference-aware scaling."""

from __future__ import annotations

from functools import lru_cache

from .. import allocation, fitting, references, simulate, studies
from . import check_function, check_number

__all__ = [
    "LIFETIME_TASK",
    "lifetime_tokens_per_param",
    "PASS_AT_K_TASK",
    "pass_at_k_by_hand",
    "VERIFIER_TASK",
    "verifier_break_even",
    "write_pass_at_k",
    "COVERAGE_TASK",
    "coverage_exponent",
]


#: Exercise 1: the target loss and the inference demand (the lifetime dashboard's sliders).
LIFETIME_TASK = {"target_loss": 2.0, "log10_inference_tokens": 13.0}


def lifetime_tokens_per_param(answer):
    """Exercise 1: the tokens per parameter of the lifetime-optimal model.

    The reference: ``tokens_per_param`` of :func:`scaling_utils.allocation.inference_aware_optimal`
    under :data:`scaling_utils.references.SARDANA_2024` at the loss and demand of
    :data:`LIFETIME_TASK` (what the lifetime dashboard's readout shows). Accepted within 2 %.

    Parameters
    ----------
    answer : float
        Training tokens per parameter, ``D/N``.

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming the training-optimal model's
        ratio, Chinchilla's rule of thumb, the inverted ratio and the tokens themselves) or
        ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson08
    >>> lesson08.lifetime_tokens_per_param(20).message
    "That is Chinchilla's rule of thumb; under this law, even the training-optimal model of this loss takes more, and heavy use pushes far beyond it."

    Introduced in lesson 08.
    """
    task = LIFETIME_TASK
    best = allocation.inference_aware_optimal(references.SARDANA_2024, task["target_loss"],
                                              10 ** task["log10_inference_tokens"])
    return check_number(
        answer, best.tokens_per_param, exercise="Exercise 1 — a model built to be used",
        rtol=0.02,
        mistakes=[(best.chinchilla_tokens / best.chinchilla_params,
                   "That is the training-optimal (Chinchilla) model of this loss; the task asks "
                   "for the model that also pays for 10¹³ tokens of inference."),
                  (20.0, "That is Chinchilla's rule of thumb; under this law, even the "
                         "training-optimal model of this loss takes more, and heavy use pushes "
                         "far beyond it."),
                  (best.n_params / best.n_tokens, "That is parameters per token; the task asks "
                                                  "for tokens per parameter, D/N."),
                  (best.n_tokens, "That is the number of training tokens D; divide it by N.")],
        hint="In the lifetime dashboard: target loss 2.00, log₁₀ tokens served 13.0; the "
             "readout's first line gives the lifetime optimum's tokens per parameter. Or "
             "allocation.inference_aware_optimal(references.SARDANA_2024, 2.0, 1e13).",
    )


#: Exercise 2: attempts drawn, correct among them, and the k to estimate pass@k for.
PASS_AT_K_TASK = {"n": 100, "c": 5, "k": 10}


def pass_at_k_by_hand(answer):
    """Exercise 2: the unbiased estimate of pass@k from ``c`` correct among ``n`` attempts.

    The reference: :func:`scaling_utils.fitting.pass_at_k` at :data:`PASS_AT_K_TASK`, Chen et
    al.'s (2021) ``1 − C(n − c, k)/C(n, k)``. Accepted within 0.5 % (the naive estimate is 3.6 %
    off).

    Parameters
    ----------
    answer : float
        The estimate, a fraction.

    Returns
    -------
    Feedback
        ``'correct'`` within 0.5 %; otherwise ``'not yet'`` (naming the naive estimate
        ``1 − (1 − c/n)^k``, pass@1, ``k·c/n`` and a percentage) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson08
    >>> lesson08.pass_at_k_by_hand(0.05).message
    'That is pass@1, c/n: the chance that one attempt is right. With k = 10 attempts the chance that at least one is right is higher.'

    Introduced in lesson 08.
    """
    n, c, k = PASS_AT_K_TASK["n"], PASS_AT_K_TASK["c"], PASS_AT_K_TASK["k"]
    expected = float(fitting.pass_at_k(n, c, k))
    return check_number(
        answer, expected, exercise="Exercise 2 — pass@k from counts", rtol=0.005,
        mistakes=[(1.0 - (1.0 - c / n) ** k,
                   "That is the naive estimate 1 − (1 − c/n)^k, which plugs the observed rate "
                   "in as if it were the true one; it is biased. Use 1 − C(n − c, k)/C(n, k)."),
                  (c / n, f"That is pass@1, c/n: the chance that one attempt is right. With k = "
                          f"{k} attempts the chance that at least one is right is higher."),
                  (k * c / n, "That adds up the chances of the k attempts as if they could not "
                              "both be right; it can even exceed 1."),
                  (100 * expected, "Give a fraction (0.5 for half), not a percentage.")],
        hint="1 − C(n − c, k)/C(n, k): the chance that k attempts drawn from the n all miss, "
             "taken away from 1. math.comb gives the binomial coefficients; or "
             "fitting.pass_at_k(100, 5, 10).",
    )


#: Exercise 3: the budget per problem and the two models compared (the sampling dashboard's grid).
VERIFIER_TASK = {"log10_inference_flops": 15.0, "small_params": 1e8, "large_params": 1e12}


def _break_even():
    task = VERIFIER_TASK
    budget = 10 ** task["log10_inference_flops"]
    pair = allocation.size_versus_samples([task["small_params"], task["large_params"]], budget)
    p_small, p_large = pair.single_attempt
    coverage_small = pair.coverage[0]
    return (p_large - p_small) / (coverage_small - p_small), pair


def verifier_break_even(answer):
    """Exercise 3: how accurate the verifier must be for many samples of the smallest model to
    match one sample of the largest at the same FLOPs.

    With accuracy ``v`` the small model's success is ``v·coverage + (1 − v)·p_small``
    (:func:`scaling_utils.allocation.size_versus_samples`, the course's toy model); it equals
    the large model's single-sample ``p_large`` at ``v* = (p_large − p_small)/(coverage −
    p_small)``, at the setting of :data:`VERIFIER_TASK`. Accepted within 0.03 (the dashboard's
    slider moves in steps of 0.05).

    Parameters
    ----------
    answer : float
        The break-even accuracy, a fraction.

    Returns
    -------
    Feedback
        ``'correct'`` within 0.03; otherwise ``'not yet'`` (naming a perfect verifier, a coin
        toss and a percentage) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson08
    >>> lesson08.verifier_break_even(1.0).status
    'not yet'

    Introduced in lesson 08.
    """
    expected, _ = _break_even()
    return check_number(
        answer, expected, exercise="Exercise 3 — how good must the verifier be", atol=0.03,
        mistakes=[(1.0, "A perfect verifier is more than enough: the small model then wins by "
                        "far. Lower the accuracy until the two ends of the blue curve are level."),
                  (0.5, "At 0.5 the largest model still wins. Raise the accuracy until the two "
                        "ends of the blue curve are level."),
                  (100 * expected, "Give a fraction (0.7 for 70 %), not a percentage.")],
        hint="In the sampling dashboard at log₁₀ FLOPs per problem 15: move the verifier "
             "accuracy until the blue curve's left end (10⁸ parameters, 10,000 samples) is as "
             "high as its right end (10¹² parameters, one sample). Or solve v·coverage + (1 − "
             "v)·p_small = p_large with the numbers of allocation.size_versus_samples.",
    )


def _pass_at_k_scalar(n, c, k):
    return float(fitting.pass_at_k(n, c, k))


def _naive(n, c, k):
    return 1.0 - (1.0 - c / n) ** k


def _pass_at_one(n, c, k):
    return c / n


def write_pass_at_k(func):
    """Exercise 4: write ``pass_at_k(n, c, k)``, Chen et al.'s unbiased estimator, so that it
    works for ``n`` = 10,000.

    The reference is :func:`scaling_utils.fitting.pass_at_k`, called on small cases, the edge
    cases ``c = 0``, ``c = n`` and ``n − c < k``, and ``n = 10,000``, where ratios of binomial
    coefficients in floating point overflow; accepted within a relative 10⁻⁶.

    Parameters
    ----------
    func : callable
        The learner's function ``pass_at_k(n, c, k)`` of three whole numbers.

    Returns
    -------
    Feedback
        ``'correct'`` when every case agrees; otherwise ``'not yet'`` naming the first case
        that differs (and the slip, for the naive ``1 − (1 − c/n)^k`` or for ``c/n``).

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils.checks import lesson08
    >>> def pass_at_k(n, c, k):
    ...     if n - c < k:
    ...         return 1.0
    ...     return 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))
    >>> lesson08.write_pass_at_k(pass_at_k).status
    'correct'

    Introduced in lesson 08.
    """
    cases = [(10, 3, 1), (10, 3, 5), (10, 0, 3), (10, 10, 3), (20, 18, 5), (200, 7, 50),
             (10_000, 30, 1_000), (10_000, 9_990, 20)]
    return check_function(
        func, _pass_at_k_scalar, cases, exercise="Exercise 4 — write the pass@k estimator",
        rtol=1e-6,
        mistakes=[(_naive, "That is the naive 1 − (1 − c/n)^k, which is biased; compute "
                           "1 − C(n − c, k)/C(n, k)."),
                  (_pass_at_one, "That is c/n, pass@1, whatever k is.")],
        hint="C(n − c, k)/C(n, k) = Π over i from n − c + 1 to n of (1 − k/i): no huge "
             "numbers. Return 1 when n − c < k (then every draw of k holds a correct attempt).",
    )


#: Exercise 5: the simulation whose coverage is fitted, and the smallest k fitted.
COVERAGE_TASK = {"n_problems": 1000, "attempts": 10_000, "tail_exponent": 0.5, "seed": 0,
                 "min_k": 10}


@lru_cache(maxsize=4)
def _coverage_fit(min_k):
    task = COVERAGE_TASK
    run = simulate.repeated_sampling(task["n_problems"], task["attempts"],
                                     tail_exponent=task["tail_exponent"], seed=task["seed"])
    keep = run.k >= min_k
    return fitting.fit_coverage(run.k[keep], run.coverage[keep])


def coverage_exponent(answer):
    """Exercise 5: the exponent ``b`` of the coverage law fitted to a simulation whose success
    rates have a tail exponent of 0.5.

    The reference: ``b`` of :func:`scaling_utils.fitting.fit_coverage` on the points ``k ≥
    min_k`` of :func:`scaling_utils.simulate.repeated_sampling` at :data:`COVERAGE_TASK`.
    Accepted within 1 %.

    Parameters
    ----------
    answer : float
        The fitted ``b`` (negative).

    Returns
    -------
    Feedback
        ``'correct'`` within 1 %; otherwise ``'not yet'`` (naming ``−a_tail``, the fit on every
        ``k``, and the sign) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson08
    >>> lesson08.coverage_exponent(0.5).status
    'not yet'

    Introduced in lesson 08.
    """
    fit = _coverage_fit(COVERAGE_TASK["min_k"])
    every = _coverage_fit(1)
    alpha = COVERAGE_TASK["tail_exponent"]
    return check_number(
        answer, fit.b, exercise="Exercise 5 — the tail sets the exponent", rtol=0.01,
        mistakes=[(-alpha, "That is −a_tail, the exponent the law tends to for very large k; fit the "
                           "simulated coverage and read the fitted b, which differs at these k."),
                  (alpha, "That is the tail exponent a_tail itself; the fitted b is negative and "
                          "differs from −a_tail at these k."),
                  (every.b, "That fit uses every k; keep only k ≥ 10, as the task asks."),
                  (-fit.b, "The size is right, but coverage rises with k, so b is negative.")],
        hint="run = simulate.repeated_sampling(1000, 10_000, tail_exponent=0.5, seed=0); keep "
             "run.k >= 10; fitting.fit_coverage(k, coverage).b.",
    )
