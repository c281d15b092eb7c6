"""Lesson 08: lifetime compute (Sardana et al. 2024), their 47 training runs, Llama 3 8B."""

import hashlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from scaling_utils import CourseValueError, allocation, compute, data, fitting, references as ref

ROOT = Path(__file__).resolve().parent.parent
RUNS_FILE = ROOT / "scaling_utils" / "data" / "sardana_runs.csv"
LAW = ref.SARDANA_2024
README = ref.SARDANA_2024_README


# --- the law and the README's worked examples ------------------------------------------------

def test_the_law_is_the_one_their_code_uses():
    assert (LAW.E, LAW.A, LAW.B, LAW.alpha, LAW.beta) == (1.69, 406.4, 410.7, 0.336, 0.283)
    # model_calculator.py --model 70e9 --data 1e12 prints 1.9472727897172717 ("1.947")
    assert LAW(README.example_params, README.example_tokens) == pytest.approx(
        1.9472727897172717, rel=1e-12)
    assert f"{LAW(README.example_params, README.example_tokens):.3f}" == "1.947"


def test_the_flops_example_of_their_readme_to_the_printed_digits():
    best = allocation.inference_aware_optimal(LAW, README.example_loss,
                                              README.compute_inference_tokens)
    assert f"{best.n_params:.3e}" == "2.418e+10"
    assert f"{best.n_tokens:.3e}" == "2.657e+12"
    assert round(100 * best.params_vs_chinchilla, 2) == pytest.approx(70.96)
    assert round(100 * best.tokens_vs_chinchilla, 2) == pytest.approx(146.77)
    assert round(100 * best.flops_vs_chinchilla, 2) == pytest.approx(95.22)
    # and the lines their script prints around them
    assert f"{best.chinchilla_params:.3e}" == "3.408e+10"
    assert f"{best.chinchilla_tokens:.3e}" == "1.810e+12"
    assert f"{best.training_flops:.3e}" == "3.855e+23"
    assert f"{best.total_flops:.3e}" == "4.823e+23"
    assert f"{best.chinchilla_total_flops:.3e}" == "5.065e+23"
    assert str(best).startswith("loss 1.947 serving 2e+12 tokens: N = 2.418e+10")


def _readme_prices():
    train = README.cost_train_price * compute.gpu_hours(1.0, README.cost_train_peak,
                                                        README.cost_train_mfu)
    prefill = README.cost_inference_price * compute.gpu_hours(1.0, README.cost_inference_peak,
                                                              README.cost_prefill_mfu)
    decode = README.cost_inference_price * compute.gpu_hours(1.0, README.cost_inference_peak,
                                                             README.cost_decode_mfu)
    return dict(training_dollars_per_flop=train, prefill_dollars_per_flop=prefill,
                decode_dollars_per_flop=decode)


def test_the_cost_example_of_their_readme_to_the_printed_digits():
    best = allocation.inference_aware_cost_optimal(
        LAW, README.example_loss, README.cost_requests * README.cost_input_tokens,
        README.cost_requests * README.cost_output_tokens, **_readme_prices())
    assert f"{best.n_params:.3e}" == "2.053e+10"
    assert f"{best.n_tokens:.3e}" == "3.302e+12"
    assert round(100 * best.params_vs_chinchilla, 2) == pytest.approx(60.23)
    assert round(100 * best.tokens_vs_chinchilla, 2) == pytest.approx(182.41)
    assert round(100 * best.cost_vs_chinchilla, 2) == pytest.approx(88.76)
    # the full-precision dollars their script prints (its Newton solve stops at rtol 1e-8)
    assert best.chinchilla_cost == pytest.approx(1605531.938321997, rel=1e-9)
    assert best.total_cost == pytest.approx(1425059.702645895, rel=1e-7)
    assert f"{best.training_cost:.3e}" == "1.014e+06"
    assert f"{best.total_flops:.3e}" == "9.199e+23"
    assert best.training_cost + best.inference_cost == pytest.approx(best.total_cost)
    assert "88.76% of the cost" in str(best)


# --- the optimum: against brute force, and its limits ----------------------------------------

@pytest.mark.parametrize("target, tokens", [(1.947, 2e12), (2.1, 1e11), (1.85, 1e14), (2.5, 0.0)])
def test_the_optimum_beats_every_point_of_the_equal_loss_curve(target, tokens):
    best = allocation.inference_aware_optimal(LAW, target, tokens)
    assert LAW(best.n_params, best.n_tokens) == pytest.approx(target, rel=1e-12)
    smallest = allocation.smallest_params_for_loss(LAW, target)
    n = np.geomspace(smallest * (1 + 1e-9), smallest * 1e3, 200_001)
    d = allocation.equal_loss_tokens(LAW, n, target)
    flops = 6 * n * d + 2 * n * tokens
    i = int(np.argmin(flops))
    assert 0 < i < n.size - 1                                   # an interior minimum
    assert best.total_flops <= flops.min() * (1 + 1e-12)
    assert best.n_params == pytest.approx(n[i], rel=2 * (n[1] / n[0] - 1))


def test_without_inference_it_is_the_compute_optimal_model_of_that_loss():
    for target in (1.8, 1.947, 2.3, 3.0):
        best = allocation.inference_aware_optimal(LAW, target, 0)
        n, d = allocation.chinchilla_optimal(LAW, best.training_flops)
        assert best.n_params == pytest.approx(n, rel=1e-9)
        assert best.n_tokens == pytest.approx(d, rel=1e-9)
        assert best.inference_flops == 0.0 and best.flops_vs_chinchilla == pytest.approx(1.0)
        assert (best.chinchilla_params, best.chinchilla_tokens) == (best.n_params, best.n_tokens)


def test_the_optimality_condition_holds_to_1e_9():
    for tokens in (1e9, 1e12, 1e15, 1e18):
        best = allocation.inference_aware_optimal(LAW, 1.947, tokens)
        n, d = best.n_params, best.n_tokens
        lhs = LAW.alpha * LAW.A * n**-LAW.alpha
        rhs = LAW.beta * LAW.B * d**-LAW.beta * (1 + tokens / (3 * d))
        assert lhs == pytest.approx(rhs, rel=1e-9)


def test_more_inference_means_smaller_models_on_more_tokens_and_the_huge_demand_limit():
    demand = np.geomspace(1e9, 1e22, 14)
    runs = [allocation.inference_aware_optimal(LAW, 1.947, t) for t in demand]
    n = np.array([r.n_params for r in runs])
    d = np.array([r.n_tokens for r in runs])
    assert np.all(np.diff(n) < 0) and np.all(np.diff(d) > 0)
    assert all(r.flops_vs_chinchilla <= 1 for r in runs)
    assert all(r.training_flops >= runs[0].training_flops * 0.999 for r in runs)   # pays to train
    smallest = allocation.smallest_params_for_loss(LAW, 1.947)
    gap = n / smallest - 1             # shrinks towards the smallest size that reaches the loss
    assert np.all(gap > 0) and np.all(np.diff(gap) < 0) and gap[-1] < 0.02
    # D ≈ (βBT/(3α(ℓ − E)))^(1/(1+β)) as T → ∞
    room = 1.947 - LAW.E
    asymptote = (LAW.beta * LAW.B * demand[-1] / (3 * LAW.alpha * room)) ** (1 / (1 + LAW.beta))
    assert d[-1] == pytest.approx(asymptote, rel=1e-2)


def test_targets_at_or_below_e_are_refused_with_the_reason():
    for target in (LAW.E, 1.5):
        with pytest.raises(CourseValueError, match=r"at or below the law's irreducible loss E = "
                                                   r"1.69: .* no finite model and data reach it"):
            allocation.inference_aware_optimal(LAW, target, 1e12)
    for call in (lambda: allocation.equal_loss_tokens(LAW, 1e9, 1.6),
                 lambda: allocation.smallest_params_for_loss(LAW, 1.69),
                 lambda: allocation.inference_aware_cost_optimal(
                     LAW, 1.0, 1, 1, training_dollars_per_flop=1, prefill_dollars_per_flop=1,
                     decode_dollars_per_flop=1)):
        with pytest.raises(CourseValueError, match="irreducible loss"):
            call()


def test_bad_inference_demand_and_bad_sizes():
    with pytest.raises(CourseValueError, match="inference_tokens must be 0 or more; got -1"):
        allocation.inference_aware_optimal(LAW, 1.947, -1.0)
    with pytest.raises(CourseValueError, match=r"n_params 1e\+09 is too small to reach loss 1.947"
                                               r".*above 3.318e\+09 parameters"):
        allocation.equal_loss_tokens(LAW, [1e9, 1e11], 1.947)
    with pytest.raises(CourseValueError, match="ChinchillaLaw"):
        allocation.inference_aware_optimal(ref.kaplan_joint_law(), 2.0, 1e12)


def test_equal_loss_curve_is_the_laws_inverse():
    n = np.geomspace(4e9, 1e12, 9)
    d = allocation.equal_loss_tokens(LAW, n, 1.947)
    np.testing.assert_allclose(LAW(n, d), 1.947, rtol=1e-12)
    assert np.all(np.diff(d) < 0)
    assert isinstance(allocation.equal_loss_tokens(LAW, 7e10, 1.947), float)


def test_the_cost_version_with_one_price_is_the_flops_version():
    flops = allocation.inference_aware_optimal(LAW, 2.0, 3e12)
    cost = allocation.inference_aware_cost_optimal(LAW, 2.0, 1e12, 2e12,
                                                   training_dollars_per_flop=2e-18,
                                                   prefill_dollars_per_flop=2e-18,
                                                   decode_dollars_per_flop=2e-18)
    assert cost.n_params == pytest.approx(flops.n_params, rel=1e-12)
    assert cost.total_cost == pytest.approx(2e-18 * flops.total_flops, rel=1e-12)
    assert cost.cost_vs_chinchilla == pytest.approx(flops.flops_vs_chinchilla, rel=1e-12)


def test_the_solve_is_fast():
    import time
    start = time.perf_counter()
    for t in np.geomspace(1e9, 1e18, 50):
        allocation.inference_aware_optimal(LAW, 1.947, t)
    assert (time.perf_counter() - start) / 50 < 0.01


# --- Llama 3 8B: over-training in practice ---------------------------------------------------

def test_llama3_8b_trained_about_1900_tokens_per_parameter():
    llama = ref.LLAMA3_8B
    ratio = llama.n_tokens / llama.n_params
    assert ratio == 1875 and round(ratio, -2) == 1900
    # Under Sardana et al.'s law the training-optimal model of the same loss is some 30B
    # parameters at about 50 tokens each; 8B on 15T is the lifetime optimum for the demand T
    # that solves the optimality condition αA/N^α = βB/D^β · (1 + T/(3D)) at (8B, 15T).
    n, d = llama.n_params, llama.n_tokens
    loss = LAW(n, d)
    chinchilla = allocation.inference_aware_optimal(LAW, loss, 0)
    assert chinchilla.tokens_per_param < 60 and chinchilla.n_params > 3 * n
    demand = 3 * d * (LAW.alpha * LAW.A * n**-LAW.alpha / (LAW.beta * LAW.B * d**-LAW.beta) - 1)
    best = allocation.inference_aware_optimal(LAW, loss, demand)
    assert best.n_params == pytest.approx(n, rel=1e-9) and best.n_tokens == pytest.approx(d)
    assert 5e13 < demand < 1.5e14       # about six times its training tokens, served


# --- the 47 runs ------------------------------------------------------------------------------

def test_the_47_runs():
    runs = data.load_sardana_runs()
    assert len(runs) == ref.SARDANA_2024_README.training_runs == 47
    assert sorted(set(runs.names)) == ["1.3B", "150M", "2.5B", "370M", "6B", "750M"]
    np.testing.assert_allclose(runs.n_tokens, runs.n_params * runs.tokens_per_param)
    assert runs.tokens_per_param.min() == 10 and runs.tokens_per_param.max() == 10_000
    assert len({(n, r) for n, r in zip(runs.n_params, runs.tokens_per_param)}) == 47
    assert all(v.shape == (47,) for v in runs.evals.values()) and len(runs.evals) == 7
    for size in set(runs.names):       # at each size, more tokens never raised the loss much
        mine = np.array(runs.names) == size
        order = np.argsort(runs.tokens_per_param[mine])
        assert np.all(np.diff(runs.loss[mine][order]) < 0.01)


def test_readme_and_notice_describe_this_very_file():
    raw = RUNS_FILE.read_bytes()
    readme = (RUNS_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(raw).hexdigest() in readme and f"{len(raw):,} bytes" in readme
    commit = "190f70e365dc75037a2b3178609d00243f24b4b9"
    assert commit in readme and "Apache License 2.0" in readme
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "scaling_utils/data/sardana_runs.csv" in notice and commit in notice
    assert commit[:8] in data.SARDANA_SOURCE


def test_the_extraction_script_checks_and_copies(tmp_path):
    spec = importlib.util.spec_from_file_location("extract_sardana",
                                                  ROOT / "tools" / "extract_sardana.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    source = tmp_path / "trainingresults.csv"
    source.write_bytes(RUNS_FILE.read_bytes())
    assert tool.extract(source) == RUNS_FILE.read_bytes()
    assert tool.main([str(source), "--check"]) == 0
    lines = RUNS_FILE.read_text(encoding="utf-8").split("\n")
    source.write_text("\n".join(lines + [lines[1]]), encoding="utf-8")    # a repeated run
    with pytest.raises(SystemExit, match="48 runs|two runs"):
        tool.extract(source)


def test_a_law_fitted_at_typical_ratios_under_predicts_the_loss_of_over_trained_runs():
    """Sardana et al.'s warning (abstract): fitted only at typical ratios, the law
    "overestimates the impact of additional tokens at these extreme ranges". A fit on the runs
    of 10 to 100 tokens per parameter (one ratio alone cannot separate the two terms) predicts a
    lower loss than was measured for every run of 1,000 tokens per parameter or more, by far more
    than it misses the runs it was fitted on."""
    runs = data.load_sardana_runs()
    typical = runs.tokens_per_param <= 100
    extreme = runs.tokens_per_param >= 1000
    assert typical.sum() == 34 and extreme.sum() == 4
    fit = fitting.fit_chinchilla(runs.n_params[typical], runs.n_tokens[typical],
                                 runs.loss[typical])
    in_sample = np.log(runs.loss[typical] / fit.law(runs.n_params[typical],
                                                    runs.n_tokens[typical]))
    far = np.log(runs.loss[extreme] / fit.law(runs.n_params[extreme], runs.n_tokens[extreme]))
    assert np.all(far > 0)                                      # every one under-predicted
    assert far.min() > 1.2 * np.abs(in_sample).max()
    # With the extreme runs in the fit, the miss shrinks: the data, not the form, told it.
    everything = fitting.fit_chinchilla(runs.n_params, runs.n_tokens, runs.loss)
    far_all = np.log(runs.loss[extreme] / everything.law(runs.n_params[extreme],
                                                         runs.n_tokens[extreme]))
    assert np.all(far_all < far)
