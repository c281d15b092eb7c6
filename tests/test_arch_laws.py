"""Laws whose coefficients drift with the architecture: routed experts (Clark et al. 2022),
sparsity (Frantar et al. 2023) and shape (Alabdulmohsin et al. 2023), checked against their
limits, their derivations and, where the authors released them, their own fitted points."""

import numpy as np
import pytest

from scaling_utils import CourseValueError, laws, references as ref

N = np.geomspace(1e7, 1e11, 9)


# --- routed experts ---------------------------------------------------------------------------

@pytest.mark.parametrize("method", ref.ROUTING_METHODS)
def test_one_expert_is_a_dense_power_law(method):
    law = ref.clark_routed_law(method)
    assert law.saturated_experts(1) == pytest.approx(law.e_start)
    np.testing.assert_allclose(law(N, 1), law.dense_law(N), rtol=1e-12)
    slopes = np.diff(np.log(law(N, 1))) / np.diff(np.log(N))
    np.testing.assert_allclose(slopes, law.dense_law.exponent, rtol=1e-9)   # a straight line


def test_the_three_fits_agree_on_dense_models_and_with_the_dense_fit():
    # the three routing fits share their dense (E = 1) models: they must agree there
    dense = [ref.clark_routed_law(m)(N[:7], 1) for m in ref.ROUTING_METHODS]
    for other in dense[1:]:
        np.testing.assert_allclose(other, dense[0], rtol=1e-2)
    c = ref.CLARK_2022
    published = laws.PowerLaw.from_critical_scale(c.dense_N_c, c.dense_alpha_N)
    np.testing.assert_allclose(dense[0], published(N[:7]), rtol=0.02)


@pytest.mark.parametrize("method", ref.ROUTING_METHODS)
def test_the_gain_from_experts_shrinks_with_model_size(method):
    law = ref.clark_routed_law(method)
    assert law.c > 0 > law.b
    gain = law(N, 1) / law(N, 64)            # > 1 while experts help
    assert np.all(np.diff(gain) < 0)
    slopes = law.expert_slope(N)
    assert np.all(np.diff(slopes) < 0)
    # numerically: the log-log slope in Ê is −(b + c lg N)
    e_hat = law.saturated_experts(np.array([32.0, 33.0]))
    numeric = -np.diff(np.log10(law(1e9, np.array([32.0, 33.0])))) / np.diff(np.log10(e_hat))
    assert numeric[0] == pytest.approx(law.expert_slope(1e9), rel=1e-9)
    cutoff = law.cutoff_params
    assert law(cutoff, 128) == pytest.approx(law(cutoff, 1), rel=1e-12)
    assert law(cutoff * 10, 128) > law(cutoff * 10, 1)          # past it experts hurt


@pytest.mark.parametrize("method", ref.ROUTING_METHODS)
def test_published_cutoffs_follow_from_the_rounded_coefficients(method):
    key = {"S-BASE": "s_base", "RL-R": "rl_r", "HASH": "hash"}[method]
    law = ref.clark_routed_law(method)
    published = getattr(ref.CLARK_2022, f"{key}_cutoff")
    # c is printed to three decimals: the published cutoff lies within its rounding
    lows, highs = (10 ** (-law.b / (law.c + s * 0.0005)) for s in (1, -1))
    assert lows <= published <= highs


def test_saturation_and_effective_parameter_count():
    law = ref.clark_routed_law("S-BASE")
    e_hat = law.saturated_experts([1, 2, 8, 64, 512, 1e9])
    assert np.all(np.diff(e_hat) > 0) and e_hat[-1] == pytest.approx(law.e_max, rel=1e-6)
    assert law.effective_params(1e8, 1) == pytest.approx(1e8)
    n_bar = law.effective_params(1e8, [8, 64, 512])
    assert np.all(np.diff(n_bar) > 0) and n_bar[0] > 1e8
    np.testing.assert_allclose(law(n_bar, 1), law(1e8, [8, 64, 512]), rtol=1e-12)


# --- sparsity ---------------------------------------------------------------------------------

#: Points of the authors' released data (google-research/jaxpruner, projects/bigsparse, Apache
#: 2.0): (sparsity, non-zero parameters, images or steps, validation loss).
VIT_POINTS = [(0.75, 12 * 12 * 768**2 * 0.25 * 0.25, 225e6, 6.7818391589),
              (0.75, 12 * 12 * 768**2 * 0.03125 * 0.25, 450e6, 8.0122243579),
              (0.9375, 12 * 12 * 768**2 * 0.125 * 0.0625, 1.8e9, 7.2895336554)]
T5_POINTS = [(0.0, 24 * 12 * 768**2 * 0.0078125, 250e3, 3.1256396912691886),
             (0.75, 24 * 12 * 768**2 * 0.5 * 0.25, 500e3, 1.9226519668311404),
             (0.875, 24 * 12 * 768**2 * 4.0 * 0.125, 1e6, 1.6029677006236294)]


@pytest.mark.parametrize("setting, points", [("ViT/JFT", VIT_POINTS), ("T5/C4", T5_POINTS)])
def test_released_fits_reproduce_the_released_runs(setting, points):
    law = ref.frantar_sparse_law(setting)
    for s, n, d, loss in points:
        assert law(s, n, d) == pytest.approx(loss, rel=0.02)


def test_t5_extrapolation_point_of_the_released_notebook():
    # the notebook's held-out run (75% sparsity, 5e5 steps, loss 1.4828), with N as the notebook
    # passes it to the law: 48 · 12 · 1024² parameters
    law = ref.frantar_sparse_law("T5/C4")
    assert law(0.75, 48 * 12 * 1024**2, 5e5) == pytest.approx(1.4828, rel=0.02)


def test_sparsity_only_rescales_the_model_term():
    law = ref.frantar_sparse_law("ViT/JFT")
    dense = laws.SparseLaw(law.a_s, law.b_s, law.c_s, law.b_n, law.a_d, law.b_d, law.c)
    s = np.array([0.0, 0.5, 0.75, 0.9, 0.99])
    loss = law(s, 1e8, 1e9)
    assert np.all(np.diff(loss) < 0)                                # sparser is better at fixed N
    n_eq = law.equivalent_dense_params(s, 1e8)
    np.testing.assert_allclose(dense(0.0, n_eq, 1e9), loss, rtol=1e-12)
    assert n_eq[0] == pytest.approx(1e8) and np.all(n_eq < 1e8 * law.max_dense_factor)
    # the gain vanishes where the data term dominates
    assert law(0.0, 1e8, 1e6) / law(0.9, 1e8, 1e6) < law(0.0, 1e8, 1e11) / law(0.9, 1e8, 1e11)


def test_sparsity_given_as_percent_is_refused():
    law = ref.frantar_sparse_law("T5/C4")
    with pytest.raises(CourseValueError, match="for 75% give 0.75"):
        law(75, 1e8, 1e5)
    with pytest.raises(CourseValueError, match="leaves no weights"):
        law(1.0, 1e8, 1e5)


# --- shape ------------------------------------------------------------------------------------

SHAPE = laws.ShapeLaw(alpha=20.0, a=0.5, beta=0.5, b=1.0, xi=1.0, c=0.6, eps=0.1)


@pytest.mark.parametrize("law", [SHAPE, laws.ShapeLaw(3.0, 0.3, 0.02, 0.9, 0.5, 0.45, 0.2),
                                 laws.ShapeLaw(1e3, 1.2, 1e-3, 0.4, 0.0, 0.8, 0.0)])
def test_optimal_is_the_minimiser_of_the_form(law):
    for t in (1e2, 1e5, 1e8):
        x_star = law.optimal(t)
        grid = x_star * np.geomspace(0.5, 2.0, 2001)
        assert grid[np.argmin(law(grid, t))] == pytest.approx(x_star, rel=2e-3)
        assert law(x_star * 1.01, t) > law(x_star, t) < law(x_star / 1.01, t)
    ratio = law.optimal(1e6) / law.optimal(1e3)
    assert ratio == pytest.approx(1e3**law.exponent) and law.exponent == law.c / (law.a + law.b)


def test_published_exponents_order_as_the_paper_says():
    s = ref.ALABDULMOHSIN_2023
    assert s.s_mlp > s.s_depth > s.s_width > 0      # MLP fastest, then depth, then width
    assert s.sovit_400m_mlp > s.sovit_400m_width > s.sovit_400m_depth


def test_shape_law_bad_input():
    with pytest.raises(CourseValueError, match="compute"):
        SHAPE.optimal(-1.0)
    with pytest.raises(CourseValueError, match="same length"):
        SHAPE([1.0, 2.0], [1.0, 2.0, 3.0])
