"""Lesson 04 dashboard: IsoFLOP profiles and the compute-optimal model."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, dropdown, float_slider, make_view

__all__ = ["isoflop_view", "isoflop_dashboard"]


def isoflop_view(log10_compute=21.0, log10_params=9.0, law_name="Besiroglu et al. 2024 (refit)"
                 ) -> View:
    """The view of :func:`scaling_utils.studies.isoflop_choice`: the IsoFLOP profile of the chosen
    budget (and of budgets 10× and 100× smaller and larger, faint), the compute-optimal size of
    each (stars) and the chosen size (dot).

    Introduced in lesson 04.
    """
    return make_view(studies.isoflop_choice(log10_compute, log10_params, law_name))


def isoflop_dashboard(log10_compute=21.0, log10_params=9.0):
    """Sliders for the budget and the model size, and a choice of law.

    Introduced in lesson 04.
    """
    controls = {
        "log10_compute": float_slider("log₁₀ compute (FLOPs)", log10_compute, 18.0, 26.0, 0.25),
        "log10_params": float_slider("log₁₀ parameters N", log10_params, 6.0, 13.0, 0.05),
        "law_name": dropdown("law", studies.LAWS_04),
    }
    # A budget and a model size only make sense together: handouts offer a grid of both.
    return dashboard(studies.isoflop_choice, controls,
                     joint=[("log10_compute", "log10_params")])
