"""Exercises of lesson 01: the generalisation error of ordinary least squares.

Each task's numbers are module constants, so the workbook can print them and the checker computes
the reference from them with :mod:`scaling_utils.laws`.
"""

from __future__ import annotations

from .. import laws
from . import check_function, check_number

__all__ = [
    "TEST_ERROR_TASK",
    "test_error",
    "SAMPLES_TASK",
    "samples_needed",
    "DASHBOARD_TASK",
    "smallest_sample_size",
    "expected_error_function",
    "PEAK_TASK",
    "peak_location",
]

#: Exercise 1's model: N features, D training samples and the label noise σ
#: (in this order: the workbook unpacks ``.values()``).
TEST_ERROR_TASK = {"n_features": 20, "n_samples": 50, "noise_std": 0.5}


def test_error(answer):
    """Exercise 1: the expected test error for :data:`TEST_ERROR_TASK`.

    OLS is fitted on D samples of N Gaussian features with label noise σ. The reference is
    :func:`scaling_utils.laws.ols_expected_error`,

        E = σ²(1 + N/(D − N − 1)),

    the noise plus σ² times the trace of an inverse-Wishart mean (Anderson, *An Introduction to
    Multivariate Statistical Analysis*, Lemma 7.7.1), accepted within 1 %.

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
        ``'not yet'`` or ``'not answered yet'`` and ``.message`` says why, naming four slips: σ for
        σ², the excess error alone, D − N for D − N − 1, and σ² left out. ``.hint`` holds the
        folded hint (``''`` when correct).

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson01
    >>> lesson01.test_error(...).status
    'not answered yet'
    >>> n, d, sigma = lesson01.TEST_ERROR_TASK.values()
    >>> result = lesson01.test_error(sigma * (1 + n / (d - n - 1)))   # σ where σ² belongs
    >>> result.correct
    False
    >>> result.message
    'You used σ where the formula has σ²: the noise enters as its variance.'

    Introduced in lesson 01.
    """
    n, d, sigma = TEST_ERROR_TASK.values()
    expected = laws.ols_expected_error(n, d, sigma)
    return check_number(
        answer, expected, exercise="Exercise 1 — expected test error", rtol=0.01,
        mistakes=[(sigma * (1 + n / (d - n - 1)), "You used σ where the formula has σ²: the "
                                                   "noise enters as its variance."),
                  (sigma**2 * n / (d - n - 1), "That is only the excess error; the test label "
                                               "has its own noise σ² on top."),
                  (sigma**2 * (1 + n / (d - n)), "Close: the denominator is D − N − 1, not "
                                                 "D − N."),
                  (1 + n / (d - n - 1), "That leaves out σ²: the whole bracket is multiplied by "
                                        "the noise variance.")],
        hint="E = σ²(1 + N/(D − N − 1)) with N features, D samples and noise σ.",
    )


#: Exercise 2's N features and accepted excess error ρ = E/σ² − 1 (in this order).
SAMPLES_TASK = {"n_features": 100, "excess_ratio": 0.05}


def samples_needed(answer):
    """Exercise 2: how many samples keep the excess error at 5 % with 100 features.

    Solving ``ρ = N/(D − N − 1)`` for D gives ``D = N(1 + 1/ρ) + 1``; the reference is its
    smallest whole D, :func:`scaling_utils.laws.ols_samples_needed`, for :data:`SAMPLES_TASK`.
    Accepted within ±1, so the rule ``D ≈ N(1 + 1/ρ)`` counts as well.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within ±1; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why: how many samples too few or too many,
        or one of two slips (``N/ρ`` alone, ``N·ρ``). ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson01
    >>> n, rho = lesson01.SAMPLES_TASK.values()
    >>> lesson01.samples_needed(n * rho).message
    'ρ = N/(D − N − 1) puts ρ in the denominator when you solve for D.'
    >>> lesson01.samples_needed("2000").status
    'not yet'

    Introduced in lesson 01.
    """
    n, rho = SAMPLES_TASK.values()
    exact = laws.ols_samples_needed(n, rho)
    return check_number(
        answer, exact, exercise="Exercise 2 — samples for a 5% excess error", atol=1.0,
        mistakes=[(n / rho, "That is D − N − 1; the features need samples of their own: "
                            "add N + 1."),
                  (n * rho, "ρ = N/(D − N − 1) puts ρ in the denominator when you solve for D.")],
        hint="Solve ρ = N/(D − N − 1) for D. Both the exact answer and D ≈ N(1 + 1/ρ) count.",
    )


#: Exercise 3's N features and the error ratio E/σ² to reach (in this order).
DASHBOARD_TASK = {"n_features": 30, "error_ratio": 1.5}


def smallest_sample_size(answer):
    """Exercise 3: smallest D with E ≤ 1.5 σ² for N = 30 (found with the dashboard).

    The reference is the smallest whole D with ``σ²(1 + N/(D − N − 1)) ≤ ratio·σ²``, that is
    :func:`scaling_utils.laws.ols_samples_needed` with ``ρ = ratio − 1``, for
    :data:`DASHBOARD_TASK`. Accepted within ±0.5: that D only.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True for that D; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why: how far off, one sample short, or the
        D where the dashboard starts (``N/ρ``), whose error is still too high. ``.hint`` holds
        the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson01
    >>> n, ratio = lesson01.DASHBOARD_TASK.values()
    >>> lesson01.smallest_sample_size(n / (ratio - 1)).message.endswith("keep moving D up.")
    True
    >>> lesson01.smallest_sample_size(None).status
    'not answered yet'

    Introduced in lesson 01.
    """
    n, ratio = DASHBOARD_TASK.values()
    expected = laws.ols_samples_needed(n, ratio - 1.0)
    return check_number(
        answer, expected, exercise="Exercise 3 — read it off the dashboard", atol=0.5,
        mistakes=[(expected - 1, f"At D = {expected - 1} the theory line is just above "
                                 f"{ratio}·σ²; one more sample."),
                  (n / (ratio - 1.0), f"At D = {n / (ratio - 1.0):g} (where the dashboard "
                                      f"starts) the error is "
                                      f"{laws.ols_expected_error(n, n / (ratio - 1.0)):.2f}·σ², "
                                      f"still above {ratio}·σ²; keep moving D up.")],
        hint="Set N = 30 and watch the line 'theory E' while you move D; compare it with 1.5·σ² "
             "(with σ = 1 that is simply 1.5).",
    )


def expected_error_function(func):
    """Exercise 4: a function ``(n_features, n_samples, noise_std) -> E`` matching the package.

    The learner's function is called on six argument sets (the last by keyword) and compared with
    :func:`scaling_utils.laws.ols_expected_error`, ``E = σ²(1 + N/(D − N − 1))``, to a relative
    10⁻⁹ (:func:`~scaling_utils.checks.check_function`).

    Parameters
    ----------
    func : callable
        What the learner passes: their function, by name, with the template's parameters
        ``(n_features, n_samples, noise_std)``. The template's body (``raise
        NotImplementedError``), ``...`` or None is "not answered yet"; anything that is not
        callable is "not yet".

    Returns
    -------
    Feedback
        ``'correct'`` when the function agrees on all six; otherwise ``'not yet'`` or
        ``'not answered yet'``, and ``.message`` names the first call that differs and what it
        did: a wrong value (naming three slips: σ for σ², the excess error alone, D − N), None,
        an exception, renamed parameters. ``.hint`` holds the folded hint.

    Warns
    -----
    Nothing of its own; warnings that the learner's function issues show as usual.

    Raises
    ------
    Nothing for any ``func``: whatever it raises is reported in the Feedback (only
    KeyboardInterrupt passes through; see :func:`~scaling_utils.checks.check_function`).

    Examples
    --------
    >>> from scaling_utils.checks import lesson01
    >>> def expected_error(n_features, n_samples, noise_std):
    ...     raise NotImplementedError("Write this function.")
    >>> lesson01.expected_error_function(expected_error).status
    'not answered yet'
    >>> def expected_error(n_features, n_samples, noise_std):
    ...     return noise_std**2 * (1 + n_features / (n_samples - n_features))
    >>> lesson01.expected_error_function(expected_error).message
    'expected_error(10, 20, 1.0) returned 2. Close: the denominator is D − N − 1, not D − N.'

    Introduced in lesson 01.
    """
    cases = [(10, 20, 1.0), (20, 50, 0.5), (100, 1000, 2.0), (1, 3, 1.0), (5, 7, 0.1),
             {"n_features": 50, "n_samples": 200, "noise_std": 1.5}]
    slips = [
        (lambda n_features, n_samples, noise_std:
            noise_std * (1 + n_features / (n_samples - n_features - 1)),
         "That is σ(1 + N/(D − N − 1)): the noise enters as its variance, noise_std**2."),
        (lambda n_features, n_samples, noise_std:
            noise_std**2 * n_features / (n_samples - n_features - 1),
         "That is only the excess error; the test label has its own noise σ² on top (the 1 +)."),
        (lambda n_features, n_samples, noise_std:
            noise_std**2 * (1 + n_features / (n_samples - n_features)),
         "Close: the denominator is D − N − 1, not D − N."),
    ]
    return check_function(
        func, laws.ols_expected_error, cases, exercise="Exercise 4 — write the formula",
        rtol=1e-9, mistakes=slips,
        hint="E = σ²(1 + N/(D − N − 1)): write it with the function's arguments, noise_std for σ, "
             "n_features for N and n_samples for D.",
    )


#: Exercise 5's dashboard settings: N features, label noise σ and signal norm ‖θ‖;
#: only N decides where the error peaks.
PEAK_TASK = {"n_features": 50, "noise_std": 0.5, "signal_norm": 1.0}


def peak_location(answer):
    """Exercise 5: the number of samples at which the minimum-norm error peaks (N = 50).

    The minimum-norm least-squares error (:func:`scaling_utils.laws.min_norm_expected_error`;
    Belkin, Hsu & Xu 2020, Theorem 1) is infinite for ``|D − N| ≤ 1``: the reference is
    ``D = N``, with N from :data:`PEAK_TASK`, accepted within ±1.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within ±1; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why (how far off, or that D = 2N is already
        past the peak). ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson01
    >>> lesson01.peak_location(2 * lesson01.PEAK_TASK["n_features"]).message
    'At D = 2N the error has come down again; look at fewer samples.'
    >>> lesson01.peak_location(True).status
    'not yet'

    Introduced in lesson 01.
    """
    n = PEAK_TASK["n_features"]
    return check_number(
        answer, n, exercise="Exercise 5 — where is the peak?", atol=1.0,
        mistakes=[(2 * n, "At D = 2N the error has come down again; look at fewer samples.")],
        hint="Move D towards N from both sides; the error blows up where the number of samples "
             "matches the number of features.",
    )
