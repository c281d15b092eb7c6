"""Every input error in fitting is a CourseValueError whose sentence says what came in."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_utils import CourseValueError, fitting, laws, references, simulate

TRUTH = references.BESIROGLU_2024
SWEEP = simulate.isoflop_sweep(TRUTH, np.geomspace(1e18, 1e21, 4), 6, noise=0.01, seed=0)
RUNS = (SWEEP.n_params, SWEEP.n_tokens, SWEEP.loss)


def small_power_fit():
    x = [10, 30, 100, 300, 1000, 3000, 10000]
    return fitting.fit_power_law(x, [1.07, 0.668, 0.509, 0.355, 0.248, 0.18, 0.119])


def raises(pattern):
    """A CourseValueError (not merely a ValueError) whose message matches ``pattern``."""
    return pytest.raises(CourseValueError, match=pattern)


# --- fit_power_law ---------------------------------------------------------------------------

@pytest.mark.parametrize("x, y, message", [
    ([1, 2, 3], [1, 2], r"x and y must be flat lists of equal length; got 3 and 2 values"),
    ([[1, 2], [3, 4]], [1, 2, 3, 4], r"got shape \(2, 2\) and 4 values"),
    ([1, 2, -3], [1, 2, 3], r"x must be greater than 0; found -3"),
    ([1, 2, 3], [1, 0, 3], r"y must be greater than 0; found 0"),
    ([1, 2, 3], [1, np.nan, 3], r"y contains NaN"),
    ([1, 2, np.inf], [1, 2, 3], r"x contains an infinite value"),
    ("1, 2, 3", [1, 2, 3], r"x must be numbers; got '1, 2, 3' \(str\)"),
    ([], [], r"x is empty"),
    ([1, 2], [1, 2], r"needs at least 3 points; got 2"),
    ([5, 5, 5], [1, 2, 3], r"x needs at least two different values to fit a slope; got 3 values, "
                           r"all 5"),
])
def test_power_law_bad_data(x, y, message):
    with raises(message):
        fitting.fit_power_law(x, y)


def test_power_law_with_a_floor_needs_four_points():
    with raises(r"a floor, a coefficient and an exponent needs at least 4 points; got 3"):
        fitting.fit_power_law([1, 2, 3], [3, 2, 1.5], irreducible=True)


@pytest.mark.parametrize("flag", ["yes", 1, None])
def test_power_law_floor_flag(flag):
    with raises(r"irreducible must be True or False; got"):
        fitting.fit_power_law([1, 2, 3], [3, 2, 1.5], irreducible=flag)


@pytest.mark.parametrize("x", [0, -1, [1, np.nan], "big"])
def test_prediction_interval_bad_x(x):
    fit = small_power_fit()
    with raises("x"):
        fit.prediction_interval(x)


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
anything = st.one_of(finite, st.just(float("nan")), st.just(float("inf")), st.just(0.0))


@settings(max_examples=80, deadline=None)
@given(x=st.lists(anything, max_size=6), y=st.lists(anything, max_size=6),
       irreducible=st.booleans())
def test_power_law_never_fails_with_another_error(x, y, irreducible):
    """Whatever comes in, the fit either runs or says why in a CourseValueError."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fit = fitting.fit_power_law(x, y, irreducible=irreducible)
        except CourseValueError as error:
            assert str(error).endswith(".") and len(str(error)) > 20
            return
    assert all(v > 0 and math.isfinite(v) for v in [*x, *y]) and len(x) == len(y)
    assert math.isfinite(fit.exponent)


# --- fit_chinchilla, bootstrap_chinchilla, chinchilla_objective ------------------------------

@pytest.mark.parametrize("args, message", [
    (([1e9] * 7, [1e10] * 8, [2.0] * 8),
     r"n_params, n_tokens and loss must be flat lists of equal length; got 7, 8 and 8 values"),
    (([1e9] * 3, [1e10] * 3, [2.0] * 3), r"needs more than five runs; got 3"),
    (([1e9] * 8, [1e10] * 8, [2.0] * 8), r"got 1 model size\(s\) and 1 token count\(s\) in 8 runs"),
    ((SWEEP.n_params, SWEEP.n_tokens, -SWEEP.loss), r"loss must be greater than 0"),
])
def test_chinchilla_bad_runs(args, message):
    with raises(message):
        fitting.fit_chinchilla(*args)
    with raises(message):
        fitting.bootstrap_chinchilla(*args, n_resamples=10)
    with raises(message):
        fitting.chinchilla_objective(TRUTH, *args)


@pytest.mark.parametrize("starts, message", [
    ([[1, 2, 3]], r"starts must be rows of five numbers .*; got shape \(1, 3\)"),
    ([0.5, 6.0, 6.0, 0.3, 0.3], r"got shape \(5,\)"),
    ([[0.5, 6.0, np.nan, 0.3, 0.3]], r"starts contains NaN or an infinite value"),
    ("grid", r"got 'grid' \(str\)"),
    ([[1, 2], [1, 2, 3]], r"starts must be rows of five numbers"),
])
def test_chinchilla_bad_starts(starts, message):
    with raises(message):
        fitting.fit_chinchilla(*RUNS, starts=starts)


@pytest.mark.parametrize("keyword, value", [("delta", 0), ("delta", "1e-3"), ("n_starts", 0),
                                            ("max_iter", 0), ("max_iter", 2.5)])
def test_chinchilla_bad_settings(keyword, value):
    with raises(keyword):
        fitting.fit_chinchilla(*RUNS, **{keyword: value})


@pytest.mark.parametrize("keyword, value", [("n_resamples", 5), ("seed", -1), ("delta", -1.0),
                                            ("max_iter", 0)])
def test_bootstrap_bad_settings(keyword, value):
    with raises(keyword):
        fitting.bootstrap_chinchilla(*RUNS, **{keyword: value})


def test_bootstrap_needs_the_fit_of_these_runs():
    other = simulate.isoflop_sweep(TRUTH, np.geomspace(1e18, 1e21, 3), 5, noise=0.01, seed=1)
    wrong = fitting.fit_chinchilla(other.n_params, other.n_tokens, other.loss)
    with raises(r"fit must be the fit_chinchilla result of these 24 runs .*; got a fit of 15 runs"):
        fitting.bootstrap_chinchilla(*RUNS, fit=wrong)
    power = small_power_fit()
    with raises(r"got PowerLawFit"):
        fitting.bootstrap_chinchilla(*RUNS, fit=power)


@pytest.mark.parametrize("name", ["gamma", "Alpha", None, ["a"]])
def test_bootstrap_interval_bad_name(name):
    boot = fitting.bootstrap_chinchilla(*RUNS, n_resamples=20)
    with raises(r"name must be one of E, A, B, alpha, beta, a; got"):
        boot.interval(name)


def test_objective_needs_a_chinchilla_law_or_five_numbers():
    with raises(r"law must be a laws.ChinchillaLaw or five finite numbers .*got PowerLaw"):
        fitting.chinchilla_objective(laws.PowerLaw(1.0, -0.5), *RUNS)
    for bad in ([1.0, 2.0], [0.5, 6.0, 6.0, 0.3, float("nan")], "theta"):
        with raises(r"five finite numbers"):
            fitting.chinchilla_objective(bad, *RUNS)


def test_objective_of_theta_equals_objective_of_its_law():
    law = laws.ChinchillaLaw(1.8, 480.0, 2100.0, 0.35, 0.37)
    assert fitting.chinchilla_objective(law.theta, *RUNS) == pytest.approx(
        fitting.chinchilla_objective(law, *RUNS), rel=1e-12)
    # an optimiser's trial step may take an exponent through zero; the objective still answers
    assert np.isfinite(fitting.chinchilla_objective([0.5, 6.0, 6.0, -0.1, 0.3], *RUNS))


# --- fit_isoflop, fit_envelope ---------------------------------------------------------------

@pytest.mark.parametrize("method", ["spline", "Parabola", None, ["parabola"]])
def test_isoflop_bad_method(method):
    with raises(r"method must be 'parabola' or 'argmin'; got"):
        fitting.fit_isoflop(SWEEP.n_params, SWEEP.compute, SWEEP.loss, method=method)


def test_isoflop_bad_lengths():
    with raises(r"n_params, compute and loss must be flat lists of equal length; got 24, 23 and "
                r"24 values"):
        fitting.fit_isoflop(SWEEP.n_params, SWEEP.compute[:-1], SWEEP.loss)


def test_isoflop_needs_two_budgets_with_three_runs():
    one = simulate.isoflop_sweep(TRUTH, [1e19], 5, noise=0.0)
    with raises(r"at least two compute budgets with 3 or more runs each.*got 1 such budget\(s\) "
                r"among 1 budget\(s\) in 5 runs"):
        fitting.fit_isoflop(one.n_params, one.compute, one.loss)
    two = simulate.isoflop_sweep(TRUTH, [1e19, 1e20], 3, noise=0.0)
    keep = np.r_[0:3, 3:5]  # the second budget keeps only two runs
    with raises(r"got 1 such budget\(s\) among 2 budget\(s\) in 5 runs"):
        fitting.fit_isoflop(two.n_params[keep], two.compute[keep], two.loss[keep])


def test_envelope_bad_input():
    curves = simulate.training_curves(TRUTH, np.geomspace(3e7, 3e9, 5), [3e9, 3e10])
    with raises(r"n_params, n_tokens and loss must be flat lists of equal length"):
        fitting.fit_envelope(curves.n_params, curves.n_tokens[1:], curves.loss)
    with raises(r"n_bins must be at least 2; got 1"):
        fitting.fit_envelope(curves.n_params, curves.n_tokens, curves.loss, n_bins=1)
    few = simulate.training_curves(TRUTH, [1e8, 1e9], [1e10])
    with raises(r"at least three model sizes, to find an optimum between them; got 2"):
        fitting.fit_envelope(few.n_params, few.n_tokens, few.loss)


def test_envelope_without_interior_optima():
    # every model far too small for the budgets: the best size is always the largest one
    curves = simulate.training_curves(TRUTH, [1e6, 2e6, 4e6], [1e11, 1e12])
    with raises(r"an optimum inside the sizes trained at 0 of 20 compute values"):
        fitting.fit_envelope(curves.n_params, curves.n_tokens, curves.loss)


def test_optimal_params_bad_compute():
    fit = fitting.fit_isoflop(SWEEP.n_params, SWEEP.compute, SWEEP.loss)
    with raises(r"compute must be greater than 0"):
        fit.optimal_params(-1e20)
