"""Work spread over the machine's cores with forked processes: a worker inherits the build's state (records,
templates) at no cost and gets only a job number; it returns small results or writes files itself.

Used where the work is per item and independent: data files, public views, pages.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_state: dict = {}


def workers() -> int:
    """Both cores of the reference machine; one where fork is not available."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def run(job: Callable[[dict, T], R], items: Sequence[T], state: dict, processes: int | None = None) -> list[R]:
    """job(state, item) for every item, in order. `state` is handed to the workers by fork, not by pickling."""
    processes = workers() if processes is None else processes
    if processes <= 1 or len(items) <= 1:
        return [job(state, item) for item in items]
    _state.clear()
    _state.update(state)
    _state["__job__"] = job
    try:
        with multiprocessing.get_context("fork").Pool(min(processes, len(items))) as pool:
            return pool.map(_call, items, chunksize=1)
    finally:
        _state.clear()


def _call(item):
    return _state["__job__"](_state, item)
