"""Fitting scaling laws to measurements, with uncertainties and honest warnings.

Every fit works on the logarithm of the measured quantity: losses and errors scatter by a roughly
constant *percentage*, which is a constant spread in log space, and their values span orders of
magnitude, which plain least squares would let the largest values dominate.

One module per method, every public name re-exported here (``fitting.fit_power_law``):

- :mod:`._results`: the reporting interface every fit result shares (``params``, ``stderr``,
  ``conf_int(level)``, ``summary()`` and a one-line ``str``);
- :mod:`.power_law`: ``y = a·x^k`` and ``y = E + a·x^k`` by least squares in log space;
- :mod:`.chinchilla`: Chinchilla's Approach 3, the Huber fit of ``L = E + A/N^α + B/D^β``, and
  its bootstrap;
- :mod:`.frontier`: Chinchilla's Approaches 1 and 2, the frontier ``N_opt ∝ C^a`` from minima;
- :mod:`.broken`: smoothly broken power laws (Caballero et al. 2022) from a grid of starts;
- :mod:`.joint`: Kaplan et al.'s joint law ``L(N, D)``, whose terms couple (lesson 06's foil to
  the additive Chinchilla form);
- :mod:`.families`: the families M1–M4 of Alabdulmohsin et al. (2022) and the backtest that
  scores them (and broken power laws) on held-out large-scale points;
- :mod:`.forecast`: Llama 3's two-step benchmark forecast, compute → NLL → accuracy;
- :mod:`.data_constrained`: the decay constants ``R_D*``, ``R_N*`` of Muennighoff et al.'s
  data-constrained law (2023) with the base law fixed, their profile and bootstrap;
- :mod:`.sampling`: repeated sampling, the unbiased pass@k estimator (Chen et al. 2021) and the
  coverage law ``c ≈ exp(a·k^b)`` (Brown et al. 2024).
"""

from __future__ import annotations

from .._warnings import FitWarning
from ._results import FitResult, FitSummary, SummaryRow
from .broken import BrokenPowerLawFit, fit_broken_power_law
from .data_constrained import (DataConstrainedBootstrap, DataConstrainedFit, DecayProfile,
                               bootstrap_data_constrained, data_constrained_objective,
                               fit_data_constrained, profile_r_d_star)
from .chinchilla import (ChinchillaBootstrap, ChinchillaFit, bootstrap_chinchilla,
                         chinchilla_objective, fit_chinchilla)
from .families import FAMILIES, Backtest, FamilyFit, backtest, fit_family
from .forecast import TwoStepForecast, fit_two_step_forecast
from .frontier import FrontierFit, fit_envelope, fit_isoflop
from .joint import KaplanFit, fit_kaplan_law
from .power_law import PowerLawFit, fit_power_law
from .sampling import MAX_PASS_AT_K_WORK, CoverageFit, fit_coverage, pass_at_k

__all__ = ["FitWarning", "FitResult", "FitSummary", "SummaryRow",
           "PowerLawFit", "fit_power_law",
           "ChinchillaFit", "fit_chinchilla", "ChinchillaBootstrap", "bootstrap_chinchilla",
           "chinchilla_objective",
           "FrontierFit", "fit_isoflop", "fit_envelope",
           "BrokenPowerLawFit", "fit_broken_power_law",
           "KaplanFit", "fit_kaplan_law",
           "FAMILIES", "FamilyFit", "fit_family", "Backtest", "backtest",
           "TwoStepForecast", "fit_two_step_forecast",
           "DataConstrainedFit", "fit_data_constrained", "data_constrained_objective",
           "DecayProfile", "profile_r_d_star", "DataConstrainedBootstrap",
           "bootstrap_data_constrained",
           "pass_at_k", "CoverageFit", "fit_coverage", "MAX_PASS_AT_K_WORK"]
