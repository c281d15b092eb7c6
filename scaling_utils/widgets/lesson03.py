"""Lesson 03 dashboard: a model on a line of equal compute, under Kaplan's L(N, D)."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, float_slider, make_view

__all__ = ["compute_line_view", "compute_line_dashboard"]


def compute_line_view(log10_compute=21.0, log10_params=9.0, *, law=None) -> View:
    """The view of :func:`scaling_utils.studies.compute_line_choice`: contours of ``L(N, D)``,
    lines of equal compute ``C = 6ND``, the chosen model and the best one on its line.

    ``L(N, D)`` is Kaplan et al.'s joint law (2020, arXiv:2001.08361, Eq. 1.5, constants of
    Table 2) unless ``law`` is given; ``C ≈ 6ND`` is their count of training FLOPs (§2.1).

    Parameters
    ----------
    log10_compute : float, default 21.0
        ``log₁₀ C``.
    log10_params : float, default 9.0
        ``log₁₀ N``.
    law : callable, optional
        ``law(n_params, n_tokens)`` → loss.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.ComputeLineChoice`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.compute_line_choice`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.compute_line_view(23.0, 9.0)
    >>> print(view.summary.splitlines()[-1])
    your loss is 32.78% above the best for this budget
    >>> plt.close(view.figure)

    Introduced in lesson 03.
    """
    return make_view(studies.compute_line_choice(log10_compute, log10_params, law=law))


def compute_line_dashboard(log10_compute=21.0, log10_params=9.0):
    """Sliders for the budget and for the position along its compute line.

    Over :func:`scaling_utils.studies.compute_line_choice`: ``log₁₀ C`` from 17 to 25 in
    quarter decades, ``log₁₀ N`` from 5 to 13 in steps of 0.05.

    Parameters
    ----------
    log10_compute, log10_params : float
        The starting budget and model size, as powers of ten (defaults 21 and 9).

    Returns
    -------
    Dashboard

    Raises
    ------
    Nothing of its own: a starting setting the study refuses shows its reason in the readout.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.compute_line_dashboard()
    >>> board.step("log10_compute")
    >>> f"{board.result.compute:.3g}"
    '1.78e+21'

    Introduced in lesson 03.
    """
    controls = {
        "log10_compute": float_slider("log₁₀ compute (FLOPs)", log10_compute, 17.0, 25.0, 0.25),
        "log10_params": float_slider("log₁₀ parameters N", log10_params, 5.0, 13.0, 0.05),
    }
    return dashboard(studies.compute_line_choice, controls,
                     joint=[("log10_compute", "log10_params")])
