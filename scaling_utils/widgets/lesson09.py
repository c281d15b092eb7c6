"""Lesson 09 dashboards: the law fitted to the course's own training runs (its IsoFLOPs, its
compute-optimal split, its backtest); a learning rate tuned at one width and used at others."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, dropdown, float_slider, make_view

__all__ = ["own_law_view", "own_law_dashboard", "transfer_view", "transfer_dashboard"]


def own_law_view(seed=0, subset="all 36 runs", log10_compute=10.0) -> View:
    """The view of :func:`scaling_utils.studies.own_law_study`: the runs and the fitted law
    (left), its IsoFLOP profiles (middle) and its compute-optimal tokens per parameter (right).

    Hoffmann et al. (2022, arXiv:2203.15556, §3.3 and Eq. 4): ``L = E + A/N^α + B/D^β`` fitted
    by a Huber loss on log losses, and ``N_opt ∝ C^a`` with ``a = β/(α+β)``.

    Parameters
    ----------
    seed : int, default 0
        One of :data:`scaling_utils.studies.OWN_LAW_SEEDS`.
    subset : str, default "all 36 runs"
        One of :data:`scaling_utils.studies.OWN_LAW_SUBSETS`.
    log10_compute : float, default 10
        ``log₁₀ C`` of the highlighted budget.

    Returns
    -------
    View
        ``view.result`` is an :class:`~scaling_utils.studies.OwnLawStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.own_law_study`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.own_law_view(2)
    >>> f"{view.result.law.a:.3f}"
    '0.412'
    >>> plt.close(view.figure)

    Introduced in lesson 09.
    """
    return make_view(studies.own_law_study(seed, subset, log10_compute))


def own_law_dashboard(seed=0, subset="all 36 runs", log10_compute=10.0):
    """Menus for the sweep's seed and the runs to fit, and a slider for the budget, over
    :func:`scaling_utils.studies.own_law_study`.

    ``log₁₀ C`` from 8.5 to 12.5 in steps of 0.25 (the sweep spans about 8.2 to 11.1). Each fit
    is computed once per seed and subset (about 10 ms) and cached; the neighbouring settings
    are prefetched.

    Parameters
    ----------
    seed, subset, log10_compute
        The starting values (0, "all 36 runs", 10).

    Returns
    -------
    Dashboard

    Raises
    ------
    traitlets.TraitError
        When a starting value is not one of the controls' options (ipywidgets refuses).

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.own_law_dashboard()
    >>> board.step("log10_compute")
    >>> f"{board.result.compute:.3g}"
    '1.78e+10'

    Introduced in lesson 09.
    """
    controls = {
        "seed": dropdown("seed of the sweep", studies.OWN_LAW_SEEDS, seed),
        "subset": dropdown("fit on", studies.OWN_LAW_SUBSETS, subset),
        "log10_compute": float_slider("log₁₀ compute (FLOPs)", log10_compute, 8.5, 12.5, 0.25),
    }
    return dashboard(studies.own_law_study, controls, prefetch=True)


def transfer_view(parametrisation="standard", tuned_width=8) -> View:
    """The view of :func:`scaling_utils.studies.transfer_study`: loss against learning rate for
    each width (left) and each width's optimum under both parametrisations (right).

    Yang et al. (2022, arXiv:2203.03466): under μP the optimal learning rate holds still as the
    width grows; under the standard parametrisation it moves.

    Parameters
    ----------
    parametrisation : {"standard", "mup"}, default "standard"
    tuned_width : int, default 8
        The width the learning rate is tuned at (8, 32, 128 or 512).

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.TransferStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.transfer_study`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.transfer_view("mup", 8)
    >>> f"{view.result.penalty[-1]:.3f}"
    '0.015'
    >>> plt.close(view.figure)

    Introduced in lesson 09.
    """
    return make_view(studies.transfer_study(parametrisation, tuned_width))


def transfer_dashboard(parametrisation="standard", tuned_width=8):
    """Menus for the parametrisation and the width the learning rate is tuned at, over
    :func:`scaling_utils.studies.transfer_study`.

    Parameters
    ----------
    parametrisation, tuned_width
        The starting values ("standard", 8).

    Returns
    -------
    Dashboard

    Raises
    ------
    traitlets.TraitError
        When a starting value is not one of the menus' options (ipywidgets refuses).

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.transfer_dashboard()
    >>> board.step("tuned_width")
    >>> board.result.tuned_width
    32

    Introduced in lesson 09.
    """
    controls = {
        "parametrisation": dropdown("parametrisation", studies.TRANSFER_PARAMETRISATIONS,
                                    parametrisation),
        "tuned_width": dropdown("tuned at width", (8, 32, 128, 512), tuned_width),
    }
    return dashboard(studies.transfer_study, controls)
