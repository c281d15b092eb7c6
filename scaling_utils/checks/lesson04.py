"""Exercises of lesson 04: compute-optimal training (Chinchilla)."""

from __future__ import annotations

import numpy as np

from .. import allocation, compute, references
from . import check_choice, check_number

__all__ = [
    "data_share",
    "OPTIMUM_TASK",
    "optimal_params",
    "DASHBOARD_TASK",
    "largest_good_model",
    "OPTIONS_TASK",
    "LETTERS",
    "best_option",
    "tokens_per_parameter",
]

# Exercise 1 -----------------------------------------------------------------------------------


def data_share(answer):
    """Exercise 1: the share of Chinchilla's reducible loss due to finite data (Hoffmann's law).

    The reference is ``(B/D^β) / (A/N^α + B/D^β)`` from
    :meth:`scaling_utils.laws.ChinchillaLaw.terms`, for Hoffmann et al.'s Approach 3 law as
    printed (:data:`scaling_utils.references.HOFFMANN_2022`: Eq. 2 with the constants of
    Appendix D.2, Eq. 10) at Chinchilla's size, 70B parameters on 1.4T tokens
    (:data:`scaling_utils.references.HOFFMANN_2022_FIT`, Table 1); accepted within 1 %.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 1 % (``.status`` ``'correct'``); otherwise ``.status`` is
        ``'not yet'`` or ``'not answered yet'`` and ``.message`` says why, naming three slips: the
        model term's share, the share of the whole loss (E included), and the data term itself.
        ``.hint`` holds the folded hint (``''`` when correct).

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils import references
    >>> from scaling_utils.checks import lesson04
    >>> fit = references.HOFFMANN_2022_FIT
    >>> terms = references.HOFFMANN_2022.terms(fit.chinchilla_params, fit.chinchilla_tokens)
    >>> lesson04.data_share(terms["data"]).message
    'That is the data term itself; divide it by the reducible loss A/N^α + B/D^β.'

    Introduced in lesson 04.
    """
    f = references.HOFFMANN_2022_FIT
    terms = references.HOFFMANN_2022.terms(f.chinchilla_params, f.chinchilla_tokens)
    expected = terms["data"] / (terms["model"] + terms["data"])
    total = sum(terms.values())
    return check_number(
        answer, expected, exercise="Exercise 1 — where the reducible loss comes from", rtol=0.01,
        mistakes=[(1 - expected, "That is the model term's share; the question asks for the "
                                 "data term B/D^β."),
                  (terms["data"] / total, "That divides by the whole loss, E included; the "
                                          "question asks for the share of the reducible part."),
                  (terms["data"], "That is the data term itself; divide it by the reducible "
                                  "loss A/N^α + B/D^β.")],
        hint="law.terms(N, D) gives the three parts; the reducible loss is model + data.",
    )


# Exercise 2 -----------------------------------------------------------------------------------
#: Exercise 2's budget C, in FLOPs.
OPTIMUM_TASK = {"compute": 1e22}


def optimal_params(answer):
    """Exercise 2: N_opt at 10²² FLOPs for Besiroglu et al.'s law, from the closed form.

    The reference is ``N_opt = G·(C/6)^a`` with ``a = β/(α+β)`` and
    ``G = (αA/(βB))^(1/(α+β))`` (Hoffmann et al. 2022, Eq. 4;
    :func:`scaling_utils.allocation.chinchilla_optimal`) for Besiroglu et al.'s refit of
    Approach 3 (:data:`scaling_utils.references.BESIROGLU_2024`, their §3), at the C of
    :data:`OPTIMUM_TASK`; accepted within 1 %.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 1 %; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why, naming three slips: C for C/6, the
        exponent b for a, and D_opt for N_opt. ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson04
    >>> lesson04.optimal_params([1e9]).message
    'Your answer is a list of 1 item; the answer is the number itself: take it out with [0].'
    >>> lesson04.optimal_params(1e9).correct
    False

    Introduced in lesson 04.
    """
    law = references.BESIROGLU_2024
    c = OPTIMUM_TASK["compute"]
    n_opt, d_opt = allocation.chinchilla_optimal(law, c)
    return check_number(
        answer, n_opt, exercise="Exercise 2 — the closed form", rtol=0.01, units="parameters",
        mistakes=[(law.G * c**law.a, "You used C where the formula has C/6: the budget buys "
                                     "6 FLOPs per parameter per token."),
                  (law.G * (c / 6) ** law.b, "The exponent of N_opt is a = β/(α+β); you used "
                                              "b = α/(α+β)."),
                  (d_opt, "That is D_opt, the tokens; the question asks for parameters.")],
        hint="N_opt = G·(C/6)^a with a = β/(α+β) and G = (αA/(βB))^(1/(α+β)).",
    )


# Exercise 3 -----------------------------------------------------------------------------------
#: Exercise 3's budget in FLOPs and the loss excess allowed (0.01: within 1 %
#: of the optimal loss).
DASHBOARD_TASK = {"compute": 1e21, "excess": 0.01}


def _largest_within(compute_flops, excess):
    _, larger, best = allocation.sizes_within(references.BESIROGLU_2024, compute_flops, excess)
    return larger, best.n_params


def largest_good_model(answer):
    """Exercise 3: the largest model within 1 % of the optimal loss at 10²¹ FLOPs (dashboard).

    The reference is the larger root of ``L(N, C/(6N)) = (1 + excess)·L_min`` along
    ``6ND = C`` for :data:`scaling_utils.references.BESIROGLU_2024`
    (:func:`scaling_utils.allocation.sizes_within`), with the budget and excess of
    :data:`DASHBOARD_TASK`; accepted within 12 %, as it is read off a dashboard.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 12 %; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why: how far off, the optimum itself, or the
        slider's logarithm of N instead of N. ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson04
    >>> lesson04.largest_good_model(10.0).message
    "Give N itself, not the slider's logarithm: enter 10**(slider value)."

    Introduced in lesson 04.
    """
    n_big, n_opt = _largest_within(DASHBOARD_TASK["compute"], DASHBOARD_TASK["excess"])
    return check_number(
        answer, n_big, exercise="Exercise 3 — how big can you go?", rtol=0.12,
        units="parameters",
        mistakes=[(n_opt, "That is the optimum itself; the question asks for the largest model "
                          "whose loss is still within 1% of it."),
                  (np.log10(n_big), "Give N itself, not the slider's logarithm: enter "
                                    "10**(slider value)."),
                  (np.log10(n_opt), "That is the logarithm of the optimum; move to larger "
                                    "models and enter N itself.")],
        hint="Set compute to 21 and the refit law; move N up from the star until the readout "
             "says your loss is 1% above the optimum. N = 10^(slider value).",
    )


# Exercise 4: options A/B/C --------------------------------------------------------------------
#: None of the options is the optimum (Exercise 2 finds it): the two nearest lie on either side.
OPTIONS_TASK = {"compute": 1e22, "A": 60e9, "B": 3e9, "C": 25e9}
_OPTION_KEYS = ("A", "B", "C")
#: The options' letters: a workbook binds A, B, C to them, so ``answer = B`` works unquoted.
LETTERS = _OPTION_KEYS


def _option_losses():
    c = OPTIONS_TASK["compute"]
    law = references.BESIROGLU_2024
    return {key: law(OPTIONS_TASK[key], compute.tokens_for_compute(c, OPTIONS_TASK[key]))
            for key in _OPTION_KEYS}


def best_option(answer):
    """Exercise 4: at 10²² FLOPs, which of three model sizes, none of them optimal, trains best?

    Each option of :data:`OPTIONS_TASK` trains N parameters on ``D = C/(6N)`` tokens
    (:func:`scaling_utils.compute.tokens_for_compute`); the reference is the option with the
    lowest loss under :data:`scaling_utils.references.BESIROGLU_2024`. The messages give each
    option's loss above the optimum of :func:`scaling_utils.allocation.chinchilla_optimal`.

    Parameters
    ----------
    answer : str
        What the learner sets: one of :data:`LETTERS`, as text or through the names the workbook
        binds to them (``answer = B``); case, spaces and brackets do not matter. ``...`` or None is
        "not answered yet"; anything else is "not yet", listing the letters.

    Returns
    -------
    Feedback
        ``'correct'`` with how far the chosen option's loss lies above the optimum and why the
        options had to be compared on the profile; for another letter, ``'not yet'`` with that
        option's loss above the optimum and on which side of it the option lies. ``.correct`` is
        True for the first only; ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson04
    >>> lesson04.best_option(None).status
    'not answered yet'
    >>> lesson04.best_option("(d)").message
    "'(d)' is not one of the options 'A', 'B', 'C'."

    Introduced in lesson 04.
    """
    losses = _option_losses()
    correct = min(losses, key=losses.get)
    c = OPTIONS_TASK["compute"]
    law = references.BESIROGLU_2024
    n_opt, d_opt = allocation.chinchilla_optimal(law, c)
    best_loss = law(n_opt, d_opt)
    words = {k: f"{OPTIONS_TASK[k] / 1e9:g}B parameters on "
                f"{compute.tokens_for_compute(c, OPTIONS_TASK[k]) / 1e9:,.0f}B tokens"
             for k in _OPTION_KEYS}

    def above(key):
        return f"{100 * (losses[key] / best_loss - 1):.2f}%"

    def side(key):
        return "larger" if OPTIONS_TASK[key] > n_opt else "smaller"

    why = {}
    for key in _OPTION_KEYS:
        if key == correct:
            why[key] = (f"Right: {words[key]} is {above(key)} above the optimal loss, the least "
                        f"of the three. None of them is the optimum (about {n_opt / 1e9:.0f}B); "
                        f"the profile is flat enough that a model several times off loses only "
                        f"a per cent or so, which is why these options had to be compared on "
                        f"the profile rather than by eye.")
        else:
            why[key] = (f"Option {key} ({words[key]}, {side(key)} than the optimum) is "
                        f"{above(key)} above the optimal loss; another option loses less. "
                        f"Compare all three on the profile.")
    return check_choice(answer, correct, exercise="Exercise 4 — spend a budget of 10²² FLOPs",
                        options={k: words[k] for k in _OPTION_KEYS}, why=why,
                        hint="Put each option on the dashboard (compute 22, refit law) and read "
                             "'your loss is …% above the optimum', or evaluate the law at "
                             "(N, C/(6N)) for each.")


# Exercise 5 -----------------------------------------------------------------------------------


def tokens_per_parameter(answer):
    """Exercise 5: D_opt/N_opt at Gopher's budget for Besiroglu et al.'s law.

    The reference is ``D_opt/N_opt`` from :func:`scaling_utils.allocation.chinchilla_optimal` for
    :data:`scaling_utils.references.BESIROGLU_2024` at Gopher's budget,
    ``HOFFMANN_2022_FIT.gopher_flops`` (5.76·10²³ FLOPs, Hoffmann et al. 2022, Table 3);
    accepted within 2 %.

    Parameters
    ----------
    answer : float
        What the learner types: a number. ``...`` (the placeholder) or None is "not answered yet";
        text, a list, a boolean, NaN or any other object gets a "not yet" that says what to give
        instead.

    Returns
    -------
    Feedback
        ``.correct`` is True within 2 %; otherwise ``.status`` is ``'not yet'`` or
        ``'not answered yet'`` and ``.message`` says why, naming three slips: parameters per
        token, the rule of thumb 20, and the constants as printed by Hoffmann et al.
        (``HOFFMANN_2022``). ``.hint`` holds the folded hint.

    Raises
    ------
    Nothing: any input gives a Feedback.

    Examples
    --------
    >>> from scaling_utils.checks import lesson04
    >>> lesson04.tokens_per_parameter(20).message
    '20 is the rule of thumb; compute what this law actually gives.'

    Introduced in lesson 04.
    """
    n_opt, d_opt = allocation.chinchilla_optimal(references.BESIROGLU_2024,
                                                 references.HOFFMANN_2022_FIT.gopher_flops)
    printed_n, printed_d = allocation.chinchilla_optimal(references.HOFFMANN_2022,
                                                        references.HOFFMANN_2022_FIT.gopher_flops)
    return check_number(
        answer, d_opt / n_opt, exercise="Exercise 5 — tokens per parameter", rtol=0.02,
        mistakes=[(n_opt / d_opt, "That is parameters per token; the ratio is D/N."),
                  (20.0, "20 is the rule of thumb; compute what this law actually gives."),
                  (printed_d / printed_n, "That uses the constants as printed in the paper; "
                                          "this task uses the refit (BESIROGLU_2024).")],
        hint="allocation.chinchilla_optimal(law, C) returns (N_opt, D_opt).",
    )
