"""Parameter and FLOP accounting against independent counts."""

import numpy as np
import pytest

from scaling_utils import CourseValueError, compute


def count_weight_matrices(n_layer, d_model, d_attn, d_ff):
    """Sum the sizes of every weight matrix of the stack, one by one."""
    per_layer = [(d_model, d_attn)] * 3 + [(d_attn, d_model)] + [(d_model, d_ff), (d_ff, d_model)]
    return n_layer * sum(rows * cols for rows, cols in per_layer)


@pytest.mark.parametrize("n_layer, d_model, d_attn, d_ff", [(12, 768, 768, 3072), (2, 64, 32, 100),
                                                             (96, 12288, 12288, 49152)])
def test_matches_a_count_of_weight_matrices(n_layer, d_model, d_attn, d_ff):
    assert compute.transformer_params(n_layer, d_model, d_attn=d_attn, d_ff=d_ff) == \
        count_weight_matrices(n_layer, d_model, d_attn, d_ff)


def test_standard_shape_is_12_layer_d_squared():
    assert compute.transformer_params(24, 1024) == 12 * 24 * 1024**2


def test_embeddings():
    base = compute.transformer_params(12, 768)
    full = compute.transformer_params(12, 768, vocab_size=50257, n_ctx=1024, include_embeddings=True)
    assert full - base == 768 * (50257 + 1024)
    with pytest.raises(ValueError, match="vocab_size"):
        compute.transformer_params(12, 768, include_embeddings=True)


def test_training_flops_and_inverses():
    assert compute.training_flops(1e9, 2e10) == pytest.approx(1.2e20)
    assert compute.tokens_for_compute(1.2e20, 1e9) == pytest.approx(2e10)
    assert compute.params_for_compute(1.2e20, 2e10) == pytest.approx(1e9)
    np.testing.assert_allclose(compute.training_flops([1e9, 2e9], 1e10), [6e19, 1.2e20])


def test_forward_flops_attention_share():
    # The attention term relative to 2N is n_ctx / (12 d_model) for the standard shape.
    n = compute.transformer_params(48, 6144)
    forward = compute.forward_flops_per_token(n, 48, 2048, 6144)
    assert forward - 2 * n == 2 * 48 * 2048 * 6144
    assert (forward - 2 * n) / (2 * n) == pytest.approx(2048 / (12 * 6144))
    assert 3 * 2 * n == compute.training_flops(n, 1)


def test_units():
    assert compute.PF_DAY == 8.64e19
    assert compute.pf_days_to_flops(compute.flops_to_pf_days(3.14e23)) == pytest.approx(3.14e23)
    assert compute.gpu_hours(3.6e18, 1e15, 1.0) == pytest.approx(1.0)
    assert compute.gpu_hours(3.6e18, 1e15, 0.5) == pytest.approx(2.0)


@pytest.mark.parametrize("call, word", [
    (lambda: compute.transformer_params(0, 768), "n_layer"),
    (lambda: compute.transformer_params(12, 76.5), "whole number"),
    (lambda: compute.training_flops(-1e9, 1e10), "n_params"),
    (lambda: compute.gpu_hours(1e20, 1e15, 1.5), "utilization"),
    (lambda: compute.training_flops([1e9, 2e9], [1e10, 2e10, 3e10]), "same length"),
    (lambda: compute.tokens_for_compute([1e20, 2e20], [1e9, 2e9, 3e9]), "got 2 and 3 values"),
    (lambda: compute.params_for_compute([[1e20, 2e20]], [1e9, 2e9, 3e9]), r"shape \(1, 2\)"),
    (lambda: compute.gpu_hours(1e20, 1e15, 40), "for 40% give 0.4"),
    (lambda: compute.transformer_params(12, 768, vocab_size=None, include_embeddings=True),
     "needs vocab_size"),
])
def test_bad_input(call, word):
    with pytest.raises(CourseValueError, match=word):
        call()


def test_broadcasting_still_works():
    np.testing.assert_allclose(compute.tokens_for_compute([6e20, 1.2e21], 1e9), [1e11, 2e11])
    np.testing.assert_allclose(compute.params_for_compute(6e20, [1e10, 1e11]), [1e10, 1e9])
    assert isinstance(compute.training_flops(1e9, 1e10), float)
