"""Lesson 07's studies: repetition under capped data, model collapse, a mixture's optimum; and
the two new law forms (CompressibilityLaw, MixingLaw)."""

import time

import numpy as np
import pytest

from scaling_utils import CourseValueError, allocation, laws, references, studies


def test_repetition_study_is_the_allocation_and_its_drawing_agrees():
    study = studies.repetition_study(22.0, 10.4)
    law = references.MUENNIGHOFF_2023
    best = allocation.data_constrained_optimal(law, 1e22, 10**10.4)
    assert study.best.n_params == pytest.approx(best.n_params, rel=1e-9)
    # The drawn curves: the line's minimum sits at the optimum, and the budget curve passes it.
    assert study.line_loss.min() >= best.loss - 1e-9
    assert study.n_params[np.argmin(study.line_loss)] == pytest.approx(best.n_params, rel=0.05)
    i = np.argmin(np.abs(np.log(study.computes / 1e22)))
    assert study.best_losses[i] == pytest.approx(best.loss, rel=1e-4)
    assert np.all(study.best_losses >= study.fresh_losses - 1e-12)
    assert np.all(study.best_losses >= study.limit.loss_floor * (1 - 1e-9))
    assert study.one_epoch_loss > best.loss
    assert "9.44 epochs" in str(study)


def test_the_refit_law_plans_a_smaller_model_trained_longer():
    published = studies.repetition_study(22.0, 10.4)
    refit = studies.repetition_study(22.0, 10.4, "refit on the 182 runs")
    assert refit.law.r_d_star == pytest.approx(95.37, rel=1e-3)
    assert refit.best.n_params < 0.6 * published.best.n_params
    assert refit.best.epochs > published.best.epochs
    with pytest.raises(CourseValueError, match="law must be one of"):
        studies.repetition_study(law="mine")
    with pytest.raises(CourseValueError, match="exponent"):
        studies.repetition_study(1e22)


def test_collapse_study_slices_one_cached_simulation():
    short = studies.collapse_study(10, 50)
    long = studies.collapse_study(10, 100)
    np.testing.assert_array_equal(short.median_variance, long.median_variance[:51])
    assert long.collapsed_share > 0.9 and long.median_variance[-1] < 1e-4
    kept = studies.collapse_study(10, 100, mode="accumulate")
    assert kept.collapsed_share == 0.0 and kept.median_variance[-1] > 0.5
    real = studies.collapse_study(10, 100, real_fraction=0.1)
    assert 0.5 < real.median_variance[-1] < 1.1 and real.real_fraction == 0.1
    assert studies.collapse_study(5, 10, real_fraction=0.3).real_fraction == 0.4   # whole samples
    start = time.perf_counter()
    studies.collapse_study(10, 120, real_fraction=0.1)
    assert time.perf_counter() - start < 0.03          # cached: an update is a slice
    for bad, match in (({"n_samples": 7}, "one of"), ({"generations": 500}, "at most"),
                       ({"real_fraction": 10}, "real_fraction"), ({"mode": "mix"}, "mode")):
        with pytest.raises(CourseValueError, match=match):
            studies.collapse_study(**bad)


def test_more_code_means_fewer_tokens_per_parameter():
    ratios = [studies.mixture_study(s, 22.0) for s in (0.0, 0.5, 1.0)]
    per_param = [r.n_tokens / r.n_params for r in ratios]
    assert per_param[0] > per_param[1] > per_param[2]
    text = ratios[0]
    # Web text alone is Besiroglu et al.'s law exactly.
    n, d = allocation.chinchilla_optimal(references.BESIROGLU_2024, 1e22)
    assert text.n_params == pytest.approx(n, rel=1e-9) and text.n_tokens == pytest.approx(d)
    assert ratios[1].share_ratio[20] == pytest.approx(per_param[1], rel=1e-9)
    assert 6 * ratios[1].n_params * ratios[1].n_tokens == pytest.approx(1e22)
    with pytest.raises(CourseValueError, match="code_share"):
        studies.mixture_study(30)


def test_compressibility_law_is_linear_in_h_and_refuses_leaving_its_range():
    family = studies.MIXTURE_LAW
    low, mid, high = (family.at(h) for h in (0.2, 0.3, 0.4))
    assert mid.E == pytest.approx((low.E + high.E) / 2)
    assert mid.beta == pytest.approx((low.beta + high.beta) / 2)
    steep = laws.CompressibilityLaw(E=(0.0, 1.0), A=(1.0, 0.0), B=(1.0, 0.0), alpha=(0.3, 0.0),
                                    beta=(0.5, -1.0))
    with pytest.raises(CourseValueError, match="leaves its range"):
        steep.at(0.6)
    with pytest.raises(CourseValueError, match="pair"):
        laws.CompressibilityLaw(E=1.0, A=(1.0, 0.0), B=(1.0, 0.0), alpha=(0.3, 0.0),
                                beta=(0.5, 0.0))


def test_mixing_law_matches_its_formula_and_checks_the_shares():
    law = laws.MixingLaw(c=[1.0, 0.5], k=[2.0, 1.5], t=[[-1.0, -0.2], [-0.3, -2.0]])
    r = np.array([0.25, 0.75])
    expected = np.array([1.0 + 2.0 * np.exp(-0.25 - 0.15), 0.5 + 1.5 * np.exp(-0.075 - 1.5)])
    np.testing.assert_allclose(law.loss(r), expected, rtol=1e-12)
    assert law.loss(r, weights=[0.2, 0.8]) == pytest.approx(expected @ [0.2, 0.8])
    grid = np.column_stack([np.linspace(0, 1, 5), 1 - np.linspace(0, 1, 5)])
    assert law.loss(grid).shape == (5, 2) and law.loss(grid, weights=[0.5, 0.5]).shape == (5,)
    for bad in ([0.5, 0.6], [-0.1, 1.1], [1.0]):
        with pytest.raises(CourseValueError, match="shares"):
            law.loss(bad)
    with pytest.raises(CourseValueError, match="one row per validation domain"):
        laws.MixingLaw(c=[1.0], k=[1.0, 2.0], t=[[-1.0]])
