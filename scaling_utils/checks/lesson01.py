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

TEST_ERROR_TASK = {"n_features": 20, "n_samples": 50, "noise_std": 0.5}


def test_error(answer):
    """Exercise 1: the expected test error for :data:`TEST_ERROR_TASK`."""
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


SAMPLES_TASK = {"n_features": 100, "excess_ratio": 0.05}


def samples_needed(answer):
    """Exercise 2: how many samples keep the excess error at 5 % with 100 features."""
    n, rho = SAMPLES_TASK.values()
    exact = laws.ols_samples_needed(n, rho)
    return check_number(
        answer, exact, exercise="Exercise 2 — samples for a 5% excess error", atol=1.0,
        mistakes=[(n / rho, "That is D − N − 1; the features need samples of their own: "
                            "add N + 1."),
                  (n * rho, "ρ = N/(D − N − 1) puts ρ in the denominator when you solve for D.")],
        hint="Solve ρ = N/(D − N − 1) for D. Both the exact answer and D ≈ N(1 + 1/ρ) count.",
    )


DASHBOARD_TASK = {"n_features": 30, "error_ratio": 1.5}


def smallest_sample_size(answer):
    """Exercise 3: smallest D with E ≤ 1.5 σ² for N = 30 (found with the dashboard)."""
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
    """Exercise 4: a function ``(n_features, n_samples, noise_std) -> E`` matching the package."""
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


PEAK_TASK = {"n_features": 50, "noise_std": 0.5, "signal_norm": 1.0}


def peak_location(answer):
    """Exercise 5: the number of samples at which the minimum-norm error peaks (N = 50)."""
    n = PEAK_TASK["n_features"]
    return check_number(
        answer, n, exercise="Exercise 5 — where is the peak?", atol=1.0,
        mistakes=[(2 * n, "At D = 2N the error has come down again; look at fewer samples.")],
        hint="Move D towards N from both sides; the error blows up where the number of samples "
             "matches the number of features.",
    )
