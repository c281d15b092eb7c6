"""Allocation along compute lines: numerical optimum against the closed form, and Table 6."""

import numpy as np
import pytest

from scaling_utils import CourseValueError, allocation, compute, references


def test_optimum_on_compute_line_matches_the_closed_form_exponent():
    law = references.kaplan_joint_law()
    j = references.KAPLAN_2020_JOINT
    budgets = np.geomspace(1e18, 1e24, 5)
    n = [allocation.optimal_on_compute_line(law, c).n_params for c in budgets]
    slope = np.polyfit(np.log(budgets), np.log(n), 1)[0]
    assert slope == pytest.approx(j.alpha_D / (j.alpha_N + j.alpha_D), abs=1e-3)


def test_optimum_is_a_minimum_and_spends_the_budget():
    law = references.kaplan_joint_law()
    best = allocation.optimal_on_compute_line(law, 1e21)
    assert compute.training_flops(best.n_params, best.n_tokens) == pytest.approx(1e21)
    for factor in (0.8, 1.25):
        n = best.n_params * factor
        assert law(n, compute.tokens_for_compute(1e21, n)) > best.loss


def test_optimum_on_the_edge_is_refused():
    with pytest.raises(ValueError, match="edge"):
        allocation.optimal_on_compute_line(lambda n, d: 1 / n, 1e20)


def test_kaplan_frontier_table_6():
    f = references.KAPLAN_2020_FRONTIER
    one_pf_day = compute.PF_DAY
    assert allocation.kaplan_frontier_params(one_pf_day) == pytest.approx(f.N_e)
    assert allocation.kaplan_frontier_tokens(one_pf_day) == pytest.approx(f.D_e)
    ratio = allocation.kaplan_frontier_params(1e4 * one_pf_day) / f.N_e
    assert ratio == pytest.approx(1e4 ** f.p_N)


def test_bad_input():
    with pytest.raises(ValueError, match="callable"):
        allocation.optimal_on_compute_line(3, 1e20)
    with pytest.raises(ValueError, match="compute_flops"):
        allocation.optimal_on_compute_line(references.kaplan_joint_law(), -1)


def test_excess_is_a_fraction_not_a_percentage():
    law = references.kaplan_joint_law()
    with pytest.raises(CourseValueError, match="for 2% give 0.02"):
        allocation.sizes_within(law, 1e21, 2)
    smaller, larger, best = allocation.sizes_within(law, 1e21, 0.02)
    assert smaller < best.n_params < larger


@pytest.mark.parametrize("n_range, word", [(5, "two numbers"), ((1e16, 1e3), "low < high"),
                                           ((0, 1e9), "low"), ((1e3, None), "high"),
                                           ("1e3, 1e16", "two numbers")])
def test_bad_n_range(n_range, word):
    with pytest.raises(CourseValueError, match=word):
        allocation.optimal_on_compute_line(references.kaplan_joint_law(), 1e20, n_range=n_range)


def test_a_law_of_one_variable_is_explained():
    with pytest.raises(CourseValueError, match=r"law\(n_params, n_tokens\)"):
        allocation.optimal_on_compute_line(lambda n: 1 / n, 1e20)


def test_closed_forms_need_a_chinchilla_law():
    with pytest.raises(CourseValueError, match="optimal_on_compute_line"):
        allocation.chinchilla_optimal(references.kaplan_joint_law(), 1e20)


def test_non_embedding_optimum_needs_more_than_six_flops():
    with pytest.raises(CourseValueError, match="exceed 6 FLOPs"):
        allocation.optimal_non_embedding(references.HOFFMANN_2022, 1.0)
    with pytest.raises(CourseValueError, match="flat list"):
        allocation.optimal_non_embedding(references.HOFFMANN_2022, [[1e20, 1e21]])


def test_frontier_returns_floats_for_numbers_and_arrays_for_lists():
    assert isinstance(allocation.kaplan_frontier_params(1e21), float)
    assert allocation.kaplan_frontier_tokens([1e21, 1e22]).shape == (2,)
