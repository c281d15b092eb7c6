"""What every dashboard shares: the :class:`View` of one setting, the :class:`Dashboard` that
wires controls to a study, and the controls themselves.

A dashboard keeps one figure for its whole life. On each change of a control it computes the
study (a pure function of :mod:`scaling_utils.studies`), clears the data from its axes, lets the
study draw again on the same axes, and sends a PNG of the figure to an image widget: no new
figure, no tight-bbox second pass and no flicker of a cleared output area. That is what keeps an
update within 100 ms on a 2-core laptop (``make bench`` measures it).
"""

from __future__ import annotations

import html
import io
import threading
import time
from dataclasses import dataclass

import numpy as np

from .. import _validate, plotting

__all__ = ["View", "make_view", "Dashboard", "dashboard", "int_slider", "float_slider",
           "log_slider", "dropdown", "readout_html", "render_png", "DPI"]

#: Resolution of a dashboard's picture (the house style's figure dpi).
DPI = 90


@dataclass
class View:
    """What a dashboard shows for one setting of its controls: the study and its figure.

    ``result`` is the study (numbers as attributes), ``summary`` its readout text, ``figure``
    a matplotlib figure.
    """

    result: object
    figure: object  # a matplotlib Figure

    @property
    def summary(self) -> str:
        return str(self.result)

    def __repr__(self) -> str:  # the figure's repr holds a memory address; keep text stable
        return f"View(summary={self.summary!r})"


def make_view(result) -> View:
    """Draw ``result`` (a study) on a new figure and return both as a :class:`View`."""
    fig, axes = result.new_figure()
    result.plot(axes)
    fig.tight_layout()
    return View(result, fig)


def readout_html(text: str, *, alert: bool = False) -> str:
    """A readout as HTML: monospace, wrapped only at spaces (never inside a number or a word)."""
    color = plotting.PALETTE["vermillion"] if alert else "inherit"
    return (
        '<pre style="margin:4px 0;white-space:pre-wrap;word-break:keep-all;'
        f'overflow-wrap:normal;font-size:12.5px;line-height:1.35;color:{color}">'
        f"{html.escape(text)}</pre>"
    )


def render_png(figure, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes at ``dpi`` (no tight bounding box: the layout is set once)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _axes_list(axes):
    return list(axes) if isinstance(axes, (tuple, list, np.ndarray)) else [axes]


class Dashboard:
    """Controls wired to a study: the widget a lesson displays.

    ``study(**{name: control.value}, **fixed)`` is computed whenever a control changes; its
    readout goes into an HTML line (class ``su-readout``) and its figure into an image (class
    ``su-figure``). A :class:`~scaling_utils.CourseValueError` from the study (an impossible
    combination of settings) is shown in the readout in place of the figure, so a learner sees
    *why*; any other exception is a bug and propagates.

    Attributes: ``controls`` (name → widget), ``readout``, ``image``, ``widget`` (the box to
    display; the dashboard also displays itself), ``result`` (the last study), ``timings`` (a
    list of ``(compute_seconds, total_seconds)`` per update).
    """

    def __init__(self, study, controls: dict, *, fixed: dict | None = None, columns: int = 2,
                 prefetch: bool = False, joint=()):
        import ipywidgets as widgets

        self.study = study
        self.joint = tuple(tuple(group) for group in joint)
        self.prefetch = prefetch
        self._generation = 0
        self.controls = dict(controls)
        self.fixed = dict(fixed or {})
        self.readout = widgets.HTML()
        self.readout.add_class("su-readout")
        self.image = widgets.Image(format="png")
        self.image.add_class("su-figure")
        self.image.layout.max_width = "100%"
        self.image.layout.align_self = "flex-start"  # its own size, not stretched (and blurred)
        self.result = None
        self.timings: list[tuple[float, float]] = []
        self._figure = None
        self._axes = None
        for control in self.controls.values():
            control.observe(self.update, names="value")
        rows = [widgets.HBox(list(self.controls.values())[i: i + columns])
                for i in range(0, len(self.controls), columns)]
        self.widget = widgets.VBox([*rows, self.readout, self.image])
        self.widget.add_class("su-dashboard")
        self.update()

    def step(self, name: str | None = None, steps: int = 1) -> None:
        """Move control ``name`` (default: the first) by ``steps`` of its step, as a learner
        would with the arrow keys; a drop-down moves to the next option, a range slider moves its
        upper end. Bounces back from the end of the range."""
        control = self.controls[name] if name is not None else next(iter(self.controls.values()))
        control.value = _moved(control, steps)

    def _prefetch(self) -> None:
        """Compute, in the background, the settings one step away from the current one on each
        control, so that the next step finds its study in the cache. Stops as soon as a control
        moves again."""
        values = self.values()
        nearby = []
        for name, control in self.controls.items():
            for steps in (1, -1):
                value = _moved(control, steps)
                if value != values[name]:
                    nearby.append({**values, name: value})
        generation = self._generation

        def work():
            for setting in nearby:
                if self._generation != generation:
                    return
                try:
                    self.study(**setting, **self.fixed)
                except _validate.CourseValueError:
                    pass

        threading.Thread(target=work, daemon=True, name="dashboard-prefetch").start()

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def update(self, _change=None) -> None:
        """Recompute the study for the controls' values and show it."""
        self._generation += 1
        start = time.perf_counter()
        try:
            result = self.study(**self.values(), **self.fixed)
        except _validate.CourseValueError as error:
            self.readout.value = readout_html(f"Not possible with these settings: {error}",
                                              alert=True)
            self.image.layout.visibility = "hidden"
            return
        computed = time.perf_counter()
        self.result = result
        self.readout.value = readout_html(str(result))
        self.image.value = render_png(self._draw(result))
        self.image.layout.visibility = "visible"
        self.timings.append((computed - start, time.perf_counter() - start))
        if self.prefetch:
            self._prefetch()

    def _draw(self, result):
        import matplotlib.pyplot as plt

        if self._figure is None:
            self._figure, self._axes = result.new_figure()
            plt.close(self._figure)  # not shown by the inline backend; we send our own PNG
            result.plot(self._axes)
            # Lay out once. (``figure.tight_layout()`` would leave a placeholder layout engine
            # behind, which makes every savefig draw the figure twice.)
            from matplotlib.layout_engine import TightLayoutEngine

            TightLayoutEngine().execute(self._figure)
        else:
            for ax in _axes_list(self._axes):
                plotting.clear_axes(ax)
            result.plot(self._axes)
        return self._figure

    def _ipython_display_(self):
        from IPython.display import HTML, display

        from . import handout

        if handout.is_active():
            display(HTML(handout.static_dashboard_html(self)))
        else:
            display(self.widget)

    def __repr__(self) -> str:
        return f"<Dashboard of {getattr(self.study, '__name__', 'a study')}>"


def dashboard(study, controls: dict, *, fixed: dict | None = None, columns: int = 2,
              prefetch: bool = False, joint=()) -> Dashboard:
    """Wire ipywidgets ``controls`` to ``study`` (see :class:`Dashboard`). With ``prefetch``, the
    settings one step away are computed in the background after each update (for studies that
    take tens of milliseconds and cache their results). ``joint`` names pairs of controls that
    only make sense together: an offline handout offers a small grid of both instead of one
    control at a time (:mod:`scaling_utils.widgets.handout`)."""
    for group in joint:
        unknown = set(group) - set(controls)
        if unknown:
            raise _validate.CourseValueError(f"joint names controls this dashboard lacks: "
                                             f"{sorted(unknown)}; it has {sorted(controls)}.")
    return Dashboard(study, controls, fixed=fixed, columns=columns, prefetch=prefetch,
                     joint=joint)


def _moved(control, steps: int):
    """The value ``control`` would take ``steps`` steps away (bouncing back at the ends)."""
    if hasattr(control, "options"):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return options[(options.index(control.value) + steps) % len(options)]
    if isinstance(control.value, tuple):
        low, high = control.value
        moved = high + steps * control.step
        if not low < moved <= control.max:
            moved = high - steps * control.step
        return (low, moved)
    moved = control.value + steps * control.step
    if not control.min <= moved <= control.max:
        moved = control.value - steps * control.step
    if isinstance(control.value, int):
        return int(moved)
    return round(moved, 12)


def _format_for(step: float) -> str:
    """Enough decimals to show every value a slider of this ``step`` can take."""
    for decimals in range(0, 7):
        if abs(round(step * 10**decimals) - step * 10**decimals) < 1e-9:
            return f".{decimals}f"
    return ".6g"


_STYLE = {"description_width": "initial"}


def int_slider(description, value, low, high, step=1):
    """An integer slider that reports only when released."""
    import ipywidgets as widgets

    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             continuous_update=False, style=_STYLE,
                             layout=widgets.Layout(width="360px"))


def float_slider(description, value, low, high, step, *, readout_format=None):
    """A float slider whose readout shows the value at its step (``readout_format``: a d3
    format such as ``".2%"`` to show a fraction as a percentage)."""
    import ipywidgets as widgets

    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               continuous_update=False,
                               readout_format=readout_format or _format_for(step),
                               style=_STYLE, layout=widgets.Layout(width="360px"))


def log_slider(description, value, low_exponent, high_exponent, step=0.01):
    """A slider over ``10**low_exponent … 10**high_exponent`` on a log scale."""
    import ipywidgets as widgets

    return widgets.FloatLogSlider(value=value, base=10, min=low_exponent, max=high_exponent,
                                  step=step, description=description, continuous_update=False,
                                  readout_format=".3g", style=_STYLE,
                                  layout=widgets.Layout(width="360px"))


def dropdown(description, options, value=None):
    """A drop-down list of ``options``."""
    import ipywidgets as widgets

    options = list(options)
    return widgets.Dropdown(options=options, value=options[0] if value is None else value,
                            description=description, style=_STYLE)
