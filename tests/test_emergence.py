"""Emergence as a metric artefact (Schaeffer, Miranda & Koyejo 2023): the metrics as functions of a
smoothly falling per-token loss, and the resolution of a finite test set."""

import numpy as np
import pytest

from scaling_utils import CourseValueError, emergence, laws

SIZES = np.geomspace(1e8, 1e12, 41)
#: Illustrative L(N) = (N/c)^α with c = 1e10, α = −0.3 (the paper prints no constants for Fig. 2).
LOSS = laws.PowerLaw.from_critical_scale(1e10, 0.3)(SIZES)


@pytest.mark.parametrize("length", [1, 3, 10, 30])
def test_exact_match_is_the_token_probability_to_the_length(length):
    p = emergence.token_probability(LOSS)
    np.testing.assert_allclose(emergence.exact_match(LOSS, length), p**length, rtol=1e-12)


def test_edit_distance_is_length_times_the_error_rate():
    p = emergence.token_probability(LOSS)
    np.testing.assert_allclose(emergence.token_edit_distance(LOSS, 7), 7 * (1 - p), rtol=1e-12)


def test_edit_distance_moves_smoothly_while_exact_match_jumps_for_long_targets():
    for length in (1, 5, 20, 50):
        share = emergence.largest_decade_share(SIZES, emergence.token_edit_distance(LOSS, length))
        assert share < 0.4, (length, share)          # about a quarter per decade over 4 decades
    long_target = emergence.exact_match(LOSS, 20)
    assert emergence.largest_decade_share(SIZES, long_target) > 0.9
    assert long_target[SIZES <= 1e11].max() < 0.01  # flat at zero for three decades ...
    assert long_target[-1] > 0.005                  # ... then up in the last one
    # the published emergence score says the same
    assert emergence.emergence_score(SIZES, long_target) > 100
    assert abs(emergence.emergence_score(SIZES, emergence.token_edit_distance(LOSS, 20))) < 50


def test_single_token_exact_match_is_as_smooth_as_edit_distance():
    share_em = emergence.largest_decade_share(SIZES, emergence.exact_match(LOSS, 1))
    share_ted = emergence.largest_decade_share(SIZES, emergence.token_edit_distance(LOSS, 1))
    assert share_em == pytest.approx(share_ted)


def test_multiple_choice_grade_steps_where_brier_score_moves_smoothly():
    grade = emergence.multiple_choice_grade(LOSS, 4)
    assert set(grade.tolist()) == {0.0, 1.0}
    step = SIZES[np.argmax(grade)]
    assert LOSS[SIZES == step][0] < np.log(4) < LOSS[SIZES < step][-1]
    assert emergence.largest_decade_share(SIZES, grade) == 1.0
    brier = emergence.brier_score(LOSS, 4)
    assert np.all(np.diff(brier) < 0)
    assert emergence.largest_decade_share(SIZES, brier) < 0.45


def test_brier_score_of_a_uniform_guess():
    k = 5
    assert emergence.brier_score(np.log(k), k) == pytest.approx((k - 1) / k)


def test_finite_test_set_is_unbiased_but_reads_zero_for_small_models():
    true = emergence.exact_match(LOSS, 10)[::10]           # five sizes, 1e8 ... 1e12
    scores = emergence.finite_test_accuracy(true, 200, n_repeats=4000, seed=1)
    assert scores.shape == (4000, 5)
    standard_error = np.sqrt(true * (1 - true) / (200 * 4000))
    assert np.all(np.abs(scores.mean(axis=0) - true) <= 4 * standard_error + 1e-12)
    np.testing.assert_allclose(scores * 200, np.round(scores * 200), atol=1e-9)  # k/n
    small = true < 1e-4
    assert small.sum() >= 2
    assert np.all(scores[0, small] == 0.0)       # one benchmark: the small models score 0
    assert (scores[:, small] == 0.0).mean() > 0.97  # and nearly every benchmark agrees
    zero_rate = (scores == 0).mean(axis=0)
    np.testing.assert_allclose(zero_rate, (1 - true) ** 200, atol=0.03)


def test_more_test_items_resolve_the_small_models():
    true = np.array([2e-4, 2e-3])
    few = emergence.finite_test_accuracy(true, 100, n_repeats=500, seed=0)
    many = emergence.finite_test_accuracy(true, 100_000, n_repeats=500, seed=0)
    assert (few[:, 0] == 0).mean() > 0.9
    assert (many[:, 0] == 0).mean() == 0.0


def test_same_seed_same_scores():
    a = emergence.finite_test_accuracy([0.1, 0.5], 50, n_repeats=3, seed=7)
    b = emergence.finite_test_accuracy([0.1, 0.5], 50, n_repeats=3, seed=7)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("call, word", [
    (lambda: emergence.token_probability(-0.1), "loss"),
    (lambda: emergence.exact_match(0.5, 2.5), "target_length"),
    (lambda: emergence.multiple_choice_grade(0.5, 1), "n_choices"),
    (lambda: emergence.largest_decade_share([1e8, 5e8], [0.1, 0.2]), "decade"),
    (lambda: emergence.emergence_score([1e8, 1e9], [0.1, 0.2, 0.3]), "equal length"),
    (lambda: emergence.finite_test_accuracy([0.5, 30], 100), "30%"),
    (lambda: emergence.finite_test_accuracy([0.5], 100, n_repeats=10**7), "limit"),
])
def test_bad_input_says_what_to_change(call, word):
    with pytest.raises(CourseValueError, match=word):
        call()
