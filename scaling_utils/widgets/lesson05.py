"""Lesson 05 dashboards: the bootstrap fan of a simulated study; IsoFLOP grid bias."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, float_slider, int_slider, make_view

__all__ = ["bootstrap_fan_view", "bootstrap_fan_dashboard", "isoflop_bias_view",
           "isoflop_bias_dashboard"]


def bootstrap_fan_view(noise=0.01, models_per_budget=8, n_budgets=6, *, n_resamples=300,
                       target=1e25, seed=0) -> View:
    """The view of :func:`scaling_utils.studies.bootstrap_fan`: each refit's frontier
    ``N_opt(C)`` relative to the truth, out to 10²⁶ FLOPs.

    A simulated IsoFLOP study (budgets from 10¹⁸ to 10²¹ FLOPs) is fitted by Hoffmann et al.'s
    Approach 3 and bootstrapped (Efron's bootstrap, as Besiroglu et al. 2024, §4, do); each
    refit gives a frontier ``N_opt(C) = G·(C/6)^a``.

    Parameters
    ----------
    noise : float, default 0.01
        The relative scatter of a simulated loss (a fraction, < 0.5).
    models_per_budget, n_budgets : int
        The study's size (defaults 8 and 6; at least 8 runs).
    n_resamples : int, default 300
        Bootstrap refits (≥ 10).
    target : float, default 1e25
        The budget in FLOPs whose ``N_opt`` interval the readout gives.
    seed : int, default 0
        The seed of the simulation and the resampling.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.FanStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.bootstrap_fan`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.bootstrap_fan_view(n_resamples=100)
    >>> print(view.summary.splitlines()[0])
    48 runs (6 budgets × 8 models), noise 1%, 100 resamples
    >>> plt.close(view.figure)

    Introduced in lesson 05.
    """
    return make_view(studies.bootstrap_fan(noise, models_per_budget, n_budgets,
                                           n_resamples=n_resamples, target=target, seed=seed))


def bootstrap_fan_dashboard(noise=0.01, models_per_budget=8, n_budgets=6):
    """Sliders for the study's noise and size.

    Over :func:`scaling_utils.studies.bootstrap_fan`: the noise from 0 to 5 % in steps of
    0.25 %, 3 to 16 models per budget, 2 to 12 budgets.

    Parameters
    ----------
    noise : float, default 0.01
        The starting noise, a fraction.
    models_per_budget, n_budgets : int
        The starting size of the study (defaults 8 and 6).

    Returns
    -------
    Dashboard

    Raises
    ------
    Nothing of its own: a starting setting the study refuses shows its reason in the readout.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.bootstrap_fan_dashboard()
    >>> board.step("n_budgets")
    >>> board.result.runs
    56

    Introduced in lesson 05.
    """
    controls = {
        "noise": float_slider("noise (% of loss)", noise, 0.0, 0.05, 0.0025,
                              readout_format=".2%"),
        "models_per_budget": int_slider("models per budget", models_per_budget, 3, 16),
        "n_budgets": int_slider("budgets", n_budgets, 2, 12),
    }
    # Each setting takes a fit and a few hundred refits (30–40 ms): compute the neighbours of
    # the current one while the learner looks at it.
    return dashboard(studies.bootstrap_fan, controls, prefetch=True)


def isoflop_bias_view(span=1.0, guessed_exponent=None, *, n_budgets=7, models_per_budget=9
                      ) -> View:
    """The view of :func:`scaling_utils.studies.isoflop_bias`: the grids and parabola minima
    against the true optimum, and their ratio.

    Hoffmann et al.'s Approach 2 (2022, §3.2) on noiseless IsoFLOP grids centred on a guessed
    frontier: any error in the fitted exponent is bias.

    Parameters
    ----------
    span : float, default 1.0
        Half-width of each grid, in decades of ``N`` (at most 3).
    guessed_exponent : float, optional
        The exponent of the frontier the grids are centred on (in (0, 1)); default the true one.
    n_budgets, models_per_budget : int
        The study's size (defaults 7 and 9; at least 3 each).

    Returns
    -------
    View
        ``view.result`` is an :class:`~scaling_utils.studies.IsoflopBias`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.isoflop_bias`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.isoflop_bias_view(1.0, 0.4)
    >>> f"{view.result.bias:+.4f}", len(view.figure.axes)
    ('+0.0022', 2)
    >>> plt.close(view.figure)

    Introduced in lesson 05.
    """
    return make_view(studies.isoflop_bias(span, guessed_exponent, n_budgets=n_budgets,
                                          models_per_budget=models_per_budget))


def isoflop_bias_dashboard(span=1.0, guessed_exponent=0.5):
    """Sliders for the grid's width and the guessed frontier.

    Over :func:`scaling_utils.studies.isoflop_bias`: the span from 0.2 to 2 decades in steps of
    0.1, the guessed exponent from 0.3 to 0.9 in steps of 0.01.

    Parameters
    ----------
    span : float, default 1.0
        The starting half-width of the grids, in decades.
    guessed_exponent : float, default 0.5
        The starting guess.

    Returns
    -------
    Dashboard

    Raises
    ------
    Nothing of its own: a starting setting the study refuses shows its reason in the readout.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.isoflop_bias_dashboard()
    >>> board.step()                # the span, a tenth of a decade wider
    >>> f"{board.result.span:.1f}", f"{board.result.bias:+.4f}"
    ('1.1', '+0.0004')

    Introduced in lesson 05.
    """
    controls = {
        "span": float_slider("grid span (± decades of N)", span, 0.2, 2.0, 0.1),
        "guessed_exponent": float_slider("grids centred on C^", guessed_exponent, 0.3, 0.9, 0.01),
    }
    return dashboard(studies.isoflop_bias, controls)
