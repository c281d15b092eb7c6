"""Lesson 10 dashboard: the planner — a lifetime budget, the unique data, the inference demand and
a law in; the recommended model, its cost and interval, and what moves it, out; a button that
writes the one-page recommendation."""

from __future__ import annotations

import html
from pathlib import Path

from .. import _validate, studies
from ._core import Dashboard, View, dropdown, float_slider, make_view

__all__ = ["planner_view", "planner_dashboard", "PlannerDashboard", "REPORT_FOLDER"]

#: Where the planner's button writes ``plan.md`` (with ``plan.png`` and ``plan.html``): the
#: learner's ``my-work/`` folder, seen from ``notebooks/``, ``exercises/`` or ``my-work/`` itself.
REPORT_FOLDER = "../my-work"

_W = studies.WORKED_PLAN


def planner_view(log10_compute_flops=_W["log10_compute_flops"], unique_tokens=_W["unique_tokens"],
                 inference_tokens=_W["inference_tokens"], law=_W["law"]) -> View:
    """The view of :func:`scaling_utils.studies.planner_study`: the loss along the plan's
    lifetime-budget line with the recommendation and the interval of its size (left), and the
    tornado of what moves the model size (right).

    The plan is :func:`scaling_utils.allocation.plan`: the least loss on ``6·N·D + 2·N·T = C``
    (Hoffmann et al. 2022; Sardana et al. 2024), repeated data discounted as Muennighoff et al.
    (2023) do.

    Parameters
    ----------
    log10_compute_flops : float, default 23
        ``log₁₀ C`` of the lifetime budget.
    unique_tokens : float, default 3e11
        Unique tokens available (``math.inf``: no cap).
    inference_tokens : float, default 1e12
        Tokens served over the model's life.
    law : str, default "Besiroglu et al. 2024 (refit)"
        A key of :data:`scaling_utils.studies.PLANNER_LAWS`.

    Returns
    -------
    View
        ``view.result`` is a :class:`~scaling_utils.studies.PlannerStudy`.

    Raises
    ------
    CourseValueError
        As :func:`scaling_utils.studies.planner_study`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.planner_view()
    >>> f"{view.result.plan.n_params:.3g}", view.figure.axes[1].get_xscale()
    ('1.55e+10', 'log')
    >>> plt.close(view.figure)

    Introduced in lesson 10.
    """
    return make_view(studies.planner_study(log10_compute_flops, unique_tokens, inference_tokens,
                                           law))


def _token_options(values, zero_label):
    from .. import plotting

    out = []
    for value in values:
        if value == 0 or value == float("inf"):
            out.append((zero_label, value))
        else:
            out.append((plotting.tick_label(value) + " tokens", value))
    return out


class PlannerDashboard(Dashboard):
    """The planner's :class:`~scaling_utils.widgets.Dashboard` with a button under its controls
    that writes the current plan's one-page recommendation (:meth:`Plan.write`): ``plan.md``,
    ``plan.png`` and ``plan.html`` in ``report_folder``.

    The button is not a control: stepping the dashboard, tests and handouts never press it, and
    while a handout is being built :meth:`write_report` writes nothing. A report edited since it
    was written is never overwritten (the status line says why, and what to do).

    Attributes
    ----------
    report_folder : pathlib.Path
        Where the button writes.
    button : ipywidgets.Button
    status : ipywidgets.HTML
        What the last press did.

    Examples
    --------
    >>> import tempfile
    >>> from scaling_utils import widgets
    >>> with tempfile.TemporaryDirectory() as folder:     # removed afterwards
    ...     board = widgets.planner_dashboard(report_folder=folder)
    ...     written = [path.name for path in board.write_report()]
    >>> written
    ['plan.md', 'plan.png', 'plan.html']

    Introduced in lesson 10.
    """

    def __init__(self, study, controls, *, report_folder=REPORT_FOLDER, **kwargs):
        import ipywidgets as widgets

        super().__init__(study, controls, **kwargs)
        self.report_folder = Path(report_folder)
        self.button = widgets.Button(description="Write the recommendation", icon="file-text",
                                     tooltip=f"plan.md, plan.png and plan.html in "
                                             f"{report_folder}",
                                     layout=widgets.Layout(width="220px"))
        self.status = widgets.HTML(f"<small>Writes plan.md, plan.png and plan.html into "
                                   f"<code>{html.escape(str(report_folder))}</code> (your "
                                   f"my-work folder); an edited report is never "
                                   f"overwritten.</small>")
        self.button.on_click(lambda _button: self.write_report())
        children = list(self.widget.children)
        children.insert(len(children) - 2, widgets.HBox([self.button, self.status]))
        self.widget.children = tuple(children)

    def write_report(self, name="plan.md"):
        """Write the current plan's recommendation as ``name`` in :attr:`report_folder` (with
        its figure and an HTML page beside it); what the button does.

        Parameters
        ----------
        name : str, default "plan.md"
            The Markdown file's name.

        Returns
        -------
        tuple of pathlib.Path, or None
            The three files written; None when nothing was written (a handout build, no plan
            yet, or a refusal, whose reason is shown in :attr:`status`).

        Raises
        ------
        Nothing of its own: a refusal is shown in the status line.

        Examples
        --------
        >>> import tempfile
        >>> from scaling_utils import widgets
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     board = widgets.planner_dashboard(report_folder=folder)
        ...     name = board.write_report("served.md")[0].name
        >>> name
        'served.md'

        Introduced in lesson 10.
        """
        from . import handout

        if handout.is_active() or self.result is None:
            return None
        try:
            paths = self.result.plan.write(self.report_folder / name)
        except _validate.CourseValueError as error:
            hint = ""
            if not self.report_folder.is_dir():
                hint = (" Run `make lab` (or `make my-work`) once from the course folder to "
                        "create my-work/, or call planner_dashboard(report_folder=...).")
            self.status.value = (f'<small style="color:#D55E00">Not written: '
                                 f"{html.escape(str(error))}{html.escape(hint)}</small>")
            return None
        shown = ", ".join(path.name for path in paths)
        self.status.value = (f"<small>Written: {html.escape(shown)} in "
                             f"<code>{html.escape(str(self.report_folder))}</code>. Open "
                             f"plan.html in a browser, or plan.md in JupyterLab.</small>")
        return paths


def planner_dashboard(log10_compute_flops=_W["log10_compute_flops"],
                      unique_tokens=_W["unique_tokens"], inference_tokens=_W["inference_tokens"],
                      law=_W["law"], *, report_folder=REPORT_FOLDER):
    """The planner: a slider for the lifetime budget and drop-downs for the unique data, the
    inference demand and the law, over :func:`scaling_utils.studies.planner_study`; a button
    writes the plan's one-page recommendation.

    ``log₁₀ C`` from 15 to 26 in steps of 0.1; the unique data and demand from
    :data:`~scaling_utils.studies.UNIQUE_TOKEN_OPTIONS` and
    :data:`~scaling_utils.studies.INFERENCE_TOKEN_OPTIONS`; the laws of
    :data:`~scaling_utils.studies.PLANNER_LAWS`.

    Parameters
    ----------
    log10_compute_flops, unique_tokens, inference_tokens, law
        The starting setting (lesson 10's worked plan, :data:`~scaling_utils.studies.WORKED_PLAN`);
        the token counts must be among the drop-downs' options.
    report_folder : str or pathlib.Path, default "../my-work"
        Where the button writes (:data:`REPORT_FOLDER`: the learner's my-work folder).

    Returns
    -------
    PlannerDashboard

    Raises
    ------
    traitlets.TraitError
        When a starting token count is not one of the drop-down's options.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.planner_dashboard()
    >>> board.step()
    >>> f"{board.result.plan.compute_flops:.3g}"
    '1.26e+23'

    Introduced in lesson 10.
    """
    controls = {
        "log10_compute_flops": float_slider("log₁₀ lifetime budget C (FLOPs)",
                                            log10_compute_flops, 15.0, 26.0, 0.1),
        "unique_tokens": dropdown("unique data U",
                                  _token_options(studies.UNIQUE_TOKEN_OPTIONS, "no cap"),
                                  unique_tokens),
        "inference_tokens": dropdown("tokens served T",
                                     _token_options(studies.INFERENCE_TOKEN_OPTIONS, "none"),
                                     inference_tokens),
        "law": dropdown("law", list(studies.PLANNER_LAWS), law),
    }
    return PlannerDashboard(studies.planner_study, controls, report_folder=report_folder)
