"""Dashboards: thin ipywidgets views over the studies of :mod:`scaling_utils.studies`.

Each dashboard has two halves:

- a *view* function, ``something_view(**values) -> View``: computes the study (its numbers are
  ``view.result``'s attributes, its readout ``view.summary``) and draws it on a new figure; tests
  and handouts call it without a browser;
- a *dashboard* function, ``something_dashboard(...)``, that wires controls to the study with
  :func:`dashboard` and returns a :class:`Dashboard` to display.

One module per lesson, as in :mod:`scaling_utils.checks`; a new lesson adds ``lessonNN.py`` and
re-exports its names here. ipywidgets and matplotlib are imported inside the functions.
"""

from __future__ import annotations

from ..studies import (FanStudy, IsoflopBias, bootstrap_fan, isoflop_bias, learning_curve_sample,
                       mean_with_error, window_mask)
from ..studies.trust import LESSON05_TRUTH
from ._core import (DPI, Dashboard, View, dashboard, dropdown, float_slider, int_slider,
                    log_slider, make_view, readout_html, render_png)
from .lesson00 import floor_finder, floor_view, power_law_match_view, power_law_matcher
from .lesson01 import double_descent_dashboard, double_descent_view, ols_dashboard, ols_view
from .lesson02 import learning_curve_dashboard, learning_curve_fit_view
from .lesson03 import compute_line_dashboard, compute_line_view
from .lesson04 import isoflop_dashboard, isoflop_view
from .lesson05 import (bootstrap_fan_dashboard, bootstrap_fan_view, isoflop_bias_dashboard,
                       isoflop_bias_view)
from .lesson06 import (arena_dashboard, arena_view, bnsl_dashboard, bnsl_view, mirage_dashboard,
                       mirage_view)
from .lesson07 import (collapse_dashboard, collapse_view, mixture_dashboard, mixture_view,
                       repetition_dashboard, repetition_view)
from .lesson08 import lifetime_dashboard, lifetime_view, sampling_dashboard, sampling_view
from .lesson09 import own_law_dashboard, own_law_view, transfer_dashboard, transfer_view
from .lesson10 import PlannerDashboard, planner_dashboard, planner_view

__all__ = [
    "View", "make_view", "Dashboard", "dashboard", "DPI", "render_png", "readout_html",
    "int_slider", "float_slider", "log_slider", "dropdown",
    "power_law_match_view", "power_law_matcher", "floor_view", "floor_finder",
    "ols_view", "ols_dashboard", "double_descent_view", "double_descent_dashboard",
    "learning_curve_fit_view", "learning_curve_dashboard",
    "compute_line_view", "compute_line_dashboard",
    "isoflop_view", "isoflop_dashboard",
    "bootstrap_fan_view", "bootstrap_fan_dashboard", "isoflop_bias_view", "isoflop_bias_dashboard",
    "bnsl_view", "bnsl_dashboard", "arena_view", "arena_dashboard", "mirage_view",
    "mirage_dashboard",
    "repetition_view", "repetition_dashboard", "collapse_view", "collapse_dashboard",
    "mixture_view", "mixture_dashboard",
    "lifetime_view", "lifetime_dashboard", "sampling_view", "sampling_dashboard",
    "own_law_view", "own_law_dashboard", "transfer_view", "transfer_dashboard",
    "planner_view", "planner_dashboard", "PlannerDashboard",
    # Studies that lessons used to reach through this module (import them from studies now).
    "learning_curve_sample", "window_mask", "FanStudy", "bootstrap_fan", "IsoflopBias",
    "isoflop_bias", "LESSON05_TRUTH", "mean_with_error",
]

#: Every dashboard of the course with its view and lesson: the registry that tests, the benchmark
#: and the handouts walk (a new lesson adds its dashboards here).
DASHBOARDS = {
    "power_law_matcher": ("00", power_law_matcher, power_law_match_view),
    "floor_finder": ("00", floor_finder, floor_view),
    "ols_dashboard": ("01", ols_dashboard, ols_view),
    "double_descent_dashboard": ("01", double_descent_dashboard, double_descent_view),
    "learning_curve_dashboard": ("02", learning_curve_dashboard, learning_curve_fit_view),
    "compute_line_dashboard": ("03", compute_line_dashboard, compute_line_view),
    "isoflop_dashboard": ("04", isoflop_dashboard, isoflop_view),
    "bootstrap_fan_dashboard": ("05", bootstrap_fan_dashboard, bootstrap_fan_view),
    "isoflop_bias_dashboard": ("05", isoflop_bias_dashboard, isoflop_bias_view),
    "bnsl_dashboard": ("06", bnsl_dashboard, bnsl_view),
    "arena_dashboard": ("06", arena_dashboard, arena_view),
    "mirage_dashboard": ("06", mirage_dashboard, mirage_view),
    "repetition_dashboard": ("07", repetition_dashboard, repetition_view),
    "collapse_dashboard": ("07", collapse_dashboard, collapse_view),
    "mixture_dashboard": ("07", mixture_dashboard, mixture_view),
    "lifetime_dashboard": ("08", lifetime_dashboard, lifetime_view),
    "sampling_dashboard": ("08", sampling_dashboard, sampling_view),
    "own_law_dashboard": ("09", own_law_dashboard, own_law_view),
    "transfer_dashboard": ("09", transfer_dashboard, transfer_view),
    "planner_dashboard": ("10", planner_dashboard, planner_view),
}
