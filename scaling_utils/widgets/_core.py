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

from .. import _blas, _validate, plotting

__all__ = ["View", "make_view", "Dashboard", "dashboard", "int_slider", "float_slider",
           "log_slider", "dropdown", "readout_html", "render_png", "DPI"]

#: Resolution of a dashboard's picture (the house style's figure dpi).
DPI = 90


@dataclass
class View:
    """What a dashboard shows for one setting of its controls: the study and its figure.

    ``result`` is the study (numbers as attributes), ``summary`` its readout text, ``figure``
    a matplotlib figure. Every ``*_view`` function of :mod:`scaling_utils.widgets` returns one
    (through :func:`make_view`); tests and handouts read it without a browser. Its ``repr`` is
    the readout, never the figure's (which holds a memory address).

    Attributes
    ----------
    result : Study
        The study of this setting.
    figure : matplotlib Figure
        The study drawn on a new figure.
    summary : str
        ``str(result)``, the readout.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> view = widgets.ols_view(10, 40, 0.5)
    >>> f"{view.result.theory:.4g}", type(view.figure).__name__
    ('0.3362', 'Figure')
    >>> print(view.summary.splitlines()[0])
    N = 10 features, D = 40 samples, σ = 0.50
    >>> plt.close(view.figure)

    Introduced in lesson 00.
    """

    result: object
    figure: object  # a matplotlib Figure

    @property
    def summary(self) -> str:
        """The readout: ``str(result)``."""
        return str(self.result)

    def __repr__(self) -> str:  # the figure's repr holds a memory address; keep text stable
        return f"View(summary={self.summary!r})"


def make_view(result) -> View:
    """Draw ``result`` (a study) on a new figure and return both as a :class:`View`.

    The figure is :meth:`~scaling_utils.studies.Study.new_figure`, drawn by
    :meth:`~scaling_utils.studies.Study.plot` and laid out tightly: the same picture a dashboard
    shows for that setting.

    Parameters
    ----------
    result : Study
        A study of :mod:`scaling_utils.studies`.

    Returns
    -------
    View

    Raises
    ------
    Nothing of its own (a study's inputs were checked when it was computed).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import studies, widgets
    >>> view = widgets.make_view(studies.floor_guess(0.5, x=[1, 10, 100], y=[3.0, 1.2, 0.8]))
    >>> len(view.figure.axes), view.summary.startswith("floor guess 0.500")
    (2, True)
    >>> plt.close(view.figure)

    Introduced in lesson 00.
    """
    fig, axes = result.new_figure()
    result.plot(axes)
    fig.tight_layout()
    return View(result, fig)


def readout_html(text: str, *, alert: bool = False) -> str:
    """A readout as HTML: monospace, wrapped only at spaces (never inside a number or a word).

    Parameters
    ----------
    text : str
        The readout; HTML special characters are escaped.
    alert : bool, default False
        Whether to show it in vermillion (for a setting the study refuses).

    Returns
    -------
    str
        A ``<pre>`` element.

    Raises
    ------
    Nothing of its own.

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> html = widgets.readout_html("N < D")
    >>> html.startswith("<pre"), html.endswith(">N &lt; D</pre>"), "word-break:keep-all" in html
    (True, True, True)
    >>> "color:#D55E00" in widgets.readout_html("Not possible", alert=True)
    True

    Introduced in lesson 00.
    """
    color = plotting.PALETTE["vermillion"] if alert else "inherit"
    return (
        '<pre style="margin:4px 0;white-space:pre-wrap;word-break:keep-all;'
        f'overflow-wrap:normal;font-size:12.5px;line-height:1.35;color:{color}">'
        f"{html.escape(text)}</pre>"
    )


def render_png(figure, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes at ``dpi`` (no tight bounding box: the layout is set once).

    Parameters
    ----------
    figure : matplotlib Figure
    dpi : int, default DPI
        Dots per inch (90, the house style's).

    Returns
    -------
    bytes

    Raises
    ------
    Nothing of its own.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from scaling_utils import widgets
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> png = widgets.render_png(fig)
    >>> png[1:4]
    b'PNG'
    >>> plt.close(fig)

    Introduced in lesson 00.
    """
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

    The dashboard keeps one figure: on each update it clears the axes
    (:func:`scaling_utils.plotting.clear_axes`), lets the study draw again and sends a PNG to the
    image. While a handout is being built (:mod:`scaling_utils.widgets.handout`) it displays
    itself as a kernel-free page instead.

    Parameters
    ----------
    study : callable
        A function of :mod:`scaling_utils.studies` (or any callable returning a ``Study``),
        called with a keyword argument per control and per fixed value.
    controls : dict
        ``{argument name: ipywidgets control}``; the first is the one :meth:`step` moves.
    fixed : dict, optional
        Arguments that no control changes (the data of lesson 00's dashboards).
    columns : int, default 2
        Controls per row.

    Raises
    ------
    Exception
        Anything but a :class:`~scaling_utils.CourseValueError` that ``study`` raises for the
        starting values (a bug, not a setting to explain).

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> board = widgets.ols_dashboard()
    >>> board.step("n_samples")
    >>> board.result.n_samples, len(board.timings), bytes(board.image.value[1:4])
    (61, 2, b'PNG')

    Introduced in lesson 00.
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
        upper end. Bounces back from the end of the range.

        The control's change triggers :meth:`update`, as a learner's would.

        Parameters
        ----------
        name : str, optional
            The control to move (a key of ``controls``); the first one when None.
        steps : int, default 1
            How many steps, either way (a drop-down cycles through its options).

        Returns
        -------
        None

        Raises
        ------
        KeyError
            When ``name`` is not one of the controls.

        Examples
        --------
        >>> from scaling_utils import widgets
        >>> board = widgets.isoflop_dashboard()
        >>> board.step("law_name")
        >>> board.result.law_name
        'Hoffmann et al. 2022 (as printed)'
        >>> board.step("log10_params", -2)
        >>> board.values()["log10_params"]
        8.9

        Introduced in lesson 00.
        """
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
        """The controls' current values, ``{name: value}``.

        Examples
        --------
        >>> from scaling_utils import widgets
        >>> widgets.ols_dashboard(n_features=20, n_samples=60).values()
        {'n_features': 20, 'n_samples': 60, 'noise_std': 1.0}

        Introduced in lesson 00.
        """
        return {name: control.value for name, control in self.controls.items()}

    def update(self, _change=None) -> None:
        """Recompute the study for the controls' values and show it.

        Called by every change of a control. A :class:`~scaling_utils.CourseValueError` from the
        study is shown in the readout ("Not possible with these settings: …") and hides the
        picture; ``result`` keeps the last study that could be computed.

        Parameters
        ----------
        _change : dict, optional
            The change ipywidgets reports (unused).

        Returns
        -------
        None

        Raises
        ------
        Exception
            Anything but a :class:`~scaling_utils.CourseValueError` that the study raises (a
            bug: it propagates).

        Examples
        --------
        >>> from scaling_utils import widgets
        >>> board = widgets.ols_dashboard(n_features=20, n_samples=60)
        >>> board.controls["n_samples"].value = 10      # fewer samples than N + 2
        >>> "Not possible with these settings" in board.readout.value, board.result.n_samples
        (True, 60)
        >>> board.image.layout.visibility
        'hidden'

        Introduced in lesson 00.
        """
        self._generation += 1
        start = time.perf_counter()
        try:
            with _blas.single_thread():  # the course's matrices are small (see _blas)
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
    """Wire ipywidgets ``controls`` to ``study`` (see :class:`Dashboard`).

    Parameters
    ----------
    study : callable
        Called as ``study(**{name: control.value}, **fixed)``; returns a ``Study``.
    controls : dict
        ``{argument name: ipywidgets control}``.
    fixed : dict, optional
        Arguments that no control changes.
    columns : int, default 2
        Controls per row.
    prefetch : bool, default False
        After each update, compute the settings one step away in a background thread (for
        studies that take tens of milliseconds and cache their results).
    joint : sequence of pairs of control names, optional
        Controls that only make sense together: an offline handout offers a small grid of both
        instead of one control at a time (:mod:`scaling_utils.widgets.handout`).

    Returns
    -------
    Dashboard

    Raises
    ------
    CourseValueError
        When ``joint`` names a control the dashboard lacks.
    Exception
        Anything but a :class:`~scaling_utils.CourseValueError` that ``study`` raises for the
        starting values.

    Examples
    --------
    >>> from scaling_utils import studies, widgets
    >>> board = widgets.dashboard(
    ...     studies.floor_guess, {"floor": widgets.float_slider("floor", 0.5, 0.0, 0.6, 0.1)},
    ...     fixed={"x": [1, 10, 100, 1000], "y": [3.0, 1.5, 0.9, 0.7]})
    >>> board
    <Dashboard of floor_guess>
    >>> f"{board.result.r2:.4f}"
    '0.9959'

    Introduced in lesson 00.
    """
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
    """An integer slider that reports only when released.

    Parameters
    ----------
    description : str
        The label, with the symbol of the lesson (``"features N"``).
    value : int
        The starting value (a value outside the range is moved to its nearer end).
    low, high : int
        The range.
    step : int, default 1

    Returns
    -------
    ipywidgets.IntSlider

    Raises
    ------
    traitlets.TraitError
        When ``low > high`` (ipywidgets refuses).

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> slider = widgets.int_slider("features N", 20, 2, 60)
    >>> slider.value, slider.min, slider.max, slider.continuous_update
    (20, 2, 60, False)

    Introduced in lesson 01.
    """
    import ipywidgets as widgets

    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             continuous_update=False, style=_STYLE,
                             layout=widgets.Layout(width="360px"))


def float_slider(description, value, low, high, step, *, readout_format=None):
    """A float slider whose readout shows the value at its step (``readout_format``: a d3
    format such as ``".2%"`` to show a fraction as a percentage).

    By default the readout has as many decimals as the step needs (``.2f`` for a step of 0.05),
    so it never rounds a value the slider can take. It reports only when released.

    Parameters
    ----------
    description : str
        The label.
    value : float
        The starting value.
    low, high, step : float
        The range and the step.
    readout_format : str, optional
        A d3 format for the readout.

    Returns
    -------
    ipywidgets.FloatSlider

    Raises
    ------
    traitlets.TraitError
        When ``low > high`` (ipywidgets refuses).

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> widgets.float_slider("noise σ", 1.0, 0.1, 3.0, 0.05).readout_format
    '.2f'
    >>> widgets.float_slider("noise", 0.03, 0.0, 0.15, 0.005, readout_format=".1%").readout_format
    '.1%'

    Introduced in lesson 00.
    """
    import ipywidgets as widgets

    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               continuous_update=False,
                               readout_format=readout_format or _format_for(step),
                               style=_STYLE, layout=widgets.Layout(width="360px"))


def log_slider(description, value, low_exponent, high_exponent, step=0.01):
    """A slider over ``10**low_exponent … 10**high_exponent`` on a log scale.

    Each step multiplies the value by ``10**step``; the readout shows three significant digits.
    It reports only when released.

    Parameters
    ----------
    description : str
        The label.
    value : float
        The starting value (> 0; not its exponent).
    low_exponent, high_exponent : float
        The range, as powers of ten.
    step : float, default 0.01
        The step of the exponent.

    Returns
    -------
    ipywidgets.FloatLogSlider

    Raises
    ------
    traitlets.TraitError
        When ``low_exponent > high_exponent`` (ipywidgets refuses).

    Examples
    --------
    >>> from scaling_utils import widgets
    >>> slider = widgets.log_slider("height", 100.0, 0, 4)
    >>> slider.value, slider.min, slider.max, slider.readout_format
    (100.0, 0.0, 4.0, '.3g')

    Introduced in lesson 00.
    """
    import ipywidgets as widgets

    return widgets.FloatLogSlider(value=value, base=10, min=low_exponent, max=high_exponent,
                                  step=step, description=description, continuous_update=False,
                                  readout_format=".3g", style=_STYLE,
                                  layout=widgets.Layout(width="360px"))


def dropdown(description, options, value=None):
    """A drop-down list of ``options``.

    Parameters
    ----------
    description : str
        The label.
    options : iterable
        The choices (for a dict, its keys).
    value : optional
        The starting choice; the first option when None.

    Returns
    -------
    ipywidgets.Dropdown

    Raises
    ------
    traitlets.TraitError
        When ``value`` is not one of ``options`` (ipywidgets refuses).

    Examples
    --------
    >>> from scaling_utils import studies, widgets
    >>> menu = widgets.dropdown("law", studies.LAWS_04)
    >>> menu.value
    'Besiroglu et al. 2024 (refit)'

    Introduced in lesson 04.
    """
    import ipywidgets as widgets

    options = list(options)
    return widgets.Dropdown(options=options, value=options[0] if value is None else value,
                            description=description, style=_STYLE)
