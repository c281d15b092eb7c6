"""Repeated sampling: the unbiased pass@k estimator and the coverage law ``c ≈ exp(a·k^b)``."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _validate
from .._validate import CourseValueError
from .._warnings import warn
from ._results import FitResult
from .power_law import _log_line

__all__ = ["pass_at_k", "CoverageFit", "fit_coverage", "MAX_PASS_AT_K_WORK"]

#: The most terms :func:`pass_at_k` sums in one call: (distinct values of k) × (largest n).
MAX_PASS_AT_K_WORK = 50_000_000


def _whole_numbers(values, name: str, minimum: int) -> np.ndarray:
    array = _validate.finite_array(values, name)
    if (array != np.round(array)).any():
        bad = array[array != np.round(array)].flat[0]
        raise CourseValueError(f"{name} must hold whole numbers (counts of attempts); found "
                               f"{bad:g}.")
    if (array < minimum).any():
        raise CourseValueError(f"{name} must be at least {minimum}; found "
                               f"{array[array < minimum].flat[0]:g}.")
    return array.astype(np.int64)


def pass_at_k(n, c, k):
    r"""The unbiased estimate of pass@k from ``c`` correct answers among ``n`` attempts.

    Chen et al. (2021), "Evaluating Large Language Models Trained on Code", arXiv:2107.03374,
    §2.1: draw ``n ≥ k`` samples per problem, count the ``c`` that pass, and estimate the chance
    that at least one of ``k`` samples passes as

    .. math:: \widehat{\text{pass@}k} = 1 - \frac{\binom{n-c}{k}}{\binom{n}{k}}
              = 1 - \prod_{i=n-c+1}^{n} \Bigl(1 - \frac{k}{i}\Bigr),

    the chance that ``k`` samples drawn without replacement from the ``n`` all miss; it is 1 when
    ``n − c < k``. Unbiased, unlike ``1 − (1 − c/n)^k``. The binomial coefficients of ``n =
    10,000`` overflow any float; the product does not. It is summed in logarithms,
    ``Σ log(1 − k/i)``, as a difference of running sums over ``i`` (one pass per distinct
    ``k``), which keeps about 10 significant digits for ``n`` up to 10⁶ and works on arrays of
    problems at once.

    Parameters
    ----------
    n : int or array_like
        Attempts per problem (≥ 1).
    c : int or array_like
        Correct attempts per problem (0 ≤ c ≤ n).
    k : int or array_like
        The budget of attempts to estimate for (1 ≤ k ≤ n). ``n``, ``c`` and ``k`` broadcast
        together: a column of problems against a row of ``k`` gives a table.

    Returns
    -------
    float, or an array of the broadcast shape.

    Raises
    ------
    CourseValueError
        When a count is not a whole number, ``k < 1``, ``c > n`` or ``k > n`` (the estimate needs
        at least ``k`` attempts), or the shapes do not broadcast.

    Examples
    --------
    >>> from scaling_utils import fitting
    >>> f"{fitting.pass_at_k(10, 3, 1):.4f}", f"{fitting.pass_at_k(10, 3, 5):.4f}"
    ('0.3000', '0.9167')
    >>> fitting.pass_at_k(10_000, [0, 1, 5000], 100).round(6)
    array([0.  , 0.01, 1.  ])

    Introduced in lesson 08.
    """
    n_a = _whole_numbers(n, "n", 1)
    c_a = _whole_numbers(c, "c", 0)
    k_a = _whole_numbers(k, "k", 1)
    n_b, c_b, k_b = _validate.broadcast_together(n=n_a, c=c_a, k=k_a)
    if (c_b > n_b).any():
        i = np.argmax(c_b > n_b)
        raise CourseValueError(f"c must be at most n (the correct attempts are some of the "
                               f"attempts); got c = {c_b.flat[i]} with n = {n_b.flat[i]}.")
    if (k_b > n_b).any():
        i = np.argmax(k_b > n_b)
        raise CourseValueError(f"k must be at most n: the unbiased estimate of pass@k needs at "
                               f"least k attempts per problem; got k = {k_b.flat[i]} with n = "
                               f"{n_b.flat[i]}. Draw more attempts or ask for a smaller k.")
    result = np.ones(n_b.shape)
    need = (n_b - c_b) >= k_b
    values = np.unique(k_b[need])
    if values.size:
        _validate.refuse_if_too_large(values.size * int(n_b[need].max()), MAX_PASS_AT_K_WORK,
                                      "pass_at_k's running sums", "Ask for fewer distinct values "
                                      "of k.", unit="terms")
    for kv in values:
        sel = need & (k_b == kv)
        top = int(n_b[sel].max())
        # running[m − kv] = Σ_{i=kv+1}^{m} log(1 − kv/i), defined for m ≥ kv
        running = np.concatenate([[0.0], np.cumsum(np.log1p(-kv / np.arange(kv + 1, top + 1)))])
        log_miss = running[n_b[sel] - kv] - running[n_b[sel] - c_b[sel] - kv]
        result[sel] = 0.0 - np.expm1(log_miss)      # 0.0 − x: never a negative zero
    return _validate.scalar_or_array(result, n, c, k)


@dataclass(frozen=True)
class CoverageFit(FitResult):
    r"""The result of :func:`fit_coverage`: ``coverage ≈ exp(a·k^b)`` and how well it is known.

    Fitted as the straight line ``ln(−ln c) = ln(−a) + b·ln k``, so the parameters estimated are
    ``(ln(−a), b)``, with the least-squares covariance ``s²(XᵀX)⁻¹`` (``s²`` on ``n − 2`` degrees
    of freedom). ``a`` (negative) gets the delta-method standard error ``|a|·se(ln(−a))`` and an
    exponentiated Student-t interval, which keeps its sign; ``b`` a Student-t interval.

    Attributes
    ----------
    a, b : float
        The fitted constants: ``a < 0`` and, when coverage rises with ``k``, ``b < 0``.
    covariance : numpy.ndarray
        Estimated covariance of ``(ln(−a), b)``.
    residual_std : float
        Standard deviation of the residuals of ``ln(−ln c)``.
    k, coverage : numpy.ndarray
        What was fitted.
    warnings : tuple of str
        Why the fit should not be trusted as it stands, if anything.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting
    >>> k = np.array([1, 3, 10, 30, 100, 300, 1000])
    >>> fit = fitting.fit_coverage(k, np.exp(-2.0 * k ** -0.4))
    >>> f"{fit.a:.3f}", f"{fit.b:.3f}", list(fit.params)
    ('-2.000', '-0.400', ['a', 'b'])

    Introduced in lesson 08.
    """

    a: float
    b: float
    covariance: np.ndarray = field(repr=False)
    residual_std: float
    k: np.ndarray = field(repr=False)
    coverage: np.ndarray = field(repr=False)
    warnings: tuple = ()

    @property
    def n_points(self) -> int:
        """How many points were fitted."""
        return int(self.k.size)

    def predict(self, k):
        """The fitted coverage ``exp(a·k^b)`` at ``k``.

        Parameters
        ----------
        k : float or array_like
            Numbers of attempts (> 0).

        Returns
        -------
        float, or an array like ``k``.

        Raises
        ------
        CourseValueError
            When ``k`` holds a value that is not a positive number.

        Examples
        --------
        >>> from scaling_utils import fitting
        >>> fit = fitting.fit_coverage([1, 10, 100, 1000], [0.2, 0.45, 0.7, 0.85])
        >>> f"{fit.predict(1e4):.3f}"
        '0.926'

        Introduced in lesson 08.
        """
        ks = _validate.positive_array(k, "k")
        return _validate.scalar_or_array(np.exp(self.a * ks**self.b), k)

    # --- the reporting interface (FitResult) ---------------------------------------------------

    def _estimates(self) -> dict:
        return {"a": self.a, "b": self.b}

    def _standard_errors(self) -> dict:
        se = np.sqrt(np.diagonal(self.covariance))
        return {"a": abs(self.a) * se[0], "b": se[1]}

    def _degrees_of_freedom(self) -> int:
        return self.n_points - 2

    def _intervals(self, level: float) -> dict:
        q = self._quantile(level)
        se = np.sqrt(np.diagonal(self.covariance))
        factor = float(np.exp(q * se[0]))
        return {"a": (self.a * factor, self.a / factor),
                "b": (self.b - q * se[1], self.b + q * se[1])}

    def _summary_title(self) -> str:
        return (f"fit_coverage: coverage = exp(a·k^b), a line in (ln k, ln(−ln c)); "
                f"{self.n_points} points, {self.n_points - 2} degrees of freedom")

    def __str__(self) -> str:
        low, high = self.conf_int(0.95)["b"]
        return (f"coverage = exp({self.a:.4g}·k^{self.b:.4g})   b 95% interval [{low:.4g}, "
                f"{high:.4g}], {self.n_points} points, scatter {self.residual_std:.2g}")


def fit_coverage(k, coverage) -> CoverageFit:
    r"""Fit Brown et al.'s coverage law ``coverage ≈ exp(a·k^b)`` to coverage measured at ``k``.

    Brown et al. (2024), "Large Language Monkeys: Scaling Inference Compute with Repeated
    Sampling", arXiv:2407.21787 (abstract and Section 3): coverage, the fraction of problems
    solved by at least one of ``k`` samples, is often log-linear in ``k`` and can be modelled by
    an exponentiated power law, ``log c ≈ a·k^b``. Since ``log c < 0`` and rises towards 0, ``a <
    0`` and ``b < 0``: ``−log c = (−a)·k^b`` is a falling power law, a straight line in
    ``(ln k, ln(−ln c))`` — the form Schaeffer et al. (2025), arXiv:2502.17578, write as
    ``−log pass@k ≈ A·k^{−b}``. The fit is least squares on that line (as
    :func:`fit_power_law` on ``−ln c``): the errors of a coverage near 1 are relative errors of
    ``−ln c ≈ 1 − c``, the gap that is left.

    Parameters
    ----------
    k : array_like
        Numbers of attempts (> 0), at least three distinct values.
    coverage : array_like
        The coverage at each ``k``, strictly between 0 and 1 (drop points where every problem was
        solved: ``ln(−ln 1)`` is −∞).

    Returns
    -------
    CoverageFit
        ``a``, ``b``, ``predict(k)`` and the reporting interface (``params``, ``stderr``,
        ``conf_int``, ``summary``).

    Warns
    -----
    FitWarning
        When the fitted ``b`` is 0 or more: coverage that does not rise with ``k`` is not this
        law.

    Raises
    ------
    CourseValueError
        When ``k`` and ``coverage`` are not flat lists of equal length, a coverage is not
        strictly between 0 and 1 (a percentage such as 45 is refused: give 0.45), or fewer than
        three distinct ``k`` are given.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import fitting
    >>> k = np.geomspace(1, 1e4, 9)
    >>> rng = np.random.default_rng(0)
    >>> c = np.exp(-1.5 * k ** -0.3 * np.exp(0.02 * rng.standard_normal(k.size)))
    >>> fit = fitting.fit_coverage(k, c)
    >>> f"a = {fit.a:.3f}, b = {fit.b:.3f}"
    'a = -1.504, b = -0.300'

    Introduced in lesson 08.
    """
    ks, cs = _validate.positive_arrays(k=k, coverage=coverage, minimum_length=3)
    if (cs >= 1).any():
        bad = float(cs[cs >= 1][0])
        hint = (f" It is a fraction: for {bad:g}% give {bad / 100:g}." if bad > 1 else
                " Leave out the points where every problem was solved.")
        raise CourseValueError(f"coverage must lie strictly between 0 and 1: ln(−ln c) is "
                               f"undefined at c = {bad:g}.{hint}")
    if np.unique(ks).size < 3:
        raise CourseValueError(f"k needs at least three different values to fit a line and "
                               f"see its scatter; got {np.unique(ks).size}.")
    log_neg_a, b, covariance, residuals = _log_line(np.log(ks), np.log(-np.log(cs)))
    notes = []
    if b >= 0:
        notes.append(f"fit_coverage: the fitted b = {b:.3g} is not negative, so this coverage "
                     f"does not rise with k and exp(a·k^b) does not describe it")
    for note in notes:
        warn(note + ".")
    dof = ks.size - 2
    scatter = float(np.sqrt(residuals @ residuals / dof))
    return CoverageFit(-float(np.exp(log_neg_a)), float(b), covariance, scatter, ks, cs,
                       tuple(notes))
