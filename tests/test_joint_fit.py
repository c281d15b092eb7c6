"""fit_kaplan_law: recovers a known joint law, and tells a coupled law from an additive one."""

import time
import warnings

import numpy as np
import pytest

from scaling_utils import CourseValueError, FitWarning, fitting, laws, references

KAPLAN = references.kaplan_joint_law()
CHINCHILLA = references.BESIROGLU_2024
N, D = (g.ravel() for g in np.meshgrid(np.geomspace(1e7, 1e10, 7), np.geomspace(1e8, 1e11, 7)))


def noisy(law, scale=0.01, seed=0):
    return law(N, D) * np.exp(scale * np.random.default_rng(seed).standard_normal(N.size))


def test_recovers_kaplan_table_2_from_noise_free_runs():
    fit = fitting.fit_kaplan_law(N, D, KAPLAN(N, D))
    assert fit.converged and not fit.warnings
    truth = {"N_c": KAPLAN.n_c, "D_c": KAPLAN.d_c, "alpha_N": KAPLAN.alpha_n,
             "alpha_D": KAPLAN.alpha_d}
    for name, value in truth.items():
        assert fit.params[name] == pytest.approx(value, rel=1e-6), name
    assert fit.rmse_log < 1e-10
    assert fit.predict(1e12, 1e13) == pytest.approx(KAPLAN(1e12, 1e13), rel=1e-9)


@pytest.mark.parametrize("truth", [KAPLAN, laws.KaplanLaw(n_c=2e12, d_c=5e11, alpha_n=0.3,
                                                          alpha_d=0.25)],
                         ids=["kaplan-table-2", "steeper"])
def test_recovers_a_known_law_from_noisy_runs(truth):
    fit = fitting.fit_kaplan_law(N, D, noisy(truth))
    assert fit.converged
    low, high = fit.conf_int(0.99)["alpha_D"]
    assert low < truth.alpha_d < high
    low, high = fit.conf_int(0.99)["alpha_N"]
    assert low < truth.alpha_n < high
    assert fit.rmse_log == pytest.approx(0.01, rel=0.3)          # the noise, no more
    assert fit.objective == pytest.approx(N.size * fit.rmse_log**2)


def test_joint_form_wins_on_kaplan_data_and_loses_on_chinchilla_data():
    for seed in (0, 1):
        kaplan_runs = noisy(KAPLAN, 0.005, seed)
        joint = fitting.fit_kaplan_law(N, D, kaplan_runs)
        additive = fitting.fit_chinchilla(N, D, kaplan_runs)
        assert joint.rmse_log < 0.5 * additive.rmse_log
        chinchilla_runs = noisy(CHINCHILLA, 0.005, seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FitWarning)
            joint = fitting.fit_kaplan_law(N, D, chinchilla_runs)
        additive = fitting.fit_chinchilla(N, D, chinchilla_runs)
        assert additive.rmse_log < 0.5 * joint.rmse_log


def test_chinchilla_fit_reports_its_rmse_of_log_loss():
    fit = fitting.fit_chinchilla(N, D, CHINCHILLA(N, D))
    manual = np.sqrt(np.mean((np.log(fit.law(N, D)) - np.log(CHINCHILLA(N, D))) ** 2))
    assert fit.rmse_log == pytest.approx(manual, abs=1e-12)
    assert fit.rmse_log < 1e-6


def test_fit_is_fast():
    runs = noisy(KAPLAN)
    fitting.fit_kaplan_law(N, D, runs)
    start = time.perf_counter()
    fitting.fit_kaplan_law(N, D, runs)
    assert time.perf_counter() - start < 0.2


def test_reporting_interface():
    fit = fitting.fit_kaplan_law(N, D, noisy(KAPLAN))
    assert list(fit.params) == ["N_c", "D_c", "alpha_N", "alpha_D"]
    assert "fit_kaplan_law" in str(fit.summary()) and "RMSE of ln L" in str(fit)
    low, high = fit.conf_int()["N_c"]
    assert 0 < low < fit.params["N_c"] < high                   # exponentiated interval


def test_one_dominant_term_is_flagged():
    n = np.repeat(np.geomspace(1e7, 1e9, 3), 3)
    d = np.tile([1e8, 2e8, 4e8], 3)
    law = laws.KaplanLaw(n_c=10.0, d_c=1e15, alpha_n=0.1, alpha_d=0.1)   # data term everywhere
    with pytest.warns(FitWarning, match="dominates at every run"):
        fit = fitting.fit_kaplan_law(n, d, law(n, d))
    assert any("dominates" in w for w in fit.warnings)


@pytest.mark.parametrize("n, d, loss, message", [
    ([1e8, 1e9], [1e9, 1e10], [3.0, 2.5], "at least 5 runs; got 2"),
    ([1e8] * 6, np.geomspace(1e9, 1e11, 6), [3.0] * 6, "1 model size"),
    (N[:6], D[:6], [3.0, 2.9, np.nan, 2.7, 2.6, 2.5], "loss contains NaN"),
    (N[:6], D[:5], np.ones(6), "equal length"),
    (-N[:6], D[:6], np.ones(6), "n_params must be greater than 0"),
])
def test_bad_runs(n, d, loss, message):
    with pytest.raises(CourseValueError, match=message):
        fitting.fit_kaplan_law(n, d, loss)
