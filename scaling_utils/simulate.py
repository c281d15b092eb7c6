"""Synthetic experiments with a known truth.

Every function takes a ``seed`` and gives the same numbers for the same arguments on every run.
The closed forms these experiments check live in :mod:`scaling_utils.laws`. Sizes are capped
(:data:`MAX_DESIGN_ELEMENTS`, :data:`MAX_TRIALS`, :data:`MAX_RUNS`) so that a mistyped size is
refused with a sentence before any memory is taken; bad input raises
:class:`~scaling_utils.CourseValueError` (a ``ValueError``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _blas, _validate
from ._validate import CourseValueError

__all__ = [
    "MAX_DESIGN_ELEMENTS",
    "MAX_TRIALS",
    "MAX_RUNS",
    "least_squares_trial_errors",
    "ols_monte_carlo_error",
    "min_norm_monte_carlo_error",
    "ErrorCurve",
    "least_squares_error_curve",
    "noisy_observations",
    "Sweep",
    "isoflop_sweep",
    "training_curves",
    "TwoStepBenchmark",
    "two_step_benchmark",
    "RefitChain",
    "gaussian_refit_chain",
    "PruningCurve",
    "pruning_experiment",
    "MAX_ATTEMPTS",
    "RepeatedSampling",
    "repeated_sampling",
    "ResolutionScaling",
    "resolution_scaling",
]

# Largest number of floats held in one batch of design matrices (about 32 MB).
_BATCH_ELEMENTS = 4_000_000

#: Largest design matrix a least-squares simulation accepts: ``n_features × n_samples`` entries
#: (4,000,000 float64 numbers, 32 MB; e.g. 1,000 features and 4,000 samples).
MAX_DESIGN_ELEMENTS = 4_000_000
#: Largest number of simulated training sets in one call (the errors alone take 8 MB).
MAX_TRIALS = 1_000_000
#: Largest number of runs (points) in one simulated sweep or set of training curves.
MAX_RUNS = 1_000_000
# A run holds N, D, C and the loss, with as much again in temporaries.
_BYTES_PER_RUN = 64


def _min_norm_solution(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``X⁺y`` for a stack of full-rank design matrices, through the smaller Gram matrix.

    ``D ≥ N``: ``(XᵀX)⁻¹Xᵀy`` (OLS); ``D < N``: ``Xᵀ(XXᵀ)⁻¹y`` (the minimum-norm interpolator).
    Gaussian designs have full rank with probability one. Runs with one BLAS thread: for these
    small matrices handing work to threads costs far more than it saves.
    """
    with _blas.single_thread():
        xt = np.swapaxes(x, 1, 2)
        if x.shape[1] >= x.shape[2]:
            return np.linalg.solve(xt @ x, (xt @ y[..., None]))[..., 0]
        return (xt @ np.linalg.solve(x @ xt, y[..., None]))[..., 0]


def _check_design_size(n: int, d: int) -> None:
    _validate.refuse_if_too_large(
        n * d, MAX_DESIGN_ELEMENTS,
        f"one design matrix of {d:,} samples × {n:,} features",
        "Use fewer features or samples: the course's simulations need no more.")


def _check_trials(trials: int) -> None:
    _validate.refuse_if_too_large(trials, MAX_TRIALS, f"n_trials = {trials:,}",
                                  "Use fewer trials: the lessons use a few thousand at most.",
                                  unit="simulated errors")


def least_squares_trial_errors(
    n_features,
    n_samples,
    noise_std=1.0,
    *,
    signal_norm=1.0,
    n_trials=2000,
    seed=0,
    sampler="design",
) -> np.ndarray:
    r"""Test errors of the minimum-norm least-squares fit over independent training sets.

    Each trial draws a target ``θ`` of norm ``signal_norm`` in a random direction, a design matrix
    ``X`` of ``D × N`` standard normal entries and labels ``y = Xθ + ε`` with ``ε ~ N(0, σ²)``, and
    fits ``θ̂ = X⁺y`` (OLS when ``D > N``; the smallest-norm interpolator when ``D < N``). Its
    test error is computed exactly over the test distribution: for ``x ~ N(0, I)``,
    ``E[(y − x·θ̂)²] = σ² + ‖θ̂ − θ‖²``. Averaging over trials estimates the expectation that
    :func:`scaling_utils.laws.min_norm_expected_error` gives in closed form. The linear algebra
    runs with one BLAS thread (see :mod:`scaling_utils._blas`).

    Parameters
    ----------
    n_features, n_samples : int
        ``N`` and ``D`` (≥ 1 each; ``N × D`` at most :data:`MAX_DESIGN_ELEMENTS`).
    noise_std : float
        ``σ`` (> 0).
    signal_norm : float
        ``‖θ‖`` (≥ 0).
    n_trials : int
        Number of training sets (1 to :data:`MAX_TRIALS`).
    seed : int
        Seed of the random numbers (≥ 0); the same seed gives the same errors.
    sampler : {"design", "distribution"}
        ``"design"`` draws every design matrix and fits it, as described above.
        ``"distribution"`` draws each trial's error from its exact distribution instead, which
        costs two or three random numbers per trial whatever ``N`` and ``D`` (the dashboards of
        lesson 01 use it to answer at once). For Gaussian designs, conditioning on ``X``:

        - ``D ≥ N``: ``θ̂ − θ = (XᵀX)⁻¹Xᵀε ~ N(0, σ²(XᵀX)⁻¹)``, so ``‖θ̂ − θ‖² = σ²·gᵀW⁻¹g``
          with ``W = XᵀX ~ Wishart_N(D, I)`` and ``g ~ N(0, I_N)``; by rotation invariance
          ``gᵀW⁻¹g = ‖g‖²·(eᵀW⁻¹e)`` and ``1/(eᵀW⁻¹e) ~ χ²_{D−N+1}`` (Muirhead 1982, Thm 3.2.12),
          so the error is ``σ²(1 + χ²_N / χ²_{D−N+1})`` — mean ``σ²(1 + N/(D − N − 1))``.
        - ``D < N``: the error is ``σ² + ‖θ‖²·B + σ²·χ²_D/χ²_{N−D+1}``, with ``B ~ Beta((N−D)/2,
          D/2)`` the share of ``θ`` outside the random ``D``-dimensional row space of ``X``
          (independent of ``XXᵀ`` for Gaussian ``X``) and the last term as above with
          ``XXᵀ ~ Wishart_D(N, I)``.

        Both samplers have the same distribution (tests/test_simulate.py compares them); their
        random numbers differ, so the same seed gives different individual errors.

    Returns
    -------
    numpy.ndarray of shape ``(n_trials,)``

    Raises
    ------
    CourseValueError
        When an argument is out of its range, or the design matrix or the number of trials is
        beyond its limit (refused before any memory is taken; the message gives the memory).

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> errors = simulate.least_squares_trial_errors(20, 50, 1.0, n_trials=2000, seed=0)
    >>> errors.shape, bool(1.3 < errors.mean() < 1.9)     # theory: 1 + 20/29 ≈ 1.69
    ((2000,), True)

    Introduced in lesson 01.
    """
    n = _validate.positive_int(n_features, "n_features")
    d = _validate.positive_int(n_samples, "n_samples")
    sigma = _validate.positive_float(noise_std, "noise_std")
    norm = _validate.nonnegative_float(signal_norm, "signal_norm")
    trials = _validate.positive_int(n_trials, "n_trials")
    rng = np.random.default_rng(_validate.seed_value(seed))
    _check_trials(trials)
    if sampler == "distribution":
        return _errors_from_distribution(n, d, sigma, norm, trials, rng)
    if sampler != "design":
        raise CourseValueError(f"sampler must be 'design' or 'distribution'; got {sampler!r}.")
    _check_design_size(n, d)

    batch = max(1, _BATCH_ELEMENTS // (n * d))
    errors = np.empty(trials)
    for start in range(0, trials, batch):
        size = min(batch, trials - start)
        # One row of draws per trial, so the numbers do not depend on the batch size.
        draws = rng.standard_normal((size, n + d * n + d))
        direction = draws[:, :n]
        x = draws[:, n : n + d * n].reshape(size, d, n)
        noise = draws[:, n + d * n :]
        theta = norm * direction / np.linalg.norm(direction, axis=1, keepdims=True)
        y = np.einsum("tdn,tn->td", x, theta) + sigma * noise
        theta_hat = _min_norm_solution(x, y)
        errors[start : start + size] = sigma**2 + np.sum((theta_hat - theta) ** 2, axis=1)
    return errors


def _errors_from_distribution(n, d, sigma, norm, trials, rng):
    """Test errors drawn from their exact distribution (see ``least_squares_trial_errors``)."""
    small, large = min(n, d), max(n, d)
    with np.errstate(divide="ignore"):
        noise_part = sigma**2 * rng.chisquare(small, trials) / rng.chisquare(large - small + 1,
                                                                               trials)
    if d >= n:
        return sigma**2 + noise_part
    outside = rng.beta((n - d) / 2, d / 2, trials)
    return sigma**2 + norm**2 * outside + noise_part


def ols_monte_carlo_error(n_features, n_samples, noise_std=1.0, n_trials=2000, seed=0) -> float:
    r"""Average test error of OLS over ``n_trials`` simulated training sets.

    The simulation behind :func:`scaling_utils.laws.ols_expected_error`
    (``σ²(1 + N/(D − N − 1))``); see :func:`least_squares_trial_errors` for the experiment.
    OLS needs at least as many samples as features: ``n_samples ≥ n_features``. At ``N`` and
    ``N + 1`` the true average is infinite, so the simulated mean is large and unstable.

    Parameters
    ----------
    n_features, n_samples : int
        ``N`` (≥ 1) and ``D`` (≥ ``N``).
    noise_std : float
        ``σ`` (> 0).
    n_trials : int
        Number of training sets (1 to :data:`MAX_TRIALS`).
    seed : int
        Seed (≥ 0).

    Returns
    -------
    float

    Raises
    ------
    CourseValueError
        When ``n_samples < n_features`` (the message points to the minimum-norm simulation), or
        as :func:`least_squares_trial_errors`.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> error = simulate.ols_monte_carlo_error(10, 40, n_trials=4000, seed=0)
    >>> bool(abs(error - (1 + 10 / 29)) < 0.05)
    True

    Introduced in lesson 01.
    """
    n = _validate.positive_int(n_features, "n_features")
    d = _validate.positive_int(n_samples, "n_samples")
    if d < n:
        raise CourseValueError(
            f"OLS needs at least as many samples as features; got n_features={n}, "
            f"n_samples={d}. With D < N the fit is not unique: use min_norm_monte_carlo_error "
            f"for the minimum-norm solution, or give at least {n} samples."
        )
    errors = least_squares_trial_errors(n, d, noise_std, n_trials=n_trials, seed=seed)
    return float(errors.mean())


def min_norm_monte_carlo_error(
    n_features, n_samples, noise_std=1.0, signal_norm=1.0, n_trials=2000, seed=0
) -> float:
    r"""Average test error of the minimum-norm least-squares fit, for any ``D`` and ``N``.

    The simulation behind :func:`scaling_utils.laws.min_norm_expected_error` (Belkin, Hsu & Xu
    2020, Theorem 1); see :func:`least_squares_trial_errors` for the experiment.

    Parameters
    ----------
    n_features, n_samples : int
        ``N`` and ``D`` (≥ 1 each).
    noise_std : float
        ``σ`` (> 0).
    signal_norm : float
        ``‖θ‖`` (≥ 0).
    n_trials : int
        Number of training sets.
    seed : int
        Seed (≥ 0).

    Returns
    -------
    float

    Raises
    ------
    CourseValueError
        As :func:`least_squares_trial_errors`.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> error = simulate.min_norm_monte_carlo_error(50, 20, 0.5, 1.0, n_trials=4000, seed=0)
    >>> bool(abs(error - 1.022) < 0.05)      # theory: 1·(1 − 20/50) + 0.25·(1 + 20/29)
    True

    Introduced in lesson 01.
    """
    errors = least_squares_trial_errors(
        n_features, n_samples, noise_std, signal_norm=signal_norm, n_trials=n_trials, seed=seed
    )
    return float(errors.mean())


@dataclass(frozen=True)
class ErrorCurve:
    """Simulated test errors at several sample sizes: the mean and its standard error.

    Returned by :func:`least_squares_error_curve`; ``stderr`` is the standard deviation over
    trials divided by ``√n_trials``.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> curve = simulate.least_squares_error_curve(10, [30, 60], n_trials=200, seed=0)
    >>> curve.n_samples.tolist(), curve.mean.shape, curve.stderr.shape
    ([30, 60], (2,), (2,))

    Introduced in lesson 01.
    """

    n_samples: np.ndarray
    mean: np.ndarray
    stderr: np.ndarray


def least_squares_error_curve(
    n_features,
    sample_sizes,
    noise_std=1.0,
    *,
    signal_norm=1.0,
    n_trials=400,
    seed=0,
    sampler="design",
) -> ErrorCurve:
    """Simulated minimum-norm least-squares error at each of ``sample_sizes``.

    :func:`least_squares_trial_errors` at every size; each sample size gets its own stream of
    random numbers (derived from ``seed`` and its position in the list), so the curve is
    reproducible point by point.

    Parameters
    ----------
    n_features : int
        ``N`` (≥ 1).
    sample_sizes : list of int
        The ``D`` values, a flat list of whole numbers ≥ 1.
    noise_std : float
        ``σ`` (> 0).
    signal_norm : float
        ``‖θ‖`` (≥ 0).
    n_trials : int
        Training sets per size (≥ 2, for a standard error).
    seed : int
        Seed (≥ 0).
    sampler : {"design", "distribution"}
        As for :func:`least_squares_trial_errors`.

    Returns
    -------
    ErrorCurve

    Raises
    ------
    CourseValueError
        When an argument is out of its range or a size is beyond the limits of
        :func:`least_squares_trial_errors` (checked for every size before any is simulated).

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> curve = simulate.least_squares_error_curve(10, [30, 120], n_trials=2000, seed=0)
    >>> [bool(abs(m - t) < 4 * s) for m, t, s in zip(curve.mean, [1 + 10/19, 1 + 10/109],
    ...                                                 curve.stderr)]
    [True, True]

    Introduced in lesson 01.
    """
    (sizes,) = _validate.positive_arrays(sample_sizes=sample_sizes)
    sizes = _validate.positive_array(sizes, "sample_sizes", integer=True)
    n = _validate.positive_int(n_features, "n_features")
    trials = _validate.positive_int(n_trials, "n_trials", minimum=2)
    if sampler == "design":
        _check_design_size(n, int(sizes.max()))
    _check_trials(trials)
    streams = np.random.SeedSequence(_validate.seed_value(seed)).spawn(len(sizes))
    means, errs = [], []
    for size, stream in zip(sizes, streams):
        errors = least_squares_trial_errors(
            n,
            int(size),
            noise_std,
            signal_norm=signal_norm,
            n_trials=trials,
            seed=int(stream.generate_state(1)[0]),
            sampler=sampler,
        )
        means.append(errors.mean())
        errs.append(errors.std(ddof=1) / np.sqrt(trials))
    return ErrorCurve(sizes.astype(int), np.array(means), np.array(errs))


def noisy_observations(law, x, *, relative_noise=0.05, seed=0) -> np.ndarray:
    r"""Measurements of a known law with multiplicative noise: ``law(x) · exp(s·z)``, ``z ~ N(0, 1)``.

    Multiplicative (log-normal) noise suits losses and errors: it keeps every value positive and
    gives each point the same *relative* scatter, which is what log-log plots show. ``s`` is
    ``relative_noise`` (0 gives the exact values).

    Parameters
    ----------
    law : callable of one argument
        Such as a :class:`~scaling_utils.laws.PowerLaw`; it must return finite numbers.
    x : float or array
        Where to measure (> 0).
    relative_noise : float
        ``s`` (≥ 0): 0.05 for about 5 % scatter.
    seed : int
        Seed (≥ 0).

    Returns
    -------
    numpy.ndarray, one measurement per ``x``.

    Raises
    ------
    CourseValueError
        When ``law`` is not a callable of one argument, gives non-finite values, or an argument is
        out of its range.

    Examples
    --------
    >>> from scaling_utils import laws, simulate
    >>> law = laws.PowerLaw(2.0, -0.3)
    >>> y = simulate.noisy_observations(law, [1, 10, 100], relative_noise=0.0)
    >>> y.round(3)
    array([2.   , 1.002, 0.502])

    Introduced in lesson 00.
    """
    if not callable(law):
        raise CourseValueError(f"law must be callable, such as laws.PowerLaw(...); got "
                               f"{type(law).__name__}.")
    values = _validate.positive_array(x, "x")
    s = _validate.nonnegative_float(relative_noise, "relative_noise")
    rng = np.random.default_rng(_validate.seed_value(seed))
    try:
        exact = np.asarray(law(values), dtype=float)
    except TypeError as error:
        raise CourseValueError(f"law must be callable with one argument, law(x); calling it "
                               f"failed: {error}.") from None
    if not np.isfinite(exact).all():
        raise CourseValueError("law(x) gave a value that is not a finite number; check the law "
                               "and the range of x.")
    return exact * np.exp(s * rng.standard_normal(exact.shape))


@dataclass(frozen=True)
class Sweep:
    """Training runs of a simulated scaling study: one entry per run.

    ``n_params``, ``n_tokens``, ``compute`` (``6·N·D`` FLOPs) and ``loss`` are flat arrays of one
    length; ``len(sweep)`` is the number of runs. Made by :func:`isoflop_sweep` and
    :func:`training_curves`.

    Examples
    --------
    >>> from scaling_utils import references, simulate
    >>> sweep = simulate.isoflop_sweep(references.BESIROGLU_2024, [1e18, 1e19], 5, noise=0.0)
    >>> len(sweep), sweep.compute[:2].tolist()
    (10, [1e+18, 1e+18])

    Introduced in lesson 04.
    """

    n_params: np.ndarray
    n_tokens: np.ndarray
    compute: np.ndarray
    loss: np.ndarray

    def __len__(self) -> int:
        return self.loss.size


def isoflop_sweep(law, budgets, models_per_budget=10, *, span=1.0, noise=0.01, offset=0.0,
                  centres=None, seed=0) -> Sweep:
    r"""IsoFLOP profiles from a known law: for each compute budget, models of several sizes.

    For each budget ``C`` the model sizes are ``models_per_budget`` log-spaced values around the
    law's compute-optimal size (:func:`scaling_utils.allocation.chinchilla_optimal`), from
    ``10^(−span + offset)`` to ``10^(span + offset)`` times it (``offset`` shifts the grid off
    centre; ``centres``, one model size per budget, replaces the optimum as the grid's centre,
    as when a study centres its grids on a guessed frontier); each is trained on ``D = C/(6N)``
    tokens, and its loss is ``law(N, D)`` with multiplicative noise ``exp(noise·z)`` (see
    :func:`noisy_observations`). This is the design of Hoffmann et al.'s Approach 2 (§3.2).

    Parameters
    ----------
    law : scaling_utils.laws.ChinchillaLaw
        The truth.
    budgets : list of float
        Compute budgets in FLOPs, a flat list (> 0).
    models_per_budget : int
        Model sizes per budget (≥ 3).
    span : float
        Half-width of the grid in decades (> 0).
    noise : float
        ``s`` of the multiplicative noise (≥ 0).
    offset : float
        Shift of the grid in decades (any sign).
    centres : list of float, optional
        One centre (a model size) per budget.
    seed : int
        Seed (≥ 0).

    Returns
    -------
    Sweep
        ``len(budgets) · models_per_budget`` runs (at most :data:`MAX_RUNS`).

    Raises
    ------
    CourseValueError
        When ``law`` is not a ChinchillaLaw, a list is not flat, ``centres`` does not have one
        value per budget, an argument is out of its range, or the sweep is beyond
        :data:`MAX_RUNS`.

    Examples
    --------
    >>> from scaling_utils import references, simulate
    >>> sweep = simulate.isoflop_sweep(references.BESIROGLU_2024, [1e18, 1e19, 1e20], 8,
    ...                                noise=0.0)
    >>> len(sweep), f"{sweep.loss.min():.3f}"
    (24, '2.558')

    Introduced in lesson 04.
    """
    from . import allocation, laws

    laws.require_chinchilla_law(law)
    (c,) = _validate.positive_arrays(budgets=budgets)
    m = _validate.positive_int(models_per_budget, "models_per_budget", minimum=3)
    half = _validate.positive_float(span, "span")
    shift = _validate.real(offset, "offset")
    s = _validate.nonnegative_float(noise, "noise")
    rng_seed = _validate.seed_value(seed)
    _validate.refuse_if_too_large(c.size * m, MAX_RUNS,
                                  f"a sweep of {c.size:,} budgets × {m:,} models",
                                  "Use fewer budgets or models per budget.", unit="runs",
                                  bytes_each=_BYTES_PER_RUN)
    best_n, _ = allocation.chinchilla_optimal(law, c)
    if centres is not None:
        (best_n,) = _validate.positive_arrays(centres=centres)
        if best_n.size != c.size:
            raise CourseValueError(f"centres needs one model size per budget: {c.size} budgets, "
                                   f"got {best_n.size} centres.")
    factors = 10.0 ** np.linspace(-half + shift, half + shift, m)
    n = (best_n[:, None] * factors[None, :]).ravel()
    compute = np.repeat(c, m)
    d = compute / (6.0 * n)
    loss = noisy_observations(lambda _: law(n, d), n, relative_noise=s, seed=rng_seed)
    return Sweep(n, d, compute, loss)


def training_curves(law, model_sizes, schedule_tokens, *, points_per_curve=25, warmdown=0.05,
                    noise=0.0, seed=0) -> Sweep:
    r"""Loss-versus-tokens curves: every model size trained with every schedule length.

    A run with a learning-rate schedule of ``D_s`` tokens reaches ``law(N, D_s)`` at its end;
    before the end, with the learning rate not yet decayed, its loss is higher. The course models
    this as ``law(N, t)·(1 + warmdown·(1 − t/D_s))`` at ``t ≤ D_s`` tokens — so the end of each
    curve matches ``L(N, D)`` for its schedule length, as in Hoffmann et al.'s Approach 1 (§3.1),
    where each model size was trained with several cosine schedules. Each curve has
    ``points_per_curve`` points from ``D_s/100`` to ``D_s``.

    Parameters
    ----------
    law : scaling_utils.laws.ChinchillaLaw
        The truth.
    model_sizes : list of float
        Model sizes (> 0), a flat list.
    schedule_tokens : list of float
        Schedule lengths in tokens (> 0), a flat list.
    points_per_curve : int
        Points per curve (≥ 2).
    warmdown : float
        How much higher the loss is at the start of a curve than the law, as a fraction in
        [0, 1): 0.05 for 5 % (a value of 5 is refused; for 5 % give 0.05).
    noise : float
        ``s`` of the multiplicative noise (≥ 0).
    seed : int
        Seed (≥ 0).

    Returns
    -------
    Sweep
        One entry per point on every curve (at most :data:`MAX_RUNS` in all).

    Raises
    ------
    CourseValueError
        When ``law`` is not a ChinchillaLaw, a list is not flat, ``warmdown`` is not a fraction,
        an argument is out of its range or the curves hold more than :data:`MAX_RUNS` points.

    Examples
    --------
    >>> from scaling_utils import references, simulate
    >>> law = references.BESIROGLU_2024
    >>> runs = simulate.training_curves(law, [1e8, 1e9], [2e9, 2e10], points_per_curve=5)
    >>> len(runs), f"{runs.loss[4]:.4f}", f"{law(1e8, 2e9):.4f}"   # a curve ends on the law
    (20, '3.4385', '3.4385')

    Introduced in lesson 04.
    """
    from . import laws

    laws.require_chinchilla_law(law)
    (sizes,) = _validate.positive_arrays(model_sizes=model_sizes)
    (schedules,) = _validate.positive_arrays(schedule_tokens=schedule_tokens)
    k = _validate.positive_int(points_per_curve, "points_per_curve", minimum=2)
    bump = _validate.fraction_not_percent(warmdown, "warmdown", allow_zero=True)
    s = _validate.nonnegative_float(noise, "noise")
    rng_seed = _validate.seed_value(seed)
    _validate.refuse_if_too_large(
        sizes.size * schedules.size * k, MAX_RUNS,
        f"{sizes.size:,} model sizes × {schedules.size:,} schedules × {k:,} points per curve",
        "Use fewer sizes, schedules or points per curve.", unit="points",
        bytes_each=_BYTES_PER_RUN)
    n_all, d_all = [], []
    for n in sizes:
        for schedule in schedules:
            tokens = np.geomspace(schedule / 100, schedule, k)
            n_all.append(np.full(k, n))
            d_all.append(tokens)
    n = np.concatenate(n_all)
    d = np.concatenate(d_all)
    schedule_of_point = np.tile(np.repeat(schedules, k), sizes.size)
    exact = law(n, d) * (1.0 + bump * (1.0 - d / schedule_of_point))
    loss = noisy_observations(lambda _: exact, n, relative_noise=s, seed=rng_seed)
    return Sweep(n, d, 6.0 * n * d, loss)


@dataclass(frozen=True)
class TwoStepBenchmark:
    """A synthetic benchmark study with a known truth, as :func:`two_step_benchmark` makes it.

    Three groups of models, each with its training compute (FLOPs), the measured negative
    log-likelihood of the correct answers and the measured accuracy: the scaling-law models
    (``compute``, ``nll``, ``accuracy``; steps 1 and 2 of Llama 3's forecast), older models
    trained on another data mix (``older_*``; step 2 only, as Llama 2 was) and the large target
    model the forecast is for (``target_*``). The truth: ``nll_intercept + nll_slope·log10(C)``
    for the scaling-law models (``older_offset`` higher for the older ones) and
    ``accuracy_law(nll)``; :meth:`true_nll` and :meth:`true_accuracy` evaluate it.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> study = simulate.two_step_benchmark([1e19, 1e20, 1e21, 1e22], seed=0)
    >>> print(f"{study.true_accuracy(study.target_compute):.3f}")
    0.960

    Introduced in lesson 06.
    """

    compute: np.ndarray
    nll: np.ndarray
    accuracy: np.ndarray
    older_compute: np.ndarray
    older_nll: np.ndarray
    older_accuracy: np.ndarray
    target_compute: float
    target_nll: float
    target_accuracy: float
    nll_intercept: float
    nll_slope: float
    older_offset: float
    accuracy_law: object
    n_items: int

    def true_nll(self, compute):
        """The true NLL of a scaling-law model of ``compute`` FLOPs, without noise.

        Parameters
        ----------
        compute : float or array_like
            Training FLOPs (> 0).

        Returns
        -------
        float or numpy.ndarray

        Raises
        ------
        CourseValueError
            When a compute is not a positive finite number.

        Examples
        --------
        >>> from scaling_utils import simulate
        >>> study = simulate.two_step_benchmark([1e19, 1e20, 1e21, 1e22])
        >>> print(f"{study.true_nll(1e20):.3f}")
        1.390

        Introduced in lesson 06.
        """
        c = _validate.positive_array(compute, "compute")
        return _validate.scalar_or_array(self.nll_intercept + self.nll_slope * np.log10(c),
                                         compute)

    def true_accuracy(self, compute):
        """The true accuracy of a scaling-law model of ``compute`` FLOPs: both steps, no noise.

        Parameters
        ----------
        compute : float or array_like
            Training FLOPs (> 0).

        Returns
        -------
        float or numpy.ndarray

        Raises
        ------
        CourseValueError
            When a compute is not a positive finite number.

        Examples
        --------
        >>> from scaling_utils import simulate
        >>> study = simulate.two_step_benchmark([1e19, 1e20, 1e21, 1e22])
        >>> print(f"{study.true_accuracy(1e20):.3f}")
        0.253

        Introduced in lesson 06.
        """
        return self.accuracy_law(self.true_nll(compute))


def two_step_benchmark(compute, *, older_compute=(1e22, 1e23, 1e24, 2e24), target_compute=3.8e25,
                       nll_intercept=1.99, nll_slope=-0.03, older_offset=0.01,
                       accuracy_law=None, nll_noise=0.003, n_items=1000,
                       seed=0) -> TwoStepBenchmark:
    r"""A family of models measured on a multiple-choice benchmark, with a known truth.

    The truth follows the two steps of Llama 3's benchmark forecast (Llama Team 2024, "The
    Llama 3 Herd of Models", arXiv:2407.21783, §3.2.1, Figure 4): the (normalised) negative
    log-likelihood of the correct answer falls linearly in log compute,

    .. math:: \ell(C) = \beta_0 + \beta_1 \log_{10} C,

    and accuracy is a sigmoid of it, ``accuracy_law(ℓ)`` (:class:`~scaling_utils.laws.
    SigmoidAccuracy`). The older models are ``older_offset`` nats worse at the same compute (an
    older data mix); they exist to show step 2 the rise of the sigmoid that the small models do
    not reach. Each measured NLL carries Gaussian noise of standard deviation ``nll_noise``;
    each measured accuracy is the share of ``n_items`` questions answered right, each right with
    the true accuracy (Binomial). The defaults are the course's, chosen to look like the paper's
    Figure 4 (no data points are published): accuracy sits at chance (0.25) on the small models,
    rises on the older ones, and reaches about 0.95 at Llama 3's budget of 3.8e25 FLOPs.

    Parameters
    ----------
    compute : array_like
        FLOPs of the scaling-law models (> 0; at least 3).
    older_compute : array_like
        FLOPs of the older models (> 0; at least 1).
    target_compute : float
        FLOPs of the model to forecast (> 0).
    nll_intercept, nll_slope : float
        ``β0`` and ``β1`` (finite; ``β1`` per decade of compute).
    older_offset : float
        Extra NLL of the older models (finite, any sign).
    accuracy_law : laws.SigmoidAccuracy, optional
        Step 2's truth; default ``SigmoidAccuracy(midpoint=1.28, width=0.02, floor=0.25)``.
    nll_noise : float
        Standard deviation of the NLL measurements (≥ 0).
    n_items : int
        Questions in the benchmark (≥ 1).
    seed : int
        Seed (≥ 0).

    Returns
    -------
    TwoStepBenchmark

    Raises
    ------
    CourseValueError
        When an argument is out of its range, or a true NLL comes out negative.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> study = simulate.two_step_benchmark([1e19, 1e20, 1e21, 1e22], seed=0)
    >>> study.accuracy.tolist(), study.older_accuracy.tolist()
    ([0.222, 0.23, 0.244, 0.29], [0.3, 0.405, 0.64, 0.698])

    Introduced in lesson 06.
    """
    from . import laws

    (c,) = _validate.positive_arrays(compute=compute, minimum_length=3)
    (older,) = _validate.positive_arrays(older_compute=older_compute)
    target = _validate.positive_float(target_compute, "target_compute")
    b0 = _validate.real(nll_intercept, "nll_intercept")
    b1 = _validate.real(nll_slope, "nll_slope")
    offset = _validate.real(older_offset, "older_offset")
    if accuracy_law is None:
        accuracy_law = laws.SigmoidAccuracy(midpoint=1.28, width=0.02, floor=0.25)
    if not isinstance(accuracy_law, laws.SigmoidAccuracy):
        raise CourseValueError(f"accuracy_law must be a laws.SigmoidAccuracy, such as "
                               f"laws.SigmoidAccuracy(1.28, 0.02, floor=0.25); got "
                               f"{_validate._describe(accuracy_law)}.")
    noise = _validate.nonnegative_float(nll_noise, "nll_noise")
    n = _validate.positive_int(n_items, "n_items")
    rng = np.random.default_rng(_validate.seed_value(seed))
    _validate.refuse_if_too_large(c.size + older.size, MAX_RUNS,
                                  f"{c.size + older.size:,} models", "Use fewer models.",
                                  unit="runs")
    true_nll = np.concatenate([b0 + b1 * np.log10(c), b0 + offset + b1 * np.log10(older),
                               [b0 + b1 * np.log10(target)]])
    if (true_nll < 0).any():
        raise CourseValueError(f"these parameters give a negative NLL ({true_nll.min():.3g}) "
                               f"for some model; raise nll_intercept or flatten nll_slope.")
    true_acc = accuracy_law(true_nll)
    measured_nll = np.maximum(true_nll + noise * rng.standard_normal(true_nll.size), 0.0)
    measured_acc = rng.binomial(n, true_acc) / n
    k, m = c.size, c.size + older.size
    return TwoStepBenchmark(c, measured_nll[:k], measured_acc[:k], older, measured_nll[k:m],
                            measured_acc[k:m], target, float(true_nll[-1]), float(true_acc[-1]),
                            b0, b1, offset, accuracy_law, n)



# --------------------------------------------------------------------------------------------
# Lesson 07: training on generated data (model collapse) and data pruning

_REFIT_MODES = ("replace", "accumulate")


@dataclass(frozen=True)
class RefitChain:
    """Chains of Gaussians, each fitted to samples of the one before. Made by
    :func:`gaussian_refit_chain`.

    ``means`` and ``variances`` have one row per generation (row 0 is the true ``N(0, 1)``,
    row ``g`` the fit of generation ``g``) and one column per chain.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> chain = simulate.gaussian_refit_chain(10, 100, n_chains=1000, seed=0)
    >>> chain.variances.shape
    (101, 1000)

    Introduced in lesson 07.
    """

    mode: str
    n_samples: int
    means: np.ndarray
    variances: np.ndarray
    real_fraction: float = 0.0

    @property
    def generations(self) -> int:
        """How many refits each chain went through."""
        return self.variances.shape[0] - 1

    @property
    def median_variance(self) -> np.ndarray:
        """The median over chains of the fitted variance, one value per generation."""
        return np.median(self.variances, axis=1)

    def __str__(self) -> str:
        real = f" ({100 * self.real_fraction:.0f}% real)" if self.real_fraction else ""
        return (f"{self.variances.shape[1]} chains, {self.mode}, {self.n_samples} samples per "
                f"generation{real}: median σ² {self.median_variance[-1]:.3g} after "
                f"{self.generations} generations (1 at the start)")


def gaussian_refit_chain(n_samples, generations, n_chains=1000, seed=0, mode="replace", *,
                         real_fraction=0.0):
    r"""Fit a Gaussian to samples of the previous generation's fit, again and again.

    The one-dimensional model of collapse of Shumailov et al. (2024), Nature 631 (their
    "Gaussian" theoretical example; :data:`scaling_utils.references.SHUMAILOV`): generation 0
    draws ``n_samples`` points from the true ``N(0, 1)``; each generation fits a mean and the
    unbiased variance (``ddof = 1``) to its training data and the next draws ``n_samples`` new
    points from that fit.

    - ``mode="replace"``: each generation trains only on the newest samples. ``ln σ²`` then
      performs a random walk with steps ``ln(χ²_{n−1}/(n−1))``, whose mean
      ``ψ((n−1)/2) + ln(2/(n−1))`` is negative: the variance collapses towards 0 (about
      ``e^{−0.115·g}`` in the median for ``n = 10``, i.e. about 1e-5 after 100 generations) while
      its mean stays 1 (a martingale), carried by rare chains.
    - ``mode="accumulate"``: each generation trains on everything so far, the real samples and
      every generated one (Gerstgrasser et al. 2024, arXiv:2404.01413,
      :data:`scaling_utils.references.GERSTGRASSER`). Generation ``g`` adds only ``1/(g+1)`` of
      its data, the errors form a converging series, and the variance stays of order 1 (its
      median drifts down a little early on and then levels off).

    - ``real_fraction`` > 0 mixes fresh real data into every generation: ``round(f·n)`` of the
      ``n`` new samples come from the true ``N(0, 1)`` and the rest from the previous fit (the
      "share of real data" of Shumailov et al.'s second scenario, where 10 % of the original
      data are kept, their §3; here the real samples are drawn afresh each generation). In
      ``"replace"`` mode even one real sample per generation stops the variance from collapsing
      to 0: the chain then forgets its past at a rate set by the real share and settles around
      a level below 1. With ``real_fraction = 0`` the draws are exactly those of the chain
      without real data.

    Chains run side by side; each generation is one batch of normal draws.

    Parameters
    ----------
    n_samples : int
        Samples drawn per generation (≥ 2, for a variance).
    generations : int
        Refits per chain (≥ 1).
    n_chains : int, default 1000
        Independent chains (≥ 1).
    seed : int, default 0
        Seed of ``numpy.random.default_rng`` (≥ 0).
    mode : {"replace", "accumulate"}
        Train on the newest samples only, or on all samples so far.
    real_fraction : float, default 0
        The share of each generation's samples drawn from the true distribution, in
        ``[0, 1]``; ``round(real_fraction·n_samples)`` of them (1 makes every generation real).

    Returns
    -------
    RefitChain

    Raises
    ------
    CourseValueError
        When a count is not a whole number in range, the simulation would hold more than
        :data:`MAX_DESIGN_ELEMENTS` numbers, ``mode`` is not one of the two, or
        ``real_fraction`` is not a fraction in ``[0, 1]`` (a percentage such as 10 is refused).

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> replace = simulate.gaussian_refit_chain(10, 100, n_chains=2000, seed=0)
    >>> f"{replace.median_variance[-1]:.1e}"
    '1.0e-05'
    >>> keep = simulate.gaussian_refit_chain(10, 100, n_chains=2000, seed=0, mode="accumulate")
    >>> f"{keep.median_variance[-1]:.2f}"
    '0.80'
    >>> mixed = simulate.gaussian_refit_chain(10, 100, n_chains=2000, seed=0, real_fraction=0.2)
    >>> f"{mixed.median_variance[-1]:.2f}"
    '0.91'

    Introduced in lesson 07.
    """
    n = _validate.positive_int(n_samples, "n_samples", minimum=2)
    g = _validate.positive_int(generations, "generations")
    k = _validate.positive_int(n_chains, "n_chains")
    rng = np.random.default_rng(_validate.seed_value(seed))
    if not isinstance(mode, str) or mode not in _REFIT_MODES:
        raise CourseValueError(f"mode must be \"replace\" (train on the newest samples) or "
                               f"\"accumulate\" (on all so far); got {_validate._describe(mode)}.")
    real = _validate.real(real_fraction, "real_fraction")
    if not 0 <= real <= 1:
        hint = (f" It is a fraction: for {real:g}% give {real / 100:g}." if 1 < real <= 100
                else "")
        raise CourseValueError(f"real_fraction must lie in [0, 1] (0.1 for 10% real data); got "
                               f"{real:g}.{hint}")
    n_real = int(round(real * n))
    _validate.refuse_if_too_large(
        n * k + 2 * (g + 1) * k, MAX_DESIGN_ELEMENTS, f"{k} chains of {g} generations",
        "Use fewer chains or generations.")
    means, variances = np.empty((g + 1, k)), np.empty((g + 1, k))
    means[0], variances[0] = 0.0, 1.0
    count = np.zeros(k)
    pooled_mean, pooled_m2 = np.zeros(k), np.zeros(k)   # running statistics of all data so far
    for step in range(1, g + 1):
        noise = rng.standard_normal((k, n))
        draws = means[step - 1][:, None] + np.sqrt(variances[step - 1])[:, None] * noise
        if n_real:   # the first n_real samples of each chain come from the truth, N(0, 1)
            draws[:, :n_real] = noise[:, :n_real]
        batch_mean = draws.mean(axis=1)
        batch_m2 = ((draws - batch_mean[:, None]) ** 2).sum(axis=1)
        if mode == "replace":
            means[step], variances[step] = batch_mean, batch_m2 / (n - 1)
            continue
        # Merge the batch into the pooled statistics (Chan, Golub & LeVeque's pairwise update).
        total = count + n
        delta = batch_mean - pooled_mean
        pooled_mean = pooled_mean + delta * n / total
        pooled_m2 = pooled_m2 + batch_m2 + delta**2 * count * n / total
        count = total
        means[step], variances[step] = pooled_mean, pooled_m2 / (count - 1)
    return RefitChain(mode, n, means, variances, n_real / n)


_PRUNING_STRATEGIES = ("hard", "easy", "random")


@dataclass(frozen=True)
class PruningCurve:
    """Test error of a linear student against training-set size, with and without pruning.

    Made by :func:`pruning_experiment`. ``sample_sizes`` are the training sets drawn (before
    pruning), ``kept_sizes`` the examples kept (``keep_fraction`` of them); ``errors`` has one
    row per size and one column per trial, ``error`` is its mean over trials.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> curve = simulate.pruning_experiment(50, [100, 1000], 0.5, n_trials=4)
    >>> curve.kept_sizes.tolist()
    [50, 500]

    Introduced in lesson 07.
    """

    n_features: int
    keep_fraction: float
    strategy: str
    probe_angle: float
    sample_sizes: np.ndarray
    kept_sizes: np.ndarray
    errors: np.ndarray

    @property
    def error(self) -> np.ndarray:
        """The mean test error over trials, one value per size."""
        return self.errors.mean(axis=1)

    def __str__(self) -> str:
        pairs = ", ".join(f"{k}: {e:.3g}" for k, e in zip(self.kept_sizes, self.error))
        return (f"{self.strategy} pruning to {self.keep_fraction:g} (probe {self.probe_angle:g} "
                f"rad from the teacher), {self.n_features} features; kept examples: error "
                f"{pairs}")


def pruning_experiment(n_features, sample_sizes, keep_fraction, *, strategy="hard",
                       probe_angle=0.0, n_trials=20, seed=0) -> PruningCurve:
    r"""Data pruning in the teacher–student perceptron of Sorscher et al. (2022).

    Sorscher, Geirhos, Shekhar, Ganguli & Morcos (2022), arXiv:2206.14486, §2: inputs
    ``x ~ N(0, I_N)`` are labelled by a teacher perceptron, ``y = sign(T·x)``. From each
    training set of ``P`` examples only a fraction ``f`` is kept, ranked by the margin
    ``|P̂·x|`` under a *probe* direction ``P̂`` at angle ``θ`` from the teacher (``θ = 0``: a
    perfect pruning metric; larger ``θ``: a worse one): ``"hard"`` keeps the smallest margins,
    ``"easy"`` the largest, ``"random"`` any ``f·P``. A student is trained on the kept examples
    and its test error is exact for Gaussian inputs: ``ε = arccos(R)/π`` with ``R`` the cosine
    between student and teacher.

    The student here is least squares on the ±1 labels, the minimum-norm solution when fewer
    examples than features are kept (``J = X⁺y``), not the paper's perceptron trained to its
    maximum margin: one linear solve per training set keeps a dashboard fast, and it shows the
    same two regimes. With few examples ``J ≈ Σ yᵢxᵢ``, whose signal grows with the margins
    kept: easy examples are better. With many, the hard examples near the boundary pin the
    teacher's direction down best. What the paper shows beyond this (error falling faster than
    a power law when ``f`` shrinks with the data and the metric is good) is its claim, for its
    perceptron; the lesson says which is which.

    Parameters
    ----------
    n_features : int
        ``N``, the input dimension (≥ 2).
    sample_sizes : list of int
        ``P``, the training-set sizes before pruning (each ≥ 1).
    keep_fraction : float
        ``f`` in (0, 1]: 1 keeps everything.
    strategy : {"hard", "easy", "random"}
        Which examples to keep.
    probe_angle : float, default 0
        ``θ`` in radians, in ``[0, π/2]``.
    n_trials : int, default 20
        Training sets per size (≥ 1).
    seed : int, default 0
        Seed of ``numpy.random.default_rng`` (≥ 0).

    Returns
    -------
    PruningCurve

    Raises
    ------
    CourseValueError
        When a count is not a whole number in range, ``keep_fraction`` is not in (0, 1] (a
        percentage such as 50 is refused), ``probe_angle`` is outside ``[0, π/2]``,
        ``strategy`` is unknown, or one training set would hold more than
        :data:`MAX_DESIGN_ELEMENTS` numbers.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> sizes = [50, 2000]
    >>> hard = simulate.pruning_experiment(50, sizes, 0.2, strategy="hard", seed=0)
    >>> easy = simulate.pruning_experiment(50, sizes, 0.2, strategy="easy", seed=0)
    >>> hard.error.round(3), easy.error.round(3)
    (array([0.479, 0.01 ]), array([0.278, 0.05 ]))

    Introduced in lesson 07.
    """
    d = _validate.positive_int(n_features, "n_features", minimum=2)
    sizes = _validate.positive_array(sample_sizes, "sample_sizes", integer=True)
    if sizes.ndim:
        (sizes,) = _validate.positive_arrays(sample_sizes=sizes)
    sizes = np.atleast_1d(sizes).astype(int)
    f = _validate.real(keep_fraction, "keep_fraction")
    if not 0 < f <= 1:
        if f > 1:
            raise CourseValueError(f"keep_fraction is a fraction: {f:g} would mean {100 * f:g}%; "
                                   f"for {f:g}% give {f / 100:g}.")
        raise CourseValueError(f"keep_fraction must lie in (0, 1]; got {f:g}.")
    theta = _validate.real(probe_angle, "probe_angle")
    if not 0 <= theta <= np.pi / 2:
        raise CourseValueError(f"probe_angle is an angle in radians in [0, π/2] (0: a perfect "
                               f"pruning metric); got {theta:g}.")
    trials = _validate.positive_int(n_trials, "n_trials")
    if not isinstance(strategy, str) or strategy not in _PRUNING_STRATEGIES:
        raise CourseValueError(f"strategy must be \"hard\", \"easy\" or \"random\"; got "
                               f"{_validate._describe(strategy)}.")
    _validate.refuse_if_too_large(int(sizes.max()) * d, MAX_DESIGN_ELEMENTS,
                                  f"a training set of {int(sizes.max())} examples × {d} features",
                                  "Use fewer examples or features.")
    _validate.refuse_if_too_large(trials * sizes.size, MAX_TRIALS, f"{trials} trials × "
                                  f"{sizes.size} sizes", "Use fewer trials.", unit="trials")
    rng = np.random.default_rng(_validate.seed_value(seed))
    kept_sizes = np.maximum(1, np.round(f * sizes)).astype(int)
    errors = np.empty((sizes.size, trials))
    with _blas.single_thread():
        for t in range(trials):
            teacher = rng.standard_normal(d)
            teacher /= np.linalg.norm(teacher)
            other = rng.standard_normal(d)
            other -= (other @ teacher) * teacher
            other /= np.linalg.norm(other)
            probe = np.cos(theta) * teacher + np.sin(theta) * other
            for i, (p, keep) in enumerate(zip(sizes, kept_sizes)):
                x = rng.standard_normal((p, d))
                y = np.where(x @ teacher >= 0, 1.0, -1.0)
                margin = np.abs(x @ probe)
                if strategy == "random":
                    chosen = rng.permutation(p)[:keep]
                else:
                    order = np.argsort(margin if strategy == "hard" else -margin, kind="stable")
                    chosen = order[:keep]
                xs, ys = x[chosen], y[chosen]
                if keep >= d:
                    student = np.linalg.solve(xs.T @ xs, xs.T @ ys)
                else:
                    student = xs.T @ np.linalg.solve(xs @ xs.T, ys)
                cosine = student @ teacher / max(np.linalg.norm(student), 1e-300)
                errors[i, t] = np.arccos(np.clip(cosine, -1.0, 1.0)) / np.pi
    return PruningCurve(d, f, strategy, theta, sizes, kept_sizes, errors)


#: Largest number of problems × attempts one repeated-sampling simulation draws.
MAX_ATTEMPTS = 10**11


@dataclass(frozen=True)
class RepeatedSampling:
    """Problems attempted many times: per-problem success rates, counts, and coverage over k.

    Made by :func:`repeated_sampling`. ``success_probability`` holds each problem's true
    single-attempt success rate ``p_i``, ``successes`` the correct answers among ``attempts``
    draws; ``coverage`` is the unbiased estimate of the fraction of problems solved by at least
    one of ``k`` attempts (the mean over problems of
    :func:`scaling_utils.fitting.pass_at_k`), ``expected_coverage`` its expectation for these
    problems, ``1 − mean_i (1 − p_i)^k``.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> run = simulate.repeated_sampling(200, 1000, seed=1)
    >>> run.k[:4].tolist(), f"{run.coverage[0]:.3f}", f"{run.expected_coverage[0]:.3f}"
    ([1, 2, 3, 4], '0.084', '0.083')

    Introduced in lesson 08.
    """

    success_probability: np.ndarray
    attempts: int
    successes: np.ndarray
    k: np.ndarray
    coverage: np.ndarray
    expected_coverage: np.ndarray
    tail_exponent: float
    beta: float
    seed: int

    def __str__(self) -> str:
        return (f"{self.success_probability.size} problems × {self.attempts} attempts, "
                f"p ~ Beta({self.tail_exponent:g}, {self.beta:g}): coverage "
                f"{self.coverage[0]:.3g} at k = {self.k[0]} to {self.coverage[-1]:.3g} at k = "
                f"{self.k[-1]}; {int((self.successes == 0).sum())} problems never solved")


def repeated_sampling(n_problems=500, attempts=10_000, *, tail_exponent=0.3, beta=3.0, k=None,
                      seed=0) -> RepeatedSampling:
    r"""Simulate repeated sampling on problems whose single-attempt success rates are heavy-tailed
    towards 0, the mechanism behind the coverage power law (Schaeffer et al. 2025).

    Schaeffer et al. (2025), "How Do Large Language Monkeys Get Their Power (Laws)?",
    arXiv:2502.17578: on one problem with success rate ``p`` the chance that ``k`` attempts all
    fail, ``(1 − p)^k``, falls *exponentially* in ``k``; averaged over problems it can fall as a
    *power law* when the distribution of ``p`` has enough mass near 0 — a small fraction of very
    hard problems that collectively hold coverage back. Here ``p_i ~ Beta(α, β)`` with
    ``α`` = ``tail_exponent``, whose density grows as ``p^{α−1}`` near 0. Then

    .. math:: 1 - \mathrm{coverage}(k) = \mathbb{E}\,(1 - p)^k
              = \frac{B(\alpha, \beta + k)}{B(\alpha, \beta)}
              \approx \frac{\Gamma(\alpha + \beta)}{\Gamma(\beta)}\,k^{-\alpha}
              \quad (k \gg \beta),

    so ``−log coverage ≈ 1 − coverage`` falls as ``k^{−α}``: Brown et al.'s ``exp(a·k^b)`` with
    ``b ≈ −α`` (:func:`scaling_utils.fitting.fit_coverage`). A distribution with no mass near 0
    (every ``p`` above some ``p_min``) gives instead ``(1 − p_min)^k``, an exponential fall that
    bends down on those axes.

    Each problem is attempted ``attempts`` times (``successes ~ Binomial(attempts, p_i)``), and
    coverage at each ``k`` is estimated without bias from the counts
    (:func:`scaling_utils.fitting.pass_at_k`), as Brown et al. and Schaeffer et al. do.

    Parameters
    ----------
    n_problems : int, default 500
        How many problems (≥ 1).
    attempts : int, default 10,000
        Attempts per problem (≥ 1).
    tail_exponent : float, default 0.3
        ``α`` (> 0): the smaller, the heavier the tail of hard problems.
    beta : float, default 3.0
        ``β`` (> 0): the mean success rate is ``α/(α + β)``.
    k : list of int, optional
        Where to estimate coverage, each in ``[1, attempts]``; by default 25 log-spaced values
        from 1 to ``attempts`` rounded to whole numbers (repeats merged).
    seed : int, default 0
        Seed of ``numpy.random.default_rng`` (≥ 0).

    Returns
    -------
    RepeatedSampling

    Raises
    ------
    CourseValueError
        When a count is not a whole number ≥ 1, a ``k`` exceeds ``attempts``, a shape parameter
        is not positive, or ``n_problems × attempts`` exceeds :data:`MAX_ATTEMPTS`.

    Examples
    --------
    >>> from scaling_utils import fitting, simulate
    >>> run = simulate.repeated_sampling(1000, 10_000, tail_exponent=0.3, seed=0)
    >>> keep = run.k >= 10
    >>> fit = fitting.fit_coverage(run.k[keep], run.coverage[keep])
    >>> f"b = {fit.b:.2f}"                 # close to −α
    'b = -0.36'

    Introduced in lesson 08.
    """
    from . import fitting

    problems = _validate.positive_int(n_problems, "n_problems")
    n = _validate.positive_int(attempts, "attempts")
    alpha = _validate.positive_float(tail_exponent, "tail_exponent")
    b = _validate.positive_float(beta, "beta")
    rng_seed = _validate.seed_value(seed)
    _validate.refuse_if_too_large(problems * n, MAX_ATTEMPTS, "the attempts simulated",
                                  "Use fewer problems or attempts.", unit="attempts")
    if k is None:
        ks = np.unique(np.round(np.geomspace(1, n, 25))).astype(np.int64)
    else:
        (ks,) = _validate.positive_arrays(k=k)
        if (ks != np.round(ks)).any() or (ks > n).any():
            raise CourseValueError(f"k must hold whole numbers from 1 to attempts = {n}; got "
                                   f"{_validate._describe(k)}.")
        ks = ks.astype(np.int64)
    rng = np.random.default_rng(rng_seed)
    p = rng.beta(alpha, b, size=problems)
    successes = rng.binomial(n, p)
    coverage = fitting.pass_at_k(n, successes[:, None], ks[None, :]).mean(axis=0)
    expected = -np.expm1(ks[None, :] * np.log1p(-p[:, None])).mean(axis=0)
    return RepeatedSampling(p, n, successes, ks, coverage, expected, alpha, b, rng_seed)


# --- lesson 09: a student that resolves a smooth teacher on a manifold of known dimension ------

#: Grid points per side tried by default, per dimension: up to about 65,000 parameters.
_RESOLUTION_GRIDS = {1: (4, 8, 16, 32, 64, 128), 2: (4, 6, 8, 12, 16, 24, 32, 48, 64),
                     3: (4, 6, 8, 12, 16, 24, 32), 4: (4, 5, 6, 8, 10, 12, 16)}
_MAX_GRID_VALUES = 2_000_000


@dataclass(frozen=True)
class ResolutionScaling:
    r"""The error of a piecewise-linear student against its number of parameters, in ``d``
    dimensions: the result of :func:`resolution_scaling`.

    Attributes
    ----------
    dimension : int
        ``d``, the dimension of the inputs (the "data manifold").
    points_per_side : numpy.ndarray
        ``n``, the student's grid points along each axis.
    n_params : numpy.ndarray
        ``N = n^d``, the student's parameters (one value per grid point).
    mse : numpy.ndarray
        The mean squared error against the teacher on held-out points.
    exponent : float
        ``α`` fitted by least squares on ``log mse = c − α log N`` over the last four sizes.
    predicted : float
        ``4/d``, the exponent of Sharma & Kaplan (2022)'s argument.
    frequency : float
        The teacher's frequency scale.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> result = simulate.resolution_scaling(2)
    >>> print(result)
    d = 2: fitted exponent 2.04 over N = 576 to 4096 (4/d = 2)

    Introduced in lesson 09.
    """

    dimension: int
    points_per_side: np.ndarray
    n_params: np.ndarray
    mse: np.ndarray
    exponent: float
    predicted: float
    frequency: float

    def __str__(self) -> str:
        return (f"d = {self.dimension}: fitted exponent {self.exponent:.2f} over N = "
                f"{self.n_params[-4]:.0f} to {self.n_params[-1]:.0f} (4/d = {self.predicted:.3g})")


def _teacher(dimension, frequency, seed, waves=8):
    rng = np.random.default_rng([seed, dimension, 0])
    directions = rng.standard_normal((waves, dimension)) * (2 * np.pi * frequency)
    phases = rng.uniform(0.0, 2 * np.pi, waves)
    amplitudes = rng.standard_normal(waves) / np.sqrt(waves)
    return lambda x: np.cos(x @ directions.T + phases) @ amplitudes


def _multilinear(values, n, x):
    """Interpolate grid ``values`` (``n`` points per side on [0, 1]^d) at the rows of ``x``."""
    import itertools

    d = x.shape[1]
    position = x * (n - 1)
    low = np.clip(np.floor(position).astype(np.int64), 0, n - 2)
    t = position - low
    out = np.zeros(x.shape[0])
    for corner in itertools.product((0, 1), repeat=d):
        c = np.array(corner)
        weight = np.prod(np.where(c == 1, t, 1.0 - t), axis=1)
        out += weight * values[tuple((low + c).T)]
    return out


def resolution_scaling(dimension, points_per_side=None, *, frequency=1.0, n_test=4000,
                       seed=0) -> ResolutionScaling:
    r"""A teacher–student experiment where the data's dimension is known: how fast a
    piecewise-linear student's error falls with its number of parameters.

    Sharma & Kaplan (2022), "Scaling Laws from the Data Manifold Dimension", JMLR 23(9),
    abstract: if a model "is effectively just performing regression on a data manifold of
    intrinsic dimension d", the scaling exponent is ``α ≈ 4/d`` for cross-entropy and mean
    squared error. The argument: ``N`` parameters cut the manifold into cells of side
    ``s ∝ N^{-1/d}``; a piecewise-linear model misses a smooth function by ``∝ s²`` in each cell,
    and a squared error (or a cross-entropy near its minimum) is quadratic in that miss, so the
    loss falls like ``s⁴ = N^{-4/d}``.

    Here the teacher is a smooth random function on ``[0, 1]^d`` (a sum of eight cosines with
    random directions, wave numbers ``2π·frequency·z`` with ``z`` standard normal, and random
    phases and amplitudes); the student with ``N = n^d`` parameters holds the teacher's values on
    a grid of ``n`` points per side and interpolates multilinearly between them (the best it can
    do with unlimited data, up to a constant). The error is measured on ``n_test`` uniformly
    drawn points. With a larger ``frequency`` the teacher wiggles more, and the slope reaches
    ``4/d`` only once the cells are smaller than its wiggles.

    Parameters
    ----------
    dimension : int
        ``d``, 1 to 4.
    points_per_side : list of int, optional
        Grid sizes ``n`` (≥ 2 each, at least four of them, ``n^d`` at most 2,000,000); default a
        range up to about 65,000 parameters.
    frequency : float, default 1
        The teacher's frequency scale (> 0, at most 20).
    n_test : int, default 4000
        Held-out points (100 to 100,000).
    seed : int, default 0
        Seed of the teacher and of the held-out points.

    Returns
    -------
    ResolutionScaling

    Raises
    ------
    CourseValueError
        When ``dimension`` is not 1 to 4, a grid size is below 2 or too large, fewer than four
        sizes are given, or another argument is out of its range.

    Examples
    --------
    >>> from scaling_utils import simulate
    >>> [round(simulate.resolution_scaling(d).exponent, 1) for d in (1, 3, 4)]
    [4.1, 1.4, 1.0]

    Introduced in lesson 09.
    """
    d = _validate.positive_int(dimension, "dimension")
    if d > 4:
        raise CourseValueError(f"dimension must be 1, 2, 3 or 4 (a grid in more dimensions "
                               f"needs too many points); got {d}.")
    sizes = _RESOLUTION_GRIDS[d] if points_per_side is None else points_per_side
    sizes = _validate.positive_array(sizes, "points_per_side", integer=True, minimum=2)
    if sizes.ndim != 1 or sizes.size < 4:
        raise CourseValueError(f"points_per_side must be a flat list of at least four grid "
                               f"sizes, e.g. [4, 8, 16, 32]; got {sizes.size}.")
    sizes = np.sort(sizes.astype(np.int64))
    if float(sizes[-1]) ** d > _MAX_GRID_VALUES:
        raise CourseValueError(f"points_per_side gives {float(sizes[-1]) ** d:.3g} grid values in "
                               f"{d} dimensions; at most {_MAX_GRID_VALUES:,} are allowed. Use "
                               f"smaller grids.")
    frequency = _validate.positive_float(frequency, "frequency")
    if frequency > 20:
        raise CourseValueError(f"frequency must be at most 20 (the teacher's wave numbers); got "
                               f"{frequency:g}.")
    n_test = _validate.positive_int(n_test, "n_test", minimum=100)
    if n_test > 100_000:
        raise CourseValueError(f"n_test must be at most 100,000; got {n_test}.")
    seed = _validate.seed_value(seed)
    teacher = _teacher(d, frequency, seed)
    x = np.random.default_rng([seed, d, 1]).uniform(size=(n_test, d))
    y = teacher(x)
    mse = []
    for n in sizes:
        axis = np.linspace(0.0, 1.0, int(n))
        grid = np.stack(np.meshgrid(*[axis] * d, indexing="ij"), axis=-1).reshape(-1, d)
        values = teacher(grid).reshape((int(n),) * d)
        mse.append(float(np.mean((_multilinear(values, int(n), x) - y) ** 2)))
    n_params = sizes.astype(float) ** d
    mse = np.array(mse)
    slope = np.polyfit(np.log(n_params[-4:]), np.log(mse[-4:]), 1)[0]
    return ResolutionScaling(d, sizes, n_params, mse, float(-slope), 4.0 / d, frequency)
