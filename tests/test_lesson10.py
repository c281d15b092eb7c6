"""Lesson 10's planner dashboard and checkers: the study is the planner's plan, the dashboard
answers within its time, its button writes the report only where it is told (never in a handout),
and the checkers' references are what the lesson says they are."""

import math
import time

import numpy as np
import pytest

from scaling_utils import CourseValueError, allocation, references, studies, widgets
from scaling_utils.checks import lesson10


def test_planner_study_is_the_plan_with_its_cost():
    study = studies.planner_study()
    w = studies.WORKED_PLAN
    p = allocation.plan(1e23, unique_tokens=w["unique_tokens"],
                        inference_tokens=w["inference_tokens"])
    assert study.plan.n_params == pytest.approx(p.n_params, rel=1e-12)
    assert study.plan.total_flops == pytest.approx(1e23, rel=1e-12)
    assert study.gpu_hours * 3600 * w["peak_flops_per_second"] * w["utilization"] == \
        pytest.approx(1e23)
    assert study.dollars == pytest.approx(study.gpu_hours * w["dollars_per_gpu_hour"])
    assert study.extrapolation_decades == 0.0 and study.largest_run_flops is None
    assert "2.46 epochs" in str(study) and "$312,000" in str(study)


def test_no_cap_and_no_use_is_chinchilla_and_bad_settings_are_refused():
    study = studies.planner_study(23.0, math.inf, 0.0)
    n, d = allocation.chinchilla_optimal(references.BESIROGLU_2024, 1e23)
    assert study.plan.n_params == pytest.approx(n, rel=1e-9) and study.plan.unique_tokens is None
    assert studies.planner_study(23.0, None, 0.0) is study          # cached
    for bad, match in (({"log10_compute_flops": 1e23}, "exponent"),
                       ({"unique_tokens": -1.0}, "positive"),
                       ({"inference_tokens": -1.0}, "inference_tokens"),
                       ({"law": "Kaplan"}, "law must be one of"),
                       ({"log10_compute_flops": 12.0}, "smallest sensible budget")):
        with pytest.raises(CourseValueError, match=match):
            studies.planner_study(**bad)


def test_own_law_is_fitted_on_lesson_09s_runs_and_says_how_far_it_extrapolates():
    study = studies.planner_study(17.0, math.inf, 0.0, studies.OWN_LAW)
    assert "36 runs" in study.plan.interval_source
    assert study.extrapolation_decades == pytest.approx(17 - np.log10(study.largest_run_flops))
    assert "extrapolates 5.9 decades" in str(study)


def test_dashboard_steps_every_control_within_its_time_budget():
    board = widgets.planner_dashboard()
    for name in board.controls:
        board.step(name)
    board.step("law", -1)                       # back to a published law: resamples cached
    for _ in range(6):
        board.step()
    compute = [c for c, _ in board.timings[-6:]]
    assert np.median(compute) < 0.03
    assert board.button not in board.controls.values()
    assert board.widget.children[-1] is board.image


def test_button_writes_the_report_where_told_and_never_in_a_handout(tmp_path, monkeypatch):
    board = widgets.planner_dashboard(report_folder=tmp_path)
    board.button.click()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html", "plan.md", "plan.png"]
    assert "Written" in board.status.value
    (tmp_path / "plan.md").write_text("my notes\n")
    assert board.write_report() is None and "Not written" in board.status.value
    assert (tmp_path / "plan.md").read_text() == "my notes\n"
    missing = widgets.planner_dashboard(report_folder=tmp_path / "nowhere")
    assert missing.write_report() is None and "make lab" in missing.status.value
    from scaling_utils.widgets import handout
    monkeypatch.setattr(handout, "_ACTIVE", True)
    other = tmp_path / "other"
    other.mkdir()
    assert widgets.planner_dashboard(report_folder=other).write_report() is None
    assert list(other.iterdir()) == []


def test_checker_references():
    p = allocation.plan(1e22, unique_tokens=3e10)
    assert lesson10.epochs_when_data_run_out(p.epochs).correct and p.epochs > 5
    served = allocation.plan(1e24, inference_tokens=1e13)
    ratio = served.n_params / allocation.chinchilla_optimal(references.BESIROGLU_2024, 1e24)[0]
    assert lesson10.served_model_size(ratio).correct and 0.1 < ratio < 0.5
    assert lesson10.most_influential_assumption("F").correct         # β ± sd: the widest bar
    target = allocation.plan(target_loss=2.0, unique_tokens=3e11, inference_tokens=1e12)
    assert target.compute_flops > lesson10.TARGET_TASK["budget_flops"]
    assert lesson10.smallest_budget(target.compute_flops).correct
    (low, high), base, doubled = lesson10._doubling()
    assert 0 < low < base.loss - doubled.loss < high
    assert lesson10.doubling_interval((low, high)).correct
    assert lesson10.doubling_interval([high, low]).message.startswith("The ends are swapped")
    assert lesson10.wasted_compute("b").correct


def test_a_bigger_model_on_the_same_tokens_loses_to_the_plan_at_the_same_compute():
    """Exercise 4's claim, in numbers: doubling N at the plan's D costs as much as doubling the
    budget, and buys less."""
    law = references.BESIROGLU_2024
    n, d = allocation.chinchilla_optimal(law, 1e23)
    bigger = law(2 * n, d)
    assert allocation.plan(2e23, n_resamples=20).loss < bigger < law(n, d)
