"""Studies: the numbers behind each dashboard, as small result objects.

A study is computed from its inputs by a pure function (``ols_study(...)``,
``bootstrap_fan(...)``); the result keeps its numbers as attributes, gives its readout as
``str(result)`` and draws itself with ``result.plot(ax=None)`` — in the spirit of
scikit-learn's display objects. Dashboards (:mod:`scaling_utils.widgets`) are thin views over these
results; checkers and lessons read the attributes, never the readout text.

Layer: above ``simulate``, ``fitting`` and ``allocation``; below ``widgets`` and ``checks``.
One module per topic:

- :mod:`.reading_plots` (lesson 00): a line matched to points; a guessed floor;
- :mod:`.ols` (lesson 01): OLS and minimum-norm test error at one setting;
- :mod:`.learning_curves` (lesson 02): the lesson's learning curve, fit windows, fits in a window;
- :mod:`.compute_lines` (lesson 03): a model on a line of equal compute under Kaplan's law;
- :mod:`.isoflop` (lesson 04): a model on an IsoFLOP profile under a Chinchilla law;
- :mod:`.trust` (lesson 05): bootstrap fans and the bias of off-centre IsoFLOP grids;
- :mod:`.broken` (lesson 06): a broken power law's shape; the backtest arena on real curves;
- :mod:`.mirage` (lesson 06): an "emergent" jump made by the metric from a smooth loss;
- :mod:`.data_limits` (lesson 07): compute spent on repeated data; model collapse;
- :mod:`.mixture` (lesson 07): a data mixture moves the law and the compute-optimal split;
- :mod:`.lifetime` (lesson 08): the model of a given loss with the least training-plus-inference
  compute; a law fitted at ordinary tokens per parameter against over-trained runs;
- :mod:`.sampling` (lesson 08): a bigger model or more samples at equal inference FLOPs;
- :mod:`.own_law` (lesson 09): a law fitted to the course's own training runs, its IsoFLOPs and
  backtest;
- :mod:`.transfer` (lesson 09): a learning rate tuned at one width, used at others (SP and μP);
- :mod:`.planning` (lesson 10): the planner's plan for a budget, data and demand, its cost, its
  interval and what moves it.
"""

from __future__ import annotations

from ._base import Study, mean_with_error
from .broken import (ARENA_FAMILIES, Arena, ArenaCurve, BnslShape, arena_curve, benchmark_arena,
                     bnsl_shape)
from .data_limits import (COLLAPSE_CHAINS, REPETITION_LAWS, CollapseStudy, RepetitionStudy,
                          collapse_study, repetition_law, repetition_study)
from .mixture import (DOMAIN_COMPRESSIBILITY, MIXING_EXAMPLE, MIXTURE_LAW, MixtureStudy,
                      mixture_study)
from .lifetime import (LIFETIME_LAW, LifetimeStudy, OvertrainingCheck, lifetime_study,
                       overtraining_check)
from .sampling import SAMPLING_COMPARED, SAMPLING_SIZES, SizeSamplesStudy, size_samples_study
from .own_law import (CHINCHILLA_TOKENS_PER_PARAM, OWN_LAW_SEEDS, OWN_LAW_SUBSETS, OwnLawStudy,
                      own_law_study)
from .transfer import TRANSFER_PARAMETRISATIONS, TransferStudy, transfer_study
from .planning import (INFERENCE_TOKEN_OPTIONS, OWN_LAW, PLANNER_LAWS, UNIQUE_TOKEN_OPTIONS,
                       WORKED_PLAN, PlannerStudy, own_runs, planner_study)
from .mirage import MIRAGE_LOSS, MIRAGE_METRICS, MetricMirage, metric_mirage
from .compute_lines import ComputeLineChoice, compute_line_choice
from .isoflop import LAWS_04, IsoflopChoice, isoflop_choice
from .learning_curves import LearningCurveFit, learning_curve_fit, learning_curve_sample, window_mask
from .ols import DoubleDescentStudy, OlsStudy, double_descent_study, ols_study
from .reading_plots import FloorGuess, LineMatch, floor_guess, line_match
from .trust import LESSON05_TRUTH, FanStudy, IsoflopBias, bootstrap_fan, isoflop_bias

__all__ = [
    "Study", "mean_with_error",
    "LineMatch", "line_match", "FloorGuess", "floor_guess",
    "OlsStudy", "ols_study", "DoubleDescentStudy", "double_descent_study",
    "learning_curve_sample", "window_mask", "LearningCurveFit", "learning_curve_fit",
    "ComputeLineChoice", "compute_line_choice",
    "LAWS_04", "IsoflopChoice", "isoflop_choice",
    "LESSON05_TRUTH", "FanStudy", "bootstrap_fan", "IsoflopBias", "isoflop_bias",
    "BnslShape", "bnsl_shape", "ARENA_FAMILIES", "Arena", "benchmark_arena", "ArenaCurve",
    "arena_curve", "MIRAGE_LOSS", "MIRAGE_METRICS", "MetricMirage", "metric_mirage",
    "REPETITION_LAWS", "repetition_law", "RepetitionStudy", "repetition_study",
    "COLLAPSE_CHAINS", "CollapseStudy", "collapse_study",
    "MIXTURE_LAW", "DOMAIN_COMPRESSIBILITY", "MIXING_EXAMPLE", "MixtureStudy", "mixture_study",
    "LIFETIME_LAW", "LifetimeStudy", "lifetime_study", "OvertrainingCheck", "overtraining_check",
    "SAMPLING_SIZES", "SAMPLING_COMPARED", "SizeSamplesStudy", "size_samples_study",
    "OWN_LAW_SUBSETS", "OWN_LAW_SEEDS", "CHINCHILLA_TOKENS_PER_PARAM", "OwnLawStudy",
    "own_law_study", "TRANSFER_PARAMETRISATIONS", "TransferStudy", "transfer_study",
    "PLANNER_LAWS", "OWN_LAW", "WORKED_PLAN", "UNIQUE_TOKEN_OPTIONS", "INFERENCE_TOKEN_OPTIONS",
    "PlannerStudy", "planner_study", "own_runs",
]
