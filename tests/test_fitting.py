"""fit_power_law: recovers the truth it was generated from, with honest uncertainties and warnings."""

import warnings

import numpy as np
import pytest

from scaling_utils import CourseValueError, fitting, laws, simulate

X = np.geomspace(1e3, 1e7, 15)


def quiet_fit(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", fitting.FitWarning)
        return fitting.fit_power_law(*args, **kwargs)


def test_exact_power_law_is_recovered_exactly():
    fit = fitting.fit_power_law(X, laws.PowerLaw(7.0, -0.3)(X))
    assert fit.exponent == pytest.approx(-0.3) and fit.coefficient == pytest.approx(7.0)
    assert fit.irreducible == 0 and fit.exponent_stderr < 1e-10


def test_floor_is_recovered_exactly():
    truth = laws.PowerLaw(50.0, -0.35, floor=1.2)
    fit = fitting.fit_power_law(X, truth(X), irreducible=True)
    assert fit.exponent == pytest.approx(-0.35, rel=1e-6)
    assert fit.irreducible == pytest.approx(1.2, rel=1e-6)


def test_uncertainty_is_calibrated_over_many_noisy_sweeps():
    truth = laws.PowerLaw(50.0, -0.35, floor=1.2)
    covered, estimates = 0, []
    for seed in range(60):
        y = simulate.noisy_observations(truth, X, relative_noise=0.02, seed=seed)
        fit = quiet_fit(X, y, irreducible=True)
        low, high = fit.exponent_interval(0.95)
        covered += low <= truth.exponent <= high
        estimates.append(fit.exponent)
    assert abs(np.mean(estimates) - truth.exponent) < 0.01
    assert covered >= 50  # about 95% of 60, with room for chance


def test_ignoring_the_floor_biases_the_exponent_towards_zero():
    truth = laws.PowerLaw(50.0, -0.35, floor=1.2)
    naive = fitting.fit_power_law(X, truth(X))
    assert -0.35 < naive.exponent < -0.1


def test_prediction_interval_covers_and_widens():
    truth = laws.PowerLaw(5.0, -0.5)
    y = simulate.noisy_observations(truth, X, relative_noise=0.05, seed=3)
    fit = fitting.fit_power_law(X, y)
    near, far = fit.prediction_interval(1e5), fit.prediction_interval(1e10)
    assert near[0] < truth(1e5) < near[1]
    assert far[1] / far[0] > near[1] / near[0]
    low, high = fit.prediction_interval(X)
    assert np.all(low < fit.predict(X)) and np.all(fit.predict(X) < high)


def test_floor_at_zero_warns():
    y = simulate.noisy_observations(laws.PowerLaw(3.0, -0.5), X, relative_noise=0.02, seed=1)
    with pytest.warns(fitting.FitWarning, match="floor sits at 0"):
        fit = fitting.fit_power_law(X, y, irreducible=True)
    assert fit.warnings


def test_flat_data_warn_floor_at_edge():
    y = 2.0 + simulate.noisy_observations(laws.PowerLaw(1e-6, -0.1), X, relative_noise=0.0)
    y = y * np.exp(0.001 * np.sin(np.arange(X.size)))
    with pytest.warns(fitting.FitWarning):
        fitting.fit_power_law(X, y, irreducible=True)


def test_few_points_warn():
    with pytest.warns(fitting.FitWarning, match="only 3 points"):
        fitting.fit_power_law([1, 10, 100], [1.0, 0.5, 0.26])


@pytest.mark.parametrize("x, y, word", [([1, 2], [1, 2], "at least 3"),
                                        ([1, 2, 3], [1, 2], "equal length"),
                                        ([1, 1, 1], [1, 2, 3], "two different"),
                                        ([1, 2, -3], [1, 2, 3], "greater than 0"),
                                        ([1, 2, 3], [1, np.nan, 3], "NaN")])
def test_bad_input(x, y, word):
    with pytest.raises(CourseValueError, match=word):
        fitting.fit_power_law(x, y)


def test_irreducible_needs_four_points():
    with pytest.raises(CourseValueError, match="at least 4"):
        fitting.fit_power_law([1, 2, 3], [3, 2, 1.5], irreducible=True)


def test_warning_text_has_no_file_path():
    import warnings as w
    text = w.formatwarning("msg", fitting.FitWarning, "/some/where.py", 3)
    assert text == "FitWarning: msg\n"


def test_a_callers_ignore_filter_silences_fit_warnings():
    y = simulate.noisy_observations(laws.PowerLaw(3.0, -0.5), X, relative_noise=0.02, seed=1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore", fitting.FitWarning)
        fitting.fit_power_law(X, y, irreducible=True)
    assert not caught


def test_course_warnings_are_set_to_repeat():
    from scaling_utils._warnings import CourseWarning
    y = simulate.noisy_observations(laws.PowerLaw(3.0, -0.5), X, relative_noise=0.02, seed=1)
    with warnings.catch_warnings(record=True):
        warnings.resetwarnings()  # as if the package had been imported inside such a block
        fitting.fit_power_law(X, y, irreducible=True)
        assert any(action == "always" and category is CourseWarning
                   for action, _, category, _, _ in warnings.filters)


def test_warnings_point_at_the_callers_line():
    """However deep in the package a fit warns, the warning names the learner's file."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fitting.fit_power_law([1, 2, 3, 4], [1.0, 0.7, 0.6, 0.5])
    assert caught and all(w.filename == __file__ for w in caught)
