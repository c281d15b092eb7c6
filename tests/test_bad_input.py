"""Every public function of laws, references, compute, simulate and allocation answers bad input
with a CourseValueError (a ValueError) whose sentence says what to change."""

import inspect
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_utils import (CourseValueError, allocation, compute, emergence, laws,
                           references as ref, simulate)

bad_counts = st.one_of(  # for arguments that take a number or an array of them
    st.integers(max_value=0),
    st.floats(allow_nan=True, allow_infinity=True).filter(
        lambda x: not (math.isfinite(x) and x >= 1 and x == int(x))),
    st.sampled_from(["10", None, True, {"n": 3}, [10, 0], [3.5], [10, None]]),
)
bad_single_counts = st.one_of(bad_counts, st.sampled_from([[10, 20], (5,), np.array([3, 4])]))
bad_positive = st.one_of(
    st.floats(max_value=0.0),
    st.just(float("nan")), st.just(float("inf")), st.just(-float("inf")),
    st.sampled_from(["1.0", None, [1.0], False]),
)
bad_positive_arrays = st.one_of(
    st.floats(max_value=0.0),
    st.just(float("nan")), st.just(float("inf")), st.just(-float("inf")),
    st.sampled_from(["1.0", None, False]),
    st.sampled_from([[1e9, None], [1e9, float("nan")], [1e9, -1.0], [], [[1e9], [2e9, 3e9]],
                     {"n": 1e9}]),
)


@settings(max_examples=60, deadline=None)
@given(bad=bad_counts)
def test_ols_expected_error_rejects_bad_feature_counts(bad):
    with pytest.raises(CourseValueError, match="n_features"):
        laws.ols_expected_error(bad, 100)


@settings(max_examples=60, deadline=None)
@given(bad=bad_positive)
def test_ols_expected_error_rejects_bad_noise(bad):
    with pytest.raises(CourseValueError, match="noise_std"):
        laws.ols_expected_error(5, 100, bad)


@settings(max_examples=40, deadline=None)
@given(bad=bad_single_counts)
def test_monte_carlo_rejects_bad_trials(bad):
    with pytest.raises(CourseValueError, match="n_trials"):
        simulate.ols_monte_carlo_error(3, 10, 1.0, n_trials=bad)


@settings(max_examples=40, deadline=None)
@given(bad=st.one_of(st.integers(max_value=-1), st.floats(allow_nan=True).filter(
    lambda x: not (math.isfinite(x) and x >= 0 and x == int(x)))))
def test_monte_carlo_rejects_bad_seed(bad):
    with pytest.raises(CourseValueError, match="seed"):
        simulate.ols_monte_carlo_error(3, 10, 1.0, n_trials=5, seed=bad)


@settings(max_examples=40, deadline=None)
@given(bad=bad_positive)
def test_samples_needed_rejects_bad_ratio(bad):
    with pytest.raises(CourseValueError, match="excess_ratio"):
        laws.ols_samples_needed(10, bad)


@settings(max_examples=40, deadline=None)
@given(bad=bad_single_counts)
def test_samples_needed_rejects_bad_feature_count(bad):
    with pytest.raises(CourseValueError, match="n_features"):
        laws.ols_samples_needed(bad, 0.1)


@settings(max_examples=60, deadline=None)
@given(bad=bad_positive_arrays)
def test_two_variable_laws_reject_bad_sizes(bad):
    for law in (ref.HOFFMANN_2022, ref.kaplan_joint_law()):
        with pytest.raises(CourseValueError, match="n_params"):
            law(bad, 1e10)
    with pytest.raises(CourseValueError, match="n_tokens"):
        ref.HOFFMANN_2022(1e9, bad)


@settings(max_examples=60, deadline=None)
@given(bad=bad_positive_arrays)
def test_compute_accounting_rejects_bad_values(bad):
    for call, word in ((lambda: compute.training_flops(bad, 1e10), "n_params"),
                       (lambda: compute.tokens_for_compute(bad, 1e9), "compute"),
                       (lambda: compute.params_for_compute(1e20, bad), "n_tokens"),
                       (lambda: compute.flops_to_pf_days(bad), "flops"),
                       (lambda: compute.pf_days_to_flops(bad), "pf_days")):
        with pytest.raises(CourseValueError, match=word):
            call()


@settings(max_examples=40, deadline=None)
@given(percent=st.floats(min_value=1.0, max_value=100.0))
def test_fractions_typed_as_percentages_are_refused(percent):
    law = ref.kaplan_joint_law()
    for call, name in ((lambda: allocation.sizes_within(law, 1e21, percent), "excess"),
                       (lambda: law.tokens_to_limit_overfitting(1e9, percent), "penalty"),
                       (lambda: simulate.training_curves(ref.BESIROGLU_2024, [1e8], [1e10],
                                                         warmdown=percent), "warmdown")):
        with pytest.raises(CourseValueError, match=rf"{name} is a fraction: .* would mean"):
            call()


def test_the_percentage_message_gives_the_fix():
    with pytest.raises(CourseValueError) as info:
        allocation.sizes_within(ref.kaplan_joint_law(), 1e21, 2)
    assert str(info.value) == "excess is a fraction: 2 would mean 200%; for 2% give 0.02."


def test_arrays_of_different_lengths():
    with pytest.raises(CourseValueError, match="same length"):
        laws.ols_expected_error([5, 6, 7], [100, 200])


@pytest.mark.parametrize("samples, word", [([100, np.nan], "NaN"), ([100, np.inf], "infinite"),
                                           ([100, 20.5], "whole numbers"), ([], "empty"),
                                           ([[1, 2], [3]], "flat list"), ([100, None], "None")])
def test_array_problems_are_named(samples, word):
    with pytest.raises(CourseValueError, match=word):
        laws.ols_expected_error(5, samples)


def test_string_hint_says_remove_quotes():
    with pytest.raises(CourseValueError, match="Remove the quotes"):
        laws.ols_samples_needed("10", 0.1)


def test_whole_floats_are_accepted():
    assert laws.ols_expected_error(1e1, 3e1) == laws.ols_expected_error(10, 30)


# --- every public callable, with every kind of bad value -----------------------------------------

CH = ref.BESIROGLU_2024
KL = ref.kaplan_joint_law()
PL = laws.PowerLaw(3.0, -0.5)
LC = laws.LearningCurve(0.9, 20.0, -0.4, 0.05)
BPL = laws.BrokenPowerLaw(0.1, 5.0, 0.1, [(0.4, 1e4, 0.5)])
DC = ref.MUENNIGHOFF_2023
PAIRS = dict(A=(400.0, 0.0), B=(400.0, 0.0), alpha=(0.34, 0.0), beta=(0.3, 0.0))
HL = laws.CompressibilityLaw(E=(0.0, 5.0), **PAIRS)
ML = laws.MixingLaw(c=[1.0, 0.5], k=[2.0, 2.0], t=[[-1.0, -0.2], [-0.2, -2.0]])
AL = laws.AlabdulmohsinLaw("M4", beta=3.0, c=-0.3, alpha=0.6, eps_inf=0.3, eps_0=1.0)
SA = laws.SigmoidAccuracy(1.3, 0.05, floor=0.25)
TSB = simulate.two_step_benchmark([1e19, 1e20, 1e21])
RL = ref.clark_routed_law("S-BASE")
SL = ref.frantar_sparse_law("ViT/JFT")
SH = laws.ShapeLaw(alpha=20.0, a=0.5, beta=0.5, b=1.0, xi=1.0, c=0.6, eps=0.1)
SD = ref.SARDANA_2024
PRICES = dict(training_dollars_per_flop=1e-18, prefill_dollars_per_flop=1e-18,
              decode_dollars_per_flop=5e-18)

# Values no argument of the package accepts (an argument that takes a whole list may accept a
# flat list, and a seed may be 0, so those are tested separately).
ALWAYS_BAD = {"None": None, "text": "1e9", "NaN": float("nan"), "inf": float("inf"),
              "boolean": True, "dict": {"a": 1}, "list with None": [1e9, None],
              "list with text": [1e9, "2e9"], "empty": []}
NONPOSITIVE = {"zero": 0, "negative": -3.0}

#: (name, call with one bad argument) — one row per argument that a learner types.
CALLS = [
    ("laws.ols_expected_error n_features", lambda b: laws.ols_expected_error(b, 100)),
    ("laws.ols_expected_error n_samples", lambda b: laws.ols_expected_error(5, b)),
    ("laws.ols_expected_error noise_std", lambda b: laws.ols_expected_error(5, 100, b)),
    ("laws.ols_excess_ratio", lambda b: laws.ols_excess_ratio(5, b)),
    ("laws.require_chinchilla_law", lambda b: laws.require_chinchilla_law(b)),
    ("laws.ols_samples_needed n_features", lambda b: laws.ols_samples_needed(b, 0.1)),
    ("laws.ols_samples_needed excess_ratio", lambda b: laws.ols_samples_needed(10, b)),
    ("laws.min_norm_expected_error n_samples", lambda b: laws.min_norm_expected_error(5, b)),
    ("laws.min_norm_expected_error noise_std", lambda b: laws.min_norm_expected_error(5, 9, b)),
    ("laws.PowerLaw coefficient", lambda b: laws.PowerLaw(b, -0.5)),
    ("laws.PowerLaw call", lambda b: PL(b)),
    ("laws.PowerLaw.solve", lambda b: PL.solve(b)),
    ("laws.PowerLaw.reducible", lambda b: PL.reducible(b)),
    ("laws.PowerLaw.from_critical_scale", lambda b: laws.PowerLaw.from_critical_scale(b, 0.1)),
    ("laws.LearningCurve best_guess", lambda b: laws.LearningCurve(b, 20.0, -0.4)),
    ("laws.LearningCurve call", lambda b: LC(b)),
    ("laws.KaplanLaw n_c", lambda b: laws.KaplanLaw(b, 1e13, 0.07, 0.1)),
    ("laws.KaplanLaw call n_params", lambda b: KL(b, 1e10)),
    ("laws.KaplanLaw call n_tokens", lambda b: KL(1e9, b)),
    ("laws.KaplanLaw.overfitting_penalty", lambda b: KL.overfitting_penalty(b, 1e10)),
    ("laws.KaplanLaw.tokens_to_limit_overfitting n", lambda b: KL.tokens_to_limit_overfitting(b)),
    ("laws.KaplanLaw.tokens_to_limit_overfitting penalty",
     lambda b: KL.tokens_to_limit_overfitting(1e9, b)),
    ("laws.ChinchillaLaw A", lambda b: laws.ChinchillaLaw(1.7, b, 400, 0.3, 0.3)),
    ("laws.BrokenPowerLaw d", lambda b: laws.BrokenPowerLaw(0.1, 5.0, 0.2, [(0.3, b, 0.5)])),
    ("laws.BrokenPowerLaw f", lambda b: laws.BrokenPowerLaw(0.1, 5.0, 0.2, [(0.3, 1e4, b)])),
    ("laws.BrokenPowerLaw call x", lambda b: laws.BrokenPowerLaw(0.1, 5.0, 0.2)(b)),
    ("laws.AlabdulmohsinLaw call x", lambda b: laws.AlabdulmohsinLaw("M1", beta=2.0, c=-0.3)(b)),
    ("laws.ChinchillaLaw call n_params", lambda b: CH(b, 1e10)),
    ("laws.ChinchillaLaw call n_tokens", lambda b: CH(1e9, b)),
    ("laws.ChinchillaLaw call one argument", lambda b: CH(b)),
    ("laws.ChinchillaLaw.terms", lambda b: CH.terms(b, 1e10)),
    ("laws.ChinchillaLaw.from_theta", lambda b: laws.ChinchillaLaw.from_theta(b)),
    ("laws.ChinchillaLaw.from_theta alpha",
     lambda b: laws.ChinchillaLaw.from_theta([0.5, 6.0, 6.0, b, 0.3])),
    ("laws.CompressibilityLaw E", lambda b: laws.CompressibilityLaw(E=(b, 1.0), **PAIRS)),
    ("laws.CompressibilityLaw.at", lambda b: HL.at(b)),
    ("laws.MixingLaw c", lambda b: laws.MixingLaw(c=b, k=[1.0], t=[[-1.0]])),
    ("laws.MixingLaw k", lambda b: laws.MixingLaw(c=[1.0], k=b, t=[[-1.0]])),
    ("laws.MixingLaw.loss", lambda b: ML.loss(b)),
    ("laws.MixingLaw.loss weights", lambda b: ML.loss([0.5, 0.5], weights=b)),
    ("laws.DataConstrainedLaw base", lambda b: laws.DataConstrainedLaw(b, 15.0, 5.0)),
    ("laws.DataConstrainedLaw r_d_star", lambda b: laws.DataConstrainedLaw(CH, b, 5.0)),
    ("laws.DataConstrainedLaw call n_params", lambda b: DC(b, 1e10, 1e9)),
    ("laws.DataConstrainedLaw call n_tokens", lambda b: DC(1e9, b, 1e9)),
    ("laws.DataConstrainedLaw call unique_tokens", lambda b: DC(1e9, 1e10, b)),
    ("laws.DataConstrainedLaw call one argument", lambda b: DC(b)),
    ("laws.DataConstrainedLaw.loss", lambda b: DC.loss(1e9, 1e10, b)),
    ("laws.DataConstrainedLaw.terms", lambda b: DC.terms(b, 1e10, 1e9)),
    ("laws.DataConstrainedLaw.effective_tokens", lambda b: DC.effective_tokens(1e10, b)),
    ("laws.DataConstrainedLaw.effective_params", lambda b: DC.effective_params(b, 1e9)),
    ("laws.DataConstrainedLaw.unique_params", lambda b: DC.unique_params(b)),
    ("laws.DataConstrainedLaw.saturation_tokens", lambda b: DC.saturation_tokens(b)),
    ("laws.DataConstrainedLaw.epoch_worth", lambda b: DC.epoch_worth(b)),
    ("laws.DataConstrainedLaw.from_law law", lambda b: laws.DataConstrainedLaw.from_law(b)),
    ("laws.DataConstrainedLaw.from_law r_n_star",
     lambda b: laws.DataConstrainedLaw.from_law(CH, r_n_star=b)),
    ("laws.BrokenPowerLaw b", lambda b: laws.BrokenPowerLaw(0.1, b, 0.3)),
    ("laws.BrokenPowerLaw call", lambda b: BPL(b)),
    ("laws.BrokenPowerLaw.reducible", lambda b: BPL.reducible(b)),
    ("laws.AlabdulmohsinLaw family", lambda b: laws.AlabdulmohsinLaw(b, 1.0, -0.3)),
    ("laws.AlabdulmohsinLaw beta", lambda b: laws.AlabdulmohsinLaw("M2", b, -0.3)),
    ("laws.AlabdulmohsinLaw call", lambda b: AL(b)),
    ("laws.RoutedLaw e_start", lambda b: laws.RoutedLaw(-0.08, -0.1, 0.01, 1.1, b, 300.0)),
    ("laws.RoutedLaw a", lambda b: laws.RoutedLaw(b, -0.1, 0.01, 1.1, 1.8, 300.0)),
    ("laws.RoutedLaw call n_params", lambda b: RL(b, 8)),
    ("laws.RoutedLaw call n_experts", lambda b: RL(1e9, b)),
    ("laws.RoutedLaw call one argument", lambda b: RL(b)),
    ("laws.RoutedLaw.saturated_experts", lambda b: RL.saturated_experts(b)),
    ("laws.RoutedLaw.expert_slope", lambda b: RL.expert_slope(b)),
    ("laws.RoutedLaw.effective_params n_params", lambda b: RL.effective_params(b, 8)),
    ("laws.RoutedLaw.effective_params n_experts", lambda b: RL.effective_params(1e9, b)),
    ("laws.SparseLaw a_s", lambda b: laws.SparseLaw(b, 0.8, 2.0, 0.4, 1e9, 0.9, 4.5)),
    ("laws.SparseLaw call sparsity", lambda b: SL(b, 1e8, 1e9)),
    ("laws.SparseLaw call n_params", lambda b: SL(0.5, b, 1e9)),
    ("laws.SparseLaw call n_tokens", lambda b: SL(0.5, 1e8, b)),
    ("laws.SparseLaw.sparsity_factor", lambda b: SL.sparsity_factor(b)),
    ("laws.SparseLaw.equivalent_dense_params n_params",
     lambda b: SL.equivalent_dense_params(0.5, b)),
    ("laws.SparseLaw.equivalent_dense_params sparsity",
     lambda b: SL.equivalent_dense_params(b, 1e8)),
    ("laws.ShapeLaw alpha", lambda b: laws.ShapeLaw(b, 0.5, 0.5, 1.0, 1.0, 0.6, 0.1)),
    ("laws.ShapeLaw call x", lambda b: SH(b, 1e3)),
    ("laws.ShapeLaw call compute", lambda b: SH(10.0, b)),
    ("laws.ShapeLaw.optimal", lambda b: SH.optimal(b)),
    ("references.clark_routed_law", lambda b: ref.clark_routed_law(b)),
    ("references.frantar_sparse_law", lambda b: ref.frantar_sparse_law(b)),
    ("references.describe", lambda b: ref.describe(b)),
    ("references.Published", lambda b: ref.Published(b, "Table 1")),
    ("references.TransformerConfig", lambda b: ref.TransformerConfig(
        "x", n_layer=b, d_model=64, vocab_size=100, n_ctx=32, reported_params=1e5, where="here")),
    ("compute.transformer_params", lambda b: compute.transformer_params(b, 768)),
    ("compute.transformer_params vocab_size", lambda b: compute.transformer_params(
        12, 768, vocab_size=b, include_embeddings=True)),
    ("compute.embedding_params", lambda b: compute.embedding_params(768, b)),
    ("compute.forward_flops_per_token", lambda b: compute.forward_flops_per_token(b, 12, 1024, 768)),
    ("compute.training_flops", lambda b: compute.training_flops(b, 1e10)),
    ("compute.tokens_for_compute", lambda b: compute.tokens_for_compute(b, 1e9)),
    ("compute.params_for_compute", lambda b: compute.params_for_compute(1e20, b)),
    ("compute.flops_to_pf_days", lambda b: compute.flops_to_pf_days(b)),
    ("compute.pf_days_to_flops", lambda b: compute.pf_days_to_flops(b)),
    ("compute.gpu_hours peak", lambda b: compute.gpu_hours(1e20, b)),
    ("compute.gpu_hours utilization", lambda b: compute.gpu_hours(1e20, 1e15, b)),
    ("compute.gpu_hours_to_flops gpu_hours", lambda b: compute.gpu_hours_to_flops(b, 1e15)),
    ("compute.gpu_hours_to_flops peak", lambda b: compute.gpu_hours_to_flops(1e3, b)),
    ("compute.gpu_hours_to_flops utilization",
     lambda b: compute.gpu_hours_to_flops(1e3, 1e15, b)),
    ("compute.gpu_hours_cost gpu_hours", lambda b: compute.gpu_hours_cost(b, 2.0)),
    ("compute.gpu_hours_cost price", lambda b: compute.gpu_hours_cost(1e3, b)),
    ("simulate.least_squares_trial_errors", lambda b: simulate.least_squares_trial_errors(
        b, 10, n_trials=3)),
    ("simulate.least_squares_trial_errors seed", lambda b: simulate.least_squares_trial_errors(
        3, 10, n_trials=3, seed=b)),
    ("simulate.ols_monte_carlo_error", lambda b: simulate.ols_monte_carlo_error(3, b, n_trials=3)),
    ("simulate.min_norm_monte_carlo_error", lambda b: simulate.min_norm_monte_carlo_error(
        3, 10, b, n_trials=3)),
    ("simulate.least_squares_error_curve sizes", lambda b: simulate.least_squares_error_curve(
        3, b, n_trials=3)),
    ("simulate.least_squares_error_curve n_features",
     lambda b: simulate.least_squares_error_curve(b, [10, 20], n_trials=3)),
    ("simulate.noisy_observations law", lambda b: simulate.noisy_observations(b, [1, 2])),
    ("simulate.noisy_observations x", lambda b: simulate.noisy_observations(PL, b)),
    ("simulate.noisy_observations noise", lambda b: simulate.noisy_observations(
        PL, [1, 2], relative_noise=b)),
    ("simulate.isoflop_sweep law", lambda b: simulate.isoflop_sweep(b, [1e19, 1e20])),
    ("simulate.isoflop_sweep budgets", lambda b: simulate.isoflop_sweep(CH, b)),
    ("simulate.isoflop_sweep models", lambda b: simulate.isoflop_sweep(CH, [1e19], b)),
    ("simulate.isoflop_sweep span", lambda b: simulate.isoflop_sweep(CH, [1e19], span=b)),
    ("simulate.isoflop_sweep centres", lambda b: simulate.isoflop_sweep(
        CH, [1e19, 1e20], centres=b)),
    ("simulate.isoflop_sweep noise", lambda b: simulate.isoflop_sweep(CH, [1e19], noise=b)),
    ("simulate.training_curves law", lambda b: simulate.training_curves(b, [1e8], [1e10])),
    ("simulate.training_curves sizes", lambda b: simulate.training_curves(CH, b, [1e10])),
    ("simulate.training_curves schedules", lambda b: simulate.training_curves(CH, [1e8], b)),
    ("simulate.training_curves points", lambda b: simulate.training_curves(
        CH, [1e8], [1e10], points_per_curve=b)),
    ("simulate.training_curves warmdown", lambda b: simulate.training_curves(
        CH, [1e8], [1e10], warmdown=b)),
    ("simulate.training_curves noise", lambda b: simulate.training_curves(
        CH, [1e8], [1e10], noise=b)),
    ("laws.SigmoidAccuracy width", lambda b: laws.SigmoidAccuracy(1.0, b)),
    ("laws.SigmoidAccuracy call", lambda b: SA(b)),
    ("laws.SigmoidAccuracy.solve", lambda b: SA.solve(b)),
    ("simulate.two_step_benchmark compute", lambda b: simulate.two_step_benchmark(b)),
    ("simulate.two_step_benchmark n_items", lambda b: simulate.two_step_benchmark(
        [1e19, 1e20, 1e21], n_items=b)),
    ("simulate.two_step_benchmark older_compute", lambda b: simulate.two_step_benchmark(
        [1e19, 1e20, 1e21], older_compute=b)),
    ("simulate.TwoStepBenchmark.true_nll", lambda b: TSB.true_nll(b)),
    ("simulate.TwoStepBenchmark.true_accuracy", lambda b: TSB.true_accuracy(b)),
    ("emergence.token_probability", lambda b: emergence.token_probability(b)),
    ("emergence.exact_match loss", lambda b: emergence.exact_match(b, 5)),
    ("emergence.exact_match target_length", lambda b: emergence.exact_match(0.5, b)),
    ("emergence.token_edit_distance", lambda b: emergence.token_edit_distance(0.5, b)),
    ("emergence.multiple_choice_grade", lambda b: emergence.multiple_choice_grade(0.5, b)),
    ("emergence.brier_score", lambda b: emergence.brier_score(b, 4)),
    ("emergence.largest_decade_share", lambda b: emergence.largest_decade_share(
        b, [0.1, 0.2, 0.3])),
    ("emergence.emergence_score", lambda b: emergence.emergence_score([1e8, 1e9, 1e10], b)),
    ("emergence.finite_test_accuracy accuracy", lambda b: emergence.finite_test_accuracy(b, 100)),
    ("emergence.finite_test_accuracy n_items", lambda b: emergence.finite_test_accuracy(0.5, b)),
    ("allocation.optimal_on_compute_line law", lambda b: allocation.optimal_on_compute_line(
        b, 1e20)),
    ("allocation.optimal_on_compute_line compute", lambda b: allocation.optimal_on_compute_line(
        KL, b)),
    ("allocation.optimal_on_compute_line n_range",
     lambda b: allocation.optimal_on_compute_line(KL, 1e20, n_range=b)),
    ("allocation.sizes_within excess", lambda b: allocation.sizes_within(KL, 1e20, b)),
    ("allocation.sizes_within law", lambda b: allocation.sizes_within(b, 1e20, 0.01)),
    ("allocation.kaplan_frontier_params", lambda b: allocation.kaplan_frontier_params(b)),
    ("allocation.kaplan_frontier_tokens", lambda b: allocation.kaplan_frontier_tokens(b)),
    ("allocation.chinchilla_optimal law", lambda b: allocation.chinchilla_optimal(b, 1e20)),
    ("allocation.chinchilla_optimal compute", lambda b: allocation.chinchilla_optimal(CH, b)),
    ("allocation.assess_run law", lambda b: allocation.assess_run(b, 1e9, 1e10)),
    ("allocation.assess_run n_params", lambda b: allocation.assess_run(CH, b, 1e10)),
    ("allocation.optimal_non_embedding compute", lambda b: allocation.optimal_non_embedding(
        CH, b)),
    ("allocation.optimal_non_embedding coefficient",
     lambda b: allocation.optimal_non_embedding(CH, 1e20, embedding_coefficient=b)),
    ("allocation.optimal_non_embedding law", lambda b: allocation.optimal_non_embedding(b, 1e20)),
    ("allocation.data_constrained_optimal law",
     lambda b: allocation.data_constrained_optimal(b, 1e20, 1e9)),
    ("allocation.data_constrained_optimal compute",
     lambda b: allocation.data_constrained_optimal(DC, b, 1e9)),
    ("allocation.data_constrained_optimal unique_tokens",
     lambda b: allocation.data_constrained_optimal(DC, 1e20, b)),
    ("allocation.data_constrained_limit law", lambda b: allocation.data_constrained_limit(b, 1e9)),
    ("allocation.data_constrained_limit unique_tokens",
     lambda b: allocation.data_constrained_limit(DC, b)),
    ("allocation.data_constrained_limit excess",
     lambda b: allocation.data_constrained_limit(DC, 1e9, excess=b)),
    ("allocation.smallest_params_for_loss law",
     lambda b: allocation.smallest_params_for_loss(b, 2.0)),
    ("allocation.smallest_params_for_loss target_loss",
     lambda b: allocation.smallest_params_for_loss(SD, b)),
    ("allocation.equal_loss_tokens law", lambda b: allocation.equal_loss_tokens(b, 1e10, 2.0)),
    ("allocation.equal_loss_tokens n_params", lambda b: allocation.equal_loss_tokens(SD, b, 2.0)),
    ("allocation.equal_loss_tokens target_loss",
     lambda b: allocation.equal_loss_tokens(SD, 1e10, b)),
    ("allocation.inference_aware_optimal law",
     lambda b: allocation.inference_aware_optimal(b, 2.0, 1e12)),
    ("allocation.inference_aware_optimal target_loss",
     lambda b: allocation.inference_aware_optimal(SD, b, 1e12)),
    ("allocation.inference_aware_optimal inference_tokens",
     lambda b: allocation.inference_aware_optimal(SD, 2.0, b)),
    ("allocation.inference_aware_cost_optimal law",
     lambda b: allocation.inference_aware_cost_optimal(b, 2.0, 1e12, 1e11, **PRICES)),
    ("allocation.inference_aware_cost_optimal target_loss",
     lambda b: allocation.inference_aware_cost_optimal(SD, b, 1e12, 1e11, **PRICES)),
    ("allocation.inference_aware_cost_optimal prefill_tokens",
     lambda b: allocation.inference_aware_cost_optimal(SD, 2.0, b, 1e11, **PRICES)),
    ("allocation.inference_aware_cost_optimal decode_tokens",
     lambda b: allocation.inference_aware_cost_optimal(SD, 2.0, 1e12, b, **PRICES)),
    ("allocation.inference_aware_cost_optimal price", lambda b: allocation.inference_aware_cost_optimal(
        SD, 2.0, 1e12, 1e11, **{**PRICES, "decode_dollars_per_flop": b})),
    ("allocation.size_versus_samples model_sizes",
     lambda b: allocation.size_versus_samples(b, 1e15)),
    ("allocation.size_versus_samples inference_flops",
     lambda b: allocation.size_versus_samples([1e9, 1e10], b)),
    ("allocation.size_versus_samples tokens_per_sample",
     lambda b: allocation.size_versus_samples([1e9], 1e15, tokens_per_sample=b)),
    ("allocation.size_versus_samples verifier_accuracy",
     lambda b: allocation.size_versus_samples([1e9], 1e15, verifier_accuracy=b)),
    ("allocation.size_versus_samples difficulty_spread",
     lambda b: allocation.size_versus_samples([1e9], 1e15, difficulty_spread=b)),
    ("allocation.size_versus_samples reference_params",
     lambda b: allocation.size_versus_samples([1e9], 1e15, reference_params=b)),
    ("allocation.plan compute_flops", lambda b: allocation.plan(b, n_resamples=10)),
    ("allocation.plan target_loss", lambda b: allocation.plan(target_loss=b, n_resamples=10)),
    ("allocation.plan law", lambda b: allocation.plan(1e22, law=b, n_resamples=10)),
    ("allocation.plan unique_tokens",
     lambda b: allocation.plan(1e22, unique_tokens=b, n_resamples=10)),
    ("allocation.plan inference_tokens",
     lambda b: allocation.plan(1e22, inference_tokens=b, n_resamples=10)),
    ("allocation.plan fit", lambda b: allocation.plan(1e22, fit=b, n_resamples=10)),
    ("allocation.plan n_resamples", lambda b: allocation.plan(1e22, n_resamples=b)),
    ("allocation.plan seed", lambda b: allocation.plan(1e22, n_resamples=10, seed=b)),
    ("allocation.plan_sensitivity", lambda b: allocation.plan_sensitivity(b)),
    ("simulate.repeated_sampling n_problems", lambda b: simulate.repeated_sampling(b, 10)),
    ("simulate.repeated_sampling attempts", lambda b: simulate.repeated_sampling(5, b)),
    ("simulate.repeated_sampling tail_exponent",
     lambda b: simulate.repeated_sampling(5, 10, tail_exponent=b)),
    ("simulate.repeated_sampling beta", lambda b: simulate.repeated_sampling(5, 10, beta=b)),
    ("simulate.repeated_sampling k", lambda b: simulate.repeated_sampling(5, 10, k=b)),
    ("simulate.repeated_sampling seed", lambda b: simulate.repeated_sampling(5, 10, seed=b)),
    ("simulate.gaussian_refit_chain n_samples", lambda b: simulate.gaussian_refit_chain(b, 5)),
    ("simulate.gaussian_refit_chain generations", lambda b: simulate.gaussian_refit_chain(5, b)),
    ("simulate.gaussian_refit_chain n_chains",
     lambda b: simulate.gaussian_refit_chain(5, 5, n_chains=b)),
    ("simulate.gaussian_refit_chain seed", lambda b: simulate.gaussian_refit_chain(5, 5, seed=b)),
    ("simulate.gaussian_refit_chain mode", lambda b: simulate.gaussian_refit_chain(5, 5, mode=b)),
    ("simulate.gaussian_refit_chain real_fraction",
     lambda b: simulate.gaussian_refit_chain(5, 5, real_fraction=b)),
    ("simulate.pruning_experiment n_features",
     lambda b: simulate.pruning_experiment(b, [20], 0.5, n_trials=1)),
    ("simulate.pruning_experiment sizes",
     lambda b: simulate.pruning_experiment(5, b, 0.5, n_trials=1)),
    ("simulate.pruning_experiment keep_fraction",
     lambda b: simulate.pruning_experiment(5, [20], b, n_trials=1)),
    ("simulate.pruning_experiment strategy",
     lambda b: simulate.pruning_experiment(5, [20], 0.5, strategy=b, n_trials=1)),
    ("simulate.pruning_experiment probe_angle",
     lambda b: simulate.pruning_experiment(5, [20], 0.5, probe_angle=b, n_trials=1)),
    ("simulate.pruning_experiment n_trials",
     lambda b: simulate.pruning_experiment(5, [20], 0.5, n_trials=b)),
    ("simulate.pruning_experiment seed",
     lambda b: simulate.pruning_experiment(5, [20], 0.5, n_trials=1, seed=b)),
    ("simulate.resolution_scaling dimension", lambda b: simulate.resolution_scaling(b)),
    ("simulate.resolution_scaling points_per_side",
     lambda b: simulate.resolution_scaling(1, b)),
    ("simulate.resolution_scaling frequency",
     lambda b: simulate.resolution_scaling(1, frequency=b)),
    ("simulate.resolution_scaling n_test", lambda b: simulate.resolution_scaling(1, n_test=b)),
    ("simulate.resolution_scaling seed", lambda b: simulate.resolution_scaling(1, seed=b)),
]

# Arguments for which 0 or a negative number is a valid value.
ZERO_OK = {"laws.PowerLaw.from_critical_scale", "laws.RoutedLaw a",
           "laws.SparseLaw call sparsity", "laws.SparseLaw.sparsity_factor",
           "laws.SparseLaw.equivalent_dense_params sparsity", "laws.min_norm_expected_error noise_std",
           "simulate.noisy_observations noise", "simulate.isoflop_sweep noise",
           "simulate.training_curves noise", "simulate.training_curves warmdown",
           "allocation.optimal_non_embedding coefficient",
           "simulate.least_squares_trial_errors seed",
           "emergence.token_probability", "emergence.exact_match loss",
           "emergence.brier_score", "emergence.emergence_score",
           "emergence.finite_test_accuracy accuracy",
           "laws.SigmoidAccuracy call", "simulate.gaussian_refit_chain seed",
           "simulate.gaussian_refit_chain real_fraction", "laws.CompressibilityLaw E",
           "laws.MixingLaw c",
           "simulate.pruning_experiment seed", "simulate.pruning_experiment probe_angle",
           "simulate.resolution_scaling seed",
           "allocation.inference_aware_optimal inference_tokens",
           "simulate.repeated_sampling seed",
           "allocation.size_versus_samples verifier_accuracy",
           "allocation.size_versus_samples difficulty_spread",
           "allocation.inference_aware_cost_optimal prefill_tokens",
           "allocation.inference_aware_cost_optimal decode_tokens",
           "allocation.plan inference_tokens", "allocation.plan seed"}


# (argument, kind of value) pairs that are valid: defaults and documented special values.
VALID = {("simulate.isoflop_sweep centres", "None"),
         ("allocation.optimal_non_embedding coefficient", "None"),
         ("laws.KaplanLaw call n_tokens", "inf"),                  # L(N, ∞), the data limit
         ("laws.ChinchillaLaw.from_theta alpha", "boolean"),      # True inside a list is 1.0
         ("laws.DataConstrainedLaw r_d_star", "inf"),             # no decay: Chinchilla's law
         ("laws.DataConstrainedLaw.from_law r_n_star", "inf"),
         ("laws.DataConstrainedLaw.from_law r_n_star", "None"),
         ("laws.MixingLaw.loss weights", "None"),
         ("simulate.repeated_sampling k", "None"),
         ("allocation.plan law", "None"),                         # the default law
         ("allocation.plan unique_tokens", "None"),               # no cap
         ("allocation.plan fit", "None"),
         ("simulate.resolution_scaling points_per_side", "None")}


@pytest.mark.parametrize("name, call", CALLS, ids=[name for name, _ in CALLS])
@pytest.mark.parametrize("kind", list(ALWAYS_BAD))
def test_every_public_callable_refuses_bad_values(name, call, kind):
    if (name, kind) in VALID:
        pytest.skip("a valid value for this argument")
    with pytest.raises(CourseValueError) as info:
        call(ALWAYS_BAD[kind])
    message = str(info.value)
    assert message.endswith((".", ")", "]")) and len(message) > 20, message


@pytest.mark.parametrize("name, call", [(n, c) for n, c in CALLS if n not in ZERO_OK],
                         ids=[n for n, _ in CALLS if n not in ZERO_OK])
@pytest.mark.parametrize("kind", list(NONPOSITIVE))
def test_every_positive_argument_refuses_zero_and_negatives(name, call, kind):
    if name in {"references.describe", "references.Published", "laws.ChinchillaLaw.from_theta",
                "references.clark_routed_law", "references.frantar_sparse_law",
                "simulate.noisy_observations law", "simulate.isoflop_sweep law",
                "simulate.training_curves law", "allocation.optimal_on_compute_line law",
                "allocation.sizes_within law", "allocation.chinchilla_optimal law",
                "allocation.assess_run law", "allocation.optimal_non_embedding law",
                "allocation.optimal_on_compute_line n_range",
                "laws.DataConstrainedLaw base", "laws.DataConstrainedLaw.from_law law",
                "allocation.data_constrained_optimal law", "allocation.data_constrained_limit law",
                "allocation.smallest_params_for_loss law", "allocation.equal_loss_tokens law",
                "allocation.inference_aware_optimal law",
                "allocation.inference_aware_cost_optimal law",
                "allocation.size_versus_samples model_sizes",
                "allocation.plan law", "allocation.plan fit", "allocation.plan_sensitivity",
                "simulate.gaussian_refit_chain mode", "simulate.pruning_experiment strategy",
                "simulate.isoflop_sweep budgets", "simulate.isoflop_sweep centres",
                "simulate.least_squares_error_curve sizes", "simulate.training_curves sizes",
                "simulate.training_curves schedules", "simulate.two_step_benchmark compute",
                "simulate.two_step_benchmark older_compute",
                "emergence.largest_decade_share", "laws.SigmoidAccuracy.solve"}:
        pytest.skip("not a number argument (or a list: a lone number is refused anyway)")
    with pytest.raises(CourseValueError):
        call(NONPOSITIVE[kind])


def _public_callables(module):
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            yield f"{module.__name__.split('.')[-1]}.{name}"


@pytest.mark.parametrize("module", [laws, ref, compute, simulate, allocation, emergence],
                         ids=lambda m: m.__name__)
def test_the_table_covers_every_public_callable(module):
    covered = set()
    for name, _ in CALLS:
        parts = name.split()[0].split(".")
        covered |= {".".join(parts[:i]) for i in range(2, len(parts) + 1)}
    results = {"simulate.ErrorCurve", "simulate.Sweep", "allocation.Allocation",
               "allocation.RunAssessment",  # result records the package fills, not inputs
               "allocation.DataConstrainedAllocation", "allocation.DataLimit",
               "allocation.InferenceAwareAllocation", "allocation.CostAwareAllocation",
               "allocation.SizeVersusSamples", "allocation.Plan", "allocation.Sensitivity",
               "simulate.RefitChain", "simulate.PruningCurve", "simulate.RepeatedSampling",
               "simulate.ResolutionScaling",
               "references.kaplan_joint_law", "references.kaplan_single_laws"}  # no arguments
    missing = [name for name in _public_callables(module)
               if name not in covered and name not in results]
    assert not missing, f"add bad-input rows for {missing}"


# --- the bad inputs of issue 8, one by one -------------------------------------------------------

def test_describe_refuses_anything_but_a_collection():
    with pytest.raises(CourseValueError, match="KAPLAN_2020"):
        ref.describe("x")
    with pytest.raises(CourseValueError, match="Remove the quotes"):
        ref.describe("HESTNESS_2017")


def test_a_law_called_with_none_says_so():
    with pytest.raises(CourseValueError, match="n_params must be numbers; got None"):
        ref.HOFFMANN_2022(None, 1e10)
    with pytest.raises(CourseValueError, match="law of two variables"):
        ref.HOFFMANN_2022(None)
    with pytest.raises(CourseValueError, match="x must be numbers; got None"):
        PL(None)
    with pytest.raises(CourseValueError, match="contains None"):
        PL([1.0, None])


def test_lengths_that_do_not_match_say_what_came():
    with pytest.raises(CourseValueError, match="got 2 and 3 values"):
        compute.training_flops([1e9, 2e9], [1e9, 2e9, 3e9])
    with pytest.raises(CourseValueError, match="got 2 and 3 values"):
        ref.HOFFMANN_2022([1e9, 2e9], [1e9, 2e9, 3e9])


def test_huge_simulations_are_refused_before_allocating():
    with pytest.raises(CourseValueError, match=r"320 GB\); the limit is 4,000,000 numbers"):
        simulate.least_squares_trial_errors(200000, 200000)
    with pytest.raises(CourseValueError, match="n_trials"):
        simulate.least_squares_trial_errors(3, 10, n_trials=10**9)
    with pytest.raises(CourseValueError, match="the limit is 1,000,000 runs"):
        simulate.isoflop_sweep(CH, [1e19], 10**8)
    with pytest.raises(CourseValueError, match="points per curve"):
        simulate.training_curves(CH, [1e8], [1e10], points_per_curve=10**8)
    with pytest.raises(CourseValueError, match="limit"):
        simulate.least_squares_error_curve(2000, [10, 5000], n_trials=2)
