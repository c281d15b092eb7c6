"""Smoothly broken power laws (lesson 06): the law, and fit_broken_power_law recovering known
truths, warning about breaks it cannot see, reporting like every fit, and refusing bad input."""

import dataclasses
import time
import warnings

import numpy as np
import pytest

from scaling_utils import CourseValueError, FitWarning, fitting, laws, simulate
from scaling_utils.fitting import broken

TRUTH = laws.BrokenPowerLaw(a=0.2, b=8.0, c0=0.1, breaks=[(0.4, 3e4, 0.4)])
X15 = np.geomspace(1e2, 1e7, 15)


def quietly(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FitWarning)
        return function(*args, **kwargs)


# --- the law -------------------------------------------------------------------------------------

def test_law_is_caballero_eq_1_computed_without_overflow():
    law = laws.BrokenPowerLaw(0.1, 3.0, 0.2, [(0.5, 1e3, 0.3), (-0.3, 1e6, 0.8)])
    x = np.geomspace(1.0, 1e9, 30)
    direct = 0.1 + 3.0 * x**-0.2 * (1 + (x / 1e3) ** (1 / 0.3)) ** (-0.5 * 0.3) \
        * (1 + (x / 1e6) ** (1 / 0.8)) ** (0.3 * 0.8)
    np.testing.assert_allclose(law(x), direct, rtol=1e-12)
    sharp = laws.BrokenPowerLaw(0.0, 1.0, 0.1, [(0.5, 10.0, 1e-4)])   # (x/d)^(1/f) overflows
    assert np.isfinite(sharp(np.geomspace(1, 1e6, 7))).all()


def test_log_log_slopes_are_minus_c0_then_minus_the_running_sum():
    law = laws.BrokenPowerLaw(0.0, 2.0, 0.1, [(0.4, 1e3, 0.1), (-0.3, 1e7, 0.1)])
    assert law.slopes == (-0.1, -0.5, -0.2)
    for (lo, hi), slope in zip([(1.0, 10.0), (1e4, 1e5), (1e9, 1e10)], law.slopes):
        measured = np.log(law(hi) / law(lo)) / np.log(hi / lo)
        assert measured == pytest.approx(slope, abs=1e-4)


def test_no_breaks_is_a_power_law_with_a_floor():
    x = np.geomspace(1, 1e6, 9)
    np.testing.assert_allclose(laws.BrokenPowerLaw(0.3, 2.0, 0.25)(x),
                               laws.PowerLaw(2.0, -0.25, floor=0.3)(x), rtol=1e-13)


def test_law_is_immutable_and_scalar_in_scalar_out():
    assert isinstance(TRUTH(1e3), float) and TRUTH([1e3, 1e4]).shape == (2,)
    with pytest.raises(dataclasses.FrozenInstanceError):
        TRUTH.a = 0.5
    assert TRUTH.breaks == ((0.4, 3e4, 0.4),) and TRUTH.n_breaks == 1


@pytest.mark.parametrize("args, word", [
    ((-0.1, 1.0, 0.2), "a"), ((0.1, 0.0, 0.2), "b"), ((0.1, 1.0, "0.2"), "c0"),
    ((0.1, 1.0, 0.2, [(0.3, -1.0, 0.2)]), "d1"), ((0.1, 1.0, 0.2, [(0.3, 10.0, 0.0)]), "f1"),
    ((0.1, 1.0, 0.2, [(0.3, 10.0)]), "triples"), ((0.1, 1.0, 0.2, None), "triples"),
    ((0.1, 1.0, 0.2, (0.3, 10.0, 0.2)), "triples"), ((0.1, 1.0, float("nan")), "c0"),
])
def test_law_refuses_bad_parameters(args, word):
    with pytest.raises(CourseValueError, match=word):
        laws.BrokenPowerLaw(*args)


def test_law_refuses_non_positive_x():
    for bad in (0.0, -1.0, [1.0, float("nan")], None):
        with pytest.raises(CourseValueError, match="x"):
            TRUTH(bad)


# --- the fit recovers known truths ---------------------------------------------------------------

@pytest.mark.parametrize("truth", [
    TRUTH,
    laws.BrokenPowerLaw(0.0, 2.0, 0.05, [(0.3, 1e4, 0.3)]),
    laws.BrokenPowerLaw(0.5, 20.0, 0.6, [(-0.4, 1e5, 0.2)]),        # a break that flattens
    laws.BrokenPowerLaw(0.05, 1.0, -0.05, [(0.5, 3e3, 1.0)]),      # rising, then falling
])
def test_noise_free_truths_come_back(truth):
    fit = quietly(fitting.fit_broken_power_law, X15, truth(X15))
    assert fit.objective < 1e-18
    values = fit.params
    expected = [truth.a, truth.b, truth.c0, *truth.breaks[0]]
    np.testing.assert_allclose(list(values.values()), expected, rtol=1e-5, atol=1e-7)


def test_two_breaks_noise_free():
    truth = laws.BrokenPowerLaw(0.1, 5.0, 0.1, [(0.4, 1e3, 0.3), (-0.3, 1e6, 0.3)])
    x = np.geomspace(10, 1e9, 20)
    fit = quietly(fitting.fit_broken_power_law, x, truth(x), n_breaks=2)
    assert fit.objective < 1e-14
    np.testing.assert_allclose(fit.predict(x), truth(x), rtol=1e-6)
    assert sorted(round(d, -1) for _, d, _ in fit.law.breaks) == [1e3, 1e6]


def test_noisy_truth_within_its_intervals():
    x = np.geomspace(1e2, 1e7, 20)
    covered, fits = 0, 0
    for seed in range(8):
        y = simulate.noisy_observations(TRUTH, x, relative_noise=0.01, seed=seed)
        fit = quietly(fitting.fit_broken_power_law, x, y)
        assert fit.law.breaks[0][1] == pytest.approx(3e4, rel=0.4)
        assert fit.law.c0 == pytest.approx(0.1, abs=0.03)
        assert fit.law.c0 + fit.law.breaks[0][0] == pytest.approx(0.5, abs=0.08)
        if fit.reason is None:
            fits += 1
            low, high = fit.conf_int(0.95)["c1"]
            covered += low <= 0.4 <= high
    assert fits >= 6 and covered >= fits - 2


def test_at_least_as_good_as_many_random_starts():
    """The structured grid finds the minimum that 60 random starts of scipy's solver find."""
    from scipy.optimize import least_squares

    rng = np.random.default_rng(3)
    y = simulate.noisy_observations(TRUTH, X15, relative_noise=0.02, seed=11)
    fit = quietly(fitting.fit_broken_power_law, X15, y)
    lx, ly = np.log(X15), np.log(y)
    lower, upper = broken._bounds(lx, ly, 1)
    best = np.inf
    for _ in range(60):
        start = np.array([rng.uniform(0, y.min()), rng.normal(1, 1), rng.uniform(-0.5, 1),
                          rng.uniform(-1, 1.5), rng.uniform(lx.min() - 2, lx.max() + 2),
                          np.log(rng.uniform(0.03, 3))])
        result = least_squares(lambda t: broken._log_prediction(t[None], lx)[0] - ly, start,
                               bounds=(lower, upper), max_nfev=1000)
        best = min(best, broken._objectives(result.x[None], lx, ly)[0])
    assert fit.objective <= best * (1 + 1e-6)


def test_fast_enough():
    y = simulate.noisy_observations(TRUTH, X15, relative_noise=0.01, seed=0)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        quietly(fitting.fit_broken_power_law, X15, y)
        times.append(time.perf_counter() - start)
    assert min(times) < 0.3, times


def test_no_breaks_agrees_with_fit_power_law():
    truth = laws.PowerLaw(5.0, -0.3, floor=0.2)
    y = simulate.noisy_observations(truth, X15, relative_noise=0.02, seed=2)
    ours = quietly(fitting.fit_broken_power_law, X15, y, n_breaks=0)
    theirs = quietly(fitting.fit_power_law, X15, y, irreducible=True)
    assert ours.objective <= float(np.sum(np.log(theirs.predict(X15) / y) ** 2)) * (1 + 1e-7)
    assert ours.law.c0 == pytest.approx(-theirs.exponent, rel=1e-4)


# --- warnings ------------------------------------------------------------------------------------

def test_a_break_beyond_the_data_is_warned_about():
    x = np.geomspace(1e2, 1e4, 12)           # the truth breaks at 3e4
    with pytest.warns(FitWarning, match="d1 = 3e\\+04 lies beyond the largest x"):
        fit = fitting.fit_broken_power_law(x, TRUTH(x))
    assert fit.law.breaks[0][1] == pytest.approx(3e4, rel=1e-4)
    assert any("beyond the largest x" in note for note in fit.warnings)
    with pytest.raises(CourseValueError, match="outside the data"):
        fit.conf_int()
    assert np.isnan(list(fit.stderr.values())).all()


def test_a_break_below_the_data_is_warned_about_too():
    x = np.geomspace(1e5, 1e8, 12)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fitting.fit_broken_power_law(x, TRUTH(x))
    assert any(issubclass(w.category, FitWarning) and "below the smallest x" in str(w.message)
               for w in caught)


def test_warn_now_false_keeps_the_warnings_quiet():
    x = np.geomspace(1e2, 1e4, 12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fitting.fit_broken_power_law(x, TRUTH(x), warn_now=False)
    assert fit.warnings


# --- the reporting interface ---------------------------------------------------------------------

def test_reports_like_every_fit():
    y = simulate.noisy_observations(TRUTH, X15, relative_noise=0.01, seed=0)
    fit = fitting.fit_broken_power_law(X15, y)
    assert isinstance(fit, fitting.FitResult)
    assert list(fit.params) == ["a", "b", "c0", "c1", "d1", "f1"] == list(fit.stderr)
    intervals = fit.conf_int(0.9)
    for name, (low, high) in intervals.items():
        assert low < fit.params[name] < high
    assert intervals["d1"][0] > 0 and intervals["b"][0] > 0     # exponentiated: stay positive
    wide = fit.conf_int(0.99)
    assert all(wide[k][0] < intervals[k][0] for k in intervals)
    text = str(fit.summary())
    assert "95% interval" in text and "9 degrees of freedom" in text
    line = str(fit)
    assert "\n" not in line and len(line) < 120 and "15 points" in line
    np.testing.assert_allclose(fit.predict(X15), fit.law(X15))
    assert fit.objective == pytest.approx(float(np.sum(np.log(fit.predict(X15) / y) ** 2)))


def test_as_many_points_as_parameters_fits_but_gives_no_errors():
    x = np.geomspace(1e2, 1e6, 6)
    fit = quietly(fitting.fit_broken_power_law, x, TRUTH(x))
    assert fit.reason is not None and "no scatter" in fit.reason
    with pytest.raises(CourseValueError, match="no scatter"):
        fit.conf_int()


# --- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("x, y, word", [
    ([1, 2, 3, 4, 5, 0, 7], [1.0] * 7, "x"),
    ([1, 2, 3, 4, 5, 6, 7], [1.0, 0.9, float("nan"), 0.7, 0.6, 0.5, 0.4], "NaN"),
    ([1, 2, 3, 4, 5, 6, 7], [1.0, 0.9, 0.8], "equal length"),
    ([1, 2, 3, 4, 5], [1.0, 0.9, 0.8, 0.7, 0.6], "6 parameters .* at least 6 points"),
    ([1, 1, 2, 2, 3, 3, 4], [1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4], "at different x; got 4"),
    (5.0, 1.0, "flat list"),
])
def test_bad_points_are_refused(x, y, word):
    with pytest.raises(CourseValueError, match=word):
        fitting.fit_broken_power_law(x, y)


@pytest.mark.parametrize("n_breaks", [4, -1, 1.5, "1", True, None])
def test_bad_break_counts_are_refused(n_breaks):
    with pytest.raises(CourseValueError, match="n_breaks must be 0, 1, 2 or 3"):
        fitting.fit_broken_power_law(X15, TRUTH(X15), n_breaks=n_breaks)
