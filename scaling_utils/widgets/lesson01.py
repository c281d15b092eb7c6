"""Lesson 01 dashboards: OLS test error, and a look at double descent."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, float_slider, int_slider, make_view

__all__ = ["ols_view", "ols_dashboard", "double_descent_view", "double_descent_dashboard"]


def ols_view(n_features=20, n_samples=60, noise_std=1.0, *, n_trials=200, seed=0) -> View:
    """The view of :func:`scaling_utils.studies.ols_study`: theory curve, simulated points and the
    chosen ``D``.

    The theory is ``E = σ²(1 + N/(D − N − 1))`` for ``D ≥ N + 2``
    (:func:`scaling_utils.laws.ols_expected_error`: the mean of an inverse-Wishart matrix),
    beside the mean test error over ``n_trials`` simulated training sets.

    Parameters
    ----------
    n_features, n_samples : int
        ``N`` and ``D`` (``D ≥ N + 2``); defaults 20 and 60.
    noise_std : float, default 1.0
        ``σ`` (> 0).
    n_trials : int, default 200
        Simulated training sets (≥ 2).
    seed : int, default 0
        The seed of the simulation.

    Returns
    -------
    View
        ``view.result`` is an :class:`~scaling_utils.studies.OlsStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.ols_study` (``D < N + 2`` among them).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.ols_view(10, 40, 0.5)
    >>> f"{view.result.theory:.4g}", view.figure.axes[0].get_xscale()
    ('0.3362', 'log')
    >>> plt.close(view.figure)

    Introduced in lesson 01.
    """
    return make_view(studies.ols_study(n_features, n_samples, noise_std, n_trials=n_trials,
                                       seed=seed))


def ols_dashboard(n_features=20, n_samples=60, noise_std=1.0):
    """Sliders for ``N``, ``D`` and ``σ`` over :func:`scaling_utils.studies.ols_study`.

    ``N`` from 2 to 60, ``D`` from 4 to 1500, ``σ`` from 0.1 to 3 in steps of 0.05. A setting
    with ``D < N + 2`` shows why the formula fails there instead of a figure.

    Parameters
    ----------
    n_features, n_samples : int
        The starting ``N`` and ``D`` (defaults 20 and 60).
    noise_std : float, default 1.0
        The starting ``σ``.

    Returns
    -------
    Dashboard

    Raises
    ------
    Nothing of its own: a starting setting the study refuses shows its reason in the readout.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.ols_dashboard()
    >>> board.step("n_samples")
    >>> board.result.n_samples
    61

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

    The test error of minimum-norm least squares on both sides of ``D = N`` (Belkin, Hsu & Xu
    2020, Theorem 1; :func:`scaling_utils.laws.min_norm_expected_error`), infinite at
    ``|D − N| ≤ 1``, beside simulated means.

    Parameters
    ----------
    n_features, n_samples : int
        ``N`` and ``D`` (≥ 1 each); defaults 50 and 40.
    noise_std : float, default 0.5
        ``σ`` (> 0).
    signal_norm : float, default 1.0
        ``‖θ‖`` (≥ 0).
    n_trials : int, default 200
        Simulated training sets (≥ 2).
    seed : int, default 0
        The seed of the simulation.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.DoubleDescentStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.double_descent_study`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.double_descent_view(50, 30, n_trials=50)
    >>> print(view.result.regime)
    D < N: more features than samples, the fit interpolates the data
    >>> f"{view.result.theory:.4g}"
    '1.045'
    >>> plt.close(view.figure)

    Introduced in lesson 01.
    """
    return make_view(studies.double_descent_study(n_features, n_samples, noise_std, signal_norm,
                                                  n_trials=n_trials, seed=seed))


def double_descent_dashboard(n_features=50, n_samples=40, noise_std=0.5, signal_norm=1.0):
    """Sliders for ``D`` and ``σ`` (with ``N`` and ``‖θ‖`` fixed) over
    :func:`scaling_utils.studies.double_descent_study`.

    ``D`` from 5 to 300, ``σ`` from 0.1 to 2 in steps of 0.05.

    Parameters
    ----------
    n_features : int, default 50
        ``N``, fixed.
    n_samples : int, default 40
        The starting ``D``.
    noise_std : float, default 0.5
        The starting ``σ``.
    signal_norm : float, default 1.0
        ``‖θ‖``, fixed.

    Returns
    -------
    Dashboard

    Raises
    ------
    Nothing of its own: a starting setting the study refuses shows its reason in the readout.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.double_descent_dashboard()
    >>> board.values(), board.fixed
    ({'n_samples': 40, 'noise_std': 0.5}, {'n_features': 50, 'signal_norm': 1.0})

    Introduced in lesson 01.
    """
    controls = {
        "n_samples": int_slider("samples D", n_samples, 5, 300),
        "noise_std": float_slider("noise σ", noise_std, 0.1, 2.0, 0.05),
    }
    return dashboard(studies.double_descent_study, controls,
                     fixed={"n_features": n_features, "signal_norm": signal_norm})
