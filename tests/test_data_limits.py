"""Lesson 07, the limits of data: the data-constrained law (Muennighoff et al. 2023) against its
limits and the authors' printed numbers, its optimum against a brute-force search, the refit of
R_D* and R_N* on the shipped runs, the refit chain of model collapse and the pruning simulation."""

import hashlib
import importlib.util
import json
import warnings
from pathlib import Path

import numpy as np
import pytest

from scaling_utils import CourseValueError, allocation, data, fitting, laws, references, simulate

ROOT = Path(__file__).resolve().parent.parent
RUNS_FILE = ROOT / "scaling_utils" / "data" / "datablations_runs.csv"
LAW = references.MUENNIGHOFF_2023
FIT = references.MUENNIGHOFF_2023_FIT


# --- the law -----------------------------------------------------------------------------------

def test_the_published_law_reproduces_the_readme_to_1e_9():
    assert abs(LAW(6.34e9, 242e9, 25e9) - FIT.readme_loss_6b34) < 1e-9
    assert abs(LAW(8.67e9, 178e9, 25e9) - FIT.readme_loss_8b67) < 1e-9
    base = LAW.base
    assert (base.E, base.A, base.B) == pytest.approx((1.869, 520.8, 1488.5), rel=1e-3)  # App. B


def test_it_is_chinchilla_when_nothing_repeats_and_nothing_is_in_excess():
    base = LAW.base
    d = np.geomspace(1e8, 1e12, 7)
    n = 0.9 * np.asarray(LAW.unique_params(d))          # N ≤ U_N
    for u in (d, 3 * d):                                 # U = D and U > D (under an epoch)
        np.testing.assert_allclose(LAW(n, d, u), base(n, d), rtol=1e-13)
    no_decay = laws.DataConstrainedLaw(base, np.inf, np.inf)
    np.testing.assert_allclose(no_decay(1e10, 1e12, 1e9), base(1e10, 1e12), rtol=1e-13)
    assert laws.DataConstrainedLaw.from_law(base) == LAW


def test_effective_tokens_rise_and_saturate_at_one_plus_r_d_star_times_u():
    u = 1e9
    d = np.geomspace(u, 1e6 * u, 200)
    eff = LAW.effective_tokens(d, u)
    assert np.all(np.diff(eff) >= 0) and np.all(eff <= d * (1 + 1e-12))
    assert np.all(np.diff(eff[d <= 100 * u]) > 0)
    assert LAW.saturation_tokens(u) == pytest.approx((1 + FIT.r_d_star) * u)
    assert eff[-1] == pytest.approx(LAW.saturation_tokens(u), rel=1e-12)
    assert LAW.effective_tokens(0.5 * u, u) == 0.5 * u   # less than one epoch: U_D = D


def test_four_epochs_are_worth_93_percent_of_fresh_data():
    assert LAW.epoch_worth(4) == pytest.approx(0.9314, abs=1e-4)
    assert LAW.epoch_worth(1) == 1.0 and LAW.epoch_worth(0.5) == 1.0
    # At R_D = R_D* the repeated tokens are worth 1 − 1/e of fresh ones on average (§3.1).
    r = FIT.r_d_star
    repeated = LAW.effective_tokens(1 + r, 1.0) - 1.0
    assert repeated / r == pytest.approx(1 - np.exp(-1), rel=1e-12)


def test_excess_parameters_saturate_too():
    u = 1e9
    n = np.geomspace(1e6, 1e14, 50)
    eff = LAW.effective_params(n, u)
    assert np.all(np.diff(eff) >= 0)
    assert eff[-1] == pytest.approx((1 + FIT.r_n_star) * LAW.unique_params(u), rel=1e-9)


def test_the_law_refuses_bad_input_with_a_sentence():
    with pytest.raises(CourseValueError, match="three variables"):
        LAW(1e9, 1e10)
    for bad in (0, -1e9, float("nan")):
        with pytest.raises(ValueError):
            LAW(1e9, 1e10, bad)
    with pytest.raises(CourseValueError, match="from_law"):
        allocation.data_constrained_optimal(references.HOFFMANN_2022, 1e21, 1e9)
    with pytest.raises(CourseValueError, match="compute_flops"):
        allocation.data_constrained_optimal(LAW, -1e21, 1e9)


# --- the optimum -------------------------------------------------------------------------------

@pytest.mark.parametrize("compute, unique", [(1e22, 25e9), (1e20, 1e8), (1e21, 1e12)])
def test_the_optimum_agrees_with_a_dense_brute_force_search(compute, unique):
    best = allocation.data_constrained_optimal(LAW, compute, unique)
    log_n = np.linspace(np.log(1e5), np.log(np.sqrt(compute / 6)), 200_001)
    n = np.exp(log_n)
    losses = LAW(n, compute / (6 * n), unique)
    i = np.argmin(losses)
    assert best.loss <= losses[i] + 1e-12
    assert best.n_params == pytest.approx(n[i], rel=2 * (log_n[1] - log_n[0]))
    assert 6 * best.n_params * best.n_tokens == pytest.approx(compute, rel=1e-12)


def test_the_optimum_is_pinned_to_1e_6_and_matches_the_readme_grid():
    best = allocation.data_constrained_optimal(LAW, 1e22, 25e9)
    for factor in (1 + 1e-6, 1 - 1e-6):   # a nudge either way along the line costs loss
        n = best.n_params * factor
        assert LAW(n, 1e22 / (6 * n), 25e9) >= best.loss - 1e-15
    # The README's coarse grid: 7.022e9 parameters, 2.373e11 tokens (9.49 epochs).
    assert best.n_params == pytest.approx(FIT.readme_optimum_params, rel=2e-3)
    assert best.n_tokens == pytest.approx(FIT.readme_optimum_tokens, rel=2e-3)
    assert best.epochs == pytest.approx(9.49, abs=0.01) and best.params_vs_chinchilla < 1


def test_plentiful_data_give_chinchillas_answer():
    best = allocation.data_constrained_optimal(LAW, 1e21, 1e13)
    assert best.n_params == pytest.approx(best.chinchilla_params, rel=1e-6)
    assert best.epochs < 1


def test_more_compute_stops_paying_at_the_loss_floor():
    limit = allocation.data_constrained_limit(LAW, 25e9, excess=0.01)
    assert limit.allocation.loss == pytest.approx(1.01 * limit.loss_floor, rel=1e-8)
    optimal = [allocation.data_constrained_optimal(LAW, c, 25e9).loss
               for c in np.geomspace(1e21, 1e27, 7)]
    assert np.all(np.diff(optimal) <= 0) and min(optimal) >= limit.loss_floor * (1 - 1e-12)
    assert optimal[1] > limit.allocation.loss > optimal[2]   # C = 4.4e22 lies between
    assert optimal[-1] == pytest.approx(limit.loss_floor, rel=1e-3)


# --- the shipped runs and the refit ------------------------------------------------------------

def test_the_runs_are_the_182_of_the_published_fit():
    runs = data.load_datablations()
    assert len(runs) == FIT.fit_runs == 182
    assert np.all(runs.unique_tokens <= runs.n_tokens) and runs.epochs.min() == 1
    assert len(set(runs.names)) == 182
    sizes = set(zip(runs.n_params, runs.n_tokens, runs.unique_tokens))
    assert len(sizes) == 182                                     # no duplicated configuration
    assert str(runs).startswith("182 runs")


def test_readme_and_notice_describe_this_very_file():
    digest = hashlib.sha256(RUNS_FILE.read_bytes()).hexdigest()
    readme = (RUNS_FILE.parent / "README.md").read_text(encoding="utf-8")
    commit = "13701315b163f1c54642b94ad237b2699187c3ee"
    assert digest in readme and commit in readme and "Apache" in readme and "cell 25" in readme
    assert f"{RUNS_FILE.stat().st_size:,} bytes" in readme
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "scaling_utils/data/datablations_runs.csv" in notice and commit in notice
    assert commit[:8] in data.DATABLATIONS_SOURCE


def test_the_extraction_script_rebuilds_the_file_from_a_notebook_like_the_upstream_one(tmp_path):
    """A notebook with the runs in cell 25 (dict literals, a dedup run, an unfinished run) and
    cell 26's printed list gives the shipped file back."""
    spec = importlib.util.spec_from_file_location("extract_datablations",
                                                  ROOT / "tools" / "extract_datablations.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    runs = data.load_datablations()
    lines = RUNS_FILE.read_text(encoding="utf-8").splitlines()[1:]
    losses = {line.split(",")[0]: float(line.split(",")[4]) for line in lines}
    params_map, printed = {}, []
    for name, n, d, u, loss in zip(runs.names, runs.n_params, runs.n_tokens, runs.unique_tokens,
                                   runs.loss):
        prefix = next(p for p in ("1b1", "1b5", "2b2", "2b8", "3b9", "4b2", "8b7", "7m", "14m",
                                  "20m", "25m", "44m", "83m", "146m", "196m", "220m", "221m",
                                  "280m", "421m", "574m", "619m") if name.startswith(p))
        params_map[prefix] = float(n)
        printed.append(f"{name} {n / 1e9} {d / 1e9} {u / 1e9} {loss}\n")
    cell = ("NAMES_TO_VAL_LOSSES = " + repr({**losses, "83m14b100mdedup": 3.87, "2b266b1b5": 0})
            + "\nTOKENS_MAP = " + repr({"100m": 0.1, "1b5": 1.5}) + "\nPARAMS_MAP = "
            + repr(params_map) + "\n")
    cells = [{"cell_type": "code", "source": ["pass"], "outputs": []} for _ in range(30)]
    cells[25] = {"cell_type": "code", "source": [cell], "outputs": []}
    cells[26] = {"cell_type": "code", "source": ["print()"],
                 "outputs": [{"output_type": "stream", "text": printed}]}
    source = tmp_path / "parametric_fit.ipynb"
    source.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    assert tool.extract(source) == RUNS_FILE.read_text(encoding="utf-8")
    assert tool.main([str(source), "--check"]) == 0


@pytest.fixture(scope="module")
def runs():
    r = data.load_datablations()
    return r.n_params, r.n_tokens, r.unique_tokens, r.loss


def test_the_refit_is_no_worse_than_the_published_constants(runs):
    published = fitting.data_constrained_objective(LAW, *runs)
    assert published == pytest.approx(FIT.fit_objective, abs=5e-5)   # Appendix A: 0.0158
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fitting.fit_data_constrained(*runs)
    assert fit.objective <= published
    assert fit.objective == pytest.approx(0.0158047, abs=1e-6)
    assert fit.r_d_star == pytest.approx(95.37, rel=1e-3) and fit.r_n_star == pytest.approx(
        1.706, rel=1e-3)
    assert isinstance(fit, fitting.FitResult) and list(fit.params) == ["r_d_star", "r_n_star"]
    with pytest.raises(CourseValueError, match="profile_r_d_star"):
        fit.conf_int()
    assert "objective" in str(fit.summary())


def test_the_refit_finds_a_known_truth(runs):
    n, d, u, _ = runs
    truth = laws.DataConstrainedLaw(LAW.base, 8.0, 3.0)
    fit = fitting.fit_data_constrained(n, d, u, truth(n, d, u))
    assert fit.r_d_star == pytest.approx(8.0, rel=1e-4) and fit.r_n_star == pytest.approx(
        3.0, rel=1e-4)


def test_the_profile_is_nearly_flat_from_r_d_star_15_to_95(runs):
    profile = fitting.profile_r_d_star(*runs, [15.39, 30, 60, 95.37, 200])
    assert np.all(profile.relative_excess <= 0.002)       # within 0.2 % of the best objective
    wide = fitting.profile_r_d_star(*runs)
    low, high = wide.flat_range(0.002)
    assert low < 15.4 and high > 95
    assert wide.relative_excess[wide.r_d_star <= 3].min() > 0.03   # small R_D* is ruled out


def test_the_bootstrap_is_seeded_and_wide(runs):
    first = fitting.bootstrap_data_constrained(*runs, n_resamples=8, seed=1)
    again = fitting.bootstrap_data_constrained(*runs, n_resamples=8, seed=1)
    np.testing.assert_array_equal(first.samples["r_d_star"], again.samples["r_d_star"])
    low, high = first.conf_int(0.9)["r_d_star"]
    assert high / low > 5


# --- model collapse ----------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_replacing_data_collapses_the_variance(seed):
    chain = simulate.gaussian_refit_chain(10, 100, n_chains=1000, seed=seed)
    median = chain.median_variance[-1]
    assert 3e-6 < median < 4e-5                   # about e^(−0.115·100) ≈ 1e-5
    assert np.all(np.diff(np.log(chain.median_variance[::10])) < 0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_accumulating_data_keeps_the_variance_bounded(seed):
    chain = simulate.gaussian_refit_chain(10, 100, n_chains=1000, seed=seed, mode="accumulate")
    assert 0.5 < chain.median_variance[-1] < 1.2
    assert np.quantile(chain.variances[-1], 0.05) > 0.15   # against ~1e-8 when replacing
    assert np.median(np.abs(chain.means[-1])) < 0.5


def test_the_refit_chain_is_seeded_and_starts_from_the_truth():
    a = simulate.gaussian_refit_chain(5, 3, n_chains=4, seed=7)
    b = simulate.gaussian_refit_chain(5, 3, n_chains=4, seed=7)
    np.testing.assert_array_equal(a.variances, b.variances)
    assert np.all(a.variances[0] == 1) and np.all(a.means[0] == 0) and a.generations == 3
    with pytest.raises(CourseValueError, match="mode"):
        simulate.gaussian_refit_chain(5, 3, mode="mix")


# --- data pruning ------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_with_a_good_metric_and_plenty_of_data_hard_examples_beat_random(seed):
    sizes = [2000, 5000]
    hard = simulate.pruning_experiment(50, sizes, 0.2, strategy="hard", n_trials=10, seed=seed)
    rand = simulate.pruning_experiment(50, sizes, 0.2, strategy="random", n_trials=10, seed=seed)
    assert np.all(hard.error < 0.5 * rand.error)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_with_scarce_data_easy_examples_beat_hard_ones(seed):
    sizes = [50, 100]          # 10 and 20 examples kept, fewer than the 50 features
    hard = simulate.pruning_experiment(50, sizes, 0.2, strategy="hard", n_trials=10, seed=seed)
    easy = simulate.pruning_experiment(50, sizes, 0.2, strategy="easy", n_trials=10, seed=seed)
    assert np.all(easy.error < hard.error)


def test_a_poor_metric_loses_the_advantage_of_hard_examples():
    sizes = [5000]
    good = simulate.pruning_experiment(50, sizes, 0.2, probe_angle=0.0, n_trials=10, seed=0)
    poor = simulate.pruning_experiment(50, sizes, 0.2, probe_angle=1.2, n_trials=10, seed=0)
    assert poor.error[0] > 3 * good.error[0]


def test_the_pruning_simulation_is_fast_and_seeded():
    import time

    start = time.perf_counter()
    curve = simulate.pruning_experiment(50, [25, 50, 100, 200, 500, 1000, 2000, 5000], 0.2,
                                        n_trials=20, seed=3)
    elapsed = time.perf_counter() - start
    again = simulate.pruning_experiment(50, [25, 50, 100, 200, 500, 1000, 2000, 5000], 0.2,
                                        n_trials=20, seed=3)
    np.testing.assert_array_equal(curve.errors, again.errors)
    assert curve.kept_sizes.tolist() == [5, 10, 20, 40, 100, 200, 400, 1000]
    assert elapsed < 0.6       # about 0.13 s alone; room for a busy machine


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_share_of_real_data_stops_the_collapse(seed):
    none = simulate.gaussian_refit_chain(10, 100, n_chains=1000, seed=seed)
    some = simulate.gaussian_refit_chain(10, 100, n_chains=1000, seed=seed, real_fraction=0.1)
    more = simulate.gaussian_refit_chain(10, 100, n_chains=1000, seed=seed, real_fraction=0.5)
    assert none.median_variance[-1] < 1e-4
    assert 0.5 < some.median_variance[-1] < more.median_variance[-1] < 1.1
    # The mean wanders less the more real data anchor it.
    assert np.median(np.abs(more.means[-1])) < np.median(np.abs(some.means[-1]))


def test_real_fraction_zero_draws_the_same_chain_and_one_is_all_real():
    plain = simulate.gaussian_refit_chain(8, 5, n_chains=6, seed=4)
    zero = simulate.gaussian_refit_chain(8, 5, n_chains=6, seed=4, real_fraction=0.0)
    np.testing.assert_array_equal(plain.variances, zero.variances)
    real = simulate.gaussian_refit_chain(8, 50, n_chains=400, seed=4, real_fraction=1.0)
    fresh = simulate.gaussian_refit_chain(8, 1, n_chains=400 * 50, seed=4)
    # Every generation is a fit to 8 fresh real samples: no memory, the same spread each time.
    assert np.median(real.variances[1:]) == pytest.approx(np.median(fresh.variances[1]), rel=0.05)
    assert real.real_fraction == 1.0 and "100% real" in str(real)
    for bad, match in ((10, "for 10% give 0.1"), (-0.1, r"\[0, 1\]"), (float("nan"), "NaN")):
        with pytest.raises(CourseValueError, match=match):
            simulate.gaussian_refit_chain(5, 3, real_fraction=bad)
