"""The closed forms of scaling_utils.laws, checked against algebra and against simulation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_utils import CourseValueError, laws, simulate


class TestOlsExpectedError:
    def test_known_value(self):
        # σ²(1 + N/(D − N − 1)) with N = 20, D = 50, σ = 0.5: 0.25 · (1 + 20/29)
        assert laws.ols_expected_error(20, 50, 0.5) == pytest.approx(0.25 * 49 / 29)

    @pytest.mark.parametrize("n, d", [(5, 10), (20, 50), (10, 200)])
    def test_matches_simulation(self, n, d):
        simulated = simulate.least_squares_trial_errors(n, d, 0.7, n_trials=3000, seed=11)
        stderr = simulated.std(ddof=1) / np.sqrt(simulated.size)
        assert abs(simulated.mean() - laws.ols_expected_error(n, d, 0.7)) < 4 * stderr

    def test_arrays_broadcast(self):
        d = np.array([30, 40, 100])
        result = laws.ols_expected_error(10, d, 1.0)
        assert result.shape == (3,)
        np.testing.assert_allclose(result, 1 + 10 / (d - 11))

    def test_decreases_towards_noise_floor(self):
        d = np.array([12, 20, 100, 10_000, 10**7])
        result = laws.ols_expected_error(10, d, 2.0)
        assert np.all(np.diff(result) < 0)
        assert result[-1] == pytest.approx(4.0, rel=1e-5)

    @pytest.mark.parametrize("d, word", [(11, "infinite average"), (10, "infinite average"),
                                         (9, "singular"), (3, "singular")])
    def test_too_few_samples_explains_why(self, d, word):
        with pytest.raises(ValueError, match=word) as info:
            laws.ols_expected_error(10, d)
        assert "at least 12 samples" in str(info.value)


class TestSamplesNeeded:
    def test_exact_and_approximate_rule(self):
        # D ≥ N(1 + 1/ρ) + 1: for N = 100, ρ = 0.05 that is 2101; the rule of thumb gives 2100
        assert laws.ols_samples_needed(100, 0.05) == 2101

    @pytest.mark.parametrize("n, rho", [(1, 0.5), (30, 0.5), (100, 0.1), (7, 0.013), (500, 2.0)])
    def test_is_the_smallest_that_works(self, n, rho):
        d = laws.ols_samples_needed(n, rho)
        assert laws.ols_excess_ratio(n, d) <= rho + 1e-12
        if d - 1 >= n + 2:
            assert laws.ols_excess_ratio(n, d - 1) > rho

    def test_rejects_bad_ratio(self):
        with pytest.raises(ValueError, match="excess_ratio must be greater than 0"):
            laws.ols_samples_needed(10, 0)


class TestMinNormExpectedError:
    def test_equals_ols_above_threshold(self):
        d = np.arange(12, 60)
        np.testing.assert_allclose(laws.min_norm_expected_error(10, d, 0.3, 5.0),
                                   laws.ols_expected_error(10, d, 0.3))

    def test_infinite_at_threshold(self):
        assert np.all(np.isinf(laws.min_norm_expected_error(50, [49, 50, 51])))

    @pytest.mark.parametrize("n, d", [(50, 20), (50, 40), (30, 5)])
    def test_matches_simulation_below_threshold(self, n, d):
        simulated = simulate.least_squares_trial_errors(n, d, 0.5, signal_norm=1.0,
                                                        n_trials=3000, seed=3)
        stderr = simulated.std(ddof=1) / np.sqrt(simulated.size)
        assert abs(simulated.mean() - laws.min_norm_expected_error(n, d, 0.5, 1.0)) < 4 * stderr

    def test_no_signal_no_noise_limit(self):
        # With ‖θ‖ = 0 only noise remains: σ²(1 + D/(N − D − 1)).
        assert laws.min_norm_expected_error(100, 10, 1.0, 0.0) == pytest.approx(1 + 10 / 89)


class TestPowerLaw:
    def test_value_and_scale_invariance(self):
        law = laws.PowerLaw(3.0, -0.5)
        assert law(100) == pytest.approx(0.3)
        x = np.geomspace(1, 1e6, 7)
        np.testing.assert_allclose(law(10 * x) / law(x), law.factor_per_decade)

    def test_floor_and_reducible(self):
        law = laws.PowerLaw(2.0, -1.0, floor=1.5)
        assert law(4.0) == pytest.approx(2.0)
        assert law.reducible(4.0) == pytest.approx(0.5)

    def test_solve_inverts(self):
        law = laws.PowerLaw(9.0, -0.5, floor=1.7)
        x = np.array([10.0, 1e3, 1e6])
        np.testing.assert_allclose(law.solve(law(x)), x)

    def test_solve_below_floor_is_explained(self):
        with pytest.raises(ValueError, match="above the floor"):
            laws.PowerLaw(9.0, -0.5, floor=1.7).solve(1.6)

    def test_immutable(self):
        law = laws.PowerLaw(1.0, -0.1)
        with pytest.raises(AttributeError):
            law.exponent = 2.0

    @pytest.mark.parametrize("kwargs, word", [({"coefficient": -1, "exponent": 1}, "coefficient"),
                                              ({"coefficient": 1, "exponent": "a"}, "exponent"),
                                              ({"coefficient": 1, "exponent": 1, "floor": -1}, "floor")])
    def test_bad_parameters(self, kwargs, word):
        with pytest.raises(ValueError, match=word):
            laws.PowerLaw(**kwargs)


class TestLearningCurve:
    curve = laws.LearningCurve(best_guess=0.9, coefficient=20.0, exponent=-0.4, floor=0.05)

    def test_three_regions(self):
        assert self.curve(1.0) == pytest.approx(0.9, rel=1e-3)            # small data: best guess
        middle = 300 * self.curve.small_data_limit  # well inside the power-law region
        assert middle < self.curve.irreducible_onset
        assert self.curve(middle) == pytest.approx(self.curve.power_law(middle), rel=0.01)
        assert self.curve(1e15) == pytest.approx(0.05, rel=1e-3)          # irreducible floor

    def test_monotone(self):
        values = self.curve(np.geomspace(1, 1e12, 200))
        assert np.all(np.diff(values) < 0)

    @pytest.mark.parametrize("kwargs, word", [({"exponent": 0.2}, "negative"),
                                              ({"floor": 1.0}, "below best_guess")])
    def test_bad_parameters(self, kwargs, word):
        params = dict(best_guess=0.9, coefficient=20.0, exponent=-0.4, floor=0.05) | kwargs
        with pytest.raises(ValueError, match=word):
            laws.LearningCurve(**params)


class TestChinchillaTheta:
    """ChinchillaLaw.from_theta and .theta: the log-space parameters of the Huber fit."""

    def test_round_trip_from_the_law(self):
        for law in (laws.ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28),
                    laws.ChinchillaLaw(0.0, 1e3, 2e4, 0.5, 0.25)):
            back = laws.ChinchillaLaw.from_theta(law.theta)
            for name in ("E", "A", "B", "alpha", "beta"):
                assert getattr(back, name) == pytest.approx(getattr(law, name), rel=1e-14)

    @settings(max_examples=100, deadline=None)
    @given(theta=st.tuples(st.floats(-5, 5), st.floats(-20, 30), st.floats(-20, 30),
                           st.floats(0.01, 3), st.floats(0.01, 3)))
    def test_round_trip_from_theta(self, theta):
        law = laws.ChinchillaLaw.from_theta(theta)
        np.testing.assert_allclose(law.theta, theta, rtol=1e-12, atol=1e-12)
        assert law.E == pytest.approx(np.exp(theta[0])) and law.alpha == theta[3]

    def test_matches_the_fit_convention(self):
        law = laws.ChinchillaLaw.from_theta(np.array([0.5, 6.0, 7.0, 0.3, 0.4]))
        assert law(1e9, 1e10) == pytest.approx(
            np.exp(0.5) + np.exp(6.0) / 1e9**0.3 + np.exp(7.0) / 1e10**0.4)

    def test_e_minus_infinity_is_a_zero_floor(self):
        law = laws.ChinchillaLaw.from_theta([-np.inf, 6.0, 6.0, 0.3, 0.3])
        assert law.E == 0.0 and law.theta[0] == -np.inf

    @pytest.mark.parametrize("theta, word", [
        ([0.5, 6.0, 6.0, 0.3], "five numbers"),
        ([[0.5, 6.0, 6.0, 0.3, 0.3]], "shape"),
        ([0.5, 6.0, 6.0, -0.3, 0.3], "alpha"),
        ([0.5, 6.0, 6.0, 0.3, 0.0], "beta"),
        ([0.5, 1000.0, 6.0, 0.3, 0.3], "holds logarithms"),
        ([0.5, 6.0, 1e4, 0.3, 0.3], "overflows"),
        ([0.5, np.nan, 6.0, 0.3, 0.3], "NaN"),
        ("0.5, 6, 6, 0.3, 0.3", "five numbers"),
        (None, "five numbers"),
    ])
    def test_bad_theta(self, theta, word):
        with pytest.raises(CourseValueError, match=word):
            laws.ChinchillaLaw.from_theta(theta)


class TestRefusals:
    def test_two_variable_laws_need_two_arguments(self):
        law = laws.ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28)
        with pytest.raises(CourseValueError, match=r"law\(n_params, n_tokens\)"):
            law(1e9)
        with pytest.raises(CourseValueError, match="two variables"):
            laws.KaplanLaw(6.4e13, 1.8e13, 0.076, 0.103)(1e9)

    def test_critical_scale_of_a_flat_law(self):
        with pytest.raises(CourseValueError, match="exponent 0"):
            laws.PowerLaw(2.0, 0.0).critical_scale
        with pytest.raises(CourseValueError, match="floor"):
            laws.PowerLaw(2.0, -0.5, floor=1.0).critical_scale

    def test_penalty_is_a_fraction(self):
        law = laws.KaplanLaw(6.4e13, 1.8e13, 0.076, 0.103)
        with pytest.raises(CourseValueError, match="for 2% give 0.02"):
            law.tokens_to_limit_overfitting(1e9, 2)

    def test_tiny_excess_ratio_is_explained(self):
        with pytest.raises(CourseValueError, match="so small"):
            laws.ols_samples_needed(10, 1e-320)

    def test_every_error_is_a_course_error(self):
        # The laws' own checks (beyond _validate) raise the course type as well.
        for call in (lambda: laws.ols_expected_error(10, 5),
                     lambda: laws.LearningCurve(0.9, 20.0, 0.4),
                     lambda: laws.PowerLaw(1.0, 0.0).solve(2.0)):
            with pytest.raises(CourseValueError):
                call()


def test_docstrings_carry_the_corrected_sources():
    e_doc = " ".join(laws.ChinchillaLaw.__doc__.split())
    assert "entropy of text" not in e_doc and "1.82" in e_doc and "no such term" in e_doc
    curve_doc = " ".join(laws.LearningCurve.__doc__.split())
    assert "not reached" in curve_doc and "hypothesis" in curve_doc
    assert "Figure 1 shows machine-translation" in curve_doc
