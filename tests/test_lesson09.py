"""Lesson 09's studies (the law fitted to the shipped sweeps; a learning rate transferred across
widths), its teacher–student simulation, and its checkers."""

import time

import numpy as np
import pytest

from scaling_utils import CourseValueError, allocation, experiments, fitting, simulate, studies
from scaling_utils.checks import CORRECT, NOT_YET, lesson09


def test_own_law_study_is_fit_chinchilla_on_the_shipped_sweep():
    sweep = experiments.precomputed_sweep(0)
    fit = fitting.fit_chinchilla(sweep.n_params, sweep.n_tokens, sweep.loss)
    study = studies.own_law_study(0, "all 36 runs", 10.0)
    assert study.law.a == pytest.approx(fit.law.a, rel=1e-9)
    n, d = allocation.chinchilla_optimal(fit.law, 1e10)
    assert study.tokens_per_param == pytest.approx(d / n, rel=1e-9)
    assert 6 * study.n_opt * study.d_opt == pytest.approx(1e10)
    # The measured facts the lesson builds on (see scaling_utils/data/README.md).
    a = [studies.own_law_study(seed).law.a for seed in studies.OWN_LAW_SEEDS]
    assert 0.33 < min(a) and max(a) < 0.42
    assert all(studies.own_law_study(s).fit.rmse_log < 0.02 for s in studies.OWN_LAW_SEEDS)
    # a < 1/2: the optimal tokens per parameter grow with compute.
    assert np.all(np.diff(study.frontier_ratio) > 0)
    assert "12 tokens per parameter" in str(study)


def test_a_backtest_holds_out_the_largest_runs_and_predicts_them():
    study = studies.own_law_study(0, "all but the largest budget")
    assert study.fitted.sum() == 30 and not study.fitted[study.largest]
    assert study.sweep.n_tokens[~study.fitted].min() == 400_000
    assert 0.0 < study.prediction_error[study.largest] < 0.03
    both = studies.own_law_study(0, "all but the largest budget and the widest model")
    assert both.fitted.sum() == 25
    assert "held out" in str(study) and "11 held-out runs" in str(both)
    start = time.perf_counter()
    studies.own_law_study(0, "all but the largest budget", 11.0)
    assert time.perf_counter() - start < 0.03           # the fit is cached
    for bad, match in (({"seed": 7}, "seed"), ({"subset": "mine"}, "subset"),
                       ({"log10_compute": 1e10}, "exponent")):
        with pytest.raises(CourseValueError, match=match):
            studies.own_law_study(**bad)


def test_transfer_study_sp_optimum_drifts_mup_holds():
    sp = studies.transfer_study("standard", 8)
    mup = studies.transfer_study("mup", 8)
    grid = experiments.precomputed_learning_rate_grid("standard")
    np.testing.assert_allclose(sp.optimum, grid.optimum_learning_rate)
    assert sp.optimum[0] / sp.optimum[-1] > 2                          # halves and more
    assert mup.optimum.max() / mup.optimum.min() < 1.5                 # holds within 50 %
    assert sp.penalty[0] == pytest.approx(0.0, abs=1e-12) and sp.penalty[-1] > 0.1
    assert mup.penalty.max() < 0.02
    assert np.all(sp.penalty >= -1e-12) and np.all(mup.penalty >= -1e-12)
    # The best grid point is 0.01 everywhere: only the parabola sees the drift.
    assert set(grid.best_learning_rate.tolist()) == {0.01}
    with pytest.raises(CourseValueError, match="tuned_width"):
        studies.transfer_study("standard", 64)
    with pytest.raises(CourseValueError, match="parametrisation"):
        studies.transfer_study("muP")


def test_resolution_scaling_finds_four_over_d():
    for d in (1, 2, 3, 4):
        result = simulate.resolution_scaling(d)
        assert result.exponent == pytest.approx(4 / d, rel=0.06)
        assert np.all(np.diff(np.log(result.mse)) < 0)
    # A teacher that wiggles faster than the cells: no gain until the grid resolves it.
    rough = simulate.resolution_scaling(2, frequency=6.0)
    assert rough.mse[1] > rough.mse[0] * 0.9
    with pytest.raises(CourseValueError, match="dimension"):
        simulate.resolution_scaling(5)
    with pytest.raises(CourseValueError, match="points_per_side"):
        simulate.resolution_scaling(2, [4, 8, 16])
    with pytest.raises(CourseValueError, match="grid values"):
        simulate.resolution_scaling(4, [4, 8, 16, 64])


@pytest.mark.parametrize("checker, right", [
    (lesson09.own_exponent, lambda: studies.own_law_study(0).law.a),
    (lesson09.own_tokens_per_param, lambda: studies.own_law_study(0).tokens_per_param),
    (lesson09.backtest_error, lambda: 0.011),                 # as the readout shows it
    (lesson09.exponent_spread, lambda: np.ptp([studies.own_law_study(s).law.a
                                               for s in range(5)])),
    (lesson09.transfer_penalty, lambda: studies.transfer_study("standard", 8).penalty[-1]),
    (lesson09.implied_dimension, lambda: 4 / studies.own_law_study(0).law.alpha),
])
def test_checkers_accept_the_answer_and_explain_slips(checker, right):
    assert checker(right()).status == CORRECT
    assert checker(-abs(right()) - 1).status == NOT_YET
    assert checker(...).status != CORRECT


def test_checkers_name_the_likely_slips():
    law = studies.own_law_study(0).law
    assert "α" in lesson09.own_exponent(law.alpha).message
    assert "rule of thumb" in lesson09.own_tokens_per_param(20).message
    assert "percentage" in lesson09.backtest_error(1.12).message
    assert "μP" in lesson09.transfer_penalty(studies.transfer_study("mup", 8).penalty[-1]).message
