"""Llama 3's two-step benchmark forecast (compute → NLL → accuracy) on a synthetic family with a
known truth, and the published compute-optimal law it planned with."""

import warnings

import numpy as np
import pytest

from scaling_utils import CourseValueError, FitWarning, emergence, fitting, laws
from scaling_utils import references as ref
from scaling_utils import simulate

SMALL = [6e18, 3e19, 1e20, 3e20, 1e21, 3e21, 1e22]   # the paper's scaling-law budgets


@pytest.fixture(scope="module")
def study():
    return simulate.two_step_benchmark(SMALL, seed=0)


@pytest.fixture(scope="module")
def fit(study):
    with warnings.catch_warnings():
        warnings.simplefilter("error", FitWarning)
        return fitting.fit_two_step_forecast(study.compute, study.nll, study.accuracy,
                                             older_nll=study.older_nll,
                                             older_accuracy=study.older_accuracy,
                                             n_bootstrap=100, seed=0)


def test_noise_free_study_is_recovered_exactly():
    exact = simulate.two_step_benchmark(SMALL, nll_noise=0.0, n_items=10**9, seed=0)
    fit = fitting.fit_two_step_forecast(exact.compute, exact.nll, exact.accuracy,
                                        older_nll=exact.older_nll,
                                        older_accuracy=exact.older_accuracy, n_bootstrap=0)
    assert fit.nll_intercept == pytest.approx(exact.nll_intercept, abs=1e-9)
    assert fit.nll_slope == pytest.approx(exact.nll_slope, abs=1e-10)
    assert fit.accuracy_law.midpoint == pytest.approx(exact.accuracy_law.midpoint, abs=1e-3)
    assert fit.accuracy_law.width == pytest.approx(exact.accuracy_law.width, rel=0.02)


def test_noisy_fit_recovers_the_truth_within_its_intervals(study, fit):
    truth = {"nll_intercept": study.nll_intercept, "nll_slope": study.nll_slope,
             "midpoint": study.accuracy_law.midpoint, "width": study.accuracy_law.width}
    for name, (low, high) in fit.conf_int(0.99).items():
        assert low < truth[name] < high, name
    assert list(fit.params) == ["nll_intercept", "nll_slope", "midpoint", "width"]


def test_forecasts_the_held_out_large_model_within_its_interval(study, fit):
    low, high = fit.forecast_interval(study.target_compute, 0.9)
    assert low < study.target_accuracy < high
    assert fit.predict_accuracy(study.target_compute) == pytest.approx(study.target_accuracy,
                                                                       abs=0.03)
    nll_low, nll_high = fit.nll_interval(study.target_compute)
    assert nll_low < study.target_nll < nll_high
    assert fit.predict_nll(study.target_compute) == pytest.approx(study.target_nll, abs=0.01)


def test_intervals_take_arrays(fit):
    low, high = fit.forecast_interval([1e22, 1e24, 1e26])
    assert low.shape == high.shape == (3,) and np.all(low <= high)
    assert isinstance(fit.predict_accuracy(1e24), float)


def test_accuracy_looks_emergent_while_the_nll_falls_smoothly(study):
    compute = np.geomspace(1e19, 1e26, 71)
    nll = study.true_nll(compute)
    accuracy = study.true_accuracy(compute)
    assert np.allclose(np.diff(nll), np.diff(nll)[0])                  # a straight line in log C
    nll_share = emergence.largest_decade_share(compute, nll)
    assert nll_share == pytest.approx(1 / 7, rel=0.01)                 # the same every decade
    assert emergence.largest_decade_share(compute, accuracy) > 2.5 * nll_share
    flat = compute <= 1e22
    assert accuracy[flat].max() - 0.25 < 0.07                          # near chance for 3 decades
    assert accuracy[compute >= 1e25].min() > 0.9                       # then up in 3 more


def test_step_one_alone_cannot_see_the_rise(study):
    """Without the older models step 2 sees only chance-level accuracies: it warns."""
    with pytest.warns(FitWarning):
        fitting.fit_two_step_forecast(study.compute, study.nll, study.accuracy, n_bootstrap=0)


def test_same_seed_same_bootstrap(study):
    args = (study.compute, study.nll, study.accuracy)
    kw = dict(older_nll=study.older_nll, older_accuracy=study.older_accuracy, n_bootstrap=20,
              seed=3)
    np.testing.assert_array_equal(fitting.fit_two_step_forecast(*args, **kw).bootstrap,
                                  fitting.fit_two_step_forecast(*args, **kw).bootstrap)


def test_summary_and_str(fit):
    text = str(fit.summary())
    assert "midpoint" in text and "bootstrap" in text
    assert str(fit).startswith("TwoStepForecast: nll_intercept")


@pytest.mark.parametrize("kwargs, word", [
    (dict(compute=[1e19, 1e20], nll=[1.4, 1.3], accuracy=[0.3, 0.4]), "at least 3"),
    (dict(compute=[1e20, 1e20, 1e20]), "two different"),
    (dict(accuracy=[0.25, 0.3, 30]), "30%"),
    (dict(nll=[1.4, -1.0, 1.3]), "0 or more"),
    (dict(older_nll=[1.3]), "together"),
    (dict(floor=0.5, ceiling=0.4), "above floor"),
    (dict(n_bootstrap=10**6), "at most"),
])
def test_fit_bad_input(kwargs, word):
    args = dict(compute=[1e19, 1e20, 1e21], nll=[1.4, 1.37, 1.34], accuracy=[0.25, 0.26, 0.3],
                n_bootstrap=0)
    args.update(kwargs)
    with pytest.raises(CourseValueError, match=word):
        fitting.fit_two_step_forecast(**args)


def test_no_bootstrap_no_interval():
    fit = fitting.fit_two_step_forecast([1e19, 1e20, 1e21], [1.4, 1.37, 1.34], [0.25, 0.26, 0.3],
                                        older_nll=[1.3, 1.28], older_accuracy=[0.5, 0.62],
                                        n_bootstrap=0)
    with pytest.raises(CourseValueError, match="n_bootstrap"):
        fit.forecast_interval(1e25)


def test_sigmoid_law_and_its_inverse():
    law = laws.SigmoidAccuracy(1.3, 0.05, floor=0.25, ceiling=0.9)
    nll = np.linspace(1.0, 1.6, 13)
    np.testing.assert_allclose(law.solve(law(nll)), nll, rtol=1e-9)
    assert law(law.midpoint) == pytest.approx((0.25 + 0.9) / 2)
    with pytest.raises(CourseValueError, match="strictly between"):
        law.solve(0.95)


# --- Llama 3's compute-optimal law (§3.2.1, Figure 3) ---------------------------------------------

def test_figure_three_legend_reproduces_the_forecast_tokens():
    l3 = ref.LLAMA3_2024
    tokens = l3.A_figure * l3.flagship_compute ** l3.alpha_figure
    assert tokens == pytest.approx(l3.forecast_tokens, rel=0.02)


def test_rounded_text_values_do_not_reproduce_it():
    l3 = ref.LLAMA3_2024
    tokens = l3.A * l3.flagship_compute ** l3.alpha
    assert tokens == pytest.approx(10.5e12, rel=0.01)       # 10.5T, not 16.55T: rounding
    assert tokens < 0.7 * l3.forecast_tokens


def test_forecast_size_is_roughly_six_n_d():
    l3 = ref.LLAMA3_2024
    assert 6 * l3.forecast_params * l3.forecast_tokens == pytest.approx(l3.flagship_compute,
                                                                        rel=0.06)
