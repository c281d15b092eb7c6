"""How to spend a compute budget: the best model size and data for a given law.

Built on :mod:`scaling_utils.laws`, :mod:`scaling_utils.compute` and
:mod:`scaling_utils.references`; the fitting layer is not needed here. Bad input raises
:class:`~scaling_utils.CourseValueError` (a ``ValueError``) with a sentence that says what to give.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate, compute, laws, references
from ._validate import CourseValueError

__all__ = ["Allocation", "optimal_on_compute_line", "sizes_within", "kaplan_frontier_params",
           "kaplan_frontier_tokens", "chinchilla_optimal", "RunAssessment", "assess_run",
           "optimal_non_embedding", "DataConstrainedAllocation", "data_constrained_optimal",
           "DataLimit", "data_constrained_limit", "smallest_params_for_loss", "equal_loss_tokens",
           "InferenceAwareAllocation", "inference_aware_optimal", "CostAwareAllocation",
           "inference_aware_cost_optimal", "SizeVersusSamples", "size_versus_samples",
           "Plan", "plan", "Sensitivity", "plan_sensitivity"]


def _two_variable_law(law) -> None:
    """Refuse anything that cannot be called as ``law(n_params, n_tokens)`` → one number."""
    if not callable(law):
        raise CourseValueError(f"law must be callable as law(n_params, n_tokens), such as "
                               f"references.kaplan_joint_law(); got {_validate._describe(law)}.")
    try:
        value = float(law(1e9, 2e10))
    except CourseValueError:
        raise
    except (TypeError, ValueError) as error:
        raise CourseValueError(f"law must be callable as law(n_params, n_tokens) and give one "
                               f"number; law(1e9, 2e10) failed: {error}") from None
    if not np.isfinite(value):
        raise CourseValueError(f"law(1e9, 2e10) gave {value}; a law must give finite losses.")


@dataclass(frozen=True)
class Allocation:
    """A split of ``compute`` FLOPs into ``n_params`` and ``n_tokens`` (``6·N·D = compute``).

    ``loss`` is the law's loss there. Returned by :func:`optimal_on_compute_line` and
    :func:`sizes_within`.

    Examples
    --------
    >>> from scaling_utils import allocation
    >>> split = allocation.Allocation(compute=5.88e23, n_params=70e9, n_tokens=1.4e12, loss=1.94)
    >>> f"{split.tokens_per_param:.0f}"
    '20'

    Introduced in lesson 03.
    """

    compute: float
    n_params: float
    n_tokens: float
    loss: float

    @property
    def tokens_per_param(self) -> float:
        """``D/N``, training tokens per parameter."""
        return self.n_tokens / self.n_params


def optimal_on_compute_line(law, compute_flops, *, n_range=(1e3, 1e16)) -> Allocation:
    r"""The model size that minimises ``law(N, D)`` subject to ``6·N·D = C``, found numerically.

    Along the line ``D = C/(6N)`` (:func:`scaling_utils.compute.tokens_for_compute`) the loss is
    a function of ``log N`` alone; it is minimised by a bounded scalar search
    (``scipy.optimize.minimize_scalar``) over ``n_range``. Works for any callable law of
    ``(n_params, n_tokens)``; for a :class:`~scaling_utils.laws.ChinchillaLaw` the closed form
    :func:`chinchilla_optimal` gives the same answer.

    Parameters
    ----------
    law : callable
        ``law(n_params, n_tokens)`` → loss, such as ``references.kaplan_joint_law()``.
    compute_flops : float
        ``C`` in FLOPs (> 0).
    n_range : (float, float)
        The model sizes searched, ``(low, high)`` with ``0 < low < high``.

    Returns
    -------
    Allocation

    Raises
    ------
    CourseValueError
        When ``law`` cannot be called as ``law(n_params, n_tokens)``, an argument is out of its
        range, or the optimum lies on the edge of ``n_range`` (the law has no interior minimum
        there: widen it).

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> best = allocation.optimal_on_compute_line(references.kaplan_joint_law(), 1e21)
    >>> f"{best.n_params:.3g}", f"{best.tokens_per_param:.3g}", f"{best.loss:.4f}"
    ('6.23e+09', '4.29', '2.1360')

    Introduced in lesson 03.
    """
    from scipy.optimize import minimize_scalar

    _two_variable_law(law)
    c = _validate.positive_float(compute_flops, "compute_flops")
    low, high = _validate.positive_range(n_range, "n_range")

    def loss(log_n):
        n = 10.0**log_n
        return float(law(n, compute.tokens_for_compute(c, n)))

    result = minimize_scalar(loss, bounds=(np.log10(low), np.log10(high)), method="bounded",
                             options={"xatol": 1e-8})
    if not np.isfinite(result.fun):
        raise CourseValueError(f"the law gave a loss that is not finite on the compute line "
                               f"{c:.3g}; check the law over n_range {n_range}.")
    edge = min(result.x - np.log10(low), np.log10(high) - result.x)
    if edge < 1e-3:
        raise CourseValueError(f"the best model size lies on the edge of n_range {n_range}: the "
                               f"law has no minimum inside it at compute {c:.3g}; widen n_range.")
    n = 10.0**result.x
    return Allocation(c, float(n), float(compute.tokens_for_compute(c, n)), float(result.fun))


def sizes_within(law, compute_flops, excess, *, n_range=(1e3, 1e16)):
    r"""The smallest and largest model sizes on the line ``6·N·D = C`` whose loss is within
    ``excess`` (a fraction) of the lowest loss on that line: how flat the optimum is.

    Solves ``law(N, C/(6N)) = (1 + excess)·L_min`` by root-finding in ``log N``
    (``scipy.optimize.brentq``) on each side of :func:`optimal_on_compute_line`.

    Parameters
    ----------
    law : callable
        ``law(n_params, n_tokens)`` → loss.
    compute_flops : float
        ``C`` in FLOPs (> 0).
    excess : float
        A fraction in (0, 1): 0.02 for 2 %. A whole-number percentage such as 2 is refused
        (it would mean 200 %).
    n_range : (float, float)
        The model sizes searched.

    Returns
    -------
    (float, float, Allocation)
        ``(smaller, larger, best)`` with ``best`` the :class:`Allocation` at the optimum.

    Raises
    ------
    CourseValueError
        As :func:`optimal_on_compute_line`; when ``excess`` is not a fraction; when the loss stays
        within ``excess`` of the best beyond ``n_range``.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> small, large, best = allocation.sizes_within(references.BESIROGLU_2024, 1e21, 0.01)
    >>> f"{small:.3g}", f"{best.n_params:.3g}", f"{large:.3g}"
    ('1.18e+09', '2.78e+09', '6.54e+09')

    Introduced in lesson 03.
    """
    from scipy.optimize import brentq

    e = _validate.fraction_not_percent(excess, "excess")
    best = optimal_on_compute_line(law, compute_flops, n_range=n_range)
    low_n, high_n = _validate.positive_range(n_range, "n_range")
    c = best.compute

    def gap(log_n):
        n = 10.0**log_n
        return float(law(n, compute.tokens_for_compute(c, n))) / best.loss - 1.0 - e

    low, high = np.log10(low_n), min(np.log10(high_n), np.log10(c / 6.0))
    centre = np.log10(best.n_params)
    if gap(low) < 0 or gap(high) < 0:
        raise CourseValueError(f"the loss stays within {e:.1%} of the best beyond n_range "
                               f"{n_range}; widen n_range.")
    return 10.0 ** brentq(gap, low, centre), 10.0 ** brentq(gap, centre, high), best


def kaplan_frontier_params(compute_flops):
    r"""Kaplan et al.'s compute-efficient model size, ``N = N_e·(C_min/PF-day)^{p_N}``.

    Constants from Table 6 of Kaplan et al. (2020): ``N_e = 1.3·10⁹``, ``p_N = 0.73``. ``C_min``
    is their minimum compute to reach a loss (Eq. 5.5: training with batches well below the
    critical batch size); this function takes FLOPs and converts to PF-days. It comes from their
    training-curve analysis with early stopping (Section 6), not from minimising ``L(N, D)`` on a
    compute line (see lesson 03).

    Parameters
    ----------
    compute_flops : float or array
        ``C_min`` in FLOPs (> 0).

    Returns
    -------
    float, or an array.

    Raises
    ------
    CourseValueError
        When a value is not positive.

    Examples
    --------
    >>> from scaling_utils import allocation, compute
    >>> f"{allocation.kaplan_frontier_params(compute.PF_DAY):.3g}"      # N_e
    '1.3e+09'

    Introduced in lesson 03.
    """
    c = _validate.positive_array(compute_flops, "compute_flops")
    f = references.KAPLAN_2020_FRONTIER
    result = f.N_e * (compute.flops_to_pf_days(c)) ** f.p_N
    return _validate.scalar_or_array(result, compute_flops)


def kaplan_frontier_tokens(compute_flops):
    r"""Kaplan et al.'s compute-efficient number of tokens, ``D = D_e·(C_min/PF-day)^{p_D}``.

    Constants from Table 6 of Kaplan et al. (2020): ``D_e = 2·10¹⁰`` tokens, ``p_D = 0.27``.
    Together with :func:`kaplan_frontier_params` it gives ``6·N·D ≈ 2·C_min``: Table 6 counts the
    tokens processed when training at the critical batch size, which takes about twice the
    minimum number of examples ``E_min`` (their Eq. 5.4–5.5 and §6.1).

    Parameters
    ----------
    compute_flops : float or array
        ``C_min`` in FLOPs (> 0).

    Returns
    -------
    float, or an array.

    Raises
    ------
    CourseValueError
        When a value is not positive.

    Examples
    --------
    >>> from scaling_utils import allocation, compute
    >>> f"{allocation.kaplan_frontier_tokens(compute.PF_DAY):.3g}"      # D_e
    '2e+10'

    Introduced in lesson 03.
    """
    c = _validate.positive_array(compute_flops, "compute_flops")
    f = references.KAPLAN_2020_FRONTIER
    result = f.D_e * (compute.flops_to_pf_days(c)) ** f.p_D
    return _validate.scalar_or_array(result, compute_flops)


def chinchilla_optimal(law, compute_flops):
    r"""The compute-optimal model size and tokens for a :class:`~scaling_utils.laws.ChinchillaLaw`.

    Minimising ``E + A/N^α + B/D^β`` subject to ``6·N·D = C`` (Hoffmann et al. 2022, Eq. 4):

    .. math:: N_{opt} = G\,(C/6)^{a}, \quad D_{opt} = G^{-1}(C/6)^{b}, \quad
              a = \frac{\beta}{\alpha+\beta},\ b = \frac{\alpha}{\alpha+\beta},\
              G = \left(\frac{\alpha A}{\beta B}\right)^{1/(\alpha+\beta)}.

    Derivation: on the line ``D = C/(6N)`` the loss is ``E + A N^{-α} + B (6N/C)^β``; setting its
    derivative to zero gives ``αA N^{-α} = βB (6N/C)^β``, which solves to the above.

    Parameters
    ----------
    law : scaling_utils.laws.ChinchillaLaw
        The law.
    compute_flops : float or array
        ``C`` in FLOPs (> 0).

    Returns
    -------
    (n_params, n_tokens)
        Floats for a scalar ``compute_flops`` and arrays for an array, with
        ``6·n_params·n_tokens == compute_flops``.

    Raises
    ------
    CourseValueError
        When ``law`` is not a ChinchillaLaw (the message points to
        :func:`optimal_on_compute_line` for other laws) or a budget is not positive.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> n, d = allocation.chinchilla_optimal(references.BESIROGLU_2024, 5.76e23)   # Gopher's
    >>> f"{n:.3g} parameters, {d:.3g} tokens, {d / n:.1f} tokens per parameter"
    '7.22e+10 parameters, 1.33e+12 tokens, 18.4 tokens per parameter'

    Introduced in lesson 04.
    """
    laws.require_chinchilla_law(law)
    c = _validate.positive_array(compute_flops, "compute_flops")
    n = law.G * (c / 6.0) ** law.a
    d = (c / 6.0) ** law.b / law.G
    if np.ndim(compute_flops) == 0:
        return float(n), float(d)
    return n, d


@dataclass(frozen=True)
class RunAssessment:
    """How a run of ``n_params`` on ``n_tokens`` compares with the compute-optimal run of the
    same budget under a law. Made by :func:`assess_run`.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> gopher = allocation.assess_run(references.BESIROGLU_2024, 280e9, 300e9)
    >>> gopher.regime, f"{gopher.size_ratio:.2f}", f"{gopher.excess_loss:.2%}"
    ('data-limited', '4.15', '1.08%')

    Introduced in lesson 04.
    """

    n_params: float
    n_tokens: float
    loss: float
    optimal_params: float
    optimal_tokens: float
    optimal_loss: float

    @property
    def size_ratio(self) -> float:
        """``N / N_opt``: above 1 the model is oversized for its compute, below 1 undersized."""
        return self.n_params / self.optimal_params

    @property
    def excess_loss(self) -> float:
        """How much higher the loss is than at the optimum, as a fraction."""
        return self.loss / self.optimal_loss - 1.0

    @property
    def regime(self) -> str:
        """``"data-limited"`` (oversized, undertrained), ``"parameter-limited"`` (undersized,
        overtrained) or ``"compute-optimal"`` (within 10% of the optimal size)."""
        if abs(np.log(self.size_ratio)) <= np.log(1.1):
            return "compute-optimal"
        return "data-limited" if self.size_ratio > 1 else "parameter-limited"

    def __str__(self) -> str:
        return (f"N = {self.n_params:.3g}, D = {self.n_tokens:.3g} ({self.n_tokens / self.n_params:.3g} "
                f"tokens/parameter): loss {self.loss:.4f}, {self.regime}; the optimum for this "
                f"compute is N = {self.optimal_params:.3g}, D = {self.optimal_tokens:.3g} "
                f"(loss {self.optimal_loss:.4f}; this run's loss is {100 * self.excess_loss:.2f}% "
                f"higher)")


def assess_run(law, n_params, n_tokens) -> RunAssessment:
    r"""Compare a run with the compute-optimal run of the same budget ``C = 6·N·D``.

    A model larger than ``N_opt(C)`` (:func:`chinchilla_optimal`) has too few tokens for its
    size: its data term ``B/D^β`` is what holds it back (*data-limited*; oversized and
    undertrained, like Gopher against Chinchilla, Hoffmann et al. 2022, §4). A smaller one has
    more tokens than it can use (*parameter-limited*). Both lose to the balanced run; the
    assessment says by how much.

    Parameters
    ----------
    law : scaling_utils.laws.ChinchillaLaw
        The law.
    n_params, n_tokens : float
        The run's ``N`` and ``D`` (> 0).

    Returns
    -------
    RunAssessment

    Raises
    ------
    CourseValueError
        When ``law`` is not a ChinchillaLaw or a size is not positive.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> run = allocation.assess_run(references.BESIROGLU_2024, 70e9, 1.4e12)   # Chinchilla
    >>> run.regime, f"{run.loss:.4f}", f"{run.optimal_params:.3g}"
    ('compute-optimal', '1.9739', '7.3e+10')

    Introduced in lesson 04.
    """
    laws.require_chinchilla_law(law)
    n = _validate.positive_float(n_params, "n_params")
    d = _validate.positive_float(n_tokens, "n_tokens")
    c = compute.training_flops(n, d)
    n_opt, d_opt = chinchilla_optimal(law, c)
    return RunAssessment(n, d, float(law(n, d)), n_opt, d_opt, float(law(n_opt, d_opt)))


def optimal_non_embedding(law, compute_flops, *, embedding_coefficient=None):
    r"""The best *non-embedding* size when compute is counted Kaplan's way, under a law of *total*
    parameters (Pearce & Song 2024).

    A model with ``N_E`` non-embedding parameters has about ``N_T = N_E + γ·N_E^{1/3}`` in total
    (``γ`` = ``embedding_coefficient``, 47,491 by default: a 32k vocabulary and an aspect ratio
    of 39.2, from Pearce & Song's reproduction code;
    :data:`scaling_utils.references.PEARCE_SONG_2024`). Compute is counted as ``C_E = 6·N_E·D``,
    and the loss comes from ``law(N_T, D)``. Returns the ``N_E`` that minimises the loss at each
    ``compute_flops`` (numerically, by a bounded search in ``log N_E``).

    Parameters
    ----------
    law : scaling_utils.laws.ChinchillaLaw
        The law, in total parameters.
    compute_flops : float or list of float
        ``C_E`` in FLOPs, each more than 6 (one parameter trained on one token).
    embedding_coefficient : float, optional
        ``γ`` (≥ 0); 0 gives :func:`chinchilla_optimal`'s ``N_opt``.

    Returns
    -------
    float, or an array for a list of budgets.

    Raises
    ------
    CourseValueError
        When ``law`` is not a ChinchillaLaw, a budget is not above 6 FLOPs or not a flat list,
        or ``embedding_coefficient`` is negative.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> law = references.HOFFMANN_2022_UNROUNDED
    >>> f"{allocation.optimal_non_embedding(law, 1e21):.3g}"
    '2.12e+09'

    Introduced in lesson 05.
    """
    from scipy.optimize import minimize_scalar

    laws.require_chinchilla_law(law)
    gamma = (references.PEARCE_SONG_2024.embedding_coefficient if embedding_coefficient is None
             else _validate.nonnegative_float(embedding_coefficient, "embedding_coefficient"))
    budgets = _validate.positive_array(compute_flops, "compute_flops")
    if budgets.ndim:  # a list of budgets must be flat
        (budgets,) = _validate.positive_arrays(compute_flops=budgets)
    if (budgets <= 6.0).any():
        raise CourseValueError(f"compute_flops must exceed 6 FLOPs (one parameter trained on one "
                               f"token); got {budgets[budgets <= 6.0].flat[0]:g}.")

    def best(c):
        def loss(log_n):
            n_e = 10.0**log_n
            return float(law(n_e + gamma * n_e ** (1 / 3), c / (6.0 * n_e)))
        upper = np.log10(c / 6.0)  # at least one token
        return 10.0 ** minimize_scalar(loss, bounds=(0.0, upper), method="bounded",
                                       options={"xatol": 1e-9}).x

    result = np.array([best(c) for c in np.atleast_1d(budgets)])
    return float(result[0]) if np.ndim(compute_flops) == 0 else result


def _require_data_constrained_law(law) -> None:
    if not isinstance(law, laws.DataConstrainedLaw):
        hint = (" To put the repetition model on a ChinchillaLaw use "
                "laws.DataConstrainedLaw.from_law(law)." if isinstance(law, laws.ChinchillaLaw)
                else "")
        raise CourseValueError(f"law must be a laws.DataConstrainedLaw, such as "
                               f"references.MUENNIGHOFF_2023; got {_validate._describe(law)}.{hint}")


@dataclass(frozen=True)
class DataConstrainedAllocation:
    """The best split of ``compute`` FLOPs when only ``unique_tokens`` are available.

    Made by :func:`data_constrained_optimal`. ``n_params`` and ``n_tokens`` satisfy
    ``6·N·D = compute``; ``epochs = D/U`` (below 1 when the data are not all needed);
    ``loss`` is the data-constrained law's loss there. ``chinchilla_params`` and
    ``chinchilla_tokens`` are what the one-epoch base law would choose for the same compute, as
    if every token were fresh.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> best = allocation.data_constrained_optimal(references.MUENNIGHOFF_2023, 1e22, 25e9)
    >>> f"{best.epochs:.2f}", f"{best.params_vs_chinchilla:.2f}"
    ('9.49', '0.76')

    Introduced in lesson 07.
    """

    compute: float
    unique_tokens: float
    n_params: float
    n_tokens: float
    loss: float
    chinchilla_params: float
    chinchilla_tokens: float

    @property
    def epochs(self) -> float:
        """``D/U``: passes over the unique data."""
        return self.n_tokens / self.unique_tokens

    @property
    def tokens_per_param(self) -> float:
        """``D/N``, training tokens per parameter."""
        return self.n_tokens / self.n_params

    @property
    def params_vs_chinchilla(self) -> float:
        """``N/N_opt``: below 1, a smaller model than the one-epoch law would pick."""
        return self.n_params / self.chinchilla_params

    def __str__(self) -> str:
        return (f"C = {self.compute:.3g} FLOPs, U = {self.unique_tokens:.3g} unique tokens: "
                f"N = {self.n_params:.4g}, D = {self.n_tokens:.4g} ({self.epochs:.3g} epochs), "
                f"loss {self.loss:.4f}; the one-epoch law would pick N = "
                f"{self.chinchilla_params:.4g}, D = {self.chinchilla_tokens:.4g}")


def _best_on_line(law, c: float, u: float):
    """``(log N, loss)`` of the lowest loss on ``6·N·D = c``: a grid, then a bounded search."""
    from scipy.optimize import minimize_scalar

    def loss(log_n):
        n = np.exp(log_n)
        return np.asarray(law.loss(n, c / (6.0 * n), u))

    # Search N from one token per parameter's worth down to one parameter: D = C/(6N) ≥ N.
    high = 0.5 * np.log(c / 6.0)
    grid = np.linspace(0.0, high, 241)
    values = loss(grid)
    i = int(np.argmin(values))
    low_edge, high_edge = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    result = minimize_scalar(lambda x: float(loss(x)), bounds=(low_edge, high_edge),
                             method="bounded", options={"xatol": 1e-11})
    if result.fun <= values[i]:
        return float(result.x), float(result.fun)
    return float(grid[i]), float(values[i])


def data_constrained_optimal(law, compute_flops, unique_tokens) -> DataConstrainedAllocation:
    r"""The compute-optimal model size and tokens when the unique data are capped.

    Minimises Muennighoff et al.'s data-constrained loss (arXiv:2305.16264, Eq. 5–6; see
    :class:`~scaling_utils.laws.DataConstrainedLaw`) along the compute line ``6·N·D = C``, with
    ``U`` unique tokens repeated for ``D/U`` epochs when ``D > U`` (their Eq. 4: minimise
    ``L(N, D)`` subject to ``FLOPs(N, D) = C`` and ``U_D ≤ D_C``). The loss is a smooth function
    of ``log N`` on that line; it is scanned on a grid of 241 points from one parameter to
    ``N = D`` and refined by a bounded scalar search to 1e-11 in ``log N``, which pins ``N``
    and ``D`` to better than 1e-6 relative. The authors' README does this by a coarse grid of
    model sizes; the answer agrees to the grid's resolution.

    When the data are plentiful (``U`` above the one-epoch optimum's tokens) the answer is
    Chinchilla's; as ``C`` grows past that, the optimum repeats the data for more epochs and
    grows the model more slowly than the one-epoch law would.

    Parameters
    ----------
    law : scaling_utils.laws.DataConstrainedLaw
        The law, such as ``references.MUENNIGHOFF_2023``.
    compute_flops : float
        ``C`` in FLOPs (> 6).
    unique_tokens : float
        ``U``, the unique tokens available (> 0).

    Returns
    -------
    DataConstrainedAllocation

    Raises
    ------
    CourseValueError
        When ``law`` is not a DataConstrainedLaw, or a budget is not a positive number.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> best = allocation.data_constrained_optimal(references.MUENNIGHOFF_2023, 1e22, 25e9)
    >>> f"N = {best.n_params:.4g}, D = {best.n_tokens:.4g}, {best.epochs:.2f} epochs"
    'N = 7.026e+09, D = 2.372e+11, 9.49 epochs'
    >>> f"{best.loss:.4f}"                 # the README's grid: 7.02e9 parameters, 2.373e11 tokens
    '2.2221'

    Introduced in lesson 07.
    """
    _require_data_constrained_law(law)
    c = _validate.positive_float(compute_flops, "compute_flops")
    u = _validate.positive_float(unique_tokens, "unique_tokens")
    if c <= 6.0:
        raise CourseValueError(f"compute_flops must exceed 6 FLOPs (one parameter trained on one "
                               f"token); got {c:g}.")
    log_n, loss = _best_on_line(law, c, u)
    n = float(np.exp(log_n))
    n_opt, d_opt = chinchilla_optimal(law.base, c)
    return DataConstrainedAllocation(c, u, n, c / (6.0 * n), loss, n_opt, d_opt)


@dataclass(frozen=True)
class DataLimit:
    """Where more compute stops paying when the unique data are capped.

    Made by :func:`data_constrained_limit`. ``loss_floor`` is the lowest loss any compute can
    reach with ``unique_tokens``; ``compute`` is the budget from which the optimal loss is within
    ``excess`` (a fraction) of that floor, and ``allocation`` the optimum there.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> limit = allocation.data_constrained_limit(references.MUENNIGHOFF_2023, 25e9)
    >>> f"{limit.loss_floor:.4f}"
    '2.1559'

    Introduced in lesson 07.
    """

    unique_tokens: float
    excess: float
    loss_floor: float
    compute: float
    allocation: DataConstrainedAllocation

    def __str__(self) -> str:
        return (f"With {self.unique_tokens:.3g} unique tokens no compute gets below loss "
                f"{self.loss_floor:.4f}; from C = {self.compute:.3g} FLOPs on, the best loss is "
                f"within {100 * self.excess:g}% of it ({self.allocation.epochs:.3g} epochs, "
                f"N = {self.allocation.n_params:.3g})")


def data_constrained_limit(law, unique_tokens, *, excess=0.01) -> DataLimit:
    r"""The loss floor of a capped data set, and the compute from which more stops paying.

    With ``U`` unique tokens, effective data and parameters saturate (Muennighoff et al., Eq.
    5–6): ``D' → (1 + R_D*)·U`` and ``N' → (1 + R_N*)·U_N``, so no budget gets below

    .. math:: L_\infty(U) = E + \frac{A}{\bigl((1 + R_N^*)\,U_N\bigr)^{\alpha}}
              + \frac{B}{\bigl((1 + R_D^*)\,U\bigr)^{\beta}},

    with ``U_N`` the compute-optimal size for ``U`` tokens. The optimal loss
    (:func:`data_constrained_optimal`) falls towards it as compute grows; this returns the
    compute at which it comes within ``excess`` of it (``L_opt(C) = (1 + excess)·L_∞``), found
    by root-finding in ``log C``. Beyond that budget, compute buys less than ``excess`` of loss:
    more unique data (or other data, such as code) is what would help.

    Parameters
    ----------
    law : scaling_utils.laws.DataConstrainedLaw
        The law (both decay constants finite: with ``R* = ∞`` nothing saturates).
    unique_tokens : float
        ``U`` (> 0).
    excess : float, default 0.01
        A fraction in (0, 1): 0.01 for 1 %.

    Returns
    -------
    DataLimit

    Raises
    ------
    CourseValueError
        When ``law`` is not a DataConstrainedLaw with finite decay constants, ``unique_tokens``
        is not positive, or ``excess`` is not a fraction (1 would mean 100 %).

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> limit = allocation.data_constrained_limit(references.MUENNIGHOFF_2023, 25e9, excess=0.01)
    >>> f"{limit.compute:.3g}", f"{limit.allocation.epochs:.3g}"
    ('4.36e+22', '22.2')

    Introduced in lesson 07.
    """
    from scipy.optimize import brentq

    _require_data_constrained_law(law)
    u = _validate.positive_float(unique_tokens, "unique_tokens")
    share = _validate.fraction_not_percent(excess, "excess")
    if np.isinf(law.r_d_star) or np.isinf(law.r_n_star):
        raise CourseValueError("with an infinite R_D* or R_N* repeated data (or excess "
                               "parameters) never lose value and the loss has no floor; give "
                               "finite decay constants.")
    base = law.base
    floor = (base.E + base.A * ((1.0 + law.r_n_star) * law.unique_params(u)) ** -base.alpha
             + base.B * ((1.0 + law.r_d_star) * u) ** -base.beta)
    target = (1.0 + share) * floor

    def gap(log_c):
        return _best_on_line(law, float(np.exp(log_c)), u)[1] - target

    low = np.log(max(compute.training_flops(1.0, u), 7.0))
    if gap(low) <= 0:
        c = float(np.exp(low))
    else:
        high = low + np.log(10.0)
        while gap(high) > 0:
            high += np.log(10.0)
            if high - low > np.log(10.0) * 40:
                raise CourseValueError(f"the optimal loss does not come within {share:g} of its "
                                       f"floor below 1e40 times the starting budget; give a "
                                       f"larger excess.")
        c = float(np.exp(brentq(gap, high - np.log(10.0), high, xtol=1e-10)))
    return DataLimit(u, share, float(floor), c, data_constrained_optimal(law, c, u))


# --------------------------------------------------------------------------------------------
# Lesson 08: lifetime compute (Sardana et al. 2024)

def _target_above_floor(law, target_loss) -> float:
    """``target_loss`` as a float above the law's floor ``E``, or a sentence saying why not."""
    target = _validate.positive_float(target_loss, "target_loss")
    if target <= law.E:
        raise CourseValueError(
            f"target_loss {target:g} is at or below the law's irreducible loss E = {law.E:g}: "
            f"the loss E + A/N^α + B/D^β only approaches E as N and D grow without bound, so no "
            f"finite model and data reach it. Give a target above {law.E:g}.")
    return target


def smallest_params_for_loss(law, target_loss) -> float:
    r"""The size below which no amount of data reaches ``target_loss``: ``(A/(ℓ − E))^{1/α}``.

    With unlimited tokens the data term ``B/D^β`` vanishes and the loss of ``N`` parameters
    tends to ``E + A/N^α`` (Hoffmann et al. 2022, Eq. 2); it reaches ``ℓ`` only when
    ``A/N^α < ℓ − E``. The equal-loss curve :func:`equal_loss_tokens` runs off to infinite
    tokens as ``N`` falls to this size, which is where heavy inference demand pushes the
    lifetime optimum (:func:`inference_aware_optimal`).

    Parameters
    ----------
    law : scaling_utils.laws.ChinchillaLaw
        The law, such as ``references.SARDANA_2024``.
    target_loss : float
        ``ℓ``, above the law's ``E``.

    Returns
    -------
    float

    Raises
    ------
    CourseValueError
        When ``law`` is not a ChinchillaLaw or ``target_loss`` is at or below ``E``.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> f"{allocation.smallest_params_for_loss(references.SARDANA_2024, 1.947):.3g}"
    '3.32e+09'

    Introduced in lesson 08.
    """
    laws.require_chinchilla_law(law)
    target = _target_above_floor(law, target_loss)
    return float((law.A / (target - law.E)) ** (1.0 / law.alpha))


def equal_loss_tokens(law, n_params, target_loss):
    r"""The training tokens a model of ``n_params`` needs to reach ``target_loss``: the equal-loss
    curve in ``(N, D)``.

    Solving ``E + A/N^α + B/D^β = ℓ`` (Hoffmann et al. 2022, Eq. 2) for ``D``:

    .. math:: D(N) = \left(\frac{B}{\ell - E - A N^{-\alpha}}\right)^{1/\beta},

    defined for ``N`` above :func:`smallest_params_for_loss`, where the denominator is positive.
    Along this curve every model has the same quality; a smaller one needs more tokens, steeply
    so near the smallest size. Sardana et al. (2024), arXiv:2401.00448, choose the point of
    this curve that minimises lifetime compute (:func:`inference_aware_optimal`).

    Parameters
    ----------
    law : scaling_utils.laws.ChinchillaLaw
        The law.
    n_params : float or array_like
        Model sizes (> 0), each above the smallest size that can reach the target.
    target_loss : float
        ``ℓ``, above the law's ``E``.

    Returns
    -------
    float, or an array like ``n_params``.

    Raises
    ------
    CourseValueError
        When ``law`` is not a ChinchillaLaw, ``target_loss`` is at or below ``E``, or a size is
        too small to reach the target with any amount of data (the message gives the smallest).

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> law = references.SARDANA_2024
    >>> f"{allocation.equal_loss_tokens(law, 70e9, law(70e9, 1e12)):.4g}"
    '1e+12'
    >>> [f"{d:.3g}" for d in allocation.equal_loss_tokens(law, [2e10, 4e10], 1.947)]
    ['3.43e+12', '1.55e+12']

    Introduced in lesson 08.
    """
    laws.require_chinchilla_law(law)
    target = _target_above_floor(law, target_loss)
    n = _validate.positive_array(n_params, "n_params")
    room = target - law.E - law.A * n ** -law.alpha
    if (room <= 0).any():
        smallest = smallest_params_for_loss(law, target)
        raise CourseValueError(
            f"n_params {n[room <= 0].flat[0]:.4g} is too small to reach loss {target:g} with any "
            f"amount of data: its model term A/N^α alone leaves no room above E. Give sizes "
            f"above {smallest:.4g} parameters.")
    return _validate.scalar_or_array((law.B / room) ** (1.0 / law.beta), n_params)


@dataclass(frozen=True)
class InferenceAwareAllocation:
    """The model of ``target_loss`` that costs the least over its lifetime: training on
    ``n_tokens`` and then serving ``inference_tokens``. Made by :func:`inference_aware_optimal`
    (FLOPs) and :func:`inference_aware_cost_optimal` (dollars).

    ``chinchilla_params`` and ``chinchilla_tokens`` are the training-compute-optimal model of the
    same loss (what :func:`inference_aware_optimal` gives with no inference), the baseline
    Sardana et al. compare with; ``*_vs_chinchilla`` are the ratios their README prints as
    percentages. ``weighted_inference_tokens`` is the inference demand in training-token
    equivalents that the optimum was solved for: ``inference_tokens`` itself for FLOPs, the
    demand weighted by the price of an inference FLOP relative to a training FLOP for dollars.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> best = allocation.inference_aware_optimal(references.SARDANA_2024, 1.947, 2e12)
    >>> f"{best.tokens_per_param:.0f}", f"{best.total_flops:.4g}"
    ('110', '4.823e+23')

    Introduced in lesson 08.
    """

    target_loss: float
    inference_tokens: float
    n_params: float
    n_tokens: float
    chinchilla_params: float
    chinchilla_tokens: float
    weighted_inference_tokens: float

    @property
    def tokens_per_param(self) -> float:
        """``D/N``, training tokens per parameter."""
        return self.n_tokens / self.n_params

    @property
    def training_flops(self) -> float:
        """``6·N·D``."""
        return 6.0 * self.n_params * self.n_tokens

    @property
    def inference_flops(self) -> float:
        """``2·N·T``: a forward pass over every token served (prompt and output alike)."""
        return 2.0 * self.n_params * self.inference_tokens

    @property
    def total_flops(self) -> float:
        """Training plus inference FLOPs, ``6·N·D + 2·N·T``."""
        return self.training_flops + self.inference_flops

    @property
    def chinchilla_total_flops(self) -> float:
        """Lifetime FLOPs of the training-optimal model of the same loss serving the same demand."""
        return (6.0 * self.chinchilla_params * self.chinchilla_tokens
                + 2.0 * self.chinchilla_params * self.inference_tokens)

    @property
    def params_vs_chinchilla(self) -> float:
        """``N / N_Chinchilla`` at equal loss: below 1, a smaller model."""
        return self.n_params / self.chinchilla_params

    @property
    def tokens_vs_chinchilla(self) -> float:
        """``D / D_Chinchilla`` at equal loss: above 1, trained longer."""
        return self.n_tokens / self.chinchilla_tokens

    @property
    def flops_vs_chinchilla(self) -> float:
        """Lifetime FLOPs relative to the training-optimal model of the same loss (≤ 1)."""
        return self.total_flops / self.chinchilla_total_flops

    def __str__(self) -> str:
        return (f"loss {self.target_loss:g} serving {self.inference_tokens:.3g} tokens: "
                f"N = {self.n_params:.4g}, D = {self.n_tokens:.4g} "
                f"({self.tokens_per_param:.3g} tokens/parameter), lifetime "
                f"{self.total_flops:.4g} FLOPs; vs the Chinchilla-optimal model of that loss: "
                f"{self.params_vs_chinchilla:.2%} of the parameters, "
                f"{self.tokens_vs_chinchilla:.2%} of the tokens, "
                f"{self.flops_vs_chinchilla:.2%} of the FLOPs")


def _lifetime_optimum(law, target: float, weighted_tokens: float):
    r"""``(N, D)`` minimising ``6ND + 2NT`` on ``L(N, D) = target`` (``T = weighted_tokens``).

    Root of ``g(D) = B·D^{-β}·(α + β + βT/(3D)) − α(ℓ − E)``, strictly decreasing in ``D``, by
    Brent's method in ``ln D`` between the training-optimal ``D₀`` (``g(D₀) ≥ 0``) and
    ``max(T, D₀·((α + 4β/3)/(α + β))^{1/β})``, where ``g ≤ 0``.
    """
    from scipy.optimize import brentq

    a, b = law.alpha, law.beta
    room = target - law.E
    d0 = (law.B * (a + b) / (a * room)) ** (1.0 / b)
    if weighted_tokens == 0.0:
        d = d0
    else:
        high = max(weighted_tokens, d0 * ((a + b + b / 3.0) / (a + b)) ** (1.0 / b))

        def g(log_d):
            d = np.exp(log_d)
            return law.B * d ** -b * (a + b + b * weighted_tokens / (3.0 * d)) / (a * room) - 1.0

        d = float(np.exp(brentq(g, np.log(d0), np.log(high), xtol=1e-14, rtol=1e-15,
                                maxiter=200)))
    n = float((law.A / (room - law.B * d ** -b)) ** (1.0 / a))
    return n, d, d0


def inference_aware_optimal(law, target_loss, inference_tokens) -> InferenceAwareAllocation:
    r"""The model size and training tokens that reach ``target_loss`` with the least lifetime
    compute: training plus serving ``inference_tokens`` (Sardana et al. 2024).

    Sardana et al. (2024), arXiv:2401.00448: minimise the lifetime FLOPs
    ``F(N, D) = 6·N·D + 2·N·T`` (training, then a forward pass of ``2N`` FLOPs per token served,
    ``T`` = ``inference_tokens``) subject to reaching the loss, ``L(N, D) = ℓ`` with
    ``L = E + A/N^α + B/D^β``.

    *Derivation.* At the optimum the gradients of ``F`` and ``L`` are parallel (a Lagrange
    multiplier): ``∂F/∂N · ∂L/∂D = ∂F/∂D · ∂L/∂N``, i.e.
    ``(6D + 2T)·βB·D^{−β−1} = 6N·αA·N^{−α−1}``, so

    .. math:: \alpha A N^{-\alpha} = \beta B D^{-\beta}\Bigl(1 + \frac{T}{3D}\Bigr).

    Putting ``A N^{−α} = ℓ − E − B D^{−β}`` (the constraint) into it leaves one equation in
    ``D``:

    .. math:: B D^{-\beta}\Bigl(\alpha + \beta + \frac{\beta T}{3D}\Bigr) = \alpha(\ell - E),

    the equation Sardana et al.'s code hands to Newton's method (``compute_optimal_train_tokens``
    in their ``model_calculator.py``). Its left side falls strictly from ∞ to 0 as ``D`` grows, so
    it has exactly one root; here it is found by Brent's method on ``ln D`` to 1e-14, which fixes
    ``D`` and ``N = (A/(ℓ − E − B D^{−β}))^{1/α}`` to about 1e-12 relative. With ``T = 0`` it
    gives ``αA N^{−α} = βB D^{−β}``, Chinchilla's compute-optimal condition
    (:func:`chinchilla_optimal` at the same loss). As ``T → ∞`` the model shrinks towards the
    smallest size that can reach ``ℓ`` at all (:func:`smallest_params_for_loss`) and the tokens
    grow as ``D ≈ (βBT/(3α(ℓ − E)))^{1/(1+β)}``: smaller models trained on more tokens, paying
    more training compute to save more at inference.

    Parameters
    ----------
    law : scaling_utils.laws.ChinchillaLaw
        The law, such as ``references.SARDANA_2024`` (the one Sardana et al.'s code uses).
    target_loss : float
        ``ℓ``, the loss the model must reach, above the law's ``E``.
    inference_tokens : float
        ``T``, the tokens served over the model's life, prompt and output together (≥ 0).

    Returns
    -------
    InferenceAwareAllocation
        ``n_params``, ``n_tokens``, ``training_flops``, ``inference_flops``, ``total_flops`` and
        the comparison with the training-optimal model of the same loss.

    Raises
    ------
    CourseValueError
        When ``law`` is not a ChinchillaLaw, ``target_loss`` is at or below ``E`` (no finite
        model reaches it), or ``inference_tokens`` is negative or not a number.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> best = allocation.inference_aware_optimal(references.SARDANA_2024, 1.947, 2e12)
    >>> f"{best.n_params:.3e}", f"{best.n_tokens:.3e}"         # their README: 2.418e+10, 2.657e+12
    ('2.418e+10', '2.657e+12')
    >>> f"{best.params_vs_chinchilla:.2%}", f"{best.flops_vs_chinchilla:.2%}"
    ('70.96%', '95.22%')

    Introduced in lesson 08.
    """
    laws.require_chinchilla_law(law)
    target = _target_above_floor(law, target_loss)
    t = _validate.nonnegative_float(inference_tokens, "inference_tokens")
    n, d, _ = _lifetime_optimum(law, target, t)
    n0, d0, _ = _lifetime_optimum(law, target, 0.0)
    return InferenceAwareAllocation(target, t, n, d, n0, d0, t)


@dataclass(frozen=True)
class CostAwareAllocation(InferenceAwareAllocation):
    """:class:`InferenceAwareAllocation` in dollars: the cheapest model of ``target_loss`` when
    training, prompt processing (prefill) and generation (decode) FLOPs have different prices.
    Made by :func:`inference_aware_cost_optimal`.

    Examples
    --------
    >>> from scaling_utils import allocation, references
    >>> best = allocation.inference_aware_cost_optimal(
    ...     references.SARDANA_2024, 1.947, 1e13, 2.5e12, training_dollars_per_flop=1e-18,
    ...     prefill_dollars_per_flop=1e-18, decode_dollars_per_flop=5e-18)
    >>> f"{best.cost_vs_chinchilla:.1%}"
    '60.0%'

    Introduced in lesson 08.
    """

    prefill_tokens: float = 0.0
    decode_tokens: float = 0.0
    training_dollars_per_flop: float = 0.0
    prefill_dollars_per_flop: float = 0.0
    decode_dollars_per_flop: float = 0.0

    def _cost(self, n_params, n_tokens) -> float:
        return (6.0 * n_params * n_tokens * self.training_dollars_per_flop
                + 2.0 * n_params * (self.prefill_tokens * self.prefill_dollars_per_flop
                                    + self.decode_tokens * self.decode_dollars_per_flop))

    @property
    def training_cost(self) -> float:
        """Dollars to train: ``6·N·D·c_train``."""
        return 6.0 * self.n_params * self.n_tokens * self.training_dollars_per_flop

    @property
    def inference_cost(self) -> float:
        """Dollars to serve: ``2·N·(T_prefill·c_prefill + T_decode·c_decode)``."""
        return self._cost(self.n_params, self.n_tokens) - self.training_cost

    @property
    def total_cost(self) -> float:
        """Training plus inference dollars."""
        return self._cost(self.n_params, self.n_tokens)

    @property
    def chinchilla_cost(self) -> float:
        """Lifetime dollars of the training-optimal model of the same loss."""
        return self._cost(self.chinchilla_params, self.chinchilla_tokens)

    @property
    def cost_vs_chinchilla(self) -> float:
        """Lifetime cost relative to the training-optimal model of the same loss (≤ 1)."""
        return self.total_cost / self.chinchilla_cost

    def __str__(self) -> str:
        return (f"loss {self.target_loss:g} serving {self.prefill_tokens:.3g} prompt and "
                f"{self.decode_tokens:.3g} generated tokens: N = {self.n_params:.4g}, "
                f"D = {self.n_tokens:.4g}, lifetime ${self.total_cost:,.0f}; vs the "
                f"Chinchilla-optimal model of that loss: {self.params_vs_chinchilla:.2%} of the "
                f"parameters, {self.tokens_vs_chinchilla:.2%} of the tokens, "
                f"{self.cost_vs_chinchilla:.2%} of the cost")


def inference_aware_cost_optimal(law, target_loss, prefill_tokens, decode_tokens, *,
                                 training_dollars_per_flop, prefill_dollars_per_flop,
                                 decode_dollars_per_flop) -> CostAwareAllocation:
    r"""The cheapest model of ``target_loss`` in dollars, when training, prefill and decode FLOPs
    cost different amounts (Sardana et al. 2024, arXiv:2401.00448, their cost analysis).

    Minimises ``6·N·D·c_t + 2·N·(T_p·c_p + T_d·c_d)`` subject to ``L(N, D) = ℓ``, with ``c_t``,
    ``c_p``, ``c_d`` the dollars per *delivered* FLOP of training, of processing prompts and of
    generating tokens. A delivered FLOP costs ``price per hour / (3600 · peak FLOP/s · MFU)``:
    ``price × compute.gpu_hours(1, peak, mfu)``. Decoding runs at a lower utilisation than
    prefill, so its FLOPs are dearer than prefill's; whether they are dearer than training's
    depends on the hardware (in the README's example below they cost about half as much).

    The problem is :func:`inference_aware_optimal`'s with the demand ``T`` replaced by its price
    in training FLOPs, ``T_w = (T_p·c_p + T_d·c_d)/c_t``: the optimality condition is
    ``B D^{−β}(α + β + βT_w/(3D)) = α(ℓ − E)``, the equation of Sardana et al.'s
    ``cost_optimal_train_tokens`` (``cost_calculator.py``), solved the same way.

    Parameters
    ----------
    law : scaling_utils.laws.ChinchillaLaw
        The law, such as ``references.SARDANA_2024``.
    target_loss : float
        ``ℓ``, above the law's ``E``.
    prefill_tokens, decode_tokens : float
        Prompt tokens processed and tokens generated over the model's life (≥ 0).
    training_dollars_per_flop, prefill_dollars_per_flop, decode_dollars_per_flop : float
        Dollars per delivered FLOP of each kind (> 0).

    Returns
    -------
    CostAwareAllocation
        As :class:`InferenceAwareAllocation` (``inference_tokens = T_p + T_d``), with
        ``training_cost``, ``inference_cost``, ``total_cost`` and ``cost_vs_chinchilla``.

    Raises
    ------
    CourseValueError
        When ``law`` is not a ChinchillaLaw, ``target_loss`` is at or below ``E``, a token
        count is negative, or a price is not positive.

    The example below is their README's: A100-80GB at $1.40/h for training (BF16, 50% MFU),
    A100-40GB at $0.60/h for inference (INT8, 40% MFU prefill, 20% decode), 10¹⁰ requests of
    1,000 prompt and 250 generated tokens.

    Examples
    --------
    >>> from scaling_utils import allocation, compute, references
    >>> r = references.SARDANA_2024_README
    >>> train = r.cost_train_price * compute.gpu_hours(1.0, r.cost_train_peak, r.cost_train_mfu)
    >>> prefill = r.cost_inference_price * compute.gpu_hours(1.0, r.cost_inference_peak,
    ...                                                      r.cost_prefill_mfu)
    >>> decode = r.cost_inference_price * compute.gpu_hours(1.0, r.cost_inference_peak,
    ...                                                     r.cost_decode_mfu)
    >>> best = allocation.inference_aware_cost_optimal(
    ...     references.SARDANA_2024, 1.947, 1e10 * 1000, 1e10 * 250,
    ...     training_dollars_per_flop=train, prefill_dollars_per_flop=prefill,
    ...     decode_dollars_per_flop=decode)
    >>> f"{best.n_params:.3e}", f"{best.n_tokens:.3e}", f"{best.cost_vs_chinchilla:.2%}"
    ('2.053e+10', '3.302e+12', '88.76%')

    Introduced in lesson 08.
    """
    laws.require_chinchilla_law(law)
    target = _target_above_floor(law, target_loss)
    t_p = _validate.nonnegative_float(prefill_tokens, "prefill_tokens")
    t_d = _validate.nonnegative_float(decode_tokens, "decode_tokens")
    c_t = _validate.positive_float(training_dollars_per_flop, "training_dollars_per_flop")
    c_p = _validate.positive_float(prefill_dollars_per_flop, "prefill_dollars_per_flop")
    c_d = _validate.positive_float(decode_dollars_per_flop, "decode_dollars_per_flop")
    weighted = (t_p * c_p + t_d * c_d) / c_t
    n, d, _ = _lifetime_optimum(law, target, weighted)
    n0, d0, _ = _lifetime_optimum(law, target, 0.0)
    return CostAwareAllocation(target, t_p + t_d, n, d, n0, d0, weighted, t_p, t_d, c_t, c_p, c_d)


# --------------------------------------------------------------------------------------------
# Lesson 08: inference compute as an axis — a bigger model, or more samples of a smaller one?

# Probabilists' Gauss–Hermite rule: E f(Z) for Z ~ N(0, 1) as Σ w_i f(z_i), exact for
# polynomials of degree < 2·64; fixed nodes keep every result deterministic and fast.
_HERMITE_NODES, _HERMITE_WEIGHTS = np.polynomial.hermite_e.hermegauss(64)
_HERMITE_WEIGHTS = _HERMITE_WEIGHTS / _HERMITE_WEIGHTS.sum()


@dataclass(frozen=True)
class SizeVersusSamples:
    """Success at one inference budget per problem, for each model size: bigger models afford
    fewer samples. Made by :func:`size_versus_samples`.

    ``samples[i]`` is what model ``n_params[i]`` affords (0 when not even one);
    ``single_attempt`` its mean one-sample success rate; ``coverage`` the fraction of problems
    with at least one correct sample among them; ``success`` the fraction answered correctly
    after the verifier picks one (0 for a model that affords no sample).

    Examples
    --------
    >>> from scaling_utils import allocation
    >>> result = allocation.size_versus_samples([1e9, 1e10, 1e11], 2e15)
    >>> result.samples.tolist(), f"{result.best_params:.0e}"
    ([2000, 200, 20], '1e+09')

    Introduced in lesson 08.
    """

    n_params: np.ndarray
    inference_flops: float
    tokens_per_sample: float
    verifier_accuracy: float
    samples: np.ndarray
    single_attempt: np.ndarray
    coverage: np.ndarray
    success: np.ndarray

    @property
    def best(self) -> int:
        """Index of the model with the highest success (the smallest such on a tie)."""
        return int(np.argmax(self.success))

    @property
    def best_params(self) -> float:
        """The size of that model."""
        return float(self.n_params[self.best])

    def __str__(self) -> str:
        i = self.best
        return (f"{self.inference_flops:.3g} FLOPs per problem, verifier accuracy "
                f"{self.verifier_accuracy:g}: best N = {self.n_params[i]:.3g} with "
                f"{self.samples[i]} samples, success {self.success[i]:.1%} (one sample of the "
                f"largest affordable model: {self._largest_single():.1%})")

    def _largest_single(self) -> float:
        affordable = np.flatnonzero(self.samples >= 1)
        return float(self.single_attempt[affordable[-1]]) if affordable.size else 0.0


def size_versus_samples(model_sizes, inference_flops, *, tokens_per_sample=500,
                        verifier_accuracy=1.0, logit_per_decade=1.5, difficulty_mean=3.0,
                        difficulty_spread=2.0, reference_params=1e9) -> SizeVersusSamples:
    r"""At equal inference FLOPs per problem, is a bigger model or more samples of a smaller one
    better? Success of each model size, with a verifier picking among its samples.

    *Cost.* A sample of ``t`` tokens from a model of ``N`` parameters costs ``2·N·t`` FLOPs (a
    forward pass per token, as in :func:`inference_aware_optimal`), so a budget ``F`` per problem
    buys ``k = ⌊F/(2·N·t)⌋`` samples: ten times the parameters, a tenth of the samples.

    *Which problems a model solves* — a simple model of the course's, not a published law.
    Problem ``i`` has a difficulty ``d_i ~ Normal(μ, σ)`` (``difficulty_mean``,
    ``difficulty_spread``); a model of ``N`` parameters solves it in one attempt with probability

    .. math:: p_i(N) = \operatorname{logistic}\bigl(s\,\log_{10}(N/N_0) - d_i\bigr),

    ``s`` = ``logit_per_decade`` (every tenfold of parameters adds ``s`` to the log-odds of every
    problem), ``N_0`` = ``reference_params``. Averages over problems are taken by a 64-point
    Gauss–Hermite rule (deterministic, about 1e-10 accurate for these smooth integrands).

    *Selection.* Coverage ``1 − E(1 − p)^k`` counts a problem solved when any sample is right
    (Brown et al. 2024, arXiv:2407.21787). A real verifier is imperfect: with probability ``v``
    (``verifier_accuracy``) it picks a correct sample when one exists, otherwise it picks one at
    random (right with probability ``p``), so

    .. math:: \text{success}(k) = v\,\bigl(1 - \mathbb{E}(1-p)^k\bigr) + (1 - v)\,\mathbb{E}\,p.

    ``v = 1`` is an oracle (unit tests, a proof checker): samples pay, and a small model with
    many of them can beat a large one with few — Wu et al. (2024), arXiv:2408.00724, abstract:
    "smaller models (e.g., Llemma-7B) can outperform larger models given the same computation
    budgets"; Snell et al. (2024), arXiv:2408.03314, compare test-time compute with parameters
    in the same FLOPs-matched way. ``v = 0`` is a random pick: extra samples are worthless and
    the largest affordable model wins. Majority voting is not modelled (it needs the spread of
    wrong answers, which this model does not have).

    Parameters
    ----------
    model_sizes : list of float
        Parameter counts ``N`` to compare (> 0), a flat list.
    inference_flops : float
        ``F``, FLOPs spent per problem (> 0).
    tokens_per_sample : float, default 500
        ``t``, tokens generated per sample (> 0).
    verifier_accuracy : float, default 1.0
        ``v`` in [0, 1]: the chance the verifier picks a correct sample when there is one.
    logit_per_decade : float, default 1.5
        ``s`` (≥ 0), the gain in log-odds per tenfold of parameters.
    difficulty_mean : float, default 3.0
        ``μ``, the mean difficulty in log-odds at ``N_0`` (any sign).
    difficulty_spread : float, default 2.0
        ``σ`` (≥ 0), the spread of difficulties: the larger, the more very hard problems.
    reference_params : float, default 1e9
        ``N_0`` (> 0).

    Returns
    -------
    SizeVersusSamples
        ``samples``, ``single_attempt``, ``coverage`` and ``success`` per model, and ``best``.

    Raises
    ------
    CourseValueError
        When a size or budget is not positive, ``model_sizes`` is not a flat list,
        ``verifier_accuracy`` is outside [0, 1] (a percentage such as 90 is refused: give 0.9),
        or a spread or slope is negative.

    Examples
    --------
    >>> from scaling_utils import allocation
    >>> oracle = allocation.size_versus_samples([1e9, 1e10, 1e11], 1e14, verifier_accuracy=1.0)
    >>> oracle.samples.tolist(), [f"{s:.3f}" for s in oracle.success]
    ([100, 10, 1], ['0.822', '0.707', '0.500'])
    >>> random_pick = allocation.size_versus_samples([1e9, 1e10, 1e11], 1e14,
    ...                                              verifier_accuracy=0.0)
    >>> f"{random_pick.best_params:.0e}"
    '1e+11'

    Introduced in lesson 08.
    """
    (sizes,) = _validate.positive_arrays(model_sizes=model_sizes)
    budget = _validate.positive_float(inference_flops, "inference_flops")
    tokens = _validate.positive_float(tokens_per_sample, "tokens_per_sample")
    v = _validate.real(verifier_accuracy, "verifier_accuracy")
    if not 0.0 <= v <= 1.0:
        hint = (f" It is a fraction: for {v:g}% give {v / 100:g}." if v > 1 else "")
        raise CourseValueError(f"verifier_accuracy must lie in [0, 1] (1: always picks a correct "
                               f"sample when there is one); got {v:g}.{hint}")
    slope = _validate.nonnegative_float(logit_per_decade, "logit_per_decade")
    mu = _validate.real(difficulty_mean, "difficulty_mean")
    sigma = _validate.nonnegative_float(difficulty_spread, "difficulty_spread")
    n0 = _validate.positive_float(reference_params, "reference_params")

    samples = np.floor(budget / (2.0 * sizes * tokens) * (1 + 1e-12)).astype(np.int64)
    logits = slope * np.log10(sizes / n0)[:, None] - (mu + sigma * _HERMITE_NODES)[None, :]
    log_p = -np.logaddexp(0.0, -logits)          # log p, stable for very hard problems
    log_q = -np.logaddexp(0.0, logits)           # log (1 − p)
    single = np.exp(log_p) @ _HERMITE_WEIGHTS
    all_miss = np.exp(samples[:, None] * log_q) @ _HERMITE_WEIGHTS
    coverage = np.where(samples >= 1, 1.0 - all_miss, 0.0)
    success = np.where(samples >= 1, v * coverage + (1.0 - v) * single, 0.0)
    return SizeVersusSamples(sizes, budget, tokens, v, samples, single, coverage, success)


# --------------------------------------------------------------------------------------------
# Lesson 10: the planner lives in its own module (scaling_utils.planner), which imports this one
# only inside its functions; its public names are part of allocation's.

from .planner import Plan, Sensitivity, plan, plan_sensitivity  # noqa: E402
