"""Lesson 08's studies: the lifetime optimum on its equal-loss curve, the over-training check on
Sardana et al.'s runs, and a bigger model against more samples at equal inference FLOPs."""

import time

import numpy as np
import pytest

from scaling_utils import CourseValueError, allocation, references, studies
from scaling_utils.checks import lesson08


def test_lifetime_study_is_the_allocation_and_the_minimum_of_its_curve():
    study = studies.lifetime_study(2.0, 13.0)
    best = allocation.inference_aware_optimal(references.SARDANA_2024, 2.0, 1e13)
    assert study.best.n_params == pytest.approx(best.n_params, rel=1e-12)
    # Every point of the drawn curve has the target loss, and the lifetime FLOPs along it are
    # lowest next to the optimum.
    np.testing.assert_allclose(references.SARDANA_2024(study.n_params, study.n_tokens), 2.0,
                               rtol=1e-10)
    total = study.training_flops + study.inference_flops
    assert total.min() >= best.total_flops * (1 - 1e-9)
    assert study.n_params[np.argmin(total)] == pytest.approx(best.n_params, rel=0.05)
    assert study.n_params[0] > study.smallest_params
    # Heavy use: a smaller model trained on more tokens, at more training compute.
    assert best.n_params < best.chinchilla_params and study.training_vs_chinchilla > 1
    assert "444 tokens/parameter" in str(study)


def test_lifetime_study_with_little_demand_is_chinchilla_and_refuses_bad_settings():
    light = studies.lifetime_study(2.0, 6.0)
    assert light.best.params_vs_chinchilla == pytest.approx(1.0, rel=1e-4)
    for bad, match in (({"target_loss": 1.6}, "between 1.75 and 3"),
                       ({"log10_inference_tokens": 1e12}, "exponent")):
        with pytest.raises(CourseValueError, match=match):
            studies.lifetime_study(**bad)


def test_a_law_fitted_at_ordinary_ratios_under_predicts_the_over_trained_runs():
    check = studies.overtraining_check(100)
    far = check.far
    assert check.fitted.sum() == 34 and far.sum() == 4
    gap = check.runs.loss[far] - check.typical_prediction[far]
    assert (gap > 0.1).all()
    # Fitted on all the runs the law comes closer to them.
    assert (np.abs(check.runs.loss[far] - check.all_prediction[far]) < gap).all()
    with pytest.raises(CourseValueError, match="between 20 and 500"):
        studies.overtraining_check(1000)


def test_size_samples_study_follows_the_verifier():
    oracle, random_pick = studies.size_samples_study(14.0, 1.0), studies.size_samples_study(14.0, 0.0)
    assert oracle.result.best_params == studies.SAMPLING_SIZES[0]
    affordable = random_pick.result.samples >= 1
    assert random_pick.result.best_params == random_pick.result.n_params[affordable][-1]
    middle = studies.size_samples_study(15.0, 0.8)
    assert oracle.oracle_best == middle.oracle_best and 1e8 < middle.result.best_params < 1e12
    # The right panel at the chosen budget is the left panel's value for the same size.
    i = np.argmin(np.abs(middle.budgets - 1e15))
    j = int(np.flatnonzero(studies.SAMPLING_SIZES == 1e10)[0])
    assert middle.success_over_budgets[1, i] == pytest.approx(middle.result.success[j])
    with pytest.raises(CourseValueError, match="for 80% give 0.8"):
        studies.size_samples_study(15.0, 80)
    start = time.perf_counter()
    studies.size_samples_study(15.25, 0.35)
    assert time.perf_counter() - start < 0.05


def test_the_break_even_verifier_levels_the_two_models():
    v, pair = lesson08._break_even()
    level = allocation.size_versus_samples([1e8, 1e12], 1e15, verifier_accuracy=v)
    assert level.success[0] == pytest.approx(level.success[1], rel=1e-9)
    assert 0 < v < 1 and pair.samples.tolist() == [10_000, 1]
