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

    The compute-optimal size under Chinchilla's law is ``N_opt(C) = G·(C/6)^a`` with
    ``a = β/(α + β)`` (Hoffmann et al. 2022, arXiv:2203.15556, Eq. 4).

    Parameters
    ----------
    log10_compute, log10_params : float
        ``log₁₀ C`` and ``log₁₀ N`` (defaults 21 and 9).
    law_name : str, default "Besiroglu et al. 2024 (refit)"
        A key of :data:`scaling_utils.studies.LAWS_04`.

    Returns
    -------
    View
        ``view.result`` is an :class:`~scaling_utils.studies.IsoflopChoice`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.isoflop_choice`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.isoflop_view(21.0, 10.0)
    >>> view.result.assessment.regime, f"{view.result.assessment.size_ratio:.2g}"
    ('data-limited', '3.6')
    >>> plt.close(view.figure)

    Introduced in lesson 04.
    """
    return make_view(studies.isoflop_choice(log10_compute, log10_params, law_name))


def isoflop_dashboard(log10_compute=21.0, log10_params=9.0):
    """Sliders for the budget and the model size, and a choice of law.

    Over :func:`scaling_utils.studies.isoflop_choice`: ``log₁₀ C`` from 18 to 26 in quarter
    decades, ``log₁₀ N`` from 6 to 13 in steps of 0.05, and the laws of
    :data:`scaling_utils.studies.LAWS_04`.

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
    >>> board = widgets.isoflop_dashboard()
    >>> board.step("law_name")
    >>> board.result.law_name
    'Hoffmann et al. 2022 (as printed)'

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
