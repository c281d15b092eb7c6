"""Lesson 08 dashboards: the model of a given loss that costs the least over its lifetime; a bigger
model or more samples of a smaller one at equal inference FLOPs."""

from __future__ import annotations

from .. import studies
from ._core import View, dashboard, float_slider, make_view

__all__ = ["lifetime_view", "lifetime_dashboard", "sampling_view", "sampling_dashboard"]


def lifetime_view(target_loss=1.95, log10_inference_tokens=12.3) -> View:
    """The view of :func:`scaling_utils.studies.lifetime_study`: the equal-loss curve with the
    training-optimal and lifetime-optimal models (left), and training, inference and lifetime
    FLOPs along it (right).

    Sardana et al. (2024, arXiv:2401.00448): minimise ``6·N·D + 2·N·T`` at fixed loss.

    Parameters
    ----------
    target_loss : float, default 1.95
        The loss the model must reach.
    log10_inference_tokens : float, default 12.3
        ``log₁₀ T``, the tokens served over the model's life.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.LifetimeStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.lifetime_study`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.lifetime_view(2.0, 13.0)
    >>> view.result.best.n_params < view.result.best.chinchilla_params
    True
    >>> plt.close(view.figure)

    Introduced in lesson 08.
    """
    return make_view(studies.lifetime_study(target_loss, log10_inference_tokens))


def lifetime_dashboard(target_loss=1.95, log10_inference_tokens=12.3):
    """Sliders for the target loss and the inference demand over
    :func:`scaling_utils.studies.lifetime_study`.

    The loss from 1.8 to 2.5 in steps of 0.01; ``log₁₀ T`` from 8 to 15 in steps of 0.1.

    Parameters
    ----------
    target_loss, log10_inference_tokens : float
        The starting values (1.95 and 12.3).

    Returns
    -------
    Dashboard

    Raises
    ------
    Nothing of its own: a starting setting the study refuses shows its reason in the readout.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.lifetime_dashboard()
    >>> board.step("log10_inference_tokens")
    >>> f"{board.result.inference_tokens:.3g}"
    '2.51e+12'

    Introduced in lesson 08.
    """
    controls = {
        "log10_inference_tokens": float_slider("log₁₀ tokens served T", log10_inference_tokens,
                                               8.0, 15.0, 0.1),
        "target_loss": float_slider("target loss", target_loss, 1.8, 2.5, 0.01),
    }
    return dashboard(studies.lifetime_study, controls)


def sampling_view(log10_inference_flops=14.0, verifier_accuracy=1.0) -> View:
    """The view of :func:`scaling_utils.studies.size_samples_study`: success against model size
    at one budget per problem (left) and against the budget for three sizes (right).

    The course's toy model of which problems a model solves
    (:func:`scaling_utils.allocation.size_versus_samples`); a sample of 500 tokens costs
    ``2·N·500`` FLOPs.

    Parameters
    ----------
    log10_inference_flops : float, default 14
        ``log₁₀`` of the FLOPs spent per problem.
    verifier_accuracy : float, default 1
        The chance the verifier picks a correct sample when there is one.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.SizeSamplesStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.size_samples_study`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.sampling_view(14.0, 0.0)
    >>> f"{view.result.result.best_params:.0e}"
    '1e+11'
    >>> plt.close(view.figure)

    Introduced in lesson 08.
    """
    return make_view(studies.size_samples_study(log10_inference_flops, verifier_accuracy))


def sampling_dashboard(log10_inference_flops=14.0, verifier_accuracy=1.0):
    """Sliders for the budget per problem and the verifier's accuracy over
    :func:`scaling_utils.studies.size_samples_study`.

    ``log₁₀ F`` from 12 to 18 in steps of 0.25; the accuracy from 0 to 1 in steps of 0.05.

    Parameters
    ----------
    log10_inference_flops, verifier_accuracy : float
        The starting values (14 and 1).

    Returns
    -------
    Dashboard

    Raises
    ------
    Nothing of its own: a starting setting the study refuses shows its reason in the readout.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.sampling_dashboard()
    >>> board.step("verifier_accuracy", -2)
    >>> board.result.result.verifier_accuracy
    0.9

    Introduced in lesson 08.
    """
    controls = {
        "log10_inference_flops": float_slider("log₁₀ FLOPs per problem", log10_inference_flops,
                                              12.0, 18.0, 0.25),
        "verifier_accuracy": float_slider("verifier accuracy", verifier_accuracy, 0.0, 1.0,
                                          0.05),
    }
    return dashboard(studies.size_samples_study, controls)
