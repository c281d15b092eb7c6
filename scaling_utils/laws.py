"""Functional forms of scaling laws, from the classical OLS error to transformer laws.

Every function or object here is a closed form: no randomness, no fitting. The simulations that
check these formulas live in :mod:`scaling_utils.simulate`; the published constants that go into
them live in :mod:`scaling_utils.references`. Bad input raises
:class:`~scaling_utils.CourseValueError` (a ``ValueError``) with a sentence that says what to give.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate
from ._validate import CourseValueError

__all__ = [
    "PowerLaw",
    "LearningCurve",
    "KaplanLaw",
    "ChinchillaLaw",
    "require_chinchilla_law",
    "ols_expected_error",
    "ols_excess_ratio",
    "ols_samples_needed",
    "min_norm_expected_error",
    "BrokenPowerLaw",
    "AlabdulmohsinLaw",
    "SigmoidAccuracy",
    "RoutedLaw",
    "SparseLaw",
    "ShapeLaw",
    "DataConstrainedLaw",
    "CompressibilityLaw",
    "MixingLaw",
]

# exp(x) overflows a float64 above this.
_LARGEST_LOG = float(np.log(np.finfo(float).max))


def _paired_arrays(first, second, first_name, second_name, *, integer=False,
                   second_may_be_inf=False):
    """Validate two positive array-likes and broadcast them together, or say why they cannot."""
    a = _validate.positive_array(first, first_name, integer=integer)
    if second_may_be_inf and np.ndim(second) == 0 and not isinstance(second, (str, bool)) \
            and second is not None and np.isposinf(_as_float_or_nan(second)):
        b = np.asarray(float(second))
    else:
        b = _validate.positive_array(second, second_name, integer=integer)
    return _validate.broadcast_together(**{first_name: a, second_name: b})


def _as_float_or_nan(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _feature_sample_arrays(n_features, n_samples):
    return _paired_arrays(n_features, n_samples, "n_features", "n_samples", integer=True)


def _needs_two_arguments(law_name: str, n_tokens) -> None:
    if n_tokens is None:
        raise CourseValueError(
            f"{law_name} is a law of two variables: call it as law(n_params, n_tokens); got "
            f"n_params only. Give the number of training tokens as well (e.g. law(1e9, 2e10)).")


def require_chinchilla_law(law, name: str = "law") -> None:
    """Refuse anything but a :class:`ChinchillaLaw`, with a sentence that says what to pass.

    Functions whose closed forms hold only for Chinchilla's form (``allocation``, ``simulate``)
    call it on their ``law`` argument.

    Parameters
    ----------
    law : object
        What the caller was given.
    name : str, default "law"
        The argument's name, for the message.

    Returns
    -------
    None

    Raises
    ------
    CourseValueError
        When ``law`` is not a ChinchillaLaw (the message points to
        ``allocation.optimal_on_compute_line`` for other callable laws).

    Examples
    --------
    >>> from scaling_utils import laws, references
    >>> laws.require_chinchilla_law(references.HOFFMANN_2022)
    >>> laws.require_chinchilla_law(laws.PowerLaw(1.0, -0.5))
    Traceback (most recent call last):
    ...
    scaling_utils._validate.CourseValueError: law must be a laws.ChinchillaLaw, ...

    Introduced in lesson 04.
    """
    if not isinstance(law, ChinchillaLaw):
        hint = (" Its closed-form optimum holds only for Chinchilla's form; for other laws use "
                "allocation.optimal_on_compute_line." if callable(law) else "")
        raise CourseValueError(
            f"{name} must be a laws.ChinchillaLaw, such as references.HOFFMANN_2022; got "
            f"{_validate._describe(law)}.{hint}")


def ols_expected_error(n_features, n_samples, noise_std=1.0):
    r"""Expected test error of ordinary least squares with Gaussian features.

    Model: ``y = x·θ + ε`` with ``x ~ N(0, I_N)`` and ``ε ~ N(0, σ²)``; OLS is fitted on ``D``
    samples and scored on a fresh one. Averaged over training sets and test points,

    .. math:: E[(y - \hat y)^2] = \sigma^2 \left(1 + \frac{N}{D - N - 1}\right),\qquad D \ge N + 2.

    Derivation: ``θ̂ − θ = (XᵀX)⁻¹Xᵀε``, so the excess error is ``σ² tr E[(XᵀX)⁻¹]``; ``XᵀX`` is
    Wishart with ``D`` degrees of freedom and ``E[(XᵀX)⁻¹] = I/(D − N − 1)`` (the mean of an
    inverse-Wishart matrix; e.g. Anderson, *An Introduction to Multivariate Statistical
    Analysis*, 3rd ed., Lemma 7.7.1). The error does not depend on θ.

    Parameters
    ----------
    n_features : int or array of int
        ``N``, the number of covariates (features), at least 1.
    n_samples : int or array of int
        ``D``, the number of training points; must be at least ``N + 2``.
    noise_std : float
        ``σ``, the standard deviation of the label noise (> 0).

    Returns
    -------
    float, or an array when ``n_features`` or ``n_samples`` is an array.

    Raises
    ------
    CourseValueError
        When an argument is not a positive (whole) number, when arrays differ in length, or when
        ``n_samples < n_features + 2`` (the message says why the formula fails there).

    Examples
    --------
    >>> from scaling_utils import laws
    >>> f"{laws.ols_expected_error(20, 50, noise_std=0.5):.4f}"   # 0.25 · (1 + 20/29)
    '0.4224'
    >>> laws.ols_expected_error(10, [30, 111]).round(3)
    array([1.526, 1.1  ])

    Introduced in lesson 01.
    """
    sigma = _validate.positive_float(noise_std, "noise_std")
    features, samples = _feature_sample_arrays(n_features, n_samples)
    too_few = samples <= features + 1
    if too_few.any():
        n, d = int(features[too_few].flat[0]), int(samples[too_few].flat[0])
        if d in (n, n + 1):
            why = (
                f"with D = {d} samples the OLS estimate exists, but its error has an infinite "
                f"average (the inverse-Wishart mean diverges for D ≤ N + 1)"
            )
        else:
            why = (
                "with fewer samples than features (D < N) XᵀX is singular and OLS has no unique "
                "solution; min_norm_expected_error covers the minimum-norm solution there"
            )
        raise CourseValueError(
            f"The OLS formula needs n_samples ≥ n_features + 2; got n_features={n}, "
            f"n_samples={d}: {why}. Use at least {n + 2} samples."
        )
    result = sigma**2 * (1.0 + features / (samples - features - 1.0))
    return _validate.scalar_or_array(result, n_features, n_samples)


def ols_excess_ratio(n_features, n_samples):
    r"""The excess error of OLS relative to the noise floor, ``ρ = E/σ² − 1 = N/(D − N − 1)``.

    ``ρ`` is what the data buy: ``ρ = 0.1`` means the test error is 10 % above the irreducible
    ``σ²``. It follows from :func:`ols_expected_error` (same model, same derivation) and does not
    depend on ``σ``.

    Parameters
    ----------
    n_features, n_samples : int or array of int
        ``N`` (at least 1) and ``D`` (at least ``N + 2``).

    Returns
    -------
    float, or an array when either argument is an array.

    Raises
    ------
    CourseValueError
        As :func:`ols_expected_error`.

    Examples
    --------
    >>> from scaling_utils import laws
    >>> f"{laws.ols_excess_ratio(100, 1101):.3f}"   # 100/1000
    '0.100'

    Introduced in lesson 01.
    """
    return ols_expected_error(n_features, n_samples, 1.0) - 1.0


def ols_samples_needed(n_features, excess_ratio) -> int:
    r"""Smallest number of samples ``D`` for which OLS's excess error is at most ``ρ``.

    Solving ``N/(D − N − 1) ≤ ρ`` (see :func:`ols_excess_ratio`) for ``D`` gives

    .. math:: D \ge N\left(1 + \frac{1}{\rho}\right) + 1,

    which for large ``N`` is the linear rule ``D ≈ N(1 + 1/ρ)``: the data must grow in proportion
    to the features to hold the excess error fixed. Returned as the smallest whole number.

    Parameters
    ----------
    n_features : int
        ``N`` (at least 1).
    excess_ratio : float
        ``ρ = E/σ² − 1``, the excess error you accept (> 0; ``ρ = 0.1`` for 10 %).

    Returns
    -------
    int

    Raises
    ------
    CourseValueError
        When ``n_features`` is not a whole number ≥ 1, ``excess_ratio`` is not > 0, or the answer
        is too large to count.

    Examples
    --------
    >>> from scaling_utils import laws
    >>> laws.ols_samples_needed(100, 0.05)   # 100 · 21 + 1
    2101

    Introduced in lesson 01.
    """
    n = _validate.positive_int(n_features, "n_features")
    rho = _validate.positive_float(excess_ratio, "excess_ratio")
    bound = n * (1.0 + 1.0 / rho) + 1.0
    if not np.isfinite(bound):
        raise CourseValueError(f"excess_ratio = {rho:g} is so small that the number of samples "
                               f"needed is beyond any count; give a larger excess_ratio.")
    # Guard against the bound landing a rounding error above a whole number (e.g. 1100.0000001).
    return int(np.ceil(bound - 1e-9 * bound))


def min_norm_expected_error(n_features, n_samples, noise_std=1.0, signal_norm=1.0):
    r"""Expected test error of the minimum-norm least-squares fit, on both sides of ``D = N``.

    Same model as :func:`ols_expected_error`, with a target of norm ``‖θ‖``. The estimate is
    ``θ̂ = X⁺y`` (the pseudo-inverse), which is OLS when ``D > N`` and the interpolating solution
    of smallest norm when ``D < N``. Belkin, Hsu & Xu (2020), "Two models of double descent for
    weak features", SIAM J. Math. Data Sci. 2(4), Theorem 1, give

    .. math::
        E = \begin{cases}
            \sigma^2 \left(1 + \frac{N}{D - N - 1}\right) & D \ge N + 2 \\
            \|\theta\|^2 \left(1 - \frac{D}{N}\right) + \sigma^2 \left(1 + \frac{D}{N - D - 1}\right)
                & D \le N - 2
        \end{cases}

    and the average is infinite for ``|D − N| ≤ 1``, the peak of the *double descent* curve; there
    the function returns ``inf``.

    Parameters
    ----------
    n_features, n_samples : int or array of int
        ``N`` and ``D`` (at least 1 each).
    noise_std : float
        ``σ`` (> 0).
    signal_norm : float
        ``‖θ‖`` (≥ 0): how much signal there is to miss when ``D < N``.

    Returns
    -------
    float, or an array when either count is an array (``inf`` where ``|D − N| ≤ 1``).

    Raises
    ------
    CourseValueError
        When a count is not a positive whole number, arrays differ in length, ``noise_std`` is
        not > 0 or ``signal_norm`` is negative.

    Examples
    --------
    >>> from scaling_utils import laws
    >>> laws.min_norm_expected_error(50, [20, 50, 80], noise_std=0.5).round(3)
    array([1.022,   inf, 0.681])

    Introduced in lesson 01.
    """
    sigma = _validate.positive_float(noise_std, "noise_std")
    norm = _validate.nonnegative_float(signal_norm, "signal_norm")
    features, samples = _feature_sample_arrays(n_features, n_samples)
    result = np.full(features.shape, np.inf)
    under = samples >= features + 2
    over = samples <= features - 2
    result[under] = sigma**2 * (1.0 + features[under] / (samples[under] - features[under] - 1.0))
    d, n = samples[over], features[over]
    result[over] = norm**2 * (1.0 - d / n) + sigma**2 * (1.0 + d / (n - d - 1.0))
    return _validate.scalar_or_array(result, n_features, n_samples)


@dataclass(frozen=True)
class PowerLaw:
    r"""A power law with an optional irreducible floor: ``y = floor + coefficient · x^exponent``.

    With ``floor = 0`` this is the pure power law ``y = a·x^k``, a straight line of slope ``k`` on
    log-log axes: multiplying ``x`` by 10 multiplies ``y`` by ``10^k`` at every scale (scale
    invariance). With ``floor > 0`` only the *reducible* part ``y − floor`` is a power law, and the
    curve flattens towards the floor. Hestness et al. (2017), "Deep Learning Scaling is
    Predictable, Empirically", arXiv:1712.00409, §2, use this form for learning curves.

    Instances are immutable and callable on numbers or arrays.

    Parameters
    ----------
    coefficient : float
        ``a`` (> 0).
    exponent : float
        ``k``, any sign (negative for an error that falls with ``x``).
    floor : float
        The irreducible part (≥ 0; default 0).

    Raises
    ------
    CourseValueError
        When a parameter is not a finite number in its range; calling the law with ``x ≤ 0``.

    Examples
    --------
    >>> from scaling_utils import laws
    >>> law = laws.PowerLaw(3.0, -0.5)
    >>> f"{law(100):.4g}"
    '0.3'
    >>> print(law)
    y = 3·x^-0.5

    Introduced in lesson 00.
    """

    coefficient: float
    exponent: float
    floor: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "coefficient", _validate.positive_float(self.coefficient,
                                                                         "coefficient"))
        object.__setattr__(self, "exponent", _validate.real(self.exponent, "exponent"))
        object.__setattr__(self, "floor", _validate.nonnegative_float(self.floor, "floor"))

    @classmethod
    def from_critical_scale(cls, scale, alpha) -> "PowerLaw":
        r"""The law ``y = (x_c / x)^α`` written as Kaplan et al. (2020) write theirs (Eq. 1.1–1.3).

        ``x_c`` (``scale``) is where the law reaches 1; as a :class:`PowerLaw` it has coefficient
        ``x_c^α`` and exponent ``−α``.

        Parameters
        ----------
        scale : float
            ``x_c`` (> 0).
        alpha : float
            ``α`` (> 0).

        Returns
        -------
        PowerLaw

        Raises
        ------
        CourseValueError
            When ``scale`` or ``alpha`` is not a positive finite number.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> law = laws.PowerLaw.from_critical_scale(8.8e13, 0.076)   # Kaplan's L(N), Eq. 1.1
        >>> f"{law(8.8e13):.4g}", f"{law(1e9):.4g}"
        ('1', '2.376')

        Introduced in lesson 03.
        """
        x_c = _validate.positive_float(scale, "scale")
        a = _validate.positive_float(alpha, "alpha")
        return cls(x_c**a, -a)

    @property
    def critical_scale(self) -> float:
        """``x_c`` such that ``y = (x_c / x)^α`` (only for a law without a floor).

        Raises
        ------
        CourseValueError
            When the law has a floor or a zero exponent (no such ``x_c``).

        Examples
        --------
        >>> from scaling_utils import laws
        >>> f"{laws.PowerLaw.from_critical_scale(5.4e13, 0.095).critical_scale:.3g}"
        '5.4e+13'

        Introduced in lesson 03.
        """
        if self.floor:
            raise CourseValueError("critical_scale is defined only for a law without a floor; "
                                   f"this one has floor {self.floor:g}.")
        if self.exponent == 0:
            raise CourseValueError("critical_scale is not defined for exponent 0: the law is flat "
                                   "and never crosses 1 unless it is 1 everywhere.")
        return float(self.coefficient ** (-1.0 / self.exponent))

    def __call__(self, x):
        values = _validate.positive_array(x, "x")
        result = self.floor + self.coefficient * values**self.exponent
        return _validate.scalar_or_array(result, x)

    def reducible(self, x):
        """The part above the floor, ``coefficient · x^exponent``.

        Parameters
        ----------
        x : float or array
            Where to evaluate (> 0).

        Returns
        -------
        float, or an array for an array ``x``.

        Raises
        ------
        CourseValueError
            When an ``x`` is not a positive finite number.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> f"{laws.PowerLaw(2.0, -1.0, floor=1.5).reducible(4.0):.4g}"
        '0.5'

        Introduced in lesson 00.
        """
        return self(x) - self.floor

    @property
    def factor_per_decade(self) -> float:
        """How much the reducible part is multiplied by when ``x`` grows tenfold: ``10^k``.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> f"{laws.PowerLaw(1.0, -0.5).factor_per_decade:.4f}"
        '0.3162'

        Introduced in lesson 00.
        """
        return float(10.0**self.exponent)

    def solve(self, y):
        """The ``x`` at which the law reaches ``y``: ``x = ((y − floor)/coefficient)^(1/exponent)``.

        Parameters
        ----------
        y : float or array
            Target values, strictly above the floor.

        Returns
        -------
        float, or an array for an array ``y``.

        Raises
        ------
        CourseValueError
            When the law is flat (exponent 0) or a ``y`` is not above the floor.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> f"{laws.PowerLaw(1.0, -0.128).solve(0.5):.4g}"   # data that halves the error
        '224.8'

        Introduced in lesson 02.
        """
        target = _validate.positive_array(y, "y")
        if self.exponent == 0:
            raise CourseValueError("A law with exponent 0 is flat: every x gives the same y.")
        if (target <= self.floor).any():
            raise CourseValueError(
                f"y must lie above the floor {self.floor:g}: a law with a floor never reaches "
                f"it. Got y = {target[target <= self.floor].flat[0]:g}."
            )
        result = ((target - self.floor) / self.coefficient) ** (1.0 / self.exponent)
        return _validate.scalar_or_array(result, y)

    def __str__(self) -> str:
        floor = f"{self.floor:.4g} + " if self.floor else ""
        return f"y = {floor}{self.coefficient:.4g}·x^{self.exponent:.4g}"


@dataclass(frozen=True)
class LearningCurve:
    r"""Generalisation error against training-set size in three regions, as Hestness et al. sketch it.

    Hestness et al. (2017), arXiv:1712.00409, sketch a learning curve as three regions (a sketch
    in their discussion, not a measurement; their Figure 1 shows machine-translation results): a
    **small-data region** where the model does no better than a best guess, a **power-law
    region** where error falls as ``a·D^k``, and an **irreducible-error region** where it levels
    off at a floor. The sketch is their hypothesis: they say the irreducible region was not
    reached on their real-world tasks. This form joins the three smoothly:

    .. math:: \varepsilon(D) = E + \Bigl[(g - E)^{-s} + (a D^{k})^{-s}\Bigr]^{-1/s},

    with best-guess error ``g``, floor ``E``, coefficient ``a``, exponent ``k < 0`` and a
    sharpness ``s`` for the bend out of the small-data region. For small ``D`` the bracket is
    ``≈ g − E`` (error ``≈ g``); in the middle it is ``≈ a·D^k``; for large ``D`` the error tends
    to ``E``. The form is the course's, chosen to have those three limits.

    Parameters
    ----------
    best_guess : float
        ``g``, the error of a best guess (> 0).
    coefficient : float
        ``a`` (> 0).
    exponent : float
        ``k`` (< 0).
    floor : float
        ``E``, the irreducible error (≥ 0, below ``best_guess``; default 0).
    sharpness : float
        ``s`` (> 0; default 2).

    Raises
    ------
    CourseValueError
        When a parameter is out of its range; calling the curve with ``D ≤ 0``.

    Examples
    --------
    >>> from scaling_utils import laws
    >>> curve = laws.LearningCurve(best_guess=0.9, coefficient=20.0, exponent=-0.4, floor=0.05)
    >>> [f"{curve(d):.3f}" for d in (1, 1e6, 1e15)]
    ['0.899', '0.129', '0.050']

    Introduced in lesson 02.
    """

    best_guess: float
    coefficient: float
    exponent: float
    floor: float = 0.0
    sharpness: float = 2.0

    def __post_init__(self):
        for name in ("best_guess", "coefficient", "sharpness"):
            object.__setattr__(self, name, _validate.positive_float(getattr(self, name), name))
        object.__setattr__(self, "exponent", _validate.real(self.exponent, "exponent"))
        object.__setattr__(self, "floor", _validate.nonnegative_float(self.floor, "floor"))
        if self.exponent >= 0:
            raise CourseValueError(f"exponent must be negative (error falls with data); got "
                                   f"{self.exponent:g}.")
        if self.floor >= self.best_guess:
            raise CourseValueError(f"floor ({self.floor:g}) must lie below best_guess "
                                   f"({self.best_guess:g}).")

    @property
    def power_law(self) -> PowerLaw:
        """The law of the power-law region, ``E + a·D^k``.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> print(laws.LearningCurve(0.9, 20.0, -0.4, floor=0.05).power_law)
        y = 0.05 + 20·x^-0.4

        Introduced in lesson 02.
        """
        return PowerLaw(self.coefficient, self.exponent, self.floor)

    @property
    def small_data_limit(self) -> float:
        """The ``D`` where ``a·D^k`` equals ``g − E``: roughly where the small-data region ends.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> f"{laws.LearningCurve(0.9, 20.0, -0.4, floor=0.05).small_data_limit:.4g}"
        '2686'

        Introduced in lesson 02.
        """
        return float(((self.best_guess - self.floor) / self.coefficient) ** (1.0 / self.exponent))

    @property
    def irreducible_onset(self) -> float:
        """The ``D`` where the reducible part ``a·D^k`` has shrunk to the floor ``E`` (inf if E = 0).

        Examples
        --------
        >>> from scaling_utils import laws
        >>> f"{laws.LearningCurve(0.9, 20.0, -0.4, floor=0.05).irreducible_onset:.3g}"
        '3.2e+06'

        Introduced in lesson 02.
        """
        if self.floor == 0:
            return float("inf")
        return float((self.floor / self.coefficient) ** (1.0 / self.exponent))

    def __call__(self, n_samples):
        d = _validate.positive_array(n_samples, "n_samples")
        s = self.sharpness
        reducible = self.coefficient * d**self.exponent
        bracket = ((self.best_guess - self.floor) ** -s + reducible**-s) ** (-1.0 / s)
        return _validate.scalar_or_array(self.floor + bracket, n_samples)


@dataclass(frozen=True)
class KaplanLaw:
    r"""Kaplan et al.'s joint law of model size and data, Eq. 1.5 (= Eq. 4.1) of arXiv:2001.08361:

    .. math:: L(N, D) = \left[\left(\frac{N_c}{N}\right)^{\alpha_N/\alpha_D} + \frac{D_c}{D}\right]^{\alpha_D}

    ``N`` counts non-embedding parameters, ``D`` tokens, ``L`` is the test loss in nats per token.
    With unlimited data (``D → ∞``) it reduces to ``L(N) = (N_c/N)^α_N``; with an unlimited
    model (``N → ∞``) to ``L(D) = (D_c/D)^α_D``. Note that Kaplan et al. fit this joint form
    separately (Table 2), so its constants differ from those of their single-variable laws
    (Eq. 1.1–1.2): see :data:`scaling_utils.references.KAPLAN_2020`. The form has no
    irreducible term: its loss tends to 0 as ``N`` and ``D`` grow.

    Parameters
    ----------
    n_c, d_c : float
        ``N_c`` (parameters) and ``D_c`` (tokens), > 0.
    alpha_n, alpha_d : float
        ``α_N`` and ``α_D``, > 0.

    Raises
    ------
    CourseValueError
        When a constant is not a positive finite number; calling the law with non-positive sizes,
        with arrays of different lengths, or with one argument.

    Examples
    --------
    >>> from scaling_utils import references
    >>> law = references.kaplan_joint_law()          # Table 2's constants
    >>> f"{law(1e9, 2e10):.4f}", f"{law(1e9, float('inf')):.4f}"
    ('2.3739', '2.3188')

    Introduced in lesson 03.
    """

    n_c: float
    d_c: float
    alpha_n: float
    alpha_d: float

    def __post_init__(self):
        for name in ("n_c", "d_c", "alpha_n", "alpha_d"):
            object.__setattr__(self, name, _validate.positive_float(getattr(self, name), name))

    def __call__(self, n_params, n_tokens=None):
        _needs_two_arguments("KaplanLaw", n_tokens)
        n, d = _paired_arrays(n_params, n_tokens, "n_params", "n_tokens", second_may_be_inf=True)
        bracket = (self.n_c / n) ** (self.alpha_n / self.alpha_d) + self.d_c / d
        return _validate.scalar_or_array(bracket**self.alpha_d, n_params, n_tokens)

    @property
    def params_limit(self) -> PowerLaw:
        """``L(N) = (N_c/N)^α_N``: the loss with unlimited data.

        Examples
        --------
        >>> from scaling_utils import references
        >>> print(references.kaplan_joint_law().params_limit)
        y = 11.2·x^-0.076

        Introduced in lesson 03.
        """
        return PowerLaw.from_critical_scale(self.n_c, self.alpha_n)

    @property
    def data_limit(self) -> PowerLaw:
        """``L(D) = (D_c/D)^α_D``: the loss of an unlimited model.

        Examples
        --------
        >>> from scaling_utils import references
        >>> print(references.kaplan_joint_law().data_limit)
        y = 23.19·x^-0.103

        Introduced in lesson 03.
        """
        return PowerLaw.from_critical_scale(self.d_c, self.alpha_d)

    def overfitting_penalty(self, n_params, n_tokens):
        r"""How much finite data costs: ``δL = L(N, D)/L(N, ∞) − 1`` (Kaplan et al. §4.2).

        Parameters
        ----------
        n_params, n_tokens : float or array
            ``N`` and ``D`` (> 0; single numbers or arrays of one length).

        Returns
        -------
        float, or an array.

        Raises
        ------
        CourseValueError
            As calling the law.

        Examples
        --------
        >>> from scaling_utils import references
        >>> f"{references.kaplan_joint_law().overfitting_penalty(1e9, 2e10):.3f}"
        '0.024'

        Introduced in lesson 03.
        """
        _needs_two_arguments("overfitting_penalty", n_tokens)
        return self(n_params, n_tokens) / self(n_params, np.inf) - 1.0

    def tokens_to_limit_overfitting(self, n_params, penalty=0.02):
        r"""The ``D`` at which ``δL`` equals ``penalty``:

        .. math:: D = \frac{D_c\,(N/N_c)^{\alpha_N/\alpha_D}}{(1+\delta)^{1/\alpha_D} - 1}.

        Derivation: set ``L(N, D)/L(N, ∞) = 1 + δ`` in Eq. 1.5 and solve for ``D``. Data must
        grow as ``N^{α_N/α_D}``, sub-linearly; with the constants of Table 2 and ``δ = 0.02``
        (the seed-to-seed noise of the loss) this is Kaplan et al.'s Eq. 4.4,
        ``D ≳ (5×10³) N^0.74``.

        Parameters
        ----------
        n_params : float or array
            ``N`` (> 0).
        penalty : float
            ``δ``, a fraction in (0, 1): 0.02 for 2 %.

        Returns
        -------
        float, or an array for an array ``n_params``.

        Raises
        ------
        CourseValueError
            When ``n_params`` is not positive, or ``penalty`` is not a fraction (a ``penalty``
            of 2 is refused: it would mean 200 %; give 0.02 for 2 %).

        Examples
        --------
        >>> from scaling_utils import references
        >>> f"{references.kaplan_joint_law().tokens_to_limit_overfitting(1e9, 0.02):.3g}"
        '2.41e+10'

        Introduced in lesson 03.
        """
        n = _validate.positive_array(n_params, "n_params")
        delta = _validate.fraction_not_percent(penalty, "penalty")
        scale = (1.0 + delta) ** (1.0 / self.alpha_d) - 1.0
        result = self.d_c * (n / self.n_c) ** (self.alpha_n / self.alpha_d) / scale
        return _validate.scalar_or_array(result, n_params)


@dataclass(frozen=True)
class ChinchillaLaw:
    r"""Hoffmann et al.'s parametric loss, Eq. 2 of arXiv:2203.15556:

    .. math:: \hat L(N, D) = E + \frac{A}{N^{\alpha}} + \frac{B}{D^{\beta}}

    ``N`` parameters, ``D`` training tokens. The three terms read as a decomposition of the risk
    (their §3.3): ``E`` the loss the form tends to with unlimited parameters and data, ``A/N^α``
    what a model of ``N`` parameters falls short of it, ``B/D^β`` what training on only ``D``
    tokens leaves on the table. ``E`` is a property of the functional form fitted to the data,
    not a measured constant of text: Hoffmann et al.'s fit gives 1.69, Besiroglu et al.'s refit
    of the same data 1.82, and Kaplan et al.'s form has no such term at all.

    Parameters
    ----------
    E : float
        The asymptote (≥ 0).
    A, B : float
        Coefficients of the model and data terms (> 0).
    alpha, beta : float
        Their exponents (> 0).

    Raises
    ------
    CourseValueError
        When a constant is out of its range; calling the law with non-positive sizes, with
        arrays of different lengths, or with one argument.

    Examples
    --------
    >>> from scaling_utils import references
    >>> law = references.HOFFMANN_2022                # E = 1.69, A = 406.4, B = 410.7, ...
    >>> f"{law(70e9, 1.4e12):.3f}"                    # Chinchilla
    '1.937'
    >>> f"{law.a:.3f}", f"{law.b:.3f}"
    ('0.452', '0.548')

    Introduced in lesson 04.
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float

    def __post_init__(self):
        object.__setattr__(self, "E", _validate.nonnegative_float(self.E, "E"))
        for name in ("A", "B", "alpha", "beta"):
            object.__setattr__(self, name, _validate.positive_float(getattr(self, name), name))

    @classmethod
    def from_theta(cls, theta) -> "ChinchillaLaw":
        r"""The law with log-space parameters ``θ = (e, a, b, α, β)``: ``E = eᵉ, A = eᵃ, B = eᵇ``.

        Hoffmann et al. (2022), Appendix D.2, fit Approach 3 in these coordinates (``E``, ``A``
        and ``B`` stay positive however the optimiser moves), and
        :func:`scaling_utils.fitting.fit_chinchilla` does the same; :attr:`theta` is the reverse.
        ``e = -inf`` gives ``E = 0``.

        Parameters
        ----------
        theta : sequence of five numbers
            ``(e, a, b, alpha, beta)`` with ``alpha, beta > 0``.

        Returns
        -------
        ChinchillaLaw

        Raises
        ------
        CourseValueError
            When ``theta`` is not five finite numbers, ``alpha`` or ``beta`` is not positive, or
            ``e``, ``a`` or ``b`` is too large or small for ``exp`` (a sign that linear-space
            values such as ``A = 406.4`` were given where ``log A = 6.007`` belongs).

        Examples
        --------
        >>> from scaling_utils import laws
        >>> law = laws.ChinchillaLaw.from_theta([0.5267228, 6.0073404, 6.0179186,
        ...                                      0.33917084, 0.2849083])
        >>> print(law)
        L(N, D) = 1.693 + 406.4/N^0.3392 + 410.7/D^0.2849

        Introduced in lesson 05.
        """
        if theta is None or isinstance(theta, dict) or _validate._contains_text(theta):
            raise CourseValueError(f"theta must be five numbers (e, a, b, alpha, beta); got "
                                   f"{_validate._describe(theta)}.")
        try:
            values = np.asarray(theta, dtype=float)
        except (TypeError, ValueError):
            raise CourseValueError(f"theta must be five numbers (e, a, b, alpha, beta); got "
                                   f"{_validate._describe(theta)}.") from None
        if values.shape != (5,):
            got = f"{values.size} values" if values.ndim <= 1 else f"shape {values.shape}"
            raise CourseValueError(f"theta must be five numbers (e, a, b, alpha, beta), with "
                                   f"e = log E, a = log A, b = log B; got {got}.")
        names = ("theta[0] (e = log E)", "theta[1] (a = log A)", "theta[2] (b = log B)")
        logs = []
        for i, name in enumerate(names):
            if i == 0 and values[0] == -np.inf:
                logs.append(-np.inf)
                continue
            value = _validate.real(values[i], name)
            if value > _LARGEST_LOG:
                raise CourseValueError(
                    f"{name} = {value:g} is too large: exp({value:g}) overflows. theta holds "
                    f"logarithms (e.g. 6.0 for A ≈ 403); to build a law from E, A, B themselves "
                    f"use ChinchillaLaw(E, A, B, alpha, beta).")
            if i > 0 and np.exp(value) == 0.0:
                raise CourseValueError(f"{name} = {value:g} is too small: exp({value:g}) is 0 "
                                       f"in floating point.")
            logs.append(value)
        alpha = _validate.positive_float(values[3], "theta[3] (alpha)")
        beta = _validate.positive_float(values[4], "theta[4] (beta)")
        e, a, b = (float(np.exp(v)) for v in logs)
        return cls(E=e, A=a, B=b, alpha=alpha, beta=beta)

    @property
    def theta(self) -> np.ndarray:
        """The log-space parameters ``(log E, log A, log B, α, β)`` (``-inf`` for ``E = 0``).

        The reverse of :meth:`from_theta`.

        Examples
        --------
        >>> from scaling_utils import references
        >>> references.HOFFMANN_2022.theta.round(4)
        array([0.5247, 6.0073, 6.0179, 0.34  , 0.28  ])

        Introduced in lesson 05.
        """
        log_e = float(np.log(self.E)) if self.E > 0 else -np.inf
        return np.array([log_e, np.log(self.A), np.log(self.B), self.alpha, self.beta])

    def __call__(self, n_params, n_tokens=None):
        _needs_two_arguments("ChinchillaLaw", n_tokens)
        n, d = _paired_arrays(n_params, n_tokens, "n_params", "n_tokens")
        result = self.E + self.A * n**-self.alpha + self.B * d**-self.beta
        return _validate.scalar_or_array(result, n_params, n_tokens)

    def terms(self, n_params, n_tokens) -> dict:
        """The three parts of the loss: ``irreducible`` E, ``model`` A/N^α, ``data`` B/D^β.

        Parameters
        ----------
        n_params, n_tokens : float or array
            ``N`` and ``D`` (> 0); each term follows its own argument's shape.

        Returns
        -------
        dict with keys ``"irreducible"``, ``"model"``, ``"data"``.

        Raises
        ------
        CourseValueError
            When a size is not positive.

        Examples
        --------
        >>> from scaling_utils import references
        >>> parts = references.HOFFMANN_2022.terms(70e9, 1.4e12)
        >>> {k: round(v, 3) for k, v in parts.items()}
        {'irreducible': 1.69, 'model': 0.083, 'data': 0.163}

        Introduced in lesson 04.
        """
        n = _validate.positive_array(n_params, "n_params")
        d = _validate.positive_array(n_tokens, "n_tokens")
        return {"irreducible": self.E,
                "model": _validate.scalar_or_array(self.A * n**-self.alpha, n_params),
                "data": _validate.scalar_or_array(self.B * d**-self.beta, n_tokens)}

    @property
    def a(self) -> float:
        """The allocation exponent of ``N_opt ∝ C^a``: ``β/(α+β)`` (Hoffmann et al., Eq. 4).

        Examples
        --------
        >>> from scaling_utils import references
        >>> f"{references.BESIROGLU_2024.a:.3f}"
        '0.513'

        Introduced in lesson 04.
        """
        return self.beta / (self.alpha + self.beta)

    @property
    def b(self) -> float:
        """The allocation exponent of ``D_opt ∝ C^b``: ``α/(α+β)`` (Hoffmann et al., Eq. 4).

        Examples
        --------
        >>> from scaling_utils import references
        >>> f"{references.BESIROGLU_2024.b:.3f}"
        '0.487'

        Introduced in lesson 04.
        """
        return self.alpha / (self.alpha + self.beta)

    @property
    def G(self) -> float:
        """``G = (αA/(βB))^{1/(α+β)}`` of Hoffmann et al.'s Eq. 4: ``N_opt = G·(C/6)^a``.

        Examples
        --------
        >>> from scaling_utils import references
        >>> f"{references.HOFFMANN_2022.G:.4f}"
        '1.3447'

        Introduced in lesson 04.
        """
        return float((self.alpha * self.A / (self.beta * self.B)) ** (1.0 / (self.alpha + self.beta)))

    def __str__(self) -> str:
        return (f"L(N, D) = {self.E:.4g} + {self.A:.4g}/N^{self.alpha:.4g} "
                f"+ {self.B:.4g}/D^{self.beta:.4g}")


def _softplus_and_sigmoid(u):
    """``log(1 + e^u)`` and ``1/(1 + e^-u)``, both without overflow for large ``|u|``."""
    return np.logaddexp(0.0, u), 0.5 * (1.0 + np.tanh(0.5 * u))


def _break_triples(breaks) -> tuple:
    """``breaks`` as a tuple of ``(c, d, f)`` float triples, or a sentence saying what to give."""
    example = "e.g. breaks=[(0.5, 1e4, 0.3)] for one break of slope change 0.5 at x = 1e4"
    if breaks is None or isinstance(breaks, (str, bytes, dict)) or not hasattr(breaks, "__len__"):
        raise CourseValueError(f"breaks must be a list of (c, d, f) triples, {example}; got "
                               f"{_validate._describe(breaks)}.")
    triples = []
    for i, item in enumerate(breaks, start=1):
        if isinstance(item, (str, bytes, dict)) or not hasattr(item, "__len__") or len(item) != 3:
            raise CourseValueError(f"breaks must be a list of (c, d, f) triples, {example}; break "
                                   f"{i} is {_validate._describe(item)}.")
        c = _validate.real(item[0], f"c{i} (the slope change of break {i})")
        d = _validate.positive_float(item[1], f"d{i} (the x of break {i})")
        f = _validate.positive_float(item[2], f"f{i} (the sharpness of break {i})")
        triples.append((c, d, f))
    return tuple(triples)


@dataclass(frozen=True)
class BrokenPowerLaw:
    r"""A smoothly broken power law, Caballero et al.'s BNSL (arXiv:2210.14891, §2, Eq. 1):

    .. math:: y = a + b\,x^{-c_0} \prod_{i=1}^{n} \Bigl(1 + (x/d_i)^{1/f_i}\Bigr)^{-c_i f_i}

    Caballero, Gupta, Rish & Krueger (2022), "Broken Neural Scaling Laws". On log-log axes the
    part above the floor ``a`` is a chain of straight segments joined by smooth bends: slope
    ``−c₀`` before the first break, ``−(c₀ + c₁)`` after it, ``−(c₀ + c₁ + c₂)`` after the
    second, and so on. Break ``i`` sits at ``x = dᵢ``; ``fᵢ`` is its width in units of
    ``ln x`` (small ``f``: a sharp corner; large ``f``: a long gentle bend). With no breaks it is
    a power law with a floor, ``a + b·x^(−c₀)``. A positive ``cᵢ`` steepens the curve, a
    negative one flattens it.

    Instances are immutable and callable on numbers or arrays; the product is computed as
    ``exp(−Σ cᵢ fᵢ log(1 + e^{(ln x − ln dᵢ)/fᵢ}))``, which stays finite for sharp breaks.

    Parameters
    ----------
    a : float
        The floor the curve tends to (≥ 0).
    b : float
        The scale of the part above the floor (> 0).
    c0 : float
        Minus the log-log slope before the first break (any sign).
    breaks : sequence of (c, d, f)
        One triple per break, in any order: the slope change ``c`` (any sign), the location
        ``d`` (> 0, in units of ``x``) and the sharpness ``f`` (> 0). Default: no breaks.

    Raises
    ------
    CourseValueError
        When a parameter is not a finite number in its range or ``breaks`` is not a list of
        triples; calling the law with ``x ≤ 0``.

    Examples
    --------
    >>> from scaling_utils import laws
    >>> law = laws.BrokenPowerLaw(a=0.1, b=5.0, c0=0.1, breaks=[(0.4, 1e4, 0.5)])
    >>> [f"{law(x):.4f}" for x in (1e2, 1e4, 1e6)]
    ['3.2547', '1.8329', '0.2990']
    >>> law.slopes          # log-log slope of y − a before and after the break
    (-0.1, -0.5)
    >>> print(law)
    y = 0.1 + 5·x^-0.1·(1 + (x/1e+04)^(1/0.5))^(-0.4·0.5)

    Introduced in lesson 06.
    """

    a: float
    b: float
    c0: float
    breaks: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "a", _validate.nonnegative_float(self.a, "a (the floor)"))
        object.__setattr__(self, "b", _validate.positive_float(self.b, "b"))
        object.__setattr__(self, "c0", _validate.real(self.c0, "c0"))
        object.__setattr__(self, "breaks", _break_triples(self.breaks))

    @property
    def n_breaks(self) -> int:
        """How many breaks the law has.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> laws.BrokenPowerLaw(0.0, 1.0, 0.2, [(0.3, 10.0, 0.1), (-0.2, 1e3, 0.5)]).n_breaks
        2

        Introduced in lesson 06.
        """
        return len(self.breaks)

    @property
    def slopes(self) -> tuple:
        """The log-log slopes of ``y − a`` on each segment, breaks taken in order of ``d``.

        Before the first break ``−c₀``; after break ``i``, the previous slope minus ``cᵢ``.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> laws.BrokenPowerLaw(0.0, 1.0, 0.2, [(0.3, 1e3, 0.1), (-0.4, 10.0, 0.5)]).slopes
        (-0.2, 0.2, -0.1)

        Introduced in lesson 06.
        """
        slopes = [-self.c0]
        for c, _, _ in sorted(self.breaks, key=lambda triple: triple[1]):
            slopes.append(slopes[-1] - c)
        return tuple(round(s, 12) for s in slopes)

    def reducible(self, x):
        """The part above the floor, ``b·x^(−c₀)·∏(1 + (x/dᵢ)^(1/fᵢ))^(−cᵢfᵢ)``.

        Parameters
        ----------
        x : float or array
            Where to evaluate (> 0).

        Returns
        -------
        float, or an array for an array ``x``.

        Raises
        ------
        CourseValueError
            When an ``x`` is not a positive finite number.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> law = laws.BrokenPowerLaw(a=0.1, b=5.0, c0=0.1, breaks=[(0.4, 1e4, 0.5)])
        >>> f"{law.reducible(1e6):.4g}"
        '0.199'

        Introduced in lesson 06.
        """
        log_x = np.log(_validate.positive_array(x, "x"))
        log_reducible = np.log(self.b) - self.c0 * log_x
        for c, d, f in self.breaks:
            softplus, _ = _softplus_and_sigmoid((log_x - np.log(d)) / f)
            log_reducible = log_reducible - c * f * softplus
        with np.errstate(over="ignore"):
            return _validate.scalar_or_array(np.exp(log_reducible), x)

    def local_slope(self, x):
        r"""The log-log slope of the part above the floor at ``x``,

        .. math:: \frac{d\ln(y - a)}{d\ln x} = -c_0 - \sum_i c_i\,
                  \sigma\!\left(\frac{\ln x - \ln d_i}{f_i}\right),

        with σ the logistic function ``1/(1 + e^(−u))``: differentiating
        ``ln(y − a) = ln b − c₀ ln x − Σ cᵢfᵢ ln(1 + e^((ln x − ln dᵢ)/fᵢ))`` term by term, each
        factor contributes ``−cᵢ·σ(·)``, which grows from 0 well before ``dᵢ`` to ``−cᵢ`` well
        after it and is ``−cᵢ/2`` at ``x = dᵢ`` (Caballero et al. 2022, arXiv:2210.14891, §2).

        Parameters
        ----------
        x : float or array
            Where to evaluate (> 0).

        Returns
        -------
        float, or an array for an array ``x``.

        Raises
        ------
        CourseValueError
            When an ``x`` is not a positive finite number.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> law = laws.BrokenPowerLaw(a=0.1, b=5.0, c0=0.1, breaks=[(0.4, 1e4, 0.5)])
        >>> [round(float(law.local_slope(x)), 4) for x in (1.0, 1e4, 1e9)]
        [-0.1, -0.3, -0.5]

        Introduced in lesson 06.
        """
        log_x = np.log(_validate.positive_array(x, "x"))
        slope = np.full_like(log_x, -self.c0)
        for c, d, f in self.breaks:
            _, sigmoid = _softplus_and_sigmoid((log_x - np.log(d)) / f)
            slope = slope - c * sigmoid
        return _validate.scalar_or_array(slope, x)

    def __call__(self, x):
        return _validate.scalar_or_array(self.a + np.asarray(self.reducible(x)), x)

    def __str__(self) -> str:
        floor = f"{self.a:.4g} + " if self.a else ""
        factors = "".join(f"·(1 + (x/{d:.4g})^(1/{f:.4g}))^(-{c:.4g}·{f:.4g})"
                          for c, d, f in self.breaks)
        return f"y = {floor}{self.b:.4g}·x^{-self.c0:.4g}{factors}"


#: The scaling-law families compared by Alabdulmohsin et al. (2022), with their parameters.
_FAMILY_PARAMETERS = {
    "M1": ("beta", "c"),
    "M2": ("beta", "c", "eps_inf"),
    "M3": ("beta", "c", "gamma"),
    "M4": ("beta", "c", "alpha", "eps_inf", "eps_0"),
}
_FAMILY_FORMS = {
    "M1": "ε = βx^c",
    "M2": "ε = ε∞ + βx^c",
    "M3": "ε = β(1/x + γ)^c",
    "M4": "(ε − ε∞)/(ε₀ − ε)^α = βx^c",
}


def _solve_m4(power, span, alpha):
    r"""The ``w ∈ (0, span)`` with ``w = power·(span − w)^α``, elementwise (``α > 0``).

    With ``w = span·t`` and ``t = 1/(1 + e^{−z})`` the equation reads
    ``φ(z) = ln t − α ln(1 − t) = ln power + (α − 1) ln span``, and ``φ`` rises with slope
    between ``min(1, α)`` and ``max(1, α)``: one root, bracketed from ``φ(0) = (α − 1) ln 2``,
    found by Newton steps that fall back to bisection when they leave the bracket.
    """
    target = np.log(power) + (alpha - 1.0) * np.log(span)
    at_zero = (alpha - 1.0) * np.log(2.0)
    slope = min(1.0, alpha)
    reach = (target - at_zero) / slope
    low, high = np.minimum(reach, 0.0) - 1.0, np.maximum(reach, 0.0) + 1.0
    z = np.clip(target, low, high)
    for _ in range(200):
        softplus_neg, sig_neg = _softplus_and_sigmoid(-z)
        softplus_pos, sig_pos = _softplus_and_sigmoid(z)
        value = -softplus_neg + alpha * softplus_pos - target
        low = np.where(value < 0, z, low)
        high = np.where(value > 0, z, high)
        step = value / (sig_neg + alpha * sig_pos)
        new = z - step
        outside = (new <= low) | (new >= high)
        new = np.where(outside, 0.5 * (low + high), new)
        done = np.abs(new - z) <= 1e-14 * (1.0 + np.abs(z))
        z = new
        if done.all():
            break
    _, t = _softplus_and_sigmoid(z)
    return span * t


@dataclass(frozen=True)
class AlabdulmohsinLaw:
    r"""One of the four learning-curve families Alabdulmohsin et al. compare, with its parameters.

    Alabdulmohsin, Neyshabur & Zhai (2022), "Revisiting Neural Scaling Laws in Language and
    Vision", arXiv:2209.06640, §2 (the forms as the authors' released code implements them):

    - **M1** ``ε = βx^c`` — a pure power law (``c < 0`` for a falling curve);
    - **M2** ``ε = ε∞ + βx^c`` — with an irreducible floor ``ε∞``;
    - **M3** ``ε = β(1/x + γ)^c`` — with ``c > 0``: a power law in ``1/x`` that levels off at
      ``βγ^c`` once ``x ≫ 1/γ``;
    - **M4** ``(ε − ε∞)/(ε₀ − ε)^α = βx^c`` — a sigmoid in ``log x`` between the loss of a
      random guess ``ε₀`` and the floor ``ε∞``: power-law-like (M2) near the floor, flat near
      ``ε₀``. It is implicit in ``ε``; for ``α > 0`` the left side rises from 0 to ∞ as ``ε``
      goes from ``ε∞`` to ``ε₀``, so each ``x`` has one ``ε``, found numerically.

    The forms meet at their limits: M2 with ``ε∞ = 0`` and M3 with ``γ = 0`` (and ``c → −c``)
    are M1; M4 with ``α = 0`` is M2.

    Parameters
    ----------
    family : {"M1", "M2", "M3", "M4"}
        Which form.
    beta : float
        ``β`` (> 0).
    c : float
        The exponent ``c`` (any sign; falling curves have ``c < 0`` in M1, M2, M4, ``c > 0`` in M3).
    eps_inf : float, default 0
        ``ε∞``, the floor (≥ 0); M2 and M4 only.
    gamma : float, default 0
        ``γ`` (≥ 0); M3 only.
    alpha : float, default 0
        ``α`` (≥ 0); M4 only.
    eps_0 : float, default inf
        ``ε₀``, the loss of a random guess (finite, above ``ε∞``); M4 only.

    Raises
    ------
    CourseValueError
        When ``family`` is not one of the four, a parameter is out of its range, or a parameter
        is given that the family does not have; calling the law with ``x ≤ 0``.

    Examples
    --------
    >>> from scaling_utils import laws
    >>> m4 = laws.AlabdulmohsinLaw("M4", beta=3.0, c=-0.3, alpha=0.6, eps_inf=0.3, eps_0=1.0)
    >>> [f"{m4(x):.4f}" for x in (1e2, 1e4, 1e6)]
    ['0.6802', '0.4345', '0.3372']
    >>> print(m4)
    M4: (ε − 0.3)/(1 − ε)^0.6 = 3·x^-0.3
    >>> m4.params
    {'beta': 3.0, 'c': -0.3, 'alpha': 0.6, 'eps_inf': 0.3, 'eps_0': 1.0}

    Introduced in lesson 06.
    """

    family: str
    beta: float
    c: float
    eps_inf: float = 0.0
    gamma: float = 0.0
    alpha: float = 0.0
    eps_0: float = float("inf")

    def __post_init__(self):
        if not isinstance(self.family, str) or self.family.upper() not in _FAMILY_PARAMETERS:
            raise CourseValueError(f"family must be one of M1, M2, M3, M4 (Alabdulmohsin et al. "
                                   f"2022); got {_validate._describe(self.family)}.")
        object.__setattr__(self, "family", self.family.upper())
        object.__setattr__(self, "beta", _validate.positive_float(self.beta, "beta"))
        object.__setattr__(self, "c", _validate.real(self.c, "c"))
        for name in ("eps_inf", "gamma", "alpha"):
            object.__setattr__(self, name, _validate.nonnegative_float(getattr(self, name), name))
        has = _FAMILY_PARAMETERS[self.family]
        for name in ("eps_inf", "gamma", "alpha"):
            if name not in has and getattr(self, name) != 0:
                raise CourseValueError(
                    f"{self.family} ({_FAMILY_FORMS[self.family]}) has no parameter {name}; its "
                    f"parameters are {', '.join(has)}. Leave {name} at 0 or pick the family that "
                    f"has it.")
        if self.family == "M4":
            eps_0 = _validate.real(self.eps_0, "eps_0 (the loss of a random guess)")
            if eps_0 <= self.eps_inf:
                raise CourseValueError(f"eps_0 (the loss of a random guess) must lie above eps_inf "
                                       f"({self.eps_inf:g}); got {eps_0:g}.")
            object.__setattr__(self, "eps_0", eps_0)
        elif not (isinstance(self.eps_0, (int, float)) and np.isposinf(self.eps_0)):
            raise CourseValueError(f"{self.family} ({_FAMILY_FORMS[self.family]}) has no "
                                   f"parameter eps_0; only M4 has. Leave it out.")

    @property
    def params(self) -> dict:
        """The family's own parameters, ``{name: value}``, in the order of its formula.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> laws.AlabdulmohsinLaw("M3", beta=2.0, c=0.3, gamma=1e-4).params
        {'beta': 2.0, 'c': 0.3, 'gamma': 0.0001}

        Introduced in lesson 06.
        """
        return {name: float(getattr(self, name)) for name in _FAMILY_PARAMETERS[self.family]}

    def __call__(self, x):
        xs = _validate.positive_array(x, "x")
        if self.family == "M3":
            result = self.beta * (1.0 / xs + self.gamma) ** self.c
        else:
            power = self.beta * xs**self.c
            if self.family == "M4" and self.alpha > 0:
                with np.errstate(over="ignore", divide="ignore"):
                    result = self.eps_inf + _solve_m4(power, self.eps_0 - self.eps_inf,
                                                      self.alpha)
            else:
                result = self.eps_inf + power
        return _validate.scalar_or_array(result, x)

    def __str__(self) -> str:
        power = f"{self.beta:.4g}·x^{self.c:.4g}"
        if self.family == "M1":
            return f"M1: ε = {power}"
        if self.family == "M2":
            return f"M2: ε = {self.eps_inf:.4g} + {power}"
        if self.family == "M3":
            return f"M3: ε = {self.beta:.4g}·(1/x + {self.gamma:.4g})^{self.c:.4g}"
        return (f"M4: (ε − {self.eps_inf:.4g})/({self.eps_0:.4g} − ε)^{self.alpha:.4g} = "
                f"{power}")


# =============================================================================================
# Coefficients that drift with the architecture: routed experts, sparsity, shape (lesson 06)


def _sparsity_array(sparsity) -> np.ndarray:
    """``sparsity`` as a float array in [0, 1), or a sentence saying what to give."""
    values = _validate.finite_array(sparsity, "sparsity")
    if (values >= 1).any():
        bad = float(values[values >= 1].flat[0])
        if bad == 1:
            raise CourseValueError("sparsity must be below 1: a sparsity of 1 leaves no weights "
                                   "at all. Give the fraction of weights that are zero, e.g. 0.75.")
        raise CourseValueError(f"sparsity is a fraction: {bad:g} would mean {100 * bad:g}% of the "
                               f"weights zero; for {bad:g}% give {bad / 100:g}.")
    if (values < 0).any():
        raise CourseValueError(f"sparsity must be 0 or more (the fraction of weights that are "
                               f"zero); found {float(values[values < 0].flat[0]):g}.")
    return values


@dataclass(frozen=True)
class RoutedLaw:
    r"""Clark et al.'s law of a routed (mixture-of-experts) language model, Eq. 1 of arXiv:2202.01169:

    .. math::
        \log_{10} L(N, E) = a \log_{10} N + b \log_{10} \hat E
                            + c \log_{10} N \log_{10} \hat E + d,
        \qquad
        \frac{1}{\hat E} = \frac{1}{E - 1 + \bigl(\frac{1}{E_\text{start}}
                            - \frac{1}{E_\text{max}}\bigr)^{-1}} + \frac{1}{E_\text{max}}

    Clark, de las Casas, Guy, Mensch et al. (2022), "Unified Scaling Laws for Routed Language
    Models". ``N`` is the parameter count of the dense model each expert copies (the compute per
    token), ``E`` the number of experts, ``L`` the validation loss after 130B tokens. ``Ê`` is
    a saturating transform of ``E``: it starts at ``E_start`` for one expert (a dense model),
    grows like ``E`` for a while and levels off at ``E_max``, past which more experts buy
    nothing. The term ``c·log N·log Ê`` is an *interaction*: the slope in ``log Ê`` is
    ``b + c log N``, so with ``b < 0 < c`` the gain from experts shrinks as the dense model
    grows, and vanishes at ``N_cutoff = 10^(−b/c)`` (:attr:`cutoff_params`). An additive law
    (no ``c``) gives every model size the same gain. Logarithms are base 10, as the published
    constants need (:func:`scaling_utils.references.clark_routed_law`).

    Instances are immutable and callable as ``law(n_params, n_experts)`` on numbers or arrays.

    Parameters
    ----------
    a, b, c, d : float
        The coefficients (any sign; fitted values have ``a, b < 0 < c``).
    e_start : float
        ``E_start`` (> 0), what ``Ê`` is for a single expert.
    e_max : float
        ``E_max`` (above ``e_start``), where ``Ê`` levels off.

    Raises
    ------
    CourseValueError
        When a constant is not a finite number in its range; calling the law with ``N ≤ 0``,
        fewer than one expert, arrays of different lengths, or one argument.

    Examples
    --------
    >>> from scaling_utils import references
    >>> law = references.clark_routed_law("S-BASE")
    >>> [f"{law(1.3e8, e):.3f}" for e in (1, 8, 64, 512)]
    ['2.687', '2.547', '2.389', '2.283']
    >>> f"{law.effective_params(1.3e8, 64):.3g}"     # the dense model of the same loss
    '5.72e+08'
    >>> f"{law.cutoff_params:.3g}"                   # where experts stop helping
    '1e+12'

    Introduced in lesson 06.
    """

    a: float
    b: float
    c: float
    d: float
    e_start: float
    e_max: float

    def __post_init__(self):
        for name in ("a", "b", "c", "d"):
            object.__setattr__(self, name, _validate.real(getattr(self, name), name))
        object.__setattr__(self, "e_start", _validate.positive_float(self.e_start, "e_start"))
        object.__setattr__(self, "e_max", _validate.positive_float(self.e_max, "e_max"))
        if self.e_max <= self.e_start:
            raise CourseValueError(f"e_max (where the gain from experts levels off) must lie "
                                   f"above e_start ({self.e_start:g}); got {self.e_max:g}.")

    def saturated_experts(self, n_experts):
        r"""``Ê``, the saturating transform of the expert count (Clark et al., Eq. 1).

        ``1/Ê = 1/(E − 1 + (1/E_start − 1/E_max)^{−1}) + 1/E_max``: ``Ê = E_start`` at
        ``E = 1``, about ``E − 1 + E_start`` while ``E ≪ E_max``, and ``Ê → E_max`` as
        ``E → ∞``.

        Parameters
        ----------
        n_experts : float or array
            ``E`` (at least 1; 1 is a dense model).

        Returns
        -------
        float, or an array for an array ``n_experts``.

        Raises
        ------
        CourseValueError
            When an ``E`` is below 1, NaN or infinite.

        Examples
        --------
        >>> from scaling_utils import references
        >>> law = references.clark_routed_law("S-BASE")
        >>> law.saturated_experts([1, 64, 1e6]).round(1)
        array([  1.8,  53.8, 314.4])

        Introduced in lesson 06.
        """
        e = _validate.positive_array(n_experts, "n_experts", minimum=1)
        shift = 1.0 / (1.0 / self.e_start - 1.0 / self.e_max)
        result = 1.0 / (1.0 / (e - 1.0 + shift) + 1.0 / self.e_max)
        return _validate.scalar_or_array(result, n_experts)

    def __call__(self, n_params, n_experts=None):
        if n_experts is None:
            raise CourseValueError(
                "RoutedLaw is a law of two variables: call it as law(n_params, n_experts); got "
                "n_params only. Give the number of experts as well (1 for a dense model).")
        n = _validate.positive_array(n_params, "n_params")
        e = _validate.positive_array(n_experts, "n_experts", minimum=1)
        n, e = _validate.broadcast_together(n_params=n, n_experts=e)
        log_n = np.log10(n)
        log_e = np.log10(np.asarray(self.saturated_experts(e), dtype=float))
        log_loss = self.a * log_n + self.b * log_e + self.c * log_n * log_e + self.d
        return _validate.scalar_or_array(10.0**log_loss, n_params, n_experts)

    @property
    def dense_law(self) -> PowerLaw:
        r"""The law at one expert, a power law in ``N``: ``L = 10^(d + b·lg Ê₁)·N^(a + c·lg Ê₁)``.

        ``Ê₁ = E_start`` is the transform at ``E = 1``; with ``a, c`` of opposite signs the
        interaction tilts the dense exponent slightly.

        Examples
        --------
        >>> from scaling_utils import references
        >>> print(references.clark_routed_law("S-BASE").dense_law)
        y = 11.89·x^-0.0796

        Introduced in lesson 06.
        """
        log_e1 = float(np.log10(self.e_start))
        return PowerLaw(10.0 ** (self.d + self.b * log_e1), self.a + self.c * log_e1)

    def expert_slope(self, n_params):
        r"""How fast the loss falls with experts at model size ``N``: ``−∂lg L/∂lg Ê = −(b + c·lg N)``.

        Positive while experts help; it shrinks as ``N`` grows when ``c > 0`` and crosses 0
        at :attr:`cutoff_params`.

        Parameters
        ----------
        n_params : float or array
            ``N`` (> 0).

        Returns
        -------
        float, or an array for an array ``n_params``.

        Raises
        ------
        CourseValueError
            When an ``N`` is not a positive finite number.

        Examples
        --------
        >>> from scaling_utils import references
        >>> law = references.clark_routed_law("S-BASE")
        >>> law.expert_slope([1e7, 1e9, 1e11]).round(3)
        array([0.045, 0.027, 0.009])

        Introduced in lesson 06.
        """
        log_n = np.log10(_validate.positive_array(n_params, "n_params"))
        return _validate.scalar_or_array(-(self.b + self.c * log_n), n_params)

    @property
    def cutoff_params(self) -> float:
        r"""``N_cutoff = 10^(−b/c)``, the model size past which experts no longer lower the loss.

        ``inf`` when the gain never vanishes (``c ≤ 0`` with ``b < 0``, or no interaction).

        Examples
        --------
        >>> from scaling_utils import references
        >>> f"{references.clark_routed_law('HASH').cutoff_params:.3g}"
        '2.15e+11'

        Introduced in lesson 06.
        """
        if self.c == 0 or (self.b < 0) == (self.c < 0):
            return float("inf")
        exponent = -self.b / self.c
        return float(10.0**exponent) if exponent < 308 else float("inf")

    def effective_params(self, n_params, n_experts):
        r"""Clark et al.'s Effective Parameter Count: the dense size ``N̄`` with the same loss (§5).

        Setting ``L(N̄, 1) = L(N, E)`` in this law and solving for ``N̄``:

        .. math:: \lg \bar N = \frac{(a + c\,\lg\hat E)\lg N + b\,(\lg \hat E - \lg \hat E_1)}
                  {a + c\,\lg \hat E_1},\qquad \hat E_1 = E_\text{start}.

        Parameters
        ----------
        n_params : float or array
            ``N`` (> 0).
        n_experts : float or array
            ``E`` (≥ 1).

        Returns
        -------
        float, or an array.

        Raises
        ------
        CourseValueError
            When a size is out of range, the arrays differ in length, or the law is flat in
            ``N`` at one expert (no dense model to compare with).

        Examples
        --------
        >>> from scaling_utils import references
        >>> law = references.clark_routed_law("S-BASE")
        >>> f"{law.effective_params(5e6, 128):.3g}"     # 5M parameters, 128 experts
        '5.18e+07'

        Introduced in lesson 06.
        """
        n = _validate.positive_array(n_params, "n_params")
        e = _validate.positive_array(n_experts, "n_experts", minimum=1)
        n, e = _validate.broadcast_together(n_params=n, n_experts=e)
        log_e1 = float(np.log10(self.e_start))
        slope = self.a + self.c * log_e1
        if slope == 0:
            raise CourseValueError("This law is flat in N at one expert (a + c·lg E_start = 0), "
                                   "so no dense model size matches a routed one.")
        log_e = np.log10(np.asarray(self.saturated_experts(e), dtype=float))
        log_n = np.log10(n)
        log_bar = ((self.a + self.c * log_e) * log_n + self.b * (log_e - log_e1)) / slope
        with np.errstate(over="ignore"):
            return _validate.scalar_or_array(10.0**log_bar, n_params, n_experts)

    def __str__(self) -> str:
        return (f"lg L = {self.a:.4g}·lg N + {self.b:.4g}·lg Ê + {self.c:.4g}·lg N·lg Ê + "
                f"{self.d:.4g}  (E_start {self.e_start:.4g}, E_max {self.e_max:.4g})")


@dataclass(frozen=True)
class SparseLaw:
    r"""Frantar et al.'s law of sparsity, model size and data, Eq. 1 of arXiv:2309.08520:

    .. math:: L(S, N, D) = \bigl(a_S (1 - S)^{b_S} + c_S\bigr)\Bigl(\frac{1}{N}\Bigr)^{b_N}
              + \Bigl(\frac{a_D}{D}\Bigr)^{b_D} + c

    Frantar, Riquelme, Houlsby, Alistarh & Evci (2023), "Scaling Laws for Sparsely-Connected
    Foundation Models". ``S`` is the fraction of weights that are zero, ``N`` the number of
    *non-zero* parameters, ``D`` the training data. Sparsity enters as a multiplier on the
    coefficient of the model term: the coefficient falls from ``a_S + c_S`` (dense) towards
    ``c_S`` as ``S → 1``, so at fixed non-zero ``N`` a sparser model is better, by at most the
    factor ``c_S/(a_S + c_S)`` on the model term. The data term and the floor do not depend on
    ``S``: sparsity helps only where the model term matters.

    Instances are immutable and callable as ``law(sparsity, n_params, n_tokens)``.

    Parameters
    ----------
    a_s, b_s, c_s : float
        The sparsity multiplier's coefficient, exponent and floor (> 0).
    b_n : float
        The exponent of the model term (> 0).
    a_d, b_d : float
        The data term's scale (in the units of ``D``) and exponent (> 0).
    c : float
        The irreducible loss (≥ 0).

    Raises
    ------
    CourseValueError
        When a constant is out of its range; calling the law with a sparsity outside [0, 1)
        (a sparsity of 75 is refused: give 0.75), non-positive sizes, or arrays of different
        lengths.

    Examples
    --------
    >>> from scaling_utils import references
    >>> law = references.frantar_sparse_law("T5/C4")     # D counts training steps
    >>> [f"{law(s, 5e7, 2.5e5):.4f}" for s in (0.0, 0.5, 0.75, 0.875)]
    ['1.9782', '1.8925', '1.8406', '1.8091']
    >>> f"{law.equivalent_dense_params(0.875, 5e7):.3g}"   # a dense model of the same loss
    '1.32e+08'

    Introduced in lesson 06.
    """

    a_s: float
    b_s: float
    c_s: float
    b_n: float
    a_d: float
    b_d: float
    c: float

    def __post_init__(self):
        for name in ("a_s", "b_s", "c_s", "b_n", "a_d", "b_d"):
            object.__setattr__(self, name, _validate.positive_float(getattr(self, name), name))
        object.__setattr__(self, "c", _validate.nonnegative_float(self.c, "c"))

    def sparsity_factor(self, sparsity):
        r"""The coefficient of the model term at sparsity ``S``: ``a_S(1 − S)^{b_S} + c_S``.

        Parameters
        ----------
        sparsity : float or array
            ``S``, the fraction of zero weights, in [0, 1).

        Returns
        -------
        float, or an array.

        Raises
        ------
        CourseValueError
            When a sparsity is outside [0, 1) or not a number.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> law = laws.SparseLaw(2.0, 0.8, 1.0, 0.3, 1e9, 0.2, 1.5)
        >>> [f"{law.sparsity_factor(s):.3f}" for s in (0.0, 0.5, 0.9)]
        ['3.000', '2.149', '1.317']

        Introduced in lesson 06.
        """
        s = _sparsity_array(sparsity)
        return _validate.scalar_or_array(self.a_s * (1.0 - s) ** self.b_s + self.c_s, sparsity)

    def __call__(self, sparsity, n_params, n_tokens):
        s = _sparsity_array(sparsity)
        n = _validate.positive_array(n_params, "n_params")
        d = _validate.positive_array(n_tokens, "n_tokens")
        s, n, d = _validate.broadcast_together(sparsity=s, n_params=n, n_tokens=d)
        factor = self.a_s * (1.0 - s) ** self.b_s + self.c_s
        result = factor * n**-self.b_n + (self.a_d / d) ** self.b_d + self.c
        return _validate.scalar_or_array(result, sparsity, n_params, n_tokens)

    def equivalent_dense_params(self, sparsity, n_params):
        r"""The dense size with the same loss as ``N`` non-zero weights at sparsity ``S``.

        Equal model terms: ``N_dense = N·((a_S + c_S)/(a_S(1 − S)^{b_S} + c_S))^{1/b_N}``,
        whatever ``D``. It grows with ``S`` up to :attr:`max_dense_factor` times ``N``.

        Parameters
        ----------
        sparsity : float or array
            ``S`` in [0, 1).
        n_params : float or array
            ``N``, the non-zero parameters (> 0).

        Returns
        -------
        float, or an array.

        Raises
        ------
        CourseValueError
            When a sparsity is outside [0, 1), a size is not positive, or the arrays differ in
            length.

        Examples
        --------
        >>> from scaling_utils import references
        >>> law = references.frantar_sparse_law("ViT/JFT")
        >>> f"{law.equivalent_dense_params(0.75, 1e8):.3g}"
        '2.17e+08'

        Introduced in lesson 06.
        """
        s = _sparsity_array(sparsity)
        n = _validate.positive_array(n_params, "n_params")
        s, n = _validate.broadcast_together(sparsity=s, n_params=n)
        ratio = (self.a_s + self.c_s) / (self.a_s * (1.0 - s) ** self.b_s + self.c_s)
        return _validate.scalar_or_array(n * ratio ** (1.0 / self.b_n), sparsity, n_params)

    @property
    def max_dense_factor(self) -> float:
        r"""The most sparsity can multiply the effective size: ``((a_S + c_S)/c_S)^{1/b_N}`` (S → 1).

        Examples
        --------
        >>> from scaling_utils import references
        >>> f"{references.frantar_sparse_law('ViT/JFT').max_dense_factor:.3g}"
        '3.47'

        Introduced in lesson 06.
        """
        return float(((self.a_s + self.c_s) / self.c_s) ** (1.0 / self.b_n))

    def __str__(self) -> str:
        return (f"L = ({self.a_s:.4g}·(1 − S)^{self.b_s:.4g} + {self.c_s:.4g})·N^-{self.b_n:.4g}"
                f" + ({self.a_d:.4g}/D)^{self.b_d:.4g} + {self.c:.4g}")


@dataclass(frozen=True)
class ShapeLaw:
    r"""Alabdulmohsin et al.'s law of one shape dimension at fixed compute, Eq. 2 of arXiv:2305.13035:

    .. math:: f_k(x_k, t) = \alpha_k x_k^{-a_k} + (\beta_k x_k^{b_k} + \xi_k)\, t^{-c}
              + \varepsilon_k

    Alabdulmohsin, Zhai, Kolesnikov & Beyer (2023), "Getting ViT in Shape: Scaling Laws for
    Compute-Optimal Model Design". ``x_k`` is one shape dimension of a vision transformer
    (width, depth or MLP size) with the others large enough not to limit it, ``t`` the training
    compute, ``f`` the error. The first term is what too small a dimension costs; the second
    couples shape and compute: a larger ``x_k`` costs more per example, so at fixed ``t`` it
    sees less data, and its cost ``β_k x_k^{b_k}`` fades only as ``t`` grows. The loss is
    therefore U-shaped in ``x_k`` at fixed ``t``, with its minimum where the two slopes cancel:

    .. math:: x_k^\star(t) = \Bigl(\frac{a_k\alpha_k}{b_k\beta_k}\Bigr)^{1/(a_k+b_k)}
              t^{\,s_k},\qquad s_k = \frac{c}{a_k + b_k}

    (setting ``∂f_k/∂x_k = 0``; the paper's Eq. 3–4). The exponent ``s_k`` says how fast the
    dimension should grow with compute; the published ones are in
    :data:`scaling_utils.references.ALABDULMOHSIN_2023`.

    Instances are immutable and callable as ``law(x, compute)``.

    Parameters
    ----------
    alpha, a, beta, b, c : float
        ``α_k``, ``a_k``, ``β_k``, ``b_k`` and the compute exponent ``c`` (> 0).
    xi, eps : float
        ``ξ_k`` and the floor ``ε_k`` (≥ 0; the paper takes them > 0).

    Raises
    ------
    CourseValueError
        When a constant is out of its range; calling the law or :meth:`optimal` with
        non-positive sizes or compute, or arrays of different lengths.

    Examples
    --------
    >>> from scaling_utils import laws
    >>> law = laws.ShapeLaw(alpha=20.0, a=0.5, beta=0.5, b=1.0, xi=1.0, c=0.6, eps=0.1)
    >>> f"{law.exponent:.2f}"                   # s = c/(a + b)
    '0.40'
    >>> [f"{law.optimal(t):.4g}" for t in (1e3, 1e5)]
    ['116.8', '736.8']
    >>> f"{law(law.optimal(1e3), 1e3):.4f}"
    '2.8920'

    Introduced in lesson 06.
    """

    alpha: float
    a: float
    beta: float
    b: float
    xi: float
    c: float
    eps: float

    def __post_init__(self):
        for name in ("alpha", "a", "beta", "b", "c"):
            object.__setattr__(self, name, _validate.positive_float(getattr(self, name), name))
        for name in ("xi", "eps"):
            object.__setattr__(self, name, _validate.nonnegative_float(getattr(self, name), name))

    @property
    def exponent(self) -> float:
        """``s = c/(a + b)``: the optimal dimension grows as ``t^s``.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> f"{laws.ShapeLaw(1.0, 0.4, 1.0, 0.6, 0.0, 0.45, 0.0).exponent:.2f}"
        '0.45'

        Introduced in lesson 06.
        """
        return self.c / (self.a + self.b)

    def __call__(self, x, compute):
        xs = _validate.positive_array(x, "x")
        t = _validate.positive_array(compute, "compute")
        xs, t = _validate.broadcast_together(x=xs, compute=t)
        result = (self.alpha * xs**-self.a + (self.beta * xs**self.b + self.xi) * t**-self.c
                  + self.eps)
        return _validate.scalar_or_array(result, x, compute)

    def optimal(self, compute):
        r"""The compute-optimal dimension ``x*(t) = (aα/(bβ))^{1/(a+b)} · t^{c/(a+b)}``.

        Parameters
        ----------
        compute : float or array
            ``t`` (> 0), in the units the law was fitted in.

        Returns
        -------
        float, or an array for an array ``compute``.

        Raises
        ------
        CourseValueError
            When a compute is not a positive finite number.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> law = laws.ShapeLaw(alpha=20.0, a=0.5, beta=0.5, b=1.0, xi=1.0, c=0.6, eps=0.1)
        >>> f"{law.optimal(1e5) / law.optimal(1e3):.3f}"    # 100^0.4
        '6.310'

        Introduced in lesson 06.
        """
        t = _validate.positive_array(compute, "compute")
        scale = (self.a * self.alpha / (self.b * self.beta)) ** (1.0 / (self.a + self.b))
        return _validate.scalar_or_array(scale * t**self.exponent, compute)

    def __str__(self) -> str:
        return (f"f = {self.alpha:.4g}·x^-{self.a:.4g} + ({self.beta:.4g}·x^{self.b:.4g} + "
                f"{self.xi:.4g})·t^-{self.c:.4g} + {self.eps:.4g}")


def _sigmoid(z):
    """The logistic function 1/(1 + e^(−z)), without overflow for large |z|."""
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0.0, -z))


@dataclass(frozen=True)
class SigmoidAccuracy:
    r"""Benchmark accuracy as a sigmoid of the correct answer's negative log-likelihood.

    .. math:: \mathrm{acc}(\ell) = \mathrm{floor} + (\mathrm{ceiling} - \mathrm{floor})\,
              \sigma\!\left(\frac{m - \ell}{s}\right), \qquad \sigma(z) = \frac{1}{1 + e^{-z}}

    with ``ℓ`` the (normalised) negative log-likelihood of the correct answer, ``m`` the NLL at
    which accuracy is halfway between floor and ceiling, and ``s`` the width of the step (accuracy
    goes from 27% to 73% of the way up over ``ℓ = m ± s``). The floor is chance level (0.25 for
    four-way multiple choice). The second step of Llama 3's benchmark forecast (Llama Team 2024,
    "The Llama 3 Herd of Models", arXiv:2407.21783, §3.2.1 and Figure 4) is "a sigmoidal relation
    between the log-likelihood and accuracy"; the paper does not print its formula, and this
    logistic with a chance-level floor is the course's reading of it.

    Parameters
    ----------
    midpoint : float
        ``m``, in nats (any finite number).
    width : float
        ``s`` (> 0), in nats.
    floor : float
        Accuracy of a model that knows nothing, in [0, 1) (default 0).
    ceiling : float
        Accuracy of a perfect model, in (floor, 1] (default 1).

    Raises
    ------
    CourseValueError
        When a parameter is out of its range; calling the law with a negative or non-finite NLL.

    Examples
    --------
    >>> from scaling_utils import laws
    >>> law = laws.SigmoidAccuracy(midpoint=1.0, width=0.1, floor=0.25)
    >>> print(f"{law(1.0):.3f} {law(1.5):.3f} {law(0.5):.3f}")
    0.625 0.255 0.995
    >>> print(f"{law.solve(0.9):.4f}")
    0.8128

    Introduced in lesson 06.
    """

    midpoint: float
    width: float
    floor: float = 0.0
    ceiling: float = 1.0

    def __post_init__(self):
        object.__setattr__(self, "midpoint", _validate.real(self.midpoint, "midpoint"))
        object.__setattr__(self, "width", _validate.positive_float(self.width, "width"))
        floor = _validate.fraction(self.floor, "floor", open_low=False)
        ceiling = _validate.fraction(self.ceiling, "ceiling", open_high=False)
        if ceiling <= floor:
            raise CourseValueError(f"ceiling must be above floor; got floor {floor:g} and "
                                   f"ceiling {ceiling:g}.")
        object.__setattr__(self, "floor", floor)
        object.__setattr__(self, "ceiling", ceiling)

    def __call__(self, nll):
        values = _validate.finite_array(nll, "nll")
        if (values < 0).any():
            raise CourseValueError(f"nll is a negative log-likelihood, 0 or more; found "
                                   f"{values[values < 0].flat[0]:g}.")
        result = self.floor + (self.ceiling - self.floor) * _sigmoid(
            (self.midpoint - values) / self.width)
        return _validate.scalar_or_array(result, nll)

    def solve(self, accuracy):
        r"""The NLL at which the law reaches ``accuracy``: ``m − s·logit((acc − floor)/(ceiling −
        floor))``.

        Parameters
        ----------
        accuracy : float or array_like
            Strictly between ``floor`` and ``ceiling``.

        Returns
        -------
        float or numpy.ndarray
            The NLL in nats (it may be negative for an accuracy no NLL ≥ 0 reaches).

        Raises
        ------
        CourseValueError
            When an accuracy is not strictly between floor and ceiling.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> law = laws.SigmoidAccuracy(1.0, 0.1, floor=0.25)
        >>> print(f"{law.solve(0.625):.3f}")
        1.000

        Introduced in lesson 06.
        """
        values = _validate.finite_array(accuracy, "accuracy")
        if ((values <= self.floor) | (values >= self.ceiling)).any():
            bad = values[(values <= self.floor) | (values >= self.ceiling)].flat[0]
            raise CourseValueError(f"accuracy must lie strictly between the floor "
                                   f"{self.floor:g} and the ceiling {self.ceiling:g}; got "
                                   f"{bad:g}.")
        share = (values - self.floor) / (self.ceiling - self.floor)
        result = self.midpoint - self.width * np.log(share / (1.0 - share))
        return _validate.scalar_or_array(result, accuracy)

    def __str__(self) -> str:
        return (f"acc = {self.floor:.4g} + {self.ceiling - self.floor:.4g}·σ(({self.midpoint:.4g}"
                f" − NLL)/{self.width:.4g})")


def _decay_constant(value, name: str) -> float:
    """A decay constant ``R*``: a positive number, or ``inf`` for no decay at all."""
    if isinstance(value, (int, float, np.floating)) and not isinstance(value, bool) \
            and np.isposinf(value):
        return float("inf")
    return _validate.positive_float(value, name)


def _saturating(repeats, r_star):
    """``R*·(1 − e^{−R/R*})``: what ``R`` repetitions are worth; ``R`` itself when ``R* = ∞``."""
    if np.isinf(r_star):
        return repeats
    return -r_star * np.expm1(-repeats / r_star)


@dataclass(frozen=True)
class DataConstrainedLaw:
    r"""Muennighoff et al.'s data-constrained law: Chinchilla's form on *effective* data and
    parameters (arXiv:2305.16264, §3.1, Eq. 5–6; Appendix A):

    .. math::
        L = E + \frac{A}{N'^{\alpha}} + \frac{B}{D'^{\beta}},\qquad
        D' = U_D + U_D R_D^*\bigl(1 - e^{-R_D/R_D^*}\bigr),\qquad
        N' = U_N + U_N R_N^*\bigl(1 - e^{-R_N/R_N^*}\bigr).

    ``U_D = min(U, D)`` is the unique data actually seen and ``R_D = D/U_D − 1`` the repetitions
    beyond the first epoch; unique tokens above the tokens trained on (``U > D``, less than one
    epoch) count as ``D``, as the paper's ``U_D = min{D_C, D}`` (§3). ``U_N`` is the
    compute-optimal model size for ``U_D`` tokens under the base law (``D_opt = U_D`` in
    Hoffmann et al.'s Eq. 4: ``U_N = G·(G·U_D)^{β/α}``), capped at ``N``, and
    ``R_N = N/U_N − 1`` counts the "excess" parameters beyond it (Appendix A). Each repetition
    is worth a little less than the one before: ``R_D ≪ R_D*`` gives ``D' ≈ D`` (repeats as good
    as fresh tokens), while however long one trains, ``D'`` stays below ``(1 + R_D*)·U_D``.
    With ``R_D* = R_N* = ∞`` the law is the base :class:`ChinchillaLaw`, and it equals the base
    law wherever ``U ≥ D`` and ``N ≤ U_N`` (nothing repeated, nothing in excess).

    Instances are immutable; call them as ``law(n_params, n_tokens, unique_tokens)`` (arrays
    broadcast), or use :meth:`loss`, which is the same.

    Parameters
    ----------
    base : ChinchillaLaw
        ``E, A, B, α, β`` of the one-epoch law.
    r_d_star : float
        ``R_D*`` (> 0, or ``inf`` for no decay of repeated data).
    r_n_star : float
        ``R_N*`` (> 0, or ``inf`` for no decay of excess parameters).

    Raises
    ------
    CourseValueError
        When ``base`` is not a ChinchillaLaw or a decay constant is not positive; calling the
        law with sizes that are not positive numbers or arrays that do not broadcast.

    Examples
    --------
    >>> from scaling_utils import references
    >>> law = references.MUENNIGHOFF_2023            # the published fit, C4
    >>> f"{law(6.34e9, 242e9, 25e9):.6f}"             # Figure 1 (right): 9.7 epochs of 25B tokens
    '2.225644'
    >>> f"{law.effective_tokens(100e9, 25e9) / 100e9:.4f}"   # 4 epochs: 93% of fresh data's worth
    '0.9314'

    Introduced in lesson 07.
    """

    base: ChinchillaLaw
    r_d_star: float
    r_n_star: float

    def __post_init__(self):
        require_chinchilla_law(self.base, "base")
        object.__setattr__(self, "r_d_star", _decay_constant(self.r_d_star, "r_d_star"))
        object.__setattr__(self, "r_n_star", _decay_constant(self.r_n_star, "r_n_star"))

    @classmethod
    def from_law(cls, law, *, r_d_star=None, r_n_star=None) -> "DataConstrainedLaw":
        """Put the repetition model on any :class:`ChinchillaLaw`.

        Muennighoff et al. fitted ``R_D*`` and ``R_N*`` with the base constants of their C4 fit
        held fixed (Appendix A); carrying them over to another base law (Hoffmann's, say) is an
        assumption, the one the course makes when it compares laws.

        Parameters
        ----------
        law : ChinchillaLaw
            The base law.
        r_d_star, r_n_star : float, optional
            The decay constants; by default the published ones
            (:data:`scaling_utils.references.MUENNIGHOFF_2023_FIT`: 15.387756 and 5.309743).
            ``inf`` turns a decay off.

        Returns
        -------
        DataConstrainedLaw

        Raises
        ------
        CourseValueError
            When ``law`` is not a ChinchillaLaw or a constant is not positive.

        Examples
        --------
        >>> from scaling_utils import laws, references
        >>> law = laws.DataConstrainedLaw.from_law(references.HOFFMANN_2022)
        >>> law.r_d_star, law.r_n_star
        (15.387756, 5.309743)
        >>> law(1e8, 20e9, 1e12) == references.HOFFMANN_2022(1e8, 20e9)   # one epoch, no excess
        True

        Introduced in lesson 07.
        """
        from . import references

        require_chinchilla_law(law)
        fit = references.MUENNIGHOFF_2023_FIT
        return cls(law, fit.r_d_star if r_d_star is None else r_d_star,
                   fit.r_n_star if r_n_star is None else r_n_star)

    def unique_params(self, unique_tokens):
        r"""``U_N``: the compute-optimal model size for ``unique_tokens`` under the base law.

        Setting ``D_opt = U`` in Hoffmann et al.'s Eq. 4 and solving for ``N_opt`` gives
        ``U_N = G·(G·U)^{β/α}`` (Muennighoff et al., Appendix A); a model larger than this has
        "excess" parameters.

        Parameters
        ----------
        unique_tokens : float or array
            ``U`` (> 0).

        Returns
        -------
        float, or an array for an array.

        Raises
        ------
        CourseValueError
            When ``unique_tokens`` is not a positive number.

        Examples
        --------
        >>> from scaling_utils import references
        >>> f"{references.MUENNIGHOFF_2023.unique_params(100e6):.3g}"   # 5M parameters for 100M tokens
        '5.1e+06'

        Introduced in lesson 07.
        """
        u = _validate.positive_array(unique_tokens, "unique_tokens")
        g, base = self.base.G, self.base
        return _validate.scalar_or_array(g * (g * u) ** (base.beta / base.alpha), unique_tokens)

    def effective_tokens(self, n_tokens, unique_tokens):
        r"""``D' = U_D + U_D·R_D*·(1 − e^{−R_D/R_D*})``, Eq. 5: what ``n_tokens`` are worth.

        ``U_D = min(U, D)`` and ``R_D = D/U_D − 1``: ``D`` tokens of which ``U`` are unique are
        worth ``D'`` fresh ones. ``D' = D`` for one epoch or less; ``D' → (1 + R_D*)·U_D`` as
        the epochs grow (:meth:`saturation_tokens`).

        Parameters
        ----------
        n_tokens, unique_tokens : float or array
            ``D`` and ``U`` (> 0; arrays broadcast).

        Returns
        -------
        float, or an array.

        Raises
        ------
        CourseValueError
            When a size is not a positive number or arrays do not broadcast.

        Examples
        --------
        >>> from scaling_utils import references
        >>> law = references.MUENNIGHOFF_2023
        >>> law.effective_tokens([1e9, 4e9, 40e9, 4e12], 1e9).round(-7) / 1e9
        array([ 1.  ,  3.73, 15.17, 16.39])

        Introduced in lesson 07.
        """
        d, u = _paired_arrays(n_tokens, unique_tokens, "n_tokens", "unique_tokens")
        seen = np.minimum(u, d)
        result = seen * (1.0 + _saturating(d / seen - 1.0, self.r_d_star))
        return _validate.scalar_or_array(result, n_tokens, unique_tokens)

    def effective_params(self, n_params, unique_tokens):
        r"""``N' = U_N + U_N·R_N*·(1 − e^{−R_N/R_N*})``, Eq. 6: what ``n_params`` are worth.

        ``U_N = min(N, G·(G·U_D)^{β/α})`` (:meth:`unique_params`) and ``R_N = N/U_N − 1``;
        ``U_D`` is the unique data seen, so pass ``min(U, D)`` when training for less than an
        epoch (:meth:`loss` does).

        Parameters
        ----------
        n_params, unique_tokens : float or array
            ``N`` and ``U_D`` (> 0; arrays broadcast).

        Returns
        -------
        float, or an array.

        Raises
        ------
        CourseValueError
            When a size is not a positive number or arrays do not broadcast.

        Examples
        --------
        >>> from scaling_utils import references
        >>> law = references.MUENNIGHOFF_2023
        >>> f"{law.effective_params(1e9, 100e6) / 1e6:.1f}M"   # a 1B model on 100M tokens
        '32.2M'

        Introduced in lesson 07.
        """
        n, u = _paired_arrays(n_params, unique_tokens, "n_params", "unique_tokens")
        capped = np.minimum(n, self.unique_params(u))
        result = capped * (1.0 + _saturating(n / capped - 1.0, self.r_n_star))
        return _validate.scalar_or_array(result, n_params, unique_tokens)

    def saturation_tokens(self, unique_tokens):
        """``(1 + R_D*)·U``: the most that ``U`` unique tokens can be worth, however repeated.

        Parameters
        ----------
        unique_tokens : float or array
            ``U`` (> 0).

        Returns
        -------
        float, or an array (``inf`` when ``R_D* = ∞``).

        Raises
        ------
        CourseValueError
            When ``unique_tokens`` is not a positive number.

        Examples
        --------
        >>> from scaling_utils import references
        >>> f"{references.MUENNIGHOFF_2023.saturation_tokens(1e9):.4g}"
        '1.639e+10'

        Introduced in lesson 07.
        """
        u = _validate.positive_array(unique_tokens, "unique_tokens")
        return _validate.scalar_or_array((1.0 + self.r_d_star) * u, unique_tokens)

    def epoch_worth(self, epochs):
        r"""``D'/D`` after ``epochs`` passes over the data: the share of fresh data's worth.

        ``(1 + R_D*(1 − e^{−(e−1)/R_D*}))/e`` for ``e ≥ 1`` epochs; 1 for one epoch or less.
        With the published ``R_D* = 15.39``, 4 epochs are worth 93 % of 4 epochs of fresh data
        (the paper's "up to 4 epochs ... negligible changes to loss", abstract), 16 epochs 66 %.

        Parameters
        ----------
        epochs : float or array
            ``D/U`` (> 0).

        Returns
        -------
        float, or an array.

        Raises
        ------
        CourseValueError
            When ``epochs`` is not a positive number.

        Examples
        --------
        >>> from scaling_utils import references
        >>> references.MUENNIGHOFF_2023.epoch_worth([1, 4, 16, 40]).round(3)
        array([1.   , 0.931, 0.661, 0.379])

        Introduced in lesson 07.
        """
        e = _validate.positive_array(epochs, "epochs")
        return _validate.scalar_or_array(self.effective_tokens(e, 1.0) / e, epochs)

    def terms(self, n_params, n_tokens, unique_tokens) -> dict:
        """The three parts of the loss: ``irreducible`` E, ``model`` A/N'^α, ``data`` B/D'^β.

        Parameters
        ----------
        n_params, n_tokens, unique_tokens : float or array
            ``N``, ``D`` and ``U`` (> 0; arrays broadcast).

        Returns
        -------
        dict with keys ``"irreducible"``, ``"model"``, ``"data"``.

        Raises
        ------
        CourseValueError
            When a size is not a positive number or arrays do not broadcast.

        Examples
        --------
        >>> from scaling_utils import references
        >>> parts = references.MUENNIGHOFF_2023.terms(6.34e9, 242e9, 25e9)
        >>> {k: round(v, 4) for k, v in parts.items()}
        {'irreducible': 1.8691, 'model': 0.2001, 'data': 0.1564}

        Introduced in lesson 07.
        """
        n, d, u = _validate.positive_broadcast(n_params=n_params, n_tokens=n_tokens,
                                               unique_tokens=unique_tokens)
        seen = np.minimum(u, d)
        n_eff = np.asarray(self.effective_params(n, seen))
        d_eff = np.asarray(self.effective_tokens(d, seen))
        inputs = (n_params, n_tokens, unique_tokens)
        return {"irreducible": self.base.E,
                "model": _validate.scalar_or_array(self.base.A * n_eff**-self.base.alpha, *inputs),
                "data": _validate.scalar_or_array(self.base.B * d_eff**-self.base.beta, *inputs)}

    def loss(self, n_params, n_tokens, unique_tokens):
        """The loss ``E + A/N'^α + B/D'^β`` of ``n_params`` trained on ``n_tokens`` of which
        ``unique_tokens`` are unique (the same as calling the law).

        Parameters
        ----------
        n_params, n_tokens, unique_tokens : float or array
            ``N``, ``D`` and ``U`` (> 0; arrays broadcast). ``U > D`` (less than one epoch)
            counts as ``U = D``.

        Returns
        -------
        float, or an array.

        Raises
        ------
        CourseValueError
            When a size is not a positive number or arrays do not broadcast.

        Examples
        --------
        >>> from scaling_utils import references
        >>> law = references.MUENNIGHOFF_2023
        >>> law.loss([8.67e9, 6.34e9], [178e9, 242e9], 25e9).round(4)   # Figure 1 (right)
        array([2.227 , 2.2256])

        Introduced in lesson 07.
        """
        parts = self.terms(n_params, n_tokens, unique_tokens)
        return _validate.scalar_or_array(parts["irreducible"] + np.asarray(parts["model"])
                                         + np.asarray(parts["data"]),
                                         n_params, n_tokens, unique_tokens)

    def __call__(self, n_params, n_tokens=None, unique_tokens=None):
        if n_tokens is None or unique_tokens is None:
            raise CourseValueError(
                "DataConstrainedLaw is a law of three variables: call it as law(n_params, "
                "n_tokens, unique_tokens), e.g. law(1e9, 8e10, 2e10) for 4 epochs of 20B tokens.")
        return self.loss(n_params, n_tokens, unique_tokens)

    def __str__(self) -> str:
        b = self.base
        return (f"L = {b.E:.4g} + {b.A:.4g}/N'^{b.alpha:.4g} + {b.B:.4g}/D'^{b.beta:.4g}, "
                f"R_D* = {self.r_d_star:.4g}, R_N* = {self.r_n_star:.4g}")


_CHINCHILLA_CONSTANTS = ("E", "A", "B", "alpha", "beta")


@dataclass(frozen=True)
class CompressibilityLaw:
    r"""Chinchilla's form with constants that depend on how compressible the data are.

    Pandey (2024, arXiv:2405.16684) trained language models on data sets of graded complexity
    and found that the constants of ``L = E + A/N^α + B/D^β`` move with the data's
    gzip-compressibility ``H`` (compressed size ÷ raw size: low for repetitive text such as
    code, higher for prose), so that the compute-optimal split shifts towards *more data* as the
    data get harder to compress (the repository's README: "compute-optimal frontier increases
    in dataset size preference ... as training data becomes more complex"). The form here lets
    each constant be a straight line in ``H``,

    .. math:: E(H) = E_0 + E_1 H,\ \ A(H) = A_0 + A_1 H,\ \dots,\ \beta(H) = \beta_0 + \beta_1 H,

    our reading of the paper's data-dependent law: the course could not consult the paper's
    table of fitted coefficients, so no published constants come with it; the lesson's
    instance (``studies.MIXTURE_LAW``) is chosen for illustration, not fitted.

    Parameters
    ----------
    E, A, B, alpha, beta : (float, float)
        Each constant's intercept and slope in ``H``.

    Raises
    ------
    CourseValueError
        When a pair is not two finite numbers; :meth:`at` when ``H`` is outside ``(0, 1]`` or a
        constant would leave its range there (``E < 0``, ``A, B, α, β ≤ 0``).

    Examples
    --------
    >>> from scaling_utils import laws
    >>> family = laws.CompressibilityLaw(E=(0.0, 5.0), A=(400.0, 0.0), B=(400.0, 0.0),
    ...                                  alpha=(0.34, 0.0), beta=(0.44, -0.5))
    >>> print(family.at(0.3))
    L(N, D) = 1.5 + 400/N^0.34 + 400/D^0.29

    Introduced in lesson 07.
    """

    E: tuple
    A: tuple
    B: tuple
    alpha: tuple
    beta: tuple

    def __post_init__(self):
        for name in _CHINCHILLA_CONSTANTS:
            pair = getattr(self, name)
            if not isinstance(pair, (tuple, list, np.ndarray)) or len(pair) != 2:
                raise CourseValueError(f"{name} must be a pair (intercept, slope in H), such as "
                                       f"(0.34, 0.0); got {_validate._describe(pair)}.")
            object.__setattr__(self, name, (_validate.real(pair[0], f"{name} intercept"),
                                            _validate.real(pair[1], f"{name} slope")))

    def at(self, compressibility) -> ChinchillaLaw:
        """The Chinchilla law of data with gzip-compressibility ``H``.

        Parameters
        ----------
        compressibility : float
            ``H``, compressed size ÷ raw size, in ``(0, 1]``.

        Returns
        -------
        ChinchillaLaw

        Raises
        ------
        CourseValueError
            When ``H`` is outside ``(0, 1]`` or a constant leaves its range at that ``H``.

        Examples
        --------
        >>> from scaling_utils import studies
        >>> law = studies.MIXTURE_LAW.at(0.2)
        >>> f"{law.E:.3f}", f"{law.beta:.2f}"
        ('1.038', '0.38')

        Introduced in lesson 07.
        """
        h = _validate.fraction(compressibility, "compressibility", open_high=False)
        values = {name: getattr(self, name)[0] + getattr(self, name)[1] * h
                  for name in _CHINCHILLA_CONSTANTS}
        try:
            return ChinchillaLaw(**values)
        except CourseValueError as error:
            raise CourseValueError(f"At compressibility {h:g} this law leaves its range: "
                                   f"{error}") from None


@dataclass(frozen=True)
class MixingLaw:
    r"""Ye et al.'s data-mixing law: the loss on each validation domain as a function of the
    training mixture's proportions (arXiv:2403.16952, the form for several training domains;
    equation numbers not checked):

    .. math:: L_i(r_1, \dots, r_M) = c_i + k_i \exp\Bigl(\sum_{j=1}^{M} t_{ij} r_j\Bigr),

    for validation domain ``i`` and training proportions ``r_j ≥ 0`` summing to 1; a
    validation set that mixes the domains with weights ``s_i`` has loss ``Σ s_i L_i``, as they
    combine validation domains. ``t_ij < 0`` says that more of domain ``j`` lowers the loss on ``i``. The authors
    fit ``c, k, t`` on small models trained on a few mixtures and pick the mixture the law
    predicts best; their repository (yegcjs/mixinglaws) fits the two-domain case as
    ``c + exp(k·r + b)``. The fitted constants are not printed in the paper, so the lesson's
    instance is chosen for illustration.

    Parameters
    ----------
    c, k : sequence of float
        One per validation domain: the floor ``c_i ≥ 0`` and the scale ``k_i > 0``.
    t : 2-d sequence of float
        ``t[i][j]``: validation domain ``i``, training domain ``j``.

    Raises
    ------
    CourseValueError
        When the shapes do not agree or a constant is out of its range; :meth:`loss` when the
        proportions are negative or do not sum to 1.

    Examples
    --------
    >>> from scaling_utils import laws
    >>> law = laws.MixingLaw(c=[1.0, 0.5], k=[2.0, 2.0], t=[[-1.0, -0.2], [-0.2, -2.0]])
    >>> law.loss([0.5, 0.5]).round(3)
    array([2.098, 1.166])

    Introduced in lesson 07.
    """

    c: tuple
    k: tuple
    t: tuple

    def __post_init__(self):
        c = _validate.finite_array(self.c, "c")
        k = _validate.positive_array(self.k, "k")
        t = _validate.finite_array(self.t, "t")
        if c.ndim != 1 or k.shape != c.shape or t.ndim != 2 or t.shape[0] != c.size:
            raise CourseValueError(f"c and k need one value per validation domain and t one row "
                                   f"per validation domain; got c {c.shape}, k {k.shape}, "
                                   f"t {t.shape}.")
        if np.any(c < 0):
            raise CourseValueError(f"the floors c must be 0 or more; got {c.tolist()}.")
        for name, value in (("c", c), ("k", k), ("t", t)):
            object.__setattr__(self, name, tuple(map(tuple, value)) if value.ndim == 2
                               else tuple(value.tolist()))

    @property
    def n_train(self) -> int:
        """How many training domains the mixture has."""
        return len(self.t[0])

    def loss(self, proportions, weights=None):
        """The loss on each validation domain, or on a weighted validation set.

        Parameters
        ----------
        proportions : sequence of float
            ``r_j``, one per training domain: 0 or more, summing to 1 (within 1e-9); a 2-d
            array holds one mixture per row.
        weights : sequence of float, optional
            ``s_i``, the validation set's weights (0 or more, summing to 1); then the weighted
            loss is returned.

        Returns
        -------
        numpy.ndarray
            One loss per validation domain (per row), or the weighted loss (per row).

        Raises
        ------
        CourseValueError
            When a proportion is negative, they do not sum to 1, or a length is wrong.

        Examples
        --------
        >>> from scaling_utils import laws
        >>> law = laws.MixingLaw(c=[1.0, 0.5], k=[2.0, 2.0], t=[[-1.0, -0.2], [-0.2, -2.0]])
        >>> f"{law.loss([0.3, 0.7], weights=[0.5, 0.5]):.4f}"
        '1.6263'

        Introduced in lesson 07.
        """
        r = _simplex(proportions, self.n_train, "proportions")
        losses = np.asarray(self.c) + np.asarray(self.k) * np.exp(r @ np.asarray(self.t).T)
        if weights is None:
            return losses[0] if np.ndim(proportions) == 1 else losses
        s = _simplex(weights, len(self.c), "weights")[0]
        weighted = losses @ s
        return float(weighted[0]) if np.ndim(proportions) == 1 else weighted


def _simplex(values, size: int, name: str) -> np.ndarray:
    """Rows of ``size`` shares, each ≥ 0 and summing to 1."""
    array = _validate.finite_array(values, name)
    rows = np.atleast_2d(array)
    if rows.ndim != 2 or rows.shape[1] != size:
        raise CourseValueError(f"{name} must hold {size} shares (one per domain); got "
                               f"{_validate._describe(values)}.")
    if np.any(rows < 0) or not np.allclose(rows.sum(axis=1), 1.0, rtol=0, atol=1e-9):
        raise CourseValueError(f"{name} are shares: each 0 or more, summing to 1 (such as "
                               f"[0.3, 0.7]); got {rows.tolist()}.")
    return rows
