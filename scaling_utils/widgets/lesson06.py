"""Lesson 06 dashboards: the shape of a broken power law; one curve of the backtest arena; a
jump made by the metric."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, dropdown, float_slider, int_slider, log_slider, make_view

__all__ = ["bnsl_view", "bnsl_dashboard", "arena_view", "arena_dashboard", "mirage_view",
           "mirage_dashboard"]


def bnsl_view(c0=0.2, c1=0.5, d1=1e4, f1=0.3) -> View:
    """The view of :func:`scaling_utils.studies.bnsl_shape`: the law with the best single power
    law beside it (left) and its local slope (right).

    Caballero et al.'s smoothly broken power law (2022, arXiv:2210.14891, Eq. 1) with one break,
    ``y = a + b·x^(−c₀)·(1 + (x/d₁)^(1/f₁))^(−c₁f₁)``, floor ``a = 0.1`` and scale ``b = 4``.

    Parameters
    ----------
    c0, c1 : float
        Minus the first slope, and the change of slope at the break (defaults 0.2 and 0.5).
    d1 : float, default 1e4
        The break's location (10 to 10⁸).
    f1 : float, default 0.3
        The break's smoothness (> 0).

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.BnslShape`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.bnsl_shape`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.bnsl_view(c1=-0.15)
    >>> view.result.slopes
    (-0.2, -0.05)
    >>> plt.close(view.figure)

    Introduced in lesson 06.
    """
    return make_view(studies.bnsl_shape(c0, c1, d1, f1))


def bnsl_dashboard(c0=0.2, c1=0.5, d1=1e4, f1=0.3):
    """Sliders for the four parameters of a one-break BNSL over
    :func:`scaling_utils.studies.bnsl_shape`.

    ``c₀`` from −0.5 to 1 and ``c₁`` from −1 to 1.5 in steps of 0.05; ``d₁`` from 10² to 10⁷ and
    ``f₁`` from 0.01 to 3, each on a log scale.

    Parameters
    ----------
    c0, c1, d1, f1 : float
        The starting law (defaults 0.2, 0.5, 1e4, 0.3).

    Returns
    -------
    Dashboard

    Raises
    ------
    Nothing of its own: a starting setting the study refuses shows its reason in the readout.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.bnsl_dashboard()
    >>> board.step("c1")
    >>> board.result.slopes
    (-0.2, -0.75)

    Introduced in lesson 06.
    """
    controls = {
        "c0": float_slider("c₀ (first slope, minus)", c0, -0.5, 1.0, 0.05),
        "c1": float_slider("c₁ (change at the break)", c1, -1.0, 1.5, 0.05),
        "d1": log_slider("d₁ (where it breaks)", d1, 2, 7, 0.25),
        "f1": log_slider("f₁ (how smooth)", f1, -2, 0.5, 0.1),
    }
    return dashboard(studies.bnsl_shape, controls)


def arena_view(curve="NMT 6 Enc, 6 Dec", family="all") -> View:
    """The view of :func:`scaling_utils.studies.arena_curve`: one benchmark curve, its held-out
    points and the forms' forecasts.

    The curves are those of :func:`scaling_utils.data.load_benchmark` (Alabdulmohsin et al.
    2022, arXiv:2209.06640); the backtests are computed once, on first use (about a second).

    Parameters
    ----------
    curve : str, default "NMT 6 Enc, 6 Dec"
        The curve's name.
    family : str, default "all"
        ``"all"`` or one of ``M1``, ``M2``, ``M3``, ``M4``, ``BNSL``.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.ArenaCurve`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.arena_curve`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.arena_view("LM 1.34e+08")
    >>> view.result.backtest.winner
    'BNSL'
    >>> plt.close(view.figure)

    Introduced in lesson 06.
    """
    return make_view(studies.arena_curve(curve, family))


def arena_dashboard(curve="NMT 6 Enc, 6 Dec", family="all"):
    """Menus for the curve and the forms drawn, over :func:`scaling_utils.studies.arena_curve`.

    Parameters
    ----------
    curve : str, default "NMT 6 Enc, 6 Dec"
        The starting curve.
    family : str, default "all"
        The starting choice of forms.

    Returns
    -------
    Dashboard

    Raises
    ------
    traitlets.TraitError
        When ``curve`` or ``family`` is not one of the menus' options (ipywidgets refuses).

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.arena_dashboard()
    >>> board.step("curve")
    >>> board.result.curve.name
    'NMT 28 Enc, 6 Dec'

    Introduced in lesson 06.
    """
    names = [c.name for c in studies.benchmark_arena().curves]
    controls = {
        "curve": dropdown("curve", names, curve),
        "family": dropdown("forms drawn", ("all",) + studies.ARENA_FAMILIES, family),
    }
    return dashboard(studies.arena_curve, controls)


def mirage_view(metric="exact match", target_length=10, n_items=300) -> View:
    """The view of :func:`scaling_utils.studies.metric_mirage`: a smooth loss (left) scored by a
    discontinuous metric and by a continuous one (right).

    Schaeffer, Miranda & Koyejo (2023, arXiv:2304.15004, §2): exact match over ``ℓ`` tokens is
    ``p^ℓ`` and jumps; the token edit distance ``ℓ(1 − p)`` glides.

    Parameters
    ----------
    metric : {"exact match", "multiple-choice grade"}
        The discontinuous metric.
    target_length : int, default 10
        Tokens per answer (options per question for the multiple-choice grade).
    n_items : int, default 300
        Questions in the simulated test set.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.MetricMirage`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.metric_mirage`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.mirage_view("multiple-choice grade", 4)
    >>> view.result.partner
    'Brier score'
    >>> plt.close(view.figure)

    Introduced in lesson 06.
    """
    return make_view(studies.metric_mirage(metric, target_length, n_items))


def mirage_dashboard(metric="exact match", target_length=10, n_items=300):
    """A menu for the metric, a slider for the answer length and a menu for the test set's size,
    over :func:`scaling_utils.studies.metric_mirage`.

    Parameters
    ----------
    metric : str, default "exact match"
        The starting metric.
    target_length : int, default 10
        The starting answer length (1 to 40; options per question for the multiple-choice
        grade).
    n_items : int, default 300
        The starting test-set size (one of 30, 100, 300, 1,000, 3,000, 10,000).

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
    >>> board = widgets.mirage_dashboard()
    >>> board.step("target_length")
    >>> board.result.target_length
    11

    Introduced in lesson 06.
    """
    controls = {
        "metric": dropdown("metric", tuple(studies.MIRAGE_METRICS), metric),
        "target_length": int_slider("answer length ℓ (or options)", target_length, 1, 40),
        "n_items": dropdown("questions in the test", (30, 100, 300, 1000, 3000, 10000), n_items),
    }
    return dashboard(studies.metric_mirage, controls)
