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

__all__ = ["single_thread", "single_threaded"]

_controller = None


def _get_controller():
    global _controller
    if _controller is None:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # pragma: no cover - threadpoolctl is a dependency of the course
            return None
        _controller = ThreadpoolController()
    return _controller


@contextlib.contextmanager
def single_thread():
    """A context in which BLAS (OpenBLAS, MKL, BLIS, Accelerate) uses one thread."""
    controller = _get_controller()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield


def single_threaded(function):
    """Decorate ``function`` so that it always runs under :func:`single_thread`."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with single_thread():
            return function(*args, **kwargs)

    return wrapper
