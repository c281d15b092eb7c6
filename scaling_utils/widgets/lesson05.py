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

    Introduced in lesson 05.
    """
    return make_view(studies.bootstrap_fan(noise, models_per_budget, n_budgets,
                                           n_resamples=n_resamples, target=target, seed=seed))


def bootstrap_fan_dashboard(noise=0.01, models_per_budget=8, n_budgets=6):
    """Sliders for the study's noise and size.

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

    Introduced in lesson 05.
    """
    return make_view(studies.isoflop_bias(span, guessed_exponent, n_budgets=n_budgets,
                                          models_per_budget=models_per_budget))


def isoflop_bias_dashboard(span=1.0, guessed_exponent=0.5):
    """Sliders for the grid's width and the guessed frontier.

    Introduced in lesson 05.
    """
    controls = {
        "span": float_slider("grid span (± decades of N)", span, 0.2, 2.0, 0.1),
        "guessed_exponent": float_slider("grids centred on C^", guessed_exponent, 0.3, 0.9, 0.01),
    }
    return dashboard(studies.isoflop_bias, controls)
