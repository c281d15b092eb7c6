"""One BLAS thread for the course's small matrices.

On a 2-core laptop a multi-threaded OpenBLAS spends more time handing a small matrix product to
its threads than computing it: a batched ``xᵀx`` over 200 small matrices took 12 ms on one
thread and up to 1.8 s on two under load. Functions that multiply many small matrices run inside
:func:`single_thread`, which limits BLAS to one thread for the duration of the call and restores
the caller's setting afterwards (through ``threadpoolctl``, the well-kept way to do this from
Python: ``OPENBLAS_NUM_THREADS`` acts only before numpy is imported).
"""

from __future__ import annotations

import contextlib
import functools
import threading

__all__ = ["single_thread", "single_threaded"]

_loaded: tuple = ()
_controller = None
# BLAS thread limits are process-wide, and a dashboard computes its next settings in a
# background thread while the learner's cell may run too. The first block to enter sets the
# limit and the last to leave restores it; without this count two overlapping blocks could
# restore in the wrong order and leave BLAS on one thread for good.
_lock = threading.Lock()
_depth = 0
_limiter = None


def _get_controller():
    """A ``threadpoolctl`` controller of every BLAS loaded now (made again when a library was
    loaded since: scipy brings its own OpenBLAS the first time a fit runs)."""
    global _controller, _loaded
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency of the course
        return None
    import sys

    loaded = tuple(sorted(name for name in ("numpy", "scipy.linalg", "sklearn")
                          if name in sys.modules))
    if _controller is None or loaded != _loaded:
        _controller, _loaded = ThreadpoolController(), loaded
    return _controller


@contextlib.contextmanager
def single_thread():
    """A context in which BLAS uses one thread.

    Inside the ``with`` block the BLAS libraries that ``threadpoolctl`` controls (OpenBLAS, MKL,
    BLIS, FlexiBLAS; not Apple's Accelerate, which keeps its threads) are limited to one thread;
    on leaving it (normally or through an exception) each gets back the number of threads it
    had. Blocks may overlap, in one thread or several (a dashboard computes ahead in the
    background): the first to enter sets the limit and the last to leave restores it. The libraries are every BLAS loaded at the time: numpy's, which the course's small
    matrix products run on, and scipy's own OpenBLAS once a fit has loaded it. Without
    ``threadpoolctl`` (a dependency of the course, so only in a broken environment) the block
    runs unchanged.

    Yields
    ------
    None

    Examples
    --------
    >>> import numpy as np
    >>> from scaling_utils import _blas
    >>> x = np.ones((200, 5, 3))
    >>> with _blas.single_thread():
    ...     gram = np.swapaxes(x, 1, 2) @ x
    ...     blas = [lib for lib in _blas._get_controller().info() if lib["user_api"] == "blas"]
    >>> gram.shape, all(lib["num_threads"] == 1 for lib in blas)
    ((200, 3, 3), True)

    Introduced in lesson 01.
    """
    global _depth, _limiter
    with _lock:
        if _depth == 0:
            controller = _get_controller()
            _limiter = None if controller is None else controller.limit(limits=1,
                                                                         user_api="blas")
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _limiter is not None:
                _limiter.restore_original_limits()
                _limiter = None


def single_threaded(function):
    """Decorate ``function`` so that it always runs under :func:`single_thread`.

    Parameters
    ----------
    function : callable
        The function to run with one BLAS thread.

    Returns
    -------
    callable
        A function with the same name, docstring, arguments and result.

    Raises
    ------
    Whatever ``function`` raises (the caller's BLAS threads are restored first); nothing of its
    own.

    Examples
    --------
    >>> from scaling_utils import _blas
    >>> @_blas.single_threaded
    ... def blas_threads():
    ...     "The number of threads of each BLAS library that single_thread limits."
    ...     libraries = _blas._get_controller().info()
    ...     return [lib["num_threads"] for lib in libraries if lib["user_api"] == "blas"]
    >>> all(threads == 1 for threads in blas_threads()), blas_threads.__doc__
    (True, 'The number of threads of each BLAS library that single_thread limits.')

    Introduced in lesson 01.
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with single_thread():
            return function(*args, **kwargs)

    return wrapper
