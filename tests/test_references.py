"""Published tables checked against the formulas that produced them, and laws against their limits."""

import numpy as np
import pytest

from scaling_utils import CourseValueError, allocation, compute, laws, references as ref


def test_every_constant_has_a_source():
    for collection in (ref.KAPLAN_2020, ref.KAPLAN_2020_JOINT, ref.KAPLAN_2020_FRONTIER,
                       ref.HESTNESS_2017):
        assert collection.citation.startswith(("Kaplan", "Hestness"))
        for name, item in collection.entries.items():
            assert item.where, name
            assert getattr(collection, name) == item.value


def test_constants_are_read_only():
    with pytest.raises(AttributeError):
        ref.KAPLAN_2020.alpha_N = 0.5
    with pytest.raises(AttributeError, match="known"):
        ref.KAPLAN_2020.alpha_X


def test_eq_4_4_follows_from_the_joint_law():
    law = ref.kaplan_joint_law()
    j = ref.KAPLAN_2020_JOINT
    assert j.alpha_N / j.alpha_D == pytest.approx(j.overfitting_exponent, abs=0.005)
    n = np.geomspace(1e6, 1e11, 6)
    d = law.tokens_to_limit_overfitting(n, j.overfitting_penalty)
    assert np.allclose(d / n**j.overfitting_exponent, j.overfitting_coefficient, rtol=0.15)
    assert np.allclose(law.overfitting_penalty(n, d), j.overfitting_penalty)


def test_eight_times_the_model_needs_about_five_times_the_data():
    f, j = ref.KAPLAN_2020_FRONTIER, ref.KAPLAN_2020_JOINT
    assert f.scale_up_model ** j.overfitting_exponent == pytest.approx(f.scale_up_data, rel=0.1)


def test_early_stopping_ten_percent_is_alpha_n_over_alpha_s():
    k = ref.KAPLAN_2020
    assert k.alpha_N / k.alpha_S == pytest.approx(k.early_stop_excess, abs=0.005)


def test_frontier_exponents_add_up():
    f = ref.KAPLAN_2020_FRONTIER
    assert f.p_N + f.p_D == pytest.approx(1.0)        # C ∝ N·D
    assert f.p_B + f.p_S == pytest.approx(f.p_D)      # D = B·S


def test_joint_law_reduces_to_its_limits():
    law = ref.kaplan_joint_law()
    n = np.geomspace(1e6, 1e11, 5)
    np.testing.assert_allclose(law(n, np.inf), law.params_limit(n))
    np.testing.assert_allclose(law(n, 1e30), law.params_limit(n), rtol=1e-9)
    d = np.geomspace(1e8, 1e12, 5)
    np.testing.assert_allclose(law(1e40, d), law.data_limit(d), rtol=1e-6)


def test_single_variable_laws_are_the_published_ones():
    single = ref.kaplan_single_laws()
    k = ref.KAPLAN_2020
    assert single["N"](k.N_c) == pytest.approx(1.0)
    assert single["N"].exponent == -k.alpha_N and single["D"].exponent == -k.alpha_D
    assert single["C_min"].critical_scale == pytest.approx(k.C_c_min)


def test_kaplan_law_bad_input():
    law = ref.kaplan_joint_law()
    with pytest.raises(ValueError, match="n_tokens"):
        law(1e9, -5)
    with pytest.raises(CourseValueError, match="same length"):
        law([1e9, 2e9], [1e10, 2e10, 3e10])
    with pytest.raises(ValueError, match="alpha_d"):
        laws.KaplanLaw(1, 1, 0.1, 0)


def test_gpt3_parameter_count_matches_the_paper():
    c = ref.GPT3_175B
    n = compute.transformer_params(c.n_layer, c.d_model, vocab_size=c.vocab_size, n_ctx=c.n_ctx,
                                   include_embeddings=True)
    assert n == pytest.approx(c.reported_params, rel=0.01)


def test_gpt2_small_count_and_its_caveat():
    c = ref.GPT2_SMALL
    n = compute.transformer_params(c.n_layer, c.d_model, vocab_size=c.vocab_size, n_ctx=c.n_ctx,
                                   include_embeddings=True)
    assert n == pytest.approx(124e6, rel=0.005) and "124M" in c.note


def test_hestness_exponents():
    values = list(ref.HESTNESS_2017.entries.values())
    assert all(-1 < v.value < 0 for v in values)
    # One flag for the whole table, printed once as a footnote, not on every row.
    assert "secondary" in ref.HESTNESS_2017.footnote
    assert not any("secondary" in v.note for v in values)
    text = ref.describe(ref.HESTNESS_2017)
    assert text.count("secondary") == 1 and text.splitlines()[-1].startswith("  Note: ")


def test_hestness_language_modelling_is_a_range():
    h = ref.HESTNESS_2017
    assert (h.language_model_steepest, h.language_model_shallowest) == (-0.09, -0.06)
    assert not any("word" in key or "character" in key for key in h.entries)


def test_unrounded_hoffmann_is_stored_at_full_precision():
    law = ref.HOFFMANN_2022_UNROUNDED
    np.testing.assert_allclose(law.theta, [0.5267228, 6.0073404, 6.0179186, 0.33917084,
                                           0.2849083], rtol=1e-13)
    assert (law.E, law.A, law.B) == pytest.approx((1.69337, 406.401, 410.723), rel=1e-5)
    budget = compute.training_flops(ref.HOFFMANN_2022_FIT.chinchilla_params,
                                    ref.HOFFMANN_2022_FIT.chinchilla_tokens)
    assert budget == pytest.approx(5.88e23)
    n, d = allocation.chinchilla_optimal(law, budget)
    assert f"{d / n:.1f}" == "59.0"


def test_describe_refuses_what_is_not_a_collection():
    for bad in ("x", None, 3.0, ref.HOFFMANN_2022, ref.GPT2_SMALL, [ref.KAPLAN_2020]):
        with pytest.raises(CourseValueError, match="describe takes one of the collections"):
            ref.describe(bad)
    with pytest.raises(CourseValueError, match=r"describe\(references.KAPLAN_2020\)"):
        ref.describe("KAPLAN_2020")


def test_every_collection_can_be_described():
    for name in ref._COLLECTION_NAMES:
        collection = getattr(ref, name)
        assert ref.describe(collection).startswith(collection.citation)


def test_published_and_configs_are_validated():
    with pytest.raises(CourseValueError, match="value"):
        ref.Published("0.076", "Table 5")
    with pytest.raises(CourseValueError, match="where"):
        ref.Published(0.076, "")
    with pytest.raises(CourseValueError, match="n_layer"):
        ref.TransformerConfig("x", n_layer=0, d_model=64, vocab_size=100, n_ctx=32,
                              reported_params=1e5, where="here")


def test_describe_lists_sources():
    text = ref.describe(ref.KAPLAN_2020_JOINT)
    assert "Table 2" in text and "arXiv:2001.08361" in text


def test_gpt3_training_compute_is_six_n_d():
    c = ref.GPT3_175B
    flops = compute.training_flops(c.reported_params, c.training_tokens)
    assert flops == pytest.approx(c.reported_training_flops, rel=0.01)
