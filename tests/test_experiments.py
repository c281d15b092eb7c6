"""Lesson 09's training engine: the model learns, its gradient is right, runs repeat exactly,
sweeps run in worker processes and from the cache, bad input is refused with a sentence, and the
shipped results are what the engine gives (the retraining test is marked slow: make test-slow)."""

from __future__ import annotations

import time
import warnings

import numpy as np
import pytest

from scaling_utils import CourseValueError, data, experiments, fitting
from scaling_utils import experiments as ex


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(ex, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache"


def test_the_corpus_is_the_shipped_snapshot():
    corpus = ex._corpus()
    assert corpus.sha256 == data.PYTHON_DOCS_SHA256
    assert corpus.ids.max() == ex.VOCAB_SIZE - 1
    # Held-out blocks are interleaved with the training ones and never share a window.
    assert corpus.train.size == 419_896 and corpus.held_out.size == 44_968
    assert not set(corpus.train.tolist()) & set(corpus.held_out.tolist())
    held_blocks = np.unique(corpus.held_out // ex.BLOCK)
    assert held_blocks.size == 11 and np.all(held_blocks % ex.HELD_OUT_EVERY == 5)


def test_parameter_count_is_every_trained_number():
    params, _ = ex._init(24, np.random.default_rng(0), "standard")
    assert sum(p.size for p in params.values()) == ex.count_params(24)


@pytest.mark.parametrize("parametrisation", ex.PARAMETRISATIONS)
def test_gradient_matches_finite_differences(parametrisation):
    corpus = ex._corpus()
    params, _ = ex._init(3, np.random.default_rng(1), parametrisation)
    x, y = ex._windows(corpus, corpus.train[:5])
    _, grads = ex._loss_and_grads(params, x, y)
    rng = np.random.default_rng(2)
    for name, values in params.items():
        flat = values.reshape(-1)
        # entries that the batch touches (most embedding rows are unused by 5 windows)
        touched = np.flatnonzero(grads[name].reshape(-1))
        for index in rng.choice(touched, size=min(4, touched.size), replace=False):
            saved, step = flat[index], 1e-6
            flat[index] = saved + step
            up, _ = ex._loss_and_grads(params, x, y, grads=False)
            flat[index] = saved - step
            down, _ = ex._loss_and_grads(params, x, y, grads=False)
            flat[index] = saved
            numeric = (up - down) / (2 * step)
            assert grads[name].reshape(-1)[index] == pytest.approx(numeric, rel=1e-5, abs=1e-9)


def test_the_loss_falls_and_ends_below_a_uniform_guess():
    run = ex.train_run(16, 6400, cache=False)
    assert run.curve_loss[0] > run.curve_loss[-1] + 0.5
    assert run.loss < np.log(ex.VOCAB_SIZE) - 1.0
    assert run.curve_tokens[-1] == 6400 and run.n_params == ex.count_params(16)


def test_the_same_seed_gives_the_same_losses():
    first = ex.train_run(8, 3200, seed=3, cache=False)
    again = ex.train_run(8, 3200, seed=3, cache=False)
    other = ex.train_run(8, 3200, seed=4, cache=False)
    assert first.loss == again.loss and np.array_equal(first.curve_loss, again.curve_loss)
    assert other.loss != first.loss


def test_a_short_sweep_in_worker_processes_matches_one_in_this_process(cache):
    start = time.perf_counter()
    pooled = ex.run_sweep(sizes=[8, 16], budgets=[3200, 6400], workers=2, progress=False,
                          cache=False)
    assert time.perf_counter() - start < 10
    here = ex.run_sweep(sizes=[8, 16], budgets=[3200, 6400], workers=1, progress=False,
                        cache=False)
    assert np.array_equal(pooled.loss, here.loss)
    assert pooled.n_tokens.tolist() == [3200, 6400] * 2
    assert pooled.width.tolist() == [8, 8, 16, 16]
    assert np.allclose(pooled.compute, 6 * pooled.n_params * pooled.n_tokens)
    assert pooled.n_trained == 4 and not any(cache.glob("*.json"))


def test_the_cache_makes_a_second_sweep_instant_and_can_be_bypassed(cache):
    first = ex.run_sweep(sizes=[8], budgets=[1600, 3200], workers=1, progress=False)
    assert first.n_trained == 2 and len(list(cache.glob("run-*.json"))) == 2
    start = time.perf_counter()
    again = ex.run_sweep(sizes=[8], budgets=[1600, 3200], workers=1, progress=False)
    assert time.perf_counter() - start < 0.5
    assert again.n_trained == 0 and np.array_equal(again.loss, first.loss)
    assert "0 trained" in str(again) and "2 from the cache" in str(again)
    fresh = ex.run_sweep(sizes=[8], budgets=[1600, 3200], workers=1, progress=False, cache=False)
    assert fresh.n_trained == 2 and np.array_equal(fresh.loss, first.loss)


def test_the_cache_key_changes_with_every_setting():
    base = ex._settings(8, 1600, 0, 0.01, 64, "standard")
    keys = {ex._cache_file(base)}
    for change in ({"width": 9}, {"n_tokens": 1664}, {"seed": 1}, {"learning_rate": 0.02},
                   {"batch_size": 32}, {"parametrisation": "mup"}, {"schedule": "constant"}):
        keys.add(ex._cache_file(dict(base, **change)))
    assert len(keys) == 8


def test_the_progress_bar_counts_runs(capsys, cache):
    ex.run_sweep(sizes=[8], budgets=[1600, 3200], workers=1, progress=True)
    err = capsys.readouterr().err
    assert "2/2 runs" in err and "left" in err


@pytest.mark.parametrize("kwargs, words", [
    ({"sizes": [0, 8]}, "sizes must be at least 1"),
    ({"sizes": [-4]}, "sizes must be at least 1"),
    ({"sizes": [8.5]}, "whole numbers"),
    ({"sizes": [100_000]}, "at most 4,096"),
    ({"budgets": [0]}, "budgets must be at least 1"),
    ({"budgets": [10]}, "at least one batch"),
    ({"budgets": [10**9]}, "at most 419,896 tokens"),
    ({"workers": 0}, "workers must be at least 1"),
    ({"seed": -1}, "seed must be at least 0"),
    ({"sizes": "8"}, "sizes must be numbers"),
    ({"sizes": [4096] * 20, "budgets": [400_000], "workers": 1}, "minutes on 1 worker"),
])
def test_bad_sweeps_are_refused_with_a_sentence(kwargs, words):
    with pytest.raises(CourseValueError, match=words) as info:
        ex.run_sweep(progress=False, **kwargs)
    assert str(info.value).endswith(".")


def test_slow_sweeps_are_refused_with_their_estimated_time():
    with pytest.raises(CourseValueError, match=r"would take about \d+ minutes"):
        ex.run_sweep(sizes=[4096] * 40, budgets=[400_000], workers=2, progress=False)
    assert ex.estimate_seconds(workers=2) < 60


@pytest.mark.parametrize("call, words", [
    (lambda: ex.train_run(8, 3200, parametrisation="muP"), "parametrisation"),
    (lambda: ex.train_run(8, 3200, learning_rate=5), "at most 1"),
    (lambda: ex.train_run(8, 3200, learning_rate=0), "greater than 0"),
    (lambda: ex.train_run(8, 3200, batch_size=0), "batch_size"),
    (lambda: ex.learning_rate_grid(learning_rates=[0.01, -1]), "learning_rates"),
    (lambda: ex.batch_size_grid(target=0), "target"),
    (lambda: ex.precomputed_sweep(7), "precomputed seeds"),
    (lambda: ex.precomputed_sweep("0"), "precomputed seeds"),
    (lambda: ex.precomputed_learning_rate_grid("SP"), "parametrisation"),
])
def test_other_bad_input_is_refused(call, words):
    with pytest.raises(CourseValueError, match=words):
        call()


def test_mup_equals_standard_at_the_base_width():
    a = ex.train_run(ex.BASE_WIDTH, 1600, cache=False)
    b = ex.train_run(ex.BASE_WIDTH, 1600, parametrisation="mup", cache=False)
    assert a.loss == b.loss


def test_steps_to_target_reads_the_trailing_mean():
    losses = np.r_[np.full(100, 3.0), np.full(100, 1.0)]
    # batch 512: the mean of the last 4 steps first reaches 2.0 two steps into the drop
    assert ex._steps_to_target(losses, 512, 2.0) == 102
    assert np.isnan(ex._steps_to_target(losses, 512, 0.5))


# --- the shipped results --------------------------------------------------------------------

def test_the_shipped_sweeps_have_five_seeds_of_the_default_sweep():
    for seed in range(5):
        sweep = ex.precomputed_sweep(seed)
        assert len(sweep) == len(ex.DEFAULT_WIDTHS) * len(ex.DEFAULT_BUDGETS)
        assert sorted(set(sweep.width.tolist())) == list(ex.DEFAULT_WIDTHS)
        assert sorted(set(sweep.n_tokens.tolist())) == list(ex.DEFAULT_BUDGETS)
        assert all(c.size == ex.CURVE_POINTS for c in sweep.curve_loss)
        # more parameters or more tokens never hurt by more than noise
        grid = sweep.loss.reshape(len(ex.DEFAULT_WIDTHS), len(ex.DEFAULT_BUDGETS))
        assert np.all(np.diff(grid, axis=1) < 0) and np.all(np.diff(grid, axis=0) < 0.02)


#: Fitted exponents of the five shipped seeds lie in these ranges (measured when they were made:
#: α 0.52 to 0.65, β 0.32 to 0.37, RMS log residual 0.012 to 0.018).
ALPHA_RANGE, BETA_RANGE = (0.45, 0.75), (0.28, 0.42)


def test_chinchilla_fits_of_the_shipped_seeds_agree():
    alphas, betas = [], []
    for seed in range(5):
        sweep = ex.precomputed_sweep(seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = fitting.fit_chinchilla(sweep.n_params, sweep.n_tokens, sweep.loss)
        alphas.append(fit.params["alpha"])
        betas.append(fit.params["beta"])
        assert fit.rmse_log < 0.03
    assert ALPHA_RANGE[0] < min(alphas) and max(alphas) < ALPHA_RANGE[1]
    assert BETA_RANGE[0] < min(betas) and max(betas) < BETA_RANGE[1]


@pytest.mark.slow
def test_the_tools_script_reproduces_the_shipped_sweep():
    import make_sweep_results

    assert make_sweep_results.check(0) == 0


def test_the_shipped_learning_rate_grids_show_the_drift_and_its_fix():
    standard = ex.precomputed_learning_rate_grid("standard")
    mup = ex.precomputed_learning_rate_grid("mup")
    assert np.array_equal(standard.loss[1], mup.loss[1])       # width 32 = BASE_WIDTH: the same
    sp, mu = standard.optimum_learning_rate, mup.optimum_learning_rate
    assert sp[-1] < sp[0] / 2                                   # measured: 0.016 → 0.0072
    assert mu.max() / mu.min() < 1.6                            # measured: 0.012 to 0.017


def test_the_shipped_batch_grid_shows_a_critical_batch_size_growing_as_loss_falls():
    grids = [ex.precomputed_batch_size_grid(t) for t in (2.4, 2.2, 2.0)]
    crit = [g.critical_batch_size for g in grids]
    assert crit[0] < crit[1] < crit[2]                          # measured: 816, 1400, 2250
    for g in grids:      # small batches: tokens to target about constant; large: many more
        assert g.tokens[-1] > 2 * g.tokens[:4].min()
