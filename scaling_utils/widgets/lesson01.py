"""Lesson 01 dashboards: OLS test error, and a look at double descent."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, float_slider, int_slider, make_view

__all__ = ["ols_view", "ols_dashboard", "double_descent_view", "double_descent_dashboard"]


def ols_view(n_features=20, n_samples=60, noise_std=1.0, *, n_trials=200, seed=0) -> View:
    """The view of :func:`scaling_utils.studies.ols_study`: theory curve, simulated points and the
    chosen ``D``.

    Introduced in lesson 01.
    """
    return make_view(studies.ols_study(n_features, n_samples, noise_std, n_trials=n_trials,
                                       seed=seed))


def ols_dashboard(n_features=20, n_samples=60, noise_std=1.0):
    """Sliders for ``N``, ``D`` and ``σ`` over :func:`scaling_utils.studies.ols_study`.

    Introduced in lesson 01.
    """
    controls = {
        "n_features": int_slider("features N", n_features, 2, 60),
        "n_samples": int_slider("samples D", n_samples, 4, 1500),
        "noise_std": float_slider("noise σ", noise_std, 0.1, 3.0, 0.05),
    }
    return dashboard(studies.ols_study, controls)


def double_descent_view(n_features=50, n_samples=40, noise_std=0.5, signal_norm=1.0, *,
                        n_trials=200, seed=0) -> View:
    """The view of :func:`scaling_utils.studies.double_descent_study`.

    Introduced in lesson 01.
    """
    return make_view(studies.double_descent_study(n_features, n_samples, noise_std, signal_norm,
                                                  n_trials=n_trials, seed=seed))


def double_descent_dashboard(n_features=50, n_samples=40, noise_std=0.5, signal_norm=1.0):
    """Sliders for ``D`` and ``σ`` (with ``N`` and ``‖θ‖`` fixed) over
    :func:`scaling_utils.studies.double_descent_study`.

    Introduced in lesson 01.
    """
    controls = {
        "n_samples": int_slider("samples D", n_samples, 5, 300),
        "noise_std": float_slider("noise σ", noise_std, 0.1, 2.0, 0.05),
    }
    return dashboard(studies.double_descent_study, controls,
                     fixed={"n_features": n_features, "signal_norm": signal_norm})
