"""Exercises of lesson 07: the limits of data."""

from __future__ import annotations

from .. import allocation, references, studies
from . import check_number

__all__ = [
    "EPOCH_TASK",
    "epoch_worth",
    "ALLOCATION_TASK",
    "optimal_epochs",
    "COLLAPSE_TASK",
    "median_variance_with_real_data",
    "MIXTURE_TASK",
    "mixture_tokens_per_param",
    "REFIT_TASK",
    "refit_model_size_ratio",
]

_PUBLISHED, _REFIT = studies.REPETITION_LAWS


#: Exercise 1: how many passes over the same unique data.
EPOCH_TASK = {"epochs": 8}


def epoch_worth(answer):
    """Exercise 1: what ``epochs`` passes over the same data are worth, as a share of as many
    tokens of fresh data.

    The reference is :meth:`scaling_utils.laws.DataConstrainedLaw.epoch_worth` of the published
    law :data:`scaling_utils.references.MUENNIGHOFF_2023` (``R_D* = 15.39``):
    ``D'/D = (1 + R_D*(1 − e^{−(e−1)/R_D*}))/e`` for ``e`` epochs. Accepted within 1 %.

    Parameters
    ----------
    answer : float
        The share, a fraction (0.5 for half).

    Returns
    -------
    Feedback
        ``'correct'`` within 1 %; otherwise ``'not yet'`` (naming "as good as fresh", one
        epoch's share, the refit's ``R_D*`` and a percentage) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson07
    >>> lesson07.epoch_worth(1.0).message
    'That treats repeated tokens as fresh ones; each repetition is worth a little less than the one before.'

    Introduced in lesson 07.
    """
    epochs = EPOCH_TASK["epochs"]
    expected = float(references.MUENNIGHOFF_2023.epoch_worth(epochs))
    refit = float(studies.repetition_law(_REFIT).epoch_worth(epochs))
    return check_number(
        answer, expected, exercise="Exercise 1 — what an epoch is worth", rtol=0.01,
        mistakes=[(1.0, "That treats repeated tokens as fresh ones; each repetition is worth a "
                        "little less than the one before."),
                  (1.0 / epochs, "That counts only the first epoch; the repetitions are worth "
                                 "something too, just less."),
                  (refit, "That uses the refitted R_D* of section 4; the task asks for the "
                          "published law."),
                  (100 * expected, "Give a fraction (0.5 for half), not a percentage.")],
        hint="references.MUENNIGHOFF_2023.epoch_worth(8), or D'/D with D' = U + U·R_D*·(1 − "
             "e^(−R/R_D*)), R = 7 repetitions beyond the first epoch and D = 8U.",
    )


#: Exercise 2: the budget and the unique tokens, as powers of ten (the dashboard's sliders).
ALLOCATION_TASK = {"log10_compute": 23.0, "log10_unique_tokens": 10.4}


def optimal_epochs(answer):
    """Exercise 2: how many epochs the compute-optimal run makes over capped unique data.

    The reference: ``epochs`` of :func:`scaling_utils.allocation.data_constrained_optimal`
    under the published law at the budget and unique tokens of :data:`ALLOCATION_TASK`.
    Accepted within 2 %.

    Parameters
    ----------
    answer : float
        Epochs, ``D/U``.

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming the one-epoch law's epochs,
        the tokens themselves and the refit law's answer) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson07
    >>> lesson07.optimal_epochs(1).status
    'not yet'

    Introduced in lesson 07.
    """
    task = ALLOCATION_TASK
    c, u = 10 ** task["log10_compute"], 10 ** task["log10_unique_tokens"]
    best = allocation.data_constrained_optimal(references.MUENNIGHOFF_2023, c, u)
    refit = allocation.data_constrained_optimal(studies.repetition_law(_REFIT), c, u)
    return check_number(
        answer, best.epochs, exercise="Exercise 2 — how many epochs", rtol=0.02,
        mistakes=[(best.chinchilla_tokens / u,
                   "That is what the one-epoch law would pick, as if every token were fresh; "
                   "with repeated data the best run is different."),
                  (best.n_tokens, "That is the number of tokens D; the task asks for epochs, "
                                  "D/U."),
                  (refit.epochs, "That uses the refitted decay constants; the task asks for "
                                 "the published ones.")],
        hint="In the dashboard, set log₁₀ compute to 23 and log₁₀ U to 10.4 and read the "
             "epochs of the best run; or allocation.data_constrained_optimal("
             "references.MUENNIGHOFF_2023, 1e23, 10**10.4).epochs.",
    )


#: Exercise 3: the collapse dashboard's setting.
COLLAPSE_TASK = {"n_samples": 10, "generations": 100, "real_fraction": 0.1, "mode": "replace"}


def median_variance_with_real_data(answer):
    """Exercise 3: the median fitted variance after 100 generations when a tenth of every
    generation is real data.

    The reference: ``median_variance[-1]`` of :func:`scaling_utils.studies.collapse_study` at
    the setting of :data:`COLLAPSE_TASK` (the collapse dashboard's simulation, seed 0).
    Accepted within 5 % (the readout shows two digits).

    Parameters
    ----------
    answer : float
        The median σ².

    Returns
    -------
    Feedback
        ``'correct'`` within 5 %; otherwise ``'not yet'`` (naming the chain without real data,
        the accumulating chain and the truth) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson07
    >>> lesson07.median_variance_with_real_data(1.0).message[:32]
    'That is the truth, σ² = 1; the c'

    Introduced in lesson 07.
    """
    task = COLLAPSE_TASK
    expected = float(studies.collapse_study(**task).median_variance[-1])
    without = float(studies.collapse_study(**{**task, "real_fraction": 0.0})
                    .median_variance[-1])
    return check_number(
        answer, expected, exercise="Exercise 3 — a share of real data", rtol=0.05,
        mistakes=[(1.0, "That is the truth, σ² = 1; the chain settles below it. Read the "
                        "dashboard's median."),
                  (without, "That is the chain without real data; set the share of real data "
                            "to 0.1.")],
        hint="In the collapse dashboard: 10 samples per generation, 100 generations, share of "
             "real data 0.1, replace; the readout's median σ².",
    )


#: Exercise 4: the mixture dashboard's setting.
MIXTURE_TASK = {"code_share": 0.3, "log10_compute": 22.0}


def mixture_tokens_per_param(answer):
    """Exercise 4: the compute-optimal tokens per parameter for a mixture with 30 % code.

    The reference: ``n_tokens / n_params`` of :func:`scaling_utils.studies.mixture_study` at
    the setting of :data:`MIXTURE_TASK` (the course's illustrative data-dependent law).
    Accepted within 2 %.

    Parameters
    ----------
    answer : float
        Tokens per parameter, ``D/N``.

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming web text alone, the inverted
        ratio and the rule of thumb 20) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson07
    >>> lesson07.mixture_tokens_per_param(20).status
    'not yet'

    Introduced in lesson 07.
    """
    study = studies.mixture_study(**MIXTURE_TASK)
    expected = study.n_tokens / study.n_params
    return check_number(
        answer, expected, exercise="Exercise 4 — a mixture moves the optimum", rtol=0.02,
        mistakes=[(study.text_tokens / study.text_params,
                   "That is the optimum for web text alone; set the share of code to 0.3."),
                  (20.0, "That is Chinchilla's rule of thumb; this law, for this mixture, "
                         "gives another number."),
                  (study.n_params / study.n_tokens, "That is parameters per token; the task "
                                                    "asks for tokens per parameter, D/N.")],
        hint="In the mixture dashboard: share of code 0.3, log₁₀ compute 22; the readout gives "
             "N, D and tokens per parameter.",
    )


#: Exercise 5: the budget and unique tokens at which the two laws' plans are compared.
REFIT_TASK = {"log10_compute": 22.0, "log10_unique_tokens": 10.4}


def refit_model_size_ratio(answer):
    """Exercise 5: how much smaller (or larger) the optimal model is under the refitted decay
    constants than under the published ones.

    The reference: ``n_params`` of :func:`scaling_utils.allocation.data_constrained_optimal`
    under the refit law (:func:`scaling_utils.studies.repetition_law`, ``"refit on the 182
    runs"``) divided by that under :data:`scaling_utils.references.MUENNIGHOFF_2023`, at the
    setting of :data:`REFIT_TASK`. Accepted within 2 %.

    Parameters
    ----------
    answer : float
        ``N_refit / N_published``.

    Returns
    -------
    Feedback
        ``'correct'`` within 2 %; otherwise ``'not yet'`` (naming the inverted ratio and the
        ratio of tokens) or ``'not answered yet'``.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson07
    >>> lesson07.refit_model_size_ratio(1.0).status
    'not yet'

    Introduced in lesson 07.
    """
    task = REFIT_TASK
    c, u = 10 ** task["log10_compute"], 10 ** task["log10_unique_tokens"]
    published = allocation.data_constrained_optimal(references.MUENNIGHOFF_2023, c, u)
    refit = allocation.data_constrained_optimal(studies.repetition_law(_REFIT), c, u)
    return check_number(
        answer, refit.n_params / published.n_params,
        exercise="Exercise 5 — what the refit changes in a plan", rtol=0.02,
        mistakes=[(refit.n_tokens / published.n_tokens,
                   "That is the ratio of tokens; the task asks for model sizes."),
                  (1.0, "The plans differ: compare the two laws' best N at this budget.")],
        hint="studies.repetition_study(22.0, 10.4, law) for each law in "
             "studies.REPETITION_LAWS; divide the refit's best.n_params by the published one's.",
    )
