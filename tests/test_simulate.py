"""Simulations: reproducible for a seed, different across seeds, validated."""

import threading

import numpy as np
import pytest

from scaling_utils import CourseValueError, laws, simulate


def test_same_seed_same_numbers():
    a = simulate.ols_monte_carlo_error(10, 30, 1.0, n_trials=200, seed=5)
    b = simulate.ols_monte_carlo_error(10, 30, 1.0, n_trials=200, seed=5)
    c = simulate.ols_monte_carlo_error(10, 30, 1.0, n_trials=200, seed=6)
    assert a == b and a != c


def test_returns_a_float():
    assert isinstance(simulate.ols_monte_carlo_error(3, 10, n_trials=10), float)


def test_batches_do_not_change_the_answer(monkeypatch):
    whole = simulate.least_squares_trial_errors(5, 20, n_trials=50, seed=1)
    monkeypatch.setattr(simulate, "_BATCH_ELEMENTS", 100)  # one trial per batch
    pieces = simulate.least_squares_trial_errors(5, 20, n_trials=50, seed=1)
    np.testing.assert_allclose(whole, pieces)


def test_ols_refuses_too_few_samples():
    with pytest.raises(ValueError, match="min_norm_monte_carlo_error"):
        simulate.ols_monte_carlo_error(10, 9)


def test_min_norm_runs_at_any_size():
    assert simulate.min_norm_monte_carlo_error(10, 5, n_trials=20) > 1.0


def test_error_curve_matches_theory():
    sizes = [30, 60, 120]
    curve = simulate.least_squares_error_curve(10, sizes, 1.0, n_trials=1500, seed=2)
    theory = laws.ols_expected_error(10, np.array(sizes), 1.0)
    assert np.all(np.abs(curve.mean - theory) < 4 * curve.stderr)
    assert list(curve.n_samples) == sizes


def test_noisy_observations():
    law = laws.PowerLaw(2.0, -0.3)
    x = np.geomspace(1, 1e4, 2000)
    y = simulate.noisy_observations(law, x, relative_noise=0.1, seed=0)
    log_ratio = np.log(y / law(x))
    assert abs(log_ratio.mean()) < 0.01 and log_ratio.std() == pytest.approx(0.1, rel=0.05)
    np.testing.assert_allclose(simulate.noisy_observations(law, x, relative_noise=0), law(x))


def test_noisy_observations_needs_a_law():
    with pytest.raises(ValueError, match="callable"):
        simulate.noisy_observations(3.0, [1, 2])


def test_small_matrix_algebra_runs_on_one_blas_thread(monkeypatch):
    """Issue 8: lesson 01's dashboard froze while a batched xᵀx ran on several BLAS threads."""
    from threadpoolctl import threadpool_info

    seen = []
    original = np.linalg.solve
    this_thread = threading.get_ident()

    def spy(*args, **kwargs):
        if threading.get_ident() != this_thread:   # e.g. a dashboard computing ahead
            return original(*args, **kwargs)
        seen.append([pool["num_threads"] for pool in threadpool_info()
                     if pool["user_api"] == "blas"])
        return original(*args, **kwargs)

    monkeypatch.setattr(np.linalg, "solve", spy)
    simulate.least_squares_trial_errors(5, 20, n_trials=10, seed=0)     # OLS side
    simulate.least_squares_trial_errors(20, 5, n_trials=10, seed=0)     # minimum-norm side
    assert len(seen) == 2 and all(threads == [1] * len(threads) for threads in seen)


def test_the_callers_thread_setting_is_restored():
    from threadpoolctl import threadpool_info

    before = [pool["num_threads"] for pool in threadpool_info()]
    simulate.least_squares_trial_errors(5, 20, n_trials=10, seed=0)
    assert [pool["num_threads"] for pool in threadpool_info()] == before


def test_results_do_not_depend_on_the_callers_threads():
    from threadpoolctl import threadpool_limits

    free = simulate.least_squares_trial_errors(100, 300, n_trials=50, seed=4)
    with threadpool_limits(limits=1, user_api="blas"):
        limited = simulate.least_squares_trial_errors(100, 300, n_trials=50, seed=4)
    assert np.array_equal(free, limited)


def test_sizes_beyond_the_limits_are_refused_before_allocating():
    with pytest.raises(CourseValueError, match="320 GB"):
        simulate.least_squares_trial_errors(200000, 200000)
    at_limit = simulate.MAX_DESIGN_ELEMENTS // 4
    assert simulate.least_squares_trial_errors(at_limit, 4, n_trials=1).shape == (1,)
    with pytest.raises(CourseValueError, match="limit"):
        simulate.least_squares_trial_errors(at_limit + 1, 4, n_trials=1)
    with pytest.raises(CourseValueError, match="simulated errors"):
        simulate.ols_monte_carlo_error(3, 10, n_trials=simulate.MAX_TRIALS + 1)


def test_sweeps_validate_their_lists():
    law = laws.ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28)
    with pytest.raises(CourseValueError, match="put it in a list"):
        simulate.training_curves(law, 1e8, [1e10])
    with pytest.raises(CourseValueError, match="flat list"):
        simulate.isoflop_sweep(law, [[1e19, 1e20]])
    with pytest.raises(CourseValueError, match="ChinchillaLaw"):
        simulate.isoflop_sweep(laws.KaplanLaw(6.4e13, 1.8e13, 0.076, 0.103), [1e19])
    with pytest.raises(CourseValueError, match="warmdown is a fraction"):
        simulate.training_curves(law, [1e8], [1e10], warmdown=5)
    assert len(simulate.training_curves(law, [1e8], [1e10], warmdown=0.0)) == 25


def test_noisy_observations_explains_a_two_variable_law():
    law = laws.ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28)
    with pytest.raises(CourseValueError, match="two variables"):
        simulate.noisy_observations(law, [1e9, 2e9])


import pytest as _pytest


@_pytest.mark.parametrize("n, d, norm", [(20, 60, 1.0), (10, 14, 1.0), (50, 20, 1.0),
                                         (30, 10, 2.0), (5, 200, 0.0), (40, 39, 0.5)])
def test_distribution_sampler_matches_fitting_every_design(n, d, norm):
    """The exact-distribution sampler draws the same test errors as simulating every design
    matrix (two-sample Kolmogorov–Smirnov test, fixed seeds), at the theory's mean."""
    from scipy import stats

    from scaling_utils import laws, simulate

    direct = simulate.least_squares_trial_errors(n, d, 0.7, signal_norm=norm, n_trials=6000,
                                                 seed=1)
    exact = simulate.least_squares_trial_errors(n, d, 0.7, signal_norm=norm, n_trials=6000,
                                                seed=2, sampler="distribution")
    assert stats.ks_2samp(direct, exact).pvalue > 0.01
    if abs(d - n) > 3:
        theory = laws.min_norm_expected_error(n, d, 0.7, norm)
        assert exact.mean() == _pytest.approx(theory, rel=0.05)


def test_unknown_sampler_is_refused():
    from scaling_utils import CourseValueError, simulate

    with _pytest.raises(CourseValueError, match="sampler"):
        simulate.least_squares_trial_errors(5, 20, sampler="fast")


def test_overlapping_single_thread_blocks_restore_the_callers_setting():
    """A dashboard computes ahead in a background thread while a cell may run: when two
    blocks overlap and leave in the order they entered, the caller's threads come back."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from scaling_utils import _blas

    def blas_threads():
        return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]

    with threadpool_limits(limits=2, user_api="blas"):
        before = blas_threads()
        first_in, second_in, first_may_leave = (threading.Event() for _ in range(3))
        inside = []

        def second():
            first_in.wait()
            with _blas.single_thread():
                second_in.set()
                first_may_leave.wait()
                inside.append(blas_threads())

        worker = threading.Thread(target=second)
        worker.start()
        with _blas.single_thread():
            first_in.set()
            second_in.wait()
        first_may_leave.set()        # the first block has left while the second is inside
        worker.join()
        assert inside and all(n == 1 for n in inside[0])
        assert blas_threads() == before
