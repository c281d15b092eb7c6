"""Lesson 08: repeated sampling — pass@k (Chen et al. 2021), the coverage law (Brown et al. 2024)
and the heavy tail of hard problems behind it (Schaeffer et al. 2025)."""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest

from scaling_utils import CourseValueError, FitWarning, fitting, simulate


def _exact(n, c, k):
    if n - c < k:
        return 1.0
    return float(1 - Fraction(math.comb(n - c, k), math.comb(n, k)))


def test_pass_at_k_is_the_combinatorial_definition_for_small_n():
    for n in range(1, 13):
        for c in range(n + 1):
            for k in range(1, n + 1):
                assert fitting.pass_at_k(n, c, k) == pytest.approx(_exact(n, c, k), rel=1e-12,
                                                                   abs=1e-15)


def test_pass_at_k_is_finite_and_right_for_ten_thousand_attempts():
    for c, k in [(0, 1), (1, 1), (1, 100), (3, 10), (17, 1000), (500, 5000), (9000, 1),
                 (10, 9990), (10_000, 10_000)]:
        value = fitting.pass_at_k(10_000, c, k)
        assert np.isfinite(value) and 0 <= value <= 1
        assert value == pytest.approx(_exact(10_000, c, k), rel=1e-9, abs=1e-15)


def test_pass_at_k_is_unbiased():
    """E[pass@k estimate] over C ~ Binomial(n, p) is exactly 1 − (1 − p)^k."""
    n, p = 40, 0.07
    c = np.arange(n + 1)
    pmf = np.array([math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in c])
    for k in (1, 5, 20, 40):
        mean = float(pmf @ fitting.pass_at_k(n, c, k))
        assert mean == pytest.approx(1 - (1 - p) ** k, rel=1e-10)


def test_pass_at_k_is_vectorised_over_problems_and_budgets():
    c = np.array([[0], [1], [7], [250]])
    k = np.array([[1, 10, 100]])
    table = fitting.pass_at_k(1000, c, k)
    assert table.shape == (4, 3)
    for i in range(4):
        for j in range(3):
            assert table[i, j] == pytest.approx(_exact(1000, int(c[i, 0]), int(k[0, j])),
                                                rel=1e-10, abs=1e-15)
    assert np.all(np.diff(table, axis=1) >= 0) and isinstance(fitting.pass_at_k(5, 1, 2), float)


@pytest.mark.parametrize("n, c, k, message", [
    (10, 3, 0, r"k must be at least 1; found 0"),
    (10, 11, 1, r"c must be at most n .*got c = 11 with n = 10"),
    (10, 3, 11, r"k must be at most n: the unbiased estimate of pass@k needs at least k attempts"),
    (10, -1, 1, r"c must be at least 0"),
    (10, 2.5, 1, r"c must hold whole numbers"),
    ("10", 2, 1, r"n must be numbers"),
    ([10, 10], [1, 2, 3], 1, r"n, c and k must be single numbers or lists of the same length"),
])
def test_pass_at_k_refuses_bad_counts(n, c, k, message):
    with pytest.raises(CourseValueError, match=message):
        fitting.pass_at_k(n, c, k)


# --- the coverage law -------------------------------------------------------------------------

def test_the_coverage_fit_recovers_a_and_b_from_data_simulated_from_the_form():
    k = np.unique(np.round(np.geomspace(1, 1e4, 20)))
    for seed, (a, b) in enumerate([(-1.5, -0.3), (-3.0, -0.5), (-0.8, -0.15)]):
        rng = np.random.default_rng(seed)
        coverage = np.exp(a * k**b * np.exp(0.02 * rng.standard_normal(k.size)))
        fit = fitting.fit_coverage(k, coverage)
        assert fit.a == pytest.approx(a, rel=0.05) and fit.b == pytest.approx(b, abs=0.01)
        low, high = fit.conf_int(0.999)["b"]
        assert low < b < high
        low, high = fit.conf_int(0.999)["a"]
        assert low < a < high < 0
        assert fit.stderr["a"] > 0 and fit.residual_std == pytest.approx(0.02, rel=0.5)
        np.testing.assert_allclose(fit.predict(k), coverage, rtol=0.05)
    assert "fit_coverage" in str(fit.summary()) and str(fit).startswith("coverage = exp(")


def test_an_exact_curve_is_fitted_exactly():
    k = np.array([1, 2, 5, 10, 50, 100])
    fit = fitting.fit_coverage(k, np.exp(-2.0 * k**-0.4))
    assert fit.a == pytest.approx(-2.0, rel=1e-10) and fit.b == pytest.approx(-0.4, rel=1e-10)


@pytest.mark.parametrize("k, coverage, message", [
    ([1, 10, 100], [0.2, 0.5, 1.0], r"strictly between 0 and 1.*Leave out the points"),
    ([1, 10, 100], [20, 50, 90], r"It is a fraction: for 20% give 0.2"),
    ([1, 10, 100], [0.0, 0.5, 0.9], r"coverage must be greater than 0"),
    ([1, 10], [0.2, 0.5], r"need at least 3 values"),
    ([1, 1, 10], [0.2, 0.3, 0.5], r"at least three different values"),
    ([1, 10, 100], [0.2, 0.5], r"same length|equal length"),
])
def test_fit_coverage_refuses_bad_data(k, coverage, message):
    with pytest.raises(CourseValueError, match=message):
        fitting.fit_coverage(k, coverage)


def test_coverage_that_does_not_rise_is_flagged():
    with pytest.warns(FitWarning, match="does not rise with k"):
        fit = fitting.fit_coverage([1, 10, 100, 1000], [0.6, 0.5, 0.45, 0.4])
    assert fit.warnings and fit.b > 0


# --- the heavy tail behind the power law ------------------------------------------------------

def test_a_heavy_tail_of_hard_problems_gives_a_straight_line_and_a_light_one_does_not():
    """Schaeffer et al. (2025): p ~ Beta(α, β) has density ∝ p^(α−1) near 0, and −log coverage
    then falls as k^(−α). Over five seeds and k from 10 to 10,000 the points lie on a line in
    (ln k, ln(−ln coverage)) to a few per cent, with slope within 0.1 of −α; without mass near 0
    (α = 3) they bend away from any line by orders of magnitude more."""
    for seed in range(5):
        heavy = simulate.repeated_sampling(1000, 10_000, tail_exponent=0.3, beta=3.0, seed=seed)
        keep = (heavy.k >= 10) & (heavy.coverage < 1)
        fit = fitting.fit_coverage(heavy.k[keep], heavy.coverage[keep])
        assert fit.residual_std < 0.06 and abs(fit.b + 0.3) < 0.1
        light = simulate.repeated_sampling(1000, 10_000, tail_exponent=3.0, beta=30.0, seed=seed)
        keep = (light.k >= 10) & (light.coverage < 1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FitWarning)
            bent = fitting.fit_coverage(light.k[keep], light.coverage[keep])
        assert bent.residual_std > 20 * fit.residual_std


def test_the_simulation_is_seeded_unbiased_and_consistent():
    one = simulate.repeated_sampling(300, 2000, seed=4)
    two = simulate.repeated_sampling(300, 2000, seed=4)
    np.testing.assert_array_equal(one.successes, two.successes)
    assert one.k[0] == 1 and one.k[-1] == 2000 and np.all(np.diff(one.coverage) >= 0)
    assert one.coverage[0] == pytest.approx(one.successes.mean() / 2000)
    assert one.coverage[-1] == pytest.approx(np.mean(one.successes > 0))
    np.testing.assert_allclose(one.coverage, one.expected_coverage, atol=0.03)
    assert "300 problems × 2000 attempts" in str(one)
    chosen = simulate.repeated_sampling(50, 100, k=[1, 10, 100], seed=0)
    assert chosen.k.tolist() == [1, 10, 100]
    assert simulate.repeated_sampling(1000, 10_000).coverage.size == 24   # 25, two merged


def test_the_simulation_refuses_bad_settings():
    with pytest.raises(CourseValueError, match=r"k must hold whole numbers from 1 to attempts"):
        simulate.repeated_sampling(10, 100, k=[1, 1000])
    with pytest.raises(CourseValueError, match="limit"):
        simulate.repeated_sampling(10**7, 10**6)
    with pytest.raises(CourseValueError, match="tail_exponent"):
        simulate.repeated_sampling(10, 100, tail_exponent=0)


# --- a bigger model, or more samples of a smaller one, at equal inference FLOPs ---------------

from scaling_utils import allocation  # noqa: E402

SIZES = np.geomspace(1e8, 1e12, 13)


def test_samples_are_what_the_budget_buys_at_two_flops_per_parameter_and_token():
    result = allocation.size_versus_samples(SIZES, 3e15, tokens_per_sample=250)
    np.testing.assert_array_equal(result.samples, np.floor(3e15 / (2 * SIZES * 250) + 1e-9))
    assert result.samples[-1] == 6 and result.samples[0] == 60_000
    broke = allocation.size_versus_samples([1e9, 1e12], 1e14, tokens_per_sample=100)
    assert broke.samples.tolist() == [500, 0] and broke.success[1] == 0 == broke.coverage[1]


def test_the_quadrature_agrees_with_sampled_problems():
    """The model's averages over difficulties, by 64-point Gauss–Hermite, against 400,000
    problems drawn at random."""
    kwargs = dict(logit_per_decade=1.2, difficulty_mean=2.5, difficulty_spread=2.5)
    result = allocation.size_versus_samples([3e8, 3e9, 3e10], 1e15, verifier_accuracy=0.6,
                                            **kwargs)
    d = np.random.default_rng(0).normal(2.5, 2.5, 400_000)
    for i, n in enumerate(result.n_params):
        p = 1 / (1 + np.exp(-(1.2 * np.log10(n / 1e9) - d)))
        k = result.samples[i]
        coverage = np.mean(1 - (1 - p) ** k)
        assert result.single_attempt[i] == pytest.approx(p.mean(), abs=2e-3)
        assert result.coverage[i] == pytest.approx(coverage, abs=2e-3)
        assert result.success[i] == pytest.approx(0.6 * coverage + 0.4 * p.mean(), abs=2e-3)


def test_an_oracle_verifier_favours_samples_and_a_random_pick_favours_size():
    oracle = allocation.size_versus_samples(SIZES, 1e14, verifier_accuracy=1.0)
    blind = allocation.size_versus_samples(SIZES, 1e14, verifier_accuracy=0.0)
    affordable = blind.samples >= 1
    assert blind.best_params == SIZES[affordable][-1]          # the largest it can afford
    assert oracle.best_params < blind.best_params               # smaller, with more samples
    assert oracle.success[oracle.best] > oracle.single_attempt[affordable][-1]
    np.testing.assert_allclose(oracle.success[affordable], oracle.coverage[affordable])
    np.testing.assert_allclose(blind.success[affordable], blind.single_attempt[affordable])
    assert "best N = " in str(oracle)


def test_success_rises_with_the_verifier_and_the_budget():
    previous = None
    for v in np.linspace(0, 1, 6):
        s = allocation.size_versus_samples(SIZES, 1e15, verifier_accuracy=v).success
        if previous is not None:
            assert np.all(s >= previous - 1e-15)
        previous = s
    low = allocation.size_versus_samples(SIZES, 1e14).success
    high = allocation.size_versus_samples(SIZES, 1e16).success
    assert np.all(high >= low)


def test_a_dashboard_call_is_fast():
    import time
    sizes = np.geomspace(1e8, 1e12, 40)
    start = time.perf_counter()
    for _ in range(50):
        allocation.size_versus_samples(sizes, 1e15, verifier_accuracy=0.8)
    assert (time.perf_counter() - start) / 50 < 0.01


@pytest.mark.parametrize("kwargs, message", [
    (dict(verifier_accuracy=90), r"verifier_accuracy must lie in \[0, 1\].*for 90% give 0.9"),
    (dict(verifier_accuracy=-0.1), r"verifier_accuracy must lie in \[0, 1\]"),
    (dict(difficulty_spread=-1), r"difficulty_spread must be 0 or more"),
    (dict(tokens_per_sample=0), r"tokens_per_sample must be greater than 0"),
])
def test_size_versus_samples_refuses_bad_settings(kwargs, message):
    with pytest.raises(CourseValueError, match=message):
        allocation.size_versus_samples(SIZES, 1e15, **kwargs)
