"""Exercises of lesson 06: broken and bending laws."""

from __future__ import annotations

import warnings
from functools import lru_cache

import numpy as np

from .. import data, fitting, laws, references, simulate, studies
from . import check_choice, check_function, check_number

__all__ = [
    "BREAK_TASK",
    "slope_at_break",
    "SPLIT_TASK",
    "winner_with_more_held_out",
    "BEYOND_TASK",
    "overshoot_beyond_break",
    "write_local_slope",
    "MIRAGE_TASK",
    "exact_match_half",
    "FORECAST_TASK",
    "two_step_accuracy",
    "EXPERTS_TASK",
    "dense_equivalent",
]


#: Exercise 1's law: ``y = a + b·x^(−c₀)·(1 + (x/d₁)^(1/f₁))^(−c₁f₁)``.
BREAK_TASK = {"a": 0.1, "b": 4.0, "c0": 0.25, "c1": 0.35, "d1": 1e5, "f1": 0.5}


def _break_law(task=BREAK_TASK) -> laws.BrokenPowerLaw:
    return laws.BrokenPowerLaw(task["a"], task["b"], task["c0"],
                               [(task["c1"], task["d1"], task["f1"])])


def slope_at_break(answer):
    """Exercise 1: the log-log slope of ``y − a`` at the break, ``x = d₁``.

    The reference is :meth:`scaling_utils.laws.BrokenPowerLaw.local_slope` of the law of
    :data:`BREAK_TASK` at ``x = d₁``: ``−c₀ − c₁·σ(0) = −(c₀ + c₁/2)``; accepted within 1 %.

    Parameters
    ----------
    answer : float
        The slope, a number (negative for a falling curve).

    Returns
    -------
    Feedback
        ``'correct'`` within 1 %; otherwise ``'not yet'`` naming the slope before the break, the
        slope long after it, and the sign, or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson06
    >>> lesson06.slope_at_break(-0.6).message
    'That is the slope long after the break, −(c₀ + c₁); at x = d₁ the bend is only half done.'

    Introduced in lesson 06.
    """
    task = BREAK_TASK
    law = _break_law()
    expected = float(law.local_slope(task["d1"]))
    return check_number(
        answer, expected, exercise="Exercise 1 — the slope at the break", rtol=0.01,
        mistakes=[(-(task["c0"] + task["c1"]),
                   "That is the slope long after the break, −(c₀ + c₁); at x = d₁ the bend is "
                   "only half done."),
                  (-task["c0"], "That is the slope long before the break, −c₀; at x = d₁ the "
                                "break has begun to act."),
                  (-expected, "The size is right but the curve falls, so its slope is "
                              "negative.")],
        hint="In the dashboard's right panel, the slope at the vertical line; on paper, "
             "σ(0) = 1/2 in the formula for the local slope.",
    )


#: Exercise 2's curve and how many of its largest points to hold out.
SPLIT_TASK = {"curve": "NMT 6 Enc, 6 Dec", "holdout": 5}

_SPLIT_OPTIONS = {"M1": "M1, βx^c", "M2": "M2, ε∞ + βx^c", "M3": "M3, β(1/x + γ)^c",
                  "M4": "M4, (ε − ε∞)/(ε₀ − ε)^α = βx^c", "BNSL": "a one-break BNSL"}


@lru_cache(maxsize=1)
def _split_backtest():
    curve = next(c for c in data.load_benchmark() if c.name == SPLIT_TASK["curve"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fitting.backtest(curve.x, curve.loss, holdout=SPLIT_TASK["holdout"],
                                families=list(_SPLIT_OPTIONS))


def winner_with_more_held_out(answer):
    """Exercise 2: which form extrapolates best when the last five points are held out.

    The reference is :func:`scaling_utils.fitting.backtest` of the curve of :data:`SPLIT_TASK`
    with ``holdout=5`` over M1–M4 and BNSL: the form with the smallest held-out RMSE.

    Parameters
    ----------
    answer : str
        One of ``"M1"``, ``"M2"``, ``"M3"``, ``"M4"``, ``"BNSL"``.

    Returns
    -------
    Feedback
        ``'correct'`` for the winner; otherwise ``'not yet'`` with why that form lost.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson06
    >>> print(lesson06.winner_with_more_held_out("BNSL").message)
    BNSL won with the benchmark's split, one point held out; with five held out it is fitted on 6 points, as many as it has parameters, and its forecast is too high (held-out RMSE 0.158).

    Introduced in lesson 06.
    """
    result = _split_backtest()
    rmse = result.held_out_rmse
    n_fit = result.n_fit
    held = result.held_out

    def direction(family):
        bias = float(np.mean(np.log(result.fits[family].predict(result.x[held])
                                    / result.y[held])))
        return "too high" if bias > 0 else "too low"

    why = {family: (f"{family} forecasts the held-out losses {direction(family)} (held-out RMSE "
                    f"{rmse[family]:.3g}); another form does better.")
           for family in _SPLIT_OPTIONS}
    why["BNSL"] = (f"BNSL won with the benchmark's split, one point held out; with five held out "
                   f"it is fitted on {n_fit} points, as many as it has parameters, and its "
                   f"forecast is {direction('BNSL')} (held-out RMSE {rmse['BNSL']:.3g}).")
    why[result.winner] = (f"{result.winner}: held-out RMSE {rmse[result.winner]:.3g}, the best "
                          f"of the five.")
    return check_choice(answer, result.winner, exercise="Exercise 2 — a harder split",
                        options=_SPLIT_OPTIONS, why=why,
                        hint="fitting.backtest(curve.x, curve.loss, holdout=5, families=[...]) "
                             "and its .winner; the curve is the one data.load_benchmark() names "
                             "SPLIT_TASK['curve'].")


#: Exercise 3: a truth whose break lies beyond the measured range, the range fitted and the
#: scale to forecast.
BEYOND_TASK = {"a": 0.2, "b": 8.0, "c0": 0.15, "c1": 0.45, "d1": 1e6, "f1": 0.3,
               "x_low": 1e2, "x_high": 1e5, "points": 13, "target": 1e8}


@lru_cache(maxsize=1)
def _lesson_noisy_ratio() -> float:
    """The same forecast from the lesson's section 3: 1 % noise (seed 0), the 13 points up to
    10⁵ of 25 log-spaced points from 10² to 10⁸."""
    task = BEYOND_TASK
    truth = _break_law(task)
    x = np.geomspace(task["x_low"], 1e8, 25)
    y = simulate.noisy_observations(truth, x, relative_noise=0.01, seed=0)
    early = x <= task["x_high"]
    fit = fitting.fit_family(x[early], y[early], "M2", warn_now=False)
    return float(fit.predict(task["target"]) / truth(task["target"]))


@lru_cache(maxsize=1)
def _beyond_ratio() -> float:
    task = BEYOND_TASK
    truth = _break_law(task)
    x = np.geomspace(task["x_low"], task["x_high"], task["points"])
    fit = fitting.fit_family(x, truth(x), "M2", warn_now=False)
    return float(fit.predict(task["target"]) / truth(task["target"]))


def overshoot_beyond_break(answer):
    """Exercise 3: how far M2, fitted before a break, overshoots the loss at 10⁸.

    The reference: :func:`scaling_utils.fitting.fit_family` with ``"M2"`` on the noise-free law
    of :data:`BEYOND_TASK` at ``points`` log-spaced ``x`` from ``x_low`` to ``x_high``; the
    ratio of its forecast at ``target`` to the truth there. Accepted within 2 %.

    Parameters
    ----------
    answer : float
        Forecast divided by truth (above 1: an overshoot).

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming the inverted ratio and the
        lesson's noisy forecast) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson06
    >>> lesson06.overshoot_beyond_break(1.0).status
    'not yet'

    Introduced in lesson 06.
    """
    ratio = _beyond_ratio()
    return check_number(
        answer, ratio, exercise="Exercise 3 — a break beyond the data", rtol=0.02,
        mistakes=[(1 / ratio, "That is truth divided by forecast; the question asks for the "
                              "forecast divided by the truth."),
                  (_lesson_noisy_ratio(), "That is the lesson's forecast from noisy "
                                          "measurements; here the points are exact (truth(x)), "
                                          "which gives another fit.")],
        hint="truth = laws.BrokenPowerLaw(a, b, c0, [(c1, d1, f1)]); "
             "fit = fitting.fit_family(x, truth(x), 'M2'); fit.predict(target) / truth(target).",
    )


def _slope_without_f(x, c0, c1, d1, f1):
    return -c0 - c1 / (1.0 + np.exp(-(np.log(x) - np.log(d1))))


def _slope_wrong_sign(x, c0, c1, d1, f1):
    return -c0 - c1 / (1.0 + np.exp((np.log(x) - np.log(d1)) / f1))


def _reference_slope(x, c0, c1, d1, f1):
    return laws.BrokenPowerLaw(0.0, 1.0, c0, [(c1, d1, f1)]).local_slope(x)


def write_local_slope(func):
    """Exercise 4: write ``local_slope(x, c0, c1, d1, f1)`` for a one-break BNSL.

    The reference is :meth:`scaling_utils.laws.BrokenPowerLaw.local_slope`, called at single
    numbers ``x``, around and far from the break, with sharp and smooth breaks and
    both signs of ``c₁``; accepted within a relative 10⁻⁶.

    Parameters
    ----------
    func : callable
        The learner's function ``local_slope(x, c0, c1, d1, f1)``.

    Returns
    -------
    Feedback
        ``'correct'`` when every case agrees; otherwise ``'not yet'`` naming the first case
        that differs (and the slip, for a missing ``f₁`` or a sigmoid the wrong way round).

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils.checks import lesson06
    >>> def local_slope(x, c0, c1, d1, f1):
    ...     return -c0 - c1 / (1 + (x / d1) ** (-1 / f1))
    >>> lesson06.write_local_slope(local_slope).status
    'correct'

    Introduced in lesson 06.
    """
    cases = [(1e4, 0.2, 0.5, 1e4, 0.3), (10.0, 0.2, 0.5, 1e4, 0.3), (1e8, 0.2, 0.5, 1e4, 0.3),
             (3e4, 0.3, -0.2, 1e4, 2.0), (9e2, 0.1, 0.6, 1e3, 0.05)]
    return check_function(
        func, _reference_slope, cases, exercise="Exercise 4 — write the local slope",
        rtol=1e-6,
        mistakes=[(_slope_without_f, "The width f₁ is missing: the sigmoid's argument is "
                                     "(ln x − ln d₁)/f₁."),
                  (_slope_wrong_sign, "The sigmoid runs the wrong way: the change c₁ should be "
                                      "absent before the break (x ≪ d₁) and complete after it.")],
        hint="Differentiate ln(y − a) = ln b − c₀ ln x − c₁f₁ ln(1 + e^((ln x − ln d₁)/f₁)) "
             "with respect to ln x.",
    )


#: Exercise 5: the answer length and the exact-match score asked about.
MIRAGE_TASK = {"target_length": 10, "score": 0.5}


def exact_match_half(answer):
    """Exercise 5: the model size at which exact match over ``ℓ`` tokens reaches 50 %.

    Under the course's per-token loss :data:`scaling_utils.studies.MIRAGE_LOSS`, exact match is
    ``p^ℓ`` with ``p = e^(−L(N))`` (Schaeffer et al. 2023, §2); it reaches ``score`` where
    ``L = −ln(score)/ℓ``, at ``N = MIRAGE_LOSS.solve(L)``. Accepted within 5 %.

    Parameters
    ----------
    answer : float
        The number of parameters N.

    Returns
    -------
    Feedback
        ``'correct'`` within 5 %; otherwise ``'not yet'`` (naming the size at which one token
        is right half the time) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson06
    >>> lesson06.exact_match_half(1e9).status
    'not yet'

    Introduced in lesson 06.
    """
    task = MIRAGE_TASK
    loss_needed = -np.log(task["score"]) / task["target_length"]
    expected = float(studies.MIRAGE_LOSS.solve(loss_needed))
    one_token = float(studies.MIRAGE_LOSS.solve(-np.log(task["score"])))
    return check_number(
        answer, expected, exercise="Exercise 5 — when exact match reaches one half", rtol=0.05,
        mistakes=[(one_token, "That is where a single token is right half the time; all ten "
                              "must be right at once, so each must be right far more often.")],
        hint="p^ℓ = 0.5 needs p = 0.5^(1/ℓ), that is a loss L = ln(2)/ℓ per token; "
             "studies.MIRAGE_LOSS.solve(L) gives the N with that loss.",
    )


#: Exercise 6: the study (its scaling-law runs' budgets and seed) and the budget to forecast.
FORECAST_TASK = {"low": 6e18, "high": 1e22, "points": 8, "seed": 0, "target": 3.8e25}


def _forecast_study():
    task = FORECAST_TASK
    return simulate.two_step_benchmark(np.geomspace(task["low"], task["high"], task["points"]),
                                       target_compute=task["target"], seed=task["seed"])


@lru_cache(maxsize=1)
def _forecast() -> tuple:
    study = _forecast_study()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = fitting.fit_two_step_forecast(study.compute, study.nll, study.accuracy,
                                            older_nll=study.older_nll,
                                            older_accuracy=study.older_accuracy)
    return float(fit.predict_accuracy(FORECAST_TASK["target"])), float(study.target_accuracy)


def two_step_accuracy(answer):
    """Exercise 6: the two-step forecast of the benchmark accuracy at 3.8·10²⁵ FLOPs.

    The reference: :func:`scaling_utils.fitting.fit_two_step_forecast` on the simulated study
    of :data:`FORECAST_TASK` (:func:`scaling_utils.simulate.two_step_benchmark`, older models
    included), then ``predict_accuracy(target)``. Accepted within 0.01 (absolute).

    Parameters
    ----------
    answer : float
        The forecast accuracy, a fraction (0.9 for 90 %).

    Returns
    -------
    Feedback
        ``'correct'`` within 0.01; otherwise ``'not yet'`` (naming the true accuracy, which the
        fit cannot see, and a percentage typed as a number) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson06
    >>> lesson06.two_step_accuracy(0.25).status
    'not yet'

    Introduced in lesson 06.
    """
    forecast, truth = _forecast()
    return check_number(
        answer, forecast, exercise="Exercise 6 — a two-step forecast", atol=0.01,
        mistakes=[(truth, "That is the simulated truth, which a forecaster cannot see; give the "
                          "fit's forecast."),
                  (100 * forecast, "Give the accuracy as a fraction (0.9), not a percentage.")],
        hint="fit = fitting.fit_two_step_forecast(study.compute, study.nll, study.accuracy, "
             "older_nll=study.older_nll, older_accuracy=study.older_accuracy); then "
             "fit.predict_accuracy(task['target']).",
    )


#: Exercise 7: a routed model's size and number of experts, and the routing method.
EXPERTS_TASK = {"method": "S-BASE", "n_params": 1.3e9, "n_experts": 64}


def dense_equivalent(answer):
    """Exercise 7: the dense model with the same loss as a routed one (Clark et al. 2022).

    The reference: :meth:`scaling_utils.laws.RoutedLaw.effective_params` of
    :func:`scaling_utils.references.clark_routed_law` for the method of :data:`EXPERTS_TASK`,
    at its ``n_params`` and ``n_experts``. Accepted within 2 %.

    Parameters
    ----------
    answer : float
        The dense parameter count.

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming the count of every expert's
        weights, and another routing method) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson06
    >>> lesson06.dense_equivalent(1.3e9 * 64).message[:40]
    'That counts every expert as if each toke'

    Introduced in lesson 06.
    """
    task = EXPERTS_TASK
    law = references.clark_routed_law(task["method"])
    expected = float(law.effective_params(task["n_params"], task["n_experts"]))
    others = [(float(references.clark_routed_law(m).effective_params(task["n_params"],
                                                                      task["n_experts"])),
               f"That is the {m} law; the task asks for {task['method']}.")
              for m in references.ROUTING_METHODS if m != task["method"]]
    return check_number(
        answer, expected, exercise="Exercise 7 — what 64 experts are worth", rtol=0.02,
        mistakes=[(task["n_params"] * task["n_experts"],
                   "That counts every expert as if each token used them all; the law says what "
                   "the routed model is worth in dense parameters.")] + others,
        hint="references.clark_routed_law('S-BASE').effective_params(N, E).",
    )
