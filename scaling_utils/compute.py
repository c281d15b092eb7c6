"""Parameter and FLOP accounting for transformers, and units of compute.

The counts follow Kaplan et al. (2020), "Scaling Laws for Neural Language Models",
arXiv:2001.08361, §2.1 and Table 1: biases, layer norms and other sub-leading terms are left out.
Bad input raises :class:`~scaling_utils.CourseValueError` (a ``ValueError``).
"""

from __future__ import annotations

import numbers

from . import _validate
from ._validate import CourseValueError

__all__ = [
    "SECONDS_PER_DAY",
    "PETAFLOP",
    "PF_DAY",
    "transformer_params",
    "embedding_params",
    "forward_flops_per_token",
    "training_flops",
    "tokens_for_compute",
    "params_for_compute",
    "flops_to_pf_days",
    "pf_days_to_flops",
    "gpu_hours",
    "gpu_hours_to_flops",
    "gpu_hours_cost",
]

SECONDS_PER_DAY = 24 * 3600
PETAFLOP = 1e15
#: One petaflop/s sustained for a day: Kaplan et al.'s unit of compute (§2.1).
PF_DAY = PETAFLOP * SECONDS_PER_DAY


def transformer_params(n_layer, d_model, *, d_attn=None, d_ff=None, vocab_size=0, n_ctx=0,
                       include_embeddings=False) -> int:
    r"""Parameters of a decoder-only transformer (weights only; biases and layer norms left out).

    Each layer has the attention projections ``W_Q, W_K, W_V`` (``d_model × d_attn`` each) and
    ``W_O`` (``d_attn × d_model``), and a feed-forward block of two matrices
    (``d_model × d_ff`` and ``d_ff × d_model``). Summed over layers, the **non-embedding**
    parameter count is

    .. math:: N = 2\,d_{model}\,n_{layer}\,(2\,d_{attn} + d_{ff}) = 12\,n_{layer}\,d_{model}^2
              \quad (d_{attn} = d_{model},\ d_{ff} = 4\,d_{model}),

    Kaplan et al. (2020), Table 1. With ``include_embeddings=True`` the token and position
    embeddings (``(vocab_size + n_ctx)·d_model``) are added; Kaplan et al. leave them out because
    the trends across depths are then cleaner (§2.1, Figure 6).

    Parameters
    ----------
    n_layer, d_model : int
        Number of layers and width of the residual stream.
    d_attn, d_ff : int, optional
        Total width of the attention heads (default ``d_model``) and of the feed-forward layer
        (default ``4·d_model``).
    vocab_size, n_ctx : int, optional
        Vocabulary size and context length, needed only with ``include_embeddings``.
    include_embeddings : bool
        Add the embedding matrices (default False: Kaplan's non-embedding count).

    Returns
    -------
    int

    Raises
    ------
    CourseValueError
        When a size is not a whole number ≥ 1, or ``include_embeddings`` is set without
        ``vocab_size``.

    Examples
    --------
    >>> from scaling_utils import compute
    >>> compute.transformer_params(12, 768)                  # GPT-2 small, non-embedding
    84934656
    >>> compute.transformer_params(12, 768, vocab_size=50257, n_ctx=1024, include_embeddings=True)
    124318464

    Introduced in lesson 03.
    """
    layers = _validate.positive_int(n_layer, "n_layer")
    width = _validate.positive_int(d_model, "d_model")
    attn = width if d_attn is None else _validate.positive_int(d_attn, "d_attn")
    ff = 4 * width if d_ff is None else _validate.positive_int(d_ff, "d_ff")
    count = 2 * width * layers * (2 * attn + ff)
    if include_embeddings:
        if vocab_size is None or (isinstance(vocab_size, numbers.Real)
                                  and not isinstance(vocab_size, bool) and vocab_size == 0):
            raise CourseValueError("include_embeddings=True needs vocab_size (and n_ctx for "
                                   "learned position embeddings), e.g. vocab_size=50257, "
                                   "n_ctx=1024.")
        count += embedding_params(width, vocab_size, n_ctx)
    return count


def embedding_params(d_model, vocab_size, n_ctx=0) -> int:
    """Token embedding (``vocab_size × d_model``) plus learned positions (``n_ctx × d_model``).

    Kaplan et al. (2020), §2.1: ``n_vocab·d_model + n_ctx·d_model`` embedding parameters.

    Parameters
    ----------
    d_model, vocab_size : int
        Width and vocabulary size (≥ 1).
    n_ctx : int
        Context length for learned position embeddings (≥ 0; 0 for none).

    Returns
    -------
    int

    Raises
    ------
    CourseValueError
        When a size is not a whole number in its range.

    Examples
    --------
    >>> from scaling_utils import compute
    >>> compute.embedding_params(768, 50257, 1024)
    39383808

    Introduced in lesson 03.
    """
    width = _validate.positive_int(d_model, "d_model")
    vocab = _validate.positive_int(vocab_size, "vocab_size")
    ctx = _validate.positive_int(n_ctx, "n_ctx", minimum=0)
    return width * (vocab + ctx)


def forward_flops_per_token(n_params, n_layer, n_ctx, d_attn) -> float:
    r"""FLOPs of one forward pass per token: ``C_forward ≈ 2N + 2·n_layer·n_ctx·d_attn``.

    ``2N`` is one multiply and one add per weight; the second term is attention over the
    context (Kaplan et al. 2020, Table 1). For ``d_model > n_ctx/12`` the first term dominates.

    Parameters
    ----------
    n_params : float
        ``N``, non-embedding parameters (> 0).
    n_layer, n_ctx, d_attn : int
        Layers, context length and attention width (≥ 1).

    Returns
    -------
    float

    Raises
    ------
    CourseValueError
        When an argument is not positive (or not whole, for the sizes).

    Examples
    --------
    >>> from scaling_utils import compute
    >>> f"{compute.forward_flops_per_token(85e6, 12, 1024, 768):.4g}"
    '1.889e+08'

    Introduced in lesson 03.
    """
    n = _validate.positive_float(n_params, "n_params")
    layers = _validate.positive_int(n_layer, "n_layer")
    ctx = _validate.positive_int(n_ctx, "n_ctx")
    attn = _validate.positive_int(d_attn, "d_attn")
    return 2.0 * n + 2.0 * layers * ctx * attn


def training_flops(n_params, n_tokens):
    r"""Training compute ``C ≈ 6·N·D`` FLOPs.

    Per token the forward pass costs ``≈ 2N`` and the backward pass twice that, so ``6N`` per
    token and ``6ND`` for ``D`` tokens (Kaplan et al. 2020, §2.1; used as the compute constraint
    by Hoffmann et al. 2022, §3).

    Parameters
    ----------
    n_params, n_tokens : float or array
        ``N`` and ``D`` (> 0): single numbers, or arrays of the same length.

    Returns
    -------
    float, or an array when either argument is an array.

    Raises
    ------
    CourseValueError
        When a value is not positive, or arrays differ in length.

    Examples
    --------
    >>> from scaling_utils import compute
    >>> f"{compute.training_flops(70e9, 1.4e12):.3g}"       # Chinchilla
    '5.88e+23'
    >>> compute.training_flops([1e9, 2e9], 1e10)
    array([6.0e+19, 1.2e+20])

    Introduced in lesson 03.
    """
    n, d = _validate.positive_broadcast(n_params=n_params, n_tokens=n_tokens)
    return _validate.scalar_or_array(6.0 * n * d, n_params, n_tokens)


def tokens_for_compute(compute, n_params):
    """Tokens a model of ``n_params`` can be trained on with ``compute`` FLOPs: ``D = C/(6N)``.

    The inverse of :func:`training_flops` for ``D``.

    Parameters
    ----------
    compute : float or array
        ``C`` in FLOPs (> 0).
    n_params : float or array
        ``N`` (> 0); single numbers or arrays of the same length.

    Returns
    -------
    float, or an array.

    Raises
    ------
    CourseValueError
        When a value is not positive, or arrays differ in length.

    Examples
    --------
    >>> from scaling_utils import compute
    >>> f"{compute.tokens_for_compute(5.88e23, 70e9):.3g}"
    '1.4e+12'

    Introduced in lesson 03.
    """
    c, n = _validate.positive_broadcast(compute=compute, n_params=n_params)
    return _validate.scalar_or_array(c / (6.0 * n), compute, n_params)


def params_for_compute(compute, n_tokens):
    """Model size that ``compute`` FLOPs can train on ``n_tokens`` tokens: ``N = C/(6D)``.

    The inverse of :func:`training_flops` for ``N``.

    Parameters
    ----------
    compute : float or array
        ``C`` in FLOPs (> 0).
    n_tokens : float or array
        ``D`` (> 0); single numbers or arrays of the same length.

    Returns
    -------
    float, or an array.

    Raises
    ------
    CourseValueError
        When a value is not positive, or arrays differ in length.

    Examples
    --------
    >>> from scaling_utils import compute
    >>> f"{compute.params_for_compute(5.88e23, 1.4e12):.3g}"
    '7e+10'

    Introduced in lesson 03.
    """
    c, d = _validate.positive_broadcast(compute=compute, n_tokens=n_tokens)
    return _validate.scalar_or_array(c / (6.0 * d), compute, n_tokens)


def flops_to_pf_days(flops):
    """FLOPs in petaflop/s-days (1 PF-day = 10¹⁵ × 86,400 FLOPs ≈ 8.64·10¹⁹; Kaplan et al. §2.1).

    Parameters
    ----------
    flops : float or array
        Compute in FLOPs (> 0).

    Returns
    -------
    float, or an array.

    Raises
    ------
    CourseValueError
        When a value is not positive.

    Examples
    --------
    >>> from scaling_utils import compute
    >>> f"{compute.flops_to_pf_days(3.14e23):.4g}"          # GPT-3
    '3634'

    Introduced in lesson 03.
    """
    c = _validate.positive_array(flops, "flops")
    return _validate.scalar_or_array(c / PF_DAY, flops)


def pf_days_to_flops(pf_days):
    """Petaflop/s-days in FLOPs: ``pf_days × 8.64·10¹⁹``; the inverse of :func:`flops_to_pf_days`.

    Parameters
    ----------
    pf_days : float or array
        Compute in PF-days (> 0).

    Returns
    -------
    float, or an array.

    Raises
    ------
    CourseValueError
        When a value is not positive.

    Examples
    --------
    >>> from scaling_utils import compute
    >>> f"{compute.pf_days_to_flops(1.0):.3g}"
    '8.64e+19'

    Introduced in lesson 03.
    """
    c = _validate.positive_array(pf_days, "pf_days")
    return _validate.scalar_or_array(c * PF_DAY, pf_days)


def gpu_hours(flops, peak_flops_per_second, utilization=0.4):
    r"""Accelerator-hours to deliver ``flops`` at a fraction ``utilization`` of a chip's peak.

    ``hours = flops / (peak · utilization · 3600)``. Utilisation (the model FLOPs utilisation,
    MFU) of large training runs is typically well below 1; the default 0.4 is an assumption to
    change, not a measurement.

    Parameters
    ----------
    flops : float or array
        Compute in FLOPs (> 0).
    peak_flops_per_second : float
        The chip's peak throughput (> 0), e.g. ``references.A100_BF16_PEAK.value``.
    utilization : float
        A fraction in (0, 1]: 0.4 for 40 %.

    Returns
    -------
    float, or an array for an array ``flops``.

    Raises
    ------
    CourseValueError
        When a value is not positive, or ``utilization`` is not a fraction (40 is refused: for
        40 % give 0.4).

    Examples
    --------
    >>> from scaling_utils import compute
    >>> f"{compute.gpu_hours(3.14e23, 312e12, utilization=0.4):.3g}"   # GPT-3 on A100s
    '6.99e+05'

    Introduced in lesson 03.
    """
    c = _validate.positive_array(flops, "flops")
    peak = _validate.positive_float(peak_flops_per_second, "peak_flops_per_second")
    mfu = _validate.fraction(utilization, "utilization", open_high=False)
    return _validate.scalar_or_array(c / (peak * mfu * 3600.0), flops)


def gpu_hours_to_flops(gpu_hours, peak_flops_per_second, utilization=0.4):
    r"""The FLOPs that ``gpu_hours`` deliver at a fraction ``utilization`` of a chip's peak: the
    inverse of :func:`gpu_hours`.

    ``flops = hours · 3600 · peak · utilization``. A budget is often known in accelerator-hours
    (a cluster booked for a month); this turns it into the FLOPs a scaling law plans with. The
    utilisation (MFU) is an assumption: 0.4 is a common figure for large dense training runs,
    decoding at inference runs far lower.

    Parameters
    ----------
    gpu_hours : float or array
        Accelerator-hours (> 0).
    peak_flops_per_second : float
        The chip's peak throughput (> 0), e.g. ``references.A100_BF16_PEAK.value``.
    utilization : float
        A fraction in (0, 1]: 0.4 for 40 %.

    Returns
    -------
    float, or an array for an array ``gpu_hours``.

    Raises
    ------
    CourseValueError
        When a value is not positive, or ``utilization`` is not a fraction (40 is refused: for
        40 % give 0.4).

    Examples
    --------
    >>> from scaling_utils import compute, references
    >>> flops = compute.gpu_hours_to_flops(1e6, references.A100_BF16_PEAK.value, 0.4)
    >>> f"{flops:.3g}"                             # a million A100-hours at 40 % MFU
    '4.49e+23'
    >>> f"{compute.gpu_hours(flops, references.A100_BF16_PEAK.value, 0.4):.3g}"
    '1e+06'

    Introduced in lesson 10.
    """
    hours = _validate.positive_array(gpu_hours, "gpu_hours")
    peak = _validate.positive_float(peak_flops_per_second, "peak_flops_per_second")
    mfu = _validate.fraction(utilization, "utilization", open_high=False)
    return _validate.scalar_or_array(hours * 3600.0 * peak * mfu, gpu_hours)


def gpu_hours_cost(gpu_hours, dollars_per_gpu_hour):
    r"""What ``gpu_hours`` cost at a price per accelerator-hour: ``hours × price``.

    With :func:`gpu_hours` it prices a plan: ``gpu_hours_cost(gpu_hours(flops, peak, mfu),
    price)``. Prices are assumptions to change (cloud list prices differ by provider and
    commitment); Sardana et al.'s README uses $1.40 per A100-80GB hour for training
    (``references.SARDANA_2024_README.cost_train_price``).

    Parameters
    ----------
    gpu_hours : float or array
        Accelerator-hours (> 0).
    dollars_per_gpu_hour : float
        The price of one accelerator-hour (> 0).

    Returns
    -------
    float, or an array for an array ``gpu_hours``.

    Raises
    ------
    CourseValueError
        When a value is not a positive number.

    Examples
    --------
    >>> from scaling_utils import compute
    >>> f"${compute.gpu_hours_cost(7e5, 1.40):,.0f}"
    '$980,000'

    Introduced in lesson 10.
    """
    hours = _validate.positive_array(gpu_hours, "gpu_hours")
    price = _validate.positive_float(dollars_per_gpu_hour, "dollars_per_gpu_hour")
    return _validate.scalar_or_array(hours * price, gpu_hours)
