"""Lesson 03 dashboard: a model on a line of equal compute, under Kaplan's L(N, D)."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, float_slider, make_view

__all__ = ["compute_line_view", "compute_line_dashboard"]


def compute_line_view(log10_compute=21.0, log10_params=9.0, *, law=None) -> View:
    """The view of :func:`scaling_utils.studies.compute_line_choice`: contours of ``L(N, D)``,
    lines of equal compute ``C = 6ND``, the chosen model and the best one on its line.

    Introduced in lesson 03.
    """
    return make_view(studies.compute_line_choice(log10_compute, log10_params, law=law))


def compute_line_dashboard(log10_compute=21.0, log10_params=9.0):
    """Sliders for the budget and for the position along its compute line.

    Introduced in lesson 03.
    """
    controls = {
        "log10_compute": float_slider("log₁₀ compute (FLOPs)", log10_compute, 17.0, 25.0, 0.25),
        "log10_params": float_slider("log₁₀ parameters N", log10_params, 5.0, 13.0, 0.05),
    }
    return dashboard(studies.compute_line_choice, controls,
                     joint=[("log10_compute", "log10_params")])
