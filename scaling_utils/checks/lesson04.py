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
    """Exercise 1: the share of Chinchilla's reducible loss due to finite data (Hoffmann's law)."""
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
OPTIMUM_TASK = {"compute": 1e22}


def optimal_params(answer):
    """Exercise 2: N_opt at 10²² FLOPs for Besiroglu et al.'s law, from the closed form."""
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
DASHBOARD_TASK = {"compute": 1e21, "excess": 0.01}


def _largest_within(compute_flops, excess):
    _, larger, best = allocation.sizes_within(references.BESIROGLU_2024, compute_flops, excess)
    return larger, best.n_params


def largest_good_model(answer):
    """Exercise 3: the largest model within 1 % of the optimal loss at 10²¹ FLOPs (dashboard)."""
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
    """Exercise 4: at 10²² FLOPs, which of three model sizes, none of them optimal, trains best?"""
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
    """Exercise 5: D_opt/N_opt at Gopher's budget for Besiroglu et al.'s law."""
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
