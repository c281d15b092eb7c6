"""Lesson 10's planner (allocation.plan): it agrees with the optima of lessons 04, 07 and 08 where
they apply, keeps the lifetime budget, its intervals behave, and its report is safe to write."""

import re
import time

import numpy as np
import pytest

from scaling_utils import CourseValueError, allocation, compute, laws, references, simulate

LAW = references.BESIROGLU_2024
K = 60   # resamples: enough for the properties tested, and fast


@pytest.mark.parametrize("law", [references.BESIROGLU_2024, references.HOFFMANN_2022])
@pytest.mark.parametrize("budget", [1e19, 1e23, 1e26])
def test_no_cap_no_inference_is_chinchilla_optimal(law, budget):
    p = allocation.plan(budget, law=law, n_resamples=K)
    n, d = allocation.chinchilla_optimal(law, budget)
    assert p.n_params == pytest.approx(n, rel=1e-9)
    assert p.n_tokens == pytest.approx(d, rel=1e-9)
    assert p.loss == pytest.approx(law(n, d), rel=1e-12)
    assert p.epochs == 1.0 and p.inference_flops == 0.0


def test_inference_demand_shrinks_the_model_and_spends_the_budget_exactly():
    sizes = []
    for demand in (0.0, 1e11, 1e12, 1e13):
        p = allocation.plan(1e23, inference_tokens=demand, n_resamples=K)
        assert p.total_flops == pytest.approx(1e23, rel=1e-12)
        assert p.training_flops + p.inference_flops == pytest.approx(p.total_flops, rel=1e-15)
        sizes.append(p.n_params)
    assert np.all(np.diff(sizes) < 0)


def test_compute_mode_reports_lesson_08s_fixed_loss_choice():
    p = allocation.plan(1e23, inference_tokens=2e12, n_resamples=K)
    train_only = LAW(*allocation.chinchilla_optimal(LAW, 1e23))
    assert p.fixed_loss.target_loss == pytest.approx(train_only)
    # keeping the training-only quality while serving costs more than the budget
    assert p.fixed_loss.total_flops > 1e23
    assert p.loss > train_only


def test_inference_optimum_is_the_lowest_loss_on_the_budget_line():
    p = allocation.plan(1e23, inference_tokens=3e12, n_resamples=K)
    n = p.n_params * np.array([0.97, 1.0, 1.03])
    d = 1e23 / (6 * n) - 3e12 / 3
    values = LAW(n, d)
    assert values[1] < values[0] and values[1] < values[2]


@pytest.mark.parametrize("budget, unique", [(1e22, 25e9), (1e23, 2e11), (1e21, 1e12)])
def test_a_data_cap_agrees_with_lesson_07(budget, unique):
    p = allocation.plan(budget, unique_tokens=unique, n_resamples=K)
    ref = allocation.data_constrained_optimal(laws.DataConstrainedLaw.from_law(LAW), budget,
                                              unique)
    assert p.n_params == pytest.approx(ref.n_params, rel=1e-5)
    assert p.n_tokens == pytest.approx(ref.n_tokens, rel=1e-5)
    assert p.epochs == pytest.approx(ref.epochs, rel=1e-5)
    assert p.loss == pytest.approx(ref.loss, rel=1e-9)


def test_less_unique_data_means_more_epochs_and_a_smaller_model():
    plans = [allocation.plan(1e23, unique_tokens=u, n_resamples=K) for u in (4e11, 2e11, 5e10)]
    assert np.all(np.diff([p.epochs for p in plans]) > 0)
    assert np.all(np.diff([p.n_params for p in plans]) < 0)
    free = allocation.plan(1e23, n_resamples=K)
    assert plans[-1].loss > free.loss


def test_cap_and_inference_together_keep_the_budget():
    p = allocation.plan(1e23, unique_tokens=1e11, inference_tokens=2e12, n_resamples=K)
    assert p.total_flops == pytest.approx(1e23, rel=1e-12)
    capped_only = allocation.plan(1e23, unique_tokens=1e11, n_resamples=K)
    assert p.n_params < capped_only.n_params
    assert p.loss == pytest.approx(p.data_law(p.n_params, p.n_tokens, 1e11), rel=1e-12)


@pytest.mark.parametrize("target, demand", [(2.1, 0.0), (2.1, 2e12), (1.95, 1e13)])
def test_target_mode_agrees_with_lesson_08(target, demand):
    p = allocation.plan(target_loss=target, inference_tokens=demand, n_resamples=K)
    ref = allocation.inference_aware_optimal(LAW, target, demand)
    assert p.n_params == pytest.approx(ref.n_params, rel=1e-9)
    assert p.n_tokens == pytest.approx(ref.n_tokens, rel=1e-9)
    assert p.total_flops == pytest.approx(ref.total_flops, rel=1e-9)
    assert p.compute_flops == pytest.approx(ref.total_flops, rel=1e-9)


def test_target_mode_with_a_cap_inverts_compute_mode():
    p = allocation.plan(target_loss=2.1, unique_tokens=2e11, inference_tokens=1e12,
                        n_resamples=K)
    back = allocation.plan(p.compute_flops, unique_tokens=2e11, inference_tokens=1e12,
                           n_resamples=K)
    assert back.loss == pytest.approx(2.1, rel=1e-7)
    assert back.n_params == pytest.approx(p.n_params, rel=1e-4)
    free = allocation.plan(target_loss=2.1, inference_tokens=1e12, n_resamples=K)
    assert p.compute_flops >= free.compute_flops


def test_intervals_contain_the_point_and_shrink_with_more_runs():
    truth = LAW
    widths = []
    for models in (4, 12):
        study = simulate.isoflop_sweep(truth, np.geomspace(1e18, 1e21, 5), models, noise=0.01,
                                       seed=3)
        p = allocation.plan(1e23, fit=(study.n_params, study.n_tokens, study.loss),
                            n_resamples=200)
        assert "your" in p.interval_source and f"{5 * models} runs" in p.interval_source
        for name, value in (("loss", p.loss), ("n_params", p.n_params),
                            ("n_tokens", p.n_tokens)):
            low, high = p.interval(name)
            assert low <= value <= high, name
        low, high = p.interval("n_params")
        widths.append(np.log(high / low))
    assert widths[1] < 0.7 * widths[0]


def test_a_published_law_gets_a_labelled_synthetic_interval():
    p = allocation.plan(1e23, law=references.HOFFMANN_2022, n_resamples=100)
    assert "simulated from Hoffmann" in p.interval_source and "not public" in p.interval_source
    for name, value in (("loss", p.loss), ("n_params", p.n_params), ("n_tokens", p.n_tokens)):
        low, high = p.interval(name)
        assert low < value < high, name
    assert p.interval("n_params", 0.5)[1] - p.interval("n_params", 0.5)[0] < \
        p.interval("n_params", 0.95)[1] - p.interval("n_params", 0.95)[0]


def test_same_seed_same_numbers_and_another_seed_other_intervals():
    a = allocation.plan(1e22, unique_tokens=5e10, n_resamples=K, seed=1)
    b = allocation.plan(1e22, unique_tokens=5e10, n_resamples=K, seed=1)
    c = allocation.plan(1e22, unique_tokens=5e10, n_resamples=K, seed=2)
    assert a.interval("loss") == b.interval("loss") and a.n_params == b.n_params
    assert a.interval("loss") != c.interval("loss") and a.n_params == c.n_params


def test_a_fit_or_a_bootstrap_is_accepted():
    from scaling_utils import fitting

    study = simulate.isoflop_sweep(LAW, np.geomspace(1e18, 1e21, 4), 6, noise=0.01, seed=0)
    fit = fitting.fit_chinchilla(study.n_params, study.n_tokens, study.loss)
    boot = fitting.bootstrap_chinchilla(study.n_params, study.n_tokens, study.loss,
                                        n_resamples=50, fit=fit)
    from_runs = allocation.plan(1e22, fit=study, n_resamples=50)
    from_boot = allocation.plan(1e22, fit=boot)
    from_fit = allocation.plan(1e22, fit=fit, n_resamples=K)
    assert from_runs.law == from_boot.law == from_fit.law == fit.law
    assert from_boot.law_name == "your fit of 24 runs"
    assert "keeps no runs" in from_fit.interval_source
    assert from_runs.own_law == fit.law and "law" in from_runs.sensitivity().assumptions


def test_a_cached_update_is_fast():
    allocation.plan(1e23, n_resamples=400)                     # fills the cache
    for kwargs in (dict(compute_flops=2e23, unique_tokens=1e11, inference_tokens=1e12),
                   dict(compute_flops=3e23, inference_tokens=1e12)):
        start = time.perf_counter()
        p = allocation.plan(n_resamples=400, **kwargs)
        p.sensitivity()
        elapsed = time.perf_counter() - start
        assert elapsed < 0.1, f"{elapsed * 1e3:.0f} ms"       # 30 ms here; room for a busy CI


def test_sensitivity_rows_and_tornado():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    p = allocation.plan(1e23, unique_tokens=2e11, inference_tokens=1e12, n_resamples=K)
    s = p.sensitivity()
    assert s.assumptions == ("compute budget", "unique data", "inference demand", "law",
                             "alpha ± sd", "beta ± sd")
    i = s.assumptions.index("compute budget")
    assert s.n_params[i, 0] < p.n_params < s.n_params[i, 1]
    assert s.loss[i, 0] > p.loss > s.loss[i, 1]
    j = s.assumptions.index("inference demand")
    assert s.n_params[j, 0] > p.n_params > s.n_params[j, 1]
    k = s.assumptions.index("unique data")
    assert s.n_params[k, 0] < p.n_params < s.n_params[k, 1]
    assert np.all(s.swing() > 0)
    for quantity in ("n_params", "loss"):
        ax = p.plot_tornado(quantity=quantity)
        assert len(ax.patches) == len(s.assumptions)
        plt.close(ax.figure)
    with pytest.raises(CourseValueError, match="quantity"):
        s.swing("epochs")


def test_write_never_overwrites_an_edited_file(tmp_path):
    p = allocation.plan(1e23, inference_tokens=1e12, n_resamples=K)
    md, png, page = p.write(tmp_path / "plan.md")
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert "plan.png" in md.read_text()
    p.write(tmp_path / "plan.md")                     # untouched since: replaced quietly
    for edited in (md, page):
        original = edited.read_text()
        edited.write_text(original.replace("Decision", "Our decision"))
        with pytest.raises(CourseValueError, match=f"{edited.name} was changed.*overwrite=True"):
            p.write(tmp_path / "plan.md")
        assert "Our decision" in edited.read_text()
        edited.write_text(original)
    png.write_bytes(png.read_bytes() + b"\0")
    with pytest.raises(CourseValueError, match="plan.png"):
        p.write(tmp_path / "plan.md")
    p.write(tmp_path / "plan.md", overwrite=True)
    (tmp_path / "notes.md").write_text("mine")
    with pytest.raises(CourseValueError, match="notes.md"):
        p.write(tmp_path / "notes.md")
    assert (tmp_path / "notes.md").read_text() == "mine"


def test_the_html_is_self_contained(tmp_path):
    p = allocation.plan(1e23, unique_tokens=2e11, n_resamples=K)
    _, _, page = p.write(tmp_path / "report.md")
    text = page.read_text()
    assert 'src="data:image/png;base64,' in text
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", text, re.I)
    assert "http" not in text.lower()
    assert "<link" not in text and "<script" not in text
    for words in ("Decision", "Assumptions", "Uncertainty", "What would change the decision",
                  "Sources", "Muennighoff"):
        assert words in text


def test_markdown_has_the_decision_numbers_and_sources():
    p = allocation.plan(target_loss=2.05, inference_tokens=1e12, n_resamples=K)
    text = p.to_markdown()
    assert text.startswith("# Training plan:")
    assert "| expected loss |" in text and "95% interval" in text
    assert "arXiv:2203.15556" in text and "arXiv:2404.10102" in text


def test_gpu_hours_round_trip_and_cost():
    peak = references.A100_BF16_PEAK.value
    flops = compute.gpu_hours_to_flops(1e5, peak, 0.4)
    assert compute.gpu_hours(flops, peak, 0.4) == pytest.approx(1e5)
    assert compute.gpu_hours_cost(1e5, 2.0) == pytest.approx(2e5)
    assert compute.gpu_hours_to_flops([1.0, 2.0], peak, 0.5).tolist() == [
        3600 * peak * 0.5, 7200 * peak * 0.5]


@pytest.mark.parametrize("call, words", [
    (lambda: allocation.plan(-1e23), "compute_flops must be greater than 0"),
    (lambda: allocation.plan(), "exactly one of compute_flops .* neither"),
    (lambda: allocation.plan(1e23, target_loss=2.0), "exactly one .* both"),
    (lambda: allocation.plan(target_loss=1.8), "at or below the law's irreducible loss"),
    (lambda: allocation.plan(target_loss=1.9, unique_tokens=1e9), "no budget reaches loss"),
    (lambda: allocation.plan(1e8), "smallest sensible budget, .* FLOPs"),
    (lambda: allocation.plan(1e12, inference_tokens=1e12), "or less inference demand"),
    (lambda: allocation.plan(1e23, law=references.MUENNIGHOFF_2023), "law.base"),
    (lambda: allocation.plan(1e23, law="Chinchilla"), "law must be a fitted"),
    (lambda: allocation.plan(1e23, law=LAW, fit=([1], [1], [1])), "not both"),
    (lambda: allocation.plan(1e23, fit="my runs"), "fit must be your runs"),
    (lambda: allocation.plan(1e23, fit=([1e8, 2e8], [1e9, 2e9], [3.0, 2.9])), "runs"),
    (lambda: allocation.plan(target_loss=1000.0), "smallest sensible model"),
])
def test_bad_input_says_what_to_change(call, words):
    with pytest.raises(CourseValueError, match=words):
        call()


def test_the_smallest_budget_in_the_message_is_accepted():
    with pytest.raises(CourseValueError) as info:
        allocation.plan(1e8)
    smallest = float(re.search(r"at least ([0-9.e+]+) FLOPs", str(info.value)).group(1))
    p = allocation.plan(smallest * 1.01, n_resamples=K)
    assert p.n_params == pytest.approx(1e3, rel=0.02)


def test_write_refuses_bad_paths(tmp_path):
    p = allocation.plan(1e23, n_resamples=K)
    with pytest.raises(CourseValueError, match=r"end in \.md"):
        p.write(tmp_path / "plan.txt")
    with pytest.raises(CourseValueError, match="does not exist"):
        p.write(tmp_path / "missing" / "plan.md")
