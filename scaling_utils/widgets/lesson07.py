"""Lesson 07 dashboards: compute spent on repeated data; model collapse over generations; a data
mixture that moves the compute-optimal split."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, dropdown, float_slider, int_slider, make_view

__all__ = ["repetition_view", "repetition_dashboard", "collapse_view", "collapse_dashboard",
           "mixture_view", "mixture_dashboard"]


def repetition_view(log10_compute=22.0, log10_unique_tokens=10.4,
                    law="published (Muennighoff et al.)") -> View:
    """The view of :func:`scaling_utils.studies.repetition_study`: the loss along one compute
    line with repeated data (left) and the best loss against compute, with its floor (right).

    Muennighoff et al. (2023, arXiv:2305.16264, Eq. 5–6): ``L = E + A/N'^α + B/D'^β`` with
    effective parameters and data.

    Parameters
    ----------
    log10_compute : float, default 22
        ``log₁₀ C``.
    log10_unique_tokens : float, default 10.4
        ``log₁₀ U`` (10.4: about 25 billion tokens).
    law : str, default "published (Muennighoff et al.)"
        One of :data:`scaling_utils.studies.REPETITION_LAWS`.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.RepetitionStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.repetition_study`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.repetition_view(23.0, 10.0)
    >>> view.result.best.epochs > 1
    True
    >>> plt.close(view.figure)

    Introduced in lesson 07.
    """
    return make_view(studies.repetition_study(log10_compute, log10_unique_tokens, law))


def repetition_dashboard(log10_compute=22.0, log10_unique_tokens=10.4,
                         law="published (Muennighoff et al.)"):
    """Sliders for the budget and the unique tokens, and a menu for the decay constants, over
    :func:`scaling_utils.studies.repetition_study`.

    ``log₁₀ C`` from 19 to 26 and ``log₁₀ U`` from 8 to 12, in steps of 0.2.

    Parameters
    ----------
    log10_compute, log10_unique_tokens : float
        The starting values (22 and 10.4).
    law : str
        The starting law, one of :data:`scaling_utils.studies.REPETITION_LAWS`.

    Returns
    -------
    Dashboard

    Raises
    ------
    traitlets.TraitError
        When ``law`` is not one of the menu's options (ipywidgets refuses).

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.repetition_dashboard()
    >>> board.step("log10_compute")
    >>> f"{board.result.compute:.3g}"
    '1.58e+22'

    Introduced in lesson 07.
    """
    controls = {
        "log10_compute": float_slider("log₁₀ compute (FLOPs)", log10_compute, 19.0, 26.0, 0.2),
        "log10_unique_tokens": float_slider("log₁₀ unique tokens U", log10_unique_tokens, 8.0,
                                            12.0, 0.2),
        "law": dropdown("R_D*, R_N*", studies.REPETITION_LAWS, law),
    }
    return dashboard(studies.repetition_study, controls, prefetch=True)


def collapse_view(n_samples=10, generations=100, real_fraction=0.0, mode="replace") -> View:
    """The view of :func:`scaling_utils.studies.collapse_study`: the fitted variance over
    generations (left) and the last generation's models against the truth (right).

    Shumailov et al. (2024, Nature 631): each generation is a Gaussian fitted to samples of the
    previous one; Gerstgrasser et al. (2024, arXiv:2404.01413): accumulate instead of replace.

    Parameters
    ----------
    n_samples : int, default 10
        Samples per generation.
    generations : int, default 100
        Generations shown.
    real_fraction : float, default 0
        Share of fresh real samples in each generation.
    mode : {"replace", "accumulate"}, default "replace"

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.CollapseStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.collapse_study`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.collapse_view(10, 50, mode="accumulate")
    >>> view.result.collapsed_share
    0.0
    >>> plt.close(view.figure)

    Introduced in lesson 07.
    """
    return make_view(studies.collapse_study(n_samples, generations, real_fraction, mode))


def collapse_dashboard(n_samples=10, generations=100, real_fraction=0.0, mode="replace"):
    """Controls for the generations, the samples per generation, the share of real data and
    the mode, over :func:`scaling_utils.studies.collapse_study`.

    Generations from 10 to 200 in steps of 10; samples one of 2, 5, 10, 20, 50, 100; the real
    share from 0 to 1 in steps of 0.1. Each new combination of samples, share and mode is
    simulated once (up to about 0.1 s) and cached; the neighbouring settings are prefetched.

    Parameters
    ----------
    n_samples, generations, real_fraction, mode
        The starting values (10, 100, 0, "replace").

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
    >>> board = widgets.collapse_dashboard()
    >>> board.step("generations")
    >>> board.result.generations
    110

    Introduced in lesson 07.
    """
    controls = {
        "generations": int_slider("generations", generations, 10, 200, 10),
        "n_samples": dropdown("samples per generation", (2, 5, 10, 20, 50, 100), n_samples),
        "real_fraction": float_slider("share of real data", real_fraction, 0.0, 1.0, 0.1),
        "mode": dropdown("training data", ("replace", "accumulate"), mode),
    }
    return dashboard(studies.collapse_study, controls, prefetch=True)


def mixture_view(code_share=0.0, log10_compute=21.0) -> View:
    """The view of :func:`scaling_utils.studies.mixture_study`: the optimal tokens per
    parameter against compute (left) and against the share of code (right).

    A data-dependent law in the form of Pandey (2024, arXiv:2405.16684), with course-chosen
    constants (:data:`scaling_utils.studies.MIXTURE_LAW`).

    Parameters
    ----------
    code_share : float, default 0
        The share of code in the mixture.
    log10_compute : float, default 21
        ``log₁₀ C``.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.MixtureStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.mixture_study`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.mixture_view(1.0)
    >>> f"{view.result.compressibility:.2f}"
    '0.22'
    >>> plt.close(view.figure)

    Introduced in lesson 07.
    """
    return make_view(studies.mixture_study(code_share, log10_compute))


def mixture_dashboard(code_share=0.0, log10_compute=21.0):
    """Sliders for the share of code and the budget over
    :func:`scaling_utils.studies.mixture_study`.

    The share from 0 to 1 in steps of 0.05; ``log₁₀ C`` from 18 to 26 in steps of 0.25.

    Parameters
    ----------
    code_share, log10_compute : float
        The starting values (0 and 21).

    Returns
    -------
    Dashboard

    Raises
    ------
    Nothing of its own: a starting setting the study refuses shows its reason in the readout.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.mixture_dashboard()
    >>> board.step("code_share")
    >>> board.result.code_share
    0.05

    Introduced in lesson 07.
    """
    controls = {
        "code_share": float_slider("share of code", code_share, 0.0, 1.0, 0.05),
        "log10_compute": float_slider("log₁₀ compute (FLOPs)", log10_compute, 18.0, 26.0, 0.25),
    }
    return dashboard(studies.mixture_study, controls)
