"""From a smoothly falling loss to the metrics a benchmark reports, and why some of them jump.

Schaeffer, Miranda & Koyejo (2023), "Are Emergent Abilities of Large Language Models a Mirage?",
arXiv:2304.15004, §2: let the per-token cross-entropy fall as a power law in the number of
parameters, ``L(N) = (N/c)^α`` with ``c > 0`` and ``α < 0`` (``laws.PowerLaw.from_critical_scale(c,
−α)`` is that law). The probability of the correct token is ``p = exp(−L)``; a metric that needs
all ``ℓ`` tokens of a target right (exact match) scores about ``p^ℓ`` and seems to leap from zero,
while a metric that counts the wrong tokens (token edit distance, about ``ℓ(1 − p)``) moves
smoothly on the same models. A second cause of apparent jumps is resolution: a benchmark of
``n`` items cannot tell an accuracy of 1/(10n) from zero (their §2 and Appendix A.1).

Every function here is a closed form of the loss except :func:`finite_test_accuracy`, a seeded
simulation of a finite test set. The module sits at layer 3, beside :mod:`scaling_utils.simulate`
and not inside it, because it is one concept of its own (how a metric transforms a loss) that
lesson 06 uses as a unit, most of it is not a simulation, and ``simulate`` already holds the
training experiments of lessons 01–05. Bad input raises :class:`~scaling_utils.CourseValueError`.
"""

from __future__ import annotations

import numpy as np

from . import _validate
from ._validate import CourseValueError

__all__ = [
    "MAX_SIMULATED_SCORES",
    "token_probability",
    "exact_match",
    "token_edit_distance",
    "multiple_choice_grade",
    "brier_score",
    "largest_decade_share",
    "emergence_score",
    "finite_test_accuracy",
]

#: Largest number of simulated benchmark scores :func:`finite_test_accuracy` draws in one call.
MAX_SIMULATED_SCORES = 1_000_000


def _losses(loss) -> np.ndarray:
    values = _validate.finite_array(loss, "loss")
    if (values < 0).any():
        raise CourseValueError(f"loss is a cross-entropy in nats, 0 or more; found "
                               f"{values[values < 0].flat[0]:g}.")
    return values


def _n_choices(n_choices) -> int:
    return _validate.positive_int(n_choices, "n_choices", minimum=2)


def token_probability(loss):
    r"""The probability a model gives the correct token, from its per-token cross-entropy.

    .. math:: p = e^{-\mathcal{L}}

    Schaeffer et al. (2023), arXiv:2304.15004, §2: with the observed token as a one-hot target,
    the cross-entropy is ``−log p̂(v*)``, so ``p = exp(−L)``; with ``L(N) = (N/c)^α`` this is
    ``exp(−(N/c)^α)`` (their Fig. 2B).

    Parameters
    ----------
    loss : float or array_like
        Per-token cross-entropy in nats (≥ 0).

    Returns
    -------
    float or numpy.ndarray
        ``p`` in (0, 1], the shape of ``loss``.

    Raises
    ------
    CourseValueError
        When a loss is negative, NaN or infinite, or not a number.

    Examples
    --------
    >>> from scaling_utils import emergence, laws
    >>> loss = laws.PowerLaw.from_critical_scale(1e9, 0.5)     # L(N) = (N/1e9)^-0.5
    >>> [f"{p:.3f}" for p in emergence.token_probability(loss([1e8, 1e9, 1e10, 1e11]))]
    ['0.042', '0.368', '0.729', '0.905']

    Introduced in lesson 06.
    """
    return _validate.scalar_or_array(np.exp(-_losses(loss)), loss)


def exact_match(loss, target_length):
    r"""Expected exact-match accuracy on targets of ``ℓ`` tokens: every token must be right.

    .. math:: \mathrm{Accuracy} \approx p^{\ell} = e^{-\ell\,\mathcal{L}}

    Schaeffer et al. (2023), arXiv:2304.15004, §2 (and Appendix A.3): if each token is right
    with probability ``p = exp(−L)``, independently, all ``ℓ`` are right with probability
    ``p^ℓ``. This nonlinear metric turns a smooth fall of ``L`` into what looks like a sudden
    ability (their Fig. 2C).

    Parameters
    ----------
    loss : float or array_like
        Per-token cross-entropy in nats (≥ 0).
    target_length : int
        ``ℓ``, tokens per target (≥ 1).

    Returns
    -------
    float or numpy.ndarray
        The expected accuracy in (0, 1], the shape of ``loss``.

    Raises
    ------
    CourseValueError
        When a loss is negative or not finite, or ``target_length`` is not a whole number ≥ 1.

    Examples
    --------
    >>> from scaling_utils import emergence
    >>> print(f"{emergence.exact_match(0.1, 10):.4f} = {emergence.token_probability(0.1) ** 10:.4f}")
    0.3679 = 0.3679

    Introduced in lesson 06.
    """
    length = _validate.positive_int(target_length, "target_length")
    return _validate.scalar_or_array(np.exp(-length * _losses(loss)), loss)


def token_edit_distance(loss, target_length):
    r"""Expected token edit distance to a target of ``ℓ`` tokens: the number of wrong tokens.

    .. math:: \mathrm{TokenEditDistance} \approx \ell\,(1 - p) = \ell\,(1 - e^{-\mathcal{L}})

    Schaeffer et al. (2023), arXiv:2304.15004, §2 (Appendix A.2 counts substitutions only: each
    of the ``ℓ`` tokens is wrong with probability ``1 − p``; additions and deletions would add
    to it). The metric is linear in the per-token error, so it moves as smoothly as the loss
    (their Fig. 2E). Lower is better.

    Parameters
    ----------
    loss : float or array_like
        Per-token cross-entropy in nats (≥ 0).
    target_length : int
        ``ℓ``, tokens per target (≥ 1).

    Returns
    -------
    float or numpy.ndarray
        The expected number of wrong tokens, in [0, ℓ), the shape of ``loss``.

    Raises
    ------
    CourseValueError
        When a loss is negative or not finite, or ``target_length`` is not a whole number ≥ 1.

    Examples
    --------
    >>> from scaling_utils import emergence
    >>> [f"{d:.2f}" for d in emergence.token_edit_distance([2.0, 1.0, 0.1], 10)]
    ['8.65', '6.32', '0.95']

    Introduced in lesson 06.
    """
    length = _validate.positive_int(target_length, "target_length")
    return _validate.scalar_or_array(length * -np.expm1(-_losses(loss)), loss)


def multiple_choice_grade(loss, n_choices):
    r"""Multiple Choice Grade: 1 when the correct option gets the most probability, else 0.

    .. math:: \mathrm{MCG} = \mathbb{1}\left[p > \tfrac{1 - p}{K - 1}\right]
              = \mathbb{1}\left[p > \tfrac{1}{K}\right], \qquad p = e^{-\mathcal{L}}

    Schaeffer et al. (2023), arXiv:2304.15004, §1 defines the grade (1 if the highest
    probability mass is on the correct option) and calls it discontinuous, "akin to a step
    function" (Fig. 2D). To make it a function of the loss alone, the course spreads the mass
    ``1 − p`` evenly over the ``K − 1`` wrong options (our assumption); the grade then steps from
    0 to 1 where ``p`` passes ``1/K``, that is where the loss falls below ``ln K``.

    Parameters
    ----------
    loss : float or array_like
        Negative log-probability of the correct option, in nats (≥ 0).
    n_choices : int
        ``K``, options per question (≥ 2).

    Returns
    -------
    float or numpy.ndarray
        0.0 or 1.0, the shape of ``loss``.

    Raises
    ------
    CourseValueError
        When a loss is negative or not finite, or ``n_choices`` is not a whole number ≥ 2.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import emergence
    >>> emergence.multiple_choice_grade([1.5, np.log(4) - 0.01, 1.0], 4).tolist()
    [0.0, 1.0, 1.0]

    Introduced in lesson 06.
    """
    k = _n_choices(n_choices)
    p = np.exp(-_losses(loss))
    return _validate.scalar_or_array((p > 1.0 / k).astype(float), loss)


def brier_score(loss, n_choices):
    r"""Brier score of a multiple-choice prediction: squared error of the predicted probabilities.

    .. math:: \mathrm{Brier} = (1 - p)^2 + (K - 1)\left(\tfrac{1 - p}{K - 1}\right)^2
              = \tfrac{K}{K - 1}\,(1 - p)^2, \qquad p = e^{-\mathcal{L}}

    Brier (1950); Schaeffer et al. (2023), arXiv:2304.15004, §4 and Fig. 2F: a continuous
    metric (a strictly proper scoring rule) under which the step of
    :func:`multiple_choice_grade` becomes a smooth improvement. As there, the mass ``1 − p`` is
    spread evenly over the ``K − 1`` wrong options (our assumption). Lower is better.

    Parameters
    ----------
    loss : float or array_like
        Negative log-probability of the correct option, in nats (≥ 0).
    n_choices : int
        ``K``, options per question (≥ 2).

    Returns
    -------
    float or numpy.ndarray
        The score in [0, K/(K − 1)), the shape of ``loss``.

    Raises
    ------
    CourseValueError
        When a loss is negative or not finite, or ``n_choices`` is not a whole number ≥ 2.

    Examples
    --------
    >>> from scaling_utils import emergence
    >>> [f"{b:.3f}" for b in emergence.brier_score([2.0, 1.0, 0.1], 4)]
    ['0.997', '0.533', '0.012']

    Introduced in lesson 06.
    """
    k = _n_choices(n_choices)
    miss = -np.expm1(-_losses(loss))
    return _validate.scalar_or_array(k / (k - 1.0) * miss**2, loss)


def _curve(n_params, values) -> tuple:
    n, v = _validate.positive_arrays(positive=False, minimum_length=2, n_params=n_params,
                                     values=values)
    _validate.positive_array(n, "n_params")
    order = np.argsort(n, kind="stable")
    return n[order], v[order]


def largest_decade_share(n_params, values) -> float:
    r"""The largest share of a metric's whole change that happens within one decade of size.

    .. math:: \max_{t}\ \frac{|y(10\,t) - y(t)|}{\max_i y_i - \min_i y_i}

    over every ``t`` from the smallest size to a tenth of the largest, with ``y`` interpolated
    linearly in ``log10 N`` between the measured sizes. A metric that changes at a steady pace
    over ``k`` decades scores about ``1/k``; one that sits still and then leaps scores close to
    1. A course measure of the "sharpness" of Schaeffer et al. (2023), arXiv:2304.15004, §1 (see
    :func:`emergence_score` for the published one); a constant metric scores 0.

    Parameters
    ----------
    n_params : array_like
        Model sizes (> 0, at least 2, spanning at least one decade), in any order.
    values : array_like
        The metric at each size (finite), the same length.

    Returns
    -------
    float
        In [0, 1].

    Raises
    ------
    CourseValueError
        When the arrays differ in length, hold fewer than 2 values or bad numbers, or the sizes
        span less than a decade.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import emergence
    >>> sizes = np.geomspace(1e8, 1e12, 41)
    >>> print(f"{emergence.largest_decade_share(sizes, np.log10(sizes)):.2f}")   # steady: 1/4
    0.25
    >>> print(f"{emergence.largest_decade_share(sizes, (sizes > 3e11) * 1.0):.2f}")  # a step
    1.00

    Introduced in lesson 06.
    """
    n, v = _curve(n_params, values)
    x = np.log10(n)
    if x[-1] - x[0] < 1.0 - 1e-12:
        raise CourseValueError(f"n_params must span at least one decade to find the largest "
                               f"change within one; they go from {n[0]:.3g} to {n[-1]:.3g}.")
    spread = float(v.max() - v.min())
    if spread == 0.0:
        return 0.0
    starts = np.linspace(x[0], max(x[-1] - 1.0, x[0]), 1001)
    starts = np.union1d(starts, x[x <= x[-1] - 1.0])
    change = np.abs(np.interp(starts + 1.0, x, v) - np.interp(starts, x, v))
    return float(min(change.max() / spread, 1.0))


def emergence_score(n_params, values) -> float:
    r"""The emergence score of BIG-bench, as Schaeffer et al. (2023) use it (their Eq. 1).

    .. math:: \frac{\mathrm{sign}(\arg\max_i y_i - \arg\min_i y_i)\,(\max_i y_i - \min_i y_i)}
              {\sqrt{\mathrm{Median}\left(\{(y_i - y_{i-1})^2\}_i\right)}}

    with the ``y_i`` sorted by model size. Srivastava et al. (2022), arXiv:2206.04615, define it;
    Schaeffer et al. (2023), arXiv:2304.15004, §4, use it to flag possible emergent abilities. A
    metric that stays flat between most sizes and moves between a few has a small median step
    and a large score; the score is infinite when most steps are exactly zero (as a finite test
    set's zeros make them), and 0 for a constant metric. It depends on how densely the sizes are
    sampled: compare scores on the same sizes only.

    Parameters
    ----------
    n_params : array_like
        Model sizes (> 0, at least 2), in any order.
    values : array_like
        The metric at each size (finite), the same length.

    Returns
    -------
    float
        Positive when the metric rises with size, negative when it falls; may be ±inf.

    Raises
    ------
    CourseValueError
        When the arrays differ in length, hold fewer than 2 values or bad numbers.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import emergence
    >>> sizes = np.geomspace(1e8, 1e12, 9)
    >>> print(f"{emergence.emergence_score(sizes, np.log10(sizes)):.1f}")   # 8 equal steps
    8.0

    Introduced in lesson 06.
    """
    _, v = _curve(n_params, values)
    spread = float(v.max() - v.min())
    if spread == 0.0:
        return 0.0
    sign = float(np.sign(int(np.argmax(v)) - int(np.argmin(v))))
    typical = float(np.sqrt(np.median(np.diff(v) ** 2)))
    if typical == 0.0:
        return sign * float("inf")
    return sign * spread / typical


def finite_test_accuracy(accuracy, n_items, *, n_repeats=1, seed=0) -> np.ndarray:
    r"""Accuracy as a benchmark of ``n`` items measures it: a count of right answers over ``n``.

    Each of the ``n`` items is answered right with probability ``a`` (the model's true accuracy,
    e.g. :func:`exact_match`), independently, so the number right is Binomial(``n``, ``a``) and
    the measured accuracy is that count over ``n``: unbiased (its mean is ``a``), but it can only
    take the values ``0, 1/n, 2/n, …`` and it reads exactly 0 with probability ``(1 − a)^n``.
    A small model whose true accuracy is far below ``1/n`` therefore looks wholly unable, the
    second cause of apparent emergence in Schaeffer et al. (2023), arXiv:2304.15004, §2
    ("insufficient resolution ... set by 1/test dataset size") and Appendix A.1; their Fig. 4
    shows that more test items reveal the small models' above-zero accuracy.

    Parameters
    ----------
    accuracy : float or array_like
        True accuracies in [0, 1], e.g. one per model size.
    n_items : int
        Test items per benchmark (≥ 1).
    n_repeats : int
        Independent test sets to draw (≥ 1; default 1).
    seed : int
        Seed of the random numbers (≥ 0); the same seed gives the same scores.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_repeats,) + shape of accuracy``: measured accuracies, multiples of ``1/n``.

    Raises
    ------
    CourseValueError
        When an accuracy is outside [0, 1] or not finite, a count is not a whole number ≥ 1,
        the seed is negative, or more than :data:`MAX_SIMULATED_SCORES` scores are asked for.

    Examples
    --------
    >>> from scaling_utils import emergence
    >>> true = emergence.exact_match([1.0, 0.5, 0.2, 0.05], 10)
    >>> [f"{a:.2g}" for a in true]
    ['4.5e-05', '0.0067', '0.14', '0.61']
    >>> emergence.finite_test_accuracy(true, 100, seed=0)[0].tolist()
    [0.0, 0.0, 0.08, 0.67]

    Introduced in lesson 06.
    """
    acc = _validate.finite_array(accuracy, "accuracy")
    if ((acc < 0) | (acc > 1)).any():
        bad = acc[(acc < 0) | (acc > 1)].flat[0]
        hint = f" {_validate._percent_hint(bad)}" if bad > 1 else ""
        raise CourseValueError(f"accuracy must lie in [0, 1]; found {bad:g}.{hint}")
    n = _validate.positive_int(n_items, "n_items")
    repeats = _validate.positive_int(n_repeats, "n_repeats")
    rng = np.random.default_rng(_validate.seed_value(seed))
    _validate.refuse_if_too_large(repeats * acc.size, MAX_SIMULATED_SCORES,
                                  f"{repeats:,} repeats of {acc.size:,} accuracies",
                                  "Use fewer repeats: a few hundred show the spread.",
                                  unit="scores")
    counts = rng.binomial(n, np.broadcast_to(acc, (repeats,) + acc.shape))
    return counts / n
